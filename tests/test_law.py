"""The law as data: regimes, tiers in force on a date, the article map and the cited rules."""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

from gdprfine import law as law_module
from gdprfine.errors import InvalidInput, LawLookupError
from gdprfine.law import (
    ApModel,
    DskModel,
    EdpbModel,
    FiningModel,
    Reference,
    Regime,
    Tier,
    _article_spec,
    model,
    model_ids,
    normalize_tier_id,
    read_reference,
    regime,
    regime_ids,
)
from gdprfine.money import Money


def test_regimes_known() -> None:
    assert regime_ids() == ["eu-gdpr", "uk-gdpr"]
    assert regime().id == "eu-gdpr"
    assert regime(" EU-GDPR ").id == "eu-gdpr"


@pytest.mark.parametrize(
    ("tier_id", "static", "share"),
    [("83(4)", "10000000", "0.02"), ("83(5)", "20000000", "0.04"), ("83(6)", "20000000", "0.04")],
)
def test_eu_tiers(tier_id: str, static: str, share: str) -> None:
    tier = regime("eu-gdpr").tier(tier_id)
    assert tier.static_cap == Money(static, "EUR")
    assert tier.turnover_share == Decimal(share)
    assert tier.valid_from == date(2018, 5, 25)
    assert tier.reference.confidence == "primary"
    assert tier.reference.cite() == f"Article {tier_id}"


@pytest.mark.parametrize(
    ("tier_id", "static", "share"),
    [("83(4)", "8700000", "0.02"), ("83(5)", "17500000", "0.04"), ("83(6)", "17500000", "0.04")],
)
def test_uk_tiers_are_gbp_and_flagged(tier_id: str, static: str, share: str) -> None:
    tier = regime("uk-gdpr").tier(tier_id)
    assert tier.static_cap == Money(static, "GBP")
    assert tier.turnover_share == Decimal(share)
    assert tier.valid_from == date(2021, 1, 1)
    assert tier.reference.confidence == "secondary"
    assert tier.reference.cite() == f"UK GDPR Article {tier_id}; DPA 2018 s.157 [secondary]"


def test_uk_tier_before_brexit_is_not_in_force() -> None:
    with pytest.raises(LawLookupError) as info:
        regime("uk-gdpr").tier("83(5)", on=date(2020, 6, 1))
    assert str(info.value) == (
        "tier: '83(5)': uk-gdpr has no value for this tier in force on 2020-06-01 "
        "(the earliest takes effect on 2021-01-01)"
    )


def test_uk_tier_on_first_day() -> None:
    assert regime("uk-gdpr").tier("83(4)", on=date(2021, 1, 1)).static_cap == Money(
        "8700000", "GBP"
    )


def test_eu_tier_before_gdpr_applies() -> None:
    with pytest.raises(
        LawLookupError, match=r"^tier: '83\(4\)': eu-gdpr has no value .* 2018-05-24"
    ):
        regime().tier("83(4)", on=date(2018, 5, 24))
    assert regime().tier("83(4)", on=date(2018, 5, 25)).id == "83(4)"


def test_unknown_regime() -> None:
    with pytest.raises(LawLookupError) as info:
        regime("fr-gdpr")
    assert str(info.value) == "regime: 'fr-gdpr': known regimes: eu-gdpr, uk-gdpr"
    assert isinstance(info.value, LookupError)


@pytest.mark.parametrize(
    "text", ["83(4)", "Art. 83(4)", "83 (4)", "article 83(4)", "Art. 83 (4) GDPR"]
)
def test_normalize_tier_id(text: str) -> None:
    assert normalize_tier_id(text) == "83(4)"


@pytest.mark.parametrize("text", ["83(3)", "83(7)", "83", "84(5)", "", "5"])
def test_unknown_tier(text: str) -> None:
    with pytest.raises(LawLookupError) as info:
        regime().tier(text)
    assert str(info.value) == f"tier: {text!r}: a tier is 83(4), 83(5) or 83(6)"


def test_names_read_again_give_the_same_answers() -> None:
    for _ in range(2):
        assert regime(" EU-GDPR ") is regime("eu-gdpr") is regime()
        assert normalize_tier_id(" Art. 83 (5) GDPR") == "83(5)"
        with pytest.raises(LawLookupError, match="known regimes"):
            regime("EU-GDPR2")
        with pytest.raises(LawLookupError, match="a tier is"):
            normalize_tier_id("83(7)")
        with pytest.raises(LawLookupError, match="a tier is"):
            normalize_tier_id(835)  # type: ignore[arg-type]
        with pytest.raises(LawLookupError, match="a tier is"):
            regime().tier(["83(5)"])  # type: ignore[arg-type]


