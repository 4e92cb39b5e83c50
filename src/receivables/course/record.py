"""The last cell of every notebook records its key figures, so tests assert numbers.

The figures are "glued" into the notebook's output as a JSON bundle of our own MIME
type (what scrapbook's glue does, without the dependency), with a small readable table
beside it for the learner.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import nbformat

RECORD_CALL = "record("
MIME = "application/vnd.receivables.figures+json"


def _plain(value: Any) -> Any:
    """JSON-able plain Python: numpy/pandas scalars to float/int/str, NaN to None."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def record(figures: Mapping[str, Any], lang: str = "en") -> None:
    """Show and glue the notebook's key figures (as plain JSON values, for `recorded`).

    Returns nothing, so the cell shows the table alone, not a raw dict as well."""
    from IPython.display import display

    from receivables.i18n import t

    plain = _plain(dict(figures))
    rows = "\n".join(f"| {k} | {json.dumps(v, ensure_ascii=False)} |" for k, v in plain.items())
    table = (
        f"**{t('figures.title', lang)}**\n\n| {t('figures.name', lang)} | {t('figures.value', lang)} |\n"
        f"|---|---|\n{rows}"
    )
    display({MIME: plain, "text/markdown": table}, raw=True)


def recorded(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The figures recorded in an executed notebook (the last record wins)."""
    found: dict[str, Any] | None = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if MIME in data:
                found = data[MIME]
    if found is None:
        raise LookupError("the notebook recorded no figures (its last cell should call record(...))")
    return dict(found)
