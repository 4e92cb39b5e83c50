"""What a widget does when a learner's change cannot be computed: a short message in the
learner's language inside the widget, the full traceback in the log, never a silent freeze.

An exception raised in an ipywidgets observer is otherwise printed to a log console the
learner never opens (JupyterLab) or dropped (Voilà): the widget just stops answering.
"""

from __future__ import annotations

import logging
import sys
from html import escape

from receivables.i18n import t

LOG = logging.getLogger("receivables.widgets")
if not LOG.handlers:
    # The process's own stderr, not the kernel's: in a kernel, sys.stderr is a cell's output,
    # and the traceback belongs in the server's log (the terminal of `make lab`/`make app`).
    _handler = logging.StreamHandler(sys.__stderr__)
    _handler.setFormatter(logging.Formatter("[%(name)s %(levelname)s] %(message)s"))
    LOG.addHandler(_handler)
#: Characters of the error's own message shown to the learner (the log has all of it).
REASON_CHARS = 120


def short_reason(error: BaseException) -> str:
    """The first line of the error's message, shortened; its kind when it has no message."""
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    reason = lines[0] if lines else type(error).__name__
    if len(reason) > REASON_CHARS:
        reason = reason[: REASON_CHARS - 1].rstrip() + "…"
    return reason


def error_html(error: BaseException, lang: str) -> str:
    """The message a widget shows in place of its figures."""
    message = t("widget.error", lang).format(reason=short_reason(error))
    return (
        f"<div class='receivables-widget-error' role='alert' style='color:#b42318'>"
        f"<p><b>{escape(message)}</b></p>"
        f"<p style='font-size:90%'>{escape(t('widget.error_hint', lang))}</p></div>"
    )


def report(widget: object, error: BaseException, lang: str) -> str:
    """Log ``error`` with its traceback (naming the widget) and return the learner's message."""
    LOG.error("%s: a change could not be computed", type(widget).__name__, exc_info=error)
    return error_html(error, lang)
