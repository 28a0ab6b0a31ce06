"""Member States' own rules around Article 83, as data: public bodies and laws outside it.

- **Public bodies (Art. 83(7))**: whether, and up to what amount, a public authority or body
  can be fined is each Member State's choice. :func:`public_body_rule` gives a country's rule
  from ``member-states/public-bodies.toml``: ``no-fines``, a national ``ceiling`` that replaces
  the Art. 83 amounts, or ``allowed``; a country not recorded gives ``None``, never a guess.
- **Laws outside Art. 83**: fines under national cookie and electronic-communications laws
  (the ePrivacy Directive's transpositions), under Art. 84 penalties, or under the laws before
  the GDPR are not capped by Art. 83. :func:`outside_law` recognises them by name
  (``member-states/outside-art-83.toml``).

>>> rule = public_body_rule("DE")
>>> rule.rule, rule.reference.cite()
('no-fines', '§ 43(3) BDSG (Bundesdatenschutzgesetz of 30 June 2017)')
>>> public_body_rule("SE").ceiling("83(4)")
Money('5000000', 'SEK')
>>> public_body_rule("GR") is None
True
>>> outside_law("loi informatique et libertés").short
'Loi Informatique et Libertés'
>>> outside_law("TTDSG").maximum
Money('300000', 'EUR')
>>> outside_law("GDPR") is None
True
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal

from gdprfine.errors import LawLookupError
from gdprfine.law import Reference, read_reference
from gdprfine.money import Money, to_decimal

__all__ = [
    "OutsideLaw",
    "PublicBodyRule",
    "PublicBodyRuleKind",
    "outside_law",
    "outside_laws",
    "public_body_countries",
    "public_body_rule",
]

PublicBodyRuleKind = Literal["no-fines", "ceiling", "allowed"]
_KINDS: tuple[str, ...] = ("no-fines", "ceiling", "allowed")
_UNDERTAKINGS: tuple[str, ...] = ("excluded", "included", "unknown")


@dataclass(frozen=True, slots=True)
class PublicBodyRule:
    """A Member State's rule under Art. 83(7) on fining its public authorities and bodies."""

    country: str
    regime: str
    """The id of the regime whose Art. 83(7) the rule makes use of."""
    rule: PublicBodyRuleKind
    scope: str
    undertakings: Literal["excluded", "included", "unknown"]
    """Whether the rule covers a public body acting as an undertaking."""
    ceilings: dict[str, Money]
    """The national maximum by tier id (``all`` for every tier); empty unless a ceiling."""
    valid_from: date
    reference: Reference
    lower: dict[str, Money] = field(default_factory=dict, hash=False, compare=False)
    """A lower maximum for some of the bodies (``lower_scope``), by tier id or ``all``."""
    lower_scope: str = ""
    caveat: str = ""
    """What the rule does not settle, said whenever it is applied."""

    def ceiling(self, tier_id: str) -> Money | None:
        """The national maximum for *tier_id*, or None when the rule sets none."""
        return self.ceilings.get(tier_id, self.ceilings.get("all"))

    def describe(self) -> str:
        """What the rule says, in one line.

        >>> public_body_rule("DE").describe()[:40]
        'DE: no fine may be imposed on authoritie'
        """
        return {
            "no-fines": f"{self.country}: no fine may be imposed on {self.scope}",
            "ceiling": f"{self.country}: a national maximum applies to {self.scope}",
            "allowed": f"{self.country}: {self.scope} may be fined under Art. 83",
        }[self.rule]

    def lower_ceiling(self, tier_id: str) -> Money | None:
        """The lower maximum for *tier_id* that applies to the bodies of ``lower_scope``.

        >>> public_body_rule("PL").lower_ceiling("83(5)")
        Money('10000', 'PLN')
        """
        return self.lower.get(tier_id, self.lower.get("all"))


