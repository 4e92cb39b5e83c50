"""Instalment payment plans (分期还款计划) agreed with a customer who cannot pay at once.

Course topic: 达成协议处理方案 (when an agreement is reached: written commitment, payment
plan, tracking). The schedule arithmetic is the standard definition (course/references.md
§8.4); the choices below are the kit's conventions:

- ``start`` is the due date of the first instalment; instalment k is due
  ``start + (k - 1) * interval_months`` calendar months (month ends are clamped, so a
  plan starting 31 January falls due on 28/29 February).
- Interest, if any, is simple interest per period on the balance outstanding during the
  period before each instalment, at ``annual_rate * interval_months / 12``; the plan is
  thus taken as agreed one interval before the first instalment.
- Amounts are kept in whole cents. Interest is rounded half up; principal parts are
  rounded down to the cent and the last instalment absorbs the remainder, so the
  principal parts add up to the principal exactly and the balance ends at 0.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

METHODS = ("equal_principal", "annuity")


def _cents(amount: Decimal) -> int:
    return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def payment_plan(
    principal: float,
    instalments: int,
    start: Any,
    interval_months: int = 1,
    annual_rate: float = 0.0,
    method: str = "equal_principal",
) -> pd.DataFrame:
    """Instalment schedule: n, due_date, payment, interest, principal, remaining.

    Standard instalment arithmetic; dates, interest period and rounding are the kit's
    conventions (module docstring; course/references.md §8.4). The course's 达成协议处理方案
    (payment plan after an agreement) asks for it.

    ``method``:

    - "equal_principal" (等额本金): each instalment repays principal / instalments
      (rounded down to the cent, last one takes the rest) plus that period's interest.
    - "annuity" (等额本息): equal payments ``P * r / (1 - (1 + r) ** -n)`` rounded to
      the cent (``P / n`` without interest); each payment's interest is the balance x r,
      the rest repays principal; the last instalment clears the balance exactly.

    Money columns are floats holding whole cents; ``remaining`` is the balance after the
    instalment. See the module docstring for dates and rounding.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    if int(instalments) != instalments or instalments < 1:
        raise ValueError("instalments must be a whole number of 1 or more")
    if int(interval_months) != interval_months or interval_months < 1:
        raise ValueError("interval_months must be a whole number of months, 1 or more")
    if principal < 0 or annual_rate < 0:
        raise ValueError("principal and annual_rate must be 0 or more")
    n = int(instalments)
    total = _cents(Decimal(str(principal)) * 100)
    rate = Decimal(str(annual_rate)) * int(interval_months) / 12
    first = pd.Timestamp(start).normalize()
    # The few instalments of a plan are computed one after another: each needs the balance
    # left by the one before (this is not a loop over ledger rows).
    if method == "equal_principal" or rate == 0:
        base = total // n
    else:
        r = float(rate)
        annuity = Decimal(repr(total * r / (1 - (1 + r) ** -n)))
        base = _cents(annuity)
    rows = []
    remaining = total
    for k in range(1, n + 1):
        interest = _cents(Decimal(remaining) * rate)
        if k == n:
            part = remaining
        elif method == "equal_principal" or rate == 0:
            part = base
        else:
            part = min(max(base - interest, 0), remaining)
        remaining -= part
        rows.append((k, part + interest, interest, part, remaining))
    frame = pd.DataFrame(rows, columns=["n", "payment", "interest", "principal", "remaining"])
    for column in ("payment", "interest", "principal", "remaining"):
        frame[column] = frame[column] / 100
    frame.insert(1, "due_date", [first + pd.DateOffset(months=int(interval_months) * k) for k in range(n)])
    frame["due_date"] = pd.to_datetime(frame["due_date"])
    return frame
