"""Prepare a workshop room on this machine (run as root): what `make room` does before it
starts JupyterHub.

Layout of the room folder (default /srv/receivables-room, readable by the learners):
- `kit/`: the learner-safe part of the kit (package, notebooks, case data; never `solutions/`
  or `locales/`), root-owned and read-only for everyone else;
- `venv/`: the room's Python, built from the system's python3 (the trainer's checkout and
  its .venv may sit in a home other users cannot enter), with JupyterHub, the kit and its
  pinned dependencies; `node/`: configurable-http-proxy from npm;
- `config/learner/`, `config/trainer/`: the Jupyter configuration each role's server reads
  (learners: no formgrader, no course list, no create/validate assignment);
- `exchange/`: nbgrader's exchange, where the trainer releases and learners submit;
- `hub/` (root only): JupyterHub's database and cookie secret, the room's settings and the
  printed passwords.
Each learner is a Unix account of the group `receivables-room` with a private home holding
their own workbook (`~/workbook`: course and cases in the room's edition). The trainer's home
holds the nbgrader course (`~/course`: the edition's exercises with their model answers).
"""

from __future__ import annotations

import contextlib
import csv
import grp
import hashlib
import json
import os
import pwd
import secrets
import shutil
import signal
import stat
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from receivables.course.workbook import learner_jupyter_config, make_workbook
from receivables.i18n.editions import twin
from receivables.processes import free_port
from receivables.room.roster import Person, Roster

DEFAULT_ROOM = Path("/srv/receivables-room")
GROUP = "receivables-room"
COURSE_ID = "receivables"
PROXY_VERSION = "5.3.0"
#: What learners' servers may read of the kit. Never solutions/ or locales/ (hidden tests).
KIT_PARTS = ("pyproject.toml", "constraints.txt", "README.md", "src", "course", "cases", "exercises", "datasets")
#: The kit's folders a learner's kernel must not read in the trainer's checkout.
PRIVATE_PARTS = ("solutions", "locales", ".nbgrader", ".work")
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a sheet


class RoomError(RuntimeError):
    """Something the room cannot do on this machine; the message says what to do."""


@dataclass
class RoomSettings:
    """What the hub's configuration reads (hub/room.json)."""

    room: str
    edition: str
    ip: str
    port: int
    learners: list[str]
    trainer: str
    memory_mb: int
    processes: int
    idle_minutes: int
    start: str  # the notebook a learner's server opens, relative to ~/workbook
    hub_port: int = 0  # the hub's and the proxy's own loopback ports, free ones chosen at start,
    proxy_api_port: int = 0  # so that two rooms (or a test beside a room) never collide

    @property
    def venv(self) -> Path:
        return Path(self.room) / "venv"


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, check=True, text=True, capture_output=True, **kwargs)
    except FileNotFoundError:
        raise RoomError(f"'{command[0]}' is not installed: run `make setup` as root") from None
    except subprocess.CalledProcessError as err:
        raise RoomError(f"{' '.join(command[:3])} failed:\n{err.stderr or err.stdout}") from None


def require_root() -> None:
    if os.geteuid() != 0:
        raise RoomError("room mode creates an account per learner: run it as root (sudo make room ...)")


def readable_by_others(path: Path) -> bool:
    """Whether a user other than the owner can read `path` (every parent traversable)."""
    path = path.resolve()
    for parent in reversed(path.parents):
        if not parent.stat().st_mode & stat.S_IXOTH:
            return False
    return bool(path.stat().st_mode & stat.S_IROTH)


def lock_private_parts(kit: Path) -> list[Path]:
    """Make the checkout's solutions, catalogues and grading folders unreadable by other
    accounts (git records no read permissions, so the checkout stays clean)."""
    locked = []
    for part in PRIVATE_PARTS:
        path = kit / part
        if path.exists() and readable_by_others(path):
            path.chmod(path.stat().st_mode & ~0o007)
            locked.append(path)
    return locked


