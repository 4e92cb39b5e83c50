"""``receivables case run``: the case notebooks on a company's ledger, with its outputs.

Writes into ``out``: summary.json, rejected.csv, aging.xlsx, report.html and the
executed case notebooks (cases/*.ipynb run by papermill; in Chinese, their twins
cases/zh/*.ipynb, whose prose is Chinese). The figures are computed here; ``outputs.py``
presents them (workbook, report, closing line).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypedDict

from receivables import kernels, paths
from receivables.i18n import t
from receivables.i18n.editions import edition
from receivables.ledger import Ledger, LedgerError, write_rejected, write_rejected_rows
from receivables.ledger.notes import note_text
from receivables.metrics import AgingLine, PreparedLedger

from .figures import case_figures, report_disagreements
from .limits import LedgerFacts, ledger_facts, warning_text
from .load import load_case
from .outputs import write_html, write_xlsx
from .tables import case_tables, rejected_lines


class CaseSummary(TypedDict):
    """What `case_summary` returns: summary.json's SUMMARY_KEYS, in that order (amounts and
    days to 2 decimals; dso, best_possible_dso and add None when undefined)."""

    as_of: str
    rows_read: int
    rows_used: int
    rows_rejected: int
    open_invoices: int
    open_balance: float | None
    overdue_balance: float | None
    aging: list[AgingLine]
    sales_90d: float | None
    dso: float | None
    best_possible_dso: float | None
    add: float | None


#: summary.json's keys, in the order it writes them.
SUMMARY_KEYS = list(CaseSummary.__annotations__)


class CaseRunSummary(CaseSummary, LedgerFacts):
    """What `run_case` returns and writes to summary.json: the `CaseSummary` keys, then the
    ledger's facts (`receivables.cases.limits.LedgerFacts`)."""


Progress = Callable[[str], None]


def cases_dir() -> Path:
    """cases/ of the kit (receivables.paths)."""
    return paths.cases_dir()


def case_notebooks() -> list[Path]:
    """The English case notebooks, in order (the source of both editions)."""
    return sorted(p for p in cases_dir().glob("[0-9][0-9].[0-9][0-9]-*.ipynb"))


def case_summary(ledger: Ledger, prepared: PreparedLedger, as_of: str) -> CaseSummary:
    """summary.json: the issue's keys, amounts and days rounded to 2 decimals, from
    `case_figures` (the figures report.html and aging.xlsx show too)."""
    figures = case_figures(prepared, as_of).rounded()
    return {
        "as_of": figures["as_of"],
        "rows_read": int(ledger.rows_read),
        "rows_used": int(ledger.rows_used),
        "rows_rejected": int(ledger.rows_rejected),
        **{key: figures[key] for key in SUMMARY_KEYS[4:]},
    }


# ------------------------------------------------------------------ run


def run_case(
    ledger: str | Path,
    mapping: str | Path | None = None,
    as_of: str | None = None,
    lang: str = "en",
    out: str | Path = "case-out",
    progress: Progress | None = None,
    currency: str = "",
    notebooks: list[Path] | None = None,
    tell: Callable[[str], None] | None = None,
) -> CaseRunSummary:
    """Run the case on a ledger; returns summary.json's content. Raises LedgerError.

    ``lang``: the language of every output. In Chinese the reasons of the rejected rows
    are written in Chinese from their codes, and each notebook runs as its Chinese twin
    (`edition`) when cases/zh/ has it.

    ``tell``: receives a line for the user per table read beside the invoices (payments,
    customers, promises, activities, financials) with rows it could not use; each such
    table's rejected rows go to ``rejected-<table>.csv``.
    """
    step = progress or (lambda _msg: None)
    ledger = Path(ledger)
    if not ledger.exists():
        raise LedgerError(f"ledger file not found: {ledger}")
    if mapping and not Path(mapping).exists():
        raise LedgerError(f"mapping file not found: {mapping}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)

    step("read")
    led, prepared, resolved = load_case(
        ledger.resolve(), Path(mapping).resolve() if mapping else None, as_of or None, currency or None
    )
    if resolved is None:
        raise LedgerError(f"no date in {ledger}: cannot choose an as-of date")
    summary = case_summary(led, prepared, resolved)
    facts = ledger_facts(led, prepared, resolved)  # its kind, what is left out, warnings
    step("summary")
    written: CaseRunSummary = {**summary, **facts}  # summary.json's content
    (out / "summary.json").write_text(json.dumps(written, ensure_ascii=False, indent=2), encoding="utf-8")
    write_rejected(led, out / "rejected.csv", lang=lang)  # reasons in the run's language
    tables = case_tables(str(ledger.resolve()), led)
    for name, frame in tables.rejected.items():  # each table read beside the invoices
        write_rejected_rows(frame, out / f"rejected-{name}.csv", lang=lang)
    for line in rejected_lines(tables, lang) if tell is not None else []:
        tell(line)
    for code, params in led.notes if tell is not None else []:
        tell(note_text(code, params, lang))
    for warning in facts["warnings"] if tell is not None else []:
        tell(t("limits.warning_line", lang).format(text=warning_text(warning, lang)))
    step("xlsx")
    write_xlsx(
        out / "aging.xlsx",
        summary,
        prepared.aging_by_customer(resolved),
        prepared.open_items(resolved),
        led.rejected,
        lang,
    )
    sources = [edition(source, lang) for source in (case_notebooks() if notebooks is None else notebooks)]
    parameters = {
        "ledger": str(ledger.resolve()),
        "mapping": str(Path(mapping).resolve()) if mapping else "",
        "as_of": resolved,
        "lang": lang,
        "currency": currency,
    }

    def run_one(nb: Path) -> Path:
        step(nb.stem)
        kernels.execute_apart(nb, out / nb.name, out, parameters)
        return out / nb.name

    # The notebooks read the ledger and write nothing beside their own copy: they run side by
    # side, one kernel per core (at most two), each from a process of its own and on unix
    # sockets (receivables.kernels).
    with ThreadPoolExecutor(max_workers=kernels.side_by_side()) as pool:
        executed = list(pool.map(run_one, sources))
    step("html")
    write_html(out / "report.html", executed, summary, lang)
    # Figures shown twice are the same number: a report that disagrees with summary.json
    # is the kit's fault, never left for the reader to find.
    problems = report_disagreements((out / "report.html").read_text(encoding="utf-8"), written)
    if problems:
        raise RuntimeError(
            "report.html disagrees with summary.json (a fault of the kit; please report it):\n  "
            + "\n  ".join(problems)
        )
    return written
