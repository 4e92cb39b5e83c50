"""Trainer slides: a reveal.js deck per course part in both languages, every discussion
question on a slide, its model answer only in the speaker notes, nothing fetched from
outside the deck's folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from receivables.cli import app
from receivables.i18n import t
from receivables.trainer import handouts, notes, slides, sources

from .test_notes import _executed

CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
PARTS = list(slides.parts())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, list[Path]]]:
    """Both editions written once, without running notebooks: zh through the command, en through write()."""
    out: dict[str, tuple[Path, list[Path]]] = {}
    folder = tmp_path_factory.mktemp("slides")
    result = CliRunner().invoke(app, ["trainer", "slides", "--lang", "zh", "--out", str(folder / "zh"), "--no-run"])
    assert result.exit_code == 0, result.output
    out["zh"] = (
        folder / "zh",
        [Path(line.removeprefix("wrote ")) for line in result.output.splitlines() if line.startswith("wrote ")],
    )
    out["en"] = (folder / "en", slides.write("en", folder / "en", run=False))
    return out


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _split(path: Path) -> tuple[str, str]:
    """(visible text of the slides, text of the speaker notes) of a written deck."""
    soup = _soup(path)
    slides_div = soup.select_one("div.reveal div.slides")
    notes_text = " ".join(a.get_text(" ") for a in slides_div.select("aside.notes"))
    for aside in slides_div.select("aside.notes"):
        aside.decompose()
    return _flat(slides_div.get_text(" ")), _flat(notes_text)


def _flat(text: str) -> str:
    """Text compared without white space (tags leave spaces around code and links) or heading anchors."""
    return re.sub(r"[\s¶]+", "", text)


def _plain(markdown: str) -> str:
    """A text as the rendered slide shows it: Markdown emphasis and code marks gone."""
    return _flat(re.sub(r"[*`]", "", markdown))


def test_parts_cover_every_course_notebook_once():
    placed = [n for names in slides.parts().values() for n in names]
    assert sorted(placed) == sorted(sources.course_notebooks())
    assert list(handouts.handout_data().parts) == PARTS
    assert slides.parts()["preface"][0] == "00.00-Start-Here.ipynb"  # not in the outline: with the part after it
    assert slides.problems() == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_part_has_a_deck(built, lang):
    folder, paths = built[lang]
    decks = [folder / slides.deck_name(p, lang) for p in PARTS]
    assert paths == [folder / f"slides-{lang}.html", *decks]
    assert all(p.is_file() for p in paths)
    index = paths[0].read_text(encoding="utf-8")
    for part, deck in zip(PARTS, decks, strict=True):
        assert f'href="{deck.name}"' in index
        assert t(f"trainer.handout.part.{part}.title", lang) in _soup(deck).select_one("section").get_text()
        assert _soup(deck).title.string == t(f"trainer.handout.part.{part}.title", lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_questions_on_slides_answers_only_in_speaker_notes(built, lang):
    folder, _ = built[lang]
    for part, names in slides.parts().items():
        nb = slides.deck(part, lang)
        shown = [c.source for c in nb.cells if c.metadata.slideshow.slide_type != "notes"]
        hidden = [c.source for c in nb.cells if c.metadata.slideshow.slide_type == "notes"]
        visible_html, notes_html = _split(folder / slides.deck_name(part, lang))
        for name in names:
            questions = sources.trainer_questions(name, lang)
            assert questions, name
            for n, question in enumerate(questions, 1):
                assert sum(question in s for s in shown) == 1, (name, n)  # one question per slide
                assert _plain(question) in visible_html, (name, n)
                for kind in notes.ANSWER_PARTS:
                    text = t(notes.question_key(name, n, kind), lang)
                    assert any(text in s for s in hidden) and not any(text in s for s in shown), (name, n, kind)
                    assert _plain(text) in notes_html and _plain(text)[:40] not in visible_html, (name, n, kind)
            assert _plain(t(notes.key(name, "run"), lang))[:40] in notes_html
            assert _plain(t(notes.key(name, "run"), lang))[:40] not in visible_html
        for code in slides.role_plays(names):  # the customer's hidden objective: the trainer's eyes only
            objective = _plain(t(f"trainer.card.{code}.objective", lang))
            assert objective in notes_html and objective[:40] not in visible_html
            assert _plain(sources.role_play_title(code, lang)) in visible_html
    assert slides.role_plays(slides.parts()["during_meeting"])  # the role plays have a deck


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_outside_address_and_every_reference_is_in_the_folder(built, lang):
    folder, paths = built[lang]
    for path in paths:
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://", html), path.name
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*//""", html), path.name
        soup = _soup(path)
        refs = [tag.get("src") for tag in soup.find_all("script") if tag.get("src")]
        refs += [tag.get("href") for tag in soup.find_all("link") if tag.get("href")]
        refs += [a.get("href") for a in soup.find_all("a") if a.get("href") and not a["href"].startswith("#")]
        for script in soup.find_all("script"):
            refs += re.findall(r'"([\w./-]+\.js)"', script.string or "")
        if path.name != f"slides-{lang}.html":
            assert {
                "requirejs/require.js",
                "reveal.js/dist/reveal.js",
                "reveal.js/plugin/notes/notes.js",
                "reveal.js/dist/reveal.css",
                "reveal.js/dist/theme/white.css",
            } <= set(refs)
        for ref in refs:
            assert (folder / ref).is_file(), f"{path.name}: {ref} is not in {folder}"


