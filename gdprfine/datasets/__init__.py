"""Records of whole enforcement datasets, streamed from the files trackers and teams publish.

Each format is read by a module of this package, by a generator that yields one
:class:`DatasetRecord` per record; :data:`REGISTRY` maps a format's id to its reader, and
:func:`read_dataset` reads any of them:

- ``cms`` (:mod:`~gdprfine.datasets.cms`): the CMS GDPR Enforcement Tracker export, a JSON
  object holding one list of 13-field rows; loaded whole, yielded one record at a time.
- ``privacyaffairs`` (:mod:`~gdprfine.datasets.privacyaffairs`): the Privacy Affairs tracker
  as TSV; ``price`` is in EUR and ``0`` means "not final", ``date`` is MM/DD/YYYY and
  ``01/01/1970`` means unknown.
- ``gdprhub`` (:mod:`~gdprfine.datasets.gdprhub`): GDPRhub's CSV export (``Fine`` such as
  ``10000 RON``, ``500000 £`` or a bare ``3000000``, ``Date of decision`` as DD.MM.YYYY).
- ``csv`` and ``jsonl`` (:mod:`~gdprfine.datasets.mapped`): any CSV (or TSV) file or JSON
  Lines file, with a mapping from the record's fields (``fine``, ``articles``, ``date``,
  ``turnover``, ...) to the file's columns or keys.

The record and its field readers are in :mod:`~gdprfine.datasets.records`, opening files and
reading table rows in :mod:`~gdprfine.datasets.files`. Adding a format is one module that
defines its ``FORMAT`` (a :class:`DatasetFormat`) and one line in :data:`REGISTRY` (and the
id in :data:`Format`).

CSV, TSV and JSON Lines are read line by line: memory does not grow with the file. Nothing a
record holds stops the reading: a value that cannot be read is kept with the reason (an
amount of ``Unknown``, ``Only intention to issue fine``, a range, a date of ``xx.yy.2019``,
an article list of ``Unknown``), and a record that is broken as a whole (a JSON Lines line that
is not a JSON object, a CSV row with the wrong number of cells) is yielded with ``error`` set.

>>> import io
>>> tsv = io.StringIO(
...     "id\\tpicture\\tname\\tprice\\tauthority\\tdate\\tcontroller\\tarticle_violated\\t"
...     "type\\tsource\\tsummary\\n"
...     "1\\t\\tPoland\\t9380\\tUODO\\t10/18/2019\\tPolish Mayor\\tArt. 28 GDPR\\t\\t\\t\\n")
>>> (record,) = read_dataset(tsv, "privacyaffairs")
>>> record.country, str(record.date), record.amount.money, [str(r) for r in record.articles]
('PL', '2019-10-18', Money('9380', 'EUR'), ['Art. 28 GDPR'])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal

from gdprfine.datasets import cms, gdprhub, mapped, privacyaffairs
from gdprfine.datasets.cms import read_cms
from gdprfine.datasets.files import DatasetFormat, ReadOptions, Source, open_dataset, undecodable
from gdprfine.datasets.gdprhub import read_gdprhub
from gdprfine.datasets.mapped import COLUMN_FIELDS, read_csv, read_jsonl
from gdprfine.datasets.privacyaffairs import read_privacy_affairs
from gdprfine.datasets.records import (
    DatasetRecord,
    DateReading,
    country_code,
    read_amount,
    read_date,
)
from gdprfine.errors import DatasetError

__all__ = [
    "COLUMN_FIELDS",
    "FORMATS",
    "REGISTRY",
    "DatasetError",
    "DatasetFormat",
    "DatasetRecord",
    "DateReading",
    "Format",
    "ReadOptions",
    "Source",
    "country_code",
    "open_dataset",
    "read_amount",
    "read_cms",
    "read_csv",
    "read_dataset",
    "read_date",
    "read_gdprhub",
    "read_jsonl",
    "read_privacy_affairs",
    "undecodable",
]

Format = Literal["cms", "privacyaffairs", "gdprhub", "csv", "jsonl"]

REGISTRY: dict[Format, DatasetFormat] = {
    "cms": cms.FORMAT,
    "privacyaffairs": privacyaffairs.FORMAT,
    "gdprhub": gdprhub.FORMAT,
    "csv": mapped.CSV,
    "jsonl": mapped.JSONL,
}
"""Each dataset format's id and its reader."""

FORMATS: tuple[Format, ...] = tuple(REGISTRY)
"""The dataset formats :func:`read_dataset` reads."""


def read_dataset(
    source: Source,
    fmt: Format,
    *,
    columns: Mapping[str, str] | None = None,
    locale: str = "en",
    currency: str = "EUR",
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Iterator[DatasetRecord]:
    """Records of a dataset in format *fmt* (one of :data:`FORMATS`).

    *columns*, *locale*, *currency* and *delimiter* apply to ``csv`` and ``jsonl``; the tracker
    formats fix their own. *encoding* is the file's text encoding (UTF-8 by default): a file
    that does not decode in it is a :class:`DatasetError` naming the line. Errors that concern the whole file (it cannot be opened, a column is
    missing from the header, a bad option) are raised as :class:`DatasetError` before the first
    record.

    >>> next(read_dataset("no-such-file.csv", "csv", columns={"fine": "x"}))
    Traceback (most recent call last):
    ...
    gdprfine.errors.DatasetError: file: 'no-such-file.csv': No such file or directory
    """
    reader = REGISTRY.get(fmt)
    if reader is not None and reader.mapped:
        if not columns:
            raise DatasetError("column", None, f"the {fmt} format needs a column mapping, e.g. fine=Amount")
    elif columns:
        raise DatasetError("column", None, f"the {fmt} format has fixed columns; a mapping is for csv and jsonl")
    if reader is None:
        raise DatasetError("format", fmt, f"one of {', '.join(FORMATS)}")
    return reader.read(source, ReadOptions(dict(columns or {}), locale, currency, delimiter, encoding))
