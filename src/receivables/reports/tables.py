"""Tables for learners: headers from the catalogue, numbers formatted, no index.

A package function returns a DataFrame with plain column names (what tests and
``record`` use); `styled` turns it into what a learner reads, in ``lang``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from receivables.i18n import check_lang, t


def localized(frame: pd.DataFrame, headers: Mapping[str, str], lang: str = "en") -> pd.DataFrame:
    """Only the columns of ``headers`` ({column: catalogue key}), renamed into ``lang``."""
    check_lang(lang)
    return frame[list(headers)].rename(columns={c: t(k, lang) for c, k in headers.items()})


def styled(
    frame: pd.DataFrame,
    headers: Mapping[str, str],
    lang: str = "en",
    money: Iterable[str] = (),
    pct: Iterable[str] = (),
    decimals: Mapping[str, int] | None = None,
):
    """A pandas Styler of ``frame`` for display: catalogue headers, thousands separators
    for ``money`` columns, one decimal and "%" for ``pct`` columns, no index."""
    shown = localized(frame, headers, lang)
    fmt = {t(headers[c], lang): "{:,.0f}" for c in money}
    fmt.update({t(headers[c], lang): "{:.1f}%" for c in pct})
    for c, n in (decimals or {}).items():
        fmt[t(headers[c], lang)] = f"{{:,.{n}f}}"
    return shown.style.format(fmt, na_rep="—").hide(axis="index")
