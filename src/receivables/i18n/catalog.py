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
    # case run on a company's ledger (receivables case run)
    "case.sheet.summary": ("Summary", "汇总"),
    "case.sheet.by_customer": ("Aging by customer", "客户账龄"),
    "case.sheet.open_items": ("Open invoices", "未结发票"),
    "case.sheet.rejected": ("Rejected rows", "拒收行"),
    "case.figure": ("Figure", "指标"),
    "case.value": ("Value", "数值"),
    "case.bucket": ("Bucket (days past due)", "账龄段(逾期天数)"),
    "case.amount": ("Amount", "金额"),
    "case.count": ("Invoices", "发票数"),
    "case.customer": ("Customer", "客户"),
    "case.report_title": ("The case on your ledger", "贵公司账目上的案例"),
    # ---- chapter 02, About receivables (关于应收账款) ----
    # 02.00 why receivables arise: credit terms, liquidity and risk (reports.overview)
    "overview.terms": ("Credit terms", "信用账期"),
    "overview.invoices": ("Invoices", "发票数"),
    "overview.amount": ("Amount invoiced (CNY)", "开票金额(元)"),
    "overview.share": ("Share of the amount", "金额占比"),
    "overview.cod": ("Cash on delivery (no credit)", "货到付款(无账期)"),
    "overview.credit_sentence": (
        "**{share:.1f} %** of what the case company invoiced went out on credit terms: almost "
        "every sale it made created a receivable.",
        "案例公司开票金额中有 **{share:.1f}%** 给了信用账期:几乎每一笔销售都产生了应收账款。",
    ),
    "overview.not_due": ("Not yet due", "未到期"),
    "overview.overdue": ("Overdue", "已逾期"),
    "overview.collections": ("Collected in the month", "当月回款"),
    "overview.history_chart": ("Receivables at each month end", "各月末应收账款"),
    "overview.two_sides": (
        "On {as_of} customers owe **CNY {open:,.0f}**, about **{dso:.0f} days** of sales (DSO): "
        "money the company has earned but cannot use yet (**liquidity**). **CNY {overdue:,.0f}** of "
        "it (**{share:.1f} %**) is already past due, and {over90:.1f} % is more than 90 days past "
        "due (**risk**).",
        "截至 {as_of},客户共欠 **{open:,.0f} 元**,约合 **{dso:.0f} 天**的销售额(应收账款周转天数):"
        "公司已经挣到、却还用不上的钱(**流动性**)。其中 **{overdue:,.0f} 元**(**{share:.1f}%**)"
        "已经逾期,{over90:.1f}% 逾期超过 90 天(**风险性**)。",
    ),
    # 02.00 management cost of chasing (collection.effort)
    "effort.activity": ("Activity", "催收动作"),
    "effort.count": ("Number", "次数"),
    "effort.minutes": ("Minutes each", "每次分钟数"),
    "effort.hours": ("Hours", "小时"),
    "effort.cost": ("Cost (CNY)", "成本(元)"),
    "effort.sentence": (
        "The log holds **{n:,} activities**: about **{hours:,.0f} hours** of staff time "
        "({days:,.0f} working days of 8 hours), **CNY {cost:,.0f}**, spent getting money that "
        "customers already owed: time not spent selling.",
        "催收记录共有 **{n:,} 次**催收动作:约 **{hours:,.0f} 小时**人工(按每天 8 小时计 "
        "{days:,.0f} 个工作日),折合 **{cost:,.0f} 元**,都花在收回客户本就该付的钱上:这些时间本可以用来销售。",
    ),
    "kind.call": ("Phone call", "电话"),
    "kind.email": ("E-mail", "邮件"),
    "kind.letter": ("Letter", "函件"),
    "kind.statement": ("Account statement", "对账单"),
    "kind.acknowledgement": ("Written acknowledgement of the debt", "债务确认"),
    "kind.demand": ("Formal demand for payment", "催款函"),
    "kind.visit": ("Visit", "拜访"),
    # 02.01 overdue and profit (widgets.profit_impact)
    "impact.bad_debt": ("Bad debt", "坏账金额"),
    "impact.margin": ("Net profit margin", "净利润率"),
    "impact.balance": ("Overdue balance", "逾期金额"),
    "impact.annual_rate": ("Cost of funds (a year)", "资金成本(年利率)"),
    "impact.days_overdue": ("Days overdue", "逾期天数"),
    "impact.months": ("Months overdue", "逾期月数"),
    "impact.sales_needed": ("Sales needed to replace the bad debt", "弥补坏账所需销售额"),
    "impact.carrying_cost": ("Carrying cost", "资金成本"),
    "impact.collectability": ("Chance of collecting", "可收回概率"),
    "impact.expected_loss": ("Expected loss", "预计损失"),
    "impact.total_cost": ("Total cost of the delay", "逾期总成本"),
    "impact.sales_to_replace_total": ("Sales needed to replace the total", "弥补总成本所需销售额"),
    "impact.sentence": (
        "A bad debt of CNY {bad_debt} at a {margin} net margin takes CNY {sales} of new sales to earn "
        "back. CNY {balance} overdue for {days} days ({months} months) has a {share} chance of "
        "being collected: an expected loss of CNY {loss}.",
        "坏账 {bad_debt} 元,按 {margin} 的净利润率,需要新增销售额 {sales} 元才能赚回。"
        "逾期 {days} 天({months} 个月)的 {balance} 元欠款,收回的可能性为 {share}:预计损失 {loss} 元。",
    ),
    "impact.survey_points": ("Survey figures", "调查数据"),
    "impact.this_debt": ("This debt", "本笔欠款"),
    "impact.collectable_pct": ("Share still collectable (%)", "仍可收回比例(%)"),
    "impact.chart": ("Collectability falls with age", "账龄越长,越难收回"),
    "impact.source": (
        "Source: survey figures attributed to the Commercial Collection Agency Association "
        "(CCAA, US); editions differ.",
        "来源:美国商账追收协会(CCAA)的调查数据,各版本数字略有不同。",
    ),
    "impact.source_own": ("Curve: your own figures.", "曲线:您自己的数据。"),
    "impact.bad_debt_sentence": (
        "A bad debt of **CNY {bad_debt:,.0f}** at a **{margin:.1%}** net margin takes "
        "**CNY {sales:,.0f}** of new sales to earn back: {times:,.0f} times the debt.",
        "坏账 **{bad_debt:,.0f} 元**,按 **{margin:.1%}** 的净利润率,需要新增销售额 "
        "**{sales:,.0f} 元**才能赚回:是坏账金额的 {times:,.0f} 倍。",
    ),
    "impact.carrying_sentence": (
        "Carrying **CNY {balance:,.0f}** for **{days:,.0f} days** at {rate:.2%} a year costs "
        "**CNY {cost:,.0f}**: the whole profit on CNY {sales:,.0f} of sales.",
        "以年利率 {rate:.2%} 垫付 **{balance:,.0f} 元** **{days:,.0f} 天**,资金成本为 "
        "**{cost:,.0f} 元**:相当于 {sales:,.0f} 元销售额的全部利润。",
    ),
    "impact.collect_sentence": (
        "After **{days:,.0f} days** ({months:.1f} months) overdue the curve leaves a "
        "**{share:.0%}** chance of collecting: an expected loss of **CNY {loss:,.0f}** on this "
        "invoice.",
        "逾期 **{days:,.0f} 天**({months:.1f} 个月)后,按曲线只剩 **{share:.0%}** 的收回可能:"
        "这张发票预计损失 **{loss:,.0f} 元**。",
    ),
    "impact.discount_sentence": (
        "**{dpct:g}/{dd} net {nd}** costs the company **{simple:.1%} a year** ({compounded:.1%} "
        "compounded), against a cost of funds of {rate:.2%}.",
        "**{dpct:g}/{dd}, n/{nd}** 的现金折扣,折合年化成本 **{simple:.1%}**(复利 {compounded:.1%}),"
        "而公司的资金成本只有 {rate:.2%}。",
    ),
    # 02.02 causes, debtor types, fishbone, excuses (collection.causes, .debtor_types, .excuses)
    "causes.cause": ("Cause (course page)", "原因(课程原文)"),
    "causes.side": ("Whose side", "哪一方"),
    "causes.ours": ("Ours (the seller)", "我方(销售方)"),
    "causes.theirs": ("The customer's", "客户方"),
    "fishbone.head": ("Overdue\nreceivables\n应收逾期", "应收逾期"),
    "fishbone.title": (
        "Reasons for arrears: a cause-and-effect diagram (欠款原因分析示意图)",
        "欠款原因分析示意图",
    ),
    "fishbone.legend": (
        "★ named by the course page   + your team's   other causes authored for this kit",
        "★ 课程原文列出的原因   + 本组补充   其余为本教材编写",
    ),
    "debtor.ability": ("Ability to pay", "还款能力"),
    "debtor.willingness": ("Willingness to pay", "还款意愿"),
    "debtor.able": ("Able to pay", "有能力"),
    "debtor.unable": ("Unable to pay", "无能力"),
    "debtor.willing": ("Willing", "有意愿"),
    "debtor.unwilling": ("Unwilling", "无意愿"),
    "debtor.approach": ("Recommended approach", "建议的催收策略"),
    "debtor.example": ("Example in the case", "案例中的客户"),
    "debtor.customers_n": ("{n} customers in the case", "案例中有 {n} 家客户"),
    "debtor.chart": ("Four types of debtor customers", "应收账款客户的4大类型"),
    "debtor.type": ("Debtor type", "客户类型"),
    "debtor.customers": ("Customers", "客户数"),
    "debtor.open_balance": ("Open balance (CNY)", "未收余额(元)"),
    "debtor.overdue_balance": ("Overdue (CNY)", "逾期金额(元)"),
    "debtor.overdue_share": ("Share of all overdue", "占全部逾期比例"),
    "excuse.excuse": ("Excuse", "借口"),
    "excuse.times": ("Times heard", "出现次数"),
    "excuse.share": ("Share", "占比"),
    "excuse.customers": ("Customers", "客户数"),
    "excuse.example": ("Heard most often", "最常听到的说法"),
    "excuse.check_first": ("Check first (authored)", "首先核实(本教材编写)"),
    "excuse.chart": ("Customers' excuses in the collection log", "催收记录中的客户拒付借口"),
    "excuse.cash_flow": ("Cash is tight", "资金紧张"),
    "excuse.not_received_invoice": ("Invoice not received", "没收到发票"),
    "excuse.quality_dispute": ("Quality dispute", "质量纠纷"),
    "excuse.boss_away": ("The boss is away", "老板不在"),
    "excuse.paid_already": ("Already paid", "已经付了"),
    "excuse.waiting_approval": ("Waiting for approval", "等待审批"),
    "excuse.no_budget": ("No budget", "没有预算"),
    "excuse.unreachable": ("Cannot be reached", "联系不上"),
    # ---- end of chapter 02 ----
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
