"""The plausibility checks find in fewer steps what the plain definitions find.

``several-fines`` searches only the runs of words around the words every phrase it knows holds;
``summary-disagrees`` stops at the first amount that clears the fine, making the comparisons
that need no conversion first. These tests compare both with the plain definitions.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gdprfine import fx
from gdprfine.datasets import plausibility
from gdprfine.datasets.plausibility import (
    _SEVERAL,
    _several_phrase,
    plausibility_config,
    plausibility_flags,
)
from gdprfine.datasets.records import DatasetRecord, read_amount, read_date
from gdprfine.money import Money

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

WORDS = [
    "fine", "fines", "fined", "each", "total", "totalling", "jointly", "liable", "respectively",
    "both", "companies", "parties", "were", "have", "been", "in", "a", "the", "of", "two", "ten",
    "12", "several", "separate", "administrative", "sanctions", "amounting", "to", "up", "day",
    "EUR", "USD", "€", "on", "against", "all",
]  # fmt: skip
FILLERS = [
    " ", "  ", "\n", "\u00a0", ",", ".", ";", "(", ")", "-", "'", "é", "\u0130", "\u0131",
    "\u017f", "\u212a",
]  # fmt: skip


def plain(summary: str, end: int) -> str | None:
    found = re.compile(_SEVERAL, re.IGNORECASE).search(summary, 0, end)
    return found[0] if found else None


summaries = st.lists(
    st.tuples(
        st.sampled_from(WORDS).flatmap(
            lambda w: st.sampled_from([w, w.upper(), w.title(), w.replace("s", "\u017f")])
        ),
        st.sampled_from(FILLERS),
    ),
    max_size=16,
).map(lambda parts: "".join(word + filler for word, filler in parts))


@given(summary=summaries, end=st.integers(min_value=0, max_value=200))
@example(summary="Fines of EUR 5,000 each were imposed on both companies.", end=200)
@example(summary="in total, EUR 9 000; a total of 12 fines", end=200)
@example(summary="The two companies were jointly\nliable", end=20)
def test_several_fines_finds_what_the_plain_search_finds(summary: str, end: int) -> None:
    assert _several_phrase(summary, end) == plain(summary, end)


# One phrase for each alternative of _SEVERAL, after other words and a comma.
PHRASES = [
    "fines of EUR 5,000 each",
    "each of the companies",
    "fined each",
    "fines against each",
    "each party was fined",
    "the total fine of EUR 5 million",
    "a total of 20 000 EUR",
    "sanctions amounting to a total",
    "fines totalling",
    "in total, EUR 9,000",
    "in total 5 000 USD",
    "two separate fines",
    "12 administrative fines",
    "fines were imposed on both",
    "jointly liable",
    "both parties have been fined",
    "respectively",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_several_fines_finds_each_kind_of_phrase(phrase: str) -> None:
    for text in (phrase, f"The DPA, in 2019 and now {phrase}; then {phrase.upper()}"):
        assert _several_phrase(text, 400) == plain(text, 400) is not None


def tracker_summaries() -> list[str]:
    cms = SHARED_DATA / "cms-enforcementtracker-2024-03.json"
    affairs = SHARED_DATA / "privacyaffairs-gdpr-violations-2020.tsv"
    if not (cms.is_file() and affairs.is_file()):
        pytest.skip(f"tracker corpus not present in {SHARED_DATA}")
    (rows,) = json.loads(cms.read_text("utf-8")).values()
    with affairs.open(newline="", encoding="utf-8") as handle:
        affairs_rows = list(csv.DictReader(handle, delimiter="\t"))
    return [str(row[10]) for row in rows] + [row["summary"] for row in affairs_rows]


def test_several_fines_finds_in_the_trackers_what_the_plain_search_finds() -> None:
    end = plausibility_config().max_chars
    found = [(s, _several_phrase(s, end)) for s in tracker_summaries()]
    assert [phrase for _, phrase in found] == [plain(s, end) for s, _ in found]
    assert sum(phrase is not None for _, phrase in found) > 10


def record(summary: str, fine: str = "9,400") -> DatasetRecord:
    return DatasetRecord(
        source="csv", row=1, amount=read_amount(fine), country="PL", summary=summary,
        date=read_date("2019-10-18").date,
    )  # fmt: skip


def test_an_amount_that_is_the_fine_spares_the_conversion(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_rate(*args: object) -> None:
        raise AssertionError("no conversion needed")

    monkeypatch.setattr(fx, "fine_rate", no_rate)
    config = plausibility_config()
    fine = Money("9400", "EUR")
    found = record("A fine of PLN 40,000 (EUR 9,400) was imposed.")
    assert plausibility_flags(found, fine, config) == ()


def test_a_converted_amount_still_decides() -> None:
    config = plausibility_config()
    agrees = record("A fine of PLN 40,000 was imposed.")
    assert plausibility_flags(agrees, Money("9400", "EUR"), config) == ()
    differs = record("A fine of PLN 40,000 was imposed.", fine="94,000")
    flags = plausibility_flags(differs, Money("94000", "EUR"), config)
    assert [flag for flag, _ in flags] == ["summary-disagrees"]
    assert plausibility._summary_disagrees(differs, Money("94000", "EUR"), config) == (
        "the summary states PLN 40 000, not the fine EUR 94 000"
    )


def test_the_largest_recorded_fine_read_from_the_case_files_is_the_reference_cases() -> None:
    """Read from the case files' fines alone, it is the largest euro fine of the loaded cases
    (the first of them in their order, on a tie)."""
    from gdprfine.reference import reference_cases

    cases = [case for case in reference_cases() if case.fine.currency == "EUR"]
    case = max(cases, key=lambda item: item.fine.amount)
    from gdprfine import reference

    fines = reference._fines_from_files()
    assert fines is not None
    assert sorted(fines) == sorted((c.decision_date, c.id, c.fine) for c in reference_cases())
    plausibility.largest_recorded_fine.cache_clear()
    try:
        assert plausibility.largest_recorded_fine() == (case.fine, case.id)
    finally:
        plausibility.largest_recorded_fine.cache_clear()


def test_the_largest_recorded_fine_falls_back_to_the_case_loader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gdprfine import reference

    expected = plausibility.largest_recorded_fine()
    monkeypatch.setattr(reference, "_fines_from_files", lambda: None)
    plausibility.largest_recorded_fine.cache_clear()
    reference.reference_fines.cache_clear()
    try:
        assert plausibility.largest_recorded_fine() == expected
    finally:
        plausibility.largest_recorded_fine.cache_clear()
        reference.reference_fines.cache_clear()


def _public(country: str | None, sector: str | None, when: str | None = "2021-03-04") -> list[tuple[str, str]]:
    record = DatasetRecord(
        source="csv", row=1, amount=read_amount("5000"), country=country, sector=sector,
        date=read_date(when).date if when else None,
    )  # fmt: skip
    return [flag for flag in plausibility_flags(record, Money("5000", "EUR"), plausibility_config())
            if flag[0] == "public-sector"]  # fmt: skip


@pytest.mark.parametrize(
    ("country", "words"),
    [("ES", "ES: no fine may be imposed on"), ("PL", "maximum PLN 100 000"),
     ("SE", "SEK 10 000 000 under Art. 83(5)"), ("GR", "the rule of GR on fining public bodies (Art. 83(7)) is not recorded")],
)  # fmt: skip
def test_a_public_sector_record_says_the_cap_may_not_be_art_83s(country: str, words: str) -> None:
    """The CMS export's sector "Public Sector and Education": where the country limits or
    excludes fines on public bodies, or its rule is not recorded, the Art. 83 cap shown is the
    addressee's only if it is not such a body."""
    (found,) = _public(country, "Public Sector and Education")
    assert words in found[1]
    assert "'Public Sector and Education'" in found[1]
    assert "in force from" not in found[1]
    (undated,) = _public(country, "Public Sector and Education", None)
    assert undated[1].startswith(found[1].removesuffix(")"))


@pytest.mark.parametrize(
    ("country", "sector", "when"),
    [("IT", "Public Sector and Education", "2021-03-04"), ("NL", "öffentliche Verwaltung", None),
     ("ES", "Industry and Commerce", "2021-03-04"), (None, "Public Sector and Education", None),
     ("ES", None, None)],
)  # fmt: skip
def test_no_public_sector_flag_where_the_cap_is_art_83s(country: str | None, sector: str | None, when: str | None) -> None:
    """Italy and the Netherlands fine public bodies like anyone; a private sector, or no
    sector or country, says nothing."""
    assert _public(country, sector, when) == []


def test_the_public_sector_flag_is_switched_off_by_name() -> None:
    record = DatasetRecord(
        source="csv", row=1, amount=read_amount("5000"), country="ES", sector="Sector público",
    )  # fmt: skip
    config = plausibility_config()
    assert config.is_quiet(record) is False
    assert [name for name, _ in plausibility_flags(record, Money("5000", "EUR"), config)] == ["public-sector"]
    off = plausibility_config(disabled=["public-sector"])
    assert plausibility_flags(record, Money("5000", "EUR"), off) == ()
