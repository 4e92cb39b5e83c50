"""What an executed notebook shows its reader, as text; what in it is not Chinese, and
what is production wording no learner should meet.

Used by the tests of the notebooks: a Chinese learner should meet no English sentence and
no code name (snake_case keys, raw dictionaries) in any output, and no learner, in either
edition, the kit's internal wording (`internal_wording`). Widget views render live (their
labels are package texts, checked by `receivables course check`) and images are pictures:
both are left out here.
"""

from __future__ import annotations

import html
import re

import nbformat

from receivables.course.record import MIME
from receivables.course.translation import prose

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Abbreviations a Chinese text keeps (the course's own and common business ones).
ABBREVIATIONS = frozenset(
    [
        "DSO",
        "BPDSO",
        "ADD",
        "CEI",
        "CNY",
        "RMB",
        "EUR",
        "USD",
        "LSCP",
        "PMP",
        "PDCA",
        "ABC",
        "KPI",
        "CRM",
        "ERP",
        "SAP",
        "Excel",
        "CSV",
        "PDF",
        "HTML",
        "Markdown",
        "JSON",
        "LPR",
        "Altman",
        "Z",
        "VIP",
        "OK",
        "CFO",
        "CEO",
    ]
)
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_WORD = r"[A-Za-z][A-Za-z'’]*"
_ENGLISH_RUN = re.compile(rf"{_WORD}(?:[ \t,;:.\-–/()]+{_WORD}){{2,}}")
_CODE_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def _visible(output: nbformat.NotebookNode) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return output.get("text", "")
    if kind == "error":
        return f"{output.get('ename')}: {output.get('evalue')}"
    data = output.get("data", {})
    if WIDGET_VIEW in data or MIME in data and set(data) <= {MIME}:
        return ""
    for mime in ("text/html", "text/markdown", "text/latex"):
        if mime in data:
            return html.unescape(prose(_TAGS.sub(" ", str(data[mime]))))
    if any(m.startswith("image/") for m in data):
        return ""
    return str(data.get("text/plain", ""))


def shown_text(nb: nbformat.NotebookNode) -> list[str]:
    """The text of every output a reader sees, one string per output."""
    return [t for cell in nb.cells for out in cell.get("outputs", []) if (t := _visible(out)).strip()]


_FILE = re.compile(r"[\w./-]*[\w-]\.(?:json|html|md|csv|xlsx|yml|yaml|ipynb|py|zip|pdf|png)\b|\S*/\S*")


def _without_abbreviations(text: str) -> str:
    """The text without file names and paths (a file is called what it is called) and with
    the abbreviations a Chinese text keeps blanked out."""
    text = _FILE.sub(" · ", text)
    return re.sub(rf"{_WORD}", lambda m: " · " if m.group(0) in ABBREVIATIONS else m.group(0), text)


def not_chinese(nb: nbformat.NotebookNode) -> list[str]:
    """Each English sentence (three or more English words in a row) and code name shown in
    the outputs, with a little context."""
    found: list[str] = []
    for text in shown_text(nb):
        clean = _without_abbreviations(text)
        for pattern, what in ((_ENGLISH_RUN, "English"), (_CODE_NAME, "code name")):
            for m in pattern.finditer(clean):
                found.append(f"{what}: {clean[max(0, m.start() - 20) : m.end() + 20]!r}")
    return list(dict.fromkeys(found))


#: Production wording no learner should meet: the working names of the course material
#: ("seed 000", "the seeds name…", 种子), the kit's internal files and notes (../shared,
#: course-outline.md, "domain reference 3", "kit-internal"). Say "the course material" /
#: 课程资料 when quoting the course and "authored for this kit" / 本课程编写 for the rest.
INTERNAL = re.compile(
    r"\bseed(?:s|ed)?\b|种子|kit[- ]internal|\binternal note|\.\./shared\b|\bshared/[\w.-]+"
    r"|course-outline\.md|domain[- ]reference|\b\d{3}_[\w-]+\.txt\b",
    re.I,
)


def internal_wording(text: str) -> list[str]:
    """Each piece of production wording in `text`, with a little context."""
    return [f"{m.group(0)!r} in {text[max(0, m.start() - 30) : m.end() + 30]!r}" for m in INTERNAL.finditer(text)]


def internal_in_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """Production wording in what an executed notebook shows (either edition)."""
    return list(dict.fromkeys(found for text in shown_text(nb) for found in internal_wording(text)))
