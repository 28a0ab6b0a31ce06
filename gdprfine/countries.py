"""Countries: ISO 3166-1 alpha-2 codes and the names trackers write them under.

The table is the project's own data (``gdprfine/data/iso3166.json``): which codes exist and
which names map to them never depend on the installed version of another package.

>>> is_country("LU"), is_country("EU"), is_country("XX")
(True, True, False)
>>> country_code("Czech Republic"), country_code("THE NETHERLANDS"), country_code("de")
('CZ', 'NL', 'DE')
>>> country_code("Atlantis") is None
True
>>> country_name("LU")
'Luxembourg'
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from gdprfine.errors import InvalidInput

__all__ = ["country_code", "country_name", "is_country", "read_code"]


@cache
def _data() -> tuple[dict[str, str], dict[str, str]]:
    text = resources.files("gdprfine.data").joinpath("iso3166.json").read_text("utf-8")
    data = json.loads(text)
    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for section in ("countries", "reserved"):
        for code, entry in data[section].items():
            names[code] = entry["name"]
            lookup[code.casefold()] = code
            for name in (entry["name"], *entry.get("names", ())):
                lookup.setdefault(name.casefold(), code)
    for alias, code in data["aliases"].items():
        lookup[alias.casefold()] = code
    return names, lookup


def is_country(code: str) -> bool:
    """Tell whether *code* is an ISO 3166-1 alpha-2 code (assigned, or reserved as ``EU``)."""
    return code in _data()[0]


def read_code(value: object) -> str:
    """The ISO 3166-1 alpha-2 code *value* gives (case and surrounding white space do not
    matter); anything else, a country's name too, is an :class:`~gdprfine.errors.InvalidInput`.

    >>> read_code(" de ")
    'DE'
    >>> read_code("Germany")
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidInput: country: 'Germany': an ISO 3166-1 alpha-2 code such as 'DE'
    """
    if not isinstance(value, str) or not is_country(value.strip().upper()):
        raise InvalidInput("country", value, "an ISO 3166-1 alpha-2 code such as 'DE'")
    return value.strip().upper()


def country_name(code: str) -> str:
    """The ISO 3166-1 short name of a country code; a ``KeyError`` for an unknown code."""
    return _data()[0][code]


def country_code(text: str) -> str | None:
    """The alpha-2 code of a country code or English name as trackers write it, or None.

    Case and runs of white space do not matter.
    """
    return _data()[1].get(" ".join(text.split()).casefold())
