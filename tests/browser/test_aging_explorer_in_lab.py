"""The aging explorer in a real JupyterLab and Chromium: run 03.00 as a learner would, pick
a customer in the list, move the as-of slider one month back with the keyboard, and see
the displayed open balance follow (checked against plain pandas on the case CSVs)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from .labpage import (
    charts_shown,
    open_notebook,
    run_all,
    screenshot,
    shown_figure,
    wait_for_figure,
    widget,
)

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "datasets" / "electromech"
EXPLORER = ".receivables-explorer"

pytestmark = pytest.mark.browser


def open_balance_by_pandas(as_of: str, customer: str | None = None) -> float:
    inv = pd.read_csv(
        CASE / "invoices.csv", dtype={"invoice_id": str, "customer_id": str}, parse_dates=["invoice_date", "due_date"]
    )
    pay = pd.read_csv(CASE / "payments.csv", dtype={"invoice_id": str}, parse_dates=["paid_date"])
    day = pd.Timestamp(as_of)
    paid = pay[pay["paid_date"] <= day].groupby("invoice_id")["paid_amount"].sum()
    inv = inv[inv["invoice_date"] <= day]
    if customer:
        inv = inv[inv["customer_id"] == customer]
    return float((inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)).sum())


def shown_open_balance(page) -> str:
    return shown_figure(page, EXPLORER, "Open balance")


def wait_for_balance(page, expected: float) -> None:
    wait_for_figure(page, EXPLORER, "Open balance", f"{expected:,.0f} CNY")


def test_explorer_follows_the_customer_and_the_date(page, lab):
    open_notebook(page, lab, "course/03.00-The-Case.ipynb")
    run_all(page)
    page.locator(EXPLORER).first.wait_for(timeout=120_000)
    assert shown_open_balance(page) == f"{open_balance_by_pandas('2025-12-31'):,.0f} CNY" == "38,089,773 CNY"
    assert charts_shown(page) >= 1  # the aging and trend chart

    # A learner moves the as-of slider one month back with the arrow key ...
    widget(page, "As of").locator(".noUi-handle").first.click()
    page.keyboard.press("ArrowLeft")
    page.get_by_text("2025-11-30 · All customers").first.wait_for(timeout=30_000)
    month_before = open_balance_by_pandas("2025-11-30")
    assert round(month_before) != round(open_balance_by_pandas("2025-12-31"))  # the change must show
    wait_for_balance(page, month_before)
    assert shown_open_balance(page) == f"{month_before:,.0f} CNY"

    # ... then picks the drifting manufacturer in the customer list and sees its invoices.
    widget(page, "Customer", ".widget-dropdown").locator("select").select_option(
        label="C0040 · Shunchang Precision Machinery Co., Ltd."
    )
    page.get_by_text("2025-11-30 · Shunchang Precision Machinery Co., Ltd.").first.wait_for(timeout=30_000)
    own = open_balance_by_pandas("2025-11-30", "C0040")
    wait_for_balance(page, own)
    assert shown_open_balance(page) == f"{own:,.0f} CNY"
    page.locator(".receivables-explorer-invoices").first.wait_for(timeout=30_000)
    screenshot(page, "aging-explorer")
