"""Allowance for bad debts: the aging method and the roll-rate provision matrix.

Both work on bucket balances. A bucket whose net balance is negative (credit notes
exceed invoices) carries no allowance: its balance is counted as zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypedDict, cast

import numpy as np
import pandas as pd

from ._common import DateLike, to_day
from .buckets import MONTHLY_BUCKETS, Buckets, resolve_buckets
from .prepared import PreparedLedger

#: Aging-method rates by 账龄 bucket: 5 % within 1 year, 10 % 1-2, 30 % 2-3, 50 % 3-4,
#: 80 % 4-5, 100 % over 5 years. [C/?] A common scheme in Chinese listed companies'
#: reports before 2019 (convention, not confirmed from a primary source: course/references.md
#: §6.2), not a standard: others exist, and
#: since IFRS 9 / CAS 22 (2017) reports show an expected-credit-loss rate per aging group
#: instead. The split first year (0-6, 7-12 months) uses 5 % for both halves.
CHINESE_AGING_RATES: dict[str, float] = {
    "within 1 year": 0.05,
    "0-6 months": 0.05,
    "7-12 months": 0.05,
    "1-2 years": 0.10,
    "2-3 years": 0.30,
    "3-4 years": 0.50,
    "4-5 years": 0.80,
    "over 5 years": 1.00,
}

ROLL_METHODS = ("weighted", "mean")


# -- bucket balances in ------------------------------------------------------------------


def _balances(aging_table: pd.DataFrame | pd.Series | Mapping[str, float]) -> pd.Series:
    """Bucket label -> balance, from an aging() frame, a Series or a mapping."""
    if isinstance(aging_table, pd.DataFrame):
        if not {"bucket", "amount"} <= set(aging_table.columns):
            raise ValueError("an aging table needs columns 'bucket' and 'amount'")
        series = pd.Series(
            aging_table["amount"].to_numpy(dtype=np.float64),
            index=aging_table["bucket"].astype("str").to_list(),
        )
    else:
        series = pd.Series(aging_table, dtype=np.float64)
        series.index = [str(label) for label in series.index]
    if series.index.has_duplicates:
        raise ValueError("bucket labels must be unique")
    return series


def _rates_for(
    labels: list[str], rates: pd.DataFrame | pd.Series | Mapping[str, float] | Sequence[float]
) -> np.ndarray:
    """One rate per label, looked up by label or taken in order from a sequence."""
    if isinstance(rates, pd.DataFrame):
        rates = pd.Series(rates["rate"].to_numpy(), index=rates["bucket"].astype("str"))
    if isinstance(rates, pd.Series | Mapping):
        lookup = {str(k): v for k, v in dict(rates).items()}
        missing = [label for label in labels if label not in lookup]
        if missing:
            raise ValueError(f"no rate for bucket(s) {missing}; rates cover {list(lookup)}")
        values = np.array([lookup[label] for label in labels], dtype=np.float64)
    else:
        values = np.asarray(list(rates), dtype=np.float64)
        if len(values) != len(labels):
            raise ValueError(f"{len(labels)} buckets need {len(labels)} rates, got {len(values)}")
    undefined = [label for label, v in zip(labels, values, strict=True) if not np.isfinite(v)]
    if undefined:
        raise ValueError(f"rate undefined (NaN) for bucket(s) {undefined}: supply a rate")
    if (values < 0).any():
        raise ValueError("rates cannot be negative")
    return values


# -- aging method ------------------------------------------------------------------------


class AllowanceLine(TypedDict):
    """One bucket of the aging method: balance, rate and allowance (balance, if positive, * rate)."""

    bucket: str
    balance: float
    rate: float
    allowance: float


class AgingAllowanceDict(TypedDict):
    """What `AgingAllowance.to_dict` returns: the lines as records and the three totals."""

    lines: list[AllowanceLine]
    required: float
    booked: float
    charge: float


@dataclass(frozen=True)
class AgingAllowance:
    """Required allowance by the aging method and the period's charge."""

    lines: pd.DataFrame  # bucket, balance, rate, allowance
    required: float
    booked: float
    charge: float  # required - booked: positive = expense, negative = release

    def to_dict(self) -> AgingAllowanceDict:
        return {
            "lines": cast(list[AllowanceLine], self.lines.to_dict("records")),
            "required": self.required,
            "booked": self.booked,
            "charge": self.charge,
        }


