"""The widgets in a real JupyterLab, in a real Chromium: run a notebook as a learner
would (Run → Run All Cells), move a slider, and see the numbers and the chart follow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import open_notebook

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".work" / "screenshots"

pytestmark = pytest.mark.browser


def open_and_run_all(page, lab, notebook: str) -> None:
    open_notebook(page, lab, f"course/{notebook}")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def summary_value(page, label: str) -> str:
    row = page.locator(".receivables-afford tr", has_text=label).first
    return row.locator("td").nth(1).inner_text()


def test_affordability_widget_follows_the_slider(page, lab):
    open_and_run_all(page, lab, "01.00-The-Three-Key-Questions.ipynb")
    page.wait_for_selector(".receivables-afford", timeout=120_000)
    assert page.locator(".widget-slider").count() >= 7
    headroom_before = summary_value(page, "Headroom")
    assert headroom_before.startswith("2,123,288")  # 35e6 - 200e6/365*60, rendered by the widget
    assert page.get_by_text("Within what the company can carry.").is_visible()
    # The chart rendered inside the widget's output area.
    assert page.locator(".widget-output img").count() >= 1

    # A learner types 75 into the DSO slider's readout.
    dso = page.locator(".widget-slider", has_text="Days sales outstanding").first
    readout = dso.locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("75")
    page.keyboard.press("Enter")
    page.get_by_text("Over the ceiling").wait_for(timeout=30_000)
    headroom_after = summary_value(page, "Headroom")
    # 35e6 - 200e6/365*75 = -6,095,890.41
    assert headroom_after.startswith("-6,095,890"), headroom_after
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "affordability-widget.png"), full_page=True)
