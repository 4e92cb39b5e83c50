"""Shared pieces of the kit's widgets: labelled number controls in the chosen language.

Every widget is a thin view over a package function: it holds controls, calls the function
on every change, and exposes `.result` (the function's output) and `.set(**values)`, so a
test drives it exactly as a learner's slider would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from receivables.i18n import t

LABEL_WIDTH = "16em"


def show(fig) -> None:
    """Display a matplotlib figure once (inside an Output widget too), then free it."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)


def number_control(key: str, lang: str, value: float, lo: float, hi: float, step: float, fmt: str = ",.0f") -> w.Widget:
    """A slider for a quantity, labelled from the catalogue."""
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
        for control in controls.values():
            control.observe(self._on_change, names="value")
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
        for name, value in values.items():
            self.controls[name].value = value
        return self.result

    def _on_change(self, _change: dict) -> None:
        self.update()

    def update(self) -> None:
        self.result = self._compute(**self.values)
        self.summary.value = self.render_summary(self.result)
        with self.output:
            self.output.clear_output(wait=True)
            self.render_chart(self.result)

    # subclasses fill these in
    def render_summary(self, result: dict[str, Any]) -> str:
        return ""

    def render_chart(self, result: dict[str, Any]) -> None:
        return None

    def view(self) -> w.Widget:
        return w.VBox([*self.controls.values(), self.summary, self.output])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view())
