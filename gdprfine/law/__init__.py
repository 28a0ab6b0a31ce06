"""Article 83 as data: fining regimes, their tiers, the article-to-tier map and the rules.

Each regime is one TOML file in this folder (``eu-gdpr.toml``, ``uk-gdpr.toml``). Every value
carries the date it takes effect, its legal reference and a confidence tag (``primary``,
``secondary`` or ``check``, with a note). The files are read once, on first use; adding a regime
or updating a figure means editing data, not code. The fine-setting methods (the EDPB
Guidelines 04/2022 and historical national schemes) are data of the same kind, in ``models/``:
:func:`model` reads one into its typed model (:mod:`gdprfine.law.models`).

>>> gdpr = regime("eu-gdpr")
>>> tier = gdpr.tier("83(5)")
>>> tier.static_cap, tier.turnover_share
(Money('20000000', 'EUR'), Decimal('0.04'))
>>> tier.reference.pinpoint
'Article 83(5)'
>>> regime("uk-gdpr").tier("Art. 83(4)").static_cap
Money('8700000', 'GBP')
>>> gdpr.tier("83(4)", on=date(2017, 1, 1))
Traceback (most recent call last):
...
gdprfine.errors.LawLookupError: tier: '83(4)': eu-gdpr has no value for this tier in force on 2017-01-01 \
(the earliest takes effect on 2018-05-25)
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from gdprfine.errors import LawLookupError
from gdprfine.memo import remember
from gdprfine.money import Money, to_decimal

if TYPE_CHECKING:
    from gdprfine.law.models import ApModel, DskModel, EdpbModel, FiningModel, model, model_ids

__all__ = [
    "ApModel",
    "Confidence",
    "DskModel",
    "EdpbModel",
    "Exclusion",
    "Fault",
    "FiningModel",
    "Provision",
    "Reference",
    "Regime",
    "Span",
    "Tier",
    "claiming_regime",
    "model",
    "model_ids",
    "normalize_tier_id",
    "read_reference",
    "regime",
    "regime_for",
    "regime_ids",
]

_PACKAGE = "gdprfine.law"

Confidence = Literal["primary", "secondary", "check"]
_CONFIDENCE: tuple[str, ...] = ("primary", "secondary", "check")

Fault = Literal["intentional", "negligent", "none"]
"""What a decision found of the addressee's fault: only an intentional or negligent
infringement can be fined (CJEU C-807/21 Deutsche Wohnen)."""


class _Frozen:
    """An immutable value with slots, as a frozen dataclass is: its fields (``_FIELDS``, in
    the order of ``__init__``) are set once, and it is compared, hashed and shown by them
    (``_UNCOMPARED`` fields are shown only). The law's values are written out so rather than
    made by ``@dataclass``, which builds each class's methods from source at every start
    (1 to 1.4 ms for a frozen, slotted class of six fields on a 2-core test machine, timed with
    ``time.perf_counter`` over 50 classes): these are compiled once, with the module."""

    __slots__ = ()
    _FIELDS: ClassVar[tuple[str, ...]] = ()
    _UNCOMPARED: ClassVar[frozenset[str]] = frozenset()

    def _set(self, **fields: object) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def _key(self) -> tuple[object, ...]:
        return tuple(getattr(self, n) for n in self._FIELDS if n not in self._UNCOMPARED)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Frozen)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[_Frozen], tuple[object, ...]]:
        return self.__class__, tuple(getattr(self, name) for name in self._FIELDS)


class Reference(_Frozen):
    """A legal reference: where a rule stands, what it says, and how sure we are of it."""

    _FIELDS = ("pinpoint", "text", "confidence", "note", "eli")
    __slots__ = _FIELDS
    pinpoint: str
    text: str
    confidence: Confidence
    note: str
    eli: str

    def __init__(
        self, pinpoint: str, text: str, confidence: Confidence, note: str = "", eli: str = ""
    ) -> None:
        self._set(pinpoint=pinpoint, text=text, confidence=confidence, note=note, eli=eli)

    def cite(self) -> str:
        """The pinpoint, tagged ``[check]`` or ``[secondary]`` when not primary.

        >>> regime("uk-gdpr").tier("83(5)").reference.cite()
        'UK GDPR Article 83(5); DPA 2018 s.157 [secondary]'
        """
        tag = "" if self.confidence == "primary" else f" [{self.confidence}]"
        return f"{self.pinpoint}{tag}"


class Tier(_Frozen):
    """One tier's figures as in force from *valid_from*."""

    _FIELDS = (
        "regime", "id", "title", "gravity", "valid_from", "static_cap", "turnover_share",
        "reference",
    )  # fmt: skip
    __slots__ = _FIELDS
    regime: str
    id: str
    title: str
    gravity: int
    valid_from: date
    static_cap: Money
    turnover_share: Decimal
    reference: Reference

    def __init__(
        self, regime: str, id: str, title: str, gravity: int, valid_from: date,
        static_cap: Money, turnover_share: Decimal, reference: Reference,
    ) -> None:  # fmt: skip
        self._set(
            regime=regime, id=id, title=title, gravity=gravity, valid_from=valid_from,
            static_cap=static_cap, turnover_share=turnover_share, reference=reference,
        )  # fmt: skip


