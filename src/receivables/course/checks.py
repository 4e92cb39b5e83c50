"""The notebook conventions, as checks that name the file and the problem.

Used by `receivables course check` (in `make lint`) and by the test suite.
"""

from __future__ import annotations

from pathlib import Path

from receivables.course import contents, translation
from receivables.course import notebooks as nbs
from receivables.course.record import RECORD_CALL
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
                    problems.append(f"{where}: parameters cell must set lang = \"{lang}\"")
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not code or RECORD_CALL not in code[-1].source:
        problems.append(f"{where}: the last code cell must record the key figures with record(...)")
    problems += [f"{where}: {p} (run `make clean-notebooks`)" for p in nbs.dirt(nb)]
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
    if (root / "src" / "receivables").is_dir() and texts.update_needed(root):
        problems.append(f"{texts.CATALOGUE}: out of date with texts/*.yml (run `receivables course translate`)")
    for folder_name in ("solutions", "exercises"):
        for path in sorted((root / folder_name).glob("*/*.ipynb")):
            dirt = nbs.dirt(nbs.read(path))
            problems += [f"{folder_name}/{path.parent.name}/{path.name}: {p} (run `make clean-notebooks`)" for p in dirt]
    problems += [
        f"{p.relative_to(root)}: contents or previous/next links out of date (run `make contents`)"
        for p in contents.out_of_date(root)
    ]
    return problems
