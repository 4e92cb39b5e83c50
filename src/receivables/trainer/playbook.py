"""The team playbook (团队催收话术手册): the scripts learners wrote, assembled per team.

Where the scripts are read from, never by running anything (learners' notebooks are
untrusted: they are parsed as JSON with nbformat and only their saved text is read):

- **course/07.00**, returned after it ran: its record (`receivables.course.record`) holds the
  learner's lines from the script builders of 04.01 and 06.01 (all 16 slots);
- **exercise 06** (`06-collection-scripts`, either edition): the written answers Q3 (the four
  pretexts) and Q4 (the six scenarios), read from the answer cells by their numbered headings;
- **the scripts file** itself (`my-collection-scripts.json`, the builders' saved state), as
  the room's copies hold it.

Whose file is whose follows the grading batch's rules (`receivables.grading.batch.learner_of`:
a learner's folder, or ``learner_notebook.ipynb``; a 07.00 returned under its own name is the
learner's who signed it with its `learner` parameter); teams.csv (``learner,team``) puts learners
into teams, by default one team. The playbook is grouped as the learner's own: the opening
of the meeting (the stage), the four pretexts, the six scenarios and the five communication
styles; under each slot every learner's script, with the kit's suggestion where nobody wrote one.
Written as printable HTML, Markdown and .docx (and PDF where a headless Chromium is at hand),
in Chinese or English.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from receivables.collection import conversation as conv
from receivables.collection import scripts
from receivables.course.record import recorded
from receivables.grading import batch
from receivables.i18n import check_lang, t
from receivables.trainer import render

PREFIX = "trainer.playbook."
PLAYBOOK_NOTEBOOK = "07.00-Your-Collection-Playbook.ipynb"
EXERCISE = "06-collection-scripts"
EXERCISE_NOTEBOOK = "collection-scripts.ipynb"
SCRIPTS_FILE = "my-collection-scripts.json"
#: The written answers of exercise 06: grade id of the answer cell -> the slots of its numbered items.
EXERCISE_ANSWERS = {
    "q3-answer": tuple(f"pretext.{p.code}" for p in conv.PRETEXTS),
    "q4-answer": tuple(f"scenario.{s.code}" for s in conv.SCENARIOS),
}
SOURCES = ("builder", "exercise", "file")
_ITEM = re.compile(r"^\s*\*\*\s*(\d+)\s*\.")


@dataclass(frozen=True)
class Script:
    learner: str
    source: str  # one of SOURCES
    text: str


@dataclass
class Collected:
    """The scripts found, by learner and slot, and the files that gave none (with why)."""

    lines: dict[str, dict[str, list[Script]]] = field(default_factory=dict)  # learner -> slot -> scripts
    used: list[tuple[str, str, str]] = field(default_factory=list)  # (file, learner, source)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def add(self, learner: str, source: str, lines: dict[str, str]) -> int:
        mine = self.lines.setdefault(learner, {})
        n = 0
        for key, text in lines.items():
            text = text.strip()
            if key not in scripts.SLOTS_BY_KEY or not text:
                continue
            found = mine.setdefault(key, [])
            if all(s.text != text for s in found):  # the same words from two places count once
                found.append(Script(learner, source, text))
                n += 1
        return n


def exercise_lines(nb) -> dict[str, str]:
    """Exercise 06's written scripts by slot: each answer cell's numbered items (``**1. …**``)
    in order; nbgrader's placeholder and empty items are no script."""
    out: dict[str, str] = {}
    for cell in nb.cells:
        slots = EXERCISE_ANSWERS.get(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", ""))
        if slots is None or cell.get("cell_type") != "markdown":
            continue
        number, body = None, {}
        for line in cell.source.splitlines():
            item = _ITEM.match(line)
            if item:
                number = int(item[1])
                body[number] = []
            elif number is not None:
                body[number].append(line)
        for n, lines in body.items():
            text = "\n".join(lines).replace("YOUR ANSWER HERE", "").strip()
            if 1 <= n <= len(slots) and text:
                out[slots[n - 1]] = text
    return out


def builder_lines(nb) -> dict[str, str] | None:
    """The script builders' lines as 07.00 recorded them (None: not a run 07.00)."""
    try:
        found = recorded(nb)
    except LookupError:
        return None
    lines = found.get("lines")
    if not isinstance(lines, dict):
        return None
    return {str(k): v for k, v in lines.items() if isinstance(v, str)}


def _is_exercise(nb) -> bool:
    ids = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells}
    return set(EXERCISE_ANSWERS) <= ids


