"""Fixtures: the default case generated once per session, and the frozen folder."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.datasets import generate
from receivables.datasets.writer import case_dir

END = pd.Timestamp("2025-12-31")


@pytest.fixture(scope="session")
def case():
    """The default tables (seed 2024, 40 customers, 24 months to 2025-12-31)."""
    return generate()


@pytest.fixture(scope="session")
def frozen_dir(repo_root):
    path = repo_root / "datasets" / "electromech"
    assert path == case_dir()
    return path


@pytest.fixture(scope="session")
def open_items(case):
    """Invoices with paid and open amounts as of the end date."""
    inv = case["invoices"].copy()
    paid = case["payments"].groupby("invoice_id")["paid_amount"].sum()
    inv["paid"] = inv["invoice_id"].map(paid).fillna(0.0)
    inv["open"] = (inv["amount"] - inv["paid"]).round(2)
    return inv


@pytest.fixture(scope="session")
def story_ids(case) -> dict[str, str]:
    """Story code -> the one customer that carries it."""
    c = case["customers"]
    planted = c[c["story"] != ""]
    assert planted["story"].is_unique
    return dict(zip(planted["story"], planted["customer_id"], strict=True))