def allowance_aging_method(
    aging_table: pd.DataFrame | pd.Series | Mapping[str, float],
    rates: pd.Series | Mapping[str, float] | Sequence[float] | None = None,
    booked: float = 0.0,
) -> AgingAllowance:
    """Allowance = sum of bucket balance * rate; charge = required - already booked.

    ``aging_table``: an aging() frame (bucket, amount), a Series or a mapping of
    bucket -> balance. ``rates``: a mapping bucket -> rate, or one rate per bucket in
    order; default CHINESE_AGING_RATES, which fits the CHINESE_AGE_BUCKETS (and the
    split-year) labels: a common pre-2019 convention [C/?], not a standard.
    Example: 100,000 / 50,000 / 20,000 / 10,000 / 5,000 / 2,000 by 账龄 year ->
    5,000 + 5,000 + 6,000 + 5,000 + 4,000 + 2,000 = 27,000.
    """
    balances = _balances(aging_table)
    labels = list(balances.index)
    rate_values = _rates_for(labels, CHINESE_AGING_RATES if rates is None else rates)
    balance_values = balances.to_numpy(dtype=np.float64)
    allowance = np.clip(balance_values, 0.0, None) * rate_values
    lines = pd.DataFrame(
        {
            "bucket": pd.array(labels, dtype="str"),
            "balance": balance_values,
            "rate": rate_values,
            "allowance": allowance,
        }
    )
    required = float(allowance.sum())
    return AgingAllowance(lines, required, float(booked), required - float(booked))


# -- roll rates --------------------------------------------------------------------------


def bucket_balances(
    prepared: PreparedLedger,
    dates: Sequence[DateLike],
    edges: Buckets | Sequence[int] | None = None,
    basis: str | None = None,
) -> pd.DataFrame:
    """Open balance per bucket (columns) as of each date (rows, oldest first)."""
    buckets = resolve_buckets(edges, basis)
    days = sorted({to_day(d) for d in dates})
    rows = [prepared.bucket_totals(day, buckets)[1] for day in days]  # a loop over dates
    return pd.DataFrame(
        np.array(rows, dtype=np.float64).reshape(len(days), len(buckets)),
        index=pd.DatetimeIndex([np.datetime64(d, "D") for d in days], name="as_of"),
        columns=list(buckets.labels),
    )


def _roll_inputs(invoices, payments, month_ends, edges):
    prepared = invoices if isinstance(invoices, PreparedLedger) else PreparedLedger(invoices, payments)
    buckets = MONTHLY_BUCKETS if edges is None else resolve_buckets(edges)
    if len(buckets) < 2:
        raise ValueError("roll rates need at least two buckets")
    days = sorted({to_day(d) for d in month_ends})
    if len(days) < 2:
        raise ValueError("roll rates need at least two month ends")
    table = bucket_balances(prepared, month_ends, buckets)
    # The last bucket is open-ended: at t+1 it also holds what was already there at t, so
    # its balance over the one before it can pass 100 %. What rolled in is what has just
    # crossed its lower edge: days past due in (edge, edge + days between the month ends].
    last = buckets.edges[-1]
    arrived = [
        prepared.bucket_totals(day, Buckets((last, last + day - before), ("to", "arrived", "before"), buckets.basis))[
            1
        ][1]
        for before, day in zip(days, days[1:], strict=False)  # a loop over month ends
    ]
    return buckets, table, np.asarray(arrived, dtype=np.float64)


def _rolled_to(table: pd.DataFrame, arrived: np.ndarray) -> np.ndarray:
    """Month ends t+1 (rows) x buckets 1.. (columns): the balance that rolled into each."""
    nxt = table.to_numpy()[1:, 1:].copy()
    nxt[:, -1] = arrived
    return nxt


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan)


def monthly_roll_rates(
    invoices: pd.DataFrame | PreparedLedger,
    payments: pd.DataFrame | None,
    month_ends: Sequence[DateLike],
    edges: Buckets | Sequence[int] | None = None,
) -> pd.DataFrame:
    """Roll rate of each bucket (columns, all but the last) for each month (rows).

    Row t+1, column k: balance in bucket k+1 at month end t+1 / balance in bucket k at
    month end t. NaN where bucket k held no (or a net negative) balance at t. Into the
    open-ended last bucket only what has just crossed its lower edge counts, not what
    was already there.
    """
    buckets, table, arrived = _roll_inputs(invoices, payments, month_ends, edges)
    rates = _divide(_rolled_to(table, arrived), table.to_numpy()[:-1, :-1])
    return pd.DataFrame(rates, index=table.index[1:], columns=list(buckets.labels[:-1]))


