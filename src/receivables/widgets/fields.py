"""Input fields for the kit's widgets, labelled from the catalogue: money typed from a set of
accounts (a box, not a slider, so any size fits), dates, and `DateWidgetMixin.set`, which
also takes "YYYY-MM-DD" strings (as a test or a trainer types them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w
import pandas as pd

from receivables.i18n import t
from receivables.widgets.base import LABEL_WIDTH, AmountControl, amount_control


def as_date(value: Any) -> dt.date | None:
    """A `datetime.date` from a date, Timestamp or "YYYY-MM-DD" string; None stays None."""
    if value is None or value == "":
        return None
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError) as error:
        raise ValueError(f"not a date: {value!r} (write it as YYYY-MM-DD)") from error


def money_control(key: str, lang: str, value: float, negative: bool = True) -> AmountControl:
    """A box for an amount in CNY typed from a set of accounts (no natural range, so no
    slider); ``negative=False`` refuses amounts below 0. The kit's one amount design:
    `receivables.widgets.base.AmountControl`."""
    return amount_control(key, lang, value, lo=None if negative else 0.0)


def date_control(key: str, lang: str, value: Any) -> w.DatePicker:
    return w.DatePicker(
        value=as_date(value),
        description=t(key, lang),
        style={"description_width": LABEL_WIDTH},
        layout=w.Layout(width="32em"),
    )


# A browser's date box sends every year as it is typed (0002, 0020, 0202, then 2023): a date
# before this year is a date still being typed, not one to compute with.
EARLIEST_YEAR = 1900


def _typing(value: Any) -> bool:
    return isinstance(value, dt.date) and value.year < EARLIEST_YEAR


class DateWidgetMixin:
    """Put before `ReactiveWidget`: date controls accept strings in `.set()`, and a date box
    waits for a whole year before the widget recomputes."""

    def set(self, **values: Any) -> dict[str, Any]:
        for name, value in values.items():
            if isinstance(self.controls.get(name), w.DatePicker):
                values[name] = as_date(value)
                if _typing(values[name]):
                    raise ValueError(f"{name}: {values[name]} is before {EARLIEST_YEAR}")
        return super().set(**values)

    def _on_change(self, change: dict) -> None:
        if isinstance(change.get("owner"), w.DatePicker) and _typing(change.get("new")):
            return
        super()._on_change(change)

    @property
    def values(self) -> dict[str, Any]:
        # While a year is being typed, compute with the last whole date of that box.
        current = super().values
        if not hasattr(self, "_last_whole"):
            self._last_whole = {}
        for name, value in current.items():
            if isinstance(self.controls[name], w.DatePicker):
                if _typing(value):
                    current[name] = self._last_whole.get(name)
                else:
                    self._last_whole[name] = value
        return current
