"""The learner bundle (`receivables bundle --learner --out FILE.zip`): what learners get.

In: course/, cases/, exercises/ (the nbgrader release), datasets/electromech/ (the small
case data) and datasets/README.md, the environment files (environment.yml, pyproject.toml,
constraints.txt, Makefile, scripts/), src/ (the package the notebooks import, including
receivables.grading.answers and .checks, which the exercises call and which hold no
answers), and a README.md written for learners (pyproject.toml names README.md, so
`make setup` needs one).

Never in: solutions/ (answers and hidden tests), .nbgrader/ (gradebook, submissions),
tests/ (the simulated submissions hold answers), nbgrader_config.py, any gradebook or
database file, caches, and the trainer's materials: `receivables.trainer` and its texts
(facilitator notes' model answers, role-play customers' hidden objectives and when they
concede), whose Chinese entries are also taken out of the package's catalogue. Every file
is checked before it is added: a file holding a line of a solution or hidden test, an
nbgrader solution / hidden-test marker, or a trainer text stops the bundle with BundleLeak.
"""

from __future__ import annotations

import fnmatch
import zipfile
from pathlib import Path

import polib
import yaml

from receivables import paths
from receivables.course import notebooks as nbs
from receivables.grading import nbgrader_run as ng

INCLUDE = [
    "course",
    "cases",
    "exercises",
    "datasets/electromech",
    "datasets/README.md",
    "environment.yml",
    "pyproject.toml",
    "constraints.txt",
    "Makefile",
    "scripts",
    "src",
    "LICENSE",
]
#: The trainer's materials: model answers, role-play customers' hidden objectives.
TRAINER_ONLY = ("src/receivables/trainer", "src/receivables/texts/trainer")
NEVER = [
    "solutions/*",
    ".nbgrader/*",
    "tests/*",
    "nbgrader_config.py",
    "*/nbgrader_config.py",
    "*.db",
    "*.sqlite*",
    "*gradebook*",
    "*/__pycache__/*",
    "*.pyc",
    "*.egg-info/*",
    "*/.ipynb_checkpoints/*",
    ".*",
    "*/.*",
    *(f"{folder}/*" for folder in TRAINER_ONLY),
]
#: The package's Chinese catalogue goes in without the trainer's entries (msgctxt trainer.…).
CATALOGUE = "src/receivables/locale/zh_CN/LC_MESSAGES/receivables.po"
TRAINER_KEYS = "trainer."
#: What learners must never read: the facilitator notes (model answers, debriefs) and the
#: role-play cards (the customer's hidden objective and when they concede). Texts at least
#: this long are looked for in every file (shorter ones, such as "Objective:", are words
#: learners' pages use too). Handouts and agendas are for learners' eyes anyway.
SECRET_KEYS = ("trainer.note.", "trainer.card.")
SECRET_LENGTH = {"en": 40, "zh": 16}
# The kit's grading tooling names nbgrader's markers (to find and strip them); it holds no
# solution or test line, which is still checked.
MARKER_NAMING = {
    "src/receivables/grading/nbgrader_run.py",
    "src/receivables/grading/batch.py",
    "src/receivables/grading/bundle.py",
    "src/receivables/grading/feedback.py",
    "src/receivables/grading/trusted.py",
    "src/receivables/grading/redact.py",
}

LEARNER_README = """\
# 应收账款管理与面谈催收 · 学员版 (Receivables workbook, learner copy)

这是课程的学员版:课程笔记本(中文版在 `course/zh/`,英文版在 `course/`)、案例、练习题和案例数据。
This is the learner's copy of the course kit: the workshop notebooks (Chinese edition in
`course/zh/`, English in `course/`), the case, the graded exercises and the small case data.

## 安装 · Set up

- 有 Python 3.11 和 `make`:运行 `make lab EDITION=zh`(中文版;英文版用 `make lab`)。它会创建
  `.venv/`、安装固定版本的软件、启动 JupyterLab,并打印要打开的网址。
- 用 conda:`conda env create -f environment.yml && conda activate receivables`,然后
  `pip install -e .` 和 `jupyter lab course/zh/`。

## 学习 · Working through the course

1. 打开讲师指定的笔记本(或 `course/zh/00.00-Start-Here.ipynb`)。
2. 菜单 *运行 → 运行所有单元格*。
3. 拖动滑块;只修改标有 ✏️ 的单元格,改完按 **Shift + Enter** 重新运行。

## 练习题 · Graded exercises (`exercises/<练习>-zh/` 中文版,`exercises/<练习>/` 英文版)

1. 把每个 `answer = ...` 换成你的答案(数字或算式),再运行它下面的检查单元格;滑块题和选择题
   用滑块或列表作答。简答题(练习五、六):双击标有 ✏️ 的单元格,替换 *YOUR ANSWER HERE*,
   按 Shift + Enter;讲师按题目上方的评分标准打分。
2. 请勿删除或修改检查单元格:评分时它们会被自动恢复。
3. 保存(Ctrl + S),按讲师要求提交,文件名为 `姓名拼音_练习名.ipynb`
   (例如 `zhang-san_overdue-and-profit.ipynb`)。

检查单元格只确认你的答案是不是数字;最终评分在讲师批改交回的笔记本时完成,你会收到一份反馈页面。
Check cells only tell you whether an answer is a number; the trainer grades the returned
notebooks and you get a feedback page.
"""


