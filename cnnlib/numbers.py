"""Every number the lecture explorers show, as pure functions of the knobs.

    from cnnlib.numbers import numbers
    numbers("resnet", depth=56, variant="cifar").total_params    # knobs left out keep their default

Each family's counter builds the network of a setting on the ``"meta"`` device (no weights),
counts it with :func:`cnnlib.count.table` and regroups the table's rows the way the lecture reads
them (VGG: stages with their receptive fields; Inception: branches with their formulas; ResNet:
stages and shortcut parameters). :func:`numbers` is the cached entry point that explorers and
notebooks both call. Nothing here draws, writes HTML or imports ipywidgets.
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
from cnnlib.models import alexnet, googlenet, inception, resnet, scaled, vgg
from cnnlib.models.vgg import CONFIGS

__all__ = [
    "COUNTERS",
    "DEFAULTS",
    "TRAINING_ONLY",
    "AlexNetNumbers",
    "Branch",
    "InceptionNumbers",
    "Numbers",
    "ResNetNumbers",
    "ResNetStage",
    "VGGNumbers",
    "VGGStage",
    "clear_cache",
    "googlenet_totals",
    "mac_formula",
    "numbers",
    "receptive_fields",
    "resnet_name",
    "setting",
    "vgg_name",
]

TRAINING_ONLY = ("budget", "seconds", "augment")  # knobs of Train, not of the network counted
CHANNELS = ("in", "1x1", "3x3r", "3x3", "5x5r", "5x5", "pool")  # inception()'s argument order
# The knobs a family is counted with and their defaults (the explorers' too): the atlas's lab knobs
# (AlexNet and VGG as in their papers, ResNet-20 on CIFAR) plus the scale; the Inception explorer's
# module starts as inception (3a) of GoogLeNet's Table 1.
_SCALE = {"scale": "paper"}
DEFAULTS: dict[str, dict[str, Any]] = {
    family: {k: v for k, v in atlas.LAB_KNOBS[family].items() if k not in TRAINING_ONLY} | _SCALE
    for family in ("alexnet", "vgg", "resnet")
}
DEFAULTS["inception"] = (
    dict(zip(CHANNELS, (192, 64, 96, 128, 16, 32, 32), strict=True)) | atlas.LAB_KNOBS["googlenet"] | _SCALE
)


@dataclass(frozen=True)
class Numbers:
    """What an explorer shows for one valid setting (each family adds its own fields)."""

    name: str  # e.g. "ResNet-56 (cifar)"
    table: ParamTable
    input_shape: tuple[int, ...]
    num_classes: int
    # What the architecture diagram depends on (layers, builder settings, input shape): two settings
    # that build the same network share one diagram.
    structure: str = field(default="", kw_only=True, repr=False, compare=False)
    # The counted model (meta device), for the diagram; None once the numbers are in the cache.
    model: nn.Module | None = field(default=None, kw_only=True, repr=False, compare=False)

    @property
    def total_params(self) -> int:
        return self.table.total_params

    @property
    def total_macs(self) -> int:
        return self.table.total_macs


def _network(family: str, s: dict[str, Any]) -> nn.Module:
    """The network of a setting on the meta device; at lab scale the atlas's lab twin (what Train trains).

    ResNet's paper scale is the paper's own data for the variant (ImageNet 224×224, CIFAR 32×32).
    """
    if s["scale"] == "lab":
        return atlas.lab_model(family, s, device="meta")
    if family == "alexnet":
        kwargs = dict(activation=s["act"], lrn=s["lrn"], dropout=s["dropout"], fc_width=s["fc"])
        return alexnet(s["variant"], **kwargs, device="meta")
    if family == "vgg":
        config = list(s["config"]) if isinstance(s["config"], tuple) else s["config"]
        return vgg(config, kernel_size=s["k"], batch_norm=s["bn"], fc_width=s["fc"], device="meta")
    auto = {"auto": None}
    block, shortcut = auto.get(s["block"], s["block"]), auto.get(s["shortcut"], s["shortcut"])
    return resnet(s["depth"], s["variant"], skip=s["skip"], shortcut=shortcut, block=block, device="meta")


def _common(name: str, model: nn.Module, table: ParamTable, structure: str | None = None) -> dict[str, Any]:
    """The fields every family's numbers share."""
    if structure is None:  # ``skip`` and friends are builder settings that the layers' repr does not show
        structure = f"{model!r}|{getattr(model, 'config', None)!r}|{table.input_shape}"
    fields = dict(name=name, table=table, input_shape=table.input_shape, structure=structure, model=model)
    return fields | {"num_classes": getattr(model, "num_classes", 0)}  # a lone inception module has none


