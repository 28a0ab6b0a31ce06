"""EDPB Guidelines 04/2022 (and the ICO's guidance of the same shape): step 2 as shares of
the legal maximum, scaled by turnover.

For a conduct with legal maximum *cap*: ``low = cap x seriousness_low x size_low`` and
``high = cap x seriousness_high x size_high``, where the seriousness band is that of para 60
(or the single *position* within it, when given) and the size band that of para 65 (only for
an undertaking whose turnover is known and at most EUR 500 m; otherwise 100 %). The bands are
:class:`gdprfine.law.EdpbModel` data; the ICO's Data Protection Fining Guidance (2024) is read
into the same model, with its own bands in GBP (up to GBP 435 m) under the UK GDPR.

>>> from gdprfine.estimate import Conduct, estimate
>>> from gdprfine.money import Money
>>> c = estimate([Conduct.of("Art. 6", "medium")], Money("5000000", "EUR")).conducts[0]
>>> (c.starting_low, c.starting_high), c.turnover_band.label
((Money('6000.00', 'EUR'), Money('80000.00', 'EUR')), 'above EUR 2 000 000 up to EUR 10 000 000')
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from gdprfine.caps import Cap
from gdprfine.errors import InvalidInput
from gdprfine.estimate.common import (
    Band,
    Conduct,
    ConductEstimate,
    Context,
    MethodRefs,
    Starting,
    classify_conduct,
    conduct_estimate,
    maximum_text,
    money_text,
    product,
    stated_end,
    stated_percent,
)
from gdprfine.law import EdpbModel, model
from gdprfine.law.models import SeriousnessBand
from gdprfine.money import Money
from gdprfine.trace import TraceStep, percent

__all__ = ["conduct_range"]


def conduct_range(conduct: Conduct, context: Context) -> ConductEstimate:
    """The conduct's range under the EDPB method, with the trace of the five steps."""
    m = model(context.model_id)
    assert isinstance(m, EdpbModel)
    found = classify_conduct(conduct, context)
    band = m.band(conduct.seriousness)
    shares = _seriousness_shares(conduct, band)
    size, size_step, size_band = _size(m, context)
    maximum = found.cap.amount.amount
    start_low = product(maximum, shares[0], size[0])
    start_high = product(maximum, shares[1], size[1])
    starting = TraceStep(
        step=f"step 2: starting point{m.label('starting')}",
        value=_range_text(found.cap, start_low, start_high),
    )
    trace = [
        _classification(m, found.cap),
        _seriousness(conduct, band, shares, found.cap, m.label("seriousness")),
        size_step,
        starting,
    ]
    start = Starting(
        low=start_low,
        high=start_high,
        trace=trace,
        seriousness_band=Band.of(f"{band.level} seriousness", band.low, band.high, band.reference),
        turnover_band=size_band,
    )
    refs = MethodRefs(
        step1=(m.step(1).reference.cite(),),
        step3=(m.step(3).reference.cite(),),
        step4=(m.step(4).reference.cite(),),
        limits=m.factors.mitigation,
    )
    return conduct_estimate(conduct, found, context, m, start, refs)


def _seriousness_shares(conduct: Conduct, band: SeriousnessBand) -> tuple[Decimal, Decimal]:
    if conduct.position is None:
        return band.low, band.high
    if not band.low <= conduct.position <= band.high:
        raise InvalidInput(
            "position",
            stated_percent(conduct.position),
            f"outside the {band.level} band ({percent(band.low)} - {percent(band.high)} "
            "of the legal maximum)",
        )
    return conduct.position, conduct.position


def _classification(m: EdpbModel, cap: Cap) -> TraceStep:
    return TraceStep(
        step="step 2: classification",
        value=f"Art. {cap.tier}, legal maximum {maximum_text(cap)}",
        reference=f"{m.step(2).reference.cite()}; {cap.reference}",
    )


def _seriousness(
    conduct: Conduct, band: SeriousnessBand, shares: tuple[Decimal, Decimal], cap: Cap, own: str
) -> TraceStep:
    at = f", at {stated_percent(conduct.position)}" if conduct.position is not None else ""
    low, high = (product(cap.amount.amount, s) for s in shares)
    return TraceStep(
        step=f"step 2: seriousness{own}",
        value=f"{band.level}: {percent(band.low)} - {percent(band.high)} of the legal maximum"
        f"{at} -> {_range_text(cap, low, high)}",
        reference=band.reference.cite(),
        note=band.reference.note,
    )


def _range_text(cap: Cap, low: Decimal, high: Decimal) -> str:
    """A step-2 range as the trace shows it, rounded by the estimates' one rule (stated_end)."""
    maximum, currency = cap.amount.amount, cap.amount.currency
    ends = (
        stated_end(low, maximum, currency, ROUND_FLOOR),
        stated_end(high, maximum, currency, ROUND_CEILING),
    )
    return " - ".join(money_text(Money(end, currency)) for end in ends)


def _size(m: EdpbModel, ctx: Context) -> tuple[tuple[Decimal, Decimal], TraceStep, Band | None]:
    """Step 2(c): the size shares, the trace step that says why, and the band applied."""
    none = (Decimal(1), Decimal(1))
    threshold = Money(m.turnover_threshold, m.currency).format()
    if not ctx.undertaking:
        value = "not an undertaking: no turnover adjustment (the turnover adjustment concerns undertakings)"
        return none, TraceStep(step=f"step 2: turnover{m.label('turnover')}", value=value), None
    if ctx.turnover is None:
        value = (
            "unknown: no turnover adjustment; for a turnover up to "
            f"{threshold} the range would be lower"
        )
        return none, TraceStep(step=f"step 2: turnover{m.label('turnover')}", value=value), None
    band = m.turnover_band(ctx.turnover.amount)
    if band is None:
        value = (
            f"{money_text(ctx.turnover)}: none above {threshold} "
            "(the legal maximum is already turnover-based)"
        )
        step = TraceStep(
            step=f"step 2: turnover{m.label('turnover')}",
            value=value,
            reference=m.turnover_reference.cite(),
            note=m.turnover_reference.note,
        )
        return none, step, None
    confidence = band.reference.confidence
    value = (
        f"{money_text(ctx.turnover)}, {band.label}: {percent(band.low)} - "
        f"{percent(band.high)} of the starting amount"
        + (f" [{confidence}]" if confidence != "primary" else "")
    )
    step = TraceStep(
        step=f"step 2: turnover{m.label('turnover')}",
        value=value,
        reference=band.reference.cite(),
        note=band.reference.note,
    )
    return (band.low, band.high), step, Band.of(band.label, band.low, band.high, band.reference)
