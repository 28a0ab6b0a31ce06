"""Hostile input: every public entry point, fed whatever a user might paste.

Only gdprfine's documented errors (:class:`gdprfine.errors.GdprFineError` and its subclasses)
may escape, every input returns or fails within a second (``deadline=1000`` ms), and what comes
back is consistent (spans inside the text, amounts within the limits, verdicts that agree with
the cap). The examples pinned with ``@example`` are inputs that once failed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gdprfine.amounts import (
    SUPPORTED_LOCALES,
    find_amounts,
    format_money,
    parse_amount,
    read_amount_field,
)
from gdprfine.articles import ArticleRef, classify, parse_articles, read_articles
from gdprfine.caps import legal_maximum
from gdprfine.cases import load_case, parse_case
from gdprfine.check import check_case, check_fine
from gdprfine.cli import app
from gdprfine.dates import FinancialYear
from gdprfine.errors import GdprFineError
from gdprfine.estimate import Adjustment, Conduct, estimate
from gdprfine.fx import convert
from gdprfine.law import regime
from gdprfine.money import (
    MAX_FRACTION_DIGITS,
    MAX_INTEGER_DIGITS,
    Money,
    minor_unit_digits,
    to_decimal,
)
from gdprfine.sources import cross_check, read_source


def fuzz(examples: int = 1000, *, fixture: bool = False) -> settings:
    """One second per input (the CI profile has no deadline, so each test sets it)."""
    checks = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture][: 2 if fixture else 1]
    return settings(deadline=1000, max_examples=examples, suppress_health_check=checks)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the locale and law data once, so no input pays for the first load."""
    for locale in SUPPORTED_LOCALES:
        find_amounts("€1", locale=locale)
    check_fine(Money("1", "USD"), tier="83(5)", on=date(2021, 7, 15))


def documented(call: Callable[[], Any]) -> Any:
    """Run *call*; a documented error is an answer (None), anything else fails the test."""
    try:
        return call()
    except GdprFineError:
        return None


def within_limits(amount: Decimal) -> bool:
    _, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    return -exponent <= MAX_FRACTION_DIGITS and len(digits) + exponent <= MAX_INTEGER_DIGITS


# ---------------------------------------------------------------------------------------------
# Strategies

# Characters that mean something to the readers: digits of several scripts, separators,
# currency signs and words, article and paragraph marks, and the edges of Unicode.
_MEANINGFUL = (
    "0123456789٠١٢٣٤٥٦٧٨٩０１２３４５６７８９.,'’ \u00a0\u202f\u2009_-−+%€£$¥zł()§|;:\n\t"
    "EURUSDGBPPLNeurosmilnbMioMrdArtartikelGDPRlitabsbetweenandFinefine亿万欧元\x00\ufeff\U0010ffff"
)
texts = st.one_of(
    st.text(),
    st.text(alphabet=_MEANINGFUL),
    st.lists(
        st.sampled_from(
            [
                "€", "EUR ", " EUR", "746", "746 000 000", "1.5", "1,5", "4,800", "0", "-0", "−5",
                " million", " milliard", " Billionen", " miljoen euro", "亿欧元", "1e309", "NaN",
                "Infinity", "9" * 40, "0." + "0" * 30 + "1", "Art. 6(1)(f) GDPR", "§ 26 BDSG",
                ", ", " and ", "; ", " ", "\n", "between ", "Only intention", "Fine in five-digit amount",
            ]
        ),
        max_size=20,
    ).map("".join),
)  # fmt: skip
locales = st.one_of(st.sampled_from(SUPPORTED_LOCALES), st.text(max_size=12))
# What a JSON or TOML file, or a careless caller, may hold where text is expected.
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**17, max_value=10**5000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
decimal_texts = st.from_regex(
    r"\A[+-]?[0-9]{0,40}(\.[0-9]{0,20})?([eE][+-]?[0-9]{1,5})?\Z", fullmatch=True
)
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
currencies = st.one_of(
    st.sampled_from(["EUR", "USD", "GBP", "PLN", "HRK", "JPY", "KWD", "XAF", "XXX", "BTC", "eur"]),
    st.text(max_size=4),
)
moneys = st.builds(
    lambda units, places, currency: Money(Decimal(units).scaleb(-places), currency),
    st.integers(0, 10**MAX_INTEGER_DIGITS - 1),
    st.integers(0, MAX_FRACTION_DIGITS),
    st.sampled_from(["EUR", "USD", "GBP", "PLN", "JPY", "HRK"]),
).filter(lambda m: within_limits(m.amount))


