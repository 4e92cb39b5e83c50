"""Errors a user sees when a whole file (or mapping) cannot be used.

Row-level problems never raise: those rows go to ``Ledger.rejected`` with a reason.
Messages are one line, name the file and say what to do, because the reader is a
course participant, not a programmer.
"""

from __future__ import annotations


class LedgerError(Exception):
    """A whole-file problem: missing, unreadable, empty, wrong columns, no usable row."""


class MappingError(LedgerError):
    """The column mapping itself is wrong (unknown key, unknown field, bad value)."""
