"""receivables.paths: the one place the package learns where the kit's folders are."""

import subprocess
import sys
from pathlib import Path

import pytest

from receivables import paths

ROOT = Path(__file__).resolve().parents[1]


def test_the_installed_kit_is_found():
    assert paths.kit_root() == ROOT
    assert (paths.course_dir() / "00.00-Start-Here.ipynb").is_file()
    assert (paths.case_data_dir() / "invoices.csv").is_file()
    assert paths.cases_dir().is_dir() and paths.solutions_dir().is_dir() and paths.exercises_dir().is_dir()


def test_the_environment_moves_it(tmp_path, monkeypatch):
    kit = tmp_path / "kit"
    (kit / "course").mkdir(parents=True)
    (kit / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    monkeypatch.setenv(paths.ENV, str(kit))
    assert paths.kit_root() == kit.resolve()
    assert paths.cases_dir() == kit.resolve() / "cases"


def test_a_folder_that_is_no_kit_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ENV, str(tmp_path))
    with pytest.raises(paths.KitNotFound, match="no kit there"):
        paths.kit_root()


def test_no_module_computes_the_repositorys_layout_from_its_own_file():
    """Only receivables.paths looks for the kit from where the package lies."""
    offenders = []
    for path in sorted((ROOT / "src" / "receivables").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name != "paths.py" and "Path(__file__)" in text and ".parents" in text:
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_a_package_copy_outside_the_kit_says_how_to_find_it(tmp_path):
    """The package alone (not installed from the kit) names RECEIVABLES_KIT in its error."""
    import shutil

    shutil.copytree(
        ROOT / "src" / "receivables", tmp_path / "receivables", ignore=shutil.ignore_patterns("__pycache__")
    )
    probe = "from receivables import paths\ntry:\n    paths.kit_root()\nexcept paths.KitNotFound as e:\n    print(e)\n"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert "RECEIVABLES_KIT" in done.stdout, done.stdout + done.stderr
