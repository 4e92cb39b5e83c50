"""Chinese glyphs in matplotlib: find an installed CJK font and make it the default.

`make setup` installs Debian's fonts-noto-cjk when it can; without a CJK font, charts
would show empty boxes for every Chinese character, so we fail loudly instead.
"""

from __future__ import annotations

from functools import cache

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
    return family
