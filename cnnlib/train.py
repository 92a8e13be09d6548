"""Train a model on a cnnlib dataset: ``fit`` · ``History`` · the run log.

cnnlib 데이터셋으로 모델을 학습합니다: ``fit``(학습) · ``History``(학습 기록) · 실행 기록 파일.

The whole story in one call::

    history = fit(model, train, test, epochs=5)   # trains, shows curves, logs the run
    history.final_test_acc                         # → 0.71
    runs()                                         # a table of every run so far

How a training step works (the part worth reading):

1. pick ``batch_size`` image indices from a shuffled order (a seeded ``torch.Generator``,
   so the same ``seed`` gives the same batches);
2. ``train.get_batch(index)`` returns the normalized (and, if the dataset has a transform,
   augmented) images and their labels — for 32×32 images this is much faster than a
   ``DataLoader`` on a 2-core laptop, because no worker processes copy the data around;
3. forward, cross-entropy loss, backward, optimizer step;
4. keep the loss as a *tensor* (``loss.detach()``) instead of calling ``loss.item()``:
   ``.item()`` makes the CPU wait for the GPU after every step. The numbers are read
   once per evaluation instead.

Every finished or interrupted run is appended to a JSON-lines file (one run per line, see
:func:`log_run` and :func:`runs`), so results survive kernel restarts and can be compared.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import html
import json
import math
import numbers
import os
import stat
import threading
import time
import warnings
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from tqdm.auto import tqdm

from cnnlib import checks, i18n, recipes
from cnnlib import threads as cpu_threads
from cnnlib.errors import ConfigError, NotSavedWarning

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "History",
    "RunTable",
    "default_log_path",
    "fit",
    "log_run",
    "pick_device",
    "resolve_device",
    "runs",
]

OPTIMIZERS: tuple[str, ...] = ("adam", "sgd")
DEFAULT_LR: dict[str, float] = {"adam": 1e-3, "sgd": 0.01}
SGD_MOMENTUM = 0.9  # plain SGD without momentum is painfully slow on these nets
AUX_WEIGHT = 0.3  # GoogLeNet paper: auxiliary classifier losses are added with weight 0.3
EVAL_BATCH_SIZE = 256  # no gradients are kept during evaluation, so bigger batches are fine
LOG_ENV_VAR = "CNNLIB_RUN_LOG"
LOG_FORMAT = 1  # bump when the meaning of a logged field changes


class BatchDataset(Protocol):
    """What :func:`fit` needs from a dataset (``cnnlib.data.ImageDataset`` has all of it).

    학습에 필요한 데이터셋의 모양: 이미지·라벨 텐서와 ``get_batch``.
    """

    images: Tensor  # float32 [N, C, H, W], raw values in [0, 1]
    labels: Tensor  # int64 [N]
    name: str

    def __len__(self) -> int: ...

    def get_batch(self, index: Tensor) -> tuple[Tensor, Tensor]: ...


# ---------------------------------------------------------------------------------------------
# History: everything one run measured
# ---------------------------------------------------------------------------------------------


@dataclass(repr=False)
class History:
    """What one call of :func:`fit` measured, ready to plot, compare and save as JSON.

    :func:`fit` 한 번이 측정한 모든 것. 그림으로 그리거나, 비교하거나, JSON으로 저장할 수 있습니다.

    One entry per *evaluation* (every epoch, or every ``eval_every`` steps) in ``step``,
    ``epoch``, ``train_loss``, ``train_acc``, ``test_loss``, ``test_acc`` and ``wall_time``.
    ``train_*`` average the training batches since the previous evaluation; ``test_*`` are
    ``None`` when no test set was given. ``step_losses`` has the training loss of every step.
    Accuracies are fractions in [0, 1].

    평가할 때마다(에포크마다 또는 ``eval_every`` 스텝마다) 목록에 한 항목씩 추가됩니다.
    ``train_*``는 직전 평가 이후 학습 배치들의 평균, ``test_*``는 테스트 데이터 전체(또는
    앞쪽 ``max_eval``장)에 대한 값이며 테스트 데이터가 없으면 ``None``입니다.
    """

    name: str = ""
    dataset: str = ""
    config: dict[str, Any] = field(default_factory=dict)  # {"model": ..., "training": ..., "data": ...}
    params: int = 0
    device: str = ""
    started: str = ""  # ISO 8601 local time when training began
    steps_per_epoch: int = 0
    steps: int = 0
    epochs: float = 0.0
    seconds: float = 0.0  # wall-clock time of the whole run, evaluations included
    interrupted: bool = False  # stopped early by the Stop button or a kernel interrupt
    stop_reason: str = ""  # "epochs" | "steps" | "seconds" | "stop" | "interrupt"
    recipe: str = ""  # "name@hash" of the cnnlib.recipes.Recipe it was trained with, if any
    step: list[int] = field(default_factory=list)
    epoch: list[float] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_loss: list[float | None] = field(default_factory=list)
    test_acc: list[float | None] = field(default_factory=list)
    wall_time: list[float] = field(default_factory=list)
    step_losses: list[float] = field(default_factory=list)

    # --- the numbers people ask for first ---

    @property
    def final_train_acc(self) -> float | None:
        """Training accuracy at the last evaluation. 마지막 평가의 학습 정확도."""
        return self.train_acc[-1] if self.train_acc else None

    @property
    def final_test_acc(self) -> float | None:
        """Test accuracy at the last evaluation. 마지막 평가의 테스트 정확도."""
        return self.test_acc[-1] if self.test_acc else None

    @property
    def final(self) -> dict[str, float | None]:
        """The last evaluation as a dict. 마지막 평가 결과(사전)."""
        last = {"train_loss": self.train_loss, "train_acc": self.train_acc}
        last |= {"test_loss": self.test_loss, "test_acc": self.test_acc}
        return {key: values[-1] if values else None for key, values in last.items()}

    def steps_to_loss(self, target: float, window: int = 1) -> int | None:
        """How many steps until the training loss first reached ``target`` (``None`` if never).

        학습 손실이 처음으로 ``target`` 이하가 될 때까지 걸린 스텝 수(도달하지 못하면 ``None``).
        With ``window > 1`` the mean of the last ``window`` step losses is compared, which
        ignores a single lucky batch. ``window > 1``이면 최근 ``window``개 손실의 평균을 씁니다.
        """
        running = 0.0
        for i, loss in enumerate(self.step_losses):
            running += loss
            if i >= window:
                running -= self.step_losses[i - window]
            if i + 1 >= window and running / window <= target:
                return i + 1
        return None

    # --- saving and loading ---

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (non-finite floats become the strings "NaN", "Infinity", "-Infinity").

        JSON으로 저장할 수 있는 사전. 유한하지 않은 실수(NaN, ∞)는 문자열로 바꿉니다.
        """
        return {f.name: _jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> History:
        """Rebuild a History from :meth:`to_dict` output (unknown keys are ignored).

        :meth:`to_dict`의 결과로 History를 다시 만듭니다(모르는 키는 무시).
        """
        names = {f.name for f in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in names}
        for key in ("epochs", "seconds"):
            if key in values:
                values[key] = _float(values[key])
        for key in ("epoch", "train_loss", "train_acc", "wall_time", "step_losses"):
            if key in values:
                values[key] = [_float(v) for v in values[key]]
        for key in ("test_loss", "test_acc"):
            if key in values:
                values[key] = [None if v is None else _float(v) for v in values[key]]
        if "step" in values:
            values["step"] = [int(v) for v in values["step"]]
        return cls(**values)

    # --- showing ---

    def plot(self, ax: Sequence[Axes] | None = None) -> Figure:
        """Loss and accuracy curves (train vs test) against steps on two axes; returns the figure.

        손실과 정확도 곡선(학습 대 테스트)을 두 축에 그리고 그림(Figure)을 돌려줍니다.
        ``ax``: two matplotlib axes to draw on (loss, accuracy), or ``None`` for a new figure.
        """
        from cnnlib import plots  # drawing is plots' job; imported here, when a picture is asked for

        return plots.training_curves(self, ax=ax)

    def __repr__(self) -> str:
        # The default dataclass repr would print thousands of step losses in a notebook.
        def show(x: float | None) -> str:
            return "None" if x is None else f"{x:.4f}"

        return (
            f"History(name={self.name!r}, dataset={self.dataset!r}, steps={self.steps}, "
            f"epochs={self.epochs:.2f}, train_acc={show(self.final_train_acc)}, "
            f"test_acc={show(self.final_test_acc)}, seconds={self.seconds:.1f}, "
            f"device={self.device!r}, interrupted={self.interrupted})"
        )


# ---------------------------------------------------------------------------------------------
# fit
# ---------------------------------------------------------------------------------------------


def pick_device() -> torch.device:
    """The fastest device this machine has: CUDA, then Apple MPS, then CPU.

    이 컴퓨터에서 가장 빠른 장치를 고릅니다: CUDA → Apple MPS → CPU 순서.
    """
    if torch.cuda.is_available():
        return torch.device("cuda")
    if _mps_available():
        return torch.device("mps")
    return torch.device("cpu")


_TRAINING: weakref.WeakSet[nn.Module] = weakref.WeakSet()  # models inside a fit right now
_TRAINING_LOCK = threading.Lock()


def _one_training_per_model(fit: Callable[..., History]) -> Callable[..., History]:
    """Refuse, with a ConfigError, a fit of a model that another fit is training right now.

    Two threads stepping one model's weights with two optimizers would silently train neither.
    """

    @functools.wraps(fit)
    def guarded(model: nn.Module, *args: Any, **kwargs: Any) -> History:
        if not isinstance(model, nn.Module):
            return fit(model, *args, **kwargs)  # fit's own checks say what is wrong
        with _TRAINING_LOCK:
            if model in _TRAINING:
                name = kwargs.get("name") or type(model).__name__
                allowed, problem = i18n.both("train.allowed.idle"), i18n.both("train.problem.busy")
                raise ConfigError("model", name, allowed, problem)
            _TRAINING.add(model)
        try:
            return fit(model, *args, **kwargs)
        finally:
            with _TRAINING_LOCK:
                _TRAINING.discard(model)

    return guarded


# torch's dropout and the augmentations draw from torch's one global generator per process.
# Each fit keeps its own copy of that generator's state and swaps it in only while it draws,
# holding this lock, so fits never see each other's draws (nor the caller's).
_RNG_LOCK = threading.RLock()


class _PrivateRandom:
    """One run's own random stream for what draws from torch's global generator.

    Seeded like ``torch.manual_seed(seed)`` (so a solo run gives the numbers it always gave),
    kept apart from the global state, and put in place only inside :meth:`active`. Other code
    that draws random numbers outside ``active`` (another thread, the caller) changes neither
    this stream nor is changed by it.
    """

    def __init__(self, seed: int, device: torch.device) -> None:
        self._device = device if device.type in ("cuda", "mps") else None
        cpu = torch.Generator().manual_seed(seed).get_state()
        on_device = None
        if self._device is not None:
            on_device = torch.Generator(device=self._device).manual_seed(seed).get_state()
        self._state = (cpu, on_device)

    @contextlib.contextmanager
    def active(self) -> Any:
        with _RNG_LOCK:
            caller = self._get()
            self._set(self._state)
            try:
                yield
            finally:
                self._state = self._get()
                self._set(caller)

    def _get(self) -> tuple[Tensor, Tensor | None]:
        if self._device is None:
            return torch.get_rng_state(), None
        if self._device.type == "cuda":
            return torch.get_rng_state(), torch.cuda.get_rng_state(self._device)
        return torch.get_rng_state(), torch.mps.get_rng_state()

    def _set(self, state: tuple[Tensor, Tensor | None]) -> None:
        torch.set_rng_state(state[0])
        if self._device is not None and self._device.type == "cuda":
            torch.cuda.set_rng_state(state[1], self._device)
        elif self._device is not None:
            torch.mps.set_rng_state(state[1])


@_one_training_per_model
def fit(
    model: nn.Module,
    train: BatchDataset,
    test: BatchDataset | None = None,
    *,
    epochs: int | None = None,
    steps: int | None = None,
    seconds: float | None = None,
    batch_size: int | None = None,
    lr: float | None = None,
    optimizer: Literal["adam", "sgd"] | None = None,
    weight_decay: float | None = None,
    schedule: Literal["constant", "cosine"] | None = None,
    warmup: int | None = None,
    recipe: recipes.Recipe | str | None = None,
    seed: int = 0,
    device: str | torch.device | None = None,
    live: bool | Literal["auto"] = "auto",
    progress: bool = True,
    log: bool | str | os.PathLike[str] = True,
    name: str | None = None,
    eval_every: int | None = None,
    max_eval: int | None = None,
    callback: Callable[[History], object] | None = None,
    stop: Any = None,
    tags: dict[str, Any] | None = None,
    threads: int | Literal["auto"] | list[list[int]] | None = None,
) -> History:
    """Train ``model`` on ``train``, evaluate on ``test``, and return the :class:`History`.

    ``train`` 데이터로 ``model``을 학습하고 ``test`` 데이터로 평가한 뒤 :class:`History`를 돌려줍니다.

    Budget (학습량) — give one; if several are given, training stops at whichever comes first;
    with none, one epoch:
        ``epochs``: passes over the training set. 학습 데이터를 몇 번 훑을지.
        ``steps``: optimizer steps (batches). 최적화 스텝(배치) 수.
        ``seconds``: training time; evaluations do not count, so models are compared at equal
        compute. 학습 시간(초). 평가 시간은 빼므로 모델끼리 같은 계산 시간으로 비교됩니다.

    Recipe (레시피) — instead of the budget and the optimizer settings:
        ``recipe``: a :class:`cnnlib.recipes.Recipe` (or its name) fixes ``steps``, ``batch_size``,
        optimizer, ``lr``, ``schedule``, ``warmup``, ``weight_decay`` and the evaluations on the
        whole test split; its identity (``name@hash``) goes into ``History.recipe``. Giving one of
        those settings as well is an error. 레시피를 주면 스텝 수·배치·최적화·학습률 일정이
        정해지고, 레시피의 이름과 해시가 기록에 남습니다.

    Each epoch uses ``len(train) // batch_size`` full batches in a new random order (the last
    partial batch is skipped, so every step sees the same number of images).
    매 에포크은 새로 섞은 순서로 꽉 찬 배치 ``len(train) // batch_size``개를 씁니다.

    Other settings 그 밖의 설정:
        ``batch_size``: images per step (default 128). 스텝당 이미지 수(기본 128).
        ``lr``: learning rate (default 1e-3 for Adam, 0.01 for SGD with momentum 0.9).
        학습률(기본값: Adam 1e-3, 모멘텀 0.9 SGD 0.01).
        ``optimizer``: ``"adam"`` (default) or ``"sgd"``. 최적화 방법(기본 Adam).
        ``weight_decay``: L2 penalty (default 0). 가중치 감쇠(L2, 기본 0).
        ``schedule``: ``"constant"`` (default) or ``"cosine"`` — the learning rate falls along half
        a cosine to 0 at the last step (needs a ``steps`` or ``epochs`` budget). 학습률 일정.
        ``warmup``: steps over which the learning rate rises linearly from lr/warmup to lr.
        학습률을 처음 몇 스텝 동안 선형으로 올립니다.
        ``seed``: same seed on CPU → same numbers (batch order, dropout, augmentation), whatever
        random numbers other code drew before or draws meanwhile, and also for two fits side by
        side in two threads; the caller's global random state is left as it was (the model's
        initial weights come from where it was built, not from here). 같은 시드면 CPU에서 같은
        결과(배치 순서, 드롭아웃, 데이터 증강)입니다. 다른 코드가 난수를 쓰거나 다른 스레드에서
        학습이 함께 돌아도 같고, 호출한 쪽의 전역 난수 상태는 건드리지 않습니다.
        ``device``: ``None`` picks CUDA → MPS → CPU. The model stays there afterwards.
        ``None``이면 CUDA → MPS → CPU 순서로 고르고, 학습 뒤에도 모델은 그 장치에 남습니다.
        ``live``: live loss/accuracy curves; ``"auto"``/``True`` draw them when running in a
        notebook. 실시간 곡선(노트북에서만 그림).
        ``progress``: a progress bar (tqdm). 진행 막대.
        ``log``: append the run to the run log (``True``: :func:`default_log_path`; a path;
        ``False``: don't). 실행 기록 파일에 이 실행을 추가할지, 또는 그 경로.
        ``name``: label for curves and the run log (default: the model's class name).
        ``eval_every``: evaluate every this many steps (default: every epoch; for a ``steps``
        budget about 10 times per run; for a ``seconds`` budget also every tenth of the time).
        몇 스텝마다 평가할지(기본: 에포크마다).
        ``max_eval``: evaluate on the first ``max_eval`` test images only (faster).
        테스트 데이터의 앞쪽 ``max_eval``장만으로 평가(더 빠름).
        ``callback(history)``: called after every evaluation (widgets redraw here).
        평가할 때마다 호출됩니다.
        ``stop``: an object with ``is_set()`` (e.g. ``threading.Event``); when it is set,
        training stops cleanly after the current step. ``is_set()``이 참이 되면 현재 스텝 뒤 멈춤.
        ``tags``: a JSON-ready dict kept as ``History.config["tags"]`` (e.g. which atlas cell this
        run measures). 기록에 함께 남길 표지(JSON으로 저장할 수 있는 사전).
        ``threads``: CPU threads — ``"auto"`` (default; ``$CNNLIB_THREADS`` when set) keeps
        whichever count trains faster right now, so a busy laptop does not stall training; a whole
        number pins it; a History's ``config["threads"]["used"]`` replays a run's counts. Same
        seed and same counts → bit-identical numbers. See :mod:`cnnlib.threads`.
        CPU 스레드 수: ``"auto"``는 지금 더 빨리 학습하는 수를 고르고, 정수는 그 수로 고정합니다.

    Interrupting the kernel stops training too: the History so far is returned (and logged)
    with ``interrupted=True``. 커널을 중단해도 지금까지의 기록을 돌려주고 기록 파일에 남깁니다.

    Raises:
        ConfigError: any setting is invalid, the model does not fit the data, the run log
        cannot be written, or this model is already being trained (by another thread) —
        always before training starts. 학습 시작 전에 발생합니다(이 모델을 다른 스레드가
        이미 학습하고 있을 때도).

    Warns:
        NotSavedWarning: the run log could not be written after training (a full disk, a
        folder put where the file was); the History is returned all the same.
        학습 뒤 실행 기록을 쓰지 못하면 경고만 하고 결과는 그대로 돌려줍니다.
    """
    # 1. Check everything before allocating or training anything.
    _check_dataset("train", train)
    if test is not None:
        _check_dataset("test", test)
    settings = dict(
        epochs=epochs, steps=steps, seconds=seconds, batch_size=batch_size, lr=lr, optimizer=optimizer,
        weight_decay=weight_decay, schedule=schedule, warmup=warmup, eval_every=eval_every, max_eval=max_eval,
    )  # fmt: skip
    recipe = None if recipe is None else _recipe_settings(recipe, settings)
    plan = _make_plan(n_train=len(train), seed=seed, **settings)
    _check_callables(live, progress, name, callback, stop)
    if tags is not None and not isinstance(tags, dict):
        raise ConfigError("tags", tags, i18n.both("train.allowed.tags"))
    target_device = resolve_device(device)
    thread_setting = cpu_threads.requested(threads)
    log_path = _prepare_log(log)
    with _PrivateRandom(plan.seed, target_device).active():  # a cropping transform's draw: not the caller's
        _check_model(model, train, test, plan.batch_size)

    # 2. Set up: the History, the model on its device, the optimizer, the random streams.
    history = _new_history(model, train, test, plan, target_device, name)
    if tags is not None:
        history.config["tags"] = _jsonable(tags)
    history.recipe = "" if recipe is None else recipe.identity
    model.to(target_device)
    opt = _make_optimizer(model, plan)
    schedule_lr = torch.optim.lr_scheduler.LambdaLR(opt, plan.lr_factor)
    rng = _PrivateRandom(plan.seed, target_device)  # dropout and augmentation: this run's own stream
    order_generator = torch.Generator().manual_seed(plan.seed)  # batch order: a stream of its own
    running = _RunningAverage(target_device)
    bar = tqdm(total=plan.max_steps, disable=not progress, desc=history.name, unit="step", leave=True)
    live_figure = _LiveFigure() if _show_live(live) else None
    start = time.perf_counter()
    eval_seconds = 0.0  # time spent evaluating, which the `seconds` budget does not count
    last_eval_clock = 0.0
    step = 0
    order = torch.empty(0, dtype=torch.long)
    aux_weight = getattr(model, "aux_weight", AUX_WEIGHT)  # only for models with auxiliary heads

    # 3. The training loop.
    model.train()
    cpu = cpu_threads.CPUThreads(thread_setting, target_device)  # busy laptops: see cnnlib.threads
    try:
        while True:
            train_clock = time.perf_counter() - start - eval_seconds
            history.stop_reason = plan.reached(step, train_clock)
            if not history.stop_reason and stop is not None and stop.is_set():
                history.stop_reason = "stop"
            if history.stop_reason:
                break

            position = step % plan.steps_per_epoch
            if position == 0:  # a new epoch: a new random order of the training images
                order = torch.randperm(len(train), generator=order_generator)
            index = order[position * plan.batch_size : (position + 1) * plan.batch_size]
            with rng.active():  # the draws of augmentation and dropout come from this run's stream
                images, labels = train.get_batch(index)
                images, labels = images.to(target_device), labels.to(target_device)
                loss, logits = _loss_and_logits(model(images), labels, aux_weight)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            schedule_lr.step()
            running.add(loss, logits, labels)  # tensors only: no waiting for the device here
            step += 1
            bar.update(1)
            cpu.check(step)

            if plan.evaluation_due(running.steps, train_clock - last_eval_clock):
                eval_seconds += _record(history, running, model, test, plan, target_device, step, start)
                last_eval_clock = time.perf_counter() - start - eval_seconds
                _after_evaluation(history, bar, live_figure, callback)

        if running.steps:  # the budget ran out (or Stop was pressed) between two evaluations
            _record(history, running, model, test, plan, target_device, step, start)
            _after_evaluation(history, bar, live_figure, callback)
    except KeyboardInterrupt:
        # Kernel interrupt: keep what was learned and measured so far.
        history.interrupted = True
        history.stop_reason = "interrupt"
        history.step_losses.extend(running.take()[0])
    finally:
        bar.close()
        cpu.close()

    # 4. Wrap up: totals, inference mode, the run log.
    history.interrupted = history.interrupted or history.stop_reason == "stop"
    history.steps = step
    history.epochs = step / plan.steps_per_epoch
    history.seconds = time.perf_counter() - start
    history.config["threads"] = cpu.record()
    model.eval()  # ready for inference: dropout off, batch norm uses its running statistics
    if log_path is not None:
        try:
            log_run(history, log_path)
        except OSError as error:  # a full disk after training must not cost the trained result
            reason = f"{error.strerror}" if error.strerror else type(error).__name__
            message = i18n.both("train.warn.not_logged", path=str(log_path), error=reason)
            warnings.warn("\n".join(message), NotSavedWarning, stacklevel=2)
    return history


# --- the pieces of fit, in the order it uses them ---


@dataclass(frozen=True)
class _Plan:
    """The checked training settings and the budget arithmetic."""

    epochs: int | None
    steps: int | None
    seconds: float | None
    batch_size: int
    steps_per_epoch: int
    optimizer: str
    lr: float
    weight_decay: float
    schedule: str
    warmup: int
    seed: int
    eval_every: int  # evaluate after this many steps ...
    eval_seconds: float | None  # ... or after this much training time, whichever comes first
    max_eval: int | None

    @property
    def max_steps(self) -> int | None:
        limits = [self.steps] if self.steps is not None else []
        if self.epochs is not None:
            limits.append(self.epochs * self.steps_per_epoch)
        return min(limits) if limits else None

    def reached(self, step: int, train_seconds: float) -> str:
        """Which budget has run out ("" if none)."""
        if self.epochs is not None and step >= self.epochs * self.steps_per_epoch:
            return "epochs"
        if self.steps is not None and step >= self.steps:
            return "steps"
        if self.seconds is not None and train_seconds >= self.seconds:
            return "seconds"
        return ""

    def lr_factor(self, step: int) -> float:
        """The learning rate of optimizer step ``step`` as a fraction of ``lr`` (for LambdaLR)."""
        return recipes.lr_factor(step, self.max_steps or 0, self.schedule, self.warmup)

    def evaluation_due(self, steps_since: int, seconds_since: float) -> bool:
        if steps_since >= self.eval_every:
            return True
        return self.eval_seconds is not None and seconds_since >= self.eval_seconds

    def settings(self) -> dict[str, Any]:
        """The training settings as they go into History.config."""
        keep = ("epochs", "steps", "seconds", "batch_size", "optimizer", "lr", "weight_decay", "seed")
        keep += ("schedule", "warmup")
        out = {key: getattr(self, key) for key in keep}
        if self.optimizer == "sgd":
            out["momentum"] = SGD_MOMENTUM
        return out | {"eval_every": self.eval_every, "max_eval": self.max_eval}


def _make_plan(
    *,
    n_train: int,
    epochs: Any,
    steps: Any,
    seconds: Any,
    batch_size: Any,
    lr: Any,
    optimizer: Any,
    weight_decay: Any,
    schedule: Any,
    warmup: Any,
    seed: Any,
    eval_every: Any,
    max_eval: Any,
) -> _Plan:
    if epochs is None and steps is None and seconds is None:
        epochs = 1
    batch_size = 128 if batch_size is None else batch_size
    optimizer = "adam" if optimizer is None else optimizer
    weight_decay = 0.0 if weight_decay is None else weight_decay
    schedule = "constant" if schedule is None else schedule
    if not isinstance(schedule, str) or schedule not in recipes.SCHEDULES:  # no array reaches `in`
        raise ConfigError("schedule", schedule, ", ".join(repr(s) for s in recipes.SCHEDULES))
    if schedule == "cosine" and steps is None and epochs is None:
        raise ConfigError("schedule", schedule, i18n.both("train.allowed.cosine"))
    warmup = 0 if warmup is None else _whole("warmup", warmup, minimum=0)
    epochs = None if epochs is None else _whole("epochs", epochs)
    steps = None if steps is None else _whole("steps", steps)
    seconds = None if seconds is None else _positive("seconds", seconds)
    batch_size = _whole("batch_size", batch_size)
    if batch_size > n_train:
        raise ConfigError("batch_size", batch_size, i18n.both("train.allowed.batch", n=n_train))
    if not isinstance(optimizer, str) or optimizer.lower() not in OPTIMIZERS:
        raise ConfigError("optimizer", optimizer, ", ".join(repr(o) for o in OPTIMIZERS))
    optimizer = optimizer.lower()
    lr = DEFAULT_LR[optimizer] if lr is None else _positive("lr", lr)
    weight_decay = _positive("weight_decay", weight_decay, allow_zero=True)
    seed = _whole("seed", seed, minimum=0)
    max_eval = None if max_eval is None else _whole("max_eval", max_eval)

    steps_per_epoch = n_train // batch_size
    eval_seconds = None
    if eval_every is not None:
        eval_every = _whole("eval_every", eval_every)
    elif steps is not None:  # a step budget: about ten points on the curve, at least one per epoch
        eval_every = min(steps_per_epoch, math.ceil(steps / 10))
    else:
        eval_every = steps_per_epoch
        if seconds is not None:  # a time budget: also about ten points over the time
            eval_seconds = seconds / 10
    return _Plan(
        epochs=epochs, steps=steps, seconds=seconds, batch_size=batch_size,
        steps_per_epoch=steps_per_epoch, optimizer=optimizer, lr=lr, weight_decay=weight_decay,
        schedule=schedule, warmup=warmup, seed=seed, eval_every=eval_every, eval_seconds=eval_seconds,
        max_eval=max_eval,
    )  # fmt: skip


def _recipe_settings(recipe: Any, settings: dict[str, Any]) -> recipes.Recipe:
    """Fill ``settings`` from ``recipe`` (a Recipe or its name); a setting given twice is an error."""
    recipe = recipes.get(recipe) if isinstance(recipe, str) else recipe
    if not isinstance(recipe, recipes.Recipe):
        raise ConfigError("recipe", recipe, i18n.both("train.allowed.recipe"))
    fixed = dict(
        steps=recipe.steps, batch_size=recipe.batch_size, optimizer=recipe.optimizer, lr=recipe.lr,
        weight_decay=recipe.weight_decay, schedule=recipe.schedule, warmup=recipe.warmup,
        eval_every=recipe.eval_every,
    )  # fmt: skip
    for knob in (*fixed, "epochs", "seconds", "max_eval"):
        if settings[knob] is not None:
            raise ConfigError(
                knob, settings[knob], i18n.both("train.allowed.with_recipe", recipe=recipe.name)
            )
    settings.update(fixed)
    return recipe


# The largest whole number a setting takes: torch's seeds, step counters and indices are 64-bit.
MAX_WHOLE = 2**63 - 1


def _whole(knob: str, value: Any, minimum: int = 1) -> int:
    """An int ≥ ``minimum`` (bools are rejected: ``epochs=True`` is surely a mistake)."""
    key = "train.allowed.whole_to" if minimum == 1 else "train.allowed.seed_to"  # ≥ 1 or ≥ 0
    return checks.whole(knob, value, minimum, MAX_WHOLE, allowed=i18n.both(key, high=MAX_WHOLE))


def _positive(knob: str, value: Any, allow_zero: bool = False) -> float:
    """A finite real number > 0 (or ≥ 0 with ``allow_zero``)."""
    key = "train.allowed.nonnegative" if allow_zero else "train.allowed.positive"
    return checks.real(knob, value, 0.0, low_open=not allow_zero, allowed=i18n.both(key))


def _check_dataset(knob: str, data: Any) -> None:
    usable = all(hasattr(data, attr) for attr in ("images", "labels", "get_batch", "__len__"))
    if not usable or len(data) == 0:
        raise ConfigError(knob, type(data).__name__, i18n.both("train.allowed.dataset"))


def _check_callables(live: Any, progress: Any, name: Any, callback: Any, stop: Any) -> None:
    if not isinstance(live, (bool, str)) or live not in (True, False, "auto"):  # type first: no arrays
        raise ConfigError("live", live, "True, False, 'auto'")
    if not isinstance(progress, bool):
        raise ConfigError("progress", progress, "True, False")
    if name is not None and not isinstance(name, str):
        raise ConfigError("name", name, i18n.both("train.allowed.name"))
    if callback is not None and not callable(callback):
        raise ConfigError("callback", callback, i18n.both("train.allowed.callback"))
    if stop is not None and not callable(getattr(stop, "is_set", None)):
        raise ConfigError("stop", stop, i18n.both("train.allowed.stop"))


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return mps is not None and mps.is_available()


def resolve_device(device: Any) -> torch.device:
    """``device`` as a usable torch.device (``None``: :func:`pick_device`), else a ConfigError.

    장치를 확인합니다. 이 컴퓨터에 없는 장치(예: GPU가 없는데 "cuda")면 ConfigError를 냅니다.
    """
    return pick_device() if device is None else checks.device(device)


def _num_classes(data: BatchDataset) -> int:
    count = getattr(data, "num_classes", None)
    return int(count) if count is not None else len(data.classes)  # type: ignore[attr-defined]


def _check_model(
    model: nn.Module, train: BatchDataset, test: BatchDataset | None, batch_size: int = 2
) -> None:
    """Raise ConfigError unless ``model`` maps the datasets' images to the right number of logits.

    We run ONE real image through the model (eval mode, no gradients) rather than a "meta"
    tensor: the model is about to be trained on images of exactly this size, so one image
    costs less than a training step, whereas the first meta forward in a process costs about
    a second of one-time setup. The sample comes from ``get_batch``, so a transform that
    crops the images is taken into account.
    """
    label = type(model).__name__
    parameters = list(model.parameters())
    n_classes = _num_classes(train)
    sample, _ = train.get_batch(torch.arange(1))
    allowed = i18n.both("train.allowed.model", shape=_shape_text(sample.shape), n=n_classes)
    if any(p.device.type == "meta" for p in parameters):
        raise ConfigError("model", label, allowed, i18n.both("train.problem.meta"))
    if not any(p.requires_grad for p in parameters):
        raise ConfigError("model", label, allowed, i18n.both("train.problem.no_params"))

    model_classes = getattr(model, "num_classes", None)
    if isinstance(model_classes, int) and model_classes != n_classes:
        problem = i18n.both("train.problem.num_classes", model=model_classes, data=n_classes)
        raise ConfigError("model", label, allowed, problem)
    in_channels = getattr(model, "in_channels", None)
    if isinstance(in_channels, int) and in_channels != sample.shape[1]:
        problem = i18n.both("train.problem.channels", model=in_channels, data=sample.shape[1])
        raise ConfigError("model", label, allowed, problem)

    if test is not None and _num_classes(test) != n_classes:
        raise ConfigError("test", getattr(test, "name", type(test).__name__), i18n.both("train.allowed.test"))
    samples = [sample] if test is None else [sample, test.get_batch(torch.arange(1))[0]]
    for i, x in enumerate(samples):
        norm_inputs: dict[str, tuple[int, ...]] = {}  # batch norm layer → its input shape
        out = _trial_forward(model, x, label, allowed, norm_inputs if i == 0 else None)
        _check_batch_norm(norm_inputs, batch_size)
        if not isinstance(out, Tensor) or tuple(out.shape) != (1, n_classes):
            shape = list(out.shape) if isinstance(out, Tensor) else type(out).__name__
            if isinstance(out, Tensor) and out.ndim == 2:
                problem = i18n.both("train.problem.num_classes", model=out.shape[1], data=n_classes)
            else:
                problem = i18n.both("train.problem.output", shape=shape)
            raise ConfigError("model", label, allowed, problem)


def _trial_forward(
    model: nn.Module,
    x: Tensor,
    label: str,
    allowed: tuple[str, str],
    norm_inputs: dict[str, tuple[int, ...]] | None = None,
) -> Any:
    """One forward pass in eval mode; a shape error becomes a ConfigError that explains it.

    With ``norm_inputs``, the input shape of every batch norm layer is recorded there.
    """
    modes = {module: module.training for module in model.modules()}
    device = next(model.parameters()).device
    model.eval()  # eval mode: batch norm accepts a single image and its running statistics stay put
    handles = []
    if norm_inputs is not None:
        for name, module in model.named_modules():
            if isinstance(module, nn.modules.batchnorm._BatchNorm):

                def record(module: nn.Module, args: tuple, name: str = name) -> None:
                    if args and isinstance(args[0], Tensor):
                        norm_inputs.setdefault(name, tuple(args[0].shape))

                handles.append(module.register_forward_pre_hook(record))
    try:
        with torch.no_grad():
            return _main_logits(model(x.to(device)))
    except (RuntimeError, ValueError, IndexError, TypeError) as error:
        message = str(error).strip()
        fields = {
            "shape": _shape_text(x.shape),
            "error": message.splitlines()[0][:160] if message else type(error).__name__,
        }
        size = getattr(model, "input_size", None)
        channels = getattr(model, "in_channels", None)
        if isinstance(size, int) and isinstance(channels, int):
            expected = f"[N, {channels}, {size}, {size}]"
            problem = i18n.both("train.problem.forward", expected=expected, **fields)
        else:
            problem = i18n.both("train.problem.forward_unknown", **fields)
        raise ConfigError("model", label, allowed, problem) from None  # torch's words are in ours
    finally:
        for handle in handles:
            handle.remove()
        for module, mode in modes.items():
            module.training = mode


def _check_batch_norm(norm_inputs: dict[str, tuple[int, ...]], batch_size: int) -> None:
    """Batch norm in training mode needs more than one value per channel: batch × H × W ≥ 2.

    The trial forward runs in eval mode, where one value is fine; training would fail at its
    first step (e.g. ``batch_size=1`` with a 1×1 feature map), so refuse it here.
    """
    for name, shape in norm_inputs.items():
        values = batch_size * math.prod(shape[2:])
        if values < 2:
            raise ConfigError(
                "batch_size",
                batch_size,
                i18n.both("train.allowed.batch_norm"),
                i18n.both("train.problem.batch_norm", layer=name, n=values),
            )


def _shape_text(shape: Sequence[int]) -> str:
    return "[N, " + ", ".join(str(s) for s in shape[1:]) + "]"


def _main_logits(output: Any) -> Any:
    """The main logits of a model output; GoogLeNet-style models also return auxiliary logits."""
    if isinstance(output, (tuple, list)) and output and isinstance(output[0], Tensor):
        return output[0]
    return output


def _loss_and_logits(output: Tensor | Sequence[Tensor], labels: Tensor, aux_weight: float):
    """Cross-entropy of the main logits, plus ``aux_weight`` × each auxiliary head's (if any)."""
    if isinstance(output, Tensor):
        return F.cross_entropy(output, labels), output
    logits, *auxiliary = output
    loss = F.cross_entropy(logits, labels)
    for aux_logits in auxiliary:
        if aux_logits is not None:
            loss = loss + aux_weight * F.cross_entropy(aux_logits, labels)
    return loss, logits


def _new_history(
    model: nn.Module,
    train: BatchDataset,
    test: BatchDataset | None,
    plan: _Plan,
    device: torch.device,
    name: str | None,
) -> History:
    model_config = getattr(model, "config", None)
    model_config = dict(model_config) if isinstance(model_config, dict) else {}
    data = {
        "train": getattr(train, "name", type(train).__name__),
        "train_size": len(train),
        "test": None if test is None else getattr(test, "name", type(test).__name__),
        "test_size": None if test is None else len(test),
        "image": list(train.images.shape[1:]),
        "num_classes": _num_classes(train),
    }
    config = {"model": {"class": type(model).__name__, **model_config}, "training": plan.settings()}
    return History(
        name=name or str(model_config.get("name") or type(model).__name__),
        dataset=str(data["train"]),
        config=_jsonable(config | {"data": data}),  # stored JSON-ready, so to_dict/from_dict round-trip
        params=sum(p.numel() for p in model.parameters()),
        device=str(device),
        started=datetime.now().astimezone().isoformat(timespec="seconds"),
        steps_per_epoch=plan.steps_per_epoch,
    )


def _make_optimizer(model: nn.Module, plan: _Plan) -> torch.optim.Optimizer:
    params = [p for p in model.parameters() if p.requires_grad]
    if plan.optimizer == "sgd":
        return torch.optim.SGD(params, lr=plan.lr, momentum=SGD_MOMENTUM, weight_decay=plan.weight_decay)
    return torch.optim.Adam(params, lr=plan.lr, weight_decay=plan.weight_decay)


class _RunningAverage:
    """Training loss and accuracy since the last evaluation, kept as tensors.

    Adding a step costs no device synchronisation; the numbers are read in :meth:`take`.
    """

    def __init__(self, device: torch.device) -> None:
        self.device = device
        self._reset()

    def _reset(self) -> None:
        self.losses: list[Tensor] = []
        self.correct = torch.zeros((), dtype=torch.long, device=self.device)
        self.seen = 0

    @property
    def steps(self) -> int:
        return len(self.losses)

    def add(self, loss: Tensor, logits: Tensor, labels: Tensor) -> None:
        self.losses.append(loss.detach())
        self.correct += (logits.detach().argmax(dim=1) == labels).sum()
        self.seen += labels.numel()

    def take(self) -> tuple[list[float], float, float]:
        """(loss of each step, mean loss, accuracy) since the last call; then start afresh."""
        if not self.losses:
            return [], math.nan, math.nan
        losses = torch.stack(self.losses).float().cpu().tolist()  # the one sync per evaluation
        accuracy = self.correct.item() / self.seen
        self._reset()
        return losses, sum(losses) / len(losses), accuracy


def _evaluate(
    model: nn.Module, data: BatchDataset, device: torch.device, batch_size: int, max_eval: int | None
) -> tuple[float, float]:
    """Mean loss and accuracy on ``data`` (its first ``max_eval`` images), in eval mode."""
    n = len(data) if max_eval is None else min(max_eval, len(data))
    model.eval()
    with torch.inference_mode():
        loss_sum = torch.zeros((), device=device)
        correct = torch.zeros((), dtype=torch.long, device=device)
        for begin in range(0, n, batch_size):
            images, labels = data.get_batch(torch.arange(begin, min(begin + batch_size, n)))
            images, labels = images.to(device), labels.to(device)
            logits = _main_logits(model(images))
            loss_sum += F.cross_entropy(logits, labels, reduction="sum")
            correct += (logits.argmax(dim=1) == labels).sum()
        result = loss_sum.item() / n, correct.item() / n
    model.train()
    return result


def _record(
    history: History,
    running: _RunningAverage,
    model: nn.Module,
    test: BatchDataset | None,
    plan: _Plan,
    device: torch.device,
    step: int,
    start: float,
) -> float:
    """Evaluate and append one row to ``history``; return the seconds it took."""
    began = time.perf_counter()
    test_loss = test_acc = None
    if test is not None:
        eval_batch = max(plan.batch_size, EVAL_BATCH_SIZE)
        test_loss, test_acc = _evaluate(model, test, device, eval_batch, plan.max_eval)
    # Taken after the evaluation: an interrupt during it leaves them for fit's handler to keep.
    step_losses, train_loss, train_acc = running.take()
    # Append only after everything is computed, so the lists always have equal lengths.
    history.step_losses.extend(step_losses)
    history.step.append(step)
    history.epoch.append(step / plan.steps_per_epoch)
    history.train_loss.append(train_loss)
    history.train_acc.append(train_acc)
    history.test_loss.append(test_loss)
    history.test_acc.append(test_acc)
    history.wall_time.append(time.perf_counter() - start)
    return time.perf_counter() - began


def _after_evaluation(
    history: History, bar: Any, live_figure: _LiveFigure | None, callback: Callable | None
) -> None:
    shown = {"loss": f"{history.train_loss[-1]:.3f}", "acc": f"{history.train_acc[-1]:.3f}"}
    if history.test_acc[-1] is not None:
        shown["test_acc"] = f"{history.test_acc[-1]:.3f}"
    bar.set_postfix(shown, refresh=False)
    if live_figure is not None:
        live_figure.update(history)
    if callback is not None:
        callback(history)


# ---------------------------------------------------------------------------------------------
# The live figure (drawn by cnnlib.plots.training_curves, like History.plot)
# ---------------------------------------------------------------------------------------------


def _in_notebook() -> bool:
    """True inside a Jupyter/Colab kernel (where a figure can be shown and updated)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def _show_live(live: bool | str) -> bool:
    # A terminal has nowhere to show a figure that updates in place: progress bar only.
    return live in (True, "auto") and _in_notebook()


class _LiveFigure:
    """One figure in the notebook output, redrawn in place after each evaluation."""

    def __init__(self) -> None:
        from cnnlib import plots

        self.figure = plots.new_figure((10, 3.6))
        self.axes = self.figure.subplots(1, 2)
        self.handle: Any = None

    def update(self, history: History) -> None:
        from IPython.display import display

        from cnnlib import plots

        plots.training_curves(history, ax=self.axes)  # the same axes, cleared and redrawn
        if self.handle is None:  # first evaluation: show it (not before: an empty plot helps no one)
            self.handle = display(self.figure, display_id=True)
        else:
            self.handle.update(self.figure)


# ---------------------------------------------------------------------------------------------
# The run log: one JSON line per run
# ---------------------------------------------------------------------------------------------


def default_log_path() -> Path:
    """Where runs are logged: ``$CNNLIB_RUN_LOG``, else ``~/.cache/cnnlib/runs.jsonl``.

    실행 기록 파일의 기본 위치: 환경 변수 ``CNNLIB_RUN_LOG``, 없으면 ``~/.cache/cnnlib/runs.jsonl``.
    """
    env = os.environ.get(LOG_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "cnnlib" / "runs.jsonl"


def _prepare_log(log: Any) -> Path | None:
    """Resolve ``log`` to a path and make sure we can append to it (before training starts)."""
    if log is False:
        return None
    if log is True:
        path = default_log_path()
    elif isinstance(log, (str, os.PathLike)) and str(log):
        path = Path(log).expanduser()
    else:
        raise ConfigError("log", log, i18n.both("train.allowed.log"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Really open it for appending: permission checks by hand miss read-only file systems.
        os.close(os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644))
    except OSError as error:
        reason = f"{error.strerror}: {error.filename}" if error.strerror else type(error).__name__
        problem = i18n.both("train.problem.log", error=reason)
        raise ConfigError("log", str(path), i18n.both("train.allowed.log"), problem) from None
    return path


def log_run(history: History, path: str | os.PathLike[str] | None = None) -> Path:
    """Append ``history`` as one JSON line to the run log; return the log's path.

    ``history``를 실행 기록 파일에 JSON 한 줄로 추가하고 파일 경로를 돌려줍니다.

    Safe against crashes and concurrent writers: the whole line is built first and written
    with a single ``write`` to a file opened with ``O_APPEND`` (so lines from two processes
    never interleave), then ``fsync``-ed. If an earlier crash left a partial last line, the
    new line starts on a line of its own, so only the broken line is lost.
    충돌(강제 종료)이나 동시 기록에도 안전하도록, 한 줄 전체를 한 번의 write로 덧붙입니다.
    """
    target = default_log_path() if path is None else Path(path).expanduser()
    record = {"log_format": LOG_FORMAT, **history.to_dict()}
    line = (json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    size = written = 0
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line  # an earlier writer died mid-line: don't glue our record onto it
        written = os.write(fd, line)  # unbuffered: nothing is left to flush but the OS cache ...
        while written < len(line):  # (a short write to a regular file is rare, but possible)
            written += os.write(fd, line[written:])
        os.fsync(fd)  # ... which fsync pushes to the disk
    except OSError:
        _take_back(fd, size, written)
        raise
    finally:
        os.close(fd)
    return target


def _take_back(fd: int, size: int, written: int) -> None:
    """After a failed write (disk full), remove the part of our line that did get in.

    Only when the file is a regular file that grew by exactly what we wrote: a line another
    process appended meanwhile is never cut.
    """
    try:
        status = os.fstat(fd)
        if written and stat.S_ISREG(status.st_mode) and status.st_size == size + written:
            os.ftruncate(fd, size)
    except OSError:
        pass  # the reader skips a partial line anyway


@dataclass(repr=False)
class RunTable:
    """The runs in a run log, as a table: ``.rows``, HTML in notebooks, text in terminals.

    실행 기록 파일의 내용을 표로 보여 줍니다. 노트북에서는 HTML 표, 터미널에서는 글자 표.

    ``records`` are the full logged dicts (``History.from_dict`` turns one back into a
    History); ``skipped`` counts lines that could not be read (e.g. cut off by a crash).
    """

    path: Path
    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "time", "name", "dataset", "params", "train_acc", "test_acc",
        "seconds", "epochs", "steps", "device", "interrupted",
    )  # fmt: skip

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One summary dict per run, keys as in ``COLUMNS``. 실행마다 요약 사전 하나."""
        return [_summary(record) for record in self.records]

    def histories(self) -> list[History]:
        """Every logged run as a :class:`History`. 기록된 실행들을 History로."""
        return [History.from_dict(record) for record in self.records]

    def __len__(self) -> int:
        return len(self.records)

    def _cells(self) -> tuple[list[str], list[list[str]]]:
        headers = [i18n.t(f"train.col.{column}") for column in self.COLUMNS]
        return headers, [[_format_cell(column, row[column]) for column in self.COLUMNS] for row in self.rows]

    def __str__(self) -> str:
        headers, body = self._cells()
        if not body:
            return i18n.t("train.no_runs") + self._skipped_note("\n")
        widths = [max(i18n.display_width(row[i]) for row in [headers, *body]) for i in range(len(headers))]
        numeric = {"params", "train_acc", "test_acc", "seconds", "epochs", "steps"}

        def line(cells: list[str]) -> str:
            out = []
            for column, cell, width in zip(self.COLUMNS, cells, widths, strict=True):
                pad = " " * (width - i18n.display_width(cell))
                out.append(pad + cell if column in numeric else cell + pad)
            return "  ".join(out).rstrip()

        rule = "  ".join("-" * width for width in widths)
        return "\n".join([line(headers), rule, *(line(row) for row in body)]) + self._skipped_note("\n")

    def __repr__(self) -> str:  # the table itself, not thousands of logged numbers
        return str(self)

    def _repr_html_(self) -> str:
        headers, body = self._cells()
        if not body:
            return f"<p>{html.escape(i18n.t('train.no_runs'))}{html.escape(self._skipped_note(' '))}</p>"
        head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in body)
        note = f"<caption>{html.escape(self._skipped_note(''))}</caption>" if self.skipped else ""
        return f"<table>{note}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

    def _skipped_note(self, before: str) -> str:
        return before + i18n.t("train.skipped", n=self.skipped) if self.skipped else ""

    def plot(self, ax: Axes | None = None) -> Figure:
        """Test accuracy against parameter count, one labelled point per run; returns the figure.

        실행마다 점 하나: 파라미터 수(가로, 로그 눈금) 대 테스트 정확도(세로). 그림을 돌려줍니다.
        Runs without a test set use their training accuracy (hollow markers).
        """
        from cnnlib import plots

        return plots.params_accuracy(self.rows, ax=ax)


