"""Outputs of a dataset check that people open in other tools: CSV rows, a SQLite database,
and the filters that choose the records written.

A record's verdict is one JSON object (``RecordVerdict.json_dict()`` in :mod:`gdprfine.batch`);
:func:`flatten` turns it into one flat row with a fixed set of columns (:data:`COLUMNS`): an
amount becomes ``X_amount`` and ``X_currency``, a cap its amount, currency, limb and whether it
is a lower bound, a rate its rate, rule and source, a list its items joined with ``; ``, the
reasons of the flags ``flag: reason`` pairs. :class:`CsvWriter` writes such rows;
:class:`SqliteWriter` writes a table ``records`` of them and a table ``flags`` (one row per
flag of a record, with its reason and meaning), with the standard library's :mod:`sqlite3`:
the file opens in Datasette or any SQLite client.

>>> import io
>>> row = flatten({"row": 3, "fine": {"amount": "4800", "currency": "EUR"}, "flags": ["no-date"],
...                "flag_reasons": {}, "cap": None})
>>> row["row"], row["fine_amount"], row["fine_currency"], row["flags"], row["cap_amount"]
(3, '4800', 'EUR', 'no-date', None)
>>> out = io.StringIO()
>>> CsvWriter(out).write({"row": 3, "outcome": "within"})
>>> out.getvalue().splitlines()[0].split(",")[:4]
['source', 'row', 'id', 'outcome']
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from gdprfine.errors import DatasetError, OutputError

__all__ = ["COLUMNS", "CsvWriter", "RecordFilter", "SqliteWriter", "flatten"]

_MONEY = ("fine", "fine_in_cap_currency", "implied_minimum_turnover", "turnover")
_LISTS = ("needs", "warnings", "flags", "other_parties", "articles", "articles_unreadable")

COLUMNS: tuple[str, ...] = (
    "source", "row", "id", "outcome", "verdict", "regime", "tier",
    "cap_amount", "cap_currency", "cap_limb", "cap_lower_bound",
    "fine_amount", "fine_currency", "fine_in_cap_currency_amount", "fine_in_cap_currency_currency",
    "fine_exchange_rate", "fine_exchange_rate_rule", "fine_exchange_rate_source",
    "implied_minimum_turnover_amount", "implied_minimum_turnover_currency",
    "turnover_amount", "turnover_currency",
    "needs", "warnings", "flags", "flag_reasons", "reason", "amount_text",
    "range_low_amount", "range_high_amount", "range_currency",
    "date", "date_precision", "date_reason", "country", "authority", "controller", "other_parties",
    "articles", "articles_unreadable", "error",
)  # fmt: skip
"""The columns of a flat record row, in order."""

Cell = str | int | None


def _get(data: Mapping[str, object], key: str) -> Mapping[str, object]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int):
        return value
    return json.dumps(value, ensure_ascii=False)


def flatten(data: Mapping[str, object]) -> dict[str, Cell]:
    """One record's JSON object as a flat row with the columns of :data:`COLUMNS` (a missing
    field is None)."""
    row: dict[str, Cell] = {column: _cell(data.get(column)) for column in COLUMNS if column in data}
    for key in _MONEY:
        money = _get(data, key)
        row[f"{key}_amount"], row[f"{key}_currency"] = (
            _cell(money.get("amount")),
            _cell(money.get("currency")),
        )
    cap = _get(data, "cap")
    row["cap_amount"] = _cell(_get(cap, "amount").get("amount"))
    row["cap_currency"] = _cell(_get(cap, "amount").get("currency"))
    row["cap_limb"] = _cell(cap.get("limb"))
    lower = cap.get("lower_bound")
    row["cap_lower_bound"] = None if lower is None else int(bool(lower))
    rate = _get(data, "fine_exchange_rate")
    row["fine_exchange_rate"] = _cell(rate.get("rate"))
    row["fine_exchange_rate_rule"] = _cell(rate.get("rule"))
    row["fine_exchange_rate_source"] = _cell(rate.get("source"))
    bounds = data.get("range")
    low, high = bounds if isinstance(bounds, list) and len(bounds) == 2 else (None, None)
    row["range_low_amount"] = _cell(low.get("amount")) if isinstance(low, Mapping) else None
    row["range_high_amount"] = _cell(high.get("amount")) if isinstance(high, Mapping) else None
    row["range_currency"] = _cell(low.get("currency")) if isinstance(low, Mapping) else None
    for key in _LISTS:
        items = data.get(key)
        row[key] = "; ".join(str(item) for item in items) if isinstance(items, list) else None
    reasons = _get(data, "flag_reasons")
    row["flag_reasons"] = "; ".join(f"{flag}: {reason}" for flag, reason in reasons.items()) or None
    return {column: row.get(column) for column in COLUMNS}


class CsvWriter:
    """Write flat record rows as CSV (a header, then one row per record)."""

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
        self._header = False

    def write(self, data: Mapping[str, object]) -> None:
        """Write one record's JSON object as a row."""
        if not self._header:
            self._writer.writeheader()
            self._header = True
        self._writer.writerow(flatten(data))


