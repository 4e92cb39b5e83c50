"""Load the case ledger (bundled or a company's) for the case notebooks and the command."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from receivables.ledger import Ledger, read_ledger
from receivables.metrics import PreparedLedger


def _bundled() -> tuple[Path, Path]:
    from receivables.datasets import case_dir

    d = case_dir()
    return d / "invoices.csv", d / "mapping.yml"


def is_kit_case(ledger: str | Path = "") -> bool:
    """Whether ``ledger`` is the kit's own frozen case ("" or datasets/electromech/invoices.csv),
    whose company is invented for teaching, rather than a company's own export."""
    if not str(ledger):
        return True
    return Path(ledger).resolve() == _bundled()[0].resolve()


def latest_date(ledger: Ledger) -> str | None:
    """The latest date in the ledger: max over invoice dates and paid dates (ISO) or None."""
    dates = [pd.to_datetime(ledger.invoices["invoice_date"]).max()]
    if ledger.payments is not None and len(ledger.payments):
        dates.append(pd.to_datetime(ledger.payments["paid_date"]).max())
    dates = [d for d in dates if not pd.isna(d)]
    if not dates:
        return None
    return str(np.datetime64(max(dates), "D"))


def load_case(
    ledger: str | Path = "",
    mapping: str | Path = "",
    as_of: str = "",
    currency: str = "",
) -> tuple[Ledger, PreparedLedger, str]:
    """(Ledger, PreparedLedger, resolved as_of). "" = the bundled case / latest date."""
    if not str(ledger):
        ledger, default_mapping = _bundled()
        mapping = mapping or default_mapping
    led = read_ledger(Path(ledger), mapping or None, currency=currency or None)
    prepared = PreparedLedger.from_ledger(led)
    resolved = str(np.datetime64(pd.Timestamp(as_of), "D")) if as_of else latest_date(led)
    return led, prepared, resolved
