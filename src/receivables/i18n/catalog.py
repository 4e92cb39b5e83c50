"""Looking texts up: `t(key, lang)`, `term(key, lang)` and `has(key)`.

The texts are data (`receivables.i18n.texts`: English in texts/**/*.yml, Chinese in the
gettext catalogue locale/zh_CN/LC_MESSAGES/receivables.po); nothing registers itself on
import. English texts of course terms carry the Chinese term beside them (the course is
Chinese; learners recognise its words), via `term()`: "Days sales outstanding
(应收账款周转天数)". A line read by people of either edition (an error message, a note
written where the reader's language is unknown) holds both, via `both()`: "weights · 权重".
"""

from __future__ import annotations

from receivables.i18n import texts

LANGS = ("en", "zh")


def has(key: str) -> bool:
    """Whether a text of that key exists."""
    return texts.has(key)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def t(key: str, lang: str = "en") -> str:
    """The text of `key` in `lang`. A missing key is a bug: it raises KeyError."""
    return texts.text(key, check_lang(lang))


def term(key: str, lang: str = "en") -> str:
    """A course term: English with the Chinese beside it, or Chinese alone."""
    zh = texts.text(key, "zh")
    return zh if check_lang(lang) == "zh" else f"{texts.text(key, 'en')} ({zh})"


def both(key: str, zh_first: bool = False) -> str:
    """Both languages in one line, for a reader whose edition is unknown: "English · 中文"
    (Chinese first with `zh_first`)."""
    en, zh = texts.text(key, "en"), texts.text(key, "zh")
    return f"{zh} · {en}" if zh_first else f"{en} · {zh}"
