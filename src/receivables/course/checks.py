"""The notebook conventions, as checks that name the file and the problem.

Used by `receivables course check` (in `make lint`) and by the test suite.
"""

from __future__ import annotations

from pathlib import Path

from receivables.course import contents, translation
from receivables.course import notebooks as nbs
from receivables.course.record import RECORD_CALL
from receivables.course.shown import internal_wording
from receivables.i18n import texts


def check_notebook(path: Path, lang: str = "en") -> list[str]:
    """Problems of one course/case notebook (empty list = it follows the conventions)."""
    problems: list[str] = []
    where = f"{path.parent.name}/{path.name}" if lang == "en" else f"{path.parent.parent.name}/{lang}/{path.name}"
    if nbs.parse_name(path) is None:
        problems.append(f"{where}: name does not match CC.SS-Title-Words.ipynb")
    try:
        nb = nbs.read(path)
    except Exception as exc:  # not JSON, not a notebook
        return [f"{where}: not a readable notebook ({exc.__class__.__name__}: {exc})"]
    if not nbs.title(nb):
        problems.append(f"{where}: no '# Title' markdown heading")
    params = nbs.parameters_cells(nb)
    if len(params) != 1:
        problems.append(f"{where}: needs exactly one cell tagged 'parameters', found {len(params)}")
    else:
        index = params[0]
        cell = nb.cells[index]
        if index >= nbs.PARAMETERS_WITHIN:
            problems.append(f"{where}: the parameters cell is cell {index}; move it near the top")
        if cell.cell_type != "code":
            problems.append(f"{where}: the parameters cell is not a code cell")
        else:
            try:
                defaults = nbs.parameter_defaults(cell.source)
            except (SyntaxError, ValueError) as exc:
                problems.append(f"{where}: parameters cell: {exc}")
            else:
                if defaults.get("lang") != lang:
                    problems.append(f'{where}: parameters cell must set lang = "{lang}"')
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not code or RECORD_CALL not in code[-1].source:
        problems.append(f"{where}: the last code cell must record the key figures with record(...)")
    problems += [f"{where}: {p} (run `make clean-notebooks`)" for p in nbs.dirt(nb)]
    problems += [f"{where}: {p}" for p in learner_wording(nb)]
    return problems


def learner_wording(nb) -> list[str]:
    """Production wording (`receivables.course.shown.INTERNAL`) in what a learner reads of a
    notebook: its markdown cells, the parameters cell and the ✏️ cells (open when it opens)."""
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" or translation.is_learner_cell(cell):
            found += [
                f'cell {cell.get("id")}: internal wording {w}: say "the course material" / 课程资料 '
                f'or "authored for this kit" / 本课程编写'
                for w in internal_wording(cell.source)
            ]
    return found


def wording_problems(root: Path) -> list[str]:
    """Production wording in the learner's other texts: the exercises (both editions), the
    folders' markdown pages, and the package's texts in both languages (labels, tables,
    messages: everything the notebooks and widgets show)."""
    problems = []
    for folder_name in ("exercises", "solutions"):
        for path in sorted((root / folder_name).glob("*/*.ipynb")):
            where = f"{folder_name}/{path.parent.name}/{path.name}"
            problems += [f"{where}: {p}" for p in learner_wording(nbs.read(path))]
    for folder_name in nbs.NOTEBOOK_FOLDERS:
        for page in sorted((root / folder_name).glob("*.md")) + sorted(
            (root / folder_name / translation.EDITION).glob("*.md")
        ):
            problems += [
                f"{page.relative_to(root)}: internal wording {w}"
                for w in internal_wording(page.read_text(encoding="utf-8"))
            ]
    zh = texts.chinese()
    for key, en in texts.english().items():
        shown = [en] + ([zh[key].chinese] if key in zh and zh[key].chinese else [])
        problems += [f"package text {key}: internal wording {w}" for text in shown for w in internal_wording(text)]
    return problems


def check_all(root: Path) -> list[str]:
    problems: list[str] = []
    for folder_name in nbs.NOTEBOOK_FOLDERS:
        folder = root / folder_name
        for path in nbs.notebooks_in(folder) if folder.is_dir() else []:
            problems += check_notebook(path)
        twins = folder / translation.EDITION
        for path in nbs.notebooks_in(twins) if twins.is_dir() else []:
            problems += check_notebook(path, translation.EDITION)
    problems += translation.translation_problems(root)
    problems += texts.problems()
    problems += wording_problems(root)
    if (root / "src" / "receivables").is_dir() and texts.update_needed(root):
        problems.append(f"{texts.CATALOGUE}: out of date with texts/*.yml (run `receivables course translate`)")
    for folder_name in ("solutions", "exercises"):
        for path in sorted((root / folder_name).glob("*/*.ipynb")):
            dirt = nbs.dirt(nbs.read(path))
            problems += [
                f"{folder_name}/{path.parent.name}/{path.name}: {p} (run `make clean-notebooks`)" for p in dirt
            ]
    problems += [
        f"{p.relative_to(root)}: contents or previous/next links out of date (run `make contents`)"
        for p in contents.out_of_date(root)
    ]
    return problems
