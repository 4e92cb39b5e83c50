"""The room's Python is rebuilt when the kit's dependencies or pins change, and only then:
a change of a tool's settings in pyproject.toml (pytest markers, ruff) keeps it."""

from __future__ import annotations

import shutil
from pathlib import Path

from receivables.room.prepare import _venv_stamp

ROOT = Path(__file__).resolve().parents[2]


def _kit(tmp_path: Path) -> Path:
    for name in ("pyproject.toml", "constraints.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_tool_settings_keep_the_room_python(tmp_path):
    kit = _kit(tmp_path)
    before = _venv_stamp(kit)
    pyproject = kit / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + '\n[tool.example]\nsetting = "x"\n', encoding="utf-8")
    assert _venv_stamp(kit) == before


def test_dependencies_or_pins_rebuild_it(tmp_path):
    kit = _kit(tmp_path)
    before = _venv_stamp(kit)
    pyproject = kit / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('"pyyaml>=6",', '"pyyaml>=6.0.1",', 1), encoding="utf-8")
    assert _venv_stamp(kit) != before
    pyproject.write_text(text, encoding="utf-8")
    assert _venv_stamp(kit) == before
    (kit / "constraints.txt").write_text("pyyaml==6.0.2\n", encoding="utf-8")
    assert _venv_stamp(kit) != before
