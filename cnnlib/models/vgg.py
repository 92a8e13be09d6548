"""VGG — Simonyan & Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
Recognition", ICLR 2015.

VGG: 3×3 합성곱(스트라이드 1, 패딩 1)만 깊게 쌓고, 2×2 최대 풀링으로 크기를 절반씩 줄입니다.
3×3 두 개를 쌓으면 5×5 하나와 수용 영역이 같고, 세 개면 7×7과 같지만 파라미터는 더 적고
비선형성(ReLU)은 더 많습니다.

Configurations from the paper's Table 1 (weight layers counted, "conv3-64" = 3×3, 64 channels):

====== ===== ================================================
config depth per stage (64, 128, 256, 512, 512 channels)
====== ===== ================================================
A      11    1, 1, 2, 2, 2
A-LRN  11    A with local response normalisation after the first conv
B      13    2, 2, 2, 2, 2
C      16    B plus one **1×1** conv at the end of stages 3, 4, 5
D      16    2, 2, 3, 3, 3
E      19    2, 2, 4, 4, 4
====== ===== ================================================

Layer names follow ``torchvision.models.vgg*`` (``features.0``, ``classifier.6``, …) so a
torchvision ``state_dict`` loads into configurations A, B, D and E with ``strict=True``.
"""

from __future__ import annotations

from typing import Any

from torch import nn

from cnnlib import checks, i18n
from cnnlib.errors import ConfigError
from cnnlib.models._common import ACTIVATIONS, RULES, build, flat_size, init_weights, scaled
from cnnlib.models.alexnet import AlexNet, local_response_norm, paper_classifier

STAGE_CHANNELS = (64, 128, 256, 512, 512)

# Each stage is a list of kernel sizes; 1 marks configuration C's 1×1 convolutions.
CONFIGS: dict[str, list[list[int]]] = {
    "A": [[3], [3], [3, 3], [3, 3], [3, 3]],
    "A-LRN": [[3], [3], [3, 3], [3, 3], [3, 3]],
    "B": [[3, 3], [3, 3], [3, 3], [3, 3], [3, 3]],
    "C": [[3, 3], [3, 3], [3, 3, 1], [3, 3, 1], [3, 3, 1]],
    "D": [[3, 3], [3, 3], [3, 3, 3], [3, 3, 3], [3, 3, 3]],
    "E": [[3, 3], [3, 3], [3, 3, 3, 3], [3, 3, 3, 3], [3, 3, 3, 3]],
}
DEPTHS = {11: "A", 13: "B", 16: "D", 19: "E"}
KNOBS = dict(RULES, kernel_size=(1, 3, 5, 7, 9, 11))  # odd: "same" padding k // 2 keeps the size


class VGG(AlexNet):
    """AlexNet's layout — features → avgpool → classifier — with deeper features: stages of
    convolutions, each ending in a 2×2 max-pool."""


