"""Every check of the trainer materials in one list (`receivables trainer check`, tests)."""

from __future__ import annotations

from receivables.i18n import texts
from receivables.trainer import agenda, cards, handouts, notes, slides

PREFIX = "trainer."


def text_problems() -> list[str]:
    """Trainer texts without their Chinese (or with a stale one, or the English copied)."""
    zh = texts.chinese()
    out = [p for p in texts.problems() if f": {PREFIX}" in p]
    out += [
        f"{key}: the Chinese is the English"
        for key, en in texts.english().items()
        if key.startswith(PREFIX) and key in zh and zh[key].chinese == en and any(c.isalpha() for c in en)
    ]
    return out


def problems() -> list[str]:
    return (
        agenda.problems()
        + cards.problems()
        + notes.problems()
        + handouts.problems()
        + slides.problems()
        + text_problems()
    )
