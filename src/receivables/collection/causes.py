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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from receivables.i18n import check_lang, t
from receivables.i18n.choices import resolve_keys


@dataclass(frozen=True)
class Cause:
    en: str
    zh: str
    course: bool = False  # listed by the course page itself
    ours: bool = True  # on the seller's side (False: the customer's or the market's)
    team: bool = False  # added by the learners' team

    def text(self, lang: str = "en") -> str:
        return self.zh if check_lang(lang) == "zh" else f"{self.en} · {self.zh}"


@dataclass(frozen=True)
class Bone:
    key: str
    en: str
    zh: str
    causes: tuple[Cause, ...] = field(default_factory=tuple)

    def label(self, lang: str = "en") -> str:
        return self.zh if check_lang(lang) == "zh" else f"{self.en} · {self.zh}"


#: The course's five causes of overdue receivables (seed 000), in the course's order.
COURSE_CAUSES: tuple[Cause, ...] = (
    Cause("Lax credit approval when terms are granted", "给客户账期时审核把关不严谨", course=True),
    Cause("Sales staff unaware of the harm of overdue accounts", "销售人员对应收逾期的危害认识不足", course=True),
    Cause("Too little attention to receivables, no way of managing them", "对应收关注不够,管理没有方法", course=True),
    Cause("No collection skills when chasing overdue accounts", "催收逾期应收时缺乏方法", course=True),
    Cause(
        "The customer's finances change and it can no longer pay",
        "客户财务状况变化,还款能力下降",
        course=True,
        ours=False,
    ),
)


def _c(en: str, zh: str, ours: bool = True) -> Cause:
    return Cause(en, zh, ours=ours)


#: The diagram's bones: three on the seller's side (top), three on the customer's side
#: and the market's (bottom). Authored for this kit, except the causes marked ``course``.
FISHBONE: tuple[Bone, ...] = (
    Bone(
        "credit",
        "Credit approval",
        "信用审核",
        (
            Cause("Lax credit approval", "审核把关不严谨", course=True),
            _c("Credit limits never reviewed", "信用额度从不复核"),
            _c("Terms given away to win the order", "为拿订单随意放账期"),
        ),
    ),
    Bone(
        "sales",
        "Sales staff",
        "销售人员",
        (
            Cause("Unaware of the harm of overdue", "对逾期危害认识不足", course=True),
            Cause("No collection skills", "催收缺乏方法", course=True),
            _c("Chases orders, not cash", "重销售、轻回款"),
        ),
    ),
    Bone(
        "management",
        "Management and process",
        "管理流程",
        (
            Cause("No way of managing receivables", "应收管理没有方法", course=True),
            _c("Invoices and statements sent late", "发票、对账单滞后"),
            _c("Cash collected is not in the targets", "回款未纳入考核"),
        ),
    ),
    Bone(
        "product",
        "Product and documents",
        "产品与单据",
        (
            _c("Quality complaints", "质量纠纷"),
            _c("Late or incomplete delivery", "交付延迟或不全"),
            _c("No delivery receipt, wrong invoice", "缺收货单、发票有误"),
        ),
    ),
    Bone(
        "customer",
        "Customer",
        "客户",
        (
            Cause("Customer's finances change", "客户财务状况变化", course=True, ours=False),
            _c("Deliberate delay", "故意拖延", ours=False),
            _c("Long approval chain", "内部审批流程长", ours=False),
        ),
    ),
    Bone(
        "environment",
        "Market and environment",
        "外部环境",
        (
            _c("Industry downturn", "行业下行", ours=False),
            _c("Chain arrears between firms", "企业间三角债", ours=False),
            _c("Banks tighten credit", "银行收紧信贷", ours=False),
        ),
    ),
)

BONE_KEYS: tuple[str, ...] = tuple(b.key for b in FISHBONE)


def causes_table(lang: str = "en") -> pd.DataFrame:
    """The course's five causes as a table: number, cause, whose side it is on."""
    check_lang(lang)
    return pd.DataFrame(
        {
            "#": range(1, len(COURSE_CAUSES) + 1),
            t("causes.cause", lang): [c.zh if lang == "zh" else f"{c.en} ({c.zh})" for c in COURSE_CAUSES],
            t("causes.side", lang): [t("causes.ours" if c.ours else "causes.theirs", lang) for c in COURSE_CAUSES],
        }
    )


def with_team_causes(extra: Mapping[str, str | Sequence[str]] | None = None) -> tuple[Bone, ...]:
    """The diagram's bones with the team's own causes added (``{bone key: text(s)}``).

    A bone is named by its key or its English or Chinese label (客户, "Customer"); the team
    writes in one language and the same text shows in both. Unknown bones raise a
    ValueError that lists the valid names.
    """
    extra = resolve_keys(dict(extra or {}), {b.key: [b.en, b.zh] for b in FISHBONE}, "bone · 鱼骨")
    bones = []
    for bone in FISHBONE:
        texts = extra.get(bone.key, ())
        texts = [texts] if isinstance(texts, str) else list(texts)
        added = tuple(Cause(x, x, team=True) for x in texts if str(x).strip())
        bones.append(Bone(bone.key, bone.en, bone.zh, bone.causes + added))
    return tuple(bones)


#: Characters per line of a cause on the diagram (English, Chinese): three bones side by
#: side in a room's 8.2 in leave each cause about 1.6 in at 11 pt.
WRAP = (16, 9)


def _wrapped(text: str, lang: str) -> str:
    import textwrap

    if lang == "zh":
        return "\n".join(text[i : i + WRAP[1]] for i in range(0, len(text), WRAP[1]))
    return textwrap.fill(text, WRAP[0])


def _cause_label(cause: Cause, lang: str) -> str:
    mark = " ★" if cause.course else (" +" if cause.team else "")
    if cause.team or lang == "zh":
        text = cause.zh if lang == "zh" else cause.en
        return _wrapped(text, "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en") + mark
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
