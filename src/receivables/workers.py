"""Steps run side by side on large ledgers, and at once on small ones.

From PARALLEL_ROWS rows on, the ledger's reader and the metrics run some steps in worker
threads (numpy and Arrow release the GIL in their array loops); below it, threads cost
more than they save, and a SerialExecutor runs each job at once in the caller's thread
behind the same Executor interface.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future

PARALLEL_ROWS = 200_000


class SerialExecutor(Executor):
    """Runs jobs at once, in the caller's thread: small tables need no threads."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to whoever calls .result()
            future.set_exception(exc)
        return future
