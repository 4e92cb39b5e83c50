"""Test cells decided on the trainer's side (receivables.grading.trusted)."""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import pytest

from receivables.grading import trusted

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = sorted((ROOT / "solutions").glob("*/*.ipynb"))


def _test_cells(path: Path):
    return [c for c in nbformat.read(path, as_version=4).cells if trusted.is_test_cell(c)]


def _expected(test: trusted.TestCell) -> object:
    """The value the hidden check expects (the model answer)."""
    (hidden,) = [c for c in test.checks if not c.visible]
    return hidden.args[0]


def test_every_test_cell_of_the_kit_can_be_decided_outside_the_kernel():
    assert len(SOLUTIONS) == 12
    seen = 0
    for path in SOLUTIONS:
        for cell in _test_cells(path):
            test = trusted.parse_test(cell.source)
            assert test.visible and len(test.checks) == 2, (path, cell.source)
            assert test.answers == [test.checks[0].answer] and test.answers[0] in (
                "answer",
                *(f"q{i}.value" for i in range(1, 9)),
            )
            visible = trusted.visible_source(cell.source)
            hint = [c for c in test.checks if not c.visible][0].args[2]
            assert "HIDDEN" not in visible and "expect_c" not in visible and hint not in visible, visible
            seen += 1
    assert seen >= 50


def test_the_model_answers_pass_and_others_fail_with_the_checks_message():
    for path in SOLUTIONS:
        for cell in _test_cells(path):
            test = trusted.parse_test(cell.source)
            key = test.answers[0]
            right = {key: _expected(test)}
            assert trusted.run_checks(test.checks, right) == trusted.Outcome(True), (path, cell.source)
            wrong_value = "no such option" if isinstance(_expected(test), str) else _expected(test) * 3 + 1000
            out = trusted.run_checks(test.checks, {key: wrong_value})
            assert not out.passed and out.ename == "AssertionError"
            assert ("还不对" in out.evalue or "not yet right" in out.evalue) and "expect_" not in out.evalue
            (error,) = out.outputs()
            assert error.output_type == "error" and error.traceback == [f"AssertionError: {out.evalue}"]
            # The visible check alone passes a wrong number: only the hidden one knows the answer.
            assert trusted.run_checks(test.visible, {key: wrong_value}).passed


def test_unanswered_and_not_a_number():
    test = trusted.parse_test(
        'expect_number(answer, "Q1")\n### BEGIN HIDDEN TESTS\nexpect_close(answer, 10, "Q1", "hint")\n### END HIDDEN TESTS'
    )
    for value, words in [
        (Ellipsis, "replace the three dots"),
        (None, "not answered yet"),
        ("10", "not str"),
        (True, "not bool"),
        (trusted._stand_in("DataFrame"), "not DataFrame"),
        (math.nan, "not a finite"),
    ]:
        out = trusted.run_checks(test.checks, {"answer": value})
        assert not out.passed and words in out.evalue, (value, out)
    missing = trusted.run_checks(test.checks, {"answer": trusted.Missing("NameError", "name 'answer' is not defined")})
    assert (missing.ename, missing.evalue) == ("NameError", "name 'answer' is not defined")
    assert trusted.run_checks(test.checks, {}).ename == "NameError"
    assert trusted.run_checks(test.checks, {"answer": 10.2}).passed


@pytest.mark.parametrize(
    "source",
    [
        "import os\nexpect_number(answer, 'Q1')",
        "expect_number(answer, 'Q1')\nprint(answer)",
        "expect_close(answer, EXPECTED, 'Q1', 'h')",
        "expect_number(compute(), 'Q1')",
        "expect_number(q1.widget, 'Q1')",
        "expect_number(*args)",
        "expect_close(answer, 1, 'Q1', 'h', **opts)",
        "expect_number = print\nexpect_number(answer, 'Q1')",
        "",
        "expect_number(answer, 'Q1'",
    ],
)
def test_any_other_test_cell_is_refused(source):
    with pytest.raises(trusted.TestCellError):
        trusted.parse_test(source)


