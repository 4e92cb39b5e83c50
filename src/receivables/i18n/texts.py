"""The package's text as data: English in YAML files, Chinese in a gettext catalogue.

`texts/**/*.yml` hold the English texts, one file per module that shows them, as
`key: text` (nested mappings give dotted keys, e.g. `figure: {title: …}` is `figure.title`). The Chinese texts are in
`locale/zh_CN/LC_MESSAGES/receivables.po`, one entry per text: msgctxt = the key,
msgid = the English, msgstr = the Chinese. This is the mechanism the notebooks' Chinese
edition uses (`receivables.course.translation`): `receivables course translate` brings the
catalogue up to date (a changed English text keeps its old translation marked fuzzy), and
`receivables course check` fails on a missing or stale translation.

Files are read once, on first use; nothing registers itself on import.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import polib
import yaml

from receivables.i18n import po

PACKAGE = files("receivables")
CATALOGUE = "locale/zh_CN/LC_MESSAGES/receivables.po"
# libyaml's loader where PyYAML has it: every kernel reads the texts once, on first use.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HEADER = (
    "The package's Chinese texts: msgctxt is the text's key, msgid its English (from\n"
    "src/receivables/texts/*.yml), msgstr the Chinese. An entry marked fuzzy translates an older\n"
    "English text (shown as #| msgid): update the msgstr, then delete the fuzzy flag."
)


def _flatten(prefix: str, value: object, out: dict[str, str], where: str) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}", inner, out, where)
    elif isinstance(value, str) and value:
        out[prefix] = value
    else:
        raise ValueError(f"{where}: {prefix} must be a text (not empty) or a mapping of texts, not {value!r}")


@cache
def english() -> dict[str, str]:
    """Every English text of the package, by key (texts/**/*.yml; a key is defined once)."""
    out: dict[str, str] = {}
    origin: dict[str, str] = {}

    def walk(folder, rel: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                walk(entry, f"{rel}{entry.name}/")
            elif entry.name.endswith(".yml"):
                where = f"texts/{rel}{entry.name}"
                found: dict[str, str] = {}
                for key, value in (yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER) or {}).items():
                    _flatten(str(key), value, found, where)
                for key in found:
                    if key in out:
                        raise ValueError(f"text {key!r} is defined twice: {origin[key]} and {where}")
                    origin[key] = where
                out.update(found)

    walk(PACKAGE / "texts", "")
    return out


@dataclass(frozen=True)
class Translation:
    english: str  # the English it translates
    chinese: str
    fuzzy: bool


@cache
def chinese() -> dict[str, Translation]:
    """The catalogue's translations, by key."""
    path = PACKAGE / CATALOGUE
    if not path.is_file():
        return {}
    catalogue = polib.pofile(path.read_text(encoding="utf-8"), wrapwidth=0)
    return {e.msgctxt: Translation(e.msgid, e.msgstr, e.fuzzy) for e in catalogue if e.msgctxt}


def text(key: str, lang: str) -> str:
    """The text of `key`: Chinese from the catalogue (English where it has none yet, which
    `course check` reports), English from the YAML. KeyError for an unknown key."""
    en = english()[key]
    if lang == "zh":
        found = chinese().get(key)
        if found is not None and found.chinese:
            return found.chinese
    return en


def has(key: str) -> bool:
    return key in english()


# ---- maintenance: the catalogue and its checks -------------------------------------------


def catalogue_path(source_root: Path) -> Path:
    return source_root / "src" / "receivables" / CATALOGUE


def updated_catalogue(old: polib.POFile | None) -> polib.POFile:
    """The catalogue for today's English texts, keeping old translations (fuzzy if stale)."""
    new = po.new_catalogue("receivables", HEADER)
    for key, en in english().items():
        new.append(polib.POEntry(msgctxt=key, msgid=en, msgstr=""))
    return po.merge(old, new)


def update_needed(source_root: Path) -> bool:
    """True when the catalogue in the source tree lacks, or has extra, English texts."""
    path = catalogue_path(source_root)
    if not path.is_file():
        return bool(english())
    return po.render(updated_catalogue(po.read(path))) != path.read_text(encoding="utf-8")


def update(source_root: Path) -> bool:
    """Bring the package's catalogue up to date with its English texts; True if it changed."""
    path = catalogue_path(source_root)
    new = po.render(updated_catalogue(po.read(path) if path.is_file() else None))
    if path.is_file() and path.read_text(encoding="utf-8") == new:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")
    english.cache_clear()
    chinese.cache_clear()
    return True


def problems() -> list[str]:
    """Texts whose Chinese is missing or translates an older English (stale)."""
    found = chinese()
    out = []
    for key, en in english().items():
        zh = found.get(key)
        if zh is None or not zh.chinese:
            out.append(f"{CATALOGUE}: {key}: not translated yet")
        elif zh.english != en or zh.fuzzy:
            out.append(f"{CATALOGUE}: {key}: translation is stale (the English changed since it was translated)")
        elif not placeholders(zh.chinese) <= placeholders(en) | SHARED_FIELDS.get(key.split(".")[0], set()):
            out.append(
                f"{CATALOGUE}: {key}: the Chinese has placeholders {sorted(placeholders(zh.chinese))} "
                f"the English has not: {sorted(placeholders(en))}"
            )
    return out


#: Fields every text of an area is given, whichever it names: a rejection reason can name a
#: field by its label ({label}) in Chinese where the English names the field ({field}).
SHARED_FIELDS = {"reject": {"label", "field", "date_label", "other_label", "other_field", "column"}}


def placeholders(text: str) -> set[str]:
    """The `{name}` fields a text is formatted with (format specs ignored)."""
    import string

    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<unbalanced braces>"}
