"""Properties of the caps and the judge for every input, and round trips of the values they use (money, rates, article references, case records), checked by hypothesis."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from gdprfine.articles import ArticleRef, classify, parse_article, parse_articles
from gdprfine.caps import combined_cap, implied_minimum_turnover, legal_maximum
from gdprfine.cases import CaseRecord
from gdprfine.check import check_fine
from gdprfine.law import Tier, regime
from gdprfine.money import ExchangeRate, Money

EU = regime("eu-gdpr")
UK = regime("uk-gdpr")
ALL_TIERS: list[Tier] = [law.tier(t) for law in (EU, UK) for t in law.tier_ids()]

tiers = st.sampled_from(ALL_TIERS)
eu_tiers = st.sampled_from([EU.tier(t) for t in EU.tier_ids()])


def cents(low: int = 0, high: int = 10**16) -> st.SearchStrategy[Decimal]:
    """Amounts with two decimal places, from low to high minor units."""
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-2))


amounts = st.one_of(
    cents(),
    cents(10**9, 10**12),
    st.integers(0, 10**15).map(Decimal),
    st.integers(0, 10**14).map(lambda n: Decimal(n).scaleb(-6)),
)


def money(tier: Tier, amount: Decimal) -> Money:
    return Money(amount, tier.static_cap.currency)


@given(tiers, amounts)
@example(EU.tier("83(4)"), Decimal("500000000"))
@example(EU.tier("83(5)"), Decimal("500000000.01"))
def test_cap_is_the_higher_limb_exactly(tier: Tier, turnover: Decimal) -> None:
    cap = legal_maximum(tier, money(tier, turnover))
    expected = max(tier.static_cap.amount, tier.turnover_share * turnover)
    assert cap.amount.amount == expected
    assert cap.amount.currency == tier.static_cap.currency
    assert cap.limb == (
        "turnover" if tier.turnover_share * turnover > tier.static_cap.amount else "static"
    )


@given(tiers, st.none() | amounts)
def test_non_undertaking_gets_the_static_amount(tier: Tier, turnover: Decimal | None) -> None:
    given_turnover = None if turnover is None else money(tier, turnover)
    cap = legal_maximum(tier, given_turnover, undertaking=False)
    assert cap.amount == tier.static_cap
    assert cap.limb == "static"
    assert not cap.lower_bound


@given(tiers, amounts, amounts)
def test_cap_non_decreasing_in_turnover(tier: Tier, a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert (
        legal_maximum(tier, money(tier, low)).amount
        <= legal_maximum(tier, money(tier, high)).amount
    )


@given(st.sampled_from([EU, UK]), amounts, st.booleans())
def test_83_5_cap_at_least_83_4_cap(law: Any, turnover: Decimal, undertaking: bool) -> None:
    currency = law.currency
    cap4 = legal_maximum(law.tier("83(4)"), Money(turnover, currency), undertaking=undertaking)
    cap5 = legal_maximum(law.tier("83(5)"), Money(turnover, currency), undertaking=undertaking)
    assert cap5.amount >= cap4.amount


@given(eu_tiers)
def test_limbs_meet_at_500_million(tier: Tier) -> None:
    at = legal_maximum(tier, Money("500000000", "EUR"))
    assert at.turnover_based == tier.static_cap
    assert at.amount == tier.static_cap
    above = legal_maximum(tier, Money("500000000.01", "EUR"))
    below = legal_maximum(tier, Money("499999999.99", "EUR"))
    assert above.limb == "turnover"
    assert above.amount > tier.static_cap
    assert below.limb == "static"
    assert below.turnover_based is not None
    assert below.turnover_based < tier.static_cap


@given(tiers, amounts, amounts)
@example(EU.tier("83(5)"), Decimal("40000000"), Decimal("1000000000"))
@example(EU.tier("83(5)"), Decimal("40000000.01"), Decimal("1000000000"))
@example(EU.tier("83(4)"), Decimal("10000000000.00"), Decimal("0.000001"))
def test_within_iff_fine_at_most_cap(tier: Tier, fine: Decimal, turnover: Decimal) -> None:
    verdict = check_fine(
        money(tier, fine), tier=tier.id, turnover=money(tier, turnover), regime_id=tier.regime
    )
    cap = legal_maximum(tier, money(tier, turnover))
    assert verdict.verdict == ("within" if fine <= cap.amount.amount else "exceeds")
    assert verdict.cap is not None
    assert verdict.cap.amount.amount == cap.amount.amount


PLAIN_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


@given(tiers, cents(0, 10**12), st.none() | amounts, st.booleans())
@example(EU.tier("83(4)"), Decimal("0"), Decimal("1000"), True)
@example(EU.tier("83(4)"), Decimal("0.01"), Decimal("0"), True)
def test_verdict_json_numbers_are_plain_decimal_strings(
    tier: Tier, fine: Decimal, turnover: Decimal | None, undertaking: bool
) -> None:
    verdict = check_fine(
        money(tier, fine),
        tier=tier.id,
        turnover=None if turnover is None else money(tier, turnover),
        undertaking=undertaking,
        regime_id=tier.regime,
    )
    data = verdict.json_dict()
    texts = [data["fine"]["amount"], data["cap"]["amount"]["amount"]]  # type: ignore[index]
    for key in ("fine_share_of_turnover", "fine_share_of_cap"):
        if data[key] is not None:
            texts.append(data[key])
    for key in ("turnover", "implied_minimum_turnover"):
        if data[key] is not None:
            texts.append(data[key]["amount"])  # type: ignore[index]
    for value in texts:
        assert isinstance(value, str)
        assert PLAIN_DECIMAL.fullmatch(value), value


@given(tiers, amounts)
def test_within_iff_fine_at_most_static_for_non_undertakings(tier: Tier, fine: Decimal) -> None:
    verdict = check_fine(money(tier, fine), tier=tier.id, undertaking=False, regime_id=tier.regime)
    assert verdict.verdict == ("within" if fine <= tier.static_cap.amount else "exceeds")


_CITED = [
    "Art. 5", "Art. 6", "Art. 9", "Art. 13", "Art. 25", "Art. 32", "Art. 33", "Art. 44",
    "Art. 58(2)(d)", "Art. 24",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(_CITED), min_size=1, max_size=4, unique=True),
    cents(0, 10**11),
    st.none() | amounts,
    st.booleans(),
)
@example(["Art. 5", "Art. 32"], Decimal("25000000"), None, False)
@example(["Art. 5", "Art. 32"], Decimal("30000000.01"), None, False)
def test_a_fine_exceeds_only_above_the_separate_caps_of_its_infringements(
    cited: list[str], fine: Decimal, turnover: Decimal | None, undertaking: bool
) -> None:
    """Art. 83(3) joins the caps of linked infringements only: independent ones are each
    capped, so "exceeds" means above the sum of every infringement's own cap, and a fine
    between the one cap and that sum waits for the operations to be known."""
    given_turnover = None if turnover is None else Money(turnover, "EUR")
    text = ", ".join(cited)
    v = check_fine(Money(fine, "EUR"), articles=text, turnover=given_turnover, undertaking=undertaking)
    found = classify(tuple(parse_articles(text)), EU)
    if found.tier is None or v.cap is None or v.cap.lower_bound:
        assert v.verdict != "exceeds"
        return
    each = [
        max(legal_maximum(EU.tier(p.tier), given_turnover, undertaking=undertaking).amount.amount for p in item.provisions)
        for item in found.fineable
    ]
    linked = [need for need in v.needs if "linked processing" in need]
    if fine <= v.cap.amount.amount:
        assert (v.verdict, linked) == ("within", [])
    elif fine > sum(each):
        assert (v.verdict, linked) == ("exceeds", [])
    else:
        assert len(each) > 1
        assert v.verdict == "undetermined"
        assert len(linked) == 1


@given(st.lists(st.tuples(eu_tiers, amounts), min_size=1, max_size=6))
def test_combined_cap_is_the_largest_member(members: list[tuple[Tier, Decimal]]) -> None:
    caps = [legal_maximum(tier, money(tier, turnover)) for tier, turnover in members]
    combined = combined_cap(caps)
    assert combined.amount.amount == max(c.amount.amount for c in caps)
    if len(caps) > 1:
        assert combined.amount.amount < sum(c.amount.amount for c in caps)


@given(eu_tiers, cents(0, 10**14))
@example(EU.tier("83(5)"), Decimal("746000000"))
@example(EU.tier("83(4)"), Decimal("10000000.01"))
def test_implied_minimum_turnover_is_the_least(tier: Tier, fine: Decimal) -> None:
    minimum = implied_minimum_turnover(Money(fine, "EUR"), tier)
    if fine <= tier.static_cap.amount:
        assert minimum is None
        return
    assert minimum is not None
    assert Money(fine, "EUR") <= legal_maximum(tier, minimum).amount
    one_below = minimum - Money("0.01", "EUR")
    assert Money(fine, "EUR") > legal_maximum(tier, one_below).amount


def money_values() -> st.SearchStrategy[Money]:
    return st.builds(
        Money,
        st.one_of(
            cents(),
            st.integers(0, 10**17).map(Decimal),
            st.integers(0, 10**17).map(lambda n: Decimal(n).scaleb(-12)),
        ),
        st.sampled_from(["EUR", "USD", "GBP", "PLN", "JPY", "HRK", "BGN"]),
    )


@given(money_values())
@example(Money("0.000000000000", "EUR"))
@example(Money("0.0000001", "EUR"))
def test_money_json_round_trip(value: Money) -> None:
    assert PLAIN_DECIMAL.fullmatch(value.model_dump(mode="json")["amount"])
    assert Money.model_validate_json(value.model_dump_json()) == value
    assert Money.of(value.model_dump(mode="json")) == value
    assert Money.parse(f"{value.amount:f} {value.currency}") == value


@given(
    st.integers(1, 10**10).map(lambda n: Decimal(n).scaleb(-2)),
    st.integers(35, 290).flatmap(lambda n: st.integers(n * 10**4, (n + 1) * 10**4)),
    st.sampled_from(["USD", "GBP", "PLN", "SEK", "CHF"]),
    st.booleans(),
)
def test_exchange_rate_round_trip_within_one_minor_unit(
    amount: Decimal, rate_units: int, other: str, from_base: bool
) -> None:
    rate = ExchangeRate(base="EUR", quote=other, rate=Decimal(rate_units).scaleb(-6))
    start = Money(amount, "EUR" if from_base else other)
    back = rate.convert(rate.convert(start))
    assert back.currency == start.currency
    assert abs(back.amount - start.amount) <= Decimal("0.01")


LAWS = st.sampled_from([None, "GDPR", "DSGVO", "AVG", "RGPD", "RODO"])
article_refs = st.builds(
    ArticleRef,
    article=st.integers(1, 99),
    paragraph=st.none() | st.integers(1, 9),
    point=st.none() | st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    law=LAWS,
)


@given(article_refs)
@example(ArticleRef(5, paragraph=1, point="e", law="GDPR"))
@example(ArticleRef(5, paragraph=1, point="i", law="RODO"))
@example(ArticleRef(6, point="a"))
def test_article_format_parse_round_trip(ref: ArticleRef) -> None:
    assert parse_article(str(ref)) == ref


def _day(low: date, high: date) -> st.SearchStrategy[date]:
    return st.dates(min_value=low, max_value=high)


text = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def case_records(draw: st.DrawFn) -> CaseRecord:
    decided = draw(_day(date(2018, 5, 25), date(2030, 12, 31)))
    currency = draw(st.sampled_from(["EUR", "USD", "PLN"]))
    data: dict[str, Any] = {
        "id": draw(st.text("abcdefghijklmnopqrstuvwxyz0123456789-", max_size=12)),
        "regime": "eu-gdpr",
        "authority": {"name": draw(text), "country": draw(st.sampled_from(["LU", "IE", "DE"]))},
        "addressee": draw(text),
        "undertaking": draw(st.none() | text),
        "is_undertaking": draw(st.booleans()),
        "decision_date": decided,
        "announcement_date": draw(st.none() | _day(decided, decided + timedelta(days=60))),
        "fine": {"amount": str(draw(cents(0, 10**12))), "currency": "EUR"},
        "articles": [str(r) for r in draw(st.lists(article_refs, max_size=5))],
        "tier": draw(st.none() | st.sampled_from(["83(4)", "83(5)", "83(6)"])),
        "summary": draw(st.text(max_size=30)),
    }
    if draw(st.booleans()):
        turnover: dict[str, Any] = {
            "amount": {"amount": str(draw(cents(0, 10**16))), "currency": currency},
            "financial_year": draw(st.integers(2000, 2030)),
            "entity": draw(st.text(max_size=20)),
            "source": draw(st.text(max_size=20)),
        }
        if currency != "EUR":
            rate = Decimal(draw(st.integers(1, 10**8))).scaleb(-4)
            turnover["exchange_rate"] = {
                "base": "EUR",
                "quote": currency,
                "rate": str(rate),
                "rule": draw(st.sampled_from(["explicit", "ecb-mean", "ecb-on-date"])),
                "start": date(2020, 1, 1),
                "end": date(2020, 12, 31),
                "fixings": draw(st.none() | st.integers(1, 260)),
                "source": draw(st.text(max_size=20)),
            }
        data["turnover"] = turnover
    data["status"] = [
        {
            "status": draw(
                st.sampled_from(["proposed", "final", "appealed", "upheld", "reduced", "annulled"])
            ),
            "date": draw(_day(decided, decided + timedelta(days=2000))),
            "note": draw(st.text(max_size=20)),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    data["sources"] = [
        {
            "title": draw(text),
            "url": draw(st.none() | st.just("https://example.org/a")),
            "language": draw(st.none() | st.sampled_from(["en", "nl", "fr"])),
            "published": draw(st.none() | _day(decided, decided + timedelta(days=30))),
            "amount_quoted": draw(st.none() | st.just("€746 million")),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return CaseRecord.model_validate(data)


@given(case_records())
def test_case_json_round_trip(case: CaseRecord) -> None:
    again = CaseRecord.model_validate_json(case.model_dump_json())
    assert again == case
    assert again.model_dump_json() == case.model_dump_json()
