"""Small numeric helpers shared by the profit functions (private)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def out(value: Any) -> Any:
    """Return a Python float for scalar results; leave arrays and Series as they are."""
    if isinstance(value, pd.Series | pd.DataFrame | pd.Index):
        return value
    arr = np.asarray(value)
    if arr.ndim == 0:
        return float(arr)
    return arr.astype(float)


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))
