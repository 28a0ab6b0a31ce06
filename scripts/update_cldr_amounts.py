"""Write gdprfine/data/amounts/cldr.json: the CLDR words gdprfine's amount reader takes from babel.

    python scripts/update_cldr_amounts.py [--check]

For every supported locale (``gdprfine.amounts.SUPPORTED_LOCALES``) the file records the babel
identifier, the language of the project's own data file, and what the installed babel's CLDR
data gives: the compact-number words with their powers of ten ("Mio.", "mld") and the names and
symbols of the currencies the reader knows by name. The reader takes these words from the file,
not from the babel installed, so a reading never changes with the CLDR version; a reading that
needs one of them is still marked as not sure. With ``--check`` the file is compared with what
the installed babel gives, and the differences are printed (exit status 1), nothing is written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from babel import Locale, __version__
from babel.core import get_cldr_version

from gdprfine.amounts import SUPPORTED_LOCALES, _babel_words, _parse_locale

DATA = Path(__file__).resolve().parent.parent / "gdprfine" / "data" / "amounts" / "cldr.json"


def snapshot() -> dict[str, Any]:
    """What the file holds, from the installed babel."""
    locales: dict[str, Any] = {}
    for tag in SUPPORTED_LOCALES:
        loc, language = _parse_locale(tag)
        scales, names = _babel_words(Locale.parse(str(loc)))
        locales[str(loc)] = {
            "identifier": str(loc),
            "language": language,
            "scales": [[word, exponent] for exponent, word in scales.values()],
            "names": [[word, code] for word, code in names],
        }
    return {
        "about": (
            "The compact-number words (word, power of ten) and currency names (name, ISO 4217 "
            "code) of the Unicode CLDR data, for each locale gdprfine reads amounts in; the "
            "reader trusts gdprfine's own words first and marks a reading that needs one of "
            "these as not sure. Written by scripts/update_cldr_amounts.py; do not edit."
        ),
        "source": f"Unicode CLDR {get_cldr_version()}, as shipped with babel {__version__}",
        "babel": __version__,
        "cldr": get_cldr_version(),
        "locales": locales,
    }


def render(data: dict[str, Any]) -> str:
    """The file's text: one locale's words per line, so that a change reads as a small diff."""
    head = {key: value for key, value in data.items() if key != "locales"}
    lines = ["{"]
    lines += [
        f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},"
        for key, value in head.items()
    ]
    lines.append('  "locales": {')
    entries = list(data["locales"].items())
    for i, (tag, entry) in enumerate(entries):
        lines.append(f"    {json.dumps(tag)}: {{")
        items = list(entry.items())
        for j, (key, value) in enumerate(items):
            comma = "," if j < len(items) - 1 else ""
            lines.append(f"      {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
        lines.append("    }" + ("," if i < len(entries) - 1 else ""))
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    fresh = snapshot()
    if "--check" in argv:
        recorded = json.loads(DATA.read_text("utf-8"))
        differ = [
            tag for tag in fresh["locales"] if fresh["locales"][tag] != recorded["locales"].get(tag)
        ]
        if differ:
            print(
                f"babel {__version__} differs from {DATA.name} (babel {recorded['babel']}) for: {', '.join(differ)}"
            )
            return 1
        print(f"{DATA.name} holds what babel {__version__} gives")
        return 0
    DATA.write_text(render(fresh), "utf-8")
    print(f"wrote {DATA} from babel {__version__} (CLDR {fresh['cldr']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
