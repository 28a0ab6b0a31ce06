"""The layout of gdprfine's JSON tables (``gdprfine/data/iso4217.json``, ``iso3166.json``): their
notes first, a key a line, then each section with one entry a line, so that a change to an
entry reads as a change of its line. ``python scripts/json_table.py FILE SECTION...`` writes
FILE again in this layout (after a hand edit, say); a test keeps the shipped tables in it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def dumps(data: dict[str, Any], sections: Sequence[str]) -> str:
    """*data* as a table's text: its other keys first, then *sections*, one entry a line."""
    lines = ["{"]
    keys = [key for key in data if key not in sections] + list(sections)
    for number, key in enumerate(keys):
        comma = "," if number < len(keys) - 1 else ""
        if key not in sections:
            lines.append(f"  {json.dumps(key)}: {json.dumps(data[key], ensure_ascii=False)}{comma}")
            continue
        lines.append(f"  {json.dumps(key)}: {{")
        entries = list(data[key].items())
        for index, (name, entry) in enumerate(entries):
            last = "," if index < len(entries) - 1 else ""
            lines.append(f"    {json.dumps(name, ensure_ascii=False)}: {json.dumps(entry, ensure_ascii=False)}{last}")
        lines.append("  }" + comma)
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    path = Path(sys.argv[1])
    path.write_text(dumps(json.loads(path.read_text("utf-8")), sys.argv[2:]), "utf-8")
