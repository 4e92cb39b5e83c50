"""Handouts (学员讲义): a chapter summary per course part, the formula card, the case fact
sheet and each graded exercise as a printable sheet.

- **Chapter summaries**: the parts and topics of course/outline.yml (where each topic is
  taught, the notebook's title in the edition's language) and each part's key points,
  authored as texts (`trainer.handout.part.<part>.p<n>`).
- **Formula card**: DSO, best possible DSO, ADD, CEI, carrying cost and the sales needed to
  replace a bad debt: formula, meaning and a worked example whose results are computed by
  the package's own functions (`receivables.metrics.ratios`, `receivables.profit.impact`);
  the inputs are the worked examples of course/references.md or a course notebook's parameters.
- **Case fact sheet**: the case company's headline figures on the frozen case as of the date
  course/03.00 looks from, computed from the case data (`receivables.metrics`).
- **Exercise sheets**: the questions of the learner's release notebooks in exercises/ (never
  solutions/): text and rubric cells as they are, a box to write in for every answer cell.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from receivables.cases.outputs import bucket_header
from receivables.course import notebooks as nbs
from receivables.course import outline
from receivables.course.translation import ASSIGNMENT_SUFFIX
from receivables.frames import name_column
from receivables.i18n import check_lang, has, t
from receivables.metrics import ratios
from receivables.profit import impact
from receivables.trainer import render, sources

PREFIX = "trainer.handout."
FORMULA_PARTS = ("name", "formula", "meaning", "example")
#: The package function behind each formula card entry, called with the example's inputs.
FORMULAS: dict[str, Callable[..., dict[str, float | None]]] = {
    "dso": lambda ar, sales, days: {"result": ratios.dso_simple(ar, sales, days)},
    "bpdso": lambda current, sales, days: {"result": ratios.best_possible_dso(current, sales, days)},
    "add": lambda ar, current, sales, days: {
        "dso": (dso := ratios.dso_simple(ar, sales, days)),
        "bpdso": (bp := ratios.best_possible_dso(current, sales, days)),
        "result": ratios.average_days_delinquent(dso, bp),
    },
    "cei": lambda opening, sales, closing, current: {"result": ratios.cei(opening, sales, closing, current)},
    "carrying": lambda balance, annual_rate, days: {"result": float(impact.carrying_cost(balance, annual_rate, days))},
    "replace": lambda bad_debt, margin: {"result": impact.sales_to_replace_bad_debt(bad_debt, margin)},
}
#: Inputs shown as a percentage, and days (shown without decimals).
PERCENT_INPUTS = {"annual_rate", "margin"}
DAY_KEYS = {"days"}
#: What nbgrader leaves in a written answer's cell of the release.
PLACEHOLDER = "YOUR ANSWER HERE"
#: An exercise's data file is printed as a table up to this many rows.
DATA_ROWS = 40


@dataclass(frozen=True)
class HandoutData:
    parts: dict[str, int]
    formulas: dict[str, dict[str, Any]]
    case_notebook: str
    top: int


@cache
def handout_data() -> HandoutData:
    raw = yaml.safe_load((files("receivables.trainer") / "handouts.yml").read_text(encoding="utf-8"))
    return HandoutData(
        {str(k): int(v) for k, v in raw["parts"].items()},
        {str(k): dict(v) for k, v in raw["formulas"].items()},
        str(raw["case"]["notebook"]),
        int(raw["case"]["top"]),
    )


# ---------------------------------------------------------------- chapter summaries


def outline_parts(base: Path | None = None) -> dict[str, list[outline.Item]]:
    """The outline's items by part (the part's name without its seed), in outline order."""
    out: dict[str, list[outline.Item]] = {}
    for item in outline.load_items(base or sources.root()):
        out.setdefault(item.part.split("/", 1)[1], []).append(item)
    return out


def part_keys(part: str, points: int) -> list[str]:
    return [f"{PREFIX}part.{part}.title", *(f"{PREFIX}part.{part}.p{n}" for n in range(1, points + 1))]


def chapter_page(part: str, lang: str) -> str:
    items = outline_parts()[part]
    lines = [f"# {t(f'{PREFIX}part.{part}.title', lang)}", "", f"## {t(f'{PREFIX}key_points', lang)}", ""]
    lines += [f"- {t(k, lang)}" for k in part_keys(part, handout_data().parts[part])[1:]]
    lines += ["", f"## {t(f'{PREFIX}topics', lang)}", ""]
    by_notebook: dict[str, list[outline.Item]] = {}
    for item in items:
        by_notebook.setdefault(item.notebook, []).append(item)
    for notebook, found in by_notebook.items():
        lines += [f"**{sources.notebook_title(notebook, lang)}**", ""]
        lines += [f"- {item.title(lang)}" for item in found]
        lines.append("")
    lines.append(f"*{t(f'{PREFIX}notes_space', lang)}*")
    return "\n".join(lines)


def chapter_pages(lang: str) -> list[str]:
    check_lang(lang)
    return [chapter_page(part, lang) for part in handout_data().parts]


# ---------------------------------------------------------------- formula card


def _parameters(notebook: str) -> dict[str, Any]:
    nb = nbs.read(sources.notebook_path(notebook))
    return nbs.parameter_defaults(nb.cells[nbs.parameters_cells(nb)[0]].source)


def example_inputs(code: str) -> dict[str, float]:
    """The worked example's inputs: given in handouts.yml, or read from a notebook's parameters."""
    spec = dict(handout_data().formulas[code])
    notebook = spec.pop("from", None)
    if notebook is None:
        return {k: float(v) for k, v in spec.items()}
    params = _parameters(str(notebook))
    return {k: float(params[str(name)]) for k, name in spec.items()}


def worked_example(code: str) -> dict[str, float | None]:
    """Inputs and results of one formula's worked example, computed by the package."""
    inputs = example_inputs(code)
    return {**inputs, **FORMULAS[code](**inputs)}


