"""The HTML report: its content against the library's verdicts, determinism, the locale, open
sets of outcomes and flags, the chart marks, and the command that writes it."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gdprfine.batch import FLAGS, OUTCOMES, BatchSummary, check_dataset
from gdprfine.cli import app
from gdprfine.files import check_case_file
from gdprfine.law import regime
from gdprfine.report import MissingExtra, case_files_report, dataset_report
from gdprfine.report.dataset import dataset_page
from gdprfine.report.page import Style
from gdprfine.report.tally import Tally, outcome_order

pytest.importorskip("matplotlib", reason="the report needs the 'report' extra (Matplotlib)")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "datasets"
CMS_FIXTURE = str(FIXTURES / "cms.json")
AMAZON = str(ROOT / "examples" / "amazon-2021.toml")
CMS = ROOT.parent / "shared" / "data" / "cms-enforcementtracker-2024-03.json"
SVG_NS = "{http://www.w3.org/2000/svg}"

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, ["report", *args])


def svgs(page: str) -> dict[str, ET.Element]:
    """Each inline chart, parsed, by the id of its title (``scatter-title`` -> ``scatter``)."""
    found = {}
    for text in re.findall(r"<svg .*?</svg>", page, re.S):
        root = ET.fromstring(text)
        title = root.find(f"{SVG_NS}title")
        assert title is not None
        found[title.attrib["id"].removesuffix("-title")] = root
    return found


def marks(root: ET.Element, group_id: str) -> int:
    """The number of markers (``<use>``) drawn in the group with this id."""
    for element in root.iter(f"{SVG_NS}g"):
        if element.attrib.get("id") == group_id:
            return sum(1 for _ in element.iter(f"{SVG_NS}use"))
    return 0


class _Tables(HTMLParser):
    """The text of every table cell, by table id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._table = dict(attrs).get("id") or f"table-{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag == "td" and self._table is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(page: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return {key: [row for row in rows if row] for key, rows in parser.tables.items()}


@pytest.fixture(scope="module")
def fixture_page() -> str:
    return dataset_report(CMS_FIXTURE, "cms")


def test_the_page_is_self_contained(fixture_page: str) -> None:
    page = fixture_page
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Content-Security-Policy" in page
    assert "default-src 'none'" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "@import" not in page
    assert "url(http" not in page
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1][:5]


def test_the_dataset_page_holds_the_verdicts(fixture_page: str) -> None:
    verdicts = list(check_dataset(CMS_FIXTURE, "cms"))
    found = tables(fixture_page)
    outcomes: dict[str, int] = dict.fromkeys(OUTCOMES, 0)
    outcomes.update(Counter(v.outcome for v in verdicts))
    assert {row[0]: int(row[1]) for row in found["outcomes-table"]} == outcomes
    flags = Counter(flag for v in verdicts for flag in v.flags)
    assert {row[0]: int(row[2]) for row in found["flags-table"]} == flags
    assert {row[0]: row[1] for row in found["flags-table"]} == {flag: FLAGS[flag] for flag in flags}
    flagged = [v for v in verdicts if v.flags]
    rows = found["flagged-table"]
    assert [row[0] for row in rows] == [v.record.id or str(v.record.row) for v in flagged]
    for row, verdict in zip(rows, flagged, strict=True):
        assert row[5].splitlines() == [f"{flag}: {FLAGS[flag]}" for flag in verdict.flags]
        if verdict.reason:
            assert verdict.reason in row[6]
    assert "Art. 83(5)" in {row[0] for row in found["tier-table"]}


def test_totals_match_the_batch_summary(fixture_page: str) -> None:
    summary = BatchSummary()
    for verdict in check_dataset(CMS_FIXTURE, "cms"):
        summary.add(verdict)
    by_year = {row[0]: row for row in tables(fixture_page)["year-table"]}
    assert {year: int(row[1]) for year, row in by_year.items()} == dict(summary.years)
    style = Style("en")
    for year, total in summary.total_by_year.items():
        assert by_year[year][3] == style.money(total, "EUR")
    assert style.money(summary.total, "EUR") in fixture_page


def test_the_scatter_draws_every_placed_fine_and_the_reference_cases(fixture_page: str) -> None:
    charts = svgs(fixture_page)
    scatter = charts["scatter"]
    verdicts = list(check_dataset(CMS_FIXTURE, "cms"))
    placed = Counter(
        v.outcome
        for v in verdicts
        if v.fine_converted and v.fine_converted.amount > 0 and v.cap and v.cap.undertaking
    )
    assert sum(placed.values()) == 3  # rows 1, 2 and 7; 8 and 9 have no tier, 10 is a fine of 0
    order = outcome_order(OUTCOMES, (v.outcome for v in verdicts))
    for outcome, count in placed.items():
        assert marks(scatter, f"scatter-points-{order.index(outcome)}") == count
    assert marks(scatter, "scatter-references") == len(tables(fixture_page)["references-table"]) > 5
    texts = ["".join(t.itertext()) for t in scatter.iter(f"{SVG_NS}text")]
    assert "Worldwide annual turnover (EUR, log scale)" in texts
    assert "Fine (EUR, log scale)" in texts
    for label in (
        "2% of turnover (Art. 83(4))",
        "€20M static amount (Art. 83(5), 83(6))",
        "cnpd-amazon-2021",
    ):
        assert label in texts
    for name in ("country", "year", "tier", "article", "largest", "outcomes", "flags"):
        assert name in charts, name