def copy_kit(kit: Path, room: Path) -> Path:
    dest = room / "kit"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns(".*", "__pycache__", "*.egg-info", "generated")
    for part in KIT_PARTS:
        source = kit / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, dest / part)
    # As in the learner bundle: no facilitator note or role-play card where learners can read it.
    from receivables.grading import bundle

    for trainer_only in bundle.TRAINER_ONLY:
        shutil.rmtree(dest / trainer_only, ignore_errors=True)
    if (dest / bundle.CATALOGUE).is_file():
        (dest / bundle.CATALOGUE).write_text(bundle.learner_catalogue(kit / bundle.CATALOGUE), encoding="utf-8")
    for path in [dest, *dest.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return dest


def _venv_stamp(kit: Path) -> str:
    """What the room's Python is built from: the kit's dependencies and their pins (not the
    rest of pyproject.toml, whose tool settings change more often)."""
    import json
    import tomllib

    project = tomllib.loads((kit / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {k: project.get(k) for k in ("requires-python", "dependencies", "optional-dependencies")}
    digest = hashlib.sha256(json.dumps(wanted, sort_keys=True).encode())
    digest.update((kit / "constraints.txt").read_bytes())
    return digest.hexdigest()


def system_python() -> str:
    """The system's python3: readable by every account, unlike a pyenv build in root's home."""
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if Path(candidate).is_file() and readable_by_others(Path(candidate)):
            return candidate
    raise RoomError("no system python3 readable by other accounts: install Debian's python3 and python3-venv")


def build_venv(room: Path, overrides: Path | None = None) -> Path:
    """The room's Python environment; rebuilt only when the kit's pins change. The kit is
    installed in editable mode from `room/kit`, so a fresh copy of the kit needs no reinstall."""
    venv, kit = room / "venv", room / "kit"
    stamp = venv / ".installed"
    if not (stamp.is_file() and stamp.read_text() == _venv_stamp(kit)):
        if venv.exists():
            shutil.rmtree(venv)
        run([system_python(), "-m", "venv", str(venv)])
        pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "install", "--quiet"]
        run([*pip, "--upgrade", "pip>=24"])
        run([*pip, "-c", str(kit / "constraints.txt"), "-e", f"{kit}[room]"])
        stamp.write_text(_venv_stamp(kit))
    if overrides is not None:
        settings = venv / "share" / "jupyter" / "lab" / "settings"
        settings.mkdir(parents=True, exist_ok=True)
        shutil.copy(overrides, settings / "overrides.json")
    return venv


def install_proxy(room: Path) -> Path:
    """configurable-http-proxy, JupyterHub's proxy, from npm into the room folder."""
    command = room / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if not command.exists():
        if shutil.which("npm") is None:
            raise RoomError("npm is missing: run `make setup` as root (it installs Debian's nodejs and npm)")
        run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(room / "node"),
                f"configurable-http-proxy@{PROXY_VERSION}",
            ]
        )
    return command


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _group_members() -> list[str] | None:
    """The accounts of the room's group, None when the group does not exist."""
    try:
        return list(grp.getgrnam(GROUP).gr_mem)
    except KeyError:
        return None


def _ours(name: str) -> bool:
    """An account the room created (it exists and is in the room's group)."""
    return _user_exists(name) and name in (_group_members() or [])


def _password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(10))


def create_accounts(roster: Roster, hub: Path) -> dict[str, str]:
    """A Unix account per person (group receivables-room), with a printed password. An
    existing account is reused only if the room created it; passwords survive a restart."""
    run(["groupadd", "-f", GROUP])
    sheet = hub / "passwords.csv"
    passwords: dict[str, str] = {}
    if sheet.is_file():
        with open(sheet, encoding="utf-8-sig") as f:
            passwords = {row["username"]: row["password"] for row in csv.DictReader(f)}
    for person in roster.everyone:
        if _user_exists(person.username):
            if not _ours(person.username):
                raise RoomError(
                    f"an account '{person.username}' exists and was not created by the room: "
                    "choose another username in the roster"
                )
        else:
            run(["useradd", "--create-home", "--shell", "/usr/sbin/nologin", "--groups", GROUP, person.username])
        home = Path(pwd.getpwnam(person.username).pw_dir)
        home.chmod(0o700)
        passwords.setdefault(person.username, _password())
        run(["chpasswd"], input=f"{person.username}:{passwords[person.username]}\n")
    with open(sheet, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["username", "name", "role", "password"])
        for person in roster.everyone:
            writer.writerow([person.username, person.name, person.role, passwords[person.username]])
    sheet.chmod(0o600)
    return passwords


