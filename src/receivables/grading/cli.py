"""`receivables grade` and `receivables bundle`: the trainer's grading workflow."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Grade returned notebooks; pack the learner bundle.", no_args_is_help=True, add_completion=False)


@app.command()
def grade(
    returned: Annotated[Path, typer.Option("--returned", help="Folder or .zip of the returned notebooks.")],
    assignment: Annotated[
        str, typer.Option("--assignment", help="Assignment folder name in solutions/, e.g. 01-overdue-and-profit.")
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Where grades.csv, grades.xlsx, problems.csv and feedback/ go.")
    ] = Path("out/grades"),
    roster: Annotated[Path | None, typer.Option("--roster", help="CSV: learner_id[,name,file_pattern,email].")] = None,
    timeout: Annotated[
        int, typer.Option("--timeout", help="Seconds a cell may run before it is stopped (it scores 0).")
    ] = 60,
    memory_mb: Annotated[
        int,
        typer.Option(
            "--memory-mb",
            help="Memory limit of each learner's sandbox (its kernel and every process it starts), in MB; without bubblewrap, of each grading process.",
        ),
    ] = 1024,
    jobs: Annotated[int, typer.Option("--jobs", help="Learners graded at the same time.")] = 2,
    formgrader: Annotated[
        bool,
        typer.Option(
            "--formgrader",
            help="Also put the graded learners in the kit's gradebook (.nbgrader/), for manual grading in the formgrader.",
        ),
    ] = False,
) -> None:
    """Autograde a room's returned notebooks; write the grade sheet and feedback."""
    from receivables.grading.batch import GradingError
    from receivables.grading.batch import grade as run_grade

    console = Console()
    try:
        report = run_grade(
            returned,
            assignment,
            out,
            roster=roster,
            timeout_s=timeout,
            memory_mb=memory_mb,
            jobs=jobs,
            formgrader=formgrader,
        )
    except GradingError as exc:
        console.print(f"[red]Cannot grade:[/red] {exc}")
        raise typer.Exit(2) from exc
    table = Table(title=f"{assignment} · max {report.max_score:g}")
    for col in ("learner", "total", "status", "problem"):
        table.add_column(col)
    for r in report.learners:
        table.add_row(r.learner, f"{r.total:g}", r.status, "; ".join(r.problems))
    console.print(table)
    problems = report.problems()
    console.print(f"{len(report.graded)} graded, {len(problems)} problems (see {report.out / 'problems.csv'})")
    console.print(f"Grade sheet: {report.out / 'grades.xlsx'} and grades.csv; feedback: {report.out / 'feedback'}/")
    pending = sum(bool(r.pending) for r in report.learners)
    if pending:
        where = (
            "open them in the formgrader (make lab, Nbgrader menu, Formgrader, Manual Grading)"
            if formgrader
            else "run again with --formgrader to grade them in the formgrader"
        )
        console.print(f"{pending} learners have written answers to grade by hand: {where}.")


@app.command()
def bundle(
    learner: Annotated[bool, typer.Option("--learner", help="The learners' bundle (the only kind for now).")] = False,
    out: Annotated[Path, typer.Option("--out", help="The .zip to write.")] = Path("out/receivables-learner.zip"),
) -> None:
    """Pack what learners get, checked to hold no solution, hidden test or gradebook."""
    from receivables.grading.bundle import BundleLeak, learner_bundle

    console = Console()
    if not learner:
        console.print("[red]Say which bundle:[/red] --learner (the only kind for now).")
        raise typer.Exit(2)
    try:
        names = learner_bundle(out)
    except BundleLeak as exc:
        console.print(f"[red]Not written:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(f"{out}: {len(names)} files for learners (no solutions, hidden tests or gradebook).")
