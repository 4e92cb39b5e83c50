"""Manual grading as the README tells trainers to do it: in `make lab`'s JupyterLab, the
*Nbgrader → Formgrader* menu opens the formgrader; under *Manual Grading* the trainer opens
a learner's submission of the collection-scripts exercise, sees the rubric above the written
answer, types a score and a comment; the gradebook then holds them and the total counts
the score, while the other written answer stays pending."""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from receivables.grading import nbgrader_run as ng

from ..grading.submissions import make_submission

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENT, NOTEBOOK = "06-collection-scripts", "collection-scripts.ipynb"
STUDENT = "wang-fang"
SPEC = {
    "wrong": {
        "recorded": {"q1-answer": {"q1": "clarify"}, "q2-answer": {"q2": "method"}},
        "answers": {
            "q3-answer": "✏️ **Q3, my scripts · 我的话术**\n\n**1.** I understand cash is tight: how much can you pay on Friday?",
            "q4-answer": "✏️ **Q4, my scripts · 我的话术**\n\n**1.** You promised twice: I need a date in writing today.",
        },
    }
}

pytestmark = pytest.mark.browser


def _autograded_submission(work: Path) -> None:
    """A learner's returned notebook, autograded into the lab's own gradebook (.nbgrader/)."""
    ng.release(work, ASSIGNMENT)  # puts the assignment in the gradebook, as `make release` does
    nb = make_submission(
        "submitted-wrong", ROOT / "exercises" / ASSIGNMENT / NOTEBOOK, ROOT / "solutions" / ASSIGNMENT / NOTEBOOK, SPEC
    )
    target = work / ".nbgrader" / "submitted" / STUDENT / ASSIGNMENT
    target.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target / NOTEBOOK)
    ng.run(["autograde", ASSIGNMENT, "--student", STUDENT, "--create", "--force"], work)


def _grades(work: Path) -> tuple[dict[str, tuple], str | None, float]:
    with Gradebook(f"sqlite:///{work / '.nbgrader' / 'gradebook.db'}") as gb:
        sub = gb.find_submission_notebook(Path(NOTEBOOK).stem, ASSIGNMENT, STUDENT)
        grades = {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade) for g in sub.grades}
        comment = gb.find_comment("q3-answer", Path(NOTEBOOK).stem, ASSIGNMENT, STUDENT).manual_comment
        return grades, comment, gb.find_submission(ASSIGNMENT, STUDENT).score


def test_trainer_grades_a_written_answer_in_the_formgrader(page, lab):
    base, token, work = lab
    _autograded_submission(work)
    grades, _comment, total = _grades(work)
    assert grades["q3-answer"] == (None, None, True) and grades["q4-answer"] == (None, None, True)
    assert total == 1.0  # Q1 right, Q2 wrong: the autograded part only, scripts pending

    # Nbgrader → Formgrader, as in the README.
    page.goto(f"{base}/lab?reset&token={token}")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Nbgrader$")).click(timeout=60_000)
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Formgrader$")).click()
    grader = page.frame_locator("iframe").first
    grader.get_by_text("Manage Assignments").first.wait_for(timeout=60_000)
    grader.get_by_role("link", name="Manual Grading").click()
    grader.get_by_role("link", name=ASSIGNMENT, exact=True).click()
    grader.get_by_role("link", name=Path(NOTEBOOK).stem, exact=True).click()
    grader.get_by_role("link", name="Submission #1").click()

    # The rubric is on the page, right above the written answer and its score box.
    grader.get_by_text("Rubric · 评分标准 (4 points").wait_for(timeout=60_000)
    assert grader.get_by_text("I understand cash is tight").is_visible()
    # The formgrader marks the score boxes still to grade once it has loaded the grades.
    score = grader.locator("input.score.needs_manual_grade#q3-answer")
    score.wait_for(timeout=60_000)
    score.fill("3.5")
    score.press("Tab")  # a change event saves the score
    comment = grader.locator("textarea#q3-answer-comment")
    comment.fill("Good LSCP opening; end with an amount and a date. 结尾请写明金额和日期。")
    comment.press("Tab")

    deadline = time.time() + 30
    while time.time() < deadline:
        grades, comment_text, total = _grades(work)
        if grades["q3-answer"][1] == 3.5 and comment_text:
            break
        time.sleep(0.5)
    assert grades["q3-answer"] == (None, 3.5, False)
    assert comment_text.startswith("Good LSCP opening")
    assert grades["q4-answer"] == (None, None, True)  # the other written answer is still to grade
    assert total == 4.5  # 1 autograded + 3.5 given by hand
