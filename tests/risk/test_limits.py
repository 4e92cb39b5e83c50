"""Per-customer credit limits and utilisation, a convention (course/references.md §4.4)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from receivables.risk import credit_limit_options, utilisation


def test_each_method_and_the_minimum():
    r = credit_limit_options(
        tangible_net_worth=2_000_000,
        working_capital=800_000,
        monthly_purchases=60_000,
        terms_days=30,
        grace_days=15,
        own_annual_sales=50_000_000,
    )
    assert r["net_worth"] == pytest.approx(200_000)
    assert r["working_capital"] == pytest.approx(80_000)
    assert r["purchases"] == pytest.approx(90_000)  # 60,000 x 45 / 30
    assert r["concentration"] == pytest.approx(5_000_000)
    assert r["recommended"] == pytest.approx(80_000)
    assert r["basis"] == "working_capital"


def test_missing_inputs_and_negative_worth():
    r = credit_limit_options(monthly_purchases=10_000, terms_days=60)
    assert r["net_worth"] is None and r["working_capital"] is None and r["concentration"] is None
    assert r["recommended"] == pytest.approx(20_000) and r["basis"] == "purchases"
    assert credit_limit_options(tangible_net_worth=-1_000)["recommended"] == 0.0
    assert credit_limit_options(monthly_purchases=1)["purchases"] is None  # terms missing
    none = credit_limit_options()
    assert none["recommended"] is None and none["basis"] is None


def _open_items():
    return pd.DataFrame(
        {
            "invoice_id": ["1", "2", "3", "4", "5"],
            "customer_id": ["A", "A", "B", "C", "C"],
            "open_amount": [60.0, 60.0, 50.0, 30.0, -10.0],
        }
    )


def test_utilisation_per_customer():
    out = utilisation(_open_items(), {"A": 100, "B": 100, "D": 50, "C": 0}).set_index("customer_id")
    assert out.loc["A", "balance"] == 120 and out.loc["A", "utilisation_pct"] == pytest.approx(120)
    assert bool(out.loc["A", "over_limit"]) and out.loc["A", "available"] == -20
    assert out.loc["B", "utilisation_pct"] == pytest.approx(50) and not out.loc["B", "over_limit"]
    assert out.loc["C", "balance"] == 20  # credit note netted
    assert np.isnan(out.loc["C", "utilisation_pct"]) and bool(out.loc["C", "over_limit"])  # zero limit
    assert out.loc["D", "balance"] == 0 and out.loc["D", "utilisation_pct"] == 0


def test_utilisation_without_a_limit_and_sorting():
    limits = pd.DataFrame({"customer_id": ["A", "B"], "limit": [200.0, 50.0]})
    out = utilisation(_open_items(), limits)
    assert list(out["customer_id"]) == ["B", "A", "C"]
    c = out.set_index("customer_id").loc["C"]
    assert np.isnan(c["limit"]) and not c["over_limit"]
    with pytest.raises(ValueError):
        utilisation(_open_items(), pd.Series([1.0, 2.0], index=["A", "A"]))


def test_utilisation_reads_the_customers_tables_credit_limit_column():
    customers = pd.DataFrame(
        {"customer_id": ["A", "B", "C", "D"], "name": ["a", "b", "c", "d"], "credit_limit": [100.0, 100.0, 0.0, 50.0]}
    )
    named = utilisation(_open_items(), customers)
    assert named.equals(utilisation(_open_items(), {"A": 100, "B": 100, "C": 0, "D": 50}))
