"""Aging-method allowance, roll rates and the provision matrix, hand-computed."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from receivables.metrics import (
    CHINESE_AGE_BUCKETS,
    CHINESE_AGING_RATES,
    MONTHLY_BUCKETS,
    PreparedLedger,
    aging,
    allowance_aging_method,
    bucket_balances,
    month_ends,
    monthly_roll_rates,
    open_items,
    provision_matrix,
    roll_rates,
)

from .builders import invoices, payments

YEARS = {
    "within 1 year": 100_000.0,
    "1-2 years": 50_000.0,
    "2-3 years": 20_000.0,
    "3-4 years": 10_000.0,
    "4-5 years": 5_000.0,
    "over 5 years": 2_000.0,
}


# -- aging method ------------------------------------------------------------------------


def test_chinese_rates_are_the_reference_scheme():
    assert [CHINESE_AGING_RATES[label] for label in CHINESE_AGE_BUCKETS.labels] == [
        0.05,
        0.10,
        0.30,
        0.50,
        0.80,
        1.00,
    ]


def test_aging_method_with_chinese_rates():
    result = allowance_aging_method(YEARS, booked=20_000.0)
    # 5,000 + 5,000 + 6,000 + 5,000 + 4,000 + 2,000
    assert result.required == pytest.approx(27_000.0)
    assert result.booked == 20_000.0
    assert result.charge == pytest.approx(7_000.0)
    assert result.lines["allowance"].tolist() == pytest.approx([5_000.0, 5_000.0, 6_000.0, 5_000.0, 4_000.0, 2_000.0])
    assert list(result.lines.columns) == ["bucket", "balance", "rate", "allowance"]


def test_aging_method_release_when_too_much_is_booked():
    assert allowance_aging_method(YEARS, booked=30_000.0).charge == pytest.approx(-3_000.0)


def test_aging_method_from_an_aging_table_of_a_ledger():
    inv = invoices(
        [
            ("A", "c", "2024-01-01", "2024-01-31", 1_000.0),  # 181 days old
            ("B", "c", "2022-12-01", "2022-12-31", 400.0),  # 1-2 years
            ("C", "c", "2018-01-01", "2018-01-31", 100.0),  # over 5 years
        ]
    )
    table = aging(open_items(inv, None, "2024-06-30"), CHINESE_AGE_BUCKETS)
    result = allowance_aging_method(table)
    assert result.required == pytest.approx(1_000 * 0.05 + 400 * 0.10 + 100 * 1.0)
    assert json.loads(json.dumps(result.to_dict()))["required"] == pytest.approx(190.0)


def test_aging_method_with_own_rates_by_label_or_in_order():
    table = {"current": 1_000.0, "1-30": 500.0, "over 30": 100.0}
    by_label = allowance_aging_method(table, {"current": 0.01, "1-30": 0.1, "over 30": 0.5})
    in_order = allowance_aging_method(table, [0.01, 0.1, 0.5])
    assert by_label.required == pytest.approx(10 + 50 + 50)
    assert in_order.required == by_label.required


def test_aging_method_split_first_year_uses_five_percent_for_both_halves():
    table = {"0-6 months": 1_000.0, "7-12 months": 1_000.0, **{k: 0.0 for k in list(YEARS)[1:]}}
    assert allowance_aging_method(table).required == pytest.approx(100.0)


def test_aging_method_refuses_unknown_buckets_and_bad_rates():
    with pytest.raises(ValueError, match="no rate"):
        allowance_aging_method({"current": 100.0})
    with pytest.raises(ValueError, match="rates"):
        allowance_aging_method({"a": 1.0, "b": 2.0}, [0.1])
    with pytest.raises(ValueError, match="negative"):
        allowance_aging_method({"a": 1.0}, [-0.1])


def test_net_credit_bucket_carries_no_allowance():
    result = allowance_aging_method({"a": -500.0, "b": 1_000.0}, [0.5, 0.1])
    assert result.lines["allowance"].tolist() == [0.0, 100.0]
    assert result.required == pytest.approx(100.0)


# -- provision matrix --------------------------------------------------------------------

BALANCES = {"current": 1_000.0, "1-30": 500.0, "31-60": 200.0, "over 60": 100.0}


def test_provision_matrix_hand_computed():
    result = provision_matrix(BALANCES, [0.2, 0.5, 0.6])
    # L = 0.2*0.5*0.6*1, 0.5*0.6*1, 0.6*1, 1
    assert result.lines["loss_rate"].tolist() == pytest.approx([0.06, 0.30, 0.60, 1.0])
    assert result.lines["roll_rate"].tolist() == pytest.approx([0.2, 0.5, 0.6, 1.0])
    assert result.expected_loss == pytest.approx(60 + 150 + 120 + 100)
    assert json.loads(json.dumps(result.to_dict()))["expected_loss"] == pytest.approx(430)


def test_provision_matrix_write_off_rate_and_outlook():
    partial = provision_matrix(BALANCES, [0.2, 0.5, 0.6], write_off_rate=0.5)
    assert partial.lines["loss_rate"].tolist() == pytest.approx([0.03, 0.15, 0.30, 0.5])
    assert partial.expected_loss == pytest.approx(30 + 75 + 60 + 50)
    worse = provision_matrix(BALANCES, [0.2, 0.5, 0.6], outlook=1.1)
    # 6.6 % / 33 % / 66 %, and the last bucket's 110 % is capped at 100 %.
    assert worse.lines["loss_rate"].tolist() == pytest.approx([0.066, 0.33, 0.66, 1.0])
    assert worse.expected_loss == pytest.approx(66 + 165 + 132 + 100)
    assert worse.outlook == 1.1
    capped = provision_matrix(BALANCES, [0.2, 0.5, 0.6], outlook=2.0)
    assert capped.lines["loss_rate"].tolist() == pytest.approx([0.12, 0.6, 1.0, 1.0])
    assert capped.expected_loss == pytest.approx(120 + 300 + 200 + 100)


def test_provision_matrix_rates_by_label_and_refusals():
    by_label = provision_matrix(BALANCES, {"current": 0.2, "1-30": 0.5, "31-60": 0.6})
    assert by_label.expected_loss == pytest.approx(430)
    with pytest.raises(ValueError, match="write_off_rate"):
        provision_matrix(BALANCES, {"current": 0.2, "1-30": 0.5, "31-60": 0.6, "over 60": 1})
    with pytest.raises(ValueError, match="NaN"):
        provision_matrix(BALANCES, [0.2, float("nan"), 0.6])
    with pytest.raises(ValueError):
        provision_matrix(BALANCES, [0.2, 0.5])


# -- roll rates from a ledger ------------------------------------------------------------

EDGES = [0, 30, 60]  # current, 1-30, 31-60, over 60
ENDS = ["2024-01-31", "2024-02-29", "2024-03-31"]


def roll_ledger():
    """Bucket balances, hand-computed:

    2024-01-31: current 1,000 (A, due that day), 1-30 500 (B, 11 dpd)
    2024-02-29: current 2,000 (C), 1-30 600 (A, 29 dpd), 31-60 500 (B, 40 dpd)
    2024-03-31: 1-30 1,000 (C, 21 dpd), 31-60 300 (A, 60 dpd), over 60 400 (B, 71 dpd)
    """
    inv = invoices(
        [
            ("A", "c1", "2024-01-10", "2024-01-31", 1_000.0),
            ("B", "c2", "2024-01-05", "2024-01-20", 500.0),
            ("C", "c3", "2024-02-10", "2024-03-10", 2_000.0),
        ]
    )
    pay = payments(
        [
            ("A", "2024-02-15", 400.0),
            ("A", "2024-03-15", 300.0),
            ("B", "2024-03-05", 100.0),
            ("C", "2024-03-20", 1_000.0),
        ]
    )
    return inv, pay


def test_bucket_balances_hand_computed():
    inv, pay = roll_ledger()
    table = bucket_balances(PreparedLedger(inv, pay), ENDS, EDGES)
    assert list(table.columns) == ["current", "1-30", "31-60", "over 60"]
    assert table.to_numpy().tolist() == [
        [1_000.0, 500.0, 0.0, 0.0],
        [2_000.0, 600.0, 500.0, 0.0],
        [0.0, 1_000.0, 300.0, 400.0],
    ]


def test_monthly_roll_rates_hand_computed():
    inv, pay = roll_ledger()
    monthly = monthly_roll_rates(inv, pay, ENDS, EDGES)
    assert list(monthly.columns) == ["current", "1-30", "31-60"]
    assert monthly.iloc[0, :2].tolist() == pytest.approx([0.6, 1.0])
    assert np.isnan(monthly.iloc[0, 2])  # nothing was 31-60 at the end of January
    assert monthly.iloc[1].tolist() == pytest.approx([0.5, 0.5, 0.8])


def test_roll_rates_balance_weighted_by_default():
    inv, pay = roll_ledger()
    rates = roll_rates(inv, pay, ENDS, EDGES)
    assert list(rates.columns) == ["bucket", "rolls_to", "from_balance", "to_balance", "rate"]
    assert rates["bucket"].tolist() == ["current", "1-30", "31-60"]
    assert rates["rolls_to"].tolist() == ["1-30", "31-60", "over 60"]
    assert rates["from_balance"].tolist() == [3_000.0, 1_100.0, 500.0]
    assert rates["to_balance"].tolist() == [1_600.0, 800.0, 400.0]
    assert rates["rate"].tolist() == pytest.approx([1_600 / 3_000, 800 / 1_100, 0.8])


def test_roll_rates_simple_mean():
    inv, pay = roll_ledger()
    rates = roll_rates(inv, pay, ENDS, EDGES, method="mean")
    assert rates["rate"].tolist() == pytest.approx([0.55, 0.75, 0.8])


def test_roll_rates_feed_the_provision_matrix():
    inv, pay = roll_ledger()
    rates = roll_rates(inv, pay, ENDS, EDGES)
    march = PreparedLedger(inv, pay).aging("2024-03-31", EDGES)
    result = provision_matrix(march, rates)
    r = [1_600 / 3_000, 800 / 1_100, 0.8, 1.0]
    loss = [r[0] * r[1] * r[2], r[1] * r[2], r[2], 1.0]
    assert result.lines["loss_rate"].tolist() == pytest.approx(loss)
    assert result.expected_loss == pytest.approx(1_000 * loss[1] + 300 * loss[2] + 400)


def test_roll_rates_default_to_monthly_buckets_and_accept_month_ends():
    inv, pay = roll_ledger()
    rates = roll_rates(PreparedLedger(inv, pay), None, month_ends("2024-03-31", 3))
    assert rates["bucket"].tolist() == list(MONTHLY_BUCKETS.labels[:-1])
    assert rates["rate"].iloc[0] == pytest.approx(1_600 / 3_000)


def test_roll_rates_refusals():
    inv, pay = roll_ledger()
    with pytest.raises(ValueError, match="two month ends"):
        roll_rates(inv, pay, ["2024-01-31"], EDGES)
    with pytest.raises(ValueError, match="method"):
        roll_rates(inv, pay, ENDS, EDGES, method="median")


def test_roll_rates_month_order_does_not_matter():
    inv, pay = roll_ledger()
    pd.testing.assert_frame_equal(roll_rates(inv, pay, ENDS[::-1], EDGES), roll_rates(inv, pay, ENDS, EDGES))


def test_roll_into_the_last_bucket_counts_only_what_crossed_into_it():
    """D was already over 60 at the end of January and stays there: it did not roll.

    Into "over 60" at 2024-03-31 rolled B (400, 71 dpd) only; D (300, 151 dpd) was there
    all along. Counting D would give (400 + 300) / 500 = 140 %.
    """
    inv, pay = roll_ledger()
    inv = pd.concat([inv, invoices([("D", "c4", "2023-10-01", "2023-11-01", 300.0)])], ignore_index=True)
    rates = roll_rates(inv, pay, ENDS, EDGES)
    assert rates["to_balance"].tolist() == [1_600.0, 800.0, 400.0]
    assert rates["rate"].tolist() == pytest.approx([1_600 / 3_000, 800 / 1_100, 0.8])
    monthly = monthly_roll_rates(inv, pay, ENDS, EDGES)
    assert monthly.iloc[1].tolist() == pytest.approx([0.5, 0.5, 0.8])
    # the balance itself is still there: the table of balances is unchanged by this
    table = bucket_balances(PreparedLedger(inv, pay), ENDS, EDGES)
    assert table["over 60"].tolist() == [300.0, 300.0, 700.0]


def test_last_bucket_edge_is_the_month_length():
    """An item crosses the last edge in the month when its days past due at the month end
    are at most the edge plus the days in that month (29 in February 2024)."""
    inv = invoices(
        [
            ("E", "c1", "2023-12-01", "2024-01-01", 100.0),  # 30 dpd at 1/31 (1-30), 59 at 2/29 (31-60)
            ("F", "c2", "2023-11-01", "2023-12-02", 200.0),  # 60 dpd at 1/31 (31-60), 89 at 2/29: rolled over 60
            ("G", "c3", "2023-11-01", "2023-12-01", 50.0),  # 61 dpd at 1/31: already over 60, 90 at 2/29
        ]
    )
    rates = monthly_roll_rates(inv, payments([]), ENDS[:2], EDGES)
    assert rates.iloc[0].tolist() == pytest.approx([np.nan, 1.0, 1.0], nan_ok=True)  # not 250 / 200