def test_a_deck_that_would_fetch_from_outside_is_refused():
    nb = slides.deck("playbook", "en")
    nb.cells[2].source += "\n\n![logo](https://example.com/logo.png)"
    with pytest.raises(ValueError, match="outside address"):
        slides.export(nb, "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_edition_speaks_its_language(built, lang):
    """Share of Chinese in the visible words (a character a word, about four Latin letters a
    word). The English edition names notebooks and role-play lines with their Chinese
    original beside the English (the kit's bilingual names), so it is not zero there."""
    folder, _ = built[lang]
    counts = []
    for part in PARTS:
        visible, _notes = _split(folder / slides.deck_name(part, lang))
        counts.append((len(CJK.findall(visible)), len(LATIN.findall(visible)) / 4))
        share = counts[-1][0] / sum(counts[-1])
        if lang == "zh":
            assert share > 0.9, (part, counts[-1])
            assert '<html lang="zh-CN">' in (folder / slides.deck_name(part, lang)).read_text(encoding="utf-8")[:200]
        else:
            assert share < 0.4, (part, counts[-1])
    if lang == "en":
        assert sum(c for c, _ in counts) / sum(c + w for c, w in counts) < 0.15


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_come_from_the_executed_notebook(tmp_path, lang):
    """The figures slide shows what an executed copy recorded; without figures there is none."""
    _executed(tmp_path, lang)
    figures = notes.read_executed(["00.00-Start-Here.ipynb"], tmp_path)
    with_figures = slides.deck("preface", lang, figures)
    shown = "\n".join(c.source for c in with_figures.cells if c.metadata.slideshow.slide_type == "slide")
    assert f"| {t('figure.notebooks', lang)} | {len(sources.course_notebooks())} |" in shown
    assert f"## {t('trainer.note.figures', lang)}" not in "\n".join(
        c.source for c in slides.deck("preface", lang).cells
    )
    failed = slides.deck("preface", lang, {"00.00-Start-Here.ipynb": "CellTimeoutError: A cell timed out"})
    reason = t("trainer.note.did_not_run", lang).format(reason="CellTimeoutError: A cell timed out")
    assert [c.metadata.slideshow.slide_type for c in failed.cells if reason in c.source] == ["notes"]


def test_many_figures_take_several_slides(monkeypatch):
    rows = [(f"figure {n}", f"{n:,}") for n in range(1, 20)]
    monkeypatch.setattr(notes, "figure_rows", lambda figures, lang: rows)
    nb = slides.deck("before_meeting", "en", {"04.00-Before-The-Meeting.ipynb": {"x": 1}})
    tables = [c.source for c in nb.cells if c.metadata.slideshow.slide_type == "slide" and "| figure " in c.source]
    assert [len(re.findall(r"^\| figure \d+ \|", s, re.M)) for s in tables] == [8, 8, 3]
    assert all(f"{t('trainer.note.figures', 'en')} ({n}/3)" in s for n, s in enumerate(tables, 1))


def test_executed_copies_are_read_not_run_again(tmp_path, monkeypatch):
    monkeypatch.setattr(notes, "execute", lambda *a, **k: pytest.fail("the executed copies were run again"))
    _executed(tmp_path, "en")
    with pytest.raises(FileNotFoundError, match="02.00-Why-Receivables-Arise.ipynb"):
        slides.write("en", tmp_path / "out", executed=tmp_path)
    result = CliRunner().invoke(
        app, ["trainer", "slides", "--lang", "en", "--out", str(tmp_path / "out"), "--executed", str(tmp_path)]
    )
    assert result.exit_code == 1 and "no executed copy" in result.output
