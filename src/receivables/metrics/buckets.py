"""Aging buckets: upper bounds in days, labels, and which day count they apply to.

A bucket set is a list of inclusive upper bounds. ``[0, 30, 60]`` on days past due gives
four buckets: "current" (days past due <= 0, i.e. not yet due), "1-30", "31-60" and
"over 60". The last bucket is open-ended.

Two day counts exist (standard definitions, course/references.md §2.2):

* ``basis="days_past_due"``: as-of date minus due date (negative = not yet due);
* ``basis="age"``: as-of date minus invoice date, the Chinese 账龄 practice that counts
  from the recognition date.

For the year buckets of 账龄 a year is 365 days (leap days ignored), so an invoice 365
days old is still "within 1 year" and one 366 days old is "1-2 years".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BASES = ("days_past_due", "age")
BASIS_COLUMN = {"days_past_due": "days_past_due", "age": "age_days"}

YEAR_DAYS = 365  # a year in the 账龄 buckets
HALF_YEAR_DAYS = YEAR_DAYS // 2  # 182: ages 0-182 are "0-6 months", 183-365 "7-12 months"


@dataclass(frozen=True)
class Buckets:
    """A bucket set: inclusive upper bounds (days), one label per bucket, the day count."""

    edges: tuple[int, ...]
    labels: tuple[str, ...]
    basis: str = "days_past_due"
    labels_zh: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        edges = tuple(int(e) for e in self.edges)
        if any(float(e) != int(e) for e in self.edges):
            raise ValueError(f"bucket edges must be whole days: {list(self.edges)}")
        if any(b <= a for a, b in zip(edges, edges[1:], strict=False)):
            raise ValueError(f"bucket edges must increase strictly: {list(edges)}")
        if self.basis not in BASES:
            raise ValueError(f"basis must be one of {BASES}, not {self.basis!r}")
        if len(self.labels) != len(edges) + 1:
            raise ValueError(f"{len(edges)} edges need {len(edges) + 1} labels")
        if self.labels_zh is not None and len(self.labels_zh) != len(self.labels):
            raise ValueError("labels_zh must have one label per bucket")
        object.__setattr__(self, "edges", edges)
        object.__setattr__(self, "labels", tuple(self.labels))

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def column(self) -> str:
        """The open-items column the buckets are read from."""
        return BASIS_COLUMN[self.basis]

    def index(self, days: np.ndarray) -> np.ndarray:
        """Bucket number (0 = first) of each day count: edges[k-1] < days <= edges[k]."""
        return np.searchsorted(np.asarray(self.edges, dtype=np.int64), days, side="left")


def derive_labels(edges: Sequence[int], basis: str = "days_past_due") -> tuple[str, ...]:
    """Labels for upper bounds: [0, 30, 60] -> current, 1-30, 31-60, over 60."""
    edges = [int(e) for e in edges]
    if not edges:
        return ("all",)
    first = edges[0]
    if basis == "days_past_due":
        head = "current" if first == 0 else f"up to {first}"
    else:
        head = f"0-{first}"
    middle = [f"{a + 1}-{b}" for a, b in zip(edges, edges[1:], strict=False)]
    return (head, *middle, f"over {edges[-1]}")


def make_buckets(edges: Sequence[int], basis: str = "days_past_due") -> Buckets:
    return Buckets(tuple(edges), derive_labels(edges, basis), basis)


DEFAULT_EDGES = (0, 30, 60, 90, 180, 365)

#: Default aging on days past due: current (not yet due), 1-30, ..., over 365.
DEFAULT_BUCKETS = make_buckets(DEFAULT_EDGES)

#: One-month-wide buckets up to 180 days past due, for roll rates: an amount can only roll
#: one bucket further per month when each bucket is about a month wide.
MONTHLY_BUCKETS = make_buckets((0, 30, 60, 90, 120, 150, 180))

#: Chinese 账龄 on invoice age in years (a year = 365 days).
CHINESE_AGE_BUCKETS = Buckets(
    edges=tuple(YEAR_DAYS * k for k in range(1, 6)),
    labels=(
        "within 1 year",
        "1-2 years",
        "2-3 years",
        "3-4 years",
        "4-5 years",
        "over 5 years",
    ),
    basis="age",
    labels_zh=("1年以内", "1-2年", "2-3年", "3-4年", "4-5年", "5年以上"),
)

#: The same with the first year split into 0-6 and 7-12 months (half a year = 182 days).
CHINESE_AGE_BUCKETS_SPLIT = Buckets(
    edges=(HALF_YEAR_DAYS, *CHINESE_AGE_BUCKETS.edges),
    labels=("0-6 months", "7-12 months", *CHINESE_AGE_BUCKETS.labels[1:]),
    basis="age",
    labels_zh=("6个月以内", "7-12个月", *CHINESE_AGE_BUCKETS.labels_zh[1:]),
)


def resolve_buckets(edges: Buckets | Sequence[int] | None = None, basis: str | None = None) -> Buckets:
    """A Buckets from what a caller passed.

    ``edges`` may be a Buckets (its own basis is used unless ``basis`` overrides it), a
    list of upper bounds (labels derived) or None: DEFAULT_BUCKETS on days past due,
    CHINESE_AGE_BUCKETS on age.
    """
    if basis is not None and basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, not {basis!r}")
    if isinstance(edges, Buckets):
        if basis is None or basis == edges.basis:
            return edges
        return Buckets(edges.edges, edges.labels, basis, edges.labels_zh)
    if edges is None:
        return CHINESE_AGE_BUCKETS if basis == "age" else DEFAULT_BUCKETS
    return make_buckets(edges, basis or "days_past_due")
