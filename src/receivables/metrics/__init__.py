"""Receivables metrics: as-of open items and aging, DSO family, CEI, turnover, monthly
history, roll rates and allowances.

Everything is computed "as of" a date from invoices and payments (ledger.model column
conventions), so a fully settled history still has open items, aging and DSO for every
earlier date. For many dates of one ledger, build a ``PreparedLedger`` once.
"""

from ._common import ratio, to_day
from .aging import aging, aging_by_customer
from .allowance import (
    CHINESE_AGING_RATES,
    AgingAllowance,
    AgingAllowanceDict,
    AllowanceLine,
    ProvisionLine,
    ProvisionMatrix,
    ProvisionMatrixDict,
    allowance_aging_method,
    bucket_balances,
    monthly_roll_rates,
    provision_matrix,
    roll_rates,
)
from .asof import open_items, summary
from .buckets import (
    CHINESE_AGE_BUCKETS,
    CHINESE_AGE_BUCKETS_SPLIT,
    DEFAULT_BUCKETS,
    MONTHLY_BUCKETS,
    YEAR_DAYS,
    Buckets,
    derive_labels,
    make_buckets,
)
from .history import month_ends
from .monthly import monthly_history
from .prepared import OPEN_ITEM_COLUMNS, AgingLine, AsOfSummary, HeadlineFigures, PreparedLedger, Snapshot
from .ratios import (
    average_days_delinquent,
    best_possible_dso,
    cei,
    dso_countback,
    dso_simple,
    turnover,
    weighted_days_past_due,
)

__all__ = [
    "CHINESE_AGE_BUCKETS",
    "CHINESE_AGE_BUCKETS_SPLIT",
    "CHINESE_AGING_RATES",
    "DEFAULT_BUCKETS",
    "MONTHLY_BUCKETS",
    "OPEN_ITEM_COLUMNS",
    "YEAR_DAYS",
    "AgingAllowance",
    "AgingAllowanceDict",
    "AgingLine",
    "AllowanceLine",
    "AsOfSummary",
    "HeadlineFigures",
    "Buckets",
    "PreparedLedger",
    "ProvisionLine",
    "ProvisionMatrix",
    "ProvisionMatrixDict",
    "Snapshot",
    "aging",
    "aging_by_customer",
    "allowance_aging_method",
    "average_days_delinquent",
    "best_possible_dso",
    "bucket_balances",
    "cei",
    "derive_labels",
    "dso_countback",
    "dso_simple",
    "make_buckets",
    "month_ends",
    "monthly_history",
    "monthly_roll_rates",
    "open_items",
    "provision_matrix",
    "ratio",
    "roll_rates",
    "summary",
    "to_day",
    "turnover",
    "weighted_days_past_due",
]
