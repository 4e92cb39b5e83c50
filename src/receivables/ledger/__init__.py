"""Reading a company's receivables export into the canonical Ledger.

    from receivables.ledger import read_ledger, suggest_mapping, write_mapping
    write_mapping(suggest_mapping("export.csv"), "mapping.yaml")   # then check it
    ledger = read_ledger("export.csv", "mapping.yaml")
    ledger.invoices, ledger.payments, ledger.rejected
"""

from .errors import LedgerError, MappingError
from .mapping import Mapping, TableMapping, load_mapping, suggest_mapping, write_mapping
from .model import INVOICE_COLUMNS, PAYMENT_COLUMNS, Ledger, empty_payments
from .reader import read_ledger, write_rejected

__all__ = [
    "INVOICE_COLUMNS",
    "PAYMENT_COLUMNS",
    "Ledger",
    "LedgerError",
    "Mapping",
    "MappingError",
    "TableMapping",
    "empty_payments",
    "load_mapping",
    "read_ledger",
    "suggest_mapping",
    "write_mapping",
    "write_rejected",
]
