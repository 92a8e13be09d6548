"""How fast is a block diagram? An explorer draws one after the numbers of every new network.

Measures, for the default network of every builder and a few lab-scale twins: building the
:class:`cnnlib.plots.DiagramSpec`, drawing it, and turning it into the PNG an explorer shows
(``savefig`` at 96 dpi, zlib level 1, as ``cnnlib.display.figure_data`` does) — median and
95th percentile of repeated runs, torch on 1 thread. "CPU" is the process's CPU time for
the same work: on a shared machine it stays near what an idle laptop would take, while wall time
grows with the other jobs' load. "first" is the first diagram of that
network in the process (new labels: matplotlib lays out and renders their glyphs for the first
time); any label cache a version of ``cnnlib.plots`` keeps is emptied before it.

Run: ``python benchmarks/diagram_speed.py [--out PATH] [--repeats N]`` → writes
``benchmarks/results/diagram_speed.md`` (or PATH). Point ``PYTHONPATH`` at another checkout to
measure its ``cnnlib`` with the same script.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib
import torch
from matplotlib import rc_context

import cnnlib
from cnnlib import plots
from cnnlib.models import alexnet, googlenet, inception, resnet, vgg

LAB = dict(input_size=32, num_classes=10, width=0.25, device="meta")

# name -> (model builder, input size for diagram_spec)
MODELS: dict[str, tuple[Callable[[], torch.nn.Module], int | None]] = {
    "ResNet-20 (cifar, lab)": (lambda: resnet(20, "cifar", device="meta"), None),
    "plain-20 (cifar, lab)": (lambda: resnet(20, "cifar", skip=False, device="meta"), None),
    "ResNet-56 (cifar, lab)": (lambda: resnet(56, "cifar", device="meta"), None),
    "VGG-11 (lab, width 0.25)": (lambda: vgg(11, **LAB), None),
    "AlexNet (lab, width 0.25)": (lambda: alexnet(**LAB), None),
    "GoogLeNet (lab, width 0.25)": (lambda: googlenet(**LAB), None),
    "inception module 3a": (lambda: inception(192, 64, 96, 128, 16, 32, 32, device="meta"), 28),
    "AlexNet (paper, default)": (lambda: alexnet(device="meta"), None),
    "VGG-16 (default)": (lambda: vgg(device="meta"), None),
    "VGG-19": (lambda: vgg(19, device="meta"), None),
    "GoogLeNet (paper, default)": (lambda: googlenet(device="meta"), None),
    "ResNet-18 (default)": (lambda: resnet(device="meta"), None),
    "ResNet-50": (lambda: resnet(50, device="meta"), None),
    "ResNet-101": (lambda: resnet(101, device="meta"), None),
    "ResNet-152": (lambda: resnet(152, device="meta"), None),
}


def png(figure) -> bytes:
    """The explorer's PNG: the whole figure at 96 dpi, zlib level 1."""
    raw = io.BytesIO()
    with rc_context({"savefig.bbox": "standard"}):
        figure.savefig(raw, format="png", dpi=96, pil_kwargs={"compress_level": 1})
    return raw.getvalue()


def one_draw(model: torch.nn.Module, size: int | None) -> tuple[float, float, float, plots.DiagramSpec]:
    """(spec ms, draw + PNG ms, CPU ms of both, spec) for one diagram."""
    cpu, t0 = time.process_time(), time.perf_counter()
    spec = plots.diagram_spec(model, size)
    t1 = time.perf_counter()
    png(plots.diagram(spec))
    t2 = time.perf_counter()
    return (t1 - t0) * 1e3, (t2 - t1) * 1e3, (time.process_time() - cpu) * 1e3, spec


def clear_label_caches() -> None:
    """Empty the text-size memo (``plots.style._measure``; older versions: ``_sprite``, ``_metrics``)."""
    for module in (plots, getattr(plots, "style", None)):
        for name in ("_sprite", "_metrics", "_measure"):
            cache = getattr(module, name, None)
            if cache is not None:
                cache.cache_clear()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent / "results" / "diagram_speed.md"
    )
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    torch.set_num_threads(1)
    one_draw(resnet(20, "cifar", device="meta"), None)  # warm-up: fonts, torch's meta kernels
    load = os.getloadavg()[0]
    rows = []
    for name, (build, size) in MODELS.items():
        model = build()
        clear_label_caches()
        first = sum(one_draw(model, size)[:2])
        runs = [one_draw(model, size) for _ in range(args.repeats)]
        spec = runs[0][3]
        totals = [r[0] + r[1] for r in runs]
        view = "collapsed" if spec.collapsed else "every layer"
        rows.append(
            f"| {name} | {len(spec.boxes)} | {len(spec.arcs)} | {view} "
            f"| {statistics.median(r[0] for r in runs):.0f} | {statistics.median(r[1] for r in runs):.0f} "
            f"| **{statistics.median(totals):.0f}** | **{p95(totals):.0f}** "
            f"| {statistics.median(r[2] for r in runs):.0f} | {first:.0f} |"
        )
    source = Path(cnnlib.__file__).resolve().parent
    lines = [
        "## Block diagrams (`cnnlib.plots.diagram`)",
        "",
        f"Machine: {platform.machine()} ({os.cpu_count()} cores, shared), 1 torch thread, "
        f"Python {platform.python_version()}, torch {torch.__version__}, "
        f"matplotlib {matplotlib.__version__}; cnnlib from `{source.parent.name}`. "
        f"{args.repeats} runs per network after a first one; the model is built beforehand (not timed). "
        f"1-minute load average at the start: {load:.1f} (other work on the "
        f"machine slows every row), at the end: {os.getloadavg()[0]:.1f}.",
        "",
        "| model | boxes | arcs | view | spec (ms) | draw + PNG (ms) | **total, median (ms)** "
        "| **total, p95 (ms)** | CPU, median (ms) | first draw (ms) |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
