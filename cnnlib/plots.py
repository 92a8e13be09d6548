"""Pictures for the lectures: block diagrams, receptive fields, feature maps, parameter bars.

강의용 그림: 네트워크 블록 다이어그램, 수용 영역, 특징 맵, 파라미터 막대그래프.

- :func:`diagram` draws a network as boxes (one per layer or block), read from the model
  itself; :func:`diagram_spec` returns the same structure without drawing it.
- :func:`receptive_field` shows why VGG stacks 3×3 convolutions.
- :func:`feature_maps` shows what one layer of a network makes of a real photo.
- :func:`filters` shows the filters of one convolution (AlexNet's Figure 3 when the net is trained).
- :func:`param_bars` shows where the parameters are (AlexNet's and VGG's are in the FC layers).
- :func:`samples` shows the images of a dataset, a row per class.
- :func:`signal_profile` shows the forward signal and the backward gradient layer by layer
  (vanishing/exploding gradients).

Every function returns a :class:`matplotlib.figure.Figure` made without pyplot, so a notebook
shows it exactly once and no global pyplot state is left behind. Labels follow
:func:`cnnlib.set_language`; the notation inside boxes ("conv 3×3 · 64", "fc · 4096") is the
papers' own and stays as it is in every language.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from matplotlib import rcParams
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.collections import LineCollection, PatchCollection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import BoxStyle, Circle, Polygon, Rectangle
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.ticker import EngFormatter, MaxNLocator
from matplotlib.transforms import Bbox
from torch import Tensor, nn

from cnnlib import count, i18n
from cnnlib._fonts import FONT_FAMILY, register_korean_font
from cnnlib._trace import traced
from cnnlib.checks import choice as check_choice
from cnnlib.checks import whole as check_int
from cnnlib.data import ImageDataset
from cnnlib.errors import ConfigError
from cnnlib.gradients import LayerSignal
from cnnlib.models.googlenet import Inception
from cnnlib.models.resnet import BasicBlock, Bottleneck, PadShortcut

__all__ = [
    "LESSON_STYLE",
    "Arc",
    "Box",
    "DiagramSpec",
    "atlas_band",
    "depth_accuracy",
    "diagram",
    "diagram_spec",
    "feature_maps",
    "filters",
    "new_figure",
    "param_bars",
    "params_accuracy",
    "receptive_field",
    "samples",
    "seed_accuracy",
    "seed_strip_svg",
    "signal_profile",
    "training_curves",
]

# One colour per kind of layer, shared by every picture: (fill, edge).
COLORS: dict[str, tuple[str, str]] = {
    "conv": ("#dce9f7", "#3a73b8"),
    "pool": ("#fde8cc", "#d9822b"),
    "norm": ("#e9e1f5", "#7b5aa6"),
    "fc": ("#f9d9d6", "#c2443a"),
    "other": ("#ececec", "#8c8c8c"),
    "input": ("#ffffff", "#555555"),
    "concat": ("#f3f3f3", "#6b6b6b"),
}
LEGEND_KINDS = ("conv", "pool", "norm", "fc", "other")
ARC_COLORS = {"identity": "#4d4d4d", "projection": COLORS["conv"][1], "pad": COLORS["pool"][1]}
TEXT_COLOR, SHAPE_COLOR, LINE_COLOR = "#1a1a1a", "#5a5a5a", "#8a8a8a"

# Every lesson figure is also projected on a 1280×720 slide (issue 12: no text under 14 px). At the
# inline backend's 100 dpi 1 pt is 1.39 px, and a slide shrinks a figure wider than 1140 px or taller
# than 500 px: 12 pt keeps the smallest text (ticks, legends) ≥ 14 px on a figure up to ~13 inches
# wide, and 13 pt titles and labels read well in the notebook too. Figures use named sizes
# ("small", "large") or these defaults, never fixed points, so this one setting sizes them all;
# it is applied on import, like the Korean font, so the notebooks' own figures follow it too.
# tools/legibility.py measures every slide figure; tests/test_legibility.py holds the rule.
LESSON_STYLE: dict[str, Any] = {
    "font.size": 13.0,
    "axes.titlesize": 13.0,
    "axes.labelsize": 13.0,
    "xtick.labelsize": 12.0,
    "ytick.labelsize": 12.0,
    "legend.fontsize": 12.0,
    "figure.titlesize": 13.0,
}
rcParams.update(LESSON_STYLE)


# =============================================================================================
# 1. The structure of a diagram (no drawing)
# =============================================================================================


@dataclass(frozen=True)
class Box:
    """One box of a diagram: a layer, a layer with its BN/ReLU, or ``count`` identical ones.

    다이어그램의 상자 하나(층 하나, 또는 같은 층 ``count``개).
    """

    label: str  # e.g. "conv 11×11/4 · 96 + ReLU"
    kind: str  # "conv", "pool", "norm", "fc", "other", "input" or "concat"
    params: int  # parameters of every layer the box stands for (all `count` copies)
    row: int  # row inside its column, 0 at the top
    col: int  # column of the folded diagram, 0 on the left
    branch: int = 0  # 0 on the main line; 1, 2, … for the branches of an inception module
    shape: str = ""  # output per image as H×W×C ("55×55×96") or C ("4096")
    count: int = 1  # > 1 when collapsed: the box stands for `count` identical layers or blocks
    group: int = -1  # residual block or inception module it belongs to (-1: none)
    ran: bool = True  # False for layers that only run in training (GoogLeNet's aux classifiers)
    names: tuple[str, ...] = ()  # the modules it shows, as in model.named_modules()


@dataclass(frozen=True)
class Arc:
    """The shortcut of a residual block, from the block's first box to its last.

    잔차 블록의 지름길(첫 상자에서 마지막 상자까지).
    """

    kind: str  # "identity", "projection" or "pad"
    start: int  # index into DiagramSpec.boxes
    end: int
    label: str = ""  # "1×1 proj", "pad (A)"; the identity has none
    params: int = 0  # the projection's own parameters (1×1 convolution + BN)
    count: int = 1  # blocks it stands for when collapsed


@dataclass
class DiagramSpec:
    """Everything :func:`diagram` draws: boxes in rows and columns, and shortcut arcs.

    :func:`diagram`이 그리는 내용 전부: 행·열에 놓인 상자들과 지름길 호.
    """

    title: str
    input_shape: tuple[int, ...]
    boxes: list[Box]
    arcs: list[Arc]
    columns: int
    collapsed: bool

    @property
    def total_params(self) -> int:
        """All parameters shown: boxes plus projection shortcuts (= ``count.params(model)``)."""
        return sum(b.params for b in self.boxes) + sum(a.params for a in self.arcs)


# Above this many rows (a box is one row) "auto" collapses repeated layers and blocks.
AUTO_COLLAPSE_ROWS = 48
SLIDE_ASPECT = 16 / 9
SHORT_ROWS = 10  # a diagram this short stays in one column

_GROUPS = (Inception, BasicBlock, Bottleneck)
_SUFFIXES = {
    nn.BatchNorm2d: "BN",
    nn.ReLU: "ReLU",
    nn.Tanh: "tanh",
    nn.Sigmoid: "sigmoid",
    nn.Dropout: "dropout",
}
_ACTIVATIONS = (nn.ReLU, nn.Tanh, nn.Sigmoid, nn.GELU, nn.SiLU, nn.LeakyReLU)
_HIDDEN = (nn.Identity, nn.Flatten)


def diagram_spec(
    model: nn.Module,
    input_size: int | tuple[int, ...] | None = None,
    collapse: bool | str = "auto",
    *,
    max_per_column: int | None = None,
) -> DiagramSpec:
    """The boxes and arcs of :func:`diagram`, without drawing. 그리지 않고 다이어그램 구조만 돌려줍니다.

    The model runs once on the meta device (no weights are touched) and every layer call
    is recorded in execution order. Consecutive layers become boxes (BN, activation and
    dropout join the convolution or FC box before them), residual blocks get a shortcut
    arc, inception modules keep their branches side by side.

    Args:
        model: a cnnlib model (or any ``nn.Module`` taking ``[N, C, H, W]`` images).
        input_size: ``H``, ``(H, W)`` or ``(C, H, W)``; default: the size the model was built for.
        collapse: ``True`` merges repeated identical layers/blocks into one box with a count
            and draws each inception module as one box; ``"auto"`` does so when the full
            diagram would need more than ``AUTO_COLLAPSE_ROWS`` rows.
        max_per_column: fold into a new column after this many rows (default: the number of
            columns that makes the picture closest to a 16:9 slide).
    """
    if collapse != "auto" and not isinstance(collapse, bool):
        raise ConfigError("collapse", collapse, "'auto', True, False")
    if max_per_column is not None:
        max_per_column = check_int("max_per_column", max_per_column, 1, 1000)
    shape = count._input_shape(model, input_size)
    items = _Walker(model, shape).items()
    if collapse == "auto":
        collapse = sum(item.height for item in items) > AUTO_COLLAPSE_ROWS
    if collapse:
        items = _collapse(items)
    columns = _fold(items, max_per_column)
    boxes, arcs = _place(columns)
    return DiagramSpec(_title(model), shape, boxes, arcs, len(columns), collapse)


# --------------------------------------------------------------------------- labels


def _shape_text(shape: tuple[int, ...] | None) -> str:
    """Per-image shape as the papers write it: C×H×W becomes H×W×C ("55×55×96")."""
    if not shape:
        return ""
    if len(shape) == 3:
        c, h, w = shape
        return f"{h}×{w}×{c}"
    return "×".join(map(str, shape))


def _kernel(size: Any, stride: Any) -> str:
    kh, kw = size if isinstance(size, tuple) else (size, size)
    s = stride[0] if isinstance(stride, tuple) else stride
    return f"{kh}×{kw}" + (f"/{s}" if s not in (None, 1) else "")


def _describe(module: nn.Module, short: bool = False) -> tuple[str, str] | None:
    """(label, kind) of one layer, or None for the layers a diagram leaves out (Identity, Flatten).

    ``short`` is the compact form used inside inception branches: "3×3 · 128", "pool 3×3".
    """
    if isinstance(module, _HIDDEN):
        return None
    if isinstance(module, nn.Conv2d):
        groups = f", g={module.groups}" if module.groups != 1 else ""
        text = f"{_kernel(module.kernel_size, module.stride)} · {module.out_channels}{groups}"
        return (text if short else f"conv {text}"), "conv"
    if isinstance(module, nn.Linear):
        return f"fc · {module.out_features}", "fc"
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        name = "max" if isinstance(module, nn.MaxPool2d) else "avg"
        kernel = _kernel(module.kernel_size, None if short else module.stride)
        return (f"pool {kernel}" if short else f"{name}pool {kernel}"), "pool"
    if isinstance(module, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)):
        name = "avg" if isinstance(module, nn.AdaptiveAvgPool2d) else "max"
        size = module.output_size if isinstance(module.output_size, tuple) else (module.output_size,) * 2
        if tuple(size) == (1, 1):
            return f"global {name}pool", "pool"
        return f"{name}pool → {size[0]}×{size[1]}", "pool"
    if isinstance(module, nn.LocalResponseNorm):
        return f"LRN n={module.size}", "norm"
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        return "BN", "norm"
    if isinstance(module, (nn.GroupNorm, nn.LayerNorm)):
        return type(module).__name__, "norm"
    if isinstance(module, nn.Dropout):
        return f"dropout p={module.p:g}", "other"
    return type(module).__name__, "other"


def _title(model: nn.Module) -> str:
    """Class name plus the knobs that change the picture most, e.g. "ResNet-20 · cifar · skip=False"."""
    config = getattr(model, "config", {}) or {}
    name = type(model).__name__
    if "depth" in config:
        name += f"-{config['depth']}"
    bits = [i18n.label(str(config[key])) for key in ("config", "variant") if key in config]
    bits += [f"{key}=False" for key in ("skip", "reduce") if config.get(key) is False]
    return " · ".join([name, *bits])


# --------------------------------------------------------------------------- walking the model


@dataclass
class _Call:
    name: str
    module: nn.Module
    shape: tuple[int, ...] | None  # output per image
    params: int  # the module's own parameters at its first call, 0 at later calls
    ran: bool = True  # False: listed only for its parameters (never called at inference)


@dataclass
class _Draft:
    """A box before it has a place in the grid."""

    label: str
    kind: str
    params: int
    shape: str
    names: list[str]
    ran: bool = True
    branch: int = 0
    row: int = 0  # row inside its item (an inception module is several rows high)
    suffixes: list[str] = field(default_factory=list)

    def text(self) -> str:
        return self.label + "".join(f" + {s}" for s in self.suffixes)


@dataclass
class _Item:
    """What folding keeps in one piece: a layer, a residual block or an inception module."""

    kind: str  # "layer", "block" or "module"
    drafts: list[_Draft]
    arc: tuple[str, str, int] | None = None  # block shortcut: (kind, label, params)
    summary: _Draft | None = None  # an inception module as one box, for the collapsed view
    count: int = 1

    @property
    def rows(self) -> int:
        return max(d.row for d in self.drafts) + 1

    @property
    def height(self) -> float:
        """Rows it needs, counting the room of a shortcut's ⊕ and an inception module's fan-out."""
        extra = 0.6 if self.arc else 0.5 if self.kind == "module" else 0.0
        return self.rows + extra

    def signature(self) -> tuple:
        """Two neighbours with the same signature collapse into one item with a count."""
        return (
            self.kind,
            tuple((d.text(), d.kind, d.shape, d.ran) for d in self.drafts),
            self.arc and self.arc[:2],
        )


class _Walker:
    """Turns one meta-device run of a model into a list of items, in execution order."""

    def __init__(self, model: nn.Module, shape: tuple[int, ...]) -> None:
        self.model = model
        self.shape = shape
        self.modules = dict(model.named_modules())
        self.calls, self.outputs = self._record()
        self._owners: dict[str, str | None] = {}

    def _record(self) -> tuple[list[_Call], dict[str, tuple[int, ...] | None]]:
        """Every call of a leaf module, repeats included (a shared ReLU runs several times)."""
        units = {
            name: module
            for name, module in self.model.named_modules()
            if next(module.children(), None) is None or any(True for _ in module.parameters(recurse=False))
        }
        # The builder's trace, kept on the model, when the model is unchanged: no second run.
        run = traced(self.model, (1, *self.shape))
        calls: list[_Call] = []
        seen: set[str] = set()
        for name, shape in run.order:
            module = units.get(name)
            if module is None:  # a container: its layers are listed themselves
                continue
            params = 0 if name in seen else sum(p.numel() for p in module.parameters(recurse=False))
            seen.add(name)
            calls.append(_Call(name, module, shape[1:] if shape is not None else None, params))
        # Modules that never ran (auxiliary classifiers at inference) still own parameters.
        for name, module in units.items():
            if name not in seen:
                own = sum(p.numel() for p in module.parameters(recurse=False))
                calls.append(_Call(name, module, None, own, ran=False))
        outputs = {name: c.output_shape[1:] if c.output_shape else None for name, c in run.calls.items()}
        return calls, outputs

    def owner(self, name: str) -> str | None:
        """The outermost residual block or inception module that contains the module ``name``."""
        if name not in self._owners:
            parts = name.split(".") if name else []
            prefixes = [".".join(parts[:i]) for i in range(len(parts) + 1)]
            self._owners[name] = next((p for p in prefixes if isinstance(self.modules[p], _GROUPS)), None)
        return self._owners[name]

    def items(self) -> list[_Item]:
        input_box = _Draft(i18n.t("plot.input"), "input", 0, _shape_text(self.shape), [])
        items = [_Item("layer", [input_box])]
        ran = [c for c in self.calls if c.ran]
        i = 0
        while i < len(ran):
            group = self.owner(ran[i].name)
            j = i + 1
            while j < len(ran) and self.owner(ran[j].name) == group:
                j += 1
            if group is None:
                items += [_Item("layer", [d]) for d in _drafts(ran[i:j])]
            elif isinstance(self.modules[group], Inception):
                items.append(self._module(group, ran[i:j]))
            else:
                items.append(self._block(group, ran[i:j]))
            i = j
        items += self._not_run()
        return items

    def _block(self, name: str, calls: list[_Call]) -> _Item:
        block = self.modules[name]
        shortcut = _join(name, "downsample")
        main = [c for c in calls if not _inside(c.name, shortcut)]
        skip = getattr(block, "skip", True)
        if skip and main and isinstance(main[-1].module, _ACTIVATIONS):
            main = main[:-1]  # the ReLU after the addition belongs to the ⊕, not to the last conv
        drafts = _drafts(main)
        for row, draft in enumerate(drafts):
            draft.row = row
        arc = None
        if skip:
            down = block.downsample
            params = sum(c.params for c in calls if _inside(c.name, shortcut))
            conv = next((m for m in down.modules() if isinstance(m, nn.Conv2d)), None) if down else None
            if down is None:
                arc = ("identity", "", 0)
            elif isinstance(down, PadShortcut):
                arc = ("pad", "pad (A)", params)
            elif conv is not None:
                arc = ("projection", f"{_kernel(conv.kernel_size, None)} proj", params)
            else:
                arc = ("projection", type(down).__name__, params)
        return _Item("block", drafts, arc)

    def _module(self, name: str, calls: list[_Call]) -> _Item:
        module = self.modules[name]
        branches = [_join(name, child) for child, _ in module.named_children()]
        columns = [_drafts([c for c in calls if _inside(c.name, b)], short=True) for b in branches]
        columns = [col for col in columns if col]
        depth = max(len(col) for col in columns)
        drafts: list[_Draft] = []
        for b, col in enumerate(columns, start=1):
            for i, draft in enumerate(col):
                # Align every branch's last layer on the same row, as in the paper's figure.
                draft.branch, draft.row = b, depth - len(col) + i
                drafts.append(draft)
        short = name.rsplit(".", 1)[-1] or "inception"
        shape = _shape_text(self.outputs.get(name))
        drafts.append(_Draft(f"{short}: concat", "concat", 0, shape, [name], row=depth))
        widths = "+".join(col[-1].shape.rsplit("×", 1)[-1] for col in columns)
        params = sum(d.params for d in drafts)
        summary = _Draft(f"{short} · {widths}", "conv", params, shape, [name])
        return _Item("module", drafts, summary=summary)

    def _not_run(self) -> list[_Item]:
        """One dashed box per top-level part that only runs in training (GoogLeNet's aux1, aux2)."""
        parts: dict[str, list[_Call]] = {}
        for call in self.calls:
            if not call.ran:
                parts.setdefault(call.name.split(".")[0], []).append(call)
        items = []
        for top, calls in parts.items():
            params = sum(c.params for c in calls)
            kinds = [(c.params, (_describe(c.module) or ("", "other"))[1]) for c in calls]
            kind = max(kinds)[1]
            label = f"{top} ({i18n.t('plot.training_only')})"
            items.append(
                _Item("layer", [_Draft(label, kind, params, "", [c.name for c in calls], ran=False)])
            )
        return items


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _inside(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _drafts(calls: list[_Call], short: bool = False) -> list[_Draft]:
    """Boxes for consecutive layer calls: BN, activation and dropout join the conv/FC box before them."""
    drafts: list[_Draft] = []
    for call in calls:
        suffix = _SUFFIXES.get(type(call.module))
        previous = drafts[-1] if drafts else None
        if suffix and previous is not None and previous.kind in ("conv", "fc"):
            if not short:  # inside an inception branch there is no room for "+ ReLU"
                previous.suffixes.append(suffix)
            previous.params += call.params
            previous.names.append(call.name)
            continue
        described = _describe(call.module, short)
        if described is None:
            continue
        label, kind = described
        drafts.append(_Draft(label, kind, call.params, _shape_text(call.shape), [call.name]))
    return drafts


# --------------------------------------------------------------------------- collapsing and folding


def _collapse(items: list[_Item]) -> list[_Item]:
    """Inception modules become one box each; runs of identical layers or blocks become one ×n item."""
    merged: list[_Item] = []
    for item in items:
        if item.summary is not None:
            item = _Item("layer", [item.summary])
        if merged and merged[-1].signature() == item.signature():
            last = merged[-1]
            last.count += 1
            for mine, theirs in zip(last.drafts, item.drafts, strict=True):
                mine.params += theirs.params
                mine.names += theirs.names
            if last.arc and item.arc:
                last.arc = (last.arc[0], last.arc[1], last.arc[2] + item.arc[2])
        else:
            merged.append(_Item(item.kind, [_copy(d) for d in item.drafts], item.arc, None, item.count))
    return merged


def _copy(draft: _Draft) -> _Draft:
    return _Draft(**{**draft.__dict__, "names": list(draft.names), "suffixes": list(draft.suffixes)})


def _fold(items: list[_Item], max_per_column: int | None) -> list[list[_Item]]:
    """Split the items into columns, never cutting a block or module in two.

    Without ``max_per_column`` the number of columns is the one that brings the picture
    closest to a 16:9 slide, and the columns are balanced (the tallest is as short as possible).
    """
    heights = [item.height for item in items]
    if max_per_column is not None:
        return _pack(items, max(float(max_per_column), max(heights)))
    if sum(heights) <= SHORT_ROWS:  # short enough to read top to bottom in one go
        return [items]
    # Rough sizes in points, before any text is measured: ~6 pt a character, ~31 pt a row.
    chars = max(len(d.text()) + len(d.shape) for item in items for d in item.drafts if not d.branch)
    column = 6.0 * chars + 40 + (70 if any(item.arc for item in items) else 0)
    best = None
    for n in range(1, 9):
        capacity = _smallest_capacity(heights, n)
        columns = _pack(items, capacity)
        tallest = max(sum(i.height for i in col) for col in columns)
        aspect = column * len(columns) / (31 * tallest + 80)
        score = abs(math.log(aspect / SLIDE_ASPECT))
        if best is None or score < best[0] - 1e-9:
            best = (score, columns)
    return best[1]


def _pack(items: list[_Item], capacity: float) -> list[list[_Item]]:
    columns: list[list[_Item]] = [[]]
    used = 0.0
    for item in items:
        if columns[-1] and used + item.height > capacity + 1e-9:
            columns.append([])
            used = 0.0
        columns[-1].append(item)
        used += item.height
    return columns


def _smallest_capacity(heights: list[float], n: int) -> float:
    """The smallest column height that packs ``heights`` (in order) into at most ``n`` columns."""
    low, high = max(heights), sum(heights)
    for _ in range(40):  # bisection on a float; 40 halvings are plenty for < 1000 rows
        middle = (low + high) / 2
        columns, used = 1, 0.0
        for h in heights:
            if used and used + h > middle + 1e-9:
                columns, used = columns + 1, 0.0
            used += h
        low, high = (middle, high) if columns > n else (low, middle)
    return high


def _place(columns: list[list[_Item]]) -> tuple[list[Box], list[Arc]]:
    boxes: list[Box] = []
    arcs: list[Arc] = []
    group = 0
    for col, column in enumerate(columns):
        row = 0
        for item in column:
            first = len(boxes)
            grouped = item.kind != "layer" or item.count > 1
            for d in item.drafts:
                where = dict(row=row + d.row, col=col, branch=d.branch, shape=d.shape, count=item.count)
                extra = dict(group=group if grouped else -1, ran=d.ran, names=tuple(d.names))
                boxes.append(Box(d.text(), d.kind, d.params, **where, **extra))
            if item.arc:
                kind, label, params = item.arc
                arcs.append(Arc(kind, first, len(boxes) - 1, label, params, item.count))
            group += grouped
            row += item.rows
    return boxes, arcs


# =============================================================================================
# 2. Drawing a diagram
# =============================================================================================

# Sizes in points (1/72 inch): the diagram's axes use points as data units, y pointing down.
# Projected at 1280×720 (issue 12), 1 pt is about 1.39 px: SMALL stays above 14 px on a slide.
FONT, SMALL, TITLE = 12.0, 11.5, 13.5
BOX_H, GAP, BUS_GAP = 22.0, 12.0, 9.0  # box height, gap between rows, extra room for a fan-out
ADD_Y, ADD_GAP, ADD_RADIUS = 11.0, 16.0, 4.5  # the ⊕ below a residual block and the room it takes
PAD_X, BRANCH_GAP, CARD_PAD = 6.0, 4.0, 4.0
MARGIN, GUTTER, ARC_OFFSET, HEAD = 14.0, 26.0, 15.0, 3.5


def diagram(
    model: nn.Module | DiagramSpec,
    input_size: int | tuple[int, ...] | None = None,
    *,
    collapse: bool | str = "auto",
    ax: Any = None,
    max_per_column: int | None = None,
) -> Figure:
    """Draw a network as a block diagram. 네트워크를 블록 다이어그램으로 그립니다.

    One box per layer (or residual block / inception module) with its type, kernel/stride
    and output shape, e.g. ``conv 11×11/4 · 96 + ReLU   55×55×96``; the colour says the kind
    of layer, the bar at the bottom of a box grows with √(its share of the parameters).
    Residual blocks get their shortcut drawn beside them (labelled "1×1 proj" or "pad (A)"
    unless it is the identity; none at all for the plain twin), inception modules show
    their four branches side by side. Long networks fold into columns; very long ones
    collapse repeated blocks into one with a count ("×35").

    상자 하나가 층 하나(또는 잔차 블록·인셉션 모듈)이고, 색은 층의 종류, 상자 아래 막대는
    파라미터 비율의 제곱근을 나타냅니다. 잔차 블록 옆에는 지름길이, 인셉션 모듈에는 네 갈래가
    나란히 그려집니다. 긴 네트워크는 여러 열로 접히고, 아주 긴 것은 반복 블록을 ×n으로 줄입니다.

    Args:
        model: a model, or a :class:`DiagramSpec` from :func:`diagram_spec`.
        input_size, collapse, max_per_column: as in :func:`diagram_spec`.
        ax: draw into this matplotlib axes (the diagram is scaled to fit it); default: a new
            figure sized for the diagram (about 16:9 when the network is long).

    Returns:
        the :class:`matplotlib.figure.Figure` (never shown, never closed).
    """
    if isinstance(model, DiagramSpec):
        spec = model
    else:
        spec = diagram_spec(model, input_size, collapse, max_per_column=max_per_column)
    register_korean_font()
    return _DiagramPainter(spec).paint(ax)


class _DiagramPainter:
    """Lays a :class:`DiagramSpec` out in points, then draws it with a few collections.

    Layout first: the widest label fixes the box width, the rows of every column get their
    y (with extra room under a residual block for its ⊕ and above an inception module for
    its fan-out), and the figure is exactly as big as that.
    """

    def __init__(self, spec: DiagramSpec) -> None:
        self.spec = spec
        boxes = spec.boxes
        main = [b for b in boxes if not b.branch]
        label_w = max(_width(b.label, FONT) + 12 + _width(b.shape, SMALL) + 2 * PAD_X for b in main)
        self.branches = {
            b.group: max(o.branch for o in boxes if o.group == b.group) for b in boxes if b.branch
        }
        branch_w = max((_width(b.label, SMALL) + 8 for b in boxes if b.branch), default=0)
        widest_fan = max(self.branches.values(), default=0)
        self.box_w = max(label_w, widest_fan * branch_w + (widest_fan - 1) * BRANCH_GAP, 120)
        counts = [_width(f"×{b.count}", FONT, bold=True) + CARD_PAD + 8 for b in boxes if b.count > 1]
        self.count_w = max(counts, default=0)
        labels = [_width(a.label, SMALL) + 6 for a in spec.arcs]
        self.arc_w = ARC_OFFSET + max(labels, default=0) if spec.arcs else 0
        self.col_w = self.count_w + self.box_w + self.arc_w
        self.name = spec.title
        self.params = f"{spec.total_params:,} {i18n.t('plot.params')}"
        self.width = max(
            2 * MARGIN + spec.columns * self.col_w + (spec.columns - 1) * GUTTER,
            2 * MARGIN + _width(self.name, TITLE, bold=True) + 16 + _width(self.params, TITLE),
            2 * MARGIN + max(22 + _width(text, SMALL) + 16 for _, text in self._legend_entries()),
        )
        self.legend = self._legend_lines()
        self.top = MARGIN + TITLE * 1.3 + 8 + len(self.legend) * 16 + 6
        self.rects, self.bottoms = self._layout()
        self.height = max(self.bottoms.values()) + MARGIN

    # -- layout

    def _legend_lines(self) -> list[list[tuple[str, str, float]]]:
        """Legend entries (marker, text, width), wrapped into lines as wide as the figure."""
        lines: list[list[tuple[str, str, float]]] = [[]]
        used, room = 0.0, self.width - 2 * MARGIN
        for marker, text in self._legend_entries():
            w = 22 + _width(text, SMALL) + 16
            if lines[-1] and used + w > room:
                lines.append([])
                used = 0.0
            lines[-1].append((marker, text, w))
            used += w
        return lines

    def _legend_entries(self) -> list[tuple[str, str]]:
        """(marker, text) of every legend entry: the kinds of layer shown, the arcs, the notes."""
        kinds = {b.kind for b in self.spec.boxes}
        entries = [(kind, i18n.t(f"kind.{kind}")) for kind in LEGEND_KINDS if kind in kinds]
        for kind in ("identity", "projection", "pad"):
            if any(a.kind == kind for a in self.spec.arcs):
                entries.append((kind, i18n.t(f"plot.arc.{kind}")))
        if any(b.count > 1 for b in self.spec.boxes):
            entries.append(("repeat", i18n.t("plot.repeat")))
        entries.append(("bar", i18n.t("plot.bar_note")))
        return entries

    def _layout(self) -> tuple[list[tuple[float, float, float, float]], dict[int, float]]:
        """(x, y, width, height) of every box (y at its top) and the bottom of every column."""
        boxes = self.spec.boxes
        ends = {(boxes[a.end].col, boxes[a.end].row) for a in self.spec.arcs}
        fans = {(b.col, b.row) for b in boxes if b.branch and b.row == self.first_row(b)}
        rows: dict[int, int] = {}
        for b in boxes:
            rows[b.col] = max(rows.get(b.col, 0), b.row + 1)
        y: dict[tuple[int, int], float] = {}
        bottoms: dict[int, float] = {}
        for col, n in rows.items():
            cursor = self.top + GAP + 6  # room for a jump from the previous column to come in
            for row in range(n):
                if row:
                    cursor += GAP + (ADD_GAP if (col, row - 1) in ends else 0)
                cursor += BUS_GAP if (col, row) in fans else 0
                y[col, row] = cursor
                cursor += BOX_H
            bottoms[col] = cursor + GAP + (ADD_GAP if (col, n - 1) in ends else 0)
        rects = []
        for b in boxes:
            x = self.left(b.col)
            if b.branch:  # the module's width shared by its branches, side by side
                n = self.branches[b.group]
                w = (self.box_w - (n - 1) * BRANCH_GAP) / n
                rects.append((x + (b.branch - 1) * (w + BRANCH_GAP), y[b.col, b.row], w, BOX_H))
            else:
                rects.append((x, y[b.col, b.row], self.box_w, BOX_H))
        return rects, bottoms

    def first_row(self, box: Box) -> int:
        return min(b.row for b in self.spec.boxes if b.group == box.group and b.branch)

    def left(self, col: int) -> float:
        """x of the left edge of the boxes in column ``col``."""
        return MARGIN + col * (self.col_w + GUTTER) + self.count_w

    def center(self, col: int) -> float:
        return self.left(col) + self.box_w / 2

    # -- drawing

    def paint(self, ax: Any) -> Figure:
        if ax is None:
            fig = Figure(figsize=(self.width / 72, self.height / 72))
            ax = fig.add_axes((0, 0, 1, 1))
            self.scale = 1.0
            ax.set_xlim(0, self.width)
            ax.set_ylim(self.height, 0)
            # Labels go straight onto our own figure: Axes.add_artist would spend a third of
            # their cost setting a clip path on each, which labels drawn unclipped never use.
            self.add_label = fig.add_artist
        else:  # fit the diagram into the caller's axes: shrink everything, fonts included
            fig = ax.get_figure()
            box = ax.get_position()
            w, h = box.width * fig.get_figwidth() * 72, box.height * fig.get_figheight() * 72
            self.scale = min(w / self.width, h / self.height)
            dx, dy = (w / self.scale - self.width) / 2, (h / self.scale - self.height) / 2
            ax.set_xlim(-dx, self.width + dx)
            ax.set_ylim(self.height + dy, -dy)
            self.add_label = ax.add_artist  # the caller's axes: its labels go (and go away) with it
        ax.set_axis_off()
        self.ax = ax
        self.lines: list = []  # solid grey connectors
        self.jumps: list = []  # dashed connectors between columns
        self.heads: list = []  # arrowheads (x, y of the tip)
        self._header()
        self._cards()
        self._boxes()
        self._flow()
        self._arcs()
        lw = self.scale
        self.ax.add_collection(LineCollection(self.lines, colors=LINE_COLOR, linewidths=lw), autolim=False)
        dashed = LineCollection(self.jumps, colors=LINE_COLOR, linewidths=lw, linestyles=(0, (3, 2)))
        self.ax.add_collection(dashed, autolim=False)
        self._heads(self.heads, "v", LINE_COLOR)
        return fig

    def text(self, x: float, y: float, s: str, size: float, bold: bool = False, **kw: Any) -> None:
        if s:
            kw.setdefault("color", TEXT_COLOR)
            font = _font(size * self.scale, bold and not _has_hangul(s))
            label = _Label(x, y, s, fontproperties=font, va="center", clip_on=False, **kw)
            label.set_transform(self.ax.transData)
            self.add_label(label)

    def _heads(self, tips: list[tuple[float, float]], marker: str, color: str) -> None:
        if tips:
            xs, ys = zip(*tips, strict=True)
            # Markers are centred on their point: move each one back half a head from its tip.
            dx, dy = {"v": (0, -1.8), "<": (1.8, 0)}[marker]
            xs, ys = [x + dx for x in xs], [y + dy for y in ys]
            self.ax.add_line(
                Line2D(xs, ys, ls="none", marker=marker, ms=4.5 * self.scale, color=color, mew=0)
            )

    def _header(self) -> None:
        y = MARGIN + TITLE * 0.65
        self.text(MARGIN, y, self.name, TITLE, bold=True)
        # NanumGothic has no bold face: the part with Hangul stays regular weight.
        self.text(MARGIN + _width(self.name, TITLE, bold=True) + 16, y, self.params, TITLE, color=SHAPE_COLOR)
        patches = _Shapes()
        y = MARGIN + TITLE * 1.3 + 16
        for entries in self.legend:
            x = MARGIN
            for marker, text, w in entries:
                if marker in ARC_COLORS:
                    dashes = (0, (4, 2)) if marker == "pad" else "-"
                    line = Line2D(
                        [x, x + 16], [y, y], color=ARC_COLORS[marker], lw=1.4 * self.scale, ls=dashes
                    )
                    self.ax.add_line(line)
                elif marker == "repeat":
                    self.text(x + 8, y, "×n", SMALL, ha="center", bold=True)
                elif marker == "bar":
                    patches.bar(x, y - 1.2, 16, 2.4, COLORS["conv"][1])
                else:
                    face, edge = COLORS[marker]
                    patches.box(x, y - 6, 16, 12, 2.5, face, edge, 0.9 * self.scale)
                self.text(x + 22, y, text, SMALL)
                x += w
            y += 16
        self.ax.add_collection(patches.collection(), autolim=False)

    def _collapsed(self) -> list[list[int]]:
        """Indices of the boxes of every collapsed (×n) layer or block."""
        groups: dict[Any, list[int]] = {}
        for i, b in enumerate(self.spec.boxes):
            if b.count > 1:
                groups.setdefault(b.group if b.group >= 0 else ("box", i), []).append(i)
        return list(groups.values())

    def _cards(self) -> None:
        """A ×n layer or block sits on a small stack of cards, its count on the left."""
        cards = _Shapes()
        for members in self._collapsed():
            rects = [self.rects[i] for i in members]
            x0 = min(r[0] for r in rects) - CARD_PAD
            y0 = min(r[1] for r in rects) - CARD_PAD
            x1 = max(r[0] + r[2] for r in rects) + CARD_PAD
            y1 = max(r[1] + r[3] for r in rects) + CARD_PAD
            for off, face in ((5.0, "white"), (2.5, "white"), (0.0, "#f7f7f7")):
                cards.box(x0 + off, y0 - off, x1 - x0, y1 - y0, 4, face, "#b5b5b5", 0.8 * self.scale)
            count = self.spec.boxes[members[0]].count
            self.text(x0 - 5, (y0 + y1) / 2, f"×{count}", FONT, ha="right", bold=True)
        self.ax.add_collection(cards.collection(), autolim=False)

    def _boxes(self) -> None:
        total = max(self.spec.total_params, 1)
        patches, bars = _Shapes(), _Shapes()
        for box, (x, y, w, h) in zip(self.spec.boxes, self.rects, strict=True):
            face, edge = COLORS[box.kind]
            dashes = "-" if box.ran else (0, (3, 2))
            patches.box(x, y, w, h, 3, face, edge, self.scale, dashes)
            if box.params:  # √ so that a 0.1 % layer still shows next to a 60 % one
                length = max(math.sqrt(box.params / total) * (w - 4), 1.5)
                bars.bar(x + 2, y + h - 3.4, length, 2.2, edge)
            middle = y + h / 2 - 0.5  # a hair above the centre: the bar sits at the bottom
            if box.branch:
                self.text(x + w / 2, middle, box.label, SMALL, ha="center")
            else:
                self.text(x + PAD_X, middle, box.label, FONT)
                self.text(x + w - PAD_X, middle, box.shape, SMALL, ha="right", color=SHAPE_COLOR)
        self.ax.add_collection(patches.collection(), autolim=False)
        self.ax.add_collection(bars.collection(), autolim=False)

    def _flow(self) -> None:
        """Arrows along the main line, the fan-out and fan-in of inception modules, column jumps."""
        boxes, rects = self.spec.boxes, self.rects
        exit_box: int | None = None  # the box the flow leaves from
        for i, box in enumerate(boxes):
            if not box.ran:  # training-only parts hang outside the flow
                continue
            x, y, w, _ = rects[i]
            if box.branch:
                above = [
                    j
                    for j, b in enumerate(boxes)
                    if (b.group, b.branch, b.row) == (box.group, box.branch, box.row - 1)
                ]
                start = rects[above[0]][1] + BOX_H if above else self.fan_y(i)
                self.arrow(x + w / 2, start, y)
                if boxes[i - 1].group != box.group:  # the module's first box: draw its fan-out
                    xs = [
                        r[0] + r[2] / 2
                        for r, b in zip(rects, boxes, strict=True)
                        if b.group == box.group and b.branch
                    ]
                    self.lines.append([(min(xs), self.fan_y(i)), (max(xs), self.fan_y(i))])
                    if exit_box is not None:
                        self.connect(exit_box, box.col, self.fan_y(i), head=False)
                continue
            if box.kind == "concat":  # fan-in: every branch's last box into the concat box
                for b, (bx, by, bw, _) in zip(boxes, rects, strict=True):
                    if b.group == box.group and b.branch and b.row == box.row - 1:
                        self.arrow(bx + bw / 2, by + BOX_H, y)
            elif exit_box is not None:
                self.connect(exit_box, box.col, y)
            exit_box = i

    def arrow(self, x: float, y0: float, y1: float) -> None:
        """A vertical line from y0 down to an arrowhead whose tip is at y1."""
        self.lines.append([(x, y0), (x, y1 - HEAD)])
        self.heads.append((x, y1))

    def fan_y(self, i: int) -> float:
        """y of an inception module's fan-out line, in the extra room above its first row."""
        box = self.spec.boxes[i]
        first = min(r[1] for r, b in zip(self.rects, self.spec.boxes, strict=True) if b.group == box.group)
        return first - BUS_GAP / 2 - 3

    def connect(self, i: int, col: int, y: float, head: bool = True) -> None:
        """From the bottom of box ``i`` down to height ``y`` on the main line of column ``col``.

        Another column is reached by a dashed detour — down, along the bottom, up the gutter
        and across the top — so the line never crosses a box.
        """
        box = self.spec.boxes[i]
        x0, y0, x1 = self.center(box.col), self.rects[i][1] + BOX_H, self.center(col)
        end = y - HEAD if head else y
        if col == box.col:
            self.lines.append([(x0, y0), (x0, end)])
        else:
            bottom, top = self.bottoms[box.col] - 5, self.top + 3
            gutter = self.left(col) - self.count_w - GUTTER / 2
            self.jumps.append([(x0, y0), (x0, bottom), (gutter, bottom), (gutter, top), (x1, top), (x1, end)])
        if head:
            self.heads.append((x1, y))

    # A shortcut: out to the right above the block, down beside it, back in to the ⊕ below it,
    # with rounded corners (each CURVE3 pair is a quadratic Bézier through the corner).
    _ARC_CODES = (Path.MOVETO, Path.LINETO, *[Path.CURVE3] * 2, Path.LINETO, *[Path.CURVE3] * 2, Path.LINETO)

    def _arcs(self) -> None:
        """Each shortcut leaves the main line above its block (•) and joins it again at the ⊕."""
        paths, adds, splits, heads = _Shapes(), [], [], {}
        for arc in self.spec.arcs:
            cx = self.center(self.spec.boxes[arc.start].col)
            x = self.left(self.spec.boxes[arc.start].col) + self.box_w + ARC_OFFSET
            y0 = self.rects[arc.start][1] - GAP / 2 - 0.5
            y1 = self.rects[arc.end][1] + BOX_H + ADD_Y
            r, end = 5.0, cx + ADD_RADIUS + HEAD  # corner radius; the line stops at the arrowhead
            verts = [
                (cx, y0),
                (x - r, y0),
                (x, y0),
                (x, y0 + r),
                (x, y1 - r),
                (x, y1),
                (x - r, y1),
                (end, y1),
            ]
            color = ARC_COLORS[arc.kind]
            dashes = (0, (4, 2)) if arc.kind == "pad" else "-"
            path = Path(verts, self._ARC_CODES)
            paths.add(path, "none", color, 1.3 * self.scale, dashes)
            heads.setdefault(color, []).append((cx + ADD_RADIUS, y1))
            adds.append((cx, y1))
            splits.append((cx, y0))
            if arc.label:
                self.text(x + 4, (y0 + y1) / 2, arc.label, SMALL, color=color)
            # The main line runs on through the ⊕ to whatever comes next.
            self.lines.append([(cx, self.rects[arc.end][1] + BOX_H), (cx, y1)])
        if not paths.paths:
            return
        self.ax.add_collection(paths.collection(), autolim=False)
        for color, tips in heads.items():  # one artist per colour: each artist costs a draw call
            self._heads(tips, "<", color)
        circles = [Circle(p, ADD_RADIUS) for p in adds] + [Circle(p, 1.6) for p in splits]
        faces = ["white"] * len(adds) + ["#4d4d4d"] * len(splits)
        style = dict(edgecolors="#4d4d4d", linewidths=self.scale, zorder=3)
        self.ax.add_collection(PatchCollection(circles, facecolors=faces, **style), autolim=False)
        plus = [seg for x, y in adds for seg in ([(x - 2.6, y), (x + 2.6, y)], [(x, y - 2.6), (x, y + 2.6)])]
        self.ax.add_collection(
            LineCollection(plus, colors="#4d4d4d", linewidths=self.scale, zorder=3), autolim=False
        )


class _Shapes:
    """Outlines drawn as one collection: what ``PatchCollection(patches, match_original=True)``
    draws, pixel for pixel, without making a Patch for each (~0.1 ms apiece: a third of the
    time a 90-box diagram took to build)."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.styles: dict[str, list] = {
            "facecolors": [],
            "edgecolors": [],
            "linewidths": [],
            "linestyles": [],
        }

    def add(self, path: Path, face: Any, edge: Any, width: float, dashes: Any = "-") -> None:
        self.paths.append(path)
        for key, value in zip(self.styles, (face, edge, width, dashes), strict=True):
            self.styles[key].append(value)

    def box(self, x: float, y: float, w: float, h: float, radius: float, face: Any, edge: Any, width: float,
            dashes: Any = "-") -> None:  # fmt: skip
        """A FancyBboxPatch with the style "round,pad=0,rounding_size=<radius>"."""
        self.add(BoxStyle.Round(pad=0, rounding_size=radius)(x, y, w, h, 1.0), face, edge, width, dashes)

    def bar(self, x: float, y: float, w: float, h: float, color: Any) -> None:
        """A Rectangle filled with ``color``, no edge."""
        self.add(Path([(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)], closed=True), color, color, 0)

    def collection(self) -> PathCollection:
        return PathCollection(self.paths, **self.styles)


# =============================================================================================
# 3. Receptive field: why VGG stacks 3×3 convolutions
# =============================================================================================

_SKEW, _SQUASH, _LAYER_GAP = 0.55, 0.42, 1.9  # the oblique view of a feature-map grid
_REGION_COLORS = ("#f6b26b", "#6fa8dc", "#8e7cc3", "#e06666")  # input window … output pixel


def receptive_field(stack: int = 2, *, ax: Any = None, channels: int = 64) -> Figure:
    """One 5×5 (or 7×7) window next to two (three) stacked 3×3 windows over the same input.

    VGG의 핵심: 3×3 합성곱 두 개를 쌓으면 5×5 하나와, 세 개면 7×7 하나와 수용 영역이 같지만
    파라미터는 더 적고(18·C² < 25·C², 27·C² < 49·C²) ReLU는 더 많습니다.

    Both sides use "valid" convolutions (no padding) on a (k+2)×(k+2) input, so they end in the
    same 3×3 output; the highlighted output pixel sees a k×k window of the input either way.
    On the right, its 3×3 window on the layer below covers 5×5 input pixels (7×7 after three).

    Args:
        stack: 2 (compare with 5×5) or 3 (compare with 7×7).
        ax: draw into this axes (split in two); default: a new figure.
        channels: C for the worked example (weights only: C channels in, C out, no bias).
    """
    stack = check_int("stack", stack, 2, 3)
    channels = check_int("channels", channels, 1, 100_000)
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


# =============================================================================================
# 4. Feature maps of a real photo
# =============================================================================================

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
    """The output channels (feature maps) of one layer for a photo. 한 층의 특징 맵(출력 채널)을 보여 줍니다.

    Each output channel is made by one filter, so the layer has as many feature maps as it
    has filters: the title says "C channels = C filters". 필터 하나가 출력 채널 하나를 만듭니다.

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
    n = check_int("n", n, 1, 1024)
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

    합성곱 층 하나의 필터(커널)를 작은 그림으로 보여 줍니다(AlexNet 논문의 그림 3처럼).

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
    count_ = weight.shape[0] if n is None else check_int("n", n, 1, weight.shape[0])
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
    fig, ax = _figure_and_axes(ax, (min(12.0, 0.45 * cols + 1), min(8.0, 0.45 * rows + 1)))
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


# =============================================================================================
# 5. Where the parameters are
# =============================================================================================


def param_bars(
    table: count.ParamTable | nn.Module, *, ax: Any = None, by: str = "layer", log: bool = False
) -> Figure:
    """Horizontal bars: parameters per layer, stage or kind, with the numbers written on them.

    층·단계·종류별 파라미터 수를 가로 막대로 보여 줍니다. AlexNet과 VGG는 파라미터 대부분이
    완전 연결 층에 있다는 것이 한눈에 보입니다.

    Args:
        table: a :class:`cnnlib.count.ParamTable` (``count.table(model)``) or a model.
        ax: draw into this axes; default: a new figure (taller when there are many bars).
        by: ``"layer"`` (every layer with parameters), ``"stage"`` or ``"kind"`` (conv, FC, norm).
        log: logarithmic x axis (small layers stay visible next to a 100-million-parameter FC).
    """
    if isinstance(table, nn.Module):
        table = count.table(table)
    by = check_choice("by", by, ("layer", "stage", "kind"))
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
        left = (max((_width(name, rcParams["ytick.labelsize"]) for name in names), default=0) + 16) / 72
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
    value_font = _font(rcParams["legend.fontsize"])
    for y, value in zip(positions, values, strict=True):
        x = value * 1.15 if log else value + biggest * 0.01
        share = f"{value / total:.1%}" if value / total >= 0.001 else "<0.1%"
        ax.add_artist(
            _Label(x, y, f"{value:,} ({share})", fontproperties=value_font, va="center", clip_on=False)
        )
    ax.xaxis.set_major_formatter(EngFormatter(sep=""))  # 10M, not 1e7
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    xlabel = i18n.t("table.params") + (f" ({i18n.t('plot.log_scale')})" if log else "")
    ax.set_xlabel(xlabel)
    kinds_total = table.by_kind()
    top_kind = max(kinds_total, key=kinds_total.get) if kinds_total else "other"
    share = f"{kinds_total.get(top_kind, 0) / total:.1%}"
    largest = _say("plot.largest", kind=i18n.both(f"kind.{top_kind}"), share=share)
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


def _say(key: str, **fields: Any) -> str:
    """Like ``i18n.t``, but a field given as a (Korean, English) pair goes in the matching language."""
    ko, en = i18n.STRINGS[key]
    ko = i18n.fill(ko, **{k: v[0] if isinstance(v, tuple) else v for k, v in fields.items()})
    en = i18n.fill(en, **{k: v[1] if isinstance(v, tuple) else v for k, v in fields.items()})
    return i18n.pick(ko, en)


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


# --------------------------------------------------------------------------- fast labels


@functools.lru_cache(maxsize=8)
def _scratch(dpi: float) -> RendererAgg:
    return RendererAgg(1, 1, dpi)


@functools.lru_cache(maxsize=8192)
def _metrics(text: str, prop: FontProperties, dpi: float) -> tuple[float, float, float]:
    """(width, ascent, descent) in pixels; ascent/descent at least the font's, so baselines line up."""
    renderer = _scratch(dpi)
    w, h, d = renderer.get_text_width_height_descent(text, prop, ismath=False)
    _, h_ref, d_ref = renderer.get_text_width_height_descent("lp", prop, ismath=False)
    return w, max(h - d, h_ref - d_ref), max(d, d_ref)


_SPRITE_PAD = 2


@functools.lru_cache(maxsize=2048)  # a label is ~10 kB of pixels: at most ~20 MB
def _sprite(text: str, prop: FontProperties, color: tuple[float, ...], dpi: float) -> np.ndarray:
    """The text rendered once on a transparent background (RGBA, bottom row first)."""
    w, a, d = _metrics(text, prop, dpi)
    renderer = RendererAgg(math.ceil(w) + 2 * _SPRITE_PAD, math.ceil(a + d) + 2 * _SPRITE_PAD, dpi)
    gc = renderer.new_gc()
    gc.set_foreground(color, isRGBA=True)
    renderer.draw_text(gc, _SPRITE_PAD, _SPRITE_PAD + a, text, prop, 0)
    gc.restore()
    return np.asarray(renderer.buffer_rgba())[::-1].copy()


def _font(size: float, bold: bool = False) -> FontProperties:
    """The labels' font; bold only for Latin text, without the Hangul fallback.

    NanumGothic ships a regular weight only: asking it for bold makes matplotlib log
    "findfont: Failed to find font weight bold", which would be noise in every notebook.
    """
    if not bold:
        return FontProperties(size=size)
    families = [f for f in rcParams["font.family"] if f != FONT_FAMILY] or ["sans-serif"]
    return FontProperties(family=families, size=size, weight="bold")


def _width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points (measured with the real font, Hangul fallback included)."""
    return _metrics(text, _font(size, bold and not _has_hangul(text)), 72.0)[0] if text else 0.0


def _has_hangul(text: str) -> bool:
    """Bold has no Hangul fallback (see ``_font``): a label with Hangul is drawn regular."""
    return any("가" <= ch <= "힣" for ch in text)


class _Label(Text):
    """A one-line, unrotated Text whose pixels are rendered once and then reused.

    Why: since matplotlib 3.11 the Agg backend lays out and renders every glyph in Python,
    about 0.1-0.2 ms a glyph on a laptop CPU, so a diagram's ~700 letters took longer than
    the 100 ms a widget may spend on a redraw. Labels repeat within a diagram (the same
    layer several times) and across redraws (a knob change keeps most labels), so each
    (string, font, colour, dpi) is rasterised once and pasted afterwards. Other backends
    (PDF, SVG) draw it as an ordinary Text.
    """

    def _layout_px(self, dpi: float) -> tuple[float, float, float, float, float]:
        prop = self.get_fontproperties()
        w, a, d = _metrics(self.get_text(), prop, dpi)
        x, y = self.get_transform().transform(self.get_unitless_position())
        x0 = x - {"left": 0.0, "center": w / 2, "right": w}[self.get_horizontalalignment()]
        baseline = (
            y - {"baseline": 0.0, "center": (a - d) / 2, "top": a, "bottom": -d}[self.get_verticalalignment()]
        )
        return x0, baseline, w, a, d

    def get_window_extent(self, renderer: Any = None, dpi: float | None = None) -> Bbox:
        if not self.get_visible() or not self.get_text():
            return super().get_window_extent(renderer, dpi)
        figure = self.get_figure(root=True)
        x0, baseline, w, a, d = self._layout_px(dpi or figure.dpi)
        return Bbox.from_bounds(x0, baseline - d, w, a + d)

    def draw(self, renderer: Any) -> None:
        if not isinstance(renderer, RendererAgg) or not self.get_visible() or not self.get_text():
            return super().draw(renderer)
        x0, baseline, _, _, d = self._layout_px(renderer.dpi)
        prop = self.get_fontproperties().copy()  # a cache key must not change afterwards
        image = _sprite(self.get_text(), prop, to_rgba(self.get_color(), self.get_alpha()), renderer.dpi)
        gc = renderer.new_gc()
        renderer.draw_image(gc, round(x0) - _SPRITE_PAD, round(baseline - d) - _SPRITE_PAD, image)
        gc.restore()
        self.stale = False
        return None


# ----------------------------------------------------------------------------- lesson results


def curves(
    runs: dict[str, Any],
    metric: str = "train_loss",
    *,
    ax: Any = None,
    per_step: bool = False,
    smooth: int = 10,
) -> Figure:
    """One line per run: ``metric`` ("train_loss", "train_acc", "test_loss", "test_acc") against steps.

    실행마다 선 하나: 스텝에 따른 ``metric``(학습/테스트 손실·정확도). ``per_step=True``이면 스텝별
    학습 손실(``smooth``개 이동 평균)을 그립니다.

    ``runs`` maps a label to a :class:`cnnlib.train.History` (e.g. ``Result.runs`` of an experiment).
    One panel of :func:`training_curves`, which draws loss and accuracy side by side.
    """
    metric = check_choice("metric", metric, ("train_loss", "train_acc", "test_loss", "test_acc"))
    fig, ax = _figure_and_axes(ax, (7.5, 4.2))
    for label, history in runs.items():
        if per_step:
            losses = torch.tensor(history.step_losses, dtype=torch.float64)
            k = max(1, min(smooth, len(losses)))
            values = losses.unfold(0, k, 1).mean(1).tolist() if len(losses) else []
            ax.plot(range(k, k + len(values)), values, label=i18n.label(label))
        else:
            ax.plot(*_measured(history, metric), marker="o", markersize=3, label=i18n.label(label))
    ax.set_xlabel(_say("plot.steps"))
    ax.set_ylabel(_say(f"plot.{'train_loss' if per_step else metric}"))
    ax.grid(alpha=0.3)
    ax.legend()
    return fig


def training_curves(histories: Any, *, ax: Any = None, bands: Sequence[Any] | None = None) -> Figure:
    """Loss (left) and accuracy (right) against training steps: solid train, dashed test, one colour per run.

    학습 스텝에 따른 손실(왼쪽)과 정확도(오른쪽). 실선은 학습, 점선은 테스트, 실행마다 색 하나입니다.

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

    실행마다 점 하나: 파라미터 수(가로, 로그 눈금) 대 테스트 정확도(세로).
    Runs without a test set use their training accuracy (hollow markers).
    """
    figure, ax = _figure_and_axes(ax, (6, 4))
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


def gradient_profile(norms: dict[str, list[tuple[str, float]]], *, ax: Any = None) -> Figure:
    """Per-layer gradient norms (log scale), input side on the left, one line per network.

    층별 기울기 크기(로그 축). 왼쪽이 입력 쪽입니다. 선이 아래로 꺼지면 기울기 소실, 치솟으면 폭주.
    ``norms`` maps a label to :func:`cnnlib.gradients.layer_gradient_norms` output.
    """
    fig, ax = _figure_and_axes(ax, (7.5, 4.2))
    for label, layers in norms.items():
        values = [max(v, 1e-30) for _, v in layers]
        ax.plot(range(1, len(values) + 1), values, marker=".", label=i18n.label(label))
    ax.set_yscale("log")
    ax.set_xlabel(_say("plot.layer_index"))
    ax.set_ylabel(_say("plot.grad_norm"))
    ax.grid(alpha=0.3, which="both")
    ax.legend()
    return fig


def signal_profile(signals: dict[str, list[LayerSignal]]) -> Figure:
    """Forward signal and backward gradient at every layer's input (log scales), one line per network.

    왼쪽은 순전파 신호의 크기 RMS(x_l), 오른쪽은 그 자리로 돌아온 기울기 ‖∂L/∂x_l‖입니다(로그 눈금).
    기울기는 오른쪽(출력)에서 왼쪽(입력)으로 거슬러 가므로, 오른쪽 그림의 선이 왼쪽으로 갈수록 내려가면
    소실, 올라가면 폭주입니다.

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
        ax.set_xlabel(_say("plot.layer_index"))
        ax.set_ylabel(ylabel)  # the same in every language
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(alpha=0.3, which="major")
    backward.legend()
    return fig


def samples(dataset: ImageDataset, *, per_class: int = 8) -> Figure:
    """The first ``per_class`` images of every class of ``dataset``, a row per class.

    데이터셋의 클래스마다 처음 ``per_class``장을 한 줄에 보여 줍니다. 줄 이름은 현재 언어로 된
    클래스 이름입니다.

    Args:
        dataset: a :class:`cnnlib.data.ImageDataset`, e.g. the first of ``cnnlib.data.load()``.
            Its raw images are shown (before normalisation); one-channel images in grey.
        per_class: images per row (a class with fewer images leaves its row short).
    """
    if not isinstance(dataset, ImageDataset):
        raise ConfigError("dataset", type(dataset).__name__, i18n.both("plot.samples.allowed"))
    per_class = check_int("per_class", per_class, 1, 32)
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
    """A labelled bar per entry (accuracies, parameter counts …) with the value on each bar.

    항목마다 막대 하나(정확도, 파라미터 수 등), 막대 위에 값을 적습니다.
    """
    fig, ax = _figure_and_axes(ax, (6.4, 3.6))
    labels = [i18n.label(k, sep="\n") for k in values]
    heights = [float(v) for v in values.values()]
    palette = [COLORS[kind][1] for kind in ("conv", "fc", "norm", "pool")]
    drawn = ax.bar(labels, heights, color=[palette[i % len(palette)] for i in range(len(labels))])
    texts = [f"{h:.1%}" if percent else f"{h:,.4g}" if h < 1e4 else f"{h:,.0f}" for h in heights]
    ax.bar_label(drawn, texts, padding=2)
    if percent:  # the axis speaks the same unit as the labels on the bars
        from matplotlib.ticker import PercentFormatter

        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_ylabel(ylabel)
    ax.margins(y=0.15)
    return fig


def new_figure(figsize: tuple[float, float]) -> Figure:
    """A matplotlib Figure outside pyplot: thread-safe, shown only where it is displayed, Hangul-ready."""
    register_korean_font()
    return Figure(figsize=figsize, layout="constrained")


def _figure_and_axes(ax: Any, size: tuple[float, float]) -> tuple[Figure, Any]:
    if ax is not None:
        register_korean_font()
        return ax.figure, ax
    fig = new_figure(size)
    return fig, fig.add_subplot()


# ----------------------------------------------------------------------------- accuracy over seeds


def seed_accuracy(
    rows: dict[str, Any], *, ax: Any = None, metric: str = "test_acc", papers: dict[str, float] | None = None
) -> Figure:
    """Accuracy of each setting over its seeds: every seed a dot, the mean a bar, ± one s.d. a line.

    설정마다 시드별 정확도를 점으로, 평균을 가로 막대로, ±표준편차를 세로줄로 그립니다. 점들이 서로
    겹치면 두 설정의 차이는 시드 잡음 안에 있습니다.

    ``rows`` maps a label to a :class:`cnnlib.atlas.Cell` (or anything with ``stat(metric)``).
    ``papers`` (optional) maps a label to the paper's accuracy in [0, 1], drawn as a hollow marker
    on a second axis (a different dataset: the trend, not the value, is comparable).
    """
    metric = check_choice("metric", metric, ("test_acc", "train_acc", "final_train_loss"))
    fig, ax = _figure_and_axes(ax, (max(4.0, 1.3 * len(rows) + 1.5), 3.6))
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
    ax.set_ylabel(_say(f"plot.{metric}"))
    if metric != "final_train_loss":
        from matplotlib.ticker import PercentFormatter

        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.grid(alpha=0.3, axis="y")
    if papers:
        twin = ax.twinx()
        labels = list(rows)
        points = [(labels.index(k), v) for k, v in papers.items() if k in labels]
        twin.plot([i for i, _ in points], [v for _, v in points], "D", mfc="none", mec="#444", ms=7)
        twin.set_ylabel(_say("plot.paper_acc"))
        twin.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    return fig


def atlas_band(ax: Any, cell: Any, color: str, label: str = "") -> None:
    """Shade the range of the atlas's seed curves (test accuracy against steps) of ``cell`` on ``ax``.

    정확도 지도에 있는 시드별 테스트 정확도 곡선의 범위를 옅게 칠합니다: 지금 학습하는 곡선이 그 띠
    안에 들어오면 미리 잰 결과와 같은 것입니다.
    """
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

    한 줄에 설정 하나: 시드마다 점 하나, 평균은 세로 눈금. 위젯 안에서 숫자 옆에 바로 그립니다.
    ``rows``: ``(colour, Stat, label)`` of accuracies in [0, 1], the label written to the right; the
    axis spans their range ± 2 points. Drawn as text (no matplotlib): it appears as fast as the numbers.
    """
    import html

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

    깊이에 따른 정확도: 네트워크 계열마다 선 하나(시드 평균 ± 표준편차, 시드별 값은 점). ``series``
    maps a label (e.g. "plain", "ResNet") to ``{depth: Cell}``; ``papers`` (optional) maps a label to
    ``{depth: accuracy}`` drawn dashed with hollow markers — another dataset: compare the trend.
    """
    metric = check_choice("metric", metric, ("test_acc", "train_acc", "final_train_loss"))
    fig, ax = _figure_and_axes(ax, (7.5, 4.2))
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
    ax.set_xlabel(_say("plot.depth"))
    ax.set_ylabel(_say(f"plot.{metric}"))
    if metric != "final_train_loss":
        from matplotlib.ticker import PercentFormatter

        ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.grid(alpha=0.3)
    ax.legend()
    return fig