def test_a_tier_in_force_is_the_latest_version_from_that_day() -> None:
    law = regime()
    base = law.tier("83(4)")
    later = Tier(
        base.regime, base.id, base.title, base.gravity, date(2030, 1, 1),
        Money("12000000", "EUR"), base.turnover_share, base.reference,
    )  # fmt: skip
    tiers = (*(t for t in law.tiers if t.id != "83(4)"), base, later)
    changed = Regime(
        law.id, law.name, law.citation, law.short, law.currency, law.valid_from, law.reference,
        law.article_count, law.law_names, tiers, law.provisions, law.rules,
    )  # fmt: skip
    assert changed.tier("Art. 83(4)") is later
    assert changed.tier("83(4)", on=date(2029, 12, 31)) is base
    assert changed.tier("83(4)", on=date(2030, 1, 1)) is later
    assert changed.tier("83(5)") is law.tier("83(5)")
    assert changed == Regime(*[getattr(changed, name) for name in Regime._FIELDS])


def test_tier_ids_in_order() -> None:
    assert regime().tier_ids() == ["83(4)", "83(5)", "83(6)"]
    assert regime("uk-gdpr").tier_ids() == ["83(4)", "83(5)", "83(6)"]


def test_gravity() -> None:
    law = regime()
    assert law.tier("83(4)").gravity < law.tier("83(5)").gravity == law.tier("83(6)").gravity


@pytest.mark.parametrize(
    ("article", "paragraph", "points"),
    [
        (8, None, ["83(4)(a)"]),
        (11, 2, ["83(4)(a)"]),
        (25, 1, ["83(4)(a)"]),
        (33, 5, ["83(4)(a)"]),
        (39, None, ["83(4)(a)"]),
        (42, None, ["83(4)(a)", "83(4)(b)"]),
        (43, 1, ["83(4)(a)", "83(4)(b)"]),
        (41, 4, ["83(4)(c)"]),
        (41, None, []),
        (41, 1, []),
        (5, 1, ["83(5)(a)"]),
        (9, None, ["83(5)(a)"]),
        (12, None, ["83(5)(b)"]),
        (22, None, ["83(5)(b)"]),
        (44, None, ["83(5)(c)"]),
        (49, None, ["83(5)(c)"]),
        (85, None, []),
        (91, None, []),
        (58, 1, []),
        (58, 2, []),
        (58, 3, []),
        (58, None, []),
        (1, None, []),
        (4, None, []),
        (10, None, []),
        (23, None, []),
        (24, None, []),
        (40, None, []),
        (50, None, []),
        (84, None, []),
        (92, None, []),
        (99, None, []),
    ],
)
def test_provisions_for(article: int, paragraph: int | None, points: list[str]) -> None:
    assert [p.point for p in regime().provisions_for(article, paragraph)] == points


@pytest.mark.parametrize(
    ("paragraph", "point", "points"),
    [
        (1, "a", []),
        (1, "e", ["83(5)(e)"]),
        (1, "f", ["83(5)(e)"]),
        (2, "a", []),
        (2, "b", []),
        (2, "c", ["83(5)(e)", "83(6)"]),
        (2, "f", ["83(5)(e)", "83(6)"]),
        (2, "i", []),
        (2, "j", ["83(5)(e)", "83(6)"]),
    ],
)
def test_article_58_by_point(paragraph: int, point: str, points: list[str]) -> None:
    """Art. 83(5)(e): access under Art. 58(1), orders, limitations and suspensions under
    Art. 58(2); Art. 83(6): orders under Art. 58(2)."""
    assert [p.point for p in regime().provisions_for(58, paragraph, point)] == points


def test_exclusions_say_what_to_give() -> None:
    law = regime()
    for article, paragraph, point in ((58, 2, "a"), (58, 2, "i"), (88, None, None), (83, 2, None)):
        excluded = law.exclusion_for(article, paragraph, point)
        assert excluded is not None
        assert excluded.need
    assert law.exclusion_for(58, 2, "d") is None


@pytest.mark.parametrize(
    ("article", "points"),
    [(41, ["83(4)(c)"]), (58, ["83(5)(e)", "83(6)"]), (6, []), (12, []), (24, [])],
)
def test_points_that_list_only_some_paragraphs(article: int, points: list[str]) -> None:
    """Art. 41(4) and 58(1)-(2) are listed paragraph by paragraph; Art. 6 and 12 as a whole."""
    law = regime()
    assert [p.point for p in law.provisions if p.covers_some_paragraph_of(article)] == points


