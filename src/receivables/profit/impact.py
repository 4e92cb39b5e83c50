"""What overdue receivables cost: lost profit, financing cost, falling collectability.

Course topic: 账款逾期对利润的影响 (impact of overdue accounts on profit). Every formula
cites its section of course/references.md §3 with that page's label: a standard
definition, a convention (a parameter with a stated default), or a figure not confirmed
from a primary source.

Rates are fractions (0.03 = 3 %), amounts are plain floats, days are calendar days.
Scalar inputs give a float (or None where the figure is undefined); array or Series
inputs give an array or Series of the same shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from receivables.profit._num import is_missing, out

#: Share of an overdue balance still collectable, by months past due: a convention based
#: on survey figures (course/references.md §3.3).
#: Figures attributed to the Commercial Collection Agency Association (CCAA, US); they
#: differ by edition of the survey and are quoted here as course/references.md §3.3 gives them
#: (about 73 % at 3 months, 50 % at 6, 25 % at 12, 10 % at 24). The point 0 months -> 1.0
#: is the kit's own anchor (an invoice just falling due is taken as fully collectable).
#: Between points the curve is interpolated linearly; beyond the last point it stays flat.
#: Replace it with your own experience: pass ``curve={months: probability, ...}``.
CCAA_COLLECTABILITY: dict[float, float] = {0: 1.0, 3: 0.73, 6: 0.50, 12: 0.25, 24: 0.10}

#: Days per month used to turn days into months for the curve: 365 / 12 (convention, §3.3).
DAYS_PER_MONTH = 365 / 12


def sales_to_replace_bad_debt(bad_debt: float, margin: float) -> float | None:
    """Extra sales needed to earn back a bad debt: ``bad_debt / margin``.

    Standard definition (course/references.md §3.1). ``margin`` is the net profit
    margin as a fraction; with a contribution margin the figure is smaller, so say which
    margin you use. Example: 2,500 written off at a 3 % net margin -> 83,333.33 of new
    sales. None when the margin is not positive (no amount of sales earns it back).
    """
    if is_missing(bad_debt) or is_missing(margin) or margin <= 0:
        return None
    return float(bad_debt) / float(margin)


def carrying_cost(balance: Any, annual_rate: float, days: Any, day_count: int = 365) -> Any:
    """Financing cost of carrying a balance: ``balance * annual_rate * days / day_count``.

    Standard definition (course/references.md §3.2): simple interest at the
    company's cost of funds. ``day_count`` is 365 by default; 360 is a convention used by some
    banks. Works on scalars and arrays.
    """
    if day_count <= 0:
        raise ValueError("day_count must be positive")
    return out(np.multiply(balance, annual_rate) * np.asarray(days, dtype=float) / day_count)


def _curve_points(curve: Mapping[float, float] | None) -> tuple[np.ndarray, np.ndarray]:
    curve = CCAA_COLLECTABILITY if curve is None else curve
    if len(curve) == 0:
        raise ValueError("the collectability curve needs at least one point")
    months = np.array(sorted(curve), dtype=float)
    probs = np.array([curve[m] for m in sorted(curve)], dtype=float)
    if np.any(months < 0):
        raise ValueError("curve months must be 0 or more")
    if np.any((probs < 0) | (probs > 1)) or np.any(np.isnan(probs)):
        raise ValueError("curve probabilities must lie between 0 and 1")
    if np.any(np.diff(probs) > 0):
        # A curve that rises with age is almost surely a typing mistake.
        raise ValueError("collectability must not rise with age: check the curve's figures")
    return months, probs


def collectability(age_days: Any, curve: Mapping[float, float] | None = None) -> Any:
    """Probability that a debt of this age is still collected (convention on survey figures,
    course/references.md §3.3).

    ``months = age_days / (365 / 12)``; the probability is read off ``curve`` (months ->
    probability, default `CCAA_COLLECTABILITY`) by linear interpolation, flat beyond the
    last point, and 1.0-capped before the first. Negative ages (not yet due) count as 0.
    The survey figures are about how long an account has been *past due*, so pass days
    past due (course/references.md §3.3).

    Scalars give a float (None for a missing age); arrays and Series keep their shape.
    """
    months_pts, probs = _curve_points(curve)
    if isinstance(age_days, pd.Series):
        ages = pd.to_numeric(age_days, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    elif np.ndim(age_days) == 0 and (is_missing(age_days) or age_days is pd.NA):
        return None
    else:
        ages = np.asarray(age_days, dtype=float)
    months = np.clip(ages, 0, None) / DAYS_PER_MONTH
    values = np.interp(months, months_pts, probs)
    values = np.where(np.isnan(months), np.nan, values)
    if isinstance(age_days, pd.Series):
        return pd.Series(values, index=age_days.index, name="collectability")
    return out(values)


def expected_recovery(balance: Any, age_days: Any, curve: Mapping[float, float] | None = None) -> Any:
    """Amount expected to be collected: ``balance * collectability(age_days)``.

    See `collectability` for the curve (convention, course/references.md §3.3).
    """
    p = collectability(age_days, curve)
    if p is None or is_missing(balance):
        return None
    if isinstance(p, pd.Series):
        return (p * balance).rename("expected_recovery")
    return out(np.multiply(balance, p))


def discount_cost(
    discount: float,
    discount_days: float,
    net_days: float,
    compounded: bool = False,
    days_in_year: int = 365,
) -> float | None:
    """Annual cost of offering (or not taking) an early-payment discount (standard
    definition, course/references.md §3.4).

    Simple: ``d / (1 - d) * days_in_year / (net_days - discount_days)``.
    Compounded: ``(1 + d / (1 - d)) ** (days_in_year / (net_days - discount_days)) - 1``.
    Example of §3.4: "2/10 net 30" -> 0.372 (37.2 % a year), compounded about 0.446.
    ``discount`` is a fraction (0.02). None when undefined (net days not after the
    discount days, or a discount of 100 % or more).
    """
    if discount < 0:
        raise ValueError("discount must be 0 or more")
    period = net_days - discount_days
    if period <= 0 or discount >= 1:
        return None
    per_period = discount / (1 - discount)
    periods = days_in_year / period
    if compounded:
        return float((1 + per_period) ** periods - 1)
    return float(per_period * periods)


def late_interest(balance: Any, annual_rate: float, days: Any, day_count: int = 365) -> Any:
    """Late-payment interest owed: ``balance * annual_rate * days / day_count`` (simple).

    Convention (course/references.md §3.5; late-payment interest is jurisdiction-specific): the rate is the
    contract's; see `lpr_late_rate` and `eu_late_rate` for two statutory conventions.
    Negative days (not yet late) give 0.
    """
    days = np.clip(np.asarray(days, dtype=float), 0, None)
    return carrying_cost(balance, annual_rate, days, day_count)


def lpr_late_rate(lpr: float, markup: float = 0.3) -> float:
    """China: one-year Loan Prime Rate raised by a markup, ``lpr * (1 + markup)``: not
    confirmed from a primary source (course/references.md §3.5).

    Course/references.md §3.5: where a contract sets no late-payment rate, Chinese courts have
    used the one-year LPR plus 30-50 %. This is NOT confirmed from a primary source in the
    kit; check the current judicial practice before quoting it to a customer.
    Example: LPR 3.45 % with a 50 % markup -> 5.175 %.
    """
    if markup < 0:
        raise ValueError("markup must be 0 or more")
    return float(lpr * (1 + markup))


def eu_late_rate(ecb_rate: float, points: float = 0.08) -> float:
    """EU: statutory late-payment rate of at least the ECB reference rate + 8 points.

    Convention (course/references.md §3.5; EU Late Payment Directive 2011/7/EU). ``points`` is a fraction
    (0.08 = 8 percentage points).
    """
    return float(ecb_rate + points)


class OverdueImpact(TypedDict):
    """What `overdue_profit_impact` returns (a plain dict); sales figures are None when the
    margin is not positive."""

    balance: float
    days_overdue: float
    carrying_cost: float
    collectability: float
    expected_recovery: float
    expected_loss: float
    total_cost: float
    sales_to_replace_loss: float | None
    sales_to_replace_carrying_cost: float | None
    sales_to_replace_total: float | None


class ProfitImpact(OverdueImpact):
    """What `profit_impact` returns: `OverdueImpact` and the bad debt's figures."""

    bad_debt: float
    margin: float
    sales_needed: float | None
    annual_rate: float
    months_overdue: float


