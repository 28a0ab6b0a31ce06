"""What every fine-setting scheme shares: the input, the output, and steps 1, 3, 4 and 5.

A scheme module (:mod:`~gdprfine.estimate.edpb`, :mod:`~gdprfine.estimate.dsk`,
:mod:`~gdprfine.estimate.ap`) computes step 2, its starting range, and hands it to
:func:`conduct_estimate`, which applies the adjustments the user stated (step 3), the legal
maximum the judge gives (step 4) and the caveat (step 5). The trace of every step is a list of
:class:`~gdprfine.trace.TraceStep`, each labelled ``step N: what it establishes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.articles import ArticleRef, Classification, parse_articles
from gdprfine.caps import Cap
from gdprfine.cases import Fault
from gdprfine.check import classify_articles, judge
from gdprfine.errors import InvalidInput
from gdprfine.law import Confidence, EdpbModel, FiningModel, Reference, Regime, model
from gdprfine.law.models import LEVELS, Factors, MitigationLimit
from gdprfine.money import OPERATIONS, Money, decimal_context, minor_unit, to_decimal
from gdprfine.trace import TraceStep, percent
from gdprfine.trusted import empty_list

__all__ = [
    "SERIOUSNESS_LEVELS",
    "Adjustment",
    "Band",
    "Bandwidth",
    "Classified",
    "Comparison",
    "Conduct",
    "ConductEstimate",
    "Context",
    "Direction",
    "Estimate",
    "FinePosition",
    "Increase",
    "MethodRefs",
    "Seriousness",
    "Skipped",
    "Starting",
    "classify_conduct",
    "conduct_estimate",
    "estimate_caveat",
    "fine_position",
    "maximum_text",
    "money_text",
    "parse_share",
    "product",
    "round_to",
    "stated_end",
    "stated_maximum",
    "stated_percent",
]

Seriousness = Literal["low", "medium", "high"]
Direction = Literal["aggravating", "mitigating"]
FinePosition = Literal["below", "inside", "above"]

SERIOUSNESS_LEVELS: tuple[Seriousness, ...] = LEVELS
"""The seriousness levels of EDPB Guidelines 04/2022, from the least to the most serious."""

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


def stated_percent(share: Decimal) -> str:
    """A share the user stated, as a percentage with every digit they gave (at least 4 places).

    >>> stated_percent(Decimal("0.00123456")), stated_percent(Decimal("0.1"))
    ('0.123456 %', '10 %')
    """
    exponent = share.normalize().as_tuple().exponent
    digits = -exponent - 2 if isinstance(exponent, int) else 0
    return percent(share, max(4, digits))


def _factors() -> Factors:
    return model("edpb").factors


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
            f"{sign}{stated_percent(self.share)}: {self.reason}"
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
# Output


class Band(BaseModel):
    """Which band of a scheme applied: its label, low and high share or factor, and reference.

    Data about the result (the seriousness band, the turnover band, the DSK severity degrees,
    the AP categories), not a trace: the trace is ``ConductEstimate.steps``.
    """

    model_config = ConfigDict(frozen=True)

    label: str = Field(description="Which band: a seriousness level, a turnover band, a class.")
    low: Decimal = Field(description="The lower share or factor.")
    high: Decimal | None = Field(description="The upper share or factor; null if open-ended.")
    reference: str = Field(description="Where the band is stated, tagged when not primary.")
    confidence: Confidence
    note: str = ""

    @classmethod
    def of(
        cls,
        label: str,
        low: Decimal,
        high: Decimal | None,
        reference: Reference,
        note: str | None = None,
    ) -> Band:
        """A band cited by *reference*, with its note unless another *note* is given."""
        return cls(
            label=label,
            low=low,
            high=high,
            reference=reference.cite(),
            confidence=reference.confidence,
            note=reference.note if note is None else note,
        )


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
    adjustments: list[str] = Field(default_factory=empty_list, description="Step 3, as stated.")
    adjustment_factor: Decimal = Field(description="1 + aggravating - mitigating shares (>= 0).")
    capped: bool = Field(
        description="Whether step 4 lowered either end to the legal maximum: an exact end above "
        "it (or an open one). An end within it is never rounded above it (stated_end), which is "
        "no capping."
    )
    low: Money
    high: Money
    steps: list[TraceStep] = Field(
        description="The trace: each step's label starts with its number, 'step 1' to 'step 5'."
    )


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
    notes: list[str] = Field(default_factory=empty_list)
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
    skipped: list[Skipped] = Field(default_factory=empty_list)
    caveat: str


# ---------------------------------------------------------------------------------------------
# Shared arithmetic


def money_text(money: Money) -> str:
    """An amount as the trace shows it: whole units when it has no cents.

    >>> money_text(Money("6000.00", "EUR")), money_text(Money("38888.8888", "EUR"))
    ('EUR 6 000', 'EUR 38 888.89')
    """
    places = 0 if money.amount == money.amount.to_integral_value() else 2
    return money.format(places=places)


def maximum_text(cap: Cap) -> str:
    """The legal maximum as the trace shows it: rounded down to the cent (:func:`stated_maximum`).

    >>> from gdprfine.caps import Cap
    >>> maximum_text(Cap.model_construct(amount=Money("20000000.0096", "EUR")))
    'EUR 20 000 000'
    """
    currency = cap.amount.currency
    return money_text(Money(stated_maximum(cap.amount.amount, currency), currency))


def product(*factors: Decimal) -> Decimal:
    """The exact product of *factors* (80 significant digits, far beyond any amount)."""
    with decimal_context(80):
        result = Decimal(1)
        for f in factors:
            result *= f
        return result


def round_to(value: Decimal, currency: str, rounding: str) -> Decimal:
    """*value* rounded to the minor unit of *currency* (down: ROUND_FLOOR, up: ROUND_CEILING)."""
    return value.quantize(minor_unit(currency), rounding, OPERATIONS)


def stated_maximum(maximum: Decimal, currency: str) -> Decimal:
    """The legal maximum as an estimate states it: rounded down to the minor unit, the largest
    amount in whole cents that does not exceed it.

    >>> stated_maximum(Decimal("13520061355.4960"), "EUR")
    Decimal('13520061355.49')
    """
    return round_to(maximum, currency, ROUND_FLOOR)


def stated_end(exact: Decimal, maximum: Decimal, currency: str, rounding: str) -> Decimal:
    """An end of a range as an estimate states it: the one rounding rule of the estimates.

    The exact end is rounded to the minor unit outward (a low end down, ROUND_FLOOR; a high end
    up, ROUND_CEILING), so the stated range contains the exact one; but an end within the legal
    maximum is never rounded above it: it is then the maximum rounded down
    (:func:`stated_maximum`). Only an exact end above the legal maximum is stated above it
    (before step 4 caps it).

    >>> m = Decimal("13520061355.4940")
    >>> stated_end(m, m, "EUR", ROUND_CEILING), stated_end(m / 5, m, "EUR", ROUND_FLOOR)
    (Decimal('13520061355.49'), Decimal('2704012271.09'))
    >>> stated_end(Decimal("20000000.01"), Decimal("20000000"), "EUR", ROUND_CEILING)
    Decimal('20000000.01')
    """
    rounded = round_to(exact, currency, rounding)
    if exact > maximum:
        return rounded
    return min(rounded, stated_maximum(maximum, currency))


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


def estimate_caveat(method: FiningModel) -> str:
    """The caveat of an estimate: the method's own, then the EDPB's (said once).

    >>> estimate_caveat(model("edpb")) == model("edpb").caveat
    True
    >>> estimate_caveat(model("dsk")).startswith("Historical German scheme")
    True
    """
    return " ".join(dict.fromkeys((method.caveat, model("edpb").caveat)))


# ---------------------------------------------------------------------------------------------
# The steps every scheme shares


@dataclass(frozen=True, slots=True)
class Context:
    """What every conduct of one estimate shares: the regime, the addressee and the date."""

    law: Regime
    turnover: Money | None
    undertaking: bool
    on: date | None
    repeat: bool
    model_id: str = "edpb"
    """The method being applied (a scheme may serve several, such as the EDPB's and the ICO's)."""
    fault: Fault | None = None
    public_body: bool = False
    country: str | None = None
    """The authority's country, for a public body's Art. 83(7) rule."""


@dataclass(frozen=True, slots=True)
class Classified:
    """Step 1 as established: the conduct's classified articles and the judge's legal maximum."""

    classification: Classification
    cap: Cap


@dataclass(frozen=True, slots=True)
class Bandwidth:
    """The room a scheme gives the circumstances (the AP's category bandwidth): step 3 keeps
    the adjusted ends within [*low*, *high*], by the rule *reference* states; *outside* says
    what the scheme needs for a fine outside it."""

    low: Decimal
    high: Decimal
    label: str
    reference: Reference
    outside: str = ""


@dataclass(frozen=True, slots=True)
class Increase:
    """A scheme's increase of the fine set after the circumstances (the AP's repeat): both ends
    times *factor*, with the trace step that says why."""

    factor: Decimal
    step: TraceStep


@dataclass(frozen=True, slots=True)
class Starting:
    """Step 2 as a scheme established it: the starting range, its trace and the bands applied.

    *high* None means open-ended: the scheme bounds it only by the legal maximum. *bandwidth*,
    when given, bounds the adjusted range (step 3); *increase* applies after it.
    """

    low: Decimal
    high: Decimal | None
    trace: Sequence[TraceStep]
    seriousness_band: Band | None = None
    turnover_band: Band | None = None
    bandwidth: Bandwidth | None = None
    increase: Increase | None = None


@dataclass(frozen=True, slots=True)
class MethodRefs:
    """The scheme's own references for steps 1, 3 and 4, cited before the law's."""

    step1: tuple[str, ...] = ()
    step3: tuple[str, ...] = ()
    step4: tuple[str, ...] = ()
    limits: Mapping[str, MitigationLimit] = field(default_factory=dict)
    """What the scheme says a factor cannot do as a mitigation (refused, or warned about)."""


def classify_conduct(conduct: Conduct, ctx: Context) -> Classified:
    """Classify the conduct's articles and ask the judge for the legal maximum of the gravest."""
    classification = classify_articles(conduct.articles, ctx.law, on=ctx.on)
    if classification is None or classification.tier is None:
        reasons = "; ".join(i.reason for i in classification.items) if classification else ""
        raise InvalidInput(
            "articles",
            ", ".join(str(a) for a in conduct.articles),
            f"no infringement of this conduct is listed in Art. 83(4)-(6): {reasons}",
        )
    judgement = judge(
        ctx.law,
        classification=classification,
        turnover=ctx.turnover,
        undertaking=ctx.undertaking,
        on=ctx.on,
        fault=ctx.fault,
        public_body=ctx.public_body,
        country=ctx.country,
    )
    assert judgement.cap is not None
    return Classified(classification, judgement.cap)


