"""AlexNet — Krizhevsky, Sutskever & Hinton, "ImageNet Classification with Deep
Convolutional Neural Networks", NeurIPS 2012.

AlexNet: 5개의 합성곱 층과 3개의 완전 연결 층. ReLU, 국소 응답 정규화(LRN), 겹치는 풀링,
드롭아웃, 데이터 증강, 그리고 GPU 두 장에 나눠 학습한 것이 핵심입니다.

Two variants, one builder:

- ``"paper"``: the network of the paper, 96-256-384-384-256 channels, LRN after conv1 and
  conv2, overlapping 3×3/2 max-pooling, dropout after fc6 and fc7. The paper trained
  on two GPUs and conv2, conv4 and conv5 only saw the feature maps on their own GPU;
  that split is exactly a *grouped convolution* with ``groups=2``, so it is written
  that way. The paper says the input is 224×224, but (224 − 11)/4 + 1 = 54.25: the
  arithmetic only works for 227×227, which is the default here.
- ``"torchvision"``: layer for layer ``torchvision.models.alexnet`` (64-192-384-256-256,
  one GPU, no LRN, adaptive 6×6 pooling), so its ``state_dict`` loads with ``strict=True``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from torch import Tensor, nn

from cnnlib import checks, i18n
from cnnlib.errors import ConfigError
from cnnlib.models._common import (
    ACTIVATIONS,
    INITS,
    RULES,
    LocalResponseNorm,
    build,
    flat_size,
    init_weights,
    scaled,
)

VARIANTS = ("paper", "torchvision")
KNOBS = dict(RULES, variant=VARIANTS, lrn=bool, groups=range(1, 17), stem=("imagenet", "cifar"))
KNOBS["init"] = (*INITS, "paper")

# The paper's LRN: b = a / (k + α Σ a²)^β with k=2, n=5, α=1e-4, β=0.75. PyTorch divides
# α by n inside LocalResponseNorm, so the paper's α is passed as n·α. (This LocalResponseNorm is
# PyTorch's with the same formula and numbers, summed faster on a CPU: models/_common.py.)
LRN_SIZE, LRN_ALPHA, LRN_BETA, LRN_K = 5, 1e-4, 0.75, 2.0


def local_response_norm() -> nn.LocalResponseNorm:
    """The paper's local response normalisation (lateral inhibition across 5 neighbouring channels)."""
    return LocalResponseNorm(LRN_SIZE, alpha=LRN_SIZE * LRN_ALPHA, beta=LRN_BETA, k=LRN_K)


class AlexNet(nn.Module):
    """features (convolutions) → avgpool → flatten → classifier (fully connected). VGG keeps this layout."""

    def __init__(self, features: nn.Sequential, avgpool: nn.Module, classifier: nn.Sequential) -> None:
        super().__init__()
        self.features = features
        self.avgpool = avgpool
        self.classifier = classifier

    def forward(self, x: Tensor) -> Tensor:
        x = self.avgpool(self.features(x))
        return self.classifier(x.flatten(1))


def paper_features(
    c: list[int],
    stem: tuple[int, int, int],
    in_channels: int,
    groups: int,
    act: Callable[[], nn.Module],
    lrn: bool,
) -> OrderedDict[str, nn.Module]:
    """The five convolutional layers of the paper's Figure 2, named as in the paper (conv1 … pool5).

    논문 그림 2의 합성곱 다섯 층. ``c``는 다섯 층의 출력 채널 수, ``stem``은 conv1의 (커널, 스트라이드,
    패딩), ``groups=2``는 두 GPU 분할입니다.
    """
    c1, c2, c3, c4, c5 = c
    layers: OrderedDict[str, nn.Module] = OrderedDict()
    layers["conv1"] = nn.Conv2d(in_channels, c1, *stem)  # sees the whole image on both GPUs
    layers["relu1"] = act()
    if lrn:
        layers["lrn1"] = local_response_norm()
    layers["pool1"] = nn.MaxPool2d(3, 2)  # overlapping: window 3 > stride 2
    layers["conv2"] = nn.Conv2d(c1, c2, 5, padding=2, groups=groups)  # own GPU's half only
    layers["relu2"] = act()
    if lrn:
        layers["lrn2"] = local_response_norm()
    layers["pool2"] = nn.MaxPool2d(3, 2)
    layers["conv3"] = nn.Conv2d(c2, c3, 3, padding=1)  # the one layer that crosses GPUs
    layers["relu3"] = act()
    layers["conv4"] = nn.Conv2d(c3, c4, 3, padding=1, groups=groups)
    layers["relu4"] = act()
    layers["conv5"] = nn.Conv2d(c4, c5, 3, padding=1, groups=groups)
    layers["relu5"] = act()
    layers["pool5"] = nn.MaxPool2d(3, 2)
    return layers


def paper_classifier(
    flat: int, fc: int, num_classes: int, act: Callable[[], nn.Module], dropout: float
) -> nn.Sequential:
    """fc6 → fc7 → fc8: three fully connected layers, with dropout on the outputs of fc6 and fc7.

    완전 연결 층 세 개. 논문처럼 fc6과 fc7의 출력에 드롭아웃을 적용합니다.
    """
    return nn.Sequential(
        OrderedDict(
            fc6=nn.Linear(flat, fc),
            relu6=act(),
            drop6=nn.Dropout(dropout),
            fc7=nn.Linear(fc, fc),
            relu7=act(),
            drop7=nn.Dropout(dropout),
            fc8=nn.Linear(fc, num_classes),
        )
    )


