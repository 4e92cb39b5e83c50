"""A real JupyterLab server and a real Chromium (Debian's, installed by `make setup`).

The server runs on a scratch copy of the kit (course/, solutions/, exercises/, nbgrader's config) so running notebooks in the browser never
touches the repository's clean notebooks; Jupyter's config (with the lab's user settings),
runtime and IPython folders point into the scratch folder too.

The scratch lab's user settings make the browser tests deterministic:
- notebook ``windowingMode: "none"``: JupyterLab 4 otherwise attaches to the DOM only the
  cells near the viewport, so a widget far down a notebook is absent until scrolled to;
- no autosave: a notebook a test ran stays as the repository has it (unrun) on disk, unless
  the test saves it itself.
Kernels are shut down through the server API after each test and before the server stops,
and no process started for the scratch folder may outlive the session.
"""

from __future__ import annotations

import json
import logging
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import psutil
import pytest

from receivables.grading.nbgrader_run import nbgrader_env
from receivables.processes import free_port, stop

from .labpage import open_notebook, screenshot

__all__ = ["Lab", "open_notebook"]

ROOT = Path(__file__).resolve().parents[2]
LOG = logging.getLogger("tests.browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# JupyterLab user settings of the scratch lab: {plugin id: settings}.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}


class Lab(NamedTuple):
    """The scratch JupyterLab: unpacks as (base_url, token, scratch folder)."""

    base: str
    token: str
    work: Path

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30):
        """Call the Jupyter server's REST API; the decoded JSON answer (None when empty)."""
        request = urllib.request.Request(
            f"{self.base}{path}",
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def shut_down_kernels(self, timeout: float = 60) -> None:
        """Shut down every session and kernel through the server, and wait until none is left."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}", timeout=timeout)
        for kernel in self.api("GET", "/api/kernels"):
            self.api("DELETE", f"/api/kernels/{kernel['id']}", timeout=timeout)
        deadline = time.time() + timeout
        while self.api("GET", "/api/kernels"):
            if time.time() > deadline:
                raise RuntimeError(f"kernels still running after {timeout} s: {self.api('GET', '/api/kernels')}")
            time.sleep(0.3)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _write_lab_settings(config_dir: Path) -> None:
    for plugin, settings in LAB_SETTINGS.items():
        package, name = plugin.split(":")
        path = config_dir / "lab" / "user-settings" / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")


def _processes_of(work: Path) -> list[psutil.Process]:
    """Processes whose command line names the scratch folder (the server, its kernels)."""
    ours = {psutil.Process().pid, *(p.pid for p in psutil.Process().parents())}  # pytest itself
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        if proc.pid not in ours and any(str(work) in arg for arg in proc.info["cmdline"] or ()):
            found.append(proc)
    return found


def _stop_lab(lab: Lab, proc: subprocess.Popen) -> None:
    """Kernels first, through the API; then the server through /api/shutdown; signals only
    as the fallback; and at last no process of the scratch folder may be left."""
    try:
        lab.shut_down_kernels()
        lab.api("POST", "/api/shutdown")
    except (OSError, RuntimeError) as err:
        LOG.warning("clean shutdown of the scratch lab failed: %s", err)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        LOG.warning("the scratch lab did not exit after /api/shutdown: terminating it")
        stop(proc, grace=20, tree=False)  # what is left of its tree is found below, by folder
    left = _processes_of(lab.work)
    for stray in left:
        LOG.warning("killing a process left behind by the scratch lab: %s %s", stray.pid, stray.info["cmdline"])
        stray.kill()
    psutil.wait_procs(left, timeout=10)
    assert not left, f"processes outlived the scratch lab: {[p.info['cmdline'] for p in left]}"


def lab_env(work: Path) -> dict[str, str]:
    """The environment of a scratch lab: as `make lab` has it, the kit's .venv/bin first on
    PATH (nbgrader runs `alembic` from it); Jupyter's config, runtime and IPython folders
    inside the scratch folder."""
    env = nbgrader_env()
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        env[var] = str(work / sub)
    return env


@contextmanager
def serving(work: Path, command: list[str], env: dict[str, str], port: int, token: str):
    """Run a JupyterLab command on the scratch folder; the Lab once it answers, stopped
    (kernels, server, strays) afterwards. Its log is work/lab.log."""
    with open(work / "lab.log", "w") as log:
        proc = subprocess.Popen(command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        running = Lab(f"http://127.0.0.1:{port}", token, work)
        deadline = time.time() + 60
        while True:
            try:
                running.api("GET", "/api/kernelspecs", timeout=5)  # answers once kernel specs are readable
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    proc.kill()
                    raise RuntimeError("JupyterLab did not start:\n" + (work / "lab.log").read_text()) from None
                time.sleep(0.5)
        try:
            yield running
        finally:
            _stop_lab(running, proc)


@contextmanager
def start_script_lab(work: Path, served: Path, **settings: str):
    """The kit's own start script (scripts/lab.sh, what `make lab` runs) on loopback, its
    Jupyter and JupyterLab settings inside ``work``, serving ``served``; ``settings`` are the
    script's variables (EDITION, ROOT or WORKBOOK). The Lab once it answers."""
    _write_lab_settings(work / "config")
    port, token = free_port(), secrets.token_hex(16)
    env = lab_env(work)
    env.pop("ROOT", None)
    env.update(
        PORT=str(port), IP="127.0.0.1", LAB_SETTINGS_DIR=str(work / "config" / "lab" / "user-settings"), **settings
    )
    command = [
        "bash",
        str(ROOT / "scripts" / "lab.sh"),
        f"--ServerApp.token={token}",
        f"--LabApp.workspaces_dir={work / 'config' / 'lab' / 'workspaces'}",
    ]
    with serving(served, command, env, port, token) as running:
        yield running


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A JupyterLab serving a scratch copy of the kit's notebooks: (base_url, token, folder)."""
    work = tmp_path_factory.mktemp("lab")
    for folder in ("course", "solutions", "exercises"):
        shutil.copytree(ROOT / folder, work / folder)
    shutil.copy(ROOT / "nbgrader_config.py", work / "nbgrader_config.py")
    port, token = free_port(), secrets.token_hex(16)
    _write_lab_settings(work / "config")
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "lab",
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={work}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.user_settings_dir={work / 'config' / 'lab' / 'user-settings'}",
        f"--LabApp.workspaces_dir={work / 'config' / 'lab' / 'workspaces'}",
    ]
    with serving(work, command, lab_env(work), port, token) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is missing: run `make setup` (as root it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser, lab):
    """A fresh browser context; a screenshot when the test fails; the test's kernels shut
    down afterwards so they do not pile up on the machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    pg = context.new_page()
    yield pg
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        name = "".join(c if c.isalnum() or c in "-_" else "-" for c in request.node.name)
        LOG.warning("screenshot of the failure: %s", screenshot(pg, f"failed-{name}"))
    context.close()
    lab.shut_down_kernels()
