"""Datasets and AlexNet's data augmentations.

데이터셋과 AlexNet의 데이터 증강.

Three datasets share one small class, :class:`ImageDataset` (raw images in ``[0, 1]`` plus the
per-channel mean and standard deviation of the training split):

* ``"shapes"`` (default · 기본값): ten kinds of shapes drawn by code from a seed — no download,
  works offline, 32×32 RGB. Position, size, rotation, colours, clutter and noise are random, so a
  linear classifier on raw pixels stays far below a small CNN: *architecture matters*.
  코드로 그리는 도형 10종(32×32 RGB). 내려받을 필요가 없고, 위치·크기·회전·색·잡동사니·잡음이
  무작위라서 픽셀 위의 선형 분류기는 작은 CNN보다 훨씬 못합니다.
* ``"cifar10"``: CIFAR-10 through ``torchvision.datasets`` (32×32 RGB, 50 000 + 10 000).
* ``"fashion_mnist"``: Fashion-MNIST through ``torchvision.datasets`` — **one channel**,
  ``[N, 1, 28, 28]``; build models with ``in_channels=1`` for it.
  흑백 1채널 28×28이므로 모델의 입력 채널을 1로 두세요.

Measured on the development machine (2 CPU cores, no GPU, torch 2.14 CPU, 2 threads, shared with
other jobs at the time — load average ≈ 6; see ``benchmarks/data_baselines.py`` and
``benchmarks/results/data_baselines.md``):

* generating the default ``load()`` (10 000 train + 2 000 test images): **0.69 s** (median of 3);
* logistic regression on raw pixels (linear classifier, 30 epochs): **11.9 %** test accuracy
  (33.6 % on the training images it memorized) — chance is 10 %;
* small CNN ``conv16-pool-conv32-pool-fc`` (Adam 1e-3, batch 128): **55.9 %** after 15 s of
  training (224 steps), **69.5 %** after 60 s (758 steps), 71.9 % after 2 000 steps — still
  improving, while the training accuracy (92 %) shows room for regularization and augmentation.

측정값(2코어 CPU, 다른 작업과 함께 사용 중): 기본 데이터 생성 0.69초, 선형 분류기 11.9 %
(무작위 추측 10 %), 작은 CNN 15초 학습 55.9 %, 60초 학습 69.5 %, 2000스텝 71.9 %.

The augmentations follow Krizhevsky, Sutskever & Hinton (2012), §4.1: random crops with horizontal
reflection (:class:`RandomCropFlip`, torchvision's ``RandomCrop`` and ``RandomHorizontalFlip`` on a
generator of their own) and "fancy PCA" colour jitter (:class:`PCAColor`, which torchvision lacks). They are
plain callables on one ``[C, H, W]`` float tensor in ``[0, 1]`` and work inside
``torchvision.transforms.Compose``.
증강은 논문 4.1절을 따릅니다: 무작위 자르기 + 좌우 뒤집기, 그리고 PCA 색 변화.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import functools
import gzip
import http.client
import math
import os
import shutil
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

from cnnlib import i18n
from cnnlib.errors import ConfigError

__all__ = [
    "AUGMENTATIONS",
    "CIFAR10_CLASSES",
    "DATASETS",
    "FASHION_MNIST_CLASSES",
    "SHAPES_CLASSES",
    "DatasetUnavailable",
    "HorizontalFlip",
    "ImageDataset",
    "PCAColor",
    "RandomCropFlip",
    "alexnet_augment",
    "augmentation_gallery",
    "channel_stats",
    "default_root",
    "load",
    "make_shapes",
    "sample_photo",
]

Transform = Callable[[Tensor], Tensor]


# ---------------------------------------------------------------------------------------------
# 1. The dataset class shared by all three datasets
# ---------------------------------------------------------------------------------------------


class ImageDataset(torch.utils.data.Dataset):
    """Images kept in memory as one tensor, normalized on the way out.

    메모리에 한 텐서로 담긴 이미지 데이터셋. 꺼낼 때 정규화합니다.

    ``images`` stay raw (``[0, 1]``) so that augmentations see real pixel values; ``__getitem__``
    applies ``transform`` (if any) and *then* subtracts ``mean`` and divides by ``std`` — the
    statistics of the training split, which the test split carries too (the test set must never
    influence preprocessing).
    원본 픽셀(0~1)을 그대로 두고, 꺼낼 때 증강(transform) → 정규화 순서로 처리합니다. 평균·표준편차는
    학습 데이터에서만 구하고 테스트 데이터도 같은 값을 씁니다.

    Attributes:
        images: float32 ``[N, C, H, W]`` in ``[0, 1]`` (not normalized).
        labels: int64 ``[N]``.
        classes: ``(Korean, English)`` name of each class.
        name: ``"shapes"``, ``"cifar10"`` or ``"fashion_mnist"``.
        split: ``"train"`` or ``"test"``.
        mean, std: per-channel statistics of the training split.
        transform: applied to one raw ``[C, H, W]`` image before normalization, or ``None``.
    """

    def __init__(
        self,
        images: Tensor,
        labels: Tensor,
        classes: Sequence[tuple[str, str]],
        name: str,
        *,
        split: str = "train",
        mean: Sequence[float] | None = None,
        std: Sequence[float] | None = None,
        transform: Transform | None = None,
    ) -> None:
        if images.ndim != 4 or images.dtype != torch.float32:
            raise TypeError(f"images must be float32 [N, C, H, W], got {images.dtype} {tuple(images.shape)}")
        if labels.shape != (images.shape[0],):
            raise TypeError(f"labels must have shape [{images.shape[0]}], got {tuple(labels.shape)}")
        self.images = images
        self.labels = labels.to(torch.int64)
        self.classes = list(classes)
        self.name = name
        self.split = split
        if mean is None or std is None:
            mean, std = channel_stats(images)
        self.mean = tuple(float(m) for m in mean)
        self.std = tuple(float(s) for s in std)
        self.transform = transform

    # --- shape information ---------------------------------------------------------------
    @property
    def num_classes(self) -> int:
        """Number of classes. 클래스 수."""
        return len(self.classes)

    @property
    def channels(self) -> int:
        """Colour channels: 3 (RGB) or 1 (grey). 채널 수."""
        return self.images.shape[1]

    @property
    def image_size(self) -> int:
        """Height (= width) in pixels. 이미지 한 변의 픽셀 수."""
        return self.images.shape[-1]

    def class_name(self, label: int) -> str:
        """The name of class ``label`` in the current language. 현재 언어로 된 클래스 이름."""
        ko, en = self.classes[label]
        return i18n.pick(ko, en)

    # --- reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.images.shape[0]

    def __getitem__(self, i: int) -> tuple[Tensor, int]:
        image = self.images[i]
        if self.transform is not None:
            image = self.transform(image)
        return self._normalize(image), int(self.labels[i])

    def get_batch(self, index: Tensor | Sequence[int]) -> tuple[Tensor, Tensor]:
        """A batch ``(x, y)``; equal to stacking ``self[i]`` for ``i`` in ``index``.

        여러 장을 한 번에 꺼냅니다. ``self[i]``를 하나씩 꺼내 쌓은 것과 같습니다.

        Without a transform this is one vectorized indexing operation, which is what makes
        training on in-memory data fast; with a transform each image gets its own random draw,
        in the order of ``index``.
        변환이 없으면 한 번의 인덱싱으로 끝나서 빠르고, 변환이 있으면 이미지마다 따로 무작위로 변환합니다.
        """
        index = torch.as_tensor(index, dtype=torch.int64)
        if self.transform is None:
            return self._normalize(self.images[index]), self.labels[index]
        images = [self.transform(self.images[i]) for i in index.tolist()]
        if not images:  # an empty index: keep the shape [0, C, H, W]
            return self._normalize(self.images[index]), self.labels[index]
        return self._normalize(torch.stack(images)), self.labels[index]

    def _normalize(self, images: Tensor) -> Tensor:
        mean = torch.tensor(self.mean, dtype=images.dtype).view(-1, 1, 1)
        std = torch.tensor(self.std, dtype=images.dtype).view(-1, 1, 1)
        return (images - mean) / std

    # --- making new views ----------------------------------------------------------------
    def subset(self, n: int, seed: int = 0) -> ImageDataset:
        """The first ``n`` images of a seeded shuffle, as class-balanced as possible.

        시드로 섞은 뒤 앞의 ``n``장을 고릅니다. 클래스별 개수는 최대한 고르게 맞춥니다.

        Classes take turns (one image of each class, then a second of each, …), so a small
        subset still contains every class. The subset keeps this dataset's ``mean``/``std``
        and ``transform``.
        클래스마다 돌아가며 한 장씩 고르므로 작은 부분집합에도 모든 클래스가 들어갑니다.
        평균·표준편차와 변환은 그대로 물려받습니다.
        """
        _check_int("n", n, 1, len(self))
        _check_int("seed", seed, 0, _MAX_SEED)
        index = _balanced_index(self.labels, n, seed)
        new = copy.copy(self)
        new.images, new.labels = self.images[index], self.labels[index]
        return new

    def with_transform(self, transform: Transform | None) -> ImageDataset:
        """A copy that shares the tensors but uses ``transform``. 텐서는 공유하고 변환만 바꾼 사본."""
        new = copy.copy(self)
        new.transform = transform
        return new

    def describe(self) -> str:
        """One line for students, in the current language: the split, how many images, their shape.

        학생에게 보여 줄 한 줄 설명(현재 언어): 어느 쪽 데이터인지, 이미지 수와 모양, 클래스 수.
        """
        c, h, w = self.images.shape[1:]
        split = i18n.both(f"train.{self.split}") if self.split in ("train", "test") else self.split
        return i18n.t(
            "data.describe", name=self.name, split=split, n=len(self), c=c, h=h, w=w, k=self.num_classes
        )

    def __repr__(self) -> str:
        c, h, w = self.images.shape[1:]
        extra = f", transform={self.transform!r}" if self.transform is not None else ""
        return (
            f"ImageDataset({self.name!r}, {self.split}, {len(self)} images of {c}×{h}×{w}, "
            f"{self.num_classes} classes{extra})"
        )


def _balanced_index(labels: Tensor, n: int, seed: int) -> Tensor:
    """Indices of ``n`` items: shuffle with ``seed``, then let the classes take turns.

    All first-of-their-class items in shuffled order come first, then all second ones, and so
    on; the first ``n`` are kept and returned in shuffled order.
    """
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(seed))
    shuffled = labels[order]
    # rank[j] = how many items of the same class come before position j in the shuffle
    rank = torch.zeros_like(order)
    for c in shuffled.unique():
        where = (shuffled == c).nonzero().flatten()
        rank[where] = torch.arange(len(where))
    chosen_positions = torch.argsort(rank * len(labels) + torch.arange(len(labels)))[:n]
    return order[chosen_positions.sort().values]


def channel_stats(images: Tensor, chunk: int = 1024) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per-channel mean and standard deviation over all pixels of ``images`` ``[N, C, H, W]``.

    Float images are taken as they are; uint8 images are scaled to ``[0, 1]`` first.

    채널별 평균과 표준편차(모든 픽셀에 대해).
    """
    mean, cov = _pixel_moments(images, chunk)
    std = cov.diagonal().sqrt().clamp_min(1e-6)  # a constant channel must not divide by zero
    return tuple(mean.tolist()), tuple(std.tolist())


