"""The aging explorer on the case ledger, driven as a learner drives it: each change of
the as-of date, the bucket edges or the customer is checked against plain pandas on
datasets/electromech/*.csv (not the package's own as-of code)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from receivables.datasets import case_dir, read_dataset
from receivables.widgets import AgingExplorerWidget

from ..case_by_hand import open_as_of, read_ledger


@pytest.fixture(scope="module")
def frames():
    return read_ledger()


def buckets_by_pandas(items: pd.DataFrame, edges: list[int]) -> list[float]:
    bins = [-np.inf, 0, *edges, np.inf]
    cut = pd.cut(items["dpd"], bins=bins, right=True, labels=False)
    return items.groupby(cut)["open"].sum().reindex(range(len(bins) - 1), fill_value=0.0).tolist()


@pytest.fixture
def widget(shown):
    tables = read_dataset(case_dir())
    return AgingExplorerWidget(tables["invoices"], tables["payments"], customers=tables["customers"])


def test_defaults_are_the_case_end_date(widget, frames):
    r = widget.result
    items = open_as_of(*frames, "2025-12-31")
    assert r["as_of"] == "2025-12-31"
    assert r["open_balance"] == pytest.approx(38_089_773.10, abs=0.02)  # datasets/electromech/README.md
    assert r["aging"]["amount"].tolist() == pytest.approx(buckets_by_pandas(items, [30, 60, 90, 180, 365]), abs=0.01)
    assert r["overdue_balance"] == pytest.approx(items.loc[items["dpd"] > 0, "open"].sum(), abs=0.01)
    assert "38,089,773" in widget.summary.value


def test_changing_the_date_re_ages_the_ledger(widget, frames):
    for as_of in ("2024-06-30", "2025-03-31", "2025-11-30"):
        r = widget.set(as_of=as_of)
        items = open_as_of(*frames, as_of)
        assert r["as_of"] == as_of
        assert r["aging"]["amount"].tolist() == pytest.approx(
            buckets_by_pandas(items, [30, 60, 90, 180, 365]), abs=0.01
        )
        assert (
            r["aging"]["count"].tolist()
            == items.groupby(pd.cut(items["dpd"], [-np.inf, 0, 30, 60, 90, 180, 365, np.inf], labels=False))
            .size()
            .reindex(range(7), fill_value=0)
            .tolist()
        )
    assert widget.controls["as_of"].value == "2025-11-30"


def test_month_figures_follow_the_date(widget, frames):
    inv, _ = frames
    r = widget.set(as_of="2025-06-30")
    opening = open_as_of(*frames, "2025-05-31")["open"].sum()
    closing_items = open_as_of(*frames, "2025-06-30")
    closing, current = closing_items["open"].sum(), closing_items.loc[closing_items["dpd"] <= 0, "open"].sum()
    sales = inv.loc[inv["invoice_date"].between("2025-06-01", "2025-06-30"), "amount"].sum()
    assert r["dso"] == pytest.approx(closing / sales * 30)
    assert r["best_possible_dso"] == pytest.approx(current / sales * 30)
    assert r["add"] == pytest.approx((closing - current) / sales * 30)
    assert r["cei"] == pytest.approx((opening + sales - closing) / (opening + sales - current) * 100)


def test_changing_the_edges(widget, frames):
    items = open_as_of(*frames, "2025-12-31")
    r = widget.set(edges="45, 120")
    assert r["labels"] == ("current", "1-45", "46-120", "over 120")
    assert r["aging"]["amount"].tolist() == pytest.approx(buckets_by_pandas(items, [45, 120]), abs=0.01)
    by_customer = r["by_customer"].set_index("customer_id")
    c0040 = items[items["customer_id"] == "C0040"]
    assert by_customer.loc["C0040", "over 120"] == pytest.approx(c0040.loc[c0040["dpd"] > 120, "open"].sum(), abs=0.01)
    # Bad edges are refused with one line, and nothing changes.
    for bad, message in (("60, 30", "increase"), ("0, 30", "positive"), ("30, x", "not a number")):
        with pytest.raises(ValueError, match=message):
            widget.set(edges=bad)
    assert widget.controls["edges"].value == "45, 120" and widget.result is r
    # Typed into the box in the browser: shown as an error, the last good view stays.
    widget.controls["edges"].value = "30, 30"
    assert "must increase" in widget.error.value and widget.result is r
    widget.controls["edges"].value = "30"
    assert widget.error.value == "" and widget.result["labels"] == ("current", "1-30", "over 30")


def test_sort_by_overdue_and_total(widget, frames):
    items = open_as_of(*frames, "2025-12-31")
    overdue = items[items["dpd"] > 0].groupby("customer_id")["open"].sum()
    total = items.groupby("customer_id")["open"].sum()
    table = widget.set(sort_by="overdue")["by_customer"]
    assert table["customer_id"].iloc[0] == overdue.idxmax()
    assert table["overdue"].tolist() == pytest.approx(
        sorted(overdue.reindex(total.index, fill_value=0).tolist(), reverse=True), abs=0.01
    )
    table = widget.set(sort_by="total")["by_customer"]
    assert table["customer_id"].iloc[0] == total.idxmax() == "C0021"  # the key account (README)
    assert table["total"].iloc[0] == pytest.approx(total.max(), abs=0.01)


def test_drill_down_to_one_customer(widget, frames):
    r = widget.set(customer="C0040", as_of="2025-03-31")
    items = open_as_of(*frames, "2025-03-31")
    mine = items[items["customer_id"] == "C0040"].sort_values("dpd", ascending=False)
    assert r["invoices"]["invoice_id"].tolist() == mine["invoice_id"].tolist()
    assert r["invoices"]["open_amount"].tolist() == pytest.approx(mine["open"].tolist(), abs=0.01)
    assert r["open_balance"] == pytest.approx(mine["open"].sum(), abs=0.01)
    assert r["aging"]["amount"].tolist() == pytest.approx(buckets_by_pandas(mine, [30, 60, 90, 180, 365]), abs=0.01)
    assert "INV" in widget.tables.value and "receivables-explorer-invoices" in widget.tables.value
    r = widget.set(as_of="2025-12-31")  # the same customer later: everything is overdue
    mine = open_as_of(*frames, "2025-12-31").query("customer_id == 'C0040'")
    assert r["open_balance"] == pytest.approx(mine["open"].sum(), abs=0.01) == pytest.approx(r["overdue_balance"])
    with pytest.raises(ValueError, match="not one of the choices"):
        widget.set(customer="C9999")
    with pytest.raises(ValueError, match="not one of the choices"):
        widget.set(as_of="2025-12-15")
    back = widget.set(customer="")
    assert back["invoices"].empty and back["open_balance"] == pytest.approx(38_089_773.10, abs=0.02)


def test_chart_marks_the_month_and_draws_the_buckets(widget, shown):
    widget.set(as_of="2025-03-31", edges="30, 90")
    fig = shown[-1]
    bars, trend = fig.axes[0], fig.axes[1]
    assert len(bars.patches) == 4
    heights = [p.get_height() for p in bars.patches]
    assert heights == pytest.approx((widget.result["aging"]["amount"] / 1e4).tolist())
    marker = trend.lines[-1]  # the red vertical line at the chosen month
    history = widget.history
    assert marker.get_xdata()[0] == int(np.flatnonzero(history["month"] == "2025-03")[0])


def test_labels_switch_to_chinese(shown):
    tables = read_dataset(case_dir())
    zh = AgingExplorerWidget(
        tables["invoices"],
        tables["payments"],
        lang="zh",
        customers=tables["customers"],
        customer="C0007",
        edges="30, 60",
    )
    assert zh.controls["as_of"].description == "基准日(月末)"
    assert zh.controls["customer"].label.startswith("C0007 · 东湖电力")
    assert "应收余额" in zh.summary.value and "Open balance" not in zh.summary.value
    assert "未到期" in zh.tables.value and "31-60天" in zh.tables.value and "60天以上" in zh.tables.value
    fig = shown[-1]
    assert fig.axes[1].get_title() == "应收账款周转天数与回款有效指数(按月)"
    en = AgingExplorerWidget(tables["invoices"], tables["payments"], customers=tables["customers"], customer="C0007")
    assert en.controls["customer"].label.startswith("C0007 · Donghu Power")
    assert "Open balance (应收余额)" in en.summary.value
