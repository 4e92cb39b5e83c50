"""Small exports written the way ERP systems write them, for the case-run tests and the
README's worked examples; and an independent pandas reading of their figures."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

#: The kit's default aging buckets by days past due: (label, upper bound inclusive).
BUCKETS = [
    ("current", 0),
    ("1-30", 30),
    ("31-60", 60),
    ("61-90", 90),
    ("91-180", 180),
    ("181-365", 365),
    ("over 365", 10**9),
]


def csv_bytes(rows: list[list], encoding: str, sep: str = ",", newline: str = "\r\n") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator=newline).writerows(rows)
    return out.getvalue().encode(encoding)


def independent_aging(frame: pd.DataFrame, as_of: str) -> dict[str, float]:
    """Open amount per bucket by days past due, from columns due (Timestamp) and open."""
    days = (pd.Timestamp(as_of) - frame["due"]).dt.days
    edges = [-(10**9)] + [upper for _, upper in BUCKETS]
    labels = [label for label, _ in BUCKETS]
    bucket = pd.cut(days, edges, labels=labels, right=True)
    return frame.groupby(bucket, observed=False)["open"].sum().reindex(labels).fillna(0.0).to_dict()


# ------------------------------------------------------------------ Kingdee / Yonyou


def kingdee_balance_export(folder: Path, n: int = 40, seed: int = 13) -> tuple[Path, pd.DataFrame, str]:
    """金蝶 应收账款明细表 as a GB18030 CSV: title lines, 金额 and 已收金额 without 收款日期, a 合计
    row and a 制表人 footer. Returns (path, the invoices as written: id, customer, due, amount,
    paid, open; the export's date)."""
    rnd = random.Random(seed)
    as_of = date(2025, 6, 30)
    customers = [
        ("000101", "上海华东机电有限公司"),
        ("000102", "北京燕山重工集团"),
        ("000103", "广州南方电气"),
        ("000104", "成都西部自动化"),
        ("000105", "武汉长江机械"),
    ]
    rows, kept = [], []
    for i in range(n):
        code, name = customers[rnd.randrange(len(customers))]
        issued = as_of - timedelta(days=rnd.randrange(5, 420))
        due = issued + timedelta(days=rnd.choice([30, 60, 90]))
        amount = round(rnd.uniform(1_000, 250_000), 2)
        paid = rnd.choice([0.0, amount, round(amount * rnd.uniform(0.1, 0.9), 2)])
        rows.append(
            [
                f"AR{i + 1:05d}",
                code,
                name,
                issued.isoformat(),
                due.isoformat(),
                f"{amount:,.2f}",
                f"{paid:,.2f}" if paid else "",
                "",
            ]
        )
        kept.append(
            {
                "id": f"AR{i + 1:05d}",
                "customer": code,
                "due": pd.Timestamp(due),
                "amount": amount,
                "paid": paid,
                "open": round(amount - paid, 2),
            }
        )
    frame = pd.DataFrame(kept)
    lines = [
        ["应收账款明细表"],
        [f"期间：2024年5月至{as_of.year}年{as_of.month}月", "", "币别：人民币"],
        ["单据编号", "客户编码", "客户名称", "业务日期", "到期日", "金额", "已收金额", "备注"],
        *rows,
        ["合计", "", "", "", "", f"{frame['amount'].sum():,.2f}", f"{frame['paid'].sum():,.2f}", ""],
        ["制表人：张三"],
    ]
    path = folder / "应收账款明细表.csv"
    path.write_bytes(csv_bytes(lines, "gb18030"))
    return path, frame, as_of.isoformat()


# ------------------------------------------------------------------ QuickBooks


def quickbooks_open_items(folder: Path, seed: int = 7) -> tuple[Path, pd.DataFrame, str]:
    """QuickBooks Online A/R Aging Detail as CSV: 4 report lines, a group row per aging
    bucket, 'Total for …' rows, TOTAL and the footer; columns Date, Transaction Type, Num,
    Customer, Due Date, Amount, Open Balance; an unapplied payment and a credit memo without
    a number. Returns (path, the detail rows: type, id, customer, due, amount, open; the
    report's date)."""
    rnd = random.Random(seed)
    as_of = date(2023, 12, 31)
    names = ["Acme Corp", "Beta LLC", "Cobalt Tools", "Delta Fabrication"]
    detail = []
    for i in range(14):
        issued = as_of - timedelta(days=rnd.randrange(3, 200))
        due = issued + timedelta(days=30)
        amount = round(rnd.uniform(300, 9_000), 2)
        open_ = amount if rnd.random() < 0.7 else round(amount * rnd.uniform(0.2, 0.8), 2)
        detail.append(["Invoice", str(1001 + i), rnd.choice(names), issued, due, amount, open_])
    detail.append(["Payment", "", "Acme Corp", as_of - timedelta(days=4), None, -1_250.0, -1_250.0])
    detail.append(
        ["Credit Memo", "", "Beta LLC", as_of - timedelta(days=40), as_of - timedelta(days=40), -310.5, -310.5]
    )
    frame = pd.DataFrame(detail, columns=["type", "id", "customer", "issued", "due", "amount", "open"])
    frame["due"] = pd.to_datetime(frame["due"].fillna(frame["issued"]))
    days = (pd.Timestamp(as_of) - frame["due"]).dt.days
    groups = [
        ("Current", days <= 0),
        ("1 - 30 days past due", (days > 0) & (days <= 30)),
        ("31 - 60 days past due", (days > 30) & (days <= 60)),
        ("61 - 90 days past due", (days > 60) & (days <= 90)),
        ("91 or more days past due", days > 90),
    ]

    def money(x: float) -> str:
        return f"{x:,.2f}"

    lines = [
        ["Precision Parts Manufacturing Inc."],
        ["A/R Aging Detail Report"],
        [f"As of {as_of:%B %d, %Y}"],
        [],
        ["", "Date", "Transaction Type", "Num", "Customer", "Due Date", "Amount", "Open Balance"],
    ]
    for label, mask in groups:
        part = frame[mask.to_numpy()]
        if part.empty:
            continue
        lines.append([label] + [""] * 7)
        for r in part.itertuples():
            lines.append(
                [
                    "",
                    f"{r.issued:%m/%d/%Y}",
                    r.type,
                    r.id,
                    r.customer,
                    "" if r.type == "Payment" else f"{r.due:%m/%d/%Y}",
                    money(r.amount),
                    money(r.open),
                ]
            )
        lines.append(
            [f"Total for {label}", "", "", "", "", "", f"${part['amount'].sum():,.2f}", f"${part['open'].sum():,.2f}"]
        )
    lines += [
        ["TOTAL", "", "", "", "", "", f"${frame['amount'].sum():,.2f}", f"${frame['open'].sum():,.2f}"],
        [],
        ["Accrual Basis Monday, January 8, 2024 10:12 AM GMT-08:00"] + [""] * 7,
    ]
    path = folder / "AR Aging Detail.csv"
    path.write_bytes(csv_bytes(lines, "utf-8"))
    return path, frame, as_of.isoformat()
