"""Credit assessment (信用评估的技术与方法): the 5 Cs, where to look, and the case's limits.

Domain reference 5 names the five Cs [D]; what to check for each, the sources of
information and the mapping to the kit's measures are authored for this kit (the seeds
name the topic only). `limit_review` compares each case customer's current limit with the
rules of thumb of `receivables.risk.limits` and with what it owes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from receivables.metrics import open_items
from receivables.risk.limits import (
    METHOD_LABELS,
    case_limit_inputs,
    credit_limit_frame,
    own_sales,
    utilisation,
)

#: The five Cs: name, the question, what to check, where the kit measures it. (en, zh) pairs.
FIVE_CS: tuple[dict[str, tuple[str, str]], ...] = (
    {"c": ("Character", "品质"), "question": ("Will it pay?", "愿不愿意付?"),
     "check": ("How it has paid us and others; promises kept; court enforcement records (失信被执行人); the owner's reputation",
               "对我方和其他供应商的付款记录;承诺是否兑现;法院执行记录(失信被执行人);老板的口碑"),
     "kit": ("Payment history in the scorecard (05.00); warning signals (05.01)", "评分卡中的付款记录(05.00);危险信号(05.01)")},
    {"c": ("Capacity", "能力"), "question": ("Can it pay from its business?", "有没有能力付?"),
     "check": ("Sales and profit trend, cash flow, working capital, how fast it collects from its own customers",
               "销售与利润趋势、现金流、营运资金、它自己的回款速度"),
     "kit": ("Z″: X1 working capital, X3 EBIT", "Z″ 中的 X1 营运资金、X3 息税前利润")},
    {"c": ("Capital", "资本"), "question": ("What cushion if things go wrong?", "出问题时有多少缓冲?"),
     "check": ("Net worth, equity against debt, paid-in against registered capital (实缴/注册资本)",
               "净资产、权益与负债之比、实缴资本与注册资本"),
     "kit": ("Z″: X4; the 10 % of net worth rule", "Z″ 中的 X4;净资产10%规则")},
    {"c": ("Collateral", "抵押"), "question": ("What can we fall back on?", "万一不付,我们靠什么?"),
     "check": ("Guarantees, deposits, retention of title, bank acceptance bills (银行承兑汇票), credit insurance",
               "担保、保证金、所有权保留条款、银行承兑汇票、信用保险"),
     "kit": ("Security factor of the scorecard (05.00)", "评分卡中的担保措施(05.00)")},
    {"c": ("Conditions", "条件"), "question": ("What around it could change?", "外部环境会怎么变?"),
     "check": ("Its industry and cycle, its own big customers, policy, the region's economy",
               "所在行业与周期、它的大客户、政策、所在地区经济"),
     "kit": ("Industry factor of the scorecard (05.00)", "评分卡中的行业特征(05.00)")},
)

FIVE_CS_HEADERS = {"c": "risk.assess.c", "question": "risk.assess.question", "check": "risk.assess.check", "kit": "risk.assess.kit"}


def five_cs_table(lang: str = "en") -> pd.DataFrame:
    """The five Cs in ``lang`` (English with the Chinese name beside it)."""
    i = 1 if lang == "zh" else 0
    rows = [{k: (v[1] if lang == "zh" else f"{v[0]} ({v[1]})") if k == "c" else v[i] for k, v in entry.items()} for entry in FIVE_CS]
    return pd.DataFrame(rows)


def limit_review(tables: Mapping[str, pd.DataFrame], as_of: Any, grace_days: float = 0, lang: str = "en",
                 **shares: float) -> dict[str, Any]:
    """The case's limits three ways: utilisation of the current limits, the rules-of-thumb
    limit of every customer, and the customers whose current limit exceeds it.

    Returns {"own_sales", "inputs" (case_limit_inputs + the rules, recommended, basis,
    customer name and basis label in ``lang``), "utilisation" (`utilisation` of the current
    limits, with names), "above" (customers whose current limit exceeds the recommended
    one, largest excess first, with ``excess``)}.
    """
    inputs = case_limit_inputs(tables, as_of)
    sales = own_sales(tables["invoices"], as_of)
    frame = credit_limit_frame(inputs, sales, grace_days, **shares)
    name = "name_zh" if lang == "zh" else "name_en"
    frame["customer"] = frame[name] + " (" + frame["customer_id"] + ")"
    frame["basis_label"] = frame["basis"].map({k: v[lang] for k, v in METHOD_LABELS.items()})
    names = frame.set_index("customer_id")["customer"]
    items = open_items(tables["invoices"], tables["payments"], as_of)
    used = utilisation(items, frame.set_index("customer_id")["credit_limit"])
    used["customer"] = used["customer_id"].map(names)
    above = frame[frame["credit_limit"] > frame["recommended"]].assign(excess=lambda f: f["credit_limit"] - f["recommended"])
    return {"own_sales": sales, "inputs": frame, "utilisation": used,
            "above": above.sort_values("excess", ascending=False).reset_index(drop=True)}
