"""GDPRhub's CSV export (format ``gdprhub``).

The columns read are ``Decision by``, ``Case number/name``, ``Jurisdiction`` (the country),
``Date of decision`` as DD.MM.YYYY, ``Relevant GDPR articles`` (``5(1)(f), 32``), ``Type of
decision & outcome``, ``Fine`` such as ``10000 RON``, ``500000 £`` or a bare ``3000000``, and
``Parties``; the others are kept in ``raw``.
"""

from __future__ import annotations

from collections.abc import Iterator

from gdprfine.datasets.files import DatasetFormat, Source, pick_fields, table_records
from gdprfine.datasets.records import Conventions, DatasetRecord, build_record

__all__ = ["FORMAT", "read_gdprhub"]

_COLUMNS = {
    "fine": "Fine", "articles": "Relevant GDPR articles", "date": "Date of decision",
    "country": "Jurisdiction", "id": "Case number/name", "authority": "Decision by",
    "controller": "Parties", "type": "Type of decision & outcome", "summary": "Summary",
}  # fmt: skip
_CONVENTIONS = Conventions(slashes="dmy", currency_known=False)


def _record(number: int, raw: dict[str, str]) -> DatasetRecord:
    return build_record("gdprhub", number, raw, pick_fields(raw, _COLUMNS), _CONVENTIONS)


def read_gdprhub(source: Source, *, encoding: str = "utf-8") -> Iterator[DatasetRecord]:
    """Records of GDPRhub's CSV export (streamed).

    A fine written as a bare number (``3000000``) has no stated currency: it is read as EUR and
    the record says the currency was assumed.

    >>> import io
    >>> text = ("Decision by,Case number/name,Jurisdiction,Date of decision,Relevant GDPR articles,"
    ...         "Relevant EU laws,Relevant national/other laws,Type of decision & outcome,Fine,"
    ...         "Parties,Contributor,Summary\\n"
    ...         "ANSPDCP,1/2020,Romania,17.03.2020,\\"5(1)(f), 32\\",,,Fine,10000 RON,Bank,,\\n")
    >>> (r,) = read_gdprhub(io.StringIO(text))
    >>> r.country, str(r.date), r.amount.money, [str(a) for a in r.articles]
    ('RO', '2020-03-17', Money('10000', 'RON'), ['Art. 5(1)(f)', 'Art. 32'])
    """
    yield from table_records(
        source, "gdprhub", delimiter=",", required=("Fine", "Jurisdiction", "Date of decision"),
        make=_record, encoding=encoding, optional=_COLUMNS.values(),
    )  # fmt: skip


FORMAT = DatasetFormat(lambda source, options: read_gdprhub(source, encoding=options.encoding))
