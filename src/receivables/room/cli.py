"""`receivables room ...`: a workshop room on JupyterHub (what `make room` runs)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from receivables import address
from receivables.room import prepare as room
from receivables.room.roster import RosterError, read_roster

app = typer.Typer(help="Workshop room: JupyterHub with each learner's own workbook.", no_args_is_help=True)


@app.command()
def start(
    roster: Annotated[Path, typer.Option(help="CSV of the room: username,name,role (one trainer)")],
    edition: Annotated[str, typer.Option(help="zh (中文) or en")] = "zh",
    ip: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: the room's network)")] = "0.0.0.0",
    port: Annotated[int, typer.Option()] = 8000,
    folder: Annotated[Path, typer.Option("--dir", help="The room's folder")] = room.DEFAULT_ROOM,
    memory_mb: Annotated[int, typer.Option(help="Memory limit per learner (server and kernels)")] = 2048,
    processes: Annotated[int, typer.Option(help="Process limit per learner")] = 256,
    idle_minutes: Annotated[int, typer.Option(help="Stop kernels and servers idle this long")] = 60,
    prepare_only: Annotated[bool, typer.Option(help="Set the room up, do not start the hub")] = False,
) -> None:
    """Create the accounts and workbooks, then start JupyterHub (Ctrl-C stops it; the
    accounts stay until `receivables room remove`)."""
    from receivables.paths import kit_root

    if edition not in ("zh", "en"):
        raise typer.BadParameter("edition is zh or en")
    try:
        people = read_roster(roster)
        settings = room.prepare(
            kit_root(),
            folder,
            people,
            edition=edition,
            ip=ip,
            port=port,
            memory_mb=memory_mb,
            processes=processes,
            idle_minutes=idle_minutes,
            log=typer.echo,
        )
    except (RosterError, room.RoomError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
    from receivables import cgroups as limits

    on, how = limits.available()
    typer.echo(f"memory limit per learner: {memory_mb} MB" + (f" ({how})" if on else f" NOT enforced: {how}"))
    typer.echo(f"passwords: {folder / 'hub' / 'passwords.csv'} (print it; readable by root only)")
    urls = address.urls(ip, port)
    typer.echo("Learners open:" if urls else "Listening on loopback only (this machine).")
    for url in urls:
        typer.echo(f"  {url}")
    if urls:
        typer.echo(address.qr_text(urls[0]))
    if prepare_only:
        return
    env = dict(os.environ, RECEIVABLES_ROOM_SETTINGS=str(folder / "hub" / "room.json"))
    config = folder / "kit" / "src" / "receivables" / "room" / "jupyterhub_config.py"
    hub = str(settings.venv / "bin" / "jupyterhub")
    os.chdir(folder / "hub")
    os.execve(hub, [hub, "-f", str(config)], env)


@app.command()
def remove(
    folder: Annotated[Path, typer.Option("--dir", help="The room's folder")] = room.DEFAULT_ROOM,
    everything: Annotated[bool, typer.Option("--all", help="Also remove the room's Python and proxy")] = False,
) -> None:
    """Remove the room's accounts (and their homes), hub state, exchange and limits."""
    try:
        room.remove(folder, keep_environment=not everything, log=typer.echo)
    except room.RoomError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
