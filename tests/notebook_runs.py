"""Every notebook of course/ and cases/, in either edition, executed once per test session.

The notebook tests check each run's outputs and figures; the course site's test builds the
Chinese site from the same runs (`course build --executed`): one run serves both. Each run is
the kit's own runner (papermill with the kernel on unix sockets, `receivables.kernels`) in a
child process, in a folder of its own, with the notebook's defaults; two run at once, one
kernel per core. No retry: a run that fails fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from receivables.i18n.fonts import CHECK_CHARTS_ENV

ROOT = Path(__file__).resolve().parents[1]
CELL_TIMEOUT = 120  # seconds, per cell (the slowest cell takes a few seconds)
SLOW_RUN = 60  # seconds for a whole run above which the report says where the time went
NOTEBOOKS = sorted(str(p.relative_to(ROOT)) for folder in ("course", "cases") for p in (ROOT / folder).glob("*.ipynb"))
AT_ONCE = 2
#: Marks a test module that needs every notebook of an edition run: `edition_runs("zh")`.
MARKER = "edition_runs"

Job = tuple[str, str]  # (English notebook, lang)


def edition(notebook: str, lang: str) -> str:
    """The notebook of an edition: the English one, or its Chinese twin in zh/."""
    path = Path(notebook)
    return notebook if lang == "en" else str(path.parent / lang / path.name)


def execute(notebook: str, folder: Path, **parameters) -> Path:
    """Run ``notebook`` (a path from the kit's root) in ``folder``; the executed copy's path.
    Every chart is checked for a room as it is drawn (CHECK_CHARTS_ENV)."""
    out = folder / Path(notebook).name
    args = [sys.executable, "-m", "receivables.kernels", str(ROOT / notebook), str(out)]
    args += ["--cwd", str(folder), "--timeout", str(CELL_TIMEOUT)]
    for name, value in parameters.items():
        args += ["-p", name, str(value)]
    started = time.monotonic()
    proc = subprocess.run(
        args, capture_output=True, text=True, timeout=CELL_TIMEOUT * 4, env={**os.environ, CHECK_CHARTS_ENV: "1"}
    )
    assert proc.returncode == 0, f"{notebook} failed:\n{proc.stderr[-5000:]}"
    _report_slow_run(notebook, parameters, out, time.monotonic() - started, proc.stderr)
    return out


def _report_slow_run(notebook: str, parameters: dict, out: Path, seconds: float, stderr: str) -> None:
    """A run normally takes seconds; a slow one is reported with where its time went (cells or
    kernel start-up and shut-down), to find the rare stalls seen on this machine."""
    if seconds < SLOW_RUN:
        return
    import nbformat

    nb = nbformat.read(out, as_version=4)
    cells = sum(cell.get("metadata", {}).get("papermill", {}).get("duration") or 0.0 for cell in nb.cells)
    slowest = max(nb.cells, key=lambda c: c.get("metadata", {}).get("papermill", {}).get("duration") or 0.0)
    warnings.warn(
        f"{notebook} {parameters}: {seconds:.0f} s in all, {cells:.0f} s in cells (slowest: "
        f"{slowest.get('metadata', {}).get('papermill', {}).get('duration') or 0:.0f} s, "
        f"{slowest.source[:60]!r}); papermill said:\n{stderr[-2000:]}",
        stacklevel=1,
    )


def wanted(session: pytest.Session) -> list[Job]:
    """The runs the session's selected tests need, in order, each once."""
    jobs: dict[Job, None] = {}
    for item in session.items:
        if item.originalname == "test_notebook_runs_and_records_figures":
            jobs[(item.callspec.params["notebook"], item.callspec.params["lang"])] = None
        marker = item.get_closest_marker(MARKER)
        if marker:
            jobs.update(dict.fromkeys((nb, marker.args[0]) for nb in NOTEBOOKS))
    return list(jobs)


def run_all(jobs: list[Job], tmp_path_factory: pytest.TempPathFactory) -> dict[Job, Path | BaseException]:
    """Each job run in a folder of its own, AT_ONCE at a time: its executed copy, or why not."""
    folders = {job: tmp_path_factory.mktemp("run") for job in jobs}

    def run(job: Job) -> Path | BaseException:
        try:
            return execute(edition(*job), folders[job])
        except (AssertionError, subprocess.SubprocessError) as failed:
            return failed

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return dict(zip(jobs, pool.map(run, jobs), strict=True))
