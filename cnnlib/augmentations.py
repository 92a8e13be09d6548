"""AlexNet's data augmentations (Krizhevsky, Sutskever & Hinton 2012, §4.1).

AlexNet의 데이터 증강: 무작위 자르기 + 좌우 뒤집기, 그리고 PCA 색 변화(fancy PCA).

Random crops with horizontal reflection come from torchvision's ``transforms.v2``
(:class:`RandomCropFlip`, :class:`HorizontalFlip`); the "fancy PCA" colour jitter, which torchvision
lacks, is :class:`PCAColor`. All are callables on one ``[C, H, W]`` float tensor in ``[0, 1]``, take
an optional ``generator`` for reproducible draws, and work inside ``torchvision.transforms.Compose``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

from cnnlib import checks, i18n, rng
from cnnlib.errors import ConfigError

__all__ = [
    "AUGMENTATIONS",
    "HorizontalFlip",
    "PCAColor",
    "RandomCropFlip",
    "alexnet_augment",
    "augmentation_gallery",
    "pixel_moments",
    "sample_photo",
]

Transform = Callable[[Tensor], Tensor]
AUGMENTATIONS: tuple[str, ...] = ("flip", "crop_flip", "pca", "all")


class _TorchvisionSteps:
    """torchvision v2 transforms applied in order, drawing from ``generator`` (``None``: the global stream).

    v2 draws only from torch's global generator, so :func:`cnnlib.rng.drawing_from` lends it the
    generator's state for the call. torchvision makes the random calls cnnlib's earlier hand-written
    crop and flip made, so seeded runs (the atlas) give the same images. Cost: ≈ 4 ms per batch of 64
    32×32 images, ≈ 7 % of an AlexNet lab step (``benchmarks/augment_v2.py``).
    """

    def __init__(self, *transforms: Transform, generator: torch.Generator | None) -> None:
        self.transforms, self.generator = transforms, generator

    def __call__(self, image: Tensor) -> Tensor:
        with rng.drawing_from(self.generator):
            for transform in self.transforms:  # not v2.Compose: its bookkeeping costs more than the crop
                image = transform(image)
        return image


class HorizontalFlip(_TorchvisionSteps):
    """Mirror the image left ↔ right with probability ``p`` (torchvision's ``RandomHorizontalFlip``).

    확률 ``p``로 좌우로 뒤집습니다. 고양이는 왼쪽을 봐도 고양이이므로 공짜로 얻는 새 학습 데이터입니다.
    Use it only when flipping keeps the label (not for digits or text).
    """

    def __init__(self, p: float = 0.5, generator: torch.Generator | None = None) -> None:
        from torchvision.transforms import v2

        self.p = checks.real("p", p, 0.0, 1.0)
        super().__init__(v2.RandomHorizontalFlip(self.p), generator=generator)

    def __repr__(self) -> str:
        return f"HorizontalFlip(p={self.p})"


class RandomCropFlip(_TorchvisionSteps):
    """A random ``size × size`` crop (after padding by ``padding``), then a flip with probability ``p_flip``.

    무작위 위치에서 ``size × size``로 잘라 낸 뒤 확률 ``p_flip``로 좌우로 뒤집습니다.

    The paper cut 224×224 patches from 256×256 images and mirrored them: 2048 times the training
    set (32 × 32 positions × 2), AlexNet's main defence against overfitting. At lab scale (32×32) we
    pad by 4 and crop 32 back — the same ratio 1/8. ``padding_mode``: ``"reflect"`` (default: no black
    frame the network could learn as a cue) or ``"constant"`` (zeros, as torchvision's default).
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

        self.size = checks.whole("size", size, 1, 4096)
        self.padding = checks.whole("padding", padding, 0, 4096)
        if padding_mode not in ("reflect", "constant"):
            raise ConfigError("padding_mode", padding_mode, "'reflect', 'constant'")
        self.padding_mode, self.p_flip = padding_mode, checks.real("p_flip", p_flip, 0.0, 1.0)
        crop = v2.RandomCrop(size, padding, padding_mode=padding_mode)
        super().__init__(crop, v2.RandomHorizontalFlip(p_flip), generator=generator)

    def __call__(self, image: Tensor) -> Tensor:
        # torchvision would raise a bare ValueError or RuntimeError for these: say it in both languages
        p, (h, w) = self.padding, image.shape[-2:]
        if p and self.padding_mode == "reflect" and p >= min(h, w):  # nothing left to mirror
            raise ConfigError("padding", p, f"< {min(h, w)} (reflect)")
        h, w = h + 2 * p, w + 2 * p
        if self.size > min(h, w):
            raise ConfigError(
                "size", self.size, f"≤ {min(h, w)}", i18n.both("data.crop.problem", size=self.size, h=h, w=w)
            )
        return super().__call__(image)

    def __repr__(self) -> str:
        return f"RandomCropFlip(size={self.size}, padding={self.padding}, p_flip={self.p_flip})"


class PCAColor:
    """AlexNet's "fancy PCA" colour augmentation: every pixel shifts by ``Σ_i α_i λ_i p_i``.

    AlexNet의 PCA 색 증강: 모든 픽셀에 같은 색 변화 ``Σ α_i λ_i p_i``를 더합니다(조명 변화 흉내).

    ``p_i``, ``λ_i``: eigenvectors (columns of ``eigvecs``) and eigenvalues of the RGB covariance of
    the training pixels; ``α_i ~ N(0, std²)`` is drawn once per image (the paper: ``std = 0.1``). The
    shift follows the directions natural colours vary in (brighter/darker, warmer/cooler), to which
    the label should not be sensitive; the result is clamped to ``[0, 1]``. This multiplies by
    ``λ_i`` as the paper writes; some implementations (fb.resnet.torch) use ``√λ_i``, larger shifts.
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
            problem = i18n.both("data.pca.problem", vals=c, vecs=tuple(eigvecs.shape))
            raise ConfigError("eigvecs", tuple(eigvecs.shape), f"[{c}, {c}]", problem)
        self.eigvals, self.eigvecs = eigvals, eigvecs
        self.std, self.generator = checks.real("std", std, 0.0), generator

    @classmethod
    def fit(cls, data: Any, std: float = 0.1, generator: torch.Generator | None = None) -> PCAColor:
        """The PCA of the pixel colours of ``data`` (an ImageDataset, ``[N, C, H, W]`` or ``[C, H, W]``).

        ``data``의 모든 픽셀 색(원본 0~1)의 공분산 행렬을 고윳값 분해합니다.
        """
        images = getattr(data, "images", data)  # an ImageDataset's raw images
        _, cov = pixel_moments(images[None] if images.ndim == 3 else images)
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


def pixel_moments(images: Tensor, chunk: int = 1024) -> tuple[Tensor, Tensor]:
    """Mean ``[C]`` and covariance ``[C, C]`` (float64) of the pixel colours of ``[N, C, H, W]`` images.

    uint8 images are scaled to ``[0, 1]``. Summed chunk by chunk, so a 600 MB CIFAR-10 tensor is never
    copied whole: each chunk in float32 (fast) around 0.5 (less rounding), accumulated in float64.
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


def alexnet_augment(
    train_dataset: Any, kind: str = "all", *, generator: torch.Generator | None = None
) -> Any:
    """AlexNet's training augmentation for ``train_dataset`` (an ImageDataset), as a ``Compose``.

    학습 데이터에 맞춘 AlexNet의 증강. 테스트 데이터에는 쓰지 않습니다.

    Use it as ``train.with_transform(alexnet_augment(train, "crop_flip"))``; never augment the test
    set. ``kind``: ``"flip"``, ``"crop_flip"`` (pad by 1/8 of the side, crop back, mirror), ``"pca"``
    (colour shifts fitted on the training pixels) or ``"all"`` (crop, mirror and colour, as in the paper).
    """
    from torchvision.transforms import Compose

    if kind not in AUGMENTATIONS:
        raise ConfigError("kind", kind, ", ".join(repr(k) for k in AUGMENTATIONS))
    size = train_dataset.image_size
    steps: list[Transform] = []
    if kind == "flip":
        steps.append(HorizontalFlip(generator=generator))
    if kind in ("crop_flip", "all"):
        steps.append(RandomCropFlip(size, padding=max(1, size // 8), generator=generator))
    if kind in ("pca", "all"):
        steps.append(PCAColor.fit(train_dataset, generator=generator))
    return Compose(steps)


def sample_photo(size: int | None = None) -> Tensor:
    """A real photograph (Grace Hopper, public domain) from matplotlib, ``[3, H, W]`` in ``[0, 1]``.

    matplotlib에 들어 있는 실제 사진(그레이스 호퍼). ``size``: 짧은 변의 픽셀 수(주면 줄입니다).
    """
    import matplotlib.cbook
    import matplotlib.image

    path = matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    pixels = torch.from_numpy(matplotlib.image.imread(path).copy())  # uint8 [H, W, 3]
    photo = pixels.permute(2, 0, 1).to(torch.float32) / 255
    if size is not None:
        size = checks.whole("size", size, 8, 4096)
        h, w = photo.shape[-2:]
        new = (round(h * size / min(h, w)), round(w * size / min(h, w)))
        photo = F.interpolate(photo[None], size=new, mode="bilinear", antialias=True, align_corners=False)[0]
        photo = photo.clamp(0, 1)
    return photo.contiguous()


def augmentation_gallery(image: Tensor, n: int = 4, seed: int = 0) -> dict[str, list[Tensor]]:
    """``n`` random results of each AlexNet augmentation of one ``[C, H, W]`` image (data, no drawing).

    Keys: ``"original"``, ``"flip"``, ``"crop_flip"`` (crops of 7/8 of the shorter side, as 224/256,
    then mirrored), ``"pca"`` (``std = 0.1`` as in the paper: subtle) and ``"pca_strong"`` (``std = 1``,
    so the colour directions show). The colour directions are fitted on the image itself.
    """
    n = checks.whole("n", n, 1, 1000)
    g = torch.Generator().manual_seed(checks.whole("seed", seed, 0, 2**62))
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
