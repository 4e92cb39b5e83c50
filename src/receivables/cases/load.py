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


def is_kit_case(ledger: str | Path | None = None) -> bool:
    """Whether ``ledger`` is the kit's own frozen case (None or datasets/electromech/invoices.csv),
    whose company is invented for teaching, rather than a company's own export."""
    if ledger is None:
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
    ledger: str | Path | None = None,
    mapping: str | Path | None = None,
    as_of: str | None = None,
    currency: str | None = None,
) -> tuple[Ledger, PreparedLedger, str | None]:
    """(Ledger, PreparedLedger, resolved as_of). ``ledger`` None: the bundled case (with its
    mapping unless one is given); ``as_of`` None: the ledger's latest date (None if it has no
    date). The case notebooks' papermill parameters are "" for "not given": they pass
    ``value or None``."""
    if ledger is None:
        ledger, default_mapping = _bundled()
        mapping = mapping or default_mapping
    led = read_ledger(Path(ledger), mapping, currency=currency)
    prepared = PreparedLedger.from_ledger(led)
    resolved = str(np.datetime64(pd.Timestamp(as_of), "D")) if as_of else latest_date(led)
    return led, prepared, resolved
