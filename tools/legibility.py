"""How big the smallest text of every lesson figure is on a projected slide, in CSS pixels.

슬라이드(1280×720)에 비친 그림마다 가장 작은 글자가 몇 픽셀인지 잽니다.

    python tools/legibility.py            # a table: figure, PNG size, slide scale, smallest text (px)

A PNG cannot tell how big its text is, so the figure is measured at its source: each figure the
notebooks show on a slide is built here as the notebook builds it (same ``cnnlib.plots`` call,
same arguments, the embedded data and the shipped atlas, nothing trained), and every visible
matplotlib ``Text`` (titles, axis labels, tick labels, legend entries, annotations, diagram labels)
is read. How the notebook shows it:

- the inline backend saves a PNG at ``figure.dpi`` (matplotlib's default, 100; matplotlib-inline
  0.1.4+ no longer overrides it) with ``bbox_inches="tight"``, so a ``size``-point text is
  ``size × dpi / 72`` pixels in the PNG;
- the slide (tools/notebooks.py, ``SLIDES_STYLE``) shows that PNG at its own size unless it is
  taller than 500 px (``max-height``) or wider than the output area (``max-width: 100%``): the
  output area of a 1280-px slide is 1140 px wide (measured in Chromium, prompt column removed),

so the text's size on the slide is ``size × dpi / 72 × min(1, 500 / png_h, 1140 / png_w)``.
The lecture's rule (issue 12): nothing under ``MIN_PX`` = 14 px.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.text import Text

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: the worktree's cnnlib first
    sys.path.insert(0, str(ROOT))

MIN_PX = 14.0  # smallest text a projector audience reads from the back of a class room (issue 12)
SLIDE_IMG_MAX_H = 500  # tools/notebooks.py SLIDES_STYLE: .reveal img { max-height: 500px }
SLIDE_IMG_MAX_W = 1140  # max-width: 100% of the output area on a 1280-px slide (measured in Chromium)


@dataclass(frozen=True)
class Measure:
    """One figure as a slide shows it. 슬라이드에 보이는 그림 하나."""

    name: str
    png: tuple[int, int]  # (width, height) of the PNG the notebook stores
    scale: float  # how much the slide shrinks it (1: shown at its own size)
    px: float  # the smallest text on the slide, in CSS pixels
    text: str  # that text


def slide_scale(width: int, height: int) -> float:
    """The factor by which the slide's CSS shrinks a ``width × height`` PNG."""
    return min(1.0, SLIDE_IMG_MAX_H / height, SLIDE_IMG_MAX_W / width)


def _drawn_texts(fig: Figure) -> list[Text]:
    """Every non-empty visible text the saved PNG shows (tick labels only for ticks in view)."""
    hidden: set[int] = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            ticks = axis.get_major_ticks() + axis.get_minor_ticks()
            every = {id(t) for tick in ticks for t in (tick.label1, tick.label2)}
            shown = {id(t) for t in axis.get_ticklabels(which="both")} if ax.axison else set()
            hidden |= every - shown
            if not ax.axison:  # set_axis_off: no ticks and no axis label are drawn
                hidden.add(id(axis.label))
    texts = []
    for text in fig.findobj(Text):
        if id(text) in hidden or not text.get_text().strip():
            continue
        if not text.get_visible() or any(not a.get_visible() for a in _parents(text)):
            continue
        texts.append(text)
    return texts


def _parents(text: Text) -> list:
    parents = []
    axes = text.axes
    if axes is not None:
        parents.append(axes)
    return parents


def measure(name: str, fig: Figure) -> Measure:
    """Save ``fig`` as the inline backend does and find its smallest text on the slide."""
    buffer = BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi, bbox_inches="tight")  # also runs the layout
    data = buffer.getvalue()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    scale = slide_scale(width, height)
    smallest = min(_drawn_texts(fig), key=lambda t: t.get_fontsize())
    px = smallest.get_fontsize() * fig.dpi / 72 * scale
    return Measure(name, (width, height), scale, px, smallest.get_text().replace("\n", " ")[:40])


