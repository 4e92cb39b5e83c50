"""`receivables trainer …`: the trainer's printable materials, in Chinese or English."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Trainer materials: timed agendas, role-play cards, facilitator notes, handouts, slides, team playbooks (zh/en).",
    no_args_is_help=True,
)

Lang = Annotated[str, typer.Option(help="zh (中文) or en")]
Out = Annotated[Path, typer.Option(help="Folder to write the HTML and Markdown files into")]
Executed = Annotated[
    Path | None,
    typer.Option(
        help="A folder of already executed copies of the edition's course notebooks (same file names); "
        "default: run every course notebook now (a few minutes)"
    ),
]


def _lang(lang: str) -> str:
    from receivables.i18n import LANGS

    if lang not in LANGS:
        raise typer.BadParameter(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def _done(paths: list[Path]) -> None:
    for p in paths:
        typer.echo(f"wrote {p}")


def _from_runs(
    write: Callable[[], tuple[list[Path], dict[str, str]]],
    executed: Path | None,
    errors: tuple[type[Exception], ...],
    lacking: str,
) -> None:
    """Run ``write`` (notes or slides, drawn from the course's notebook runs) and say what it
    wrote; exit 1 on a missing ``--executed`` folder, on a missing file or notebook (or one of
    ``errors``), and after naming each notebook that did not run (``course/<name> did not run,
    <lacking>: <reason>``)."""
    if executed is not None and not executed.is_dir():
        raise typer.BadParameter(f"--executed: no folder {executed}")
    try:
        paths, failed = write()
    except (FileNotFoundError, LookupError, *errors) as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    _done(paths)
    for name, reason in failed.items():
        typer.echo(f"course/{name} did not run, {lacking}: {reason}", err=True)
    if failed:
        raise typer.Exit(1)


@app.command()
def agenda(
    days: Annotated[int, typer.Option(help="The workshop's length: 1 or 2 days")] = 1,
    lang: Lang = "zh",
    out: Out = Path("trainer"),
) -> None:
    """The timed agenda of the 1-day or 2-day workshop (printable HTML and Markdown)."""
    from receivables.trainer import agenda as module

    if days not in module.DAYS:
        raise typer.BadParameter(f"--days must be one of {', '.join(map(str, module.DAYS))}, not {days}")
    _done(module.write(days, _lang(lang), out))


@app.command()
def cards(lang: Lang = "zh", out: Out = Path("trainer")) -> None:
    """Role-play cards: customer, salesperson and observer for each of the 11 role plays,
    one role play per printed page."""
    from receivables.trainer import cards as module

    _done(module.write(_lang(lang), out))


@app.command()
def notes(
    lang: Lang = "zh",
    out: Out = Path("trainer"),
    executed: Executed = None,
    run: Annotated[
        bool, typer.Option(help="Run the notebooks for their figures (--no-run: notes without figures)")
    ] = True,
) -> None:
    """Facilitator notes per course notebook: objective, timing, how to run it, discussion
    questions with model answers and debrief points, common mistakes, the figures to reach."""
    from receivables.trainer import notes as module

    _from_runs(lambda: module.write(_lang(lang), out, executed, run), executed, (), "its note has no figures")


@app.command()
def handouts(lang: Lang = "zh", out: Out = Path("trainer")) -> None:
    """Handouts for learners: a chapter summary per course part, the formula card, the case
    fact sheet and each graded exercise as a printable sheet (questions only, never answers)."""
    from receivables.trainer import handouts as module

    _done(module.write(_lang(lang), out))


@app.command()
def slides(
    lang: Lang = "zh",
    out: Annotated[Path, typer.Option(help="Folder to write the decks (and the reveal.js they load) into")] = Path(
        "slides"
    ),
    executed: Executed = None,
    run: Annotated[
        bool, typer.Option(help="Run the notebooks for their figures (--no-run: decks without figure slides)")
    ] = True,
) -> None:
    """Slides per course part for the projector (reveal.js, offline), with speaker notes
    (press S): how to run each notebook, model answers, debrief points."""
    from receivables.trainer import slides as module
    from receivables.web_assets import AssetsMissing

    _from_runs(
        lambda: module.build(_lang(lang), out, executed, run), executed, (AssetsMissing,), "its slides have no figures"
    )


@app.command()
def playbook(
    returned: Annotated[
        list[Path] | None,
        typer.Option(
            help="The returned notebooks (and scripts files): a folder or a .zip; give it more than once "
            "to join several (e.g. the 07.00 notebooks and exercise 06)"
        ),
    ] = None,
    room: Annotated[
        Path | None,
        typer.Option(
            help="A workshop room's folder (/srv/receivables-room): read each learner's workbook and the "
            "trainer's collected submissions (run as root)"
        ),
    ] = None,
    teams: Annotated[Path | None, typer.Option(help="CSV with columns learner,team (default: one team)")] = None,
    lang: Lang = "zh",
    out: Out = Path("trainer"),
    pdf: Annotated[
        bool | None,
        typer.Option(
            help="Also print each playbook to PDF with headless Chromium (default: when Chromium is installed)"
        ),
    ] = None,
) -> None:
    """The team playbook: the scripts learners wrote (script builder via 07.00, exercise 06,
    scripts files), read without running anything, per team as HTML, Markdown, .docx and PDF."""
    from receivables.grading.batch import GradingError
    from receivables.trainer import playbook as module

    if teams is not None and not teams.is_file():
        raise typer.BadParameter(f"--teams: no file {teams}")
    if not returned and room is None:
        raise typer.BadParameter("give --returned FOLDER|ZIP (once or more) or --room ROOM_FOLDER")
    sources, owners = list(returned or []), {}
    if room is not None:
        try:
            found, owners = module.room_sources(room)
        except (FileNotFoundError, ValueError) as err:
            typer.echo(str(err), err=True)
            raise typer.Exit(1) from None
        sources += found
    from receivables.trainer.pdf import find_chromium

    if pdf is None:
        pdf = find_chromium() is not None
        if not pdf:
            typer.echo("no Chromium found: HTML, Markdown and .docx only (no PDF)", err=True)
    try:
        done = module.write(sources, _lang(lang), out, teams, pdf, owners)
    except (FileNotFoundError, ValueError, GradingError, RuntimeError) as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    _done(done.paths)
    for path, learner, source in done.collected.used:
        typer.echo(f"read {path}: {learner} ({source})")
    for path, reason in done.collected.skipped:
        typer.echo(f"skipped {path}: {reason}", err=True)
    for learner in done.unteamed:
        typer.echo(f"{learner} is not in {teams}: playbook of the learners without a team", err=True)
    if not done.collected.lines:
        typer.echo("no scripts found in the returned files", err=True)
        raise typer.Exit(1)


@app.command()
def check() -> None:
    """Fail (exit 1) when a trainer material names a notebook, exercise or role play that no
    longer exists, or its minutes or texts do not add up."""
    from receivables.trainer.checks import problems

    found = problems()
    for p in found:
        typer.echo(p, err=True)
    if found:
        raise typer.Exit(1)
    typer.echo("trainer materials: every reference exists, minutes add up, texts in both languages")
