"""The display tables of case part 6 (receivables.cases.risk_views), on small frames."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.cases.risk_views import (
    AGE_HEADERS,
    MATRIX_HEADERS,
    SIGNAL_HEADERS,
    Z_HEADERS,
    age_lines,
    flagged_view,
    matrix_lines,
    open_balances,
    with_names,
    z_view,
)
from receivables.i18n import t

NAMES = pd.Series({"C1": "Alpha", "C2": "Beta"})
ITEMS = pd.DataFrame({"customer_id": ["C1", "C1", "C2", 3], "open_amount": [100.0, 50.0, -20.0, 7.0]})


def test_open_balances_by_customer_id_as_text():
    assert open_balances(ITEMS).to_dict() == {"3": 7.0, "C1": 150.0, "C2": -20.0}


def test_names_fall_back_to_the_id():
    assert with_names(pd.DataFrame({"customer_id": ["C2", "C9"]}), NAMES)["name"].tolist() == ["Beta", "C9"]


def test_z_view_keeps_debtors_lowest_z_first():
    z = pd.DataFrame(
        {
            "customer_id": ["C1", "C2", "3", "C9"],
            "year": [2024, 2024, 2023, 2024],
            "z": [1.2, 0.5, 3.0, 0.1],
            "z_previous": [1.5, None, 2.9, 0.2],
            "zone": ["grey", "distress", "safe", None],
        }
    )
    view = z_view(z, NAMES, open_balances(ITEMS), "en")
    # C2 owes nothing (a credit), C9 nothing at all: left out. C1 (1.2) before 3 (3.0).
    assert view["customer_id"].tolist() == ["C1", "3"]
    assert view["name"].tolist() == ["Alpha", "3"]
    assert view["zone_text"].tolist() == ["Grey zone", "Safe"]
    assert view["year"].tolist() == ["2024", "2023"] and view["balance"].tolist() == [150.0, 7.0]
    assert set(Z_HEADERS) <= set(view.columns)
    assert z_view(z, NAMES, open_balances(ITEMS), "zh")["zone_text"].iloc[0] == t("risk.zone.grey", "zh")
    assert z_view(z.assign(zone=None), NAMES, open_balances(ITEMS), "en")["zone_text"].tolist() == ["—", "—"]
    assert len(z_view(z, NAMES, open_balances(ITEMS), "en", n=1)) == 1


def test_flagged_view_names_the_signals():
    signals = pd.DataFrame(
        {
            "customer_id": ["C1", "C2", "C9"],
            "flags": ["PAYING_LATER, BROKEN_PROMISES", "", "MANY_PROMISES"],
            "flagged": [True, False, True],
            "days_late_earlier": [3.0, 1.0, None],
            "days_late_recent": [21.6, 1.0, None],
        }
    )
    view = flagged_view(signals, NAMES, open_balances(ITEMS), "en")
    assert view["customer_id"].tolist() == ["C1", "C9"]
    assert view["signal_text"].tolist() == [
        "Paying later than before; Broken promises to pay",
        "Promises instead of payments",
    ]
    assert view["balance"].tolist() == [150.0, 0.0] and view["name"].tolist() == ["Alpha", "C9"]
    assert set(SIGNAL_HEADERS) <= set(view.columns)
    zh = flagged_view(signals, NAMES, open_balances(ITEMS), "zh")["signal_text"].iloc[1]
    assert zh == t("risk.signal.many_promises", "zh")


def test_provision_lines_in_percent_and_in_each_language():
    aging = pd.DataFrame(
        {
            "bucket": ["within 1 year", "over 5 years"],
            "balance": [900.0, 100.0],
            "rate": [0.05, 1.0],
            "allowance": [45.0, 100.0],
        }
    )
    en, zh = age_lines(aging, "en"), age_lines(aging, "zh")
    assert en["bucket"].tolist() == ["within 1 year", "over 5 years"] and zh["bucket"].tolist() == [
        "1年以内",
        "5年以上",
    ]
    assert en["rate"].tolist() == pytest.approx([5.0, 100.0]) and list(en.columns) == list(AGE_HEADERS)
    matrix = pd.DataFrame(
        {
            "bucket": ["current", "1-30", "over 360"],
            "balance": [500.0, 200.0, 50.0],
            "roll_rate": [0.1, 0.4, 1.0],
            "loss_rate": [0.004, 0.04, 1.0],
            "expected_loss": [2.0, 8.0, 50.0],
        }
    )
    lines = matrix_lines(matrix, "zh")
    assert lines["bucket"].tolist() == ["未到期", "1-30天", "360天以上"]
    assert lines["roll_rate"].tolist() == pytest.approx([10.0, 40.0, 100.0])
    assert lines["loss_rate"].tolist() == pytest.approx([0.4, 4.0, 100.0]) and list(lines.columns) == list(
        MATRIX_HEADERS
    )
    assert matrix["roll_rate"].tolist() == [0.1, 0.4, 1.0]  # the input is left alone
