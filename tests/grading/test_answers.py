"""Widget answers: the record follows the slider, and a recorded choice is recovered."""

from __future__ import annotations

import nbformat

from receivables.grading import answers as ans


def _outputs_of(nb):
    return [o for c in nb.cells for o in c.get("outputs", [])]


def test_slider_records_its_value_and_preload_wins(monkeypatch):
    updates = []
    monkeypatch.setattr(ans.WidgetAnswer, "_changed", lambda self, ch: (setattr(self, "answered", True), updates.append(self._bundle())))
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
    out, _ = ans.RecoverWidgetAnswers().preprocess(nb, {})
    assert out.cells[0].metadata["tags"] == [ans.RECOVERED_TAG]
    namespace: dict = {}
    exec(out.cells[0].source, namespace)  # the cell really preloads the value
    assert ans._PRELOADED["q4"] == 6
    # Running twice (validate, then autograde) leaves one recovery cell.
    again, _ = ans.RecoverWidgetAnswers().preprocess(out, {})
    assert sum(ans.RECOVERED_TAG in c.metadata.get("tags", []) for c in again.cells) == 1
    ans._PRELOADED.clear()