def _cite(*references: str) -> str:
    return "; ".join(r for r in references if r)


def _step1(name: str, found: Classified, ctx: Context, refs: MethodRefs) -> list[TraceStep]:
    cap = found.cap
    law = ctx.law
    trace = [
        TraceStep(
            step="step 1: conduct",
            value=f"{name}: one sanctionable conduct, one fine under the gravest infringement's cap",
            reference=_cite(*refs.step1, law.rule("linked_processing").cite()),
        )
    ]
    trace.extend(
        TraceStep(
            step=f"step 1: classify {item.ref}",
            value=item.reason,
            reference=", ".join(p.reference.cite() for p in item.provisions)
            or law.rule("not_fineable").cite(),
        )
        for item in found.classification.items
    )
    trace.append(
        TraceStep(
            step="step 1: gravest infringement",
            value=f"Art. {cap.tier}; legal maximum {maximum_text(cap)} ({cap.limb} limb"
            + (", a lower bound: the undertaking's turnover is unknown" if cap.lower_bound else "")
            + ("; not an undertaking: the static amount" if not cap.undertaking else "")
            + ")",
            reference=cap.reference,
        )
    )
    return trace


def _step3(conduct: Conduct, refs: MethodRefs, own: str = "") -> tuple[list[TraceStep], Decimal]:
    with decimal_context(40):
        factor = Decimal(1) + sum((a.signed_share for a in conduct.adjustments), Decimal(0))
    cited = _cite(*refs.step3)
    trace = [_adjustment_step(a, refs.limits.get(a.factor)) for a in conduct.adjustments]
    if not trace:
        trace.append(
            TraceStep(
                step=f"step 3: adjustments{own}",
                value="no adjustment stated (the method gives no percentages; none is assumed)",
                reference=cited,
            )
        )
    if factor < 0:
        value = f"net {stated_percent(factor - 1)}: the amount cannot fall below zero"
        factor = Decimal(0)
    else:
        value = f"both ends x {stated_percent(factor)}"
    trace.append(TraceStep(step=f"step 3: factor{own}", value=value, reference=cited))
    return trace, factor


