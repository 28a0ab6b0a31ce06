"""A check shared by the tests of records made without their ``__init__``."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, fields
from typing import Any

import pytest


def assert_plain_frozen(value: Any, cls: type, field: str, other: object) -> None:
    """*value* is an instance of the frozen dataclass *cls* like any other: equal to, and
    written as, the one *cls* makes of its fields, picklable, and refusing *other* for *field*."""
    values = {f.name: getattr(value, f.name) for f in fields(cls)}
    assert type(value) is cls
    assert value == cls(**values)
    assert repr(value) == repr(cls(**values))
    assert pickle.loads(pickle.dumps(value)) == value
    with pytest.raises(FrozenInstanceError):
        setattr(value, field, other)
