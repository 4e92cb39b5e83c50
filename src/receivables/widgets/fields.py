"""Input fields for the kit's widgets, labelled from the catalogue: money typed from a set of
accounts (a text box, not a slider, so any size fits), dates, and `DateWidgetMixin.set`, which
also takes "YYYY-MM-DD" strings (as a test or a trainer types them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w
import pandas as pd

from receivables.i18n import t
from receivables.widgets.base import LABEL_WIDTH


def as_date(value: Any) -> dt.date | None:
    """A `datetime.date` from a date, Timestamp or "YYYY-MM-DD" string; None stays None."""
    if value is None or value == "":
        return None
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError) as error:
        raise ValueError(f"not a date: {value!r} (write it as YYYY-MM-DD)") from error


#: Upper bound of a money field: far above any company's figures, so nothing real is clamped.
MONEY_MAX = 1e15


def money_control(key: str, lang: str, value: float, negative: bool = True) -> w.Widget:
    """A box for an amount in CNY; ``negative=False`` refuses amounts below 0 (in `set`)."""
    common = {"value": float(value), "description": t(key, lang), "style": {"description_width": LABEL_WIDTH},
              "layout": w.Layout(width="32em")}
    if negative:
        return w.FloatText(**common)
    return w.BoundedFloatText(min=0.0, max=MONEY_MAX, **common)


def date_control(key: str, lang: str, value: Any) -> w.DatePicker:
    return w.DatePicker(value=as_date(value), description=t(key, lang),
                        style={"description_width": LABEL_WIDTH}, layout=w.Layout(width="32em"))


class DateWidgetMixin:
    """Put before `ReactiveWidget`: date controls accept strings in `.set()`."""

    def set(self, **values: Any) -> dict[str, Any]:
        for name, value in values.items():
            if isinstance(self.controls.get(name), w.DatePicker):
                values[name] = as_date(value)
        return super().set(**values)
