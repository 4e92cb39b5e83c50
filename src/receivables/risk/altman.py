"""Altman Z'' score for private, non-manufacturing firms (Altman 2000): standard
definition, course/references.md §5.3.

Course topic: 识别客户风险等级, 财务因素 (grading customer risk, financial factors).
Course/references.md §5.3:

    Z'' = 6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4
    X1 = working capital / total assets      X2 = retained earnings / total assets
    X3 = EBIT / total assets                 X4 = book equity / total liabilities

Zones (Altman 2000): ``"safe"`` if Z'' > 2.60, ``"grey"`` if 1.10 <= Z'' <= 2.60,
``"distress"`` if Z'' < 1.10. Both boundary values, 2.60 and 1.10, fall in the grey
zone. Beware copies that mix in the Z' (private manufacturer) cut-offs 2.90 / 1.23.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from receivables.i18n import Text

COEFFICIENTS = {"X1": 6.56, "X2": 3.26, "X3": 6.72, "X4": 1.05}
SAFE_ABOVE = 2.60
DISTRESS_BELOW = 1.10
INPUT_COLUMNS = [
    "working_capital",
    "retained_earnings",
    "ebit",
    "total_assets",
    "book_equity",
    "total_liabilities",
]
#: The zones' names (texts/risk/altman.yml: ``risk.zone.<zone>``).
ZONE_LABELS: dict[str, Text] = {zone: Text(f"risk.zone.{zone}") for zone in ("safe", "grey", "distress")}
# Z'' is compared after rounding away float noise, so a score that is 2.60 on paper is
# not pushed into "safe" by a last-bit error.
_ZONE_DECIMALS = 9


def z_zone(z: Any) -> Any:
    """Zone for a Z'' value: safe > 2.60 >= grey >= 1.10 > distress (Altman 2000;
    course/references.md §5.3).

    None if z is missing.

    Accepts a scalar (returns a str or None) or a Series (returns a Series).
    """
    if isinstance(z, pd.Series):
        values = np.round(pd.to_numeric(z, errors="coerce").to_numpy(dtype=float, na_value=np.nan), _ZONE_DECIMALS)
        zones = np.select(
            [np.isnan(values), values > SAFE_ABOVE, values >= DISTRESS_BELOW],
            [None, "safe", "grey"],
            default="distress",
        )
        return pd.Series(zones, index=z.index, name="zone", dtype=object)
    if z is None or z is pd.NA or np.isnan(z):
        return None
    z = round(float(z), _ZONE_DECIMALS)
    if z > SAFE_ABOVE:
        return "safe"
    return "grey" if z >= DISTRESS_BELOW else "distress"


def _ratios(wc, re, ebit, ta, eq, tl):
    """X1..X4 with NaN where a denominator is not usable (assets <= 0, liabilities == 0)."""
    ta = np.where(ta > 0, ta, np.nan)
    # No liabilities at all makes X4 infinite: the formula is undefined there.
    tl = np.where(tl != 0, tl, np.nan)
    x = {"X1": wc / ta, "X2": re / ta, "X3": ebit / ta, "X4": eq / tl}
    z = sum(COEFFICIENTS[k] * x[k] for k in COEFFICIENTS)
    return x, z


def altman_z_double_prime(
    working_capital: float,
    retained_earnings: float,
    ebit: float,
    total_assets: float,
    book_equity: float,
    total_liabilities: float,
) -> dict[str, float | str | None]:
    """Altman Z'' for one company: a dict with X1..X4, z and zone (Altman 2000; §5.3).

    See the module docstring for the formula and zones. Ratios and z are None when
    undefined (total assets not positive, total liabilities zero).
    """
    args = [working_capital, retained_earnings, ebit, total_assets, book_equity, total_liabilities]
    vals = [np.float64(np.nan if a is None else a) for a in args]
    x, z = _ratios(*vals)

    def clean(v):
        v = float(v)
        return None if np.isnan(v) else v

    result: dict[str, float | str | None] = {k: clean(v) for k, v in x.items()}
    result["z"] = clean(z)
    result["zone"] = z_zone(result["z"]) if result["z"] is not None else None
    return result


def altman_z_frame(financials: pd.DataFrame, columns: dict[str, str] | None = None) -> pd.DataFrame:
    """Altman Z'' for many customers at once (vectorized; Altman 2000, §5.3).

    ``financials`` holds one row per company with the columns in `INPUT_COLUMNS`
    (rename with ``columns={"our name": "working_capital", ...}``). Returns a copy with
    X1..X4, z (NaN where undefined) and zone (None where undefined) appended; the index
    and any other columns (e.g. customer_id) are kept.
    """
    df = financials.rename(columns=columns) if columns else financials
    missing = [c for c in INPUT_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"financials lack column(s): {', '.join(missing)}")
    vals = [pd.to_numeric(df[c], errors="coerce").to_numpy(dtype=float, na_value=np.nan) for c in INPUT_COLUMNS]
    x, z = _ratios(*vals)
    result = df.copy()
    for k, v in x.items():
        result[k] = v
    result["z"] = z
    result["zone"] = z_zone(result["z"])
    return result
