"""`receivables course build --lang zh`, for real and once (from every notebook of the Chinese
edition executed, the pages, the materials and their PDFs), then the site opened from disk in
Chromium with every request that is not a local file blocked and recorded: no request may
leave the machine, the pages show Chinese, widget views are drawn from their saved state and
no code is shown. A printed PDF: its fonts embedded, its first page's text Chinese, and that
page rendered to PNG by pdftoppm not blank."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from receivables import site
from receivables.cli import app
from receivables.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.edition_runs("zh")]

CJK = re.compile(r"[\u4e00-\u9fff]")
WIDGET_PAGES = ["course/01.00-The-Three-Key-Questions.html", "course/02.01-Overdue-And-Profit.html"]
LOCAL = re.compile(r"^(?:file:|data:|blob:|about:|https?://127\.0\.0\.1[:/])")


@pytest.fixture(scope="module")
def built(tmp_path_factory, notebook_runs):
    """The Chinese site, built once by the command from the session's runs of the edition's
    notebooks (tests/notebook_runs.py: the notebook tests check the same runs), as a trainer
    builds it from copies already run (`--executed`); the time it took is printed."""
    executed = tmp_path_factory.mktemp("executed")
    for (notebook, lang), run in notebook_runs.items():
        if lang == "zh":
            if isinstance(run, BaseException):
                raise run
            shutil.copy(run, executed / Path(notebook).name)
    out = tmp_path_factory.mktemp("course-site") / "site"
    started = time.monotonic()
    result = CliRunner().invoke(
        app, ["course", "build", "--lang", "zh", "--out", str(out), "--executed", str(executed)]
    )
    print(f"receivables course build --lang zh: {time.monotonic() - started:.0f} s")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def offline(browser):
    """A browser context in which only local files load; every other request is aborted and
    recorded (the list is returned with the page)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="zh-CN")
    outside: list[str] = []

    def route(r):
        if LOCAL.match(r.request.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page, outside, errors
    context.close()


def test_the_site_has_every_page_the_materials_and_their_pdfs(built):
    for page in site.pages("zh"):
        assert (built / page.href).is_file(), page.href
    materials = built / "materials"
    for stem in (
        "agenda-1day-zh",
        "agenda-2day-zh",
        "role-play-cards-zh",
        "facilitator-notes-zh",
        "handout-chapters-zh",
        "handout-formulas-zh",
        "handout-case-zh",
        "handout-exercises-zh",
    ):
        assert (materials / f"{stem}.html").is_file() and (materials / f"{stem}.pdf").stat().st_size > 10_000, stem
    assert (built / "slides" / "slides-zh.html").is_file() and len(list((built / "slides").glob("*.html"))) > 5
    index = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="slides/slides-zh.html"' in index and 'href="materials/role-play-cards-zh.pdf"' in index
    assert site.outside_requests(built) == []


def test_pages_render_offline_in_chinese_with_widgets_and_no_code(built, offline):
    page, outside, errors = offline
    page.goto((built / "index.html").as_uri())
    assert len(CJK.findall(page.inner_text("body"))) > 300
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    assert [p.href for p in site.pages("zh")] == hrefs[: len(site.pages("zh"))]
    assert t("site.reading_copy", "zh") in page.inner_text("body")
    for name in [*WIDGET_PAGES, "cases/02.00-Aging-And-DSO.html", "course/04.01-During-The-Meeting.html"]:
        page.goto((built / name).as_uri())
        if name in WIDGET_PAGES:  # drawn from the saved state by the site's own HTML manager
            page.wait_for_selector(
                ".jupyter-widgets .widget-slider, .jupyter-widgets.widget-slider, .jupyter-widgets [class*='widget-']",
                timeout=30_000,
            )
            assert page.locator(".jupyter-widgets").count() > 3, name
        text = page.inner_text("body")
        assert len(CJK.findall(text)) > 300, name
        assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputPrompt, .cm-editor").count() == 0, name
        assert "import " not in text and "def " not in text, name
    assert outside == [], outside
    assert errors == [], errors


def test_a_printed_page_shows_cjk_glyphs(built, tmp_path):
    """Chromium (Skia) embeds Noto Sans CJK, an OpenType/CFF collection, as Type 3 glyph
    programs (pdffonts names them [none]) with a ToUnicode map: so every font must be
    embedded, page 1's text must read back as Chinese, and the page rendered by pdftoppm
    must carry ink."""
    tools = {name: shutil.which(name) for name in ("pdftoppm", "pdffonts", "pdftotext")}
    if None in tools.values():
        pytest.fail("poppler-utils is missing: run `make setup` (scripts/system-deps.sh installs it)")
    pdf = built / "materials" / "role-play-cards-zh.pdf"
    fonts = subprocess.run([tools["pdffonts"], "-l", "1", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), fonts  # the emb column
    assert any(row[-3] == "yes" for row in rows if row[0] == "[none]"), fonts  # glyphs mapped back to text
    text = subprocess.run(
        [tools["pdftotext"], "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert len(CJK.findall(text)) > 50, text[:500]
    subprocess.run(
        [tools["pdftoppm"], "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    gray = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(gray.histogram()[:128])
    assert gray.size[0] > 300 and dark > 2_000, (gray.size, dark)
