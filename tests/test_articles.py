"""Article references as real records write them, and their Art. 83 tiers."""

from __future__ import annotations

import pytest

from gdprfine.articles import (
    ArticleRef,
    classify,
    parse_article,
    parse_articles,
    read_articles,
)
from gdprfine.errors import InvalidArticle, InvalidInput
from gdprfine.law import regime

NO_FINE = " is not listed in Art. 83(4)-(6): it carries no fine under Art. 83 by itself"
NOT_GDPR = " is not a provision of the GDPR: not fined under its Art. 83"

PARSE_TABLE: list[tuple[str, list[str]]] = [
    ("Art. 5 (1) c) GDPR", ["Art. 5(1)(c) GDPR"]),
    ("Art. 6(1)(f)", ["Art. 6(1)(f)"]),
    ("5(1)(a)", ["Art. 5(1)(a)"]),
    ("Article 13 GDPR", ["Art. 13 GDPR"]),
    ("Art. 32 DSGVO", ["Art. 32 DSGVO"]),
    ("artikel 6, lid 1, AVG", ["Art. 6(1) AVG"]),
    ("artikel 6, lid 1, sub f AVG", ["Art. 6(1)(f) AVG"]),
    ("article 6 du RGPD", ["Art. 6 RGPD"]),
    ("art. 5 ust. 1 lit. a RODO", ["Art. 5(1)(a) RODO"]),
    ("Art. 5 (1) a), c) GDPR", ["Art. 5(1)(a) GDPR", "Art. 5(1)(c) GDPR"]),
    ("Art. 5 (1), (2) GDPR", ["Art. 5(1) GDPR", "Art. 5(2) GDPR"]),
    ("Art. 6 (1) f) GDPR, § 26 BDSG", ["Art. 6(1)(f) GDPR", "§ 26 BDSG"]),
    ("Art. 13, 14 GDPR", ["Art. 13 GDPR", "Art. 14 GDPR"]),
    (
        "Art. 12-17 GDPR",
        [f"Art. {n} GDPR" for n in range(12, 18)],
    ),
    ("Art.\xa013 GDPR", ["Art. 13 GDPR"]),
    ("Art. 5 GDPR|Art. 6 GDPR", ["Art. 5 GDPR", "Art. 6 GDPR"]),
    ("Art. 5 GDPR; Art. 6 GDPR", ["Art. 5 GDPR", "Art. 6 GDPR"]),
    ("Art.32 DSGVO", ["Art. 32 DSGVO"]),
    ("Art. 6 GDPR, Art. 32 GDPR", ["Art. 6 GDPR", "Art. 32 GDPR"]),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_TABLE)
def test_parse_shapes(text: str, expected: list[str]) -> None:
    assert [str(r) for r in parse_articles(text)] == expected


def test_parsed_fields() -> None:
    ref = parse_article("Art. 5 (1) c) GDPR")
    assert (ref.article, ref.paragraph, ref.point, ref.law) == (5, 1, "c", "GDPR")
    assert ref == ArticleRef(5, paragraph=1, point="c", law="GDPR")
    bdsg = parse_articles("§ 26 BDSG")[0]
    assert bdsg.section_sign
    assert (bdsg.article, bdsg.law) == (26, "BDSG")


def test_parse_list_of_strings() -> None:
    assert [str(r) for r in parse_articles(["Art. 6 GDPR", "Art. 12-13 GDPR"])] == [
        "Art. 6 GDPR",
        "Art. 12 GDPR",
        "Art. 13 GDPR",
    ]


def test_read_articles_keeps_unreadable() -> None:
    reading = read_articles("Art. 6 (1) f) GDPR, § 26 BDSG | Unknown")
    assert [str(r) for r in reading.refs] == ["Art. 6(1)(f) GDPR", "§ 26 BDSG"]
    assert reading.unreadable == ("Unknown",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Unknown", "articles: 'Unknown': not an article reference"),
        ("", "articles: '': no article reference found"),
        ("Art. 0 GDPR", "articles: 'Art. 0 GDPR': not an article reference"),
        ("Art. 17-12 GDPR", "articles: 'Art. 17-12 GDPR': not an article reference"),
        ("Art. 5 (1) f) GDPR, Unknown", "articles: 'Unknown': not an article reference"),
    ],
)
def test_parse_refuses(text: str, message: str) -> None:
    with pytest.raises(InvalidArticle) as info:
        parse_articles(text)
    assert str(info.value) == message
    assert isinstance(info.value, InvalidInput)


