"""Stopping a server stops what it started; a free port is free."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import psutil

from receivables.processes import free_port, stop

#: A parent that starts a child (as Voilà starts kernels) and ignores SIGTERM, so only the kill works.
PARENT = (
    "import signal, subprocess, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
    "print('ready', flush=True)\n"
    "time.sleep(600)\n"
)


def test_stop_kills_a_process_that_ignores_terminate_and_its_children():
    proc = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    children = psutil.Process(proc.pid).children(recursive=True)
    assert len(children) == 1
    started = time.monotonic()
    stop(proc, grace=1)
    assert proc.returncode == -signal.SIGKILL and time.monotonic() - started < 15
    assert not any(c.is_running() and c.status() != psutil.STATUS_ZOMBIE for c in children)


def test_stop_without_the_tree_leaves_the_children():
    proc = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    (child,) = psutil.Process(proc.pid).children(recursive=True)
    stop(proc, grace=1, tree=False)
    assert child.is_running()
    child.kill()
    child.wait(timeout=10)


def test_a_free_port_can_be_listened_on():
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
        s.listen()
