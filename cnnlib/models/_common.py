"""What every builder shares: knob checks, channel scaling, layer helpers and the final build step.

모든 모델 빌더가 함께 쓰는 부분: 설정값 검사, 채널 배율, 작은 층 도우미, 마지막 조립 단계.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import torch
from torch import nn
from torch.overrides import TorchFunctionMode

from cnnlib import checks, i18n
from cnnlib._trace import keep, trace, traced
from cnnlib.errors import ConfigError

# --------------------------------------------------------------------------- knob checks


# The checks themselves live in cnnlib.checks (one path for every module); these names keep
# the builders short. Limits keep every build, and the command line, answering in about a second.
MAX_CHANNELS = 4096  # in_channels, and any one layer's channels given by hand (inception)
MAX_FC_WIDTH = 65_536  # fc_width: 16 × the papers' 4096
MAX_CLASSES = 100_000  # num_classes: ImageNet-21k has 21,841
MAX_PARAMS = 500_000_000  # weights allocated on a real device (~2 GB of float32); "meta" counts any size


def check_choice(knob: str, value: Any, choices: Iterable[Any]) -> Any:
    return checks.choice(knob, value, choices)


def check_int(knob: str, value: Any, minimum: int = 1, maximum: int | None = None) -> int:
    return checks.whole(knob, value, minimum, maximum)


def check_float(
    knob: str, value: Any, low: float, high: float, *, low_open: bool = False, high_open: bool = False
) -> float:
    return checks.real(knob, value, low, high, low_open=low_open, high_open=high_open)


def check_bool(knob: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ConfigError(knob, value, "True, False")


def scaled(channels: int, width: float, multiple: int = 1) -> int:
    """Channels times the width multiplier, rounded to a multiple of ``multiple`` (≥ one)."""
    return max(multiple, round(channels * width / multiple) * multiple)


# --------------------------------------------------------------------------- small layers

ACTIVATIONS: dict[str, Callable[[], nn.Module]] = {
    "relu": lambda: nn.ReLU(inplace=True),
    "tanh": nn.Tanh,
}


def conv3x3(in_channels: int, out_channels: int, stride: int = 1, groups: int = 1, bias: bool = False):
    """3×3 convolution with padding 1: keeps the size when ``stride`` is 1."""
    return nn.Conv2d(in_channels, out_channels, 3, stride, padding=1, groups=groups, bias=bias)


def conv1x1(in_channels: int, out_channels: int, stride: int = 1, bias: bool = False) -> nn.Conv2d:
    """1×1 convolution: mixes channels at each pixel, the cheap way to change the channel count."""
    return nn.Conv2d(in_channels, out_channels, 1, stride, bias=bias)


# --------------------------------------------------------------------------- initialisation

INITS = ("default", "kaiming", "xavier", "normal")


def init_weights(model: nn.Module, scheme: str) -> None:
    """Initialise conv/linear weights with a named scheme; norms start at weight 1, bias 0.

    - ``"kaiming"``: He et al. 2015 — normal with std √(2/fan_in) — so a ReLU network's
      signals keep their size layer after layer (what a network without batch norm needs).
    - ``"xavier"``: Glorot & Bengio 2010 (uniform), the pre-ReLU standard.
    - ``"normal"``: N(0, 0.01) everywhere — the pre-2015 habit whose vanishing
      gradients the ResNet lecture shows.
    - ``"default"``: PyTorch's own per-layer initialisation (nothing to do here).
    """
    if scheme == "default":
        return
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            if scheme == "kaiming":
                nn.init.kaiming_normal_(module.weight, mode="fan_in", nonlinearity="relu")
            elif scheme == "xavier":
                nn.init.xavier_uniform_(module.weight)
            elif scheme == "normal":
                nn.init.normal_(module.weight, 0, 0.01)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, (nn.BatchNorm2d, nn.GroupNorm)):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)


# --------------------------------------------------------------------------- the build step


def check_device(device: Any) -> torch.device:
    """Where a builder puts the weights: None → CPU; 'meta' → none at all; else a device we have."""
    return checks.device("cpu" if device is None else device, meta=True)


def check_size(model: nn.Module, target: torch.device) -> None:
    """Refuse to allocate more than MAX_PARAMS weights (counting on 'meta' has no limit)."""
    if target.type == "meta":
        return
    total = sum(p.numel() for p in model.parameters())
    if total > MAX_PARAMS:
        raise ConfigError(
            "device",
            str(target),
            i18n.both("models.allowed.big_device"),
            i18n.both("models.problem.too_many_params", params=total, limit=MAX_PARAMS),
        )


def flat_size(features: nn.Module, in_channels: int, input_size: int) -> int:
    """Number of values ``features`` outputs per image: the first FC layer's input width."""
    return math.prod(trace(features, (1, in_channels, input_size, input_size)).output_shape[1:])


