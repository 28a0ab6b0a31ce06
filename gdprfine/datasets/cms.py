"""The CMS GDPR Enforcement Tracker export (format ``cms``).

The export is a JSON object with one key whose value is a list of 13-field rows (``["", ETid,
country (HTML), authority, date, fine EUR (text), controller, sector, quoted articles, type,
summary, source (HTML), permalink (HTML)]``). It is one JSON document, which the standard
library cannot parse piece by piece, so this reader loads it whole (the export holds a few
thousand rows); the records are still yielded one at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

from gdprfine.datasets.files import DatasetFormat, Source, read_document, source_name
from gdprfine.datasets.records import (
    RECORD_FIELDS,
    Conventions,
    DatasetRecord,
    RecordReader,
    broken_record,
    text_of,
)
from gdprfine.errors import DatasetError
from gdprfine.inputs import exact_json_decoder

__all__ = ["CMS_FIELDS", "FORMAT", "read_cms"]

CMS_FIELDS: tuple[str, ...] = (
    "", "id", "country", "authority", "date", "fine", "controller", "sector", "articles", "type",
    "summary", "source", "permalink",
)  # fmt: skip
"""The names given to the fields of a row, in order (the first is always empty)."""

_READER = RecordReader(Conventions())


def read_cms(source: Source, *, encoding: str = "utf-8") -> Iterator[DatasetRecord]:
    """Records of a CMS Enforcement Tracker export (JSON; read whole, at most
    :data:`~gdprfine.datasets.files.MAX_DOCUMENT_CHARS` characters, yielded one by one).

    >>> import io, json
    >>> row = ["", "ETid-2", "<img alt='AUSTRIA'><br />AUSTRIA", "DSB", "2018", "1,800",
    ...        "Kebab restaurant", "Accomodation and Hospitalty", "Art. 5 GDPR, Art. 13 GDPR",
    ...        "Insufficient legal basis", "CCTV", "", ""]
    >>> (r,) = read_cms(io.StringIO(json.dumps({"data": [row]})))
    >>> r.id, r.country, str(r.date), r.date.precision, r.amount.money, len(r.articles)
    ('ETid-2', 'AT', '2018', 'year', Money('1800', 'EUR'), 2)
    """
    name = source_name(source)
    text = read_document(source, encoding)
    try:
        data = exact_json_decoder().decode(text)
    except (ValueError, RecursionError) as error:
        raise DatasetError("file", name, f"not a JSON document: {error}") from None
    del text
    if isinstance(data, dict) and len(data) == 1:
        (data,) = data.values()
    if not isinstance(data, list):
        raise DatasetError("file", name, "a CMS export is a JSON object holding one list of rows")
    for number, row in enumerate(data, 1):
        if not isinstance(row, list) or len(row) < 10:
            yield broken_record(
                "cms", number, "not a row of the CMS export (a list of 13 fields)", {"row": row}
            )
            continue
        raw = dict(zip(CMS_FIELDS, [cell if cell.__class__ is str else text_of(cell) for cell in row], strict=False))
        yield _READER.read("cms", number, raw, [raw.get(name, "") for name in RECORD_FIELDS])


FORMAT = DatasetFormat(lambda source, options: read_cms(source, encoding=options.encoding))
