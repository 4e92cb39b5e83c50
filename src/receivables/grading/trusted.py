"""Test cells decided on the trainer's side, never in full in the learner's kernel.

During autograde, nbgrader's Execute (``LimitedExecute``) hands every test cell (nbgrader
``grade: true``, not a solution, with a ``grade_id``) to `run_test_cell`, which runs in
nbgrader's own process, outside the learner's sandbox:

1. The cell's source is the master copy's (nbgrader's OverwriteCells restored it), so it
   is trusted; it is parsed with `ast` and must be a list of calls of the kit's checks
   (``expect_number``, ``expect_close``, ``expect_answered``, ``expect_choice``) whose
   first argument is the answer (``answer``, ``q4.value``) and whose other arguments are
   literals. A cell of any other shape is not run at all and scores 0 (`TestCellError`;
   tests/grading/test_trusted.py checks that every test cell of solutions/ has this shape).
2. The kernel runs the VISIBLE part only (the lines outside the HIDDEN TESTS markers),
   so the notebook's own outcome is known; hidden tests, their expected values and hints
   never reach the kernel.
3. The kernel is asked for the answers' values alone, as plain data (an execute request
   with empty code and ``user_expressions``); the text it sends back is read with
   `ast.literal_eval` into int, float, str, bool, None or Ellipsis. Anything else becomes
   a stand-in that is none of these (so ``expect_number`` says "should be a number").
4. The whole cell (visible and hidden) runs here, against the real checks of
   `receivables.grading.checks` and those values; its outcome becomes the cell's only
   output, as nbgrader's SaveAutoGrades scores it: an ``error`` output (the check's
   message, no source line) or nothing.

What the kernel does to its own test run (redefined checks, IPython input transformers,
hooks that read or rewrite the cell) cannot change a score: at most it can report a
value, which a learner could as well have typed. When the visible checks passed in the
kernel but not here, or the reverse, the cell's metadata says so (``receivables``:
``kernel_visible_passed``, ``trainer_visible_passed``, ``passed``); the batch lists it
as "checks disagree" for the trainer to review (`disagreements`). The score is this
side's outcome.
"""

from __future__ import annotations

import ast
import copy
import math
import re
from dataclasses import dataclass, field
from typing import Any

from nbformat.v4 import new_output

from receivables.grading import checks

HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"
CHECKS = {name: getattr(checks, name) for name in ("expect_number", "expect_close", "expect_answered", "expect_choice")}
META = "receivables"
MAX_VALUE_CHARS = 10_000  # a longer answer text is not an answer any check of the kit expects


class TestCellError(ValueError):
    """A test cell this module cannot run outside the kernel (not made of the kit's checks)."""


@dataclass(frozen=True)
class Check:
    function: str
    answer: str  # the answer expression as written: "answer", "q4.value"
    args: tuple[Any, ...]  # the literal arguments after the answer
    kwargs: tuple[tuple[str, Any], ...]
    visible: bool


@dataclass
class Outcome:
    passed: bool
    ename: str = ""
    evalue: str = ""

    def outputs(self) -> list:
        if self.passed:
            return []
        # No source line: the message is the check's own sentence (see checks.py).
        return [new_output("error", ename=self.ename, evalue=self.evalue, traceback=[f"{self.ename}: {self.evalue}"])]


@dataclass
class Missing:
    """An answer the kernel could not give (the name is not defined, its .value raised)."""

    ename: str
    evalue: str


@dataclass
class TestCell:
    checks: list[Check] = field(default_factory=list)

    @property
    def answers(self) -> list[str]:
        return list(dict.fromkeys(c.answer for c in self.checks))

    @property
    def visible(self) -> list[Check]:
        return [c for c in self.checks if c.visible]


# ---------------------------------------------------------------- the cell's source


def hidden_lines(source: str) -> set[int]:
    """Line numbers (1-based) inside a hidden-test region, markers included."""
    hidden, inside = set(), False
    for number, line in enumerate(source.splitlines(), start=1):
        if HIDDEN_BEGIN in line:
            inside = True
        if inside:
            hidden.add(number)
        if HIDDEN_END in line:
            inside = False
    return hidden


