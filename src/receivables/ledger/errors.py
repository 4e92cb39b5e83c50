"""Errors a user sees when a whole file (or mapping) cannot be used.

Row-level problems never raise: those rows go to ``Ledger.rejected`` with a reason.
Messages are one line, name the file and say what to do, because the reader is a
course participant, not a programmer.
"""

from __future__ import annotations


class LedgerError(Exception):
    """A whole-file problem: missing, unreadable, empty, wrong columns, no usable row."""

    def __init__(self, message: str):
        # One line whatever the file holds (column names or values with line breaks).
        text = str(message).replace("\r\n", "\n").replace("\r", "\n")
        super().__init__(text.replace("\n", "\\n"))


class MappingError(LedgerError):
    """The column mapping itself is wrong (unknown key, unknown field, bad value)."""
