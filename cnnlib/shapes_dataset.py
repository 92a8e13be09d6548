"""The embedded dataset ``"shapes"``: ten kinds of shapes drawn by code from a seed.

내장 데이터셋 ``"shapes"``: 시드로부터 코드가 그리는 도형 10종(32×32 RGB). 내려받을 필요가 없습니다.

Position, size, rotation, colours, clutter and noise are random, so a linear classifier on raw
pixels stays near chance while a small CNN learns: *architecture matters*. Measured (2 busy CPU
cores, ``benchmarks/data_baselines.py``): the default 10 000 + 2 000 images in 0.69 s; a linear
classifier 11.9 % (chance 10 %); a small CNN 55.9 % after 15 s of training, 69.5 % after 60 s.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass

import torch
from torch import Tensor

from cnnlib import checks

__all__ = ["MAX_SEED", "MAX_SHAPES", "SHAPES_CLASSES", "make_shapes"]

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

MAX_SHAPES = 200_000  # 200 000 images of 3×32×32 float32 ≈ 2.5 GB: a sane upper bound
MAX_SEED = 2**62


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
    distractor strokes and dots over it, and pixel noise — computed on coordinate grids, many
    images at once, with no Python loop over pixels.

    Returns:
        ``(images, labels)``: float32 ``[n, 3, image_size, image_size]`` in ``[0, 1]`` and int64
        ``[n]``, with the classes as balanced as ``n`` allows, in random order.
    """
    n = checks.whole("n", n, 1, MAX_SHAPES)
    seed = checks.whole("seed", seed, 0, MAX_SEED)
    image_size = checks.whole("image_size", image_size, 8, 256)
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
