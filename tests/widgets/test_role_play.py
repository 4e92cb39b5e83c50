"""The role-play widget: pick a case and an answer, see the verdict, the moves made and missed, the PMP/LSCP steps and the score."""

from __future__ import annotations

import pytest

from receivables.widgets import RolePlayWidget


def test_answering_gives_feedback_and_a_running_score():
    w = RolePlayWidget(case="scenario.vague_promise")
    assert w.result["feedback"] is None and w.result["score"] == 0
    r = w.set(choice="a")  # "Great, I will wait": breaks the second P
    assert (r["feedback"]["verdict"], r["feedback"]["points"]) == ("poor", 0)
    assert "P · Promise: reach agreement (达成共识)" in r["feedback"]["breaks_text"]
    assert "Breaks the principles" in w.summary.value and "A better answer" in w.summary.value
    r = w.set(case="pretext.paperwork")
    assert r["choice"] is None and w.controls["choice"].value is None  # a new case starts unanswered
    assert r["customer_says"].startswith("We never received that invoice")
    r = w.set(choice="b")
    assert r["feedback"]["verdict"] == "best"
    assert (r["score"], r["max_score"], r["answered"]) == (2, 4, 2)
    assert "Score: 2 of 4 points on 2 of 11 situations" in w.summary.value
    w.set(case="scenario.vague_promise", choice="c")  # a second try teaches but does not score
    assert (w.result["score"], w.result["max_score"]) == (2, 4)
    assert w.result["feedback"]["verdict"] == "best"


def test_chinese_labels_and_feedback():
    w = RolePlayWidget(lang="zh", case="scenario.angry")
    assert w.controls["case"].description == "情景" and w.controls["choice"].description == "你的回答"
    assert "客户说" in w.prompt.value and "大声" in w.prompt.value
    r = w.set(choice="c")
    assert r["feedback"]["verdict_text"] == "部分正确"
    assert r["feedback"]["breaks_text"] == ["L · 倾听", "S · 理解/分担"]
    assert "违背了" in w.summary.value and "1/2 分" in w.summary.value


def test_bad_codes_are_refused():
    w = RolePlayWidget()
    with pytest.raises(ValueError, match="no answer 'z'"):
        w.set(choice="z")
    with pytest.raises(ValueError, match="no role-play case"):
        w.set(case="scenario.nothing")
    with pytest.raises(ValueError, match="not among"):
        RolePlayWidget(case="scenario.angry", cases=["pretext.quality"])


def test_feedback_shows_the_moves_made_and_missed():
    w = RolePlayWidget(case="pretext.quality")
    r = w.set(choice="b")  # sorry, and sends the service people "as soon as they can"
    f = r["feedback"]
    assert (f["verdict"], f["moves"], f["faults"]) == ("partly", ["acknowledge", "propose"], ["vague"])
    html = w.summary.value
    assert "Moves made:</b> acknowledges the customer&#x27;s situation; proposes a concrete solution" in html
    assert "Faults:</b> stays vague: no date, amount or person" in html
    assert "Missing for a best answer:</b> pins a date, amount or next step to agree on" in html
    assert "How answers score: best (2)" in html
    r = w.set(choice="c")  # the best answer misses nothing and makes no fault
    assert "receivables-roleplay-moves" in w.summary.value
    assert "receivables-roleplay-missed" not in w.summary.value and "receivables-roleplay-faults" not in w.summary.value


def test_chinese_feedback_names_the_moves():
    w = RolePlayWidget(lang="zh", case="scenario.discount_demand")
    w.set(choice="a")  # gives the discount
    html = w.summary.value
    assert "失误:</b> 让步:接受拖延或让利,却没有日期" in html
    assert "离最佳回答还差:</b> 认可/共情对方的处境或提问" in html
    assert "评分规则" in html
