"""The four debtor types (authored content): the matrix, both languages, balances by type."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from receivables.collection.debtor_types import (
    DEBTOR_TYPES,
    TYPE_CODES,
    balances_by_type,
    classify,
    debtor_type_result,
    type_code,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    "able, willing, code",
    [
        (True, True, "able_willing"),
        (True, False, "able_unwilling"),
        (False, True, "unable_willing"),
        (False, False, "unable_unwilling"),
    ],
)
def test_matrix(able, willing, code):
    assert type_code(able, willing) == code
    dt = classify(able, willing)
    assert (dt.code, dt.able, dt.willing) == (code, able, willing)


def test_codes_are_the_case_datas():
    # datasets/electromech/README.md, customers.csv column debtor_type
    assert set(TYPE_CODES) == {"able_willing", "able_unwilling", "unable_willing", "unable_unwilling"}


@pytest.mark.parametrize("code", TYPE_CODES)
def test_every_type_speaks_both_languages(code):
    dt = DEBTOR_TYPES[code]
    assert len(dt.approach_en) == len(dt.approach_zh) >= 3
    for text in (dt.name_zh, dt.short_zh, dt.summary_zh, *dt.approach_zh):
        assert CJK.search(text)
    for text in (dt.name_en, dt.short_en, dt.summary_en, *dt.approach_en):
        assert not CJK.search(text)
    assert dt.name("en") == f"{dt.name_en} ({dt.name_zh})"
    assert dt.name("zh") == dt.name_zh
    zh = debtor_type_result(dt.able, dt.willing, "zh")
    assert zh["approach"] == list(dt.approach_zh) and zh["short"] == dt.short_zh


def test_balances_by_type_hand_computed():
    customers = pd.DataFrame(
        {"customer_id": ["A", "B", "C"], "debtor_type": ["able_willing", "able_willing", "unable_unwilling"]}
    )
    items = pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "C"],
            "open_amount": [100.0, 50.0, 30.0, 200.0],
            "days_past_due": [-5, 10, 0, 400],
        }
    )
    table = balances_by_type(customers, items, "en").set_index("code")
    assert list(table.index) == list(TYPE_CODES)
    assert table.loc["able_willing", "customers"] == 2
    assert table.loc["able_willing", "open_balance"] == pytest.approx(180.0)
    assert table.loc["able_willing", "overdue_balance"] == pytest.approx(50.0)  # only days > 0
    assert table.loc["unable_unwilling", "overdue_balance"] == pytest.approx(200.0)
    assert table.loc["able_unwilling", "customers"] == 0
    assert table["overdue_share"].tolist() == pytest.approx([50 / 2.5, 0, 0, 200 / 2.5])
    assert balances_by_type(customers, items, "zh")["type"].iloc[0] == "有能力、有意愿"
