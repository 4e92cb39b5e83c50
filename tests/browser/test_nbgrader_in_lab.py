"""nbgrader's extensions work inside `make lab`'s JupyterLab: the formgrader lists the
kit's assignments (read from nbgrader_config.py at the server's root)."""

from __future__ import annotations

import pytest

from receivables.grading.nbgrader_run import assignments

pytestmark = pytest.mark.browser


def test_formgrader_lists_the_assignments(page, lab):
    base, token, work = lab
    page.goto(f"{base}/formgrader/manage_assignments?token={token}")
    for name in assignments(work):
        page.get_by_text(name).first.wait_for(timeout=60_000)
    assert "Manage Assignments" in page.content()
