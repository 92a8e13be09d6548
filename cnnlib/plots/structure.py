"""The structure of a block diagram, read from the count table and the meta-device trace (no drawing).

The rows of :func:`cnnlib.count.table` give every layer's parameters and kind; the trace
(``Trace.order``, ``Trace.calls``) gives the order the layers run in and the shape each one
returns. Two kinds of groups are recognised without knowing any model class:

- a residual block is laid out as torchvision lays one out: a ``downsample`` slot (``None`` for
  the identity shortcut; ``skip=False`` turns the shortcut off in cnnlib's plain twin);
- an inception module is a module whose children all read its input and whose output is their
  outputs concatenated along the channels (the trace's shapes say so).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from torch import nn

from cnnlib import checks, count, i18n
from cnnlib.errors import ConfigError
from cnnlib.trace import trace

Shape = tuple[int, ...]


@dataclass(frozen=True)
class Box:
    """One box of a diagram: a layer, a layer with its BN/ReLU, or ``count`` identical ones."""

    label: str  # e.g. "conv 11×11/4 · 96 + ReLU"
    kind: str  # "conv", "pool", "norm", "fc", "other", "input" or "concat"
    params: int  # parameters of every layer the box stands for (all `count` copies)
    row: int  # row inside its column, 0 at the top
    col: int  # column of the folded diagram, 0 on the left
    branch: int = 0  # 0 on the main line; 1, 2, … for the branches of an inception module
    shape: str = ""  # output per image as PyTorch writes it, C×H×W ("96×55×55"), or C ("4096")
    count: int = 1  # > 1 when collapsed: the box stands for `count` identical layers or blocks
    group: int = -1  # residual block or inception module it belongs to (-1: none)
    ran: bool = True  # False for layers that only run in training (GoogLeNet's aux classifiers)
    names: tuple[str, ...] = ()  # the modules it shows, as in model.named_modules()


@dataclass(frozen=True)
class Arc:
    """The shortcut of a residual block, from the block's first box to its last."""

    kind: str  # "identity", "projection" or "pad"
    start: int  # index into DiagramSpec.boxes
    end: int
    label: str = ""  # "1×1 proj", "pad (A)"; the identity has none
    params: int = 0  # the projection's own parameters (1×1 convolution + BN)
    count: int = 1  # blocks it stands for when collapsed


@dataclass
class DiagramSpec:
    """Everything :func:`cnnlib.plots.diagram` draws: boxes in rows and columns, and shortcut arcs."""

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


AUTO_COLLAPSE_ROWS = 48  # above this many rows "auto" collapses repeated layers and blocks
SLIDE_ASPECT = 16 / 9
SHORT_ROWS = 10  # a diagram this short stays in one column
_SUFFIXES = {
    nn.BatchNorm2d: "BN",
    nn.ReLU: "ReLU",
    nn.Tanh: "tanh",
    nn.Sigmoid: "sigmoid",
    nn.Dropout: "dropout",
}
_ACTIVATIONS = (nn.ReLU, nn.Tanh, nn.Sigmoid, nn.GELU, nn.SiLU, nn.LeakyReLU)


