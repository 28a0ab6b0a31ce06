"""Member States' rules beside Art. 83: public bodies (Art. 83(7)), laws outside Art. 83,
fault (CJEU C-807/21) and the infringement's period (Art. 99(2) GDPR; UK exit)."""

from __future__ import annotations

from datetime import date

import pytest

from gdprfine.articles import classify, parse_articles
from gdprfine.caps import Cap
from gdprfine.cases import CaseRecord, parse_case
from gdprfine.check import Verdict, cap_report, check_case, check_fine
from gdprfine.countries import is_country
from gdprfine.errors import InvalidCaseFile, InvalidInput
from gdprfine.law.national import outside_law, outside_laws, public_body_countries, public_body_rule
from gdprfine.money import Money

EUR = "EUR"


def _cap(verdict: Verdict) -> Cap:
    assert verdict.cap is not None
    return verdict.cap


def _case(**fields: object) -> CaseRecord:
    base: dict[str, object] = {
        "authority": {"name": "DPA", "country": "DE"},
        "addressee": "A body",
        "decision_date": "2022-03-01",
        "fine": "50000 EUR",
        "articles": "Art. 32 GDPR",
    }
    base.update(fields)
    return CaseRecord.model_validate(base)


# --- Art. 83(7): public bodies --------------------------------------------------------------


def test_every_recorded_rule_is_well_formed() -> None:
    codes = public_body_countries()
    assert len(codes) >= 8
    for code in codes:
        rule = public_body_rule(code)
        assert rule is not None
        assert is_country(code)
        assert rule.reference.pinpoint
        assert rule.reference.text
        assert rule.scope
        assert rule.reference.confidence in ("primary", "secondary", "check")
        assert rule.valid_from >= date(2018, 5, 25)
        if rule.rule == "ceiling":
            assert rule.ceilings
            assert all(m.amount > 0 for m in rule.ceilings.values())
        else:
            assert not rule.ceilings


def test_germany_bdsg_43_3_no_fine_on_a_federal_public_body() -> None:
    v = check_fine(
        Money("50000", EUR), articles="Art. 32", public_body=True, country="DE", undertaking=False
    )
    assert (v.verdict, _cap(v).amount, _cap(v).limb) == ("exceeds", Money("0", EUR), "none")
    step = next(t for t in v.trace if t.step == "public body")
    assert "§ 43(3) BDSG" in step.reference
    assert "no fine may be imposed" in step.value


def test_a_zero_fine_on_a_body_that_cannot_be_fined_is_within() -> None:
    assert check_fine(Money("0", EUR), tier="83(4)", public_body=True, country="DE").verdict == "within"


def test_sweden_ceiling_follows_the_tier() -> None:
    low = cap_report(tier="83(4)", public_body=True, country="SE")
    high = cap_report(tier="83(5)", public_body=True, country="SE")
    assert (low.cap.amount, high.cap.amount) == (Money("5000000", "SEK"), Money("10000000", "SEK"))
    assert low.cap.limb == "national"
    assert low.confidence == "secondary"
    over = check_fine(
        Money("6000000", "SEK"), articles="Art. 32", public_body=True, country="SE", undertaking=False
    )
    assert over.verdict == "exceeds"
    assert over.needs == []
    under = check_fine(Money("600000", "SEK"), articles="Art. 32", public_body=True, country="SE")
    assert under.verdict == "within"
    assert under.needs == []


def test_ireland_s141_caps_a_body_not_acting_as_an_undertaking() -> None:
    v = check_fine(
        Money("1500000", EUR), articles="Art. 5(1)(f)", public_body=True, country="IE", undertaking=False
    )
    assert v.verdict == "exceeds"
    assert _cap(v).amount == Money("1000000", EUR)
    assert "s. 141" in _cap(v).reference


def test_ireland_rule_excludes_a_body_acting_as_an_undertaking() -> None:
    v = check_fine(
        Money("1500000", EUR), articles="Art. 32", public_body=True, country="IE", undertaking=True
    )
    assert _cap(v).limb == "static"
    assert _cap(v).lower_bound
    assert v.verdict == "within"


def test_unknown_cover_of_undertakings_leaves_a_lawful_looking_fine_undetermined() -> None:
    v = check_fine(Money("50000", EUR), tier="83(4)", public_body=True, country="AT", undertaking=True)
    assert v.verdict == "undetermined"
    assert any("§ 30(5) DSG" in need for need in v.needs)


