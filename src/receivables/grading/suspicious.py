"""Suspicious code in a returned notebook, listed for the trainer (the grade is not changed).

Run on the trainer's side before grading: each code cell the learner wrote or changed
(any cell whose source is not one of the released notebook's) is read with `ast` (IPython
syntax such as ``!ls`` or ``%%bash`` first turned into Python by IPython's own
transformer, so it shows as ``get_ipython``), never run. What a sales learner's answers
never need is listed with its cell number:

- kernel machinery: ``get_ipython``, input or AST transformers, ``sys.modules``,
  ``builtins``/``__builtins__``, ``exec``/``eval``/``compile``/``__import__``, dunder
  attributes, IPython/ipykernel/importlib, redefining ``expect_number``, ``expect_close``,
  ``expect_answered`` or ``expect_choice`` (or naming them in a string), importing
  receivables.grading beyond the widgets and checks a notebook uses;
- files outside the notebook: ``os``, ``shutil``, ``glob``, ``tempfile``, absolute paths
  or ``..`` (``open``, ``Path``, any string), ``/proc``;
- processes: ``subprocess``, ``os.system``/``fork``/``kill``…, ``multiprocessing``,
  ``signal``, ``pty``;
- network: ``socket``, ``urllib``, ``requests``, ``http``…;
- native code and databases: ``ctypes``, ``cffi``, ``sqlite3``, ``sqlalchemy``.

A finding is a reason to read the notebook, not proof of cheating; grades come from the
trainer-side checks (trusted.py) whatever the notebook does.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

KERNEL = "kernel machinery"
FILES = "files outside the notebook"
PROCESSES = "processes"
NETWORK = "network"
NATIVE = "native code or databases"
ORDER = (KERNEL, FILES, PROCESSES, NETWORK, NATIVE)

CHECK_NAMES = {"expect_number", "expect_close", "expect_answered", "expect_choice"}
# What a notebook of the kit imports from receivables.grading: the widgets and the checks.
ALLOWED_GRADING = {
    "receivables.grading.answers": {"answer_slider", "answer_dropdown"},
    "receivables.grading.checks": CHECK_NAMES,
}
MODULES = {
    **dict.fromkeys(
        (
            "builtins",
            "importlib",
            "IPython",
            "ipykernel",
            "jupyter_client",
            "nbgrader",
            "nbformat",
            "nbclient",
            "gc",
            "inspect",
            "code",
            "codeop",
            "runpy",
            "sys",
        ),
        KERNEL,
    ),
    **dict.fromkeys(("os", "shutil", "glob", "tempfile", "posix", "fcntl", "mmap"), FILES),
    **dict.fromkeys(("subprocess", "multiprocessing", "signal", "pty", "resource", "concurrent"), PROCESSES),
    **dict.fromkeys(
        (
            "socket",
            "ssl",
            "urllib",
            "urllib3",
            "requests",
            "http",
            "httpx",
            "aiohttp",
            "ftplib",
            "smtplib",
            "telnetlib",
            "zmq",
            "websocket",
            "websockets",
            "socketserver",
            "xmlrpc",
        ),
        NETWORK,
    ),
    **dict.fromkeys(("ctypes", "cffi", "sqlite3", "sqlalchemy", "dbm", "shelve"), NATIVE),
}
HARMLESS_MODULES = {"IPython.display"}  # display(), Markdown(): what the course notebooks use
# `import sys` alone is common enough in examples; what is read from it decides.
QUIET_MODULES = {"sys"}
NAMES = {
    "get_ipython": KERNEL,
    "__builtins__": KERNEL,
    "__import__": KERNEL,
    "exec": KERNEL,
    "eval": KERNEL,
    "compile": KERNEL,
    "globals": KERNEL,
    "locals": KERNEL,
    "vars": KERNEL,
    "breakpoint": KERNEL,
    "setattr": KERNEL,
    "delattr": KERNEL,
}
ATTRIBUTES = {
    "input_transformers_cleanup": KERNEL,
    "input_transformers_post": KERNEL,
    "input_transformer_manager": KERNEL,
    "ast_transformers": KERNEL,
    "user_ns": KERNEL,
    "user_global_ns": KERNEL,
    "run_cell": KERNEL,
    "register_magic_function": KERNEL,
    "set_custom_exc": KERNEL,
    "showtraceback": KERNEL,
}
SYS_ATTRIBUTES = {
    "modules",
    "settrace",
    "setprofile",
    "addaudithook",
    "_getframe",
    "meta_path",
    "path_hooks",
    "displayhook",
    "excepthook",
    "stdout",
    "stderr",
    "stdin",
    "argv",
    "executable",
    "path",
}
OS_PROCESS = re.compile(
    r"^(system|popen|fork|forkpty|kill|killpg|setsid|setpgid|spawn\w*|exec\w*|posix_spawn\w*|"
    r"_exit|wait\w*|pidfd_\w+|nice|sched_\w+)$"
)
DUNDER_OK = {"__name__", "__doc__", "__init__", "__version__"}
PATH_LIKE = re.compile(r"^(/[A-Za-z_.]|~/|\.\.(/|\\|$))|(^|[/\\])\.\.([/\\]|$)")


@dataclass(frozen=True)
class Finding:
    kind: str
    what: str
    cell: int  # 1-based, in the learner's notebook


def _python(source: str) -> str:
    """IPython syntax (magics, shell escapes) as the Python the kernel would run."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(source)
    except Exception:  # noqa: BLE001 - a cell IPython cannot transform is read as it is
        return source


