"""A change a widget cannot compute: a short message in the learner's language inside the
widget, the traceback in the log, the widget still answering the next change; `.set()`
(the tests' and notebooks' way in) still raises."""

from __future__ import annotations

import logging

import pytest

from receivables.widgets import AffordabilityWidget, ScorecardWidget, ScriptBuilderWidget
from receivables.widgets.errors import REASON_CHARS, short_reason


def _zero_weights(widget) -> None:
    """What a learner can do in the room: drag every weight of the scorecard to 0."""
    for name, control in widget.controls.items():
        if name.startswith("weight_"):
            control.value = 0  # as the browser does: no exception reaches the page


def test_a_change_that_cannot_be_computed_says_so_in_chinese_and_logs_the_traceback(caplog, shown):
    widget = ScorecardWidget(lang="zh")
    with caplog.at_level(logging.ERROR, logger="receivables.widgets"):
        _zero_weights(widget)
    assert "这个数值无法计算：at least one weight must be positive" in widget.summary.value
    assert "请把数值改回去" in widget.summary.value
    assert "Traceback" not in widget.summary.value
    assert isinstance(widget.failure, ValueError)
    # The last result computed (one weight left) is kept for callers; the page shows the message.
    assert sum(1 for v in widget.result["weights"].values() if v > 0) == 1
    records = [r for r in caplog.records if r.name == "receivables.widgets"]
    assert records and records[-1].exc_info is not None and "ScorecardWidget" in records[-1].getMessage()

    # Not frozen: the next change computes again and the message goes.
    widget.controls["weight_payment_history"].value = 30
    assert widget.failure is None
    assert "receivables-widget-error" not in widget.summary.value
    assert widget.result["score"] == pytest.approx(widget.values["score_payment_history"], abs=0.05)


def test_english_message_and_the_chart_is_cleared(shown):
    widget = AffordabilityWidget(lang="en")
    widget.output.outputs = ({"output_type": "display_data", "data": {"text/plain": "a chart"}, "metadata": {}},)

    def broken(**_values):
        raise ZeroDivisionError("float division by zero")

    widget._compute = broken
    widget.controls["target_dso"].value = 90
    assert "This value cannot be computed: float division by zero" in widget.summary.value
    assert widget.output.outputs == ()


def test_set_still_raises_for_callers(shown):
    widget = ScorecardWidget(lang="en")
    with pytest.raises(ValueError, match="at least one weight must be positive"):
        widget.set(**{name: 0 for name in widget.controls if name.startswith("weight_")})
    assert "This value cannot be computed" in widget.summary.value
    widget.set(weight_financials=20)  # and works again
    assert widget.failure is None and widget.result["score"] == pytest.approx(
        widget.values["score_financials"], abs=0.05
    )


def test_the_script_builder_reports_a_failure_in_its_status_line(tmp_path, monkeypatch, caplog):
    import receivables.widgets.script_builder as module

    widget = ScriptBuilderWidget(tmp_path / "s.json", "zh", sections=["style"])

    def broken(path, lines):
        raise RuntimeError("the scripts file is locked by another program\nsecond line")

    monkeypatch.setattr(module, "save_lines", broken)
    with caplog.at_level(logging.ERROR, logger="receivables.widgets"):
        widget.controls["style.deadline"].value = "31 号年度结账。"
    assert "这个数值无法计算：the scripts file is locked by another program" in widget.status.value
    assert "second line" not in widget.status.value
    assert any(r.exc_info for r in caplog.records if r.name == "receivables.widgets")
    with pytest.raises(RuntimeError):
        widget.set(**{"style.deadline": "另一句"})


def test_short_reason():
    assert short_reason(ValueError("first line\nsecond")) == "first line"
    assert short_reason(KeyError()) == "KeyError"
    long = short_reason(ValueError("x" * 500))
    assert len(long) == REASON_CHARS and long.endswith("…")
