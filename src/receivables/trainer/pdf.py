"""PDF of a printable page through a headless Chromium (Debian's `chromium`, the one the
browser tests use), when there is one: `chromium --headless --print-to-pdf` on the local
HTML file, with every host name unresolvable so nothing outside the machine can be reached,
in a throwaway profile, within a time limit. The page's CJK font stack makes Chromium
embed the system's CJK face (Noto Sans CJK on Debian)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_S = 120


def find_chromium() -> str | None:
    """RECEIVABLES_CHROMIUM if set, else the first Chromium on PATH (None: no PDF)."""
    chosen = os.environ.get("RECEIVABLES_CHROMIUM")
    if chosen:
        return chosen if shutil.which(chosen) else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def print_pdf(html: Path, pdf: Path, chromium: str | None = None) -> Path:
    """Print ``html`` to ``pdf``; RuntimeError when there is no Chromium or it fails."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise RuntimeError("no Chromium found (Debian: apt-get install chromium); no PDF written")
    with tempfile.TemporaryDirectory(prefix="trainer-pdf-") as profile:
        done = subprocess.run(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-pdf-header-footer",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf.resolve()}",
                html.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        tail = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise RuntimeError(f"{chromium} did not print {html.name}: {tail}")
    return pdf
