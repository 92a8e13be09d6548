"""Training runs and seeds: loss/accuracy curves, accuracy against parameters, depth and seeds."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from cnnlib import checks, i18n
from cnnlib.errors import ConfigError
from cnnlib.plots.style import figure_and_axes, new_figure


def curves(
    runs: dict[str, Any],
    metric: str = "train_loss",
    *,
    ax: Any = None,
    per_step: bool = False,
    smooth: int = 10,
) -> Figure:
    """One line per run: ``metric`` ("train_loss", "train_acc", "test_loss", "test_acc") against steps.

    ``runs`` maps a label to a :class:`cnnlib.train.History` (e.g. ``Result.runs`` of an experiment).
    One panel of :func:`training_curves`, which draws loss and accuracy side by side.
    """
    metric = checks.choice("metric", metric, ("train_loss", "train_acc", "test_loss", "test_acc"))
    fig, ax = figure_and_axes(ax, (7.5, 4.2))
    for label, history in runs.items():
        if per_step:
            losses = torch.tensor(history.step_losses, dtype=torch.float64)
            k = max(1, min(smooth, len(losses)))
            values = losses.unfold(0, k, 1).mean(1).tolist() if len(losses) else []
            ax.plot(range(k, k + len(values)), values, label=i18n.label(label))
        else:
            ax.plot(*_measured(history, metric), marker="o", markersize=3, label=i18n.label(label))
    ax.set_xlabel(i18n.t("plot.steps"))
    ax.set_ylabel(i18n.t(f"plot.{'train_loss' if per_step else metric}"))
    ax.grid(alpha=0.3)
    ax.legend()
    return fig


def training_curves(histories: Any, *, ax: Any = None, bands: Sequence[Any] | None = None) -> Figure:
    """Loss (left) and accuracy (right) against training steps: solid train, dashed test, one colour per run.

    The one training-curve drawer: :meth:`cnnlib.train.History.plot`, the live figure of
    :func:`cnnlib.train.fit` and the explorers' Train tab all call it.
    ``histories``: one :class:`cnnlib.train.History` or a list of them. ``ax``: two matplotlib
    axes (loss, accuracy), cleared first so that a live figure is redrawn in place, or ``None``
    for a new figure. ``bands``: per history, an atlas cell (:func:`cnnlib.atlas.cell_of`) or
    ``None``; a cell's seeds' range of test accuracy shades the accuracy axis behind the run.
    """
    runs = [histories] if hasattr(histories, "step_losses") else list(histories)
    if ax is None:
        figure = new_figure((10, 3.6))
        axes = list(figure.subplots(1, 2))
    else:
        axes = list(ax)
        if len(axes) != 2:
            raise ConfigError("ax", ax, i18n.both("train.allowed.axes"))
        figure = axes[0].figure
    loss_ax, acc_ax = axes
    for each in axes:
        each.clear()
    alone = len(runs) == 1  # one run: its name is the title and the legend says train/test
    for i, (history, cell) in enumerate(zip(runs, bands or [None] * len(runs), strict=True)):
        color = f"C{i}"
        prefix = f"{i18n.label(history.name)} · " if history.name and not alone else ""
        if cell is not None:
            atlas_band(acc_ax, cell, color, prefix + i18n.t("widget.acc.band", n=cell.test_acc.n))
        if history.step_losses:  # every step's loss, faint, under the averaged curve
            label = i18n.t("train.step_loss") if alone else None
            loss_ax.plot(range(1, len(history.step_losses) + 1), history.step_losses,
                         color=color, alpha=0.25, lw=0.8, label=label)  # fmt: skip
        for axis, kind in ((loss_ax, "loss"), (acc_ax, "acc")):
            train, test = _measured(history, f"train_{kind}"), _measured(history, f"test_{kind}")
            axis.plot(*train, "o-", ms=3, color=color, label=prefix + i18n.t("train.train"))
            if test[0]:  # no test set: no test line, and no test entry in the legend
                axis.plot(*test, "s--", ms=3, color=color, label=prefix + i18n.t("train.test"))
    if alone and runs[0].name:
        figure.suptitle(i18n.label(runs[0].name))
    loss_ax.set_ylabel(i18n.t("train.loss", sep="\n"))
    acc_ax.set_ylabel(i18n.t("train.accuracy", sep="\n"))
    acc_ax.set_ylim(0, 1.02)  # a little headroom so 100% is not hidden under the frame
    for each in axes:
        each.set_xlabel(i18n.t("train.col.steps"))
        each.grid(alpha=0.3)
        if each.lines:
            each.legend(loc="best", fontsize="small" if alone else "x-small")
    return figure


def params_accuracy(rows: Sequence[dict[str, Any]], *, ax: Any = None) -> Figure:
    """Test accuracy against parameter count, one labelled point per run (:attr:`cnnlib.train.RunTable.rows`).

    Runs without a test set use their training accuracy (hollow markers).
    """
    figure, ax = figure_and_axes(ax, (6, 4))
    for row in rows:
        tested = row["test_acc"] is not None
        accuracy = row["test_acc"] if tested else row["train_acc"]
        if accuracy is None or not row["params"]:
            continue
        ax.scatter(row["params"], accuracy, color="C0", facecolors="C0" if tested else "none")
        ax.annotate(str(row["name"]), (row["params"], accuracy), fontsize="small",
                    xytext=(4, 4), textcoords="offset points")  # fmt: skip
    if ax.collections:
        ax.set_xscale("log")
    ax.set_xlabel(i18n.t("train.col.params"))
    ax.set_ylabel(i18n.t("train.col.test_acc"))
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    return figure


def _measured(history: Any, metric: str) -> tuple[list[int], list[float]]:
    """The steps at which ``metric`` was measured and its values there (no test set: none)."""
    points = [(s, v) for s, v in zip(history.step, getattr(history, metric), strict=True) if v is not None]
    return [s for s, _ in points], [v for _, v in points]


# ----------------------------------------------------------------------------- accuracy over seeds


def seed_accuracy(
    rows: dict[str, Any], *, ax: Any = None, metric: str = "test_acc", papers: dict[str, float] | None = None
) -> Figure:
    """Accuracy of each setting over its seeds: every seed a dot, the mean a bar, ± one s.d. a line.

    ``rows`` maps a label to a :class:`cnnlib.atlas.Cell` (or anything with ``stat(metric)``).
    ``papers`` (optional) maps a label to the paper's accuracy in [0, 1], drawn as a hollow marker
    on a second axis (a different dataset: the trend, not the value, is comparable).
    """
    metric = checks.choice("metric", metric, ("test_acc", "train_acc", "final_train_loss"))
    fig, ax = figure_and_axes(ax, (max(4.0, 1.3 * len(rows) + 1.5), 3.6))
    for i, cell in enumerate(rows.values()):
        stat = cell.stat(metric)
        spread = np.linspace(-0.12, 0.12, stat.n) if stat.n > 1 else np.zeros(1)
        ax.plot(i + spread, stat.values, "o", ms=5, alpha=0.75, color=f"C{i % 10}")
        ax.hlines(stat.mean, i - 0.28, i + 0.28, color=f"C{i % 10}", lw=2.5)
        ax.vlines(i, stat.mean - stat.sd, stat.mean + stat.sd, color=f"C{i % 10}", lw=1)
    ax.set_xticks(
        range(len(rows)),
        [i18n.label(k, sep="\n") for k in rows],
        rotation=20 if len(rows) > 4 else 0,
        ha="right" if len(rows) > 4 else "center",
    )
    ax.set_xlim(-0.6, len(rows) - 0.4)
    ax.set_ylabel(i18n.t(f"plot.{metric}"))
    if metric != "final_train_loss":
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.grid(alpha=0.3, axis="y")
    if papers:
        twin = ax.twinx()
        labels = list(rows)
        points = [(labels.index(k), v) for k, v in papers.items() if k in labels]
        twin.plot([i for i, _ in points], [v for _, v in points], "D", mfc="none", mec="#444", ms=7)
        twin.set_ylabel(i18n.t("plot.paper_acc"))
        twin.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    return fig


def atlas_band(ax: Any, cell: Any, color: str, label: str = "") -> None:
    """Shade the range of the atlas's seed curves (test accuracy against steps) of ``cell`` on ``ax``."""
    curves = [dict((int(s), float(a)) for s, a in seed["curve"]) for seed in cell.seeds]
    steps = sorted(set.intersection(*(set(c) for c in curves)))
    if not steps:
        return
    low = [min(c[s] for c in curves) for s in steps]
    high = [max(c[s] for c in curves) for s in steps]
    ax.fill_between(steps, low, high, color=color, alpha=0.15, lw=0, label=label or None)


