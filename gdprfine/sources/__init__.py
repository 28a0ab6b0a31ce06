"""Cross-check the amount of a fine across the sources that report it.

- :mod:`~gdprfine.sources.reading`: what one text says: the amount it attributes to the fine
  (:func:`read_source`), outliers, caps and other amounts;
- :mod:`~gdprfine.sources.language`: the language of a text with none declared, guessed
  (:func:`detect_language`);
- :mod:`~gdprfine.sources.files`: the texts of a folder (:func:`read_folder`) or of a case
  record's sources (:func:`read_case_sources`);
- :mod:`~gdprfine.sources.crosscheck`: whether the sources agree (:func:`cross_check`, a
  :class:`SourcesReport`), and the tier a stated cap restates (:func:`tier_statement`).

Sources agree when each one's fine is the case's fine (or, with no case fine, the consensus).
Other amounts, caps and outliers are listed but are not disagreements.

>>> from gdprfine.money import Money
>>> a = read_source("Amazon was fined €746 million. The fine of €746 million ...", locale="en",
...                 name="a")
>>> b = read_source("Amazon heeft een boete van 746 miljoen euro gekregen.", locale="nl", name="b")
>>> report = cross_check([a, b], Money("746000000", "EUR"))
>>> report.consensus, report.agreement, report.supported_by
(Money('746000000', 'EUR'), True, ['a', 'b'])

The language of a text with no declared language is guessed by :func:`detect_language`, a
heuristic that counts common words; it is stated as a guess in the reading.
"""

from __future__ import annotations

from gdprfine.sources.crosscheck import (
    Disagreement,
    SourcesReport,
    SourceSummary,
    cross_check,
    tier_statement,
)
from gdprfine.sources.files import read_case_sources, read_folder, read_text, read_text_file
from gdprfine.sources.language import detect_language
from gdprfine.sources.reading import OtherAmount, Outlier, SourceReading, read_source

__all__ = [
    "Disagreement",
    "OtherAmount",
    "Outlier",
    "SourceReading",
    "SourceSummary",
    "SourcesReport",
    "cross_check",
    "detect_language",
    "read_case_sources",
    "read_folder",
    "read_source",
    "read_text",
    "read_text_file",
    "tier_statement",
]