def _scripts_file(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != scripts.FORMAT or not isinstance(data.get("lines"), dict):
        return None
    return {str(k): v for k, v in data["lines"].items() if isinstance(v, str)}


@contextmanager
def returned_folder(returned: Path) -> Iterator[Path]:
    """The returned folder, or a zip unpacked (safely, as the grading batch does) into a temporary one."""
    if returned.is_dir():
        yield returned
        return
    if returned.suffix.lower() != ".zip" or not returned.is_file():
        raise FileNotFoundError(f"{returned}: neither a folder nor a .zip file")
    with tempfile.TemporaryDirectory(prefix="team-playbook-") as tmp:
        yield batch._extract(returned, Path(tmp))


def collect(returned: Path | Sequence[Path], owners: Mapping[Path, str] | None = None) -> Collected:
    """Every learner's scripts in the returned folders or zips (nothing is executed).
    ``owners``: folders whose every file is one learner's (a room's workbooks)."""
    out = Collected()
    for source in [returned] if isinstance(returned, (str, Path)) else returned:
        _collect_one(Path(source), (owners or {}).get(Path(source)), out)
    return out


def _collect_one(returned: Path, owner: str | None, out: Collected) -> None:
    with returned_folder(returned) as folder:
        for path in batch._returned_files(folder):
            rel = path.relative_to(folder)
            shown = (Path(returned.name) / rel).as_posix() if owner else rel.as_posix()
            suffix, signed = path.suffix.lower(), ""
            if suffix == ".json":
                lines = _scripts_file(path)
                if lines is None:
                    out.skipped.append((shown, "not a scripts file of this kit"))
                    continue
                kind, name = "file", SCRIPTS_FILE
            elif suffix == ".ipynb":
                nb, why = batch.read_submission(path)
                if nb is None:
                    out.skipped.append((shown, why))
                    continue
                if _is_exercise(nb):
                    kind, name, lines = "exercise", EXERCISE_NOTEBOOK, exercise_lines(nb)
                else:
                    found = builder_lines(nb)
                    if found is None:
                        if not owner:  # a workbook holds every course notebook: only the ones with scripts count
                            out.skipped.append((shown, "holds no scripts (neither exercise 06 nor a run of 07.00)"))
                        continue
                    kind, name, lines = "builder", PLAYBOOK_NOTEBOOK, found
                    signed = str(recorded(nb).get("learner") or "").strip()
            else:
                continue
            learner = owner or batch.learner_of(rel, name)
            if learner is None and kind == "builder" and signed:  # 07.00 as it is named, signed with `learner`
                learner = batch._slug(signed)
            if learner is None:
                out.skipped.append(
                    (shown, "cannot tell whose file this is (name it learner_file or put it in the learner's folder)")
                )
                continue
            out.add(learner, kind, lines)
            out.used.append((shown, learner, kind))


def room_sources(room: Path) -> tuple[list[Path], dict[Path, str]]:
    """A workshop room's copies (`receivables room start`): each learner's workbook
    (~/workbook: 07.00 and the scripts file) and the trainer's collected submissions
    (~/course/submitted/<learner>/: exercise 06), from the room's hub/room.json."""
    import pwd

    settings_file = room / "hub" / "room.json"
    if not settings_file.is_file():
        raise FileNotFoundError(f"{settings_file}: no room there (started with `make room`?)")
    settings = json.loads(settings_file.read_text(encoding="utf-8"))
    sources: list[Path] = []
    owners: dict[Path, str] = {}
    for learner in settings.get("learners", []):
        try:
            workbook = Path(pwd.getpwnam(learner).pw_dir) / "workbook"
        except KeyError:
            continue  # removed since
        if workbook.is_dir():
            sources.append(workbook)
            owners[workbook] = batch._slug(learner)
    trainer = settings.get("trainer")
    if trainer:
        with suppress(KeyError):
            submitted = Path(pwd.getpwnam(trainer).pw_dir) / "course" / "submitted"
            if submitted.is_dir():
                sources.append(submitted)
    return sources, owners


def read_teams(path: Path | None) -> dict[str, str]:
    """learner -> team from a CSV with columns learner and team (learner names as the files name them)."""
    if path is None:
        return {}
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    if rows and not {"learner", "team"} <= {(k or "").strip().lower() for k in rows[0]}:
        raise ValueError(f"{path}: teams.csv needs the columns learner and team")
    out = {}
    for row in rows:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if row.get("learner") and row.get("team"):
            out[batch._slug(row["learner"])] = row["team"]
    return out


def teams_of(found: Collected, teams: dict[str, str], lang: str) -> dict[str, list[str]]:
    """team -> its learners (sorted); without teams.csv one team; a learner the CSV lacks
    goes to a team of their own name's "no team" group."""
    out: dict[str, list[str]] = {}
    for learner in sorted(found.lines):
        if teams:
            team = teams.get(learner, t(f"{PREFIX}no_team", lang))
        else:
            team = t(f"{PREFIX}one_team", lang)
        out.setdefault(team, []).append(learner)
    for team in sorted(set(teams.values()) - set(out)):
        out[team] = []
    return dict(sorted(out.items()))


def _sections(
    found: Collected, learners: list[str], lang: str
) -> list[tuple[str, list[tuple[scripts.Slot, list[Script]]]]]:
    return [
        (
            scripts.section_title(section, lang),
            [
                (slot, [s for learner in learners for s in found.lines.get(learner, {}).get(slot.key, [])])
                for slot in scripts.slots([section])
            ],
        )
        for section in scripts.SECTIONS
    ]


def written_slots(found: Collected, learners: list[str]) -> int:
    return sum(1 for slot in scripts.SLOTS if any(found.lines.get(x, {}).get(slot.key) for x in learners))


_MARKUP = re.compile(r"([\\`*_{}\[\]()<>#+!|~-])")


def literal(text: str) -> str:
    """A learner's words as Markdown that shows them as typed: every markup character
    escaped, so no link, image or tag a learner writes becomes one (the page stays offline)."""
    return _MARKUP.sub(r"\\\1", text)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.split("\n"))


