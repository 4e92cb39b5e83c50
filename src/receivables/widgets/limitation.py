"""Widget: the limitation period of one claim (诉讼时效, 未达成协议处理方案).

A view over `receivables.collection.limitation.limitation_status` for a single invoice: the
due date, the last provable demand or acknowledgement and the as-of date give the expiry
date, the days left and the status. A teaching tool, not legal advice.
"""

from __future__ import annotations

from html import escape
from typing import Any, TypedDict

import ipywidgets as w
import pandas as pd

from receivables.collection.limitation import STATUS_LABELS, limitation_status
from receivables.i18n import t
from receivables.widgets.base import LABEL_WIDTH, ReactiveWidget, number_control, show
from receivables.widgets.fields import DateWidgetMixin, as_date, date_control

EVENT_KINDS = ("demand", "acknowledgement")
STATUS_COLORS = {"ok": "#1a7f37", "expiring soon": "#9a6700", "expired": "#b42318"}


class ClaimClock(TypedDict):
    """What `claim_clock` returns (a plain dict; dates as YYYY-MM-DD)."""

    due_date: str
    as_of: str
    event_date: str | None
    event_kind: str
    event: str | None
    clock_start: str
    expires_on: str
    days_left: int
    status: str


def claim_clock(
    due_date: Any, event_date: Any, event_kind: str, as_of: Any, years: int = 3, warn_days: int = 180
) -> ClaimClock:
    """Limitation clock of one claim: `limitation_status` on a one-invoice ledger.

    ``event_date`` (or None) is the last demand or acknowledgement (``event_kind``);
    ``event`` in the result says whether it restarted the clock: "counted", "late" (made
    after the period had run out; a late acknowledgement still counts, art. 192) or
    "ignored" (before the due date or after as_of), None without an event.
    """
    due, as_of = as_date(due_date), as_date(as_of)
    if due is None or as_of is None:
        raise ValueError("choose the due date and the as-of date")
    if event_kind not in EVENT_KINDS:
        raise ValueError(f"event_kind must be one of {', '.join(EVENT_KINDS)}")
    item = pd.DataFrame({"invoice_id": ["claim"], "customer_id": ["customer"], "due_date": [due], "open_amount": [1.0]})
    event = as_date(event_date)
    acts = None if event is None else pd.DataFrame({"customer_id": ["customer"], "date": [event], "kind": [event_kind]})
    row = limitation_status(item, acts, as_of, years=years, warn_days=warn_days).iloc[0]
    outcome = None
    if event is not None:
        if event < due or event > as_of:
            outcome = "ignored"
        else:
            outcome = "counted" if row["interruptions"] > 0 else "late"
    return ClaimClock(
        due_date=str(due),
        as_of=str(as_of),
        event_date=None if event is None else str(event),
        event_kind=event_kind,
        event=outcome,
        clock_start=str(row["clock_start"].date()),
        expires_on=str(row["expires_on"].date()),
        days_left=int(row["days_left"]),
        status=str(row["status"]),
    )


class LimitationWidget(DateWidgetMixin, ReactiveWidget):
    """Due date, last demand or acknowledgement (date and kind), as-of date -> expiry."""

    def __init__(
        self,
        lang: str = "en",
        due_date: Any = "2023-02-22",
        event_date: Any = None,
        event_kind: str = "demand",
        as_of: Any = "2025-12-31",
        warn_days: int = 180,
    ):
        self.warn_days = warn_days
        controls = {
            "due_date": date_control("risk.lim.due_date", lang, due_date),
            "event_date": date_control("risk.lim.event_date", lang, event_date),
            "event_kind": w.ToggleButtons(
                options=[(t(f"risk.lim.{k}", lang), k) for k in EVENT_KINDS],
                value=event_kind,
                description=t("risk.lim.event_kind", lang),
                style={"description_width": LABEL_WIDTH, "button_width": "14em"},
            ),
            "as_of": date_control("risk.lim.as_of", lang, as_of),
            "warn_days": number_control("risk.lim.warn_days", lang, warn_days, 0, 720, 30, ".0f"),
        }
        super().__init__(controls, claim_clock, lang)

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        status = STATUS_LABELS[r["status"]][lang]
        rows = [
            (t("risk.lim.clock_start", lang), r["clock_start"]),
            (t("risk.lim.expires_on", lang), r["expires_on"]),
            (t("risk.lim.days_left", lang), f"{r['days_left']:,}"),
            (t("risk.lim.status", lang), f"<span style='color:{STATUS_COLORS[r['status']]}'>{escape(status)}</span>"),
        ]
        body = "".join(f"<tr><td>{escape(k)}</td><td style='text-align:right'><b>{v}</b></td></tr>" for k, v in rows)
        html = f"<table class='receivables-limitation'>{body}</table>"
        if r["event"] is not None:
            kind = t(f"risk.lim.{r['event_kind']}", lang)
            key = {"counted": "risk.lim.counted", "late": "risk.lim.not_counted", "ignored": "risk.lim.ignored"}[
                r["event"]
            ]
            html += f"<p>{escape(t(key, lang).format(kind=kind, date=r['event_date']))}</p>"
        return html + f"<p><i>{escape(t('risk.lim.note', lang))}</i></p>"

    def render_chart(self, r: dict[str, Any]) -> None:
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt

        from receivables.i18n import setup_plots
        from receivables.i18n.fonts import MAX_WIDTH_IN

        setup_plots()
        lang = self.lang
        start, end, today = (pd.Timestamp(r[k]) for k in ("clock_start", "expires_on", "as_of"))
        fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 2.6))
        ax.plot([pd.Timestamp(r["due_date"]), start], [0, 0], color="#8c959f", lw=2)
        ax.plot([start, end], [0, 0], color=STATUS_COLORS[r["status"]], lw=6, solid_capstyle="butt")
        marks = [(pd.Timestamp(r["due_date"]), t("risk.lim.due_date", lang), 0.35)]
        if r["event_date"]:
            marks.append((pd.Timestamp(r["event_date"]), t(f"risk.lim.{r['event_kind']}", lang), -0.45))
        marks += [(end, t("risk.lim.expires_on", lang), 0.35), (today, t("risk.lim.today", lang), -0.45)]
        for when, label, y in marks:
            ax.axvline(when, color="#57606a", lw=1, ls=":")
            ax.annotate(f"{label}\n{when.date()}", (when, y), ha="center", va="center")
        ax.set_ylim(-1, 1)
        ax.set_yticks([])
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=7))  # room for 11 pt labels
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
        ax.set_title(t("risk.lim.chart", lang))
        fig.tight_layout()
        show(fig)