def test_uk_map_is_its_own_and_flagged_check() -> None:
    uk = regime("uk-gdpr")
    assert [p.point for p in uk.provisions_for(6, 1)] == ["83(5)(a)"]
    assert all(p.reference.confidence == "check" for p in uk.provisions)


def test_uk_83_5_d_names_schedule_2_of_the_dpa_2018() -> None:
    """UK GDPR Art. 83(5)(d) as amended: obligations under Part 5 or 6 of Schedule 2 to the
    DPA 2018, not Member State law adopted under Chapter IX."""
    uk, eu = regime("uk-gdpr"), regime("eu-gdpr")
    excluded = uk.exclusion_for(85, None)
    assert excluded is not None
    assert "Part 5 or 6 of Schedule 2 to the DPA 2018" in excluded.need
    eu_excluded = eu.exclusion_for(85, None)
    assert eu_excluded is not None
    assert "Chapter IX" in eu_excluded.need


@pytest.mark.parametrize(
    "key",
    [
        "undertaking",
        "non_undertaking",
        "whichever_higher",
        "linked_processing",
        "preceding_year",
        "net_turnover",
        "conversion",
        "no_minimum",
        "not_fineable",
    ],
)
def test_rules_cited(key: str) -> None:
    for law in (regime("eu-gdpr"), regime("uk-gdpr")):
        assert law.rule(key).pinpoint


def test_linked_processing_rule_cites_83_3() -> None:
    assert regime().rule("linked_processing").cite() == "Article 83(3)"
    assert regime().rule("preceding_year").cite().endswith("[check]")


def test_unknown_rule() -> None:
    with pytest.raises(LawLookupError, match=r"^rule: 'nope': eu-gdpr states no such rule$"):
        regime().rule("nope")


@pytest.mark.parametrize("name", ["GDPR", "DSGVO", "DS-GVO", "AVG", "RGPD", "RODO", "gdpr"])
def test_law_names(name: str) -> None:
    assert regime().is_law_name(name)


@pytest.mark.parametrize("name", ["BDSG", "Codice della privacy", "LOPDGDD", "UK GDPR"])
def test_not_law_names(name: str) -> None:
    assert not regime().is_law_name(name)


# --- the fine-setting models -------------------------------------------------------------------


def test_model_ids_and_types() -> None:
    assert model_ids() == ["edpb", "dsk", "ap", "ico"]
    assert isinstance(model("edpb"), EdpbModel)
    assert isinstance(model("dsk"), DskModel)
    assert isinstance(model(" AP "), ApModel)
    assert model() is model("edpb")
    for model_id in model_ids():
        found = model(model_id)
        assert isinstance(found, FiningModel)
        assert found.id == model_id
        assert found.regime in regime_ids()
        assert found.currency == regime(found.regime).currency
        assert found.reference.confidence in ("primary", "secondary", "check")
        assert found.valid_from <= date(2024, 3, 18)
        assert found.caveat


def test_unknown_model() -> None:
    with pytest.raises(LawLookupError, match="known models: edpb, dsk, ap, ico"):
        model("cnil")


def test_edpb_model() -> None:
    edpb = model("edpb")
    assert not edpb.historical
    assert [s.number for s in edpb.steps] == [1, 2, 3, 4, 5]
    assert edpb.step(5).reference.cite() == (
        "EDPB Guidelines 04/2022, step 5; Article 83(1) [secondary]"
    )
    assert (edpb.band("high").low, edpb.band("high").high) == (Decimal("0.20"), Decimal(1))
    assert edpb.turnover_threshold == Decimal(500000000)
    bands = edpb.turnover_bands
    uppers = ("2e6", "1e7", "5e7", "1e8", "2.5e8", "5e8")
    assert [b.upper for b in bands] == [Decimal(x) for x in uppers]
    assert all(b.above == a.upper for a, b in itertools.pairwise(bands))
    assert bands[0].label == "up to EUR 2 000 000"
    assert edpb.turnover_band(Decimal("2000000")) == bands[0]
    assert edpb.turnover_band(Decimal("2000000.01")) == bands[1]
    assert edpb.turnover_band(Decimal("500000000.01")) is None
    assert edpb.factors.step2 == ("a", "b", "g")
    assert edpb.factors.step3 == ("c", "d", "e", "f", "h", "i", "j", "k")
    assert edpb.factors.reference.cite() == "Article 83(2)"


