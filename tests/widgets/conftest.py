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
    import importlib
    import pkgutil

    import receivables.widgets as package

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if hasattr(module, "show"):
            monkeypatch.setattr(module, "show", figures.append)
    yield figures
    for fig in figures:
        plt.close(fig)
