"""What does matplotlib's own PNG cost the explorers, against the hand-written encoder it replaced?

탐색기 그림을 matplotlib의 PNG로 바꾸면 얼마나 느려지는지, 예전 손으로 쓴 인코더와 비교합니다.

For the figures an explorer turns into PNG (the architecture diagrams, the parameter bars, the
training curves), at the explorers' 96 dpi: the removed ``cnnlib.widgets.base.png`` (unfiltered
RGB at zlib level 3, kept here verbatim to compare), ``savefig(format="png")`` with Pillow's
defaults, and with ``compress_level=1`` as ``cnnlib.display.figure_data`` now does.
Each time includes drawing the figure. Writes ``benchmarks/results/widget_png.md``.

Run:  python benchmarks/widget_png.py
"""

from __future__ import annotations

import io
import os
import statistics
import struct
import time
import zlib
from pathlib import Path

import numpy as np
import torch
from matplotlib import rc_context

from cnnlib import count, plots
from cnnlib.models import alexnet, resnet, vgg
from cnnlib.train import History

RESULTS = Path(__file__).parent / "results" / "widget_png.md"
DPI = 96


def hand_png(rgba: np.ndarray) -> bytes:
    """The encoder this benchmark retired (cnnlib.widgets.base.png before issue 13)."""
    opaque = bool((rgba[..., 3] == 255).all())
    pixels = rgba[..., :3] if opaque else rgba
    height, width, channels = pixels.shape
    rows = np.zeros((height, 1 + width * channels), np.uint8)
    rows[:, 1:] = pixels.reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)
    chunks = ((b"IHDR", header), (b"IDAT", zlib.compress(rows.tobytes(), 3)), (b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        for kind, body in chunks
    )


def hand(figure) -> bytes:
    raw = io.BytesIO()
    with rc_context({"savefig.bbox": "standard"}):
        figure.savefig(raw, format="rgba", dpi=DPI)
    width, height = int(figure.get_figwidth() * DPI), int(figure.get_figheight() * DPI)
    return hand_png(np.frombuffer(raw.getbuffer(), np.uint8).reshape(height, width, 4))


def savefig(level: int | None):
    def encode(figure) -> bytes:
        raw = io.BytesIO()
        with rc_context({"savefig.bbox": "standard"}):
            kwargs = None if level is None else {"compress_level": level}
            figure.savefig(raw, format="png", dpi=DPI, pil_kwargs=kwargs)
        return raw.getvalue()

    return encode


def main() -> None:
    torch.set_num_threads(1)
    history = History(
        name="a", step=list(range(10, 210, 10)), train_loss=list(np.linspace(2, 0.5, 20)),
        train_acc=list(np.linspace(0.1, 0.8, 20)), test_loss=list(np.linspace(2, 0.6, 20)),
        test_acc=list(np.linspace(0.1, 0.7, 20)),
    )  # fmt: skip
    figures = {
        "diagram ResNet-152": plots.diagram(resnet(152, device="meta")),
        "diagram ResNet-20": plots.diagram(resnet(20, "cifar", device="meta")),
        "diagram VGG-16": plots.diagram(vgg("D", device="meta")),
        "param_bars AlexNet": plots.param_bars(count.table(alexnet(device="meta"))),
        "training_curves (2 runs)": plots.training_curves([history, history]),
    }
    encoders = {
        "hand-written (before)": hand,
        "savefig, Pillow default (level 6)": savefig(None),
        "savefig, compress_level=1 (now)": savefig(1),
    }
    load = os.getloadavg()[0]
    lines = [
        "## Explorer figures as PNG: matplotlib's own output against the retired hand-written encoder",
        "",
        "| figure | pixels | encoder | median (ms) | max (ms) | size (kB) |",
        "|---|---|---|---:|---:|---:|",
    ]
    for name, figure in figures.items():
        for label, encode in encoders.items():
            encode(figure)  # glyphs and fonts warm, as on an explorer's second redraw
            times = []
            for _ in range(9):
                start = time.perf_counter()
                data = encode(figure)
                times.append((time.perf_counter() - start) * 1e3)
            size = f"{figure.get_figwidth() * DPI:.0f}×{figure.get_figheight() * DPI:.0f}"
            lines.append(
                f"| {name} | {size} | {label} | {statistics.median(times):.1f} | {max(times):.1f} "
                f"| {len(data) / 1e3:.0f} |"
            )
    lines += [
        "",
        f"{os.cpu_count()} CPU threads, torch 1 thread, 9 repeats after one warm-up; 1-minute load "
        f"average {load:.1f} at the start (other jobs shared the machine). Times include drawing.",
        "The diagram is painted after the explorer's numbers are shown, so these milliseconds never "
        "delay the numbers (widget_latency.md: numbers p95 target ≤ 100 ms).",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
