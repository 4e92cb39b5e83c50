"""What each notebook's recorded figures must be, computed independently of the package.

Every notebook of course/ and cases/ needs an entry: a notebook whose numbers nobody
checks fails the suite.
"""

from __future__ import annotations

import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _start_here(fig: dict, lang: str) -> None:
    names = sorted(p.name for p in (ROOT / "course").glob("[0-9][0-9].[0-9][0-9]-*.ipynb"))
    assert fig["notebooks"] == len(names)
    assert fig["chapters"] == len({n[:2] for n in names})


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
    assert math.isclose(
        fig["top_debtor_balance"], open_.groupby("customer_id")["open"].sum().max(), abs_tol=0.02
    )


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


EXPECTED = {
    "course/00.00-Start-Here.ipynb": _start_here,
    "course/01.00-The-Three-Key-Questions.ipynb": _three_questions,
    "cases/01.00-The-Case-And-The-Question.ipynb": _case_and_question,
    "cases/02.00-Aging-And-DSO.ipynb": _aging_and_dso,
}
