"""Catalogue entries of the case notebooks 03-06 (key -> (English, Chinese)).

Sentences carry ``{placeholders}`` filled with computed figures by the notebooks, so no
figure is ever typed into the prose.
"""

from __future__ import annotations

from receivables.i18n.catalog import CATALOG, register

ENTRIES: dict[str, tuple[str, str]] = {
    # a section needs a table the ledger does not have: one sentence, then skip
    "cases.missing.customers": (
        "This ledger has no customer table (customers.csv beside it, or `customers:` in the mapping), so this section is skipped.",
        "本账目没有客户资料表(账目旁的 customers.csv 或映射中的 customers:),本节略过。"),
    "cases.missing.debtor_type": (
        "The customer table has no debtor_type column (able/unable × willing/unwilling), so this section is skipped.",
        "客户资料表没有客户类型(debtor_type:有/无能力 × 有/无意愿)一列,本节略过。"),
    "cases.missing.credit_limit": (
        "The customer table has no credit_limit column, so credit limits and their use are skipped.",
        "客户资料表没有信用额度(credit_limit)一列,信用额度与使用率略过。"),
    "cases.missing.activities": (
        "This ledger has no collection log (activities.csv beside it), so this section is skipped.",
        "本账目没有催收记录(账目旁的 activities.csv),本节略过。"),
    "cases.missing.excuses": (
        "The collection log records no excuses (excuse_code column), so this section is skipped.",
        "催收记录中没有拒付借口(excuse_code 一列),本节略过。"),
    "cases.rejected_side": (
        "{table}: {rejected} of {read} rows could not be used and are left out here "
        "(each with its row number and reason in rejected-{name}.csv).",
        "{table}:{read} 行中有 {rejected} 行无法使用,本节未计入(行号与原因见 rejected-{name}.csv)。"),
    # the tables read beside the invoices, as the sentence above names them ({table})
    "cases.table.payments": ("payments", "收款表"),
    "cases.table.customers": ("customers", "客户资料表"),
    "cases.table.promises": ("promises", "付款承诺表"),
    "cases.table.activities": ("activities", "催收记录表"),
    "cases.table.financials": ("financials", "客户财务报表"),
    "cases.missing.promises": (
        "This ledger has no promises to pay (promises.csv beside it), so this section is skipped.",
        "本账目没有付款承诺记录(账目旁的 promises.csv),本节略过。"),
    "cases.missing.financials": (
        "This ledger has no financial statements of customers (financials.csv beside it), so Z″ is skipped.",
        "本账目没有客户财务报表(账目旁的 financials.csv),Z″ 分析略过。"),
    "cases.missing.roll_history": (
        "Too little history for roll rates (an aging bucket held nothing in the last 12 month ends), so the provision matrix is skipped.",
        "历史数据不足以计算迁徙率(近12个月末有账龄段余额为零),准备矩阵略过。"),
    "cases.no_types_weights": (
        "Without debtor types in a customer table, every customer gets risk weight 1.",
        "客户资料中没有客户类型,所有客户的风险权重均为1。"),
    "cases.no_activities_limitation": (
        "Without a collection log no demand or acknowledgement is known: every clock runs from the due date.",
        "没有催收记录,无法得知催款函或债务确认:时效一律从到期日起算。"),
    # table headers
    "cases.rank": ("Rank", "排名"),
    "cases.customer": ("Customer", "客户"),
    "cases.invoice": ("Invoice", "发票号"),
    "cases.open_balance": ("Open balance", "未收余额"),
    "cases.overdue_balance": ("Overdue", "逾期金额"),
    "cases.oldest_dpd": ("Oldest, days past due", "最长逾期天数"),
    "cases.days_past_due": ("Days past due", "逾期天数"),
    "cases.share": ("Share of open balance", "占未收余额"),
    "cases.cumulative_share": ("Cumulative share", "累计占比"),
    "cases.type": ("Debtor type", "客户类型"),
    "cases.ability": ("Ability", "还款能力"),
    "cases.willingness": ("Willingness", "还款意愿"),
    "cases.who": ("Who they are", "特征"),
    "cases.first_step": ("First step", "第一步"),
    "cases.customers": ("Customers", "客户数"),
    "cases.overdue_share": ("Share of all overdue", "占全部逾期"),
    "cases.bucket": ("Bucket (days past due)", "账龄段(逾期天数)"),
    "cases.count": ("Invoices", "发票数"),
    "cases.balance": ("Balance", "余额"),
    "cases.collectability": ("Still collectable", "可收回比例"),
    "cases.expected_recovery": ("Expected recovery", "预计收回"),
    "cases.expected_loss": ("Expected loss", "预计损失"),
    "cases.carrying_cost": ("Carrying cost so far", "已发生的资金占用成本"),
    "cases.loss_chart": ("Open balance by bucket: expected recovery and loss", "各账龄段余额:预计收回与损失"),
    "cases.curve_chart": ("Collectability curve", "账款可收回率曲线"),
    "cases.months_past_due": ("Months past due", "逾期月数"),
    "cases.top_debtors_chart": ("Top debtors: open balance and overdue part", "欠款最多的客户:未收余额与逾期部分"),
    "cases.overdue_invoices": ("Overdue invoices", "逾期发票数"),
    "cases.avg_dpd": ("Average days past due", "平均逾期天数"),
    "cases.risk_weight": ("Risk weight", "风险权重"),
    "cases.priority": ("Priority (amount × days × weight)", "优先级(金额×天数×权重)"),
    "cases.approach": ("Approach", "催收策略"),
    "cases.script": ("Opening line", "开场话术"),
    "cases.step": ("Step", "催收步骤"),
    "cases.offset": ("Day from due date", "距到期日天数"),
    "cases.amount": ("Amount", "金额"),
    "cases.date": ("Date", "日期"),
    "cases.before_ladder": ("Not yet at the first step", "尚未到第一步"),
    "cases.status": ("Status", "状态"),
    "cases.promises": ("Promises", "承诺数"),
    "cases.promised": ("Amount promised", "承诺金额"),
    "cases.broken": ("Broken", "未兑现"),
    "cases.kept_rate": ("Kept rate", "兑现率"),
    "cases.due_date": ("Due date", "到期日"),
    "cases.expires_on": ("Limitation ends", "诉讼时效届满日"),
    "cases.days_left": ("Days left", "剩余天数"),
    "cases.last_event": ("Clock started by", "时效起算事件"),
    "cases.score": ("Score", "评分"),
    "cases.grade": ("Grade", "等级"),
    "cases.action": ("Action", "建议措施"),
    "cases.weight": ("Weight", "权重"),
    "cases.factor": ("Factor", "因素"),
    "cases.year": ("Year", "年度"),
    "cases.z": ("Z″", "Z″"),
    "cases.z_previous": ("Z″ the year before", "上年 Z″"),
    "cases.zone": ("Zone", "区间"),
    "cases.signals": ("Warning signals", "危险信号"),
    "cases.days_late_recent": ("Days late, last 6 months", "近6个月平均逾期天数"),
    "cases.days_late_earlier": ("Days late, 6 months before", "此前6个月平均逾期天数"),
    "cases.limit": ("Credit limit", "信用额度"),
    "cases.utilisation": ("Used", "使用率"),
    "cases.available": ("Available", "可用额度"),
    "cases.limit_review": ("Over the limit: what the rules of thumb would give.", "超出额度的客户:按经验法则应给的额度。"),
    "cases.rule_net_worth": ("10 % of net worth", "净资产的10%"),
    "cases.rule_working_capital": ("10 % of working capital", "营运资金的10%"),
    "cases.rule_purchases": ("Purchases × terms", "月采购额×账期"),
    "cases.recommended": ("Recommended limit", "建议额度"),
    "cases.rate": ("Rate", "计提比例"),
    "cases.allowance": ("Allowance", "坏账准备"),
    "cases.roll_rate": ("Roll rate", "迁徙率"),
    "cases.loss_rate": ("Loss rate", "损失率"),
    "cases.age_bucket": ("Age (from invoice date)", "账龄(自开票日)"),
    "cases.z_chart": ("Open balance by Z″ zone", "按 Z″ 区间的未收余额"),
    "cases.no_zone": ("No statements", "无报表"),
    "cases.dunning_chart": ("Open invoices by dunning step reached", "按已到催收步骤的未结发票"),
    # sentences (placeholders are filled by the notebooks)
    "cases.s.top": (
        "The largest debtor, **{name}**, owes **{balance}**, {share} of the open balance; the top {k} hold **{top5}**.",
        "欠款最多的客户 **{name}** 欠 **{balance}**,占未收余额的 {share};前 {k} 大客户合计占 **{top5}**。"),
    "cases.s.types": (
        "Customers of the two unwilling types owe **{unwilling}** of all overdue; the unable ones **{unable}**.",
        "两类“无意愿”客户占全部逾期的 **{unwilling}**;两类“无能力”客户占 **{unable}**。"),
    "cases.s.excuses": (
        "The log holds **{n}** excuses from {customers} customers; the one heard most is “{top}” ({times} times).",
        "记录中共有 **{n}** 条拒付借口,来自 {customers} 家客户;最常听到的是“{top}”({times} 次)。"),
    "cases.s.profit": (
        "Of the open balance of {open}, **{overdue}** is overdue. By the collectability curve, about **{loss}** will never be "
        "collected; carrying the overdue part has already cost {carry} at {rate} a year. At a net margin of {margin}, "
        "earning back the loss takes **{sales}** of new sales.",
        "未收余额 {open} 中逾期 **{overdue}**。按可收回率曲线,约 **{loss}** 将无法收回;按年资金成本 {rate},逾期占款已产生"
        "成本 {carry}。按净利率 {margin},需要新增 **{sales}** 的销售才能弥补这笔损失。"),
    "cases.s.profit_no_margin": (
        "With a net margin of zero or less, no amount of new sales earns the loss back.",
        "净利率为零或负数时,再多的销售也无法弥补损失。"),
    "cases.s.worklist": (
        "**{n}** customers have overdue invoices. Call **{name}** first: {overdue} overdue, the oldest {days} days past due.",
        "共有 **{n}** 家客户有逾期发票。首先联系 **{name}**:逾期 {overdue},最长逾期 {days} 天。"),
    "cases.s.nothing_open": ("Nothing is open as of this date.", "截至基准日没有未收款项。"),
    "cases.s.worklist_none": ("Nothing is overdue as of this date: no worklist.", "截至基准日没有逾期款项,无需催收清单。"),
    "cases.s.dunning": (
        "{soon} dunning steps fall due in the next {days} days.",
        "未来 {days} 天内有 {soon} 个催收步骤到期。"),
    "cases.s.promises": (
        "**{n}** promises to pay: {kept} kept, {partly} partly kept, {broken} broken, {open} still open. "
        "Kept rate (amount paid by the promised date ÷ amount promised): **{rate}**.",
        "共 **{n}** 个付款承诺:已兑现 {kept} 个,部分兑现 {partly} 个,未兑现 {broken} 个,未到期 {open} 个。"
        "兑现率(承诺日前实付金额 ÷ 承诺金额):**{rate}**。"),
    "cases.s.limitation": (
        "**{soon}** open invoices ({soon_amount}) reach the end of the limitation period within {warn} days, "
        "and **{expired}** ({expired_amount}) are past it.",
        "有 **{soon}** 张未结发票(合计 {soon_amount})将在 {warn} 天内届满诉讼时效,另有 **{expired}** 张(合计 {expired_amount})已过时效。"),
    "cases.s.scorecard": (
        "Factors used: {factors}. Grades: {grades}.",
        "使用的评分因素:{factors}。各等级客户数:{grades}。"),
    "cases.s.z": (
        "Latest Z″ of {n} customers: {safe} safe, {grey} grey, {distress} in distress; those in distress owe **{owed}**.",
        "{n} 家客户最新的 Z″:安全区 {safe} 家,灰色区 {grey} 家,危险区 {distress} 家;危险区客户欠款 **{owed}**。"),
    "cases.s.signals": (
        "**{n}** customers show at least one warning signal in their payments.",
        "共有 **{n}** 家客户的付款行为出现至少一个危险信号。"),
    "cases.s.limits": (
        "**{n}** customers owe more than their credit limit, together {over} above it.",
        "有 **{n}** 家客户欠款超过信用额度,合计超出 {over}。"),
    "cases.s.provisions": (
        "Aging method (账龄分析法): allowance **{aging}**. Provision matrix from roll rates (迁徙率) of the last 12 months: "
        "expected loss **{matrix}**.",
        "账龄分析法计提坏账准备 **{aging}**;按近12个月迁徙率计算的准备矩阵预计损失 **{matrix}**。"),
    "cases.s.provisions_aging": (
        "Aging method (账龄分析法): allowance **{aging}**.", "账龄分析法计提坏账准备 **{aging}**。"),
    # the opening line of a call, per debtor type [authored for this kit]
    "cases.script.able_willing": (
        "“Your invoice is due soon; is anything missing on our side so it goes into your next payment run?”",
        "“贵司这张发票快到期了,我们这边还缺什么单据吗?好让它赶上下一次付款。”"),
    "cases.script.able_unwilling": (
        "“Let us settle the point you raised this week, in writing; can the undisputed part be paid by Friday?”",
        "“您提的问题我们本周书面解决;没有争议的部分,周五前能先付吗?”"),
    "cases.script.unable_willing": (
        "“We want to help you through this: how much can you pay now, and when does the rest come in? Let us put it in a plan.”",
        "“我们愿意和您一起渡过难关:现在能付多少?其余的什么时候到账?我们把它写成还款计划。”"),
    "cases.script.unable_unwilling": (
        "“This is our formal written demand for the amount overdue; deliveries are on hold until it is settled.”",
        "“这是我司就逾期款项发出的正式书面催款函;款项结清前暂停发货。”"),
}

if "cases.rank" not in CATALOG:  # importing twice (reload) must not register twice
    register(ENTRIES)
