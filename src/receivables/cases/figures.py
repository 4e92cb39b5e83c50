"""One set of headline figures for a case run, computed once.

summary.json (`receivables.cases.run.case_summary`), aging.xlsx's Summary sheet and the
figures report.html shows in parts 1, 2 and 4 all read `case_figures`: the open and
overdue balance (credit notes netted, as in every aging table), the aging buckets, the
sales of the last 90 days and the DSO, best possible DSO and ADD on them. The report's
copies of these figures carry a machine-readable marker (`mark`: ``<span
data-figure="open_balance" data-value="42500000.0">42,500,000.00</span>``) so a test can
read them without scraping prose.

Two DSO definitions are shown in the report and each is named where it is shown: the
headline DSO divides the open balance by the sales of the last 90 days (× 90); the trend
chart's DSO divides each month-end's balance by that month's own sales (× its days).
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from receivables.i18n import check_lang, t
from receivables.metrics import HeadlineFigures, ratio, to_day
from receivables.metrics.prepared import SALES_WINDOW_DAYS, PreparedLedger, round_or_none

#: How many decimals each figure is shown with in the report's prose and tables.
SHOWN_DECIMALS = {"dso": 1, "best_possible_dso": 1, "add": 1}
COUNTS = ("rows_read", "rows_used", "rows_rejected", "open_invoices", "customers")


class RoundedFigures(HeadlineFigures):
    """What `CaseFigures.rounded` returns: the figures as summary.json holds them (amounts
    and days to 2 decimals; dso, best_possible_dso and add None when undefined)."""


@dataclass(frozen=True)
class CaseFigures:
    """The headline figures as of a date, unrounded (None where undefined)."""

    as_of: str
    open_balance: float
    overdue_balance: float
    open_invoices: int
    aging: pd.DataFrame  # bucket, amount, count: every bucket in order
    sales_90d: float
    dso: float | None
    best_possible_dso: float | None
    add: float | None
    credits: float  # open credit notes and overpayments (negative open amounts), netted above

    def rounded(self) -> RoundedFigures:
        """The figures as summary.json holds them: amounts and days to 2 decimals."""
        return {
            "as_of": self.as_of,
            "open_invoices": int(self.open_invoices),
            "open_balance": round_or_none(self.open_balance, 2),
            "overdue_balance": round_or_none(self.overdue_balance, 2),
            "aging": [
                {"bucket": str(b), "amount": round_or_none(a, 2), "count": int(c)}
                for b, a, c in zip(self.aging["bucket"], self.aging["amount"], self.aging["count"], strict=True)
            ],
            "sales_90d": round_or_none(self.sales_90d, 2),
            "dso": round_or_none(self.dso, 2),
            "best_possible_dso": round_or_none(self.best_possible_dso, 2),
            "add": round_or_none(self.add, 2),
        }


def case_figures(prepared: PreparedLedger, as_of: str) -> CaseFigures:
    """The headline figures of `prepared` as of ``as_of`` (ISO date)."""
    day = to_day(as_of)
    snap = prepared.snapshot(day)
    bal = prepared.balances(day)
    aging = prepared.aging(day)
    sales = prepared.sales_between(day - SALES_WINDOW_DAYS + 1, day)
    dso = ratio(bal["open"], sales, SALES_WINDOW_DAYS)
    bpdso = ratio(bal["current"], sales, SALES_WINDOW_DAYS)
    credits = float(snap.open[snap.is_open & (snap.open < 0)].sum())
    return CaseFigures(
        as_of=str(np.datetime64(day, "D")),
        open_balance=bal["open"],
        overdue_balance=bal["open"] - bal["current"],
        open_invoices=bal["count"],
        aging=aging,
        sales_90d=sales,
        dso=dso,
        best_possible_dso=bpdso,
        add=None if dso is None or bpdso is None else dso - bpdso,
        credits=credits,
    )


# ------------------------------------------------------------------ markers


def shown(key: str, value: Any) -> str:
    """A figure as the report shows it: counts 1,215; amounts 42,500,000.00; days 121.3."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if key in COUNTS or key.endswith(".count"):
        return f"{int(value):,}"
    if key == "as_of":
        return str(value)
    return f"{float(value):,.{SHOWN_DECIMALS.get(key, 2)}f}"


