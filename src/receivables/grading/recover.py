"""nbgrader's side of the answer widgets: recorded choices become a first cell before
nbgrader clears the outputs (see receivables.grading.answers)."""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

from receivables.grading.answers import RECOVERED_TAG, recorded_answers, recovery_cell


class RecoverWidgetAnswers(NbGraderPreprocessor):
    """Before nbgrader clears the outputs: turn recorded widget choices into a first cell."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if RECOVERED_TAG not in c.get("metadata", {}).get("tags", [])]
        answers = recorded_answers(nb)
        if answers:
            nb.cells.insert(0, recovery_cell(answers))
        return nb, resources
