"""What a fine would likely be: the EDPB five-step method as a range, every step shown.

A compliance team's first question is "what would a fine for this likely be?". The EU's answer
is the method of EDPB Guidelines 04/2022; :func:`estimate` applies it to one or more
*conducts* and returns a range (low, high) in EUR for each conduct and in total, with the trace
of the five steps and their references. The bands of the method are data
(``gdprfine/law/models/edpb-04-2022.toml``), each with its reference and confidence tag.

Range semantics. For each conduct, with *cap* the legal maximum of its gravest tier (Art. 83(3))
for the undertaking's turnover:

* step 2: ``low = cap x seriousness_low x size_low`` and ``high = cap x seriousness_high x
  size_high``, where the seriousness band is that of para 60 (or the single *position* within
  it, when given) and the size band that of para 65 (only for an undertaking whose turnover is
  known and at most EUR 500 m; otherwise 100 %);
* step 3: both ends are multiplied by ``1 + sum(aggravating) - sum(mitigating)`` (never below
  zero), from the adjustments the user states: the guidelines give no percentages, so
  gdprfine never invents one;
* step 4: both ends are capped at *cap*;
* amounts are rounded to the cent, the low end down and the high end up, so the range contains
  the exact one;
* separate conducts get separate fines: the total range is the sum of the conducts' ranges.

Step 5 belongs to the supervisory authority: the result is a starting orientation, not a fine.

>>> c = Conduct.of("Art. 6(1), Art. 13", "medium")
>>> e = estimate([c], Money("5000000", "EUR"))
>>> e.low, e.high
(Money('6000.00', 'EUR'), Money('80000.00', 'EUR'))
>>> e.conducts[0].tier, e.conducts[0].turnover_band.label
('83(5)', 'above EUR 2 000 000 up to EUR 10 000 000')
>>> estimate([Conduct.of("Art. 6", "high")], Money("1000000000", "EUR")).high
Money('40000000.00', 'EUR')

Historical national schemes, the German DSK concept of 2019 and the Dutch AP policy rules of
2019, are models of the same shape (``model="dsk"``, ``model="ap"``); :func:`compare` puts them
side by side with the EDPB range.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from functools import cache
from importlib import resources
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.articles import ArticleRef, Classification, classify, parse_articles
from gdprfine.caps import Cap, legal_maximum
from gdprfine.cases import CaseRecord
from gdprfine.errors import CurrencyMismatch, InvalidInput, LawLookupError, NotApplicable
from gdprfine.fx import resolve_rates
from gdprfine.law import Confidence, Reference, Regime, regime
from gdprfine.money import ExchangeRate, Money, minor_unit_digits, to_decimal

__all__ = [
    "SERIOUSNESS_LEVELS",
    "Adjustment",
    "Band",
    "Comparison",
    "Conduct",
    "ConductEstimate",
    "Direction",
    "Estimate",
    "FinePosition",
    "Method",
    "NotApplicable",
    "Seriousness",
    "Skipped",
    "Step",
    "compare",
    "estimate",
    "estimate_case",
    "fine_position",
    "method",
    "model_ids",
    "parse_share",
]

Seriousness = Literal["low", "medium", "high"]
Direction = Literal["aggravating", "mitigating"]
FinePosition = Literal["below", "inside", "above"]

SERIOUSNESS_LEVELS: tuple[Seriousness, ...] = ("low", "medium", "high")
"""The seriousness levels of EDPB Guidelines 04/2022, from the least to the most serious."""

_PACKAGE = "gdprfine.law.models"
_FILES = {"edpb": "edpb-04-2022.toml", "dsk": "dsk-2019.toml", "ap": "ap-2019.toml"}
_MAX_REASON = 500


# ---------------------------------------------------------------------------------------------
# Input


_SHARE = re.compile(r"([+-]?)\s*(\d+(?:\.\d+)?)\s*%")


def parse_share(text: str, field: str = "share") -> Decimal:
    """Read a percentage such as ``10%``, ``0.4 %`` or ``+20%`` as a fraction.

    >>> parse_share("10%"), parse_share("0.4 %"), parse_share("-5%")
    (Decimal('0.1'), Decimal('0.004'), Decimal('-0.05'))
    >>> parse_share("0.1")
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidInput: share: '0.1': expected a percentage such as '10%'
    """
    match = _SHARE.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match:
        raise InvalidInput(field, text, "expected a percentage such as '10%'")
    value = to_decimal(match[2], field) / 100
    return -value if match[1] == "-" else value


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A step-3 adjustment: one factor of Art. 83(2), its direction, size and reason.

    *share* is a fraction of the step-2 amount (``Decimal("0.1")`` is 10 %); the user states
    it, gdprfine does not.

    >>> Adjustment.parse("f:-10%:cooperated fully with the authority")
    Adjustment(factor='f', direction='mitigating', share=Decimal('0.1'), \
reason='cooperated fully with the authority')
    >>> Adjustment("b", "aggravating", Decimal("0.1"), "intent")
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidInput: factor: 'b': Art. 83(2)(b) is weighed in the seriousness \
at step 2, not again at step 3
    """

    factor: str
    direction: Direction
    share: Decimal
    reason: str

    def __post_init__(self) -> None:
        if not isinstance(self.factor, str) or not isinstance(self.reason, str):
            raise InvalidInput("adjustment", self.factor, "a factor and a reason are text")
        factor = self.factor.strip().lower().strip("()")
        factors = _factors()
        if factor in factors.step2:
            raise InvalidInput(
                "factor",
                self.factor,
                f"Art. 83(2)({factor}) is weighed in the seriousness at step 2, "
                "not again at step 3",
            )
        if factor not in factors.text:
            letters = ", ".join(f"({k})" for k in factors.step3)
            raise InvalidInput(
                "factor", self.factor, f"a step-3 factor of Art. 83(2) is one of {letters}"
            )
        if self.direction not in ("aggravating", "mitigating"):
            raise InvalidInput("direction", self.direction, "aggravating or mitigating")
        share = to_decimal(self.share, "share")
        if share < 0:
            raise InvalidInput(
                "share", str(share), "give the size as a positive share with a direction"
            )
        if self.direction == "mitigating" and share > 1:
            raise InvalidInput("share", str(share), "a mitigation cannot exceed 100 %")
        reason = " ".join(self.reason.split())
        if not reason:
            raise InvalidInput("reason", self.reason, "every adjustment needs a stated reason")
        if len(reason) > _MAX_REASON:
            raise InvalidInput("reason", reason[:40] + "...", f"at most {_MAX_REASON} characters")
        object.__setattr__(self, "factor", factor)
        object.__setattr__(self, "share", share)
        object.__setattr__(self, "reason", reason)

    @classmethod
    def parse(cls, text: str) -> Adjustment:
        """Read ``FACTOR:+N%:REASON`` (aggravating) or ``FACTOR:-N%:REASON`` (mitigating)."""
        parts = text.split(":", 2) if isinstance(text, str) else []
        if len(parts) != 3:
            raise InvalidInput(
                "adjustment",
                text,
                "expected FACTOR:+N%:REASON or FACTOR:-N%:REASON, e.g. 'f:-10%:cooperated'",
            )
        factor, size, reason = (p.strip() for p in parts)
        if not size.startswith(("+", "-")):
            raise InvalidInput(
                "adjustment", text, "the size needs a sign: + aggravating, - mitigating"
            )
        share = parse_share(size, "adjustment")
        direction: Direction = "mitigating" if share < 0 or size.startswith("-") else "aggravating"
        return cls(factor, direction, abs(share), reason)

    @property
    def signed_share(self) -> Decimal:
        """The share with its sign: positive when aggravating, negative when mitigating."""
        return self.share if self.direction == "aggravating" else -self.share

    def describe(self) -> str:
        """One line: the factor, its text in Art. 83(2), the signed size and the reason.

        >>> Adjustment.parse("e:+20%:fined for the same in 2020").describe()
        'Art. 83(2)(e) relevant previous infringements: aggravating +20 %: fined for the same \
in 2020'
        """
        sign = "+" if self.direction == "aggravating" else "-"
        return (
            f"Art. 83(2)({self.factor}) {_factors().text[self.factor]}: {self.direction} "
            f"{sign}{_percent(self.share)}: {self.reason}"
        )


