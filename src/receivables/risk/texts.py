"""Catalogue entries of the follow-up and customer-risk part (chapters 04.02, 05.00, 05.04):
the payment-plan, limitation-period, scorecard, Z'' and credit-limit widgets and their
notebooks. Registered once, at import; every key starts with "risk.".
"""

from __future__ import annotations

from receivables.i18n.catalog import register
from receivables.risk.scorecard import FACTOR_LABELS

ENTRIES: dict[str, tuple[str, str]] = {
    # ---- payment plan (分期还款计划) ----
    "risk.plan.amount": ("Amount owed", "欠款金额"),
    "risk.plan.instalments": ("Instalments", "分期期数"),
    "risk.plan.rate": ("Interest a year", "年利率"),
    "risk.plan.first_due": ("First instalment due", "首期还款日"),
    "risk.plan.interval": ("Every", "还款间隔"),
    "risk.plan.month": ("month", "个月"),
    "risk.plan.quarter": ("3 months", "3个月"),
    "risk.plan.method": ("Method", "还款方式"),
    "risk.plan.equal_principal": ("Equal principal", "等额本金"),
    "risk.plan.annuity": ("Equal payments", "等额本息"),
    "risk.plan.title": ("Payment plan", "分期还款计划"),
    "risk.plan.n": ("No.", "期次"),
    "risk.plan.due_date": ("Due date", "到期日"),
    "risk.plan.payment": ("Payment", "应付金额"),
    "risk.plan.interest": ("Interest", "利息"),
    "risk.plan.principal": ("Principal", "本金"),
    "risk.plan.remaining": ("Still owed after", "剩余欠款"),
    "risk.plan.total": ("Total to be paid", "还款总额"),
    "risk.plan.total_interest": ("Interest in all", "利息合计"),
    "risk.plan.last_due": ("Last instalment due", "末期还款日"),
    "risk.plan.chart": ("What each instalment pays", "每期还款构成"),
    "risk.plan.cny": ("CNY", "元"),
    # ---- limitation period (诉讼时效) ----
    "risk.lim.due_date": ("Due date", "到期日"),
    "risk.lim.event_date": ("Last demand or acknowledgement", "最近一次催告或确认日期"),
    "risk.lim.event_kind": ("What it was", "性质"),
    "risk.lim.demand": ("Our written demand", "我方书面催告"),
    "risk.lim.acknowledgement": ("Debtor's acknowledgement", "债务人确认欠款"),
    "risk.lim.as_of": ("As of", "判断日期"),
    "risk.lim.lawsuit": ("Lawsuit", "起诉"),
    "risk.lim.arbitration": ("Arbitration", "申请仲裁"),
    "risk.lim.warn_days": ("Warn this many days before", "提前预警天数"),
    "risk.lim.period": ("Limitation period (诉讼时效)", "诉讼时效"),
    "risk.lim.clock_start": ("The clock runs from", "时效起算日"),
    "risk.lim.expires_on": ("Expires on", "时效届满日"),
    "risk.lim.days_left": ("Days left", "剩余天数"),
    "risk.lim.status": ("Status", "状态"),
    "risk.lim.counted": (
        "The {kind} of {date} restarted the clock.",
        "{date} 的{kind}使诉讼时效中断并重新起算。",
    ),
    "risk.lim.not_counted": (
        "The {kind} of {date} came after the period had run out: it does not restart it.",
        "{date} 的{kind}发生在诉讼时效届满之后,不能使时效重新起算。",
    ),
    "risk.lim.ignored": (
        "The {kind} of {date} is before the due date or after the as-of date: not counted.",
        "{date} 的{kind}早于到期日或晚于判断日期,不计入。",
    ),
    "risk.lim.chart": ("The limitation clock", "诉讼时效时间轴"),
    "risk.lim.today": ("as of", "判断日"),
    "risk.lim.note": (
        "A teaching tool, not legal advice: Civil Code art. 188 and 195 as read by the kit.",
        "教学工具,不构成法律意见:按本课程对《民法典》第188条、第195条的理解计算。",
    ),
    # limitation table of the case (04.02)
    "risk.lim.invoice": ("Invoice", "发票号"),
    "risk.lim.customer": ("Customer", "客户"),
    "risk.lim.open_amount": ("Open amount", "未收金额"),
    "risk.lim.last_event": ("Last interruption", "最近一次中断事由"),
    "risk.lim.interruptions": ("Interruptions", "中断次数"),
    # ---- escalation ladder (04.02) ----
    "risk.ladder.offset": ("Days after the due date", "到期后天数"),
    "risk.ladder.step": ("Step", "措施"),
    "risk.ladder.invoices": ("Open invoices at this step", "处于该步骤的未结发票"),
    "risk.ladder.amount": ("Their open amount", "未收金额"),
    # ---- 04.02 after the meeting: sentences computed from the case ----
    "risk.after.claim": (
        "*Case:* **{name}** ({customer_id}) owes **CNY {amount:,.2f}** on invoice {invoice}, due on "
        "{due}: on {as_of} it is **{days:,} days** past due. Activities in the log since the due date: "
        "{acts}; written demands or acknowledgements among them: {interrupting}.",
        "*案例:* **{name}**({customer_id})的发票 {invoice} 欠款 **{amount:,.2f} 元**,到期日 {due};"
        "截至 {as_of} 已逾期 **{days:,} 天**。到期后的催收记录共 {acts} 条,其中书面催告或对方确认 {interrupting} 条。",
    ),
    "risk.after.ladder_sentence": (
        "On {as_of}, **{n:,} open invoices (CNY {amount:,.0f})** have passed the last step, "
        "+{offset} days: by the calendar they should be with a collection agency or a lawyer.",
        "截至 {as_of},有 **{n:,} 张未结发票(共 {amount:,.0f} 元)** 已过最后一步(到期后 {offset} 天):"
        "按节奏应已委托催收机构或律师处理。",
    ),
    "risk.after.limitation_sentence": (
        "Of the case's {n:,} open invoices on {as_of}: **{soon}** will expire within {warn} days "
        "(即将届满), **{expired}** have expired (已过诉讼时效). The nearest:",
        "截至 {as_of},案例的 {n:,} 张未结发票中:**{soon}** 张将在 {warn} 天内届满,**{expired}** 张已过诉讼时效。"
        "最临近的几张:",
    ),
    # ---- scorecard (客户风险评分卡) ----
    "risk.score.weight": ("Weight", "权重"),
    "risk.score.factor_score": ("Score", "得分"),
    "risk.score.weights": ("Weights (your choice)", "权重(可自行设定)"),
    "risk.score.scores": ("Factor scores, 0 to 100", "各因素得分(0–100)"),
    "risk.score.customer": ("Customer", "客户"),
    "risk.score.total": ("Credit score", "信用评分"),
    "risk.score.grade": ("Risk grade", "风险等级"),
    "risk.score.action": ("Action", "建议措施"),
    "risk.score.share": ("Share of the weight", "权重占比"),
    "risk.score.case_grades": (
        "The case's customers with these weights",
        "按当前权重,案例客户的等级分布",
    ),
    "risk.score.chart": ("Where the score comes from", "评分构成"),
    "risk.score.points": ("points", "分"),
    "risk.score.customers_n": ("customers", "家客户"),
    # ---- Altman Z'' ----
    "risk.z.working_capital": ("Working capital", "营运资金"),
    "risk.z.retained_earnings": ("Retained earnings", "留存收益"),
    "risk.z.ebit": ("EBIT", "息税前利润"),
    "risk.z.total_assets": ("Total assets", "资产总额"),
    "risk.z.book_equity": ("Book equity", "所有者权益"),
    "risk.z.total_liabilities": ("Total liabilities", "负债总额"),
    "risk.z.score": ("Altman Z″", "Altman Z″值"),
    "risk.z.zone": ("Zone", "区间"),
    "risk.z.undefined": (
        "Z″ is undefined: total assets must be above 0 and liabilities not 0.",
        "无法计算Z″:资产总额须大于0,负债总额不能为0。",
    ),
    "risk.z.chart": ("Altman Z″ and its zones", "Altman Z″ 与风险区间"),
    "risk.z.x1": ("X1 working capital ÷ total assets", "X1 营运资金÷资产总额"),
    "risk.z.x2": ("X2 retained earnings ÷ total assets", "X2 留存收益÷资产总额"),
    "risk.z.x3": ("X3 EBIT ÷ total assets", "X3 息税前利润÷资产总额"),
    "risk.z.x4": ("X4 equity ÷ liabilities", "X4 所有者权益÷负债总额"),
    "risk.z.contribution": ("Weighted contribution", "加权贡献"),
    # ---- credit limit (信用额度) ----
    "risk.limit.net_worth": ("Tangible net worth", "有形净资产"),
    "risk.limit.working_capital": ("Working capital", "营运资金"),
    "risk.limit.monthly_purchases": ("Expected monthly purchases", "预计月采购额"),
    "risk.limit.terms_days": ("Credit terms, days", "信用账期(天)"),
    "risk.limit.grace_days": ("Grace days", "宽限期(天)"),
    "risk.limit.own_sales": ("Our annual sales", "本公司年销售额"),
    "risk.limit.balance": ("What the customer owes now", "客户当前欠款"),
    "risk.limit.method": ("Rule of thumb", "测算方法"),
    "risk.limit.limit": ("Credit limit", "信用额度"),
    "risk.limit.recommended": ("Recommended limit (the smallest)", "建议额度(取最小值)"),
    "risk.limit.utilisation": ("Utilisation", "额度使用率"),
    "risk.limit.available": ("Still available", "剩余可用额度"),
    "risk.limit.over": ("Over the limit: stop and review before the next delivery.", "已超额度:下次发货前须暂停并复核。"),
    "risk.limit.within": ("Within the limit.", "在额度之内。"),
    "risk.limit.none": ("No method has its inputs.", "各方法的输入均不完整,无法测算。"),
    "risk.limit.chart": ("Credit limit by each rule", "各方法测算的信用额度"),
    "risk.limit.current_limit": ("Current limit", "现有额度"),
    "risk.limit.customer": ("Customer", "客户"),
    "risk.limit.over_limit": ("Over the limit", "是否超额"),
    "risk.limit.basis": ("Set by", "决定额度的方法"),
    "risk.unit.10k_cny": ("CNY 10k", "万元"),
    # ---- 05.00 grading customer risk: tables and sentences ----
    "risk.guide.factor": ("Factor", "因素"),
    "risk.guide.weight": ("Default weight", "默认权重"),
    "risk.guide.how": ("How the kit scores it (0-100)", "本课程的评分方法(0–100)"),
    "risk.how.payment_history": (
        "100 minus 1 point per day late (12 months, amount-weighted, open overdue included)",
        "100 减去平均逾期天数(近12个月,按金额加权,含未付逾期款)",
    ),
    "risk.how.financials": ("From Altman Z″: {points}", "按 Altman Z″ 换算:{points}"),
    "risk.how.enterprise_nature": ("{points}", "{points}"),
    "risk.how.industry": ("The kit's illustrative table per industry (below)", "本课程按行业设定的示例分值(见下文)"),
    "risk.how.relationship": ("Customer's annual sales: CNY 1 m → 30, CNY 1 bn → 90", "客户年销售额:100万元→30,10亿元→90"),
    "risk.how.security": ("Guarantee, deposit or collateral held: none in the case", "担保、保证金或抵押:案例中均无"),
    "risk.grades.grade": ("Grade", "等级"),
    "risk.grades.from": ("Score from", "最低分"),
    "risk.grades.action": ("What to do", "处理措施"),
    "risk.group.nature": ("Nature of the firm", "企业性质"),
    "risk.group.industry": ("Industry", "行业"),
    "risk.group.customers": ("Customers", "客户数"),
    "risk.group.open_balance": ("Open balance", "应收余额"),
    "risk.group.overdue_share": ("Overdue share", "逾期占比"),
    "risk.group.days_late": ("Median days late", "逾期天数中位数"),
    "risk.group.z_median": ("Median Z″", "Z″中位数"),
    "risk.group.nature_score": ("Kit's nature score", "企业性质分值"),
    "risk.group.industry_score": ("Kit's industry score", "行业分值"),
    "risk.grade.customer_line": (
        "**{name}** ({customer_id}, {nature}, {industry}): pays on average **{days:.0f} days late** "
        "over the last 12 months; Altman Z″ **{z:.2f}** ({zone}).",
        "**{name}**({customer_id},{nature},{industry}):近12个月平均逾期 **{days:.0f} 天**;"
        "Altman Z″ 为 **{z:.2f}**({zone})。",
    ),
    "risk.grade.zones_sentence": (
        "In the latest accounts ({year}) of the case's {n} customers: **{safe}** safe, **{grey}** in the grey "
        "zone, **{distress}** in distress.",
        "案例 {n} 家客户最近一年({year})的报表:安全区 **{safe}** 家,灰色区 **{grey}** 家,危险区 **{distress}** 家。",
    ),
    "risk.grade.grades_sentence": (
        "With these weights the case's customers grade **A {A} · B {B} · C {C} · D {D}**.",
        "按这组权重,案例客户的等级分布为 **A {A} · B {B} · C {C} · D {D}** 家。",
    ),
    # ---- 05.04 credit assessment ----
    "risk.assess.c": ("The C", "要素"),
    "risk.assess.question": ("The question", "要回答的问题"),
    "risk.assess.check": ("What to check", "看什么"),
    "risk.assess.kit": ("Where the kit measures it", "本课程中的对应工具"),
    "risk.limit.rule": ("Rule of thumb", "经验规则"),
    "risk.limit.rule_formula": ("Formula", "公式"),
    "risk.limit.recommended_short": ("Rules' limit", "规则测算额度"),
    "risk.limit.excess": ("Current limit above it by", "现有额度高出"),
    "risk.limit.used_sentence": (
        "On {as_of}, **{over} of {n} customers owe more than their credit limit**, CNY {excess:,.0f} above their limits in "
        "all. The highest: {top} at **{top_pct:.0f} %** of its limit.",
        "截至 {as_of},**{n} 家客户中有 {over} 家欠款超过信用额度**,合计超出 {excess:,.0f} 元;"
        "使用率最高的是 {top},达到额度的 **{top_pct:.0f}%**。",
    ),
    "risk.limit.above_sentence": (
        "Our own sales over the last 12 months: CNY {sales:,.0f}. By the rules of thumb, **{above} of {n} customers have a "
        "limit higher than the smallest rule allows**: the largest gaps first.",
        "本公司近12个月销售额 {sales:,.0f} 元。按经验规则,**{n} 家客户中有 {above} 家的现有额度高于最小规则允许的额度**,"
        "差距最大的几家:",
    ),
}
ENTRIES.update({f"risk.factor.{key}": (label["en"], label["zh"]) for key, label in FACTOR_LABELS.items()})

register(ENTRIES)
