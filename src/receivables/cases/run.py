"""``receivables case run``: the case notebooks on a company's ledger, with its outputs.

Writes into ``out``: summary.json, rejected.csv, aging.xlsx, report.html and the
executed case notebooks (cases/*.ipynb run by papermill).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from receivables.ledger import Ledger, LedgerError, write_rejected
from receivables.metrics import PreparedLedger

from .load import load_case

SUMMARY_KEYS = [
    "as_of", "rows_read", "rows_used", "rows_rejected", "open_invoices", "open_balance",
    "overdue_balance", "aging", "sales_90d", "dso", "best_possible_dso", "add",
]

Progress = Callable[[str], None]


def cases_dir() -> Path:
    """cases/ of the repository (next to datasets/)."""
    return Path(__file__).resolve().parents[3] / "cases"


def case_notebooks() -> list[Path]:
    return sorted(p for p in cases_dir().glob("[0-9][0-9].[0-9][0-9]-*.ipynb"))


def _r(x: Any, nd: int = 2) -> float | None:
    if x is None:
        return None
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        pass
    return round(float(x), nd)


def case_summary(ledger: Ledger, prepared: PreparedLedger, as_of: str) -> dict[str, Any]:
    """summary.json: the issue's keys, amounts and days rounded to 2 decimals."""
    s = prepared.summary(as_of)
    # Recompute the ratios unrounded from the balances (metrics rounds days to 1).
    bal = prepared.balances(as_of)
    sales = s["sales_90d"]
    dso = bpdso = add = None
    if sales:
        dso = bal["open"] / sales * 90
        bpdso = bal["current"] / sales * 90
        add = dso - bpdso
    return {
        "as_of": s["as_of"],
        "rows_read": int(ledger.rows_read),
        "rows_used": int(ledger.rows_used),
        "rows_rejected": int(ledger.rows_rejected),
        "open_invoices": int(s["open_invoices"]),
        "open_balance": s["open_balance"],
        "overdue_balance": s["overdue_balance"],
        "aging": [
            {"bucket": a["bucket"], "amount": a["amount"], "count": int(a["count"])}
            for a in s["aging"]
        ],
        "sales_90d": s["sales_90d"],
        "dso": _r(dso),
        "best_possible_dso": _r(bpdso),
        "add": _r(add),
    }


# ------------------------------------------------------------------ xlsx


def write_xlsx(
    path: Path,
    summary: dict[str, Any],
    by_customer: pd.DataFrame,
    open_items: pd.DataFrame,
    rejected: pd.DataFrame | None,
    lang: str = "en",
) -> Path:
    from receivables.i18n import t

    money = "#,##0.00"
    sheets: list[tuple[str, pd.DataFrame]] = []
    rows = [(k, v) for k, v in summary.items() if k != "aging"]
    rows += [(f"aging {a['bucket']}", a["amount"]) for a in summary["aging"]]
    sheets.append(
        (t("case.sheet.summary", lang),
         pd.DataFrame(rows, columns=[t("case.figure", lang), t("case.value", lang)]))
    )
    sheets.append((t("case.sheet.by_customer", lang), by_customer.reset_index()))
    items = open_items.copy()
    for c in items.columns:
        if pd.api.types.is_datetime64_any_dtype(items[c]):
            items[c] = items[c].dt.tz_localize(None) if items[c].dt.tz else items[c]
    sheets.append((t("case.sheet.open_items", lang), items))
    rej = rejected if rejected is not None else pd.DataFrame({"row": [], "reason": []})
    sheets.append((t("case.sheet.rejected", lang), rej))
    with pd.ExcelWriter(path, engine="xlsxwriter", date_format="yyyy-mm-dd",
                        datetime_format="yyyy-mm-dd") as xw:
        book = xw.book
        fmt_money = book.add_format({"num_format": money})
        fmt_head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        for name, frame in sheets:
            name = name[:31]
            frame = frame.copy()
            frame.columns = [str(c) for c in frame.columns]
            frame.to_excel(xw, sheet_name=name, index=False)
            ws = xw.sheets[name]
            ws.freeze_panes(1, 0)
            for j, col in enumerate(frame.columns):
                ws.write(0, j, col, fmt_head)
                numeric = pd.api.types.is_float_dtype(frame[col])
                width = max(10, min(40, len(col) + 2))
                ws.set_column(j, j, width, fmt_money if numeric else None)
    return path


# ------------------------------------------------------------------ html


def write_html(path: Path, executed: list[Path], summary: dict[str, Any], lang: str) -> Path:
    """One self-contained HTML file: the executed notebooks without code."""
    import nbformat
    from nbconvert import HTMLExporter

    from receivables.i18n import t

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)
    parts = []
    style = ""
    for nb_path in executed:
        nb = nbformat.read(nb_path, as_version=4)
        body, _ = exporter.from_notebook_node(nb)
        if not style:
            style = body.split("<body", 1)[0]
        inner = body.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
        parts.append(f"<section>{inner}</section>")
    if not parts:  # no case notebooks: the summary alone
        rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in summary.items()
                       if k != "aging")
        style = f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{t('case.report_title', lang)}</title></head>"
        parts.append(f"<h1>{t('case.report_title', lang)}</h1><table>{rows}</table>")
    html = style + "<body>" + "<hr>".join(parts) + "</body></html>"
    path.write_text(html, encoding="utf-8")
    return path


# ------------------------------------------------------------------ run


def run_case(
    ledger: str | Path,
    mapping: str | Path | None = None,
    as_of: str | None = None,
    lang: str = "en",
    out: str | Path = "case-out",
    progress: Progress | None = None,
    currency: str = "",
    notebooks: list[Path] | None = None,
) -> dict[str, Any]:
    """Run the case on a ledger; returns summary.json's content. Raises LedgerError."""
    step = progress or (lambda _msg: None)
    ledger = Path(ledger)
    if not ledger.exists():
        raise LedgerError(f"ledger file not found: {ledger}")
    if mapping and not Path(mapping).exists():
        raise LedgerError(f"mapping file not found: {mapping}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)

    step("read")
    led, prepared, resolved = load_case(
        str(ledger.resolve()), str(Path(mapping).resolve()) if mapping else "", as_of or "", currency
    )
    if resolved is None:
        raise LedgerError(f"no date in {ledger}: cannot choose an as-of date")
    summary = case_summary(led, prepared, resolved)
    step("summary")
    (out / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    write_rejected(led, out / "rejected.csv")
    step("xlsx")
    write_xlsx(
        out / "aging.xlsx", summary, prepared.aging_by_customer(resolved),
        prepared.open_items(resolved), led.rejected, lang,
    )
    executed = []
    import logging

    import papermill as pm

    logging.getLogger("papermill").setLevel(logging.ERROR)

    for nb in case_notebooks() if notebooks is None else notebooks:
        step(nb.stem)
        target = out / nb.name
        pm.execute_notebook(
            str(nb), str(target), cwd=str(out), progress_bar=False, kernel_name="python3",
            parameters={
                "ledger": str(ledger.resolve()),
                "mapping": str(Path(mapping).resolve()) if mapping else "",
                "as_of": resolved, "lang": lang, "currency": currency,
            },
        )
        executed.append(target)
    step("html")
    write_html(out / "report.html", executed, summary, lang)
    return summary
