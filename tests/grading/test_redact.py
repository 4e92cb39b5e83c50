"""Feedback scanned for hidden tests and model answers before it is written (grading/redact.py)."""

from __future__ import annotations

import html as htmllib

import nbformat

from receivables.grading import redact
from receivables.grading.nbgrader_run import leaks

from .assignment import ROOT, SOURCE

SOURCE_ZH = ROOT / "solutions" / "01-overdue-and-profit-zh" / "overdue-and-profit.ipynb"


def _highlighted(line: str) -> str:
    """A line as nbconvert shows code: words in spans, quotes and < > as entities."""
    words = line.split(" ")
    return "<pre>" + " ".join(f'<span class="n">{htmllib.escape(w)}</span>' for w in words) + "</pre>"


def _page(*body: str) -> str:
    return "<html><head><style>pre { color: #333; }</style></head><body>" + "".join(body) + "</body></html>"


def test_secret_lines_are_hidden_tests_and_solutions_the_learner_did_not_write():
    source = nbformat.read(SOURCE, as_version=4)
    every = redact.secret_lines(source)
    assert any(s.startswith("expect_close(answer, 1_000_000") for s in every)
    assert "answer = 50_000 / 0.05" in every and "answer = 6" in every
    assert not any(s.startswith("expect_number") for s in every)  # visible tests are not secret
    learner = nbformat.v4.new_notebook()
    learner.cells = [nbformat.v4.new_code_cell("answer  =  50_000 / 0.05   # mine")]
    learner.cells[0].source = "answer = 50_000 / 0.05"
    mine = redact.secret_lines(source, learner)
    assert "answer = 50_000 / 0.05" not in mine and "answer = 6" in mine


def test_a_printed_hidden_test_is_found_however_it_is_marked_up_and_removed():
    source = nbformat.read(SOURCE, as_version=4)
    secrets = redact.secret_lines(source)
    hidden = next(s for s in secrets if s.startswith("expect_close(answer, 11_835.62"))
    page = _page("<p>before</p>", _highlighted(hidden), "<div>after</div>")
    assert redact.scan(page, secrets) == [hidden] and leaks(page, source, solutions=False)
    out, found = redact.redact(page, secrets)
    assert found == [hidden]
    assert redact.scan(out, secrets) == [] and leaks(out, source, solutions=False) == []
    assert redact.note() in htmllib.unescape(out) and "<p>before</p>" in out and "<div>after</div>" in out
    assert out.count("<span") == out.count("</span>") == page.count("<span")  # tags kept


def test_the_chinese_edition_gets_the_chinese_note_first():
    source = nbformat.read(SOURCE_ZH, as_version=4)
    secrets = redact.secret_lines(source)
    hidden = next(s for s in secrets if "第4题" in s)
    out, found = redact.redact(
        _page("<pre>" + htmllib.escape(hidden.replace(" ", "\n  ")) + "</pre>"), secrets, zh=True
    )
    assert found == [hidden] and htmllib.unescape(out).count(redact.note(zh=True)) == 1
    assert redact.note(zh=True) == "〔已删除:隐藏测试或参考答案 · removed: a hidden test or model answer〕"
    assert redact.note() == "[removed: a hidden test or model answer · 已删除:隐藏测试或参考答案]"


def test_a_longer_line_of_the_learner_is_not_a_model_answer():
    source = nbformat.read(SOURCE, as_version=4)
    secrets = redact.secret_lines(source)
    page = _page(_highlighted("answer = 60"), _highlighted("answer = 6.5"), "<p>answer = 6 months</p>")
    out, found = redact.redact(page, secrets)
    text = redact._text_map(redact._PIECES.split(out))[0]
    assert found == ["answer = 6"] and "answer = 60 answer = 6.5 " in text
    assert "answer = 6 months" not in text and text.rstrip().endswith(f"{redact.note()} months")


def test_nothing_found_leaves_the_page_as_it_is():
    page = _page(_highlighted("answer = 1_000_000"), "<p>Q1: not yet right.</p>")
    assert redact.redact(page, redact.secret_lines(nbformat.read(SOURCE, as_version=4))) == (page, [])


def test_write_feedback_copies_the_page_clean_and_says_so(tmp_path):
    source = nbformat.read(SOURCE, as_version=4)
    hidden = next(s for s in redact.secret_lines(source) if s.startswith("expect_close"))
    page, dest = tmp_path / "page.html", tmp_path / "out.html"
    page.write_text(_page(_highlighted(hidden)), encoding="utf-8")
    (problem,) = redact.write_feedback(page, dest, source, nbformat.v4.new_notebook())
    assert (
        "1 hidden-test or model-answer line(s)" in problem
        and redact.scan(dest.read_text(encoding="utf-8"), [hidden]) == []
    )
    page.write_text(_page("<p>Q1: not yet right.</p>"), encoding="utf-8")
    assert redact.write_feedback(page, dest, source, nbformat.v4.new_notebook()) == []
    assert dest.read_text(encoding="utf-8") == page.read_text(encoding="utf-8")
