"""`receivables data ...`: generate the case ledger, or check a folder against its manifest."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .generator import generate as generate_tables
from .writer import command_for, verify_dataset, write_dataset

app = typer.Typer(
    help="The electromechanical company case data: generate it, check it.",
    no_args_is_help=True,
)


@app.callback()
def _data() -> None:
    """The electromechanical company case data (案例分析:机电公司应收欠款)."""


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"  # pragma: no cover


@app.command()
def generate(
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write (created if missing), e.g. datasets/generated/big.")
    ],
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed gives the same bytes.")] = 2024,
    customers: Annotated[int, typer.Option("--customers", help="Number of customers (at least 10).")] = 40,
    months: Annotated[int, typer.Option("--months", help="Months of invoices up to --end (at least 18).")] = 24,
    end: Annotated[
        str, typer.Option("--end", help="Last day of the ledger (YYYY-MM-DD): the 'as of' date.")
    ] = "2025-12-31",
) -> None:
    """Generate the case ledger: customers, financials, invoices, payments, promises, activities."""
    console = Console()
    params = {"seed": seed, "customers": customers, "months": months, "end": end}
    started = time.perf_counter()
    try:
        if console.is_terminal:
            with console.status("generating ...") as status:
                tables = generate_tables(
                    seed,
                    customers,
                    months,
                    end,
                    progress=lambda step: status.update(f"generating: {step} ..."),
                )
                status.update(f"writing {out} ...")
                files = write_dataset(tables, out, command=command_for(tables.params, out))
        else:
            tables = generate_tables(seed, customers, months, end)
            files = write_dataset(tables, out, command=command_for(tables.params, out))
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    seconds = time.perf_counter() - started

    table = Table(title=f"wrote {out}", show_edge=False)
    table.add_column("file")
    table.add_column("rows", justify="right")
    table.add_column("size", justify="right")
    for path in files:
        name = path.name
        rows = len(tables[path.stem]) if path.stem in tables else None
        table.add_row(name, "" if rows is None else f"{rows:,}", _size(path.stat().st_size))
    console.print(table)
    console.print(
        f"seed {params['seed']}, {customers} customers, {months} months to {tables.params['end']}; {seconds:.1f} s"
    )


@app.command()
def verify(
    folder: Annotated[Path, typer.Argument(help="A folder written by `receivables data generate`.")],
) -> None:
    """Check that a folder's CSV files still match the sha256 in its manifest.json."""
    if not (folder / "manifest.json").is_file():
        typer.echo(f"error: {folder} has no manifest.json", err=True)
        raise typer.Exit(2)
    problems = verify_dataset(folder)
    for p in problems:
        typer.echo(p, err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{folder}: every file matches its manifest")
