"""Financial years: which one precedes a decision, for calendar and non-calendar years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gdprfine.dates import FinancialYear, latest_ended_before

decisions = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
year_ends = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
twelve_month_years = year_ends.map(FinancialYear.ending)


def test_calendar_year_before_a_mid_year_decision() -> None:
    assert FinancialYear.calendar(2019).preceding(date(2021, 7, 15)) == FinancialYear.calendar(2020)


def test_a_year_ending_on_the_decision_day_has_not_ended_before_it() -> None:
    assert FinancialYear.calendar(2020).preceding(date(2020, 12, 31)).label == "FY2019"
    assert FinancialYear.calendar(2020).preceding(date(2021, 1, 1)).label == "FY2020"


@pytest.mark.parametrize(
    ("decision", "expected_end"),
    [
        (date(2020, 11, 30), date(2019, 11, 30)),
        (date(2020, 12, 1), date(2020, 11, 30)),
        (date(2020, 10, 1), date(2019, 11, 30)),
        (date(2021, 7, 15), date(2020, 11, 30)),
    ],
)
def test_december_to_november_year(decision: date, expected_end: date) -> None:
    hm = FinancialYear(start=date(2019, 12, 1), end=date(2020, 11, 30))
    chosen = hm.preceding(decision)
    assert chosen.end == expected_end
    assert chosen.start == date(expected_end.year - 1, 12, 1)


@pytest.mark.parametrize(
    ("decision", "label"),
    [
        (date(2024, 10, 22), "FY2023/24"),
        (date(2024, 6, 30), "FY2022/23"),
        (date(2024, 7, 1), "FY2023/24"),
    ],
)
def test_july_to_june_year(decision: date, label: str) -> None:
    microsoft = FinancialYear.ending(date(2020, 6, 30))
    assert microsoft.preceding(decision).label == label


def test_year_ending_in_february_follows_leap_years() -> None:
    fy = FinancialYear.ending(date(2021, 2, 28))
    assert fy.start == date(2020, 3, 1)
    assert fy.shifted(3).end == date(2024, 2, 29)
    assert fy.shifted(3).start == date(2023, 3, 1)
    assert fy.preceding(date(2024, 2, 29)).end == date(2023, 2, 28)
    assert fy.preceding(date(2024, 3, 1)).end == date(2024, 2, 29)


def test_a_fixed_28_february_in_a_leap_year_stays_the_28th() -> None:
    fy = FinancialYear(start=date(2019, 3, 1), end=date(2020, 2, 28))
    assert fy.shifted(4).end == date(2024, 2, 28)
    assert fy.shifted(1).start == date(2020, 2, 29)


def test_transitional_year_is_surrounded_by_twelve_month_years() -> None:
    long_year = FinancialYear(start=date(2019, 1, 1), end=date(2020, 6, 30))
    assert long_year.shifted(1) == FinancialYear.ending(date(2021, 6, 30))
    assert long_year.preceding(date(2020, 7, 1)) is long_year
    assert long_year.preceding(date(2022, 1, 10)).label == "FY2020/21"


def test_latest_ended_before_picks_among_records() -> None:
    years = [FinancialYear.ending(date(y, 6, 30)) for y in (2022, 2021, 2023)]
    assert latest_ended_before(years, date(2023, 6, 30)) == years[0]
    assert latest_ended_before(years, date(2021, 6, 30)) is None


def test_twelve_months_before_the_end() -> None:
    assert FinancialYear.ending(date(2020, 6, 30)).start == date(2019, 7, 1)
    assert FinancialYear.ending(date(2020, 2, 29)).start == date(2019, 3, 1)
    assert FinancialYear.ending(date(2020, 2, 28)).start == date(2019, 3, 1)
    assert FinancialYear.ending(date(2021, 2, 28)).start == date(2020, 3, 1)


@pytest.mark.parametrize(
    ("start", "end"), [(date(2020, 1, 1), date(2020, 1, 1)), (date(2020, 1, 1), date(2021, 12, 31))]
)
def test_impossible_years_are_refused(start: date, end: date) -> None:
    with pytest.raises(ValueError, match="financial_year"):
        FinancialYear(start=start, end=end)


@given(fy=twelve_month_years, decision=decisions)
@example(fy=FinancialYear.ending(date(2020, 2, 29)), decision=date(2021, 3, 1))
@example(fy=FinancialYear.ending(date(2021, 2, 28)), decision=date(2024, 2, 29))
@example(fy=FinancialYear.ending(date(2021, 2, 28)), decision=date(2024, 3, 1))
@example(fy=FinancialYear.calendar(2020), decision=date(2021, 1, 1))
@example(fy=FinancialYear.calendar(2020), decision=date(2020, 12, 31))
def test_preceding_year_ends_before_the_decision_and_is_the_latest(
    fy: FinancialYear, decision: date
) -> None:
    chosen = fy.preceding(decision)
    assert chosen.end < decision
    assert chosen.shifted(1).end >= decision
    assert chosen.precedes(decision)
    assert chosen == fy.shifted(chosen.end.year - fy.end.year)


@given(fy=twelve_month_years, decision=decisions)
@example(fy=FinancialYear.ending(date(2020, 2, 29)), decision=date(2020, 3, 1))
@example(fy=FinancialYear.ending(date(2020, 2, 28)), decision=date(2021, 3, 1))
def test_consecutive_years_tile_the_calendar(fy: FinancialYear, decision: date) -> None:
    chosen = fy.preceding(decision)
    k = chosen.end.year - fy.end.year
    before, after = fy.shifted(k - 1), fy.shifted(k + 1)
    assert before.end + timedelta(days=1) == chosen.start
    assert chosen.end + timedelta(days=1) == after.start
    assert after.start <= decision <= after.end


@given(fy=twelve_month_years, decision=decisions, offsets=st.lists(st.integers(-3, 3)))
def test_latest_ended_before_agrees_with_preceding(
    fy: FinancialYear, decision: date, offsets: list[int]
) -> None:
    expected = fy.preceding(decision)
    years = [expected.shifted(k) for k in offsets]
    chosen = latest_ended_before(years, decision)
    if any(k <= 0 for k in offsets):
        assert chosen == expected.shifted(max(k for k in offsets if k <= 0))
    else:
        assert chosen is None
