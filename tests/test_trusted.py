"""trusted() builds what model_construct builds, for every model the judge builds with it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from gdprfine import Money, check_fine
from gdprfine.caps import Cap
from gdprfine.check import Verdict
from gdprfine.trusted import assembler, trusted


def _same(a: object, b: object) -> None:
    assert type(a) is type(b)
    assert a.__dict__ == b.__dict__
    assert list(a.__dict__) == list(b.__dict__)
    assert a.__pydantic_fields_set__ == b.__pydantic_fields_set__  # type: ignore[attr-defined]
    assert a.__pydantic_extra__ == b.__pydantic_extra__  # type: ignore[attr-defined]
    assert a.__pydantic_private__ == b.__pydantic_private__  # type: ignore[attr-defined]
    assert a == b
    assert repr(a) == repr(b)


def test_money_as_model_construct_builds_it() -> None:
    values: dict[str, Any] = {"amount": Decimal("1.50"), "currency": "EUR"}
    _same(trusted(Money, **values), Money.model_construct(**values))


def test_a_cap_with_all_fields_and_with_defaults() -> None:
    eur = Money("20000000", "EUR")
    values: dict[str, Any] = {
        "regime": "eu-gdpr", "tier": "83(5)", "amount": eur, "limb": "static", "static": eur,
        "turnover_share": Decimal("0.04"), "undertaking": True, "reference": "Article 83(5)",
    }  # fmt: skip
    _same(trusted(Cap, **values), Cap.model_construct(**values))
    everything = {**values, "turnover_based": None, "lower_bound": True}
    _same(trusted(Cap, **everything), Cap.model_construct(**everything))
    assert trusted(Cap, **everything).model_dump(mode="json") == Cap(**everything).model_dump(mode="json")


def test_a_verdict_keeps_its_private_attributes_and_default_lists() -> None:
    v = check_fine(Money("746000000", "EUR"), tier="83(5)")
    values = {name: getattr(v, name) for name in ("regime", "verdict", "tier", "fine", "cap")}
    built, constructed = trusted(Verdict, **values), Verdict.model_construct(**values)
    _same(built, constructed)
    assert built.needs == []
    assert built.needs is not trusted(Verdict, **values).needs


def test_unknown_and_missing_fields_are_refused() -> None:
    with pytest.raises(TypeError, match="not fields"):
        trusted(Money, amount=Decimal(1), currency="EUR", colour="red")
    with pytest.raises(TypeError, match="currency is required"):
        trusted(Money, amount=Decimal(1))


def test_private_attributes_given_are_kept_and_unknown_ones_refused() -> None:
    v = check_fine(Money("1000", "EUR"), tier="83(5)")
    values = {name: getattr(v, name) for name in ("regime", "verdict", "tier", "fine", "cap")}
    some = trusted(Verdict, {"_group": "Amazon"}, **values)
    assert some.__pydantic_private__ == {"_judgement": None, "_pre_trace": (), "_group": "Amazon"}
    with pytest.raises(TypeError, match="not private"):
        trusted(Verdict, {"_colour": "red"}, **values)


def test_assembler_builds_what_trusted_builds() -> None:
    eur = Money("20000000", "EUR")
    cap = {
        "regime": "eu-gdpr", "tier": "83(5)", "amount": eur, "limb": "static", "static": eur,
        "turnover_share": Decimal("0.04"), "turnover_based": None, "undertaking": True,
        "lower_bound": True, "reference": "Article 83(5)",
    }  # fmt: skip
    _same(assembler(Cap)(dict(cap)), trusted(Cap, **cap))
    money = {"amount": Decimal("1.50"), "currency": "EUR"}
    _same(assembler(Money)(dict(money)), trusted(Money, **money))
    v = check_fine(Money("746000000", "EUR"), tier="83(5)")
    fields = {name: getattr(v, name) for name in Verdict.model_fields}
    private = {"_judgement": None, "_pre_trace": (), "_group": "Amazon"}
    _same(assembler(Verdict)(dict(fields), dict(private)), trusted(Verdict, private, **fields))


def test_assembler_refuses_a_field_or_a_private_attribute_too_many_or_too_few() -> None:
    with pytest.raises(TypeError, match="give all 2 fields"):
        assembler(Money)({"amount": Decimal(1)})
    with pytest.raises(TypeError, match="give all 2 fields"):
        assembler(Money)({"amount": Decimal(1), "currency": "EUR"}, {"_x": 1})
    v = check_fine(Money("1000", "EUR"), tier="83(5)")
    fields = {name: getattr(v, name) for name in Verdict.model_fields}
    with pytest.raises(TypeError, match="all 3 private attributes"):
        assembler(Verdict)(fields)


def test_a_verdict_of_the_judge_is_what_trusted_and_validation_make() -> None:
    v = check_fine(Money("746000000", "EUR"), tier="83(5)", turnover=Money("338000350201.37", "EUR"))
    fields = {name: getattr(v, name) for name in Verdict.model_fields}
    _same(v, trusted(Verdict, v.__pydantic_private__, **fields))
    assert v.cap is not None
    _same(v.cap, trusted(Cap, **{name: getattr(v.cap, name) for name in Cap.model_fields}))
    validated = Verdict.model_validate_json(v.model_dump_json())
    assert validated.model_dump(exclude={"trace"}) == v.model_dump(exclude={"trace"})


def test_the_judges_judgement_is_what_its_init_makes() -> None:
    from dataclasses import fields

    from gdprfine.check import Judgement, judge
    from gdprfine.law import regime

    law = regime()
    j = judge(law, Money("746000000", "EUR"), tier=law.tier("83(5)"), turnover=Money("1", "EUR"))
    made = Judgement(**{f.name: getattr(j, f.name) for f in fields(Judgement)})
    assert (made, repr(made), hash(made)) == (j, repr(j), hash(j))
    assert list(vars(made)) == list(vars(j))
