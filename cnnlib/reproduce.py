"""Reproduce the papers' CIFAR-10 tables at full scale: one GPU, several, or a cluster.

논문의 CIFAR-10 표를 실제 규모로 재현합니다: GPU 한 장, 여러 장, 또는 클러스터에서.

:func:`cnnlib.train.fit` answers "what does this knob do" in seconds on a laptop; this module runs
the papers' own recipes (:mod:`cnnlib.recipes`, e.g. ``resnet-cifar``: He et al. §4.2, 64 000 steps
of 128 images) on GPUs, and survives what long runs meet::

    python -m cnnlib train resnet20_cifar --data cifar10 --recipe resnet-cifar --out runs/r20 [--resume]
    torchrun --nproc-per-node 4 -m cnnlib train resnet110_cifar --data cifar10 --recipe resnet110-cifar

1. **Processes.** Under ``torchrun`` every process runs this code with its own ``RANK``; they join
   one process group (NCCL between GPUs, Gloo between CPUs) and ``DistributedDataParallel`` averages
   the gradients after every backward pass, so N processes take one step together.
2. **Batches.** A ``DistributedSampler`` shuffles with the same seed in every process and deals the
   images out like cards (process r gets every N-th from r): one step's N shares are the batch one
   process would have taken, and the crops and flips are drawn for the whole batch, so the run does
   not depend on N — except batch normalisation, which normalises each share by itself (as in the
   paper's two-GPU training).
3. **Randomness.** Every epoch starts its random streams from ``(seed, epoch)`` (and the rank, for
   dropout), so a run resumed at an epoch boundary draws what the killed run would have: no generator
   state is saved, so none can be restored wrongly.
4. **Speed on CUDA.** Mixed precision (bfloat16 where the GPU has it, else float16 with a
   ``GradScaler``) and channels-last memory layout for the convolutions.
5. **Checkpoints.** After every epoch process 0 writes ``OUT/checkpoint.pt`` atomically (a kill
   mid-write leaves the previous one), read back with ``torch.load(weights_only=True)``. ``--resume``
   on the same device and process count ends with the weights an uninterrupted run ends with (bit
   for bit on CPU; GPU kernels may round differently).
6. **Results.** Only process 0 evaluates (after every epoch), shows progress and writes the
   checkpoints, ``OUT/model.pt`` (the final ``state_dict``) and the run log.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import Tensor, nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DistributedSampler
from tqdm.auto import tqdm

from cnnlib import checks, files, i18n, models, recipes
from cnnlib import data as datasets
from cnnlib.errors import ConfigError
from cnnlib.fit_checks import main_logits
from cnnlib.train import History, default_log_path, log_run, loss_and_logits, make_optimizer, resolve_device

__all__ = ["CHECKPOINT", "WEIGHTS", "crop_flip", "train"]

CHECKPOINT = "checkpoint.pt"  # the latest epoch's checkpoint in the output folder
WEIGHTS = "model.pt"  # the final state_dict, written when the run is complete
EVAL_BATCH_SIZE = 500


def train(
    model: str | nn.Module,
    data: str | tuple[datasets.ImageDataset, datasets.ImageDataset] = "cifar10",
    recipe: str | recipes.Recipe = "resnet-cifar",
    *,
    out: str | os.PathLike[str] | None = None,
    resume: bool = False,
    device: str | torch.device | None = None,
    seed: int = 0,
    width: float | None = None,
    progress: bool = True,
    log: bool | str | os.PathLike[str] = True,
    data_root: str | os.PathLike[str] | None = None,
    callback: Callable[[History], object] | None = None,
) -> History:
    """Train ``model`` on ``data`` with a paper's ``recipe``; return the :class:`~cnnlib.train.History`.

    논문 레시피로 학습하고 학습 기록을 돌려줍니다. ``torchrun``으로 여러 프로세스에서 실행하면 함께
    학습하고, 기록과 체크포인트는 프로세스 0만 씁니다.

    ``model``: a name for :func:`cnnlib.models.from_name` (built for the data's size, channels and
    classes, ``width`` times as wide) or a module. ``data``: ``"cifar10"``, ``"fashion_mnist"``,
    ``"shapes"`` or a ``(train, test)`` pair (``data_root``: where real datasets are kept).
    ``recipe``: a name in :data:`cnnlib.recipes.RECIPES` or a Recipe. ``out``: folder for
    ``checkpoint.pt`` and ``model.pt`` (None: only the run log); ``resume`` continues its run.
    ``device``: None picks CUDA → MPS → CPU (under torchrun, GPU ``LOCAL_RANK``). ``log`` and
    ``callback`` (after every epoch's checkpoint) as in :func:`cnnlib.train.fit`. Process 0 returns the
    whole run's History, resumed parts included; the others an empty one. A ConfigError, before
    training: an unknown model, dataset or recipe, a batch the processes cannot share, an ``out`` that
    holds another run (or none, with ``resume``).
    """
    # 1. Check the settings and join the other processes (if torchrun started us).
    recipe = recipes.get(recipe) if isinstance(recipe, str) else recipe
    if not isinstance(recipe, recipes.Recipe):
        raise ConfigError("recipe", recipe, ", ".join(repr(n) for n in recipes.RECIPES))
    if isinstance(model, str):
        models.from_name(model, device="meta")  # an unknown name fails here, before any data is read
    checks.whole("seed", seed, 0, 2**63 - 1)
    folder = _check_out(out, resume)
    with _World.joined(resolve_device(device)) as world:
        train_set, test_set = _load(data, data_root)
        if recipe.batch_size % world.size:
            problem = i18n.both("reproduce.problem.batch", batch=recipe.batch_size, world=world.size)
            raise ConfigError("nproc-per-node", world.size, i18n.both("reproduce.allowed.world"), problem)
        local_batch = recipe.batch_size // world.size
        steps_per_epoch = len(train_set) // recipe.batch_size
        if steps_per_epoch == 0:
            raise ConfigError("batch_size", recipe.batch_size, f"≤ {len(train_set)}")
        epochs = math.ceil(recipe.steps / steps_per_epoch)

        # 2. The network (the same initial weights in every process), the optimizer and the schedule.
        torch.manual_seed(seed)
        if isinstance(model, str):
            knobs = {"num_classes": train_set.num_classes, "in_channels": train_set.channels}
            knobs |= {"input_size": train_set.image_size} | ({"width": width} if width is not None else {})
            net = models.from_name(model, **knobs)
        else:
            net = model
        net.to(world.device)
        if world.cuda:
            net.to(memory_format=torch.channels_last)  # what cuDNN's fastest convolutions read
            torch.backends.cudnn.benchmark = True  # pick the fastest kernel for each layer's shape
        optimizer = make_optimizer(
            net, recipe.optimizer, recipe.lr, recipe.weight_decay, recipe.momentum, recipe.nesterov
        )
        schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, recipe.factor)
        amp_dtype = _amp_dtype(world)
        scaler = torch.amp.GradScaler("cuda", enabled=amp_dtype == torch.float16)
        parts = {"model": net, "optimizer": optimizer, "schedule": schedule, "scaler": scaler}  # checkpointed

        name = model if isinstance(model, str) else type(net).__name__
        history = _new_history(net, name, (train_set, test_set), recipe, world, steps_per_epoch)
        run = {  # what must match for --resume to continue this run
            "recipe": recipe.identity, "model": name, "data": train_set.name,
            "train_size": len(train_set), "seed": seed, "processes": world.size,
        }  # fmt: skip
        first_epoch = 0
        if resume and folder is not None:
            first_epoch, history = _restore(folder, run, parts, world.device)
        trained = net
        if world.size > 1:  # after restoring: DDP copies process 0's weights to every process
            trained = DistributedDataParallel(net, device_ids=[world.device.index] if world.cuda else None)

        # 3. The epochs: shuffle, train, share the numbers, evaluate, checkpoint.
        sampler = DistributedSampler(
            train_set, world.size, world.rank, shuffle=True, seed=seed, drop_last=True
        )
        done = first_epoch * steps_per_epoch
        bar = tqdm(total=recipe.steps, initial=done, disable=not (progress and world.main), desc=name)
        start, seconds_before = time.perf_counter(), history.seconds
        for epoch in range(first_epoch, epochs):
            sampler.set_epoch(epoch)  # this epoch's shuffle, the same in every process
            torch.manual_seed(_stream(seed, epoch, f"dropout/{world.rank}"))
            augment = (
                torch.Generator().manual_seed(_stream(seed, epoch, "augment")) if recipe.augment else None
            )
            order = torch.tensor(list(sampler))  # this process's share of the epoch, in order
            steps = min(steps_per_epoch, recipe.steps - epoch * steps_per_epoch)
            losses, correct = [], torch.zeros((), device=world.device)
            trained.train()
            for i in range(steps):
                index = order[i * local_batch : (i + 1) * local_batch]
                images, labels = _batch(train_set, index, world.device, augment, (world.rank, world.size))
                with torch.autocast(world.device.type, dtype=amp_dtype, enabled=amp_dtype is not None):
                    loss, logits = loss_and_logits(trained(images), labels)
                optimizer.zero_grad(set_to_none=True)
                scaler.scale(loss).backward()  # DDP averages the gradients of all processes here
                scaler.step(optimizer)
                scaler.update()
                schedule.step()
                losses.append(loss.detach().float())
                correct += (logits.detach().argmax(1) == labels).sum()
                bar.update(1)
            train_numbers = world.average(torch.stack(losses), correct, steps * local_batch)
            if not world.main:
                continue
            test_numbers = _evaluate(net, test_set, world, amp_dtype)
            seconds = seconds_before + time.perf_counter() - start
            history.add_evaluation(epoch * steps_per_epoch + steps, train_numbers, test_numbers, seconds)
            shown = {"loss": f"{history.train_loss[-1]:.3f}", "test_acc": f"{history.test_acc[-1]:.3f}"}
            bar.set_postfix(shown, refresh=False)
            if folder is not None:
                state = {key: part.state_dict() for key, part in parts.items()}
                # The History as a string: weights_only loading accepts it. No random state: see 3. above.
                state |= {"epochs_done": epoch + 1, "run": run, "history": json.dumps(history.to_dict())}
                _save(folder / CHECKPOINT, state)
            if callback is not None:
                callback(history)
        bar.close()

        # 4. The final weights and the run log (process 0).
        net.eval()
        if world.main and first_epoch < epochs:
            history.stop_reason = "steps"
            if folder is not None:
                _save(folder / WEIGHTS, net.state_dict())
            if log is not False:
                log_run(history, default_log_path() if log is True else log)
        return history


# --- processes ------------------------------------------------------------------------------


@dataclass
class _World:
    """This process's place among the ones torchrun started (one process alone: rank 0 of 1)."""

    rank: int
    size: int
    device: torch.device
    owns_group: bool = False  # whether we started the process group (and so must end it)

    @classmethod
    @contextmanager
    def joined(cls, device: torch.device) -> Iterator[_World]:
        """This process's world for the ``with`` block; the process group is left afterwards."""
        world = cls(0, 1, device)
        if int(os.environ.get("WORLD_SIZE", "1")) > 1:
            if device.type == "cuda":  # one GPU per process: the LOCAL_RANK-th of this machine
                device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
                torch.cuda.set_device(device)
            owns_group = not dist.is_initialized()
            if owns_group:
                dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
            world = cls(dist.get_rank(), dist.get_world_size(), device, owns_group)
        try:
            yield world
            # A run that went well waits for every process: process 0 may still be writing, and a peer
            # tearing its connections down meanwhile can make Gloo abort the other (a rank's SIGABRT,
            # seen once in CI under heavy load).
            if world.size > 1:
                dist.barrier()
        finally:
            if world.owns_group:
                dist.destroy_process_group()

    @property
    def main(self) -> bool:
        return self.rank == 0

    @property
    def cuda(self) -> bool:
        return self.device.type == "cuda"

    def average(self, losses: Tensor, correct: Tensor, seen: int) -> tuple[list[float], float, float]:
        """Each step's loss averaged over the processes, their mean, and the training accuracy.

        One collective call per epoch, not per step: the processes never wait for each other's numbers.
        """
        numbers = torch.cat([losses, correct.float().view(1)])
        if self.size > 1:
            dist.all_reduce(numbers)  # sums: the losses over processes, the correct answers too
        step_losses = (numbers[:-1] / self.size).tolist()
        return step_losses, sum(step_losses) / len(step_losses), numbers[-1].item() / (seen * self.size)


def _stream(seed: int, epoch: int, name: str) -> int:
    """A seed for one random stream of one epoch, e.g. ``(0, 7, "augment")``: the same on every run."""
    return int.from_bytes(hashlib.sha256(f"{seed}/{epoch}/{name}".encode()).digest()[:8], "little")


# --- data -----------------------------------------------------------------------------------


def _load(data: Any, root: Any) -> tuple[datasets.ImageDataset, datasets.ImageDataset]:
    if isinstance(data, tuple) and len(data) == 2:
        return data
    # Every process loads the data itself; a download is atomic, so two processes never see half a file.
    return datasets.load(data, root=root)


def crop_flip(
    images: Tensor,
    padding: int = 4,
    generator: torch.Generator | None = None,
    *,
    share: tuple[int, int] = (0, 1),
) -> Tensor:
    """He et al.'s augmentation for a batch: pad with zeros, crop back at random, flip half.

    배치 전체를 한 번에 증강합니다: 0으로 ``padding``픽셀을 덧대고, 원래 크기로 무작위로 자르고, 절반은
    좌우로 뒤집습니다. The draws (three numbers per image) come from ``generator`` on the CPU; the
    pixels move wherever ``images`` are — on a GPU, one gather instead of a Python loop per image.

    ``share=(r, n)``: ``images`` are process r's share of a batch n times larger (its images r,
    r + n, r + 2n, …). The draws are made for the whole batch and each process keeps those of its
    images, so the crops do not depend on how many processes share the batch.
    """
    r, n = share
    total = images.shape[0] * n
    top = torch.randint(0, 2 * padding + 1, (total,), generator=generator)[r::n].to(images.device)
    left = torch.randint(0, 2 * padding + 1, (total,), generator=generator)[r::n].to(images.device)
    flip = (torch.rand(total, generator=generator) < 0.5)[r::n].to(images.device)
    b, c, h, w = images.shape
    padded = F.pad(images, (padding,) * 4)
    rows = top[:, None] + torch.arange(h, device=images.device)  # [b, h]: the rows each crop keeps
    columns = torch.arange(w, device=images.device).expand(b, w)
    columns = left[:, None] + torch.where(flip[:, None], columns.flip(1), columns)  # read right to left
    image = torch.arange(b, device=images.device)[:, None, None, None]
    channel = torch.arange(c, device=images.device)[None, :, None, None]
    return padded[image, channel, rows[:, None, :, None], columns[:, None, None, :]]


def _batch(
    data: datasets.ImageDataset,
    index: Tensor,
    device: torch.device,
    augment: torch.Generator | None = None,
    share: tuple[int, int] = (0, 1),
) -> tuple[Tensor, Tensor]:
    """Images ``index`` of ``data`` on ``device``: cropped and flipped if ``augment``, then normalised."""
    images = data.images[index].to(device, non_blocking=True)  # raw pixels in [0, 1]
    labels = data.labels[index].to(device, non_blocking=True)
    if augment is not None:
        images = crop_flip(images, 4, augment, share=share)
    mean = torch.tensor(data.mean, device=device).view(-1, 1, 1)
    std = torch.tensor(data.std, device=device).view(-1, 1, 1)
    images = (images - mean) / std  # after the crop: the padding is black, as in torchvision
    if device.type == "cuda":
        images = images.contiguous(memory_format=torch.channels_last)
    return images, labels


# --- model, optimizer, numbers ----------------------------------------------------------------


def _amp_dtype(world: _World) -> torch.dtype | None:
    """Mixed precision on CUDA: bfloat16 on GPUs that compute in it (Ampere and later), else float16.

    float16 has few exponent bits, so small gradients would round to zero: the GradScaler multiplies
    the loss before backward and divides the gradients again. bfloat16 has float32's range: no scaler.
    """
    if not world.cuda:
        return None
    return torch.bfloat16 if torch.cuda.get_device_capability(world.device) >= (8, 0) else torch.float16


def _evaluate(
    model: nn.Module, data: datasets.ImageDataset, world: _World, amp_dtype: torch.dtype | None
) -> tuple[float, float]:
    """Mean loss and accuracy on the whole test split (process 0, the model without DDP's wrapper)."""
    model.eval()
    loss_sum = torch.zeros((), device=world.device)
    correct = torch.zeros((), device=world.device)
    with torch.inference_mode():
        for begin in range(0, len(data), EVAL_BATCH_SIZE):
            index = torch.arange(begin, min(begin + EVAL_BATCH_SIZE, len(data)))
            images, labels = _batch(data, index, world.device)
            with torch.autocast(world.device.type, dtype=amp_dtype, enabled=amp_dtype is not None):
                logits = main_logits(model(images))
            loss_sum += F.cross_entropy(logits.float(), labels, reduction="sum")
            correct += (logits.argmax(1) == labels).sum()
    model.train()
    return loss_sum.item() / len(data), correct.item() / len(data)


def _new_history(
    net: nn.Module, name: str, pair: Any, recipe: recipes.Recipe, world: _World, steps: int
) -> History:
    """An empty History that says what this run is (``steps``: per epoch)."""
    train_set, test_set = pair
    training = {
        "recipe": recipe.identity, "processes": world.size,
        "batch_per_process": recipe.batch_size // world.size,
        "amp": str(_amp_dtype(world)), "channels_last": world.cuda,
    }  # fmt: skip
    data = {"train": train_set.name, "train_size": len(train_set), "test_size": len(test_set)}
    config = {"model": getattr(net, "config", None) or {}, "training": training, "data": data}
    return History(
        name=name, dataset=train_set.name, config=json.loads(json.dumps(config, default=str)),
        params=sum(p.numel() for p in net.parameters()), device=str(world.device),
        started=datetime.now().astimezone().isoformat(timespec="seconds"), steps_per_epoch=steps,
        recipe=recipe.identity,
    )  # fmt: skip


# --- checkpoints ------------------------------------------------------------------------------


def _check_out(out: Any, resume: bool) -> Path | None:
    """The output folder: new (or without a checkpoint) for a new run, with one for ``resume``."""
    if out is None:
        if resume:
            raise ConfigError("resume", True, i18n.both("reproduce.allowed.resume_out"))
        return None
    folder = Path(out).expanduser()
    has_checkpoint = (folder / CHECKPOINT).is_file()
    if resume and not has_checkpoint:
        raise ConfigError("resume", str(folder), i18n.both("reproduce.allowed.resume", file=CHECKPOINT))
    if not resume and has_checkpoint:
        raise ConfigError("out", str(folder), i18n.both("reproduce.allowed.out", file=CHECKPOINT))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError("out", str(folder), i18n.both("reproduce.allowed.writable"), str(error)) from None
    return folder


def _save(path: Path, state: Any) -> None:
    """Write ``state`` so that ``path`` always holds a complete file: the old one or the new one."""
    files.write_atomically(path, lambda file: torch.save(state, file))


def _restore(
    out: Path, run: dict[str, Any], parts: dict[str, Any], device: torch.device
) -> tuple[int, History]:
    """Load ``out/checkpoint.pt`` into ``parts``; return the epochs it had finished and its History."""
    path = out / CHECKPOINT
    try:
        state = torch.load(path, map_location=device, weights_only=True)  # tensors and plain values only
        saved_run = state["run"]
    except Exception as error:  # unpickling fails in many ways; each means "not usable"
        raise _unusable(path, error) from None
    if saved_run != run:
        changed = ", ".join(
            f"{k}: {saved_run.get(k)!r} → {v!r}" for k, v in run.items() if saved_run.get(k) != v
        )
        problem = i18n.both("reproduce.problem.other_run", changed=changed)
        raise ConfigError("resume", str(out), i18n.both("reproduce.allowed.same_run"), problem)
    try:  # a file of this run with a part missing or damaged is just as unusable
        for key, part in parts.items():
            part.load_state_dict(state[key])
        return int(state["epochs_done"]), History.from_dict(json.loads(state["history"]))
    except Exception as error:
        raise _unusable(path, error) from None


def _unusable(path: Path, error: BaseException) -> ConfigError:
    problem = i18n.both("reproduce.problem.unreadable", error=type(error).__name__)
    return ConfigError("resume", str(path), i18n.both("reproduce.allowed.resume", file=CHECKPOINT), problem)
