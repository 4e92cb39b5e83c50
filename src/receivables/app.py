"""App mode: the course's widget notebooks served by Voilà, without code, in one edition's
language, for the projector and for learners who only use the widgets.

`receivables app --lang zh` (and `make app EDITION=zh`) builds a folder under
`.work/app/<lang>/` (ignored by git; the kit's tracked files are never written) and runs
Voilà on it:

- ``notebooks/``: the notebooks of ``course/`` whose code constructs one of the package's
  widgets (found by reading their code, see `constructs_widget`), in the edition's language
  (the Chinese twins for ``zh``), with their navigation cell rewritten to link the landing
  page and the other app notebooks only.
- ``jupyter/voila/templates/receivables/``: a Voilà template based on ``lab`` whose tree page
  is the landing page, a list of those notebooks by title in the edition's language (no
  file browser), and whose loading text speaks that language.
- ``ipython/``: the kernels' IPython folder; its startup file puts each kernel in a folder of
  its own under ``visitors/`` (files a widget saves, e.g. the script builder's, belong to
  one visitor and go when the kernel stops).

Voilà starts one kernel per page opened and executes the notebook in memory; sources are
stripped, tracebacks are not sent, kernels idle longer than ``timeout`` seconds are culled,
and a page's websocket passes only the widget messages (comms), so the page cannot ask its
kernel to run code.
"""

from __future__ import annotations

import ast
import atexit
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

import nbformat

from receivables import paths
from receivables.address import network_addresses
from receivables.course import notebooks as nbs
from receivables.i18n import check_lang, t
from receivables.i18n.editions import edition
from receivables.processes import free_port, stop

TEMPLATE = "receivables"
DEFAULT_PORT = 8866
#: Seconds a kernel may stay idle before it is shut down (a page left open for a coffee
#: break keeps its kernel: kernels with a page connected are not culled).
DEFAULT_TIMEOUT = 1200
#: Messages a page may send its kernel: widget traffic only (no execute_request).
ALLOWED_MESSAGES = ("comm_open", "comm_msg", "comm_close", "comm_info_request", "kernel_info_request")
NAV_TAG = "nav"


# ---- which notebooks ----------------------------------------------------------------------


def widget_classes() -> frozenset[str]:
    """The widget classes the package offers (`receivables.widgets.__all__`)."""
    import receivables.widgets as widgets

    return frozenset(widgets.__all__)


def constructs_widget(nb: nbformat.NotebookNode, classes: frozenset[str] | None = None) -> bool:
    """True when a code cell of ``nb`` calls one of the package's widget classes, imported
    by name (``from receivables.widgets import X``, ``... as Y``) or through the module
    (``import receivables.widgets as rw; rw.X(...)``). Importing a helper (``show``) or
    only naming a class is not enough."""
    classes = widget_classes() if classes is None else classes
    names: set[str] = set()
    modules: set[str] = set()
    calls: list[ast.Call] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # an IPython magic or a learner's half-typed cell
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("receivables.widgets"):
                names.update(a.asname or a.name for a in node.names if a.name in classes)
            elif isinstance(node, ast.Import):
                modules.update(a.asname or a.name for a in node.names if a.name == "receivables.widgets")
            elif isinstance(node, ast.Call):
                calls.append(node)
    for call in calls:
        func = call.func
        if isinstance(func, ast.Name) and func.id in names:
            return True
        if isinstance(func, ast.Attribute) and func.attr in classes and ast.unparse(func.value) in modules:
            return True
    return False


def widget_notebooks(kit: Path) -> list[Path]:
    """The English course notebooks (the source) whose code constructs a widget, in order."""
    classes = widget_classes()
    return [p for p in nbs.notebooks_in(kit / "course") if constructs_widget(nbs.read(p), classes)]


# ---- the folder Voilà serves --------------------------------------------------------------


@dataclass(frozen=True)
class AppFolder:
    lang: str
    root: Path  # .work/app/<lang>
    pages: tuple[tuple[str, str], ...]  # (file name, title in the edition's language)

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def jupyter_path(self) -> Path:
        return self.root / "jupyter"

    @property
    def ipython_dir(self) -> Path:
        return self.root / "ipython"

    @property
    def visitors(self) -> Path:
        return self.root / "visitors"


def _nav_cell(pages: list[tuple[str, str]], i: int, lang: str) -> str:
    """The navigation of the i-th app notebook: the landing page, previous and next."""
    parts = [f"[{t('app.contents', lang)}](../../)"]  # from voila/render/<file> to the landing page
    if i > 0:
        parts.insert(0, f"[← {pages[i - 1][1]}]({pages[i - 1][0]})")
    if i + 1 < len(pages):
        parts.append(f"[{pages[i + 1][1]} →]({pages[i + 1][0]})")
    return " · ".join(parts)


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _text(value: str) -> str:
    """Text for the Jinja template: HTML-escaped, braces too (a title is never template code)."""
    return escape(value).replace("{", "&#123;").replace("}", "&#125;")