def _within(
    bandwidth: Bandwidth, ends: tuple[Decimal, Decimal | None], currency: str, own: str
) -> tuple[tuple[Decimal, Decimal | None], TraceStep]:
    """Step 3 within a scheme's bandwidth: the adjusted ends kept in it, and the step that says
    so (with what the scheme needs for a fine outside it, when an end was moved)."""
    low, high = ends

    def kept(end: Decimal) -> Decimal:
        return min(max(end, bandwidth.low), bandwidth.high)

    def text(value: Decimal, rounding: str) -> str:
        return money_text(Money(round_to(value, currency, rounding), currency))

    band = (
        f"{bandwidth.label}, {text(bandwidth.low, ROUND_FLOOR)} - "
        f"{text(bandwidth.high, ROUND_CEILING)}"
    )
    new = (kept(low), None if high is None else kept(high))
    if new == ends:
        value = f"the adjusted range lies within the bandwidth of {band}"
    else:
        shown = (
            f"{text(low, ROUND_FLOOR)} - "
            f"{text(high, ROUND_CEILING) if high is not None else 'open'}"
        )
        value = (
            f"the adjusted range {shown} leaves the bandwidth of {band}: the circumstances move "
            "the fine within it, so it is kept within it"
            + (f"; a fine outside it needs {bandwidth.outside}" if bandwidth.outside else "")
        )
    return new, TraceStep(
        step=f"step 3: bandwidth{own}",
        value=value,
        reference=bandwidth.reference.cite(),
        note=bandwidth.reference.note,
    )


