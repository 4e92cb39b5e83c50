"""Display tables of case part 6 (risk and prevention), each with its headers: the case
notebook shows them as they come (`receivables.reports.tables.styled`).

Every view names customers with `receivables.cases.tables.name_of` and shows their open
balance as of the case date (`open_balances`); texts come from the catalogue in ``lang``.
"""

from __future__ import annotations

import pandas as pd

from receivables.cases.profit import bucket_label
from receivables.cases.risk import signal_names
from receivables.cases.tables import name_of
from receivables.i18n import check_lang
from receivables.metrics import CHINESE_AGE_BUCKETS
from receivables.risk.altman import ZONE_LABELS

#: Catalogue keys of the columns of each view.
Z_HEADERS = {
    "name": "cases.customer",
    "year": "cases.year",
    "z": "cases.z",
    "z_previous": "cases.z_previous",
    "zone_text": "cases.zone",
    "balance": "cases.open_balance",
}
SIGNAL_HEADERS = {
    "name": "cases.customer",
    "signal_text": "cases.signals",
    "days_late_earlier": "cases.days_late_earlier",
    "days_late_recent": "cases.days_late_recent",
    "balance": "cases.open_balance",
}
UTILISATION_HEADERS = {
    "name": "cases.customer",
    "limit": "cases.limit",
    "balance": "cases.open_balance",
    "utilisation_pct": "cases.utilisation",
    "available": "cases.available",
}
REVIEW_HEADERS = {
    "name": "cases.customer",
    "limit": "cases.limit",
    "balance": "cases.open_balance",
    "net_worth": "cases.rule_net_worth",
    "working_capital": "cases.rule_working_capital",
    "purchases": "cases.rule_purchases",
    "recommended": "cases.recommended",
}
AGE_HEADERS = {
    "bucket": "cases.age_bucket",
    "balance": "cases.balance",
    "rate": "cases.rate",
    "allowance": "cases.allowance",
}
MATRIX_HEADERS = {
    "bucket": "cases.bucket",
    "balance": "cases.balance",
    "roll_rate": "cases.roll_rate",
    "loss_rate": "cases.loss_rate",
    "expected_loss": "cases.expected_loss",
}


def open_balances(items: pd.DataFrame) -> pd.Series:
    """Open amount per customer (customer_id as text), from open items."""
    return items.assign(customer_id=items["customer_id"].astype(str)).groupby("customer_id")["open_amount"].sum()


def _balance_of(customer_ids: pd.Series, balances: pd.Series) -> pd.Series:
    return customer_ids.map(balances).astype(float).fillna(0.0)


def with_names(frame: pd.DataFrame, names: pd.Series | None) -> pd.DataFrame:
    """``frame`` with a ``name`` column for its customer_id."""
    return frame.assign(name=name_of(frame["customer_id"], names).to_numpy())


def z_view(
    z: pd.DataFrame, names: pd.Series | None, balances: pd.Series, lang: str = "en", n: int = 10
) -> pd.DataFrame:
    """The ``n`` customers who owe something with the lowest Altman Z'' (`latest_z`), for
    `Z_HEADERS`: name, year (as text), z, z_previous, zone in ``lang`` ("—" when unknown),
    open balance."""
    check_lang(lang)
    view = with_names(z, names).assign(
        balance=_balance_of(z["customer_id"], balances),
        zone_text=z["zone"].map(lambda s: ZONE_LABELS[s][lang] if s in ZONE_LABELS else "—"),
        year=z["year"].astype(str),
    )
    return view[view["balance"] > 0].sort_values(["z", "customer_id"]).head(n)


def flagged_view(signals: pd.DataFrame, names: pd.Series | None, balances: pd.Series, lang: str = "en") -> pd.DataFrame:
    """The flagged customers of `warning_signals`, in its order, for `SIGNAL_HEADERS`:
    name, the signals' names in ``lang``, days late before and now, open balance."""
    check_lang(lang)
    flagged = signals[signals["flagged"]]
    return with_names(flagged, names).assign(
        balance=_balance_of(flagged["customer_id"], balances),
        signal_text=flagged["flags"].map(lambda s: signal_names(s, lang)),
    )


def age_lines(lines: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The aging method's lines (`allowance_aging_method(...).lines`) for `AGE_HEADERS`:
    the age bucket in ``lang``, the rate in %."""
    labels = {"en": CHINESE_AGE_BUCKETS.labels, "zh": CHINESE_AGE_BUCKETS.labels_zh}[check_lang(lang)]
    shown = dict(zip(CHINESE_AGE_BUCKETS.labels, labels, strict=True))
    return lines.assign(bucket=lines["bucket"].map(lambda b: shown.get(b, b)), rate=lines["rate"] * 100)


def matrix_lines(lines: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The provision matrix's lines (`roll_rate_provisions(...).lines`) for
    `MATRIX_HEADERS`: the bucket in ``lang``, the rates in %."""
    check_lang(lang)
    return lines.assign(
        bucket=lines["bucket"].map(lambda b: bucket_label(b, lang)),
        roll_rate=lines["roll_rate"] * 100,
        loss_rate=lines["loss_rate"] * 100,
    )
