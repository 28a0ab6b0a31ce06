"""The cross-check of the sources of one case: does each source state the case's fine (or,
with no case fine, the fine most sources state)?

Sources agree when each one's fine is the case's fine (or, with no case fine, the consensus).
Other amounts, caps and outliers are listed in the report but are not disagreements; a cap a
source states can be matched to the tier whose figures it restates (:func:`tier_statement`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.law import Regime
from gdprfine.money import Money
from gdprfine.sources.reading import OtherAmount, Outlier, SourceReading

__all__ = ["Disagreement", "SourceSummary", "SourcesReport", "cross_check", "tier_statement"]


class SourceSummary(BaseModel):
    """One source's reading in a report."""

    model_config = ConfigDict(frozen=True)

    name: str | None
    locale: str
    locale_guessed: bool = False
    fine: Money | None
    times_stated: int = Field(ge=0, description="How often the source states its fine.")
    agrees: bool | None = Field(description="Whether the fine is the expected one (None: no fine).")


class Disagreement(BaseModel):
    """A source whose fine differs from the case's fine (or from the consensus)."""

    model_config = ConfigDict(frozen=True)

    source: str | None
    stated: Money
    expected: Money
    message: str


class SourcesReport(BaseModel):
    """The cross-check of the sources of one case."""

    model_config = ConfigDict(frozen=True)

    consensus: Money | None = Field(description="The fine most sources attribute.")
    supported_by: list[str | None] = Field(description="The sources that state the consensus.")
    case_fine: Money | None = Field(default=None, description="The fine of the case, if given.")
    agreement: bool
    sources: list[SourceSummary]
    outliers: list[Outlier]
    others: list[OtherAmount]
    disagreements: list[Disagreement]


def _consensus(counts: Counter[Money], fine: Money | None) -> Money | None:
    """The fine stated most often; on a tie, the case's *fine* if it is among the leaders."""
    if not counts:
        return None
    best = max(counts.values())
    leaders = [m for m in counts if counts[m] == best]
    if len(leaders) == 1:
        return leaders[0]
    if fine is not None and fine in leaders:
        return fine
    return None


def _summary(reading: SourceReading, expected: Money | None) -> SourceSummary:
    fine = reading.fine
    return SourceSummary(
        name=reading.name,
        locale=reading.locale,
        locale_guessed=reading.locale_guessed,
        fine=fine,
        times_stated=len(reading.fine_mentions),
        agrees=None if fine is None or expected is None else fine == expected,
    )


def _disagreements(
    readings: Sequence[SourceReading], fine: Money | None, expected: Money | None
) -> list[Disagreement]:
    """The sources whose fine is not *expected*; with neither a case *fine* nor a consensus
    (*expected* None), every source that states a fine."""
    if expected is None:
        message = "sources state different fines and none is in the majority"
        return [
            Disagreement(source=r.name, stated=r.fine, expected=r.fine, message=message)
            for r in readings
            if r.fine is not None
        ]
    whose = "the case's fine" if fine is not None else "the consensus"
    return [
        Disagreement(
            source=r.name,
            stated=r.fine,
            expected=expected,
            message=f"states {r.fine.format()}, {whose} is {expected.format()}",
        )
        for r in readings
        if r.fine is not None and r.fine != expected
    ]


def cross_check(readings: Sequence[SourceReading], fine: Money | None = None) -> SourcesReport:
    """Compare the fine each source states with the case's *fine* and with each other.

    >>> from gdprfine.sources.reading import read_source
    >>> a = read_source("Amazon a reçu une amende de 746 millions d'euros.", locale="fr", name="a")
    >>> b = read_source("Amazon fined €700 million.", locale="en", name="b")
    >>> report = cross_check([a, b], Money("746000000", "EUR"))
    >>> report.agreement, [d.source for d in report.disagreements]
    (False, ['b'])
    """
    consensus = _consensus(Counter(r.fine for r in readings if r.fine is not None), fine)
    expected = fine if fine is not None else consensus
    disagreements = _disagreements(readings, fine, expected)
    return SourcesReport(
        consensus=consensus,
        supported_by=[r.name for r in readings if r.fine is not None and r.fine == consensus],
        case_fine=fine,
        agreement=consensus is not None and not disagreements,
        sources=[_summary(r, expected) for r in readings],
        outliers=[o for r in readings for o in r.outliers],
        others=[o for r in readings for o in r.others],
        disagreements=disagreements,
    )


def tier_statement(other: OtherAmount, law: Regime) -> str | None:
    """The tier whose figures a stated cap matches (``10 million euros or 2%`` -> 83(4)).

    >>> from decimal import Decimal
    >>> from gdprfine.law import regime
    >>> cap = OtherAmount(source="s", money=Money("20000000", "EUR"), kind="cap",
    ...                   percent=Decimal("4"), text="20 million euros", start=0, context="")
    >>> tier_statement(cap, regime())
    '83(5)'
    """
    if other.kind != "cap":
        return None
    for tier_id in law.tier_ids():
        tier = law.tier(tier_id)
        if other.money == tier.static_cap and (
            other.percent is None or other.percent == tier.turnover_share * 100
        ):
            return tier.id
    return None
