"""Honest outcomes, plausibility flags, the regime per record, party cells and the dataset
outputs (CSV, SQLite, filters)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gdprfine.batch import PLAUSIBILITY, BatchSummary, check_dataset, check_record
from gdprfine.cli import app
from gdprfine.datasets import DatasetRecord, read_amount
from gdprfine.datasets.export import COLUMNS, CsvWriter, RecordFilter, flatten
from gdprfine.datasets.parties import read_parties
from gdprfine.datasets.plausibility import (
    largest_recorded_fine,
    plausibility_config,
    plausibility_flags,
)
from gdprfine.dates import PartialDate
from gdprfine.errors import DatasetError
from gdprfine.fx import rate_bounds
from gdprfine.money import Money
from gdprfine.reference import reference_cases

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
EXPECTED = json.loads((ROOT / "tests" / "fixtures" / "tracker-flags.json").read_text("utf-8"))
FIXTURES = ROOT / "tests" / "fixtures" / "datasets"


def record(fine: str, **fields: object) -> DatasetRecord:
    fields.setdefault("country", "FR")
    return DatasetRecord(source="csv", row=1, amount=read_amount(fine), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fine", "fields", "outcome"),
    [
        ("0", {"summary": "The court overturned the fine."}, "no-fine"),
        ("Only intention to issue fine", {}, "no-fine"),
        ("none", {"type": "Reprimand"}, "no-fine"),
        ("none", {}, "unreadable"),
        ("Unknown", {"summary": "The DPA imposed a fine."}, "unreadable"),
        ("Fine amount between EUR 50 and EUR 800", {}, "unreadable"),
    ],
)
def test_a_record_states_a_fine_or_none(fine: str, fields: dict[str, object], outcome: str) -> None:
    assert check_record(record(fine, **fields)).outcome == outcome


def test_an_intention_later_imposed_is_not_no_fine() -> None:
    v = check_record(
        record(
            "Only intention to issue fine", summary="This fine has been imposed in the meantime."
        )
    )
    assert v.outcome == "unreadable"
    assert v.reason is not None
    assert "imposed since" in v.reason


def test_rate_bounds_are_fixings_of_the_history() -> None:
    bounds = rate_bounds("SEK")
    low, high = bounds.rates()
    assert low.rate == bounds.low < bounds.high == high.rate
    assert (low.start, high.start) == (bounds.low_day, bounds.high_day)


def test_a_uk_decision_from_2021_is_judged_under_the_uk_gdpr() -> None:
    v = check_record(record("500000", articles=(), country="GB", date=PartialDate(2021, 6, 1)))
    assert v.law is not None
    assert (v.law.id, "uk-gdpr" in v.flags) == ("uk-gdpr", True)
    assert v.fine_converted is not None
    assert v.fine_converted.currency == "GBP"
    earlier = check_record(record("500000", country="GB", date=PartialDate(2020, 6, 1)))
    assert earlier.law is not None
    assert earlier.law.id == "eu-gdpr"
    assert "regime-uncertain" in check_record(record("500000", country="GB")).flags


def test_the_largest_fine_comes_from_the_reference_cases() -> None:
    fine, case = largest_recorded_fine()
    assert fine == max(
        (c.fine for c in reference_cases() if c.fine.currency == "EUR"), key=lambda m: m.amount
    )
    flags = plausibility_flags(
        record("2000000000"), Money("2000000000", "EUR"), plausibility_config()
    )
    assert ("above-largest-fine", f"EUR 2 000 000 000 is above {fine.format()} ({case})") in flags


@pytest.mark.parametrize(
    ("fine", "currency", "country", "summary", "expected"),
    [
        ("20000500", "EUR", "ES", None, ["digits-run-together"]),
        ("2500000", "EUR", "ES", None, []),
        ("1050000", "EUR", "ES", None, []),
        ("5", "EUR", "ES", None, ["below-minimum"]),
        ("1000", "SEK", "PL", None, ["currency-not-local"]),
        ("1000", "EUR", "PL", None, []),
        ("50000", "EUR", "PL", "The DPA fined the company EUR 5,000.", ["summary-disagrees"]),
        ("50000", "EUR", "PL", "The DPA fined the company EUR 50,000.", []),
        ("50000", "EUR", "PL", "The pecuniary sanction of EUR 50, 000 was imposed.", []),
        (
            "6000",
            "EUR",
            "IT",
            "The DPA imposed two fines of EUR 3,000 each.",
            ["summary-disagrees", "several-fines"],
        ),
    ],
)
def test_plausibility_flags(
    fine: str, currency: str, country: str, summary: str | None, expected: list[str]
) -> None:
    rec = record(
        f"{fine} {currency}", country=country, summary=summary, date=PartialDate(2021, 3, 1)
    )
    eur = Money(fine, "EUR") if currency == "EUR" else None
    assert [name for name, _ in plausibility_flags(rec, eur, plausibility_config())] == expected


def test_checks_can_be_switched_off() -> None:
    rec = record("20000500", summary="The DPA fined the company EUR 5,000.")
    assert "digits-run-together" in check_record(rec).flags
    quiet = check_record(
        rec, checks=plausibility_config(["digits-run-together", "summary-disagrees"])
    )
    assert not set(quiet.flags) & PLAUSIBILITY
    with pytest.raises(DatasetError):
        plausibility_config(["nonsense"])


def test_totals_with_and_without_flagged_records() -> None:
    summary = BatchSummary()
    for fine in ("1000", "20000500"):
        summary.add(check_record(record(fine, articles=(), date=PartialDate(2021))))
    totals = summary.json_dict()["totals"]
    assert isinstance(totals, dict)
    assert totals["other"]["fines"] == 2


@pytest.mark.parametrize(
    ("cell", "addressees", "others"),
    [
        ("Acme GmbH", ("Acme GmbH",), ()),
        (
            "Kolibri Image\nRegina und Dirk Maass GbR",
            ("Kolibri Image Regina und Dirk Maass GbR",),
            (),
        ),
        ("Uber Technologies Inc.\nUber B.V.", ("Uber Technologies Inc.", "Uber B.V."), ()),
        ("Data subject; Bank X S.A.", ("Bank X S.A.",), ("Data subject",)),
        ("The complainant v. Acme Ltd", ("Acme Ltd",), ("The complainant",)),
    ],
)
def test_party_cells(cell: str, addressees: tuple[str, ...], others: tuple[str, ...]) -> None:
    assert read_parties(cell) == (addressees, others)


def test_csv_rows_are_flat_and_fixed() -> None:
    verdicts = list(check_dataset(FIXTURES / "cms.json", "cms"))
    out = io.StringIO()
    writer = CsvWriter(out)
    for verdict in verdicts:
        writer.write(verdict.json_dict())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == len(verdicts)
    assert tuple(rows[0]) == COLUMNS
    assert rows[0]["fine_amount"] == "4800"
    assert flatten(verdicts[0].json_dict())["cap_currency"] == "EUR"


def test_filter() -> None:
    keep = RecordFilter(outcomes=frozenset({"no-fine"}))
    found = [
        v.record.id
        for v in check_dataset(FIXTURES / "cms.json", "cms")
        if keep.matches(v.json_dict())
    ]
    assert found == ["ETid-4", "ETid-10"]


def test_cli_csv_sqlite_and_filters(tmp_path: Path) -> None:
    runner = CliRunner()
    path = str(FIXTURES / "cms.json")
    result = runner.invoke(app, ["check", "--format", "cms", path, "--csv", "--outcome", "no-fine"])
    assert [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))] == [
        "ETid-4",
        "ETid-10",
    ]
    database = tmp_path / "out.db"
    result = runner.invoke(
        app, ["check", "--format", "cms", path, "--sqlite", str(database), "--json"]
    )
    assert result.exit_code == 3, result.output  # undetermined records, none exceeds
    with sqlite3.connect(database) as con:
        assert con.execute("select count(*) from records").fetchone() == (11,)
        flags = con.execute("select id, flag from flags where flag = 'zero-amount'").fetchall()
    assert flags == [("ETid-10", "zero-amount")]
    again = runner.invoke(app, ["check", "--format", "cms", path, "--sqlite", str(database)])
    assert again.exit_code == 2
    assert "the file exists" in again.stderr
    bad = runner.invoke(app, ["check", "--format", "cms", path, "--flag", "nope"])
    assert bad.exit_code == 2
    assert (
        runner.invoke(app, ["check", "--fine", "1 EUR", "--tier", "83(4)", "--csv"]).exit_code == 2
    )


trackers = pytest.mark.skipif(
    not SHARED_DATA.is_dir(),
    reason=f"tracker corpus not present in {SHARED_DATA} (it is not shipped with gdprfine)",
)


@trackers
@pytest.mark.parametrize("fmt", ["cms", "privacyaffairs"])
def test_every_flagged_tracker_record_is_expected(fmt: str) -> None:
    expected = EXPECTED[fmt]
    flags: dict[str, list[str]] = {name: [] for name in expected["flags"]}
    no_fine: list[str] = []
    for verdict in check_dataset(SHARED_DATA / expected["file"], fmt):  # type: ignore[arg-type]
        for flag in verdict.flags:
            if flag in flags:
                flags[flag].append(str(verdict.record.id))
        if verdict.outcome == "no-fine":
            no_fine.append(str(verdict.record.id))
    assert flags == expected["flags"]
    assert no_fine == expected["outcomes"]["no-fine"]


@pytest.mark.parametrize(
    ("text", "fineable"),
    [
        ("Art. 6 (3) b) GDPR GDPR", True),
        ("Art. 32 EU-DSGVO", True),
        ("Art. 5 dataskyddsförordningen", True),
        ("Art. 32 GDRP", True),
        ("Art. 32 BDSG", False),
    ],
)
def test_names_of_the_gdpr(text: str, fineable: bool) -> None:
    from gdprfine.articles import classify, parse_articles

    assert (classify(parse_articles(text)).tier is not None) is fineable


def test_a_failed_sqlite_run_leaves_no_file(tmp_path: Path) -> None:
    from gdprfine.datasets.export import SqliteWriter

    path = tmp_path / "x.db"

    def fail_midway() -> None:
        with SqliteWriter(path, {}) as database:
            database.write({"source": "csv", "row": 1})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_midway()
    assert not path.exists()
