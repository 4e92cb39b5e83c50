"""`receivables grade`: a room of returned notebooks, faults included, graded in one call.

34 roster learners and one stray file: every base and widget scenario spread over learners,
plus a cell that loops forever, a memory bomb, a file that is not JSON, a renamed file the
roster maps, a learner who returned nothing, deleted cells and edited tests, and a probe
that prints what the learner's kernel sees. Totals are checked against the scenarios'
expected scores in grades.csv and grades.xlsx.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from receivables.grading import batch
from receivables.grading import nbgrader_run as ng
from receivables.grading import sandbox as sb

from .assignment import ASSIGNMENT, NOTEBOOK, ROOT, SOURCE, SPEC, sub
from .submissions import delete_cells, processes_with, set_answer

GRADE_IDS = ["q1-check", "q2-check", "q3-check", "q4-check"]

pytestmark = pytest.mark.grading
# Seconds a cell may run: the setup cell (pandas, the kit's checks) takes 2-3 s alone and
# past 10 s on a machine loaded with other test runs; the endless loop is stopped at it.
ROOM_TIMEOUT = 30

# scenario -> how many learners hand it in
SPREAD = {"correct": 8, "unchanged": 5, "wrong": 5, "cheat-attempt": 4, "widget-answer": 3, "widget-over-code": 2}
PROBE = """import os, resource
print("|".join(["probe", os.environ.get("HOME", ""), os.getcwd(), str(resource.getrlimit(resource.RLIMIT_AS)[0]), ""]))"""


def expected_score(scenario: str) -> float:
    return {"correct": SPEC["max_score"], "unchanged": 0}.get(scenario, SPEC.get(scenario, {}).get("score"))


def build_room(returned: Path) -> tuple[dict[str, float], list[dict[str, str]]]:
    """Write the returned notebooks; (learner -> expected total, roster rows)."""
    expected: dict[str, float] = {}
    roster: list[dict[str, str]] = []

    def hand_in(learner: str, nb, total: float, filename: str | None = None, pattern: str = "") -> None:
        nbformat.write(nb, returned / (filename or f"{learner}_{NOTEBOOK}"))
        expected[learner] = total
        roster.append({"learner_id": learner, "name": learner.title(), "file_pattern": pattern})

    for scenario, count in SPREAD.items():
        for i in range(1, count + 1):
            hand_in(f"{scenario}-{i:02d}", sub(scenario), expected_score(scenario))
    # The probe: a correct notebook with one extra cell printing what the kernel sees.
    probe = sub("correct")
    probe.cells.append(nbformat.v4.new_code_cell(PROBE))
    nbformat.write(probe, returned / f"correct-01_{NOTEBOOK}")
    # Faults.
    hand_in("loop", set_answer(sub("correct"), "q2-answer", "while True:\n    pass"), 4)  # Q2 (2 points) lost
    hand_in("membomb", set_answer(sub("correct"), "q1-answer", "x = bytearray(4 * 1024**3)\nanswer = 50_000 / 0.05"), 4)
    (returned / f"notjson_{NOTEBOOK}").write_text('{"cells": [ {"cell_type": "code", "sou', encoding="utf-8")
    expected["notjson"] = 0
    roster.append({"learner_id": "notjson", "name": "Not Json", "file_pattern": ""})
    hand_in("renamed", sub("correct"), 6, filename="My homework (final).ipynb", pattern="my homework*.ipynb")
    expected["missing"] = 0
    roster.append({"learner_id": "missing", "name": "Never Returned", "file_pattern": ""})
    # Deleted the Q3 answer cell (Q3 is lost) and the Q1 test (restored: Q1 still counts).
    hand_in("deleted", delete_cells(sub("correct"), "q3-answer", "q1-check"), 5)
    # A wrong Q1 with the test edited to pass: the test is restored, Q1 scores 0.
    edited = set_answer(sub("correct"), "q1-answer", "answer = 1")
    hand_in("edited", set_answer(edited, "q1-check", "expect_number(answer, 'Q1')"), 4)
    nbformat.write(sub("correct"), returned / f"stranger_{NOTEBOOK}")  # nobody on the roster
    return expected, roster


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    base = tmp_path_factory.mktemp("room")
    returned = base / "returned"
    returned.mkdir()
    expected, roster = build_room(returned)
    roster_csv = base / "roster.csv"
    with roster_csv.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["learner_id", "name", "file_pattern"])
        w.writeheader()
        w.writerows(roster)
    gradebook = ROOT / ".nbgrader" / "gradebook.db"
    before = gradebook.stat().st_mtime_ns if gradebook.exists() else None
    out = base / "out"
    start = time.monotonic()
    report = batch.grade(returned, ASSIGNMENT, out, roster=roster_csv, timeout_s=ROOM_TIMEOUT, memory_mb=1024, jobs=3)
    elapsed = time.monotonic() - start
    after = gradebook.stat().st_mtime_ns if gradebook.exists() else None
    print(f"graded {len(report.learners)} learners in {elapsed:.0f} s")
    return report, expected, out, (before, after)


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))


def test_room_is_big_enough(room):
    report, expected, _, _ = room
    assert len(expected) >= 30 and len(report.learners) == len(expected)


def test_every_total_matches_the_expected_score(room):
    report, expected, out, _ = room
    rows = {r["learner"]: r for r in _csv(out / "grades.csv")}
    assert set(rows) == set(expected)
    for learner, want in expected.items():
        assert float(rows[learner]["total"]) == pytest.approx(want), (learner, rows[learner])
        assert float(rows[learner]["max"]) == SPEC["max_score"]
        graded = [float(rows[learner][g]) for g in GRADE_IDS if rows[learner][g] != ""]
        assert sum(graded) == pytest.approx(want)


def test_xlsx_has_the_same_totals(room):
    from openpyxl import load_workbook

    _, expected, out, _ = room
    ws = load_workbook(out / "grades.xlsx", read_only=True)["grades"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[3:7] == GRADE_IDS and rows[1][header.index("total")] == SPEC["max_score"]
    totals = {r[0]: r[header.index("total")] for r in rows[2:]}
    assert totals == pytest.approx(expected)


def test_the_looping_cell_scores_zero_and_the_rest_still_grades(room):
    report, _, _, _ = room
    loop = report.by_learner()["loop"]
    assert loop.status == "graded"
    assert loop.scores == {"q1-check": 2, "q2-check": 0, "q3-check": 1, "q4-check": 1}
    assert any(f"stopped after {ROOM_TIMEOUT} s" in p and "q2-answer" in p for p in loop.problems)


def test_broken_ones_are_reported_by_name_and_reason(room):
    _, _, out, _ = room
    problems = _csv(out / "problems.csv")
    reasons = {(p["learner"] or p["file"]): p["reason"] for p in problems}

    def reason(key: str) -> str:
        return " | ".join(p["reason"] for p in problems if key in (p["learner"], p["file"]))

    assert "not a valid notebook (not JSON" in reason("notjson")
    assert "no notebook returned" in reason("missing")
    assert "renamed" in reason("renamed")
    assert "cells deleted: q1-check, q3-answer" in reason("deleted")
    assert "test cells edited: q1-check" in reason("edited")
    assert f"stopped after {ROOM_TIMEOUT} s" in reason("loop")
    assert "not matched to any learner on the roster" in reason(f"stranger_{NOTEBOOK}")
    # The probe reads the kernel's limits (listed for the trainer); no other clean learner is reported.
    assert reason("correct-01").startswith("suspicious code") and "imports os" in reason("correct-01")
    clean = [k for k in reasons if k.startswith(("correct-", "unchanged-", "wrong-", "widget-")) and k != "correct-01"]
    assert clean == [], f"clean submissions reported: {clean}"


def test_statuses(room):
    report, _, _, _ = room
    by = report.by_learner()
    assert by["notjson"].status == "not graded" and by["missing"].status == "missing"
    assert by["renamed"].status == by["deleted"].status == by["membomb"].status == "graded"


def test_feedback_per_learner_without_hidden_tests(room):
    report, _, out, _ = room
    source = nbformat.read(SOURCE, as_version=4)
    for r in report.graded:
        html = (out / "feedback" / r.learner / NOTEBOOK.replace(".ipynb", ".html")).read_text(encoding="utf-8")
        assert ng.leaks(html, source, solutions=False) == [], r.learner
    assert not (out / "feedback" / "notjson").exists()


def test_learner_code_runs_contained(room):
    """The probe's own output (in its feedback): a scratch HOME and cwd, the memory limit;
    and the kit's gradebook was not touched."""
    report, _, out, (before, after) = room
    html = (out / "feedback" / "correct-01" / NOTEBOOK.replace(".ipynb", ".html")).read_text(encoding="utf-8")
    found = re.search(r"probe\|([^|<]+)\|([^|<]+)\|(\d+)\|", html)
    assert found, "the probe's output is not in its feedback"
    home, cwd, limit = found.groups()
    if report.sandboxed:  # the sandbox's own tmpfs; RLIMIT_AS above what pandas reserves (its cgroup limits memory)
        assert (home, cwd, int(limit)) == ("/tmp", sb.WORKDIR, sb.SandboxLimits.address_mb * 1024 * 1024)
    else:
        assert "receivables-grade-" in home and "receivables-grade-" in cwd, (home, cwd)
        assert str(ROOT) not in cwd and int(limit) == 1024 * 1024 * 1024
    assert before == after


