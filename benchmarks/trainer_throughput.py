"""How much does ``cnnlib.train.fit`` cost compared with a bare hand-written training loop?

fit()의 학습 속도(초당 스텝)를 손으로 쓴 가장 단순한 학습 루프와 비교합니다.

Same model (a small CNN defined below), same data (random 3×32×32 images read with
``get_batch``, as fit does), batch 128, 2 CPU threads. Each measurement times the whole
call — fit's checks, trial forward and evaluations of the training statistics included —
and the variants are interleaved so that background load hits them alike. Writes
``benchmarks/results/trainer_throughput.md``.

Run:  python benchmarks/trainer_throughput.py [--steps 40] [--repeats 7]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from cnnlib.train import fit

RESULTS = Path(__file__).parent / "results" / "trainer_throughput.md"
BATCH_SIZE = 128
THREADS = 2


class RandomImages:
    """A stand-in for cnnlib.data.ImageDataset: random 32×32 colour images, 10 classes."""

    def __init__(self, n: int = 2048, seed: int = 0) -> None:
        g = torch.Generator().manual_seed(seed)
        self.images = torch.rand(n, 3, 32, 32, generator=g)
        self.labels = torch.randint(0, 10, (n,), generator=g)
        self.classes = [(str(c), str(c)) for c in range(10)]
        self.name = "random32"
        self.mean, self.std = (0.5, 0.5, 0.5), (0.25, 0.25, 0.25)
        self.transform = None
        self._mean = torch.tensor(self.mean).view(1, 3, 1, 1)
        self._std = torch.tensor(self.std).view(1, 3, 1, 1)

    num_classes = property(lambda self: 10)
    channels = property(lambda self: 3)
    image_size = property(lambda self: 32)

    def __len__(self) -> int:
        return len(self.labels)

    def get_batch(self, index: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return (self.images[index] - self._mean) / self._std, self.labels[index]


def small_cnn() -> nn.Module:
    torch.manual_seed(0)  # every measurement starts from the same weights
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 8 * 8, 10),
    )  # fmt: skip


def bare_loop(data: RandomImages, steps: int) -> None:
    """The loop a student would write by hand."""
    model = small_cnn()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(0)
    steps_per_epoch = len(data) // BATCH_SIZE
    model.train()
    for step in range(steps):
        position = step % steps_per_epoch
        if position == 0:
            order = torch.randperm(len(data), generator=generator)
        images, labels = data.get_batch(order[position * BATCH_SIZE : (position + 1) * BATCH_SIZE])
        loss = F.cross_entropy(model(images), labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()


def with_fit(data: RandomImages, steps: int, progress: bool = False) -> None:
    # The progress bar draws into a buffer: we measure its bookkeeping, not the terminal.
    with contextlib.redirect_stderr(io.StringIO()):
        history = fit(
            small_cnn(), data, steps=steps, batch_size=BATCH_SIZE, device="cpu",
            progress=progress, live=False, log=False,
        )  # fmt: skip
    assert history.steps == steps


def timed(run: Callable[[], None]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process) of one call.

    On a busy shared machine the wall clock also counts time spent waiting for a core;
    the CPU time does not, so it is the steadier of the two figures.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    torch.set_num_threads(THREADS)
    data = RandomImages()
    variants = {
        "bare loop": lambda: bare_loop(data, args.steps),
        "fit (progress=False)": lambda: with_fit(data, args.steps),
        "fit (progress=True)": lambda: with_fit(data, args.steps, progress=True),
    }
    for run in variants.values():  # warm-up: first calls pay for lazy initialisation
        run()
    load_before = os.getloadavg()
    wall: dict[str, list[float]] = {name: [] for name in variants}  # steps per wall-clock second
    cpu: dict[str, list[float]] = {name: [] for name in variants}  # steps per CPU second
    names = list(variants)
    for repeat in range(args.repeats):
        for name in names[repeat % 3 :] + names[: repeat % 3]:  # rotate the order each repeat
            wall_seconds, cpu_seconds = timed(variants[name])
            wall[name].append(args.steps / wall_seconds)
            cpu[name].append(args.steps / cpu_seconds)
    load_after = os.getloadavg()

    def ratio(rates: dict[str, list[float]], name: str) -> float:
        return statistics.median(rates[name]) / statistics.median(rates["bare loop"])

    def paired(rates: dict[str, list[float]], name: str) -> float:
        # Each call compared with the bare loop of the same repeat (a second or so apart),
        # so slow changes in background load cancel out.
        pairs = zip(rates[name], rates["bare loop"], strict=True)
        return statistics.median(mine / bare for mine, bare in pairs)

    lines = [
        "# Trainer throughput: `fit()` vs a bare training loop",
        "",
        f"Small CNN (conv 16 → conv 32 → fc 10, {sum(p.numel() for p in small_cnn().parameters()):,} "
        f"parameters) on random 3×32×32 images, batch {BATCH_SIZE}, {args.steps} steps per measurement, "
        f"{args.repeats} interleaved repeats, `torch.set_num_threads({THREADS})`. Each measurement times the "
        "whole call (fit's setting checks, trial forward and training-statistics readout included).",
        "",
        "| variant | steps/s (wall): median | best | min | ratio of medians | best / best "
        "| median paired ratio | steps per CPU-s: median | paired ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in variants:
        w, c = wall[name], cpu[name]
        best = max(w) / max(wall["bare loop"])
        lines.append(
            f"| {name} | {statistics.median(w):.2f} | {max(w):.2f} | {min(w):.2f} | {ratio(wall, name):.3f} "
            f"| {best:.3f} | {paired(wall, name):.3f} | {statistics.median(c):.2f} "
            f"| {paired(cpu, name):.3f} |"
        )
    lines += [
        "",
        "Headline: fit (progress=False) / bare loop, median of paired ratios = "
        f"**{paired(wall, 'fit (progress=False)'):.3f}** (wall clock); with the progress bar "
        f"**{paired(wall, 'fit (progress=True)'):.3f}**.",
        "",
        "## Machine",
        "",
        f"- platform: `{platform.platform()}`",
        f"- processor: `{platform.processor() or platform.machine()}`",
        f"- Python {platform.python_version()}, torch `{torch.__version__}`",
        f"- CPU cores: {os.cpu_count()}, torch threads: {torch.get_num_threads()}",
        f"- load average (1 min) before / after: {load_before[0]:.2f} / {load_after[0]:.2f} "
        "(a shared machine: other work may have run alongside)",
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))  # a script, not the library: printing the result is its job


if __name__ == "__main__":
    main()
