"""nbgrader's Execute with a bound on the output it keeps.

A learner's cell that prints hundreds of megabytes would otherwise fill nbgrader's memory
(every output is kept in the notebook) until it fails or the time runs out, and be reported
as something it is not. Past `max_output_bytes` per notebook, further display and stream
output is dropped and one note says so (`output_dropped()`, which the batch reports as
"output too large"). Error outputs are always kept: nbgrader decides a test's score by them.
"""

from __future__ import annotations

import json

from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Integer

from receivables.grading import trusted
from receivables.i18n import both
from receivables.kernels import IPCKernelManager


def output_dropped() -> str:
    """The note written where output was dropped. Both languages in one line: nbgrader
    executes the notebook without knowing its edition, and the batch finds the note by this
    text in the log and in the autograded notebook (texts/grading/execute.yml)."""
    return f"[{both('grading.execute.output_dropped')}]"


class KitExecute(Execute):
    """nbgrader's Execute with the kit's kernels (receivables.kernels): unix sockets of their
    own, so learners graded side by side never race for a TCP port, and a client that polls in
    short slices, so a missed reply costs half a second, not the cell's whole time limit.
    (nbgrader passes its own kernel manager class to nbclient, so configuration cannot.)"""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", IPCKernelManager)
        super().__init__(*args, **kwargs)


class LimitedExecute(KitExecute):
    max_output_bytes = Integer(8 * 1024 * 1024, help="Output kept per notebook, in bytes").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._output_bytes = 0
        self._dropped = False
        return super().preprocess(nb, resources, km=km)

    def preprocess_cell(self, cell, resources, index):
        # Test cells are decided on this side, the kernel runs their visible part only (trusted.py).
        if trusted.is_test_cell(cell):
            return trusted.run_test_cell(
                self,
                cell,
                resources,
                index,
                lambda probe, i: super(LimitedExecute, self).preprocess_cell(probe, resources, i),
            )
        return super().preprocess_cell(cell, resources, index)

    def output(self, outs, msg, display_id, cell_index):
        if msg.get("msg_type") != "error":
            self._output_bytes = getattr(self, "_output_bytes", 0) + len(json.dumps(msg.get("content", {})))
            if self._output_bytes > self.max_output_bytes:
                if getattr(self, "_dropped", False):
                    return None
                self._dropped = True
                note = new_output("stream", name="stderr", text=output_dropped() + "\n")
                outs.append(note)
                return note
        return super().output(outs, msg, display_id, cell_index)
