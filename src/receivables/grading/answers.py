"""Widget answers that survive grading.

Autograde re-executes a submitted notebook from scratch; it does not replay the
learner's clicks, so a slider would come back at its default. The kit makes the choice
part of the saved notebook instead:

1. `answer_slider("q4", ...)` shows a slider and, under it, a small record of the current
   choice: a display output carrying the JSON bundle ``application/vnd.receivables.answer+json``
   ``{"question": "q4", "value": 6}``. Every move updates that output in place (same
   display id), so saving the notebook saves the choice the learner sees.
2. At autograde (and validate), `RecoverWidgetAnswers` runs before nbgrader clears the
   outputs: it reads the recorded choices and puts a first cell in the notebook that
   preloads them; `answer_slider("q4", ...)` then starts at the recorded value.

What the learner chose is what gets graded; a notebook without a record (the learner
never ran the cell) is graded on the slider's starting value, i.e. unanswered.
"""

from __future__ import annotations

import json
from typing import Any

from nbformat.v4 import new_code_cell
from nbgrader.preprocessors import NbGraderPreprocessor

MIME = "application/vnd.receivables.answer+json"
RECOVERED_TAG = "receivables-recovered-answers"

_PRELOADED: dict[str, Any] = {}


def preload(values: dict[str, Any]) -> None:
    """Recorded choices, set before the notebook's own cells run (by RecoverWidgetAnswers)."""
    _PRELOADED.update(values)


class WidgetAnswer:
    """A learner's answer given with a widget; `.value` is what gets graded."""

    def __init__(self, question: str, widget: Any, unit: str = ""):
        from IPython.display import DisplayHandle

        self.question = question
        self.widget = widget
        self.unit = unit
        self.answered = False
        self._handle = DisplayHandle(display_id=f"receivables-answer-{question}")
        if question in _PRELOADED:
            widget.value = _PRELOADED[question]
            self.answered = True
        widget.observe(self._changed, names="value")

    @property
    def value(self) -> Any:
        return self.widget.value if self.answered else None

    def _bundle(self) -> dict[str, Any]:
        shown = f"{self.widget.value}{(' ' + self.unit) if self.unit else ''}"
        text = (
            f"✅ Recorded answer {self.question.upper()}: **{shown}**: save the notebook (Ctrl + S). / 已记录答案,请保存。"
            if self.answered
            else f"✏️ {self.question.upper()}: move the slider to answer. / 请拖动滑块作答。"
        )
        return {MIME: {"question": self.question, "value": self.value}, "text/markdown": text}

    def _changed(self, _change: dict) -> None:
        self.answered = True
        self._handle.update(self._bundle(), raw=True)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
        self._handle.display(self._bundle(), raw=True)


def answer_slider(question: str, value: Any = ..., *, min: float = 0, max: float = 100, step: float = 1,
                  description: str = "", unit: str = "") -> WidgetAnswer:
    """A slider whose choice is the answer to `question`.

    `value` is the starting position: `...` (the released exercise's placeholder) means
    not answered yet; a number (typed by the learner or in the model solution) counts as
    an answer. A recorded choice (see the module docstring) takes precedence over both.
    """
    import ipywidgets as w

    answered = value is not ... and value is not None
    slider = w.FloatSlider(
        value=value if answered else min, min=min, max=max, step=step, description=description,
        continuous_update=False, style={"description_width": "initial"}, layout=w.Layout(width="36em"),
    )
    answer = WidgetAnswer(question, slider, unit)
    answer.answered = answer.answered or answered
    return answer


def recorded_answers(nb) -> dict[str, Any]:
    """The choices recorded in a saved notebook's outputs (the last record of a question wins)."""
    found: dict[str, Any] = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {}).get(MIME)
            if isinstance(data, dict) and "question" in data and data.get("value") is not None:
                found[str(data["question"])] = data["value"]
    return found


def recovery_cell(answers: dict[str, Any]):
    source = (
        "# Added at grading: the choices this notebook recorded with its widgets.\n"
        "import json\nfrom receivables.grading.answers import preload\n"
        f"preload(json.loads({json.dumps(json.dumps(answers))}))"
    )
    cell = new_code_cell(source)
    cell.metadata = {"tags": [RECOVERED_TAG]}
    cell["id"] = "recovered-answers"
    return cell


class RecoverWidgetAnswers(NbGraderPreprocessor):
    """Before nbgrader clears the outputs: turn recorded widget choices into a first cell."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if RECOVERED_TAG not in c.get("metadata", {}).get("tags", [])]
        answers = recorded_answers(nb)
        if answers:
            nb.cells.insert(0, recovery_cell(answers))
        return nb, resources
