"""ResNet — He, Zhang, Ren & Sun, "Deep Residual Learning for Image Recognition", CVPR 2016.

층을 더 쌓았는데 *학습* 오차까지 커지는 성능 저하(degradation) 문제를, 블록이 원하는 함수
H(x)를 직접 배우는 대신 잔차 F(x) = H(x) − x를 배우고 입력 x를 지름길로 더해 주는 방식으로
풀었습니다: 출력 = F(x) + x. 블록이 할 일이 없으면 F를 0으로 만들기만 하면 됩니다.

Read top-down: block (BasicBlock, Bottleneck) → stage (``make_stage``) → network (ResNet).
The same code builds

- ``variant="imagenet"``: ResNet-18/34 (basic blocks) and 50/101/152 (bottleneck blocks)
  of the paper's Table 1, named exactly like ``torchvision.models.resnet*`` so a
  torchvision ``state_dict`` loads with ``strict=True``;
- ``variant="cifar"``: the paper's §4.2 networks for 32×32 images — a 3×3 conv with 16
  channels, three stages of 16/32/64 channels, global average pooling, FC: 6n+2 layers
  (ResNet-20, 32, 44, 56, 110);
- ``skip=False``: the *plain* twin — the same convolutions without the shortcut additions.
"""

from __future__ import annotations

from typing import Any

import torch.nn.functional as F
from torch import Tensor, nn

from cnnlib import checks, i18n
from cnnlib.errors import ConfigError
from cnnlib.models._common import RULES, build, init_weights, scaled

VARIANTS = ("imagenet", "cifar")
KNOBS = dict(RULES, variant=VARIANTS, skip=bool, shortcut=("A", "B", "C"), downsample_at=("1x1", "3x3"))
KNOBS["block"] = ("basic", "bottleneck")

# ImageNet depth → (block, blocks per stage): the paper's Table 1.
IMAGENET_DEPTHS: dict[int, tuple[str, list[int]]] = {
    18: ("basic", [2, 2, 2, 2]),
    34: ("basic", [3, 4, 6, 3]),
    50: ("bottleneck", [3, 4, 6, 3]),
    101: ("bottleneck", [3, 4, 23, 3]),
    152: ("bottleneck", [3, 8, 36, 3]),
}
MAX_CIFAR_DEPTH = 1202  # the paper's deepest CIFAR network (§4.2); it builds in about a second


def conv3x3(in_channels: int, out_channels: int, stride: int = 1, bias: bool = False) -> nn.Conv2d:
    """3×3 convolution with padding 1: keeps the size when ``stride`` is 1."""
    return nn.Conv2d(in_channels, out_channels, 3, stride, padding=1, bias=bias)


def conv1x1(in_channels: int, out_channels: int, stride: int = 1, bias: bool = False) -> nn.Conv2d:
    """1×1 convolution: mixes channels at each pixel, the cheap way to change the channel count."""
    return nn.Conv2d(in_channels, out_channels, 1, stride, bias=bias)


class PadShortcut(nn.Module):
    """Option A: the identity, subsampled by ``stride`` and zero-padded with extra channels.

    It has no parameters — the paper's CIFAR networks use it everywhere.
    """

    def __init__(self, stride: int, extra_channels: int) -> None:
        super().__init__()
        self.stride, self.extra_channels = stride, extra_channels

    def forward(self, x: Tensor) -> Tensor:
        x = x[:, :, :: self.stride, :: self.stride]
        return F.pad(x, (0, 0, 0, 0, 0, self.extra_channels))  # zeros for the new channels


def norm(channels: int, batch_norm: bool) -> nn.Module:
    return nn.BatchNorm2d(channels) if batch_norm else nn.Identity()


class BasicBlock(nn.Module):
    """Two 3×3 convolutions; out = ReLU(F(x) + shortcut(x)), F = conv-BN-ReLU-conv-BN."""

    expansion = 1

    def __init__(
        self,
        in_channels: int,
        planes: int,
        stride: int = 1,
        downsample: nn.Module | None = None,
        *,
        skip: bool = True,
        batch_norm: bool = True,
    ) -> None:
        super().__init__()
        self.conv1 = conv3x3(in_channels, planes, stride, bias=not batch_norm)
        self.bn1 = norm(planes, batch_norm)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes, bias=not batch_norm)
        self.bn2 = norm(planes, batch_norm)
        self.downsample = downsample
        self.skip = skip

    def forward(self, x: Tensor) -> Tensor:
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))  # this is F(x), the residual
        if self.skip:
            out = out + (x if self.downsample is None else self.downsample(x))
        return self.relu(out)


