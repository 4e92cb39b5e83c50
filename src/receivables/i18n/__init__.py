"""Two languages for everything a person reads: `lang="en"` (English with the course's
Chinese terms beside) or `lang="zh"` (Chinese).

`t(key, lang)` looks a text up (texts are data: see `receivables.i18n.texts`); content holds
`Text` keys read with `pick`/`named` (`receivables.i18n.bilingual`); `setup_plots()` makes matplotlib
render Chinese glyphs.
"""

from receivables.i18n.bilingual import Text, keyed, named, pick
from receivables.i18n.catalog import LANGS, both, check_lang, has, t, term
from receivables.i18n.fonts import CJKFontMissing, cjk_font_family, setup_plots

__all__ = [
    "LANGS",
    "Text",
    "both",
    "keyed",
    "named",
    "pick",
    "CJKFontMissing",
    "check_lang",
    "has",
    "cjk_font_family",
    "setup_plots",
    "t",
    "term",
]
