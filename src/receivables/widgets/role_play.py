"""Widget: the role-play simulator for the meeting (情景演练).

Pick a situation (the opening, one of the four pretexts, one of the six scenarios), read the
customer's line and the three possible answers, pick one: the feedback names the moves the
answer made (acknowledge, ask, propose, commit …), its faults and what it missed for a best
answer, the PMP and LSCP steps it honours or breaks, shows a better answer and the scoring
rule, and the running score follows. The logic is
`receivables.collection.role_play.feedback` (pure, tested); the cases are authored for this
kit, and their points are computed from the moves (`role_play.points_for`).
"""

from __future__ import annotations

from html import escape
from typing import Any, TypedDict

import ipywidgets as w

from receivables.collection.conversation import pick
from receivables.collection.role_play import CASES, Feedback, Scoreboard, get_case
from receivables.i18n import t
from receivables.widgets.base import LABEL_WIDTH, ReactiveWidget

LETTERS = "ABCDEFGH"
VERDICT_COLOURS = {"best": "#1a7f37", "partly": "#9a6700", "poor": "#b42318"}


def _choice_options(case_code: str) -> list[tuple[str, str]]:
    return [(LETTERS[i], r.code) for i, r in enumerate(get_case(case_code).responses)]


class RolePlayView(TypedDict):
    """What the role-play widget shows for one case (a plain dict): the case, its answers
    (letter, text), the choice and its `Feedback` (None before an answer), the running score."""

    case: str
    kind: str
    title: str
    customer_says: str
    answers: list[tuple[str, str]]
    choice: str | None
    feedback: Feedback | None
    score: int
    max_score: int
    answered: int


class RolePlayWidget(ReactiveWidget):
    """Controls ``case`` (a case code, e.g. ``"pretext.quality"``) and ``choice`` (``"a"``,
    ``"b"``, ``"c"`` or None before answering). ``.result`` holds the case, its customer
    line and answers, the feedback (None before answering) and the running score."""

    def __init__(self, lang: str = "en", case: str = CASES[0].code, cases: list[str] | None = None):
        codes = list(cases) if cases is not None else [c.code for c in CASES]
        for code in codes:
            get_case(code)  # a clear error for an unknown case
        if case not in codes:
            raise ValueError(f"the starting case {case!r} is not among the cases offered")
        self.scoreboard = Scoreboard()
        self._switching = False
        self.prompt = w.HTML()
        case_control = w.Dropdown(
            options=[(get_case(c).label(lang), c) for c in codes],
            value=case,
            description=t("roleplay.case", lang),
            style={"description_width": LABEL_WIDTH},
            layout=w.Layout(width="48em"),
        )
        choice_control = w.ToggleButtons(
            options=_choice_options(case),
            value=None,
            description=t("roleplay.choice", lang),
            style={"description_width": LABEL_WIDTH, "button_width": "6em"},
        )
        super().__init__({"case": case_control, "choice": choice_control}, self._compute_result, lang)

    def _compute_result(self, case: str, choice: str | None) -> RolePlayView:
        rp = get_case(case)
        answer = self.scoreboard.answer(case, choice, self.lang) if choice is not None else None
        return {
            "case": rp.code,
            "kind": rp.kind,
            "title": rp.label(self.lang),
            "customer_says": pick(rp.customer_says, self.lang),
            "answers": [(LETTERS[i], pick(r.text, self.lang)) for i, r in enumerate(rp.responses)],
            "choice": choice,
            "feedback": answer,
            "score": self.scoreboard.score,
            "max_score": self.scoreboard.max_score,
            "answered": self.scoreboard.answered,
        }

    def set(self, **values: Any) -> dict[str, Any]:
        """Pick a case and/or an answer as a learner would; unknown codes are refused clearly."""
        case = values.get("case", self.controls["case"].value)
        if "case" in values and case not in [code for _, code in self.controls["case"].options]:
            raise ValueError(f"no role-play case {case!r} in this widget")
        choice = values.get("choice")
        if choice is not None and choice not in [r.code for r in get_case(case).responses]:
            raise ValueError(f"case {case!r} has no answer {choice!r}")
        return super().set(**values)

    def _on_change(self, change: dict) -> None:
        if self._switching:
            return
        if change["owner"] is self.controls["case"]:
            # A new case: its own answers, none chosen yet.
            self._switching = True
            try:
                self.controls["choice"].options = _choice_options(change["new"])
                self.controls["choice"].value = None
            finally:
                self._switching = False
        self.update()

    def render_summary(self, r: dict[str, Any]) -> str:
        lang = self.lang
        answers = "".join(f"<li><b>{letter}.</b> {escape(text)}</li>" for letter, text in r["answers"])
        self.prompt.value = (
            f"<div class='receivables-roleplay-case'><p><b>{escape(t('roleplay.customer', lang))}:</b> "
            f"<i>{escape(r['customer_says'])}</i></p><p>{escape(t('roleplay.pick', lang))}</p>"
            f"<ul style='list-style:none;padding-left:0'>{answers}</ul></div>"
        )
        score = f"<p class='receivables-roleplay-score'><b>{escape(self.scoreboard.text(lang))}</b></p>"
        f = r["feedback"]
        if f is None:
            return score
        colour = VERDICT_COLOURS[f["verdict"]]
        html = (
            f"<div class='receivables-roleplay-feedback' data-verdict='{f['verdict']}'>"
            f"<h4 style='color:{colour};margin:0.4em 0'>{escape(f['verdict_text'])} "
            f"({f['points']}/{f['max_points']})</h4>"
        )
        sep = ";" if lang == "zh" else "; "
        if f["moves_text"]:
            html += (
                f"<p class='receivables-roleplay-moves'>✔ <b>{escape(t('roleplay.moves', lang))}:</b> "
                f"{escape(sep.join(f['moves_text']))}</p>"
            )
        if f["faults_text"]:
            html += (
                f"<p class='receivables-roleplay-faults'>✘ <b>{escape(t('roleplay.faults', lang))}:</b> "
                f"{escape(sep.join(f['faults_text']))}</p>"
            )
        if f["missed_text"]:
            html += (
                f"<p class='receivables-roleplay-missed'>○ <b>{escape(t('roleplay.missed', lang))}:</b> "
                f"{escape(sep.join(f['missed_text']))}</p>"
            )
        if f["honours_text"]:
            html += f"<p>✔ <b>{escape(t('roleplay.honours', lang))}:</b> {escape(', '.join(f['honours_text']))}</p>"
        if f["breaks_text"]:
            html += f"<p>✘ <b>{escape(t('roleplay.breaks', lang))}:</b> {escape(', '.join(f['breaks_text']))}</p>"
        html += f"<p>{escape(f['why'])}</p>"
        if f["better"]:
            html += f"<p><b>{escape(t('roleplay.better', lang))}:</b> <i>{escape(f['better'])}</i></p>"
        html += f"<p class='receivables-roleplay-rule'><small>{escape(f['rule'])}</small></p>"
        return html + "</div>" + score

    def view(self) -> w.Widget:
        return w.VBox([self.controls["case"], self.prompt, self.controls["choice"], self.summary])
