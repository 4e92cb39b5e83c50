"""Expected figures of the conversation part (04.01, 06.01, 07.00): plain pandas on the case
CSVs and constants counted by hand from the course outline and the kit's content."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

CASE = Path(__file__).resolve().parents[2] / "datasets" / "electromech"

# The four pretexts and the excuse codes of the case log each one groups (by hand).
PRETEXT_CODES = {
    "no_money": ("cash_flow", "no_budget"),
    "not_my_call": ("boss_away", "waiting_approval"),
    "quality": ("quality_dispute",),
    "paperwork": ("not_received_invoice", "paid_already"),
}


def _during_the_meeting(fig: dict, lang: str) -> None:
    log = pd.read_csv(CASE / "activities.csv", dtype=str, keep_default_na=False)
    excuses = log["excuse_code"].str.strip()
    assert fig["excuses"] == (excuses != "").sum() == 438  # README: 438 of the 1,092 activities
    heard = {p: int(excuses.isin(codes).sum()) for p, codes in PRETEXT_CODES.items()}
    assert fig["pretexts_heard"] == heard
    # The outline: 3 PMP steps, 4 LSCP steps (倾听/理解/澄清/提出方案), 6 tricks, 4 pretexts, 6 scenarios.
    assert (fig["pmp_steps"], fig["lscp_steps"], fig["tricks"], fig["pretexts"], fig["scenarios"]) == (3, 4, 6, 4, 6)
    assert fig["atmosphere_habits"] == 5
    assert fig["role_play_cases"] == 1 + 4 + 6  # the opening, the pretexts, the scenarios
    assert fig["role_play_start"] == "pretext.no_money" and fig["role_play_score"] == 0  # nobody answered yet
    assert fig["script_slots"] == 1 + 4 + 6 and fig["scripts_written"] == 0  # a fresh folder has no scripts


def _communication_styles(fig: dict, lang: str) -> None:
    as_of = pd.Timestamp("2025-12-31")
    inv = pd.read_csv(
        CASE / "invoices.csv", dtype={"invoice_id": str, "customer_id": str}, parse_dates=["invoice_date"]
    )
    pay = pd.read_csv(CASE / "payments.csv", dtype={"invoice_id": str}, parse_dates=["paid_date"])
    paid = pay[pay["paid_date"] <= as_of].groupby("invoice_id")["paid_amount"].sum()
    inv = inv[inv["invoice_date"] <= as_of]
    open_ = (inv["amount"] - inv["invoice_id"].map(paid).fillna(0.0)).groupby(inv["customer_id"]).sum()
    assert fig["key_account"] == "C0021" and fig["styles"] == 5
    assert math.isclose(fig["key_account_open"], open_["C0021"], abs_tol=0.02)
    assert math.isclose(fig["key_account_share"], open_["C0021"] / open_.sum() * 100, abs_tol=0.0001)
    assert round(fig["key_account_share"], 1) == 20.1  # README: 20.1 % of all open receivables
    assert fig["style_slots"] == 5 and fig["styles_written"] == 0


SECTIONS = {
    "en": ["Opening the meeting", "The four pretexts", "The six scenarios", "The five communication styles"],
    "zh": ["面谈开场", "四大托词", "六大情景", "五种沟通方式"],
}


def _playbook(fig: dict, lang: str) -> None:
    assert fig["loaded_ok"] is True  # no file yet is not an error
    assert fig["slots"] == fig["slot_headings"] == 16 and fig["written"] == 0
    assert fig["html"] == f"collection-playbook-{lang}.html" and fig["markdown"] == f"collection-playbook-{lang}.md"
    assert fig["title"] == {"en": "My collection playbook", "zh": "我的催收话术手册"}[lang]
    assert fig["sections"] == SECTIONS[lang]
    assert fig["html_cjk_font"] is True


EXPECTED = {
    "course/04.01-During-The-Meeting.ipynb": _during_the_meeting,
    "course/06.01-Communication-Styles.ipynb": _communication_styles,
    "course/07.00-Your-Collection-Playbook.ipynb": _playbook,
}
