"""The learner's kernel in a bubblewrap sandbox, for `receivables grade`.

Only the kernel runs inside: nbgrader, the scratch gradebook, the master copies and the
hidden tests' source stay outside, where the kernel cannot see them. nbgrader starts the
kernel through the kernelspec ``receivables-sandbox`` written into each scratch course
(``<course>/jupyter/kernels``, found through JUPYTER_PATH); its argv is

    python -c LAUNCH <limits> -- bwrap <flags> python -m ipykernel_launcher -f {connection_file}

LAUNCH runs outside the sandbox: it puts itself in the learner's control groups (memory,
process count) where they can be written, sets rlimits (file size, CPU, core dumps, the
process count when not root) and execs bubblewrap. Inside: a new user, PID, network, IPC,
UTS and cgroup namespace (no network, loopback included; no other process visible), every
capability dropped, read-only /usr (and the merged /bin, /lib), a few files of /etc, the
Python prefix, the kit's package folder and its case data (never the kit's root: no
solutions/, .nbgrader/, exercises/ or config); a size-limited tmpfs as /tmp and as the working folder
/home/learner (the assignment's data files bound read-only into it), a fresh /proc and /dev. The
kernel talks to nbgrader over ZMQ unix sockets (jupyter_client's ``ipc`` transport) in the
scratch course's ``run`` folder, the one folder of the course bound into the sandbox.
``--die-with-parent`` and the PID namespace end every process of the sandbox with the kernel.
Loopback inside is the sandbox's own (bubblewrap brings it up): nothing outside is reachable
and nothing outside can reach a port opened inside.

`probe()` says whether bubblewrap runs here with these flags (RECEIVABLES_BWRAP names another
bubblewrap, e.g. a missing one to test the fallback); `receivables grade` probes once per
batch and, where it cannot run, says so and grades without the sandbox.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KERNEL_NAME = "receivables-sandbox"
BWRAP_ENV = "RECEIVABLES_BWRAP"
WORKDIR = "/home/learner"
# Files of /etc a Python kernel with pandas and matplotlib reads; never passwd/shadow/ssl keys.
ETC = ("ld.so.cache", "localtime", "fonts", "mime.types", "nsswitch.conf", "host.conf", "alternatives")

# Runs outside the sandbox, started by nbgrader's kernel manager: join the learner's control
# groups, set rlimits, exec bubblewrap. argv: procs-files (comma separated, may be empty),
# nproc, fsize bytes, cpu seconds, address space bytes, then "--" and the bwrap command line.
LAUNCH = """import os, resource, sys
procs, nproc, fsize, cpu, mem = sys.argv[1:6]
for path in filter(None, procs.split(",")):
    with open(path, "w") as fh:
        fh.write(str(os.getpid()))
resource.setrlimit(resource.RLIMIT_AS, (int(mem), int(mem)))
resource.setrlimit(resource.RLIMIT_FSIZE, (int(fsize), int(fsize)))
resource.setrlimit(resource.RLIMIT_CPU, (int(cpu), int(cpu) + 5))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
if os.getuid() != 0:
    resource.setrlimit(resource.RLIMIT_NPROC, (int(nproc), int(nproc)))
cmd = sys.argv[sys.argv.index("--") + 1:]
os.execvp(cmd[0], cmd)
"""


@dataclass(frozen=True)
class SandboxLimits:
    """Limits honest notebooks never meet. Measured (benchmarks/sandbox_needs.py, every notebook
    of solutions/, see the README): at most 165 MB of memory, 18 processes and threads, 44 KB
    written, 1.6 GB of address space (pandas and NumPy reserve far more than they use)."""

    memory_mb: int = 1024  # resident memory of the whole sandbox, tmpfs included (its control group)
    address_mb: int = 4096  # RLIMIT_AS of each process in it (a huge allocation fails with MemoryError)
    processes: int = 64  # processes and threads in the sandbox (pids cgroup; RLIMIT_NPROC when not root)
    disk_mb: int = 64  # each of the two tmpfs (/tmp and the working folder); RLIMIT_FSIZE per file
    cpu_s: int = 600


#: How the kernel is cut off: every namespace, another user, no capability, gone with its
#: parent. The probe runs bubblewrap with exactly these, so "it can run" means these work.
ISOLATION = (
    "--unshare-all",
    "--unshare-user",
    "--uid",
    "1000",
    "--gid",
    "1000",
    "--cap-drop",
    "ALL",
    "--die-with-parent",
    "--new-session",
)


def probe() -> tuple[bool, str]:
    """Whether bubblewrap can run here with the flags the sandbox uses: (True, its path) or
    (False, why not). Checked by running it (a few ms); `grade` probes once per batch.
    RECEIVABLES_BWRAP names the bubblewrap to use (default: `bwrap` on PATH)."""
    wanted = os.environ.get(BWRAP_ENV, "bwrap")
    exe = shutil.which(wanted)
    if exe is None:
        return False, f"bubblewrap ({wanted}) is not installed"
    flags = [
        *ISOLATION,
        "--ro-bind",
        "/",
        "/",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
    ]
    try:
        proc = subprocess.run(
            [exe, *flags, "true"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"bubblewrap cannot run ({exc.__class__.__name__})"
    if proc.returncode != 0:
        return False, f"bubblewrap cannot run here: {(proc.stderr or proc.stdout).strip()[:200]}"
    return True, exe


@functools.lru_cache(maxsize=1)
def available() -> tuple[bool, str]:
    """`probe()`, once per process (for tests deciding whether to run)."""
    return probe()


def _python_roots() -> list[Path]:
    """Folders the kernel's Python needs: the venv, the interpreter's prefix, the kit's package
    (its own folder only: with an editable install that is src/receivables, never the kit's root
    with solutions/, .nbgrader/ and the exercises)."""
    import receivables

    roots = {
        Path(sys.prefix),
        Path(sys.base_prefix),
        Path(sys.executable).resolve().parents[1],
        Path(receivables.__file__).resolve().parent,
    }
    kept: list[Path] = []
    for root in sorted(roots, key=lambda p: len(p.parts)):
        if root.is_dir() and not any(root.is_relative_to(k) for k in kept):
            kept.append(root)
    return kept


def _kit_data() -> list[Path]:
    """The kit's case data the exercises read through `receivables.datasets.case_dir()`
    (learners have it in their bundle too); nothing else of the kit's root."""
    from receivables.datasets.writer import case_dir

    return [case_dir()] if case_dir().is_dir() else []


