"""The timed agendas: references exist, minutes add up, both languages print offline."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from receivables.cli import app
from receivables.collection.role_play import CASES
from receivables.trainer import agenda, render, sources
from receivables.trainer.checks import problems, text_problems

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_agendas_have_no_problem():
    assert problems() == []


@pytest.mark.parametrize("days, minutes", [(1, 360), (2, 720)])
def test_minutes_add_up_to_six_hours_a_day(days, minutes):
    ag = agenda.agenda(days)
    assert ag.minutes == minutes
    assert [d.minutes for d in ag.day_list] == [360] * days
    assert all(0 <= b.cut < b.minutes for b in ag.blocks)
    assert any(b.kind == "break" for d in ag.day_list for b in d.blocks)


@pytest.mark.parametrize("days", [1, 2])
def test_every_block_names_existing_things(days):
    ag = agenda.agenda(days)
    for b in ag.blocks:
        assert all(sources.notebook_exists(n) for n in b.notebooks), b.id
        assert all(sources.exercise_exists(e) for e in b.exercises), b.id
        assert all(sources.role_play_exists(r) for r in b.role_plays), b.id
        assert all(sources.has_trainer_block(n) for n in b.discussions), b.id


@pytest.mark.parametrize("days", [1, 2])
def test_the_whole_course_is_covered(days):
    """Every course notebook, every role play and (in the room or as homework) every exercise."""
    ag = agenda.agenda(days)
    used = {n for b in ag.blocks for n in b.notebooks}
    assert used == set(sources.course_notebooks())
    assert {r for b in ag.blocks for r in b.role_plays} == {c.code for c in CASES}
    exercises = {e for b in ag.blocks for e in b.exercises} | set(ag.homework)
    assert exercises == {
        p.name for p in (sources.root() / "solutions").iterdir() if p.is_dir() and not p.name.endswith("-zh")
    }


def _broken(kind: str, value: str) -> dict:
    found = dict(agenda.agendas())
    ag = found[1]
    day = ag.day_list[0]
    first = day.blocks[0]
    changed = replace(first, **{kind: (*getattr(first, kind), value)})
    found[1] = replace(ag, day_list=(replace(day, blocks=(changed, *day.blocks[1:])), *ag.day_list[1:]))
    return found


@pytest.mark.parametrize(
    "kind, value, says",
    [
        ("notebooks", "02.09-Gone.ipynb", "notebook course/02.09-Gone.ipynb does not exist"),
        ("exercises", "09-gone", "exercise 09-gone does not exist"),
        ("role_plays", "scenario.gone", "role play 'scenario.gone' does not exist"),
        ("discussions", "02.09-Gone.ipynb", 'has no "For the trainer" block'),
    ],
)
def test_a_reference_that_no_longer_exists_is_named(kind, value, says):
    found = agenda.problems(_broken(kind, value))
    assert any(says in p for p in found), found


def test_minutes_that_do_not_add_up_are_named():
    found = dict(agenda.agendas())
    ag = found[2]
    day = ag.day_list[1]
    longer = replace(day.blocks[0], minutes=day.blocks[0].minutes + 5)
    found[2] = replace(ag, day_list=(ag.day_list[0], replace(day, blocks=(longer, *day.blocks[1:]))))
    assert "agenda 2 day(s): 725 minutes, not 720" in agenda.problems(found)
    assert "agenda 2 day(s), day 2: 365 minutes, not 360" in agenda.problems(found)


def test_every_trainer_text_has_its_chinese():
    assert text_problems() == []


def test_schedule_has_clock_times_and_lunch():
    rows = agenda.schedule(agenda.agenda(1))[0]
    assert rows[0][0] == "09:00"
    lunch = [r for r in rows if r[2] is None]
    assert len(lunch) == 1 and lunch[0][0] == "12:00" and lunch[0][1] == "13:00"
    assert rows[-1][1] == "16:00"


@pytest.mark.parametrize("days", [1, 2])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_writes_printable_offline_pages(days, lang, tmp_path):
    result = CliRunner().invoke(app, ["trainer", "agenda", "--days", str(days), "--lang", lang, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / f"agenda-{days}day-{lang}.html").read_text(encoding="utf-8")
    md = (tmp_path / f"agenda-{days}day-{lang}.md").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@media print" in html and "Noto Sans CJK SC" in html
    assert html.count('<section class="page">') == days
    ag = agenda.agenda(days)
    from receivables.i18n import t

    for b in ag.blocks:
        assert t(b.keys[0], lang) in md
        if b.cut:
            assert t(b.keys[2], lang) in md
    if lang == "zh":
        assert len(CJK.findall(html)) > 500
        assert "Notebooks" not in md and "If time runs short" not in md
        assert sources.exercise_title("06-collection-scripts", "zh").startswith("06-collection-scripts-zh")


def test_a_page_with_an_outside_link_is_refused():
    with pytest.raises(ValueError, match="outside"):
        render.html("x", ["[a](https://example.com/x)"], "en")


def test_unknown_days_are_refused(tmp_path):
    result = CliRunner().invoke(app, ["trainer", "agenda", "--days", "3", "--out", str(tmp_path)])
    assert result.exit_code != 0
