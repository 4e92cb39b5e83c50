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
catalogue under ``reject.<code>``; field names under ``reject.field.<field>``.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from receivables.i18n.catalog import CATALOG, check_lang, register

#: The column of a rejected-rows table that holds the codes and their parameters.
CODE_COLUMN = "reason_code"

#: reject.<code>: (English, Chinese). Placeholders: {label} (the field as a user reads
#: it), {field} (its canonical name), {value}, {date_label}, {other_label},
#: {other_field}, {other_value}, {first_row}, {row}, {chosen}, {count}, {width}, {extra}.
REASONS: dict[str, tuple[str, str]] = {
    "reject.row_too_long": (
        "row has {count} values but the header has {width} columns; extra values: {extra}",
        "该行有 {count} 个值,但表头只有 {width} 列;多出的值:{extra}"),
    "reject.empty": ("{label} is empty", "{label}为空"),
    "reject.not_a_date": ("{label} '{value}' is not a date", "{label}“{value}”不是日期"),
    "reject.not_a_number": ("{label} '{value}' is not a number", "{label}“{value}”不是数字"),
    "reject.paid_without_date": (
        "{label} '{value}' given but {date_label} is empty", "填写了{label}“{value}”,但{date_label}为空"),
    "reject.currency": (
        "currency {value}, not the chosen {chosen}", "{label}为“{value}”,不是所选的币种 {chosen}"),
    "reject.currency_empty": (
        "currency empty, not the chosen {chosen}", "{label}为空,不是所选的币种 {chosen}"),
    "reject.duplicate": (
        "duplicate {field} '{value}' (first seen in row {first_row})",
        "{label}“{value}”重复(首次出现在第 {first_row} 行)"),
    "reject.unknown_invoice": (
        "unknown {field} '{value}' (not in the invoices)", "{label}“{value}”在发票中找不到"),
    "reject.rejected_invoice": (
        "{field} '{value}' is a rejected invoice (row {row})", "{label}“{value}”对应的发票已被拒收(第 {row} 行)"),
    "reject.due_before_invoice": (
        "{field} {value} is before {other_field} {other_value}", "{label} {value} 早于{other_label} {other_value}"),
}
#: The codes, in the order of the table above.
CODES = tuple(key.removeprefix("reject.") for key in REASONS)

#: reject.field.<field>: the canonical fields of every table the kit reads, in Chinese.
FIELDS: dict[str, tuple[str, str]] = {
    f"reject.field.{name}": (name, zh)
    for name, zh in {
        "invoice_id": "发票号", "customer_id": "客户编号", "customer_name": "客户名称",
        "invoice_date": "开票日期", "due_date": "到期日", "amount": "金额", "currency": "币种",
        "paid_date": "收款日期", "paid_amount": "收款金额",
        "made_on": "承诺日期", "promised_date": "约定付款日", "promised_amount": "承诺金额",
        "date": "日期", "kind": "催收方式",
        "year": "年度", "total_assets": "资产总额", "total_liabilities": "负债总额",
        "current_assets": "流动资产", "current_liabilities": "流动负债", "retained_earnings": "留存收益",
        "ebit": "息税前利润", "sales": "销售收入", "book_equity": "所有者权益",
        "credit_limit": "信用额度", "terms_days": "账期(天)",
    }.items()
}

if "reject.empty" not in CATALOG:  # importing twice (reload) must not register twice
    register({**REASONS, **FIELDS})

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")
#: Parameters naming a field, and the parameter naming the user's column for each.
_FIELD_KEYS = {"field": ("column", "label"), "date_field": ("date_column", "date_label"),
               "other_field": ("other_column", "other_label")}


def field_label(field: str, column: str | None, lang: str = "en") -> str:
    """A field as a user reads it: ``amount (金额)`` / ``金额``; the canonical name alone
    (English) or the field's Chinese name (Chinese) when the column has that name."""
    check_lang(lang)
    column = str(column) if column is not None and str(column) != "" else field
    key = f"reject.field.{field}"
    zh = CATALOG[key][1] if key in CATALOG else field
    if lang == "en":
        return field if column == field else f"{field} ({column})"
    if column == field:
        return zh
    return column if _CJK.search(column) or zh == field else f"{column}({zh})"


def shown(params: Mapping[str, Any], lang: str = "en") -> dict[str, Any]:
    """A problem's parameters with a label for each field, ready for its template."""
    out = dict(params)
    for key, (column, label) in _FIELD_KEYS.items():
        if key in params:
            out[label] = field_label(str(params[key]), params.get(column), lang)
    return out


def template(code: str, lang: str = "en") -> str:
    en, zh = CATALOG[f"reject.{code}"]
    return zh if check_lang(lang) == "zh" else en


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
            dumped = np.asarray([json.dumps(_plain(v), ensure_ascii=False) for v in np.asarray(value, dtype=object)],
                                dtype=object)
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
    return ("；" if check_lang(lang) == "zh" else "; ").join(reason_text(p["code"], {k: v for k, v in p.items() if k != "code"}, lang) for p in found)


def reason_texts(frame: pd.DataFrame, lang: str = "en") -> pd.Series:
    """The ``reason`` column of a rejected-rows table written in ``lang``, from its codes.
    English without codes: the table's own reasons."""
    check_lang(lang)
    reasons = frame["reason"] if "reason" in frame.columns else pd.Series("", index=frame.index, dtype=object)
    if CODE_COLUMN not in frame.columns:
        return reasons.astype(object)
    return pd.Series(
        [row_reason(code, lang, "" if pd.isna(text) else str(text))
         for code, text in zip(frame[CODE_COLUMN], reasons, strict=True)],
        index=frame.index, dtype=object)


#: The two columns the kit adds in front of a rejected table, as a user reads them.
HEADERS: dict[str, tuple[str, str]] = {
    "reject.header.row": ("row", "原文件行号"),
    "reject.header.reason": ("reason", "拒收原因"),
}
if "reject.header.row" not in CATALOG:
    register(HEADERS)


def rejected_for_reading(frame: pd.DataFrame | None, lang: str = "en", *, headers: Mapping[str, str] | None = None
                         ) -> pd.DataFrame:
    """A rejected-rows table as a person reads it: ``row``, the reason in ``lang`` (Chinese:
    written from the codes), then the original values; no code column. ``headers``: the names of the row and
    reason columns (default: ``row``/``reason`` in English, 原文件行号/拒收原因 in Chinese)."""
    check_lang(lang)
    if frame is None:
        frame = pd.DataFrame({"row": pd.Series([], dtype="int64"), "reason": pd.Series([], dtype=object)})
    out = frame.drop(columns=[CODE_COLUMN], errors="ignore").copy()
    if "reason" in out.columns and lang != "en":  # English: the reader's own text
        out["reason"] = reason_texts(frame, lang).to_numpy()
    names = dict(headers) if headers is not None else {
        "row": CATALOG["reject.header.row"][lang == "zh"],
        "reason": CATALOG["reject.header.reason"][lang == "zh"],
    }
    return out.rename(columns=names)
