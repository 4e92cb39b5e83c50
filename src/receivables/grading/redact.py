"""The last look at a learner's feedback before it is written: no hidden test, no model answer.

nbgrader's feedback already leaves hidden tests out (ClearHiddenTests, RedactHiddenTracebacks)
and the trainer-side checks never send them to the kernel (trusted.py). Whatever a learner's
code printed or changed, `redact` still reads each feedback file as text (tags stripped,
HTML entities decoded, white space collapsed) for every line of the source notebook's
hidden tests and of its solution code, and removes each one found, with a note in both
languages (Chinese first in the Chinese edition). Solution lines the learner wrote in their
own notebook are theirs and stay (a right answer often is the model line).
"""

from __future__ import annotations

import html as htmllib
import re

from receivables.grading.nbgrader_run import HIDDEN_MARKERS, SOLUTION_MARKERS, _regions
from receivables.i18n import both

NOTE = "grading.redact.removed"  # the note's text (texts/grading/redact.yml)
MIN_CHARS = 8  # shorter lines ("a = 1") are not worth a redaction
_SPACE = re.compile(r"\s+")
_PIECES = re.compile(r"(<[^>]*>)")
_BLOCK = re.compile(
    r"</?(p|div|pre|br|tr|td|th|li|ul|ol|table|thead|tbody|h[1-6]|body|head|html|section|article|"
    r"script|style)\b",
    re.IGNORECASE,
)  # tags that end a line of text
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def note(zh: bool = False) -> str:
    """The note put where a secret was: both languages, Chinese first in the Chinese edition."""
    return f"〔{both(NOTE, zh_first=True)}〕" if zh else f"[{both(NOTE)}]"


def normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _code(nb) -> set[str]:
    return {normalize(line) for c in nb.cells if c.get("cell_type") == "code" for line in c.source.splitlines()}


def secret_lines(source_nb, learner_nb=None) -> list[str]:
    """Hidden-test lines and solution lines of the source notebook, normalized; solution
    lines the learner's own code cells hold are left out."""
    own = _code(learner_nb) if learner_nb is not None else set()
    found: list[str] = []
    for cell in source_nb.cells:
        found += [normalize(line) for line in _regions(cell.source, *HIDDEN_MARKERS)]
        found += [normalize(line) for line in _regions(cell.source, *SOLUTION_MARKERS) if normalize(line) not in own]
    found += list(HIDDEN_MARKERS) + list(SOLUTION_MARKERS)
    return [s for s in dict.fromkeys(found) if len(s) >= MIN_CHARS]


def _text_map(pieces: list[str]) -> tuple[str, list[tuple[int, int, int]]]:
    """The normalized text of an HTML document's text pieces, and for each of its characters
    (piece index, start, end) of what it came from in the raw HTML."""
    chars: list[str] = []
    spans: list[tuple[int, int, int]] = []
    space = True  # collapse leading white space
    for i, piece in enumerate(pieces):
        if i % 2:  # a tag: a block ends a line of text, an inline tag (syntax colouring) does not
            if _BLOCK.match(piece) and not space:
                chars.append(" ")
                spans.append((i, 0, 0))
                space = True
            continue
        pos = 0
        while pos < len(piece):
            m = _ENTITY.match(piece, pos) if piece[pos] == "&" else None
            if m:
                ch, end = htmllib.unescape(m.group(0)), m.end()
            else:
                ch, end = piece[pos], pos + 1
            for c in ch:
                if c.isspace():
                    if not space:
                        chars.append(" ")
                        spans.append((i, pos, end))
                    space = True
                else:
                    chars.append(c)
                    spans.append((i, pos, end))
                    space = False
            pos = end
    return "".join(chars), spans


def _pattern(secret: str) -> re.Pattern:
    # A whole line, not the start of a longer one ("x = 6" is not in "x = 60").
    return re.compile(r"(?<![\w.])" + re.escape(secret) + r"(?![\w.])")


def scan(html: str, secrets: list[str]) -> list[str]:
    """The secret lines found in `html`'s text."""
    text, _ = _text_map(_PIECES.split(html))
    return [s for s in secrets if _pattern(s).search(text)]


def redact(html: str, secrets: list[str], zh: bool = False) -> tuple[str, list[str]]:
    """(`html` with every secret line's text removed and a note in its place, secrets found).
    Tags are kept, so the document stays well formed."""
    pieces = _PIECES.split(html)
    text, spans = _text_map(pieces)
    found, cut, notes = [], set(), {}
    for secret in secrets:
        hits = list(_pattern(secret).finditer(text))
        if hits:
            found.append(secret)
        for hit in hits:
            first = spans[hit.start()]
            notes[(first[0], first[1])] = True
            cut.update(spans[k] for k in range(hit.start(), hit.end()))
    if not found:
        return html, []
    note_html = htmllib.escape(note(zh))
    by_piece: dict[int, list[tuple[int, int]]] = {}
    for i, s, e in cut:
        if i % 2:  # tags are kept
            continue
        by_piece.setdefault(i, []).append((s, e))
    for i, ranges in by_piece.items():
        piece = pieces[i]
        out, pos = [], 0
        for s, e in sorted(set(ranges)):
            if s < pos:
                continue
            out.append(piece[pos:s])
            if (i, s) in notes:
                out.append(note_html)
            pos = e
        out.append(piece[pos:])
        pieces[i] = "".join(out)
    return "".join(pieces), found


def write_feedback(page, dest, source_nb, learner_nb, zh: bool = False) -> list[str]:
    """Copy the feedback page `page` to `dest` with secret lines removed; the problems to
    report (none when nothing was found)."""
    from pathlib import Path

    text = Path(page).read_text(encoding="utf-8", errors="replace")
    clean, found = redact(text, secret_lines(source_nb, learner_nb), zh=zh)
    Path(dest).write_text(clean, encoding="utf-8")
    if not found:
        return []
    return [
        f"feedback: {len(found)} hidden-test or model-answer line(s) found in it and removed before writing it; "
        "read the notebook"
    ]