def overdue_profit_impact(
    balance: float,
    days_overdue: float,
    margin: float,
    annual_rate: float,
    curve: Mapping[float, float] | None = None,
    day_count: int = 365,
) -> OverdueImpact:
    """What one overdue balance costs the company: the teaching widget's core.

    Combines three figures of course/references.md §3:

    - ``carrying_cost`` = balance * annual_rate * days_overdue / day_count  (standard, §3.2)
    - ``expected_loss`` = balance * (1 - collectability(days_overdue))  (convention, §3.3)
    - ``sales_to_replace_loss`` = expected_loss / margin  (standard, §3.1)

    plus ``total_cost`` (carrying cost + expected loss) and the sales that replace it.
    ``margin`` is the net profit margin (fraction); sales figures are None if it is not
    positive.
    """
    days = max(float(days_overdue), 0.0)
    p = collectability(days, curve)
    carrying = carrying_cost(balance, annual_rate, days, day_count)
    loss = float(balance) * (1 - p)
    total = carrying + loss
    return OverdueImpact(
        balance=float(balance),
        days_overdue=days,
        carrying_cost=carrying,
        collectability=p,
        expected_recovery=float(balance) * p,
        expected_loss=loss,
        total_cost=total,
        sales_to_replace_loss=sales_to_replace_bad_debt(loss, margin),
        sales_to_replace_carrying_cost=sales_to_replace_bad_debt(carrying, margin),
        sales_to_replace_total=sales_to_replace_bad_debt(total, margin),
    )


