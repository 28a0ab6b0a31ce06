"""Hostile input for the dataset readers and the batch check: any bytes, any format."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gdprfine.batch import BatchSummary, check_records
from gdprfine.cli import app
from gdprfine.datasets import FORMATS, read_dataset
from gdprfine.errors import GdprFineError

COLUMNS = {
    "fine": "fine",
    "articles": "articles",
    "date": "date",
    "country": "country",
    "currency": "currency",
}

_cell = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "1e309", "NaN", "-0", "Infinity", "9" * 400, "0000-00-00", "9999-12-31", "xx.yy.2019",
            "Art. 5 (1) c) GDPR", "4,800", "Unknown", "40.000 PLN (9400 EUR)", "ZZZ", "\x00",
        ]
    ),
)
_row = st.fixed_dictionaries(dict.fromkeys(COLUMNS, _cell))


def _files() -> st.SearchStrategy[bytes]:
    rows_as_jsonl = st.lists(_row, max_size=8).map(
        lambda rows: "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8")
    )
    rows_as_csv = st.lists(_row, max_size=8).map(
        lambda rows: "\n".join(
            [",".join(COLUMNS.values())]
            + [",".join(json.dumps(str(v))[1:-1].replace(",", " ") for v in r.values()) for r in rows]
        ).encode("utf-8")
    )
    return st.one_of(st.binary(max_size=400), rows_as_jsonl, rows_as_csv, st.just(b""))


def _settings() -> settings:
    return settings(
        max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )


@_settings()
@given(fmt=st.sampled_from(FORMATS), content=_files())
@example(fmt="cms", content=b'{"data": [[1, 2], null, "x"]}')
@example(fmt="privacyaffairs", content=b"id\tprice\n1\t1e309\n")
@example(fmt="jsonl", content=b"[1]\n{\"fine\": {\"a\": [[[[]]]]}}\n\xff\xfe")
def test_readers_and_batch_never_crash(tmp_path: Path, fmt: str, content: bytes) -> None:
    path = tmp_path / "data"
    path.write_bytes(content)
    columns = COLUMNS if fmt in ("csv", "jsonl") else None
    summary = BatchSummary()
    try:
        records = list(read_dataset(path, fmt, columns=columns))  # type: ignore[arg-type]
    except GdprFineError:
        return
    verdicts = list(check_records(records))
    assert len(verdicts) == len(records)
    for verdict in verdicts:
        summary.add(verdict)
    json.dumps(summary.json_dict())


@_settings()
@given(fmt=st.sampled_from(FORMATS), content=_files())
def test_batch_cli_exits_cleanly(tmp_path: Path, fmt: str, content: bytes) -> None:
    path = tmp_path / "data"
    path.write_bytes(content)
    args = ["check", "--format", fmt, str(path), "--jsonl"]
    if fmt in ("csv", "jsonl"):
        for key, column in COLUMNS.items():
            args += ["--column", f"{key}={column}"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1, 2, 3), result.output
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert result.stderr.startswith("Error: ")
        assert result.stderr.count("\n") == 1
    else:
        for line in result.stdout.splitlines():
            json.loads(line)