def visible_source(source: str) -> str:
    """The test cell without its hidden tests (what the learner's kernel may run)."""
    hidden = hidden_lines(source)
    return "\n".join(line for n, line in enumerate(source.splitlines(), start=1) if n not in hidden)


def _answer_text(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr == "value":
        return f"{node.value.id}.value"
    raise TestCellError(f"the answer must be a name or name.value, not {ast.unparse(node)!r}")


def _literal(node: ast.expr) -> Any:
    try:
        return ast.literal_eval(node)
    except ValueError as exc:
        raise TestCellError(f"{ast.unparse(node)!r} is not a literal") from exc


def parse_test(source: str) -> TestCell:
    """The checks a test cell calls, in order; TestCellError when it holds anything else."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise TestCellError(f"not Python: {exc.msg}") from exc
    hidden = hidden_lines(source)
    cell = TestCell()
    for stmt in tree.body:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in CHECKS):
            raise TestCellError(f"line {stmt.lineno}: only calls of {', '.join(CHECKS)} are allowed")
        if (
            not call.args
            or any(isinstance(a, ast.Starred) for a in call.args)
            or any(k.arg is None for k in call.keywords)
        ):
            raise TestCellError(f"line {stmt.lineno}: a check's first argument is the answer")
        cell.checks.append(
            Check(
                function=call.func.id,
                answer=_answer_text(call.args[0]),
                args=tuple(_literal(a) for a in call.args[1:]),
                kwargs=tuple((k.arg, _literal(k.value)) for k in call.keywords),
                visible=stmt.lineno not in hidden,
            )
        )
    if not cell.checks:
        raise TestCellError("no check in the test cell")
    return cell


# ---------------------------------------------------------------- values from the kernel


def kernel_expressions(answers: list[str]) -> dict[str, str]:
    """user_expressions asking the kernel for each answer's type name and value (numpy
    scalars as Python numbers); keys t0/v0, t1/v1… in the order of `answers`."""
    exprs = {}
    for i, answer in enumerate(answers):
        exprs[f"t{i}"] = f"type({answer}).__name__"
        exprs[f"v{i}"] = (
            f"(lambda v: v.item() if type(v).__module__ == 'numpy' and hasattr(v, 'item') else v)({answer})"
        )
    return exprs


def _stand_in(type_name: str) -> object:
    """An object that is no number, no text and no choice, named like the learner's value."""
    name = re.sub(r"\W", "", type_name)[:40]
    name = name if name.isidentifier() else "object"
    return type(name, (), {"__repr__": lambda _self: f"<{name}>"})()


_SPECIAL = {"Ellipsis": Ellipsis, "nan": math.nan, "inf": math.inf, "-inf": -math.inf}
PLAIN = (bool, int, float, str, type(None), type(Ellipsis))


def plain_value(type_result: dict | None, value_result: dict | None) -> Any:
    """A value from the kernel's user_expressions results, as plain data (never eval'd)."""
    for result in (type_result, value_result):
        if not isinstance(result, dict) or result.get("status") != "ok":
            bad = result if isinstance(result, dict) else {}
            return Missing(str(bad.get("ename", "NameError"))[:80], str(bad.get("evalue", ""))[:300])
    type_name = str(type_result.get("data", {}).get("text/plain", "object")).strip("'\"")
    text = value_result.get("data", {}).get("text/plain", "")
    if not isinstance(text, str) or len(text) > MAX_VALUE_CHARS:
        return _stand_in(type_name)
    text = text.strip()
    if text in _SPECIAL:
        return _SPECIAL[text]
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _stand_in(type_name)
    if type(value) not in PLAIN:
        return _stand_in(type_name)
    return value


# ---------------------------------------------------------------- running the checks here


def run_checks(cell_checks: list[Check], values: dict[str, Any]) -> Outcome:
    """Run the checks in order with the real functions, each on the value of its answer
    expression (`values`: "answer" or "q4.value" -> plain value or Missing); the first
    failure is the outcome. The cell's source is not executed: only its checks are called."""
    for check in cell_checks:
        value = values.get(check.answer, Missing("NameError", f"name {check.answer.split('.')[0]!r} is not defined"))
        if isinstance(value, Missing):
            return Outcome(False, value.ename, value.evalue)
        try:
            CHECKS[check.function](value, *check.args, **dict(check.kwargs))
        except AssertionError as exc:
            return Outcome(False, "AssertionError", str(exc))
        except Exception as exc:  # noqa: BLE001 - a check's argument the trainer wrote badly
            return Outcome(False, exc.__class__.__name__, str(exc)[:300])
    return Outcome(True)


