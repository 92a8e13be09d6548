"""Tests for cnnlib.data: the embedded dataset, the torchvision loaders (offline), augmentations."""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import os
import pickle
import re
import struct
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torchvision.datasets import CIFAR10, FashionMNIST
from torchvision.transforms import Compose

from cnnlib import ConfigError, data, downloads
from cnnlib.data import (
    CIFAR10_CLASSES,
    FASHION_MNIST_CLASSES,
    SHAPES_CLASSES,
    DatasetUnavailable,
    HorizontalFlip,
    ImageDataset,
    PCAColor,
    RandomCropFlip,
)

HANGUL = re.compile("[가-힣]")


def assert_bilingual(error: ConfigError) -> None:
    """One Korean sentence, then one English sentence."""
    ko, en = str(error).split("\n")
    assert HANGUL.search(ko)
    assert not HANGUL.search(en) or "'" in en  # English line (may quote a Korean value)
    assert en.startswith("Setting '")


@pytest.fixture(scope="module")
def data_default() -> tuple[ImageDataset, ImageDataset]:
    return data.load()


@pytest.fixture(scope="module")
def data_small() -> tuple[ImageDataset, ImageDataset]:
    return data.load(train_size=200, test_size=100, seed=3)


# ---------------------------------------------------------------------------------------------
# the embedded dataset
# ---------------------------------------------------------------------------------------------


def test_default_load_is_shapes_with_expected_sizes(data_default):
    train, test = data_default
    assert (train.name, test.name) == ("shapes", "shapes")
    assert (train.split, test.split) == ("train", "test")
    assert train.images.shape == (10_000, 3, 32, 32)
    assert test.images.shape == (2_000, 3, 32, 32)
    for split in (train, test):
        assert split.images.dtype == torch.float32
        assert split.labels.dtype == torch.int64
        assert float(split.images.min()) >= 0.0 and float(split.images.max()) <= 1.0
        assert split.num_classes == 10 and split.channels == 3 and split.image_size == 32
        assert len(split) == split.images.shape[0]


def test_shapes_are_exactly_class_balanced(data_default):
    train, test = data_default
    assert torch.bincount(train.labels, minlength=10).tolist() == [1000] * 10
    assert torch.bincount(test.labels, minlength=10).tolist() == [200] * 10


def test_shapes_class_names_are_bilingual_and_distinct():
    assert len(SHAPES_CLASSES) == 10
    for ko, en in SHAPES_CLASSES:
        assert HANGUL.search(ko) and en.isascii() and en
    assert len({en for _, en in SHAPES_CLASSES}) == 10
    assert len({ko for ko, _ in SHAPES_CLASSES}) == 10


def test_test_split_carries_the_train_statistics(data_default):
    train, test = data_default
    assert test.mean == train.mean and test.std == train.std
    mean = train.images.mean(dim=(0, 2, 3))
    std = train.images.std(dim=(0, 2, 3))
    torch.testing.assert_close(torch.tensor(train.mean, dtype=torch.float32), mean, atol=1e-4, rtol=0)
    torch.testing.assert_close(torch.tensor(train.std, dtype=torch.float32), std, atol=1e-3, rtol=0)


def test_images_vary_in_colour_and_are_not_trivial(data_default):
    train, _ = data_default
    per_image_mean = train.images[:500].mean(dim=(2, 3))  # [500, 3]
    assert float(per_image_mean.std(dim=0).min()) > 0.1  # backgrounds differ in colour
    per_class = torch.stack([train.images[train.labels == c].mean(0) for c in range(10)])
    # averaged over many random colours and positions, every class looks like the same grey blur:
    # there is no per-pixel template that a linear model could match
    assert float((per_class - per_class.mean(0)).abs().max()) < 0.1


def test_same_seed_same_tensors_and_different_seed_different_tensors():
    a_images, a_labels = data.make_shapes(64, seed=5)
    b_images, b_labels = data.make_shapes(64, seed=5)
    c_images, _ = data.make_shapes(64, seed=6)
    assert torch.equal(a_images, b_images) and torch.equal(a_labels, b_labels)
    assert not torch.equal(a_images, c_images)


def test_load_is_deterministic_and_seed_changes_it():
    train_a, test_a = data.load(train_size=40, test_size=20, seed=1)
    train_b, test_b = data.load(train_size=40, test_size=20, seed=1)
    train_c, _ = data.load(train_size=40, test_size=20, seed=2)
    assert torch.equal(train_a.images, train_b.images) and torch.equal(test_a.images, test_b.images)
    assert not torch.equal(train_a.images, train_c.images)


def test_test_images_do_not_depend_on_train_size():
    _, test_a = data.load(train_size=30, test_size=20)
    _, test_b = data.load(train_size=70, test_size=20)
    assert torch.equal(test_a.images, test_b.images)


def test_train_and_test_images_differ(data_small):
    train, test = data_small
    distances = torch.cdist(test.images.flatten(1), train.images.flatten(1))
    assert float(distances.min()) > 1.0


def test_generation_restores_the_thread_setting():
    before = torch.get_num_threads()
    data.make_shapes(8)
    assert torch.get_num_threads() == before


@pytest.mark.parametrize("size", [16, 24, 48])
def test_other_image_sizes(size):
    images, labels = data.make_shapes(20, seed=0, image_size=size)
    assert images.shape == (20, 3, size, size) and labels.shape == (20,)
    assert float(images.min()) >= 0 and float(images.max()) <= 1


