"""The Dutch AP policy rules of 2019: step 2 as the range of a fine category.

The policy rules' annex puts each provision in a fine category (I-IV; a provision with the
EUR 10 m maximum only in I-III, Art. 2); the category's range is the starting range. The
stated adjustments move the fine within the category's bandwidth, not beyond it (Art. 1(b),
Arts 6-7); the fine so set is raised by 50 % for a repeat within five years (Art. 8.2), and the
next lower or higher category may be used where the range does not fit (Art. 8.1), which the
trace names but an estimate cannot weigh. Where the annex category of a provision is not recorded,
the seriousness is read in the categories its tier allows; a whole article cited whose
category the annex records by paragraph says so and asks for the paragraph. The categories and the annex are
:class:`gdprfine.law.ApModel` data.

>>> from gdprfine.estimate import Conduct, estimate
>>> e = estimate([Conduct.of("Art. 32", "high")], None, model="ap")
>>> e.low, e.high
(Money('120000.00', 'EUR'), Money('500000.00', 'EUR'))

>>> from gdprfine.estimate import Conduct, estimate
>>> e = estimate([Conduct.of("Art. 6", "medium")], None, model="ap", repeat=True)
>>> e.low, e.high
(Money('180000.00', 'EUR'), Money('750000.00', 'EUR'))
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from gdprfine.estimate.common import (
    Band,
    Bandwidth,
    Classified,
    Conduct,
    ConductEstimate,
    Context,
    Increase,
    MethodRefs,
    Starting,
    classify_conduct,
    conduct_estimate,
)
from gdprfine.law import Reference, model
from gdprfine.law.models import AnnexEntry, ApModel, FineCategory
from gdprfine.money import Money
from gdprfine.trace import TraceStep, percent

__all__ = ["conduct_range"]

_POSITION = "the position within the EDPB band does not carry over to this scheme"


def _annexed(m: ApModel, found: Classified) -> tuple[FineCategory, list[AnnexEntry]] | None:
    """The gravest annex category of the conduct's fineable provisions, if all are recorded."""
    entries = [m.annex_entry(i.ref.article, i.ref.paragraph) for i in found.classification.fineable]
    if not entries or any(e is None for e in entries):
        return None
    listed = [e for e in entries if e is not None]
    order = [c.id for c in m.categories]
    gravest = max(listed, key=lambda e: order.index(e.category))
    return m.category(gravest.category), listed


def _category_step(
    m: ApModel, conduct: Conduct, found: Classified, eur: Callable[[Decimal], str]
) -> tuple[tuple[FineCategory, ...], list[TraceStep], Reference, str]:
    """Step 2's categories: the annex's for the provisions, else the seriousness read in the
    categories the tier allows (Art. 2); with the trace."""
    tier = found.classification.tier.id if found.classification.tier is not None else None
    annexed = _annexed(m, found)
    if annexed is not None:
        category, entries = annexed
        cited = "; ".join(dict.fromkeys(e.reference.cite() for e in entries))
        step = TraceStep(
            step="step 2: fine category",
            value=f"the annex puts the provisions in {category.label}: {eur(category.low)} - "
            f"{eur(category.high)} (base fine {eur(category.base)}); the seriousness moves the "
            "fine within the category, not the category",
            reference=f"{cited}; {m.categories_reference.cite()}",
        )
        trace = [step, *_neighbour_steps(m, category, eur)]
        return (category,), trace, m.categories_reference, ""
    categories = m.categories_for(conduct.seriousness, tier)
    correspondence = m.seriousness.reference
    low, high = min(c.low for c in categories), max(c.high for c in categories)
    allowed = m.tiers.get(tier or "", ())
    within = f" within the categories of Art. {tier} ({', '.join(allowed)})" if allowed else ""
    trace = [
        TraceStep(
            step="step 2: fine category",
            value=f"the annex category of these provisions is not recorded; seriousness "
            f"{conduct.seriousness} read as " + " or ".join(c.label for c in categories)
            + f"{within} [{correspondence.confidence}]: {eur(low)} - {eur(high)}"
            + f" (base fine {', '.join(eur(c.base) for c in categories)})",
            reference="; ".join(
                r.cite() for r in (m.categories_reference, m.tiers_reference, correspondence) if r
            ),
            note=correspondence.note,
        )
    ]
    trace.extend(_paragraph_steps(m, found))
    return categories, trace, m.categories_reference, correspondence.note