# ---------------------------------------------------------------------------------------------
# Money


@fuzz()
@given(st.one_of(junk, decimal_texts))
@example(10**5000)
@example(-(10**5000))
@example(Decimal("-0E-5"))
@example("1e309")
@example(Decimal("sNaN"))
def test_to_decimal(value: object) -> None:
    result = documented(lambda: to_decimal(value))
    if result is not None:
        assert result.is_finite()
        assert within_limits(result)
        assert not result.is_signed() or result < 0


@fuzz()
@given(st.one_of(texts, junk), st.one_of(currencies, junk))
@example(5, "EUR")
@example("1" + " 000" * 20, "EUR")
def test_money_parse(text: Any, currency: Any) -> None:
    result = documented(lambda: Money.parse(text, default_currency=currency))
    if result is not None:
        assert result.amount >= 0
        assert within_limits(result.amount)


# ---------------------------------------------------------------------------------------------
# Amounts in text


@fuzz()
@given(texts, locales)
@example(5, "en")
@example("€1", 5)
def test_find_amounts(text: Any, locale: Any) -> None:
    mentions = documented(lambda: find_amounts(text, locale=locale)) or []
    previous_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.start >= previous_end
        assert text[mention.start : mention.end] == mention.text
        assert mention.money.amount >= 0
        assert mention.sure or mention.reason
        previous_end = mention.end


@fuzz()
@given(texts, locales, st.none() | currencies | junk, st.booleans())
@example("5", "en", 5, True)
@example("1 " * 200, "en", None, True)
def test_parse_amount(text: Any, locale: Any, currency: Any, strict: bool) -> None:
    result = documented(lambda: parse_amount(text, locale=locale, currency=currency, strict=strict))
    if result is not None:
        assert result.amount >= 0
        if strict:
            # A strict reading is also what find_amounts reads, when the text names a currency.
            found = documented(lambda: find_amounts(text, locale=locale)) or []
            assert all(m.money == result for m in found)


@fuzz()
@given(st.one_of(texts, junk), locales, currencies, st.booleans())
@example(5, "en", "EUR", False)
@example("between " * 50, "en", "EUR", False)
def test_read_amount_field(text: Any, locale: Any, currency: Any, zero: bool) -> None:
    reading = documented(
        lambda: read_amount_field(text, locale=locale, currency=currency, zero_is_unknown=zero)
    )
    if reading is not None:
        assert (reading.money is None) != (reading.reason is None)
        if reading.low is not None and reading.high is not None:
            assert reading.low.currency == reading.high.currency


@fuzz()
@given(moneys, locales, st.sampled_from(["full", "compact", "words", "x"]))
def test_format_money(money: Money, locale: Any, style: Any) -> None:
    text = documented(lambda: format_money(money, locale=locale, style=style))
    if text is not None and style == "full":
        assert parse_amount(text, locale=locale, strict=False) == money


# ---------------------------------------------------------------------------------------------
# Articles


@fuzz()
@given(st.one_of(texts, junk, st.lists(st.one_of(texts, junk), max_size=3)))
@example(5)
@example([5])
@example("Art. 6" + " " * 3000 + "x")
@example("\n and §")
def test_parse_articles(text: Any) -> None:
    refs = documented(lambda: parse_articles(text))
    if refs is not None:
        assert refs or not text
        assert all(isinstance(r, ArticleRef) and r.article >= 1 for r in refs)
        classification = classify(refs)
        assert classification.tier is None or classification.fineable


@fuzz()
@given(texts)
def test_read_articles_keeps_what_it_cannot_read(text: str) -> None:
    reading = read_articles(text)
    assert all(part and part in text for part in reading.unreadable) or len(text) > 10_000


# ---------------------------------------------------------------------------------------------
# Case records and files