def test_load_prints_nothing(capsys):
    data.load(train_size=10, test_size=10)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize("name", ["mnist", "imagenet", "", "shape"])
def test_unknown_dataset_name_is_a_bilingual_config_error(name):
    with pytest.raises(ConfigError) as info:
        data.load(name)
    assert info.value.knob == "dataset"
    assert "cifar10" in str(info.value) and "fashion_mnist" in str(info.value)
    assert_bilingual(info.value)


def test_non_string_name_is_a_config_error():
    with pytest.raises(ConfigError):
        data.load(10)  # type: ignore[arg-type]


@pytest.mark.parametrize("alias", ["SHAPES", "Shapes"])
def test_name_is_case_insensitive(alias):
    train, _ = data.load(alias, train_size=10, test_size=10)
    assert train.name == "shapes"


@pytest.mark.parametrize(
    ("knob", "kwargs"),
    [
        ("train_size", {"train_size": 0}),
        ("train_size", {"train_size": -5}),
        ("train_size", {"train_size": 2.5}),
        ("train_size", {"train_size": True}),
        ("test_size", {"test_size": 0}),
        ("seed", {"seed": -1}),
        ("seed", {"seed": "0"}),
    ],
)
def test_bad_sizes_and_seeds_are_config_errors(knob, kwargs):
    with pytest.raises(ConfigError) as info:
        data.load(**kwargs)
    assert info.value.knob == knob
    assert_bilingual(info.value)


# ---------------------------------------------------------------------------------------------
# ImageDataset
# ---------------------------------------------------------------------------------------------


def test_getitem_normalizes_with_train_statistics(data_small):
    train, test = data_small
    x, y = test[7]
    mean = torch.tensor(train.mean).view(3, 1, 1)
    std = torch.tensor(train.std).view(3, 1, 1)
    torch.testing.assert_close(x, (test.images[7] - mean) / std)
    assert isinstance(y, int) and y == int(test.labels[7])


@settings(max_examples=30, deadline=None)
@given(index=st.lists(st.integers(0, 199), max_size=40))
def test_get_batch_equals_stacked_getitem(data_small, index):
    train, _ = data_small
    x, y = train.get_batch(torch.tensor(index, dtype=torch.int64))
    assert x.shape == (len(index), 3, 32, 32) and y.shape == (len(index),)
    if index:
        torch.testing.assert_close(x, torch.stack([train[i][0] for i in index]))
        assert y.tolist() == [train[i][1] for i in index]


@settings(max_examples=20, deadline=None)
@given(index=st.lists(st.integers(0, 199), min_size=1, max_size=20), seed=st.integers(0, 2**31))
def test_get_batch_with_transform_equals_stacked_getitem(data_small, index, seed):
    train, _ = data_small

    def augmented() -> ImageDataset:  # a fresh, identically seeded transform each time
        g = torch.Generator().manual_seed(seed)
        return train.with_transform(
            Compose([RandomCropFlip(32, 4, generator=g), HorizontalFlip(generator=g)])
        )

    x, y = augmented().get_batch(torch.tensor(index))
    one_by_one = augmented()
    torch.testing.assert_close(x, torch.stack([one_by_one[i][0] for i in index]))
    assert y.tolist() == [int(train.labels[i]) for i in index]


def test_get_batch_with_transform_and_empty_index(data_small):
    x, y = data_small[0].with_transform(HorizontalFlip()).get_batch(torch.tensor([], dtype=torch.int64))
    assert x.shape == (0, 3, 32, 32) and y.shape == (0,)


def test_get_batch_accepts_a_list(data_small):
    train, _ = data_small
    x, _ = train.get_batch([3, 1])
    torch.testing.assert_close(x, torch.stack([train[3][0], train[1][0]]))


def test_works_with_a_dataloader(data_small):
    train, _ = data_small
    x, y = next(iter(torch.utils.data.DataLoader(train, batch_size=8)))
    assert x.shape == (8, 3, 32, 32) and y.dtype == torch.int64


def test_with_transform_shares_tensors_and_leaves_the_original_alone(data_small):
    train, _ = data_small
    flipped = train.with_transform(HorizontalFlip(p=1.0))
    assert flipped.images.data_ptr() == train.images.data_ptr()
    assert train.transform is None
    torch.testing.assert_close(flipped[0][0], train[0][0].flip(-1))
    assert flipped.mean == train.mean and flipped.std == train.std


def test_subset_is_balanced_deterministic_and_keeps_statistics(data_default):
    train, _ = data_default
    a = train.subset(50, seed=1)
    b = train.subset(50, seed=1)
    c = train.subset(50, seed=2)
    assert len(a) == 50 and torch.bincount(a.labels, minlength=10).tolist() == [5] * 10
    assert torch.equal(a.images, b.images)
    assert not torch.equal(a.images, c.images)
    assert a.mean == train.mean and a.std == train.std and a.classes == train.classes


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 200), seed=st.integers(0, 1000))
def test_subset_counts_differ_by_at_most_one(data_small, n, seed):
    train, _ = data_small  # 20 images per class
    part = train.subset(n, seed)
    counts = torch.bincount(part.labels, minlength=10)
    assert int(counts.sum()) == n
    assert int(counts.max() - counts.min()) <= 1
    # every chosen image really comes from the parent, with its own label
    parent = {img.numpy().tobytes(): int(lab) for img, lab in zip(train.images, train.labels, strict=True)}
    for img, lab in zip(part.images, part.labels, strict=True):
        assert parent[img.numpy().tobytes()] == int(lab)


