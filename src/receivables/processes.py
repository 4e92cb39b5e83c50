"""Processes the kit starts and stops: a free loopback port for a server, and stopping a
server with every process it started (Voilà's or Jupyter's kernels), so none outlives it.
Used by the kit's own servers, its tests and its benchmarks."""

from __future__ import annotations

import contextlib
import socket
import subprocess


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen, grace: float = 30, tree: bool = True) -> None:
    """Stop `proc`: SIGTERM, then SIGKILL if it has not exited after `grace` seconds. With
    `tree`, the processes it had started (found before it is signalled) are killed too if they
    outlive it, and waited for."""
    import psutil

    children: list[psutil.Process] = []
    if tree and proc.poll() is None:
        with contextlib.suppress(psutil.NoSuchProcess):
            children = psutil.Process(proc.pid).children(recursive=True)
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
    psutil.wait_procs(children, timeout=10)
