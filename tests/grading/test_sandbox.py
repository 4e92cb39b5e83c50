"""Hostile learners graded in one batch with the kernel in the bubblewrap sandbox.

Every attack is a learner's notebook: the wrong submission (Q1 right: 2 points) with the
attack run first in the Q1 answer cell. Honest learners keep their grades, each attack
scores what its answers deserve, nothing lands outside the sandbox, no learner process
outlives the batch, and the faults' reasons say what happened.
"""

from __future__ import annotations

import contextlib
import re
import socket
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest

from receivables.grading import batch
from receivables.grading import nbgrader_run as ng
from receivables.grading import sandbox as sb

from .assignment import ASSIGNMENT, NOTEBOOK, ROOT, SOURCE, SPEC, sub
from .submissions import processes_with, set_answer

pytestmark = pytest.mark.grading

WRONG = SPEC["wrong"]["score"]
# Per learner: an honest learner takes 3-10 s (up to 40 s on a loaded machine); the slow one sleeps 8 x 19 s.
WALL_S = 45
SLOW = "a-slow"  # sorts before the other learners
BATCH_S = 480  # the whole batch: 15 learners, three at a time, one stopped at WALL_S (about 50 s)
JOBS = 3  # the slow learner sleeps in one slot; the others share the two cores


def _attack(code: str) -> nbformat.NotebookNode:
    """The wrong submission, with `code` run (its errors ignored) before the Q1 answer."""
    guarded = (
        "try:\n" + "\n".join("    " + line for line in code.splitlines()) + "\nexcept Exception as exc:\n"
        "    print('attack failed:', type(exc).__name__, exc)\n"
    )
    return set_answer(sub("wrong"), "q1-answer", guarded + "answer = 50_000 / 0.05")


def attacks(outside: Path, port: int, listen_port: int) -> dict[str, str]:
    """Each attack prints `OUTCOME <what happened>` (a text its own source does not hold)."""
    temp = tempfile.gettempdir()
    return {
        "write-outside": f"""
import pathlib
for target in [{str(outside)!r} + '/planted.txt', {str(ROOT)!r} + '/planted.txt', '/tmp/receivables-planted.txt']:
    try:
        pathlib.Path(target).write_text('planted')
        print('WROTE', target)
    except OSError as exc:
        print('refused', target, exc.errno)
""",
        "read-secrets": f"""
import glob, os, pathlib, sqlite3
# glob returns 'folder/' for a missing folder with '**': only what exists counts.
found = [p for pattern in [{temp!r} + '/receivables-grade-*/**', {str(ROOT)!r} + '/solutions/**',
                           {str(ROOT)!r} + '/.nbgrader/**', {str(ROOT)!r} + '/.work/**']
         for p in glob.glob(pattern, recursive=True) if os.path.exists(p)]
print('SEEN', sorted({{pathlib.Path(p).name for p in found}}))
targets = found + [{str(SOURCE)!r}, {str(ROOT)!r} + '/.nbgrader/gradebook.db', {str(ROOT)!r} + '/nbgrader_config.py',
                   {str(ROOT)!r} + '/README.md']
for path in targets:
    p = pathlib.Path(path)
    try:
        text = p.read_text(errors='replace')
    except OSError as exc:
        print('refused', path, exc.errno)
        continue
    print('OUTCOME', 'read', path)
    print(text[:100000])
    if p.name == 'gradebook.db':
        db = sqlite3.connect(path)
        db.execute('update grade set extra_credit = 10')
        db.commit()
""",
        "detached": """
import os, subprocess, time
subprocess.Popen(['/bin/sh', '-c', 'setsid sleep 3137 &'])
if os.fork() == 0:
    if os.fork() == 0:
        os.setsid()
        time.sleep(3138)  # holds the kernel's stdout and stderr
    os._exit(0)
time.sleep(0.5)
""",
        "sockets": f"""
import socket
s = socket.create_connection(('127.0.0.1', {port}), timeout=2)
print('OUTCOME', 'connected')
""",
        "listen": f"""
import socket, time
srv = socket.socket()
srv.bind(('0.0.0.0', {listen_port}))
srv.listen()
srv.settimeout(4)
print('OUTCOME', 'listening')
try:
    srv.accept()
    print('OUTCOME', 'accepted')
except OSError as exc:
    print('nobody came', exc)
""",
        "proc-peek": """
import os
pids = [p for p in os.listdir('/proc') if p.isdigit()]
lines = [open(f'/proc/{p}/cmdline', 'rb').read().replace(bytes(1), b' ').decode() for p in pids]
# The sandbox's own two: bubblewrap's init and this kernel; never nbgrader or the test run.
seen = [line for line in lines if 'nbgrader ' in line or 'bin/pytest' in line or 'test_sandbox.py' in line]
print('PROCS', len(pids), 'TRAINER' if seen else 'none')
print(lines)
""",
        "fork-bomb": """
import os
kids = 0
try:
    for _ in range(500):
        if os.fork() == 0:
            import time
            time.sleep(2)
            os._exit(0)
        kids += 1
    print('FORKED', kids)
finally:
    while True:  # its own children reaped, so the next cells can start threads again
        try:
            os.wait()
        except ChildProcessError:
            break
""",
        "huge-output": "for i in range(200_000):\n    print('x' * 1000)",
        "memory": "blocks = [bytearray(100 * 2**20) for _ in range(14)]",
    }


