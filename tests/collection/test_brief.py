"""The pre-meeting account brief (账款资料, 摸清人脉), checked by hand on a tiny ledger."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from receivables.collection import brief
from receivables.collection.brief import (
    AccountBrief,
    PeopleMap,
    account_brief,
    appointment_contact,
    part_of,
    people_map,
    people_table,
    six_characters_table,
)

from .brief_case import AS_OF, tiny_case


def test_figures_of_the_brief_by_hand():
    b = account_brief(tiny_case(), "C1", AS_OF)
    # Open on 2025-06-10: I1 1000 - 400 = 600 (due 2025-01-31, 130 days past due); I3 300 not yet due.
    assert b["open_balance"] == pytest.approx(900.0)
    assert b["overdue_balance"] == pytest.approx(600.0)
    assert (b["open_invoices"], b["overdue_invoices"], b["oldest_days_past_due"]) == (2, 1, 130)
    assert b["last_statement"] == pd.Timestamp("2025-01-15")
    assert b["last_acknowledgement"] == pd.Timestamp("2025-02-01")
    assert b["acknowledgement_age"] == (date(2025, 6, 10) - date(2025, 2, 1)).days == 129
    # Promise 1 (400 by 02-15) kept by the payment of 02-10; promise 2 (600 by 03-20) broken;
    # promise 3 (due 06-30) still open.
    assert (b["promises"], b["promises_kept"], b["promises_broken"], b["promises_open"]) == (3, 1, 1, 1)
    # The call of 2025-07-01 is after as_of: five activities count, the last a visit.
    assert b["activities"] == 5 and b["last_activity_kind"] == "visit"
    assert b["top_excuse"] == "cash_flow"
    # I1's clock restarts at the acknowledgement of 2025-02-01: it runs to 2028-02-01.
    assert b["limitation_expires_on"] == pd.Timestamp("2028-02-01")
    assert b["limitation_days_left"] == (date(2028, 2, 1) - date(2025, 6, 10)).days
    assert list(b["recent"]["kind"]) == ["visit", "call", "call", "acknowledgement", "statement"]


def test_checklist_statuses_follow_the_ledger():
    b = account_brief(tiny_case(), "C1", AS_OF)
    status = dict(zip(b["checklist"]["code"], b["checklist"]["status_code"], strict=True))
    # Acknowledged 129 days ago (> 120): ask for a new stamped statement. A broken promise: act.
    assert status == {
        "contract": "fetch",
        "invoices": "ready",
        "receipts": "fetch",
        "statement": "act",
        "promises": "act",
        "history": "ready",
        "limitation": "ready",
    }
    fresh = account_brief(tiny_case(), "C1", AS_OF, statement_max_age=130)
    assert fresh["checklist"].set_index("code").at["statement", "status_code"] == "ready"
    # Warn 1,000 days ahead and the limitation line asks for action, naming the date.
    warned = account_brief(tiny_case(), "C1", AS_OF, warn_days=1000)["checklist"].set_index("code")
    assert warned.at["limitation", "status_code"] == "act"
    assert "2028-02-01" in warned.at["limitation", "todo"]


def test_customer_without_debt_has_nothing_to_chase():
    b = account_brief(tiny_case(), "C2", "2025-04-01")  # I4 is invoiced on 2025-05-01
    assert b["open_balance"] == 0 and b["open_invoices"] == 0 and b["limitation_days_left"] is None
    assert set(b["checklist"]["status_code"]) <= {"fetch", "ready"}
    assert "act" not in set(b["checklist"]["status_code"])


def test_chinese_text_and_headers():
    b = account_brief(tiny_case(), "C1", AS_OF, lang="zh")
    lines = b["checklist"].set_index("code")
    assert lines.at["invoices", "item"] == "未结发票"
    assert lines.at["invoices", "fact"] == "未结发票 2 张,共 900.00 元;逾期 1 张(600.00 元),最长逾期 130 天"
    assert lines.at["statement", "status"] == "⚠ 面谈前须处理"
    assert "资金紧张" in lines.at["history", "fact"]
    en = account_brief(tiny_case(), "C1", AS_OF)["checklist"].set_index("code")
    assert en.at["invoices", "fact"].startswith("open invoices: 2, CNY 900.00; overdue: 1 (CNY 600.00)")


def test_people_map_names_parts_and_gaps():
    t = tiny_case()
    m = people_map(t["customers"], "C1", t["promises"], t["payments"], t["invoices"], AS_OF)
    people = m["people"].set_index("person")
    assert list(people.index) == ["张伟", "王芳"]
    assert people.at["张伟", "part"] == "decides" and people.at["张伟", "source"] == "master"
    assert people.at["王芳", "part"] == "unknown" and people.at["王芳", "source"] == "promises"
    assert (people.at["王芳", "promises"], people.at["王芳", "broken"]) == (3, 1)
    assert m["gaps"] == ["pays", "influences"]
    shown = people_table(m["people"], "zh")
    assert list(shown["part"]) == ["拍板付款", "不清楚:需摸清"]
    assert list(shown["role"]) == ["老板", "—"]
    assert people_table(m["people"], "en")["role"].iloc[0] == "owner"


def test_roles_in_either_language():
    assert part_of("财务经理") == part_of("Finance Manager") == "pays"
    assert part_of("采购经理") == "influences" and part_of("总经理") == "decides"
    assert part_of("仓库主管") == "unknown" and part_of(None) == "unknown"


def test_unknown_customer_and_missing_table_are_refused():
    with pytest.raises(ValueError, match="no customer 'C9'"):
        account_brief(tiny_case(), "C9", AS_OF)
    tables = tiny_case()
    del tables["payments"]
    with pytest.raises(ValueError, match="lack 'payments'"):
        account_brief(tables, "C1", AS_OF)


def test_the_brief_is_an_account_brief_in_its_key_order():
    b = account_brief(tiny_case(), "C1", AS_OF, "zh")
    assert list(b) == list(AccountBrief.__annotations__)
    assert set(b["people"]) == set(PeopleMap.__annotations__)
    assert b["name"] == tiny_case()["customers"].set_index("customer_id").at["C1", "name_zh"]


def test_checklist_lines_one_by_one():
    b = account_brief(tiny_case(), "C1", AS_OF)
    # I1's claim runs to 2028-02-01, 966 days away: acted on only inside the warning window.
    assert b["limitation_days_left"] == 966
    assert brief._limitation(b, "en", warn_days=180)[0] == "ready"
    status, fact, todo = brief._limitation(b, "en", warn_days=1000)
    assert status == "act" and "2028-02-01" in fact and "2028-02-01" in todo
    # The acknowledgement is 129 days old: stale after 120 days, fresh within 130.
    assert brief._statement(b, "en", max_age=120)[0] == "act"
    assert brief._statement(b, "en", max_age=130)[0] == "ready"
    expired = {**b, "limitation_days_left": -5}
    assert brief._limitation(expired, "en", warn_days=180)[0] == "act"


def test_roles_shown_in_english_fall_back_to_the_chinese():
    people = pd.DataFrame(
        {
            "person": ["张伟", "李娜"],
            "role": ["老板", "仓库主管"],
            "role_en": ["owner", None],
            "part": ["decides", "unknown"],
            "phone": ["", ""],
            "source": ["master", "master"],
            "promises": [0, 0],
            "broken": [0, 0],
        }
    )
    assert list(people_table(people, "en")["role"]) == ["owner", "仓库主管"]
    assert list(people_table(people, "zh")["role"]) == ["老板", "仓库主管"]
    assert appointment_contact(people.iloc[::-1], "en") == "张伟, owner"


def test_six_characters_named_in_each_language():
    assert six_characters_table("zh")["character"].iloc[0] == "早"
    assert six_characters_table("en")["character"].iloc[0] == "早 · Early"
