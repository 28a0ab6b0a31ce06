"""gdprfine reconcile: the report, --json, --jsonl, exit codes and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gdprfine.cli import app

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CMS = SHARED_DATA / "cms-enforcementtracker-2024-03.json"
PRIVACY_AFFAIRS = SHARED_DATA / "privacyaffairs-gdpr-violations-2020.tsv"
HEADER = "id\tpicture\tname\tprice\tauthority\tdate\tcontroller\tarticle_violated\ttype\tsource\tsummary\n"

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, ["reconcile", *args])


def pa_row(
    number: int, price: str, controller: str, date: str = "10/18/2019", country: str = "Poland"
) -> str:
    return f"{number}\t\t{country}\t{price}\tUODO\t{date}\t{controller}\tArt. 28 GDPR\t\t\t\n"


@pytest.fixture
def exports(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A Privacy Affairs export, the same one, and one with a changed amount and an extra row."""
    a = tmp_path / "a.tsv"
    a.write_text(
        HEADER
        + pa_row(1, "9380", "Polish Mayor")
        + pa_row(2, "2500", "Uttis Industries SRL", "10/17/2019")
    )
    same = tmp_path / "same.tsv"
    same.write_text(a.read_text())
    b = tmp_path / "b.jsonl"
    b.write_text(
        json.dumps({"fine": "938", "date": "2019-10-18", "country": "PL", "party": "Polish mayor", "dpa": "UODO",
                    "articles": "Art. 28 GDPR", "id": "x1"}) + "\n"
        + json.dumps({"fine": "5000", "date": "2021-01-01", "country": "FR", "party": "Other", "id": "x2"}) + "\n"
    )  # fmt: skip
    return a, same, b


B_COLUMNS = (
    "--format-b", "jsonl", "--column-b", "fine=fine", "--column-b", "date=date", "--column-b", "country=country",
    "--column-b", "controller=party", "--column-b", "authority=dpa", "--column-b", "articles=articles",
    "--column-b", "id=id",
)  # fmt: skip


def test_the_same_export_agrees_and_exits_0(exports: tuple[Path, Path, Path]) -> None:
    a, same, _ = exports
    result = run(str(a), str(same))
    assert result.exit_code == 0, result.output
    assert "(privacyaffairs, 2 records)" in result.stdout
    assert (
        "  agreed             2\n  disagreeing        0\n  only in A          0\n  only in B          0"
        in result.stdout
    )


def test_a_disagreement_exits_1_and_is_shown_with_its_score(
    exports: tuple[Path, Path, Path],
) -> None:
    a, _, b = exports
    result = run(str(a), str(b), *B_COLUMNS)
    assert result.exit_code == 1, result.output
    assert "  disagreeing        1\n  only in A          1\n  only in B          1" in result.stdout
    assert (
        "  1 ~ x1  score 0.775 (amount 0.500x0.30, date 1.000x0.25, party 1.000x0.25, authority 1.000x0.05, "
        "source 0.500x0.15)" in (result.stdout)
    )
    assert "    amount: A EUR 9 380 | B EUR 938  (one is 10^1 times the other)" in result.stdout


