"""Issue 6, "Done when": a learner works through course/00.00-Start-Here.ipynb in a real
JupyterLab and Chromium without editing any code but the marked cells. Run All; the contents
table lists every course notebook and every graded exercise; the ✏️ cell greets the name typed
into it; `lang = "en"` becomes `lang = "zh"` (as the notebook's own instructions say) and a
second Run All shows the Chinese headers; a contents link and an exercise link open their
notebooks."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .labpage import NUMBERED, click_run_all, open_notebook, run_all, screenshot

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "course/00.00-Start-Here.ipynb"
LEARNER = "Li Na 李娜"
RERUN_SECONDS = 180
ERRORS = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"

pytestmark = pytest.mark.browser


def course_notebooks() -> set[str]:
    """The course's notebooks, by the naming convention (CC.SS-Title.ipynb), from the repository."""
    return {p.name for p in (ROOT / "course").glob("[0-9][0-9].[0-9][0-9]-*.ipynb")}


def exercise_notebooks() -> set[str]:
    """The English edition's graded exercises: one notebook per folder of exercises/ (the
    Chinese edition's are the folders named "<name>-zh")."""
    return {
        f"{p.parent.name}/{p.name}" for p in (ROOT / "exercises").glob("*/*.ipynb") if not p.parent.name.endswith("-zh")
    }


def output_of(page: Page, code: str):
    """The output area of the code cell whose source contains ``code``."""
    return page.locator(".jp-CodeCell", has_text=code).first.locator(".jp-OutputArea")


def linked_notebooks(page: Page, code: str) -> list[str]:
    """The .ipynb targets of the links shown in the output of the cell containing ``code``,
    as "folder/name.ipynb" (the link's last two path parts)."""
    hrefs = output_of(page, code).locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    found = []
    for href in hrefs:
        match = re.search(r"([^/?#]+)/([^/?#]+\.ipynb)", href or "")
        if match:
            found.append(f"{match[1]}/{match[2]}")
    return found


def headers(page: Page, code: str) -> list[str]:
    return [h.strip() for h in output_of(page, code).locator("th").all_text_contents()]


def edit_code(page: Page, code: str, line: int, column: int, select: int | None, text: str) -> None:
    """Click into the cell containing ``code``, put the cursor on ``line`` (0-based) at ``column``,
    select ``select`` characters (None: up to the character before the line's end, i.e. the text
    before a closing quote), and type ``text`` over them, as a learner does with the keyboard."""
    cell = page.locator(".jp-CodeCell", has_text=code).first
    cell.locator(".jp-InputArea-editor").click()
    cell.locator(".jp-InputArea-editor .cm-editor.cm-focused").wait_for(timeout=30_000)
    page.keyboard.press("Control+Home")
    for _ in range(line):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Home")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    if select is None:
        page.keyboard.press("Shift+End")
        page.keyboard.press("Shift+ArrowLeft")
    else:
        for _ in range(select):
            page.keyboard.press("Shift+ArrowRight")
    page.keyboard.type(text)


def editor_text(page: Page, code: str) -> str:
    return page.locator(".jp-CodeCell", has_text=code).first.locator(".cm-content").inner_text()


def prompts(page: Page) -> list[str]:
    return [
        p.strip()
        for p in page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt"
        ).all_text_contents()
    ]


def run_all_again(page: Page) -> None:
    """Run → Run All Cells on a notebook that has run before, and wait until every code cell
    shows an execution number higher than any before (so every one ran again)."""

    def numbers() -> list[int | None]:
        return [int(m[1]) if (m := re.search(r"\[(\d+)\]", p)) else None for p in prompts(page)]

    before = max(n for n in numbers() if n is not None)
    click_run_all(page)
    deadline = time.time() + RERUN_SECONDS
    while True:
        now = numbers()
        if all(n is not None and n > before for n in now):
            return
        if time.time() > deadline:
            raise AssertionError(
                f"the second Run All did not finish: prompts {prompts(page)}; "
                f"errors: {page.locator(ERRORS).all_text_contents()}"
            )
        page.wait_for_timeout(300)


def test_a_learner_works_through_start_here(page, lab):
    open_notebook(page, lab, NOTEBOOK)
    run_all(page)
    # `make setup` turns JupyterLab's news and update pop-ups off (scripts/lab-overrides.json).
    assert page.get_by_text("official Jupyter news").count() == 0
    assert all(NUMBERED.search(p) for p in prompts(page)), prompts(page)
    assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).all_text_contents()

    # The contents table: every course notebook, and every graded exercise, linked once.
    contents = linked_notebooks(page, "course_map(lang)")
    assert sorted(contents) == sorted(f"course/{n}" for n in course_notebooks()), contents
    exercises = linked_notebooks(page, "exercise_map(lang)")
    assert sorted(exercises) == sorted(exercise_notebooks()), exercises
    assert headers(page, "course_map(lang)")[-1] == "Contents · 课程目录"
    assert headers(page, "exercise_map(lang)") == ["Graded exercise · 练习", "After notebook · 学完之后"]

    # The ✏️ cell: type a name between the quotes of line 2, Shift+Enter, read the welcome line.
    edit_code(page, 'my_name = "', line=1, column=len('my_name = "'), select=None, text=LEARNER)
    page.keyboard.press("Shift+Enter")
    welcome = output_of(page, 'my_name = "').get_by_text(f"Welcome, {LEARNER} (Your sales team)!")
    welcome.wait_for(timeout=30_000)

    # Follow a contents link: the linked notebook opens in the lab, in its own tab.
    output_of(page, "course_map(lang)").locator("a", has_text="Overdue and profit").first.click()
    opened = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    opened.locator("h1", has_text="Overdue and profit · 账款逾期对利润的影响").wait_for(timeout=60_000)
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel")
    assert tab.first.text_content().strip() == "02.01-Overdue-And-Profit.ipynb"
    assert page.locator(".jp-Dialog").count() == 0
    screenshot(page, "start-here-link-opened")

    # And an exercise link (it leaves course/ for exercises/): back to Start here, click it.
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="00.00-Start-Here.ipynb").click()
    output_of(page, "exercise_map(lang)").locator("a", has_text="Graded exercise 1").first.click()
    page.locator(
        ".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel",
        has_text=re.compile(r"^overdue-and-profit\.ipynb$"),
    ).wait_for(timeout=60_000)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.wait_for(timeout=60_000)
    assert page.locator(".jp-Dialog").count() == 0
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="00.00-Start-Here.ipynb").click()

    # The parameters cell: "en" -> "zh", then Run All: the kit's own texts turn Chinese (the
    # Chinese edition itself is course/zh/, tested in test_chinese_edition.py).
    edit_code(page, 'lang = "en"', line=0, column=len('lang = "'), select=2, text="zh")
    assert editor_text(page, 'lang = "zh"').startswith('lang = "zh"')
    run_all_again(page)
    assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).all_text_contents()
    assert headers(page, "course_map(lang)")[-1] == "课程目录"
    assert headers(page, "exercise_map(lang)") == ["练习", "学完之后"]
    chapters = output_of(page, "course_map(lang)").locator("td strong").all_text_contents()
    assert "从这里开始" in chapters and not any("Start here" in c for c in chapters), chapters
    assert sorted(linked_notebooks(page, "course_map(lang)")) == sorted(contents)
    # The marked cell kept the learner's name through the second run, and now greets in Chinese.
    assert output_of(page, 'my_name = "').get_by_text(f"欢迎你,{LEARNER}(Your sales team)!").is_visible()
    screenshot(page, "start-here-zh")