def _pixel_moments(images: Tensor, chunk: int = 1024) -> tuple[Tensor, Tensor]:
    """Mean ``[C]`` and covariance ``[C, C]`` of the pixel colours (float64 results).

    The sums run over chunks of images, so a 600 MB CIFAR-10 tensor is never copied whole; each
    chunk is summed in float32 (fast) around 0.5 (less rounding) and accumulated in float64.
    """
    c = images.shape[1]
    total = torch.zeros(c, dtype=torch.float64)
    outer = torch.zeros(c, c, dtype=torch.float64)
    count = 0
    for start in range(0, images.shape[0], chunk):
        block = images[start : start + chunk]
        if not block.is_floating_point():  # uint8 straight from a dataset file
            block = block.to(torch.float32).div_(255)
        pixels = block.transpose(0, 1).reshape(c, -1) - 0.5  # [C, pixels]
        total += pixels.sum(dim=1, dtype=torch.float64)
        outer += (pixels @ pixels.T).double()
        count += pixels.shape[1]
    mean = total / max(count, 1)
    cov = outer / max(count, 1) - torch.outer(mean, mean)  # shifting by 0.5 leaves the covariance alone
    return mean + 0.5, cov


# ---------------------------------------------------------------------------------------------
# 2. The embedded dataset "shapes"
# ---------------------------------------------------------------------------------------------

SHAPES_CLASSES: list[tuple[str, str]] = [
    ("원", "circle"),
    ("정사각형", "square"),
    ("삼각형", "triangle"),
    ("십자", "cross"),
    ("별", "star"),
    ("초승달", "crescent"),
    ("고리", "ring"),
    ("사각 테두리", "square frame"),
    ("가로 줄무늬", "horizontal stripes"),
    ("세로 줄무늬", "vertical stripes"),
]
"""Classes of the embedded dataset, ``(Korean, English)``. 내장 데이터셋의 클래스.

Every class is unchanged by a horizontal flip, so AlexNet's flip augmentation keeps the label.
모든 클래스가 좌우 뒤집기에 대해 바뀌지 않으므로 뒤집기 증강이 정답을 바꾸지 않습니다.
"""

SHAPES_TRAIN_SIZE = 10_000
SHAPES_TEST_SIZE = 2_000
_MAX_SHAPES = 200_000  # 200 000 images of 3×32×32 float32 ≈ 2.5 GB: a sane upper bound
_MAX_SEED = 2**62


# Each shape is a *signed distance*: negative inside, positive outside, in "shape units"
# (the shape roughly fills the square [-1, 1]²). ``u``/``v`` are pixel coordinates already
# moved, rotated and scaled into that frame; ``p`` ∈ [0, 1] varies the shape itself a little.
def _circle(u: Tensor, v: Tensor, p: Tensor) -> Tensor:
    return torch.sqrt(u * u + v * v) - (0.85 + 0.15 * p)


def _square(u: Tensor, v: Tensor, p: Tensor) -> Tensor:
    return torch.maximum(u.abs(), v.abs()) - (0.7 + 0.15 * p)


def _triangle(u: Tensor, v: Tensor, p: Tensor) -> Tensor:
    # equilateral: the largest of three half-plane distances (inradius 0.5 → circumradius 1)
    sides = [u * math.cos(a) + v * math.sin(a) for a in (math.pi / 2, 7 * math.pi / 6, 11 * math.pi / 6)]
    return torch.maximum(torch.maximum(sides[0], sides[1]), sides[2]) - (0.5 + 0.1 * p)


def _cross(u: Tensor, v: Tensor, p: Tensor) -> Tensor:
    arm = 0.22 + 0.12 * p  # half-width of each bar
    bar1 = torch.maximum(u.abs() - 1.0, v.abs() - arm)
    bar2 = torch.maximum(u.abs() - arm, v.abs() - 1.0)
    return torch.minimum(bar1, bar2)


def _star(u: Tensor, v: Tensor, p: Tensor) -> Tensor:
    # five points: the boundary radius goes linearly from the tips (1.0) to the notches
    r = torch.sqrt(u * u + v * v)
    phase = torch.atan2(v, u) * (5 / (2 * math.pi))
    tip = 1 - 2 * (phase - torch.floor(phase) - 0.5).abs()  # 1 at a tip, 0 between tips
    inner = 0.35 + 0.15 * p
    return r - (inner + (1.0 - inner) * tip)


def _crescent(u: Tensor, v: Tensor, p: Tensor) -> Tensor:
    disk = torch.sqrt(u * u + v * v) - 1.0
    bite = torch.sqrt((u - 0.45 - 0.2 * p) ** 2 + v * v) - 0.8
    return torch.maximum(disk, -bite)  # inside the disk AND outside the bite


