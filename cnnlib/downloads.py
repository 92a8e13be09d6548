"""CIFAR-10 and Fashion-MNIST: torchvision's files, fetched with a deadline, read by torchvision.

CIFAR-10과 Fashion-MNIST: torchvision의 주소와 md5로 내려받되 시간 제한을 두고, 읽기는 torchvision에 맡깁니다.

Why not ``torchvision.datasets.CIFAR10(root, download=True)``: its ``download_url`` has a timeout
per read but no overall deadline and no minimum rate, so a server that trickles a byte every few
seconds keeps a notebook cell busy for hours; and it writes into the cache folder directly, so a
download cut halfway leaves a folder that looks complete. Here each file comes from torchvision's
own URLs, is checked against torchvision's md5 (``check_integrity``) and unpacked in a staging
folder beside the cache, which then moves into place in one rename. Every failure is a
:class:`DatasetUnavailable` that names its cause (network, disk, corrupt file) in both languages.
"""

from __future__ import annotations

import errno
import gzip
import http.client
import os
import shutil
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import Tensor

from cnnlib import i18n
from cnnlib.errors import ConfigError

__all__ = [
    "CIFAR10_CLASSES",
    "FASHION_MNIST_CLASSES",
    "MIN_BYTES",
    "SOURCES",
    "STALL_S",
    "TOTAL_S",
    "DatasetUnavailable",
    "default_root",
    "read",
]

STALL_S = 10.0
"""A download gives up when fewer than :data:`MIN_BYTES` arrive in this many seconds (a network that
went quiet, or trickles a byte now and then). 이 시간(초) 동안 거의 받지 못하면 멈춥니다."""

MIN_BYTES = 16 * 1024
"""What counts as progress: at least this many bytes in every :data:`STALL_S` seconds."""

TOTAL_S = 1800.0
"""The longest a whole download may take (all files of one dataset). 내려받기 전체의 최대 시간(초)."""

CIFAR10_CLASSES: list[tuple[str, str]] = [
    ("비행기", "airplane"), ("자동차", "automobile"), ("새", "bird"), ("고양이", "cat"), ("사슴", "deer"),
    ("개", "dog"), ("개구리", "frog"), ("말", "horse"), ("배", "ship"), ("트럭", "truck"),
]  # fmt: skip

FASHION_MNIST_CLASSES: list[tuple[str, str]] = [
    ("티셔츠/탑", "T-shirt/top"), ("바지", "Trouser"), ("풀오버(스웨터)", "Pullover"), ("드레스", "Dress"),
    ("코트", "Coat"), ("샌들", "Sandal"), ("셔츠", "Shirt"), ("운동화", "Sneaker"), ("가방", "Bag"),
    ("앵클부츠", "Ankle boot"),
]  # fmt: skip


class DatasetUnavailable(ConfigError):
    """A real dataset could not be found, downloaded or read; the message says which folder to look at.

    실제 데이터셋을 찾거나 내려받거나 읽을 수 없습니다. 어느 폴더를 보면(지우면) 되는지 알려 줍니다.
    """


@dataclass(frozen=True)
class Source:
    """Where torchvision keeps one dataset under ``root``."""

    name: str
    folder: str  # the one folder under root that holds the dataset (moved into place atomically)
    files: tuple[str, ...]  # files inside it that must exist
    train_size: int
    test_size: int
    disk_mb: int  # room the download needs while it runs (archives + extracted files)


_CIFAR_FILES = (*(f"data_batch_{i}" for i in range(1, 6)), "test_batch", "batches.meta")
_FASHION_FILES = ("raw/train-images-idx3-ubyte", "raw/train-labels-idx1-ubyte",
                  "raw/t10k-images-idx3-ubyte", "raw/t10k-labels-idx1-ubyte")  # fmt: skip
SOURCES = {
    "cifar10": Source("cifar10", "cifar-10-batches-py", _CIFAR_FILES, 50_000, 10_000, 350),
    "fashion_mnist": Source("fashion_mnist", "FashionMNIST", _FASHION_FILES, 60_000, 10_000, 90),
}


def default_root() -> Path:
    """The data cache folder: ``$CNNLIB_DATA`` if set, else ``~/.cache/cnnlib/data``.

    데이터를 보관하는 폴더: 환경 변수 ``CNNLIB_DATA``, 없으면 ``~/.cache/cnnlib/data``.
    """
    env = os.environ.get("CNNLIB_DATA")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "cnnlib" / "data"


