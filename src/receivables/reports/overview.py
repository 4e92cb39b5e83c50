"""Why receivables arise (为什么会产生应收账款) and their two characteristics,
liquidity (流动性) and risk (风险性), shown on a company's invoices.

- `credit_terms_mix`: how much of the sales went out on credit, by the terms given.
- `draw_receivables_history`: the receivables at each month end, split into not yet due
  and overdue: money turning back into cash (liquidity) and the part that does not come
  back on time (risk).
"""

from __future__ import annotations

import pandas as pd

from receivables.i18n import check_lang, t


def credit_terms_mix(invoices: pd.DataFrame) -> pd.DataFrame:
    """Invoices grouped by the credit terms they carry (due date - invoice date, days).

    Credit notes (negative amounts) are left out: they are not sales. Terms 0 means cash
    on delivery (no credit). Columns: ``terms_days``, ``invoices``, ``amount``,
    ``share`` (% of the amount invoiced), shortest terms first.
    """
    sales = invoices[invoices["amount"] > 0]
    terms = (pd.to_datetime(sales["due_date"]) - pd.to_datetime(sales["invoice_date"])).dt.days
    table = (
        sales.assign(terms_days=terms)
        .groupby("terms_days")
        .agg(invoices=("amount", "size"), amount=("amount", "sum"))
        .reset_index()
    )
    table["share"] = table["amount"] / table["amount"].sum() * 100
    return table


def terms_label(days: int, lang: str = "en") -> str:
    """ "Cash on delivery" for 0 days, else "60 days" / "60天"."""
    if int(days) == 0:
        return t("overview.cod", lang)
    return f"{int(days)} {t('unit.days', lang)}" if lang != "zh" else f"{int(days)}{t('unit.days', lang)}"


def draw_receivables_history(history: pd.DataFrame, lang: str = "en"):
    """Stacked bars of the month-end receivables, not yet due and overdue, in CNY 10k.

    ``history`` as from `receivables.metrics.monthly_history` (columns ``month``,
    ``closing_current_ar``, ``overdue_ar``, ``collections``).
    """
    import matplotlib.pyplot as plt

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import MAX_WIDTH_IN, readable

    check_lang(lang)
    setup_plots()
    months = history["month"].astype(str)
    current = history["closing_current_ar"] / 1e4
    overdue = history["overdue_ar"] / 1e4
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 3.8))
    ax.bar(months, current, color="#2f6feb", label=t("overview.not_due", lang))
    ax.bar(months, overdue, bottom=current, color="#b42318", label=t("overview.overdue", lang))
    ax.plot(
        months, history["collections"] / 1e4, color="#1a7f37", marker="o", lw=1.5, label=t("overview.collections", lang)
    )
    ax.set_ylabel(t("unit.10k_cny", lang))
    ax.set_title(t("overview.history_chart", lang))
    ax.tick_params(axis="x", rotation=90)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left")
    fig.tight_layout()
    return readable(fig)
