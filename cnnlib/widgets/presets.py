"""Shareable presets: an explorer's whole state as one short, readable string.

Format::

    resnet:depth=56,variant=cifar,skip=0,block=auto,shortcut=A,scale=lab,width=0.5,seconds=10

- ``family:`` names the explorer (``alexnet``, ``vgg``, ``inception``, ``resnet``);
- then ``key=value`` pairs separated by commas; keys are the knob names listed by each
  explorer (``Explorer.knobs``);
- on/off switches are written ``1`` / ``0`` (``true``/``false``, ``on``/``off``,
  ``yes``/``no`` are read too);
- a list of whole numbers (VGG's convolutions per stage) is written with slashes:
  ``config=2/2/3/3/3``;
- keys that are left out keep their default, so ``resnet:depth=110`` is a preset too;
- spaces around keys and values and empty items (``a=1,,b=2,``) are ignored.

:func:`format_preset` writes every key in a fixed order, so a string it wrote comes back
unchanged from ``format_preset(parse_preset(text))``. The string is parsed by hand and
never executed; anything it cannot read raises :class:`cnnlib.ConfigError`, in Korean and
English, naming the part that is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cnnlib import checks, i18n
from cnnlib.errors import ConfigError

__all__ = ["Knob", "format_preset", "parse_depths", "parse_preset"]

_TRUE = ("1", "true", "on", "yes")
_FALSE = ("0", "false", "off", "no")
_DEPTH_LIST = re.compile(r"\d{1,3}(?:\s*[/,\s]\s*\d{1,3})*")


@dataclass(frozen=True)
class Knob:
    """One setting of an explorer: its preset key, its label (an i18n key) and the values it may take.

    Exactly one of these describes the values:

    - ``default`` is a ``bool`` → an on/off switch (a checkbox);
    - ``choices`` → one of a fixed list (a drop-down or toggle buttons); with
      ``depth_list=True`` a list of whole numbers such as ``(2, 2, 3, 3, 3)`` is allowed too;
    - ``low`` and ``high`` → a whole number in ``[low, high]`` (a slider).

    A choice is labelled by the i18n entry ``<label>.<choice>`` where there is one (``widget.scale.lab``),
    else as it is written in a preset.
    """

    key: str
    label: str
    default: Any
    choices: tuple[Any, ...] = ()
    low: int | None = None
    high: int | None = None
    depth_list: bool = False
    step: int = 1  # a slider's step (presets may still hold any whole number in range)

    @property
    def kind(self) -> str:
        """``"bool"``, ``"int"`` (a range) or ``"choice"``."""
        if isinstance(self.default, bool):
            return "bool"
        return "int" if self.low is not None else "choice"

    def text(self, value: Any) -> str:
        """How ``value`` is written in a preset: ``1``/``0``, ``0.25``, ``2/2/3``, ``A-LRN``."""
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, tuple):
            return "/".join(str(v) for v in value)
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def parse(self, text: str) -> Any:
        """Read one value from its preset text; raise ConfigError if the knob cannot take it."""
        word = text.strip()
        if self.kind == "bool":
            if word.lower() in _TRUE + _FALSE:
                return word.lower() in _TRUE
        elif self.kind == "int":
            number = checks.digits(word)  # '²' or '9' * 5000: refused here, not a ValueError from int()
            if number is not None and self.low <= number <= self.high:
                return number
        else:
            for choice in self.choices:
                if _same(choice, word):
                    return choice
            if self.depth_list and _DEPTH_LIST.fullmatch(word):
                return tuple(int(part) for part in re.split(r"[/,\s]+", word))
        raise ConfigError(self.key, text, self.allowed())

    def check(self, value: Any) -> Any:
        """The canonical form of ``value`` if the knob can hold it (for states set from code)."""
        if self.kind == "bool":
            fits = isinstance(value, bool)
        elif self.kind == "int":
            fits = isinstance(value, int) and not isinstance(value, bool)
        else:
            fits = _plain(value) and not isinstance(value, bool)
        if fits:
            try:
                parsed = self.parse(self.text(value))
            except ConfigError:
                parsed = None
            if parsed == value:
                return parsed
        raise ConfigError(self.key, value, self.allowed())

    def allowed(self) -> tuple[str, str]:
        """What this knob accepts, in Korean and English."""
        if self.kind == "bool":
            return "1, 0"
        if self.kind == "int":
            return i18n.both("widget.allowed.int", low=self.low, high=self.high)
        listed = ", ".join(self.text(c) for c in self.choices)
        if self.depth_list:
            return i18n.both("widget.allowed.choice_or_depths", choices=listed)
        return listed


def _same(choice: Any, word: str) -> bool:
    """Does the preset text ``word`` name ``choice``? (case-insensitive; 1.0 names 1)"""
    if isinstance(choice, str):
        return choice.lower() == word.lower()
    try:
        number = float(word)
    except ValueError:
        return False
    return math.isfinite(number) and number == choice


def _plain(value: Any) -> bool:
    """Values a preset can hold: bool, int, float, str, or a tuple of ints."""
    if isinstance(value, tuple):
        return bool(value) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    return isinstance(value, (bool, int, float, str))


def format_preset(family: str, knobs: Sequence[Knob], state: dict[str, Any]) -> str:
    """Write ``state`` as ``family:key=value,...`` with every knob, in the knobs' order."""
    return f"{family}:" + ",".join(f"{knob.key}={knob.text(state[knob.key])}" for knob in knobs)


def parse_preset(text: str, family: str, knobs: Sequence[Knob]) -> dict[str, Any]:
    """Read a preset string into a state dict (missing keys take their defaults).

    Raises:
        ConfigError: the string does not start with ``family:``, an item is not
            ``key=value``, a key is unknown or repeated, or a value is not allowed.
    """
    by_key = {knob.key: knob for knob in knobs}
    example = format_preset(family, knobs, {knob.key: knob.default for knob in knobs})
    allowed = i18n.both("widget.preset.allowed", family=family, example=example)
    if not isinstance(text, str):
        raise ConfigError("preset", text, allowed)
    head, colon, body = text.partition(":")
    if not colon or head.strip().lower() != family:
        raise ConfigError("preset", text, allowed, i18n.both("widget.preset.family", family=family))

    state = {knob.key: knob.default for knob in knobs}
    seen: set[str] = set()
    for item in body.split(","):
        if not item.strip():
            continue
        key, equals, value = item.partition("=")
        key = key.strip()
        if not equals or not key:
            raise ConfigError("preset", item.strip(), allowed, i18n.both("widget.preset.item"))
        if key not in by_key:
            keys = ", ".join(by_key)
            raise ConfigError("preset", key, keys, i18n.both("widget.preset.unknown_key"))
        if key in seen:
            raise ConfigError("preset", key, allowed, i18n.both("widget.preset.duplicate"))
        seen.add(key)
        state[key] = by_key[key].parse(value)
    return state


def parse_depths(text: str) -> tuple[int, ...]:
    """Read per-stage depths such as ``"2,2,3,3,3"`` (commas, slashes or spaces); raise ConfigError if not."""
    parts = [part for part in re.split(r"[,/\s]+", text.strip()) if part] if isinstance(text, str) else []
    depths = [checks.digits(part, max_digits=3) for part in parts]  # '²' looks like a digit but is none
    if not depths or None in depths:
        raise ConfigError("depths", text, i18n.both("widget.allowed.depths"))
    return tuple(depths)
