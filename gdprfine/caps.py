"""The legal maximum of a fine: Art. 83(4)-(6) caps, Art. 83(3), and the implied turnover.

Pure functions over the law data. A cap is ``max(static amount, share x turnover)`` for an
undertaking and the static amount for anyone else; the two limbs meet at a turnover of
EUR 500 m in both EU tiers.

>>> from gdprfine.law import regime
>>> tier = regime().tier("83(5)")
>>> cap = legal_maximum(tier, Money("338000350201.37", "EUR"))
>>> cap.amount, cap.limb
(Money('13520014008.0548', 'EUR'), 'turnover')
>>> legal_maximum(tier, Money("100000000", "EUR")).limb
'static'
>>> legal_maximum(tier, Money("338000350201.37", "EUR"), undertaking=False).amount
Money('20000000', 'EUR')
>>> implied_minimum_turnover(Money("746000000", "EUR"), tier)
Money('18650000000.00', 'EUR')
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.errors import CurrencyMismatch, InvalidAmount, InvalidInput
from gdprfine.law import Tier
from gdprfine.memo import remember
from gdprfine.money import OPERATIONS, DecimalText, Money, minor_unit
from gdprfine.trusted import assembler

__all__ = ["Cap", "Limb", "combined_cap", "implied_minimum_turnover", "legal_maximum"]

Limb = Literal["static", "turnover", "national", "none"]
"""Which limb governs: the static amount, the turnover share, a national maximum for public
bodies (Art. 83(7)), or ``none`` when no fine may be imposed at all (the cap is zero)."""


class Cap(BaseModel):
    """The legal maximum of a fine for one tier, and how it was reached."""

    model_config = ConfigDict(frozen=True)

    regime: str = Field(description="The fining regime, such as eu-gdpr.")
    tier: str = Field(description="The tier, such as 83(5).")
    amount: Money = Field(description="The legal maximum.")
    limb: Limb = Field(
        description=(
            "Which limb governs: the static amount, the turnover share, a national maximum for "
            "public bodies (Art. 83(7)), or none when no fine may be imposed (the cap is zero)."
        )
    )
    static: Money = Field(description="The static amount of the tier.")
    turnover_share: DecimalText = Field(
        description="The tier's share of turnover, as a fraction (a decimal string in JSON)."
    )
    turnover_based: Money | None = Field(
        default=None, description="Share x turnover, when the turnover is known."
    )
    undertaking: bool = Field(description="Whether the turnover limb applies at all.")
    lower_bound: bool = Field(
        default=False,
        description=(
            "True when the addressee is an undertaking whose turnover is unknown: the true cap is "
            "at least this amount."
        ),
    )
    reference: str = Field(description="The provision that sets the cap.")


def legal_maximum(tier: Tier, turnover: Money | None = None, *, undertaking: bool = True) -> Cap:
    """The cap of *tier* for an addressee with *turnover* (in the tier's currency).

    For a non-undertaking the turnover is ignored: the cap is the static amount. For an
    undertaking whose turnover is unknown, the static amount is returned as a lower bound.

    >>> from gdprfine.law import regime
    >>> legal_maximum(regime().tier("83(4)"), Money("500000000", "EUR")).amount
    Money('10000000', 'EUR')
    >>> legal_maximum(regime().tier("83(4)"), Money("-1", "EUR"))
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidAmount: turnover: '-1': a turnover must not be negative
    >>> legal_maximum(regime().tier("83(4)"), Money("1", "USD"))
    Traceback (most recent call last):
    ...
    gdprfine.errors.CurrencyMismatch: turnover: 'USD': the 83(4) cap is in EUR; convert the turnover first
    """
    parts = _parts(tier)
    if not undertaking or turnover is None:
        return parts.lower_bound if undertaking else parts.static_only
    currency = turnover.currency
    if currency != parts.currency:
        raise CurrencyMismatch(
            "turnover", currency, f"the {tier.id} cap is in {parts.currency}; convert the turnover first"
        )
    amount = turnover.amount
    if amount < 0:
        raise InvalidAmount("turnover", str(amount), "a turnover must not be negative")
    product = OPERATIONS.multiply(amount, parts.share)
    dynamic = _money({"amount": product, "currency": currency})
    higher = product > parts.static_amount
    return _cap({
        "regime": tier.regime, "tier": tier.id, "amount": dynamic if higher else parts.static,
        "limb": "turnover" if higher else "static", "static": parts.static,
        "turnover_share": parts.share, "turnover_based": dynamic, "undertaking": undertaking,
        "lower_bound": False, "reference": parts.reference,
    })  # fmt: skip


_money = assembler(Money)
_cap = assembler(Cap)


class _Parts:
    """What the caps reuse of one tier: its figures as plain values, its reference as cited,
    and its two static caps (for a non-undertaking, and as a lower bound for an undertaking
    whose turnover is unknown; a Cap is immutable, so one is shared)."""

    __slots__ = (
        "currency", "lower_bound", "reference", "share", "static", "static_amount", "static_only",
        "tier", "unit",
    )  # fmt: skip

    def __init__(self, tier: Tier) -> None:
        self.tier = tier
        self.static = tier.static_cap
        self.static_amount = tier.static_cap.amount
        self.currency = tier.static_cap.currency
        self.share = tier.turnover_share
        self.unit = minor_unit(self.currency)
        self.reference = tier.reference.cite()
        self.static_only = _static_cap(tier, False)
        self.lower_bound = _static_cap(tier, True)


_PARTS: dict[int, _Parts] = {}
"""The parts of the tiers met so far, by the tier's identity (at most 256): each keeps its tier,
so no other object can take that identity while it is here."""


def _parts(tier: Tier) -> _Parts:
    parts = _PARTS.get(id(tier))
    if parts is not None and parts.tier is tier:
        return parts
    return remember(_PARTS, id(tier), _Parts(tier), 256)


def _static_cap(tier: Tier, undertaking: bool) -> Cap:
    """The static cap of *tier* (a lower bound for an undertaking whose turnover is unknown)."""
    return Cap(
        regime=tier.regime,
        tier=tier.id,
        amount=tier.static_cap,
        limb="static",
        static=tier.static_cap,
        turnover_share=tier.turnover_share,
        undertaking=undertaking,
        lower_bound=undertaking,
        reference=tier.reference.cite(),
    )


def combined_cap(caps: Sequence[Cap]) -> Cap:
    """Art. 83(3): several infringements of the same or linked processing share one cap,
    that of the gravest infringement (the largest member cap), never their sum.

    >>> from gdprfine.law import regime
    >>> t = Money("1000000000", "EUR")
    >>> caps = [legal_maximum(regime().tier(i), t) for i in ("83(4)", "83(5)")]
    >>> combined_cap(caps).tier, combined_cap(caps).amount
    ('83(5)', Money('40000000.00', 'EUR'))
    """
    if not caps:
        raise InvalidInput("caps", [], "Art. 83(3) needs at least one infringement")
    currencies = {c.amount.currency for c in caps}
    if len(currencies) > 1:
        raise CurrencyMismatch("caps", sorted(currencies), "caps in different currencies")
    return max(caps, key=lambda c: c.amount.amount)


def implied_minimum_turnover(fine: Money, tier: Tier) -> Money | None:
    """The smallest turnover under which *fine* is lawful in *tier*, or None if the static
    amount already allows it (any turnover, or none, will do).

    >>> from gdprfine.law import regime
    >>> implied_minimum_turnover(Money("25000000", "EUR"), regime().tier("83(4)"))
    Money('1250000000.00', 'EUR')
    >>> implied_minimum_turnover(Money("20000000", "EUR"), regime().tier("83(5)")) is None
    True
    """
    parts = _parts(tier)
    currency, amount = fine.currency, fine.amount
    if currency != parts.currency:
        raise CurrencyMismatch(
            "fine", currency, f"the {tier.id} cap is in {parts.currency}; convert the fine first"
        )
    if amount <= parts.static_amount:
        return None
    least = OPERATIONS.divide(amount, parts.share).quantize(parts.unit, ROUND_CEILING, OPERATIONS)
    return _money({"amount": least, "currency": currency})
