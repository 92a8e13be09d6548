"""Fault injection: a slow, silent or lying network, a full disk, writers killed with SIGKILL,
and damaged copies of every file cnnlib reads.

고장 주입 시험: 느리거나 응답이 없거나 엉뚱한 것을 보내는 네트워크, 가득 찬 디스크, 강제 종료(kill -9)된
기록 프로세스, 그리고 cnnlib이 읽는 모든 종류의 손상된 파일.

The promise under test: no traceback, no hang, no lost result — a bilingual ConfigError (or
DatasetUnavailable / AtlasUnavailable, both ConfigErrors) that names the cause, a
NotSavedWarning with the result still returned, or the damaged part skipped.

Every test adds what it tried to ``TRIED``; ``benchmarks/faults_report.py`` runs this module with
``CNNLIB_FAULTS_REPORT`` set and writes the counts to ``benchmarks/results/faults.md``.
Everything runs offline: the "network" is a misbehaving HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import collections
import errno
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy
import pytest
import torch
import torchvision
from test_data import (
    cifar_tarball,
    fashion_files,
    idx_bytes,
    trust_cifar_files,
    write_fake_cifar,
    write_fake_fashion,
)
from test_experiments import _fake_lesson
from torchvision.datasets import CIFAR10, FashionMNIST

from cnnlib import ConfigError, atlas, data, downloads, experiments, files, train
from cnnlib.data import DatasetUnavailable
from cnnlib.errors import NotSavedWarning
from cnnlib.models import pretrained

TRIED: collections.Counter[str] = collections.Counter()
REPO = Path(__file__).resolve().parents[1]
STALL_S = 1.0  # the download limits these tests run under (the defaults are 10 s and 30 min)
TOTAL_S = 8.0


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    target = os.environ.get("CNNLIB_FAULTS_REPORT")
    if target:
        Path(target).write_text(json.dumps(dict(sorted(TRIED.items())), indent=1), encoding="utf-8")


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), OMP_NUM_THREADS="1", OMP_WAIT_POLICY="PASSIVE")
    return env | extra


# ------------------------------------------------------------------------------ the network


class Misbehaving(socketserver.ThreadingTCPServer):
    """An HTTP server on 127.0.0.1 whose first path element says how to misbehave.

    ``/ok/NAME`` serves the file; ``/wrong/NAME`` other bytes of the same length; ``/cut/NAME``
    half the body, then closes; ``/trickle/NAME`` one byte every 0.3 s; ``/silent/NAME`` accepts
    and never answers; ``/slow/NAME`` 20 KiB every 0.2 s (progress, but slow); ``/missing/NAME``
    a 404.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, served: dict[str, bytes]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.served = served
        self.closing = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            request += chunk
        _, mode, name = request.split(b" ")[1].decode().split("/", 2)
        body = self.server.served.get(name, b"")
        status = "404 Not Found" if mode == "missing" else "200 OK"
        head = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        closing = self.server.closing
        try:
            if mode == "silent":
                closing.wait(60)
            elif mode in ("ok", "missing"):
                self.request.sendall(head + body)
            elif mode == "wrong":
                self.request.sendall(head + (numpy.frombuffer(body, numpy.uint8) ^ 0x5A).tobytes())
            elif mode == "cut":
                self.request.sendall(head + body[: len(body) // 2])
            elif mode == "trickle":
                self.request.sendall(head)
                for byte in body:
                    if closing.wait(0.3):
                        return
                    self.request.sendall(bytes([byte]))
            elif mode == "slow":
                self.request.sendall(head)
                for begin in range(0, len(body), 20 * 1024):
                    if closing.wait(0.2):
                        return
                    self.request.sendall(body[begin : begin + 20 * 1024])
        except OSError:  # the client gave up and closed: that is what these tests expect
            pass


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> dict[str, bytes]:
    tarball = cifar_tarball(tmp_path_factory.mktemp("server"))
    gz = {name + ".gz": gzip.compress(content) for name, content in fashion_files().items()}
    return {"cifar-10-python.tar.gz": tarball, **gz, "big.bin": os.urandom(4 * 1024 * 1024)}


@pytest.fixture
def server(served, monkeypatch, tmp_path):
    for variable in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(downloads, "STALL_S", STALL_S)
    monkeypatch.setattr(downloads, "TOTAL_S", TOTAL_S)
    monkeypatch.setattr(CIFAR10, "tgz_md5", hashlib.md5(served["cifar-10-python.tar.gz"]).hexdigest())
    resources = [(name, hashlib.md5(served[name]).hexdigest()) for name in served if name.endswith(".gz")]
    monkeypatch.setattr(FashionMNIST, "resources", [r for r in resources if "tar" not in r[0]])
    trust_cifar_files(monkeypatch, write_fake_cifar(tmp_path.parent / f"{tmp_path.name}-trusted"))
    httpd = Misbehaving(served)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.closing.set()
    httpd.shutdown()
    httpd.server_close()


def point(monkeypatch, httpd: Misbehaving, mode: str, cifar_name: str = "cifar-10-python.tar.gz") -> None:
    monkeypatch.setattr(CIFAR10, "url", f"{httpd.url}/{mode}/{cifar_name}")
    monkeypatch.setattr(FashionMNIST, "mirrors", [f"{httpd.url}/{mode}/"])


def failed_download(name: str, root: Path) -> tuple[DatasetUnavailable, float]:
    began = time.monotonic()
    with pytest.raises(DatasetUnavailable) as info:
        data.load(name, root=root)
    return info.value, time.monotonic() - began


def assert_nothing_left(root: Path) -> None:
    assert not root.exists() or list(root.iterdir()) == []  # no staging folder, no partial cache


@pytest.mark.parametrize("name", ["cifar10", "fashion_mnist"])
@pytest.mark.parametrize("mode", ["trickle", "silent"])
def test_a_quiet_network_gives_up_within_the_stall_limit(server, monkeypatch, tmp_path, name, mode):
    point(monkeypatch, server, mode)
    error, seconds = failed_download(name, tmp_path / "cache")
    TRIED[f"network: {mode}"] += 1
    assert seconds < STALL_S + 2.0, seconds  # about the limit, not forever (the default limit is 10 s)
    assert "network" in error.en and "네트워크" in error.ko and "'shapes'" in error.en
    assert_nothing_left(tmp_path / "cache")


def test_a_slow_but_moving_download_stops_at_the_total_limit(server, monkeypatch, tmp_path):
    monkeypatch.setattr(downloads, "TOTAL_S", 1.5)
    point(monkeypatch, server, "slow", cifar_name="big.bin")  # 100 KiB/s: progress, but 40 s in all
    error, seconds = failed_download("cifar10", tmp_path / "cache")
    TRIED["network: slow (total limit)"] += 1
    assert 1.4 < seconds < 3.5, seconds
    assert "within 1.5 s" in error.en
    assert_nothing_left(tmp_path / "cache")


@pytest.mark.parametrize("name", ["cifar10", "fashion_mnist"])
@pytest.mark.parametrize(
    ("mode", "cause"),
    [("cut", "closed after"), ("missing", "404"), ("wrong", "corrupt"), ("refused", "refused")],
)
def test_a_lying_network_names_the_cause(server, monkeypatch, tmp_path, name, mode, cause):
    if mode == "refused":  # a port nobody listens on
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        monkeypatch.setattr(CIFAR10, "url", f"http://127.0.0.1:{port}/x/cifar-10-python.tar.gz")
        monkeypatch.setattr(FashionMNIST, "mirrors", [f"http://127.0.0.1:{port}/x/"])
    else:
        point(monkeypatch, server, mode)
    error, seconds = failed_download(name, tmp_path / "cache")
    TRIED[f"network: {mode}"] += 1
    assert seconds < STALL_S + 2.0
    assert cause in str(error)
    if mode == "wrong":
        assert "md5" in error.en and "손상" in error.ko
    assert_nothing_left(tmp_path / "cache")


@pytest.mark.parametrize("name", ["cifar10", "fashion_mnist"])
def test_the_same_server_answering_well_gives_the_dataset(server, monkeypatch, tmp_path, name):
    point(monkeypatch, server, "ok")
    train_set, test_set = data.load(name, root=tmp_path)
    TRIED["network: ok (control)"] += 1
    assert len(train_set) > 0 and len(test_set) > 0
    assert [p.name for p in tmp_path.iterdir()] == [
        "cifar-10-batches-py" if name == "cifar10" else "FashionMNIST"
    ]


class FullFile:
    """A file on a full disk: every write fails with ENOSPC."""

    def seek(self, offset: int) -> int:
        return 0

    def truncate(self) -> int:
        return 0

    def write(self, chunk: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def fill_the_disk(monkeypatch) -> None:
    """Downloads write onto a full disk: the real atomic write (temporary file, rename), but its
    content function is handed a file whose writes fail with ENOSPC."""
    real = files.write_atomically

    def onto_a_full_disk(target, content) -> None:
        real(target, lambda _file: content(FullFile()))

    monkeypatch.setattr(files, "write_atomically", onto_a_full_disk)


def test_a_full_disk_during_a_download_says_so(server, monkeypatch, tmp_path):
    point(monkeypatch, server, "ok")
    fill_the_disk(monkeypatch)
    error, _ = failed_download("cifar10", tmp_path / "cache")
    TRIED["disk full: download"] += 1
    assert "full" in error.en and "350 MB" in error.en and "No space left" in error.en
    assert "run again when online" not in error.en
    assert_nothing_left(tmp_path / "cache")


# ------------------------------------------------------------------------------ pretrained weights


@pytest.fixture(scope="module")
def weights_file(served) -> tuple[str, dict]:
    """A torchvision resnet18 file served as ``resnet18-<its SHA-256 prefix>.pth``, as torchvision's are."""
    torch.manual_seed(0)
    state = torchvision.models.resnet18().state_dict()
    buffer = io.BytesIO()
    torch.save(state, buffer)
    name = f"resnet18-{hashlib.sha256(buffer.getvalue()).hexdigest()[:8]}.pth"
    served[name] = buffer.getvalue()
    return name, state


def point_weights(monkeypatch, tmp_path: Path, url: str) -> Path:
    """``pretrained("resnet18")`` downloads ``url`` into a temporary torch cache: its checkpoints folder."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))

    class ServedWeights(torchvision.models.WeightsEnum):  # torchvision's weights API, our server
        IMAGENET1K_V1 = torchvision.models.Weights(url=url, transforms=None, meta={"_file_size": 44.7})

    monkeypatch.setattr(torchvision.models, "get_weight", lambda name: ServedWeights.IMAGENET1K_V1)

    def global_timeout(seconds):
        raise AssertionError("a download must not set the process-wide socket timeout")

    monkeypatch.setattr(socket, "setdefaulttimeout", global_timeout)
    return tmp_path / "torch" / "hub" / "checkpoints"


def failed_pretrained() -> tuple[ConfigError, float]:
    began = time.monotonic()
    with pytest.raises(ConfigError) as info:
        pretrained("resnet18")
    return info.value, time.monotonic() - began


@pytest.mark.parametrize("mode", ["trickle", "silent"])
def test_pretrained_gives_up_on_a_quiet_network_within_the_stall_limit(
    server, weights_file, monkeypatch, tmp_path, mode
):
    cache = point_weights(monkeypatch, tmp_path, f"{server.url}/{mode}/{weights_file[0]}")
    error, seconds = failed_pretrained()
    TRIED[f"pretrained: {mode}"] += 1
    assert seconds < STALL_S + 2.0, seconds
    assert error.knob == "pretrained" and error.value == "resnet18"
    assert "network" in error.en and "네트워크" in error.ko and "run again when online" in error.en
    assert weights_file[0] in error.en and weights_file[0] in error.ko  # where to put the file by hand
    assert_nothing_left(cache)


def test_pretrained_gives_up_on_a_name_lookup_that_hangs(server, weights_file, monkeypatch, tmp_path):
    # No socket timeout covers a DNS lookup: only a watched deadline does.
    released = threading.Event()

    def hanging_lookup(*args, **kwargs):
        released.wait(60)
        raise OSError("the lookup never answered")

    cache = point_weights(monkeypatch, tmp_path, f"http://weights.invalid/models/{weights_file[0]}")
    monkeypatch.setattr(socket, "getaddrinfo", hanging_lookup)
    try:
        error, seconds = failed_pretrained()
    finally:
        released.set()  # let the abandoned worker thread end
    TRIED["pretrained: name lookup hangs"] += 1
    assert seconds < STALL_S + 2.0, seconds
    assert "0 bytes in 1 s" in error.en and "네트워크" in error.ko
    assert_nothing_left(cache)


@pytest.mark.parametrize(
    ("mode", "cause"),
    [("wrong", "SHA-256"), ("cut", "closed after"), ("missing", "404"), ("refused", "refused")],
)
def test_pretrained_refuses_a_lying_network_and_keeps_nothing(
    server, weights_file, monkeypatch, tmp_path, mode, cause
):
    url = f"{server.url}/{mode}/{weights_file[0]}"
    if mode == "refused":  # a port nobody listens on
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{probe.getsockname()[1]}/x/{weights_file[0]}"
    cache = point_weights(monkeypatch, tmp_path, url)
    error, seconds = failed_pretrained()
    TRIED[f"pretrained: {mode}"] += 1
    assert seconds < STALL_S + 2.0, seconds
    assert cause in error.en and error.knob == "pretrained"
    if mode == "wrong":  # the bytes arrived whole but are not the file: refused, not cached
        assert "corrupt" in error.en and "손상" in error.ko
    assert_nothing_left(cache)


def test_pretrained_on_a_full_disk_says_so_and_keeps_nothing(server, weights_file, monkeypatch, tmp_path):
    cache = point_weights(monkeypatch, tmp_path, f"{server.url}/ok/{weights_file[0]}")
    fill_the_disk(monkeypatch)
    error, _ = failed_pretrained()
    TRIED["disk full: pretrained download"] += 1
    assert "full" in error.en and "No space left" in error.en and "45 MB" in error.en
    assert "TORCH_HOME" in error.en and "TORCH_HOME" in error.ko
    assert_nothing_left(cache)


def test_pretrained_from_a_server_answering_well_is_cached_whole(server, weights_file, monkeypatch, tmp_path):
    name, state = weights_file
    cache = point_weights(monkeypatch, tmp_path, f"{server.url}/ok/{name}")
    model = pretrained("resnet18", progress=True)
    TRIED["pretrained: ok (control)"] += 1
    ours = model.state_dict()
    assert all(torch.equal(ours[k], state[k]) for k in state) and not model.training
    assert [p.name for p in cache.iterdir()] == [name]  # the file under its own name, no temporary file
    again = pretrained("resnet18", download=False)  # from the cache, its SHA-256 checked again
    assert torch.equal(again.fc.weight, state["fc.weight"])


def test_fetch_tries_the_next_mirror_and_checks_what_it_keeps(server, served, tmp_path):
    content = served["big.bin"]
    mirrors = [f"{server.url}/missing/big.bin", f"{server.url}/cut/big.bin", f"{server.url}/ok/big.bin"]
    target = tmp_path / "deeper" / "big.bin"
    md5 = hashlib.md5(content).hexdigest()
    assert downloads.fetch(mirrors, target, md5=md5) == target
    assert target.read_bytes() == content and sorted(p.name for p in target.parent.iterdir()) == ["big.bin"]
    with pytest.raises(downloads.DownloadFailed) as info:  # the last mirror's failure is reported
        downloads.fetch(mirrors[:2], tmp_path / "other.bin", md5=md5)
    assert info.value.cause == "network" and "closed after" in info.value.reason
    with pytest.raises(downloads.DownloadFailed) as info:
        downloads.fetch(f"{server.url}/ok/big.bin", tmp_path / "other.bin", sha256_prefix="00000000")
    assert info.value.cause == "corrupt" and "SHA-256" in info.value.reason
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deeper"]  # nothing of the failed ones
    TRIED["network: mirrors (fetch)"] += 1


@pytest.mark.slow
def test_a_download_killed_with_sigkill_is_cleaned_up_next_time(server, tmp_path):
    root = tmp_path / "cache"
    script = textwrap.dedent(
        f"""
        from torchvision.datasets import CIFAR10
        from cnnlib import data
        CIFAR10.url = "{server.url}/trickle/cifar-10-python.tar.gz"
        data.load("cifar10", root={str(root)!r})
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], env=child_env(), stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(root.glob(".cifar-10-batches-py.download-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    assert list(root.glob(".cifar-10-batches-py.download-*")), "the child never started its download"
    with pytest.raises(DatasetUnavailable, match="download=False"):  # missing, not a half cache
        data.load("cifar10", root=root, download=False)
    TRIED["kill -9: download"] += 1
    assert list(root.iterdir()) == []  # the staging folder of the dead process is gone


# ------------------------------------------------------------------------------ a full disk


def test_a_run_log_on_a_full_disk_warns_and_returns_the_history():
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3 * 8 * 8, 10))
    images = data.ImageDataset(torch.rand(32, 3, 8, 8), torch.arange(32) % 10, [("a", "a")] * 10, "toy")
    with pytest.warns(NotSavedWarning, match="No space left"):
        history = train.fit(model, images, steps=2, batch_size=8, log="/dev/full", progress=False, live=False)
    TRIED["disk full: run log (/dev/full)"] += 1
    assert history.steps == 2 and len(history.step_losses) == 2


FULL_DISK_CHILD = """
import json, resource, signal, warnings, pathlib, sys
from cnnlib import files, train
from cnnlib.errors import NotSavedWarning
from cnnlib.models import pretrained
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
folder = pathlib.Path(sys.argv[1])
(folder / "runs.jsonl").write_text("")
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))  # files larger than 64 KiB cannot be
out = {}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    big = b"x" * (1024 * 1024)
    out["cache_saved"] = files.save(folder / "lesson.json", big, what=("실험 결과", "The result"))
    out["atlas_saved"] = files.save(folder / "atlas.json", big, what=("정확도 지도", "The atlas"))
    out["warnings"] = [w.category.__name__ for w in caught]
history = train.History(name="big", step_losses=[0.5] * 20000)
try:
    train.log_run(history, folder / "runs.jsonl")
    out["log"] = "written"
except OSError as error:
    out["log"] = error.strerror
out["log_size"] = (folder / "runs.jsonl").stat().st_size
out["left"] = sorted(p.name for p in folder.iterdir())
print(json.dumps(out))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_atomic_writes_on_a_full_disk_warn_and_leave_nothing_behind(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_CHILD, str(tmp_path)],
        env=child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    TRIED["disk full: experiment cache (file size limit)"] += 1
    TRIED["disk full: atlas (file size limit)"] += 1
    TRIED["disk full: run log (file size limit)"] += 1
    assert out["cache_saved"] is False and out["atlas_saved"] is False
    assert out["warnings"] == ["NotSavedWarning", "NotSavedWarning"]
    assert out["log"] == "File too large" and out["log_size"] == 0  # the partial line was taken back
    assert out["left"] == ["runs.jsonl"]  # no temporary file behind


def test_a_folder_where_the_file_belongs_warns_and_returns(tmp_path):
    (tmp_path / "atlas.json").mkdir()
    with pytest.warns(NotSavedWarning):
        assert files.save(tmp_path / "atlas.json", b"{}", what=("정확도 지도", "The atlas")) is False
    TRIED["not writable: a folder in the file's place"] += 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas.json"]


def test_a_killed_writers_old_temporary_file_is_removed_by_the_next_write(tmp_path):
    leftover = tmp_path / ".atlas.json.abc123.tmp"  # what a writer killed mid-write leaves
    leftover.write_bytes(b"{half")
    os.utime(leftover, (time.time() - 2 * files.STALE_TEMP_S,) * 2)
    recent = tmp_path / ".atlas.json.def456.tmp"  # perhaps another writer's, still running
    recent.write_bytes(b"{")
    files.write_atomically(tmp_path / "atlas.json", b"{}")
    TRIED["kill -9: leftover temporary file"] += 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [recent.name, "atlas.json"]


# ------------------------------------------------------------------------------ kill -9 of writers


WRITER_CHILD = """
import json, pathlib, sys
from cnnlib import files, train
folder = pathlib.Path(sys.argv[1])
start = int(sys.argv[2])
print("ready", flush=True)
for i in range(start, start + 100000):
    history = train.History(name=f"run{i}", steps=i, step_losses=[0.25] * 2000)
    train.log_run(history, folder / "runs.jsonl")
    payload = {"format": 1, "last": i, "pad": "x" * 200000}
    files.write_atomically(folder / "atlas.json", json.dumps(payload).encode())
    files.write_atomically(folder / "cache.json", json.dumps(payload).encode())
    print(i, flush=True)
"""


@pytest.mark.slow
def test_writers_killed_at_random_moments_lose_no_finished_record(tmp_path):
    rng = random.Random(14)
    finished: list[int] = []
    start = 0
    rounds = 6
    for _ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER_CHILD, str(tmp_path), str(start)],
            env=child_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
        )
        lines: list[str] = []
        reader = threading.Thread(target=lambda c=child, out=lines: out.extend(c.stdout), daemon=True)
        reader.start()
        deadline = time.monotonic() + 60
        while "ready\n" not in lines and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.02, 0.6))  # somewhere inside a write, or between two
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        reader.join(5)
        child.stdout.close()
        done = [int(line) for line in lines if line.strip().isdigit()]
        finished += done
        start = (done[-1] + 1) if done else start + 1000  # never reuse a name

        table = train.runs(tmp_path / "runs.jsonl")  # every reader works after every kill
        names = {record["name"] for record in table.records}
        assert {f"run{i}" for i in finished} <= names  # no finished record lost
        assert len(table.histories()) == len(table)
        for name in ("atlas.json", "cache.json"):
            if (tmp_path / name).exists():
                last = json.loads((tmp_path / name).read_text())["last"]  # whole, never half a file
                assert not finished or last >= finished[-1]
        TRIED["kill -9: writer rounds (run log + atlas + cache)"] += 1
    TRIED["kill -9: finished records checked"] += len(finished)
    assert finished, "no round got as far as one finished record"


# ------------------------------------------------------------------------------ damaged files


def mutations(raw: bytes, rng: random.Random, n: int) -> list[bytes]:
    """``n`` damaged copies: truncations, flipped bytes, garbage lines, huge or deep JSON."""
    out = []
    for i in range(n):
        kind = i % 6
        if kind == 0:
            out.append(raw[: rng.randrange(len(raw))])
        elif kind == 1:
            damaged = bytearray(raw)
            for _ in range(rng.randint(1, 8)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            out.append(bytes(damaged))
        elif kind == 2:
            at = rng.randrange(len(raw))
            out.append(raw[:at] + rng.choice([b"\n{\n", b"\x00" * 50, b"\xff\xfe", b"\nnull\n"]) + raw[at:])
        elif kind == 3:
            out.append(raw.replace(b"0.", b"1e400", rng.randint(1, 3)))
        elif kind == 4:
            out.append(raw + b"\n" + b"[" * 100000 + b"\n")
        else:
            text = raw.decode("utf-8", "replace")
            for word in ('"steps"', '"cells"', '"seeds"', '"name"', '"test_acc"'):
                text = text.replace(word + ": ", word + ': {"x": [' if rng.random() < 0.5 else word + ": ", 1)
            out.append(text.encode("utf-8"))
    return out


def test_every_damaged_run_log_is_read_without_an_error(tmp_path):
    log = tmp_path / "runs.jsonl"
    for i in range(4):
        history = train.History(name=f"r{i}", steps=i, step=[i], epoch=[0.5], wall_time=[1.0])
        history.train_loss, history.train_acc = [1.0], [0.5]
        history.test_loss, history.test_acc = [None], [None]
        train.log_run(history, log)
    raw = log.read_bytes()
    for damaged in mutations(raw, random.Random(1), 120):
        log.write_bytes(damaged)
        table = train.runs(log)
        assert len(table.histories()) == len(table) <= 4 + damaged.count(b"\n")
        str(table), table._repr_html_()
        TRIED["damaged: run log"] += 1


def test_every_damaged_atlas_is_read_or_refused_with_a_config_error(tmp_path):
    raw = atlas.SHIPPED.read_bytes()
    path = tmp_path / "atlas.json"
    for damaged in mutations(raw, random.Random(2), 60):
        path.write_bytes(damaged)
        try:
            atlas.load(path)
        except atlas.AtlasUnavailable as error:
            assert error.ko and error.en
        TRIED["damaged: atlas.json"] += 1


def test_every_damaged_experiment_cache_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setenv(experiments.CACHE_VARIABLE, str(tmp_path))
    calls: list[int] = []
    lesson = _fake_lesson(calls)
    small = data.load(train_size=20, test_size=10)  # hashed into every key: keep it small
    lesson(data=small)
    (stored,) = tmp_path.glob("lesson-*.json")
    raw = stored.read_bytes()
    for damaged in mutations(raw, random.Random(3), 60):
        stored.write_bytes(damaged)
        result = lesson(data=small)
        assert result.numbers["speedup"] == 1 / 3 and result.runs["run"].steps == 3
        TRIED["damaged: experiment cache"] += 1
    assert len(calls) > 1  # damaged copies were recomputed, not trusted


def test_every_damaged_dataset_file_is_read_or_a_dataset_unavailable(tmp_path, monkeypatch):
    rng = random.Random(4)
    cifar = write_fake_cifar(tmp_path / "c")
    trust_cifar_files(monkeypatch, cifar)
    fashion = write_fake_fashion(tmp_path / "f")
    targets = [
        (cifar / name, "cifar10", tmp_path / "c") for name in ("data_batch_1", "test_batch", "batches.meta")
    ]
    targets += [(fashion / name, "fashion_mnist", tmp_path / "f") for name in sorted(os.listdir(fashion))]
    for path, name, root in targets:
        original = path.read_bytes()
        for damaged in mutations(original, rng, 6):
            path.write_bytes(damaged)
            try:
                data.load(name, root=root, download=False)
            except DatasetUnavailable as error:
                assert "손상" in error.ko and "corrupt" in error.en
            TRIED[f"damaged: {name} dataset file"] += 1
        path.write_bytes(original)


def test_a_damaged_legacy_fashion_mnist_cache_is_a_dataset_unavailable(tmp_path):
    write_fake_fashion(tmp_path)
    processed = tmp_path / "FashionMNIST" / "processed"
    processed.mkdir()
    for garbage in (b"\x80\x02garbage", b"", b"PK\x03\x04" + b"\x00" * 40, idx_bytes(torch.zeros(3).numpy())):
        for name in ("training.pt", "test.pt"):
            (processed / name).write_bytes(garbage)
        with pytest.raises(DatasetUnavailable) as info:
            data.load("fashion_mnist", root=tmp_path, download=False)
        assert "FashionMNIST" in str(info.value)
        TRIED["damaged: legacy Fashion-MNIST .pt"] += 1
    shutil.rmtree(processed)
    assert len(data.load("fashion_mnist", root=tmp_path, download=False)[0]) > 0


def test_damaged_checkpoints_are_refused_and_run_no_code(tmp_path):
    # cnnlib.reproduce --resume reads OUT/checkpoint.pt: every damaged one is a ConfigError on
    # "resume", and a pickle that would run code is refused by weights_only (the code never runs).
    import io

    from torch import nn

    from cnnlib import recipes, reproduce

    recipe = recipes.Recipe("tiny", steps=8, batch_size=32, optimizer="sgd", lr=0.05, schedule="multistep",
                            milestones=(4,))  # fmt: skip
    pair = data.load("shapes", train_size=256, test_size=64)

    def model() -> nn.Module:
        torch.manual_seed(0)
        return nn.Sequential(nn.Flatten(), nn.Linear(3 * 32 * 32, 10))

    out = tmp_path / "run"
    quiet = {"device": "cpu", "progress": False, "log": False}
    reproduce.train(model(), pair, recipe, out=out, **quiet)
    checkpoint = out / reproduce.CHECKPOINT
    good = checkpoint.read_bytes()
    marker = tmp_path / "code-ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    evil = io.BytesIO()
    torch.save({"run": Payload()}, evil)
    partial = torch.load(io.BytesIO(good), weights_only=True)
    del partial["model"]
    missing = io.BytesIO()
    torch.save(partial, missing)
    damaged = {
        "empty": b"", "truncated": good[: len(good) // 2], "random bytes": random.Random(0).randbytes(4096),
        "a pickle that runs code": evil.getvalue(), "a part missing": missing.getvalue(),
    }  # fmt: skip
    for name, content in damaged.items():
        checkpoint.write_bytes(content)
        with pytest.raises(ConfigError) as caught:
            reproduce.train(model(), pair, recipe, out=out, resume=True, **quiet)
        assert caught.value.knob == "resume", name
        TRIED["damaged: checkpoints (reproduce --resume)"] += 1
    assert not marker.exists()


def test_the_refusals_above_are_all_config_errors():
    # One `except ConfigError` (as the explorers have) catches every refusal tested here.
    assert issubclass(DatasetUnavailable, ConfigError) and issubclass(atlas.AtlasUnavailable, ConfigError)