def test_json_is_one_document_with_amounts_and_scores_as_strings(
    exports: tuple[Path, Path, Path],
) -> None:
    a, _, b = exports
    result = run(str(a), str(b), *B_COLUMNS, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema_version"] == "2"
    assert data["a"] == {"file": str(a), "format": "privacyaffairs"}
    assert data["counts"] == {"agreed": 0, "disagreeing": 1, "only-a": 1, "only-b": 1}
    assert data["options"]["min_score"] == "0.6"
    assert data["options"]["weights"]["amount"] == "0.30"
    (match,) = [e for e in data["entries"] if e["kind"] == "disagreeing"]
    assert match["score"] == "0.775"
    assert match["differences"][0]["a"] == {"amount": "9380", "currency": "EUR"}
    assert [c["name"] for c in match["components"]] == [
        "amount",
        "date",
        "party",
        "authority",
        "source",
    ]
    assert all(isinstance(c["points"], str) for c in match["components"])
    assert "float" not in {type(v).__name__ for e in data["entries"] for v in e.values()}


def test_jsonl_is_one_line_per_match_and_unmatched_record(exports: tuple[Path, Path, Path]) -> None:
    a, _, b = exports
    result = run(str(a), str(b), *B_COLUMNS, "--jsonl")
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(line["kind"] for line in lines) == ["disagreeing", "only-a", "only-b"]
    only_b = next(line for line in lines if line["kind"] == "only-b")
    assert only_b["b"]["id"] == "x2"
    assert only_b["reason"].startswith("no record of A")


def test_options_change_the_matching(exports: tuple[Path, Path, Path]) -> None:
    a, _, b = exports
    strict = run(str(a), str(b), *B_COLUMNS, "--min-score", "0.9")
    assert strict.exit_code == 0
    assert "  only in A          2\n  only in B          2" in strict.stdout
    weighted = run(
        str(a),
        str(b),
        *B_COLUMNS,
        "--weights",
        "amount=0.1,date=0.3,party=0.4,authority=0.1,source=0.1",
        "--json",
    )
    (match,) = [e for e in json.loads(weighted.stdout)["entries"] if e["kind"] == "disagreeing"]
    assert match["score"] == "0.900"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min-score", "high"], "Error: --min-score: 'high': not a number\n"),
        (["--min-score", "NaN"], "Error: --min-score: 'NaN': not a number\n"),
        (["--min-score", "2"], "Error: min_score: Decimal('2'): a score from 0 to 1\n"),
        (
            ["--weights", "amount=1"],
            "Error: weights: 'amount': one weight each for amount, date, party, authority, source\n",
        ),
        (
            ["--weights", "size=1"],
            "Error: --weights: 'size=1': expected NAME=WEIGHT, NAME one of amount, date, party, authority, source\n",
        ),
        (["--date-tolerance", "-3"], "Error: date_tolerance_days: -3: from 0 to 3660 days\n"),
        (["--json", "--jsonl"], "Error: --json and --jsonl: give one, not both\n"),
        (
            ["--format-b", "excel"],
            "Error: format: 'excel': one of auto, cms, privacyaffairs, gdprhub, csv, jsonl\n",
        ),
        (
            ["--format-b", "csv"],
            "Error: column: the csv format needs a column mapping, e.g. fine=Amount\n",
        ),
        (
            ["--column-b", "fine"],
            "Error: --column-b: 'fine': expected FIELD=COLUMN, e.g. fine=Amount\n",
        ),
        (["--delimiter", ";;"], "Error: --delimiter: ';;': one character (or \\t)\n"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    exports: tuple[Path, Path, Path], args: list[str], message: str
) -> None:
    a, same, _ = exports
    result = run(str(a), str(same), *args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert result.stdout == ""


def test_bad_files_are_one_line_and_exit_2(
    exports: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    a, _, b = exports
    missing = run(str(a), str(tmp_path / "nope.tsv"))
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"Error: file: '{tmp_path / 'nope.tsv'}': No such file or directory\n",
    )
    unknown = run(str(a), str(b))
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith(f"Error: format: '{b}': not recognised as a tracker export")
    binary = tmp_path / "binary.tsv"
    binary.write_bytes(b"\xff\xfe\x00" * 100)
    broken = run(str(a), str(binary), "--format-b", "privacyaffairs")
    assert broken.exit_code == 2
    assert broken.stderr.count("\n") == 1
    assert broken.stderr.startswith("Error: file:")
    folder = run(str(a), str(tmp_path))
    assert folder.exit_code == 2
    assert folder.stderr.startswith("Error: file:")
    assert "not a regular file" in folder.stderr


def test_an_export_of_which_no_record_can_be_read_exits_2(
    exports: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    a, _, _ = exports
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[1]\nnot json\n")
    result = run(str(a), str(bad), "--format-b", "jsonl", "--column-b", "fine=fine")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: file: '{bad}': no record could be read (2 records, all unreadable)\n"
    )


def test_the_command_is_listed_with_help() -> None:
    result = runner.invoke(app, ["--help"])
    assert "reconcile" in result.stdout
    assert "Match the records" in runner.invoke(app, ["reconcile", "--help"]).stdout


def test_hostile_input_never_shows_a_traceback_in_a_real_process(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.json"
    hostile.write_text('{"data": [[' * 5000)
    other = tmp_path / "other.json"
    other.write_text(
        '{"data": [["", "ETid-1", "SPAIN", "AEPD", "2020", "1000", "x", "", "Art. 6 GDPR", "", "", "", ""]]}'
    )
    result = subprocess.run(
        [sys.executable, "-m", "gdprfine", "reconcile", str(hostile), str(other)],
        capture_output=True, text=True, timeout=60, check=False, env={**os.environ},
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("Error: file: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    not (CMS.is_file() and PRIVACY_AFFAIRS.is_file()),
    reason="the shared tracker exports are not here (../shared/data)",
)
def test_the_shared_exports_on_the_command_line() -> None:
    result = run(str(CMS), str(PRIVACY_AFFAIRS), "--show", "3")
    assert result.exit_code == 1
    assert "A: " + str(CMS) + " (cms, 2225 records)" in result.stdout
    assert (
        "  agreed           177\n  disagreeing       51\n  only in A       1997\n  only in B         22"
        in result.stdout
    )
    assert "Disagreements (first 3; --json or --jsonl for all):" in result.stdout


def test_an_unbalanced_quote_to_the_end_of_the_file_loses_no_record(
    exports: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    a, _, _ = exports
    csv = tmp_path / "quote.csv"
    csv.write_text("Amount,Date\n1000,2019-10-18\n\"2000,2019-10-18\n3000,2019-10-18\n4000,2019-10-18\n")
    result = run(str(csv), str(a), "--format-a", "csv", "--column-a", "fine=Amount", "--column-a", "date=Date",
                 "--json")  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["records"]["a"] == 4
