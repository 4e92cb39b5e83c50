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

from receivables.i18n.catalog import t

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
            raise ValueError(
                " · ".join(t("choices.duplicate", lang).format(what=what, key=key) for lang in ("en", "zh"))
            )
        out[code] = value
    if unknown:
        accepted = "; ".join(" / ".join(dict.fromkeys([*aliases])) or code for code, aliases in names.items())
        names = {"en": ", ".join(map(repr, unknown)), "zh": "、".join(unknown)}
        said = " · ".join(t("choices.unknown", lang).format(what=what, names=names[lang]) for lang in ("en", "zh"))
        use = " · ".join(t("choices.use_one_of", lang) for lang in ("en", "zh"))
        raise ValueError(f"{said}. {use}{accepted}")
    return out
