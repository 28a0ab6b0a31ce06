"""The shortcuts of gdprfine.amounts find what the plain searches find.

A number in words is tried only where a number word or an article can start, a currency or
a hedge before an amount is searched for only as far back as the longest one can reach (and a
hedge or a range only when the words before the amount can end one), and an ISO 4217 code is
matched as any three capitals and checked after. Each shortcut only skips
offsets where no match can start, or matches that the plain search would not make: these tests
compare it with the plain search, on chosen and generated texts, in every language it applies
to.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gdprfine import amounts
from gdprfine.amounts import SUPPORTED_LOCALES, AmountMention, find_amounts
from gdprfine.money import Money

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
LANGUAGES = sorted({tag.split("_")[0] for tag in SUPPORTED_LOCALES})
FAST = [tag for tag in SUPPORTED_LOCALES if amounts._locale(tag).spelled_starts is not None]


def words_of(tag: str) -> list[str]:
    """Every word of a language's data that can start or stop a match, with the currencies."""
    own = amounts._language_file(tag.split("_")[0])
    words = [*own["scales"], *own.get("numbers", {}), *own.get("articles", ())]
    words += [*own.get("joiners", ()), *own.get("unit_joiners", ()), *own.get("connectors", ())]
    words += [w for names in own["currencies"].values() for w in names]
    words += [p for kind in own.get("hedges", {}).values() for p in kind]
    words += [w for kind in own.get("ranges", {}).values() for w in kind]
    return words


FILLERS = [
    " ", "  ", "\u00a0", "\u202f \u2009", "-", ".", ",", "(", "\n", "'", "0", "12", "4,800",
    "1.500.000", "2018", "EUR", "XYZ", "DSG", "ABCD", "USDEUR", "of", "the", "x", "é", "Ñ", "ß",
    "Σ", "\u0130", "\u0131", "\u017f", "\u212a", "€", "$",
]  # fmt: skip


@st.composite
def texts(draw: st.DrawFn, tag: str) -> str:
    """Texts of a language's words in any case, numbers, spaces, punctuation and the letters
    that match ASCII letters when case is ignored."""
    pieces = st.one_of(st.sampled_from(words_of(tag)), st.sampled_from(FILLERS))
    cased = pieces.flatmap(lambda w: st.sampled_from([w, w.upper(), w.title(), w.swapcase()]))
    parts = draw(st.lists(st.tuples(cased, st.sampled_from(["", " ", " ", "  "])), max_size=14))
    return "".join(piece + space for piece, space in parts)


def test_the_letters_of_unusual_case_are_all_known() -> None:
    """Only these letters outside ASCII match an ASCII letter when case is ignored, and only
    U+0130 becomes two characters in lower case: the shortcuts rely on it."""
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    found = {
        chr(code) for code in range(128, sys.maxunicode + 1) if ascii_letter.fullmatch(chr(code))
    }
    longer = {chr(code) for code in range(sys.maxunicode + 1) if len(chr(code).lower()) != 1}
    assert found == set(amounts.UNUSUAL_CASE)
    assert longer == {"\u0130"}


def test_the_shortcut_for_numbers_in_words_applies_to_english() -> None:
    assert "en" in FAST


def spelled_plain(tag: str, text: str) -> list[tuple[int, int]]:
    pattern = amounts._locale(tag).spelled_re
    assert pattern is not None
    if text.lower() == text.upper():
        return []
    return [m.span() for m in pattern.finditer(text)]


def spelled_fast(tag: str, text: str) -> list[tuple[int, int]]:
    data = amounts._locale(tag)
    assert data.spelled_re is not None
    return [m.span() for m in amounts._spelled(text, data)]


@given(data=st.data())
def test_numbers_in_words_are_found_as_by_the_plain_search(data: st.DataObject) -> None:
    tag = data.draw(st.sampled_from(FAST))
    text = data.draw(texts(tag))
    assert spelled_fast(tag, text) == spelled_plain(tag, text)


@pytest.mark.parametrize(
    "text",
    [
        "A fine of one hundred and twenty thousand euros",
        "a Million EUROS, an estimated two billion",
        "someone often wrote ten-thousand; (five) 5 million",
        "\u0130\u0131 ONE \u017fix \u212aILO two",
        "Σ one hundred Ñ a\u00a0million",
        "fifty\u00a0five",
        "",
    ],
)
def test_numbers_in_words_in_chosen_texts(text: str) -> None:
    for tag in FAST:
        assert spelled_fast(tag, text) == spelled_plain(tag, text), tag


def ends(text: str) -> Iterator[tuple[int, int]]:
    for end in range(len(text) + 1):
        yield max(0, end - 40), end


