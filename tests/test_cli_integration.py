"""The command line across modules: ECB conversions, source cross-checks, the seeds folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gdprfine import fx
from gdprfine.cli import app

ROOT = Path(__file__).resolve().parent.parent
AMAZON = str(ROOT / "examples" / "amazon-2021.toml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("rule", "rate", "share_turnover", "share_cap"),
    [
        ("mean", "1.142196", "0.2207 %", "5.52 % of the cap"),
        ("year-end", "1.2271", "0.2371 %", "5.93 % of the cap"),
        ("decision-date", "1.1809", "0.2282 %", "5.7 % of the cap"),
    ],
)
def test_fx_scenarios_of_the_amazon_case(
    rule: str, rate: str, share_turnover: str, share_cap: str
) -> None:
    code, out, err = run("check", AMAZON, "--fx", rule)
    assert (code, err) == (0, "")
    assert f"USD/EUR {rate} [ecb-" in out
    assert f"{share_turnover} of turnover, {share_cap}" in out


def test_json_reports_the_derived_rate() -> None:
    code, out, _ = run("check", AMAZON, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["turnover_exchange_rate"]["rate"] == "1.142196"
    assert data["turnover_exchange_rate"]["fixings"] == 257
    assert data["turnover_exchange_rate"]["rule"] == "ecb-mean"
    assert data["sources"]["agreement"] is True
    assert data["sources"]["consensus"] == {"amount": "746000000", "currency": "EUR"}


def test_seeds_folder_consensus() -> None:
    code, out, err = run("check", str(ROOT / "examples" / "seeds"))
    assert (code, err) == (0, "")
    assert "agree: EUR 746 000 000 stated by 4 of 4" in out
    assert "outlier   003_afdc003e6084bb5f.txt: EUR 100 000 000" in out
    assert "EUR 10 000 000 (tier statement consistent with Art. 83(4))" in out
    assert "EUR 20 000 000 (tier statement consistent with Art. 83(5))" in out
    assert "EUR 50 000 000 (other-case)" in out
    assert "12 000" not in out
    assert "10 000 (" not in out


def test_seeds_folder_json() -> None:
    code, out, _ = run("check", str(ROOT / "examples" / "seeds"), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["folder"].endswith("seeds")
    assert data["sources"]["consensus"]["amount"] == "746000000"
    amounts = {o["money"]["amount"] for o in data["sources"]["others"]}
    assert amounts == {"10000000", "20000000", "50000000"}


def _case(tmp_path: Path, source_text: str, fine: str = "746000000 EUR") -> Path:
    path = tmp_path / "case.toml"
    path.write_text(
        f"""
addressee = "Example S.A."
decision_date = 2021-07-15
fine = "{fine}"
articles = "Art. 6 GDPR"
authority = {{ name = "CNPD", country = "LU" }}
turnover = {{ amount = "386064000000 USD", financial_year = 2020 }}

[[sources]]
title = "Report"
language = "en"
text = "{source_text}"
""",
        encoding="utf-8",
    )
    return path


def test_a_source_that_disagrees_exits_1(tmp_path: Path) -> None:
    path = _case(tmp_path, "The authority imposed a fine of 50 million euros on the company.")
    code, out, err = run("check", str(path))
    assert code == 1
    assert err == ""
    assert "DISAGREE" in out or "disagrees" in out


def test_brief_says_the_sources_disagree(tmp_path: Path) -> None:
    """One line, but not one that hides why the exit code is 1."""
    path = _case(tmp_path, "The authority imposed a fine of 50 million euros on the company.")
    code, out, _ = run("check", "--brief", str(path))
    assert code == 1
    assert out.count("\n") == 1
    assert out.rstrip("\n").endswith(", sources disagree (see it without --brief)")
    agreeing = _case(tmp_path, "The authority imposed a fine of 746 million euros on the company.")
    assert "disagree" not in run("check", "--brief", str(agreeing))[1]


def test_an_agreeing_source_exits_0(tmp_path: Path) -> None:
    path = _case(tmp_path, "The authority imposed a fine of 746 million euros on the company.")
    code, out, _ = run("check", str(path))
    assert code == 0
    assert "agree: EUR 746 000 000 stated by 1 of 1" in out


def test_non_euro_fine_is_converted_at_the_decision_date(tmp_path: Path) -> None:
    path = _case(tmp_path, "A fine of 3 412 800 800 zloty.", fine="3412800800 PLN")
    code, out, _ = run("check", str(path), "--json")
    data = json.loads(out)
    assert data["fine_exchange_rate"]["rate"] == "4.5748"
    assert data["fine_exchange_rate"]["rule"] == "ecb-on-date"
    assert data["fine_in_cap_currency"] == {"amount": "746000000.00", "currency": "EUR"}
    assert data["verdict"] == "within"
    assert code in (0, 1)


def test_cap_with_a_dollar_turnover() -> None:
    code, out, _ = run("cap", "--tier", "83(5)", "--turnover", "386064000000 USD", "--fy", "2020", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["turnover"] == {"amount": "338001533887.35", "currency": "EUR"}
    assert data["cap"]["amount"]["amount"] == "13520061355.4940"
    assert data["turnover_exchange_rate"]["fixings"] == 257


def test_cap_with_a_foreign_turnover_needs_a_year() -> None:
    code, out, err = run("cap", "--tier", "83(5)", "--turnover", "1000 USD")
    assert code == 2
    assert out == ""
    assert err.startswith("Error: turnover: 'USD 1 000': in USD; give its financial year")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["386064000000 USD", "--to", "EUR", "--mean-over", "2020"], "EUR 338 001 533 887.35"),
        (["746000000 EUR", "--to", "PLN", "--on", "2021-07-15"], "PLN 3 412 800 800.00"),
        (["100 EUR", "--to", "USD", "--rate", "1.5"], "USD 150.00"),
    ],
)
def test_convert(args: list[str], expected: str) -> None:
    code, out, err = run("convert", *args)
    assert (code, err) == (0, "")
    assert expected in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["100 EUR", "--to", "USD"], "give exactly one of"),
        (["100 EUR", "--to", "USD", "--rate", "abc"], "rate: 'abc'"),
        (["1 USD", "--to", "EUR", "--on", "2099-01-01"], fx.data_bounds("USD")[1].isoformat()),
        (["1 EUR", "--to", "ZZZ", "--on", "2020-01-02"], "currency: 'ZZZ'"),
        (["1 EUR", "--to", "USD", "--on", "2021-02-30"], "--on: '2021-02-30'"),
    ],
)
def test_convert_errors(args: list[str], message: str) -> None:
    code, out, err = run("convert", *args)
    assert code == 2
    assert out == ""
    assert err.startswith("Error: ")
    assert message in err
    assert err.count("\n") == 1
