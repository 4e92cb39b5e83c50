"""Why a row was set aside: a stable code with its parameters, written in either language.

The reader gives every problem of a row a code (``not_a_number``, ``duplicate``, ...) and
the parameters its sentence needs: the canonical field, the user's own column, the value
as written, a row number. A rejected-rows table keeps them, as JSON, in its
``reason_code`` column (a list: one object per problem, in the order of ``reason``), beside
``reason``, the English sentence. `reason_texts` writes the sentences again in the
language of a run, from the codes alone::

    [{"code": "not_a_number", "field": "amount", "column": "金额", "value": "壹佰"}]
    en: amount (金额) '壹佰' is not a number
    zh: 金额“壹佰”不是数字

A field is named in English by its canonical name with the user's column beside it; in
Chinese by the user's column when it is Chinese, else by the field's Chinese name (with
the user's column beside it when that is another name). Both texts live in the kit's
texts (texts/ledger/reasons.yml, Chinese in the catalogue) under ``reject.<code>``; field
names under ``reject.field.<field>``; the two columns a rejected table starts with under
``reject.header.row`` and ``reject.header.reason``.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from receivables.i18n.catalog import check_lang, has, t

#: The column of a rejected-rows table that holds the codes and their parameters.
CODE_COLUMN = "reason_code"

#: The reason codes. Their sentences are texts `reject.<code>` (texts/ledger/reasons.yml and
#: the Chinese catalogue), with placeholders {label} (the field as a user reads it), {field}
#: (its canonical name), {value}, {date_label}, {other_label}, {other_field},
#: {other_value}, {first_row}, {row}, {chosen}, {count}, {width}, {extra}. Field names are
#: texts `reject.field.<field>`.
CODES = (
    "row_too_long",
    "empty",
    "not_a_date",
    "not_a_number",
    "paid_without_date",
    "currency",
    "currency_empty",
    "duplicate",
    "unknown_invoice",
    "rejected_invoice",
    "due_before_invoice",
    "subtotal_row",
    "report_footer",
    "group_row",
)

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")
#: Parameters naming a field, and the parameter naming the user's column for each.
_FIELD_KEYS = {
    "field": ("column", "label"),
    "date_field": ("date_column", "date_label"),
    "other_field": ("other_column", "other_label"),
}


def field_label(field: str, column: str | None, lang: str = "en") -> str:
    """A field as a user reads it: ``amount (金额)`` / ``金额``; the canonical name alone
    (English) or the field's Chinese name (Chinese) when the column has that name."""
    check_lang(lang)
    column = str(column) if column is not None and str(column) != "" else field
    key = f"reject.field.{field}"
    zh = t(key, "zh") if has(key) else field
    if lang == "en":
        return field if column == field else f"{field} ({column})"
    if column == field:
        return zh
    return column if _CJK.search(column) or zh == field else f"{column}({zh})"


def source_header(column: str, lang: str = "en") -> str:
    """A column of the user's file as the rejected rows show it: as it is, except a header
    that is a field name of the kit, which Chinese names first: ``发票号(invoice_id)``."""
    key = f"reject.field.{column}"
    if check_lang(lang) == "en" or not has(key):
        return column
    return f"{t(key, 'zh')}({column})"


def shown(params: Mapping[str, Any], lang: str = "en") -> dict[str, Any]:
    """A problem's parameters with a label for each field, ready for its template."""
    out = dict(params)
    for key, (column, label) in _FIELD_KEYS.items():
        if key in params:
            out[label] = field_label(str(params[key]), params.get(column), lang)
    return out


def template(code: str, lang: str = "en") -> str:
    """The sentence of a reason code in ``lang``, with its placeholders."""
    return t(f"reject.{code}", lang)


def reason_text(code: str, params: Mapping[str, Any], lang: str = "en") -> str:
    """One problem as a sentence in ``lang``."""
    return template(code, lang).format(**shown(params, lang))