def test_matching_without_roster(tmp_path):
    """Without a roster: learner_notebook.ipynb, or a per-learner folder."""
    (tmp_path / "zhang-san").mkdir()
    for rel in [f"Li-Si_{NOTEBOOK}", f"zhang-san/{NOTEBOOK}", "wang.ipynb", NOTEBOOK, "notes.txt", ".hidden.ipynb"]:
        (tmp_path / rel).write_text("{}")
    owned, _, unmatched = batch.match_files(tmp_path, NOTEBOOK, None)
    assert {k: [p.name for p in v] for k, v in owned.items()} == {
        "li-si": [f"Li-Si_{NOTEBOOK}"],
        "zhang-san": [NOTEBOOK],
        "wang": ["wang.ipynb"],
    }
    assert [f for f, _ in unmatched] == [NOTEBOOK]


def test_zip_and_cannot_run_at_all(tmp_path):
    with pytest.raises(batch.GradingError, match="no single-notebook assignment"):
        batch.grade(tmp_path, "no-such-exercise", tmp_path / "out")
    bad = tmp_path / "returned.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(batch.GradingError, match="cannot read the zip"):
        batch.grade(bad, ASSIGNMENT, tmp_path / "out")
    # A zip with a per-learner folder grades like the folder.
    (tmp_path / "r" / "ann").mkdir(parents=True)
    nbformat.write(sub("wrong"), tmp_path / "r" / "ann" / NOTEBOOK)
    archive = shutil.make_archive(str(tmp_path / "room"), "zip", tmp_path / "r")
    report = batch.grade(Path(archive), ASSIGNMENT, tmp_path / "out", timeout_s=20)
    assert [(r.learner, r.total, r.problems) for r in report.learners] == [("ann", SPEC["wrong"]["score"], [])]