def _chown_tree(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    for p in [path, *path.rglob("*")]:
        os.chown(p, entry.pw_uid, entry.pw_gid, follow_symlinks=False)


def _lab_language(home: Path, edition: str) -> Path:
    settings = home / ".jupyter" / "lab" / "user-settings"
    plugin = settings / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    plugin.parent.mkdir(parents=True, exist_ok=True)
    plugin.write_text(json.dumps({"locale": "zh_CN" if edition == "zh" else "en"}) + "\n", encoding="utf-8")
    return home / ".jupyter"


def learner_home(person: Person, room: Path, edition: str) -> Path:
    """The learner's own workbook (refreshed, their changes kept) and JupyterLab language."""
    home = Path(pwd.getpwnam(person.username).pw_dir)
    make_workbook(room / "kit", home / "workbook", ("course", "cases"))
    _lab_language(home, edition)
    _chown_tree(home / "workbook", person.username)
    _chown_tree(home / ".jupyter", person.username)
    return home


def edition_assignments(kit: Path, edition: str) -> list[str]:
    names = sorted(p.name for p in (kit / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))
    return [n for n in names if n.endswith("-zh") == (edition == "zh")]


def trainer_course(person: Person, kit: Path, room: Path, edition: str) -> Path:
    """The trainer's nbgrader course: the kit's grading configuration (same preprocessors,
    redaction and limits as `receivables grade`), the edition's exercises with their model
    answers, and the room's exchange."""
    home = Path(pwd.getpwnam(person.username).pw_dir)
    course = home / "course"
    course.mkdir(exist_ok=True)
    config = (kit / "nbgrader_config.py").read_text(encoding="utf-8")
    config += (
        "\n# Room mode: releases and submissions go through the room's exchange.\n"
        f"c.Exchange.root = {str(room / 'exchange')!r}\n"
    )
    (course / "nbgrader_config.py").write_text(config, encoding="utf-8")
    for name in edition_assignments(kit, edition):
        for folder in ("solutions", "exercises"):
            source, dest = kit / folder / name, course / folder / name
            if source.is_dir() and not dest.exists():
                shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    _lab_language(home, edition)
    _chown_tree(course, person.username)
    _chown_tree(home / ".jupyter", person.username)
    return course


def write_configs(room: Path) -> None:
    """The Jupyter configuration folders of each role (root-owned: a learner cannot edit them)."""
    nbgrader = (
        f"c = get_config()  # noqa: F821\nc.Exchange.root = {str(room / 'exchange')!r}\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
    )
    for role in ("learner", "trainer"):
        folder = room / "config" / role
        (folder / "labconfig").mkdir(parents=True, exist_ok=True)
        (folder / "nbgrader_config.py").write_text(nbgrader, encoding="utf-8")
        # jupyter_core writes this marker into the config folder on first start; the folder
        # is read-only for the servers, so it is written here.
        (folder / "migrated").write_text("", encoding="utf-8")
        if role == "learner":
            learner_jupyter_config(folder, exchange=True)
    exchange = room / "exchange"
    exchange.mkdir(exist_ok=True)
    exchange.chmod(0o1777)  # nbgrader's exchange: everyone writes, nobody deletes another's


def stop_leftovers(hub: Path) -> None:
    """The hub and its proxy, if a hub that was killed left them running."""
    for name in ("jupyterhub.pid", "proxy.pid"):
        pid_file = hub / name
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)


def start_page(edition: str) -> str:
    start = Path("course") / "00.00-Start-Here.ipynb"
    return twin(start).as_posix() if edition == "zh" else start.as_posix()


def prepare(
    kit: Path,
    room: Path,
    roster: Roster,
    *,
    edition: str,
    ip: str,
    port: int,
    memory_mb: int,
    processes: int,
    idle_minutes: int,
    log=print,
) -> RoomSettings:
    """Everything but starting the hub. Safe to repeat: accounts, passwords and learners'
    workbooks are kept, the kit's copy and the configuration are refreshed."""
    require_root()
    old_umask = os.umask(0o022)
    try:
        room.mkdir(parents=True, exist_ok=True)
        room.chmod(0o755)
        hub = room / "hub"
        hub.mkdir(exist_ok=True)
        hub.chmod(0o700)
        for path in lock_private_parts(kit):
            log(f"made {path} unreadable by other accounts (learners' kernels run as other accounts)")
        log("copying the learner-safe part of the kit …")
        copy_kit(kit, room)
        log("building the room's Python environment (first time: a few minutes) …")
        build_venv(room, kit / "scripts" / "lab-overrides.json")
        install_proxy(room)
        write_configs(room)
        create_accounts(roster, hub)
        for person in roster.learners:
            learner_home(person, room, edition)
        trainer_course(roster.trainer, kit, room, edition)
    finally:
        os.umask(old_umask)
    settings = RoomSettings(
        room=str(room),
        edition=edition,
        ip=ip,
        port=port,
        learners=[p.username for p in roster.learners],
        trainer=roster.trainer.username,
        memory_mb=memory_mb,
        processes=processes,
        idle_minutes=idle_minutes,
        start=start_page(edition),
        hub_port=free_port(),
        proxy_api_port=free_port(),
    )
    (hub / "room.json").write_text(json.dumps(asdict(settings), indent=1, ensure_ascii=False), encoding="utf-8")
    return settings


def remove(room: Path, *, keep_environment: bool = True, log=print) -> list[str]:
    """Remove what this room created: the accounts on its roster (only those the room made)
    and their homes, their cgroups, the hub state and exchange; the Python environment and
    proxy too unless kept for the next workshop. Another room's accounts are left alone."""
    require_root()
    from receivables import cgroups as limits

    settings_file = room / "hub" / "room.json"
    stop_leftovers(room / "hub")
    names: list[str] = []
    if settings_file.is_file():
        settings = json.loads(settings_file.read_text(encoding="utf-8"))
        names = [*settings["learners"], settings["trainer"]]
    removed = [name for name in names if _ours(name)]
    for name in removed:
        subprocess.run(["pkill", "-KILL", "-u", name], check=False)
    for name in removed:
        run(["userdel", "--remove", name])
        log(f"removed account {name} and its home")
    limits.remove_users(names)
    if _group_members() == []:  # the group exists and no room's account is left in it
        subprocess.run(["groupdel", GROUP], check=False)
    for part in ("hub", "exchange", "config", "kit") + (() if keep_environment else ("venv", "node")):
        if (room / part).exists():
            shutil.rmtree(room / part)
    if not keep_environment and room.exists() and not any(room.iterdir()):
        room.rmdir()
    return removed
