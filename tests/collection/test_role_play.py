"""The role play scores what an answer does: points computed from its moves by one rule, steps
consistent with the moves, one best answer per case that commits, and answer length that gives
nothing away in either language."""

from __future__ import annotations

from dataclasses import fields

import pytest

from receivables.collection import role_play as rp
from receivables.collection.conversation import Text, pick
from receivables.collection.role_play import BEST, CASES, PARTLY, POOR, Response, feedback
from receivables.i18n import t

LANGS = ("en", "zh")


def _rule(moves: set[str]) -> int:
    """The rule as the module docstring states it, written out again independently."""
    if moves & {"argue", "give_in"} or not moves & {"ask", "state", "propose", "commit"}:
        return POOR
    if moves & {"acknowledge", "ask"} and {"propose", "commit"} <= moves and not moves & {"argue", "give_in", "vague"}:
        return BEST
    return PARTLY


def test_points_are_not_assigned_by_hand_but_computed_from_the_moves():
    assert "points" not in {f.name for f in fields(Response)}
    for case in CASES:
        for r in case.responses:
            assert r.points == rp.points_for(r.moves) == _rule(set(r.moves)), (case.code, r.code)


@pytest.mark.parametrize(
    ("moves", "points"),
    [
        ((), POOR),
        (("acknowledge",), POOR),  # understanding alone is nothing concrete
        (("acknowledge", "vague"), POOR),
        (("ask",), PARTLY),
        (("state", "vague"), PARTLY),
        (("acknowledge", "propose"), PARTLY),  # no commitment
        (("propose", "commit"), PARTLY),  # neither acknowledges nor asks
        (("acknowledge", "propose", "commit"), BEST),
        (("ask", "propose", "commit"), BEST),
        (("acknowledge", "ask", "state", "propose", "commit"), BEST),
        (("acknowledge", "ask", "propose", "argue"), POOR),  # a severe fault spoils everything
        (("acknowledge", "ask", "propose", "commit", "argue"), POOR),
        (("acknowledge", "ask", "give_in"), POOR),
        (("acknowledge", "ask", "propose", "vague"), PARTLY),  # vague is a fault, not a severe one
    ],
)
def test_the_rule(moves, points):
    assert rp.points_for(moves) == points == _rule(set(moves))


def test_moves_are_checked():
    with pytest.raises(ValueError, match="unknown move"):
        rp.points_for(("acknowledge", "flatter"))
    with pytest.raises(ValueError, match="twice"):
        rp.points_for(("ask", "ask"))
    with pytest.raises(ValueError, match="cannot also be vague"):
        rp.points_for(("ask", "propose", "commit", "vague"))
    with pytest.raises(ValueError, match="cannot also be vague or give in"):
        rp.points_for(("commit", "give_in"))


def test_every_case_has_exactly_one_best_answer_and_it_commits():
    assert len(CASES) == 11
    for case in CASES:
        assert sorted(r.points for r in case.responses) == [POOR, PARTLY, BEST], case.code
        best = [r for r in case.responses if r.points == BEST]
        assert len(best) == 1 and best[0] is rp.best_response(case)
        assert "commit" in best[0].moves and "propose" in best[0].moves, case.code
        assert best[0].faults == () and best[0].breaks == () and best[0].missed == []


def test_steps_honoured_and_broken_agree_with_the_moves():
    for case in CASES:
        for r in case.responses:
            assert rp.step_problems(r.moves, r.honours, r.breaks) == [], (case.code, r.code)
            for m in r.good_moves:  # every move made shows as a step honoured
                assert set(rp.MOVE_STEPS[m]) & set(r.honours)
            for m in r.faults:  # every fault shows as a step broken
                assert set(rp.FAULT_STEPS[m]) & set(r.breaks)
            if "commit" in r.moves:
                assert "pmp.promise" in r.honours
            if "ask" in r.moves:
                assert "lscp.clarify" in r.honours


