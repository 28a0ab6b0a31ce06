"""The German DSK concept of 2019: the economic base value times a severity factor.

The undertaking's size class (DSK step 1, by its worldwide turnover) gives a mean turnover
(step 2; above EUR 500 m, the actual turnover); divided by 360 it is the economic base value,
a daily rate in whole euros as the concept's table states it (step 3), multiplied by the severity factor of the infringement's kind (formal:
Art. 83(4); material: Art. 83(5), (6)) and degree (step 4). A degree without an upper factor is open-ended: its high end is the legal maximum. The
concept applies to undertakings with a known turnover only. The figures are
:class:`gdprfine.law.DskModel` data.

>>> from gdprfine.estimate import Conduct, estimate
>>> from gdprfine.money import Money, decimal_context
>>> e = estimate([Conduct.of("Art. 6", "medium")], Money("5000000", "EUR"), model="dsk")
>>> e.low, e.high
(Money('38888.00', 'EUR'), Money('77776.00', 'EUR'))
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from gdprfine.errors import NotApplicable
from gdprfine.estimate.common import (
    Band,
    Conduct,
    ConductEstimate,
    Context,
    MethodRefs,
    Starting,
    classify_conduct,
    conduct_estimate,
    money_text,
    product,
    round_to,
)
from gdprfine.law import DskModel, model
from gdprfine.law.models import SeverityDegree
from gdprfine.money import OPERATIONS, Money, decimal_context
from gdprfine.trace import TraceStep

__all__ = ["conduct_range"]

_POSITION = "the position within the EDPB band does not carry over to this scheme"


def conduct_range(conduct: Conduct, context: Context) -> ConductEstimate:
    """The conduct's range under the DSK concept, with the trace of the five steps."""
    m = model("dsk")
    if not context.undertaking:
        raise NotApplicable("undertaking", False, "the DSK concept applies to undertakings only")
    if context.turnover is None:
        raise NotApplicable("turnover", None, "the DSK concept needs the undertaking's turnover")
    found = classify_conduct(conduct, context)
    size = m.size_class(context.turnover.amount)
    mean = size.mean if size.mean is not None else context.turnover.amount
    with decimal_context(60):
        daily = mean / m.days
    rounded = ""
    if m.rate_unit is not None and m.rate_reference is not None:
        daily = daily.quantize(m.rate_unit, ROUND_HALF_UP, OPERATIONS)
        rounded = f" ({m.rate_reference.text} [{m.rate_reference.confidence}])"
    degrees = m.degrees(found.cap.tier, conduct.seriousness)
    f_low = min(d.low for d in degrees)
    highs = [d.high for d in degrees]
    f_high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    currency = found.cap.amount.currency
    mean_text = (
        f"{'mean' if size.mean is not None else 'actual'} turnover "
        f"{Money(mean, m.currency).format()}"
    )
    trace = [
        TraceStep(
            step="step 2: size class and daily rate (DSK steps 1-3)",
            value=f"{size.id}: {mean_text} / {m.days} = daily rate "
            f"{money_text(Money(round_to(daily, currency, ROUND_HALF_UP), currency))}{rounded}",
            reference="; ".join(
                r.cite() for r in (m.classes_reference, m.days_reference, m.rate_reference) if r
            ),
            note=m.rate_reference.note if m.rate_reference is not None else "",
        ),
        _severity(m, conduct, degrees, (f_low, f_high)),
    ]
    if conduct.position is not None:
        trace.append(TraceStep(step="step 2: position", value=_POSITION))
    start = Starting(
        low=product(daily, f_low),
        high=None if f_high is None else product(daily, f_high),
        trace=trace,
        seriousness_band=Band.of(
            " or ".join(d.label for d in degrees),
            f_low,
            f_high,
            m.severity_reference,
            note=m.seriousness.reference.note,
        ),
    )
    refs = MethodRefs(step3=(m.adjustments.cite(),))
    return conduct_estimate(conduct, found, context, m, start, refs)


def _severity(
    m: DskModel,
    conduct: Conduct,
    degrees: Sequence[SeverityDegree],
    factors: tuple[Decimal, Decimal | None],
) -> TraceStep:
    correspondence = m.seriousness.reference
    low, high = factors
    return TraceStep(
        step="step 2: severity factor (DSK step 4)",
        value=f"seriousness {conduct.seriousness} read as "
        + " or ".join(f"'{d.degree}'" for d in degrees)
        + f" [{correspondence.confidence}]: factor {low}"
        + (f" - {high}" if high is not None else " and above"),
        reference=f"{m.severity_reference.cite()}; {correspondence.cite()}",
        note=correspondence.note,
    )
