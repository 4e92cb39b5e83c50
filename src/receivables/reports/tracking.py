"""The tracking tools of a sales team's week (应收账款跟踪管理, 应收账款管理工具).

Small, pure shapers over the collection and metrics functions, so a notebook shows each
tool in a few lines: risk weights by debtor type for the worklist, this week's dunning
steps, open invoices by the step they have reached, promises by status. Catalogue keys
are prefixed ``tracking.``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from receivables.collection.debtor_types import DEBTOR_TYPES
from receivables.collection.dunning import ladder_frame
from receivables.collection.promises import STATUS_LABELS, STATUSES
from receivables.i18n import check_lang, t
from receivables.i18n.catalog import CATALOG, register

_TEXTS = {
    "tracking.bucket": ("Bucket (days past due)", "账龄段(逾期天数)"),
    "tracking.amount": ("Amount (CNY)", "金额(元)"),
    "tracking.count": ("Invoices", "发票数"),
    "tracking.share": ("Share", "占比"),
    "tracking.month": ("Month", "月份"),
    "tracking.dso": ("DSO of the month", "当月周转天数"),
    "tracking.bpdso": ("Best possible DSO of the month", "当月最佳周转天数"),
    "tracking.bucket_current": ("current", "未到期"),
    "tracking.bucket_range": ("{a}-{b}", "{a}-{b}天"),
    "tracking.bucket_over": ("over {a}", "{a}天以上"),
    "tracking.add": ("ADD", "平均逾期天数"),
    "tracking.cei": ("CEI (%)", "回款有效指数(%)"),
    "tracking.rank": ("Rank", "排序"),
    "tracking.customer": ("Customer", "客户"),
    "tracking.debtor_type": ("Debtor type", "客户类型"),
    "tracking.overdue": ("Overdue (CNY)", "逾期金额(元)"),
    "tracking.oldest": ("Oldest (days past due)", "最长逾期天数"),
    "tracking.avg_dpd": ("Days past due, amount-weighted", "按金额加权的逾期天数"),
    "tracking.weight": ("Risk weight", "风险权重"),
    "tracking.priority": ("Priority score", "优先级分数"),
    "tracking.offset": ("Day (from the due date)", "时间点(相对到期日)"),
    "tracking.step": ("Step", "催收动作"),
    "tracking.invoice": ("Invoice", "发票号"),
    "tracking.open": ("Open (CNY)", "未付金额(元)"),
    "tracking.dpd": ("Days past due", "逾期天数"),
    "tracking.next_step": ("Step due", "应做动作"),
    "tracking.next_date": ("Due on", "日期"),
    "tracking.last_step": ("Step reached", "已到达的催收阶段"),
    "tracking.not_yet": ("Not yet at the first step", "尚未到第一步"),
    "tracking.status": ("Status", "状态"),
    "tracking.promises": ("Promises", "承诺数"),
    "tracking.promised": ("Promised (CNY)", "承诺金额(元)"),
    "tracking.kept_amount": ("Kept (CNY)", "已兑现金额(元)"),
    "tracking.promised_date": ("Promised for", "承诺付款日"),
    "tracking.made_on": ("Made on", "承诺日期"),
    "tracking.contact": ("Who promised", "承诺人"),
    "tracking.aging_sentence": (
        "On {as_of}: **CNY {open:,.0f}** open, of which **{pct_current:.1f} %** is not yet due and "
        "**{pct_over_90:.1f} %** is more than 90 days past due.",
        "截至 {as_of}:应收余额 **{open:,.0f} 元**,其中 **{pct_current:.1f}%** 未到期,"
        "**{pct_over_90:.1f}%** 逾期超过 90 天。",
    ),
    "tracking.dso_sentence": (
        "Over the last 90 days: DSO **{dso:.1f} days**, best possible DSO **{bpdso:.1f} days**, so the "
        "customers' lateness costs **{add:.1f} days** of sales (ADD).",
        "按最近 90 天计算:周转天数 **{dso:.1f} 天**,最佳周转天数 **{bpdso:.1f} 天**,"
        "客户拖欠多占用了 **{add:.1f} 天**的销售额(平均逾期天数)。",
    ),
    "tracking.cei_sentence": (
        "In the last {months} months the company collected on average **{cei:.1f} %** of what it could "
        "collect (CEI); the best month reached {best:.1f} %, the worst {worst:.1f} %.",
        "最近 {months} 个月,公司平均收回了可收款项的 **{cei:.1f}%**(回款有效指数);"
        "最好的月份 {best:.1f}%,最差的 {worst:.1f}%。",
    ),
    "tracking.dunning_sentence": (
        "In the week after {as_of}, **{steps} steps** fall due on **{invoices} invoices** of {customers} customers.",
        "{as_of} 之后一周内,有 **{customers} 家客户的 {invoices} 张发票**共 **{steps} 个催收动作**到期。",
    ),
    "tracking.promise_sentence": (
        "Of CNY {promised:,.0f} promised (promises whose date has passed), **CNY {kept:,.0f}** came on time: "
        "a kept rate of **{rate:.1f} %**. {open} promises are still open.",
        "已到期的付款承诺共 {promised:,.0f} 元,按时兑现 **{kept:,.0f} 元**:兑现率 **{rate:.1f}%**。"
        "还有 {open} 个承诺未到期。",
    ),
}
if not set(_TEXTS) <= set(CATALOG):
    register(_TEXTS)

#: Risk weights by debtor type for the worklist [C]: the kit's illustrative defaults.
DEFAULT_TYPE_WEIGHTS: dict[str, float] = {
    "able_willing": 1.0,
    "able_unwilling": 1.5,
    "unable_willing": 2.0,
    "unable_unwilling": 3.0,
}


def bucket_label(edges: tuple[int, ...], index: int, lang: str = "en") -> str:
    """Label of bucket ``index`` on days past due for the overdue upper bounds ``edges``
    (current first): (30, 60) -> current, 1-30, 31-60, over 60 / 未到期, 1-30天, 31-60天, 60天以上."""
    check_lang(lang)
    bounds = (0, *edges)
    if not 0 <= index <= len(bounds):
        raise ValueError(f"bucket {index} does not exist for edges {list(edges)}")
    if index == 0:
        return t("tracking.bucket_current", lang)
    if index == len(bounds):
        return t("tracking.bucket_over", lang).format(a=bounds[-1])
    return t("tracking.bucket_range", lang).format(a=bounds[index - 1] + 1, b=bounds[index])


def debtor_type_label(code: str, lang: str = "en") -> str:
    """The four debtor types' short name in ``lang`` (02.02): "Stalling" / "拖欠型"; unknown codes as given."""
    check_lang(lang)
    if code not in DEBTOR_TYPES:
        return str(code)
    kind = DEBTOR_TYPES[code]
    return kind.short("zh") if lang == "zh" else f"{kind.short('en')} ({kind.short('zh')})"