@dataclass(frozen=True, slots=True)
class Conduct:
    """Step 1: one sanctionable conduct, its infringements and their seriousness.

    The infringements of one conduct share one fine under the cap of the gravest (Art. 83(3));
    separate conducts get separate fines. *position*, when given, is the starting point as a
    share of the legal maximum, within the seriousness band.

    >>> Conduct.of("Art. 33(5), Art. 25(1)", "high", position="100%").position
    Decimal('1')
    """

    articles: tuple[ArticleRef, ...]
    seriousness: Seriousness
    position: Decimal | None = None
    adjustments: tuple[Adjustment, ...] = ()
    name: str = ""

    def __post_init__(self) -> None:
        articles = tuple(self.articles)
        if not articles or not all(isinstance(a, ArticleRef) for a in articles):
            raise InvalidInput(
                "articles", self.articles, "a conduct needs at least one article reference"
            )
        if self.seriousness not in SERIOUSNESS_LEVELS:
            raise InvalidInput("seriousness", self.seriousness, "one of low, medium, high")
        if self.position is not None:
            position = to_decimal(self.position, "position")
            if not 0 <= position <= 1:
                raise InvalidInput(
                    "position", str(position), "a share of the legal maximum, 0-100 %"
                )
            object.__setattr__(self, "position", position)
        adjustments = tuple(self.adjustments)
        seen: set[str] = set()
        for adjustment in adjustments:
            if adjustment.factor in seen:
                raise InvalidInput(
                    "adjustments",
                    f"({adjustment.factor})",
                    "each factor of Art. 83(2) is assessed once; state it once",
                )
            seen.add(adjustment.factor)
        object.__setattr__(self, "articles", articles)
        object.__setattr__(self, "adjustments", adjustments)
        object.__setattr__(self, "name", " ".join(self.name.split()))

    @classmethod
    def of(
        cls,
        articles: str | Iterable[ArticleRef],
        seriousness: str,
        *,
        position: str | Decimal | None = None,
        adjustments: Iterable[str | Adjustment] = (),
        name: str = "",
    ) -> Conduct:
        """Build a conduct from text: ``"Art. 6(1), Art. 13"``, ``"medium"``, ``"15%"``.

        >>> Conduct.of("Art. 6", "severe")
        Traceback (most recent call last):
        ...
        gdprfine.errors.InvalidInput: seriousness: 'severe': one of low, medium, high
        """
        if not isinstance(articles, str | Iterable):
            raise InvalidInput("articles", articles, "a conduct needs at least one article reference")
        refs = tuple(parse_articles(articles) if isinstance(articles, str) else articles)
        level = seriousness.strip().lower() if isinstance(seriousness, str) else seriousness
        if level not in SERIOUSNESS_LEVELS:
            raise InvalidInput("seriousness", seriousness, "one of low, medium, high")
        share = parse_share(position, "position") if isinstance(position, str) else position
        adjusted = tuple(
            a if isinstance(a, Adjustment) else Adjustment.parse(a) for a in adjustments
        )
        return cls(refs, level, share, adjusted, name)


