"""Every notebook of course/ and cases/ and its Chinese twin in zh/, executed by papermill
in a fresh kernel in a temporary folder with its defaults; the recorded figures of both
editions are checked against the same expectations, and so is every output: no error, no
glyph missing from the chart fonts, no chart that would not read on a projector (each is
checked as it is drawn: `receivables.i18n.fonts.readable`), no production wording ("seed 000", ../shared) in either
edition, and in the Chinese edition no English sentence and no code name shown to the learner."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from receivables.course import recorded
from receivables.course.shown import internal_in_outputs, not_chinese

from ..notebook_runs import NOTEBOOKS, ROOT, edition
from .expected import EXPECTED

BAD_OUTPUT = ("missing from font", "Glyph ", "Traceback (most recent call last)", "ChartReadabilityWarning")

pytestmark = pytest.mark.notebooks


def output_text(nb: nbformat.NotebookNode) -> str:
    """Everything the run printed or warned, as text."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
            elif out.get("output_type") == "error":
                parts.append("\n".join(out.get("traceback", [])))
            else:
                parts.append(json.dumps(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def test_every_notebook_has_expected_figures():
    missing = [nb for nb in NOTEBOOKS if nb not in EXPECTED]
    assert not missing, f"add expected figures in tests/notebooks/expected.py for: {missing}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_and_records_figures(notebook, lang, notebook_runs):
    """Each run comes from `notebook_runs` (tests/conftest.py): run once, up front, for every
    test of the session that needs it."""
    run = notebook_runs[(notebook, lang)]
    if isinstance(run, BaseException):
        raise run
    nb = nbformat.read(run, as_version=4)
    text = output_text(nb)
    for bad in BAD_OUTPUT:
        assert bad not in text, f"{notebook} [{lang}] printed {bad!r}:\n{text[:3000]}"
    internal = internal_in_outputs(nb)
    assert not internal, f"{edition(notebook, lang)} shows production wording to a learner:\n" + "\n".join(internal)
    if lang == "zh":
        foreign = not_chinese(nb)
        assert not foreign, (
            f"{edition(notebook, lang)} shows English or code names to a Chinese learner:\n" + "\n".join(foreign[:40])
        )
    figures = recorded(nb)
    assert figures.get("lang") == lang
    EXPECTED[notebook](figures, lang)
    # Nothing the run wrote leaks into the repository: it ran in tmp_path.
    assert not (ROOT / "course" / Path(notebook).name).with_suffix(".json").exists()
