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

from cnnlib import count
from cnnlib import data as datasets
from cnnlib.errors import ConfigError
from cnnlib.gradients import LayerSignal, layer_gradient_norms, layer_signals
from cnnlib.models import alexnet, googlenet, resnet, vgg
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

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={_short(v)}" for k, v in self.numbers.items() if not isinstance(v, dict))
        return f"Result({self.lesson!r}, runs={list(self.runs)}, {shown})"


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


def _train(
    label: str, make: Callable[[], nn.Module], train, test, *, seed: int, device: Any, **budget: Any
) -> History:
    torch.manual_seed(seed)  # same initial weights for every model built with this seed
    model = make()
    budget.setdefault("progress", False)
    return fit(model, train, test, seed=seed, device=device, live=False, log=False, name=label, **budget)


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
        values["device"] = str(pick_device() if values["device"] is None else torch.device(values["device"]))
        key = json.dumps([lesson.__name__, values, _code_fingerprint(), torch.__version__], sort_keys=True)
        path = (
            _cache_folder(folder) / f"{lesson.__name__}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"
        )
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored["key"] == key:
                runs = {label: History.from_dict(h) for label, h in stored["runs"].items()}
                return Result(stored["lesson"], runs, stored["numbers"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing, half-written by a killed process, or from another version: recompute
        result = lesson(*args, **kwargs)
        record = {"key": key, "lesson": result.lesson, "numbers": result.numbers}
        record["runs"] = {label: h.to_dict() for label, h in result.runs.items()}
        # Written beside the final name, then renamed: a reader never sees half a file.
        with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False) as file:
            json.dump(record, file)
        os.replace(file.name, path)
        return result

    return remembered


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


@_remembered
def dropout_and_augmentation(
    setting: str = "quick", *, data: Any = None, seed: int = 0, device: Any = None, train_images: int = 500
) -> Result:
    """Overfitting on a small training set, with and without dropout + crop/flip augmentation.

    작은 학습 데이터에서의 과적합: 드롭아웃과 데이터 증강(자르기+뒤집기)이 학습-테스트 정확도
    차이를 얼마나 줄이는지 봅니다.
    """
    quick = _setting(setting)
    train, test = _data(data)
    small = train.subset(train_images, seed=seed)
    epochs = 25 if quick else 200  # 25 epochs of 10 batches: the plain network memorises the 500 images
    result = Result("dropout_and_augmentation", numbers={"train_images": train_images})
    variants = {
        "plain": (0.0, small),
        "dropout": (0.5, small),
        "augmentation": (0.0, small.with_transform(datasets.alexnet_augment(small, "crop_flip"))),
    }
    for label, (p, subset) in variants.items():

        def make(p: float = p) -> nn.Module:
            return alexnet(lrn=False, dropout=p, init="kaiming", **LAB_ALEXNET, **_lab(train))

        result.runs[label] = _train(
            label, make, subset, test, seed=seed, device=device, epochs=epochs, batch_size=50,
            max_eval=1000 if quick else None,
        )  # fmt: skip
    result.numbers["gap"] = {k: h.final_train_acc - h.final_test_acc for k, h in result.runs.items()}
    result.numbers["test_acc"] = {k: h.final_test_acc for k, h in result.runs.items()}
    return result


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


@_remembered
def lrn_accuracy(setting: str = "quick", *, data: Any = None, seed: int = 0, device: Any = None) -> Result:
    """Lab-scale AlexNet with and without LRN: a small effect on accuracy.

    LRN 유무에 따른 정확도 비교: 차이는 작습니다(이후 모델들이 LRN을 버린 이유).
    """
    quick = _setting(setting)
    train, test = _data(data)
    result = Result("lrn_accuracy")
    for label, lrn in (("LRN", True), ("no LRN", False)):

        def make(lrn: bool = lrn) -> nn.Module:
            return alexnet(lrn=lrn, dropout=0.0, init="kaiming", **LAB_ALEXNET, **_lab(train))

        result.runs[label] = _train(  # quick: two evaluations (the lesson is the final accuracy)
            label, make, train, test, seed=seed, device=device, steps=250 if quick else 3000, batch_size=64,
            eval_every=125 if quick else None,
        )  # fmt: skip
    result.numbers["test_acc"] = {k: h.final_test_acc for k, h in result.runs.items()}
    return result


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


@_remembered
def vgg_stacks(setting: str = "quick", *, data: Any = None, seed: int = 0, device: Any = None) -> Result:
    """Lab-scale VGG with two 3×3 per stage vs one 5×5 per stage: same receptive field.

    단계마다 3×3 두 개 대 5×5 하나: 수용 영역이 같습니다. 채널 수가 그대로인 층에서는 3×3 두 개가
    더 적은 파라미터를 쓰지만(18C² 대 25C², :func:`stacked_convolutions`), 단계의 첫 층처럼 채널이
    두 배가 되는 곳에서는 오히려 조금 많습니다(54C² 대 50C²). 이 실험의 두 모델은 파라미터 수가
    거의 같으므로, 정확도 차이는 깊이와 비선형성이 더 많은 덕분입니다.
    Where the channels stay the same, the stack has fewer parameters (18C² vs 25C²); where a stage
    doubles them it has slightly more (54C² vs 50C²). Here both models end up nearly the same size,
    so the accuracy difference comes from depth: one more ReLU per stage.
    """
    quick = _setting(setting)
    train, test = _data(data)
    result = Result("vgg_stacks")
    for label, depths, kernel in (("2 × 3×3", [2, 2, 2], 3), ("1 × 5×5", [1, 1, 1], 5)):

        def make(depths: list[int] = depths, kernel: int = kernel) -> nn.Module:
            return vgg(depths, kernel_size=kernel, batch_norm=True, width=0.125, fc_width=64, **_lab(train))

        result.runs[label] = _train(
            label, make, train, test, seed=seed, device=device, steps=250 if quick else 3000, batch_size=64
        )
    result.numbers["params"] = {k: h.params for k, h in result.runs.items()}
    result.numbers["test_acc"] = {k: h.final_test_acc for k, h in result.runs.items()}
    return result


# --------------------------------------------------------------------------- GoogLeNet


@_remembered
def inception_reductions(
    setting: str = "quick", *, data: Any = None, seed: int = 0, device: Any = None
) -> Result:
    """GoogLeNet with and without the 1×1 reductions: parameters and MACs cut, accuracy close.

    1×1 차원 축소가 있을 때와 없을 때: 파라미터와 연산량은 크게 줄고 정확도는 비슷합니다.
    quick 설정(200스텝)은 학습 초반이라 정확도가 시드에 따라 ±10%p쯤 흔들리고, 어느 쪽이 앞서는지도
    시드마다 바뀝니다. 정확한 차이는 파라미터와 MAC입니다.
    At the quick setting (200 steps) both are early in training: the accuracies move by about ±10
    points from seed to seed and which one is ahead changes with the seed; the exact difference is in
    the parameters and MACs.
    """
    quick = _setting(setting)
    train, test = _data(data)
    result = Result("inception_reductions")
    # The paper counts (the true 5×5 branches) are exact; the lab runs use torchvision's variant,
    # whose batch norm lets a tiny GoogLeNet learn within the quick budget.
    paper = {
        label: googlenet(reduce=r, aux_logits=False, device="meta")
        for label, r in (("1×1", True), ("none", False))
    }
    result.numbers["paper_params"] = {k: count.params(m) for k, m in paper.items()}
    result.numbers["paper_macs"] = {k: count.macs(m) for k, m in paper.items()}
    for label, reduce in (("1×1", True), ("none", False)):

        def make(reduce: bool = reduce) -> nn.Module:
            return googlenet("torchvision", reduce=reduce, aux_logits=False, width=0.125, **_lab(train))

        result.runs[label] = _train(
            label, make, train, test, seed=seed, device=device, steps=200 if quick else 3000, batch_size=64,
            **(FEW_EVALUATIONS if quick else {}),
        )  # fmt: skip
    lab_models = {
        k: googlenet(
            "torchvision", reduce=k == "1×1", aux_logits=False, width=0.125, device="meta", **_lab(train)
        )
        for k in result.runs
    }
    result.numbers["params"] = {k: h.params for k, h in result.runs.items()}
    result.numbers["macs"] = {k: count.macs(m) for k, m in lab_models.items()}
    result.numbers["test_acc"] = {k: h.final_test_acc for k, h in result.runs.items()}
    return result


# --------------------------------------------------------------------------- ResNet


@_remembered
def degradation(
    setting: str = "quick",
    *,
    data: Any = None,
    seed: int = 0,
    device: Any = None,
    shallow: int = 8,
    deep: int = 32,
) -> Result:
    """Plain vs residual networks, shallow and deep: the *training* loss tells degradation apart.

    성능 저하(degradation): 깊은 평범한 네트워크는 얕은 것보다 *학습* 손실이 더 높습니다.
    과적합(학습은 잘 되는데 테스트만 나쁜 것)과 다릅니다. 잔차 연결이 이를 해결합니다.
    """
    quick = _setting(setting)
    train, test = _data(data)
    result = Result("degradation", numbers={"shallow": shallow, "deep": deep})
    for label, depth, skip in (
        (f"plain-{shallow}", shallow, False),
        (f"plain-{deep}", deep, False),
        (f"resnet-{deep}", deep, True),
    ):

        def make(depth: int = depth, skip: bool = skip) -> nn.Module:
            return resnet(depth, "cifar", skip=skip, width=0.25, **_lab(train))

        result.runs[label] = _train(  # the lesson is the training loss: few evaluations will do
            label, make, train, test, seed=seed, device=device, steps=200 if quick else 5000,
            optimizer="sgd", lr=0.05, batch_size=64, **(FEW_EVALUATIONS if quick else {}),
        )  # fmt: skip
    result.numbers["final_train_loss"] = {k: _tail_loss(h) for k, h in result.runs.items()}
    result.numbers["test_acc"] = {k: h.final_test_acc for k, h in result.runs.items()}
    return result


def _tail_loss(history: History, window: int = 20) -> float:
    """Mean training loss over the last ``window`` steps (one batch alone is noisy)."""
    tail = history.step_losses[-window:]
    return sum(tail) / len(tail)


def vanishing_gradients(depth: int = 20, *, data: Any = None, seed: int = 0, batch: int = 64) -> Result:
    """The forward signal and the gradients of a deep network at initialisation, four ways.

    초기화 직후 층마다 순전파 신호와 기울기의 크기: 깊은 평범한 네트워크에서 기울기가 입력 쪽으로
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
