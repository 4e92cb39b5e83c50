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

The texts of the cases are data: English in texts/collection/role_play.yml
(``roleplay.case.<case>.<answer>.text`` and ``….why``), Chinese in receivables.po.

`feedback(case, choice, lang)` is the pure function the widget shows; `Scoreboard` keeps the
running score (the first answer to each case counts, as in a quiz: try the others to learn).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from receivables.collection.conversation import PRETEXTS, SCENARIOS, STEPS
from receivables.i18n import Text, check_lang, keyed, named, pick, t

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
    problems += [
        f"makes the move {m!r} but honours none of its steps {MOVE_STEPS[m]}"
        for m in good
        if not set(MOVE_STEPS[m]) & set(honours)
    ]
    problems += [
        f"makes the fault {m!r} but breaks none of its steps {FAULT_STEPS[m]}"
        for m in faults
        if not set(FAULT_STEPS[m]) & set(breaks)
    ]
    explained = {s for m in faults for s in FAULT_STEPS[m]}
    explained |= {s for m in GOOD_MOVES if m not in made for s in MOVE_STEPS[m]}
    problems += [
        f"breaks {s!r} without a fault or a missing move that explains it" for s in breaks if s not in explained
    ]
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


_PRETEXT = {p.code: p for p in PRETEXTS}
_SCENARIO = {s.code: s for s in SCENARIOS}
#: An answer's moves, the steps it honours and the steps it breaks.
Judged = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _case(code: str, kind: str, *answers: Judged) -> RolePlayCase:
    """A case whose answers "a", "b", "c" are judged as given; its texts are
    ``roleplay.case.{code}.{answer}.text`` and ``….why``, and for a pretext or a scenario
    its title and the customer's line are those of `conversation`."""
    if kind == "atmosphere":
        title, says = keyed(f"roleplay.case.{code}", "title", "customer_says")
    else:
        source = (_PRETEXT if kind == "pretext" else _SCENARIO)[code.split(".", 1)[1]]
        title, says = source.name, source.customer_says
    responses = tuple(
        Response(
            letter,
            Text(f"roleplay.case.{code}.{letter}.text"),
            moves,
            honours,
            breaks,
            Text(f"roleplay.case.{code}.{letter}.why"),
        )
        for letter, (moves, honours, breaks) in zip("abc", answers, strict=True)
    )
    return RolePlayCase(code, kind, title, says, responses)