_BATCH = 1_000


class SqliteWriter:
    """Write records and their flags into a new SQLite database (tables ``records`` and
    ``flags``). An existing file is refused rather than overwritten or mixed into; a run that
    fails leaves no file behind.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with SqliteWriter(os.path.join(folder, "x.db"), {"no-date": "no decision date"}) as db:
    ...     db.write({"source": "csv", "row": 1, "flags": ["no-date"], "flag_reasons": {}})
    >>> con = sqlite3.connect(os.path.join(folder, "x.db"))
    >>> con.execute("select row, flag, meaning from flags").fetchall()
    [(1, 'no-date', 'no decision date')]
    >>> con.close()
    """

    def __init__(self, path: str | Path, meanings: Mapping[str, str]) -> None:
        target = Path(path)
        if target.exists():
            raise DatasetError("sqlite", str(path), "the file exists: give a new file")
        self._path = target
        self._meanings = dict(meanings)
        try:
            self._db = sqlite3.connect(target)
        except sqlite3.Error as error:
            self._discard()
            raise OutputError("sqlite", str(path), str(error)) from None
        columns = ", ".join(f'"{column}"' for column in COLUMNS)
        with self._writing():
            self._db.execute(f"CREATE TABLE records ({columns}, PRIMARY KEY (source, row))")
            self._db.execute(
                "CREATE TABLE flags (source TEXT, row INTEGER, id TEXT, flag TEXT, reason TEXT, meaning TEXT, "
                "FOREIGN KEY (source, row) REFERENCES records (source, row))"
            )
            self._db.execute("CREATE INDEX flags_flag ON flags (flag)")
        self._insert = f"INSERT INTO records VALUES ({', '.join('?' for _ in COLUMNS)})"
        self._records: list[tuple[Cell, ...]] = []
        self._flags: list[tuple[Cell, ...]] = []

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Turn a failed write (a full disk, a file that cannot be written) into an
        :class:`OutputError`, closing the database and removing the file."""
        try:
            yield
        except sqlite3.Error as error:
            self._abort()
            raise OutputError("sqlite", str(self._path), str(error)) from None

    def _abort(self) -> None:
        """Close the database and remove it (:meth:`_discard`)."""
        self._db.close()
        self._discard()

    def _discard(self) -> None:
        """Remove what this writer created: the database and its journal."""
        for file in (self._path, self._path.with_name(self._path.name + "-journal")):
            file.unlink(missing_ok=True)

    def write(self, data: Mapping[str, object]) -> None:
        """Add one record's JSON object and its flags."""
        row = flatten(data)
        self._records.append(tuple(row[column] for column in COLUMNS))
        reasons = _get(data, "flag_reasons")
        flags = data.get("flags")
        for flag in flags if isinstance(flags, list) else []:
            reason = reasons.get(flag)
            self._flags.append(
                (
                    row["source"],
                    row["row"],
                    row["id"],
                    flag,
                    _cell(reason),
                    self._meanings.get(flag),
                )
            )
        if len(self._records) >= _BATCH:
            with self._writing():
                self._flush()

    def _flush(self) -> None:
        self._db.executemany(self._insert, self._records)
        self._db.executemany("INSERT INTO flags VALUES (?, ?, ?, ?, ?, ?)", self._flags)
        self._records.clear()
        self._flags.clear()

    def __enter__(self) -> SqliteWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            self._abort()
            return
        with self._writing():
            self._flush()
            self._db.commit()
        self._db.close()


@dataclass(frozen=True)
class RecordFilter:
    """Which records to keep, by country, year, tier, outcome and flag; an empty set keeps
    all. A record is kept when it matches every non-empty set (any of its values).

    >>> keep = RecordFilter(countries=frozenset({"PL"}), flags=frozenset({"no-date"}))
    >>> keep.matches({"country": "PL", "flags": ["no-date"], "date": None})
    True
    >>> keep.matches({"country": "PL", "flags": [], "date": "2020"})
    False
    """

    countries: frozenset[str] = field(default_factory=frozenset)
    years: frozenset[str] = field(default_factory=frozenset)
    tiers: frozenset[str] = field(default_factory=frozenset)
    outcomes: frozenset[str] = field(default_factory=frozenset)
    flags: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.countries or self.years or self.tiers or self.outcomes or self.flags)

    def matches(self, data: Mapping[str, object]) -> bool:
        """Whether a record's JSON object passes the filter."""
        if self.countries and data.get("country") not in self.countries:
            return False
        when = data.get("date")
        if self.years and (not isinstance(when, str) or when[:4] not in self.years):
            return False
        if self.tiers and data.get("tier") not in self.tiers:
            return False
        if self.outcomes and data.get("outcome") not in self.outcomes:
            return False
        flags = data.get("flags")
        return not self.flags or (isinstance(flags, list) and bool(self.flags.intersection(flags)))

    def select(self, items: Iterable[Mapping[str, object]]) -> Iterable[Mapping[str, object]]:
        """The items that pass the filter."""
        return (item for item in items if self.matches(item))
