"""Re-run the case on a company's own ledger.

    from receivables.cases import load_case, run_case
    ledger, prepared, as_of = load_case("", "", "", "")      # the bundled case
    run_case("export.csv", "mapping.yml", None, "en", "out/")  # summary.json, rejected.csv, ...
"""

from .load import latest_date, load_case
from .run import SUMMARY_KEYS, case_notebooks, case_summary, run_case

__all__ = [
    "SUMMARY_KEYS",
    "case_notebooks",
    "case_summary",
    "latest_date",
    "load_case",
    "run_case",
]