def _ring(u: Tensor, v: Tensor, p: Tensor) -> Tensor:
    return (torch.sqrt(u * u + v * v) - 0.72).abs() - (0.17 + 0.08 * p)


def _frame(u: Tensor, v: Tensor, p: Tensor) -> Tensor:
    return (torch.maximum(u.abs(), v.abs()) - 0.68).abs() - (0.14 + 0.07 * p)


def _stripes(across: Tensor, along: Tensor, p: Tensor) -> Tensor:
    # bands of period `period` across a square patch; 3–4 bands fit in the patch
    period = 0.5 + 0.2 * p
    phase = across / period
    band = ((phase - torch.floor(phase)) - 0.5).abs() - 0.25  # half of each period is "ink"
    patch = torch.maximum(across.abs(), along.abs()) - 0.95
    return torch.maximum(band * period, patch)


def _horizontal_stripes(u: Tensor, v: Tensor, p: Tensor) -> Tensor:
    return _stripes(v, u, p)


def _vertical_stripes(u: Tensor, v: Tensor, p: Tensor) -> Tensor:
    return _stripes(u, v, p)


_SHAPE_FUNCTIONS = [
    _circle,
    _square,
    _triangle,
    _cross,
    _star,
    _crescent,
    _ring,
    _frame,
    _horizontal_stripes,
    _vertical_stripes,
]
_ORIENTED = torch.tensor([8, 9])  # stripe classes: their direction *is* the label, so little rotation


_CHUNK = 256  # images drawn at a time (see make_shapes)


@dataclass(frozen=True)
class _Difficulty:
    """Every knob that makes the shapes harder to classify, in one place.

    Tuned by measurement (benchmarks/data_baselines.py): with larger shifts, more clutter or
    lower contrast, the small CNN stayed near 30–45 % after 15 s of CPU training; with these
    values it reaches 55–65 % and keeps improving, while a linear classifier stays near chance.
    """

    scale: tuple[float, float] = (0.55, 0.9)  # shape half-width / half-image
    shift: float = 0.25  # centre anywhere in [-shift, shift]² (the image is [-1, 1]²)
    contrast: tuple[float, float] = (0.45, 0.9)  # RGB distance between shape and background colour
    ramp: float = 0.25  # background colour gradient
    stains: float = 0.05  # soft background blotches
    shading: float = 0.15  # light from one side on the shape
    strokes: int = 1  # distractor line segments
    dots: int = 1  # distractor dots
    stroke_length: tuple[float, float] = (0.25, 0.9)
    noise: tuple[float, float] = (0.01, 0.04)  # std of pixel noise


_DIFFICULTY = _Difficulty()
# Pixel noise comes from a pool of 512 random patterns: fresh noise for every pixel would cost more
# than drawing the images themselves, and a shared pool carries no information about the label.
_NOISE_BANK = 512


def make_shapes(n: int, seed: int = 0, image_size: int = 32) -> tuple[Tensor, Tensor]:
    """Draw ``n`` random shape images; the same seed gives the same tensors.

    도형 이미지 ``n``장을 그립니다. 같은 시드는 같은 텐서를 만듭니다.

    Each image: a background with a colour gradient and soft blotches, one shape of a random
    class (random position, size, rotation and colour, sometimes partly outside the frame),
    a few distractor strokes and dots drawn over it, and pixel noise. Everything is computed on
    coordinate grids, many images at once — no Python loop over pixels.
    배경(색 기울기 + 얼룩) 위에 무작위 위치·크기·회전·색의 도형 하나를 그리고, 방해 선과 점,
    픽셀 잡음을 더합니다. 여러 이미지를 좌표 격자 위에서 한꺼번에 계산합니다.

    Returns:
        ``(images, labels)``: float32 ``[n, 3, image_size, image_size]`` in ``[0, 1]`` and int64
        ``[n]``, with the classes as balanced as ``n`` allows, in random order.
    """
    _check_int("n", n, 1, _MAX_SHAPES)
    _check_int("seed", seed, 0, _MAX_SEED)
    _check_int("image_size", image_size, 8, 256)
    g = torch.Generator().manual_seed(seed)
    labels = (torch.arange(n) % len(SHAPES_CLASSES))[torch.randperm(n, generator=g)]
    images = torch.empty(n, 3, image_size, image_size)
    # Work in chunks of 256 images on one thread: a chunk's temporaries stay in the CPU cache, and
    # on tensors this small, waking up more threads costs more than it saves (measured: 2 threads
    # were 3-5x *slower* on a busy 2-core machine). The chunk size is fixed, so the random
    # numbers (and the images) depend on nothing but the seed.
    noise_bank = torch.randn(min(n, _NOISE_BANK), 3, image_size, image_size, generator=g)
    with _one_thread():
        for start in range(0, n, _CHUNK):
            chunk = labels[start : start + _CHUNK]
            images[start : start + _CHUNK] = _draw_shapes(chunk, g, image_size, noise_bank)
    return images, labels


def _draw_shapes(labels: Tensor, g: torch.Generator, s: int, noise_bank: Tensor) -> Tensor:
    """Draw one image per label (``[n, 3, s, s]``), taking all random numbers from ``g``."""
    n = labels.shape[0]
    k = _DIFFICULTY

    def uniform(low: float, high: float, *shape: int) -> Tensor:
        return low + (high - low) * torch.rand(n, *shape, generator=g)

    # Pixel centres on [-1, 1]².
    grid = (torch.arange(s, dtype=torch.float32) + 0.5) * (2 / s) - 1
    y, x = grid.view(1, s, 1), grid.view(1, 1, s)

    # --- pose: size, position, rotation. (u, v) are the pixel coordinates in the shape's frame.
    scale = uniform(*k.scale, 1, 1)  # half-width of the shape as a fraction of the half-image
    cx, cy = uniform(-k.shift, k.shift, 1, 1), uniform(-k.shift, k.shift, 1, 1)
    oriented = torch.isin(labels, _ORIENTED).view(n, 1, 1)
    angle = torch.where(oriented, uniform(-0.25, 0.25, 1, 1), uniform(0, 2 * math.pi, 1, 1))
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    dx, dy = x - cx, y - cy  # [n, 1, s] and [n, s, 1]: the products below broadcast to [n, s, s]
    u = cos * dx + sin * dy
    v = cos * dy - sin * dx
    variation = uniform(0, 1, 1, 1)

    distance = torch.empty(n, s, s)
    for c, shape_function in enumerate(_SHAPE_FUNCTIONS):
        mine = labels == c
        distance[mine] = shape_function(u[mine], v[mine], variation[mine])
    # shape units → pixels, then a one-pixel linear ramp: cheap anti-aliasing
    shape_mask = distance.mul_(scale * (-s / 2)).add_(0.5).clamp_(0, 1).unsqueeze(1)

    # --- colours: background and foreground differ by a random, sometimes low, contrast --------
    background = uniform(0, 1, 3, 1, 1)
    direction = torch.randn(n, 3, 1, 1, generator=g)
    direction = direction / direction.norm(dim=1, keepdim=True).clamp_min(1e-6)
    contrast = uniform(*k.contrast, 1, 1, 1)
    foreground = background + contrast * direction
    # if the step leaves the colour cube, step the other way instead (keeps the contrast)
    outside = ((foreground < 0) | (foreground > 1)).any(dim=1, keepdim=True)
    foreground = torch.where(outside, background - contrast * direction, foreground).clamp(0, 1)

    # Smooth colour fields, drawn on a 4×4 grid and stretched to s×s: a random linear ramp plus
    # soft stains on the background, a gentle light from one side on the shape.
    def tilt(amplitude: float, channels: int) -> Tensor:  # a·y + b·x on the grid, per channel
        rows = uniform(-amplitude, amplitude, channels, 1, 1) * _NODES.view(4, 1)
        return rows + uniform(-amplitude, amplitude, channels, 1, 1) * _NODES

    back = _upsample(background + tilt(k.ramp, 3) + k.stains * torch.randn(n, 3, 4, 4, generator=g), s)
    shade = 1 + tilt(k.shading, 1)
    image = back.lerp_(_upsample(foreground * shade, s), shape_mask)

    # --- clutter: strokes and dots on top, partly covering the shape ----------------------------
    strokes, dots = k.strokes, k.dots
    start = uniform(-1, 1, strokes + dots, 2)
    heading = uniform(0, 2 * math.pi, strokes + dots)
    length = torch.cat([uniform(*k.stroke_length, strokes), torch.zeros(n, dots)], dim=1)  # a dot: length 0
    width = torch.cat([uniform(0.04, 0.09, strokes), uniform(0.07, 0.14, dots)], dim=1)
    _paint_segments(image, start, heading, length, width, g)

    noise = noise_bank[torch.randint(0, len(noise_bank), (n,), generator=g)]
    return image.add_(noise.mul_(uniform(*k.noise, 1, 1, 1))).clamp_(0, 1)


