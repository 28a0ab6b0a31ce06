"""Models built from values gdprfine has already checked, without validating them again.

:func:`trusted` is :meth:`pydantic.BaseModel.model_construct` for gdprfine's own frozen
models, at a fraction of its cost: the judge builds a cap, a verdict and a few amounts per
fine, and a batch does so per record. Only values that are valid by construction (a sum of
two amounts, a cap from the law data) may be given; input from a caller is validated by the
model as usual.

>>> from decimal import Decimal
>>> from gdprfine.money import Money
>>> m = trusted(Money, amount=Decimal("12.50"), currency="EUR")
>>> m, m == Money("12.50", "EUR"), m.model_fields_set == {"amount", "currency"}
(Money('12.50', 'EUR'), True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["trusted"]

M = TypeVar("M", bound=BaseModel)

_Plan = tuple[
    tuple[str, ...], frozenset[str], dict[str, Callable[[], Any]], tuple[tuple[str, Any], ...], frozenset[str]
]
_PLANS: dict[type[BaseModel], _Plan] = {}
_set = object.__setattr__


def _same(value: Any) -> Any:
    return value


def _plan(cls: type[BaseModel]) -> _Plan:
    """The field names in order and as a set, a maker of each default, and the private
    attributes, also as a set of names."""
    plan = _PLANS.get(cls)
    if plan is not None:
        return plan
    if cls.model_config.get("extra") == "allow" or cls.__pydantic_root_model__:
        raise TypeError(f"{cls.__name__}: trusted() builds plain models only")
    defaults: dict[str, Callable[[], Any]] = {}
    for name, field in cls.model_fields.items():
        if field.default_factory is not None:
            defaults[name] = field.default_factory  # type: ignore[assignment]
        elif not field.is_required():
            defaults[name] = partial(_same, field.default)
    private = tuple(cls.__private_attributes__.items())
    plan = (
        tuple(cls.model_fields), frozenset(cls.model_fields), defaults, private,
        frozenset(name for name, _ in private),
    )  # fmt: skip
    _PLANS[cls] = plan
    return plan


def trusted(cls: type[M], private: Mapping[str, Any] | None = None, /, **values: Any) -> M:
    """An instance of *cls* holding *values* as they are (what ``model_construct`` makes: the
    fields in order, the defaults of the fields not given, the given ones as fields set, the
    private attributes at their defaults, or at the values *private* gives). A name that is
    not a field is a TypeError."""
    names, every, defaults, privates, private_names = _plan(cls)
    if values.keys() == every:
        data = {name: values[name] for name in names}
    else:
        data = {}
        for name in names:
            if name in values:
                data[name] = values[name]
            elif name in defaults:
                data[name] = defaults[name]()
            else:
                raise TypeError(f"{cls.__name__}: {name} is required")
        if values.keys() - every:
            raise TypeError(f"{cls.__name__}: not fields: {sorted(values.keys() - every)}")
    model = cls.__new__(cls)
    _set(model, "__dict__", data)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    if private is not None and private.keys() - private_names:
        raise TypeError(f"{cls.__name__}: not private attributes: {sorted(private.keys() - private_names)}")
    if not privates:
        _set(model, "__pydantic_private__", None)
    elif private is not None and private.keys() == private_names:
        _set(model, "__pydantic_private__", dict(private))
    else:
        given = private or {}
        _set(
            model,
            "__pydantic_private__",
            {name: given[name] if name in given else attr.get_default() for name, attr in privates},
        )
    return model
