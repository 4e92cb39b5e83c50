"""The package's import rule (receivables/__init__.py): nothing lower imports anything
higher, and packages of the same layer do not import each other. Every import counts,
including those inside functions (a lazy import is still a dependency). Command-line
modules (`receivables.cli`, `receivables.<package>.cli`) sit above everything: they may
import any layer, and nothing imports them."""

from __future__ import annotations

import ast
from pathlib import Path

import receivables

PACKAGE = Path(receivables.__file__).resolve().parent

#: Lowest first. A module may import from its own package and from lower layers only.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(layer.split())
    for layer in (
        "_memory address cgroups frames i18n kernels paths processes web_assets workers",
        "ledger datasets",
        "metrics",
        "profit collection",
        "risk",
        "reports",
        "widgets",
        "course",
        "cases",
        "grading",
        "room trainer app",
        "site",
    )
)
LEVEL = {name: level for level, layer in enumerate(LAYERS) for name in layer}
TOP = len(LAYERS)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_cli(module: str) -> bool:
    return module == "receivables.cli" or module.endswith(".cli")


def unit(module: str) -> str:
    """The top-level part of receivables a module belongs to ('' for receivables itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) of every receivables import in the file that runs (at the top
    or inside a function); imports for annotations only (``if TYPE_CHECKING:``) aside."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:  # annotations only: no import at run time
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "receivables"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "receivables":
                continue
            if target == "receivables":  # from receivables import paths, i18n, ...
                found += [(node.lineno, f"receivables.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, target))
    return found


def level(module: str) -> int:
    return TOP if is_cli(module) else LEVEL[unit(module)]


def test_every_part_of_the_package_has_a_layer():
    parts = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if (p.is_dir() and (p / "__init__.py").is_file()) or (p.suffix == ".py" and p.stem not in ("__init__", "cli"))
    }
    assert parts - set(LEVEL) == set(), "give each new module or package a layer in LAYERS"
    assert set(LEVEL) - parts == set(), "LAYERS names something the package no longer has"


def test_nothing_lower_imports_anything_higher_siblings_included():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        if module == "receivables":
            continue
        for line, target in imports(path):
            if target == "receivables" or unit(target) == unit(module) and not is_cli(target):
                continue
            if is_cli(target) and not is_cli(module):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports the command line {target}")
            elif not is_cli(target) and level(target) >= level(module):
                how = "a sibling" if level(target) == level(module) else "a higher layer"
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target} ({how})")
    assert wrong == [], "\n".join(wrong)


def test_no_two_modules_import_each_other():
    """No cycle among the package's modules (run-time imports, lazy ones included; a package's
    __init__ re-exporting its modules aside)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges = {
        m: {t for _, t in imports(p) if t in modules and t != m and modules[t].name != "__init__.py"}
        for m, p in modules.items()
        if p.name != "__init__.py"
    }
    cycles = []
    for start in edges:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in edges.get(node, ()):
                if nxt == start:
                    cycles.append(" -> ".join([*trail, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert cycles == [], "\n".join(sorted(set(cycles)))


def test_no_package_reaches_into_another_packages_private_module():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        for line, target in imports(path):
            private = [part for part in target.split(".")[2:] if part.startswith("_")]
            if private and unit(target) != unit(module):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}")
    assert wrong == [], "\n".join(wrong)
