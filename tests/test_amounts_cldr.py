"""The CLDR words the amount reader uses are the project's own record (``cldr.json``), not the
installed babel's: the record names the babel release it was written from, and holds what that
release gives."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import babel
import pytest
from babel import Locale

from gdprfine import amounts
from gdprfine.amounts import SUPPORTED_LOCALES, find_amounts
from gdprfine.money import Money

ROOT = Path(__file__).resolve().parent.parent


def record() -> dict[str, Any]:
    text = resources.files("gdprfine.data").joinpath("amounts", "cldr.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_the_record_names_its_source_and_holds_every_supported_locale() -> None:
    data = record()
    assert data["source"] == f"Unicode CLDR {data['cldr']}, as shipped with babel {data['babel']}"
    assert list(data["locales"]) == list(SUPPORTED_LOCALES)
    for tag, entry in data["locales"].items():
        loc, language = amounts._parse_locale(tag)
        assert (entry["identifier"], entry["language"]) == (str(loc), language) == (tag, language)
        assert entry["scales"], tag
        assert entry["names"], tag


def test_the_record_holds_what_its_babel_release_gives() -> None:
    data = record()
    if babel.__version__ != data["babel"]:
        pytest.skip(
            f"cldr.json records babel {data['babel']}, babel {babel.__version__} is installed: "
            "run scripts/update_cldr_amounts.py --check to see what changed"
        )
    for tag in SUPPORTED_LOCALES:
        scales, names = amounts._babel_words(Locale.parse(tag))
        assert amounts._cldr_words(tag) == (scales, names), tag


def test_the_script_finds_the_record_up_to_date() -> None:
    if babel.__version__ != record()["babel"]:
        pytest.skip("another babel release is installed")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_cldr_amounts.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "holds what babel" in done.stdout


def test_a_regional_locale_takes_the_installed_babel_s_words() -> None:
    """A locale the record does not hold ("de_AT") is read with the installed babel's CLDR words."""
    data = amounts._locale("de_AT")
    assert (data.name, data.language, data.cldr_source) == (
        "de_AT",
        "de",
        f"babel {babel.__version__}",
    )
    assert amounts._locale("de").cldr_source == f"babel {record()['babel']}"
    (mention,) = find_amounts("35,3 Millionen Euro", locale="de_AT")
    assert (mention.money, mention.sure) == (Money("35300000", "EUR"), True)


def test_a_locale_name_with_a_hyphen_is_the_record_s() -> None:
    assert amounts._identify("zh-Hant") == ("zh_Hant", "zh")
    assert amounts._identify("no") == ("no", "nb")


def test_reading_amounts_does_not_load_babel() -> None:
    code = (
        "import sys; from gdprfine.amounts import find_amounts, parse_amount; "
        "find_amounts('a fine of 746 miljoen euro', locale='nl'); "
        "parse_amount('1,5 Mio. EUR', locale='de'); print('babel' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_each_entry_read_alone_is_the_records() -> None:
    data = record()
    for tag in [*SUPPORTED_LOCALES, "de_AT", "about", "identifier", "babel"]:
        assert amounts._cldr_entry(tag, locale=True) == data["locales"].get(tag), tag
    for key in data:
        if key != "locales":
            assert amounts._cldr_entry(key, locale=False) == data[key], key


def test_an_entry_of_a_record_laid_out_otherwise_is_read_from_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = record()
    amounts._cldr_entry.cache_clear()
    amounts._cldr_snapshot.cache_clear()
    monkeypatch.setattr(amounts, "_cldr_text", lambda: json.dumps(data))
    try:
        assert amounts._cldr_entry("en", locale=True) == data["locales"]["en"]
        assert amounts._cldr_entry("babel", locale=False) == data["babel"]
    finally:
        amounts._cldr_entry.cache_clear()
        amounts._cldr_snapshot.cache_clear()
