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
from gdprfine.money import DECIMAL_CONTEXT, DecimalText, Money, minor_unit
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
    parts = _PARTS.get(id(tier))
    if parts is None or parts[0] is not tier:
        parts = _parts(tier)
    if not undertaking or turnover is None:
        return parts[3] if undertaking else parts[2]
    static = tier.static_cap
    currency = static.currency
    if turnover.currency != currency:
        raise CurrencyMismatch(
            "turnover",
            turnover.currency,
            f"the {tier.id} cap is in {currency}; convert the turnover first",
        )
    if turnover.amount < 0:
        raise InvalidAmount("turnover", str(turnover.amount), "a turnover must not be negative")
    share = tier.turnover_share
    dynamic = _money({"amount": _CONTEXT.multiply(turnover.amount, share), "currency": currency})
    higher = dynamic.amount > static.amount
    return _cap({
        "regime": tier.regime, "tier": tier.id, "amount": dynamic if higher else static,
        "limb": "turnover" if higher else "static", "static": static, "turnover_share": share,
        "turnover_based": dynamic, "undertaking": undertaking, "lower_bound": False,
        "reference": parts[1],
    })  # fmt: skip


_CONTEXT = DECIMAL_CONTEXT.copy()
"""A private copy of the library's decimal context, passed to each operation here."""

_money = assembler(Money)
_cap = assembler(Cap)

_PARTS: dict[int, tuple[Tier, str, Cap, Cap]] = {}
"""What :func:`legal_maximum` reuses of a tier, by the tier's identity: the tier itself (which
keeps its identity from being reused while it is here), its reference as cited, and its static
cap for a non-undertaking and, as a lower bound, for an undertaking. A Cap is immutable, so
one is shared per tier."""


def _parts(tier: Tier) -> tuple[Tier, str, Cap, Cap]:
    parts = (tier, tier.reference.cite(), _static_cap(tier, False), _static_cap(tier, True))
    if len(_PARTS) >= 256:
        _PARTS.clear()
    _PARTS[id(tier)] = parts
    return parts


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
    static = tier.static_cap
    if fine.currency != static.currency:
        raise CurrencyMismatch(
            "fine", fine.currency, f"the {tier.id} cap is in {static.currency}; convert the fine first"
        )
    if fine.amount <= static.amount:
        return None
    exact = _CONTEXT.divide(fine.amount, tier.turnover_share)
    least = exact.quantize(minor_unit(fine.currency), rounding=ROUND_CEILING, context=_CONTEXT)
    return _money({"amount": least, "currency": fine.currency})
