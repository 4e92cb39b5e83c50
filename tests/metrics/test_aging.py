"""Aging buckets: pinned edges, labels, every bucket present, per customer."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.metrics import (
    CHINESE_AGE_BUCKETS,
    CHINESE_AGE_BUCKETS_SPLIT,
    DEFAULT_BUCKETS,
    YEAR_DAYS,
    Buckets,
    PreparedLedger,
    aging,
    aging_by_customer,
    derive_labels,
    make_buckets,
    open_items,
    summary,
)

from .builders import day, invoices

AS_OF = "2024-06-30"

DEFAULT_LABELS = ["current", "1-30", "31-60", "61-90", "91-180", "181-365", "over 365"]

# Days past due -> bucket, at and either side of every edge.
PINNED_DPD = {
    -5: "current",
    0: "current",
    1: "1-30",
    30: "1-30",
    31: "31-60",
    60: "31-60",
    61: "61-90",
    90: "61-90",
    91: "91-180",
    180: "91-180",
    181: "181-365",
    365: "181-365",
    366: "over 365",
    2000: "over 365",
}

PINNED_AGE_YEARS = {
    0: "within 1 year",
    365: "within 1 year",
    366: "1-2 years",
    730: "1-2 years",
    731: "2-3 years",
    1095: "2-3 years",
    1096: "3-4 years",
    1460: "3-4 years",
    1461: "4-5 years",
    1825: "4-5 years",
    1826: "over 5 years",
}


def one_invoice_due(days_past_due: int, amount: float = 100.0) -> pd.DataFrame:
    due = day(AS_OF, -days_past_due)
    return invoices([("X", "c", min(due, day(AS_OF)), due, amount)])


def one_invoice_aged(age_days: int, amount: float = 100.0) -> pd.DataFrame:
    issued = day(AS_OF, -age_days)
    return invoices([("X", "c", issued, issued + pd.Timedelta(days=30), amount)])


def bucket_of(table: pd.DataFrame) -> str:
    hit = table[table["count"] > 0]
    assert len(hit) == 1
    return hit["bucket"].iloc[0]


def test_default_labels_exactly():
    assert list(DEFAULT_BUCKETS.labels) == DEFAULT_LABELS
    assert DEFAULT_BUCKETS.edges == (0, 30, 60, 90, 180, 365)
    assert DEFAULT_BUCKETS.basis == "days_past_due"


@pytest.mark.parametrize(("dpd", "label"), sorted(PINNED_DPD.items()))
def test_pinned_days_past_due_edges(dpd, label):
    inv = one_invoice_due(dpd)
    items = open_items(inv, None, AS_OF)
    assert items["days_past_due"].tolist() == [dpd]
    assert bucket_of(aging(items)) == label
    assert bucket_of(PreparedLedger(inv).aging(AS_OF)) == label
    listed = {row["bucket"]: row["count"] for row in summary(inv, None, AS_OF)["aging"]}
    assert listed[label] == 1


@pytest.mark.parametrize(("age", "label"), sorted(PINNED_AGE_YEARS.items()))
def test_pinned_chinese_year_edges(age, label):
    items = open_items(one_invoice_aged(age), None, AS_OF)
    assert items["age_days"].tolist() == [age]
    assert bucket_of(aging(items, CHINESE_AGE_BUCKETS)) == label
    assert bucket_of(aging(items, basis="age")) == label  # the default on age


@pytest.mark.parametrize(
    ("age", "label"),
    [
        (0, "0-6 months"),
        (182, "0-6 months"),
        (183, "7-12 months"),
        (365, "7-12 months"),
        (366, "1-2 years"),
        (1826, "over 5 years"),
    ],
)
def test_pinned_split_first_year_edges(age, label):
    items = open_items(one_invoice_aged(age), None, AS_OF)
    assert bucket_of(aging(items, CHINESE_AGE_BUCKETS_SPLIT)) == label


def test_chinese_buckets_labels_and_year():
    assert YEAR_DAYS == 365
    assert CHINESE_AGE_BUCKETS.basis == "age"
    assert list(CHINESE_AGE_BUCKETS.labels) == [
        "within 1 year",
        "1-2 years",
        "2-3 years",
        "3-4 years",
        "4-5 years",
        "over 5 years",
    ]
    assert list(CHINESE_AGE_BUCKETS.labels_zh) == [
        "1年以内",
        "1-2年",
        "2-3年",
        "3-4年",
        "4-5年",
        "5年以上",
    ]
    assert CHINESE_AGE_BUCKETS_SPLIT.labels[:2] == ("0-6 months", "7-12 months")
    assert CHINESE_AGE_BUCKETS_SPLIT.labels_zh[:2] == ("6个月以内", "7-12个月")


def test_every_bucket_present_in_order_with_zeros():
    inv = invoices(
        [
            ("A", "c", "2024-06-01", "2024-07-01", 100.0),  # current
            ("B", "c", "2024-03-01", "2024-03-31", 40.0),  # 91 days past due
            ("C", "c", "2024-03-01", "2024-04-01", 60.0),  # 90 days past due
        ]
    )
    table = aging(open_items(inv, None, AS_OF))
    assert table["bucket"].tolist() == DEFAULT_LABELS
    assert table["amount"].tolist() == [100.0, 0.0, 0.0, 60.0, 40.0, 0.0, 0.0]
    assert table["count"].tolist() == [1, 0, 0, 1, 1, 0, 0]
    assert list(table.columns) == ["bucket", "amount", "count"]
    pd.testing.assert_frame_equal(table, PreparedLedger(inv).aging(AS_OF))


def test_empty_open_items_give_all_zero_buckets():
    inv = one_invoice_due(10)
    table = aging(open_items(inv, None, "2000-01-01"))
    assert table["bucket"].tolist() == DEFAULT_LABELS
    assert table["amount"].sum() == 0.0
    assert table["count"].sum() == 0


def test_credit_note_sits_in_its_bucket_with_a_negative_amount():
    inv = invoices(
        [
            ("A", "c", "2024-05-01", "2024-05-31", 500.0),  # 30 days past due
            ("CN", "c", "2024-05-10", "2024-05-10", -120.0),  # 51 days past due
        ]
    )
    table = aging(open_items(inv, None, AS_OF)).set_index("bucket")
    assert table.loc["1-30", "amount"] == 500.0
    assert table.loc["31-60", "amount"] == -120.0
    assert table["amount"].sum() == 380.0


def test_labels_derived_from_edges():
    assert derive_labels([0, 30, 60]) == ("current", "1-30", "31-60", "over 60")
    assert derive_labels([30, 60], basis="age") == ("0-30", "31-60", "over 60")
    assert derive_labels([15, 45]) == ("up to 15", "16-45", "over 45")
    assert make_buckets([0, 30, 60, 90, 180, 365]) == DEFAULT_BUCKETS


def test_custom_edges_as_a_list():
    items = open_items(one_invoice_due(45), None, AS_OF)
    table = aging(items, [0, 45, 90])
    assert table["bucket"].tolist() == ["current", "1-45", "46-90", "over 90"]
    assert bucket_of(table) == "1-45"


def test_age_basis_with_a_list_of_edges():
    items = open_items(one_invoice_aged(40), None, AS_OF)
    assert bucket_of(aging(items, [30, 60], basis="age")) == "31-60"


def test_basis_overrides_a_bucket_sets_own():
    items = open_items(one_invoice_aged(400), None, AS_OF)  # due 370 days ago
    assert bucket_of(aging(items, DEFAULT_BUCKETS)) == "over 365"
    assert bucket_of(aging(items, DEFAULT_BUCKETS, basis="age")) == "over 365"
    assert bucket_of(aging(items, [0, 380], basis="days_past_due")) == "1-380"  # 370 dpd
    assert bucket_of(aging(items, [0, 380], basis="age")) == "over 380"  # 400 days old
    assert bucket_of(aging(items, CHINESE_AGE_BUCKETS)) == "1-2 years"


@pytest.mark.parametrize("edges", [[30, 30], [60, 30], [0.5, 30]])
def test_bad_edges_are_refused(edges):
    with pytest.raises(ValueError):
        make_buckets(edges)


def test_bad_basis_is_refused():
    items = open_items(one_invoice_due(5), None, AS_OF)
    with pytest.raises(ValueError, match="basis"):
        aging(items, basis="weeks")
    with pytest.raises(ValueError):
        Buckets((0, 30), ("a", "b"))  # three buckets need three labels


def test_aging_by_customer():
    inv = invoices(
        [
            ("A1", "acme", "2024-06-01", "2024-07-01", 100.0),  # current
            ("A2", "acme", "2024-04-01", "2024-05-01", 50.0),  # 60 dpd
            ("B1", "beta", "2024-01-01", "2024-01-31", 400.0),  # 151 dpd
            ("C1", "cato", "2024-06-01", "2024-06-20", 150.0),  # 10 dpd
        ],
        names={"acme": "Acme Ltd", "beta": "Beta Co", "cato": "Cato"},
    )
    table = aging_by_customer(open_items(inv, None, AS_OF))
    assert list(table.columns) == ["customer_id", "customer_name", *DEFAULT_LABELS, "total"]
    assert table["customer_id"].tolist() == ["beta", "acme", "cato"]  # acme ties cato
    assert table["customer_name"].tolist() == ["Beta Co", "Acme Ltd", "Cato"]
    assert table["total"].tolist() == [400.0, 150.0, 150.0]
    acme = table.set_index("customer_id").loc["acme"]
    assert acme["current"] == 100.0
    assert acme["31-60"] == 50.0
    assert acme["over 365"] == 0.0


def test_aging_by_customer_without_names_and_empty():
    inv = invoices([("A1", "acme", "2024-06-01", "2024-07-01", 100.0)])
    table = aging_by_customer(open_items(inv, None, AS_OF), [0, 30])
    assert list(table.columns) == ["customer_id", "current", "1-30", "over 30", "total"]
    empty = aging_by_customer(open_items(inv, None, "2000-01-01"))
    assert empty.empty
    assert list(empty.columns) == ["customer_id", *DEFAULT_LABELS, "total"]
    prepared = PreparedLedger(inv).aging_by_customer(AS_OF, [0, 30])
    pd.testing.assert_frame_equal(prepared, table)
