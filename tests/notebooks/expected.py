"""What each notebook's recorded figures must be, computed independently of the package.

Every notebook of course/ and cases/ needs an entry: a notebook whose numbers nobody
checks fails the suite.
"""

from __future__ import annotations

import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _start_here(fig: dict, lang: str) -> None:
    names = sorted(p.name for p in (ROOT / "course").glob("[0-9][0-9].[0-9][0-9]-*.ipynb"))
    assert fig["notebooks"] == len(names)
    assert fig["chapters"] == len({n[:2] for n in names})


def _three_questions(fig: dict, lang: str) -> None:
    # Defaults of the parameters cell, by hand: 30 + 20 + 15 = 65 million available,
    # less 25 of stock and 5 of cash = a 35 million ceiling;
    # 200 million of annual sales at 60 days = 200e6 / 365 * 60 carried.
    required = 200e6 / 365 * 60
    assert math.isclose(fig["funds_available"], 65e6)
    assert math.isclose(fig["ceiling"], 35e6)
    assert math.isclose(fig["required"], required, rel_tol=1e-9)
    assert math.isclose(fig["headroom"], 35e6 - required, rel_tol=1e-9)
    assert math.isclose(fig["max_dso"], 35e6 / (200e6 / 365), rel_tol=1e-9)


EXPECTED = {
    "course/00.00-Start-Here.ipynb": _start_here,
    "course/01.00-The-Three-Key-Questions.ipynb": _three_questions,
}
