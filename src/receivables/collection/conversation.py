"""The collection conversation (面谈中:催收流程): what to do and say in the meeting.

Course part 二.2 (seed 000): setting the atmosphere (营造氛围), the PMP principle (PMP原则),
the six common debt-dodging tricks (客户常见六大躲债奇招), the four pretexts and their
answers (客户四大托词及应对方案), objection handling by LSCP (催收异议的处理原则:LSCP法则)
and the six collection scenarios (催收六大情景应对方案); and the key-account module's five
communication styles (seed 001, 沟通技巧: 同理式/共情式/求助式/节点式/严肃式).

*Authored for this kit.* The course pages only name these topics. Everything below is the
kit's own writing from common credit-management practice, except:

- the three PMP steps as seed 000's page sums them up ("明确提出问题,展示解决方案,达成
  共识": state the problem, show the solution, reach agreement). The page does not say
  what the letters stand for; the kit reads them as **P**roblem, **M**ethod, **P**romise.
- the LSCP steps as the course outline names them (倾听 Listen, 理解/分担 Share, 澄清
  Clarify, 提出方案 Present a proposal). The kit's domain reference has no definition of
  LSCP; the aims and example lines of each step are authored.
- the one-line description of each communication style (`Style.course_says`), which
  quotes seed 001 (Chinese) with the kit's translation. When to use each style with a key
  account, the example lines and the cautions are authored.

Example lines use the case company (datasets/electromech): the key account Lanfeng
(澜峰新能源, C0021, contact 林志强, chief financial officer), the disputer Brantec (博朗特,
C0037), the drifting Shunchang (顺昌精密, C0040), the slow state-owned Donghu (东湖电力,
C0007). They carry no amounts: figures come from the data, in the notebooks.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from receivables.i18n import check_lang, t

#: A text in both languages: (english, chinese).
Text = tuple[str, str]


def pick(text: Text, lang: str = "en") -> str:
    """The English or the Chinese half of a text pair."""
    return text[1] if check_lang(lang) == "zh" else text[0]


def named(name: Text, lang: str = "en") -> str:
    """A course term: "English (中文)" in English, the Chinese alone in Chinese."""
    return name[1] if check_lang(lang) == "zh" else f"{name[0]} ({name[1]})"


@dataclass(frozen=True)
class Step:
    """One step of the PMP principle or of the LSCP rule (or one atmosphere habit)."""

    code: str  # "pmp.problem", "lscp.listen" …: the feedback of the role play names these
    letter: str
    name: Text
    aim: Text  # what the step is for
    example: Text  # a line a salesperson could say, in the case company

    def label(self, lang: str = "en") -> str:
        return f"{self.letter} · {named(self.name, lang)}" if self.letter else named(self.name, lang)


PMP_STEPS: tuple[Step, ...] = (
    Step(
        "pmp.problem", "P", ("Problem: state it", "摆明问题"),
        ("Say plainly, early and with the documents which invoices are overdue, how much and "
         "since when. Facts, not blame.",
         "开门见山,拿着单据讲清楚:哪几张发票逾期、金额多少、逾期多久。讲事实,不指责。"),
        ("Mr Lin, three invoices for the Xi'an switchgear are past due. Here is the statement "
         "with the delivery receipts your site signed.",
         "林总,西安项目开关柜的三张发票已经逾期了。这是对账单,附贵司工地签收的收货单。"),
    ),
    Step(
        "pmp.method", "M", ("Method: show a way to pay", "展示方案"),
        ("Bring a way out, not only a demand: pay in full now, the undisputed part now, or a "
         "written plan with fixed instalments.",
         "带着办法去,而不只是要钱:一次付清、无争议部分先付,或签订分期付款计划。"),
        ("If the whole amount is too much for this month's payment run, we can split it: the "
         "oldest invoice now, the other two on fixed dates.",
         "如果这个月的付款额度不够一次付清,可以分开:最早那张现在付,另外两张定好日期再付。"),
    ),
    Step(
        "pmp.promise", "P", ("Promise: reach agreement", "达成共识"),
        ("Close with a commitment: amount, date, who pays, confirmed in writing the same day. "
         "No meeting ends with \"soon\".",
         "以承诺收尾:金额、日期、付款责任人,当天书面确认。不能以“尽快”结束面谈。"),
        ("So we agree: the first invoice in your payment run of the 25th, the other two on the "
         "25th of next month. I will send you the confirmation tonight.",
         "那我们说定:第一张发票进本月 25 日的付款批次,另外两张下月 25 日付。今晚我把确认函发给您。"),
    ),
)

LSCP_STEPS: tuple[Step, ...] = (
    Step(
        "lscp.listen", "L", ("Listen", "倾听"),
        ("Let the customer finish. Take notes, do not interrupt, do not argue yet: the real "
         "reason often comes after the first excuse.",
         "让客户把话说完。做记录,不打断,先不争辩:真正的原因往往在第一个借口之后才说出来。"),
        ("Please go on, I am noting it down so that nothing gets lost.",
         "您接着说,我记下来,免得漏掉。"),
    ),
    Step(
        "lscp.share", "S", ("Share: understand", "理解/分担"),
        ("Show that you understand the difficulty (not that you accept the refusal), and that "
         "you are there to solve it together.",
         "表示理解对方的难处(不是接受不付款),并表明是来一起解决问题的。"),
        ("I understand: a delayed project puts every supplier's invoice on hold. Let us see "
         "what we can do together.",
         "我理解,项目一延期,所有供应商的款都会压着。我们一起看看怎么解决。"),
    ),
    Step(
        "lscp.clarify", "C", ("Clarify", "澄清"),
        ("Ask questions until the facts are clear: which invoice, how much is really in "
         "dispute, who decides, when money comes in.",
         "追问到事实清楚为止:哪张发票、真正有争议的金额是多少、谁拍板、钱什么时候到。"),
        ("Which of the invoices is affected by the complaint, and is the rest approved for "
         "payment?",
         "投诉涉及的是哪一张发票?其余的发票审批通过了吗?"),
    ),
    Step(
        "lscp.present", "P", ("Present a proposal", "提出方案"),
        ("Propose a concrete way forward and ask for the commitment: this is where LSCP hands "
         "over to the M and the second P of PMP.",
         "提出具体方案并请对方承诺:LSCP 到这里就接上了 PMP 的 M 和第二个 P。"),
        ("Our engineer comes on Thursday for the motor; meanwhile the two undisputed invoices "
         "go into this month's payment run. Agreed?",
         "我们的工程师周四来处理电机;在此期间,两张没有争议的发票先进本月付款批次,可以吗?"),
    ),
)

#: Setting the atmosphere (营造氛围): five habits. (Authored.)
ATMOSPHERE: tuple[Step, ...] = (
    Step(
        "atmosphere.appointment", "", ("Book it, at the right time", "预约,选对时间"),
        ("Book the meeting with the person who decides; avoid the customer's month-end rush "
         "and the days before a holiday.",
         "和能拍板的人约好时间;避开对方月底结账高峰和节前几天。"),
        ("Mr Lin, could I have half an hour with you on Tuesday morning, before your payment run?",
         "林总,周二上午、贵司付款批次之前,能给我半小时吗?"),
    ),
    Step(
        "atmosphere.relationship", "", ("Open with the relationship", "从合作关系开场"),
        ("Thank the customer for the business and show real interest in their work, in one or "
         "two sentences, not an hour.",
         "感谢对方的合作,对他们的业务表示真诚关心,一两句话即可,不要聊一个小时。"),
        ("Congratulations on the Xi'an plant going live; our team was proud to be part of it.",
         "恭喜西安项目投产,我们团队能参与其中也很自豪。"),
    ),
    Step(
        "atmosphere.purpose", "", ("Say why you came", "说明来意"),
        ("State the purpose early and plainly: an ambush or endless small talk both cost trust.",
         "尽早、坦率地说明来意:搞突然袭击或一直闲聊,都会损害信任。"),
        ("I would like to use our time today to settle the open invoices together.",
         "今天想借这个时间,和您一起把未结的发票理清楚。"),
    ),
    Step(
        "atmosphere.tone", "", ("Calm, respectful tone", "语气平和、尊重"),
        ("Talk about facts and shared interests (\"we\"), never about character. No threats in "
         "the first meeting.",
         "谈事实和共同利益(“我们”),不评判人品。第一次面谈不威胁。"),
        ("We both want the next project to run as smoothly as this one.",
         "我们都希望下一个项目和这次一样顺利。"),
    ),
    Step(
        "atmosphere.prepared", "", ("Come prepared", "有备而来"),
        ("Bring the statement, the invoices, the signed delivery receipts and a proposal: "
         "preparation shows respect and leaves no room for excuses.",
         "带上对账单、发票、签收的收货单和一个方案:准备充分是尊重,也不给借口留余地。"),
        ("Here is the statement; the delivery receipts are attached, signed by your site manager.",
         "这是对账单,后面附着贵司现场经理签收的收货单。"),
    ),
)


@dataclass(frozen=True)
class Trick:
    """One of the six common debt-dodging tricks (六大躲债奇招). (Authored.)"""

    code: str
    name: Text
    looks_like: Text  # what the salesperson sees or hears
    counter: Text  # the counter-move
    excuse_codes: tuple[str, ...]  # excuse codes of the case log that show this trick


TRICKS: tuple[Trick, ...] = (
    Trick(
        "hide", ("Hide and seek", "避而不见"),
        ("The phone is off, the contact is \"in a meeting\" or \"travelling\"; messages go "
         "unanswered.",
         "电话不接,联系人总在“开会”“出差”,消息不回。"),
        ("Change the channel, the time and the person; visit; send a provable written demand, "
         "which also restarts the limitation period. Treat it as a warning signal.",
         "换渠道、换时间、换联系人;上门拜访;发出可证明的书面催款函(还能使诉讼时效重新计算)。"
         "把它当作危险信号。"),
        ("unreachable",),
    ),
    Trick(
        "pass_the_ball", ("Passing the ball", "踢皮球"),
        ("Finance says ask purchasing, purchasing says ask the boss, the boss is away.",
         "财务说找采购,采购说找老板,老板又不在。"),
        ("Map the customer's people before the meeting (who decides, who pays); ask who signs "
         "and when; get the people into one room or one call.",
         "面谈前摸清人脉(谁拍板、谁付款);问清谁签字、什么时候签;把相关的人约到一起当面谈。"),
        ("boss_away", "waiting_approval"),
    ),
    Trick(
        "stall", ("Always next week", "一拖再拖"),
        ("\"Next week\", \"after the holiday\", \"after the audit\": a new date every time, "
         "no payment.",
         "“下周吧”“过完节”“等审计完”:每次一个新日期,就是不付钱。"),
        ("Never accept a vague date: pin amount, date and person, confirm in writing, and "
         "call the day after the date.",
         "不接受模糊的日期:敲定金额、日期、责任人,书面确认,到期第二天就跟进。"),
        (),
    ),
    Trick(
        "plead_poverty", ("Crying poor", "哭穷"),
        ("\"Business is terrible, we have no money\", while the customer still orders, builds "
         "and pays others.",
         "“生意太难了,真没钱”,可对方照样下单、施工、给别人付款。"),
        ("Check the facts (still buying? paying other suppliers?); ask for a part now and a "
         "signed plan for the rest; ask for security.",
         "核实情况(还在采购吗?在给其他供应商付款吗?);要求先付一部分,其余签还款计划;要求提供担保。"),
        ("cash_flow", "no_budget"),
    ),
    Trick(
        "find_fault", ("Finding fault", "鸡蛋里挑骨头"),
        ("A quality or paperwork complaint appears only when payment is asked for, and grows "
         "to cover every invoice.",
         "一催款就冒出质量或单据问题,而且越说越多,所有发票都被牵连。"),
        ("Get the complaint in writing with the invoice it concerns; fix genuine faults fast; "
         "keep the undisputed invoices out of the dispute and ask for them now.",
         "请对方书面说明问题并指明涉及哪张发票;真问题尽快解决;没有争议的发票不受牵连,现在就付。"),
        ("quality_dispute", "not_received_invoice"),
    ),
    Trick(
        "empty_promise", ("Empty promises", "空头承诺"),
        ("Promises that are not kept, post-dated cheques, a token payment \"on account\" to buy "
         "another month.",
         "承诺了不兑现、开远期支票、付一点点“意思意思”来再拖一个月。"),
        ("Keep a promise register; ask for a small promise that can be kept first; a broken "
         "promise escalates at once (manager, credit hold, written demand).",
         "建立承诺登记;先要一个小而能兑现的承诺;承诺一旦落空立即升级(上级出面、停止发货、书面催款)。"),
        (),
    ),
)


@dataclass(frozen=True)
class Pretext:
    """One of the four pretexts (四大托词) and its answer, one line per LSCP step. (Authored.)"""

    code: str
    name: Text
    customer_says: Text
    excuse_codes: tuple[str, ...]  # excuse codes of the case log that are this pretext
    answer: tuple[Text, Text, Text, Text]  # Listen, Share, Clarify, Present
    never_say: Text  # the answer that gives the pretext what it wants

    def answer_steps(self, lang: str = "en") -> list[tuple[str, str]]:
        """(LSCP step label, the line) for each of the four steps."""
        return [(s.label(lang), pick(a, lang)) for s, a in zip(LSCP_STEPS, self.answer, strict=True)]


PRETEXTS: tuple[Pretext, ...] = (
    Pretext(
        "no_money", ("\"We have no money\"", "没钱"),
        ("Business is hard this year. We really have no money right now.",
         "今年生意难做,现在确实没钱。"),
        ("cash_flow", "no_budget"),
        (("Let them explain; note what they say about when money comes in.",
          "让对方说完;记下他提到的回款时间。"),
         ("\"I understand, many customers feel the squeeze this year.\"",
          "“我理解,今年很多客户资金都紧。”"),
         ("\"How much can you pay this month? When does your next customer payment come in?\"",
          "“这个月能付多少?贵司下一笔回款什么时候到?”"),
         ("\"Then let us write it down: a first part now, the rest in instalments on fixed "
          "dates; deliveries continue while each instalment is on time.\"",
          "“那我们写下来:先付一部分,其余按固定日期分期;每期按时到账,发货照常。”")),
        ("\"Then pay when you can.\"", "“那您什么时候有钱再付吧。”"),
    ),
    Pretext(
        "not_my_call", ("\"The boss is away / it is waiting for approval\"", "领导不在/还在审批"),
        ("The boss is away, I cannot decide. The payment is still in the approval process.",
         "老板不在,我做不了主。付款还在走审批流程。"),
        ("boss_away", "waiting_approval"),
        (("Listen for who is named and where the request is stuck.",
          "注意听对方提到了谁、单据卡在哪一步。"),
         ("\"I know approvals take time in a group as large as yours.\"",
          "“我知道贵司这么大的集团,审批需要时间。”"),
         ("\"Who approves next? Where is the request now? Which day is the next payment run?\"",
          "“下一位审批人是谁?单据现在在哪一步?下一次付款是哪天?”"),
         ("\"Could we call him together now? Otherwise I will come back on the day of the run; "
          "please send me the approval number.\"",
          "“我们现在一起给他打个电话好吗?不然我付款那天再来;麻烦把审批单号发我。”")),
        ("\"Fine, I will wait until he is back.\"", "“好的,那我等他回来再说。”"),
    ),
    Pretext(
        "quality", ("\"Your product has a problem\"", "产品有问题"),
        ("Your motors are noisy and the wiring is not to drawing. We will not pay until it is fixed.",
         "你们的电机噪音大,接线也不符合图纸。问题解决之前我们不付款。"),
        ("quality_dispute",),
        (("Let them describe the fault fully; write down which delivery and which invoice.",
          "让对方把问题说完整;记下是哪一批货、哪一张发票。"),
         ("\"That is not acceptable for us either; thank you for telling me.\"",
          "“这对我们来说也不能接受,谢谢您告诉我。”"),
         ("\"Which invoice does the fault concern? Are the other invoices approved?\"",
          "“问题涉及哪一张发票?其他发票是否已经审批?”"),
         ("\"Our engineer comes on Thursday. The undisputed invoices go into this month's run, "
          "the disputed one is paid when your site manager signs off the repair.\"",
          "“我们的工程师周四到。没有争议的发票进本月付款,有问题的那张在贵司现场经理签字验收后付。”")),
        ("\"Then we will wait with all the invoices until it is sorted out.\"",
         "“那所有发票都等问题解决了再说。”"),
    ),
    Pretext(
        "paperwork", ("\"We never got the invoice\"", "单据不全/没收到发票"),
        ("We never received that invoice. Without it finance cannot pay. Or we have paid already.",
         "那张发票我们没收到,财务没法付款。要么就是我们已经付过了。"),
        ("not_received_invoice", "paid_already"),
        (("Listen for exactly which document is missing, or which payment they mean.",
          "注意听到底缺哪份单据,或者说的是哪一笔付款。"),
         ("\"Of course, finance cannot pay without the papers.\"",
          "“当然,没有单据财务确实没法付。”"),
         ("\"To whom should it go? If you paid already, can you send me the bank slip so our "
          "finance can find it today?\"",
          "“应该寄给谁?如果已经付了,能把付款凭证发我吗,我今天就让财务核对。”"),
         ("\"I will send the invoice and the signed delivery receipt today. Can it then go into "
          "the payment run of the 25th?\"",
          "“我今天就把发票和签收的收货单寄过去。这样能赶上 25 号的付款批次吗?”")),
        ("\"I will check on our side and come back to you some time.\"",
         "“我回去查查,有空再联系您。”"),
    ),
)


@dataclass(frozen=True)
class Scenario:
    """One of the six collection scenarios (六大情景) and the kit's response. (Authored.)"""

    code: str
    name: Text
    customer_says: Text
    response: Text  # what to say
    why: Text  # the principle behind it
    step_codes: tuple[str, ...]  # PMP / LSCP steps the response leans on


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "vague_promise", ("A promise without a date", "口头答应、不给日期"),
        ("Don't worry, we will pay you soon.", "放心,我们会尽快付的。"),
        ("\"Thank you. So that I can tell our finance: how much, on which day, and who "
         "releases it? I will confirm it by e-mail tonight.\"",
         "“谢谢您。我好跟财务交代:付多少、哪一天、谁来安排?今晚我发邮件确认。”"),
        ("\"Soon\" is not a promise. PMP ends with amount, date and person, in writing.",
         "“尽快”不是承诺。PMP 要以金额、日期、责任人收尾,并且落在纸面上。"),
        ("pmp.promise", "lscp.clarify"),
    ),
    Scenario(
        "partial_offer", ("Only a part is offered", "只肯付一部分"),
        ("I can pay a third now, and that's it for the moment.", "现在能先付三分之一,其他的再说。"),
        ("\"Thank you, that is a good start. Let us call it the first instalment and fix the "
         "dates of the other two now, in writing.\"",
         "“谢谢,这是个好的开始。就把它算作第一期,剩下两期的日期现在一起定下来,写进书面计划。”"),
        ("Take the part, never as full settlement: turn it into the first instalment of a "
         "written plan.",
         "部分付款要收,但绝不当作结清:把它变成书面还款计划的第一期。"),
        ("pmp.method", "pmp.promise"),
    ),
    Scenario(
        "discount_demand", ("A discount as the price of paying", "要求打折才付款"),
        ("Take ten percent off and we pay today.", "给我们打个九折,今天就付。"),
        ("\"The price was agreed in the contract and the goods were delivered to it, so a "
         "discount is not mine to give. What I can offer is a plan that fits your cash: "
         "shall we look at dates?\"",
         "“价格是合同定的,货也按合同交了,折扣不是我能给的。我能做的是按贵司资金情况安排付款计划:"
         "我们看看日期?”"),
        ("A discount rewards late payment and rewrites the contract. Offer a method (dates), "
         "not a price cut; any exception goes to your manager, in writing.",
         "打折等于奖励拖欠、改写合同。给方案(日期),不给降价;任何例外都要上报主管并书面批准。"),
        ("pmp.method", "lscp.present"),
    ),
    Scenario(
        "threat", ("\"Keep chasing and we buy elsewhere\"", "以停止合作相要挟"),
        ("If you keep pushing like this, we will buy from someone else.",
         "你们再这样催,我们就换供应商了。"),
        ("\"We value working with you, and that is exactly why I am here in person: paying on "
         "the agreed terms is what keeps your credit terms and deliveries running.\"",
         "“我们很珍惜和贵司的合作,所以我才亲自来:按约定付款,正是保住贵司账期和供货的前提。”"),
        ("Stay calm, show the shared interest (Share), do not give in and do not threaten "
         "back: a customer who does not pay is not a customer worth keeping on credit.",
         "保持冷静,讲共同利益(理解/分担),不让步,也不反过来威胁:不付款的客户,不值得继续赊销。"),
        ("lscp.share", "lscp.present"),
    ),
    Scenario(
        "angry", ("The customer loses his temper", "客户情绪激动"),
        ("(shouting) Your people call every day! Do you think we are crooks?",
         "(大声)你们天天打电话!把我们当骗子吗?"),
        ("Let him finish. \"I am sorry the calls felt like that; that was not our intention. "
         "Could we go through the open invoices together, so that there is one clear plan and "
         "no more calls?\"",
         "让他说完。“很抱歉让您有这种感受,我们不是这个意思。我们一起把未结发票过一遍,定一个清楚的计划,"
         "就不用再天天打电话了,好吗?”"),
        ("Anger first needs Listening and Sharing; facts and proposals only land once the "
         "temperature is down. Never argue back.",
         "对方有情绪,先倾听、先理解;情绪平复之后,事实和方案才听得进去。千万不要争吵。"),
        ("lscp.listen", "lscp.share"),
    ),
    Scenario(
        "wrong_person", ("The decision maker is not in the room", "拍板的人不在场"),
        ("I can't decide that. Only the boss can approve payments.", "这个我定不了,付款只有老板能批。"),
        ("\"I understand. Could you take this statement and our proposal to him, and could "
         "the three of us talk by phone on Thursday? What time suits him?\"",
         "“理解。能否把这份对账单和我们的方案转交给他?周四我们三方通个电话,他什么时间方便?”"),
        ("Turn the contact into your ally: give him the documents and a proposal to carry, and "
         "get a date with the person who decides.",
         "把对接人变成盟友:让他带着单据和方案去汇报,并约定和拍板人沟通的具体时间。"),
        ("lscp.clarify", "pmp.promise"),
    ),
)


