"""The tiered-management explorer of 06.00 Key accounts in a real JupyterLab and Chromium:
run the notebook as a learner would, type a new A threshold into the slider, and see the
A tier's customer count and balance share change to the values plain pandas gives."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest

from .conftest import open_notebook

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "datasets" / "electromech"
SHOTS = ROOT / ".work" / "screenshots"
NEW_A_SHARE = 30

pytestmark = pytest.mark.browser


def expected_a_tier(a_share: float) -> tuple[int, float]:
    """(customers, % of the open balance) of the A tier on 2025-12-31, by plain pandas: the
    largest balances while the customers before them hold less than ``a_share`` %."""
    inv = pd.read_csv(CASE / "invoices.csv", dtype={"invoice_id": str, "customer_id": str})
    pay = pd.read_csv(CASE / "payments.csv", dtype={"invoice_id": str})
    open_ = inv["amount"] - inv["invoice_id"].map(pay.groupby("invoice_id")["paid_amount"].sum()).fillna(0.0)
    balance = open_.groupby(inv["customer_id"]).sum().sort_values(ascending=False)
    before = (balance.cumsum() - balance) / balance.sum() * 100
    a = balance[(before < a_share) & (balance > 0)]
    return len(a), a.sum() / balance.sum() * 100


def scroll_to(page, selector: str, timeout: float = 120) -> None:
    """JupyterLab renders only the cells near the viewport: scroll the notebook down (and round
    again from the top while the cells still run) until ``selector`` is rendered, then show it."""
    panel = page.locator(".jp-NotebookPanel:visible .jp-WindowedPanel-outer").first
    deadline = time.time() + timeout
    while page.locator(selector).count() == 0:
        if time.time() > deadline:
            raise AssertionError(f"{selector} never appeared in the notebook")
        at_end = panel.evaluate("e => { const end = e.scrollTop + e.clientHeight >= e.scrollHeight - 2;"
                                " e.scrollTop = end ? 0 : e.scrollTop + 400; return end; }")
        page.wait_for_timeout(1_000 if at_end else 300)
    page.locator(selector).first.scroll_into_view_if_needed()


def a_row(page) -> tuple[str, str]:
    """The A row's customer count and balance share, as the widget displays them."""
    row = page.locator(".receivables-tiers tr[data-tier='A']").first
    return (row.locator("td.tiers-customers").text_content().strip(),
            row.locator("td.tiers-share").text_content().strip())


def test_moving_the_a_threshold_retiers_the_customers(page, lab):
    count, share = expected_a_tier(50)  # the notebook's default a_share
    count_new, share_new = expected_a_tier(NEW_A_SHARE)
    assert (count_new, f"{share_new:.1f}") != (count, f"{share:.1f}")  # the change must show

    open_notebook(page, lab, "course/06.00-Key-Accounts.ipynb")
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    scroll_to(page, ".receivables-tiers")
    assert a_row(page) == (str(count), f"{share:.1f} %")

    # A learner types the new threshold into the A slider's readout.
    slider = page.locator(".widget-slider", has_text="A tier: first % of the balance").first
    slider.scroll_into_view_if_needed()
    slider.locator(".widget-readout").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(NEW_A_SHARE))
    page.keyboard.press("Enter")
    page.locator(".receivables-tiers tr[data-tier='A'] td.tiers-share",
                 has_text=f"{share_new:.1f} %").wait_for(state="attached", timeout=30_000)
    assert a_row(page) == (str(count_new), f"{share_new:.1f} %")
    # The Pareto chart is drawn in the widget's output.
    assert page.locator(".widget-output img").count() >= 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "key-accounts-tiers.png"), full_page=True)
