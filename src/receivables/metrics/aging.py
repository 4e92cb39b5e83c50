"""Aging tables from an open-items frame (the output of ``open_items``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .buckets import Buckets, resolve_buckets


def _bucket_numbers(open_items: pd.DataFrame, buckets: Buckets) -> np.ndarray:
    column = buckets.column
    if column not in open_items.columns:
        raise ValueError(f"open items lack column {column!r} needed for basis {buckets.basis!r}")
    return buckets.index(open_items[column].to_numpy(dtype=np.int64))


def aging(
    open_items: pd.DataFrame,
    edges: Buckets | Sequence[int] | None = None,
    basis: str | None = None,
) -> pd.DataFrame:
    """Open amount and item count per bucket: columns bucket, amount, count.

    Every bucket appears, in order, including empty ones (amount 0.0, count 0).
    ``edges``: a Buckets (e.g. DEFAULT_BUCKETS, CHINESE_AGE_BUCKETS), a list of inclusive
    upper bounds in days (labels derived: [0, 30] -> current, 1-30, over 30) or None.
    ``basis``: "days_past_due" (default) or "age" (days since invoice date); with None
    edges, basis="age" uses the Chinese year buckets.
    """
    buckets = resolve_buckets(edges, basis)
    if "unapplied" in open_items.columns:  # unapplied credits: in no bucket
        open_items = open_items[~open_items["unapplied"].to_numpy(dtype=bool)]
    where = _bucket_numbers(open_items, buckets)
    weights = open_items["open_amount"].to_numpy(dtype=np.float64)
    return pd.DataFrame(
        {
            "bucket": pd.array(buckets.labels, dtype="str"),
            "amount": np.bincount(where, weights=weights, minlength=len(buckets)),
            "count": np.bincount(where, minlength=len(buckets)).astype(np.int64),
        }
    )


def aging_by_customer(
    open_items: pd.DataFrame,
    edges: Buckets | Sequence[int] | None = None,
    basis: str | None = None,
) -> pd.DataFrame:
    """One row per customer, one column per bucket (open amounts), then total.

    Starts with customer_id (and customer_name when the open items have it); sorted by
    total, largest first, ties by customer id. Bucket columns are named by their labels.
    """
    buckets = resolve_buckets(edges, basis)
    k = len(buckets)
    if "unapplied" in open_items.columns and open_items["unapplied"].any():
        # Unapplied credits: a column of their own after the buckets, counted in total.
        flags = open_items["unapplied"].to_numpy(dtype=bool)
        table = aging_by_customer(open_items[~flags].drop(columns="unapplied"), edges, basis)
        credits = open_items[flags].groupby(open_items.loc[flags, "customer_id"].astype("str"))["open_amount"].sum()
        missing = credits.index.difference(table["customer_id"])
        if len(missing):
            extra = pd.DataFrame({"customer_id": pd.array(list(missing), dtype="str")})
            if "customer_name" in table.columns:
                credit_rows = open_items[flags]
                names = credit_rows.groupby(credit_rows["customer_id"].astype("str"))["customer_name"].first()
                extra["customer_name"] = names.reindex(missing).to_numpy()
            table = pd.concat([table, extra], ignore_index=True).fillna(
                {label: 0.0 for label in buckets.labels} | {"total": 0.0}
            )
        table["unapplied"] = table["customer_id"].map(credits).fillna(0.0).astype(float)
        table["total"] = table["total"] + table["unapplied"]
        table = table[[c for c in table.columns if c != "total"] + ["total"]]
        order = np.lexsort((table["customer_id"].to_numpy(), -table["total"].to_numpy()))
        return table.iloc[order].reset_index(drop=True)
    where = _bucket_numbers(open_items, buckets)
    customers = open_items["customer_id"].astype("str")
    codes, uniques = pd.factorize(customers, sort=True)
    n = len(uniques)
    weights = open_items["open_amount"].to_numpy(dtype=np.float64)
    # One bincount over (customer, bucket) cells, reshaped into the table.
    cells = np.bincount(codes * k + where, weights=weights, minlength=n * k).reshape(n, k)
    table = pd.DataFrame(cells, columns=list(buckets.labels))
    table.insert(0, "customer_id", pd.array(np.asarray(uniques, dtype=object), dtype="str"))
    if "customer_name" in open_items.columns:
        # The first name seen for each customer (names should not vary within an id).
        first = pd.Series(np.arange(len(codes))).groupby(codes).min().to_numpy()
        table.insert(1, "customer_name", open_items["customer_name"].array.take(first))
    table["total"] = cells.sum(axis=1)
    order = np.lexsort((np.arange(n), -table["total"].to_numpy()))
    return table.iloc[order].reset_index(drop=True)
