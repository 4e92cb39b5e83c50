"""Widgets render their charts through `show`: capture the figures instead of displaying."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture
def shown(monkeypatch):
    """The figures each widget module passed to `show`, latest last (closed after the test)."""
    import matplotlib.pyplot as plt

    figures = []
    for module in ("receivables.widgets.profit_impact", "receivables.widgets.debtor_type"):
        monkeypatch.setattr(f"{module}.show", figures.append)
    yield figures
    for fig in figures:
        plt.close(fig)
