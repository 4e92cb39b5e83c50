"""The tiered-management explorer of 06.00 Key accounts in a real JupyterLab and Chromium:
run the notebook as a learner would, type a new A threshold into the slider, and see the
A tier's customer count and balance share change to the values plain pandas gives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from .labpage import charts_shown, open_notebook, run_all, screenshot, set_slider

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "datasets" / "electromech"
NEW_A_SHARE = 30
A_ROW = ".receivables-tiers tr[data-tier='A']"

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


def a_row(page) -> tuple[str, str]:
    """The A row's customer count and balance share, as the widget displays them."""
    row = page.locator(A_ROW).first
    return (
        row.locator("td.tiers-customers").text_content().strip(),
        row.locator("td.tiers-share").text_content().strip(),
    )


def test_moving_the_a_threshold_retiers_the_customers(page, lab):
    count, share = expected_a_tier(50)  # the notebook's default a_share
    count_new, share_new = expected_a_tier(NEW_A_SHARE)
    assert (count_new, f"{share_new:.1f}") != (count, f"{share:.1f}")  # the change must show

    open_notebook(page, lab, "course/06.00-Key-Accounts.ipynb")
    run_all(page)
    page.locator(A_ROW).first.wait_for(state="attached", timeout=120_000)
    assert a_row(page) == (str(count), f"{share:.1f} %")

    # A learner types the new threshold into the A slider's readout.
    set_slider(page, "A tier: first % of the balance", NEW_A_SHARE)
    page.locator(f"{A_ROW} td.tiers-share", has_text=f"{share_new:.1f} %").wait_for(state="attached", timeout=30_000)
    assert a_row(page) == (str(count_new), f"{share_new:.1f} %")
    # The Pareto chart is drawn in the widget's output.
    assert charts_shown(page) >= 1
    screenshot(page, "key-accounts-tiers")