def test_plain_values_only():
    ok = {"status": "ok", "data": {"text/plain": "'float'"}}

    def value(text: str, type_name: str = "float"):
        return trusted.plain_value(
            {"status": "ok", "data": {"text/plain": repr(type_name)}}, {"status": "ok", "data": {"text/plain": text}}
        )

    assert value("46.25") == 46.25 and value("1000000") == 1_000_000 and value("-0.606") == -0.606
    assert value("'Huahong Power 华宏电力'", "str") == "Huahong Power 华宏电力"
    assert value("None", "NoneType") is None and value("Ellipsis", "ellipsis") is Ellipsis
    assert value("inf") == math.inf and math.isnan(value("nan"))
    # Not plain data: a stand-in named like the learner's type, never evaluated.
    for text, type_name in [
        ("np.float64(46.25)", "float64"),
        ("__import__('os').system('true')", "int"),
        ("[1, 2]", "list"),
        ("{'a': 1}", "dict"),
        ("1" * (trusted.MAX_VALUE_CHARS + 1), "int"),
        ("<object at 0x7f>", "Cheat"),
    ]:
        got = value(text, type_name)
        assert type(got) not in trusted.PLAIN and type(got).__name__ == type_name, (text, got)
    missing = trusted.plain_value(ok, {"status": "error", "ename": "NameError", "evalue": "name 'q4' is not defined"})
    assert missing == trusted.Missing("NameError", "name 'q4' is not defined")
    assert isinstance(trusted.plain_value(None, None), trusted.Missing)


def test_values_asked_from_a_real_kernel():
    """The kernel answers with plain data: numpy scalars as numbers, a widget's value, an
    error for an undefined name; its own objects come back as stand-ins."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import numpy as np\nanswer = np.float64(46.25)\nclass W:\n    value = 'C0021'\nq1 = W()\n"
            "class Cheat(float):\n    def __eq__(self, other):\n        return True\nq2 = W()\nq2.value = Cheat(1)\n"
            "class Broken:\n    @property\n    def value(self):\n        raise RuntimeError('no')\nq3 = Broken()"
        )
    ]
    client = NotebookClient(nb, kernel_name="python3", timeout=30)
    with client.setup_kernel():
        client.execute_cell(nb.cells[0], 0)
        values = trusted.ask_values(client, ["answer", "q1.value", "q2.value", "q3.value", "nothing"])
    assert values["answer"] == 46.25 and type(values["answer"]) is float
    assert values["q1.value"] == "C0021"
    assert type(values["q2.value"]) is float and values["q2.value"] == 1.0  # its repr, not its __eq__
    assert values["q3.value"] == trusted.Missing("RuntimeError", "no")
    assert values["nothing"].ename == "NameError"


def test_disagreements_are_read_from_the_cells_metadata():
    nb = nbformat.v4.new_notebook()
    cells = []
    for gid, meta in [
        ("q1-check", {"kernel_visible_passed": True, "trainer_visible_passed": False, "passed": False}),
        ("q2-check", {"kernel_visible_passed": True, "trainer_visible_passed": True, "passed": False}),
        ("q3-check", {"kernel_visible_passed": False, "trainer_visible_passed": True, "passed": True}),
        ("q4-check", {"passed": False, "test_error": "line 1: only calls"}),
    ]:
        cell = nbformat.v4.new_code_cell("")
        cell.metadata = {"nbgrader": {"grade_id": gid, "grade": True}, trusted.META: meta}
        cells.append(cell)
    nb.cells = cells
    assert trusted.disagreements(nb) == ["q1-check", "q3-check"]
    assert trusted.untestable(nb) == ["q4-check"]


def test_problems_for_the_trainer(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.metadata = {
        "nbgrader": {"grade_id": "q2-check", "grade": True},
        trusted.META: {"kernel_visible_passed": True, "trainer_visible_passed": False, "passed": False},
    }
    nb.cells = [cell]
    path = tmp_path / "autograded.ipynb"
    nbformat.write(nb, path)
    (found,) = trusted.problems(path)
    assert found.startswith("checks disagree on q2-check:") and "the trainer's outcome is the score" in found
    assert trusted.problems(tmp_path / "none.ipynb") == []
