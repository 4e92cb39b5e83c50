"""Timed agendas of the 1-day (6 h) and 2-day (12 h) workshop (课程安排).

The structure is data (`agenda.yml`: blocks with minutes, cuttable minutes and what each
uses); the words are texts (`trainer.block.<id>.title|plan|cut`, `trainer.agenda.*`).
`problems()` names every reference that no longer exists and every day whose minutes do
not add up; `pages()` lays an agenda out with clock times, in Markdown for `render`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml

from receivables.i18n import check_lang, has, t
from receivables.trainer import render, sources

DAYS = (1, 2)
KINDS = ("session", "break")


@dataclass(frozen=True)
class Block:
    id: str
    kind: str
    minutes: int
    cut: int
    notebooks: tuple[str, ...]
    exercises: tuple[str, ...]
    role_plays: tuple[str, ...]
    discussions: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The text keys of the block: a break has a title only."""
        parts = ("title",) if self.kind == "break" else ("title", "plan", "cut")
        return tuple(f"trainer.block.{self.id}.{p}" for p in parts)


@dataclass(frozen=True)
class Day:
    blocks: tuple[Block, ...]
    lunch_after: str | None

    @property
    def minutes(self) -> int:
        return sum(b.minutes for b in self.blocks)


@dataclass(frozen=True)
class Agenda:
    days: int
    day_list: tuple[Day, ...]
    homework: tuple[str, ...]
    day_minutes: int
    start: str
    lunch_minutes: int

    @property
    def minutes(self) -> int:
        return sum(d.minutes for d in self.day_list)

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for d in self.day_list for b in d.blocks)

    def blocks_with(self, notebook: str) -> list[tuple[int, Block]]:
        """(day number, block) of every block that uses ``notebook``."""
        return [(i, b) for i, d in enumerate(self.day_list, 1) for b in d.blocks if notebook in b.notebooks]


def _block(raw: dict) -> Block:
    unknown = set(raw) - {"id", "kind", "minutes", "cut", "notebooks", "exercises", "role_plays", "discussions"}
    if unknown:
        raise ValueError(f"agenda block {raw.get('id')!r}: unknown field(s) {sorted(unknown)}")
    return Block(
        str(raw["id"]),
        str(raw.get("kind", "session")),
        int(raw["minutes"]),
        int(raw.get("cut", 0)),
        *(tuple(str(x) for x in raw.get(k, ())) for k in ("notebooks", "exercises", "role_plays", "discussions")),
    )


def parse(data: dict) -> dict[int, Agenda]:
    out = {}
    for days, raw in data["agendas"].items():
        day_list = tuple(Day(tuple(_block(b) for b in d["blocks"]), d.get("lunch_after")) for d in raw["days"])
        out[int(days)] = Agenda(
            int(days),
            day_list,
            tuple(raw.get("homework", ())),
            int(data["day_minutes"]),
            str(data["start"]),
            int(data["lunch_minutes"]),
        )
    return out


@cache
def agendas() -> dict[int, Agenda]:
    """Both agendas from the package's agenda.yml, by number of days."""
    text = (files("receivables.trainer") / "agenda.yml").read_text(encoding="utf-8")
    return parse(yaml.safe_load(text))


def agenda(days: int) -> Agenda:
    if days not in agendas():
        raise ValueError(f"there is an agenda for {', '.join(map(str, agendas()))} days, not {days}")
    return agendas()[days]


def problems(found: dict[int, Agenda] | None = None, base: Path | None = None) -> list[str]:
    """What is wrong with the agendas: a notebook, exercise or role play that does not exist,
    a discussion of a notebook without a trainer block, a day whose minutes do not add up,
    a block that cannot be cut as it says, a text that is missing."""
    found = agendas() if found is None else found
    out: list[str] = []
    if sorted(found) != list(DAYS):
        out.append(f"agendas for {sorted(found)} days; the workshop has {list(DAYS)}")
    for days, ag in found.items():
        where = f"agenda {days} day(s)"
        if ag.minutes != ag.day_minutes * days:
            out.append(f"{where}: {ag.minutes} minutes, not {ag.day_minutes * days}")
        if len(ag.day_list) != days:
            out.append(f"{where}: {len(ag.day_list)} days listed")
        for i, day in enumerate(ag.day_list, 1):
            if day.minutes != ag.day_minutes:
                out.append(f"{where}, day {i}: {day.minutes} minutes, not {ag.day_minutes}")
            if day.lunch_after is not None and day.lunch_after not in {b.id for b in day.blocks}:
                out.append(f"{where}, day {i}: lunch after {day.lunch_after!r}, which is no block of the day")
        sessions = [b.id for b in ag.blocks if b.kind == "session"]
        out += [f"{where}: block id {i!r} used twice" for i in sorted({i for i in sessions if sessions.count(i) > 1})]
        for b in ag.blocks:
            at = f"{where}, block {b.id}"
            if b.kind not in KINDS:
                out.append(f"{at}: kind {b.kind!r} is not one of {KINDS}")
            if b.minutes <= 0 or not 0 <= b.cut < b.minutes:
                out.append(f"{at}: {b.minutes} minutes with {b.cut} to cut")
            if b.kind == "break" and (b.cut or b.notebooks or b.exercises or b.role_plays or b.discussions):
                out.append(f"{at}: a break uses nothing and cannot be cut")
            out += [
                f"{at}: notebook course/{n} does not exist" for n in b.notebooks if not sources.notebook_exists(n, base)
            ]
            out += [
                f"{at}: exercise {e} does not exist in solutions/ (both editions)"
                for e in b.exercises
                if not sources.exercise_exists(e, base)
            ]
            out += [f"{at}: role play {r!r} does not exist" for r in b.role_plays if not sources.role_play_exists(r)]
            out += [
                f'{at}: discussion of course/{n}, which has no "For the trainer" block'
                for n in b.discussions
                if not sources.has_trainer_block(n, base)
            ]
            out += [f"{at}: text {k} is missing" for k in b.keys if not has(k)]
        out += [
            f"{where}: homework exercise {e} does not exist in solutions/ (both editions)"
            for e in ag.homework
            if not sources.exercise_exists(e, base)
        ]
    return out


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule(ag: Agenda) -> list[list[tuple[str, str, Block | None]]]:
    """Per day, (start, end, block) rows with clock times; lunch is a row with block None."""
    h, m = map(int, ag.start.split(":"))
    out = []
    for day in ag.day_list:
        now, rows = h * 60 + m, []
        for b in day.blocks:
            rows.append((_clock(now), _clock(now + b.minutes), b))
            now += b.minutes
            if b.id == day.lunch_after:
                rows.append((_clock(now), _clock(now + ag.lunch_minutes), None))
                now += ag.lunch_minutes
        out.append(rows)
    return out


