"""One experiment per lesson. Each returns data; the notebooks draw it.

강의마다 실험 하나씩. 함수는 숫자(데이터)만 돌려주고, 그림은 노트북이 그립니다.

Every experiment has two settings:

- ``"quick"`` (default): the lab-scale networks on the embedded dataset, finishing within
  about a minute on 2 CPU cores (each training run well under 20 s). Budgets are counted
  in *steps*, not seconds, so the same seed gives the same numbers on every machine.
- ``"full"``: longer budgets for a GPU (Colab); pass ``data=cnnlib.data.load("cifar10")``
  to use a real dataset.

The lessons are asserted at the quick setting by ``tests/test_experiments.py``; the wall
times are in BENCHMARKS.md (``benchmarks/experiments_time.py``).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import inspect
import json
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from cnnlib import atlas, checks, count, files, i18n
from cnnlib import data as datasets
from cnnlib.errors import ConfigError
from cnnlib.gradients import LayerSignal, layer_gradient_norms, layer_signals
from cnnlib.models import googlenet, resnet
from cnnlib.models._common import ACTIVATIONS, flat_size
from cnnlib.models.alexnet import local_response_norm
from cnnlib.models.resnet import BasicBlock, Bottleneck
from cnnlib.train import History, fit, pick_device

SETTINGS = ("quick", "full")
# The lab-scale AlexNet of the quick lessons: 12-32-48-48-32 channels, 92k parameters, 3.6M MACs.
LAB_ALEXNET = {"width": 0.125, "fc_width": 128}
# Four evaluations of 200 steps on 1000 test images: for the quick runs of the deep lab networks
# (GoogLeNet, ResNet-32), whose many small layers make ten full evaluations a third of a run on a CPU.
FEW_EVALUATIONS = {"eval_every": 50, "max_eval": 1000}


@dataclass
class Result:
    """What an experiment measured: training runs by label, and the lesson's key numbers.

    실험 결과: 이름표별 학습 기록(``runs``)과 교훈을 보여 주는 핵심 숫자(``numbers``).
    """

    lesson: str
    runs: dict[str, History] = field(default_factory=dict)
    numbers: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, atlas.Cell] = field(default_factory=dict)  # accuracy lessons: each setting's seeds

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={_short(v)}" for k, v in self.numbers.items() if not isinstance(v, dict))
        return f"Result({self.lesson!r}, runs={list(self.runs)}, {shown})"

    def summary(self) -> str:
        """An accuracy lesson in words: each setting over its seeds, then each comparison's verdict.

        정확도 수업의 결과를 문장으로: 설정마다 시드 평균 ± 표준편차, 그다음 비교마다 차이와 판정.
        """
        metric = self.numbers.get("metric", "test_acc")
        loss = metric == "final_train_loss"

        def amount(value: float) -> str:  # accuracies in points, losses as they are
            return f"{value:.3f}" if loss else f"{100 * value:.1f}"

        lines = []
        for label, cell in self.cells.items():
            stat = cell.stat(metric)
            mean = f"{stat.mean:.3f}" if loss else f"{stat.mean:.1%}"
            shown = i18n.label_pair(label)  # the stable key, shown in each language
            lines.append(
                i18n.t("experiments.summary.cell", label=shown, mean=mean, sd=amount(stat.sd), n=stat.n)
            )
        for name, c in self.numbers.get("comparisons", {}).items():
            verdict = i18n.both("atlas.verdict.larger" if c["significant"] else "atlas.verdict.within")
            lines.append(
                i18n.t(
                    "experiments.summary.loss" if loss else "experiments.summary.points",
                    name=i18n.label_pair(name),
                    diff=("+" if c["difference"] >= 0 else "") + amount(c["difference"]),
                    margin=amount(c["margin"]), verdict=verdict,
                )
            )  # fmt: skip
        return "\n".join(lines)


def _short(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else repr(value)


# --------------------------------------------------------------------------- shared plumbing

_DATA_CACHE: dict[str, tuple[datasets.ImageDataset, datasets.ImageDataset]] = {}


def _data(data: Any) -> tuple[datasets.ImageDataset, datasets.ImageDataset]:
    if data is None:
        if "shapes" not in _DATA_CACHE:
            _DATA_CACHE["shapes"] = datasets.load()
        return _DATA_CACHE["shapes"]
    if isinstance(data, tuple) and len(data) == 2:
        return data
    raise ConfigError(
        "data",
        type(data).__name__,
        (
            "None(내장 데이터셋) 또는 cnnlib.data.load()가 돌려준 (train, test)",
            "None (the embedded dataset) or the (train, test) pair cnnlib.data.load() returns",
        ),
    )


def _setting(setting: str) -> bool:
    if setting not in SETTINGS:
        raise ConfigError("setting", setting, "'quick', 'full'")
    return setting == "quick"


def _lab(train: datasets.ImageDataset) -> dict[str, int]:
    return {"input_size": train.image_size, "num_classes": train.num_classes, "in_channels": train.channels}


# Lessons train on one CPU thread, not on fit's timed "auto" choice: CPU sums depend on the thread
# count, so a pinned count gives a lesson the same numbers on every machine and every run — the
# lecturer's numbers are the students' — and one thread never collapses on a busy machine
# (benchmarks/thread_policy.py: ≤ 2.9× its idle step next to a competitor; 1.2–1.45× slower than two
# threads on an idle machine).
LESSON_THREADS = 1


def _train(
    label: str, make: Callable[[], nn.Module], train, test, *, seed: int, device: Any, **budget: Any
) -> History:
    torch.manual_seed(seed)  # same initial weights for every model built with this seed
    model = make()
    budget.setdefault("progress", False)
    return fit(
        model, train, test, seed=seed, device=device, live=False, log=False, name=label,
        threads=LESSON_THREADS, **budget,
    )  # fmt: skip


# --------------------------------------------------------------------------- remembering results

CACHE_VARIABLE = "CNNLIB_EXPERIMENT_CACHE"


def _remembered(lesson: Callable[..., Result]) -> Callable[..., Result]:
    """Keep a training lesson's Result in the folder named by ``$CNNLIB_EXPERIMENT_CACHE``, if set.

    환경 변수 ``CNNLIB_EXPERIMENT_CACHE``에 폴더를 지정하면 학습 실험의 결과를 그 폴더에 저장해
    두고 다음에는 바로 돌려줍니다. 수업 전에 노트북을 한 번 실행해 두면 수업 중에는 (커널을 다시
    시작해도) 결과가 곧바로 나옵니다.

    Run the notebooks once before class, and in class every lesson appears at once, even after
    a kernel restart; the README test command uses it so that the unit tests, nbval and the
    browser test train each lesson once. The key holds everything the result depends on — the
    lesson, its arguments, the data (hashed), the device type, cnnlib's source code and torch's
    version — so a result computed by other code or on other data is never returned.
    Unset (the default), nothing is stored.
    """
    signature = inspect.signature(lesson)

    @functools.wraps(lesson)
    def remembered(*args: Any, **kwargs: Any) -> Result:
        folder = os.environ.get(CACHE_VARIABLE)
        if not folder:
            return lesson(*args, **kwargs)
        arguments = signature.bind(*args, **kwargs)
        arguments.apply_defaults()
        values = dict(arguments.arguments)
        _setting(values["setting"])  # bad input gets the lesson's own error, before any hashing
        values["data"] = _data_fingerprint(_data(values["data"]))
        # the same ConfigError as without the cache, not torch's own error from torch.device("gpu")
        values["device"] = str(pick_device() if values["device"] is None else checks.device(values["device"]))
        key = json.dumps([lesson.__name__, values, _code_fingerprint(), torch.__version__], sort_keys=True)
        path = (
            _cache_folder(folder) / f"{lesson.__name__}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"
        )
        remembered_result = _read_remembered(path, key)
        if remembered_result is not None:
            return remembered_result
        result = lesson(*args, **kwargs)
        body = {"lesson": result.lesson, "numbers": result.numbers}
        body["runs"] = {label: h.to_dict() for label, h in result.runs.items()}
        body = json.loads(json.dumps(body))  # as a reader will see it (tuples → lists, int keys → str)
        record = {"key": key, "checksum": _checksum(body), **body}
        # Atomic (a reader never sees half a file); a full disk warns and the result is still returned.
        files.save(path, json.dumps(record).encode("utf-8"), what=("실험 결과", "The lesson's result"))
        return result

    return remembered


def _read_remembered(path: Path, key: str) -> Result | None:
    """The Result stored at ``path`` if it is whole, of this key and unchanged since written; else None.

    A file that is missing, half-written by a killed process, from another version, or edited by
    hand (its checksum no longer matches, or its runs are not Histories) is recomputed, never an error.
    """
    try:
        stored = json.loads(path.read_bytes())
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        body = {name: stored[name] for name in ("lesson", "numbers", "runs")}
        if stored.get("checksum") != _checksum(body):
            return None
        lesson, numbers, runs = body["lesson"], body["numbers"], body["runs"]
        if not (isinstance(lesson, str) and isinstance(numbers, dict) and isinstance(runs, dict)):
            return None
        histories = {str(label): _stored_history(h) for label, h in runs.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError):
        return None
    return Result(lesson, histories, numbers)


def _stored_history(raw: Any) -> History:
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


def _cache_folder(folder: str) -> Path:
    path = Path(folder).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, suffix=".tmp"):
            pass  # can a file be made there?
    except OSError as error:
        raise ConfigError(
            CACHE_VARIABLE,
            folder,
            (
                "쓸 수 있는 폴더 (또는 변수를 지우면 저장하지 않음)",
                "a writable folder (or unset it to store nothing)",
            ),
            (f"폴더에 쓸 수 없습니다: {error}", f"the folder cannot be written: {error}"),
        ) from error
    return path


@functools.cache
def _code_fingerprint() -> str:
    """A hash of cnnlib's source: any change to the models, data or trainer makes new keys."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def _data_fingerprint(pair: tuple[datasets.ImageDataset, datasets.ImageDataset]) -> str:
    digest = hashlib.sha256()
    for split in pair:
        digest.update(repr((split.name, split.split, split.mean, split.std, split.transform)).encode())
        digest.update(split.images.numpy().tobytes())
        digest.update(split.labels.numpy().tobytes())
    return digest.hexdigest()


