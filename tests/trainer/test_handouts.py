"""Handouts: chapter summaries over the outline, a formula card computed by the package, the
case fact sheet from the case data, exercise sheets from the release only (never an answer)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from receivables.cases.outputs import bucket_header
from receivables.cli import app
from receivables.course import notebooks as nbs
from receivables.course.outline import load_items
from receivables.i18n import t
from receivables.metrics import ratios
from receivables.metrics.asof import summary
from receivables.profit import impact
from receivables.trainer import handouts, sources
from receivables.trainer.cards import case_tables

CJK = re.compile(r"[\u4e00-\u9fff]")
SOLUTION = re.compile(r"### BEGIN SOLUTION(.*?)### END SOLUTION", re.S)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)


def test_handouts_have_no_problem():
    assert handouts.problems() == []


def test_every_outline_part_has_its_summary_in_both_languages():
    parts = {i.part.split("/", 1)[1] for i in load_items(sources.root())}
    assert set(handouts.handout_data().parts) == parts
    for lang in ("zh", "en"):
        pages = handouts.chapter_pages(lang)
        assert len(pages) == len(parts)
        text = "\n".join(pages)
        for item in load_items(sources.root()):
            assert item.title(lang) in text
            assert sources.notebook_title(item.notebook, lang) in text
    assert "The three key questions" not in "\n".join(handouts.chapter_pages("zh"))


def test_worked_examples_are_the_packages_results():
    # the worked examples of course/references.md, computed by the package (not typed in the handout)
    assert handouts.worked_example("dso")["result"] == pytest.approx(45)
    assert handouts.worked_example("bpdso")["result"] == pytest.approx(12)
    assert handouts.worked_example("add")["result"] == pytest.approx(33)
    assert handouts.worked_example("cei")["result"] == pytest.approx(79.6, abs=0.05)
    # 02.01's parameters feed the profit examples: change the notebook, the card follows
    nb = nbs.read(sources.notebook_path("02.01-Overdue-And-Profit.ipynb"))
    params = nbs.parameter_defaults(nb.cells[nbs.parameters_cells(nb)[0]].source)
    carrying = handouts.worked_example("carrying")
    assert carrying["result"] == pytest.approx(
        impact.carrying_cost(params["balance"], params["annual_rate"], params["days_overdue"])
    )
    assert handouts.worked_example("replace")["result"] == pytest.approx(params["bad_debt"] / params["margin"])


def test_a_changed_input_changes_the_card(monkeypatch):
    data = handouts.handout_data()
    changed = handouts.HandoutData(
        data.parts, {**data.formulas, "dso": {"ar": 21000, "sales": 10000, "days": 30}}, data.case_notebook, data.top
    )
    monkeypatch.setattr(handouts, "handout_data", lambda: changed)
    page = handouts.formula_page("en")
    assert ratios.dso_simple(21000, 10000, 30) == pytest.approx(63)
    assert "21,000 ÷ 10,000 × 30 = **63.0 days**" in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_formula_card_has_six_formulas(lang):
    page = handouts.formula_page(lang)
    for code in handouts.FORMULAS:
        assert t(f"trainer.handout.formula.{code}.name", lang) in page
        assert t(f"trainer.handout.formula.{code}.formula", lang) in page
    assert "971,800" in page  # 48,590 / 5 %
    if lang == "zh":
        assert "Example" not in page and len(CJK.findall(page)) > 300


def test_the_case_fact_sheet_holds_the_case_figures():
    tables = case_tables()
    head = summary(tables["invoices"], tables["payments"], handouts.case_as_of())
    page = handouts.case_page("zh")
    assert handouts.case_as_of() == "2025-12-31"
    assert f"{head['open_balance']:,.2f}" in page and f"{head['overdue_balance']:,.2f}" in page
    assert f"{head['dso']:.1f}" in page and f"{head['add']:.1f}" in page
    facts = handouts.case_facts()
    top = facts["top"]
    assert len(top) == handouts.handout_data().top
    assert list(top["open_balance"]) == sorted(top["open_balance"], reverse=True)
    for row in top.itertuples():
        assert row.name_zh in page and f"{row.open_balance:,.2f}" in page
    assert top["open_balance"].sum() <= head["open_balance"]
    for bucket in head["aging"]:  # buckets named as the case report names them, in Chinese
        assert f"| {bucket_header(bucket['bucket'], 'zh')} | {bucket['amount']:,.2f} | {bucket['count']} |" in page


def _solution_lines(exercise: str, lang: str) -> set[str]:
    """Every line of the model answers and hidden tests of the exercise's master copy that
    its release does not hold (the release keeps the question's own text)."""
    master = nbs.read(next(sources.exercise_folder(exercise, lang).glob("*.ipynb")))
    release = nbs.read(handouts.release_notebook(exercise, lang))
    released = {line.strip() for c in release.cells for line in c.source.splitlines()}
    found = set()
    for cell in master.cells:
        grading = cell.get("metadata", {}).get("nbgrader", {})
        parts = SOLUTION.findall(cell.source) + HIDDEN.findall(cell.source)
        if cell.cell_type == "markdown" and grading.get("solution"):
            parts.append(cell.source)
        for part in parts:
            found |= {line.strip() for line in part.splitlines() if len(line.strip()) > 6}
    return found - released


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("exercise", handouts.exercises())
def test_exercise_sheets_never_show_an_answer(exercise, lang):
    page = handouts.exercise_page(exercise, lang)
    secret = _solution_lines(exercise, lang)
    assert secret, "the master copy has answers to look for"
    leaked = [line for line in secret if line in page]
    assert leaked == []
    release = nbs.read(handouts.release_notebook(exercise, lang))
    questions = [c for c in release.cells if c.cell_type == "markdown" and "##" in c.source]
    assert all(c.source.strip().splitlines()[0] in page for c in questions)
    assert handouts.PLACEHOLDER not in [line.strip() for line in page.splitlines()]  # the box replaces it


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_aging_sheet_holds_its_ledger(lang):
    """Exercise 2's twelve invoices are in ledger.csv, shown in the notebook by running a cell:
    the printed sheet carries them as a table."""
    page = handouts.exercise_page("02-aging", lang)
    with (handouts.release_notebook("02-aging", lang).parent / "ledger.csv").open(encoding="utf-8-sig") as f:
        rows = f.read().strip().splitlines()
    assert len(rows) == 13
    for row in rows[1:]:
        assert "| " + " | ".join(row.split(",")) + " |" in page


def test_the_check_finds_a_missing_part_and_parameter(monkeypatch):
    data = handouts.handout_data()
    broken = handouts.HandoutData(
        {**data.parts, "gone": 2},
        {
            **data.formulas,
            "carrying": {
                "from": "02.01-Overdue-And-Profit.ipynb",
                "balance": "no_such",
                "annual_rate": "annual_rate",
                "days": "days_overdue",
            },
        },
        data.case_notebook,
        data.top,
    )
    monkeypatch.setattr(handouts, "handout_data", lambda: broken)
    found = handouts.problems()
    assert "handouts: part 'gone' is not in course/outline.yml" in found
    assert "handouts: formula carrying: course/02.01-Overdue-And-Profit.ipynb has no parameter 'no_such'" in found
    assert "handouts: text trainer.handout.part.gone.p1 is missing" in found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_writes_printable_offline_handouts(lang, tmp_path):
    result = CliRunner().invoke(app, ["trainer", "handouts", "--lang", lang, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pages = {
        "chapters": len(handouts.handout_data().parts),
        "formulas": 1,
        "case": 1,
        "exercises": len(handouts.exercises()),
    }
    for stem, n in pages.items():
        html = (tmp_path / f"handout-{stem}-{lang}.html").read_text(encoding="utf-8")
        assert html.count('<section class="page">') == n
        assert "page-break-after: always" in html
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
        assert (tmp_path / f"handout-{stem}-{lang}.md").is_file()
        if lang == "zh":
            assert len(CJK.findall(html)) > 200
