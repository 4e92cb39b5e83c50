"""The Chinese edition of the notebooks, from one source: gettext catalogues.

The English notebooks in `course/` and `cases/` are the source. Each has a catalogue,
`locales/zh_CN/LC_MESSAGES/<folder>/<notebook>.po`, with one entry per cell a reader
reads: every markdown cell, the parameters cell and every ✏️ cell (their comments and
words are the learner's). The entry's context (msgctxt) is the cell's id; its msgid the
English cell; its msgstr the Chinese one. The twin `<folder>/zh/<notebook>` is built from
the English notebook and its catalogue, so both editions share every other code cell.

`receivables course translate` re-extracts the English cells into the catalogues (an
entry whose English changed keeps its old translation, marked fuzzy with the previous
English, as gettext's msgmerge does) and rebuilds the twins. `course check` fails on a
missing twin or catalogue, an untranslated or stale (fuzzy) entry, a twin whose code
differs from its English notebook, or a twin that is not what the catalogue builds.
"""

from __future__ import annotations

import ast
import copy
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import polib

from receivables.course import notebooks as nbs
from receivables.i18n import editions
from receivables.i18n import po as i18n_po

EDITION = editions.EDITION
SOLUTIONS = "solutions"
#: The Chinese edition of graded exercise `01-x` is the nbgrader assignment `01-x-zh`.
ASSIGNMENT_SUFFIX = "-zh"
LOCALE = i18n_po.LOCALE
LOCALES_DIR = Path("locales") / LOCALE / "LC_MESSAGES"
NAV_TAG = "nav"
LEARNER_MARK = "✏️"
HIDDEN = {"jupyter": {"source_hidden": True}}

MARKDOWN_NOTE = "markdown: translate the whole cell; keep link targets, code spans and numbers as they are"
CODE_NOTE = (
    "code the learner reads or edits: translate comments and the words between quotes that a learner "
    'types or reads; keep names, numbers and the code\'s shape (`lang` is set to "zh" by the build)'
)
HEADER = (
    "The Chinese edition of the notebook {name}: one entry per cell a reader reads.\n"
    "Write each msgstr; `receivables course translate` rebuilds the twin in zh/.\n"
    "An entry marked fuzzy translates an older English text (shown as #| msgid):\n"
    "update the msgstr, then delete the fuzzy flag."
)
EXERCISE_NOTE = (
    "\nA graded exercise: its hidden tests and solutions are in here. Never give this file to learners.\n"
    'In a check\'s message write the question label in Chinese ("第1题"): the checks then speak Chinese.'
)
_LANG_LINE = re.compile(r'^(lang\s*=\s*)"en"', re.M)
_LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def is_learner_cell(cell: nbformat.NotebookNode) -> bool:
    """A code cell the learner reads or edits: the parameters cell and every ✏️ cell."""
    if cell.cell_type != "code":
        return False
    return nbs.PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []) or LEARNER_MARK in cell.source


_WORDS = re.compile(r"[A-Za-z\u4e00-\u9fff]{2}")


def _has_words(source: str) -> bool:
    """Code with a comment or a quoted text a reader reads (a check's message, a label)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return True
    texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return "#" in source or any(_WORDS.search(t) for t in texts)


def is_exercise(path: Path) -> bool:
    """A graded exercise's source (solutions/<assignment>/<notebook>.ipynb)."""
    return path.parent.parent.name == SOLUTIONS


def is_translated(cell: nbformat.NotebookNode, exercise: bool = False) -> bool:
    """Cells with an entry in the catalogue: what a reader reads. In course and case
    notebooks the markdown, parameters and ✏️ cells (navigation is generated per edition);
    in a graded exercise also every code cell with words in it (checks' messages, labels)."""
    if NAV_TAG in cell.get("metadata", {}).get("tags", []):
        return False
    if cell.cell_type == "markdown":
        return True
    return is_learner_cell(cell) or (exercise and cell.cell_type == "code" and _has_words(cell.source))


