"""Reading input files safely: regular files only, a size limit checked before reading, never
more than the limit read, and nesting too deep for a parser refused before it parses.

A FIFO, a device (``/dev/zero``) or a folder given where a file is expected is refused at once,
never read (which could block forever or exhaust memory); a sparse file larger than the limit
is refused by its size, not read.

>>> read_limited(__file__, 10)
Traceback (most recent call last):
...
gdprfine.errors.InvalidInput: file: '...inputs.py': ... bytes, larger than 10 bytes
>>> nesting_depth('{"a": [[1, "[[["], {"b": {}}]}', "json")
4
"""

from __future__ import annotations

import io
import json
import os
import stat
from decimal import Decimal
from typing import Any, BinaryIO, Literal

from gdprfine.errors import InvalidInput

__all__ = [
    "MAX_NESTING",
    "exact_json_decoder",
    "nesting_depth",
    "open_regular",
    "read_limited",
    "strict_json_object",
]

MAX_NESTING = 64
"""The deepest nesting of tables, arrays or dotted keys a structured input file may have."""

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
    stat.S_IFSOCK: "a socket",
}


def _open_fd(name: str, field: str) -> int:
    """A descriptor of the regular file *name*; a FIFO, a device, a folder or a socket is refused
    without being read (opened non-blocking, so that a FIFO with no writer does not block)."""
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise InvalidInput(field, name, error.strerror or "cannot be opened") from None
    try:
        info = os.fstat(fd)
    except OSError as error:
        os.close(fd)
        raise InvalidInput(field, name, error.strerror or "cannot be read") from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise InvalidInput(field, name, f"{kind}, not a regular file")
    return fd


def open_regular(path: str | os.PathLike[str], *, field: str = "file") -> BinaryIO:
    """The regular file at *path*, open for reading in binary; a FIFO, a device (``/dev/zero``),
    a folder or a socket is refused with an :class:`InvalidInput` before anything is read.

    >>> open_regular("/dev/null")
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidInput: file: '/dev/null': a character device, not a regular file
    """
    name = os.fspath(path)
    fd = _open_fd(name, field)
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        raw = io.FileIO(fd, "r", closefd=True)
    except OSError as error:
        os.close(fd)
        raise InvalidInput(field, name, error.strerror or "cannot be read") from None
    raw.name = name  # messages name the path, not the descriptor
    return io.BufferedReader(raw)


def read_limited(path: str | os.PathLike[str], limit: int, *, field: str = "file") -> bytes:
    """The bytes of the regular file at *path*, refused when it is not a regular file or holds
    more than *limit* bytes. At most *limit* + 1 bytes are ever read."""
    name = os.fspath(path)
    fd = _open_fd(name, field)
    try:
        info = os.fstat(fd)
        if info.st_size > limit:
            raise InvalidInput(field, name, f"{info.st_size} bytes, larger than {limit} bytes")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InvalidInput(field, name, f"larger than {limit} bytes")
        return b"".join(chunks)
    except OSError as error:
        raise InvalidInput(field, name, error.strerror or "cannot be read") from None
    finally:
        os.close(fd)


def nesting_depth(text: str, kind: Literal["json", "toml"]) -> int:
    """The deepest nesting of brackets (and, in TOML, of dotted-key parts) outside strings, in
    one linear pass: a bound to check before a recursive parser sees the text."""
    depth = deepest = 0
    quote = ""
    escaped = False
    dots = 0
    for char in text:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
                if char == "\n":
                    dots = 0
            continue
        if char in "\"'" and (kind == "toml" or char == '"'):
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif kind == "toml" and char == ".":
            dots += 1
        elif kind == "toml" and char in "=\n":
            dots = 0
        elif kind == "toml" and char == "#":
            quote = "\n"
        deepest = max(deepest, depth + (dots if kind == "toml" else 0))
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = dict(pairs)
    if len(result) == len(pairs):
        return result
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _refuse_float(text: str) -> Any:
    raise ValueError(f'{text} is a float; write amounts as strings such as "{text}"')


def exact_json_decoder() -> json.JSONDecoder:
    """A JSON decoder for data files: numbers with a fraction read as exact decimals, NaN and
    Infinity refused, a key given twice in one object refused (errors are ``ValueError``).

    >>> exact_json_decoder().decode('{"fine": 12.50}')
    {'fine': Decimal('12.50')}
    >>> exact_json_decoder().decode('{"fine": "10", "fine": "746000000"}')
    Traceback (most recent call last):
    ...
    ValueError: the key 'fine' appears twice in one object
    """
    return json.JSONDecoder(
        object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant, parse_float=Decimal
    )


def strict_json_object(text: str) -> Any:
    """Parse JSON strictly: floats, NaN and Infinity refused (a float cannot state money
    exactly), a key given twice in one object refused (the later would silently win), nesting
    deeper than :data:`MAX_NESTING` refused before parsing. Errors are ``ValueError``.

    >>> strict_json_object('{"fine": "10", "fine": "746000000"}')
    Traceback (most recent call last):
    ...
    ValueError: the key 'fine' appears twice in one object
    """
    if nesting_depth(text, "json") > MAX_NESTING:
        raise ValueError(f"nested more than {MAX_NESTING} levels deep")
    decoder = json.JSONDecoder(
        object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant, parse_float=_refuse_float
    )
    return decoder.decode(text)