def test_an_inconsistent_answer_is_refused():
    why = Text("roleplay.rule")
    with pytest.raises(ValueError, match="no move that honours"):
        Response("a", why, ("acknowledge",), ("lscp.share", "lscp.clarify"), (), why)  # clarifies without asking
    with pytest.raises(ValueError, match="honours none of its steps"):
        Response("a", why, ("acknowledge", "ask"), ("lscp.share",), (), why)
    with pytest.raises(ValueError, match="breaks none of its steps"):
        Response("a", why, ("argue",), (), ("lscp.clarify",), why)
    with pytest.raises(ValueError, match="without a fault or a missing move"):
        Response(
            "a",
            why,
            ("ask", "propose", "commit"),
            ("lscp.clarify", "lscp.present", "pmp.promise"),
            ("pmp.method",),
            why,
        )  # method belongs to propose, which is made
    with pytest.raises(ValueError, match="both honoured and broken"):
        Response("a", why, ("acknowledge", "argue"), ("lscp.share",), ("lscp.share",), why)


def _strategy(lang: str, choose) -> tuple[int, int, int]:
    """Points of always choosing ``choose`` (max or min) by length, the maximum, and how often
    that choice is the best answer."""
    picks = [(choose(c.responses, key=lambda r: len(pick(r.text, lang))), rp.best_response(c)) for c in CASES]
    return sum(p.points for p, _ in picks), sum(b.points for _, b in picks), sum(p is b for p, b in picks)


@pytest.mark.parametrize("lang", LANGS)
def test_answer_length_gives_nothing_away(lang):
    for c in CASES:  # the lengths differ clearly, so "the longest" is well defined
        lengths = sorted(len(pick(r.text, lang)) for r in c.responses)
        assert lengths[0] < lengths[1] < lengths[2], (c.code, lengths)
    longest, maximum, longest_best = _strategy(lang, max)
    shortest, _, shortest_best = _strategy(lang, min)
    assert maximum == 2 * len(CASES)
    assert longest_best <= 3 and shortest_best <= 3
    assert longest <= maximum / 2 and shortest <= maximum / 2
    # the figures the module docstring and the report quote
    assert (longest, shortest) == (10, 10)


def test_the_languages_order_the_answers_alike():
    """A Chinese learner meets the same length order as an English one."""
    for c in CASES:
        assert sorted(c.responses, key=lambda r: len(pick(r.text, "en"))) == sorted(
            c.responses, key=lambda r: len(pick(r.text, "zh"))
        ), c.code


def test_feedback_names_the_moves_made_faults_and_missed():
    f = feedback("pretext.no_money", "a", "en")
    assert (f["verdict"], f["moves"], f["faults"]) == ("partly", ["acknowledge", "ask"], [])
    assert f["missed"] == [("propose",), ("commit",)]
    assert f["moves_text"] == [t("roleplay.move.acknowledge"), t("roleplay.move.ask")]
    assert f["missed_text"] == ["proposes a concrete solution", "pins a date, amount or next step to agree on"]
    assert "acknowledges or asks" in f["rule"]

    f = feedback("scenario.angry", "c", "en")  # states the facts, nothing else
    assert f["moves"] == ["state"] and f["missed"][0] == ("acknowledge", "ask")
    assert f["missed_text"][0] == (
        "acknowledges the customer's situation or asks a question: the real reason, the facts, who decides"
    )

    f = feedback("scenario.threat", "b", "zh")
    assert (f["verdict"], f["faults"], f["faults_text"]) == ("poor", ["argue"], ["争辩、威胁或指责"])
    assert f["missed_text"][0] == "认可/共情对方的处境或提问:问清真实原因、事实、谁拍板"

    f = feedback("scenario.threat", "c", "zh")
    assert f["verdict"] == "best" and f["missed"] == [] and f["faults"] == []
    assert f["moves_text"] == ["认可/共情对方的处境", "提出具体方案", "敲定对方认可的日期、金额或下一步"]


def test_every_move_has_a_label_in_both_languages():
    for m in rp.MOVES:
        assert t(f"roleplay.move.{m}", "en")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in t(f"roleplay.move.{m}", "zh"))


def test_what_the_lab_test_clicks_still_holds():
    """tests/browser/test_conversation_in_lab.py answers C to "We have no money" and expects the
    best verdict with Clarify among the steps honoured."""
    f = feedback("pretext.no_money", "c", "en")
    assert f["verdict"] == "best" and "C · Clarify (澄清)" in f["honours_text"]
