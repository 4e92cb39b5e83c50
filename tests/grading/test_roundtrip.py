"""The nbgrader round trip, for every assignment in solutions/: the committed release is
regenerated and compared, validate passes on the source and fails on the release, and
simulated submissions are autograded to their expected scores with feedback that shows no
hidden test."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
import yaml
from nbgrader.api import Gradebook

from receivables.course import notebooks as nbs
from receivables.course.translation import ASSIGNMENT_SUFFIX
from receivables.grading import nbgrader_run as ng

from .submissions import BASE_SCENARIOS, make_submission, scenarios

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENTS = ng.assignments(ROOT)
ENGLISH = [a for a in ASSIGNMENTS if not a.endswith(ASSIGNMENT_SUFFIX)]
# The Chinese assignments are built from the English ones (same cells, code and points:
# `course check` proves it); the whole round trip runs for two of them, one with
# dropdowns, to prove that grading and feedback work and speak Chinese.
ROUND_TRIP = ENGLISH + [
    f"{a}{ASSIGNMENT_SUFFIX}"
    for a in ("01-overdue-and-profit", "04-risk-grading")
    if f"{a}{ASSIGNMENT_SUFFIX}" in ASSIGNMENTS
]

pytestmark = pytest.mark.grading


def spec_of(assignment: str) -> dict:
    """The simulated submissions of an assignment (a Chinese one shares its English one's)."""
    path = Path(__file__).parent / "scenarios" / f"{assignment.removesuffix(ASSIGNMENT_SUFFIX)}.yml"
    assert path.is_file(), f"add simulated submissions for {assignment} in {path}"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_every_assignment_has_scenarios():
    assert ASSIGNMENTS, "solutions/ holds no assignment"
    for assignment in ASSIGNMENTS:
        spec_of(assignment)


def test_committed_release_is_in_sync_and_leaks_nothing(tmp_path):
    assert ng.release_problems(ROOT, tmp_path / "scratch") == []


def test_release_checker_fails_when_out_of_sync_or_leaking(tmp_path):
    # One assignment is enough to test the checker (the test above checks them all), and
    # each check regenerates every assignment of the kit.
    first = ASSIGNMENTS[0]
    kit = tmp_path / "kit"
    kit.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", kit)
    shutil.copytree(ROOT / "solutions" / first, kit / "solutions" / first)
    shutil.copytree(ROOT / "exercises" / first, kit / "exercises" / first)
    assert ng.release_problems(kit, tmp_path / "s1") == []

    # 1. The source changes and nobody re-releases.
    source = next((kit / "solutions").glob("*/*.ipynb"))
    nb = nbs.read(source)
    nb.cells[0].source += "\n\nA new paragraph."
    nbs.write(nb, source)
    assert any("out of sync" in p for p in ng.release_problems(kit, tmp_path / "s2"))
    shutil.rmtree(kit / "solutions")
    shutil.copytree(ROOT / "solutions" / first, kit / "solutions" / first)

    # 2. A solution leaks into the release (e.g. someone copied the source over it).
    released = next((kit / "exercises").glob("*/*.ipynb"))
    shutil.copy(kit / "solutions" / released.relative_to(kit / "exercises"), released)
    problems = ng.release_problems(kit, tmp_path / "s3")
    assert any("leaks solution or hidden test" in p for p in problems)
    assert any("BEGIN HIDDEN TESTS" in p for p in problems)

    # 3. A stray file in the release.
    (released.parent / "notes.txt").write_text("x")
    assert any("not generated from solutions" in p for p in ng.release_problems(kit, tmp_path / "s4"))


#: nbgrader processes run side by side, one per core (each runs its own kernels).
AT_ONCE = 2


@pytest.fixture(scope="module")
def validated() -> dict[Path, tuple[bool, str]]:
    """`nbgrader validate` on every source notebook and its release, two at a time."""
    notebooks = [
        path
        for source in sorted((ROOT / "solutions").glob("*/*.ipynb"))
        for path in (source, ROOT / "exercises" / source.parent.name / source.name)
    ]
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return dict(zip(notebooks, pool.map(lambda nb: ng.validate(nb, ROOT), notebooks), strict=True))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_validate_passes_on_source_and_fails_on_release(assignment, validated):
    sources = sorted((ROOT / "solutions" / assignment).glob("*.ipynb"))
    assert sources
    for source in sources:
        passed, text = validated[source]
        assert passed, text
        passed, text = validated[ROOT / "exercises" / assignment / source.name]
        assert not passed and "VALIDATION FAILED" in text, text


def grade_in_scratch_course(assignment: str, course: Path) -> tuple[str, dict, Path]:
    """A scratch course with the release, every scenario submitted, autograded and fed back."""
    spec = spec_of(assignment)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions", course / "solutions")
    ng.release(course, assignment)
    notebook = spec["notebook"]
    for scenario in scenarios(spec):
        nb = make_submission(
            scenario,
            course / "exercises" / assignment / notebook,
            course / "solutions" / assignment / notebook,
            spec,
        )
        target = course / ".nbgrader" / "submitted" / scenario / assignment
        target.mkdir(parents=True)
        nbformat.write(nb, target / notebook)
    ng.run(["autograde", assignment, "--create", "--force"], course)
    ng.run(["generate_feedback", assignment, "--force"], course)
    return assignment, spec, course


@pytest.fixture(scope="module")
def grading_jobs(tmp_path_factory):
    """Every round-trip assignment graded in its own scratch course, two at a time, started
    when the first one is needed; each `graded` waits for its own."""
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        yield {a: pool.submit(grade_in_scratch_course, a, tmp_path_factory.mktemp(f"course-{a}")) for a in ROUND_TRIP}


@pytest.fixture(scope="module", params=ROUND_TRIP)
def graded(request, grading_jobs):
    return grading_jobs[request.param].result()


def _score(course: Path, assignment: str, student: str) -> float:
    with Gradebook(f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}") as gb:
        return gb.find_submission(assignment, student).score


def test_autograde_scores(graded):
    """Every scenario of the assignment gets exactly its expected score (for an assignment
    with manually graded cells, its autograded part: see test_manual_grades_...)."""
    assignment, spec, course = graded
    expected = {"submitted-correct": spec.get("auto_max_score", spec["max_score"]), "submitted-unchanged": 0}
    for scenario in scenarios(spec):
        key = scenario.removeprefix("submitted-")
        want = expected.get(scenario, spec.get(key, {}).get("score"))
        assert _score(course, assignment, scenario) == pytest.approx(want), scenario


def test_manual_grades_stay_pending_until_the_trainer_grades(graded, tmp_path):
    """Written answers: autograde leaves them pending (the total is the autograded part),
    an unanswered one is 0 with nothing to grade, and once the trainer's scores are in
    (set through nbgrader's gradebook API, as the formgrader does) the total counts them."""
    assignment, spec, course = graded
    manual = spec.get("manual_grades", {})
    url = f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}"
    notebook_id = Path(spec["notebook"]).stem
    with Gradebook(url) as gb:
        assert gb.find_assignment(assignment).max_score == pytest.approx(spec["max_score"])
        cells = {c.name: c for c in gb.find_notebook(notebook_id, assignment).grade_cells}
        assert {n for n, c in cells.items() if c.cell_type == "markdown"} == set(manual)
        assert sum(c.max_score for n, c in cells.items() if n not in manual) == pytest.approx(
            spec.get("auto_max_score", spec["max_score"])
        )
        for student in scenarios(spec):
            pending = {
                g.name
                for g in gb.find_submission_notebook(notebook_id, assignment, student).grades
                if g.needs_manual_grade
            }
            if student in ("submitted-correct", "submitted-wrong"):  # both wrote answers
                assert pending == set(manual), student
            if student == "submitted-unchanged":  # nothing written: 0, nothing to grade
                assert pending == set(), student
    if not manual:
        return
    # The trainer grades a copy of the gradebook (the fixture's stays as autograde left it).
    copy = tmp_path / "gradebook.db"
    shutil.copy(course / ".nbgrader" / "gradebook.db", copy)
    student = "submitted-correct"
    with Gradebook(f"sqlite:///{copy}") as gb:
        assert gb.find_submission(assignment, student).score == pytest.approx(spec["auto_max_score"])
        for grade_id, points in manual.items():
            grade = gb.find_grade(grade_id, notebook_id, assignment, student)
            assert grade.auto_score is None and grade.needs_manual_grade
            grade.manual_score = points
            grade.needs_manual_grade = False  # what the formgrader's grade API does with a score
        gb.db.commit()
    with Gradebook(f"sqlite:///{copy}") as gb:
        submission = gb.find_submission(assignment, student)
        assert not submission.needs_manual_grade
        assert submission.score == pytest.approx(spec["auto_max_score"] + sum(manual.values()))
        assert submission.score < submission.max_score == pytest.approx(spec["max_score"])


