"""`receivables bundle --learner`: the zip learners get holds no solution, hidden test,
gradebook or nbgrader source, and a planted leak stops it."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from receivables.course import notebooks as nbs
from receivables.grading import bundle
from receivables.grading import nbgrader_run as ng

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "receivables-workbook/"


def _sources():
    return [nbs.read(p) for p in sorted((ROOT / "solutions").glob("*/*.ipynb"))]


def test_learner_bundle_holds_what_learners_need_and_no_secret(tmp_path):
    out = tmp_path / "learner.zip"
    bundle.learner_bundle(out, ROOT)
    with zipfile.ZipFile(out) as zf:
        names = [n.removeprefix(PREFIX) for n in zf.namelist()]
        texts = {n.removeprefix(PREFIX): zf.read(n).decode("utf-8", errors="ignore") for n in zf.namelist()}
    # What learners need.
    for needed in [
        "README.md",
        "pyproject.toml",
        "constraints.txt",
        "environment.yml",
        "Makefile",
        "course/00.00-Start-Here.ipynb",
        "datasets/electromech/invoices.csv",
        "src/receivables/grading/answers.py",
        "src/receivables/grading/checks.py",
    ]:
        assert needed in names, needed
    assert any(n.startswith("exercises/") and n.endswith(".ipynb") for n in names)
    assert any(n.startswith("scripts/") for n in names)
    assert "learner" in texts["README.md"] and "## For trainers" not in texts["README.md"]
    # What they must never get.
    for name in names:
        assert not name.startswith(("solutions/", ".nbgrader/", "tests/")), name
        assert Path(name).name != "nbgrader_config.py" and not name.endswith((".db", ".sqlite")), name
        assert "gradebook" not in name.lower(), name
    secrets = [line for source in _sources() for line in ng.secret_lines(source)]
    assert secrets, "the solutions hold no secret line?"
    for name, text in texts.items():
        for line in secrets:
            assert line not in text, f"{name} leaks {line!r}"
        if name not in bundle.MARKER_NAMING:
            for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
                assert marker not in text, f"{name} holds {marker}"
    # Every assignment's release is there (notebook and data files), with no hidden test,
    # no model answer and no written model script of a manually graded cell.
    assignments = ng.assignments(ROOT)
    assert len(assignments) >= 6
    for assignment in assignments:
        released = sorted(
            p.relative_to(ROOT).as_posix() for p in (ROOT / "exercises" / assignment).rglob("*") if p.is_file()
        )
        assert released and any(r.endswith(".ipynb") for r in released), assignment
        for rel in released:
            assert rel in names, f"{rel} is not in the learner bundle"
            if rel.endswith(".ipynb"):
                assert "expect_close(" not in texts[rel] and "expect_choice(" not in texts[rel], rel
                source = nbs.read(ROOT / "solutions" / rel.removeprefix("exercises/"))
                assert ng.leaks(texts[rel], source) == [], rel
                assert ng.secret_lines(source, solutions=False), f"{rel}: the source has no hidden test?"


def _scratch_root(tmp_path: Path) -> Path:
    root = tmp_path / "kit"
    root.mkdir()
    for item in ["course", "exercises", "solutions", "datasets/electromech", "src/receivables/grading"]:
        shutil.copytree(ROOT / item, root / item, ignore=shutil.ignore_patterns("__pycache__"))
    for item in ["pyproject.toml", "Makefile", "nbgrader_config.py"]:
        shutil.copy(ROOT / item, root / item)
    return root


def test_a_planted_solution_stops_the_bundle(tmp_path):
    root = _scratch_root(tmp_path)
    bundle.learner_bundle(tmp_path / "ok.zip", root)  # the scratch copy itself is clean
    source = next((root / "solutions").glob("*/*.ipynb"))
    shutil.copy(source, root / "exercises" / "copied-by-mistake.ipynb")
    with pytest.raises(bundle.BundleLeak, match="exercises/copied-by-mistake.ipynb"):
        bundle.learner_bundle(tmp_path / "leak.zip", root)
    assert not (tmp_path / "leak.zip").exists()


def test_a_hidden_test_line_in_any_file_stops_the_bundle(tmp_path):
    root = _scratch_root(tmp_path)
    secret = ng.secret_lines(nbs.read(next((root / "solutions").glob("*/*.ipynb"))), solutions=False)[0]
    (root / "datasets" / "electromech" / "notes.md").write_text(f"remember: {secret}\n", encoding="utf-8")
    with pytest.raises(bundle.BundleLeak, match="notes.md"):
        bundle.learner_bundle(tmp_path / "leak.zip", root)


def test_solutions_tests_and_gradebook_are_never_packed(tmp_path):
    root = _scratch_root(tmp_path)
    (root / ".nbgrader").mkdir()
    (root / ".nbgrader" / "gradebook.db").write_bytes(b"SQLite format 3")
    (root / "src" / "gradebook.db").write_bytes(b"SQLite format 3")
    (root / "tests").mkdir()
    (root / "tests" / "x.py").write_text("x = 1\n")
    names = bundle.learner_bundle(tmp_path / "b.zip", root)
    assert not [n for n in names if "gradebook" in n or "/tests/" in n or "/solutions/" in n or "nbgrader_config" in n]


def test_bundle_command(tmp_path):
    from typer.testing import CliRunner

    from receivables.grading.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["bundle", "--out", str(tmp_path / "x.zip")]).exit_code == 2  # --learner required
    result = runner.invoke(app, ["bundle", "--learner", "--out", str(tmp_path / "learner.zip")])
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(tmp_path / "learner.zip")


def test_the_trainers_materials_stay_out_and_the_learners_kit_still_works(tmp_path):
    """No trainer module or text, no trainer entry in the Chinese catalogue, no model answer or
    hidden objective anywhere; the bundled package imports, its CLI runs (without `trainer`)
    and its Chinese texts load from the shortened catalogue."""
    import subprocess
    import sys

    out = tmp_path / "learner.zip"
    names = [n.removeprefix(PREFIX) for n in bundle.learner_bundle(out, ROOT)]
    assert not [n for n in names if n.startswith(("src/receivables/trainer/", "src/receivables/texts/trainer/"))]
    secrets = bundle.trainer_secrets(ROOT)
    assert len(secrets) > 100, "no model answers or hidden objectives found to look for?"
    assert any("\u4e00" <= ch <= "\u9fff" for s in secrets for ch in s), "no Chinese trainer text looked for"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(tmp_path / "kit")
    kit = tmp_path / "kit" / PREFIX.rstrip("/")
    catalogue = (kit / bundle.CATALOGUE).read_text(encoding="utf-8")
    assert 'msgctxt "trainer.' not in catalogue and 'msgctxt "widget' in catalogue
    for path in kit.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="ignore")
            assert not [s for s in secrets if s in text], path
    probe = (
        "import receivables.cli as c, typer.main as m; from receivables.i18n import t;"
        "names = [g.name for g in m.get_command(c.app).commands.values()];"
        "print('trainer' in names, 'course' in names, t('debtor.customers', 'zh'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(kit / "src"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "True", "客户数"], done.stdout


def test_a_model_answer_copied_into_a_learners_file_stops_the_bundle(tmp_path):
    root = _scratch_root(tmp_path)
    for item in ["src/receivables/texts/trainer", "src/receivables/locale"]:
        shutil.copytree(ROOT / item, root / item)
    answer = next(s for s in bundle.trainer_secrets(ROOT) if "\u4e00" <= s[0] <= "\u9fff")
    (root / "course" / "my-notes.md").write_text(f"讲师说：{answer}\n", encoding="utf-8")
    with pytest.raises(bundle.BundleLeak, match="course/my-notes.md: trainer text"):
        bundle.learner_bundle(tmp_path / "leak.zip", root)
