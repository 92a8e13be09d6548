"""Per-layer gradients: where do they vanish (or explode)?

층별 기울기: 기울기가 어느 층에서 사라지는지(또는 폭주하는지) 봅니다.

One backward pass of the cross-entropy loss on one batch, read at every convolution and fully
connected layer in the order the forward pass first used them:

- :func:`layer_signals` — what the lesson on vanishing/exploding gradients plots: at the input x_l
  of every layer, the size of the forward signal (RMS) and of the gradient ‖∂L/∂x_l‖ that comes
  back to it. By the chain rule ∂L/∂x_l is the product of the factors of all the layers above l,
  so it shrinks (vanishes) or grows (explodes) layer by layer toward the input; a residual block
  adds its input to its output, so ∂(F(x) + x)/∂x = ∂F/∂x + 1 passes the gradient back even when
  ∂F/∂x is small.
- :func:`layer_gradient_norms` — the gradient of every layer's *weights*, ‖∂L/∂W‖, what a training
  step changes (the ResNet explorer shows it for the plain and the residual twin).

The model is left exactly as it was: the pass runs in training mode (batch norm uses batch
statistics, as in a training step), then every module's mode and the batch-norm running statistics
are restored; gradients come from ``torch.autograd.grad``, so no ``.grad`` attribute is touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from cnnlib import i18n
from cnnlib.errors import ConfigError
from cnnlib.fit_checks import main_logits
from cnnlib.trace import hooks_undone

__all__ = ["LayerSignal", "layer_gradient_norms", "layer_signals"]

Calls = dict[nn.Module, tuple[Tensor, Tensor]]  # layer → (its input, its output) at its first call


def layer_gradient_norms(model: nn.Module, images: Tensor, labels: Tensor) -> list[tuple[str, float]]:
    """``[(layer name, ‖∂loss/∂weight‖₂), …]`` of every conv/linear layer, in forward order.

    합성곱·완전 연결 층 가중치마다 손실 기울기의 L2 노름을 순전파 순서대로 돌려줍니다.

    ``model`` returns logits ``[N, classes]`` (GoogLeNet's training-mode outputs are fine: the main
    logits are used); ``images`` ``[N, C, H, W]`` are on its device, ``labels`` are class indices
    ``[N]``. A layer used twice counts where it was first used; layers the loss does not depend on
    (e.g. an auxiliary classifier) are left out.
    """
    _check_batch(images, labels)
    with _first_calls(model, images, labels) as (loss, calls):
        grads = torch.autograd.grad(loss, [layer.weight for layer in calls], allow_unused=True)
    names = {module: name for name, module in model.named_modules()}
    return [
        (names[layer], float(grad.norm()))
        for layer, grad in zip(calls, grads, strict=True)
        if grad is not None
    ]


@dataclass(frozen=True)
class LayerSignal:
    """The signal at the input x of one layer, forward and backward. 층 입력 x의 순전파·역전파 크기."""

    name: str  # the layer, as in model.named_modules()
    rms: float  # √mean(x²) over the batch: how big the forward signal is (the first layer reads the images)
    grad_norm: float  # ‖∂L/∂x‖₂: how big the gradient is when it reaches x on its way back


def layer_signals(model: nn.Module, images: Tensor, labels: Tensor) -> list[LayerSignal]:
    """Forward signal and backward gradient at the input of every conv/linear layer, in forward order.

    층마다 입력 x_l의 순전파 신호 크기(RMS)와 역전파 기울기 크기 ‖∂L/∂x_l‖을 순전파 순서대로 돌려줍니다.

    Arguments as :func:`layer_gradient_norms`. One :class:`LayerSignal` per layer whose output the
    loss depends on, at its first call. ∂L/∂x is the *whole* gradient of that tensor: where a residual
    block's shortcut also reads x, the shortcut's share is included. Both numbers are computed in
    float64, so a vanished gradient of 1e-25 is not rounded to 0.
    """
    _check_batch(images, labels)
    images = images.detach().requires_grad_()  # so that the first layer's input has a gradient too
    with _first_calls(model, images, labels) as (loss, calls):
        tensors = [t for pair in calls.values() for t in pair]
        grads = torch.autograd.grad(loss, tensors, allow_unused=True)
    names = {module: name for name, module in model.named_modules()}
    return [
        LayerSignal(
            names[layer], float(x.detach().double().pow(2).mean().sqrt()), float(grad_x.double().norm())
        )
        for (layer, (x, _)), grad_x, grad_out in zip(calls.items(), grads[::2], grads[1::2], strict=True)
        if grad_out is not None and grad_x is not None  # else the loss does not use this layer
    ]


@contextmanager
def _first_calls(model: nn.Module, images: Tensor, labels: Tensor) -> Iterator[tuple[Tensor, Calls]]:
    """The loss of one training-mode pass and each conv/linear layer's first call; then undo the pass."""
    calls: Calls = {}

    def remember(module: nn.Module, args: tuple, output: object) -> None:
        if module not in calls and args and isinstance(args[0], Tensor) and isinstance(output, Tensor):
            calls[module] = (args[0], output)

    weighted = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    buffers = {name: buffer.clone() for name, buffer in model.named_buffers()}
    try:
        with hooks_undone(model) as hooks, torch.enable_grad():
            hooks += [m.register_forward_hook(remember) for m in weighted]
            model.train()
            logits = main_logits(model(images))  # GoogLeNet: without its auxiliary heads
            yield F.cross_entropy(logits, labels), calls
    finally:
        with torch.no_grad():
            for name, buffer in model.named_buffers():
                buffer.copy_(buffers[name])


def _check_batch(images: object, labels: object) -> None:
    if not isinstance(images, Tensor) or images.dim() != 4:
        raise ConfigError("images", _describe(images), i18n.both("grad.allowed.images"))
    if (
        not isinstance(labels, Tensor)
        or labels.dim() != 1
        or labels.shape[0] != images.shape[0]
        or labels.dtype != torch.long
    ):
        raise ConfigError("labels", _describe(labels), i18n.both("grad.allowed.labels", n=images.shape[0]))


def _describe(value: object) -> object:
    """Tensors appear in an error message by shape and dtype, not by their numbers."""
    if isinstance(value, Tensor):
        return f"Tensor{list(value.shape)} {str(value.dtype).replace('torch.', '')}"
    return value