def _shown(key: str, value: float | None, lang: str) -> str:
    if value is None:
        return t(f"{PREFIX}undefined", lang)
    if key in PERCENT_INPUTS:
        return f"{value * 100:g} %"
    if key in DAY_KEYS:
        return f"{value:,.0f}"
    if key in {"result", "dso", "bpdso"} and abs(value) < 1000:
        return f"{value:,.1f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def formula_page(lang: str) -> str:
    check_lang(lang)
    lines = [f"# {t(f'{PREFIX}formulas.title', lang)}", "", t(f"{PREFIX}formulas.intro", lang), ""]
    for code in handout_data().formulas:
        values = worked_example(code)
        shown = {k: _shown(k, v, lang) for k, v in values.items()}
        key = f"{PREFIX}formula.{code}."
        lines += [
            f"## {t(key + 'name', lang)}",
            "",
            f"> {t(key + 'formula', lang)}",
            "",
            t(key + "meaning", lang),
            "",
            f"**{t(f'{PREFIX}example', lang)}** {t(key + 'example', lang).format(**shown)}",
            "",
        ]
    lines.append(f"*{t(f'{PREFIX}formulas.source', lang)}*")
    return "\n".join(lines)


# ---------------------------------------------------------------- case fact sheet


def case_as_of() -> str:
    return str(_parameters(handout_data().case_notebook)["as_of"])


def case_facts() -> dict[str, Any]:
    """The frozen case's headline figures as of course/03.00's date, and its top customers
    by open balance (with their overdue balance), computed from the case data."""
    from receivables.metrics.prepared import PreparedLedger
    from receivables.trainer.cards import case_tables

    tables = case_tables()
    as_of = case_as_of()
    ledger = PreparedLedger(tables["invoices"], tables["payments"])
    head = ledger.summary(as_of)
    items = ledger.open_items(as_of)
    items = items.assign(overdue=items["open_amount"].where(items["days_past_due"] > 0, 0.0))
    by = items.groupby("customer_id", as_index=False).agg(
        open_balance=("open_amount", "sum"), overdue=("overdue", "sum"), invoices=("invoice_id", "count")
    )
    by = by[by["open_balance"] > 0].sort_values(["open_balance", "customer_id"], ascending=[False, True])
    names = tables["customers"].set_index("customer_id")
    top = by.head(handout_data().top).assign(
        name_zh=lambda f: f["customer_id"].map(names["name_zh"]),
        name_en=lambda f: f["customer_id"].map(names["name_en"]),
        share=lambda f: f["open_balance"] / head["open_balance"] * 100,
    )
    return {
        **head,
        "customers_open": int(len(by)),
        "customers": int(len(tables["customers"])),
        "pct_overdue": head["overdue_balance"] / head["open_balance"] * 100,
        "top": top.reset_index(drop=True),
    }


