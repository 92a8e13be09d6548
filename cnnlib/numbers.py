"""Every number the lecture explorers show, as pure functions of the knobs.

탐색기가 보여 주는 강의 숫자(파라미터, MAC, 단계별 합계, 수용 영역, MAC 계산식, GoogLeNet 합계)를
설정(knob)만으로 계산하는 순수 함수들입니다. 위젯도 노트북도 같은 함수를 부릅니다.

    from cnnlib.numbers import numbers
    numbers("resnet", depth=56, variant="cifar").total_params    # knobs left out keep their default

Each ``*_numbers(state)`` builds the model of an explorer state on the ``"meta"`` device (no
weights), counts it with :func:`cnnlib.count.table` and regroups the table's rows the way the
lecture reads them (VGG: stages with their receptive fields; Inception: branches with their
formulas; ResNet: stages and shortcut parameters). :func:`numbers` is the cached entry point.
Nothing here draws or imports ipywidgets.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from torch import nn

from cnnlib import atlas, count
from cnnlib.count import ParamTable
from cnnlib.errors import ConfigError
from cnnlib.models import alexnet, googlenet, inception, resnet, vgg
from cnnlib.models._common import scaled
from cnnlib.models.vgg import CONFIGS

__all__ = [
    "COUNTERS",
    "DEFAULTS",
    "AlexNetNumbers",
    "Branch",
    "InceptionNumbers",
    "Numbers",
    "ResNetNumbers",
    "ResNetStage",
    "VGGNumbers",
    "VGGStage",
    "alexnet_numbers",
    "build_alexnet",
    "build_resnet",
    "build_vgg",
    "clear_cache",
    "googlenet_totals",
    "inception_numbers",
    "mac_formula",
    "module_input_size",
    "numbers",
    "receptive_fields",
    "resnet_name",
    "resnet_numbers",
    "setting",
    "stage_kernels",
    "vgg_name",
    "vgg_numbers",
]


@dataclass(frozen=True)
class Numbers:
    """What an explorer shows for one valid state (each family adds its own fields).

    탐색기가 보여 주는 숫자(올바른 설정 하나에 대해).
    """

    name: str  # e.g. "ResNet-56 (CIFAR)"
    table: ParamTable
    input_shape: tuple[int, ...]
    num_classes: int
    # The counted model (meta device), for the diagram; None once the numbers are in the cache.
    model: nn.Module | None = field(default=None, kw_only=True, repr=False, compare=False)

    @property
    def total_params(self) -> int:
        return self.table.total_params

    @property
    def total_macs(self) -> int:
        return self.table.total_macs


# ------------------------------------------------------------------------------------ AlexNet


def build_alexnet(state: dict[str, Any], device: Any = "meta", lab: bool | None = None) -> nn.Module:
    """The AlexNet of an explorer state; ``lab`` overrides the state's scale.

    탐색기 설정에 맞는 AlexNet을 만듭니다(기본은 가중치 없는 메타 장치). At lab scale it is the
    atlas's lab twin, the network Train trains.
    """
    lab = state["scale"] == "lab" if lab is None else lab
    if lab:
        return atlas.lab_model("alexnet", state, device=device)
    return alexnet(
        state["variant"],
        activation=state["act"],
        lrn=state["lrn"],
        dropout=state["dropout"],
        fc_width=state["fc"],
        device=device,
    )


@dataclass(frozen=True)
class AlexNetNumbers(Numbers):
    by_kind: dict[str, int]


def alexnet_numbers(state: dict[str, Any]) -> AlexNetNumbers:
    """Count the AlexNet of ``state`` on the meta device (raises ConfigError). 세기만 합니다."""
    model = build_alexnet(state)
    table = count.table(model)
    return AlexNetNumbers(
        f"AlexNet ({state['variant']})",
        table,
        table.input_shape,
        model.num_classes,
        table.by_kind(),
        model=model,
    )


# ---------------------------------------------------------------------------------------- VGG


def receptive_fields(stages: Sequence[Sequence[int]]) -> list[int]:
    """Receptive field of the last convolution of every stage, in input pixels.

    단계마다 마지막 합성곱의 수용 영역(입력 픽셀 수)을 계산합니다.

    Each stage is a list of kernel sizes of stride-1 convolutions, followed by a 2×2 max-pool
    with stride 2 (VGG's layout). Walking forward, keep the receptive field ``field`` and the
    *jump* (how many input pixels one step on the current feature map spans):

    - a k×k stride-1 convolution adds ``(k − 1) × jump`` to the field;
    - a 2×2/2 pool adds ``1 × jump`` to the field and doubles the jump.

    So two 3×3 convolutions see 5×5 pixels and three see 7×7; VGG-16 (configuration D)
    gives 5, 14, 40, 92, 196.
    """
    field, jump = 1, 1
    fields = []
    for kernels in stages:
        for k in kernels:
            field += (k - 1) * jump
        fields.append(field)
        field += (2 - 1) * jump  # the 2×2 max-pool ...
        jump *= 2  # ... with stride 2
    return fields


def build_vgg(state: dict[str, Any], device: Any = "meta", lab: bool | None = None) -> nn.Module:
    """The VGG of an explorer state; ``lab`` overrides the state's scale (lab: the atlas's lab twin)."""
    lab = state["scale"] == "lab" if lab is None else lab
    if lab:
        return atlas.lab_model("vgg", state, device=device)
    config = list(state["config"]) if isinstance(state["config"], tuple) else state["config"]
    return vgg(
        config,
        kernel_size=state["k"],
        batch_norm=state["bn"],
        fc_width=state["fc"],
        device=device,
    )


def vgg_name(state: dict[str, Any]) -> str:
    """``VGG-16 (D)``, ``VGG-13 (2/2/2/2/2, 5×5, BN)``: weight layers = convolutions + 3 FC."""
    config = state["config"]
    kernels = CONFIGS[config] if isinstance(config, str) else [[3] * d for d in config]
    depth = sum(len(stage) for stage in kernels) + 3
    parts = [config if isinstance(config, str) else "/".join(map(str, config))]
    parts += [f"{state['k']}×{state['k']}"] if state["k"] != 3 else []
    parts += ["BN"] if state["bn"] else []
    return f"VGG-{depth} ({', '.join(parts)})"


@dataclass(frozen=True)
class VGGStage:
    """One row of the VGG stage table."""

    label: str
    kernels: tuple[int, ...]  # empty for the classifier
    channels: str  # "64"; the classifier: its layers' widths, "4096/4096/1000"
    output: tuple[int, ...] | None
    params: int
    macs: int
    receptive_field: int | None


@dataclass(frozen=True)
class VGGNumbers(Numbers):
    stages: tuple[VGGStage, ...]


def stage_kernels(features: nn.Sequential) -> list[list[int]]:
    """Kernel sizes of the convolutions of every stage (a stage ends at a max-pool)."""
    stages: list[list[int]] = []
    current: list[int] = []
    for layer in features:
        if isinstance(layer, nn.Conv2d):
            current.append(layer.kernel_size[0])
        elif isinstance(layer, nn.MaxPool2d):
            stages.append(current)
            current = []
    return stages


def vgg_numbers(state: dict[str, Any]) -> VGGNumbers:
    """Count the VGG of ``state`` on the meta device, stage by stage (raises ConfigError)."""
    model = build_vgg(state)
    table = count.table(model)
    params, macs = table.by_stage(), table.macs_by_stage()
    kernels = stage_kernels(model.features)
    fields = receptive_fields(kernels)
    stages = []
    for i, (stage_kernels_, field_) in enumerate(zip(kernels, fields, strict=True), start=1):
        key = f"features:{i}"
        rows = [row for row in table.rows if row.stage == key]
        convs = [row for row in rows if row.kind == "conv"]
        stages.append(
            VGGStage(
                str(i),
                tuple(stage_kernels_),
                str(convs[-1].output_shape[0]),
                rows[-1].output_shape,  # the max-pool ends the stage
                params.get(key, 0),
                macs.get(key, 0),
                field_,
            )
        )
    fc_rows = [row for row in table.rows if row.kind == "fc"]
    widths = "/".join(str(row.output_shape[0]) for row in fc_rows)
    stages.append(VGGStage("FC", (), widths, None, params["classifier"], macs["classifier"], None))
    return VGGNumbers(
        vgg_name(state), table, table.input_shape, model.num_classes, tuple(stages), model=model
    )


# ---------------------------------------------------------------------------------- Inception

CHANNELS = ("in", "1x1", "3x3r", "3x3", "5x5r", "5x5", "pool")  # inception()'s argument order


def mac_formula(conv: nn.Conv2d, output_shape: tuple[int, ...]) -> str:
    """``H×W × C_out × (C_in × k×k) = MACs``: one multiply-add per weight per output pixel.

    합성곱의 곱셈-누적 횟수 = 출력 크기(H×W) × 출력 채널 × (입력 채널 × k×k).
    """
    channels, height, width = output_shape
    kh, kw = conv.kernel_size
    cin = conv.in_channels // conv.groups
    macs = height * width * channels * cin * kh * kw
    return f"{height}×{width} × {channels} × ({cin} × {kh}×{kw}) = {macs:,}"


def googlenet_totals(variant: str, scale: str, width: float) -> dict[bool, tuple[int, int]]:
    """Whole GoogLeNet ``{reduce: (params, MACs)}`` with and without the 1×1 reductions.

    GoogLeNet 전체의 파라미터와 MAC(1×1 차원 축소가 있을 때와 없을 때).
    """
    return {reduce: _googlenet_table(variant, scale, width, reduce)[:2] for reduce in (True, False)}


def module_input_size(scale: str) -> int:
    """Height (= width) of the feature map inception (3a) sees: 28 at 224×224; at 32×32, whatever
    the lab GoogLeNet's stem leaves of the image.

    Only the input size matters (both variants share the stem; the width changes channels, not
    sizes), so this is counted once per scale.
    """
    return _googlenet_table("paper", scale, 1.0, True)[2]


@functools.lru_cache(maxsize=64)
def _googlenet_table(variant: str, scale: str, width: float, reduce: bool) -> tuple[int, int, int]:
    """(params, MACs, inception (3a) input size) of one GoogLeNet: one build, one count."""
    data = dict(atlas.LAB, width=width) if scale == "lab" else {}
    table = count.table(googlenet(variant, reduce=reduce, device="meta", **data))
    return table.total_params, table.total_macs, table["inception3a.branch1.conv"].input_shape[-1]


@dataclass(frozen=True)
class Branch:
    """One of the four parallel branches of the module."""

    layers: tuple[str, ...]  # e.g. ("1×1", "3×3") or ("pool", "1×1")
    out_channels: int
    params: int
    macs: int
    param_formulas: tuple[str, ...]
    mac_formulas: tuple[str, ...]


@dataclass(frozen=True)
class InceptionNumbers(Numbers):
    channels: tuple[int, ...]  # the module's seven channel numbers at this scale
    output_shape: tuple[int, ...]
    branches: tuple[Branch, ...]
    reduce: bool


def inception_numbers(state: dict[str, Any]) -> InceptionNumbers:
    """Count one inception module on the meta device, branch by branch (raises ConfigError).

    At paper scale the module gets the 28×28 input of inception (3a) at 224×224; at lab scale
    every channel number is multiplied by the width (as in the lab GoogLeNet) and the input is
    the map inception (3a) of the lab GoogLeNet sees in a 32×32 image.
    """
    lab = state["scale"] == "lab"
    channels = tuple(
        scaled(state[key], state["width"]) if lab and state[key] > 0 else state[key] for key in CHANNELS
    )
    paper = state["variant"] == "paper"
    module = inception(
        *channels,
        reduce=state["reduce"],
        kernel5=5 if paper else 3,  # torchvision's "5×5" branch is really 3×3
        batch_norm=not paper,
        device="meta",
    )
    size = module_input_size(state["scale"])
    table = count.table(module, (channels[0], size, size))
    branches = []
    for name in ("branch1", "branch2", "branch3", "branch4"):
        rows = [row for row in table.rows if row.stage == name]
        layers, param_formulas, mac_formulas = [], [], []
        for row in rows:
            layer = module.get_submodule(row.name)
            if isinstance(layer, nn.Conv2d):
                layers.append("{}×{}".format(*layer.kernel_size))
                mac_formulas.append(mac_formula(layer, row.output_shape))
            elif isinstance(layer, nn.MaxPool2d):
                layers.append("pool")  # named in the current language when shown
            if row.formula:
                param_formulas.append(row.formula)
        branches.append(
            Branch(
                tuple(layers),
                rows[-1].output_shape[0],
                sum(row.params for row in rows),
                sum(row.macs for row in rows),
                tuple(param_formulas),
                tuple(mac_formulas),
            )
        )
    return InceptionNumbers(
        name="Inception",
        table=table,
        input_shape=table.input_shape,
        num_classes=0,
        channels=channels,
        output_shape=(module.out_channels, size, size),
        branches=tuple(branches),
        reduce=state["reduce"],
        model=module,
    )


# ------------------------------------------------------------------------------------- ResNet


def build_resnet(
    state: dict[str, Any], device: Any = "meta", lab: bool | None = None, skip: bool | None = None
) -> nn.Module:
    """The ResNet of an explorer state; ``lab`` and ``skip`` override the state's.

    Paper scale is the paper's own data for the variant: 224×224 and 1000 classes for
    ImageNet, 32×32 and 10 classes for CIFAR.
    """
    lab = state["scale"] == "lab" if lab is None else lab
    if lab:  # the atlas's lab twin: the network Train trains
        return atlas.lab_model(
            "resnet", state | {"skip": state["skip"] if skip is None else skip}, device=device
        )
    return resnet(
        state["depth"],
        state["variant"],
        skip=state["skip"] if skip is None else skip,
        shortcut=None if state["shortcut"] == "auto" else state["shortcut"],
        block=None if state["block"] == "auto" else state["block"],
        device=device,
    )


def resnet_name(state: dict[str, Any], skip: bool | None = None) -> str:
    """``ResNet-56 (cifar)`` or, without shortcuts, ``Plain-56 (cifar)``."""
    skip = state["skip"] if skip is None else skip
    return f"{'ResNet' if skip else 'Plain'}-{state['depth']} ({state['variant']})"


@dataclass(frozen=True)
class ResNetStage:
    label: str  # "stem", "layer1", ..., "fc"
    blocks: int
    output: tuple[int, ...] | None
    params: int
    macs: int


@dataclass(frozen=True)
class ResNetNumbers(Numbers):
    stages: tuple[ResNetStage, ...]
    block: str
    shortcut_params: int  # the 1×1 projection shortcuts (options B and C); 0 for A or no skip
    skip: bool


def resnet_numbers(state: dict[str, Any]) -> ResNetNumbers:
    """Count the ResNet of ``state`` on the meta device, stage by stage (raises ConfigError)."""
    model = build_resnet(state)
    table = count.table(model)
    stem = ("conv1", "bn1", "maxpool", "relu")
    stages = []
    for label in ("stem", *(f"layer{i + 1}" for i in range(model.stages)), "fc"):
        rows = [row for row in table.rows if (row.stage in stem if label == "stem" else row.stage == label)]
        ran = [row for row in rows if row.ran]
        stages.append(
            ResNetStage(
                label,
                len(getattr(model, label)) if label.startswith("layer") else 0,
                ran[-1].output_shape if ran else None,
                sum(row.params for row in rows),
                sum(row.macs for row in rows),
            )
        )
    shortcut = sum(row.params for row in table.rows if ".downsample." in f"{row.name}.")
    return ResNetNumbers(
        resnet_name(state),
        table,
        table.input_shape,
        model.num_classes,
        tuple(stages),
        model.config["block"],
        shortcut,
        state["skip"],
        model=model,
    )


# ------------------------------------------------------------------------ the cached entry point

# One counting function per explorer family: state → numbers with their meta model, uncached.
COUNTERS: dict[str, Callable[[dict[str, Any]], Numbers]] = {
    "alexnet": alexnet_numbers,
    "vgg": vgg_numbers,
    "inception": inception_numbers,
    "resnet": resnet_numbers,
}

# The knobs a family is counted with, and what they are when left out (the explorers' defaults:
# AlexNet and VGG as in their papers, inception (3a) of GoogLeNet's Table 1, ResNet-20 on CIFAR).
DEFAULTS: dict[str, dict[str, Any]] = {
    "alexnet": {"variant": "paper", "act": "relu", "lrn": True, "dropout": 0.5, "fc": 4096},
    "vgg": {"config": "D", "k": 3, "bn": False, "fc": 4096},
    "inception": {"in": 192, "1x1": 64, "3x3r": 96, "3x3": 128, "5x5r": 16, "5x5": 32, "pool": 32}
    | {"reduce": True, "variant": "paper"},
    "resnet": {"depth": 20, "variant": "cifar", "skip": True, "block": "auto", "shortcut": "auto"},
}
for _family, _width in (("alexnet", 0.125), ("vgg", 0.125), ("inception", 0.125), ("resnet", 0.25)):
    DEFAULTS[_family] |= {"scale": "paper", "width": _width}  # lab width: the lab twin's default
TRAINING_ONLY = ("budget", "seconds", "augment")  # knobs of Train, not of the network counted

# Going back to a setting seen before costs nothing (ResNet-152 takes ~0.1 s to count). The cache
# keeps numbers, never the meta models: a ResNet-152 is ~10,000 small Python objects, and a heap
# full of them makes every full garbage collection take hundreds of milliseconds.
CACHE_SIZE = 256  # settings whose numbers are kept
_cache: OrderedDict[Any, Numbers] = OrderedDict()  # (counter, counted knobs) → numbers without model


def setting(family: str, **knobs: Any) -> tuple[tuple[str, Any], ...]:
    """The knobs that decide the numbers of ``family``, defaults filled in, as a hashable key.

    Knobs that only matter for training (``budget``, ``seconds``, ``augment``) are left out, and
    so is the lab width multiplier at paper scale, where it changes nothing.

    Raises:
        ConfigError: an unknown family or knob.
    """
    if family not in COUNTERS:
        raise ConfigError("family", family, ", ".join(COUNTERS))
    unknown = [key for key in knobs if key not in DEFAULTS[family] and key not in TRAINING_ONLY]
    if unknown:
        raise ConfigError("knob", unknown[0], ", ".join(DEFAULTS[family]))
    state = {key: knobs.get(key, default) for key, default in DEFAULTS[family].items()}
    return tuple((k, v) for k, v in state.items() if not (k == "width" and state["scale"] == "paper"))


def numbers(family: str, **knobs: Any) -> Numbers:
    """The numbers of one setting of ``family`` (``"alexnet"``, ``"vgg"``, ``"inception"``,
    ``"resnet"``); knobs left out take the explorer's default (see :func:`setting`).

    설정 하나의 숫자를 돌려줍니다. 처음 세는 설정이면 세어 본 메타 모델(``model``, 구조도용)도 함께
    돌려주고, 전에 센 설정이면 캐시에서 모델 없이 돌려줍니다.

    Raises:
        ConfigError: an unknown family or knob, or a setting the builder refuses.
    """
    state = setting(family, **knobs)
    key = (COUNTERS[family], state)  # by function: a replaced counter counts afresh
    cached = _cache.get(key)
    if cached is not None:
        _cache.move_to_end(key)
        return cached
    counted = COUNTERS[family](dict(state))
    _cache[key] = dataclasses.replace(counted, model=None)
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return counted


def clear_cache() -> None:
    """Forget every count (benchmarks start from an empty cache). 캐시를 비웁니다."""
    _cache.clear()
    _googlenet_table.cache_clear()
