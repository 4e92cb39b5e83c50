"""The `receivables` command. Thin: every subcommand calls a module of the package."""

from __future__ import annotations

from typing import Annotated

import typer

from receivables.cases.cli import app as case_app
from receivables.course import cli as course_cli
from receivables.datasets import cli as data_cli
from receivables.grading import cli as grading_cli
from receivables.ledger.cli import app as mapping_app
from receivables.room.cli import app as room_app

app = typer.Typer(
    help="Receivables course workbook and case kit (应收账款管理与面谈催收).",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(course_cli.app, name="course")
app.add_typer(data_cli.app, name="data", help="Generate the case data or ledgers of any size.")
app.add_typer(case_app, name="case", help="Re-run the case on a company's own ledger.")
app.add_typer(mapping_app, name="mapping", help="Draft a column mapping from a ledger's headers.")
app.add_typer(room_app, name="room", help="A workshop room on JupyterHub (run as root).")
try:  # the learner bundle leaves the trainer's materials (model answers, hidden objectives) out
    from receivables.trainer.cli import app as trainer_app
except ModuleNotFoundError as missing:
    if missing.name != "receivables.trainer":
        raise
else:
    app.add_typer(trainer_app, name="trainer", help="Trainer materials: agendas, role-play cards, facilitator notes.")
app.command("grade")(grading_cli.grade)
app.command("bundle")(grading_cli.bundle)


@app.command("app")
def app_mode(
    lang: Annotated[str, typer.Option(help="The edition: zh (中文) or en")] = "en",
    port: Annotated[int, typer.Option(help="Port to serve on")] = 8866,
    ip: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 serves the room's network")] = "127.0.0.1",
    timeout: Annotated[int, typer.Option(help="Seconds before an idle kernel is shut down")] = 1200,
) -> None:
    """App mode (Voilà): the course's widget pages without code, a kernel per visitor."""
    from receivables import app as app_module
    from receivables.i18n import LANGS

    if lang not in LANGS:
        raise typer.BadParameter(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if timeout <= 0:
        raise typer.BadParameter(f"--timeout must be a positive number of seconds, not {timeout}")
    app_module.serve(lang, port=port, ip=ip, timeout=timeout)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
