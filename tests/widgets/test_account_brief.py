"""The account-brief widget: pick a customer from the dropdown, get that customer's
checklist, people and latest notes (checked by hand on a two-customer ledger)."""

from __future__ import annotations

import pytest

from receivables.widgets import AccountBriefWidget
from tests.collection.brief_case import AS_OF, tiny_case


def test_dropdown_lists_customers_by_open_balance():
    w = AccountBriefWidget(tiny_case(), AS_OF)
    # On 2025-06-10 C2 owes 2,000 (I4), C1 owes 900: C2 comes first and is the default.
    assert [v for _, v in w.controls["customer"].options] == ["C2", "C1"]
    assert w.controls["customer"].options[0][0] == "C2 · Beta Pumps · 2,000"
    assert w.result["customer_id"] == "C2" and w.result["open_balance"] == pytest.approx(2000.0)


def test_picking_a_customer_changes_the_brief():
    w = AccountBriefWidget(tiny_case(), AS_OF)
    r = w.set(customer="C1")
    assert r["customer_id"] == "C1"
    assert r["open_balance"] == pytest.approx(900.0) and r["overdue_balance"] == pytest.approx(600.0)
    assert r["promises_broken"] == 1
    html = w.summary.value
    assert "Alpha Motors (C1)" in html and "⚠ act before the meeting" in html
    assert "张伟" in html and "王芳" in html
    # Nobody known in finance: the gap is named.
    assert "Nobody known in finance" in html
    back = w.set(customer="C2")
    assert back["open_balance"] == pytest.approx(2000.0) and "Beta Pumps (C2)" in w.summary.value


def test_labels_switch_to_chinese():
    w = AccountBriefWidget(tiny_case(), AS_OF, lang="zh", customer="C1")
    assert w.controls["customer"].description == "客户"
    html = w.summary.value
    assert "阿尔法电机 (C1)" in html and "账款资料清单" in html and "客户人脉" in html
    assert "民企,机械,苏州" in html and "拍板付款" in html
    assert "Checklist" not in html


def test_unknown_customer_is_refused():
    with pytest.raises(ValueError, match="no customer"):
        AccountBriefWidget(tiny_case(), AS_OF, customer="C9")
    with pytest.raises(ValueError, match="no customer 'C9' in the list"):
        AccountBriefWidget(tiny_case(), AS_OF).set(customer="C9")
