"""Facilitator notes per course notebook (培训师手册): objective, minutes (from the agendas),
how to run it in the room, each discussion question of the notebook's trainer block with a
model answer and debrief points, common learner mistakes, and the figures learners should
reach, read from the notebook's machine record (`receivables.course.record`) in an
executed copy: never typed twice.

The words are texts, keyed by the notebook's number: `trainer.note.<CC.SS>.objective|run|
mistakes` and `trainer.note.<CC.SS>.q<n>.answer|debrief` for the n-th question of the
trainer block. `problems()` fails when a notebook gains or loses a question (or a note
names a notebook that is gone).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from receivables import kernels
from receivables.course import notebooks as nbs
from receivables.course.record import _shown, recorded
from receivables.i18n import check_lang, has, t, texts
from receivables.i18n.editions import edition
from receivables.trainer import agenda, render, sources

PARTS = ("objective", "run", "mistakes")
ANSWER_PARTS = ("answer", "debrief")
PREFIX = "trainer.note."
CELL_TIMEOUT = 300
_NOTE_KEY = re.compile(r"^trainer\.note\.(\d\d\.\d\d)\.")


def number(notebook: str) -> str:
    return notebook[:5]


def key(notebook: str, part: str) -> str:
    return f"{PREFIX}{number(notebook)}.{part}"


def question_key(notebook: str, n: int, part: str) -> str:
    return f"{PREFIX}{number(notebook)}.q{n}.{part}"


def problems(base: Path | None = None) -> list[str]:
    """A course notebook without its note texts, a trainer block whose questions and model
    answers do not match one to one (in either edition), a note of a notebook that is gone."""
    out: list[str] = []
    names = sources.course_notebooks(base)
    for name in names:
        out += [f"notes: course/{name}: text {key(name, p)} is missing" for p in PARTS if not has(key(name, p))]
        asked = {lang: len(sources.trainer_questions(name, lang)) for lang in ("en", "zh")}
        if asked["en"] != asked["zh"]:
            out.append(f"notes: course/{name}: {asked['en']} questions in English, {asked['zh']} in Chinese")
        answered = 0
        while has(question_key(name, answered + 1, "answer")):
            answered += 1
        if answered != asked["en"]:
            out.append(f"notes: course/{name}: {asked['en']} discussion questions, {answered} model answers")
        out += [
            f"notes: course/{name}: text {question_key(name, n, p)} is missing"
            for n in range(1, answered + 1)
            for p in ANSWER_PARTS
            if not has(question_key(name, n, p))
        ]
    numbers = {number(n) for n in names}
    noted = {m[1] for k in texts.english() if (m := _NOTE_KEY.match(k))}
    stale = sorted(noted - numbers)
    out += [f"notes: texts for notebook {n}, which no longer exists in course/" for n in stale]
    return out


def execute(notebooks: list[str], lang: str, folder: Path) -> dict[str, dict[str, Any] | str]:
    """Run each notebook's edition with its defaults (papermill in a child process, a fresh
    kernel on unix sockets: receivables.kernels, in ``folder``) and read the figures it recorded; a notebook that does not run gives the
    reason (a text) instead of its figures."""
    out: dict[str, dict[str, Any] | str] = {}
    for name in notebooks:
        source = edition(sources.notebook_path(name), lang)
        target = folder / name
        try:
            kernels.execute_apart(source, target, folder, timeout=CELL_TIMEOUT)
        except kernels.NotebookFailed as failed:
            out[name] = failed.reason
            continue
        out[name] = recorded(nbs.read(target))
    return out


def read_executed(notebooks: list[str], folder: Path) -> dict[str, dict[str, Any]]:
    """The figures recorded in already executed copies (``folder``/<notebook name>)."""
    missing = [n for n in notebooks if not (folder / n).is_file()]
    if missing:
        raise FileNotFoundError(f"no executed copy in {folder} of: {', '.join(missing)}")
    return {n: recorded(nbs.read(folder / n)) for n in notebooks}


def figure_rows(figures: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """(label, value as learners read it) of every labelled figure the notebook recorded."""
    rows = []
    for k, value in figures.items():
        if has(f"figure.{k}"):
            shown = _shown(k, value, lang)
            if shown is not None:
                rows.append((t(f"figure.{k}", lang), shown))
    return rows


def _minutes(name: str, lang: str) -> list[str]:
    return [
        t("trainer.note.minutes_line", lang).format(
            days=days,
            day=day,
            start=start,
            end=end,
            title=t(block.keys[0], lang),
            minutes=block.minutes,
            cut=block.cut,
            shared=len(block.notebooks),
        )
        for days, day, start, end, block in agenda.timed_blocks([name])
    ]


def page(name: str, lang: str, figures: Mapping[str, Any] | str | None) -> str:
    check_lang(lang)
    lines = [
        f"# {sources.notebook_title(name, lang)}",
        "",
        f"**{t('trainer.note.objective', lang)}** {t(key(name, 'objective'), lang)}",
        "",
        f"## {t('trainer.note.timing', lang)}",
        "",
    ]
    lines += [f"- {line}" for line in _minutes(name, lang)] or [t("trainer.note.not_in_agenda", lang)]
    lines += ["", f"## {t('trainer.note.run', lang)}", "", t(key(name, "run"), lang), ""]
    questions = sources.trainer_questions(name, lang)
    if questions:
        lines += [f"## {t('trainer.note.discussion', lang)}", ""]
        for n, q in enumerate(questions, 1):
            lines += [
                f"### {n}. {q}",
                "",
                f"**{t('trainer.note.answer', lang)}** {t(question_key(name, n, 'answer'), lang)}",
                "",
                f"**{t('trainer.note.debrief', lang)}** {t(question_key(name, n, 'debrief'), lang)}",
                "",
            ]
    lines += [f"## {t('trainer.note.mistakes', lang)}", "", t(key(name, "mistakes"), lang), ""]
    rows = figure_rows(figures, lang) if isinstance(figures, Mapping) else []
    lines += [f"## {t('trainer.note.figures', lang)}", ""]
    if isinstance(figures, str):
        lines.append(t("trainer.note.did_not_run", lang).format(reason=render.cell(figures)))
    elif rows:
        lines += [
            t("trainer.note.figures_intro", lang),
            "",
            f"| {t('figures_table.name', lang)} | {t('figures_table.value', lang)} |",
            "|---|---:|",
        ]
        lines += [f"| {render.cell(label)} | {render.cell(value)} |" for label, value in rows]
    else:
        lines.append(t("trainer.note.no_figures" if figures is not None else "trainer.note.not_executed", lang))
    return "\n".join(lines)


def pages(lang: str, figures: Mapping[str, Mapping[str, Any] | str] | None = None) -> list[str]:
    check_lang(lang)
    names = sources.course_notebooks()
    first = f"# {t('trainer.note.title', lang)}\n\n{t('trainer.note.how', lang)}"
    return [first, *(page(n, lang, None if figures is None else figures.get(n)) for n in names)]


def write(lang: str, out: Path, executed: Path | None = None, run: bool = True) -> tuple[list[Path], dict[str, str]]:
    """facilitator-notes-<lang>.html and .md in ``out``. The figures come from executed
    copies in ``executed`` if given, else from running every course notebook now (``run``;
    without either, the notes say the figures were not computed). Returns the files written
    and the notebooks that did not run (their notes say so)."""
    names = sources.course_notebooks()
    if executed is not None:
        figures = read_executed(names, executed)
    elif run:
        with tempfile.TemporaryDirectory(prefix="trainer-notes-") as folder:
            figures = execute(names, lang, Path(folder))
    else:
        figures = None
    paths = render.write(out, f"facilitator-notes-{lang}", t("trainer.note.title", lang), pages(lang, figures), lang)
    return paths, failed(figures or {})


def failed(figures: Mapping[str, Any]) -> dict[str, str]:
    """The notebooks that did not run, with the reason."""
    return {n: f for n, f in figures.items() if isinstance(f, str)}
