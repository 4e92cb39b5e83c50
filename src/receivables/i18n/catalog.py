"""Looking texts up: `t(key, lang)` and `term(key, lang)`.

The texts are data (`receivables.i18n.texts`: English in texts/**/*.yml, Chinese in the
gettext catalogue). English texts of course terms carry the Chinese term beside them (the
course is Chinese; learners recognise its words), via `term()`: "Days sales outstanding
(应收账款周转天数)".
"""

from __future__ import annotations

from receivables.i18n import texts

LANGS = ("en", "zh")

# Texts still registered in code by the modules not yet moved to texts/*.yml (key:
# (english, chinese)); everything else is data, read by `texts`.
CATALOG: dict[str, tuple[str, str]] = {}


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add in-code entries (the modules not yet moved to texts/); a key is defined once."""
    clash = sorted((set(entries) & set(CATALOG)) | {k for k in entries if texts.has(k)})
    if clash:
        raise ValueError(f"catalogue keys defined twice: {', '.join(clash)}")
    CATALOG.update(entries)


def has(key: str) -> bool:
    """Whether a text of that key exists."""
    return key in CATALOG or texts.has(key)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def _pair(key: str) -> tuple[str, str]:
    if key in CATALOG:
        return CATALOG[key]
    return texts.text(key, "en"), texts.text(key, "zh")


def t(key: str, lang: str = "en") -> str:
    """The text of `key` in `lang`. A missing key is a bug: it raises KeyError."""
    check_lang(lang)
    if key in CATALOG:
        return CATALOG[key][lang == "zh"]
    return texts.text(key, lang)


def term(key: str, lang: str = "en") -> str:
    """A course term: English with the Chinese beside it, or Chinese alone."""
    en, zh = _pair(key)
    return zh if check_lang(lang) == "zh" else f"{en} ({zh})"