def _paragraph_steps(m: ApModel, found: Classified) -> list[TraceStep]:
    """A citation of a whole article whose annex category is recorded only by paragraph (or
    differs by paragraph): the category read from the seriousness may not be the annex's."""
    steps = []
    for item in found.classification.fineable:
        ref = item.ref
        if ref.paragraph is not None or m.annex_entry(ref.article, None) is not None:
            continue
        entries = m.entries_of(ref.article)
        if not entries:
            continue
        listed = "; ".join(
            f"{provision}: {m.category(e.category).label} [{e.reference.confidence}]"
            for provision, e in entries
        )
        steps.append(
            TraceStep(
                step="step 2: paragraph needed",
                value=f"{ref} is cited without a paragraph, and its annex category is recorded "
                f"by paragraph ({listed}): the category above is read from the seriousness "
                "instead and may not be the annex's; cite the paragraph infringed",
                reference="; ".join(dict.fromkeys(e.reference.cite() for _, e in entries)),
            )
        )
    return steps


def _neighbour_steps(m: ApModel, category: FineCategory, eur: Callable[[Decimal], str]) -> list[TraceStep]:
    if m.neighbour is None:
        return []
    near = m.neighbours(category.id)
    return [
        TraceStep(
            step="step 2: next category",
            value=f"if {category.label} does not allow an appropriate fine: "
            + " or ".join(c.label for c in near if c is not category)
            + f", together {eur(min(c.low for c in near))} - {eur(max(c.high for c in near))}",
            reference=m.neighbour.cite(),
            note=m.neighbour.text,
        )
    ]


def _bandwidth(
    m: ApModel,
    categories: tuple[FineCategory, ...],
    span: tuple[Decimal, Decimal],
    label: str,
    eur: Callable[[Decimal], str],
) -> Bandwidth | None:
    """The room the circumstances have: the categories' bandwidth *span* (Art. 1(b), Arts 6-7),
    with the next categories' range that Art. 8.1 allows beyond it."""
    if m.bandwidth is None:
        return None
    low, high = span
    outside = ""
    if m.neighbour is not None:
        near = {n for c in categories for n in m.neighbours(c.id)}
        outside = (
            f"the next category (Art. 8.1 [{m.neighbour.confidence}]: together "
            f"{eur(min(n.low for n in near))} - {eur(max(n.high for n in near))}) or Arts 8.3-8.4 "
            f"[{m.bandwidth.confidence}], which an estimate cannot weigh"
        )
    return Bandwidth(low, high, label, m.bandwidth, outside)


def _repeat(m: ApModel) -> Increase:
    """The repeat's increase of the fine set under the circumstances (Art. 8.2)."""
    return Increase(
        Decimal(1) + m.repeat_increase,
        TraceStep(
            step="step 3: repeat",
            value=f"repeat within five years: + {percent(m.repeat_increase)} of the fine set "
            "for the circumstances",
            reference=m.repeat_reference.cite(),
            note=m.repeat_reference.note,
        ),
    )


def conduct_range(conduct: Conduct, context: Context) -> ConductEstimate:
    """The conduct's range under the AP policy rules, with the trace of the five steps."""
    m = model("ap")
    found = classify_conduct(conduct, context)

    def eur(value: Decimal) -> str:
        return Money(value, m.currency).format()

    categories, trace, reference, note = _category_step(m, conduct, found, eur)
    low = min(c.low for c in categories)
    high = max(c.high for c in categories)
    label = " or ".join(c.label for c in categories)
    if conduct.position is not None:
        trace.append(TraceStep(step="step 2: position", value=_POSITION))
    band = Band.of(label, low, high, reference, note=note)
    start = Starting(
        low=low,
        high=high,
        trace=trace,
        seriousness_band=band,
        bandwidth=_bandwidth(m, categories, (low, high), label, eur) if conduct.adjustments else None,
        increase=_repeat(m) if context.repeat else None,
    )
    return conduct_estimate(
        conduct, found, context, m, start, MethodRefs(step3=(m.adjustments.cite(),))
    )
