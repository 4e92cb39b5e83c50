"""The script builder: typing saves at once to the learner's file, a new widget reloads it,
and a corrupt, missing or unwritable file gives a clear message without losing text."""

from __future__ import annotations

import json

from receivables.collection.scripts import FORMAT
from receivables.widgets import ScriptBuilderWidget


def _file_lines(path):
    return json.loads(path.read_text(encoding="utf-8"))["lines"]


def test_every_edit_is_saved_and_reloaded(tmp_path):
    path = tmp_path / "my-collection-scripts.json"
    w = ScriptBuilderWidget(path, "en")
    assert "No saved scripts yet" in w.result["message"] and not path.exists()
    assert len(w.controls) == 16
    r = w.set(**{"scenario.angry": "Let him finish first."})
    assert r["saved"] and _file_lines(path) == {"scenario.angry": "Let him finish first."}
    w.controls["scenario.angry"].value = "Let him finish first. Then the plan."  # as the browser does
    assert _file_lines(path)["scenario.angry"] == "Let him finish first. Then the plan."
    assert "1 of 16 written" in w.status.value
    again = ScriptBuilderWidget(path, "zh")
    assert again.controls["scenario.angry"].value == "Let him finish first. Then the plan."
    assert "已从" in again.result["message"] and again.result["written"] == 1


def test_styles_only_builder_keeps_the_other_lines(tmp_path):
    path = tmp_path / "s.json"
    scenarios = ScriptBuilderWidget(path, sections=["scenario"])
    styles = ScriptBuilderWidget(path, "zh", sections=["style"])  # a second notebook, same file
    assert list(styles.controls) == [
        "style.integrity",
        "style.empathy",
        "style.help",
        "style.deadline",
        "style.serious",
    ]
    scenarios.set(**{"scenario.threat": "我们珍惜合作。"})
    styles.set(**{"style.deadline": "31 号年度结账。"})
    assert _file_lines(path) == {"scenario.threat": "我们珍惜合作。", "style.deadline": "31 号年度结账。"}
    assert styles.result["lines"]["style.deadline"] == "31 号年度结账。" and "已写 1/5 条" in styles.status.value


def test_corrupt_file_gives_a_clear_message_and_keeps_the_old_text(tmp_path):
    path = tmp_path / "scripts.json"
    broken = '{"format": "' + FORMAT + '", "lines": {"scenario.angry": "my precious line"'
    path.write_text(broken, encoding="utf-8")
    w = ScriptBuilderWidget(path)
    assert not w.result["saved"]
    assert "Could not read your scripts file" in w.result["message"] and "not valid JSON" in w.result["message"]
    assert w.backup.read_text(encoding="utf-8") == broken
    assert "#b42318" in w.status.value  # shown in red
    w.set(**{"opening.meeting": "Hello Mr Lin"})
    assert _file_lines(path) == {"opening.meeting": "Hello Mr Lin"}
    assert w.backup.read_text(encoding="utf-8") == broken  # still there to recover


def test_unwritable_file_keeps_the_text_and_retries(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    path = blocker / "scripts.json"
    w = ScriptBuilderWidget(path, "zh")
    r = w.set(**{"scenario.angry": "先听。"})
    assert not r["saved"] and "未能保存" in r["message"]
    assert w.controls["scenario.angry"].value == "先听。" and w.lines["scenario.angry"] == "先听。"
    # The learner points the builder at a good file: the next edit saves the earlier line too.
    w.path = tmp_path / "scripts.json"
    w.set(**{"scenario.threat": "珍惜合作。"})
    assert _file_lines(w.path) == {"scenario.angry": "先听。", "scenario.threat": "珍惜合作。"}
    assert w.result["saved"]
