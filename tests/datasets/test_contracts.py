"""The case data as the kit's other modules read it (skipped while a module is absent)."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.datasets import LIMITATION_CLAIM, read_dataset

END = "2025-12-31"


@pytest.fixture(scope="module")
def tables(frozen_dir):
    return read_dataset(frozen_dir)


def _open_items(tables) -> pd.DataFrame:
    inv = tables["invoices"]
    paid = tables["payments"].groupby("invoice_id")["paid_amount"].sum()
    return inv.assign(open_amount=inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0))


def test_collection_promise_status_matches_status_reference(tables):
    promises = pytest.importorskip("receivables.collection.promises")
    got = promises.promise_status(tables["promises"], tables["payments"], tables["invoices"], as_of=END)
    expected = tables["promises"]["status_reference"].str.replace("_", " ")
    assert got["status"].astype(str).tolist() == expected.tolist()


def test_collection_limitation_flags_only_the_planted_claim(tables):
    limitation = pytest.importorskip("receivables.collection.limitation")
    got = limitation.limitation_status(_open_items(tables), tables["activities"], as_of=END)
    flagged = got[got["status"].astype(str) != "ok"]
    c = tables["customers"]
    assert flagged["customer_id"].tolist() == c.loc[c["story"] == LIMITATION_CLAIM, "customer_id"].tolist()
    assert 0 < int(flagged["days_left"].iloc[0]) <= 180