def test_dsk_model() -> None:
    dsk = model("dsk")
    assert dsk.historical
    assert dsk.days == Decimal(360)
    assert dsk.size_class(Decimal("700000")).id == "A.I"
    assert dsk.size_class(Decimal("700000.01")).id == "A.II"
    last = dsk.size_class(Decimal("500000000.01"))
    assert (last.id, last.upper, last.mean) == ("D.VII", None, None)
    formal = dsk.degrees("83(4)", "high")
    assert [(d.label, d.low, d.high) for d in formal] == [
        ("formal, serious", Decimal(4), Decimal(6)),
        ("formal, very serious", Decimal(6), None),
    ]
    assert [d.degree for d in dsk.degrees("83(6)", "low")] == ["light"]
    assert dsk.seriousness.reference.confidence == "check"
    assert dsk.severity_reference.confidence == "secondary"


def test_ap_model() -> None:
    ap = model("ap")
    assert ap.repeat_increase == Decimal("0.50")
    assert [c.label for c in ap.categories_for("high")] == ["category III", "category IV"]
    assert [(c.low, c.high, c.base) for c in ap.categories_for("low")] == [
        (Decimal(0), Decimal(200000), Decimal(100000))
    ]
    assert ap.categories_reference.confidence == "secondary"
    assert ap.adjustments.cite() == (
        "Boetebeleidsregels AP 2019, adjustment of the base fine [secondary]"
    )


def test_models_are_immutable_and_shared() -> None:
    edpb = model("edpb")
    with pytest.raises(AttributeError):
        edpb.caveat = "x"  # type: ignore[misc]
    assert model("edpb") is edpb


# --- what the loader reads from a regime file ---------------------------------------------------


def test_the_regime_header_as_read() -> None:
    law = regime()
    assert (law.id, law.name, law.short, law.citation, law.currency) == (
        "eu-gdpr",
        "General Data Protection Regulation",
        "GDPR",
        "Regulation (EU) 2016/679",
        "EUR",
    )
    assert (law.valid_from, law.article_count) == (date(2018, 5, 25), 99)
    assert "DSGVO" in law.law_names
    eli = "http://data.europa.eu/eli/reg/2016/679/oj"
    assert law.reference == Reference(
        pinpoint="Regulation (EU) 2016/679",
        text="Art. 99(2) GDPR: applies from 25 May 2018",
        confidence="primary",
        note="https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        eli=eli,
    )
    tier = law.tier("83(5)")
    assert (tier.regime, tier.title, tier.gravity) == (
        "eu-gdpr",
        "Basic principles, data subjects' rights, transfers, Chapter IX, orders and access",
        2,
    )
    assert tier.reference.eli == eli
    assert tier.reference.text.startswith("Art. 83(5) GDPR: up to EUR 20 000 000")
    point = law.provisions_for(32, None)[0]
    assert (point.point, point.tier, point.subject) == (
        "83(4)(a)", "83(4)", "obligations of the controller and the processor",
    )  # fmt: skip
    assert point.reference == Reference(
        pinpoint="Article 83(4)(a)",
        text="obligations of the controller and the processor",
        confidence="primary",
        eli=eli,
    )
    assert (41, 4, None) in law.provisions_for(41, 4)[0].articles
    assert law.rule("linked_processing").eli == eli


def test_the_uk_map_matches_the_eu_map_flagged_check() -> None:
    uk, eu = regime("uk-gdpr"), regime("eu-gdpr")
    assert [(p.point, p.tier, p.articles) for p in uk.provisions] == [
        (p.point, p.tier, p.articles) for p in eu.provisions
    ]
    assert {p.reference.confidence for p in uk.provisions} == {"check"}
    assert {p.reference.eli for p in uk.provisions} == {""}
    assert uk.reference.note == "https://www.legislation.gov.uk/eur/2016/679/article/83"
    assert uk.tier("83(4)").static_cap == Money("8700000", "GBP")


def test_a_reference_without_confidence_is_to_be_checked() -> None:
    ref = read_reference({"pinpoint": "Art. 1", "reference": "text", "note": "n"}, eli="e")
    assert ref == Reference(pinpoint="Art. 1", text="text", confidence="check", note="n", eli="e")
    assert ref.cite() == "Art. 1 [check]"
    assert read_reference({"pinpoint": "Art. 1", "subject": "s"}, text_key="subject").text == "s"
    with pytest.raises(LawLookupError) as raised:
        read_reference({"pinpoint": "x", "confidence": "sure"})
    assert str(raised.value) == "confidence: 'sure': one of primary, secondary, check"


def _method_data(filename: str) -> dict[str, Any]:
    text = resources.files("gdprfine.law.models").joinpath(filename).read_text("utf-8")
    return tomllib.loads(text)


