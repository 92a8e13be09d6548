"""One experiment per lesson. Each returns data; the notebooks draw it.

강의마다 실험 하나씩. 함수는 숫자(데이터)만 돌려주고, 그림은 노트북이 그립니다.

The accuracy lessons read the accuracy atlas (:mod:`cnnlib.atlas`: every setting trained in advance
with several seeds), or train the same cells live with ``source="live"``. The training lesson
(:func:`relu_vs_tanh`) has two settings: ``"quick"`` (the embedded dataset, budgets in *steps* so a
seed gives the same numbers on every machine, well under a minute on 2 CPU cores) and ``"full"``
(longer, for a GPU; pass ``data=cnnlib.data.load("cifar10")`` for a real dataset). It is remembered
on disk when ``$CNNLIB_EXPERIMENT_CACHE`` names a folder (:mod:`cnnlib.lesson_cache`). The lessons
are asserted by ``tests/test_experiments.py``; wall times are in BENCHMARKS.md.
"""

from __future__ import annotations

import copy
import functools
import inspect
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from cnnlib import atlas, checks, count, i18n, lesson_cache
from cnnlib import data as datasets
from cnnlib.errors import ConfigError
from cnnlib.gradients import LayerSignal, layer_gradient_norms, layer_signals
from cnnlib.models import googlenet, resnet
from cnnlib.models.alexnet import local_response_norm
from cnnlib.train import History, fit, pick_device

CACHE_VARIABLE = lesson_cache.CACHE_VARIABLE  # where notebooks and tests look for it
SETTINGS = ("quick", "full")
SOURCES = ("atlas", "live")
# Lessons train on one CPU thread, not on fit's timed "auto": CPU sums depend on the thread count, so
# a pinned count gives the same numbers on every machine and run (the lecturer's are the students'),
# and one thread never collapses on a busy machine (benchmarks/thread_policy.py: ≤ 2.9× its idle step
# beside a competitor; 1.2–1.45× slower than two threads on an idle machine).
LESSON_THREADS = 1


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
        def short(value: Any) -> str:
            return f"{value:.4g}" if isinstance(value, float) else repr(value)

        shown = ", ".join(f"{k}={short(v)}" for k, v in self.numbers.items() if not isinstance(v, dict))
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
            lines.append(
                i18n.t(
                    "experiments.summary.cell", label=i18n.label_pair(label), mean=mean, sd=amount(stat.sd),
                    n=stat.n,
                )
            )  # fmt: skip
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


# --------------------------------------------------------------------------- shared plumbing


def _data(data: Any) -> tuple[datasets.ImageDataset, datasets.ImageDataset]:
    if data is None:
        return atlas.embedded()
    if isinstance(data, tuple) and len(data) == 2:
        return data
    raise ConfigError("data", type(data).__name__, i18n.both("experiments.allowed.data"))


def _setting(setting: str) -> bool:
    if setting not in SETTINGS:
        raise ConfigError("setting", setting, "'quick', 'full'")
    return setting == "quick"


def _remembered(lesson: Callable[..., Result]) -> Callable[..., Result]:
    """Keep a training lesson's Result in ``$CNNLIB_EXPERIMENT_CACHE`` (see :mod:`cnnlib.lesson_cache`)."""
    signature = inspect.signature(lesson)

    @functools.wraps(lesson)
    def remembered(*args: Any, **kwargs: Any) -> Result:
        where = lesson_cache.folder()
        if where is None:
            return lesson(*args, **kwargs)
        arguments = signature.bind(*args, **kwargs)
        arguments.apply_defaults()
        values = dict(arguments.arguments)
        _setting(values["setting"])  # bad input gets the lesson's own error, before any hashing
        values["data"] = lesson_cache.data_fingerprint(_data(values["data"]))
        # the same ConfigError as without the cache, not torch's own error from torch.device("gpu")
        values["device"] = str(pick_device() if values["device"] is None else checks.device(values["device"]))
        key = lesson_cache.key(lesson.__name__, values)
        stored = lesson_cache.load(where, lesson.__name__, key)
        if stored is not None:
            return Result(*stored)
        result = lesson(*args, **kwargs)
        lesson_cache.store(where, lesson.__name__, key, (result.lesson, result.runs, result.numbers))
        return result

    return remembered


