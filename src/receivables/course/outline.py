"""The coverage map (course/outline.yml): every outline item and where it is taught."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from receivables.course import notebooks as nbs
from receivables.i18n import check_lang


@dataclass(frozen=True)
class Item:
    id: str
    zh: str
    en: str
    notebook: str
    heading: str
    authored: bool
    part: str

    def title(self, lang: str) -> str:
        """The item's title in `lang` (both are data: course/outline.yml)."""
        return self.zh if check_lang(lang) == "zh" else self.en


def load_items(root: Path) -> list[Item]:
    data = yaml.safe_load((root / "course" / "outline.yml").read_text(encoding="utf-8"))
    items = []
    for seed, parts in data.items():
        for part, entries in parts.items():
            for e in entries:
                items.append(
                    Item(
                        e["id"],
                        e["zh"],
                        e["en"],
                        e.get("notebook", ""),
                        e.get("heading", ""),
                        bool(e.get("authored", False)),
                        f"{seed}/{part}",
                    )
                )
    return items


def headings(path: Path) -> list[str]:
    nb = nbs.read(path)
    return [
        line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines() if line.startswith("#")
    ]


def coverage(root: Path) -> dict[str, list]:
    """{"covered": [...], "planned": [...], "problems": [...]} for the map of `root`."""
    out: dict[str, list] = {"covered": [], "planned": [], "problems": []}
    seen: set[str] = set()
    for item in load_items(root):
        if item.id in seen:
            out["problems"].append(f"{item.id}: id used twice")
        seen.add(item.id)
        if not item.notebook or not item.heading:
            out["problems"].append(f"{item.id} ({item.zh}): no notebook or heading")
            continue
        path = root / "course" / item.notebook
        if not path.is_file():
            out["planned"].append(item)
            continue
        if not any(item.heading in h for h in headings(path)):
            out["problems"].append(
                f"{item.id} ({item.zh}): no heading containing {item.heading!r} in course/{item.notebook}"
            )
            continue
        out["covered"].append(item)
    mapped = {i.notebook for i in load_items(root)}
    for path in nbs.notebooks_in(root / "course"):
        if path.name not in mapped and not path.name.startswith("00."):
            out["problems"].append(f"course/{path.name}: teaches no item of course/outline.yml")
    return out
