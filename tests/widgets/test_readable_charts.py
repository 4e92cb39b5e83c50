"""Charts for a room (1280x720, a projector): the rules of `receivables.i18n.fonts`, shown to
catch what they should, and every widget's chart, in both languages, within them."""

from __future__ import annotations

import datetime as dt

import matplotlib.pyplot as plt
import pytest

from receivables.i18n import setup_plots
from receivables.i18n.fonts import (
    CHECK_CHARTS_ENV,
    MAX_WIDTH_IN,
    MIN_FONT_PT,
    OUTPUT_WIDTH_PX,
    ChartReadabilityWarning,
    readability_problems,
    readable,
)
from receivables.widgets import (
    AffordabilityWidget,
    AltmanWidget,
    CreditLimitWidget,
    DebtorTypeWidget,
    LimitationWidget,
    PaymentPlanWidget,
    ProfitImpactWidget,
    ScorecardWidget,
)


@pytest.fixture
def figure():
    setup_plots()
    fig, ax = plt.subplots(figsize=(6, 3))
    yield fig, ax
    plt.close(fig)


def test_the_room_fits_what_was_measured():
    assert MAX_WIDTH_IN * 100 + 20 <= OUTPUT_WIDTH_PX  # 820 px + savefig's padding within 848 px
    assert plt.rcParams["figure.dpi"] == 100 or setup_plots()
    setup_plots()
    assert plt.rcParams["xtick.labelsize"] >= MIN_FONT_PT and plt.rcParams["legend.fontsize"] >= MIN_FONT_PT


def test_amounts_get_separators_and_no_offset(figure):
    fig, ax = figure
    ax.bar(["a", "b"], [1_250_000, 3_400_000])
    ax.plot([0, 1], [1_250_000, 3_400_000])
    assert readable(fig) is fig
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "3,000,000" in labels and ax.yaxis.get_offset_text().get_text() == ""
    assert readability_problems(fig) == []


def test_what_breaks_the_rules_is_named(figure):
    fig, ax = figure
    ax.plot([0, 1], [1e6, 2e6], label="small")  # matplotlib's own formatter: no separators
    ax.set_title("Trend")
    ax.legend(fontsize=8)
    ax.set_xticks(range(12), [f"a long label {i}" for i in range(12)])
    problems = readability_problems(fig)
    assert any("needs separators" in p for p in problems)
    assert any("'small' at 8.0 pt" in p for p in problems)
    assert any("x axis of 'Trend': tick labels overlap" in p for p in problems)
    fig.set_size_inches(12, 3)
    assert any("in wide" in p and "8.2 in" in p for p in readability_problems(fig))


@pytest.mark.parametrize(("count", "crowded"), [(40, True), (6, False)])
def test_turned_tick_labels_overlap_only_when_crowded(figure, count, crowded):
    """Turned labels' boxes always meet; what counts is the gap between the lines."""
    fig, ax = figure
    ax.bar(range(count), range(count))
    ax.set_xticks(range(count), [f"2025-{i:02d}-28" for i in range(count)], rotation=60, ha="right")
    assert any("tick labels overlap" in p for p in readability_problems(fig)) is crowded


def test_checking_is_on_when_the_notebook_tests_ask(figure, monkeypatch):
    fig, ax = figure
    ax.plot([0, 1], [0, 1], label="small")
    ax.legend(fontsize=8, loc="upper left")
    monkeypatch.delenv(CHECK_CHARTS_ENV, raising=False)
    readable(fig)  # learners' runs do not pay for the check
    monkeypatch.setenv(CHECK_CHARTS_ENV, "1")
    with pytest.warns(ChartReadabilityWarning, match="'small' at 8.0 pt"):
        readable(fig)


WIDGETS = {
    "profit impact": lambda lang: ProfitImpactWidget(lang=lang),
    "affordability": lambda lang: AffordabilityWidget(lang=lang),
    "credit limit": lambda lang: CreditLimitWidget(lang=lang, balance=2_000_000),
    "altman": lambda lang: AltmanWidget(lang=lang),
    "payment plan": lambda lang: PaymentPlanWidget(lang=lang, instalments=12),
    "limitation": lambda lang: LimitationWidget(lang=lang, due_date="2023-02-22", as_of=dt.date(2025, 12, 31)),
    "debtor type": lambda lang: DebtorTypeWidget(lang=lang, able=True, willing=False),
    "scorecard": lambda lang: ScorecardWidget(lang=lang),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(WIDGETS))
def test_widget_charts_read_in_a_room(shown, name, lang):
    WIDGETS[name](lang)
    assert shown, f"{name} drew no chart"
    assert readability_problems(readable(shown[-1])) == []
