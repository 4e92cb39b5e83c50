"""What the reader tells the user about how a file was read, beside the rejected rows.

A note is ``(code, params)``; its sentence is the text ``ledger.note.<code>``
(texts/ledger/notes.yml, Chinese in the catalogue), so it can be written in the
language of a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from receivables.i18n.catalog import t

# A CJK character between two Latin letters ("Nettof鋖ligkeit"), UTF-8 read as a
# single-byte code page ("WÃ¤hrung"), or the replacement character: not how
# anybody writes a header.
_GARBLED = re.compile(r"\ufffd|[A-Za-z][\u3400-\u9fff\uac00-\ud7af][A-Za-z]|[ÃÂ][\u0080-\u00bf]|[\u0080-\u009f]")


def note_text(code: str, params: dict, lang: str = "en") -> str:
    """One note as a sentence in ``lang``."""
    return t(f"ledger.note.{code}", lang).format(**params)


def garbled(headers: Iterable[str]) -> list[str]:
    """The headers that look misread through a wrong encoding."""
    return [h for h in headers if _GARBLED.search(str(h))]