@pytest.mark.parametrize(
    ("reader", "filename", "path", "field"),
    [
        (EdpbModel.read, "edpb-04-2022.toml", ("turnover", "bands", 0, "upper"), "upper"),
        (EdpbModel.read, "edpb-04-2022.toml", ("turnover", "bands", 0, "low"), "low"),
        (EdpbModel.read, "edpb-04-2022.toml", ("turnover", "bands", 0, "high"), "high"),
        (EdpbModel.read, "edpb-04-2022.toml", ("turnover", "threshold"), "threshold"),
        (EdpbModel.read, "edpb-04-2022.toml", ("seriousness", 0, "low"), "low"),
        (EdpbModel.read, "edpb-04-2022.toml", ("seriousness", 0, "high"), "high"),
        (DskModel.read, "dsk-2019.toml", ("classes", 0, "upper"), "upper"),
        (DskModel.read, "dsk-2019.toml", ("classes", 0, "mean"), "mean"),
        (DskModel.read, "dsk-2019.toml", ("days",), "days"),
        (DskModel.read, "dsk-2019.toml", ("severity", 0, "low"), "low"),
        (DskModel.read, "dsk-2019.toml", ("severity", 0, "high"), "high"),
        (ApModel.read, "ap-2019.toml", ("categories", 0, "low"), "low"),
        (ApModel.read, "ap-2019.toml", ("categories", 0, "high"), "high"),
        (ApModel.read, "ap-2019.toml", ("categories", 0, "base"), "base"),
        (ApModel.read, "ap-2019.toml", ("repeat", "increase"), "increase"),
    ],
)
def test_a_method_file_with_a_malformed_figure_is_refused_naming_it(
    reader: Callable[[dict[str, Any]], FiningModel],
    filename: str,
    path: tuple[str | int, ...],
    field: str,
) -> None:
    data = _method_data(filename)
    table: Any = data
    for key in path[:-1]:
        table = table[key]
    table[path[-1]] = "ten"
    with pytest.raises(InvalidInput) as raised:
        reader(data)
    assert (raised.value.field, raised.value.value) == (field, "ten")


def test_a_method_file_with_an_unknown_seriousness_level_is_refused() -> None:
    data = _method_data("edpb-04-2022.toml")
    data["seriousness"][0]["level"] = "severe"
    with pytest.raises(LawLookupError) as raised:
        EdpbModel.read(data)
    assert str(raised.value) == "level: 'severe': one of low, medium, high"


def test_a_reference_without_pinpoint_or_text_reads_as_empty() -> None:
    assert read_reference({}) == Reference(pinpoint="", text="", confidence="check")


@pytest.mark.parametrize("spec", ["8a", "25-", "(4)"])
def test_a_malformed_article_spec_in_the_law_data_is_refused(spec: str) -> None:
    with pytest.raises(LawLookupError) as raised:
        list(_article_spec(spec))
    assert str(raised.value) == f"articles: {spec!r}: expected '8', '25-39', '41(4)' or '58(2)(c,d)'"


@pytest.mark.parametrize("regime_id", regime_ids())
def test_the_countries_read_above_the_tables_are_the_regimes(regime_id: str) -> None:
    text = resources.files("gdprfine.law").joinpath(f"{regime_id}.toml").read_text("utf-8")
    assert law_module._countries_above_tables(text) == regime(regime_id).countries
    assert law_module._claimed(regime_id) == regime(regime_id).countries


@pytest.mark.parametrize(
    "text",
    [
        'id = "x"\ncountries = ["GB", "GG"]\n\n[[tiers]]\nid = "83(4)"\n',
        'id = "x"\n\n[[tiers]]\nid = "83(4)"\n',
        'countries = [\n  "GB",\n]\n[x]\ny = 1\n',
        'countries = ["GB"]\n[countries2]\ny = 1\n',  # a table named like it: read whole
        '[x]\ncountries = ["GB"]\n',
        'x = 1\n[ "coun\\u0074ries" ]\ny = 1\n',  # an escape: read whole
        "x = [\n[1], [2]]\n[y]\n",  # a line opening with "[" inside an array
        'x = """\n[y]\n"""\ncountries = ["GB"]\n[z]\n',  # and inside a string
        'countries = ["GB"]\n',
    ],
)
def test_the_countries_above_the_tables_are_tomllibs_or_none(text: str) -> None:
    found = law_module._countries_above_tables(text)
    assert found is None or found == tuple(tomllib.loads(text).get("countries", []))
