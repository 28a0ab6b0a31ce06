"""Fine-setting methods as data: the EDPB 04/2022 bands and historical national schemes.

Each method is one TOML file in this folder, read once on first use into a typed, immutable
model: :class:`EdpbModel` (EDPB Guidelines 04/2022), :class:`DskModel` (the German DSK concept
of 2019) and :class:`ApModel` (the Dutch AP policy rules of 2019). They share the fields of
:class:`FiningModel` (name, citation, regime, currency, validity, reference, caveat); every
band, class and category carries its reference and confidence tag, read as the regimes' are
(:func:`gdprfine.law.read_reference`). These are methods for setting the amount of a fine, not
fining regimes, so they live apart from the Article 83 regimes one folder up.
:mod:`gdprfine.estimate` applies them.

Adding a method means a TOML file, a model class with its reader here (one line in
``_MODELS``) and a scheme module in :mod:`gdprfine.estimate`.

>>> model_ids()
['edpb', 'dsk', 'ap', 'ico']
>>> edpb = model("edpb")
>>> [(s.level, s.low, s.high) for s in edpb.seriousness]
[('low', Decimal('0'), Decimal('0.10')), ('medium', Decimal('0.10'), Decimal('0.20')), \
('high', Decimal('0.20'), Decimal('1'))]
>>> edpb.turnover_bands[1].label, edpb.turnover_bands[1].reference.cite()
('above EUR 2 000 000 up to EUR 10 000 000', 'EDPB Guidelines 04/2022, para 65 [check]')
>>> model("dsk").historical, model("ap").categories[0].base
(True, Decimal('100000'))
>>> model("ico").currency, model("ico").label("seriousness")
('GBP', ' (ICO step 1)')
>>> model("cnil")
Traceback (most recent call last):
...
gdprfine.errors.LawLookupError: model: 'cnil': known models: edpb, dsk, ap, ico
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Literal, overload

from gdprfine.errors import LawLookupError
from gdprfine.law import Reference, Span, _spans, read_reference
from gdprfine.money import Money, to_decimal

__all__ = [
    "LEVELS",
    "AnnexEntry",
    "ApModel",
    "Correspondence",
    "DskModel",
    "EdpbModel",
    "Factors",
    "FineCategory",
    "FiningModel",
    "Level",
    "MethodStep",
    "MitigationLimit",
    "SeriousnessBand",
    "SeverityDegree",
    "SizeClass",
    "TurnoverBand",
    "model",
    "model_ids",
]

_PACKAGE = "gdprfine.law.models"

Level = Literal["low", "medium", "high"]
LEVELS: tuple[Level, ...] = ("low", "medium", "high")
"""The seriousness levels of EDPB Guidelines 04/2022, from the least to the most serious."""


def _dec(value: Any, name: str) -> Decimal:
    return to_decimal(str(value), name)


# ---------------------------------------------------------------------------------------------
# What every method has


@dataclass(frozen=True, slots=True, kw_only=True)
class FiningModel:
    """What every fine-setting method states: its name, source, regime, currency and caveat."""

    id: str
    name: str
    citation: str
    regime: str
    """The fining regime whose legal maximums the method works under, such as ``eu-gdpr``."""
    currency: str
    """The currency of the method's amounts and turnover bounds."""
    historical: bool
    valid_from: date
    reference: Reference
    caveat: str
    """What the method's result is not (a fine), in one sentence or two."""
    valid_until: date | None = None
    """The last day the method applied, for one that lapsed."""
    validity: Reference | None = None
    """Why and when it lapsed."""
    labels: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    """The method's own names for the common steps (``seriousness``, ``turnover``,
    ``starting``, ``adjustments``, ``effectiveness``), shown beside them in the trace."""

    def label(self, key: str) -> str:
        """`` (ICO step 1)`` for a step the method names itself, else nothing."""
        own = self.labels.get(key)
        return f" ({own})" if own else ""

    @staticmethod
    def _header(data: dict[str, Any]) -> dict[str, Any]:
        """The common fields of a method file, as keyword arguments."""
        return {
            "id": str(data["id"]),
            "name": str(data["name"]),
            "citation": str(data["citation"]),
            "regime": str(data["regime"]),
            "currency": str(data["currency"]),
            "historical": bool(data["historical"]),
            "valid_from": data["valid_from"],
            "reference": read_reference(data),
            "caveat": str(data["caveat"]),
            "valid_until": data.get("valid_until"),
            "validity": read_reference(data["validity"]) if "validity" in data else None,
            "labels": {str(k): str(v) for k, v in data.get("labels", {}).items()},
        }


