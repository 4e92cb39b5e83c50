"""Re-run the case on a company's own ledger.

from receivables.cases import load_case, run_case
ledger, prepared, as_of = load_case()                    # the bundled case
run_case("export.csv", "mapping.yml", None, "en", "out/")  # summary.json, rejected.csv, ...
tables = case_tables("export.csv", ledger)  # optional customers/activities/promises/financials
"""

from .limits import LedgerFacts
from .load import load_case
from .run import SUMMARY_KEYS, CaseRunSummary, CaseSummary, case_notebooks, case_summary, edition, run_case
from .tables import CaseTables, case_tables, customer_names, missing_note

__all__ = [
    "SUMMARY_KEYS",
    "CaseRunSummary",
    "CaseSummary",
    "CaseTables",
    "LedgerFacts",
    "case_notebooks",
    "case_summary",
    "case_tables",
    "customer_names",
    "edition",
    "load_case",
    "missing_note",
    "run_case",
]