@dataclass(frozen=True)
class Style:
    """One of the five communication styles of seed 001 (沟通技巧)."""

    code: str
    name: Text
    course_says: Text  # seed 001's description (zh quoted, en the kit's translation)
    when: Text  # when to use it with a key account (authored)
    example: Text  # a line to the key account Lanfeng (authored)
    caution: Text  # what to watch (authored)


STYLES: tuple[Style, ...] = (
    Style(
        "integrity", ("Appeal to good faith", "同理式"),
        ("Stress why honouring the contract matters, with respect for the customer's needs and "
         "feelings.",
         "强调诚信履约的重要性,尊重客户的需求和感受。"),
        ("The first reminders to a reliable key account: it pays, and reminding it of its own "
         "good record is enough.",
         "对守信的大客户做最初几次提醒:对方一向守约,提一提它自己的良好记录就够了。"),
        ("Mr Lin, Lanfeng has always kept its word with us; that is why you have our longest "
         "terms. Could you check why these invoices missed the last payment run?",
         "林总,澜峰一直很守信用,所以我们给了贵司最长的账期。能否帮忙查一下,这几张发票为什么没进上一批付款?"),
        ("Respect, not a lecture: praise their record, do not preach about honesty.",
         "是尊重,不是说教:肯定对方的信用记录,别讲诚信大道理。"),
    ),
    Style(
        "empathy", ("Empathy", "共情式"),
        ("Win the customer's emotional agreement through empathy, making the conversation warmer.",
         "通过共情获取客户的情感认同,提升沟通的亲和力。"),
        ("When the contact is under pressure (a project delayed, a squeeze at group level) and "
         "is on your side but blocked.",
         "对接人自己也有压力(项目延期、集团资金紧张),心里认可你,只是受阻时。"),
        ("I know the Xi'an project slipped and everyone at Lanfeng is under pressure. I am not "
         "here to add to it: let us find a way that works for both sides.",
         "我知道西安项目延期了,澜峰上上下下压力都很大。我不是来添乱的:我们一起找个两边都行得通的办法。"),
        ("Empathy with the person, not with not paying: still close with a date.",
         "共情的是人,不是拖欠:最后还是要落到日期上。"),
    ),
    Style(
        "help", ("Asking for help", "求助式"),
        ("Thank the customer, then ask for their support, building a cooperative mood.",
         "在表达感谢的基础上,请求客户的支持,营造合作的氛围。"),
        ("A good relationship with the contact, and you need them to push the payment inside "
         "their own company.",
         "和对接人关系好,需要他在公司内部帮你推动付款时。"),
        ("Mr Lin, thank you for all your support this year. I need your help once more: could "
         "you make sure these three invoices reach the next payment run?",
         "林总,感谢您这一年的支持。这次还得请您帮个忙:能否让这三张发票赶上下一批付款?"),
        ("Use it sparingly: asked every month, a favour becomes a habit of paying late.",
         "别用得太频繁:每个月都求,帮忙就变成了习惯性拖延。"),
    ),
    Style(
        "deadline", ("Key dates", "节点式"),
        ("Use key dates and your own performance targets to win the customer's support.",
         "利用关键时间节点,强调自身考核指标,获取客户的支持。"),
        ("Before your quarter or year end, before the customer's payment run or the Spring "
         "Festival: a date both sides can see.",
         "在我方季末、年末,对方付款批次或春节之前:一个双方都看得见的时间点。"),
        ("Our year closes on the 31st and these invoices count in my targets. If they are in "
         "your run of the 25th, it makes all the difference for my team.",
         "我们 31 号年度结账,这几张发票算在我的考核里。如果能进贵司 25 号那一批,对我们团队意义很大。"),
        ("The date must be real and specific; a deadline used every month loses its force.",
         "时间节点必须真实、具体;每个月都喊截止,就不灵了。"),
    ),
    Style(
        "serious", ("Firm and formal", "严肃式"),
        ("When needed, be ready for the legal consequences and make clear the contract "
         "principles both sides must follow.",
         "在必要时,准备好面对潜在的法律后果,明确双方应遵循的合同原则。"),
        ("After broken promises, when the other styles have failed, or when a claim nears the "
         "limitation period: in writing, with your manager.",
         "承诺多次落空、其他方式都不奏效,或债权临近诉讼时效时:书面进行,主管一同出面。"),
        ("Mr Lin, the contract sets the payment date and late-payment interest. We have agreed "
         "dates twice and they passed. Unless we receive payment by the 15th, we must stop "
         "deliveries and hand the matter to our legal department.",
         "林总,合同约定了付款日期和逾期利息。我们已经两次约定日期都没有兑现。如果 15 号前还收不到款,"
         "我们只能暂停发货,并把此事交给法务部处理。"),
        ("Say only what the company will really do, and keep the door open to a plan.",
         "只说公司真会做的事,同时给付款计划留出余地。"),
    ),
)