@given(data=st.data())
@example(data=None)
def test_a_currency_or_a_hedge_before_an_amount_is_found_as_by_the_plain_search(
    data: st.DataObject | None,
) -> None:
    tag = data.draw(st.sampled_from(SUPPORTED_LOCALES)) if data is not None else "en"
    locale = amounts._locale(tag)
    text = (
        data.draw(texts(tag)) if data is not None else "more  than\u00a0 EUR  1; US \u00a0 dollar 2"
    )
    for start, end in ends(text):
        near = amounts._nearest(text, start, end, locale.pre_letters)
        plain = locale.pre_full_re.search(text, start, end)
        fast = amounts._currency_before(text, near, end, locale)
        assert (plain and plain.span("cur")) == (fast and fast.span("cur"))
        plain, fast = (
            locale.post_full_re.match(text, end),
            amounts._currency_after(text, end, locale),
        )
        assert (plain and (plain.end(), plain.span("cur"))) == (
            fast and (fast.end(), fast.span("cur"))
        )
        if locale.hedge_re is not None:
            near = amounts._nearest(text, start, end, locale.hedge_letters)
            plain, fast = (
                locale.hedge_re.search(text, start, end),
                locale.hedge_re.search(text, near, end),
            )
            assert (plain and plain.span()) == (fast and fast.span())
            if plain is not None:
                assert amounts._may_end(text, near, end, locale.sources.hedge_ends)
        if locale.range_re is not None and locale.range_re.search(text, start, end) is not None:
            assert amounts._may_end(text, start, end, locale.sources.range_ends)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_scale_table_read_alone_is_the_files(language: str) -> None:
    assert amounts._scale_table(language) == amounts._language_file(language)["scales"]


