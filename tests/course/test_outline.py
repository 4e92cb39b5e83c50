"""The coverage map: every outline item names a notebook and heading; every written
notebook teaches its items under the named headings; no course notebook is unmapped."""

from __future__ import annotations

import shutil
from pathlib import Path

from receivables.course import notebooks as nbs
from receivables.course.outline import coverage, load_items

ROOT = Path(__file__).resolve().parents[2]


def test_map_holds_for_written_notebooks():
    result = coverage(ROOT)
    assert result["problems"] == []
    assert len(result["covered"]) >= 6


def test_map_lists_both_seeds_and_marks_authored_topics():
    items = load_items(ROOT)
    parts = {i.part.split("/")[0] for i in items}
    assert {"seed_000", "seed_001"} <= parts
    authored = {i.zh for i in items if i.authored}
    for name in ("催收六字诀", "客户常见六大躲债奇招", "客户四大托词及应对方案", "催收六大情景应对方案"):
        assert name in authored


def test_missing_heading_and_unmapped_notebook_fail(tmp_path):
    shutil.copytree(ROOT / "course", tmp_path / "course")
    path = tmp_path / "course" / "01.00-The-Three-Key-Questions.ipynb"
    nb = nbs.read(path)
    for cell in nb.cells:
        cell.source = cell.source.replace("## Course goals · 课程目标", "## Goals")
    nbs.write(nb, path)
    shutil.copy(path, tmp_path / "course" / "01.05-Stray.ipynb")
    problems = coverage(tmp_path)["problems"]
    assert any("goals (课程目标)" in p for p in problems)
    assert any("01.05-Stray.ipynb: teaches no item" in p for p in problems)
