"""Exercises with instant feedback, in Korean and English.

즉시 채점되는 연습 문제입니다. 맞으면 ✅, 틀리면 ❌가 나오고, 힌트는 원할 때만 펼쳐 봅니다.

Three kinds, all answered in either language:

- :func:`check` — a number or a word. ``expected`` may be a set of accepted words
  (``{"성능 저하", "degradation"}``), compared without case or spaces.
- :func:`predict` then :func:`reveal` — write down a prediction, then the next cell shows the
  measurement and says whether the prediction matched.
- :func:`check_code` — run the student's function on prepared inputs and compare with cnnlib.

Hints live in :mod:`cnnlib.i18n` under ``"hint.<key>"``, not in the cell the student edits: a wrong
verdict offers them in a ``<details>`` element ("힌트 보기 · show hint"), and ``hint(key)`` shows them too.

In a notebook::

    answer = None  # ← 여기에 답 / your answer
    check(answer, expected=count.table(model)["features.conv1"].params, key="alexnet-2")
"""

from __future__ import annotations

import copy
import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cnnlib import i18n

Choices = Mapping[str, tuple[str, str]]

_predictions: dict[str, str] = {}


@dataclass(frozen=True)
class Verdict:
    """The result of an exercise; shows itself as ✅/❌ in a notebook, with the hint folded away."""

    correct: bool
    answered: bool
    message: str
    hint_text: str = ""

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message

    def hint(self) -> str:
        """The hint, on request. 힌트를 원할 때 돌려줍니다."""
        return self.hint_text

    def _repr_html_(self) -> str:
        color = "#1b7f3b" if self.correct else ("#8a6d00" if not self.answered else "#b00020")
        lines = "<br>".join(html.escape(line) for line in self.message.split("\n"))
        body = f'<div style="color:{color};font-weight:600">{lines}</div>'
        if self.hint_text and self.answered and not self.correct:
            summary = html.escape(i18n.t("exercise.show_hint"))
            body += f"<details><summary>{summary}</summary>{html.escape(self.hint_text)}</details>"
        return body


def hint(key: str) -> str:
    """The hint of exercise ``key`` (e.g. ``"resnet-1"``), in the current language.

    연습 문제 ``key``의 힌트를 현재 언어로 돌려줍니다.
    """
    return i18n.t(f"hint.{key}")


def _hint_for(key: str | None, given: tuple[str, str] | None) -> str:
    if given is not None:
        return i18n.pick(*given)
    if key is not None and f"hint.{key}" in i18n.STRINGS:
        return hint(key)
    return ""


def _wrong(hint_text: str, detail: str = "") -> Verdict:
    message = "❌ " + i18n.t("exercise.wrong") + (f"\n{detail}" if detail else "")
    return Verdict(False, True, message, hint_text)


def check(
    answer: Any,
    expected: Any,
    *,
    key: str | None = None,
    hint: tuple[str, str] | None = None,
    tolerance: float = 0.0,
) -> Verdict:
    """Compare a student's ``answer`` with ``expected``; numbers may differ by ``tolerance`` (relative).

    학생의 답 ``answer``를 정답 ``expected``와 비교합니다. 숫자는 ``tolerance``(상대 오차)만큼 달라도 됩니다.
    ``expected``가 집합(또는 튜플)이면 그중 하나와 같으면 정답입니다. 한국어 낱말과 영어 낱말을 함께 넣어
    두면 어느 언어로 답해도 됩니다. 글자는 대소문자와 공백을 무시하고 비교합니다.
    ``None`` (또는 ``...``)은 "아직 답하지 않음"으로 봅니다.
    """
    if answer is None or answer is Ellipsis:
        return Verdict(False, False, "✍️ " + i18n.t("exercise.unanswered"))
    accepted = expected if isinstance(expected, (set, frozenset, tuple)) else (expected,)
    if any(_same(answer, one, tolerance) for one in accepted):
        return Verdict(True, True, "✅ " + i18n.t("exercise.correct"))
    return _wrong(_hint_for(key, hint))