# --------------------------------------------------------------------------- AlexNet


@_remembered
def relu_vs_tanh(
    setting: str = "quick", *, data: Any = None, seed: int = 0, device: Any = None, target_error: float = 0.5
) -> Result:
    """ReLU vs tanh in the regime of the paper's Figure 1: steps until the training error reaches a target.

    ReLU와 tanh 비교(논문 그림 1의 조건): 학습 오차가 처음 ``target_error`` 이하가 될 때까지의 스텝 수.
    큰 입력(0–255) 때문에 tanh 유닛은 포화되어(기울기 ≈ 0) 느려지지만 ReLU는 포화되지 않습니다.

    The paper's four-layer CNN reaches 25 % training error on CIFAR-10 about 6× faster with ReLUs.
    This follows its regime: three convolutions and one fully connected layer (no normalisation, no
    dropout), mean-subtracted pixels on the 0–255 scale, cuda-convnet's small Gaussian initialisation
    (N(0, 10⁻⁴) in the first layer, N(0, 10⁻²) elsewhere), SGD with momentum 0.9 and each network's
    fastest learning rate. The target is 50 % so that tanh, too, gets there in the quick budget; the
    training error is counted on the batches of each 10 steps. (With normalised inputs and He
    initialisation, today's remedies for saturation, tanh is *not* slower at this scale.)

    Both networks start from the same weights and see the same batches; each run stops at the
    target (or after 800 steps in the quick setting).
    """
    quick = _setting(setting)
    train, _ = _data(data)  # the lesson is about training error: no test set
    raw = copy.copy(train)
    raw.std = (1 / 255,) * train.channels  # the paper's inputs: mean subtracted, still on the 0–255 scale
    result = Result("relu_vs_tanh", numbers={"target_error": target_error, "lr": dict(RELU_VS_TANH_LR)})
    for activation, lr in RELU_VS_TANH_LR.items():
        # A run stops once it reaches the target: the rest would not change the answer, only the time.
        reached = threading.Event()

        def check(history: History, reached: threading.Event = reached) -> None:
            if 1 - history.train_acc[-1] <= target_error:
                reached.set()

        torch.manual_seed(seed)  # the same initial weights for both networks
        model = _figure1_cnn(activation, train.channels, train.image_size, train.num_classes)
        result.runs[activation] = fit(
            model, raw, None, seed=seed, device=device, live=False, log=False, name=activation,
            threads=LESSON_THREADS, progress=False, steps=800 if quick else 4000, batch_size=64,
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
    act = {"relu": nn.ReLU, "tanh": nn.Tanh}[activation]
    features = nn.Sequential(
        nn.Conv2d(in_channels, 16, 5, padding=2), act(), nn.MaxPool2d(3, 2),
        nn.Conv2d(16, 16, 5, padding=2), act(), nn.MaxPool2d(3, 2),
        nn.Conv2d(16, 32, 5, padding=2), act(), nn.MaxPool2d(3, 2),
    )  # fmt: skip
    with torch.no_grad():
        flat = features(torch.zeros(1, in_channels, size, size)).numel()
    model = nn.Sequential(features, nn.Flatten(), nn.Linear(flat, num_classes))
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

    Every channel responds 1.0 except one strong channel (``strength``). After the paper's LRN
    (n=5, k=2, α=1e-4, β=0.75) the strong response stays large while its neighbours — and only its
    neighbours — are damped. Activations this large are normal in AlexNet (raw 0–255 inputs).
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
        "5×5": (5, 25 * c * c + c, nn.Conv2d(c, c, 5)),
        "2 × 3×3": (5, 2 * (9 * c * c + c), nn.Sequential(nn.Conv2d(c, c, 3), nn.Conv2d(c, c, 3))),
        "7×7": (7, 49 * c * c + c, nn.Conv2d(c, c, 7)),
        "3 × 3×3": (7, 3 * (9 * c * c + c), nn.Sequential(*[nn.Conv2d(c, c, 3) for _ in range(3)])),
    }
    return Result(
        "stacked_convolutions",
        numbers={
            "channels": c,
            "receptive_field": {k: rf for k, (rf, _, _) in rows.items()},
            "params": {k: n for k, (_, n, _) in rows.items()},  # by formula …
            "params_measured": {k: count.params(m) for k, (_, _, m) in rows.items()},  # … and counted
        },
    )


