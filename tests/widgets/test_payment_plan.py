"""The payment-plan widget: amount, instalments, interest and first date -> schedule and totals,
checked against hand-computed plans (the case's C0025 claim, CNY 48,590.00)."""

from __future__ import annotations

import datetime as dt

import pytest

from receivables.widgets import PaymentPlanWidget


def test_case_claim_in_six_equal_instalments(shown):
    w = PaymentPlanWidget(amount=48_590.0, instalments=6, annual_rate=0.0, first_due="2026-01-31")
    r = w.result
    # 48,590 / 6 = 8,098.33 (rounded down to the cent) five times; the last takes 8,098.35.
    assert list(r["schedule"]["payment"]) == [8_098.33] * 5 + [8_098.35]
    assert r["total"] == 48_590.0 and r["total_interest"] == 0.0
    # month ends are clamped: 31 Jan, 28 Feb, 31 Mar, 30 Apr, 31 May, 30 Jun 2026
    assert r["last_due"] == "2026-06-30"
    assert "8,098.33" in w.summary.value and "48,590.00" in w.summary.value


def test_interest_and_fewer_instalments_change_the_schedule(shown):
    w = PaymentPlanWidget(amount=48_590.0, instalments=6, first_due="2026-01-31")
    r = w.set(annual_rate=0.06, instalments=3)
    # 0.5 % a month on the balance: 242.95, then 0.5 % of 32,393.34 = 161.97, of 16,196.68 = 80.98
    assert list(r["schedule"]["interest"]) == [242.95, 161.97, 80.98]
    assert list(r["schedule"]["principal"]) == [16_196.66, 16_196.66, 16_196.68]
    assert r["total_interest"] == pytest.approx(485.90)
    assert r["total"] == pytest.approx(49_075.90)
    assert r["first_payment"] == pytest.approx(16_439.61)
    assert r["last_due"] == "2026-03-31"
    ax = shown[-1].axes[0]
    assert len(ax.patches) == 6  # principal and interest bars of 3 instalments


def test_quarterly_equal_payments_and_a_new_first_date(shown):
    w = PaymentPlanWidget(amount=10_000.0, instalments=4, first_due="2026-01-31")
    r = w.set(interval_months=3, method="annuity", annual_rate=0.12, first_due="2026-03-15")
    # 3 % a quarter: payment = 10,000 x 0.03 / (1 - 1.03**-4) = 2,690.27
    assert list(r["schedule"]["payment"][:3]) == [2_690.27] * 3
    assert r["first_due"] == "2026-03-15" and r["last_due"] == "2026-12-15"
    assert w.controls["first_due"].value == dt.date(2026, 3, 15)


def test_chinese_labels(shown):
    w = PaymentPlanWidget(lang="zh")
    assert w.controls["instalments"].description == "分期期数"
    assert w.controls["annual_rate"].description == "年利率"
    assert [label for label, _ in w.controls["method"].options] == ["等额本金", "等额本息"]
    assert "还款总额" in w.summary.value and "剩余欠款" in w.summary.value
    assert shown[-1].axes[0].get_title() == "每期还款构成"


def test_bad_values_are_refused(shown):
    w = PaymentPlanWidget(amount=48_590.0)
    with pytest.raises(ValueError, match="outside"):
        w.set(instalments=60)
    with pytest.raises(ValueError, match="outside"):
        w.set(amount=-5)
    with pytest.raises(ValueError, match="not a date"):
        w.set(first_due="next Monday")
