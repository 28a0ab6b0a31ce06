"""Reports: one self-contained HTML page of fines against their Art. 83 caps.

:func:`dataset_report` reads a tracker export (any format of :mod:`gdprfine.datasets`), judges
every record (:func:`gdprfine.batch.check_dataset`) and shows each fine against the turnover it
implies, with the limbs of the law and the reference cases; totals and counts by country, year,
tier and cited article; the largest fines; the outcomes and flags, each flagged record with its
reason. :func:`case_files_report` checks case files (:func:`gdprfine.files.check_case_file`) and
shows each fine, its cap and both limbs on one scale, the sources' readings and the trace.

The page loads nothing from anywhere (no script, no font, no network): the charts are static
SVG drawn by Matplotlib, the optional ``report`` extra (``pip install 'gdprfine[report]'``);
without it both functions raise :class:`MissingExtra`. Amounts are written in the *locale*
given (babel / CLDR). The same input gives the same page, byte for byte.

>>> page = dataset_report("tests/fixtures/datasets/cms.json", "cms")
>>> page.startswith("<!DOCTYPE html>"), "Fines against the law" in page, "€20M static amount" in page
(True, True, True)
>>> page == dataset_report("tests/fixtures/datasets/cms.json", "cms")
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from gdprfine.batch import check_dataset
from gdprfine.datasets import Format, Source
from gdprfine.files import check_case_file
from gdprfine.fx import FxRule
from gdprfine.law import Regime, regime
from gdprfine.report.casefiles import CaseResult, cases_page
from gdprfine.report.charts import MissingExtra, require
from gdprfine.report.dataset import dataset_page
from gdprfine.report.page import Style
from gdprfine.report.tally import Tally, article_keys

__all__ = ["MissingExtra", "case_files_report", "dataset_report", "require"]

_FOOTER = (
    "Made by gdprfine {version} from the data named above: every verdict, cap and total is "
    "the one `gdprfine check` gives for the same input."
)


def _footer() -> str:
    from gdprfine import __version__

    return _FOOTER.format(version=__version__)


def dataset_report(
    source: Source,
    fmt: Format,
    *,
    locale: str = "en",
    columns: Mapping[str, str] | None = None,
    currency: str = "EUR",
    delimiter: str = ",",
    encoding: str = "utf-8",
    law: Regime | None = None,
    fx_rule: FxRule | None = None,
    largest: int = 20,
    name: str | None = None,
) -> str:
    """The report of a dataset (a path or an open text stream) in format *fmt*, as HTML.

    *locale* is the language amounts are written in, in the page and, for the ``csv`` and
    ``jsonl`` formats, in the file; the other options are those of
    :func:`gdprfine.batch.check_dataset` (without *law*, each record is judged under the regime
    of its authority and date, as ``gdprfine check --format`` does; the page's amounts are in
    the EU GDPR's currency, and fines in another, such as a UK fine in GBP, are counted but not
    summed). *name* is how the page names the source (default: the
    path's file name). Raises :class:`MissingExtra` without Matplotlib, and gdprfine's
    errors for a file that cannot be read at all.
    """
    require()
    style = Style(locale)
    forced, law = law, law or regime()
    tally = Tally(law.currency, largest=largest)
    verdicts = check_dataset(
        source, fmt, columns=columns, locale=locale, currency=currency, delimiter=delimiter,
        encoding=encoding, law=forced, fx_rule=fx_rule,
    )  # fmt: skip
    for verdict in verdicts:
        tally.add(verdict.json_dict(), article_keys(verdict.record.articles, verdict.law or law))
    shown = name or (Path(source).name if isinstance(source, str | Path) else "dataset")
    lead = (
        f"{style.count(tally.records)} records of {shown} ({fmt}), each judged against Art. 83 of "
        f"the {law.short} ({law.citation}); amounts in {law.currency}."
    )
    return dataset_page(
        tally,
        law=law,
        style=style,
        title=f"Fines against their caps: {shown}",
        lead=lead,
        footer=_footer(),
    )


def case_files_report(
    paths: Sequence[str | Path],
    *,
    locale: str = "en",
    fx_rule: FxRule | None = None,
    sources_root: str | Path | None = None,
) -> str:
    """The report of case files, checked as ``gdprfine check`` checks them, as HTML.

    The charts use the regime of the first case; a case of another regime is listed with its
    own figures. Raises :class:`MissingExtra` without Matplotlib, and gdprfine's errors for a
    case file that cannot be read (naming it).

    >>> page = case_files_report(["examples/amazon-2021.toml"])
    >>> "cnpd-amazon-2021" in page, "Trace" in page, "€746,000,000" in page
    (True, True, True)
    """
    require()
    style = Style(locale)
    if not paths:
        from gdprfine.errors import InvalidInput

        raise InvalidInput("case files", None, "give at least one case file")
    results = []
    for path in paths:
        case, verdict, sources = check_case_file(path, fx_rule=fx_rule, sources_root=sources_root)
        results.append(CaseResult(str(path), case, verdict, sources))
    law = regime(results[0].case.regime)
    count = f"{len(results)} case file{'s' if len(results) != 1 else ''}"
    lead = f"{count}, each checked against Art. 83 of the {law.short} ({law.citation})."
    title = "Fines against their caps: " + ", ".join(
        r.case.id or Path(r.path).name for r in results[:3]
    )
    if len(results) > 3:
        title += ", …"
    return cases_page(results, law=law, style=style, title=title, lead=lead, footer=_footer())
