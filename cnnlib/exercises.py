"""Exercises with instant feedback: ✅ or ❌ with a hint, in Korean and English.

즉시 채점되는 연습 문제: 맞으면 ✅, 틀리면 ❌와 힌트를 보여 줍니다.

In a notebook::

    answer = 34_944  # conv1의 파라미터 수를 적어 보세요
    check(answer, expected=count.table(model)["features.conv1"].params,
          hint=("입력 채널 × (11×11) × 출력 채널 + 편향", "in_channels × (11×11) × out_channels + bias"))
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

from cnnlib import i18n


@dataclass(frozen=True)
class Verdict:
    """The result of :func:`check`; shows itself as ✅/❌ in a notebook."""

    correct: bool
    answered: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        color = "#1b7f3b" if self.correct else ("#8a6d00" if not self.answered else "#b00020")
        return f'<div style="color:{color};font-weight:600">{html.escape(self.message)}</div>'


def check(answer: Any, expected: Any, *, hint: tuple[str, str], tolerance: float = 0.0) -> Verdict:
    """Compare a student's ``answer`` with ``expected``; numbers may differ by ``tolerance`` (relative).

    학생의 답 ``answer``를 정답 ``expected``와 비교합니다. 숫자는 ``tolerance``(상대 오차)만큼 달라도 됩니다.
    ``None`` (또는 ``...``)은 "아직 답하지 않음"으로 봅니다.
    """
    if answer is None or answer is Ellipsis:
        return Verdict(False, False, "✍️ " + i18n.t("exercise.unanswered"))
    if _same(answer, expected, tolerance):
        return Verdict(True, True, "✅ " + i18n.t("exercise.correct"))
    ko, en = hint
    return Verdict(False, True, "❌ " + i18n.t("exercise.wrong") + " " + i18n.pick(ko, en))


def _same(answer: Any, expected: Any, tolerance: float) -> bool:
    if isinstance(expected, bool) or isinstance(answer, bool):
        return answer is expected
    if isinstance(expected, (int, float)) and isinstance(answer, (int, float)):
        return math.isclose(answer, expected, rel_tol=tolerance, abs_tol=0.0 if tolerance else 1e-12)
    if isinstance(expected, str) and isinstance(answer, str):
        return answer.strip().lower() == expected.strip().lower()
    return answer == expected
