"""The ECB history as gdprfine keeps it: every fixing read exactly, a table in the ECB's layout
read as any table is read, by any number of threads."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from random import Random
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdprfine import fx
from gdprfine.money import decimal_context, is_currency

Fixings = list[tuple[date, str]]


def _clear() -> None:
    for cached in (fx._table, fx._series, fx._bounds, fx.ecb_rate_range, fx._fine_rate):
        cached.cache_clear()


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    """Every test reads the data afresh, and leaves no table of its own behind."""
    _clear()
    yield
    _clear()


def _reference(text: str) -> tuple[list[date], dict[str, Fixings]]:
    """The history read the plain way: rows sorted by (day, row), each currency's cell found by
    splitting the row, stripped, ``N/A`` and empty cells skipped; rates as exact text."""
    header, *body = text.splitlines()
    columns = {code.strip(): index for index, code in enumerate(header.split(",")) if code.strip()}
    columns.pop("Date", None)
    rows = sorted(
        (date.fromisoformat(line.partition(",")[0].strip()), line) for line in body if line.strip()
    )
    series: dict[str, Fixings] = {}
    for code, index in columns.items():
        found = []
        for day, line in rows:
            cells = line.split(",", index + 1)
            cell = cells[index].strip() if index < len(cells) else ""
            if cell and cell != "N/A":
                found.append((day, str(Decimal(cell))))
        series[code] = found
    return [day for day, _ in rows], series


def _on(days: list[date], fixings: Fixings, day: date) -> tuple[date, str] | None:
    """The plain reading of a rate on *day*: the last fixing on or before it, at most
    :data:`fx.MAX_FALLBACK_DAYS` before; None when there is none."""
    if not fixings or not fixings[0][0] <= day <= fixings[-1][0]:
        return None
    fixed, rate = [(d, r) for d, r in fixings if d <= day][-1]
    return (fixed, rate) if (day - fixed).days <= fx.MAX_FALLBACK_DAYS else None


def _mean(days: list[date], fixings: Fixings, start: date, end: date) -> tuple[str, int] | None:
    """The plain reading of a mean over *start*..*end*: every row of the period fixed, else None."""
    if not fixings or start < fixings[0][0] or end > fixings[-1][0]:
        return None
    rates = [Decimal(r) for d, r in fixings if start <= d <= end]
    if not rates or len(rates) != sum(start <= d <= end for d in days):
        return None
    with decimal_context():
        mean = sum(rates, Decimal(0)) / len(rates)
        return str(mean.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN)), len(rates)


def _read(code: str) -> Fixings:
    """A currency's fixings as gdprfine keeps them."""
    table = fx._table()
    rows, rates = fx._series(code).fixings(0, len(table.rows))
    return [(table.day(row), str(rate)) for row, rate in zip(rows, rates, strict=True)]


def _bundled_text() -> str:
    with zipfile.ZipFile(fx._data_path()) as archive:
        return archive.read(archive.namelist()[0]).decode("utf-8")


def test_every_bundled_fixing_is_read_exactly() -> None:
    days, series = _reference(_bundled_text())
    assert fx._table().days(0, len(fx._table().rows)) == days
    assert len(series) > 30
    for code in sorted(series, key=lambda code: -len(code)):
        assert _read(code) == series[code], code
    with_fixings = {code for code, found in series.items() if found}
    assert set(fx.ecb_currencies()) == with_fixings | {"EUR"}
    for code in filter(is_currency, with_fixings):  # TRL, ROL... are no longer ISO 4217 codes
        assert fx.data_bounds(code) == (series[code][0][0], series[code][-1][0])


def _plain(text: str) -> tuple[str, list[bytes], list[bytes]]:
    """A table as :func:`fx._sorted_rows` reads it, every row's day parsed."""
    return fx._sorted_rows(text)


def _by_layout(data: bytes) -> tuple[str, list[bytes], list[bytes]]:
    """A table in the ECB's layout as :func:`fx._rows` reads it, without :func:`fx._sorted_rows`
    (the rows as the slow reading keeps them: without their line ends)."""
    with mock.patch.object(fx, "_sorted_rows", side_effect=AssertionError("not the ECB's layout")):
        header, rows, heads = fx._rows(data)
    return header.removesuffix("\n"), [row.removesuffix(b"\n") for row in rows], heads


def test_the_bundled_table_is_read_by_its_layout_as_in_full() -> None:
    with zipfile.ZipFile(fx._data_path()) as archive:
        data = archive.read(archive.namelist()[0])
    assert _by_layout(data) == _plain(data.decode("utf-8"))


@st.composite
def ecb_tables(draw: st.DrawFn) -> str:
    """A small history laid out as the ECB lays it out: one row a day, newest first, each
    starting with its day and a comma, cells of any kind after it."""
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=5, unique=True))
    header = ",".join(["Date", *codes, *draw(st.sampled_from([[], [""]]))])
    offsets = draw(st.lists(st.integers(min_value=0, max_value=4000), min_size=1, max_size=30, unique=True))
    lines = [header]
    for offset in sorted(offsets, reverse=True):
        cells = draw(st.lists(CELLS, min_size=1, max_size=len(codes) + 2))
        lines.append(",".join([(date(1999, 1, 4) + timedelta(days=offset)).isoformat(), *cells]))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@given(text=ecb_tables())
def test_a_table_in_the_ecb_layout_is_read_as_in_full(text: str) -> None:
    assert _by_layout(text.encode()) == _plain(text)


