"""Widget: the pre-meeting account brief (面谈前:催收准备) for a customer picked from a list.

A view over `receivables.collection.brief.account_brief`: the checklist of account
documents (账款资料), the customer's people (摸清人脉) and the latest collection notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

import ipywidgets as w
import pandas as pd

from receivables.collection.brief import (
    CHECKLIST_HEADERS,
    PEOPLE_HEADERS,
    AccountBrief,
    account_brief,
    people_table,
    recent_table,
)
from receivables.collection.debtor_types import DEBTOR_TYPES
from receivables.frames import name_column
from receivables.i18n import t
from receivables.metrics import open_items
from receivables.reports.tables import localized
from receivables.widgets.base import LABEL_WIDTH, ReactiveWidget

STATUS_COLOURS = {"ready": "#1a7f37", "fetch": "#9a6700", "act": "#b42318"}


def customer_options(tables: Mapping[str, pd.DataFrame], as_of: Any, lang: str = "en") -> list[tuple[str, str]]:
    """(label, customer_id) for every customer, largest open balance first: the dropdown's list."""
    customers = tables["customers"]
    balance = open_items(tables["invoices"], tables["payments"], as_of).groupby("customer_id")["open_amount"].sum()
    name = name_column(lang)
    ranked = customers.assign(
        customer_id=customers["customer_id"].astype(str),
        balance=customers["customer_id"].astype(str).map(balance).fillna(0.0),
    ).sort_values(["balance", "customer_id"], ascending=[False, True], kind="mergesort")
    return [(f"{r.customer_id} · {getattr(r, name)} · {r.balance:,.0f}", r.customer_id) for r in ranked.itertuples()]


class AccountBriefWidget(ReactiveWidget):
    """A dropdown ``customer`` (customer_id) -> the brief of `account_brief` as of ``as_of``.

    ``tables``: the case tables (`receivables.datasets.read_dataset`). ``.result`` is the
    brief (figures and tables); the summary shows the profile, the checklist, the people
    and the latest activities in ``lang``.
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame], as_of: Any, lang: str = "en", customer: str | None = None):
        self.tables = tables
        self.as_of = as_of
        options = customer_options(tables, as_of, lang)
        if not options:
            raise ValueError("the customers table is empty: there is no customer to brief")
        ids = [value for _, value in options]
        if customer is not None and str(customer) not in ids:
            raise ValueError(f"no customer {customer!r} in the customers table")
        controls = {
            "customer": w.Dropdown(
                options=options,
                value=str(customer) if customer else ids[0],
                description=t("brief.customer", lang),
                style={"description_width": LABEL_WIDTH},
                layout=w.Layout(width="52em"),
            ),
        }

        def compute(customer: str) -> AccountBrief:
            return account_brief(tables, customer, as_of, lang)

        super().__init__(controls, compute, lang)

    def set(self, **values: Any) -> dict[str, Any]:
        customer = values.get("customer")
        if customer is not None and customer not in [v for _, v in self.controls["customer"].options]:
            raise ValueError(f"no customer {customer!r} in the list")
        return super().set(**values)

    def _profile(self, b: dict[str, Any]) -> str:
        lang = self.lang
        row = (
            self.tables["customers"]
            .set_index(self.tables["customers"]["customer_id"].astype(str))
            .loc[b["customer_id"]]
        )
        suffix = "" if lang == "zh" else "_en"
        dtype = DEBTOR_TYPES.get(str(row.get("debtor_type", "")))
        return t("brief.profile", lang).format(
            nature=row.get(f"nature{suffix}", ""),
            industry=row.get(f"industry{suffix}", ""),
            city=row.get(f"city{suffix}", ""),
            type=dtype.name(lang) if dtype else "—",
        )

    def render_summary(self, b: dict[str, Any]) -> str:
        lang = self.lang
        checklist = localized(b["checklist"], CHECKLIST_HEADERS, lang)
        status_col = t("brief.status", lang)
        rows = []
        for (idx, line), code in zip(checklist.iterrows(), b["checklist"]["status_code"], strict=True):
            cells = "".join(
                f"<td style='color:{STATUS_COLOURS[code]};white-space:nowrap'>{escape(str(v))}</td>"
                if col == status_col
                else f"<td>{escape(str(v))}</td>"
                for col, v in line.items()
            )
            rows.append(f"<tr data-item='{escape(b['checklist'].loc[idx, 'code'])}'>{cells}</tr>")
        head = "".join(f"<th>{escape(c)}</th>" for c in checklist.columns)
        people = localized(people_table(b["people"]["people"], lang), PEOPLE_HEADERS, lang)
        gaps = "".join(f"<li>{escape(t(f'brief.gap.{g}', lang))}</li>" for g in b["people"]["gaps"])
        recent = recent_table(b["recent"], lang)
        recent.columns = [t(k, lang) for k in ("brief.date", "brief.kind", "brief.excuse", "brief.note")]
        return (
            f"<div class='receivables-brief'>"
            f"<h4 style='margin:0.4em 0'>{escape(str(b['name']))} ({escape(b['customer_id'])})</h4>"
            f"<p>{escape(self._profile(b))}; {escape(t('brief.our_rep', lang))}: {escape(str(b['sales_rep']))}</p>"
            f"<p><b>{escape(t('brief.checklist', lang))}</b></p>"
            f"<table class='brief-checklist'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p><b>{escape(t('brief.people', lang))}</b></p>"
            f"{people.to_html(index=False, classes='brief-people', border=0)}"
            f"{f'<ul>{gaps}</ul>' if gaps else ''}"
            f"<p><b>{escape(t('brief.recent', lang))}</b></p>"
            f"{recent.to_html(index=False, classes='brief-recent', border=0)}"
            f"</div>"
        )

    def view(self) -> w.Widget:
        return w.VBox([*self.controls.values(), self.summary])
