"""The one place where a knob's number, choice or device is checked.

설정값(정수, 실수, 선택지, 장치)을 검사하는 곳은 여기 한 곳입니다.

Every builder, ``train.fit`` and the command line go through these functions, so a value is
accepted or refused the same way everywhere:

- a whole number is a Python ``int`` or a NumPy integer scalar (``np.int64(20)``);
- a real number is a Python ``int``/``float`` or a NumPy integer/floating scalar;
- ``True``/``False``, arrays, tensors, strings and numbers too large to be a float are refused
  with a :class:`cnnlib.ConfigError` (never an OverflowError, a TypeError or NumPy's
  "ambiguous truth value");
- a device is one this machine has (``"meta"`` only where a weightless model makes sense).

What comes back is a plain Python ``int``, ``float`` or ``torch.device``, so nothing after the
check ever sees a NumPy scalar.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import torch

from cnnlib import i18n
from cnnlib.errors import ConfigError

__all__ = ["Between", "as_float", "as_int", "choice", "device", "digits", "flag", "knobs", "real", "whole"]


def as_int(value: Any) -> int | None:
    """``value`` as a Python int if it is one whole number (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        return None  # NumPy's integer scalars are numbers.Integral; arrays and tensors are not
    return int(value)


def as_float(value: Any) -> float | None:
    """``value`` as a finite Python float if it is one real number (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError):  # e.g. 10**400: a whole number no float can hold
        return None
    return number if math.isfinite(number) else None


def digits(text: str, max_digits: int = 9) -> int | None:
    """The whole number written in ``text`` with at most ``max_digits`` digits, else None.

    Decimal digits of any script count (fullwidth ``１２``, Arabic-Indic ``١٢``: what a Korean
    or other input method may type), because ``int`` reads them; characters that only look like
    digits (superscript ``²``, circled ``①``) and numbers too long to be a setting do not, and
    never reach ``int`` (which would raise ValueError on them).
    """
    word = text.strip() if isinstance(text, str) else ""
    if not word.isdecimal() or len(word) > max_digits:
        return None
    return int(word)


def whole(
    knob: str,
    value: Any,
    minimum: int = 1,
    maximum: int | None = None,
    *,
    allowed: tuple[str, str] | None = None,
) -> int:
    """``value`` as an int in ``[minimum, maximum]``, else a ConfigError naming the range."""
    number = as_int(value)
    if number is not None and number >= minimum and (maximum is None or number <= maximum):
        return number
    if allowed is None:
        allowed = (
            i18n.both("check.int.range", low=minimum, high=maximum)
            if maximum is not None
            else i18n.both("check.int.min", low=minimum)
        )
    raise ConfigError(knob, value, allowed, _array_problem(value))


def real(
    knob: str,
    value: Any,
    low: float,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
    allowed: tuple[str, str] | None = None,
) -> float:
    """``value`` as a finite float in the interval from ``low`` to ``high``, else a ConfigError."""
    number = as_float(value)
    if (
        number is not None
        and (low < number if low_open else low <= number)
        and (number < high if high_open else number <= high)
    ):
        return number
    if allowed is None:
        left, right = ("(" if low_open else "["), (")" if high_open or not math.isfinite(high) else "]")
        interval = f"{left}{low}, {high if math.isfinite(high) else '∞'}{right}"
        allowed = i18n.both("check.real", interval=interval)
    huge = isinstance(value, numbers.Integral) and not isinstance(value, bool) and number is None
    problem = i18n.both("check.problem.huge") if huge else _array_problem(value)
    raise ConfigError(knob, value, allowed, problem)


def choice(knob: str, value: Any, choices: Iterable[Any]) -> Any:
    """The one of ``choices`` that ``value`` names (strings case-insensitively), else a ConfigError.

    Only strings and whole numbers are compared, so an array never reaches ``==``.
    """
    choices = list(choices)
    if isinstance(value, str):
        for option in choices:
            if isinstance(option, str) and option.lower() == value.lower():
                return option
    elif (number := as_int(value)) is not None:
        for option in choices:
            if as_int(option) == number:
                return option
    raise ConfigError(knob, value, ", ".join(repr(option) for option in choices))


def flag(knob: str, value: Any) -> bool:
    """``value`` if it is True or False (not 1, 0 or "yes"), else a ConfigError."""
    if isinstance(value, bool):
        return value
    raise ConfigError(knob, value, "True, False")


@dataclass(frozen=True)
class Between:
    """A rule for :func:`knobs`: a real number from ``low`` to ``high`` (``*_open``: that end left out)."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False


def knobs(rules: Mapping[str, Any], **values: Any) -> dict[str, Any]:
    """Every value checked by the rule of its knob, in the order given.

    A rule is ``bool`` (:func:`flag`), a ``range`` of whole numbers (:func:`whole`), a
    :class:`Between` (:func:`real`) or a tuple of choices (:func:`choice`).
    """
    checked = {}
    for knob, value in values.items():
        rule = rules[knob]
        if rule is bool:
            checked[knob] = flag(knob, value)
        elif isinstance(rule, range):
            checked[knob] = whole(knob, value, rule.start, rule.stop - 1)
        elif isinstance(rule, Between):
            checked[knob] = real(
                knob, value, rule.low, rule.high, low_open=rule.low_open, high_open=rule.high_open
            )
        else:
            checked[knob] = choice(knob, value, rule)
    return checked


def device(value: Any, *, meta: bool = False) -> torch.device:
    """``value`` as a torch.device this machine has ('cpu', 'cuda', 'mps'; 'meta' if allowed).

    이 컴퓨터에 없는 장치(예: GPU가 없는데 "cuda")면 ConfigError를 냅니다.
    """
    allowed = i18n.both("check.allowed.device_meta" if meta else "train.allowed.device")
    try:
        chosen = torch.device(value)
    except (RuntimeError, TypeError, ValueError):
        raise ConfigError("device", value, allowed) from None
    usable = {
        "cpu": True,
        "meta": meta,
        "cuda": torch.cuda.is_available()
        and (chosen.index is None or chosen.index < torch.cuda.device_count()),
        "mps": _mps_available(),
    }
    if not usable.get(chosen.type, False):
        raise ConfigError("device", value, allowed, i18n.both("train.problem.device"))
    return chosen


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return mps is not None and mps.is_available()


def _array_problem(value: Any) -> tuple[str, str] | None:
    """The detail for an array or tensor given where one number belongs."""
    if hasattr(value, "shape") and not isinstance(value, numbers.Number):
        return i18n.both("check.problem.array")
    return None