# ---------------------------------------------------------------------------------------------
# The methods as data


@dataclass(frozen=True, slots=True)
class _Factors:
    text: dict[str, str]
    step2: tuple[str, ...]
    reference: Reference

    @property
    def step3(self) -> tuple[str, ...]:
        return tuple(k for k in self.text if k not in self.step2)


@dataclass(frozen=True, slots=True)
class _Range:
    """A band of a method: an id, a label, low and high (None: open-ended), its reference."""

    id: str
    label: str
    low: Decimal
    high: Decimal | None
    reference: Reference
    upper: Decimal | None = None
    base: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Method:
    """One fine-setting method as data: the EDPB 04/2022 bands or a historical scheme."""

    id: str
    name: str
    citation: str
    regime: str
    currency: str
    historical: bool
    valid_from: date
    reference: Reference
    caveat: str
    seriousness: tuple[_Range, ...] = ()
    """EDPB: shares of the legal maximum per seriousness level."""
    turnover_threshold: Decimal | None = None
    turnover_reference: Reference | None = None
    turnover_bands: tuple[_Range, ...] = ()
    """EDPB: shares of the starting amount by turnover, up to the threshold."""
    steps: dict[str, Reference] = field(default_factory=dict, hash=False, compare=False)
    classes: tuple[_Range, ...] = ()
    """DSK: size classes (upper bound, mean turnover)."""
    days: Decimal | None = None
    severity: dict[str, tuple[_Range, ...]] = field(default_factory=dict, hash=False, compare=False)
    """DSK: severity factors by tier id."""
    categories: tuple[_Range, ...] = ()
    """AP: fine categories (range and base fine)."""
    repeat_increase: Decimal | None = None
    levels: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    """DSK and AP: which degrees or categories each EDPB seriousness level corresponds to."""
    references: dict[str, Reference] = field(default_factory=dict, hash=False, compare=False)


def _ref(entry: dict[str, Any]) -> Reference:
    confidence = str(entry.get("confidence", "check"))
    if confidence not in ("primary", "secondary", "check"):
        raise LawLookupError("confidence", confidence, "one of primary, secondary, check")
    return Reference(
        pinpoint=str(entry.get("pinpoint", "")),
        text=str(entry.get("reference", "")),
        confidence=cast(Confidence, confidence),
        note=str(entry.get("note", "")),
    )


def _dec(value: Any, name: str) -> Decimal:
    return to_decimal(str(value), name)


def _eur(value: Decimal) -> str:
    return Money(value, "EUR").format()


def _load(model_id: str) -> Method:
    text = resources.files(_PACKAGE).joinpath(_FILES[model_id]).read_text("utf-8")
    data = tomllib.loads(text)
    common: dict[str, Any] = {
        "id": data["id"],
        "name": data["name"],
        "citation": data["citation"],
        "regime": data["regime"],
        "currency": data["currency"],
        "historical": bool(data["historical"]),
        "valid_from": data["valid_from"],
        "reference": _ref(data),
        "caveat": data["caveat"],
    }
    references = {
        key: _ref(value)
        for key, value in data.items()
        if isinstance(value, dict) and "pinpoint" in value
    }
    levels: dict[str, tuple[str, ...]] = {
        level: tuple(data["seriousness"][level])
        for level in SERIOUSNESS_LEVELS
        if isinstance(data.get("seriousness"), dict)
    }
    if model_id == "edpb":
        previous = Decimal(0)
        bands = []
        for band in data["turnover"]["bands"]:
            upper = _dec(band["upper"], "upper")
            bands.append(
                _Range(
                    id=f"<= {upper}",
                    label=(
                        f"up to {_eur(upper)}"
                        if previous == 0
                        else f"above {_eur(previous)} up to {_eur(upper)}"
                    ),
                    low=_dec(band["low"], "low"),
                    high=_dec(band["high"], "high"),
                    reference=_ref(band),
                    upper=upper,
                )
            )
            previous = upper
        return Method(
            **common,
            seriousness=tuple(
                _Range(
                    id=s["level"],
                    label=s["level"],
                    low=_dec(s["low"], "low"),
                    high=_dec(s["high"], "high"),
                    reference=_ref(s),
                )
                for s in data["seriousness"]
            ),
            turnover_threshold=_dec(data["turnover"]["threshold"], "threshold"),
            turnover_reference=_ref(data["turnover"]),
            turnover_bands=tuple(bands),
            steps={key: _ref(value) for key, value in data["steps"].items()},
            references=references,
        )
    if model_id == "dsk":
        severity: dict[str, list[_Range]] = {}
        for entry in data["severity"]:
            for tier_id in entry["tiers"]:
                severity.setdefault(tier_id, []).append(
                    _Range(
                        id=entry["degree"],
                        label=f"{entry['kind']}, {entry['degree']}",
                        low=_dec(entry["low"], "low"),
                        high=_dec(entry["high"], "high") if "high" in entry else None,
                        reference=references["severity_reference"],
                    )
                )
        return Method(
            **common,
            classes=tuple(
                _Range(
                    id=c["id"],
                    label=c["id"],
                    low=_dec(c["mean"], "mean") if "mean" in c else Decimal(0),
                    high=None,
                    upper=_dec(c["upper"], "upper") if "upper" in c else None,
                    base=_dec(c["mean"], "mean") if "mean" in c else None,
                    reference=references["classes_reference"],
                )
                for c in data["classes"]
            ),
            days=_dec(data["days"], "days"),
            severity={k: tuple(v) for k, v in severity.items()},
            levels=levels,
            references=references,
        )
    return Method(
        **common,
        categories=tuple(
            _Range(
                id=c["id"],
                label=f"category {c['id']}",
                low=_dec(c["low"], "low"),
                high=_dec(c["high"], "high"),
                base=_dec(c["base"], "base"),
                reference=references["categories_reference"],
            )
            for c in data["categories"]
        ),
        repeat_increase=_dec(data["repeat"]["increase"], "increase"),
        levels=levels,
        references=references,
    )