def test_a_ceiling_in_another_currency_needs_the_fine_in_it() -> None:
    v = check_fine(Money("50000", EUR), tier="83(4)", public_body=True, country="PL")
    assert v.verdict == "undetermined"
    assert v.needs == ["the fine in PLN, the currency of the national maximum"]


def test_netherlands_allows_fines_on_public_bodies() -> None:
    v = check_fine(Money("50000", EUR), tier="83(4)", public_body=True, country="NL")
    assert (v.verdict, _cap(v).limb, _cap(v).amount) == ("within", "static", Money("10000000", EUR))


def test_a_country_not_recorded_is_said_never_guessed() -> None:
    assert public_body_rule("GR") is None
    v = check_fine(Money("50000", EUR), tier="83(4)", public_body=True, country="GR")
    assert v.verdict == "undetermined"
    assert any("GR" in n and "not recorded" in n for n in v.needs)
    over = check_fine(Money("50000000", EUR), tier="83(4)", public_body=True, country="GR")
    assert over.verdict == "exceeds"
    assert any("exceeded; still needed" in w for w in over.warnings)
    report = cap_report(tier="83(4)", public_body=True, country="GR")
    assert any("not recorded" in w for w in report.warnings)


def test_a_rule_tagged_check_is_shown_but_not_applied() -> None:
    rule = public_body_rule("LU")
    assert rule is not None
    assert rule.reference.confidence == "check"
    v = check_fine(Money("50000", EUR), tier="83(4)", public_body=True, country="LU")
    assert v.verdict == "undetermined"
    assert _cap(v).limb == "static"
    assert any(n.startswith("confirmation of Loi du 1er août 2018") for n in v.needs)
    step = next(t for t in v.trace if t.step == "public body")
    assert step.value.endswith("(not applied: not confirmed)")


def test_spain_lopdgdd_77_a_warning_not_a_fine() -> None:
    v = check_fine(Money("3000", EUR), tier="83(5)", public_body=True, country="ES", undertaking=False)
    assert v.verdict == "exceeds"
    assert "Art. 77" in _cap(v).reference


def test_a_public_body_needs_its_country() -> None:
    with pytest.raises(InvalidInput, match="country"):
        check_fine(Money("1", EUR), tier="83(4)", public_body=True)
    with pytest.raises(InvalidInput, match="'XX'"):
        check_fine(Money("1", EUR), tier="83(4)", public_body=True, country="XX")


def test_a_case_record_of_a_public_body_is_not_an_undertaking_unless_it_says_so() -> None:
    case = _case(public_body=True)
    assert case.is_undertaking is False
    assert _case(public_body=True, is_undertaking=True).is_undertaking is True
    unstated = check_case(case)
    assert unstated.verdict == "undetermined"
    assert unstated.needs == [
        "whether the body acts as an undertaking (then § 43(3) BDSG (Bundesdatenschutzgesetz of "
        "30 June 2017) does not cover it)"
    ]
    v = check_case(_case(public_body=True, is_undertaking=False))
    assert v.verdict == "exceeds"
    assert _cap(v).limb == "none"


# --- Laws outside Art. 83 -------------------------------------------------------------------


def test_cnil_cookie_fine_under_lil_art_82_is_outside_art_83() -> None:
    c = classify(parse_articles("Art. 82 loi Informatique et Libertés"))
    assert c.tier is None
    assert [law.id for law in c.outside] == ["fr-lil"]
    v = check_fine(Money("90000000", EUR), articles="Art. 82 loi Informatique et Libertés")
    assert v.verdict == "undetermined"
    assert any("outside Art. 83" in w for w in v.warnings)


def test_a_gdpr_tier_beside_a_national_law_is_kept_and_the_law_named() -> None:
    c = classify(parse_articles("Art. 28 GDPR, Art. 21 LSSI, Art. 48 (1) b) LGT"))
    assert c.tier is not None
    assert c.tier.id == "83(4)"
    assert [law.short for law in c.outside] == ["LSSI", "LGT"]


def test_art_84_penalties_are_outside_art_83() -> None:
    item = classify(parse_articles("Art. 84 GDPR")).items[0]
    assert item.outside is not None
    assert not item.fineable
    assert item.outside.reference.pinpoint == "Article 84(1)"