def is_test_cell(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return (
        cell.get("cell_type") == "code"
        and bool(meta.get("grade"))
        and not meta.get("solution")
        and bool(meta.get("grade_id"))
    )


def _errored(cell) -> bool:
    return any(o.get("output_type") == "error" for o in cell.get("outputs", []))


def ask_values(client, answers: list[str]) -> dict[str, Any]:
    """The answers' values from the kernel (an nbclient client with a started kernel)."""
    if not answers:
        return {}
    msg_id = client.kc.execute(
        "",
        silent=True,
        store_history=False,
        user_expressions=kernel_expressions(answers),
        allow_stdin=False,
        stop_on_error=False,
    )
    reply = client.wait_for_reply(msg_id)
    content = (reply or {}).get("content", {})
    results = content.get("user_expressions") if isinstance(content, dict) else None
    if not isinstance(results, dict):
        why = "the learner's code did not answer in time" if reply is None else "the learner's code gave no answer"
        return {a: Missing("GradingError", why) for a in answers}
    return {a: plain_value(results.get(f"t{i}"), results.get(f"v{i}")) for i, a in enumerate(answers)}


def run_test_cell(client, cell, resources, index: int, run_in_kernel):
    """Grade one test cell (see the module docstring); `run_in_kernel(cell)` executes a cell
    in the learner's kernel the usual way (the Execute preprocessor's own method)."""
    try:
        test = parse_test(cell.source)
    except TestCellError as exc:
        outcome = Outcome(False, "TestCellError", f"this test cannot be checked outside the learner's code ({exc})")
        cell.outputs = outcome.outputs()
        cell.metadata[META] = {"passed": False, "test_error": str(exc)}
        client.nb.cells[index] = cell
        return cell, resources
    kernel_passed = None
    visible = visible_source(cell.source)
    if visible.strip():
        probe = copy.deepcopy(cell)
        probe.source = visible
        run_in_kernel(probe, index)
        kernel_passed = not _errored(probe)
    values = ask_values(client, test.answers)
    trainer_visible = run_checks(test.visible, values)
    outcome = run_checks(test.checks, values)
    cell.outputs = outcome.outputs()
    cell.metadata[META] = {
        "kernel_visible_passed": kernel_passed,
        "trainer_visible_passed": trainer_visible.passed,
        "passed": outcome.passed,
    }
    client.nb.cells[index] = cell  # nbclient put the probe there
    return cell, resources


def disagreements(nb) -> list[str]:
    """Test cells whose visible checks passed in the learner's kernel but not on the
    trainer's side, or the reverse (grade ids); and test cells that could not be run here."""
    found = []
    for i, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {}).get(META)
        if not isinstance(meta, dict):
            continue
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {i + 1}"
        kernel = meta.get("kernel_visible_passed")
        if kernel is not None and kernel != meta.get("trainer_visible_passed"):
            found.append(gid)
    return found


def untestable(nb) -> list[str]:
    return [
        c.get("metadata", {}).get("nbgrader", {}).get("grade_id", "?")
        for c in nb.cells
        if isinstance(c.get("metadata", {}).get(META), dict) and "test_error" in c["metadata"][META]
    ]


def problems(autograded) -> list[str]:
    """What the trainer should read about an autograded notebook (a path; none if absent)."""
    from pathlib import Path

    import nbformat

    if not Path(autograded).is_file():
        return []
    nb = nbformat.read(autograded, as_version=4)
    found = []
    differ = disagreements(nb)
    if differ:
        found.append(
            f"checks disagree on {', '.join(differ)}: the notebook's own visible checks and the trainer's "
            "differ (the trainer's outcome is the score); read the notebook"
        )
    refused = untestable(nb)
    if refused:
        found.append(f"test cells not checked, not made of the kit's checks (scored 0): {', '.join(refused)}")
    return found