Span = tuple[int, int | None, frozenset[str] | None]
"""Part of an article: (article, paragraph or None for the whole article, points or None for the
whole paragraph)."""


def _in_span(span: Span, article: int, paragraph: int | None, point: str | None) -> bool:
    number, para, points = span
    if number != article:
        return False
    if para is None:
        return True
    if para != paragraph:
        return False
    return points is None or (point is not None and point in points)


class Provision(_Frozen):
    """One point of Art. 83(4)-(6) and the parts of articles it lists."""

    _FIELDS = ("point", "tier", "subject", "articles", "reference", "cited_alone", "cited_alone_note")
    __slots__ = _FIELDS
    point: str
    tier: str
    subject: str
    articles: tuple[Span, ...]
    """The parts listed: (article, paragraph, points); None means the whole."""
    reference: Reference
    cited_alone: frozenset[int]
    """Articles whose citation without paragraph or point is taken to fall under this point
    (the article has no other part that can be infringed), with :attr:`cited_alone_note`."""
    cited_alone_note: str

    def __init__(
        self, point: str, tier: str, subject: str, articles: tuple[Span, ...], reference: Reference,
        cited_alone: frozenset[int] = frozenset(), cited_alone_note: str = "",
    ) -> None:  # fmt: skip
        self._set(
            point=point, tier=tier, subject=subject, articles=articles, reference=reference,
            cited_alone=cited_alone, cited_alone_note=cited_alone_note,
        )  # fmt: skip

    def covers(self, article: int, paragraph: int | None, point: str | None = None) -> bool:
        """Whether an infringement of *article* (*paragraph*, *point*) falls under this point."""
        for span in self.articles:
            if span[0] == article and _in_span(span, article, paragraph, point):
                return True
        return False

    def covers_some_paragraph_of(self, article: int) -> bool:
        """Whether some paragraphs, but not the whole, of *article* are listed here."""
        return any(number == article and para is not None for number, para, _ in self.articles)


class Exclusion(_Frozen):
    """Parts of articles that a record may cite but that name no fineable infringement by
    themselves: powers of the authority (a warning, a reprimand, the fine itself), or a
    national rule the infringed norm belongs to (Chapter IX). ``need`` says what to give."""

    _FIELDS = ("articles", "reason", "need", "reference")
    __slots__ = _FIELDS
    articles: tuple[Span, ...]
    reason: str
    need: str
    reference: Reference

    def __init__(
        self, articles: tuple[Span, ...], reason: str, need: str, reference: Reference
    ) -> None:
        self._set(articles=articles, reason=reason, need=need, reference=reference)

    def covers(self, article: int, paragraph: int | None, point: str | None = None) -> bool:
        """Whether the citation falls in this exclusion."""
        return any(_in_span(span, article, paragraph, point) for span in self.articles)