def figures() -> dict[str, Callable[[], Figure]]:
    """Every lesson figure a slide shows, built as its notebook builds it (notebook: what)."""
    import dataclasses
    from collections import OrderedDict

    import torch
    from torch import nn

    from cnnlib import count, data, experiments, papers, plots
    from cnnlib._fonts import register_korean_font
    from cnnlib.models import alexnet, googlenet, inception, resnet, vgg
    from cnnlib.models.googlenet import INCEPTION_TABLE
    from cnnlib.train import History

    def seed_panels(lessons: dict, size: tuple[float, float], **kw: object) -> Figure:
        fig = Figure(figsize=size, layout="constrained")
        axes = fig.subplots(1, len(lessons), **kw)
        for ax, (title, lesson) in zip(axes, lessons.items(), strict=True):
            plots.seed_accuracy(lesson.cells, ax=ax)
            ax.set_title(title)
        return fig

    def feature_maps() -> Figure:
        torch.manual_seed(0)
        return plots.feature_maps(alexnet(), data.sample_photo(), "features.conv1")

    def curves() -> Figure:  # the measured losses vary; their shape does not matter to the text
        runs = {name: History(step_losses=[2.3 * 0.99**i for i in range(300)]) for name in ("relu", "tanh")}
        return plots.curves(runs, per_step=True)

    def googlenet_bars() -> Figure:
        result = experiments.inception_reductions()
        fig = Figure(figsize=(13, 3.8), layout="constrained")
        a, b, c = fig.subplots(1, 3)
        plots.bars(result.numbers["params"], ylabel="파라미터 · parameters", ax=a)
        plots.bars(result.numbers["macs"], ylabel="MAC · MACs", ax=b)
        plots.seed_accuracy(result.cells, ax=c)
        return fig

    def degradation() -> Figure:
        result = experiments.degradation()
        fig = Figure(figsize=(12, 3.8), layout="constrained")
        left, right = fig.subplots(1, 2)
        plots.seed_accuracy(result.cells, metric="final_train_loss", ax=left)
        plots.seed_accuracy(result.cells, ax=right)
        return fig

    def depth_accuracy() -> Figure:
        curves = {"plain": experiments.depth_curve(False), "ResNet": experiments.depth_curve(True)}
        series = {
            name: {int(label.split("-")[1]): cell for label, cell in lesson.cells.items()}
            for name, lesson in curves.items()
        }
        table6 = {
            row.setting["depth"]: 1 - row.error / 100
            for row in papers.results_for("resnet", variant="cifar")
            if row.setting["depth"] <= 56
        }
        return plots.depth_accuracy(series, papers={"He et al. 2016, 표 6 · Table 6 (CIFAR-10)": table6})

    def vgg_depth() -> Figure:
        lessons = {"BN 없음 · no BN": experiments.vgg_depth(), "BN": experiments.vgg_depth(batch_norm=True)}
        paper = {
            row.setting["config"]: 1 - row.error / 100
            for row in papers.PAPERS
            if row.family == "vgg" and row.metric == "top-1 error"
        }
        fig = Figure(figsize=(13, 4), layout="constrained")
        for ax, (title, lesson) in zip(fig.subplots(1, 2), lessons.items(), strict=True):
            plots.seed_accuracy(lesson.cells, ax=ax, papers=paper)
            ax.set_title(title)
        return fig

    def alexnet_lessons() -> Figure:
        lessons = {
            "ReLU · tanh": experiments.relu_tanh_accuracy(),
            "LRN": experiments.lrn_accuracy(),
            "드롭아웃 · 증강 · dropout · augmentation": experiments.dropout_and_augmentation(),
        }
        return seed_panels(lessons, (13, 4), gridspec_kw={"width_ratios": [2, 2, 5]})

    def augmentation_gallery() -> Figure:  # notebook 01 draws it itself, with matplotlib's defaults
        register_korean_font()
        gallery = data.augmentation_gallery(data.sample_photo(256), n=3)
        original = gallery.pop("original")[0]
        names = ["뒤집기 · flip", "자르기 + 뒤집기 · crop + flip", "PCA 색 · colour (0.1)", "PCA ×10 (1.0)"]
        fig = Figure(figsize=(6, 5.2), layout="constrained")
        for row, name, images in zip(fig.subplots(4, 4), names, gallery.values(), strict=True):
            for ax, image in zip(row, [original, *images], strict=True):
                ax.imshow(image.permute(1, 2, 0).clamp(0, 1).numpy())
                ax.set_axis_off()
            row[1].set_title(name, loc="left")
        return fig

    def signals() -> Figure:
        return plots.signal_profile(experiments.vanishing_gradients().numbers["signals"])

    # The full GoogLeNet, ResNet-20 and ResNet-50 diagrams are too wide for a slide at a legible size
    # (10–12 px): their cells are ``slide=skip`` and the slide shows one part instead, drawn here as
    # the notebook draws it.
    def titled(spec: plots.DiagramSpec, title: str) -> Figure:
        return plots.diagram(dataclasses.replace(spec, title=title))

    def googlenet_body() -> Figure:
        g = googlenet(device="meta")
        names = list(dict(g.named_children()))
        body = [(n, getattr(g, n)) for n in names[names.index("inception3a") :] if not n.startswith("aux")]
        body.insert(-2, ("flatten", nn.Flatten()))
        spec = plots.diagram_spec(nn.Sequential(OrderedDict(body)), (192, 28, 28), collapse=True)
        return titled(spec, "GoogLeNet · 인셉션 3a–5b와 출력부 · inception 3a–5b and head")

    def resnet20_stage2() -> Figure:
        r20 = resnet(20, "cifar", skip=True, device="meta")
        spec = plots.diagram_spec(r20.layer2, (16, 32, 32), collapse=True)
        return titled(spec, "ResNet-20 · 2단계 · stage 2")

    def resnet50_stage1() -> Figure:
        r50 = resnet(50, device="meta")
        stem_and_stage1 = nn.Sequential(r50.conv1, r50.bn1, r50.relu, r50.maxpool, r50.layer1)
        return titled(
            plots.diagram_spec(stem_and_stage1, 224, collapse=True),
            "ResNet-50 · 스템과 1단계 · stem and stage 1",
        )

    lab_vgg = {"input_size": 32, "num_classes": 10, "width": 0.25, "fc_width": 128, "device": "meta"}
    return {
        "01 samples": lambda: plots.samples(data.load()[0]),
        "01 diagram alexnet": lambda: plots.diagram(alexnet(device="meta")),
        "01 feature_maps": feature_maps,
        "01 param_bars": lambda: plots.param_bars(count.table(alexnet(device="meta"))),
        "01 curves": curves,
        "01 augmentation gallery": augmentation_gallery,
        "01 seed_accuracy ×3": alexnet_lessons,
        "02 receptive_field 2": lambda: plots.receptive_field(2),
        "02 receptive_field 3": lambda: plots.receptive_field(3),
        "02 diagram vgg16": lambda: plots.diagram(vgg(16, device="meta")),
        "02 param_bars stage": lambda: plots.param_bars(count.table(vgg(16, device="meta")), by="stage"),
        "02 diagram lab vgg11": lambda: plots.diagram(vgg(11, **lab_vgg)),
        "02 seed_accuracy stacks": lambda: plots.seed_accuracy(experiments.vgg_stacks().cells),
        "02 seed_accuracy depth": vgg_depth,
        "03 diagram inception (3a)": lambda: plots.diagram(
            inception(*INCEPTION_TABLE["inception3a"], device="meta"), 28
        ),
        "03 diagram inception (3a) no reduction": lambda: plots.diagram(
            inception(*INCEPTION_TABLE["inception3a"], reduce=False, device="meta"), 28
        ),
        "03 diagram googlenet 3a–5b + head": googlenet_body,
        "03 bars + seed_accuracy": googlenet_bars,
        "04 signal_profile": signals,
        "04 seed_accuracy degradation": degradation,
        "04 depth_accuracy": depth_accuracy,
        "04 diagram plain-20": lambda: plots.diagram(resnet(20, "cifar", skip=False, device="meta")),
        "04 diagram resnet-20 stage 2": resnet20_stage2,
        "04 diagram resnet-50 stem + stage 1": resnet50_stage1,
    }


def main(argv: list[str]) -> int:
    import cnnlib

    cnnlib.set_language(argv[0] if argv else "both")
    worst = float("inf")
    print(f"{'figure':30} {'PNG':>10} {'scale':>6} {'min px':>7}  smallest text")
    for name, build in figures().items():
        m = measure(name, build())
        worst = min(worst, m.px)
        flag = "" if m.px >= MIN_PX else "  < 14"
        print(f"{name:30} {m.png[0]:>4}×{m.png[1]:<5} {m.scale:6.2f} {m.px:7.1f}  {m.text!r}{flag}")
    return 0 if worst >= MIN_PX else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
