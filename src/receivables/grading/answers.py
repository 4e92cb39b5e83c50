"""Widget answers that survive grading.

Autograde re-executes a submitted notebook from scratch; it does not replay the
learner's clicks, so a slider would come back at its default. The kit makes the choice
part of the saved notebook instead:

1. `answer_slider("q4", ...)` (or `answer_dropdown`, for a choice among options) shows
   the widget and, under it, a small record of the current choice: a display output carrying the JSON bundle ``application/vnd.receivables.answer+json``
   ``{"question": "q4", "value": 6}``. Every move updates that output in place (same
   display id), so saving the notebook saves the choice the learner sees.
2. At autograde (and validate), `RecoverWidgetAnswers` (receivables.grading.recover, which
   the learner's kernel never loads) runs before nbgrader clears the
   outputs: it reads the recorded choices and puts a first cell in the notebook that
   preloads them; `answer_slider("q4", ...)` then starts at the recorded value.
   (A recorded value the widget cannot take, e.g. an option that no longer exists, is
   ignored: the question stays unanswered.)

What the learner chose is what gets graded; a notebook without a record (the learner
never ran the cell) is graded on the slider's starting value, i.e. unanswered.
"""

from __future__ import annotations

import json
from typing import Any

from receivables.grading.checks import chinese
from receivables.i18n import t

MIME = "application/vnd.receivables.answer+json"
RECOVERED_TAG = "receivables-recovered-answers"

_PRELOADED: dict[str, Any] = {}
_TEXTS = "grading.answer."  # texts/grading/answers.yml


def prompt_for(kind: str, zh: bool = False) -> str:
    """What the record says before an answer (`kind` "slider" or "dropdown"): Chinese in the
    Chinese edition, English with the Chinese after it in the English one."""
    key = f"{_TEXTS}prompt.{kind}"
    return t(key, "zh") if zh else f"{t(key, 'en')} / {t(key, 'zh')}"


def preload(values: dict[str, Any]) -> None:
    """Recorded choices, set before the notebook's own cells run (by RecoverWidgetAnswers)."""
    _PRELOADED.update(values)


class WidgetAnswer:
    """A learner's answer given with a widget; `.value` is what gets graded."""

    def __init__(
        self,
        question: str,
        widget: Any,
        unit: str = "",
        prompt: str | None = None,
        zh: bool = False,
    ):
        from IPython.display import DisplayHandle
        from traitlets import TraitError

        self.question = question
        self.widget = widget
        self.unit = unit
        self.prompt = prompt_for("slider", zh) if prompt is None else prompt
        self.zh = zh
        self.answered = False
        self._handle = DisplayHandle(display_id=f"receivables-answer-{question}")
        if question in _PRELOADED:
            try:
                widget.value = _PRELOADED[question]
                self.answered = widget.value is not None
            except TraitError:  # not one of the widget's options: stays unanswered
                pass
        widget.observe(self._changed, names="value")

    @property
    def value(self) -> Any:
        return self.widget.value if self.answered else None

    def _bundle(self) -> dict[str, Any]:
        # A dropdown shows its option's label; the value recorded is the option's value.
        shown = getattr(self.widget, "label", None) or self.widget.value
        shown = f"{shown}{(' ' + self.unit) if self.unit else ''}"
        lang = "zh" if self.zh else "en"
        number = self.question.lstrip("qQ")
        label = t(_TEXTS + "question", lang).format(number=number if self.zh else number.upper())
        if self.answered:
            text = "✅ " + t(_TEXTS + "recorded", lang).format(label=label, shown=shown)
            if not self.zh:
                text += f" / {t(_TEXTS + 'recorded_short', 'zh')}"
        else:
            text = f"✏️ {label}:{self.prompt}" if self.zh else f"✏️ {label}: {self.prompt}"
        return {MIME: {"question": self.question, "value": self.value}, "text/markdown": text}

    def _changed(self, _change: dict) -> None:
        self.answered = self.widget.value is not None
        self._handle.update(self._bundle(), raw=True)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
        self._handle.display(self._bundle(), raw=True)


def answer_slider(
    question: str,
    value: Any = ...,
    *,
    min: float = 0,
    max: float = 100,
    step: float = 1,
    description: str = "",
    unit: str = "",
) -> WidgetAnswer:
    """A slider whose choice is the answer to `question`.

    `value` is the starting position: `...` (the released exercise's placeholder) means
    not answered yet; a number (typed by the learner or in the model solution) counts as
    an answer. A recorded choice (see the module docstring) takes precedence over both.
    """
    import ipywidgets as w

    answered = value is not ... and value is not None
    slider = w.FloatSlider(
        value=value if answered else min,
        min=min,
        max=max,
        step=step,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
        layout=w.Layout(width="36em"),
    )
    zh = chinese(description)
    answer = WidgetAnswer(
        question,
        slider,
        unit,
        prompt=prompt_for("slider", zh),
        zh=zh,
    )
    answer.answered = answer.answered or answered
    return answer


def answer_dropdown(question: str, options: Any, value: Any = ..., *, description: str = "") -> WidgetAnswer:
    """A dropdown whose choice is the answer to `question`.

    A `description` written in Chinese makes the widget speak Chinese (the Chinese edition).
    `options` are the values to choose from, or (label, value) pairs when what the learner
    reads differs from what is graded (e.g. ``("Able and willing · 有能力有意愿", "able_willing")``).
    The dropdown starts empty (unanswered) unless `value` names an option, as the model
    solution does; a recorded choice takes precedence, as with `answer_slider`.
    """
    import ipywidgets as w

    pairs = [tuple(o) if isinstance(o, (tuple, list)) else (str(o), o) for o in options]
    if not pairs:
        raise ValueError(f"{question}: a dropdown needs at least one option")
    values = [v for _label, v in pairs]
    answered = value is not ... and value is not None
    if answered and value not in values:
        raise ValueError(f"{question}: {value!r} is not one of the options {values}")
    dropdown = w.Dropdown(
        options=pairs,
        value=value if answered else None,
        description=description,
        style={"description_width": "initial"},
        layout=w.Layout(width="36em"),
    )
    zh = chinese(description)
    answer = WidgetAnswer(
        question,
        dropdown,
        zh=zh,
        prompt=prompt_for("dropdown", zh),
    )
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
    from nbformat.v4 import new_code_cell

    source = (
        "# Added at grading: the choices this notebook recorded with its widgets.\n"
        "import json\nfrom receivables.grading.answers import preload\n"
        f"preload(json.loads({json.dumps(json.dumps(answers))}))"
    )
    cell = new_code_cell(source)
    cell.metadata = {"tags": [RECOVERED_TAG]}
    cell["id"] = "recovered-answers"
    return cell
