"""Credit terms mix and the receivables history chart (02.00)."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

from receivables.reports.overview import credit_terms_mix, draw_receivables_history, terms_label
from receivables.reports.tables import localized, styled

matplotlib.use("Agg")


def test_credit_terms_mix_by_hand():
    invoices = pd.DataFrame(
        {
            "invoice_date": ["2025-01-01", "2025-01-05", "2025-02-01", "2025-02-01", "2025-03-01"],
            "due_date": ["2025-01-31", "2025-03-06", "2025-02-01", "2025-03-03", "2025-03-01"],
            "amount": [100.0, 300.0, 50.0, 50.0, -20.0],  # the last one is a credit note
        }
    )
    mix = credit_terms_mix(invoices).set_index("terms_days")
    assert list(mix.index) == [0, 30, 60]
    assert mix["invoices"].tolist() == [1, 2, 1]
    assert mix["amount"].tolist() == pytest.approx([50, 150, 300])
    assert mix["share"].tolist() == pytest.approx([10, 30, 60])


def test_terms_label():
    assert terms_label(60, "en") == "60 days"
    assert terms_label(60, "zh") == "60天"
    assert terms_label(0, "zh") == "货到付款(无账期)"


def test_history_chart_labels():
    import matplotlib.pyplot as plt

    history = pd.DataFrame(
        {
            "month": ["2025-01", "2025-02"],
            "closing_current_ar": [1e5, 2e5],
            "overdue_ar": [5e4, 0.0],
            "collections": [3e4, 4e4],
        }
    )
    fig = draw_receivables_history(history, "zh")
    ax = fig.axes[0]
    assert ax.get_title() == "各月末应收账款"
    assert ax.get_ylabel() == "万元"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["当月回款", "未到期", "已逾期"]
    plt.close(fig)


def test_tables_rename_from_the_catalogue():
    frame = pd.DataFrame({"terms": ["60天"], "amount": [1234.5], "share": [12.34], "extra": [1]})
    shown = localized(frame, {"terms": "overview.terms", "amount": "overview.amount"}, "zh")
    assert list(shown.columns) == ["信用账期", "开票金额(元)"]
    html = styled(
        frame, {"amount": "overview.amount", "share": "overview.share"}, "en", money=["amount"], pct=["share"]
    ).to_html()
    assert "1,234" in html and "12.3%" in html and "Share of the amount" in html
