"""The four types of debtor customers (应收账款客户的4大类型) and how to collect from each.

*Authored for this kit.* The course outline only names "four types of debtor customers";
the kit sorts debtors on two questions, **can they pay?** (还款能力, ability) and **will
they pay?** (还款意愿, willingness), and writes a recommended approach for each of the
four quadrants from common credit-management practice. None of the text below quotes
the course.

The type codes are those of the case data (``customers.csv``, column ``debtor_type``):
``able_willing``, ``able_unwilling``, ``unable_willing``, ``unable_unwilling``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypedDict

import pandas as pd

from receivables.i18n import Text, both, check_lang, named, t
from receivables.i18n.choices import resolve_keys


@dataclass(frozen=True)
class DebtorType:
    """One quadrant of the ability x willingness matrix, in both languages. (Authored.)

    Its texts are data (texts/collection/debtor_types.yml, Chinese in receivables.po):
    ``debtor.types.<code>.name``, ``.short`` (the type in one or two words), ``.summary``
    (who they are) and ``.approach.1`` … (what to do, in order)."""

    code: str
    able: bool
    willing: bool
    steps: int  # how many steps the approach has
    example: str  # customer id of the case company that shows this type

    def _text(self, field: str, lang: str) -> str:
        return t(f"debtor.types.{self.code}.{field}", lang)

    def name(self, lang: str = "en") -> str:
        """The quadrant's name: English with the Chinese beside it, or Chinese alone."""
        return named(Text(f"debtor.types.{self.code}.name"), lang)

    def short(self, lang: str = "en") -> str:
        return self._text("short", lang)

    def summary(self, lang: str = "en") -> str:
        return self._text("summary", lang)

    def approach(self, lang: str = "en") -> tuple[str, ...]:
        return tuple(self._text(f"approach.{i}", lang) for i in range(1, self.steps + 1))

    # Each text in one language, as the fields of the same names were read.
    name_en = property(lambda self: self._text("name", "en"))
    name_zh = property(lambda self: self._text("name", "zh"))
    short_en = property(lambda self: self.short("en"))
    short_zh = property(lambda self: self.short("zh"))
    summary_en = property(lambda self: self.summary("en"))
    summary_zh = property(lambda self: self.summary("zh"))
    approach_en = property(lambda self: self.approach("en"))
    approach_zh = property(lambda self: self.approach("zh"))


DEBTOR_TYPES: dict[str, DebtorType] = {
    d.code: d
    for d in (
        DebtorType("able_willing", able=True, willing=True, steps=4, example="C0007"),
        DebtorType("able_unwilling", able=True, willing=False, steps=4, example="C0037"),
        DebtorType("unable_willing", able=False, willing=True, steps=4, example="C0040"),
        DebtorType("unable_unwilling", able=False, willing=False, steps=4, example="C0025"),
    )
}

#: The type codes, in matrix order: able row first, willing column first.
TYPE_CODES: tuple[str, ...] = tuple(DEBTOR_TYPES)


def type_code(able: bool, willing: bool) -> str:
    """The quadrant code for an answer to "can they pay?" and "will they pay?"."""
    return f"{'able' if able else 'unable'}_{'willing' if willing else 'unwilling'}"


def classify(able: bool, willing: bool) -> DebtorType:
    """The debtor type (quadrant) for ability and willingness to pay."""
    return DEBTOR_TYPES[type_code(bool(able), bool(willing))]


class DebtorTypeResult(TypedDict):
    """What `debtor_type_result` returns (a plain dict): the quadrant's code, ability and
    willingness, its names, short name, summary and approach (steps in order), and the case
    customer that shows it."""

    code: str
    able: bool
    willing: bool
    name: str
    name_en: str
    name_zh: str
    short: str
    summary: str
    approach: list[str]
    example: str


def debtor_type_result(able: bool, willing: bool, lang: str = "en") -> DebtorTypeResult:
    """What the debtor-type widget shows: the quadrant (``code``), its name in ``lang`` and
    in both languages (``name_en``, ``name_zh``), the summary and the approach in ``lang``."""
    dt = classify(able, willing)
    return {
        "code": dt.code,
        "able": dt.able,
        "willing": dt.willing,
        "name": dt.name(lang),
        "name_en": dt.name_en,
        "name_zh": dt.name_zh,
        "short": dt.short(lang),
        "summary": dt.summary(lang),
        "approach": list(dt.approach(lang)),
        "example": dt.example,
    }


def balances_by_type(customers: pd.DataFrame, open_items: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Customers, open and overdue balance per debtor type, in matrix order.

    ``customers`` needs ``customer_id`` and ``debtor_type``; ``open_items`` (as from
    `receivables.metrics.open_items`) needs ``customer_id``, ``open_amount`` and
    ``days_past_due``. Overdue = days past due > 0. Columns: ``code``, ``type`` (the name
    in ``lang``), ``customers``, ``open_balance``, ``overdue_balance``,
    ``overdue_share`` (% of all overdue).
    """
    check_lang(lang)
    kinds = customers[["customer_id", "debtor_type"]].astype(str)
    items = open_items.assign(customer_id=open_items["customer_id"].astype(str)).merge(
        kinds, on="customer_id", how="left"
    )
    items["overdue"] = items["open_amount"].where(items["days_past_due"] > 0, 0.0)
    sums = items.groupby("debtor_type")[["open_amount", "overdue"]].sum()
    counts = kinds["debtor_type"].value_counts()
    rows = []
    for code in TYPE_CODES:
        rows.append(
            {
                "code": code,
                "type": DEBTOR_TYPES[code].name(lang),
                "customers": int(counts.get(code, 0)),
                "open_balance": float(sums["open_amount"].get(code, 0.0)),
                "overdue_balance": float(sums["overdue"].get(code, 0.0)),
            }
        )
    table = pd.DataFrame(rows)
    total = table["overdue_balance"].sum()
    table["overdue_share"] = table["overdue_balance"] / total * 100 if total else 0.0
    return table


#: Risk weight per debtor type for the worklist's priority: the kit's illustrative defaults
#: (convention, course/references.md §8.3): an unwilling or unable debtor's money is at more
#: risk each day.
DEFAULT_TYPE_WEIGHTS: dict[str, float] = {
    "able_willing": 1.0,
    "able_unwilling": 1.5,
    "unable_willing": 2.0,
    "unable_unwilling": 3.0,
}


def debtor_type_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights keyed by debtor-type code, from keys written as the code or the type's English
    or Chinese name (拖欠型, 有能力、无意愿, "Stalling", able_unwilling)."""
    return resolve_keys(
        weights,
        {c: [d.name_en, d.name_zh, d.short_en, d.short_zh] for c, d in DEBTOR_TYPES.items()},
        both("choices.weights"),
    )