def test_a_cell_that_ignores_the_interrupt_is_contained(tmp_path):
    """A cell that ignores the interrupt outlives the per-cell timeout: the learner is not
    graded (0) and reported, and the batch goes on."""
    returned = tmp_path / "r"
    returned.mkdir()
    stubborn = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
    nbformat.write(set_answer(sub("correct"), "q1-answer", stubborn), returned / f"stubborn_{NOTEBOOK}")
    start = time.monotonic()
    report = batch.grade(returned, ASSIGNMENT, tmp_path / "out", timeout_s=5, wall_s=30)
    assert time.monotonic() - start < 90
    (r,) = report.learners
    assert r.status == "not graded" and r.total == 0
    # nbgrader itself gives up on a kernel that does not answer the interrupt; were it to
    # hang instead, the 30 s wall-clock limit would stop it.
    assert r.problems and ("did not stop when interrupted" in r.problems[0] or "longer than 30 s" in r.problems[0]), (
        r.problems
    )


def test_the_wall_clock_limit_kills_the_learner_and_its_kernel(tmp_path, monkeypatch):
    """With a per-cell timeout longer than the learner's time limit, the wall clock stops
    the learner: reported, score 0, and no process of it (kernel included) is left."""
    returned = tmp_path / "r"
    returned.mkdir()
    (tmp_path / "tmp").mkdir()  # this batch's temp folders, told from other batches running on the machine
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    stubborn = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
    nbformat.write(set_answer(sub("correct"), "q1-answer", stubborn), returned / f"stubborn_{NOTEBOOK}")
    start = time.monotonic()
    report = batch.grade(returned, ASSIGNMENT, tmp_path / "out", timeout_s=120, wall_s=8)
    # Stopped by the 8 s wall clock, well before the 120 s cell limit (the master course and
    # the feedback take 10-40 s more, depending on the machine's load).
    assert time.monotonic() - start < 100
    (r,) = report.learners
    assert r.status == "not graded" and r.total == 0
    assert r.problems[0] == "grading took longer than 8 s and was stopped (score 0)"
    assert r.problems[1:] == [
        "suspicious code, read the notebook (grade unchanged): processes: imports signal (cell 4)"
    ]
    time.sleep(1)
    assert processes_with(str(tmp_path)) == []


def test_grade_command_exits_non_zero_only_when_it_cannot_run(tmp_path):
    from typer.testing import CliRunner

    from receivables.grading.cli import app

    runner = CliRunner()
    result = runner.invoke(
        app, ["grade", "--returned", str(tmp_path), "--assignment", "nope", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2 and "Cannot grade" in result.output
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / f"bad_{NOTEBOOK}").write_text("not json")
    result = runner.invoke(
        app, ["grade", "--returned", str(tmp_path / "r"), "--assignment", ASSIGNMENT, "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert "0 graded, 1 problems" in result.output
