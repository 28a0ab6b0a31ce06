"""Hostile inputs against the real command line, in a child process: FIFOs, devices, sparse
files, broken CSV and JSON Lines, files that are not UTF-8, a path out of the case's folder,
threads reading at once. Each run must use at most :data:`SECONDS` of CPU time and
:data:`MEGABYTES` of peak resident memory (the child's own figures), and end within
:data:`HANG` seconds of wall-clock time (a hang, on however loaded a machine), with exit code 2
and one ``Error:`` line for bad input, or one JSON line per record.

Run with ``-s`` to see one line per run: the input, the exit code, the time, the peak memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from gdprfine.datasets.files import MAX_LINE_CHARS

ROOT = Path(__file__).resolve().parent.parent
AMAZON = ROOT / "examples" / "amazon-2021.toml"
SECONDS = 5.0
"""CPU seconds (user and system): unlike wall-clock time, not stretched by other work on the
machine."""
HANG = 120.0
MEGABYTES = 200.0
FINE = ("--column", "fine=fine")

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux only (/proc)")


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    megabytes: float

    def lines(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.stdout.splitlines()]


_PEAK = """
import os, runpy, sys

def peak_kb():
    # The child's own high-water mark: getrusage would count the parent's memory before exec.
    with open("/proc/self/status") as status:
        return next(line.split()[1] for line in status if line.startswith("VmHWM:"))

report, target, sys.argv = sys.argv[1], sys.argv[2], sys.argv[2:]
try:
    if target.endswith(".py"):
        runpy.run_path(target, run_name="__main__")
    else:
        runpy.run_module(target, run_name="__main__", alter_sys=True)
finally:
    with open(report, "w") as out:
        out.write(f"{peak_kb()} {sum(os.times()[:2])}")
