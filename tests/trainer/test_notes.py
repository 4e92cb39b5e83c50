"""Facilitator notes: one per course notebook, every discussion question answered in both
languages, minutes from the agendas, figures from the notebooks' machine record."""

from __future__ import annotations

import re

import nbformat
import pytest
from typer.testing import CliRunner

from receivables.cli import app
from receivables.course import exercise_map
from receivables.course.course_map import course_map
from receivables.course.record import MIME
from receivables.i18n import t
from receivables.trainer import notes, sources

CJK = re.compile(r"[\u4e00-\u9fff]")
NOTEBOOKS = sources.course_notebooks()


def test_notes_have_no_problem():
    assert notes.problems() == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_notebook_has_its_note(name, lang):
    page = notes.page(name, lang, None)
    questions = sources.trainer_questions(name, lang)
    assert questions, f"course/{name} has no trainer block"
    for n, q in enumerate(questions, 1):
        assert f"### {n}. {q}" in page
        assert t(notes.question_key(name, n, "answer"), lang) in page
        assert t(notes.question_key(name, n, "debrief"), lang) in page
    for part in notes.PARTS:
        assert t(notes.key(name, part), lang) in page
    assert len(re.findall(r"^- .*\d\d:\d\d–\d\d:\d\d", page, re.M)) >= 2  # in both agendas
    if lang == "zh":
        assert "Model answer" not in page and len(CJK.findall(page)) > 150


def test_a_question_without_an_answer_is_named(monkeypatch):
    real = sources.trainer_questions
    monkeypatch.setattr(
        sources,
        "trainer_questions",
        lambda name, lang="en": real(name, lang) + (["new?"] if name.startswith("05.02") else []),
    )
    assert "notes: course/05.02-Tracking-Tools.ipynb: 5 discussion questions, 4 model answers" in notes.problems()


def _executed(tmp_path, lang):
    """An executed copy of Start Here whose record holds the figures the notebook computes
    (its record cell: the course map's and the exercise map's counts)."""
    nb = nbformat.read(sources.notebook_path("00.00-Start-Here.ipynb"), as_version=4)
    contents, exercises = course_map(lang), exercise_map(lang)
    figures = {"lang": lang, "notebooks": contents.count, "chapters": contents.chapters, "exercises": exercises.count}
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[-1].outputs = [nbformat.v4.new_output("display_data", data={MIME: figures, "text/plain": ""})]
    (tmp_path / "00.00-Start-Here.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")
    return figures


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_come_from_the_executed_notebook(tmp_path, lang):
    figures = _executed(tmp_path, lang)
    read = notes.read_executed(["00.00-Start-Here.ipynb"], tmp_path)
    assert read["00.00-Start-Here.ipynb"] == figures
    page = notes.page("00.00-Start-Here.ipynb", lang, read["00.00-Start-Here.ipynb"])
    assert f"| {t('figure.notebooks', lang)} | {len(NOTEBOOKS)} |" in page
    assert f"| {t('figure.exercises', lang)} | 6 |" in page


def test_a_missing_executed_copy_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="02.00-Why-Receivables-Arise.ipynb"):
        notes.read_executed(["02.00-Why-Receivables-Arise.ipynb"], tmp_path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_writes_the_notes(tmp_path, lang):
    result = CliRunner().invoke(app, ["trainer", "notes", "--lang", lang, "--out", str(tmp_path / "out"), "--no-run"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / f"facilitator-notes-{lang}.html").read_text(encoding="utf-8")
    assert html.count('<section class="page">') == len(NOTEBOOKS) + 1
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert t("trainer.note.not_executed", lang).split("`")[0] in (
        tmp_path / "out" / f"facilitator-notes-{lang}.md"
    ).read_text(encoding="utf-8")
    if lang == "zh":
        assert len(CJK.findall(html)) > 10000


def test_cli_refuses_an_incomplete_executed_folder(tmp_path):
    _executed(tmp_path, "en")
    result = CliRunner().invoke(
        app, ["trainer", "notes", "--lang", "en", "--out", str(tmp_path / "out"), "--executed", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "no executed copy" in result.output


@pytest.mark.notebooks
def test_notes_run_a_notebook_for_its_figures(tmp_path):
    """The real thing for one notebook: papermill runs the Chinese Start Here, the note shows its record."""
    figures = notes.execute(["00.00-Start-Here.ipynb"], "zh", tmp_path)["00.00-Start-Here.ipynb"]
    assert figures["lang"] == "zh" and figures["notebooks"] == len(NOTEBOOKS)
    page = notes.page("00.00-Start-Here.ipynb", "zh", figures)
    assert f"| {t('figure.notebooks', 'zh')} | {len(NOTEBOOKS)} |" in page


def test_a_notebook_that_did_not_run_is_said_in_its_note():
    page = notes.page("03.00-The-Case.ipynb", "zh", "CellTimeoutError: A cell timed out")
    assert t("trainer.note.did_not_run", "zh").format(reason="CellTimeoutError: A cell timed out") in page
    assert notes.failed({"a": {"x": 1}, "b": "why"}) == {"b": "why"}


def test_cli_names_each_notebook_that_did_not_run(tmp_path, monkeypatch):
    """The notes are written; each notebook that did not run is named with its reason, exit 1."""
    wrote = tmp_path / "out" / "notes.html"
    failed = {"03.00-The-Case.ipynb": "NotebookFailed: a cell raised"}
    monkeypatch.setattr(notes, "write", lambda lang, out, executed, run: ([wrote], failed))
    result = CliRunner().invoke(app, ["trainer", "notes", "--lang", "en", "--out", str(tmp_path / "out"), "--no-run"])
    assert result.exit_code == 1
    assert f"wrote {wrote}" in result.output
    assert "course/03.00-The-Case.ipynb did not run, its note has no figures: NotebookFailed: a cell raised" in (
        result.output
    )


def test_cli_refuses_a_missing_executed_folder(tmp_path):
    result = CliRunner().invoke(
        app, ["trainer", "notes", "--lang", "en", "--out", str(tmp_path / "out"), "--executed", str(tmp_path / "no")]
    )
    assert result.exit_code == 2 and "no folder" in result.output
