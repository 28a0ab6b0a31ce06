"""The shortcuts of the record readers read exactly what the plain readers read: records built
slot by slot, field readings kept in bounded memos, classes of references kept per regime,
lines split and JSON decoded without the general path."""

from __future__ import annotations

import io
import json
import re
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from plain_records import assert_plain_frozen

from gdprfine import articles
from gdprfine.articles import _CHUNK_BREAK, ArticleRef, classify, parse_articles
from gdprfine.datasets import read_cms
from gdprfine.datasets.files import read_lines
from gdprfine.datasets.mapped import read_jsonl
from gdprfine.datasets.records import (
    _ARTICLES,
    _MEMO_SIZE,
    CACHED_TEXT,
    RECORD_FIELDS,
    Conventions,
    DatasetRecord,
    RecordReader,
    _OpenRecord,
    build_record,
    reader_for,
    text_of,
)
from gdprfine.inputs import exact_json_decoder
from gdprfine.law import regime

_TEXTS = {
    "fine": "12,345", "articles": "Art. 5 (1) c) GDPR, § 26 BDSG | Unknown", "date": "xx.05.2019",
    "country": "<img alt='SPAIN'><br />SPAIN", "id": " ETid-7 ", "authority": "AEPD",
    "controller": "Complainant v. Acme Ltd", "sector": "Retail", "type": "Insufficient legal basis",
    "undertaking": "yes", "summary": " A summary. ",
}  # fmt: skip


def test_a_record_read_is_a_plain_frozen_dataset_record() -> None:
    record = build_record("csv", 3, {"x": "y"}, _TEXTS, Conventions())
    assert_plain_frozen(record, DatasetRecord, "row", 4)
    assert (record.id, record.controller, record.other_parties, record.undertaking) == (
        "ETid-7", "Acme Ltd", ("Complainant",), True,
    )  # fmt: skip


def test_the_open_record_has_the_record_s_slots() -> None:
    assert (
        _OpenRecord.__slots__
        == DatasetRecord.__slots__
        == tuple(f.name for f in fields(DatasetRecord))
    )
    assert set(RECORD_FIELDS) <= {f.name for f in fields(DatasetRecord)} | {"fine", "controller"}


def test_a_memo_is_kept_per_conventions() -> None:
    plain, affairs = Conventions(), Conventions(zero_is_unknown=True, slashes="mdy",
                                                unknown_date="01/13/1970", unknown_date_reason="unknown")  # fmt: skip
    texts = {"fine": "0", "date": "01/13/1970"}
    for conventions in (plain, affairs, plain):
        record = build_record("csv", 1, {}, texts, conventions)
        if conventions is plain:
            assert record.amount.money is not None
            assert record.date is not None
        else:
            assert record.amount.money is None
            assert record.date_reason == "unknown"
    assumed = build_record("gdprhub", 1, {}, {"fine": "3000"}, Conventions(currency_known=False))
    stated = build_record("csv", 1, {}, {"fine": "3000"}, Conventions())
    assert assumed.currency_assumed
    assert not stated.currency_assumed


def test_a_record_takes_nothing_from_the_record_before() -> None:
    reader = RecordReader(Conventions())
    first = reader.read("csv", 1, {"a": 1}, [_TEXTS.get(name, "") for name in RECORD_FIELDS])
    second = reader.read("csv", 2, {"b": 2}, [_TEXTS["fine"]] + [None] * (len(RECORD_FIELDS) - 1))
    assert second.amount is first.amount
    assert (second.row, second.raw, second.articles, second.id, second.country, second.controller) == (
        2, {"b": 2}, (), None, None, None,
    )  # fmt: skip
    assert (second.date, second.date_reason) == (None, "no date stated")


_VALUES_OF_JSON = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**16), st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.sampled_from(["", " 12,345 ", "Art. 6 GDPR", "2019-05", "Spain", " yes ", "Acme v. X", "Unknown"]),
    st.lists(st.sampled_from(["Art. 5", "Art. 6", 32]), max_size=2), st.just({"a": [1]}),
)  # fmt: skip


@given(st.lists(_VALUES_OF_JSON, min_size=len(RECORD_FIELDS), max_size=len(RECORD_FIELDS)))
@example([12, ["Art. 5", "Art. 6"], 2019, None, 7, None, None, None, None, True, None])
def test_a_value_of_any_json_type_is_read_as_its_text(values: list[object]) -> None:
    reader = RecordReader(Conventions(zero_is_unknown=True))
    record = reader.read("jsonl", 1, {}, values)
    assert record == reader.read("jsonl", 1, {}, [text_of(value) for value in values])
    assert record == build_record("jsonl", 1, {}, dict(zip(RECORD_FIELDS, map(text_of, values), strict=True)),
                                  Conventions(zero_is_unknown=True))  # fmt: skip


