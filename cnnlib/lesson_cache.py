"""Training lessons remembered on disk, in the folder named by ``$CNNLIB_EXPERIMENT_CACHE``.

환경 변수 ``CNNLIB_EXPERIMENT_CACHE``에 폴더를 지정하면 학습 실험의 결과를 저장해 두고 다음에는
바로 돌려줍니다(커널을 다시 시작해도).

Run the notebooks once before class and every training lesson appears at once in class; the README
test command uses it so the unit tests, nbval and the browser test train each lesson once. A key
holds everything a result depends on — the lesson, its arguments, the data (hashed), the device
type, cnnlib's source code and torch's version — so a result of other code or data never returns.
A file that is missing, half-written, from another version or edited by hand (its checksum no
longer matches, or its runs are not Histories) is recomputed, never an error.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import torch

from cnnlib import data as datasets
from cnnlib import files, i18n
from cnnlib.errors import ConfigError
from cnnlib.train import History

__all__ = ["CACHE_VARIABLE", "data_fingerprint", "folder", "key", "load", "store"]

CACHE_VARIABLE = "CNNLIB_EXPERIMENT_CACHE"
Stored = tuple[str, dict[str, History], dict[str, Any]]  # a Result's lesson, runs and numbers


def folder() -> Path | None:
    """The cache folder (made if needed), or None when the variable is unset: nothing is stored."""
    name = os.environ.get(CACHE_VARIABLE)
    if not name:
        return None
    path = Path(name).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, suffix=".tmp"):
            pass  # can a file be made there?
    except OSError as error:
        problem = i18n.both("experiments.cache.problem", error=error)
        raise ConfigError(CACHE_VARIABLE, name, i18n.both("experiments.cache.allowed"), problem) from error
    return path


def key(lesson: str, arguments: dict[str, Any]) -> str:
    """The key of a lesson's result: its name, its (JSON-ready) arguments, the code and torch."""
    return json.dumps([lesson, arguments, _code_fingerprint(), torch.__version__], sort_keys=True)


def _path(where: Path, lesson: str, key: str) -> Path:
    return where / f"{lesson}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"


def load(where: Path, lesson: str, key: str) -> Stored | None:
    """The stored result of ``key`` if it is whole, of this key and unchanged since written; else None."""
    try:
        stored = json.loads(_path(where, lesson, key).read_bytes())
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        body = {name: stored[name] for name in ("lesson", "numbers", "runs")}
        if stored.get("checksum") != _checksum(body):
            return None
        name, numbers, runs = body["lesson"], body["numbers"], body["runs"]
        if not (isinstance(name, str) and isinstance(numbers, dict) and isinstance(runs, dict)):
            return None
        return name, {str(label): _history(h) for label, h in runs.items()}, numbers
    except (OSError, ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError):
        return None


def store(where: Path, lesson: str, key: str, result: Stored) -> None:
    """Write a result atomically (a reader never sees half a file); a full disk only warns."""
    name, runs, numbers = result
    body = {"lesson": name, "numbers": numbers, "runs": {label: h.to_dict() for label, h in runs.items()}}
    body = json.loads(json.dumps(body))  # as a reader will see it (tuples → lists, int keys → str)
    record = {"key": key, "checksum": _checksum(body), **body}
    files.save(
        _path(where, lesson, key), json.dumps(record).encode("utf-8"), what=i18n.both("experiments.what")
    )


def _history(raw: Any) -> History:
    """A History from its stored dict, or a TypeError if its fields do not have a History's shape."""
    history = History.from_dict(raw)  # raises on wrong types in the numeric lists
    per_evaluation = (history.step, history.epoch, history.train_loss, history.train_acc)
    per_evaluation += (history.test_loss, history.test_acc, history.wall_time)
    if not (
        isinstance(history.name, str)
        and isinstance(history.config, dict)
        and isinstance(history.steps, int)
        and len({len(values) for values in per_evaluation}) == 1
    ):
        raise TypeError("not a History")
    return history


def _checksum(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()


@functools.cache
def _code_fingerprint() -> str:
    """A hash of cnnlib's source: any change to the models, data or trainer makes new keys."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def data_fingerprint(pair: tuple[datasets.ImageDataset, datasets.ImageDataset]) -> str:
    """A hash of a (train, test) pair: its description and every pixel and label."""
    digest = hashlib.sha256()
    for split in pair:
        digest.update(repr((split.name, split.split, split.mean, split.std, split.transform)).encode())
        digest.update(split.images.numpy().tobytes())
        digest.update(split.labels.numpy().tobytes())
    return digest.hexdigest()
