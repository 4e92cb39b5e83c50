"""A real JupyterLab server and a real Chromium (Debian's, installed by `make setup`).

The server runs on a scratch copy of the kit (course/, solutions/, exercises/, nbgrader's config) so running notebooks in the browser never
touches the repository's clean notebooks; Jupyter's own config and data folders point
into the scratch folder too.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from receivables.grading.nbgrader_run import nbgrader_env

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """(base_url, token) of a JupyterLab serving a scratch copy of the kit's notebooks."""
    work = tmp_path_factory.mktemp("lab")
    for folder in ("course", "solutions", "exercises"):
        shutil.copytree(ROOT / folder, work / folder)
    shutil.copy(ROOT / "nbgrader_config.py", work / "nbgrader_config.py")
    port, token = _free_port(), secrets.token_hex(16)
    # As `make lab` does: the kit's .venv/bin first on PATH (nbgrader runs `alembic` from it).
    env = nbgrader_env()
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        env[var] = str(work / sub)
    with open(work / "lab.log", "w") as log:
        proc = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--allow-root",
                "--ip=127.0.0.1", f"--port={port}", f"--ServerApp.token={token}",
                f"--ServerApp.root_dir={work}", "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            ],
            cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    proc.kill()
                    raise RuntimeError("JupyterLab did not start:\n" + (work / "lab.log").read_text()) from None
                time.sleep(0.5)
        yield base, token, work
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


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


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    pg = context.new_page()
    yield pg
    context.close()


def open_notebook(page, lab, relpath: str) -> None:
    """Open one notebook in a fresh JupyterLab workspace (no tabs restored from an earlier
    test), and wait until its kernel is idle."""
    base, token, _work = lab
    page.goto(f"{base}/lab/tree/{relpath}?reset&token={token}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
