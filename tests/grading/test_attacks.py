"""Hostile notebooks graded in one batch with honest ones (issue 14, items 2, 3, 5).

Each attack tries to score without the right answer: redefined check helpers, an IPython
input transformer that turns every later cell into `pass`, a hook that reads each test cell
as the kernel receives it plus every file where hidden tests could be (solutions/, the
batch's master copy, gradebooks) and sets the answer to the expected value, and a notebook
that prints a model answer into its own feedback. The trainer-side checks (trusted.py)
decide the scores, the feedback is scanned (redact.py), the code is flagged (suspicious.py).
"""

from __future__ import annotations

import csv

import nbformat
import pytest

from receivables.grading import batch, redact
from receivables.grading import nbgrader_run as ng

from .assignment import ASSIGNMENT, NOTEBOOK, SOURCE, SPEC, sub
from .submissions import set_answer

pytestmark = pytest.mark.grading

REDEFINE = """def expect_number(*args, **kwargs):
    return 1.0
def expect_close(*args, **kwargs):
    return None
answer = 1"""

TRANSFORMER = """answer = 1
get_ipython().input_transformers_cleanup.append(lambda lines: ["pass\\n"])"""

# Reads every test cell the kernel is sent and every file it can reach that could hold
# the hidden tests; sets `answer` (and a stand-in q4) to the expected value it finds.
STEAL = r"""import glob, json, re, sqlite3
from pathlib import Path
found = {}
def _learn(text):
    for value, q in re.findall(r'expect_close\((?:answer|q\d\.value), ([-0-9_.]+), "(Q\d)"', text):
        found.setdefault(q, float(value.replace("_", "")))
def _files():
    import receivables
    kit = Path(receivables.__file__).resolve().parents[2]
    a = "01-overdue-and-profit"
    patterns = [f"{kit}/solutions/{a}/*.ipynb", f"/tmp/receivables-grade-*/master/solutions/{a}/*.ipynb",
                f"/work/*/solutions/{a}/*.ipynb", f"../solutions/{a}/*.ipynb", f"../../solutions/{a}/*.ipynb",
                "/tmp/receivables-grade-*/master/.nbgrader/gradebook.db", "/tmp/receivables-grade-learner-*/.nbgrader/gradebook.db",
                "../.nbgrader/gradebook.db", "../../.nbgrader/gradebook.db", "*.db", "../*.db"]
    for pattern in patterns:
        yield from glob.glob(pattern)
def _read(path):
    if path.endswith(".db"):
        with sqlite3.connect(path) as db:
            return "\n".join(source or "" for (source,) in db.execute("select source from source_cell"))
    cells = json.loads(Path(path).read_text())["cells"]
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells)
for path in _files():
    try:
        _learn(_read(path))
    except Exception:
        pass
class _Q:
    value = None
q4 = _Q()
def _steal(info):
    _learn(info.raw_cell)
    for q in sorted(found):
        if q in info.raw_cell:
            get_ipython().user_ns["answer"] = found[q]
            q4.value = found[q]
get_ipython().events.register("pre_run_cell", _steal)
answer = found.get("Q1", 1)"""

# A notebook with Q2 wrong that prints Q2's model answer (as a leak would show it).
PRINTS_A_MODEL_ANSWER = 'answer = 50_000 / 0.05\nprint("answer = 800_000 " + "* 0.06 * 90 / 365")'


@pytest.fixture(scope="module")
def batch_of_attacks(tmp_path_factory):
    base = tmp_path_factory.mktemp("attacks")
    returned = base / "returned"
    returned.mkdir()
    notebooks = {
        "honest": sub("correct"),
        "honest-wrong": sub("wrong"),
        "honest-widget": sub("widget-answer"),
        "redefines": set_answer(sub("unchanged"), "q1-answer", REDEFINE),
        "transformer": set_answer(sub("unchanged"), "q1-answer", TRANSFORMER),
        "steals": set_answer(sub("unchanged"), "q1-answer", STEAL),
        "prints": set_answer(sub("wrong"), "q1-answer", PRINTS_A_MODEL_ANSWER),
    }
    for learner, nb in notebooks.items():
        nbformat.write(nb, returned / f"{learner}_{NOTEBOOK}")
    out = base / "out"
    report = batch.grade(returned, ASSIGNMENT, out, timeout_s=20, jobs=2)
    return report, notebooks, out


def test_honest_learners_keep_their_scores(batch_of_attacks):
    report, _, _ = batch_of_attacks
    by = report.by_learner()
    assert by["honest"].total == SPEC["max_score"] and by["honest"].problems == []
    assert by["honest-wrong"].total == SPEC["wrong"]["score"] and by["honest-wrong"].problems == []
    assert by["honest-widget"].total == SPEC["widget-answer"]["score"] and by["honest-widget"].problems == []


def test_redefined_checks_score_nothing_and_are_flagged(batch_of_attacks):
    report, _, _ = batch_of_attacks
    r = report.by_learner()["redefines"]
    assert r.status == "graded" and r.total == 0, r.scores
    text = " | ".join(r.problems)
    assert "redefines expect_number (cell" in text and "redefines expect_close" in text
    # Its own visible checks passed `...` in the kernel; the trainer's did not.
    assert "checks disagree on q2-check, q3-check, q4-check" in text


def test_an_input_transformer_scores_nothing_and_is_flagged(batch_of_attacks):
    report, _, _ = batch_of_attacks
    r = report.by_learner()["transformer"]
    assert r.status == "graded" and r.total == 0, r.scores
    text = " | ".join(r.problems)
    assert "get_ipython" in text and "input_transformers_cleanup" in text and "checks disagree on" in text


def test_reading_the_hidden_tests_gets_nothing(batch_of_attacks):
    """The test cells the kernel receives hold no hidden test; with the sandbox no file
    holding one is within reach either."""
    report, _, _ = batch_of_attacks
    if not report.sandboxed:
        pytest.skip("without bubblewrap the master copy in the temp folder is readable (see the README)")
    r = report.by_learner()["steals"]
    assert r.status == "graded" and r.total == 0, r.scores
    text = " | ".join(r.problems)
    assert "imports sqlite3" in text and "IPython" in text or "get_ipython" in text


def test_no_feedback_holds_a_hidden_test_or_a_model_answer_its_learner_did_not_write(batch_of_attacks):
    report, notebooks, out = batch_of_attacks
    source = nbformat.read(SOURCE, as_version=4)
    assert len(report.graded) == len(notebooks)
    for r in report.graded:
        page = (out / r.feedback).read_text(encoding="utf-8")
        assert ng.leaks(page, source, solutions=False) == [], r.learner
        assert redact.scan(page, redact.secret_lines(source, notebooks[r.learner])) == [], r.learner
    prints = report.by_learner()["prints"]
    assert prints.total == SPEC["wrong"]["score"]  # printing is no cheat; it is listed and the line removed
    assert any("1 hidden-test or model-answer line(s) found in it and removed" in p for p in prints.problems)
    assert redact.note() in (out / prints.feedback).read_text(encoding="utf-8").replace("&#x27;", "'")


def test_problems_csv_lists_each_flagged_learner(batch_of_attacks):
    _, _, out = batch_of_attacks
    rows = list(csv.DictReader((out / "problems.csv").read_text(encoding="utf-8-sig").splitlines()))
    suspicious = {r["learner"] for r in rows if r["reason"].startswith("suspicious code")}
    assert suspicious == {"redefines", "transformer", "steals"}
    assert not {r["learner"] for r in rows} & {"honest", "honest-wrong", "honest-widget"}
