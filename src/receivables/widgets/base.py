"""Shared pieces of the kit's widgets: labelled number and amount controls in the chosen language.

Every widget is a thin view over a package function: it holds controls, calls the function
on every change, and exposes `.result` (the function's output) and `.set(**values)`, so a
test drives it exactly as a learner's slider would.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import traitlets

from receivables.i18n import t
from receivables.widgets import errors

LABEL_WIDTH = "16em"


def show(fig) -> None:
    """Display a matplotlib figure once (inside an Output widget too), finished for a room
    (`receivables.i18n.fonts.readable`: thousands separators), then free it."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    from receivables.i18n.fonts import readable

    display(readable(fig))
    plt.close(fig)


def number_control(key: str, lang: str, value: float, lo: float, hi: float, step: float, fmt: str = ",.0f") -> w.Widget:
    """A slider for a quantity with a short range (days, a rate, a share), labelled from the
    catalogue. Amounts of money use `amount_control`."""
    return w.FloatSlider(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=t(key, lang),
        readout_format=fmt,
        continuous_update=False,
        style={"description_width": LABEL_WIDTH},
        layout=w.Layout(width="40em"),
    )


# --- amounts of money --------------------------------------------------------------------
#
# One design for every amount a learner sets: a box that shows the figure with thousands
# separators and takes a typed figure (keyboard), and, where the amount has a natural range,
# a log-scale slider beside it (mouse). A linear slider over 0 to 5,000,000 CNY moves about
# 23,000 CNY per pixel; the log slider moves by a share of the amount instead.

#: Upper bound of an amount without a natural range: far above any company's figures.
MONEY_MAX = 1e15
#: Decades a slider spans below its top (5,000,000 -> 500 at its left end).
SLIDER_DECADES = 4
#: Slider step, in decades (0.5 % of the amount); what a mouse gives is then rounded to
#: three significant figures (1,230,000 rather than 1,234,098.54).
SLIDER_STEP = 0.002
SLIDER_DIGITS = 3
BOX_WIDTH = "26em"  # the label (LABEL_WIDTH) and a box for 17 digits and separators
SLIDER_WIDTH = "30em"

_MULTIPLIERS = {"万": 1e4, "亿": 1e8}
_NOISE = re.compile(r"[\s,_'’]|¥|元|人民币|CNY|RMB", re.I)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?", re.I)


def format_amount(value: float) -> str:
    """An amount as the box shows it: thousands separators, fen only when there are any."""
    value = round(float(value), 2)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def parse_amount(text: str) -> float:
    """A typed amount: "1,234,567.8", "1 234 567", "¥48,590", "48590元", full-width digits
    and commas (a Chinese input method), "50万" (500,000) or "1.2亿" (120,000,000).
    Raises ValueError for anything else."""
    clean = _NOISE.sub("", unicodedata.normalize("NFKC", str(text)))
    factor = 1.0
    if clean and clean[-1] in _MULTIPLIERS:
        clean, factor = clean[:-1], _MULTIPLIERS[clean[-1]]
    if not _NUMBER.fullmatch(clean):
        raise ValueError(f"not an amount: {text!r}")
    value = float(clean) * factor
    if not math.isfinite(value):
        raise ValueError(f"not an amount: {text!r}")
    return value


def _significant(value: float, digits: int = SLIDER_DIGITS) -> float:
    return float(f"{value:.{digits - 1}e}")


