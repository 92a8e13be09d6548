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

Every finished or interrupted run is appended to the run log (:mod:`cnnlib.history`, whose
``History``, ``log_run`` and ``runs`` are importable from here too). What ``fit`` checks before the
first step — settings, model against data — is in :mod:`cnnlib.fit_checks`.
"""

from __future__ import annotations

import functools
import math
import os
import threading
import time
import warnings
import weakref
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Literal

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from tqdm.auto import tqdm

from cnnlib import checks, i18n, recipes, rng
from cnnlib import threads as cpu_threads
from cnnlib.errors import ConfigError, NotSavedWarning
from cnnlib.fit_checks import (
    SGD_MOMENTUM,
    BatchDataset,
    Plan,
    check_callables,
    check_dataset,
    check_model,
    main_logits,
    make_plan,
    num_classes,
    recipe_settings,
)
from cnnlib.history import History, RunTable, default_log_path, jsonable, log_run, open_log, runs

__all__ = [
    "History",
    "RunTable",
    "default_log_path",
    "fit",
    "log_run",
    "loss_and_logits",
    "make_optimizer",
    "pick_device",
    "resolve_device",
    "runs",
]

AUX_WEIGHT = 0.3  # GoogLeNet paper: auxiliary classifier losses are added with weight 0.3
EVAL_BATCH_SIZE = 256  # no gradients are kept during evaluation, so bigger batches are fine


def pick_device() -> torch.device:
    """The fastest device this machine has: CUDA, then Apple MPS, then CPU. 가장 빠른 장치를 고릅니다."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    return torch.device("mps" if mps is not None and mps.is_available() else "cpu")


