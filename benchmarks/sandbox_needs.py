"""What each honest exercise notebook needs inside the grading sandbox.

Every notebook of solutions/ (model answers and hidden tests: what an honest learner's
notebook runs at autograde) is run in the sandboxed kernel `receivables grade` uses
(receivables.grading.sandbox), with limits far above the defaults, in control groups of
its own. Measured per notebook:

    peak_mb        the control group's peak memory charge (memory.max_usage_in_bytes or
                   memory.peak: the kernel's memory, its tmpfs files and the page cache it reads)
    peak_anon_mb   the peak of anonymous memory + tmpfs (sampled every 20 ms): what cannot be
                   reclaimed, so what decides an out-of-memory kill
    tasks          the peak number of processes and threads in the sandbox (pids.current,
                   sampled every 20 ms; bubblewrap's own two processes included)
    tmp_kb, work_kb  what the notebook wrote to /tmp and to its working folder (both tmpfs)
    vm_peak_mb     the kernel's peak virtual address space (VmPeak): what RLIMIT_AS must allow
    seconds        the run's wall time, kernel start included

    .venv/bin/python -m benchmarks.sandbox_needs [--json out.json]

Needs bubblewrap and writable control groups (Linux, as root or with a delegated cgroup).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat

from receivables.grading import sandbox as sb

ROOT = Path(__file__).resolve().parents[1]
MEASURE = """import os
def _used(path):
    st = os.statvfs(path)
    return (st.f_blocks - st.f_bfree) * st.f_frsize // 1024
status = dict(line.split(':', 1) for line in open('/proc/self/status'))
print('SANDBOX-DISK', _used('/tmp'), _used(os.getcwd()), status['VmPeak'].split()[0])"""


def _read_int(path: Path) -> int:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def _anon(memory: Path) -> int:
    """Anonymous memory and tmpfs of a memory group (v1 total_rss + total_shmem, v2 anon + shmem)."""
    try:
        stat = dict(line.split() for line in (memory / "memory.stat").read_text().splitlines())
    except (OSError, ValueError):
        return 0
    if "total_rss" in stat:
        return int(stat["total_rss"]) + int(stat.get("total_shmem", 0))
    return int(stat.get("anon", 0)) + int(stat.get("shmem", 0))


def measure(notebook: Path, bwrap: str) -> dict:
    from jupyter_client import KernelManager
    from nbclient import NotebookClient

    generous = sb.SandboxLimits(memory_mb=8192, address_mb=16384, processes=4096, disk_mb=1024, cpu_s=1200)
    with tempfile.TemporaryDirectory(prefix="receivables-sandbox-needs-") as tmp:
        course = Path(tmp)
        groups = sb.cgroups(course.name, generous)
        if groups.memory is None:
            raise SystemExit("control groups are not writable here: nothing to measure with")
        pids_dir = next((d for d in groups.dirs if (d / "pids.current").is_file()), None)
        data = [
            (p, p.relative_to(notebook.parent).as_posix())
            for p in sorted(notebook.parent.rglob("*"))
            if p.is_file() and p.suffix != ".ipynb"
        ]
        os.environ.update(sb.write_kernelspec(course, data, generous, groups, bwrap))
        nb = nbformat.read(notebook, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(MEASURE))
        peak = {"anon": 0, "tasks": 0}
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak["anon"] = max(peak["anon"], _anon(groups.memory))
                if pids_dir is not None:
                    peak["tasks"] = max(peak["tasks"], _read_int(pids_dir / "pids.current"))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        km = KernelManager(
            kernel_name=sb.KERNEL_NAME, transport="ipc", connection_file=str(course / "run" / "kernel.json")
        )
        start = time.monotonic()
        error = ""
        try:
            NotebookClient(nb, km=km, timeout=600, kernel_name=sb.KERNEL_NAME).execute()
        except Exception as exc:  # noqa: BLE001 - reported in the table
            error = f"{exc.__class__.__name__}: {str(exc).strip().splitlines()[-1][:200]}"
        seconds = time.monotonic() - start
        stop.set()
        sampler.join()
        charged = max(_read_int(groups.memory / "memory.max_usage_in_bytes"), _read_int(groups.memory / "memory.peak"))
        disk = [o.get("text", "") for o in nb.cells[-1].get("outputs", []) if o.get("output_type") == "stream"]
        found = "".join(disk).split()
        ok = len(found) >= 4 and found[0] == "SANDBOX-DISK"
        tmp_kb, work_kb, vm_kb = (int(found[1]), int(found[2]), int(found[3])) if ok else (-1, -1, -1)
        sb.kill_group_members(groups)
        groups.remove()
    name = notebook.relative_to(ROOT).as_posix() if notebook.is_relative_to(ROOT) else str(notebook)
    return {
        "notebook": name,
        "peak_mb": round(charged / 2**20),
        "peak_anon_mb": round(peak["anon"] / 2**20),
        "tasks": peak["tasks"],
        "tmp_kb": tmp_kb,
        "work_kb": work_kb,
        "vm_peak_mb": round(vm_kb / 1024),
        "seconds": round(seconds, 1),
        "error": error,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every solutions/*/*.ipynb")
    args = parser.parse_args()
    ok, bwrap = sb.probe()
    if not ok:
        raise SystemExit(f"no sandbox here: {bwrap}")
    notebooks = [p.resolve() for p in args.notebooks] or sorted((ROOT / "solutions").glob("*/*.ipynb"))
    rows = []
    print(
        f"{'notebook':58} {'peak MB':>8} {'anon MB':>8} {'tasks':>6} {'tmp KB':>7} {'work KB':>8} {'VM MB':>6} {'s':>6}"
    )
    for notebook in notebooks:
        row = measure(notebook, bwrap)
        rows.append(row)
        print(
            f"{row['notebook']:58} {row['peak_mb']:8} {row['peak_anon_mb']:8} {row['tasks']:6} {row['tmp_kb']:7} "
            f"{row['work_kb']:8} {row['vm_peak_mb']:6} {row['seconds']:6} {row['error']}",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    sys.exit(1 if any(r["error"] for r in rows) else 0)


if __name__ == "__main__":
    main()
