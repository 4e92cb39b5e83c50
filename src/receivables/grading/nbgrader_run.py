"""Running nbgrader as the trainer would: its own command line, in a course root.

nbgrader runs `alembic` from PATH to create the gradebook, so the folder of the running
interpreter (the kit's .venv/bin) is put first on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from receivables.course import notebooks as nbs


class NbgraderError(RuntimeError):
    pass


def nbgrader_env() -> dict[str, str]:
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def run(args: list[str], root: Path, check: bool = True, timeout: float = 1800) -> subprocess.CompletedProcess:
    """Run `nbgrader ARGS` in course root `root`; output captured as text."""
    exe = Path(sys.executable).parent / "nbgrader"
    cmd = [str(exe) if exe.exists() else "nbgrader", *args]
    proc = subprocess.run(cmd, cwd=root, env=nbgrader_env(), capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise NbgraderError(f"`nbgrader {' '.join(args)}` failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def assignments(root: Path) -> list[str]:
    source = root / "solutions"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))) if source.is_dir() else []


def release(root: Path, assignment: str | None = None) -> list[str]:
    """Regenerate exercises/ from solutions/ (all assignments, or one), clean."""
    names = [assignment] if assignment else assignments(root)
    for name in names:
        target = root / "exercises" / name
        if target.exists():
            shutil.rmtree(target)
    # One nbgrader process for the whole kit: its assignment id is a glob, and a process
    # per assignment cost a second of start-up each.
    run(["generate_assignment", assignment or "*", "--force"], root)
    for name in names:
        for path in (root / "exercises" / name).glob("*.ipynb"):
            nbs.write(nbs.clean(nbs.read(path)), path)
    return names


def validate(notebook: Path, root: Path) -> tuple[bool, str]:
    """nbgrader validate exits 0 either way: read its text to know whether it passed."""
    proc = run(["validate", str(notebook)], root, check=False)
    text = proc.stdout + proc.stderr
    passed = "Success! Your notebook passes all the tests." in text and "VALIDATION FAILED" not in text
    return passed, text


SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
HIDDEN_MARKERS = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def _regions(source: str, begin: str, end: str) -> list[str]:
    """Lines strictly between begin/end markers (several regions allowed)."""
    lines, inside = [], False
    for line in source.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            lines.append(line)
    return lines


def secret_lines(source_nb, solutions: bool = True) -> list[str]:
    """Non-trivial lines of a source notebook's hidden tests (and solutions): none may reach learners."""
    kinds = (SOLUTION_MARKERS, HIDDEN_MARKERS) if solutions else (HIDDEN_MARKERS,)
    secrets = []
    for cell in source_nb.cells:
        for begin, end in kinds:
            secrets += _regions(cell.source, begin, end)
    return [s.strip() for s in secrets if len(s.strip()) >= 8]


def leaks(release_text: str, source_nb, solutions: bool = True) -> list[str]:
    """Secret lines of the source that appear in a released text, or (solutions=False)
    hidden-test lines in a learner's feedback, which rightly shows the learner's own answers."""
    import html
    import re

    # Feedback is HTML with syntax and ANSI colouring split into tags: compare plain text.
    text = html.unescape(re.sub(r"<[^>]+>", "", release_text))
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    found = [line for line in secret_lines(source_nb, solutions) if line in text]
    for marker in (*SOLUTION_MARKERS, *HIDDEN_MARKERS) if solutions else HIDDEN_MARKERS:
        if marker in text:
            found.append(marker)
    return found


def release_problems(root: Path, scratch: Path) -> list[str]:
    """Regenerate the release from solutions/ in a scratch copy and compare with exercises/.

    Returns what is out of sync or leaks (empty list = the committed release is right).
    """
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    shutil.copy(root / "nbgrader_config.py", scratch / "nbgrader_config.py")
    shutil.copytree(root / "solutions", scratch / "solutions")
    release(scratch)
    problems = []
    fresh, committed = scratch / "exercises", root / "exercises"
    fresh_files = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    committed_files = (
        {p.relative_to(committed) for p in committed.rglob("*") if p.is_file()} if committed.is_dir() else set()
    )
    for rel in sorted(fresh_files - committed_files):
        problems.append(f"exercises/{rel}: missing (run `make release`)")
    for rel in sorted(committed_files - fresh_files):
        problems.append(f"exercises/{rel}: not generated from solutions/ (run `make release`)")
    for rel in sorted(fresh_files & committed_files):
        if (fresh / rel).read_bytes() != (committed / rel).read_bytes():
            problems.append(f"exercises/{rel}: out of sync with solutions/ (run `make release`)")
    for path in sorted(committed.rglob("*.ipynb")) if committed.is_dir() else []:
        source = root / "solutions" / path.relative_to(committed)
        if source.is_file():
            for line in leaks(path.read_text(encoding="utf-8"), nbs.read(source)):
                problems.append(f"exercises/{path.relative_to(committed)}: leaks solution or hidden test: {line!r}")
    return problems
