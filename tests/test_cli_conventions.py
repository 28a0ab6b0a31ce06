"""The command line people expect: conventions, news texts in and a verdict out, exposure,
locales, and the exit codes 0 / 1 / 3 / 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gdprfine.cli import app

ROOT = Path(__file__).resolve().parent.parent
AMAZON = str(ROOT / "examples" / "amazon-2021.toml")
SEEDS = str(ROOT / "examples" / "seeds")
GERMAN = (
    "Die Datenschutzbehörde verhängte gegen Amazon eine Geldbuße von 746 Millionen Euro. "
    "Die Geldbuße von 746 Millionen Euro ist die bisher höchste."
)
runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin)


# Conventions


def test_dash_h_is_help() -> None:
    result = run("-h")
    assert result.exit_code == 0
    assert "Usage: gdprfine" in result.stdout
    assert run("check", "-h").exit_code == 0


def test_bare_command_prints_the_help_on_many_lines() -> None:
    result = run()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: gdprfine")
    assert len(result.stdout.splitlines()) > 10
    assert "Error" not in result.output


def test_commands_in_order_with_full_descriptions() -> None:
    out = run("--help").stdout
    listed = [
        line.split()[0]
        for line in out.split("Commands:")[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    assert listed == ["check", "cap", "estimate", "cases", "reconcile", "report", "convert", "schema"]
    assert "against their Art.\n" not in out
    assert "Art. 83 caps: case files" in out
    assert "..." not in out.split("Commands:")[1]


def test_shell_completion_is_enabled() -> None:
    env = {
        **os.environ,
        "_GDPRFINE_COMPLETE": "complete_bash",
        "COMP_WORDS": "gdprfine ch",
        "COMP_CWORD": "1",
    }
    code = "from gdprfine.cli import app; app(prog_name='gdprfine')"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert "check" in done.stdout.split()
    assert "--install-completion" in run("--help").stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("check", "--fine", "5000000 EUR", "--tier", "83(4)"), 0),
        (("check", "--fine", "25000000 EUR", "--tier", "83(4)", "--no-undertaking"), 1),
        (("check", "--fine", "25000000 EUR", "--tier", "83(4)"), 3),
        (("check", "--fine", "nonsense", "--tier", "83(4)"), 2),
    ],
)
def test_exit_codes(args: tuple[str, ...], code: int) -> None:
    assert run(*args).exit_code == code


def test_several_files_exit_1_if_any_exceeds_else_3(tmp_path: Path) -> None:
    text = Path(AMAZON).read_text("utf-8").split("[[sources]]")[0]
    exceeds = tmp_path / "exceeds.toml"
    exceeds.write_text(text.replace("is_undertaking = true", "is_undertaking = false"), "utf-8")
    undetermined = tmp_path / "undetermined.toml"
    undetermined.write_text(text.split("[turnover]")[0], "utf-8")
    verdicts = [json.loads(run("check", "--json", str(p)).stdout)["verdict"] for p in (exceeds, undetermined)]
    assert verdicts == ["exceeds", "undetermined"]
    assert run("check", AMAZON, str(undetermined)).exit_code == 3
    assert run("check", str(undetermined), str(exceeds), AMAZON).exit_code == 1
    assert run("check", AMAZON).exit_code == 0


# Journalists


def test_stdin_article_with_articles_and_turnover_prints_fine_cap_verdict() -> None:
    result = run(
        "check",
        "-",
        "--articles",
        "Art. 6",
        "--turnover",
        "338000000000 EUR",
        "--turnover-of",
        "group",
        stdin=GERMAN,
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "[de, guessed]: EUR 746 000 000" in out
    assert "verdict   WITHIN" in out
    assert "cap       EUR 13 520 000 000.00 (turnover limb)" in out


def test_text_file_is_read_as_a_report(tmp_path: Path) -> None:
    report = tmp_path / "article.txt"
    report.write_text("Amazon heeft een boete van 746 miljoen euro gekregen.", "utf-8")
    result = run("check", str(report), "--tier", "83(5)", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 3
    assert data["sources"]["consensus"] == {"amount": "746000000", "currency": "EUR"}
    assert data["verdict"]["verdict"] == "undetermined"


def test_folder_mode_applies_tier_and_turnover() -> None:
    result = run(
        "check",
        SEEDS,
        "--tier",
        "83(5)",
        "--turnover",
        "338000000000 EUR",
        "--turnover-of",
        "group",
    )
    assert result.exit_code == 0, result.output
    assert "verdict   WITHIN" in result.stdout


def test_options_that_do_not_apply_are_errors() -> None:
    result = run("check", AMAZON, "--tier", "83(4)")
    assert result.exit_code == 2
    assert "--tier: not used with a case file" in result.stderr
    result = run("check", "--fine", "5", "--tier", "83(4)", "--currency", "USD")
    assert result.exit_code == 2
    assert "--currency" in result.stderr


def test_folder_without_majority_says_disagree_and_prints_no_json(tmp_path: Path) -> None:
    for name, text in (
        ("a.txt", "Amazon was fined EUR 746 million."),
        ("b.txt", "Amazon fined EUR 700 million; the fine of EUR 700 million."),
        ("c.txt", "Amazon fined EUR 800 million; the fine of EUR 800 million."),
    ):
        (tmp_path / name).write_text(text, "utf-8")
    result = run("check", str(tmp_path))
    assert result.exit_code == 1
    assert "no fine amount found" not in result.stdout
    assert "DISAGREE: 3 of 3 state a fine" in result.stdout
    assert "{" not in result.stdout


@pytest.mark.parametrize(
    ("text", "locale", "amount"),
    [
        ("1,2 Mio. Euro", None, "1200000"),
        ("EUR 1.5m", None, "1500000"),
        ("1,500,000", None, "1500000"),
        ("1,5 Mio. EUR", "de", "1500000"),
    ],
)
def test_fine_as_pasted(text: str, locale: str | None, amount: str) -> None:
    extra = ["--locale", locale] if locale else []
    result = run("check", "--fine", text, "--tier", "83(4)", "--json", *extra)
    assert json.loads(result.stdout)["fine"]["amount"] == amount


def test_ambiguous_fine_is_refused_saying_how_to_write_it() -> None:
    result = run("check", "--fine", "1,500 EUR", "--tier", "83(4)")
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
    assert "'1500 EUR'" in result.stderr


def test_undated_foreign_fine_within_at_any_rate() -> None:
    result = run("check", "--fine", "2500000 PLN", "--articles", "Art. 32", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert data["verdict"] == "within"
    assert any("at any rate" in w for w in data["warnings"])


def test_undated_foreign_fine_that_a_date_would_settle_asks_for_the_date() -> None:
    result = run(
        "check", "--fine", "45000000 PLN", "--articles", "Art. 32", "--no-undertaking", "--json"
    )
    data = json.loads(result.stdout)
    assert result.exit_code == 3
    assert any(need.startswith("the decision date") for need in data["needs"])
    text = run("check", "--fine", "45000000 PLN", "--articles", "Art. 32", "--no-undertaking")
    assert "  needs     --date YYYY-MM-DD: the decision date" in text.stdout


# Compliance officers


def test_group_turnover_in_help_and_output() -> None:
    assert "C-807/21" in run("cap", "--help").stdout
    result = run("cap", "--tier", "83(4)", "--turnover", "1000000000 EUR", "--turnover-of", "group")
    assert "group's worldwide turnover counts (CJEU C-807/21" in result.stdout
    assert result.stderr == ""


def test_turnover_without_saying_whose_warns() -> None:
    result = run("cap", "--tier", "83(4)", "--turnover", "1000000000 EUR")
    assert result.exit_code == 0
    assert "Warning: --turnover: whose turnover" in result.stderr
    entity = run(
        "cap",
        "--tier",
        "83(4)",
        "--turnover",
        "1000000000 EUR",
        "--turnover-of",
        "entity",
        "--json",
    )
    assert any("C-807/21" in w for w in json.loads(entity.stdout)["warnings"])


def test_estimate_accepts_a_foreign_turnover_with_fy() -> None:
    result = run(
        "estimate",
        "--articles",
        "Art. 6",
        "--seriousness",
        "low",
        "--turnover",
        "386064000000 USD",
        "--fy",
        "2020",
        "--turnover-of",
        "group",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["estimates"][0]["turnover"] == {"amount": "338001533887.35", "currency": "EUR"}


def test_cap_without_tier_shows_every_tier_and_both_regimes() -> None:
    out = run("cap", "--turnover", "1000000000 EUR", "--turnover-of", "group").stdout
    assert [line.split()[1] for line in out.splitlines()[1:4]] == ["83(4)", "83(5)", "83(6)"]
    both = run(
        "cap",
        "--regime",
        "all",
        "--turnover",
        "1000000000 EUR",
        "--fy",
        "2023",
        "--turnover-of",
        "group",
        "--json",
    )
    assert [(c["regime"], c["tier"]) for c in json.loads(both.stdout)["caps"]] == [
        ("eu-gdpr", "83(4)"),
        ("eu-gdpr", "83(5)"),
        ("eu-gdpr", "83(6)"),
        ("uk-gdpr", "83(4)"),
        ("uk-gdpr", "83(5)"),
        ("uk-gdpr", "83(6)"),
    ]


def test_repeated_articles_all_count() -> None:
    data = json.loads(run("cap", "--articles", "Art. 32", "--articles", "Art. 6", "--json").stdout)
    assert data["tier"] == "83(5)"


def test_one_rounding_rule_in_cap_and_check() -> None:
    cap = run(
        "cap", "--tier", "83(4)", "--turnover", "3695559784.92 EUR", "--turnover-of", "group"
    ).stdout
    check = run(
        "check",
        "--fine",
        "1 EUR",
        "--tier",
        "83(4)",
        "--turnover",
        "3695559784.92 EUR",
        "--turnover-of",
        "group",
    ).stdout
    assert "EUR 73 911 195.70 (turnover limb)" in cap
    assert "EUR 73 911 195.6984 (turnover limb)" not in cap
    assert "EUR 73 911 195.70 (turnover limb)" in check
    data = json.loads(
        run("cap", "--tier", "83(4)", "--turnover", "3695559784.92 EUR", "--json").stdout
    )
    assert data["cap"]["amount"]["amount"] == "73911195.6984"


def test_brief_is_one_line_per_case() -> None:
    result = run("check", "--brief", AMAZON)
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{AMAZON}: WITHIN fine EUR 746 000 000, cap EUR 13 520 061 355.49")
    assert "5.52 % of the cap" in lines[0]


# Locale


def test_locale_de_for_human_output_json_unchanged() -> None:
    out = run(
        "check",
        "--fine",
        "746000000 EUR",
        "--tier",
        "83(5)",
        "--turnover",
        "338000000000 EUR",
        "--turnover-of",
        "group",
        "--locale",
        "de",
    ).stdout
    assert "746.000.000,00\xa0€" in out
    assert "0,2207%" in out
    plain = run("check", "--fine", "746000000 EUR", "--tier", "83(5)", "--json").stdout
    german = run(
        "check", "--fine", "746000000 EUR", "--tier", "83(5)", "--json", "--locale", "de"
    ).stdout
    assert plain == german


def test_unknown_locale_is_refused() -> None:
    result = run("cap", "--tier", "83(4)", "--locale", "xx_YY")
    assert result.exit_code == 2
    assert "--locale" in result.stderr


def test_locale_de_for_a_dataset_summary() -> None:
    fixture = str(ROOT / "tests" / "fixtures" / "datasets" / "cms.json")
    german = run("check", "--format", "cms", fixture, "--locale", "de", "--largest", "1")
    plain = run("check", "--format", "cms", fixture, "--largest", "1")
    assert german.exit_code == plain.exit_code == 3
    total = next(line for line in german.stdout.splitlines() if line.startswith("  total"))
    assert "€" in total
    assert "€" not in next(line for line in plain.stdout.splitlines() if line.startswith("  total"))


def test_the_fx_choices_of_the_command_line_are_the_rate_rules() -> None:
    from typing import get_args

    from gdprfine.cli._app import FxRuleChoice
    from gdprfine.fx import FxRule

    assert get_args(FxRuleChoice) == get_args(FxRule)


def test_cap_starts_without_the_dataset_estimate_and_report_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from gdprfine.cli import app\n"
        "try:\n    app(['cap', '--tier', '83(5)'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('gdprfine.batch', 'gdprfine.datasets', "
        "'gdprfine.estimate', 'gdprfine.report', 'gdprfine.reconcile', 'gdprfine.sources'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
