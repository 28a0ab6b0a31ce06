"""``gdprfine schema``: the JSON Schema of a case file."""

from __future__ import annotations

import typer

from gdprfine.cli._app import app

__all__ = ["schema"]


@app.command(short_help="Print the JSON Schema of a case file (TOML or JSON).")
def schema() -> None:
    """Print the JSON Schema of a case file (TOML or JSON)."""
    from gdprfine.cases import case_schema
    from gdprfine.output import dumps

    typer.echo(dumps(case_schema()))
