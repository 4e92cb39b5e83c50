"""The trainer-side checks inside nbgrader's Execute (LimitedExecute calls trusted.run_test_cell)."""

from __future__ import annotations

import nbformat

from receivables.grading import trusted


def test_the_kernel_never_sees_a_hidden_test_and_cannot_decide_its_score():
    """nbgrader's Execute (LimitedExecute) on a notebook whose learner redefined the checks
    and hooked every cell the kernel is sent: the test cell's outcome is the trainer's, and
    what the kernel was sent holds no hidden test."""
    from receivables.grading.execute import LimitedExecute

    nb = nbformat.v4.new_notebook()
    attack = (
        "seen = []\nget_ipython().events.register('pre_run_cell', lambda info: seen.append(info.raw_cell))\n"
        "def expect_number(*a, **k):\n    return 1\ndef expect_close(*a, **k):\n    return None\nanswer = 'a text'"
    )
    test = (
        'expect_number(answer, "Q1")\n### BEGIN HIDDEN TESTS\n'
        'expect_close(answer, 1_000_000, "Q1", "Divide by the margin.")\n### END HIDDEN TESTS'
    )
    nb.cells = [
        nbformat.v4.new_code_cell("from receivables.grading.checks import expect_close, expect_number"),
        nbformat.v4.new_code_cell(attack),
        nbformat.v4.new_code_cell(test),
        nbformat.v4.new_code_cell("print('\\n'.join(seen))"),
    ]
    nb.cells[2].metadata["nbgrader"] = {
        "grade": True,
        "solution": False,
        "locked": True,
        "grade_id": "q1-check",
        "points": 2,
        "schema_version": 3,
    }
    nb, _ = LimitedExecute(timeout=60, kernel_name="python3").preprocess(nb, {})
    (error,) = nb.cells[2].outputs
    assert (error.ename, error.evalue) == (
        "AssertionError",
        "Q1: the answer should be a number, not str. / 答案应为数字。",
    )
    assert nb.cells[2].source == test  # the cell keeps its source (nbgrader scores and shows it)
    assert nb.cells[2].metadata[trusted.META] == {
        "kernel_visible_passed": True,
        "trainer_visible_passed": False,
        "passed": False,
    }
    assert trusted.disagreements(nb) == ["q1-check"]
    sent = "".join(o.get("text", "") for o in nb.cells[3].outputs)
    assert 'expect_number(answer, "Q1")' in sent  # the visible check was run in the kernel
    assert "HIDDEN" not in sent and "1_000_000" not in sent and "Divide by the margin" not in sent