#: Ages (days overdue) of the table `cost_by_age`.
DEFAULT_AGES: tuple[int, ...] = (30, 60, 90, 180, 365, 730)


def profit_impact(
    bad_debt: float,
    margin: float,
    balance: float,
    annual_rate: float,
    days_overdue: float,
    curve: Mapping[float, float] | None = None,
    day_count: int = 365,
) -> ProfitImpact:
    """The widget's figures: `sales_to_replace_bad_debt` for the bad debt, and
    `overdue_profit_impact` for the overdue balance (same margin), plus its age in months."""
    impact = overdue_profit_impact(balance, days_overdue, margin, annual_rate, curve, day_count)
    return ProfitImpact(
        bad_debt=float(bad_debt),
        margin=float(margin),
        sales_needed=sales_to_replace_bad_debt(bad_debt, margin),
        annual_rate=float(annual_rate),
        months_overdue=impact["days_overdue"] / DAYS_PER_MONTH,
        **impact,
    )


def cost_by_age(
    balance: float,
    annual_rate: float,
    margin: float,
    ages: Iterable[float] = DEFAULT_AGES,
    curve: Mapping[float, float] | None = None,
) -> pd.DataFrame:
    """What one overdue balance costs at several ages: one row per number of days overdue.

    Columns: ``days``, ``months``, ``carrying_cost``, ``collectability`` (%),
    ``expected_loss``, ``total_cost``, ``sales_to_replace_total``.
    """
    rows = []
    for days in ages:
        r = overdue_profit_impact(balance, days, margin, annual_rate, curve)
        rows.append(
            {
                "days": int(days),
                "months": r["days_overdue"] / DAYS_PER_MONTH,
                "carrying_cost": r["carrying_cost"],
                "collectability": r["collectability"] * 100,
                "expected_loss": r["expected_loss"],
                "total_cost": r["total_cost"],
                "sales_to_replace_total": r["sales_to_replace_total"],
            }
        )
    return pd.DataFrame(rows)


#: Catalogue keys of the `cost_by_age` columns, for `receivables.reports.tables.styled`.
COST_BY_AGE_HEADERS = {
    "days": "impact.days_overdue",
    "months": "impact.months",
    "carrying_cost": "impact.carrying_cost",
    "collectability": "impact.collectability",
    "expected_loss": "impact.expected_loss",
    "total_cost": "impact.total_cost",
    "sales_to_replace_total": "impact.sales_to_replace_total",
}


def curve_table(curve: Mapping[float, float] | None = None):
    """The collectability curve as a two-column frame: ``months``, ``collectable`` (%)."""
    curve = CCAA_COLLECTABILITY if curve is None else curve
    months = sorted(curve)
    return pd.DataFrame({"months": months, "collectable": [curve[m] * 100 for m in months]})