@pytest.mark.parametrize(
    "text",
    [
        "Date,USD\n2020-01-03,1.1\n2020-01-02,1.2\n2020-01-02,1.3\n",  # a day twice
        "Date,USD\n2020-01-02,1.1\n2020-01-03,1.2\n",  # oldest first
        "Date,USD\n2020-01-03,1.1\n\n2020-01-02,1.2\n",  # a blank row
        "Date,USD\n2020-01-03,1.1\r\n2020-01-02,1.2\r\n",  # other line ends
        "Date,USD\n 2020-01-03,1.1\n2020-01-02,1.2\n",  # a space before a day
        "Date,USD\n2020-01-03,\u00a01.1\n2020-01-02,1.2\n",  # not ASCII
        "Date,USD\n2020-01-03,1.1\n20200102,1.2\n",  # a day not written YYYY-MM-DD
        "Date,USD\n2020-01-03,1.1\x1f\n2020-01-02,1.2\n",  # U+001F, stripped as a blank
        "Date,USD",
    ],
)
def test_a_table_in_another_layout_is_read_in_full(text: str) -> None:
    plain = _plain(text)
    with mock.patch.object(fx, "_sorted_rows", side_effect=fx._sorted_rows) as full:
        assert fx._rows(text.encode()) == plain
    full.assert_called_once()


def test_threads_asking_for_currencies_at_once_get_the_same_rates() -> None:
    codes = ["ZAR", "USD", "PLN", "HUF", "NOK", "GBP", "CHF", "SEK", "JPY", "DKK", "RON", "CZK"]
    day = date(2022, 6, 1)
    expected = {code: fx.ecb_rate_on(code, day) for code in codes}
    _clear()
    found: dict[str, object] = {}
    start = threading.Barrier(len(codes))

    def ask(code: str) -> None:
        start.wait()
        found[code] = fx.ecb_rate_on(code, day)

    threads = [threading.Thread(target=ask, args=(code,)) for code in codes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == expected


RATES = st.sampled_from(["1.1789", "1.179", "13111", "0.5", "7.4501", "20275.17", "133.73"])
CELLS = st.one_of(RATES, st.sampled_from(["N/A", "", " ", " 4.5 ", "N/A ", "\t2.25"]))
CODES = ["USD", "GBP", "PLN", "SEK", "CHF", "JPY"]


@st.composite
def tables(draw: st.DrawFn) -> str:
    """A small history in the ECB's layout, with what a file may hold besides: rows of any
    length, in any order, repeated days, blank lines, spaces around cells and codes."""
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=5, unique=True))
    names = [draw(st.sampled_from([code, f" {code}", f"{code} "])) for code in codes]
    header = ",".join(["Date", *names, *draw(st.sampled_from([[], [""]]))])
    first = date(2020, 1, 1)
    lines = [header]
    for _ in range(draw(st.integers(min_value=1, max_value=40))):
        day = first + timedelta(days=draw(st.integers(min_value=0, max_value=30)))
        cells = draw(st.lists(CELLS, max_size=len(codes) + 2))
        text = draw(st.sampled_from([day.isoformat(), f" {day.isoformat()}"]))
        lines.append(",".join([text, *cells]))
        if draw(st.booleans()) and draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "  "])))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@given(
    text=tables(),
    order=st.randoms(),
    asked=st.lists(st.integers(min_value=-3, max_value=35), min_size=2, max_size=6),
)
def test_any_table_is_read_as_the_plain_reading_reads_it(
    text: str, order: Random, asked: list[int]
) -> None:
    days, series = _reference(text)
    codes = list(series)
    order.shuffle(codes)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "eurofxref-hist.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("eurofxref-hist.csv", text)
        _clear()
        try:
            with mock.patch.object(fx, "_data_path", return_value=path):
                table = fx._table()
                assert table.days(0, len(table.rows)) == days
                for code in codes:
                    assert _read(code) == series[code], code
                    if series[code]:
                        assert fx.data_bounds(code) == (series[code][0][0], series[code][-1][0])
                    else:
                        with pytest.raises(fx.FxError, match="no reference rate"):
                            fx.data_bounds(code)
                    _same_rates(code, days, series[code], [date(2020, 1, 1) + timedelta(n) for n in asked])
        finally:
            _clear()


def _same_rates(code: str, days: list[date], fixings: Fixings, asked: list[date]) -> None:
    """The rates on the days *asked*, and the means between them, are the plain reading's."""
    for day in asked:
        expected = _on(days, fixings, day)
        try:
            rate = fx.ecb_rate_on(code, day)
        except fx.FxError:
            assert expected is None, (code, day)
        else:
            assert expected == (rate.start, str(rate.rate)), (code, day)
    for start, end in zip(sorted(asked), sorted(asked)[1:], strict=False):
        period = _mean(days, fixings, start, end)
        try:
            mean = fx.ecb_mean_rate(code, start, end)
        except fx.FxError:
            assert period is None, (code, start, end)
        else:
            assert period == (str(mean.rate), mean.fixings), (code, start, end)


def test_ten_currencies_keep_little_memory() -> None:
    """The history kept for ten currencies is a few columns of text, not a Decimal per fixing."""
    code = (
        "import tracemalloc\n"
        "from datetime import date\n"
        "from gdprfine import fx, money\n"
        "money.is_currency('USD')\n"
        "tracemalloc.start()\n"
        "fx.fine_rate('USD', 'EUR', date(2022, 6, 1))\n"
        "tracemalloc.reset_peak()\n"
        "for c in ['GBP', 'PLN', 'SEK', 'DKK', 'CZK', 'HUF', 'RON', 'NOK', 'CHF']:\n"
        "    fx.fine_rate(c, 'EUR', date(2022, 6, 1))\n"
        "now, peak = tracemalloc.get_traced_memory()\n"
        "print(now, peak)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    now, peak = map(int, done.stdout.split())
    assert now < 4 * 2**20
    assert peak < 4 * 2**20
