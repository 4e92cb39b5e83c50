"""The few browser libraries the offline course site and the slides need, kept on this
machine so no page ever asks the internet for them: reveal.js (nbconvert's slides),
the Jupyter widgets HTML manager (widget views from their saved state) and require.js
(which loads it). nbconvert's templates point at CDNs by default; the site and the
slides point at these copies instead.

They come from npm (`npm pack`, the registry `make setup` can reach), pinned below, and
are unpacked once into the user's cache (``RECEIVABLES_WEB_ASSETS`` moves it). `make setup`
fetches them (`python -m receivables.web_assets`); later builds only copy them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Package:
    name: str  # npm package name
    version: str  # pinned: the version nbconvert's templates were written for
    keep: tuple[str, ...]  # paths inside the package to keep (folders or files)

    @property
    def folder(self) -> str:
        return f"{self.name.replace('/', '+')}@{self.version}"


#: nbconvert 7's reveal template expects reveal.js 4 (dist/, plugin/notes for speaker notes);
#: html-manager 1.x renders ipywidgets 8's saved state; require.js loads embed-amd.js.
REVEAL = Package("reveal.js", "4.0.2", ("dist", "plugin", "LICENSE"))
HTML_MANAGER = Package("@jupyter-widgets/html-manager", "1.0.15", ("dist", "package.json"))
REQUIREJS = Package("requirejs", "2.1.22", ("require.js", "package.json"))
PACKAGES = (REVEAL, HTML_MANAGER, REQUIREJS)


class AssetsMissing(RuntimeError):
    """A library is not on this machine and could not be fetched."""


def root() -> Path:
    """Where the unpacked libraries live (RECEIVABLES_WEB_ASSETS, else the user's cache)."""
    chosen = os.environ.get("RECEIVABLES_WEB_ASSETS")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("receivables")) / "web-assets"


def location(package: Package) -> Path:
    """The unpacked package's folder, fetched now if it is not there yet."""
    folder = root() / package.folder
    if not (folder / ".complete").is_file():
        _fetch(package, folder)
    return folder


def _fetch(package: Package, folder: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise AssetsMissing(
            f"{package.name} {package.version} is not in {root()} and npm is not installed to fetch it "
            "(Debian: apt-get install npm; or run `make setup`)"
        )
    with tempfile.TemporaryDirectory(prefix="web-assets-") as tmp:
        done = subprocess.run(
            [npm, "pack", f"{package.name}@{package.version}", "--silent"],
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
        tarballs = list(Path(tmp).glob("*.tgz"))
        if done.returncode != 0 or len(tarballs) != 1:
            tail = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            raise AssetsMissing(f"npm could not fetch {package.name}@{package.version}: {tail}")
        staging = Path(tmp) / "unpacked"
        with tarfile.open(tarballs[0]) as archive:
            archive.extractall(staging, filter="data")
        folder.parent.mkdir(parents=True, exist_ok=True)
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        for item in package.keep:
            source = staging / "package" / item
            if source.is_dir():
                shutil.copytree(source, partial / item)
            elif source.is_file():
                shutil.copy2(source, partial / item)
            else:
                raise AssetsMissing(f"{package.name}@{package.version} has no {item}")
        (partial / ".complete").write_text(f"{package.name}@{package.version}\n", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)


def copy_into(package: Package, destination: Path) -> Path:
    """Copy the package's kept files into ``destination`` (a site's or slides' assets
    folder); return it."""
    source = location(package)
    shutil.copytree(source, destination, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".complete"))
    return destination


def fetch_all() -> list[Path]:
    return [location(p) for p in PACKAGES]


if __name__ == "__main__":  # `make setup`
    try:
        for path in fetch_all():
            print(f"web assets: {path}")
    except AssetsMissing as err:
        print(f"note: {err}; the offline course site and slides need it", file=sys.stderr)
