"""``receivables case run``: mounted by the main CLI as the ``case`` sub-app."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Re-run the case on your own ledger.", no_args_is_help=True)


@app.callback()
def _main() -> None:
    """The electromechanical company case, on the bundled data or your ledger."""


@app.command("run")
def run(
    ledger: Annotated[Path, typer.Option("--ledger", help="your ledger: CSV or Excel")],
    out: Annotated[Path, typer.Option("--out", help="output folder (created when missing)")],
    mapping: Annotated[Path | None, typer.Option("--mapping", help="column mapping YAML")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD; default: the latest date")] = None,
    lang: Annotated[str, typer.Option("--lang", help="en or zh")] = "en",
) -> None:
    """Run the case notebooks on a ledger; writes summary.json, rejected.csv, aging.xlsx,
    report.html and the executed notebooks into --out."""
    from rich.console import Console
    from rich.progress import Progress

    from receivables.ledger import LedgerError

    from .outputs import summary_line
    from .run import case_notebooks, run_case

    if lang not in ("en", "zh"):
        typer.echo(f"error: --lang must be en or zh, not {lang}", err=True)
        raise typer.Exit(2)
    console = Console(stderr=True)
    steps = 4 + len(case_notebooks())
    try:
        with Progress(console=console, disable=not console.is_terminal) as bar:
            task = bar.add_task("case run", total=steps)

            def step(name: str) -> None:
                # refresh: draw every step, even one that takes less than a refresh tick
                bar.update(task, advance=1, description=name, refresh=True)

            notes: list[str] = []
            summary = run_case(ledger, mapping, as_of, lang, out, step, tell=notes.append)
    except (LedgerError, ValueError, OSError) as exc:
        typer.echo(f"error: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", err=True)
        raise typer.Exit(1) from None
    except Exception as exc:  # noqa: BLE001 — a notebook failed: still one line
        first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        typer.echo(f"error: {type(exc).__name__}: {first}", err=True)
        raise typer.Exit(1) from None
    typer.echo(summary_line(summary, out, lang))
    for note in notes:
        typer.echo(note)
    sys.stdout.flush()
