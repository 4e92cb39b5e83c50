"""The team playbook: scripts read from returned notebooks without running them, per team,
grouped by section, as HTML, Markdown and .docx in both languages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import nbformat
import pytest
from docx import Document
from typer.testing import CliRunner

from receivables.cli import app
from receivables.collection import scripts
from receivables.course.record import MIME
from receivables.i18n import t
from receivables.trainer import handouts, playbook, sources
from receivables.trainer.pdf import find_chromium, print_pdf

PLACEHOLDER = "YOUR ANSWER HERE"


def exercise_returned(lang: str, answers: list[str], tail_code: str = "") -> nbformat.NotebookNode:
    """The learner's exercise 06 (the release) with the written answers filled in, in order."""
    nb = nbformat.read(handouts.release_notebook(playbook.EXERCISE, lang), as_version=4)
    left = list(answers)
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") in playbook.EXERCISE_ANSWERS:
            while PLACEHOLDER in cell.source and left:
                cell.source = cell.source.replace(PLACEHOLDER, left.pop(0), 1)
    if tail_code:
        nb.cells.append(nbformat.v4.new_code_cell(tail_code))
    return nb


def builder_returned(lines: dict[str, str], learner: str = "") -> nbformat.NotebookNode:
    """course/07.00 as it comes back after a run: its record cell's output holds the lines."""
    nb = nbformat.read(sources.notebook_path(playbook.PLAYBOOK_NOTEBOOK), as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "record")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={MIME: {"lang": "en", "learner": learner, "lines": lines}, "text/plain": ""}
        )
    ]
    return nb


PRETEXTS = [f"pretext {i}: I hear you, which invoice, I send it today." for i in range(1, 5)]
SCENARIOS = [f"scenario {i}: 50,000 on 15 May, confirmed in writing." for i in range(1, 7)]


@pytest.fixture
def room(tmp_path):
    folder = tmp_path / "returned"
    (folder / "li-si").mkdir(parents=True)
    marker = tmp_path / "EXECUTED"
    nbformat.write(
        exercise_returned("en", PRETEXTS + SCENARIOS, f"open({str(marker)!r}, 'w').write('ran')"),
        folder / "zhang-san_collection-scripts.ipynb",
    )
    nbformat.write(
        exercise_returned("zh", ["没钱的话术：我理解，先付一部分，下周五前书面确认。"]),
        folder / "li-si" / "collection-scripts.ipynb",
    )
    nbformat.write(
        builder_returned(
            {
                "style.empathy": "Zhang's empathy line.",
                "opening.meeting": "Zhang opens.",
                "pretext.no_money": PRETEXTS[0],
            }
        ),
        folder / "zhang-san_07.00-Your-Collection-Playbook.ipynb",
    )
    (folder / "wang-wu").mkdir()
    scripts.save_lines(folder / "wang-wu" / playbook.SCRIPTS_FILE, {"scenario.angry": "Wang lets him finish first."})
    (folder / "notes.ipynb").write_text("{not json", encoding="utf-8")
    teams = tmp_path / "teams.csv"
    teams.write_text("learner,team\nzhang-san,Team North\nli-si,Team North\nwang-wu,Team South\n", encoding="utf-8")
    return folder, teams, marker


def test_scripts_are_read_per_learner_without_running_anything(room):
    folder, _, marker = room
    found = playbook.collect(folder)
    assert not marker.exists()  # the learner's code cell was never run
    assert set(found.lines) == {"zhang-san", "li-si", "wang-wu"}
    zhang = found.lines["zhang-san"]
    for p, text in zip(playbook.EXERCISE_ANSWERS["q3-answer"], PRETEXTS, strict=True):
        assert [s.text for s in zhang[p]] == [text]  # the same words from the builder count once
    for s, text in zip(playbook.EXERCISE_ANSWERS["q4-answer"], SCENARIOS, strict=True):
        assert zhang[s][0].text == text and zhang[s][0].source == "exercise"
    assert zhang["style.empathy"][0].source == "builder"
    assert set(found.lines["li-si"]) == {"pretext.no_money"}  # the placeholders left are no script
    assert found.lines["wang-wu"]["scenario.angry"][0].source == "file"
    assert [r for f, r in found.skipped if f == "notes.ipynb"][0].startswith("not a valid notebook")


def test_an_unanswered_exercise_gives_no_script():
    assert playbook.exercise_lines(exercise_returned("en", [])) == {}


