"""Simulated learner submissions, named by scenario (as in nbgrader's own tests)."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from receivables.grading.answers import MIME
from receivables.grading.nbgrader_run import SOLUTION_MARKERS

BASE_SCENARIOS = ("submitted-correct", "submitted-unchanged", "submitted-wrong", "submitted-cheat-attempt")
SPEC_KEYS = ("max_score", "notebook", "auto_max_score", "manual_grades")


def scenarios(spec: dict) -> list[str]:
    """The four base scenarios, plus any further ones the assignment's spec describes."""
    extra = [f"submitted-{k}" for k in spec if k not in SPEC_KEYS and f"submitted-{k}" not in BASE_SCENARIOS]
    return [*BASE_SCENARIOS, *extra]


def recorded_output(question: str, value) -> nbformat.NotebookNode:
    """The output a widget answer leaves in a saved notebook (see receivables.grading.answers)."""
    return nbformat.v4.new_output(
        "display_data", data={MIME: {"question": question, "value": value}, "text/markdown": f"recorded {value}"}
    )


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def solution_code(source_cell) -> str:
    """The model answer: the solution cell without nbgrader's markers."""
    return "\n".join(line for line in source_cell.source.splitlines() if line.strip() not in SOLUTION_MARKERS)


def make_submission(scenario: str, release: Path, source: Path, spec: dict) -> nbformat.NotebookNode:
    nb = copy.deepcopy(nbformat.read(release, as_version=4))
    src = {_grade_id(c): c for c in nbformat.read(source, as_version=4).cells if _grade_id(c)}
    if scenario == "submitted-unchanged":
        return nb
    if scenario == "submitted-correct":
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution"):
                cell.source = solution_code(src[meta["grade_id"]])
        return nb
    key = scenario.removeprefix("submitted-")
    plan = spec[key]
    for cell in nb.cells:
        gid = _grade_id(cell)
        if gid in plan.get("answers", {}):
            cell.source = plan["answers"][gid]
        for question, value in plan.get("recorded", {}).get(gid, {}).items():
            cell.outputs = [*cell.get("outputs", []), recorded_output(question, value)]
        if gid in plan.get("blank_tests", []):
            cell.source = "pass  # the learner emptied the test"
            cell.metadata["nbgrader"]["locked"] = False
    nb.cells = [c for c in nb.cells if _grade_id(c) not in plan.get("delete_tests", [])]
    return nb


def set_answer(nb: nbformat.NotebookNode, grade_id: str, source: str) -> nbformat.NotebookNode:
    """The same notebook with the source of cell `grade_id` replaced (a learner's edit)."""
    for cell in nb.cells:
        if _grade_id(cell) == grade_id:
            cell.source = source
    return nb


def delete_cells(nb: nbformat.NotebookNode, *grade_ids: str) -> nbformat.NotebookNode:
    nb.cells = [c for c in nb.cells if _grade_id(c) not in grade_ids]
    return nb


def processes_with(text: str) -> list[str]:
    """Command lines of the machine's processes holding `text` (a batch's temp folder: its
    kernels name their scratch course; a sleep's marker)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            line = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in line:
            found.append(line)
    return found
