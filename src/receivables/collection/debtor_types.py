"""The four types of debtor customers (应收账款客户的4大类型) and how to collect from each.

*Authored for this kit.* The course outline only names "four types of debtor customers";
the kit sorts debtors on two questions, **can they pay?** (还款能力, ability) and **will
they pay?** (还款意愿, willingness), and writes a recommended approach for each of the
four quadrants from common credit-management practice. None of the text below quotes
the course.

The type codes are those of the case data (``customers.csv``, column ``debtor_type``):
``able_willing``, ``able_unwilling``, ``unable_willing``, ``unable_unwilling``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from receivables.i18n import check_lang
from receivables.i18n.choices import resolve_keys


@dataclass(frozen=True)
class DebtorType:
    """One quadrant of the ability x willingness matrix, in both languages. (Authored.)"""

    code: str
    able: bool
    willing: bool
    name_en: str
    name_zh: str
    short_en: str  # the type in one or two words
    short_zh: str
    summary_en: str  # who they are
    summary_zh: str
    approach_en: tuple[str, ...]  # what to do, in order
    approach_zh: tuple[str, ...]
    example: str  # customer id of the case company that shows this type

    def name(self, lang: str = "en") -> str:
        """The quadrant's name: English with the Chinese beside it, or Chinese alone."""
        return self.name_zh if check_lang(lang) == "zh" else f"{self.name_en} ({self.name_zh})"

    def short(self, lang: str = "en") -> str:
        return self.short_zh if check_lang(lang) == "zh" else self.short_en

    def summary(self, lang: str = "en") -> str:
        return self.summary_zh if check_lang(lang) == "zh" else self.summary_en

    def approach(self, lang: str = "en") -> tuple[str, ...]:
        return self.approach_zh if check_lang(lang) == "zh" else self.approach_en


DEBTOR_TYPES: dict[str, DebtorType] = {
    t.code: t
    for t in (
        DebtorType(
            code="able_willing",
            able=True,
            willing=True,
            name_en="Able and willing",
            name_zh="有能力、有意愿",
            short_en="Reliable",
            short_zh="守信型",
            summary_en="Can pay and means to. Delays come from their process: approvals, "
            "month-end payment runs, a missing document.",
            summary_zh="有钱也愿意付。拖延多半来自对方的流程:审批、月底集中付款、缺少单据。",
            approach_en=(
                "Remind a few days before the due date, politely (service, not pressure).",
                "Make paying easy: correct invoice, delivery receipt and statement, "
                "sent to the right person.",
                "Learn their payment process: who approves, on which day payments run.",
                "Keep the relationship; escalate only if the delays start to grow.",
            ),
            approach_zh=(
                "到期前几天礼貌提醒(是服务,不是施压)。",
                "让对方付款方便:发票、收货单、对账单齐全正确,送到对的人手里。",
                "摸清对方付款流程:谁审批、哪天付款。",
                "维护好关系;只有拖延变长时才升级处理。",
            ),
            example="C0007",
        ),
        DebtorType(
            code="able_unwilling",
            able=True,
            willing=False,
            name_en="Able but unwilling",
            name_zh="有能力、无意愿",
            short_en="Stalling",
            short_zh="拖欠型",
            summary_en="Has the money but holds it back: a dispute, a grievance, or using "
            "our money as cheap finance.",
            summary_zh="有钱却不付:或有纠纷、或有不满,或把我们的钱当作免费融资。",
            approach_en=(
                "Find the real reason: is there a genuine dispute, or is it an excuse?",
                "Settle valid complaints fast, in writing, and get the undisputed part "
                "paid now.",
                "Go to the person who decides, with a firm date; record every promise.",
                "Use your leverage: hold new deliveries, send a formal written demand.",
            ),
            approach_zh=(
                "找到真实原因:是真有纠纷,还是借口?",
                "有理的投诉尽快书面解决,没有争议的部分先付。",
                "找能拍板的人,约定明确日期;每个承诺都要记录。",
                "用好筹码:暂停新的发货,发出正式书面催款函。",
            ),
            example="C0037",
        ),
        DebtorType(
            code="unable_willing",
            able=False,
            willing=True,
            name_en="Willing but unable",
            name_zh="有意愿、无能力",
            short_en="Struggling",
            short_zh="困难型",
            summary_en="Wants to pay but has no cash: falling sales, its own customers pay "
            "late, the bank cut its loans.",
            summary_zh="想付却没钱:销售下滑、自己的客户拖款、银行抽贷。",
            approach_en=(
                "Understand their cash position and when money will come in.",
                "Agree a realistic payment plan, signed, with the debt acknowledged in "
                "writing.",
                "Secure what you can: bills of exchange, a guarantee, goods taken in settlement.",
                "Stop adding to the exposure: cash in advance for new orders; watch the "
                "warning signals.",
            ),
            approach_zh=(
                "了解对方的资金状况和回款时间。",
                "商定切实可行的还款计划,双方签字,并书面确认欠款。",
                "尽量取得保障:承兑汇票、担保、以货抵债。",
                "不再扩大敞口:新订单款到发货;密切关注危险信号。",
            ),
            example="C0040",
        ),
        DebtorType(
            code="unable_unwilling",
            able=False,
            willing=False,
            name_en="Unable and unwilling",
            name_zh="无能力、无意愿",
            short_en="High risk",
            short_zh="风险型",
            summary_en="No cash and no intention to pay: disappearing contacts, moved "
            "addresses, assets leaving the company.",
            summary_zh="没钱也不想付:联系人消失、地址变更、资产转移。",
            approach_en=(
                "Act now: every week lowers what you will recover.",
                "Secure the evidence (contract, invoices, delivery receipts, statements) and "
                "send a provable written demand, which restarts the limitation period.",
                "Stop all deliveries; consider a lawyer's letter, a collection agency or "
                "a lawsuit.",
                "Tell finance, so that it can book an allowance for the likely loss.",
            ),
            approach_zh=(
                "立即行动:每拖一周,能收回的就更少。",
                "固定证据(合同、发票、收货单、对账单),发出可证明的书面催款函,使诉讼时效重新计算。",
                "停止一切发货;考虑律师函、委托催收机构或起诉。",
                "通知财务,为可能的损失计提坏账准备。",
            ),
            example="C0025",
        ),
    )
}