def mark(key: str, value: Any, text: str | None = None) -> str:
    """``<span data-figure="key" data-value="…">text</span>``: a figure in the report with
    its key (summary.json's, ``aging.<bucket>.amount`` / ``.count`` for the buckets) and its
    value as summary.json holds it (2 decimals), around the text a reader sees (`shown`)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        data = ""
    elif key in COUNTS or key.endswith(".count"):
        data = str(int(value))
    elif key == "as_of":
        data = str(value)
    else:
        data = repr(round(float(value), 2))
    body = shown(key, value) if text is None else text
    return (
        f'<span data-figure="{html.escape(key, quote=True)}" data-value="{html.escape(data, quote=True)}">'
        f"{html.escape(body)}</span>"
    )


#: A marked figure in report.html: (key, data-value, text shown).
MARKED = re.compile(r'<span data-figure="([^"]+)" data-value="([^"]*)">([^<]*)</span>')
#: Marked figures summary.json does not hold.
NOT_IN_SUMMARY = frozenset({"customers"})


def summary_value(summary: dict[str, Any], key: str) -> Any:
    """summary.json's value for a marked figure's key (``aging.<bucket>.amount|count`` too);
    KeyError when summary.json has no such figure."""
    if key.startswith("aging."):
        _, bucket, what = key.split(".")
        (row,) = [a for a in summary["aging"] if a["bucket"] == bucket]
        return row[what]
    return summary[key]


def report_disagreements(report_html: str, summary: dict[str, Any]) -> list[str]:
    """Every figure report.html marks that is not summary.json's number (its value, or the
    text a reader sees, beyond the rounding it is shown with), as sentences; [] when the
    report agrees with itself."""
    problems = []
    for key, value, text in MARKED.findall(report_html):
        if key in NOT_IN_SUMMARY:
            continue
        text = html.unescape(text)
        try:
            expected = summary_value(summary, key)
        except (KeyError, ValueError):
            problems.append(f"{key}: shown as {text} but summary.json has no such figure")
            continue
        if expected is None:
            ok = value == "" and text == "—"
        elif key == "as_of":
            ok = value == text == str(expected)
        elif isinstance(expected, int) and not isinstance(expected, bool):
            ok = value.lstrip("-").isdigit() and int(value) == expected and text.replace(",", "") == str(expected)
        else:
            try:
                shown_value = float(text.replace(",", ""))
                decimals = len(text.rpartition(".")[2]) if "." in text else 0
                ok = float(value) == float(expected) and math.isclose(
                    shown_value, float(expected), abs_tol=0.5 * 10**-decimals + 0.005
                )
            except ValueError:
                ok = False
        if not ok:
            problems.append(f"{key}: report.html shows {text} (value {value or 'none'}), summary.json has {expected}")
    return problems


# ------------------------------------------------------------------ currency

#: Ways ledgers write a currency -> its ISO code.
CURRENCY_ALIASES = {
    "CNY": "CNY",
    "RMB": "CNY",
    "人民币": "CNY",
    "¥": "CNY",
    "￥": "CNY",
    "元": "CNY",
    "CNH": "CNY",
    "EUR": "EUR",
    "€": "EUR",
    "欧元": "EUR",
    "USD": "USD",
    "$": "USD",
    "US$": "USD",
    "美元": "USD",
    "GBP": "GBP",
    "£": "GBP",
    "英镑": "GBP",
    "JPY": "JPY",
    "日元": "JPY",
    "HKD": "HKD",
    "港币": "HKD",
    "港元": "HKD",
}


def currency_code(value: str | None) -> str | None:
    """A currency as written in a ledger or a mapping ("人民币", "eur", "€") as its code
    ("CNY", "EUR"); an unknown one as written (upper case); None for nothing."""
    text = str(value or "").strip()
    if not text:
        return None
    return CURRENCY_ALIASES.get(text.upper(), CURRENCY_ALIASES.get(text, text.upper()))


def ledger_currency(book, currency: str | None = "") -> str | None:
    """The ledger's currency: the one chosen (``currency`` parameter or the mapping's
    ``currency:``, which keep only its rows), else the currency column's only value; None
    when the ledger does not say."""
    chosen = currency_code(currency)
    if chosen:
        return chosen
    invoices = getattr(book, "invoices", None)
    if invoices is not None and "currency" in invoices.columns:
        values = {currency_code(v) for v in invoices["currency"].astype("string").fillna("").unique()} - {None}
        if len(values) == 1:
            return values.pop()
    return None


def money_unit(currency: str | None, lang: str = "en") -> tuple[float, str]:
    """(divisor, label) for a chart's amount axis: CNY in 万元 / "CNY 10k" as the course
    shows it; another currency in its own units ("EUR"); none known: plain "Amount"."""
    check_lang(lang)
    if currency == "CNY":
        return 1e4, t("unit.10k_cny", lang)
    if currency:
        return 1.0, t("cases.f.amount_in", lang).format(unit=currency)
    return 1.0, t("case.amount", lang)


# ------------------------------------------------------------------ sentences


def about_sentence(ledger: str | Path | None, book, currency: str | None = None, lang: str = "en") -> str:
    """Part 1's opening: the kit's invented company for its own case, otherwise the
    company's own ledger by its file name (and currency, when the ledger says)."""
    from .load import is_kit_case

    check_lang(lang)
    if is_kit_case(ledger):
        return t("cases.f.kit_case", lang)
    code = ledger_currency(book, currency)
    if code:
        return t("cases.f.own_ledger_currency", lang).format(file=Path(ledger).name, currency=code)
    return t("cases.f.own_ledger", lang).format(file=Path(ledger).name)


