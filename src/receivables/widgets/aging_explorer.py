"""Widget: the aging explorer on a ledger (账龄分析). Course item 案例分析:机电公司应收欠款.

Pick an as-of month end on a slider, type the bucket edges, sort the customers by what
is overdue, pick one customer to see its open invoices; the DSO and CEI trend of the
whole ledger marks the chosen month. The ledger is prepared once
(`receivables.metrics.PreparedLedger`), so every change re-ages it in milliseconds; the
figures come from `receivables.metrics.explorer`.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w
import numpy as np
import pandas as pd

from receivables.frames import name_column
from receivables.i18n import t, term
from receivables.metrics import PreparedLedger
from receivables.metrics.explorer import SORT_KEYS, ExplorerResult, explore, parse_edges
from receivables.reports.tracking import bucket_label
from receivables.widgets.base import LABEL_WIDTH, ReactiveWidget, show

SORT_LABELS = {
    "overdue": "explorer.sort_overdue",
    "total": "explorer.sort_total",
    "customer_id": "explorer.sort_customer_id",
}
DEFAULT_EDGES = "30, 60, 90, 180, 365"


def _money(x: float) -> str:
    return f"{x:,.0f}"


def _days(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


def _html_table(frame: pd.DataFrame, css: str) -> str:
    return frame.to_html(index=False, escape=True, classes=css, border=0, na_rep="—")


class AgingExplorerWidget(ReactiveWidget):
    """An aging explorer on one ledger (invoices and payments in the ledger.model columns).

    Controls: ``as_of`` (a month end of the history, "YYYY-MM-DD"), ``edges`` (text of
    increasing positive days), ``customer`` ("" for all, else a customer id) and
    ``sort_by`` ("overdue", "total", "customer_id"). ``customers`` (optional, like the
    case's customers.csv with name_en / name_zh) names the customers in ``lang``.
    ``.result`` is `receivables.metrics.explorer.explore`'s dict.
    """

    def __init__(
        self,
        invoices: pd.DataFrame,
        payments: pd.DataFrame | None = None,
        lang: str = "en",
        as_of: str | None = None,
        edges: str = DEFAULT_EDGES,
        customer: str = "",
        sort_by: str = "overdue",
        customers: pd.DataFrame | None = None,
        months: int = 24,
        top: int = 12,
    ):
        self.prepared = PreparedLedger(invoices, payments)
        self.history = self.prepared.monthly_history(months=months)
        if self.history.empty:
            raise ValueError("the ledger has no dated invoices to explore")
        self.top = top
        self.error = w.HTML()
        self.names = self._customer_names(invoices, customers, lang)
        dates = [str(d.date()) for d in self.history["period_end"]]
        as_of = dates[-1] if as_of in (None, "") else str(as_of)
        parse_edges(edges)
        controls = {
            "as_of": w.SelectionSlider(
                options=dates,
                value=self._check_choice("as_of", as_of, dates),
                description=t("explorer.as_of", lang),
                continuous_update=False,
                style={"description_width": LABEL_WIDTH},
                layout=w.Layout(width="40em"),
            ),
            "edges": w.Text(
                value=edges,
                description=t("explorer.edges", lang),
                placeholder=DEFAULT_EDGES,
                continuous_update=False,
                style={"description_width": LABEL_WIDTH},
                layout=w.Layout(width="40em"),
            ),
            "customer": w.Dropdown(
                options=[(t("explorer.all_customers", lang), "")] + [(f"{c} · {n}", c) for c, n in self.names.items()],
                value=self._check_choice("customer", customer, ["", *self.names]),
                description=t("explorer.customer", lang),
                style={"description_width": LABEL_WIDTH},
                layout=w.Layout(width="40em"),
            ),
            "sort_by": w.ToggleButtons(
                options=[(t(SORT_LABELS[k], lang), k) for k in SORT_KEYS],
                value=self._check_choice("sort_by", sort_by, SORT_KEYS),
                description=t("explorer.sort_by", lang),
                style={"description_width": LABEL_WIDTH, "button_width": "9em"},
            ),
        }
        self.tables = w.HTML()
        super().__init__(controls, self._explore, lang)

    @staticmethod
    def _customer_names(invoices: pd.DataFrame, customers: pd.DataFrame | None, lang: str) -> dict[str, str]:
        ids = invoices["customer_id"].astype(str)
        names = pd.Series(ids.to_numpy(), index=ids.to_numpy())
        if "customer_name" in invoices.columns:
            names = pd.Series(invoices["customer_name"].astype(str).to_numpy(), index=ids.to_numpy())
        names = names[~names.index.duplicated()]
        column = name_column(lang)
        if customers is not None and column in customers.columns:
            own = customers.set_index(customers["customer_id"].astype(str))[column].astype(str)
            names = own.reindex(names.index).fillna(names)
        return dict(sorted(names.items()))

    @staticmethod
    def _check_choice(name: str, value: Any, choices) -> Any:
        if value not in choices:
            shown = ", ".join(map(str, list(choices)[:3]))
            raise ValueError(f"{name} = {value!r} is not one of the choices ({shown} …)")
        return value

    def _explore(self, as_of: str, edges: str, customer: str, sort_by: str) -> ExplorerResult:
        return explore(self.prepared, self.history, as_of, edges, customer, sort_by, known=self.names)

    def set(self, **values: Any) -> dict[str, Any]:
        """As the base, but a bad value raises ValueError instead of being ignored or clamped."""
        if "edges" in values:
            parse_edges(values["edges"])
        if "as_of" in values:
            self._check_choice("as_of", str(values["as_of"]), self.controls["as_of"].options)
            values["as_of"] = str(values["as_of"])
        if "customer" in values:
            self._check_choice("customer", values["customer"], ["", *self.names])
        if "sort_by" in values:
            self._check_choice("sort_by", values["sort_by"], SORT_KEYS)
        return super().set(**values)

    def update(self) -> None:
        # A learner's typing slip (bad edges) is shown and not applied; the last good view stays.
        try:
            result = self._compute(**self.values)
        except ValueError as error:
            self.error.value = (
                f"<p style='color:#b42318'>{escape(t('explorer.bad_input', self.lang).format(error=error))}</p>"
            )
            return
        self.error.value = ""
        self.result = result
        self.summary.value = self.render_summary(result)
        self.tables.value = self.render_tables(result)
        with self.output:
            self.output.clear_output(wait=True)
            self.render_chart(result)

    # -- views -------------------------------------------------------------------------

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        cny = t("unit.cny", lang)
        rows = [
            (term("explorer.open_balance", lang), f"{_money(r['open_balance'])} {cny}"),
            (term("explorer.overdue_balance", lang), f"{_money(r['overdue_balance'])} {cny}"),
            (t("explorer.open_invoices", lang), f"{r['open_invoices']:,}"),
            (term("explorer.dso", lang), _days(r["dso"])),
            (term("explorer.bpdso", lang), _days(r["best_possible_dso"])),
            (term("explorer.add", lang), _days(r["add"])),
            (term("explorer.cei", lang), "—" if r["cei"] is None else f"{r['cei']:.1f}%"),
            (term("explorer.pct_current", lang), "—" if r["pct_current"] is None else f"{r['pct_current']:.1f}%"),
        ]
        who = (
            self.names.get(r["customer"], t("explorer.all_customers", lang))
            if r["customer"]
            else t("explorer.all_customers", lang)
        )
        body = "".join(
            f"<tr><td>{escape(k)}</td><td style='text-align:right'><b>{escape(v)}</b></td></tr>" for k, v in rows
        )
        return (
            f"<h4 style='margin:0.4em 0'>{escape(r['as_of'])} · {escape(who)}</h4>"
            f"<table class='receivables-explorer'>{body}</table>"
            f"<p style='font-size:85%;color:#57606a'>{escape(t('explorer.month_note', lang))}</p>"
        )

    def render_tables(self, r: dict[str, Any]) -> str:
        lang = self.lang
        labels = [bucket_label(r["edges"], i, lang) for i in range(len(r["labels"]))]
        aging = pd.DataFrame(
            {
                t("explorer.bucket", lang): labels,
                t("explorer.amount", lang): r["aging"]["amount"].map(_money),
                t("explorer.count", lang): r["aging"]["count"],
            }
        )
        html = _html_table(aging, "receivables-explorer-aging")
        table = r["by_customer"]
        shown = table.head(self.top)
        by_customer = pd.DataFrame(
            {
                t("explorer.customer_id", lang): shown["customer_id"],
                t("explorer.customer_name", lang): shown["customer_id"].map(self.names),
                **{label: shown[col].map(_money) for label, col in zip(labels, r["labels"], strict=True)},
                t("explorer.total", lang): shown["total"].map(_money),
                t("explorer.overdue", lang): shown["overdue"].map(_money),
            }
        )
        html += f"<h4>{escape(t('explorer.top', lang).format(shown=len(shown), n=len(table)))}</h4>"
        html += _html_table(by_customer, "receivables-explorer-customers")
        if r["customer"]:
            inv = r["invoices"]
            name = f"{r['customer']} · {self.names.get(r['customer'], '')}"
            html += f"<h4>{escape(t('explorer.invoices_of', lang).format(name=name))}</h4>"
            if inv.empty:
                html += f"<p>{escape(t('explorer.no_invoices', lang))}</p>"
            else:
                label_of = dict(zip(r["labels"], labels, strict=True))
                frame = pd.DataFrame(
                    {
                        t("explorer.invoice_id", lang): inv["invoice_id"],
                        t("explorer.invoice_date", lang): inv["invoice_date"].dt.strftime("%Y-%m-%d"),
                        t("explorer.due_date", lang): inv["due_date"].dt.strftime("%Y-%m-%d"),
                        t("explorer.invoice_amount", lang): inv["amount"].map(_money),
                        t("explorer.paid", lang): inv["paid_to_date"].map(_money),
                        t("explorer.open_amount", lang): inv["open_amount"].map(_money),
                        t("explorer.days_past_due", lang): inv["days_past_due"],
                        t("explorer.bucket", lang): inv["bucket"].map(label_of),
                    }
                )
                html += _html_table(frame, "receivables-explorer-invoices")
        return f"<div style='max-height:32em;overflow:auto'>{html}</div>"

    def render_chart(self, r: dict[str, Any]) -> None:
        import matplotlib.pyplot as plt

        from receivables.i18n import setup_plots
        from receivables.i18n.fonts import MAX_WIDTH_IN

        setup_plots()
        lang = self.lang
        labels = [bucket_label(r["edges"], i, lang) for i in range(len(r["labels"]))]
        # One above the other: side by side they would need 11 in, more than a room's screen shows.
        fig, (left, right) = plt.subplots(2, 1, figsize=(MAX_WIDTH_IN, 7.2))
        amounts = r["aging"]["amount"].to_numpy() / 1e4
        colors = ["#2f6feb"] + ["#e0a030"] * max(0, len(labels) - 3) + ["#b42318"] * min(2, len(labels) - 1)
        left.bar(range(len(labels)), amounts, color=colors[: len(labels)])
        left.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
        left.set_ylabel(t("unit.10k_cny", lang))
        who = r["customer"] or t("explorer.all_customers", lang)
        left.set_title(t("explorer.aging_chart", lang).format(as_of=r["as_of"]) + f" · {who}")
        left.spines[["top", "right"]].set_visible(False)

        h = self.history
        x = np.arange(len(h))
        right.plot(x, h["dso"], marker="o", ms=3, color="#2f6feb", label=t("explorer.dso", lang))
        right.plot(x, h["best_possible_dso"], ls="--", color="#57606a", label=t("explorer.bpdso", lang))
        right.set_ylabel(t("explorer.days", lang))
        cei_axis = right.twinx()
        cei_axis.plot(x, h["cei"], marker="s", ms=3, color="#1a7f37", label=t("explorer.cei", lang))
        cei_axis.set_ylabel(t("explorer.cei_pct", lang))
        cei_axis.set_ylim(0, 105)
        here = int(np.flatnonzero(h["period_end"].dt.strftime("%Y-%m-%d").to_numpy() == r["as_of"])[0])
        right.axvline(here, color="#b42318", lw=1.5)
        step = max(1, len(h) // 8)
        right.set_xticks(x[::step], h["month"].iloc[::step], rotation=30, ha="right")
        right.set_title(t("explorer.trend_chart", lang))
        lines = right.get_lines()[:2] + cei_axis.get_lines()
        right.legend(lines, [ln.get_label() for ln in lines], loc="upper left")
        fig.tight_layout()
        show(fig)

    def view(self) -> w.Widget:
        c = self.controls
        hint = w.HTML(f"<span style='font-size:85%;color:#57606a'>{escape(t('explorer.edges_hint', self.lang))}</span>")
        return w.VBox(
            [
                c["as_of"],
                c["edges"],
                hint,
                c["customer"],
                c["sort_by"],
                self.error,
                self.summary,
                self.output,
                self.tables,
            ]
        )