class Regime(_Frozen):
    """A fining regime (the EU GDPR, the UK GDPR): its currency, tiers, map and rules.

    Two regimes are equal when all but their ``rules`` and ``national`` are."""

    _FIELDS = (
        "id", "name", "citation", "short", "currency", "valid_from", "reference", "article_count",
        "law_names", "tiers", "provisions", "rules", "exclusions", "national", "countries",
    )  # fmt: skip
    __slots__ = (*_FIELDS, "_versions")
    _UNCOMPARED = frozenset({"rules", "national"})
    id: str
    name: str
    citation: str
    short: str
    currency: str
    valid_from: date
    reference: Reference
    article_count: int
    law_names: tuple[str, ...]
    tiers: tuple[Tier, ...]
    provisions: tuple[Provision, ...]
    rules: dict[str, Reference]
    exclusions: tuple[Exclusion, ...]
    national: dict[str, Reference]
    """Rules of particular Member States by ISO 3166 code, such as Art. 83(9) for DK and EE."""
    countries: tuple[str, ...]
    """The countries whose authorities decide under this regime from *valid_from* on (empty:
    any country not claimed by another regime)."""
    _versions: dict[str, tuple[Tier, ...]]
    """The versions of each tier, in the order of :attr:`tiers` (for :meth:`tier`)."""

    def __init__(
        self, id: str, name: str, citation: str, short: str, currency: str, valid_from: date,
        reference: Reference, article_count: int, law_names: tuple[str, ...],
        tiers: tuple[Tier, ...], provisions: tuple[Provision, ...], rules: dict[str, Reference],
        exclusions: tuple[Exclusion, ...] = (), national: dict[str, Reference] | None = None,
        countries: tuple[str, ...] = (),
    ) -> None:  # fmt: skip
        self._set(
            id=id, name=name, citation=citation, short=short, currency=currency,
            valid_from=valid_from, reference=reference, article_count=article_count,
            law_names=law_names, tiers=tiers, provisions=provisions, rules=rules,
            exclusions=exclusions, national={} if national is None else national,
            countries=countries,
        )  # fmt: skip
        versions: dict[str, list[Tier]] = {}
        for found in tiers:
            versions.setdefault(found.id, []).append(found)
        self._set(_versions={key: tuple(value) for key, value in versions.items()})

    def tier_ids(self) -> list[str]:
        """The tier identifiers, in the order of the Regulation.

        >>> regime("eu-gdpr").tier_ids()
        ['83(4)', '83(5)', '83(6)']
        """
        return list(dict.fromkeys(t.id for t in self.tiers))

    def tier(self, tier_id: str, *, on: date | None = None) -> Tier:
        """The tier *tier_id* as in force on *on* (default: the latest values)."""
        versions: tuple[Tier, ...] = self._versions.get(normalize_tier_id(tier_id), ())
        if not versions:
            raise LawLookupError(
                "tier", tier_id, f"{self.id} has tiers {', '.join(self.tier_ids())}"
            )
        if on is None:
            return versions[-1]
        for found in reversed(versions):
            if found.valid_from <= on:
                return found
        raise LawLookupError(
            "tier",
            tier_id,
            f"{self.id} has no value for this tier in force on {on.isoformat()} "
            f"(the earliest takes effect on {versions[0].valid_from.isoformat()})",
        )

    def rule(self, key: str) -> Reference:
        """A rule the checks cite, such as ``linked_processing`` (Art. 83(3))."""
        try:
            return self.rules[key]
        except KeyError:
            raise LawLookupError("rule", key, f"{self.id} states no such rule") from None

    def provisions_for(
        self, article: int, paragraph: int | None, point: str | None = None
    ) -> list[Provision]:
        """The points of Art. 83(4)-(6) that list *article* (*paragraph*, *point*).

        >>> [p.point for p in regime("eu-gdpr").provisions_for(58, 2, "d")]
        ['83(5)(e)', '83(6)']
        >>> regime("eu-gdpr").provisions_for(58, 2, "b"), regime("eu-gdpr").provisions_for(24, None)
        ([], [])
        """
        listing = _LISTINGS.get(id(self))
        if listing is None or listing[0] is not self:
            listing = _listing(self)
        return [p for p in listing[1].get(article, ()) if p.covers(article, paragraph, point)]

    def exclusion_for(
        self, article: int, paragraph: int | None, point: str | None = None
    ) -> Exclusion | None:
        """The exclusion a citation falls in (a power of the authority, a national rule), if any.

        >>> regime("eu-gdpr").exclusion_for(58, 2, "i").need
        'the provision the addressee infringed (the fine is the power used, not an infringement)'
        """
        return next((e for e in self.exclusions if e.covers(article, paragraph, point)), None)

    def is_law_name(self, name: str) -> bool:
        """Whether *name* (``GDPR``, ``DSGVO``, ``AVG`` ...) names this regime's law; a name
        written twice (``GDPR GDPR``) is the name.

        >>> law = regime("eu-gdpr")
        >>> law.is_law_name("gdpr gdpr"), law.is_law_name("EU-DSGVO"), law.is_law_name("BDSG")
        (True, True, False)
        """
        folded = " ".join(name.split()).casefold()
        words = folded.split(" ")
        half = len(words) // 2
        if len(words) % 2 == 0 and half and words[:half] == words[half:]:
            folded = " ".join(words[:half])
        return any(folded == n.casefold() for n in self.law_names)


