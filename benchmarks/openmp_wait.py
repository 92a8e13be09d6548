"""One training step of each lab network with OpenMP's default and with passive waiting.

Run: ``python benchmarks/openmp_wait.py [--steps N]`` → ``benchmarks/results/openmp_wait.md``.

``dev.py test`` sets ``OMP_WAIT_POLICY=PASSIVE`` so that the test process, a notebook kernel and
the browser do not spin on each other's two cores; this measures what that costs a process
alone (a student's kernel, ``dev.py lab``), which is why only the test command sets it. Each
policy runs in a fresh process (OpenMP reads the variable once, at start-up); median step time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

NETWORKS = ["alexnet", "vgg11", "googlenet", "resnet32"]


def steps(name: str, count: int) -> list[float]:
    """Seconds per forward + backward step of one lab network (batch 64, 32×32, 10 classes)."""
    import torch
    import torch.nn.functional as F

    from cnnlib.models import alexnet, googlenet, resnet, vgg

    torch.set_num_threads(2)
    lab = {"input_size": 32, "num_classes": 10}
    model = {
        "alexnet": lambda: alexnet(width=0.125, fc_width=128, **lab),
        "vgg11": lambda: vgg("A", width=0.25, **lab),
        "googlenet": lambda: googlenet("torchvision", aux_logits=False, width=0.125, **lab),
        "resnet32": lambda: resnet(32, "cifar", width=0.25, **lab),
    }[name]()
    x, y = torch.randn(64, 3, 32, 32), torch.zeros(64, dtype=torch.long)
    times = []
    for i in range(count + 3):  # three to warm up
        start = time.perf_counter()
        F.cross_entropy(model(x), y).backward()
        if i >= 3:
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(steps(args.one[0], int(args.one[1]))))
        return
    load_before = os.getloadavg()[0]
    rows = []
    for name in NETWORKS:
        medians = {}
        for policy in ("default", "PASSIVE"):
            env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
            if policy != "default":
                env["OMP_WAIT_POLICY"] = policy
            command = [sys.executable, __file__, "--one", name, str(args.steps)]
            out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
            medians[policy] = statistics.median(json.loads(out.strip().splitlines()[-1])) * 1000
        rows.append((name, medians["default"], medians["PASSIVE"]))
        print(rows[-1], flush=True)
    import torch

    lines = [
        "## OpenMP waiting: one training step of each lab network",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}, 2 threads; "
        f"load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f}. Median of {args.steps} "
        "steps (forward + backward, batch 64, 32×32), each policy in a fresh process.",
        "",
        "| lab network | default waiting (ms) | `OMP_WAIT_POLICY=PASSIVE` (ms) | passive ÷ default |",
        "|---|---:|---:|---:|",
        *[f"| {n} | {d:.0f} | {p:.0f} | {p / d:.2f} |" for n, d, p in rows],
        "",
        "Passive waiting puts idle OpenMP threads to sleep at once, so every parallel region pays to",
        "wake them: cheap for big layers, costly for the many small ones of the lab networks. Only",
        "`dev.py test` sets it (several processes share 2 cores there); kernels of `dev.py lab`, Colab",
        "and `benchmarks/experiments_time.py` use the default.",
        "",
    ]
    out = Path(__file__).parent / "results" / "openmp_wait.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
