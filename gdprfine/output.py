r"""The JSON layer: every JSON document gdprfine writes has one shape and a schema version.

A money value is ``{"amount": "746000000", "currency": "EUR"}`` (a decimal string, never a JSON
number); a cap is the :class:`~gdprfine.caps.Cap` model, a rate the
:class:`~gdprfine.money.ExchangeRate` model, a trace step the
:class:`~gdprfine.trace.TraceStep` model, each as its ``model_dump(mode="json")`` gives it.
:func:`document` puts :data:`SCHEMA_VERSION` at the top of a document; :func:`dumps` and
:func:`dumps_line` write one.

>>> from gdprfine.money import Money
>>> document({"fine": Money("746000000", "EUR")})
{'schema_version': '2', 'fine': {'amount': '746000000', 'currency': 'EUR'}}
>>> print(dumps_line({"a": "S.à r.l."}), dumps_line({"a": "S.à r.l."}, ascii_only=True))
{"a": "S.à r.l."} {"a": "S.\u00e0 r.l."}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

__all__ = ["SCHEMA_VERSION", "document", "dumps", "dumps_line", "jsonable"]

SCHEMA_VERSION = "2"
"""The version of gdprfine's JSON output contract (README, "JSON output"). It changes when a
key is renamed or removed or a value changes shape; new keys may be added within a version."""


_PLAIN = frozenset({str, int, bool, type(None)})


def jsonable(value: Any) -> Any:
    """*value* as JSON-ready data: pydantic models through their JSON dump, recursively.

    The plain types are told apart by their exact type first: a batch writes a million of
    these, and an abstract ``Mapping`` test costs several times a type lookup.
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {
            key if type(key) is str else str(key): item if type(item) in _PLAIN else jsonable(item)
            for key, item in value.items()
        }
    if kind is list or kind is tuple:
        return [item if type(item) in _PLAIN else jsonable(item) for item in value]
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def document(payload: BaseModel | Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """A JSON document: ``schema_version`` first, then *extra*, then the payload's keys."""
    body = jsonable(payload)
    return {"schema_version": SCHEMA_VERSION, **jsonable(extra), **body}


def dumps(data: Any, *, ascii_only: bool = False) -> str:
    """A document as indented JSON text."""
    return json.dumps(jsonable(data), ensure_ascii=ascii_only, indent=2)


_LINE = json.JSONEncoder(ensure_ascii=False)
_LINE_ASCII = json.JSONEncoder(ensure_ascii=True)


def dumps_line(data: Any, *, ascii_only: bool = False, ready: bool = False) -> str:
    """One JSON Lines record, on one line. *ready* says *data* is JSON-ready already (only
    dicts, lists, strings, numbers, booleans and None, as a record's ``json_dict()`` is), so
    it is written as it is.

    >>> dumps_line({"amount": "1", "flags": []}, ready=True)
    '{"amount": "1", "flags": []}'
    """
    encoder = _LINE_ASCII if ascii_only else _LINE
    return encoder.encode(data if ready else jsonable(data))
