"""The label catalogue. Each key has an English and a Chinese text.

English texts of course terms carry the Chinese term beside them (the course is Chinese;
learners recognise its words), via `term()`: "Days sales outstanding (应收账款周转天数)".
Modules add their own entries with `register()` so the catalogue stays one place to look.
"""

from __future__ import annotations

LANGS = ("en", "zh")

# key: (english, chinese). Keep keys short, dotted by area.
CATALOG: dict[str, tuple[str, str]] = {
    # the three key questions (灵魂三问)
    "q.title": ("The three key questions", "灵魂三问"),
    "q.1": ("How much receivables can we afford to carry?", "我们能承受多大规模的应收账款?"),
    "q.2": ("What risks do our customers carry?", "客户的风险有哪些?"),
    "q.3": ("How do we identify those risks and reduce them?", "如何识别客户风险并有效降低风险?"),
    # affordability (应收账款承受能力)
    "afford.title": ("How much receivables can we afford?", "我们能承受多大规模的应收账款?"),
    "afford.equity": ("Equity for working capital", "可用于营运资金的自有资金"),
    "afford.credit_line": ("Committed bank credit line", "已承诺的银行授信"),
    "afford.payables": ("Supplier credit (payables)", "供应商账期(应付账款)"),
    "afford.inventory": ("Inventory", "存货"),
    "afford.minimum_cash": ("Minimum cash", "最低现金保有量"),
    "afford.annual_sales": ("Annual credit sales", "年度赊销额"),
    "afford.target_dso": ("Days sales outstanding", "应收账款周转天数"),
    "afford.funds_available": ("Funds available", "可用资金"),
    "afford.ceiling": ("Receivables ceiling", "应收账款上限"),
    "afford.required": ("Receivables at this DSO", "该周转天数下的应收账款"),
    "afford.headroom": ("Headroom", "剩余空间"),
    "afford.max_dso": ("Longest DSO the funds allow", "资金可承受的最长周转天数"),
    "afford.ok": ("Within what the company can carry.", "在公司可承受范围之内。"),
    "afford.over": (
        "Over the ceiling: the receivables must be financed by money the company does not have.",
        "超出上限:这部分应收账款需要公司并不具备的资金来支撑。",
    ),
    "afford.chart": ("Receivables vs. the ceiling", "应收账款与承受上限"),
    "unit.days": ("days", "天"),
    "unit.cny": ("CNY", "元"),
    "unit.10k_cny": ("CNY 10k", "万元"),
    # generic
    "figures.title": ("Key figures of this notebook", "本节关键数据"),
    "figures.name": ("figure", "指标"),
    "figures.value": ("value", "数值"),
}


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add catalogue entries; a key may be defined once only (one source of truth)."""
    clash = sorted(set(entries) & set(CATALOG))
    if clash:
        raise ValueError(f"catalogue keys defined twice: {', '.join(clash)}")
    CATALOG.update(entries)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def t(key: str, lang: str = "en") -> str:
    """The text of `key` in `lang`. A missing key is a bug: it raises KeyError."""
    en, zh = CATALOG[key]
    return zh if check_lang(lang) == "zh" else en


def term(key: str, lang: str = "en") -> str:
    """A course term: English with the Chinese beside it, or Chinese alone."""
    en, zh = CATALOG[key]
    return zh if check_lang(lang) == "zh" else f"{en} ({zh})"
