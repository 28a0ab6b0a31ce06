"""Models built from values gdprfine has already checked, without validating them again.

:func:`trusted` is :meth:`pydantic.BaseModel.model_construct` for gdprfine's own frozen
models, at a fraction of its cost: the judge builds a cap, a verdict and a few amounts per
fine, and a batch does so per record. Only values that are valid by construction (a sum of
two amounts, a cap from the law data) may be given; input from a caller is validated by the
model as usual. :func:`assembler` is the same for a caller that states every field, in order.

>>> from decimal import Decimal
>>> from gdprfine.money import Money
>>> m = trusted(Money, amount=Decimal("12.50"), currency="EUR")
>>> m, m == Money("12.50", "EUR"), m.model_fields_set == {"amount", "currency"}
(Money('12.50', 'EUR'), True, True)
>>> assembler(Money)({"amount": Decimal("12.50"), "currency": "EUR"}) == m
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

__all__ = ["Assemble", "assembler", "empty_list", "trusted"]

M = TypeVar("M", bound=BaseModel)
M_co = TypeVar("M_co", bound=BaseModel, covariant=True)

_Plan = tuple[
    tuple[str, ...], frozenset[str], dict[str, Callable[[], Any]], tuple[tuple[str, Any], ...], frozenset[str]
]
_PLANS: dict[type[BaseModel], _Plan] = {}


def _slot(name: str) -> Callable[[Any, Any], None]:
    """The setter of one of BaseModel's slots, called directly: what ``object.__setattr__``
    does, without looking the name up on each call."""
    setter: Callable[[Any, Any], None] = BaseModel.__dict__[name].__set__
    return setter


_set_dict = _slot("__dict__")
_set_fields_set = _slot("__pydantic_fields_set__")
_set_extra = _slot("__pydantic_extra__")
_set_private = _slot("__pydantic_private__")


def empty_list() -> list[Any]:
    """A new empty list: the default factory of a model's list field. pydantic reads a default
    factory's signature when the model class is built; this function's is read directly, where
    the builtin ``list``'s is parsed from its text by the tokenizer, whose compile costs about
    14 M instructions at start-up.

    >>> empty_list(), empty_list() is empty_list()
    ([], False)
    """
    return []


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
    names, every, defaults, privates, private_names = _PLANS.get(cls) or _plan(cls)
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
    if private is not None and private.keys() - private_names:
        raise TypeError(f"{cls.__name__}: not private attributes: {sorted(private.keys() - private_names)}")
    model = cls.__new__(cls)
    _set_dict(model, data)
    _set_fields_set(model, set(values))
    _set_extra(model, None)
    if not privates:
        _set_private(model, None)
    elif private is not None and private.keys() == private_names:
        _set_private(model, dict(private))
    else:
        given = private or {}
        _set_private(model, {name: given[name] if name in given else attr.get_default() for name, attr in privates})
    return model


class Assemble(Protocol[M_co]):
    """A maker of one model from all its fields: see :func:`assembler`."""

    def __call__(self, data: dict[str, Any], private: dict[str, Any] | None = None, /) -> M_co: ...


def assembler(cls: type[M]) -> Assemble[M]:
    """A maker of *cls* for a caller that states every field: ``make(data, private)`` is
    ``trusted(cls, private, **data)`` when *data* maps every field, in the fields' order, to its
    value, and *private* gives every private attribute (None for a model without any). The
    model keeps *data* and *private* as its own dictionaries, so each call passes new ones;
    nothing but the number of fields is checked, which is what makes it the cheapest way to
    build a model that the judge builds once per fine.

    >>> from decimal import Decimal
    >>> from gdprfine.money import Money
    >>> assembler(Money)({"amount": Decimal(1)})
    Traceback (most recent call last):
    ...
    TypeError: Money: give all 2 fields, in order, and no private attributes
    """
    names, fields_set, _, privates, _ = _plan(cls)
    count, hidden, new = len(names), len(privates), cls.__new__
    wanted = f"{cls.__name__}: give all {count} fields, in order" + (
        f", and all {hidden} private attributes" if hidden else ", and no private attributes"
    )

    def make(data: dict[str, Any], private: dict[str, Any] | None = None, /) -> M:
        if len(data) != count or (0 if private is None else len(private)) != hidden:
            raise TypeError(wanted)
        model = new(cls)
        _set_dict(model, data)
        _set_fields_set(model, set(fields_set))
        _set_extra(model, None)
        _set_private(model, private if hidden else None)
        return model

    return make
