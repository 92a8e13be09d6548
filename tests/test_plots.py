"""cnnlib.plots: diagrams read from the model itself, with no overlapping text; the other pictures.

Every picture drawn here is also saved under ``test-artifacts/diagrams/`` (git-ignored) so a
reviewer can look at them.
"""

from __future__ import annotations

import itertools
from io import BytesIO
from pathlib import Path

import matplotlib
import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from cnnlib import ConfigError, count, data, i18n, plots
from cnnlib._fonts import register_korean_font
from cnnlib.data import ImageDataset, sample_photo
from cnnlib.gradients import LayerSignal
from cnnlib.models import alexnet, googlenet, inception, resnet, vgg

GALLERY = Path(__file__).resolve().parents[1] / "test-artifacts" / "diagrams"


@pytest.fixture(autouse=True)
def _clean_state():
    """Fonts change rcParams and tests change the language: give each test its own copy."""
    language = i18n.get_language()
    with matplotlib.rc_context():
        register_korean_font()
        yield
    i18n.set_language(language)


def save(fig: Figure, name: str) -> None:
    GALLERY.mkdir(parents=True, exist_ok=True)
    fig.savefig(GALLERY / f"{name}.png", dpi=110)


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def undrawn_tick_labels(fig: Figure) -> set[int]:
    """Tick labels matplotlib keeps but does not draw: axis turned off, or tick outside the view."""
    hidden = set()
    for ax in fig.axes:
        for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = sorted(limits)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not ax.axison or not low <= tick.get_loc() <= high:
                    hidden |= {id(tick.label1), id(tick.label2)}
    return hidden


