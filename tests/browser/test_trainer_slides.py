"""A Chinese trainer deck in a real Chromium from file://, with every outside request blocked
and recorded: reveal.js starts from the deck's own folder, shows Chinese, the arrow key moves
on, and the speaker notes stay off the projected slide."""

from __future__ import annotations

import re

import pytest

from receivables.i18n import t
from receivables.trainer import slides

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_zh_deck_runs_offline(browser, tmp_path):
    slides.write("zh", tmp_path, run=False)
    deck = tmp_path / slides.deck_name("during_meeting", "zh")
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    try:
        context.route("**/*", route)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20_000)
        assert page.evaluate("Reveal.getIndices().h") == 0
        shown = page.evaluate("Reveal.getCurrentSlide().innerText")
        assert t("trainer.handout.part.during_meeting.title", "zh") in shown and len(CJK.findall(shown)) > 20
        assert page.locator("section.present").first.is_visible()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => Reveal.getIndices().h === 1", timeout=5_000)
        assert t("trainer.handout.key_points", "zh") in page.evaluate("Reveal.getCurrentSlide().innerText")
        # the speaker notes are in the deck for the speaker view (S), never on the projected slide
        assert page.locator("aside.notes").count() > 0
        assert not page.locator("aside.notes").first.is_visible()
        assert page.evaluate("Reveal.hasPlugin('notes')")
        assert outside == [] and errors == []
    finally:
        context.close()
