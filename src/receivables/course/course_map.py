"""The course's chapters (from the course outline) and the notebooks present in each."""

from __future__ import annotations

from dataclasses import dataclass

from receivables import paths
from receivables.course import notebooks as nbs
from receivables.course.translation import ASSIGNMENT_SUFFIX
from receivables.i18n import Text, check_lang, t
from receivables.i18n.editions import edition

# Chapter numbers of course/ notebooks, following the course pages' outline in order
# (course/references.md §1.1); each chapter's name is the text course_map.chapter.<number> (texts/course/course_map.yml).
CHAPTERS: dict[int, Text] = {n: Text(f"course_map.chapter.{n}") for n in range(8)}


def chapter_name(number: int, lang: str = "en") -> str:
    """A chapter's name in ``lang`` ("Chapter 9" for a number the outline lacks)."""
    if number in CHAPTERS:
        return CHAPTERS[number](lang)
    return t("course_map.chapter.other", lang).format(n=number)


@dataclass(frozen=True)
class CourseMap:
    markdown: str
    count: int
    chapters: int


def course_map(lang: str = "en") -> CourseMap:
    """A contents table of the course notebooks present, grouped by chapter, linked from the
    edition's folder (course/ for English, course/zh/ for Chinese, with the Chinese titles)."""
    check_lang(lang)
    folder = paths.course_dir()
    rows, seen = [], set()
    count = 0
    for path in nbs.notebooks_in(folder):
        name = nbs.parse_name(path)
        if name is None:
            continue
        count += 1
        en, zh = chapter_name(name.chapter, "en"), chapter_name(name.chapter, "zh")
        chapter = zh if lang == "zh" else f"{en} · {zh}"
        if name.chapter not in seen:
            seen.add(name.chapter)
            rows.append(f"| **{name.chapter:02d}** | **{chapter}** |")
        shown = edition(path, lang)  # the Chinese title from the Chinese twin
        rows.append(f"| {name.number} | [{nbs.title(nbs.read(shown))}]({path.name}) |")
    head = f"| | {t('course_map.contents', lang)} |"
    return CourseMap("\n".join([head, "|---|---|", *rows]), count, len(seen))


# The course notebook after which each graded exercise fits (exercises/ folder name -> notebook number).
EXERCISE_AFTER: dict[str, str] = {
    "01-overdue-and-profit": "02.01",
    "02-aging": "03.00",
    "03-case-analysis": "03.00",
    "04-risk-grading": "05.04",
    "05-after-the-meeting": "04.02",
    "06-collection-scripts": "06.01",
}


def exercise_map(lang: str = "en") -> CourseMap:
    """A table of the released graded exercises (exercises/), linked from the edition's
    folder (course/ or course/zh/), in order."""
    check_lang(lang)
    root = paths.kit_root()
    up = "../../" if lang == "zh" else "../"
    rows = []
    for folder in sorted(p for p in (root / "exercises").iterdir() if p.is_dir()):
        if folder.name.endswith(ASSIGNMENT_SUFFIX) != (lang == "zh"):
            continue  # each edition lists its own exercises (the Chinese ones are "<name>-zh")
        for path in sorted(folder.glob("*.ipynb")):
            after = EXERCISE_AFTER.get(folder.name.removesuffix(ASSIGNMENT_SUFFIX), "")
            rows.append(f"| [{nbs.title(nbs.read(path))}]({up}exercises/{folder.name}/{path.name}) | {after} |")
    head = f"| {t('course_map.exercise', lang)} | {t('course_map.after', lang)} |"
    return CourseMap("\n".join([head, "|---|---|", *rows]), len(rows), 0)
