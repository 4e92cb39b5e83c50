"""No production wording reaches a learner ("seed 000", "the seeds name…", 种子, ../shared,
"domain reference 3"): the pattern, the notebook check of `receivables course check` in
both editions, the exercises, the markdown pages, the package's texts and the outputs of
an executed notebook."""

from __future__ import annotations

import nbformat
import pytest

from receivables.course import checks
from receivables.course import notebooks as nbs
from receivables.course.shown import internal_in_outputs, internal_wording

from .test_conventions import COURSE_NB, _edit, kit  # noqa: F401 - kit is a fixture

BAD = "The seeds name this case only (seed 000)."


@pytest.mark.parametrize(
    "text",
    [
        BAD,
        "seeds",
        "Seed 001",
        "a seeded generator",
        "课程种子只列出了题目",
        "see ../shared/course-outline.md",
        "shared/seeds/000_main.txt",
        "000_main-course.txt",
        "Domain reference 3",
        "domain-reference.md",
        "a kit-internal note",
    ],
)
def test_production_wording_is_found(text):
    assert internal_wording(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Authored for this kit: the course material names the topic only.",
        "以下内容为本课程编写，课程资料只列出了题目",
        "Sales (销售额), 2,000 CNY",
        "/usr/share/fonts/noto",
        "Proceeds of the sale",
        "reference 3 of references.md",
    ],
)
def test_plain_wording_passes(text):
    assert internal_wording(text) == []


def test_markdown_and_open_code_cells_are_checked_collapsed_code_is_not():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(BAD, id="intro"),
            nbformat.v4.new_code_cell(
                'lang = "en"  # the seeds\' case', id="params", metadata={"tags": ["parameters"]}
            ),
            nbformat.v4.new_code_cell("answer = 3  # ✏️ as seed 001 says", id="edit"),
            nbformat.v4.new_code_cell("rng = default_rng(seed=7)  # code a learner need not read", id="hidden"),
        ]
    )
    found = checks.learner_wording(nb)
    assert [p.split(":")[0] for p in found] == ["cell intro", "cell intro", "cell params", "cell edit"]
    assert all("课程资料" in p and "authored for this kit" in p for p in found)


def test_course_check_fails_on_wording_in_either_edition_and_in_exercises(kit):  # noqa: F811
    def slip(nb):
        md = next(c for c in nb.cells if c.cell_type == "markdown" and "nav" not in c.metadata.get("tags", []))
        md.source += "\n\n" + BAD

    _edit(kit / "course" / COURSE_NB.name, slip)
    _edit(kit / "course" / "zh" / COURSE_NB.name, slip)
    exercise = next((kit / "exercises").glob("*-zh/*.ipynb"))
    _edit(exercise, slip)
    (kit / "cases" / "zh" / "README.md").write_text("# 案例\n\n见 ../shared/course-outline.md\n", encoding="utf-8")
    problems = [p for p in checks.check_all(kit) if "internal wording" in p]
    assert any(p.startswith(f"course/{COURSE_NB.name}: cell ") for p in problems), problems
    assert any(p.startswith(f"course/zh/{COURSE_NB.name}: cell ") for p in problems), problems
    assert any(p.startswith(f"exercises/{exercise.parent.name}/") for p in problems), problems
    assert any(p.startswith("cases/zh/README.md:") for p in problems), problems


def test_course_check_fails_on_wording_in_the_package_texts(monkeypatch):
    from receivables.i18n.texts import Translation

    monkeypatch.setattr(checks.texts, "english", lambda: {"x.ok": "Open balance", "x.bad": "As seed 000 says"})
    monkeypatch.setattr(
        checks.texts, "chinese", lambda: {"x.ok": Translation("Open balance", "未收余额（种子）", False)}
    )
    problems = checks.wording_problems(nbs.repo_root())
    assert [p.split(":")[0] for p in problems] == ["package text x.ok", "package text x.bad"]


def test_outputs_of_an_executed_notebook_are_checked():
    cell = nbformat.v4.new_code_cell(
        "show()",
        outputs=[
            nbformat.v4.new_output("stream", text="Authored for this kit.\n"),
            nbformat.v4.new_output(
                "display_data", data={"text/markdown": "**Causes** the seeds name", "text/plain": ""}
            ),
            nbformat.v4.new_output("display_data", data={"text/html": "<p>课程资料 · 000_main.txt</p>"}),
        ],
    )
    found = internal_in_outputs(nbformat.v4.new_notebook(cells=[cell]))
    assert len(found) == 2 and "'seeds'" in found[0] and "000_main.txt" in found[1]