def landing_page(lang: str, pages: list[tuple[str, str]]) -> str:
    """The Voilà tree page of app mode (a Jinja template): the notebooks by title, nothing else."""
    items = "\n".join(
        f'      <li><a href="{{{{ base_url }}}}voila/render/{_text(name)}">{_text(title)}</a></li>'
        for name, title in pages
    )
    html_lang = "zh-CN" if lang == "zh" else "en"
    return f"""<!DOCTYPE html>
<html lang="{html_lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{_text(t("app.title", lang))}</title>
  <style>
    body {{ font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f6f8fa; color: #1f2328; }}
    main {{ max-width: 46em; margin: 3em auto; padding: 0 1em; }}
    h1 {{ font-size: 1.8em; margin-bottom: 0.3em; }}
    p {{ color: #57606a; line-height: 1.6; }}
    ul {{ list-style: none; padding: 0; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }}
    li {{ border-bottom: 1px solid #d0d7de; }}
    li:last-child {{ border-bottom: none; }}
    a {{ display: block; padding: 0.8em 1em; color: #0969da; text-decoration: none; font-size: 1.15em; }}
    a:hover {{ background: #f3f4f6; }}
  </style>
</head>
<body>
  <main class="receivables-app-landing">
    <h1>{_text(t("app.title", lang))}</h1>
    <p>{_text(t("app.intro", lang))}</p>
    <ul class="receivables-app-pages">
{items}
    </ul>
  </main>
</body>
</html>
"""


def offline_css_block() -> str:
    """Voilà's lab template styles without the Font Awesome stylesheets it loads from a CDN:
    a workshop room is often offline, and a page must not wait on the internet. Built from
    the installed template, so a Voilà upgrade keeps its own styles."""
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("voila", "templates"):
        source = Path(base) / "lab" / "index.html.j2"
        if source.is_file():
            text = source.read_text(encoding="utf-8")
            start = text.index("{%- block notebook_css -%}")
            end = text.index("{%- endblock notebook_css -%}") + len("{%- endblock notebook_css -%}")
            block = "\n".join(line for line in text[start:end].splitlines() if "://" not in line)
            return block.replace("{{ super() }}", "{{ super.super() }}")
    raise RuntimeError("Voilà's lab template is missing: run `make setup`")


def notebook_page(lang: str) -> str:
    """The Voilà notebook template of app mode: the lab template, loading text in ``lang``,
    nothing fetched from outside the machine."""
    loading = json.dumps(t("app.loading", lang))
    return f"""{{%- extends 'lab/index.html.j2' -%}}
{{# App mode (receivables.app): the loading text in the edition's language; no CDN. #}}
{{% import "spinner.macro.html.j2" as spinner %}}
{offline_css_block()}
{{%- block body_header -%}}
{{{{ super() }}}}
<script>
  (function () {{
    var text = {loading};
    function say(done, total) {{
      var el = document.getElementById("loading_text");
      if (el) {{ el.textContent = text.replace("{{done}}", done).replace("{{total}}", total); }}
    }}
    say("…", "…");
    window.voila_process = say;
  }})();
</script>
{{%- endblock body_header -%}}
"""


STARTUP = """\
# App mode (receivables.app): each kernel works in a folder of its own.
from receivables.app import enter_visitor_folder

enter_visitor_folder({visitors!r})
del enter_visitor_folder
"""


def build(kit: Path, lang: str, root: Path | None = None) -> AppFolder:
    """Write the folder app mode serves for ``lang`` (default ``kit/.work/app/<lang>``).

    Files are rewritten only when their content changed, and nothing of the kit outside
    that folder is written."""
    lang = check_lang(lang)
    root = (root or kit / ".work" / "app" / lang).resolve()
    sources = widget_notebooks(kit)
    if not sources:
        raise RuntimeError(f"no notebook in {kit / 'course'} constructs a widget")
    chosen = [edition(p, lang) for p in sources]
    books = [nbs.read(p) for p in chosen]
    pages = [(p.name, nbs.title(nb) or p.stem) for p, nb in zip(chosen, books, strict=True)]
    folder = AppFolder(lang, root, tuple(pages))

    wanted = {name for name, _ in pages}
    folder.notebooks.mkdir(parents=True, exist_ok=True)
    for stale in folder.notebooks.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()
    for i, nb in enumerate(books):
        for cell in nb.cells:
            if NAV_TAG in cell.get("metadata", {}).get("tags", []):
                cell.source = _nav_cell(pages, i, lang)
        _write_if_changed(folder.notebooks / pages[i][0], nbformat.writes(nb) + "\n")

    template = folder.jupyter_path / "voila" / "templates" / TEMPLATE
    _write_if_changed(template / "conf.json", json.dumps({"base_template": "lab"}) + "\n")
    landing = landing_page(lang, pages)
    _write_if_changed(template / "tree.html", landing)  # ?classic-tree=true
    _write_if_changed(template / "tree-lab.html", landing)
    _write_if_changed(template / "index.html.j2", notebook_page(lang))

    startup = folder.ipython_dir / "profile_default" / "startup" / "00-receivables-app.py"
    _write_if_changed(startup, STARTUP.format(visitors=str(folder.visitors)))
    folder.visitors.mkdir(parents=True, exist_ok=True)
    remove_stale_visitors(folder.visitors)
    return folder


