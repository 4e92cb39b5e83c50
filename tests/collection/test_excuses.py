"""The excuse log: counts, shares, the line heard most often, by debtor type."""

from __future__ import annotations

import warnings

import matplotlib
import pandas as pd
import pytest

from receivables.collection.excuses import (
    CHECK_FIRST,
    EXCUSE_CODES,
    draw_excuses,
    excuse_name,
    excuse_summary,
    excuses_by_type,
    excuses_heard,
    heard_line,
)
from receivables.i18n import has, pick

matplotlib.use("Agg")

LOG = pd.DataFrame(
    {
        "customer_id": ["A", "A", "B", "B", "C", "C"],
        "kind": ["call", "call", "visit", "call", "email", "call"],
        "excuse_code": ["cash_flow", "cash_flow", "cash_flow", "boss_away", "", None],
        "note_en": ["Cash is tight.", "Loan not in.", "Cash is tight.", "Boss away.", "Reminder.", "Call."],
        "note_zh": ["资金紧张。", "贷款没下来。", "资金紧张。", "老板不在。", "提醒。", "电话。"],
    }
)
CUSTOMERS = pd.DataFrame(
    {"customer_id": ["A", "B", "C"], "debtor_type": ["unable_willing", "able_unwilling", "able_willing"]}
)


def test_summary_counts_by_hand():
    s = excuse_summary(LOG, "en")
    assert s["code"].tolist() == ["cash_flow", "boss_away"]
    assert s["times"].tolist() == [3, 1]
    assert s["share"].tolist() == pytest.approx([75.0, 25.0])
    assert s["customers"].tolist() == [2, 1]
    assert s.loc[0, "example"] == "Cash is tight."  # heard twice
    assert s.loc[0, "excuse"] == "Cash is tight"
    assert s.loc[0, "check_first"] == pick(CHECK_FIRST["cash_flow"], "en")


def test_summary_in_chinese():
    s = excuse_summary(LOG, "zh")
    assert s.loc[0, "excuse"] == "资金紧张"
    assert s.loc[0, "example"] == "资金紧张。"
    assert s.loc[0, "check_first"] == pick(CHECK_FIRST["cash_flow"], "zh")


def test_by_type_crosstab():
    table = excuses_by_type(LOG, CUSTOMERS, "en")
    assert list(table.columns) == ["Reliable", "Stalling", "Struggling", "High risk"]
    assert table.loc["Cash is tight"].tolist() == [0, 1, 2, 0]
    assert table.loc["The boss is away"].tolist() == [0, 1, 0, 0]
    zh = excuses_by_type(LOG, CUSTOMERS, "zh")
    assert list(zh.columns) == ["守信型", "拖欠型", "困难型", "风险型"]
    assert zh.index.name == "借口"


def test_every_code_has_a_name_and_advice_in_both_languages():
    for code in EXCUSE_CODES:
        assert has(f"excuse.{code}")
        assert pick(CHECK_FIRST[code], "en") and pick(CHECK_FIRST[code], "zh")
    assert excuse_name("something_new") == "something_new"


def test_chart_in_chinese_has_every_glyph():
    import matplotlib.pyplot as plt

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw_excuses(excuse_summary(LOG, "zh"), "zh")
        fig.canvas.draw()
    assert fig.axes[0].get_title() == "催收记录中的客户拒付借口"
    plt.close(fig)
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_excuses_heard_from_one_customer_up_to_a_date():
    log = LOG.assign(
        date=pd.to_datetime(["2025-01-05", "2025-02-05", "2025-01-10", "2025-03-01", "2025-01-01", "2025-01-02"])
    )
    # B: cash flow once (01-10), boss away once (03-01); C: a reminder and a call, no excuse.
    assert excuses_heard(log, "A").to_dict() == {"cash_flow": 2}
    assert excuses_heard(log, "B").to_dict() == {"cash_flow": 1, "boss_away": 1}
    assert excuses_heard(log, "B", as_of="2025-02-28").to_dict() == {"cash_flow": 1}
    assert excuses_heard(log, "C").empty and excuses_heard(log, "Z").empty
    assert heard_line(excuses_heard(log, "A"), "en") == "Cash is tight × 2"
    assert heard_line(excuses_heard(log, "B"), "zh") == "资金紧张 × 1; 老板不在 × 1"
    assert heard_line(excuses_heard(log, "C"), "zh") == "—"
    with pytest.raises(ValueError, match="excuse_code"):
        excuses_heard(log.drop(columns="excuse_code"), "A")
