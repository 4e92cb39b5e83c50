"""Where the kit's folders are: the one place the package learns the repository's layout.

The package's own data (texts, catalogues, mappings, agendas) ships inside it and is read
with ``importlib.resources``. The kit's folders beside it (course/, cases/, solutions/,
exercises/, datasets/electromech/) are found from the kit's root:

1. ``RECEIVABLES_KIT`` if set (a checkout or an unpacked learner bundle used from another
   installation of the package);
2. else the folder the package is installed from in editable mode (`make setup`): the first
   parent of this file holding ``pyproject.toml`` and ``course/``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

ENV = "RECEIVABLES_KIT"


class KitNotFound(RuntimeError):
    """The package is installed without the kit's folders beside it."""


def _is_kit(folder: Path) -> bool:
    return (folder / "pyproject.toml").is_file() and (folder / "course").is_dir()


def kit_root() -> Path:
    """The kit's root folder (see the module's docstring)."""
    chosen = os.environ.get(ENV)
    if chosen:
        folder = Path(chosen).expanduser().resolve()
        if not _is_kit(folder):
            raise KitNotFound(f"{ENV}={chosen}: no kit there (a folder with pyproject.toml and course/)")
        return folder
    return _installed_from()


@cache
def _installed_from() -> Path:
    for parent in Path(__file__).resolve().parents:
        if _is_kit(parent):
            return parent
    raise KitNotFound(
        f"cannot find the kit's folders (course/, cases/, datasets/): install the package "
        f"from the kit with `make setup`, or set {ENV} to the kit's folder"
    )


def course_dir() -> Path:
    return kit_root() / "course"


def cases_dir() -> Path:
    return kit_root() / "cases"


def case_data_dir() -> Path:
    """The frozen default case: datasets/electromech/."""
    return kit_root() / "datasets" / "electromech"


def solutions_dir() -> Path:
    return kit_root() / "solutions"


def exercises_dir() -> Path:
    return kit_root() / "exercises"
