"""What each notebook's recorded figures must be, computed independently of the package.

Every notebook of course/ and cases/ needs an entry: a notebook whose numbers nobody
checks fails the suite. Entries live here and in `expected_*.py` beside this file (one per
chapter or part), each with an `EXPECTED` dict of its own; they are merged below.
"""

from __future__ import annotations

import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _start_here(fig: dict, lang: str) -> None:
    names = sorted(p.name for p in (ROOT / "course").glob("[0-9][0-9].[0-9][0-9]-*.ipynb"))
    assert fig["notebooks"] == len(names)
    assert fig["chapters"] == len({n[:2] for n in names})
    # each edition lists its own exercises (the Chinese ones are the assignments "<name>-zh")
    edition = [p for p in (ROOT / "exercises").glob("*/*.ipynb") if p.parent.name.endswith("-zh") == (lang == "zh")]
    assert fig["exercises"] == len(edition) >= 6


def _three_questions(fig: dict, lang: str) -> None:
    # Defaults of the parameters cell, by hand: 30 + 20 + 15 = 65 million available,
    # less 25 of stock and 5 of cash = a 35 million ceiling;
    # 200 million of annual sales at 60 days = 200e6 / 365 * 60 carried.
    required = 200e6 / 365 * 60
    assert math.isclose(fig["funds_available"], 65e6)
    assert math.isclose(fig["ceiling"], 35e6)
    assert math.isclose(fig["required"], required, rel_tol=1e-9)
    assert math.isclose(fig["headroom"], 35e6 - required, rel_tol=1e-9)
    assert math.isclose(fig["max_dso"], 35e6 / (200e6 / 365), rel_tol=1e-9)


def _case_frames():
    import pandas as pd

    d = ROOT / "datasets" / "electromech"
    inv = pd.read_csv(d / "invoices.csv", parse_dates=["invoice_date", "due_date"])
    pay = pd.read_csv(d / "payments.csv", parse_dates=["paid_date"])
    as_of = max(inv["invoice_date"].max(), pay["paid_date"].max())
    paid = pay[pay["paid_date"] <= as_of].groupby("invoice_id")["paid_amount"].sum()
    inv = inv[inv["invoice_date"] <= as_of].copy()
    inv["open"] = inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)
    return inv, as_of


def _case_and_question(fig: dict, lang: str) -> None:
    import pandas as pd

    inv, as_of = _case_frames()
    n = len(pd.read_csv(ROOT / "datasets" / "electromech" / "invoices.csv"))
    assert fig["lang"] == lang
    assert fig["as_of"] == str(as_of.date())
    assert fig["rows_read"] == n == fig["rows_used"] + fig["rows_rejected"]
    assert fig["customers"] == inv["customer_id"].nunique()
    open_ = inv[inv["open"].abs() > 0.005]
    assert math.isclose(fig["open_balance"], open_["open"].sum(), abs_tol=0.02)
    assert math.isclose(fig["top_debtor_balance"], open_.groupby("customer_id")["open"].sum().max(), abs_tol=0.02)


def _aging_and_dso(fig: dict, lang: str) -> None:
    inv, as_of = _case_frames()
    open_ = inv[inv["open"].abs() > 0.005]
    balance = open_["open"].sum()
    current = open_.loc[open_["due_date"] >= as_of, "open"].sum()
    sales = inv.loc[inv["invoice_date"] > as_of - __import__("pandas").Timedelta(days=90), "amount"].sum()
    assert fig["lang"] == lang and fig["buckets"] == 7 and fig["months"] == 24
    assert math.isclose(fig["open_balance"], balance, abs_tol=0.02)
    assert math.isclose(fig["current"], current, abs_tol=0.02)
    assert math.isclose(fig["sales_90d"], sales, abs_tol=0.02)
    assert math.isclose(fig["dso"], balance / sales * 90, abs_tol=0.01)
    assert math.isclose(fig["best_possible_dso"], current / sales * 90, abs_tol=0.01)


