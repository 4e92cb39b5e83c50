"""Issue 12, app mode "Done when": `receivables app` (what `make app` runs) in Chinese and in
English; the browser opens the landing page and a widget page, sees no code, moves a slider
with the keyboard and sees the figure change; the Chinese pages read in Chinese."""

from __future__ import annotations

import re

import pytest

from receivables import app
from receivables.i18n import t

from .labpage import screenshot

PAGE = "01.00-The-Three-Key-Questions.ipynb"  # the affordability widget
SUMMARY = ".receivables-afford"
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=["zh", "en"])
def app_server(request, tmp_path_factory):
    lang = request.param
    log_path = tmp_path_factory.mktemp(f"app-{lang}") / "app.log"
    with app.running(lang, log=log_path) as (base, _proc):
        assert base in log_path.read_text()  # the address to open is printed
        yield lang, base, log_path


@pytest.fixture
def app_page(browser, app_server):
    lang = app_server[0]
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN" if lang == "zh" else "en-US")
    page = context.new_page()
    page.outside = []  # requests for anything not on this machine (a room is often offline)
    page.on(
        "request",
        lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else page.outside.append(r.url),
    )
    yield page
    context.close()


def _visible_text(page) -> str:
    return page.evaluate("() => document.body.innerText")


def _assert_reads_in(lang: str, text: str) -> None:
    cjk = len(CJK.findall(text))
    words = LATIN_WORD.findall(text)
    if lang == "zh":
        # Numbers, CNY, DSO and the like aside, the page is Chinese.
        assert cjk > 5 * len(words), f"{cjk} Chinese characters beside English words {words[:30]}"
    else:
        # English, with the course's Chinese terms beside (a Chinese term is 2-6 characters).
        assert len(words) >= 20 and cjk < 3 * len(words), f"{len(words)} English words beside {cjk} Chinese characters"


def test_app_mode_serves_widgets_without_code_in_the_editions_language(app_page, app_server):
    lang, base, log_path = app_server
    page = app_page

    # The landing page: the widget pages by title, in the edition's language, no file tree.
    page.goto(base)
    page.locator(".receivables-app-landing h1", has_text=t("app.title", lang)).wait_for(timeout=30_000)
    links = page.locator(".receivables-app-pages a")
    assert links.count() >= 5
    landing = _visible_text(page)
    assert "Select items to open" not in landing and ".ipynb" not in landing
    _assert_reads_in(lang, landing)

    # Open the first page (01.00, the affordability widget) as a learner does.
    first = links.first
    assert first.get_attribute("href").endswith(PAGE)
    first.click()
    summary = page.locator(SUMMARY).first
    summary.wait_for(timeout=120_000)

    # No code: no input area, no editor, no line of the notebook's code.
    assert (
        page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor, .CodeMirror, pre code").count() == 0
    )
    text = _visible_text(page)
    for code in ("AffordabilityWidget(", "from receivables", "import ", "lang = "):
        assert code not in text, f"code visible in app mode: {code!r}"
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    _assert_reads_in(lang, text)

    # Move the DSO slider with the keyboard, one step right: 60 -> 61 days.
    slider = page.locator(".widget-slider", has_text=t("afford.target_dso", lang)).first
    assert slider.locator(".widget-readout").text_content().strip() == "60"
    before = summary.inner_text()
    slider.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([sel, old]) => document.querySelector(sel).innerText !== old", arg=[SUMMARY, before], timeout=30_000
    )
    assert slider.locator(".widget-readout").text_content().strip() == "61"
    after = summary.inner_text()
    # Headroom at 61 days: 35,000,000 - 200,000,000 / 365 * 61 = 1,575,342.47
    assert "1,575,342" in after and "1,575,342" not in before, after
    screenshot(page, f"app-mode-{lang}")

    # The notebook's navigation leads back to the landing page, not to JupyterLab's files.
    back = page.locator("a", has_text=t("app.contents", lang)).first
    back.click()
    page.locator(".receivables-app-landing").wait_for(timeout=30_000)
    assert "Traceback" not in log_path.read_text()
    assert not page.outside, f"app mode asked for something outside the machine: {page.outside[:5]}"