def test_outside_law_names_are_unique_and_none_names_the_gdpr() -> None:
    names = [name.casefold() for law in outside_laws() for name in law.names]
    assert len(names) == len(set(names))
    assert outside_law("GDPR") is None
    assert outside_law("DSGVO") is None
    assert outside_law("  ttdsg ") is not None


# --- Fault (C-807/21) -------------------------------------------------------------------------


def test_no_fault_means_no_fine_c_807_21() -> None:
    v = check_fine(Money("1000", EUR), articles="Art. 32", fault="none")
    assert (v.verdict, _cap(v).amount) == ("exceeds", Money("0", EUR))
    assert "C-807/21" in _cap(v).reference
    step = next(t for t in v.trace if t.step == "fault")
    assert step.value.startswith("neither intentional nor negligent")


def test_a_recorded_fault_is_cited_in_the_trace() -> None:
    v = check_case(_case(authority={"name": "DPA", "country": "LU"}, fault="negligent"))
    step = next(t for t in v.trace if t.step == "fault")
    assert step.value == "negligent"
    assert "C-807/21" in step.reference
    assert v.verdict == "within"


def test_a_fault_must_be_one_of_the_three() -> None:
    with pytest.raises(InvalidInput, match="fault"):
        check_fine(Money("1", EUR), tier="83(4)", fault="strict")  # type: ignore[arg-type]
    data = {
        "authority": {"name": "X", "country": "LU"},
        "addressee": "A",
        "decision_date": "2022-01-01",
        "fine": "1 EUR",
        "fault": "strict",
    }
    with pytest.raises(InvalidCaseFile, match="fault"):
        parse_case(data, origin="c.json")


# --- The infringement's period ----------------------------------------------------------------


def test_conduct_that_ended_before_the_gdpr_applied_is_not_fined_under_it() -> None:
    v = check_case(_case(authority={"name": "AP", "country": "NL"}, infringement={"start": "2016-01-01", "end": "2018-03-31"}))
    assert v.verdict == "undetermined"
    assert any("2018-05-25" in need for need in v.needs)
    step = next(t for t in v.trace if t.step == "infringement period")
    assert "Art. 99(2)" in step.reference


def test_conduct_straddling_the_start_warns() -> None:
    v = check_case(_case(authority={"name": "AP", "country": "NL"}, infringement={"start": "2017-01-01", "end": "2019-12-31"}))
    assert v.verdict == "within"
    assert any("before the GDPR applied" in w for w in v.warnings)


def test_uk_conduct_before_2021_points_to_the_eu_gdpr() -> None:
    v = check_case(
        _case(
            regime="uk-gdpr",
            authority={"name": "ICO", "country": "GB"},
            fine="100000 GBP",
            infringement={"start": "2019-06-01", "end": "2020-10-31"},
        )
    )
    assert v.verdict == "undetermined"
    assert any("eu-gdpr" in need for need in v.needs)


@pytest.mark.parametrize(
    ("end", "message"),
    [("2019-01-01", "before its start"), ("2023-01-01", "after the decision")],
)
def test_an_infringement_ends_between_its_start_and_the_decision(end: str, message: str) -> None:
    data = {
        "authority": {"name": "X", "country": "LU"},
        "addressee": "A",
        "decision_date": "2022-01-01",
        "fine": "1 EUR",
        "infringement": {"start": "2020-01-01", "end": end},
    }
    with pytest.raises(InvalidCaseFile, match=rf"infringement\.end: '{end}': {message}"):
        parse_case(data, origin="c.json")


def test_a_national_law_s_own_maximum_is_named() -> None:
    item = classify(parse_articles("§ 25 TTDSG")).items[0]
    assert item.outside is not None
    assert item.outside.id == "de-tdddg"
    assert "its own maximum is EUR 300 000" in item.reason


def test_an_ico_decision_from_2021_checked_under_the_eu_gdpr_warns() -> None:
    v = check_case(
        _case(authority={"name": "ICO", "country": "GB"}, decision_date="2022-03-01", fine="100000 EUR")
    )
    assert any("decides under the UK GDPR (uk-gdpr)" in w for w in v.warnings)
    before = check_case(
        _case(authority={"name": "ICO", "country": "GB"}, decision_date="2020-10-16", fine="100000 EUR")
    )
    assert not any("decides under" in w for w in before.warnings)


