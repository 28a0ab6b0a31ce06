"""The law's values (references, tiers, provisions, exclusions, regimes) behave as frozen
dataclasses with slots: set once, compared and hashed by their fields, shown by them, copied
and pickled whole."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError

import pytest

from gdprfine.law import Exclusion, Provision, Reference, Regime, Tier, regime


def _values() -> list[object]:
    law = regime("eu-gdpr")
    return [law, law.tiers[0], law.provisions[0], law.exclusions[0], law.reference, regime("uk-gdpr")]


@pytest.mark.parametrize("value", _values(), ids=lambda v: type(v).__name__)
def test_a_value_is_frozen_and_has_no_dict(value: object) -> None:
    name = type(value)._FIELDS[0]  # type: ignore[attr-defined]
    with pytest.raises(FrozenInstanceError, match=f"cannot assign to field '{name}'"):
        setattr(value, name, None)
    with pytest.raises(FrozenInstanceError, match=f"cannot delete field '{name}'"):
        delattr(value, name)
    assert not hasattr(value, "__dict__")


@pytest.mark.parametrize("value", _values(), ids=lambda v: type(v).__name__)
def test_a_value_survives_copy_and_pickle(value: object) -> None:
    for again in (copy.copy(value), copy.deepcopy(value), pickle.loads(pickle.dumps(value))):
        assert again == value
        assert hash(again) == hash(value)


def test_values_compare_by_their_fields_and_class() -> None:
    ref = Reference(pinpoint="Art. 1", text="t", confidence="check")
    assert ref == Reference("Art. 1", "t", "check", "", "")
    assert ref != Reference("Art. 1", "t", "check", note="n")
    assert ref != ("Art. 1", "t", "check", "", "")
    assert len({ref, Reference("Art. 1", "t", "check")}) == 1
    assert repr(ref) == "Reference(pinpoint='Art. 1', text='t', confidence='check', note='', eli='')"
    exclusion = Exclusion(articles=((58, 2, None),), reason="r", need="n", reference=ref)
    assert exclusion == Exclusion(((58, 2, None),), "r", "n", ref)
    provision = Provision("83(4)(a)", "83(4)", "s", ((8, None, None),), ref)
    assert provision.cited_alone == frozenset()
    assert provision.cited_alone_note == ""


def test_a_regime_compares_without_its_rules_and_national_rules() -> None:
    law = regime("eu-gdpr")
    fields = {name: getattr(law, name) for name in Regime._FIELDS}
    other = Regime(**{**fields, "rules": {}, "national": {}})
    assert other == law
    assert hash(other) == hash(law)
    assert Regime(**{**fields, "countries": ("XX",)}) != law
    assert Regime(**{**fields, "national": None}).national == {}
    assert isinstance(law.tiers[0], Tier)
