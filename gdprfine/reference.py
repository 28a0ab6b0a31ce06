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
from collections.abc import Iterator
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from gdprfine.errors import InvalidCaseFile, LawLookupError
from gdprfine.money import Money

if TYPE_CHECKING:
    from gdprfine.cases import CaseRecord
    from gdprfine.check import Verdict

__all__ = ["checked_reference_cases", "reference_case", "reference_cases", "reference_fines"]

_PACKAGE = "gdprfine.data"
_FOLDER = "cases"


def _case_files() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each bundled case file: where it is, the id its name gives, and its TOML data."""
    for entry in resources.files(_PACKAGE).joinpath(_FOLDER).iterdir():
        if not entry.name.endswith(".toml"):
            continue
        origin = f"{_PACKAGE}/{_FOLDER}/{entry.name}"
        try:
            data = tomllib.loads(entry.read_text("utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise InvalidCaseFile(origin, "TOML", " ".join(str(error).split())) from None
        yield origin, entry.name.removesuffix(".toml"), data


@cache
def _load() -> tuple[CaseRecord, ...]:
    from gdprfine.cases import parse_case

    records: list[CaseRecord] = []
    for origin, name, data in _case_files():
        case = parse_case(data, origin=origin)
        if case.id != name:
            raise InvalidCaseFile(f"{origin}: id", case.id, "the id must be the file's name")
        records.append(case)
    return tuple(sorted(records, key=lambda case: (case.decision_date, case.id)))


@cache
def reference_fines() -> tuple[tuple[date, str, Money], ...]:
    """The decision date, id and fine of each reference case, in the cases' order (the order
    of :func:`reference_cases`). Read from each file's ``decision_date``, ``id`` and ``fine =
    { amount = ..., currency = ... }`` without loading the cases, when every file writes them
    so; from the loaded cases otherwise.

    >>> reference_fines()[0]
    (datetime.date(2019, 1, 21), 'cnil-google-2019', Money('50000000', 'EUR'))
    """
    fines = _fines_from_files()
    if fines is None:
        fines = [(case.decision_date, case.id, case.fine) for case in _load()]
    return tuple(sorted(fines, key=lambda item: (item[0], item[1])))


def _fines_from_files() -> list[tuple[date, str, Money]] | None:
    fines = []
    for _, _, data in _case_files():
        day, case_id, fine = data.get("decision_date"), data.get("id"), data.get("fine")
        if not (type(day) is date and isinstance(case_id, str) and isinstance(fine, dict)):
            return None
        if fine.keys() != {"amount", "currency"} or not isinstance(fine["amount"], str):
            return None
        fines.append((day, case_id, Money(fine["amount"], fine["currency"])))
    return fines


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
