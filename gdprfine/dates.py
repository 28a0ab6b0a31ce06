"""Dates of the law: financial years, and dates known only to the year or the month.

:class:`FinancialYear`: calendar or not, and which one "precedes" a decision.

Art. 83(4)-(6) cap a fine at a share of the turnover "of the preceding financial year". A
financial year is given by its first and last day; the preceding one for a decision is the
latest financial year of the same pattern that ended before the decision date.

>>> fy = FinancialYear.calendar(2020)
>>> fy
FinancialYear(start=datetime.date(2020, 1, 1), end=datetime.date(2020, 12, 31), label='FY2020')
>>> fy.preceding(date(2021, 7, 15)) == fy
True
>>> hm = FinancialYear(start=date(2019, 12, 1), end=date(2020, 11, 30))
>>> hm.preceding(date(2020, 10, 1)).label
'FY2018/19'
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from gdprfine.errors import InvalidInput

__all__ = ["FinancialYear", "PartialDate", "Precision", "latest_ended_before"]

Precision = Literal["year", "month", "day"]


def _shift_years(day: date, years: int) -> date:
    year = day.year + years
    if not 1 <= year <= 9999:
        raise InvalidInput(
            "financial_year", day.isoformat(), f"{years:+} years is outside the calendar (1-9999)"
        )
    last = calendar.monthrange(year, day.month)[1]
    if day.month == 2 and day.day == calendar.monthrange(day.year, 2)[1]:
        return date(year, 2, last)
    return date(year, day.month, min(day.day, last))


class FinancialYear(BaseModel):
    """A financial year: its first and last day, and a label such as ``FY2020``.

    In a case file a financial year is either a calendar year (``2020``) or a table
    ``{start = 2019-07-01, end = 2020-06-30}``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    start: date = Field(description="First day of the financial year.")
    end: date = Field(description="Last day of the financial year.")
    label: str = Field(default="", description="How the year is named, such as FY2020.")

    @model_validator(mode="before")
    @classmethod
    def _from_year(cls, data: Any) -> Any:
        if isinstance(data, bool):
            raise InvalidInput("financial_year", data, "a year or {start, end}")
        if isinstance(data, int | str) and str(data).strip().isdigit():
            year = int(data)
            if not 1900 <= year <= 9998:
                raise InvalidInput("financial_year", data, "a year between 1900 and 9998")
            return {"start": date(year, 1, 1), "end": date(year, 12, 31)}
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.end <= self.start:
            raise InvalidInput(
                "financial_year", f"{self.start}..{self.end}", "the year must end after it starts"
            )
        if self.end - self.start > timedelta(days=550):
            raise InvalidInput(
                "financial_year",
                f"{self.start}..{self.end}",
                "a financial year lasts at most 18 months",
            )
        if not self.label:
            object.__setattr__(self, "label", self._default_label())
        return self

    def _default_label(self) -> str:
        if self.start.year == self.end.year:
            return f"FY{self.end.year}"
        return f"FY{self.start.year}/{str(self.end.year)[-2:]}"

    @classmethod
    def read(cls, value: object) -> Self:
        """A financial year from a calendar year (``2020``), a mapping ``{start, end}`` or a
        :class:`FinancialYear`; anything else is an :class:`~gdprfine.errors.InvalidInput`.

        >>> FinancialYear.read({"start": "2019-07-01", "end": "2020-06-30"}).label
        'FY2019/20'
        >>> FinancialYear.read("last year")
        Traceback (most recent call last):
        ...
        gdprfine.errors.InvalidInput: financial_year: 'last year': a year, or {start, end} \
with dates as YYYY-MM-DD
        """
        if isinstance(value, cls):
            return value
        try:
            return cls.model_validate(value)
        except ValidationError as error:
            cause = error.errors()[0].get("ctx", {}).get("error")
            if isinstance(cause, InvalidInput):
                raise cause from None
            raise InvalidInput(
                "financial_year", value, "a year, or {start, end} with dates as YYYY-MM-DD"
            ) from None

    @classmethod
    def calendar(cls, year: int) -> Self:
        """The calendar year *year*.

        >>> FinancialYear.calendar(0)
        Traceback (most recent call last):
        ...
        gdprfine.errors.InvalidInput: financial_year: 0: a year between 1900 and 9998
        """
        return cls.read(year)

    @classmethod
    def ending(cls, last_day: date, *, label: str = "") -> Self:
        """The twelve-month financial year whose last day is *last_day*.

        >>> FinancialYear.ending(date(2020, 6, 30))
        FinancialYear(start=datetime.date(2019, 7, 1), end=datetime.date(2020, 6, 30), \
label='FY2019/20')
        >>> FinancialYear.ending(date(2020, 2, 29)).start
        datetime.date(2019, 3, 1)
        """
        return cls(start=_shift_years(last_day, -1) + timedelta(days=1), end=last_day, label=label)

    def shifted(self, years: int) -> FinancialYear:
        """The twelve-month financial year ending *years* anniversaries after this one's end.

        A last day of February stays the last day of February (a 28 February that is not the
        last day of its February stays the 28th). A year of another length (a transitional year
        after a change of year-end) is followed and preceded by twelve-month years ending on
        its anniversaries.

        >>> FinancialYear.ending(date(2020, 2, 29)).shifted(1).end
        datetime.date(2021, 2, 28)
        >>> FinancialYear(start=date(2019, 1, 1), end=date(2020, 6, 30)).shifted(-1).label
        'FY2018/19'
        """
        if years == 0:
            return self
        end = _shift_years(self.end, years)
        return FinancialYear(start=_shift_years(self.end, years - 1) + timedelta(days=1), end=end)

    def preceding(self, decision: date) -> FinancialYear:
        """The latest year of this pattern that ended before *decision*.

        >>> FinancialYear.calendar(2019).preceding(date(2021, 1, 1)).label
        'FY2020'
        >>> FinancialYear.calendar(2019).preceding(date(2021, 12, 31)).label
        'FY2020'
        >>> FinancialYear.calendar(2020).preceding(date(2020, 12, 31)).label
        'FY2019'
        """
        shift = decision.year - self.end.year
        candidate = self.shifted(shift)
        while candidate.end >= decision:
            shift -= 1
            candidate = self.shifted(shift)
        while candidate.end.year < decision.year and (later := self.shifted(shift + 1)).end < decision:
            shift += 1
            candidate = later
        return candidate

    def precedes(self, decision: date) -> bool:
        """Whether this is the financial year preceding a decision taken on *decision*.

        >>> fy2020 = FinancialYear.calendar(2020)
        >>> fy2020.precedes(date(2021, 7, 15)), fy2020.precedes(date(2022, 1, 3))
        (True, False)
        """
        return self.end < decision and (self.end.year == 9999 or decision <= self.shifted(1).end)

    def same_period(self, other: FinancialYear) -> bool:
        """Whether both describe the same days (labels aside)."""
        return (self.start, self.end) == (other.start, other.end)


def latest_ended_before(years: Iterable[FinancialYear], decision: date) -> FinancialYear | None:
    """Of the given financial years, the one that ended last before *decision* (or None).

    >>> years = [FinancialYear.calendar(y) for y in (2019, 2020, 2021)]
    >>> latest_ended_before(years, date(2021, 7, 15)).label
    'FY2020'
    >>> latest_ended_before(years, date(2019, 12, 31)) is None
    True
    """
    ended = [year for year in years if year.end < decision]
    return max(ended, key=lambda year: (year.end, year.start), default=None)


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day.

    >>> d = PartialDate(2019, 5)
    >>> str(d), d.precision, d.period()
    ('2019-05', 'month', (datetime.date(2019, 5, 1), datetime.date(2019, 5, 31)))
    >>> str(PartialDate(2019)), str(PartialDate(2019, 5, 17))
    ('2019', '2019-05-17')
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        """``year``, ``month`` or ``day``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def period(self) -> tuple[date, date]:
        """The first and the last day the date may designate."""
        if self.month is None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.day is None:
            first = date(self.year, self.month, 1)
            following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        day = date(self.year, self.month, self.day)
        return day, day

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