def timed_blocks(notebooks: Iterable[str]) -> Iterator[tuple[int, int, str, str, Block]]:
    """(agenda's days, day, start, end, block) of every block of both agendas that uses any
    of ``notebooks``, in the agendas' order, with clock times."""
    wanted = set(notebooks)
    for days in DAYS:
        for day, rows in enumerate(schedule(agenda(days)), 1):
            for start, end, block in rows:
                if block is not None and wanted & set(block.notebooks):
                    yield days, day, start, end, block


def _uses(b: Block, lang: str) -> list[str]:
    found = (
        ("notebooks", [sources.notebook_title(n, lang) for n in b.notebooks]),
        ("exercises", [sources.exercise_title(e, lang) for e in b.exercises]),
        ("role_plays", [sources.role_play_title(r, lang) for r in b.role_plays]),
        ("discussions", [sources.notebook_title(n, lang) for n in b.discussions]),
    )
    return [
        t("trainer.agenda.uses", lang).format(
            label=t(f"trainer.agenda.{key}", lang), items=t("trainer.agenda.and", lang).join(items)
        )
        for key, items in found
        if items
    ]


def pages(days: int, lang: str = "en") -> list[str]:
    """The agenda in Markdown, one page per workshop day."""
    check_lang(lang)
    ag = agenda(days)
    title = t(f"trainer.agenda.title_{days}", lang)
    out = []
    for i, rows in enumerate(schedule(ag), 1):
        day = ag.day_list[i - 1]
        cut = sum(b.cut for b in day.blocks)
        head = [f"# {title}", ""] if i == 1 else []
        if i == 1:
            head += [
                t("trainer.agenda.intro", lang).format(
                    minutes=ag.day_minutes, hours=ag.day_minutes / 60, days=days, lunch=ag.lunch_minutes
                ),
                "",
            ]
        head += [
            f"## {t('trainer.agenda.day', lang).format(day=i)}",
            "",
            t("trainer.agenda.day_sum", lang).format(minutes=day.minutes, cut=cut, least=day.minutes - cut),
            "",
            f"| {t('trainer.agenda.time', lang)} | {t('trainer.agenda.minutes', lang)} | "
            f"{t('trainer.agenda.block', lang)} | {t('trainer.agenda.cut', lang)} |",
            "|---|---:|---|---:|",
        ]
        for start, end, b in rows:
            if b is None:
                head.append(f"| {start}–{end} | ({ag.lunch_minutes}) | *{t('trainer.agenda.lunch', lang)}* | |")
            else:
                head.append(f"| {start}–{end} | {b.minutes} | {render.cell(t(b.keys[0], lang))} | {b.cut or ''} |")
        head.append("")
        for start, end, b in rows:
            if b is None or b.kind == "break":
                continue
            head += [
                "### "
                + t("trainer.agenda.block_head", lang).format(
                    start=start, end=end, title=t(b.keys[0], lang), minutes=b.minutes
                ),
                "",
                t(b.keys[1], lang),
                "",
            ]
            head += [f"- {line}" for line in _uses(b, lang)]
            if b.cut:
                head.append(f"- **{t('trainer.agenda.if_short', lang).format(n=b.cut)}** {t(b.keys[2], lang)}")
            head.append("")
        out.append("\n".join(head))
    if ag.homework:
        out[-1] += "\n\n" + "\n".join(
            [
                f"## {t('trainer.agenda.homework', lang)}",
                "",
                t("trainer.agenda.homework_note", lang),
                "",
                *[f"- {sources.exercise_title(e, lang)}" for e in ag.homework],
            ]
        )
    return out


def write(days: int, lang: str, out: Path) -> list[Path]:
    """agenda-<days>day-<lang>.html and .md in ``out``."""
    return render.write(
        out, f"agenda-{days}day-{lang}", t(f"trainer.agenda.title_{days}", lang), pages(days, lang), lang
    )
