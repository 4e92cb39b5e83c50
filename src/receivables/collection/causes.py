"""Why accounts go overdue (应收逾期的原因有哪些?) and the cause-and-effect diagram
(欠款原因分析示意图).

Two kinds of content, kept apart:

- `COURSE_CAUSES`: the five causes the course page itself lists (seed 000: 课程背景 names
  four on the seller's side; its section on the causes of overdue adds the customer's
  changing finances). The Chinese is the course's wording, shortened; the English is the
  kit's translation.
- `FISHBONE`: the diagram's six "bones" and most of their causes are **authored for this
  kit** (the course only names the diagram). The course's five causes are placed on the
  bones and marked ★; the other causes come from common credit-management practice.

The catalogue's texts are data (texts/collection/causes.yml, Chinese in receivables.po):
``causes.course.<code>`` and ``causes.bone.<bone>.name`` / ``causes.bone.<bone>.<code>``.
The causes a team adds are its own words and show as written, in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from receivables.i18n import LANGS, Text, check_lang, named, t
from receivables.i18n.choices import resolve_keys


@dataclass(frozen=True)
class Cause:
    """A cause: a catalogue `Text` (the kit's causes) or a team's own words (`str`, the same
    in both languages)."""

    name: Text | str
    course: bool = False  # listed by the course page itself
    ours: bool = True  # on the seller's side (False: the customer's or the market's)
    team: bool = False  # added by the learners' team

    def plain(self, lang: str = "en") -> str:
        """The cause in ``lang`` alone."""
        check_lang(lang)
        return self.name if isinstance(self.name, str) else self.name(lang)

    def text(self, lang: str = "en") -> str:
        return self.zh if check_lang(lang) == "zh" else f"{self.en} · {self.zh}"

    en = property(lambda self: self.plain("en"))
    zh = property(lambda self: self.plain("zh"))


@dataclass(frozen=True)
class Bone:
    """A bone of the diagram: its key (its name is the text ``causes.bone.<key>.name``) and causes."""

    key: str
    causes: tuple[Cause, ...] = field(default_factory=tuple)

    @property
    def name(self) -> Text:
        return Text(f"causes.bone.{self.key}.name")

    def label(self, lang: str = "en") -> str:
        return self.zh if check_lang(lang) == "zh" else f"{self.en} · {self.zh}"

    en = property(lambda self: self.name("en"))
    zh = property(lambda self: self.name("zh"))


def _course(code: str, ours: bool = True) -> Cause:
    return Cause(Text(f"causes.course.{code}"), course=True, ours=ours)


#: The course's five causes of overdue receivables (seed 000), in the course's order.
COURSE_CAUSES: tuple[Cause, ...] = (
    _course("lax_approval"),
    _course("unaware_of_harm"),
    _course("no_management"),
    _course("no_collection_skills"),
    _course("customer_finances", ours=False),
)


def _bone(key: str, *causes: str, theirs: bool = False, course: Sequence[str] = ()) -> Bone:
    """A bone's causes by code; those in ``course`` are the course's own (★)."""
    return Bone(key, tuple(Cause(Text(f"causes.bone.{key}.{c}"), course=c in course, ours=not theirs) for c in causes))


#: The diagram's bones: three on the seller's side (top), three on the customer's side
#: and the market's (bottom). Authored for this kit, except the causes marked ``course``.
FISHBONE: tuple[Bone, ...] = (
    _bone("credit", "lax_approval", "limits_never_reviewed", "terms_for_orders", course=["lax_approval"]),
    _bone(
        "sales",
        "unaware_of_harm",
        "no_collection_skills",
        "orders_not_cash",
        course=["unaware_of_harm", "no_collection_skills"],
    ),
    _bone("management", "no_management", "late_documents", "cash_not_in_targets", course=["no_management"]),
    _bone("product", "quality_complaints", "late_delivery", "wrong_documents"),
    _bone(
        "customer",
        "customer_finances",
        "deliberate_delay",
        "long_approvals",
        theirs=True,
        course=["customer_finances"],
    ),
    _bone("environment", "industry_downturn", "chain_arrears", "banks_tighten", theirs=True),
)

BONE_KEYS: tuple[str, ...] = tuple(b.key for b in FISHBONE)


def causes_table(lang: str = "en") -> pd.DataFrame:
    """The course's five causes as a table: number, cause, whose side it is on."""
    check_lang(lang)
    return pd.DataFrame(
        {
            "#": range(1, len(COURSE_CAUSES) + 1),
            t("causes.cause", lang): [named(c.name, lang) for c in COURSE_CAUSES],
            t("causes.side", lang): [t("causes.ours" if c.ours else "causes.theirs", lang) for c in COURSE_CAUSES],
        }
    )


def with_team_causes(extra: Mapping[str, str | Sequence[str]] | None = None) -> tuple[Bone, ...]:
    """The diagram's bones with the team's own causes added (``{bone key: text(s)}``).

    A bone is named by its key or its English or Chinese label (客户, "Customer"); the team
    writes in one language and the same text shows in both. Unknown bones raise a
    ValueError that lists the valid names.
    """
    what = " · ".join(t("causes.what_bone", lang) for lang in LANGS)
    extra = resolve_keys(dict(extra or {}), {b.key: [b.en, b.zh] for b in FISHBONE}, what)
    bones = []
    for bone in FISHBONE:
        texts = extra.get(bone.key, ())
        texts = [texts] if isinstance(texts, str) else list(texts)
        added = tuple(Cause(str(x), team=True) for x in texts if str(x).strip())
        bones.append(Bone(bone.key, bone.causes + added))
    return tuple(bones)


#: Characters per line of a cause on the diagram (English, Chinese): three bones side by
#: side in a room's 8.2 in leave each cause about 1.6 in at 11 pt.
WRAP = (16, 9)
#: A Chinese character: a team's cause holding one is wrapped as Chinese.
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _wrapped(text: str, lang: str) -> str:
    import textwrap

    if lang == "zh":
        return "\n".join(text[i : i + WRAP[1]] for i in range(0, len(text), WRAP[1]))
    return textwrap.fill(text, WRAP[0])


def _cause_label(cause: Cause, lang: str) -> str:
    mark = " ★" if cause.course else (" +" if cause.team else "")
    if cause.team or lang == "zh":
        text = cause.plain(lang)
        return _wrapped(text, "zh" if _HAN.search(text) else "en") + mark
    return f"{_wrapped(cause.en, 'en')}{mark}\n{_wrapped(cause.zh, 'zh')}"


def draw_fishbone(lang: str = "en", extra: Mapping[str, str | Sequence[str]] | None = None):
    """The cause-and-effect (fishbone) diagram as a matplotlib Figure.

    Labels in ``lang`` ("en": English with the Chinese under it). The course's own causes
    carry ★, the team's (``extra``, see `with_team_causes`) carry +.
    """
    import matplotlib.pyplot as plt

    from receivables.i18n import setup_plots
    from receivables.i18n.fonts import MAX_WIDTH_IN, MIN_FONT_PT, readable

    check_lang(lang)
    setup_plots()
    bones = with_team_causes(extra)
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 10))
    ax.set_xlim(0, 12.9)
    ax.set_ylim(-0.6, 8)  # the key below the lower bones' names
    ax.axis("off")
    spine_y, head_x = 4.0, 11.2
    ax.annotate(
        "", xy=(head_x, spine_y), xytext=(0.3, spine_y), arrowprops={"arrowstyle": "-|>", "lw": 2.5, "color": "#24292f"}
    )
    ax.text(
        head_x + 0.1,
        spine_y,
        t("fishbone.head", lang),
        ha="left",
        va="center",
        fontsize=12,
        fontweight="bold",
        bbox={"boxstyle": "round,pad=0.5", "fc": "#ffebe9", "ec": "#b42318"},
    )
    starts = (3.6, 6.9, 10.2)
    for i, bone in enumerate(bones):
        top = i < 3
        x0 = starts[i % 3]
        x1, y1 = x0 - 2.2, (7.3 if top else 0.7)
        ax.plot([x0, x1], [spine_y, y1], color="#57606a", lw=1.8)
        ax.text(
            x1,
            y1 + (0.25 if top else -0.25),
            bone.label(lang).replace(" · ", "\n"),
            ha="center",
            va="bottom" if top else "top",
            fontsize=12,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.3", "fc": "#ddf4ff" if top else "#fff8c5", "ec": "#57606a"},
        )
        n = len(bone.causes)
        for k, cause in enumerate(bone.causes):
            f = (k + 1) / (n + 1)
            px, py = x0 + (x1 - x0) * f, spine_y + (y1 - spine_y) * f
            ax.plot([px - 0.25, px], [py, py], color="#8c959f", lw=1)
            color = "#b42318" if cause.course else ("#1a7f37" if cause.team else "#24292f")
            ax.text(px - 0.3, py, _cause_label(cause, lang), ha="right", va="center", fontsize=MIN_FONT_PT, color=color)
    ax.set_title(t("fishbone.title", lang), fontsize=13)
    ax.text(0.3, -0.5, t("fishbone.legend", lang), fontsize=MIN_FONT_PT, color="#57606a")
    fig.tight_layout()
    return readable(fig)


def fishbone_counts(extra: Mapping[str, str | Sequence[str]] | None = None) -> dict[str, int]:
    """How many bones and causes the diagram has, and how many come from the course."""
    bones = with_team_causes(extra)
    causes = [c for b in bones for c in b.causes]
    return {
        "bones": len(bones),
        "causes": len(causes),
        "course_causes": sum(c.course for c in causes),
        "team_causes": sum(c.team for c in causes),
    }
