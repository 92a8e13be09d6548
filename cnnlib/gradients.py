"""Per-layer gradient norms: where do the gradients vanish (or explode)?

층별 기울기 크기: 기울기가 어느 층에서 사라지는지(또는 폭주하는지) 봅니다.

One backward pass of the cross-entropy loss on one batch, then the L2 norm of the gradient of
every convolution and fully connected weight, listed in the order the forward pass used them.
In a deep *plain* network the layers near the input get much smaller gradients than those near
the output; the shortcut connections of a ResNet carry the gradient back unchanged
(∂(F(x) + x)/∂x = ∂F/∂x + 1), so the profile stays flat. The ResNet lecture and explorer plot
the two profiles side by side.

깊은 평범한(plain) 망에서는 입력 쪽 층의 기울기가 출력 쪽보다 훨씬 작아집니다(기울기 소실).
ResNet의 지름길 연결은 기울기를 그대로 전달하므로(∂(F(x) + x)/∂x = ∂F/∂x + 1) 층별 크기가
고르게 유지됩니다.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from cnnlib import i18n
from cnnlib.errors import ConfigError

__all__ = ["layer_gradient_norms"]

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
    was_training = {module: module.training for module in model.modules()}
    buffers = {name: buffer.clone() for name, buffer in model.named_buffers()}
    try:
        model.train()  # the gradients of interest are those of a training step
        with torch.enable_grad():
            output = model(images)
            logits = output[0] if isinstance(output, (tuple, list)) else output  # GoogLeNet: main logits
            loss = F.cross_entropy(logits, labels)
            weights = [module.weight for module in order]
            grads = torch.autograd.grad(loss, weights, allow_unused=True)
    finally:
        for hook in hooks:
            hook.remove()
        for module, mode in was_training.items():
            module.training = mode
        with torch.no_grad():  # undo the running-statistics update of batch norm
            for name, buffer in model.named_buffers():
                buffer.copy_(buffers[name])
    return [
        (names[module], float(grad.norm()))
        for module, grad in zip(order, grads, strict=True)
        if grad is not None
    ]


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
