"""The course widgets not driven elsewhere, each in its notebook, in a real JupyterLab and
Chromium: run the notebook as a learner would, change one control as a user does (a typed
slider readout, an arrow key on a slider, a toggle button, a typed box or date, a drop-down),
and see the displayed figures follow to what plain pandas on datasets/electromech or a hand
computation gives. Widgets sharing a notebook share a test (one Run All each)."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import Page

from .labpage import (
    charts_shown,
    open_notebook,
    run_all,
    screenshot,
    set_slider,
    set_text,
    shown_figure,
    wait_for_figure,
    wait_for_kernel_idle,
    widget,
)

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "datasets" / "electromech"
AS_OF = pd.Timestamp("2025-12-31")  # the notebooks' as_of: the case's end date
WIDGET_SECONDS = 120

pytestmark = pytest.mark.browser


# --- plain pandas on the case ---------------------------------------------------------------


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(CASE / f"{name}.csv", dtype={"customer_id": str, "invoice_id": str})


def open_invoices() -> pd.DataFrame:
    """Invoices issued by AS_OF with what is still open on them (payments up to AS_OF)."""
    inv = _csv("invoices").assign(
        invoice_date=lambda f: pd.to_datetime(f["invoice_date"]), due_date=lambda f: pd.to_datetime(f["due_date"])
    )
    pay = _csv("payments").assign(paid_date=lambda f: pd.to_datetime(f["paid_date"]))
    paid = pay[pay["paid_date"] <= AS_OF].groupby("invoice_id")["paid_amount"].sum()
    inv = inv[inv["invoice_date"] <= AS_OF]
    inv = inv.assign(open_amount=(inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)).round(2))
    return inv[inv["open_amount"].abs() > 0.005]


def customer(customer_id: str) -> pd.Series:
    return _csv("customers").set_index("customer_id").loc[customer_id]


def money(x: float, decimals: int = 0) -> str:
    return f"{x:,.{decimals}f} CNY"


def rows_of(page: Page, table: str) -> list[list[str]]:
    """The cells of every body row of the widget table ``table`` (a CSS selector)."""
    return page.locator(f"{table} tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent.trim()))"
    )


def wait_for_widget(page: Page, selector: str) -> None:
    page.locator(selector).first.wait_for(state="attached", timeout=WIDGET_SECONDS * 1000)


def toggle(page: Page, group_label: str, button: str) -> None:
    """Click the button ``button`` of the toggle-button group labelled ``group_label``."""
    group = widget(page, group_label, ".widget-toggle-buttons")
    group.get_by_role("button", name=button, exact=True).click()


def readout(page: Page, label: str, nth: int = 0) -> str:
    """What the readout of the ``nth`` slider labelled ``label`` shows."""
    found = page.locator(".widget-slider", has_text=label).nth(nth)
    return found.locator(".widget-readout").inner_text().strip()


# --- 02.01 Overdue and profit: ProfitImpactWidget -------------------------------------------

# The notebook's parameters (authored teaching figures and the survey curve it cites).
MARGIN, ANNUAL_RATE = 0.05, 0.045
CURVE = {0: 1.0, 3: 0.73, 6: 0.50, 12: 0.25, 24: 0.10}
IMPACT = ".receivables-impact"


def impact_by_hand(balance: float, days: float) -> dict[str, str]:
    """The widget's rows as it should format them: simple interest at the cost of funds,
    the survey curve read by straight lines between its points (months = days / (365/12))."""
    months = days / (365 / 12)
    share = float(np.interp(months, list(CURVE), list(CURVE.values())))
    carrying = balance * ANNUAL_RATE * days / 365
    loss = balance * (1 - share)
    return {
        "Carrying cost": money(carrying),
        "Chance of collecting": f"{share:.1%}",
        "Expected loss": money(loss),
        "Total cost of the delay": money(carrying + loss),
        "Sales needed to replace the total": money((carrying + loss) / MARGIN),
    }


def impact_shown(page: Page) -> dict[str, str]:
    return {
        label: shown_figure(page, IMPACT, label)
        for label in (
            "Carrying cost",
            "Chance of collecting",
            "Expected loss",
            "Total cost of the delay",
            "Sales needed to replace the total",
        )
    }


def test_profit_impact_follows_the_days_overdue(page, lab):
    # Brantec's invoice of the notebook: its open amount and its days overdue on the as-of date.
    items = open_invoices().set_index("invoice_id")
    balance = float(items.at["INV2024000726", "open_amount"])
    days = (AS_OF - items.at["INV2024000726", "due_date"]).days
    before, after = impact_by_hand(balance, days), impact_by_hand(balance, 60)
    assert before["Expected loss"] != after["Expected loss"]

    open_notebook(page, lab, "course/02.01-Overdue-And-Profit.ipynb")
    run_all(page)
    wait_for_widget(page, IMPACT)
    assert impact_shown(page) == before
    assert readout(page, "Days overdue") == str(days)

    # The notebook's first ✏️ question: move Days overdue to 60 (typed into the readout).
    set_slider(page, "Days overdue", 60)
    wait_for_figure(page, IMPACT, "Expected loss", after["Expected loss"])
    assert impact_shown(page) == after
    assert charts_shown(page) >= 1

    # An amount by keyboard: "50万" typed into the Bad debt box is 500,000, shown with separators.
    set_text(page, "Bad debt", "50万")
    wait_for_figure(page, IMPACT, "Sales needed to replace the bad debt", money(500_000 / MARGIN))
    box = widget(page, "Bad debt", ".widget-text").locator("input")
    assert box.input_value() == "500,000"
    # ... and by mouse: the handle of its log slider (500 to 5,000,000 CNY, so now at 3/4 of
    # the track) dragged to the middle gives about 10 ** (lg 500 + 2) = 50,000, rounded to
    # three significant figures.
    row = page.locator(".widget-hbox", has=page.locator(".widget-text", has_text="Bad debt")).first
    track = row.locator(".noUi-target").bounding_box()
    handle = row.locator(".noUi-handle").bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(track["x"] + 0.5 * track["width"], handle["y"] + handle["height"] / 2, steps=8)
    page.mouse.up()
    page.wait_for_function("el => el.value !== '500,000'", arg=box.element_handle(), timeout=30_000)
    dragged = float(box.input_value().replace(",", ""))
    exponent = math.log10(500) + 0.5 * 4
    assert abs(math.log10(dragged) - exponent) < 4 * 3 / track["width"], (dragged, track)  # within 3 px
    assert len(f"{dragged:.0f}".rstrip("0")) <= 3
    wait_for_figure(page, IMPACT, "Sales needed to replace the bad debt", money(dragged / MARGIN))

    # The closing record is folded away: its figures are the starting values, not the widget's.
    record = page.locator("details.receivables-record")
    assert record.count() == 1 and not record.evaluate("d => d.open")
    assert "starting values" in record.locator("summary").inner_text()
    assert not record.locator("table").is_visible()
    record.locator("summary").click()
    record.locator("table").wait_for(state="visible", timeout=10_000)
    wait_for_kernel_idle(page)  # the chart redrawn before the picture
    screenshot(page, "profit-impact-widget")


# --- 02.02 Why accounts go overdue: DebtorTypeWidget ----------------------------------------


def test_debtor_type_follows_the_ability_and_willingness_buttons(page, lab):
    # The example customers the widget names, from the case's customer file.
    brantec, shunchang = customer("C0037"), customer("C0040")
    assert shunchang["debtor_type"] == "unable_willing"  # willing to pay, out of cash (README)

    open_notebook(page, lab, "course/02.02-Why-Accounts-Go-Overdue.ipynb")
    run_all(page)
    heading = page.locator(".widget-html h4").filter(has_text=" · ")
    heading.first.wait_for(state="attached", timeout=WIDGET_SECONDS * 1000)
    # It starts as the notebook says: able but unwilling, Brantec its example.
    assert heading.first.inner_text().strip() == "Stalling · Able but unwilling (有能力、无意愿)"
    assert page.get_by_text(f"Example in the case: {brantec['name_en']} (C0037)").count() == 1

    # Shunchang Precision, as the notebook suggests next: cannot pay, wants to.
    toggle(page, "Ability to pay", "Unable to pay")
    toggle(page, "Willingness to pay", "Willing")
    page.locator(".widget-html h4", has_text="Struggling · Willing but unable (有意愿、无能力)").wait_for(
        timeout=30_000
    )
    assert page.get_by_text(f"Example in the case: {shunchang['name_en']} (C0040)").count() == 1
    assert page.get_by_text("Agree a realistic payment plan").count() == 1
    wait_for_kernel_idle(page)  # the chart redrawn before the picture
    screenshot(page, "debtor-type-widget")


# --- 04.02 After the meeting: PaymentPlanWidget and LimitationWidget ------------------------

CLAIM = "INV2023000001"  # the notebook's worked example: Wenzhou Jinqiao's unpaid invoice
FIRST_DUE = pd.Timestamp("2026-01-31")  # the notebook's first instalment
PLAN_TOTALS, PLAN = ".receivables-plan-totals", ".receivables-plan"
CLOCK = ".receivables-limitation"


def equal_principal_plan(amount: float, instalments: int) -> list[tuple[str, float]]:
    """(due date, payment) of an interest-free equal-principal plan: each instalment is the
    amount / n rounded down to the cent, the last takes the rest; due at successive month ends
    from FIRST_DUE (a month end)."""
    cents = round(amount * 100)
    each = cents // instalments
    payments = [each] * (instalments - 1) + [cents - each * (instalments - 1)]
    dues = [FIRST_DUE + pd.offsets.MonthEnd(k) for k in range(instalments)]
    return [(str(d.date()), p / 100) for d, p in zip(dues, payments, strict=True)]


def three_years_after(day: dt.date) -> dt.date:
    return day.replace(year=day.year + 3)  # none of the dates here is 29 February


def test_payment_plan_and_limitation_clock_follow_the_learner(page, lab):
    claim = open_invoices().set_index("invoice_id").loc[CLAIM]
    amount, due = float(claim["open_amount"]), claim["due_date"].date()
    acts = _csv("activities")
    call = pd.Timestamp(acts.loc[(acts["invoice_id"] == CLAIM) & (acts["kind"] == "call"), "date"].item()).date()
    six, twelve = equal_principal_plan(amount, 6), equal_principal_plan(amount, 12)
    expiry_before, expiry_after = three_years_after(due), three_years_after(call)

    open_notebook(page, lab, "course/04.02-After-The-Meeting.ipynb")
    run_all(page)
    wait_for_widget(page, PLAN_TOTALS)
    wait_for_widget(page, CLOCK)

    # Payment plan: the notebook's six monthly instalments, then "12 months instead of 6".
    assert shown_figure(page, PLAN_TOTALS, "Total to be paid") == money(amount, 2)
    assert shown_figure(page, PLAN_TOTALS, "Last instalment due") == six[-1][0]
    assert [(r[1], r[2]) for r in rows_of(page, PLAN)] == [(d, f"{p:,.2f}") for d, p in six]
    set_slider(page, "Instalments", 12)
    wait_for_figure(page, PLAN_TOTALS, "Last instalment due", twelve[-1][0])
    assert [(r[1], r[2]) for r in rows_of(page, PLAN)] == [(d, f"{p:,.2f}") for d, p in twelve]
    assert shown_figure(page, PLAN_TOTALS, "Total to be paid") == money(amount, 2)
    assert shown_figure(page, PLAN_TOTALS, "Interest in all") == money(0, 2)

    # Limitation clock: no demand since the due date, then a written demand on the day of
    # the log's only call, typed into the date box (month, day, year in an en-US browser).
    assert shown_figure(page, CLOCK, "Expires on") == str(expiry_before)
    assert shown_figure(page, CLOCK, "Days left") == f"{(expiry_before - AS_OF.date()).days:,}"
    date_box = widget(page, "Last demand or acknowledgement", ".widget-datepicker").locator("input")
    date_box.click()
    page.keyboard.press("Home")  # the month field, wherever the click landed
    page.keyboard.type(call.strftime("%m%d%Y"))
    date_box.blur()
    wait_for_figure(page, CLOCK, "Expires on", str(expiry_after))
    days_left = (expiry_after - AS_OF.date()).days
    assert 0 < days_left <= 180  # inside the notebook's warn_days: the status must say so
    assert shown_figure(page, CLOCK, "Days left") == f"{days_left:,}"
    assert shown_figure(page, CLOCK, "The clock runs from") == str(call)
    assert shown_figure(page, CLOCK, "Status") == "Expiring soon"
    wait_for_kernel_idle(page)  # the chart redrawn before the picture
    screenshot(page, "payment-plan-and-limitation-widgets")


# --- 05.00 Grading customer risk: ScorecardWidget -------------------------------------------

FACTORS = (
    "Payment history",
    "Financial condition",
    "Nature of the enterprise",
    "Industry",
    "Relationship and size",
    "Security (guarantee, collateral)",
)
CARD = ".receivables-scorecard"


def scorecard_by_hand(weights: list[float], scores: list[float]) -> tuple[str, str]:
    """(score, grade): the weighted average of the factor scores; A from 85, B from 70, C from 55."""
    total = sum(w * s for w, s in zip(weights, scores, strict=True)) / sum(weights)
    grade = next(g for g, floor in (("A", 85), ("B", 70), ("C", 55), ("D", -math.inf)) if total >= floor)
    return f"{total:.1f}", grade


def test_scorecard_follows_a_weight(page, lab):
    open_notebook(page, lab, "course/05.00-Grading-Customer-Risk.ipynb")
    run_all(page)
    wait_for_widget(page, CARD)
    # Each factor has two sliders: its weight (left column), then its score (right column).
    weights = [float(readout(page, f, 0)) for f in FACTORS]
    scores = [float(readout(page, f, 1)) for f in FACTORS]
    assert weights == [30, 25, 15, 15, 10, 5]  # the notebook's parameters
    assert (shown_figure(page, CARD, "Credit score"), shown_figure(page, CARD, "Risk grade")) == scorecard_by_hand(
        weights, scores
    )

    # The notebook's second question: the weight of payment history to 0.
    new_score, new_grade = scorecard_by_hand([0, *weights[1:]], scores)
    assert new_score != shown_figure(page, CARD, "Credit score")
    set_slider(page, "Payment history", 0)
    wait_for_figure(page, CARD, "Credit score", new_score)
    assert shown_figure(page, CARD, "Risk grade") == new_grade
    assert [float(readout(page, f, 1)) for f in FACTORS] == scores  # the customer's scores stay
    # Every customer of the case is graded under the new weights.
    counts = page.locator(".receivables-scorecard-counts b").inner_text()
    assert sum(int(n) for n in re.findall(r"[ABCD]: (\d+)", counts)) == len(_csv("customers"))
    wait_for_kernel_idle(page)  # the chart redrawn before the picture
    screenshot(page, "scorecard-widget")


# --- 05.04 Credit assessment: CreditLimitWidget ---------------------------------------------

LIMIT = ".receivables-limit"
RULES = {
    "net_worth": "10 % of tangible net worth",
    "working_capital": "10 % of working capital",
    "purchases": "Monthly purchases x (terms + grace) / 30",
    "concentration": "At most 10 % of our own sales",
}


def limits_by_hand(net_worth: float, working_capital: float, monthly: float, terms: float, sales: float) -> dict:
    """Each rule of thumb (negative inputs give 0) and the smallest, as the widget shows them."""
    rules = {
        "net_worth": max(0.0, 0.1 * net_worth),
        "working_capital": max(0.0, 0.1 * working_capital),
        "purchases": monthly * terms / 30,
        "concentration": 0.1 * sales,
    }
    basis = min(rules, key=rules.get)
    return {
        **{RULES[k]: money(v) for k, v in rules.items()},
        "Recommended limit": money(rules[basis]),
        "Set by": RULES[basis],
        "_limit": rules[basis],
    }


def test_credit_limit_follows_the_learner(page, lab):
    # Shunchang Precision (C0040), the notebook's customer, by plain pandas on the case.
    fin = _csv("financials")
    fin = fin[fin["customer_id"] == "C0040"].set_index("year")
    latest, two_years_ago = fin.loc[AS_OF.year], fin.loc[AS_OF.year - 2]
    inv = _csv("invoices").assign(invoice_date=lambda f: pd.to_datetime(f["invoice_date"]))
    last_year = inv[(inv["invoice_date"] > AS_OF - pd.DateOffset(years=1)) & (inv["invoice_date"] <= AS_OF)]
    monthly = last_year.loc[last_year["customer_id"] == "C0040", "amount"].sum() / 12
    sales = last_year["amount"].sum()
    shunchang = customer("C0040")
    terms = float(shunchang["terms_days"])
    before = limits_by_hand(
        latest["book_equity"], latest["current_assets"] - latest["current_liabilities"], monthly, terms, sales
    )
    wc_then = float(two_years_ago["current_assets"] - two_years_ago["current_liabilities"])
    after = limits_by_hand(latest["book_equity"], wc_then, monthly, terms - 5, sales)
    assert before["Set by"] != after["Set by"]

    open_notebook(page, lab, "course/05.04-Credit-Assessment.ipynb")
    run_all(page)
    wait_for_widget(page, LIMIT)
    for label, text in before.items():
        if not label.startswith("_"):
            assert shown_figure(page, LIMIT, label) == text, label

    # The notebook's second question: working capital as two years ago, the balance at the
    # current limit; and five days' shorter terms, one arrow key on the terms slider.
    set_text(page, "Working capital", f"{wc_then:.0f}")
    set_text(page, "What the customer owes now", f"{shunchang['credit_limit']:.0f}")
    handle = widget(page, "Credit terms, days").locator(".noUi-handle")
    handle.focus()
    page.keyboard.press("ArrowLeft")
    wait_for_figure(page, LIMIT, "Set by", after["Set by"])
    wait_for_figure(page, LIMIT, "Monthly purchases", after[RULES["purchases"]])
    assert readout(page, "Credit terms, days") == f"{terms - 5:.0f}"
    for label, text in after.items():
        if not label.startswith("_"):
            assert shown_figure(page, LIMIT, label) == text, label
    utilisation = shunchang["credit_limit"] / after["_limit"] * 100
    assert shown_figure(page, LIMIT, "Utilisation") == f"{utilisation:,.1f}%"
    assert page.get_by_text("Over the limit: stop and review before the next delivery.").count() == 1
    wait_for_kernel_idle(page)  # the chart redrawn before the picture
    screenshot(page, "credit-limit-widget")


# --- 04.00 Before the meeting: AccountBriefWidget -------------------------------------------

BRIEF = ".receivables-brief"


def test_account_brief_follows_the_customer_picked(page, lab):
    # Wenzhou Jinqiao (C0025), the notebook's suggestion, by plain pandas on the case.
    items = open_invoices()
    mine = items[items["customer_id"] == "C0025"]
    overdue = mine[mine["due_date"] < AS_OF]
    acts = _csv("activities")
    acts = acts[(acts["customer_id"] == "C0025") & (pd.to_datetime(acts["date"]) <= AS_OF)]
    oldest_due = mine["due_date"].min().date()
    expiry = three_years_after(oldest_due)  # no demand or acknowledgement in its log
    assert not acts["kind"].isin(["demand", "acknowledgement"]).any()
    invoices_line = (
        f"open invoices: {len(mine)}, CNY {mine['open_amount'].sum():,.2f}; overdue: {len(overdue)} "
        f"(CNY {overdue['open_amount'].sum():,.2f}), the oldest {(AS_OF.date() - oldest_due).days} days past due"
    )

    open_notebook(page, lab, "course/04.00-Before-The-Meeting.ipynb")
    run_all(page)
    wait_for_widget(page, BRIEF)
    title = page.locator(f"{BRIEF} h4")
    assert title.inner_text().strip().endswith("(C0040)")  # the notebook's customer first

    # Pick Wenzhou Jinqiao in the drop-down (its entry: id · name · open balance).
    select = widget(page, "Customer", ".widget-dropdown").locator("select")
    entry = f"C0025 · {customer('C0025')['name_en']} · {mine['open_amount'].sum():,.0f}"
    options = select.locator("option").all_text_contents()
    shown_options = [o.replace("\xa0", " ") for o in options]  # ipywidgets shows spaces as no-break spaces
    assert entry in shown_options
    select.select_option(label=options[shown_options.index(entry)])
    page.locator(f"{BRIEF} h4", has_text="(C0025)").wait_for(timeout=30_000)
    assert title.inner_text().strip() == f"{customer('C0025')['name_en']} (C0025)"
    shown = {
        row.get_attribute("data-item"): row.locator("td").nth(2).inner_text().strip()
        for row in page.locator(f"{BRIEF} .brief-checklist tr[data-item]").all()
    }
    assert shown["invoices"] == invoices_line
    assert shown["history"].startswith(f"activities on file: {len(acts)}; last: ")
    assert shown["limitation"] == f"the first claim runs out on {expiry} ({(expiry - AS_OF.date()).days} days left)"
    recent_dates = [r[0] for r in rows_of(page, f"{BRIEF} .brief-recent")]
    assert recent_dates == sorted(acts["date"], reverse=True)[: len(recent_dates)]
    wait_for_kernel_idle(page)  # the brief redrawn before the picture
    screenshot(page, "account-brief-widget")
