"""The canonical in-memory ledger every other layer works on.

Column conventions (all layers rely on them):

invoices   invoice_id (str), customer_id (str), invoice_date, due_date
           (datetime64, midnight), amount (float64; negative = credit note),
           optional customer_name (str), currency (str), and ``row``: the 1-based data
           row of the source file (header not counted) the invoice came from.
payments   invoice_id (str), paid_date (datetime64), paid_amount (float64).
           Several rows per invoice = partial payments.
customers  customer_id (str) plus whatever the source offers (name, nature, ...).
rejected   row (int), reason (str), then the source row's original values as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

INVOICE_COLUMNS = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]
PAYMENT_COLUMNS = ["invoice_id", "paid_date", "paid_amount"]


def empty_payments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "invoice_id": pd.Series([], dtype="string"),
            "paid_date": pd.Series([], dtype="datetime64[ns]"),
            "paid_amount": pd.Series([], dtype="float64"),
        }
    )


@dataclass
class Ledger:
    invoices: pd.DataFrame
    payments: pd.DataFrame = field(default_factory=empty_payments)
    customers: pd.DataFrame | None = None
    rejected: pd.DataFrame | None = None
    rows_read: int = 0
    source: str = ""

    @property
    def rows_used(self) -> int:
        return len(self.invoices)

    @property
    def rows_rejected(self) -> int:
        return 0 if self.rejected is None else len(self.rejected)