def fill(text: str, values: Mapping[str, Any], n: int) -> np.ndarray:
    """``text`` filled for ``n`` rows at once: each value a constant or an array of n."""
    out = np.full(n, "", dtype=object)
    for literal, name, spec, conv in string.Formatter().parse(text):
        if literal:
            out = out + literal
        if name is not None:
            value = values[name]
            if spec or conv:
                raise ValueError(f"reason templates take plain placeholders: {text!r}")
            if isinstance(value, np.ndarray | pd.Series | list):
                out = out + np.asarray(value, dtype=object).astype(str).astype(object)
            else:
                out = out + str(value)
    return out


def encode(code: str, params: Mapping[str, Any], n: int) -> np.ndarray:
    """The JSON object of one problem for ``n`` rows; params constants or arrays of n."""
    out = np.full(n, "{" + f'"code": {json.dumps(code)}', dtype=object)
    for key, value in params.items():
        if isinstance(value, np.ndarray | pd.Series | list):
            dumped = np.asarray(
                [json.dumps(_plain(v), ensure_ascii=False) for v in np.asarray(value, dtype=object)], dtype=object
            )
        else:
            dumped = json.dumps(_plain(value), ensure_ascii=False)
        out = out + f", {json.dumps(key)}: " + dumped
    return out + "}"


def english_and_code(code: str, params: Mapping[str, Any], n: int) -> tuple[np.ndarray, np.ndarray]:
    """(English sentences, JSON objects) of one problem for ``n`` rows; params constants or
    arrays of n. The reader's ``reason`` and ``reason_code`` are made of these."""
    return fill(template(code, "en"), shown(params, "en"), n), encode(code, params, n)


def _plain(value: Any) -> Any:
    """A parameter as JSON holds it: numbers stay numbers, anything else is text."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    return str(value)


def problems(code_text: Any) -> list[dict[str, Any]]:
    """The problems of one rejected row, from its ``reason_code`` ([] when none)."""
    if code_text is None or (not isinstance(code_text, str) and pd.isna(code_text)) or not str(code_text).strip():
        return []
    return list(json.loads(code_text))


def row_reason(code_text: Any, lang: str = "en", fallback: str = "") -> str:
    """One rejected row's reason in ``lang``: its problems joined with "; " (Chinese "；").
    ``fallback``: the text to keep when the row has no codes (a table made without them)."""
    found = problems(code_text)
    if not found:
        return fallback
    return ("；" if check_lang(lang) == "zh" else "; ").join(
        reason_text(p["code"], {k: v for k, v in p.items() if k != "code"}, lang) for p in found
    )


def reason_texts(frame: pd.DataFrame, lang: str = "en") -> pd.Series:
    """The ``reason`` column of a rejected-rows table written in ``lang``, from its codes.
    English without codes: the table's own reasons."""
    check_lang(lang)
    reasons = frame["reason"] if "reason" in frame.columns else pd.Series("", index=frame.index, dtype=object)
    if CODE_COLUMN not in frame.columns:
        return reasons.astype(object)
    return pd.Series(
        [
            row_reason(code, lang, "" if pd.isna(text) else str(text))
            for code, text in zip(frame[CODE_COLUMN], reasons, strict=True)
        ],
        index=frame.index,
        dtype=object,
    )


def rejected_for_reading(
    frame: pd.DataFrame | None, lang: str = "en", *, headers: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """A rejected-rows table as a person reads it: ``row``, the reason in ``lang`` (Chinese:
    written from the codes), then the original values under the user's headers (in Chinese,
    a header that is a field name of the kit gets its Chinese name: `source_header`); no
    code column. ``headers``: the names of the row and reason columns (default:
    ``row``/``reason`` in English, 原文件行号/拒收原因 in Chinese)."""
    check_lang(lang)
    if frame is None:
        frame = pd.DataFrame({"row": pd.Series([], dtype="int64"), "reason": pd.Series([], dtype=object)})
    out = frame.drop(columns=[CODE_COLUMN], errors="ignore").copy()
    if "reason" in out.columns and lang != "en":  # English: the reader's own text
        out["reason"] = reason_texts(frame, lang).to_numpy()
    names = (
        dict(headers)
        if headers is not None
        else {"row": t("reject.header.row", lang), "reason": t("reject.header.reason", lang)}
    )
    names.update({c: source_header(str(c), lang) for c in out.columns if c not in ("row", "reason")})
    return out.rename(columns=names)
