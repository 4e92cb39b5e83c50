"""``receivables mapping suggest``: mounted by the main CLI as the ``mapping`` sub-app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Column mappings for your ledger.", no_args_is_help=True)


@app.callback()
def _main() -> None:
    """Draft and check the mapping of your ledger's columns."""


@app.command("suggest")
def suggest(
    ledger: Annotated[Path, typer.Option("--ledger", help="your ledger: CSV or Excel")],
    out: Annotated[Path, typer.Option("--out", help="where to write the draft")] = Path("mapping.yml"),
) -> None:
    """Write a draft mapping from the ledger's headers (check it before use)."""
    from . import LedgerError, suggest_mapping, write_mapping

    try:
        mapping = suggest_mapping(ledger)
        write_mapping(mapping, out)
    except (LedgerError, OSError, ValueError) as exc:
        typer.echo(f"error: {str(exc).splitlines()[0]}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"draft mapping written to {out}; check each column before use")
