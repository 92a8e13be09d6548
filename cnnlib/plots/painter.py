"""Drawing a :class:`~cnnlib.plots.structure.DiagramSpec`: boxes, arrows, shortcut arcs, a legend."""

from __future__ import annotations

import math
from typing import Any

from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyBboxPatch, PathPatch, Rectangle
from matplotlib.path import Path
from torch import nn

from cnnlib import i18n
from cnnlib._fonts import register_korean_font
from cnnlib.plots.structure import DiagramSpec, diagram_spec
from cnnlib.plots.style import COLORS, LEGEND_KINDS, font, text_width

ARC_COLORS = {"identity": "#4d4d4d", "projection": COLORS["conv"][1], "pad": COLORS["pool"][1]}
TEXT_COLOR, SHAPE_COLOR, LINE_COLOR = "#1a1a1a", "#5a5a5a", "#8a8a8a"

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
    """Draw a network as a block diagram.

    One box per layer (or residual block / inception module) with its type, kernel/stride
    and output shape as PyTorch writes it (C×H×W), e.g. ``conv 11×11/4 · 96 + ReLU   96×55×55``;
    the colour says the kind of layer, the bar at the bottom of a box grows with √(its share of
    the parameters). Residual blocks get their shortcut drawn beside them (labelled "1×1 proj"
    or "pad (A)" unless it is the identity; none at all for the plain twin), inception modules
    show their four branches side by side. Long networks fold into columns; very long ones
    collapse repeated blocks into one with a count ("×35").

    Args:
        model: a model, or a :class:`DiagramSpec` from :func:`diagram_spec`.
        input_size, collapse, max_per_column: as in :func:`diagram_spec`.
        ax: draw into this matplotlib axes (the diagram is scaled to fit it); default: a new
            figure sized for the diagram (about 16:9 when the network is long).

    Returns:
        the :class:`matplotlib.figure.Figure` (never shown, never closed).
    """
    spec = (
        model
        if isinstance(model, DiagramSpec)
        else diagram_spec(model, input_size, collapse, max_per_column=max_per_column)
    )
    register_korean_font()
    return _Painter(spec).paint(ax)


