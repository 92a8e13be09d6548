"""Tests for cnnlib.gradients: layer_gradient_norms (‖∂L/∂W‖) and layer_signals (RMS(x), ‖∂L/∂x‖)."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from cnnlib import ConfigError
from cnnlib.gradients import layer_gradient_norms, layer_signals
from cnnlib.models import googlenet, resnet


def batch(n: int = 8, size: int = 8, classes: int = 4, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, 3, size, size, generator=g), torch.randint(0, classes, (n,), generator=g)


class HeadFirst(nn.Module):
    """Registers its layers in the opposite order of use: the result must follow the forward pass."""

    def __init__(self) -> None:
        super().__init__()
        self.head = nn.Linear(6 * 8 * 8, 4)
        self.norm = nn.BatchNorm2d(6)
        self.body = nn.Conv2d(3, 6, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(F.relu(self.norm(self.body(x))).flatten(1))


def test_norms_match_a_manual_backward_pass():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 5, 3), nn.ReLU(), nn.Flatten(), nn.Linear(5 * 6 * 6, 4))
    images, labels = batch()
    norms = layer_gradient_norms(model, images, labels)

    F.cross_entropy(model(images), labels).backward()
    expected = [("0", model[0].weight.grad.norm().item()), ("3", model[3].weight.grad.norm().item())]
    assert [name for name, _ in norms] == [name for name, _ in expected]
    for (_, got), (_, want) in zip(norms, expected, strict=True):
        assert got == pytest.approx(want, rel=1e-6)


def test_forward_order_not_registration_order():
    torch.manual_seed(0)
    names = [name for name, _ in layer_gradient_norms(HeadFirst(), *batch())]
    assert names == ["body", "head"]  # batch norm has no conv/linear weight: not listed


def test_model_is_left_as_it_was():
    torch.manual_seed(0)
    model = HeadFirst().eval()
    model.norm.train()  # a mixed state must come back exactly
    before = {name: buffer.clone() for name, buffer in model.state_dict().items()}
    layer_gradient_norms(model, *batch())
    assert not model.training and model.norm.training and not model.body.training
    assert all(p.grad is None for p in model.parameters())
    for name, value in model.state_dict().items():
        assert torch.equal(value, before[name]), name  # running statistics not updated


def test_googlenet_uses_main_logits_and_skips_the_unused_auxiliary_heads():
    torch.manual_seed(0)
    model = googlenet("torchvision", input_size=32, num_classes=10, width=0.125)
    images, labels = batch(n=4, size=32, classes=10)
    names = [name for name, _ in layer_gradient_norms(model, images, labels)]
    assert names[0] == "conv1.conv" and names[-1] == "fc"
    assert not any(name.startswith("aux") for name in names)
    assert all(math.isfinite(norm) and norm > 0 for _, norm in layer_gradient_norms(model, images, labels))


def test_plain_network_gradients_spread_far_more_than_residual_ones():
    """The ResNet lesson: without shortcuts the per-layer gradient norms drift apart by orders of
    magnitude across 56 layers (with batch norm they explode toward the input); with shortcuts
    they stay within a small range."""
    torch.manual_seed(0)
    images, labels = batch(n=16, size=32, classes=10)

    def spread(skip: bool) -> float:
        torch.manual_seed(0)
        model = resnet(56, "cifar", skip=skip, width=0.25)
        norms = [norm for _, norm in layer_gradient_norms(model, images, labels)]
        return max(norms) / min(norms)

    assert spread(skip=False) > 100 * spread(skip=True)


class Residual(nn.Module):
    """x is read twice: by the convolutions and by the shortcut that adds it back."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 3, 3, padding=1)
        self.conv2 = nn.Conv2d(3, 3, 3, padding=1)
        self.head = nn.Linear(3 * 8 * 8, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.relu(self.conv2(F.relu(self.conv1(x))) + x)
        return self.head(y.flatten(1))


def test_signals_match_a_manual_backward_pass_shortcut_included():
    torch.manual_seed(0)
    model = Residual()
    images, labels = batch()
    signals = layer_signals(model, images, labels)

    x = images.clone().requires_grad_()
    hidden = F.relu(model.conv1(x))
    hidden.retain_grad()
    y = F.relu(model.conv2(hidden) + x)
    y.retain_grad()
    F.cross_entropy(model.head(y.flatten(1)), labels).backward()
    expected = [("conv1", x), ("conv2", hidden), ("head", y)]
    assert [s.name for s in signals] == [name for name, _ in expected]
    for signal, (_, tensor) in zip(signals, expected, strict=True):
        assert signal.rms == pytest.approx(tensor.detach().pow(2).mean().sqrt().item(), rel=1e-6)
        assert signal.grad_norm == pytest.approx(tensor.grad.norm().item(), rel=1e-5)  # x.grad: both paths


def test_signals_leave_the_model_as_it_was_and_follow_the_forward_order():
    torch.manual_seed(0)
    model = HeadFirst().eval()
    before = {name: value.clone() for name, value in model.state_dict().items()}
    assert [s.name for s in layer_signals(model, *batch())] == ["body", "head"]
    assert not model.training and all(p.grad is None for p in model.parameters())
    assert all(torch.equal(value, before[name]) for name, value in model.state_dict().items())


def test_a_vanished_gradient_is_not_rounded_to_zero():
    """Gradients of about 1e-25 per number: their squares underflow in float32 (a norm of 0 on this
    machine's torch), not in float64."""
    model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 4))
    with torch.no_grad():
        model[1].weight.mul_(1e-24)
    images, labels = batch()
    (signal,) = layer_signals(model, images, labels)
    x = images.clone().requires_grad_()
    F.cross_entropy(model(x), labels).backward()
    assert signal.grad_norm == pytest.approx(x.grad.double().norm().item(), rel=1e-6)
    assert 0 < signal.grad_norm < 1e-20


def test_signals_skip_the_auxiliary_heads_the_loss_does_not_use():
    torch.manual_seed(0)
    model = googlenet("torchvision", input_size=32, num_classes=10, width=0.125)
    images, labels = batch(n=4, size=32, classes=10)
    names = [s.name for s in layer_signals(model, images, labels)]
    assert names == [name for name, _ in layer_gradient_norms(model, images, labels)]
    assert names[0] == "conv1.conv" and not any(name.startswith("aux") for name in names)


@pytest.mark.parametrize("measure", [layer_gradient_norms, layer_signals])
@pytest.mark.parametrize(
    ("images", "labels", "knob"),
    [
        (torch.zeros(3, 8, 8), torch.zeros(3, dtype=torch.long), "images"),
        (torch.zeros(2, 3, 8, 8), torch.zeros(3, dtype=torch.long), "labels"),
        (torch.zeros(2, 3, 8, 8), torch.zeros(2), "labels"),
        ([[0.0]], torch.zeros(2, dtype=torch.long), "images"),
    ],
)
def test_bad_batches_are_bilingual_config_errors(measure, images, labels, knob):
    model = nn.Sequential(nn.Conv2d(3, 2, 3), nn.Flatten(), nn.Linear(2 * 6 * 6, 4))
    with pytest.raises(ConfigError) as info:
        measure(model, images, labels)
    assert info.value.knob == knob
    assert any("가" <= ch <= "힣" for ch in info.value.ko) and info.value.en.isascii()
