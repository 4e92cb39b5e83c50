"""Role play for the meeting (情景演练): a customer's line, three possible answers, and
feedback that names the moves each answer makes and misses and the PMP and LSCP steps it
honours or breaks.

*Authored for this kit*: the course names role play (情景演练:营造氛围, 情景演练:催收现场
话术应对) but gives no cases. The cases follow `receivables.collection.conversation`: one
opening of the meeting (setting the atmosphere), the four pretexts (四大托词) and the six
scenarios (六大情景), in the case company.

**Scoring by moves.** Every answer declares what it *does* (`Response.moves`, data, not an
analysis of its words); its points follow from the moves by one rule, `points_for`:

- good moves: ``acknowledge`` (认可/共情 the customer's situation), ``ask`` (a question that
  finds the real reason, the facts or the decision maker), ``state`` (the problem, with
  facts), ``propose`` (a concrete solution: part payment, plan, document fix, a call with
  the decision maker), ``commit`` (pins a date, an amount or a next step and asks the
  customer to agree to it);
- faults: ``argue`` (argues, threatens or blames) and ``give_in`` (accepts a delay or a
  concession with no date) are severe; ``vague`` (no date, amount or person) is not.

**BEST** (2 points): acknowledges *or* asks, proposes *and* commits, with no fault at all.
**POOR** (0): a severe fault, or no concrete move (only ``acknowledge``, or nothing).
**PARTLY** (1): everything else, i.e. at least one concrete move (ask, state, propose,
commit), no severe fault, but something the best answer needs is missing or it is vague.

The steps an answer honours and breaks (`conversation.STEPS`) are authored, and checked
against the moves when a `Response` is built (`step_problems`): every honoured step belongs
to a good move made, every good move made honours at least one of its steps, every fault
breaks at least one of its steps, and every broken step comes from a fault made or from a
good move not made (`MOVE_STEPS`, `FAULT_STEPS`).

The answers are written so that length gives nothing away: a poor answer may ramble,
argue or over-apologise, a best answer is often the shortest (the tests check that always
picking the longest, or the shortest, answer scores at most half the points).

`feedback(case, choice, lang)` is the pure function the widget shows; `Scoreboard` keeps the
running score (the first answer to each case counts, as in a quiz: try the others to learn).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from receivables.collection.conversation import PRETEXTS, SCENARIOS, STEPS, Text, named, pick
from receivables.i18n import check_lang, t

#: Points of an answer: the best one, a half-right one, one that breaks the principles.
BEST, PARTLY, POOR = 2, 1, 0
VERDICTS = {BEST: "best", PARTLY: "partly", POOR: "poor"}
KINDS = ("atmosphere", "pretext", "scenario")

#: The moves an answer can make: the good ones, then the faults.
GOOD_MOVES = ("acknowledge", "ask", "state", "propose", "commit")
FAULTS = ("argue", "give_in", "vague")
MOVES = GOOD_MOVES + FAULTS
#: A severe fault makes an answer poor whatever else it does.
SEVERE_FAULTS = ("argue", "give_in")
#: The moves that put something concrete on the table (acknowledging alone does not).
CONCRETE_MOVES = ("ask", "state", "propose", "commit")
#: What a best answer needs: one move of each group (and no fault at all).
BEST_NEEDS: tuple[tuple[str, ...], ...] = (("acknowledge", "ask"), ("propose",), ("commit",))
#: The PMP/LSCP steps a good move honours …
MOVE_STEPS: dict[str, tuple[str, ...]] = {
    "acknowledge": ("lscp.listen", "lscp.share"),
    "ask": ("lscp.clarify",),
    "state": ("pmp.problem",),
    "propose": ("lscp.present", "pmp.method"),
    "commit": ("pmp.promise",),
}
#: … and the steps a fault breaks.
FAULT_STEPS: dict[str, tuple[str, ...]] = {
    "argue": ("lscp.listen", "lscp.share"),
    "give_in": ("pmp.problem", "pmp.method", "pmp.promise"),
    "vague": ("pmp.promise",),
}



def _check_moves(moves: Iterable[str]) -> set[str]:
    moves = list(moves)
    unknown = [m for m in moves if m not in MOVES]
    if unknown:
        raise ValueError(f"unknown move(s) {', '.join(map(repr, unknown))}; moves are: {', '.join(MOVES)}")
    if len(set(moves)) != len(moves):
        raise ValueError(f"a move is listed twice: {moves}")
    made = set(moves)
    if "commit" in made and made & {"vague", "give_in"}:
        raise ValueError("an answer that commits to a date, amount or step cannot also be vague or give in")
    return made


def points_for(moves: Iterable[str]) -> int:
    """The points of an answer that makes ``moves``: the one scoring rule of the role play.

    POOR if it makes a severe fault (argue, give_in) or no concrete move (ask, state,
    propose, commit); BEST if it acknowledges or asks, proposes and commits, with no fault;
    PARTLY otherwise.
    """
    made = _check_moves(moves)
    if made & set(SEVERE_FAULTS) or not made & set(CONCRETE_MOVES):
        return POOR
    if not made & set(FAULTS) and all(made & set(group) for group in BEST_NEEDS):
        return BEST
    return PARTLY


def missed_for_best(moves: Iterable[str]) -> list[tuple[str, ...]]:
    """The groups of `BEST_NEEDS` that ``moves`` leave out (a group is met by any one move)."""
    made = _check_moves(moves)
    return [group for group in BEST_NEEDS if not made & set(group)]


def step_problems(moves: Iterable[str], honours: Iterable[str], breaks: Iterable[str]) -> list[str]:
    """Where the honoured and broken steps disagree with the moves (empty when consistent)."""
    made = _check_moves(moves)
    honours, breaks = list(honours), list(breaks)
    problems = [f"unknown step {s!r}" for s in (*honours, *breaks) if s not in STEPS]
    problems += [f"step {s!r} is both honoured and broken" for s in sorted(set(honours) & set(breaks))]
    good = [m for m in GOOD_MOVES if m in made]
    faults = [m for m in FAULTS if m in made]
    backed = {s for m in good for s in MOVE_STEPS[m]}
    problems += [f"honours {s!r} but makes no move that honours it" for s in honours if s not in backed]
    problems += [f"makes the move {m!r} but honours none of its steps {MOVE_STEPS[m]}"
                 for m in good if not set(MOVE_STEPS[m]) & set(honours)]
    problems += [f"makes the fault {m!r} but breaks none of its steps {FAULT_STEPS[m]}"
                 for m in faults if not set(FAULT_STEPS[m]) & set(breaks)]
    explained = {s for m in faults for s in FAULT_STEPS[m]}
    explained |= {s for m in GOOD_MOVES if m not in made for s in MOVE_STEPS[m]}
    problems += [f"breaks {s!r} without a fault or a missing move that explains it" for s in breaks if s not in explained]
    return problems


def move_label(move: str, lang: str = "en") -> str:
    return t(f"roleplay.move.{move}", lang)


def _group_label(group: tuple[str, ...], lang: str) -> str:
    return t("roleplay.or", lang).join(move_label(m, lang) for m in group)


@dataclass(frozen=True)
class Response:
    code: str  # "a", "b", "c"
    text: Text
    moves: tuple[str, ...]  # what the answer does: see GOOD_MOVES and FAULTS
    honours: tuple[str, ...]  # step codes of conversation.STEPS
    breaks: tuple[str, ...]
    why: Text

    def __post_init__(self) -> None:
        problems = step_problems(self.moves, self.honours, self.breaks)
        if problems:
            raise ValueError(f"answer {self.code!r}: " + "; ".join(problems))

    @property
    def points(self) -> int:
        """Computed from the moves by `points_for`, never assigned by hand."""
        return points_for(self.moves)

    @property
    def verdict(self) -> str:
        return VERDICTS[self.points]

    @property
    def good_moves(self) -> tuple[str, ...]:
        return tuple(m for m in GOOD_MOVES if m in self.moves)

    @property
    def faults(self) -> tuple[str, ...]:
        return tuple(m for m in FAULTS if m in self.moves)

    @property
    def missed(self) -> list[tuple[str, ...]]:
        return missed_for_best(self.moves)


@dataclass(frozen=True)
class RolePlayCase:
    code: str  # "atmosphere.opening", "pretext.no_money", "scenario.angry" …
    kind: str
    title: Text
    customer_says: Text
    responses: tuple[Response, ...]

    def label(self, lang: str = "en") -> str:
        return f"{t(f'roleplay.kind.{self.kind}', lang)}: {named(self.title, lang)}"


def _r(code: str, text: Text, moves: tuple[str, ...], honours: tuple[str, ...], breaks: tuple[str, ...],
       why: Text) -> Response:
    return Response(code, text, moves, honours, breaks, why)


_PRETEXT = {p.code: p for p in PRETEXTS}
_SCENARIO = {s.code: s for s in SCENARIOS}

CASES: tuple[RolePlayCase, ...] = (
    RolePlayCase(
        "atmosphere.opening", "atmosphere", ("Opening the meeting", "面谈开场"),
        ("(Mr Lin, CFO of Lanfeng, the key account) Ah, you again. Sit down. What brings you here today?",
         "(大客户澜峰的财务总监林总)哦,又是你啊,坐吧。今天来有什么事?"),
        (
            _r("a",
               ("\"Mr Lin, you are late again, and our finance director is furious.\"",
                "“林总,贵司又逾期了,我们财务总监很恼火。”"),
               ("argue",), (), ("pmp.problem", "lscp.share"),
               ("It opens with blame and someone else's anger, without a single fact or document: the "
                "customer defends himself instead of solving the problem.",
                "一开口就是指责和别人的不满,没有一条事实、一份单据:客户只会辩解,而不是解决问题。")),
            _r("b",
               ("\"Thank you for your time, Mr Lin, and congratulations on Xi'an. Could we take half an "
                "hour now for the three open invoices? I brought the statement.\"",
                "“谢谢林总抽时间,也恭喜西安项目投产。今天想借半小时把三张未结发票对一下,对账单我带来了,您看行吗?”"),
               ("acknowledge", "state", "propose", "commit"),
               ("lscp.share", "pmp.problem", "lscp.present", "pmp.promise"), (),
               ("One sentence of thanks and real interest sets the atmosphere; then the purpose, the "
                "documents and a next step he can say yes to: half an hour, now.",
                "一句感谢、一句真诚的关心,氛围就有了;随即说明来意、拿出单据,并提出一个对方能当场答应的下一步:现在就用半小时。")),
            _r("c",
               ("\"Just passing by, Mr Lin! How is the family? And the Xi'an plant, running day and night, I "
                "hear? Tell me everything… Oh, and the three invoices from the summer are still open, by "
                "the way; no rush, whenever you have a moment.\"",
                "“正好路过,林总!家里都好吧?听说西安新厂天天满负荷?快给我讲讲……哦对了,夏天那三张发票还没结,"
                "不着急,您什么时候有空看看就行。”"),
               ("acknowledge", "state", "vague"), ("lscp.share", "pmp.problem"), ("pmp.method", "pmp.promise"),
               ("A warm atmosphere, and the invoices are named, but only in passing (\"no rush\"): no "
                "proposal, no next step, so nothing will be agreed.",
                "氛围是热络了,发票也提到了,却只是顺口一句(“不着急”):没有方案、没有下一步,自然谈不成任何共识。")),
        ),
    ),
    RolePlayCase(
        "pretext.no_money", "pretext", _PRETEXT["no_money"].name, _PRETEXT["no_money"].customer_says,
        (
            _r("a",
               ("\"I understand. How much could you pay this month?\"", "“理解。这个月能先付多少?”"),
               ("acknowledge", "ask"), ("lscp.share", "lscp.clarify"), ("pmp.method", "pmp.promise"),
               ("Understanding and the right question, but it stops there: no plan is proposed and "
                "nothing is agreed, so the answer will be \"very little\".",
                "理解了,也问对了,但到此为止:没有提出方案,也没有谈定任何事,对方多半回答“付不了多少”。")),
            _r("b",
               ("\"Everyone says that. Didn't you order twice last month? You clearly have money; do you "
                "think we don't notice?\"",
                "“谁都这么说。你们上个月不是还下了两单吗?明明有钱,当我们看不出来吗?”"),
               ("argue",), (), ("lscp.listen", "lscp.share"),
               ("Maybe true, but said as an accusation it ends the conversation. Check the facts, then "
                "use them in a question.",
                "也许是事实,但以指责的口气说出来,谈话就结束了。先核实,再把事实放进问题里问。")),
            _r("c",
               ("\"I understand, many customers are squeezed this year. How much can you pay this month, and "
                "when does your next customer payment come in? Then let us put the rest in a written plan "
                "with dates before I leave.\"",
                "“理解,今年很多客户资金都紧。这个月能付多少?贵司下一笔回款什么时候到?剩下的我们走之前就定个带日期的"
                "书面计划。”"),
               ("acknowledge", "ask", "propose", "commit"),
               ("lscp.share", "lscp.clarify", "lscp.present", "pmp.method", "pmp.promise"), (),
               ("Share, Clarify, Present: the difficulty is acknowledged, the facts are asked for, and a "
                "written plan with dates is agreed before leaving.",
                "做到理解、澄清、提出方案:承认困难,问清事实,走之前把带日期的书面计划定下来。")),
        ),
    ),
    RolePlayCase(
        "pretext.not_my_call", "pretext", _PRETEXT["not_my_call"].name, _PRETEXT["not_my_call"].customer_says,
        (
            _r("a",
               ("\"Approvals take time, I know. Who signs next, and when is your next payment run? Shall we "
                "call him together now?\"",
                "“审批要时间,我懂。下一位签字的是谁?下次付款是哪天?我们现在一起给他打个电话,好吗?”"),
               ("acknowledge", "ask", "propose", "commit"),
               ("lscp.share", "lscp.clarify", "lscp.present", "pmp.promise"), (),
               ("It finds out where the request is stuck and who decides, and gets a step agreed that "
                "moves it today.",
                "问清单据卡在哪、谁拍板,并谈定一个今天就能推动的动作。")),
            _r("b",
               ("\"Of course, of course, no problem at all. I know how approvals are in a big group, they "
                "always take longer than anyone wants. Please don't worry; I will wait until he is back, and "
                "you can call me whenever it suits you.\"",
                "“好的好的,没问题,没问题。大集团审批嘛,我懂,总是比预想的慢。您别着急,我等老板回来再说,"
                "您什么时候方便了再给我打电话就行。”"),
               ("acknowledge", "give_in"), ("lscp.share",), ("lscp.clarify", "pmp.promise"),
               ("All understanding and no question: no name, no date, no next step. The ball has been "
                "passed (踢皮球) and you caught it.",
                "一味体谅,一个问题都没问:没有名字、没有日期、没有下一步。对方踢来的皮球,你接住了。")),
            _r("c",
               ("\"Who is it waiting with? When is he back? And when is the next payment run?\"",
                "“现在卡在谁那里?他哪天回来?下次付款是哪天?”"),
               ("ask",), ("lscp.clarify",), ("lscp.share", "pmp.promise"),
               ("The right questions, a little bare: they find who decides and when, but no step is "
                "proposed or agreed, so next week you will hear the same.",
                "问题问对了,只是有点生硬:知道了谁拍板、何时回来,却没有提出、也没有谈定下一步,下周听到的还是这句话。")),
        ),
    ),
    RolePlayCase(
        "pretext.quality", "pretext", _PRETEXT["quality"].name, _PRETEXT["quality"].customer_says,
        (
            _r("a",
               ("\"That is impossible. Every motor passed the factory test, every single one, and we have "
                "the certificates. Nobody else has ever complained, so why only you? If they are "
                "noisy, how is that our problem? It must be your installation.\"",
                "“不可能。我们的电机出厂每一台都检测合格,合格证都在,别的客户从来没投诉过,怎么偏偏你们有意见?有噪音也怪不到我们头上,"
                "肯定是你们自己没装好。”"),
               ("argue",), (), ("lscp.listen", "lscp.share", "lscp.clarify"),
               ("It argues before listening or checking: the dispute hardens and covers every invoice.",
                "还没听完、没核实就争辩:纠纷会升级,所有发票都被卷进去。")),
            _r("b",
               ("\"I am very sorry about all the trouble with the motors. I will ask our service department to "
                "send someone to look at them as soon as they possibly can.\"",
                "“电机出了问题,给您添麻烦了,真是非常抱歉。我回去马上让售后部门尽快安排人过来看一看。”"),
               ("acknowledge", "propose", "vague"), ("lscp.share", "lscp.present"), ("lscp.clarify", "pmp.promise"),
               ("Polite and helpful, but it asks nothing (which invoice? what about the others?), fixes "
                "no date and lets the complaint hold back all the money.",
                "态度好,也愿意解决,但什么都没问(哪张发票?其他的呢?),也没定日期,让一个投诉压住了全部货款。")),
            _r("c",
               ("\"That's not acceptable for us either. Which invoice is it? Our engineer comes Thursday, and the "
                "other two go into this month's run.\"",
                "“这对我们来说也不能接受。是哪张发票?工程师周四到,另外两张先进本月付款。”"),
               ("acknowledge", "ask", "propose", "commit"),
               ("lscp.share", "lscp.clarify", "lscp.present", "pmp.method", "pmp.promise"), (),
               ("It takes the fault seriously, isolates the disputed invoice and gets the rest paid: "
                "the answer to finding fault (鸡蛋里挑骨头).",
                "认真对待问题,把有争议的发票单独拿出来,其余照付:这正是应对“鸡蛋里挑骨头”的办法。")),
        ),
    ),
    RolePlayCase(
        "pretext.paperwork", "pretext", _PRETEXT["paperwork"].name, _PRETEXT["paperwork"].customer_says,
        (
            _r("a",
               ("\"Which invoice number is it? I'll check on our side.\"", "“是哪张发票?我回去查查。”"),
               ("ask", "vague"), ("lscp.clarify",), ("pmp.method", "pmp.promise"),
               ("It asks the right question but leaves with \"I'll check\": no copy sent, no date, and "
                "weeks can pass.",
                "问对了问题,却以“我回去查查”收场:没当场补单据、没定日期,几个星期就这样过去了。")),
            _r("b",
               ("\"Of course, finance needs it. Who should it go to? I'll send the invoice and signed receipt "
                "today, so it makes the run of the 25th.\"",
                "“当然,没有发票财务没法付。寄给谁?发票和签收单我今天就寄过去,正好赶上 25 号付款。”"),
               ("acknowledge", "ask", "propose", "commit"),
               ("lscp.share", "lscp.clarify", "lscp.present", "pmp.promise"), (),
               ("It removes the pretext the same day and ties the fix to a payment date.",
                "当天就消除托词,并把补寄单据和付款日期挂上钩。")),
            _r("c",
               ("\"We have sent it three times already, by post and by e-mail; how many more times? Your "
                "finance department loses everything; it is the same every time with your company, and "
                "frankly I am tired of doing your filing for you.\"",
                "“我们都寄了三次了,快递、邮件都发过,还要寄几次?你们财务什么都弄丢,每次都这样,说实话,"
                "我真不想再替你们整理文件了。”"),
               ("argue",), (), ("lscp.share", "lscp.clarify"),
               ("Blaming their staff wins the argument and loses the payment; resending costs a "
                "stamp.",
                "指责对方员工,赢了嘴仗,输了回款;再寄一次不过一张邮票的成本。")),
        ),
    ),
    RolePlayCase(
        "scenario.vague_promise", "scenario", _SCENARIO["vague_promise"].name, _SCENARIO["vague_promise"].customer_says,
        (
            _r("a",
               ("\"Great, thank you so much, what a relief! I knew we could count on you. I will tell our "
                "finance it is on its way; no need for a date, I trust you completely.\"",
                "“太好了,太感谢了,这下我就放心了!我就知道贵司靠得住。我回去跟财务说钱马上就到,日期就不用给了,"
                "我完全相信您。”"),
               ("give_in",), (), ("pmp.promise", "lscp.clarify"),
               ("\"Soon\" is not a promise: no amount, no date, no person. This is how the "
                "empty-promise trick (空头承诺) works.",
                "“尽快”不是承诺:没有金额、日期、责任人。“空头承诺”就是这样得逞的。")),
            _r("b",
               ("\"Thank you, that's good to hear; I will let our finance know. Could you tell me roughly when? "
                "Around the end of the month, maybe?\"",
                "“谢谢,听您这么说我就放心了,回去跟财务也好交代。大概什么时候能付呢?月底前后应该可以吧?”"),
               ("acknowledge", "ask", "vague"), ("lscp.share", "lscp.clarify"), ("pmp.promise",),
               ("Asking for a date is right, but \"roughly, around the end of the month\" without amount "
                "and person, and not in writing, is still vague.",
                "要日期是对的,但“大概月底前后”既没有金额和责任人,也没有书面确认,照样模糊。")),
            _r("c",
               ("\"Thanks! When is your next payment run? Then let's put all three invoices in it; I'll "
                "confirm by e-mail tonight.\"",
                "“谢谢!下次付款是哪天?那就把三张发票都排进去,我今晚发邮件确认,行吗?”"),
               ("acknowledge", "ask", "propose", "commit"),
               ("lscp.share", "lscp.clarify", "lscp.present", "pmp.promise"), (),
               ("It turns \"soon\" into a run, an amount and a written confirmation: the second P "
                "of PMP.",
                "把“尽快”变成具体的付款批次和金额,并书面确认:PMP 的第二个 P。")),
        ),
    ),
    RolePlayCase(
        "scenario.partial_offer", "scenario", _SCENARIO["partial_offer"].name, _SCENARIO["partial_offer"].customer_says,
        (
            _r("a",
               ("\"Thank you, that is a good start. Let us call it the first instalment and fix the other two "
                "now: a third on the 25th of next month, the last third a month later. I will confirm it in "
                "writing today: agreed?\"",
                "“谢谢,这是个好的开始。就把它算作第一期,剩下两期现在一起定下来:下月 25 号付三分之一,再下个月 25 号付清。"
                "我今天就发书面确认,您看行吗?”"),
               ("acknowledge", "propose", "commit"), ("lscp.share", "pmp.method", "pmp.promise"), (),
               ("The part is taken, not as settlement but as the first step of a written plan with dates.",
                "部分付款收下了,但不是结清,而是带日期的书面计划的第一步。")),
            _r("b",
               ("\"A third? That is not enough. It is all or nothing, or we stop deliveries. What do you expect me "
                "to tell my boss?\"",
                "“三分之一?不够。要么全付,要么我们停止供货。你让我回去怎么跟老板交代?”"),
               ("argue",), (), ("lscp.share", "pmp.method"),
               ("Refusing a part payment, with a threat, leaves you with nothing, and the customer with a "
                "reason to stop talking.",
                "拒收部分付款,还加上威胁,结果是一分钱没收到,还给了对方不再谈的理由。")),
            _r("c",
               ("\"Thank you. When can the rest come?\"", "“谢谢。剩下的什么时候能付?”"),
               ("acknowledge", "ask"), ("lscp.share", "lscp.clarify"), ("pmp.method", "pmp.promise"),
               ("Taking the part is right and so is the question, but an open question invites \"later\": "
                "propose the dates yourself and get them agreed.",
                "收下部分款项是对的,问题也对,但开放式的问题只会换来“以后再说”:自己提出日期,让对方点头。")),
        ),
    ),
    RolePlayCase(
        "scenario.discount_demand", "scenario", _SCENARIO["discount_demand"].name,
        _SCENARIO["discount_demand"].customer_says,
        (
            _r("a",
               ("\"Ten percent? Well… all right, if you pay today. I'm not really allowed to, but I will "
                "explain it to my manager somehow.\"",
                "“九折?唉……行吧,只要今天付,就按九折算。其实我没这个权限,不过回头我再想办法跟经理解释吧。”"),
               ("give_in",), (), ("pmp.method",),
               ("It rewards late payment, rewrites the contract without authority and teaches every "
                "customer to wait for a discount.",
                "奖励了拖欠,越权改写了合同,还教会所有客户拖着等折扣。")),
            _r("b",
               ("\"I understand. The price is in the contract, but I can split it: half today, half on the 25th. "
                "Agreed?\"",
                "“理解。价格是合同定的,但可以分两次:今天付一半,25 号付清,行吗?”"),
               ("acknowledge", "propose", "commit"), ("lscp.share", "lscp.present", "pmp.method", "pmp.promise"), (),
               ("It holds the contract and offers a method (dates) instead of a price cut, and asks for "
                "the yes.",
                "守住合同,用方案(日期)代替降价,并请对方当场点头。")),
            _r("c",
               ("\"I am afraid a discount is not something I can decide; it would have to go to my manager, "
                "and to be honest he rarely agrees. Is it the cash this month that is the problem, or is "
                "something else behind it? I will take it back to him and let you know.\"",
                "“恐怕折扣不是我能决定的,得报给经理,说实话他很少同意。是这个月资金紧张,还是有别的原因?"
                "我回去跟他汇报,再给您答复。”"),
               ("ask", "vague"), ("lscp.clarify",), ("lscp.present", "pmp.promise"),
               ("Honest about authority, and the question is good, but the discount stays on the table and "
                "nothing else is offered: the customer will wait for the answer, not pay.",
                "如实说明权限,问题也问得好,但折扣仍悬而未决,又没有提出别的方案:客户只会等答复,不会付款。")),
        ),
    ),
    RolePlayCase(
        "scenario.threat", "scenario", _SCENARIO["threat"].name, _SCENARIO["threat"].customer_says,
        (
            _r("a",
               ("\"Oh no, please, I am so sorry, we never meant to put pressure on you, really, and I apologise "
                "for all the calls from my colleagues. We value you very much. Tell me, what would make it "
                "easier for you to pay?\"",
                "“哎呀,千万别,真是对不起,我们绝对没有给您施压的意思,同事天天打电话,我先替他们道个歉。"
                "我们非常珍惜贵司这个客户。您说,怎么样才能方便您付款?”"),
               ("acknowledge", "ask"), ("lscp.share", "lscp.clarify"), ("lscp.present", "pmp.promise"),
               ("Keeping the customer matters, but the apology goes too far and hands him the upper hand; "
                "the closing question is good, yet nothing is proposed or agreed.",
                "留住客户很重要,但道歉过了头,把主动权拱手相让;最后的问题问得好,却什么方案都没提、什么都没谈定。")),
            _r("b",
               ("\"Go ahead. Then we will see you in court.\"", "“请便。那我们法庭上见。”"),
               ("argue",), (), ("lscp.share", "lscp.present"),
               ("A threat answered with a threat: the relationship and the payment are both at risk, "
                "for nothing.",
                "以威胁回应威胁:关系和回款都搭进去了,毫无收获。")),
            _r("c",
               ("\"We value working with you; that's why I came in person. So let us settle it calmly: the "
                "oldest invoice this month, the rest on the 25th of next month. Agreed?\"",
                "“我们很珍惜和贵司的合作,所以我才亲自来。咱们心平气和地定下来:最早那张本月付,其余下月 25 号付,"
                "您看可以吗?”"),
               ("acknowledge", "propose", "commit"), ("lscp.share", "lscp.present", "pmp.promise"), (),
               ("Calm, shares the interest in the relationship, and turns it into a plan with dates: no "
                "give, no counter-threat.",
                "冷静,讲共同利益,并落实成带日期的计划:不让步,也不回敬威胁。")),
        ),
    ),
    RolePlayCase(
        "scenario.angry", "scenario", _SCENARIO["angry"].name, _SCENARIO["angry"].customer_says,
        (
            _r("a",
               ("(lets him finish) \"I am sorry the calls felt like that; it was not our intention. Let us go "
                "through the open invoices together now and agree one plan with dates, so the calls can "
                "stop.\"",
                "(让他说完)“很抱歉让您有这种感受,我们不是这个意思。咱们现在一起把未结发票过一遍,定一个带日期的计划,"
                "以后就不用天天打电话了。”"),
               ("acknowledge", "propose", "commit"),
               ("lscp.listen", "lscp.share", "lscp.present", "pmp.promise"), (),
               ("Listen and Share first; the proposal comes once the temperature is down, and it "
                "answers his complaint.",
                "先倾听、先理解;情绪平复后再提方案,而且方案正好回应了他的不满。")),
            _r("b",
               ("\"Nobody would call if you paid on time.\"", "“您按时付款,就没人给您打电话了。”"),
               ("argue",), (), ("lscp.listen", "lscp.share"),
               ("True, and useless: it pours oil on the fire.", "话没错,但毫无用处:火上浇油。")),
            _r("c",
               ("\"Let us calm down. The statement shows three invoices overdue since the summer.\"",
                "“我们冷静一下。对账单显示有三张发票从夏天起就逾期了。”"),
               ("state",), ("pmp.problem",), ("lscp.listen", "lscp.share"),
               ("The facts are right but come too early: an angry customer does not hear figures "
                "until he feels heard.",
                "事实没错,但说早了:对方觉得自己的话被听见之前,是听不进数字的。")),
        ),
    ),
    RolePlayCase(
        "scenario.wrong_person", "scenario", _SCENARIO["wrong_person"].name, _SCENARIO["wrong_person"].customer_says,
        (
            _r("a",
               ("\"I see, no problem at all, these things are always decided at the top. When will the boss "
                "be back? Next week? Please tell him I came about the three open invoices from the summer; I will try "
                "to come again when he is in.\"",
                "“明白明白,没问题,这种事都是老板说了算。老板什么时候回来?下周吗?麻烦您跟他说一声,我是为夏天那三张未结发票来的,"
                "等他在的时候我再来。”"),
               ("acknowledge", "ask", "state", "vague"), ("lscp.share", "lscp.clarify", "pmp.problem"),
               ("pmp.method", "pmp.promise"),
               ("Right to look for the decision maker, but \"I will try to come again\" fixes no date and "
                "gives the contact nothing to carry: the visit was wasted.",
                "想找拍板人是对的,但一句“等他在的时候我再来”既没约时间,也没让对接人带上任何东西,这次拜访白跑了。")),
            _r("b",
               ("\"I understand. Could you take him this statement and our plan, and set up a call with him "
                "on Thursday? What time suits him?\"",
                "“理解。能否把对账单和我们的方案转给老板,周四约他通个电话?他几点方便?”"),
               ("acknowledge", "ask", "propose", "commit"),
               ("lscp.share", "lscp.clarify", "lscp.present", "pmp.promise"), (),
               ("The contact becomes an ally with documents and a proposal to carry, and there is a "
                "date with the person who decides.",
                "对接人成了盟友,带着单据和方案去汇报;和拍板人的沟通也约好了时间。")),
            _r("c",
               ("\"Then why did they send you? I need someone who can decide.\"",
                "“那派你来干什么?我要找能做主的人。”"),
               ("argue",), (), ("lscp.share", "lscp.clarify"),
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
    "poor") and its text ``verdict_text``; the moves: ``moves`` (the good moves made),
    ``faults``, ``missed`` (the groups of `BEST_NEEDS` left out, each a tuple of moves any
    one of which would do) with their labels in ``lang`` (``moves_text``, ``faults_text``,
    ``missed_text``); ``honours`` and ``breaks`` (the PMP/LSCP step codes) with their labels
    (``honours_text``, ``breaks_text``); ``why``; ``better`` (the best answer's text, empty
    when the choice is the best) and ``rule`` (the scoring rule in words).
    """
    check_lang(lang)
    rp = get_case(case)
    chosen = {r.code: r for r in rp.responses}.get(choice)
    if chosen is None:
        raise ValueError(f"case {case!r} has no answer {choice!r}; choose one of: {', '.join(r.code for r in rp.responses)}")
    best = best_response(rp)
    verdict = chosen.verdict
    return {
        "case": rp.code,
        "choice": chosen.code,
        "points": chosen.points,
        "max_points": best.points,
        "verdict": verdict,
        "verdict_text": t(f"roleplay.{verdict}", lang),
        "moves": list(chosen.good_moves),
        "faults": list(chosen.faults),
        "missed": chosen.missed,
        "moves_text": [move_label(m, lang) for m in chosen.good_moves],
        "faults_text": [move_label(m, lang) for m in chosen.faults],
        "missed_text": [_group_label(g, lang) for g in chosen.missed],
        "honours": list(chosen.honours),
        "breaks": list(chosen.breaks),
        "honours_text": [STEPS[c].label(lang) for c in chosen.honours],
        "breaks_text": [STEPS[c].label(lang) for c in chosen.breaks],
        "why": pick(chosen.why, lang),
        "better": "" if chosen is best else pick(best.text, lang),
        "rule": t("roleplay.rule", lang),
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