#: Every PMP and LSCP step by code (the role play's feedback names them).
STEPS: dict[str, Step] = {s.code: s for s in (*PMP_STEPS, *LSCP_STEPS)}



def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def steps_table(steps: tuple[Step, ...], lang: str = "en") -> pd.DataFrame:
    """Columns ``step``, ``aim``, ``example`` (texts in ``lang``)."""
    return _frame([{"step": s.label(lang), "aim": pick(s.aim, lang), "example": pick(s.example, lang)}
                   for s in steps], ["step", "aim", "example"])


def tricks_table(lang: str = "en") -> pd.DataFrame:
    """The six tricks: ``trick``, ``looks_like``, ``counter``."""
    return _frame([{"code": k.code, "trick": named(k.name, lang), "looks_like": pick(k.looks_like, lang),
                    "counter": pick(k.counter, lang)} for k in TRICKS],
                  ["code", "trick", "looks_like", "counter"])


def pretexts_table(lang: str = "en") -> pd.DataFrame:
    """The four pretexts and the LSCP answer: ``pretext``, ``customer_says``, one column per
    LSCP step (``listen``, ``share``, ``clarify``, ``present``) and ``never_say``."""
    rows = []
    for p in PRETEXTS:
        row = {"code": p.code, "pretext": named(p.name, lang), "customer_says": pick(p.customer_says, lang)}
        for step, line in zip(LSCP_STEPS, p.answer, strict=True):
            row[step.code.split(".")[1]] = pick(line, lang)
        row["never_say"] = pick(p.never_say, lang)
        rows.append(row)
    return _frame(rows, ["code", "pretext", "customer_says", "listen", "share", "clarify", "present", "never_say"])


