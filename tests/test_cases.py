"""Case records: loading TOML and JSON, validation, and one-line errors naming field and value."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gdprfine.cases import CaseRecord, case_schema, load_case, parse_case
from gdprfine.errors import InvalidCaseFile, InvalidInput
from gdprfine.money import Money

ROOT = Path(__file__).resolve().parent.parent
AMAZON = ROOT / "examples" / "amazon-2021.toml"


def minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "authority": {"name": "CNPD", "country": "LU"},
        "addressee": "Example S.à r.l.",
        "decision_date": "2021-07-15",
        "fine": "746000000 EUR",
    }
    data.update(changes)
    return data


def refused(data: Any) -> str:
    with pytest.raises(InvalidCaseFile) as info:
        parse_case(data, origin="case.json")
    text = str(info.value)
    assert "\n" not in text
    assert isinstance(info.value, InvalidInput)
    return text


def test_amazon_example_loads() -> None:
    case = load_case(AMAZON)
    assert case.id == "cnpd-amazon-2021"
    assert case.regime == "eu-gdpr"
    assert case.addressee == "Amazon Europe Core S.à r.l."
    assert case.group == "Amazon.com, Inc. (group)"
    assert case.authority.country == "LU"
    assert case.decision_date == date(2021, 7, 15)
    assert case.announcement_date == date(2021, 7, 16)
    assert case.fine == Money("746000000", "EUR")
    assert [str(a) for a in case.articles] == ["Art. 6 GDPR"] + [
        f"Art. {n} GDPR" for n in (12, 13, 14, 15, 16, 17, 21)
    ]
    assert case.turnover is not None
    assert case.turnover.amount == Money("386064000000", "USD")
    assert case.turnover.financial_year.label == "FY2020"
    assert [s.status for s in case.status] == ["final", "appealed", "upheld"]
    latest = case.latest_status()
    assert latest is not None
    assert (latest.status, latest.date) == ("upheld", date(2025, 3, 18))
    assert len(case.sources) == 4


def test_json_case_file(tmp_path: Path) -> None:
    path = tmp_path / "amazon.json"
    path.write_text(load_case(AMAZON).model_dump_json(), "utf-8")
    assert load_case(path) == load_case(AMAZON)


def test_json_round_trip() -> None:
    case = load_case(AMAZON)
    assert CaseRecord.model_validate_json(case.model_dump_json()) == case


def test_json_amounts_are_strings() -> None:
    data = json.loads(load_case(AMAZON).model_dump_json())
    assert data["fine"] == {"amount": "746000000", "currency": "EUR"}
    assert data["turnover"]["amount"] == {"amount": "386064000000", "currency": "USD"}
    assert data["articles"][0] == "Art. 6 GDPR"


def test_minimal_defaults() -> None:
    case = parse_case(minimal())
    assert case.regime == "eu-gdpr"
    assert case.is_undertaking
    assert case.articles == []
    assert case.turnover is None
    assert case.latest_status() is None
    assert case.group == "Example S.à r.l."


def test_money_as_table_and_text() -> None:
    assert parse_case(minimal(fine={"amount": "1000", "currency": "PLN"})).fine == Money(
        "1000", "PLN"
    )
    assert parse_case(minimal(fine={"amount": 1000, "currency": "pln"})).fine == Money(
        "1000", "PLN"
    )


def test_tier_is_normalised() -> None:
    assert parse_case(minimal(tier="Art. 83 (5)")).tier == "83(5)"


def test_financial_year_table() -> None:
    case = parse_case(
        minimal(
            turnover={
                "amount": "1000 EUR",
                "financial_year": {"start": "2019-07-01", "end": "2020-06-30"},
            }
        )
    )
    assert case.turnover is not None
    assert case.turnover.financial_year.start == date(2019, 7, 1)


def test_schema_lists_the_fields() -> None:
    schema = case_schema()
    assert schema["title"] == "CaseRecord"
    assert set(schema["required"]) == {"authority", "addressee", "decision_date", "fine"}
    for key in ("id", "regime", "articles", "turnover", "status", "sources", "tier", "summary"):
        assert key in schema["properties"]


# Bad input


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"fine": "-5 EUR"}, "case.json: fine: '-5 EUR': an amount must not be negative"),
        ({"fine": {"amount": "-5", "currency": "EUR"}}, "case.json: fine: '-5': a fine must not"),
        ({"fine": "abc"}, "case.json: fine: 'abc': expected an amount such as"),
        ({"fine": {"amount": "NaN", "currency": "EUR"}}, "case.json: fine: 'NaN': not a decimal"),
        (
            {"fine": {"amount": "Infinity", "currency": "EUR"}},
            "case.json: fine: 'Infinity': not a decimal number",
        ),
        ({"fine": {"amount": 1.5, "currency": "EUR"}}, "case.json: fine: 1.5: a float cannot"),
        (
            {"fine": {"amount": "1" * 19, "currency": "EUR"}},
            f"case.json: fine: '{'1' * 19}': more than 18 integer digits",
        ),
        ({"fine": "5 XEU"}, "case.json: fine: 'XEU': not an ISO 4217 currency code"),
        ({"regime": "fr-gdpr"}, "case.json: regime: 'fr-gdpr': known regimes: eu-gdpr, uk-gdpr"),
        ({"tier": "83(7)"}, "case.json: tier: '83(7)': a tier is 83(4), 83(5) or 83(6)"),
        (
            {"announcement_date": "2021-07-14"},
            "case.json: announcement_date: '2021-07-14': before the decision date 2021-07-15",
        ),
        ({"decision_date": "2021-02-30"}, "case.json: decision_date: '2021-02-30': not a date (YYYY-MM-DD)"),
        ({"decision_date": "yesterday"}, "case.json: decision_date: 'yesterday': not a date (YYYY-MM-DD)"),
        (
            {"turnover": {"amount": "-1 EUR", "financial_year": 2020}},
            "case.json: turnover.amount: '-1 EUR': an amount must not be negative",
        ),
        (
            {"turnover": {"amount": {"amount": "-1", "currency": "EUR"}, "financial_year": 2020}},
            "case.json: turnover.amount: '-1': a turnover must not be negative",
        ),
        (
            {"turnover": {"amount": "1 EUR", "financial_year": 1066}},
            "case.json: turnover.financial_year: 1066: a year between 1900 and 9998",
        ),
        (
            {"authority": {"name": "CNPD", "country": "XX"}},
            "case.json: authority.country: 'XX': an ISO 3166-1 alpha-2 code such as 'DE'",
        ),
        ({"articles": "Art. xyz"}, "case.json: articles: 'Art. xyz': not an article reference"),
        (
            {"status": [{"status": "pending", "date": "2021-07-15"}]},
            "case.json: status.0.status: 'pending': expected one of 'proposed', 'final',",
        ),
        ({"colour": "red"}, "case.json: colour: 'red': not a field of a case record"),
    ],
)
def test_bad_fields(changes: dict[str, Any], message: str) -> None:
    assert refused(minimal(**changes)).startswith(message)


@pytest.mark.parametrize("field", ["is_undertaking", "public_body"])
@pytest.mark.parametrize("value", ["off", "no", "yes", "true", 0, 1, 2, "maybe"])
def test_a_boolean_is_true_or_false_only(field: str, value: object) -> None:
    # "off" read as false would cap the Amazon fine at EUR 20 m instead of EUR 13.5 bn.
    assert refused(minimal(**{field: value})) == f"case.json: {field}: {value!r}: expected true or false"


@pytest.mark.parametrize("field", ["is_undertaking", "public_body"])
@pytest.mark.parametrize(
    ("written", "read"), [('"off"', "'off'"), ("0", "0"), ("true", True), ("false", False)]
)
def test_a_boolean_in_a_toml_case_file_is_strict(
    tmp_path: Path, field: str, written: str, read: bool | str
) -> None:
    path = tmp_path / "case.toml"
    path.write_text(
        f'addressee = "X"\ndecision_date = 2021-07-15\nfine = "746000000 EUR"\n{field} = {written}\n'
        '[authority]\nname = "CNPD"\ncountry = "LU"\n',
        encoding="utf-8",
    )
    if isinstance(read, bool):
        assert getattr(load_case(path), field) is read
        return
    with pytest.raises(InvalidCaseFile) as info:
        load_case(path)
    assert str(info.value) == f"{path}: {field}: {read}: expected true or false"


@pytest.mark.parametrize("missing", ["authority", "addressee", "decision_date", "fine"])
def test_missing_required_field(missing: str) -> None:
    data = minimal()
    del data[missing]
    assert refused(data) == f"case.json: {missing}: missing"


def test_not_an_object() -> None:
    assert refused([minimal()]) == "case.json: 'list': a case is a table/object of fields"


VALID_JSON = json.dumps(minimal())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.toml", b"id = \n", "broken.toml: 'TOML': Invalid value"),
        ("broken.json", b'{"id": ', "broken.json: 'JSON': Expecting value"),
        (
            "float.json",
            VALID_JSON.replace('"746000000 EUR"', '{"amount": 746000000.0, "currency": "EUR"}'),
            "float.json: 'JSON': 746000000.0 is a float",
        ),
        (
            "nan.json",
            VALID_JSON.replace('"746000000 EUR"', '{"amount": NaN, "currency": "EUR"}'),
            "nan.json: 'JSON': NaN is not a number",
        ),
        (
            "inf.json",
            VALID_JSON.replace('"746000000 EUR"', '{"amount": Infinity, "currency": "EUR"}'),
            "inf.json: 'JSON': Infinity is not a number",
        ),
        ("list.json", b"[]", "list.json: 'list': a case is a table/object of fields"),
        ("latin1.json", b'{"id": "\xff"}', "latin1.json: 'byte 8': not UTF-8"),
        ("case.txt", b"", "case.txt: '.txt': a case file ends in .toml or .json"),
        (
            "float.toml",
            b'addressee = "X"\ndecision_date = 2021-07-15\n'
            b'fine = {amount = 1.5, currency = "EUR"}\n'
            b'[authority]\nname = "X"\ncountry = "LU"\n',
            "float.toml: fine: 1.5: a float cannot state money exactly",
        ),
        (
            "nofine.toml",
            b'addressee = "X"\ndecision_date = 2021-07-15\n'
            b'[authority]\nname = "X"\ncountry = "LU"\n',
            "nofine.toml: fine: missing",
        ),
        (
            "baddate.toml",
            b'addressee = "X"\ndecision_date = 2021-02-30\nfine = "1 EUR"\n',
            "baddate.toml: 'TOML':",
        ),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: str | bytes, message: str) -> None:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, "utf-8")
    else:
        path.write_bytes(content)
    with pytest.raises(InvalidCaseFile) as info:
        load_case(path)
    text = str(info.value)
    assert "\n" not in text
    assert text.startswith(f"{tmp_path}/{message}")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.toml"
    with pytest.raises(InvalidCaseFile) as info:
        load_case(path)
    assert str(info.value) == f"{path}: No such file or directory"


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 5_000_001)
    with pytest.raises(InvalidCaseFile) as info:
        load_case(path)
    assert str(info.value) == f"{path}: 5000001 bytes, larger than 5000000 bytes"


# The JSON Schema tells the truth: what the loader reads validates, JSON numbers for amounts do not


def _schema_validator() -> Any:
    import jsonschema

    schema = case_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _as_json(value: Any) -> Any:
    """TOML values as a JSON document holds them: dates as ISO strings."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


