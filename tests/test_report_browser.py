"""The report as a person sees it: opened in a real headless Chromium, with no console error,
no request beyond the file itself, the charts drawn with the expected number of marks and their
axis titles on screen, and a screenshot that is not blank.

Skipped where no Chromium is installed (``.ci/run`` installs Debian's ``chromium``)."""

from __future__ import annotations

import io
import struct
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cdp import find_chromium, open_page

from gdprfine.batch import OUTCOMES, check_dataset
from gdprfine.files import check_case_file
from gdprfine.report import case_files_report, dataset_report
from gdprfine.report.tally import outcome_order

pytest.importorskip("matplotlib", reason="the report needs the 'report' extra (Matplotlib)")
CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium to open the report in: install Debian's chromium (apt-get install chromium) "
    "or set GDPRFINE_CHROMIUM",
)

ROOT = Path(__file__).resolve().parent.parent
CMS_FIXTURE = ROOT / "tests" / "fixtures" / "datasets" / "cms.json"
CMS = ROOT.parent / "shared" / "data" / "cms-enforcementtracker-2024-03.json"
AMAZON = ROOT / "examples" / "amazon-2021.toml"

SCRIPT = """(() => {
  const charts = {};
  for (const svg of document.querySelectorAll("svg")) {
    const title = svg.querySelector(":scope > title");
    const name = title ? title.id.replace(/-title$/, "") : "untitled";
    const marks = {};
    for (const g of svg.querySelectorAll("g[id]")) {
      const drawn = [...g.querySelectorAll("use")].filter(u => {
        const box = u.getBoundingClientRect();
        return box.width > 0 || box.height > 0;
      });
      if (drawn.length) marks[g.id] = drawn.length;
    }
    const bars = [...svg.querySelectorAll("g[id*='-bar-'] path")].filter(p => {
      const box = p.getBoundingClientRect();
      return box.height > 0;
    }).length;
    const texts = {};
    for (const t of svg.querySelectorAll("text")) texts[t.textContent] = t.getComputedTextLength();
    const box = svg.getBoundingClientRect();
    charts[name] = {marks, bars, texts, width: box.width, height: box.height};
  }
  return {title: document.title, charts, tables: document.querySelectorAll("table").length,
          rows: document.querySelectorAll("tbody tr").length};
})()"""


def _placed(path: Path) -> dict[str, int]:
    """The scatter's groups and how many fines each should draw, from the library's verdicts."""
    verdicts = list(check_dataset(path, "cms"))
    order = outcome_order(OUTCOMES, (v.outcome for v in verdicts))
    placed = Counter(
        v.outcome
        for v in verdicts
        if v.fine_converted and v.fine_converted.amount > 0 and v.cap and v.cap.undertaking
        # the page draws the fines in its own currency (EUR): a UK fine judged in GBP is listed
        and v.fine_converted.currency == "EUR"
    )
    return {f"scatter-points-{order.index(outcome)}": count for outcome, count in placed.items()}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _open(page: str, tmp_path: Path) -> Any:
    path = tmp_path / "report.html"
    path.write_text(page, "utf-8")
    assert CHROMIUM is not None
    result = open_page(CHROMIUM, path, tmp_path / "profile", script=SCRIPT)
    assert result.errors == []
    assert result.requests == [path.resolve().as_uri()]
    assert _png_size(result.screenshot) == (1280, 1600)
    from PIL import Image

    colours = Image.open(io.BytesIO(result.screenshot)).convert("RGB").getcolors(1 << 16)
    assert colours is None or len(colours) > 50  # a blank page has a handful
    (tmp_path / "screenshot.png").write_bytes(result.screenshot)
    return result.value


def _check_scatter(chart: dict[str, Any], expected: dict[str, int]) -> None:
    assert chart["width"] > 600
    for group, count in expected.items():
        assert chart["marks"].get(group) == count, group
    assert chart["marks"]["scatter-references"] >= 10
    for title in ("Worldwide annual turnover (EUR, log scale)", "Fine (EUR, log scale)"):
        assert chart["texts"][title] > 50, title  # drawn, with a width on screen


@pytest.mark.parametrize(
    "path",
    [
        CMS_FIXTURE,
        pytest.param(
            CMS, marks=pytest.mark.skipif(not CMS.is_file(), reason=f"no CMS export at {CMS}")
        ),
    ],
    ids=["fixture", "cms"],
)
def test_a_dataset_report_draws_in_the_browser(path: Path, tmp_path: Path) -> None:
    seen = _open(dataset_report(path, "cms"), tmp_path)
    charts = seen["charts"]
    _check_scatter(charts["scatter"], _placed(path))
    years = {
        str(v.record.date.year) if v.record.date else "unknown" for v in check_dataset(path, "cms")
    }
    assert charts["year"]["bars"] == 2 * len(years)  # a bar of records and one of the total
    assert "records" in charts["year"]["texts"]
    for name in ("country", "tier", "article", "largest", "outcomes", "flags"):
        assert charts[name]["bars"] > 0, name
    assert seen["tables"] >= 10


def test_a_case_report_draws_in_the_browser(tmp_path: Path) -> None:
    seen = _open(case_files_report([AMAZON]), tmp_path)
    _, verdict, _ = check_case_file(AMAZON)
    scale = seen["charts"]["cases"]
    for group in ("cases-fine", "cases-cap", "cases-static", "cases-turnover-limb"):
        assert scale["marks"][group] == 1, group
    assert scale["texts"]["Amount (EUR, log scale)"] > 30
    _check_scatter(seen["charts"]["scatter"], {"scatter-points-0": 1})
    assert seen["rows"] >= len(verdict.trace)