def test_the_same_input_gives_the_same_bytes(fixture_page: str, tmp_path: Path) -> None:
    assert dataset_report(CMS_FIXTURE, "cms") == fixture_page
    script = (
        "import sys; from gdprfine.report import dataset_report; "
        f"sys.stdout.buffer.write(dataset_report({CMS_FIXTURE!r}, 'cms').encode())"
    )
    other = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, check=True, cwd=ROOT
    )
    assert other.stdout == fixture_page.encode()
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    assert run("--format", "cms", CMS_FIXTURE, "-o", str(first)).exit_code == 0
    assert run("--format", "cms", CMS_FIXTURE, "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes() == fixture_page.encode()


def _record(
    row: int, outcome: str, flags: list[object], reason: str | None = None
) -> dict[str, object]:
    return {
        "row": row, "id": f"R{row}", "outcome": outcome, "flags": flags, "reason": reason,
        "fine": {"amount": "1000", "currency": "EUR"}, "fine_in_cap_currency": None, "tier": None,
        "cap": None, "country": "FR", "date": "2023-01-02", "controller": f"Controller {row}",
    }  # fmt: skip


def test_new_outcomes_and_flags_show_without_a_change() -> None:
    tally = Tally("EUR")
    tally.add(_record(1, "no-fine", ["warning-only"], "a reprimand, not a fine"), [])
    tally.add(
        _record(2, "within", [{"flag": "outside-scope", "reason": "Art. 83(7): a public body"}]), []
    )
    tally.add(_record(3, "within", ["no-date"]), [])
    law = regime()
    page = dataset_page(tally, law=law, style=Style("en"), title="t", lead="l", footer="f")
    found = tables(page)
    outcomes = {row[0]: row[1] for row in found["outcomes-table"]}
    assert outcomes["no-fine"] == "1"
    assert outcomes["within"] == "2"
    assert list(outcomes)[: len(OUTCOMES)] == list(OUTCOMES)
    flagged = {row[0]: row for row in found["flagged-table"]}
    assert flagged["R1"][5] == "warning-only"
    assert flagged["R1"][6] == "a reprimand, not a fine"
    assert flagged["R2"][5] == "outside-scope: Art. 83(7): a public body"
    assert flagged["R3"][5] == f"no-date: {FLAGS['no-date']}"
    assert len(re.findall(r'id="outcomes-p0-bar-\d+"', page)) == 2


def test_amounts_in_the_locale_given() -> None:
    page = case_files_report([AMAZON], locale="de")
    assert "746.000.000\xa0€" in page
    assert "20\xa0Mio.\xa0€" in page
    french = dataset_report(CMS_FIXTURE, "cms", locale="fr")
    assert "Autriche (AT)" in french
    assert "14\u202f500\u202f000\xa0€" in french


def test_the_case_page_shows_fine_cap_limbs_sources_and_trace() -> None:
    _, verdict, sources = check_case_file(AMAZON)
    assert sources is not None
    assert verdict.cap is not None
    page = case_files_report([AMAZON])
    found = tables(page)
    style = Style("en")
    (row,) = found["cases-table"]
    assert row[0] == "cnpd-amazon-2021"
    assert row[9] == "within"
    assert row[5] == style.money(verdict.cap.static.amount, "EUR")
    assert verdict.cap.turnover_based is not None
    assert row[6] == style.money(verdict.cap.turnover_based.amount, "EUR")
    assert len(found["trace-1"]) == len(verdict.trace)
    assert [r[1] for r in found["trace-1"]] == [step.step for step in verdict.trace]
    readings = found["sources-1"][: len(sources.sources)]
    assert [(r[0], r[4]) for r in readings] == [(s.name, "agrees") for s in sources.sources]
    scale = svgs(page)["cases"]
    for group in ("cases-fine", "cases-cap", "cases-static", "cases-turnover-limb"):
        assert marks(scale, group) == 1, group
    assert marks(svgs(page)["scatter"], "scatter-points-0") == 1


def test_the_command_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run(AMAZON, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: {out.stat().st_size:,} bytes\n"
    assert out.read_text("utf-8") == case_files_report([AMAZON])
    piped = run("--format", "cms", CMS_FIXTURE, "-o", "-")
    assert piped.exit_code == 0
    assert piped.stdout == dataset_report(CMS_FIXTURE, "cms")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "cms", CMS_FIXTURE, CMS_FIXTURE], "exactly one dataset FILE"),
        (["--format", "nope", CMS_FIXTURE], "format: 'nope'"),
        (["--format", "cms", "/nonexistent.json"], "/nonexistent.json"),
        ([str(ROOT / "README.md")], "a case file ends in .toml or .json"),
        ([AMAZON, "--locale", "zz"], "--locale: 'zz'"),
        ([AMAZON, "--column", "fine=Amount"], "need --format"),
        (["--format", "cms", CMS_FIXTURE, "--largest", "-1"], "--largest"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], needle: str, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run(*args, "-o", str(out))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.splitlines()) == 1
    assert needle in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("target", ["missing-folder/r.html", "/dev/full"])
