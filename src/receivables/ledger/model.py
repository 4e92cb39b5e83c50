"""The canonical in-memory ledger every other layer works on.

Column conventions (all layers rely on them):

invoices   invoice_id (str), customer_id (str), invoice_date, due_date
           (datetime64, midnight), amount (float64; negative = credit note),
           optional customer_name (str), currency (str), unapplied (bool: a credit
           without an invoice number, see ``Ledger.unapplied``), and ``row``: the 1-based data
           row of the source file (header not counted) the invoice came from.
           ``read_ledger`` keeps the source's other columns after ``row``, as text.
payments   invoice_id (str), paid_date (datetime64), paid_amount (float64).
           Several rows per invoice = partial payments. ``read_ledger`` adds ``row``:
           the data row of the payments table, or of the invoice when the payment
           came from the invoice table's paid_date column.
customers  customer_id (str) plus whatever the source offers (name, nature, ...).
rejected   row (int), reason (str: English), reason_code (str: JSON, each problem's
           code and parameters, see ``reasons``), then the source row's original values
           as text.
           ``payments_rejected`` and ``customers_rejected`` have the same shape, for
           separate payments / customers tables.

Counts: ``rows_read == rows_used + rows_rejected`` for the invoice file, and, when a
separate payments table was read, ``rows_read_payments == len(payments) +
len(payments_rejected)`` (same for customers). Rows whose every cell is empty are
ignored and not counted, but still take their place in the row numbering.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

INVOICE_COLUMNS = ["invoice_id", "customer_id", "invoice_date", "due_date", "amount"]
PAYMENT_COLUMNS = ["invoice_id", "paid_date", "paid_amount"]
REJECTED_COLUMNS = ["row", "reason", "reason_code"]
#: Ledger.kind values: payment dates known; open balance known without payment dates;
#: invoices alone (no payment column).
LEDGER_KINDS = ("full", "balance", "invoices")


def arrow_identity(values: pd.Series) -> object | None:
    """The Arrow array behind an Arrow-backed column (None otherwise). Arrow arrays never
    change: a column still holding the same array object holds the same values, which is
    how ``Ledger.payment_positions_of`` and ``increasing_ids_of`` are checked."""
    array = values.array
    return array.__arrow_array__() if hasattr(array, "__arrow_array__") else None


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
    # Separate payments / customers tables (mapping keys ``payments:`` and
    # ``customers:``): their own rejected rows and read counts; None / 0 when absent.
    payments_rejected: pd.DataFrame | None = None
    rows_read_payments: int = 0
    customers_rejected: pd.DataFrame | None = None
    rows_read_customers: int = 0
    # Side tables named in the mapping (promises, activities, financials): name ->
    # receivables.ledger.reader.SideTable (rows used, rejected rows, rows read).
    side: dict = field(default_factory=dict, repr=False, compare=False)
    # Row position in ``invoices`` of each payment's invoice, when the reader knows it:
    # saves metrics a join on invoice ids. A hint only: checked against the ids before
    # use, so a ledger whose frames were changed afterwards is still read correctly.
    payment_positions: np.ndarray | None = field(default=None, repr=False, compare=False)
    # The two invoice_id columns (immutable Arrow arrays) the positions were made for:
    # while both frames still hold exactly these, the positions need no checking.
    payment_positions_of: tuple | None = field(default=None, repr=False, compare=False)
    # The invoice_id column (Arrow array) the reader found strictly increasing, if so.
    increasing_ids_of: object | None = field(default=None, repr=False, compare=False)
    # How the files were read, for the user: (code, params) each, see ``notes``.
    notes: list = field(default_factory=list, compare=False)
    # What kind of ledger it is (see LEDGER_KINDS): "full" knows when invoices were paid;
    # "balance" knows what is open (an open amount, or a paid amount without its date)
    # but not when it was paid: its ``payments`` hold what was paid, booked on each
    # invoice's own date, for the balance only; "invoices" has no payment column at all.
    kind: str = "full"
    # False when the mapping gives the open amount only (no invoice amount): sales, and
    # so DSO, cannot be computed.
    has_invoice_amounts: bool = True
    # The currencies the invoice file holds (its mapped currency column), kept or not.
    currencies: list = field(default_factory=list, compare=False)

    @property
    def has_payment_dates(self) -> bool:
        """Whether the ledger says when invoices were paid (payment history, CEI,
        payment behaviour and trends need it)."""
        return self.kind == "full"

    @property
    def unapplied(self) -> pd.Series:
        """Mask of the invoices rows that are unapplied credits (a payment or credit memo
        without an invoice number, booked on the customer's account)."""
        if "unapplied" in self.invoices.columns:
            return self.invoices["unapplied"].astype(bool)
        return pd.Series(False, index=self.invoices.index)

    @property
    def rows_used(self) -> int:
        return len(self.invoices)

    @property
    def rows_rejected(self) -> int:
        return 0 if self.rejected is None else len(self.rejected)

    @property
    def payments_rows_rejected(self) -> int:
        return 0 if self.payments_rejected is None else len(self.payments_rejected)
