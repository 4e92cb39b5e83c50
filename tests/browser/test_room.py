"""Issue 12, room mode: `receivables room start` (what `make room` runs) on loopback with three
learners and a trainer, driven in Chromium as the room would use it.

- each learner logs in through JupyterHub's login page, lands on the Chinese Start Here in
  their own server, types their name into the ✏️ cell and saves: nobody sees another's change;
- a learner's requests for solutions/, another learner's server, the formgrader or a terminal
  are refused, and their Unix account cannot read another learner's or the trainer's files;
- the trainer's tools (formgrader, create/validate assignment) are not in a learner's lab;
- the trainer releases an exercise through the formgrader, two learners fetch and submit it,
  the trainer collects and autogrades: the learner who answered gets full marks, the other not;
- `receivables room remove` leaves no account, home or process behind.

Needs root (it creates Unix accounts); the room's Python is built once in /srv and reused.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

import psutil
import pytest

from receivables.processes import free_port

from .labpage import save_notebook, type_my_name

KIT = Path(__file__).resolve().parents[2]
ROOM = Path("/srv/receivables-room-test")
LEARNERS = {"rwtest1": "李娜", "rwtest2": "王伟", "rwtest3": "陈静"}
TRAINER = "rwtrainer"
START = "course/zh/00.00-Start-Here.ipynb"
EXERCISE = "01-overdue-and-profit-zh"
RECEIVABLES = str(Path(sys.executable).parent / "receivables")

pytestmark = [pytest.mark.browser, pytest.mark.room]


class Room(NamedTuple):
    base: str
    passwords: dict[str, str]
    log: Path


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status == 200
    except OSError:
        return False


def _processes_of(users) -> list[psutil.Process]:
    return [p for p in psutil.process_iter(["username"]) if p.info["username"] in users]


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    if os.geteuid() != 0:
        pytest.skip("room mode creates a Unix account per learner: run the suite as root")
    work = tmp_path_factory.mktemp("room")
    if (ROOM / "hub" / "room.json").is_file():  # left by an interrupted run
        subprocess.run([RECEIVABLES, "room", "remove", "--dir", str(ROOM)], check=False)
    roster = work / "roster.csv"
    roster.write_text(
        "用户名,姓名,角色\n" + "".join(f"{u},{n},学员\n" for u, n in LEARNERS.items()) + f"{TRAINER},张老师,讲师\n",
        encoding="utf-8",
    )
    port = free_port()
    log = work / "hub.log"
    with open(log, "w") as out:
        hub = subprocess.Popen(
            [
                RECEIVABLES,
                "room",
                "start",
                "--roster",
                str(roster),
                "--dir",
                str(ROOM),
                "--ip",
                "127.0.0.1",
                "--port",
                str(port),
                "--edition",
                "zh",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 900  # the first run builds the room's Python
    while not _answers(f"{base}/hub/login"):
        if hub.poll() is not None or time.time() > deadline:
            hub.kill()
            pytest.fail("the room did not start:\n" + log.read_text(errors="replace")[-5000:])
        time.sleep(1)
    with open(ROOM / "hub" / "passwords.csv", encoding="utf-8-sig") as f:
        passwords = {row["username"]: row["password"] for row in csv.DictReader(f)}
    try:
        yield Room(base, passwords, log)
    finally:
        hub.send_signal(signal.SIGTERM)  # the hub stops every learner's server on its way out
        try:
            hub.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(hub.pid, signal.SIGKILL)
        removed = subprocess.run([RECEIVABLES, "room", "remove", "--dir", str(ROOM)], capture_output=True, text=True)
        assert removed.returncode == 0, removed.stderr
        everyone = {*LEARNERS, TRAINER}
        for name in everyone:
            assert subprocess.run(["id", name], capture_output=True).returncode != 0, f"account {name} left"
            assert not Path("/home", name).exists()
        assert not _processes_of(everyone), "processes of the room's accounts outlived it"


def log_in(browser, room: Room, user: str):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{room.base}/hub/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", room.passwords[user])
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.wait_for_url(re.compile(rf"/user/{user}/"), timeout=240_000)
    return context, page


def api(page, room: Room, user: str, method: str, path: str, **kwargs):
    """A request from the learner's own browser session (their cookies, their XSRF token)."""
    xsrf = next(
        (c["value"] for c in page.context.cookies() if c["name"] == "_xsrf" and c["path"].startswith(f"/user/{user}")),
        "",
    )
    return page.request.fetch(
        f"{room.base}/user/{user}{path}", method=method, headers={"X-XSRFToken": xsrf}, timeout=300_000, **kwargs
    )


