"""The assignment the grading tests grade (01-overdue-and-profit): its release, its model
solution, the scenarios it is graded on (scenarios/<assignment>.yml), and a learner's
submission of a scenario."""

from __future__ import annotations

from pathlib import Path

import nbformat
import yaml

from .submissions import make_submission

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = Path(__file__).parent / "scenarios"


def spec(assignment: str) -> dict:
    """What scenarios/<assignment>.yml expects of each scenario (scores, answers…)."""
    return yaml.safe_load((SCENARIOS / f"{assignment}.yml").read_text(encoding="utf-8"))


ASSIGNMENT = "01-overdue-and-profit"
SPEC = spec(ASSIGNMENT)
NOTEBOOK = SPEC["notebook"]
RELEASE = ROOT / "exercises" / ASSIGNMENT / NOTEBOOK
SOURCE = ROOT / "solutions" / ASSIGNMENT / NOTEBOOK


def sub(scenario: str) -> nbformat.NotebookNode:
    """The release as a learner of `scenario` ("correct", "wrong", "cheat-attempt"…) hands it in."""
    return make_submission(f"submitted-{scenario}", RELEASE, SOURCE, SPEC)