def _money(value: float) -> str:
    return f"{value:,.2f}"


def case_page(lang: str) -> str:
    check_lang(lang)
    f = case_facts()
    k = f"{PREFIX}case."
    rows = [
        ("open_balance", _money(f["open_balance"])),
        ("open_invoices", f"{f['open_invoices']:,}"),
        ("customers_open", f"{f['customers_open']} / {f['customers']}"),
        ("overdue_balance", f"{_money(f['overdue_balance'])} ({f['pct_overdue']:.1f} %)"),
        ("pct_over_90", f"{f['pct_over_90']:.1f} %"),
        ("sales_90d", _money(f["sales_90d"])),
        ("dso", f"{f['dso']:.1f}"),
        ("best_possible_dso", f"{f['best_possible_dso']:.1f}"),
        ("add", f"{f['add']:.1f}"),
    ]
    lines = [
        f"# {t(k + 'title', lang)}",
        "",
        t(k + "intro", lang).format(date=f["as_of"]),
        "",
        f"| {t(k + 'figure', lang)} | {t(k + 'value', lang)} |",
        "|---|---:|",
    ]
    lines += [f"| {t(k + name, lang)} | {value} |" for name, value in rows]
    lines += [
        "",
        f"## {t(k + 'aging', lang)}",
        "",
        f"| {t(k + 'bucket', lang)} | {t(k + 'amount', lang)} | {t(k + 'count', lang)} |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {render.cell(bucket_header(a['bucket'], lang))} | {_money(a['amount'])} | {a['count']} |"
        for a in f["aging"]
    ]
    lines += [
        "",
        f"## {t(k + 'top', lang).format(n=len(f['top']))}",
        "",
        f"| {t(k + 'customer', lang)} | {t(k + 'open_balance', lang)} | {t(k + 'share', lang)} | "
        f"{t(k + 'overdue', lang)} | {t(k + 'invoices', lang)} |",
        "|---|---:|---:|---:|---:|",
    ]
    name = name_column(lang)
    lines += [
        f"| {render.cell(getattr(r, name))} ({r.customer_id}) | {_money(r.open_balance)} | {r.share:.1f} % | "
        f"{_money(r.overdue)} | {r.invoices} |"
        for r in f["top"].itertuples()
    ]
    lines += ["", t(k + "definitions", lang), "", f"*{t(k + 'source', lang)}*"]
    return "\n".join(lines)


# ---------------------------------------------------------------- exercise sheets


def exercises(base: Path | None = None) -> list[str]:
    """The graded exercises (solutions/ folders without the Chinese twins), in order."""
    folder = (base or sources.root()) / "solutions"
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.endswith(ASSIGNMENT_SUFFIX))


def release_notebook(exercise: str, lang: str, base: Path | None = None) -> Path:
    """The learner's version: exercises/<id>[-zh]/<notebook>.ipynb (what nbgrader released)."""
    folder = (base or sources.root()) / "exercises" / sources.assignment_id(exercise, lang)
    found = sorted(folder.glob("*.ipynb"))
    if not found:
        raise FileNotFoundError(f"no released notebook in {folder} (run make release)")
    return found[0]


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def exercise_page(exercise: str, lang: str) -> str:
    """One exercise as a sheet: every text cell of the release notebook; each answer cell as
    its ✏️ line and a box to write in. Test and setup code is left out."""
    nb = nbs.read(release_notebook(exercise, lang))
    lines = [f"*{t(f'{PREFIX}exercise.head', lang).format(id=sources.assignment_id(exercise, lang))}*", ""]
    box = t(f"{PREFIX}exercise.box", lang)
    for cell in nb.cells:
        meta = _nbgrader(cell)
        if "nav" in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "markdown":
            text = cell.source.strip()
            if meta.get("solution"):  # the learner's box: nbgrader's placeholder becomes room to write
                text = text.replace(PLACEHOLDER, f"*{box}*\n\n&nbsp;\n\n&nbsp;")
            lines += [text, ""]
        elif cell.cell_type == "code" and meta.get("solution"):
            prompt = next((line.lstrip("# ").strip() for line in cell.source.splitlines() if "✏️" in line), "")
            lines += [f"**{prompt or box}**", "", f"> {t(f'{PREFIX}exercise.answer', lang)} ______________________", ""]
    lines += data_tables(release_notebook(exercise, lang).parent, lang)
    return "\n".join(lines).rstrip()


