"""The command line as a process: full disks, closed pipes, terminals that cannot write UTF-8.
Only a real process shows these."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
AMAZON = str(ROOT / "examples" / "amazon-2021.toml")
CMS_FIXTURE = str(ROOT / "tests" / "fixtures" / "datasets" / "cms.json")
EXIT_IO = 4


def gdprfine(
    *args: str,
    env: dict[str, str] | None = None,
    stdout: int | IO[Any] = subprocess.PIPE,
    max_file_bytes: int | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run the command line; with *max_file_bytes*, a file it writes cannot grow beyond that
    size (RLIMIT_FSIZE: the write fails, as on a full disk)."""

    def limit() -> None:
        if max_file_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    return subprocess.run(
        [sys.executable, "-m", "gdprfine", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
        preexec_fn=limit,
    )


needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ["check", AMAZON],
        ["check", AMAZON, "--json"],
        ["check", "--format", "cms", CMS_FIXTURE, "--jsonl"],
        ["cap", "--tier", "83(5)"],
    ],
)
def test_a_full_disk_is_one_line_and_exit_4(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = gdprfine(*args, stdout=full)
    assert result.returncode == EXIT_IO
    assert result.stderr.decode() == "Error: output: No space left on device\n"


def test_a_closed_pipe_is_one_line_and_exit_4(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    big.write_text("".join(f'{{"fine": "{n} EUR", "articles": "Art. 6"}}\n' for n in range(20_000)))
    process = subprocess.Popen(
        [sys.executable, "-m", "gdprfine", "check", "--format", "jsonl", str(big), "--column", "fine=fine",
         "--column", "articles=articles", "--jsonl"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    assert process.wait(timeout=60) == EXIT_IO
    assert process.stderr.read().decode() == "Error: output: the reader closed the pipe\n"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["check", "--format", "cms", CMS_FIXTURE, "--sqlite"], "sqlite"),
        (["report", "--format", "cms", CMS_FIXTURE, "-o"], "-o"),
    ],
)
def test_a_file_output_that_fills_up_is_exit_4_and_removed(
    args: list[str], option: str, tmp_path: Path
) -> None:
    target = tmp_path / "out"
    result = gdprfine(*args, str(target), max_file_bytes=16_384)
    assert result.returncode == EXIT_IO, result.stderr
    message = result.stderr.decode()
    assert message.startswith(f"Error: output: {option}: {str(target)!r}: ")
    assert len(message.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_closed_pipe_under_one_large_write_is_exit_4(unbuffered: str) -> None:
    # The report (about 100 KB, more than a pipe holds) is written in one go: unbuffered, the
    # text layer would drop what the pipe did not take, and exit 0.
    process = subprocess.Popen(
        [sys.executable, "-m", "gdprfine", "report", "--format", "cms", CMS_FIXTURE, "-o", "-"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": unbuffered},
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stderr is not None
    assert os.read(process.stdout.fileno(), 100)
    process.stdout.close()
    assert process.wait(timeout=60) == EXIT_IO
    assert process.stderr.read().decode() == "Error: output: the reader closed the pipe\n"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_json_lines_are_ascii_when_stdout_cannot_write_utf8(encoding: str) -> None:
    result = gdprfine("check", "--format", "cms", CMS_FIXTURE, "--jsonl", env={"PYTHONIOENCODING": encoding})
    assert result.returncode in (0, 1, 3), result.stderr
    text = result.stdout.decode("ascii")
    controllers = [json.loads(line)["controller"] for line in text.splitlines()]
    assert "Amazon Europe Core S.à.r.l." in controllers


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_text_output_never_crashes_on_the_terminal_encoding(encoding: str) -> None:
    result = gdprfine("check", AMAZON, env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    assert b"verdict   WITHIN" in result.stdout
    assert b"Traceback" not in result.stderr
