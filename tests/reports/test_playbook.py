"""The playbook export: the learner's lines, headings in the chosen language, CJK fonts."""

from __future__ import annotations

from datetime import date

import pytest

from receivables.reports.playbook import export_playbook

LINES = {"scenario.angry": "先让他把话说完。\n<然后>再谈计划。", "style.deadline": "Our year closes on the 31st."}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_writes_html_and_markdown(tmp_path, lang):
    out = export_playbook(LINES, tmp_path / "out", lang, learner="王芳", on=date(2026, 1, 5))
    assert out["written"] == 2 and out["slots"] == 16
    html = out["html"].read_text(encoding="utf-8")
    md = out["markdown"].read_text(encoding="utf-8")
    assert out["html"].name == f"collection-playbook-{lang}.html"
    for text in (html, md):
        assert "先让他把话说完。" in text and "Our year closes on the 31st." in text and "王芳" in text
        assert "2026-01-05" in text
    assert "&lt;然后&gt;再谈计划。" in html  # escaped, not markup
    assert "> <然后>再谈计划。" in md
    assert '"Noto Sans CJK SC"' in html and 'charset="utf-8"' in html
    assert "<link" not in html and "src=" not in html  # self-contained
    if lang == "zh":
        for heading in (
            "# 我的催收话术手册",
            "## 面谈开场",
            "## 四大托词",
            "## 六大情景",
            "## 五种沟通方式",
            "### 客户情绪激动",
        ):
            assert heading in md
        assert "<h2>五种沟通方式</h2>" in html and 'lang="zh-CN"' in html
        assert "My lines" not in md and "共 16 条,已编写 2 条。" in md
    else:
        for heading in (
            "# My collection playbook",
            "## Opening the meeting",
            "## The four pretexts",
            "## The six scenarios",
            "## The five communication styles",
            "### The customer loses his temper (客户情绪激动)",
        ):
            assert heading in md
        assert "<h2>The five communication styles</h2>" in html and "2 of 16 lines written." in md


def test_empty_slots_show_the_suggestion_and_bad_stem_is_refused(tmp_path):
    out = export_playbook({}, tmp_path, "en")
    md = out["markdown"].read_text(encoding="utf-8")
    assert md.count("Not written yet. The kit's suggestion (authored):") == 16
    with pytest.raises(ValueError, match="plain name"):
        export_playbook({}, tmp_path, "en", stem="../x")