def _adjustment_step(adjustment: Adjustment, limit: MitigationLimit | None) -> TraceStep:
    """One stated adjustment in the trace; a mitigation the scheme forbids is refused, one it
    allows only in circumstances the estimate cannot see carries the scheme's words."""
    reference = _factors().reference.cite()
    note = ""
    if limit is not None and adjustment.direction == "mitigating":
        if limit.rule == "refuse":
            raise InvalidInput(
                "adjustment",
                adjustment.describe(),
                f"Art. 83(2)({adjustment.factor}) cannot mitigate: {limit.text} "
                f"({limit.reference.cite()})",
            )
        note = f"allowed only if: {limit.text} ({limit.reference.cite()})"
        reference = f"{reference}; {limit.reference.cite()}"
    return TraceStep(step="step 3: adjustment", value=adjustment.describe(), reference=reference, note=note)


def _step4(
    cap: Cap,
    exact: tuple[Decimal, Decimal | None],
    ends: tuple[Decimal, Decimal],
    capped: bool,
    refs: MethodRefs,
) -> list[TraceStep]:
    currency = cap.amount.currency
    maximum = cap.amount.amount
    low_exact, high_exact = exact
    high_up = None if high_exact is None else round_to(high_exact, currency, ROUND_CEILING)
    if high_up is None:
        check = "the high end is open in this scheme: it is the legal maximum"
    elif capped:
        check = (
            f"capped: the range "
            f"{money_text(Money(round_to(low_exact, currency, ROUND_FLOOR), currency))} - "
            f"{money_text(Money(high_up, currency))}"
            " exceeds the legal maximum"
        )
    elif high_up > ends[1]:
        check = (
            "the range lies within the legal maximum; its high end is rounded down to the cent, "
            f"not up, since {money_text(Money(high_up, currency))}"
            f" would exceed the legal maximum ({Money(maximum, currency).format()})"
        )
    else:
        check = "the range lies within the legal maximum"
    low, high = (money_text(Money(end, currency)) for end in ends)
    return [
        TraceStep(
            step="step 4: legal maximum",
            value=f"{maximum_text(cap)} (Art. {cap.tier}, {cap.limb} limb)",
            reference=_cite(*refs.step4, cap.reference),
        ),
        TraceStep(step="step 4: capping", value=check),
        TraceStep(step="step 4: range", value=f"{low} - {high}"),
    ]