def data_tables(folder: Path, lang: str) -> list[str]:
    """The exercise's data files (CSV beside the release notebook) as tables, so the sheet
    holds what the notebook shows by running a cell. Files over DATA_ROWS rows are named only."""
    out: list[str] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        out += [f"**{t(f'{PREFIX}exercise.data', lang).format(file=path.name, n=max(len(rows) - 1, 0))}**", ""]
        if not rows or len(rows) - 1 > DATA_ROWS:
            continue
        out += ["| " + " | ".join(render.cell(c) for c in rows[0]) + " |", "|" + "---|" * len(rows[0])]
        out += ["| " + " | ".join(render.cell(c) for c in row) + " |" for row in rows[1:]]
        out.append("")
    return out


def exercise_pages(lang: str) -> list[str]:
    check_lang(lang)
    return [exercise_page(e, lang) for e in exercises()]


# ---------------------------------------------------------------- checks and files


def text_keys() -> list[str]:
    data = handout_data()
    keys = [k for part, n in data.parts.items() for k in part_keys(part, n)]
    keys += [f"{PREFIX}formula.{code}.{p}" for code in data.formulas for p in FORMULA_PARTS]
    return keys


def problems(base: Path | None = None) -> list[str]:
    """A part the outline lacks (or an outline part without a summary), a formula without its
    function, an example input a notebook no longer has, a missing text, an exercise that
    was never released."""
    data = handout_data()
    out: list[str] = []
    parts = outline_parts(base)
    out += [f"handouts: part {p!r} is not in course/outline.yml" for p in data.parts if p not in parts]
    out += [f"handouts: outline part {p!r} has no chapter summary" for p in parts if p not in data.parts]
    out += [f"handouts: formula {c!r} has no function" for c in data.formulas if c not in FORMULAS]
    for code, spec in data.formulas.items():
        if "from" in spec:
            if not sources.notebook_exists(str(spec["from"]), base):
                out.append(f"handouts: formula {code}: course/{spec['from']} does not exist")
                continue
            params = _parameters(str(spec["from"]))
            out += [
                f"handouts: formula {code}: course/{spec['from']} has no parameter {name!r}"
                for k, name in spec.items()
                if k != "from" and name not in params
            ]
    if not sources.notebook_exists(data.case_notebook, base):
        out.append(f"handouts: course/{data.case_notebook} does not exist")
    out += [f"handouts: text {k} is missing" for k in text_keys() if not has(k)]
    for e in exercises(base):
        for lang in ("en", "zh"):
            folder = (base or sources.root()) / "exercises" / sources.assignment_id(e, lang)
            if not any(folder.glob("*.ipynb")):
                out.append(f"handouts: exercise {e}: nothing released in exercises/{folder.name}")
    return out


def write(lang: str, out: Path) -> list[Path]:
    """handout-chapters, handout-formulas, handout-case and handout-exercises (-<lang>.html
    and .md) in ``out``: one page per part, per exercise; the card and the sheet one page each."""
    check_lang(lang)
    paths = render.write(out, f"handout-chapters-{lang}", t(f"{PREFIX}chapters.title", lang), chapter_pages(lang), lang)
    paths += render.write(
        out, f"handout-formulas-{lang}", t(f"{PREFIX}formulas.title", lang), [formula_page(lang)], lang
    )
    paths += render.write(out, f"handout-case-{lang}", t(f"{PREFIX}case.title", lang), [case_page(lang)], lang)
    paths += render.write(
        out, f"handout-exercises-{lang}", t(f"{PREFIX}exercise.title", lang), exercise_pages(lang), lang
    )
    return paths
