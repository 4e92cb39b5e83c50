"""The closing record of a notebook: the figures for the tests in their own MIME type, and
for people a table folded away whose summary says they are the starting values."""

from __future__ import annotations

import re

import nbformat
import pytest

from receivables.course.record import MIME, figures_table, record, recorded
from receivables.course.shown import not_chinese, shown_text

FIGURES = {"lang": "zh", "open_balance": 1_234_567.891, "dso": 41.25, "customers": 60, "flags": [1, 2]}


def _output(monkeypatch, figures, lang, show=None) -> dict:
    """What `record` displays, as the output a notebook stores."""
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw=False: shown.append(bundle))
    record(figures, lang, show)
    assert len(shown) == 1
    return nbformat.v4.new_output("display_data", data=shown[0])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_table_is_folded_and_says_what_its_figures_are(lang):
    table = figures_table(FIGURES, lang)
    assert table.startswith('<details class="receivables-record">\n<summary>') and table.endswith("</details>")
    assert "<details open" not in table  # closed until clicked
    summary = re.search(r"<summary>(.*)</summary>", table).group(1)
    if lang == "zh":
        assert summary.startswith("本节关键数据") and "初始数值" in summary and "不随之变化" in summary
    else:
        assert "starting values" in summary and "do not follow the sliders" in summary
    # the markdown table inside, set off by blank lines so it is read as markdown
    assert "\n\n| " in table and "|---|---:|" in table and "1,234,567.89" in table
    assert "flags" not in table  # lists stay in the machine-readable record only


def test_show_picks_the_rows_and_nothing_to_show_is_nothing():
    table = figures_table(FIGURES, "en", show=("dso",))
    assert "Days sales outstanding" in table and "Open balance" not in table
    assert figures_table(FIGURES, "en", show=()) == ""


def test_record_keeps_the_figures_for_the_tests(monkeypatch):
    out = _output(monkeypatch, FIGURES, "zh")
    assert out["data"][MIME]["open_balance"] == pytest.approx(1_234_567.891)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("record(...)", outputs=[out])])
    assert recorded(nb)["dso"] == 41.25
    # a Chinese learner who opens it reads Chinese only
    assert not not_chinese(nb) and "本节关键数据" in shown_text(nb)[0]
    empty = _output(monkeypatch, {"lang": "en", "x": 1}, "en", show=())
    assert set(empty["data"]) == {MIME, "text/plain"} and empty["data"]["text/plain"] == ""
