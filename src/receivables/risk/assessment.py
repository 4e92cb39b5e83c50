"""Credit assessment (信用评估的技术与方法): the 5 Cs, where to look, and the case's limits.

The five Cs are a standard definition (course/references.md §5.1); what to check for each, the sources of
information and the mapping to the kit's measures are authored for this kit (the seeds
name the topic only). `limit_review` compares each case customer's current limit with the
rules of thumb of `receivables.risk.limits` and with what it owes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import pandas as pd

from receivables.frames import name_column
from receivables.i18n import Text, keyed, named, pick
from receivables.metrics import open_items
from receivables.risk.limits import (
    METHOD_LABELS,
    case_limit_inputs,
    credit_limit_frame,
    own_sales,
    utilisation,
)

#: The five Cs: name (``c``), the question, what to check, where the kit measures it, as Text
#: keys (texts/risk/assessment.yml: ``risk.five_cs.<c>.<field>``).
FIVE_CS: tuple[dict[str, Text], ...] = tuple(
    dict(
        zip(("c", "question", "check", "kit"), keyed(f"risk.five_cs.{c}", "c", "question", "check", "kit"), strict=True)
    )
    for c in ("character", "capacity", "capital", "collateral", "conditions")
)

FIVE_CS_HEADERS = {
    "c": "risk.assess.c",
    "question": "risk.assess.question",
    "check": "risk.assess.check",
    "kit": "risk.assess.kit",
}


def five_cs_table(lang: str = "en") -> pd.DataFrame:
    """The five Cs in ``lang`` (English with the Chinese name beside it)."""
    rows = [{k: named(v, lang) if k == "c" else pick(v, lang) for k, v in entry.items()} for entry in FIVE_CS]
    return pd.DataFrame(rows)


class LimitReview(TypedDict):
    """What `limit_review` returns (a plain dict)."""

    own_sales: float
    inputs: pd.DataFrame
    utilisation: pd.DataFrame
    above: pd.DataFrame


def limit_review(
    tables: Mapping[str, pd.DataFrame], as_of: Any, grace_days: float = 0, lang: str = "en", **shares: float
) -> LimitReview:
    """The case's limits three ways: utilisation of the current limits, the rules-of-thumb
    limit of every customer, and the customers whose current limit exceeds it.

    Returns {"own_sales", "inputs" (case_limit_inputs + the rules, recommended, basis,
    customer name and basis label in ``lang``), "utilisation" (`utilisation` of the current
    limits, with names), "above" (customers whose current limit exceeds the recommended
    one, largest excess first, with ``excess``)}.
    """
    inputs = case_limit_inputs(tables, as_of)
    sales = own_sales(tables["invoices"], as_of)
    frame = credit_limit_frame(inputs, sales, grace_days, **shares)
    name = name_column(lang)
    frame["customer"] = frame[name] + " (" + frame["customer_id"] + ")"
    frame["basis_label"] = frame["basis"].map({k: v[lang] for k, v in METHOD_LABELS.items()})
    names = frame.set_index("customer_id")["customer"]
    items = open_items(tables["invoices"], tables["payments"], as_of)
    used = utilisation(items, frame.set_index("customer_id")["credit_limit"])
    used["customer"] = used["customer_id"].map(names)
    above = frame[frame["credit_limit"] > frame["recommended"]].assign(
        excess=lambda f: f["credit_limit"] - f["recommended"]
    )
    return LimitReview(
        own_sales=sales,
        inputs=frame,
        utilisation=used,
        above=above.sort_values("excess", ascending=False).reset_index(drop=True),
    )
