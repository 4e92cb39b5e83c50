"""Widget: tiered management explorer (分级管理, key-account module).

Three sliders, the A and B thresholds (cumulative % of the open balance) and the overdue
share from which a customer is watched, re-tier every customer of the ledger and show
each tier's customers, balance share and collection approach. A view over
`receivables.collection.tiers.tiers_result`.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w
import pandas as pd

from receivables.collection.tiers import (
    DEFAULT_A_SHARE,
    DEFAULT_B_SHARE,
    DEFAULT_WATCH_PCT,
    SUMMARY_HEADERS,
    check_thresholds,
    draw_tiers,
    tiers_result,
    watch_approach,
)
from receivables.frames import name_column
from receivables.i18n import t
from receivables.widgets.base import LABEL_WIDTH, ReactiveWidget, show


def _slider(key: str, lang: str, value: float, lo: int, hi: int) -> w.IntSlider:
    return w.IntSlider(
        value=int(value),
        min=lo,
        max=hi,
        step=1,
        description=t(key, lang),
        continuous_update=False,
        style={"description_width": LABEL_WIDTH},
        layout=w.Layout(width="40em"),
    )


class TiersWidget(ReactiveWidget):
    """Sliders ``a_share``, ``b_share``, ``watch_pct`` (whole %) -> `tiers_result` on the
    open items (and optional customers table) given. While the sliders cross (A above B)
    the result is ``{"error": message}`` and the summary says so."""

    def __init__(
        self,
        open_items: pd.DataFrame,
        customers: pd.DataFrame | None = None,
        lang: str = "en",
        a_share: float = DEFAULT_A_SHARE,
        b_share: float = DEFAULT_B_SHARE,
        watch_pct: float = DEFAULT_WATCH_PCT,
    ):
        check_thresholds(a_share, b_share, watch_pct)
        self.names = {}
        if customers is not None:
            name = name_column(lang)
            if name in customers.columns:
                self.names = dict(zip(customers["customer_id"].astype(str), customers[name].astype(str), strict=True))
        controls = {
            "a_share": _slider("tiers.a_share", lang, a_share, 1, 99),
            "b_share": _slider("tiers.b_share", lang, b_share, 2, 100),
            "watch_pct": _slider("tiers.watch_pct", lang, watch_pct, 0, 100),
        }

        def compute(a_share: int, b_share: int, watch_pct: int) -> dict[str, Any]:
            try:
                return tiers_result(open_items, customers, a_share, b_share, watch_pct, lang)
            except ValueError:
                return {"error": t("tiers.error", lang), "a_share": a_share, "b_share": b_share}

        super().__init__(controls, compute, lang)

    def set(self, **values: Any) -> dict[str, Any]:
        """As a learner would, but a pair of thresholds that cross is refused at once."""
        merged = {**self.values, **values}
        check_thresholds(merged["a_share"], merged["b_share"], merged["watch_pct"])
        return super().set(**values)

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        if "error" in r:
            return f"<p class='receivables-tiers-error' style='color:#b42318'><b>{escape(r['error'])}</b></p>"
        summary = r["summary"]
        head = "".join(f"<th>{escape(t(key, lang))}</th>" for key in SUMMARY_HEADERS.values())
        rows = []
        for row in summary.itertuples():
            overdue_share = "—" if pd.isna(row.overdue_share) else f"{row.overdue_share:.1f} %"
            cells = [
                row.tier,
                f"{row.customers}",
                f"{row.balance:,.0f}",
                f"{row.share:.1f} %",
                f"{row.overdue:,.0f}",
                overdue_share,
                f"{row.watched}",
                row.approach,
            ]
            rows.append(
                f"<tr data-tier='{row.tier}'>"
                + "".join(
                    f"<td class='tiers-{col}'>{escape(str(v))}</td>"
                    for col, v in zip(SUMMARY_HEADERS, cells, strict=True)
                )
                + "</tr>"
            )
        members = r["members"]["A"]
        names = ", ".join(f"{self.names.get(c, c)} ({c})" for c in members)
        watched = sum(r["watched"].values())
        return (
            f"<table class='receivables-tiers'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p><b>{escape(t('tiers.members', lang).format(tier='A'))}:</b> {escape(names)}</p>"
            f"<p>{escape(t('tiers.watch_rule', lang).format(n=watched, pct=r['watch_pct']))} "
            f"{escape(watch_approach(lang))}</p>"
        )

    def render_chart(self, r: dict[str, Any]) -> None:
        if "error" in r:
            return
        show(draw_tiers(r["customers"], r["a_share"], r["b_share"], self.lang))