@dataclass(frozen=True, slots=True)
class Correspondence:
    """How gdprfine reads the EDPB seriousness levels in a scheme's own grades."""

    grades: dict[str, tuple[str, ...]] = field(hash=False, compare=False)
    reference: Reference

    def of(self, level: str) -> tuple[str, ...]:
        """The scheme's grades that correspond to the EDPB seriousness *level*."""
        return self.grades[level]

    @classmethod
    def read(cls, entry: dict[str, Any]) -> Correspondence:
        """Read a ``[seriousness]`` table: one list of grades per level, and its reference."""
        return cls({level: tuple(entry[level]) for level in LEVELS}, read_reference(entry))


# ---------------------------------------------------------------------------------------------
# EDPB Guidelines 04/2022


@dataclass(frozen=True, slots=True)
class MethodStep:
    """One of the five steps of the EDPB method: its number, title and reference."""

    number: int
    title: str
    reference: Reference


@dataclass(frozen=True, slots=True)
class SeriousnessBand:
    """Step 2(b): a seriousness level and its starting amount, as shares of the legal maximum."""

    level: Level
    low: Decimal
    high: Decimal
    reference: Reference


@dataclass(frozen=True, slots=True)
class TurnoverBand:
    """Step 2(c): the share of the starting amount for turnovers above *above* up to *upper*."""

    above: Decimal
    upper: Decimal
    low: Decimal
    high: Decimal
    label: str
    reference: Reference


@dataclass(frozen=True, slots=True)
class MitigationLimit:
    """What the EDPB Guidelines say a factor of Art. 83(2) cannot do as a mitigation: refused
    outright (``refuse``), or allowed only in circumstances the estimate cannot see (``warn``)."""

    factor: str
    rule: Literal["refuse", "warn"]
    text: str
    reference: Reference


@dataclass(frozen=True, slots=True)
class Factors:
    """The factors of Art. 83(2): their text, those already weighed at step 2, and the limits
    on mitigating by them."""

    text: dict[str, str] = field(hash=False, compare=False)
    step2: tuple[str, ...]
    reference: Reference
    mitigation: dict[str, MitigationLimit] = field(default_factory=dict, hash=False, compare=False)

    @property
    def step3(self) -> tuple[str, ...]:
        """The factors assessed at step 3: all but those weighed at step 2."""
        return tuple(k for k in self.text if k not in self.step2)


@dataclass(frozen=True, slots=True, kw_only=True)
class EdpbModel(FiningModel):
    """EDPB Guidelines 04/2022: the five steps, the seriousness and turnover bands of step 2."""

    steps: tuple[MethodStep, ...]
    seriousness: tuple[SeriousnessBand, ...]
    turnover_threshold: Decimal
    """Above this turnover no size adjustment applies."""
    turnover_reference: Reference
    turnover_bands: tuple[TurnoverBand, ...]
    factors: Factors

    def step(self, number: int) -> MethodStep:
        """Step *number* (1-5) of the method."""
        return next(s for s in self.steps if s.number == number)

    def band(self, level: str) -> SeriousnessBand:
        """The seriousness band of *level*."""
        return next(s for s in self.seriousness if s.level == level)

    def turnover_band(self, turnover: Decimal) -> TurnoverBand | None:
        """The band of *turnover*, or None above the threshold."""
        return next((b for b in self.turnover_bands if turnover <= b.upper), None)

    @classmethod
    def read(cls, data: dict[str, Any]) -> EdpbModel:
        """Read ``edpb-04-2022.toml``."""
        currency = str(data["currency"])
        bands: list[TurnoverBand] = []
        previous = Decimal(0)
        for band in data["turnover"]["bands"]:
            upper = _dec(band["upper"], "upper")
            bands.append(
                TurnoverBand(
                    above=previous,
                    upper=upper,
                    low=_dec(band["low"], "low"),
                    high=_dec(band["high"], "high"),
                    label=(
                        f"up to {Money(upper, currency).format()}"
                        if previous == 0
                        else f"above {Money(previous, currency).format()} "
                        f"up to {Money(upper, currency).format()}"
                    ),
                    reference=read_reference(band),
                )
            )
            previous = upper
        factors = data["factors"]
        return cls(
            **cls._header(data),
            steps=tuple(
                MethodStep(int(number), str(step["title"]), read_reference(step))
                for number, step in data["steps"].items()
            ),
            seriousness=tuple(
                SeriousnessBand(
                    level=_level(s["level"]),
                    low=_dec(s["low"], "low"),
                    high=_dec(s["high"], "high"),
                    reference=read_reference(s),
                )
                for s in data["seriousness"]
            ),
            turnover_threshold=_dec(data["turnover"]["threshold"], "threshold"),
            turnover_reference=read_reference(data["turnover"]),
            turnover_bands=tuple(bands),
            factors=Factors(
                dict(factors["text"]),
                tuple(factors["step2"]),
                read_reference(factors),
                {
                    key: MitigationLimit(key, _rule(entry["rule"]), entry["text"], read_reference(entry))
                    for key, entry in factors.get("mitigation", {}).items()
                },
            ),
        )


