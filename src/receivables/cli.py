"""The `receivables` command. Thin: every subcommand calls a module of the package."""

from __future__ import annotations

import typer

from receivables.cases.cli import app as case_app
from receivables.course import cli as course_cli
from receivables.datasets import cli as data_cli
from receivables.grading import cli as grading_cli
from receivables.ledger.cli import app as mapping_app

app = typer.Typer(
    help="Receivables course workbook and case kit (应收账款管理与面谈催收).",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(course_cli.app, name="course")
app.add_typer(data_cli.app, name="data", help="Generate the case data or ledgers of any size.")
app.add_typer(case_app, name="case", help="Re-run the case on a company's own ledger.")
app.add_typer(mapping_app, name="mapping", help="Draft a column mapping from a ledger's headers.")
app.command("grade")(grading_cli.grade)
app.command("bundle")(grading_cli.bundle)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
