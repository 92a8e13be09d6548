"""Exercises with instant feedback, in Korean and English.

즉시 채점되는 연습 문제: 맞으면 ✅, 틀리면 ❌, 힌트는 원할 때만 펼쳐 봅니다.

- :func:`check` — a number or a word; ``expected`` may be a set of accepted words
  (``{"성능 저하", "degradation"}``), compared without case or spaces.
- :func:`predict` then :func:`reveal` (or :func:`reveal_change` for an atlas measurement) — write
  down a prediction; the next cell shows the measurement and says whether it matched.
- :func:`check_code` — run the student's function on prepared inputs and compare with cnnlib.

Hints live in :mod:`cnnlib.i18n` under ``"hint.<key>"``, not in the cell the student edits: a wrong
verdict folds them into a ``<details>`` element, and ``hint(key)`` shows them too::

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
    """The hint of exercise ``key`` (e.g. ``"resnet-1"``), in the current language. 힌트."""
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

    학생의 답을 정답과 비교합니다. ``expected`` may be a set (or tuple) of accepted answers — Korean
    and English words together, compared without case or spaces; ``None`` (or ``...``) is "not
    answered yet".
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


def _with_options(key: str, options: Choices) -> str:
    """A UI string listing the choices, each language with its own labels."""
    listed = tuple(", ".join(f'"{labels[i]}"' for labels in options.values()) for i in (0, 1))
    return i18n.t(key, options=listed)


def predict(key: str, choice: Any, options: Choices) -> Verdict:
    """Record a prediction for exercise ``key``; :func:`reveal` later says whether it matched.

    예측을 적어 둡니다. ``options``: {name: (Korean, English)}; either label, or the name, is an answer.
    """
    if choice is None or choice is Ellipsis:
        _predictions.pop(key, None)
        return Verdict(False, False, "✍️ " + _with_options("exercise.predict", options))
    name = _choice(choice, options)
    if name is None:
        return Verdict(False, True, "❓ " + _with_options("exercise.unknown_choice", options))
    _predictions[key] = name
    return Verdict(True, True, "📝 " + i18n.t("exercise.recorded", choice=options[name]))


def reveal(key: str, actual: str, measurement: str, options: Choices) -> Verdict:
    """Show the ``measurement`` and say whether the recorded prediction was the ``actual`` option."""
    said = i18n.t("exercise.measured", choice=options[actual]) + f"\n{measurement}"
    name = _predictions.get(key)
    if name is None:
        return Verdict(False, False, "👀 " + i18n.t("exercise.no_prediction") + "\n" + said)
    if name == actual:
        return Verdict(True, True, "✅ " + i18n.t("exercise.prediction_right") + "\n" + said)
    wrong = "❌ " + i18n.t("exercise.prediction_wrong") + "\n" + said
    return Verdict(False, True, wrong, _hint_for(key, None))


#: The three outcomes of "what happens to the lab test accuracy when I change this knob?".
CHANGE: Choices = {name: i18n.both(f"exercise.change.{name}") for name in ("higher", "lower", "noise")}


def reveal_change(key: str, changed: Any, baseline: Any, metric: str = "test_acc") -> Verdict:
    """Reveal an atlas measurement for a :data:`CHANGE` prediction: ``changed`` vs ``baseline`` cells.

    Cells as :func:`cnnlib.atlas.lookup` returns them; "higher" or "lower" only when the difference is
    larger than the seed noise. ``metric``: ``"test_acc"``, ``"train_acc"`` or ``"final_train_loss"``.
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

    학생의 함수를 입력마다 실행해 비교합니다. A wrong shape, value or an exception is a verdict that
    says what went wrong, in both languages (no traceback).
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