Split = tuple[Tensor, Tensor]


def read(source: Source, root: Path, download: bool) -> tuple[Split, Split, list[tuple[str, str]]]:
    """``(train, test, class names)`` of ``source`` under ``root`` as uint8 ``[N, C, H, W]`` and int64 labels.

    Downloads the dataset first if it is missing and ``download`` is true; a staging folder left by
    a download that was killed earlier (up to 170 MB) is removed first.
    """
    _remove_leftovers(source, root)
    folder = root / source.folder
    if not folder.exists():
        if not download:
            problem = i18n.both("data.missing.problem", folder=folder, files=", ".join(source.files))
            raise DatasetUnavailable("dataset", source.name, i18n.both("data.missing.allowed"), problem)
        _download(source, root)
    missing = [f for f in source.files if not (folder / f).is_file()]
    if missing:
        raise _corrupt(source, folder, "missing " + ", ".join(missing))
    splits = []
    for train in (True, False):
        try:
            images, labels, names = _read_torchvision(source.name, root, train)
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


def _read_torchvision(name: str, root: Path, train: bool) -> tuple[Tensor, Tensor, list[tuple[str, str]]]:
    from torchvision.datasets import CIFAR10, FashionMNIST

    if name == "cifar10":  # torchvision checks every batch file's md5 here (RuntimeError on a mismatch)
        ds = CIFAR10(str(root), train=train, download=False)
        images = torch.from_numpy(ds.data).permute(0, 3, 1, 2).contiguous()  # HWC → CHW
        labels, known = torch.tensor(ds.targets, dtype=torch.int64), CIFAR10_CLASSES
    else:  # torchvision only checks that the raw files exist; a truncated file fails while parsing
        ds = FashionMNIST(str(root), train=train, download=False)
        if ds.data.ndim != 3 or tuple(ds.data.shape[1:]) != (28, 28):
            raise ValueError(f"images of shape {tuple(ds.data.shape)}, expected [N, 28, 28]")
        images, labels, known = ds.data.unsqueeze(1), ds.targets.to(torch.int64), FASHION_MNIST_CLASSES
    korean = {en: ko for ko, en in known}
    return images, labels, [(korean.get(en, en), en) for en in ds.classes]


def _corrupt(source: Source, folder: Path, reason: str) -> DatasetUnavailable:
    allowed, problem = (
        i18n.both("data.corrupt.allowed", folder=folder),
        i18n.both("data.corrupt.problem", folder=folder, reason=reason),
    )
    return DatasetUnavailable("dataset", source.name, allowed, problem)


class _BadDownload(Exception):
    """A downloaded file that is not what was asked for (wrong md5, not the archive it should be)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(reason)
        self.file = file


class _NetworkQuiet(OSError):
    """The network went quiet (or too slow) for longer than the download's limits allow."""


# Staging folders of downloads running in this process (another thread's is not a leftover).
_ACTIVE_STAGING: set[Path] = set()


def _download(source: Source, root: Path) -> None:
    """Download into a staging folder beside the cache, then move it into place in one step.

    임시 폴더에 내려받은 뒤 한 번에 옮기므로, 중간에 끊겨도 반쯤 쓰인 캐시가 남지 않습니다.
    """
    try:  # can we write here at all? Ask before any byte is downloaded.
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{_staging_prefix(source)}{os.getpid()}-", dir=root))
    except OSError as e:
        problem = i18n.both("data.root.problem", folder=root, reason=_reason(e))
        raise ConfigError("root", str(root), i18n.both("data.root.allowed"), problem) from None
    target = root / source.folder
    _ACTIVE_STAGING.add(staging)
    try:
        deadline = time.monotonic() + TOTAL_S
        for urls, filename, md5, into in _files_of(source.name):
            (staging / into).mkdir(parents=True, exist_ok=True)
            archive = staging / into / filename
            _fetch_checked(urls, archive, md5, deadline)
            _unpack(archive)
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


def _files_of(name: str) -> list[tuple[list[str], str, str, str]]:
    """``(mirror URLs, file name, md5, folder to unpack into)`` of each file torchvision would download."""
    from torchvision.datasets import CIFAR10, FashionMNIST

    if name == "cifar10":
        return [([CIFAR10.url], CIFAR10.filename, CIFAR10.tgz_md5, "")]
    mirrors = FashionMNIST.mirrors
    return [([m + f for m in mirrors], f, md5, "FashionMNIST/raw") for f, md5 in FashionMNIST.resources]