def _slow() -> nbformat.NotebookNode:
    """An honest-looking notebook whose cells each stay under the cell limit (30 s) but
    together run past the learner's wall-clock limit."""
    nb = sub("correct")
    nb.cells += [nbformat.v4.new_code_cell("import time\ntime.sleep(19)") for _ in range(8)]
    return nb


@pytest.fixture(scope="module")
def hostile_room(tmp_path_factory):
    if not sb.available()[0]:
        pytest.skip(f"no sandbox here: {sb.available()[1]}")
    base = tmp_path_factory.mktemp("hostile")
    returned, outside = base / "returned", base / "outside"
    returned.mkdir()
    outside.mkdir()
    # The batch's temporary folders (its master course, each learner's scratch course) go
    # under `base`, so this batch's processes are told from other batches on the machine.
    (base / "tmp").mkdir()
    old_tempdir, tempfile.tempdir = tempfile.tempdir, str(base / "tmp")
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    accepted: list[object] = []
    stop = threading.Event()
    with socket.create_server(("127.0.0.1", 0)) as free:
        listen_port = free.getsockname()[1]
    reached: list[int] = []  # the "listen" learner's port, reached from the trainer's side

    def knock() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", listen_port), timeout=0.2):
                reached.append(listen_port)
            time.sleep(0.1)

    def serve() -> None:
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    threading.Thread(target=serve, daemon=True).start()
    threading.Thread(target=knock, daemon=True).start()
    for name, code in attacks(outside, server.getsockname()[1], listen_port).items():
        nbformat.write(_attack(code), returned / f"{name}_{NOTEBOOK}")
    for i in (1, 2):
        nbformat.write(sub("correct"), returned / f"honest-{i}_{NOTEBOOK}")
    nbformat.write(sub("wrong"), returned / f"honest-wrong_{NOTEBOOK}")
    # Learners are graded in name order: the slow one first, so the others are graded beside it
    # and the batch takes about WALL_S, not WALL_S after the rest.
    nbformat.write(_slow(), returned / f"{SLOW}_{NOTEBOOK}")
    start = time.monotonic()
    try:
        report = batch.grade(returned, ASSIGNMENT, base / "out", timeout_s=30, memory_mb=1024, jobs=JOBS, wall_s=WALL_S)
    finally:
        tempfile.tempdir = old_tempdir
    elapsed = time.monotonic() - start
    time.sleep(0.5)
    stop.set()
    server.close()
    print(f"graded {len(report.learners)} learners in {elapsed:.0f} s")
    return report, base, outside, accepted + reached, elapsed