def ledger_sentence(book, figures: CaseFigures, lang: str = "en") -> str:
    """Part 1: rows read, used and rejected, customers, the invoices' dates, the as-of date."""
    check_lang(lang)
    inv = book.invoices
    used, rejected = int(book.rows_used), int(book.rows_rejected)
    return t("cases.f.ledger", lang).format(
        read=mark("rows_read", int(book.rows_read)),
        used=mark("rows_used", used),
        rejected=mark("rows_rejected", rejected),
        total=f"{used + rejected:,}",
        customers=mark("customers", int(inv["customer_id"].nunique())),
        first=inv["invoice_date"].min().date(),
        last=inv["invoice_date"].max().date(),
        as_of=mark("as_of", figures.as_of),
    )


def balance_sentence(figures: CaseFigures, top_share: float, lang: str = "en") -> str:
    """Part 1, under the top debtors: their share and the open and overdue balance."""
    check_lang(lang)
    share = "—" if top_share is None or math.isnan(top_share) else f"{top_share:.1f}%"
    return t("cases.f.top_share", lang).format(
        share=share,
        open=mark("open_balance", figures.open_balance),
        overdue=mark("overdue_balance", figures.overdue_balance),
    )


def dso_sentence(figures: CaseFigures, lang: str = "en") -> str:
    """Part 2's headline: open and overdue balance, the 90 days' sales, DSO, BPDSO and ADD,
    each DSO named by its definition."""
    check_lang(lang)
    if figures.dso is None:
        return t("cases.f.no_dso", lang).format(
            as_of=mark("as_of", figures.as_of),
            open=mark("open_balance", figures.open_balance),
            overdue=mark("overdue_balance", figures.overdue_balance),
            sales=mark("sales_90d", figures.sales_90d),
        )
    return t("cases.f.dso", lang).format(
        as_of=mark("as_of", figures.as_of),
        open=mark("open_balance", figures.open_balance),
        overdue=mark("overdue_balance", figures.overdue_balance),
        sales=mark("sales_90d", figures.sales_90d),
        dso=mark("dso", figures.dso),
        bpdso=mark("best_possible_dso", figures.best_possible_dso),
        add=mark("add", figures.add),
        window=SALES_WINDOW_DAYS,
    )


def trend_sentence(history: pd.DataFrame, figures: CaseFigures, lang: str = "en") -> str:
    """Under the trend chart: how its DSO moved, and why its last point is not the headline DSO."""
    check_lang(lang)
    dso = history["dso"].astype(float)
    if history.empty or dso.isna().all():
        return t("cases.f.trend_empty", lang)
    first, last = dso.first_valid_index(), dso.last_valid_index()
    text = t("cases.f.trend", lang).format(
        first=f"{dso[first]:.1f}",
        first_month=history["month"][first],
        last=f"{dso[last]:.1f}",
        last_month=history["month"][last],
    )
    headline = "—" if figures.dso is None else f"{figures.dso:.1f}"
    return text + " " + t("cases.f.two_dso", lang).format(headline=headline, window=SALES_WINDOW_DAYS)


