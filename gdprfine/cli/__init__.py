"""The ``gdprfine`` command line: the only part of gdprfine that prints or exits.

Each command lives in its own module and registers itself on :data:`app`.
"""

from gdprfine.cli import cases, convert, core, estimate
from gdprfine.cli._app import app

__all__ = ["app", "cases", "convert", "core", "estimate"]
