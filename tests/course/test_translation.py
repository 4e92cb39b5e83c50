"""The Chinese edition from gettext catalogues: building twins, catching drift, and how
Chinese the real edition is (printed per notebook)."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from receivables.course import contents, translation
from receivables.course import notebooks as nbs
from receivables.i18n import po as i18n_po

ROOT = Path(__file__).resolve().parents[2]
MIN_SHARE = 0.90  # Chinese characters among Chinese characters and Latin letters, per twin


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    cells = [
        nbformat.v4.new_markdown_cell(
            "# Two figures\n\nSee [the case](03.00-The-Case.ipynb) and [the data](../datasets/README.md)."
        ),
        nbformat.v4.new_code_cell('lang = "en"  # "en" or "zh"\nlimit = 5  # ✏️ how many'),
        nbformat.v4.new_code_cell("from receivables.course import record\nx = limit * 2"),
        nbformat.v4.new_code_cell('# ✏️ your team\nteam = {"call": 10}'),
        nbformat.v4.new_code_cell('record({"lang": lang, "x": x}, lang)'),
    ]
    cells[1].metadata = {"tags": ["parameters"]}
    for i, cell in enumerate(cells):
        cell["id"] = f"c{i}"
    nb.cells = cells
    return nb


def _set(po: Path, translations: dict[str, str]) -> None:
    catalog = i18n_po.read(po)
    for entry in catalog:
        if entry.msgctxt in translations:
            entry.msgstr = translations[entry.msgctxt]
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = None
    i18n_po.write(catalog, po)


ZH = {
    "c0": "# 两个数字\n\n见[案例](03.00-The-Case.ipynb)和[数据](../datasets/README.md)。",
    "c1": 'lang = "en"  # 语言\nlimit = 5  # ✏️ 多少个',
    "c3": '# ✏️ 你的团队\nteam = {"电话": 10}',
}


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    (tmp_path / "course").mkdir()
    nbs.write(_notebook(), tmp_path / "course" / "01.00-Two-Figures.ipynb")
    translation.update_catalogues(tmp_path)
    _set(tmp_path / translation.LOCALES_DIR / "course" / "01.00-Two-Figures.po", ZH)
    contents.regenerate(tmp_path)
    return tmp_path


def test_a_translated_twin_is_complete_current_and_chinese(kit):
    assert translation.translation_problems(kit) == []
    twin = nbs.read(kit / "course" / "zh" / "01.00-Two-Figures.ipynb")
    body = [c for c in twin.cells if "nav" not in c.metadata.get("tags", [])]
    assert body[0].source.startswith("# 两个数字")
    # links written as in the English notebook point from zh/: twins to twins, the rest one level up
    assert "(03.00-The-Case.ipynb)" in body[0].source
    assert "(../../datasets/README.md)" in body[0].source
    assert nbs.parameter_defaults(body[1].source)["lang"] == "zh"
    assert body[3].source == ZH["c3"]
    # code a learner need not read is collapsed; the learner's cells are not
    assert body[2].metadata["jupyter"]["source_hidden"] is True
    assert "jupyter" not in body[1].metadata and "jupyter" not in body[3].metadata
    assert (kit / "course" / "zh" / "README.md").read_text(encoding="utf-8").startswith("# 课程目录")


def test_missing_twin_is_caught(kit):
    (kit / "course" / "zh" / "01.00-Two-Figures.ipynb").unlink()
    assert any("missing" in p for p in translation.translation_problems(kit))


def test_changed_english_makes_the_translation_stale_until_updated(kit):
    path = kit / "course" / "01.00-Two-Figures.ipynb"
    nb = nbs.read(path)
    nb.cells[1].source = nb.cells[1].source.replace("Two figures", "Three figures")
    nbs.write(nb, path)
    problems = translation.translation_problems(kit)
    assert any("no entry for its current English" in p for p in problems)
    translation.update_catalogues(kit)
    po = kit / translation.LOCALES_DIR / "course" / "01.00-Two-Figures.po"
    entry = {e.msgctxt: e for e in i18n_po.read(po)}["c0"]
    assert entry.fuzzy and "Two figures" in entry.previous_msgid
    assert entry.msgstr == ZH["c0"]  # kept for the translator to update
    assert any("stale" in p for p in translation.translation_problems(kit))
    _set(po, {"c0": ZH["c0"].replace("两个", "三个")})
    contents.regenerate(kit)
    assert translation.translation_problems(kit) == []


def test_untranslated_cell_is_caught(kit):
    po = kit / translation.LOCALES_DIR / "course" / "01.00-Two-Figures.po"
    _set(po, {"c3": ""})
    assert any("c3: not translated" in p for p in translation.translation_problems(kit))


def test_twin_with_different_code_is_caught(kit):
    twin_path = kit / "course" / "zh" / "01.00-Two-Figures.ipynb"
    twin = nbs.read(twin_path)
    twin.cells[3].source = "x = limit * 3"
    nbs.write(twin, twin_path)
    assert any("c2: code differs" in p for p in translation.translation_problems(kit))
    assert twin_path in contents.out_of_date(kit)


def test_translated_code_may_change_only_comments_and_words(kit):
    po = kit / translation.LOCALES_DIR / "course" / "01.00-Two-Figures.po"
    _set(po, {"c3": '# ✏️ 你的团队\nteam = {"电话": 10, "拜访": 240}'})
    assert any("c3: the Chinese code differs" in p for p in translation.translation_problems(kit))
    assert translation.code_differs('x = {"call": 1}  # en', 'x = {"电话": 1}  # 中文') == []


def test_a_twin_without_english_notebook_is_caught(kit):
    shutil.copy(kit / "course" / "zh" / "01.00-Two-Figures.ipynb", kit / "course" / "zh" / "02.00-Gone.ipynb")
    assert any("02.00-Gone.ipynb: has no English notebook" in p for p in translation.translation_problems(kit))


def test_chinese_share_counts_prose_only():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("应收账款周转天数 DSO 见 [表](a-very-long-english-file-name.ipynb) `code_span`")
    ]
    share, cjk, latin = translation.chinese_share(nb)
    assert (cjk, latin) == (10, 3) and share == pytest.approx(10 / 13)


TWINS = [p for p in translation.english_notebooks(ROOT)]


@pytest.mark.parametrize("english", TWINS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_chinese_edition_is_overwhelmingly_chinese(english, record_property):
    twin = translation.twin_path(english)
    share, cjk, latin = translation.chinese_share(nbs.read(twin))
    record_property("chinese_share", round(share, 3))
    SHARES[f"{english.parent.name}/zh/{english.name}"] = (share, cjk, latin)
    assert share >= MIN_SHARE, f"{twin.name}: {share:.0%} Chinese ({cjk} Chinese characters, {latin} Latin letters)"


SHARES: dict[str, tuple[float, int, int]] = {}