def test_memos_stay_bounded() -> None:
    reader = RecordReader(Conventions())
    blank = [""] * (len(RECORD_FIELDS) - 1)
    for number in range(_MEMO_SIZE + 50):
        record = reader.read("csv", number, {}, [str(number + 1), *blank])
        assert record.amount.money is not None
        assert record.amount.money.amount == Decimal(number + 1)
    assert len(reader._amounts) <= _MEMO_SIZE


def test_long_texts_are_read_but_not_kept() -> None:
    reader = RecordReader(Conventions())
    long = "Art. 6 GDPR, " * (CACHED_TEXT // 10)
    record = reader.read(
        "csv", 1, {}, ["1 " * CACHED_TEXT, long, " " * (CACHED_TEXT + 1) + "2019", *[""] * 8]
    )
    assert len(record.articles) == CACHED_TEXT // 10
    assert str(record.date) == "2019"
    assert "1 " * CACHED_TEXT not in reader._amounts
    assert long not in _ARTICLES


def test_reader_for_is_one_reader_per_conventions_value() -> None:
    assert reader_for(Conventions(locale="fr")) is reader_for(Conventions(locale="fr"))
    assert reader_for(Conventions(locale="fr")) is not reader_for(Conventions(locale="de"))


def test_a_cms_row_of_ten_cells_is_read() -> None:
    row = [
        "",
        "ETid-2",
        "AUSTRIA",
        "DSB",
        "2018",
        "1,800",
        "Kebab",
        "Retail",
        "Art. 5 GDPR",
        "Fine",
    ]
    (record,) = read_cms(io.StringIO(json.dumps({"data": [row]})))
    assert (record.error, record.summary, record.country, record.type) == (None, None, "AT", "Fine")
    assert list(record.raw) == ["", "id", "country", "authority", "date", "fine", "controller", "sector",
                                "articles", "type"]  # fmt: skip


def test_classes_are_kept_with_the_section_sign() -> None:
    # Art. 6 and § 6 compare equal as references, but only one is an article of the GDPR.
    sign, article = ArticleRef(6, section_sign=True), ArticleRef(6)
    assert sign == article
    for refs in ((sign,), (article,), (sign,)):
        item = classify(refs).items[0]
        assert str(item.ref) == str(refs[0])
        assert item.fineable is not refs[0].section_sign


def test_classification_is_the_same_read_again() -> None:
    texts = [
        "Art. 6(1), Art. 13, Art. 24 GDPR",
        "Art. 58",
        "Art. 58, Art. 6",
        "Art. 83(5)",
        "Art. 58(2)(i)",
    ]
    for law in (regime("eu-gdpr"), regime("uk-gdpr")):
        articles._KNOWN.clear()
        first = [classify(parse_articles(text), law) for text in texts]  # read afresh
        again = [classify(parse_articles(text), law) for text in texts]  # from what was kept
        assert first == again
        assert [c.tier for c in first] == [c.tier for c in again]
        for found in again:
            assert list(found.items) == [articles._classify_one(item.ref, law) for item in found.items]


@pytest.mark.parametrize("law_id", ["eu-gdpr", "uk-gdpr"])
def test_provisions_for_looks_up_what_a_scan_finds(law_id: str) -> None:
    law = regime(law_id)
    for article in range(1, 100):
        for paragraph in (None, 1, 2, 3, 4, 5):
            for point in (None, "a", "b", "d", "i"):
                scanned = [
                    p for p in law.provisions
                    if any(n == article and (para is None or (para == paragraph and (pts is None or (point is not None and point in pts))))
                           for n, para, pts in p.articles)
                ]  # fmt: skip
                assert law.provisions_for(article, paragraph, point) == scanned


def _lines(text: str, limit: int) -> list[tuple[int, str | None]]:
    """What read_lines gives, written plainly."""
    pieces = text.split("\n")
    lines = [piece + "\n" for piece in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
    return [
        (n, line if len(line.rstrip("\n")) <= limit else None) for n, line in enumerate(lines, 1)
    ]


@given(st.text(alphabet="ab\n\r", max_size=60), st.integers(min_value=0, max_value=8))
@example("aaa\nbbbb\n\nab", 3)
def test_read_lines_splits_as_plainly_written(text: str, limit: int) -> None:
    assert list(read_lines(io.StringIO(text), "x", limit=limit)) == _lines(text, limit)


def test_read_lines_across_chunks() -> None:
    text = "\n".join("x" * (n % 5000) for n in range(600))
    assert list(read_lines(io.StringIO(text), "x", limit=4000)) == _lines(text, 4000)


def _as_decoded(line: str) -> tuple[str, object] | None:
    """What read_jsonl makes of *line* by the exact decoder alone: None for a blank line, else
    the object's repr or the record's error."""
    if line.isspace():
        return None
    try:
        value = exact_json_decoder().decode(line)
    except ValueError as error:
        return ("error", f"line 1: not JSON: {error}")
    if not isinstance(value, dict):
        return ("error", "line 1: not a JSON object")
    return ("raw", repr(value))


def _as_read(line: str) -> tuple[str, object] | None:
    records = list(read_jsonl(io.StringIO(line), {"fine": "a"}))
    if not records:
        return None
    (record,) = records
    return ("raw", repr(dict(record.raw))) if record.error is None else ("error", record.error)


_KEYS = st.sampled_from(["a", "b", 'a":', "c:"])
_COLONS = st.sampled_from([":", ": ", " :", "\t:", "\r:", " : "])
_SCALARS = st.one_of(
    st.integers(-(10**20), 10**20).map(str), st.sampled_from(["1.50", "2e3", "NaN", "true", "null", "-0.0"]),
    st.text(alphabet='ab ":\\{}', max_size=6).map(lambda text: json.dumps(text)),
)  # fmt: skip


def _objects(values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(_KEYS, _COLONS, values).map(lambda p: json.dumps(p[0]) + p[1] + p[2])
    return st.lists(pair, max_size=4).map(lambda pairs: "{" + ", ".join(pairs) + "}")


_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(_objects(inner), st.lists(inner, max_size=3).map(
    lambda items: "[" + ", ".join(items) + "]"
)), max_leaves=6)  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        '{"a": 1.5}\n', '{"a": 1}', '{"a": 1} \n', '{"a": 1}x\n', '{"a": 1, "a": 2}\n', '{"a": NaN}\n',
        '{"a"\n', ' {"a": 1}\n', '{"a": 1}\r\n', "[1]\n", "{}\n", "{\n", '{"a": {"b": [1, 2]}}\n',
        '{"a": 1, "a" : 2}\n', '{"a": 1, "b": {"a": 1, "a": 2}}\n', '{"a": "\\":", "a" : 2}\n',
        '{"a": {"b": 1}, "c": {}}\n', "  \n", '{"a": 1, "a":\t2}\n', '{"a": {"": 1, "": 2}}\n',
    ],
)  # fmt: skip
def test_a_jsonl_line_reads_as_the_exact_decoder_decodes_it(line: str) -> None:
    assert _as_read(line) == _as_decoded(line)