@contextlib.contextmanager
def _one_thread() -> Iterator[None]:
    """Run the block on one intra-op thread, then restore the caller's setting."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


_NODES = torch.linspace(-1, 1, 4)


def _upsample(grid: Tensor, s: int) -> Tensor:
    """Bilinear stretch of ``[..., 4, 4]`` colour grids to ``[..., s, s]`` with two small matmuls.

    Bilinear interpolation is separable: rows, then columns, each a fixed ``[s, 4]`` matrix of
    "hat" weights. It reproduces linear colour ramps exactly.
    """
    hat = _hat_matrix(s)
    return hat @ grid @ hat.T


@functools.cache
def _hat_matrix(s: int) -> Tensor:
    pixels = (torch.arange(s, dtype=torch.float32) + 0.5) * (2 / s) - 1
    spacing = float(_NODES[1] - _NODES[0])
    return (1 - (pixels[:, None] - _NODES[None, :]).abs() / spacing).clamp(min=0)


def _paint_segments(
    image: Tensor, start: Tensor, heading: Tensor, length: Tensor, width: Tensor, g: torch.Generator
) -> None:
    """Paint ``k`` line segments per image in random colours, in place (a zero length is a dot).

    ``start`` ``[n, k, 2]``, ``heading`` (angle) ``length`` and half-``width`` ``[n, k]``, all in
    the [-1, 1] frame of the image. Each segment is present with probability 3/4.
    """
    n, k = heading.shape
    s = image.shape[-1]
    half = s / 2  # frame units → pixels
    grid = (torch.arange(s, dtype=torch.float32) + 0.5) - half  # pixel centres, in pixels
    # pixel coordinates in each segment's own frame: `along` the segment and `across` it
    ax, ay = (start * half).unbind(-1)
    cos, sin = torch.cos(heading)[..., None, None], torch.sin(heading)[..., None, None]
    px, py = grid.view(1, 1, 1, s) - ax[..., None, None], grid.view(1, 1, s, 1) - ay[..., None, None]
    middle = (length * half / 2)[..., None, None]
    along = (cos * px + sin * py).sub_(middle).abs_().sub_(middle).clamp_(min=0)  # 0 beside the segment
    across = cos * py - sin * px
    present = torch.rand(n, k, generator=g) < 0.75
    reach = torch.where(present, width * half + 0.5, -1.0)[..., None, None]  # absent: never reached
    alpha = reach - torch.hypot(along, across)  # one-pixel ramp at the edge (anti-aliasing)
    alpha.clamp_(0, 1)
    colours = torch.rand(n, k, 3, 1, 1, generator=g)
    for j in range(k):  # paint one segment over the other
        image.lerp_(colours[:, j], alpha[:, j : j + 1])


# ---------------------------------------------------------------------------------------------
# 3. Real datasets through torchvision
# ---------------------------------------------------------------------------------------------

CIFAR10_CLASSES: list[tuple[str, str]] = [
    ("비행기", "airplane"),
    ("자동차", "automobile"),
    ("새", "bird"),
    ("고양이", "cat"),
    ("사슴", "deer"),
    ("개", "dog"),
    ("개구리", "frog"),
    ("말", "horse"),
    ("배", "ship"),
    ("트럭", "truck"),
]

FASHION_MNIST_CLASSES: list[tuple[str, str]] = [
    ("티셔츠/탑", "T-shirt/top"),
    ("바지", "Trouser"),
    ("풀오버(스웨터)", "Pullover"),
    ("드레스", "Dress"),
    ("코트", "Coat"),
    ("샌들", "Sandal"),
    ("셔츠", "Shirt"),
    ("운동화", "Sneaker"),
    ("가방", "Bag"),
    ("앵클부츠", "Ankle boot"),
]

DATASETS: tuple[str, ...] = ("shapes", "cifar10", "fashion_mnist")
_ALIASES = {"shapes": "shapes", "cifar10": "cifar10", "cifar_10": "cifar10", "fashion_mnist": "fashion_mnist"}

DOWNLOAD_STALL_S = 10.0
"""A download gives up when fewer than :data:`DOWNLOAD_MIN_BYTES` arrive in this many seconds (a
network that went quiet, or trickles a byte now and then). 이 시간(초) 동안 거의 아무것도 받지
못하면(네트워크가 멈추거나 아주 조금씩만 오면) 내려받기를 멈춥니다."""

DOWNLOAD_MIN_BYTES = 16 * 1024
"""What counts as progress: at least this many bytes in every :data:`DOWNLOAD_STALL_S` seconds."""

DOWNLOAD_TOTAL_S = 1800.0
"""The longest a whole download may take (all files of one dataset). 내려받기 전체의 최대 시간(초)."""


class DatasetUnavailable(ConfigError):
    """A real dataset could not be found, downloaded or read.

    실제 데이터셋을 찾거나 내려받거나 읽을 수 없습니다. 메시지는 한국어 한 문장, 영어 한 문장이며
    어느 폴더를 보면(또는 지우면) 되는지 알려 줍니다.
    """


@dataclass(frozen=True)
class _Source:
    """Where torchvision keeps one dataset under ``root`` and how to read it."""

    name: str
    folder: str  # the one folder under root that holds this dataset (moved into place atomically)
    files: tuple[str, ...]  # files inside it that must exist
    train_size: int
    test_size: int
    disk_mb: int  # room the download needs while it runs (archives + extracted files)


_SOURCES = {
    "cifar10": _Source(
        "cifar10",
        "cifar-10-batches-py",
        (
            "data_batch_1",
            "data_batch_2",
            "data_batch_3",
            "data_batch_4",
            "data_batch_5",
            "test_batch",
            "batches.meta",
        ),
        50_000,
        10_000,
        350,
    ),
    "fashion_mnist": _Source(
        "fashion_mnist",
        "FashionMNIST",
        (
            "raw/train-images-idx3-ubyte",
            "raw/train-labels-idx1-ubyte",
            "raw/t10k-images-idx3-ubyte",
            "raw/t10k-labels-idx1-ubyte",
        ),
        60_000,
        10_000,
        90,
    ),
}


def default_root() -> Path:
    """The data cache folder: ``$CNNLIB_DATA`` if set, else ``~/.cache/cnnlib/data``.

    데이터를 보관하는 폴더: 환경 변수 ``CNNLIB_DATA``가 있으면 그 값, 없으면 ``~/.cache/cnnlib/data``.
    """
    env = os.environ.get("CNNLIB_DATA")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "cnnlib" / "data"


def load(
    name: str = "shapes",
    *,
    root: str | os.PathLike[str] | None = None,
    download: bool = True,
    seed: int = 0,
    train_size: int | None = None,
    test_size: int | None = None,
) -> tuple[ImageDataset, ImageDataset]:
    """Load a dataset as ``(train, test)``; with no arguments, the embedded ``"shapes"``.

    데이터셋을 ``(학습, 테스트)`` 한 쌍으로 불러옵니다. 인자가 없으면 내장 데이터셋 ``"shapes"``입니다.

    Args:
        name: ``"shapes"`` (offline), ``"cifar10"`` or ``"fashion_mnist"``
            (``"cifar-10"`` and ``"fashion-mnist"``, any case, work too).
        root: cache folder for the real datasets (default :func:`default_root`); unused by shapes.
        download: fetch missing files of a real dataset (never touches files that are already there).
        seed: shapes are drawn from it; for real datasets it picks the subsets below.
        train_size, test_size: number of images (shapes: default 10 000 / 2 000; real datasets:
            default all, else a class-balanced subset chosen with ``seed``).

    Raises:
        ConfigError: an unknown name, an impossible size, or a cache folder that cannot be written.
        DatasetUnavailable: a real dataset is missing (``download=False``), cannot be downloaded
            (offline — the message says so within seconds), or its files are corrupt.
    """
    key = _ALIASES.get(name.lower().replace("-", "_")) if isinstance(name, str) else None
    if key is None:
        raise ConfigError("dataset", name, ", ".join(repr(d) for d in DATASETS))
    _check_int("seed", seed, 0, _MAX_SEED)
    if key == "shapes":
        return _load_shapes(seed, train_size, test_size)
    source = _SOURCES[key]
    if train_size is not None:
        _check_int("train_size", train_size, 1, source.train_size)
    if test_size is not None:
        _check_int("test_size", test_size, 1, source.test_size)
    root_path = Path(root).expanduser() if root is not None else default_root()
    folder = root_path / source.folder
    _remove_leftovers(source, root_path)  # a download killed earlier (up to 170 MB) is cleaned now
    if not folder.exists():
        if not download:
            files = ", ".join(source.files)
            raise DatasetUnavailable(
                "dataset",
                key,
                i18n.both("data.missing.allowed"),
                i18n.both("data.missing.problem", folder=folder, files=files),
            )
        _download(source, root_path)
    (train_images, train_labels), (test_images, test_labels), names = _read(source, root_path)
    # Statistics of the full official training split, even when we keep only part of it. Subsets
    # are picked while the images are still uint8, so that only they are converted to float32
    # (all of CIFAR-10 as float32 takes 600 MB).
    mean, std = channel_stats(train_images)
    splits = []
    for split, images, labels, size in (
        ("train", train_images, train_labels, train_size),
        ("test", test_images, test_labels, test_size),
    ):
        if size is not None:
            _check_int(f"{split}_size", size, 1, len(labels))
            index = _balanced_index(labels, size, seed)
            images, labels = images[index], labels[index]
        images = images.to(torch.float32).div_(255)  # uint8 → float in [0, 1]
        splits.append(ImageDataset(images, labels, names, key, split=split, mean=mean, std=std))
    return splits[0], splits[1]


def _load_shapes(
    seed: int, train_size: int | None, test_size: int | None
) -> tuple[ImageDataset, ImageDataset]:
    train_size = SHAPES_TRAIN_SIZE if train_size is None else train_size
    test_size = SHAPES_TEST_SIZE if test_size is None else test_size
    _check_int("train_size", train_size, 1, _MAX_SHAPES)
    _check_int("test_size", test_size, 1, _MAX_SHAPES)
    # Two independent streams: the test images do not change when train_size changes.
    train_images, train_labels = make_shapes(train_size, seed=2 * seed)
    test_images, test_labels = make_shapes(test_size, seed=2 * seed + 1)
    train = ImageDataset(train_images, train_labels, SHAPES_CLASSES, "shapes", split="train")
    test = ImageDataset(
        test_images, test_labels, SHAPES_CLASSES, "shapes", split="test", mean=train.mean, std=train.std
    )
    return train, test


def _read(
    source: _Source, root: Path
) -> tuple[tuple[Tensor, Tensor], tuple[Tensor, Tensor], list[tuple[str, str]]]:
    """Read ``(train, test, class names)`` with torchvision's own readers, as uint8 ``[N, C, H, W]``.

    Any failure here means a broken cache, and the message names the folder to delete.
    """
    folder = root / source.folder
    missing = [f for f in source.files if not (folder / f).is_file()]
    if missing:
        raise _corrupt(source, folder, "missing " + ", ".join(missing))
    splits = []
    for train in (True, False):
        try:
            images, labels, names = _TORCHVISION_READERS[source.name](root, train)
        except Exception as e:  # torchvision's readers raise many kinds; each means a broken cache
            # (e.g. an UnpicklingError from a damaged legacy Fashion-MNIST processed/*.pt file)
            raise _corrupt(source, folder, _reason(e)) from e
        expected = source.train_size if train else source.test_size
        if len(labels) != len(images) or not 0 < len(images) <= expected:
            raise _corrupt(source, folder, f"{len(images)} images and {len(labels)} labels")
        if labels.min() < 0 or labels.max() >= len(names):
            raise _corrupt(source, folder, "labels out of range")
        splits.append((images, labels))
    return splits[0], splits[1], names


def _read_cifar10(root: Path, train: bool) -> tuple[Tensor, Tensor, list[tuple[str, str]]]:
    from torchvision.datasets import CIFAR10

    # torchvision checks the md5 of every batch file here and raises RuntimeError on a mismatch
    ds = CIFAR10(str(root), train=train, download=False)
    images = torch.from_numpy(ds.data).permute(0, 3, 1, 2).contiguous()  # HWC → CHW
    return images, torch.tensor(ds.targets, dtype=torch.int64), _bilingual(ds.classes, CIFAR10_CLASSES)


def _read_fashion_mnist(root: Path, train: bool) -> tuple[Tensor, Tensor, list[tuple[str, str]]]:
    from torchvision.datasets import FashionMNIST

    # torchvision only checks that the raw files exist; a truncated file fails while parsing
    ds = FashionMNIST(str(root), train=train, download=False)
    images = ds.data
    if images.ndim != 3 or tuple(images.shape[1:]) != (28, 28):
        raise ValueError(f"images of shape {tuple(images.shape)}, expected [N, 28, 28]")
    return images.unsqueeze(1), ds.targets.to(torch.int64), _bilingual(ds.classes, FASHION_MNIST_CLASSES)


_TORCHVISION_READERS = {"cifar10": _read_cifar10, "fashion_mnist": _read_fashion_mnist}


def _bilingual(english: Sequence[str], known: list[tuple[str, str]]) -> list[tuple[str, str]]:
    korean = {en: ko for ko, en in known}
    return [(korean.get(en, en), en) for en in english]


def _download(source: _Source, root: Path) -> None:
    """Download into a temporary folder beside the cache, then move it into place in one step.

    임시 폴더에 내려받은 뒤 한 번에 옮기므로, 중간에 끊겨도 반쯤 쓰인 캐시가 남지 않습니다.

    Every file must keep arriving (:data:`DOWNLOAD_STALL_S`, :data:`DOWNLOAD_MIN_BYTES`) and the
    whole download must finish within :data:`DOWNLOAD_TOTAL_S`; otherwise, or when the disk is
    full, or a file does not match torchvision's md5, a :class:`DatasetUnavailable` says which of
    these happened and what to do. A download that fails or is interrupted leaves nothing that a
    later call would mistake for a complete dataset; one that was killed is cleaned up next time.
    """
    try:  # can we write here at all? Ask before any byte is downloaded.
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{_staging_prefix(source)}{os.getpid()}-", dir=root))
    except OSError as e:
        raise ConfigError(
            "root",
            str(root),
            i18n.both("data.root.allowed"),
            i18n.both("data.root.problem", folder=root, reason=_reason(e)),
        ) from None
    target = root / source.folder
    _ACTIVE_STAGING.add(staging)
    try:
        _DOWNLOADERS[source.name](staging, time.monotonic() + DOWNLOAD_TOTAL_S)
        try:
            os.rename(staging / source.folder, target)  # atomic: the folder appears complete or not at all
        except OSError:
            if not target.exists():  # (if it exists, another process finished first: keep theirs)
                raise
    except _BadDownload as e:
        raise _unavailable(source, root, "corrupt", f"{e.file}: {e}") from None
    except (OSError, EOFError, tarfile.TarError, zlib.error) as e:
        raise _unavailable(source, root, _cause(e), _reason(e)) from e
    finally:
        _ACTIVE_STAGING.discard(staging)
        shutil.rmtree(staging, ignore_errors=True)


class _BadDownload(Exception):
    """A downloaded file that is not what was asked for (wrong md5, not the archive it should be)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(reason)
        self.file = file


