"""Role-play cards: three cards per role play in both languages, figures from the case data,
each customer chosen to fit its role play."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from receivables.cli import app
from receivables.collection import conversation as conv
from receivables.collection import role_play as rp
from receivables.collection.brief import account_brief, part_of
from receivables.i18n import t
from receivables.trainer import cards

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_cards_have_no_problem():
    assert cards.problems() == []


def test_the_date_is_the_one_the_course_prepares_on():
    assert cards.as_of() == "2025-12-31"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("code", [c.code for c in rp.CASES])
def test_each_role_play_has_its_three_cards(code, lang):
    page = cards.page(code, lang)
    for role in cards.ROLES:
        assert f"## {t(f'trainer.card.{role}', lang)}" in page
    for key in cards.text_keys(code):
        assert t(key, lang) in page
    case = rp.get_case(code)
    assert conv.pick(case.customer_says, lang) in page
    assert conv.pick(rp.best_response(case).text, lang) in page
    if lang == "zh":
        assert len(CJK.findall(page)) > 400
        assert "Customer card" not in page and "What good looks like" not in page


@pytest.mark.parametrize("code", [c.code for c in rp.CASES])
def test_the_salesperson_card_holds_the_brief_of_the_case_customer(code):
    cid = cards.card_data().customers[code]
    brief = account_brief(cards.case_tables(), cid, cards.as_of(), "zh")
    page = cards.salesperson_card(rp.get_case(code), "zh")
    assert f"{brief['open_balance']:,.2f}" in page and f"{brief['overdue_balance']:,.2f}" in page
    assert brief["name"] in page
    for fact in brief["checklist"]["fact"]:
        assert fact.replace("|", "/") in page
    invoices = brief["items"][brief["items"]["open_amount"] > 0]
    worst = invoices.sort_values("days_past_due", ascending=False).iloc[0]
    assert worst["invoice_id"] in page


def test_the_customers_fit_their_role_plays():
    tables = cards.case_tables()
    log = tables["activities"]
    chosen = cards.card_data().customers
    for p in conv.PRETEXTS:
        said = log[log["customer_id"] == chosen[f"pretext.{p.code}"]]["excuse_code"]
        assert said.isin(p.excuse_codes).any(), f"{p.code}: the customer never gave this pretext in the case log"
    for s in conv.SCENARIOS:
        brief = account_brief(tables, chosen[f"scenario.{s.code}"], cards.as_of(), "en")
        assert brief["overdue_balance"] > 0, s.code
    customers = tables["customers"].set_index("customer_id")
    assert part_of(customers.loc[chosen["scenario.wrong_person"], "contact_role"]) != "decides"
    assert customers.loc[chosen["atmosphere.opening"], "story"] == "key_account"


def test_a_missing_customer_is_named(monkeypatch):
    data = cards.card_data()
    broken = cards.CardData(
        data.brief_notebook,
        data.invoices_shown,
        {**{k: v for k, v in data.customers.items() if k != "scenario.angry"}, "pretext.gone": "C9999"},
    )
    monkeypatch.setattr(cards, "card_data", lambda: broken)
    found = cards.problems()
    assert "cards: role play 'scenario.angry' has no customer in cards.yml" in found
    assert "cards: 'pretext.gone' is no role play" in found
    assert "cards: pretext.gone: customer C9999 is not in the case data" in found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_writes_one_page_per_role_play(lang, tmp_path):
    result = CliRunner().invoke(app, ["trainer", "cards", "--lang", lang, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / f"role-play-cards-{lang}.html").read_text(encoding="utf-8")
    assert html.count('<section class="page">') == len(rp.CASES) + 1
    assert "page-break-after: always" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert html.count('type="checkbox"') >= len(rp.CASES) * 10
    if lang == "zh":
        assert len(CJK.findall(html)) > 5000
    assert (tmp_path / f"role-play-cards-{lang}.md").is_file()
