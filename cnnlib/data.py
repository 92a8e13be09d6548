"""Datasets: one small class, :class:`ImageDataset`, and :func:`load` for the three datasets.

데이터셋: 작은 클래스 하나(:class:`ImageDataset`)와 세 데이터셋을 불러오는 :func:`load`.

* ``"shapes"`` (default · 기본값): ten kinds of shapes drawn by code from a seed — offline, 32×32
  RGB (:mod:`cnnlib.shapes_dataset`). 코드로 그리는 도형 10종이라 내려받을 필요가 없습니다.
* ``"cifar10"``: CIFAR-10 through torchvision (32×32 RGB, 50 000 + 10 000).
* ``"fashion_mnist"``: Fashion-MNIST through torchvision — **one channel**, ``[N, 1, 28, 28]``;
  build models with ``in_channels=1``. 흑백 1채널이므로 모델의 입력 채널을 1로 두세요.

Downloads live in :mod:`cnnlib.downloads`, AlexNet's augmentations in :mod:`cnnlib.augmentations`;
their public names are importable from here as well.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import torch
from torch import Tensor

from cnnlib import checks, downloads, i18n
from cnnlib.augmentations import (
    AUGMENTATIONS,
    HorizontalFlip,
    PCAColor,
    RandomCropFlip,
    alexnet_augment,
    augmentation_gallery,
    pixel_moments,
    sample_photo,
)
from cnnlib.downloads import CIFAR10_CLASSES, FASHION_MNIST_CLASSES, DatasetUnavailable, default_root
from cnnlib.errors import ConfigError
from cnnlib.shapes_dataset import MAX_SEED, MAX_SHAPES, SHAPES_CLASSES, make_shapes

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
DATASETS: tuple[str, ...] = ("shapes", "cifar10", "fashion_mnist")
_ALIASES = {"shapes": "shapes", "cifar10": "cifar10", "cifar_10": "cifar10", "fashion_mnist": "fashion_mnist"}
SHAPES_TRAIN_SIZE = 10_000
SHAPES_TEST_SIZE = 2_000


class ImageDataset(torch.utils.data.Dataset):
    """Images kept in memory as one tensor, normalized on the way out.

    메모리에 한 텐서로 담긴 이미지. 꺼낼 때 증강(transform) → 정규화 순서로 처리합니다.

    ``images`` stay raw (``[0, 1]``) so that augmentations see real pixel values; ``__getitem__``
    applies ``transform`` (if any) and *then* subtracts ``mean`` and divides by ``std`` — the
    statistics of the training split, which the test split carries too (the test set must never
    influence preprocessing).

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
        """A batch ``(x, y)``, equal to stacking ``self[i]`` for ``i`` in ``index``.

        Without a transform this is one vectorized indexing operation (what makes training on
        in-memory data fast); with one, each image gets its own random draw, in ``index`` order.
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

        시드로 섞은 뒤 클래스마다 돌아가며 ``n``장을 고릅니다(작은 부분집합에도 모든 클래스가 들어감).
        The subset keeps this dataset's ``mean``/``std`` and ``transform``.
        """
        n = checks.whole("n", n, 1, len(self))
        index = _balanced_index(self.labels, n, checks.whole("seed", seed, 0, MAX_SEED))
        new = copy.copy(self)
        new.images, new.labels = self.images[index], self.labels[index]
        return new

    def with_transform(self, transform: Transform | None) -> ImageDataset:
        """A copy that shares the tensors but uses ``transform``. 텐서는 공유하고 변환만 바꾼 사본."""
        new = copy.copy(self)
        new.transform = transform
        return new

    def describe(self) -> str:
        """One line for students, in the current language: the split, how many images, their shape."""
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
    """Per-channel mean and standard deviation of all pixels of ``[N, C, H, W]`` (uint8 → ``[0, 1]``).

    채널별 평균과 표준편차(모든 픽셀에 대해).
    """
    mean, cov = pixel_moments(images, chunk)
    std = cov.diagonal().sqrt().clamp_min(1e-6)  # a constant channel must not divide by zero
    return tuple(mean.tolist()), tuple(std.tolist())


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
        name: ``"shapes"`` (offline), ``"cifar10"`` or ``"fashion_mnist"`` (any case, ``-`` for ``_``).
        root: cache folder of the real datasets (default :func:`default_root`); unused by shapes.
        download: fetch a missing real dataset (files already there are never touched).
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
    seed = checks.whole("seed", seed, 0, MAX_SEED)
    if key == "shapes":
        return _load_shapes(seed, train_size, test_size)
    source = downloads.SOURCES[key]
    if train_size is not None:
        checks.whole("train_size", train_size, 1, source.train_size)
    if test_size is not None:
        checks.whole("test_size", test_size, 1, source.test_size)
    root_path = Path(root).expanduser() if root is not None else default_root()
    (train_images, train_labels), (test_images, test_labels), names = downloads.read(
        source, root_path, download
    )
    # Statistics of the full official training split, even when only part of it is kept. Subsets are
    # picked while the images are uint8, so only they become float32 (all of CIFAR-10 takes 600 MB).
    mean, std = channel_stats(train_images)
    splits = []
    for split, images, labels, size in (
        ("train", train_images, train_labels, train_size),
        ("test", test_images, test_labels, test_size),
    ):
        if size is not None:
            index = _balanced_index(labels, checks.whole(f"{split}_size", size, 1, len(labels)), seed)
            images, labels = images[index], labels[index]
        images = images.to(torch.float32).div_(255)  # uint8 → float in [0, 1]
        splits.append(ImageDataset(images, labels, names, key, split=split, mean=mean, std=std))
    return splits[0], splits[1]


def _load_shapes(
    seed: int, train_size: int | None, test_size: int | None
) -> tuple[ImageDataset, ImageDataset]:
    train_size = (
        SHAPES_TRAIN_SIZE if train_size is None else checks.whole("train_size", train_size, 1, MAX_SHAPES)
    )
    test_size = SHAPES_TEST_SIZE if test_size is None else checks.whole("test_size", test_size, 1, MAX_SHAPES)
    # Two independent streams: the test images do not change when train_size changes.
    train = ImageDataset(*make_shapes(train_size, seed=2 * seed), SHAPES_CLASSES, "shapes", split="train")
    test_images, test_labels = make_shapes(test_size, seed=2 * seed + 1)
    test = ImageDataset(
        test_images, test_labels, SHAPES_CLASSES, "shapes", split="test", mean=train.mean, std=train.std
    )
    return train, test
