"""The offline course site (`receivables course build`): one edition's course and case
notebooks executed (papermill, a fresh kernel each, their defaults, widget state kept),
written as static HTML pages (nbconvert's lab template: code hidden, charts embedded, widget
views drawn from their saved state by the widgets HTML manager copied into the site), an
index in the edition's language in the outline's order, and the trainer materials with
their PDFs. Every library a page loads is a file of the site (`receivables.web_assets`);
every written page is scanned and the build fails if one would still ask for something
outside the machine.

Layout of the site folder::

    index.html
    course/<notebook>.html, cases/<notebook>.html
    assets/  requirejs/require.js, html-manager/dist/embed-amd.js, site.css
    materials/  agendas, role-play cards, facilitator notes, handouts (.html, .md, .pdf)
    slides/  the trainer's reveal.js decks, one per course part (slides-<lang>.html lists them)
"""

from __future__ import annotations

import posixpath
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import nbformat

from receivables import kernels, web_assets
from receivables.cases.outputs import CJK_FONTS, LATIN_FONTS
from receivables.course import notebooks as nbs
from receivables.course.translation import LEARNER_MARK
from receivables.i18n import check_lang, t
from receivables.i18n.editions import edition

FOLDERS = nbs.NOTEBOOK_FOLDERS  # ("course", "cases"): pages in this order
#: Seconds per cell (the slowest takes a few seconds).
CELL_TIMEOUT = 120
ASSETS = "assets"
REQUIRE_JS = f"{ASSETS}/requirejs/require.js"
EMBED_JS = f"{ASSETS}/html-manager/dist/embed-amd.js"
SITE_CSS = f"{ASSETS}/site.css"

#: A page asking for something outside the machine: an absolute or protocol-relative URL in
#: src/href (also inside JSON-escaped HTML, \"), in url() or after @import.
OUTSIDE = re.compile(
    r"""(?:\bsrc|\bhref)\s*=\s*(?:\\?["'])?\s*(?:https?:)?//"""
    r"""|url\(\s*(?:\\?["'])?\s*(?:https?:)?//"""
    r"""|@import\s+(?:url\(\s*)?(?:\\?["'])?\s*(?:https?:)?//""",
    re.I,
)
_ANCHOR = re.compile(r"""<a\s+([^>]*?)href\s*=\s*"([^"]*)"([^>]*)>""", re.I)


class SiteError(RuntimeError):
    """The site cannot be built (executed copies missing, a page asking outside)."""


@dataclass(frozen=True)
class Page:
    """One notebook of the edition and where its page goes in the site."""

    folder: str  # "course" or "cases"
    source: Path  # the edition's notebook in the kit (course/zh/… for Chinese)

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def href(self) -> str:
        """The page's path inside the site folder (POSIX)."""
        return f"{self.folder}/{self.source.stem}.html"

    def title(self) -> str:
        return f"{self.name[:5]} {nbs.title(nbs.read(self.source))}"


def pages(lang: str, root: Path | None = None) -> list[Page]:
    """Every course then case notebook of the edition (the English notebook's Chinese twin
    in Chinese), in file order, which is the outline's."""
    check_lang(lang)
    base = root or nbs.repo_root()
    found = [Page(folder, edition(path, lang)) for folder in FOLDERS for path in nbs.notebooks_in(base / folder)]
    names = [p.name for p in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:  # executed copies share one folder by file name
        raise SiteError(f"notebooks named alike in course/ and cases/: {', '.join(twice)}")
    return found


def sections(lang: str, site_pages: list[Page]) -> list[tuple[str, list[Page]]]:
    """(heading, pages) of the index: the course notebooks no outline part names (Start
    here), each part of course/outline.yml with its notebooks, then the case notebooks."""
    from receivables.trainer.handouts import PREFIX, outline_parts

    course = [p for p in site_pages if p.folder == "course"]
    by_name = {p.name: p for p in course}
    parts: list[tuple[str, list[Page]]] = []
    placed: set[str] = set()
    for part, items in outline_parts().items():
        names = list(dict.fromkeys(i.notebook for i in items if i.notebook in by_name))
        if names:
            parts.append((t(f"{PREFIX}part.{part}.title", lang), [by_name[n] for n in names]))
            placed.update(names)
    first = [p for p in course if p.name not in placed]
    out = [(t("site.part.start", lang), first)] if first else []
    out += parts
    cases = [p for p in site_pages if p.folder == "cases"]
    if cases:
        out.append((t("site.part.cases", lang), cases))
    return out


# ---------------------------------------------------------------- executing the edition


def run(source: Path, target: Path, folder: Path) -> str | None:
    """Execute ``source`` into ``target`` (receivables.kernels: papermill in a child process,
    a fresh kernel on unix sockets, the notebook's defaults, ``folder`` as working folder);
    None when it ran, else the error's last line. nbclient keeps the widgets' state in the
    notebook's metadata (store_widget_state, on by default)."""
    try:
        kernels.execute_apart(source, target, folder, timeout=CELL_TIMEOUT)
    except kernels.NotebookFailed as failed:
        return failed.reason
    return None


def execute(site_pages: list[Page], folder: Path, said: Callable[[str], None] = lambda _: None) -> dict[str, str]:
    """Execute every page's notebook into ``folder``/<name>; the ones that failed, with why.

    The notebooks run side by side (`kernels.side_by_side`), each in a working folder of its
    own, so a page shows what its notebook does alone, whatever ran before it."""
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".runs-", dir=folder))

    def run_page(page: Page) -> tuple[str, str | None]:
        started = time.monotonic()
        cwd = work / Path(page.name).stem
        cwd.mkdir()
        reason = run(page.source, folder / page.name, cwd)
        said(f"{page.name}: {'ran' if reason is None else 'FAILED'} in {time.monotonic() - started:.0f} s")
        return page.name, reason

    try:
        with ThreadPoolExecutor(max_workers=kernels.side_by_side()) as pool:
            results = list(pool.map(run_page, site_pages))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {name: reason for name, reason in results if reason is not None}


