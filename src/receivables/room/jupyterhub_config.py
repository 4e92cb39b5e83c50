"""JupyterHub's configuration for a workshop room (`jupyterhub -f` this file).

It reads the room's settings (hub/room.json, written by `receivables room start`) from the
path in RECEIVABLES_ROOM_SETTINGS. What each part protects:
- PAM login against the Unix accounts the room created, only those on the roster;
- LocalProcessSpawner: each learner's own server runs as that learner's Unix account, in
  their private home (`~/workbook`), so learners cannot read each other's files, the
  trainer's course or the kit's solutions, and never run as root;
- learners' servers: no terminal, nbgrader's trainer tools off (config folder owned by root),
  idle kernels shut down; every learner in a cgroup with a memory and process limit;
- jupyterhub-idle-culler stops servers idle for the room's idle time.
"""

import json
import os
import pwd
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner

from receivables import cgroups as room_limits

c = get_config()  # noqa: F821  (JupyterHub injects get_config)

settings = json.loads(Path(os.environ["RECEIVABLES_ROOM_SETTINGS"]).read_text(encoding="utf-8"))
ROOM = Path(settings["room"])
VENV = ROOM / "venv"
HUB = ROOM / "hub"
LIMITS = room_limits.Limits(settings["memory_mb"], settings["processes"])
LIMITS_ON, LIMITS_HOW = room_limits.available()


class RoomSpawner(LocalProcessSpawner):
    """A learner's server in the learner's cgroup (joined as root, before dropping to the
    user), started in its notebook folder: nbgrader reads the course's nbgrader_config.py
    from the working directory, so the trainer's formgrader finds ~/course."""

    def make_preexec_fn(self, name):
        drop_to_user = super().make_preexec_fn(name)
        procs = []
        if LIMITS_ON:
            try:
                procs = room_limits.prepare(name, LIMITS)
            except OSError as err:
                self.log.warning("no memory limit for %s: %s", name, err)

        folder = self.notebook_dir.replace("~", pwd.getpwnam(name).pw_dir, 1)  # the user's ~, not the hub's

        def preexec():
            room_limits.join(procs)
            drop_to_user()
            if os.path.isdir(folder):
                os.chdir(folder)

        return preexec


def per_user(spawner):
    """Learners get their workbook, the room's edition and no trainer tools; the trainer the
    nbgrader course with the formgrader."""
    name = spawner.user.name
    home = pwd.getpwnam(name).pw_dir
    trainer = name == settings["trainer"]
    role = "trainer" if trainer else "learner"
    spawner.environment.update(
        {
            "JUPYTER_CONFIG_DIR": str(ROOM / "config" / role),
            "JUPYTERLAB_SETTINGS_DIR": f"{home}/.jupyter/lab/user-settings",
            "JUPYTERLAB_WORKSPACES_DIR": f"{home}/.jupyter/lab/workspaces",
            "IPYTHONDIR": f"{home}/.ipython",
            "PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "MPLCONFIGDIR": f"{home}/.cache/matplotlib",
        }
    )
    if trainer:
        spawner.notebook_dir = f"{home}/course"
        spawner.default_url = "/formgrader"
        spawner.args = []
    else:
        spawner.notebook_dir = f"{home}/workbook"
        spawner.default_url = f"/lab/tree/{settings['start']}"
        spawner.args = ["--ServerApp.terminals_enabled=False"]
    spawner.args += [
        f"--MappingKernelManager.cull_idle_timeout={settings['idle_minutes'] * 60}",
        "--MappingKernelManager.cull_interval=120",
    ]


c.JupyterHub.ip = settings["ip"]
c.JupyterHub.port = settings["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings["hub_port"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings['proxy_api_port']}"
c.JupyterHub.db_url = f"sqlite:///{HUB / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(HUB / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(HUB / "jupyterhub.pid")
c.ConfigurableHTTPProxy.command = [str(ROOM / "node" / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(HUB / "proxy.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.shutdown_on_logout = False

c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.Authenticator.allowed_users = set(settings["learners"]) | {settings["trainer"]}
c.Authenticator.admin_users = {settings["trainer"]}

c.JupyterHub.spawner_class = RoomSpawner
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.pre_spawn_hook = per_user
c.Spawner.mem_limit = f"{settings['memory_mb']}M"  # shown to the server; the cgroup enforces it
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 180

c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={settings['idle_minutes'] * 60}"],
    }
]