def _rule(text: str) -> Literal["refuse", "warn"]:
    if text == "refuse":
        return "refuse"
    if text == "warn":
        return "warn"
    raise LawLookupError("rule", text, "refuse or warn")


def _level(text: str) -> Level:
    for level in LEVELS:
        if text == level:
            return level
    raise LawLookupError("level", text, f"one of {', '.join(LEVELS)}")


# ---------------------------------------------------------------------------------------------
# DSK Bußgeldkonzept 2019


@dataclass(frozen=True, slots=True)
class SizeClass:
    """A DSK size class: turnovers up to *upper* (None: no bound), with its mean turnover
    (None: the actual turnover is used)."""

    id: str
    upper: Decimal | None
    mean: Decimal | None


@dataclass(frozen=True, slots=True)
class SeverityDegree:
    """A DSK severity factor range for a kind of infringement (formal or material) and a degree;
    *high* None means open-ended (bounded only by the legal maximum)."""

    kind: str
    degree: str
    tiers: tuple[str, ...]
    low: Decimal
    high: Decimal | None

    @property
    def label(self) -> str:
        """The kind and the degree, such as ``material, serious``."""
        return f"{self.kind}, {self.degree}"


@dataclass(frozen=True, slots=True, kw_only=True)
class DskModel(FiningModel):
    """The DSK concept: size class -> daily rate -> severity factor -> adjustment."""

    classes: tuple[SizeClass, ...]
    classes_reference: Reference
    days: Decimal
    """The daily rate is the (mean) turnover divided by this many days."""
    days_reference: Reference
    rate_unit: Decimal | None = None
    """The unit the daily rate is rounded to, half up (the concept's table: whole euros)."""
    rate_reference: Reference | None = None
    severity: tuple[SeverityDegree, ...]
    severity_reference: Reference
    seriousness: Correspondence
    adjustments: Reference

    def size_class(self, turnover: Decimal) -> SizeClass:
        """The size class of *turnover*."""
        return next(c for c in self.classes if c.upper is None or turnover <= c.upper)

    def degrees(self, tier: str, level: str) -> tuple[SeverityDegree, ...]:
        """The severity degrees for an infringement of *tier* read as seriousness *level*."""
        grades = self.seriousness.of(level)
        return tuple(d for d in self.severity if tier in d.tiers and d.degree in grades)

    @classmethod
    def read(cls, data: dict[str, Any]) -> DskModel:
        """Read ``dsk-2019.toml``."""
        return cls(
            **cls._header(data),
            classes=tuple(
                SizeClass(
                    id=str(c["id"]),
                    upper=_dec(c["upper"], "upper") if "upper" in c else None,
                    mean=_dec(c["mean"], "mean") if "mean" in c else None,
                )
                for c in data["classes"]
            ),
            classes_reference=read_reference(data["classes_reference"]),
            days=_dec(data["days"], "days"),
            days_reference=read_reference(data["days_reference"]),
            rate_unit=_dec(data["daily_rate"]["unit"], "unit") if "daily_rate" in data else None,
            rate_reference=read_reference(data["daily_rate"]) if "daily_rate" in data else None,
            severity=tuple(
                SeverityDegree(
                    kind=str(s["kind"]),
                    degree=str(s["degree"]),
                    tiers=tuple(str(t) for t in s["tiers"]),
                    low=_dec(s["low"], "low"),
                    high=_dec(s["high"], "high") if "high" in s else None,
                )
                for s in data["severity"]
            ),
            severity_reference=read_reference(data["severity_reference"]),
            seriousness=Correspondence.read(data["seriousness"]),
            adjustments=read_reference(data["adjustments"]),
        )