class Bottleneck(nn.Module):
    """1×1 (reduce) → 3×3 → 1×1 (expand ×4): cheaper than two 3×3 at the same width."""

    expansion = 4

    def __init__(
        self,
        in_channels: int,
        planes: int,
        stride: int = 1,
        downsample: nn.Module | None = None,
        *,
        skip: bool = True,
        batch_norm: bool = True,
        downsample_at: str = "3x3",
    ) -> None:
        super().__init__()
        # The paper subsamples in the first 1×1 convolution; torchvision ("ResNet v1.5")
        # moved the stride to the 3×3, which costs more MACs but trains to better accuracy.
        stride1, stride3 = (stride, 1) if downsample_at == "1x1" else (1, stride)
        self.conv1 = conv1x1(in_channels, planes, stride1, bias=not batch_norm)
        self.bn1 = norm(planes, batch_norm)
        self.conv2 = conv3x3(planes, planes, stride3, bias=not batch_norm)
        self.bn2 = norm(planes, batch_norm)
        self.conv3 = conv1x1(planes, planes * self.expansion, bias=not batch_norm)
        self.bn3 = norm(planes * self.expansion, batch_norm)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.skip = skip

    def forward(self, x: Tensor) -> Tensor:
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))  # F(x)
        if self.skip:
            out = out + (x if self.downsample is None else self.downsample(x))
        return self.relu(out)


def shortcut_for(
    in_channels: int, out_channels: int, stride: int, kind: str, batch_norm: bool
) -> nn.Module | None:
    """The shortcut of one block: None (identity), zero-padding (A) or a 1×1 projection (B, C).

    B projects only where the shape changes (channels or size); C projects everywhere.
    """
    changes_shape = stride != 1 or in_channels != out_channels
    if kind == "C" or (kind == "B" and changes_shape):
        # 1×1 projection shortcut: matches channels (and, with stride 2, the size).
        return nn.Sequential(
            conv1x1(in_channels, out_channels, stride, bias=not batch_norm), norm(out_channels, batch_norm)
        )
    if changes_shape:
        return PadShortcut(stride, out_channels - in_channels)
    return None


def make_stage(
    block: type[BasicBlock | Bottleneck],
    in_channels: int,
    planes: int,
    blocks: int,
    stride: int,
    **options: Any,
) -> nn.Sequential:
    """One stage: ``blocks`` blocks of the same width; the first one may halve the size.

    ``options``: the ``shortcut`` kind, then what every block takes (``skip``, ``batch_norm``, …).
    """
    shortcut = options.pop("shortcut")
    layers = []
    for i in range(blocks):
        block_in = in_channels if i == 0 else planes * block.expansion
        block_stride = stride if i == 0 else 1
        down = shortcut_for(block_in, planes * block.expansion, block_stride, shortcut, options["batch_norm"])
        layers.append(block(block_in, planes, block_stride, down if options["skip"] else None, **options))
    return nn.Sequential(*layers)


class ResNet(nn.Module):
    """Stem → stages (``layer1`` … ``layerN``) → global average pool → FC."""

    def __init__(
        self,
        block: type[BasicBlock | Bottleneck],
        blocks: list[int],
        planes: list[int],
        stem: int,
        imagenet: bool,
        num_classes: int,
        in_channels: int,
        **options: Any,
    ) -> None:
        super().__init__()
        batch_norm = options["batch_norm"]
        if imagenet:  # 7×7/2 convolution and 3×3/2 max-pool: 224 → 56
            self.conv1 = nn.Conv2d(in_channels, stem, 7, stride=2, padding=3, bias=not batch_norm)
            self.maxpool: nn.Module = nn.MaxPool2d(3, stride=2, padding=1)
        else:  # CIFAR: one 3×3 convolution, the image stays 32×32
            self.conv1 = conv3x3(in_channels, stem, bias=not batch_norm)
            self.maxpool = nn.Identity()
        self.bn1 = norm(stem, batch_norm)
        self.relu = nn.ReLU(inplace=True)
        previous = stem
        self.stages = len(blocks)
        for i, (count, width) in enumerate(zip(blocks, planes, strict=True)):
            stride = 1 if i == 0 else 2  # every later stage halves the size and grows the width
            setattr(self, f"layer{i + 1}", make_stage(block, previous, width, count, stride, **options))
            previous = width * block.expansion
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(previous, num_classes)

    def forward(self, x: Tensor) -> Tensor:
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        for i in range(self.stages):
            x = getattr(self, f"layer{i + 1}")(x)
        return self.fc(self.avgpool(x).flatten(1))