def _same(answer: Any, expected: Any, tolerance: float) -> bool:
    if isinstance(expected, bool) or isinstance(answer, bool):
        return answer is expected
    if isinstance(expected, (int, float)) and isinstance(answer, (int, float)):
        return math.isclose(answer, expected, rel_tol=tolerance, abs_tol=0.0 if tolerance else 1e-12)
    if isinstance(expected, str) and isinstance(answer, str):
        return _word(answer) == _word(expected)
    return bool(answer == expected)


def _word(text: str) -> str:
    return "".join(text.split()).lower()


def _choice(choice: Any, options: Choices) -> str | None:
    """The option name that ``choice`` means: its name, its Korean or its English label."""
    if not isinstance(choice, str):
        return None
    for name, labels in options.items():
        if _word(choice) in {_word(name), *(_word(label) for label in labels)}:
            return name
    return None


def _labelled(key: str, labels: tuple[str, str]) -> str:
    """A UI string with an option's label, each language with its own label."""
    ko, en = i18n.STRINGS[key]
    return i18n.pick(i18n.fill(ko, choice=labels[0]), i18n.fill(en, choice=labels[1]))


def _with_options(key: str, options: Choices) -> str:
    """A UI string listing the choices, each language with its own labels."""
    ko, en = i18n.STRINGS[key]
    return i18n.pick(
        i18n.fill(ko, options=", ".join(f'"{labels[0]}"' for labels in options.values())),
        i18n.fill(en, options=", ".join(f'"{labels[1]}"' for labels in options.values())),
    )


def predict(key: str, choice: Any, options: Choices) -> Verdict:
    """Record a prediction for exercise ``key``; :func:`reveal` later says whether it matched.

    연습 문제 ``key``에 대한 예측을 적어 둡니다. 다음 셀의 :func:`reveal`이 측정값을 보여 주며 예측이
    맞았는지 알려 줍니다. ``options``는 {이름: (한국어, 영어)}이고, 어느 쪽으로 답해도 됩니다.
    """
    if choice is None or choice is Ellipsis:
        _predictions.pop(key, None)
        return Verdict(False, False, "✍️ " + _with_options("exercise.predict", options))
    name = _choice(choice, options)
    if name is None:
        return Verdict(False, True, "❓ " + _with_options("exercise.unknown_choice", options))
    _predictions[key] = name
    return Verdict(True, True, "📝 " + _labelled("exercise.recorded", options[name]))


def reveal(key: str, actual: str, measurement: str, options: Choices) -> Verdict:
    """Show the ``measurement`` and say whether the recorded prediction was the ``actual`` option.

    측정값 ``measurement``를 보여 주고, 적어 둔 예측이 실제 결과 ``actual``과 같은지 알려 줍니다.
    """
    said = _labelled("exercise.measured", options[actual]) + f"\n{measurement}"
    name = _predictions.get(key)
    if name is None:
        return Verdict(False, False, "👀 " + i18n.t("exercise.no_prediction") + "\n" + said)
    if name == actual:
        return Verdict(True, True, "✅ " + i18n.t("exercise.prediction_right") + "\n" + said)
    wrong = "❌ " + i18n.t("exercise.prediction_wrong") + "\n" + said
    return Verdict(False, True, wrong, _hint_for(key, None))


#: The three outcomes of "what happens to the lab test accuracy when I change this knob?".
CHANGE: Choices = {
    "higher": ("높아진다", "higher"),
    "lower": ("낮아진다", "lower"),
    "noise": ("잡음 범위 안", "within noise"),
}


def reveal_change(key: str, changed: Any, baseline: Any, metric: str = "test_acc") -> Verdict:
    """Reveal an atlas measurement for a :data:`CHANGE` prediction: ``changed`` vs ``baseline`` cells.

    정확도 지도(atlas)의 측정값으로 :data:`CHANGE` 예측을 확인합니다. ``changed``와 ``baseline``은
    ``atlas.lookup``이 돌려준 칸이며, 차이가 시드 잡음보다 클 때만 "높아진다"·"낮아진다"로 봅니다.
    ``metric``은 ``"test_acc"``(기본값), ``"train_acc"``, ``"final_train_loss"`` 가운데 하나입니다.
    """
    from cnnlib import atlas

    if changed is None or baseline is None:
        return Verdict(False, False, "⏳ " + i18n.t("exercise.not_measured"))
    comparison = atlas.compare(changed, baseline, metric)
    if not comparison.significant or not math.isfinite(comparison.margin):
        actual = "noise"
    else:
        actual = "higher" if comparison.difference > 0 else "lower"
    a, b = changed.stat(metric), baseline.stat(metric)
    number = "{:.3f}" if metric.endswith("loss") else "{:.1%}"
    measurement = i18n.t(
        "exercise.change_measured",
        changed=f"{number.format(a.mean)} ± {number.format(a.sd)}",
        baseline=f"{number.format(b.mean)} ± {number.format(b.sd)}",
        difference=("+" if comparison.difference >= 0 else "") + number.format(comparison.difference),
        margin=number.format(comparison.margin) if math.isfinite(comparison.margin) else "?",
        seeds=min(a.n, b.n),
    )
    return reveal(key, actual, measurement + "\n" + comparison.verdict, CHANGE)


