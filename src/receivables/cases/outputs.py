"""What ``receivables case run`` hands a sales manager: aging.xlsx, report.html and the
closing line, in the chosen language.

The figures come from ``run.py``; this module only presents them: localised headers and
number formats in the workbook, one self-contained HTML report (no code, no scripts, no
files or fonts fetched from the internet), and the summary line printed at the end.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from receivables.i18n import check_lang, t
from receivables.ledger.reasons import rejected_for_reading
from receivables.metrics import OPEN_ITEM_COLUMNS

MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
DAYS_FORMAT = "#,##0.00"
#: Summary figures by kind, for their number format.
SUMMARY_COUNTS = ("rows_read", "rows_used", "rows_rejected", "open_invoices")
SUMMARY_DAYS = ("dso", "best_possible_dso", "add")
#: Columns of metrics' aging_by_customer / open_items that are not aging buckets (each has a
#: ``caserun.<column>`` text).
COLUMN_KEYS = (*OPEN_ITEM_COLUMNS, "total", "unapplied")


# ------------------------------------------------------------------ texts


def bucket_header(label: str, lang: str = "en") -> str:
    """An aging bucket label of metrics ("current", "1-30", "over 365", "up to 30") as a
    sales manager reads it; an unknown label is returned as it is."""
    check_lang(lang)
    if label == "current":
        return t("caserun.bucket.current", lang)
    if label.startswith("over "):
        return t("caserun.bucket.over", lang).format(n=label[5:])
    if label.startswith("up to "):
        return t("caserun.bucket.up_to", lang).format(n=label[6:])
    lo, dash, hi = label.partition("-")
    if dash and lo.isdigit() and hi.isdigit():
        return t("caserun.bucket.range", lang).format(lo=lo, hi=hi)
    return label


def column_header(column: str, lang: str = "en") -> str:
    """A column of the kit's tables (customer_id, open_amount, a bucket label, ...) in
    ``lang``; a column the kit does not know (a user's own header) keeps its name."""
    if column in COLUMN_KEYS:
        return t(f"caserun.{column}", lang)
    return bucket_header(str(column), lang)


def summary_line(summary: Mapping[str, Any], out: str | Path, lang: str = "en") -> str:
    """The one line printed when the run is done."""
    dso = summary["dso"]
    dso_text = t("caserun.done_no_dso", lang) if dso is None else t("caserun.done_dso", lang).format(days=f"{dso:,.1f}")
    return t("caserun.done", lang).format(
        read=summary["rows_read"],
        used=summary["rows_used"],
        rejected=summary["rows_rejected"],
        as_of=summary["as_of"],
        open=f"{summary['open_balance']:,.2f}",
        dso=dso_text,
        out=out,
    )


# ------------------------------------------------------------------ aging.xlsx


def summary_sheet(summary: Mapping[str, Any], lang: str = "en") -> tuple[pd.DataFrame, list[str]]:
    """(the Summary sheet: figure, value; the kind of each row: date, count, money or days)."""
    names, values, kinds = [], [], []
    for key, value in summary.items():
        if key == "aging":
            for bucket in value:
                names.append(t("caserun.aging", lang).format(bucket=bucket_header(bucket["bucket"], lang)))
                values.append(bucket["amount"])
                kinds.append("money")
            continue
        names.append(t(f"caserun.{key}", lang))
        values.append(value)
        kinds.append(
            "count"
            if key in SUMMARY_COUNTS
            else "days"
            if key in SUMMARY_DAYS
            else "date"
            if key == "as_of"
            else "money"
        )
    frame = pd.DataFrame({t("case.figure", lang): names, t("case.value", lang): values})
    return frame, kinds


def localized_sheet(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A table of the kit with headers in ``lang``, datetimes without time zone (Excel has
    none), amounts rounded to cents (what is stored is what is shown: 80,314.16, never
    80314.15999999999)."""
    shown = frame.rename(columns={c: column_header(str(c), lang) for c in frame.columns})
    for c in shown.columns:
        if isinstance(shown[c].dtype, pd.DatetimeTZDtype):
            shown[c] = shown[c].dt.tz_localize(None)
        elif pd.api.types.is_float_dtype(shown[c].dtype):
            shown[c] = shown[c].round(2)
    return shown


#: A date an Excel ledger held as a date cell, as the reader turned it into text.
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")


def file_text(value: Any) -> Any:
    """A rejected row's cell as the file wrote it: text stays text (amounts too, exactly as
    written); a date cell of an Excel file, read as "2023-07-04 00:00:00", is its date
    "2023-07-04"; an empty cell stays empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        value = str(value)
    text = str(value)
    match = _MIDNIGHT.match(text)
    return match.group(1) if match else text


def rejected_sheet(rejected: pd.DataFrame | None, lang: str = "en") -> pd.DataFrame:
    """The rejected rows: row and reason headers in ``lang``, each reason written in ``lang``
    from its code (`receivables.ledger.reasons`), the user's own columns as the file wrote
    them, as text (`file_text`)."""
    frame = rejected if rejected is not None else pd.DataFrame({"row": [], "reason": []})
    shown = rejected_for_reading(
        frame, lang, headers={"row": t("caserun.row", lang), "reason": t("caserun.reason", lang)}
    )
    ours = {t("caserun.row", lang), t("caserun.reason", lang)}
    for c in shown.columns:
        if c not in ours:
            shown[c] = pd.Series([file_text(v) for v in shown[c]], index=shown.index, dtype=object)
    return shown


def _display_width(text: str) -> int:
    """Characters Excel needs for a header: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def write_xlsx(
    path: Path,
    summary: Mapping[str, Any],
    by_customer: pd.DataFrame,
    open_items: pd.DataFrame,
    rejected: pd.DataFrame | None,
    lang: str = "en",
) -> Path:
    """aging.xlsx: Summary, Aging by customer, Open invoices and Rejected rows, in ``lang``:
    localised sheet names and headers, amounts with thousands separators, header frozen."""
    check_lang(lang)
    summary_frame, kinds = summary_sheet(summary, lang)
    sheets: list[tuple[str, pd.DataFrame]] = [
        (t("case.sheet.summary", lang), summary_frame),
        (t("case.sheet.by_customer", lang), localized_sheet(by_customer, lang)),
        (t("case.sheet.open_items", lang), localized_sheet(open_items, lang)),
        (t("case.sheet.rejected", lang), rejected_sheet(rejected, lang)),
    ]
    with pd.ExcelWriter(path, engine="xlsxwriter", date_format="yyyy-mm-dd", datetime_format="yyyy-mm-dd") as xw:
        book = xw.book
        formats = {
            "money": book.add_format({"num_format": MONEY_FORMAT}),
            "count": book.add_format({"num_format": COUNT_FORMAT}),
            "days": book.add_format({"num_format": DAYS_FORMAT}),
            "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        }
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
        for index, (name, frame) in enumerate(sheets):
            name = name[:31]
            frame = frame.copy()
            frame.columns = [str(c) for c in frame.columns]
            frame.to_excel(xw, sheet_name=name, index=False)
            ws = xw.sheets[name]
            ws.freeze_panes(1, 0)
            for j, col in enumerate(frame.columns):
                ws.write(0, j, col, head)
                numeric = pd.api.types.is_float_dtype(frame[col])
                width = max(10, min(40, _display_width(col) + 2))
                ws.set_column(j, j, width, formats["money"] if numeric else None)
            if index == 0:  # the Summary's values mix dates, counts, amounts and days
                ws.set_column(0, 0, max(_display_width(n) for n in frame.iloc[:, 0]) + 2)
                ws.set_column(1, 1, 18)
                for i, (value, kind) in enumerate(zip(frame.iloc[:, 1], kinds, strict=True), start=1):
                    if kind == "date" and value:  # the as-of date: a date cell, not text
                        ws.write_datetime(i, 1, dt.datetime.fromisoformat(str(value)), formats["date"])
                    elif kind in formats and value is not None:
                        ws.write_number(i, 1, value, formats[kind])
            elif index == len(sheets) - 1:  # the rejected rows: the file's text stays text
                for j in range(2, len(frame.columns)):
                    for i, value in enumerate(frame.iloc[:, j], start=1):
                        if value is not None:
                            ws.write_string(i, j, str(value))
    return path


# ------------------------------------------------------------------ report.html

#: Text faces first, then Chinese ones: without a CJK family named, a browser picks
#: whatever the system falls back to (boxes, or Japanese glyph shapes for Chinese text).
LATIN_FONTS = ("system-ui", "-apple-system", "'Segoe UI'", "Roboto", "'Helvetica Neue'", "Arial")
CJK_FONTS = (
    "'Noto Sans CJK SC'",
    "'Noto Sans SC'",
    "'Source Han Sans SC'",
    "'Source Han Sans CN'",
    "'PingFang SC'",
    "'Hiragino Sans GB'",
    "'Microsoft YaHei'",
    "'WenQuanYi Micro Hei'",
    "'WenQuanYi Zen Hei'",
    "SimHei",
)
MONO_FONTS = ("'SFMono-Regular'", "Menlo", "Consolas", "'DejaVu Sans Mono'", "'Noto Sans Mono CJK SC'")


def font_css(lang: str = "en") -> str:
    """The report's fonts: a CJK stack in both languages (the English report shows the
    course's Chinese terms too), Chinese faces first in Chinese."""
    check_lang(lang)
    text = (*CJK_FONTS, *LATIN_FONTS) if lang == "zh" else (*LATIN_FONTS, *CJK_FONTS)
    stack = ", ".join((*text, "sans-serif"))
    mono = ", ".join((*MONO_FONTS, *CJK_FONTS, "monospace"))
    return (
        ":root {\n"
        f"  --jp-content-font-family: {stack};\n"
        f"  --jp-ui-font-family: {stack};\n"
        f"  --jp-code-font-family: {mono};\n"
        "}\n"
        f"body {{ font-family: {stack}; }}\n"
        "main { max-width: 1100px; margin: 0 auto; }\n"
        "hr.case-part { margin: 3em 0; border: 0; border-top: 2px solid #ccc; }\n"
    )


#: The lab template without what it would fetch from the internet: require.js, MathJax,
#: Mermaid and the widget manager (the case notebooks use none of them; charts are PNG).
REPORT_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css">
{{ resources.report_css }}
</style>
{%- endblock html_head_css -%}
"""
REPORT_TEMPLATE_NAME = "receivables_case_report.html.j2"


def report_cells(nb: Any) -> list[Any]:
    """The cells of an executed case notebook that belong in the report: without the
    navigation cells (links to files the report does not have), the trainer's discussion
    questions (tagged `trainer`: they are for the workshop, not for a company's managers) and the
    cell that records the key figures (a machine-readable bundle and its raw dict, for tests)."""
    from receivables.course.record import MIME

    kept = []
    for cell in nb.cells:
        if {"nav", "trainer"} & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if any(MIME in out.get("data", {}) for out in cell.get("outputs", [])):
            continue
        kept.append(cell)
    return kept


def write_html(path: Path, executed: Sequence[Path], summary: Mapping[str, Any], lang: str) -> Path:
    """report.html: the executed notebooks as one document without code, charts embedded,
    nothing loaded from elsewhere, so it opens offline and can be mailed."""
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    check_lang(lang)
    title = f"{t('case.report_title', lang)} · {summary['as_of']}"
    report = nbformat.v4.new_notebook()
    report.metadata["title"] = title
    for number, nb_path in enumerate(executed):
        nb = nbformat.read(nb_path, as_version=4)
        if number == 0:
            report.metadata.update({k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")})
        else:  # a rule between the parts
            report.cells.append(nbformat.v4.new_markdown_cell('<hr class="case-part">'))
        report.cells.extend(report_cells(nb))
    if not executed:  # no case notebooks: the summary alone
        rows = "\n".join(
            f"| {name} | {value} |" for name, value in summary_sheet(summary, lang)[0].itertuples(index=False)
        )
        report.cells.append(
            nbformat.v4.new_markdown_cell(
                f"# {title}\n\n| {t('case.figure', lang)} | {t('case.value', lang)} |\n|---|---|\n{rows}"
            )
        )
    exporter = HTMLExporter(
        template_name="lab",
        template_file=REPORT_TEMPLATE_NAME,
        extra_loaders=[jinja2.DictLoader({REPORT_TEMPLATE_NAME: REPORT_TEMPLATE})],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        # Charts are PNG outputs, embedded as data: URIs whatever this says; the case's
        # Markdown holds no image files. True would re-parse every inline HTML tag of the
        # Markdown alone and close it at once: <span data-figure=…>12.5</span> would lose its text.
        embed_images=False,
        language_code=lang,
    )
    html, _ = exporter.from_notebook_node(report, resources={"report_css": font_css(lang)})
    path.write_text(html, encoding="utf-8")
    return path
