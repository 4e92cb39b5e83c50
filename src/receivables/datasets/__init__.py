"""The seeded case generator: the electromechanical company's ledger (案例分析:机电公司应收欠款).

``generate`` builds the tables, ``write_dataset`` writes them as CSV with a mapping and
a manifest, ``read_dataset`` reads such a folder back with the right types. The frozen
default case lives in ``datasets/electromech/`` (see its README).
"""

from __future__ import annotations

from .generator import TABLES, Dataset, generate
from .stories import (
    DISPUTE_WITHHOLD,
    DRIFT_DEFAULT,
    KEY_ACCOUNT,
    LIMITATION_CLAIM,
    SOE_SLOW_SURE,
    STORIES,
    STORY_CODES,
)
from .writer import case_dir, read_dataset, write_dataset

__all__ = [
    "DISPUTE_WITHHOLD",
    "DRIFT_DEFAULT",
    "KEY_ACCOUNT",
    "LIMITATION_CLAIM",
    "SOE_SLOW_SURE",
    "STORIES",
    "STORY_CODES",
    "TABLES",
    "Dataset",
    "case_dir",
    "generate",
    "read_dataset",
    "write_dataset",
]
