"""Trainer slides (培训幻灯片): one reveal.js deck per course part, for the trainer at the
projector, with speaker notes the room does not see (reveal's speaker view: press S).

Each deck is an nbformat notebook built from what the other materials use, never typed
twice, then exported with nbconvert's SlidesExporter:

- title slide: the part's title (the chapter summary's) and its blocks in both agendas;
- the part's key points (the chapter summary's);
- per notebook of the part: its objective (the facilitator note's) and the outline topics it
  teaches; the figures learners should reach (the executed notebook's record, as the notes
  read it); each discussion question of its trainer block on a slide of its own;
- the part's role plays (the agendas' blocks of its notebooks): title and the customer's line.

Speaker notes (`slide_type: notes` cells) carry the facilitator note's how-to-run text,
timing and common mistakes, each question's model answer and debrief points, and the role
play customer's hidden objective and concession: nothing of that is on a visible slide.

The decks work offline: reveal.js (with its notes plugin) and require.js are copied beside
them (`receivables.web_assets`), the template loads nothing else, and a deck that would
still name an outside address is refused.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

import nbformat

from receivables import web_assets
from receivables.cases.outputs import CJK_FONTS, LATIN_FONTS
from receivables.collection import role_play as rp
from receivables.collection.conversation import named
from receivables.i18n import check_lang, t
from receivables.trainer import agenda, handouts, notes, render, sources

PREFIX = "trainer.slides."
#: Folders beside the decks holding the libraries they load.
REVEAL_DIR = "reveal.js"
REQUIRE_DIR = "requirejs"
#: The slide canvas (16:9, reveal scales it to the screen) and its body text size.
WIDTH, HEIGHT = 1280, 720
#: Rows of the figures table on one slide (more go on the next slide).
FIGURE_ROWS = 8
#: Any http(s) address at all, or what render.OUTSIDE refuses: the written HTML must hold
#: none (not even in a comment or a script string, so nothing can ever be fetched from it).
OUTSIDE = re.compile(rf"https?://|{render.OUTSIDE.pattern}", re.I)
_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S | re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
TEMPLATE_DIR = files("receivables.trainer") / "slides_template"
TEMPLATE = "receivables-slides.html.j2"


# ---------------------------------------------------------------- what a deck holds


def parts(base: Path | None = None) -> dict[str, list[str]]:
    """The course parts (the chapter summaries' order) and their notebooks in course order.
    A course notebook the outline does not list (00.00 Start Here) goes with the part that
    follows it in the course."""
    by_part = handouts.outline_parts(base)
    order = [p for p in handouts.handout_data().parts if p in by_part]
    part_of = {}
    for part in order:
        for item in by_part[part]:
            part_of.setdefault(item.notebook, part)
    out: dict[str, list[str]] = {p: [] for p in order}
    waiting: list[str] = []
    for name in sources.course_notebooks(base):
        part = part_of.get(name)
        if part is None:
            waiting.append(name)
            continue
        out[part] += [*waiting, name]
        waiting = []
    if waiting and order:
        out[order[-1]] += waiting
    return out


def problems(base: Path | None = None) -> list[str]:
    """A part whose deck would have no notebook, a course notebook in no deck, the template
    gone (the rest the slides name is checked with the notes, handouts, agendas and cards)."""
    found = parts(base)
    out = [f"slides: part {p!r} has no course notebook" for p, names in found.items() if not names]
    placed = {n for names in found.values() for n in names}
    out += [f"slides: course/{n} is in no deck" for n in sources.course_notebooks(base) if n not in placed]
    if not (TEMPLATE_DIR / TEMPLATE).is_file():
        out.append(f"slides: the template {TEMPLATE} is missing from the package")
    return out


def timing(notebooks: list[str], lang: str) -> list[str]:
    """The agenda blocks (both agendas) that use any of ``notebooks``, with clock times."""
    return [
        t(f"{PREFIX}timing_line", lang).format(
            days=days, day=day, start=start, end=end, title=t(block.keys[0], lang), minutes=block.minutes
        )
        for days, day, start, end, block in agenda.timed_blocks(notebooks)
    ]


def role_plays(notebooks: list[str]) -> list[str]:
    """The role plays the agendas' blocks of these notebooks play, in agenda order."""
    out: list[str] = []
    for days in agenda.DAYS:
        for block in agenda.agenda(days).blocks:
            if set(block.notebooks) & set(notebooks):
                out += [r for r in block.role_plays if r not in out]
    return out


def _cell(source: str, slide_type: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(source, metadata={"slideshow": {"slide_type": slide_type}})


def _notes(lines: list[str]) -> nbformat.NotebookNode:
    return _cell("\n".join(lines).strip(), "notes")


def _notebook_slides(name: str, lang: str, figures: Mapping[str, Any] | str | None) -> list[nbformat.NotebookNode]:
    cells = []
    topics = [item for items in handouts.outline_parts().values() for item in items if item.notebook == name]
    visible = [
        f"## {sources.notebook_title(name, lang)}",
        "",
        f"**{t('trainer.note.objective', lang)}** {t(notes.key(name, 'objective'), lang)}",
        "",
    ]
    visible += [f"- {item.title(lang)}" for item in topics]
    cells.append(_cell("\n".join(visible), "slide"))
    cells.append(
        _notes(
            [
                f"**{t('trainer.note.run', lang)}** {t(notes.key(name, 'run'), lang)}",
                "",
                f"**{t('trainer.note.mistakes', lang)}** {t(notes.key(name, 'mistakes'), lang)}",
                "",
                f"**{t('trainer.note.timing', lang)}**",
                "",
                *[f"- {line}" for line in notes._minutes(name, lang)],
            ]
        )
    )
    if isinstance(figures, str):  # the notebook did not run: the trainer reads why, the room sees nothing
        cells.append(_notes([t("trainer.note.did_not_run", lang).format(reason=render.cell(figures))]))
    elif isinstance(figures, Mapping) and (rows := notes.figure_rows(figures, lang)):
        chunks = [rows[i : i + FIGURE_ROWS] for i in range(0, len(rows), FIGURE_ROWS)]
        for n, chunk in enumerate(chunks, 1):
            table = [f"| {t('figures_table.name', lang)} | {t('figures_table.value', lang)} |", "|---|---:|"]
            table += [f"| {render.cell(label)} | {render.cell(value)} |" for label, value in chunk]
            part = f" ({n}/{len(chunks)})" if len(chunks) > 1 else ""
            cells.append(
                _cell(
                    "\n".join(
                        [
                            f"## {t('trainer.note.figures', lang)}{part}",
                            "",
                            f"#### {sources.notebook_title(name, lang)}",
                            "",
                            *table,
                        ]
                    ),
                    "slide",
                )
            )
            cells.append(_notes([t("trainer.note.figures_intro", lang)]))
    questions = sources.trainer_questions(name, lang)
    for n, question in enumerate(questions, 1):
        head = t(f"{PREFIX}question", lang).format(n=n, total=len(questions), notebook=notes.number(name))
        cells.append(_cell(f"#### {head}\n\n## {question}", "slide"))
        cells.append(
            _notes(
                [
                    f"**{t('trainer.note.answer', lang)}** {t(notes.question_key(name, n, 'answer'), lang)}",
                    "",
                    f"**{t('trainer.note.debrief', lang)}** {t(notes.question_key(name, n, 'debrief'), lang)}",
                ]
            )
        )
    return cells


def _role_play_slides(code: str, lang: str) -> list[nbformat.NotebookNode]:
    case = rp.CASES_BY_CODE[code]
    visible = [
        f"#### {t(f'{PREFIX}role_play', lang)}",
        "",
        f"## {sources.role_play_title(code, lang)}",
        "",
        f"**{t('conv.customer_says', lang)}**",
        "",
        f"> {named(case.customer_says, lang)}",
    ]
    hidden = [
        f"**{t('trainer.card.' + part, lang)}** {t(f'trainer.card.{code}.{part}', lang)}"
        for part in ("persona", "objective", "concede")
    ]
    return [_cell("\n".join(visible), "slide"), _notes(["\n\n".join(hidden), "", t(f"{PREFIX}cards", lang)])]


def deck(part: str, lang: str, figures: Mapping[str, Mapping[str, Any] | str] | None = None) -> nbformat.NotebookNode:
    """The part's deck as a notebook of markdown cells with reveal's slide metadata."""
    check_lang(lang)
    all_parts = parts()
    names = all_parts[part]
    number = list(all_parts).index(part) + 1
    title = t(f"{handouts.PREFIX}part.{part}.title", lang)
    lines = timing(names, lang)
    cells = [
        _cell(
            "\n".join(
                [
                    f"# {title}",
                    "",
                    f"#### {t(f'{PREFIX}deck', lang).format(n=number, total=len(all_parts))}",
                    "",
                    f"**{t(f'{PREFIX}timing', lang)}**",
                    "",
                    *([f"- {line}" for line in lines] or [t("trainer.note.not_in_agenda", lang)]),
                ]
            ),
            "slide",
        ),
        _notes([t(f"{PREFIX}speaker", lang), "", *[f"- {sources.notebook_title(n, lang)}" for n in names]]),
    ]
    points = handouts.part_keys(part, handouts.handout_data().parts[part])[1:]
    cells.append(
        _cell(
            "\n".join([f"## {t(f'{handouts.PREFIX}key_points', lang)}", "", *[f"- {t(k, lang)}" for k in points]]),
            "slide",
        )
    )
    for name in names:
        cells += _notebook_slides(name, lang, None if figures is None else figures.get(name))
    for code in role_plays(names):
        cells += _role_play_slides(code, lang)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata.update({"title": title, "language_info": {"name": "markdown"}})
    return nb


# ---------------------------------------------------------------- HTML


def css(lang: str) -> str:
    """Projector sizes on the 1280×720 canvas and the edition's font stack (CJK first in Chinese)."""
    faces = (*CJK_FONTS, *LATIN_FONTS) if check_lang(lang) == "zh" else (*LATIN_FONTS, *CJK_FONTS)
    stack = ", ".join((*faces, *render.EMOJI_FONTS, "sans-serif"))
    return f"""
:root {{ --jp-content-font-size1: 30px; --jp-content-font-family: {stack}; --jp-ui-font-family: {stack}; }}
.reveal, .reveal .slides {{ font-family: {stack}; }}
.reveal .slides {{ text-align: left; }}
.reveal .jp-RenderedHTMLCommon {{ font-family: {stack}; font-size: 30px; line-height: 1.45; padding-right: 0; }}
.reveal .jp-RenderedHTMLCommon h1, .reveal .jp-RenderedHTMLCommon h2, .reveal .jp-RenderedHTMLCommon h4 {{
  font-family: {stack}; text-transform: none; font-weight: 700; letter-spacing: normal; }}
.reveal .jp-RenderedHTMLCommon h1 {{ font-size: 60px; line-height: 1.2; margin: 0 0 .3em; }}
.reveal .jp-RenderedHTMLCommon h2 {{ font-size: 44px; line-height: 1.25; margin: 0 0 .4em; }}
.reveal .jp-RenderedHTMLCommon h4 {{ font-size: 24px; color: #555; margin: 0 0 .4em; }}
.reveal .jp-RenderedHTMLCommon li {{ margin: .2em 0; }}
.reveal .jp-RenderedHTMLCommon blockquote {{ font-size: 34px; font-style: normal; width: auto; margin: .3em 0;
  border-left: 6px solid #2a76dd; padding: .2em .6em; box-shadow: none; background: #f5f8fc; }}
.reveal .jp-RenderedHTMLCommon table {{ font-size: 26px; margin: .3em 0; }}
.reveal .jp-RenderedHTMLCommon td, .reveal .jp-RenderedHTMLCommon th {{ padding: .2em .6em; }}
.reveal .slides > section:first-child .jp-RenderedHTMLCommon li {{ font-size: 24px; margin: .1em 0; }}
.jp-InputPrompt, .jp-OutputPrompt {{ display: none; }}
"""


def export(nb: nbformat.NotebookNode, lang: str) -> str:
    """The deck as reveal.js HTML that loads only ./reveal.js and ./requirejs."""
    from nbconvert.exporters import SlidesExporter

    exporter = SlidesExporter(
        extra_template_paths=[str(TEMPLATE_DIR)],
        template_file=TEMPLATE,
        reveal_url_prefix=REVEAL_DIR,
        reveal_theme="white",
        reveal_transition="none",
        reveal_number="c/t",
        reveal_width=str(WIDTH),
        reveal_height=str(HEIGHT),
        require_js_url=f"{REQUIRE_DIR}/require.js",
        mathjax_url="",
        jquery_url="",
        mermaid_js_url="",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    html, _ = exporter.from_notebook_node(nb, resources={"kit_css": css(lang)})
    html = html.replace('<html lang="en">', f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', 1)
    html = re.sub(r"<title>(.*?) slides</title>", r"<title>\1</title>", html, count=1)  # the template's English word
    # JupyterLab's inlined style sheets credit their sources by address in comments: drop the comments.
    html = _STYLE.sub(lambda m: m[1] + _CSS_COMMENT.sub("", m[2]) + m[3], html)
    found = OUTSIDE.search(html)
    if found:
        raise ValueError(f"the slides would name an outside address: {found.group(0)!r}")
    return html


def deck_name(part: str, lang: str) -> str:
    return f"slides-{lang}-{list(parts()).index(part) + 1}-{part.replace('_', '-')}.html"


def index_page(lang: str) -> str:
    """The decks' list (slides-<lang>.html): open a deck, press S for the speaker view."""
    lines = [f"# {t(f'{PREFIX}title', lang)}", "", t(f"{PREFIX}how", lang), ""]
    lines += [f"- [{t(f'{handouts.PREFIX}part.{p}.title', lang)}]({deck_name(p, lang)})" for p in parts()]
    return "\n".join(lines)


def build(lang: str, out: Path, executed: Path | None = None, run: bool = True) -> tuple[list[Path], dict[str, str]]:
    """Write the decks, their index and the libraries they load into ``out``. The figures
    come from executed copies in ``executed`` if given (never run again), else from running
    every course notebook now (``run``), else the decks have no figure slides. Returns the
    files written and the notebooks that did not run (their decks' notes say why)."""
    check_lang(lang)
    names = sources.course_notebooks()
    figures: dict[str, Any] | None
    if executed is not None:
        figures = notes.read_executed(names, executed)
    elif run:
        with tempfile.TemporaryDirectory(prefix="trainer-slides-") as folder:
            figures = notes.execute(names, lang, Path(folder))
    else:
        figures = None
    out.mkdir(parents=True, exist_ok=True)
    web_assets.copy_into(web_assets.REVEAL, out / REVEAL_DIR)
    web_assets.copy_into(web_assets.REQUIREJS, out / REQUIRE_DIR)
    paths = []
    for part in parts():
        path = out / deck_name(part, lang)
        path.write_text(export(deck(part, lang, figures), lang), encoding="utf-8")
        paths.append(path)
    index = out / f"slides-{lang}.html"
    index.write_text(render.html(t(f"{PREFIX}title", lang), [index_page(lang)], lang), encoding="utf-8")
    return [index, *paths], notes.failed(figures or {})


def write(lang: str, out: Path, executed: Path | None = None, run: bool = True) -> list[Path]:
    """The decks (see `build`); the files written: the index first, then one deck per part."""
    return build(lang, out, executed, run)[0]
