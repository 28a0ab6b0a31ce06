"""Reconciling two tracker exports: names, scores, differences, the one-to-one assignment, the
properties every reconciliation keeps, and the shared CMS and Privacy Affairs exports."""

from __future__ import annotations

import io
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdprfine.datasets import DatasetRecord, read_amount
from gdprfine.dates import PartialDate
from gdprfine.errors import DatasetError, InvalidInput
from gdprfine.reconcile import (
    DEFAULT_WEIGHTS,
    Entry,
    Export,
    ReconcileOptions,
    ReconcileSummary,
    detect_format,
    name_similarity,
    normalise_name,
    reconcile,
    score_pair,
)

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CMS = SHARED_DATA / "cms-enforcementtracker-2024-03.json"
PRIVACY_AFFAIRS = SHARED_DATA / "privacyaffairs-gdpr-violations-2020.tsv"
COLUMNS = {
    "fine": "fine", "currency": "currency", "date": "date", "country": "country", "controller": "party",
    "authority": "dpa", "articles": "articles", "id": "id",
}  # fmt: skip

MAY_4 = PartialDate(2020, 5, 4)


def record(
    amount: str | None = "10000", *, country: str = "ES", when: PartialDate | None = MAY_4,
    party: str | None = "Acme Ibérica S.L.", authority: str | None = "AEPD", row: int = 1, **extra: object,
) -> DatasetRecord:  # fmt: skip
    fine = read_amount(amount) if amount is not None else read_amount("Unknown")
    return DatasetRecord(
        source="csv", row=row, country=country, date=when, controller=party, authority=authority,
        amount=fine, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def export(rows: list[dict[str, str]]) -> Export:
    text = "".join(json.dumps(row) + "\n" for row in rows)
    return Export(io.StringIO(text), "jsonl", columns=COLUMNS)


def entries(a: list[dict[str, str]], b: list[dict[str, str]], **options: object) -> list[Entry]:
    return list(reconcile(export(a), export(b), ReconcileOptions(**options)))  # type: ignore[arg-type]


def row(party: str, fine: str = "10000", date: str = "2020-05-04", **fields: str) -> dict[str, str]:
    return {"party": party, "fine": fine, "date": date, "country": "ES", "dpa": "AEPD", **fields}


# ---------------------------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vodafone España, S.A.U.", "vodafone espana"),
        ("VODAFONE ESPANA SAU", "vodafone espana"),
        ("Deutsche Wohnen SE", "deutsche wohnen"),
        ("Fastweb S.p.A.", "fastweb"),
        ("Enel Energia S.r.l.", "enel energia"),
        ("ING Bank N.V.", "ing bank"),
        ("Booking.com B.V.", "bookingcom"),
        ("British Airways plc", "british airways"),
        ("Amazon Europe Core S.à r.l.", "amazon europe core"),
        ("Vis Consulting Sp. z o.o.", "vis consulting"),
        ("Clínica Dental S. L.", "clinica dental"),
        ("Straße GmbH & Co. KG", "strasse"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_names_are_normalised(text: str | None, expected: str) -> None:
    assert normalise_name(text) == expected


def test_a_name_that_is_only_a_legal_form_is_kept() -> None:
    assert normalise_name("S.A.") == "sa"


@given(st.text(max_size=40), st.text(max_size=40))
def test_name_similarity_is_symmetric_and_bounded(x: str, y: str) -> None:
    found = name_similarity(x, y)
    assert found == name_similarity(y, x)
    if found is not None:
        assert Decimal(0) <= found <= Decimal(1)
        assert found.as_tuple().exponent == -3


def test_name_similarity_of_the_same_company_and_of_others() -> None:
    assert name_similarity("Google LLC", "Google Inc.") == 1
    assert name_similarity("Raiffeisen Bank SA", "Raiffeisen Bank S.A.") == 1
    assert name_similarity("Vodafone", "Vodafone España S.A.U.") == Decimal("0.900")
    similar = name_similarity("Haga Hospital", "Hague Hospital")
    assert similar is not None
    assert Decimal("0.8") < similar < 1
    other = name_similarity("Iberdrola Clientes", "Xfera Moviles")
    assert other is not None
    assert other < Decimal("0.5")


# ---------------------------------------------------------------------------------------------
# Scores


def parts(found: tuple[Decimal, tuple[object, ...]] | None) -> dict[str, tuple[str, str]]:
    assert found is not None
    return {p.name: (str(p.value), p.note) for p in found[1]}  # type: ignore[attr-defined]


def test_the_same_record_scores_one_and_components_sum_to_the_score() -> None:
    cited = {"source": "<a href='https://www.aepd.es/x.pdf'>link</a>"}
    found = score_pair(record(raw=cited), record(raw={"source": "http://aepd.es/X.pdf/"}))
    assert found is not None
    score, components = found
    assert score == 1
    assert components[-1].note == "both cite aepd.es/x.pdf"
    assert score_pair(record(), record())[0] == Decimal("0.925")  # type: ignore[index]
    assert [c.name for c in components] == list(DEFAULT_WEIGHTS)
    assert sum(c.points for c in components) == score
    assert all(c.weight == DEFAULT_WEIGHTS[c.name] for c in components)


def test_another_country_or_dates_beyond_the_tolerance_are_no_candidates() -> None:
    assert score_pair(record(), record(country="PT")) is None
    assert score_pair(record(), record(when=PartialDate(2020, 6, 5))) is None
    assert score_pair(record(), record(when=PartialDate(2020, 6, 4))) is not None
    strict = ReconcileOptions(date_tolerance_days=0)
    assert score_pair(record(), record(when=PartialDate(2020, 5, 5)), strict) is None


def test_a_partial_date_matches_by_its_period_and_counts_less() -> None:
    month = parts(score_pair(record(), record(when=PartialDate(2020, 5))))
    year = parts(score_pair(record(), record(when=PartialDate(2020))))
    assert month["date"] == ("0.800", "within the same month")
    assert year["date"] == ("0.500", "within the same year")
    apart = parts(score_pair(record(), record(when=PartialDate(2020, 5, 14))))
    assert apart["date"] == ("0.688", "10 days apart")  # 1 - 10/32


def test_unknown_components_count_half() -> None:
    found = parts(
        score_pair(record(), record(amount=None, when=None, party="Unknown", authority=None))
    )
    assert found == {
        "amount": ("0.500", "no amount read in B"),
        "date": ("0.500", "no date in B"),
        "party": ("0.500", "no party in B"),
        "authority": ("0.500", "no authority in B"),
        "source": ("0.500", "no source link in A and B"),
    }


@pytest.mark.parametrize(
    ("a", "b", "value"),
    [
        ("10000", "10000", "1.000"),
        ("110", "110000", "0.500"),  # a thousands factor lost
        ("15000", "150000", "0.500"),  # a slipped decimal point
        ("9380", "9400", "0.998"),
        ("27800000", "27802946", "0.999"),  # close, but not the same amount
        ("25000", "50000", "0.500"),
        ("0", "80000", "0.500"),  # 0 marks an annulled or not final fine
        ("1", "80000", "0.000"),
        ("1000", "1", "0.500"),
    ],
)
def test_the_amount_component(a: str, b: str, value: str) -> None:
    assert parts(score_pair(record(a), record(b)))["amount"][0] == value


def test_amounts_in_two_currencies_are_compared_in_euro() -> None:
    # PLN/EUR on 18 Oct 2019 (ECB): 4.2843; 40 000 PLN is EUR 9 336.41, 0.09954 of EUR 93 800.
    a = record(
        "40000 PLN", country="PL", when=PartialDate(2019, 10, 18), party="Mayor", authority="UODO"
    )
    near = record(
        "9380", country="PL", when=PartialDate(2019, 10, 18), party="Mayor", authority="UODO"
    )
    far = record(
        "93800", country="PL", when=PartialDate(2019, 10, 18), party="Mayor", authority="UODO"
    )
    assert parts(score_pair(a, near))["amount"] == ("1.000", "within 5 % (in EUR at the ECB rate)")
    assert parts(score_pair(a, far))["amount"][0] == "0.100"
    undated = record("40000 PLN", country="PL", when=None, party="Mayor", authority="UODO")
    assert parts(
        score_pair(
            undated, record("9380", country="PL", when=None, party="Mayor", authority="UODO")
        )
    )["amount"] == ("0.500", "PLN and EUR: not both converted to EUR")


def test_scores_are_symmetric() -> None:
    a = record("15000", when=PartialDate(2020, 5), party="Clínica X S.L.")
    b = record("150000", when=PartialDate(2020, 5, 20), party="Clinica X", authority=None)
    assert score_pair(a, b) is not None
    assert score_pair(a, b)[0] == score_pair(b, a)[0]  # type: ignore[index]


def test_the_callers_decimal_context_changes_nothing() -> None:
    import decimal

    expected = score_pair(record("9380"), record("9400", when=PartialDate(2020, 5, 9)))
    with decimal.localcontext() as context:
        context.prec = 2
        context.traps[decimal.Inexact] = True
        assert score_pair(record("9380"), record("9400", when=PartialDate(2020, 5, 9))) == expected


@pytest.mark.parametrize(
    ("indexed", "streamed"),
    [
        ("2020", "2020-12-30"),  # a year holds the day
        ("2020", "2021-01-31"),  # 31 days after the year ends
        ("2020-12-31", "2021-01-20"),
        ("2021-01-20", "2020"),
        ("2020-02", "2020-01-01"),
        ("", "2020-01-01"),
        ("2020-01-01", ""),
    ],
)
def test_the_date_index_finds_every_candidate_within_the_tolerance(
    indexed: str, streamed: str
) -> None:
    many = [
        row(f"Other {n}", fine=str(n + 1), date=f"20{18 + n % 6}-0{1 + n % 9}-1{n % 9}")
        for n in range(30)
    ]
    (entry,) = [
        e for e in entries([*many, row("Acme", date=indexed)], [row("Acme", date=streamed)]) if e.b
    ]
    assert entry.a is not None
    assert entry.a.controller == "Acme"


def test_dates_just_beyond_the_tolerance_are_not_candidates() -> None:
    kinds = sorted(
        e.kind for e in entries([row("Acme", date="2020")], [row("Acme", date="2021-02-01")])
    )
    assert kinds == ["only-a", "only-b"]


def test_options_are_checked() -> None:
    with pytest.raises(InvalidInput, match="weights"):
        ReconcileOptions(weights={**DEFAULT_WEIGHTS, "amount": Decimal("0.5")})
    with pytest.raises(InvalidInput, match="weights"):
        ReconcileOptions(weights={"amount": Decimal(1)})
    with pytest.raises(InvalidInput, match="date_tolerance_days"):
        ReconcileOptions(date_tolerance_days=-1)
    with pytest.raises(InvalidInput, match="candidates"):
        ReconcileOptions(candidates=0)
    with pytest.raises(InvalidInput, match="min_score"):
        ReconcileOptions(min_score=0.6)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="min_score"):
        ReconcileOptions(min_score=Decimal("NaN"))
    with pytest.raises(InvalidInput, match="weights"):
        ReconcileOptions(weights={**DEFAULT_WEIGHTS, "amount": Decimal("Infinity")})


# ---------------------------------------------------------------------------------------------
# Differences and the assignment


def test_an_identical_record_agrees() -> None:
    (entry,) = entries(
        [row("Acme S.L.", articles="Art. 6 GDPR")], [row("ACME", articles="Art. 6(1)(f) GDPR")]
    )
    assert entry.kind == "agreed"
    assert entry.differences == ()


def test_each_differing_field_is_listed_with_both_values() -> None:
    a = [row("Acme S.L.", fine="110", date="2020-05-04", articles="Art. 6 GDPR, Art. 13 GDPR")]
    b = [row("Acme", fine="110000", date="2020-05-07", articles="Art. 6 GDPR, Art. 32 GDPR")]
    (entry,) = entries(a, b)
    assert entry.kind == "disagreeing"
    found = {d.field: d.json_dict() for d in entry.differences}
    assert found["amount"] == {
        "field": "amount", "a": {"amount": "110", "currency": "EUR"}, "b": {"amount": "110000", "currency": "EUR"},
        "note": "one is 10^3 times the other",
    }  # fmt: skip
    assert found["date"] == {
        "field": "date",
        "a": "2020-05-04",
        "b": "2020-05-07",
        "note": "3 days apart",
    }
    assert found["articles"]["note"] == "only in A: Art. 13; only in B: Art. 32"
    assert found["articles"]["a"] == ["Art. 6", "Art. 13"]


def test_a_month_containing_the_other_day_is_no_difference() -> None:
    (entry,) = entries([row("Acme", date="2020-05")], [row("Acme", date="2020-05-17")])
    assert entry.kind == "agreed"


def test_an_amount_or_date_stated_in_one_tracker_only_is_a_difference() -> None:
    (entry,) = entries([row("Acme", fine="Unknown", date="")], [row("Acme")])
    assert [(d.field, d.a, d.note) for d in entry.differences] == [
        ("amount", None, "no amount read in A ('Unknown': no amount stated)"),
        ("date", None, "a date in one tracker only"),
    ]


def test_a_currency_difference_is_listed_and_the_amount_only_when_it_differs_in_euro() -> None:
    a = [row("Mayor", fine="40000 PLN", date="2019-10-18", country="PL", dpa="UODO")]
    b = [row("Mayor", fine="9380", date="2019-10-18", country="PL", dpa="UODO")]
    (entry,) = entries(a, b)
    assert [(d.field, d.a, d.b) for d in entry.differences] == [("currency", "PLN", "EUR")]


def test_the_assignment_is_one_to_one_and_greedy_by_score() -> None:
    a = [row("Acme", fine="10000"), row("Acme", fine="12000")]
    b = [row("Acme", fine="12000")]
    found = entries(a, b)
    assert [(e.kind, e.a.row if e.a else None) for e in found] == [("agreed", 2), ("only-a", 1)]
    assert (
        found[1].reason == "each of its candidates in B was matched to a record that scored higher"
    )


def test_a_match_chosen_among_equal_candidates_is_ambiguous() -> None:
    found = entries(
        [row("Unknown", fine="500", date="")], [row("Not disclosed", fine="500", date="")] * 2
    )
    match = next(e for e in found if e.a and e.b)
    assert match.ambiguous
    assert match.json_dict()["ambiguous"] is True
    (clear,) = entries([row("Acme")], [row("Acme")])
    assert not clear.ambiguous


def test_below_the_minimum_score_records_stay_unmatched_with_the_reason() -> None:
    a, b = [row("Acme", fine="100")], [row("Zeta Transportes", fine="99000")]
    kinds = sorted(e.kind for e in entries(a, b))
    assert kinds == ["only-a", "only-b"]
    assert [e.kind for e in entries(a, b, min_score=Decimal("0.3"))] == ["disagreeing"]
    only = entries(a, b)[0]
    assert only.reason == "no record of A in the same country, within 31 days, scores 0.6 or more"


def test_broken_records_are_reported_once_as_unmatched() -> None:
    text = '{"party": "Acme", "fine": "1", "country": "ES"}\nnot json\n'
    a = Export(io.StringIO(text), "jsonl", columns=COLUMNS)
    found = list(reconcile(a, export([row("Acme", fine="1", date="")])))
    assert Counter(e.kind for e in found) == {"agreed": 1, "only-a": 1}
    broken = next(e for e in found if e.kind == "only-a")
    assert broken.reason is not None
    assert broken.reason.startswith("the record cannot be read: line 2: not JSON")


def test_a_whole_file_error_is_raised_before_the_first_entry(tmp_path: Path) -> None:
    empty = tmp_path / "x.csv"
    empty.write_text("Other\n1\n")
    with pytest.raises(DatasetError, match="no column 'Amount'"):
        next(reconcile(export([row("Acme")]), Export(empty, "csv", columns={"fine": "Amount"})))


def test_auto_needs_a_file_and_unknown_formats_are_refused() -> None:
    with pytest.raises(DatasetError, match="a stream's format cannot be recognised"):
        next(reconcile(Export(io.StringIO("{}")), export([])))
    with pytest.raises(DatasetError, match="format: 'excel'"):
        next(reconcile(Export(io.StringIO(""), "excel"), export([])))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('  {"data": []}', "cms"),
        ("id\tpicture\tname\tprice\tauthority\tdate\tcontroller\n", "privacyaffairs"),
        ("Decision by,Case number/name,Jurisdiction,Date of decision,Fine\n", "gdprhub"),
    ],
)
def test_formats_are_recognised(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "export"
    path.write_text(text)
    assert detect_format(path) == expected


def test_an_unrecognised_file_asks_for_its_format(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(DatasetError, match="not recognised as a tracker export"):
        detect_format(path)


def test_few_candidates_still_report_every_record_once() -> None:
    a = [row(f"Company {n}", fine=str(1000 + n)) for n in range(6)]
    b = [row(f"Company {n}", fine=str(1000 + n)) for n in range(6)]
    found = entries(a, b, candidates=1)
    assert sorted(e.a.row for e in found if e.a) == list(range(1, 7))
    assert sorted(e.b.row for e in found if e.b) == list(range(1, 7))


# ---------------------------------------------------------------------------------------------
# Properties


_COUNTRIES = ("ES", "DE", "RO")


@st.composite
def decisions(draw: st.DrawFn, max_size: int = 8) -> list[dict[str, str]]:
    """Distinct decisions: each names its own party (``Company N``)."""
    numbers = draw(st.lists(st.integers(0, 999), unique=True, max_size=max_size))
    rows = []
    for number in numbers:
        day = draw(
            st.dates(
                min_value=PartialDate(2018, 6).period()[0], max_value=PartialDate(2023).period()[1]
            )
        )
        precision = draw(st.sampled_from(["day", "day", "month", "year"]))
        when = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[
            precision
        ]
        fine = draw(st.integers(1, 10**8))
        articles = draw(
            st.lists(st.sampled_from(["Art. 5", "Art. 6", "Art. 13", "Art. 32"]), max_size=3)
        )
        currency = draw(st.sampled_from(["EUR", "EUR", "PLN"]))
        rows.append({
            "party": f"Company {number}", "fine": str(fine), "currency": currency, "date": when,
            "country": draw(st.sampled_from(_COUNTRIES)), "dpa": "DPA", "articles": ", ".join(articles),
            "id": str(number),
        })  # fmt: skip
    return rows


@given(decisions())
def test_an_export_reconciled_with_itself_agrees_everywhere(rows: list[dict[str, str]]) -> None:
    found = entries(rows, rows)
    assert all(entry.kind == "agreed" for entry in found)
    assert all(
        entry.a is not None and entry.b is not None and entry.a.row == entry.b.row
        for entry in found
    )
    assert len(found) == len(rows)


@given(decisions(), decisions())
def test_every_record_appears_once_and_swapping_swaps_the_sides(
    a: list[dict[str, str]], b: list[dict[str, str]]
) -> None:
    forward, backward = entries(a, b, candidates=32), entries(b, a, candidates=32)
    assert sorted(e.a.row for e in forward if e.a) == list(range(1, len(a) + 1))
    assert sorted(e.b.row for e in forward if e.b) == list(range(1, len(b) + 1))
    swapped = {
        "agreed": "agreed",
        "disagreeing": "disagreeing",
        "only-a": "only-b",
        "only-b": "only-a",
    }
    assert Counter(swapped[e.kind] for e in forward) == Counter(e.kind for e in backward)
    pairs = {(e.a.row, e.b.row, e.score) for e in forward if e.a and e.b}
    assert pairs == {(e.b.row, e.a.row, e.score) for e in backward if e.a and e.b}


@given(decisions(max_size=5), st.integers(0, 3))
def test_a_changed_amount_is_found_as_a_disagreement(
    rows: list[dict[str, str]], index: int
) -> None:
    if not rows:
        return
    changed = [dict(r) for r in rows]
    target = changed[index % len(rows)]
    target["fine"] = str(int(target["fine"]) * 10)
    found = entries(rows, changed)
    disagreeing = [e for e in found if e.kind == "disagreeing"]
    assert len(disagreeing) == 1
    assert disagreeing[0].a is not None
    assert disagreeing[0].a.id == target["id"]
    assert [d.field for d in disagreeing[0].differences] == ["amount"]


def test_the_summary_counts_records_per_side() -> None:
    summary = ReconcileSummary()
    for entry in entries([row("Acme"), row("Zeta", fine="5")], [row("Acme", fine="7")]):
        summary.add(entry)
    data = summary.json_dict()
    assert data["records"] == {"a": 2, "b": 1}
    assert data["counts"] == {"agreed": 0, "disagreeing": 1, "only-a": 1, "only-b": 0}
    assert data["differences_by_field"] == {"amount": 1}


# ---------------------------------------------------------------------------------------------
# The shared tracker exports


needs_shared = pytest.mark.skipif(
    not (CMS.is_file() and PRIVACY_AFFAIRS.is_file()),
    reason="the shared tracker exports are not here (../shared/data)",
)


@needs_shared
def test_the_cms_and_privacy_affairs_exports() -> None:
    summary = ReconcileSummary()
    found = []
    for entry in reconcile(Export(CMS), Export(PRIVACY_AFFAIRS)):
        summary.add(entry)
        if entry.kind == "disagreeing":
            found.append(entry)
    data = summary.json_dict()
    assert data["records"] == {"a": 2225, "b": 250}
    assert data["counts"] == {"agreed": 177, "disagreeing": 51, "only-a": 1997, "only-b": 22}
    assert data["ambiguous_matches"] == 9
    assert data["differences_by_field"] == {"articles": 26, "date": 19, "amount": 16}
    by_pair = {(e.a.id, e.b.id): e for e in found if e.a and e.b}
    raiffeisen = by_pair[("ETid-84", "5")]
    assert [(d.field, str(d.a), str(d.b)) for d in raiffeisen.differences] == [
        ("amount", "EUR 15 000", "EUR 150 000")
    ]
