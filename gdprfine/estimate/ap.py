"""The Dutch AP policy rules of 2019: step 2 as the range of a fine category.

The seriousness is read as one or more of the AP's fine categories I-IV; their range is the
starting range, raised by 50 % for a repeat within five years. The categories are
:class:`gdprfine.law.ApModel` data.

>>> from gdprfine.estimate import Conduct, estimate
>>> e = estimate([Conduct.of("Art. 6", "medium")], None, model="ap", repeat=True)
>>> e.low, e.high
(Money('180000.00', 'EUR'), Money('750000.00', 'EUR'))
"""

from __future__ import annotations

from decimal import Decimal

from gdprfine.estimate.common import (
    Band,
    Conduct,
    ConductEstimate,
    Context,
    MethodRefs,
    Starting,
    classify_conduct,
    conduct_estimate,
    product,
)
from gdprfine.law import model
from gdprfine.money import Money
from gdprfine.trace import TraceStep, percent

__all__ = ["conduct_range"]

_POSITION = "the position within the EDPB band does not carry over to this scheme"


def conduct_range(conduct: Conduct, context: Context) -> ConductEstimate:
    """The conduct's range under the AP policy rules, with the trace of the five steps."""
    m = model("ap")
    found = classify_conduct(conduct, context)
    categories = m.categories_for(conduct.seriousness)
    low = min(c.low for c in categories)
    high = max(c.high for c in categories)
    correspondence = m.seriousness.reference

    def eur(value: Decimal) -> str:
        return Money(value, m.currency).format()

    trace = [
        TraceStep(
            step="step 2: fine category",
            value=f"seriousness {conduct.seriousness} read as "
            + " or ".join(c.label for c in categories)
            + f" [{correspondence.confidence}]: {eur(low)} - {eur(high)}"
            + f" (base fine {', '.join(eur(c.base) for c in categories)})",
            reference=f"{m.categories_reference.cite()}; {correspondence.cite()}",
            note=correspondence.note,
        )
    ]
    increase = Decimal(1)
    if context.repeat:
        increase += m.repeat_increase
        trace.append(
            TraceStep(
                step="step 2: repeat",
                value=f"repeat within five years: + {percent(m.repeat_increase)}",
                reference=m.repeat_reference.cite(),
            )
        )
    if conduct.position is not None:
        trace.append(TraceStep(step="step 2: position", value=_POSITION))
    band = Band.of(
        " or ".join(c.label for c in categories),
        low,
        high,
        m.categories_reference,
        note=correspondence.note,
    )
    start = Starting(
        low=product(low, increase),
        high=product(high, increase),
        trace=trace,
        seriousness_band=band,
    )
    return conduct_estimate(
        conduct, found, context, m, start, MethodRefs(step3=(m.adjustments.cite(),))
    )
