"""Checks by path, as the command line asks for them: a case file with its sources cross-checked,
and a folder of plain-text reports read as the sources of one decision."""

from __future__ import annotations

from pathlib import Path

from gdprfine.cases import CaseRecord, load_case
from gdprfine.check import Verdict, check_case
from gdprfine.fx import FxRule
from gdprfine.sources import SourcesReport, cross_check, read_case_sources, read_folder

__all__ = ["check_case_file", "check_folder"]


def check_case_file(
    path: str | Path, *, fx_rule: FxRule | None = None, sources_root: str | Path | None = None
) -> tuple[CaseRecord, Verdict, SourcesReport | None]:
    """Load a case file, check it, and cross-check the sources that carry a text or a file
    (None when none does). Source files are read relative to the case file's folder, and must
    lie inside it (or inside *sources_root*, when given).

    >>> case, verdict, sources = check_case_file("examples/amazon-2021.toml")
    >>> verdict.verdict, sources.agreement, len(sources.sources)
    ('within', True, 4)
    """
    path = Path(path)
    case = load_case(path)
    verdict = check_case(case, fx_rule=fx_rule)
    report = None
    if any(source.text is not None or source.file is not None for source in case.sources):
        root = Path(sources_root) if sources_root is not None else None
        report = cross_check(read_case_sources(case.sources, path.parent, root=root), case.fine)
    return case, verdict, report


def check_folder(folder: str | Path) -> tuple[int, SourcesReport]:
    """Read every plain-text report in *folder* as a source of one decision and cross-check
    them: (the number of texts read, the report).

    >>> count, report = check_folder("examples/seeds")
    >>> count, report.consensus
    (4, Money('746000000', 'EUR'))
    """
    readings = read_folder(Path(folder))
    return len(readings), cross_check(readings)
