"""Legal maximums: Art. 83(4)-(6) caps, Art. 83(3) and the implied minimum turnover."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gdprfine.caps import combined_cap, implied_minimum_turnover, legal_maximum
from gdprfine.errors import CurrencyMismatch, InvalidAmount, InvalidInput
from gdprfine.law import regime
from gdprfine.money import Money

EU = regime("eu-gdpr")
UK = regime("uk-gdpr")


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


@pytest.mark.parametrize(
    ("tier_id", "turnover", "amount", "limb"),
    [
        ("83(4)", "0", "10000000", "static"),
        ("83(4)", "100000000", "10000000", "static"),
        ("83(4)", "500000000", "10000000", "static"),
        ("83(4)", "500000000.01", "10000000.0002", "turnover"),
        ("83(4)", "1000000000", "20000000", "turnover"),
        ("83(5)", "499999999.99", "20000000", "static"),
        ("83(5)", "500000000", "20000000", "static"),
        ("83(5)", "1000000000", "40000000", "turnover"),
        ("83(6)", "1000000000", "40000000", "turnover"),
        ("83(5)", "338000350201.37", "13520014008.0548", "turnover"),
    ],
)
def test_cap_is_the_higher_limb(tier_id: str, turnover: str, amount: str, limb: str) -> None:
    cap = legal_maximum(EU.tier(tier_id), eur(turnover))
    assert cap.amount == eur(amount)
    assert cap.limb == limb
    assert not cap.lower_bound
    assert cap.turnover_based == eur(turnover) * EU.tier(tier_id).turnover_share


def test_cap_fields() -> None:
    cap = legal_maximum(EU.tier("83(5)"), eur("338000350201.37"))
    assert cap.regime == "eu-gdpr"
    assert cap.tier == "83(5)"
    assert cap.static == eur("20000000")
    assert cap.turnover_share == Decimal("0.04")
    assert cap.undertaking
    assert cap.reference == "Article 83(5)"


def test_amazon_cap_exact() -> None:
    cap = legal_maximum(EU.tier("83(5)"), eur("338000350201.37"))
    assert cap.amount.amount == Decimal("13520014008.0548")
    assert cap.amount.amount / Decimal(20_000_000) > 676


def test_non_undertaking_static_only() -> None:
    cap = legal_maximum(EU.tier("83(5)"), eur("338000350201.37"), undertaking=False)
    assert cap.amount == eur("20000000")
    assert cap.limb == "static"
    assert cap.turnover_based is None
    assert not cap.undertaking
    assert not cap.lower_bound


def test_unknown_turnover_is_a_lower_bound() -> None:
    cap = legal_maximum(EU.tier("83(4)"))
    assert cap.amount == eur("10000000")
    assert cap.limb == "static"
    assert cap.lower_bound


def test_non_undertaking_without_turnover_is_exact() -> None:
    assert not legal_maximum(EU.tier("83(4)"), undertaking=False).lower_bound


def test_uk_caps_in_gbp() -> None:
    assert legal_maximum(UK.tier("83(4)")).amount == Money("8700000", "GBP")
    assert legal_maximum(UK.tier("83(5)")).amount == Money("17500000", "GBP")
    cap = legal_maximum(UK.tier("83(5)"), Money("1000000000", "GBP"))
    assert cap.amount == Money("40000000", "GBP")
    assert cap.reference.endswith("[secondary]")


def test_negative_turnover() -> None:
    with pytest.raises(InvalidAmount) as info:
        legal_maximum(EU.tier("83(4)"), eur("-1"))
    assert str(info.value) == "turnover: '-1': a turnover must not be negative"


def test_turnover_in_other_currency() -> None:
    with pytest.raises(CurrencyMismatch) as info:
        legal_maximum(EU.tier("83(5)"), Money("386064000000", "USD"))
    assert str(info.value) == (
        "turnover: 'USD': the 83(5) cap is in EUR; convert the turnover first"
    )


def test_combined_cap_is_the_largest_not_the_sum() -> None:
    turnover = eur("1000000000")
    caps = [legal_maximum(EU.tier(t), turnover) for t in ("83(4)", "83(5)", "83(4)")]
    combined = combined_cap(caps)
    assert combined.tier == "83(5)"
    assert combined.amount == eur("40000000")


def test_combined_cap_single() -> None:
    cap = legal_maximum(EU.tier("83(4)"))
    assert combined_cap([cap]) == cap


def test_combined_cap_empty() -> None:
    with pytest.raises(InvalidInput) as info:
        combined_cap([])
    assert str(info.value) == "caps: []: Art. 83(3) needs at least one infringement"


def test_combined_cap_mixed_currencies() -> None:
    with pytest.raises(CurrencyMismatch, match=r"^caps: \['EUR', 'GBP'\]: caps in different"):
        combined_cap([legal_maximum(EU.tier("83(4)")), legal_maximum(UK.tier("83(4)"))])


@pytest.mark.parametrize(
    ("fine", "tier_id", "minimum"),
    [
        ("746000000", "83(5)", "18650000000.00"),
        ("25000000", "83(4)", "1250000000.00"),
        ("10000000.01", "83(4)", "500000000.50"),
        ("20000000.01", "83(5)", "500000000.25"),
        ("20000000.03", "83(5)", "500000000.75"),
        ("10000000.001", "83(4)", "500000000.05"),
        ("10000000.0001", "83(4)", "500000000.01"),
    ],
)
def test_implied_minimum_turnover(fine: str, tier_id: str, minimum: str) -> None:
    tier = EU.tier(tier_id)
    result = implied_minimum_turnover(eur(fine), tier)
    assert result == eur(minimum)
    assert result is not None
    assert eur(fine) <= legal_maximum(tier, result).amount
    assert eur(fine) > legal_maximum(tier, result - eur("0.01")).amount


@pytest.mark.parametrize(
    ("fine", "tier_id"), [("10000000", "83(4)"), ("20000000", "83(5)"), ("0", "83(4)")]
)
def test_no_implied_turnover_within_static(fine: str, tier_id: str) -> None:
    assert implied_minimum_turnover(eur(fine), EU.tier(tier_id)) is None


def test_implied_minimum_needs_cap_currency() -> None:
    with pytest.raises(CurrencyMismatch) as info:
        implied_minimum_turnover(Money("1", "USD"), EU.tier("83(5)"))
    assert str(info.value) == "fine: 'USD': the 83(5) cap is in EUR; convert the fine first"
