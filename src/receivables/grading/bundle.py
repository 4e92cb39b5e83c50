"""The learner bundle (`receivables bundle --learner --out FILE.zip`): what learners get.

In: course/, cases/, exercises/ (the nbgrader release), datasets/electromech/ (the small
case data) and datasets/README.md, the environment files (environment.yml, pyproject.toml,
constraints.txt, Makefile, scripts/), src/ (the package the notebooks import, including
receivables.grading.answers and .checks, which the exercises call and which hold no
answers), and a README.md written for learners (pyproject.toml names README.md, so
`make setup` needs one).

Never in: solutions/ (answers and hidden tests), .nbgrader/ (gradebook, submissions),
tests/ (the simulated submissions hold answers), nbgrader_config.py, any gradebook or
database file, caches. Every file is checked before it is added: a file holding a line
of a solution or hidden test, or an nbgrader solution / hidden-test marker, stops the
bundle with BundleLeak.
"""

from __future__ import annotations

import fnmatch
import zipfile
from pathlib import Path

from receivables.course import notebooks as nbs
from receivables.grading import nbgrader_run as ng

ROOT = Path(__file__).resolve().parents[3]

INCLUDE = [
    "course", "cases", "exercises", "datasets/electromech", "datasets/README.md", "environment.yml",
    "pyproject.toml", "constraints.txt", "Makefile", "scripts", "src", "LICENSE",
]
NEVER = [
    "solutions/*", ".nbgrader/*", "tests/*", "nbgrader_config.py", "*/nbgrader_config.py", "*.db", "*.sqlite*",
    "*gradebook*", "*/__pycache__/*", "*.pyc", "*.egg-info/*", "*/.ipynb_checkpoints/*", ".*", "*/.*",
]
# The kit's grading tooling names nbgrader's markers (to find and strip them); it holds no
# solution or test line, which is still checked.
MARKER_NAMING = {
    "src/receivables/grading/nbgrader_run.py", "src/receivables/grading/batch.py",
    "src/receivables/grading/bundle.py", "src/receivables/grading/feedback.py",
}

LEARNER_README = """\
# Receivables workbook · 应收账款管理与面谈催收 (learner copy · 学员版)

This is the learner's copy of the course kit: the workshop notebooks, the case, the graded
exercises and the small case data. 这是课程的学员版:课程笔记本、案例、练习题和案例数据。

## Set up · 安装

- With Python 3.11 and `make`: `make lab` (creates `.venv/`, installs the pinned versions,
  starts JupyterLab and prints the address to open).
- With conda: `conda env create -f environment.yml && conda activate receivables`,
  then `pip install -e .` and `jupyter lab course/`.

## Working through the course · 学习

1. Open the notebook your trainer names (or `course/00.00-Start-Here.ipynb`).
2. *Run → Run All Cells*.
3. Move the sliders; change only the cells marked ✏️ and run them again with **Shift + Enter**.

## Graded exercises · 练习题 (`exercises/`)

1. Replace each `answer = ...` with your answer (a number or a calculation) and run the
   check cell under it; answer slider and list questions with the slider or the list. Written
   answers (exercises 5 and 6): double-click the cell marked ✏️, replace *YOUR ANSWER HERE*,
   press Shift + Enter; the trainer grades them with the rubric shown above them.
   把 `answer = ...` 换成答案并运行检查;滑块题和选择题用滑块或列表作答;简答题双击 ✏️ 单元格作答。
2. Do not delete or edit the check cells: they are restored at grading anyway.
   请勿删除或修改检查单元格。
3. Save (Ctrl + S). Hand in the notebook as your trainer asks, named
   `your-name_<exercise>.ipynb` (for example `zhang-san_overdue-and-profit.ipynb`).
   保存后按讲师要求提交,文件名为 `姓名拼音_练习名.ipynb`。

The check cells only tell you whether your answer is a number; the full marking happens
when the trainer grades the returned notebooks, and you get a feedback page.
"""


class BundleLeak(RuntimeError):
    """A file of the learner bundle holds solution or hidden-test text."""


def _excluded(rel: str) -> bool:
    return any(fnmatch.fnmatch(rel, pat) for pat in NEVER)


def _files(root: Path) -> list[tuple[Path, str]]:
    found = []
    for item in INCLUDE:
        path = root / item
        if path.is_file():
            candidates = [path]
        elif path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file())
        else:
            continue
        for p in candidates:
            rel = p.relative_to(root).as_posix()
            if not _excluded(rel):
                found.append((p, rel))
    return found


def _sources(root: Path) -> list:
    return [nbs.read(p) for p in sorted((root / "solutions").glob("*/*.ipynb"))] if (root / "solutions").is_dir() else []


def file_leaks(text: str, rel: str, sources: list) -> list[str]:
    """Secret lines (and, outside the grading tooling, nbgrader markers) found in one file."""
    found: list[str] = []
    for source in sources:
        hits = ng.leaks(text, source)
        if rel in MARKER_NAMING:
            hits = [h for h in hits if h not in (*ng.SOLUTION_MARKERS, *ng.HIDDEN_MARKERS)]
        found += hits
    if rel not in MARKER_NAMING:
        found += [m for m in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS") if m in text]
    return sorted(set(found))


def learner_bundle(out_zip: Path, root: Path = ROOT) -> list[str]:
    """Write the learner bundle; returns the archive's member names. Raises BundleLeak."""
    root, out_zip = Path(root), Path(out_zip)
    sources = _sources(root)
    files = _files(root)
    problems = []
    for path, rel in files:
        text = path.read_bytes().decode("utf-8", errors="ignore")
        for hit in file_leaks(text, rel, sources):
            problems.append(f"{rel}: {hit!r}")
    if problems:
        raise BundleLeak("the learner bundle would leak solutions or hidden tests:\n  " + "\n  ".join(problems))
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    names = []
    prefix = "receivables-workbook/"
    with zipfile.ZipFile(out_zip, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(prefix + "README.md", LEARNER_README)
        names.append(prefix + "README.md")
        for path, rel in files:
            zf.write(path, prefix + rel)
            names.append(prefix + rel)
    return names