def saved_source(page, room: Room, user: str) -> str:
    body = api(page, room, user, "GET", f"/api/contents/{START}").json()
    return json.dumps(body["content"]["cells"], ensure_ascii=False)


def test_a_room_of_three_learners_and_a_trainer(browser, room):
    sessions = {}
    for user, name in LEARNERS.items():
        context, page = log_in(browser, room, user)
        sessions[user] = (context, page)
        page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=120_000)
        page.locator(".jp-MarkdownCell h1", has_text="从这里开始").first.wait_for(timeout=60_000)
        type_my_name(page, name, timeout=60_000)
        save_notebook(page)

    # Each learner's saved workbook holds their own name and nobody else's.
    for user, (_, page) in sessions.items():
        deadline = time.time() + 90
        while LEARNERS[user] not in saved_source(page, room, user) and time.time() < deadline:
            time.sleep(1)
        source = saved_source(page, room, user)
        assert LEARNERS[user] in source
        assert not [n for u, n in LEARNERS.items() if u != user and n in source]

    # What a learner is refused.
    first, second = list(LEARNERS)[:2]
    page = sessions[first][1]
    assert api(page, room, first, "GET", "/api/contents/solutions").status == 404
    other = api(page, room, second, "GET", f"/api/contents/{START}")
    assert other.status in (403, 404) and LEARNERS[second] not in other.text()
    assert api(page, room, first, "GET", "/formgrader").status == 404
    assert api(page, room, first, "POST", "/api/terminals").status == 404
    disabled = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).disabledExtensions"
    )
    assert {
        "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:create-assignment",
        "@jupyter/nbgrader:validate-assignment",
        "@jupyter/nbgrader:course-list",
    } <= set(disabled)
    assert page.locator(".jp-Toolbar button", has_text="Validate").count() == 0
    python = str(ROOM / "venv" / "bin" / "python")
    for target in (
        f"/home/{second}/workbook/{START}",
        f"/home/{TRAINER}/course/nbgrader_config.py",
        str(KIT / "solutions" / EXERCISE / "overdue-and-profit.ipynb"),
    ):
        read = subprocess.run(
            ["runuser", "-u", first, "--", python, "-c", f"open({target!r}).read()"],
            capture_output=True,
            text=True,
            cwd="/",
        )
        assert read.returncode != 0 and "Permission denied" in read.stderr, f"{first} could read {target}"

    # The exercise goes round through nbgrader's exchange.
    _, trainer = log_in(browser, room, TRAINER)
    trainer.get_by_text("Manage Assignments").first.wait_for(timeout=120_000)
    for step in ("assign", "release"):
        done = api(trainer, room, TRAINER, "POST", f"/formgrader/api/assignment/{EXERCISE}/{step}").json()
        assert done["success"], done
    solution = json.loads((KIT / "solutions" / EXERCISE / "overdue-and-profit.ipynb").read_text(encoding="utf-8"))
    answers = {
        c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"])
        for c in solution["cells"]
        if c["metadata"].get("nbgrader", {}).get("solution")
    }
    for user in (first, second):
        page = sessions[user][1]
        form = {"course_id": "receivables", "assignment_id": EXERCISE}
        assert api(page, room, user, "POST", "/assignments/fetch", form=form).json()["success"]
        if user == first:  # the first learner answers every question; the second hands in the blanks
            path = f"/api/contents/{EXERCISE}/overdue-and-profit.ipynb"
            nb = api(page, room, user, "GET", path).json()["content"]
            for cell in nb["cells"]:
                grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
                if grade_id in answers:
                    cell["source"] = "\n".join(
                        line
                        for line in answers[grade_id].splitlines()
                        if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line
                    )
            saved = api(page, room, user, "PUT", path, data={"type": "notebook", "content": nb})
            assert saved.status == 200, saved.text()
        assert api(page, room, user, "POST", "/assignments/submit", form=form).json()["success"]
    assert api(trainer, room, TRAINER, "POST", f"/formgrader/api/assignment/{EXERCISE}/collect").json()["success"]
    for user in (first, second):
        graded = api(trainer, room, TRAINER, "POST", f"/formgrader/api/submission/{EXERCISE}/{user}/autograde").json()
        assert graded["success"], graded
    scores = {
        s["student"]: (s["score"], s["max_score"])
        for s in api(trainer, room, TRAINER, "GET", f"/formgrader/api/submissions/{EXERCISE}").json()
    }
    assert scores[first][0] == scores[first][1] > 0
    assert scores[second][0] < scores[second][1]
    trainer.goto(f"{room.base}/user/{TRAINER}/formgrader/manage_submissions/{EXERCISE}")
    trainer.get_by_text(first).first.wait_for(timeout=60_000)
    assert trainer.get_by_text(second).count() >= 1
