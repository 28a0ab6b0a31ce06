"""Make docs/report-cms.png: the report of the CMS Enforcement Tracker export, as headless
Chromium shows its top at 1280 x 1400 CSS pixels.

    .venv/bin/python scripts/report_screenshot.py [EXPORT] [PNG]

EXPORT defaults to ../shared/data/cms-enforcementtracker-2024-03.json, PNG to
docs/report-cms.png. Needs the `report` extra and Debian's chromium (see tests/cdp.py).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from cdp import find_chromium, open_page  # noqa: E402

from gdprfine.report import dataset_report  # noqa: E402


def main(argv: list[str]) -> int:
    export = (
        Path(argv[0])
        if argv
        else ROOT.parent / "shared" / "data" / "cms-enforcementtracker-2024-03.json"
    )
    target = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "report-cms.png"
    chromium = find_chromium()
    if chromium is None:
        sys.stderr.write("Error: no Chromium: apt-get install chromium\n")
        return 2
    start = time.perf_counter()
    page = dataset_report(export, "cms")
    elapsed = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "report-cms.html"
        html.write_text(page, "utf-8")
        result = open_page(
            chromium, html, Path(folder) / "profile", script="document.title", height=1400
        )
    if result.errors:
        sys.stderr.write(f"Error: the browser reported {result.errors}\n")
        return 1
    target.write_bytes(result.screenshot)
    sys.stdout.write(
        f"{target}: rendered in {elapsed:.1f} s, {len(page.encode()):,} bytes of HTML\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