def seed_strip_svg(
    rows: list[tuple[str, Any, str]], *, width: int = 260, row_height: int = 18, label_width: int = 200
) -> str:
    """A tiny inline SVG for HTML: per row, every seed's accuracy as a dot and the mean as a tick.

    ``rows``: ``(colour, Stat, label)`` of accuracies in [0, 1], the label written to the right; the
    axis spans their range ± 2 points. Drawn as text (no matplotlib): it appears as fast as the numbers.
    """
    values = [v for _, stat, _ in rows for v in stat.values]
    if not values:
        return ""
    low, high = max(0.0, min(values) - 0.02), min(1.0, max(values) + 0.02)
    scale = (width - 20) / max(high - low, 1e-9)

    def x(v: float) -> float:
        return 10 + (v - low) * scale

    parts = []
    for i, (color, stat, name) in enumerate(rows):
        y = row_height * i + row_height / 2
        parts.append(f"<line x1='10' x2='{width - 10}' y1='{y}' y2='{y}' stroke='#ddd'/>")
        parts.append(
            f"<text x='{width}' y='{y + 4}' font-size='11' fill='{color}'>{html.escape(name)}</text>"
        )
        parts += [
            f"<circle cx='{x(v):.1f}' cy='{y}' r='3.5' fill='{color}' fill-opacity='0.7'/>"
            for v in stat.values
        ]
        parts.append(
            f"<line x1='{x(stat.mean):.1f}' x2='{x(stat.mean):.1f}' y1='{y - 7}' y2='{y + 7}' "
            f"stroke='{color}' stroke-width='2.5'/>"
        )
    height = row_height * len(rows) + 12
    label = "<text x='{x}' y='{y}' font-size='9' fill='#666' text-anchor='{anchor}'>{text:.0%}</text>"
    axis = label.format(x=10, y=height - 1, anchor="start", text=low)
    axis += label.format(x=width - 10, y=height - 1, anchor="end", text=high)
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width + label_width}' height='{height}' "
        f"style='vertical-align:middle'>{''.join(parts)}{axis}</svg>"
    )


