"""The widgets in a real JupyterLab, in a real Chromium: run a notebook as a learner
would (Run → Run All Cells), move a slider, and see the numbers and the chart follow."""

from __future__ import annotations

import pytest

from .labpage import charts_shown, open_notebook, run_all, screenshot, set_slider, shown_figure

pytestmark = pytest.mark.browser
SUMMARY = ".receivables-afford"


def test_affordability_widget_follows_the_slider(page, lab):
    open_notebook(page, lab, "course/01.00-The-Three-Key-Questions.ipynb")
    run_all(page)
    page.locator(SUMMARY).first.wait_for(timeout=120_000)
    assert page.locator(".widget-slider").count() >= 7
    headroom_before = shown_figure(page, SUMMARY, "Headroom")
    assert headroom_before.startswith("2,123,288")  # 35e6 - 200e6/365*60, rendered by the widget
    assert page.get_by_text("Within what the company can carry.").is_visible()
    # The chart rendered inside the widget's output area.
    assert charts_shown(page) >= 1

    # A learner types 75 into the DSO slider's readout.
    set_slider(page, "Days sales outstanding", 75)
    page.get_by_text("Over the ceiling").wait_for(timeout=30_000)
    headroom_after = shown_figure(page, SUMMARY, "Headroom")
    # 35e6 - 200e6/365*75 = -6,095,890.41
    assert headroom_after.startswith("-6,095,890"), headroom_after
    screenshot(page, "affordability-widget")