# ---- chapter 02, About receivables: plain pandas on the case CSVs, and hand-computed constants.

CASE = ROOT / "datasets" / "electromech"
CH02_AS_OF = "2025-12-31"  # the notebooks' `as_of` default


def _ch02_open_items():
    """Open amount per invoice as of CH02_AS_OF (credit notes kept), with the debtor type."""
    import pandas as pd

    as_of = pd.Timestamp(CH02_AS_OF)
    inv = pd.read_csv(
        CASE / "invoices.csv", dtype={"invoice_id": str, "customer_id": str}, parse_dates=["invoice_date", "due_date"]
    )
    pay = pd.read_csv(CASE / "payments.csv", dtype={"invoice_id": str}, parse_dates=["paid_date"])
    cust = pd.read_csv(CASE / "customers.csv", dtype=str)
    paid = pay[pay["paid_date"] <= as_of].groupby("invoice_id")["paid_amount"].sum()
    inv = inv[inv["invoice_date"] <= as_of].copy()
    inv["open"] = inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)
    inv = inv.merge(cust[["customer_id", "debtor_type"]], on="customer_id", how="left")
    inv["dpd"] = (as_of - inv["due_date"]).dt.days
    return inv, inv[inv["open"].abs() > 0.005], as_of


def _why_receivables_arise(fig: dict, lang: str) -> None:
    import pandas as pd

    inv, open_, as_of = _ch02_open_items()
    sales = inv[inv["amount"] > 0]
    on_credit = sales.loc[sales["due_date"] > sales["invoice_date"], "amount"].sum()
    assert fig["as_of"] == CH02_AS_OF
    assert math.isclose(fig["invoiced"], sales["amount"].sum(), abs_tol=0.01)
    assert math.isclose(fig["credit_share"], on_credit / sales["amount"].sum() * 100, abs_tol=0.005)
    assert math.isclose(fig["open_balance"], open_["open"].sum(), abs_tol=0.02)
    assert math.isclose(fig["open_balance"], 38_089_773.10, abs_tol=0.02)  # datasets/electromech/README.md
    assert math.isclose(fig["overdue_balance"], open_.loc[open_["dpd"] > 0, "open"].sum(), abs_tol=0.02)
    last_90 = inv.loc[inv["invoice_date"] > as_of - pd.Timedelta(days=90), "amount"].sum()
    assert math.isclose(fig["dso"], open_["open"].sum() / last_90 * 90, abs_tol=0.051)  # shown to 0.1 day
    # Collection effort with the notebook's ✏️ defaults: minutes per kind, CNY 100 an hour.
    minutes = {"call": 10, "email": 5, "letter": 20, "statement": 15, "acknowledgement": 20, "demand": 30, "visit": 240}
    kinds = pd.read_csv(CASE / "activities.csv", dtype=str)["kind"].value_counts()
    hours = sum(n * minutes[k] for k, n in kinds.items()) / 60
    assert fig["activities"] == kinds.sum() == 1092
    assert math.isclose(fig["effort_hours"], hours, abs_tol=0.005)
    assert math.isclose(fig["effort_cost"], hours * 100, abs_tol=0.005)


