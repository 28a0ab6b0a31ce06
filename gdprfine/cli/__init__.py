"""The ``gdprfine`` command line: the only part of gdprfine that prints or exits.

Each command lives in its own module and registers itself on :data:`app`; every human output
is written by :mod:`gdprfine.cli.render`, every JSON document by :mod:`gdprfine.output`. The
command modules import only the library's public API.
"""

from gdprfine.cli import cap, cases, check, convert, estimate, reconcile, report, schema
from gdprfine.cli._app import app

__all__ = ["app", "cap", "cases", "check", "convert", "estimate", "reconcile", "report", "schema"]