def missing_copies(site_pages: list[Page], folder: Path) -> list[str]:
    return [p.name for p in site_pages if not (folder / p.name).is_file()]


# ---------------------------------------------------------------- pages


def exporter(lang: str):
    """nbconvert's HTML exporter, lab template: inputs and prompts hidden, every script from
    the site's assets (paths relative to a page one folder down), nothing from a CDN."""
    from nbconvert import HTMLExporter

    up = "../"
    ex = HTMLExporter(template_name="lab")
    ex.exclude_input = True
    ex.exclude_input_prompt = True
    ex.exclude_output_prompt = True
    ex.require_js_url = up + REQUIRE_JS
    ex.widget_renderer_url = up + EMBED_JS
    ex.jupyter_widgets_base_url = up + ASSETS + "/"
    ex.jquery_url = ""
    ex.mathjax_url = ""
    ex.mermaid_js_url = ""
    ex.mermaid_layout_elk_js_url = ""
    ex.language_code = "zh" if lang == "zh" else "en"
    return ex


def reading_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as the site shows it: each learner's ✏️ cell's code as text (a code
    block in a text cell just before its outputs), since the page hides code and cannot run."""
    nb = nbformat.from_dict(nb)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code" and LEARNER_MARK in cell.source:
            fence = "````" if "```" in cell.source else "```"
            cells.append(nbformat.v4.new_markdown_cell(f"{fence}python\n{cell.source.rstrip()}\n{fence}"))
        cells.append(cell)
    nb.cells = cells
    nb.metadata["title"] = nbs.title(nb)
    return nb


def _link(href: str, page: Page, targets: dict[str, str]) -> str | None:
    """Where a link of ``page``'s notebook goes in the site (relative to the page), or None
    when it leads nowhere the site has (then the text stays, without the link)."""
    if href.startswith("#"):
        return href
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I):
        return None  # another site or scheme: the reading copy stays offline
    path, _, anchor = href.partition("#")
    kit = posixpath.normpath(posixpath.join(page.source.parent.as_posix(), path))
    target = targets.get(kit)
    if target is None:
        return None
    rel = posixpath.relpath(target, page.folder)
    return rel + (f"#{anchor}" if anchor and target.endswith(".html") and not kit.endswith("README.md") else "")


def link_targets(site_pages: list[Page]) -> dict[str, str]:
    """Kit paths (POSIX, absolute) the notebooks link to -> site paths: each notebook to its
    page, each contents page (README.md) to the index."""
    out = {p.source.as_posix(): p.href for p in site_pages}
    for p in site_pages:
        out[(p.source.parent / "README.md").as_posix()] = "index.html"
    return out


def _rewrite_links(body: str, page: Page, targets: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        new = _link(m.group(2), page, targets)
        if new is None:
            return f"<a {m.group(1)}{m.group(3).strip()}>".replace("<a >", "<a>")
        return f'<a {m.group(1)}href="{escape(new)}"{m.group(3)}>'

    return _ANCHOR.sub(sub, body)


def _nav(lang: str) -> str:
    """A link back to the index (the notebook's own navigation cell leads to the pages
    before and after it)."""
    return f'<nav class="site-nav"><a href="../index.html">↑ {escape(t("site.home", lang))}</a></nav>'


def page_html(nb: nbformat.NotebookNode, lang: str, index: int, site_pages: list[Page]) -> str:
    """The static page of an executed notebook."""
    body, _ = exporter(lang).from_notebook_node(reading_copy(nb))
    page = site_pages[index]
    body = _rewrite_links(body, page, link_targets(site_pages))
    body = body.replace("</head>", f'<link rel="stylesheet" href="../{SITE_CSS}">\n</head>', 1)
    return re.sub(r"<main>", lambda _: f"<main>\n{_nav(lang)}", body, count=1)


def site_css(lang: str) -> str:
    """The site's own stylesheet: the kit's font stack (CJK first in Chinese) for the lab
    template's text, and the navigation bar."""
    faces = (*CJK_FONTS, *LATIN_FONTS) if lang == "zh" else (*LATIN_FONTS, *CJK_FONTS)
    stack = ", ".join((*faces, "sans-serif"))
    return f""":root {{
  --jp-ui-font-family: {stack};
  --jp-content-font-family: {stack};
}}
body {{ font-family: {stack}; }}
.site-nav {{ margin: 0 0 1em; padding: .5em 0; border-bottom: 1px solid #ccc; font-size: 95%; }}
.site-nav + * {{ margin-top: 0; }}
"""