def test_parse_article_wants_exactly_one() -> None:
    with pytest.raises(InvalidArticle) as info:
        parse_article("Art. 13, 14 GDPR")
    assert str(info.value) == "article: 'Art. 13, 14 GDPR': expected one reference, found 2"


def test_overlong_text_refused() -> None:
    with pytest.raises(InvalidArticle, match=r"^articles: 'Art\. 5"):
        parse_articles("Art. 5 GDPR, " * 1000)


# Tier mapping


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("Art. 6(1)(a) GDPR", "83(5)(a)"),
        ("Art. 33(5) GDPR", "83(4)(a)"),
        ("Art. 32 DSGVO", "83(4)(a)"),
        ("Art. 41(4)", "83(4)(c)"),
        ("Art. 42", "83(4)(a)"),
        ("Art. 13 GDPR", "83(5)(b)"),
        ("Art. 46(1) GDPR", "83(5)(c)"),
        ("Art. 58(1)(e)", "83(5)(e)"),
        ("Art. 58(2)(d)", "83(5)(e)"),
        ("Art. 58(2)(j)", "83(5)(e)"),
        ("Art. 58(2)", "83(5)(e)"),
        ("Art. 58", "83(5)(e)"),
        ("Art. 83(6)", "83(6)"),
        ("Art. 83(5)(e)", "83(5)"),
        ("Art. 83(4) GDPR", "83(4)"),
        ("Art. 6 GDRP", "83(5)(a)"),
        ("Art. 5 DSVGO", "83(5)(a)"),
        ("artikel 6, lid 1, AVG", "83(5)(a)"),
        ("art. 5 ust. 1 lit. a RODO", "83(5)(a)"),
        ("article 6 du RGPD", "83(5)(a)"),
    ],
)
def test_classify_point(text: str, point: str) -> None:
    item = classify(parse_articles(text)).items[0]
    assert item.point == point
    assert item.fineable


def test_58_2_is_also_83_6() -> None:
    item = classify(parse_articles("Art. 58(2)")).items[0]
    assert [p.point for p in item.provisions] == ["83(5)(e)", "83(6)"]
    assert classify(parse_articles("Art. 58(2)")).tier is not None


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("Art. 41(4)", "83(4)"),
        ("Art. 58(1)", "83(5)"),
        ("Art. 58(2)", "83(5)"),
        ("Art. 33(5), Art. 25(1)", "83(4)"),
        ("Art. 32 GDPR, Art. 6(1) GDPR", "83(5)"),
        ("Art. 24, Art. 25, Art. 32", "83(4)"),
        ("Art. 6 GDPR, Art. 12-17 GDPR, Art. 21 GDPR", "83(5)"),
        ("Art. 6 (1) f) GDPR, § 26 BDSG", "83(5)"),
    ],
)
def test_gravest_tier(text: str, tier: str) -> None:
    result = classify(parse_articles(text))
    assert result.tier is not None
    assert result.tier.id == tier


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Art. 24 GDPR",
            "Art. 24 GDPR" + NO_FINE,
        ),
        (
            "Art. 10",
            "Art. 10 GDPR" + NO_FINE,
        ),
        (
            "Art. 4 GDPR",
            "Art. 4 GDPR" + NO_FINE,
        ),
        (
            "Art. 41",
            "Art. 41 is not listed in Art. 83(4)-(6) as cited; only Art. 41(4) in Art. 83(4)(c) "
            "(give the paragraph)",
        ),

        ("§ 26 BDSG", "§ 26 BDSG is not a provision of the GDPR: not fined under its Art. 83"),
        (
            "Art. 166 Codice della privacy",
            "Art. 166 Codice della privacy" + NOT_GDPR,
        ),
        ("Art. 150 GDPR", "the GDPR has Articles 1-99; there is no Art. 150"),
    ],
)
def test_not_fineable(text: str, reason: str) -> None:
    result = classify(parse_articles(text))
    assert result.tier is None
    assert len(result.not_fineable) == 1
    item = result.not_fineable[0]
    assert not item.fineable
    assert item.point is None
    assert item.reason == reason


