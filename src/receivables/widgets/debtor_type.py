"""Widget: which of the four debtor types is this customer? (应收账款客户的4大类型)

Two choices, can the customer pay (还款能力) and will it pay (还款意愿), give the
quadrant of the ability x willingness matrix and the recommended approach. The types and
approaches are authored for this kit: see `receivables.collection.debtor_types`.
"""

from __future__ import annotations

from functools import partial
from html import escape
from typing import Any

import ipywidgets as w
import pandas as pd

from receivables.collection.debtor_types import DEBTOR_TYPES, debtor_type_result
from receivables.frames import name_column
from receivables.i18n import t, term
from receivables.widgets.base import LABEL_WIDTH, ReactiveWidget, show


def _toggle(key: str, lang: str, yes: str, no: str, value: bool) -> w.ToggleButtons:
    return w.ToggleButtons(
        options=[(t(yes, lang), True), (t(no, lang), False)],
        value=bool(value),
        description=t(key, lang),
        style={"description_width": LABEL_WIDTH, "button_width": "10em"},
    )


class DebtorTypeWidget(ReactiveWidget):
    """Two toggles, ``able`` and ``willing`` (True/False), -> the debtor type.

    ``customers`` (optional, like the case's ``customers.csv``: ``customer_id``,
    ``debtor_type``, ``name_en``/``name_zh``) adds how many customers fall in each
    quadrant and names each type's example customer.
    """

    def __init__(
        self, lang: str = "en", able: bool = True, willing: bool = True, customers: pd.DataFrame | None = None
    ):
        self.counts: dict[str, int] = {}
        self.examples: dict[str, str] = {}
        if customers is not None:
            self.counts = customers["debtor_type"].astype(str).value_counts().to_dict()
            name = name_column(lang)
            by_id = customers.set_index(customers["customer_id"].astype(str))
            for code, dt in DEBTOR_TYPES.items():
                if dt.example in by_id.index and name in by_id.columns:
                    self.examples[code] = f"{by_id.at[dt.example, name]} ({dt.example})"
        controls = {
            "able": _toggle("debtor.ability", lang, "debtor.able", "debtor.unable", able),
            "willing": _toggle("debtor.willingness", lang, "debtor.willing", "debtor.unwilling", willing),
        }
        super().__init__(controls, partial(debtor_type_result, lang=lang), lang)

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        steps = "".join(f"<li>{escape(s)}</li>" for s in r["approach"])
        html = (
            f"<h4 style='margin:0.4em 0'>{escape(r['short'])} · {escape(r['name'])}</h4>"
            f"<p>{escape(r['summary'])}</p>"
            f"<p><b>{escape(term('debtor.approach', lang))}</b></p><ol>{steps}</ol>"
        )
        if r["code"] in self.examples:
            html += f"<p><i>{escape(t('debtor.example', lang))}: {escape(self.examples[r['code']])}</i></p>"
        return html

    def render_chart(self, r: dict[str, Any]) -> None:
        import matplotlib.pyplot as plt
        from matplotlib.patches import Rectangle

        from receivables.i18n import setup_plots

        setup_plots()
        lang = self.lang
        fig, ax = plt.subplots(figsize=(6, 4.4))
        for dt in DEBTOR_TYPES.values():
            x, y = (1 if dt.willing else 0), (1 if dt.able else 0)
            chosen = dt.code == r["code"]
            ax.add_patch(
                Rectangle(
                    (x, y),
                    1,
                    1,
                    fc="#ffd8b5" if chosen else "#f6f8fa",
                    ec="#b42318" if chosen else "#8c959f",
                    lw=3 if chosen else 1,
                )
            )
            text = f"{dt.short(lang)}\n{dt.name_zh if lang == 'zh' else dt.name_en}"
            if self.counts:
                text += "\n" + t("debtor.customers_n", lang).format(n=self.counts.get(dt.code, 0))
            ax.text(
                x + 0.5,
                y + 0.5,
                text,
                ha="center",
                va="center",
                fontsize=12 if chosen else 11,
                fontweight="bold" if chosen else "normal",
            )
        ax.set_xlim(0, 2)
        ax.set_ylim(0, 2)
        ax.set_xticks([0.5, 1.5], [t("debtor.unwilling", lang), t("debtor.willing", lang)])
        ax.set_yticks([0.5, 1.5], [t("debtor.unable", lang), t("debtor.able", lang)])
        ax.set_xlabel(t("debtor.willingness", lang))
        ax.set_ylabel(t("debtor.ability", lang))
        ax.set_title(t("debtor.chart", lang))
        ax.tick_params(length=0)
        fig.tight_layout()
        show(fig)