_ROOT = Path(__file__).resolve().parent.parent
_CASE_FILES = sorted((_ROOT / "examples").glob("*.toml")) + sorted(
    (_ROOT / "gdprfine" / "data" / "cases").glob("*.toml")
)


@pytest.mark.parametrize("path", _CASE_FILES, ids=lambda path: path.name)
def test_every_shipped_case_file_validates_against_the_schema(path: Path) -> None:
    import tomllib

    data = _as_json(tomllib.loads(path.read_text("utf-8")))
    errors = [error.message for error in _schema_validator().iter_errors(data)]
    assert errors == []
    load_case(path)


@pytest.mark.parametrize(
    "changes",
    [
        {"fine": "1500000 EUR"},
        {"fine": "EUR 1500000"},
        {"fine": {"amount": "1500000", "currency": "EUR"}},
        {"articles": "Art. 5, Art. 32"},
        {"articles": ["Art. 5 (1) c) GDPR", "Art. 32 DSGVO"]},
        {"turnover": {"amount": "386064000000 USD", "financial_year": 2020}},
        {
            "turnover": {
                "amount": {"amount": "1", "currency": "EUR"},
                "financial_year": {"start": "2019-07-01", "end": "2020-06-30"},
            }
        },
        {"fine_exchange_rate": {"base": "EUR", "quote": "PLN", "rate": "4.5"}, "fine": "1 PLN"},
        {"tier": "83(5)"},
    ],
)
def test_documented_forms_validate_and_load(changes: dict[str, Any]) -> None:
    data = minimal(**changes)
    assert list(_schema_validator().iter_errors(data)) == []
    parse_case(data)