class _NetworkQuiet(OSError):
    """The network went quiet (or too slow) for longer than the download's limits allow."""


def _unavailable(source: _Source, root: Path, cause: str, reason: str) -> DatasetUnavailable:
    """The DatasetUnavailable of a failed download, naming its cause: network, disk or corrupt file."""
    size = f"{source.disk_mb} MB"
    return DatasetUnavailable(
        "dataset",
        source.name,
        i18n.both(f"data.download.{cause}.allowed", folder=root, size=size),
        i18n.both(f"data.download.{cause}.problem", folder=root, reason=reason, size=size),
    )


def _cause(error: BaseException) -> str:
    """``"disk"`` (no room or cannot write), ``"corrupt"`` (a broken archive) or ``"network"``."""
    if isinstance(error, (EOFError, tarfile.TarError, zlib.error, gzip.BadGzipFile)):
        return "corrupt"
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS):
        return "disk"
    return "network"  # URLError, refused or reset connections, timeouts, _NetworkQuiet, cut-off bodies


def _download_cifar10(staging: Path, deadline: float) -> None:
    from torchvision.datasets import CIFAR10

    archive = staging / CIFAR10.filename
    _fetch_checked([CIFAR10.url], archive, CIFAR10.tgz_md5, deadline)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            _extract(tar, staging)
    except (EOFError, tarfile.TarError, zlib.error, gzip.BadGzipFile) as e:
        raise _BadDownload(archive.name, _reason(e)) from None
    archive.unlink()  # the extracted batches are what is kept


