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
  Clarify, 提出方案 Present a proposal). The course pages give no definition of LSCP
  (course/references.md §1.2); the aims and example lines of each step are authored.
- the one-line description of each communication style (`Style.course_says`), which
  quotes seed 001 (Chinese) with the kit's translation. When to use each style with a key
  account, the example lines and the cautions are authored.

Example lines use the case company (datasets/electromech): the key account Lanfeng
(澜峰新能源, C0021, contact 林志强, chief financial officer), the disputer Brantec (博朗特,
C0037), the drifting Shunchang (顺昌精密, C0040), the slow state-owned Donghu (东湖电力,
C0007). They carry no amounts: figures come from the data, in the notebooks.

The texts are data, as all the package's texts: English in texts/collection/conversation.yml
(``conv.step.<code>.aim``, ``conv.pretext.<code>.answer.listen`` …), Chinese in the catalogue
locale/zh_CN/LC_MESSAGES/receivables.po (`receivables.i18n.texts`). The dataclasses below
hold `Text` keys and the codes that tie the content together; `pick` and `named` read them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from receivables.i18n import Text, check_lang, keyed, named, pick, t


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


def _step(code: str, letter: str = "") -> Step:
    return Step(code, letter, *keyed(f"conv.step.{code}", "name", "aim", "example"))


PMP_STEPS: tuple[Step, ...] = (_step("pmp.problem", "P"), _step("pmp.method", "M"), _step("pmp.promise", "P"))
LSCP_STEPS: tuple[Step, ...] = (
    _step("lscp.listen", "L"),
    _step("lscp.share", "S"),
    _step("lscp.clarify", "C"),
    _step("lscp.present", "P"),
)
#: Setting the atmosphere (营造氛围): five habits. (Authored.)
ATMOSPHERE: tuple[Step, ...] = tuple(
    _step(f"atmosphere.{code}") for code in ("appointment", "relationship", "purpose", "tone", "prepared")
)


@dataclass(frozen=True)
class Trick:
    """One of the six common debt-dodging tricks (六大躲债奇招). (Authored.)"""

    code: str
    name: Text
    looks_like: Text  # what the salesperson sees or hears
    counter: Text  # the counter-move
    excuse_codes: tuple[str, ...]  # excuse codes of the case log that show this trick


def _trick(code: str, excuse_codes: tuple[str, ...]) -> Trick:
    return Trick(code, *keyed(f"conv.trick.{code}", "name", "looks_like", "counter"), excuse_codes)


TRICKS: tuple[Trick, ...] = (
    _trick("hide", ("unreachable",)),
    _trick("pass_the_ball", ("boss_away", "waiting_approval")),
    _trick("stall", ()),
    _trick("plead_poverty", ("cash_flow", "no_budget")),
    _trick("find_fault", ("quality_dispute", "not_received_invoice")),
    _trick("empty_promise", ()),
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


def _pretext(code: str, excuse_codes: tuple[str, ...]) -> Pretext:
    key = f"conv.pretext.{code}"
    name, says, never = keyed(key, "name", "customer_says", "never_say")
    listen, share, clarify, present = keyed(f"{key}.answer", "listen", "share", "clarify", "present")
    return Pretext(code, name, says, excuse_codes, (listen, share, clarify, present), never)


PRETEXTS: tuple[Pretext, ...] = (
    _pretext("no_money", ("cash_flow", "no_budget")),
    _pretext("not_my_call", ("boss_away", "waiting_approval")),
    _pretext("quality", ("quality_dispute",)),
    _pretext("paperwork", ("not_received_invoice", "paid_already")),
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


def _scenario(code: str, step_codes: tuple[str, ...]) -> Scenario:
    return Scenario(code, *keyed(f"conv.scenario.{code}", "name", "customer_says", "response", "why"), step_codes)


SCENARIOS: tuple[Scenario, ...] = (
    _scenario("vague_promise", ("pmp.promise", "lscp.clarify")),
    _scenario("partial_offer", ("pmp.method", "pmp.promise")),
    _scenario("discount_demand", ("pmp.method", "lscp.present")),
    _scenario("threat", ("lscp.share", "lscp.present")),
    _scenario("angry", ("lscp.listen", "lscp.share")),
    _scenario("wrong_person", ("lscp.clarify", "pmp.promise")),
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


STYLES: tuple[Style, ...] = tuple(
    Style(code, *keyed(f"conv.style.{code}", "name", "course_says", "when", "example", "caution"))
    for code in ("integrity", "empathy", "help", "deadline", "serious")
)

#: Every PMP and LSCP step by code (the role play's feedback names them).
STEPS: dict[str, Step] = {s.code: s for s in (*PMP_STEPS, *LSCP_STEPS)}


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def steps_table(steps: tuple[Step, ...], lang: str = "en") -> pd.DataFrame:
    """Columns ``step``, ``aim``, ``example`` (texts in ``lang``)."""
    return _frame(
        [{"step": s.label(lang), "aim": pick(s.aim, lang), "example": pick(s.example, lang)} for s in steps],
        ["step", "aim", "example"],
    )


def tricks_table(lang: str = "en") -> pd.DataFrame:
    """The six tricks: ``trick``, ``looks_like``, ``counter``."""
    return _frame(
        [
            {
                "code": k.code,
                "trick": named(k.name, lang),
                "looks_like": pick(k.looks_like, lang),
                "counter": pick(k.counter, lang),
            }
            for k in TRICKS
        ],
        ["code", "trick", "looks_like", "counter"],
    )


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
    return _frame(
        [
            {
                "code": s.code,
                "scenario": named(s.name, lang),
                "customer_says": pick(s.customer_says, lang),
                "response": pick(s.response, lang),
                "why": pick(s.why, lang),
                "steps": ", ".join(STEPS[c].label(lang) for c in s.step_codes),
            }
            for s in SCENARIOS
        ],
        ["code", "scenario", "customer_says", "response", "why", "steps"],
    )


def styles_table(lang: str = "en") -> pd.DataFrame:
    """The five styles: ``style``, ``course_says``, ``when``, ``example``, ``caution``."""
    return _frame(
        [
            {
                "code": s.code,
                "style": named(s.name, lang),
                "course_says": pick(s.course_says, lang),
                "when": pick(s.when, lang),
                "example": pick(s.example, lang),
                "caution": pick(s.caution, lang),
            }
            for s in STYLES
        ],
        ["code", "style", "course_says", "when", "example", "caution"],
    )


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
    return pd.DataFrame(
        {
            "code": counts.index,
            "pretext": [named(p.name, lang) for p in PRETEXTS],
            "times": counts["times"].astype(int).to_numpy(),
            "customers": counts["customers"].astype(int).to_numpy(),
        }
    )