@pytest.mark.parametrize(
    "changes",
    [
        {"fine": {"amount": 746000000, "currency": "EUR"}},
        {"fine": {"amount": 1.5, "currency": "EUR"}},
        {"fine": 746000000},
        {"fine_exchange_rate": {"base": "EUR", "quote": "PLN", "rate": 4.5}},
        {"colour": "red"},
    ],
)
def test_the_schema_refuses_numbers_for_amounts_and_unknown_fields(changes: dict[str, Any]) -> None:
    assert list(_schema_validator().iter_errors(minimal(**changes))) != []


# Hostile case files: nesting deeper than any case needs is refused before the parser sees it


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deep.toml", "a" + ".a" * 3_000 + " = 1\n"),
        ("wide.toml", "k" + ".k" * 200_000 + " = 1\n"),
        ("deep.json", "[" * 5_000 + "]" * 5_000),
    ],
)
def test_deep_or_quadratic_nesting_is_refused_quickly(tmp_path: Path, name: str, content: str) -> None:
    import time

    path = tmp_path / name
    path.write_text(content, "utf-8")
    start = time.process_time()
    with pytest.raises(InvalidCaseFile, match="nested more than 64 levels deep"):
        load_case(path)
    assert time.process_time() - start < 5


def test_a_duplicate_key_in_a_json_case_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(minimal())[:-1] + ', "fine": "10 EUR"}', "utf-8")
    with pytest.raises(InvalidCaseFile, match="the key 'fine' appears twice"):
        load_case(path)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    path = tmp_path / "case.toml"
    os.mkfifo(path)
    with pytest.raises(InvalidCaseFile, match="a FIFO"):
        load_case(path)


