"""Set the minor units of the current codes in gdprfine/data/iso4217.json from ISO 4217 List One.

    python scripts/update_iso4217.py TABLE_XML

TABLE_XML is List One as the ISO 4217 maintenance agency publishes it (``list-one.xml``; the
PyPI package ``iso4217`` ships a copy as ``iso4217/table.xml``). Every code of ``active`` gets
``"minor": N`` (the ``CcyMnrUnts`` element), or ``"minor": "N.A."`` where ISO 4217 gives no
minor unit, and ``sources.minor`` names the list's publication date; codes missing from the
table are reported and the file is left unchanged. ``historic`` is kept as it is (its minor
units come from List Three). The file is written as ``scripts/json_table.py`` lays out the
project's JSON tables: one code a line.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from json_table import dumps

DATA = Path(__file__).resolve().parent.parent / "gdprfine" / "data" / "iso4217.json"
SECTIONS = ("active", "historic")


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
    DATA.write_text(dumps(data, SECTIONS), "utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1]))
