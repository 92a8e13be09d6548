"""The lessons' pictures: receptive fields, feature maps, filters, parameter bars, samples, signals."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import torch
import torch.nn.functional as F
from matplotlib import rcParams
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Polygon, Rectangle
from matplotlib.ticker import EngFormatter, MaxNLocator, PercentFormatter
from torch import Tensor, nn

from cnnlib import checks, count, i18n
from cnnlib._fonts import register_korean_font
from cnnlib.data import ImageDataset
from cnnlib.errors import ConfigError
from cnnlib.plots.style import COLORS, LEGEND_KINDS, figure_and_axes, text_width

if TYPE_CHECKING:
    from cnnlib.gradients import LayerSignal

_SKEW, _SQUASH, _LAYER_GAP = 0.55, 0.42, 1.9  # the oblique view of a feature-map grid
_REGION_COLORS = ("#f6b26b", "#6fa8dc", "#8e7cc3", "#e06666")  # input window … output pixel


def receptive_field(stack: int = 2, *, ax: Any = None, channels: int = 64) -> Figure:
    """One 5×5 (or 7×7) window next to two (three) stacked 3×3 windows over the same input.

    VGG's point: two stacked 3×3 convolutions see what one 5×5 sees (three: one 7×7), with fewer
    parameters (18·C² < 25·C², 27·C² < 49·C²) and more ReLUs.

    Both sides use "valid" convolutions (no padding) on a (k+2)×(k+2) input, so they end in the
    same 3×3 output; the highlighted output pixel sees a k×k window of the input either way.
    On the right, its 3×3 window on the layer below covers 5×5 input pixels (7×7 after three).

    Args:
        stack: 2 (compare with 5×5) or 3 (compare with 7×7).
        ax: draw into this axes (split in two); default: a new figure.
        channels: C for the worked example (weights only: C channels in, C out, no bias).
    """
    stack = checks.whole("stack", stack, 2, 3)
    channels = checks.whole("channels", channels, 1, 100_000)
    register_korean_font()
    k = 2 * stack + 1
    size = k + 2  # the window plus a one-pixel margin all round
    if ax is None:
        fig = Figure(figsize=(10.5, 5.6), layout="constrained")  # fits the slide without shrinking its text
        fig.get_layout_engine().set(h_pad=0.1)  # keeps the two-line suptitle clear of the panel titles
        left, right = fig.subplots(1, 2)
    else:
        fig = ax.get_figure()
        ax.set_axis_off()
        left, right = ax.inset_axes((0, 0, 0.48, 1)), ax.inset_axes((0.52, 0, 0.48, 1))
    big, small = k * k, 9 * stack
    c2 = channels * channels
    fewer = round(100 * (1 - small / big))
    _pyramid(left, [size, size - k + 1], [k, 1], top_z=stack)
    _pyramid(
        right, [size - 2 * i for i in range(stack + 1)], [k - 2 * i for i in range(stack + 1)], top_z=stack
    )
    captions = (
        (i18n.t("plot.rf.one", k=k), f"{k}×{k}·C² = {big}·C²", f"C = {channels}: {big * c2:,}", 1),
        (
            i18n.t("plot.rf.stack", n=stack),
            f"{stack} × 3×3·C² = {small}·C²",
            f"C = {channels}: {small * c2:,}  ({i18n.t('plot.rf.fewer', pct=fewer)})",
            stack,
        ),
    )
    for axes, (title, formula, example, relus) in zip((left, right), captions, strict=True):
        axes.set_title(title, fontweight="normal")
        note = f"{formula}\n{example}\n{i18n.t('plot.rf.relu', n=relus)}"
        where = dict(transform=axes.transAxes, ha="center", va="bottom")
        axes.text(0.4, 0.02, note, **where, linespacing=1.3)
    summary = f"{k}×{k}: {big}·C²  vs  {stack} × 3×3: {small}·C²   —   {i18n.t('plot.rf.params')}"
    fig.suptitle(f"{i18n.t('plot.rf.title', k=k, n=stack)}\n{summary}")
    return fig


def _pyramid(ax: Any, sizes: list[int], regions: list[int], top_z: int) -> None:
    """Feature-map grids from the input (bottom) up, with the region each layer contributes.

    ``sizes[i]`` is layer i's width, ``regions[i]`` the width of the window (centred) that
    ends up in the single highlighted output pixel. Lines join the corners of consecutive
    windows: the pyramid of the receptive field.
    """
    n_in = sizes[0]
    step = _SQUASH * n_in + _LAYER_GAP

    def project(u: float, v: float, layer: int) -> tuple[float, float]:
        # Centre every layer over the input, then tilt: v runs into the page.
        shift = (n_in - sizes[layer]) / 2
        u, v = u + shift, v + shift
        return u + _SKEW * v, _SQUASH * v + step * layer * (top_z / (len(sizes) - 1))

    corners = [(0, 0), (1, 0), (1, 1), (0, 1)]
    for layer, (n, r) in enumerate(zip(sizes, regions, strict=True)):
        z = 2 * layer
        sheet = Polygon(
            [project(n * a, n * b, layer) for a, b in corners], fc="#f4f4f4", ec="#6b6b6b", lw=1.0, zorder=z
        )
        ax.add_patch(sheet)
        grid = [[project(i, 0, layer), project(i, n, layer)] for i in range(1, n)]
        grid += [[project(0, i, layer), project(n, i, layer)] for i in range(1, n)]
        lo = (n - r) / 2
        color = _REGION_COLORS[-1] if layer == len(sizes) - 1 else _REGION_COLORS[min(layer, 2)]
        window = [project(lo + r * a, lo + r * b, layer) for a, b in corners]
        ax.add_patch(Polygon(window, fc=color, ec="none", alpha=0.85, zorder=z + 0.3))
        # Grid lines over the window, so its pixels can be counted; then the window's outline.
        ax.add_collection(LineCollection(grid, colors="#9a9a9a", linewidths=0.6, zorder=z + 0.5))
        ax.add_patch(Polygon(window, fc="none", ec="#333333", lw=1.3, zorder=z + 0.6))
        if layer:  # the pyramid from the window below to this one
            below_lo, below_r = (sizes[layer - 1] - regions[layer - 1]) / 2, regions[layer - 1]
            rays = [
                [
                    project(below_lo + below_r * a, below_lo + below_r * b, layer - 1),
                    project(lo + r * a, lo + r * b, layer),
                ]
                for a, b in corners
            ]
            ax.add_collection(
                LineCollection(rays, colors="#555555", linewidths=0.9, linestyles=(0, (3, 2)), zorder=z - 1)
            )
        if layer == 1 and len(sizes) > 2:
            # One pixel of the middle window and the 3×3 input window it sees: nine such
            # overlapping 3×3 windows tile the 5×5 region below.
            cell = [project(lo + a, lo + b, 1) for a, b in corners]
            ax.add_patch(Polygon(cell, fc="#1f4e8c", ec="#1f4e8c", lw=1.0, zorder=z + 0.7))
            below_lo = (sizes[0] - regions[0]) / 2
            seen = [project(below_lo + 3 * a, below_lo + 3 * b, 0) for a, b in corners]
            ax.add_patch(Polygon(seen, fc="#b45f06", ec="#7a3d00", lw=1.6, alpha=0.55, zorder=0.7))
        if layer == 0:
            name = i18n.t("plot.input")
        elif layer == len(sizes) - 1:
            name = i18n.t("plot.rf.output")
        else:
            name = i18n.t("plot.rf.layer", i=layer)
        x, _ = project(n, n, layer)
        _, y = project(n, n / 2, layer)
        ax.text(x + 0.4, y, f"{name}\n{n}×{n}", va="center", ha="left", linespacing=1.3)
    width = n_in * (1 + _SKEW)
    ax.set_xlim(-0.5, width + 6.5)
    ax.set_ylim(-4.4, step * top_z + _SQUASH * n_in + 0.3)
    ax.set_aspect("equal")
    ax.set_axis_off()


IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def feature_maps(
    model: nn.Module,
    image: Tensor,
    layer: str,
    *,
    n: int = 16,
    ax: Any = None,
    mean: tuple[float, ...] = IMAGENET_MEAN,
    std: tuple[float, ...] = IMAGENET_STD,
) -> Figure:
    """The output channels (feature maps) of one layer for a photo.

    Each output channel is made by one filter, so the layer has as many feature maps as it
    has filters: the title says "C channels = C filters".

    Args:
        model: a model on a real device, trained or not.
        image: ``[3, H, W]`` floats in ``[0, 1]``, e.g. :func:`cnnlib.data.sample_photo`. It is
            centre-cropped to a square, resized to ``model.input_size`` and normalised with
            ``mean``/``std`` (ImageNet's by default); grey for a one-channel model.
        layer: a name from ``model.named_modules()``, e.g. ``"features.0"`` or ``"layer1.0.conv1"``.
        n: how many channels to show (the first ``n``).
        ax: draw into this axes (the panels are placed inside it); default: a new figure.
    """
    modules = dict(model.named_modules())
    maps_layers = [name for name, m in modules.items() if isinstance(m, nn.Conv2d)]
    if not isinstance(layer, str) or layer not in modules or not layer:
        examples = ", ".join(maps_layers[:3])
        raise ConfigError("layer", layer, i18n.both("plot.fm.allowed.layer", examples=examples))
    n = checks.whole("n", n, 1, 1024)
    weight = next(model.parameters(), None)
    device = weight.device if weight is not None else torch.device("cpu")
    if device.type == "meta":
        raise ConfigError("model", "device='meta'", i18n.both("plot.fm.allowed.model"))
    ok = (
        isinstance(image, Tensor)
        and image.dim() == 3
        and image.shape[0] in (1, 3)
        and image.is_floating_point()
    )
    if not ok:
        shown = tuple(image.shape) if isinstance(image, Tensor) else type(image).__name__
        raise ConfigError("image", shown, i18n.both("plot.fm.allowed.image"))
    x = _prepare(image, model, mean, std).to(device)
    captured: list[Tensor] = []

    def keep(module: nn.Module, args: Any, out: Any) -> None:
        # Clone: an in-place ReLU right after the layer would otherwise overwrite the maps.
        captured.append(out.detach().clone() if isinstance(out, Tensor) else out)

    handle = modules[layer].register_forward_hook(keep)
    training = model.training
    model.eval()
    try:
        with torch.no_grad():
            model(x)
    finally:
        handle.remove()
        model.train(training)
    maps = captured[0] if captured else None  # the first call, if the layer runs twice
    if not isinstance(maps, Tensor) or maps.dim() != 4:
        shape = tuple(maps.shape) if isinstance(maps, Tensor) else None
        examples = ", ".join(maps_layers[:3])
        raise ConfigError(
            "layer",
            layer,
            i18n.both("plot.fm.allowed.layer", examples=examples),
            i18n.both("plot.fm.problem.not_maps", shape=shape),
        )
    maps = maps[0].float().cpu()
    channels = maps.shape[0]
    shown = min(n, channels)
    cols = math.ceil(math.sqrt(shown))
    rows = math.ceil(shown / cols)
    register_korean_font()
    if ax is None:
        fig = Figure(figsize=(max(1.1 * cols + 0.5, 5.8), 1.1 * rows + 1.0))  # room for the title
        ax = fig.add_axes((0, 0, 1, 1))
    else:
        fig = ax.get_figure()
    ax.set_axis_off()
    title = f"{layer}: {i18n.t('plot.fm.title', c=channels)}\n({i18n.t('plot.fm.shown', n=shown)})"
    ax.set_title(title, y=1, pad=-8, va="top")
    # Panels in axes fractions, under a 0.75-inch band for the title.
    height = ax.get_position().height * fig.get_figheight()
    top = max(1 - 0.75 / height, 0.5)
    cell_w, cell_h = 1 / cols, top / rows
    for i in range(shown):
        r, c = divmod(i, cols)
        # Each cell: the image, with a little room above it for the channel's number.
        where = (
            c * cell_w + 0.06 * cell_w,
            top - (r + 1) * cell_h + 0.03 * cell_h,
            0.88 * cell_w,
            0.8 * cell_h,
        )
        panel = ax.inset_axes(where)
        panel.imshow(maps[i].numpy(), cmap="viridis", interpolation="nearest")
        panel.set_xticks([])
        panel.set_yticks([])
    return fig


def filters(model: nn.Module, layer: str, *, n: int | None = None, ax: Any = None) -> Figure:
    """The filters (kernels) of one convolution as small pictures, like AlexNet's Figure 3.

    A filter of a layer that reads RGB images is shown in colour (its three input channels as red,
    green and blue); deeper filters show their first input channel in grey. Each filter is
    stretched to the full brightness range by itself, so the pattern shows, not the size.

    Args:
        model: any model whose ``layer`` is an ``nn.Conv2d`` (trained, or not, on any real device).
        layer: a name from ``model.named_modules()``, e.g. ``"features.0"`` or ``"conv1"``.
        n: how many filters to show (default: all).
        ax: draw into this axes; default: a new figure.
    """
    modules = dict(model.named_modules())
    convolutions = [name for name, m in modules.items() if isinstance(m, nn.Conv2d)]
    if not isinstance(layer, str) or not isinstance(modules.get(layer), nn.Conv2d):
        examples = ", ".join(convolutions[:3])
        raise ConfigError("layer", layer, i18n.both("plot.fm.allowed.layer", examples=examples))
    weight = modules[layer].weight
    if weight.device.type == "meta":
        raise ConfigError("model", "device='meta'", i18n.both("plot.fm.allowed.model"))
    count_ = weight.shape[0] if n is None else checks.whole("n", n, 1, weight.shape[0])
    kernels = weight.detach()[:count_].float().cpu()
    kernels = kernels[:, :3] if kernels.shape[1] == 3 else kernels[:, :1].expand(-1, 3, -1, -1)
    low = kernels.amin(dim=(1, 2, 3), keepdim=True)
    high = kernels.amax(dim=(1, 2, 3), keepdim=True)
    kernels = (kernels - low) / (high - low).clamp_min(1e-12)
    # One mosaic image with a one-pixel white gap between filters: one imshow, however many filters.
    cols = math.ceil(math.sqrt(count_ * 2))  # about twice as wide as tall, as in the paper's figure
    rows = math.ceil(count_ / cols)
    k_h, k_w = kernels.shape[-2:]
    mosaic = torch.ones(3, rows * (k_h + 1) + 1, cols * (k_w + 1) + 1)
    for i, kernel in enumerate(kernels):
        r, c = divmod(i, cols)
        mosaic[:, 1 + r * (k_h + 1) : (r + 1) * (k_h + 1), 1 + c * (k_w + 1) : (c + 1) * (k_w + 1)] = kernel
    register_korean_font()
    fig, ax = figure_and_axes(ax, (min(12.0, 0.45 * cols + 1), min(8.0, 0.45 * rows + 1)))
    ax.imshow(mosaic.permute(1, 2, 0).numpy(), interpolation="nearest")
    ax.set_axis_off()
    shape = f"{weight.shape[1]}×{k_h}×{k_w}"
    ax.set_title(f"{layer}: {i18n.t('plot.filters.title', n=weight.shape[0], shape=shape)}")
    return fig


def _prepare(image: Tensor, model: nn.Module, mean: tuple[float, ...], std: tuple[float, ...]) -> Tensor:
    """Centre-crop to a square, resize to the model's input size, normalise: a batch of one."""
    image = image.detach().float().cpu()
    h, w = image.shape[-2:]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    image = image[:, top : top + side, left : left + side]
    size = getattr(model, "input_size", None) or side
    image = F.interpolate(
        image[None], size=(size, size), mode="bilinear", antialias=True, align_corners=False
    )[0]
    mean_t, std_t = torch.tensor(mean).view(-1, 1, 1), torch.tensor(std).view(-1, 1, 1)
    if getattr(model, "in_channels", image.shape[0]) == 1:  # a grey model (Fashion-MNIST)
        image, mean_t, std_t = (
            image.mean(0, keepdim=True),
            mean_t.mean().view(1, 1, 1),
            std_t.mean().view(1, 1, 1),
        )
    elif image.shape[0] == 1:
        image = image.expand(3, -1, -1)
    return ((image.clamp(0, 1) - mean_t) / std_t)[None]


def param_bars(
    table: count.ParamTable | nn.Module, *, ax: Any = None, by: str = "layer", log: bool = False
) -> Figure:
    """Horizontal bars: parameters per layer, stage or kind, with the numbers written on them.

    Args:
        table: a :class:`cnnlib.count.ParamTable` (``count.table(model)``) or a model.
        ax: draw into this axes; default: a new figure (taller when there are many bars).
        by: ``"layer"`` (every layer with parameters), ``"stage"`` or ``"kind"`` (conv, FC, norm).
        log: logarithmic x axis (small layers stay visible next to a 100-million-parameter FC).
    """
    if isinstance(table, nn.Module):
        table = count.table(table)
    by = checks.choice("by", by, ("layer", "stage", "kind"))
    if not isinstance(log, bool):
        raise ConfigError("log", log, "True, False")
    bars = _bars(table, by)
    total = max(table.total_params, 1)
    register_korean_font()
    names, values, kinds = zip(*bars, strict=True) if bars else ((), (), ())
    if ax is None:
        # Margins from the measured labels instead of a layout engine: widgets redraw this
        # chart on every knob change and constrained layout would triple the time.
        height = 1.5 + 0.3 * len(bars)
        fig = Figure(figsize=(10, height))
        left = (max((text_width(name, rcParams["ytick.labelsize"]) for name in names), default=0) + 16) / 72
        fig.subplots_adjust(left=left / 10, right=0.98, top=1 - 0.72 / height, bottom=0.66 / height)
        ax = fig.add_subplot()
    else:
        fig = ax.get_figure()
    positions = range(len(bars))
    ax.barh(positions, values, color=[COLORS[k][1] for k in kinds], height=0.7)
    ax.set_yticks(list(positions), names)
    ax.set_ylim(len(bars) - 0.4, -0.8)  # the first layer on top, as in the network
    biggest = max(values, default=1)
    if log:
        ax.set_xscale("log")
        ax.set_xlim(max(min(values, default=1) / 3, 1), biggest * 25)
    else:
        ax.set_xlim(0, biggest * 1.45)
    for y, value in zip(positions, values, strict=True):
        x = value * 1.15 if log else value + biggest * 0.01
        share = f"{value / total:.1%}" if value / total >= 0.001 else "<0.1%"
        ax.text(
            x, y, f"{value:,} ({share})", fontsize=rcParams["legend.fontsize"], va="center", clip_on=False
        )
    ax.xaxis.set_major_formatter(EngFormatter(sep=""))  # 10M, not 1e7
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    xlabel = i18n.t("table.params") + (f" ({i18n.t('plot.log_scale')})" if log else "")
    ax.set_xlabel(xlabel)
    kinds_total = table.by_kind()
    top_kind = max(kinds_total, key=kinds_total.get) if kinds_total else "other"
    share = f"{kinds_total.get(top_kind, 0) / total:.1%}"
    largest = i18n.t("plot.largest", kind=i18n.both(f"kind.{top_kind}"), share=share)
    heading = {"layer": "plot.by.layer", "stage": "summary.by_stage", "kind": "summary.by_kind"}[by]
    total_text = f"{i18n.t('table.total')} {table.total_params:,}"
    ax.set_title(
        f"{table.model_name}: {i18n.t(heading)}  —  {total_text}\n{largest}",
        loc="left",
    )
    present = [k for k in LEGEND_KINDS if k in set(kinds)]
    if by != "kind" and present:
        handles = [Rectangle((0, 0), 1, 1, color=COLORS[k][1]) for k in present]
        ax.legend(handles, [i18n.t(f"kind.{k}") for k in present], loc="upper right", frameon=False)
    return fig


def _bars(table: count.ParamTable, by: str) -> list[tuple[str, int, str]]:
    """(label, parameters, kind that colours the bar), in network order."""
    if by == "layer":
        return [(row.name, row.params, row.kind) for row in table.rows if row.params]
    if by == "kind":
        return [(i18n.t(f"kind.{kind}"), n, kind) for kind, n in table.by_kind().items()]
    per_stage: dict[str, dict[str, int]] = {}
    for row in table.rows:
        kinds = per_stage.setdefault(row.stage, {})
        kinds[row.kind] = kinds.get(row.kind, 0) + row.params
    return [
        (stage, sum(kinds.values()), max(kinds, key=kinds.get))
        for stage, kinds in per_stage.items()
        if sum(kinds.values())
    ]


def gradient_profile(norms: dict[str, list[tuple[str, float]]], *, ax: Any = None) -> Figure:
    """Per-layer gradient norms (log scale), input side on the left, one line per network.

    ``norms`` maps a label to :func:`cnnlib.gradients.layer_gradient_norms` output.
    """
    fig, ax = figure_and_axes(ax, (7.5, 4.2))
    for label, layers in norms.items():
        values = [max(v, 1e-30) for _, v in layers]
        ax.plot(range(1, len(values) + 1), values, marker=".", label=i18n.label(label))
    ax.set_yscale("log")
    ax.set_xlabel(i18n.t("plot.layer_index"))
    ax.set_ylabel(i18n.t("plot.grad_norm"))
    ax.grid(alpha=0.3, which="both")
    ax.legend()
    return fig


def signal_profile(signals: dict[str, list[LayerSignal]]) -> Figure:
    """Forward signal and backward gradient at every layer's input (log scales), one line per network.

    ``signals`` maps a label to :func:`cnnlib.gradients.layer_signals` output. The x axis is the
    layer's number in forward order, the input side on the left; a value of exactly 0 (an
    underflow) is drawn at 1e-30.
    """
    register_korean_font()
    fig = Figure(figsize=(12, 4.4), layout="constrained")
    forward, backward = fig.subplots(1, 2)
    for label, rows in signals.items():
        layers = range(1, len(rows) + 1)
        name = i18n.label(label)
        forward.plot(layers, [max(row.rms, 1e-30) for row in rows], marker=".", label=name)
        backward.plot(layers, [max(row.grad_norm, 1e-30) for row in rows], marker=".", label=name)
    panels = ((forward, "plot.signal.forward", "RMS(x)"), (backward, "plot.signal.backward", "‖∂L/∂x‖"))
    for ax, title, ylabel in panels:
        ax.set_yscale("log")
        ax.set_title(i18n.t(title, sep="\n"))
        ax.set_xlabel(i18n.t("plot.layer_index"))
        ax.set_ylabel(ylabel)  # the same in every language
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(alpha=0.3, which="major")
    backward.legend()
    return fig


def samples(dataset: ImageDataset, *, per_class: int = 8) -> Figure:
    """The first ``per_class`` images of every class of ``dataset``, a row per class named in the
    current language.

    Args:
        dataset: a :class:`cnnlib.data.ImageDataset`, e.g. the first of ``cnnlib.data.load()``.
            Its raw images are shown (before normalisation); one-channel images in grey.
        per_class: images per row (a class with fewer images leaves its row short).
    """
    if not isinstance(dataset, ImageDataset):
        raise ConfigError("dataset", type(dataset).__name__, i18n.both("plot.samples.allowed"))
    per_class = checks.whole("per_class", per_class, 1, 32)
    classes = dataset.num_classes
    channels, size = dataset.channels, dataset.image_size
    cell = size + 2  # a white frame of one pixel on every side
    mosaic = torch.ones(classes * cell, per_class * cell, 3)
    for label in range(classes):
        index = (dataset.labels == label).nonzero().flatten()[:per_class]
        for column, i in enumerate(index.tolist()):
            image = dataset.images[i].expand(3, -1, -1) if channels == 1 else dataset.images[i]
            top, left = label * cell + 1, column * cell + 1
            mosaic[top : top + size, left : left + size] = image.permute(1, 2, 0).clamp(0, 1)
    register_korean_font()
    # Half an inch per image: ten classes stay under the slide's 500 px, so it shows them unshrunk.
    fig = Figure(figsize=(3.2 + 0.5 * per_class, 0.8 + 0.5 * classes), layout="constrained")
    ax = fig.add_subplot()
    ax.imshow(mosaic.numpy(), interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([label * cell + cell / 2 - 0.5 for label in range(classes)])
    ax.set_yticklabels([dataset.class_name(label) for label in range(classes)])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    fields = dict(name=dataset.name, n=classes, c=channels, h=size, w=size, k=per_class)
    title = i18n.t("plot.samples.title", sep="\n", **fields)
    ax.set_title(title, loc="left")
    return fig


def bars(values: dict[str, float], *, ylabel: str = "", ax: Any = None, percent: bool = False) -> Figure:
    """A labelled bar per entry (accuracies, parameter counts …) with the value on each bar."""
    fig, ax = figure_and_axes(ax, (6.4, 3.6))
    labels = [i18n.label(k, sep="\n") for k in values]
    heights = [float(v) for v in values.values()]
    palette = [COLORS[kind][1] for kind in ("conv", "fc", "norm", "pool")]
    drawn = ax.bar(labels, heights, color=[palette[i % len(palette)] for i in range(len(labels))])
    texts = [f"{h:.1%}" if percent else f"{h:,.4g}" if h < 1e4 else f"{h:,.0f}" for h in heights]
    ax.bar_label(drawn, texts, padding=2)
    if percent:  # the axis speaks the same unit as the labels on the bars
        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_ylabel(ylabel)
    ax.margins(y=0.15)
    return fig
