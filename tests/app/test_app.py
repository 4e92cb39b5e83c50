"""App mode (receivables.app): which notebooks it serves, the folder it builds for Voilà,
the Voilà command line, and a kernel's own working folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import nbformat
import pytest

from receivables import app
from receivables.course import notebooks as nbs

ROOT = Path(__file__).resolve().parents[2]


def _nb(*sources: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (["from receivables.widgets import AffordabilityWidget", "AffordabilityWidget(lang='zh')"], True),
        (["from receivables.widgets import TiersWidget as T\nw = T(items, customers, 'en')"], True),
        (["import receivables.widgets as rw", "x = rw.ScorecardWidget(lang=lang)"], True),
        (["from receivables.widgets.base import show", "show(fig)"], False),  # a helper, not a widget
        (["from receivables.widgets import AltmanWidget", "print(AltmanWidget)"], False),  # named, not built
        (["AffordabilityWidget()"], False),  # not the package's (never imported)
        (["%matplotlib inline", "from receivables.widgets import AltmanWidget\nAltmanWidget()"], True),
    ],
)
def test_a_notebook_counts_when_its_code_builds_a_package_widget(sources, expected):
    assert app.constructs_widget(_nb(*sources)) is expected


def test_the_course_notebooks_served_are_those_that_build_a_widget():
    chosen = app.widget_notebooks(ROOT)
    names = [p.name for p in chosen]
    assert names == sorted(names) and len(names) >= 5
    assert "00.00-Start-Here.ipynb" not in names  # no widget there
    for path in nbs.notebooks_in(ROOT / "course"):
        code = "\n".join(c.source for c in nbs.read(path).cells if c.cell_type == "code")
        assert (path in chosen) == ("Widget(" in code), path.name


def _tracked_state() -> dict[str, float]:
    return {
        str(p): p.stat().st_mtime
        for folder in ("course", "src")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_build_writes_the_editions_notebooks_and_a_landing_page_in_its_language(tmp_path, lang):
    before = _tracked_state()
    folder = app.build(ROOT, lang, tmp_path / lang)
    assert _tracked_state() == before  # the kit's files are read, never written

    served = sorted(p.name for p in folder.notebooks.glob("*.ipynb"))
    assert served == [p.name for p in app.widget_notebooks(ROOT)]
    for name in served:
        nb = nbs.read(folder.notebooks / name)
        params = nb.cells[nbs.parameters_cells(nb)[0]].source
        assert f'lang = "{lang}"' in params
        nav = [c.source for c in nb.cells if "nav" in c.get("metadata", {}).get("tags", [])]
        assert nav and all("../../" in s and "README.md" not in s for s in nav)
        # The nav links only pages app mode serves.
        for target in (t for s in nav for t in re.findall(r"\]\(([^)]+)\)", s)):
            assert target == "../../" or target in served

    landing = (folder.jupyter_path / "voila" / "templates" / app.TEMPLATE / "tree-lab.html").read_text(encoding="utf-8")
    titles = [title for _, title in folder.pages]
    assert all(escape(title) in landing for title in titles)
    assert "Select items to open" not in landing
    if lang == "zh":
        assert "课程互动工具" in landing and "灵魂三问" in landing
    else:
        assert "Course widgets" in landing
    conf = json.loads((folder.jupyter_path / "voila" / "templates" / app.TEMPLATE / "conf.json").read_text())
    assert conf == {"base_template": "lab"}

    # A second build changes nothing and keeps running kernels' folders.
    (folder.visitors / f"{os.getpid()}-alive").mkdir()
    stamps = {p: p.stat().st_mtime_ns for p in folder.root.rglob("*") if p.is_file()}
    app.build(ROOT, lang, tmp_path / lang)
    assert {p: p.stat().st_mtime_ns for p in folder.root.rglob("*") if p.is_file()} == stamps
    assert (folder.visitors / f"{os.getpid()}-alive").is_dir()


def test_voila_serves_without_code_tracebacks_or_execution_and_culls_idle_kernels(tmp_path):
    folder = app.build(ROOT, "zh", tmp_path / "zh")
    command, env = app.voila_command(folder, port=9999, ip="0.0.0.0", timeout=600)
    assert command[1:4] == ["-m", "voila", str(folder.notebooks)]
    assert "--port=9999" in command and "--Voila.ip=0.0.0.0" in command
    assert "--strip_sources=True" in command
    assert "--VoilaConfiguration.show_tracebacks=False" in command
    assert "--MappingKernelManager.cull_idle_timeout=600" in command
    assert "--MappingKernelManager.cull_interval=60" in command
    allowed = next(a for a in command if a.startswith("--MappingKernelManager.allowed_message_types="))
    assert "execute_request" not in allowed and "comm_msg" in allowed
    assert "--Voila.tornado_settings=disable_check_xsrf=True" in command  # a closed page's kernel stops
    assert env["JUPYTER_PATH"].split(os.pathsep)[0] == str(folder.jupyter_path)
    assert env["IPYTHONDIR"] == str(folder.ipython_dir)
    with pytest.raises(ValueError):
        app.voila_command(folder, timeout=0)


def test_the_address_printed_for_the_rooms_network_is_one_learners_can_type(monkeypatch):
    assert app.addresses("127.0.0.1", 8866) == ["http://127.0.0.1:8866/"]
    monkeypatch.setattr(app, "network_addresses", lambda: ["192.168.1.20"])
    assert app.addresses("0.0.0.0", 8866) == ["http://192.168.1.20:8866/"]
    assert all(not a.startswith("127.") for a in app.network_addresses())


def test_a_kernel_works_in_a_folder_of_its_own_removed_when_it_exits(tmp_path):
    visitors = tmp_path / "visitors"
    code = (
        "import os, sys; from receivables.app import enter_visitor_folder; "
        f"here = enter_visitor_folder({str(visitors)!r}); "
        "assert os.getcwd() == str(here); open('my-collection-scripts.json', 'w').write('{}'); print(here)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert Path(out).parent == visitors
    assert not Path(out).exists()  # removed at exit
    assert list(visitors.iterdir()) == []


def test_folders_of_kernels_that_died_are_removed(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    ).stdout.strip()
    (tmp_path / f"{dead}-abc").mkdir()
    (tmp_path / f"{os.getpid()}-def").mkdir()
    removed = app.remove_stale_visitors(tmp_path)
    assert [p.name for p in removed] == [f"{dead}-abc"]
    assert (tmp_path / f"{os.getpid()}-def").is_dir()