CASES: tuple[RolePlayCase, ...] = (
    _case(
        "atmosphere.opening",
        "atmosphere",
        (("argue",), (), ("pmp.problem", "lscp.share")),
        (
            ("acknowledge", "state", "propose", "commit"),
            ("lscp.share", "pmp.problem", "lscp.present", "pmp.promise"),
            (),
        ),
        (("acknowledge", "state", "vague"), ("lscp.share", "pmp.problem"), ("pmp.method", "pmp.promise")),
    ),
    _case(
        "pretext.no_money",
        "pretext",
        (("acknowledge", "ask"), ("lscp.share", "lscp.clarify"), ("pmp.method", "pmp.promise")),
        (("argue",), (), ("lscp.listen", "lscp.share")),
        (
            ("acknowledge", "ask", "propose", "commit"),
            ("lscp.share", "lscp.clarify", "lscp.present", "pmp.method", "pmp.promise"),
            (),
        ),
    ),
    _case(
        "pretext.not_my_call",
        "pretext",
        (
            ("acknowledge", "ask", "propose", "commit"),
            ("lscp.share", "lscp.clarify", "lscp.present", "pmp.promise"),
            (),
        ),
        (("acknowledge", "give_in"), ("lscp.share",), ("lscp.clarify", "pmp.promise")),
        (("ask",), ("lscp.clarify",), ("lscp.share", "pmp.promise")),
    ),
    _case(
        "pretext.quality",
        "pretext",
        (("argue",), (), ("lscp.listen", "lscp.share", "lscp.clarify")),
        (("acknowledge", "propose", "vague"), ("lscp.share", "lscp.present"), ("lscp.clarify", "pmp.promise")),
        (
            ("acknowledge", "ask", "propose", "commit"),
            ("lscp.share", "lscp.clarify", "lscp.present", "pmp.method", "pmp.promise"),
            (),
        ),
    ),
    _case(
        "pretext.paperwork",
        "pretext",
        (("ask", "vague"), ("lscp.clarify",), ("pmp.method", "pmp.promise")),
        (
            ("acknowledge", "ask", "propose", "commit"),
            ("lscp.share", "lscp.clarify", "lscp.present", "pmp.promise"),
            (),
        ),
        (("argue",), (), ("lscp.share", "lscp.clarify")),
    ),
    _case(
        "scenario.vague_promise",
        "scenario",
        (("give_in",), (), ("pmp.promise", "lscp.clarify")),
        (("acknowledge", "ask", "vague"), ("lscp.share", "lscp.clarify"), ("pmp.promise",)),
        (
            ("acknowledge", "ask", "propose", "commit"),
            ("lscp.share", "lscp.clarify", "lscp.present", "pmp.promise"),
            (),
        ),
    ),
    _case(
        "scenario.partial_offer",
        "scenario",
        (("acknowledge", "propose", "commit"), ("lscp.share", "pmp.method", "pmp.promise"), ()),
        (("argue",), (), ("lscp.share", "pmp.method")),
        (("acknowledge", "ask"), ("lscp.share", "lscp.clarify"), ("pmp.method", "pmp.promise")),
    ),
    _case(
        "scenario.discount_demand",
        "scenario",
        (("give_in",), (), ("pmp.method",)),
        (("acknowledge", "propose", "commit"), ("lscp.share", "lscp.present", "pmp.method", "pmp.promise"), ()),
        (("ask", "vague"), ("lscp.clarify",), ("lscp.present", "pmp.promise")),
    ),
    _case(
        "scenario.threat",
        "scenario",
        (("acknowledge", "ask"), ("lscp.share", "lscp.clarify"), ("lscp.present", "pmp.promise")),
        (("argue",), (), ("lscp.share", "lscp.present")),
        (("acknowledge", "propose", "commit"), ("lscp.share", "lscp.present", "pmp.promise"), ()),
    ),
    _case(
        "scenario.angry",
        "scenario",
        (("acknowledge", "propose", "commit"), ("lscp.listen", "lscp.share", "lscp.present", "pmp.promise"), ()),
        (("argue",), (), ("lscp.listen", "lscp.share")),
        (("state",), ("pmp.problem",), ("lscp.listen", "lscp.share")),
    ),
    _case(
        "scenario.wrong_person",
        "scenario",
        (
            ("acknowledge", "ask", "state", "vague"),
            ("lscp.share", "lscp.clarify", "pmp.problem"),
            ("pmp.method", "pmp.promise"),
        ),
        (
            ("acknowledge", "ask", "propose", "commit"),
            ("lscp.share", "lscp.clarify", "lscp.present", "pmp.promise"),
            (),
        ),
        (("argue",), (), ("lscp.share", "lscp.clarify")),
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


class Feedback(TypedDict):
    """What `feedback` returns (a plain dict); see there for the keys."""

    case: str
    choice: str
    points: int
    max_points: int
    verdict: str
    verdict_text: str
    moves: list[str]
    faults: list[str]
    missed: list[tuple[str, ...]]
    moves_text: list[str]
    faults_text: list[str]
    missed_text: list[str]
    honours: list[str]
    breaks: list[str]
    honours_text: list[str]
    breaks_text: list[str]
    why: str
    better: str
    rule: str


def feedback(case: str, choice: str, lang: str = "en") -> Feedback:
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
        raise ValueError(
            f"case {case!r} has no answer {choice!r}; choose one of: {', '.join(r.code for r in rp.responses)}"
        )
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

    def answer(self, case: str, choice: str, lang: str = "en") -> Feedback:
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
        return t("roleplay.score", lang).format(
            score=self.score, max=self.max_score, answered=self.answered, cases=len(CASES)
        )