class BundleLeak(RuntimeError):
    """A file of the learner bundle holds solution or hidden-test text."""


def _excluded(rel: str) -> bool:
    return any(fnmatch.fnmatch(rel, pat) for pat in NEVER)


def _files(root: Path) -> list[tuple[Path, str]]:
    found = []
    for item in INCLUDE:
        path = root / item
        if path.is_file():
            candidates = [path]
        elif path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file())
        else:
            continue
        for p in candidates:
            rel = p.relative_to(root).as_posix()
            if not _excluded(rel):
                found.append((p, rel))
    return found


def _sources(root: Path) -> list:
    return (
        [nbs.read(p) for p in sorted((root / "solutions").glob("*/*.ipynb"))] if (root / "solutions").is_dir() else []
    )


def learner_catalogue(path: Path) -> str:
    """The catalogue's text without the trainer's entries."""
    catalogue = polib.pofile(str(path))
    for entry in [e for e in catalogue if (e.msgctxt or "").startswith(TRAINER_KEYS)]:
        catalogue.remove(entry)
    return str(catalogue)


def trainer_secrets(root: Path) -> list[str]:
    """The facilitator notes' and role-play cards' longer texts, English (texts/trainer/*.yml)
    and Chinese (catalogue)."""
    found: list[str] = []

    def walk(key: str, value: object) -> None:
        if isinstance(value, dict):
            for inner_key, inner in value.items():
                walk(f"{key}.{inner_key}" if key else str(inner_key), inner)
        elif isinstance(value, str) and key.startswith(SECRET_KEYS) and len(value.strip()) >= SECRET_LENGTH["en"]:
            found.append(value.strip())

    for path in sorted((root / "src/receivables/texts/trainer").glob("*.yml")):
        walk("", yaml.safe_load(path.read_text(encoding="utf-8")))
    if (root / CATALOGUE).is_file():
        found += [
            e.msgstr.strip()
            for e in polib.pofile(str(root / CATALOGUE))
            if (e.msgctxt or "").startswith(SECRET_KEYS) and len(e.msgstr.strip()) >= SECRET_LENGTH["zh"]
        ]
    return found


def file_leaks(text: str, rel: str, sources: list) -> list[str]:
    """Secret lines (and, outside the grading tooling, nbgrader markers) found in one file."""
    found: list[str] = []
    for source in sources:
        hits = ng.leaks(text, source)
        if rel in MARKER_NAMING:
            hits = [h for h in hits if h not in (*ng.SOLUTION_MARKERS, *ng.HIDDEN_MARKERS)]
        found += hits
    if rel not in MARKER_NAMING:
        found += [m for m in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS") if m in text]
    return sorted(set(found))


def learner_bundle(out_zip: Path, root: Path | None = None) -> list[str]:
    """Write the learner bundle; returns the archive's member names. Raises BundleLeak."""
    root, out_zip = Path(root) if root else paths.kit_root(), Path(out_zip)
    sources = _sources(root)
    secrets = trainer_secrets(root)
    files = _files(root)
    contents = {
        rel: learner_catalogue(path).encode("utf-8") if rel == CATALOGUE else path.read_bytes() for path, rel in files
    }
    problems = []
    for rel, content in contents.items():
        text = content.decode("utf-8", errors="ignore")
        for hit in file_leaks(text, rel, sources):
            problems.append(f"{rel}: {hit!r}")
        problems += [f"{rel}: trainer text {secret[:60]!r}" for secret in secrets if secret in text]
    if problems:
        raise BundleLeak("the learner bundle would leak solutions or hidden tests:\n  " + "\n  ".join(problems))
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    names = []
    prefix = "receivables-workbook/"
    with zipfile.ZipFile(out_zip, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(prefix + "README.md", LEARNER_README)
        names.append(prefix + "README.md")
        for path, rel in files:
            if rel == CATALOGUE:
                zf.writestr(prefix + rel, contents[rel])
            else:
                zf.write(path, prefix + rel)
            names.append(prefix + rel)
    return names
