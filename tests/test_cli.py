"""The command line: exit codes, one-line errors on stderr, human and JSON output."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner, Result

from gdprfine.cases import load_case
from gdprfine.cli import app

ROOT = Path(__file__).resolve().parent.parent
AMAZON = str(ROOT / "examples" / "amazon-2021.toml")

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def assert_one_line_error(result: Result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def json_out(result: Result) -> Any:
    return json.loads(result.stdout)


def test_amazon_within() -> None:
    result = run("check", AMAZON)
    assert result.exit_code == 0
    assert result.stderr == ""
    out = result.stdout
    assert "verdict   WITHIN" in out
    assert re.search(r"^  cap       EUR 13 520 \d{3} \d{3}\.\d\d \(turnover limb\)$", out, re.M)
    assert "fine is   0.2207 % of turnover, 5.52 % of the cap" in out
    assert "implies   turnover >= EUR 18 650 000 000.00" in out
    assert "[Article 83(5)]" in out
    assert "[Article 83(3)]" in out
    assert "[Recital 150; Art. 83(4)-(6)]" in out


def test_amazon_json_contract() -> None:
    result = run("check", "--json", AMAZON)
    assert result.exit_code == 0
    data = json_out(result)
    assert isinstance(data, dict)
    for key in (
        "verdict",
        "cap",
        "fine",
        "fine_share_of_turnover",
        "fine_share_of_cap",
        "implied_minimum_turnover",
        "warnings",
        "trace",
        "file",
        "case",
        "regime",
        "tier",
        "turnover",
        "needs",
    ):
        assert key in data
    assert data["verdict"] == "within"
    assert abs(Decimal(data["cap"]["amount"]["amount"]) - Decimal("13.52e9")) < Decimal("0.005e9")
    assert data["cap"]["amount"]["currency"] == "EUR"
    assert data["cap"]["limb"] == "turnover"
    assert data["fine"] == {"amount": "746000000", "currency": "EUR"}
    assert round(Decimal(data["fine_share_of_turnover"]) * 100, 4) == Decimal("0.2207")
    assert round(Decimal(data["fine_share_of_cap"]) * 100, 2) == Decimal("5.52")
    assert data["implied_minimum_turnover"] == {"amount": "18650000000.00", "currency": "EUR"}
    assert data["warnings"] == []
    assert all(set(step) == {"step", "value", "reference", "note"} for step in data["trace"])


def test_exceeds_exit_1() -> None:
    result = run("check", "--fine", "25000000 EUR", "--tier", "83(4)", "--no-undertaking")
    assert result.exit_code == 1
    assert "verdict   EXCEEDS" in result.stdout
    assert result.stderr == ""


def test_undetermined_exit_3() -> None:
    result = run("check", "--fine", "746000000 EUR", "--tier", "83(5)", "--json")
    assert result.exit_code == 3
    data = json_out(result)
    assert data["verdict"] == "undetermined"
    assert data["cap"]["amount"] == {"amount": "20000000", "currency": "EUR"}
    assert (data["cap"]["limb"], data["cap"]["lower_bound"]) == ("static", True)
    assert data["implied_minimum_turnover"]["amount"] == "18650000000.00"
    assert data["fine_share_of_turnover"] is None


def test_fine_with_turnover_within() -> None:
    result = run(
        "check", "--fine", "EUR 746000000", "--tier", "83(5)", "--turnover", "338000350201.37"
    )
    assert result.exit_code == 0
    assert "verdict   WITHIN" in result.stdout


def test_fine_with_articles() -> None:
    result = run("check", "--fine", "1000", "--articles", "Art. 6(1), Art. 13", "--json")
    assert result.exit_code == 0
    assert json_out(result)["tier"] == "83(5)"


def test_uk_fine() -> None:
    result = run(
        "check",
        "--fine",
        "20000000 GBP",
        "--tier",
        "83(5)",
        "--regime",
        "uk-gdpr",
        "--date",
        "2022-01-01",
        "--no-undertaking",
        "--json",
    )
    assert result.exit_code == 1
    data = json_out(result)
    assert data["verdict"] == "exceeds"
    assert data["cap"]["amount"]["amount"] == "17500000"
    assert data["cap"]["amount"]["currency"] == "GBP"


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("check", "--fine", "abc", "--tier", "83(5)"), ("--fine", "'abc'")),
        (("check", "--fine", "-5 EUR", "--tier", "83(5)"), ("--fine", "'-5 EUR'", "negative")),
        (("check", "--fine", "1,500 EUR", "--tier", "83(5)"), ("--fine", "'1,500 EUR'", "ambiguous")),
        (("check", "--fine", "NaN", "--tier", "83(5)"), ("--fine", "'NaN'")),
        (("check", "--fine", "5 XEU", "--tier", "83(5)"), ("--fine", "'XEU'")),
        (("check", "--fine", "5", "--tier", "83(7)"), ("tier", "'83(7)'")),
        (
            ("check", "--fine", "5", "--tier", "83(4)", "--turnover", "-1 EUR"),
            ("--turnover", "'-1 EUR'"),
        ),
        (("check", "--fine", "5", "--tier", "83(4)", "--regime", "fr"), ("regime", "'fr'")),
        (
            ("check", "--fine", "5", "--tier", "83(4)", "--date", "2021-02-30"),
            ("--date", "'2021-02-30'"),
        ),
        (
            ("check", "--fine", "5", "--tier", "83(4)", "--date", "2018-05-24"),
            ("decision_date", "'2018-05-24'"),
        ),
        (
            (
                "check",
                "--fine",
                "5 GBP",
                "--tier",
                "83(4)",
                "--regime",
                "uk-gdpr",
                "--date",
                "2020-06-01",
            ),
            ("decision_date", "'2020-06-01'", "UK GDPR"),
        ),
        (("check", "--bogus"), ("--bogus",)),
        (("check", "missing.toml"), ("missing.toml",)),
        (
            ("check", "--fine", "5", "--tier", "83(4)", "--articles", "Art. 6"),
            ("--tier", "--articles"),
        ),
        (("check", "--fine", "5"), ("--tier",)),
        (("check",), ("case files",)),
        (("check", AMAZON, "--fine", "5"), ("--fine",)),
        (("check", "--fine", "5", "--articles", "Unknown"), ("articles", "'Unknown'")),
        (("cap", "--tier", "83(4)", "--articles", "Art. 6"), ("--tier", "--articles")),
        (("cap", "--tier", "83(7)"), ("tier", "'83(7)'")),
        (("cap", "--regime", "all", "--tier", "83(4)"), ("--regime all",)),
        (("cap", "--articles", "Art. 24 GDPR"), ("articles", "'Art. 24 GDPR'")),
        (("cap", "--tier", "83(4)", "--turnover", "1.5e9"), ("--turnover", "'1.5e9'")),
        (("nonsense",), ("nonsense",)),
        (
            ("cap", "--tier", "83(4)", "--regime", "uk-gdpr", "--date", "2020-06-01"),
            ("decision_date", "'2020-06-01'", "UK GDPR"),
        ),
        (("cap", "--tier"), ("--tier",)),
    ],
)
def test_usage_and_input_errors(args: tuple[str, ...], needles: tuple[str, ...]) -> None:
    assert_one_line_error(run(*args), *needles)


def test_several_files_give_a_json_document_of_results(tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    case = load_case(AMAZON)
    copy.write_text(case.model_copy(update={"sources": []}).model_dump_json(), "utf-8")
    result = run("check", "--json", AMAZON, str(copy))
    assert result.exit_code == 0
    document = json_out(result)
    assert document["schema_version"] == "2"
    data = document["results"]
    assert [item["file"] for item in data] == [AMAZON, str(copy)]
    assert all(item["verdict"] == "within" for item in data)


def test_bad_file_among_good_ones(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"fine": 1.5}', "utf-8")
    result = run("check", "--json", AMAZON, str(bad), AMAZON)
    assert result.exit_code == 2
    data = json_out(result)["results"]
    assert [item.get("verdict") for item in data] == ["within", None, "within"]
    assert data[1]["file"] == str(bad)
    assert str(bad) in data[1]["error"]
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: {bad}: 'JSON': 1.5 is a float")
    assert "Traceback" not in result.stderr


def test_bad_file_among_good_ones_human(tmp_path: Path) -> None:
    result = run("check", AMAZON, str(tmp_path / "missing.toml"))
    assert result.exit_code == 2
    assert "verdict   WITHIN" in result.stdout
    assert "Error" not in result.stdout
    assert result.stderr == f"Error: {tmp_path / 'missing.toml'}: No such file or directory\n"


def test_exceeding_case_file(tmp_path: Path) -> None:
    path = tmp_path / "person.json"
    path.write_text(
        json.dumps(
            {
                "authority": {"name": "X", "country": "DE"},
                "addressee": "A person",
                "is_undertaking": False,
                "decision_date": "2021-01-01",
                "fine": "25000000 EUR",
                "articles": "Art. 32 GDPR",
            }
        ),
        "utf-8",
    )
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "verdict   EXCEEDS" in result.stdout


def test_cap_human() -> None:
    result = run("cap", "--tier", "83(5)", "--turnover", "1000000000 EUR")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "Art. 83(5) (eu-gdpr): EUR 40 000 000.00 (turnover limb)"
    )
    assert "static amount   EUR 20 000 000" in result.stdout


def test_cap_human_lower_bound() -> None:
    result = run("cap", "--tier", "83(4)")
    assert result.exit_code == 0
    assert (
        result.stdout.splitlines()[0]
        == "Art. 83(4) (eu-gdpr): at least EUR 10 000 000 (static limb)"
    )


def test_cap_json() -> None:
    result = run("cap", "--articles", "Art. 32 GDPR", "--turnover", "1000000000", "--json")
    assert result.exit_code == 0
    data = json_out(result)
    assert data["tier"] == "83(4)"
    assert data["cap"] == {
        "regime": "eu-gdpr",
        "tier": "83(4)",
        "amount": {"amount": "20000000.00", "currency": "EUR"},
        "limb": "turnover",
        "static": {"amount": "10000000", "currency": "EUR"},
        "turnover_share": "0.02",
        "turnover_based": {"amount": "20000000.00", "currency": "EUR"},
        "undertaking": True,
        "lower_bound": False,
        "reference": "Article 83(4)",
    }
    assert data["valid_from"] == "2018-05-25"
    assert data["confidence"] == "primary"


def test_cap_uk_json() -> None:
    result = run("cap", "--tier", "83(5)", "--regime", "uk-gdpr", "--json")
    assert result.exit_code == 0
    data = json_out(result)
    assert data["cap"]["amount"]["amount"] == "17500000"
    assert data["cap"]["amount"]["currency"] == "GBP"
    assert data["confidence"] == "secondary"
    assert data["cap"]["reference"].endswith("[secondary]")


def test_cap_non_undertaking() -> None:
    result = run("cap", "--tier", "83(5)", "--turnover", "1000000000", "--no-undertaking", "--json")
    assert result.exit_code == 0
    assert json_out(result)["cap"]["amount"]["amount"] == "20000000"


def test_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json_out(result)
    assert schema["type"] == "object"
    assert schema["title"] == "CaseRecord"
    for key in (
        "id",
        "regime",
        "authority",
        "addressee",
        "decision_date",
        "fine",
        "articles",
        "turnover",
        "status",
        "sources",
    ):
        assert key in schema["properties"]
    assert "$defs" in schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:gdprfine:schema:case-record:2"


JSON_TYPES = {"object", "array", "string", "number", "integer", "boolean", "null"}


def _walk(node: Any, defs: dict[str, Any]) -> None:
    if isinstance(node, dict):
        if "$ref" in node:
            ref = node["$ref"]
            assert ref.startswith("#/$defs/")
            assert ref.removeprefix("#/$defs/") in defs
        if "type" in node:
            kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
            assert set(kinds) <= JSON_TYPES
        if "required" in node:
            assert set(node["required"]) <= set(node.get("properties", {}))
        for value in node.values():
            _walk(value, defs)
    elif isinstance(node, list):
        for value in node:
            _walk(value, defs)


def test_schema_is_well_formed_json_schema() -> None:
    schema = json_out(run("schema"))
    _walk(schema, schema["$defs"])


def test_top_level_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Check GDPR fines against Article 83" in result.stdout


def test_no_args_shows_help() -> None:
    result = run()
    assert "Usage" in result.output


COMMANDS = typer.main.get_command(app)


@pytest.mark.parametrize("name", ["check", "cap", "schema"])
def test_every_command_has_help(name: str) -> None:
    assert isinstance(COMMANDS, TyperGroup)
    command = COMMANDS.commands[name]
    assert command.callback is not None
    doc = (command.callback.__doc__ or "").strip()
    assert doc
    result = run(name, "--help")
    assert result.exit_code == 0
    assert doc.split("\n")[0] in " ".join(result.stdout.split())


def test_all_commands_listed() -> None:
    assert isinstance(COMMANDS, TyperGroup)
    assert {"check", "cap", "schema"} <= set(COMMANDS.commands)
    for command in COMMANDS.commands.values():
        assert (command.help or "").strip(), command.name


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["check", "--fine", "", "--tier", "83(5)"], "--fine: ''"),
        (["check", "--fine", "1000 EUR", "--tier", " "], "--tier: ' '"),
        (["cap", "--tier", ""], "--tier: ''"),
        (["cap", "--tier", "83(5)", "--turnover", ""], "--turnover: ''"),
        (["estimate", "--articles", "Art. 5", "--seriousness", "low", "--turnover", ""], "--turnover: ''"),
        (["check", "--fine", "1000 EUR", "--articles", "Art. 5", "--articles", ""], "--articles: ''"),
        (["check", ""], "PATHS: ''"),
        (["convert", "", "--to", "EUR"], "AMOUNT: ''"),
    ],
)
def test_an_empty_value_is_an_error_naming_the_option(args: list[str], shown: str) -> None:
    # Taken as absent, `cap --tier ''` listed every tier and `check ''` read the current folder.
    assert assert_one_line_error(run(*args)) == f"Error: {shown}: empty"


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["check", "--fine", "9" * 41 + " EUR", "--tier", "83(5)"], "--fine: '" + "9" * 41 + " EUR': more than 18 integer digits"),
        (["cap", "--tier", "83(5)", "--turnover", "9" * 19 + " EUR"], "--turnover: '" + "9" * 19 + " EUR': more than 18 integer digits"),
        (["check", "--fine", "0.0000000000001 EUR", "--tier", "83(5)"], "--fine: '0.0000000000001 EUR': more than 12 decimal places"),
        (
            ["check", "--fine", "9" * 5000 + " EUR", "--tier", "83(5)"],
            "--fine: '" + "9" * 80 + "...' (5004 characters): more than 18 integer digits",
        ),
    ],
)
def test_an_amount_over_the_digit_limit_is_named_and_cut(args: list[str], shown: str) -> None:
    assert assert_one_line_error(run(*args)) == f"Error: {shown}"