#: The type codes, in matrix order: able row first, willing column first.
TYPE_CODES: tuple[str, ...] = tuple(DEBTOR_TYPES)


def type_code(able: bool, willing: bool) -> str:
    """The quadrant code for an answer to "can they pay?" and "will they pay?"."""
    return f"{'able' if able else 'unable'}_{'willing' if willing else 'unwilling'}"


def classify(able: bool, willing: bool) -> DebtorType:
    """The debtor type (quadrant) for ability and willingness to pay."""
    return DEBTOR_TYPES[type_code(bool(able), bool(willing))]


def debtor_type_result(able: bool, willing: bool, lang: str = "en") -> dict:
    """What the debtor-type widget shows: the quadrant (``code``), its name in ``lang`` and
    in both languages (``name_en``, ``name_zh``), the summary and the approach in ``lang``."""
    dt = classify(able, willing)
    return {
        "code": dt.code,
        "able": dt.able,
        "willing": dt.willing,
        "name": dt.name(lang),
        "name_en": dt.name_en,
        "name_zh": dt.name_zh,
        "short": dt.short(lang),
        "summary": dt.summary(lang),
        "approach": list(dt.approach(lang)),
        "example": dt.example,
    }


def balances_by_type(
    customers: pd.DataFrame, open_items: pd.DataFrame, lang: str = "en"
) -> pd.DataFrame:
    """Customers, open and overdue balance per debtor type, in matrix order.

    ``customers`` needs ``customer_id`` and ``debtor_type``; ``open_items`` (as from
    `receivables.metrics.open_items`) needs ``customer_id``, ``open_amount`` and
    ``days_past_due``. Overdue = days past due > 0. Columns: ``code``, ``type`` (the name
    in ``lang``), ``customers``, ``open_balance``, ``overdue_balance``,
    ``overdue_share`` (% of all overdue).
    """
    check_lang(lang)
    kinds = customers[["customer_id", "debtor_type"]].astype(str)
    items = open_items.assign(customer_id=open_items["customer_id"].astype(str)).merge(
        kinds, on="customer_id", how="left"
    )
    items["overdue"] = items["open_amount"].where(items["days_past_due"] > 0, 0.0)
    sums = items.groupby("debtor_type")[["open_amount", "overdue"]].sum()
    counts = kinds["debtor_type"].value_counts()
    rows = []
    for code in TYPE_CODES:
        rows.append(
            {
                "code": code,
                "type": DEBTOR_TYPES[code].name(lang),
                "customers": int(counts.get(code, 0)),
                "open_balance": float(sums["open_amount"].get(code, 0.0)),
                "overdue_balance": float(sums["overdue"].get(code, 0.0)),
            }
        )
    table = pd.DataFrame(rows)
    total = table["overdue_balance"].sum()
    table["overdue_share"] = table["overdue_balance"] / total * 100 if total else 0.0
    return table


def debtor_type_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights keyed by debtor-type code, from keys written as the code or the type's English
    or Chinese name (拖欠型, 有能力、无意愿, "Stalling", able_unwilling)."""
    return resolve_keys(
        weights,
        {c: [d.name_en, d.name_zh, d.short_en, d.short_zh] for c, d in DEBTOR_TYPES.items()},
        "weights · 权重",
    )
