"""The amounts corpus: press sentences in every supported language and what must be read.

The sentences live in ``tests/data/amounts/<locale>.toml`` (see the README there), so that a
linguist can extend them without reading Python. The rule: every sentence reads exactly as
stated, so no reading that is not marked unsure is wrong.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gdprfine.amounts import SUPPORTED_LOCALES, AmountMention, find_amounts

CORPUS = Path(__file__).resolve().parent / "data" / "amounts"
EU_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
    "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
)  # fmt: skip
BOUNDS = {"at_least": "at least ", "at_most": "at most ", "about": "about ", "exact": ""}


def load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8"))


FILES = sorted(CORPUS.glob("*.toml"))
SENTENCES = [
    pytest.param(data["locale"], s["text"], s["read"], id=f"{path.stem}-{i}")
    for path in FILES
    for data in [load(path)]
    for i, s in enumerate(data["sentence"])
]


def written(mention: AmountMention) -> str:
    """A mention in the corpus notation: "unsure at least EUR 2800000"."""
    amount = format(mention.money.amount.normalize(), "f")
    if "." not in amount and mention.money.amount == mention.money.amount.to_integral_value():
        amount = str(int(mention.money.amount))
    text = f"{BOUNDS[mention.bound]}{mention.money.currency} {amount}"
    return text if mention.sure else f"unsure {text}"


def value(notation: str) -> tuple[str, Decimal, bool]:
    """The currency, amount and sureness a corpus notation states."""
    *_, code, amount = notation.split()
    return code, Decimal(amount), not notation.startswith("unsure")


@pytest.mark.parametrize(("locale", "text", "expected"), SENTENCES)
def test_sentence_reads_as_stated(locale: str, text: str, expected: list[str]) -> None:
    found = find_amounts(text, locale=locale)
    assert [written(m) for m in found] == expected
    for mention in found:
        assert mention.sure == (mention.reason is None)


def test_every_eu_language_has_twenty_sentences() -> None:
    counts = {path.stem: len(load(path)["sentence"]) for path in FILES}
    short = {lang: counts.get(lang, 0) for lang in EU_LANGUAGES if counts.get(lang, 0) < 20}
    assert short == {}


def test_corpus_locales_are_supported() -> None:
    assert {load(path)["locale"].split("_")[0] for path in FILES} <= set(SUPPORTED_LOCALES)


def test_no_confident_wrong_reading() -> None:
    """Over the whole corpus: no sure reading of an amount that the sentence does not state."""
    wrong = []
    for path in FILES:
        data = load(path)
        for sentence in data["sentence"]:
            stated = {value(n)[:2] for n in sentence["read"]}
            for mention in find_amounts(sentence["text"], locale=data["locale"]):
                if mention.sure and (mention.money.currency, mention.money.amount) not in stated:
                    wrong.append((sentence["text"], written(mention)))
    assert wrong == []