def _blocks_for(depth: Any, imagenet: bool, block: str | None) -> tuple[str, list[int]]:
    """The block and the blocks per stage for ``depth`` (Table 1 on ImageNet, 6n+2 or 9n+2 on CIFAR)."""
    whole = checks.as_int(depth)  # a NumPy integer is a depth too
    if imagenet:
        if whole not in IMAGENET_DEPTHS:
            raise ConfigError("depth", depth, "18, 34, 50, 101, 152")
        paper_block, blocks = IMAGENET_DEPTHS[whole]
        if block not in (None, paper_block):
            allowed = i18n.both("models.allowed.imagenet_block", block=paper_block, depth=whole)
            raise ConfigError("block", block, allowed)
        return paper_block, blocks
    block = block or "basic"
    step = 3 * (2 if block == "basic" else 3)  # three stages of blocks with 2 (basic) or 3 weighted layers
    deepest = MAX_CIFAR_DEPTH - (MAX_CIFAR_DEPTH - 2) % step  # 1202 (basic), 1199 (bottleneck)
    if whole is None or whole < step + 2 or (whole - 2) % step or whole > deepest:
        examples = ", ".join(str(step * n + 2) for n in (1, 2, 3, 5, 7, 9, 18))
        allowed = i18n.both("models.allowed.cifar_depth", step=step, examples=examples, deepest=deepest)
        too_deep = whole is not None and whole > deepest
        problem = i18n.both(
            "models.problem.depth_limit" if too_deep else "models.problem.cifar_block",
            block=block,
            limit=deepest,
        )
        raise ConfigError("depth", depth, allowed, problem)
    n = (whole - 2) // step
    return block, [n, n, n]


def resnet(
    depth: int | None = None,
    variant: str = "imagenet",
    *,
    skip: bool = True,
    shortcut: str | None = None,
    block: str | None = None,
    batch_norm: bool = True,
    downsample_at: str = "1x1",
    num_classes: int | None = None,
    input_size: int | None = None,
    in_channels: int = 3,
    width: float = 1.0,
    init: str = "default",
    device: Any = None,
) -> ResNet:
    """Build a ResNet or its plain twin. ResNet(또는 지름길이 없는 플레인 쌍둥이)을 만듭니다.

    Args:
        depth: weighted layers. ImageNet: 18, 34, 50, 101, 152 (default 18). CIFAR:
            6n+2 with basic blocks (20, 32, 44, 56, 110, …; default 20) or 9n+2 with
            bottleneck blocks.
        variant: ``"imagenet"`` (224×224, 1000 classes) or ``"cifar"`` (32×32, 10 classes).
        skip: the shortcut connections; ``False`` gives the plain network of the paper
            (same convolutions, no additions, no projection layers).
        shortcut: ``"A"`` zero-padding identity (no parameters; the CIFAR default),
            ``"B"`` 1×1 projection where the shape changes (the ImageNet default), ``"C"``
            projection on every block (the paper's Table 3).
        block: ``"basic"`` or ``"bottleneck"`` (CIFAR only; ImageNet depth fixes it).
        batch_norm: BatchNorm after every convolution (off: convolutions get biases).
        downsample_at: where a bottleneck block subsamples: ``"1x1"`` (the paper, default) or
            ``"3x3"`` (torchvision's "v1.5"; use it with torchvision's pretrained weights —
            the state_dict layout is the same either way).
        num_classes, input_size, in_channels: the data (default 1000/224 ImageNet, 10/32 CIFAR).
        width: multiplier for every channel count.
        init: ``"default"`` (torchvision's: He/Kaiming normal convolutions), ``"kaiming"``,
            ``"xavier"`` or ``"normal"`` (N(0, 0.01): watch the gradients vanish).
        device: where the weights live; ``"meta"`` builds a weightless model for counting.
    """
    imagenet = checks.choice("variant", variant, VARIANTS) == "imagenet"  # it sets the defaults
    block = None if block is None else checks.choice("block", block, KNOBS["block"])
    depth = (18 if imagenet else 20) if depth is None else depth
    block, blocks = _blocks_for(depth, imagenet, block)
    config = {"family": "resnet", "depth": checks.as_int(depth)}  # checked: a NumPy integer becomes an int
    config |= checks.knobs(
        KNOBS,
        variant="imagenet" if imagenet else "cifar",
        skip=skip,
        shortcut=("B" if imagenet else "A") if shortcut is None else shortcut,
        block=block,
        batch_norm=batch_norm,
        downsample_at=downsample_at,
        num_classes=(1000 if imagenet else 10) if num_classes is None else num_classes,
        input_size=(224 if imagenet else 32) if input_size is None else input_size,
        in_channels=in_channels,
        width=width,
        init=init,
    )
    planes = [scaled(c, config["width"]) for c in ([64, 128, 256, 512] if imagenet else [16, 32, 64])]
    stem = scaled(64 if imagenet else 16, config["width"])
    block_type = BasicBlock if block == "basic" else Bottleneck
    options = {k: config[k] for k in ("shortcut", "skip", "batch_norm")}
    if block == "bottleneck":
        options["downsample_at"] = config["downsample_at"]  # a basic block has one place to subsample

    def make(size: int) -> ResNet:  # the size changes nothing: the network pools adaptively
        classes, channels = config["num_classes"], config["in_channels"]
        return ResNet(block_type, blocks, planes, stem, imagenet, classes, channels, **options)

    def initialise(model: ResNet) -> None:
        if config["init"] != "default":
            init_weights(model, config["init"])
            return
        for module in model.modules():  # torchvision's scheme; the FC layer keeps PyTorch's default
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(module, nn.BatchNorm2d):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)

    return build(make, config, initialise, device)