# ------------------------------------------------------------------------------------ AlexNet


@dataclass(frozen=True)
class AlexNetNumbers(Numbers):
    by_kind: dict[str, int]


def alexnet_numbers(state: dict[str, Any]) -> AlexNetNumbers:
    """Count the AlexNet of ``state`` on the meta device (raises ConfigError)."""
    model = _network("alexnet", state)
    table = count.table(model)
    return AlexNetNumbers(**_common(f"AlexNet ({state['variant']})", model, table), by_kind=table.by_kind())


# ---------------------------------------------------------------------------------------- VGG


def receptive_fields(stages: Sequence[Sequence[int]]) -> list[int]:
    """Receptive field of the last convolution of every stage, in input pixels.

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


def vgg_numbers(state: dict[str, Any]) -> VGGNumbers:
    """Count the VGG of ``state`` on the meta device, stage by stage (raises ConfigError)."""
    model = _network("vgg", state)
    table = count.table(model)
    params, macs = table.by_stage(), table.macs_by_stage()
    kernels: list[list[int]] = [[]]  # the convolutions' kernel sizes, stage by stage (a max-pool ends one)
    for layer in model.features:
        if isinstance(layer, nn.Conv2d):
            kernels[-1].append(layer.kernel_size[0])
        elif isinstance(layer, nn.MaxPool2d):
            kernels.append([])
    kernels.pop()
    stages = []
    for i, (stage, rf) in enumerate(zip(kernels, receptive_fields(kernels), strict=True), start=1):
        key = f"features:{i}"
        rows = [row for row in table.rows if row.stage == key]
        channels = str([row for row in rows if row.kind == "conv"][-1].output_shape[0])
        output = rows[-1].output_shape  # the max-pool ends the stage
        row = (str(i), tuple(stage), channels, output, params.get(key, 0), macs.get(key, 0), rf)
        stages.append(VGGStage(*row))
    widths = "/".join(str(row.output_shape[0]) for row in table.rows if row.kind == "fc")
    stages.append(VGGStage("FC", (), widths, None, params["classifier"], macs["classifier"], None))
    return VGGNumbers(**_common(vgg_name(state), model, table), stages=tuple(stages))


# ---------------------------------------------------------------------------------- Inception


def mac_formula(conv: nn.Conv2d, output_shape: tuple[int, ...]) -> str:
    """``H×W × C_out × (C_in × k×k) = MACs``: one multiply-add per weight per output pixel."""
    channels, height, width = output_shape
    kh, kw = conv.kernel_size
    cin = conv.in_channels // conv.groups
    macs = height * width * channels * cin * kh * kw
    return f"{height}×{width} × {channels} × ({cin} × {kh}×{kw}) = {macs:,}"


def googlenet_totals(variant: str, scale: str, width: float) -> dict[bool, tuple[int, int]]:
    """Whole GoogLeNet ``{reduce: (params, MACs)}`` with and without the 1×1 reductions."""
    return {reduce: _googlenet(variant, scale, width, reduce)[:2] for reduce in (True, False)}


@functools.lru_cache(maxsize=64)
def _googlenet(variant: str, scale: str, width: float, reduce: bool) -> tuple[int, int, int]:
    """(params, MACs, the size of the map inception (3a) sees) of one GoogLeNet: one build, one count."""
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
    googlenet: tuple[str, str, float]  # (variant, scale, width) of the GoogLeNet the module sits in


def inception_numbers(state: dict[str, Any]) -> InceptionNumbers:
    """Count one inception module on the meta device, branch by branch (raises ConfigError).

    At paper scale the module gets the 28×28 input of inception (3a) at 224×224; at lab scale
    every channel number is multiplied by the width (as in the lab GoogLeNet) and the input is
    the map inception (3a) of the lab GoogLeNet sees in a 32×32 image (only the scale decides
    it: both variants share the stem, and the width changes channels, not sizes).
    """
    lab = state["scale"] == "lab"
    channels = tuple(scaled(state[k], state["width"]) if lab and state[k] > 0 else state[k] for k in CHANNELS)
    paper = state["variant"] == "paper"
    # torchvision's "5×5" branch is really 3×3
    module = inception(
        *channels, reduce=state["reduce"], kernel5=5 if paper else 3, batch_norm=not paper, device="meta"
    )
    size = _googlenet("paper", state["scale"], 1.0, True)[2]
    table = count.table(module, (channels[0], size, size))
    branches = []
    for name in ("branch1", "branch2", "branch3", "branch4"):
        rows = [row for row in table.rows if row.stage == name]
        layers, mac_formulas = [], []
        for row in rows:
            layer = module.get_submodule(row.name)
            if isinstance(layer, nn.Conv2d):
                layers.append("{}×{}".format(*layer.kernel_size))
                mac_formulas.append(mac_formula(layer, row.output_shape))
            elif isinstance(layer, nn.MaxPool2d):
                layers.append("pool")  # named in the current language when shown
        formulas = tuple(row.formula for row in rows if row.formula)
        params, macs = sum(row.params for row in rows), sum(row.macs for row in rows)
        branches.append(
            Branch(tuple(layers), rows[-1].output_shape[0], params, macs, formulas, tuple(mac_formulas))
        )
    # The diagram is the module alone: without the reductions their two sliders change nothing in it.
    common = _common("Inception", module, table, structure=f"{module!r}|{table.input_shape}")
    width = state["width"] if lab else 1.0
    return InceptionNumbers(
        **common,
        channels=channels,
        output_shape=(module.out_channels, size, size),
        branches=tuple(branches),
        reduce=state["reduce"],
        googlenet=(state["variant"], state["scale"], width),
    )


# ------------------------------------------------------------------------------------- ResNet


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
    model = _network("resnet", state)
    table = count.table(model)
    stem = ("conv1", "bn1", "maxpool", "relu")
    stages = []
    for label in ("stem", *(f"layer{i + 1}" for i in range(model.stages)), "fc"):
        rows = [row for row in table.rows if (row.stage in stem if label == "stem" else row.stage == label)]
        ran = [row for row in rows if row.ran]
        blocks = len(getattr(model, label)) if label.startswith("layer") else 0
        output = ran[-1].output_shape if ran else None
        stages.append(
            ResNetStage(label, blocks, output, sum(r.params for r in rows), sum(r.macs for r in rows))
        )
    shortcut = sum(row.params for row in table.rows if ".downsample." in f"{row.name}.")
    return ResNetNumbers(
        **_common(resnet_name(state), model, table),
        stages=tuple(stages),
        block=model.config["block"],
        shortcut_params=shortcut,
        skip=state["skip"],
    )


# ------------------------------------------------------------------------ the cached entry point

# One counting function per explorer family: state → numbers with their meta model, uncached.
COUNTERS: dict[str, Callable[[dict[str, Any]], Numbers]] = {
    "alexnet": alexnet_numbers,
    "vgg": vgg_numbers,
    "inception": inception_numbers,
    "resnet": resnet_numbers,
}

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

    A setting counted for the first time comes with its meta model (``model``, for the diagram);
    one from the cache comes without it.

    Raises:
        ConfigError: an unknown family or knob, or a setting the builder refuses.
    """
    state = setting(family, **knobs)
    key = (COUNTERS[family], state)  # by function: a replaced counter counts afresh
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    counted = COUNTERS[family](dict(state))
    _cache[key] = dataclasses.replace(counted, model=None)
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return counted


def clear_cache() -> None:
    """Forget every count (benchmarks start from an empty cache)."""
    _cache.clear()
    _googlenet.cache_clear()
