"""``gdprfine schema``: the JSON Schema of a case file."""

from __future__ import annotations

import typer

from gdprfine.cli._app import command

__all__ = ["schema"]


@command("schema")
def schema() -> None:
    """Print the JSON Schema of a case file (TOML or JSON)."""
    from gdprfine.cases import case_schema
    from gdprfine.output import dumps

    typer.echo(dumps(case_schema()))
