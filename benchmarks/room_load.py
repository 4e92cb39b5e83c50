"""How many learners at once: N simulated visitors open a widget notebook and move a slider.

    .venv/bin/python -m benchmarks.room_load                   # app mode (Voilà), zh, started here
    .venv/bin/python -m benchmarks.room_load --steps 1,5,10 --lang en --moves 5
    .venv/bin/python -m benchmarks.room_load --url http://127.0.0.1:8866/   # a running `make app`
    sudo .venv/bin/python -m benchmarks.room_load --mode room --steps 1,5,10   # room mode (JupyterHub)

For each N of ``--steps`` (stopping at the first N that fails): N visitors open the page at
once (an HTTP GET that starts a kernel and executes the notebook), connect to their kernel's
websocket, then all move the slider ``--moves`` times together; each move is an ipywidgets
``update`` message for the slider's model, timed until the kernel is idle again after it,
having sent at least one new widget state (the output changed). N passes when no request
failed and every move took under ``--limit`` seconds (1 s). Afterwards each visitor closes
its page as a browser does (websocket closed, Voilà's kernel shutdown).

Bounded: N at most MAX_VISITORS, the whole run at most ``--max-seconds``, loopback only.

The two layers are separate so that room mode (JupyterHub) can reuse the second:
- a *visitor opener* gets one visitor a kernel websocket (URL + headers) with the notebook
  executed in it (`open_app_visitor` for Voilà; a JupyterHub one logs in, starts the
  learner's server and runs the notebook there);
- `Kernel` + `move_slider` find the slider's widget model over that websocket and time a move.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import re
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from receivables import app
from receivables.processes import free_port

MAX_VISITORS = 80
DEFAULT_STEPS = (1, 2, 5, 10, 20, 30, 40)
DEFAULT_NOTEBOOK = "01.00-The-Three-Key-Questions.ipynb"
SLIDER_MODELS = ("FloatSliderModel", "IntSliderModel")
CONTROL_TARGET = "jupyter.widget.control"
CONTROL_PROTOCOL = "1.0.0"  # ipywidgets' control comm
PROTOCOL = "2.1.0"  # ipywidgets' widget messages


class LoadError(RuntimeError):
    """A request of a visitor failed (HTTP error, no kernel, no answer in time)."""


def check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise SystemExit(f"room_load only loads a server on this machine (loopback), not {host!r}")


# ---- layer 1: a visitor gets a kernel websocket ---------------------------------------------


@dataclass
class Visitor:
    """What a visitor's page holds once open: its kernel's websocket and how to leave."""

    ws_url: str
    headers: dict[str, str]
    open_seconds: float
    close: Callable[[], Awaitable[None]]


async def open_app_visitor(base: str, notebook: str, timeout: float) -> Visitor:
    """Open ``notebook`` in app mode (Voilà) as a browser does: GET /voila/render/<nb>, which
    starts a kernel and executes the notebook; the kernel's id is in the page's config."""
    client = AsyncHTTPClient()
    start = time.perf_counter()
    try:
        answer = await client.fetch(f"{base}voila/render/{notebook}", request_timeout=timeout)
    except (HTTPClientError, OSError) as err:
        raise LoadError(f"GET {notebook}: {err}") from None
    html = answer.body.decode("utf-8")
    found = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', html)
    if not found:
        raise LoadError(f"GET {notebook}: no kernel in the page")
    if "There was an error when executing cell" in html:
        raise LoadError(f"GET {notebook}: a cell failed")
    kernel_id = found[1]
    cookies = "; ".join(c.split(";", 1)[0] for c in answer.headers.get_list("Set-Cookie"))
    xsrf = re.search(r"_xsrf=([^;]+)", cookies)
    headers = {"Cookie": cookies} if cookies else {}
    ws = base.replace("http", "ws", 1) + f"api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"

    async def close() -> None:  # what Voilà's page does on unload
        post_headers = dict(headers)
        if xsrf:
            post_headers["X-XSRFToken"] = xsrf[1]
        with contextlib.suppress(HTTPClientError, OSError):
            await client.fetch(
                HTTPRequest(
                    f"{base}voila/api/shutdown/{kernel_id}",
                    method="POST",
                    body=b"",
                    headers=post_headers,
                    request_timeout=timeout,
                )
            )

    return Visitor(ws, headers, time.perf_counter() - start, close)


# ---- layer 2: the widget traffic of one kernel ---------------------------------------------


@dataclass
class Kernel:
    """A kernel websocket spoken as the widgets' front end speaks it (JSON messages)."""

    conn: Any
    session: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    async def connect(cls, visitor: Visitor, timeout: float) -> Kernel:
        try:
            conn = await websocket_connect(
                HTTPRequest(visitor.ws_url, headers=visitor.headers, connect_timeout=timeout, request_timeout=timeout),
                max_message_size=64 * 2**20,
            )
        except (HTTPClientError, OSError) as err:
            raise LoadError(f"websocket: {err}") from None
        return cls(conn)

    def send(self, msg_type: str, content: dict, channel: str = "shell", metadata: dict | None = None) -> str:
        msg_id = uuid.uuid4().hex
        self.conn.write_message(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": msg_type,
                        "session": self.session,
                        "username": "load",
                        "date": "",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": metadata or {},
                    "content": content,
                    "buffers": [],
                    "channel": channel,
                }
            )
        )
        return msg_id

    async def receive(self, deadline: float) -> dict:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise LoadError("no answer from the kernel in time")
        try:
            text = await asyncio.wait_for(self.conn.read_message(), left)
        except TimeoutError:
            raise LoadError("no answer from the kernel in time") from None
        if text is None:
            raise LoadError("the kernel's websocket closed")
        return json.loads(text)

    async def until_idle(self, parent: str, deadline: float) -> list[dict]:
        """Messages answering ``parent`` until the kernel reports idle after it."""
        seen = []
        while True:
            msg = await self.receive(deadline)
            if msg.get("parent_header", {}).get("msg_id") != parent:
                continue
            seen.append(msg)
            if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                return seen

    async def widget_states(self, timeout: float) -> dict[str, dict]:
        """Every widget model's state, asked through the widgets' control comm."""
        comm = uuid.uuid4().hex
        self.send(
            "comm_open",
            {"comm_id": comm, "target_name": CONTROL_TARGET, "data": {}},
            metadata={"version": CONTROL_PROTOCOL},
        )
        ask = self.send("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}})
        for msg in await self.until_idle(ask, time.perf_counter() + timeout):
            data = msg["content"].get("data", {}) if msg["msg_type"] == "comm_msg" else {}
            if data.get("method") == "update_states":
                return data["states"]
        raise LoadError("the kernel sent no widget states")

    async def close(self) -> None:
        self.conn.close()


def find_slider(states: dict[str, dict], label: str | None) -> tuple[str, dict]:
    """The first slider model (whose description contains ``label``, when given)."""
    for model_id, entry in states.items():
        state = entry.get("state", {})
        if state.get("_model_name") in SLIDER_MODELS and (label is None or label in state.get("description", "")):
            return model_id, state
    raise LoadError(f"no slider {'labelled ' + repr(label) if label else ''} on the page")


async def move_slider(kernel: Kernel, model_id: str, value: float, timeout: float) -> float:
    """Set the slider's value as the front end does; seconds until the kernel is idle after
    the change, having sent at least one other widget's new state (the output changed)."""
    start = time.perf_counter()
    msg_id = kernel.send(
        "comm_msg",
        {"comm_id": model_id, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}},
        metadata={"version": PROTOCOL},
    )
    answers = await kernel.until_idle(msg_id, start + timeout)
    seconds = time.perf_counter() - start
    changed = [
        m
        for m in answers
        if m["msg_type"] == "comm_msg"
        and m["content"]["comm_id"] != model_id
        and m["content"].get("data", {}).get("method") in ("update", "echo_update")
    ]
    if not changed:
        errors = [m["content"] for m in answers if m["msg_type"] == "error"]
        raise LoadError(f"moving the slider changed nothing on the page {errors[:1]}")
    return seconds


