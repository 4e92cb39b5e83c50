"""How much receivables can we afford to carry? (我们能承受多大规模的应收账款?)

Course preface, first of the three key questions. Formulas from course/references.md §4
(§2.4 for DSO). Days are calendar days; a year is ``days_in_year`` (365 by default, a
convention).
"""

from __future__ import annotations

from receivables.profit._num import is_missing


def _per_day(annual: float, days_in_year: int) -> float:
    if days_in_year <= 0:
        raise ValueError("days_in_year must be positive")
    return float(annual) / days_in_year


def receivables_investment(annual_credit_sales: float, dso: float, days_in_year: int = 365) -> float:
    """Money tied up in receivables: ``annual_credit_sales / 365 * DSO``.

    Standard definition (course/references.md §4.1). Example: 36.5 million of credit sales at 60 days -> 6 million.
    """
    return _per_day(annual_credit_sales, days_in_year) * float(dso)


def days_inventory_outstanding(inventory: float, cogs: float, days_in_year: int = 365) -> float | None:
    """DIO = ``inventory / COGS * 365`` (standard, course/references.md §4.2). None if COGS is not positive."""
    if is_missing(cogs) or cogs <= 0:
        return None
    return float(inventory) / float(cogs) * days_in_year


def days_payables_outstanding(payables: float, cogs: float, days_in_year: int = 365) -> float | None:
    """DPO = ``payables / COGS * 365`` (standard, course/references.md §4.2; some use purchases
    instead of COGS, a convention). None if COGS is not positive."""
    if is_missing(cogs) or cogs <= 0:
        return None
    return float(payables) / float(cogs) * days_in_year


def days_sales_outstanding(receivables: float, credit_sales: float, days: int = 365) -> float | None:
    """Simple DSO = ``receivables / credit sales of the period * days of the period``.

    Standard definition (course/references.md §2.4). None if sales are not positive. (Count-back DSO lives in
    `receivables.metrics`.)
    """
    if is_missing(credit_sales) or credit_sales <= 0:
        return None
    return float(receivables) / float(credit_sales) * days


def cash_conversion_cycle(dio: float, dso: float, dpo: float) -> float:
    """Cash conversion cycle = ``DIO + DSO - DPO`` in days (standard, course/references.md §4.2)."""
    return float(dio) + float(dso) - float(dpo)


def cash_conversion_cycle_from_balances(
    inventory: float,
    receivables: float,
    payables: float,
    cogs: float,
    credit_sales: float,
    days_in_year: int = 365,
) -> dict[str, float | None]:
    """DIO, DSO, DPO and the cycle from year-end (or average) balances (standard definitions).

    DIO = inventory / COGS * 365, DSO = receivables / credit sales * 365,
    DPO = payables / COGS * 365, CCC = DIO + DSO - DPO (course/references.md §4.2).
    The cycle is None when any part is undefined.
    """
    dio = days_inventory_outstanding(inventory, cogs, days_in_year)
    dso = days_sales_outstanding(receivables, credit_sales, days_in_year)
    dpo = days_payables_outstanding(payables, cogs, days_in_year)
    ccc = None if None in (dio, dso, dpo) else cash_conversion_cycle(dio, dso, dpo)
    return {"dio": dio, "dso": dso, "dpo": dpo, "ccc": ccc}


def receivables_ceiling(
    equity: float,
    credit_line: float,
    payables: float,
    inventory: float,
    minimum_cash: float,
    annual_sales: float,
    target_dso: float,
    days_in_year: int = 365,
) -> dict[str, float | None]:
    """The most receivables the company's funds can carry: the kit's own teaching model.

    Convention (course/references.md §4.3); a teaching model, not an accounting rule:

    - ``funds_available`` = equity (for working capital) + committed credit line + payables
    - ``ceiling`` = funds_available - inventory - minimum_cash
    - ``daily_sales`` = annual_sales / 365
    - ``required`` = daily_sales * target_dso (receivables at that DSO)
    - ``headroom`` = ceiling - required (negative: the plan needs more money than there is)
    - ``max_dso`` = max(ceiling, 0) / daily_sales: the longest DSO the funds allow
      (None without sales).
    """
    funds = float(equity) + float(credit_line) + float(payables)
    ceiling = funds - float(inventory) - float(minimum_cash)
    daily = _per_day(annual_sales, days_in_year)
    required = daily * float(target_dso)
    # A negative ceiling means no room for any receivables, not a negative DSO.
    max_dso = max(ceiling, 0.0) / daily if daily > 0 else None
    return {
        "funds_available": funds,
        "ceiling": ceiling,
        "daily_sales": daily,
        "required": required,
        "headroom": ceiling - required,
        "max_dso": max_dso,
    }
