"""What a learner does in JupyterLab, as shared steps for the browser tests: open a notebook,
run it all, find a widget by its label, set it as a user would, read what it displays.

The waits are on the state that matters, not on time:

- JupyterLab's toolbar execution indicator says ``data-status="idle"`` from the moment the
  notebook opens, before any kernel exists (its state starts as "idle"), so waiting on it
  proves nothing. A Run All pressed then finds no kernel: the frontend starts one itself,
  and when the kernel specs have not loaded yet (or the start is slow on a busy machine) it
  asks "Select Kernel" or runs nothing. `open_notebook` therefore starts the notebook's
  session through the server API and waits until the server reports the kernel idle; the
  page then joins that session (JupyterLab reuses a running session for the same path) and
  the status bar must show it idle before anything is run.
- The scratch lab is configured with the notebook setting ``windowingMode: "none"``
  (see conftest), so every cell and widget is in the DOM and no scrolling is needed to find
  one.
"""

from __future__ import annotations

import json
import re
import time
import warnings
from pathlib import Path

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".work" / "screenshots"
KERNEL_START_SECONDS = 120
RUN_ALL_SECONDS = 240
# How long a Run All may take before its first cell shows as queued or run.
RUN_ALL_START_SECONDS = 30
NUMBERED = re.compile(r"\[\d+\]")


class LabRetryWarning(UserWarning):
    """A bounded retry happened in a browser test (shown in pytest's warnings summary)."""


def screenshot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def start_kernel(lab, relpath: str) -> str:
    """Start (or find) the server session of the notebook at ``relpath``; return its kernel id.

    The server's own ``execution_state`` is no sign of readiness: it stays "starting" until
    a client talks to the kernel (the kernel's first "idle" is published before the server
    listens), so readiness is awaited in the page (`wait_for_kernel_idle`)."""
    session = lab.api(
        "POST",
        "/api/sessions",
        {
            "path": relpath,
            "name": Path(relpath).name,
            "type": "notebook",
            "kernel": {"name": "python3"},
        },
        timeout=KERNEL_START_SECONDS,
    )
    return session["kernel"]["id"]


def open_notebook(page: Page, lab, relpath: str, show_code: bool = True, workspace: str | None = None) -> None:
    """Open one notebook in a fresh JupyterLab workspace (no tabs restored from an earlier
    test) with its kernel started, connected and idle. The notebooks open with the code a
    learner need not read collapsed; `show_code` expands it (View → Expand All Code), as the
    tests find cells by their code. Pages open side by side each name a `workspace` of their
    own, as two browser tabs of one learner are."""
    start_kernel(lab, relpath)
    where = f"/lab/workspaces/{workspace}" if workspace else "/lab"
    page.goto(f"{lab.base}{where}/tree/{relpath}?reset&token={lab.token}")
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=60_000)
    wait_for_kernel_idle(page)
    # windowingMode "none" (conftest) puts every cell in the DOM: check it, so a JupyterLab
    # that ignores the setting fails here, not later on a widget "missing" far down.
    cells = len(json.loads((lab.work / relpath).read_text(encoding="utf-8"))["cells"])
    page.wait_for_function(
        "n => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').length === n",
        arg=cells,
        timeout=30_000,
    )
    dialogs = page.locator(".jp-Dialog")
    if dialogs.count():
        raise AssertionError(f"JupyterLab asks: {dialogs.first.text_content()}")
    if show_code:
        show_all_code(page)


