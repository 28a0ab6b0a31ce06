"""Legal outcomes of checks that depend on the conversion rule, the fine's currency and the
regime: each pins a verdict or a figure that a wrong rate, date or regime would change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gdprfine.check import check_fine
from gdprfine.dates import FinancialYear
from gdprfine.errors import LawLookupError
from gdprfine.fx import resolve_rates, turnover_rate
from gdprfine.money import ExchangeRate, Money

FY2020 = FinancialYear.calendar(2020)
AMAZON_TURNOVER = Money("386064000000", "USD")
DECIDED = date(2021, 7, 15)
# Within the cap at the FY2020 mean (EUR 13.52 bn) and at the decision-date fixing
# (EUR 13.08 bn), above it at the year-end fixing (EUR 12.58 bn).
FINE = Money("13000000000", "EUR")


@pytest.mark.parametrize(
    ("fx", "rule", "rate", "verdict"),
    [
        (None, "ecb-mean", "1.142196", "within"),
        ("mean", "ecb-mean", "1.142196", "within"),
        ("year-end", "ecb-year-end", "1.2271", "exceeds"),
        ("decision-date", "ecb-on-date", "1.1809", "within"),
    ],
)
def test_the_conversion_rule_decides_the_cap(
    fx: str | None, rule: str, rate: str, verdict: str
) -> None:
    v = check_fine(
        FINE,
        tier="83(5)",
        turnover=AMAZON_TURNOVER,
        financial_year=FY2020,
        on=DECIDED,
        fx_rule=fx,  # type: ignore[arg-type]
    )
    assert v.turnover_exchange_rate is not None
    assert v.turnover_exchange_rate.rule == rule
    assert v.turnover_exchange_rate.base == "EUR"
    assert v.turnover_exchange_rate.quote == "USD"
    assert v.turnover_exchange_rate.rate == Decimal(rate)
    assert v.verdict == verdict


def test_decision_date_rule_without_a_date_needs_a_rate() -> None:
    v = check_fine(
        FINE, tier="83(5)", turnover=AMAZON_TURNOVER, financial_year=FY2020, fx_rule="decision-date"
    )
    assert v.verdict == "undetermined"
    assert v.turnover is None
    assert "an exchange rate USD -> EUR for the turnover" in v.needs


def test_turnover_rate_by_rule() -> None:
    assert turnover_rate("USD", "EUR", rule="decision-date", financial_year=FY2020) is None
    assert turnover_rate("USD", "EUR", rule="mean", on=DECIDED) is None
    on_date = turnover_rate("USD", "EUR", rule="decision-date", on=DECIDED)
    assert on_date is not None
    assert (on_date.rule, on_date.rate, on_date.end) == ("ecb-on-date", Decimal("1.1809"), DECIDED)
    year_end = turnover_rate("USD", "EUR", rule="year-end", financial_year=FY2020)
    assert year_end is not None
    assert (year_end.rule, year_end.rate, year_end.end) == (
        "ecb-year-end",
        Decimal("1.2271"),
        date(2020, 12, 31),
    )


def test_a_fine_in_another_currency_is_converted_on_the_decision_date() -> None:
    v = check_fine(Money("746000000", "USD"), tier="83(5)", on=DECIDED)
    assert v.fine_in_cap_currency == Money("631721568.30", "EUR")
    assert v.fine_exchange_rate is not None
    assert (v.fine_exchange_rate.rule, v.fine_exchange_rate.rate) == (
        "ecb-on-date",
        Decimal("1.1809"),
    )
    assert v.implied_minimum_turnover == Money("15793039207.50", "EUR")


def test_a_fine_in_another_currency_without_a_date_is_judged_at_every_rate() -> None:
    v = check_fine(Money("1000", "USD"), tier="83(5)", undertaking=False)
    assert v.verdict == "within"
    assert v.fine_in_cap_currency is None
    assert v.needs == []
    assert "is within the cap of EUR 20 000 000.00 at any rate" in v.warnings[0]
    above = check_fine(Money("40000000", "USD"), tier="83(5)", undertaking=False)
    assert above.verdict == "exceeds"
    assert "exceeds the cap" in above.warnings[0]


def test_a_fine_in_another_currency_that_a_date_would_settle_is_undetermined() -> None:
    v = check_fine(Money("20000000", "USD"), tier="83(5)", undertaking=False)
    assert v.verdict == "undetermined"
    assert v.fine_in_cap_currency is None
    assert v.needs[0].startswith("the decision date, to convert the fine at that day's ECB fixing")
    assert "between EUR 12 507 817.39 and EUR 24 236 548.72" in v.needs[0]
    dated = check_fine(Money("20000000", "USD"), tier="83(5)", undertaking=False, on=DECIDED)
    assert dated.verdict == "within"


def test_a_stated_fine_rate_is_kept() -> None:
    stated = ExchangeRate(base="EUR", quote="USD", rate=Decimal("2"))
    v = check_fine(Money("746000000", "USD"), tier="83(5)", on=DECIDED, fine_rate=stated)
    assert v.fine_in_cap_currency == Money("373000000.00", "EUR")
    assert v.fine_exchange_rate == stated


def test_resolve_rates_leaves_what_needs_no_conversion() -> None:
    fine_rate, turnover_rate = resolve_rates(
        "EUR", fine=Money("1", "EUR"), turnover=Money("1", "EUR"), financial_year=FY2020, on=DECIDED
    )
    assert (fine_rate, turnover_rate) == (None, None)
    _, stated = resolve_rates(
        "EUR",
        fine=Money("1", "EUR"),
        turnover=Money("1", "USD"),
        turnover_rate_given=ExchangeRate(base="EUR", quote="USD", rate=Decimal("2")),
        financial_year=FY2020,
    )
    assert stated is not None
    assert stated.rate == Decimal("2")
    _, replaced = resolve_rates(
        "EUR",
        fine=Money("1", "EUR"),
        turnover=Money("1", "USD"),
        turnover_rate_given=ExchangeRate(base="EUR", quote="USD", rate=Decimal("2")),
        financial_year=FY2020,
        rule="year-end",
    )
    assert replaced is not None
    assert replaced.rate == Decimal("1.2271")


def test_articles_are_classified_in_the_regime_checked() -> None:
    v = check_fine(
        Money("18000000", "GBP"), articles="Art. 6", regime_id="uk-gdpr", undertaking=False
    )
    assert (v.regime, v.tier, v.verdict) == ("uk-gdpr", "83(5)", "exceeds")
    assert v.cap is not None
    assert (v.cap.amount.amount, v.cap.amount.currency) == (Decimal("17500000"), "GBP")


def test_a_decision_on_the_day_the_gdpr_applies_is_checked() -> None:
    v = check_fine(Money("1000", "EUR"), tier="83(5)", on=date(2018, 5, 25))
    assert v.verdict == "within"


def test_without_a_fineable_article_the_converted_fine_and_the_case_are_reported() -> None:
    v = check_fine(Money("746000000", "USD"), articles="Art. 24", on=DECIDED)
    assert (v.verdict, v.tier, v.cap) == ("undetermined", None, None)
    assert v.fine_in_cap_currency == Money("631721568.30", "EUR")


def test_a_tier_or_regime_that_is_not_text_is_a_lookup_error() -> None:
    with pytest.raises(LawLookupError, match="a tier is 83"):
        check_fine(Money("1", "EUR"), tier=5)  # type: ignore[arg-type]
    with pytest.raises(LawLookupError, match="known regimes"):
        check_fine(Money("1", "EUR"), tier="83(5)", regime_id=5)  # type: ignore[arg-type]
