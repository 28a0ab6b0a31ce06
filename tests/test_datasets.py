"""The dataset readers on small files in the real formats (tests/fixtures/datasets/)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gdprfine.amounts import SUPPORTED_LOCALES, FieldReading, read_amount_field
from gdprfine.datasets import (
    COLUMN_FIELDS,
    FORMATS,
    REGISTRY,
    DatasetRecord,
    Format,
    country_code,
    read_amount,
    read_cms,
    read_csv,
    read_dataset,
    read_date,
    read_gdprhub,
    read_jsonl,
    read_privacy_affairs,
)
from gdprfine.datasets.records import _TRACKER_CODES
from gdprfine.dates import PartialDate
from gdprfine.errors import DatasetError, InvalidAmount
from gdprfine.money import Money

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "datasets"
GENERIC_CSV_COLUMNS = {
    "fine": "Betrag",
    "currency": "Währung",
    "articles": "Artikel",
    "date": "Datum",
    "country": "Land",
    "authority": "Behörde",
    "id": "Ref",
    "undertaking": "Unternehmen",
}
GENERIC_JSONL_COLUMNS = {
    "fine": "amount",
    "articles": "articles",
    "date": "date",
    "country": "country",
    "id": "case",
    "authority": "dpa",
}


def refs(record: DatasetRecord) -> list[str]:
    return [str(ref) for ref in record.articles]


def when(record: DatasetRecord) -> str | None:
    return str(record.date) if record.date else None


def test_cms_reader() -> None:
    records = list(read_cms(FIXTURES / "cms.json"))
    assert [r.row for r in records] == list(range(1, 12))
    first = records[0]
    assert (first.id, first.country, first.country_text) == ("ETid-1", "AT", "AUSTRIA")
    assert first.authority == "Austrian Data Protection Authority (dsb)"
    assert (when(first), first.amount.money, refs(first)) == (
        "2018-12-09",
        Money("4800", "EUR"),
        ["Art. 13 GDPR"],
    )
    assert (first.controller, first.sector) == ("Betting place", "Industry and Commerce")
    assert first.raw["id"] == "ETid-1"
    assert [when(r) for r in records[:4]] == ["2018-12-09", "2019", "2019-05", "2020"]
    assert [r.date.precision for r in records[:4] if r.date] == ["day", "year", "month", "year"]
    assert [r.amount.reason for r in records[2:6]] == [
        "no amount stated",
        "only an intention to issue a fine",
        "states only the number of digits (five-digit amount)",
        "a range, not one amount",
    ]
    assert (records[4].amount.low, records[4].amount.high) == (Money("10000", "EUR"), Money("99999", "EUR"))
    assert refs(records[2]) == ["Art. 6(1)(f) GDPR", "§ 26 BDSG"]
    assert records[5].country == "NL"
    assert (records[7].articles, records[7].articles_unreadable) == ((), ("Unknown",))
    assert (records[8].date, records[8].date_reason) == (None, "no date stated")
    assert records[8].amount.money == Money("20000.0", "EUR")
    assert records[9].country == "CZ"
    broken = records[10]
    assert broken.error == "not a row of the CMS export (a list of 13 fields)"
    assert broken.amount.money is None


def test_cms_reader_refuses_what_is_not_an_export(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": 1, "b": 2}', "utf-8")
    with pytest.raises(DatasetError, match="one list of rows"):
        list(read_cms(bad))
    bad.write_text("[1,", "utf-8")
    with pytest.raises(DatasetError, match="not a JSON document"):
        list(read_cms(bad))


def test_privacy_affairs_reader() -> None:
    records = list(read_privacy_affairs(FIXTURES / "privacyaffairs.tsv"))
    assert len(records) == 7
    assert [r.country for r in records] == ["PL", "RO", "ES", "FR", "DE", "GB", None]
    assert [when(r) for r in records[:6]] == [
        "2019-10-18", "2019-10-17", None, "2019-01-21", "2018-11-21", "2018-05-25",
    ]  # fmt: skip
    assert records[2].date_reason == "01/01/1970 marks an unknown date in Privacy Affairs"
    assert records[2].amount.reason == "0 marks an amount not known (not final)"
    assert refs(records[1]) == ["Art. 12 GDPR", "Art. 13 GDPR", "Art. 5(1)(c) GDPR", "Art. 6 GDPR"]
    assert records[3].amount.money == Money("50000000", "EUR")
    assert records[5].amount.reason == "no amount stated"
    assert records[5].articles_unreadable == ("Unknown",)
    assert records[6].error == "line 8: 7 cells where the header has 11"
    assert records[6].raw["name"] == "Atlantis"


def test_gdprhub_reader() -> None:
    records = list(read_gdprhub(FIXTURES / "gdprhub.csv"))
    assert [r.amount.money for r in records] == [
        Money("10000", "RON"),
        Money("500000", "GBP"),
        Money("3000000", "EUR"),
        None,
        Money("2800000", "PLN"),
        Money("11000000", "HUF"),
        None,
        None,
        Money("660000", "EUR"),
        Money("183390000", "GBP"),
    ]
    assert [r.currency_assumed for r in records] == [
        False, False, True, False, False, False, False, False, True, False,
    ]  # fmt: skip
    assert [when(r) for r in records] == [
        "2020-03-17", "2020-10-30", "2021-05", "2021-12-01", "2020-09-10", "2020",
        "2020-01-15", "2019-10-18", None, "2020-10-16",
    ]  # fmt: skip
    assert records[8].date_reason == "'31.02.2020': no such day"
    assert refs(records[0]) == ["Art. 5(1)(f)", "Art. 32"]
    assert records[0].country == "RO"
    assert records[1].country == "GB"
    assert records[0].id == "Decision 1/2020"
    assert records[0].authority == "ANSPDCP (Romania)"
    assert records[0].controller == "Bank SA"
    assert records[6].amount.reason == "only an intention to issue a fine"
    assert records[7].amount.reason is not None
    assert records[7].amount.reason.startswith("2 numbers in the text")


def test_generic_csv_reader() -> None:
    records = list(
        read_csv(FIXTURES / "generic.csv", GENERIC_CSV_COLUMNS, locale="de", delimiter=";")
    )
    assert [r.amount.money for r in records[:4]] == [
        Money("12500", "EUR"),
        Money("35258707.95", "EUR"),
        Money("25000000", "EUR"),
        Money("1000", "CHF"),
    ]
    assert [r.currency_assumed for r in records[:4]] == [False, True, False, False]
    assert [r.undertaking for r in records[:5]] == [True, True, False, None, None]
    assert [r.country for r in records[:5]] == [None, "DE", "DE", "DE", "DE"]
    assert records[0].country_text == "Deutschland"
    assert records[4].date_reason == "'2020-02-30': no such day"
    assert records[4].amount.reason == "no number in the text"
    assert records[5].error == "line 7: 2 cells where the header has 8"


def test_generic_jsonl_reader() -> None:
    records = list(read_jsonl(FIXTURES / "generic.jsonl", GENERIC_JSONL_COLUMNS))
    assert [r.row for r in records] == [1, 2, 3, 4, 5, 6]
    assert records[0].amount.money == Money("20000.0", "EUR")
    assert records[0].currency_assumed
    assert records[1].amount.money == Money("225000000", "EUR")
    assert refs(records[1]) == ["Art. 5(1)(a) GDPR", "Art. 12 GDPR", "Art. 13 GDPR", "Art. 14 GDPR"]
    assert records[1].country == "IE"
    assert records[2].amount.reason == "a range, not one amount"
    assert records[3].error == "line 5: not JSON: NaN is not a number"
    assert records[4].error == "line 6: not a JSON object"
    assert (records[5].amount.money, when(records[5])) == (Money("1200000", "DKK"), "2021-05")


def test_read_dataset_checks_options_before_reading() -> None:
    with pytest.raises(DatasetError, match="needs a column mapping"):
        read_dataset(FIXTURES / "generic.csv", "csv")
    with pytest.raises(DatasetError, match="a column mapping names one of"):
        read_dataset(FIXTURES / "generic.csv", "csv", columns={"fine": "Betrag", "amount": "x"})
    with pytest.raises(DatasetError, match="map the fine column"):
        read_dataset(FIXTURES / "generic.csv", "csv", columns={"date": "Datum"})
    with pytest.raises(DatasetError, match="fixed columns"):
        read_dataset(FIXTURES / "cms.json", "cms", columns={"fine": "x"})
    with pytest.raises(DatasetError, match="locale"):
        read_dataset(FIXTURES / "generic.csv", "csv", columns={"fine": "Betrag"}, locale="xx")
    with pytest.raises(DatasetError, match="no column 'Amount'"):
        list(read_dataset(FIXTURES / "generic.csv", "csv", columns={"fine": "Amount"}, delimiter=";"))


def test_read_dataset_unknown_format() -> None:
    with pytest.raises(DatasetError, match="format: 'xml': one of cms, privacyaffairs, gdprhub"):
        read_dataset(FIXTURES / "cms.json", "xml")  # type: ignore[arg-type]


def test_registry_lists_every_format_once() -> None:
    assert FORMATS == get_args(Format) == tuple(REGISTRY)
    assert [fmt for fmt, reader in REGISTRY.items() if reader.mapped] == ["csv", "jsonl"]


@pytest.mark.parametrize(
    ("fmt", "file", "options"),
    [
        ("cms", "cms.json", {}),
        ("privacyaffairs", "privacyaffairs.tsv", {}),
        ("gdprhub", "gdprhub.csv", {}),
        ("csv", "generic.csv", {"columns": GENERIC_CSV_COLUMNS, "locale": "de", "delimiter": ";"}),
        ("jsonl", "generic.jsonl", {"columns": GENERIC_JSONL_COLUMNS}),
    ],
)
def test_read_dataset_reads_as_the_format_reader(fmt: Format, file: str, options: dict[str, Any]) -> None:
    readers: dict[str, Callable[..., Iterator[DatasetRecord]]] = {
        "cms": read_cms,
        "privacyaffairs": read_privacy_affairs,
        "gdprhub": read_gdprhub,
        "csv": read_csv,
        "jsonl": read_jsonl,
    }
    columns = options.pop("columns", None)
    direct = readers[fmt](FIXTURES / file, *([columns] if columns else []), **options)
    records = list(read_dataset(FIXTURES / file, fmt, columns=columns, **options))
    assert records == list(direct)
    assert {r.source for r in records} == {fmt}


def test_csv_cells_of_any_size_and_quoted_newlines() -> None:
    big = "x" * 300_000
    text = f'fine,summary\n"1,000","{big}"\n"2,000","two\nlines"\n'
    records = list(read_csv(io.StringIO(text), {"fine": "fine"}))
    assert [r.amount.money for r in records] == [Money("1000", "EUR"), Money("2000", "EUR")]



@pytest.mark.parametrize("end", ["\n", ""])
@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        # The quote runs to the end of the file: the lines after it are rows of their own.
        (['1000,a', '"2000,b', '3000,c', '4000,d'], "line 3: a quote opened on this line runs to line 5"),
        # The quote closes badly before the end: the same.
        (['1000,a', '"2000,b', '3000,c', '4000,"d"x', '5000,e'], "line 3: a quote opened on this line runs to line 5"),
        # The last line opens a quote: it is the only line left.
        (['1000,a', '2000,b', '"3000,c'], "line 4: unexpected end of data"),
    ],
)
def test_an_unbalanced_quote_loses_no_row(rows: list[str], reason: str, end: str) -> None:
    text = "fine,note\n" + "\n".join(rows) + end
    records = list(read_csv(io.StringIO(text), {"fine": "fine", "summary": "note"}))
    assert [r.row for r in records] == list(range(1, len(rows) + 1))
    broken = [r.row for r in records if r.error is not None]
    assert str(records[broken[0] - 1].error).startswith(reason)
    amounts = [str(r.amount.money.amount) if r.error is None and r.amount.money else None for r in records]
    assert amounts == [None if '"' in row else row.split(",")[0] for row in rows]



def test_a_mapped_column_the_header_holds_twice_is_refused() -> None:
    text = "Amount,Note,Amount,Note\n1000,a,2000000000,b\n"
    with pytest.raises(DatasetError, match=r"^file: 'input': the header holds the column 'Amount' twice \(columns 1 and 3\)"):
        list(read_csv(io.StringIO(text), {"fine": "Amount"}))
    with pytest.raises(DatasetError, match=r"the column 'Note' twice \(columns 2 and 4\)"):
        list(read_csv(io.StringIO(text.replace("Amount,Note,Amount", "Amount,Note,Other")), {"fine": "Amount", "summary": "Note"}))
    # A column repeated but not mapped is not read: no harm.
    (record,) = read_csv(io.StringIO(text.replace("Amount,Note,Amount", "Amount,Note,Other")), {"fine": "Amount"})
    assert record.amount.money == Money("1000", "EUR")
    hub = (FIXTURES / "gdprhub.csv").read_text("utf-8").replace("Parties", "Fine", 1)
    with pytest.raises(DatasetError, match="the column 'Fine' twice"):
        list(read_gdprhub(io.StringIO(hub)))


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2019-05-17", "2019-05-17", "day"),
        ("2019-05", "2019-05", "month"),
        ("2019", "2019", "year"),
        ("17.05.2019", "2019-05-17", "day"),
        ("xx.05.2019", "2019-05", "month"),
        ("xx.yy.2019", "2019", "year"),
        ("2019-05-17T10:00:00", "2019-05-17", "day"),
        ("31/12/2019", "2019-12-31", "day"),
    ],
)
def test_dates_at_their_precision(text: str, expected: str, precision: str) -> None:
    reading = read_date(text)
    assert reading.date is not None
    assert (str(reading.date), reading.date.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no date stated"),
        ("Unknown", "no date stated"),
        ("2019-13", "'2019-13': no month 13"),
        ("0001", "year 1 out of range"),
        ("05/06/2019", "'05/06/2019': DD/MM/YYYY or MM/DD/YYYY is ambiguous"),
        ("last spring", "'last spring': not a date"),
    ],
)
def test_dates_that_cannot_be_read(text: str, reason: str) -> None:
    assert read_date(text) == read_date(text)
    assert (read_date(text).date, read_date(text).reason) == (None, reason)


def test_partial_date_periods() -> None:
    assert PartialDate(2020, 2).period()[1].day == 29
    assert PartialDate(2019, 12).period()[1].isoformat() == "2019-12-31"
    assert PartialDate(2019, 12, 31).period()[0] == PartialDate(2019, 12, 31).period()[1]


def test_country_names() -> None:
    assert [country_code(n) for n in ("Spain", "ISLE OF MAN", "United Kingdom", "EL", "Greece")] == [
        "ES", "IM", "GB", "GR", "GR",
    ]  # fmt: skip
    assert country_code("") is None


@given(
    st.one_of(
        st.from_regex(r"(0|[1-9][0-9]{0,14})(\.[0-9]{1,2})?", fullmatch=True),
        st.from_regex(r"[1-9][0-9]{0,2}(,[0-9]{3}){1,4}(\.[0-9]{1,2})?", fullmatch=True),
    ),
    st.sampled_from(["EUR", "PLN"]),
    st.booleans(),
)
@example("4,800", "EUR", False)
@example("0", "EUR", True)
@example("20000.0", "EUR", False)
def test_fast_path_reads_as_the_full_reader(text: str, currency: str, zero: bool) -> None:
    full = read_amount_field(text, locale="en", currency=currency, zero_is_unknown=zero)
    fast = read_amount(text, locale="en", currency=currency, zero_is_unknown=zero)
    assert (fast.money, fast.reason, fast.low, fast.high) == (full.money, full.reason, full.low, full.high)
    assert fast == full
    if fast.money is not None and full.money is not None:
        assert str(fast.money.amount) == str(full.money.amount)


@given(st.from_regex(r"0|[1-9][0-9]{0,14}", fullmatch=True), st.sampled_from(["de", "fr", "nl", "pl"]))
def test_fast_path_for_plain_digits_in_other_languages(text: str, locale: str) -> None:
    full = read_amount_field(text, locale=locale)
    fast = read_amount(text, locale=locale)
    assert (fast.money, fast.reason) == (full.money, full.reason)
    assert fast == full


@given(
    st.from_regex(r"0|[1-9][0-9]{0,14}", fullmatch=True), st.sampled_from(sorted(_TRACKER_CODES | {"NIO", "XXX"})),
    st.sampled_from(SUPPORTED_LOCALES), st.sampled_from(["EUR", "PLN", "pln", "EURO"]), st.booleans(),
)  # fmt: skip
@example("10000", "RON", "en", "EUR", False)
@example("0", "GBP", "de", "EUR", True)
@example("5", "NIO", "sv", "EUR", False)
@example("5", "SEK", "en", "EURO", False)
def test_a_number_and_a_code_read_as_the_full_reader_reads_them(
    digits: str, code: str, locale: str, currency: str, zero: bool
) -> None:
    text = f"{digits} {code}"

    def outcome(read: Callable[..., FieldReading]) -> object:
        try:
            return read(text, locale=locale, currency=currency, zero_is_unknown=zero)
        except InvalidAmount as error:
            return str(error)

    assert outcome(read_amount) == outcome(read_amount_field)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_tracker_code_reads_as_the_full_reader_reads_it(locale: str) -> None:
    for code in sorted(_TRACKER_CODES):
        for digits in ("7", "123000"):
            text = f"{digits} {code}"
            assert read_amount(text, locale=locale) == read_amount_field(text, locale=locale), text


TURNOVER_CSV = (
    "Ref;Betrag;Währung;Umsatz\n"
    "T-1;12.500;;1.200.000.000\n"
    "T-2;1000;CHF;5.000.000\n"
    "T-3;2000;;USD 3 Mrd.\n"
    "T-4;3000;;unbekannt\n"
    "T-5;4000;;zwischen 1 und 2 Mio. EUR\n"
    "T-6;5000;;\n"
)
TURNOVER_COLUMNS = {"id": "Ref", "fine": "Betrag", "currency": "Währung", "turnover": "Umsatz"}


def test_turnover_column() -> None:
    assert "turnover" in COLUMN_FIELDS
    records = list(read_csv(io.StringIO(TURNOVER_CSV), TURNOVER_COLUMNS, locale="de", delimiter=";"))
    assert [r.turnover for r in records] == [
        Money("1200000000", "EUR"),
        # A bare turnover is in the dataset's currency, not the fine's currency column.
        Money("5000000", "EUR"),
        Money("3000000000", "USD"),
        None,
        None,
        None,
    ]
    assert records[1].amount.money == Money("1000", "CHF")


def test_turnover_column_in_json_lines() -> None:
    lines = io.StringIO(
        '{"amt": 100, "rev": 1500000000.50}\n{"amt": 200, "rev": "PLN 2 billion"}\n{"amt": 300}\n'
    )
    records = list(read_jsonl(lines, {"fine": "amt", "turnover": "rev"}, currency="pln"))
    assert [r.turnover for r in records] == [
        Money("1500000000.50", "PLN"),
        Money("2000000000", "PLN"),
        None,
    ]


def test_turnover_column_must_be_in_the_header() -> None:
    with pytest.raises(DatasetError, match="no column 'Umsatz'"):
        list(read_csv(io.StringIO("Betrag\n1\n"), {"fine": "Betrag", "turnover": "Umsatz"}))


def test_no_turnover_without_the_column() -> None:
    records = list(read_csv(FIXTURES / "generic.csv", GENERIC_CSV_COLUMNS, locale="de", delimiter=";"))
    assert {r.turnover for r in records} == {None}
    assert {r.turnover for r in read_cms(FIXTURES / "cms.json")} == {None}


@given(st.text(max_size=60))
@example("1e309")
@example("Fine amount between EUR 50 and EUR 800")
@example("x" * 1_000_001)
def test_a_turnover_changes_nothing_else(turnover: str) -> None:
    raw = {"Betrag": "12.500", "Datum": "2021-03", "Umsatz": turnover}
    columns = {"fine": "Betrag", "date": "Datum"}
    (without,) = read_jsonl(io.StringIO(json.dumps(raw) + "\n"), columns, locale="de")
    (with_turnover,) = read_jsonl(
        io.StringIO(json.dumps(raw) + "\n"), {**columns, "turnover": "Umsatz"}, locale="de"
    )
    assert with_turnover.error is None
    assert replace(with_turnover, turnover=None) == without
    if with_turnover.turnover is not None:
        assert with_turnover.turnover == read_amount_field(turnover.strip(), locale="de").money