def pretext_headers(lang: str = "en") -> dict[str, str]:
    """Display headers of `pretexts_table` in ``lang`` (the four LSCP step labels included)."""
    headers = {"pretext": t("conv.pretext", lang), "customer_says": t("conv.customer_says", lang)}
    headers.update({s.code.split(".")[1]: s.label(lang) for s in LSCP_STEPS})
    headers["never_say"] = t("conv.never_say", lang)
    return headers


def scenarios_table(lang: str = "en") -> pd.DataFrame:
    """The six scenarios: ``scenario``, ``customer_says``, ``response``, ``why``, ``steps``."""
    return _frame([{"code": s.code, "scenario": named(s.name, lang), "customer_says": pick(s.customer_says, lang),
                    "response": pick(s.response, lang), "why": pick(s.why, lang),
                    "steps": ", ".join(STEPS[c].label(lang) for c in s.step_codes)} for s in SCENARIOS],
                  ["code", "scenario", "customer_says", "response", "why", "steps"])


def styles_table(lang: str = "en") -> pd.DataFrame:
    """The five styles: ``style``, ``course_says``, ``when``, ``example``, ``caution``."""
    return _frame([{"code": s.code, "style": named(s.name, lang), "course_says": pick(s.course_says, lang),
                    "when": pick(s.when, lang), "example": pick(s.example, lang), "caution": pick(s.caution, lang)}
                   for s in STYLES], ["code", "style", "course_says", "when", "example", "caution"])