def _overdue_and_profit(fig: dict, lang: str) -> None:
    inv, _, _ = _ch02_open_items()
    # The parameters cell cites two invoices of the case: check it cites them right.
    wenzhou = inv.set_index("invoice_id").loc["INV2023000001"]
    brantec = inv.set_index("invoice_id").loc["INV2024000726"]
    assert math.isclose(wenzhou["open"], 48_590.00, abs_tol=0.005)
    assert math.isclose(brantec["open"], 51_923.50, abs_tol=0.005) and brantec["dpd"] == 320
    balance, days, margin, rate = 51_923.50, 320, 0.05, 0.045
    # By hand: 320 days = 10.52 months, on the survey line from (6, 50 %) to (12, 25 %).
    months = days * 12 / 365
    p = 0.50 - 0.25 * (months - 6) / 6
    carrying = balance * rate * days / 365
    loss = balance * (1 - p)
    assert math.isclose(fig["sales_needed"], 971_800.00, abs_tol=0.005)  # 48,590 / 5 %
    assert math.isclose(fig["carrying_cost"], carrying, abs_tol=0.005)
    assert math.isclose(fig["collectability"], p, abs_tol=0.00005)
    assert math.isclose(fig["expected_loss"], loss, abs_tol=0.005)
    assert math.isclose(fig["total_cost"], loss + carrying, abs_tol=0.005)
    assert math.isclose(fig["sales_to_replace_total"], (loss + carrying) / margin, abs_tol=0.01)
    assert math.isclose(fig["expected_loss_730"], balance * 0.90, abs_tol=0.005)  # flat at 10 % after 24 months
    # 2/10 net 30: course/references.md §3.4 gives 37.2 % (simple) and about 44.6 % (compounded).
    assert math.isclose(fig["discount_cost"], 0.02 / 0.98 * 365 / 20, abs_tol=0.00005)
    assert math.isclose(fig["discount_cost_compounded"], (1 + 0.02 / 0.98) ** (365 / 20) - 1, abs_tol=0.00005)


def _why_accounts_go_overdue(fig: dict, lang: str) -> None:
    import pandas as pd

    _, open_, _ = _ch02_open_items()
    assert fig["as_of"] == CH02_AS_OF
    types = pd.read_csv(CASE / "customers.csv", dtype=str)["debtor_type"].value_counts().to_dict()
    assert (
        fig["customers_by_type"]
        == types
        == {"able_willing": 25, "able_unwilling": 6, "unable_willing": 6, "unable_unwilling": 3}
    )  # README
    open_by = open_.groupby("debtor_type")["open"].sum()
    overdue_by = open_[open_["dpd"] > 0].groupby("debtor_type")["open"].sum()
    for code in types:
        assert math.isclose(fig["open_by_type"][code], open_by.get(code, 0.0), abs_tol=0.02)
        assert math.isclose(fig["overdue_by_type"][code], overdue_by.get(code, 0.0), abs_tol=0.02)
    assert fig["classifier_type"] == "able_unwilling"  # the widget starts at able = True, willing = False
    assert fig["fishbone_causes"] == 18 and fig["course_causes"] == 5  # 6 bones x 3; the course names 5
    excuses = pd.read_csv(CASE / "activities.csv", dtype=str, keep_default_na=False)["excuse_code"]
    counts = excuses[excuses != ""].value_counts()
    assert fig["excuses"] == counts.sum() == 438  # README: 438 of the 1,092 activities
    assert (fig["top_excuse"], fig["top_excuse_times"]) == (counts.index[0], counts.iloc[0])


EXPECTED = {
    "course/00.00-Start-Here.ipynb": _start_here,
    "course/01.00-The-Three-Key-Questions.ipynb": _three_questions,
    "course/02.00-Why-Receivables-Arise.ipynb": _why_receivables_arise,
    "course/02.01-Overdue-And-Profit.ipynb": _overdue_and_profit,
    "course/02.02-Why-Accounts-Go-Overdue.ipynb": _why_accounts_go_overdue,
    "cases/01.00-The-Case-And-The-Question.ipynb": _case_and_question,
    "cases/02.00-Aging-And-DSO.ipynb": _aging_and_dso,
}


def _merge_parts() -> None:
    """Add the `EXPECTED` of every `expected_*.py` beside this file; a notebook may appear once."""
    import importlib

    for path in sorted(Path(__file__).parent.glob("expected_*.py")):
        part = importlib.import_module(f"{__package__}.{path.stem}")
        twice = sorted(set(part.EXPECTED) & set(EXPECTED))
        if twice:
            raise ValueError(f"{path.name}: notebooks checked twice: {', '.join(twice)}")
        EXPECTED.update(part.EXPECTED)


_merge_parts()
