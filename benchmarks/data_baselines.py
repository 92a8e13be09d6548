"""Does the embedded "shapes" dataset make architecture matter? Measure it.

내장 데이터셋 "shapes"에서 구조(architecture)가 정말 중요한지 측정합니다.

Measures, on this machine's CPU:

1. the time to generate the default ``cnnlib.data.load()`` (10 000 + 2 000 images; median of 3);
2. a linear classifier (logistic regression on the raw, normalized pixels) — test accuracy;
3. a small CNN ``conv16-pool-conv32-pool-fc`` (Adam 1e-3, batch 128) — test accuracy after
   15 s and 60 s of training (evaluation time not counted), and after fixed numbers of steps,
   which do not depend on how fast or how busy the machine is.

The linear classifier should stay far below the CNN; the CNN should not saturate at 15 s and
keep improving by 60 s. Writes ``benchmarks/results/data_baselines.md``.

Run:  ``python benchmarks/data_baselines.py``  (2–6 minutes on 2 CPU cores, depending on load)

The two models are defined here, with a bare training loop, so that the figures do not depend
on the rest of cnnlib.
"""

from __future__ import annotations

import os

# On a shared machine, OpenMP threads that spin while waiting for a busy core made training with
# 2 threads 3-4x slower than with 1 (measured here). Waiting passively fixes that; it must be set
# before torch starts its thread pool. An explicit setting in the environment wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse
import platform
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from cnnlib import data

RESULTS = Path(__file__).parent / "results" / "data_baselines.md"


class SmallCNN(nn.Module):
    """conv16-pool-conv32-pool-fc: about the smallest network that can find a shape anywhere."""

    def __init__(self, channels: int = 3, num_classes: int = 10, image_size: int = 32) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(channels, 16, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Linear(32 * (image_size // 4) ** 2, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x).flatten(1))


class Linear(nn.Module):
    """Logistic regression on raw pixels: one weight per pixel and class, no hidden layer."""

    def __init__(self, channels: int = 3, num_classes: int = 10, image_size: int = 32) -> None:
        super().__init__()
        self.fc = nn.Linear(channels * image_size**2, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x.flatten(1))


@dataclass
class Checkpoint:
    seconds: float  # training time so far (evaluation excluded)
    steps: int
    train_acc: float
    test_acc: float


@torch.no_grad()
def accuracy(model: nn.Module, dataset: data.ImageDataset) -> float:
    """Fraction of correctly classified images, in batches of 1000."""
    model.eval()
    correct = 0
    for start in range(0, len(dataset), 1000):
        x, y = dataset.get_batch(torch.arange(start, min(start + 1000, len(dataset))))
        correct += int((model(x).argmax(1) == y).sum())
    model.train()
    return correct / len(dataset)


def train(
    model: nn.Module,
    train_set: data.ImageDataset,
    test_set: data.ImageDataset,
    *,
    seconds: tuple[float, ...] = (),
    steps: tuple[int, ...] = (),
    seed: int = 0,
) -> dict[str, Checkpoint]:
    """Adam 1e-3, batch 128, reshuffled every epoch; evaluate at each time and step checkpoint.

    Returns checkpoints keyed ``"15 s"``, ``"500 steps"``, … ; training stops once all are reached.
    """
    torch.manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    order_rng = torch.Generator().manual_seed(seed)
    pending_seconds, pending_steps = sorted(seconds), sorted(steps)
    results: dict[str, Checkpoint] = {}
    elapsed, done = 0.0, 0

    def record(key: str) -> None:
        results[key] = Checkpoint(elapsed, done, accuracy(model, train_set), accuracy(model, test_set))

    while pending_seconds or pending_steps:
        for index in torch.randperm(len(train_set), generator=order_rng).split(128):
            start = time.perf_counter()
            x, y = train_set.get_batch(index)
            loss = loss_fn(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            elapsed += time.perf_counter() - start
            done += 1
            while pending_seconds and elapsed >= pending_seconds[0]:
                record(f"{pending_seconds.pop(0):g} s")
            while pending_steps and done >= pending_steps[0]:
                record(f"{pending_steps.pop(0)} steps")
            if not (pending_seconds or pending_steps):
                break
    return results


def machine(threads: int) -> str:
    """CPU, cores, torch version and how busy the machine is, for the results file."""
    cpu = platform.processor() or platform.machine()
    if os.path.exists("/proc/cpuinfo"):  # Linux: the real model name
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        cpu = names[0] if names else cpu
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} CPU cores ({cpu}), no GPU; torch {torch.__version__}; "
        f"torch.set_num_threads({threads}); OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}; "
        f"load average at start {load:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, nargs="+", default=[15.0, 60.0])
    parser.add_argument("--steps", type=int, nargs="*", default=[500, 2000])
    parser.add_argument("--linear-epochs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write the results file")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    where = machine(args.threads)
    print(where)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        train_set, test_set = data.load(seed=args.seed)
        times.append(time.perf_counter() - start)
    generation = statistics.median(times)
    print(f"generation (median of 3): {generation:.2f} s  {[round(t, 2) for t in times]}")

    epoch_steps = -(-len(train_set) // 128)
    linear = train(Linear(), train_set, test_set, steps=(args.linear_epochs * epoch_steps,), seed=args.seed)
    (lin,) = linear.values()
    print(
        f"linear: train {lin.train_acc:.1%}  test {lin.test_acc:.1%}",
        f"({lin.steps} steps, {lin.seconds:.1f} s)",
    )

    cnn = train(
        SmallCNN(), train_set, test_set, seconds=tuple(args.seconds), steps=tuple(args.steps), seed=args.seed
    )
    for key, c in cnn.items():
        print(
            f"small CNN @ {key}: train {c.train_acc:.1%}  test {c.test_acc:.1%}",
            f"({c.steps} steps, {c.seconds:.0f} s)",
        )

    ms_per_step = 1000 * max(c.seconds for c in cnn.values()) / max(c.steps for c in cnn.values())
    lines = [
        "# Embedded dataset `shapes`: baselines",
        "",
        f"Machine: {where}.",
        "",
        "Measured by `python benchmarks/data_baselines.py` (bare PyTorch loop, Adam 1e-3, batch 128, "
        f"seed {args.seed}; seconds are training time only, evaluation excluded). Chance = 10 %.",
        "",
        "| What | Result |",
        "|---|---|",
        f"| Generate `load()` (10 000 train + 2 000 test, median of 3) | {generation:.2f} s |",
        f"| Linear classifier (logistic regression on pixels), {args.linear_epochs} epochs "
        f"({lin.steps} steps, {lin.seconds:.0f} s) | test {lin.test_acc:.1%} (train {lin.train_acc:.1%}) |",
    ]
    for key, c in cnn.items():
        lines.append(
            f"| Small CNN conv16-pool-conv32-pool-fc, {key} ({c.steps} steps, {c.seconds:.0f} s) "
            f"| test {c.test_acc:.1%} (train {c.train_acc:.1%}) |"
        )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += [
        "",
        f"Small CNN: {ms_per_step:.0f} ms per training step here; load average when finished {load:.1f}. "
        "On a busy or slower machine fewer steps fit in 15 s; the step rows do not depend on speed.",
        "",
    ]
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