_CASE: dict[str, Any] = {
    "id": "fuzz",
    "authority": {"name": "CNPD", "country": "LU"},
    "addressee": "Example S.à r.l.",
    "decision_date": "2021-07-15",
    "fine": {"amount": "746000000", "currency": "EUR"},
    "articles": ["Art. 6(1)", "Art. 13"],
    "turnover": {"amount": "386064000000 USD", "financial_year": 2020},
}
_FIELDS = [
    ("id",), ("regime",), ("authority",), ("authority", "country"), ("authority", "name"),
    ("addressee",), ("is_undertaking",), ("decision_date",), ("announcement_date",), ("fine",),
    ("fine", "amount"), ("fine", "currency"), ("fine_exchange_rate",), ("articles",), ("tier",),
    ("turnover",), ("turnover", "amount"), ("turnover", "financial_year"),
    ("turnover", "exchange_rate"), ("status",), ("sources",), ("summary",),
]  # fmt: skip
json_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), dates.map(str),
        st.sampled_from(["0000-00-00", "9999-12-31", "0001-01-01", "2021-02-29", "NaN", "-0"]),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)  # fmt: skip
rates = st.fixed_dictionaries(
    {"base": currencies, "quote": currencies, "rate": decimal_texts},
    optional={"fixings": st.integers(), "start": dates.map(str), "end": dates.map(str)},
)


def _dump(case: object) -> bytes:
    """The case as JSON; a number too long for Python to write becomes one in the text."""
    try:
        return json.dumps(case, default=str).encode()
    except ValueError:
        return b'{"fine": {"amount": 1' + b"0" * 5000 + b', "currency": "EUR"}}'


def _with(path: tuple[str, ...], value: object) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(json.dumps(_CASE))
    target = case
    for key in path[:-1]:
        if not isinstance(target.get(key), dict):
            target[key] = {}
        target = target[key]
    target[path[-1]] = value
    return case


cases = st.one_of(
    st.builds(_with, st.sampled_from(_FIELDS), st.one_of(json_values, junk)),
    st.builds(_with, st.just(("fine_exchange_rate",)), rates),
    st.builds(_with, st.just(("turnover", "exchange_rate")), rates),
    st.builds(_with, st.just(("decision_date",)), dates),
    st.builds(
        _with,
        st.just(("turnover", "financial_year")),
        st.fixed_dictionaries({"start": dates, "end": dates}),
    ),
    st.dictionaries(st.text(max_size=10), json_values, max_size=5),
    json_values,
)


def _check_answer(case: Any) -> None:
    record = documented(lambda: parse_case(case))
    if record is None:
        return
    verdict = documented(lambda: check_case(record))
    if verdict is None:
        return
    assert verdict.verdict in ("within", "exceeds", "undetermined")
    if verdict.cap is not None and verdict.fine_in_cap_currency is None and not verdict.needs:
        within = verdict.fine.amount <= verdict.cap.amount.amount
        assert verdict.verdict == ("within" if within else "exceeds")
    json.dumps(verdict.json_dict())


@fuzz()
@given(cases)
@example(
    _with(
        ("fine_exchange_rate",), {"base": "EUR", "quote": "USD", "rate": "1", "fixings": 10**5000}
    )
)
@example(_with(("fine",), {"amount": 10**5000, "currency": "EUR"}))
@example(_with(("turnover", "financial_year"), {"start": "9999-01-01", "end": "9999-12-30"}))
@example(_with(("decision_date",), "9999-12-31"))
@example(_with(("fine",), {}))
@example(_with(("fine",), {"amount": "1", "currency": "EUR", "note": "x"}))
def test_parse_and_check_case(case: Any) -> None:
    _check_answer(case)


_JSON_HOSTILE = [
    b"", b"\xff\xfe", b"\xc3\x28", b"{", b"[]", b"null", b'{"fine": NaN}', b'{"fine": Infinity}',
    b'{"fine": -Infinity}', b'{"fine": 1e309}', b'{"fine": -0.0}', b'{"fine": 1' + b"0" * 5000 + b"}",
    b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    b'{"authority": {"name": "X", "country": "LU"}, "addressee": "A", "decision_date": "0000-00-00"}',
]  # fmt: skip
_TOML_HOSTILE = [
    b"", b"\xff", b"a = [" * 10_000 + b"]" * 10_000, b"fine = nan", b"fine = inf", b"fine = -0.0",
    b"fine = 1" + b"0" * 5000, b"decision_date = 0000-00-00", b"decision_date = 9999-12-31",
    b"x = {" * 2000 + b"}" * 2000, b'a = "\\ud800"',
]  # fmt: skip