def test_a_long_value_is_cut_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(minimal(fine="9" * 2_000_000 + " EUR")), encoding="utf-8")
    with pytest.raises(InvalidCaseFile) as info:
        load_case(path)
    assert str(info.value) == (
        f"{path}: fine: '{'9' * 80}...' (2000000 characters): more than 18 integer digits"
    )
    assert info.value.value == "9" * 2_000_000  # the error keeps the whole value


@pytest.mark.parametrize(
    ("amount", "limit"),
    [("1" * 41, "more than 18 integer digits"), ("1." + "5" * 31, "more than 12 decimal places")],
)
def test_an_amount_over_the_digit_limit_says_the_limit(amount: str, limit: str) -> None:
    assert refused(minimal(fine={"amount": amount, "currency": "EUR"})) == (
        f"case.json: fine: {amount!r}: {limit}"
    )


@pytest.mark.parametrize("value", [True, "3", 2.0])
def test_a_count_of_fixings_is_a_whole_number_only(value: object) -> None:
    # A boolean or text read as a number: `fixings = true` was one fixing.
    rate = {"base": "EUR", "quote": "USD", "rate": "1.1", "fixings": value}
    assert refused(minimal(fine="1000 USD", fine_exchange_rate=rate)) == (
        f"case.json: fine_exchange_rate.fixings: {value!r}: expected a whole number"
    )