def hide_code(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Collapse every code cell a learner need not read (outputs stay visible)."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if is_learner_cell(cell):
            cell.metadata.pop("jupyter", None)
        else:
            cell.metadata["jupyter"] = copy.deepcopy(HIDDEN["jupyter"])
    return nb


def twin_path(english: Path) -> Path:
    """Where the Chinese edition of a notebook is: course/zh/…, cases/zh/…, or, for an
    exercise, its own nbgrader assignment solutions/<assignment>-zh/…."""
    if is_exercise(english):
        return english.parent.parent / f"{english.parent.name}{ASSIGNMENT_SUFFIX}" / english.name
    return editions.twin(english)


def catalogue_path(root: Path, english: Path) -> Path:
    if is_exercise(english):
        return root / LOCALES_DIR / SOLUTIONS / english.parent.name / english.with_suffix(".po").name
    return root / LOCALES_DIR / english.parent.name / english.with_suffix(".po").name


def english_notebooks(root: Path) -> list[Path]:
    """The course's and cases' English notebooks (the ones with a twin in zh/)."""
    out: list[Path] = []
    for folder in nbs.NOTEBOOK_FOLDERS:
        if (root / folder).is_dir():
            out += [p for p in nbs.notebooks_in(root / folder) if nbs.parse_name(p)]
    return out


def english_exercises(root: Path) -> list[Path]:
    """The graded exercises' English sources (their Chinese ones are assignments of their own)."""
    folder = root / SOLUTIONS
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*/*.ipynb") if not p.parent.name.endswith(ASSIGNMENT_SUFFIX))


def all_sources(root: Path) -> list[Path]:
    return english_notebooks(root) + english_exercises(root)


# ---- catalogues -------------------------------------------------------------------------


def _cell_id(cell: nbformat.NotebookNode, index: int) -> str:
    cell_id = cell.get("id")
    if not cell_id:
        raise ValueError(f"cell {index} has no id: run `receivables course contents` to add ids")
    return cell_id


def template(nb: nbformat.NotebookNode, name: str, exercise: bool = False) -> polib.POFile:
    """The catalogue template (POT) of one English notebook: an entry per translated cell."""
    po = i18n_po.new_catalogue(f"receivables-workbook {name}", HEADER.format(name=name))
    if exercise:
        po.header += EXERCISE_NOTE
    for index, cell in enumerate(nb.cells):
        if not is_translated(cell, exercise):
            continue
        note = MARKDOWN_NOTE if cell.cell_type == "markdown" else CODE_NOTE
        po.append(polib.POEntry(msgctxt=_cell_id(cell, index), msgid=cell.source, msgstr="", comment=note))
    return po


# ---- building a twin -----------------------------------------------------------------------


def _rewrite_links(text: str, english: Path, root: Path) -> str:
    """Relative link targets, written as in the English notebook, pointed from the twin's
    folder: notebooks, contents pages and other pages with a Chinese twin (references.md)
    go to the twin."""
    folder = english.parent.relative_to(root).as_posix()

    def fix(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "/")):
            return match.group(0)
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, path))
        parent, name = posixpath.split(resolved)
        has_twin = name.endswith(".ipynb") or name == "README.md" or (root / parent / EDITION / name).is_file()
        if parent in nbs.NOTEBOOK_FOLDERS and has_twin:
            resolved = posixpath.join(parent, EDITION, name)
        new = posixpath.relpath(resolved, posixpath.join(folder, EDITION))
        return f"{match.group(1)}{new}{'#' + anchor if anchor else ''}{match.group(3)}"

    return _LINK.sub(fix, text)


def _zh_parameters(source: str) -> str:
    return _LANG_LINE.sub(r'\1"zh"', source)


@dataclass
class Built:
    notebook: nbformat.NotebookNode
    problems: list[str]


def build_twin(english: Path, root: Path) -> Built:
    """The Chinese twin of an English notebook, from its catalogue (without navigation and
    collapsed code, which `contents` adds to course and case notebooks). English stays where a translation is missing or stale, and
    each such cell is named in `problems`."""
    nb = nbs.read(english)
    exercise = is_exercise(english)
    where = english.relative_to(root).as_posix()
    po_path = catalogue_path(root, english)
    problems: list[str] = []
    entries: dict[str, polib.POEntry] = {}
    if po_path.is_file():
        entries = {e.msgctxt: e for e in i18n_po.read(po_path)}
    else:
        problems.append(f"{where}: no catalogue {po_path.relative_to(root)} (run `receivables course translate`)")
    twin = copy.deepcopy(nb)
    for index, cell in enumerate(twin.cells):
        if not is_translated(cell, exercise):
            continue
        message = entries.get(cell.get("id"))
        if message is None or message.msgid != cell.source:
            if po_path.is_file():
                problems.append(
                    f"{where}: cell {cell.get('id')}: no entry for its current English "
                    "(run `receivables course translate`)"
                )
            text = cell.source
        elif not message.msgstr:
            problems.append(f"{where}: cell {cell.get('id')}: not translated yet")
            text = cell.source
        elif message.fuzzy:
            problems.append(
                f"{where}: cell {cell.get('id')}: translation is stale (the English changed "
                f"since it was translated; update {po_path.relative_to(root)})"
            )
            text = message.msgstr
        else:
            text = message.msgstr
        if cell.cell_type == "markdown":
            cell.source = text if exercise else _rewrite_links(text, english, root)
        else:
            cell.source = _zh_parameters(text) if nbs.PARAMETERS_TAG in cell.metadata.get("tags", []) else text
            problems += [
                f"{where}: cell {cell.get('id')}: {p}" for p in code_differs(nb.cells[index].source, cell.source)
            ]
    return Built(twin, problems)


class _Shape(ast.NodeTransformer):
    """Code with its string constants blanked: what a translation may change."""

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return ast.Constant("") if isinstance(node.value, str) else node


def code_differs(english: str, chinese: str) -> list[str]:
    """Why a translated code cell is not the same code (empty = same): only comments and
    string values may differ, and `lang`."""
    try:
        zh_tree = ast.parse(chinese)
    except SyntaxError as exc:
        return [f"the Chinese code does not parse ({exc.msg}, line {exc.lineno})"]
    en_tree = ast.parse(english)
    if ast.dump(_Shape().visit(en_tree)) != ast.dump(_Shape().visit(zh_tree)):
        return ["the Chinese code differs from the English beyond comments and quoted words"]
    return []


def compare_code(english: nbformat.NotebookNode, twin: nbformat.NotebookNode, exercise: bool = False) -> list[str]:
    """Problems when a twin's cells do not line up with the English notebook's, or a code
    cell without an entry in the catalogue differs."""

    def body(nb: nbformat.NotebookNode) -> list:
        return [c for c in nb.cells if NAV_TAG not in c.get("metadata", {}).get("tags", [])]

    en_cells, zh_cells = body(english), body(twin)
    mismatch = ["its cells do not match the English notebook's (run `receivables course translate`)"]
    if [c.cell_type for c in en_cells] != [c.cell_type for c in zh_cells]:
        return mismatch
    problems = []
    for en_cell, zh_cell in zip(en_cells, zh_cells, strict=True):
        if en_cell.get("id") != zh_cell.get("id"):
            return mismatch
        if en_cell.cell_type == "code" and not is_translated(en_cell, exercise) and en_cell.source != zh_cell.source:
            problems.append(f"cell {en_cell.get('id')}: code differs from the English notebook's")
        if exercise and en_cell.get("metadata", {}).get("nbgrader") != zh_cell.get("metadata", {}).get("nbgrader"):
            problems.append(f"cell {en_cell.get('id')}: its nbgrader marks differ from the English notebook's")
    return problems


def update_catalogues(root: Path, only: set[Path] | None = None) -> list[Path]:
    """Re-extract English notebooks and exercises (all, or `only` these) into their
    catalogues; returns the catalogues changed."""
    changed = []
    for english in all_sources(root):
        if only is not None and english.resolve() not in only:
            continue
        path = catalogue_path(root, english)
        old = i18n_po.read(path) if path.is_file() else None
        new = i18n_po.merge(old, template(nbs.read(english), english.stem, is_exercise(english)))
        text = i18n_po.render(new)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            i18n_po.write(new, path)
            changed.append(path)
    return changed


def planned_exercises(root: Path, built: dict[Path, Built] | None = None) -> dict[Path, bytes]:
    """Every file of the exercises' Chinese assignments: the built notebooks (`built`: those
    already built, by English source) and, copied as they are, the assignment's other files
    (data the exercise reads)."""
    files: dict[Path, bytes] = {}
    for english in english_exercises(root):
        twin = twin_path(english)
        notebook = (built[english] if built and english in built else build_twin(english, root)).notebook
        files[twin] = (nbformat.writes(notebook) + "\n").encode("utf-8")
        for other in sorted(english.parent.rglob("*")):
            if other.is_file() and other.suffix != ".ipynb" and ".ipynb_checkpoints" not in other.parts:
                files[twin.parent / other.relative_to(english.parent)] = other.read_bytes()
    return files


def stale_exercises(root: Path, built: dict[Path, Built] | None = None) -> list[tuple[Path, bytes]]:
    return [
        (p, data) for p, data in planned_exercises(root, built).items() if not p.is_file() or p.read_bytes() != data
    ]


def write_exercises(root: Path) -> list[Path]:
    written = []
    for path, data in stale_exercises(root):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def translation_problems(root: Path) -> list[str]:
    """Every reason the Chinese edition is not a complete, current translation."""
    problems: list[str] = []
    built: dict[Path, Built] = {}
    for path in all_sources(root):
        exercise = is_exercise(path)
        built[path] = build_twin(path, root)
        problems += built[path].problems
        twin = twin_path(path)
        where = twin.relative_to(root).as_posix()
        if not twin.is_file():
            problems.append(f"{where}: missing (run `receivables course translate`)")
            continue
        problems += [f"{where}: {p}" for p in compare_code(nbs.read(path), nbs.read(twin), exercise)]
    problems += [
        f"{p.relative_to(root).as_posix()}: not what its English exercise and catalogue build "
        "(run `receivables course translate`)"
        for p, _data in stale_exercises(root, built)
        if p.is_file() or p.suffix != ".ipynb"
    ]
    expected = {twin_path(p) for p in all_sources(root)}
    for folder in nbs.NOTEBOOK_FOLDERS:
        for twin in sorted((root / folder / EDITION).glob("*.ipynb")):
            if twin not in expected:
                problems.append(f"{folder}/{EDITION}/{twin.name}: has no English notebook")
    for twin in sorted((root / SOLUTIONS).glob(f"*{ASSIGNMENT_SUFFIX}/*.ipynb")):
        if twin not in expected:
            problems.append(f"{twin.relative_to(root).as_posix()}: has no English exercise")
    return problems


# ---- how Chinese the Chinese edition is --------------------------------------------------

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_NOT_PROSE = (
    re.compile(r"```.*?```", re.S),  # code blocks
    re.compile(r"`[^`]*`"),  # code spans
    re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$", re.S),  # formulas
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"<[^>]+>"),  # html tags
    re.compile(r"https?://\S+"),
)


def prose(markdown: str) -> str:
    """The words a reader reads in a markdown text: no code, formulas, link targets or tags."""
    for pattern in _NOT_PROSE:
        markdown = pattern.sub(" ", markdown)
    return markdown


def chinese_share(nb: nbformat.NotebookNode) -> tuple[float, int, int]:
    """(share, Chinese characters, Latin letters) of a notebook's markdown prose: the share
    of Chinese characters among Chinese characters and Latin letters."""
    text = "\n".join(prose(c.source) for c in nb.cells if c.cell_type == "markdown")
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    return (cjk / (cjk + latin) if cjk + latin else 0.0), cjk, latin