def _download_fashion_mnist(staging: Path, deadline: float) -> None:
    from torchvision.datasets import FashionMNIST

    raw = staging / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    for filename, md5 in FashionMNIST.resources:
        archive = raw / filename
        _fetch_checked([f"{mirror}{filename}" for mirror in FashionMNIST.mirrors], archive, md5, deadline)
        try:
            with gzip.open(archive, "rb") as packed, open(raw / archive.stem, "wb") as unpacked:
                shutil.copyfileobj(packed, unpacked)
        except (EOFError, zlib.error, gzip.BadGzipFile) as e:
            raise _BadDownload(filename, _reason(e)) from None
        archive.unlink()


_DOWNLOADERS = {"cifar10": _download_cifar10, "fashion_mnist": _download_fashion_mnist}


def _extract(tar: tarfile.TarFile, folder: Path) -> None:
    if hasattr(tarfile, "data_filter"):  # Python ≥ 3.11.4: no links or paths outside the folder
        tar.extractall(folder, filter="data")
        return
    for member in tar.getmembers():
        if not (member.isfile() or member.isdir()) or not (folder / member.name).resolve().is_relative_to(
            folder.resolve()
        ):
            raise tarfile.TarError(f"unexpected member {member.name!r}")
    tar.extractall(folder)


def _fetch_checked(urls: Sequence[str], path: Path, md5: str, deadline: float) -> None:
    """Download the first of ``urls`` that answers to ``path`` and check its md5 (torchvision's)."""
    from torchvision.datasets.utils import check_integrity

    error: BaseException | None = None
    for url in urls:
        try:
            _fetch(url, path, deadline)
        except OSError as e:  # this mirror failed: try the next, and report the last failure
            if _cause(e) == "disk":
                raise
            error = e
            continue
        if not check_integrity(str(path), md5):
            raise _BadDownload(path.name, "md5 does not match")
        return
    assert error is not None
    raise error


@dataclass
class _Transfer:
    """What the watching thread and the downloading thread share about one file."""

    received: int = 0
    done: bool = False
    error: BaseException | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)


def _fetch(url: str, path: Path, deadline: float) -> None:
    """Download ``url`` to ``path`` in a worker thread while this thread watches the clock.

    The worker may be stuck anywhere (a name lookup, a server that accepts and never answers, a
    byte every few seconds): whatever it is doing, this thread gives up on time and raises
    :class:`_NetworkQuiet`; the worker is told to stop and ends at its next read (a daemon thread,
    at most :data:`DOWNLOAD_STALL_S` later).
    """
    transfer = _Transfer()
    worker = threading.Thread(
        target=_receive, args=(url, path, transfer), name="cnnlib-download", daemon=True
    )
    worker.start()
    mark_time, mark_bytes = time.monotonic(), 0
    try:
        while True:
            worker.join(0.05)
            if transfer.done:
                break
            now = time.monotonic()
            if transfer.received - mark_bytes >= DOWNLOAD_MIN_BYTES:
                mark_time, mark_bytes = now, transfer.received
            if now - mark_time > DOWNLOAD_STALL_S:
                raise _NetworkQuiet(
                    f"{transfer.received - mark_bytes} bytes in {DOWNLOAD_STALL_S:g} s from {url} "
                    f"(the network went quiet or is too slow)"
                )
            if now > deadline:
                raise _NetworkQuiet(f"not finished within {DOWNLOAD_TOTAL_S:g} s: {url}")
    finally:
        transfer.cancelled.set()
    if transfer.error is not None:
        raise transfer.error


def _receive(url: str, path: Path, transfer: _Transfer) -> None:
    """The worker of :func:`_fetch`: stream ``url`` into ``path``, counting bytes as they come."""
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "cnnlib (torchvision datasets)"})
        with urllib.request.urlopen(request, timeout=DOWNLOAD_STALL_S) as response:
            expected = getattr(response, "length", None)  # Content-Length, if the server sent one
            read = getattr(response, "read1", response.read)  # read1: what has arrived, without waiting
            with open(path, "wb") as file:
                while not transfer.cancelled.is_set():
                    chunk = read(64 * 1024)
                    if not chunk:
                        break
                    file.write(chunk)
                    transfer.received += len(chunk)
        if expected is not None and transfer.received < expected and not transfer.cancelled.is_set():
            raise _NetworkQuiet(f"the connection closed after {transfer.received} of {expected} bytes: {url}")
    except (OSError, http.client.HTTPException, ValueError) as e:  # URLError, timeouts, ENOSPC, cut bodies
        if isinstance(e, urllib.error.HTTPError):
            e.close()  # a 404 holds the connection open until closed
        transfer.error = e if isinstance(e, OSError) else _NetworkQuiet(f"{type(e).__name__}: {e}")
    except BaseException as e:  # never die silently in a thread: hand it to the watcher
        transfer.error = e
    finally:
        transfer.done = True


# Staging folders of downloads running in this process (another thread's is not a leftover).
_ACTIVE_STAGING: set[Path] = set()


def _staging_prefix(source: _Source) -> str:
    return f".{source.folder}.download-"


def _remove_leftovers(source: _Source, root: Path) -> None:
    """Delete staging folders of downloads whose process is gone (killed, or a crashed kernel).

    A staging folder is named ``.<folder>.download-<pid>-<random>``; one whose process no longer
    runs on this machine, or that is older than :data:`DOWNLOAD_TOTAL_S` (a shared disk, another
    machine), is a leftover. Running downloads — here or in another process — are left alone.
    """
    try:
        candidates = list(root.glob(_staging_prefix(source) + "*"))
    except OSError:
        return
    for folder in candidates:
        if folder in _ACTIVE_STAGING or not folder.is_dir():
            continue
        pid_text = folder.name[len(_staging_prefix(source)) :].split("-", 1)[0]
        try:
            old = time.time() - folder.stat().st_mtime > DOWNLOAD_TOTAL_S
        except OSError:
            continue
        pid = int(pid_text) if pid_text.isdecimal() and pid_text.isascii() else None
        if old or pid is None or pid == os.getpid() or not _process_alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or we cannot tell: leave its folder alone
    return True


