"""Run a model once on the meta device and record what every module saw.

A "meta" tensor has a shape and a dtype but no storage, so a forward pass on it costs
microseconds and allocates no weight memory, even for VGG-19. Counting (cnnlib.count)
and the builders' input-size checks both read shapes from this one trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

import torch
from torch import nn
from torch.func import functional_call


@dataclass
class Call:
    """One module's first call during the trace (later calls only bump ``calls``)."""

    name: str
    module: nn.Module
    input_shape: tuple[int, ...] | None
    output_shape: tuple[int, ...] | None
    calls: int = 1


@dataclass
class Trace:
    calls: dict[str, Call] = field(default_factory=dict)  # in execution order
    output_shape: tuple[int, ...] | None = None


def _shape(value) -> tuple[int, ...] | None:
    if isinstance(value, torch.Tensor):
        return tuple(value.shape)
    if isinstance(value, (tuple, list)) and value and isinstance(value[0], torch.Tensor):
        return tuple(value[0].shape)
    return None


def trace(model: nn.Module, input_shape: tuple[int, ...]) -> Trace:
    """Forward one meta tensor of ``input_shape`` (N, C, H, W) through ``model`` in eval mode.

    The model's own weights are never touched: when it lives on a real device, its
    parameters and buffers are swapped for meta stand-ins for the duration of the call.
    Torch's own shape errors propagate unchanged; the builders turn them into ConfigError.
    """
    result = Trace()
    names = {module: name for name, module in model.named_modules()}

    def hook(module: nn.Module, args, output) -> None:
        name = names[module]
        if name in result.calls:
            result.calls[name].calls += 1
        else:
            result.calls[name] = Call(name, module, _shape(args[0]) if args else None, _shape(output))

    modes = {module: module.training for module in model.modules()}
    handles = [module.register_forward_hook(hook) for module in model.modules()]
    # Batch norm keeps the shape, and on meta tensors PyTorch runs it through a slow Python
    # decomposition (~4 ms each, 0.6 s for ResNet-152): stand in the identity while tracing.
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    for norm in norms:
        norm.forward = _same_shape
    model.eval()
    try:
        x = torch.empty(input_shape, device="meta")
        tensors = chain(model.named_parameters(), model.named_buffers())
        on_meta = {name: t for name, t in tensors if t.device.type != "meta"}
        if on_meta:
            stand_ins = {name: torch.empty_like(t, device="meta") for name, t in on_meta.items()}
            out = functional_call(model, stand_ins, (x,), strict=False)
        else:
            out = model(x)
        result.output_shape = _shape(out)
    finally:
        for handle in handles:
            handle.remove()
        for module, mode in modes.items():
            module.training = mode
        for norm in norms:
            del norm.forward  # back to the class's own forward
    return result


def _same_shape(x: torch.Tensor) -> torch.Tensor:
    return x
