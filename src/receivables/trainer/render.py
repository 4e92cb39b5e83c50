"""One printable page format for every trainer material: Markdown, and one self-contained
HTML file made from it (no outside request: no script, no web font, no link to fetch),
with print rules and the CJK font stack the kit's case report uses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from pathlib import Path

import mistune

from receivables.cases.outputs import CJK_FONTS, LATIN_FONTS
from receivables.i18n import check_lang

#: The brief's statuses carry ✔ 📄 ⚠: the system's emoji face where the text faces lack them.
EMOJI_FONTS = ("'Noto Color Emoji'", "'Apple Color Emoji'", "'Segoe UI Emoji'", "'Segoe UI Symbol'")
_MARKDOWN = mistune.create_markdown(escape=True, plugins=["table", "task_lists"])

#: Anything that would make a page fetch something from outside the file.
OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.I)


def css(lang: str) -> str:
    check_lang(lang)
    text = (*CJK_FONTS, *LATIN_FONTS) if lang == "zh" else (*LATIN_FONTS, *CJK_FONTS)
    stack = ", ".join((*text, *EMOJI_FONTS, "sans-serif"))
    return f"""
body {{ font-family: {stack}; font-size: 11pt; line-height: 1.5; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm; }}
h1 {{ font-size: 18pt; margin: 0 0 .4em; }}
h2 {{ font-size: 14pt; margin: 1em 0 .3em; border-bottom: 1px solid #999; }}
h3 {{ font-size: 12pt; margin: .8em 0 .2em; }}
table {{ border-collapse: collapse; width: 100%; margin: .4em 0; }}
th, td {{ border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; text-align: left; }}
th {{ background: #f0f0f0; }}
td:first-child {{ white-space: nowrap; }}
ul {{ margin: .2em 0 .5em; padding-left: 1.4em; }}
li.task-list-item {{ list-style: none; margin-left: -1.2em; }}
li.task-list-item input {{ width: 1em; height: 1em; margin-right: .5em; }}
blockquote {{ border-left: 4px solid #ccc; margin: .4em 0; padding: .1em .8em; color: #333; background: #fafafa; }}
section.page + section.page {{ margin-top: 2em; border-top: 2px dashed #ccc; padding-top: 1em; }}
.kit-note {{ font-size: 9pt; color: #555; }}
@page {{ size: A4; margin: 14mm 12mm; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 10.5pt; }}
  section.page {{ break-after: page; page-break-after: always; }}
  section.page:last-child {{ break-after: auto; page-break-after: auto; }}
  section.page + section.page {{ margin-top: 0; border-top: 0; padding-top: 0; }}
  h2, h3 {{ break-after: avoid; page-break-after: avoid; }}
  tr, li, blockquote {{ break-inside: avoid; page-break-inside: avoid; }}
}}
"""


def markdown(pages: Sequence[str]) -> str:
    """The Markdown file: the pages separated by a rule."""
    return "\n\n---\n\n".join(p.strip() for p in pages) + "\n"


def html(title: str, pages: Sequence[str], lang: str) -> str:
    """One self-contained HTML file; each page prints on its own sheet(s)."""
    body = "\n".join(f'<section class="page">\n{_MARKDOWN(p)}</section>' for p in pages)
    out = (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if check_lang(lang) == "zh" else "en"}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{css(lang)}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
    found = OUTSIDE.search(out)
    if found:  # a text carried a link: the page must work offline
        raise ValueError(f"{title}: the page would request something outside the file: {found.group(0)!r}")
    return out


def cell(text: object) -> str:
    """A value for a Markdown table cell (no pipe, no line break)."""
    return str(text).replace("|", "/").replace("\n", " ").strip()


def write(out: Path, stem: str, title: str, pages: Sequence[str], lang: str) -> list[Path]:
    """Write <stem>.html and <stem>.md into ``out``; return both paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{stem}.html", out / f"{stem}.md"]
    paths[0].write_text(html(title, pages, lang), encoding="utf-8")
    paths[1].write_text(markdown(pages), encoding="utf-8")
    return paths
