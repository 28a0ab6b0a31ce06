"""The batch's shortcuts give exactly what the full path gives: a judgement kept for the fines
of one regime, classification, undertaking and country is the judge's own, and a verdict filled in slot
by slot is a plain frozen RecordVerdict."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from plain_records import assert_plain_frozen

from gdprfine.articles import classify, parse_articles
from gdprfine.batch import RecordVerdict, _date_text, _money_text, check_record
from gdprfine.check import Judgement, judge, judge_plain
from gdprfine.datasets import DatasetRecord, read_amount
from gdprfine.dates import PartialDate
from gdprfine.errors import GdprFineError
from gdprfine.law import regime
from gdprfine.money import Money

_LAWS = {law_id: regime(law_id) for law_id in ("eu-gdpr", "uk-gdpr")}
_ARTICLES = [
    "Art. 6 GDPR", "Art. 32 GDPR", "Art. 5 (1) f) GDPR, Art. 32 GDPR", "Art. 58 (2) GDPR",
    "Art. 82 loi Informatique et Libertés", "Art. 6 GDPR, § 26 BDSG", "Art. 9 GDPR", "Art. 83 GDPR",
    "Art. 12 GDPR, Art. 15 GDPR", "Art. 33 GDPR, Art. 34 GDPR", "",
]  # fmt: skip
_CLASSES = {
    (law_id, text): classify(tuple(parse_articles(text)), law) if text else None
    for law_id, law in _LAWS.items()
    for text in _ARTICLES
}
_EDGES = [
    "0", "0.00", "1", "8700000", "8700000.00", "8700000.01", "10000000", "10000000.0", "10000000.01",
    "17500000", "17500000.01", "20000000", "20000000.00", "20000001", "25000000",
]  # fmt: skip
_AMOUNTS = st.sampled_from(_EDGES) | st.decimals(min_value=0, max_value=10**9, places=2).map(str)
_DAYS = st.none() | st.dates(min_value=date(2016, 1, 1), max_value=date(2026, 12, 31))
# Denmark and Estonia have a national rule on how fines are imposed (a warning of the judge's);
# the others have none, or a rule only for public bodies.
_COUNTRIES = st.sampled_from([None, "DK", "EE", "DE", "GB", "PL"])


def _judged(
    law_id: str, text: str, amount: str, undertaking: bool, on: date | None, country: str | None, fresh: bool
) -> object:
    law = _LAWS[law_id]
    fine, classification = Money(amount, law.currency), _CLASSES[law_id, text]
    try:
        if fresh:
            return judge(
                law, fine, classification=classification, undertaking=undertaking, on=on, country=country
            )
        return judge_plain(law, fine, classification, undertaking, on, country)
    except GdprFineError as error:
        return repr(error)


def _same(kept: object, fresh: object) -> None:
    if not isinstance(fresh, Judgement):
        assert kept == fresh
        return
    assert isinstance(kept, Judgement)
    assert vars(kept).keys() == vars(fresh).keys()
    for name, value in vars(fresh).items():
        got = vars(kept)[name]
        assert type(got) is type(value), name
        assert got == value, name
        assert repr(got) == repr(value), name


@given(
    law_id=st.sampled_from(sorted(_LAWS)),
    text=st.sampled_from(_ARTICLES),
    amounts=st.lists(_AMOUNTS, min_size=2, max_size=4),
    undertaking=st.booleans(),
    days=st.lists(_DAYS, min_size=4, max_size=4),
    countries=st.lists(_COUNTRIES, min_size=4, max_size=4),
)
@example(
    law_id="eu-gdpr",
    text="Art. 32 GDPR",
    amounts=["1000", "10000000.01"],
    undertaking=True,
    days=[None] * 4,
    countries=[None] * 4,
)
@example(
    law_id="eu-gdpr",
    text="Art. 6 GDPR",
    amounts=["100", "20000001"],
    undertaking=False,
    days=[None] * 4,
    countries=[None] * 4,
)
@example(
    law_id="eu-gdpr", text="Art. 6 GDPR", amounts=["100", "200"], undertaking=True,
    days=[None, date(2017, 5, 1), None, None], countries=[None] * 4,
)  # fmt: skip
@example(
    law_id="eu-gdpr", text="Art. 32 GDPR", amounts=["100", "200", "300"], undertaking=True,
    days=[None] * 4, countries=["DE", "DK", None, "EE"],
)  # fmt: skip
def test_a_kept_judgement_is_the_judge_s(
    law_id: str,
    text: str,
    amounts: list[str],
    undertaking: bool,
    days: list[date | None],
    countries: list[str | None],
) -> None:
    for amount, on, country in zip(amounts, days, countries, strict=False):
        kept = _judged(law_id, text, amount, undertaking, on, country, fresh=False)
        _same(kept, _judged(law_id, text, amount, undertaking, on, country, fresh=True))


@pytest.mark.parametrize("amount", ["1000", "1000.00", "0"])
def test_a_kept_judgement_holds_its_own_fine_and_date(amount: str) -> None:
    law = _LAWS["eu-gdpr"]
    classification = _CLASSES["eu-gdpr", "Art. 6 GDPR"]
    judge_plain(law, Money("5", "EUR"), classification, True, None)
    fine, on = Money(amount, "EUR"), date(2022, 3, 4)
    kept = judge_plain(law, fine, classification, True, on)
    assert kept.fine is fine
    assert kept.fine_in_cap_currency is fine
    assert kept.on == on
    assert kept.verdict == "within"
    assert kept.implied_minimum_turnover is None
    assert str(kept.fine_in_cap_currency.amount) == str(Decimal(amount))


@pytest.mark.parametrize(
    ("fine", "articles", "day"),
    [("1000", "Art. 6 GDPR", PartialDate(2021, 7, 16)), ("Unknown", "", None),
     ("5000", "Art. 82 loi Informatique et Libertés", PartialDate(2020)),
     ("5000", "Art. 6 GDPR", PartialDate(2017, 3))],
)  # fmt: skip
def test_a_verdict_is_a_plain_frozen_record_verdict(
    fine: str, articles: str, day: PartialDate | None
) -> None:
    record = DatasetRecord(
        source="csv", row=1, amount=read_amount(fine), articles=tuple(parse_articles(articles)) if articles else (), date=day,
    )  # fmt: skip
    assert_plain_frozen(check_record(record), RecordVerdict, "flags", ())


@given(
    year=st.integers(1, 9999),
    month=st.none() | st.integers(1, 12),
    day=st.integers(1, 28),
    amount=st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=0, max_value=10**12
    ),
    ascii_only=st.booleans(),
)
def test_kept_texts_are_the_json_of_the_value(
    year: int, month: int | None, day: int, amount: Decimal, ascii_only: bool
) -> None:
    when = PartialDate(year, month, day if month is not None else None)
    money = Money(str(amount), "EUR")
    dumped = json.dumps(
        {"date": str(when), "date_precision": when.precision}, ensure_ascii=ascii_only
    )
    for _ in range(2):
        assert "{" + f'"date": {_date_text(when)}' + "}" == dumped
        assert json.loads(_money_text(money)) == money.model_dump(mode="json")
        assert _money_text(money) == json.dumps(money.model_dump(mode="json"))
