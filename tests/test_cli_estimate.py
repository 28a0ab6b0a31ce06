"""``gdprfine estimate``: human and JSON output, case files, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from gdprfine.cli import app
from gdprfine.cli.render import render_comparison, render_estimate
from gdprfine.estimate import Conduct, compare, model
from gdprfine.money import Money

ROOT = Path(__file__).resolve().parent.parent
CAVEAT = model().caveat


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["estimate", *args])


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


HAND_COMPUTED = [
    (
        ["--articles", "Art. 33(5)", "--seriousness", "high", "--position", "100%"],
        "2000000 EUR",
        "20000",
        "40000",
        "EUR 20 000 - EUR 40 000",
    ),
    (
        ["--articles", "Art. 6(1)", "--seriousness", "low"],
        "1000000 EUR",
        "0",
        "8000",
        "EUR 0 - EUR 8 000",
    ),
    (
        ["--articles", "Art. 6(1), Art. 13", "--seriousness", "medium"],
        "5000000 EUR",
        "6000",
        "80000",
        "EUR 6 000 - EUR 80 000",
    ),
    (
        ["--articles", "Art. 6", "--seriousness", "high"],
        "1000000000",
        "8000000",
        "40000000",
        "EUR 8 000 000 - EUR 40 000 000",
    ),
]


@pytest.mark.parametrize(("args", "turnover", "low", "high", "text"), HAND_COMPUTED)
def test_hand_computed_human(
    args: list[str], turnover: str, low: str, high: str, text: str
) -> None:
    result = run(*args, "--turnover", turnover)
    assert result.exit_code == 0, result.stderr
    assert f"  total: {text}\n" in result.stdout
    assert f"Caveat: {CAVEAT}" in result.stdout
    for number in range(1, 6):
        assert f"    step {number}: " in result.stdout


@pytest.mark.parametrize(("args", "turnover", "low", "high", "text"), HAND_COMPUTED)
def test_hand_computed_json(args: list[str], turnover: str, low: str, high: str, text: str) -> None:
    data = run_json(*args, "--turnover", turnover)
    (only,) = data["estimates"]
    assert only["model"] == "edpb"
    assert (only["low"]["amount"], only["high"]["amount"]) == (f"{low}.00", f"{high}.00")
    assert only["low"]["currency"] == "EUR"
    assert data["caveat"] == CAVEAT == only["caveat"]
    steps = only["conducts"][0]["steps"]
    numbers = [s["step"].split(":")[0] for s in steps]
    assert numbers == sorted(numbers)
    assert sorted(set(numbers)) == [f"step {n}" for n in range(1, 6)]
    assert all(set(s) == {"step", "value", "reference", "note"} for s in steps)
    assert isinstance(only["conducts"][0]["cap"]["amount"]["amount"], str)


def test_above_500m_says_no_size_adjustment() -> None:
    result = run("--articles", "Art. 6", "--seriousness", "high", "--turnover", "1000000000")
    assert "none above EUR 500 000 000" in result.stdout


def test_separate_conducts_and_adjustments() -> None:
    data = run_json(
        "--articles", "Art. 6(1)",
        "--articles", "Art. 33(5)",
        "--seriousness", "medium",
        "--seriousness", "high",
        "--turnover", "5000000 EUR",
        "--adjust", "1:f:-10%:cooperated fully",
        "--fine", "100000 EUR",
    )  # fmt: skip
    estimate = data["estimates"][0]
    first, second = estimate["conducts"]
    assert (first["low"]["amount"], first["high"]["amount"]) == ("5400.00", "72000.00")
    # 83(4) high: 10 m x [20 %, 100 %] x [0.3 %, 2 %]
    assert (second["low"]["amount"], second["high"]["amount"]) == ("6000.00", "200000.00")
    assert (estimate["low"]["amount"], estimate["high"]["amount"]) == ("11400.00", "272000.00")
    assert estimate["position"] == "inside"
    assert first["adjustments"] == [
        "Art. 83(2)(f) the degree of cooperation with the supervisory authority: "
        "mitigating -10 %: cooperated fully"
    ]


def test_known_fine_is_placed_against_the_range() -> None:
    result = run(
        "--articles", "Art. 6", "--seriousness", "low", "--turnover", "1000000", "--fine", "9000"
    )
    assert "  fine EUR 9 000: above the range\n" in result.stdout


def test_all_models_side_by_side() -> None:
    result = run(
        "--articles", "Art. 6", "--seriousness", "medium", "--turnover", "5000000", "--model", "all"
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "Estimated range by method",
        "  edpb  EUR 6 000 - EUR 80 000",
        "  dsk   EUR 38 888 - EUR 77 776",
        "  ap    EUR 120 000 - EUR 500 000",
    ]
    assert "DSK Bußgeldkonzept (Germany, 2019) (historical)" in result.stdout
    assert "  caveat: Historical Dutch scheme" in result.stdout


def test_all_models_without_turnover_skips_dsk() -> None:
    result = run("--articles", "Art. 6", "--seriousness", "medium", "--model", "all")
    assert (
        "  dsk   not applicable: the DSK concept needs the undertaking's turnover" in result.stdout
    )


def test_casefile_amazon_all_models() -> None:
    data = run_json(
        str(ROOT / "examples" / "amazon-2021.toml"), "--seriousness", "low", "--model", "all"
    )
    positions = {e["model"]: e["position"] for e in data["estimates"]}
    assert positions == {"edpb": "inside", "dsk": "below", "ap": "above"}
    edpb = data["estimates"][0]
    assert edpb["turnover"] == {"amount": "338001533887.35", "currency": "EUR"}
    assert edpb["high"]["amount"] == "1352006135.55"
    assert any("predates this method" in n for n in edpb["notes"])
    assert any("USD/EUR 1.142196 [ecb-mean" in n for n in edpb["notes"])


def test_casefile_human() -> None:
    result = run(str(ROOT / "examples" / "amazon-2021.toml"), "--seriousness", "medium")
    assert result.exit_code == 0, result.stderr
    assert "  fine EUR 746 000 000: below the range\n" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--articles", "Art. 6", "--seriousness", "severe"], "seriousness: 'severe': one of low"),
        (["--articles", "Art. 6"], "--seriousness: required"),
        (["--seriousness", "low"], "give a case file or --articles"),
        (["--articles", "Art. 24", "--seriousness", "low"], "no infringement of this conduct"),
        (
            ["--articles", "Art. 6", "--seriousness", "low", "--turnover", "5,000"],
            "ambiguous",
        ),
        (
            ["--articles", "Art. 6", "--seriousness", "low", "--turnover", "5 USD"],
            "give its financial year",
        ),
        (["--articles", "Art. 6", "--seriousness", "low", "--model", "cnil"], "--model: 'cnil'"),
        (
            ["--articles", "Art. 6", "--seriousness", "low", "--model", "dsk"],
            "needs the undertaking",
        ),
        (["--articles", "Art. 6", "--seriousness", "low", "--adjust", "a:+5%:x"], "step 2"),
        (
            ["--articles", "A", "--articles", "B", "--seriousness", "low", "--adjust", "f:-1%:x"],
            "conduct's number",
        ),
        (["--articles", "Art. 6", "--seriousness", "low", "--date", "2021-13-01"], "not a date"),
        (
            ["examples/amazon-2021.toml", "--seriousness", "low", "--turnover", "1"],
            "the case file gives it",
        ),
        (["nowhere.toml", "--seriousness", "low"], "nowhere.toml"),
        (["--articles", "Art. 6", "--seriousness", "low", "--repeat"], "--repeat: applies"),
        (
            ["--articles", "Art. 6", "--seriousness", "low", "--repeat", "--model", "dsk",
             "--turnover", "5000000"],
            "--repeat: applies",
        ),
        (["examples/amazon-2021.toml", "--seriousness", "low", "--repeat"], "--repeat: applies"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_help() -> None:
    result = CliRunner().invoke(app, ["estimate", "--help"])
    assert result.exit_code == 0
    assert "A starting orientation, not a fine." in result.stdout


def test_rendering_is_pure_text(capsys: pytest.CaptureFixture[str]) -> None:
    comparison = compare([Conduct.of("Art. 6", "medium")], Money("5000000", "EUR"))
    text = render_comparison(comparison)
    estimate_text = render_estimate(comparison.estimates[0], comparison.caveat)
    assert capsys.readouterr() == ("", "")
    assert estimate_text in text
    assert text.endswith(f"Caveat: {CAVEAT}")
    assert estimate_text.splitlines()[:3] == [
        "EDPB Guidelines 04/2022 (v2.1)",
        "  conduct 1: Art. 6 -> Art. 83(5), medium seriousness: EUR 6 000 - EUR 80 000",
        "    step 1: conduct: conduct 1: one sanctionable conduct, one fine under the gravest "
        "infringement's cap",
    ]
    assert "    step 2: starting point: EUR 6 000 - EUR 80 000" in estimate_text.splitlines()
    assert "  caveat:" not in estimate_text
