"""The notebook conventions hold in the repository, and the checkers really catch breaches."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from receivables.course import checks, contents
from receivables.course import notebooks as nbs

ROOT = Path(__file__).resolve().parents[2]
COURSE_NB = ROOT / "course" / "01.00-The-Three-Key-Questions.ipynb"


def test_repository_follows_conventions():
    assert checks.check_all(ROOT) == []


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    """A copy of the kit's notebook folders to break on purpose."""
    for folder in ("course", "cases", "solutions", "exercises", "locales"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    assert checks.check_all(tmp_path) == []
    return tmp_path


def _edit(path: Path, change) -> None:
    nb = nbs.read(path)
    change(nb)
    nbs.write(nb, path)


def test_dirty_notebook_fails_and_clean_fixes_it(kit):
    path = kit / "course" / COURSE_NB.name

    def dirty(nb):
        code = next(c for c in nb.cells if c.cell_type == "code")
        code.execution_count = 3
        code.outputs = [nbformat.v4.new_output("stream", text="hello\n")]
        code.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}

    _edit(path, dirty)
    problems = checks.check_all(kit)
    assert any("has outputs" in p for p in problems)
    assert any("execution count" in p for p in problems)
    assert any("run-state metadata" in p for p in problems)
    _edit(path, nbs.clean)
    assert checks.check_all(kit) == []
    # Cleaning keeps tags (the parameters cell is still found).
    assert len(nbs.parameters_cells(nbs.read(path))) == 1


def test_dirty_exercise_fails(kit):
    path = next((kit / "exercises").glob("*/*.ipynb"))
    _edit(path, lambda nb: setattr(nb.cells[1], "execution_count", 1))
    assert any("exercises/" in p and "execution count" in p for p in checks.check_all(kit))


def test_bad_name_fails(kit):
    (kit / "course" / COURSE_NB.name).rename(kit / "course" / "three questions.ipynb")
    assert any("does not match CC.SS-Title-Words" in p for p in checks.check_all(kit))


@pytest.mark.parametrize(
    "source, message",
    [
        ("lang = 'en'\nx = 2 * 3", "not a literal"),
        ("lang = 'zh'", 'lang = "en"'),
        ("import os\nlang = 'en'", "only `name = literal`"),
    ],
)
def test_parameters_cell_rules(kit, source, message):
    path = kit / "course" / COURSE_NB.name

    def change(nb):
        nb.cells[nbs.parameters_cells(nb)[0]].source = source

    _edit(path, change)
    assert any(message in p for p in checks.check_all(kit))


def test_two_parameters_cells_fail(kit):
    path = kit / "course" / COURSE_NB.name

    def change(nb):
        extra = nbformat.v4.new_code_cell("lang = 'en'")
        extra.metadata = {"tags": ["parameters"]}
        nb.cells.insert(3, extra)

    _edit(path, change)
    assert any("exactly one cell tagged 'parameters'" in p for p in checks.check_all(kit))


def test_missing_record_fails(kit):
    path = kit / "course" / COURSE_NB.name

    def change(nb):
        code = [c for c in nb.cells if c.cell_type == "code"]
        code[-1].source = "print('done')"

    _edit(path, change)
    assert any("record the key figures" in p for p in checks.check_all(kit))


def test_stale_contents_and_links_fail_and_regenerate_fixes(kit):
    # A new notebook appears: the contents page and its neighbours' links are stale.
    new = kit / "course" / "01.01-Another-Topic.ipynb"
    shutil.copy(kit / "course" / COURSE_NB.name, new)
    _edit(new, lambda nb: setattr(nb.cells[1], "source", "# Another topic\n\ntext"))
    stale = {p.name for p in contents.out_of_date(kit)}
    assert {"README.md", COURSE_NB.name, new.name} <= stale
    contents.regenerate(kit)
    # What is left is the new notebook's Chinese edition: a translator's job.
    left = checks.check_all(kit)
    assert left and all("01.01-Another-Topic" in p for p in left), left
    assert any("no catalogue" in p for p in left)
    readme = (kit / "course" / "README.md").read_text(encoding="utf-8")
    assert "[Another topic](01.01-Another-Topic.ipynb)" in readme
    nav = nbs.read(kit / "course" / COURSE_NB.name).cells[0].source
    assert "01.01 Another topic →" in nav


def test_hand_edited_contents_fail(kit):
    readme = kit / "course" / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nextra line\n", encoding="utf-8")
    assert any("README.md: contents" in p for p in checks.check_all(kit))


def test_nav_links_point_to_neighbours():
    names = [p.name for p in nbs.notebooks_in(ROOT / "course")]
    for i, name in enumerate(names):
        nb = nbs.read(ROOT / "course" / name)
        top, bottom = nb.cells[0], nb.cells[-1]
        assert top.source == bottom.source and "nav" in top.metadata["tags"]
        if i > 0:
            assert f"]({names[i - 1]})" in top.source
        if i + 1 < len(names):
            assert f"]({names[i + 1]})" in top.source
