"""Cross-checking the fine across sources, on the four Amazon seed reports and on small texts."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from gdprfine.cases import Source
from gdprfine.errors import InvalidInput
from gdprfine.law import regime
from gdprfine.money import Money
from gdprfine.sources import (
    SourceReading,
    cross_check,
    detect_language,
    read_case_sources,
    read_folder,
    read_source,
    tier_statement,
)

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
FINE = Money("746000000", "EUR")


@pytest.fixture(scope="module")
def seeds() -> list[SourceReading]:
    return read_folder(SEEDS)


def test_seeds_languages_come_from_the_readme(seeds: list[SourceReading]) -> None:
    assert [(r.name, r.locale, r.locale_guessed) for r in seeds] == [
        ("000_102b195c8beb935a.txt", "en", False),
        ("002_5363ed10521fa334.txt", "nl", False),
        ("003_afdc003e6084bb5f.txt", "en", False),
        ("004_cb9d864bebd242a6.txt", "en", False),
    ]


def test_seeds_agree_on_746_million(seeds: list[SourceReading]) -> None:
    report = cross_check(seeds, FINE)
    assert report.consensus == FINE
    assert report.agreement
    assert report.disagreements == []
    assert report.supported_by == [r.name for r in seeds]
    assert [s.agrees for s in report.sources] == [True] * 4
    assert all(s.times_stated >= 2 for s in report.sources)
    assert cross_check(seeds).consensus == FINE


def test_seeds_outlier_is_the_garbled_sentence(seeds: list[SourceReading]) -> None:
    report = cross_check(seeds, FINE)
    (outlier,) = report.outliers
    assert outlier.source == "003_afdc003e6084bb5f.txt"
    assert outlier.money == Money("100000000", "EUR")
    assert outlier.context == "A fine of 100 million euros."
    assert "7.46 × EUR 100 000 000 = EUR 746 000 000" in outlier.reason


def test_seeds_other_amounts(seeds: list[SourceReading]) -> None:
    report = cross_check(seeds, FINE)
    others = [(o.source, o.money.amount, o.kind, o.percent) for o in report.others]
    assert others == [
        ("003_afdc003e6084bb5f.txt", Decimal("10000000"), "cap", Decimal("2")),
        ("003_afdc003e6084bb5f.txt", Decimal("20000000"), "cap", Decimal("4")),
        ("004_cb9d864bebd242a6.txt", Decimal("50000000"), "other-case", None),
    ]


def test_seeds_people_are_not_money(seeds: list[SourceReading]) -> None:
    for reading in seeds:
        for mention in reading.mentions:
            assert "12.000" not in mention.text
            assert "10 000" not in mention.text
    amounts = {m.money.amount for r in seeds for m in r.mentions}
    assert Decimal(12000) not in amounts
    assert Decimal(10000) not in amounts


def test_report_is_json_with_amounts_as_strings(seeds: list[SourceReading]) -> None:
    data = json.loads(cross_check(seeds, FINE).model_dump_json())
    assert data["consensus"] == {"amount": "746000000", "currency": "EUR"}
    assert data["outliers"][0]["money"]["amount"] == "100000000"
    assert data["agreement"] is True


def test_a_source_that_states_another_fine_disagrees() -> None:
    a = read_source("Amazon a reçu une amende de 746 millions d'euros.", locale="fr", name="a")
    b = read_source("Amazon heeft een boete van 746 miljoen euro gekregen.", locale="nl", name="b")
    c = read_source("Amazon was fined €700m, a fine of €700m.", locale="en", name="c")
    report = cross_check([a, b, c], FINE)
    assert report.consensus == FINE
    assert not report.agreement
    (d,) = report.disagreements
    assert (d.source, d.stated, d.expected) == ("c", Money("700000000", "EUR"), FINE)
    assert d.message == "states EUR 700 000 000, the case's fine is EUR 746 000 000"


def test_case_fine_differs_from_every_source() -> None:
    a = read_source("Geldbuße von 746 Mio. € gegen Amazon.", locale="de", name="a")
    report = cross_check([a], Money("746000", "EUR"))
    assert report.consensus == FINE
    assert not report.agreement
    assert [d.source for d in report.disagreements] == ["a"]


def test_no_majority_is_no_agreement() -> None:
    a = read_source("Amazon was fined €746 million.", locale="en", name="a")
    b = read_source("Amazon was fined €700 million.", locale="en", name="b")
    report = cross_check([a, b])
    assert report.consensus is None
    assert not report.agreement
    assert len(report.disagreements) == 2


def test_source_without_a_fine_is_neither_for_nor_against() -> None:
    a = read_source("Amazon was fined €746 million.", locale="en", name="a")
    b = read_source("The decision was appealed.", locale="en", name="b")
    report = cross_check([a, b], FINE)
    assert report.agreement
    assert [s.agrees for s in report.sources] == [True, None]


def test_fine_is_the_repeated_amount_near_fine_words() -> None:
    text = (
        "La CNIL avait infligé une amende de 50 millions d'euros à Google en 2019. "
        "La CNPD inflige à Amazon une amende de 746 millions d'euros. "
        "Cette amende de 746 millions d'euros est un record; le chiffre d'affaires dépasse "
        "300 milliards d'euros."
    )
    reading = read_source(text, locale="fr")
    assert reading.fine == FINE
    kinds = {o.money.amount: o.kind for o in reading.others}
    assert kinds == {Decimal("50000000"): "other-case", Decimal("300000000000"): "other"}


def test_without_fine_words_the_repeated_amount_is_taken() -> None:
    reading = read_source("Amazon: €746m. Really, €746m, not €74.6m.", locale="en")
    assert reading.fine == FINE
    assert reading.note == "no sentence speaks of a fine; the fine is the amount stated most"
    single = read_source("€5m or €6m.", locale="en")
    assert single.fine is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amazon heeft een boete van 746 miljoen euro opgelegd gekregen van de CNPD.", "nl"),
        ("Amazon a reçu une amende de 746 millions d'euros de la part de la CNPD.", "fr"),
        ("Die CNPD hat gegen Amazon ein Bußgeld in Höhe von 746 Mio. € verhängt.", "de"),
        ("La CNPD ha inflitto ad Amazon una sanzione di 746 milioni di euro per la privacy.", "it"),
        ("UODO nałożył na spółkę karę w wysokości 2,8 mln zł, która jest", "pl"),
        ("The CNPD fined Amazon €746 million for the way it processes data.", "en"),
        ("亚马逊被卢森堡监管机构罚款7.46亿欧元", "zh"),
        ("亞馬遜被盧森堡監管機構罰款7.46億歐元", "zh_Hant"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_folder_without_readme_guesses_languages(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Amazon heeft een boete van 746 miljoen euro gekregen.")
    (tmp_path / "b.txt").write_text("Amazon was fined €746 million by the CNPD.")
    readings = read_folder(tmp_path)
    assert [(r.locale, r.locale_guessed, r.fine) for r in readings] == [
        ("nl", True, FINE),
        ("en", True, FINE),
    ]


def test_readme_table_with_other_columns(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# Sources\n\n| publisher | file | language |\n|---|---|---|\n| X | `a.txt` | de |\n"
    )
    (tmp_path / "a.txt").write_text("Bußgeld: 746 Mio. €.")
    (reading,) = read_folder(tmp_path)
    assert (reading.locale, reading.locale_guessed, reading.fine) == ("de", False, FINE)


def test_single_amounts_without_fine_words_are_no_fine() -> None:
    reading = read_source("€5m or €6m.", locale="en")
    assert reading.note == "no sentence speaks of a fine and no amount is repeated"
    assert reading.fine_mentions == ()
    assert [o.kind for o in reading.others] == ["other", "other"]


def test_outlier_of_a_number_separated_from_its_unit() -> None:
    text = (
        "The CNPD fined Amazon €746 million. The fine of €746 million is a record. "
        "In short, Amazon must pay 7.46 of a fine of 100 million euros."
    )
    reading = read_source(text, locale="en", name="garbled")
    assert reading.fine == FINE
    (outlier,) = reading.outliers
    assert outlier.money == Money("100000000", "EUR")
    assert "the passage names the same parties: Amazon" in outlier.reason
    assert "a bare 7.46 stands nearby" in outlier.reason


def test_case_sources_from_text_and_files(tmp_path: Path) -> None:
    (tmp_path / "nl.txt").write_text("Amazon heeft een boete van 746 miljoen euro gekregen.", "utf-8")
    sources = [
        Source(title="text", text="Amazon was fined €746 million.", language="en"),
        Source(title="file", file="nl.txt"),
        Source(title="link only", url="https://example.org/"),
    ]
    readings = read_case_sources(sources, tmp_path)
    assert [(r.name, r.locale, r.fine) for r in readings] == [("text", "en", FINE), ("file", "nl", FINE)]
    with pytest.raises(InvalidInput, match=r"sources\.file: 'gone\.txt': cannot be read"):
        read_case_sources([Source(title="gone", file="gone.txt")], tmp_path)


def test_tier_statement_matches_the_tier_a_cap_restates() -> None:
    reading = read_source(
        "Fines reach €10 million or 2 % of turnover, or €20 million or 4 %.", locale="en"
    )
    law = regime()
    assert [(o.kind, tier_statement(o, law)) for o in reading.others] == [
        ("cap", "83(4)"),
        ("cap", "83(5)"),
    ]


def test_the_package_exports_what_the_cli_imports() -> None:
    import gdprfine.sources

    for name in ("SourcesReport", "cross_check", "read_case_sources", "read_folder", "tier_statement"):
        assert name in gdprfine.sources.__all__
        assert getattr(gdprfine.sources, name).__module__.startswith("gdprfine.sources.")


def test_a_hedged_amount_is_a_bound_never_the_fine() -> None:
    only_hedged = read_source("Die Behörde verhängte ein Bußgeld von knapp 10,4 Millionen Euro.", locale="de")
    assert only_hedged.fine is None
    (bound,) = only_hedged.others
    assert (bound.kind, bound.bound, bound.hedge) == ("bound", "at_most", "knapp")
    both = read_source(
        "UODO nałożył karę w wysokości ponad 2,8 mln zł. Kara 2,8 mln zł jest prawomocna.", locale="pl"
    )
    assert both.fine == Money("2800000", "PLN")
    assert [(o.kind, o.bound) for o in both.others] == [("bound", "at_least")]
    assert len(both.fine_mentions) == 1
