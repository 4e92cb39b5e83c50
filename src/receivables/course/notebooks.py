"""Notebook files of the kit: names, order, titles, parameters cell, clean state.

Every notebook folder (course/, cases/) follows one pattern, `CC.SS-Title-Words.ipynb`
(chapter, section, words): contents pages and previous/next links derive from it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from receivables import paths

NAME_RE = re.compile(
    r"^(?P<chapter>\d{2})\.(?P<section>\d{2})-(?P<words>[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\.ipynb$"
)
NOTEBOOK_FOLDERS = ("course", "cases")
PARAMETERS_TAG = "parameters"
# The parameters cell must be among the first cells: papermill injects after it, and a
# reader should see what can be changed before anything runs.
PARAMETERS_WITHIN = 4

# Cell metadata worth keeping in git; everything else is run state.
KEEP_CELL_METADATA = ("tags", "nbgrader", "editable", "deletable", "slideshow", "jupyter")
KEEP_NB_METADATA = ("kernelspec", "language_info")


def repo_root() -> Path:
    """The kit's root folder (receivables.paths.kit_root)."""
    return paths.kit_root()


@dataclass(frozen=True)
class NotebookName:
    path: Path
    chapter: int
    section: int
    words: str

    @property
    def number(self) -> str:
        return f"{self.chapter:02d}.{self.section:02d}"

    @property
    def words_text(self) -> str:
        return self.words.replace("-", " ")


def parse_name(path: Path) -> NotebookName | None:
    m = NAME_RE.match(path.name)
    if not m:
        return None
    return NotebookName(path, int(m["chapter"]), int(m["section"]), m["words"])


def notebooks_in(folder: Path) -> list[Path]:
    """All .ipynb files of a folder (not checkpoints), sorted by name = by number."""
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file())


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    text = nbformat.writes(nb) + "\n"
    path.write_text(text, encoding="utf-8")


def title(nb: nbformat.NotebookNode) -> str:
    """The notebook's first level-1 markdown heading (its title)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return ""


def parameters_cells(nb: nbformat.NotebookNode) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])]


def parameter_defaults(source: str) -> dict[str, object]:
    """Names and literal values of a parameters cell; ValueError if not all literal."""
    tree = ast.parse(source)
    values: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            target, value = node.target.id, node.value
        else:
            raise ValueError(f"line {node.lineno}: only `name = literal` assignments belong here")
        try:
            values[target] = ast.literal_eval(value)
        except ValueError:
            raise ValueError(
                f"line {node.lineno}: `{target}` is not a literal (papermill does not recompute derived values)"
            ) from None
    return values


def dirt(nb: nbformat.NotebookNode) -> list[str]:
    """What makes a notebook not clean (empty list = clean)."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            if cell.get("outputs"):
                problems.append(f"cell {i}: has outputs")
            if cell.get("execution_count") is not None:
                problems.append(f"cell {i}: has an execution count")
        extra = set(cell.get("metadata", {})) - set(KEEP_CELL_METADATA)
        if extra:
            problems.append(f"cell {i}: run-state metadata {sorted(extra)}")
    extra_nb = set(nb.metadata) - set(KEEP_NB_METADATA)
    if extra_nb:
        problems.append(f"notebook metadata {sorted(extra_nb)}")
    lang_info = nb.metadata.get("language_info", {})
    if set(lang_info) - {"name"}:
        problems.append("language_info carries version details")
    return problems


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip outputs, execution counts and run-state metadata; keep tags and nbgrader's."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata = {k: v for k, v in cell.get("metadata", {}).items() if k in KEEP_CELL_METADATA}
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in KEEP_NB_METADATA}
    if "language_info" in nb.metadata:
        nb.metadata["language_info"] = {"name": nb.metadata["language_info"].get("name", "python")}
    return nb
