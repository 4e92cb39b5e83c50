"""Keys a learner may type in either language.

✏️ cells ask for dictionaries such as `{"电话": 10, "拜访": 240}`: a learner writes the
names they see (Chinese in the Chinese edition, English in the English one) or the code.
`resolve_keys` turns each key into its code and says, in both languages, which names it
accepts when one does not match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

V = TypeVar("V")

_IGNORED = re.compile(r"[\s·、,,。.()()\-_/]+")


def _norm(text: str) -> str:
    return _IGNORED.sub("", str(text)).casefold()


def resolve_keys(
    values: Mapping[str, V], names: Mapping[str, Iterable[str]], what: str, keep_unknown: bool = False
) -> dict[str, V]:
    """`values` keyed by code. `names` gives each code the names it may be typed as (its
    code included). A key matching no name (unless `keep_unknown`: kept as it is), or two
    keys meaning one code, raise ValueError naming the accepted names."""
    lookup: dict[str, str] = {}
    for code, aliases in names.items():
        for alias in (code, *aliases):
            lookup.setdefault(_norm(alias), code)
    out: dict[str, V] = {}
    unknown = []
    for key, value in values.items():
        code = lookup.get(_norm(key), key if keep_unknown else None)
        if code is None:
            unknown.append(str(key))
            continue
        if code in out:
            raise ValueError(f"{what}: {key!r} names the same item as another key · 重复的名称:{key}")
        out[code] = value
    if unknown:
        accepted = "; ".join(" / ".join(dict.fromkeys([*aliases])) or code for code, aliases in names.items())
        raise ValueError(
            f"{what}: unknown name(s) {', '.join(map(repr, unknown))} · 无法识别的名称:{'、'.join(unknown)}. "
            f"Use one of · 可用的名称:{accepted}"
        )
    return out