class _Painter:
    """Lays a :class:`DiagramSpec` out in points, then draws it.

    Layout first: the widest label fixes the box width, the rows of every column get their
    y (with extra room under a residual block for its ⊕ and above an inception module for
    its fan-out), and the figure is exactly as big as that.
    """

    def __init__(self, spec: DiagramSpec) -> None:
        self.spec = spec
        boxes = spec.boxes
        main = [b for b in boxes if not b.branch]
        label_w = max(text_width(b.label, FONT) + 12 + text_width(b.shape, SMALL) + 2 * PAD_X for b in main)
        self.branches = {
            b.group: max(o.branch for o in boxes if o.group == b.group) for b in boxes if b.branch
        }
        branch_w = max((text_width(b.label, SMALL) + 8 for b in boxes if b.branch), default=0)
        fan = max(self.branches.values(), default=0)
        self.box_w = max(label_w, fan * branch_w + (fan - 1) * BRANCH_GAP, 120)
        counts = [text_width(f"×{b.count}", FONT, bold=True) + CARD_PAD + 8 for b in boxes if b.count > 1]
        self.count_w = max(counts, default=0)
        self.arc_w = ARC_OFFSET + max(text_width(a.label, SMALL) + 6 for a in spec.arcs) if spec.arcs else 0
        self.col_w = self.count_w + self.box_w + self.arc_w
        self.params = f"{spec.total_params:,} {i18n.t('plot.params')}"
        entries = self._legend_entries()
        self.width = max(
            2 * MARGIN + spec.columns * self.col_w + (spec.columns - 1) * GUTTER,
            2 * MARGIN + text_width(spec.title, TITLE, bold=True) + 16 + text_width(self.params, TITLE),
            2 * MARGIN + max(w for _, _, w in entries),
        )
        self.legend: list[list[tuple[str, str, float]]] = [[]]  # entries wrapped into lines
        used = 0.0
        for entry in entries:
            if self.legend[-1] and used + entry[2] > self.width - 2 * MARGIN:
                self.legend.append([])
                used = 0.0
            self.legend[-1].append(entry)
            used += entry[2]
        self.top = MARGIN + TITLE * 1.3 + 8 + len(self.legend) * 16 + 6
        self.rects, self.bottoms = self._layout()
        self.height = max(self.bottoms.values()) + MARGIN

    def _legend_entries(self) -> list[tuple[str, str, float]]:
        """(marker, text, width) of every legend entry: the kinds of layer shown, the arcs, the notes."""
        kinds = {b.kind for b in self.spec.boxes}
        entries = [(kind, i18n.t(f"kind.{kind}")) for kind in LEGEND_KINDS if kind in kinds]
        arcs = {a.kind for a in self.spec.arcs}
        entries += [(kind, i18n.t(f"plot.arc.{kind}")) for kind in ARC_COLORS if kind in arcs]
        if any(b.count > 1 for b in self.spec.boxes):
            entries.append(("repeat", i18n.t("plot.repeat")))
        entries.append(("bar", i18n.t("plot.bar_note")))
        return [(marker, text, 22 + text_width(text, SMALL) + 16) for marker, text in entries]

    def _layout(self) -> tuple[list[tuple[float, float, float, float]], dict[int, float]]:
        """(x, y, width, height) of every box (y at its top) and the bottom of every column."""
        boxes = self.spec.boxes
        ends = {(boxes[a.end].col, boxes[a.end].row) for a in self.spec.arcs}
        firsts = {}  # each inception module's first branch row: room for its fan-out above
        for b in boxes:
            if b.branch:
                firsts[b.group] = min(firsts.get(b.group, b.row), b.row)
        fans = {(b.col, firsts[b.group]) for b in boxes if b.branch}
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
        else:  # fit the diagram into the caller's axes: shrink everything, fonts included
            fig = ax.get_figure()
            box = ax.get_position()
            w, h = box.width * fig.get_figwidth() * 72, box.height * fig.get_figheight() * 72
            self.scale = min(w / self.width, h / self.height)
            dx, dy = (w / self.scale - self.width) / 2, (h / self.scale - self.height) / 2
            ax.set_xlim(-dx, self.width + dx)
            ax.set_ylim(self.height + dy, -dy)
        ax.set_axis_off()
        self.ax = ax
        self.patches: list = []  # boxes, cards, bars: one collection, drawn in this order
        self.lines: list = []  # solid grey connectors
        self.jumps: list = []  # dashed connectors between columns
        self.heads: list = []  # arrowheads (x, y of the tip)
        self._header()
        self._cards()
        self._boxes()
        self._flow()
        self.ax.add_collection(PatchCollection(self.patches, match_original=True), autolim=False)
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
            self.ax.text(
                x, y, s, fontproperties=font(size * self.scale, bold, s), va="center", clip_on=False, **kw
            )

    def box(self, x: float, y: float, w: float, h: float, radius: float, face: str, edge: str, width: float,
            dashes: Any = "-") -> None:  # fmt: skip
        style = f"round,pad=0,rounding_size={radius}"
        self.patches.append(FancyBboxPatch((x, y), w, h, style, fc=face, ec=edge, lw=width, ls=dashes))

    def _heads(self, tips: list[tuple[float, float]], marker: str, color: str) -> None:
        if tips:
            # Markers are centred on their point: move each one back half a head from its tip.
            dx, dy = {"v": (0, -1.8), "<": (1.8, 0)}[marker]
            xs, ys = [x + dx for x, _ in tips], [y + dy for _, y in tips]
            self.ax.add_line(
                Line2D(xs, ys, ls="none", marker=marker, ms=4.5 * self.scale, color=color, mew=0)
            )

    def _header(self) -> None:
        y = MARGIN + TITLE * 0.65
        self.text(MARGIN, y, self.spec.title, TITLE, bold=True)
        # NanumGothic has no bold face: the part with Hangul stays regular weight.
        x = MARGIN + text_width(self.spec.title, TITLE, bold=True) + 16
        self.text(x, y, self.params, TITLE, color=SHAPE_COLOR)
        y = MARGIN + TITLE * 1.3 + 16
        for entries in self.legend:
            x = MARGIN
            for marker, text, w in entries:
                if marker in ARC_COLORS:
                    dashes = (0, (4, 2)) if marker == "pad" else "-"
                    self.ax.add_line(
                        Line2D([x, x + 16], [y, y], color=ARC_COLORS[marker], lw=1.4 * self.scale, ls=dashes)
                    )
                elif marker == "repeat":
                    self.text(x + 8, y, "×n", SMALL, ha="center", bold=True)
                elif marker == "bar":
                    self.patches.append(Rectangle((x, y - 1.2), 16, 2.4, color=COLORS["conv"][1], lw=0))
                else:
                    self.box(x, y - 6, 16, 12, 2.5, *COLORS[marker], 0.9 * self.scale)
                self.text(x + 22, y, text, SMALL)
                x += w
            y += 16

    def _cards(self) -> None:
        """A ×n layer or block sits on a small stack of cards, its count on the left."""
        groups: dict[Any, list[int]] = {}
        for i, b in enumerate(self.spec.boxes):
            if b.count > 1:
                groups.setdefault(b.group if b.group >= 0 else ("box", i), []).append(i)
        for members in groups.values():
            rects = [self.rects[i] for i in members]
            x0 = min(r[0] for r in rects) - CARD_PAD
            y0 = min(r[1] for r in rects) - CARD_PAD
            x1 = max(r[0] + r[2] for r in rects) + CARD_PAD
            y1 = max(r[1] + r[3] for r in rects) + CARD_PAD
            for off, face in ((5.0, "white"), (2.5, "white"), (0.0, "#f7f7f7")):
                self.box(x0 + off, y0 - off, x1 - x0, y1 - y0, 4, face, "#b5b5b5", 0.8 * self.scale)
            self.text(
                x0 - 5, (y0 + y1) / 2, f"×{self.spec.boxes[members[0]].count}", FONT, ha="right", bold=True
            )

    def _boxes(self) -> None:
        total = max(self.spec.total_params, 1)
        bars = []
        for box, (x, y, w, h) in zip(self.spec.boxes, self.rects, strict=True):
            face, edge = COLORS[box.kind]
            self.box(x, y, w, h, 3, face, edge, self.scale, "-" if box.ran else (0, (3, 2)))
            if box.params:  # √ so that a 0.1 % layer still shows next to a 60 % one
                length = max(math.sqrt(box.params / total) * (w - 4), 1.5)
                bars.append(Rectangle((x + 2, y + h - 3.4), length, 2.2, color=edge, lw=0))
            middle = y + h / 2 - 0.5  # a hair above the centre: the bar sits at the bottom
            if box.branch:
                self.text(x + w / 2, middle, box.label, SMALL, ha="center")
            else:
                self.text(x + PAD_X, middle, box.label, FONT)
                self.text(x + w - PAD_X, middle, box.shape, SMALL, ha="right", color=SHAPE_COLOR)
        self.patches += bars  # over every box

    def _flow(self) -> None:
        """Arrows along the main line, the fan-out and fan-in of inception modules, column jumps."""
        boxes, rects = self.spec.boxes, self.rects
        exit_box: int | None = None  # the box the flow leaves from
        for i, box in enumerate(boxes):
            if not box.ran:  # training-only parts hang outside the flow
                continue
            x, y, w, _ = rects[i]
            members = [(b, r) for b, r in zip(boxes, rects, strict=True) if b.group == box.group and b.branch]
            if box.branch:
                above = [r for b, r in members if (b.branch, b.row) == (box.branch, box.row - 1)]
                fan_y = min(r[1] for _, r in members) - BUS_GAP / 2 - 3  # in the room above the first row
                self.arrow(x + w / 2, above[0][1] + BOX_H if above else fan_y, y)
                if boxes[i - 1].group != box.group:  # the module's first box: draw its fan-out
                    xs = [r[0] + r[2] / 2 for _, r in members]
                    self.lines.append([(min(xs), fan_y), (max(xs), fan_y)])
                    if exit_box is not None:
                        self.connect(exit_box, box.col, fan_y, head=False)
                continue
            if box.kind == "concat":  # fan-in: every branch's last box into the concat box
                for b, (bx, by, bw, _) in members:
                    if b.row == box.row - 1:
                        self.arrow(bx + bw / 2, by + BOX_H, y)
            elif exit_box is not None:
                self.connect(exit_box, box.col, y)
            exit_box = i

    def arrow(self, x: float, y0: float, y1: float) -> None:
        """A vertical line from y0 down to an arrowhead whose tip is at y1."""
        self.lines.append([(x, y0), (x, y1 - HEAD)])
        self.heads.append((x, y1))

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
        paths, adds, splits, heads = [], [], [], {}
        for arc in self.spec.arcs:
            col = self.spec.boxes[arc.start].col
            cx, x = self.center(col), self.left(col) + self.box_w + ARC_OFFSET
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
            paths.append(
                PathPatch(Path(verts, self._ARC_CODES), fc="none", ec=color, lw=1.3 * self.scale, ls=dashes)
            )
            heads.setdefault(color, []).append((cx + ADD_RADIUS, y1))
            adds.append((cx, y1))
            splits.append((cx, y0))
            if arc.label:
                self.text(x + 4, (y0 + y1) / 2, arc.label, SMALL, color=color)
            # The main line runs on through the ⊕ to whatever comes next.
            self.lines.append([(cx, self.rects[arc.end][1] + BOX_H), (cx, y1)])
        if not paths:
            return
        self.ax.add_collection(PatchCollection(paths, match_original=True), autolim=False)
        for color, tips in heads.items():
            self._heads(tips, "<", color)
        circles = [Circle(p, ADD_RADIUS) for p in adds] + [Circle(p, 1.6) for p in splits]
        faces = ["white"] * len(adds) + ["#4d4d4d"] * len(splits)
        style = dict(edgecolors="#4d4d4d", linewidths=self.scale, zorder=3)
        self.ax.add_collection(PatchCollection(circles, facecolors=faces, **style), autolim=False)
        plus = [seg for x, y in adds for seg in ([(x - 2.6, y), (x + 2.6, y)], [(x, y - 2.6), (x, y + 2.6)])]
        self.ax.add_collection(
            LineCollection(plus, colors="#4d4d4d", linewidths=self.scale, zorder=3), autolim=False
        )
