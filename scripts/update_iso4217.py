"""Set the minor-unit column of gdprfine/data/iso4217.toml from ISO 4217 List One.

    python scripts/update_iso4217.py TABLE_XML

TABLE_XML is List One as the ISO 4217 maintenance agency publishes it (``list-one.xml``; the
PyPI package ``iso4217`` ships a copy as ``iso4217/table.xml``). Every code of the [active]
section gets ``minor = N`` (the ``CcyMnrUnts`` element), or ``minor = "N.A."`` where ISO 4217
gives no minor unit; codes missing from the table are reported and the file is left unchanged.
The [historic] section is kept as it is (its minor units come from List Three).
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "gdprfine" / "data" / "iso4217.toml"
ENTRY = re.compile(r'^(?P<code>[A-Z]{3}) = \{ (?P<body>.*?)(?:, minor = (?:\d+|"N\.A\."))? \}$')


def main(xml_path: str) -> int:
    root = ET.parse(xml_path).getroot()
    published = root.get("Pblshd", "?")
    units: dict[str, str] = {}
    for entry in root.iter("CcyNtry"):
        code, unit = entry.findtext("Ccy"), entry.findtext("CcyMnrUnts")
        if code and unit:
            units[code] = unit
    lines = DATA.read_text("utf-8").splitlines()
    section, missing, out = "", [], []
    for line in lines:
        if line.startswith("["):
            section = line
        match = ENTRY.match(line)
        if section == "[active]" and match:
            code = match["code"]
            if code not in units:
                missing.append(code)
            else:
                unit = units[code]
                value = unit if unit.isdigit() else f'"{unit}"'
                line = f"{code} = {{ {match['body']}, minor = {value} }}"
        elif line.startswith("# Minor units:"):
            line = f"# Minor units: ISO 4217 List One, published {published} [primary]."
        out.append(line)
    if missing:
        print(f"not in the table: {', '.join(missing)}", file=sys.stderr)
        return 1
    DATA.write_text("\n".join(out) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1]))