def pretexts_heard(activities: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """How often the case log heard each of the four pretexts (through the excuse codes each
    pretext groups), in the order of `PRETEXTS`: ``code``, ``pretext``, ``times``, ``customers``.

    ``activities`` is a collection log like the case's ``activities.csv`` (``customer_id``,
    ``excuse_code``). Excuses that are no pretext (for example ``unreachable``, a trick) are left out.
    """
    check_lang(lang)
    missing = [c for c in ("customer_id", "excuse_code") if c not in activities.columns]
    if missing:
        raise ValueError(f"the collection log lacks column(s): {', '.join(missing)}")
    to_pretext = {code: p.code for p in PRETEXTS for code in p.excuse_codes}
    log = activities.assign(pretext=activities["excuse_code"].fillna("").astype(str).str.strip().map(to_pretext))
    log = log[log["pretext"].notna()]
    counts = log.groupby("pretext").agg(times=("pretext", "size"), customers=("customer_id", "nunique"))
    counts = counts.reindex([p.code for p in PRETEXTS], fill_value=0)
    return pd.DataFrame({
        "code": counts.index,
        "pretext": [named(p.name, lang) for p in PRETEXTS],
        "times": counts["times"].astype(int).to_numpy(),
        "customers": counts["customers"].astype(int).to_numpy(),
    })
