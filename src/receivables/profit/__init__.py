"""Profit impact of overdue receivables and how much receivables the company can afford.

Answers two of the course's questions: 账款逾期对利润的影响 (what overdue accounts cost)
and 我们能承受多大规模的应收账款? (how much receivables can we carry). Formulas:
course/references.md §3 (profit impact) and §4 (receivables capacity).
"""

from receivables.profit.affordability import (
    cash_conversion_cycle,
    cash_conversion_cycle_from_balances,
    days_inventory_outstanding,
    days_payables_outstanding,
    days_sales_outstanding,
    receivables_ceiling,
    receivables_investment,
)
from receivables.profit.impact import (
    CCAA_COLLECTABILITY,
    COST_BY_AGE_HEADERS,
    DAYS_PER_MONTH,
    DEFAULT_AGES,
    carrying_cost,
    collectability,
    cost_by_age,
    curve_table,
    discount_cost,
    eu_late_rate,
    expected_recovery,
    late_interest,
    lpr_late_rate,
    overdue_profit_impact,
    profit_impact,
    sales_to_replace_bad_debt,
)

__all__ = [
    "CCAA_COLLECTABILITY",
    "COST_BY_AGE_HEADERS",
    "DAYS_PER_MONTH",
    "DEFAULT_AGES",
    "carrying_cost",
    "cash_conversion_cycle",
    "cash_conversion_cycle_from_balances",
    "collectability",
    "cost_by_age",
    "curve_table",
    "days_inventory_outstanding",
    "days_payables_outstanding",
    "days_sales_outstanding",
    "discount_cost",
    "eu_late_rate",
    "expected_recovery",
    "late_interest",
    "lpr_late_rate",
    "overdue_profit_impact",
    "profit_impact",
    "receivables_ceiling",
    "receivables_investment",
    "sales_to_replace_bad_debt",
]
