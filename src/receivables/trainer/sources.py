"""What the trainer materials name, read from where it lives: course notebooks (and their
Chinese twins), the graded exercises in solutions/, the role-play cases, and each
notebook's "For the trainer · 讨论" questions."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from receivables import paths
from receivables.collection.role_play import CASES_BY_CODE
from receivables.course import notebooks as nbs
from receivables.course.translation import ASSIGNMENT_SUFFIX
from receivables.i18n import check_lang
from receivables.i18n.editions import edition

#: The heading of a notebook's trainer block, English source.
TRAINER_HEADING = re.compile(r"^###\s+For the trainer\b", re.M)
_ITEM = re.compile(r"^(?:\d+\.|[-*])\s+(?P<text>.*)$")


def root() -> Path:
    return paths.kit_root()


def notebook_path(name: str, base: Path | None = None) -> Path:
    return (base or root()) / "course" / name


def notebook_exists(name: str, base: Path | None = None) -> bool:
    return notebook_path(name, base).is_file()


@cache
def _title(path: Path) -> str:
    return nbs.title(nbs.read(path))


def notebook_title(name: str, lang: str = "en") -> str:
    """ "02.01 Title" in the edition of ``lang`` (the Chinese twin's title in Chinese)."""
    path = edition(notebook_path(name), check_lang(lang))
    return f"{name[:5]} {_title(path)}"


def exercise_folder(exercise: str, lang: str = "en", base: Path | None = None) -> Path:
    """solutions/<id> in English, solutions/<id>-zh in Chinese (the room's assignment id)."""
    return (base or root()) / "solutions" / (exercise + (ASSIGNMENT_SUFFIX if check_lang(lang) == "zh" else ""))


def exercise_exists(exercise: str, base: Path | None = None) -> bool:
    return all(any(exercise_folder(exercise, lang, base).glob("*.ipynb")) for lang in ("en", "zh"))


def assignment_id(exercise: str, lang: str = "en") -> str:
    return exercise_folder(exercise, lang).name


def exercise_title(exercise: str, lang: str = "en") -> str:
    """ "assignment-id · Title" of the edition's exercise."""
    paths = sorted(exercise_folder(exercise, lang).glob("*.ipynb"))
    return f"{assignment_id(exercise, lang)} · {_title(paths[0])}"


def role_play_exists(code: str) -> bool:
    return code in CASES_BY_CODE


def role_play_title(code: str, lang: str = "en") -> str:
    return CASES_BY_CODE[code].label(lang)


def trainer_cell_id(name: str, base: Path | None = None) -> str | None:
    """The id of the English notebook's cell holding its "For the trainer" block."""
    for cell in nbs.read(notebook_path(name, base)).cells:
        if cell.cell_type == "markdown" and TRAINER_HEADING.search(cell.source):
            return cell.get("id")
    return None


def has_trainer_block(name: str, base: Path | None = None) -> bool:
    return notebook_exists(name, base) and trainer_cell_id(name, base) is not None


def trainer_questions(name: str, lang: str = "en") -> list[str]:
    """The discussion questions of a notebook's trainer block, in the edition of ``lang``
    (the Chinese twin's cell of the same id), one string per question (continued lines joined)."""
    cell_id = trainer_cell_id(name)
    if cell_id is None:
        return []
    nb = nbs.read(edition(notebook_path(name), check_lang(lang)))
    source = next(c.source for c in nb.cells if c.get("id") == cell_id)
    lines = source.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith("### "))
    questions: list[str] = []
    for line in lines[start + 1 :]:
        item = _ITEM.match(line)
        if item:
            questions.append(item["text"].strip())
        elif line.startswith((" ", "\t")) and line.strip() and questions:
            joiner = "" if lang == "zh" else " "
            questions[-1] = f"{questions[-1]}{joiner}{line.strip()}"
    return questions


def course_notebooks(base: Path | None = None) -> list[str]:
    return [p.name for p in nbs.notebooks_in((base or root()) / "course")]