def _feedback(base: Path, learner: str) -> str:
    path = base / "out" / "feedback" / learner / NOTEBOOK.replace(".ipynb", ".html")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def test_the_batch_was_sandboxed_and_bounded(hostile_room):
    report, _, _, _, elapsed = hostile_room
    assert report.sandboxed
    assert elapsed < BATCH_S  # no detached or pipe-holding process (they sleep ~3000 s) held it


def test_honest_learners_keep_their_grades(hostile_room):
    by = hostile_room[0].by_learner()
    assert by["honest-1"].total == by["honest-2"].total == SPEC["max_score"]
    assert by["honest-wrong"].total == WRONG
    assert by["honest-1"].problems == by["honest-wrong"].problems == []


@pytest.mark.parametrize(
    "learner", ["write-outside", "read-secrets", "detached", "sockets", "listen", "proc-peek", "fork-bomb"]
)
def test_each_attack_scores_what_its_answers_deserve(hostile_room, learner):
    r = hostile_room[0].by_learner()[learner]
    assert r.status == "graded" and r.total == WRONG, (r.total, r.problems)


def test_nothing_written_outside(hostile_room):
    _, base, outside, _, _ = hostile_room
    assert list(outside.iterdir()) == []
    assert not (ROOT / "planted.txt").exists() and not Path("/tmp/receivables-planted.txt").exists()
    html = _feedback(base, "write-outside")  # the sandbox's own /tmp took the third file, and vanished with it
    assert f"refused {outside}/planted.txt" in html and f"WROTE {ROOT}" not in html
    assert f"refused {ROOT}/planted.txt" in html


def test_no_secret_reaches_any_feedback(hostile_room):
    report, base, _, _, _ = hostile_room
    source = nbformat.read(SOURCE, as_version=4)
    for r in report.graded:
        html = _feedback(base, r.learner)
        assert ng.leaks(html, source, solutions=False) == [], r.learner
    # Of the scratch course, only the folder of the kernel's own sockets is in view; nothing of
    # the kit (solutions, gradebook, config, README) nor the batch's master copies can be read.
    html = _feedback(base, "read-secrets")
    seen = re.search(r"SEEN \[([^\]]*)\]", html).group(1)
    assert not re.search(r"gradebook|\.nbgrader|solutions|master|\.ipynb|nbgrader_config|extra_credit", seen), seen
    read = re.findall(r"OUTCOME read (\S+)", html)  # the kernel's own connection file, nothing else
    assert all(
        re.fullmatch(r".*/(receivables-grade-learner-\w+/run|rg-run-\w+)/kernel\.json", path) for path in read
    ), read
    assert f"refused {SOURCE} 2" in html and f"refused {ROOT}/README.md 2" in html  # ENOENT: not there at all


def test_no_network_and_no_other_process_in_view(hostile_room):
    _, base, _, accepted, _ = hostile_room
    assert accepted == []  # neither the trainer's loopback server nor the learner's listening port was reached
    sockets = _feedback(base, "sockets")
    # Inside, loopback is the sandbox's own (bubblewrap brings it up): nothing listens there.
    assert "OUTCOME connected" not in sockets and "attack failed: ConnectionRefusedError" in sockets
    assert "OUTCOME accepted" not in _feedback(base, "listen")
    found = re.search(r"PROCS (\d+) (\w+)", _feedback(base, "proc-peek"))
    assert found and int(found.group(1)) <= 4 and found.group(2) == "none", found


def test_process_limit(hostile_room):
    html = _feedback(hostile_room[1], "fork-bomb")
    assert "FORKED" not in html and "BlockingIOError" in html or "attack failed" in html


def test_no_learner_process_outlives_the_batch(hostile_room):
    assert processes_with("sleep 3137") == [] and processes_with("3138") == []
    assert processes_with(str(hostile_room[1])) == []  # kernels (and their forks) name their scratch course


