"""The management cost of chasing: count x minutes / 60 x hourly cost."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.collection.effort import DEFAULT_MINUTES, collection_effort

LOG = pd.DataFrame({"kind": ["call", "call", "call", "visit", "email", "fax"]})


def test_hand_computed():
    table = collection_effort(LOG, {"call": 10, "visit": 240, "email": 6}, hourly_cost=90).set_index("kind")
    assert table.loc["call", "count"] == 3
    assert table.loc["call", "hours"] == pytest.approx(0.5)
    assert table.loc["visit", "cost"] == pytest.approx(4 * 90)
    assert table.loc["email", "hours"] == pytest.approx(0.1)
    # a kind without minutes counts but costs nothing
    assert table.loc["fax", "count"] == 1 and table.loc["fax", "cost"] == 0
    assert table["cost"].sum() == pytest.approx((30 + 240 + 6) / 60 * 90)


def test_defaults_and_labels():
    table = collection_effort(LOG, lang="zh")
    assert table.loc[table["kind"] == "visit", "minutes"].item() == DEFAULT_MINUTES["visit"]
    assert table.loc[table["kind"] == "call", "activity"].item() == "电话"
    assert table.loc[table["kind"] == "fax", "activity"].item() == "fax"
    with pytest.raises(ValueError):
        collection_effort(LOG, hourly_cost=-1)