_LISTINGS: dict[int, tuple[Regime, dict[int, tuple[Provision, ...]]]] = {}


def _listing(law: Regime) -> tuple[Regime, dict[int, tuple[Provision, ...]]]:
    """The points of Art. 83(4)-(6) of *law* that list some part of each article, in order: a
    table :meth:`Regime.provisions_for` looks an article up in instead of scanning them all."""
    table: dict[int, list[Provision]] = {}
    for provision in law.provisions:
        for article in dict.fromkeys(number for number, _, _ in provision.articles):
            table.setdefault(article, []).append(provision)
    return remember(_LISTINGS, id(law), (law, {article: tuple(found) for article, found in table.items()}), 16)


_TIER_ID = re.compile(r"(?:art(?:icle|\.)?\s*)?83\s*\(\s*([456])\s*\)(?:\s*\w+)?", re.IGNORECASE)


def normalize_tier_id(text: str) -> str:
    """Normalise a tier name: ``Art. 83(5)``, ``83 (5) GDPR`` -> ``83(5)``.

    >>> normalize_tier_id("Art. 83 (4)")
    '83(4)'
    >>> normalize_tier_id("83(7)")
    Traceback (most recent call last):
    ...
    gdprfine.errors.LawLookupError: tier: '83(7)': a tier is 83(4), 83(5) or 83(6)
    """
    if text.__class__ is str:
        known = _TIER_IDS.get(text)
        if known is not None:
            return known
    match = _TIER_ID.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match:
        raise LawLookupError("tier", text, "a tier is 83(4), 83(5) or 83(6)")
    found = f"83({match[1]})"
    return remember(_TIER_IDS, text, found, 512) if text.__class__ is str and len(text) <= 40 else found


_TIER_IDS: dict[str, str] = {}
"""The tier names read so far, as :func:`normalize_tier_id` reads them (a batch names the same
few tiers in every record)."""


def read_reference(entry: dict[str, Any], *, text_key: str = "reference", eli: str = "") -> Reference:
    """Read a reference from a table of the law data: its ``pinpoint``, text, ``confidence``
    (``primary``, ``secondary`` or ``check``; ``check`` when missing) and ``note``.

    >>> read_reference({"pinpoint": "Article 83(2)", "confidence": "primary"}).cite()
    'Article 83(2)'
    >>> read_reference({"pinpoint": "x", "confidence": "sure"})
    Traceback (most recent call last):
    ...
    gdprfine.errors.LawLookupError: confidence: 'sure': one of primary, secondary, check
    """
    confidence = entry.get("confidence", "check")
    if confidence not in _CONFIDENCE:
        raise LawLookupError("confidence", confidence, f"one of {', '.join(_CONFIDENCE)}")
    return Reference(
        pinpoint=str(entry.get("pinpoint", "")),
        text=str(entry.get(text_key, "")),
        confidence=confidence,
        note=str(entry.get("note", "")),
        eli=eli,
    )