def model_ids() -> list[str]:
    """The fine-setting methods gdprfine knows, the EDPB method first.

    >>> model_ids()
    ['edpb', 'dsk', 'ap']
    """
    return list(_FILES)


@cache
def _method(model_id: str) -> Method:
    return _load(model_id)


def method(model_id: str = "edpb") -> Method:
    """The method *model_id*, loaded once and shared (it is immutable).

    >>> m = method("edpb")
    >>> [(s.id, s.low, s.high) for s in m.seriousness]
    [('low', Decimal('0'), Decimal('0.10')), ('medium', Decimal('0.10'), Decimal('0.20')), \
('high', Decimal('0.20'), Decimal('1'))]
    >>> m.turnover_bands[1].reference.cite()
    'EDPB Guidelines 04/2022, para 65 [check]'
    >>> method("dsk").historical, method("ap").categories[0].base
    (True, Decimal('100000'))
    """
    key = model_id.strip().lower() if isinstance(model_id, str) else ""
    if key not in _FILES:
        raise LawLookupError("model", model_id, f"known models: {', '.join(model_ids())}")
    return _method(key)


@cache
def _factors() -> _Factors:
    data = tomllib.loads(resources.files(_PACKAGE).joinpath(_FILES["edpb"]).read_text("utf-8"))[
        "factors"
    ]
    return _Factors(
        text=dict(data["text"]),
        step2=tuple(data["step2"]),
        reference=_ref(data),
    )


# ---------------------------------------------------------------------------------------------
# Output


class Band(BaseModel):
    """A band applied in the trace: its label, low and high share or factor, and reference."""

    model_config = ConfigDict(frozen=True)

    label: str = Field(description="Which band: a seriousness level, a turnover band, a class.")
    low: Decimal = Field(description="The lower share or factor.")
    high: Decimal | None = Field(description="The upper share or factor; null if open-ended.")
    reference: str = Field(description="Where the band is stated, tagged when not primary.")
    confidence: Confidence
    note: str = ""


class Step(BaseModel):
    """One step of the method as applied: what was done, and the references it rests on."""

    model_config = ConfigDict(frozen=True)

    number: int = Field(description="The step of the method, 1-5.")
    title: str
    lines: list[str] = Field(description="What was applied, one line each.")
    references: list[str] = Field(description="The references cited, tagged when not primary.")


class ConductEstimate(BaseModel):
    """One conduct's range and the trace of the five steps that produced it."""

    model_config = ConfigDict(frozen=True)

    name: str
    articles: list[str]
    not_fineable: list[str] = Field(
        description="Cited references that carry no fine by themselves."
    )
    tier: str = Field(description="The gravest tier of the conduct's infringements (Art. 83(3)).")
    seriousness: Seriousness
    cap: Cap = Field(description="The legal maximum for the conduct (step 4).")
    seriousness_band: Band | None = None
    turnover_band: Band | None = None
    starting_low: Money = Field(description="The low end after step 2.")
    starting_high: Money = Field(description="The high end after step 2.")
    adjustments: list[str] = Field(default_factory=list, description="Step 3, as stated.")
    adjustment_factor: Decimal = Field(description="1 + aggravating - mitigating shares (>= 0).")
    capped: bool = Field(description="Whether step 4 lowered either end to the legal maximum.")
    low: Money
    high: Money
    steps: list[Step]


class Estimate(BaseModel):
    """A range per conduct and in total under one method, with the caveat that it is no fine."""

    model_config = ConfigDict(frozen=True)

    model: str
    method: str = Field(description="The method's name.")
    historical: bool
    regime: str
    turnover: Money | None
    undertaking: bool
    conducts: list[ConductEstimate]
    low: Money = Field(description="The sum of the conducts' low ends.")
    high: Money = Field(description="The sum of the conducts' high ends.")
    fine: Money | None = None
    position: FinePosition | None = Field(
        default=None, description="Where the known fine falls against the total range."
    )
    notes: list[str] = Field(default_factory=list)
    caveat: str


class Skipped(BaseModel):
    """A method that does not apply to the case, and why."""

    model_config = ConfigDict(frozen=True)

    model: str
    reason: str


class Comparison(BaseModel):
    """The ranges of several methods for the same conducts, side by side."""

    model_config = ConfigDict(frozen=True)

    estimates: list[Estimate]
    skipped: list[Skipped] = Field(default_factory=list)
    caveat: str


# ---------------------------------------------------------------------------------------------
# Computation


def _percent(share: Decimal) -> str:
    with localcontext() as ctx:
        ctx.prec = 40
        value = (share * 100).normalize()
    return f"{value:f} %"


def _fmt(money: Money) -> str:
    places = 0 if money.amount == money.amount.to_integral_value() else 2
    return money.format(places=places)