def bwrap_argv(
    run_dir: Path, data_files: list[tuple[Path, str]], limits: SandboxLimits, bwrap: str = "bwrap"
) -> list[str]:
    """bubblewrap's command line for a kernel whose ZMQ sockets live in `run_dir`."""
    disk = str(limits.disk_mb * 1024 * 1024)
    argv = [
        bwrap,
        *ISOLATION,
        "--hostname",
        "sandbox",
        "--ro-bind",
        "/usr",
        "/usr",
    ]
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / top
        if path.is_symlink():
            argv += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            argv += ["--ro-bind", str(path), str(path)]
    for name in ETC:
        argv += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    # The tmpfs first: a Python prefix or the scratch course may lie under /tmp.
    argv += ["--proc", "/proc", "--dev", "/dev", "--size", disk, "--tmpfs", "/tmp", "--size", disk, "--tmpfs", WORKDIR]
    for root in [*_python_roots(), *_kit_data()]:
        argv += ["--ro-bind", str(root), str(root)]
    for path, rel in data_files:
        argv += ["--ro-bind", str(path), f"{WORKDIR}/{rel}"]
    # The sandbox's own root (where bubblewrap made the folders above the binds) read-only too.
    argv += ["--bind", str(run_dir), str(run_dir), "--remount-ro", "/", "--chdir", WORKDIR, "--clearenv"]
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "MPLCONFIGDIR": "/tmp/mpl",
        "MPLBACKEND": "Agg",
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "MALLOC_ARENA_MAX": "2",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for key, value in env.items():
        argv += ["--setenv", key, value]
    return argv


@dataclass
class Cgroups:
    """The kernel's control groups for one learner (cgroup v1 or v2), or none."""

    procs: list[Path]
    dirs: list[Path]
    memory: Path | None  # the memory group's folder, to read whether the OOM killer struck

    def oom_killed(self) -> bool:
        if self.memory is None:
            return False
        with contextlib.suppress(OSError, ValueError):
            events = self.memory / "memory.events"
            if events.is_file():
                return any(
                    line.split()[0] == "oom_kill" and int(line.split()[1]) > 0
                    for line in events.read_text().splitlines()
                )
            oom = self.memory / "memory.oom_control"
            if oom.is_file():
                return any(
                    line.startswith("oom_kill ") and int(line.split()[1]) > 0 for line in oom.read_text().splitlines()
                )
            return int((self.memory / "memory.failcnt").read_text()) > 0
        return False

    def remove(self) -> None:
        for path in reversed(self.dirs):
            with contextlib.suppress(OSError):
                path.rmdir()


