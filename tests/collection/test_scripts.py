"""The learner's scripts file: save, reload, merge, and never lose text."""

from __future__ import annotations

import json

import pytest

from receivables.collection.scripts import (
    FORMAT,
    SLOTS,
    load_scripts,
    save_line,
    save_lines,
    slots,
    written_count,
)


def test_slots_cover_opening_pretexts_scenarios_styles():
    assert len(SLOTS) == 1 + 4 + 6 + 5
    assert [s.key for s in slots(["style"])] == [
        "style.integrity",
        "style.empathy",
        "style.help",
        "style.deadline",
        "style.serious",
    ]
    with pytest.raises(ValueError, match="unknown script section"):
        slots(["styles"])


def test_save_and_reload(tmp_path):
    path = tmp_path / "scripts.json"
    assert load_scripts(path).lines == {} and not path.exists()
    save_line(path, "scenario.angry", "先听他说完。\nThen the plan.")
    save_line(path, "style.help", "林总,请您帮个忙。")
    loaded = load_scripts(path, "zh")
    assert loaded.ok and loaded.lines == {
        "scenario.angry": "先听他说完。\nThen the plan.",
        "style.help": "林总,请您帮个忙。",
    }
    assert "2 条" in loaded.message
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    assert written_count(loaded.lines, ["style"]) == 1


def test_one_slot_saved_keeps_the_others_and_unknown_keys(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps(
            {"format": FORMAT, "version": 1, "lines": {"scenario.threat": "mine", "future.slot": "from a newer kit"}}
        ),
        encoding="utf-8",
    )
    lines = save_lines(path, {"scenario.angry": "new"})
    assert lines == {"scenario.threat": "mine", "future.slot": "from a newer kit", "scenario.angry": "new"}
    with pytest.raises(ValueError, match="no script slot"):
        save_line(path, "scenario.unknown", "x")


@pytest.mark.parametrize(
    "content", [b'{"format": "receivables-collection-scripts", "lines": {"a": "b"', b"\xff\xfe not text", b'["a list"]']
)
def test_unreadable_file_is_kept_aside_with_a_clear_message(tmp_path, content):
    path = tmp_path / "scripts.json"
    path.write_bytes(content)
    loaded = load_scripts(path)
    assert not loaded.ok and loaded.lines == {}
    assert "Could not read your scripts file" in loaded.message and str(loaded.backup) in loaded.message
    assert loaded.backup.read_bytes() == content  # the learner's bytes, untouched
    assert path.read_bytes() == content  # loading never overwrites
    save_line(path, "opening.meeting", "Hello")
    assert load_scripts(path).lines == {"opening.meeting": "Hello"}
    backups = sorted(tmp_path.glob("scripts.unreadable-*.json"))
    assert backups and all(b.read_bytes() == content for b in backups)