def test_without_bubblewrap_the_batch_says_so_and_still_grades(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "no-such-bwrap"
    monkeypatch.setenv(sb.BWRAP_ENV, str(missing))
    assert sb.probe() == (False, f"bubblewrap ({missing}) is not installed")
    returned = tmp_path / "returned"
    returned.mkdir()
    nbformat.write(sub("correct"), returned / f"good_{NOTEBOOK}")
    nbformat.write(sub("wrong"), returned / f"bad_{NOTEBOOK}")
    report = batch.grade(returned, ASSIGNMENT, tmp_path / "out", timeout_s=20, jobs=2)
    err = capsys.readouterr().err
    assert "learners' code is NOT sandboxed" in err and "not installed" in err, err
    assert not report.sandboxed
    by = report.by_learner()
    assert (by["good"].total, by["bad"].total) == (SPEC["max_score"], WRONG), report.problems()
    with pytest.raises(batch.GradingError, match="sandbox was asked for"):
        batch.grade(returned, ASSIGNMENT, tmp_path / "out2", sandbox=True)


def test_a_bubblewrap_that_cannot_run_is_not_used(monkeypatch):
    monkeypatch.setenv(sb.BWRAP_ENV, "false")  # found, but fails like bwrap without user namespaces
    ok, why = sb.probe()
    assert not ok and why.startswith("bubblewrap cannot run here")


def test_only_what_the_kernel_needs_is_bound(tmp_path):
    """Read-only: system, Python, the kit's package and case data, the data files; writable:
    the sockets' folder only; never the kit's root or anything holding its secrets."""
    data = tmp_path / "ledger.csv"
    data.write_text("a,b\n")
    argv = sb.bwrap_argv(tmp_path / "run", [(data, "ledger.csv")], sb.SandboxLimits())
    binds = {
        (argv[i], argv[i + 1], argv[i + 2]) for i, a in enumerate(argv) if a in ("--bind", "--ro-bind", "--ro-bind-try")
    }
    writable = [(src, dest) for kind, src, dest in binds if kind == "--bind"]
    assert writable == [(str(tmp_path / "run"), str(tmp_path / "run"))]
    assert ("--ro-bind", str(data), f"{sb.WORKDIR}/ledger.csv") in binds
    for secret in (
        ROOT / "solutions",
        ROOT / ".nbgrader",
        ROOT / "nbgrader_config.py",
        ROOT / "exercises",
        ROOT / "tests",
    ):
        assert not any(secret.is_relative_to(src) for _, src, _ in binds), secret
    assert {"--unshare-all", "--die-with-parent", "--new-session", "--clearenv"} <= set(argv)
    assert argv[argv.index("--remount-ro") + 1] == "/"


def test_fault_reasons_say_what_happened(hostile_room):
    by = hostile_room[0].by_learner()
    assert any("output too large" in p for p in by["huge-output"].problems), by["huge-output"].problems
    assert any("out of memory" in p for p in by["memory"].problems), by["memory"].problems
    assert any(f"longer than {WALL_S} s" in p for p in by[SLOW].problems), by[SLOW].problems
    for learner in ("huge-output", "memory"):
        assert not any("longer than" in p or "ran past" in p for p in by[learner].problems), by[learner].problems


def test_the_sockets_folder_is_short_enough_for_unix_sockets(tmp_path):
    """A unix socket's path must fit in 108 bytes: a scratch course deep in a long temp path
    gets a short run folder elsewhere, deleted with it."""
    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / "receivables-grade-course-learner"
    deep.mkdir(parents=True)
    run = sb.make_run_dir(deep)
    assert len(str(run / "kernel-ipc-12345")) < 100 and sb.run_dir(deep) == run
    assert any(str(run / "kernel.json") in arg for arg in sb.nbgrader_args(deep))
    sb.remove_run_dir(deep)
    assert not run.exists() and not (deep / "run").exists()
    near = tmp_path / "c"
    near.mkdir()
    if len(str(near / "run")) <= sb.RUN_PATH_MAX:
        assert sb.make_run_dir(near) == near / "run"
