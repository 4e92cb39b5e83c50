"""Reason codes: every rejected row keeps a stable code with its parameters, so its reason
can be written in English (the reader's own text, unchanged) or in Chinese."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pandas as pd

from receivables.i18n import t
from receivables.ledger import (
    read_ledger,
    read_side_table,
    reason_texts,
    rejected_for_reading,
    write_rejected,
)
from receivables.ledger.reasons import CODES, field_label, reason_text

HEADER_ZH = ["发票号", "客户编号", "客户名称", "开票日期", "到期日", "金额", "收款日期", "收款金额", "币种"]
MAPPING_ZH = {
    "columns": dict(
        zip(
            [
                "invoice_id",
                "customer_id",
                "customer_name",
                "invoice_date",
                "due_date",
                "amount",
                "paid_date",
                "paid_amount",
                "currency",
            ],
            HEADER_ZH,
            strict=True,
        )
    ),
    "currency": "人民币",
}
ROWS_ZH = [  # one problem per row after the first two, in the reader's order of checks
    ["F001", "K1", "甲公司", "2025-01-05", "2025-02-04", "1000", "2025-02-10", "1000", "人民币"],
    ["F002", "K2", "乙公司", "2025-01-10", "2025-02-09", "2000", "", "", "人民币"],
    ["F002", "K2", "乙公司", "2025-01-11", "2025-02-10", "2500", "", "", "人民币"],
    ["F003", "K1", "甲公司", "2025-13-40", "2025-03-01", "300", "", "", "人民币"],
    ["F004", "K3", "丙公司", "2025-02-01", "2025-03-03", "", "", "", "人民币"],
    ["F005", "K3", "丙公司", "2025-02-05", "2025-03-07", "壹佰", "", "", "人民币"],
    ["F006", "K1", "甲公司", "2025-03-01", "2025-02-01", "400", "", "", "人民币"],
    ["F007", "K2", "乙公司", "2025-03-02", "2025-04-01", "500", "", "200", "人民币"],
    ["F008", "K3", "丙公司", "2025-03-03", "2025-04-02", "600", "", "", "美元"],
    ["F009", "K3", "丙公司", "2025-03-04", "2025-04-03", "700", "", "", ""],
    ["", "K1", "甲公司", "2025-03-05", "2025-04-04", "800", "", "", "人民币"],
    ["F010", "K1", "甲公司", "2025-03-06", "2025-04-05", "900", "", "", "人民币", "多余", "值"],
]
EXPECTED = {  # row: (English as the reader always wrote it, Chinese)
    3: ("duplicate invoice_id 'F002' (first seen in row 2)", "发票号“F002”重复(首次出现在第 2 行)"),
    4: ("invoice_date (开票日期) '2025-13-40' is not a date", "开票日期“2025-13-40”不是日期"),
    5: ("amount (金额) is empty", "金额为空"),
    6: ("amount (金额) '壹佰' is not a number", "金额“壹佰”不是数字"),
    7: ("due_date 2025-02-01 is before invoice_date 2025-03-01", "到期日 2025-02-01 早于开票日期 2025-03-01"),
    8: ("paid_amount (收款金额) '200' given but paid_date (收款日期) is empty", "填写了收款金额“200”,但收款日期为空"),
    9: ("currency 美元, not the chosen 人民币", "币种为“美元”,不是所选的币种 人民币"),
    10: ("currency empty, not the chosen 人民币", "币种为空,不是所选的币种 人民币"),
    11: ("invoice_id (发票号) is empty", "发票号为空"),
    12: (
        "row has 11 values but the header has 9 columns; extra values: 多余,值",
        "该行有 11 个值,但表头只有 9 列;多出的值:多余,值",
    ),
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_code_has_both_languages_and_the_same_placeholders_known():
    known = {
        "label",
        "field",
        "value",
        "date_label",
        "other_label",
        "other_field",
        "other_value",
        "first_row",
        "row",
        "chosen",
        "count",
        "width",
        "extra",
    }
    for code in CODES:
        en, zh = t(f"reject.{code}", "en"), t(f"reject.{code}", "zh")
        assert CJK.search(zh) and not CJK.search(en.replace("{", "").replace("}", "")), code
        for text in (en, zh):
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            assert names <= known, (code, names - known)


def test_reason_codes_render_english_unchanged_and_chinese(make_csv):
    ledger = read_ledger(make_csv(ROWS_ZH, header=HEADER_ZH), MAPPING_ZH)
    rej = ledger.rejected
    assert list(rej.columns[:3]) == ["row", "reason", "reason_code"]
    assert dict(zip(rej["row"], rej["reason"], strict=True)) == {row: en for row, (en, _) in EXPECTED.items()}
    # The English reason, written again from the codes alone, is the reader's text.
    assert reason_texts(rej, "en").tolist() == rej["reason"].tolist()
    zh = dict(zip(rej["row"], reason_texts(rej, "zh"), strict=True))
    assert zh == {row: text for row, (_, text) in EXPECTED.items()}
    codes = {row: [p["code"] for p in json.loads(c)] for row, c in zip(rej["row"], rej["reason_code"], strict=True)}
    assert codes[3] == ["duplicate"] and codes[9] == ["currency"] and codes[12] == ["row_too_long"]
    assert json.loads(rej.loc[rej["row"] == 6, "reason_code"].item()) == [
        {"code": "not_a_number", "field": "amount", "column": "金额", "value": "壹佰"}
    ]


def test_payments_side_tables_and_several_problems_in_chinese(make_csv, tmp_path: Path):
    inv = make_csv(
        [
            ["F001", "K1", "2025-01-05", "2025-02-04", "100"],
            ["F001", "K1", "2025-01-06", "2025-02-05", "5"],
            ["F002", "K2", "2025-01-07", "2025-02-06", "200"],
        ]
    )
    (tmp_path / "pay.csv").write_text(
        "invoice_id,paid_date,paid_amount\nF001,2025-02-01,100\nF009,2025-02-02,5\n,下周,一千\n", encoding="utf-8"
    )
    (tmp_path / "map.yml").write_text("payments:\n  file: pay.csv\n", encoding="utf-8")
    ledger = read_ledger(inv, tmp_path / "map.yml")
    pay = ledger.payments_rejected
    assert pay["reason"].tolist() == [
        "unknown invoice_id 'F009' (not in the invoices)",
        "invoice_id is empty; paid_date '下周' is not a date; paid_amount '一千' is not a number",
    ]
    assert reason_texts(pay, "en").tolist() == pay["reason"].tolist()
    # Canonical headers: the Chinese reason names the field in Chinese; problems joined with "；".
    assert reason_texts(pay, "zh").tolist() == [
        "发票号“F009”不在发票表中",
        "发票号为空；收款日期“下周”不是日期；收款金额“一千”不是数字",
    ]
    # The user's headers stay; one that is a field name of the kit gets its Chinese name first.
    assert rejected_for_reading(pay, "zh").columns.tolist() == [
        "原文件行号",
        "拒收原因",
        "发票号(invoice_id)",
        "收款日期(paid_date)",
        "收款金额(paid_amount)",
    ]
    assert rejected_for_reading(pay, "en").columns.tolist() == [
        "row",
        "reason",
        "invoice_id",
        "paid_date",
        "paid_amount",
    ]
    promises = tmp_path / "承诺.csv"
    promises.write_text("customer id,made_on,promised_date,promised_amount\nK1,2025-03-01,月底,5\n", encoding="utf-8")
    side = read_side_table(promises, "promises", columns={"customer_id": "customer id"})
    assert reason_texts(side.rejected, "zh").tolist() == ["约定付款日“月底”不是日期"]


def test_field_labels_use_the_users_column_or_the_chinese_field_name():
    assert field_label("amount", "金额", "en") == "amount (金额)" and field_label("amount", "amount", "en") == "amount"
    assert field_label("amount", "金额", "zh") == "金额"  # the user's own (Chinese) header
    assert field_label("amount", "amount", "zh") == "金额"  # canonical header: the field in Chinese
    assert field_label("amount", "Amt", "zh") == "Amt(金额)"  # another header: both
    assert field_label("note", "note", "zh") == "note"  # a field the kit does not name: as it is
    assert reason_text("empty", {"field": "due_date", "column": "到期日"}, "zh") == "到期日为空"


def test_write_rejected_in_chinese(make_csv, tmp_path: Path):
    ledger = read_ledger(make_csv(ROWS_ZH, header=HEADER_ZH), MAPPING_ZH)
    out = write_rejected(ledger, tmp_path / "rejected.csv", lang="zh")
    back = pd.read_csv(out, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert list(back.columns[:3]) == ["原文件行号", "拒收原因", "发票号"] and "reason_code" not in back.columns
    assert back["拒收原因"].tolist() == [zh for _, zh in EXPECTED.values()]
    english = pd.read_csv(write_rejected(ledger, tmp_path / "en.csv"), dtype=str, encoding="utf-8-sig")
    assert list(english.columns[:3]) == ["row", "reason", "发票号"]
    assert english["reason"].tolist() == [en for en, _ in EXPECTED.values()]
    # A table without codes (made by hand) keeps its own reasons.
    plain = pd.DataFrame({"row": [1], "reason": ["set aside by hand"]})
    assert rejected_for_reading(plain, "zh").columns.tolist() == ["原文件行号", "拒收原因"]
