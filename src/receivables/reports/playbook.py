"""The learner's collection playbook (催收话术手册): their saved scripts as a self-contained
HTML file and a Markdown file, in English or Chinese.

The HTML carries its own styles, with a font-family stack of CJK faces (the same list the
charts use, `receivables.i18n.fonts.CJK_FAMILIES`) so Chinese renders on Windows, macOS and
Linux without anything to install or download.
"""

from __future__ import annotations

import os
from datetime import date
from html import escape
from pathlib import Path
from typing import TypedDict

from receivables.collection.conversation import pick
from receivables.collection.scripts import SECTIONS, section_title, slots, written_count
from receivables.i18n import check_lang, t
from receivables.i18n.fonts import CJK_FAMILIES

FONT_STACK = ", ".join(f'"{family}"' for family in CJK_FAMILIES) + ", sans-serif"


def _colon(lang: str) -> str:
    return ":" if lang == "zh" else ": "


def _not_written(lang: str) -> str:
    """ "Not written yet. The kit's suggestion (authored):" in ``lang``."""
    space = "" if lang == "zh" else " "
    return f"{t('playbook.not_written', lang)}{space}{t('scripts.suggestion', lang)}{_colon(lang).strip()}"


def _paragraphs_html(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.strip().split("\n") if p.strip())


def playbook_html(lines: dict[str, str], lang: str = "en", learner: str = "", on: date | None = None) -> str:
    """The playbook as one self-contained HTML page (no external files or fonts)."""
    check_lang(lang)
    on = on or date.today()
    title = t("playbook.title", lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        "<style>",
        f"body {{ font-family: {FONT_STACK}; max-width: 50em; margin: 2em auto; padding: 0 1em; "
        "line-height: 1.6; color: #1f2328; }",
        "h1 { border-bottom: 2px solid #2f6feb; padding-bottom: .2em; }",
        "h2 { margin-top: 2em; color: #2f6feb; } h3 { margin-bottom: .3em; }",
        ".situation { color: #57606a; font-style: italic; }",
        ".mine { border-left: 4px solid #2f6feb; padding-left: .8em; }",
        ".suggestion { color: #8c959f; border-left: 4px dashed #d0d7de; padding-left: .8em; }",
        "@media print { h2 { page-break-before: auto; } .slot { page-break-inside: avoid; } }",
        "</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    meta = [t("playbook.date", lang).format(date=on.isoformat())]
    if learner.strip():
        meta.insert(0, t("playbook.by", lang).format(learner=learner.strip()))
    parts.append(f"<p>{escape(' · '.join(meta))}</p>")
    parts.append(f"<p>{escape(t('playbook.intro', lang))}</p>")
    parts.append(
        f"<p><b>{escape(t('playbook.count', lang).format(n=written_count(lines), total=len(slots())))}</b></p>"
    )
    for section in SECTIONS:
        parts.append(f"<h2>{escape(section_title(section, lang))}</h2>")
        for slot in slots([section]):
            mine = lines.get(slot.key, "")
            parts.append(f'<div class="slot"><h3>{escape(slot.label(lang))}</h3>')
            parts.append(
                f'<p class="situation">{escape(t("playbook.situation", lang) + _colon(lang))}'
                f"{escape(pick(slot.prompt, lang))}</p>"
            )
            if mine.strip():
                parts.append(
                    f'<div class="mine"><b>{escape(t("playbook.mine", lang))}</b>{_paragraphs_html(mine)}</div>'
                )
            else:
                parts.append(
                    f'<div class="suggestion"><b>{escape(_not_written(lang))}</b>'
                    f"{_paragraphs_html(pick(slot.suggestion, lang))}</div>"
                )
            parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().split("\n"))


def playbook_markdown(lines: dict[str, str], lang: str = "en", learner: str = "", on: date | None = None) -> str:
    """The playbook as Markdown (for a wiki, an e-mail or a Word import)."""
    check_lang(lang)
    on = on or date.today()
    out = [f"# {t('playbook.title', lang)}", ""]
    meta = [t("playbook.date", lang).format(date=on.isoformat())]
    if learner.strip():
        meta.insert(0, t("playbook.by", lang).format(learner=learner.strip()))
    out += [
        " · ".join(meta),
        "",
        t("playbook.intro", lang),
        "",
        f"**{t('playbook.count', lang).format(n=written_count(lines), total=len(slots()))}**",
        "",
    ]
    for section in SECTIONS:
        out += [f"## {section_title(section, lang)}", ""]
        for slot in slots([section]):
            mine = lines.get(slot.key, "")
            out += [
                f"### {slot.label(lang)}",
                "",
                f"*{t('playbook.situation', lang)}{_colon(lang)}{pick(slot.prompt, lang)}*",
                "",
            ]
            if mine.strip():
                out += [f"**{t('playbook.mine', lang)}**", "", _quote(mine), ""]
            else:
                out += [_not_written(lang), "", _quote(pick(slot.suggestion, lang)), ""]
    return "\n".join(out)


class PlaybookFiles(TypedDict):
    """What `export_playbook` returns: the two files written and how many of the slots
    the learner has written."""

    html: Path
    markdown: Path
    written: int
    slots: int


def export_playbook(
    lines: dict[str, str],
    out_dir: str | os.PathLike,
    lang: str = "en",
    learner: str = "",
    stem: str = "collection-playbook",
    on: date | None = None,
) -> PlaybookFiles:
    """Write ``<stem>-<lang>.html`` and ``<stem>-<lang>.md`` into ``out_dir`` (created if needed).

    Returns ``{"html": Path, "markdown": Path, "written": n, "slots": total}``."""
    check_lang(lang)
    if not stem or any(c in stem for c in "/\\"):
        raise ValueError(f"the file name stem must be a plain name, not {stem!r}")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"{stem}-{lang}.html"
    md_path = folder / f"{stem}-{lang}.md"
    html_path.write_text(playbook_html(lines, lang, learner, on), encoding="utf-8")
    md_path.write_text(playbook_markdown(lines, lang, learner, on), encoding="utf-8")
    return {"html": html_path, "markdown": md_path, "written": written_count(lines), "slots": len(slots())}
