"""The learner's own collection scripts (催收话术): one text per slot, kept in a JSON file.

The course's deliverable: the team writes its scripts during the workshop and takes them
home as a playbook. A *slot* is one place to write: the opening of the meeting, each of the
four pretexts (四大托词), each of the six scenarios (六大情景) and each of the five
communication styles (沟通技巧). The prompts and the kit's suggestions come from
`receivables.collection.conversation` (authored for this kit).

The file is the learner's work, so it is handled with care:

- `save_line` re-reads the file and changes one slot only, so two notebooks open on the same
  file (04.01 and 06.01) do not overwrite each other's lines; it writes to a temporary file
  and renames it, so a crash mid-write never leaves half a file.
- a file that cannot be read is never overwritten: it is first copied aside
  (``<name>.unreadable-<time>.json``), and the message says where.
- lines for slots this version does not know are kept as they are.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from receivables.collection.conversation import (
    ATMOSPHERE,
    PRETEXTS,
    SCENARIOS,
    STYLES,
)
from receivables.i18n import Text, check_lang, keyed, named, t

FORMAT = "receivables-collection-scripts"
VERSION = 1
SECTIONS = ("opening", "pretext", "scenario", "style")


@dataclass(frozen=True)
class Slot:
    """One place to write a script."""

    key: str  # "scenario.angry", "style.deadline" …
    section: str
    title: Text
    prompt: Text  # what the customer says, or what the style is
    suggestion: Text  # the kit's own line (authored)

    def label(self, lang: str = "en") -> str:
        return named(self.title, lang)


def _in_a_row(parts) -> Text:
    """The texts read one after the other, as one suggestion."""
    return Text(*(key for part in parts for key in part.keys))


SLOTS: tuple[Slot, ...] = (
    Slot(
        "opening.meeting",
        "opening",
        *keyed("scripts.slot.opening", "title", "prompt"),
        _in_a_row(s.example for s in ATMOSPHERE[1:4]),
    ),
    *(Slot(f"pretext.{p.code}", "pretext", p.name, p.customer_says, _in_a_row(p.answer[1:])) for p in PRETEXTS),
    *(Slot(f"scenario.{s.code}", "scenario", s.name, s.customer_says, s.response) for s in SCENARIOS),
    *(Slot(f"style.{s.code}", "style", s.name, s.course_says, s.example) for s in STYLES),
)
SLOTS_BY_KEY: dict[str, Slot] = {s.key: s for s in SLOTS}


def slots(sections: tuple[str, ...] | list[str] | None = None) -> list[Slot]:
    """The slots of ``sections`` (all when None), in playbook order."""
    if sections is None:
        return list(SLOTS)
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        raise ValueError(f"unknown script section(s) {', '.join(unknown)}; choose from: {', '.join(SECTIONS)}")
    return [s for s in SLOTS if s.section in sections]


def section_title(section: str, lang: str = "en") -> str:
    return t(f"scripts.section.{section}", lang)


@dataclass(frozen=True)
class Loaded:
    """What `load_scripts` found: the lines, whether all went well, and a message to show."""

    lines: dict[str, str]
    ok: bool
    message: str
    backup: Path | None = None


def _read(path: Path) -> dict[str, str]:
    """The lines of a scripts file; ValueError with a short reason if it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON, line {exc.lineno}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("lines"), dict):
        raise ValueError("not a scripts file of this kit")
    lines = data["lines"]
    bad = sorted(k for k, v in lines.items() if not isinstance(v, str))
    if bad:
        raise ValueError(f"entries that are not text: {', '.join(bad)}")
    return dict(lines)


def _backup(path: Path) -> Path:
    """Copy an unreadable file aside, byte for byte, under a name that does not exist yet."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.stem}.unreadable-{stamp}-{n}{path.suffix}")
    shutil.copy2(path, backup)
    return backup


def load_scripts(path: str | os.PathLike, lang: str = "en") -> Loaded:
    """The learner's saved lines. A missing file gives no lines and a friendly message; an
    unreadable one is copied aside first (never overwritten) and the message says where."""
    check_lang(lang)
    path = Path(path)
    if not path.exists():
        return Loaded({}, True, t("scripts.new", lang).format(path=path))
    try:
        if path.is_dir():
            raise ValueError("it is a folder")
        lines = _read(path)
    except (ValueError, OSError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) else exc.strerror or exc.__class__.__name__
        backup = _backup(path) if path.is_file() else None
        message = t("scripts.unreadable", lang).format(path=path, reason=reason, backup=backup or "—")
        return Loaded({}, False, message, backup)
    written = sum(1 for v in lines.values() if v.strip())
    return Loaded(lines, True, t("scripts.loaded", lang).format(n=written, path=path))


def _write(path: Path, lines: dict[str, str]) -> None:
    """Write the file atomically: a temporary file beside it, then a rename."""
    data = {"format": FORMAT, "version": VERSION, "saved": datetime.now().isoformat(timespec="seconds"), "lines": lines}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_lines(path: str | os.PathLike, changes: dict[str, str]) -> dict[str, str]:
    """Set the text of the slots in ``changes`` in the file (the other slots as the file has
    them) and return all its lines.

    An unreadable file is copied aside before it is replaced. Raises OSError when the file
    cannot be written (the caller keeps the text and says so)."""
    unknown = sorted(set(changes) - set(SLOTS_BY_KEY))
    if unknown:
        raise ValueError(f"no script slot {', '.join(map(repr, unknown))}")
    bad = sorted(k for k, v in changes.items() if not isinstance(v, str))
    if bad:
        raise TypeError(f"script lines must be text: {', '.join(bad)}")
    path = Path(path)
    lines: dict[str, str] = {}
    if path.is_file():
        try:
            lines = _read(path)
        except ValueError:
            _backup(path)
    lines.update(changes)
    _write(path, lines)
    return lines


def save_line(path: str | os.PathLike, key: str, text: str) -> dict[str, str]:
    """`save_lines` for one slot."""
    return save_lines(path, {key: text})


def written_count(lines: dict[str, str], sections: tuple[str, ...] | list[str] | None = None) -> int:
    """How many slots of ``sections`` hold some text."""
    return sum(1 for s in slots(sections) if lines.get(s.key, "").strip())