@fuzz(fixture=True)
@given(
    st.one_of(
        st.binary(),
        st.sampled_from(_JSON_HOSTILE + _TOML_HOSTILE),
        cases.map(_dump),
        cases.map(lambda c: _dump(c)[:-7]),
    ),
    st.sampled_from([".json", ".toml", ".JSON", ".txt", ""]),
)
def test_load_case_files(tmp_path: Path, raw: bytes, suffix: str) -> None:
    path = tmp_path / f"case{suffix}"
    path.write_bytes(raw)
    record = documented(lambda: load_case(path))
    if record is not None:
        documented(lambda: check_case(record))


# ---------------------------------------------------------------------------------------------
# Checks, caps, conversions, financial years, estimates, sources


@fuzz()
@given(
    moneys,
    st.none() | st.sampled_from(["83(4)", "83(5)", "83(6)", "Art. 83 (5)"]) | texts | junk,
    st.none() | texts | junk | st.lists(texts, max_size=2),
    st.none() | moneys,
    st.booleans(),
    st.sampled_from(["eu-gdpr", "uk-gdpr", "EU-GDPR", "x"]) | junk,
    st.none() | dates,
    st.none() | st.integers(1, 9999).map(lambda y: FinancialYear.calendar(y) if 1900 <= y <= 9998 else None),
    st.none() | st.sampled_from(["mean", "year-end", "decision-date"]),
)  # fmt: skip
@example(Money("1", "EUR"), 5, None, None, True, "eu-gdpr", None, None, None)
@example(Money("1", "EUR"), None, ["Art. 6"], None, True, "eu-gdpr", None, None, None)
@example(Money("1", "EUR"), None, 5, None, True, "eu-gdpr", None, None, None)
@example(Money("1", "EUR"), None, [10**5000], None, True, "eu-gdpr", None, None, None)
def test_check_fine(
    fine: Money,
    tier: Any,
    articles: Any,
    turnover: Money | None,
    undertaking: bool,
    regime_id: Any,
    on: date | None,
    fy: FinancialYear | None,
    fx: Any,
) -> None:
    verdict = documented(
        lambda: check_fine(
            fine,
            tier=tier,
            articles=articles,
            turnover=turnover,
            undertaking=undertaking,
            regime_id=regime_id,
            on=on,
            financial_year=fy,
            fx_rule=fx,
        )
    )
    if verdict is None:
        return
    if verdict.cap is not None and verdict.fine_in_cap_currency is None and not verdict.needs:
        within = fine.amount <= verdict.cap.amount.amount
        assert verdict.verdict == ("within" if within else "exceeds")
    json.dumps(verdict.json_dict())


@fuzz()
@given(
    st.sampled_from(["eu-gdpr", "uk-gdpr"]),
    st.sampled_from(["83(4)", "83(5)", "83(6)"]),
    moneys,
    st.booleans(),
)
def test_legal_maximum(regime_id: str, tier_id: str, turnover: Money, undertaking: bool) -> None:
    tier = regime(regime_id).tier(tier_id)
    cap = documented(lambda: legal_maximum(tier, turnover, undertaking=undertaking))
    if cap is not None:
        assert cap.amount >= tier.static_cap
        assert cap.amount.amount <= max(tier.static_cap.amount, turnover.amount)


@fuzz()
@given(
    moneys,
    currencies | junk,
    st.none() | dates,
    st.none() | st.tuples(dates, dates),
    st.none() | decimal_texts | junk,
)
@example(Money("1", "USD"), "EUR", None, None, "0")
@example(Money("999999999999999999", "USD"), "EUR", None, None, "999999999999999999")
@example(Money("1", "USD"), "EUR", date(9999, 12, 31), None, None)
@example(Money("1", "USD"), "EUR", date(1, 1, 1), None, None)
def test_convert(
    money: Money, to: Any, on: date | None, period: tuple[date, date] | None, rate: Any
) -> None:
    result = documented(lambda: convert(money, to, on=on, mean_over=period, rate=rate))
    if result is not None:
        assert result.original == money
        converted = result.converted.amount
        assert converted.is_finite()
        if result.converted.currency != money.currency:
            exponent = converted.as_tuple().exponent
            assert isinstance(exponent, int)
            assert exponent >= -minor_unit_digits(result.converted.currency)


