"""Follow-up tables: the facts of one claim, counts per ladder step, the limitation watch list."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.collection.followup import claim_facts, ladder_counts, limitation_watchlist
from receivables.collection.limitation import limitation_status

ITEMS = pd.DataFrame(
    {
        "invoice_id": ["I1", "I2", "I3", "I4"],
        "customer_id": ["C1", "C1", "C2", "C2"],
        "due_date": pd.to_datetime(["2023-02-22", "2025-12-01", "2025-11-01", "2026-01-10"]),
        "open_amount": [48_590.0, 1_000.0, 2_000.0, 500.0],
    }
)
AS_OF = pd.Timestamp("2025-12-31")
ITEMS["days_past_due"] = (AS_OF - ITEMS["due_date"]).dt.days
CUSTOMERS = pd.DataFrame({"customer_id": ["C1", "C2"], "name_en": ["Jinqiao", "Other"], "name_zh": ["金桥", "其他"]})
ACTS = pd.DataFrame(
    {
        "customer_id": ["C1", "C1", "C1", "C2"],
        "invoice_id": ["I1", "I1", None, "I3"],
        "date": pd.to_datetime(["2023-02-20", "2023-03-13", "2024-01-05", "2025-12-05"]),
        "kind": ["email", "call", "Demand", "demand"],
    }
)


def test_claim_facts_count_activities_since_the_due_date():
    f = claim_facts(ITEMS, CUSTOMERS, ACTS, "I1")
    assert (f["customer_id"], f["name_zh"], f["open_amount"], f["due_date"]) == ("C1", "金桥", 48_590.0, "2023-02-22")
    assert f["days_past_due"] == (AS_OF - pd.Timestamp("2023-02-22")).days
    # the e-mail of 20 Feb is before the due date; the call and the customer-wide demand count
    assert (f["activities_since_due"], f["interrupting_since_due"]) == (2, 1)
    assert claim_facts(ITEMS, CUSTOMERS, None, "I3")["activities_since_due"] == 0
    with pytest.raises(ValueError, match="not an open item"):
        claim_facts(ITEMS, CUSTOMERS, ACTS, "I9")


def test_ladder_counts_every_step_with_zeros():
    table = ladder_counts(ITEMS, AS_OF, lang="zh")
    by_code = table.set_index("code")
    # I1: 1,043 days past due -> agency/legal (+90); I3: 60 -> credit hold; I2: 30 -> statement;
    # I4: due in 10 days -> before the first step (-5)
    assert by_code.loc["agency_legal", "invoices"] == 1 and by_code.loc["agency_legal", "amount"] == 48_590.0
    assert by_code.loc["credit_hold", "amount"] == 2_000.0
    assert by_code.loc["statement", "invoices"] == 1
    assert table["invoices"].sum() == 3 and len(table) == 8
    assert by_code.loc["call", "step"] == "电话催收"


def test_watchlist_lists_the_soonest_expiry_first():
    status = limitation_status(ITEMS, ACTS, AS_OF)
    watch = limitation_watchlist(status, CUSTOMERS, lang="zh", top=2)
    # I1's clock restarted by the demand of 2024-01-05: it expires 2027-01-05
    assert list(watch["invoice_id"]) == ["I1", "I2"]
    assert watch.loc[0, "expires_on"] == "2027-01-05" and watch.loc[0, "customer"] == "金桥"
    assert watch.loc[0, "status_label"] == "正常"
    assert list(watch["last_event_label"]) == ["我方书面催告", "到期日"]
