"""The limitation-period widget: due date, last demand or acknowledgement, as-of date ->
expiry date, days left and status, by hand for the case's C0025 claim (due 2023-02-22)."""

from __future__ import annotations

import pytest

from receivables.widgets import LimitationWidget


def test_case_claim_without_a_demand_is_about_to_expire(shown):
    w = LimitationWidget(due_date="2023-02-22", as_of="2025-12-31")
    r = w.result
    # three calendar years from the due date; 31 Dec 2025 -> 22 Feb 2026 = 31 + 22 days
    assert (r["expires_on"], r["days_left"], r["status"]) == ("2026-02-22", 53, "expiring soon")
    assert r["event"] is None
    assert "2026-02-22" in w.summary.value and "Expiring soon" in w.summary.value


def test_a_demand_restarts_the_clock(shown):
    w = LimitationWidget(due_date="2023-02-22", as_of="2025-12-31")
    r = w.set(event_date="2024-06-01")
    # 2024-06-01 + 3 years = 2027-06-01; from 2025-12-31: 365 + 152 = 517 days
    assert (r["clock_start"], r["expires_on"], r["days_left"], r["status"]) == ("2024-06-01", "2027-06-01", 517, "ok")
    assert r["event"] == "counted"
    assert "restarted the clock" in w.summary.value


def test_a_late_demand_does_not_revive_but_an_acknowledgement_does(shown):
    w = LimitationWidget(due_date="2023-02-22", as_of="2026-06-01")
    r = w.set(event_date="2026-03-01")
    # 2026-02-22 -> 2026-06-01 is 99 days: expired 99 days ago, the demand came too late
    assert (r["expires_on"], r["days_left"], r["status"], r["event"]) == ("2026-02-22", -99, "expired", "late")
    r = w.set(event_kind="acknowledgement")
    assert (r["expires_on"], r["status"], r["event"]) == ("2029-03-01", "ok", "counted")


def test_warning_window_and_as_of(shown):
    w = LimitationWidget(due_date="2023-02-22", as_of="2025-12-31")
    assert w.set(warn_days=30)["status"] == "ok"  # 53 days left > 30
    assert w.set(as_of="2026-02-23")["status"] == "expired"


def test_chinese_labels_and_status(shown):
    w = LimitationWidget(lang="zh", due_date="2023-02-22", as_of="2025-12-31")
    assert w.controls["due_date"].description == "到期日"
    assert [label for label, _ in w.controls["event_kind"].options] == ["我方书面催告", "债务人确认欠款"]
    assert "即将届满" in w.summary.value and "时效届满日" in w.summary.value
    assert shown[-1].axes[0].get_title() == "诉讼时效时间轴"


def test_missing_dates_are_refused(shown):
    w = LimitationWidget()
    with pytest.raises(ValueError, match="due date"):
        w.set(due_date=None)


def test_a_year_still_being_typed_waits_for_the_whole_date():
    """The browser sends 0002, 0020, 0202 before 2023: none of them recomputes or raises."""
    import datetime as dt

    widget = LimitationWidget()
    before = dict(widget.result)
    for partial in (dt.date(2, 3, 13), dt.date(20, 3, 13), dt.date(202, 3, 13)):
        widget.controls["event_date"].value = partial  # as the browser's date box does
        assert widget.result == before
    widget.controls["as_of"].value = dt.date(2025, 12, 30)  # another control still computes
    assert widget.result["as_of"] == "2025-12-30"
    widget.controls["event_date"].value = dt.date(2023, 3, 13)
    assert widget.result["event_date"] == "2023-03-13"
    assert widget.result["expires_on"] == "2026-03-13"
    with pytest.raises(ValueError, match="before 1900"):
        widget.set(event_date="0202-03-13")