def test_subset_of_unbalanced_data_still_returns_n():
    images = torch.rand(12, 1, 4, 4)
    labels = torch.tensor([0] * 10 + [1] * 2)
    ds = ImageDataset(images, labels, [("영", "zero"), ("일", "one")], "toy")
    part = ds.subset(6, seed=0)
    assert torch.bincount(part.labels, minlength=2).tolist() == [4, 2]


@pytest.mark.parametrize("n", [0, 201, -1])
def test_subset_rejects_impossible_sizes(data_small, n):
    train, _ = data_small
    with pytest.raises(ConfigError):
        train.subset(n)


def test_class_name_follows_the_language_setting(data_small):
    from cnnlib import i18n

    train, _ = data_small
    try:
        i18n.set_language("ko")
        assert train.class_name(0) == "원"
        i18n.set_language("en")
        assert train.class_name(0) == "circle"
    finally:
        i18n.set_language("both")


def test_repr_mentions_name_and_shape(data_small):
    assert "shapes" in repr(data_small[0]) and "3×32×32" in repr(data_small[0])


def test_dataset_rejects_wrong_tensors():
    with pytest.raises(TypeError):
        ImageDataset(torch.zeros(2, 3, 4, 4, dtype=torch.uint8), torch.zeros(2), [("a", "a")], "x")
    with pytest.raises(TypeError):
        ImageDataset(torch.zeros(2, 3, 4, 4), torch.zeros(3), [("a", "a")], "x")


def test_constant_channel_does_not_divide_by_zero():
    ds = ImageDataset(torch.full((4, 1, 2, 2), 0.5), torch.zeros(4, dtype=torch.int64), [("a", "a")], "x")
    assert torch.isfinite(ds[0][0]).all()


# ---------------------------------------------------------------------------------------------
# real datasets, tested offline with tiny files in the official formats
# ---------------------------------------------------------------------------------------------

CIFAR_NAMES = [en for _, en in CIFAR10_CLASSES]
CIFAR_PER_BATCH = 10
CIFAR_TEST = 20


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def cifar_arrays(n: int, offset: int) -> tuple[np.ndarray, list[int]]:
    rng = np.random.default_rng(offset)
    return rng.integers(0, 256, size=(n, 3072), dtype=np.uint8), [(offset + i) % 10 for i in range(n)]


def write_fake_cifar(root: Path) -> Path:
    """cifar-10-batches-py with 5 × 10 training and 20 test images, as torchvision reads them."""
    folder = root / "cifar-10-batches-py"
    folder.mkdir(parents=True)
    for b in range(1, 6):
        images, labels = cifar_arrays(CIFAR_PER_BATCH, offset=b * CIFAR_PER_BATCH)
        batch = {"batch_label": f"training batch {b} of 5", "labels": labels, "data": images}
        (folder / f"data_batch_{b}").write_bytes(pickle.dumps(batch))
    images, labels = cifar_arrays(CIFAR_TEST, offset=999)
    (folder / "test_batch").write_bytes(pickle.dumps({"labels": labels, "data": images}))
    meta = {"label_names": CIFAR_NAMES, "num_cases_per_batch": CIFAR_PER_BATCH}
    (folder / "batches.meta").write_bytes(pickle.dumps(meta))
    return folder


