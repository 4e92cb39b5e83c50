"""Grade a room's returned notebooks in one command (`receivables grade`).

Notebooks come back by mail, chat or USB stick: a folder or a .zip. This module matches
files to learners, autogrades each learner with nbgrader in a contained scratch course,
generates feedback and writes a grade sheet.

Matching files to learners
    With a roster CSV (columns ``learner_id`` and optionally ``name``, ``file_pattern``,
    ``email``): a file belongs to a learner when its path relative to the returned folder
    matches ``file_pattern`` (a glob, case-insensitive), else when the learner named by its
    path (the rule below) is the learner id or the part of the e-mail before ``@``. A roster learner with no
    file is reported ("no notebook returned"); a file no roster row claims is reported too.
    Without a roster: a notebook in a subfolder belongs to the learner named by its first
    folder (``zhang-san/overdue-and-profit.ipynb``); a notebook at the top belongs to the
    learner named by its file name before ``_`` (``zhang-san_overdue-and-profit.ipynb``),
    or to its whole stem when it has no ``_``.

Containment (what it does, and its limits)
    Each learner is graded by its own ``nbgrader autograde`` process, started in a fresh
    scratch course: its own temporary folder (deleted afterwards) holding a copy of
    nbgrader_config.py, a copy of a gradebook that knows only the assignment, and the
    learner's notebook. The process runs with HOME, TMPDIR and the working folder inside
    that scratch course, in a session of its own, under a memory limit (RLIMIT_AS, per
    process, inherited by the kernel), a CPU-time and a file-size limit, nbgrader's per-cell
    timeout (the cell is interrupted, gets an error and scores 0; the notebook goes on) and
    a wall-clock limit per learner; afterwards its session and every process it started
    (the kernel runs in a session of its own) are killed. Feedback is generated the same
    way. The kit's own gradebook (.nbgrader/) is never opened: this trainer-side process
    reads the grades from the scratch gradebook once the learner's processes are gone and
    writes the grade sheet.
    The learner's kernel (only the kernel) runs in a bubblewrap sandbox where bubblewrap can
    run (receivables.grading.sandbox: no network, no file of the kit or of other learners,
    its own processes, memory/process/disk limits); nbgrader and the gradebook stay outside.
    nbgrader's output goes to a file, not a pipe, and every wait is bounded, so no process a
    learner leaves behind can stall the batch.
    Without bubblewrap (macOS, a locked-down host) the batch says so at its start and learner
    code runs as the trainer's Unix user with the limits above only: it can read what the
    trainer can read (the scratch gradebook, which holds that assignment's hidden tests; the
    batch's master course in the system temp folder) and write where the trainer can write;
    a process that double-forks and detaches itself escapes the kill. That contains accidents
    (endless loops, memory blow-ups, crashes, broken files), not a determined attacker.
"""

from __future__ import annotations

import contextlib
import csv
import fnmatch
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import warnings
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from receivables import paths
from receivables.grading import nbgrader_run as ng
from receivables.grading import redact, suspicious, trusted
from receivables.grading import sandbox as sb
from receivables.grading.execute import output_dropped

MAX_ZIP_BYTES = 500 * 1024 * 1024
STATUS_GRADED = "graded"
STATUS_NOT_GRADED = "not graded"
STATUS_MISSING = "missing"
PENDING = "to grade by hand"  # a written answer: the total leaves it out until the trainer grades it


class GradingError(RuntimeError):
    """The batch cannot run at all (unknown assignment, unreadable zip)."""


@dataclass
class LearnerResult:
    learner: str
    name: str = ""
    file: str = ""
    status: str = STATUS_NOT_GRADED
    scores: dict[str, float | None] = field(default_factory=dict)  # None: written answer to grade by hand
    total: float = 0.0
    problems: list[str] = field(default_factory=list)
    feedback: str = ""
    pending: list[str] = field(default_factory=list)  # written answers the trainer grades in the formgrader
    autograded: dict = field(default_factory=dict)  # for --formgrader: grades and comments as autograde left them


