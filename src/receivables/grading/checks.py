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

_CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese(text: object) -> bool:
    """Whether a check or widget speaks Chinese: its label is written in Chinese alone
    ("第1题", "月数"; not "Q1" nor the English edition's "months · 月")."""
    return bool(_CJK.search(str(text))) and not re.search(r"[A-Za-z]", str(text))


def _fail(question: str, en: str, zh: str) -> AssertionError:
    if chinese(question):
        return AssertionError(f"{question}:{zh}")
    return AssertionError(f"{question}: {en} / {zh}")


def expect_number(answer: object, question: str) -> float:
    """The answer must be a finished number (not the `...` placeholder, not text)."""
    if answer is None:
        raise _fail(question, "not answered yet: move the slider, then save.", "尚未作答:请拖动滑块后保存。")
    if answer is Ellipsis:
        raise _fail(question, "replace the three dots (...) with your answer.", "请把 ... 替换为你的答案。")
    if isinstance(answer, bool) or not isinstance(answer, Real):
        raise _fail(question, f"the answer should be a number, not {type(answer).__name__}.", "答案应为数字。")
    if not math.isfinite(float(answer)):
        raise _fail(question, "the answer is not a finite number.", "答案不是有效数字。")
    return float(answer)


def expect_close(
    answer: object, expected: float, question: str, hint: str, rel: float = 0.005, abs_tol: float = 0.5
) -> None:
    """Right within a rounding tolerance; otherwise the hint explains what to revisit."""
    value = expect_number(answer, question)
    if not math.isclose(value, expected, rel_tol=rel, abs_tol=abs_tol):
        raise AssertionError(
            f"{question}:还不对。{hint}" if chinese(question) else f"{question}: not yet right. {hint}"
        )


def expect_answered(answer: object, question: str) -> object:
    """A choice was made (a dropdown answer, or any answer that need not be a number)."""
    if answer is None:
        raise _fail(question, "not answered yet: choose in the list, then save.", "尚未作答:请在列表中选择后保存。")
    if answer is Ellipsis:
        raise _fail(question, "replace the three dots (...) with your answer.", "请把 ... 替换为你的答案。")
    return answer


def expect_choice(answer: object, expected: object, question: str, hint: str) -> None:
    """The chosen option is the right one; otherwise the hint explains what to revisit."""
    if expect_answered(answer, question) != expected:
        raise AssertionError(
            f"{question}:还不对。{hint}" if chinese(question) else f"{question}: not yet right. {hint}"
        )