def write_assets(out: Path, lang: str) -> Path:
    """require.js, the widgets HTML manager and site.css into ``out``/assets."""
    assets = out / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    web_assets.copy_into(web_assets.REQUIREJS, assets / "requirejs")
    web_assets.copy_into(web_assets.HTML_MANAGER, assets / "html-manager")
    (out / SITE_CSS).write_text(site_css(lang), encoding="utf-8")
    return assets


def write_pages(
    site_pages: list[Page], executed: Path, out: Path, lang: str, skip: set[str] = frozenset()
) -> list[Path]:
    """One page per executed notebook (``executed``/<name>), except ``skip``."""
    written = []
    for i, page in enumerate(site_pages):
        if page.name in skip:
            continue
        target = out / page.href
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_html(nbs.read(executed / page.name), lang, i, site_pages), encoding="utf-8")
        written.append(target)
    return written


# ---------------------------------------------------------------- index


@dataclass(frozen=True)
class Material:
    title: str
    html: Path
    pdf: Path | None = None


def index_markdown(
    lang: str,
    site_pages: list[Page],
    materials: list[Material],
    out: Path,
    failed: dict[str, str] | None = None,
    slides: Path | None = None,
) -> str:
    failed = failed or {}
    lines = [f"# {t('site.title', lang)}", "", t("site.intro", lang), "", t("site.reading_copy", lang), ""]
    for heading, group in sections(lang, site_pages):
        lines += [f"## {heading}", ""]
        for page in group:
            title = page.title().replace("[", "\\[").replace("]", "\\]")
            if page.name in failed:
                lines.append(f"- {title} · {t('site.not_built', lang)}")
            else:
                lines.append(f"- [{title}]({page.href})")
        lines.append("")
    if materials:
        lines += [f"## {t('site.materials', lang)}", "", t("site.materials_intro", lang), ""]
        for m in materials:
            line = f"- [{m.title}]({m.html.relative_to(out).as_posix()})"
            if m.pdf is not None:
                line += f" · [PDF]({m.pdf.relative_to(out).as_posix()})"
            lines.append(line)
    if slides is not None:
        lines.append(f"- [{t('trainer.slides.title', lang)}]({slides.relative_to(out).as_posix()})")
    return "\n".join(lines)


def write_index(
    out: Path,
    lang: str,
    site_pages: list[Page],
    materials: list[Material],
    failed: dict[str, str] | None = None,
    slides: Path | None = None,
) -> Path:
    from receivables.trainer import render

    path = out / "index.html"
    markdown = index_markdown(lang, site_pages, materials, out, failed, slides)
    path.write_text(render.html(t("site.title", lang), [markdown], lang), encoding="utf-8")
    return path


# ---------------------------------------------------------------- materials


