"""The room's roster: who gets an account. A CSV a trainer writes in a spreadsheet.

Columns (English or Chinese headers): `username` (用户名, the login: lowercase letters,
digits, `-` or `_`, starting with a letter, as Unix accounts need), `name` (姓名, shown on
the password sheet, any script), `role` (角色: learner/学员, or trainer/讲师; learner when
empty). Exactly one trainer. Encodings: UTF-8 (with or without BOM) or GB18030, as Excel
on a Chinese Windows saves "CSV".
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

USERNAME = re.compile(r"^[a-z][a-z0-9_-]{0,30}$")
HEADERS = {
    "username": "username",
    "user": "username",
    "login": "username",
    "用户名": "username",
    "账号": "username",
    "name": "name",
    "姓名": "name",
    "名字": "name",
    "role": "role",
    "角色": "role",
}
ROLES = {
    "": "learner",
    "learner": "learner",
    "学员": "learner",
    "trainer": "trainer",
    "讲师": "trainer",
    "培训师": "trainer",
}
#: Accounts a room must never create or remove, whatever a roster says.
RESERVED = {"root", "admin", "daemon", "bin", "sys", "nobody", "jupyterhub", "www-data", "postgres"}


class RosterError(ValueError):
    """A roster the room cannot use; the message names the row and the fix."""


@dataclass(frozen=True)
class Person:
    username: str
    name: str
    role: str  # "learner" or "trainer"


@dataclass(frozen=True)
class Roster:
    learners: tuple[Person, ...]
    trainer: Person

    @property
    def everyone(self) -> tuple[Person, ...]:
        return (*self.learners, self.trainer)


def _text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterError(f"{path}: neither UTF-8 nor GB18030; save it as 'CSV UTF-8'")


def read_roster(path: Path) -> Roster:
    rows = list(csv.reader(io.StringIO(_text(path))))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise RosterError(f"{path}: empty; write one row per learner under a header 'username,name,role'")
    header = [HEADERS.get(h.strip().lower()) for h in rows[0]]
    if "username" not in header:
        raise RosterError(f"{path}: no 'username' (用户名) column in the header {rows[0]}")
    people: list[Person] = []
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        values = {key: (row[i].strip() if i < len(row) else "") for i, key in enumerate(header) if key}
        username, role = values.get("username", ""), values.get("role", "").lower()
        if not USERNAME.match(username):
            raise RosterError(
                f"{path} row {number}: username '{username}' must be lowercase letters, digits, "
                "'-' or '_', starting with a letter (e.g. pinyin: lina); put the Chinese name in 'name'"
            )
        if username in RESERVED:
            raise RosterError(f"{path} row {number}: '{username}' is a system account's name; choose another")
        if username in seen:
            raise RosterError(f"{path} row {number}: '{username}' appears twice")
        if role not in ROLES:
            raise RosterError(f"{path} row {number}: role '{role}' is neither learner (学员) nor trainer (讲师)")
        seen.add(username)
        people.append(Person(username, values.get("name", "") or username, ROLES[role]))
    trainers = [p for p in people if p.role == "trainer"]
    if len(trainers) != 1:
        raise RosterError(f"{path}: {len(trainers)} trainers; mark exactly one row with role 'trainer' (讲师)")
    learners = tuple(p for p in people if p.role == "learner")
    if not learners:
        raise RosterError(f"{path}: no learners")
    return Roster(learners, trainers[0])
