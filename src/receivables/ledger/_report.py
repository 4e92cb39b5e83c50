"""Rows of a report-shaped export that are not invoices: group rows (a customer's name
alone above its invoices), subtotal and total rows ("Total for …", 小计, 合计, Summe) and
the report's footer (print date, basis, page). Found vectorized over the whole table;
the reader sets them aside with their own reasons, never counted as invoices, and
reconciles the rows used against the export's grand total when it has one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# A label that opens a total row: English, German (SAP), Chinese; SAP marks totals with *.
TOTAL_RE = (
    r"(?i)^(?:(?:grand\s+)?totals?(?:\s+(?:for|of)\b.*)?|sub-?\s?totals?\b.*|(?:zwischen|gesamt)?summe\b.*"
    r"|gesamt|\*+.*|.{0,40}(?:小计|合计|总计|累计)\s*[:：]?)$"
)
# A total row that closes the whole report.
GRAND_RE = r"(?i)^(?:grand\s+total|totals?|gesamtsumme|summe\s+gesamt|summe|总计|合计|\*\*\*?)\s*[:：]?$"


@dataclass
class ReportRows:
    """Masks over the table's rows, the label found in each, and the grand total row."""

    subtotal: np.ndarray
    footer: np.ndarray
    group: np.ndarray
    label: pd.Series  # first non-empty cell of each row, trimmed
    grand_total: int | None  # position of the export's grand total row

    @property
    def any(self) -> np.ndarray:
        return self.subtotal | self.footer | self.group


def report_rows(
    frame: pd.DataFrame, no_invoice_date: np.ndarray, id_empty: np.ndarray, has_amount: np.ndarray
) -> ReportRows:
    """Classify rows that carry no invoice date: totals by their label; rows after the
    last dated row with at most two cells and no amount as footer; rows with one cell
    alone (not an invoice id, not an amount) as group rows. A row that looks like an
    invoice with a bad date is none of these: it keeps its own reasons."""
    n = len(frame)
    none = np.zeros(n, dtype=bool)
    label = pd.Series("", index=frame.index, dtype="str")
    at = np.flatnonzero(no_invoice_date)  # only these rows can be report rows
    if not len(at):
        return ReportRows(none, none.copy(), none.copy(), label, None)
    part = frame.iloc[at]
    first = pd.Series("", index=part.index, dtype="str")
    filled = np.zeros(len(at), dtype=np.int64)
    for column in part.columns:  # loop over columns, not rows
        cell = part[column].str.strip()
        has = (cell != "").to_numpy()
        filled += has
        first = first.mask((first == "") & has, cell)
    label.iloc[at] = first.to_numpy()
    dated = np.flatnonzero(~no_invoice_date)
    last = dated[-1] if len(dated) else -1
    after = at > last
    ids, amounts = id_empty[at], has_amount[at]
    total = first.str.match(TOTAL_RE).to_numpy(dtype=bool)
    footer = ~total & after & (filled > 0) & (filled <= 2) & ~amounts
    group = ~total & ~footer & (filled == 1) & ids & ~amounts
    grand = np.flatnonzero(total & first.str.match(GRAND_RE).to_numpy(dtype=bool) & after)

    def spread(mask: np.ndarray) -> np.ndarray:
        out = none.copy()
        out[at[mask]] = True
        return out

    return ReportRows(spread(total), spread(footer), spread(group), label, int(at[grand[-1]]) if len(grand) else None)