def diagram_spec(
    model: nn.Module,
    input_size: int | tuple[int, ...] | None = None,
    collapse: bool | str = "auto",
    *,
    max_per_column: int | None = None,
) -> DiagramSpec:
    """The boxes and arcs of :func:`cnnlib.plots.diagram`, without drawing.

    Consecutive layers become boxes (BN, activation and dropout join the convolution or FC box
    before them), residual blocks get a shortcut arc, inception modules keep their branches
    side by side. The model runs on the meta device only: no weight is touched.

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
        max_per_column = checks.whole("max_per_column", max_per_column, 1, 1000)
    table = count.table(model, input_size, all_layers=True)
    items = _Walker(model, table).items()
    if collapse == "auto":
        collapse = sum(item.height for item in items) > AUTO_COLLAPSE_ROWS
    if collapse:
        items = _collapse(items)
    columns = _fold(items, max_per_column)
    boxes, arcs = _place(columns)
    return DiagramSpec(_title(model), table.input_shape, boxes, arcs, len(columns), collapse)


# --------------------------------------------------------------------------- labels


def _kernel(size: Any, stride: Any) -> str:
    kh, kw = size if isinstance(size, tuple) else (size, size)
    s = stride[0] if isinstance(stride, tuple) else stride
    return f"{kh}×{kw}" + (f"/{s}" if s not in (None, 1) else "")


def _describe(module: nn.Module, short: bool = False) -> str | None:
    """The label of one layer, or None for the layers a diagram leaves out (Identity, Flatten).

    ``short`` is the compact form used inside inception branches: "3×3 · 128", "pool 3×3".
    """
    if isinstance(module, (nn.Identity, nn.Flatten)):
        return None
    if isinstance(module, nn.Conv2d):
        groups = f", g={module.groups}" if module.groups != 1 else ""
        text = f"{_kernel(module.kernel_size, module.stride)} · {module.out_channels}{groups}"
        return text if short else f"conv {text}"
    if isinstance(module, nn.Linear):
        return f"fc · {module.out_features}"
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        name = "max" if isinstance(module, nn.MaxPool2d) else "avg"
        kernel = _kernel(module.kernel_size, None if short else module.stride)
        return f"pool {kernel}" if short else f"{name}pool {kernel}"
    if isinstance(module, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)):
        name = "avg" if isinstance(module, nn.AdaptiveAvgPool2d) else "max"
        size = module.output_size if isinstance(module.output_size, tuple) else (module.output_size,) * 2
        return f"global {name}pool" if tuple(size) == (1, 1) else f"{name}pool → {size[0]}×{size[1]}"
    if isinstance(module, nn.LocalResponseNorm):
        return f"LRN n={module.size}"
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        return "BN"
    if isinstance(module, nn.Dropout):
        return f"dropout p={module.p:g}"
    return type(module).__name__  # GroupNorm, LayerNorm, an activation, …


def _title(model: nn.Module) -> str:
    """Class name plus the knobs that change the picture most, e.g. "ResNet-20 · cifar · skip=False"."""
    config = getattr(model, "config", {}) or {}
    name = type(model).__name__ + (f"-{config['depth']}" if "depth" in config else "")
    bits = [i18n.label(str(config[key])) for key in ("config", "variant") if key in config]
    bits += [f"{key}=False" for key in ("skip", "reduce") if config.get(key) is False]
    return " · ".join([name, *bits])


# --------------------------------------------------------------------------- walking the trace


@dataclass
class _Call:
    name: str
    module: nn.Module
    shape: Shape | None  # output per image
    params: int  # the layer's parameters (its count-table row) at its first call, 0 at later calls
    kind: str  # its count-table row's kind: "conv", "fc", "norm", "pool" or "other"
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
        return self.rows + (0.6 if self.arc else 0.5 if self.kind == "module" else 0.0)

    def signature(self) -> tuple:
        """Two neighbours with the same signature collapse into one item with a count."""
        drafts = tuple((d.text(), d.kind, d.shape, d.ran) for d in self.drafts)
        return self.kind, drafts, self.arc and self.arc[:2]


class _Walker:
    """Turns the count table and the trace of a model into a list of items, in execution order."""

    def __init__(self, model: nn.Module, table: count.ParamTable) -> None:
        self.shape = table.input_shape
        self.modules = dict(model.named_modules())
        self.run = trace(model, (1, *table.input_shape))
        rows = {row.name: row for row in table.rows}
        self.calls: list[_Call] = []
        seen: set[str] = set()
        for name, shape in self.run.order:  # every call, repeats included (a shared ReLU)
            if name in rows:  # a layer (containers are listed through their layers)
                row = rows[name]
                params = 0 if name in seen else row.params
                self.calls.append(_Call(name, self.modules[name], shape and shape[1:], params, row.kind))
                seen.add(name)
        # Layers that never ran (auxiliary classifiers at inference) still own parameters.
        self.calls += [
            _Call(n, self.modules[n], None, r.params, r.kind, False) for n, r in rows.items() if n not in seen
        ]
        self._groups: dict[str, str | None] = {}

    def group(self, name: str) -> str | None:
        """What the module ``name`` is: a residual "block", an inception "module", or neither (None)."""
        if name not in self._groups:
            module = self.modules[name]
            self._groups[name] = (
                "block" if hasattr(module, "downsample") else "module" if self._concat(name) else None
            )
        return self._groups[name]

    def _concat(self, name: str) -> bool:
        """Whether every child of ``name`` reads its input and its output is theirs, side by side."""
        calls = self.run.calls
        children = [calls.get(_join(name, child)) for child, _ in self.modules[name].named_children()]
        here = calls.get(name)
        if len(children) < 2 or here is None or not here.output_shape or None in children:
            return False
        outs = [c.output_shape for c in children]
        return (
            all(c.input_shape == here.input_shape for c in children)
            and all(out and len(out) == 4 and out[2:] == here.output_shape[2:] for out in outs)
            and sum(out[1] for out in outs) == here.output_shape[1]
        )

    def owner(self, name: str) -> str | None:
        """The outermost residual block or inception module that contains the module ``name``."""
        parts = name.split(".") if name else []
        prefixes = [".".join(parts[:i]) for i in range(len(parts) + 1)]
        return next((p for p in prefixes if self.group(p)), None)

    def items(self) -> list[_Item]:
        items = [_Item("layer", [_Draft(i18n.t("plot.input"), "input", 0, count.shape_text(self.shape), [])])]
        ran = [c for c in self.calls if c.ran]
        i = 0
        while i < len(ran):
            owner = self.owner(ran[i].name)
            j = i + 1
            while j < len(ran) and self.owner(ran[j].name) == owner:
                j += 1
            if owner is None:
                items += [_Item("layer", [d]) for d in _drafts(ran[i:j])]
            elif self.group(owner) == "module":
                items.append(self._module(owner, ran[i:j]))
            else:
                items.append(self._block(owner, ran[i:j]))
            i = j
        return items + self._not_run()

    def _block(self, name: str, calls: list[_Call]) -> _Item:
        shortcut = _join(name, "downsample")
        main = [c for c in calls if not _inside(c.name, shortcut)]
        skip = getattr(self.modules[name], "skip", True)
        if skip and main and isinstance(main[-1].module, _ACTIVATIONS):
            main = main[:-1]  # the ReLU after the addition belongs to the ⊕, not to the last conv
        drafts = _drafts(main)
        for row, draft in enumerate(drafts):
            draft.row = row
        arc = None
        if skip:
            side = [c for c in calls if _inside(c.name, shortcut)]
            params = sum(c.params for c in side)
            conv = next((c.module for c in side if isinstance(c.module, nn.Conv2d)), None)
            if not side:
                arc = ("identity", "", 0)
            elif conv is not None:
                arc = ("projection", f"{_kernel(conv.kernel_size, None)} proj", params)
            elif not params:  # option A: subsample and pad with zeros, nothing to learn
                arc = ("pad", "pad (A)", 0)
            else:
                arc = ("projection", type(self.modules[shortcut]).__name__, params)
        return _Item("block", drafts, arc)

    def _module(self, name: str, calls: list[_Call]) -> _Item:
        branches = [_join(name, child) for child, _ in self.modules[name].named_children()]
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
        out = self.run.calls[name].output_shape
        shape = count.shape_text(out[1:] if out else None)
        drafts.append(_Draft(f"{short}: concat", "concat", 0, shape, [name], row=depth))
        widths = "+".join(col[-1].shape.split("×")[0] for col in columns)  # each branch's channels
        summary = _Draft(f"{short} · {widths}", "conv", sum(d.params for d in drafts), shape, [name])
        return _Item("module", drafts, summary=summary)

    def _not_run(self) -> list[_Item]:
        """One dashed box per top-level part that only runs in training (GoogLeNet's aux1, aux2)."""
        parts: dict[str, list[_Call]] = {}
        for call in self.calls:
            if not call.ran:
                parts.setdefault(call.name.split(".")[0], []).append(call)
        items = []
        for top, calls in parts.items():
            kind = max((c.params, c.kind) for c in calls)[1]
            label = f"{top} ({i18n.t('plot.training_only')})"
            params = sum(c.params for c in calls)
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
        label = _describe(call.module, short)
        if label is not None:
            drafts.append(_Draft(label, call.kind, call.params, count.shape_text(call.shape), [call.name]))
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
            drafts = [
                _Draft(**{**d.__dict__, "names": list(d.names), "suffixes": list(d.suffixes)})
                for d in item.drafts
            ]
            merged.append(_Item(item.kind, drafts, item.arc, None, item.count))
    return merged


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
        columns = _pack(items, _smallest_capacity(heights, n))
        tallest = max(sum(i.height for i in col) for col in columns)
        score = abs(math.log(column * len(columns) / (31 * tallest + 80) / SLIDE_ASPECT))
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