def assert_readable(fig: Figure) -> None:
    """Draw with Agg: every visible text lies inside the figure, no two texts overlap (touching is fine)."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    frame = fig.bbox
    hidden = undrawn_tick_labels(fig)
    extents = []
    for artist in fig.findobj(Text):
        if not artist.get_visible() or not artist.get_text().strip() or id(artist) in hidden:
            continue
        box = artist.get_window_extent(renderer)
        inside = (
            box.x0 >= frame.x0 - 1
            and box.y0 >= frame.y0 - 1
            and box.x1 <= frame.x1 + 1
            and box.y1 <= frame.y1 + 1
        )
        assert inside, f"text outside the figure: {artist.get_text()!r} {box.bounds} in {frame.bounds}"
        extents.append((artist.get_text(), box))
    tolerance = 0.5  # pixels: touching boxes are allowed
    for (a, p), (b, q) in itertools.combinations(extents, 2):
        overlap = (
            p.x0 < q.x1 - tolerance
            and q.x0 < p.x1 - tolerance
            and p.y0 < q.y1 - tolerance
            and q.y0 < p.y1 - tolerance
        )
        assert not overlap, f"overlapping texts: {a!r} {p.bounds} and {b!r} {q.bounds}"


def meta(build, *args, **knobs):
    return build(*args, device="meta", **knobs)


# --------------------------------------------------------------------------- every builder, paper scale

PAPER = {
    "alexnet": lambda: meta(alexnet),
    "alexnet_torchvision": lambda: meta(alexnet, "torchvision"),
    "vgg16": lambda: meta(vgg),
    "vgg19": lambda: meta(vgg, 19),
    "vgg11_bn": lambda: meta(vgg, 11, batch_norm=True),
    "googlenet": lambda: meta(googlenet),
    "googlenet_torchvision": lambda: meta(googlenet, "torchvision"),
    "googlenet_no_reduce": lambda: meta(googlenet, reduce=False),
    "resnet18": lambda: meta(resnet),
    "resnet34": lambda: meta(resnet, 34),
    "resnet50": lambda: meta(resnet, 50),
    "resnet152": lambda: meta(resnet, 152),
    "resnet20_cifar": lambda: meta(resnet, 20, "cifar"),
    "plain20_cifar": lambda: meta(resnet, 20, "cifar", skip=False),
    "inception3a": lambda: meta(inception, 192, 64, 96, 128, 16, 32, 32),
}


@pytest.mark.parametrize("name", PAPER)
def test_paper_scale_diagrams_are_readable_and_count_every_parameter(name):
    model = PAPER[name]()
    size = 28 if name.startswith("inception") else None  # a lone module has no input size of its own
    spec = plots.diagram_spec(model, size)
    assert spec.total_params == count.params(model)
    fig = plots.diagram(spec)
    assert_readable(fig)
    save(fig, f"diagram_{name}")
    # One slide: about 16:9 or squarer, and no wider than a wide screen at this font size (12 pt
    # labels, 11.5 pt legend since the slides' 14-px rule, issue 12: the widest is ~17.8 inches).
    width, height = fig.get_size_inches()
    assert width <= 18 and height <= 9, (width, height)


def test_long_networks_collapse_into_counted_blocks():
    spec = plots.diagram_spec(meta(resnet, 152))
    assert spec.collapsed
    assert sum(arc.count for arc in spec.arcs) == 50  # 3 + 8 + 36 + 3 bottleneck blocks
    assert max(box.count for box in spec.boxes) == 35  # layer3: the first block, then 35 alike
    full = plots.diagram_spec(meta(resnet, 152), collapse=False)
    assert len(full.arcs) == 50 and not full.collapsed
    assert full.total_params == spec.total_params == count.params(meta(resnet, 152))


def test_collapse_can_be_forced_both_ways():
    vgg19 = meta(vgg, 19)
    folded = plots.diagram_spec(vgg19, collapse=True)
    assert folded.collapsed and any(b.count == 4 and b.label == "conv 3×3 · 512 + ReLU" for b in folded.boxes)
    assert sum(b.count for b in folded.boxes) == len(plots.diagram_spec(vgg19, collapse=False).boxes)
    fig = plots.diagram(vgg19, collapse=True)
    assert_readable(fig)
    save(fig, "diagram_vgg19_collapsed")
    collapsed_googlenet = plots.diagram_spec(meta(googlenet), collapse=True)
    assert not any(b.branch for b in collapsed_googlenet.boxes)  # each module is one box
    assert any(b.label == "inception3a · 64+128+32+32" for b in collapsed_googlenet.boxes)


# --------------------------------------------------------------------------- boxes and arcs match the model


def arc_kinds(spec: plots.DiagramSpec) -> list[str]:
    return [arc.kind for arc in spec.arcs]


def test_resnet20_has_nine_shortcuts_two_of_them_padding():
    spec = plots.diagram_spec(meta(resnet, 20, "cifar"))
    assert len(spec.arcs) == 9
    assert arc_kinds(spec).count("pad") == 2
    assert arc_kinds(spec).count("identity") == 7
    assert [spec.boxes[a.start].label for a in spec.arcs if a.kind == "pad"] == [
        "conv 3×3/2 · 32 + BN + ReLU",
        "conv 3×3/2 · 64 + BN + ReLU",
    ]
    assert {a.label for a in spec.arcs if a.kind == "pad"} == {"pad (A)"}


def test_the_plain_twin_has_no_shortcuts_but_the_same_convolutions():
    plain = plots.diagram_spec(meta(resnet, 20, "cifar", skip=False))
    residual = plots.diagram_spec(meta(resnet, 20, "cifar"))
    assert plain.arcs == []
    conv_labels = [b.label.replace(" + ReLU", "") for b in residual.boxes if b.kind == "conv"]
    assert [b.label.replace(" + ReLU", "") for b in plain.boxes if b.kind == "conv"] == conv_labels
    fig = plots.diagram(plain)
    assert_readable(fig)
    assert not any(t == "pad (A)" for t in texts(fig))


@pytest.mark.parametrize(("build", "projections"), [((18,), 3), ((50,), 4), ((20, "cifar"), 0)])
def test_projection_shortcuts_where_the_shape_changes(build, projections):
    spec = plots.diagram_spec(meta(resnet, *build), collapse=False)
    assert arc_kinds(spec).count("projection") == projections
    for arc in spec.arcs:
        if arc.kind == "projection":
            assert arc.label == "1×1 proj" and arc.params > 0


def test_shortcut_option_b_on_cifar_projects_twice():
    spec = plots.diagram_spec(meta(resnet, 20, "cifar", shortcut="B"))
    assert arc_kinds(spec).count("projection") == 2
    assert spec.total_params == count.params(meta(resnet, 20, "cifar", shortcut="B"))


@pytest.mark.parametrize("reduce", [True, False])
def test_inception_branches_show_the_one_by_one_reductions_only_when_on(reduce):
    model = meta(googlenet, reduce=reduce)
    spec = plots.diagram_spec(model, collapse=False)
    modules = sorted({b.group for b in spec.boxes if b.branch})
    assert len(modules) == 9
    for group in modules:
        branches = [b for b in spec.boxes if b.group == group and b.branch]
        assert {b.branch for b in branches} == {1, 2, 3, 4}  # four branches, side by side
        reductions = [b for b in branches if b.branch in (2, 3) and b.label.startswith("1×1")]
        assert len(reductions) == (2 if reduce else 0)
        assert len({b.row for b in branches if b.branch == 2}) == (2 if reduce else 1)
        concat = [b for b in spec.boxes if b.group == group and b.kind == "concat"]
        assert len(concat) == 1 and concat[0].row > max(b.row for b in branches)
    assert spec.total_params == count.params(model)
    fig = plots.diagram(spec)
    assert_readable(fig)
    save(fig, f"diagram_googlenet_reduce_{reduce}")


def test_box_labels_carry_kernel_stride_channels_and_shape():
    boxes = plots.diagram_spec(meta(alexnet)).boxes
    conv1 = next(b for b in boxes if "features.conv1" in b.names)
    assert (conv1.label, conv1.shape, conv1.kind) == ("conv 11×11/4 · 96 + ReLU", "96×55×55", "conv")
    assert next(b for b in boxes if "features.conv2" in b.names).label == "conv 5×5 · 256, g=2 + ReLU"
    assert next(b for b in boxes if "classifier.fc6" in b.names).label == "fc · 4096 + ReLU + dropout"
    assert [b.kind for b in boxes][:4] == ["input", "conv", "norm", "pool"]  # conv1, LRN, pool1
    aux = plots.diagram_spec(meta(googlenet)).boxes
    assert [b.ran for b in aux if not b.ran] == [False, False]  # aux1 and aux2 only run in training


def test_columns_respect_max_per_column():
    spec = plots.diagram_spec(meta(resnet, 20, "cifar"), max_per_column=7)
    for col in range(spec.columns):
        rows = {b.row for b in spec.boxes if b.col == col}
        assert max(rows) < 7
    for arc in spec.arcs:  # a residual block is never cut in two
        assert spec.boxes[arc.start].col == spec.boxes[arc.end].col
    fig = plots.diagram(spec)
    assert_readable(fig)


def test_bad_knobs_are_config_errors():
    model = meta(resnet, 20, "cifar")
    with pytest.raises(ConfigError):
        plots.diagram_spec(model, collapse="sometimes")
    with pytest.raises(ConfigError):
        plots.diagram(model, max_per_column=0)
    with pytest.raises(ConfigError):
        plots.diagram_spec(meta(inception, 192, 64, 96, 128, 16, 32, 32))  # no input size known


# --------------------------------------------------------------------------- lab scale, random knobs


@st.composite
def lab_models(draw):
    family = draw(st.sampled_from(["alexnet", "vgg", "googlenet", "resnet"]))
    width = draw(st.sampled_from([0.125, 0.25, 0.5, 1.0]))
    lab = dict(input_size=32, num_classes=10, width=width, device="meta")
    try:
        if family == "alexnet":
            variant = draw(st.sampled_from(["paper", "torchvision"]))
            return alexnet(variant, lrn=draw(st.booleans()), fc_width=draw(st.sampled_from([64, 512])), **lab)
        if family == "vgg":
            config = draw(st.lists(st.integers(1, 3), min_size=1, max_size=5))
            return vgg(
                config, batch_norm=draw(st.booleans()), fc_width=draw(st.sampled_from([64, 512])), **lab
            )
        if family == "googlenet":
            variant = draw(st.sampled_from(["paper", "torchvision"]))
            return googlenet(variant, reduce=draw(st.booleans()), aux_logits=draw(st.booleans()), **lab)
        block = draw(st.sampled_from(["basic", "bottleneck"]))
        n = draw(st.integers(1, 3))
        depth = (6 if block == "basic" else 9) * n + 2
        shortcut = draw(st.sampled_from(["A", "B", "C"]))
        return resnet(depth, "cifar", block=block, skip=draw(st.booleans()), shortcut=shortcut, **lab)
    except ConfigError:
        assume(False)


def residual_blocks(model: torch.nn.Module) -> int:
    return sum(getattr(m, "skip", False) for m in model.modules() if hasattr(m, "downsample"))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=lab_models(), collapse=st.sampled_from(["auto", True, False]))
def test_lab_scale_diagrams_for_random_knobs(model, collapse):
    spec = plots.diagram_spec(model, collapse=collapse)
    assert spec.total_params == count.params(model)
    assert sum(arc.count for arc in spec.arcs) == residual_blocks(model)
    assert_readable(plots.diagram(spec))


def test_lab_scale_gallery():
    lab = dict(input_size=32, num_classes=10, width=0.25, device="meta")
    twins = {
        "alexnet_lab": alexnet(**lab),
        "vgg11_lab": vgg(11, **lab),
        "googlenet_lab": googlenet(**lab),
        "resnet56_cifar": resnet(56, "cifar", device="meta"),
        "plain56_cifar": resnet(56, "cifar", skip=False, device="meta"),
        "resnet29_bottleneck_cifar": resnet(29, "cifar", block="bottleneck", device="meta"),
    }
    for name, model in twins.items():
        fig = plots.diagram(model)
        assert_readable(fig)
        save(fig, f"diagram_{name}")


# --------------------------------------------------------------------------- language, axes, no pyplot


@pytest.mark.parametrize("language", ["ko", "en"])
def test_labels_follow_the_language(language):
    i18n.set_language(language)
    fig = plots.diagram(meta(resnet, 20, "cifar"))
    shown = " ".join(texts(fig))
    assert_readable(fig)
    save(fig, f"diagram_resnet20_cifar_{language}")
    if language == "ko":
        assert "합성곱" in shown and "convolution" not in shown and "입력" in shown
    else:
        assert "convolution" in shown and "합성곱" not in shown and "zero-padding shortcut (A)" in shown


def test_draws_into_a_given_axes_and_leaves_pyplot_alone():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = Figure(figsize=(12, 6.75))
    ax = fig.add_subplot()
    assert plots.diagram(meta(resnet, 18), ax=ax) is fig
    assert_readable(fig)
    plots.receptive_field(2)
    plots.param_bars(count.table(meta(alexnet)))
    assert plt.get_fignums() == before


def test_vector_output_still_works():
    fig = plots.diagram(meta(resnet, 20, "cifar"))
    pdf = BytesIO()
    fig.savefig(pdf, format="pdf")  # labels fall back to ordinary text outside Agg
    assert pdf.getvalue().startswith(b"%PDF")


# --------------------------------------------------------------------------- receptive field


@pytest.mark.parametrize(("stack", "big", "small"), [(2, 25, 18), (3, 49, 27)])
def test_receptive_field_writes_the_parameter_counts(stack, big, small):
    fig = plots.receptive_field(stack)
    shown = "\n".join(texts(fig))
    k = 2 * stack + 1
    assert f"{big}·C²" in shown and f"{small}·C²" in shown
    assert f"{k}×{k}: {big}·C²  vs  {stack} × 3×3: {small}·C²" in shown
    assert f"C = 64: {big * 64 * 64:,}" in shown and f"C = 64: {small * 64 * 64:,}" in shown
    assert f"{k + 2}×{k + 2}" in shown  # the input grid is the window plus a margin
    assert_readable(fig)
    save(fig, f"receptive_field_{stack}")


def test_receptive_field_example_follows_channels():
    shown = "\n".join(texts(plots.receptive_field(2, channels=128)))
    assert f"C = 128: {25 * 128 * 128:,}" in shown
    with pytest.raises(ConfigError):
        plots.receptive_field(4)


# --------------------------------------------------------------------------- feature maps


@pytest.fixture(scope="module")
def small_resnet():
    torch.manual_seed(0)
    return resnet(20, "cifar")


def panels(fig: Figure) -> list:
    return [ax for ax in fig.axes[0].child_axes if ax.images]


def test_feature_maps_shows_n_panels_and_names_the_channel_count(small_resnet):
    fig = plots.feature_maps(small_resnet, sample_photo(), "conv1", n=16)
    assert len(panels(fig)) == 16
    title = fig.axes[0].get_title()
    assert "conv1" in title and "16" in title
    assert_readable(fig)
    save(fig, "feature_maps_resnet20_conv1")
    fig = plots.feature_maps(small_resnet, sample_photo(), "layer3.0.conv1", n=8)
    assert len(panels(fig)) == 8 and "64" in fig.axes[0].get_title()
    assert panels(fig)[0].images[0].get_array().shape == (8, 8)  # 32 → 16 → 8 by two stride-2 stages
    assert small_resnet.training  # the mode is restored


def test_feature_maps_of_a_paper_scale_first_layer():
    torch.manual_seed(0)
    model = alexnet("torchvision", width=0.5)
    fig = plots.feature_maps(model, sample_photo(), "features.0", n=12)
    assert len(panels(fig)) == 12
    assert panels(fig)[0].images[0].get_array().shape == (55, 55)
    assert_readable(fig)
    save(fig, "feature_maps_alexnet_conv1")


def test_feature_maps_rejects_what_it_cannot_show(small_resnet):
    photo = sample_photo()
    with pytest.raises(ConfigError):
        plots.feature_maps(small_resnet, photo, "no.such.layer")
    with pytest.raises(ConfigError):
        plots.feature_maps(small_resnet, photo, "fc")  # a vector, not feature maps
    with pytest.raises(ConfigError):
        plots.feature_maps(meta(resnet, 20, "cifar"), photo, "conv1")
    with pytest.raises(ConfigError):
        plots.feature_maps(small_resnet, photo[0], "conv1")


# --------------------------------------------------------------------------- parameter bars


def test_param_bars_make_alexnets_fc_dominance_obvious():
    table = count.table(meta(alexnet))
    fig = plots.param_bars(table, by="kind")
    ax = fig.axes[0]
    widths = {
        label.get_text(): bar.get_width()
        for label, bar in zip(ax.get_yticklabels(), ax.patches, strict=False)
    }
    fc, conv = widths[i18n.t("kind.fc")], widths[i18n.t("kind.conv")]
    assert fc > 10 * conv
    shown = "\n".join(texts(fig))
    assert f"{table.by_kind()['fc']:,} (96.2%)" in shown
    assert "largest share: fully connected 96.2%" in shown and "가장 큰 몫: 완전 연결 96.2%" in shown
    assert_readable(fig)
    save(fig, "param_bars_alexnet_kind")


@pytest.mark.parametrize(("name", "by", "log"), [("alexnet", "layer", False), ("vgg16", "stage", True)])
def test_param_bars_by_layer_and_stage(name, by, log):
    model = PAPER[name]()
    table = count.table(model)
    fig = plots.param_bars(table, by=by, log=log)
    bars = fig.axes[0].patches
    expected = [r for r in table.rows if r.params] if by == "layer" else list(table.by_stage())
    assert len(bars) == len(expected)
    assert sum(bar.get_width() for bar in bars) == table.total_params
    assert_readable(fig)
    save(fig, f"param_bars_{name}_{by}")
    with pytest.raises(ConfigError):
        plots.param_bars(table, by="colour")


def test_bars_label_values_and_axis_in_the_same_unit():
    fig = plots.bars({"plain": 0.625, "augmentation": 0.25}, percent=True, ylabel="gap")
    fig.canvas.draw()
    ax = fig.axes[0]
    assert [bar.get_height() for bar in ax.patches] == [0.625, 0.25]
    assert {"62.5%", "25.0%"} <= set(texts(fig))
    ticks = [label.get_text() for label in ax.get_yticklabels() if label.get_text()]
    assert ticks and all(tick.endswith("%") for tick in ticks)
    counts = plots.bars({"1×1": 12_352, "none": 153_632})
    assert {"12,352", "153,632"} <= set(texts(counts))
    assert_readable(fig)


# --------------------------------------------------------------------------- dataset samples, signals


@pytest.mark.parametrize("language", ["ko", "en", "both"])
def test_samples_show_every_class_by_name(language):
    i18n.set_language(language)
    train, _ = data.load(train_size=60, test_size=10)
    fig = plots.samples(train, per_class=5)
    (ax,) = fig.axes
    names = [label.get_text() for label in ax.get_yticklabels()]
    assert names == [train.class_name(c) for c in range(10)]
    assert names[0] == {"ko": "원", "en": "circle", "both": "원 · circle"}[language]
    (image,) = ax.get_images()
    assert image.get_array().shape == (10 * 34, 5 * 34, 3)  # 32×32 images, each in a 1-pixel frame
    assert "shapes" in ax.get_title(loc="left")
    save(fig, f"samples_shapes_{language}")


def test_samples_of_grey_images_and_short_classes():
    images = torch.rand(5, 1, 28, 28)
    grey = ImageDataset(
        images, torch.tensor([0, 0, 0, 1, 2]), [("가", "a"), ("나", "b"), ("다", "c")], "grey"
    )
    (image,) = plots.samples(grey, per_class=3).axes[0].get_images()
    mosaic = image.get_array()
    assert mosaic.shape == (3 * 30, 3 * 30, 3)
    assert np.allclose(mosaic[1:29, 1:29, 0], images[0, 0].numpy())  # grey in every channel
    assert np.allclose(mosaic[1:29, 1:29, 2], images[0, 0].numpy())
    assert np.all(mosaic[30 + 1 : 30 + 29, 30 + 1 : 30 + 29] == 1)  # class "b" has one image: white


def test_samples_reject_what_is_not_a_dataset():
    with pytest.raises(ConfigError) as info:
        plots.samples(torch.rand(4, 3, 32, 32))
    assert info.value.knob == "dataset"
    train, _ = data.load(train_size=10, test_size=10)
    with pytest.raises(ConfigError):
        plots.samples(train, per_class=0)


def test_signal_profile_draws_both_directions_on_log_axes():
    signals = {
        "vanishing": [LayerSignal(f"l{i}", 10.0**-i, 10.0 ** (i - 20)) for i in range(20)],
        "flat": [LayerSignal(f"l{i}", 1.0, 0.0 if i == 0 else 1.0) for i in range(20)],  # 0: underflow
    }
    fig = plots.signal_profile(signals)
    forward, backward = fig.axes
    assert forward.get_yscale() == backward.get_yscale() == "log"
    assert [line.get_label() for line in backward.get_lines()] == ["vanishing", "flat"]
    assert list(forward.get_lines()[0].get_ydata()) == [row.rms for row in signals["vanishing"]]
    assert backward.get_lines()[1].get_ydata()[0] == 1e-30  # drawn, not dropped
    assert "∂L/∂x" in backward.get_ylabel()
    save(fig, "signal_profile")


# ------------------------------------------------------------------------ accuracy over seeds


def _cell(values, curves=None):
    from cnnlib.atlas import Cell

    seeds = tuple(
        {"seed": i, "test_acc": v, "train_acc": v, "final_train_loss": 1 - v, "seconds": 1.0,
         "curve": curves[i] if curves else [[10, v / 2], [20, v]]}
        for i, v in enumerate(values)
    )  # fmt: skip
    return Cell("resnet", f"k{values}", {}, "r@0", seeds)


def test_seed_accuracy_draws_every_seed_and_the_mean():
    rows = {"a": _cell([0.5, 0.6, 0.7]), "b": _cell([0.2, 0.3, 0.25])}
    fig = plots.seed_accuracy(rows)
    ax = fig.axes[0]
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    assert [list(line.get_ydata()) for line in dots] == [[0.5, 0.6, 0.7], [0.2, 0.3, 0.25]]
    means = [c.get_segments()[0][0][1] for c in ax.collections if len(c.get_segments()) == 1][::2]
    assert means == pytest.approx([0.6, 0.25])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b"]


def test_depth_accuracy_one_line_per_family_in_depth_order():
    fig = plots.depth_accuracy({"plain": {20: _cell([0.5, 0.5, 0.5]), 8: _cell([0.4, 0.4, 0.4])}},
                               papers={"paper": {20: 0.91}})  # fmt: skip
    ax = fig.axes[0]
    assert list(ax.containers[0].lines[0].get_xdata()) == [8, 20]
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == ["paper", "플레인 · plain"]


def test_atlas_band_spans_the_seeds_curves():
    fig = Figure()
    ax = fig.add_subplot()
    plots.atlas_band(ax, _cell([0.5, 0.7], curves=[[[10, 0.2], [20, 0.5]], [[10, 0.4], [20, 0.7]]]), "C0")
    (band,) = ax.collections
    ys = band.get_paths()[0].vertices[:, 1]
    assert min(ys) == pytest.approx(0.2) and max(ys) == pytest.approx(0.7)


def test_training_curves_draws_runs_against_steps_with_an_atlas_band():
    from cnnlib.train import History

    tested = History(name="run A", step=[10, 20], train_loss=[1.0, 0.5], train_acc=[0.2, 0.5],
                     test_loss=[1.1, 0.7], test_acc=[0.3, 0.4], step_losses=[1.0] * 20)  # fmt: skip
    untested = History(name="run B", step=[10, 20], train_loss=[1.2, 0.9], train_acc=[0.1, 0.3],
                       test_loss=[None, None], test_acc=[None, None])  # fmt: skip
    band = _cell([0.5, 0.7], curves=[[[10, 0.2], [20, 0.5]], [[10, 0.4], [20, 0.7]]])
    fig = plots.training_curves([tested, untested], bands=[band, None])
    loss_ax, acc_ax = fig.axes
    assert [list(line.get_xdata()) for line in acc_ax.lines] == [[10, 20], [10, 20], [10, 20]]  # no test line
    assert [line.get_color() for line in acc_ax.lines] == ["C0", "C0", "C1"] and len(acc_ax.collections) == 1
    assert len(loss_ax.lines) == 4  # A: every step, train, test; B: train
    legend = [t.get_text() for t in acc_ax.get_legend().get_texts()]
    assert legend[0].startswith("run A · ") and legend[-1] == "run B · " + i18n.t("train.train")
    again = plots.training_curves(tested, ax=fig.axes)  # one run, redrawn in place on the same axes
    assert again is fig and len(acc_ax.lines) == 2 and not acc_ax.collections
    assert fig.get_suptitle() == "run A"
    with pytest.raises(ConfigError):
        plots.training_curves(tested, ax=[loss_ax])


def test_seed_strip_is_a_small_svg_with_a_dot_per_seed():
    from cnnlib.atlas import Stat

    svg = plots.seed_strip_svg([("#123456", Stat((0.5, 0.6, 0.7)), "this"), ("#abcdef", Stat((0.2,)), "a<b")])
    assert svg.startswith("<svg") and svg.endswith("</svg>") and ">this<" in svg and "a&lt;b" in svg
    assert svg.count("<circle") == 4 and "18%" in svg and "72%" in svg  # the axis: range ± 2 points
    assert plots.seed_strip_svg([]) == ""


def test_filters_shows_every_kernel_of_a_convolution_as_one_picture():
    model = alexnet("torchvision")  # the layout of torchvision's trained AlexNet: 64 filters of 3×11×11
    fig = plots.filters(model, "features.0")
    (ax,) = fig.axes
    assert "64" in ax.get_title() and "3×11×11" in ax.get_title()
    mosaic = ax.images[0].get_array()
    assert mosaic.min() >= 0 and mosaic.max() <= 1 and mosaic.shape[-1] == 3
    deeper = plots.filters(model, "features.3", n=8).axes[0]  # 64 input channels: the first one, in grey
    assert "192" in deeper.get_title() and deeper.images[0].get_array().shape[:2] == (2 * 6 + 1, 4 * 6 + 1)
    with pytest.raises(ConfigError) as caught:
        plots.filters(model, "classifier.1")  # a linear layer has no filters to picture
    assert caught.value.knob == "layer"


# --------------------------------------------------------------------------- public information only


def test_diagrams_read_no_model_class_so_torchvisions_resnet_draws_the_same():
    """Blocks are recognised by torchvision's layout and inception modules by their traced shapes."""
    import torchvision

    with torch.device("meta"):
        theirs = torchvision.models.resnet18()
    spec = plots.diagram_spec(theirs, 224)
    ours = plots.diagram_spec(meta(resnet, 18))
    assert arc_kinds(spec) == arc_kinds(ours) == ["identity"] * 2 + ["projection", "identity"] * 3
    assert [b.label for b in spec.boxes] == [b.label for b in ours.boxes]
    assert spec.total_params == count.params(theirs)
    source = "".join(p.read_text(encoding="utf-8") for p in Path(plots.__file__).parent.glob("*.py"))
    assert "cnnlib.models" not in source and "_common" not in source


def test_shapes_are_written_as_pytorch_writes_them():
    spec = plots.diagram_spec(meta(googlenet), collapse=False)
    assert spec.boxes[0].shape == "3×224×224"
    concat = next(b for b in spec.boxes if b.kind == "concat")
    assert concat.shape == "256×28×28"  # inception 3a: 64 + 128 + 32 + 32 channels
