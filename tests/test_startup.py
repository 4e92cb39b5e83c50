"""What every process pays before it does anything: a notebook reader (papermill, nbgrader,
JupyterLab, each learner's grading kernel) must not compile Lark parsers on import
(jsonschema >= 4.25 with rfc3987-syntax, see constraints.txt), and a learner's kernel loading
the answer widgets must not load nbgrader."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _modules_after(statement: str) -> set[str]:
    probe = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True, cwd=ROOT
    )
    return set(done.stdout.split())


def test_reading_a_notebook_builds_no_parser_on_import():
    loaded = _modules_after("import nbformat, nbformat.validator, jsonschema")
    assert "jsonschema" in loaded
    assert not {"rfc3987_syntax", "lark"} & loaded


def test_the_answer_widgets_do_not_load_nbgrader():
    loaded = _modules_after("import receivables.grading.answers, receivables.grading.checks")
    assert not [m for m in loaded if m.split(".")[0] in ("nbgrader", "nbformat", "jupyter_server")]


def test_nbgrader_still_finds_the_recovery_preprocessor():
    loaded = _modules_after(
        "import runpy\nconfig = runpy.run_path('nbgrader_config.py', {'get_config': lambda: __import__("
        "'traitlets.config').config.Config()})\n"
        "assert config['RecoverWidgetAnswers'].__module__ == 'receivables.grading.recover'"
    )
    assert "nbgrader.preprocessors" in loaded