_ARTICLE_SPEC = re.compile(r"(\d+)(?:-(\d+))?(?:\((\d+)\))?(?:\(([a-z](?:,[a-z])*)\))?")


def _article_spec(spec: str) -> Iterator[Span]:
    match = _ARTICLE_SPEC.fullmatch(spec)
    if not match:
        raise LawLookupError("articles", spec, "expected '8', '25-39', '41(4)' or '58(2)(c,d)'")
    first = int(match[1])
    last = int(match[2] or first)
    para = int(match[3]) if match[3] else None
    points = frozenset(match[4].split(",")) if match[4] else None
    for number in range(first, last + 1):
        yield number, para, points


def _spans(specs: list[str]) -> tuple[Span, ...]:
    return tuple(span for spec in specs for span in _article_spec(spec))


def _provisions(data: dict[str, Any], eli: str, confidence: str | None) -> tuple[Provision, ...]:
    result = []
    for entry in data.get("provisions", []):
        if confidence:
            entry = dict(entry, confidence=confidence)
        result.append(
            Provision(
                point=entry["point"],
                tier=normalize_tier_id(entry["tier"]),
                subject=entry["subject"],
                articles=_spans(entry["articles"]),
                reference=read_reference(entry, text_key="subject", eli=eli),
                cited_alone=frozenset(int(n) for n in entry.get("cited_alone", [])),
                cited_alone_note=str(entry.get("cited_alone_note", "")),
            )
        )
    return tuple(result)


def _exclusions(data: dict[str, Any], eli: str) -> tuple[Exclusion, ...]:
    return tuple(
        Exclusion(
            articles=_spans(entry["articles"]),
            reason=entry["reason"],
            need=entry["need"],
            reference=read_reference(entry, text_key="reason", eli=eli),
        )
        for entry in data.get("exclusions", [])
    )


def _load(regime_id: str) -> Regime:
    path = resources.files(_PACKAGE).joinpath(f"{regime_id}.toml")
    data = tomllib.loads(path.read_text("utf-8"))
    eli = str(data.get("eli", ""))
    tiers: list[Tier] = []
    for tier in data["tiers"]:
        values = sorted(tier["values"], key=lambda v: v["valid_from"])
        for value in values:
            tiers.append(
                Tier(
                    regime=data["id"],
                    id=normalize_tier_id(tier["id"]),
                    title=tier["title"],
                    gravity=int(tier["gravity"]),
                    valid_from=value["valid_from"],
                    static_cap=Money(to_decimal(value["static_cap"], "static_cap"), data["currency"]),
                    turnover_share=to_decimal(value["turnover_share"], "turnover_share"),
                    reference=read_reference(value, eli=eli),
                )
            )
    if "provisions_from" in data:
        base = regime(data["provisions_from"])
        base_data = tomllib.loads(
            resources.files(_PACKAGE).joinpath(f"{base.id}.toml").read_text("utf-8")
        )
        provisions = _provisions(base_data, eli, data.get("provisions_confidence"))
        exclusions = _exclusions(base_data, eli)
    else:
        provisions = _provisions(data, eli, None)
        exclusions = _exclusions(data, eli)
    return Regime(
        id=data["id"],
        name=data["name"],
        citation=data["citation"],
        short=data["short"],
        currency=data["currency"],
        valid_from=data["valid_from"],
        reference=Reference(
            pinpoint=data["citation"],
            text=data["reference"],
            confidence=data["confidence"],
            eli=eli,
            note=str(data.get("url", "")),
        ),
        article_count=int(data["article_count"]),
        law_names=tuple(data["law_names"]),
        tiers=tuple(tiers),
        provisions=provisions,
        rules={key: read_reference(value, eli=eli) for key, value in data.get("rules", {}).items()},
        exclusions=exclusions,
        national={
            code: read_reference(value, eli=eli) for code, value in data.get("national", {}).items()
        },
        countries=tuple(data.get("countries", [])),
    )


