"""Wall time of every quick experiment (each training run inside it too) on this machine.

Run: ``python benchmarks/experiments_time.py [--repeats N]`` → ``benchmarks/results/experiments_time.md``.
The targets: an experiment within 60 s on 2 CPU cores, each training run within 20 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch starts its thread pool

import torch

from cnnlib import experiments

LESSONS = ["relu_vs_tanh", "dropout_and_augmentation", "lrn_accuracy", "vgg_stacks",
           "inception_reductions", "degradation", "vanishing_gradients"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(2)
    experiments._data(None)  # the dataset is generated once per session; not part of a lesson's time
    load_before = os.getloadavg()[0]
    rows = []
    for name in LESSONS:
        totals, longest = [], []
        for _ in range(args.repeats):
            start = time.perf_counter()
            result = getattr(experiments, name)()
            totals.append(time.perf_counter() - start)
            longest.append(max((h.seconds for h in result.runs.values()), default=0.0))
        rows.append((name, statistics.median(totals), statistics.median(longest), len(result.runs)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        '## Quick experiments (`cnnlib.experiments`, setting="quick")',
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads; load average before {load_before:.1f}, after "
        f"{os.getloadavg()[0]:.1f}. Median of {args.repeats} run(s).",
        "",
        "| lesson | runs | experiment (s) | longest single run (s) |",
        "|---|---:|---:|---:|",
        *[f"| {n} | {r} | {t:.1f} | {s:.1f} |" for n, t, s, r in rows],
        "",
        f"Peak resident memory of the whole benchmark process: {peak:.0f} MB.",
        "",
    ]
    out = Path(__file__).parent / "results" / "experiments_time.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
