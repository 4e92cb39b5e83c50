"""The collection conversation in a real JupyterLab and Chromium: a learner answers a role-play
situation and reads the feedback, then types a line into the script builder, and the line is
in the scripts file beside the notebook (saved as typed, nothing else to click)."""

from __future__ import annotations

import json
import time

import pytest

from .labpage import open_notebook, run_all, screenshot

NOTEBOOK = "04.01-During-The-Meeting.ipynb"

pytestmark = pytest.mark.browser


def test_role_play_feedback_and_script_builder_saves_what_is_typed(page, lab):
    scripts = lab.work / "course" / "my-collection-scripts.json"
    scripts.unlink(missing_ok=True)
    open_notebook(page, lab, f"course/{NOTEBOOK}")
    run_all(page)
    box = page.locator("textarea.receivables-script-scenario-angry, .receivables-script-scenario-angry textarea").first
    box.wait_for(timeout=120_000)

    # Role play: the second simulator starts on the pretext "We have no money"; C is its best answer.
    simulator = page.locator(".widget-toggle-buttons").nth(1)
    simulator.get_by_role("button", name="C", exact=True).click()
    feedback = page.locator(".receivables-roleplay-feedback[data-verdict='best']")
    feedback.wait_for(timeout=30_000)
    assert "C · Clarify (澄清)" in feedback.inner_text()
    assert page.get_by_text("Score: 2 of 2 points on 1 of 11 situations").is_visible()

    # Script builder: type as a learner would, then look at the file on disk.
    line = "Mr Lin, let me hear you out first. 林总,您先说。"
    box.scroll_into_view_if_needed()
    box.click()
    page.keyboard.type(line, delay=15)
    deadline = time.time() + 30
    saved = {}
    while time.time() < deadline:
        if scripts.is_file():
            saved = json.loads(scripts.read_text(encoding="utf-8"))["lines"]
            if saved.get("scenario.angry") == line:
                break
        time.sleep(0.3)
    assert saved.get("scenario.angry") == line, saved
    assert page.locator(".receivables-scripts-status", has_text="Saved to").first.is_visible()
    screenshot(page, "conversation-script-builder")
