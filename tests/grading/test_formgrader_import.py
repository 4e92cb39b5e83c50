"""Manual grading after `receivables grade --formgrader`: the written answers of the
collection-scripts exercise stay pending (blank in the grade sheet, left out of the total),
the graded learners appear in the kit's own gradebook for the formgrader, a score given by
hand counts in nbgrader's export, and grading the room again keeps it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from receivables.grading import batch
from receivables.grading import nbgrader_run as ng

from .assignment import ROOT, spec
from .submissions import make_submission

ASSIGNMENT, NOTEBOOK = "06-collection-scripts", "collection-scripts.ipynb"
SPEC = spec(ASSIGNMENT)
WRITTEN = ["q3-answer", "q4-answer"]

pytestmark = pytest.mark.grading


@pytest.fixture(scope="module")
def graded_room(tmp_path_factory):
    kit = tmp_path_factory.mktemp("kit")
    shutil.copy(ROOT / "nbgrader_config.py", kit)
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder / ASSIGNMENT, kit / folder / ASSIGNMENT)
    returned = kit / "returned"
    returned.mkdir()
    for learner, scenario in [("li-lei", "correct"), ("han-mei", "wrong"), ("zhao-qiang", "unchanged")]:
        nb = make_submission(
            f"submitted-{scenario}",
            kit / "exercises" / ASSIGNMENT / NOTEBOOK,
            kit / "solutions" / ASSIGNMENT / NOTEBOOK,
            SPEC,
        )
        nbformat.write(nb, returned / f"{learner}_{NOTEBOOK}")
    report = batch.grade(returned, ASSIGNMENT, kit / "out", root=kit, timeout_s=60, formgrader=True)
    return kit, report


def test_written_answers_are_pending_in_the_grade_sheet(graded_room):
    kit, report = graded_room
    by = report.by_learner()
    assert by["li-lei"].total == SPEC["auto_max_score"] and by["li-lei"].pending == WRITTEN
    assert by["han-mei"].total == SPEC["wrong"]["score"] and by["han-mei"].pending == WRITTEN
    assert by["zhao-qiang"].total == 0 and by["zhao-qiang"].pending == []  # nothing written: 0
    with (kit / "out" / "grades.csv").open(encoding="utf-8-sig") as fh:
        rows = {r["learner"]: r for r in csv.DictReader(fh)}
    assert rows["li-lei"]["q3-answer"] == batch.PENDING and rows["li-lei"]["q1-check"] == "1.0"
    assert batch.PENDING in rows["li-lei"]["status"] and "q4-answer" in rows["li-lei"]["status"]
    assert rows["zhao-qiang"]["q3-answer"] == "0.0" and rows["zhao-qiang"]["status"] == "graded"
    # The committed release was left alone (the gradebook learnt the assignment from a scratch release).
    assert (kit / "exercises" / ASSIGNMENT / NOTEBOOK).read_bytes() == (
        ROOT / "exercises" / ASSIGNMENT / NOTEBOOK
    ).read_bytes()


def test_the_formgrader_gets_the_learners_and_a_hand_score_counts(graded_room):
    kit, report = graded_room
    url = f"sqlite:///{kit / '.nbgrader' / 'gradebook.db'}"
    stem = Path(NOTEBOOK).stem
    for learner in ("li-lei", "han-mei", "zhao-qiang"):
        assert (kit / ".nbgrader" / "autograded" / learner / ASSIGNMENT / NOTEBOOK).is_file()
        assert (kit / ".nbgrader" / "submitted" / learner / ASSIGNMENT / NOTEBOOK).is_file()
    with Gradebook(url) as gb:
        sub = gb.find_submission(ASSIGNMENT, "li-lei")
        assert sub.needs_manual_grade and sub.score == SPEC["auto_max_score"]
        assert not gb.find_submission(ASSIGNMENT, "zhao-qiang").needs_manual_grade
        # The trainer's score and comment, as the formgrader stores them.
        grade = gb.find_grade("q3-answer", stem, ASSIGNMENT, "li-lei")
        grade.manual_score, grade.needs_manual_grade = 3.5, False
        gb.find_comment("q3-answer", stem, ASSIGNMENT, "li-lei").manual_comment = "End with a date."
        gb.db.commit()

    # Importing the room again (e.g. a late notebook) keeps what the trainer gave by hand.
    batch.import_to_formgrader(report, kit)
    with Gradebook(url) as gb:
        assert gb.find_grade("q3-answer", stem, ASSIGNMENT, "li-lei").manual_score == 3.5
        assert gb.find_submission(ASSIGNMENT, "li-lei").score == SPEC["auto_max_score"] + 3.5

    # nbgrader's export (the README's last step) has the hand score in the total.
    ng.run(["export", "--to", str(kit / "final.csv")], kit)
    with (kit / "final.csv").open(encoding="utf-8") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh) if r["assignment"] == ASSIGNMENT}
    assert float(rows["li-lei"]["raw_score"]) == SPEC["auto_max_score"] + 3.5
    assert float(rows["han-mei"]["raw_score"]) == SPEC["wrong"]["score"]
    assert float(rows["li-lei"]["max_score"]) == SPEC["max_score"]

    # Feedback generated after manual grading carries the trainer's comment, never a hidden test.
    ng.run(["generate_feedback", ASSIGNMENT, "--force"], kit)
    html = (kit / ".nbgrader" / "feedback" / "li-lei" / ASSIGNMENT / f"{stem}.html").read_text(encoding="utf-8")
    assert "End with a date." in html
    assert ng.leaks(html, nbformat.read(kit / "solutions" / ASSIGNMENT / NOTEBOOK, as_version=4), solutions=False) == []