def resolve_device(device: Any) -> torch.device:
    """``device`` as a usable torch.device (``None``: :func:`pick_device`), else a ConfigError."""
    return pick_device() if device is None else checks.device(device)


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


    Budget (학습량) — give one; with several, training stops at whichever comes first; with none,
    one epoch. ``epochs``: passes over the training set. ``steps``: optimizer steps (batches).
    ``seconds``: training time; evaluations do not count, so models are compared at equal compute.

    ``recipe`` (레시피): a :class:`cnnlib.recipes.Recipe` (or its name) fixes ``steps``,
    ``batch_size``, optimizer, ``lr``, ``schedule``, ``warmup``, ``weight_decay`` and evaluations on
    the whole test split, and its ``name@hash`` goes into ``History.recipe``; giving one of those
    settings as well is an error.

    Each epoch uses ``len(train) // batch_size`` full batches in a new random order (the last
    partial batch is skipped, so every step sees the same number of images).

    Other settings 그 밖의 설정:
        ``batch_size`` (default 128); ``lr`` (default 1e-3 for Adam, 0.01 for SGD with momentum
        0.9); ``optimizer``: ``"adam"`` (default) or ``"sgd"``; ``weight_decay`` (L2, default 0);
        ``schedule``: ``"constant"`` or ``"cosine"`` (half a cosine down to 0 at the last step;
        needs ``steps`` or ``epochs``); ``warmup``: steps of a linear rise from lr/warmup to lr.
        ``seed``: same seed on CPU → same numbers (batch order, dropout, augmentation), whatever
        random numbers other code or another thread's fit draws meanwhile; the caller's global
        random state is left as it was (the initial weights come from where the model was built).
        같은 시드면 CPU에서 같은 결과이고, 호출한 쪽의 전역 난수 상태는 건드리지 않습니다.
        ``device``: ``None`` picks CUDA → MPS → CPU; the model stays there afterwards.
        ``live``: live curves in a notebook (``"auto"``/``True``). ``progress``: a tqdm bar.
        ``log``: append the run to the run log (``True``: :func:`default_log_path`; a path; ``False``).
        ``name``: label for curves and the log (default: the model's class name).
        ``eval_every``: evaluate every this many steps (default: every epoch; for ``steps`` about
        10 times per run; for ``seconds`` also every tenth of the time). ``max_eval``: evaluate on
        the first ``max_eval`` test images only. ``callback(history)``: called after every
        evaluation. ``stop``: an object with ``is_set()`` (a ``threading.Event``); once set,
        training stops after the current step. ``tags``: a JSON-ready dict kept as
        ``History.config["tags"]``.
        ``threads``: CPU threads — ``"auto"`` (default; ``$CNNLIB_THREADS`` when set) keeps
        whichever count trains faster right now; a whole number pins it; a History's
        ``config["threads"]["used"]`` replays a run's counts (same seed and counts → bit-identical
        numbers). See :mod:`cnnlib.threads`.

    Interrupting the kernel stops training too: the History so far is returned (and logged)
    with ``interrupted=True``. 커널을 중단해도 지금까지의 기록을 돌려주고 기록 파일에 남깁니다.

    Raises:
        ConfigError: any setting is invalid, the model does not fit the data, the run log cannot
        be written, or another thread is training this model — always before training starts.

    Warns:
        NotSavedWarning: the run log could not be written after training (a full disk); the
        History is returned all the same.
    """
    # 1. Check everything before allocating or training anything.
    check_dataset("train", train)
    if test is not None:
        check_dataset("test", test)
    settings = dict(
        epochs=epochs, steps=steps, seconds=seconds, batch_size=batch_size, lr=lr, optimizer=optimizer,
        weight_decay=weight_decay, schedule=schedule, warmup=warmup, eval_every=eval_every, max_eval=max_eval,
    )  # fmt: skip
    recipe = None if recipe is None else recipe_settings(recipe, settings)
    plan = make_plan(len(train), seed, settings)
    check_callables(live, progress, name, callback, stop)
    if tags is not None and not isinstance(tags, dict):
        raise ConfigError("tags", tags, i18n.both("train.allowed.tags"))
    target_device = resolve_device(device)
    thread_setting = cpu_threads.requested(threads)
    log_path = open_log(log)
    with rng.drawing_from(*rng.seeded(plan.seed, target_device)):  # a crop's draw: not the caller's
        check_model(model, train, test, plan.batch_size)

    # 2. Set up: the History, the model on its device, the optimizer, the random streams.
    history = _new_history(model, train, test, plan, target_device, name)
    if tags is not None:
        history.config["tags"] = jsonable(tags)
    history.recipe = "" if recipe is None else recipe.identity
    model.to(target_device)
    opt = make_optimizer(model, plan.optimizer, plan.lr, plan.weight_decay)
    schedule_lr = torch.optim.lr_scheduler.LambdaLR(opt, plan.lr_factor)
    streams = rng.seeded(plan.seed, target_device)  # dropout and augmentation: this run's own stream
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
            with rng.drawing_from(*streams):  # augmentation and dropout draw from this run's stream
                images, labels = train.get_batch(index)
                images, labels = images.to(target_device), labels.to(target_device)
                loss, logits = loss_and_logits(model(images), labels, aux_weight)
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


def loss_and_logits(
    output: Tensor | Sequence[Tensor], labels: Tensor, aux_weight: float = AUX_WEIGHT
) -> tuple[Tensor, Tensor]:
    """Cross-entropy of the main logits, plus ``aux_weight`` × each auxiliary head's (if any).

    Computed in float32 (a no-op for float32 logits): mixed precision's half-precision logits
    would lose digits in the loss. Returns the loss and the main logits.
    """
    if isinstance(output, Tensor):
        return F.cross_entropy(output.float(), labels), output
    logits, *auxiliary = output
    loss = F.cross_entropy(logits.float(), labels)
    for aux_logits in auxiliary:
        if aux_logits is not None:
            loss = loss + aux_weight * F.cross_entropy(aux_logits.float(), labels)
    return loss, logits


def _new_history(
    model: nn.Module,
    train: BatchDataset,
    test: BatchDataset | None,
    plan: Plan,
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
        "num_classes": num_classes(train),
    }
    config = {"model": {"class": type(model).__name__, **model_config}, "training": plan.settings()}
    return History(
        name=name or str(model_config.get("name") or type(model).__name__),
        dataset=str(data["train"]),
        config=jsonable(config | {"data": data}),  # stored JSON-ready, so to_dict/from_dict round-trip
        params=sum(p.numel() for p in model.parameters()),
        device=str(device),
        started=datetime.now().astimezone().isoformat(timespec="seconds"),
        steps_per_epoch=plan.steps_per_epoch,
    )


def make_optimizer(
    model: nn.Module,
    optimizer: str,
    lr: float,
    weight_decay: float,
    momentum: float = SGD_MOMENTUM,
    nesterov: bool = False,
) -> torch.optim.Optimizer:
    """``"sgd"`` (with ``momentum``) or ``"adam"`` over the model's trainable parameters."""
    params = [p for p in model.parameters() if p.requires_grad]
    if optimizer == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=momentum, nesterov=nesterov, weight_decay=weight_decay)
    return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)


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
            logits = main_logits(model(images))
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
    plan: Plan,
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
    history.add_evaluation(step, running.take(), (test_loss, test_acc), time.perf_counter() - start)
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