def show_all_code(page: Page) -> None:
    """View → Expand All Code (in either language of JupyterLab's menus)."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^(View|视图|查看)$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^(Expand All Code|展开所有代码)$")).click()
    page.locator(".jp-Notebook .jp-InputPlaceholder").first.wait_for(state="detached", timeout=30_000)


def wait_for_kernel_idle(page: Page, timeout: float = KERNEL_START_SECONDS) -> None:
    """Wait until the page's own connection to the kernel reports idle: the status bar reads
    "Python 3 (ipykernel) | Idle" (unlike the toolbar indicator, it says "Initializing" or
    "Connecting" until the kernel is really there)."""
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\| (Idle|空闲)$")).first.wait_for(
        timeout=timeout * 1000
    )


def _run_state(page: Page) -> dict:
    """The prompts of the open notebook's code cells: how many, how many queued/running
    ("[*]"), how many numbered, and whether the last one is numbered."""
    return page.evaluate("""() => {
        const prompts = [...document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')]
            .map(p => p.textContent.trim());
        return {cells: prompts.length,
                running: prompts.filter(p => p === '[*]:' || p === '[*]').length,
                numbered: prompts.filter(p => /\\[\\d+\\]/.test(p)).length,
                last_done: prompts.length > 0 && /\\[\\d+\\]/.test(prompts[prompts.length - 1])};
    }""")


def _errors(page: Page) -> list[str]:
    return page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()


def click_run_all(page: Page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^(Run|运行)$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^(Run All Cells|运行所有单元格)$")).click()


def run_all(page: Page) -> None:
    """Run → Run All Cells, as a learner does, and wait until the last code cell has run
    and none is still queued. Fails with the notebook's error output when the run stops
    early (a cell raised)."""
    start_run_all(page)
    wait_run_all(page)


def start_run_all(page: Page) -> None:
    """Run → Run All Cells, and wait until a cell is queued or has run (not until the end)."""
    before = _run_state(page)
    assert before["cells"] > 0, "the notebook shows no code cell"
    assert before["numbered"] == 0, "run_all expects a notebook that has not run yet"
    for attempt in range(2):
        click_run_all(page)
        deadline = time.time() + RUN_ALL_START_SECONDS
        while (state := _run_state(page))["running"] == 0 and state["numbered"] == 0 and time.time() < deadline:
            page.wait_for_timeout(200)
        if state["running"] or state["numbered"]:
            break
        if attempt:
            raise AssertionError(f"Run All Cells started no cell twice; errors shown: {_errors(page)}")
        # Not seen since the kernel is awaited as above; kept bounded, and reported, in case
        # the menu click lands while JupyterLab is still laying out its shell.
        warnings.warn(
            LabRetryWarning(f"Run All started no cell within {RUN_ALL_START_SECONDS} s; pressed it again"), stacklevel=2
        )


def wait_run_all(page: Page) -> None:
    """Wait until the run `start_run_all` began has run the last code cell, with none queued."""
    deadline = time.time() + RUN_ALL_SECONDS
    while True:
        state = _run_state(page)
        if state["last_done"] and state["running"] == 0:
            return
        if state["running"] == 0 and state["numbered"]:
            # Nothing queued any more but the last cell did not run: a cell raised.
            page.wait_for_timeout(1_000)  # let a late prompt update land before judging
            state = _run_state(page)
            if state["running"] == 0 and not state["last_done"]:
                raise AssertionError(
                    f"Run All stopped after {state['numbered']} of {state['cells']} cells: {_errors(page)}"
                )
            continue
        if time.time() > deadline:
            raise AssertionError(
                f"Run All did not finish in {RUN_ALL_SECONDS} s ({state}); errors shown: {_errors(page)}"
            )
        page.wait_for_timeout(300)


def type_my_name(page: Page, name: str, timeout: float = 30_000) -> None:
    """Replace the quoted name in Start Here's ✏️ cell (`my_name = "…"`) with ``name``, as a
    learner types it, run the cell and wait until the greeting shows the name."""
    cell = page.locator(".jp-CodeCell", has_text="my_name").first
    line = cell.locator(".cm-line", has_text="my_name").first
    line.click()
    page.keyboard.press("End")
    for _ in range(len(re.search(r'"([^"]*)"', line.text_content())[1]) + 1):
        page.keyboard.press("Backspace")
    page.keyboard.type(f'{name}"')
    run_cell_containing(page, "my_name")
    cell.locator(".jp-OutputArea", has_text=name).first.wait_for(timeout=timeout)


def save_notebook(page: Page) -> None:
    """File → Save Notebook, as a learner does (either language of JupyterLab's menus)."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^(File|文件)$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^(Save Notebook|保存\s*(笔记本|Notebook))$")).click()


def run_cell_containing(page: Page, text: str) -> None:
    """Click into the code cell that contains ``text`` and press Shift+Enter, as a learner
    does; wait until its prompt shows an execution number."""
    cell = page.locator(".jp-CodeCell", has_text=text).first
    cell.locator(".jp-InputArea-editor").click()
    # The click must have put the cursor in this cell's editor before the key press.
    cell.locator(".jp-InputArea-editor .cm-editor.cm-focused").wait_for(timeout=30_000)
    page.keyboard.press("Shift+Enter")
    cell.locator(".jp-InputPrompt", has_text=NUMBERED).wait_for(timeout=60_000)


def widget(page: Page, label: str, kind: str = ".widget-slider") -> Locator:
    """The first ipywidget of ``kind`` (a CSS class: .widget-slider, .widget-text,
    .widget-dropdown ...) whose label contains ``label``, scrolled into view."""
    found = page.locator(kind, has_text=label).first
    found.wait_for(timeout=60_000)
    found.scroll_into_view_if_needed()
    return found


def type_value(page: Page, field: Locator, value: object) -> None:
    """Click a box, select what is there, type ``value`` and press Enter, as a user does."""
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(value))
    page.keyboard.press("Enter")


def set_slider(page: Page, label: str, value: object) -> None:
    """Type ``value`` into the readout of the slider labelled ``label``."""
    type_value(page, widget(page, label).locator(".widget-readout"), value)


def set_text(page: Page, label: str, value: object) -> None:
    """Type ``value`` into the text box labelled ``label``."""
    type_value(page, widget(page, label, ".widget-text").locator("input"), value)


def figure_row(page: Page, table: str, label: str) -> Locator:
    return page.locator(f"{table} tr", has_text=label).first


def shown_figure(page: Page, table: str, label: str) -> str:
    """The value a widget's summary table ``table`` (CSS selector) shows on the row ``label``
    (its second cell)."""
    return figure_row(page, table, label).locator("td").nth(1).text_content().strip()


def wait_for_figure(page: Page, table: str, label: str, text: str, timeout: float = 30) -> None:
    """Wait until the row ``label`` of ``table`` shows ``text``."""
    page.locator(f"{table} tr", has_text=label).filter(has_text=text).first.wait_for(
        state="attached", timeout=timeout * 1000
    )


def charts_shown(page: Page) -> int:
    """How many charts (images) the widgets' output areas show."""
    return page.locator(".widget-output img").count()


__all__ = [
    "LabRetryWarning",
    "PlaywrightTimeout",
    "SHOTS",
    "charts_shown",
    "click_run_all",
    "figure_row",
    "open_notebook",
    "run_all",
    "start_run_all",
    "wait_run_all",
    "run_cell_containing",
    "screenshot",
    "set_slider",
    "set_text",
    "shown_figure",
    "start_kernel",
    "type_value",
    "wait_for_figure",
    "wait_for_kernel_idle",
    "widget",
]