def aging_report(ledger: Any, as_of: Any, lang: str = "en", edges: Sequence[int] = (30, 60, 90, 180, 365)) -> pd.DataFrame:
    """The aging report of a `PreparedLedger` on days past due: bucket (label in ``lang``),
    amount, count, share (% of the open balance). ``edges``: upper bounds of the overdue
    buckets (current, not yet due, comes first)."""
    check_lang(lang)
    edges = tuple(int(e) for e in edges)
    table = ledger.aging(as_of, (0, *edges))
    table["bucket"] = [bucket_label(edges, i, lang) for i in range(len(table))]
    total = table["amount"].sum()
    table["share"] = table["amount"] / total * 100 if total else float("nan")
    return table


def weights_by_customer(customers: pd.DataFrame, type_weights: Mapping[str, float]) -> pd.Series:
    """Risk weight per customer_id from its ``debtor_type`` (customers.csv); unknown types
    or missing weights raise ValueError; weights must be positive."""
    bad = {k: v for k, v in type_weights.items() if not float(v) > 0}
    if bad:
        raise ValueError(f"risk weights must be positive: {bad}")
    types = customers["debtor_type"].astype(str)
    missing = sorted(set(types) - set(type_weights))
    if missing:
        raise ValueError(f"no risk weight for debtor type(s): {', '.join(missing)}")
    return pd.Series(types.map(type_weights).astype(float).to_numpy(),
                     index=customers["customer_id"].astype(str).to_numpy())


def ladder_table(lang: str = "en", ladder: Any = None) -> pd.DataFrame:
    """The dunning ladder as the process calendar: offset (e.g. "-5", "0", "+7") and step."""
    check_lang(lang)
    steps = ladder_frame(ladder)
    return pd.DataFrame({
        "offset": [f"{o:+d}" if o else "0" for o in steps["offset"]],
        "step": steps["zh" if lang == "zh" else "en"],
    })


def steps_due(schedule: pd.DataFrame, as_of: Any, days: int = 7) -> pd.DataFrame:
    """Rows of a `dunning_schedule` whose next step falls due after ``as_of`` and within
    ``days`` days (the week's to-do list), soonest first, then largest amount."""
    if days < 1:
        raise ValueError("days must be at least 1")
    start = pd.Timestamp(as_of).normalize()
    due = schedule["next_step_date"]
    week = schedule[(due > start) & (due <= start + pd.Timedelta(days=days))]
    return week.sort_values(["next_step_date", "open_amount"], ascending=[True, False], kind="mergesort").reset_index(drop=True)


def by_step(schedule: pd.DataFrame, lang: str = "en", ladder: Any = None) -> pd.DataFrame:
    """Open invoices by the ladder step they have reached (in ladder order, then those not
    yet at the first step): step, count, amount."""
    check_lang(lang)
    steps = ladder_frame(ladder)
    order = [*steps["code"], None]
    names = [*steps["zh" if lang == "zh" else "en"], t("tracking.not_yet", lang)]
    reached = schedule["last_step"].astype(object).where(schedule["last_step"].notna(), None)
    rows = []
    for code, name in zip(order, names, strict=True):
        mask = reached.isna() if code is None else reached == code
        rows.append({"step": name, "count": int(mask.sum()), "amount": float(schedule.loc[mask, "open_amount"].sum())})
    return pd.DataFrame(rows)


def promises_by_status(status: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """`promise_status` output counted by status (kept, partly kept, broken, open): status
    (in ``lang``), promises, promised, kept_amount."""
    check_lang(lang)
    rows = []
    for code in STATUSES:
        mine = status[status["status"] == code]
        rows.append({"status": STATUS_LABELS[code][lang], "code": code, "promises": int(len(mine)),
                     "promised": float(mine["promised_amount"].sum()), "kept_amount": float(mine["kept_amount"].sum())})
    return pd.DataFrame(rows)
