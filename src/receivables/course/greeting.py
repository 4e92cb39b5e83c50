"""The welcome line of the Start Here notebook's first marked cell, in the learner's language."""

from __future__ import annotations

from receivables.i18n import check_lang


def welcome(name: str, team: str, lang: str = "en") -> str:
    """'Welcome, Li Na (East China sales)!' or '欢迎你,Li Na(East China sales)!'."""
    name, team = str(name).strip(), str(team).strip()
    if check_lang(lang) == "zh":
        return f"欢迎你,{name}({team})!"
    return f"Welcome, {name} ({team})!"
