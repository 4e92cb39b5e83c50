"""Widget answers: the record follows the slider, and a recorded choice is recovered."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from receivables.grading import answers as ans
from receivables.grading.recover import RecoverWidgetAnswers

ROOT = Path(__file__).resolve().parents[2]


def _outputs_of(nb):
    return [o for c in nb.cells for o in c.get("outputs", [])]


def test_slider_records_its_value_and_preload_wins(monkeypatch):
    updates = []
    monkeypatch.setattr(
        ans.WidgetAnswer, "_changed", lambda self, ch: (setattr(self, "answered", True), updates.append(self._bundle()))
    )
    q = ans.answer_slider("qx", ..., min=0, max=36)
    assert q.value is None and not q.answered  # the release's placeholder: not answered
    q.widget.value = 9
    assert q.value == 9 and updates[-1][ans.MIME] == {"question": "qx", "value": 9}
    typed = ans.answer_slider("qy", 4, min=0, max=36)
    assert typed.value == 4  # a typed answer counts
    monkeypatch.setitem(ans._PRELOADED, "qy", 6)
    assert ans.answer_slider("qy", 4, min=0, max=36).value == 6  # the recorded choice wins


def test_recover_turns_records_into_a_first_cell():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("q4 = answer_slider('q4', ...)")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={ans.MIME: {"question": "q4", "value": 5}}),
        nbformat.v4.new_output("display_data", data={ans.MIME: {"question": "q4", "value": 6}}),
        nbformat.v4.new_output("display_data", data={ans.MIME: {"question": "q5", "value": None}}),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), cell]
    assert ans.recorded_answers(nb) == {"q4": 6}
    out, _ = RecoverWidgetAnswers().preprocess(nb, {})
    assert out.cells[0].metadata["tags"] == [ans.RECOVERED_TAG]
    namespace: dict = {}
    exec(out.cells[0].source, namespace)  # the cell really preloads the value
    assert ans._PRELOADED["q4"] == 6
    # Running twice (validate, then autograde) leaves one recovery cell.
    again, _ = RecoverWidgetAnswers().preprocess(out, {})
    assert sum(ans.RECOVERED_TAG in c.metadata.get("tags", []) for c in again.cells) == 1
    ans._PRELOADED.clear()


def test_dropdown_records_its_choice_and_preload_wins(monkeypatch):
    updates = []
    monkeypatch.setattr(
        ans.WidgetAnswer,
        "_changed",
        lambda self, ch: (setattr(self, "answered", self.widget.value is not None), updates.append(self._bundle())),
    )
    options = [
        ("Able and willing · 有能力有意愿", "able_willing"),
        ("Able but unwilling · 有能力无意愿", "able_unwilling"),
    ]
    q = ans.answer_dropdown("qd", options)
    assert q.value is None and not q.answered and q.widget.value is None  # the release: nothing chosen
    assert "choose your answer" in q._bundle()["text/markdown"]
    q.widget.value = "able_unwilling"
    assert q.value == "able_unwilling" and updates[-1][ans.MIME] == {"question": "qd", "value": "able_unwilling"}
    assert "Able but unwilling" in updates[-1]["text/markdown"]  # the learner reads the label, the value is graded
    assert ans.answer_dropdown("qe", ["x", "y"], "y").value == "y"  # the model solution's choice counts
    monkeypatch.setitem(ans._PRELOADED, "qe", "x")
    assert ans.answer_dropdown("qe", ["x", "y"], "y").value == "x"  # the recorded choice wins
    monkeypatch.setitem(ans._PRELOADED, "qe", "z")  # an option that is no longer in the list
    assert ans.answer_dropdown("qe", ["x", "y"]).value is None
    with pytest.raises(ValueError, match="not one of the options"):
        ans.answer_dropdown("qf", ["x", "y"], "z")
    with pytest.raises(ValueError, match="at least one option"):
        ans.answer_dropdown("qf", [])


@pytest.mark.grading
@pytest.mark.parametrize("choice, points", [("Huahong Power 华宏电力", 1.0), ("Jinqiao Trading 金桥机电", 0.0)])
def test_dropdown_choice_is_what_autograde_grades(tmp_path, choice, points):
    """A learner runs the released aging exercise, chooses in the Q5 list (the widget's
    value changes in the kernel, as a click does) and saves; nbgrader autogrades the
    saved file without replaying anything, and Q5 scores exactly when the choice is right."""
    from nbclient import NotebookClient
    from nbgrader.api import Gradebook

    from receivables.grading import nbgrader_run as ng

    assignment, notebook = "02-aging", "aging.ipynb"
    learner_dir = tmp_path / "learner"
    shutil.copytree(ROOT / "exercises" / assignment, learner_dir)
    nb = nbformat.read(learner_dir / notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=True,  # unanswered checks fail
        resources={"metadata": {"path": str(learner_dir)}},
    )
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        click = nbformat.v4.new_code_cell(f"q5.widget.value = {choice!r}")
        nb.cells.append(click)
        client.execute_cell(click, len(nb.cells) - 1)
        nb.cells.remove(click)
    assert ans.recorded_answers(nb) == {"q5": choice}, "the saved notebook does not carry the choice"
    nbformat.write(nb, learner_dir / notebook)

    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / assignment, course / "solutions" / assignment)
    ng.release(course, assignment)
    submitted = course / ".nbgrader" / "submitted" / "learner" / assignment
    submitted.mkdir(parents=True)
    shutil.copy(learner_dir / notebook, submitted / notebook)
    ng.run(["autograde", assignment, "--create", "--force"], course)
    with Gradebook(f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}") as gb:
        assert gb.find_grade("q5-check", "aging", assignment, "learner").score == points
        assert gb.find_grade("q3-check", "aging", assignment, "learner").score == 0  # never moved: unanswered


def test_the_record_reads_in_each_edition():
    en = ans.answer_slider("q4", 6, min=0, max=36, unit="months")
    assert en._bundle()["text/markdown"] == (
        "✅ Recorded answer Q4: **6.0 months**: save the notebook (Ctrl + S). / 已记录答案,请保存。"
    )
    zh = ans.answer_slider("q4", ..., min=0, max=36, description="月数")
    assert zh._bundle()["text/markdown"] == "✏️ 第4题:请拖动滑块作答。"
    zh.answered = True
    assert zh._bundle()["text/markdown"] == "✅ 已记录第4题的答案:**0.0**。请保存笔记本(Ctrl + S)。"
    assert ans.answer_dropdown("q5", ["x", "y"])._bundle()["text/markdown"] == (
        "✏️ Q5: choose your answer in the list. / 请在列表中选择答案。"
    )
