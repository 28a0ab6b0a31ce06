"""The Privacy Affairs GDPR fines tracker as TSV (format ``privacyaffairs``).

The columns are ``id, picture, name, price, authority, date, controller, article_violated,
type, source, summary``: ``name`` is the country, ``price`` is in EUR and ``0`` means "not
final", ``date`` is MM/DD/YYYY and ``01/01/1970`` means unknown.

>>> import io
>>> tsv = io.StringIO(
...     "id\\tpicture\\tname\\tprice\\tauthority\\tdate\\tcontroller\\tarticle_violated\\t"
...     "type\\tsource\\tsummary\\n"
...     "1\\t\\tPoland\\t9380\\tUODO\\t10/18/2019\\tPolish Mayor\\tArt. 28 GDPR\\t\\t\\t\\n")
>>> (record,) = read_privacy_affairs(tsv)
>>> record.country, str(record.date), record.amount.money, [str(r) for r in record.articles]
('PL', '2019-10-18', Money('9380', 'EUR'), ['Art. 28 GDPR'])
"""

from __future__ import annotations

from collections.abc import Iterator

from gdprfine.datasets.files import DatasetFormat, Source, pick_fields, table_records
from gdprfine.datasets.records import Conventions, DatasetRecord, build_record

__all__ = ["FORMAT", "PRIVACY_AFFAIRS_UNKNOWN_DATE", "read_privacy_affairs"]

PRIVACY_AFFAIRS_UNKNOWN_DATE = "01/01/1970"

_COLUMNS = {
    "fine": "price", "articles": "article_violated", "date": "date", "country": "name",
    "id": "id", "authority": "authority", "controller": "controller", "type": "type",
    "summary": "summary",
}  # fmt: skip
_CONVENTIONS = Conventions(
    slashes="mdy",
    zero_is_unknown=True,
    unknown_date=PRIVACY_AFFAIRS_UNKNOWN_DATE,
    unknown_date_reason="01/01/1970 marks an unknown date in Privacy Affairs",
)


def _record(number: int, raw: dict[str, str]) -> DatasetRecord:
    return build_record("privacyaffairs", number, raw, pick_fields(raw, _COLUMNS), _CONVENTIONS)


def read_privacy_affairs(source: Source, *, encoding: str = "utf-8") -> Iterator[DatasetRecord]:
    """Records of the Privacy Affairs tracker (TSV, streamed).

    ``price`` is in EUR, ``0`` marks a fine not yet final; ``date`` is MM/DD/YYYY and
    ``01/01/1970`` marks an unknown date.
    """
    yield from table_records(
        source, "privacyaffairs", delimiter="\t", required=("price", "name", "date"), make=_record,
        encoding=encoding, optional=_COLUMNS.values(),
    )


FORMAT = DatasetFormat(lambda source, options: read_privacy_affairs(source, encoding=options.encoding))
