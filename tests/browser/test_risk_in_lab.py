"""The Z″ calculator of 05.00 in a real JupyterLab and Chromium: run the notebook as a learner
would, type a new EBIT into its box, and see Z″ and the zone follow, against a
plain-pandas computation from the case's financials.csv."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import open_notebook

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".work" / "screenshots"
NEW_EBIT = 60_000_000

pytestmark = pytest.mark.browser


def _z(row: pd.Series, ebit: float) -> float:
    ta = row["total_assets"]
    return (6.56 * (row["current_assets"] - row["current_liabilities"]) / ta + 3.26 * row["retained_earnings"] / ta
            + 6.72 * ebit / ta + 1.05 * row["book_equity"] / row["total_liabilities"])


def run_all(page) -> None:
    """Run → Run All Cells, as a learner would. On a busy machine JupyterLab now and then drops
    the first request while the kernel connection settles: ask again if no cell has started."""
    started = page.locator(".jp-InputPrompt", has_text=re.compile(r"\[(\*|\d+)\]"))
    for _attempt in range(3):
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        try:
            started.first.wait_for(state="attached", timeout=20_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError("Run All Cells started no cell")


def scroll_to(page, selector: str, timeout: float = 120) -> None:
    """JupyterLab renders only the cells near the viewport: scroll the notebook down (and round
    again from the top while the cells still run) until ``selector`` is rendered, then show it."""
    panel = page.locator(".jp-NotebookPanel:visible .jp-WindowedPanel-outer").first
    deadline = time.time() + timeout
    while page.locator(selector).count() == 0:
        if time.time() > deadline:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "risk-widget-missing.png"))
            errors = page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()
            raise AssertionError(f"{selector} never appeared in the notebook; error output: {errors}")
        at_end = panel.evaluate("e => { const end = e.scrollTop + e.clientHeight >= e.scrollHeight - 2;"
                                " e.scrollTop = end ? 0 : e.scrollTop + 400; return end; }")
        page.wait_for_timeout(1_000 if at_end else 300)
    page.locator(selector).first.scroll_into_view_if_needed()


def _cell(page, label: str) -> str:
    row = page.locator(".receivables-altman tr", has_text=label).first
    return row.locator("td").nth(1).text_content().strip()


def test_z_calculator_follows_a_new_ebit(page, lab):
    fin = pd.read_csv(ROOT / "datasets" / "electromech" / "financials.csv", dtype={"customer_id": str})
    row = fin[(fin["customer_id"] == "C0040") & (fin["year"] == 2025)].iloc[0]
    before, after = _z(row, row["ebit"]), _z(row, NEW_EBIT)
    assert before < 1.10 and after > 2.60  # distress -> safe, so the zone must change

    open_notebook(page, lab, "course/05.00-Grading-Customer-Risk.ipynb")
    run_all(page)
    scroll_to(page, ".receivables-altman")
    assert _cell(page, "Altman Z″") == f"{before:.2f}"
    assert _cell(page, "Zone") == "Distress"

    # A learner types the new EBIT into its box and presses Enter.
    ebit = page.locator(".widget-text", has_text="EBIT").first.locator("input")
    ebit.scroll_into_view_if_needed()
    ebit.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(NEW_EBIT))
    page.keyboard.press("Enter")
    page.locator(".receivables-altman tr", has_text="Zone").get_by_text("Safe").wait_for(timeout=30_000)
    assert _cell(page, "Altman Z″") == f"{after:.2f}"
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=30_000)  # the chart redrawn
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "altman-widget.png"), full_page=True)
