"""Set the minor units of the current codes in gdprfine/data/iso4217.json from ISO 4217 List One.

    python scripts/update_iso4217.py TABLE_XML

TABLE_XML is List One as the ISO 4217 maintenance agency publishes it (``list-one.xml``; the
PyPI package ``iso4217`` ships a copy as ``iso4217/table.xml``). Every code of ``active`` gets
``"minor": N`` (the ``CcyMnrUnts`` element), or ``"minor": "N.A."`` where ISO 4217 gives no
minor unit, and ``sources.minor`` names the list's publication date; codes missing from the
table are reported and the file is left unchanged. ``historic`` is kept as it is (its minor
units come from List Three). The file is written one code a line, so that a change reads as a
change of that code's line.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "gdprfine" / "data" / "iso4217.json"


def dumps(data: dict[str, Any]) -> str:
    """*data* as the file's text: the notes first, then one code a line in each section."""
    lines = ["{"]
    for key in ("about", "sources"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(data[key], ensure_ascii=False)},")
    sections = ("active", "historic")
    for number, section in enumerate(sections):
        lines.append(f"  {json.dumps(section)}: {{")
        codes = list(data[section].items())
        for index, (code, entry) in enumerate(codes):
            comma = "," if index < len(codes) - 1 else ""
            lines.append(f"    {json.dumps(code)}: {json.dumps(entry, ensure_ascii=False)}{comma}")
        lines.append("  }" + ("," if number < len(sections) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(xml_path: str) -> int:
    root = ET.parse(xml_path).getroot()
    published = root.get("Pblshd", "?")
    units: dict[str, str] = {}
    for entry in root.iter("CcyNtry"):
        code, unit = entry.findtext("Ccy"), entry.findtext("CcyMnrUnts")
        if code and unit:
            units[code] = unit
    data = json.loads(DATA.read_text("utf-8"))
    missing = [code for code in data["active"] if code not in units]
    if missing:
        print(f"not in the table: {', '.join(missing)}", file=sys.stderr)
        return 1
    for code, entry in data["active"].items():
        unit = units[code]
        entry["minor"] = int(unit) if unit.isdigit() else unit
    data["sources"]["minor"] = f"ISO 4217 List One, published {published} [primary]"
    DATA.write_text(dumps(data), "utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1]))
