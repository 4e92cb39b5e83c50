"""Every notebook of course/ and cases/ and its Chinese twin in zh/, executed by papermill
in a fresh kernel in a temporary folder with its defaults; the recorded figures of both
editions are checked against the same expectations, and so is every output: no error, no
glyph missing from the chart fonts, no chart that would not read on a projector (each is
checked as it is drawn: `receivables.i18n.fonts.readable`), no production wording ("seed 000", ../shared) in either
edition, and in the Chinese edition no English sentence and no code name shown to the learner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from receivables.course import recorded
from receivables.course.shown import internal_in_outputs, not_chinese
from receivables.i18n.fonts import CHECK_CHARTS_ENV

from .expected import EXPECTED

ROOT = Path(__file__).resolve().parents[2]
CELL_TIMEOUT = 120  # seconds, per cell (the slowest cell takes a few seconds)
SLOW_RUN = 60  # seconds for a whole run (en or zh) above which the report says where the time went
NOTEBOOKS = sorted(str(p.relative_to(ROOT)) for folder in ("course", "cases") for p in (ROOT / folder).glob("*.ipynb"))
BAD_OUTPUT = ("missing from font", "Glyph ", "Traceback (most recent call last)", "ChartReadabilityWarning")

pytestmark = pytest.mark.notebooks


def execute(notebook: str, tmp_path: Path, **parameters) -> nbformat.NotebookNode:
    """The kit's own runner (papermill with the kernel on unix sockets, receivables.kernels)
    in a child process: a fresh client and a fresh kernel per run, nothing shared with the test
    process (whose plugins reseed `random` and patch I/O). No retry: a run that fails fails."""
    out = tmp_path / Path(notebook).name
    args = [
        sys.executable,
        "-m",
        "receivables.kernels",
        str(ROOT / notebook),
        str(out),
        "--cwd",
        str(tmp_path),
        "--timeout",
        str(CELL_TIMEOUT),
    ]
    for name, value in parameters.items():
        args += ["-p", name, str(value)]
    started = time.monotonic()
    proc = subprocess.run(
        args, capture_output=True, text=True, timeout=CELL_TIMEOUT * 4, env={**os.environ, CHECK_CHARTS_ENV: "1"}
    )  # every chart checked for a room
    assert proc.returncode == 0, f"{notebook} failed:\n{proc.stderr[-5000:]}"
    nb = nbformat.read(out, as_version=4)
    _report_slow_run(notebook, parameters, nb, time.monotonic() - started, proc.stderr)
    return nb


def _report_slow_run(notebook: str, parameters: dict, nb: nbformat.NotebookNode, seconds: float, stderr: str) -> None:
    """A run normally takes seconds; a slow one is reported with where its time went (cells or
    kernel start-up and shut-down), to find the rare stalls seen on this machine."""
    if seconds < SLOW_RUN:
        return
    cells = sum(cell.get("metadata", {}).get("papermill", {}).get("duration") or 0.0 for cell in nb.cells)
    slowest = max(nb.cells, key=lambda c: c.get("metadata", {}).get("papermill", {}).get("duration") or 0.0)
    warnings.warn(
        f"{notebook} {parameters}: {seconds:.0f} s in all, {cells:.0f} s in cells (slowest: "
        f"{slowest.get('metadata', {}).get('papermill', {}).get('duration') or 0:.0f} s, "
        f"{slowest.source[:60]!r}); papermill said:\n{stderr[-2000:]}",
        stacklevel=1,
    )


def output_text(nb: nbformat.NotebookNode) -> str:
    """Everything the run printed or warned, as text."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
            elif out.get("output_type") == "error":
                parts.append("\n".join(out.get("traceback", [])))
            else:
                parts.append(json.dumps(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def test_every_notebook_has_expected_figures():
    missing = [nb for nb in NOTEBOOKS if nb not in EXPECTED]
    assert not missing, f"add expected figures in tests/notebooks/expected.py for: {missing}"


def edition(notebook: str, lang: str) -> str:
    """The notebook of an edition: the English one, or its Chinese twin in zh/."""
    path = Path(notebook)
    return notebook if lang == "en" else str(path.parent / lang / path.name)


#: Notebooks run side by side, one kernel per core: each in a child process with its own
#: kernel sockets and working folder (receivables.kernels), so the runs share nothing.
AT_ONCE = 2


@pytest.fixture(scope="module")
def runs(request, tmp_path_factory) -> dict[tuple[str, str], nbformat.NotebookNode | BaseException]:
    """Every (notebook, language) the session selected, run up front two at a time; each
    test then checks its own run (or re-raises why it failed)."""
    wanted = [
        (item.callspec.params["notebook"], item.callspec.params["lang"])
        for item in request.session.items
        if item.originalname == "test_notebook_runs_and_records_figures"
    ]
    folders = {job: tmp_path_factory.mktemp("run") for job in wanted}

    def run(job: tuple[str, str]) -> nbformat.NotebookNode | BaseException:
        try:
            return execute(edition(job[0], job[1]), folders[job])
        except (AssertionError, subprocess.SubprocessError) as failed:
            return failed

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return dict(zip(wanted, pool.map(run, wanted), strict=True))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_and_records_figures(notebook, lang, runs):
    nb = runs[(notebook, lang)]
    if isinstance(nb, BaseException):
        raise nb
    text = output_text(nb)
    for bad in BAD_OUTPUT:
        assert bad not in text, f"{notebook} [{lang}] printed {bad!r}:\n{text[:3000]}"
    internal = internal_in_outputs(nb)
    assert not internal, f"{edition(notebook, lang)} shows production wording to a learner:\n" + "\n".join(internal)
    if lang == "zh":
        foreign = not_chinese(nb)
        assert not foreign, (
            f"{edition(notebook, lang)} shows English or code names to a Chinese learner:\n" + "\n".join(foreign[:40])
        )
    figures = recorded(nb)
    assert figures.get("lang") == lang
    EXPECTED[notebook](figures, lang)
    # Nothing the run wrote leaks into the repository: it ran in tmp_path.
    assert not (ROOT / "course" / Path(notebook).name).with_suffix(".json").exists()