@dataclass
class GradeReport:
    assignment: str
    notebook: str
    max_scores: dict[str, float]
    learners: list[LearnerResult]
    out: Path
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    sandboxed: bool = False  # learners' kernels ran under bubblewrap

    @property
    def max_score(self) -> float:
        return float(sum(self.max_scores.values()))

    @property
    def graded(self) -> list[LearnerResult]:
        return [r for r in self.learners if r.status == STATUS_GRADED]

    def problems(self) -> list[tuple[str, str, str]]:
        rows = [(r.learner, r.file, p) for r in self.learners for p in r.problems]
        return rows + [("", f, reason) for f, reason in self.unmatched]

    def by_learner(self) -> dict[str, LearnerResult]:
        return {r.learner: r for r in self.learners}


# ---------------------------------------------------------------- matching files


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-.") or "learner"


def _returned_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or any(p.startswith(".") or p in ("__MACOSX", "__pycache__") for p in rel.parts):
            continue
        found.append(path)
    return found


def _extract(zip_path: Path, into: Path) -> Path:
    try:
        with zipfile.ZipFile(zip_path) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_ZIP_BYTES:
                raise GradingError(f"{zip_path}: more than {MAX_ZIP_BYTES // 2**20} MB unpacked")
            for info in zf.infolist():
                target = (into / info.filename).resolve()
                if not target.is_relative_to(into.resolve()):
                    raise GradingError(f"{zip_path}: unsafe path in the zip: {info.filename}")
            zf.extractall(into)
    except (zipfile.BadZipFile, OSError) as exc:
        raise GradingError(f"{zip_path}: cannot read the zip ({exc})") from exc
    return into


