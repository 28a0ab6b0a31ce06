"""Verdicts with their trace: the Amazon worked example, bare fines, warnings and bad input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gdprfine.cases import CaseRecord, load_case, parse_case
from gdprfine.check import Verdict, cap_report, check_case, check_fine
from gdprfine.dates import FinancialYear
from gdprfine.errors import InvalidAmount, InvalidInput, LawLookupError
from gdprfine.money import ExchangeRate, Money
from gdprfine.trace import percent

ROOT = Path(__file__).resolve().parent.parent
AMAZON = ROOT / "examples" / "amazon-2021.toml"


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


@pytest.fixture(scope="module")
def amazon() -> CaseRecord:
    return load_case(AMAZON)


RATE_2020 = ExchangeRate(
    base="EUR",
    quote="USD",
    rate=Decimal("1.1422"),
    rule="ecb-mean",
    start=date(2020, 1, 1),
    end=date(2020, 12, 31),
    fixings=257,
    source="ECB euro reference rates, mean of the 2020 daily fixings",
)


def with_rate(case: CaseRecord, rate: ExchangeRate) -> CaseRecord:
    assert case.turnover is not None
    return case.model_copy(
        update={"turnover": case.turnover.model_copy(update={"exchange_rate": rate})}
    )


@pytest.fixture(scope="module")
def amazon_verdict(amazon: CaseRecord) -> Verdict:
    return check_case(amazon)


@pytest.fixture(scope="module")
def amazon_exact(amazon: CaseRecord) -> Verdict:
    return check_case(with_rate(amazon, RATE_2020))


def references(verdict: Verdict) -> list[str]:
    return [step.reference for step in verdict.trace]


def test_amazon_within(amazon_verdict: Verdict) -> None:
    v = amazon_verdict
    assert v.verdict == "within"
    assert v.case == "cnpd-amazon-2021"
    assert v.regime == "eu-gdpr"
    assert v.tier == "83(5)"
    assert v.fine == eur("746000000")
    assert v.warnings == []
    assert v.needs == []


def test_amazon_cap_is_the_turnover_limb(amazon_verdict: Verdict) -> None:
    cap = amazon_verdict.cap
    assert cap is not None
    assert cap.limb == "turnover"
    assert cap.amount.currency == "EUR"
    assert not cap.lower_bound
    assert abs(cap.amount.amount - Decimal("13.52e9")) < Decimal("0.005e9")
    assert amazon_verdict.turnover is not None
    assert cap.amount.amount == amazon_verdict.turnover.amount * Decimal("0.04")


def test_amazon_shares(amazon_verdict: Verdict) -> None:
    share_turnover = amazon_verdict.fine_share_of_turnover
    share_cap = amazon_verdict.fine_share_of_cap
    assert share_turnover is not None
    assert share_cap is not None
    assert percent(share_turnover) == "0.2207 %"
    assert percent(share_cap, 2) == "5.52 %"


def test_amazon_at_the_stated_2020_mean_exact(amazon_exact: Verdict) -> None:
    assert amazon_exact.verdict == "within"
    assert amazon_exact.turnover == eur("338000350201.37")
    assert amazon_exact.cap is not None
    assert amazon_exact.cap.amount.amount == Decimal("13520014008.0548")
    assert amazon_exact.fine_share_of_turnover == Decimal("0.002207098305")
    assert amazon_exact.fine_share_of_cap == Decimal("0.055177457624")
    steps = {step.step: step for step in amazon_exact.trace}
    assert "1.1422" in steps["turnover in the cap's currency"].value
    assert steps["legal maximum"].value == (
        "max(EUR 20 000 000, EUR 13 520 014 008.0548) = EUR 13 520 014 008.0548 (turnover limb)"
    )


def test_amazon_implied_minimum_turnover(amazon_verdict: Verdict) -> None:
    assert amazon_verdict.implied_minimum_turnover == eur("18650000000.00")


def test_amazon_trace_cites_the_law(amazon_verdict: Verdict) -> None:
    refs = references(amazon_verdict)
    assert "Article 83(5)" in refs
    assert "Article 83(3)" in refs
    assert "Recital 150; Art. 83(4)-(6)" in refs
    assert "Article 83(5)(a)" in refs
    assert "Article 83(5)(b)" in refs
    steps = {step.step: step for step in amazon_verdict.trace}
    assert steps["gravest infringement"].value == "Art. 83(5): one cap for all 8 infringements"
    assert steps["undertaking"].value.startswith("Amazon.com, Inc. (group) is an undertaking")
    assert steps["legal maximum"].value.startswith("max(EUR 20 000 000, EUR 13 52")
    assert steps["preceding financial year"].reference.endswith("[check]")


def test_amazon_wrong_year_warns(amazon: CaseRecord) -> None:
    assert amazon.turnover is not None
    rate_2019 = RATE_2020.model_copy(
        update={
            "rate": Decimal("1.1195"),
            "start": date(2019, 1, 1),
            "end": date(2019, 12, 31),
            "fixings": 255,
        }
    )
    turnover = amazon.turnover.model_copy(
        update={
            "amount": Money("280522000000", "USD"),
            "financial_year": FinancialYear.calendar(2019),
            "exchange_rate": rate_2019,
        }
    )
    v = check_case(amazon.model_copy(update={"turnover": turnover}))
    assert v.verdict == "within"
    assert len(v.warnings) == 1
    assert "FY2019" in v.warnings[0]
    assert "FY2020" in v.warnings[0]
    assert v.cap is not None
    assert abs(v.cap.amount.amount - Decimal("10023e6")) < Decimal("1e6")
    assert v.fine_share_of_turnover is not None
    assert v.fine_share_of_cap is not None
    assert percent(v.fine_share_of_turnover) == "0.2977 %"
    assert percent(v.fine_share_of_cap, 2) == "7.44 %"


def test_undetermined_without_turnover() -> None:
    v = check_fine(eur("746000000"), tier="83(5)")
    assert v.verdict == "undetermined"
    assert v.cap is not None
    assert v.cap.lower_bound
    assert v.cap.amount.amount == Decimal("20000000")
    assert v.implied_minimum_turnover == eur("18650000000.00")
    assert v.needs == [
        "turnover >= EUR 18 650 000 000.00 (worldwide annual turnover of the undertaking in "
        "the preceding financial year)"
    ]
    assert v.fine_share_of_cap is None


def test_within_static_without_turnover() -> None:
    v = check_fine(eur("20000000"), tier="83(5)")
    assert v.verdict == "within"
    assert v.implied_minimum_turnover is None
    assert v.fine_share_of_cap == Decimal("1")


def test_exceeds_non_undertaking() -> None:
    v = check_fine(eur("25000000"), tier="83(4)", undertaking=False)
    assert v.verdict == "exceeds"
    assert v.cap is not None
    assert v.cap.amount.amount == Decimal("10000000")
    assert v.implied_minimum_turnover is None
    assert v.fine_share_of_cap == Decimal("2.5")
    assert any(step.step == "not an undertaking" for step in v.trace)


def test_exceeds_with_turnover() -> None:
    v = check_fine(eur("40000000.01"), tier="83(5)", turnover=eur("1000000000"))
    assert v.verdict == "exceeds"
    v = check_fine(eur("40000000"), tier="83(5)", turnover=eur("1000000000"))
    assert v.verdict == "within"
    assert v.fine_share_of_turnover == Decimal("0.04")


def test_share_of_a_tiny_turnover() -> None:
    v = check_fine(eur("10000000000"), tier="83(4)", turnover=eur("0.000001"))
    assert v.verdict == "exceeds"
    assert v.fine_share_of_turnover == Decimal("10000000000000000")
    assert v.json_dict()["fine_share_of_turnover"] == "10000000000000000.000000000000"


def test_articles_pick_the_gravest_tier() -> None:
    v = check_fine(eur("15000000"), articles="Art. 32 GDPR, Art. 6(1) GDPR", undertaking=False)
    assert v.tier == "83(5)"
    assert v.verdict == "within"
    assert "Article 83(3)" in references(v)


def test_no_fineable_article() -> None:
    v = check_fine(eur("1000000"), articles="Art. 24 GDPR")
    assert v.verdict == "undetermined"
    assert v.tier is None
    assert v.cap is None
    assert v.warnings == [
        "Art. 24 GDPR is not listed in Art. 83(4)-(6): it carries no fine under Art. 83 by itself"
    ]


def test_bdsg_next_to_gdpr_warns() -> None:
    v = check_fine(eur("1000000"), articles="Art. 6 (1) f) GDPR, § 26 BDSG")
    assert v.tier == "83(5)"
    assert v.verdict == "within"
    assert v.warnings == ["§ 26 BDSG is not a provision of the GDPR: not fined under its Art. 83"]


def test_tier_given_differs_from_articles() -> None:
    case = parse_case(
        {
            "authority": {"name": "X", "country": "DE"},
            "addressee": "X",
            "decision_date": "2021-01-01",
            "fine": "1000 EUR",
            "articles": "Art. 32 GDPR",
            "tier": "83(5)",
        }
    )
    v = check_case(case)
    assert v.tier == "83(5)"
    assert v.warnings == [
        "the tier given (Art. 83(5)) differs from the gravest tier of the articles (Art. 83(4)); "
        "Art. 83(5) is applied"
    ]


def test_fine_in_other_currency_needs_a_rate() -> None:
    v = check_fine(Money("10000", "ARS"), tier="83(4)")  # a currency the ECB does not fix
    assert v.verdict == "undetermined"
    assert v.needs == ["an exchange rate ARS -> EUR for the fine"]
    rate = ExchangeRate(base="EUR", quote="PLN", rate=Decimal("4.5"))
    v = check_fine(Money("45000", "PLN"), tier="83(4)", fine_rate=rate)
    assert v.verdict == "within"
    assert v.fine_in_cap_currency == eur("10000.00")


def test_turnover_in_other_currency_needs_a_rate() -> None:
    v = check_fine(eur("746000000"), tier="83(5)", turnover=Money("386064000000", "USD"))
    assert v.verdict == "undetermined"
    assert "an exchange rate USD -> EUR for the turnover" in v.needs


@pytest.mark.parametrize(
    ("status", "warning"),
    [
        ("proposed", "the latest status is 'proposed': a draft decision or notice of intent"),
        ("annulled", "the fine was annulled on 2022-01-01"),
    ],
)
def test_status_warnings(status: str, warning: str) -> None:
    case = parse_case(
        {
            "authority": {"name": "X", "country": "DE"},
            "addressee": "X",
            "decision_date": "2021-01-01",
            "fine": "1000 EUR",
            "tier": "83(4)",
            "status": [{"status": status, "date": "2022-01-01"}],
        }
    )
    v = check_case(case)
    assert len(v.warnings) == 1
    assert v.warnings[0].startswith(warning)


def test_uk_regime() -> None:
    v = check_fine(Money("20000000", "GBP"), tier="83(5)", regime_id="uk-gdpr", on=date(2022, 1, 1))
    assert v.regime == "uk-gdpr"
    assert v.cap is not None
    assert v.cap.amount.currency == "GBP"
    assert v.cap.amount.amount == Decimal("17500000")
    assert v.verdict == "undetermined"
    assert "UK GDPR Article 83(5); DPA 2018 s.157 [secondary]" in references(v)


def test_uk_regime_before_2021() -> None:
    with pytest.raises(InvalidInput, match=r"^decision_date: '2020-06-01': before the UK GDPR"):
        check_fine(Money("1", "GBP"), tier="83(5)", regime_id="uk-gdpr", on=date(2020, 6, 1))


def test_decision_before_gdpr_applies() -> None:
    case = parse_case(
        {
            "authority": {"name": "X", "country": "DE"},
            "addressee": "X",
            "decision_date": "2018-05-24",
            "fine": "1000 EUR",
            "tier": "83(4)",
        }
    )
    with pytest.raises(InvalidInput) as info:
        check_case(case)
    assert str(info.value) == ("decision_date: '2018-05-24': before the GDPR applies (2018-05-25)")


def test_check_fine_at_the_turnover_rate_given() -> None:
    v = check_fine(
        eur("746000000"), tier="83(5)", turnover=Money("386064000000", "USD"),
        turnover_rate=RATE_2020,
    )  # fmt: skip
    assert v.turnover_exchange_rate == RATE_2020
    assert v.turnover == eur("338000350201.37")
    # a fine already in the cap's currency needs no conversion, and none is shown
    assert (v.fine_in_cap_currency, v.fine_exchange_rate) == (None, None)


def test_check_fine_never_converts_the_turnover_of_a_non_undertaking() -> None:
    """The ECB publishes no AED rate: asking for one would fail, and is not needed."""
    v = check_fine(
        eur("15000000"), tier="83(5)", turnover=Money("1", "AED"), undertaking=False,
        financial_year=FinancialYear.calendar(2020),
    )  # fmt: skip
    assert (v.verdict, v.cap and v.cap.amount, v.turnover) == ("within", eur("20000000"), None)


def test_check_fine_warns_of_a_turnover_for_another_year_than_the_preceding_one() -> None:
    v = check_fine(
        eur("1000000"), tier="83(5)", turnover=eur("1000000000"),
        financial_year=FinancialYear.calendar(2018), on=date(2021, 7, 15),
    )  # fmt: skip
    assert v.warnings == [
        "the turnover is for FY2018 (2018-01-01..2018-12-31); the financial year preceding the "
        "decision of 2021-07-15 is FY2020 (2020-01-01..2020-12-31)"
    ]


@pytest.mark.parametrize(("articles", "shown"), [(5, "5"), ([5], "[5]")])
def test_articles_that_are_not_text_or_references(articles: object, shown: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        check_fine(eur("1"), articles=articles)  # type: ignore[arg-type]
    assert str(raised.value) == f"articles: {shown}: expected text or ArticleRef values"


def test_a_fine_that_is_not_money() -> None:
    assert check_fine("1000 EUR", tier="83(5)").fine == Money("1000", "EUR")
    with pytest.raises(InvalidAmount) as raised:
        check_fine(1000, tier="83(5)")  # type: ignore[arg-type]
    assert str(raised.value) == "fine: 1000: expected a Money or text such as '1000 EUR'"


def test_negative_fine() -> None:
    with pytest.raises(InvalidAmount) as info:
        check_fine(eur("-1"), tier="83(4)")
    assert str(info.value) == "fine: '-1': a fine must not be negative"


def test_negative_turnover() -> None:
    with pytest.raises(InvalidAmount) as info:
        check_fine(eur("1"), tier="83(4)", turnover=eur("-1"))
    assert str(info.value) == "turnover: '-1': a turnover must not be negative"


def test_unknown_tier_and_regime() -> None:
    with pytest.raises(LawLookupError, match=r"^tier: '83\(3\)': a tier is"):
        check_fine(eur("1"), tier="83(3)")
    with pytest.raises(LawLookupError, match=r"^regime: 'de-bdsg': known regimes"):
        check_fine(eur("1"), tier="83(4)", regime_id="de-bdsg")


def test_turnover_currency_mismatch_is_reported_as_need_not_crash() -> None:
    v = check_fine(eur("1"), tier="83(4)", turnover=Money("1", "GBP"))
    assert v.verdict == "within"
    assert v.needs == ["an exchange rate GBP -> EUR for the turnover"]


def test_json_dict_contract(amazon_exact: Verdict) -> None:
    data = amazon_exact.json_dict()
    assert data["verdict"] == "within"
    cap = data["cap"]
    assert isinstance(cap, dict)
    assert cap["amount"] == {"amount": "13520014008.0548", "currency": "EUR"}
    assert (cap["limb"], cap["lower_bound"]) == ("turnover", False)
    assert cap["turnover_share"] == "0.04"
    assert data["fine"] == {"amount": "746000000", "currency": "EUR"}
    assert data["fine_share_of_turnover"] == "0.002207098305"
    assert data["fine_share_of_cap"] == "0.055177457624"
    assert data["implied_minimum_turnover"] == {"amount": "18650000000.00", "currency": "EUR"}


# The library's arithmetic is independent of the caller's decimal context and of threads


def _core_results() -> list[object]:
    from gdprfine.articles import parse_articles
    from gdprfine.batch import check_record
    from gdprfine.check import cap_report
    from gdprfine.datasets import DatasetRecord, read_amount
    from gdprfine.dates import PartialDate
    from gdprfine.trace import percent

    amazon = check_case(load_case(AMAZON_CASE))
    results: list[object] = [amazon.json_dict()]
    for turnover in ("326923532898.74", "123456789012345678.123456789012", "0.000000000001"):
        v = check_fine(eur("746000000"), tier="83(5)", turnover=eur(turnover))
        results.append(v.json_dict())
    results.append(check_fine(eur("999999999999999999"), tier="83(4)").json_dict())
    results.append(cap_report(tier="83(5)", turnover=Money("386064000000", "USD"),
                              financial_year=FinancialYear.calendar(2020)).json_dict())  # fmt: skip
    record = DatasetRecord(
        source="csv", row=1, amount=read_amount("2500000 PLN"),
        articles=tuple(parse_articles("Art. 32")), date=PartialDate(2021, 7),
    )  # fmt: skip
    results.append(check_record(record).json_dict())
    results.append(percent(Decimal("0.0551774576243"), 2))
    from gdprfine.estimate import estimate_case

    results.append(estimate_case(load_case(AMAZON_CASE), "high").model_dump(mode="json"))
    return results


AMAZON_CASE = Path(__file__).resolve().parent.parent / "examples" / "amazon-2021.toml"


def test_a_hostile_decimal_context_changes_nothing() -> None:
    import decimal

    expected = _core_results()
    with decimal.localcontext() as ctx:
        ctx.prec = 6
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        ctx.Emax = 20
        assert _core_results() == expected
        assert decimal.getcontext().prec == 6


def test_sixteen_threads_agree_with_a_serial_run() -> None:
    import decimal
    from concurrent.futures import ThreadPoolExecutor

    expected = _core_results()

    def hostile() -> list[object]:
        decimal.getcontext().prec = 5
        decimal.getcontext().traps[decimal.Inexact] = True
        return _core_results()

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda _: hostile(), range(32)))
    assert all(result == expected for result in results)


def test_denmark_and_estonia_say_who_imposes_the_fine() -> None:
    """Art. 83(9), Recital 151: in Denmark the courts impose the fine, in Estonia it is
    imposed in misdemeanour proceedings."""
    for country, words in (("DK", "courts"), ("EE", "misdemeanour")):
        case = parse_case(
            {"authority": {"name": "DPA", "country": country}, "addressee": "A",
             "decision_date": "2021-07-15", "fine": "10000 EUR", "articles": "Art. 6"}
        )  # fmt: skip
        verdict = check_case(case)
        assert any(words in warning for warning in verdict.warnings)
        assert any(step.reference.startswith("Article 83(9)") for step in verdict.trace)
    other = parse_case(
        {"authority": {"name": "CNPD", "country": "LU"}, "addressee": "A",
         "decision_date": "2021-07-15", "fine": "10000 EUR", "articles": "Art. 6"}
    )  # fmt: skip
    assert check_case(other).warnings == []


@pytest.mark.parametrize(("country", "words"), [("DK", "courts"), ("EE", "misdemeanour")])
def test_every_path_says_who_imposes_the_fine(country: str, words: str) -> None:
    """The judge says it, so a case, a bare fine, a cap and a tracker record all do, first
    among the warnings, with the same step in the trace."""
    from gdprfine.articles import parse_articles
    from gdprfine.batch import check_record
    from gdprfine.datasets import DatasetRecord, read_amount
    from gdprfine.dates import PartialDate

    case = parse_case(
        {"authority": {"name": "DPA", "country": country}, "addressee": "A",
         "decision_date": "2021-07-15", "fine": "10000 EUR", "articles": "Art. 6"}
    )  # fmt: skip
    stated = check_case(case).warnings
    fine = check_fine(eur("10000"), articles="Art. 6", country=country, on="2021-07-15")
    capped = cap_report(tier="83(5)", country=country)
    record = DatasetRecord(
        source="csv", row=1, amount=read_amount("10000"), country=country,
        articles=tuple(parse_articles("Art. 6 GDPR")), date=PartialDate(2021, 7, 15),
    )  # fmt: skip
    checked = [check_record(record).warnings for _ in range(2)]
    for warnings in (stated, fine.warnings, capped.warnings, *checked):
        assert words in warnings[0]
        assert warnings[0] == stated[0]
    for trace in (check_case(case).trace, fine.trace, capped.trace):
        assert [step.step for step in trace].count("how the fine is imposed") == 1
    assert not any(words in warning for warning in check_fine(eur("10000"), articles="Art. 6").warnings)


def test_valid_inputs_whose_results_exceed_the_input_limits_are_judged() -> None:
    """A fine of 18 digits implies a turnover of 20 digits; a turnover with 12 decimals gives a
    cap with 14: results are exact, not refused for the limits that bind inputs."""
    v = check_fine(eur("999999999999999999"), tier="83(4)")
    assert v.implied_minimum_turnover == Money.computed(Decimal("49999999999999999950.00"), "EUR")
    turnover = eur("123456789.123456789012")
    capped = check_fine(eur("1"), tier="83(5)", turnover=turnover)
    assert capped.cap is not None
    assert capped.cap.turnover_based == Money.computed(turnover.amount * Decimal("0.04"), "EUR")


# The legal maximum on its own: cap_report


def test_cap_report_of_a_tier_in_another_regime() -> None:
    r = cap_report(tier="Art. 83(4)", regime_id="uk-gdpr")
    assert (r.regime, r.tier, r.valid_from, r.confidence) == (
        "uk-gdpr", "83(4)", date(2021, 1, 1), "secondary",
    )  # fmt: skip
    assert r.note.startswith("DPA 2018 s.157(6)")
    assert (r.cap.amount, r.cap.lower_bound, r.turnover, r.warnings) == (
        Money("8700000", "GBP"), True, None, [],
    )  # fmt: skip


def test_cap_report_of_articles_is_the_gravest_and_warns_of_the_rest() -> None:
    r = cap_report(articles="Art. 32, Art. 24", turnover=eur("1000000000"))
    assert (r.tier, r.cap.amount, r.cap.limb) == ("83(4)", eur("20000000.00"), "turnover")
    assert r.turnover == eur("1000000000")
    assert r.warnings == [
        "Art. 24 GDPR is not listed in Art. 83(4)-(6): it carries no fine under Art. 83 by itself"
    ]
    assert [s.step for s in r.trace] == [
        "regime", "classify Art. 32", "classify Art. 24", "tier Art. 83(4)", "undertaking",
        "turnover", "turnover limb", "legal maximum",
    ]  # fmt: skip
    assert r.trace[4].value == "the addressee is an undertaking: the turnover limb applies"
    data = r.json_dict()
    assert data["valid_from"] == "2018-05-25"
    assert data["cap"] == r.cap.model_dump(mode="json")
    assert data["turnover"] == {"amount": "1000000000", "currency": "EUR"}


@pytest.mark.parametrize(
    ("fx", "on", "rule", "rate", "turnover", "cap"),
    [
        (None, None, "ecb-mean", "1.142196", "875506480.50", "35020259.2200"),
        ("year-end", None, "ecb-year-end", "1.2271", "814929508.60", "32597180.3440"),
        ("decision-date", date(2021, 7, 15), "ecb-on-date", "1.1809", "846811753.75", "33872470.1500"),
    ],
)
def test_cap_report_converts_a_turnover_by_the_rule(
    fx: str | None, on: date | None, rule: str, rate: str, turnover: str, cap: str
) -> None:
    r = cap_report(
        tier="83(5)",
        turnover=Money("1000000000", "USD"),
        financial_year=FinancialYear.calendar(2020),
        on=on,
        fx_rule=fx,  # type: ignore[arg-type]
    )
    assert r.turnover_exchange_rate is not None
    assert (r.turnover_exchange_rate.rule, r.turnover_exchange_rate.rate) == (rule, Decimal(rate))
    assert (r.turnover, r.cap.amount, r.cap.limb) == (eur(turnover), eur(cap), "turnover")


def test_cap_report_uses_the_rate_given() -> None:
    r = cap_report(
        tier="83(5)", turnover=Money("1142200000", "USD"), turnover_rate=RATE_2020
    )
    assert r.turnover_exchange_rate == RATE_2020
    assert (r.turnover, r.cap.amount) == (eur("1000000000.00"), eur("40000000.0000"))


def test_cap_report_of_a_non_undertaking_ignores_its_turnover() -> None:
    r = cap_report(tier="83(5)", turnover=Money("1000000000", "USD"), undertaking=False)
    assert (r.cap.amount, r.cap.limb, r.cap.lower_bound) == (eur("20000000"), "static", False)
    assert (r.turnover, r.turnover_exchange_rate) == (None, None)


def test_cap_report_of_an_undertaking_by_default() -> None:
    r = cap_report(tier="83(5)", turnover=eur("1000000000"))
    assert (r.cap.amount, r.cap.limb, r.cap.undertaking) == (eur("40000000.00"), "turnover", True)


def test_cap_report_classifies_articles_under_its_regime() -> None:
    r = cap_report(articles="Art. 32", regime_id="uk-gdpr")
    assert (r.tier, r.cap.amount) == ("83(4)", Money("8700000", "GBP"))


def test_cap_report_never_converts_the_turnover_of_a_non_undertaking() -> None:
    """The ECB publishes no AED rate: asking for one would fail, and is not needed."""
    r = cap_report(
        tier="83(5)",
        turnover=Money("1", "AED"),
        undertaking=False,
        financial_year=FinancialYear.calendar(2020),
    )
    assert (r.cap.amount, r.turnover) == (eur("20000000"), None)


def test_cap_report_warns_of_a_turnover_for_another_year_than_the_preceding_one() -> None:
    r = cap_report(
        tier="83(5)",
        turnover=eur("1000000000"),
        financial_year=FinancialYear.calendar(2018),
        on=date(2021, 7, 15),
    )
    assert r.warnings == [
        "the turnover is for FY2018 (2018-01-01..2018-12-31); the financial year preceding the "
        "decision of 2021-07-15 is FY2020 (2020-01-01..2020-12-31)"
    ]
    assert "preceding financial year" in [s.step for s in r.trace]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        (
            {"tier": "83(5)", "articles": "Art. 6"},
            "tier: '83(5)': give a tier (83(4), 83(5), 83(6)) or articles, not both",
        ),
        ({}, "tier: give a tier (83(4), 83(5), 83(6)) or articles, not both"),
        (
            {"articles": "Art. 24"},
            "articles: 'Art. 24': none of these articles is listed in Art. 83(4)-(6)",
        ),
        (
            {"tier": "83(5)", "turnover": Money("1000000000", "USD")},
            "turnover: 'USD 1 000 000 000': in USD; give its financial year (or the "
            "decision-date rule with a date) to convert it to EUR",
        ),
        (
            {"tier": "83(4)", "on": date(2017, 1, 1)},
            "decision_date: '2017-01-01': before the GDPR applies (2018-05-25)",
        ),
    ],
)
def test_cap_report_refuses(kwargs: dict[str, object], error: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        cap_report(**kwargs)  # type: ignore[arg-type]
    assert str(raised.value) == error


# A case's own amounts, rates and addressee reach the judge


def _case(**fields: object) -> CaseRecord:
    data: dict[str, object] = {
        "id": "test-case",
        "addressee": "Example sp. z o.o.",
        "authority": {"name": "UODO", "country": "PL"},
        "decision_date": "2021-07-15",
        "fine": {"amount": "2500000", "currency": "PLN"},
        "articles": ["Art. 32 GDPR"],
    }
    data.update(fields)
    return parse_case(data)


def test_a_case_fine_in_another_currency_at_the_stated_rate() -> None:
    rate = {"base": "EUR", "quote": "PLN", "rate": "5", "rule": "stated", "source": "the decision"}
    v = check_case(_case(fine_exchange_rate=rate))
    assert v.fine_exchange_rate is not None
    assert v.fine_exchange_rate.rate == Decimal("5")
    assert v.fine_in_cap_currency == eur("500000.00")
    assert v.fine_share_of_cap == Decimal("0.05")


def test_a_case_fine_in_another_currency_at_the_fixing_of_the_decision_date() -> None:
    v = check_case(_case())
    assert v.fine_exchange_rate is not None
    assert (v.fine_exchange_rate.rule, v.fine_exchange_rate.start) == (
        "ecb-on-date", date(2021, 7, 15),
    )  # fmt: skip
    assert v.verdict == "within"
    assert v.needs == []


def test_a_case_of_a_non_undertaking_ignores_its_turnover() -> None:
    v = check_case(
        _case(
            is_undertaking=False,
            fine={"amount": "15000000", "currency": "EUR"},
            turnover={"amount": "10000000000 EUR", "financial_year": 2020},
        )
    )
    assert (v.verdict, v.cap and v.cap.amount, v.turnover) == ("exceeds", eur("10000000"), None)


def test_a_case_by_the_fx_rule_asked_for(amazon: CaseRecord) -> None:
    v = check_case(amazon, fx_rule="year-end")
    assert v.turnover_exchange_rate is not None
    assert v.turnover_exchange_rate.rule == "ecb-year-end"


def test_a_case_under_another_regime_is_classified_under_that_regime() -> None:
    v = check_case(
        _case(
            regime="uk-gdpr",
            authority={"name": "ICO", "country": "GB"},
            fine={"amount": "1000000", "currency": "GBP"},
        )
    )
    assert v.cap is not None
    assert (v.regime, v.tier, v.cap.amount) == ("uk-gdpr", "83(4)", Money("8700000", "GBP"))


def test_a_national_public_body_rule_is_applied_only_under_its_regime() -> None:
    """§ 43(3) BDSG makes use of the GDPR's Art. 83(7): under the UK GDPR it is no rule, so a
    German public body judged under the UK GDPR gets the Art. 83 maximum, undetermined, and
    the need says which rule is missing; under the GDPR the rule applies."""
    v = check_fine(Money("5000", "GBP"), tier="83(4)", public_body=True, country="DE", regime_id="uk-gdpr")
    assert v.cap is not None
    assert (v.verdict, v.cap.amount, v.cap.limb) == ("undetermined", Money("8700000", "GBP"), "static")
    assert v.needs[0].startswith("the rule of DE on fining public bodies under the UK GDPR (Art. 83(7))")
    assert "§ 43(3) BDSG" in v.needs[0]
    capped = cap_report(tier="83(4)", public_body=True, country="DE", regime_id="uk-gdpr")
    assert capped.cap.amount == Money("8700000", "GBP")
    eu = check_fine(Money("5000", "EUR"), tier="83(4)", public_body=True, country="DE", undertaking=False)
    assert eu.cap is not None
    assert (eu.verdict, eu.cap.limb) == ("exceeds", "none")


def test_a_public_body_under_a_regime_with_no_recorded_rule_is_traced() -> None:
    """The UK GDPR's data state no rule on public bodies: the trace says the rule is not
    recorded instead of failing to cite it."""
    v = check_fine(Money("5000", "GBP"), tier="83(4)", public_body=True, country="GB", regime_id="uk-gdpr")
    assert v.verdict == "undetermined"
    steps = {step.step: step for step in v.trace}
    assert steps["public body"].value == "GB: the rule under the UK GDPR is not recorded"