def write_materials(lang: str, out: Path, executed: Path, failed: dict[str, str]) -> list[Material]:
    """Agendas (1 and 2 days), role-play cards, facilitator notes (their figures read from
    the executed copies in ``executed``: the same run as the pages) and handouts, into ``out``."""
    from receivables.course.record import recorded
    from receivables.trainer import agenda, cards, handouts, notes, render, sources

    done: list[Material] = []
    for days in agenda.DAYS:
        done.append(Material(t(f"trainer.agenda.title_{days}", lang), agenda.write(days, lang, out)[0]))
    done.append(Material(t("trainer.card.title", lang), cards.write(lang, out)[0]))
    names = sources.course_notebooks()
    if any(n in failed for n in names):  # the notes say which did not run, with why
        figures = {n: failed[n] if n in failed else recorded(nbs.read(executed / n)) for n in names}
        paths = render.write(
            out, f"facilitator-notes-{lang}", t("trainer.note.title", lang), notes.pages(lang, figures), lang
        )
    else:
        paths, _ = notes.write(lang, out, executed)
    done.append(Material(t("trainer.note.title", lang), paths[0]))
    keys = ("chapters", "formulas", "case", "exercise")
    for path, k in zip((p for p in handouts.write(lang, out) if p.suffix == ".html"), keys, strict=True):
        done.append(Material(t(f"{handouts.PREFIX}{k}.title", lang), path))
    return done


def write_slides(lang: str, out: Path, executed: Path, failed: dict[str, str]) -> Path:
    """The trainer's reveal.js decks (receivables.trainer.slides), their figures from the same
    executed copies (none when a course notebook did not run: the build fails anyway, and
    nothing is run twice); returns the decks' index page."""
    from receivables.trainer import slides, sources

    if any(n in failed for n in sources.course_notebooks()):
        return slides.write(lang, out, None, run=False)[0]
    return slides.write(lang, out, executed)[0]


def print_materials(materials: list[Material], chromium: str) -> list[Material]:
    """Each material with its PDF beside it (headless Chromium, CJK faces embedded)."""
    from receivables.trainer.pdf import print_pdf

    return [Material(m.title, m.html, print_pdf(m.html, m.html.with_suffix(".pdf"), chromium)) for m in materials]


def print_if_possible(materials: list[Material], lang: str) -> tuple[list[Material], list[str]]:
    """The materials with their PDFs when a Chromium is installed; else as they are, and
    the sentence saying why there is no PDF."""
    from receivables.trainer.pdf import find_chromium

    chromium = find_chromium()
    if chromium is None:
        return materials, [t("site.no_chromium", lang)]
    return print_materials(materials, chromium), []


# ---------------------------------------------------------------- the build


@dataclass
class Built:
    out: Path
    index: Path | None = None
    pages: list[Path] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    slides: Path | None = None  # the decks' index
    failed: dict[str, str] = field(default_factory=dict)  # notebook -> papermill's last line
    notes: list[str] = field(default_factory=list)  # what was left out and why


def outside_requests(out: Path) -> list[str]:
    """'<file>: <match>' for every written HTML page that would still ask outside."""
    found = []
    for path in sorted(out.rglob("*.html")):
        for m in OUTSIDE.finditer(path.read_text(encoding="utf-8", errors="replace")):
            found.append(f"{path.relative_to(out)}: {m.group(0)!r}")
    return found


def build(
    lang: str,
    out: Path,
    executed: Path | None = None,
    *,
    materials: bool = True,
    only: list[str] | None = None,
    pdf: bool = True,
    said: Callable[[str], None] = lambda _: None,
) -> Built:
    """Build the edition's site into ``out``. ``executed``: a folder of already executed
    copies (every page's notebook by file name), else the edition is executed now in a
    scratch folder. ``only``: just these notebooks (no materials then; tests). ``pdf``:
    print the materials when Chromium is installed."""
    check_lang(lang)
    site_pages = pages(lang)
    if only is not None:
        unknown = sorted(set(only) - {p.name for p in site_pages})
        if unknown:
            raise SiteError(f"not a notebook of the edition: {', '.join(unknown)}")
        site_pages = [p for p in site_pages if p.name in only]
        materials = False
    if executed is not None:
        missing = missing_copies(site_pages, executed)
        if missing:
            raise SiteError(f"no executed copy in {executed} of: {', '.join(missing)}")
    out.mkdir(parents=True, exist_ok=True)
    built = Built(out)
    with tempfile.TemporaryDirectory(prefix="course-site-") as scratch:
        if executed is None:
            executed = Path(scratch)
            built.failed = execute(site_pages, executed, said)
        write_assets(out, lang)
        built.pages = write_pages(site_pages, executed, out, lang, skip=set(built.failed))
        if materials:
            said("writing the trainer materials")
            built.materials = write_materials(lang, out / "materials", executed, built.failed)
            said("writing the trainer slides")
            built.slides = write_slides(lang, out / "slides", executed, built.failed)
    if built.materials and pdf:
        said("printing the materials to PDF")
        built.materials, skipped = print_if_possible(built.materials, lang)
        built.notes += skipped
    built.index = write_index(out, lang, site_pages, built.materials, built.failed, built.slides)
    found = outside_requests(out)
    if found:
        raise SiteError("pages would request something outside the machine:\n" + "\n".join(found))
    return built
