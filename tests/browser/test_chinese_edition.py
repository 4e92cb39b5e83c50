"""Issue 11, "Done when": the Chinese edition through its one switch. `scripts/lab.sh` with
EDITION=zh (what `make lab EDITION=zh` runs) serves a scratch copy of the kit; the browser
lands on the Chinese Start Here with JupyterLab's menus in Chinese and the code a learner
need not read collapsed; the learner types a Chinese name into the ✏️ cell and runs it, then
moves a slider in 01.00 and sees the figure change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from receivables.course import notebooks as nbs
from receivables.course.translation import is_learner_cell

from .conftest import start_script_lab
from .labpage import open_notebook, run_all, set_slider, type_my_name

ROOT = Path(__file__).resolve().parents[2]
START = "course/zh/00.00-Start-Here.ipynb"
LEARNER = "李娜"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zh_lab(tmp_path_factory):
    """The kit's own start script, EDITION=zh, on a scratch copy of the kit."""
    work = tmp_path_factory.mktemp("lab-zh")
    for folder in ("course", "cases", "exercises"):
        shutil.copytree(ROOT / folder, work / folder)
    with start_script_lab(work, work, EDITION="zh", ROOT=str(work)) as running:
        yield running


@pytest.fixture
def zh_page(browser, zh_lab):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()
    zh_lab.shut_down_kernels()


def test_the_switch_opens_the_chinese_start_here_in_a_chinese_lab(zh_page, zh_lab):
    page = zh_page
    # The address the script serves opens its default page: the edition's Start Here.
    from .labpage import start_kernel, wait_for_kernel_idle

    start_kernel(zh_lab, START)
    page.goto(f"{zh_lab.base}/?token={zh_lab.token}")  # the root redirects to the edition's Start Here
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=60_000)
    wait_for_kernel_idle(page)
    menus = [m.strip() for m in page.locator(".lm-MenuBar-itemLabel").all_text_contents()]
    assert {"文件", "编辑", "运行"} <= set(menus), f"JupyterLab's menus are not in Chinese: {menus}"
    assert page.locator(".jp-MarkdownCell h1", has_text="从这里开始").count() == 1

    # Code a learner need not read is collapsed; the parameters and ✏️ cells are open.
    nb = nbs.read(zh_lab.work / START)
    hidden = sum(1 for c in nb.cells if c.cell_type == "code" and not is_learner_cell(c))
    assert hidden > 0
    assert page.locator(".jp-CodeCell .jp-InputPlaceholder").count() == hidden
    assert page.locator(".jp-CodeCell .cm-editor").count() == sum(1 for c in nb.cells if is_learner_cell(c))

    # The learner writes in Chinese in the ✏️ cell and runs it.
    run_all(page)
    type_my_name(page, LEARNER)


def test_a_chinese_slider_moves_the_figures(zh_page, zh_lab):
    page = zh_page
    open_notebook(page, zh_lab, "course/zh/01.00-The-Three-Key-Questions.ipynb")
    run_all(page)
    from receivables.i18n import t

    label = t("afford.target_dso", "zh")
    summary = page.locator(".jp-OutputArea", has_text=t("afford.headroom", "zh")).first
    before = summary.text_content()
    set_slider(page, label, 75)
    page.wait_for_function(
        "([el, text]) => el.textContent !== text", arg=[summary.element_handle(), before], timeout=30_000
    )
    assert summary.text_content() != before
