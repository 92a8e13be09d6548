"""GoogLeNet — Szegedy et al., "Going Deeper with Convolutions", CVPR 2015.

GoogLeNet의 핵심은 인셉션 모듈입니다. 1×1, 3×3, 5×5 합성곱과 3×3 풀링 네 갈래를 나란히 두고
출력을 채널 방향으로 이어 붙입니다. 3×3과 5×5 앞의 1×1 합성곱이 채널 수를 먼저 줄여 주기
때문에(차원 축소) 파라미터와 계산량이 크게 줄어듭니다.

Two variants, one builder:

- ``"paper"``: Table 1 of the paper — the 5×5 branch really is 5×5, no batch
  normalisation (it came later), local response normalisation after the stem, all
  max-pools 3×3/2, dropout 40 %.
- ``"torchvision"``: layer for layer ``torchvision.models.googlenet``. Its "5×5" branch
  uses a **3×3** kernel (a known quirk kept for its pretrained weights), every
  convolution is followed by BatchNorm, and dropout is 20 %.

Both can switch off the 1×1 reductions in front of the 3×3 and 5×5 branches
(``reduce=False``) so students see exactly what they save.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

import torch
from torch import Tensor, nn

from cnnlib import checks, i18n
from cnnlib.errors import ConfigError
from cnnlib.models._common import MAX_CHANNELS, RULES, build, init_weights, scaled
from cnnlib.models.alexnet import local_response_norm

VARIANTS = ("paper", "torchvision")
KNOBS = dict(
    RULES, variant=VARIANTS, reduce=bool, aux_logits=bool, stem=("imagenet", "cifar"), kernel5=(3, 5)
)
BRANCHES = ("in_channels", "ch1x1", "ch3x3red", "ch3x3", "ch5x5red", "ch5x5", "pool_proj")
KNOBS |= {branch: range(1, MAX_CHANNELS + 1) for branch in BRANCHES}

# name: (in, #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj) — the paper's Table 1.
INCEPTION_TABLE: dict[str, tuple[int, int, int, int, int, int, int]] = {
    "inception3a": (192, 64, 96, 128, 16, 32, 32),
    "inception3b": (256, 128, 128, 192, 32, 96, 64),
    "inception4a": (480, 192, 96, 208, 16, 48, 64),
    "inception4b": (512, 160, 112, 224, 24, 64, 64),
    "inception4c": (512, 128, 128, 256, 24, 64, 64),
    "inception4d": (512, 112, 144, 288, 32, 64, 64),
    "inception4e": (528, 256, 160, 320, 32, 128, 128),
    "inception5a": (832, 256, 160, 320, 32, 128, 128),
    "inception5b": (832, 384, 192, 384, 48, 128, 128),
}

GoogLeNetOutputs = namedtuple("GoogLeNetOutputs", ["logits", "aux_logits2", "aux_logits1"])


class BasicConv2d(nn.Module):
    """Convolution → (BatchNorm) → ReLU. Without BatchNorm the convolution keeps its bias."""

    def __init__(self, in_channels: int, out_channels: int, batch_norm: bool = True, **conv: Any) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=not batch_norm, **conv)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001) if batch_norm else nn.Identity()
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: Tensor) -> Tensor:
        return self.relu(self.bn(self.conv(x)))


class Inception(nn.Module):
    """Four parallel branches whose outputs are concatenated along the channels.

    ::

        x ─┬─ 1×1 ────────────────────────┐
           ├─ 1×1 reduce ─ 3×3 ───────────┤
           ├─ 1×1 reduce ─ 5×5 ───────────┼─ concat
           └─ 3×3 max-pool ─ 1×1 proj ────┘

    With ``reduce=False`` the 3×3 and 5×5 convolutions read all ``in_channels`` directly
    (the paper's "naïve" module, keeping the pool projection so the output width is the
    same): that is what the 1×1 reductions save.
    """

    def __init__(
        self,
        in_channels: int,
        ch1x1: int,
        ch3x3red: int,
        ch3x3: int,
        ch5x5red: int,
        ch5x5: int,
        pool_proj: int,
        reduce: bool = True,
        kernel5: int = 5,
        batch_norm: bool = False,
    ) -> None:
        super().__init__()

        def conv(cin: int, cout: int, k: int) -> BasicConv2d:
            return BasicConv2d(cin, cout, batch_norm, kernel_size=k, padding=k // 2)

        def reduced(width: int, out: int, k: int) -> nn.Sequential:
            if reduce:  # squeeze the channels with a 1×1 convolution first
                return nn.Sequential(conv(in_channels, width, 1), conv(width, out, k))
            return nn.Sequential(conv(in_channels, out, k))

        self.branch1 = conv(in_channels, ch1x1, 1)
        self.branch2 = reduced(ch3x3red, ch3x3, 3)
        self.branch3 = reduced(ch5x5red, ch5x5, kernel5)
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(3, stride=1, padding=1, ceil_mode=True), conv(in_channels, pool_proj, 1)
        )
        self.out_channels = ch1x1 + ch3x3 + ch5x5 + pool_proj

    def forward(self, x: Tensor) -> Tensor:
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], dim=1)


def inception(
    *channels: int, reduce: bool = True, kernel5: int = 5, batch_norm: bool = False, device: Any = None
) -> Inception:
    """Build one inception module from a row of ``INCEPTION_TABLE`` (a true 5×5 branch by default).

    인셉션 모듈 하나를 만듭니다. ``channels``는 논문 표 1의 한 줄(입력, #1×1, #3×3 축소, #3×3, #5×5 축소,
    #5×5, 풀링 사영)이고, ``reduce=False``이면 3×3·5×5 앞의 1×1 차원 축소를 뺍니다.
    """
    if len(channels) != len(BRANCHES):
        allowed = i18n.both("models.allowed.inception_row", n=len(BRANCHES), names=", ".join(BRANCHES))
        raise ConfigError("channels", channels, allowed)
    config = checks.knobs(KNOBS, **dict(zip(BRANCHES, channels, strict=True)), reduce=reduce, kernel5=kernel5)
    batch_norm = checks.flag("batch_norm", batch_norm)
    target = checks.device("cpu" if device is None else device, meta=True)
    with torch.device(target):
        module = Inception(**config, batch_norm=batch_norm)
    module.in_channels, module.config = config["in_channels"], config
    return module


class InceptionAux(nn.Module):
    """Auxiliary classifier on an intermediate layer (training only; adds 0.3 × its loss)."""

    def __init__(self, in_channels: int, num_classes: int, batch_norm: bool, dropout: float = 0.7) -> None:
        super().__init__()
        # The paper: 5×5/3 average pooling, which turns 14×14 into 4×4. Pooling adaptively to
        # 4×4 gives the same shape at 224 and keeps small lab images working.
        self.pool = nn.AdaptiveAvgPool2d((4, 4))
        self.conv = BasicConv2d(in_channels, 128, batch_norm, kernel_size=1)
        self.fc1 = nn.Linear(128 * 4 * 4, 1024)
        self.relu = nn.ReLU(inplace=True)
        self.dropout = nn.Dropout(dropout)
        self.fc2 = nn.Linear(1024, num_classes)

    def forward(self, x: Tensor) -> Tensor:
        x = self.conv(self.pool(x)).flatten(1)
        return self.fc2(self.dropout(self.relu(self.fc1(x))))


class GoogLeNet(nn.Module):
    """Stem → inception 3a, 3b → pool → 4a … 4e → pool → 5a, 5b → global average pool → FC.

    In training mode with auxiliary classifiers it returns ``GoogLeNetOutputs(logits,
    aux_logits2, aux_logits1)`` like torchvision; otherwise just the logits.
    """

    aux_weight = 0.3  # the paper weights each auxiliary loss by 0.3

    def __init__(
        self,
        c: dict[str, tuple],
        stem: tuple[int, int, int],
        num_classes: int,
        variant: str,
        reduce: bool,
        aux_logits: bool,
        dropout: float,
        in_channels: int,
        small_images: bool = False,
    ) -> None:
        super().__init__()
        paper = variant == "paper"
        bn = not paper

        def block(name: str) -> Inception:
            return Inception(*c[name], reduce=reduce, kernel5=5 if paper else 3, batch_norm=bn)

        s1, s2, s3 = stem
        # ImageNet stem: 7×7 stride 2. Small (32×32) images keep their size with a 3×3 stride 1,
        # otherwise the last inception modules would see a single pixel.
        k1, stride1 = (3, 1) if small_images else (7, 2)
        self.conv1 = BasicConv2d(in_channels, s1, bn, kernel_size=k1, stride=stride1, padding=k1 // 2)
        self.maxpool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.lrn1 = local_response_norm() if paper else nn.Identity()
        self.conv2 = BasicConv2d(s1, s2, bn, kernel_size=1)
        self.conv3 = BasicConv2d(s2, s3, bn, kernel_size=3, padding=1)
        self.lrn2 = local_response_norm() if paper else nn.Identity()
        self.maxpool2 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception3a, self.inception3b = block("inception3a"), block("inception3b")
        self.maxpool3 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.inception4a, self.inception4b = block("inception4a"), block("inception4b")
        self.inception4c, self.inception4d = block("inception4c"), block("inception4d")
        self.inception4e = block("inception4e")
        # The paper pools 3×3/2 here too; torchvision uses 2×2/2 (same 14 → 7).
        self.maxpool4 = nn.MaxPool2d(3 if paper else 2, stride=2, ceil_mode=True)
        self.inception5a, self.inception5b = block("inception5a"), block("inception5b")
        self.aux_logits = aux_logits
        self.aux1 = InceptionAux(self.inception4a.out_channels, num_classes, bn) if aux_logits else None
        self.aux2 = InceptionAux(self.inception4d.out_channels, num_classes, bn) if aux_logits else None
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))  # the paper's 7×7 average pool at 224
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(self.inception5b.out_channels, num_classes)

    def forward(self, x: Tensor) -> Tensor | GoogLeNetOutputs:
        x = self.maxpool2(self.lrn2(self.conv3(self.conv2(self.lrn1(self.maxpool1(self.conv1(x)))))))
        x = self.maxpool3(self.inception3b(self.inception3a(x)))
        x = self.inception4a(x)
        aux1 = self.aux1(x) if self.aux1 is not None and self.training else None
        x = self.inception4d(self.inception4c(self.inception4b(x)))
        aux2 = self.aux2(x) if self.aux2 is not None and self.training else None
        x = self.maxpool4(self.inception4e(x))
        x = self.inception5b(self.inception5a(x))
        x = self.fc(self.dropout(self.avgpool(x).flatten(1)))
        if self.training and self.aux_logits:
            return GoogLeNetOutputs(x, aux2, aux1)
        return x


def googlenet(
    variant: str = "paper",
    *,
    reduce: bool = True,
    aux_logits: bool = True,
    dropout: float | None = None,
    num_classes: int = 1000,
    input_size: int = 224,
    in_channels: int = 3,
    width: float = 1.0,
    stem: str | None = None,
    init: str = "default",
    device: Any = None,
) -> GoogLeNet:
    """Build GoogLeNet (Inception v1). GoogLeNet(인셉션 v1) 모델을 만듭니다.

    Args:
        variant: ``"paper"`` (true 5×5 branches, no BatchNorm, LRN) or ``"torchvision"``
            (3×3 in the "5×5" branch, BatchNorm; loads torchvision's state_dict).
        reduce: keep the 1×1 reductions before the 3×3 and 5×5 convolutions.
        aux_logits: the two auxiliary classifiers used during training.
        dropout: before the last FC layer (default 0.4 paper, 0.2 torchvision).
        num_classes, input_size, in_channels: the data (ImageNet: 1000, 224, 3).
        width: multiplier for every channel count in the network.
        stem: ``"imagenet"`` (7×7 stride 2) or ``"cifar"`` (3×3 stride 1 for 32×32 images).
            Default: ``"imagenet"`` when ``input_size >= 64``, else ``"cifar"``.
        init: ``"default"`` (torchvision variant: truncated N(0, 0.01) as torchvision; paper
            variant, which has no batch norm: He init), ``"kaiming"``, ``"xavier"`` or ``"normal"``.
        device: where the weights live; ``"meta"`` builds a weightless model for counting.
    """
    variant = checks.choice("variant", variant, VARIANTS)  # the variant sets the dropout's default
    size = checks.whole("input_size", input_size, 1, 4096)
    config = checks.knobs(
        KNOBS,
        variant=variant,
        reduce=reduce,
        aux_logits=aux_logits,
        dropout=(0.4 if variant == "paper" else 0.2) if dropout is None else dropout,
        num_classes=num_classes,
        input_size=size,
        in_channels=in_channels,
        width=width,
        stem=("imagenet" if size >= 64 else "cifar") if stem is None else stem,
        init=init,
    )
    table = {name: tuple(scaled(c, config["width"]) for c in row) for name, row in INCEPTION_TABLE.items()}
    stem_widths = (scaled(64, config["width"]), scaled(64, config["width"]), scaled(192, config["width"]))
    _chain_inputs(table, stem_widths[2])
    knobs = [config[k] for k in ("num_classes", "variant", "reduce", "aux_logits", "dropout", "in_channels")]

    def make(size: int) -> GoogLeNet:  # the size changes nothing: the network pools adaptively
        return GoogLeNet(table, stem_widths, *knobs, small_images=config["stem"] == "cifar")

    def initialise(model: GoogLeNet) -> None:
        if config["init"] != "default" or variant == "paper":
            # Without batch norm, torchvision's N(0, 0.01) weights shrink the signal at every layer
            # until nothing learns (seen at lab scale): the paper variant starts from He init instead.
            init_weights(model, "kaiming" if config["init"] == "default" else config["init"])
            return
        for module in model.modules():  # torchvision's scheme
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                nn.init.trunc_normal_(module.weight, mean=0.0, std=0.01, a=-2, b=2)
                if module.bias is not None:
                    nn.init.zeros_(module.bias)
            elif isinstance(module, nn.BatchNorm2d):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)

    return build(make, {"family": "googlenet", **config}, initialise, device)


def _chain_inputs(table: dict[str, tuple[int, ...]], stem_out: int) -> None:
    """After scaling, make every module's input width equal its predecessor's output width."""
    previous = stem_out
    for name, row in table.items():
        table[name] = (previous, *row[1:])
        _, c1, _, c3, _, c5, cp = table[name]
        previous = c1 + c3 + c5 + cp
