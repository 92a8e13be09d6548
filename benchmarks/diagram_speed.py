"""How fast is a block diagram? The widgets redraw one on every knob change.

Measures, for the default network of every builder and a few lab-scale twins: building
the :class:`cnnlib.plots.DiagramSpec` (from the trace the builder kept on the model), drawing
it, and turning it into the PNG a widget shows (``cnnlib.display.figure_data``: 96 dpi)
— the median of repeated runs, 2 threads.
"warm" is what a widget sees after its first draw (labels already rasterised, see
``cnnlib.plots._Label``); "cold" empties the label caches before every run.

Run: ``python benchmarks/diagram_speed.py`` → writes ``benchmarks/results/diagram_speed.md``.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib
import torch

from cnnlib import plots
from cnnlib.display import figure_data
from cnnlib.models import alexnet, googlenet, inception, resnet, vgg

REPEATS = 9
COLD_REPEATS = 3
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
    "ResNet-152": (lambda: resnet(152, device="meta"), None),
}


def one_draw(model: torch.nn.Module, size: int | None) -> tuple[float, float, plots.DiagramSpec]:
    """(spec ms, draw + PNG ms, spec) for one diagram."""
    t0 = time.perf_counter()
    spec = plots.diagram_spec(model, size)
    t1 = time.perf_counter()
    figure_data(plots.diagram(spec))  # the PNG as an explorer shows it
    t2 = time.perf_counter()
    return (t1 - t0) * 1e3, (t2 - t1) * 1e3, spec


def clear_label_caches() -> None:
    plots._sprite.cache_clear()
    plots._metrics.cache_clear()


def main() -> None:
    torch.set_num_threads(2)
    one_draw(resnet(20, "cifar", device="meta"), None)  # warm-up: fonts, torch's meta kernels
    lines = [
        "## Block diagrams (`cnnlib.plots.diagram`)",
        "",
        f"Machine: {platform.machine()} ({os.cpu_count()} cores), {torch.get_num_threads()} torch threads, "
        f"Python {platform.python_version()}, torch {torch.__version__}, "
        f"matplotlib {matplotlib.__version__}. Median of {REPEATS} runs (cold: {COLD_REPEATS}); "
        "the model is built beforehand (not timed). "
        f"Load average before the run: {os.getloadavg()[0]:.1f} (other work on the machine slows every row).",
        "",
        "| model | boxes | arcs | view | spec (ms) | draw + PNG (ms) | **total, warm (ms)** "
        "| fastest warm (ms) | total, cold (ms) |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for name, (build, size) in MODELS.items():
        model = build()
        cold = []
        for _ in range(COLD_REPEATS):
            clear_label_caches()
            spec_ms, draw_ms, _ = one_draw(model, size)
            cold.append(spec_ms + draw_ms)
        runs = [one_draw(model, size) for _ in range(REPEATS)]
        spec = runs[0][2]
        spec_ms = statistics.median(r[0] for r in runs)
        draw_ms = statistics.median(r[1] for r in runs)
        total = statistics.median(r[0] + r[1] for r in runs)
        view = "collapsed" if spec.collapsed else "every layer"
        lines.append(
            f"| {name} | {len(spec.boxes)} | {len(spec.arcs)} | {view} | {spec_ms:.0f} | {draw_ms:.0f} "
            f"| **{total:.0f}** | {min(r[0] + r[1] for r in runs):.0f} | {statistics.median(cold):.0f} |"
        )
    lines += [
        "",
        "The PNG is the one an explorer shows (96 dpi, `cnnlib.display.figure_data`). "
        "Widgets redraw lab-scale networks: the target is about 100 ms warm. Matplotlib ≥ 3.11 renders",
        "text glyph by glyph in Python, so the first draw of new labels (cold) costs more; labels are",
        "rasterised once per (text, font, colour, dpi) and reused, and a knob change keeps most of them.",
        "",
        "Before and after the latency work (the code of commit 4f75b8e, then this version; this table, "
        "two alternating runs each at load 2.0–2.5), total warm: ResNet-20 55 / 58 → 35 / 31 ms, "
        "GoogLeNet (lab) 90 / 134 → 47 / 41 ms, ResNet-152 99 / 100 → 49 / 44 ms. The spec reads the "
        "builder's kept trace instead of running the model again, boxes are paths in one collection, "
        "and the PNG is encoded unfiltered (`cnnlib.widgets.base.png`) instead of by Pillow.",
    ]
    out = Path(__file__).resolve().parent / "results" / "diagram_speed.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