# --------------------------------------------------------------------------- ResNet


def vanishing_gradients(depth: int = 20, *, data: Any = None, seed: int = 0, batch: int = 64) -> Result:
    """The forward signal and the gradients of a deep network at initialisation, four ways.

    초기화 직후 층마다 순전파 신호와 기울기의 크기: 깊은 플레인 망에서 기울기가 입력 쪽으로 갈수록
    사라지거나(소실) 커집니다(폭주). 강의 노트의 "0 또는 1로 수렴"은 이렇게 고쳐 읽어야 합니다.

    - ``plain, N(0, 0.01), no BN``: the pre-2015 recipe — the signal and the gradient vanish;
    - ``plain, 2× He init, no BN``: weights a bit too large — both grow layer by layer (explode);
    - ``plain, He init + BN``: the 2015 remedies (good initialisation, batch normalisation);
    - ``residual, He init + BN``: the same, plus shortcuts that carry the gradient back.

    ``numbers["signals"]``: per setup, :func:`cnnlib.gradients.layer_signals` (what the lesson
    plots). ``numbers["norms"]``: per setup, :func:`cnnlib.gradients.layer_gradient_norms`, with
    their median and first-to-last ratio.
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
    lab = {"input_size": train.image_size, "num_classes": train.num_classes, "in_channels": train.channels}
    norms: dict[str, list[tuple[str, float]]] = {}
    signals: dict[str, list[LayerSignal]] = {}
    for label, knobs in setups.items():
        scale = knobs.pop("scale", 1.0)
        torch.manual_seed(seed)
        model = resnet(depth, "cifar", **knobs, **lab)
        if scale != 1.0:
            with torch.no_grad():
                for module in model.modules():
                    if isinstance(module, nn.Conv2d):
                        module.weight.mul_(scale)
        norms[label] = layer_gradient_norms(model, images, labels)
        signals[label] = layer_signals(model, images, labels)
    # The median over layers tells vanishing from exploding; the first-to-last ratio, how flat it is.
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


# --------------------------------------------------------------------------- accuracy lessons
#
# A difference is called a result only when its 95 % interval excludes zero ("larger than the seed
# noise"); otherwise the lesson says "within noise" and the notebook shows the paper's number.
# ``source="live"`` trains the same cells here and now with the same recipe (``seeds``: which ones;
# about a minute per seed and cell).


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
            result.cells[label] = shipped.get(family, knobs)
            if result.cells[label] is None:
                raise atlas.AtlasUnavailable(
                    "atlas", atlas.cell_key(family, knobs), i18n.both("atlas.allowed"),
                    i18n.both("experiments.missing_cell"),
                )  # fmt: skip
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
            key, full = atlas.cell_key(family, knobs), atlas.lab_knobs(family, knobs)
            result.cells[label] = atlas.Cell(family, key, full, records[0]["recipe"], tuple(records), "live")
    cells, numbers = result.cells, result.numbers
    numbers["recipe"] = next(iter(cells.values())).recipe
    numbers["mean"] = {k: c.stat(metric).mean for k, c in cells.items()}
    numbers["sd"] = {k: c.stat(metric).sd for k, c in cells.items()}
    numbers["values"] = {k: list(c.stat(metric).values) for k, c in cells.items()}
    numbers["gap"] = {k: c.train_acc.mean - c.test_acc.mean for k, c in cells.items()}
    numbers["comparisons"] = {}
    for a, b in pairs:
        if min(cells[a].stat(metric).n, cells[b].stat(metric).n) >= 2:
            c = atlas.compare(cells[a], cells[b], metric)
            numbers["comparisons"][f"{a} − {b}"] = {
                "difference": c.difference, "margin": c.margin, "significant": c.significant,
            }  # fmt: skip
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
    return _accuracy_lesson(
        "relu_tanh_accuracy", "alexnet", settings, [("ReLU", "tanh")], source=source, **live
    )


def lrn_accuracy(source: str = "atlas", **live: Any) -> Result:
    """The lab AlexNet with and without local response normalisation. LRN 유무에 따른 정확도."""
    settings = {"LRN": {}, "no LRN": {"lrn": False}}
    return _accuracy_lesson("lrn_accuracy", "alexnet", settings, [("LRN", "no LRN")], source=source, **live)


def vgg_stacks(source: str = "atlas", **live: Any) -> Result:
    """Lab VGG with two 3×3 per stage vs one 5×5 per stage: same receptive field, almost the same size.

    단계마다 3×3 두 개 대 5×5 하나: 수용 영역이 같고 파라미터 수도 거의 같습니다. 차이는 깊이(단계마다
    ReLU 하나 더)입니다. Where the channels stay the same the stack has fewer parameters (18C² vs
    25C²); where a stage doubles them slightly more (54C² vs 50C²).
    """
    settings = {
        "2 × 3×3": {"config": (2, 2, 2), "bn": True, "fc": 512},
        "1 × 5×5": {"config": (1, 1, 1), "k": 5, "bn": True, "fc": 512},
    }
    result = _accuracy_lesson("vgg_stacks", "vgg", settings, [("2 × 3×3", "1 × 5×5")], source=source, **live)
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
    """GoogLeNet (torchvision variant) with and without the 1×1 reductions, and a pair matched in size.

    1×1 차원 축소가 있을 때와 없을 때(같은 너비), 그리고 축소가 있는 망을 넓혀 파라미터 수를 맞춘 한 쌍.
    """
    settings = {
        "1×1": {"variant": "torchvision", "reduce": True},
        "none": {"variant": "torchvision", "reduce": False},
        "1×1, wider": {"variant": "torchvision", "reduce": True, "width": 0.22},
    }
    pairs = [("1×1", "none"), ("1×1, wider", "none")]
    result = _accuracy_lesson("inception_reductions", "googlenet", settings, pairs, source=source, **live)
    lab = {k: atlas.lab_model("googlenet", v, "meta") for k, v in settings.items()}
    # The paper's network (true 5×5 branches): what the reductions save at full scale, exactly.
    paper = {k: googlenet(reduce=k == "1×1", aux_logits=False, device="meta") for k in ("1×1", "none")}
    for prefix, models in (("", lab), ("paper_", paper)):
        result.numbers[prefix + "params"] = {k: count.params(m) for k, m in models.items()}
        result.numbers[prefix + "macs"] = {k: count.macs(m) for k, m in models.items()}
    return result


def degradation(source: str = "atlas", **live: Any) -> Result:
    """Plain vs residual networks, shallow and deep: the *training* loss tells degradation apart.

    성능 저하(degradation): 깊은 플레인 망은 얕은 것보다 *학습* 손실이 더 높습니다(과적합과 다름).
    잔차 연결이 이를 해결합니다. ``numbers["mean"]``: 마지막 50스텝의 학습 손실 평균.
    """
    settings = {
        f"{name}-{d}": {"depth": d, "skip": name == "resnet"}
        for name in ("plain", "resnet")
        for d in (20, 56)
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
