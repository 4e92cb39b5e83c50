"""Memory and process limits through the kernel's control groups, for the room (one cgroup
per learner) and the grading sandbox (which only asks whether they are available).

A learner's server and every kernel it starts share one cgroup, so one learner's runaway
cell (or twenty open notebooks) cannot take the machine's memory from the others. cgroup v1
(memory and pids hierarchies) and v2 (a unified hierarchy with the memory and pids
controllers) are both handled. Where neither is writable (a locked-down container, macOS)
`available()` says why, and the room starts without the limit and says so.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

GROUP = "receivables-room"
CGROUP_ROOT = Path("/sys/fs/cgroup")


@dataclass(frozen=True)
class Limits:
    memory_mb: int
    processes: int


def _v1() -> bool:
    return (CGROUP_ROOT / "memory" / "memory.limit_in_bytes").is_file()


def _v2() -> bool:
    return (CGROUP_ROOT / "cgroup.controllers").is_file()


def available() -> tuple[bool, str]:
    """Whether limits can be enforced here, and how (or why not)."""
    try:
        if _v1():
            base = CGROUP_ROOT / "memory" / GROUP
            base.mkdir(exist_ok=True)
            return True, "cgroup v1 (memory, pids)"
        if _v2():
            controllers = (CGROUP_ROOT / "cgroup.controllers").read_text().split()
            if "memory" not in controllers:
                return False, "cgroup v2 without the memory controller"
            (CGROUP_ROOT / GROUP).mkdir(exist_ok=True)
            return True, "cgroup v2 (memory, pids)"
    except OSError as err:
        return False, f"control groups are not writable here ({err.strerror})"
    return False, "no control groups on this system"


def _write(path: Path, value: str) -> None:
    with open(path, "w") as f:
        f.write(value)


def prepare(user: str, limits: Limits) -> list[Path]:
    """Create the user's cgroups with their limits; returns the `cgroup.procs` files a
    process writes its pid into to join them."""
    memory = str(limits.memory_mb * 1024 * 1024)
    if _v1():
        mem = CGROUP_ROOT / "memory" / GROUP / user
        mem.mkdir(parents=True, exist_ok=True)
        _write(mem / "memory.limit_in_bytes", memory)
        procs = [mem / "cgroup.procs"]
        pids_base = CGROUP_ROOT / "pids"
        if (pids_base / "cgroup.procs").is_file():
            pids = pids_base / GROUP / user
            pids.mkdir(parents=True, exist_ok=True)
            _write(pids / "pids.max", str(limits.processes))
            procs.append(pids / "cgroup.procs")
        return procs
    base = CGROUP_ROOT / GROUP
    base.mkdir(exist_ok=True)
    for parent in (CGROUP_ROOT, base):
        enabled = (parent / "cgroup.subtree_control").read_text().split()
        for controller in ("memory", "pids"):
            if controller not in enabled:
                _write(parent / "cgroup.subtree_control", f"+{controller}")
    group = base / user
    group.mkdir(exist_ok=True)
    _write(group / "memory.max", memory)
    _write(group / "pids.max", str(limits.processes))
    return [group / "cgroup.procs"]


def join(procs: list[Path]) -> None:
    """Move the calling process into the cgroups (called in the child, before it drops root)."""
    for path in procs:
        _write(path, str(os.getpid()))


def remove_users(users: list[str]) -> None:
    """Remove these users' cgroups (empty once their processes are gone), then the room's
    own group when no user is left in it."""
    for base in (CGROUP_ROOT / "memory" / GROUP, CGROUP_ROOT / "pids" / GROUP, CGROUP_ROOT / GROUP):
        for user in users:
            with contextlib.suppress(OSError):
                (base / user).rmdir()
        with contextlib.suppress(OSError):
            base.rmdir()
