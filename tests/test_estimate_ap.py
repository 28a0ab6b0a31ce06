"""The Dutch AP policy rules of 2019: the annex's categories, Art. 2's categories per tier,
Art. 8.1's neighbouring category, and the rules' lapse in 2023."""

from __future__ import annotations

from datetime import date

from gdprfine.estimate import Conduct, estimate
from gdprfine.law import model
from gdprfine.money import Money

EUR = "EUR"


def _step(conduct: Conduct, name: str) -> str:
    result = estimate([conduct], None, model="ap")
    return next(s.value for s in result.conducts[0].steps if s.step == name)


def test_art_32_is_category_ii_whatever_the_seriousness() -> None:
    for level in ("low", "medium", "high"):
        e = estimate([Conduct.of("Art. 32", level)], None, model="ap")
        assert (e.low, e.high) == (Money("120000.00", EUR), Money("500000.00", EUR))
    assert "the annex puts the provisions in category II" in _step(
        Conduct.of("Art. 32", "high"), "step 2: fine category"
    )


def test_the_gravest_annex_category_of_a_conduct_counts() -> None:
    e = estimate([Conduct.of("Art. 32, Art. 33(1)", "low")], None, model="ap")
    assert (e.low, e.high) == (Money("300000.00", EUR), Money("750000.00", EUR))


def test_an_art_83_4_provision_not_in_the_annex_stays_in_categories_i_to_iii() -> None:
    e = estimate([Conduct.of("Art. 30", "high")], None, model="ap")
    assert (e.low, e.high) == (Money("300000.00", EUR), Money("750000.00", EUR))
    value = _step(Conduct.of("Art. 30", "high"), "step 2: fine category")
    assert "within the categories of Art. 83(4) (I, II, III)" in value
    assert "category IV" not in value


def test_an_art_83_5_provision_not_in_the_annex_may_reach_category_iv() -> None:
    e = estimate([Conduct.of("Art. 9", "high")], None, model="ap")
    assert (e.low, e.high) == (Money("300000.00", EUR), Money("1000000.00", EUR))


def test_a_paragraph_entry_comes_before_its_article() -> None:
    m = model("ap")
    assert m.annex_entry(28, 9).category == "I"  # type: ignore[union-attr]
    assert m.annex_entry(28, 3).category == "II"  # type: ignore[union-attr]
    assert m.annex_entry(27, 3).category == "II"  # type: ignore[union-attr]
    assert m.annex_entry(27, None).category == "III"  # type: ignore[union-attr]
    assert m.annex_entry(12, None) is None


def test_art_8_1_names_the_neighbouring_categories() -> None:
    value = _step(Conduct.of("Art. 32", "medium"), "step 2: next category")
    assert value == (
        "if category II does not allow an appropriate fine: category I or category III, "
        "together EUR 0 - EUR 750 000"
    )
    top = _step(Conduct.of("Art. 28(9)", "medium"), "step 2: next category")
    assert top.startswith("if category I does not allow an appropriate fine: category II,")


def test_a_decision_after_the_rules_lapsed_is_noted() -> None:
    m = model("ap")
    assert m.valid_until == date(2023, 5, 23)
    after = estimate([Conduct.of("Art. 32", "low")], None, model="ap", on=date(2024, 2, 1))
    assert any(n.startswith("the decision date 2024-02-01 is after this method lapsed") for n in after.notes)
    before = estimate([Conduct.of("Art. 32", "low")], None, model="ap", on=date(2023, 5, 23))
    assert not any("lapsed" in n for n in before.notes)


def test_every_estimate_says_it_assumes_fault() -> None:
    e = estimate([Conduct.of("Art. 32", "low")], None)
    assert any(n.startswith("no fault is stated") and "C-807/21" in n for n in e.notes)
