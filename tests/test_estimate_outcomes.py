"""Ranges of estimates at the edges the method draws: a net mitigation, a position on the edge
of a band, a range that reaches the cap exactly, a zero fine, the AP repeat increase."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gdprfine.cases import CaseRecord, parse_case
from gdprfine.errors import GdprFineError, InvalidInput
from gdprfine.estimate import Band, Conduct, compare, estimate, estimate_case
from gdprfine.money import Money

TURNOVER = Money("1000000000", "EUR")


def test_a_net_mitigation_lowers_both_ends() -> None:
    conduct = Conduct.of("Art. 6(1), Art. 13", "medium", adjustments=["f:-10%:cooperated"])
    e = estimate([conduct], Money("5000000", "EUR"))
    assert (e.low, e.high) == (Money("5400.00", "EUR"), Money("72000.00", "EUR"))
    assert e.conducts[0].adjustment_factor == Decimal("0.9")


def test_a_range_that_reaches_the_cap_exactly_is_not_capped() -> None:
    item = estimate([Conduct.of("Art. 6", "high")], TURNOVER).conducts[0]
    assert item.high == item.cap.amount == Money("40000000.00", "EUR")
    assert not item.capped


def test_a_position_on_the_lower_edge_of_its_band() -> None:
    e = estimate([Conduct.of("Art. 6", "medium", position="10%")], TURNOVER)
    assert e.low == e.high == Money("4000000.00", "EUR")


def test_a_fine_of_zero_is_placed_below_the_range() -> None:
    e = estimate([Conduct.of("Art. 6", "medium")], TURNOVER, fine=Money("0", "EUR"))
    assert e.position == "below"


def test_the_ap_repeat_increase_applies_only_when_asked() -> None:
    conducts = [Conduct.of("Art. 6", "medium")]
    once = estimate(conducts, TURNOVER, model="ap")
    assert (once.low, once.high) == (Money("120000.00", "EUR"), Money("500000.00", "EUR"))
    again = estimate(conducts, TURNOVER, model="ap", repeat=True)
    assert (again.low, again.high) == (Money("180000.00", "EUR"), Money("750000.00", "EUR"))


def test_estimate_case_uses_the_models_asked_for() -> None:
    case = parse_case(
        {
            "addressee": "Example B.V.",
            "authority": {"name": "AP", "country": "NL"},
            "decision_date": "2024-01-10",
            "fine": {"amount": "50000", "currency": "EUR"},
            "articles": ["Art. 6(1)"],
            "turnover": {"amount": "5000000 EUR", "financial_year": 2023},
        }
    )
    only_ap = estimate_case(case, "medium", models=["ap"])
    assert [(e.model, e.low, e.high) for e in only_ap.estimates] == [
        ("ap", Money("300000.00", "EUR"), Money("750000.00", "EUR"))
    ]


def _case(**fields: object) -> CaseRecord:
    data: dict[str, object] = {
        "id": "c1",
        "addressee": "Example B.V.",
        "authority": {"name": "AP", "country": "NL"},
        "decision_date": "2024-01-10",
        "fine": {"amount": "50000", "currency": "EUR"},
        "articles": ["Art. 6(1)"],
        "turnover": {
            "amount": "22000000 PLN",
            "financial_year": 2023,
            "exchange_rate": {
                "base": "EUR", "quote": "PLN", "rate": "4.4", "rule": "stated",
                "source": "the decision",
            },
        },
    }  # fmt: skip
    data.update(fields)
    return parse_case({k: v for k, v in data.items() if v is not None})


TURNOVER_NOTE = "turnover PLN 22 000 000 = EUR 5 000 000 at PLN/EUR 4.4 [stated] (the decision)"


def test_estimate_case_passes_the_conduct_and_the_repeat_to_every_model() -> None:
    c = estimate_case(
        _case(), "high", position="30%", adjustments=["f:-10%:cooperated"], repeat=True
    )
    assert c.skipped == []
    assert [(e.model, e.turnover, e.low, e.high) for e in c.estimates] == [
        ("edpb", Money("5000000.00", "EUR"), Money("16200.00", "EUR"), Money("108000.00", "EUR")),
        ("dsk", Money("5000000.00", "EUR"), Money("69998.40", "EUR"), Money("20000000", "EUR")),
        # Category III (EUR 300 000 - 750 000): the mitigation moves the fine within it, not
        # below its floor; the repeat applies to the fine so set.
        ("ap", Money("5000000.00", "EUR"), Money("450000.00", "EUR"), Money("1012500.00", "EUR")),
    ]
    for e in c.estimates:
        assert e.conducts[0].name == "c1"
        assert e.conducts[0].adjustment_factor == Decimal("0.9")
        assert e.notes[0] == TURNOVER_NOTE


def test_estimate_case_of_a_non_undertaking_without_an_id() -> None:
    c = estimate_case(_case(id="", is_undertaking=False), "high")
    assert [s.model for s in c.skipped] == ["dsk"]
    assert [(e.model, e.undertaking, e.low, e.high) for e in c.estimates] == [
        ("edpb", False, Money("4000000.00", "EUR"), Money("20000000.00", "EUR")),
        ("ap", False, Money("300000.00", "EUR"), Money("750000.00", "EUR")),
    ]
    assert all(e.conducts[0].name == "Example B.V." for e in c.estimates)


def test_estimate_case_notes_the_conversions_and_a_decision_that_predates_the_method() -> None:
    case = _case(
        decision_date="2021-01-10",
        fine={"amount": "200000", "currency": "PLN"},
        turnover={"amount": "20000000 PLN", "financial_year": 2020},
    )
    e = estimate_case(case, "medium", models=["edpb"]).estimates[0]
    assert e.turnover == Money("4501416.37", "EUR")
    assert e.fine == Money("44333.12", "EUR")
    assert e.notes[0].startswith("turnover PLN 20 000 000 = EUR 4 501 416.37 at PLN/EUR 4.443046")
    assert e.notes[1].startswith("fine PLN 200 000 = EUR 44 333.12 at PLN/EUR 4.5113")
    assert e.notes[-1].startswith("the decision date 2021-01-10 predates this method")


def test_estimate_case_without_conversions_keeps_the_method_notes() -> None:
    case = _case(turnover={"amount": "5000000 EUR", "financial_year": 2023})
    e = estimate_case(case, "medium", models=["edpb"]).estimates[0]
    assert e.notes == estimate([Conduct.of("Art. 6(1)", "medium")], e.turnover).notes


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"articles": []}, "articles: []: the case names no infringed articles"),
        (
            {
                "fine": {"amount": "50000", "currency": "PLN"},
                "fine_exchange_rate": {"base": "GBP", "quote": "PLN", "rate": "5", "source": "x"},
            },
            "fine: 'PLN': the case's rate does not convert to EUR",
        ),
    ],
)
def test_estimate_case_refuses(fields: dict[str, object], error: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        estimate_case(_case(**fields), "medium")
    assert str(raised.value) == error


def test_a_uk_case_is_estimated_with_the_uk_methods_only() -> None:
    uk = _case(regime="uk-gdpr", fine={"amount": "100000", "currency": "GBP"}, turnover=None)
    assert [e.model for e in estimate_case(uk, "medium").estimates] == ["ico"]
    with pytest.raises(InvalidInput) as raised:
        estimate_case(uk, "medium", models=["edpb"])
    assert str(raised.value) == "regime: 'uk-gdpr': the estimate methods apply to eu-gdpr"


def test_compare_passes_the_date_the_addressee_and_the_repeat() -> None:
    conducts = [Conduct.of("Art. 6", "medium")]
    c = compare(conducts, None, models=["edpb", "ap"], on=date(2021, 1, 1), repeat=True)
    edpb, ap = c.estimates
    assert edpb.undertaking
    assert edpb.conducts[0].cap.lower_bound
    assert edpb.notes[-1].startswith("the decision date 2021-01-01 predates this method")
    assert (ap.low, ap.high) == (Money("180000.00", "EUR"), Money("750000.00", "EUR"))
    assert c.caveat == estimate(conducts).caveat


def test_estimate_case_without_a_turnover() -> None:
    c = estimate_case(_case(turnover=None), "medium")
    assert [(e.model, e.turnover, e.low, e.high, e.position) for e in c.estimates] == [
        ("edpb", None, Money("2000000.00", "EUR"), Money("4000000.00", "EUR"), "below"),
        ("ap", None, Money("300000.00", "EUR"), Money("750000.00", "EUR"), "below"),
    ]
    assert [(s.model, s.reason) for s in c.skipped] == [
        ("dsk", "the DSK concept needs the undertaking's turnover")
    ]


def test_compare_applies_no_repeat_increase_unless_asked() -> None:
    (ap,) = compare([Conduct.of("Art. 6", "medium")], None, models=["ap"]).estimates
    assert (ap.low, ap.high) == (Money("120000.00", "EUR"), Money("500000.00", "EUR"))


AP_NOTE = (
    "The AP assigns categories by provision, not by seriousness; this correspondence is "
    "gdprfine's, for comparison only."
)
DSK_NOTE = (
    "Neither the DSK nor the EDPB states this correspondence; it is gdprfine's, for comparison "
    "only."
)
DSK_SEVERITY = "DSK Bußgeldkonzept, step 4 (severity factors) [secondary]"


def test_the_band_each_historical_scheme_applied() -> None:
    ap = estimate([Conduct.of("Art. 6", "high")], None, model="ap").conducts[0]
    assert ap.seriousness_band == Band(
        label="category III or category IV",
        low=Decimal(300000),
        high=Decimal(1000000),
        reference="Boetebeleidsregels AP 2019, fine categories I-IV [secondary]",
        confidence="secondary",
        note=AP_NOTE,
    )
    open_ended = estimate([Conduct.of("Art. 6", "high")], TURNOVER, model="dsk").conducts[0]
    assert open_ended.seriousness_band == Band(
        label="material, serious or material, very serious",
        low=Decimal(8),
        high=None,
        reference=DSK_SEVERITY,
        confidence="secondary",
        note=DSK_NOTE,
    )
    formal = estimate([Conduct.of("Art. 32", "medium")], TURNOVER, model="dsk").conducts[0]
    assert formal.seriousness_band is not None
    assert (formal.seriousness_band.label, formal.seriousness_band.high) == (
        "formal, medium", Decimal(4),
    )  # fmt: skip
    assert formal.turnover_band is None


def test_the_notes_of_separate_conducts_and_of_a_decision_before_the_method() -> None:
    one, two = Conduct.of("Art. 6", "low"), Conduct.of("Art. 32", "low")
    e = estimate([one, two], TURNOVER)
    assert e.notes[-1] == (
        "2 separate conducts: separate fines, each under its own cap; the total is the sum of "
        "their ranges"
    )
    assert estimate([one], TURNOVER).notes == e.notes[:-1]
    assert estimate([one], TURNOVER, on=date(2023, 5, 24)).notes == e.notes[:-1]
    assert estimate([one], TURNOVER, on=date(2023, 5, 23)).notes[-1] == (
        "the decision date 2023-05-23 predates this method (in force from 2023-05-24): the "
        "range shows what the method would give, not what the authority applied"
    )


def test_an_estimate_refuses_a_decision_before_the_gdpr_applies() -> None:
    with pytest.raises(GdprFineError, match="2017-01-01"):
        estimate([Conduct.of("Art. 6", "low")], TURNOVER, on=date(2017, 1, 1))


def test_a_range_at_the_cap_at_both_ends_is_not_capped() -> None:
    item = estimate([Conduct.of("Art. 6", "high", position="100%")], TURNOVER).conducts[0]
    assert item.low == item.high == item.cap.amount
    assert not item.capped
    assert item.articles == ["Art. 6"]


def test_the_starting_range_is_rounded_outward() -> None:
    # The legal maximum is EUR 24 000 000.0396: the high end is not rounded up above it.
    item = estimate([Conduct.of("Art. 6", "high")], Money("600000000.99", "EUR")).conducts[0]
    assert (item.starting_low, item.starting_high) == (
        Money("4800000.00", "EUR"), Money("24000000.03", "EUR"),
    )  # fmt: skip


def test_a_net_adjustment_of_minus_100_percent_is_zero() -> None:
    conduct = Conduct.of("Art. 6", "low", adjustments=["c:-50%:repaired", "f:-50%:cooperated"])
    item = estimate([conduct], TURNOVER).conducts[0]
    assert (item.adjustment_factor, item.low, item.high) == (
        Decimal(0), Money("0.00", "EUR"), Money("0.00", "EUR"),
    )  # fmt: skip
    assert item.steps[-5].value == "both ends x 0 %"
