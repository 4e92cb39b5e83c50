"""Role-play cards (角色卡): three cards per role-play case, one case per printed page.

- **Customer card**: who you are (the case customer and its contact, from the case data),
  your persona and hidden objective, the pretext or line you use (from
  `receivables.collection.conversation`) and when you concede. Persona, objective and
  concession are authored for this kit and the card says so.
- **Salesperson card**: the account brief of that customer as of the day course/04.00
  prepares on (`receivables.collection.brief.account_brief`: documents checklist, open
  invoices, promises, the last contacts), never typed again.
- **Observer checklist**: the steps of the meeting (the atmosphere habits, PMP, LSCP), what
  good looks like (the moves and steps of the case's best answer, `role_play.best_response`)
  and the faults to watch for; the best answer itself for the debrief.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from receivables.collection import conversation as conv
from receivables.collection import role_play as rp
from receivables.collection.brief import account_brief, recent_table
from receivables.course import notebooks as nbs
from receivables.frames import name_column
from receivables.i18n import check_lang, t
from receivables.trainer import render, sources

ROLES = ("customer", "salesperson", "observer")
AUTHORED = ("persona", "objective", "concede")


@dataclass(frozen=True)
class CardData:
    brief_notebook: str
    invoices_shown: int
    customers: dict[str, str]


@cache
def card_data() -> CardData:
    raw = yaml.safe_load((files("receivables.trainer") / "cards.yml").read_text(encoding="utf-8"))
    return CardData(
        str(raw["brief_notebook"]), int(raw["invoices_shown"]), {str(k): str(v) for k, v in raw["customers"].items()}
    )


def as_of() -> str:
    """The date the course prepares its meetings on: course/04.00's `as_of` parameter."""
    nb = nbs.read(sources.notebook_path(card_data().brief_notebook))
    cell = nb.cells[nbs.parameters_cells(nb)[0]]
    return str(nbs.parameter_defaults(cell.source)["as_of"])


@cache
def case_tables() -> dict[str, pd.DataFrame]:
    from receivables.datasets import case_dir, read_dataset

    return read_dataset(case_dir())


def text_keys(code: str) -> list[str]:
    return [f"trainer.card.{code}.{part}" for part in AUTHORED]


def problems() -> list[str]:
    """A case without a customer, a customer the case data lacks, a text that is missing."""
    from receivables.i18n import has

    data = card_data()
    out = [
        f"cards: role play {c.code!r} has no customer in cards.yml" for c in rp.CASES if c.code not in data.customers
    ]
    out += [f"cards: {code!r} is no role play" for code in data.customers if not sources.role_play_exists(code)]
    known = set(case_tables()["customers"]["customer_id"].astype(str))
    out += [
        f"cards: {code}: customer {cid} is not in the case data"
        for code, cid in data.customers.items()
        if cid not in known
    ]
    out += [f"cards: text {k} is missing" for c in rp.CASES for k in text_keys(c.code) if not has(k)]
    if not sources.notebook_exists(data.brief_notebook):
        out.append(f"cards: course/{data.brief_notebook} does not exist")
    return out


def _pretext(case: rp.RolePlayCase) -> conv.Pretext | None:
    return next((p for p in conv.PRETEXTS if f"pretext.{p.code}" == case.code), None)


def _scenario(case: rp.RolePlayCase) -> conv.Scenario | None:
    return next((s for s in conv.SCENARIOS if f"scenario.{s.code}" == case.code), None)


def _tricks(case: rp.RolePlayCase) -> list[conv.Trick]:
    pretext = _pretext(case)
    if pretext is None:
        return []
    return [k for k in conv.TRICKS if set(k.excuse_codes) & set(pretext.excuse_codes)]


