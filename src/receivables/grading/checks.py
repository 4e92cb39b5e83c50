"""Checks that test cells of the graded exercises call.

Their messages are what a learner reads in feedback: each says in one sentence which
check failed and why, without showing any hidden test's code. The English edition's
messages are in English and Chinese; in the Chinese edition (a question labelled in
Chinese alone, "第1题") they are in Chinese only.
"""

from __future__ import annotations

import math
import re
from numbers import Real

from receivables.i18n import t

_CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese(text: object) -> bool:
    """Whether a check or widget speaks Chinese: its label is written in Chinese alone
    ("第1题", "月数"; not "Q1" nor the English edition's "months · 月")."""
    return bool(_CJK.search(str(text))) and not re.search(r"[A-Za-z]", str(text))


def _fail(question: str, key: str, **fields: object) -> AssertionError:
    """The failure of text ``grading.check.<key>``: Chinese alone for a Chinese question."""
    zh = t(f"grading.check.{key}", "zh").format(**fields)
    if chinese(question):
        return AssertionError(f"{question}:{zh}")
    return AssertionError(f"{question}: {t(f'grading.check.{key}', 'en').format(**fields)} / {zh}")


def _not_yet_right(question: str, hint: str) -> AssertionError:
    """A wrong answer: "not yet right." and the hint (what to revisit)."""
    if chinese(question):
        return AssertionError(f"{question}:{t('grading.check.not_yet_right', 'zh')}{hint}")
    return AssertionError(f"{question}: {t('grading.check.not_yet_right', 'en')} {hint}")


def expect_number(answer: object, question: str) -> float:
    """The answer must be a finished number (not the `...` placeholder, not text)."""
    if answer is None:
        raise _fail(question, "unanswered_slider")
    if answer is Ellipsis:
        raise _fail(question, "dots")
    if isinstance(answer, bool) or not isinstance(answer, Real):
        raise _fail(question, "not_a_number", kind=type(answer).__name__)
    if not math.isfinite(float(answer)):
        raise _fail(question, "not_finite")
    return float(answer)


def expect_close(
    answer: object, expected: float, question: str, hint: str, rel: float = 0.005, abs_tol: float = 0.5
) -> None:
    """Right within a rounding tolerance; otherwise the hint explains what to revisit."""
    value = expect_number(answer, question)
    if not math.isclose(value, expected, rel_tol=rel, abs_tol=abs_tol):
        raise _not_yet_right(question, hint)


def expect_answered(answer: object, question: str) -> object:
    """A choice was made (a dropdown answer, or any answer that need not be a number)."""
    if answer is None:
        raise _fail(question, "unanswered_list")
    if answer is Ellipsis:
        raise _fail(question, "dots")
    return answer


def expect_choice(answer: object, expected: object, question: str, hint: str) -> None:
    """The chosen option is the right one; otherwise the hint explains what to revisit."""
    if expect_answered(answer, question) != expected:
        raise _not_yet_right(question, hint)
