"""Protecting the claim: written confirmations, claims near their limitation date, the
effect of a demand, and what payments leave in our hands; checked by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from receivables.collection.protection import (
    claims_at_risk,
    confirmation_coverage,
    demand_what_if,
    limitation_overview,
    measures_table,
    payment_security,
)

AS_OF = "2025-12-31"


def _items():
    return pd.DataFrame(
        {
            "invoice_id": ["A1", "A2", "A3", "B1", "B2", "CN"],
            "customer_id": ["A", "A", "A", "B", "B", "B"],
            "invoice_date": pd.to_datetime(
                ["2025-03-01", "2025-06-01", "2025-11-01", "2022-11-01", "2025-01-10", "2025-05-01"]
            ),
            "due_date": pd.to_datetime(
                ["2025-03-31", "2025-07-01", "2025-12-01", "2023-03-01", "2025-02-10", "2025-05-01"]
            ),
            "open_amount": [100.0, 200.0, 400.0, 1000.0, 50.0, -30.0],
        }
    )


def _acts():
    return pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "B", "B"],
            "invoice_id": [None, None, "B2", None, "B1"],
            "date": pd.to_datetime(["2024-12-01", "2025-07-15", "2025-02-20", "2025-03-01", "2023-03-10"]),
            "kind": ["acknowledgement", "acknowledgement", "acknowledgement", "call", "call"],
        }
    )


def test_confirmation_coverage_by_hand():
    cov = confirmation_coverage(_items(), _acts(), AS_OF, within_days=365).set_index("customer_id")
    # A: the statement stamped 2025-07-15 covers A1 and A2 (dated before it), not A3 -> 300 of 700.
    assert cov.at["A", "open_balance"] == 700 and cov.at["A", "confirmed"] == 300
    assert cov.at["A", "confirmed_share"] == pytest.approx(300 / 700 * 100)
    assert cov.at["A", "last_acknowledgement"] == pd.Timestamp("2025-07-15")
    # B: B2 confirmed by its own acknowledgement; B1 only called; the credit note left out.
    assert (cov.at["B", "open_balance"], cov.at["B", "confirmed"], cov.at["B", "unconfirmed"]) == (1050, 50, 1000)
    # Largest unconfirmed first.
    assert list(cov.index) == ["B", "A"]
    # With a 150-day window, only acknowledgements from 2025-08-03 on count: nothing is confirmed.
    narrow = confirmation_coverage(_items(), _acts(), AS_OF, within_days=150)
    assert narrow["confirmed"].sum() == 0
    # Without a log nothing is confirmed, and nobody has acknowledged anything.
    bare = confirmation_coverage(_items(), None, AS_OF)
    assert bare["confirmed"].sum() == 0 and bare["last_acknowledgement"].isna().all()


def test_claims_at_risk_and_overview():
    risky = claims_at_risk(_items(), _acts(), AS_OF, warn_days=180, lang="zh")
    # B1 was due 2023-03-01; a call does not interrupt: the claim runs out on 2026-03-01.
    assert list(risky["invoice_id"]) == ["B1"]
    assert risky.at[0, "expires_on"] == "2026-03-01"
    assert risky.at[0, "days_left"] == (date(2026, 3, 1) - date(2025, 12, 31)).days == 60
    assert risky.at[0, "status"] == "即将届满" and risky.at[0, "last_event"] == "到期日"
    assert claims_at_risk(_items(), _acts(), AS_OF, warn_days=59).empty
    over = limitation_overview(_items(), _acts(), AS_OF)
    # Five invoices owed. A's statement stamped 2025-07-15 restarts A1 and A2 (due before it; the
    # one of 2024-12-01 came before their due dates), B2's own acknowledgement restarts B2;
    # A3 and B1 run from their due dates; all five are overdue on 2025-12-31.
    assert over["invoices"] == over["overdue"] == 5 and over["restarted"] == 3 and over["from_due_date"] == 2
    assert over["from_due_date_amount"] == 1400
    # On 2025-11-15 A3 (due 2025-12-01) is not overdue yet: its clock is not counted as neglected.
    early = limitation_overview(_items(), _acts(), "2025-11-15")
    assert early["overdue"] == 4 and early["from_due_date"] == 1
    assert over["by_status"] == {"ok": 4, "expiring soon": 1, "expired": 0}
    assert over["amount_by_status"]["expiring soon"] == 1000


def test_demand_restarts_only_while_the_period_runs():
    on_time = demand_what_if(_items(), _acts(), "B1", "2026-02-15")
    assert on_time["expires_before"] == pd.Timestamp("2026-03-01")
    assert on_time["expires_on"] == pd.Timestamp("2029-02-15") and on_time["status"] == "ok"
    late = demand_what_if(_items(), _acts(), "B1", "2026-03-10")
    assert late["expires_on"] == pd.Timestamp("2026-03-01") and late["status"] == "expired"
    assert late["days_left"] == -9
    with pytest.raises(ValueError, match="no open invoice 'ZZ'"):
        demand_what_if(_items(), _acts(), "ZZ", "2026-01-01")


def test_payment_security_by_method():
    pays = pd.DataFrame(
        {
            "paid_date": pd.to_datetime(["2024-12-31", "2025-01-05", "2025-02-01", "2025-03-01", "2025-04-01"]),
            "paid_amount": [999.0, 600.0, 300.0, 100.0, 200.0],
            "method": ["cash", "bank_transfer", "bank_acceptance_bill", "commercial_acceptance_bill", "bank_transfer"],
        }
    )
    table = payment_security(pays, since="2025-01-01", until=AS_OF).set_index("code")
    assert list(table.index) == ["bank_transfer", "bank_acceptance_bill", "commercial_acceptance_bill"]
    assert table.at["bank_transfer", "amount"] == 800 and table.at["bank_transfer", "payments"] == 2
    assert table.at["bank_acceptance_bill", "share"] == pytest.approx(25.0)
    assert table.at["bank_acceptance_bill", "who_pays"] == "a bank's promise to pay at maturity"
    zh = payment_security(pays, lang="zh").set_index("code")
    assert zh.at["commercial_acceptance_bill", "method"] == "商业承兑汇票"
    assert zh.at["cash", "who_pays"] == "资金已到账"


def test_measures_in_both_languages_and_bad_input():
    en, zh = measures_table("en"), measures_table("zh")
    assert len(en) == len(zh) >= 8
    assert "Retention of title (所有权保留)" in set(en["measure"]) and "所有权保留" in set(zh["measure"])
    assert any("第641条" in p for p in zh["protects"])
    with pytest.raises(ValueError, match="within_days"):
        confirmation_coverage(_items(), _acts(), AS_OF, within_days=-1)
    with pytest.raises(ValueError, match="lang"):
        measures_table("fr")