# ---- one folder per kernel -----------------------------------------------------------------


def enter_visitor_folder(visitors: str | os.PathLike) -> Path:
    """Make this process's working folder a new folder under ``visitors`` (named after the
    process id), removed when the process exits. Run by each app-mode kernel at start."""
    base = Path(visitors)
    base.mkdir(parents=True, exist_ok=True)
    here = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=base))
    os.chdir(here)
    atexit.register(shutil.rmtree, here, ignore_errors=True)
    return here


def remove_stale_visitors(visitors: Path) -> list[Path]:
    """Remove the folders of kernels that are no longer running (killed before their exit
    handler ran); the running ones stay."""
    import psutil

    removed = []
    for entry in visitors.iterdir() if visitors.is_dir() else ():
        pid = entry.name.split("-", 1)[0]
        if entry.is_dir() and not (pid.isdigit() and psutil.pid_exists(int(pid))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


# ---- running Voilà -------------------------------------------------------------------------


def voila_command(
    folder: AppFolder, port: int = DEFAULT_PORT, ip: str = "127.0.0.1", timeout: int = DEFAULT_TIMEOUT
) -> tuple[list[str], dict[str, str]]:
    """The Voilà command line and environment that serve ``folder``."""
    if timeout <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout}")
    interval = max(1, min(60, timeout // 2))
    command = [
        sys.executable,
        "-m",
        "voila",
        str(folder.notebooks),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={timeout}",
        f"--MappingKernelManager.cull_interval={interval}",
        "--MappingKernelManager.cull_connected=False",
        f"--MappingKernelManager.allowed_message_types={json.dumps(list(ALLOWED_MESSAGES))}",
        # Voilà's pages never get the _xsrf cookie, so the shutdown a closed page sends
        # (navigator.sendBeacon on unload) is refused and its kernel lingers until culled.
        # Without a login there is nothing for XSRF to protect: anyone who can reach the
        # server can already open pages.
        "--Voila.tornado_settings=disable_check_xsrf=True",
        # Kernels over Unix sockets, not TCP: jupyter_client picks a kernel's five TCP ports by
        # binding and releasing them, so pages opened together can draw the same port and a
        # kernel never answers (seen: 1 page in 20 opened at once hung until its timeout).
        "--KernelManager.transport=ipc",
    ]
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder.jupyter_path), env.get("JUPYTER_PATH")]))
    env["IPYTHONDIR"] = str(folder.ipython_dir)
    return command, env


def addresses(ip: str, port: int) -> list[str]:
    """The addresses to open for a server listening on ``ip``."""
    if ip in ("0.0.0.0", "", "*"):
        return [f"http://{a}:{port}/" for a in network_addresses()] or [f"http://127.0.0.1:{port}/"]
    return [f"http://{ip}:{port}/"]  # loopback included: app mode is also one person's projector


def serve(
    lang: str, port: int = DEFAULT_PORT, ip: str = "127.0.0.1", timeout: int = DEFAULT_TIMEOUT, kit: Path | None = None
) -> None:  # pragma: no cover - replaces the process
    """Build the app folder and replace this process with Voilà serving it."""
    kit = kit or paths.kit_root()
    folder = build(kit, lang)
    command, env = voila_command(folder, port, ip, timeout)
    print(t("app.serving", lang).format(n=len(folder.pages)))
    for url in addresses(ip, port):
        print(f"    {url}")
    print(t("app.stop", lang), flush=True)
    os.execve(command[0], command, env)


@contextlib.contextmanager
def running(
    lang: str, timeout: int = DEFAULT_TIMEOUT, log: Path | None = None, wait: float = 60
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`receivables app` in a process of its own on a free loopback port (for the tests and the
    benchmarks): yields (the address to open, the process) once the address answers, and stops
    the process and its kernels on leaving. What it prints goes to `log` (else nowhere); if it
    does not answer within `wait` seconds, RuntimeError with that log."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "receivables"), "app", "--lang", lang, "--port", str(port)]
    command += ["--ip", "127.0.0.1", "--timeout", str(timeout)]
    with open(log if log else os.devnull, "w") as out:
        proc = subprocess.Popen(command, cwd=paths.kit_root(), stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                with urllib.request.urlopen(base, timeout=5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    printed = log.read_text(encoding="utf-8", errors="replace") if log else ""
                    raise RuntimeError(f"app mode did not start at {base}\n{printed}") from None
                time.sleep(0.5)
        yield base, proc
    finally:
        stop(proc)