def _customer(cid: str, lang: str) -> dict[str, Any]:
    rows = case_tables()["customers"]
    row = rows[rows["customer_id"].astype(str) == cid].iloc[0]
    zh = lang == "zh"
    return {
        "id": cid,
        "company": row[name_column(lang)],
        "contact": row["contact_name"],
        "role": row["contact_role" if zh else "contact_role_en"],
        "nature": row["nature" if zh else "nature_en"],
        "industry": row["industry" if zh else "industry_en"],
        "city": row["city" if zh else "city_en"],
    }


def _money(value: float) -> str:
    return f"{value:,.2f}"


def customer_card(case: rp.RolePlayCase, lang: str) -> str:
    who = _customer(card_data().customers[case.code], lang)
    lines = [
        f"## {t('trainer.card.customer', lang)}",
        "",
        f"*{t('trainer.card.customer_only', lang)}*",
        "",
        t("trainer.card.you_are", lang).format(**who),
        "",
        f"**{t('trainer.card.persona', lang)}** {t(f'trainer.card.{case.code}.persona', lang)}",
        "",
        f"**{t('trainer.card.objective', lang)}** {t(f'trainer.card.{case.code}.objective', lang)}",
        "",
    ]
    pretext = _pretext(case)
    if pretext is not None:
        lines += [f"**{t('trainer.card.pretext', lang)}** {conv.named(pretext.name, lang)}", ""]
    lines += [f"**{t('trainer.card.you_say', lang)}**", "", f"> {conv.pick(case.customer_says, lang)}", ""]
    for trick in _tricks(case):
        lines += [
            f"**{t('trainer.card.trick', lang)}** "
            + t("trainer.card.pair", lang).format(a=conv.named(trick.name, lang), b=conv.pick(trick.looks_like, lang)),
            "",
        ]
    lines += [
        f"**{t('trainer.card.concede', lang)}** {t(f'trainer.card.{case.code}.concede', lang)}",
        "",
        f"*{t('trainer.card.authored', lang)}*",
    ]
    return "\n".join(lines)


def salesperson_card(case: rp.RolePlayCase, lang: str) -> str:
    data = card_data()
    cid = data.customers[case.code]
    who = _customer(cid, lang)
    b = account_brief(case_tables(), cid, as_of(), lang)
    people = b["people"]["people"]
    part = t(f"brief.part.{people['part'].iloc[0]}", lang) if len(people) else t("brief.none", lang)
    lines = [
        f"## {t('trainer.card.salesperson', lang)}",
        "",
        t("trainer.card.brief_intro", lang).format(company=who["company"], id=cid, date=as_of()),
        "",
        f"| {t('trainer.card.figure', lang)} | {t('trainer.card.value', lang)} |",
        "|---|---|",
        f"| {t('trainer.card.contact', lang)} | "
        f"{render.cell(t('trainer.card.contact_line', lang).format(name=who['contact'], role=who['role'], part=part))} |",
        f"| {t('trainer.card.company_kind', lang)} | {render.cell(t('trainer.card.kind_line', lang).format(**who))} |",
        f"| {t('trainer.card.terms', lang)} | {b['terms_days']} |",
        f"| {t('trainer.card.credit_limit', lang)} | {_money(b['credit_limit'] or 0.0)} |",
        f"| {t('trainer.card.open_balance', lang)} | {_money(b['open_balance'])} ({b['open_invoices']}) |",
        f"| {t('trainer.card.overdue_balance', lang)} | {_money(b['overdue_balance'])} ({b['overdue_invoices']}) |",
        f"| {t('trainer.card.oldest', lang)} | {b['oldest_days_past_due']} |",
        "",
    ]
    items = b["items"]
    items = items[items["open_amount"] > 0].sort_values(["days_past_due", "invoice_id"], ascending=[False, True])
    if len(items):
        shown = items.head(data.invoices_shown)
        lines += [
            f"**{t('trainer.card.invoices', lang).format(shown=len(shown), n=len(items))}**",
            "",
            f"| {t('brief.invoice_id', lang)} | {t('brief.due_date', lang)} | {t('brief.open_amount', lang)} | "
            f"{t('brief.days_past_due', lang)} |",
            "|---|---|---:|---:|",
        ]
        not_due = t("trainer.card.not_due", lang)
        lines += [
            f"| {r.invoice_id} | {pd.Timestamp(r.due_date).date()} | {_money(r.open_amount)} | "
            f"{int(r.days_past_due) if r.days_past_due > 0 else not_due} |"
            for r in shown.itertuples()
        ]
        lines.append("")
    lines += [f"**{t('trainer.card.checklist', lang)}**", ""]
    lines += [
        "- [ ] "
        + render.cell(t("trainer.card.check_line", lang).format(item=r.item, status=r.status, fact=r.fact, todo=r.todo))
        for r in b["checklist"].itertuples()
    ]
    recent = recent_table(b["recent"].head(3), lang)
    if len(recent):
        lines += ["", f"**{t('trainer.card.recent', lang)}**", ""]
        lines += [
            "- " + " · ".join(render.cell(x) for x in (r.date, r.kind, r.excuse, r.note) if x)
            for r in recent.itertuples()
        ]
    lines += ["", f"**{t('trainer.card.your_goal', lang)}**"]
    return "\n".join(lines)