# --------------------------------------------------------------------------- AlexNet


@_remembered
def relu_vs_tanh(
    setting: str = "quick", *, data: Any = None, seed: int = 0, device: Any = None, target_error: float = 0.5
) -> Result:
    """ReLU vs tanh in the regime of the paper's Figure 1: steps until the training error reaches a target.

    ReLU와 tanh 비교(논문 그림 1의 조건): 학습 오차가 처음 ``target_error`` 이하가 될 때까지의 스텝 수.
    논문은 4층 CNN이 CIFAR-10에서 학습 오차 25%에 ReLU로 약 6배 빨리 도달한다고 보고합니다. 여기서도
    논문의 조건을 따릅니다: 정규화 층도 드롭아웃도 없는 4층 CNN(합성곱 3개 + 완전 연결 1개), 평균만 빼고
    0–255 크기 그대로인 픽셀, 작은 가우시안 초기화(cuda-convnet: 첫 층 N(0, 10⁻⁴), 나머지 N(0, 10⁻²)),
    모멘텀 0.9 SGD, 그리고 네트워크마다 가장 빠른 학습률. 큰 입력 때문에 tanh 유닛은 포화되어(기울기 ≈ 0)
    느려지지만 ReLU는 포화되지 않습니다. 빠른 설정의 예산 안에 tanh도 닿도록 목표는 학습 오차 50%입니다.
    학습 오차는 10스텝마다 그 10개 배치에서 센 값입니다.

    The paper reports a four-layer CNN reaching 25 % training error on CIFAR-10 about 6× faster
    with ReLUs. This follows the paper's regime: a four-layer CNN (three convolutions + one fully
    connected layer, no normalisation, no dropout), mean-subtracted pixels kept on the 0–255
    scale, small Gaussian initialisation (cuda-convnet's: N(0, 10⁻⁴) in the first layer,
    N(0, 10⁻²) elsewhere), SGD with momentum 0.9, and each network's fastest learning rate.
    The large inputs drive tanh units into saturation (slope ≈ 0); ReLUs do not saturate. The
    target is 50 % training error so that tanh, too, gets there within the quick budget; the
    training error is counted on the batches of each 10 steps. With normalised inputs and He
    initialisation — today's remedies for saturation — tanh is *not* slower at this scale.

    Both networks start from the same weights and see the same batches; each run stops at the
    target (or after 800 steps in the quick setting).
    """
    quick = _setting(setting)
    train, _ = _data(data)  # the lesson is about training error: no test set
    # The paper's inputs: subtract the mean pixel, keep the 0–255 scale (no division by the std).
    raw = copy.copy(train)
    raw.std = (1 / 255,) * train.channels
    steps = 800 if quick else 4000
    result = Result("relu_vs_tanh", numbers={"target_error": target_error, "lr": dict(RELU_VS_TANH_LR)})
    for activation, lr in RELU_VS_TANH_LR.items():

        def make(activation: str = activation) -> nn.Module:
            return _figure1_cnn(activation, train.channels, train.image_size, train.num_classes)

        # A run stops once it reaches the target: the rest would not change the answer, only the time.
        reached = threading.Event()

        def check(history: History, reached: threading.Event = reached) -> None:
            if 1 - history.train_acc[-1] <= target_error:
                reached.set()

        result.runs[activation] = _train(
            activation, make, raw, None, seed=seed, device=device, steps=steps, batch_size=64,
            optimizer="sgd", lr=lr, eval_every=10, callback=check, stop=reached,
        )  # fmt: skip
    steps_to = {k: _steps_to_error(h, target_error) for k, h in result.runs.items()}
    result.numbers["steps_to_target"] = steps_to
    if steps_to["relu"] and steps_to["tanh"]:
        result.numbers["speedup"] = steps_to["tanh"] / steps_to["relu"]
    return result


