"""Verdicts per dataset record and the streaming summary, on the fixture datasets."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdprfine import fx
from gdprfine.articles import parse_articles
from gdprfine.batch import (
    CONVERSION_RULE,
    FLAGS,
    BatchSummary,
    check_dataset,
    check_record,
    check_records,
)
from gdprfine.check import check_fine
from gdprfine.datasets import DatasetRecord, Format, read_amount, read_dataset
from gdprfine.dates import PartialDate
from gdprfine.law import regime
from gdprfine.money import Money

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "datasets"


def record(fine: str, articles: str = "Art. 6 GDPR", **kwargs: object) -> DatasetRecord:
    values: dict[str, object] = {"date": PartialDate(2021, 7, 16), "country": "LU"}
    values.update(kwargs)
    return DatasetRecord(
        source="csv",
        row=1,
        amount=read_amount(fine),
        articles=tuple(parse_articles(articles)) if articles else (),
        **values,  # type: ignore[arg-type]
    )


def summarise(path: Path, fmt: str, largest: int = 10) -> dict[str, object]:
    summary = BatchSummary(largest=largest)
    for verdict in check_records(read_dataset(path, fmt)):  # type: ignore[arg-type]
        summary.add(verdict)
    return summary.json_dict()


def test_within_the_static_cap() -> None:
    v = check_record(record("20,000,000"))
    assert v.cap is not None
    assert (v.verdict, v.tier, v.cap.amount, v.implied_minimum_turnover, v.flags) == (
        "within", "83(5)", Money("20000000", "EUR"), None, (),
    )  # fmt: skip
    assert v.cap.lower_bound


def test_above_an_83_4_cap_needs_a_turnover() -> None:
    v = check_record(record("10,000,001", "Art. 32 GDPR"))
    assert (v.verdict, v.tier) == ("undetermined", "83(4)")
    assert v.implied_minimum_turnover == Money("500000050.00", "EUR")
    assert v.needs == (
        "turnover >= EUR 500 000 050.00 (worldwide annual turnover of the undertaking in the "
        "preceding financial year)",
    )
    assert v.flags == ("articles-amount-inconsistent",)


def test_a_non_undertaking_above_the_cap_exceeds() -> None:
    v = check_record(record("10,000,001", "Art. 32 GDPR", undertaking=False))
    assert v.verdict == "exceeds"


def test_no_fineable_article_is_undetermined() -> None:
    v = check_record(record("1000", "Art. 24 GDPR"))
    assert (v.verdict, v.tier, v.cap) == ("undetermined", None, None)
    assert v.warnings == (
        "Art. 24 GDPR is not listed in Art. 83(4)-(6): it carries no fine under Art. 83 by itself",
    )
    assert v.needs == (
        "an infringed article listed in Art. 83(4)-(6), or the tier (83(4), 83(5), 83(6))",
    )
    assert check_record(record("1000", "")).verdict == "undetermined"


def test_conversion_follows_the_date_precision() -> None:
    day = check_record(record("10000 RON", date=PartialDate(2020, 3, 17)))
    month = check_record(record("10000 RON", date=PartialDate(2020, 3)))
    year = check_record(record("10000 RON", date=PartialDate(2020)))
    assert day.rate is not None
    assert month.rate is not None
    assert year.rate is not None
    assert [v.rate.rule for v in (day, month, year)] == ["ecb-on-date", "ecb-mean", "ecb-mean"]  # type: ignore[union-attr]
    assert (month.rate.start, month.rate.end) == (PartialDate(2020, 3).period())
    assert year.rate.fixings == 257
    assert day.fine_converted == Money("2065.35", "EUR")
    assert day.fine == Money("10000", "RON")
    # Undated, within its cap even at the lowest RON rate of the bundled history: judged there.
    undated = check_record(record("10000 RON", date=None))
    assert undated.rate is not None
    assert (undated.verdict, undated.rate.rule, undated.flags) == (
        "within", "ecb-lowest-fixing", ("rate-bounded", "no-date", "currency-not-local"),
    )  # fmt: skip
    assert undated.reason is not None
    assert "within the cap even at RON/EUR" in undated.reason
    # Undated and above the cap at that rate: not converted, the verdict needs a rate.
    large = check_record(record("900000000 RON", date=None))
    assert (large.verdict, large.fine_converted) == ("undetermined", None)
    assert large.needs == ("an exchange rate RON -> EUR for the fine",)
    assert large.flags == ("not-converted", "no-date", "currency-not-local")
    assert large.reason == "RON amount with no date: not converted to EUR"
    too_late = check_record(record("10000 USD", date=PartialDate(2099)))
    assert too_late.verdict == "undetermined"
    assert too_late.reason is not None
    assert too_late.reason.startswith("USD amount not converted to EUR: after the last ECB fixing")


def test_flags_for_dates_and_countries() -> None:
    before = check_record(record("100", date=PartialDate(2018, 4)))
    assert (before.flags, before.verdict, before.outcome) == (("before-regime",), None, "not-judged")
    assert before.reason == (
        "decided before the GDPR applies (2018-05-25), yet it cites provisions whose "
        "infringement the GDPR fines: the date may be wrong"
    )
    uncited = check_record(record("100", articles="Art. 82 loi Informatique et Libertés", date=PartialDate(2018, 4)))
    assert uncited.reason == "decided before the GDPR applies (2018-05-25)"
    assert check_record(record("100", date=PartialDate(2018, 5))).flags == ()
    assert check_record(record("100", country=None)).flags == ("no-country",)
    assert set(check_record(record("0")).flags) <= set(FLAGS)


def test_uk_gdpr_caps_in_sterling() -> None:
    law = regime("uk-gdpr")
    v = check_record(record("500000 £", "Art. 32 GDPR", date=PartialDate(2021, 3, 1)), law=law)
    assert v.cap is not None
    assert (v.verdict, v.cap.amount, v.fine_converted, v.rate) == (
        "within", Money("8700000", "GBP"), Money("500000", "GBP"), None,
    )  # fmt: skip


def test_cms_fixture_summary() -> None:
    assert summarise(FIXTURES / "cms.json", "cms", largest=2) == {
        "records": 11,
        "outcomes": {
            "within": 2, "exceeds": 0, "undetermined": 2, "no-fine": 2, "unreadable": 4, "not-judged": 0,
            "outside-art-83": 1,
        },
        "flags": {
            "amount-unreadable": 4, "amount-range": 2, "articles-amount-inconsistent": 1,
            "articles-unreadable": 1, "bad-record": 1, "no-articles": 1, "no-date": 1, "zero-amount": 1,
        },
        "reasons": {
            "a fine under Loi Informatique et Libertés (Loi n° 78-17, Art. 82 (cookies); sanctions "
            "under Art. 20 [secondary]), which Art. 83 does not cap": 1,
            "a fine whose amount the record does not state": 1,
            "a range, not one amount": 1,
            "not a row of the CMS export (a list of 13 fields)": 1,
            "only an intention to issue a fine: no fine was imposed": 1,
            "states only the number of digits (five-digit amount)": 1,
            "the fine field states 0: no fine": 1,
        },
        "by_country": {
            "DE": 2, "AT": 1, "CZ": 1, "ES": 1, "FR": 1, "IE": 1, "IT": 1, "LU": 1, "NL": 1, "unknown": 1,
        },
        "by_tier": {"83(4)": 2, "83(5)": 6, "none": 3},
        "by_year": {"2018": 1, "2019": 2, "2020": 3, "2021": 2, "2022": 1, "unknown": 2},
        "currencies": {"EUR": 6},
        "total": {"amount": {"amount": "1025504800", "currency": "EUR"}, "fines": 4},
        "total_by_year": {
            year: {"amount": amount, "currency": "EUR"}
            for year, amount in (
                ("2018", "4800"), ("2019", "14500000"), ("2021", "746000000"),
                ("2022", "265000000"),
            )
        },
        "totals": {'art83': {'fines': 3, 'amounts': [{'amount': '279504800', 'currency': 'EUR'}]}, 'art83_without_flagged': {'fines': 3, 'amounts': [{'amount': '279504800', 'currency': 'EUR'}]}, 'other': {'fines': 2, 'amounts': [{'amount': '746020000.0', 'currency': 'EUR'}]}, 'not_converted': {'fines': 0, 'currencies': {}}},
        "largest": [
            {
                "row": 8, "id": "ETid-8", "controller": "Amazon Europe Core S.à.r.l.", "country": "LU",
                "date": "2021-07-16", "fine": {"amount": "746000000", "currency": "EUR"},
                "fine_in_cap_currency": {"amount": "746000000", "currency": "EUR"},
                "outcome": "undetermined", "tier": None,
            },
            {
                "row": 7, "id": "ETid-7", "controller": "Meta Platforms Ireland Limited",
                "country": "IE", "date": "2022-11-25", "fine": {"amount": "265000000", "currency": "EUR"},
                "fine_in_cap_currency": {"amount": "265000000", "currency": "EUR"},
                "outcome": "undetermined", "tier": "83(4)",
            },
        ],
        "conversion_rule": CONVERSION_RULE,
    }  # fmt: skip


def test_gdprhub_fixture_summary() -> None:
    data = summarise(FIXTURES / "gdprhub.csv", "gdprhub", largest=1)
    assert data["outcomes"] == {
        "within": 5, "exceeds": 0, "undetermined": 2, "no-fine": 2, "unreadable": 1, "not-judged": 0,
        "outside-art-83": 0,
    }  # fmt: skip
    assert data["flags"] == {
        "amount-unreadable": 3, "currency-assumed": 2, "articles-amount-inconsistent": 1,
        "no-articles": 1, "no-date": 1,
    }  # fmt: skip
    assert data["currencies"] == {"EUR": 2, "GBP": 2, "HUF": 1, "PLN": 1, "RON": 1}
    # 2065.35 RON + 554274.57 GBP + 3000000 + 628860.19 PLN + 31316.78 HUF + 660000 + 201715888.47 GBP
    assert data["total"] == {"amount": {"amount": "206592405.36", "currency": "EUR"}, "fines": 7}
    assert data["total_by_year"] == {
        "2020": {"amount": "202932405.36", "currency": "EUR"},
        "2021": {"amount": "3000000", "currency": "EUR"},
        "unknown": {"amount": "660000", "currency": "EUR"},
    }
    largest_list = data["largest"]
    assert isinstance(largest_list, list)
    (largest,) = largest_list
    assert largest["fine"] == {"amount": "183390000", "currency": "GBP"}
    assert largest["fine_in_cap_currency"] == {"amount": "201715888.47", "currency": "EUR"}


@pytest.mark.parametrize(
    ("path", "fmt", "columns", "verdicts"),
    [
        (
            "privacyaffairs.tsv", "privacyaffairs", None,
            {"within": 3, "exceeds": 0, "undetermined": 1, "no-fine": 0, "unreadable": 3, "not-judged": 0,
             "outside-art-83": 0},
        ),
        (
            "generic.jsonl", "jsonl",
            {"fine": "amount", "articles": "articles", "date": "date", "country": "country"},
            {"within": 2, "exceeds": 0, "undetermined": 1, "no-fine": 0, "unreadable": 3, "not-judged": 0,
             "outside-art-83": 0},
        ),
    ],
)  # fmt: skip
def test_fixture_verdict_counts(
    path: str, fmt: str, columns: dict[str, str] | None, verdicts: dict[str, int]
) -> None:
    summary = BatchSummary()
    for verdict in check_records(read_dataset(FIXTURES / path, fmt, columns=columns)):  # type: ignore[arg-type]
        summary.add(verdict)
    assert summary.json_dict()["outcomes"] == verdicts


def test_generic_csv_exceeds_for_a_stated_non_undertaking() -> None:
    columns = {"fine": "Betrag", "currency": "Währung", "articles": "Artikel", "date": "Datum",
               "country": "Land", "undertaking": "Unternehmen"}  # fmt: skip
    verdicts = [
        v.outcome
        for v in check_records(
            read_dataset(FIXTURES / "generic.csv", "csv", columns=columns, locale="de", delimiter=";")
        )
    ]
    # The undated CHF 1 000 is within its cap even at the lowest CHF rate: judged there.
    assert verdicts == ["within", "undetermined", "exceeds", "within", "unreadable", "unreadable"]


def test_summary_memory_is_bounded() -> None:
    summary = BatchSummary(largest=3)
    for row in range(1, 3001):
        verdict = check_record(
            DatasetRecord(source="csv", row=row, amount=read_amount(f"fine of {row} apples"))
        )
        summary.add(verdict)
    assert len(summary.reasons) == 1001
    assert summary.reasons["(other)"] == 2000
    for row in range(1, 3001):
        summary.add(check_record(DatasetRecord(source="csv", row=row, amount=read_amount(str(row)))))
    assert [item["row"] for item in summary.largest()] == [3000, 2999, 2998]


@pytest.mark.parametrize("keys", [1, 2, 7, 4_096])
def test_a_summary_counts_the_same_however_often_it_folds(keys: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The summary tallies records alike in what it counts under one key and folds the tally into
    # its counters when it holds _TALLY_KEYS keys (and before any counter is read): at any size,
    # each counter counts what the verdicts say, records seen three times included.
    import gdprfine.batch

    monkeypatch.setattr(gdprfine.batch, "_TALLY_KEYS", keys)
    verdicts = list(check_records(read_dataset(FIXTURES / "cms.json", "cms"))) * 3
    counted = {
        "outcomes": Counter(v.outcome for v in verdicts),
        "flags": Counter(flag for v in verdicts for flag in v.flags),
        "by_country": Counter(v.record.country or "unknown" for v in verdicts),
        "by_tier": Counter(v.tier or "none" for v in verdicts),
        "by_year": Counter(str(v.record.date.year) if v.record.date else "unknown" for v in verdicts),
        "currencies": Counter(v.fine.currency for v in verdicts if v.fine is not None),
    }
    summary = BatchSummary()
    for verdict in verdicts:
        summary.add(verdict)
        assert len(summary._tally) < keys
    whole = summary.json_dict()
    assert {name: Counter({k: n for k, n in whole[name].items() if n}) for name in counted} == counted  # type: ignore[attr-defined]
    assert not summary._tally


# One judge: a record and check_fine reach the same verdict, cap and implied minimum turnover

_ARTICLE_LISTS = st.sampled_from(
    ["Art. 32 GDPR", "Art. 6 GDPR", "Art. 5(1)(f), Art. 32", "Art. 8", "Art. 24", "Art. 44", ""]
)
_AMOUNTS = st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False)
# The last day with ECB fixings of every currency drawn, in whatever release of the data is
# installed: a test that names a later date would break when the data is older.
_LAST_FIXING = min(fx.data_bounds(code)[1] for code in ("PLN", "SEK"))
_DAYS = st.dates(min_value=date(2018, 5, 25), max_value=_LAST_FIXING)


@settings(max_examples=300, deadline=None)
@given(
    fine=_AMOUNTS,
    currency=st.sampled_from(["EUR", "PLN", "SEK"]),
    articles=_ARTICLE_LISTS,
    day=_DAYS,
    undertaking=st.sampled_from([None, True, False]),
    turnover=st.one_of(st.none(), _AMOUNTS.map(lambda amount: Money(amount * 1000, "EUR"))),
)
def test_a_record_and_check_fine_agree(
    fine: Decimal,
    currency: str,
    articles: str,
    day: date,
    undertaking: bool | None,
    turnover: Money | None,
) -> None:
    money = Money(fine, currency)
    rec = DatasetRecord(
        source="jsonl",
        row=1,
        amount=read_amount(f"{fine:f} {currency}"),
        articles=tuple(parse_articles(articles)) if articles else (),
        date=PartialDate(day.year, day.month, day.day),
        undertaking=undertaking,
        turnover=turnover,
    )
    v = check_record(rec)
    if fine == 0:
        assert (v.outcome, v.verdict) == ("no-fine", None)
        return
    expected = check_fine(
        money, articles=articles or None, on=day, undertaking=undertaking is not False,
        turnover=turnover,
    )  # fmt: skip
    assert v.verdict == expected.verdict
    assert v.cap == expected.cap
    assert v.implied_minimum_turnover == expected.implied_minimum_turnover
    assert v.fine_converted == (expected.fine_in_cap_currency or expected.fine)
    assert v.rate == expected.fine_exchange_rate
    assert v.needs == tuple(expected.needs)


@pytest.mark.parametrize(("name", "fmt"), [("cms.json", "cms"), ("gdprhub.csv", "gdprhub")])
def test_a_record_s_json_dict_is_json_ready_as_it_is(name: str, fmt: Format) -> None:
    """The batch writes json_dict() without a second conversion (dumps_line(ready=True))."""
    from gdprfine.output import dumps_line, jsonable

    for verdict in check_dataset(FIXTURES / name, fmt):
        data = verdict.json_dict()
        assert jsonable(data) == data
        assert dumps_line(data, ready=True) == dumps_line(data)


@pytest.mark.parametrize("order", [("Art. 6 GDPR", "§ 6 GDPR"), ("§ 6 GDPR", "Art. 6 GDPR")])
def test_a_section_sign_is_classified_apart_from_an_article(order: tuple[str, str]) -> None:
    """``§ 6 GDPR`` is equal to ``Art. 6 GDPR`` as a reference, but it names no provision of the
    Regulation: whichever of the two a batch meets first, the other keeps its own tier."""
    tiers = {
        text: check_record(
            DatasetRecord(source="csv", row=row, amount=read_amount("1000"), articles=tuple(parse_articles(text)))
        ).tier
        for row, text in enumerate(order, 1)
    }
    assert tiers == {"Art. 6 GDPR": "83(5)", "§ 6 GDPR": None}
