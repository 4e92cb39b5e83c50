"""The scorecard's tables of factor scores by name: the nature of the enterprise and the
industry (risk/factor_scores.yml, package data, read on first use).

Each entry gives a score (0-100) and the names it is found by in both languages:
``ENTERPRISE_NATURE_SCORES`` is keyed by code (``state_owned``, with ``en`` and ``zh``);
``INDUSTRY_SCORES`` by the Chinese industry name the case data carries, with ``en`` the
English name it carries in ``industry_en``. Both read like the dicts they were.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

FILE = "factor_scores.yml"


@cache
def factor_tables() -> dict[str, dict[str, dict[str, Any]]]:
    """factor_scores.yml: table -> key -> {"score": …, "en": …[, "zh": …]}."""
    text = files("receivables.risk").joinpath(FILE).read_text(encoding="utf-8")
    tables = yaml.safe_load(text)
    for table, entries in tables.items():
        for key, entry in entries.items():
            if not isinstance(entry.get("score"), int | float) or not entry.get("en"):
                raise ValueError(f"{FILE}: {table}.{key} needs a score and an English name (en)")
    return tables


class FactorTable(Mapping[str, Mapping[str, Any]]):
    """One table of factor_scores.yml as a read-only mapping, loaded when first read."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _entries(self) -> dict[str, dict[str, Any]]:
        return factor_tables()[self.name]

    def __getitem__(self, key: str) -> Mapping[str, Any]:
        return self._entries()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries())

    def __len__(self) -> int:
        return len(self._entries())

    def __repr__(self) -> str:
        return f"FactorTable({self.name!r}: {len(self)} entries from {FILE})"


#: Factor scores for the nature of the enterprise, by code (names in ``en`` and ``zh``).
ENTERPRISE_NATURE_SCORES = FactorTable("enterprise_nature")
#: Industry scores, keyed by the case's Chinese industry names (``en``: the English name).
INDUSTRY_SCORES = FactorTable("industry")
