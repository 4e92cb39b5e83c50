"""One bilingual type for content: `Text`, a text named by its key in the package's texts
(English in texts/**/*.yml, Chinese in receivables.po; `receivables.i18n.texts`).

Content modules (the collection conversation, the role play, the account brief, the risk
signals …) hold `Text` keys in their dataclasses and tables, never text pairs; `pick` and
`named` read them in a language.
"""

from __future__ import annotations

from dataclasses import dataclass

from receivables.i18n.catalog import check_lang, t


@dataclass(frozen=True, init=False)
class Text:
    """A text in both languages, named by its key. Several keys make one text read in a
    row: English sentences joined by a space, Chinese by nothing. ``text(lang)`` or
    ``pick(text, lang)`` gives it in a language; a missing key raises KeyError there."""

    keys: tuple[str, ...]

    def __init__(self, *keys: str) -> None:
        if not keys:
            raise ValueError("a Text needs at least one key")
        object.__setattr__(self, "keys", keys)

    def __call__(self, lang: str = "en") -> str:
        return ("" if check_lang(lang) == "zh" else " ").join(t(key, lang) for key in self.keys)

    def __getitem__(self, lang: str) -> str:
        """``text[lang]``, as the ``{"en": …, "zh": …}`` labels it replaces were read."""
        return self(lang)


def pick(text: Text, lang: str = "en") -> str:
    """The text in ``lang`` (``pick(text, "en")`` is its English)."""
    return text(lang)


def named(name: Text, lang: str = "en") -> str:
    """A course term: "English (中文)" in English, the Chinese alone in Chinese."""
    zh = name("zh")
    return zh if check_lang(lang) == "zh" else f"{name('en')} ({zh})"


def keyed(prefix: str, *fields: str) -> tuple[Text, ...]:
    """The Texts ``{prefix}.{field}`` for each field, in order."""
    return tuple(Text(f"{prefix}.{f}") for f in fields)
