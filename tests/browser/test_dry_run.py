"""Issue 12, "a dry run leaves the kit clean": the evening-before routine through `make lab`'s
own start script (scripts/lab.sh, workbook mode, Chinese edition): open every course
notebook in Chromium, Run All, save. The learner's workbook holds the runs; the kit's
tracked files are exactly as before and `receivables course check` still passes."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import start_script_lab
from .labpage import open_notebook, save_notebook, start_run_all, wait_run_all

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser
AT_ONCE = 2  # notebooks run at once, each in a window of its own (3 was no faster on 2 cores)
#: What the lab could write into: the kit's notebooks, catalogues, data and scripts.
CONTENT = ("course", "cases", "exercises", "solutions", "locales", "datasets", "scripts")


def kit_state() -> dict[str, str]:
    """Every file of the kit's notebook folders, by content; and git's view when there is one."""
    state = {}
    for folder in CONTENT:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file():
                state[str(path.relative_to(ROOT))] = hashlib.sha256(path.read_bytes()).hexdigest()
    git = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", *CONTENT],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if git.returncode == 0:
        state["git status"] = git.stdout
    return state


def ran(notebook: Path) -> bool:
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except json.JSONDecodeError:  # caught mid-write
        return False
    return any(c.get("outputs") for c in cells if c["cell_type"] == "code")


@pytest.fixture(scope="module")
def workbook_lab(tmp_path_factory):
    """`make lab`'s start script as it runs by default: ROOT unset, so it serves a workbook."""
    work = tmp_path_factory.mktemp("dry-run")
    workbook = work / "workbook"
    workbook.mkdir()
    with start_script_lab(work, workbook, EDITION="zh", WORKBOOK=str(workbook)) as running:
        yield running


def test_a_learners_lab_has_none_of_the_trainers_tools(workbook_lab):
    """`make lab` is the learner's lab: no formgrader, no create/validate assignment, and no
    nbgrader menu or assignment list (there is no exchange outside room mode)."""
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{workbook_lab.base}/formgrader?token={workbook_lab.token}", timeout=30)
    assert refused.value.code == 404
    with urllib.request.urlopen(f"{workbook_lab.base}/lab?token={workbook_lab.token}", timeout=30) as page:
        config = json.loads(
            re.search(
                r'id="jupyter-config-data" type="application/json">(.*?)</script>', page.read().decode("utf-8"), re.S
            )[1]
        )
    assert {
        "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:create-assignment",
        "@jupyter/nbgrader:validate-assignment",
        "@jupyter/nbgrader:menu",
    } <= set(config["disabledExtensions"])


def test_running_every_course_notebook_leaves_the_kit_as_it_was(browser, workbook_lab):
    before = kit_state()
    notebooks = sorted((ROOT / "course" / "zh").glob("*.ipynb"))
    assert len(notebooks) >= 17
    # Two windows, two notebooks running at once (one kernel per core), as a trainer may do
    # (not two tabs of one window: a tab in the background is throttled).
    contexts = [browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN") for _ in range(AT_ONCE)]
    pages = [context.new_page() for context in contexts]
    try:
        for first in range(0, len(notebooks), AT_ONCE):
            opened = list(zip(pages, notebooks[first : first + AT_ONCE], strict=False))
            for tab, (page, notebook) in enumerate(opened):
                # Code shown: Run All is awaited by its prompts.
                open_notebook(page, workbook_lab, f"course/zh/{notebook.name}", workspace=f"dry-run-{tab}")
                start_run_all(page)
            for page, notebook in opened:
                relpath = f"course/zh/{notebook.name}"
                wait_run_all(page)
                save_notebook(page)
                saved = workbook_lab.work / relpath
                deadline = time.time() + 30
                while not ran(saved) and time.time() < deadline:
                    time.sleep(0.5)
                assert ran(saved), f"{relpath}: the run was not saved in the workbook"
            workbook_lab.shut_down_kernels()
    finally:
        for context in contexts:
            context.close()
    assert kit_state() == before
    check = subprocess.run(
        [str(Path(sys.executable).parent / "receivables"), "course", "check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
