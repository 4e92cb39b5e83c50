"""Role play for the meeting (情景演练): a customer's line, three possible answers, and
feedback that names the PMP and LSCP steps each answer honours or breaks.

*Authored for this kit*: the course names role play (情景演练:营造氛围, 情景演练:催收现场
话术应对) but gives no cases. The cases follow `receivables.collection.conversation`: one
opening of the meeting (setting the atmosphere), the four pretexts (四大托词) and the six
scenarios (六大情景), in the case company.

`feedback(case, choice, lang)` is the pure function the widget shows; `Scoreboard` keeps the
running score (the first answer to each case counts, as in a quiz: try the others to learn).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from receivables.collection.conversation import PRETEXTS, SCENARIOS, STEPS, Text, named, pick
from receivables.i18n import check_lang, t
from receivables.i18n.catalog import register

#: Points of an answer: the best one, a half-right one, one that breaks the principles.
BEST, PARTLY, POOR = 2, 1, 0
KINDS = ("atmosphere", "pretext", "scenario")

register({
    "roleplay.case": ("Situation", "情景"),
    "roleplay.choice": ("Your answer", "你的回答"),
    "roleplay.customer": ("The customer says", "客户说"),
    "roleplay.pick": ("Pick the answer you would give.", "选出你会怎么回答。"),
    "roleplay.best": ("Best answer", "最佳回答"),
    "roleplay.partly": ("Half right", "部分正确"),
    "roleplay.poor": ("Breaks the principles", "违背原则"),
    "roleplay.honours": ("Honours", "做到了"),
    "roleplay.breaks": ("Breaks", "违背了"),
    "roleplay.better": ("A better answer", "更好的回答"),
    "roleplay.score": ("Score: {score} of {max} points on {answered} of {cases} situations "
                       "(the first answer to each counts).",
                       "得分:{answered}/{cases} 个情景,{score}/{max} 分(每个情景以第一次回答计分)。"),
    "roleplay.kind.atmosphere": ("Setting the atmosphere", "营造氛围"),
    "roleplay.kind.pretext": ("Pretext", "托词"),
    "roleplay.kind.scenario": ("Scenario", "情景"),
})


@dataclass(frozen=True)
class Response:
    code: str  # "a", "b", "c"
    text: Text
    points: int
    honours: tuple[str, ...]  # step codes of conversation.STEPS
    breaks: tuple[str, ...]
    why: Text


@dataclass(frozen=True)
class RolePlayCase:
    code: str  # "atmosphere.opening", "pretext.no_money", "scenario.angry" …
    kind: str
    title: Text
    customer_says: Text
    responses: tuple[Response, ...]

    def label(self, lang: str = "en") -> str:
        return f"{t(f'roleplay.kind.{self.kind}', lang)}: {named(self.title, lang)}"


def _r(code: str, points: int, text: Text, honours: tuple[str, ...], breaks: tuple[str, ...], why: Text) -> Response:
    return Response(code, text, points, honours, breaks, why)


_PRETEXT = {p.code: p for p in PRETEXTS}
_SCENARIO = {s.code: s for s in SCENARIOS}

CASES: tuple[RolePlayCase, ...] = (
    RolePlayCase(
        "atmosphere.opening", "atmosphere", ("Opening the meeting", "面谈开场"),
        ("(Mr Lin, CFO of Lanfeng, the key account) Ah, you again. Sit down. What brings you here today?",
         "(大客户澜峰的财务总监林总)哦,又是你啊,坐吧。今天来有什么事?"),
        (
            _r("a", POOR,
               ("\"Mr Lin, your company is late again, and our finance director is very unhappy about it.\"",
                "“林总,贵司又逾期了,我们财务总监很不高兴。”"),
               (), ("pmp.problem", "lscp.share"),
               ("It opens with blame and someone else's anger, without a single fact or document: the "
                "customer defends himself instead of solving the problem.",
                "一开口就是指责和别人的不满,没有一条事实、一份单据:客户只会辩解,而不是解决问题。")),
            _r("b", BEST,
               ("\"Thank you for making time, Mr Lin, and congratulations on the Xi'an plant. I would "
                "like to use our half hour on the three open invoices; I have brought the statement.\"",
                "“谢谢林总抽时间,也恭喜西安项目投产。今天想用这半小时把三张未结发票理一理,对账单我带来了。”"),
               ("pmp.problem",), (),
               ("Thanks and one sentence of real interest set a good atmosphere; the purpose is "
                "stated early, with the documents: the P of PMP, done right.",
                "一句感谢、一句真诚的关心,氛围就有了;随即说明来意、拿出单据:PMP 的第一个 P 做得到位。")),
            _r("c", PARTLY,
               ("\"Just passing by! How is the family? And that new plant, tell me everything…\" "
                "(the hour passes; the invoices are never mentioned)",
                "“正好路过!家里都好吧?新厂怎么样,给我讲讲……”(一小时过去,发票一句没提)"),
               (), ("pmp.problem",),
               ("A warm atmosphere, but it is never used: the problem is not stated, so nothing can "
                "be agreed.",
                "氛围是热络了,却没有用上:问题没有提出,也就谈不上达成任何共识。")),
        ),
    ),
    RolePlayCase(
        "pretext.no_money", "pretext", _PRETEXT["no_money"].name, _PRETEXT["no_money"].customer_says,
        (
            _r("a", PARTLY,
               ("\"I understand, times are hard for everyone. Please pay as soon as things get better.\"",
                "“理解理解,大家都不容易。等情况好转了尽快付吧。”"),
               ("lscp.share",), ("lscp.clarify", "pmp.promise"),
               ("Understanding is right, but it stops there: no question about what they can pay, "
                "no date. The pretext has won.",
                "理解是对的,但到此为止:没问能付多少,也没有日期。托词得逞了。")),
            _r("b", POOR,
               ("\"Everyone says that. You ordered twice last month, so you do have money.\"",
                "“谁都这么说。你们上个月还下了两单,明明有钱。”"),
               (), ("lscp.listen", "lscp.share"),
               ("Maybe true, but said as an accusation it ends the conversation. Check the facts, then "
                "use them in a question.",
                "也许是事实,但以指责的口气说出来,谈话就结束了。先核实,再把事实放进问题里问。")),
            _r("c", BEST,
               ("\"I understand, many customers feel the squeeze. How much can you pay this month, and when "
                "does your next customer payment come in? Let us put a plan in writing.\"",
                "“理解,今年很多客户资金都紧。这个月能付多少?贵司下一笔回款什么时候到?我们把计划写下来。”"),
               ("lscp.share", "lscp.clarify", "lscp.present", "pmp.method"), (),
               ("Share, Clarify, Present in three sentences: the difficulty is acknowledged, the facts "
                "are asked for, and a written plan is proposed.",
                "三句话做到理解、澄清、提出方案:承认困难,问清事实,提出书面计划。")),
        ),
    ),
    RolePlayCase(
        "pretext.not_my_call", "pretext", _PRETEXT["not_my_call"].name, _PRETEXT["not_my_call"].customer_says,
        (
            _r("a", BEST,
               ("\"I know approvals take time in a group this size. Who approves next, and which day "
                "is the next payment run? Could we call him together now?\"",
                "“我知道集团大,审批要时间。下一位审批人是谁?下次付款是哪天?我们现在一起给他打个电话好吗?”"),
               ("lscp.share", "lscp.clarify", "lscp.present"), (),
               ("It finds out where the request is stuck and who decides, and proposes a step that "
                "moves it today.",
                "问清单据卡在哪、谁拍板,并提出一个今天就能推动的动作。")),
            _r("b", POOR,
               ("\"Fine, I will wait until he is back.\"", "“好的,那我等他回来再说。”"),
               (), ("lscp.clarify", "pmp.promise"),
               ("The meeting ends with nothing: no name, no date, no next step. The ball has been "
                "passed (踢皮球) and you caught it.",
                "面谈一无所获:没有名字、没有日期、没有下一步。对方踢来的皮球,你接住了。")),
            _r("c", PARTLY,
               ("\"Please tell your boss we need the money by Friday.\"", "“请转告老板,我们周五前必须收到钱。”"),
               ("pmp.problem",), ("lscp.clarify", "lscp.share"),
               ("A date is good, but sent through someone who cannot decide, with no understanding and "
                "no question about the approval path, it is easily lost.",
                "给出日期是好的,但托一个做不了主的人转达,既没表示理解也没问清审批流程,很容易石沉大海。")),
        ),
    ),
    RolePlayCase(
        "pretext.quality", "pretext", _PRETEXT["quality"].name, _PRETEXT["quality"].customer_says,
        (
            _r("a", POOR,
               ("\"Our motors passed every test in the factory. The problem must be your installation.\"",
                "“我们的电机出厂全部检测合格。问题肯定出在你们的安装上。”"),
               (), ("lscp.listen", "lscp.share", "lscp.clarify"),
               ("It argues before listening or checking: the dispute hardens and covers every invoice.",
                "还没听完、没核实就争辩:纠纷会升级,所有发票都被卷进去。")),
            _r("b", PARTLY,
               ("\"I am sorry to hear that. I will ask our service department to contact you.\"",
                "“很抱歉。我让售后部门跟您联系。”"),
               ("lscp.share",), ("lscp.clarify", "pmp.method"),
               ("Polite, but it asks nothing (which invoice? what about the others?) and lets the "
                "complaint hold back all the money.",
                "态度不错,但什么都没问(哪张发票?其他的呢?),让一个投诉压住了全部货款。")),
            _r("c", BEST,
               ("\"That is not acceptable for us either. Which invoice does it concern? Our engineer "
                "comes on Thursday; the undisputed invoices go into this month's run.\"",
                "“这对我们来说也不能接受。问题涉及哪张发票?我们的工程师周四到;没有争议的发票先进本月付款。”"),
               ("lscp.share", "lscp.clarify", "lscp.present", "pmp.method"), (),
               ("It takes the fault seriously, isolates the disputed invoice and gets the rest paid: "
                "the answer to finding fault (鸡蛋里挑骨头).",
                "认真对待问题,把有争议的发票单独拿出来,其余照付:这正是应对“鸡蛋里挑骨头”的办法。")),
        ),
    ),
    RolePlayCase(
        "pretext.paperwork", "pretext", _PRETEXT["paperwork"].name, _PRETEXT["paperwork"].customer_says,
        (
            _r("a", PARTLY,
               ("\"I will check on our side and come back to you.\"", "“我回去查查,再联系您。”"),
               ("lscp.listen",), ("lscp.clarify", "pmp.promise"),
               ("It takes the objection seriously but leaves with no name, no date and no document "
                "sent: weeks can pass.",
                "重视了对方的说法,却没问收件人、没定日期、也没当场补单据:几个星期就这样过去了。")),
            _r("b", BEST,
               ("\"Of course, finance cannot pay without it. To whom should it go? I will send the "
                "invoice and the signed delivery receipt today: can it then go into the run of the 25th?\"",
                "“当然,没有单据财务没法付。应该寄给谁?我今天就把发票和签收的收货单寄过去:这样能赶上 25 号的付款吗?”"),
               ("lscp.share", "lscp.clarify", "lscp.present", "pmp.promise"), (),
               ("It removes the pretext the same day and ties the fix to a payment date.",
                "当天就消除托词,并把补寄单据和付款日期挂上钩。")),
            _r("c", POOR,
               ("\"We sent it three times. Your finance department loses everything.\"",
                "“我们都寄了三次了。你们财务什么都弄丢。”"),
               (), ("lscp.share", "lscp.clarify"),
               ("Blaming their staff wins the argument and loses the payment; resending costs a "
                "stamp.",
                "指责对方员工,赢了嘴仗,输了回款;再寄一次不过一张邮票的成本。")),
        ),
    ),
    RolePlayCase(
        "scenario.vague_promise", "scenario", _SCENARIO["vague_promise"].name, _SCENARIO["vague_promise"].customer_says,
        (
            _r("a", POOR,
               ("\"Great, thank you! I will wait for it then.\"", "“太好了,谢谢!那我等着。”"),
               (), ("pmp.promise", "lscp.clarify"),
               ("\"Soon\" is not a promise: no amount, no date, no person. This is how the "
                "empty-promise trick (空头承诺) works.",
                "“尽快”不是承诺:没有金额、日期、责任人。“空头承诺”就是这样得逞的。")),
            _r("b", PARTLY,
               ("\"Could you pay by the end of the month?\"", "“能不能月底前付?”"),
               ("pmp.promise",), ("lscp.clarify",),
               ("Asking for a date is right, but a yes to \"the end of the month\" without amount "
                "and person, and not in writing, is still vague.",
                "要日期是对的,但没有金额和责任人、也没有书面确认,“月底”照样模糊。")),
            _r("c", BEST,
               ("\"Thank you. So that I can tell our finance: how much, on which day, and who "
                "releases it? I will confirm it by e-mail tonight.\"",
                "“谢谢您。我好跟财务交代:付多少、哪一天、谁来安排?今晚我发邮件确认。”"),
               ("pmp.promise", "lscp.clarify"), (),
               ("It turns \"soon\" into amount, date and person, confirmed in writing: the second P "
                "of PMP.",
                "把“尽快”变成金额、日期、责任人,并书面确认:PMP 的第二个 P。")),
        ),
    ),
    RolePlayCase(
        "scenario.partial_offer", "scenario", _SCENARIO["partial_offer"].name, _SCENARIO["partial_offer"].customer_says,
        (
            _r("a", BEST,
               ("\"Thank you, a good start. Let us call it the first instalment and fix the dates of "
                "the other two now, in writing.\"",
                "“谢谢,这是个好的开始。就把它算作第一期,剩下两期的日期现在一起定下来,写进书面计划。”"),
               ("pmp.method", "pmp.promise"), (),
               ("The part is taken, not as settlement but as the first step of a written plan.",
                "部分付款收下了,但不是结清,而是书面计划的第一步。")),
            _r("b", POOR,
               ("\"A third is not enough. It is all or nothing.\"", "“三分之一不够,要么全付,要么别谈。”"),
               (), ("lscp.share", "pmp.method"),
               ("Refusing a part payment leaves you with nothing, and the customer with a reason to "
                "stop talking.",
                "拒收部分付款,结果是一分钱没收到,还给了对方不再谈的理由。")),
            _r("c", PARTLY,
               ("\"Thank you, we will talk about the rest later.\"", "“谢谢,剩下的以后再说。”"),
               ("lscp.share",), ("pmp.promise",),
               ("Taking the part is right, but \"later\" leaves the rest without a date: it may never "
                "come.",
                "收下部分款项是对的,但“以后再说”让余款没有日期:可能永远不会来。")),
        ),
    ),
    RolePlayCase(
        "scenario.discount_demand", "scenario", _SCENARIO["discount_demand"].name,
        _SCENARIO["discount_demand"].customer_says,
        (
            _r("a", POOR,
               ("\"All right, ten percent off if you pay today.\"", "“行,今天付就打九折。”"),
               (), ("pmp.method",),
               ("It rewards late payment, rewrites the contract without authority and teaches every "
                "customer to wait for a discount.",
                "奖励了拖欠,越权改写了合同,还教会所有客户拖着等折扣。")),
            _r("b", BEST,
               ("\"The price was agreed in the contract, so a discount is not mine to give. What I "
                "can offer is a plan that fits your cash: shall we look at dates?\"",
                "“价格是合同定的,折扣不是我能给的。我能做的是按贵司资金情况安排付款计划:我们看看日期?”"),
               ("pmp.method", "lscp.present"), (),
               ("It holds the contract and offers a method (dates) instead of a price cut.",
                "守住合同,用方案(日期)代替降价。")),
            _r("c", PARTLY,
               ("\"I cannot decide that; I will ask my manager.\"", "“这个我做不了主,我去问问经理。”"),
               ("lscp.listen",), ("lscp.present",),
               ("Honest about authority, but it leaves the discount on the table and offers nothing "
                "else: the customer will wait for the answer, not pay.",
                "如实说明权限,但折扣仍悬而未决,又没有提出别的方案:客户只会等答复,不会付款。")),
        ),
    ),
    RolePlayCase(
        "scenario.threat", "scenario", _SCENARIO["threat"].name, _SCENARIO["threat"].customer_says,
        (
            _r("a", PARTLY,
               ("\"Please don't! I am sorry, we will stop calling.\"", "“别别别!对不起,我们不催了。”"),
               ("lscp.share",), ("pmp.problem", "lscp.present"),
               ("Keeping the customer matters, but giving up the claim is not the price of it: the "
                "problem is simply dropped.",
                "留住客户重要,但不能以放弃债权为代价:问题就这样被放下了。")),
            _r("b", POOR,
               ("\"Go ahead. Then we will see you in court.\"", "“请便。那我们法庭上见。”"),
               (), ("lscp.share", "lscp.present"),
               ("A threat answered with a threat: the relationship and the payment are both at risk, "
                "for nothing.",
                "以威胁回应威胁:关系和回款都搭进去了,毫无收获。")),
            _r("c", BEST,
               ("\"We value working with you, that is exactly why I am here in person: paying on the "
                "agreed terms is what keeps your credit terms and deliveries running.\"",
                "“我们很珍惜和贵司的合作,所以我才亲自来:按约定付款,正是保住贵司账期和供货的前提。”"),
               ("lscp.share", "lscp.present", "pmp.problem"), (),
               ("Calm, shares the interest in the relationship, and links it to paying: no give, no "
                "counter-threat.",
                "冷静,讲共同利益,并把合作与付款联系起来:不让步,也不回敬威胁。")),
        ),
    ),
    RolePlayCase(
        "scenario.angry", "scenario", _SCENARIO["angry"].name, _SCENARIO["angry"].customer_says,
        (
            _r("a", BEST,
               ("(lets him finish) \"I am sorry the calls felt like that; it was not our intention. "
                "Could we go through the open invoices together, so there is one clear plan and no "
                "more calls?\"",
                "(让他说完)“很抱歉让您有这种感受,我们不是这个意思。我们一起把未结发票过一遍,定一个清楚的计划,"
                "就不用再天天打电话了,好吗?”"),
               ("lscp.listen", "lscp.share", "lscp.present"), (),
               ("Listen and Share first; the proposal comes once the temperature is down, and it "
                "answers his complaint.",
                "先倾听、先理解;情绪平复后再提方案,而且方案正好回应了他的不满。")),
            _r("b", POOR,
               ("\"Nobody would call if you paid on time.\"", "“您按时付款,就没人给您打电话了。”"),
               (), ("lscp.listen", "lscp.share"),
               ("True, and useless: it pours oil on the fire.", "话没错,但毫无用处:火上浇油。")),
            _r("c", PARTLY,
               ("\"Let us calm down. The statement shows three invoices overdue since the summer.\"",
                "“我们冷静一下。对账单显示有三张发票从夏天起就逾期了。”"),
               ("pmp.problem",), ("lscp.listen", "lscp.share"),
               ("The facts are right but come too early: an angry customer does not hear figures "
                "until he feels heard.",
                "事实没错,但说早了:对方觉得自己的话被听见之前,是听不进数字的。")),
        ),
    ),
    RolePlayCase(
        "scenario.wrong_person", "scenario", _SCENARIO["wrong_person"].name, _SCENARIO["wrong_person"].customer_says,
        (
            _r("a", PARTLY,
               ("\"Then I will come back when the boss is here.\"", "“那我等老板在的时候再来。”"),
               ("lscp.listen",), ("lscp.clarify", "pmp.promise"),
               ("Right to look for the decision maker, but with no date and no message carried, the "
                "visit was wasted.",
                "想找拍板人是对的,但既没约时间,也没让人带话,这次拜访白跑了。")),
            _r("b", BEST,
               ("\"I understand. Could you take this statement and our proposal to him, and could the "
                "three of us talk by phone on Thursday? What time suits him?\"",
                "“理解。能否把这份对账单和我们的方案转交给他?周四我们三方通个电话,他什么时间方便?”"),
               ("lscp.share", "lscp.clarify", "pmp.promise"), (),
               ("The contact becomes an ally with documents and a proposal to carry, and there is a "
                "date with the person who decides.",
                "对接人成了盟友,带着单据和方案去汇报;和拍板人的沟通也约好了时间。")),
            _r("c", POOR,
               ("\"Then why did they send you? I need someone who can decide.\"",
                "“那派你来干什么?我要找能做主的人。”"),
               (), ("lscp.share", "lscp.clarify"),
               ("It humiliates the one person who could carry your case inside the company.",
                "羞辱了公司里唯一能替你传话的人。")),
        ),
    ),
)

CASES_BY_CODE: dict[str, RolePlayCase] = {c.code: c for c in CASES}


def get_case(code: str) -> RolePlayCase:
    try:
        return CASES_BY_CODE[code]
    except KeyError:
        raise ValueError(f"no role-play case {code!r}; choose one of: {', '.join(CASES_BY_CODE)}") from None


def best_response(case: RolePlayCase) -> Response:
    return max(case.responses, key=lambda r: r.points)


def feedback(case: str, choice: str, lang: str = "en") -> dict:
    """What the learner hears after answering ``case`` with response ``choice`` ("a", "b", "c").

    Keys: ``case``, ``choice``, ``points``, ``max_points``, ``verdict`` ("best", "partly",
    "poor") and its text ``verdict_text``, ``honours`` and ``breaks`` (the PMP/LSCP step
    codes) with their labels in ``lang`` (``honours_text``, ``breaks_text``), ``why``, and
    ``better`` (the best answer's text, empty when the choice is the best).
    """
    check_lang(lang)
    rp = get_case(case)
    chosen = {r.code: r for r in rp.responses}.get(choice)
    if chosen is None:
        raise ValueError(f"case {case!r} has no answer {choice!r}; choose one of: {', '.join(r.code for r in rp.responses)}")
    best = best_response(rp)
    verdict = {BEST: "best", PARTLY: "partly", POOR: "poor"}[chosen.points]
    return {
        "case": rp.code,
        "choice": chosen.code,
        "points": chosen.points,
        "max_points": best.points,
        "verdict": verdict,
        "verdict_text": t(f"roleplay.{verdict}", lang),
        "honours": list(chosen.honours),
        "breaks": list(chosen.breaks),
        "honours_text": [STEPS[c].label(lang) for c in chosen.honours],
        "breaks_text": [STEPS[c].label(lang) for c in chosen.breaks],
        "why": pick(chosen.why, lang),
        "better": "" if chosen is best else pick(best.text, lang),
    }


@dataclass
class Scoreboard:
    """The running score of a role-play session: the first answer to each case counts."""

    first_points: dict[str, int] = field(default_factory=dict)

    def answer(self, case: str, choice: str, lang: str = "en") -> dict:
        result = feedback(case, choice, lang)
        self.first_points.setdefault(result["case"], result["points"])
        return result

    @property
    def score(self) -> int:
        return sum(self.first_points.values())

    @property
    def answered(self) -> int:
        return len(self.first_points)

    @property
    def max_score(self) -> int:
        return sum(best_response(CASES_BY_CODE[c]).points for c in self.first_points)

    def text(self, lang: str = "en") -> str:
        return t("roleplay.score", lang).format(score=self.score, max=self.max_score,
                                                answered=self.answered, cases=len(CASES))