def build(
    make: Callable[[int], nn.Module],
    *,
    input_size: int,
    in_channels: int,
    num_classes: int,
    config: dict[str, Any],
    init: Callable[[nn.Module], None],
    device: Any = None,
    exact_convs: bool = False,
) -> nn.Module:
    """Construct on the meta device, check the input size, then materialise and initialise.

    ``make(input_size)`` builds the network for one input size (only the first FC
    layer's width depends on it). Building on "meta" first means an impossible size is
    reported as a ConfigError before a single weight is allocated, and
    ``device="meta"`` gives the instant, memory-free model that counting and the
    widgets use.
    """
    target = check_device(device)
    input_size = check_int("input_size", input_size, 1, 4096)

    def make_on_meta(size: int) -> nn.Module:
        with torch.device("meta"), _SkipInitOnMeta():
            model = make(size)
        model.in_channels, model.input_size, model.num_classes = in_channels, size, num_classes
        model.config = dict(config)
        return model

    model = check_input_size(make_on_meta, input_size, exact_convs=exact_convs)
    check_size(model, target)
    if target.type == "meta":
        return model  # with the size check's trace kept on it: count.table reuses it
    model = model.to_empty(device=target)  # same modules, same shapes: the kept trace stays valid
    for module in model.modules():
        # to_empty leaves memory uninitialised: give every layer its PyTorch default first.
        if hasattr(module, "reset_parameters"):
            module.reset_parameters()
        elif hasattr(module, "reset_running_stats"):
            module.reset_running_stats()
    init(model)
    return model


# In-place initialisers: each layer's constructor calls some of them on its new weights.
_INITIALISERS = frozenset(
    [torch.Tensor.uniform_, torch.Tensor.normal_, torch.Tensor.zero_, torch.Tensor.fill_]
    + [getattr(nn.init, name) for name in dir(nn.init) if name.endswith("_") and not name.startswith("_")]
)


class _SkipInitOnMeta(TorchFunctionMode):
    """Skip initialising meta tensors: they have no values, and build() initialises the real model.

    Initialising sets nothing on the meta device but still costs a quarter of constructing a
    deep network there (ResNet-152: ~10 of 40 ms), every layer's ``reset_parameters`` running
    its arithmetic and dispatch for nothing. A tensor on any other device is initialised as usual.
    """

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func in _INITIALISERS:
            tensor = args[0] if args else kwargs["tensor"]
            if tensor.device.type == "meta":
                return tensor
        return func(*args, **kwargs)


def _fitting_model(make: Callable[[int], nn.Module], size: int) -> nn.Module | None:
    """The meta model for ``size`` if an image of that size flows through it, else None."""
    try:
        model = make(size)
        shape = (1, model.in_channels, size, size)
        run = trace(model, shape)
    except RuntimeError:  # torch's shape errors: "output size is too small", kernel > input
        return None
    keep(model, run, shape)  # count.table reuses it: a built model is traced once, not twice
    return model


def check_input_size(make: Callable[[int], nn.Module], input_size: int, *, exact_convs: bool = False):
    """Return ``make(input_size)``, or raise ConfigError if that size cannot flow through it.

    Too small: some layer would get less than one pixel. With ``exact_convs`` (the
    paper AlexNet), every convolution must also divide exactly — (W − K + 2P) / S must
    be a whole number — which is how the paper's "224" turns out to need 227.
    """
    model = _fitting_model(make, input_size)
    if model is None:
        smallest = _smallest_fitting(make, input_size)
        if smallest is None:  # not a size problem after all: let torch's own message through
            broken = make(input_size)
            trace(broken, (1, broken.in_channels, input_size, input_size))
        raise ConfigError(
            "input_size",
            input_size,
            (f"{smallest} 이상", f"{smallest} or more"),
            ("어떤 층에서 특징 맵이 1픽셀보다 작아집니다", "a feature map would shrink below one pixel"),
        )
    problem = _inexact_conv(model, input_size) if exact_convs else None
    if problem:
        layer, formula = problem
        nearest = ", ".join(map(str, _nearest_exact(make, input_size)))
        raise ConfigError(
            "input_size",
            input_size,
            (
                f"모든 합성곱이 나누어떨어지는 크기 (예: {nearest})",
                f"a size every convolution divides exactly (e.g. {nearest})",
            ),
            (f"{layer}: {formula}, 정수가 아닙니다", f"{layer}: {formula} is not a whole number"),
        )
    return model


def _inexact_conv(model: nn.Module, size: int) -> tuple[str, str] | None:
    for call in traced(model, (1, model.in_channels, size, size)).calls.values():
        conv = call.module
        if isinstance(conv, nn.Conv2d) and call.input_shape:
            w, k, s, p = call.input_shape[-1], conv.kernel_size[-1], conv.stride[-1], conv.padding[-1]
            if (w - k + 2 * p) % s:
                return call.name, f"({w} − {k} + 2×{p}) / {s} + 1 = {(w - k + 2 * p) / s + 1:g}"
    return None


def _smallest_fitting(make: Callable[[int], nn.Module], too_small: int, limit: int = 4096) -> int | None:
    """Smallest size that fits, by doubling then bisection (fitting is monotone in size here)."""
    high = max(too_small * 2, 2)
    while _fitting_model(make, high) is None:
        if high >= limit:
            return None
        high = min(high * 2, limit)
    low = too_small  # does not fit
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if _fitting_model(make, middle) is not None else (middle, high)
    return high


def _nearest_exact(make: Callable[[int], nn.Module], size: int, wanted: int = 3) -> list[int]:
    """Up to ``wanted`` sizes closest to ``size`` where every convolution divides exactly."""
    found: list[int] = []
    for distance in range(1, 257):
        for candidate in (size - distance, size + distance):
            model = _fitting_model(make, candidate) if candidate >= 1 else None
            if model is not None and _inexact_conv(model, candidate) is None:
                found.append(candidate)
        if len(found) >= wanted:
            break
    return sorted(found)


def stage_channels(base: Sequence[int], width: float, multiple: int = 1) -> list[int]:
    return [scaled(c, width, multiple) for c in base]
