"""Run a model once on the meta device and record what every module saw.

A "meta" tensor has a shape and a dtype but no storage, so a forward pass on it costs
microseconds and allocates no weight memory, even for VGG-19. Counting (cnnlib.count), the
block diagrams (cnnlib.plots) and the builders' input-size checks all read shapes from this
one trace.

A builder keeps the trace of its input-size check on the model (:func:`keep`), and
:func:`traced` reuses it while the model is unchanged: building a deep network, counting it
and drawing its diagram run it once, not three times (ResNet-152: ~25 ms saved per reuse).
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

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


Shape = tuple[int, ...]


@dataclass
class Trace:
    calls: dict[str, Call] = field(default_factory=dict)  # in execution order
    output_shape: Shape | None = None
    # Every call, repeats included (a shared ReLU runs several times), in execution order:
    # (module name, output shape or None if not a tensor). The diagrams are drawn from it.
    order: list[tuple[str, Shape | None]] = field(default_factory=list)
    fingerprint: tuple[Any, ...] | None = field(default=None, repr=False)  # of the model traced


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
    modules = dict(model.named_modules())
    names = {module: name for name, module in modules.items()}
    log: list[tuple[str, Shape | None, Shape | None]] = []  # every call: (name, input, output)

    def record(name: str, input_shape: Shape | None, output_shape: Shape | None) -> None:
        log.append((name, input_shape, output_shape))
        if name in result.calls:
            result.calls[name].calls += 1
        else:
            result.calls[name] = Call(name, modules[name], input_shape, output_shape)

    def hook(module: nn.Module, args, output) -> None:
        record(names[module], _shape(args[0]) if args else None, _shape(output))

    result.fingerprint = _fingerprint(model)  # before any hook or stand-in: they count as patches
    replays = _replays(modules, result.fingerprint, log, record)
    modes = {module: module.training for module in model.modules()}
    handles = [module.register_forward_hook(hook) for module in model.modules()]
    # Batch norm keeps the shape, and on meta tensors PyTorch runs it through a slow Python
    # decomposition (~4 ms each, 0.6 s for ResNet-152): stand in the identity while tracing.
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    for norm in norms:
        norm.forward = _same_shape
    for block, forward in replays.items():
        block.forward = forward
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
        for patched in chain(norms, replays):
            del patched.forward  # back to the class's own forward
    result.order = [(name, output) for name, _, output in log]
    return result


def _same_shape(x: torch.Tensor) -> torch.Tensor:
    return x


# --------------------------------------------------------------------------- repeated blocks

# Blocks whose calls inside depend only on their structure and their input's shape: a deep
# ResNet repeats one block dozens of times (ResNet-152: 50 blocks, 8 different), so the trace
# runs each different (structure, input shape) once and replays what was recorded for the
# others, with their own names: the same calls and shapes, a quarter of the time. Only for
# classes whose ``forward`` reads nothing but their submodules and plain settings.
# Named here, not in the model files, so the code the notebooks print holds no tracing
# machinery; filled on first use because the model files import this module.
_REPLAYABLE: frozenset[type[nn.Module]] | None = None


def _replayable() -> frozenset[type[nn.Module]]:
    global _REPLAYABLE
    if _REPLAYABLE is None:
        from cnnlib.models.resnet import BasicBlock, Bottleneck

        _REPLAYABLE = frozenset((BasicBlock, Bottleneck))
    return _REPLAYABLE


def _replays(modules: dict[str, nn.Module], fingerprint: tuple, log: list, record) -> dict[nn.Module, Any]:
    """A stand-in ``forward`` for every replayable block of the model (none if it is patched)."""
    seen: dict[Any, tuple[list, tuple[Shape, torch.dtype]]] = {}  # (structure, input) → calls, output
    replays = {}
    replayable = _replayable()
    for i, (name, kind, *_) in enumerate(fingerprint):
        if kind not in replayable or not name:
            continue
        structure = _structure(fingerprint, i)
        if any(patched for *_, patched in structure):
            continue  # a hook inside must fire, an instance forward must run: no replay
        block = modules[name]
        replays[block] = functools.partial(_replay, block.forward, name + ".", structure, seen, log, record)
    return replays


def _structure(fingerprint: tuple, i: int) -> tuple:
    """The parts of module ``i`` and of its modules (named_modules lists them right after it),
    named relative to it and without identities: what two alike blocks have in common."""
    prefix = fingerprint[i][0] + "."
    structure = []
    for name, kind, _, *rest in itertools.islice(fingerprint, i, None):
        if structure and not name.startswith(prefix):
            break
        structure.append((name[len(prefix) :] if structure else "", kind, *rest))
    return tuple(structure)


def _replay(forward, prefix: str, structure: tuple, seen: dict, log: list, record, x, *args, **kwargs):
    """Run ``forward`` the first time a structure sees an input shape; replay its calls afterwards."""
    if args or kwargs or not isinstance(x, torch.Tensor):
        return forward(x, *args, **kwargs)
    key = (structure, tuple(x.shape), x.dtype)
    if key in seen:
        calls, (shape, dtype) = seen[key]
        for name, input_shape, output_shape in calls:
            record(prefix + name, input_shape, output_shape)
        return torch.empty(shape, dtype=dtype, device=x.device)
    start = len(log)
    out = forward(x)
    calls = [(name[len(prefix) :], *shapes) for name, *shapes in log[start:]]
    inside = all(name.startswith(prefix) for name, *_ in log[start:])
    if inside and isinstance(out, torch.Tensor):  # anything else is run every time
        seen[key] = (calls, (tuple(out.shape), out.dtype))
    return out


# --------------------------------------------------------------------------- reusing a trace

_KEPT = "_cnnlib_trace"  # private attribute of the model: (input shape, fingerprint, shapes, …)
_PLAIN = frozenset((bool, int, float, str, tuple))  # settings such as stride, padding, skip


def _fingerprint(model: nn.Module) -> tuple[Any, ...]:
    """What a trace depends on: every module (its name, class and identity), its plain settings
    (stride, padding, skip, …), its parameters' shapes, and whether anything was patched in.

    Replacing a layer (``model.fc = nn.Linear(…)``), changing a stride or a weight's shape, or
    adding a hook or an instance ``forward`` changes the fingerprint, so a kept trace is never
    used for a model that could now produce other shapes. Modules are named by ``id``, not
    held: the kept trace must not make the model a reference cycle (the garbage collector,
    not reference counting, would then have to free every model built). ResNet-152: ~5 ms.
    """
    parts = []
    for name, module in model.named_modules():
        attributes = module.__dict__
        settings = tuple(
            [(k, v) for k, v in attributes.items() if k[0] != "_" and k != "training" and type(v) in _PLAIN]
        )
        shapes = tuple([p.shape for p in module._parameters.values() if p is not None])
        patched = "forward" in attributes or bool(module._forward_hooks or module._forward_pre_hooks)
        parts.append((name, type(module), id(module), settings, shapes, patched))
    return tuple(parts)


def keep(model: nn.Module, run: Trace, input_shape: tuple[int, ...]) -> None:
    """Remember ``run`` (the trace of ``model`` at ``input_shape``) on the model itself.

    Only names and shapes are kept, no module (see :func:`_fingerprint`); moving the model to
    another device changes no shape, so the trace stays valid for the materialised model.
    """
    shapes = {name: (c.input_shape, c.output_shape, c.calls) for name, c in run.calls.items()}
    fingerprint = run.fingerprint if run.fingerprint is not None else _fingerprint(model)
    kept = (tuple(input_shape), fingerprint, shapes, run.output_shape, tuple(run.order))
    object.__setattr__(model, _KEPT, kept)


def forget(model: nn.Module) -> None:
    """Drop the trace :func:`keep` put on ``model``, if any."""
    model.__dict__.pop(_KEPT, None)


def traced(model: nn.Module, input_shape: tuple[int, ...]) -> Trace:
    """The kept trace if it is for this input shape and the model has not changed; else :func:`trace`.

    For reading shapes only: a model with forward hooks is traced afresh (so they fire), but
    global hooks (``register_module_forward_hook``) are not looked for.
    """
    kept = model.__dict__.get(_KEPT)
    if kept is not None:
        shape, fingerprint, shapes, output_shape, order = kept
        if shape == tuple(input_shape) and fingerprint == _fingerprint(model):
            modules = dict(model.named_modules())
            calls = {name: Call(name, modules[name], *seen) for name, seen in shapes.items()}
            return Trace(calls, output_shape, list(order))
    return trace(model, input_shape)