@fuzz()
@given(st.one_of(st.integers(-5, 10_050), junk), dates, st.integers(-20, 20))
@example(0, date(1, 1, 1), 1)
@example(9998, date(9999, 12, 31), 1)
def test_financial_years(year: Any, day: date, shift: int) -> None:
    fy = documented(lambda: FinancialYear.calendar(year))
    if fy is not None:
        preceding = documented(lambda: fy.preceding(day))
        if preceding is not None:
            assert preceding.end < day
        documented(lambda: fy.shifted(shift))
        documented(lambda: fy.precedes(day))
    ending = documented(lambda: FinancialYear.ending(day))
    if ending is not None:
        assert ending.end == day


@fuzz()
@given(
    st.one_of(texts, junk),
    st.one_of(st.sampled_from(["low", "medium", "high", " HIGH "]), junk),
    st.none() | st.sampled_from(["0%", "10%", "100%", "1e309%"]) | texts,
    st.lists(st.one_of(texts, junk, st.from_regex(r"\A[a-k]:[+-][0-9]{1,25}(\.[0-9]{1,14})?%:x\Z")), max_size=3),
    st.none() | moneys.filter(lambda m: m.currency == "EUR"),
    st.sampled_from(["edpb", "dsk", "ap"]) | junk,
    st.booleans(),
    st.none() | dates,
)  # fmt: skip
@example("Art. 6", 5, None, [], None, "edpb", True, None)
@example("Art. 6", "high", None, [5], None, "edpb", True, None)
@example("Art. 6", "high", None, [], None, 5, True, None)
@example([10**5000], "high", None, [], None, "edpb", True, None)
def test_estimate(
    articles: Any,
    seriousness: Any,
    position: Any,
    adjustments: list[Any],
    turnover: Money | None,
    model: Any,
    undertaking: bool,
    on: date | None,
) -> None:
    conduct = documented(
        lambda: Conduct.of(articles, seriousness, position=position, adjustments=adjustments)
    )
    if conduct is None:
        return
    result = documented(
        lambda: estimate([conduct], turnover, model=model, undertaking=undertaking, on=on)
    )
    if result is not None:
        assert result.low <= result.high
        for item in result.conducts:
            assert item.high <= item.cap.amount


@fuzz()
@given(st.one_of(texts, junk))
@example(5)
def test_adjustment_parse(text: Any) -> None:
    adjustment = documented(lambda: Adjustment.parse(text))
    if adjustment is not None:
        assert adjustment.share >= 0
        assert adjustment.reason


@fuzz()
@given(st.lists(st.tuples(texts, locales), max_size=3), st.none() | moneys)
@example([("€1 million fine " * 40, "en")], None)
def test_read_source_and_cross_check(
    texts_and_locales: list[tuple[Any, Any]], fine: Money | None
) -> None:
    readings = []
    for text, locale in texts_and_locales:
        try:
            reading = read_source(text, locale=locale)
        except GdprFineError:
            continue
        assert reading.fine is None or any(m.money == reading.fine for m in reading.mentions)
        readings.append(reading)
    report = cross_check(readings, fine)
    assert report.agreement == (report.consensus is not None and not report.disagreements)


# ---------------------------------------------------------------------------------------------
# The command line

runner = CliRunner()


def _floats(data: object) -> Iterator[object]:
    if isinstance(data, float):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key == "amount" and not isinstance(value, str | dict):
                yield value
            yield from _floats(value)
    elif isinstance(data, list):
        for item in data:
            yield from _floats(item)


def assert_cli_contract(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exception,
    )
    assert result.exit_code in (0, 1, 2, 3), (args, result.exit_code)
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (args, result.stderr)
        assert lines[0].startswith("Error: ")
    elif args[0] == "schema":
        assert json.loads(result.stdout)["title"] == "CaseRecord"
    elif "--json" in args:
        data = json.loads(result.stdout)
        assert not list(_floats(data)), (args, result.stdout)


# Options as a user types them: sensible values, edge values and noise.
cli_amounts = st.one_of(
    st.sampled_from(
        ["746000000 EUR", "EUR 746000000", "1", "0", "-0", "-5", "1e309", "NaN", "Infinity",
         "1_000", "1 000", "1,000", "9" * 5000, "0." + "0" * 12 + "1", "999999999999999999",
         "1 USD", "1 XXX", "1 BTC", "", " "]
    ),
    texts,
)  # fmt: skip
cli_dates = st.one_of(
    st.sampled_from(["0000-00-00", "0001-01-01", "9999-12-31", "2021-07-15", "2021-02-29", "x"]),
    dates.map(str),
    st.text(max_size=12),
)
cli_tiers = st.one_of(st.sampled_from(["83(4)", "83(5)", "83(6)", "83(7)", ""]), texts)
cli_years = st.one_of(
    st.sampled_from(["2020", "0", "1899", "9999", "99999", "2019-07-01..2020-06-30", "..", "x"]),
    st.text(max_size=24),
)
_option = st.text(max_size=30).filter(lambda s: not s.startswith("-"))