# Each network's fastest learning rate to 50 % training error (seed 0, quick setting), as the paper
# chose them: ReLU from 0.001, 0.002, 0.003, 0.005 (0.005 diverges); tanh from 0.001, 0.003, 0.01,
# 0.02, 0.03, 0.1. tanh tolerates larger steps because its saturated units pass little gradient.
RELU_VS_TANH_LR = {"relu": 0.003, "tanh": 0.01}


def _figure1_cnn(activation: str, in_channels: int, size: int, num_classes: int) -> nn.Sequential:
    """The four-layer CNN of the paper's Figure 1 at half width: conv 16-16-32 (5×5), 3×3/2 pooling, fc."""
    act = ACTIVATIONS[activation]
    features = nn.Sequential(
        nn.Conv2d(in_channels, 16, 5, padding=2), act(), nn.MaxPool2d(3, 2),
        nn.Conv2d(16, 16, 5, padding=2), act(), nn.MaxPool2d(3, 2),
        nn.Conv2d(16, 32, 5, padding=2), act(), nn.MaxPool2d(3, 2),
    )  # fmt: skip
    classifier = nn.Linear(flat_size(features, in_channels, size), num_classes)
    model = nn.Sequential(features, nn.Flatten(), classifier)
    # cuda-convnet's initialisation: tiny first layer (its inputs are 0–255), N(0, 0.01) elsewhere.
    layers = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    for i, layer in enumerate(layers):
        nn.init.normal_(layer.weight, 0, 1e-4 if i == 0 else 1e-2)
        nn.init.zeros_(layer.bias)
    return model


