"""What :func:`cnnlib.train.fit` checks and decides before its first step.

학습을 시작하기 전에 ``fit``이 확인하고 정하는 것: 설정(→ :class:`Plan`)과, 모델이 데이터에 맞는지.

Every refusal is a bilingual :class:`cnnlib.ConfigError` raised before anything is allocated or
trained: the settings become a :class:`Plan` (defaults, budget arithmetic, evaluation cadence),
and one real image runs through the model to check its classes, channels and shapes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import torch
from torch import Tensor, nn

from cnnlib import checks, i18n, recipes
from cnnlib.errors import ConfigError
from cnnlib.trace import hooks_undone

__all__ = [
    "BatchDataset",
    "Plan",
    "check_callables",
    "check_dataset",
    "check_model",
    "main_logits",
    "make_plan",
    "num_classes",
    "recipe_settings",
]

OPTIMIZERS: tuple[str, ...] = ("adam", "sgd")
DEFAULT_LR: dict[str, float] = {"adam": 1e-3, "sgd": 0.01}
SGD_MOMENTUM = 0.9  # plain SGD without momentum is painfully slow on these nets
MAX_WHOLE = 2**63 - 1  # the largest whole-number setting: torch's seeds, step counters and indices are 64-bit


class BatchDataset(Protocol):
    """What :func:`cnnlib.train.fit` needs from a dataset (``cnnlib.data.ImageDataset`` has all of it)."""

    images: Tensor  # float32 [N, C, H, W], raw values in [0, 1]
    labels: Tensor  # int64 [N]
    name: str

    def __len__(self) -> int: ...

    def get_batch(self, index: Tensor) -> tuple[Tensor, Tensor]: ...


@dataclass(frozen=True)
class Plan:
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


def make_plan(n_train: int, seed: Any, settings: dict[str, Any]) -> Plan:
    """Check fit's settings (``None``: the default) and work out its budget and evaluation cadence."""
    epochs, steps, seconds, batch_size = (settings[k] for k in ("epochs", "steps", "seconds", "batch_size"))
    lr, optimizer, weight_decay = settings["lr"], settings["optimizer"], settings["weight_decay"]
    schedule, warmup, eval_every, max_eval = (
        settings[k] for k in ("schedule", "warmup", "eval_every", "max_eval")
    )
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
    return Plan(
        epochs=epochs, steps=steps, seconds=seconds, batch_size=batch_size,
        steps_per_epoch=steps_per_epoch, optimizer=optimizer, lr=lr, weight_decay=weight_decay,
        schedule=schedule, warmup=warmup, seed=seed, eval_every=eval_every, eval_seconds=eval_seconds,
        max_eval=max_eval,
    )  # fmt: skip


def recipe_settings(recipe: Any, settings: dict[str, Any]) -> recipes.Recipe:
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
    if recipe.schedule in recipes.SCHEDULES and recipe.paper_settings:  # a paper's schedule: refused below
        # fit trains with SGD momentum 0.9 and the dataset's own augmentation: a recipe asking for
        # anything else would be trained silently without it, so it goes to cnnlib.reproduce instead.
        fields = ", ".join(recipe.paper_settings)
        raise ConfigError("recipe", recipe.name, i18n.both("train.allowed.lab_recipe", fields=fields))
    settings.update(fixed)
    return recipe


def _whole(knob: str, value: Any, minimum: int = 1) -> int:
    """An int from ``minimum`` to :data:`MAX_WHOLE` (bools are refused: ``epochs=True`` is a mistake)."""
    key = "train.allowed.whole_to" if minimum == 1 else "train.allowed.seed_to"  # ≥ 1 or ≥ 0
    return checks.whole(knob, value, minimum, MAX_WHOLE, allowed=i18n.both(key, high=MAX_WHOLE))


def _positive(knob: str, value: Any, allow_zero: bool = False) -> float:
    """A finite real number > 0 (or ≥ 0 with ``allow_zero``)."""
    key = "train.allowed.nonnegative" if allow_zero else "train.allowed.positive"
    return checks.real(knob, value, 0.0, low_open=not allow_zero, allowed=i18n.both(key))


def check_dataset(knob: str, data: Any) -> None:
    usable = all(hasattr(data, attr) for attr in ("images", "labels", "get_batch", "__len__"))
    if not usable or len(data) == 0:
        raise ConfigError(knob, type(data).__name__, i18n.both("train.allowed.dataset"))


def check_callables(live: Any, progress: Any, name: Any, callback: Any, stop: Any) -> None:
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


def num_classes(data: BatchDataset) -> int:
    count = getattr(data, "num_classes", None)
    return int(count) if count is not None else len(data.classes)  # type: ignore[attr-defined]


def check_model(
    model: nn.Module, train: BatchDataset, test: BatchDataset | None, batch_size: int = 2
) -> None:
    """Raise ConfigError unless ``model`` maps the datasets' images to the right number of logits.

    ONE real image runs through the model (eval mode, no gradients) rather than a "meta" tensor:
    one image costs less than a training step, whereas the first meta forward in a process costs
    about a second of setup. It comes from ``get_batch``, so a cropping transform is accounted for.
    """
    label = type(model).__name__
    parameters = list(model.parameters())
    n_classes = num_classes(train)
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

    if test is not None and num_classes(test) != n_classes:
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
    device = next(model.parameters()).device
    norms = [(name, m) for name, m in model.named_modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    try:
        with hooks_undone(model) as handles, torch.no_grad():
            for name, module in norms if norm_inputs is not None else []:

                def record(module: nn.Module, args: tuple, name: str = name) -> None:
                    if args and isinstance(args[0], Tensor):
                        norm_inputs.setdefault(name, tuple(args[0].shape))

                handles.append(module.register_forward_pre_hook(record))
            model.eval()  # eval mode: batch norm accepts a single image and its running statistics stay put
            return main_logits(model(x.to(device)))
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


def main_logits(output: Any) -> Any:
    """The main logits of a model output; GoogLeNet-style models also return auxiliary logits."""
    if isinstance(output, (tuple, list)) and output and isinstance(output[0], Tensor):
        return output[0]
    return output
