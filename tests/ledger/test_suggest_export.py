"""Drafting a mapping from a real-world export: the ledger's sheet, Chinese ERP headers,
a draft a non-programmer can complete, and plain messages for slips made editing it."""

from __future__ import annotations

import pytest
import yaml
from typer.testing import CliRunner

from receivables.ledger import load_mapping, read_ledger, suggest_mapping, write_mapping
from receivables.ledger.cli import app as mapping_app
from receivables.ledger.errors import MappingError

runner = CliRunner()
LEDGER_HEADER = ["单据编号", "客户编号", "客户名称", "业务日期", "到期日", "价税合计", "收款日期", "币种"]
LEDGER_ROW = ["00012", "000101", "上海华东机电有限公司", "2025-03-01", "2025-04-30", "1,130.00", "", "人民币"]


def workbook(make_xlsx):
    """A cover sheet, a pivot-like summary, then the ledger (third sheet) under a title."""
    return make_xlsx(
        sheets={
            "说明": [["本表由系统导出"], ["导出日期", "2025-12-31"]],
            "汇总": [["客户名称", "金额"], ["上海华东机电有限公司", 1130]],
            "应收明细": [["2025年应收账款明细"], LEDGER_HEADER, LEDGER_ROW],
        },
        name="导出.xlsx",
    )


def test_the_ledger_sheet_is_found_and_named_in_the_draft(make_xlsx, tmp_path):
    path = workbook(make_xlsx)
    draft = suggest_mapping(path)
    assert draft["sheet"] == "应收明细"
    assert draft["columns"] == {
        "invoice_id": "单据编号", "customer_id": "客户编号", "invoice_date": "业务日期",
        "due_date": "到期日", "amount": "价税合计", "paid_date": "收款日期",
        "customer_name": "客户名称", "currency": "币种",
    }  # fmt: skip
    # The written draft reads the right sheet back, with the file's leading zeros.
    ledger = read_ledger(path, load_mapping(write_mapping(draft, tmp_path / "m.yml")))
    assert ledger.invoices[["invoice_id", "customer_id", "amount"]].values.tolist() == [["00012", "000101", 1130.0]]


def test_a_given_sheet_wins_and_the_first_sheet_needs_no_name(make_xlsx):
    path = workbook(make_xlsx)
    assert suggest_mapping(path, sheet="汇总") == {
        "columns": {"customer_id": "客户名称", "amount": "金额"},
        "sheet": "汇总",
    }
    single = make_xlsx([LEDGER_HEADER, LEDGER_ROW], name="one.xlsx")
    assert "sheet" not in suggest_mapping(single)
    first = make_xlsx(sheets={"台账": [LEDGER_HEADER, LEDGER_ROW], "空": [["备注"]]}, name="first.xlsx")
    assert "sheet" not in suggest_mapping(first)


@pytest.mark.parametrize(
    "header, expected",
    [
        # 金额 beside 税额 is the amount before tax; the customer owes 价税合计.
        (["发票号", "客户", "开票日期", "到期日", "金额", "税额", "价税合计"],
         {"invoice_id": "发票号", "customer_id": "客户", "invoice_date": "开票日期",
          "due_date": "到期日", "amount": "价税合计"}),
        # Kingdee / Yonyou style: 客户编码 is the code, the name column stays the name.
        (["应收单号", "客户编码", "客户名称", "立账日期", "收款到期日", "含税金额", "到账日期", "实收金额", "货币"],
         {"invoice_id": "应收单号", "customer_id": "客户编码", "invoice_date": "立账日期",
          "due_date": "收款到期日", "amount": "含税金额", "paid_date": "到账日期",
          "paid_amount": "实收金额", "customer_name": "客户名称", "currency": "货币"}),
        (["单据号", "往来单位编码", "往来单位名称", "记账日期", "付款到期日", "价税合计(本位币)"],
         {"invoice_id": "单据号", "customer_id": "往来单位编码", "invoice_date": "记账日期",
          "due_date": "付款到期日", "amount": "价税合计(本位币)", "customer_name": "往来单位名称"}),
    ],
)  # fmt: skip
def test_common_chinese_erp_headers(make_csv, header, expected):
    assert suggest_mapping(make_csv([], header=header))["columns"] == expected


def test_the_draft_lists_the_file_and_its_columns(tmp_path):
    draft = {"columns": {"invoice_id": "单据编号"}, "sheet": "应收明细"}
    text = write_mapping(draft, tmp_path / "m.yml", headers=["单据编号", "约定\n回款日"], source="导出.xlsx").read_text(
        encoding="utf-8"
    )
    lines = text.splitlines()
    assert lines[0] == "# DRAFT column mapping, guessed from the column headers of 导出.xlsx (sheet 应收明细):"
    assert "# Columns in your file: 单据编号, 约定 回款日" in lines
    assert "# Required fields not found: customer_id, invoice_date, due_date, amount" in lines
    assert yaml.safe_load(text) == {
        "columns": dict.fromkeys(
            [
                "invoice_id",
                "customer_id",
                "invoice_date",
                "due_date",
                "amount",
                "paid_date",
                "paid_amount",
                "open_amount",
                "customer_name",
                "currency",
            ]
        )
        | {"invoice_id": "单据编号"},
        "sheet": "应收明细",
    }


def test_cli_suggest_says_what_is_missing_and_keeps_an_edited_mapping(make_xlsx, tmp_path):
    path = make_xlsx(
        sheets={"封面": [["应收账款"]], "明细": [["单据编号", "客户编号", "业务日期", "约定回款日", "价税合计"]]},
        name="导出.xlsx",
    )
    out = tmp_path / "mapping.yml"
    r = runner.invoke(mapping_app, ["suggest", "--ledger", str(path), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        f"draft mapping for 导出.xlsx (sheet 明细) written to {out}",
        f"not found: due_date: open {out} and write, after each of these, the header of your column that holds it",
    ]
    assert "# Columns in your file: 单据编号, 客户编号, 业务日期, 约定回款日, 价税合计" in out.read_text(
        encoding="utf-8"
    )
    out.write_text("edited", encoding="utf-8")
    again = runner.invoke(mapping_app, ["suggest", "--ledger", str(path), "--out", str(out)])
    assert again.exit_code == 1 and "already exists" in again.output and "--force" in again.output
    assert out.read_text(encoding="utf-8") == "edited"
    forced = runner.invoke(
        mapping_app, ["suggest", "--ledger", str(path), "--out", str(out), "--sheet", "0", "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["sheet"] == 0


GOOD = "columns:\n  invoice_id: 单据编号\n  due_date: 约定回款日\n  amount: 价税合计\n"


@pytest.mark.parametrize(
    "edited, message",
    [
        ("  due_date:约定回款日", "line 3 of m.yml needs a space after the colon: due_date: 约定回款日"),
        ("  due_date：约定回款日",
         "line 3 of m.yml has a Chinese colon (：) after due_date; type an English colon and a space: due_date: ..."),
        ("due_date: 约定回款日",
         "line 3 of m.yml: due_date belongs under columns: and must be indented with two spaces like the lines around it"),
        ("\tdue_date: 约定回款日", "line 3 of m.yml is indented with a tab; indent it with spaces like the lines around it"),
    ],
)  # fmt: skip
def test_slips_made_editing_the_draft_are_named_with_their_line(tmp_path, edited, message):
    path = tmp_path / "m.yml"
    path.write_text(GOOD.replace("  due_date: 约定回款日", edited), encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load_mapping(path)
    assert str(err.value) == message
    path.write_text(GOOD, encoding="utf-8")
    assert load_mapping(path).columns["due_date"] == "约定回款日"
