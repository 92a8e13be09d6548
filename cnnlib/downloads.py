"""torchvision's files (datasets, ImageNet weights) fetched with a deadline; datasets read by torchvision.

torchvision의 파일(데이터셋, ImageNet 가중치)을 시간 제한을 두고 내려받습니다.
데이터셋 읽기는 torchvision에 맡깁니다.

Why not ``torchvision.datasets.CIFAR10(root, download=True)`` or torch.hub's download: they have a
timeout per read but no overall deadline and no minimum rate, so a server that trickles a byte
every few seconds keeps a notebook cell busy for hours (and a name lookup that hangs has no timeout
at all); the datasets' ``download_url`` also writes into the cache folder directly, so a download
cut halfway leaves a folder that looks complete. :func:`fetch` is the one download of cnnlib:
torchvision's URLs and checksums, a watched deadline, the file placed in one rename. A dataset is
unpacked in a staging folder beside the cache, which then moves into place in one rename. Every
failure names its cause (network, disk, corrupt file) in both languages: a :class:`DatasetUnavailable`
here, a ConfigError in :func:`cnnlib.models.pretrained`.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import http.client
import os
import shutil
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import torch
from torch import Tensor

from cnnlib import files, i18n
from cnnlib.errors import ConfigError

__all__ = [
    "CIFAR10_CLASSES",
    "FASHION_MNIST_CLASSES",
    "MIN_BYTES",
    "SOURCES",
    "STALL_S",
    "TOTAL_S",
    "DatasetUnavailable",
    "DownloadFailed",
    "default_root",
    "fetch",
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


class DownloadFailed(Exception):
    """:func:`fetch` did not give the file. ``cause``: ``"network"``, ``"disk"`` or ``"corrupt"``;
    ``reason``: one line (the server's answer, the error of the write, the checksum that differs).

    Callers turn it into their bilingual :class:`ConfigError` (the sentences
    ``data.download.<cause>.problem`` name the cause; what to do next is theirs to say).
    """

    def __init__(self, cause: str, reason: str) -> None:
        super().__init__(reason)
        self.cause, self.reason = cause, reason


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
        deadline = time.monotonic() + TOTAL_S  # one deadline for all files of the dataset
        for urls, filename, md5, into in _files_of(source.name):
            _unpack(fetch(urls, staging / into / filename, md5=md5, deadline=deadline))
        try:
            os.rename(staging / source.folder, target)  # atomic: the folder appears complete or not at all
        except OSError:
            if not target.exists():  # (if it exists, another process finished first: keep theirs)
                raise
    except DownloadFailed as e:
        raise _unavailable(source, root, e.cause, e.reason) from None
    except OSError as e:
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
        raise DownloadFailed("corrupt", f"{archive.name}: {_reason(e)}") from None
    archive.unlink()  # the unpacked files are what is kept


def fetch(
    urls: str | Sequence[str],
    path: str | os.PathLike[str],
    *,
    md5: str | None = None,
    sha256_prefix: str | None = None,
    deadline: float | None = None,
    progress: bool = False,
) -> Path:
    """Download the first of ``urls`` (mirrors) that answers to ``path``, checked, placed in one rename.

    주소(미러 목록)의 파일을 ``path``에 내려받습니다. 받는 동안 시간을 지켜보고, 체크섬을 확인한 뒤
    한 번에 제자리에 옮기므로, 실패하면 ``path``에는 아무것도 남지 않습니다.

    The bytes go to a temporary file beside ``path`` (:func:`cnnlib.files.write_atomically`) while
    being hashed, and become ``path`` only when the whole body arrived and its ``md5`` (torchvision's
    datasets) or the first hex digits of its SHA-256 (``sha256_prefix``, torch.hub's weights file
    names) match. A worker thread receives; this thread watches the clock, so whatever the network
    does (a name lookup that hangs, a server that never answers, a byte now and then), it gives up
    when fewer than :data:`MIN_BYTES` arrive in :data:`STALL_S` seconds, or at ``deadline`` (a
    ``time.monotonic()`` value; default :data:`TOTAL_S` from now). Nothing process-wide (such as
    ``socket.setdefaulttimeout``) is changed.

    Raises:
        DownloadFailed: with ``cause`` ``"network"`` (also a wrong answer such as a 404; the last
            mirror's), ``"disk"`` (full or not writable) or ``"corrupt"`` (a checksum that differs).
    """
    path = Path(path)
    mirrors = [urls] if isinstance(urls, str) else list(urls)
    deadline = time.monotonic() + TOTAL_S if deadline is None else deadline

    wanted = {name: value.lower() for name, value in (("md5", md5), ("sha256", sha256_prefix)) if value}

    def receive_checked(file: BinaryIO) -> None:
        failure: DownloadFailed | None = None
        for url in mirrors:
            file.seek(0)
            file.truncate()  # what an earlier mirror sent before it failed
            digests = {name: hashlib.new(name, usedforsecurity=False) for name in wanted}
            try:
                _watch(url, file, deadline, progress, list(digests.values()))
            except DownloadFailed as e:
                if e.cause == "disk":
                    raise
                failure = e  # this mirror failed: try the next, and report the last failure
                continue
            for name, digest in digests.items():  # hashed as the bytes came: no second read
                actual, expected = digest.hexdigest(), wanted[name]
                if not actual.startswith(expected):
                    label = {"md5": "md5", "sha256": "SHA-256"}[name]
                    reason = f"{path.name}: its {label} begins {actual[: len(expected)]}, not {expected}"
                    raise DownloadFailed("corrupt", f"{reason} (the {label} does not match)")
            return
        raise failure or DownloadFailed("network", "no URL to download from")

    try:
        files.write_atomically(path, receive_checked)
    except OSError as e:  # the folder cannot be made or written, the rename failed
        raise DownloadFailed(_cause(e), _reason(e)) from e
    return path


class _Transfer:
    """What the watching thread and the downloading thread share about one file."""

    def __init__(self) -> None:
        self.received = 0
        self.expected: int | None = None  # Content-Length, if the server sent one
        self.done = False
        self.error: BaseException | None = None
        self.cancelled = threading.Event()


def _watch(url: str, file: BinaryIO, deadline: float, progress: bool, digests: list[Any]) -> None:
    """Receive ``url`` into ``file`` in a worker thread while this thread watches the clock.

    The worker may be stuck anywhere (a name lookup, a server that accepts and never answers, a
    byte every few seconds); whatever it does, this thread gives up on time, and the worker (a
    daemon thread) stops at its next read, at most :data:`STALL_S` later.
    """
    transfer = _Transfer()
    worker = threading.Thread(
        target=_receive, args=(url, file, digests, transfer), name="cnnlib-download", daemon=True
    )
    worker.start()
    bar = _progress_bar(url) if progress else None
    mark_time, mark_bytes = time.monotonic(), 0
    try:
        while True:
            worker.join(0.05)
            if bar is not None:
                bar.total = transfer.expected
                bar.update(transfer.received - bar.n)
            if transfer.done:
                break
            now = time.monotonic()
            if transfer.received - mark_bytes >= MIN_BYTES:
                mark_time, mark_bytes = now, transfer.received
            if now - mark_time > STALL_S:
                raise DownloadFailed(
                    "network",
                    f"{transfer.received - mark_bytes} bytes in {STALL_S:g} s from {url} "
                    f"(the network went quiet or is too slow)",
                )
            if now > deadline:
                raise DownloadFailed("network", f"not finished within {TOTAL_S:g} s: {url}")
    finally:
        transfer.cancelled.set()
        if bar is not None:
            bar.close()
    error = transfer.error
    if isinstance(error, OSError):  # URLError, HTTPError, timeouts, refused, ENOSPC while writing
        raise DownloadFailed(_cause(error), f"{_reason(error)} ({url})") from error
    if isinstance(error, (http.client.HTTPException, ValueError)):  # a cut body, a bad URL
        raise DownloadFailed("network", f"{type(error).__name__}: {_reason(error)} ({url})") from error
    if error is not None:
        raise error
    if transfer.expected is not None and transfer.received < transfer.expected:
        raise DownloadFailed(
            "network", f"the connection closed after {transfer.received} of {transfer.expected} bytes: {url}"
        )


def _receive(url: str, file: BinaryIO, digests: list[Any], transfer: _Transfer) -> None:
    """The worker of :func:`_watch`: stream ``url`` into ``file``, counting and hashing bytes as they come."""
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "cnnlib (torchvision files)"})
        with urllib.request.urlopen(request, timeout=STALL_S) as response:
            transfer.expected = getattr(response, "length", None)
            read = getattr(response, "read1", response.read)  # read1: what has arrived, without waiting
            while not transfer.cancelled.is_set() and (chunk := read(64 * 1024)):
                file.write(chunk)
                for digest in digests:
                    digest.update(chunk)
                transfer.received += len(chunk)
    except urllib.error.HTTPError as e:
        e.close()  # a 404 holds the connection open until closed
        transfer.error = e
    except BaseException as e:  # never die silently in a thread: hand it to the watcher
        transfer.error = e
    finally:
        transfer.done = True


def _progress_bar(url: str) -> Any:
    from tqdm.auto import tqdm

    name = Path(urllib.parse.urlparse(url).path).name
    return tqdm(desc=name, unit="B", unit_scale=True, unit_divisor=1024, leave=False)


def _unavailable(source: Source, root: Path, cause: str, reason: str) -> DatasetUnavailable:
    """The DatasetUnavailable of a failed download, naming its cause: network, disk or corrupt file."""
    fields = {"folder": root, "size": f"{source.disk_mb} MB"}
    return DatasetUnavailable(
        "dataset",
        source.name,
        i18n.both(f"data.download.{cause}.allowed", **fields),
        i18n.both(f"data.download.{cause}.problem", reason=reason, **fields),
    )


_DISK_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM)


def _cause(error: BaseException) -> str:
    """``"disk"`` (no room or cannot write), ``"corrupt"`` (a broken archive) or ``"network"``."""
    if isinstance(error, (EOFError, tarfile.TarError, zlib.error, gzip.BadGzipFile)):
        return "corrupt"
    if isinstance(error, OSError) and error.errno in _DISK_ERRORS:
        return "disk"
    return "network"  # URLError (its errno is None), refused or reset connections, timeouts


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