@given(_objects(_VALUES), st.sampled_from(["\n", "", " \n", "\r\n", "x\n"]))
@example('{"a": 1, "a" : 2}', "\n")
@example('{"a": "\\":", "a" : 2}', "\n")
def test_any_jsonl_line_reads_as_the_exact_decoder_decodes_it(line: str, end: str) -> None:
    assert _as_read(line + end) == _as_decoded(line + end)


_PLAIN_BREAK = re.compile(
    r"(?:(?!\s)|(?<!\s))(?:\s*[|;\n]\s*"
    r"|\s+(?=art(?:icle|ikel|\.)\s*\d)"
    r"|\s*(?:,|\band\b|\bund\b|\bet\b|\ben\b|\bi\b|\by\b|\be\b|\bo\b|&)\s*"
    r"(?=(?:art(?:icle|ikel|ículo|igo|icolo|ykuł|\.)?\s*\d|§|\d)))",
    re.IGNORECASE,
)
"""The break between citations without the lookahead that skips the positions where none can
start."""


@given(st.text(alphabet="aAeEiIoOuUyYıİſKk ndtr\n\t\u00a0&,;|§0123.()íłxX", max_size=40))
@example("Art. 5 (1) c) GDPR, Art. 13 GDPR")
@example("art 6 y 7 e 8 o 9 i 10 and 11 und 12 et 13 en 14 & 15")
@example("Art. 6 İ 7 ı 8 Y 9")
def test_the_break_between_citations_is_the_plain_one(text: str) -> None:
    assert _CHUNK_BREAK.split(text) == _PLAIN_BREAK.split(text)


def test_the_break_on_the_trackers() -> None:
    data = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
    cms, affairs = (
        data / "cms-enforcementtracker-2024-03.json",
        data / "privacyaffairs-gdpr-violations-2020.tsv",
    )
    if not cms.is_file() or not affairs.is_file():
        pytest.skip("the shared tracker exports are not present")
    (rows,) = json.loads(cms.read_text(encoding="utf-8")).values()
    texts = [row[8] for row in rows] + [
        line.split("\t")[7] for line in affairs.read_text(encoding="utf-8").splitlines()
    ]
    assert [_CHUNK_BREAK.split(t) for t in texts] == [_PLAIN_BREAK.split(t) for t in texts]
