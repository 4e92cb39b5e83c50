"""Running a notebook with papermill, its kernel on unix sockets.

jupyter_client's default TCP transport picks free ports by binding port 0 and letting it
go; two kernels started at the same moment (two notebooks run side by side, two commands
on one machine) can be handed the same port, and one of them then hangs or dies. The IPC
transport (ZMQ over unix sockets, beside the kernel's connection file) has no such race,
so every notebook the kit runs (case run, course build, facilitator notes, the tests) goes
through `execute` here. Its client also polls the kernel's sockets in short slices (see
`SlicedChannel`): a single long poll could miss a reply and wait out the cell's timeout.
Voilà's app mode and the grading sandbox set the same transport in their own configuration.

`python -m receivables.kernels SOURCE TARGET --cwd DIR [-p NAME VALUE ...]` is the same
for a child process (a fresh client and kernel, nothing shared with the caller).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from traitlets import Type, default

#: Kernels start quiet: the user sees the progress and the result, not the kernel's own log
#: on the terminal ("KeyboardInterrupt caught in kernel" when jupyter_client interrupts a
#: kernel it shuts down). A failing cell still stops the run: papermill raises its error.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


#: Notebooks run side by side, at most this many at once (and no more than the machine's
#: cores): each kernel keeps a core busy.
NOTEBOOKS_AT_ONCE = 2


def side_by_side() -> int:
    """How many notebooks to run at once on this machine."""
    import os

    return max(1, min(NOTEBOOKS_AT_ONCE, os.cpu_count() or 1))


#: The longest a client waits on one poll of a kernel's socket before it looks again.
POLL_SLICE_S = 0.5


class SlicedChannel(AsyncZMQSocketChannel):
    """A channel that waits for a message in short polls. A zmq socket's file descriptor is
    edge-triggered: an asyncio poll that misses the edge sleeps until its timeout although the
    message is there (measured: 1 run in 4 of a widget notebook waited the full 120 s cell
    timeout for a reply the kernel sent in 0.8 s). Each new poll reads the socket's events
    afresh, so a missed edge costs at most one slice."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = POLL_SLICE_S if deadline is None else min(POLL_SLICE_S, max(0.0, deadline - time.monotonic()))
            if await self.socket.poll(int(left * 1000)):
                return await self._recv()
            if deadline is not None and time.monotonic() >= deadline:
                raise Empty


class SlicedKernelClient(AsyncKernelClient):
    shell_channel_class = Type(SlicedChannel)
    iopub_channel_class = Type(SlicedChannel)
    stdin_channel_class = Type(SlicedChannel)
    control_channel_class = Type(SlicedChannel)


class IPCKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels talk over unix sockets, each kernel's own: without a
    connection file yet, jupyter_client would name them "kernel-ipc-<n>" in the working
    folder, shared by every kernel started there."""

    @default("transport")
    def _transport_default(self) -> str:
        return "ipc"

    @default("client_class")
    def _client_class_default(self) -> str:
        return f"{__name__}.SlicedKernelClient"

    @default("client_factory")
    def _client_factory_default(self) -> type:
        return SlicedKernelClient

    @default("ip")
    def _ip_default(self) -> str:
        # Beside a connection file the caller placed (the grading sandbox binds only its folder).
        if self.connection_file:
            return str(Path(self.connection_file).with_suffix("")) + "-ipc"
        # short (a unix socket's path must stay under 108 bytes) and unique per kernel
        return str(Path(tempfile.gettempdir()) / f"receivables-kernel-{uuid.uuid4().hex[:16]}")


def execute(
    source: str | Path,
    target: str | Path,
    cwd: str | Path,
    parameters: Mapping[str, Any] | None = None,
    timeout: float | None = None,
    kernel_name: str = "python3",
) -> Any:
    """papermill's execute_notebook with an IPC kernel; raises what papermill raises."""
    import papermill as pm

    logging.getLogger("papermill").setLevel(logging.ERROR)
    return pm.execute_notebook(
        str(source),
        str(target),
        cwd=str(cwd),
        parameters=dict(parameters or {}),
        progress_bar=False,
        kernel_name=kernel_name,
        extra_arguments=KERNEL_ARGUMENTS,
        execution_timeout=timeout,
        kernel_manager_class=f"{__name__}.IPCKernelManager",
    )


class NotebookFailed(RuntimeError):
    """A notebook run in a child process failed: ``reason`` is the child's last line."""

    def __init__(self, notebook: str, reason: str) -> None:
        super().__init__(f"{notebook}: {reason}")
        self.reason = reason


def execute_apart(
    source: str | Path,
    target: str | Path,
    cwd: str | Path,
    parameters: Mapping[str, Any] | None = None,
    timeout: float | None = None,
    env: Mapping[str, str] | None = None,
) -> None:
    """`execute` in a child process of its own (a fresh client: papermill's ZMQ context is
    shared by the threads of one process, so notebooks run side by side each need their
    own). Raises NotebookFailed with the error's last line."""
    import os
    import subprocess

    args = [sys.executable, "-m", __name__, str(source), str(target), "--cwd", str(cwd)]
    for name, value in (parameters or {}).items():
        args += ["-p", name, str(value)]
    if timeout is not None:
        args += ["--timeout", str(timeout)]
    done = subprocess.run(
        args, capture_output=True, text=True, stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})}
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        raise NotebookFailed(Path(source).name, lines[-1] if lines else f"exit status {done.returncode}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m receivables.kernels", description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--cwd", required=True)
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    parser.add_argument("--timeout", type=float, default=None, help="seconds per cell")
    args = parser.parse_args(argv)
    try:
        from papermill.cli import _resolve_type  # as papermill's own -p: numbers and booleans typed

        parameters = {name: _resolve_type(value) for name, value in args.parameter}
        execute(args.source, args.target, args.cwd, parameters, args.timeout)
    except Exception as err:  # noqa: BLE001 - the caller reads the last line
        print(f"{type(err).__name__}: {err}".rstrip(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