def test_cheat_attempt_gets_tests_restored(graded):
    assignment, spec, course = graded
    autograded = course / ".nbgrader" / "autograded" / "submitted-cheat-attempt" / assignment / spec["notebook"]
    nb = nbformat.read(autograded, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "the learner emptied the test" not in text
    source = nbformat.read(course / "solutions" / assignment / spec["notebook"], as_version=4)
    ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    for gid in spec["cheat-attempt"].get("delete_tests", []) + spec["cheat-attempt"].get("blank_tests", []):
        assert gid in ids, f"test cell {gid} was not restored"
    del source


@pytest.mark.parametrize("scenario", BASE_SCENARIOS)
def test_feedback_hides_hidden_tests(graded, scenario):
    assignment, spec, course = graded
    html_path = course / ".nbgrader" / "feedback" / scenario / assignment / spec["notebook"].replace(".ipynb", ".html")
    html = html_path.read_text(encoding="utf-8")
    source = nbformat.read(course / "solutions" / assignment / spec["notebook"], as_version=4)
    assert ng.leaks(html, source, solutions=False) == []
    if scenario == "submitted-wrong":
        # ... and still teaches: the failed check's own sentence is there, in the
        # exercise's language.
        assert ("还不对" if assignment.endswith(ASSIGNMENT_SUFFIX) else "not yet right") in html
    if assignment.endswith(ASSIGNMENT_SUFFIX):
        assert "not yet right" not in html and "not answered yet" not in html


def test_no_test_code_in_any_traceback_and_redaction_still_stops_one(graded):
    """Test cells are decided on the trainer's side (trusted.py): their error outputs hold
    the check's message alone, so even nbgrader's stock feedback shows no hidden test. Were a
    traceback to print one (as a test run in the kernel did), RedactHiddenTracebacks removes it."""
    from nbconvert import HTMLExporter
    from nbgrader.preprocessors import ClearHiddenTests

    from receivables.grading.feedback import RedactHiddenTracebacks

    assignment, spec, course = graded
    autograded = course / ".nbgrader" / "autograded" / "submitted-wrong" / assignment / spec["notebook"]
    source = nbformat.read(course / "solutions" / assignment / spec["notebook"], as_version=4)

    def feedback_html(preprocessors, kernel_traceback: bool = False) -> str:
        nb = nbformat.read(autograded, as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                if out.output_type == "error" and "BEGIN HIDDEN TESTS" in cell.source:
                    assert out.traceback == [f"{out.ename}: {out.evalue}"]
                    if kernel_traceback:  # what IPython printed when the kernel ran the test
                        out.traceback = ["---", *cell.source.splitlines(), f"{out.ename}: {out.evalue}"]
        for pre in preprocessors:
            nb, _ = pre.preprocess(nb, {})
        return HTMLExporter().from_notebook_node(nb)[0]

    assert ng.leaks(feedback_html([ClearHiddenTests()]), source, solutions=False) == []
    assert ng.leaks(feedback_html([ClearHiddenTests()], kernel_traceback=True), source, solutions=False)
    assert (
        ng.leaks(
            feedback_html([RedactHiddenTracebacks(), ClearHiddenTests()], kernel_traceback=True),
            source,
            solutions=False,
        )
        == []
    )
