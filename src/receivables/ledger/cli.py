"""``receivables mapping suggest``: mounted by the main CLI as the ``mapping`` sub-app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Column mappings for your ledger.", no_args_is_help=True)


@app.callback()
def _main() -> None:
    """Draft and check the mapping of your ledger's columns."""


def _sheet_value(text: str | None) -> int | str | None:
    """--sheet: a number counts from 0 (as in the mapping), anything else is a name."""
    if text is None:
        return None
    return int(text) if text.strip().isdigit() else text


@app.command("suggest")
def suggest(
    ledger: Annotated[Path, typer.Option("--ledger", help="your ledger: CSV or Excel")],
    out: Annotated[Path, typer.Option("--out", help="where to write the draft")] = Path("mapping.yml"),
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="Excel: the ledger's sheet, a name or a number from 0 "
            "(default: the sheet that looks most like a ledger)",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="overwrite --out if it exists")] = False,
) -> None:
    """Write a draft mapping from the ledger's headers (check it before use)."""
    from . import LedgerError, suggest_mapping, write_mapping
    from .mapping import REQUIRED_FIELDS, file_headers

    if out.exists() and not force:
        # A second run must not wipe the columns the user already typed in.
        typer.echo(
            f"error: {out} already exists and may hold your edits; give another --out, or add --force to replace it",
            err=True,
        )
        raise typer.Exit(1)
    try:
        mapping = suggest_mapping(ledger, sheet=_sheet_value(sheet))
        headers = file_headers(ledger, sheet=mapping.get("sheet"), encoding=mapping.get("encoding"))
        write_mapping(mapping, out, headers=headers, source=ledger.name)
    except (LedgerError, OSError, ValueError) as exc:
        typer.echo(f"error: {str(exc).splitlines()[0]}", err=True)
        raise typer.Exit(1) from None
    where = f" (sheet {mapping['sheet']})" if mapping.get("sheet") is not None else ""
    missing = [f for f in REQUIRED_FIELDS if f not in mapping["columns"]]
    typer.echo(f"draft mapping for {ledger.name}{where} written to {out}")
    for note in getattr(mapping, "notes", {}).values():
        typer.echo(f"note: {note}")
    if missing:
        typer.echo(
            f"not found: {', '.join(missing)}: open {out} and write, after each of these, "
            "the header of your column that holds it"
        )
    else:
        typer.echo(f"all required fields found: open {out} and check each line before use")
