"""The Z″ calculator of 05.00 in a real JupyterLab and Chromium: run the notebook as a learner
would, type a new EBIT into its box, and see Z″ and the zone follow, against a
plain-pandas computation from the case's financials.csv."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from .labpage import (
    open_notebook,
    run_all,
    screenshot,
    set_text,
    shown_figure,
    wait_for_kernel_idle,
)

ROOT = Path(__file__).resolve().parents[2]
NEW_EBIT = 60_000_000
ALTMAN = ".receivables-altman"

pytestmark = pytest.mark.browser


def _z(row: pd.Series, ebit: float) -> float:
    ta = row["total_assets"]
    return (
        6.56 * (row["current_assets"] - row["current_liabilities"]) / ta
        + 3.26 * row["retained_earnings"] / ta
        + 6.72 * ebit / ta
        + 1.05 * row["book_equity"] / row["total_liabilities"]
    )


def test_z_calculator_follows_a_new_ebit(page, lab):
    fin = pd.read_csv(ROOT / "datasets" / "electromech" / "financials.csv", dtype={"customer_id": str})
    row = fin[(fin["customer_id"] == "C0040") & (fin["year"] == 2025)].iloc[0]
    before, after = _z(row, row["ebit"]), _z(row, NEW_EBIT)
    assert before < 1.10 and after > 2.60  # distress -> safe, so the zone must change

    open_notebook(page, lab, "course/05.00-Grading-Customer-Risk.ipynb")
    run_all(page)
    page.locator(ALTMAN).first.wait_for(timeout=120_000)
    assert shown_figure(page, ALTMAN, "Altman Z″") == f"{before:.2f}"
    assert shown_figure(page, ALTMAN, "Zone") == "Distress"

    # A learner types the new EBIT into its box and presses Enter.
    set_text(page, "EBIT", NEW_EBIT)
    page.locator(f"{ALTMAN} tr", has_text="Zone").get_by_text("Safe").wait_for(timeout=30_000)
    assert shown_figure(page, ALTMAN, "Altman Z″") == f"{after:.2f}"
    wait_for_kernel_idle(page)  # the chart redrawn
    screenshot(page, "altman-widget")
