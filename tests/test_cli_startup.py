"""What starting the command line loads: a command's module and options are built only when the
command is used, and the help lists every command as if all were built."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from typing import get_args

import pytest
import typer
import typer.main
from typer.testing import CliRunner

import gdprfine.cli
from gdprfine.cli import app
from gdprfine.cli._app import COMMANDS, PLUGINS_SETTING, _pydantic_plugins_off


def _loaded_after(args: list[str], prefixes: tuple[str, ...]) -> list[str]:
    code = (
        "import sys; from gdprfine.cli import app\n"
        f"try:\n    app({args!r}, prog_name='gdprfine')\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    listed: list[str] = ast.literal_eval(out.stdout.strip().splitlines()[-1])
    return listed


def test_the_help_builds_no_command_and_needs_no_pydantic() -> None:
    loaded = _loaded_after(["--help"], ("gdprfine.", "pydantic"))
    assert loaded == ["gdprfine.cli", "gdprfine.cli._app", "gdprfine.errors"]


def test_a_command_builds_only_itself() -> None:
    prefixes = ("gdprfine.cli.", "gdprfine.law.", "gdprfine.cases", "gdprfine.articles")
    loaded = _loaded_after(["cap", "--tier", "83(5)"], prefixes)
    assert loaded == ["gdprfine.cli._app", "gdprfine.cli.cap", "gdprfine.cli.render"]
    loaded = _loaded_after(["cap", "--articles", "Art. 32"], prefixes)
    assert "gdprfine.articles" in loaded


def test_the_faults_of_a_case_record_are_the_law_s() -> None:
    from gdprfine import cases, check, law

    assert cases.Fault is law.Fault
    assert get_args(law.Fault) == check.FAULTS


def _help(group: typer.core.TyperGroup) -> str:
    return group.get_help(typer.Context(group, info_name="gdprfine"))


def test_the_help_lists_every_command_as_the_built_commands_would() -> None:
    lazy = typer.main.get_command(app)
    built = typer.main.get_command(app)
    assert isinstance(lazy, typer.core.TyperGroup)
    assert isinstance(built, typer.core.TyperGroup)
    assert [command.name for command in built.commands.values()] == list(COMMANDS)
    assert _help(lazy) == _help(built)
    for name, short_help in COMMANDS.items():
        assert short_help in " ".join(_help(built).split())
        assert built.commands[name].short_help == short_help


def test_each_command_is_defined_in_the_module_of_its_name() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    for name in COMMANDS:
        callback = group.commands[name].callback
        assert callback is not None
        module = getattr(gdprfine.cli, name)
        assert getattr(callback, "__module__", None) == module.__name__ == f"gdprfine.cli.{name}"


def test_an_unknown_command_is_refused_with_suggestions() -> None:
    result = CliRunner().invoke(app, ["chek"])
    assert result.exit_code == 2
    assert "No such command 'chek'. Did you mean 'check'" in result.output


def _plugins_scanned(env_value: str | None) -> tuple[bool, bool]:
    """Whether ``gdprfine cap`` scanned pydantic's plugin entry points, and whether the
    setting is the caller's again afterwards, in a process whose environment has *env_value*
    as ``PYDANTIC_DISABLE_PLUGINS`` (None: not set)."""
    code = (
        "import os, sys; from gdprfine.cli import app\n"
        "before = os.environ.get('PYDANTIC_DISABLE_PLUGINS')\n"
        "try:\n    app(['cap', '--tier', '83(5)'], prog_name='gdprfine')\nexcept SystemExit:\n    pass\n"
        "loader = sys.modules.get('pydantic.plugin._loader')\n"
        "print(loader is not None and loader._plugins is not None, "
        "os.environ.get('PYDANTIC_DISABLE_PLUGINS') == before)"
    )
    env = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    if env_value is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = env_value
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    scanned, restored = out.stdout.split()[-2:]
    return scanned == "True", restored == "True"


def test_a_command_runs_with_pydantic_plugins_off_unless_the_caller_says() -> None:
    assert _plugins_scanned(None) == (False, True)
    assert _plugins_scanned("") == (True, True)
    assert _plugins_scanned("some-plugin") == (True, True)
    assert _plugins_scanned("__all__") == (False, True)


def test_the_plugin_setting_is_restored_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PLUGINS_SETTING, raising=False)
    seen: list[str | None] = []
    with _pydantic_plugins_off():
        seen.append(os.environ.get(PLUGINS_SETTING))
    assert seen == ["__all__"]
    assert PLUGINS_SETTING not in os.environ
    monkeypatch.setenv(PLUGINS_SETTING, "")
    with _pydantic_plugins_off():
        seen.append(os.environ.get(PLUGINS_SETTING))
    assert seen[-1] == ""
    assert os.environ[PLUGINS_SETTING] == ""
    result = CliRunner().invoke(app, ["cap", "--tier", "83(5)", "--json"])
    assert result.exit_code == 0
    assert os.environ[PLUGINS_SETTING] == ""