def vgg_stage(
    in_channels: int, out_channels: int, kernels: list[int], batch_norm: bool, lrn_first: bool, act=None
) -> list[nn.Module]:
    """One VGG stage: k×k convolutions that keep the size (padding k//2), then a 2×2/2 max-pool."""
    act = act or ACTIVATIONS["relu"]
    layers: list[nn.Module] = []
    for i, k in enumerate(kernels):
        layers.append(nn.Conv2d(in_channels, out_channels, k, padding=k // 2))
        if batch_norm:
            layers.append(nn.BatchNorm2d(out_channels))
        layers.append(act())
        if lrn_first and i == 0:
            layers.append(local_response_norm())
        in_channels = out_channels
    layers.append(nn.MaxPool2d(2, 2))
    return layers


def _resolve_config(config: Any) -> tuple[str, list[list[int]]]:
    if isinstance(config, bool):
        pass
    elif checks.as_int(config) in DEPTHS:  # 16, or NumPy's 16
        name = DEPTHS[checks.as_int(config)]
        return name, CONFIGS[name]
    elif isinstance(config, str) and config.upper() in CONFIGS:
        name = config.upper()
        return name, CONFIGS[name]
    elif isinstance(config, str) and config.isdigit() and int(config) in DEPTHS:
        return _resolve_config(int(config))
    elif isinstance(config, (list, tuple)) and 1 <= len(config) <= len(STAGE_CHANNELS):
        depths = [checks.whole(f"config[{i}]", d, 1, 16) for i, d in enumerate(config)]
        return "custom", [[3] * d for d in depths]
    raise ConfigError("config", config, i18n.both("models.allowed.vgg_config"))


def vgg(
    config: Any = "D",
    *,
    batch_norm: bool = False,
    kernel_size: int = 3,
    activation: str = "relu",
    dropout: float = 0.5,
    fc_width: int = 4096,
    num_classes: int = 1000,
    input_size: int = 224,
    in_channels: int = 3,
    width: float = 1.0,
    init: str = "default",
    device: Any = None,
) -> VGG:
    """Build a VGG network. VGG 모델을 만듭니다.

    Args:
        config: ``"A"``, ``"A-LRN"``, ``"B"``, ``"C"``, ``"D"``, ``"E"``; or a depth
            11/13/16/19 (= A/B/D/E); or a list of per-stage depths such as ``[1, 1, 2]``.
        batch_norm: BatchNorm after every convolution (torchvision's ``vgg16_bn``; the
            paper predates batch normalisation).
        kernel_size: kernel of the stacked convolutions (3 in the paper; 5 or 7 to see
            what the paper avoided). Configuration C's 1×1 convolutions stay 1×1.
        activation: ``"relu"`` (the paper) or ``"tanh"`` (to compare, as the AlexNet lesson does).
        dropout: dropout after fc6 and fc7.
        fc_width: width of fc6 and fc7 (4096 in the paper).
        num_classes, input_size, in_channels: the data (ImageNet: 1000, 224, 3).
        width: multiplier for the convolution channels (0.25 → 16-32-64-128-128).
        init: ``"default"`` (torchvision's: He-normal convolutions, N(0, 0.01) FC layers),
            ``"kaiming"``, ``"xavier"`` or ``"normal"``.
        device: where the weights live; ``"meta"`` builds a weightless model for counting.
    """
    name, stages = _resolve_config(config)
    knobs = checks.knobs(
        KNOBS,
        batch_norm=batch_norm,
        kernel_size=kernel_size,
        activation=activation,
        dropout=dropout,
        fc_width=fc_width,
        num_classes=num_classes,
        input_size=input_size,
        in_channels=in_channels,
        width=width,
        init=init,
    )
    stages = [[knobs["kernel_size"] if k == 3 else k for k in stage] for stage in stages]
    config = {"family": "vgg", "config": name if name != "custom" else [len(s) for s in stages], **knobs}
    act = ACTIVATIONS[knobs["activation"]]
    channels = [scaled(c, knobs["width"]) for c in STAGE_CHANNELS[: len(stages)]]

    def make(size: int) -> VGG:
        layers: list[nn.Module] = []
        previous = knobs["in_channels"]
        for i, (kernels, out) in enumerate(zip(stages, channels, strict=True)):
            layers += vgg_stage(previous, out, kernels, knobs["batch_norm"], name == "A-LRN" and i == 0, act)
            previous = out
        features = nn.Sequential(*layers)
        # torchvision pools adaptively to 7×7; at 224 that is the identity (224 / 2⁵ = 7), and
        # keeping the actual final size means small lab images do not get blown up to 7×7.
        side = round((flat_size(features, knobs["in_channels"], size) // previous) ** 0.5)
        # AlexNet's fc6 → fc7 → fc8, dropout after fc6 and fc7, numbered 0 … 6 like torchvision's
        fc = paper_classifier(
            previous * side * side, knobs["fc_width"], knobs["num_classes"], act, knobs["dropout"]
        )
        return VGG(features, nn.AdaptiveAvgPool2d((side, side)), nn.Sequential(*fc))

    def initialise(model: VGG) -> None:
        if knobs["init"] != "default":
            init_weights(model, knobs["init"])
            return
        init_weights(model, "kaiming")
        for module in model.modules():  # torchvision: He-normal (fan_out) convolutions …
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(module, nn.Linear):
                nn.init.normal_(module.weight, 0, 0.01)  # … and small FC weights
                nn.init.zeros_(module.bias)

    return build(make, config, initialise, device)