def _steps_to_error(history: History, target: float) -> int | None:
    """The step of the first evaluation whose training error (1 − accuracy) is ≤ ``target``."""
    for step, accuracy in zip(history.step, history.train_acc, strict=True):
        if 1 - accuracy <= target:
            return step
    return None


def lrn_inhibition(strength: float = 40.0, channels: int = 16, peak: int = 8) -> Result:
    """What local response normalisation does to one pixel's channel responses.

    국소 응답 정규화(LRN)의 측면 억제: 강한 반응 하나 옆의 약한 반응들이 눌립니다.

    Every channel responds 1.0 except one strong channel (``strength``). After the paper's
    LRN (n=5, k=2, α=1e-4, β=0.75) the strong response stays large while its neighbours —
    and only its neighbours — are damped. Activations of the size this takes are normal
    in AlexNet, whose inputs were raw 0–255 pixel values.
    """
    before = torch.ones(1, channels, 1, 1)
    before[0, peak] = strength
    after = local_response_norm()(before)
    factor = (after / before).flatten()
    return Result(
        "lrn_inhibition",
        numbers={
            "before": before.flatten().tolist(),
            "after": after.flatten().tolist(),
            "damping": factor.tolist(),  # out / in per channel
            "neighbour_damping": float(factor[peak + 1]),
            "far_damping": float(factor[(peak + channels // 2) % channels]),
        },
    )


# --------------------------------------------------------------------------- VGG


def stacked_convolutions(channels: int = 64) -> Result:
    """Two stacked 3×3 = one 5×5 receptive field; three = one 7×7 — with fewer parameters.

    3×3 두 개는 5×5 하나, 세 개는 7×7 하나와 수용 영역이 같지만 파라미터는 더 적습니다(정확한 계산).
    """
    c = channels
    rows = {
        "5×5": (5, 25 * c * c + c),
        "2 × 3×3": (5, 2 * (9 * c * c + c)),
        "7×7": (7, 49 * c * c + c),
        "3 × 3×3": (7, 3 * (9 * c * c + c)),
    }
    measured = {
        "5×5": count.params(nn.Conv2d(c, c, 5)),
        "2 × 3×3": count.params(nn.Sequential(nn.Conv2d(c, c, 3), nn.Conv2d(c, c, 3))),
        "7×7": count.params(nn.Conv2d(c, c, 7)),
        "3 × 3×3": count.params(nn.Sequential(*[nn.Conv2d(c, c, 3) for _ in range(3)])),
    }
    return Result(
        "stacked_convolutions",
        numbers={
            "channels": c,
            "receptive_field": {k: rf for k, (rf, _) in rows.items()},
            "params": {k: n for k, (_, n) in rows.items()},
            "params_measured": measured,
        },
    )


# --------------------------------------------------------------------------- GoogLeNet


# --------------------------------------------------------------------------- ResNet


def _tail_loss(history: History, window: int = 20) -> float:
    """Mean training loss over the last ``window`` steps (one batch alone is noisy)."""
    tail = history.step_losses[-window:]
    return sum(tail) / len(tail)


def vanishing_gradients(depth: int = 20, *, data: Any = None, seed: int = 0, batch: int = 64) -> Result:
    """The forward signal and the gradients of a deep network at initialisation, four ways.

    초기화 직후 층마다 순전파 신호와 기울기의 크기: 깊은 플레인 망에서 기울기가 입력 쪽으로
    갈수록 0으로 사라지거나(소실) 커집니다(폭주). 강의 노트의 "0 또는 1로 수렴"은 이렇게 고쳐 읽어야
    합니다.

    - ``plain, N(0, 0.01), no BN``: the pre-2015 recipe — the signal and the gradient vanish;
    - ``plain, 2× He init, no BN``: weights a bit too large — both grow layer by layer (explode);
    - ``plain, He init + BN``: the 2015 remedies (good initialisation, batch normalisation);
    - ``residual, He init + BN``: the same, plus shortcuts that carry the gradient back.

    ``numbers["signals"]``: per setup, :func:`cnnlib.gradients.layer_signals` — RMS of every
    layer's input and the gradient ‖∂L/∂x‖ that comes back to it (what the lesson plots).
    ``numbers["norms"]``: per setup, the weight gradients ‖∂L/∂W‖ of
    :func:`cnnlib.gradients.layer_gradient_norms`, with their median and first-to-last ratio.
    """
    train, _ = _data(data)
    torch.manual_seed(seed)
    images, labels = train.get_batch(torch.randperm(len(train))[:batch])
    setups: dict[str, dict[str, Any]] = {
        "plain, N(0, 0.01), no BN": dict(skip=False, batch_norm=False, init="normal"),
        "plain, 2× He init, no BN": dict(skip=False, batch_norm=False, init="kaiming", scale=2.0**0.5),
        "plain, He init + BN": dict(skip=False, batch_norm=True, init="kaiming"),
        "residual, He init + BN": dict(skip=True, batch_norm=True, init="kaiming"),
    }
    norms: dict[str, list[tuple[str, float]]] = {}
    signals: dict[str, list[LayerSignal]] = {}
    for label, knobs in setups.items():
        scale = knobs.pop("scale", 1.0)
        torch.manual_seed(seed)
        model = resnet(depth, "cifar", **knobs, **_lab(train))
        if scale != 1.0:
            with torch.no_grad():
                for module in model.modules():
                    if isinstance(module, nn.Conv2d):
                        module.weight.mul_(scale)
        norms[label] = layer_gradient_norms(model, images, labels)
        signals[label] = layer_signals(model, images, labels)
    # How big the gradients are (the median over layers) tells vanishing from exploding; the ratio
    # of the first to the last convolution tells how flat the profile is.
    median = {k: sorted(n for _, n in v)[len(v) // 2] for k, v in norms.items()}
    ratio = {k: v[0][1] / v[-2][1] if v[-2][1] else float("inf") for k, v in norms.items()}
    return Result(
        "vanishing_gradients",
        numbers={
            "depth": depth,
            "signals": signals,
            "norms": norms,
            "median_norm": median,
            "first_to_last_conv": ratio,
        },
    )


def residual_blocks(model: nn.Module) -> int:
    """How many residual blocks a model has (for captions). 잔차 블록의 개수."""
    return sum(isinstance(m, (BasicBlock, Bottleneck)) for m in model.modules())


# --------------------------------------------------------------------------- accuracy lessons
#
# Every lesson whose point is an accuracy comparison reads the accuracy atlas (cnnlib.atlas): each
# setting trained with its family's recipe for 3–5 seeds. A difference is called a result only when
# its 95 % interval excludes zero ("larger than the seed noise"); otherwise the lesson says "within
# noise" and the notebook shows the paper's number. ``source="live"`` trains the same cells again,
# here and now, with the same recipe (``seeds``: which ones; one seed takes about a minute per cell).

SOURCES = ("atlas", "live")


def _accuracy_lesson(
    lesson: str,
    family: str,
    settings: dict[str, dict[str, Any]],
    pairs: list[tuple[str, str]],
    *,
    metric: str = "test_acc",
    source: str = "atlas",
    seeds: Any = (0,),
    device: Any = None,
    data: Any = None,
) -> Result:
    """Cells of ``family`` by label, from the atlas or trained live, and the comparison of each pair."""
    if source not in SOURCES:
        raise ConfigError("source", source, ", ".join(repr(s) for s in SOURCES))
    result = Result(lesson, numbers={"metric": metric, "source": source})
    pair = None if data is None else _data(data)  # bad data: the error now, whatever the source
    if source == "atlas":
        shipped = atlas.shipped()
        for label, knobs in settings.items():
            cell = shipped.get(family, knobs)
            if cell is None:
                raise atlas.AtlasUnavailable(
                    "atlas", atlas.cell_key(family, knobs), i18n.both("atlas.allowed"),
                    i18n.both("experiments.missing_cell"),
                )  # fmt: skip
            result.cells[label] = cell
    else:
        seeds = _seeds(seeds)
        for label, knobs in settings.items():
            records = []
            for seed in seeds:
                history = atlas.train_cell(
                    family, knobs, seed=seed, data=pair, device=device, log=False, name=label,
                    threads=LESSON_THREADS,
                )  # fmt: skip
                result.runs[label if len(seeds) == 1 else f"{label} · seed {seed}"] = history
                records.append(atlas.seed_record(history, seed))
            key = atlas.cell_key(family, knobs)
            full = atlas.lab_knobs(family, knobs)
            result.cells[label] = atlas.Cell(family, key, full, records[0]["recipe"], tuple(records), "live")
    cells = result.cells
    result.numbers["recipe"] = next(iter(cells.values())).recipe
    result.numbers["mean"] = {k: c.stat(metric).mean for k, c in cells.items()}
    result.numbers["sd"] = {k: c.stat(metric).sd for k, c in cells.items()}
    result.numbers["values"] = {k: list(c.stat(metric).values) for k, c in cells.items()}
    result.numbers["gap"] = {k: c.train_acc.mean - c.test_acc.mean for k, c in cells.items()}
    comparisons = {}
    for a, b in pairs:
        if min(cells[a].stat(metric).n, cells[b].stat(metric).n) >= 2:
            c = atlas.compare(cells[a], cells[b], metric)
            comparisons[f"{a} − {b}"] = {
                "difference": c.difference, "margin": c.margin, "significant": c.significant,
            }  # fmt: skip
    result.numbers["comparisons"] = comparisons
    return result


def _seeds(seeds: Any) -> tuple[int, ...]:
    values = (seeds,) if isinstance(seeds, int) and not isinstance(seeds, bool) else tuple(seeds)
    if not values or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in values):
        raise ConfigError("seeds", seeds, i18n.both("experiments.allowed.seeds"))
    return values


def dropout_and_augmentation(source: str = "atlas", **live: Any) -> Result:
    """AlexNet's two cures for overfitting — dropout and data augmentation — one factor at a time.

    AlexNet의 과적합 처방 두 가지(드롭아웃, 데이터 증강)를 하나씩 바꿔 봅니다. 기준은 드롭아웃 0.5,
    증강 없음(탐색기의 기본값)입니다. ``numbers["gap"]``: 학습 정확도 − 테스트 정확도(과적합의 크기).
    """
    settings = {
        "dropout 0.5": {},
        "dropout 0": {"dropout": 0.0},
        "flip": {"augment": "flip"},
        "crop+flip": {"augment": "crop_flip"},
        "crop+flip+PCA": {"augment": "all"},
    }
    pairs = [("dropout 0.5", "dropout 0")] + [
        (k, "dropout 0.5") for k in ("flip", "crop+flip", "crop+flip+PCA")
    ]
    return _accuracy_lesson("dropout_and_augmentation", "alexnet", settings, pairs, source=source, **live)


def relu_tanh_accuracy(source: str = "atlas", **live: Any) -> Result:
    """The lab AlexNet with ReLU vs tanh after the recipe: accuracy, not speed (see :func:`relu_vs_tanh`).

    레시피대로 학습한 뒤의 정확도 비교(속도 비교는 :func:`relu_vs_tanh`).
    """
    settings = {"ReLU": {}, "tanh": {"act": "tanh"}}
    pairs = [("ReLU", "tanh")]
    return _accuracy_lesson("relu_tanh_accuracy", "alexnet", settings, pairs, source=source, **live)


def lrn_accuracy(source: str = "atlas", **live: Any) -> Result:
    """The lab AlexNet with and without local response normalisation. LRN 유무에 따른 정확도."""
    settings = {"LRN": {}, "no LRN": {"lrn": False}}
    return _accuracy_lesson("lrn_accuracy", "alexnet", settings, [("LRN", "no LRN")], source=source, **live)


def vgg_stacks(source: str = "atlas", **live: Any) -> Result:
    """Lab VGG with two 3×3 per stage vs one 5×5 per stage: same receptive field, almost the same size.

    단계마다 3×3 두 개 대 5×5 하나: 수용 영역이 같고 파라미터 수도 거의 같습니다(채널이 그대로인 층에서는
    3×3 두 개가 18C² 대 25C²로 적고, 채널이 두 배가 되는 단계의 첫 층에서는 54C² 대 50C²로 조금
    많습니다). 차이는 깊이, 곧 단계마다 ReLU가 하나 더 있다는 것입니다.
    Where the channels stay the same the stack has fewer parameters (18C² vs 25C²); where a stage
    doubles them slightly more (54C² vs 50C²): the two end up nearly the same size, and the difference
    is depth — one more ReLU per stage.
    """
    settings = {
        "2 × 3×3": {"config": (2, 2, 2), "bn": True, "fc": 512},
        "1 × 5×5": {"config": (1, 1, 1), "k": 5, "bn": True, "fc": 512},
    }
    pairs = [("2 × 3×3", "1 × 5×5")]
    result = _accuracy_lesson("vgg_stacks", "vgg", settings, pairs, source=source, **live)
    result.numbers["params"] = {
        k: count.params(atlas.lab_model("vgg", v, "meta")) for k, v in settings.items()
    }
    return result


def vgg_depth(source: str = "atlas", batch_norm: bool = False, **live: Any) -> Result:
    """The paper's configurations A–E at lab scale (with or without batch norm). 구성 A–E의 정확도."""
    settings = {c: {"config": c, "bn": batch_norm} for c in ("A", "A-LRN", "B", "C", "D", "E")}
    pairs = [("A-LRN", "A"), ("B", "A"), ("C", "B"), ("D", "C"), ("E", "D"), ("E", "A")]
    return _accuracy_lesson("vgg_depth", "vgg", settings, pairs, source=source, **live)


def inception_reductions(source: str = "atlas", **live: Any) -> Result:
    """GoogLeNet with and without the 1×1 reductions, and a pair matched in parameter count.

    1×1 차원 축소가 있을 때와 없을 때(같은 너비), 그리고 파라미터 수를 맞춘 한 쌍(축소가 있는 망을
    넓혀 축소 없는 망과 파라미터 수를 같게)을 비교합니다. 실습은 torchvision 변형(배치 정규화)입니다.
    """
    settings = {
        "1×1": {"variant": "torchvision", "reduce": True},
        "none": {"variant": "torchvision", "reduce": False},
        "1×1, wider": {"variant": "torchvision", "reduce": True, "width": 0.22},
    }
    pairs = [("1×1", "none"), ("1×1, wider", "none")]
    result = _accuracy_lesson("inception_reductions", "googlenet", settings, pairs, source=source, **live)
    lab = {k: atlas.lab_model("googlenet", v, "meta") for k, v in settings.items()}
    result.numbers["params"] = {k: count.params(m) for k, m in lab.items()}
    result.numbers["macs"] = {k: count.macs(m) for k, m in lab.items()}
    # The paper's network (true 5×5 branches): what the reductions save at full scale, exactly.
    paper = {k: googlenet(reduce=k == "1×1", aux_logits=False, device="meta") for k in ("1×1", "none")}
    result.numbers["paper_params"] = {k: count.params(m) for k, m in paper.items()}
    result.numbers["paper_macs"] = {k: count.macs(m) for k, m in paper.items()}
    return result


def degradation(source: str = "atlas", **live: Any) -> Result:
    """Plain vs residual networks, shallow and deep: the *training* loss tells degradation apart.

    성능 저하(degradation): 깊은 플레인 망은 얕은 것보다 *학습* 손실이 더 높습니다. 과적합(학습은 잘
    되는데 테스트만 나쁜 것)과 다릅니다. 잔차 연결이 이를 해결합니다. ``numbers["mean"]``은 마지막
    50스텝의 학습 손실 평균입니다.
    """
    settings = {
        "plain-20": {"depth": 20, "skip": False},
        "plain-56": {"depth": 56, "skip": False},
        "resnet-20": {"depth": 20, "skip": True},
        "resnet-56": {"depth": 56, "skip": True},
    }
    pairs = [("plain-56", "plain-20"), ("resnet-56", "plain-56"), ("resnet-56", "resnet-20")]
    return _accuracy_lesson(
        "degradation", "resnet", settings, pairs, metric="final_train_loss", source=source, **live
    )


# The lesson effect the slow test re-runs live (one fresh seed each side): the largest at lab scale.
LIVE_CHECK = (relu_tanh_accuracy, "ReLU − tanh")


def depth_curve(skip: bool, source: str = "atlas", **live: Any) -> Result:
    """Test accuracy of the CIFAR ResNet (or its plain twin) at every depth of the atlas. 깊이별 정확도."""
    name = "resnet" if skip else "plain"
    settings = {f"{name}-{d}": {"depth": d, "skip": skip} for d in (8, 14, 20, 32, 44, 56)}
    return _accuracy_lesson(f"depth_curve_{name}", "resnet", settings, [], source=source, **live)