def _opt(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.one_of(
        st.just([]), values.filter(lambda v: not v.startswith("-")).map(lambda v: [name, v])
    )


cli_calls = st.one_of(
    st.tuples(
        st.just(["check"]),
        _opt("--fine", cli_amounts),
        _opt("--tier", cli_tiers),
        _opt("--articles", texts),
        _opt("--turnover", cli_amounts),
        _opt("--fy", cli_years),
        _opt("--fx", st.sampled_from(["mean", "year-end", "decision-date", "x"])),
        _opt("--date", cli_dates),
        st.sampled_from([[], ["--json"], ["--no-undertaking"], ["--regime", "uk-gdpr"]]),
    ),
    st.tuples(
        st.just(["cap"]),
        _opt("--tier", cli_tiers),
        _opt("--articles", texts),
        _opt("--turnover", cli_amounts),
        _opt("--fy", cli_years),
        _opt("--fx", st.sampled_from(["mean", "year-end", "decision-date"])),
        _opt("--date", cli_dates),
        st.sampled_from([[], ["--json"], ["--no-undertaking"]]),
    ),
    st.tuples(
        st.just(["convert"]),
        cli_amounts.filter(lambda v: not v.startswith("-")).map(lambda v: [v]),
        _opt("--to", currencies.filter(lambda v: not v.startswith("-"))),
        _opt("--on", cli_dates),
        _opt("--mean-over", st.sampled_from(["2020", "0", "-1", "99999", "x", "1" * 30])),
        _opt("--rate", cli_amounts),
        st.sampled_from([[], ["--json"]]),
    ),
    st.tuples(
        st.just(["estimate"]),
        _opt("--articles", texts),
        _opt("--seriousness", st.sampled_from(["low", "medium", "high", "x"]) | _option),
        _opt("--position", st.sampled_from(["0%", "15%", "100%", "1e309%"]) | _option),
        _opt("--turnover", cli_amounts),
        _opt("--fine", cli_amounts),
        _opt("--adjust", st.sampled_from(["f:-10%:cooperated", "b:+1%:x", "f:+999999999999999999%:x", "2:f:+1%:x"]) | _option),
        _opt("--model", st.sampled_from(["edpb", "dsk", "ap", "all", "x"])),
        _opt("--date", cli_dates),
        st.sampled_from([[], ["--json"], ["--no-undertaking"], ["--repeat"]]),
    ),
    st.tuples(st.just(["schema"]), st.sampled_from([[], ["--json"]])),
).map(lambda parts: [arg for part in parts for arg in part])  # fmt: skip


@fuzz(400)
@given(cli_calls)
@example(["convert", "1", "--to", "USD", "--mean-over", "0"])
@example(["convert", "1", "--to", "USD", "--rate", "0"])
@example(["check", "--fine", "1", "--tier", "83(5)", "--turnover", "1 EUR", "--fy", "9999-01-01..9999-12-30", "--date", "9999-12-31"])  # fmt: skip
def test_cli(args: list[str]) -> None:
    assert_cli_contract(args)


@fuzz(400, fixture=True)
@given(
    st.one_of(
        st.binary(max_size=200),
        st.sampled_from(_JSON_HOSTILE[:12] + _TOML_HOSTILE),
        cases.map(_dump),
    ),
    st.sampled_from([".json", ".toml"]),
    st.sampled_from([[], ["--json"]]),
)
def test_cli_case_files(tmp_path: Path, raw: bytes, suffix: str, flags: list[str]) -> None:
    path = tmp_path / f"case{suffix}"
    path.write_bytes(raw)
    assert_cli_contract(["check", str(path), *flags])


def test_the_contract_check_finds_numbers_where_strings_belong() -> None:
    assert list(_floats({"a": [{"amount": 1}], "b": 1.5, "c": {"amount": "1"}})) == [1, 1.5]