def pages(team: str, learners: list[str], found: Collected, lang: str) -> list[str]:
    """The team's playbook in Markdown: a cover, then one page per section."""
    check_lang(lang)
    cover = [
        f"# {t(f'{PREFIX}title', lang).format(team=literal(team))}",
        "",
        t(f"{PREFIX}intro", lang),
        "",
        f"**{t(f'{PREFIX}members', lang)}** {literal(render.cell(', '.join(learners) or '—'))}",
        "",
        f"**{t(f'{PREFIX}count', lang).format(n=written_slots(found, learners), total=len(scripts.SLOTS))}**",
    ]
    out = ["\n".join(cover)]
    for title, slots in _sections(found, learners, lang):
        lines = [f"## {title}", ""]
        for slot, written in slots:
            lines += [
                f"### {slot.label(lang)}",
                "",
                f"*{t(f'{PREFIX}situation', lang)}{conv.pick(slot.prompt, lang)}*",
                "",
            ]
            for s in written:
                lines += [
                    f"**{t(f'{PREFIX}by', lang).format(learner=literal(s.learner), source=t(f'{PREFIX}source.{s.source}', lang))}**",
                    "",
                    _quote(literal(s.text)),
                    "",
                ]
            if not written:
                lines += [f"**{t(f'{PREFIX}none', lang)}**", "", _quote(conv.pick(slot.suggestion, lang)), ""]
        out.append("\n".join(lines))
    return out


def _slug(team: str) -> str:
    slug = re.sub(r"[^\w.-]+", "-", team.strip(), flags=re.UNICODE).strip("-.")
    return slug or "team"


def write_docx(path: Path, team: str, learners: list[str], found: Collected, lang: str) -> Path:
    """The team's playbook as a Word document (python-docx), East Asian font set for Chinese."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Microsoft YaHei" if lang == "zh" else "Calibri"
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "Microsoft YaHei")
    doc.core_properties.title = t(f"{PREFIX}title", lang).format(team=team)
    doc.core_properties.language = "zh-CN" if lang == "zh" else "en"
    doc.add_heading(t(f"{PREFIX}title", lang).format(team=team), level=0)
    doc.add_paragraph(t(f"{PREFIX}intro", lang))
    members = doc.add_paragraph()
    members.add_run(t(f"{PREFIX}members", lang) + " ").bold = True
    members.add_run(", ".join(learners) or "—")
    doc.add_paragraph().add_run(
        t(f"{PREFIX}count", lang).format(n=written_slots(found, learners), total=len(scripts.SLOTS))
    ).bold = True
    for title, slots in _sections(found, learners, lang):
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading(title, level=1)
        for slot, written in slots:
            doc.add_heading(slot.label(lang), level=2)
            doc.add_paragraph().add_run(t(f"{PREFIX}situation", lang) + conv.pick(slot.prompt, lang)).italic = True
            for s in written:
                doc.add_paragraph().add_run(
                    t(f"{PREFIX}by", lang).format(learner=s.learner, source=t(f"{PREFIX}source.{s.source}", lang))
                ).bold = True
                doc.add_paragraph(s.text, style="Quote")
            if not written:
                doc.add_paragraph().add_run(t(f"{PREFIX}none", lang)).bold = True
                doc.add_paragraph(conv.pick(slot.suggestion, lang), style="Quote")
    doc.save(str(path))
    return path


@dataclass(frozen=True)
class Written:
    paths: list[Path]
    collected: Collected
    teams: dict[str, list[str]]
    unteamed: list[str]  # learners with scripts whom teams.csv does not name


def write(
    returned: Path | Sequence[Path],
    lang: str,
    out: Path,
    teams_csv: Path | None = None,
    pdf: bool = False,
    owners: Mapping[Path, str] | None = None,
) -> Written:
    """team-playbook-<team>-<lang>.html, .md and .docx per team in ``out``, and .pdf with
    ``pdf`` (headless Chromium, `receivables.trainer.pdf`; RuntimeError without one)."""
    check_lang(lang)
    found = collect(returned, owners)
    named = read_teams(teams_csv)
    teams = teams_of(found, named, lang)
    paths: list[Path] = []
    for team, learners in teams.items():
        stem = f"team-playbook-{_slug(team)}-{lang}"
        paths += render.write(
            out, stem, t(f"{PREFIX}title", lang).format(team=team), pages(team, learners, found, lang), lang
        )
        paths.append(write_docx(out / f"{stem}.docx", team, learners, found, lang))
        if pdf:
            from receivables.trainer.pdf import print_pdf

            paths.append(print_pdf(out / f"{stem}.html", out / f"{stem}.pdf"))
    unteamed = sorted(x for x in found.lines if named and x not in named)
    return Written(paths, found, teams, unteamed)
