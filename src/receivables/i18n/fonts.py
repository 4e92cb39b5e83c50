"""Charts for a workshop room: Chinese glyphs in matplotlib (an installed CJK font made the
default) and sizes readable on a projector.

`make setup` installs Debian's fonts-noto-cjk when it can; without a CJK font, charts
would show empty boxes for every Chinese character, so we fail loudly instead.

A room's screen: JupyterLab in a 1280x720 window with its file browser open gives a
notebook output 848 px wide (measured in Chromium, tests/browser/test_projector_fit.py).
Charts are drawn at 100 dpi, so a figure up to `MAX_WIDTH_IN` (8.2 in, 820 px) shows at
its own size: a wider one is shrunk by the browser, and its labels with it. Text is at
least `MIN_FONT_PT` (11 pt = 15 px at 100 dpi, above JupyterLab's 14 px body text).
`readable` gives amounts thousands separators and never an offset or a power of ten;
`readability_problems` says what in a figure breaks these rules. With the environment
variable `CHECK_CHARTS_ENV` set (the notebook tests set it for every run), `readable` also
warns (`ChartReadabilityWarning`) about each figure that breaks them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: Set (to anything) to have `readable` check every figure it finishes.
CHECK_CHARTS_ENV = "RECEIVABLES_CHECK_CHARTS"


class ChartReadabilityWarning(UserWarning):
    """A chart that will not read well on a projector (see `readability_problems`)."""


#: Notebook output width at 1280x720, file browser open (px), and what a figure may use.
OUTPUT_WIDTH_PX = 848
FIGURE_DPI = 100
MAX_WIDTH_IN = 8.2
MIN_FONT_PT = 11
#: matplotlib's settings for a room (font sizes in points).
ROOM_RC: dict[str, Any] = {
    "figure.dpi": FIGURE_DPI,
    "savefig.dpi": "figure",
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": MIN_FONT_PT,
    "ytick.labelsize": MIN_FONT_PT,
    "legend.fontsize": MIN_FONT_PT,
    "legend.title_fontsize": MIN_FONT_PT,
    "figure.titlesize": 13,
    "axes.formatter.useoffset": False,
    "axes.formatter.limits": (-6, 15),  # no "1e6" above the axis
}

# Preferred families, best first (Simplified Chinese faces before the others).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "SimHei",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
)


class CJKFontMissing(RuntimeError):
    pass


@cache
def cjk_font_family() -> str:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    raise CJKFontMissing(
        "No Chinese (CJK) font found for charts. Run `make setup` as root, or install one: "
        "sudo apt-get install fonts-noto-cjk (Debian/Ubuntu), then restart the kernel."
    )


def setup_plots() -> str:
    """Make matplotlib use a CJK-capable font first; returns the family used."""
    import matplotlib as mpl

    family = cjk_font_family()
    mpl.rcParams["font.family"] = "sans-serif"
    rest = [f for f in mpl.rcParams["font.sans-serif"] if f != family]
    mpl.rcParams["font.sans-serif"] = [family, *rest]
    mpl.rcParams["axes.unicode_minus"] = False
    mpl.rcParams.update(ROOM_RC)
    return family


_DIGITS = re.compile(r"(?<![\d.,])(\d{4,})")


def _thousands_formatter():
    from matplotlib.ticker import ScalarFormatter

    class Thousands(ScalarFormatter):
        """matplotlib's plain numbers, with thousands separators, no offset, no power of ten."""

        def __init__(self) -> None:
            super().__init__(useOffset=False)
            self.set_scientific(False)

        def __call__(self, x: float, pos: int | None = None) -> str:
            return _DIGITS.sub(lambda m: f"{int(m.group(1)):,}", super().__call__(x, pos))

    return Thousands()


