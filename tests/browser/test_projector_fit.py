"""Charts and tables fit a workshop room's screen: JupyterLab in a 1280x720 window (a
projector's), the file browser open, each notebook run as a learner runs it. No chart is
shrunk by the browser to fit (its labels keep the size they were drawn at) and no output
needs a horizontal scroll bar."""

from __future__ import annotations

import pytest

from receivables.i18n.fonts import OUTPUT_WIDTH_PX

from .labpage import open_notebook, run_all, screenshot, wait_for_kernel_idle

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
#: The widest outputs of the course, with the charts each shows: the fishbone and its
#: neighbours, the aging explorer and its tables, the account brief's and the tracking
#: tools' tables.
NOTEBOOKS = {
    "course/02.02-Why-Accounts-Go-Overdue.ipynb": 3,
    "course/03.00-The-Case.ipynb": 1,
    "course/04.00-Before-The-Meeting.ipynb": 0,
    "course/05.02-Tracking-Tools.ipynb": 0,
}


@pytest.fixture
def room_page(browser, lab):
    context = browser.new_context(viewport=PROJECTOR, locale="en-US")
    page = context.new_page()
    yield page
    context.close()
    lab.shut_down_kernels()


MEASURE = """() => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const images = [...panel.querySelectorAll('.jp-OutputArea-output img')].map(img => ({
        natural: img.naturalWidth, shown: img.getBoundingClientRect().width}));
    const wide = [...panel.querySelectorAll('.jp-OutputArea-output')].filter(o => o.scrollWidth > o.clientWidth + 1)
        .map(o => ({scroll: o.scrollWidth, client: o.clientWidth, text: o.innerText.slice(0, 60)}));
    const area = panel.querySelector('.jp-OutputArea-output');
    return {images, wide, output_width: area ? area.clientWidth : null,
            page_scrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("notebook", list(NOTEBOOKS))
def test_outputs_fit_a_projector(room_page, lab, notebook):
    open_notebook(room_page, lab, notebook, show_code=False)
    run_all(room_page)
    charts = room_page.locator(".jp-OutputArea-output img")
    if NOTEBOOKS[notebook]:
        charts.nth(NOTEBOOKS[notebook] - 1).wait_for(state="attached", timeout=120_000)
    wait_for_kernel_idle(room_page)
    room_page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-OutputArea-output img')].every(i => i.complete)"
    )
    found = room_page.evaluate(MEASURE)
    screenshot(room_page, "projector-" + notebook.split("/")[-1].split("-")[0])
    assert found["output_width"] >= OUTPUT_WIDTH_PX - 4, found["output_width"]  # what the charts are sized for
    assert len(found["images"]) >= NOTEBOOKS[notebook]
    shrunk = [i for i in found["images"] if i["shown"] < i["natural"] - 1]
    assert not shrunk, f"charts shrunk by the browser (their text with them): {shrunk}"
    assert not found["wide"], f"outputs wider than the notebook (a scroll bar): {found['wide']}"
    assert not found["page_scrolls"]
