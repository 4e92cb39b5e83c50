"""Feedback that teaches without giving hidden tests away.

nbgrader's ClearHiddenTests removes hidden test code from a cell's source, but a failing
hidden test's traceback (in the cell's output) still prints the failing line, i.e. the
hidden test itself. This preprocessor, run before ClearHiddenTests in GenerateFeedback,
replaces the traceback of every cell holding hidden tests by the error's one-line
message: the test's own assertion message, written to say which check failed and why.
"""

from __future__ import annotations

import re

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from receivables.grading.checks import chinese
from receivables.i18n import t


def redacted_note(message: str) -> str:
    """The note under a redacted error, in the language of the check's message (a Chinese
    exercise's checks name their question in Chinese: "第1题:还不对。…")."""
    label = re.split(r"[:：]", message, maxsplit=1)[0]
    return t("grading.feedback.hidden_code", "zh" if chinese(label) else "en")


class RedactHiddenTracebacks(NbGraderPreprocessor):
    begin_test_delimeter = Unicode("BEGIN HIDDEN TESTS").tag(config=True)

    def preprocess_cell(self, cell, resources, _cell_index):  # nbconvert passes the index positionally
        if cell.cell_type != "code" or self.begin_test_delimeter not in cell.source:
            return cell, resources
        outputs = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                message = out.get("evalue", "")
                out["traceback"] = [f"{out.get('ename', 'Error')}: {message}", redacted_note(message)]
            elif out.get("output_type") == "stream" and "BEGIN HIDDEN TESTS" in out.get("text", ""):
                continue
            outputs.append(out)
        cell.outputs = outputs
        return cell, resources