# --- What the review found ----------------------------------------------------------------------


def test_a_national_ceiling_needs_a_tier() -> None:
    for articles in (None, "Art. 24", "Art. 21 LSSI"):
        v = check_fine(
            Money("500000", EUR), articles=articles, public_body=True, country="IE", undertaking=False
        )
        assert v.verdict == "undetermined", articles
        assert v.needs


def test_a_rule_not_yet_in_force_is_not_applied() -> None:
    v = check_fine(
        Money("3000", EUR), tier="83(5)", public_body=True, country="ES", undertaking=False,
        on=date(2018, 7, 1),
    )  # fmt: skip
    assert v.verdict == "undetermined"
    assert any("before 2018-12-07" in n for n in v.needs)
    step = next(t for t in v.trace if t.step == "public body")
    assert step.value.endswith("(not applied: in force from 2018-12-07)")


def test_the_lower_polish_ceiling_leaves_a_fine_between_the_two_undetermined() -> None:
    v = check_fine(Money("50000", "PLN"), tier="83(4)", public_body=True, country="PL", undertaking=False)
    assert v.verdict == "undetermined"
    assert v.needs[0].startswith("whether the body is one of the units of Art. 9 pt 13")
    assert v.fine_exchange_rate is None
    assert check_fine(
        Money("5000", "PLN"), tier="83(4)", public_body=True, country="PL", undertaking=False
    ).verdict == "within"
    assert check_fine(
        Money("150000", "PLN"), tier="83(4)", public_body=True, country="PL", undertaking=False
    ).verdict == "exceeds"


def test_a_german_public_body_is_told_the_federal_scope() -> None:
    v = check_fine(Money("1", EUR), tier="83(4)", public_body=True, country="DE", undertaking=False)
    assert any(w.startswith("§ 43(3) BDSG covers the public bodies of the Federation") for w in v.warnings)


def test_a_fine_under_the_gdpr_and_a_national_law_above_the_cap_is_undetermined() -> None:
    v = check_fine(Money("30000000", EUR), articles="Art. 5 GDPR, Art. 21 LSSI", undertaking=False)
    assert v.verdict == "undetermined"
    assert any(n.startswith("the part of the fine imposed under the GDPR") for n in v.needs)


def test_only_art_82_of_the_lil_is_outside_art_83() -> None:
    assert classify(parse_articles("Art. 82 LIL")).outside
    assert not classify(parse_articles("Art. 20 LIL")).outside
    assert outside_law("FDPA") is None


def test_no_fault_under_a_regime_without_a_recorded_fault_rule_warns() -> None:
    v = check_fine(Money("1000", "GBP"), articles="Art. 32", fault="none", regime_id="uk-gdpr")
    assert any("rule on a fine without fault is not recorded" in w for w in v.warnings)


def test_a_uk_conduct_in_2021_checked_under_the_eu_gdpr_warns() -> None:
    v = check_case(
        _case(
            authority={"name": "ICO", "country": "GB"}, decision_date="2020-12-15",
            infringement={"start": "2020-06-01", "end": "2020-12-01"},
        )
    )  # fmt: skip
    assert not any("falls in the time of" in w for w in v.warnings)
    later = check_case(
        _case(
            regime="uk-gdpr", authority={"name": "ICO", "country": "GB"}, fine="1000 GBP",
            decision_date="2022-03-01", infringement={"start": "2020-06-01", "end": "2021-06-01"},
        )
    )  # fmt: skip
    assert any("falls in the time of eu-gdpr" in w for w in later.warnings)


def test_an_estimate_follows_the_case_s_fault_and_public_body() -> None:
    from gdprfine.estimate import estimate_case

    public = _case(public_body=True, is_undertaking=False)
    e = estimate_case(public, "medium", models=["edpb"]).estimates[0]
    assert (e.low, e.high) == (Money("0.00", EUR), Money("0.00", EUR))
    faultless = _case(authority={"name": "CNPD", "country": "LU"}, fault="none")
    e = estimate_case(faultless, "medium", models=["edpb"]).estimates[0]
    assert e.high == Money("0.00", EUR)
    assert any(n.startswith("no fault: no fine may be imposed") for n in e.notes)
    assert not any(n.startswith("no fault is stated") for n in e.notes)
