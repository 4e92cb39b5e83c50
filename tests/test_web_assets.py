"""The offline libraries: fetched once from npm into the cache, complete, copied on demand."""

from pathlib import Path

import pytest

from receivables import web_assets


def test_every_library_is_on_the_machine_with_its_entry_files():
    expected = {
        web_assets.REVEAL: ["dist/reveal.js", "dist/reveal.css", "plugin/notes/notes.js", "dist/theme/simple.css"],
        web_assets.HTML_MANAGER: ["dist/embed-amd.js"],
        web_assets.REQUIREJS: ["require.js"],
    }
    for package, files in expected.items():
        folder = web_assets.location(package)
        for name in files:
            assert (folder / name).is_file(), f"{package.name}: {name} missing in {folder}"


def test_copy_into_leaves_out_the_cache_marker(tmp_path: Path):
    out = web_assets.copy_into(web_assets.REQUIREJS, tmp_path / "assets" / "requirejs")
    assert (out / "require.js").stat().st_size > 10_000
    assert not (out / ".complete").exists()


def test_without_npm_a_missing_library_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("RECEIVABLES_WEB_ASSETS", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm on it
    with pytest.raises(web_assets.AssetsMissing, match="npm is not installed"):
        web_assets.location(web_assets.REQUIREJS)