def readable(fig):
    """The room's finish for a figure, returned: every plain numeric axis (matplotlib's
    ScalarFormatter: amounts, counts, days) shows 12,500 rather than 12500 or 1.25 with
    "1e4" above it. Percentages, dates, categories and log axes keep their formatters.
    Warns about what still breaks the room's rules when `CHECK_CHARTS_ENV` is set."""
    import os
    import warnings

    from matplotlib.ticker import ScalarFormatter

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter and axis.get_scale() == "linear":
                axis.set_major_formatter(_thousands_formatter())
    if os.environ.get(CHECK_CHARTS_ENV):
        problems = readability_problems(fig)
        if problems:
            title = next((ax.get_title() for ax in fig.axes if ax.get_title()), "a chart")
            warnings.warn(ChartReadabilityWarning(f"{title!r}: " + "; ".join(problems)), stacklevel=2)
    return fig


def _overlapping(labels: list, renderer, dpi: float, along_x: bool) -> bool:
    """Whether neighbouring tick labels overlap. Level labels: their boxes intersect.
    Turned labels (parallel, at angle a; their boxes always meet): the distance d of their
    centres along the axis leaves d * sin(a) between the lines, which must hold a line."""
    import math

    for a, b in zip(labels, labels[1:], strict=False):
        box_a, box_b = a.get_window_extent(renderer), b.get_window_extent(renderer)
        sine = abs(math.sin(math.radians(a.get_rotation())))
        if sine < 1e-3:
            both = box_a.intersection(box_a, box_b)
            if both is not None and both.width > 1 and both.height > 1:
                return True
            continue
        centre = (lambda box: (box.x0 + box.x1) / 2) if along_x else (lambda box: (box.y0 + box.y1) / 2)
        if abs(centre(box_a) - centre(box_b)) * sine < 0.9 * a.get_fontsize() * dpi / 72:
            return True
    return False


def _extent(text, renderer):
    """A text's box on the canvas, with the frame drawn around it (``bbox=``) if any."""
    from matplotlib.transforms import Bbox

    box = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    return Bbox.union([box, patch.get_window_extent(renderer)]) if patch is not None else box


def readability_problems(fig) -> list[str]:
    """What keeps `fig` from reading well on a projector: wider than `MAX_WIDTH_IN` at its
    tight bounding box, text under `MIN_FONT_PT`, an offset or power of ten on an axis, a
    number of five digits or more without separators, tick labels that overlap."""
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    problems = []
    width = fig.get_tightbbox(renderer).width + 0.2  # savefig's pad_inches, both sides
    if width > MAX_WIDTH_IN + 1e-6:
        problems.append(
            f"{width:.1f} in wide ({width * fig.dpi:.0f} px at {fig.dpi:.0f} dpi); "
            f"a room's notebook shows {MAX_WIDTH_IN} in"
        )
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip() and text.get_fontsize() < MIN_FONT_PT - 1e-6:
            problems.append(f"{text.get_text()[:30]!r} at {text.get_fontsize():.1f} pt (under {MIN_FONT_PT})")
    for ax in fig.axes:
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if not axis.get_visible():  # a twin's shared axis
                continue
            if axis.get_offset_text().get_text().strip():
                problems.append(f"{name} axis of {ax.get_title()[:30]!r}: offset {axis.get_offset_text().get_text()!r}")
            labels = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text().strip()]
            for t in labels:
                if re.search(r"\d{5,}|\de[+-]?\d|×10", t.get_text()):
                    problems.append(f"{name} axis of {ax.get_title()[:30]!r}: {t.get_text()!r} needs separators")
            if _overlapping(labels, renderer, fig.dpi, name == "x"):
                problems.append(f"{name} axis of {ax.get_title()[:30]!r}: tick labels overlap")
        # Words written on the chart (labels, annotations) must not run into each other.
        notes = [(n, _extent(n, renderer)) for n in ax.texts if n.get_visible() and n.get_text().strip()]
        for i, (one, a) in enumerate(notes):
            for other, b in notes[i + 1 :]:
                both = a.intersection(a, b)
                if both is not None and both.width > 2 and both.height > 2:
                    problems.append(f"{one.get_text()[:20]!r} runs into {other.get_text()[:20]!r}")
    return list(dict.fromkeys(problems))
