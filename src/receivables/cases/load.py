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
    if as_of:
        return led, prepared, str(np.datetime64(pd.Timestamp(as_of), "D"))
    last = prepared.last_day()  # the latest invoice or payment date
    return led, prepared, None if last is None else str(np.datetime64(last, "D"))
