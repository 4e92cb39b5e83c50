"""A learner's workbook (issue 12, "a dry run leaves the kit clean"): copies of the kit's
notebooks; refreshing it never overwrites what the learner changed and never copies
model answers or hidden tests."""

from __future__ import annotations

import pytest

from receivables.course.workbook import MANIFEST, learner_files, make_workbook


@pytest.fixture
def kit(tmp_path):
    root = tmp_path / "kit"
    for rel, text in {
        "course/00.00-Start-Here.ipynb": "start v1",
        "course/zh/00.00-Start-Here.ipynb": "从这里开始 v1",
        "course/.ipynb_checkpoints/x.ipynb": "checkpoint",
        "cases/README.md": "cases",
        "exercises/01-overdue-and-profit/q.ipynb": "question",
        "solutions/01-overdue-and-profit/q.ipynb": "answer and hidden test",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_a_workbook_copies_the_learner_folders_only(kit, tmp_path):
    report = make_workbook(kit, tmp_path / "wb")
    copied = sorted(report.copied)
    assert copied == [
        "cases/README.md",
        "course/00.00-Start-Here.ipynb",
        "course/zh/00.00-Start-Here.ipynb",
        "exercises/01-overdue-and-profit/q.ipynb",
    ]
    assert not (tmp_path / "wb" / "solutions").exists()
    assert (tmp_path / "wb" / MANIFEST).is_file()


def test_solutions_are_refused(kit):
    with pytest.raises(ValueError, match="hidden tests"):
        learner_files(kit, ("course", "solutions"))


def test_refreshing_updates_untouched_copies_and_keeps_the_learners_changes(kit, tmp_path):
    wb = tmp_path / "wb"
    make_workbook(kit, wb)
    (wb / "course/00.00-Start-Here.ipynb").write_text("my answers", encoding="utf-8")
    (kit / "course/00.00-Start-Here.ipynb").write_text("start v2", encoding="utf-8")
    (kit / "course/zh/00.00-Start-Here.ipynb").write_text("从这里开始 v2", encoding="utf-8")
    (wb / "cases/README.md").unlink()

    report = make_workbook(kit, wb)
    assert report.kept == ["course/00.00-Start-Here.ipynb"]
    assert report.updated == ["course/zh/00.00-Start-Here.ipynb"]
    assert report.copied == ["cases/README.md"]
    assert (wb / "course/00.00-Start-Here.ipynb").read_text(encoding="utf-8") == "my answers"
    assert (wb / "course/zh/00.00-Start-Here.ipynb").read_text(encoding="utf-8") == "从这里开始 v2"
    assert any("kept your changes in course/00.00-Start-Here.ipynb" in line for line in report.lines())

    # Still the learner's on the next refresh, and an unchanged kit changes nothing.
    again = make_workbook(kit, wb)
    assert again.kept == ["course/00.00-Start-Here.ipynb"] and not again.copied and not again.updated