@dataclass(frozen=True, slots=True)
class OutsideLaw:
    """A law, other than the GDPR, under which authorities fine and which Art. 83 does not cap."""

    id: str
    country: str
    name: str
    short: str
    names: tuple[str, ...]
    gdpr_articles: tuple[int, ...]
    subject: str
    reference: Reference
    maximum: Money | None = None
    """The law's own highest fine, where it was read."""
    maximum_pinpoint: str = ""
    articles: tuple[int, ...] = ()
    """The only articles of the law that are outside Art. 83 (empty: all of them)."""

    def covers(self, article: int) -> bool:
        """Whether *article* of this law is outside Art. 83.

        >>> outside_law("LIL").covers(82), outside_law("LIL").covers(20)
        (True, False)
        """
        return not self.articles or article in self.articles


def _read(name: str) -> dict[str, Any]:
    path = resources.files("gdprfine.law").joinpath("member-states", name)
    return tomllib.loads(path.read_text("utf-8"))


def _public_body_rule(country: str, entry: dict[str, Any], regime_id: str) -> PublicBodyRule:
    kind = entry["rule"]
    if kind not in _KINDS:
        raise LawLookupError("rule", kind, f"one of {', '.join(_KINDS)}")
    undertakings = entry.get("undertakings", "unknown")
    if undertakings not in _UNDERTAKINGS:
        raise LawLookupError("undertakings", undertakings, f"one of {', '.join(_UNDERTAKINGS)}")
    ceilings = {
        tier: Money(to_decimal(amount, "ceiling"), entry["currency"])
        for tier, amount in entry.get("ceilings", {}).items()
    }
    if (kind == "ceiling") != bool(ceilings):
        raise LawLookupError("ceilings", country, "a ceiling rule states its amounts, and only it")
    return PublicBodyRule(
        country=country,
        regime=regime_id,
        rule=kind,
        scope=str(entry["scope"]),
        undertakings=undertakings,
        ceilings=ceilings,
        valid_from=entry["valid_from"],
        reference=read_reference(entry),
        lower={
            tier: Money(to_decimal(amount, "lower"), entry["currency"])
            for tier, amount in entry.get("lower", {}).items()
        },
        lower_scope=str(entry.get("lower_scope", "")),
        caveat=str(entry.get("caveat", "")),
    )


@cache
def _public_bodies() -> dict[str, PublicBodyRule]:
    data = _read("public-bodies.toml")
    return {code: _public_body_rule(code, entry, data["regime"]) for code, entry in data["countries"].items()}


def public_body_rule(country: str) -> PublicBodyRule | None:
    """The Art. 83(7) rule of *country* (ISO 3166-1 alpha-2), or None when not recorded."""
    return _public_bodies().get(country.strip().upper()) if isinstance(country, str) else None


def public_body_countries() -> list[str]:
    """The countries whose Art. 83(7) rule is recorded.

    >>> "DE" in public_body_countries()
    True
    """
    return sorted(_public_bodies())


@cache
def outside_laws() -> tuple[OutsideLaw, ...]:
    """Every law recorded as outside Art. 83."""
    return tuple(
        OutsideLaw(
            id=entry["id"],
            country=entry["country"],
            name=entry["name"],
            short=entry["short"],
            names=tuple(entry["names"]),
            gdpr_articles=tuple(int(n) for n in entry.get("gdpr_articles", [])),
            subject=entry["subject"],
            reference=read_reference(entry, text_key="subject"),
            maximum=(
                Money(to_decimal(entry["maximum"], "maximum"), entry["maximum_currency"])
                if "maximum" in entry
                else None
            ),
            maximum_pinpoint=str(entry.get("maximum_pinpoint", "")),
            articles=tuple(int(n) for n in entry.get("articles", [])),
        )
        for entry in _read("outside-art-83.toml")["laws"]
    )


@cache
def _by_name() -> dict[str, OutsideLaw]:
    return {name.casefold(): law for law in outside_laws() for name in law.names}


def outside_law(name: str | None, *, gdpr_article: int | None = None) -> OutsideLaw | None:
    """The law outside Art. 83 that *name* (as a citation writes it) names, if recorded; or,
    with *gdpr_article*, the one a GDPR article points to (Art. 84: national penalties).

    >>> outside_law(None, gdpr_article=84).short
    'Member State penalties (Art. 84 GDPR)'
    """
    if gdpr_article is not None:
        return next((law for law in outside_laws() if gdpr_article in law.gdpr_articles), None)
    if name is None:
        return None
    return _by_name().get(" ".join(name.split()).casefold())