def cgroups(name: str, limits: SandboxLimits) -> Cgroups:
    """Memory and pids control groups named `name` (empty where they cannot be written)."""
    from receivables import cgroups as room_limits

    ok, _ = room_limits.available()
    if not ok:
        return Cgroups([], [], None)
    base = room_limits.CGROUP_ROOT
    memory = str(limits.memory_mb * 1024 * 1024)
    try:
        if (base / "memory" / "memory.limit_in_bytes").is_file():
            mem = base / "memory" / "receivables-grade" / name
            mem.mkdir(parents=True, exist_ok=True)
            room_limits._write(mem / "memory.limit_in_bytes", memory)
            with contextlib.suppress(OSError):
                room_limits._write(mem / "memory.memsw.limit_in_bytes", memory)
            found = Cgroups([mem / "cgroup.procs"], [mem], mem)
            pids = base / "pids" / "receivables-grade" / name
            if (base / "pids" / "cgroup.procs").is_file():
                pids.mkdir(parents=True, exist_ok=True)
                room_limits._write(pids / "pids.max", str(limits.processes))
                found.procs.append(pids / "cgroup.procs")
                found.dirs.append(pids)
            return found
        group = base / "receivables-grade"
        group.mkdir(exist_ok=True)
        for parent in (base, group):
            enabled = (parent / "cgroup.subtree_control").read_text().split()
            for controller in ("memory", "pids"):
                if controller not in enabled:
                    room_limits._write(parent / "cgroup.subtree_control", f"+{controller}")
        mine = group / name
        mine.mkdir(exist_ok=True)
        room_limits._write(mine / "memory.max", memory)
        with contextlib.suppress(OSError):
            room_limits._write(mine / "memory.swap.max", "0")
        room_limits._write(mine / "pids.max", str(limits.processes))
        return Cgroups([mine / "cgroup.procs"], [mine], mine)
    except OSError:
        return Cgroups([], [], None)


def write_kernelspec(
    course: Path, data_files: list[tuple[Path, str]], limits: SandboxLimits, groups: Cgroups, bwrap: str = "bwrap"
) -> dict[str, str]:
    """The sandboxed kernelspec in the scratch course (`data_files`: (file, path in the working
    folder)); returns the environment nbgrader needs to find it."""
    run_dir = make_run_dir(course)
    spec_dir = course / "jupyter" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    python = str(Path(sys.executable))
    argv = [
        python,
        "-I",
        "-c",
        LAUNCH,
        ",".join(str(p) for p in groups.procs),
        str(limits.processes),
        str(limits.disk_mb * 1024 * 1024),
        str(limits.cpu_s),
        str(limits.address_mb * 1024 * 1024),
        "--",
        *bwrap_argv(run_dir, data_files, limits, bwrap),
        python,
        "-m",
        "ipykernel_launcher",
        "-f",
        "{connection_file}",
    ]
    spec = {
        "argv": argv,
        "display_name": "Python 3 (sandboxed)",
        "language": "python",
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return {"JUPYTER_PATH": str(course / "jupyter"), "JUPYTER_RUNTIME_DIR": str(run_dir)}


def nbgrader_args(course: Path) -> list[str]:
    """nbgrader options that select the sandboxed kernel and the unix-socket transport, with
    the connection file (and so the sockets) in the course's run folder (`make_run_dir`), the
    folder bound into the sandbox."""
    return [
        f"--Execute.kernel_name={KERNEL_NAME}",
        "--KernelManager.transport=ipc",
        f"--KernelManager.connection_file={run_dir(course) / 'kernel.json'}",
    ]


#: A unix socket's path must fit in 108 bytes (sun_path); the sockets are named after the
#: connection file ("<folder>/kernel-ipc-<n>"), so the folder's path stays under this.
RUN_PATH_MAX = 80


def make_run_dir(course: Path) -> Path:
    """The folder of the kernel's connection file and sockets: ``<course>/run``, or, when
    that path is too long for a unix socket, a short folder of the system's temp area that
    ``<course>/run`` links to (`remove_run_dir` deletes it with the course)."""
    import tempfile

    own = course / "run"
    if len(os.fsencode(str(own))) <= RUN_PATH_MAX:
        own.mkdir(mode=0o700, exist_ok=True)
        return own
    base = "/tmp" if os.access("/tmp", os.W_OK) else tempfile.gettempdir()
    short = Path(tempfile.mkdtemp(prefix="rg-run-", dir=base))  # mode 0700
    own.symlink_to(short, target_is_directory=True)
    return short


def run_dir(course: Path) -> Path:
    """The run folder `make_run_dir` chose for this course."""
    own = course / "run"
    return Path(os.readlink(own)) if own.is_symlink() else own


def remove_run_dir(course: Path) -> None:
    """Delete a short run folder made outside the course (the course's own is deleted with it)."""
    own = course / "run"
    if own.is_symlink():
        shutil.rmtree(os.readlink(own), ignore_errors=True)
        own.unlink(missing_ok=True)


def kill_group_members(groups: Cgroups, wait_s: float = 5.0) -> list[int]:
    """SIGKILL every process still in the learner's control groups; returns those found."""
    import signal
    import time

    found: set[int] = set()
    deadline = time.monotonic() + wait_s
    while True:
        pids = set()
        for procs in groups.procs:
            with contextlib.suppress(OSError, ValueError):
                pids |= {int(p) for p in procs.read_text().split()}
        pids.discard(os.getpid())
        if not pids or time.monotonic() > deadline:
            return sorted(found)
        found |= pids
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.05)