@dataclass(frozen=True)
class Case:
    """One test of :func:`check_code`: the arguments and the value cnnlib computes for them."""

    args: tuple[Any, ...]
    expected: Any
    tolerance: float = 1e-5


def check_code(
    function: Callable[..., Any] | None, tests: Iterable[Case], *, key: str | None = None
) -> Verdict:
    """Run the student's ``function`` on each case and compare with cnnlib's value.

    학생이 쓴 함수 ``function``을 준비된 입력마다 실행해 cnnlib이 계산한 값과 비교합니다. 모양이 다르거나
    값이 다르거나 예외가 나면 무엇이 틀렸는지 두 언어로 알려 줍니다(트레이스백은 보여 주지 않습니다).
    """
    if function is None or function is Ellipsis:
        return Verdict(False, False, "✍️ " + i18n.t("exercise.unanswered"))
    hint_text = _hint_for(key, None)
    cases = list(tests)
    for number, case in enumerate(cases, start=1):
        args = copy.deepcopy(case.args)  # the student's code may change its inputs in place
        shown = _show_args(case.args)
        try:
            got = function(*args)
        except Exception as error:  # any mistake in student code is a verdict, not a crash
            problem = f"{type(error).__name__}: {error}"
            return _wrong(hint_text, i18n.t("exercise.code_raised", case=shown, error=problem))
        if got is None and number == 1:  # the stub as given: nothing written yet
            return Verdict(False, False, "✍️ " + i18n.t("exercise.unanswered"))
        problem = _difference(got, case.expected, case.tolerance)
        if problem is not None:
            return _wrong(hint_text, i18n.t(problem[0], case=shown, **problem[1]))
    return Verdict(True, True, "✅ " + i18n.t("exercise.code_passed", n=len(cases)))


def _difference(got: Any, expected: Any, tolerance: float) -> tuple[str, dict[str, Any]] | None:
    import torch

    if isinstance(expected, torch.Tensor):
        if not isinstance(got, torch.Tensor):
            return "exercise.code_type", {"got": type(got).__name__, "expected": "Tensor"}
        if tuple(got.shape) != tuple(expected.shape):
            return "exercise.code_shape", {"got": tuple(got.shape), "expected": tuple(expected.shape)}
        mine, theirs = got.detach().float(), expected.detach().float()
        if not torch.allclose(mine, theirs, rtol=tolerance, atol=tolerance):
            gap = (mine - theirs).abs().max().item()
            return "exercise.code_tensor", {"gap": f"{gap:.3g}"}
        return None
    if isinstance(expected, Sequence) and not isinstance(expected, str):
        if not isinstance(got, Sequence) or tuple(got) != tuple(expected):
            return "exercise.code_value", {"got": _short(got), "expected": _short(expected)}
        return None
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return "exercise.code_type", {"got": type(got).__name__, "expected": type(expected).__name__}
    if not math.isclose(got, expected, rel_tol=0.0 if isinstance(expected, int) else tolerance):
        return "exercise.code_value", {"got": _short(got), "expected": _short(expected)}
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _show_args(args: tuple[Any, ...]) -> str:
    import torch

    parts = []
    for arg in args:
        if isinstance(arg, torch.Tensor):
            parts.append("Tensor" + str(tuple(arg.shape)))
        elif isinstance(arg, torch.nn.Module):
            parts.append(type(arg).__name__)
        else:
            parts.append(_short(arg))
    return "(" + ", ".join(parts) + ")"
