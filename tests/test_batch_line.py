"""A record's JSON line is the text of its JSON object: ``json_line()`` equals
``dumps_line(json_dict())`` for every record, in both escapings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdprfine.batch import RecordVerdict, check_dataset, check_record
from gdprfine.datasets.records import Conventions, broken_record, build_record
from gdprfine.money import Money
from gdprfine.output import dumps_line

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "datasets"
SHARED_DATA = ROOT.parent / "shared" / "data"
DATASETS = [
    (FIXTURES / "cms.json", "cms"), (FIXTURES / "privacyaffairs.tsv", "privacyaffairs"),
    (FIXTURES / "gdprhub.csv", "gdprhub"),
]  # fmt: skip
TRACKERS = [
    (SHARED_DATA / "cms-enforcementtracker-2024-03.json", "cms"),
    (SHARED_DATA / "privacyaffairs-gdpr-violations-2020.tsv", "privacyaffairs"),
]


def _same_text(verdict: RecordVerdict) -> None:
    data = verdict.json_dict()
    for ascii_only in (False, True):
        assert verdict.json_line(ascii_only=ascii_only) == dumps_line(data, ascii_only=ascii_only, ready=True)


@pytest.mark.parametrize(("path", "fmt"), DATASETS, ids=lambda x: getattr(x, "name", x))
def test_the_fixture_datasets(path: Path, fmt: str) -> None:
    for verdict in check_dataset(path, fmt):  # type: ignore[arg-type]
        _same_text(verdict)


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=f"tracker corpus not present in {SHARED_DATA}")
@pytest.mark.parametrize(("path", "fmt"), TRACKERS, ids=lambda x: getattr(x, "name", x))
def test_the_shared_trackers(path: Path, fmt: str) -> None:
    if not path.is_file():
        pytest.skip(f"{path} not present")
    for verdict in check_dataset(path, fmt):  # type: ignore[arg-type]
        _same_text(verdict)


_FIELD = st.text(st.characters(codec="utf-8"), max_size=40)
_FINES = st.sampled_from(
    ["1000", "25 000 000", "Unknown", "0", "10000 RON", "EUR 5,000 - 10,000", "2,5 Mio. EUR", "30000000"]
) | _FIELD


@given(
    fine=_FINES, articles=st.sampled_from(["Art. 32 GDPR", "Art. 5, 6, 83", "Unknown", "§ 26 BDSG", ""]) | _FIELD,
    day=st.sampled_from(["2021-07-16", "2019", "2017-03", "", "01/01/1970"]) | _FIELD,
    country=st.sampled_from(["DE", "GB", "Italy", ""]) | _FIELD,
    texts=st.lists(_FIELD, min_size=3, max_size=3),
    turnover=st.none() | st.sampled_from([Money("1000000000", "EUR"), Money("5000000", "USD")]),
)  # fmt: skip
def test_any_record(
    fine: str, articles: str, day: str, country: str, texts: list[str], turnover: Money | None
) -> None:
    fields = {
        "fine": fine, "articles": articles, "date": day, "country": country, "id": texts[0],
        "authority": texts[1], "controller": texts[2], "summary": texts[0],
    }  # fmt: skip
    record = build_record("csv", 3, fields, fields, Conventions(), turnover=turnover)
    _same_text(check_record(record))


def test_a_broken_record() -> None:
    _same_text(check_record(broken_record("jsonl", 9, 'line 9: "\\u0000" is not JSON')))