def _unpack(archive: Path) -> None:
    """Unpack ``archive`` beside itself (torchvision's ``extract_archive``), then delete it."""
    from torchvision.datasets.utils import extract_archive

    try:
        if archive.name.endswith(".tar.gz") and hasattr(tarfile, "data_filter"):
            # Not extract_archive here: it extracts without tarfile's "data" filter (no links, no paths
            # outside the folder), which Python ≥ 3.12 warns about; older Pythons lack the filter.
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(archive.parent, filter="data")
        else:
            extract_archive(archive, archive.parent)
    except (EOFError, tarfile.TarError, zlib.error, gzip.BadGzipFile) as e:
        raise _BadDownload(archive.name, _reason(e)) from None
    archive.unlink()  # the unpacked files are what is kept


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


class _Transfer:
    """What the watching thread and the downloading thread share about one file."""

    def __init__(self) -> None:
        self.received = 0
        self.done = False
        self.error: BaseException | None = None
        self.cancelled = threading.Event()


def _fetch(url: str, path: Path, deadline: float) -> None:
    """Download ``url`` to ``path`` in a worker thread while this thread watches the clock.

    The worker may be stuck anywhere (a name lookup, a server that accepts and never answers, a
    byte every few seconds); whatever it does, this thread gives up on time with :class:`_NetworkQuiet`,
    and the worker (a daemon thread) stops at its next read, at most :data:`STALL_S` later.
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
            if transfer.received - mark_bytes >= MIN_BYTES:
                mark_time, mark_bytes = now, transfer.received
            if now - mark_time > STALL_S:
                raise _NetworkQuiet(
                    f"{transfer.received - mark_bytes} bytes in {STALL_S:g} s from {url} "
                    f"(the network went quiet or is too slow)"
                )
            if now > deadline:
                raise _NetworkQuiet(f"not finished within {TOTAL_S:g} s: {url}")
    finally:
        transfer.cancelled.set()
    if transfer.error is not None:
        raise transfer.error


def _receive(url: str, path: Path, transfer: _Transfer) -> None:
    """The worker of :func:`_fetch`: stream ``url`` into ``path``, counting bytes as they come."""
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "cnnlib (torchvision datasets)"})
        with urllib.request.urlopen(request, timeout=STALL_S) as response:
            expected = getattr(response, "length", None)  # Content-Length, if the server sent one
            read = getattr(response, "read1", response.read)  # read1: what has arrived, without waiting
            with open(path, "wb") as file:
                while not transfer.cancelled.is_set() and (chunk := read(64 * 1024)):
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


def _unavailable(source: Source, root: Path, cause: str, reason: str) -> DatasetUnavailable:
    """The DatasetUnavailable of a failed download, naming its cause: network, disk or corrupt file."""
    fields = {"folder": root, "size": f"{source.disk_mb} MB"}
    return DatasetUnavailable(
        "dataset",
        source.name,
        i18n.both(f"data.download.{cause}.allowed", **fields),
        i18n.both(f"data.download.{cause}.problem", reason=reason, **fields),
    )


def _cause(error: BaseException) -> str:
    """``"disk"`` (no room or cannot write), ``"corrupt"`` (a broken archive) or ``"network"``."""
    if isinstance(error, (EOFError, tarfile.TarError, zlib.error, gzip.BadGzipFile)):
        return "corrupt"
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS):
        return "disk"
    return "network"  # URLError, refused or reset connections, timeouts, _NetworkQuiet, cut-off bodies


def _reason(error: BaseException) -> str:
    """One short line describing an exception (messages from urllib can span many lines)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _staging_prefix(source: Source) -> str:
    return f".{source.folder}.download-"


def _remove_leftovers(source: Source, root: Path) -> None:
    """Delete staging folders ``.<folder>.download-<pid>-<random>`` of downloads whose process is gone.

    A leftover's process no longer runs here, or it is older than :data:`TOTAL_S` (a shared disk,
    another machine). Running downloads, in this process or another, are left alone.
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
            old = time.time() - folder.stat().st_mtime > TOTAL_S
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
