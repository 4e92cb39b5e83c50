"""Widget: the Altman Z″ calculator (财务因素: Altman Z″ 模型).

A view over `receivables.risk.altman.altman_z_double_prime` (Altman 2000, private
non-manufacturing firms): six figures from the customer's balance sheet and income
statement give the four ratios, Z″ and its zone (safe > 2.60, grey 1.10-2.60, distress < 1.10).
"""

from __future__ import annotations

from html import escape
from typing import Any

from receivables.i18n import pick, t
from receivables.risk.altman import (
    COEFFICIENTS,
    DISTRESS_BELOW,
    SAFE_ABOVE,
    ZONE_LABELS,
    altman_z_double_prime,
)
from receivables.widgets.base import ReactiveWidget, show
from receivables.widgets.fields import money_control

INPUTS = ("working_capital", "retained_earnings", "ebit", "total_assets", "book_equity", "total_liabilities")
#: Inputs that are never negative on a balance sheet.
NON_NEGATIVE = ("total_assets", "total_liabilities")
ZONE_COLORS = {"safe": "#1a7f37", "grey": "#8c959f", "distress": "#b42318"}


class AltmanWidget(ReactiveWidget):
    """Six figures (CNY), typed from the customer's accounts -> X1..X4, Z″ and zone.
    Total assets and total liabilities cannot be negative."""

    def __init__(
        self,
        lang: str = "en",
        working_capital: float = 0.0,
        retained_earnings: float = 0.0,
        ebit: float = 0.0,
        total_assets: float = 1_000_000.0,
        book_equity: float = 500_000.0,
        total_liabilities: float = 500_000.0,
    ):
        start = {
            "working_capital": working_capital,
            "retained_earnings": retained_earnings,
            "ebit": ebit,
            "total_assets": total_assets,
            "book_equity": book_equity,
            "total_liabilities": total_liabilities,
        }
        controls = {
            name: money_control(f"risk.z.{name}", lang, value, negative=name not in NON_NEGATIVE)
            for name, value in start.items()
        }
        super().__init__(controls, altman_z_double_prime, lang)

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        if r["z"] is None:
            return f"<p class='receivables-altman' style='color:#b42318'>{escape(t('risk.z.undefined', lang))}</p>"
        rows = [(t(f"risk.z.x{i}", lang), f"{r[f'X{i}']:.3f}") for i in range(1, 5)]
        rows.append((t("risk.z.score", lang), f"{r['z']:.2f}"))
        zone = pick(ZONE_LABELS[r["zone"]], lang)
        rows.append((t("risk.z.zone", lang), f"<span style='color:{ZONE_COLORS[r['zone']]}'>{escape(zone)}</span>"))
        body = "".join(f"<tr><td>{escape(k)}</td><td style='text-align:right'><b>{v}</b></td></tr>" for k, v in rows)
        return f"<table class='receivables-altman'>{body}</table>"

    def render_chart(self, r: dict[str, Any]) -> None:
        import matplotlib.pyplot as plt

        from receivables.i18n import setup_plots

        if r["z"] is None:
            return
        setup_plots()
        lang = self.lang
        fig, ax = plt.subplots(figsize=(6, 2.4))
        parts = [COEFFICIENTS[k] * r[k] for k in COEFFICIENTS]
        lo = min(-1.0, r["z"] - 0.5, *parts)
        hi = max(5.0, r["z"] + 0.5, *parts)
        ax.axvspan(lo, DISTRESS_BELOW, color=ZONE_COLORS["distress"], alpha=0.12)
        ax.axvspan(DISTRESS_BELOW, SAFE_ABOVE, color=ZONE_COLORS["grey"], alpha=0.15)
        ax.axvspan(SAFE_ABOVE, hi, color=ZONE_COLORS["safe"], alpha=0.12)
        labels = [f"{c:.2f}·{k}" for k, c in COEFFICIENTS.items()] + ["Z″"]
        ax.barh(labels, parts + [r["z"]], color=["#57606a"] * 4 + [ZONE_COLORS[r["zone"]]])
        ax.axvline(0, color="black", lw=0.8)
        ax.set_xlim(lo, hi)
        ax.invert_yaxis()
        ax.set_xlabel(t("risk.z.contribution", lang))
        ax.set_title(f"{t('risk.z.chart', lang)}: {r['z']:.2f} · {pick(ZONE_LABELS[r['zone']], lang)}")
        fig.tight_layout()
        show(fig)
