"""The four families, one builder each. 네 가지 모델 가족, 가족마다 빌더 하나.

``alexnet``, ``vgg``, ``googlenet`` (+ one ``inception`` module) and ``resnet`` build the
paper-scale network by default and a lab-scale twin with ``input_size=32,
num_classes=10, width=…``. ``from_name("resnet50")`` parses a short model name (it is
parsed, never executed). ``pretrained("resnet50")`` loads torchvision's ImageNet weights into one;
``scaled(channels, width)`` is the channel count a ``width`` multiplier gives.
"""

from __future__ import annotations

import re
from typing import Any

from torch import nn

from cnnlib import i18n
from cnnlib.errors import ConfigError
from cnnlib.models._common import scaled
from cnnlib.models.alexnet import alexnet
from cnnlib.models.googlenet import googlenet, inception
from cnnlib.models.resnet import resnet
from cnnlib.models.vgg import vgg
from cnnlib.models.weights import pretrained

__all__ = ["NAMES", "alexnet", "from_name", "googlenet", "inception", "pretrained", "resnet", "scaled", "vgg"]

# One family per line (each starred tuple fits a line, so the formatter keeps it whole).
NAMES = (
    *("alexnet", "alexnet_torchvision"),
    *("vgg11", "vgg13", "vgg16", "vgg19", "vgg11_bn", "vgg13_bn", "vgg16_bn", "vgg19_bn"),
    *("vgg_a", "vgg_a_lrn", "vgg_b", "vgg_c", "vgg_d", "vgg_e"),
    *("googlenet", "googlenet_torchvision"),
    *("resnet18", "resnet34", "resnet50", "resnet101", "resnet152"),
    *("resnet20_cifar", "resnet32_cifar", "resnet44_cifar", "resnet56_cifar", "resnet110_cifar"),
    *("plain20_cifar", "plain56_cifar"),
)


def from_name(name: str, **knobs: Any) -> nn.Module:
    """Build a model from a short name such as ``"vgg16_bn"``, ``"resnet56_cifar"``, ``"alexnet"``.

    짧은 이름(예: ``"resnet50"``)으로 모델을 만듭니다. 추가 설정은 키워드로 넘깁니다.
    ``NAMES`` lists the usual ones; any ``resnet<depth>[_cifar]``, ``plain<depth>[_cifar]``
    or ``vgg<11|13|16|19>[_bn]`` works.
    """
    key = name.strip().lower().replace("-", "_") if isinstance(name, str) else ""
    if key in ("alexnet", "alexnet_paper"):
        return alexnet("paper", **_free(name, knobs, "variant"))
    if key == "alexnet_torchvision":
        return alexnet("torchvision", **_free(name, knobs, "variant"))
    if key in ("googlenet", "googlenet_paper"):
        return googlenet("paper", **_free(name, knobs, "variant"))
    if key == "googlenet_torchvision":
        return googlenet("torchvision", **_free(name, knobs, "variant"))
    if match := re.fullmatch(r"vgg_?(a|a_lrn|b|c|d|e|11|13|16|19)(_bn)?", key):
        config = match.group(1).upper().replace("_", "-")
        knobs = _free(name, knobs, "config", "batch_norm")
        return vgg(int(config) if config.isdigit() else config, batch_norm=bool(match.group(2)), **knobs)
    if match := re.fullmatch(r"(resnet|plain)(\d+)(_cifar)?", key):
        variant = "cifar" if match.group(3) else "imagenet"
        knobs = _free(name, knobs, "depth", "variant", "skip")
        digits = match.group(2)  # int() refuses more than 4300 digits: anything past 6 is too deep anyway
        depth = int(digits) if len(digits) <= 6 else digits
        return resnet(depth, variant, skip=match.group(1) == "resnet", **knobs)
    raise ConfigError(
        "name",
        name,
        (", ".join(NAMES) + " 등", ", ".join(NAMES) + ", …"),
    )


def _free(name: str, knobs: dict[str, Any], *fixed: str) -> dict[str, Any]:
    """``knobs`` unless one of them is a setting the name already fixes (``resnet50`` and ``depth=18``)."""
    for knob in fixed:
        if knob in knobs:
            raise ConfigError(knob, knobs[knob], i18n.both("models.allowed.fixed_by_name", name=name))
    return knobs