def conduct_estimate(
    conduct: Conduct,
    found: Classified,
    ctx: Context,
    method: FiningModel,
    start: Starting,
    refs: MethodRefs,
) -> ConductEstimate:
    """Steps 3-5 after a scheme's step 2, and the conduct's result with the trace of all five.

    Step 3 scales both ends by the stated adjustments, step 4 caps them at the legal maximum
    (an open high end is the legal maximum), and every amount is rounded by the one rule of
    :func:`stated_end`: to the cent, the low end down and the high end up, so the range contains
    the exact one, but never above the legal maximum rounded down to the cent.
    """
    cap = found.cap
    maximum = cap.amount.amount
    currency = cap.amount.currency
    step3, factor = _step3(conduct, refs, method.label("adjustments"))
    low_exact = product(start.low, factor)
    high_exact = None if start.high is None else product(start.high, factor)
    if start.bandwidth is not None:
        (low_exact, high_exact), kept = _within(
            start.bandwidth, (low_exact, high_exact), currency, method.label("adjustments")
        )
        step3.append(kept)
    if start.increase is not None:
        low_exact = product(low_exact, start.increase.factor)
        high_exact = None if high_exact is None else product(high_exact, start.increase.factor)
        step3.append(start.increase.step)
    low = stated_end(min(low_exact, maximum), maximum, currency, ROUND_FLOOR)
    high = stated_end(maximum if high_exact is None else min(high_exact, maximum), maximum, currency, ROUND_CEILING)
    capped = low_exact > maximum or high_exact is None or high_exact > maximum
    frame = method if isinstance(method, EdpbModel) else model("edpb")
    step5 = TraceStep(
        step=f"step 5: effectiveness, proportionality, dissuasiveness{method.label('effectiveness')}",
        value=estimate_caveat(method),
        reference=frame.step(5).reference.cite(),
    )
    return ConductEstimate(
        name=conduct.name,
        articles=[str(a) for a in conduct.articles],
        not_fineable=[str(i.ref) for i in found.classification.not_fineable],
        tier=cap.tier,
        seriousness=conduct.seriousness,
        cap=cap,
        seriousness_band=start.seriousness_band,
        turnover_band=start.turnover_band,
        starting_low=Money(stated_end(start.low, maximum, currency, ROUND_FLOOR), currency),
        starting_high=Money(
            stated_end(maximum if start.high is None else start.high, maximum, currency, ROUND_CEILING),
            currency,
        ),
        adjustments=[a.describe() for a in conduct.adjustments],
        adjustment_factor=factor,
        capped=capped,
        low=Money(low, currency),
        high=Money(high, currency),
        steps=[
            *_step1(conduct.name, found, ctx, refs),
            *start.trace,
            *step3,
            *_step4(cap, (low_exact, high_exact), (low, high), capped, refs),
            step5,
        ],
    )
