"""Checks by path, as the command line asks for them: a case file with its sources cross-checked,
and plain-text reports (a folder of them, one file, or a text from standard input) read as the
sources of one decision, with the fine they report judged when a tier or articles are given."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.articles import ArticleRef
from gdprfine.cases import CaseRecord, Fault, load_case
from gdprfine.check import TurnoverOf, Verdict, check_case, check_fine
from gdprfine.dates import FinancialYear
from gdprfine.errors import InvalidInput
from gdprfine.fx import FxRule
from gdprfine.money import Money
from gdprfine.sources import (
    SourceReading,
    SourcesReport,
    cross_check,
    read_case_sources,
    read_folder,
    read_text,
    read_text_file,
)
from gdprfine.trusted import empty_list

__all__ = ["NEEDS_ONE_FINE", "ReportsCheck", "check_case_file", "check_folder", "check_reports"]

NEEDS_ONE_FINE = "one fine amount that the reports agree on"
"""What a check of reports needs when they state no fine, or different ones with no majority."""


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


class ReportsCheck(BaseModel):
    """Plain-text reports of one decision: their cross-check and, when a tier or articles were
    given, the verdict on the fine they agree on."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="The folder, the file, or '-' for standard input.")
    texts: int = Field(description="How many texts were read.")
    sources: SourcesReport
    verdict: Verdict | None = Field(
        default=None,
        description="The check of the consensus fine; None without a tier or articles.",
    )
    needs: list[str] = Field(
        default_factory=empty_list, description="What is missing to judge (no fine agreed on)."
    )

    def json_dict(self) -> dict[str, object]:
        """The JSON-ready form: amounts and shares as decimal strings."""
        return self.model_dump(mode="json")


def check_reports(
    path: str | Path | None = None,
    *,
    text: str | None = None,
    locale: str | None = None,
    tier: str | None = None,
    articles: str | Sequence[str | ArticleRef] | None = None,
    turnover: Money | str | None = None,
    undertaking: bool | None = None,
    regime_id: str = "eu-gdpr",
    on: date | str | None = None,
    financial_year: FinancialYear | int | str | None = None,
    fx_rule: FxRule | None = None,
    turnover_of: TurnoverOf | None = None,
    public_body: bool = False,
    country: str | None = None,
    fault: Fault | None = None,
) -> ReportsCheck:
    """Read news reports of one decision and, with a *tier* or *articles*, check the fine.

    *path* is a folder of ``*.txt`` reports (languages from its README table, or guessed) or
    one text file; *text* is a report's text itself (standard input). *locale* is the language
    of a single text (guessed when None). The fine the reports agree on is checked like
    :func:`gdprfine.check.check_fine` with the other arguments; reports that state no fine, or
    different fines with no majority, leave the verdict out and say so in ``needs``.

    >>> r = check_reports(text="Amazon was fined EUR 746 million. The EUR 746 million fine ...",
    ...                   articles="Art. 6", turnover="338000000000 EUR")
    >>> r.sources.consensus, r.verdict.verdict, r.verdict.cap.limb
    (Money('746000000', 'EUR'), 'within', 'turnover')
    """
    if (path is None) == (text is None):
        raise InvalidInput("path", path, "give a folder or a file of reports, or a text, not both")
    if turnover is not None and tier is None and articles is None:
        raise InvalidInput(
            "turnover", str(turnover), "a turnover needs a tier or articles to check a fine against"
        )
    readings: list[SourceReading]
    if text is not None:
        name, readings = "-", [read_text(text, name="-", locale=locale)]
    else:
        where = Path(path)  # type: ignore[arg-type]
        name = str(where)
        if where.is_dir():
            if locale is not None:
                raise InvalidInput(
                    "locale",
                    locale,
                    "a folder's languages come from its README table or are guessed",
                )
            readings = read_folder(where)
        else:
            readings = [read_text_file(where, locale=locale)]
    report = cross_check(readings)
    if tier is None and articles is None:
        return ReportsCheck(name=name, texts=len(readings), sources=report)
    if report.consensus is None:
        return ReportsCheck(name=name, texts=len(readings), sources=report, needs=[NEEDS_ONE_FINE])
    verdict = check_fine(
        report.consensus, tier=tier, articles=articles, turnover=turnover, undertaking=undertaking,
        regime_id=regime_id, on=on, financial_year=financial_year, fx_rule=fx_rule,
        turnover_of=turnover_of, public_body=public_body, country=country, fault=fault,
    )  # fmt: skip
    return ReportsCheck(name=name, texts=len(readings), sources=report, verdict=verdict)
