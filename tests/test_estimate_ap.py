"""The Dutch AP policy rules of 2019: the annex's categories, Art. 2's categories per tier,
Art. 8.1's neighbouring category, and the rules' lapse in 2023."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

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
    assert m.annex_entry(27, 1).category == "III"  # type: ignore[union-attr]
    # a citation of the whole article, whose paragraphs fall in different categories
    assert m.annex_entry(27, None) is None
    assert m.annex_entry(28, None) is None
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


def test_the_circumstances_move_the_fine_within_the_category_bandwidth() -> None:
    # Art. 6(1) is category III (EUR 300 000 - 750 000); +50 % used to give 450 000 - 1 125 000,
    # above the highest category's maximum of EUR 1 000 000.
    up = estimate(
        [Conduct.of("Art. 6(1)", "high", adjustments=["k:+50%:profit"])],
        Money("1000000000", EUR),
        model="ap",
    )
    assert (up.low, up.high) == (Money("450000.00", EUR), Money("750000.00", EUR))
    kept = next(s for s in up.conducts[0].steps if s.step == "step 3: bandwidth")
    assert "EUR 450 000 - EUR 1 125 000 leaves the bandwidth of category III" in kept.value
    assert "Art. 8.1" in kept.value
    assert "Arts 6-7" in kept.reference
    down = estimate(
        [Conduct.of("Art. 6(1)", "high", adjustments=["c:-50%:short", "f:-40%:cooperated"])],
        None,
        model="ap",
    )
    assert (down.low, down.high) == (Money("300000.00", EUR), Money("300000.00", EUR))


@given(
    st.sampled_from(["Art. 6(1)", "Art. 32", "Art. 30", "Art. 6", "Art. 28(9)"]),
    st.sampled_from(["low", "medium", "high"]),
    st.lists(
        st.tuples(st.sampled_from("cdfhijk"), st.integers(-100, 300)),
        max_size=3,
        unique_by=lambda t: t[0],
    ),
    st.booleans(),
)
def test_an_ap_range_stays_within_its_bandwidth_before_the_repeat(
    articles: str, level: str, adjustments: list[tuple[str, int]], repeat: bool
) -> None:
    stated = [f"{f}:{'+' if n >= 0 else '-'}{abs(n)}%:r" for f, n in adjustments]
    e = estimate([Conduct.of(articles, level, adjustments=stated)], None, model="ap", repeat=repeat)
    item = e.conducts[0]
    band = item.seriousness_band
    assert band is not None
    assert band.high is not None
    increase = Decimal("1.5") if repeat else Decimal(1)
    assert band.low * increase <= item.low.amount <= item.high.amount <= band.high * increase


def test_a_whole_article_cited_whose_annex_category_is_by_paragraph_says_so() -> None:
    # The annex records Art. 6(1) (category III); "Art. 6" falls back to the seriousness.
    bare = estimate([Conduct.of("Art. 6", "medium")], None, model="ap").conducts[0]
    needed = [s for s in bare.steps if s.step == "step 2: paragraph needed"]
    assert len(needed) == 1
    assert needed[0].value.startswith("Art. 6 is cited without a paragraph")
    assert "Art. 6(1): category III [primary]" in needed[0].value
    assert "A.S. Watson" in needed[0].reference
    split = _step(Conduct.of("Art. 27", "low"), "step 2: paragraph needed")
    assert "Art. 27(3): category II [secondary]; Art. 27: category III [secondary]" in split
    for cited in ("Art. 6(1)", "Art. 32", "Art. 30"):
        steps = estimate([Conduct.of(cited, "medium")], None, model="ap").conducts[0].steps
        assert all(s.step != "step 2: paragraph needed" for s in steps), cited


def test_the_rules_apply_from_15_march_2019() -> None:
    assert model("ap").valid_from == date(2019, 3, 15)
    before = estimate([Conduct.of("Art. 32", "low")], None, model="ap", on=date(2019, 3, 14))
    assert any("2019-03-14 predates this method" in n for n in before.notes)
    on = estimate([Conduct.of("Art. 32", "low")], None, model="ap", on=date(2019, 3, 15))
    assert not any("predates" in n for n in on.notes)
