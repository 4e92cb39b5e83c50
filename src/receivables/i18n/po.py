"""gettext catalogues (PO files) for the kit's two translated sources, the notebooks and
the package's texts: one way to create, merge and write them (polib)."""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE = "zh_CN"


def new_catalogue(project: str, header: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.header = header
    po.metadata = {
        "Project-Id-Version": project,
        "PO-Revision-Date": "2026-12-05 00:00+0000",
        "Last-Translator": "receivables-workbook translators",
        "Language-Team": "Chinese (Simplified)",
        "Language": LOCALE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    return po


def read(path: Path) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=0)


def render(po: polib.POFile) -> str:
    return po.__unicode__() + "\n"


def write(po: polib.POFile, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(po), encoding="utf-8")


def merge(old: polib.POFile | None, new: polib.POFile) -> polib.POFile:
    """The new template with the old translations, entries matched by context: same
    English = kept; other English = kept, marked fuzzy, with the previous English (stale),
    as gettext's msgmerge does."""
    by_context = {e.msgctxt: e for e in old} if old is not None else {}
    for entry in new:
        before = by_context.get(entry.msgctxt)
        if before is None or not before.msgstr:
            continue
        entry.msgstr = before.msgstr
        if before.msgid != entry.msgid:
            entry.flags = ["fuzzy"]
            entry.previous_msgid = before.previous_msgid if before.fuzzy and before.previous_msgid else before.msgid
        elif before.fuzzy:
            entry.flags, entry.previous_msgid = ["fuzzy"], before.previous_msgid
    return new