async def refuses_code(kernel: Kernel, timeout: float) -> bool:
    """True when the kernel's websocket does not run code sent to it (app mode's filter)."""
    msg_id = kernel.send(
        "execute_request",
        {"code": "1 + 1", "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False},
    )
    with contextlib.suppress(LoadError):
        await kernel.until_idle(msg_id, time.perf_counter() + timeout)
        return False
    return True


# ---- one step: N visitors -------------------------------------------------------------------


@dataclass
class StepResult:
    visitors: int
    open_seconds: list[float] = field(default_factory=list)
    move_seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    memory_mb: float = 0.0

    def passed(self, limit: float) -> bool:
        return not self.failures and bool(self.move_seconds) and max(self.move_seconds) < limit


OpenVisitor = Callable[[], Awaitable[Visitor]]


async def run_step(
    n: int, open_visitor: OpenVisitor, label: str | None, moves: int, timeout: float, server: psutil.Process | None
) -> StepResult:
    result = StepResult(n)
    opened = await asyncio.gather(*(open_visitor() for _ in range(n)), return_exceptions=True)
    visitors = [v for v in opened if isinstance(v, Visitor)]
    result.failures += [str(e) for e in opened if not isinstance(e, Visitor)]
    result.open_seconds = [v.open_seconds for v in visitors]

    async def prepare(v: Visitor):
        kernel = await Kernel.connect(v, timeout)
        model_id, state = find_slider(await kernel.widget_states(timeout), label)
        return kernel, model_id, state

    prepared = await asyncio.gather(*(prepare(v) for v in visitors), return_exceptions=True)
    ready = [p for p in prepared if isinstance(p, tuple)]
    result.failures += [str(e) for e in prepared if not isinstance(e, tuple)]
    if server is not None:
        result.memory_mb = sum(p.memory_info().rss for p in [server, *server.children(recursive=True)]) / 2**20
    for i in range(moves):

        async def one(kernel, model_id, state, i=i):
            lo, hi = float(state["min"]), float(state["max"])
            value = lo + (hi - lo) * (0.3 if i % 2 == 0 else 0.6)
            if state["_model_name"] == "IntSliderModel":
                value = round(value)
            return await move_slider(kernel, model_id, value, timeout)

        times = await asyncio.gather(*(one(*p) for p in ready), return_exceptions=True)
        result.move_seconds += [s for s in times if isinstance(s, float)]
        result.failures += [str(e) for e in times if not isinstance(e, float)]
    for kernel, _, _ in ready:
        await kernel.close()
    await asyncio.gather(*(v.close() for v in visitors))
    return result


# ---- a server of our own --------------------------------------------------------------------


@contextlib.contextmanager
def app_server(lang: str, timeout: int = 600):
    """`receivables app` on a free loopback port (`receivables.app.running`); yields (base URL,
    its process, to measure its memory)."""
    with app.running(lang, timeout=timeout) as (base, proc):
        yield base, psutil.Process(proc.pid)


# ---- room mode: a learner logs in to JupyterHub and runs the notebook in their own server ----

LOAD_ROOM = Path("/srv/receivables-room-load")


class _Browser:
    """The cookies one learner's browser keeps for the hub (tornado's client keeps none)."""

    def __init__(self) -> None:
        self.client = AsyncHTTPClient()
        self.cookies: dict[str, str] = {}

    async def fetch(self, url: str, timeout: float, **kwargs):
        headers = dict(kwargs.pop("headers", {}))
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            answer = await self.client.fetch(
                HTTPRequest(url, headers=headers, follow_redirects=False, request_timeout=timeout, **kwargs),
                raise_error=False,
            )
        except OSError as err:
            raise LoadError(f"{url}: {err}") from None
        for cookie in answer.headers.get_list("Set-Cookie"):
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        if answer.code >= 400:
            raise LoadError(f"{kwargs.get('method', 'GET')} {url}: HTTP {answer.code}")
        return answer


async def open_room_visitor(base: str, user: str, password: str, notebook: str, timeout: float) -> Visitor:
    """Log in as ``user`` (the hub's login form), start their server, open ``notebook`` in it
    and run its code cells as Run All does; the kernel's websocket is then the visitor's."""
    start = time.perf_counter()
    deadline = start + timeout
    browser = _Browser()
    await browser.fetch(f"{base}hub/login", timeout)
    form = urlencode({"username": user, "password": password, "_xsrf": browser.cookies.get("_xsrf", "")})
    await browser.fetch(f"{base}hub/login?next=", timeout, method="POST", body=form)
    if "jupyterhub-session-id" not in browser.cookies and not any(
        k.startswith("jupyterhub-hub-login") for k in browser.cookies
    ):
        raise LoadError(f"{user}: login refused")
    # An API token for this learner, for the API calls a browser's lab would make with its
    # cookies: asked with the learner's password (the hub's token API accepts it in the body).
    answer = await _Browser().fetch(
        f"{base}hub/api/users/{user}/tokens",
        timeout,
        method="POST",
        body=json.dumps({"auth": {"username": user, "password": password}, "note": "room_load", "expires_in": 3600}),
    )
    auth = {"Authorization": f"token {json.loads(answer.body)['token']}"}
    api = _Browser()
    await api.fetch(f"{base}hub/api/users/{user}/server", timeout, method="POST", headers=auth, body=b"")
    while True:
        info = json.loads((await api.fetch(f"{base}hub/api/users/{user}", timeout, headers=auth)).body)
        if info.get("servers", {}).get("", {}).get("ready"):
            break
        if time.perf_counter() > deadline:
            raise LoadError(f"{user}: the server did not start in time")
        await asyncio.sleep(0.5)
    server = f"{base}user/{user}/"
    body = json.dumps(
        {"path": notebook, "name": Path(notebook).name, "type": "notebook", "kernel": {"name": "python3"}}
    )
    kernel_id = json.loads(
        (await api.fetch(f"{server}api/sessions", timeout, method="POST", headers=auth, body=body)).body
    )["kernel"]["id"]
    ws = server.replace("http", "ws", 1) + f"api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"

    async def close() -> None:  # the learner leaves: their server stops
        with contextlib.suppress(LoadError):
            await api.fetch(f"{base}hub/api/users/{user}/server", timeout, method="DELETE", headers=auth)

    visitor = Visitor(ws, auth, 0.0, close)
    cells = json.loads((await api.fetch(f"{server}api/contents/{notebook}", timeout, headers=auth)).body)["content"][
        "cells"
    ]
    kernel = await Kernel.connect(visitor, timeout)
    try:
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            msg_id = kernel.send(
                "execute_request",
                {
                    "code": cell["source"],
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                },
            )
            errors = [m for m in await kernel.until_idle(msg_id, deadline) if m["msg_type"] == "error"]
            if errors:
                raise LoadError(f"{user}: a cell failed: {errors[0]['content'].get('ename')}")
    finally:
        await kernel.close()
    visitor.open_seconds = time.perf_counter() - start
    return visitor


@contextlib.contextmanager
def room_hub(lang: str, learners: int, folder: Path = LOAD_ROOM):
    """`receivables room start` with ``learners`` load-test accounts on a free loopback port;
    yields (base URL, the hub's process, passwords); removes the room's accounts afterwards."""
    import csv
    import os
    import tempfile

    if os.geteuid() != 0:
        raise SystemExit("room mode creates an account per learner: run the load test as root")
    receivables = str(Path(sys.executable).parent / "receivables")
    work = Path(tempfile.mkdtemp(prefix="room-load-"))
    roster = work / "roster.csv"
    roster.write_text(
        "username,name,role\n"
        + "".join(f"load{i:02d},load {i},learner\n" for i in range(1, learners + 1))
        + "loadtrainer,trainer,trainer\n",
        encoding="utf-8",
    )
    port = free_port()
    with open(work / "hub.log", "w") as log:
        proc = subprocess.Popen(
            [
                receivables,
                "room",
                "start",
                "--roster",
                str(roster),
                "--dir",
                str(folder),
                "--ip",
                "127.0.0.1",
                "--port",
                str(port),
                "--edition",
                lang,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        import urllib.request

        deadline = time.time() + 900  # the first run builds the room's Python
        while True:
            try:
                with urllib.request.urlopen(f"{base}hub/login", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit("room mode did not start: see " + str(work / "hub.log"))
            time.sleep(0.5)
        with open(folder / "hub" / "passwords.csv", encoding="utf-8-sig") as f:
            passwords = {r["username"]: r["password"] for r in csv.DictReader(f) if r["role"] == "learner"}
        yield base, psutil.Process(proc.pid), passwords
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            proc.kill()
        subprocess.run([receivables, "room", "remove", "--dir", str(folder)], stdout=subprocess.DEVNULL, check=False)


async def servers_gone(hub: psutil.Process | None, timeout: float) -> None:
    """Wait until the hub has no learner's server left running."""
    deadline = time.perf_counter() + timeout

    def servers():
        found = []
        for child in hub.children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                if any("jupyterhub-singleuser" in part for part in child.cmdline()):
                    found.append(child)
        return found

    while hub is not None and servers() and time.perf_counter() < deadline:
        await asyncio.sleep(0.5)


# ---- the run -------------------------------------------------------------------------------


def _fmt(values: list[float], pick) -> str:
    return f"{pick(values):.2f}" if values else "-"


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def table_row(r: StepResult, limit: float) -> str:
    return (
        f"{r.visitors:>4} | {_fmt(r.open_seconds, statistics.median):>9} | {_fmt(r.open_seconds, max):>8} | "
        f"{_fmt(r.move_seconds, statistics.median):>9} | {_fmt(r.move_seconds, _p95):>8} | "
        f"{_fmt(r.move_seconds, max):>8} | {len(r.failures):>6} | {r.memory_mb:>9.0f} | "
        f"{'yes' if r.passed(limit) else 'NO'}"
    )


HEADER = (
    "   N | open med s | open max | move med s | move p95 | move max | failed | server MB | pass\n"
    "-----|-----------|----------|-----------|----------|----------|--------|-----------|-----"
)


async def kernels_gone(server: psutil.Process | None, timeout: float) -> None:
    """Wait until the server's kernels (its child processes) have exited."""
    deadline = time.perf_counter() + timeout
    while server is not None and server.children() and time.perf_counter() < deadline:
        await asyncio.sleep(0.5)


async def main_async(args) -> list[StepResult]:
    AsyncHTTPClient.configure(None, max_clients=MAX_VISITORS * 2)
    steps = [int(s) for s in args.steps.split(",")]
    if max(steps) > MAX_VISITORS or min(steps) < 1:
        raise SystemExit(f"steps must be between 1 and {MAX_VISITORS}")
    with contextlib.ExitStack() as stack:
        if args.mode == "room":
            base, server, passwords = stack.enter_context(room_hub(args.lang, max(steps)))
            check_loopback(base)
            notebook = f"course/{'zh/' if args.lang == 'zh' else ''}{args.notebook}"
            learners: list[str] = []

            async def open_visitor() -> Visitor:
                user = learners.pop(0)
                return await open_room_visitor(base, user, passwords[user], notebook, args.timeout)

            async def settle() -> None:
                await servers_gone(server, args.timeout)

            print(f"room mode at {base}: {notebook} in each learner's own server", flush=True)
        else:
            if args.url:
                check_loopback(args.url)
                base, server = args.url.rstrip("/") + "/", None
            else:
                base, server = stack.enter_context(app_server(args.lang))
            check_loopback(base)

            async def open_visitor() -> Visitor:
                return await open_app_visitor(base, args.notebook, args.timeout)

            async def settle() -> None:
                await kernels_gone(server, args.timeout)

            # App mode's websocket must refuse code: checked once, with one visitor.
            probe = await open_visitor()
            kernel = await Kernel.connect(probe, args.timeout)
            code_refused = await refuses_code(kernel, 3)
            await kernel.close()
            await probe.close()
            await settle()
            print(
                f"app mode at {base}: {args.notebook}; code sent over the websocket "
                f"{'is refused' if code_refused else 'RUNS (not app mode?)'}",
                flush=True,
            )
        print(HEADER, flush=True)
        results = []
        started = time.perf_counter()
        for n in steps:
            left = args.max_seconds - (time.perf_counter() - started)
            if left <= 0:
                print(f"stopped: the run reached --max-seconds {args.max_seconds}")
                break
            if args.mode == "room":
                learners[:] = sorted(passwords)[:n]  # the step's learners, each logging in once
            try:
                r = await asyncio.wait_for(
                    run_step(n, open_visitor, args.slider, args.moves, args.timeout, server), left
                )
            except TimeoutError:
                print(f"{n:>4} | stopped: the run reached --max-seconds {args.max_seconds}")
                break
            results.append(r)
            print(table_row(r, args.limit), flush=True)
            for f in sorted(set(r.failures))[:3]:
                print(f"       failure: {f}")
            if not r.passed(args.limit):
                break
            await settle()  # the next step starts from an empty server (room: no learner's server running)
            await asyncio.sleep(args.pause)
        held = [r.visitors for r in results if r.passed(args.limit)]
        print(
            f"\nheld: {max(held) if held else 0} concurrent visitors with every update under {args.limit:g} s "
            f"and no failed request ({psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB)"
        )
        return results


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--mode",
        default="app",
        choices=["app", "room"],
        help="app: Voilà (make app); room: JupyterHub (make room), run as root",
    )
    ap.add_argument("--url", help="a running app mode on this machine (default: start one)")
    ap.add_argument("--lang", default="zh", choices=["zh", "en"])
    ap.add_argument("--notebook", default=DEFAULT_NOTEBOOK)
    ap.add_argument("--slider", default=None, help="part of the slider's label (default: the first slider)")
    ap.add_argument("--steps", default=",".join(map(str, DEFAULT_STEPS)))
    ap.add_argument("--moves", type=int, default=3, help="slider moves per visitor")
    ap.add_argument("--limit", type=float, default=1.0, help="seconds a move may take")
    ap.add_argument("--timeout", type=float, default=300, help="seconds any one request may take")
    ap.add_argument("--max-seconds", type=float, default=1200, help="the whole run at most")
    ap.add_argument("--pause", type=float, default=3, help="seconds between steps")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    results = asyncio.run(main_async(args))
    return 0 if results and results[0].passed(args.limit) else 1


if __name__ == "__main__":
    sys.exit(main())
