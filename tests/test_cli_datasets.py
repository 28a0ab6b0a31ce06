"""gdprfine check --format: output modes, exit codes, one JSONL line per record, the trackers."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from gdprfine.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "datasets"
SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CMS = SHARED_DATA / "cms-enforcementtracker-2024-03.json"
PRIVACY_AFFAIRS = SHARED_DATA / "privacyaffairs-gdpr-violations-2020.tsv"
JSONL_COLUMNS = ("--column", "fine=amount", "--column", "articles=articles", "--column", "date=date")

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, ["check", *args])


def jsonl(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_exit_code(result: Result) -> None:
    """0 or 1 by the verdicts; 2, with one line, only when no record could be read."""
    out = jsonl(result)
    if out and all(item["outcome"] == "unreadable" for item in out):
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("Error: file: ")
        assert "no record could be read" in result.stderr
        assert result.stderr.count("\n") == 1
    else:
        assert result.exit_code in (0, 1, 3), result.output


def test_human_summary() -> None:
    result = run("--format", "cms", str(FIXTURES / "cms.json"), "--largest", "1")
    assert result.exit_code == 3  # undetermined records, none exceeds
    lines = result.stdout.splitlines()
    assert lines[0] == f"{FIXTURES / 'cms.json'} (cms, eu-gdpr): 11 records"
    assert lines[1:8] == [
        "  within                      2",
        "  exceeds                     0",
        "  undetermined                2",
        "  no-fine                     2",
        "  unreadable                  4",
        "  not-judged                  0",
        "  outside-art-83              1",
    ]
    assert "  total      EUR 1 025 504 800 (4 fines)" in lines
    assert any(line.startswith("     1. EUR 746 000 000  Amazon Europe Core") for line in lines)


def test_json_summary_and_jsonl_verdicts() -> None:
    path = str(FIXTURES / "gdprhub.csv")
    summary = json.loads(run("--format", "gdprhub", path, "--json").stdout)
    assert (summary["file"], summary["format"], summary["records"]) == (path, "gdprhub", 10)
    lines = jsonl(run("--format", "gdprhub", path, "--jsonl"))
    assert len(lines) == 10
    first = lines[0]
    assert first["fine"] == {"amount": "10000", "currency": "RON"}
    assert first["fine_in_cap_currency"] == {"amount": "2065.35", "currency": "EUR"}
    rate = first["fine_exchange_rate"]
    assert isinstance(rate, dict)
    assert {key: rate[key] for key in ("base", "quote", "rate", "rule", "start", "end", "fixings")} == {
        "base": "EUR", "quote": "RON", "rate": "4.8418", "rule": "ecb-on-date",
        "start": "2020-03-17", "end": "2020-03-17", "fixings": None,
    }  # fmt: skip
    assert str(rate["source"]).startswith("ECB euro foreign exchange reference rates")
    assert lines[9]["implied_minimum_turnover"] == {"amount": "5042897211.75", "currency": "EUR"}
    assert [line["verdict"] for line in lines].count("undetermined") == 2
    assert summary["schema_version"] == "2"


def test_exit_zero_when_nothing_is_above_a_cap(tmp_path: Path) -> None:
    path = tmp_path / "small.jsonl"
    path.write_text('{"amount": "1000", "articles": "Art. 6 GDPR", "date": "2020"}\n{"amount": "x"}\n')
    result = run("--format", "jsonl", str(path), *JSONL_COLUMNS)
    assert result.exit_code == 0, result.output


def test_generic_csv_with_options() -> None:
    result = run(
        "--format", "csv", str(FIXTURES / "generic.csv"), "--delimiter", ";", "--locale", "de",
        "--column", "fine=Betrag", "--column", "currency=Währung", "--column", "undertaking=Unternehmen",
        "--column", "articles=Artikel", "--jsonl",
    )  # fmt: skip
    assert [line["verdict"] for line in jsonl(result)][:3] == ["within", "undetermined", "exceeds"]
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--format", "cms", "missing.json"), "No such file or directory"),
        (("--format", "xml", str(FIXTURES / "cms.json")), "one of cms, privacyaffairs"),
        (("--format", "csv", str(FIXTURES / "generic.csv")), "needs a column mapping"),
        (("--format", "csv", str(FIXTURES / "generic.csv"), "--column", "fine"), "expected FIELD=COLUMN"),
        (("--format", "csv", str(FIXTURES / "generic.csv"), "--column", "fine=Nope"), "no column 'Nope'"),
        (("--format", "cms", str(FIXTURES / "cms.json"), "--json", "--jsonl"), "give one, not both"),
        (("--format", "cms", str(FIXTURES / "cms.json"), str(FIXTURES / "cms.json")), "exactly one"),
        (("--format", "privacyaffairs", str(FIXTURES / "cms.json")), "no column"),
        (("--format", "cms", str(FIXTURES / "gdprhub.csv")), "not a JSON document"),
        ((str(FIXTURES / "cms.json"), "--jsonl"), "need --format"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], needle: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ")
    assert needle in line


_cell = st.text(alphabet=string.printable + "€£zł\u00a0é\x00", max_size=30)
_value = st.one_of(
    _cell,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.none(),
    st.lists(_cell, max_size=3),
)
_record_line = st.fixed_dictionaries(
    {}, optional={"amount": _value, "articles": _value, "date": _value}
).map(json.dumps)
_line = st.one_of(_record_line, _cell.filter(lambda s: "\n" not in s and "\r" not in s))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_line, max_size=25))
@example(['{"amount": "1e400"}', "", "[]", '{"amount": 1e400}', "NaN", '{"date": "99/99/9999"}'])
@example(['{"amount": "Fine amount between EUR 50 and", "articles": "Art. 0"}', "\x00", "\u2028"])
def test_jsonl_output_has_one_line_per_record(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "any.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    expected = sum(1 for line in path.read_text("utf-8").split("\n") if line.strip())
    result = run("--format", "jsonl", str(path), *JSONL_COLUMNS, "--jsonl")
    assert_exit_code(result)
    out = jsonl(result)
    assert len(out) == expected
    assert [item["row"] for item in out] == list(range(1, expected + 1))
    for item in out:
        assert not str(item["reason"] or "").startswith("cannot be checked")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_cell.filter(lambda s: "\r" not in s), min_size=1, max_size=4), max_size=15))
@example([["", ""], ["a", "b", "c"], ['"unterminated']])
def test_csv_jsonl_output_has_one_line_per_row(tmp_path: Path, rows: list[list[str]]) -> None:
    import csv

    path = tmp_path / "any.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["fine", "articles"])
        writer.writerows(rows)
    with path.open(newline="", encoding="utf-8") as handle:
        expected = sum(1 for row in list(csv.reader(handle))[1:] if row)
    result = run("--format", "csv", str(path), "--column", "fine=fine", "--column", "articles=articles", "--jsonl")
    assert_exit_code(result)
    assert len(jsonl(result)) == expected


trackers = pytest.mark.skipif(
    not (CMS.is_file() and PRIVACY_AFFAIRS.is_file()),
    reason=f"tracker corpus not present in {SHARED_DATA} (it is not shipped with gdprfine)",
)


@trackers
def test_cms_export_end_to_end() -> None:
    result = run("--format", "cms", str(CMS), "--json")
    assert result.exit_code == 3, result.output  # undetermined records, none exceeds
    data = json.loads(result.stdout)
    assert data["records"] == 2225
    assert data["outcomes"] == {
        "within": 2054, "exceeds": 0, "undetermined": 47, "no-fine": 8, "unreadable": 113,
        "not-judged": 0, "outside-art-83": 3,
    }  # fmt: skip
    assert "bad-record" not in data["flags"]
    assert data["reasons"]["a fine whose amount the record does not state"] == 76
    assert data["largest"][0]["controller"] == "Meta Platforms Ireland Limited"
    lines = run("--format", "cms", str(CMS), "--jsonl").stdout.splitlines()
    assert len(lines) == 2225


@trackers
def test_privacy_affairs_end_to_end() -> None:
    result = run("--format", "privacyaffairs", str(PRIVACY_AFFAIRS), "--json")
    assert result.exit_code == 3, result.output  # undetermined records, none exceeds
    data = json.loads(result.stdout)
    assert data["records"] == 250
    assert data["outcomes"] == {
        "within": 234, "exceeds": 0, "undetermined": 4, "no-fine": 2, "unreadable": 9, "not-judged": 1,
        "outside-art-83": 0,
    }  # fmt: skip
    assert data["reasons"] == {
        "0 marks a fine whose amount is not known (not final)": 9,
        "no amount, and the record says 'intends to fine': no fine": 1,
        "no amount, and the record says 'intention to issue a fine': no fine": 1,
        "decided before the GDPR applies (2018-05-25), yet it cites provisions whose infringement "
        "the GDPR fines: the date may be wrong": 1,
    }
    assert data["flags"]["no-date"] == 15



_DATASETS = {
    "cms": (FIXTURES / "cms.json", ()),
    "gdprhub": (FIXTURES / "gdprhub.csv", ()),
    "privacyaffairs": (FIXTURES / "privacyaffairs.tsv", ()),
    "csv": (FIXTURES / "generic.csv", ("--column", "fine=Betrag", "--delimiter", ";")),
    "jsonl": (FIXTURES / "generic.jsonl", ("--column", "fine=amount")),
}


@pytest.mark.parametrize(
    ("command", "path"),
    [
        *((["check", "--format", fmt, str(path), *options], path) for fmt, (path, options) in _DATASETS.items()),
        (["report", "--format", "cms", str(_DATASETS["cms"][0]), "-o", "-"], _DATASETS["cms"][0]),
        (["reconcile", *[str(_DATASETS["privacyaffairs"][0])] * 2], _DATASETS["privacyaffairs"][0]),
        (["reconcile", *[str(_DATASETS["cms"][0])] * 2, "--format-a", "cms", "--format-b", "cms"], _DATASETS["cms"][0]),
    ],
)
@pytest.mark.parametrize(("encoding", "codec"), [("utf-16", "utf-16"), ("UTF16", "utf-16"), ("utf-32", "utf-32")])
def test_an_encoding_that_needs_a_byte_order_mark_on_a_file_without_one_is_one_line(
    command: list[str], path: Path, encoding: str, codec: str
) -> None:
    result = runner.invoke(app, [*command, "--encoding", encoding])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: file: '{path}': not {codec} text: "), line


def test_an_unbalanced_quote_to_the_end_of_the_file_loses_no_record(tmp_path: Path) -> None:
    path = tmp_path / "hub.csv"
    path.write_text(
        "Jurisdiction,Date of decision,Relevant GDPR articles,Fine\n"
        "Germany,01.02.2020,32,1000\n"
        '"Germany,01.02.2020,32,2000\n'
        "Germany,01.02.2020,32,3000\n"
        "Germany,01.02.2020,32,40000000\n",
        "utf-8",
    )
    result = run("--format", "gdprhub", str(path), "--jsonl")
    assert result.exit_code == 3, result.output  # the EUR 40 m fine is above the 83(4) static cap
    lines = jsonl(result)
    assert [line["row"] for line in lines] == [1, 2, 3, 4]
    assert [line["outcome"] for line in lines] == ["within", "unreadable", "within", "undetermined"]
    assert str(lines[1]["reason"]).startswith("line 3: a quote opened on this line runs to line 5")
    assert "articles-amount-inconsistent" in str(lines[3]["flags"])


def test_a_mapped_column_the_header_holds_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("Amount,Amount\n1000,2000000000\n", "utf-8")
    result = run("--format", "csv", str(path), "--column", "fine=Amount", "--jsonl")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: file: '{path}': the header holds the column 'Amount' twice (columns 1 and 2); "
        "rename all but one\n"
    )


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["check", "--format", "csv", str(FIXTURES / "generic.csv"), "--delimiter", ";"], "--column"),
        (["report", "--format", "csv", str(FIXTURES / "generic.csv"), "--delimiter", ";", "-o", "-"], "--column"),
        (["reconcile", str(FIXTURES / "generic.csv"), str(FIXTURES / "privacyaffairs.tsv"), "--delimiter", ";",
          "--format-a", "csv"], "--column-a"),
    ],
)
def test_a_field_mapped_twice_is_refused(command: list[str], option: str) -> None:
    result = runner.invoke(app, [*command, option, "fine=Betrag", option, "fine=Artikel"])
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    assert result.stderr == (
        f"Error: {option}: 'fine=Artikel': the field 'fine' is mapped twice ('Betrag' and 'Artikel'); "
        "give it once\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--tier", "83(9)"), "Error: tier: '83(9)': a tier is 83(4), 83(5) or 83(6)\n"),
        (("--tier", " "), "Error: --tier: ' ': empty\n"),
        (("--country", "XX"), "Error: country: 'XX': an ISO 3166-1 alpha-2 code such as 'DE'\n"),
        (("--country", "de", "--country", "Germany"), "Error: country: 'Germany': an ISO 3166-1 alpha-2 code such as 'DE'\n"),
    ],
)
def test_a_dataset_filter_that_can_match_nothing_is_refused(args: tuple[str, ...], message: str) -> None:
    result = run("--format", "cms", str(FIXTURES / "cms.json"), *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    # The same message as for one fine.
    one = run("--fine", "1000 EUR", *(args if args[0] == "--tier" else ("--tier", "83(4)", *args[-2:])))
    assert (one.exit_code, one.stderr) == (2, message)


def test_an_empty_tier_filter_is_refused() -> None:
    result = run("--format", "cms", str(FIXTURES / "cms.json"), "--tier", "")
    assert (result.exit_code, result.stderr) == (2, "Error: --tier: '': empty\n")


@pytest.mark.parametrize(
    ("args", "count"),
    [(("--tier", "Art. 83(5)"), 6), (("--tier", "83(5)"), 6), (("--country", " ie "), 1), (("--country", "DE"), 2)],
)
def test_a_dataset_filter_is_read_as_the_judge_reads_it(args: tuple[str, ...], count: int) -> None:
    result = run("--format", "cms", str(FIXTURES / "cms.json"), *args, "--jsonl")
    assert len(jsonl(result)) == count, result.output


def test_a_full_disk_at_the_sqlite_commit_is_an_output_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    class Full(sqlite3.Connection):
        def commit(self) -> None:
            raise sqlite3.OperationalError("database or disk is full")

    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda path: connect(path, factory=Full))
    database = tmp_path / "x.db"
    result = run("--format", "cms", str(FIXTURES / "cms.json"), "--sqlite", str(database))
    assert result.exit_code == 4, result.output
    assert result.stderr == f"Error: output: sqlite: {str(database)!r}: database or disk is full\n"
    assert list(tmp_path.iterdir()) == []


def test_an_sqlite_file_that_cannot_be_created_is_an_output_error(tmp_path: Path) -> None:
    database = tmp_path / "missing" / "x.db"
    result = run("--format", "cms", str(FIXTURES / "cms.json"), "--sqlite", str(database))
    assert result.exit_code == 4, result.output
    assert result.stderr == f"Error: output: sqlite: {str(database)!r}: unable to open database file\n"
