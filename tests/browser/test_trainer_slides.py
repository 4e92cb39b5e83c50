"""A Chinese trainer deck in a real Chromium from file://, with every outside request blocked
and recorded: reveal.js starts from the deck's own folder, shows Chinese, the arrow key moves
on, the speaker notes stay off the projected slide and S opens the speaker view with them."""

from __future__ import annotations

import re

import pytest

from receivables.i18n import t
from receivables.trainer import notes, slides, sources

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u4e00-\u9fff]")


def _flat(text: str) -> str:
    return re.sub(r"[\s*`]", "", text)


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
        # S opens the speaker view: on a discussion slide it shows the question's model answer
        name = "04.01-During-The-Meeting.ipynb"
        shown_cells = [
            c.source for c in slides.deck("during_meeting", "zh").cells if c.metadata.slideshow.slide_type != "notes"
        ]
        first = sources.trainer_questions(name, "zh")[0]
        page.evaluate(f"Reveal.slide({next(i for i, c in enumerate(shown_cells) if first in c)})")
        with page.expect_popup() as popup:
            page.keyboard.press("s")
        speaker = popup.value
        answer = _flat(t(notes.question_key(name, 1, "answer"), "zh"))[:30]
        speaker.wait_for_function(
            "(want) => { const n = document.querySelector('.speaker-controls-notes');"
            " return n && n.innerText.replace(/[\\s*`]/g, '').includes(want); }",
            arg=answer,
            timeout=10_000,
        )
        assert answer not in _flat(page.evaluate("Reveal.getCurrentSlide().innerText"))
        assert outside == [] and errors == []
    finally:
        context.close()
