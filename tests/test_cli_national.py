"""The command line's options for the rules beside Art. 83(4)-(6): --public-body with
--country (Art. 83(7)) and --fault (CJEU C-807/21)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from gdprfine.cli import app

runner = CliRunner()


def run(*args: str) -> object:
    return runner.invoke(app, list(args))


def test_check_a_fine_on_a_german_public_body() -> None:
    result = runner.invoke(
        app, ["check", "--fine", "50000 EUR", "--articles", "Art. 32", "--public-body",
              "--country", "DE", "--no-undertaking", "--json"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["verdict"] == "exceeds"
    assert data["cap"]["limb"] == "none"
    assert "§ 43(3) BDSG" in data["cap"]["reference"]


def test_a_public_body_whose_undertaking_status_is_not_said_is_undetermined() -> None:
    result = runner.invoke(
        app, ["check", "--fine", "50000 EUR", "--articles", "Art. 32", "--public-body", "--country", "DE"]
    )
    assert result.exit_code == 3, result.output
    assert "whether the body acts as an undertaking" in result.stdout


def test_cap_of_a_swedish_authority() -> None:
    result = runner.invoke(app, ["cap", "--tier", "83(4)", "--public-body", "--country", "SE", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cap"]["amount"] == {"amount": "5000000", "currency": "SEK"}
    assert data["cap"]["limb"] == "national"


def test_cap_table_refuses_a_public_body() -> None:
    result = runner.invoke(app, ["cap", "--public-body", "--country", "SE"])
    assert result.exit_code == 2
    assert "--public-body" in result.stderr


def test_a_public_body_needs_a_country() -> None:
    result = runner.invoke(app, ["check", "--fine", "1 EUR", "--tier", "83(4)", "--public-body"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: country")


def test_no_fault() -> None:
    result = runner.invoke(app, ["check", "--fine", "1000 EUR", "--articles", "Art. 32", "--fault", "none"])
    assert result.exit_code == 1, result.output
    assert "C-807/21" in result.stdout
    bad = runner.invoke(app, ["check", "--fine", "1000 EUR", "--articles", "Art. 32", "--fault", "strict"])
    assert bad.exit_code == 2
    assert "fault: 'strict'" in bad.stderr


def test_the_options_are_refused_with_a_case_file() -> None:
    result = runner.invoke(app, ["check", "examples/amazon-2021.toml", "--fault", "none"])
    assert result.exit_code == 2
    assert "--fault" in result.stderr
