"""Ranges of estimates at the edges the method draws: a net mitigation, a position on the edge
of a band, a range that reaches the cap exactly, a zero fine, the AP repeat increase."""

from __future__ import annotations

from decimal import Decimal

from gdprfine.cases import parse_case
from gdprfine.estimate import Conduct, estimate, estimate_case
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
        ("ap", Money("120000.00", "EUR"), Money("500000.00", "EUR"))
    ]
