"""The proof that a widget answer is really graded: in JupyterLab, a learner runs the
exercise's cells, moves the Q4 slider, saves; the saved notebook is submitted and
autograded by nbgrader, and Q4 scores exactly when the slider was on the right value."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from receivables.grading import nbgrader_run as ng
from receivables.grading.answers import MIME

from .labpage import open_notebook, run_cell_containing, set_slider

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENT, NOTEBOOK = "01-overdue-and-profit", "overdue-and-profit.ipynb"

pytestmark = pytest.mark.browser


def saved_choice(path: Path) -> object:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if MIME in out.get("data", {}):
                return out["data"][MIME]["value"]
    return None


@pytest.mark.parametrize("choice, points", [(6, 1.0), (12, 0.0)])
def test_slider_choice_is_what_autograde_grades(page, lab, tmp_path, choice, points):
    base, token, work = lab
    path = work / "exercises" / ASSIGNMENT / NOTEBOOK
    shutil.copy(ROOT / "exercises" / ASSIGNMENT / NOTEBOOK, path)  # a fresh copy per learner
    open_notebook(page, lab, f"exercises/{ASSIGNMENT}/{NOTEBOOK}")
    run_cell_containing(page, "import answer_slider")
    run_cell_containing(page, 'q4 = answer_slider("q4"')
    set_slider(page, "months", choice)
    page.get_by_text(f"Recorded answer Q4: {float(choice)}").wait_for(timeout=30_000)
    page.locator(".jp-Notebook").click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+S")
    deadline = time.time() + 30
    while saved_choice(path) != choice and time.time() < deadline:
        time.sleep(0.5)
    assert saved_choice(path) == choice, "the saved notebook does not carry the slider's choice"

    # The trainer's side: submit the saved file as it is and autograde it.
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions", course / "solutions")
    ng.release(course, ASSIGNMENT)
    submitted = course / ".nbgrader" / "submitted" / "learner" / ASSIGNMENT
    submitted.mkdir(parents=True)
    shutil.copy(path, submitted / NOTEBOOK)
    ng.run(["autograde", ASSIGNMENT, "--create", "--force"], course)
    with Gradebook(f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}") as gb:
        q4 = gb.find_grade("q4-check", "overdue-and-profit", ASSIGNMENT, "learner").score
    assert q4 == points
    graded = nbformat.read(course / ".nbgrader" / "autograded" / "learner" / ASSIGNMENT / NOTEBOOK, as_version=4)
    assert graded.cells[0].metadata["tags"] == ["receivables-recovered-answers"]
