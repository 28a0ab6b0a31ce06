"""Every fine field of two public GDPR fine trackers is read, or reported unreadable with a reason.

The trackers live outside the project (``../shared/data/``, see its README) and are never copied
into it; without them these tests are skipped.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from gdprfine.amounts import FieldReading, find_amounts, read_amount_field
from gdprfine.money import Money

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CMS = DATA / "cms-enforcementtracker-2024-03.json"
PRIVACY_AFFAIRS = DATA / "privacyaffairs-gdpr-violations-2020.tsv"

pytestmark = pytest.mark.skipif(
    not (CMS.is_file() and PRIVACY_AFFAIRS.is_file()),
    reason=f"tracker corpus not present in {DATA} (it is not shipped with gdprfine)",
)

REASONS = (
    "no amount stated",
    "a range, not one amount",
    "states only the number of digits",
    "only an intention to issue a fine",
    "0 marks an amount not known",
)


def cms_rows() -> list[list[str]]:
    data = json.loads(CMS.read_text("utf-8"))
    (rows,) = data.values()
    return list(rows)


def privacy_affairs_rows() -> list[dict[str, str]]:
    with PRIVACY_AFFAIRS.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def check(readings: list[FieldReading]) -> Counter[str]:
    outcome: Counter[str] = Counter()
    for reading in readings:
        if reading.money is not None:
            assert reading.reason is None, reading
            assert reading.money.currency == "EUR"
            assert reading.money.amount >= 0
            outcome["parsed"] += 1
        else:
            assert reading.reason is not None, reading
            assert reading.reason.startswith(REASONS), reading
            outcome["unreadable"] += 1
    return outcome


def test_cms_fine_fields() -> None:
    rows = cms_rows()
    readings = [read_amount_field(row[5], locale="en") for row in rows]
    outcome = check(readings)
    assert outcome["parsed"] + outcome["unreadable"] == len(rows) == 2225
    assert outcome["parsed"] >= 2100
    first = readings[0]
    assert (rows[0][1], first.money) == ("ETid-1", Money("4800", "EUR"))
    ranges = [r for r in readings if r.reason == "a range, not one amount"]
    assert ranges
    for r in ranges:
        assert r.low is not None
        assert r.high is not None
        assert r.low < r.high


def test_privacy_affairs_price_fields() -> None:
    rows = privacy_affairs_rows()
    readings = [read_amount_field(r["price"], locale="en", zero_is_unknown=True) for r in rows]
    outcome = check(readings)
    assert outcome["parsed"] + outcome["unreadable"] == len(rows) == 250
    assert outcome["unreadable"] == sum(1 for r in rows if r["price"] == "0")


def test_privacy_affairs_summaries_state_other_currencies() -> None:
    rows = privacy_affairs_rows()
    first = find_amounts(rows[0]["summary"], locale="en")
    # "a fine of 40.000 PLN (9400 EUR)": in English 40.000 may be 40; the reading says so.
    assert [m.money.currency for m in first] == ["PLN", "EUR"]
    assert first[0].alternative == Money("40000", "PLN")
    assert not first[0].sure
    assert first[1].money == Money("9400", "EUR")
    assert first[1].sure
    for row in rows:
        for mention in find_amounts(row["summary"], locale="en"):
            assert mention.money.amount >= 0
            assert row["summary"][mention.start : mention.end] == mention.text
