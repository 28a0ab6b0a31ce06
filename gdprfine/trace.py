"""The trace of a result: each step with its value, the provision it applied, and a caveat.

Every feature that explains itself (a check, a cap, an estimate) returns a list of
:class:`TraceStep`; their JSON form is one shape everywhere. :func:`percent` is the one way a
share is written in a trace or a report.

>>> TraceStep(step="tier Art. 83(5)", value="EUR 20 000 000 or 4 %", reference="Article 83(5)")
TraceStep(step='tier Art. 83(5)', value='EUR 20 000 000 or 4 %', reference='Article 83(5)', note='')
>>> percent(Decimal("0.04")), percent(Decimal("0.002207098305")), percent(Decimal("0.0552"), 2)
('4 %', '0.2207 %', '5.52 %')
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.money import OPERATIONS

__all__ = ["TraceStep", "percent"]


class TraceStep(BaseModel):
    """One step of a result: what was established, and on what legal basis."""

    model_config = ConfigDict(frozen=True)

    step: str = Field(description="What the step establishes.")
    value: str = Field(description="Its result.")
    reference: str = Field(default="", description="The legal provision or rule applied.")
    note: str = Field(default="", description="Caveat or confidence note.")


def percent(share: Decimal, places: int = 4) -> str:
    """A fraction as a percentage rounded half to even to *places*, trailing zeros dropped."""
    unit = _UNITS.get(places) or Decimal(1).scaleb(-places, OPERATIONS)
    value = OPERATIONS.multiply(share, 100).quantize(unit, ROUND_HALF_EVEN, OPERATIONS)
    return f"{value.normalize(OPERATIONS):f} %"


_UNITS = {places: Decimal(1).scaleb(-places, OPERATIONS) for places in range(13)}
