"""`receivables course ...`: notebook housekeeping for maintainers."""

from __future__ import annotations

import typer

app = typer.Typer(help="Notebook housekeeping: contents, links, clean check, release.", no_args_is_help=True)
