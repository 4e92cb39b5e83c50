"""Where the Chinese edition of a notebook is: its twin, the same file name in a `zh/`
folder beside the English notebook (course/zh/, cases/zh/), built by
`receivables course translate`."""

from __future__ import annotations

from pathlib import Path

EDITION = "zh"


def twin(notebook: Path) -> Path:
    """The Chinese twin of an English course or case notebook (it may not exist)."""
    return notebook.parent / EDITION / notebook.name


def edition(notebook: Path, lang: str = "en") -> Path:
    """The notebook to open or run for ``lang``: in Chinese the twin when there is one,
    else the notebook itself."""
    if lang == EDITION and twin(notebook).is_file():
        return twin(notebook)
    return notebook
