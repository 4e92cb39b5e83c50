"""The collection conversation: content complete in both languages, pretexts counted from a log,
role-play feedback grounded in PMP and LSCP, the running score."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.collection import conversation as conv
from receivables.collection.role_play import CASES, Scoreboard, feedback


def test_the_course_counts_and_both_languages():
    assert [s.letter for s in conv.PMP_STEPS] == ["P", "M", "P"]
    assert [s.letter for s in conv.LSCP_STEPS] == ["L", "S", "C", "P"]
    assert [conv.pick(s.name, "zh") for s in conv.LSCP_STEPS] == ["倾听", "理解/分担", "澄清", "提出方案"]
    assert (len(conv.TRICKS), len(conv.PRETEXTS), len(conv.SCENARIOS)) == (6, 4, 6)
    assert [conv.pick(s.name, "zh") for s in conv.STYLES] == ["同理式", "共情式", "求助式", "节点式", "严肃式"]
    for table in (conv.tricks_table, conv.pretexts_table, conv.scenarios_table, conv.styles_table):
        en, zh = table("en"), table("zh")
        assert en.shape == zh.shape
        texts = zh.drop(columns="code").to_numpy().ravel()
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in x) for x in texts), table.__name__
    # English shows the Chinese term beside; Chinese alone in zh.
    assert conv.styles_table("en")["style"].iloc[4] == "Firm and formal (严肃式)"
    assert conv.styles_table("zh")["style"].iloc[4] == "严肃式"
    # seed 001's own words for the style
    assert conv.pick(conv.STYLES[3].course_says, "zh") == "利用关键时间节点,强调自身考核指标,获取客户的支持。"


def test_pretext_answers_follow_lscp():
    p = conv.PRETEXTS[2]
    steps = p.answer_steps("zh")
    assert [s for s, _ in steps] == ["L · 倾听", "S · 理解/分担", "C · 澄清", "P · 提出方案"]
    assert set(conv.pretext_headers("en")) == set(conv.pretexts_table("en").columns) - {"code"}


def test_pretexts_heard_by_hand():
    log = pd.DataFrame(
        {
            "customer_id": ["A", "A", "B", "B", "C", "C", "D"],
            "excuse_code": ["cash_flow", "no_budget", "cash_flow", "boss_away", "unreachable", "", None],
        }
    )
    heard = conv.pretexts_heard(log, "en")
    assert heard["code"].tolist() == ["no_money", "not_my_call", "quality", "paperwork"]
    assert heard["times"].tolist() == [3, 1, 0, 0]  # unreachable is a trick, not a pretext
    assert heard["customers"].tolist() == [2, 1, 0, 0]
    with pytest.raises(ValueError, match="excuse_code"):
        conv.pretexts_heard(log.drop(columns="excuse_code"))


def test_feedback_names_the_steps_honoured_and_broken():
    best = feedback("pretext.quality", "c", "en")
    assert (best["points"], best["verdict"], best["better"]) == (2, "best", "")
    assert "lscp.clarify" in best["honours"] and best["breaks"] == []
    poor = feedback("pretext.quality", "a", "zh")
    assert (poor["points"], poor["verdict_text"]) == (0, "违背原则")
    assert poor["breaks_text"] == ["L · 倾听", "S · 理解/分担", "C · 澄清"]
    assert poor["better"].startswith("“这对我们来说也不能接受")
    with pytest.raises(ValueError, match="no answer 'd'"):
        feedback("pretext.quality", "d")
    with pytest.raises(ValueError, match="no role-play case"):
        feedback("pretext.nothing", "a")


def test_every_case_has_one_best_answer_and_grounded_feedback():
    assert len(CASES) == 1 + 4 + 6
    for case in CASES:
        points = sorted(r.points for r in case.responses)
        assert points == [0, 1, 2], case.code
        for r in case.responses:
            assert set(r.honours) | set(r.breaks) <= set(conv.STEPS)
            assert r.honours or r.breaks  # every answer is judged against PMP or LSCP
            assert not set(r.honours) & set(r.breaks)
        # the best answer is not always in the same place
    assert len({[r.points for r in c.responses].index(2) for c in CASES}) == 3


def test_scoreboard_counts_the_first_answer():
    board = Scoreboard()
    board.answer("scenario.angry", "c")  # 1 point
    board.answer("scenario.angry", "a")  # second try: learning, not scoring
    board.answer("scenario.threat", "c")  # 2 points
    assert (board.score, board.max_score, board.answered) == (3, 4, 2)
    assert board.text("zh") == "得分:2/11 个情景,3/4 分(每个情景以第一次回答计分)。"
