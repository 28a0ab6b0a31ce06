"""The parties a tracker's party cell names: the addressee(s) of the decision, and the others.

Trackers write one cell for the parties: one name, a name broken over lines (``FACTOR
ENERGÍA,`` / ``S.A.``), several addressees one per line (``Uber Technologies Inc.`` /
``Uber B.V.``), or a complainant beside the controller (``Complainant v. Company``, ``Data
subject; Bank X``). :func:`read_parties` splits such a cell; a party that the cell marks as a
complainant, a data subject or a claimant is never an addressee.

Lines are separate parties only when each of them reads as a name on its own (it carries a legal
form such as ``Inc.``, ``B.V.``, ``GmbH``); otherwise they are one name broken over lines, and are
joined. A court-style ``A v. B`` names no addressee unless one side is marked as the complainant.

>>> read_parties("Uber Technologies Inc.\\nUber B.V.")
Parties(addressees=('Uber Technologies Inc.', 'Uber B.V.'), others=())
>>> read_parties("FACTOR ENERGÍA,\\r\\nS.A.")
Parties(addressees=('FACTOR ENERGÍA, S.A.',), others=())
>>> read_parties("Complainant v. Acme Ltd")
Parties(addressees=('Acme Ltd',), others=('Complainant',))
>>> read_parties("Jane Doe v. John Roe")
Parties(addressees=(), others=('Jane Doe', 'John Roe'))
>>> read_parties("")
Parties(addressees=(), others=())
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Parties", "read_parties"]

_MAX_PARTY = 300
_LEGAL_FORM = re.compile(
    r"(?<![\w])(?:inc|ltd|llc|plc|corp|co|gmbh|ag|kg|ohg|gbr|ug|e\.?\s?v|se|sa|s\.?\s?a|s\.?\s?l|s\.?\s?r\.?\s?l|"
    r"s\.?\s?p\.?\s?a|spa|sas|sarl|b\.?\s?v|n\.?\s?v|a/?s|as|asa|ab|oy|oyj|aps|sp\.?\s?z\s?o\.?\s?o|"
    r"s\.?\s?r\.?\s?o|a\.?\s?s|kft|zrt|nyrt|d\.?\s?o\.?\s?o|d\.?\s?d|srl|uab|ab|sia|oü|as|lda|"
    r"α\.?\s?ε|ε\.?\s?π\.?\s?ε|ike|limited|company|bank|municipality|gemeinde|ayuntamiento|comune)"
    r"\.?(?![\w])",
    re.IGNORECASE,
)
_OTHER_PARTY = re.compile(
    r"\b(?:complainants?|data\s+subjects?|claimants?|plaintiffs?|petitioners?|applicants?|"
    r"appellants?|the\s+individual|beschwerdeführer\w*|betroffene\w*|kläger\w*|klager\w*|"
    r"plaignant\w*|reclamante\w*|denunciante\w*|reclamant\w*|klagande|skarżąc\w*)\b",
    re.IGNORECASE,
)
_VERSUS = re.compile(r"\s+(?:v\.?|vs\.?|versus|gegen|contre|contra|c\.)\s+", re.IGNORECASE)
_LIST = re.compile(r"\s*;\s*|\s*\n\s*")


class Parties(NamedTuple):
    """The parties of one cell: the addressees of the decision, and the other parties."""

    addressees: tuple[str, ...]
    others: tuple[str, ...]


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;")[:_MAX_PARTY]


def _lines(cell: str) -> list[str]:
    pieces = _LIST.split(cell.replace("\r", ""))
    parts = [part for part in (_clean(piece) for piece in pieces) if part]
    if len(parts) > 1 and not all(
        _LEGAL_FORM.search(part) or _OTHER_PARTY.search(part) for part in parts
    ):
        return [_clean(" ".join(pieces))]
    return parts


def read_parties(cell: str) -> Parties:
    """Split a party cell into the addressees and the other parties (see the module)."""
    if len(cell) > 4 * _MAX_PARTY:
        # No party cell names more than a few parties: a longer cell is read cut.
        return _read_parties(cell[: 4 * _MAX_PARTY])
    return _cached(cell)


def _read_parties(cell: str) -> Parties:
    addressees: list[str] = []
    others: list[str] = []
    for part in _lines(cell):
        sides = [_clean(side) for side in _VERSUS.split(part)]
        sides = [side for side in sides if side]
        if len(sides) > 1:
            marked = [bool(_OTHER_PARTY.search(side)) for side in sides]
            if any(marked) and not all(marked):
                addressees += [side for side, other in zip(sides, marked, strict=True) if not other]
                others += [side for side, other in zip(sides, marked, strict=True) if other]
            else:
                others += sides
        elif _OTHER_PARTY.search(part):
            others.append(part)
        else:
            addressees.append(part)
    return Parties(tuple(addressees), tuple(others))


_cached = lru_cache(maxsize=16_384)(_read_parties)