@pytest.mark.parametrize(
    "table",
    [
        '[scales]  # words\n"Mio." = 6\n\n# more\n"Mrd" = 9  # short\n',
        '[scales]\n"Mio." = 6\nmln = 6\n',  # a bare key: read by tomllib
        '[scales]\n"Mio." = 6\n"Mrd" = 0x9\n',
        '[scales]\n"Mio\\u002e" = 6\n',
    ],
)
@pytest.mark.parametrize("before", ['language = "xx"\n', "", '# [scales] follows\nlanguage = "xx"\n'])
def test_the_scale_table_read_alone_is_what_tomllib_reads(
    table: str, before: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = f'{before}{table}\n[currencies]\nEUR = ["euro"]\n'
    monkeypatch.setattr(amounts, "_language_text", lambda language: text)
    amounts._scale_table.cache_clear()
    try:
        assert amounts._scale_table("xx") == tomllib.loads(text)["scales"]
    finally:
        amounts._scale_table.cache_clear()


def corpus() -> list[tuple[str, str]]:
    """The amounts corpus, and the summaries and fine fields of the shared trackers."""
    found = []
    for path in sorted((ROOT / "tests" / "data" / "amounts").glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        found += [(data["locale"], sentence["text"]) for sentence in data["sentence"]]
    cms = SHARED_DATA / "cms-enforcementtracker-2024-03.json"
    if cms.is_file():
        (rows,) = json.loads(cms.read_text("utf-8")).values()
        found += [("en", str(row[i])) for row in rows for i in (5, 10)]
    affairs = SHARED_DATA / "privacyaffairs-gdpr-violations-2020.tsv"
    if affairs.is_file():
        with affairs.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        found += [("en", row[key]) for row in rows for key in ("price", "summary")]
    return found


def test_every_reading_is_the_one_without_shortcuts(monkeypatch: pytest.MonkeyPatch) -> None:
    texts_ = corpus()
    fast = [find_amounts(text, locale=tag) for tag, text in texts_]
    amounts._locale.cache_clear()
    monkeypatch.setattr(amounts, "_spelled_starts", lambda own: None)
    monkeypatch.setattr(amounts, "_nearest", lambda text, start, end, letters: start)
    monkeypatch.setattr(amounts, "_may_end", lambda text, start, end, phrases: True)
    monkeypatch.setattr(
        amounts,
        "_currency_before",
        lambda text, pos, end, data: data.pre_full_re.search(text, pos, end),
    )
    monkeypatch.setattr(
        amounts, "_currency_after", lambda text, end, data: data.post_full_re.match(text, end)
    )
    try:
        plain = [find_amounts(text, locale=tag) for tag, text in texts_]
    finally:
        amounts._locale.cache_clear()
    assert fast == plain


@pytest.mark.parametrize(
    "text",
    [
        "Art. 5 DSG", "DSG 5", "5 XYZ EUR", "XYZ€5", "EUR5 ABC", "5 millions d'XYZ", "5 de XYZ",
        "ABC\u00a0EUR 7", "7-ABC", "USDEUR 5", "5 USDEUR", "EUR 5 DSGVO", "5 EUR", "DKK5",
        "EUR\u202f5", "5 - EUR", "5 DE EUROS", "5 d’ EUR", "5 de  euros", "5-de euros", "5 deEUR",
    ],
)  # fmt: skip
def test_a_currency_next_to_a_number_in_chosen_texts(text: str) -> None:
    """Three capitals that are no ISO 4217 code, before and after a number, in every language."""
    for tag in SUPPORTED_LOCALES:
        locale = amounts._locale(tag)
        for match in re.finditer("[0-9]+", text):
            start, end = match.span()
            plain = locale.pre_full_re.search(text, 0, start)
            fast = amounts._currency_before(text, 0, start, locale)
            assert (plain and plain.span("cur")) == (fast and fast.span("cur")), tag
            plain = locale.post_full_re.match(text, end)
            fast = amounts._currency_after(text, end, locale)
            assert (plain and (plain.end(), plain.span("cur"))) == (
                fast and (fast.end(), fast.span("cur"))
            ), tag


def test_the_amounts_built_without_validation_are_what_validation_builds() -> None:
    """The reader builds the amounts of its mentions with ``trusted``: each is what Money's
    own validation makes of the same values, and so is each mention, with every field set."""
    found = [m for tag, text in corpus()[:3000] for m in find_amounts(text, locale=tag)]
    assert len(found) > 100
    for mention in found:
        again = AmountMention(**dict(mention))
        assert again == mention
        assert again.model_fields_set == mention.model_fields_set == set(AmountMention.model_fields)
        for money in (mention.money, mention.alternative):
            if money is not None:
                assert Money(money.amount, money.currency) == money
                assert money.model_fields_set == {"amount", "currency"}
    assert [m.model_dump_json() for m in found[:50]] == [
        AmountMention(**dict(m)).model_dump_json() for m in found[:50]
    ]


@given(data=st.data())
def test_a_range_before_an_amount_is_looked_for_wherever_the_plain_search_finds_one(
    data: st.DataObject,
) -> None:
    tag = data.draw(st.sampled_from([t for t in SUPPORTED_LOCALES if amounts._locale(t).range_re]))
    locale = amounts._locale(tag)
    ranges = amounts._language_file(tag.split("_")[0])["ranges"]
    cased = st.sampled_from([str.lower, str.upper, str.title, str.swapcase])
    spaces = st.sampled_from([" ", "  ", "\u00a0", " \u202f", "\u2009"])
    words = [
        data.draw(st.sampled_from(FILLERS)) + " ",
        data.draw(cased)(data.draw(st.sampled_from(ranges["between"]))),
        data.draw(spaces),
        data.draw(st.sampled_from(["5", "EUR 5", "€5 million", "x5"])),
        data.draw(spaces),
        data.draw(cased)(data.draw(st.sampled_from(ranges["and"]))),
        data.draw(st.sampled_from(["", " ", "  ", "\u00a0"])),
    ]
    text = "".join(words)
    pattern = locale.range_re
    assert pattern is not None
    for start in range(len(text)):
        if pattern.search(text, start, len(text)) is not None:
            assert amounts._may_end(text, start, len(text), locale.sources.range_ends)
    assert not text.isascii() or pattern.search(text, 0, len(text)) is not None


def _trie_node_by_node(words: list[str], boundary: bool, lower: bool) -> str:
    """:func:`amounts._trie_re` built one node at a time."""
    trie = amounts._trie(words, lower=lower)

    def build(node: dict[str, Any]) -> str:
        keys = sorted(k for k in node if k)
        alts = [(f"{amounts._SPACE}+" if ch == " " else re.escape(ch)) + build(node[ch]) for ch in keys]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" not in node:
            return body
        atom = len(alts) > 1 or (keys[0] != " " and body == re.escape(keys[0]))
        return f"{body}?" if atom else f"(?:{body})?"

    if not trie:
        return "(?!)"
    return f"(?:{build(trie)})" + (amounts._LETTER_AFTER if boundary else "")


@pytest.mark.parametrize("tag", SUPPORTED_LOCALES)
def test_the_trie_of_every_word_list_is_the_one_built_node_by_node(tag: str) -> None:
    words = words_of(tag)
    for boundary in (True, False):
        for lower in (True, False):
            assert amounts._trie_re(words, boundary=boundary, lower=lower) == _trie_node_by_node(
                words, boundary, lower
            )


@given(
    words=st.lists(st.text(alphabet="ab .-é\u00a0", max_size=6), max_size=8),
    boundary=st.booleans(),
    lower=st.booleans(),
)
def test_any_trie_is_the_one_built_node_by_node(words: list[str], boundary: bool, lower: bool) -> None:
    assert amounts._trie_re(words, boundary=boundary, lower=lower) == _trie_node_by_node(
        words, boundary, lower
    )
