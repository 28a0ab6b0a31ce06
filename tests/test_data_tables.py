"""The project's JSON tables (ISO 4217, ISO 3166-1): laid out as ``scripts/json_table.py`` writes
them, and holding what their readers expect."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from gdprfine.countries import country_code, is_country
from gdprfine.money import is_currency, minor_unit_digits

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "gdprfine" / "data"
TABLES = {"iso4217.json": ("active", "historic"), "iso3166.json": ("countries", "reserved", "aliases")}


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _table(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text("utf-8"))
    return data


@pytest.mark.parametrize(("name", "sections"), TABLES.items())
def test_a_table_is_laid_out_as_its_script_writes_it(name: str, sections: tuple[str, ...]) -> None:
    text = (DATA / name).read_text("utf-8")
    data = json.loads(text)
    assert _script("json_table").dumps(data, sections) == text
    assert set(data) == {"about", "sources", *sections}


def test_the_iso_4217_table() -> None:
    data = _table("iso4217.json")
    for section in ("active", "historic"):
        for code, entry in data[section].items():
            assert re.fullmatch("[A-Z]{3}", code), code
            assert re.fullmatch("[0-9]{3}", entry["numeric"]), code
            assert entry["minor"] == "N.A." or entry["minor"] in range(5), code
            assert is_currency(code)
            assert minor_unit_digits(code) == (entry["minor"] if entry["minor"] != "N.A." else minor_unit_digits("XAU"))
    for code, entry in data["historic"].items():
        assert date.fromisoformat(entry["withdrawn"]) < date(2027, 1, 1), code
        assert code not in data["active"]


def test_the_iso_3166_table() -> None:
    data = _table("iso3166.json")
    assert len(data["countries"]) == 249
    for section in ("countries", "reserved"):
        for code, entry in data[section].items():
            assert re.fullmatch("[A-Z]{2}", code), code
            assert is_country(code)
            assert country_code(entry["name"]) == code or entry["name"].casefold() in data["aliases"]
    for alias, code in data["aliases"].items():
        assert alias == alias.casefold()
        assert country_code(alias) == code