def read_roster(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    rows = [
        {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(text.splitlines())
    ]
    if rows and "learner_id" not in rows[0]:
        raise GradingError(f"{path}: the roster needs a learner_id column")
    return [r for r in rows if r.get("learner_id")]


def learner_of(rel: Path, notebook: str) -> str | None:
    """Whose file this is, from its path alone (None: cannot tell); see the module docstring."""
    if len(rel.parts) > 1:
        return _slug(rel.parts[0])
    stem = rel.stem
    learner = stem.split("_", 1)[0] if "_" in stem else stem
    return None if learner.lower() == Path(notebook).stem.lower() else _slug(learner)


def match_files(
    folder: Path, notebook: str, roster: list[dict[str, str]] | None
) -> tuple[dict[str, list[Path]], dict[str, str], list[tuple[str, str]]]:
    """(learner -> files, learner -> name, unmatched (file, reason)); see the module docstring."""
    files = _returned_files(folder)
    owned: dict[str, list[Path]] = {}
    names: dict[str, str] = {}
    unmatched: list[tuple[str, str]] = []
    if roster is None:
        for path in files:
            rel = path.relative_to(folder)
            if path.suffix.lower() != ".ipynb":
                continue
            learner = learner_of(rel, notebook)
            if learner is None:
                unmatched.append(
                    (rel.as_posix(), "cannot tell whose notebook this is (name it learner_notebook.ipynb)")
                )
                continue
            owned.setdefault(learner, []).append(path)
        return owned, names, unmatched
    claimed: set[Path] = set()
    for row in roster:
        learner = _slug(row["learner_id"])
        names[learner] = row.get("name", "")
        owned.setdefault(learner, [])
        pattern = (row.get("file_pattern") or row.get("file") or "").lower()
        keys = {learner}
        if row.get("email"):
            keys.add(_slug(row["email"].split("@", 1)[0]))
        for path in files:
            rel = path.relative_to(folder)
            if pattern:
                hit = fnmatch.fnmatch(rel.as_posix().lower(), pattern) or fnmatch.fnmatch(path.name.lower(), pattern)
            else:
                hit = path.suffix.lower() == ".ipynb" and learner_of(rel, notebook) in keys
            if hit:
                owned[learner].append(path)
                claimed.add(path)
    for path in files:
        if path not in claimed:
            unmatched.append((path.relative_to(folder).as_posix(), "not matched to any learner on the roster"))
    return owned, names, unmatched


# ---------------------------------------------------------------- checking a submission


def _gid(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def read_submission(path: Path) -> tuple[nbformat.NotebookNode | None, str]:
    """The notebook, or None and why it is not one."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"not a valid notebook (cannot read it as text: {exc.__class__.__name__})"
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, f"not a valid notebook (not JSON: {exc.msg} at line {exc.lineno})"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, "not a valid notebook (JSON without notebook cells)"
    try:
        nb = nbformat.reads(raw, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds
        return None, f"not a valid notebook (nbformat: {str(exc).splitlines()[0][:120]})"
    return nb, ""


def tampering(nb, release_nb) -> list[str]:
    """Deleted cells and edited tests, compared with the release (autograde restores tests)."""
    released = {_gid(c): c for c in release_nb.cells if _gid(c)}
    present = {_gid(c): c for c in nb.cells if _gid(c)}
    notes = []
    deleted = [g for g in released if g not in present]
    if deleted:
        notes.append(f"cells deleted: {', '.join(deleted)} (tests and locked cells restored at grading)")
    edited = [
        g
        for g, c in released.items()
        if g in present
        and c.metadata.get("nbgrader", {}).get("grade")
        and present[g].source.strip() != c.source.strip()
    ]
    if edited:
        notes.append(f"test cells edited: {', '.join(edited)} (restored from the source at grading)")
    return notes


# ---------------------------------------------------------------- contained runs


# Limits are set by a tiny wrapper that then execs nbgrader (preexec_fn is not safe with
# the threads that grade two learners at once). RLIMIT_AS and RLIMIT_CPU are per process and
# inherited: nbgrader and, without the sandbox, the learner's kernel each get them.
_LIMITED = """import os, resource, sys
mem, cpu = int(sys.argv[1]) * 1024 * 1024, int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
resource.setrlimit(resource.RLIMIT_FSIZE, (200 * 1024 * 1024, 200 * 1024 * 1024))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
os.execv(sys.argv[3], sys.argv[3:])
"""
LOG_TAIL = 256 * 1024  # what is read back of nbgrader's output (a learner's kernel writes there too)


def _contained(
    args: list[str], course: Path, memory_mb: int, wall_s: float, extra_env: dict[str, str] | None = None
) -> tuple[int | None, str]:
    """Run `nbgrader ARGS` in the scratch course; (returncode or None on wall timeout, output).

    Its output goes to a file, not a pipe, so no process it leaves behind can hold the batch;
    every wait is bounded; its session and every process it started are killed afterwards."""
    exe = Path(sys.executable).parent / "nbgrader"
    home = course / "home"
    home.mkdir(exist_ok=True)
    env = ng.nbgrader_env()
    for key in list(env):
        if key.startswith(("JUPYTER_", "IPYTHON", "NBGRADER")):
            del env[key]
    env.update(
        HOME=str(home),
        TMPDIR=str(home),
        MPLCONFIGDIR=str(home / "mpl"),
        OPENBLAS_NUM_THREADS="1",
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        MALLOC_ARENA_MAX="2",
        MPLBACKEND="Agg",
    )
    env.update(extra_env or {})
    nbgrader = str(exe) if exe.exists() else shutil.which("nbgrader", path=env["PATH"]) or "nbgrader"
    log = course / f"nbgrader-{args[0]}.log"
    with log.open("wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-c", _LIMITED, str(memory_mb), str(int(wall_s) + 10), nbgrader, *args],
            cwd=course,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        code: int | None = proc.wait(timeout=wall_s)
    except subprocess.TimeoutExpired:
        code = None
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)  # its session's group, even once nbgrader itself is gone
    _kill_tree(proc.pid)  # whatever the run left behind (the sandbox's processes are in its cgroup too)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
    with log.open("rb") as fh:
        fh.seek(max(0, log.stat().st_size - LOG_TAIL))
        out = fh.read().decode("utf-8", errors="replace")
    return code, out


def _descendants(pid: int) -> list[int]:
    """Processes started from `pid` (Linux /proc; elsewhere none are found)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill_tree(pid: int) -> None:
    """Kill nbgrader's session and every process it started: the kernel runs in a session
    of its own (jupyter_client starts it so), which killing nbgrader's group would miss."""
    mine = os.getpgrp()
    for p in [pid, *_descendants(pid)]:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            group = os.getpgid(p)
            if group != mine:
                os.killpg(group, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(p, signal.SIGKILL)


def _master_course(root: Path, assignment: str, work: Path) -> Path:
    """Trainer-side: the assignment generated once in a scratch copy (no learner code runs here)."""
    master = work / "master"
    master.mkdir()
    shutil.copy(root / "nbgrader_config.py", master / "nbgrader_config.py")
    shutil.copytree(root / "solutions" / assignment, master / "solutions" / assignment)
    ng.run(["generate_assignment", assignment, "--force"], master)
    return master


@dataclass(frozen=True)
class GradingJob:
    """What every learner of one batch is graded with (the same for all of them)."""

    master: Path  # the scratch course holding the generated assignment (trainer-side)
    assignment: str
    notebook: str
    grade_ids: list[str]
    timeout_s: int  # per cell
    memory_mb: int
    wall_s: float  # per learner
    out: Path  # where the grade sheet and the feedback pages go
    formgrader: Path | None = None  # the kit's root, to copy graded notebooks for the formgrader
    bwrap: str | None = None  # the bubblewrap that runs the learner's kernel (None: no sandbox, rlimits only)


def _grade_one(job: GradingJob, result: LearnerResult, nb) -> None:
    # Its own temporary folder, not inside the batch's: the kernel's cwd has neither the
    # master course (with the source notebook) nor other learners' files above it.
    course = Path(tempfile.mkdtemp(prefix="receivables-grade-learner-"))
    try:
        _grade_in(job, course, result, nb)
    finally:
        shutil.rmtree(course, ignore_errors=True)


def _grade_in(job: GradingJob, course: Path, result: LearnerResult, nb) -> None:
    if job.bwrap is None:
        _autograde(job, course, result, nb, None)
        return
    limits = sb.SandboxLimits(
        memory_mb=job.memory_mb,
        address_mb=max(sb.SandboxLimits.address_mb, 2 * job.memory_mb),
        cpu_s=int(job.wall_s) + 10,
    )
    groups = sb.cgroups(course.name, limits)
    try:
        _autograde(job, course, result, nb, (limits, groups, job.bwrap))
    finally:
        sb.kill_group_members(groups)  # whatever of the sandbox is still there (it dies with its kernel anyway)
        groups.remove()
        sb.remove_run_dir(course)


def _autograde(
    job: GradingJob, course: Path, result: LearnerResult, nb, sandbox: tuple[sb.SandboxLimits, sb.Cgroups, str] | None
) -> None:
    """One learner: the scratch course, nbgrader's autograde (the kernel sandboxed or not),
    the auto scores, the problems seen, the feedback page."""
    data = _scratch_course(job, course, result.learner, nb)
    args = [
        "autograde",
        job.assignment,
        "--student",
        result.learner,
        "--create",
        "--force",
        f"--Execute.timeout={job.timeout_s}",
        f"--ExecutePreprocessor.timeout={job.timeout_s}",
    ]
    env: dict[str, str] = {}
    nbgrader_mb = job.memory_mb
    groups = None
    if sandbox is not None:
        limits, groups, exe = sandbox
        env = sb.write_kernelspec(course, data, limits, groups, exe)
        args += sb.nbgrader_args(course)
        # The kernel's own limits are set inside the sandbox's launcher; nbgrader's hard limit must allow them.
        nbgrader_mb = max(job.memory_mb, limits.address_mb)
    code, text = _contained(args, course, nbgrader_mb, job.wall_s, env)
    oom = groups is not None and groups.oom_killed()
    if code != 0:
        result.problems.append(_failure(job, code, text, oom))
        return
    if not _read_scores(job, course, result):
        return
    autograded_nb = course / ".nbgrader" / "autograded" / result.learner / job.assignment / job.notebook
    result.problems += _seen_in_autograded(job, autograded_nb, oom)
    result.problems += trusted.problems(autograded_nb)
    _feedback(job, course, result, nb)


def _scratch_course(job: GradingJob, course: Path, learner: str, nb) -> list[tuple[Path, str]]:
    """The learner's scratch course: configuration, a gradebook that knows only the assignment,
    the assignment's data files (never its notebook) and the submission. Returns the data
    files as (path, name in the assignment)."""
    shutil.copy(job.master / "nbgrader_config.py", course / "nbgrader_config.py")
    (course / ".nbgrader").mkdir()
    shutil.copy(job.master / ".nbgrader" / "gradebook.db", course / ".nbgrader" / "gradebook.db")
    src = job.master / "solutions" / job.assignment
    data = [(p, p.relative_to(src).as_posix()) for p in sorted(src.rglob("*")) if p.is_file() and p.suffix != ".ipynb"]
    for path, rel in data:
        dest = course / "solutions" / job.assignment / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, dest)
    submitted = course / ".nbgrader" / "submitted" / learner / job.assignment
    submitted.mkdir(parents=True)
    nbformat.write(nb, submitted / job.notebook)
    return data


def _failure(job: GradingJob, code: int | None, text: str, oom: bool) -> str:
    """Why autograde gave no grades (score 0), in the trainer's words."""
    if code is None:
        if oom:
            return f"grading failed: the learner's code ran out of memory (limit {job.memory_mb} MB; score 0)"
        return f"grading took longer than {job.wall_s:.0f} s and was stopped (score 0)"
    if oom or "MemoryError" in text:
        return f"grading failed: out of memory (limit {job.memory_mb} MB; score 0)"
    if output_dropped() in text:
        return "grading failed: the notebook printed too much output (score 0)"
    if "CellTimeoutError" in text or "UnresponsiveKernelError" in text:
        return f"grading failed: a cell ran past {job.timeout_s} s and did not stop when interrupted (score 0)"
    last = [line for line in text.splitlines() if line.strip() and "Please see" not in line][-2:]
    return "grading failed (score 0): " + " | ".join(last)[-300:]


def _read_scores(job: GradingJob, course: Path, result: LearnerResult) -> bool:
    """The auto scores from the scratch gradebook into ``result`` (False: none recorded).
    Auto scores only: what the trainer-side checks decided (trusted.py); extra credit and
    manual scores are never taken from a scratch gradebook."""
    from nbgrader.api import Gradebook

    try:
        with Gradebook(f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}") as gb:
            sub = gb.find_submission_notebook(Path(job.notebook).stem, job.assignment, result.learner)
            scores = {g.name: float(g.auto_score or 0) for g in sub.grades}
            pending = {g.name for g in sub.grades if g.needs_manual_grade}
            autograded = {
                "grades": {g.name: (g.auto_score, g.needs_manual_grade) for g in sub.grades},
                "comments": {c.name: c.auto_comment for c in sub.comments},
            }
    except Exception as exc:  # noqa: BLE001
        result.problems.append(f"no grades recorded ({exc.__class__.__name__})")
        return False
    # A written (manually graded) answer has no score until the trainer gives one.
    result.scores = {g: None if g in pending else scores.get(g, 0.0) for g in job.grade_ids}
    result.pending = [g for g in job.grade_ids if g in pending]
    result.total = float(sum(v for v in result.scores.values() if v is not None))
    result.status = STATUS_GRADED
    if job.formgrader is not None:
        # Trainer-side copies for the formgrader; the learner's processes are gone by now.
        for kind in ("submitted", "autograded"):
            src = course / ".nbgrader" / kind / result.learner / job.assignment
            dest = job.formgrader / ".nbgrader" / kind / result.learner / job.assignment
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(src, dest)
        result.autograded = autograded
    return True


def _seen_in_autograded(job: GradingJob, autograded_nb: Path, oom: bool) -> list[str]:
    """What the graded notebook shows went wrong while it still got grades."""
    problems = []
    timed_out = _timed_out_cells(autograded_nb)
    if timed_out:
        problems.append(f"cells stopped after {job.timeout_s} s (scored 0): {', '.join(timed_out)}")
    if autograded_nb.is_file() and output_dropped() in autograded_nb.read_text(encoding="utf-8", errors="replace"):
        problems.append("output too large: the notebook printed more than grading keeps; the rest was dropped")
    if oom:
        problems.append(f"the learner's code ran out of memory (limit {job.memory_mb} MB) and its kernel was stopped")
    return problems


#: nbgrader's apps share logging and exporter state: one feedback page at a time (about a second each).
_FEEDBACK_LOCK = threading.Lock()


def _generate_feedback(course: Path, assignment: str, learner: str) -> bool:
    """nbgrader's generate_feedback for one learner, in this trainer-side process (no learner
    code runs: the graded notebook is only rendered), with the scratch course's configuration.
    A process of its own per learner cost about 5 s of start-up, more than the page itself."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    with _FEEDBACK_LOCK:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
        api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
        done = api.generate_feedback(assignment, learner, force=True)
    return bool(done.get("success"))


def _feedback(job: GradingJob, course: Path, result: LearnerResult, nb) -> None:
    """nbgrader's feedback page, read for hidden tests and model answers before it is written."""
    code = 0 if _generate_feedback(course, job.assignment, result.learner) else 1
    html = course / ".nbgrader" / "feedback" / result.learner / job.assignment / (Path(job.notebook).stem + ".html")
    if code == 0 and html.is_file():
        dest = job.out / "feedback" / result.learner / html.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        source_nb = nbformat.read(job.master / "solutions" / job.assignment / job.notebook, as_version=4)
        result.problems += redact.write_feedback(html, dest, source_nb, nb, zh=job.assignment.endswith("-zh"))
        result.feedback = dest.relative_to(job.out).as_posix()
    else:
        result.problems.append("graded, but feedback could not be generated")


def _timed_out_cells(path: Path) -> list[str]:
    if not path.is_file():
        return []
    nb = nbformat.read(path, as_version=4)
    hits = []
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error" and o.get("ename") in ("CellTimeoutError", "KeyboardInterrupt"):
                hits.append(_gid(cell) or f"cell {i + 1}")
                break
    return hits


# ---------------------------------------------------------------- the batch


def _sandbox_choice(sandbox: bool | None) -> str | None:
    """The bubblewrap that runs learners' kernels, or None; said on stderr either way.
    ``sandbox`` None: where it can run; True: required (GradingError if it cannot)."""
    can, found = sb.probe()  # once per batch: (True, bwrap's path) or (False, why not)
    if sandbox and not can:
        raise GradingError(f"the sandbox was asked for but {found}")
    if can and sandbox is not False:
        print(
            "Learners' code runs in a bubblewrap sandbox (no network, no other files, its own processes).",
            file=sys.stderr,
        )
        return found
    print(
        f"WARNING: learners' code is NOT sandboxed ({found if not can else 'turned off'}): it runs as your "
        "user with time and memory limits only (see the README, 'Grading returned notebooks').",
        file=sys.stderr,
    )
    return None


def _submissions(
    owned: dict[str, list[Path]], names: dict[str, str], folder: Path, notebook: str, release_nb
) -> tuple[list[LearnerResult], list[tuple[LearnerResult, nbformat.NotebookNode]]]:
    """Every learner's result, and (result, notebook) of those with a readable notebook to grade:
    the latest of several files, renamed files and tampered cells noted."""
    results: list[LearnerResult] = []
    todo = []
    for learner in sorted(owned):
        res = LearnerResult(learner, name=names.get(learner, ""))
        results.append(res)
        files = owned[learner]
        if not files:
            res.status = STATUS_MISSING
            res.problems.append("no notebook returned")
            continue
        files = sorted(files, key=lambda p: (p.suffix.lower() == ".ipynb", p.stat().st_mtime))
        chosen = files[-1]
        res.file = chosen.relative_to(folder).as_posix()
        if len(files) > 1:
            others = ", ".join(p.relative_to(folder).as_posix() for p in files[:-1])
            res.problems.append(f"several files returned; graded the latest, ignored: {others}")
        nb, why = read_submission(chosen)
        if nb is None:
            res.problems.append(why)
            continue
        if Path(notebook).stem.lower() not in chosen.stem.lower():
            res.problems.append(f"file renamed (graded as {notebook})")
        res.problems += tampering(nb, release_nb)
        todo.append((res, nb))
    return results, todo


def grade(
    returned: Path,
    assignment: str,
    out: Path,
    roster: Path | None = None,
    timeout_s: int = 60,
    memory_mb: int = 1024,
    root: Path | None = None,
    jobs: int = 2,
    wall_s: float | None = None,
    formgrader: bool = False,
    sandbox: bool | None = None,
) -> GradeReport:
    """Grade every learner's returned notebook of `assignment`; write the grade sheet to `out`.

    `timeout_s` is per cell, `wall_s` per learner (default: 4 × timeout_s + 60 s).
    `formgrader`: also put each graded learner in the kit's own gradebook (root/.nbgrader),
    for manual grading in the formgrader (see `import_to_formgrader`).
    `sandbox`: run learners' kernels under bubblewrap (None: where it can run, see
    receivables.grading.sandbox); the batch says at its start whether it does.
    Never raises for a learner's fault; raises GradingError when the batch cannot run.
    """
    returned, out, root = Path(returned), Path(out), Path(root) if root else paths.kit_root()
    source_dir = root / "solutions" / assignment
    notebooks = sorted(source_dir.glob("*.ipynb")) if source_dir.is_dir() else []
    if len(notebooks) != 1:
        known = ", ".join(ng.assignments(root)) or "none"
        raise GradingError(f"no single-notebook assignment {assignment!r} in solutions/ (known: {known})")
    notebook = notebooks[0].name
    if not returned.exists():
        raise GradingError(f"{returned}: no such folder or zip")
    wall = wall_s if wall_s is not None else 4 * timeout_s + 60
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / "feedback", ignore_errors=True)
    roster_rows = read_roster(Path(roster)) if roster else None
    bwrap = _sandbox_choice(sandbox)

    with tempfile.TemporaryDirectory(prefix="receivables-grade-") as tmp:
        work = Path(tmp)
        folder = _extract(returned, work / "returned") if returned.is_file() else returned
        owned, names, unmatched = match_files(folder, notebook, roster_rows)
        master = _master_course(root, assignment, work)
        release_nb = nbformat.read(master / "exercises" / assignment / notebook, as_version=4)
        grade_ids, max_scores = _grade_cells(master, assignment, notebook)
        results, todo = _submissions(owned, names, folder, notebook, release_nb)
        job = GradingJob(
            master,
            assignment,
            notebook,
            grade_ids,
            timeout_s,
            memory_mb,
            wall,
            out,
            root if formgrader else None,
            bwrap,
        )
        with ThreadPoolExecutor(max_workers=max(1, min(jobs, 2 * (os.cpu_count() or 1)))) as pool:
            futures = [pool.submit(_grade_one, job, res, nb) for res, nb in todo]
            for fut, (res, _) in zip(futures, todo, strict=True):
                try:
                    fut.result()
                except Exception as exc:  # noqa: BLE001 - one learner never stops the batch
                    res.problems.append(f"grading failed: {exc.__class__.__name__}: {exc}"[:300])
        for res, nb in todo:  # read, never run; listed for the trainer, the grade stays
            flagged = suspicious.describe(suspicious.scan(nb, release_nb))
            if flagged:
                res.problems.append(flagged)

    report = GradeReport(assignment, notebook, max_scores, results, out, unmatched, sandboxed=bwrap is not None)
    if formgrader:
        import_to_formgrader(report, root)
    write_sheets(report)
    return report


def import_to_formgrader(report: GradeReport, root: Path | None = None) -> None:
    """Put the graded learners in the kit's gradebook (root/.nbgrader), for the formgrader.

    Written by this trainer-side process only, after each learner's contained processes
    are gone: the learner, a submission holding the autograded scores and comments, and
    (copied by `_grade_in`) the submitted and autograded notebooks the formgrader shows.
    Scores the trainer already gave by hand are kept when a learner is graded again.
    """
    from nbgrader.api import Gradebook, MissingEntry

    root = Path(root) if root else paths.kit_root()
    db = root / ".nbgrader" / "gradebook.db"
    url = f"sqlite:///{db}"
    known = False
    if db.is_file():  # a new gradebook is created by nbgrader's own command below (it runs alembic)
        with Gradebook(url) as gb:
            try:
                gb.find_assignment(report.assignment)
                known = True
            except MissingEntry:
                pass
    if not known:
        # The grade cells come from the source notebook; the release goes to a scratch
        # folder so the committed exercises/ stays as it is.
        with tempfile.TemporaryDirectory(prefix="receivables-release-") as scratch:
            ng.run(
                ["generate_assignment", report.assignment, "--force", f"--CourseDirectory.release_directory={scratch}"],
                root,
            )
    stem = Path(report.notebook).stem
    with Gradebook(url) as gb:
        for res in report.learners:
            if res.status != STATUS_GRADED or not res.autograded:
                continue
            gb.update_or_create_student(res.learner, first_name=res.name or None)
            with warnings.catch_warnings():
                # nbgrader's add_submission autoflushes half-built rows (SQLAlchemy warns that
                # it defers them); they are added right after, as in `nbgrader autograde`.
                warnings.filterwarnings("ignore", message=".*not in session.*")
                gb.update_or_create_submission(report.assignment, res.learner)
            sub = gb.find_submission_notebook(stem, report.assignment, res.learner)
            for g in sub.grades:
                auto, needs_manual = res.autograded["grades"].get(g.name, (None, True))
                g.auto_score = auto
                if g.manual_score is None:
                    g.needs_manual_grade = needs_manual
            for c in sub.comments:
                c.auto_comment = res.autograded["comments"].get(c.name)
        gb.db.commit()


def _grade_cells(master: Path, assignment: str, notebook: str) -> tuple[list[str], dict[str, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{master / '.nbgrader' / 'gradebook.db'}") as gb:
        nb = gb.find_notebook(Path(notebook).stem, assignment)
        cells = {c.name: float(c.max_score) for c in nb.grade_cells}
    source = nbformat.read(master / "solutions" / assignment / notebook, as_version=4)
    order = [_gid(c) for c in source.cells if _gid(c) in cells]
    return order, {g: cells[g] for g in order}


def sheet_rows(report: GradeReport) -> tuple[list[str], list[list]]:
    header = ["learner", "name", "file", *report.max_scores, "total", "max", "status", "problem"]
    rows = []
    for r in report.learners:
        scores = [r.scores.get(g) if r.status == STATUS_GRADED else None for g in report.max_scores]
        scores = [PENDING if g in r.pending else v for g, v in zip(report.max_scores, scores, strict=True)]
        status = f"{r.status}; {PENDING}: {', '.join(r.pending)}" if r.pending else r.status
        rows.append([r.learner, r.name, r.file, *scores, r.total, report.max_score, status, "; ".join(r.problems)])
    return header, rows


def write_sheets(report: GradeReport) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    out = report.out
    header, rows = sheet_rows(report)
    with (out / "grades.csv").open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows([["" if v is None else v for v in row] for row in rows])
    with (out / "problems.csv").open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["learner", "file", "reason"])
        w.writerows(report.problems())
    wb = Workbook()
    ws = wb.active
    ws.title = "grades"
    ws.append(header)
    ws.append(["(points)", "", "", *report.max_scores.values(), report.max_score, report.max_score, "", ""])
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "D3"
    probs = wb.create_sheet("problems")
    probs.append(["learner", "file", "reason"])
    for row in report.problems():
        probs.append(list(row))
    wb.save(out / "grades.xlsx")
