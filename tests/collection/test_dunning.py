"""Dunning ladder, the kit's convention (course/references.md §8.1)."""

from __future__ import annotations

import pandas as pd
import pytest

from receivables.collection import DEFAULT_DUNNING_LADDER, DunningStep, dunning_schedule, ladder_frame


def test_default_ladder_follows_the_reference():
    assert [s.offset for s in DEFAULT_DUNNING_LADDER] == [-5, 0, 7, 15, 30, 45, 60, 90]
    codes = [s.code for s in DEFAULT_DUNNING_LADDER]
    assert codes[0] == "reminder" and "call" in codes and codes[-1] == "agency_legal"
    names = [(s.label("en"), s.label("zh")) for s in DEFAULT_DUNNING_LADDER]
    assert all(en and zh and en != zh for en, zh in names)
    assert names[-1] == ("Collection agency or legal action", "委托催收机构或采取法律行动")


def _items(days_past_due):
    due = pd.Timestamp("2024-06-30") - pd.to_timedelta(days_past_due, unit="D")
    return pd.DataFrame(
        {
            "invoice_id": [f"I{i}" for i in range(len(days_past_due))],
            "customer_id": "C",
            "due_date": due,
            "open_amount": 100.0,
            "days_past_due": days_past_due,
        }
    )


@pytest.mark.parametrize(
    ("dpd", "last", "next_", "days_to_next"),
    [
        (-10, None, "reminder", 5),
        (-5, "reminder", "due_notice", 5),  # a step is reached on its own day
        (-1, "reminder", "due_notice", 1),
        (0, "due_notice", "email", 7),
        (14, "email", "call", 1),
        (15, "call", "statement", 15),
        (59, "final_notice", "credit_hold", 1),
        (90, "agency_legal", None, None),
        (400, "agency_legal", None, None),
    ],
)
def test_last_and_next_step(dpd, last, next_, days_to_next):
    out = dunning_schedule(_items([dpd]), as_of="2024-06-30").iloc[0]
    assert out["days_past_due"] == dpd
    assert (None if pd.isna(out["last_step"]) else out["last_step"]) == last
    assert (None if pd.isna(out["next_step"]) else out["next_step"]) == next_
    if days_to_next is None:
        assert pd.isna(out["next_step_date"]) and pd.isna(out["days_to_next"])
    else:
        assert out["days_to_next"] == days_to_next
        assert out["next_step_date"] == pd.Timestamp("2024-06-30") + pd.Timedelta(days=days_to_next)


def test_dates_labels_and_order():
    out = dunning_schedule(_items([3, 50, -20]), as_of="2024-06-30")
    assert list(out["days_past_due"]) == [50, 3, -20]
    first = out.iloc[0]
    assert first["last_step"] == "final_notice"
    assert first["last_step_date"] == first["due_date"] + pd.Timedelta(days=45)
    assert first["last_step_zh"] == "最后催款通知(书面催告)"
    assert first["next_step_en"] == "Credit hold: stop shipments"


def test_as_of_none_uses_the_column_and_paid_items_are_dropped():
    items = _items([16, 20])
    items.loc[1, "open_amount"] = 0.0
    out = dunning_schedule(items, as_of=None)
    assert list(out["invoice_id"]) == ["I0"]
    assert out.iloc[0]["last_step"] == "call" and out.iloc[0]["days_to_next"] == 14


def test_custom_ladder():
    ladder = [{"offset": 10, "code": "call"}, {"offset": 0, "code": "email", "en": "Email"}]
    frame = ladder_frame(ladder)
    assert list(frame["offset"]) == [0, 10] and frame.loc[1, "zh"] == "call"
    out = dunning_schedule(_items([5]), as_of="2024-06-30", ladder=ladder).iloc[0]
    assert out["last_step"] == "email" and out["next_step"] == "call"
    steps = [DunningStep(0, "email", "Email", "邮件"), DunningStep(10, "call", "Call")]
    frame = ladder_frame(steps)
    assert frame[["en", "zh"]].values.tolist() == [["Email", "邮件"], ["Call", "call"]]  # no Chinese: the code
    assert (steps[0].label("zh"), steps[1].label("en")) == ("邮件", "Call")
    with pytest.raises(ValueError):
        ladder_frame([{"offset": 1, "code": "a"}, {"offset": 1, "code": "b"}])
    with pytest.raises(ValueError):
        ladder_frame([])
