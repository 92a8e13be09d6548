"""What every builder shares: the knobs' rules, channel scaling, initialisation and the build step.

모든 모델 빌더가 함께 쓰는 부분: 설정값 규칙, 채널 배율, 가중치 초기화, 마지막 조립 단계.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from cnnlib import checks, i18n
from cnnlib.checks import Between
from cnnlib.errors import ConfigError
from cnnlib.trace import Trace, nearest_sizes, smallest_size, trace

MAX_CHANNELS = 4096  # in_channels, and any one layer's channels given by hand (inception)
MAX_PARAMS = 500_000_000  # weights allocated on a real device (~2 GB of float32); "meta" counts any size

ACTIVATIONS: dict[str, Callable[[], nn.Module]] = {"relu": lambda: nn.ReLU(inplace=True), "tanh": nn.Tanh}
INITS = ("default", "kaiming", "xavier", "normal")

# What the knobs every family shares accept (see checks.knobs); each model file adds its own.
# The limits keep every build, and the command line, answering in about a second.
RULES: dict[str, Any] = {
    "num_classes": range(1, 100_001),  # ImageNet-21k has 21,841
    "in_channels": range(1, MAX_CHANNELS + 1),
    "input_size": range(1, 4097),
    "fc_width": range(1, 65_537),  # 16 × the papers' 4096
    "width": Between(0.0, 16.0, low_open=True),
    "dropout": Between(0.0, 1.0, high_open=True),
    "activation": tuple(ACTIVATIONS),
    "batch_norm": bool,
    "init": INITS,
}


def scaled(channels: int, width: float, multiple: int = 1) -> int:
    """Channels times the width multiplier, rounded to a multiple of ``multiple`` (≥ one)."""
    return max(multiple, round(channels * width / multiple) * multiple)


class LocalResponseNorm(nn.LocalResponseNorm):
    """``nn.LocalResponseNorm`` with the sum over neighbouring channels done by adding shifted copies.

    A speed-up, so it lives here and not in the model files the notebooks print.

    Same formula and numbers (up to float rounding); PyTorch's own version pads and average-pools
    a 5-D copy of the input, which made a lab AlexNet with LRN train 2.5× slower on a CPU. Only
    additions, so FLOP counters see no hidden convolution either.
    """

    def forward(self, x: Tensor) -> Tensor:
        if x.dim() != 4:
            return super().forward(x)
        # Zero-pad the squares along the channels as PyTorch does (size // 2 before, the rest after);
        # the window of channel c is then channels c … c + size - 1 of the padded squares.
        squares = F.pad(x * x, (0, 0, 0, 0, self.size // 2, (self.size - 1) // 2))
        channels = x.shape[1]
        total = sum(squares[:, i : i + channels] for i in range(self.size))
        return x / (self.k + self.alpha / self.size * total).pow(self.beta)


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


def flat_size(features: nn.Module, in_channels: int, input_size: int) -> int:
    """Number of values ``features`` outputs per image: the first FC layer's input width."""
    return math.prod(trace(features, (1, in_channels, input_size, input_size)).output_shape[1:])


# --------------------------------------------------------------------------- the build step


def build(
    make: Callable[[int], nn.Module],
    config: dict[str, Any],
    init: Callable[[nn.Module], None],
    device: Any = None,
    *,
    exact_convs: bool = False,
) -> nn.Module:
    """Construct on the meta device, check the input size, then materialise and initialise.

    ``make(input_size)`` builds the network for one input size (only a first FC layer's width
    depends on it). Building on "meta" first means an impossible size, or too many weights, is
    a ConfigError before a single weight is allocated; ``device="meta"`` gives the weightless
    model that counting uses. ``config`` (the checked knobs) is kept as ``model.config``.
    """
    target = checks.device("cpu" if device is None else device, meta=True)
    model = check_input_size(make, config["input_size"], config["in_channels"], exact_convs)
    model.in_channels, model.input_size = config["in_channels"], config["input_size"]
    model.num_classes, model.config = config["num_classes"], config
    total = sum(p.numel() for p in model.parameters())
    if target.type != "meta" and total > MAX_PARAMS:
        too_many = i18n.both("models.problem.too_many_params", params=total, limit=MAX_PARAMS)
        raise ConfigError("device", str(target), i18n.both("models.allowed.big_device"), too_many)
    if target.type == "meta":
        return model
    model = model.to_empty(device=target)
    for module in model.modules():
        # to_empty leaves memory uninitialised: give every layer its PyTorch default first.
        if hasattr(module, "reset_parameters"):
            module.reset_parameters()
        elif hasattr(module, "reset_running_stats"):
            module.reset_running_stats()
    init(model)
    return model


def _fitting(make: Callable[[int], nn.Module], size: int, in_channels: int) -> tuple[nn.Module, Trace] | None:
    """The meta model for ``size`` and its trace if an image of that size flows through it, else None."""
    try:
        with torch.device("meta"):
            model = make(size)
        return model, trace(model, (1, in_channels, size, size))
    except RuntimeError:  # torch's shape errors: "output size is too small", kernel > input
        return None


def check_input_size(make: Callable[[int], nn.Module], size: int, in_channels: int, exact_convs: bool):
    """Return ``make(size)`` on the meta device, or raise ConfigError if that size cannot flow through it.

    Too small: some layer would get less than one pixel. With ``exact_convs`` (the paper
    AlexNet), every convolution must also divide exactly — (W − K + 2P) / S must be a whole
    number — which is how the paper's "224" turns out to need 227.
    """
    fitting = _fitting(make, size, in_channels)
    if fitting is None:
        smallest = smallest_size(lambda s: _fitting(make, s, in_channels) is not None, size)
        if smallest is None:  # not a size problem after all: let torch's own message through
            with torch.device("meta"):
                trace(make(size), (1, in_channels, size, size))
        too_small = i18n.both("models.problem.below_one_pixel")
        raise ConfigError("input_size", size, i18n.both("models.allowed.at_least", size=smallest), too_small)
    model, run = fitting
    problem = _inexact_conv(run) if exact_convs else None
    if problem:

        def exact(s: int) -> bool:
            fitting = _fitting(make, s, in_channels)
            return fitting is not None and _inexact_conv(fitting[1]) is None

        layer, formula = problem
        sizes = ", ".join(map(str, nearest_sizes(exact, size, within=256)))
        allowed = i18n.both("models.allowed.exact_size", sizes=sizes)
        inexact = i18n.both("models.problem.inexact", layer=layer, formula=formula)
        raise ConfigError("input_size", size, allowed, inexact)
    return model


def _inexact_conv(run: Trace) -> tuple[str, str] | None:
    """The first convolution whose (W − K + 2P) / S is not whole, with that arithmetic."""
    for call in run.calls.values():
        conv = call.module
        if isinstance(conv, nn.Conv2d) and call.input_shape:
            w, k, s, p = call.input_shape[-1], conv.kernel_size[-1], conv.stride[-1], conv.padding[-1]
            if (w - k + 2 * p) % s:
                return call.name, f"({w} − {k} + 2×{p}) / {s} + 1 = {(w - k + 2 * p) / s + 1:g}"
    return None
