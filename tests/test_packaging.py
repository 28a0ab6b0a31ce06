"""The package as users get it: an sdist and a wheel that build, and a wheel that works alone."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gdprfine
from gdprfine.cli import app

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_version_comes_from_the_package_metadata() -> None:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert gdprfine.__version__ == project["version"]


def test_cli_prints_the_version() -> None:
    for flag in ("--version", "-V"):
        result = CliRunner().invoke(app, [flag])
        assert result.exit_code == 0
        assert result.stdout == f"gdprfine {gdprfine.__version__}\n"


def test_license_file_matches_the_declared_license() -> None:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert project["license"] == "Apache-2.0"
    assert "Apache License" in (ROOT / "LICENSE").read_text("utf-8").splitlines()[1]


def test_changelog_names_this_release() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert f"## [{gdprfine.__version__}]" in changelog
    assert "## [0.1.0]" in changelog


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


def test_sdist_and_wheel_build(built: Path) -> None:
    names = sorted(path.name for path in built.iterdir())
    version = gdprfine.__version__
    assert names == [f"gdprfine-{version}-py3-none-any.whl", f"gdprfine-{version}.tar.gz"]
    with zipfile.ZipFile(built / names[0]) as wheel:
        files = set(wheel.namelist())
    for data in (
        "gdprfine/py.typed",
        "gdprfine/data/iso4217.json",
        "gdprfine/data/iso3166.json",
        "gdprfine/law/eu-gdpr.toml",
        f"gdprfine-{version}.dist-info/licenses/LICENSE",
    ):
        assert data in files


def test_the_installed_wheel_checks_the_amazon_case(built: Path, tmp_path: Path) -> None:
    wheel = next(built.glob("*.whl"))
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    where = subprocess.run(
        [sys.executable, "-c", "import gdprfine; print(gdprfine.__file__, gdprfine.__version__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    path, version = where.stdout.split()
    assert Path(path).is_relative_to(target)
    assert version == gdprfine.__version__
    case = ROOT / "examples" / "amazon-2021.toml"
    result = subprocess.run(
        [sys.executable, "-m", "gdprfine", "check", str(case)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "verdict   WITHIN" in result.stdout
