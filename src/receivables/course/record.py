"""The last cell of every notebook records its key figures, so tests assert numbers.

The figures are "glued" into the notebook's output as a JSON bundle of our own MIME
type (what scrapbook's glue does, without the dependency), with a small readable table
beside it, folded away: it holds the figures at the notebook's starting values (Run All),
for the trainer and the tests, and would contradict a widget the learner moves afterwards,
so it opens only on a click and its summary line says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import nbformat

RECORD_CALL = "record("
MIME = "application/vnd.receivables.figures+json"


def _plain(value: Any) -> Any:
    """JSON-able plain Python: numpy/pandas scalars to float/int/str, NaN to None."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


#: How each labelled figure is shown (texts/figure.yml has the labels); counts and plain
#: numbers need no entry.
MONEY = frozenset(
    [
        "open_balance",
        "overdue_balance",
        "current",
        "top_debtor_balance",
        "sales_90d",
        "invoiced",
        "effort_cost",
        "ladder_last_step_amount",
        "claim_amount",
        "open_end",
        "open_then",
        "confirmed",
        "received_12m",
        "own_sales",
        "over_limit_excess",
        "key_invoiced",
        "key_open_balance",
        "late_interest",
        "key_account_open",
        "expected_loss",
        "carrying_cost",
        "sales_to_replace_loss",
        "aging_allowance",
        "matrix_expected_loss",
    ]
)
DAYS = frozenset(
    [
        "dso",
        "best_possible_dso",
        "add",
        "oldest_days_past_due",
        "claim_days_past_due",
        "claim_days_left",
        "customer_days_late",
        "key_mean_days_late",
    ]
)
PERCENT = frozenset(
    [
        "credit_share",
        "key_account_share",
        "pct_current",
        "pct_over_90",
        "confirmed_share",
        "bank_bill_share",
        "commercial_bill_share",
        "top_utilisation_pct",
        "key_sales_share",
        "key_open_share",
        "worst_rep_overdue_share",
    ]
)
FRACTION = frozenset(["kept_rate", "promise_kept_rate", "net_margin", "cost_of_funds"])
UNITS = {"days": ("days", "天"), "hours": ("hours", "小时")}


def _shown(key: str, value: Any, lang: str) -> str | None:
    """A figure as a learner reads it, or None when it is not for the table."""
    if value is None or isinstance(value, bool | Mapping | list | tuple):
        return None
    zh = lang == "zh"
    if isinstance(value, str):
        return value
    if key in MONEY:
        return f"{value:,.2f}"
    if key in DAYS:
        return f"{value:,} {UNITS['days'][zh]}" if isinstance(value, int) else f"{value:,.1f} {UNITS['days'][zh]}"
    if key == "effort_hours":
        return f"{value:,.1f} {UNITS['hours'][zh]}"
    if key in PERCENT:
        return f"{value:.1f}%" if zh else f"{value:.1f} %"
    if key in FRACTION:
        return f"{value:.1%}" if zh else f"{value * 100:.1f} %"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}"


def figures_table(figures: Mapping[str, Any], lang: str = "en", show: Sequence[str] | None = None) -> str:
    """The closing table as markdown, folded in a `<details>` block whose summary says
    what the figures are (at the starting values, not following the widgets): each labelled
    figure (or those in `show`) with its label and value in `lang`; empty when there is none
    to show."""
    from html import escape

    from receivables.i18n import t
    from receivables.i18n.texts import has

    keys = [k for k in (figures if show is None else show) if k in figures and has(f"figure.{k}")]
    rows = [(t(f"figure.{k}", lang), _shown(k, figures[k], lang)) for k in keys]
    rows = [(label, shown) for label, shown in rows if shown is not None]
    if not rows:
        return ""
    lines = "\n".join(f"| {label} | {shown} |" for label, shown in rows)
    summary = escape(f"{t('figures_table.title', lang)}{t('figures_table.note', lang)}", quote=False)
    # Blank lines around the table: markdown inside an HTML block is read as markdown.
    return (
        f'<details class="receivables-record">\n<summary>{summary}</summary>\n\n'
        f"| {t('figures_table.name', lang)} | {t('figures_table.value', lang)} |\n"
        f"|---|---:|\n{lines}\n\n</details>"
    )


def record(figures: Mapping[str, Any], lang: str = "en", show: Sequence[str] | None = None) -> None:
    """Glue the notebook's key figures (plain JSON values, for `recorded` and the tests)
    and show the labelled ones folded away (`figures_table`; `show`: just these keys, `()`
    for none).

    Returns nothing, so the cell shows the table alone, not a raw dict as well."""
    from IPython.display import display

    plain = _plain(dict(figures))
    table = figures_table(plain, lang, show)
    bundle = {MIME: plain, "text/markdown": table} if table else {MIME: plain, "text/plain": ""}
    display(bundle, raw=True)


def recorded(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The figures recorded in an executed notebook (the last record wins)."""
    found: dict[str, Any] | None = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if MIME in data:
                found = data[MIME]
    if found is None:
        raise LookupError("the notebook recorded no figures (its last cell should call record(...))")
    return dict(found)
