"""The ``gdprfine`` command line: the only part of gdprfine that prints or exits.

Each command lives in its own module (``gdprfine.cli.NAME`` for the command ``NAME``), imported
when the command is run: starting ``gdprfine cap`` loads neither the dataset nor the estimate
code. Every human output is written by :mod:`gdprfine.cli.render`, every JSON document by
:mod:`gdprfine.output`. The command modules import only the library's public API.
"""

from importlib import import_module
from types import ModuleType

from gdprfine.cli._app import COMMANDS, app

__all__ = ["app", "cap", "cases", "check", "convert", "estimate", "reconcile", "report", "schema"]


def __getattr__(name: str) -> ModuleType:
    """A command's module, imported on first use (``gdprfine.cli.cap``)."""
    if name in COMMANDS:
        return import_module(f"gdprfine.cli.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
