"""Two languages for everything a person reads: `lang="en"` (English with the course's
Chinese terms beside) or `lang="zh"` (Chinese).

`t(key, lang)` looks a label up in the one catalogue; `setup_plots()` makes matplotlib
render Chinese glyphs.
"""

from receivables.i18n.catalog import CATALOG, LANGS, check_lang, t, term
from receivables.i18n.fonts import CJKFontMissing, cjk_font_family, setup_plots

__all__ = [
    "CATALOG",
    "LANGS",
    "CJKFontMissing",
    "check_lang",
    "cjk_font_family",
    "setup_plots",
    "t",
    "term",
]