def _corrupt(source: _Source, folder: Path, reason: str) -> DatasetUnavailable:
    return DatasetUnavailable(
        "dataset",
        source.name,
        i18n.both("data.corrupt.allowed", folder=folder),
        i18n.both("data.corrupt.problem", folder=folder, reason=reason),
    )


def _reason(error: BaseException) -> str:
    """One short line describing an exception (messages from urllib can span many lines)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _check_int(knob: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(knob, value, i18n.both("data.int.allowed", low=low, high=high))


# ---------------------------------------------------------------------------------------------
# 4. AlexNet's augmentations (Krizhevsky et al. 2012, §4.1)
# ---------------------------------------------------------------------------------------------


class _OwnStream:
    """``torchvision.transforms.v2`` transforms, applied in order, drawing from ``generator``.

    v2 draws only from torch's global stream, so for the call that stream takes ``generator``'s
    state and ``fork_rng`` gives the caller's back: runs stay reproducible from their own generator
    (``None``: the global stream). torchvision makes the random calls cnnlib's earlier hand-written
    code made, so seeded runs (the atlas) give the same images; only a crop that fills a padded
    side draws no offset, then later draws differ. Cost: ≈ 4 ms more per batch of 64 images of
    32×32, ≈ 7 % of an AlexNet lab step (``benchmarks/augment_v2.py``).
    v2는 전역 난수만 쓰므로 호출하는 동안만 전역 상태를 ``generator``의 상태로 바꿔 재현성을 지킵니다.
    """

    def __init__(self, *transforms: Transform, generator: torch.Generator | None) -> None:
        self.transforms, self.generator = transforms, generator

    def __call__(self, image: Tensor) -> Tensor:
        if self.generator is None:
            return self._apply(image)
        with torch.random.fork_rng(devices=[]):  # CPU only: the draws are CPU numbers
            torch.default_generator.set_state(self.generator.get_state())
            image = self._apply(image)
            self.generator.set_state(torch.default_generator.get_state())
        return image

    def _apply(self, image: Tensor) -> Tensor:
        for transform in self.transforms:  # not v2.Compose: its bookkeeping costs more than the crop
            image = transform(image)
        return image


class HorizontalFlip(_OwnStream):
    """Mirror the image left ↔ right with probability ``p`` (torchvision's ``RandomHorizontalFlip``).

    확률 ``p``로 이미지를 좌우로 뒤집습니다.

    AlexNet's cheapest augmentation: a cat looking left is still a cat, so each flip is a
    "new" training image for free. Use it only when flipping keeps the label (it would not
    for digits or text).
    고양이는 왼쪽을 봐도 고양이이므로 뒤집은 이미지는 공짜로 얻는 새 학습 데이터입니다.
    단, 숫자·글자처럼 뒤집으면 뜻이 바뀌는 데이터에는 쓰지 마세요.

    Args:
        p: probability of flipping. 뒤집을 확률.
        generator: optional ``torch.Generator`` for reproducible draws (default: torch's global RNG).
    """

    def __init__(self, p: float = 0.5, generator: torch.Generator | None = None) -> None:
        from torchvision.transforms import v2

        _check_probability("p", p)
        self.p = p
        super().__init__(v2.RandomHorizontalFlip(p), generator=generator)

    def __repr__(self) -> str:
        return f"HorizontalFlip(p={self.p})"


class RandomCropFlip(_OwnStream):
    """A random ``size × size`` crop, then a horizontal flip with probability ``p_flip``.

    무작위 위치에서 ``size × size``로 잘라 낸 뒤 확률 ``p_flip``로 좌우로 뒤집습니다.

    In the paper, 224×224 patches are cut from 256×256 images and mirrored, which multiplies the
    training set by 2048 (32 × 32 positions × 2) and was AlexNet's main defence against
    overfitting. At lab scale (32×32 images) we pad by 4 pixels and crop 32×32 back — the same
    ratio, 32/256 = 4/32 = 1/8. (At test time the paper averaged ten crops; here we simply use
    the whole image.) torchvision's ``RandomCrop`` and ``RandomHorizontalFlip`` do the work; this
    class adds the bilingual errors and the generator.
    논문은 256×256 이미지에서 224×224 조각을 잘라 뒤집어 학습 데이터를 2048배로 늘렸고, 이것이
    과적합을 막는 주된 수단이었습니다. 32×32 실습에서는 4픽셀을 덧대고 32×32로 다시 자릅니다(같은 1/8 비율).

    Args:
        size: side of the square crop. 잘라 낼 한 변의 길이.
        padding: pixels added on every side first. 먼저 네 변에 덧댈 픽셀 수.
        padding_mode: ``"reflect"`` (default: mirror the border, so no artificial black frame
            that the network could learn as a cue) or ``"constant"`` (zeros, as torchvision's
            ``RandomCrop``).
        p_flip: probability of the horizontal flip. 좌우로 뒤집을 확률.
        generator: optional ``torch.Generator``.
    """

    def __init__(
        self,
        size: int,
        padding: int = 0,
        *,
        padding_mode: str = "reflect",
        p_flip: float = 0.5,
        generator: torch.Generator | None = None,
    ) -> None:
        from torchvision.transforms import v2

        _check_int("size", size, 1, 4096)
        _check_int("padding", padding, 0, 4096)
        if padding_mode not in ("reflect", "constant"):
            raise ConfigError("padding_mode", padding_mode, "'reflect', 'constant'")
        _check_probability("p_flip", p_flip)
        self.size, self.padding, self.padding_mode = size, padding, padding_mode
        self.p_flip = p_flip
        crop = v2.RandomCrop(size, padding, padding_mode=padding_mode)
        super().__init__(crop, v2.RandomHorizontalFlip(p_flip), generator=generator)

    def __call__(self, image: Tensor) -> Tensor:
        # torchvision would raise a bare ValueError or RuntimeError for these: say it in both languages
        p, (h, w) = self.padding, image.shape[-2:]
        if p and self.padding_mode == "reflect" and p >= min(h, w):  # nothing left to mirror
            raise ConfigError("padding", p, f"< {min(h, w)} (reflect)")
        h, w = h + 2 * p, w + 2 * p
        if self.size > h or self.size > w:
            raise ConfigError(
                "size", self.size, f"≤ {min(h, w)}", i18n.both("data.crop.problem", size=self.size, h=h, w=w)
            )
        return super().__call__(image)

    def __repr__(self) -> str:
        return f"RandomCropFlip(size={self.size}, padding={self.padding}, p_flip={self.p_flip})"


class PCAColor:
    """AlexNet's "fancy PCA" colour augmentation.

    AlexNet의 PCA 색 증강("fancy PCA").

    Every pixel of an image gets the same colour shift ``Σ_i α_i λ_i p_i``, where ``p_i`` and
    ``λ_i`` are the eigenvectors and eigenvalues of the RGB covariance of the training pixels and
    ``α_i ~ N(0, std²)`` is drawn once per image (the paper uses ``std = 0.1``). The shift follows
    the directions in which natural colours actually vary — brighter/darker, warmer/cooler —
    modelling changes of illumination, to which the label should not be sensitive. The result
    is clamped to ``[0, 1]`` so that it stays a valid image.
    이미지의 모든 픽셀에 같은 색 변화 ``Σ α_i λ_i p_i``를 더합니다. ``p_i, λ_i``는 학습 픽셀 RGB
    공분산의 고유벡터·고윳값이고, ``α_i``는 이미지마다 한 번 ``N(0, std²)``에서 뽑습니다. 조명이 바뀌어도
    정답은 같다는 것을 가르치는 셈입니다. 결과는 ``[0, 1]``로 자릅니다(clamp).

    Note: this follows the paper literally (``λ_i``, eigenvalues = variances). Several popular
    implementations (e.g. fb.resnet.torch) multiply by ``√λ_i`` instead, which gives larger shifts.
    With pixels in ``[0, 1]`` and ``std = 0.1`` the change is subtle — that is intended.
    참고: 논문 그대로 ``λ_i``(분산)를 곱합니다. 일부 구현은 ``√λ_i``를 곱해 변화가 더 큽니다.

    Args:
        eigvals: ``[C]`` eigenvalues. 고윳값.
        eigvecs: ``[C, C]`` eigenvectors as *columns*. 고유벡터(열).
        std: standard deviation of ``α``. ``α``의 표준편차.
        generator: optional ``torch.Generator``.
    """

    def __init__(
        self,
        eigvals: Tensor | Sequence[float],
        eigvecs: Tensor | Sequence[Sequence[float]],
        std: float = 0.1,
        generator: torch.Generator | None = None,
    ) -> None:
        eigvals = torch.as_tensor(eigvals, dtype=torch.float32)
        eigvecs = torch.as_tensor(eigvecs, dtype=torch.float32)
        c = eigvals.numel()
        if eigvals.ndim != 1 or eigvecs.shape != (c, c):
            raise ConfigError(
                "eigvecs",
                tuple(eigvecs.shape),
                f"[{c}, {c}]",
                i18n.both("data.pca.problem", vals=c, vecs=tuple(eigvecs.shape)),
            )
        if not (isinstance(std, (int, float)) and std >= 0):
            raise ConfigError("std", std, "≥ 0")
        self.eigvals, self.eigvecs, self.std = eigvals, eigvecs, float(std)
        self.generator = generator

    @classmethod
    def fit(
        cls,
        data: ImageDataset | Tensor,
        std: float = 0.1,
        generator: torch.Generator | None = None,
    ) -> PCAColor:
        """Eigen-decompose the colour covariance of all pixels of ``data`` (raw, in ``[0, 1]``).

        ``data``의 모든 픽셀 색(원본 0~1)의 공분산 행렬을 고윳값 분해해 ``PCAColor``를 만듭니다.

        ``data`` may be an :class:`ImageDataset` (its raw ``images``), a ``[N, C, H, W]`` or a
        single ``[C, H, W]`` tensor.
        """
        images = data.images if isinstance(data, ImageDataset) else data
        if images.ndim == 3:
            images = images.unsqueeze(0)
        _, cov = _pixel_moments(images)
        eigvals, eigvecs = torch.linalg.eigh(cov)  # symmetric matrix → real, ascending eigenvalues
        return cls(eigvals.clamp_min(0).float(), eigvecs.float(), std=std, generator=generator)

    def shift(self) -> Tensor:
        """Draw ``α`` and return the colour shift ``Σ_i α_i λ_i p_i`` (shape ``[C]``)."""
        alpha = torch.randn(self.eigvals.numel(), generator=self.generator) * self.std
        return self.eigvecs @ (alpha * self.eigvals)

    def __call__(self, image: Tensor) -> Tensor:
        if image.shape[-3] != self.eigvals.numel():
            raise ConfigError("channels", image.shape[-3], str(self.eigvals.numel()))
        shift = self.shift().to(image.device, image.dtype)
        return (image + shift.view(-1, 1, 1)).clamp(0, 1)

    def __repr__(self) -> str:
        values = ", ".join(f"{v:.4g}" for v in self.eigvals.tolist())
        return f"PCAColor(eigvals=[{values}], std={self.std})"


AUGMENTATIONS: tuple[str, ...] = ("flip", "crop_flip", "pca", "all")


def alexnet_augment(
    train_dataset: ImageDataset,
    kind: str = "all",
    *,
    generator: torch.Generator | None = None,
) -> Any:
    """AlexNet's training augmentation for ``train_dataset``, as a ``torchvision`` ``Compose``.

    ``train_dataset``에 맞춘 AlexNet의 학습용 증강을 ``torchvision``의 ``Compose``로 돌려줍니다.

    Use it as ``train.with_transform(alexnet_augment(train, "crop_flip"))``; never augment the
    test set. ``kind``: ``"flip"`` (mirror only), ``"crop_flip"`` (pad by 1/8 of the side, crop
    back, mirror), ``"pca"`` (colour shifts fitted on the training pixels) or ``"all"`` (crop, mirror
    and colour, as in the paper).
    테스트 데이터에는 증강을 쓰지 않습니다. ``kind``: ``"flip"``, ``"crop_flip"``, ``"pca"``, ``"all"``.
    """
    from torchvision.transforms import Compose

    if kind not in AUGMENTATIONS:
        raise ConfigError("kind", kind, ", ".join(repr(k) for k in AUGMENTATIONS))
    size = train_dataset.image_size
    crop = RandomCropFlip(size, padding=max(1, size // 8), generator=generator)
    if kind == "flip":
        steps: list[Transform] = [HorizontalFlip(generator=generator)]
    elif kind == "crop_flip":
        steps = [crop]
    elif kind == "pca":
        steps = [PCAColor.fit(train_dataset, generator=generator)]
    else:  # "all": as in the paper, crops and mirrors plus colour shifts
        steps = [crop, PCAColor.fit(train_dataset, generator=generator)]
    return Compose(steps)


def sample_photo(size: int | None = None) -> Tensor:
    """A real photograph (Grace Hopper, public domain) shipped with matplotlib, as ``[3, H, W]``.

    matplotlib에 들어 있는 실제 사진(그레이스 호퍼, 퍼블릭 도메인)을 ``[3, H, W]`` 텐서(0~1)로 돌려줍니다.
    인터넷이 필요 없습니다.

    Args:
        size: if given, resize so that the shorter side has ``size`` pixels (antialiased).
            주어지면 짧은 변이 ``size`` 픽셀이 되도록 줄입니다.
    """
    import matplotlib.cbook
    import matplotlib.image

    path = matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    pixels = torch.from_numpy(matplotlib.image.imread(path).copy())  # uint8 [H, W, 3]
    photo = pixels.permute(2, 0, 1).to(torch.float32) / 255
    if size is not None:
        _check_int("size", size, 8, 4096)
        h, w = photo.shape[-2:]
        new = (round(h * size / min(h, w)), round(w * size / min(h, w)))
        photo = F.interpolate(photo[None], size=new, mode="bilinear", antialias=True, align_corners=False)[0]
        photo = photo.clamp(0, 1)
    return photo.contiguous()


def augmentation_gallery(image: Tensor, n: int = 4, seed: int = 0) -> dict[str, list[Tensor]]:
    """``n`` random results of each AlexNet augmentation of one ``[C, H, W]`` image (data only).

    이미지 한 장에 AlexNet 증강을 각각 ``n``번 적용한 결과(그림은 그리지 않고 데이터만 돌려줌).

    Keys: ``"original"`` (the image, once), ``"flip"``, ``"crop_flip"`` (crops of 7/8 of the
    shorter side, as 224/256 in the paper, then mirrored with probability 1/2), ``"pca"``
    (``std = 0.1`` as in the paper — subtle) and ``"pca_strong"`` (``std = 1.0``, exaggerated so the
    colour directions are visible). The colour directions are fitted on the image itself.
    ``"pca_strong"``은 색 변화 방향이 눈에 보이도록 10배로 과장한 것입니다.
    """
    _check_int("n", n, 1, 1000)
    _check_int("seed", seed, 0, _MAX_SEED)
    g = torch.Generator().manual_seed(seed)
    crop = RandomCropFlip(round(min(image.shape[-2:]) * 7 / 8), generator=g)
    pca = PCAColor.fit(image, std=0.1, generator=g)
    strong = PCAColor(pca.eigvals, pca.eigvecs, std=1.0, generator=g)
    flip = HorizontalFlip(generator=g)
    return {
        "original": [image],
        "flip": [flip(image) for _ in range(n)],
        "crop_flip": [crop(image) for _ in range(n)],
        "pca": [pca(image) for _ in range(n)],
        "pca_strong": [strong(image) for _ in range(n)],
    }


def _check_probability(knob: str, p: Any) -> None:
    if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 <= p <= 1:
        raise ConfigError(knob, p, "0 ≤ p ≤ 1")