class _Scan(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    def add(self, kind: str, what: str) -> None:
        self.found.append((kind, what))

    # -- imports
    def _module(self, name: str, bound: list[str], from_names: list[str] | None = None) -> None:
        top = name.split(".")[0]
        if name.startswith("receivables.grading"):
            allowed = ALLOWED_GRADING.get(name)
            if allowed is None or from_names is None or not set(from_names) <= allowed:
                self.add(KERNEL, f"imports {name}" + (f" ({', '.join(from_names)})" if from_names else ""))
        elif top in MODULES and top not in QUIET_MODULES and name not in HARMLESS_MODULES:
            self.add(MODULES[top], f"imports {name}")
        elif name == "os.path":
            self.add(FILES, "imports os.path")
        for alias in bound:
            if alias in CHECK_NAMES and name != "receivables.grading.checks":
                self.add(KERNEL, f"redefines {alias}")

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._module(alias.name, [alias.asname] if alias.asname else [])
            if alias.name == "sys" and alias.asname:
                self.add(KERNEL, "imports sys under another name")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            self.add(FILES, "relative import")
        module = node.module or ""
        names = [a.name for a in node.names]
        self._module(module, [a.asname or a.name for a in node.names], names)
        for alias in node.names:
            if alias.asname in CHECK_NAMES and alias.asname != alias.name:
                self.add(KERNEL, f"redefines {alias.asname}")
        if module == "sys" and set(names) & SYS_ATTRIBUTES:
            self.add(KERNEL, f"imports {', '.join(sorted(set(names) & SYS_ATTRIBUTES))} from sys")
        if module == "os" or module.startswith("os."):
            for name in names:
                if OS_PROCESS.match(name):
                    self.add(PROCESSES, f"os.{name}")

    # -- names and attributes
    def visit_Name(self, node: ast.Name) -> None:
        if node.id in NAMES:
            self.add(NAMES[node.id], node.id)
        if node.id in CHECK_NAMES and isinstance(node.ctx, (ast.Store, ast.Del)):
            self.add(KERNEL, f"redefines {node.id}")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        base = node.value.id if isinstance(node.value, ast.Name) else None
        if node.attr in ATTRIBUTES:
            self.add(ATTRIBUTES[node.attr], node.attr)
        elif node.attr in CHECK_NAMES and isinstance(node.ctx, (ast.Store, ast.Del)):
            self.add(KERNEL, f"redefines {node.attr}")
        elif node.attr.startswith("__") and node.attr.endswith("__") and node.attr not in DUNDER_OK:
            self.add(KERNEL, node.attr)
        elif base == "sys" and node.attr in SYS_ATTRIBUTES:
            self.add(KERNEL, f"sys.{node.attr}")
        elif base == "os" and OS_PROCESS.match(node.attr):
            self.add(PROCESSES, f"os.{node.attr}")
        self.generic_visit(node)

    def _define(self, name: str) -> None:
        if name in CHECK_NAMES:
            self.add(KERNEL, f"redefines {name}")

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._define(node.name)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._define(node.name)
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            self._define(name)

    visit_Nonlocal = visit_Global  # type: ignore[assignment]

    # -- strings: a check named in a string (globals()["expect_number"]), paths outside
    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if isinstance(value, str):
            if value.strip() in CHECK_NAMES:
                self.add(KERNEL, f"names {value.strip()} in a string")
            if "/proc" in value:
                self.add(FILES, "/proc")
            elif PATH_LIKE.search(value.strip()):
                shown = value.strip()[:40]
                self.add(FILES, f"path {shown!r}")


# A cell that is not Python even after IPython's transformation: look for the words alone.
_RAW = {
    "get_ipython": KERNEL,
    "__builtins__": KERNEL,
    "input_transformers": KERNEL,
    "sys.modules": KERNEL,
    "/proc": FILES,
    "subprocess": PROCESSES,
    "socket": NETWORK,
    "ctypes": NATIVE,
    "sqlite3": NATIVE,
    **{name: KERNEL for name in CHECK_NAMES},
}


def scan_source(source: str) -> list[tuple[str, str]]:
    """(kind, what) found in one cell's source, in order, without repeats."""
    code = _python(source)
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        found = [
            (kind, f"{word} (in a cell that is not valid Python)")
            for word, kind in _RAW.items()
            if re.search(rf"(?<![\w.]){re.escape(word)}", code)
        ]
        return list(dict.fromkeys(found))
    scan = _Scan()
    scan.visit(tree)
    return list(dict.fromkeys(scan.found))


def scan(nb, release_nb=None) -> list[Finding]:
    """Findings in the code cells of `nb` that are not cells of `release_nb` (all code cells
    without one)."""
    released = (
        {c.source.strip() for c in release_nb.cells if c.cell_type == "code"} if release_nb is not None else set()
    )
    found = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.get("cell_type") != "code" or not isinstance(cell.get("source"), str):
            continue
        if cell.source.strip() in released:
            continue
        found += [Finding(kind, what, number) for kind, what in scan_source(cell.source)]
    return found


def describe(findings: list[Finding]) -> str:
    """One line for problems.csv: each kind, then what was found and in which cells."""
    if not findings:
        return ""
    parts = []
    for kind in ORDER:
        cells_of: dict[str, list[int]] = {}
        for f in findings:
            if f.kind == kind:
                cells_of.setdefault(f.what, [])
                if f.cell not in cells_of[f.what]:
                    cells_of[f.what].append(f.cell)
        if cells_of:
            items = ", ".join(
                f"{what} (cell{'s' if len(c) > 1 else ''} {', '.join(map(str, c))})" for what, c in cells_of.items()
            )
            parts.append(f"{kind}: {items}")
    return "suspicious code, read the notebook (grade unchanged): " + "; ".join(parts)
