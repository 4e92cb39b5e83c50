"""Suspicious code listed for the trainer (receivables.grading.suspicious)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from receivables.grading import suspicious as sus

ROOT = Path(__file__).resolve().parents[2]


def test_honest_notebooks_are_never_flagged():
    """Every model solution (both languages) and every course and case notebook, read whole."""
    paths = [
        *sorted((ROOT / "solutions").glob("*/*.ipynb")),
        *sorted((ROOT / "exercises").glob("*/*.ipynb")),
        *sorted((ROOT / "course").rglob("*.ipynb")),
        *sorted((ROOT / "cases").rglob("*.ipynb")),
    ]
    assert len([p for p in paths if "solutions" in p.parts]) == 12 and any("zh" in p.parts for p in paths)
    for path in paths:
        assert sus.scan(nbformat.read(path, as_version=4)) == [], path


@pytest.mark.parametrize(
    ("source", "kind", "what"),
    [
        ("def expect_number(*a, **k):\n    return 1", sus.KERNEL, "redefines expect_number"),
        ("expect_close = lambda *a, **k: None", sus.KERNEL, "redefines expect_close"),
        ("globals()['expect_choice'] = print", sus.KERNEL, "names expect_choice in a string"),
        ("from builtins import print as expect_answered", sus.KERNEL, "redefines expect_answered"),
        ("import receivables.grading.checks as c\nc.expect_number = abs", sus.KERNEL, "redefines expect_number"),
        (
            "ip = get_ipython()\nip.input_transformers_cleanup.append(lambda lines: ['pass\\n'])",
            sus.KERNEL,
            "input_transformers_cleanup",
        ),
        ("import sys\nsys.modules['receivables.grading.checks'] = None", sus.KERNEL, "sys.modules"),
        ("import builtins\nbuiltins.float = int", sus.KERNEL, "imports builtins"),
        ("__builtins__['len'] = None", sus.KERNEL, "__builtins__"),
        ("().__class__.__base__.__subclasses__()", sus.KERNEL, "__subclasses__"),
        ("exec(bytes.fromhex('7072696e74'))", sus.KERNEL, "exec"),
        (
            "from receivables.grading.answers import preload\npreload({'q4': 6})",
            sus.KERNEL,
            "imports receivables.grading.answers (preload)",
        ),
        ("import receivables.grading.batch", sus.KERNEL, "imports receivables.grading.batch"),
        ("!cat ../../solutions/*/*.ipynb", sus.KERNEL, "get_ipython"),
        ("%%bash\nls /", sus.KERNEL, "get_ipython"),
        ("print(open('/etc/passwd').read())", sus.FILES, "path '/etc/passwd'"),
        ("from pathlib import Path\nPath('..') / 'gradebook.db'", sus.FILES, "path '..'"),
        ("import pandas as pd\npd.read_csv('../../other/answers.csv')", sus.FILES, "path '../../other/answers.csv'"),
        ("open('/proc/1/cmdline').read()", sus.FILES, "/proc"),
        ("import shutil", sus.FILES, "imports shutil"),
        ("import os\nos.listdir('.')", sus.FILES, "imports os"),
        ("import os\nos.system('sleep 100 &')", sus.PROCESSES, "os.system"),
        ("from os import fork\nfork()", sus.PROCESSES, "os.fork"),
        ("import subprocess\nsubprocess.Popen(['setsid', 'sleep', '600'])", sus.PROCESSES, "imports subprocess"),
        ("import multiprocessing", sus.PROCESSES, "imports multiprocessing"),
        ("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)", sus.PROCESSES, "imports signal"),
        ("import socket\nsocket.socket().connect(('127.0.0.1', 8888))", sus.NETWORK, "imports socket"),
        ("from urllib.request import urlopen", sus.NETWORK, "imports urllib.request"),
        ("import requests", sus.NETWORK, "imports requests"),
        ("import http.server", sus.NETWORK, "imports http.server"),
        ("import ctypes\nctypes.CDLL(None)", sus.NATIVE, "imports ctypes"),
        ("import sqlite3\nsqlite3.connect('gradebook.db')", sus.NATIVE, "imports sqlite3"),
        ("answer = = 1\nimport subprocess", sus.PROCESSES, "subprocess (in a cell that is not valid Python)"),
    ],
)
def test_what_is_flagged(source, kind, what):
    assert (kind, what) in sus.scan_source(source), sus.scan_source(source)


@pytest.mark.parametrize(
    "source",
    [
        "answer = 50_000 / 0.05",
        "answer = ...",
        "answer = 800_000 * 0.06 * 90 / 365\nprint(f'{answer:,.2f}')",
        "import math\nanswer = round(math.sqrt(2) * 100, 1)",
        "q4 = answer_slider('q4', 6, min=0, max=36, step=1)\nq4",
        "from receivables.grading.checks import expect_number\nexpect_number(answer, 'Q1')",
        "import pandas as pd\nledger = pd.read_csv('ledger.csv')\nledger[ledger['days'] > 90]['amount'].sum()",
        "rate = 2 / 100  # 2/100, not 2 % ../",
        "x = 'see the note in 4/5'",
        "answer = 这个数不对",
    ],
)
def test_what_is_not_flagged(source):
    assert sus.scan_source(source) == []


def test_only_the_learners_own_cells_with_their_numbers():
    release = nbformat.v4.new_notebook()
    release.cells = [
        nbformat.v4.new_code_cell("from receivables.grading.batch import grade  # a released cell"),
        nbformat.v4.new_markdown_cell("import os"),
        nbformat.v4.new_code_cell("answer = ..."),
    ]
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        *release.cells[:2],
        nbformat.v4.new_code_cell("import os\nanswer = 1"),
        nbformat.v4.new_code_cell("import socket\nimport os"),
    ]
    found = sus.scan(nb, release)
    assert found == [
        sus.Finding(sus.FILES, "imports os", 3),
        sus.Finding(sus.NETWORK, "imports socket", 4),
        sus.Finding(sus.FILES, "imports os", 4),
    ]
    assert sus.describe(found) == (
        "suspicious code, read the notebook (grade unchanged): "
        "files outside the notebook: imports os (cells 3, 4); network: imports socket (cell 4)"
    )
    assert sus.describe([]) == ""
