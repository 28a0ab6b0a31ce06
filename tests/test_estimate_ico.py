"""The ICO's Data Protection Fining Guidance (2024) as a method under the UK GDPR, read into
the EDPB method's model by the same loader."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdprfine.caps import legal_maximum
from gdprfine.errors import CurrencyMismatch
from gdprfine.estimate import Conduct, compare, estimate
from gdprfine.law import EdpbModel, model, regime
from gdprfine.money import Money

GBP = "GBP"


def gbp(value: str | Decimal) -> Money:
    return Money(value, GBP)


def test_the_ico_model_is_data_of_the_edpb_shape_under_the_uk_gdpr() -> None:
    ico = model("ico")
    assert isinstance(ico, EdpbModel)
    assert (ico.regime, ico.currency) == ("uk-gdpr", GBP)
    assert ico.turnover_threshold == Decimal(435000000)
    assert [b.upper for b in ico.turnover_bands][-1] == Decimal(435000000)
    assert ico.reference.confidence == "primary"
    assert all(b.reference.confidence == "check" for b in ico.turnover_bands)


def test_a_medium_art_32_infringement_of_a_gbp_120m_undertaking() -> None:
    e = estimate([Conduct.of("Art. 32", "medium")], gbp("120000000"), model="ico")
    # GBP 8.7 m x 10-20 % x 20-50 % (GBP 100-250 m band)
    assert (e.low, e.high) == (gbp("174000.00"), gbp("870000.00"))
    steps = [s.step for s in e.conducts[0].steps]
    assert "step 2: seriousness (ICO step 1)" in steps
    assert "step 2: turnover (ICO step 2)" in steps
    assert "step 2: starting point (ICO step 3)" in steps
    assert steps[-1] == "step 5: effectiveness, proportionality, dissuasiveness (ICO step 5)"


def test_no_turnover_adjustment_above_gbp_435m() -> None:
    e = estimate([Conduct.of("Art. 5(1)(f)", "high")], gbp("435000000.01"), model="ico")
    assert e.conducts[0].turnover_band is None
    assert (e.low, e.high) == (gbp("3500000.00"), gbp("17500000.00"))


def test_the_ico_method_refuses_amounts_in_euros() -> None:
    with pytest.raises(CurrencyMismatch, match="bands are in GBP"):
        estimate([Conduct.of("Art. 32", "low")], Money("1", "EUR"), model="ico")


def test_compare_under_the_uk_gdpr_uses_the_ico_method() -> None:
    c = compare([Conduct.of("Art. 32", "low")], gbp("1000000"), regime_id="uk-gdpr")
    assert [e.model for e in c.estimates] == ["ico"]
    assert "not intended to be mechanistic" in c.caveat


@given(
    st.decimals(min_value=0, max_value=Decimal(10) ** 12, places=2).map(gbp),
    st.sampled_from(["Art. 32", "Art. 6", "Art. 5(1)(f)", "Art. 33(5), Art. 13"]),
    st.sampled_from(["low", "medium", "high"]),
)
def test_every_ico_range_lies_within_the_uk_maximum(turnover: Money, articles: str, level: str) -> None:
    e = estimate([Conduct.of(articles, level)], turnover, model="ico")
    tier = e.conducts[0].tier
    cap = legal_maximum(regime("uk-gdpr").tier(tier), turnover).amount
    assert gbp("0") <= e.low <= e.high <= cap
