"""Learner-facing text is data: the modules below keep their English in texts/**/*.yml and
their Chinese in receivables.po (read with `receivables.i18n.t`), never as literals in
Python. Docstrings and comments may quote the course's Chinese terms; strings may not."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import re
from pathlib import Path

import pytest
import yaml

from receivables.collection import (
    brief,
    causes,
    conversation,
    dunning,
    excuses,
    key_accounts,
    limitation,
    promises,
    protection,
    role_play,
    scripts,
    tiers,
)
from receivables.i18n import Text, has, named, pick, texts
from receivables.risk import altman, assessment, limits, payment_behaviour, signals

#: The modules, not the functions `receivables.risk.scorecard` and `receivables.course.course_map`
#: that shadow them in their packages.
scorecard = importlib.import_module("receivables.risk.scorecard")
course_map = importlib.import_module("receivables.course.course_map")
SRC = Path(__file__).resolve().parents[1] / "src" / "receivables"
#: Modules whose texts are all data. (The other modules of collection/ and risk/ still hold
#: literal text pairs; add each here once converted.)
CONVERTED = (
    "collection/conversation.py",
    "collection/role_play.py",
    "collection/scripts.py",
    "collection/brief.py",
    "risk/signals.py",
    "risk/altman.py",
    "risk/limits.py",
    "collection/promises.py",
    "collection/limitation.py",
    "collection/excuses.py",
    "collection/tiers.py",
    "collection/key_accounts.py",
    "collection/protection.py",
    "risk/assessment.py",
    "risk/payment_behaviour.py",
    "collection/causes.py",
    "collection/dunning.py",
    "risk/factors.py",
    "risk/factor_tables.py",
    "course/course_map.py",
    "grading/answers.py",
    "grading/redact.py",
    "grading/execute.py",
    "grading/checks.py",
    "grading/feedback.py",
    "i18n/choices.py",
    "risk/scorecard.py",
    "collection/debtor_types.py",
    "trainer/slides.py",
    "trainer/handouts.py",
)
#: Chinese characters (CJK ideographs). Chinese punctuation alone ("、" joining a list) is a
#: format, chosen by language like a decimal separator, and may stay in code.
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _docstrings(tree: ast.AST) -> set[int]:
    """The string statements of a module: docstrings and attribute docstrings."""
    return {
        id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def cjk_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal holding a Chinese character, docstrings aside."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and CJK.search(node.value)
    )


def test_the_check_finds_a_literal_but_not_a_docstring():
    source = '"""模块说明"""\nx = 1  # 注释\nNAME = ("Listen", "倾听")\n\ndef f():\n    """函数"""\n    return "好"\n'
    assert cjk_literals(source) == [(3, "倾听"), (7, "好")]


@pytest.mark.parametrize("module", CONVERTED)
def test_no_chinese_text_left_in_python(module):
    assert cjk_literals((SRC / module).read_text(encoding="utf-8")) == []


def _texts_in(value) -> list[Text]:
    if isinstance(value, Text):
        return [value]
    if dataclasses.is_dataclass(value):
        return [x for f in dataclasses.fields(value) for x in _texts_in(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [x for item in value for x in _texts_in(item)]
    return []


#: The content of the converted modules: dataclasses, tuples and mappings of Texts.
CONTENT = (
    conversation.ATMOSPHERE,
    conversation.PMP_STEPS,
    conversation.LSCP_STEPS,
    conversation.TRICKS,
    conversation.PRETEXTS,
    conversation.SCENARIOS,
    conversation.STYLES,
    role_play.CASES,
    scripts.SLOTS,
    brief.PRINCIPLES,
    brief.SIX_CHARACTERS,
    key_accounts.CHALLENGES,
    key_accounts.COORDINATION,
    key_accounts.VALUE_ROLES,
    protection.MEASURES,
    tiers.WATCH_APPROACH,
    tuple(cause.name for cause in causes.COURSE_CAUSES),
    tuple(bone.name for bone in causes.FISHBONE),
    tuple(cause.name for bone in causes.FISHBONE for cause in bone.causes),
    tuple(step.name for step in dunning.DEFAULT_DUNNING_LADDER),
    tuple(course_map.CHAPTERS.values()),
    *(tuple(entry.values()) for entry in assessment.FIVE_CS),
    tuple(name for name, _ in payment_behaviour.CHECKLIST),
    *(
        tuple(labels.values())
        for labels in (
            signals.SIGNALS,
            altman.ZONE_LABELS,
            limits.METHOD_LABELS,
            promises.STATUS_LABELS,
            limitation.STATUS_LABELS,
            excuses.CHECK_FIRST,
            tiers.TIER_APPROACH,
            scorecard.FACTOR_LABELS,
            scorecard.GRADE_ACTIONS,
        )
    ),
)


def test_every_text_of_the_content_is_in_the_catalogue_in_both_languages():
    found = [text for content in CONTENT for text in _texts_in(content)]
    keys = {key for text in found for key in text.keys}
    # conversation, role play, scripts, brief, signals, zones, limit methods, promise and limitation
    # statuses, excuse advice, tier approaches, key accounts, protection, the five Cs, signal checklist,
    # scorecard factors and grade actions, the course's causes of overdue and the fishbone's bones and causes,
    # the dunning ladder's steps, the course's chapters
    assert len(keys) == 131 + 68 + 2 + 30 + 5 + 3 + 4 + 4 + 3 + 8 + 4 + 28 + 24 + 20 + 12 + 6 + 4 + 5 + 6 + 18 + 8 + 8
    assert [k for k in keys if not has(k)] == []
    translated = texts.chinese()
    assert [k for k in keys if not (k in translated and translated[k].chinese and not translated[k].fuzzy)] == []
    for text in found:
        en, zh = pick(text, "en"), pick(text, "zh")
        assert en != zh and CJK.search(zh) and not CJK.search(en) or "(" in en, text


def test_a_text_reads_its_key_in_each_language():
    name = Text("conv.step.lscp.listen.name")
    assert (pick(name, "en"), pick(name, "zh"), name("zh")) == ("Listen", "倾听", "倾听")
    assert (named(name, "en"), named(name, "zh")) == ("Listen (倾听)", "倾听")
    assert (altman.ZONE_LABELS["grey"]["en"], altman.ZONE_LABELS["grey"]["zh"]) == ("Grey zone", "灰色区")
    both = Text("conv.step.lscp.listen.name", "conv.step.lscp.share.name")
    assert (both("en"), both("zh")) == ("Listen Share: understand", "倾听理解/分担")
    with pytest.raises(KeyError):
        pick(Text("conv.no.such.text"), "en")
    with pytest.raises(ValueError, match="lang"):
        pick(name, "fr")


class _NoDuplicates(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys silently: a text would vanish."""


def _mapping(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise ValueError(f"key(s) defined twice: {twice}")
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_NoDuplicates.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def test_no_text_file_defines_a_key_twice():
    with pytest.raises(ValueError, match="defined twice"):
        yaml.load("a.b: one\nc: two\na.b: three\n", Loader=_NoDuplicates)
    for path in sorted((SRC / "texts").rglob("*.yml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDuplicates)


def test_a_line_for_either_edition_holds_both_languages():
    from receivables.grading.execute import output_dropped
    from receivables.i18n import both

    assert (both("choices.weights"), both("choices.weights", zh_first=True)) == ("weights · 权重", "权重 · weights")
    assert output_dropped() == (
        "[output too large: the rest of this notebook's output was not kept · 输出过多,其余输出未保留]"
    )
