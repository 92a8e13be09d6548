"""Per-layer gradients: where do they vanish (or explode)?

층별 기울기: 기울기가 어느 층에서 사라지는지(또는 폭주하는지) 봅니다.

One backward pass of the cross-entropy loss on one batch, read at every convolution and fully
connected layer in the order the forward pass used them:

- :func:`layer_signals` — what the lesson on vanishing/exploding gradients plots: at the input
  x_l of every layer, the size of the forward signal (RMS of x_l) and of the gradient that comes
  back to it, ‖∂L/∂x_l‖. By the chain rule ∂L/∂x_l is the product of the factors of all the
  layers above l, so it shrinks (vanishes) or grows (explodes) layer by layer toward the input;
  a residual block adds its input to its output, so ∂(F(x) + x)/∂x = ∂F/∂x + 1 passes the
  gradient back even when ∂F/∂x is small.
- :func:`layer_gradient_norms` — the gradient of every layer's *weights*, ‖∂L/∂W‖, what a
  training step changes (the ResNet explorer shows it for the plain and the residual twin).

층마다 입력 x_l에서 순전파 신호의 크기(RMS)와 되돌아온 기울기 ‖∂L/∂x_l‖을 잽니다. 연쇄 법칙 때문에
∂L/∂x_l은 위쪽 모든 층의 배율을 곱한 값이라, 입력 쪽으로 갈수록 층마다 작아지거나(소실) 커집니다(폭주).
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

__all__ = ["LayerSignal", "layer_gradient_norms", "layer_signals"]

_WEIGHTED = (nn.Conv2d, nn.Linear)


def layer_gradient_norms(model: nn.Module, images: Tensor, labels: Tensor) -> list[tuple[str, float]]:
    """L2 norm of the loss gradient of every conv/linear weight, in forward order.

    합성곱·완전 연결 층 가중치마다 손실 기울기의 L2 노름을 순전파 순서대로 돌려줍니다.

    Args:
        model: a classifier returning logits ``[N, classes]`` (GoogLeNet's training-mode
            outputs are fine: the main logits are used).
        images: a batch ``[N, C, H, W]`` on the model's device.
        labels: class indices ``[N]``.

    Returns:
        ``[(layer name, ‖∂loss/∂weight‖₂), ...]`` — one entry per ``nn.Conv2d``/``nn.Linear``
        that took part in the loss, in the order the forward pass first called it (not the
        order the layers were registered in). Layers the loss does not depend on (e.g. an
        auxiliary classifier) are left out.

    The model is left exactly as it was: the forward pass runs in training mode (batch norm
    uses batch statistics, as during training) and the mode and the batch-norm running
    statistics are restored afterwards; gradients come from ``torch.autograd.grad``, so no
    ``.grad`` attribute is touched.
    모델은 그대로 남습니다: 학습 모드로 한 번 계산한 뒤 모드와 배치 정규화 통계를 되돌리고,
    ``.grad``도 건드리지 않습니다.
    """
    _check_batch(images, labels)
    names = {module: name for name, module in model.named_modules()}
    order: list[nn.Module] = []

    def remember(module: nn.Module, args: tuple) -> None:
        if module not in order:  # a layer used twice counts where it was first used
            order.append(module)

    hooks = [m.register_forward_pre_hook(remember) for m in model.modules() if isinstance(m, _WEIGHTED)]
    try:
        with _training_pass(model):
            loss = _loss(model, images, labels)
            weights = [module.weight for module in order]
            grads = torch.autograd.grad(loss, weights, allow_unused=True)
    finally:
        for hook in hooks:
            hook.remove()
    return [
        (names[module], float(grad.norm()))
        for module, grad in zip(order, grads, strict=True)
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

    Args and the state of the model afterwards: as :func:`layer_gradient_norms`.

    Returns:
        one :class:`LayerSignal` per ``nn.Conv2d``/``nn.Linear`` whose output the loss depends
        on, at its first call. ∂L/∂x is the *whole* gradient of that tensor: where a residual
        block's shortcut also reads x, the shortcut's share is included. Both numbers are
        computed in float64, so a vanished gradient of 1e-25 is not rounded to 0.
    """
    _check_batch(images, labels)
    names = {module: name for name, module in model.named_modules()}
    seen: dict[nn.Module, tuple[Tensor, Tensor]] = {}  # layer → (its input, its output), first call

    def remember(module: nn.Module, args: tuple, output: object) -> None:
        if module not in seen and args and isinstance(args[0], Tensor) and isinstance(output, Tensor):
            seen[module] = (args[0], output)

    hooks = [m.register_forward_hook(remember) for m in model.modules() if isinstance(m, _WEIGHTED)]
    try:
        with _training_pass(model):
            images = images.detach().requires_grad_()  # so that the first layer's input has a gradient
            loss = _loss(model, images, labels)
            tensors = [t for pair in seen.values() for t in pair]
            grads = torch.autograd.grad(loss, tensors, allow_unused=True)
    finally:
        for hook in hooks:
            hook.remove()
    signals = []
    for (module, (x, _)), grad_x, grad_out in zip(seen.items(), grads[::2], grads[1::2], strict=True):
        if grad_out is None or grad_x is None:  # the loss does not use this layer (an auxiliary head)
            continue
        rms = float(x.detach().double().pow(2).mean().sqrt())
        signals.append(LayerSignal(names[module], rms, float(grad_x.double().norm())))
    return signals


@contextmanager
def _training_pass(model: nn.Module) -> Iterator[None]:
    """Run the block in training mode (batch norm uses batch statistics, as in a training step),
    then restore every module's mode and undo the batch-norm running-statistics update."""
    was_training = {module: module.training for module in model.modules()}
    buffers = {name: buffer.clone() for name, buffer in model.named_buffers()}
    try:
        model.train()
        with torch.enable_grad():
            yield
    finally:
        for module, mode in was_training.items():
            module.training = mode
        with torch.no_grad():
            for name, buffer in model.named_buffers():
                buffer.copy_(buffers[name])


def _loss(model: nn.Module, images: Tensor, labels: Tensor) -> Tensor:
    output = model(images)
    logits = output[0] if isinstance(output, (tuple, list)) else output  # GoogLeNet: main logits
    return F.cross_entropy(logits, labels)


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