def _torchvision_classifier(flat: int, fc: int, num_classes: int, act, dropout: float) -> nn.Sequential:
    # torchvision drops out the *inputs* of fc6 and fc7 (the paper: their outputs).
    fc6 = [nn.Dropout(dropout), nn.Linear(flat, fc), act()]
    fc7 = [nn.Dropout(dropout), nn.Linear(fc, fc), act()]
    fc8 = [nn.Linear(fc, num_classes)]
    return nn.Sequential(*fc6, *fc7, *fc8)  # numbered 0 … 6 like torchvision's


def alexnet(
    variant: str = "paper",
    *,
    activation: str = "relu",
    lrn: bool | None = None,
    dropout: float = 0.5,
    fc_width: int = 4096,
    num_classes: int = 1000,
    input_size: int | None = None,
    in_channels: int = 3,
    width: float = 1.0,
    groups: int | None = None,
    stem: str | None = None,
    init: str = "default",
    device: Any = None,
) -> AlexNet:
    """Build AlexNet. AlexNet 모델을 만듭니다.

    Args:
        variant: ``"paper"`` (Krizhevsky et al. 2012) or ``"torchvision"``.
        activation: ``"relu"`` (the paper's choice) or ``"tanh"`` (what it replaced).
        lrn: local response normalisation after conv1 and conv2. Default: on for the
            paper, off for torchvision.
        dropout: dropout probability in the first two fully connected layers (0 disables).
        fc_width: width of fc6 and fc7 (4096 in the paper).
        num_classes: size of the output (1000 for ImageNet, 10 at lab scale).
        input_size: image height = width. Default 227 (paper) or 224 (torchvision).
        in_channels: 3 for RGB, 1 for grey images.
        width: multiplier for every convolution's channels (0.25 → a lab-sized net).
        groups: groups of conv2/conv4/conv5 (paper default 2: the two-GPU split).
        stem: ``"imagenet"`` (11×11 stride 4) or ``"cifar"`` (5×5 stride 1 for 32×32
            images). Default: ``"imagenet"`` when ``input_size >= 64``, else ``"cifar"``.
        init: ``"default"`` (PyTorch's), ``"kaiming"``, ``"xavier"``, ``"normal"`` or
            ``"paper"`` (N(0, 0.01) weights; biases 1 in conv2, conv4, conv5, fc6, fc7).
        device: where the weights live; ``"meta"`` builds a weightless model for counting.
    """
    variant = checks.choice("variant", variant, VARIANTS)  # the variant sets the other defaults
    paper = variant == "paper"
    size = checks.whole("input_size", (227 if paper else 224) if input_size is None else input_size, 1, 4096)
    config = checks.knobs(
        KNOBS,
        variant=variant,
        activation=activation,
        lrn=paper if lrn is None else lrn,
        dropout=dropout,
        fc_width=fc_width,
        num_classes=num_classes,
        input_size=size,
        in_channels=in_channels,
        width=width,
        groups=(2 if paper else 1) if groups is None else groups,
        stem=("imagenet" if size >= 64 else "cifar") if stem is None else stem,
        init=init,
    )
    if not paper and config["groups"] != 1:
        raise ConfigError("groups", groups, i18n.both("models.allowed.groups_one"))
    base = [96, 256, 384, 384, 256] if paper else [64, 192, 384, 256, 256]
    groups = config["groups"]
    channels = [scaled(c, config["width"], groups) for c in base]  # grouped layers need multiples of groups
    # ImageNet stem: 11×11 stride 4 (torchvision pads by 2). Lab stem: 5×5 stride 1 keeps a 32×32 image.
    stem_conv = ((11, 4, 0) if paper else (11, 4, 2)) if config["stem"] == "imagenet" else (5, 1, 2)
    act, drop, fc, classes = (
        ACTIVATIONS[config["activation"]],
        config["dropout"],
        config["fc_width"],
        config["num_classes"],
    )

    def make(size: int) -> AlexNet:
        layers = paper_features(channels, stem_conv, config["in_channels"], groups, act, config["lrn"])
        if paper:  # the paper flattens pool5 directly
            features = nn.Sequential(layers)
            flat = flat_size(features, config["in_channels"], size)
            return AlexNet(features, nn.Identity(), paper_classifier(flat, fc, classes, act, drop))
        features = nn.Sequential(*layers.values())  # the same layers, numbered 0 … 12 like torchvision's
        classifier = _torchvision_classifier(channels[4] * 36, fc, classes, act, drop)
        return AlexNet(features, nn.AdaptiveAvgPool2d((6, 6)), classifier)  # torchvision: any input → 6×6

    def initialise(model: AlexNet) -> None:
        if config["init"] != "paper":
            init_weights(model, config["init"])
            return
        for name, module in model.named_modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                nn.init.normal_(module.weight, 0, 0.01)
                ones = name.endswith(("conv2", "conv4", "conv5", "fc6", "fc7"))
                nn.init.constant_(module.bias, 1.0 if ones else 0.0)  # gives ReLUs positive inputs early

    return build(make, {"family": "alexnet", **config}, initialise, device, exact_convs=paper)
