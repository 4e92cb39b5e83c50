"""Start Here lists every graded exercise, each placed after a course notebook that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from receivables.course import exercise_map
from receivables.course.course_map import EXERCISE_AFTER
from receivables.course.translation import ASSIGNMENT_SUFFIX

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang, folder, up", [("en", "course", "../"), ("zh", "course/zh", "../../")])
def test_every_exercise_is_listed_with_a_working_link(lang, folder, up):
    """Each edition's Start Here lists its own exercises (the Chinese ones are "<name>-zh")."""
    table = exercise_map(lang).markdown
    links = re.findall(r"\]\(([^)]+)\)", table)
    released = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "exercises").glob("*/*.ipynb")
        if p.parent.name.endswith(ASSIGNMENT_SUFFIX) == (lang == "zh")
    )
    assert released and sorted(link.removeprefix(up) for link in links) == released
    assert all((ROOT / folder / link).resolve().is_file() for link in links)


def test_every_exercise_follows_an_existing_notebook():
    folders = sorted({p.name.removesuffix(ASSIGNMENT_SUFFIX) for p in (ROOT / "exercises").iterdir() if p.is_dir()})
    assert sorted(EXERCISE_AFTER) == folders
    numbers = {p.name[:5] for p in (ROOT / "course").glob("[0-9][0-9].[0-9][0-9]-*.ipynb")}
    assert set(EXERCISE_AFTER.values()) <= numbers


def test_chinese_headers():
    assert exercise_map("zh").markdown.startswith("| 练习 | 学完之后 |")


def test_chapter_names_in_each_language():
    from receivables.course.course_map import chapter_name, course_map

    assert (chapter_name(2, "en"), chapter_name(2, "zh")) == ("About receivables", "关于应收账款")
    assert (chapter_name(9, "en"), chapter_name(9, "zh")) == ("Chapter 9", "第9章")  # not in the outline
    assert "| **02** | **About receivables · 关于应收账款** |" in course_map("en").markdown
    assert "| **02** | **关于应收账款** |" in course_map("zh").markdown