class AmountControl(w.HBox):
    """An amount of money (CNY): a box to type it in and, when ``hi`` is given, a log-scale
    slider beside it, kept in sync; `value` is the amount as a plain float.

    - Keyboard: the box shows the figure with thousands separators and takes any figure
      typed (see `parse_amount`), applied on Enter or when the box loses focus; a figure
      outside ``lo``..``hi`` is brought to the nearest end, anything else unreadable is
      put back as it was.
    - Mouse: the slider spans ``hi / 10**SLIDER_DECADES`` to ``hi`` on a log scale, so a
      pixel is a share of the amount, not a fixed sum. Its track is about 28em of the 30em
      slider, ≈ 364 px at JupyterLab's 13 px: 4 decades / 364 px = 0.011 decade ≈ 2.6 % of
      the amount per pixel (2,600 CNY at 100,000; the old linear 0-5,000,000 slider of a
      40em row, ≈ 215 px of track, moved 23,000 CNY per pixel anywhere). Its values are
      rounded to three significant figures. Amounts below its left end (0 too) are typed;
      the slider then rests at its left end.
    - ``lo=None``: the amount may be negative (a loss, negative working capital): box only.

    `min` and `max` are the accepted range (None when unbounded), as `_check_range` reads
    them on every control.
    """

    value = traitlets.Float()

    def __init__(self, description: str, value: float, lo: float | None = 0.0, hi: float | None = None):
        if hi is not None and (lo is None or hi <= max(lo, 0)):
            raise ValueError(f"{description}: a slider needs 0 <= lo < hi, not {lo} to {hi}")
        self.min = None if lo is None else float(lo)
        self.max = (MONEY_MAX if lo is not None else None) if hi is None else float(hi)
        self.box = w.Text(
            description=description,
            continuous_update=False,
            style={"description_width": LABEL_WIDTH},
            layout=w.Layout(width=BOX_WIDTH),
        )
        children: list[w.Widget] = [self.box]
        self.slider: w.FloatLogSlider | None = None
        if hi is not None:
            top = math.log10(hi)
            self.slider = w.FloatLogSlider(
                value=hi,
                base=10,
                min=top - SLIDER_DECADES,
                max=top,
                step=SLIDER_STEP,
                readout=False,
                continuous_update=False,
                tooltip=description,
                layout=w.Layout(width=SLIDER_WIDTH),
            )
            children.append(self.slider)
        super().__init__(children, layout=w.Layout(flex_flow="row wrap", align_items="center"))
        self._syncing = False
        self.observe(self._show, names="value")
        self.box.observe(self._typed, names="value")
        if self.slider is not None:
            self.slider.observe(self._slid, names="value")
        self.value = round(float(value), 2)  # in fen: a computed 155858.075 shows digits no one types
        self._show()

    @property
    def description(self) -> str:
        return self.box.description

    def _clamp(self, value: float) -> float:
        if self.min is not None:
            value = max(self.min, value)
        if self.max is not None:
            value = min(self.max, value)
        return value

    def _show(self, _change: dict | None = None) -> None:
        """Box and slider follow `value` (without feeding back into it)."""
        self._syncing = True
        try:
            self.box.value = format_amount(self.value)
            if self.slider is not None:
                low, high = 10**self.slider.min, 10**self.slider.max
                self.slider.value = min(max(self.value, low), high)
        finally:
            self._syncing = False

    def _typed(self, change: dict) -> None:
        if self._syncing:
            return
        try:
            typed = self._clamp(round(parse_amount(change["new"]), 2))
        except ValueError:
            self._show()  # put back the figure in force
            return
        if typed == self.value:
            self._show()  # "50万" for 500,000 shows as 500,000
        self.value = typed

    def _slid(self, change: dict) -> None:
        if self._syncing:
            return
        self.value = self._clamp(_significant(change["new"]))


def amount_control(key: str, lang: str, value: float, lo: float | None = 0.0, hi: float | None = None) -> AmountControl:
    """An amount control labelled from the catalogue: ``hi`` adds a log-scale slider up to
    ``hi``; ``lo=None`` accepts negative amounts (box only). See `AmountControl`."""
    return AmountControl(t(key, lang), value, lo, hi)


def _check_range(name: str, control: w.Widget, value: Any) -> None:
    """ipywidgets clamps an out-of-range value silently; a test or caller should hear about it."""
    lo, hi = getattr(control, "min", None), getattr(control, "max", None)
    if lo is None or hi is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return
    if not lo <= value <= hi:
        raise ValueError(f"{name} = {value} is outside its control's range {lo} to {hi}")


class ReactiveWidget:
    """Controls + a compute function + a view that re-renders on every change."""

    def __init__(self, controls: dict[str, w.ValueWidget], compute: Callable[..., dict[str, Any]], lang: str):
        self.lang = lang
        self.controls = controls
        self._compute = compute
        self.output = w.Output()
        self.summary = w.HTML()
        self.result: dict[str, Any] = {}
        #: The error of the last change that could not be computed (None once one works).
        self.failure: Exception | None = None
        for control in controls.values():
            control.observe(self._observed, names="value")
        self.update()

    @property
    def values(self) -> dict[str, Any]:
        return {name: c.value for name, c in self.controls.items()}

    def set(self, **values: Any) -> dict[str, Any]:
        """Change controls as a learner would; returns the new result."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(f"no such control: {', '.join(sorted(unknown))}")
        for name, value in values.items():
            _check_range(name, self.controls[name], value)
        self.failure = None
        for name, value in values.items():
            self.controls[name].value = value
            if self.failure is not None:  # the learner sees the message; a caller gets the error
                raise self.failure
        return self.result

    def _observed(self, change: dict) -> None:
        """Every control's change: a failure becomes a short message in the widget (its
        summary, the chart cleared) and a traceback in the log, not a frozen widget."""
        try:
            self._on_change(change)
        except Exception as error:  # noqa: BLE001 - whatever fails, the learner must be told
            self.failure = error
            self.summary.value = errors.report(self, error, self.lang)
            self.output.outputs = ()  # the chart of other values goes (clear_output needs a kernel)
        else:
            self.failure = None

    def _on_change(self, _change: dict) -> None:
        self.update()

    def update(self) -> None:
        self.result = self._compute(**self.values)
        self.summary.value = self.render_summary(self.result)
        with self.output:
            self.output.clear_output(wait=True)
            self.render_chart(self.result)

    # subclasses fill these in
    def render_summary(self, _result: dict[str, Any]) -> str:
        return ""

    def render_chart(self, _result: dict[str, Any]) -> None:
        return None

    def view(self) -> w.Widget:
        return w.VBox([*self.controls.values(), self.summary, self.output])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view())
