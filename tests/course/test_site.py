"""The offline course site's page writer (receivables.site) on a small notebook
executed for real (papermill, a fresh kernel): code hidden, the learner's ✏️ cell shown as
text, the chart embedded, the widget's saved state embedded and drawn by the site's own
copy of the HTML manager, links inside the kit rewritten and links outside dropped, no
outside URL left; the index links every page; the English edition built from executed
copies of two notebooks comes out in English. The whole Chinese build, opened in Chromium
with the network blocked, is tests/browser/test_course_site.py."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from receivables import site
from receivables.cli import app
from receivables.course import notebooks as nbs
from receivables.i18n import t

CHART = "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()"
WIDGET = "import ipywidgets as w\nw.IntSlider(value=7, description='Tage offen')"
HIDDEN = "hidden_code_marker = 41 + 1"
LEARNER = '# ✏️ change the name\nmy_name = "Learner name"\nprint(my_name)'
CJK = re.compile(r"[\u4e00-\u9fff]")


def _tiny(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# 小笔记本\n\n[下一页](01.01-Next.ipynb) · [目录](README.md) · "
            "[outside](https://example.com/x) · [data](../data/ledger.csv)"
        ),
        nbformat.v4.new_code_cell(HIDDEN),
        nbformat.v4.new_code_cell(LEARNER),
        nbformat.v4.new_code_cell(CHART),
        nbformat.v4.new_code_cell(WIDGET),
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "01.00-Tiny.ipynb"
    nbformat.write(nb, path)
    nxt = nbformat.v4.new_notebook()
    nxt.cells = [nbformat.v4.new_markdown_cell("# Next")]
    nbformat.write(nxt, folder / "01.01-Next.ipynb")
    return path


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """(executed folder, site pages, site folder) of the small notebook, run once."""
    base = tmp_path_factory.mktemp("tiny")
    source = _tiny(base / "course")
    executed = base / "executed"
    executed.mkdir()
    assert site.run(source, executed / source.name, executed) is None
    nbformat.write(nbs.read(base / "course" / "01.01-Next.ipynb"), executed / "01.01-Next.ipynb")
    pages = [site.Page("course", source), site.Page("course", base / "course" / "01.01-Next.ipynb")]
    out = base / "site"
    site.write_assets(out, "zh")
    written = site.write_pages(pages, executed, out, "zh")
    return executed, pages, out, written


def test_the_run_keeps_the_widgets_state(tiny):
    executed, *_ = tiny
    nb = nbs.read(executed / "01.00-Tiny.ipynb")
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    sliders = [m for m in state.values() if m["model_name"] == "IntSliderModel"]
    assert [m["state"]["value"] for m in sliders] == [7]


def test_the_page_hides_code_and_shows_the_learner_cell_as_text(tiny):
    _, _, out, written = tiny
    html = written[0].read_text(encoding="utf-8")
    assert written[0] == out / "course" / "01.00-Tiny.html"
    assert "hidden_code_marker" not in html and "IntSlider(" not in html and "plt.plot" not in html
    assert not re.search(r'class="[^"]*\b(?:jp-InputPrompt|jp-OutputPrompt|jp-CodeMirrorEditor)\b', html)
    assert "my_name" in html and "Learner name" in html  # the ✏️ cell, as a code block in text
    assert "小笔记本" in html and 'lang="zh"' in html


def test_the_page_embeds_the_chart_and_the_widget_state(tiny):
    _, _, _, written = tiny
    html = written[0].read_text(encoding="utf-8")
    png = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"', html)
    assert png and base64.b64decode(png[1])[:8] == b"\x89PNG\r\n\x1a\n"
    state = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.S)
    assert state and "Tage offen" in state[1] and "IntSliderModel" in state[1]
    assert 'type="application/vnd.jupyter.widget-view+json"' in html


def test_the_page_loads_only_the_sites_assets(tiny):
    _, _, out, written = tiny
    html = written[0].read_text(encoding="utf-8")
    page_folder = written[0].parent
    scripts = re.findall(r'<script src="([^"]+)"', html) + re.findall(r"widgetRendererSrc = '([^']+)'", html)
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert {"../assets/requirejs/require.js", "../assets/html-manager/dist/embed-amd.js"} <= set(scripts)
    for src in (*scripts, *links):
        assert src == "" or (page_folder / src).resolve().is_file(), src
    assert site.outside_requests(out) == []
    css = (out / site.SITE_CSS).read_text(encoding="utf-8")
    assert "Noto Sans CJK SC" in css and css.index("Noto Sans CJK SC") < css.index("sans-serif")


def test_links_lead_inside_the_site_or_nowhere(tiny):
    _, _, _, written = tiny
    html = written[0].read_text(encoding="utf-8")
    hrefs = re.findall(r'<a [^>]*href="([^"]+)"', html)
    assert "01.01-Next.html" in hrefs and "../index.html" in hrefs
    assert not [h for h in hrefs if "example.com" in h or h.endswith((".ipynb", ".csv", ".md"))]
    assert ">outside</a>" in html and ">data</a>" in html  # the words stay, without a link


@pytest.mark.parametrize(
    "line",
    [
        '<img src="https://cdn.example/x.png">',
        "<script src='//cdn.example/a.js'></script>",
        '<div style="background: url( http://x.example/b.png)">',
        '<style>@import url("https://fonts.example/css");</style>',
        "<style>@import '//fonts.example/css';</style>",
        r'{"value": "<a href=\"https://x.example\">x</a>"}',
    ],
)
def test_the_scan_finds_an_outside_url(tmp_path, line):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.html").write_text(f"<html>{line}</html>", encoding="utf-8")
    assert len(site.outside_requests(tmp_path)) == 1


def test_the_scan_leaves_local_files_alone(tmp_path):
    (tmp_path / "p.html").write_text(
        '<a href="../index.html">x</a><img src="data:image/png;base64,AA==">'
        '<script src="../assets/requirejs/require.js"></script>'
        "<p>see https://example.com in the text</p>",
        encoding="utf-8",
    )
    assert site.outside_requests(tmp_path) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_index_links_every_page_in_the_outline_order(tmp_path, lang):
    pages = site.pages(lang)
    material = site.Material("Agenda", tmp_path / "materials" / "agenda.html", tmp_path / "materials" / "agenda.pdf")
    index = site.write_index(tmp_path, lang, pages, [material]).read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)"', index)
    assert hrefs[: len(pages)] == [p.href for p in pages]
    assert hrefs[len(pages) :] == ["materials/agenda.html", "materials/agenda.pdf"]
    assert t("site.reading_copy", lang) in index and t("site.title", lang) in index
    headings = re.findall(r"<h2>(.*?)</h2>", index)
    assert headings[0] == t("site.part.start", lang) and headings[-2] == t("site.part.cases", lang)
    assert all(CJK.search(h) for h in headings) == (lang == "zh")
    assert site.outside_requests(tmp_path) == []


def test_missing_executed_copies_are_named(tmp_path):
    result = CliRunner().invoke(
        app, ["course", "build", "--lang", "en", "--out", str(tmp_path / "site"), "--executed", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "no executed copy" in result.output and "00.00-Start-Here.ipynb" in result.output
    assert "06.00-Risk-And-Prevention.ipynb" in result.output


def test_a_notebook_that_fails_gives_papermills_last_line(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("raise ValueError('the ledger is empty')")]
    nbformat.write(nb, tmp_path / "bad.ipynb")
    reason = site.run(tmp_path / "bad.ipynb", tmp_path / "out.ipynb", tmp_path)
    assert reason is not None and "ValueError" in reason and "the ledger is empty" in reason


EN_SAMPLE = ["00.00-Start-Here.ipynb", "02.00-Aging-And-DSO.ipynb"]  # a course and a case notebook


@pytest.mark.notebooks
def test_the_english_edition_comes_out_in_english(tmp_path):
    pages = [p for p in site.pages("en") if p.name in EN_SAMPLE]
    executed = tmp_path / "executed"
    assert site.execute(pages, executed) == {}
    built = site.build("en", tmp_path / "site", executed, only=EN_SAMPLE)
    assert built.failed == {} and built.materials == []
    assert sorted(p.relative_to(built.out).as_posix() for p in built.pages) == sorted(p.href for p in pages)
    index = built.index.read_text(encoding="utf-8")
    assert t("site.title", "en") in index and t("site.reading_copy", "en") in index
    assert re.search(r'<html lang="en"', index)
    for page, path in zip(pages, built.pages, strict=True):
        html = path.read_text(encoding="utf-8")
        assert page.source.parent.name != "zh" and page.title()[6:] in html
        text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
        words = re.findall(r"[A-Za-z]{3,}", text)
        # the English edition glosses its headings in Chinese (about two characters a word): English outweighs it twice
        assert len(words) > 200 and len(CJK.findall(text)) / 2 < len(words) / 2, path.name
        assert f"↑ {t('site.home', 'en')}" in html
    assert site.outside_requests(built.out) == []


def test_slides_without_figures_when_a_course_notebook_did_not_run(tmp_path):
    """The executed copy of a notebook that failed records nothing: the decks are written
    without figures rather than read from it (the build exits 1 anyway)."""
    failed = {"02.01-Overdue-And-Profit.ipynb": "ValueError: boom"}
    index = site.write_slides("zh", tmp_path / "slides", tmp_path / "no-copies", failed)
    assert index.is_file() and len(list((tmp_path / "slides").glob("*.html"))) > 2
    assert site.outside_requests(tmp_path) == []


def test_without_chromium_the_materials_stay_html_and_the_build_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("RECEIVABLES_CHROMIUM", "no-such-chromium")
    html = tmp_path / "agenda.html"
    html.write_text("<html><body>议程</body></html>", encoding="utf-8")
    materials, said = site.print_if_possible([site.Material("议程", html)], "zh")
    assert [m.pdf for m in materials] == [None] and not list(tmp_path.glob("*.pdf"))
    assert said == [t("site.no_chromium", "zh")]


def test_a_notebook_that_does_not_run_is_named_and_the_rest_is_written(tmp_path, monkeypatch):
    """The build's bookkeeping around the runs (papermill replaced by a copy, or a failure
    with its last line, for the two notebooks): the failed one has no page and the index
    says it did not run."""
    ok, bad = "00.00-Start-Here.ipynb", "02.00-Why-Receivables-Arise.ipynb"

    def fake_run(source, target, folder):
        if source.name == bad:
            return "ValueError: the ledger is empty"
        target.write_bytes(source.read_bytes())
        return None

    monkeypatch.setattr(site, "run", fake_run)
    built = site.build("zh", tmp_path / "site", only=[ok, bad])
    assert built.failed == {bad: "ValueError: the ledger is empty"}
    assert [p.name for p in built.pages] == ["00.00-Start-Here.html"]
    index = built.index.read_text(encoding="utf-8")
    assert t("site.not_built", "zh") in index and 'href="course/02.00-Why-Receivables-Arise.html"' not in index


def test_the_learners_copy_has_no_trainer_materials(tmp_path, monkeypatch):
    """--no-trainer: pages and index only (the materials and slides hold model answers)."""

    def copy_run(source, target, folder):
        target.write_bytes(source.read_bytes())

    monkeypatch.setattr(site, "run", copy_run)
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["course", "build", "--lang", "en", "--out", str(out), "--no-trainer"])
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.glob("c*/*.html")) == sorted(
        p.href for p in site.pages("en")
    )
    assert not (out / "materials").exists() and not (out / "slides").exists()
    assert "materials/" not in (out / "index.html").read_text(encoding="utf-8")
