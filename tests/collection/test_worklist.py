"""Prioritised collection worklist, the kit's convention (course/references.md §8.3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from receivables.collection import worklist


def _open_items():
    return pd.DataFrame(
        {
            "invoice_id": ["1", "2", "3", "4", "5", "6"],
            "customer_id": ["A", "A", "B", "C", "C", "D"],
            "due_date": pd.to_datetime(
                ["2024-05-02", "2024-05-22", "2024-03-03", "2024-06-21", "2024-06-11", "2024-07-31"]
            ),
            "open_amount": [1_000.0, 2_000.0, 500.0, 4_000.0, -300.0, 800.0],
            "days_past_due": [30, 10, 90, -20, -10, -60],
        }
    )


def test_priority_hand_computed():
    out = worklist(_open_items())
    # A: 1,000 x 30 + 2,000 x 10 = 50,000; B: 500 x 90 = 45,000; C and D: nothing overdue
    assert list(out["customer_id"]) == ["A", "B"]
    assert list(out["rank"]) == [1, 2]
    a = out.iloc[0]
    assert a["priority"] == 50_000
    assert a["overdue_balance"] == 3_000 and a["overdue_invoices"] == 2
    assert a["oldest_days_past_due"] == 30
    assert a["avg_days_past_due"] == pytest.approx(50_000 / 3_000)
    assert np.isnan(a["expected_loss"])


def test_risk_weight_changes_the_order():
    out = worklist(_open_items(), risk_weight={"B": 2.0})
    assert list(out["customer_id"]) == ["B", "A"]
    assert out.iloc[0]["priority"] == 90_000 and out.iloc[1]["risk_weight"] == 1.0
    assert list(worklist(_open_items(), risk_weight=pd.Series({"A": 0.5}))["customer_id"]) == [
        "B",
        "A",
    ]


def test_include_current_and_credit_notes():
    out = worklist(_open_items(), include_current=True).set_index("customer_id")
    assert list(out.index) == ["A", "B", "C", "D"]
    assert out.loc["C", "open_balance"] == 3_700 and out.loc["C", "overdue_balance"] == 0
    assert out.loc["C", "priority"] == 0 and out.loc["C", "overdue_invoices"] == 0


def test_as_of_recomputes_days_past_due():
    # On 2024-08-31 every item is past due: C 4,000 x 71 (the credit note is not overdue money)
    out = worklist(_open_items(), as_of="2024-08-31").set_index("customer_id")
    assert out.loc["C", "priority"] == 4_000 * 71
    assert out.loc["D", "oldest_days_past_due"] == 31
    assert out.loc["A", "priority"] == 1_000 * 121 + 2_000 * 101
    assert list(out.index) == ["A", "C", "B", "D"]


def test_expected_loss_variant():
    out = worklist(
        _open_items(),
        probability_of_default={"A": 0.02, "B": 0.5},
        loss_given_default=0.6,
        by="expected_loss",
        include_current=True,
    )
    assert list(out["customer_id"][:2]) == ["B", "A"]
    b = out.set_index("customer_id").loc["B"]
    assert b["expected_loss"] == pytest.approx(500 * 0.5 * 0.6)
    assert np.isnan(out.set_index("customer_id").loc["C", "expected_loss"])  # no PD given
    a = worklist(_open_items(), probability_of_default=0.1).set_index("customer_id").loc["A"]
    assert a["expected_loss"] == pytest.approx(3_000 * 0.1 * 1.0)  # default LGD 1.0
    with pytest.raises(ValueError, match="probability of default"):
        worklist(_open_items(), by="expected_loss")
    with pytest.raises(ValueError):
        worklist(_open_items(), by="size")


def test_ties_are_broken_deterministically():
    items = pd.DataFrame(
        {
            "customer_id": ["Y", "X", "Z"],
            "open_amount": [100.0, 100.0, 50.0],
            "days_past_due": [10, 10, 20],
        }
    )
    # equal priority 1,000: larger overdue balance first, then customer id
    assert list(worklist(items)["customer_id"]) == ["X", "Y", "Z"]


@settings(max_examples=50, deadline=None)
@given(st.randoms(use_true_random=False))
def test_worklist_invariant_to_row_order(rnd):
    items = pd.DataFrame(
        {
            "customer_id": [f"C{i % 7}" for i in range(40)],
            "open_amount": [float((i * 37) % 500 - 50) for i in range(40)],
            "days_past_due": [(i * 53) % 200 - 60 for i in range(40)],
        }
    )
    order = list(range(len(items)))
    rnd.shuffle(order)
    weights = {"C1": 2.0, "C3": 0.5}
    expected = worklist(items, risk_weight=weights)
    shuffled = worklist(items.iloc[order], risk_weight=weights)
    pd.testing.assert_frame_equal(expected, shuffled)


def test_missing_columns():
    with pytest.raises(ValueError, match="days_past_due"):
        worklist(_open_items().drop(columns="days_past_due"))
