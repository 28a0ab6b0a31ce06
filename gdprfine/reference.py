"""Reference cases: a bundled, cited set of landmark GDPR fines, each a :class:`CaseRecord`.

One TOML file per decision in ``gdprfine/data/cases/``, named after the case's ``id``: the
Amazon case (CNPD, 2021) and the largest fines of the Irish,
Dutch, French and Hamburg authorities. Each record carries its sources and status history, and
tags every figure not confirmed from a primary source (``[secondary]``, ``[check]``) in its
summary, status notes and source titles. Each record whose group publishes accounts states the
group's turnover for the financial year preceding the decision, with its source; the others
give the turnover the fine implies.

>>> cases = reference_cases()
>>> [case.id for case in cases[:3]]
['cnil-google-2019', 'hmbbfdi-hm-2020', 'cnpd-amazon-2021']
>>> meta = reference_case("dpc-meta-transfers-2023")
>>> meta.fine, meta.decision_date, meta.announcement_date
(Money('1200000000', 'EUR'), datetime.date(2023, 5, 12), datetime.date(2023, 5, 22))

>>> from gdprfine.check import check_case
>>> v = check_case(meta)
>>> v.verdict, v.tier, v.implied_minimum_turnover
('within', '83(5)', Money('30000000000.00', 'EUR'))
>>> reference_case("dpc-meta-2099")
Traceback (most recent call last):
...
gdprfine.errors.LawLookupError: case: 'dpc-meta-2099': not a reference case (`gdprfine cases` lists them)
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from gdprfine.cases import CaseRecord, parse_case
from gdprfine.errors import InvalidCaseFile, LawLookupError

if TYPE_CHECKING:
    from gdprfine.check import Verdict

__all__ = ["checked_reference_cases", "reference_case", "reference_cases"]

_PACKAGE = "gdprfine.data"
_FOLDER = "cases"


@cache
def _load() -> tuple[CaseRecord, ...]:
    records: list[CaseRecord] = []
    for entry in resources.files(_PACKAGE).joinpath(_FOLDER).iterdir():
        if not entry.name.endswith(".toml"):
            continue
        origin = f"{_PACKAGE}/{_FOLDER}/{entry.name}"
        try:
            data = tomllib.loads(entry.read_text("utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise InvalidCaseFile(origin, "TOML", " ".join(str(error).split())) from None
        case = parse_case(data, origin=origin)
        if case.id != entry.name.removesuffix(".toml"):
            raise InvalidCaseFile(f"{origin}: id", case.id, "the id must be the file's name")
        records.append(case)
    return tuple(sorted(records, key=lambda case: (case.decision_date, case.id)))


@cache
def _index() -> dict[str, CaseRecord]:
    return {case.id: case for case in _load()}


def reference_cases() -> list[CaseRecord]:
    """The bundled reference cases, sorted by decision date (then id).

    The files are read once; each call returns a new list of the same frozen records.
    """
    return list(_load())


def reference_case(case_id: str) -> CaseRecord:
    """The reference case with this id.

    Raises :class:`~gdprfine.errors.LawLookupError` (a :class:`LookupError`) for an unknown id.
    """
    try:
        return _index()[case_id]
    except KeyError:
        raise LawLookupError(
            "case", case_id, "not a reference case (`gdprfine cases` lists them)"
        ) from None


def checked_reference_cases() -> list[tuple[CaseRecord, Verdict]]:
    """Every reference case with its check, in the order of :func:`reference_cases`.

    >>> [(case.id, verdict.verdict) for case, verdict in checked_reference_cases()][2]
    ('cnpd-amazon-2021', 'within')
    """
    from gdprfine.check import check_case

    return [(case, check_case(case)) for case in reference_cases()]