def aging_table(figures: CaseFigures, lang: str = "en"):
    """Part 2's aging table (bucket, amount, count) as a Styler whose figures carry markers."""
    from .outputs import bucket_header

    check_lang(lang)
    aging = figures.aging
    frame = pd.DataFrame(
        {
            t("case.bucket", lang): [bucket_header(str(b), lang) for b in aging["bucket"]],
            t("case.amount", lang): [
                mark(f"aging.{b}.amount", a) for b, a in zip(aging["bucket"], aging["amount"], strict=True)
            ],
            t("case.count", lang): [
                mark(f"aging.{b}.count", c) for b, c in zip(aging["bucket"], aging["count"], strict=True)
            ],
        }
    )
    return frame.style.hide(axis="index").set_properties(
        subset=[t("case.amount", lang), t("case.count", lang)], **{"text-align": "right"}
    )


# ------------------------------------------------------------------ charts


def draw_aging(figures: CaseFigures, lang: str = "en", currency: str | None = "CNY"):
    """Part 2's aging bars: the open amount per bucket in the ledger's currency
    (`money_unit`), bucket labels turned so they never run into each other, the amount axis
    with thousands separators and no offset or power of ten (`readable`)."""
    import matplotlib.pyplot as plt

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import MAX_WIDTH_IN, readable

    from .outputs import bucket_header

    check_lang(lang)
    setup_plots()
    scale, unit = money_unit(currency, lang)
    aging = figures.aging
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 4))
    colours = ["#4c9a2a"] + ["#e0a030"] * 3 + ["#c0392b"] * max(0, len(aging) - 4)
    ax.bar(
        [bucket_header(str(b), lang) for b in aging["bucket"]],
        aging["amount"].to_numpy(dtype=float) / scale,
        color=colours[: len(aging)],
    )
    ax.set_xlabel(t("case.bucket", lang))
    ax.set_ylabel(unit)
    ax.set_title(f"{t('case.bucket', lang)} · {figures.as_of}")
    ax.tick_params(axis="x", rotation=30)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
        label.set_rotation_mode("anchor")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return readable(fig)


def draw_trend(history: pd.DataFrame, lang: str = "en"):
    """Part 2's trend: DSO and best possible DSO on each month's own sales (days, left) and
    CEI (%, right, 0 to at least 100: a flat or empty CEI never turns into an axis of
    1e-14), one legend for both axes with the catalogue's names in ``lang``."""
    import matplotlib.pyplot as plt

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import MAX_WIDTH_IN, readable

    check_lang(lang)
    setup_plots()
    months = history["month"].astype(str).tolist()
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 4))
    ax.plot(months, history["dso"].astype(float), marker="o", label=t("cases.f.dso_month", lang))
    ax.plot(months, history["best_possible_dso"].astype(float), marker=".", label=t("cases.f.bpdso_month", lang))
    ax.set_ylabel(t("unit.days", lang))
    ax.set_ylim(bottom=0)
    ax2 = ax.twinx()
    cei = history["cei"].astype(float)
    ax2.plot(months, cei, color="#888", linestyle="--", label=t("tracking.cei", lang))
    top = float(np.nanmax(cei.to_numpy())) if cei.notna().any() else 100.0
    ax2.set_ylim(0, max(105.0, top * 1.05))
    ax2.set_ylabel(t("tracking.cei", lang))
    ax.tick_params(axis="x", rotation=90)
    lines = ax.get_legend_handles_labels()
    more = ax2.get_legend_handles_labels()
    # Above the plot, never over the lines.
    ax.legend(
        lines[0] + more[0],
        lines[1] + more[1],
        loc="lower left",
        bbox_to_anchor=(0, 1.01),
        ncol=3,
        frameon=False,
        borderaxespad=0,
        handlelength=1.5,
        columnspacing=1.0,
    )
    ax.spines[["top"]].set_visible(False)
    ax2.spines[["top"]].set_visible(False)
    fig.tight_layout()
    return readable(fig)
