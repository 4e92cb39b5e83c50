"""`receivables course ...`: notebook housekeeping for maintainers."""

from __future__ import annotations

from typing import Annotated

import typer

from receivables.course import checks, contents
from receivables.course import notebooks as nbs

app = typer.Typer(help="Notebook housekeeping: contents, links, clean check, release.", no_args_is_help=True)


def _all_notebooks(root):
    for folder in (*nbs.NOTEBOOK_FOLDERS, "solutions", "exercises"):
        base = root / folder
        if base.is_dir():
            yield from sorted(base.glob("*.ipynb"))
            yield from sorted(base.glob("*/*.ipynb"))


@app.command()
def check() -> None:
    """Fail (exit 1) when a notebook breaks the kit's conventions or generated pages are stale."""
    problems = checks.check_all(nbs.repo_root())
    for p in problems:
        typer.echo(p, err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo("notebooks: conventions hold, contents and links up to date")


@app.command("contents")
def contents_cmd() -> None:
    """Regenerate course/README.md, cases/README.md and every notebook's previous/next links."""
    changed = contents.regenerate(nbs.repo_root())
    root = nbs.repo_root()
    for p in changed:
        typer.echo(f"updated {p.relative_to(root)}")
    if not changed:
        typer.echo("contents and links already up to date")


@app.command()
def translate(
    notebooks: Annotated[
        list[str] | None, typer.Argument(help="English notebooks to update (default: all), e.g. course/01.00-….ipynb")
    ] = None,
) -> None:
    """Re-extract the English notebooks' text into locales/zh_CN/…/*.po, then rebuild the
    Chinese edition (course/zh/, cases/zh/) from those catalogues."""
    from receivables.course import translation
    from receivables.i18n import texts

    root = nbs.repo_root()
    only = {(root / n).resolve() for n in notebooks} if notebooks else None
    if only is None and texts.update(root):
        typer.echo(f"updated src/receivables/{texts.CATALOGUE}")
    for p in translation.update_catalogues(root, only):
        typer.echo(f"updated {p.relative_to(root)}")
    for p in contents.regenerate(root, only):
        typer.echo(f"updated {p.relative_to(root)}")
    for p in translation.write_exercises(root):
        typer.echo(f"updated {p.relative_to(root)} (run `make release` for the learners' copy)")
    left = [
        p for p in translation.translation_problems(root) + texts.problems() if "not translated" in p or "stale" in p
    ]
    if left:
        typer.echo(f"{len(left)} cells still need a translator (see `receivables course check`)")


@app.command()
def workbook(
    out: Annotated[str, typer.Option(help="The workbook's folder (created or refreshed)")] = ".work/workbook",
    folders: Annotated[str, typer.Option(help="Kit folders to copy, comma-separated")] = "course,cases,exercises",
    jupyter_config: Annotated[
        str, typer.Option(help="Also write a learner's Jupyter configuration folder here (no nbgrader trainer tools)")
    ] = "",
) -> None:
    """Create or refresh a learner's workbook: a copy of the notebooks that using the kit may
    change (the kit's own files stay as committed). A file the learner changed is kept."""
    from pathlib import Path

    from receivables.course.workbook import learner_jupyter_config, make_workbook

    root = nbs.repo_root()
    dest = Path(out) if Path(out).is_absolute() else root / out
    try:
        report = make_workbook(root, dest, tuple(f.strip() for f in folders.split(",") if f.strip()))
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    for line in report.lines():
        typer.echo(line)
    if jupyter_config:
        learner_jupyter_config(
            Path(jupyter_config) if Path(jupyter_config).is_absolute() else root / jupyter_config, exchange=False
        )


@app.command()
def clean() -> None:
    """Strip outputs, execution counts and run-state metadata from every notebook of the kit."""
    root = nbs.repo_root()
    for path in _all_notebooks(root):
        nb = nbs.read(path)
        if nbs.dirt(nb):
            nbs.write(nbs.clean(nb), path)
            typer.echo(f"cleaned {path.relative_to(root)}")


@app.command()
def release(assignment: str = typer.Argument(None, help="One assignment (default: all)")) -> None:
    """Regenerate exercises/ (the learners' release) from solutions/ with nbgrader."""
    from receivables.grading.nbgrader_run import release as do_release

    for name in do_release(nbs.repo_root(), assignment):
        typer.echo(f"released exercises/{name}")


@app.command()
def coverage() -> None:
    """Which outline items (course/outline.yml) are taught, planned, or broken; exit 1 if broken."""
    from receivables.course.outline import coverage as compute

    result = compute(nbs.repo_root())
    total = len(result["covered"]) + len(result["planned"])
    typer.echo(f"covered {len(result['covered'])} of {total} outline items; planned {len(result['planned'])}")
    for item in result["planned"]:
        typer.echo(f"  planned: {item.zh} / {item.en} -> course/{item.notebook}")
    for p in result["problems"]:
        typer.echo(f"  problem: {p}", err=True)
    if result["problems"]:
        raise typer.Exit(1)


@app.command()
def build(
    lang: Annotated[str, typer.Option(help="zh (中文) or en")] = "zh",
    out: Annotated[str, typer.Option(help="The site's folder (created; files in it are replaced)")] = "site",
    executed: Annotated[
        str,
        typer.Option(
            help="A folder of already executed copies of the edition's course and case notebooks (same file names); "
            "default: run every notebook now"
        ),
    ] = "",
    trainer: Annotated[
        bool,
        typer.Option(
            help="With the trainer's materials and slides (--no-trainer: a copy for learners, which leaves out "
            "the model answers and the role plays' hidden objectives)"
        ),
    ] = True,
) -> None:
    """The offline course site: every notebook of the edition run and written as a static
    page (code hidden, charts and widgets shown), an index, the trainer materials with their
    PDFs and the trainer's slides. Nothing in it asks for anything outside the machine."""
    import time
    from pathlib import Path

    from receivables import site
    from receivables.i18n import LANGS

    if lang not in LANGS:
        raise typer.BadParameter(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if executed and not Path(executed).is_dir():
        raise typer.BadParameter(f"--executed: no folder {executed}")
    started = time.monotonic()
    try:
        built = site.build(
            lang,
            Path(out),
            Path(executed) if executed else None,
            materials=trainer,
            said=lambda line: typer.echo(line, err=True),
        )
    except (site.SiteError, FileNotFoundError, LookupError, RuntimeError) as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from None
    for note in built.notes:
        typer.echo(note, err=True)
    for name, reason in built.failed.items():
        typer.echo(f"{name} did not run (no page): {reason}", err=True)
    typer.echo(
        f"wrote {built.index}: {len(built.pages)} pages, {len(built.materials)} materials, "
        f"{sum(m.pdf is not None for m in built.materials)} PDFs, slides in {built.slides}; "
        f"{time.monotonic() - started:.0f} s"
    )
    if built.failed:
        raise typer.Exit(1)
