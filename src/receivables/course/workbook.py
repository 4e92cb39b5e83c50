"""A learner's own workbook: a copy of the kit's notebooks that using the kit may change.

JupyterLab writes to every notebook it opens (it fills in `language_info`, saves outputs,
autosaves a learner's edits), so nobody works in the kit's tracked files: `make lab` serves
a workbook under `.work/workbook/`, and room mode gives every learner one in their home.

A workbook keeps the kit's layout (`course/`, `course/zh/`, `cases/`, …) so the notebooks'
relative links hold. Refreshing one copies what is missing and updates what the learner has
not touched since it was copied (a manifest records each copy's hash); a file the learner
changed is kept, and the kit's newer version is reported, never written over it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

#: Folders of the kit a learner works in. `solutions/` (model answers and hidden tests) and
#: `locales/` (whose exercise catalogues hold hidden tests too) are never among them.
LEARNER_FOLDERS = ("course", "cases", "exercises")
NEVER_COPIED = ("solutions", "locales")
MANIFEST = ".workbook.json"
_SKIPPED_NAMES = {"__pycache__", ".ipynb_checkpoints"}


#: nbgrader's trainer tools: not in a learner's JupyterLab (their lab plugins and server parts).
TRAINER_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:validate-assignment",
)
TRAINER_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
)
#: A learner fetches and submits through nbgrader's exchange only where there is one (room mode).
EXCHANGE_LAB_PLUGINS = ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu")
EXCHANGE_SERVER_EXTENSIONS = ("nbgrader.server_extensions.assignment_list",)


def learner_jupyter_config(folder: Path, exchange: bool) -> Path:
    """A Jupyter configuration folder for a learner's JupyterLab: nbgrader's trainer tools
    off (and, without an exchange, its assignment list and menu too). Put it on
    JUPYTER_CONFIG_PATH (make lab) or make it the server's JUPYTER_CONFIG_DIR (room mode)."""
    off_server = TRAINER_SERVER_EXTENSIONS + (() if exchange else EXCHANGE_SERVER_EXTENSIONS)
    off_lab = TRAINER_LAB_PLUGINS + (() if exchange else EXCHANGE_LAB_PLUGINS)
    extensions = {name: False for name in off_server}
    if exchange:
        extensions.update({name: True for name in EXCHANGE_SERVER_EXTENSIONS})
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    (folder / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": extensions}}, indent=1) + "\n", encoding="utf-8"
    )
    (folder / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {name: True for name in off_lab}}, indent=1) + "\n", encoding="utf-8"
    )
    return folder


@dataclass
class WorkbookReport:
    folder: Path
    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed by the learner; the kit has a newer version

    def lines(self) -> list[str]:
        out = [f"workbook {self.folder}: {len(self.copied)} copied, {len(self.updated)} updated"]
        out += [
            f"  kept your changes in {name}; the kit has a newer version (delete your copy to get it)"
            for name in self.kept
        ]
        return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def learner_files(root: Path, folders: tuple[str, ...] = LEARNER_FOLDERS) -> list[Path]:
    """The kit's files a learner's workbook holds, relative to the kit's root."""
    files = []
    for folder in folders:
        if folder in NEVER_COPIED:
            raise ValueError(f"{folder}/ holds model answers or hidden tests: never in a learner's workbook")
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(root)
            if path.is_file() and not any(p.startswith(".") or p in _SKIPPED_NAMES for p in rel.parts):
                files.append(rel)
    return files


def make_workbook(root: Path, dest: Path, folders: tuple[str, ...] = LEARNER_FOLDERS) -> WorkbookReport:
    """Create or refresh the workbook `dest` from the kit at `root`."""
    dest.mkdir(parents=True, exist_ok=True)
    manifest_path = dest / MANIFEST
    manifest: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    report = WorkbookReport(dest)
    for rel in learner_files(root, folders):
        source, target, key = root / rel, dest / rel, rel.as_posix()
        kit_digest = _digest(source)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            report.copied.append(key)
        elif manifest.get(key) == kit_digest:
            continue  # the kit's file has not changed since it was copied
        elif (theirs := _digest(target)) == manifest.get(key):
            shutil.copyfile(source, target)  # untouched by the learner: take the kit's new version
            report.updated.append(key)
        elif theirs == kit_digest:
            pass  # same content, reached another way
        else:
            report.kept.append(key)
            continue  # the manifest keeps the old digest, so the learner's copy stays "theirs"
        manifest[key] = kit_digest
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return report