def _band(rng: _Range, label: str | None = None) -> Band:
    return Band(
        label=label or rng.label,
        low=rng.low,
        high=rng.high,
        reference=rng.reference.cite(),
        confidence=rng.reference.confidence,
        note=rng.reference.note,
    )


def _product(*factors: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 80
        result = Decimal(1)
        for f in factors:
            result *= f
        return result


def _round(value: Decimal, currency: str, rounding: str) -> Decimal:
    unit = Decimal(1).scaleb(-minor_unit_digits(currency))
    with localcontext() as ctx:
        ctx.prec = 80
        return value.quantize(unit, rounding=rounding)


def fine_position(fine: Money, low: Money, high: Money) -> FinePosition:
    """Where *fine* falls against the range [*low*, *high*].

    >>> r = Money("6000", "EUR"), Money("80000", "EUR")
    >>> [fine_position(Money(x, "EUR"), *r) for x in ("5999.99", "6000", "80000", "80001")]
    ['below', 'inside', 'inside', 'above']
    """
    if fine < low:
        return "below"
    if fine > high:
        return "above"
    return "inside"


@dataclass(frozen=True, slots=True)
class _Context:
    method: Method
    law: Regime
    turnover: Money | None
    undertaking: bool
    on: date | None
    repeat: bool


def _classify(conduct: Conduct, ctx: _Context) -> tuple[Classification, Cap]:
    classification = classify(conduct.articles, ctx.law, on=ctx.on)
    if classification.tier is None:
        reasons = "; ".join(i.reason for i in classification.items)
        raise InvalidInput(
            "articles",
            ", ".join(str(a) for a in conduct.articles),
            f"no infringement of this conduct is listed in Art. 83(4)-(6): {reasons}",
        )
    cap = legal_maximum(classification.tier, ctx.turnover, undertaking=ctx.undertaking)
    return classification, cap


def _step1(
    conduct: Conduct, name: str, classification: Classification, cap: Cap, ctx: _Context
) -> Step:
    lines = [f"{name}: one sanctionable conduct, one fine under the gravest infringement's cap"]
    lines.extend(item.reason for item in classification.items)
    lines.append(
        f"gravest: Art. {cap.tier}; legal maximum {_fmt(cap.amount)} ({cap.limb} limb"
        + (", a lower bound: the undertaking's turnover is unknown" if cap.lower_bound else "")
        + ("; not an undertaking: the static amount" if not cap.undertaking else "")
        + ")"
    )
    refs = [ctx.law.rule("linked_processing").cite(), cap.reference]
    if "1" in ctx.method.steps:
        refs.insert(0, ctx.method.steps["1"].cite())
    return Step(
        number=1, title="Processing operations and Art. 83(3)", lines=lines, references=refs
    )


def _step3(conduct: Conduct, ctx: _Context) -> tuple[Step, Decimal]:
    with localcontext() as dctx:
        dctx.prec = 40
        factor = Decimal(1) + sum((a.signed_share for a in conduct.adjustments), Decimal(0))
    lines = [a.describe() for a in conduct.adjustments]
    if not lines:
        lines.append("no adjustment stated (the method gives no percentages; none is assumed)")
    if factor < 0:
        lines.append(f"net {_percent(factor - 1)}: the amount cannot fall below zero")
        factor = Decimal(0)
    else:
        lines.append(f"both ends x {_percent(factor)}")
    refs = [ref.cite() for key, ref in ctx.method.references.items() if key == "adjustments"]
    if "3" in ctx.method.steps:
        refs.append(ctx.method.steps["3"].cite())
    if conduct.adjustments:
        refs.append(_factors().reference.cite())
    return Step(
        number=3, title="Aggravating and mitigating circumstances", lines=lines, references=refs
    ), factor


def _finish(
    conduct: Conduct,
    name: str,
    classification: Classification,
    cap: Cap,
    ctx: _Context,
    step2: Step,
    start: tuple[Decimal, Decimal | None],
    bands: tuple[Band | None, Band | None],
) -> ConductEstimate:
    currency = cap.amount.currency
    step3, factor = _step3(conduct, ctx)
    low_exact = _product(start[0], factor)
    high_exact = None if start[1] is None else _product(start[1], factor)
    low = min(_round(low_exact, currency, ROUND_FLOOR), cap.amount.amount)
    high = (
        cap.amount.amount
        if high_exact is None
        else min(_round(high_exact, currency, ROUND_CEILING), cap.amount.amount)
    )
    capped = low_exact > cap.amount.amount or high_exact is None or high_exact > cap.amount.amount
    lines = [f"legal maximum {_fmt(cap.amount)} (Art. {cap.tier}, {cap.limb} limb)"]
    if high_exact is None:
        lines.append("the high end is open in this scheme: it is the legal maximum")
    elif capped:
        lines.append(
            f"capped: the range {_fmt(Money(_round(low_exact, currency, ROUND_FLOOR), currency))}"
            f" - {_fmt(Money(_round(high_exact, currency, ROUND_CEILING), currency))}"
            " exceeds the legal maximum"
        )
    else:
        lines.append("the range lies within the legal maximum")
    lines.append(f"range: {_fmt(Money(low, currency))} - {_fmt(Money(high, currency))}")
    step4_refs = [cap.reference]
    if "4" in ctx.method.steps:
        step4_refs.insert(0, ctx.method.steps["4"].cite())
    step4 = Step(number=4, title="Legal maximum", lines=lines, references=step4_refs)
    step5 = Step(
        number=5,
        title="Effectiveness, proportionality, dissuasiveness",
        lines=[_caveat(ctx.method)],
        references=[
            _edpb().steps["5"].cite(),
        ],
    )
    steps = [_step1(conduct, name, classification, cap, ctx), step2, step3, step4, step5]
    return ConductEstimate(
        name=name,
        articles=[str(a) for a in conduct.articles],
        not_fineable=[str(i.ref) for i in classification.not_fineable],
        tier=cap.tier,
        seriousness=conduct.seriousness,
        cap=cap,
        seriousness_band=bands[0],
        turnover_band=bands[1],
        starting_low=Money(_round(start[0], currency, ROUND_FLOOR), currency),
        starting_high=Money(
            cap.amount.amount if start[1] is None else _round(start[1], currency, ROUND_CEILING),
            currency,
        ),
        adjustments=[a.describe() for a in conduct.adjustments],
        adjustment_factor=factor,
        capped=capped,
        low=Money(low, currency),
        high=Money(high, currency),
        steps=steps,
    )


def _edpb() -> Method:
    return method("edpb")


def _caveat(m: Method) -> str:
    return _edpb().caveat if m.id == "edpb" else f"{m.caveat} {_edpb().caveat}"


def _edpb_conduct(conduct: Conduct, name: str, ctx: _Context) -> ConductEstimate:
    m = ctx.method
    classification, cap = _classify(conduct, ctx)
    maximum = cap.amount.amount
    level = next(s for s in m.seriousness if s.id == conduct.seriousness)
    assert level.high is not None
    if conduct.position is not None:
        if not level.low <= conduct.position <= level.high:
            raise InvalidInput(
                "position",
                _percent(conduct.position),
                f"outside the {level.id} band ({_percent(level.low)} - {_percent(level.high)} "
                "of the legal maximum)",
            )
        s_low = s_high = conduct.position
    else:
        s_low, s_high = level.low, level.high
    serious = _band(level, f"{level.id} seriousness")
    lines = [
        f"(a) classification: Art. {cap.tier}, legal maximum {_fmt(cap.amount)}",
        f"(b) seriousness {level.id}: {_percent(level.low)} - {_percent(level.high)} of the "
        "legal maximum"
        + (f", at {_percent(conduct.position)}" if conduct.position is not None else "")
        + f" -> {_fmt(Money(_product(maximum, s_low), cap.amount.currency))}"
        f" - {_fmt(Money(_product(maximum, s_high), cap.amount.currency))}",
    ]
    refs = [m.steps["2"].cite(), cap.reference, level.reference.cite()]
    size_low = size_high = Decimal(1)
    size: Band | None = None
    threshold = m.turnover_threshold
    assert threshold is not None
    assert m.turnover_reference is not None
    if not ctx.undertaking:
        lines.append(
            "(c) not an undertaking: no turnover adjustment (para 65 concerns undertakings)"
        )
    elif ctx.turnover is None:
        lines.append(
            "(c) turnover unknown: no turnover adjustment; for a turnover up to "
            f"{_eur(threshold)} the range would be lower"
        )
    elif ctx.turnover.amount > threshold:
        lines.append(
            f"(c) turnover {_fmt(ctx.turnover)}: none above {_eur(threshold)} "
            "(the legal maximum is already turnover-based)"
        )
        refs.append(m.turnover_reference.cite())
    else:
        band = next(
            b for b in m.turnover_bands if b.upper is not None and ctx.turnover.amount <= b.upper
        )
        assert band.high is not None
        size_low, size_high = band.low, band.high
        size = _band(band)
        lines.append(
            f"(c) turnover {_fmt(ctx.turnover)}, {band.label}: {_percent(band.low)} - "
            f"{_percent(band.high)} of the starting amount"
            + (f" [{band.reference.confidence}]" if band.reference.confidence != "primary" else "")
        )
        refs.append(band.reference.cite())
    start_low = _product(maximum, s_low, size_low)
    start_high = _product(maximum, s_high, size_high)
    currency = cap.amount.currency
    lines.append(
        f"starting point: {_fmt(Money(_round(start_low, currency, ROUND_FLOOR), currency))} - "
        f"{_fmt(Money(_round(start_high, currency, ROUND_CEILING), currency))}"
    )
    step2 = Step(
        number=2,
        title="Starting point: classification, seriousness, turnover",
        lines=lines,
        references=refs,
    )
    return _finish(
        conduct, name, classification, cap, ctx, step2, (start_low, start_high), (serious, size)
    )


def _dsk_conduct(conduct: Conduct, name: str, ctx: _Context) -> ConductEstimate:
    m = ctx.method
    if not ctx.undertaking:
        raise NotApplicable("undertaking", False, "the DSK concept applies to undertakings only")
    if ctx.turnover is None:
        raise NotApplicable("turnover", None, "the DSK concept needs the undertaking's turnover")
    classification, cap = _classify(conduct, ctx)
    turnover = ctx.turnover.amount
    size = next(c for c in m.classes if c.upper is None or turnover <= c.upper)
    mean = size.base if size.base is not None else turnover
    assert m.days is not None
    with localcontext() as dctx:
        dctx.prec = 60
        daily = mean / m.days
    degrees = [d for d in m.severity[cap.tier] if d.id in m.levels[conduct.seriousness]]
    f_low = min(d.low for d in degrees)
    highs = [d.high for d in degrees]
    f_high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    currency = cap.amount.currency
    mean_text = (
        f"mean turnover {_eur(mean)}" if size.base is not None else f"actual turnover {_eur(mean)}"
    )
    lines = [
        f"size class {size.id}: {mean_text} / {m.days} = daily rate "
        f"{_fmt(Money(_round(daily, currency, ROUND_FLOOR), currency))}",
        f"seriousness {conduct.seriousness} read as "
        + " or ".join(f"'{d.id}'" for d in degrees)
        + f" [{m.references['seriousness'].confidence}]: factor {f_low}"
        + (f" - {f_high}" if f_high is not None else " and above"),
    ]
    if conduct.position is not None:
        lines.append("the position within the EDPB band does not carry over to this scheme")
    refs = [
        m.references["classes_reference"].cite(),
        m.references["days_reference"].cite(),
        m.references["severity_reference"].cite(),
        m.references["seriousness"].cite(),
    ]
    step2 = Step(number=2, title="Daily rate and severity factor", lines=lines, references=refs)
    start_low = _product(daily, f_low)
    start_high = None if f_high is None else _product(daily, f_high)
    band = Band(
        label=" or ".join(d.label for d in degrees),
        low=f_low,
        high=f_high,
        reference=m.references["severity_reference"].cite(),
        confidence=m.references["severity_reference"].confidence,
        note=m.references["seriousness"].note,
    )
    return _finish(
        conduct, name, classification, cap, ctx, step2, (start_low, start_high), (band, None)
    )


def _ap_conduct(conduct: Conduct, name: str, ctx: _Context) -> ConductEstimate:
    m = ctx.method
    classification, cap = _classify(conduct, ctx)
    categories = [c for c in m.categories if c.id in m.levels[conduct.seriousness]]
    low = min(c.low for c in categories)
    high = max(c.high for c in categories if c.high is not None)
    lines = [
        f"seriousness {conduct.seriousness} read as "
        + " or ".join(c.label for c in categories)
        + f" [{m.references['seriousness'].confidence}]: {_eur(low)} - {_eur(high)}"
        + " (base fine "
        + ", ".join(_eur(c.base) for c in categories if c.base is not None)
        + ")"
    ]
    refs = [m.references["categories_reference"].cite(), m.references["seriousness"].cite()]
    increase = Decimal(1)
    if ctx.repeat:
        assert m.repeat_increase is not None
        increase += m.repeat_increase
        lines.append(f"repeat within five years: + {_percent(m.repeat_increase)}")
        refs.append(m.references["repeat"].cite())
    if conduct.position is not None:
        lines.append("the position within the EDPB band does not carry over to this scheme")
    step2 = Step(number=2, title="Fine category and base fine", lines=lines, references=refs)
    band = Band(
        label=" or ".join(c.label for c in categories),
        low=low,
        high=high,
        reference=m.references["categories_reference"].cite(),
        confidence=m.references["categories_reference"].confidence,
        note=m.references["seriousness"].note,
    )
    start = (_product(low, increase), _product(high, increase))
    return _finish(conduct, name, classification, cap, ctx, step2, start, (band, None))


_COMPUTE = {"edpb": _edpb_conduct, "dsk": _dsk_conduct, "ap": _ap_conduct}


def estimate(
    conducts: Sequence[Conduct],
    turnover: Money | None = None,
    *,
    model: str = "edpb",
    undertaking: bool = True,
    on: date | None = None,
    fine: Money | None = None,
    repeat: bool = False,
) -> Estimate:
    """The range of a fine for *conducts* under *model*, with the trace of every step.

    *turnover* is the undertaking's total worldwide annual turnover of the preceding financial
    year, in EUR (``None`` when unknown); *undertaking* False means the addressee is not an
    undertaking and the cap is the static amount. *on* (the decision date) selects the law in
    force. With a known *fine*, the estimate says where it falls against the total range.
    *repeat* applies the AP scheme's increase for a repeat within five years.

    >>> c = Conduct.of("Art. 33(5)", "high", position="100%")
    >>> estimate([c], Money("2000000", "EUR")).high
    Money('40000.00', 'EUR')
    >>> e = estimate([Conduct.of("Art. 6", "low")], Money("1000000", "EUR"),
    ...              fine=Money("10000", "EUR"))
    >>> e.low, e.high, e.position
    (Money('0.00', 'EUR'), Money('8000.00', 'EUR'), 'above')
    >>> estimate([c], Money("1", "USD"))
    Traceback (most recent call last):
    ...
    gdprfine.errors.CurrencyMismatch: turnover: 'USD': the EDPB Guidelines 04/2022 (v2.1) \
bands are in EUR; convert the turnover first
    """
    m = method(model)
    if not conducts:
        raise InvalidInput("conducts", [], "at least one conduct")
    for label, amount in (("turnover", turnover), ("fine", fine)):
        if amount is not None and amount.currency != m.currency:
            raise CurrencyMismatch(
                label,
                amount.currency,
                f"the {m.name} bands are in {m.currency}; convert the {label} first",
            )
    if turnover is not None and turnover.amount < 0:
        raise InvalidInput("turnover", str(turnover.amount), "a turnover must not be negative")
    if fine is not None and fine.amount < 0:
        raise InvalidInput("fine", str(fine.amount), "a fine must not be negative")
    ctx = _Context(m, regime(m.regime), turnover, undertaking, on, repeat)
    results = [
        _COMPUTE[m.id](c, c.name or f"conduct {i}", ctx) for i, c in enumerate(conducts, start=1)
    ]
    low = sum((r.low for r in results), Money(0, m.currency))
    high = sum((r.high for r in results), Money(0, m.currency))
    notes = [f"{m.citation} ({m.reference.cite()})"]
    if m.reference.note:
        notes.append(m.reference.note)
    if on is not None and on < m.valid_from:
        notes.append(
            f"the decision date {on.isoformat()} predates this method (in force from "
            f"{m.valid_from.isoformat()}): the range shows what the method would give, not what "
            "the authority applied"
        )
    if len(results) > 1:
        notes.append(
            f"{len(results)} separate conducts: separate fines, each under its own cap; "
            "the total is the sum of their ranges"
        )
    return Estimate(
        model=m.id,
        method=m.name,
        historical=m.historical,
        regime=m.regime,
        turnover=turnover,
        undertaking=undertaking,
        conducts=results,
        low=low,
        high=high,
        fine=fine,
        position=fine_position(fine, low, high) if fine is not None else None,
        notes=notes,
        caveat=_caveat(m),
    )


def compare(
    conducts: Sequence[Conduct],
    turnover: Money | None = None,
    *,
    models: Sequence[str] | None = None,
    undertaking: bool = True,
    on: date | None = None,
    fine: Money | None = None,
    repeat: bool = False,
) -> Comparison:
    """The ranges of several methods side by side; a method that does not apply is skipped.

    >>> c = compare([Conduct.of("Art. 6", "medium")], None, undertaking=False)
    >>> [e.model for e in c.estimates], [s.model for s in c.skipped]
    (['edpb', 'ap'], ['dsk'])
    """
    wanted = list(models) if models is not None else model_ids()
    estimates: list[Estimate] = []
    skipped: list[Skipped] = []
    for model_id in wanted:
        try:
            estimates.append(
                estimate(
                    conducts,
                    turnover,
                    model=model_id,
                    undertaking=undertaking,
                    on=on,
                    fine=fine,
                    repeat=repeat,
                )
            )
        except NotApplicable as error:
            skipped.append(Skipped(model=method(model_id).id, reason=error.message))
    return Comparison(estimates=estimates, skipped=skipped, caveat=_edpb().caveat)


def _in_currency(
    amount: Money, rate: ExchangeRate | None, currency: str, field: str
) -> tuple[Money, str | None]:
    if amount.currency == currency:
        return amount, None
    if rate is None:
        raise CurrencyMismatch(
            field, amount.currency, f"the case gives no exchange rate to {currency}"
        )
    converted = rate.convert(amount)
    if converted.currency != currency:
        raise CurrencyMismatch(
            field, amount.currency, f"the case's rate does not convert to {currency}"
        )
    return converted, f"{field} {_fmt(amount)} = {_fmt(converted)} at {rate.describe()}"


def estimate_case(
    case: CaseRecord,
    seriousness: str,
    *,
    models: Sequence[str] | None = None,
    position: str | Decimal | None = None,
    adjustments: Iterable[str | Adjustment] = (),
    repeat: bool = False,
) -> Comparison:
    """The ranges for a case record: its articles as one conduct, its turnover and its fine.

    The turnover and the fine are converted at the rates the case states, or else with the
    bundled ECB rates (the turnover at the mean over its financial year, the fine at the
    fixing on the decision date); the decision date
    selects the law in force; the known fine is placed against each range.

    >>> from gdprfine.cases import parse_case
    >>> case = parse_case({
    ...     "addressee": "Example B.V.", "authority": {"name": "AP", "country": "NL"},
    ...     "decision_date": "2024-01-10", "fine": {"amount": "50000", "currency": "EUR"},
    ...     "articles": ["Art. 6(1)"],
    ...     "turnover": {"amount": {"amount": "5000000", "currency": "EUR"},
    ...                  "financial_year": 2023}})
    >>> e = estimate_case(case, "medium", models=["edpb"]).estimates[0]
    >>> e.low, e.high, e.position
    (Money('6000.00', 'EUR'), Money('80000.00', 'EUR'), 'inside')
    """
    chosen = list(models) if models is not None else model_ids()
    currencies = {method(m).currency for m in chosen}
    regimes = {method(m).regime for m in chosen}
    if case.regime not in regimes:
        raise InvalidInput(
            "regime", case.regime, f"the estimate methods apply to {', '.join(sorted(regimes))}"
        )
    if not case.articles:
        raise InvalidInput("articles", [], "the case names no infringed articles")
    currency = currencies.pop()
    notes: list[str] = []
    fine_rate, turnover_rate = resolve_rates(
        currency,
        fine=case.fine,
        turnover=case.turnover.amount if case.turnover else None,
        fine_rate_given=case.fine_exchange_rate,
        turnover_rate_given=case.turnover.exchange_rate if case.turnover else None,
        financial_year=case.turnover.financial_year if case.turnover else None,
        on=case.decision_date,
    )
    turnover = None
    if case.turnover is not None:
        turnover, note = _in_currency(case.turnover.amount, turnover_rate, currency, "turnover")
        if note:
            notes.append(note)
    fine, note = _in_currency(case.fine, fine_rate, currency, "fine")
    if note:
        notes.append(note)
    conduct = Conduct.of(
        case.articles,
        seriousness,
        position=position,
        adjustments=adjustments,
        name=case.id or case.addressee,
    )
    result = compare(
        [conduct],
        turnover,
        models=chosen,
        undertaking=case.is_undertaking,
        on=case.decision_date,
        fine=fine,
        repeat=repeat,
    )
    if not notes:
        return result
    return result.model_copy(
        update={
            "estimates": [e.model_copy(update={"notes": notes + e.notes}) for e in result.estimates]
        }
    )
