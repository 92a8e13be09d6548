"""Wall time and peak memory of every quick experiment (and its longest training run) on this machine.

Run: ``python benchmarks/experiments_time.py [--repeats N]`` → ``benchmarks/results/experiments_time.md``.
The targets: an experiment within 60 s on 2 CPU cores, each training run within 20 s.

Each run of a lesson is a fresh Python process (``--one NAME``), so its peak resident memory is
the memory a student's kernel needs for that lesson, and no run inherits another's caches. The
embedded dataset is generated before the clock starts (0.7 s, once per session in a notebook).
``CNNLIB_EXPERIMENT_CACHE`` is removed (remembered results would time nothing), and so is
``OMP_WAIT_POLICY``: the runs see what a student's kernel sees.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

# A student's kernel: OpenMP's default waiting (dev.py test sets passive waiting, which makes the
# many small layers of the lab networks up to 2x slower in a process alone), and nothing remembered.
os.environ.pop("OMP_WAIT_POLICY", None)
os.environ.pop("CNNLIB_EXPERIMENT_CACHE", None)

LESSONS = ["relu_vs_tanh", "dropout_and_augmentation", "lrn_accuracy", "vgg_stacks",
           "inception_reductions", "degradation", "vanishing_gradients"]  # fmt: skip


def one(name: str) -> None:
    """Run one lesson in this process and print what it cost as JSON."""
    import torch

    from cnnlib import experiments

    torch.set_num_threads(2)
    experiments._data(None)
    start = time.perf_counter()
    result = getattr(experiments, name)()
    total = time.perf_counter() - start
    longest = max((h.seconds for h in result.runs.values()), default=0.0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(json.dumps({"total": total, "longest": longest, "runs": len(result.runs), "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return one(args.one)

    import torch

    load_before = os.getloadavg()[0]
    rows = []
    for name in LESSONS:
        measured = []
        for _ in range(args.repeats):
            out = subprocess.run(
                [sys.executable, __file__, "--one", name], check=True, capture_output=True, text=True
            ).stdout
            measured.append(json.loads(out.strip().splitlines()[-1]))
            print(name, measured[-1], flush=True)
        rows.append(
            (
                name,
                measured[0]["runs"],
                statistics.median(m["total"] for m in measured),
                statistics.median(m["longest"] for m in measured),
                max(m["peak_mb"] for m in measured),
            )
        )
    lines = [
        '## Quick experiments (`cnnlib.experiments`, setting="quick")',
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"torch {torch.__version__}, 2 threads, OpenMP's default waiting; load average before "
        f"{load_before:.1f}, after {os.getloadavg()[0]:.1f}. Median of {args.repeats} runs, each in a "
        "fresh process.",
        "",
        "| lesson | training runs | experiment (s) | longest single run (s) | peak memory (MB) |",
        "|---|---:|---:|---:|---:|",
        *[f"| {n} | {r} | {t:.1f} | {s:.1f} | {m:.0f} |" for n, r, t, s, m in rows],
        "",
        "Peak memory: the largest resident set of the process over the repeats (Python, torch, the",
        "embedded dataset and the lesson's networks): what a kernel needs for that lesson alone.",
        "",
    ]
    out = Path(__file__).parent / "results" / "experiments_time.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
