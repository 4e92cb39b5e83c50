"""Reading a company's receivables export into the canonical Ledger.

Typical use: ``write_mapping(suggest_mapping("export.csv"), "mapping.yaml")`` drafts a
column mapping to check by hand; ``read_ledger("export.csv", "mapping.yaml")`` then
returns a Ledger with ``invoices``, ``payments`` and the ``rejected`` rows (each with
its row number and reason, and the reason's code: ``reasons``); ``write_rejected`` saves
those for Excel, the reasons in English or Chinese. Tables the case
reads beside the ledger (promises, activities, financials) follow the same row rules
through ``read_side_table``; ``read_customer_table`` reads a customer master alone.
"""

from ._io import normalize_name
from ._parse import parse_amounts
from .errors import LedgerError, MappingError
from .mapping import (
    SIDE_TABLES,
    ColumnMapping,
    TableMapping,
    load_mapping,
    suggest_mapping,
    write_mapping,
)
from .model import INVOICE_COLUMNS, PAYMENT_COLUMNS, Ledger, empty_payments
from .reader import (
    SideTable,
    read_customer_table,
    read_ledger,
    read_side_table,
    write_rejected,
    write_rejected_rows,
)
from .reasons import reason_texts, rejected_for_reading

__all__ = [
    "INVOICE_COLUMNS",
    "PAYMENT_COLUMNS",
    "SIDE_TABLES",
    "ColumnMapping",
    "Ledger",
    "LedgerError",
    "SideTable",
    "MappingError",
    "TableMapping",
    "empty_payments",
    "load_mapping",
    "normalize_name",
    "parse_amounts",
    "read_customer_table",
    "read_ledger",
    "read_side_table",
    "reason_texts",
    "rejected_for_reading",
    "suggest_mapping",
    "write_mapping",
    "write_rejected",
    "write_rejected_rows",
]