def trust_cifar_files(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make torchvision's md5 table describe our tiny files (its integrity check itself stays real)."""
    train_list = [[f"data_batch_{b}", md5(folder / f"data_batch_{b}")] for b in range(1, 6)]
    monkeypatch.setattr(CIFAR10, "train_list", train_list)
    monkeypatch.setattr(CIFAR10, "test_list", [["test_batch", md5(folder / "test_batch")]])
    meta = {"filename": "batches.meta", "key": "label_names", "md5": md5(folder / "batches.meta")}
    monkeypatch.setattr(CIFAR10, "meta", meta)


def idx_bytes(array: np.ndarray) -> bytes:
    """The IDX format of (Fashion-)MNIST: magic (0, 0, type 0x08 = uint8, ndim), big-endian sizes, data."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


FASHION_TRAIN, FASHION_TEST = 30, 10


def fashion_files() -> dict[str, bytes]:
    rng = np.random.default_rng(0)
    return {
        "train-images-idx3-ubyte": idx_bytes(rng.integers(0, 256, (FASHION_TRAIN, 28, 28))),
        "train-labels-idx1-ubyte": idx_bytes(np.arange(FASHION_TRAIN) % 10),
        "t10k-images-idx3-ubyte": idx_bytes(rng.integers(0, 256, (FASHION_TEST, 28, 28))),
        "t10k-labels-idx1-ubyte": idx_bytes(np.arange(FASHION_TEST) % 10),
    }


def write_fake_fashion(root: Path) -> Path:
    raw = root / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    for name, content in fashion_files().items():
        (raw / name).write_bytes(content)
    return raw


class FakeResponse(io.BytesIO):
    """What ``urllib.request.urlopen`` returns, serving bytes (optionally failing halfway)."""

    def __init__(self, url: str, content: bytes, fail_after: int | None = None) -> None:
        super().__init__(content)
        self.url = url
        self.length = len(content)
        self.fail_after = fail_after

    def read(self, size: int | None = -1) -> bytes:
        if self.fail_after is not None and self.tell() >= self.fail_after:
            raise TimeoutError("timed out")
        return super().read(size)

    def read1(self, size: int = -1) -> bytes:
        return self.read(size)


@pytest.fixture
def data_no_network(monkeypatch):
    """Every attempt to open a URL fails as if offline; the timeout in force is recorded."""
    seen: list[float | None] = []

    def offline(request, *args, timeout=None, **kwargs):
        seen.append(timeout)
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    return seen


def serve(monkeypatch: pytest.MonkeyPatch, files: dict[str, bytes], fail_after: int | None = None) -> list:
    """Serve ``files`` by URL basename through a fake ``urlopen``; returns the timeouts seen."""
    seen: list[float | None] = []

    def fake_urlopen(request, *args, timeout=None, **kwargs):
        url = request.full_url if isinstance(request, urllib.request.Request) else request
        seen.append(timeout)
        return FakeResponse(url, files[url.rsplit("/", 1)[-1]], fail_after)

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    return seen


def cifar_tarball(tmp_path: Path) -> bytes:
    source = tmp_path / "tarball-source"
    write_fake_cifar(source)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(source / "cifar-10-batches-py", arcname="cifar-10-batches-py")
    return buffer.getvalue()


def test_cifar10_reads_the_official_python_format(tmp_path, monkeypatch, data_no_network):
    folder = write_fake_cifar(tmp_path)
    trust_cifar_files(monkeypatch, folder)
    train, test = data.load("cifar10", root=tmp_path)  # download=True, but nothing is missing
    assert data_no_network == []  # no network touched
    assert train.images.shape == (5 * CIFAR_PER_BATCH, 3, 32, 32) and test.images.shape == (
        CIFAR_TEST,
        3,
        32,
        32,
    )
    assert train.images.dtype == torch.float32 and train.labels.dtype == torch.int64
    assert train.classes == CIFAR10_CLASSES and train.name == test.name == "cifar10"
    # the pixel layout: each row is 1024 red, then 1024 green, then 1024 blue values, row-major
    first, labels = cifar_arrays(CIFAR_PER_BATCH, offset=CIFAR_PER_BATCH)
    expected = torch.from_numpy(first[0].reshape(3, 32, 32).astype(np.float32) / 255)
    torch.testing.assert_close(train.images[0], expected)
    assert train.labels[:CIFAR_PER_BATCH].tolist() == labels
    assert test.mean == train.mean and test.std == train.std
    torch.testing.assert_close(
        torch.tensor(train.mean, dtype=torch.float32), train.images.mean(dim=(0, 2, 3)), atol=1e-5, rtol=0
    )


@pytest.mark.parametrize("alias", ["CIFAR-10", "cifar_10", "Cifar10"])
def test_cifar10_aliases(tmp_path, monkeypatch, alias):
    trust_cifar_files(monkeypatch, write_fake_cifar(tmp_path))
    assert data.load(alias, root=tmp_path)[0].name == "cifar10"


def test_cifar10_subsets_keep_full_train_statistics(tmp_path, monkeypatch):
    trust_cifar_files(monkeypatch, write_fake_cifar(tmp_path))
    full, _ = data.load("cifar10", root=tmp_path)
    train, test = data.load("cifar10", root=tmp_path, train_size=20, test_size=10, seed=4)
    assert len(train) == 20 and torch.bincount(train.labels, minlength=10).tolist() == [2] * 10
    assert len(test) == 10
    assert train.mean == full.mean == test.mean
    assert torch.equal(train.images, full.subset(20, seed=4).images)  # same choice as subset()


def test_root_defaults_to_environment_variable(tmp_path, monkeypatch):
    trust_cifar_files(monkeypatch, write_fake_cifar(tmp_path))
    monkeypatch.setenv("CNNLIB_DATA", str(tmp_path))
    assert data.default_root() == tmp_path
    assert len(data.load("cifar10")[0]) == 5 * CIFAR_PER_BATCH


def test_default_root_without_environment_variable(monkeypatch):
    monkeypatch.delenv("CNNLIB_DATA", raising=False)
    assert data.default_root() == Path.home() / ".cache" / "cnnlib" / "data"


def test_cifar10_corrupt_file_is_detected(tmp_path, monkeypatch, data_no_network):
    folder = write_fake_cifar(tmp_path)
    trust_cifar_files(monkeypatch, folder)
    content = bytearray((folder / "data_batch_3").read_bytes())
    content[-5] ^= 0xFF
    (folder / "data_batch_3").write_bytes(bytes(content))
    with pytest.raises(DatasetUnavailable) as info:
        data.load("cifar10", root=tmp_path)
    message = str(info.value)
    assert str(folder) in message and "corrupt" in message and "손상" in message and "delete" in message
    assert_bilingual(info.value)
    assert folder.exists()  # we tell the student what to delete; we never delete their files
    assert data_no_network == []


def test_cifar10_partial_cache_is_detected(tmp_path, monkeypatch):
    folder = write_fake_cifar(tmp_path)
    trust_cifar_files(monkeypatch, folder)
    (folder / "test_batch").unlink()
    with pytest.raises(DatasetUnavailable) as info:
        data.load("cifar10", root=tmp_path)
    assert "test_batch" in str(info.value) and str(folder) in str(info.value)


def test_fashion_mnist_reads_the_official_idx_format(tmp_path, data_no_network):
    write_fake_fashion(tmp_path)
    train, test = data.load("Fashion-MNIST", root=tmp_path)
    assert data_no_network == []
    assert train.images.shape == (FASHION_TRAIN, 1, 28, 28) and test.images.shape == (FASHION_TEST, 1, 28, 28)
    assert train.channels == 1 and train.image_size == 28 and len(train.mean) == 1
    assert train.classes == FASHION_MNIST_CLASSES and train.name == "fashion_mnist"
    assert train.labels.tolist() == (np.arange(FASHION_TRAIN) % 10).tolist()
    rng = np.random.default_rng(0)
    expected = rng.integers(0, 256, (FASHION_TRAIN, 28, 28)).astype(np.uint8)
    torch.testing.assert_close(train.images[:, 0], torch.from_numpy(expected).float() / 255)
    assert test.mean == train.mean


def test_fashion_mnist_truncated_file_is_detected(tmp_path):
    raw = write_fake_fashion(tmp_path)
    images = raw / "t10k-images-idx3-ubyte"
    images.write_bytes(images.read_bytes()[:500])
    with pytest.raises(DatasetUnavailable) as info:
        data.load("fashion_mnist", root=tmp_path)
    assert str(tmp_path / "FashionMNIST") in str(info.value)
    assert_bilingual(info.value)


def test_fashion_mnist_label_count_mismatch_is_detected(tmp_path):
    raw = write_fake_fashion(tmp_path)
    (raw / "train-labels-idx1-ubyte").write_bytes(idx_bytes(np.arange(FASHION_TRAIN - 3) % 10))
    with pytest.raises(DatasetUnavailable, match="labels"):
        data.load("fashion_mnist", root=tmp_path)


def test_fashion_mnist_labels_out_of_range_are_detected(tmp_path):
    raw = write_fake_fashion(tmp_path)
    (raw / "t10k-labels-idx1-ubyte").write_bytes(idx_bytes(np.full(FASHION_TEST, 12)))
    with pytest.raises(DatasetUnavailable, match="out of range"):
        data.load("fashion_mnist", root=tmp_path)


@pytest.mark.parametrize("name", ["cifar10", "fashion_mnist"])
def test_download_false_says_where_files_were_expected(tmp_path, name, data_no_network):
    root = tmp_path / "nothing-here"
    with pytest.raises(DatasetUnavailable) as info:
        data.load(name, root=root, download=False)
    folder = root / ("cifar-10-batches-py" if name == "cifar10" else "FashionMNIST")
    assert str(folder) in str(info.value) and "download=False" in str(info.value)
    assert_bilingual(info.value)
    assert not root.exists()  # nothing created, nothing downloaded
    assert data_no_network == []


@pytest.mark.parametrize("name", ["cifar10", "fashion_mnist"])
def test_offline_download_fails_fast_with_a_bilingual_message(tmp_path, name, data_no_network):
    with pytest.raises(DatasetUnavailable) as info:
        data.load(name, root=tmp_path)
    message = str(info.value)
    assert_bilingual(info.value)
    assert "shapes" in message and str(tmp_path) in message and "name resolution" in message
    assert data_no_network and all(t == downloads.STALL_S for t in data_no_network)
    assert list(tmp_path.iterdir()) == []  # no partial cache, no staging folder left behind


def test_interrupted_download_leaves_no_cache_that_is_used_later(tmp_path, monkeypatch):
    tarball = cifar_tarball(tmp_path / "server")
    monkeypatch.setattr(CIFAR10, "tgz_md5", hashlib.md5(tarball).hexdigest())
    serve(monkeypatch, {"cifar-10-python.tar.gz": tarball}, fail_after=len(tarball) // 2)
    root = tmp_path / "cache"
    with pytest.raises(DatasetUnavailable) as info:
        data.load("cifar10", root=root)
    assert "timed out" in str(info.value)
    assert list(root.iterdir()) == []
    with pytest.raises(DatasetUnavailable, match="download=False"):  # "missing", not a half cache
        data.load("cifar10", root=root, download=False)


def test_download_with_wrong_checksum_is_rejected(tmp_path, monkeypatch):
    tarball = cifar_tarball(tmp_path / "server")
    monkeypatch.setattr(CIFAR10, "tgz_md5", "0" * 32)  # the server sends something else
    serve(monkeypatch, {"cifar-10-python.tar.gz": tarball})
    root = tmp_path / "cache"
    with pytest.raises(DatasetUnavailable):
        data.load("cifar10", root=root)
    assert list(root.iterdir()) == []


def test_cifar10_download_moves_a_complete_folder_into_place(tmp_path, monkeypatch):
    server = tmp_path / "server"
    tarball = cifar_tarball(server)
    trust_cifar_files(monkeypatch, server / "tarball-source" / "cifar-10-batches-py")
    monkeypatch.setattr(CIFAR10, "tgz_md5", hashlib.md5(tarball).hexdigest())
    timeouts = serve(monkeypatch, {"cifar-10-python.tar.gz": tarball})
    root = tmp_path / "cache" / "deeper"  # created on demand
    train, _ = data.load("cifar10", root=root)
    assert len(train) == 5 * CIFAR_PER_BATCH
    assert sorted(p.name for p in root.iterdir()) == ["cifar-10-batches-py"]  # no tarball, no staging
    assert timeouts and all(t == downloads.STALL_S for t in timeouts)


def test_fashion_mnist_download_moves_a_complete_folder_into_place(tmp_path, monkeypatch):
    gz = {name + ".gz": gzip.compress(content) for name, content in fashion_files().items()}
    resources = [(name, hashlib.md5(content).hexdigest()) for name, content in gz.items()]
    monkeypatch.setattr(FashionMNIST, "resources", resources)
    serve(monkeypatch, gz)
    train, test = data.load("fashion_mnist", root=tmp_path)
    assert (len(train), len(test)) == (FASHION_TRAIN, FASHION_TEST)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["FashionMNIST"]


def test_unwritable_root_is_a_config_error_before_any_download(tmp_path, data_no_network):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for root in (blocker, blocker / "data"):
        with pytest.raises(ConfigError) as info:
            data.load("cifar10", root=root)
        assert not isinstance(info.value, DatasetUnavailable)
        assert info.value.knob == "root" and str(root) in str(info.value)
        assert_bilingual(info.value)
    assert data_no_network == []  # refused before any download


def test_read_only_root_is_a_config_error(tmp_path, data_no_network, monkeypatch):
    root = tmp_path / "read-only"
    root.mkdir()
    root.chmod(0o500)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root ignores mode bits: answer as the OS would

        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", str(root))

        monkeypatch.setattr(downloads.tempfile, "mkdtemp", refuse)
    try:
        with pytest.raises(ConfigError) as info:
            data.load("cifar10", root=root)
        assert info.value.knob == "root" and "Permission denied" in str(info.value)
        assert_bilingual(info.value)
    finally:
        root.chmod(0o700)
    assert data_no_network == []


def test_size_larger_than_the_dataset_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError) as info:
        data.load("cifar10", root=tmp_path, train_size=50_001, download=False)
    assert info.value.knob == "train_size"


def test_dataset_unavailable_is_a_picklable_config_error():
    error = DatasetUnavailable("dataset", "cifar10", ("가능", "allowed"), ("문제", "problem"))
    assert isinstance(error, ConfigError)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is DatasetUnavailable and str(again) == str(error)


# ---------------------------------------------------------------------------------------------
# augmentations
# ---------------------------------------------------------------------------------------------

images_strategy = st.builds(
    lambda c, h, w, seed: torch.rand(c, h, w, generator=torch.Generator().manual_seed(seed)),
    st.sampled_from([1, 3]),
    st.integers(4, 20),
    st.integers(4, 20),
    st.integers(0, 2**31),
)


def test_horizontal_flip_probability_extremes():
    image = torch.rand(3, 5, 7)
    assert torch.equal(HorizontalFlip(p=1.0)(image), image.flip(-1))
    assert torch.equal(HorizontalFlip(p=0.0)(image), image)


def test_horizontal_flip_is_seeded_and_about_half():
    image = torch.arange(4.0).view(1, 1, 4)
    flips = [
        bool(HorizontalFlip(generator=torch.Generator().manual_seed(s))(image)[0, 0, 0] == 3)
        for s in range(400)
    ]
    assert 150 < sum(flips) < 250
    again = [
        bool(HorizontalFlip(generator=torch.Generator().manual_seed(s))(image)[0, 0, 0] == 3)
        for s in range(400)
    ]
    assert flips == again


@pytest.mark.parametrize("p", [-0.1, 1.5, "half"])
def test_flip_rejects_bad_probability(p):
    with pytest.raises(ConfigError):
        HorizontalFlip(p=p)


@settings(max_examples=40, deadline=None)
@given(image=images_strategy, padding=st.integers(0, 3), data_=st.data())
def test_random_crop_flip_keeps_the_requested_shape(image, padding, data_):
    c, h, w = image.shape
    size = data_.draw(st.integers(1, min(h, w) + 2 * padding))
    mode = data_.draw(st.sampled_from(["reflect", "constant"]))
    if mode == "reflect" and padding >= min(h, w):
        return
    crop = RandomCropFlip(size, padding, padding_mode=mode, generator=torch.Generator().manual_seed(0))(image)
    assert crop.shape == (c, size, size)
    assert float(crop.min()) >= 0 and float(crop.max()) <= 1


@settings(max_examples=30, deadline=None)
@given(image=images_strategy, seed=st.integers(0, 2**31))
def test_random_crop_is_a_window_of_the_padded_image(image, seed):
    size, padding = 4, 2
    crop = RandomCropFlip(
        size, padding, padding_mode="constant", p_flip=0.0, generator=torch.Generator().manual_seed(seed)
    )
    out = crop(image)
    padded = torch.nn.functional.pad(image, (padding,) * 4)
    windows = padded.unfold(1, size, 1).unfold(2, size, 1)  # [C, H', W', size, size]
    matches = (windows == out[:, None, None]).flatten(3).all(-1).all(0)
    assert bool(matches.any())


def _earlier_crop_flip(image, size, padding, mode, p_flip, g):
    """cnnlib's hand-written crop and flip before torchvision v2: the draws the atlas was trained with."""
    image = torch.nn.functional.pad(image, (padding,) * 4, mode=mode) if padding else image
    h, w = image.shape[-2:]
    top = int(torch.randint(0, h - size + 1, (1,), generator=g))
    left = int(torch.randint(0, w - size + 1, (1,), generator=g))
    crop = image[..., top : top + size, left : left + size]
    return crop.flip(-1) if torch.rand(1, generator=g).item() < p_flip else crop


@settings(max_examples=30, deadline=None)
@given(image=images_strategy, seed=st.integers(0, 2**31), data_=st.data())
def test_random_crop_flip_draws_what_the_hand_written_version_drew(image, seed, data_):
    # torchvision makes the same calls in the same order: seeded runs (the atlas) give the same images.
    # Not where the crop fills a padded side: there torchvision draws no offset (it can only be 0).
    _, h, w = image.shape
    padding = data_.draw(st.integers(1, min(h, w) - 1))
    size = data_.draw(st.integers(1, min(h, w) + 2 * padding - 1))
    mode = data_.draw(st.sampled_from(["reflect", "constant"]))
    p_flip = data_.draw(st.sampled_from([0.0, 0.3, 0.5, 1.0]))
    ours = RandomCropFlip(
        size, padding, padding_mode=mode, p_flip=p_flip, generator=torch.Generator().manual_seed(seed)
    )
    g = torch.Generator().manual_seed(seed)
    for _ in range(4):  # a stream of calls, not only the first
        assert torch.equal(ours(image), _earlier_crop_flip(image, size, padding, mode, p_flip, g))
    flip, g = (
        HorizontalFlip(0.4, generator=torch.Generator().manual_seed(seed)),
        torch.Generator().manual_seed(seed),
    )
    for _ in range(4):
        assert torch.equal(flip(image), image.flip(-1) if torch.rand(1, generator=g).item() < 0.4 else image)


def test_seeded_augmentations_leave_the_global_stream_alone():
    torch.manual_seed(0)
    before = torch.get_rng_state()
    RandomCropFlip(8, 2, generator=torch.Generator().manual_seed(1))(
        torch.rand(3, 8, 8, generator=torch.Generator())
    )
    HorizontalFlip(generator=torch.Generator().manual_seed(1))(torch.zeros(1, 2, 2))
    assert torch.equal(torch.get_rng_state(), before)


def test_random_crop_offsets_are_uniform():
    # pad 2 with zeros, crop 4 back from a 4×4 image of distinct values: 5 × 5 offsets, each as likely
    image = torch.arange(1.0, 17.0).view(1, 4, 4)
    crop = RandomCropFlip(
        4, 2, padding_mode="constant", p_flip=0.0, generator=torch.Generator().manual_seed(0)
    )
    padded = torch.nn.functional.pad(image, (2,) * 4)
    counts = torch.zeros(5, 5)
    for _ in range(2500):
        out = crop(image)
        windows = padded.unfold(1, 4, 1).unfold(2, 4, 1)[0]  # [5, 5, 4, 4]
        counts += (windows == out[0]).flatten(2).all(-1)
    chi2 = float(((counts - 100) ** 2 / 100).sum())
    assert counts.min() > 0 and chi2 < 52.6  # the 99.9 % quantile of χ² with 24 degrees of freedom


def test_random_crop_without_padding_or_flip_is_identity():
    image = torch.rand(3, 8, 8)
    assert torch.equal(RandomCropFlip(8, 0, p_flip=0.0)(image), image)
    assert torch.equal(RandomCropFlip(8, 0, p_flip=1.0)(image), image.flip(-1))


def test_random_crop_too_large_is_a_config_error():
    with pytest.raises(ConfigError) as info:
        RandomCropFlip(40, padding=2)(torch.rand(3, 32, 32))
    assert_bilingual(info.value)
    with pytest.raises(ConfigError):
        RandomCropFlip(8, padding_mode="wrap")
    with pytest.raises(ConfigError):
        RandomCropFlip(4, padding=8)(torch.rand(3, 8, 8))  # reflect needs padding < image side


@settings(max_examples=40, deadline=None)
@given(image=images_strategy)
def test_pca_color_with_zero_std_is_identity(image):
    pca = PCAColor.fit(image, std=0.0)
    assert torch.equal(pca(image), image)


def test_pca_fit_matches_the_covariance_of_training_pixels(data_small):
    train, _ = data_small
    pca = PCAColor.fit(train)
    pixels = train.images.transpose(0, 1).reshape(3, -1).double()
    cov = torch.cov(pixels, correction=0)
    v, lam = pca.eigvecs.double(), pca.eigvals.double()
    torch.testing.assert_close(v @ torch.diag(lam) @ v.T, cov, atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(v.T @ v, torch.eye(3, dtype=torch.float64), atol=1e-5, rtol=0)
    assert (lam >= 0).all() and torch.equal(lam, lam.sort().values)


def test_pca_shift_follows_the_paper_formula():
    eigvals = torch.tensor([0.01, 0.02, 0.2])
    eigvecs = torch.linalg.qr(torch.randn(3, 3, generator=torch.Generator().manual_seed(1)))[0]
    pca = PCAColor(eigvals, eigvecs, std=0.1, generator=torch.Generator().manual_seed(7))
    image = torch.full((3, 4, 5), 0.5)
    out = pca(image)
    alpha = torch.randn(3, generator=torch.Generator().manual_seed(7)) * 0.1
    expected = sum(alpha[i] * eigvals[i] * eigvecs[:, i] for i in range(3))
    # the same shift for every pixel: Σ α_i λ_i p_i
    torch.testing.assert_close(out - image, expected.view(3, 1, 1).expand(3, 4, 5))


def test_pca_output_is_clamped_and_seeded():
    image = torch.rand(3, 6, 6)
    strong = PCAColor(
        torch.tensor([1.0, 2.0, 5.0]), torch.eye(3), std=1.0, generator=torch.Generator().manual_seed(0)
    )
    out = strong(image)
    assert float(out.min()) >= 0 and float(out.max()) <= 1
    again = PCAColor(
        torch.tensor([1.0, 2.0, 5.0]), torch.eye(3), std=1.0, generator=torch.Generator().manual_seed(0)
    )
    assert torch.equal(again(image), out)


def test_pca_rejects_mismatched_shapes():
    with pytest.raises(ConfigError):
        PCAColor(torch.ones(3), torch.eye(2))
    with pytest.raises(ConfigError):
        PCAColor(torch.ones(3), torch.eye(3), std=-1)
    with pytest.raises(ConfigError):
        PCAColor(torch.ones(3), torch.eye(3))(torch.rand(1, 4, 4))


def test_pca_works_on_one_channel():
    grey = torch.rand(10, 1, 8, 8)
    out = PCAColor.fit(grey, std=0.5)(grey[0])
    assert out.shape == (1, 8, 8)


@pytest.mark.parametrize("kind", data.AUGMENTATIONS)
def test_alexnet_augment_kinds(data_small, kind):
    train, _ = data_small
    transform = data.alexnet_augment(train, kind, generator=torch.Generator().manual_seed(0))
    assert isinstance(transform, Compose)
    augmented = train.with_transform(transform)
    x, y = augmented.get_batch(torch.arange(16))
    assert x.shape == (16, 3, 32, 32) and torch.isfinite(x).all()
    assert torch.equal(y, train.labels[:16])
    names = [type(t).__name__ for t in transform.transforms]
    assert (
        names
        == {
            "flip": ["HorizontalFlip"],
            "crop_flip": ["RandomCropFlip"],
            "pca": ["PCAColor"],
            "all": ["RandomCropFlip", "PCAColor"],
        }[kind]
    )


def test_augmentations_have_readable_reprs(data_small):
    text = repr(data_small[0].with_transform(data.alexnet_augment(data_small[0], "all")))
    assert "RandomCropFlip(size=32, padding=4" in text and "PCAColor(eigvals=[" in text
    assert repr(HorizontalFlip(0.3)) == "HorizontalFlip(p=0.3)"


def test_alexnet_crop_pads_by_an_eighth(data_small):
    crop = data.alexnet_augment(data_small[0], "crop_flip").transforms[0]
    assert (crop.size, crop.padding) == (32, 4)


def test_alexnet_augment_rejects_unknown_kind(data_small):
    with pytest.raises(ConfigError) as info:
        data.alexnet_augment(data_small[0], "mixup")
    assert info.value.knob == "kind"


def test_alexnet_augment_is_reproducible_with_a_generator(data_small):
    train, _ = data_small

    def batch() -> torch.Tensor:
        t = data.alexnet_augment(train, "all", generator=torch.Generator().manual_seed(3))
        return train.with_transform(t).get_batch(torch.arange(8))[0]

    assert torch.equal(batch(), batch())


def test_sample_photo_is_a_real_rgb_image():
    photo = data.sample_photo()
    assert photo.shape == (3, 600, 512) and photo.dtype == torch.float32
    assert float(photo.min()) >= 0 and float(photo.max()) <= 1
    assert float(photo.std()) > 0.1
    small = data.sample_photo(size=64)
    assert small.shape == (3, 75, 64)


def test_augmentation_gallery_returns_seeded_data():
    image = data.sample_photo(size=64)
    gallery = data.augmentation_gallery(image, n=3, seed=1)
    assert list(gallery) == ["original", "flip", "crop_flip", "pca", "pca_strong"]
    assert torch.equal(gallery["original"][0], image)
    assert all(len(gallery[k]) == 3 for k in ("flip", "crop_flip", "pca", "pca_strong"))
    assert all(t.shape == (3, 56, 56) for t in gallery["crop_flip"])
    assert all(t.shape == image.shape for t in gallery["pca"] + gallery["flip"])
    # paper-strength colour shifts are subtle; the exaggerated ones are not
    small = max(float((t - image).abs().mean()) for t in gallery["pca"])
    large = max(float((t - image).abs().mean()) for t in gallery["pca_strong"])
    assert 0 < small < large
    again = data.augmentation_gallery(image, n=3, seed=1)
    assert all(torch.equal(a, b) for k in gallery for a, b in zip(gallery[k], again[k], strict=True))


def test_staging_folders_of_dead_downloads_are_removed_on_the_next_call(tmp_path, data_no_network):
    dead = tmp_path / ".cifar-10-batches-py.download-999999999-abc"  # no such process
    old_style = tmp_path / ".cifar-10-batches-py.download-xyz"  # no process id in the name
    alive = tmp_path / f".cifar-10-batches-py.download-{os.getppid()}-def"  # a running download
    other = tmp_path / ".FashionMNIST.download-999999999-abc"  # another dataset's: not this call's
    for folder in (dead, old_style, alive, other):
        (folder / "cifar-10-batches-py").mkdir(parents=True)
        (folder / "cifar-10-python.tar.gz").write_bytes(b"\0" * 1000)
    with pytest.raises(DatasetUnavailable, match="download=False"):
        data.load("cifar10", root=tmp_path, download=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])