# ---------------------------------------------------------------------------------------------
# AP Boetebeleidsregels 2019


@dataclass(frozen=True, slots=True)
class FineCategory:
    """An AP fine category: its range and base fine."""

    id: str
    low: Decimal
    high: Decimal
    base: Decimal

    @property
    def label(self) -> str:
        """``category I`` ..."""
        return f"category {self.id}"


@dataclass(frozen=True, slots=True)
class AnnexEntry:
    """A provision's fine category in the AP policy rules' annex, where it was found."""

    articles: tuple[Span, ...]
    category: str
    reference: Reference

    def covers(self, article: int, paragraph: int | None) -> bool:
        """Whether the entry lists *article* (*paragraph*)."""
        return any(
            number == article and (para is None or para == paragraph)
            for number, para, _ in self.articles
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ApModel(FiningModel):
    """The AP policy rules: fine category -> range and base fine; +50 % for a repeat."""

    categories: tuple[FineCategory, ...]
    categories_reference: Reference
    repeat_increase: Decimal
    repeat_reference: Reference
    seriousness: Correspondence
    adjustments: Reference
    tiers: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    """The categories each tier's provisions may fall in (Art. 2)."""
    tiers_reference: Reference | None = None
    annex: tuple[AnnexEntry, ...] = ()
    neighbour: Reference | None = None
    """Art. 8.1: the next higher or lower category's range may be used."""
    bandwidth: Reference | None = None
    """The circumstances move the fine within the category's bandwidth, not beyond it."""

    def categories_for(self, level: str, tier: str | None = None) -> tuple[FineCategory, ...]:
        """The categories read as the EDPB seriousness *level*, within those of *tier*.

        >>> [c.id for c in model("ap").categories_for("high", "83(4)")]
        ['III']
        """
        grades = self.seriousness.of(level)
        allowed = self.tiers.get(tier, ()) if tier is not None else ()
        return tuple(
            c for c in self.categories if c.id in grades and (not allowed or c.id in allowed)
        )

    def annex_entry(self, article: int, paragraph: int | None) -> AnnexEntry | None:
        """The annex entry listing *article* (*paragraph*), if recorded: an entry for that very
        paragraph before one for the whole article. A citation of the whole article whose
        paragraphs fall in different categories has none.

        >>> model("ap").annex_entry(32, 1).category, model("ap").annex_entry(9, None)
        ('II', None)
        >>> model("ap").annex_entry(27, 3).category, model("ap").annex_entry(27, 1).category
        ('II', 'III')
        >>> model("ap").annex_entry(27, None) is None
        True
        """
        exact = [e for e in self.annex if any(n == article and p is not None and p == paragraph for n, p, _ in e.articles)]
        if exact:
            return exact[0]
        whole = [e for e in self.annex if any(n == article and p is None for n, p, _ in e.articles)]
        if not whole:
            return None
        parts = {e.category for e in self.annex if any(n == article and p is not None for n, p, _ in e.articles)}
        if paragraph is None and parts - {whole[0].category}:
            return None
        return whole[0]

    def entries_of(self, article: int) -> tuple[tuple[str, AnnexEntry], ...]:
        """Every annex entry listing *article* or one of its paragraphs, with the provision as
        it lists it: what a citation of the whole article leaves open.

        >>> [(p, e.category) for p, e in model("ap").entries_of(6)]
        [('Art. 6(1)', 'III')]
        >>> [(p, e.category) for p, e in model("ap").entries_of(27)]
        [('Art. 27(3)', 'II'), ('Art. 27', 'III')]
        """
        return tuple(
            (f"Art. {n}" + (f"({p})" if p is not None else ""), e)
            for e in self.annex
            for n, p, _ in e.articles
            if n == article
        )

    def category(self, category_id: str) -> FineCategory:
        """The category *category_id*."""
        return next(c for c in self.categories if c.id == category_id)

    def neighbours(self, category_id: str) -> tuple[FineCategory, ...]:
        """The category with the next lower and next higher one (Art. 8.1)."""
        ids = [c.id for c in self.categories]
        at = ids.index(category_id)
        return tuple(self.categories[max(at - 1, 0) : at + 2])

    @classmethod
    def read(cls, data: dict[str, Any]) -> ApModel:
        """Read ``ap-2019.toml``."""
        return cls(
            **cls._header(data),
            categories=tuple(
                FineCategory(
                    id=str(c["id"]),
                    low=_dec(c["low"], "low"),
                    high=_dec(c["high"], "high"),
                    base=_dec(c["base"], "base"),
                )
                for c in data["categories"]
            ),
            categories_reference=read_reference(data["categories_reference"]),
            repeat_increase=_dec(data["repeat"]["increase"], "increase"),
            repeat_reference=read_reference(data["repeat"]),
            seriousness=Correspondence.read(data["seriousness"]),
            adjustments=read_reference(data["adjustments"]),
            tiers={tier: tuple(ids) for tier, ids in data.get("tiers", {}).items()},
            tiers_reference=read_reference(data["tiers_reference"]) if "tiers_reference" in data else None,
            annex=tuple(
                AnnexEntry(
                    articles=_spans(entry["articles"]),
                    category=str(entry["category"]),
                    reference=read_reference(entry),
                )
                for entry in data.get("annex", [])
            ),
            neighbour=read_reference(data["neighbour"]) if "neighbour" in data else None,
            bandwidth=read_reference(data["bandwidth"]) if "bandwidth" in data else None,
        )


# ---------------------------------------------------------------------------------------------
# Loading

_MODELS: dict[str, tuple[str, Callable[[dict[str, Any]], FiningModel]]] = {
    "edpb": ("edpb-04-2022.toml", EdpbModel.read),
    "dsk": ("dsk-2019.toml", DskModel.read),
    "ap": ("ap-2019.toml", ApModel.read),
    "ico": ("ico-2024.toml", EdpbModel.read),
}
"""Every method: its file and its reader, the EDPB method first."""


def model_ids() -> list[str]:
    """The fine-setting methods gdprfine knows, the EDPB method first.

    >>> model_ids()
    ['edpb', 'dsk', 'ap', 'ico']
    """
    return list(_MODELS)


@cache
def _model(model_id: str) -> FiningModel:
    filename, read = _MODELS[model_id]
    data = tomllib.loads(resources.files(_PACKAGE).joinpath(filename).read_text("utf-8"))
    found = read(data)
    if found.id != model_id:
        raise LawLookupError("model", found.id, f"{filename} must state id = {model_id!r}")
    return found


@overload
def model(model_id: Literal["edpb"] = ...) -> EdpbModel: ...
@overload
def model(model_id: Literal["dsk"]) -> DskModel: ...
@overload
def model(model_id: Literal["ap"]) -> ApModel: ...
@overload
def model(model_id: Literal["ico"]) -> EdpbModel: ...
@overload
def model(model_id: str) -> FiningModel: ...


def model(model_id: str = "edpb") -> FiningModel:
    """The method *model_id*, loaded once and shared (it is immutable).

    ``model("edpb")`` is an :class:`EdpbModel`, ``model("dsk")`` a :class:`DskModel`,
    ``model("ap")`` an :class:`ApModel`, ``model("ico")`` an :class:`EdpbModel` (the ICO's
    guidance has the EDPB method's shape); any other known id its own model class.
    """
    key = model_id.strip().lower() if isinstance(model_id, str) else ""
    if key not in _MODELS:
        raise LawLookupError("model", model_id, f"known models: {', '.join(model_ids())}")
    return _model(key)