def runs(path: str | os.PathLike[str] | None = None) -> RunTable:
    """Read the run log (default :func:`default_log_path`) into a :class:`RunTable`.

    실행 기록 파일을 읽어 :class:`RunTable`(표)로 돌려줍니다. 파일이 없으면 빈 표입니다.
    Lines that cannot be read (a crash cut them short) are skipped and counted in ``skipped``.
    """
    target = default_log_path() if path is None else Path(path).expanduser()
    table = RunTable(path=target)
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return table
    table.records, table.skipped = _read_records(raw)
    return table


# What a damaged line can raise while it is parsed, summarised or turned into a History:
# broken JSON, wrong types, 1e400 or Infinity where an int belongs, nesting deeper than Python's stack.
_UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError, RecursionError)


def _read_records(raw: bytes) -> tuple[list[dict[str, Any]], int]:
    """The run log's readable records and the number of lines skipped.

    One reader for :func:`runs` and :meth:`RunTable.histories`: a line is kept only if it is a
    JSON object that both summarises into a table row and turns back into a History, so
    nothing :func:`runs` accepts can make ``histories()`` raise, and one damaged line never
    hides the others.
    """
    records: list[dict[str, Any]] = []
    skipped = 0
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise TypeError("not a JSON object")
            _summary(record)
            History.from_dict(record)
        except _UNREADABLE:
            skipped += 1
            continue
        records.append(record)
    return records, skipped


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    def last(key: str) -> float | None:
        values = record.get(key) or []
        return None if not values or values[-1] is None else _float(values[-1])

    return {
        "time": str(record.get("started", "")),
        "name": str(record.get("name", "")),
        "dataset": str(record.get("dataset", "")),
        "params": int(record.get("params", 0)),
        "train_acc": last("train_acc"),
        "test_acc": last("test_acc"),
        "seconds": _float(record.get("seconds", 0.0)),
        "epochs": _float(record.get("epochs", 0.0)),
        "steps": int(record.get("steps", 0)),
        "device": str(record.get("device", "")),
        "interrupted": bool(record.get("interrupted", False)),
    }


def _format_cell(column: str, value: Any) -> str:
    if value is None:
        return "–"
    if column == "time":
        return value[:19].replace("T", " ")  # drop the time zone: the table is for humans
    if column in ("train_acc", "test_acc"):
        return f"{100 * value:.1f}%"
    if column == "params":
        return f"{value:,}"
    if column == "seconds":
        return f"{value:.1f}"
    if column == "epochs":
        return f"{value:.2f}"
    if column == "interrupted":
        return i18n.t("train.yes") if value else ""
    return str(value)


# ---------------------------------------------------------------------------------------------
# JSON helpers
# ---------------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """``value`` made of JSON types only. Non-finite floats become strings float() reads back."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number):
            return number
        return "NaN" if math.isnan(number) else ("Infinity" if number > 0 else "-Infinity")
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(item) for item in value]
    if isinstance(value, Tensor) and value.numel() == 1:
        return _jsonable(value.item())
    if isinstance(value, type) or callable(value):
        return getattr(value, "__name__", type(value).__name__)  # e.g. activation=nn.ReLU → "ReLU"
    return str(value)  # torch.device, Path, dtype, enum ...


def _float(value: Any) -> float:
    return float(value)  # float("NaN"), float("Infinity") and float("-Infinity") all work