def test_the_real_07_00_records_the_lines(tmp_path):
    """07.00 run with a scripts file: its record carries the lines the playbook reads."""
    lines = {
        "style.deadline": "Friday is the payment run: can we put it in?",
        "scenario.threat": "Let us keep working.",
    }
    scripts.save_lines(tmp_path / "mine.json", lines)
    source = sources.notebook_path(playbook.PLAYBOOK_NOTEBOOK)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "receivables.kernels",
            str(source),
            str(tmp_path / "ran.ipynb"),
            "--cwd",
            str(tmp_path),
            "-p",
            "scripts_file",
            "mine.json",
            "-p",
            "learner",
            "Zhao Liu",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    nb = nbformat.read(tmp_path / "ran.ipynb", as_version=4)
    assert playbook.builder_lines(nb) == lines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_writes_one_playbook_per_team(room, tmp_path, lang):
    folder, teams, _ = room
    zipped = tmp_path / "returned.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        for path in folder.rglob("*"):
            zf.write(path, path.relative_to(folder).as_posix())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["trainer", "playbook", "--returned", str(zipped), "--teams", str(teams), "--lang", lang, "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    north = (out / f"team-playbook-Team-North-{lang}.md").read_text(encoding="utf-8")
    south = (out / f"team-playbook-Team-South-{lang}.md").read_text(encoding="utf-8")
    assert SCENARIOS[3] in north and "没钱的话术" in north and "Wang lets him finish" not in north
    assert "Wang lets him finish" in south and PRETEXTS[0] not in south
    for section in scripts.SECTIONS:
        assert f"## {scripts.section_title(section, lang)}" in north
    assert north.index(PRETEXTS[0]) < north.index(SCENARIOS[0]) < north.index("Zhang's empathy line.")
    assert t("trainer.playbook.count", lang).format(n=12, total=len(scripts.SLOTS)) in north
    html = (out / f"team-playbook-Team-North-{lang}.html").read_text(encoding="utf-8")
    assert html.count('<section class="page">') == 1 + len(scripts.SECTIONS)
    doc = Document(str(out / f"team-playbook-Team-North-{lang}.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert SCENARIOS[5] in text and "Zhang opens." in text
    assert t("trainer.playbook.title", lang).format(team="Team North") in text
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [scripts.section_title(s, lang) for s in scripts.SECTIONS]
    if lang == "zh":
        assert "面谈开场" in text and "Team playbook" not in text
    assert "skipped notes.ipynb" in result.output
    if find_chromium() is not None:  # the kit's browser tests install Debian's chromium
        pdf = (out / f"team-playbook-Team-North-{lang}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
        if lang == "zh":  # Chromium embedded a CJK face for the Chinese text
            assert re.search(rb"/FontName\s*/[A-Z]{6}\+\w*(CJK|Hei|Song|Kai|Ming)", pdf)


def test_no_pdf_without_chromium(room, tmp_path, monkeypatch):
    folder, _, _ = room
    monkeypatch.setenv("RECEIVABLES_CHROMIUM", "no-such-browser")
    assert find_chromium() is None
    with pytest.raises(RuntimeError, match="no Chromium"):
        print_pdf(tmp_path / "a.html", tmp_path / "a.pdf")
    result = CliRunner().invoke(
        app, ["trainer", "playbook", "--returned", str(folder), "--lang", "en", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert not list((tmp_path / "out").glob("*.pdf")) and list((tmp_path / "out").glob("*.docx"))


def test_without_teams_one_playbook_for_the_room(room, tmp_path):
    folder, _, _ = room
    done = playbook.write(folder, "en", tmp_path / "out")
    assert list(done.teams) == [t("trainer.playbook.one_team", "en")]
    md = [p for p in done.paths if p.suffix == ".md"]
    assert len(md) == 1
    text = md[0].read_text(encoding="utf-8")
    assert "Wang lets him finish" in text and SCENARIOS[0] in text
    # a slot nobody wrote shows the kit's suggestion, marked as such
    assert t("trainer.playbook.none", "en") in text


def test_a_learner_missing_from_teams_csv_is_named(room, tmp_path):
    folder, teams, _ = room
    teams.write_text("learner,team\nzhang-san,A\n", encoding="utf-8")
    done = playbook.write(folder, "en", tmp_path / "out", teams)
    assert done.unteamed == ["li-si", "wang-wu"]
    assert done.teams[t("trainer.playbook.no_team", "en")] == ["li-si", "wang-wu"]


def test_a_scripts_file_of_another_kind_is_skipped(tmp_path):
    (tmp_path / "a_data.json").write_text(json.dumps({"lines": {"x": "y"}}), encoding="utf-8")
    found = playbook.collect(tmp_path)
    assert found.lines == {} and found.skipped == [("a_data.json", "not a scripts file of this kit")]


def test_a_learners_markup_stays_text(tmp_path):
    """Links, images and tags a learner types are shown as typed, never fetched."""
    (tmp_path / "zhao").mkdir()
    words = "See [our terms](https://example.com/t) ![x](http://example.com/x.png) <b>now</b> *really* 100-200 #1"
    scripts.save_lines(tmp_path / "zhao" / playbook.SCRIPTS_FILE, {"scenario.threat": words})
    teams = tmp_path / "teams.csv"
    teams.write_text("learner,team\nzhao,<b>[Blue](http://x)</b>\n", encoding="utf-8")
    done = playbook.write(tmp_path, "en", tmp_path / "out", teams)
    html = next(p for p in done.paths if p.suffix == ".html").read_text(encoding="utf-8")
    assert "<img" not in html and "<b>now" not in html and 'href="http' not in html
    assert (
        "See [our terms](https://example.com/t) ![x](http://example.com/x.png) &lt;b&gt;now&lt;/b&gt; *really* 100-200 #1"
        in html
    )


def test_07_00_under_its_own_name_belongs_to_who_signed_it(tmp_path):
    nbformat.write(
        builder_returned({"style.help": "Could you help me?"}, learner="Zhao Liu"),
        tmp_path / playbook.PLAYBOOK_NOTEBOOK,
    )
    found = playbook.collect(tmp_path)
    assert found.lines["zhao-liu"]["style.help"][0].text == "Could you help me?"
    nbformat.write(builder_returned({"style.help": "Unsigned."}), tmp_path / playbook.PLAYBOOK_NOTEBOOK)
    found = playbook.collect(tmp_path)
    assert found.lines == {} and found.skipped[0][1].startswith("cannot tell whose file this is")


def test_several_returned_sources_join_per_learner(room, tmp_path):
    """--returned given twice: the 07.00 runs from one folder and exercise 06 from a zip."""
    folder, teams, _ = room
    second = tmp_path / "second"
    (second / "zhang-san").mkdir(parents=True)
    nbformat.write(
        builder_returned({"scenario.threat": "Zhang keeps calm and names the contract."}),
        second / "zhang-san" / "07.00-Your-Collection-Playbook.ipynb",
    )
    archive = tmp_path / "second.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in second.rglob("*.ipynb"):
            zf.write(path, path.relative_to(second).as_posix())
    result = CliRunner().invoke(
        app,
        [
            "trainer",
            "playbook",
            "--returned",
            str(folder),
            "--returned",
            str(archive),
            "--teams",
            str(teams),
            "--lang",
            "en",
            "--out",
            str(tmp_path / "out"),
            "--no-pdf",
        ],
    )
    assert result.exit_code == 0, result.output
    north = (tmp_path / "out" / "team-playbook-Team-North-en.md").read_text(encoding="utf-8")
    assert "names the contract" in north and "Zhang opens." in north and SCENARIOS[0] in north


def test_a_rooms_workbooks_and_collected_submissions(tmp_path, monkeypatch):
    """--room: each learner's ~/workbook (every course notebook, 07.00 run, the scripts file) is
    that learner's whatever the file names; the trainer's ~/course/submitted adds exercise 06."""
    import pwd
    from types import SimpleNamespace

    homes = {name: tmp_path / "home" / name for name in ("lina", "wangfang", "zhang")}
    room_dir = tmp_path / "room"
    (room_dir / "hub").mkdir(parents=True)
    (room_dir / "hub" / "room.json").write_text(
        json.dumps({"learners": ["lina", "wangfang", "gone"], "trainer": "zhang"}), encoding="utf-8"
    )
    real = pwd.getpwnam

    def getpwnam(name):
        if name in homes:
            return SimpleNamespace(pw_dir=str(homes[name]))
        if name == "gone":
            raise KeyError(name)
        return real(name)

    monkeypatch.setattr(pwd, "getpwnam", getpwnam)
    lina = homes["lina"] / "workbook" / "course" / "zh"
    lina.mkdir(parents=True)
    nbformat.write(builder_returned({"opening.meeting": "丽娜的开场白。"}), lina / playbook.PLAYBOOK_NOTEBOOK)
    nbformat.write(
        nbformat.read(sources.notebook_path("00.00-Start-Here.ipynb"), as_version=4), lina / "00.00-Start-Here.ipynb"
    )  # no scripts: not reported, a workbook holds many
    wang = homes["wangfang"] / "workbook" / "course" / "zh"
    wang.mkdir(parents=True)
    scripts.save_lines(wang / playbook.SCRIPTS_FILE, {"scenario.angry": "王芳先让他说完。"})
    submitted = homes["zhang"] / "course" / "submitted" / "lina" / "06-collection-scripts-zh"
    submitted.mkdir(parents=True)
    nbformat.write(exercise_returned("zh", ["丽娜：没钱的话术，先付一部分。"]), submitted / "collection-scripts.ipynb")
    sources_found, owners = playbook.room_sources(room_dir)
    assert sources_found == [
        homes["lina"] / "workbook",
        homes["wangfang"] / "workbook",
        homes["zhang"] / "course" / "submitted",
    ]
    done = playbook.write(sources_found, "zh", tmp_path / "out", owners=owners)
    assert sorted(done.collected.lines) == ["lina", "wangfang"]
    assert {source for _, learner, source in done.collected.used if learner == "lina"} == {"builder", "exercise"}
    assert done.collected.skipped == []
    text = next(p for p in done.paths if p.suffix == ".md").read_text(encoding="utf-8")
    assert "丽娜的开场白。" in text and "王芳先让他说完。" in text and "先付一部分" in text
    with pytest.raises(FileNotFoundError, match="no room there"):
        playbook.room_sources(tmp_path)