def test_mixed_list_keeps_reasons() -> None:
    result = classify(parse_articles("Art. 6(1), Art. 13, Art. 24 GDPR"))
    assert result.tier is not None
    assert result.tier.id == "83(5)"
    assert [i.point for i in result.items] == ["83(5)(a)", "83(5)(b)", None]
    assert [str(i.ref) for i in result.fineable] == ["Art. 6(1)", "Art. 13"]


def test_classify_uk_regime() -> None:
    result = classify(parse_articles("Art. 6(1)"), regime("uk-gdpr"))
    assert result.tier is not None
    assert result.tier.static_cap.currency == "GBP"
    assert result.tier.reference.confidence == "secondary"


def test_str_and_repr() -> None:
    ref = ArticleRef(6, paragraph=1, point="f", law="GDPR")
    assert str(ref) == "Art. 6(1)(f) GDPR"
    assert repr(ref) == "ArticleRef('Art. 6(1)(f) GDPR')"
    assert str(ArticleRef(26, law="BDSG", section_sign=True)) == "§ 26 BDSG"


# Art. 58 and Art. 83(5)(e)/(6): only access under Art. 58(1) and orders, limitations and
# suspensions under Art. 58(2) can be infringed; warnings, reprimands and the fine cannot.


@pytest.mark.parametrize("text", ["Art. 58(2)(a)", "Art. 58(2)(b)", "Art. 58(2)(i) GDPR"])
def test_powers_of_the_authority_are_no_infringement(text: str) -> None:
    found = classify(parse_articles(text))
    assert found.tier is None
    (item,) = found.items
    assert not item.fineable
    assert item.need is not None
    assert "the provision the addressee infringed" in item.need


def test_a_fine_under_58_2_i_does_not_raise_the_tier_of_its_articles() -> None:
    found = classify(parse_articles("Art. 32 GDPR, Art. 58(2)(i) GDPR"))
    assert found.tier is not None
    assert found.tier.id == "83(4)"


def test_58_1_other_than_access_is_not_under_83_5_e() -> None:
    found = classify(parse_articles("Art. 58(1)(a)"))
    assert found.tier is None
    assert "Art. 58(1)(e, f) in Art. 83(5)(e)" in found.items[0].reason


def test_58_1_without_its_point_is_not_an_order_under_83_6() -> None:
    (item,) = classify(parse_articles("Art. 58(1)")).items
    assert [p.point for p in item.provisions] == ["83(5)(e)"]


def test_a_bare_article_58_does_not_raise_the_tier_of_precise_citations() -> None:
    found = classify(parse_articles("Art. 31 GDPR, Art. 58 GDPR"))
    assert found.tier is not None
    assert found.tier.id == "83(4)"


def test_a_bare_article_58_is_fineable_with_a_caveat() -> None:
    (item,) = classify(parse_articles("Art. 58")).items
    assert item.point == "83(5)(e)"
    assert item.caveat is not None
    assert "a warning, a reprimand or the fine itself is no infringement" in item.caveat


# Art. 83(5)(d): the infringed norm is the national law adopted under Chapter IX.


@pytest.mark.parametrize("text", ["Art. 85", "Art. 88 GDPR", "Art. 91"])
def test_chapter_ix_names_the_national_law_not_a_tier(text: str) -> None:
    found = classify(parse_articles(text))
    assert found.tier is None
    (item,) = found.items
    assert item.need == (
        "the national provision adopted under Chapter IX that was infringed, with the tier 83(5) "
        "(Art. 83(5)(d))"
    )
    assert "the infringed norm is that national provision" in item.reason