def depth_accuracy(
    series: dict[str, dict[int, Any]],
    *,
    metric: str = "test_acc",
    papers: dict[str, dict[int, float]] | None = None,
    ax: Any = None,
) -> Figure:
    """Accuracy against depth, one line per family of networks (mean ± s.d. over seeds, seeds as dots).

    ``series``
    maps a label (e.g. "plain", "ResNet") to ``{depth: Cell}``; ``papers`` (optional) maps a label to
    ``{depth: accuracy}`` drawn dashed with hollow markers — another dataset: compare the trend.
    """
    metric = checks.choice("metric", metric, ("test_acc", "train_acc", "final_train_loss"))
    fig, ax = figure_and_axes(ax, (7.5, 4.2))
    for i, (label, cells) in enumerate(series.items()):
        depths = sorted(cells)
        stats = [cells[d].stat(metric) for d in depths]
        color = f"C{i % 10}"
        ax.errorbar(depths, [s.mean for s in stats], [s.sd for s in stats], marker="o", capsize=3,
                    color=color, label=i18n.label(label))  # fmt: skip
        for d, s in zip(depths, stats, strict=True):
            ax.plot([d] * s.n, s.values, ".", color=color, alpha=0.4)
    for i, (label, points) in enumerate((papers or {}).items()):
        depths = sorted(points)
        ax.plot(depths, [points[d] for d in depths], "D--", mfc="none", color=f"C{(i + len(series)) % 10}",
                label=label)  # fmt: skip
    ax.set_xlabel(i18n.t("plot.depth"))
    ax.set_ylabel(i18n.t(f"plot.{metric}"))
    if metric != "final_train_loss":
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.grid(alpha=0.3)
    ax.legend()
    return fig