def regime_ids() -> list[str]:
    """The regimes gdprfine knows.

    >>> regime_ids()
    ['eu-gdpr', 'uk-gdpr']
    """
    return list(_regime_files())


@cache
def _regime_files() -> tuple[str, ...]:
    return tuple(sorted(
        p.name.removesuffix(".toml")
        for p in resources.files(_PACKAGE).iterdir()
        if p.name.endswith(".toml")
    ))


@cache
def _regime(regime_id: str) -> Regime:
    return _load(regime_id)


def regime_for(country: str, on: date) -> Regime:
    """The regime an authority of *country* decides under on *on*: one that claims the country
    and is in force, else the EU GDPR.

    >>> regime_for("GB", date(2021, 1, 1)).id, regime_for("GB", date(2020, 12, 31)).id
    ('uk-gdpr', 'eu-gdpr')
    >>> regime_for("FR", date(2024, 1, 1)).id
    'eu-gdpr'
    """
    found = claiming_regime(country)
    return found if found is not None and found.valid_from <= on else regime()


def claiming_regime(country: str) -> Regime | None:
    """The regime that names *country* among its :attr:`Regime.countries`, whatever the date.

    >>> claiming_regime("GB").id, claiming_regime("DE")
    ('uk-gdpr', None)
    """
    claimant = _claims().get(country.strip().upper() if isinstance(country, str) else "")
    return None if claimant is None else regime(claimant)


@cache
def _claims() -> dict[str, str]:
    """The id of the regime that claims each country, by country code."""
    return {code: regime_id for regime_id in regime_ids() for code in _claimed(regime_id)}


# A line that opens a table ("[[tiers]]"): the keys of a regime's file above the first one
# are its own (id, name, countries, ...); a table below it whose name holds "countries" or an
# escape could be the file's "countries" too.
_TABLE_LINE = r"(?m)^[ \t]*\[.*"


def _claimed(regime_id: str) -> tuple[str, ...]:
    """:attr:`Regime.countries` of *regime_id*: read from the keys above its file's first table
    when they say it alone (a check of a case from any country asks every regime, and reading
    a whole regime's file costs as much as the rest of the check), else from the regime."""
    text = resources.files(_PACKAGE).joinpath(f"{regime_id}.toml").read_text("utf-8")
    found = _countries_above_tables(text)
    return regime(regime_id).countries if found is None else found


def _countries_above_tables(text: str) -> tuple[str, ...] | None:
    """``tuple(tomllib.loads(text).get("countries", []))`` read from the lines above the first
    table, or None when those lines cannot say it."""
    table_line = re.compile(_TABLE_LINE)
    first = table_line.search(text)
    if first is None or any(
        "countries" in line or "\\" in line for line in table_line.findall(text, first.start())
    ):
        return None
    try:
        keys = tomllib.loads(text[: first.start()])
    except tomllib.TOMLDecodeError:
        return None
    return tuple(keys.get("countries", []))


def regime(regime_id: str = "eu-gdpr") -> Regime:
    """The regime *regime_id*, loaded once and shared (it is immutable)."""
    key = regime_id.strip().lower() if isinstance(regime_id, str) else ""
    if key not in _regime_files():
        raise LawLookupError("regime", regime_id, f"known regimes: {', '.join(regime_ids())}")
    return _regime(key)


_FROM_MODELS = frozenset({"ApModel", "DskModel", "EdpbModel", "FiningModel", "model", "model_ids"})
"""The names of :mod:`gdprfine.law.models` also given here: the fine-setting methods are read
with :func:`read_reference` above, and their module is imported on first use (a check of a
fine against its cap never needs it)."""


def __getattr__(name: str) -> Any:
    if name in _FROM_MODELS:
        from gdprfine.law import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