def roll_rates(
    invoices: pd.DataFrame | PreparedLedger,
    payments: pd.DataFrame | None,
    month_ends: Sequence[DateLike],
    edges: Buckets | Sequence[int] | None = None,
    method: str = "weighted",
) -> pd.DataFrame:
    """Roll rates (迁徙率) per bucket, averaged over the months given.

    r_k = balance in bucket k+1 at month end t+1 / balance in bucket k at month end t.
    For the open-ended last bucket the numerator is what crossed into it during the month
    (days past due in (last edge, last edge + days in the month]), not what was already
    there: otherwise old debts that stay would count as rolling, and the rate pass 100 %.
    ``month_ends``: consecutive month-end dates (see history.month_ends), two or more.
    ``method``: "weighted" (default) = sum over months of the numerators / sum of the
    denominators, i.e. each month weighted by its bucket balance, so a month with a tiny
    balance cannot swing the average; "mean" = simple mean of the monthly rates (months
    where the rate is undefined skipped).

    ``edges`` default MONTHLY_BUCKETS (current, 1-30, ..., 151-180, over 180): a balance
    can roll only one bucket per month when buckets are a month wide; with wider buckets
    (91-180) the ratio mixes amounts that stay put with amounts that roll. Calendar
    months of 28-31 days make the rates approximate (an item may skip or stay a bucket).

    Returns columns bucket, rolls_to, from_balance, to_balance (sums over the months),
    rate (NaN when undefined), one row per bucket but the last, which rolls to write-off
    (a rate the user gives to provision_matrix).
    """
    if method not in ROLL_METHODS:
        raise ValueError(f"method must be one of {ROLL_METHODS}, not {method!r}")
    buckets, table, arrived = _roll_inputs(invoices, payments, month_ends, edges)
    now, nxt = table.to_numpy()[:-1, :-1], _rolled_to(table, arrived)
    from_balance, to_balance = now.sum(axis=0), nxt.sum(axis=0)
    if method == "weighted":
        rate = _divide(to_balance, from_balance)
    else:
        monthly = _divide(nxt, now)
        defined = np.isfinite(monthly).sum(axis=0)
        sums = np.nansum(monthly, axis=0)
        rate = np.where(defined > 0, sums / np.maximum(defined, 1), np.nan)
    return pd.DataFrame(
        {
            "bucket": pd.array(buckets.labels[:-1], dtype="str"),
            "rolls_to": pd.array(buckets.labels[1:], dtype="str"),
            "from_balance": from_balance,
            "to_balance": to_balance,
            "rate": rate,
        }
    )


# -- provision matrix --------------------------------------------------------------------


class ProvisionLine(TypedDict):
    """One bucket of the provision matrix: balance, roll rate, loss rate and expected loss."""

    bucket: str
    balance: float
    roll_rate: float
    loss_rate: float
    expected_loss: float


class ProvisionMatrixDict(TypedDict):
    """What `ProvisionMatrix.to_dict` returns: the lines as records, the expected loss and
    the outlook factor."""

    lines: list[ProvisionLine]
    expected_loss: float
    outlook: float


@dataclass(frozen=True)
class ProvisionMatrix:
    """Expected credit loss by bucket from roll rates."""

    lines: pd.DataFrame  # bucket, balance, roll_rate, loss_rate, expected_loss
    expected_loss: float
    outlook: float

    def to_dict(self) -> ProvisionMatrixDict:
        return {
            "lines": cast(list[ProvisionLine], self.lines.to_dict("records")),
            "expected_loss": self.expected_loss,
            "outlook": self.outlook,
        }


def provision_matrix(
    current_aging: pd.DataFrame | pd.Series | Mapping[str, float],
    rates: pd.DataFrame | pd.Series | Mapping[str, float] | Sequence[float],
    write_off_rate: float = 1.0,
    outlook: float = 1.0,
) -> ProvisionMatrix:
    """Loss rates from roll rates and the expected loss on today's aging.

    L_k = r_k * r_k+1 * ... * r_last, where the last bucket rolls to write-off at
    ``write_off_rate`` (default 1.0: all of it is lost). Expected loss = sum of
    balance_k * L_k. ``outlook`` multiplies every loss rate for forward-looking
    information (1.1 = 10 % worse than history); loss rates are capped at 100 %.

    ``current_aging``: an aging() frame, Series or mapping in the same buckets as the
    rates. ``rates``: a roll_rates() frame, a mapping bucket -> rate for every bucket but
    the last, or such rates in bucket order.
    Example: balances 1,000 / 500 / 200 / 100, rates 0.2 / 0.5 / 0.6, write-off 1.0 ->
    loss rates 6 % / 30 % / 60 % / 100 %, expected loss 60 + 150 + 120 + 100 = 430.
    """
    if outlook < 0 or write_off_rate < 0:
        raise ValueError("outlook and write_off_rate cannot be negative")
    balances = _balances(current_aging)
    labels = list(balances.index)
    if isinstance(rates, pd.Series | Mapping) and labels[-1] in rates:
        raise ValueError(f"the last bucket {labels[-1]!r} rolls to write-off: give write_off_rate instead")
    if isinstance(rates, pd.DataFrame) and labels[-1] in set(rates["bucket"].astype("str")):
        raise ValueError(f"the last bucket {labels[-1]!r} rolls to write-off: give write_off_rate instead")
    roll = np.append(_rates_for(labels[:-1], rates), float(write_off_rate))
    # Products from each bucket to the end: a reversed cumulative product.
    loss = np.minimum(np.cumprod(roll[::-1])[::-1] * outlook, 1.0)
    balance_values = balances.to_numpy(dtype=np.float64)
    expected = np.clip(balance_values, 0.0, None) * loss
    lines = pd.DataFrame(
        {
            "bucket": pd.array(labels, dtype="str"),
            "balance": balance_values,
            "roll_rate": roll,
            "loss_rate": loss,
            "expected_loss": expected,
        }
    )
    return ProvisionMatrix(lines, float(expected.sum()), float(outlook))