def test_a_file_that_cannot_be_written_exits_4(target: str, tmp_path: Path) -> None:
    path = target if target.startswith("/") else str(tmp_path / target)
    if target.startswith("/") and not Path(target).exists():
        pytest.skip(f"{target} does not exist here")
    result = run(AMAZON, "-o", path)
    assert result.exit_code == 4, result.output
    assert result.stderr.startswith(f"Error: output: -o: {path!r}: ")
    assert len(result.stderr.splitlines()) == 1


def test_without_the_extra_the_command_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtra):
        dataset_report(CMS_FIXTURE, "cms")
    out = tmp_path / "r.html"
    result = run("--format", "cms", CMS_FIXTURE, "-o", str(out))
    assert result.exit_code == 2
    assert (
        result.stderr
        == "Error: report: the report needs Matplotlib: pip install 'gdprfine[report]'\n"
    )
    assert not out.exists()


@pytest.mark.skipif(not CMS.is_file(), reason=f"the CMS export is not at {CMS}")
def test_the_cms_report_renders_in_seconds_and_weighs_under_3_mb() -> None:
    start = time.process_time()
    page = dataset_report(CMS, "cms")
    elapsed = time.process_time() - start
    assert elapsed < 90, elapsed  # CPU seconds
    assert len(page.encode()) < 3_000_000
    summary = BatchSummary()
    for verdict in check_dataset(CMS, "cms"):
        summary.add(verdict)
    found = tables(page)
    expected = summary.json_dict()["outcomes"]
    assert {row[0]: int(row[1].replace(",", "")) for row in found["outcomes-table"]} == expected
    placed = sum(marks(svgs(page)["scatter"], f"scatter-points-{n}") for n in range(8))
    assert placed == len(found["fines-table"])
    assert Style("en").money(summary.total, "EUR") in page
    assert sum(Decimal(1) for _ in found["flagged-table"]) == sum(
        1 for v in check_dataset(CMS, "cms") if v.flags
    )


UK_CASE = """
id = "ico-example-2022"
regime = "uk-gdpr"
addressee = "Example Ltd"
is_undertaking = true
decision_date = 2022-03-01
fine = { amount = "500000", currency = "GBP" }
articles = ["Art. 32 UK GDPR"]

[authority]
name = "ICO"
country = "GB"
"""


def test_a_case_of_another_regime_is_listed_but_not_drawn_on_the_first_ones_scale(
    tmp_path: Path,
) -> None:
    uk = tmp_path / "ico.toml"
    uk.write_text(UK_CASE, "utf-8")
    page = case_files_report([AMAZON, str(uk)])
    found = tables(page)
    assert [row[0] for row in found["cases-table"]] == ["cnpd-amazon-2021", "ico-example-2022"]
    assert found["cases-table"][1][3] == "£500,000"
    assert "Not drawn (another regime than the GDPR): ico-example-2022." in page
    charts = svgs(page)
    assert marks(charts["cases"], "cases-fine") == 1
    assert marks(charts["scatter"], "scatter-points-0") == 1
    assert len(found["trace-2"]) > 3


PUBLIC_BODY_CASE = """
id = "bfdi-example-2022"
regime = "eu-gdpr"
addressee = "A federal authority"
is_undertaking = false
public_body = true
decision_date = 2022-03-01
fine = { amount = "50000", currency = "EUR" }
articles = ["Art. 32 GDPR"]

[authority]
name = "BfDI"
country = "DE"
"""


def test_a_cap_of_zero_is_listed_but_not_drawn_on_a_log_scale(tmp_path: Path) -> None:
    case = tmp_path / "public-body.toml"
    case.write_text(PUBLIC_BODY_CASE, "utf-8")
    page = case_files_report([str(case), AMAZON])
    rows = {row[0]: row for row in tables(page)["cases-table"]}
    assert rows["bfdi-example-2022"][7] == "€0"
    assert rows["bfdi-example-2022"][9] == "exceeds"
    charts = svgs(page)
    assert marks(charts["cases"], "cases-fine") == 1  # Amazon's only
    assert marks(charts["scatter"], "scatter-points-0") == 1  # not an undertaking: not placed
    alone = case_files_report([str(case)])
    assert (
        "No case has a cap to draw on this scale (one in the regime's currency, above zero)."
        in alone
    )