"""


def _child(args: list[str], name: str, cwd: Path, tmp: Path) -> Run:
    """Run ``python -m args[0] args[1:]`` (or a script ``*.py``) in a child, and measure its CPU
    time and peak memory; kill it when it outlives :data:`HANG` (a hang fails the test, not CI)."""
    out, err, peak = tmp / f"{name}.out", tmp / f"{name}.err", tmp / f"{name}.peak"
    argv = [sys.executable, "-c", _PEAK, str(peak), *args]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(argv, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, cwd=cwd)
        try:
            process.wait(timeout=HANG)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            pytest.fail(f"{name}: still running after {HANG} s")
    kilobytes, seconds = peak.read_text().split()
    run = Run(
        process.returncode,
        out.read_text("utf-8", errors="replace"),
        err.read_text("utf-8", errors="replace"),
        float(seconds),
        int(kilobytes) / 1024,
    )
    print(f"\n{name}: exit {run.code}, {run.seconds:.2f} CPU s, {run.megabytes:.0f} MB, {run.stderr.strip()[:160]!r}")
    assert run.seconds < SECONDS, f"{name}: {run.seconds:.1f} CPU s"
    assert run.megabytes < MEGABYTES, f"{name}: {run.megabytes:.0f} MB"
    assert "Traceback" not in run.stderr
    return run


def gdprfine(tmp: Path, name: str, *args: str | Path) -> Run:
    return _child(["gdprfine", *map(str, args)], name, tmp, tmp)


def bad_input(run: Run, *fragments: str) -> None:
    """Exit 2 and one ``Error:`` line holding every fragment."""
    assert run.code == 2, run.stderr
    assert run.stderr.startswith("Error: ")
    assert run.stderr.count("\n") == 1, run.stderr
    for fragment in fragments:
        assert fragment in run.stderr


def case_file(folder: Path, source_file: str) -> Path:
    """The Amazon example with one source, read from *source_file*."""
    text = AMAZON.read_text("utf-8").split("[[sources]]")[0]
    path = folder / "case.toml"
    path.write_text(f'{text}[[sources]]\ntitle = "report"\nfile = "{source_file}"\nlanguage = "en"\n', "utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Files that are not regular files, paths out of the case's folder


def test_a_fifo_as_a_dataset_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "data.csv")
    run = gdprfine(tmp_path, "fifo-dataset", "check", "--format", "csv", "data.csv", *FINE)
    bad_input(run, "'data.csv': a FIFO (named pipe), not a regular file")


def test_a_fifo_as_a_source_file_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "report.txt")
    run = gdprfine(tmp_path, "fifo-sources-file", "check", case_file(tmp_path, "report.txt"))
    bad_input(run, "sources.file: 'report.txt': cannot be read: a FIFO (named pipe), not a regular file")


def test_a_fifo_in_a_folder_of_reports_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Amazon was fined €746 million.", "utf-8")
    os.mkfifo(tmp_path / "b.txt")
    run = gdprfine(tmp_path, "fifo-in-folder", "check", tmp_path)
    bad_input(run, "b.txt': cannot be read: a FIFO (named pipe)")


def test_a_case_file_linked_to_dev_zero_is_refused(tmp_path: Path) -> None:
    (tmp_path / "case.toml").symlink_to("/dev/zero")
    run = gdprfine(tmp_path, "case-file-dev-zero", "check", "case.toml")
    bad_input(run, "a character device, not a regular file")


@pytest.mark.parametrize(
    ("name", "source_file"),
    [("sources-file-dev-zero", "/dev/zero"), ("sources-file-etc-passwd", "../../../../etc/passwd")],
)
def test_a_source_file_outside_the_case_folder_is_refused(tmp_path: Path, name: str, source_file: str) -> None:
    run = gdprfine(tmp_path, name, "check", case_file(tmp_path, source_file))
    bad_input(run, f"sources.file: {source_file!r}: outside the case file's folder")


def test_sources_root_allows_another_folder(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("Amazon was fined €746 million.", "utf-8")
    (tmp_path / "cases").mkdir()
    case = case_file(tmp_path / "cases", "../report.txt")
    bad_input(gdprfine(tmp_path, "sources-file-parent", "check", case), "outside the case file's folder")
    run = gdprfine(tmp_path, "sources-file-parent-root", "check", case, "--sources-root", tmp_path)
    assert run.code == 0, run.stderr
    assert "report" in run.stdout


def test_a_source_file_linked_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    run = gdprfine(tmp_path, "sources-file-link-dev-zero", "check", case_file(tmp_path, "zero.txt"))
    bad_input(run, "outside the case file's folder")


def test_an_oversized_report_in_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Amazon was fined €746 million. " * 40_000, "utf-8")
    run = gdprfine(tmp_path, "oversized-report", "check", tmp_path)
    bad_input(run, "a.txt': 1240000 characters; the limit is 1000000 characters")


# ---------------------------------------------------------------------------------------------
# Sparse and binary files, encodings


def test_a_sparse_2gb_csv_is_refused_at_once(tmp_path: Path) -> None:
    with (tmp_path / "sparse.csv").open("wb") as handle:
        handle.truncate(2 << 30)
    run = gdprfine(tmp_path, "sparse-2gb-csv", "check", "--format", "csv", "sparse.csv", *FINE)
    bad_input(run, "'sparse.csv': NUL characters from line 1: binary data, not UTF-8 text")


def test_a_sparse_tail_after_good_rows_is_refused(tmp_path: Path) -> None:
    with (tmp_path / "tail.csv").open("wb") as handle:
        handle.write(b"fine\n" + b"1000\n" * 10)
        handle.truncate(2 << 30)
    run = gdprfine(tmp_path, "sparse-tail-csv", "check", "--format", "csv", "tail.csv", *FINE, "--jsonl")
    bad_input(run, "NUL characters from line 12")


def test_a_cp1252_csv_names_the_encoding_to_give(tmp_path: Path) -> None:
    (tmp_path / "latin.csv").write_bytes("fine,controller\n1000,Acme\n2000,Société Générale\n".encode("cp1252"))
    args = ("check", "--format", "csv", "latin.csv", *FINE, "--column", "controller=controller", "--jsonl")
    run = gdprfine(tmp_path, "cp1252-csv", *args)
    bad_input(run, "not UTF-8 text: the byte 0xe9 on line 3", "--encoding cp1252")
    run = gdprfine(tmp_path, "cp1252-csv-encoding", *args, "--encoding", "cp1252")
    assert run.code == 3  # undetermined: no articles
    assert [line["controller"] for line in run.lines()] == ["Acme", "Société Générale"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("utf16-jsonl", '{"fine": "1000"}\n'.encode("utf-16"), "UTF-16 text, not UTF-8"),
        ("utf16-jsonl-no-bom", ('{"fine": "1000"}\n' * 50).encode("utf-16-le"), "NUL characters from line 1"),
        ("binary-jsonl", bytes(range(256)) * 64, "not UTF-8 text"),
    ],
)
def test_a_jsonl_file_that_is_not_utf8_is_refused(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / "data.jsonl").write_bytes(content)
    run = gdprfine(tmp_path, name, "check", "--format", "jsonl", "data.jsonl", *FINE, "--jsonl")
    bad_input(run, message)


def test_a_utf16_jsonl_is_read_with_its_encoding(tmp_path: Path) -> None:
    (tmp_path / "data.jsonl").write_bytes('{"fine": "1000 €"}\n'.encode("utf-16"))
    run = gdprfine(tmp_path, "utf16-jsonl-encoding", "check", "--format", "jsonl", "data.jsonl", *FINE,
                   "--jsonl", "--encoding", "utf-16")  # fmt: skip
    assert run.code == 3  # undetermined: no articles
    assert [line["fine"] for line in run.lines()] == [{"amount": "1000", "currency": "EUR"}]


# ---------------------------------------------------------------------------------------------
# Every record accounted for


def test_an_unbalanced_quote_loses_no_row(tmp_path: Path) -> None:
    rows = [f'{n},Controller {n},{n}000,Art. 6 GDPR' for n in range(1, 11)]
    rows[4] = '5,"Acme,5000,Art. 6 GDPR'
    rows[7] = '8,"Beta",8000,Art. 6 GDPR'
    (tmp_path / "quote.csv").write_text("id,controller,fine,articles\n" + "\n".join(rows) + "\n", "utf-8")
    run = gdprfine(tmp_path, "unbalanced-quote-csv", "check", "--format", "csv", "quote.csv", *FINE,
                   "--column", "controller=controller", "--column", "id=id", "--jsonl")  # fmt: skip
    lines = run.lines()
    assert [line["row"] for line in lines] == list(range(1, 11))
    assert [line["id"] for line in lines] == ["1", "2", "3", "4", None, "6", "7", "8", "9", "10"]
    assert lines[4]["outcome"] == "unreadable"
    assert str(lines[4]["reason"]).startswith("line 6: a quote opened on this line runs to line 9")
    assert lines[7]["controller"] == "Beta"


def test_jsonl_splits_only_on_newline(tmp_path: Path) -> None:
    (tmp_path / "cr.jsonl").write_bytes(b'{"fine": "1000",\r "articles": "Art. 6 GDPR"}\n')
    run = gdprfine(tmp_path, "jsonl-raw-cr", "check", "--format", "jsonl", "cr.jsonl", *FINE, "--jsonl")
    (line,) = run.lines()
    assert line["fine"] == {"amount": "1000", "currency": "EUR"}


def test_a_duplicate_key_is_an_error_of_its_record(tmp_path: Path) -> None:
    (tmp_path / "dup.jsonl").write_text('{"fine": "10"}\n{"fine": "10", "fine": "746000000"}\n', "utf-8")
    run = gdprfine(tmp_path, "jsonl-duplicate-key", "check", "--format", "jsonl", "dup.jsonl", *FINE, "--jsonl")
    first, second = run.lines()
    assert first["outcome"] != "unreadable"
    assert second["outcome"] == "unreadable"
    assert second["reason"] == "line 2: not JSON: the key 'fine' appears twice in one object"


def test_a_dataset_of_which_nothing_can_be_read_exits_2(tmp_path: Path) -> None:
    (tmp_path / "junk.jsonl").write_text("[1]\nnot json\n{\"x\": 1}\n", "utf-8")
    run = gdprfine(tmp_path, "all-unreadable-jsonl", "check", "--format", "jsonl", "junk.jsonl", *FINE, "--jsonl")
    bad_input(run, "'junk.jsonl': no record could be read (3 records, all unreadable")
    assert len(run.lines()) == 3


def test_a_fine_cell_over_the_amount_limit_is_its_row(tmp_path: Path) -> None:
    (tmp_path / "long.csv").write_text(f"fine\n1000\n{'1' * 1_000_001}\n2000\n", "utf-8")
    run = gdprfine(tmp_path, "fine-cell-1m-chars", "check", "--format", "csv", "long.csv", *FINE, "--jsonl")
    lines = run.lines()
    assert [line["outcome"] for line in lines] == ["undetermined", "unreadable", "undetermined"]
    assert str(lines[1]["reason"]).startswith("line 3: ")
    assert run.code == 3  # undetermined records, none exceeds


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_line_over_the_limit_is_its_record(tmp_path: Path, fmt: str) -> None:
    long = "x" * (MAX_LINE_CHARS + 10)
    if fmt == "csv":
        text = f"fine,note\n1000,a\n2000,{long}\n3000,b\n"
    else:
        text = f'{{"fine": "1000"}}\n{{"fine": "2000", "note": "{long}"}}\n{{"fine": "3000"}}\n'
    (tmp_path / f"long.{fmt}").write_text(text, "utf-8")
    run = gdprfine(tmp_path, f"{fmt}-line-over-10m", "check", "--format", fmt, f"long.{fmt}", *FINE, "--jsonl")
    lines = run.lines()
    assert [line["outcome"] for line in lines] == ["undetermined", "unreadable", "undetermined"]
    assert lines[1]["reason"] == f"line {3 if fmt == 'csv' else 2}: longer than {MAX_LINE_CHARS} characters"


def test_distinct_long_cells_do_not_fill_the_caches(tmp_path: Path) -> None:
    rows = 80
    with (tmp_path / "cells.csv").open("w", encoding="utf-8") as handle:
        handle.write("fine,articles,date,country\n")
        for n in range(rows):
            cell = f"{n:06d}" + "Art. 6 GDPR and more " * 25_000  # 525 000 characters, distinct
            handle.write(f"1000,{cell},{cell},{cell}\n")
    run = gdprfine(tmp_path, "distinct-500kb-cells", "check", "--format", "csv", "cells.csv", *FINE,
                   "--column", "articles=articles", "--column", "date=date", "--column", "country=country",
                   "--jsonl")  # fmt: skip
    assert len(run.lines()) == rows
    # Caches keeping these keys would hold over 100 MB more than the process needs.
    assert run.megabytes < 100


# ---------------------------------------------------------------------------------------------
# Threads


_THREADS = """
import csv, sys, threading
from gdprfine.datasets import read_dataset

limit = csv.field_size_limit()
path = sys.argv[1]
errors = []

def read() -> None:
    for _ in range(2):
        records = list(read_dataset(path, "csv", columns={"fine": "fine", "articles": "articles"}))
        errors.extend(r.error for r in records if r.error is not None)
        if len(records) != 10:
            errors.append(f"{len(records)} records")

threads = [threading.Thread(target=read) for _ in range(16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
assert csv.field_size_limit() == limit, csv.field_size_limit()
print(len(errors), errors[:3])
"""


def test_sixteen_threads_read_csv_at_once(tmp_path: Path) -> None:
    with (tmp_path / "wide.csv").open("w", encoding="utf-8") as handle:
        handle.write("fine,articles\n")
        for n in range(10):
            handle.write(f'{n}000,"Art. 6 GDPR {"x" * 140_000}{n}"\n')  # above csv's default 131 072
    script = tmp_path / "threads.py"
    script.write_text(_THREADS, "utf-8")
    run = _child([str(script), str(tmp_path / "wide.csv")], "16-threads-csv", tmp_path, tmp_path)
    assert run.code == 0, run.stderr
    assert run.stdout == "0 []\n"
