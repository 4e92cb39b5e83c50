"""Causes of overdue: the course's five, the fishbone's bones, the team's additions."""

from __future__ import annotations

import warnings

import matplotlib
import pytest

from receivables.collection.causes import (
    BONE_KEYS,
    COURSE_CAUSES,
    FISHBONE,
    causes_table,
    draw_fishbone,
    fishbone_counts,
    with_team_causes,
)

matplotlib.use("Agg")


def test_the_course_names_five_causes_four_on_our_side():
    assert len(COURSE_CAUSES) == 5
    assert sum(c.ours for c in COURSE_CAUSES) == 4
    table = causes_table("zh")
    assert list(table.columns) == ["#", "原因(课程原文)", "哪一方"]
    assert table["哪一方"].tolist().count("我方(销售方)") == 4
    assert "审核把关不严谨" in table.iloc[0, 1]
    en = causes_table("en")
    assert en.iloc[0, 1].startswith("Lax credit approval") and "(给客户账期时审核把关不严谨)" in en.iloc[0, 1]


def test_fishbone_places_every_course_cause():
    assert len(FISHBONE) == 6
    assert sum(c.course for b in FISHBONE for c in b.causes) == 5
    counts = fishbone_counts()
    assert counts == {"bones": 6, "causes": sum(len(b.causes) for b in FISHBONE), "course_causes": 5, "team_causes": 0}


def test_team_causes_are_added_to_their_bone():
    bones = {b.key: b for b in with_team_causes({"management": "Statements once a year", "customer": ["A", " ", "B"]})}
    assert bones["management"].causes[-1].en == "Statements once a year"
    assert bones["management"].causes[-1].team
    assert [c.en for c in bones["customer"].causes if c.team] == ["A", "B"]  # blanks dropped
    assert fishbone_counts({"sales": "x"})["team_causes"] == 1
    with pytest.raises(ValueError, match="unknown name.*money"):
        with_team_causes({"money": "x"})
    assert "credit" in BONE_KEYS


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fishbone_draws_in_both_languages_without_missing_glyphs(lang):
    import matplotlib.pyplot as plt

    from receivables.i18n.fonts import readability_problems

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw_fishbone(lang, {"sales": "我们自己的原因"})
        fig.canvas.draw()
    texts = [t.get_text() for t in fig.axes[0].texts]
    problems = readability_problems(fig)  # a room's screen: 8.2 in, 11 pt, nothing runs into anything
    plt.close(fig)
    assert problems == []
    assert not [w for w in caught if "missing from font" in str(w.message)]
    if lang == "zh":
        assert "信用审核" in texts and not any("Credit approval" in x for x in texts)
        assert fig.axes[0].get_title() == "欠款原因分析示意图"
    else:
        assert "Credit approval\n信用审核" in texts  # a bone's name on two lines, causes wrapped
        assert any(x.startswith("Lax credit\napproval ★\n") for x in texts)
    assert any(x == "我们自己的原因 +" for x in texts)
