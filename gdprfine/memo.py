"""Bounded memos: what gdprfine keeps of values read or computed before.

A memo is a plain dict that :func:`remember` empties when it is full, so that a batch of a
million records keeps memory flat while the few values trackers repeat are read once.

>>> memo = {}
>>> remember(memo, "a", 1, 2), remember(memo, "b", 2, 2), remember(memo, "c", 3, 2)
(1, 2, 3)
>>> memo
{'c': 3}
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["remember"]

_K = TypeVar("_K")
_V = TypeVar("_V")


def remember(memo: dict[_K, _V], key: _K, value: _V, most: int) -> _V:
    """Keep *value* under *key* in *memo* and return it; a memo holding *most* values is emptied
    first, so that it never grows past them."""
    if len(memo) >= most:
        memo.clear()
    memo[key] = value
    return value
