"""Every fine field of two public GDPR fine trackers is read, or reported unreadable with a reason.

The trackers live outside the project (``../shared/data/``, see its README) and are never copied
into it; without them these tests are skipped.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from decimal import Decimal
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


def oracle(field: str) -> Decimal | None:
    """The amount of a tracker field that is only digits and comma groups, read independently."""
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})*|[0-9]+", field):
        return Decimal(field.replace(",", ""))
    return None


def test_no_wrong_amount_in_tracker_fields() -> None:
    """Every field the reader gives an amount for has that amount, read by a second method."""
    fields = [row[5] for row in cms_rows()]
    fields += [row["price"] for row in privacy_affairs_rows()]
    wrong = []
    checked = 0
    for field in fields:
        reading = read_amount_field(field, locale="en")
        expected = oracle(field)
        if reading.money is not None:
            assert expected is not None, field  # every amount read is one the oracle reads
            checked += 1
            if reading.money != Money(expected, "EUR"):
                wrong.append((field, reading.money))
        for mention in reading.mentions:
            assert mention.sure or mention.reason
    assert wrong == []
    assert checked >= 2300
    between = re.compile(r"Fine amount between EUR ([0-9,]+) and EUR ([0-9,]+)")
    for field in fields:
        match = between.fullmatch(field)
        if match:
            reading = read_amount_field(field, locale="en")
            low, high = (Decimal(g.replace(",", "")) for g in match.groups())
            assert (reading.low, reading.high) == (Money(low, "EUR"), Money(high, "EUR"))


def test_no_sure_amount_in_summaries_drops_a_scale_word() -> None:
    """A sure reading in a summary is never followed by a word that looks like a scale word."""
    for row in privacy_affairs_rows():
        text = row["summary"]
        for mention in find_amounts(text, locale="en"):
            after = re.match(r"\s*([^\W\d_]+)", text[mention.end :])
            if mention.sure and after:
                assert after[1].casefold() not in {"million", "billion", "thousand", "mln", "bn"}
