"""How fast is counting, and does it really allocate no weights?

Measures, for paper-scale networks at 224×224: building the model on the meta device,
then ``cnnlib.count.table`` — median of repeated runs — and the peak resident memory
growth of the whole process (VGG-19's weights alone would be 548 MB in float32).

Run: ``python benchmarks/count_speed.py`` → writes ``benchmarks/results/count_speed.md``.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import time
from pathlib import Path

import torch

from cnnlib import count
from cnnlib.models import alexnet, googlenet, resnet, vgg

REPEATS = 15
MODELS = {
    "VGG-19": lambda: vgg(19, device="meta"),
    "AlexNet (paper)": lambda: alexnet(device="meta"),
    "GoogLeNet (paper)": lambda: googlenet(device="meta"),
    "ResNet-152": lambda: resnet(152, device="meta"),
}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    torch.set_num_threads(2)
    count.table(resnet(20, "cifar", device="meta"))  # warm-up: torch loads its meta kernels lazily
    start_rss = peak_rss_mb()
    lines = [
        "## Counting on the meta device (`cnnlib.count.table`)",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {torch.get_num_threads()} threads, "
        f"Python {platform.python_version()}, torch {torch.__version__}, load average "
        f"{os.getloadavg()[0]:.1f} (2 cores shared with other jobs). Median of {REPEATS} runs.",
        "",
        "| model | params | build on meta (ms) | table (ms) | build + table (ms) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, build in MODELS.items():
        build_times, table_times = [], []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            model = build()
            t1 = time.perf_counter()
            table = count.table(model)
            t2 = time.perf_counter()
            build_times.append((t1 - t0) * 1e3)
            table_times.append((t2 - t1) * 1e3)
        b, t = statistics.median(build_times), statistics.median(table_times)
        lines.append(f"| {name} | {table.total_params:,} | {b:.1f} | {t:.1f} | {b + t:.1f} |")
    growth = peak_rss_mb() - start_rss
    lines += [
        "",
        f"Peak resident memory grew by {growth:.0f} MB over all runs "
        f"(VGG-19's float32 weights alone are {143_667_240 * 4 / 2**20:.0f} MB): no weights were allocated.",
        "",
    ]
    out = Path(__file__).parent / "results" / "count_speed.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
