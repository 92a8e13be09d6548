"""Run a model once on the meta device and record what every module saw.

A "meta" tensor has a shape and a dtype but no storage, so a forward pass on it allocates no
weight memory, even for VGG-19. Counting (:mod:`cnnlib.count`), the block diagrams and the
builders' input-size checks all read their shapes from :func:`trace`: plain forward hooks.
When a size does not fit, :func:`smallest_size` and :func:`nearest_sizes` find ones that do.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain

import torch
from torch import nn
from torch.func import functional_call
from torch.utils.hooks import RemovableHandle

__all__ = ["Call", "Shape", "Trace", "hooks_undone", "nearest_sizes", "smallest_size", "trace"]

Shape = tuple[int, ...]


@dataclass
class Call:
    """One module's first call during the trace (later calls only bump ``calls``)."""

    name: str
    module: nn.Module
    input_shape: Shape | None
    output_shape: Shape | None
    calls: int = 1


@dataclass
class Trace:
    calls: dict[str, Call] = field(default_factory=dict)  # in execution order
    output_shape: Shape | None = None
    # Every call, repeats included (a shared ReLU runs several times), in execution order:
    # (module name, output shape or None if not a tensor). The diagrams are drawn from it.
    order: list[tuple[str, Shape | None]] = field(default_factory=list)


def _shape(value) -> Shape | None:
    if isinstance(value, (tuple, list)) and value:  # GoogLeNet's outputs: the logits come first
        value = value[0]
    return tuple(value.shape) if isinstance(value, torch.Tensor) else None


@contextlib.contextmanager
def hooks_undone(model: nn.Module) -> Iterator[list[RemovableHandle]]:
    """A list for the hooks a caller puts on ``model``: on leaving, they are removed and every
    module's train/eval mode is what it was before (also after an error)."""
    modes = {module: module.training for module in model.modules()}
    handles: list[RemovableHandle] = []
    try:
        yield handles
    finally:
        for handle in handles:
            handle.remove()
        for module, mode in modes.items():
            module.training = mode


def trace(model: nn.Module, input_shape: Shape) -> Trace:
    """Forward one meta tensor of ``input_shape`` (N, C, H, W) through ``model`` in eval mode.

    The model's own weights are never touched: when it lives on a real device, weightless
    stand-ins take their place for the one call. Torch's own shape errors propagate unchanged;
    the builders and :func:`cnnlib.count.table` turn them into a ConfigError.
    """
    result = Trace()
    names = {module: name for name, module in model.named_modules()}

    def record(module: nn.Module, args: tuple, output) -> None:
        name, shape = names[module], _shape(output)
        result.order.append((name, shape))
        if name in result.calls:
            result.calls[name].calls += 1
        else:
            result.calls[name] = Call(name, module, _shape(args[0]) if args else None, shape)

    # Batch norm keeps the shape, but on meta tensors PyTorch computes it through a slow Python
    # decomposition (~1 ms each): the identity stands in, or ResNet-152's trace takes 6× longer.
    norms = [module for module in names if isinstance(module, nn.modules.batchnorm._BatchNorm)]
    for norm in norms:
        norm.forward = _same_shape
    try:
        with hooks_undone(model) as handles:
            handles += [module.register_forward_hook(record) for module in names]
            model.eval()
            x = torch.empty(input_shape, device="meta")
            tensors = chain(model.named_parameters(), model.named_buffers())
            real = {name: torch.empty_like(t, device="meta") for name, t in tensors if not t.is_meta}
            output = functional_call(model, real, (x,), strict=False) if real else model(x)
            result.output_shape = _shape(output)
    finally:
        for norm in norms:
            del norm.forward  # back to the class's own forward
    return result


def _same_shape(x: torch.Tensor) -> torch.Tensor:
    return x


# --------------------------------------------------------------------------- sizes that fit


def smallest_size(fits: Callable[[int], bool], too_small: int, limit: int = 4096) -> int | None:
    """The smallest square size above ``too_small`` for which ``fits(size)``, or None up to ``limit``.

    Doubling, then bisection: for a network that takes every size above some smallest one
    (its feature maps only shrink as the input shrinks), about 20 tries.
    """
    high = max(too_small * 2, 2)
    while not fits(high):
        if high >= limit:
            return None
        high = min(high * 2, limit)
    low = too_small
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if fits(middle) else (middle, high)
    return high


def nearest_sizes(fits: Callable[[int], bool], centre: int, within: int, wanted: int = 3) -> list[int]:
    """Sizes that fit, closest to ``centre`` first (at most ``within`` away), until ``wanted`` are found."""
    found: list[int] = []
    for distance in range(within + 1):
        found += [s for s in sorted({centre - distance, centre + distance}) if s >= 1 and fits(s)]
        if len(found) >= wanted:
            break
    return sorted(found)
