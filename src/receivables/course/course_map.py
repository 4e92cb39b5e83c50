"""The course's chapters (from the course outline) and the notebooks present in each."""

from __future__ import annotations

from dataclasses import dataclass

from receivables.course import notebooks as nbs
from receivables.i18n import check_lang

# Chapter numbers of course/ notebooks, following ../shared/course-outline.md in order.
CHAPTERS: dict[int, tuple[str, str]] = {
    0: ("Start here", "从这里开始"),
    1: ("Preface: the three key questions", "前言:灵魂三问"),
    2: ("About receivables", "关于应收账款"),
    3: ("The case: an electromechanical company", "案例分析:机电公司应收欠款"),
    4: ("Face-to-face collection in three stages", "面谈催收逾期三部曲"),
    5: ("Preventing overdue receivables", "如何避免产生应收逾期"),
    6: ("Key accounts", "大客户催收策略与方法"),
    7: ("Your collection playbook", "我的催收话术手册"),
}


@dataclass(frozen=True)
class CourseMap:
    markdown: str
    count: int
    chapters: int


def course_map(lang: str = "en") -> CourseMap:
    """A contents table of the course notebooks present, grouped by chapter."""
    check_lang(lang)
    folder = nbs.repo_root() / "course"
    rows, seen = [], set()
    count = 0
    for path in nbs.notebooks_in(folder):
        name = nbs.parse_name(path)
        if name is None:
            continue
        count += 1
        en, zh = CHAPTERS.get(name.chapter, (f"Chapter {name.chapter}", f"第{name.chapter}章"))
        chapter = zh if lang == "zh" else f"{en} · {zh}"
        if name.chapter not in seen:
            seen.add(name.chapter)
            rows.append(f"| **{name.chapter:02d}** | **{chapter}** |")
        rows.append(f"| {name.number} | [{nbs.title(nbs.read(path))}]({path.name}) |")
    head = "| | 课程目录 |" if lang == "zh" else "| | Contents · 课程目录 |"
    return CourseMap("\n".join([head, "|---|---|", *rows]), count, len(seen))