def observer_card(case: rp.RolePlayCase, lang: str) -> str:
    best = rp.best_response(case)
    lines = [f"## {t('trainer.card.observer', lang)}", "", f"**{t('trainer.card.steps', lang)}**", ""]
    lines += [f"- [ ] {s.label(lang)}" for s in conv.ATMOSPHERE if case.kind == "atmosphere"]
    lines += [
        "- [ ] " + t("trainer.card.pair", lang).format(a=s.label(lang), b=conv.pick(s.aim, lang))
        for s in (*conv.PMP_STEPS, *conv.LSCP_STEPS)
    ]
    lines += ["", f"**{t('trainer.card.good', lang)}**", ""]
    lines += [f"- [ ] {rp.move_label(m, lang)}" for m in best.good_moves]
    lines += [f"- [ ] {t('trainer.card.honours', lang).format(step=conv.STEPS[s].label(lang))}" for s in best.honours]
    scenario, pretext = _scenario(case), _pretext(case)
    if scenario is not None:
        lines += ["", f"**{t('trainer.card.principle', lang)}** {conv.pick(scenario.why, lang)}"]
    if pretext is not None:
        lines += ["", f"**{t('trainer.card.never', lang)}** {conv.pick(pretext.never_say, lang)}"]
    lines += ["", f"**{t('trainer.card.faults', lang)}**", ""]
    lines += [f"- [ ] {rp.move_label(m, lang)}" for m in rp.FAULTS]
    lines += [
        "",
        f"**{t('trainer.card.best', lang)}**",
        "",
        f"> {conv.pick(best.text, lang)}",
        "",
        conv.pick(best.why, lang),
        "",
        f"*{t('roleplay.rule', lang)}*",
    ]
    return "\n".join(lines)


def page(code: str, lang: str = "en") -> str:
    """The three cards of one role-play case, as one Markdown page."""
    check_lang(lang)
    case = rp.get_case(code)
    head = f"# {case.label(lang)}\n\n{t('trainer.card.cut_here', lang)}"
    return "\n\n".join([head, customer_card(case, lang), salesperson_card(case, lang), observer_card(case, lang)])


def pages(lang: str = "en") -> list[str]:
    check_lang(lang)
    first = f"# {t('trainer.card.title', lang)}\n\n{t('trainer.card.how', lang)}"
    return [first, *(page(c.code, lang) for c in rp.CASES)]


def write(lang: str, out: Path) -> list[Path]:
    """role-play-cards-<lang>.html and .md in ``out``."""
    return render.write(out, f"role-play-cards-{lang}", t("trainer.card.title", lang), pages(lang), lang)
