"""Tests for cnnlib.widgets, without a browser: the explorers are driven through their controls.

What a student sees must be what cnnlib.count computes; impossible settings must show a bilingual
message and keep the last valid numbers; Train/Stop must work from a background thread; presets
must round-trip. dev.py runs this file twice: with the ipywidgets 8 of .venv and with ipywidgets
7.7.1 (Colab's version) from an overlay directory, where CNNLIB_EXPECT_IPYWIDGETS=7.7.1.
"""

from __future__ import annotations

import base64
import functools
import gc
import html
import json
import os
import re
import time

import ipywidgets
import matplotlib
import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch import nn

import cnnlib
from cnnlib import ConfigError, atlas, count, display, i18n, plots
from cnnlib import numbers as lecture
from cnnlib.models import alexnet, googlenet, inception, resnet, vgg
from cnnlib.models.vgg import vgg_stage
from cnnlib.numbers import googlenet_totals, mac_formula, receptive_fields
from cnnlib.widgets import (
    EXPLORERS,
    AlexNetExplorer,
    Explorer,
    InceptionExplorer,
    ResNetExplorer,
    VGGExplorer,
    format_preset,
    parse_depths,
    parse_preset,
)
from cnnlib.widgets import base as widgets_base
from cnnlib.widgets import training as widgets_training

# ipywidgets 7.7.1 opens its comms through ipykernel's deprecated Comm class; that is Colab's own
# combination and nothing cnnlib can change, so this one deprecation is not an error here.
pytestmark = pytest.mark.filterwarnings(
    "ignore:The `ipykernel.comm.Comm` class has been deprecated:DeprecationWarning"
)

HANGUL = re.compile("[가-힣]")
LAB = {"input_size": 32, "num_classes": 10}
TRAIN_TIMEOUT = 300  # seconds; a busy 2-core CI machine needs a few seconds per step


def text(markup: str) -> str:
    """What a browser would show of an HTML widget's value."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def assert_shows(explorer: Explorer, model: nn.Module, input_size=None) -> None:
    """The explorer's numbers are count.table's, and the displayed text says so."""
    table = count.table(model, input_size)
    assert explorer.error is None, explorer.error
    assert explorer.numbers.total_params == table.total_params
    assert explorer.numbers.total_macs == table.total_macs
    shown = text(explorer.summary_html.value)
    assert f"{table.total_params:,}" in shown
    assert f"{table.total_macs:,}" in shown


def assert_bilingual_error(explorer: Explorer, knob: str) -> None:
    assert isinstance(explorer.error, ConfigError)
    assert explorer.error.knob == knob
    shown = text(explorer.error_html.value)
    assert explorer.error.ko in shown and explorer.error.en in shown
    assert HANGUL.search(shown) and "not allowed" in shown
    assert "#c62828" in explorer.error_html.value  # the red box


@pytest.fixture(autouse=True)
def both_languages():
    cnnlib.set_language("both")
    yield
    cnnlib.set_language("both")


@pytest.fixture
def run_log(tmp_path, monkeypatch):
    path = tmp_path / "runs.jsonl"
    monkeypatch.setenv("CNNLIB_RUN_LOG", str(path))
    return path


def test_ipywidgets_version_is_the_one_this_run_is_for():
    expected = os.environ.get("CNNLIB_EXPECT_IPYWIDGETS")
    if expected:  # the Colab-compatibility run of dev.py
        assert ipywidgets.__version__ == expected
    else:
        assert ipywidgets.__version__.split(".")[0] in ("7", "8")


def test_every_explorer_is_a_displayable_box_with_defaults_counted(capsys):
    expected = {
        "alexnet": (alexnet(device="meta"), None),
        "vgg": (vgg("D", device="meta"), None),
        "inception": (inception(192, 64, 96, 128, 16, 32, 32, device="meta"), 28),
        "resnet": (resnet(20, "cifar", device="meta"), None),
    }
    for family, cls in EXPLORERS.items():
        explorer = cls()
        assert isinstance(explorer.widget, ipywidgets.Box)
        assert explorer.preset.startswith(f"{family}:")
        assert explorer.preset_text.value == explorer.preset
        model, size = expected[family]
        assert_shows(explorer, model, size)
        explorer._ipython_display_()  # outside a notebook IPython prints the widget's repr
    capsys.readouterr()


# ------------------------------------------------------------------------------------ AlexNet


def test_alexnet_numbers_follow_every_knob():
    explorer = AlexNetExplorer()
    assert explorer.numbers.total_params == 60_965_224  # the paper's AlexNet, biases included
    assert "3 × (11×11) × 96 + 96 = 34,944" in text(explorer.details_html.value)
    assert explorer.chart_output.outputs[0]["data"]["image/png"]  # the parameter bars

    c = explorer.controls
    c["variant"].value = "torchvision"
    c["act"].value = "tanh"
    c["lrn"].value = False
    c["dropout"].value = 0.3
    c["fc"].value = 1024
    assert_shows(
        explorer,
        alexnet("torchvision", activation="tanh", lrn=False, dropout=0.3, fc_width=1024, device="meta"),
    )
    c["scale"].value = "lab"
    c["width"].value = 0.5
    model = alexnet(
        "torchvision",
        activation="tanh",
        lrn=False,
        dropout=0.3,
        fc_width=512,  # the lab twin narrows the fully connected layers by the width too
        width=0.5,
        device="meta",
        **LAB,
    )
    assert_shows(explorer, model)
    assert "p=0.3" in text(explorer.details_html.value)  # the per-layer table follows too


def test_alexnet_shows_the_conv_vs_fc_split():
    explorer = AlexNetExplorer()
    shown = text(explorer.summary_html.value)
    kinds = count.table(alexnet(device="meta")).by_kind()
    total = sum(kinds.values())
    assert f"{kinds['conv']:,} ({kinds['conv'] / total:.1%})" in shown
    assert f"{kinds['fc']:,} ({kinds['fc'] / total:.1%})" in shown


def test_width_is_greyed_out_at_paper_scale():
    explorer = AlexNetExplorer()
    assert explorer.controls["width"].disabled
    explorer.controls["scale"].value = "lab"
    assert not explorer.controls["width"].disabled


# ------------------------------------------------------------------------------------ VGG


def test_receptive_fields_of_the_vgg_configurations():
    assert receptive_fields([[3], [3], [3, 3], [3, 3], [3, 3]]) == [3, 8, 26, 62, 134]  # A
    assert receptive_fields([[3, 3]] * 2 + [[3, 3, 3]] * 3) == [5, 14, 40, 92, 196]  # D: conv5_3 sees 196
    assert receptive_fields([[3, 3, 3]]) == [7]  # three 3×3 = one 7×7
    assert receptive_fields([[5], [5]]) == [5, 14]
    assert receptive_fields([[1]]) == [1] and receptive_fields([]) == []


def test_receptive_field_matches_the_gradient_footprint():
    """Backpropagate from one output pixel and see which input pixels it depends on."""
    stages = [[3], [3, 5], [3]]
    layers: list[nn.Module] = []
    channels = 3
    for kernels in stages:
        layers += vgg_stage(channels, 2, kernels, batch_norm=False, lrn_first=False)
        channels = 2
    # Up to the last convolution (before the final pool). Max-pooling sends the gradient to one
    # pixel of each window only, so average pooling (same geometry) stands in for it here.
    layers = [nn.AvgPool2d(2, 2) if isinstance(layer, nn.MaxPool2d) else layer for layer in layers[:-1]]
    features = nn.Sequential(*layers)
    for layer in features:
        if isinstance(layer, nn.Conv2d):  # positive weights: no ReLU ever cuts the path
            nn.init.constant_(layer.weight, 0.1)
            nn.init.zeros_(layer.bias)
    image = torch.ones(1, 3, 96, 96, requires_grad=True)
    out = features(image)
    centre = out.shape[-1] // 2
    out[0, 0, centre, centre].backward()
    rows = (image.grad[0].abs().sum(0).sum(1) > 0).nonzero()
    assert int(rows.max() - rows.min() + 1) == receptive_fields(stages)[-1]


def test_vgg_configurations_kernels_and_batch_norm():
    explorer = VGGExplorer()
    for config in ("A", "A-LRN", "B", "C", "D", "E"):
        explorer.controls["config"].value = config
        assert_shows(explorer, vgg(config, device="meta"))
    explorer.set_state(config="D", k=5, bn=True, fc=1024)
    assert_shows(explorer, vgg("D", kernel_size=5, batch_norm=True, fc_width=1024, device="meta"))
    explorer.controls["scale"].value = "lab"
    assert_shows(
        explorer, vgg("D", kernel_size=5, batch_norm=True, fc_width=128, width=0.125, device="meta", **LAB)
    )


def test_vgg_stage_table_and_receptive_fields_are_displayed():
    explorer = VGGExplorer()
    shown = text(explorer.details_html.value)
    for field in (5, 14, 40, 92, 196):
        assert f"{field}×{field}" in shown
    per_stage = count.table(vgg("D", device="meta")).by_stage()
    assert [s.params for s in explorer.numbers.stages] == list(per_stage.values())
    for n in per_stage.values():
        assert f"{n:,}" in shown


def test_vgg_custom_depths_from_the_text_box():
    explorer = VGGExplorer()
    assert explorer.depths_text.disabled and explorer.depths_text.value == "2, 2, 3, 3, 3"
    explorer.controls["config"].value = "custom"
    assert not explorer.depths_text.disabled
    explorer.depths_text.value = "1, 2, 4"
    assert_shows(explorer, vgg([1, 2, 4], device="meta"))
    assert explorer.state["config"] == (1, 2, 4)
    assert "config=1/2/4" in explorer.preset
    assert [s.receptive_field for s in explorer.numbers.stages[:-1]] == receptive_fields(
        [[3], [3] * 2, [3] * 4]
    )


def test_parse_depths():
    assert parse_depths("2,2,3,3,3") == (2, 2, 3, 3, 3)
    assert parse_depths(" 1 / 2  4 ") == (1, 2, 4)
    for bad in ("", "2,,x", "-1", "2.5", "1000"):
        with pytest.raises(ConfigError):
            parse_depths(bad)


# ------------------------------------------------------------------------------------ Inception


def test_inception_branches_with_formulas():
    explorer = InceptionExplorer()
    module = inception(192, 64, 96, 128, 16, 32, 32, device="meta")
    table = count.table(module, 28)
    assert_shows(explorer, module, 28)
    branches = explorer.numbers.branches
    assert [b.params for b in branches] == [table.by_stage()[f"branch{i}"] for i in range(1, 5)]
    assert [b.macs for b in branches] == [table.macs_by_stage()[f"branch{i}"] for i in range(1, 5)]
    assert [b.out_channels for b in branches] == [64, 128, 32, 32]
    shown = text(explorer.details_html.value)
    assert "96 × (3×3) × 128 + 128 = 110,720" in shown  # the parameter formula
    assert "28×28 × 128 × (96 × 3×3) = 86,704,128" in shown  # the MAC formula


def test_mac_formula_agrees_with_count():
    module = inception(480, 192, 96, 208, 16, 48, 64, device="meta")
    table = count.table(module, 14)
    for row in table.rows:
        layer = module.get_submodule(row.name)
        if isinstance(layer, nn.Conv2d):
            assert mac_formula(layer, row.output_shape).endswith(f"= {row.macs:,}")


def test_inception_reductions_and_whole_googlenet():
    explorer = InceptionExplorer()
    with_reductions = explorer.numbers.total_params
    explorer.controls["reduce"].value = False
    assert_shows(explorer, inception(192, 64, 96, 128, 16, 32, 32, reduce=False, device="meta"), 28)
    assert explorer.numbers.total_params > with_reductions
    shown = text(explorer.extra_html.value)
    for reduce in (True, False):
        table = count.table(googlenet(reduce=reduce, device="meta"))
        assert googlenet_totals("paper", "paper", 1.0)[reduce] == (table.total_params, table.total_macs)
        assert f"{table.total_params:,}" in shown and f"{table.total_macs:,}" in shown


def test_inception_lab_scale_uses_the_lab_googlenet_feature_map():
    explorer = InceptionExplorer()
    explorer.set_state(scale="lab", width=0.5)
    module = inception(96, 32, 48, 64, 8, 16, 16, device="meta")
    size = count.table(googlenet(width=0.5, device="meta", **LAB))["inception3a.branch1.conv"].input_shape[-1]
    assert 1 < size < 28  # the lab stem's output (its design may change; the explorer follows it)
    assert_shows(explorer, module, size)


# ------------------------------------------------------------------------------------ ResNet


@pytest.mark.parametrize(
    ("knobs", "model"),
    [
        ({}, lambda: resnet(20, "cifar", device="meta")),
        ({"depth": 56, "skip": False}, lambda: resnet(56, "cifar", skip=False, device="meta")),
        ({"depth": 50, "variant": "imagenet"}, lambda: resnet(50, device="meta")),
        (
            {"depth": 34, "variant": "imagenet", "shortcut": "C"},
            lambda: resnet(34, shortcut="C", device="meta"),
        ),
        (
            {"depth": 20, "block": "bottleneck", "scale": "lab", "width": 0.25},
            lambda: resnet(20, "cifar", block="bottleneck", width=0.25, device="meta", **LAB),
        ),
    ],
)
def test_resnet_numbers(knobs, model):
    explorer = ResNetExplorer()
    explorer.set_state(**knobs)
    assert_shows(explorer, model())


def test_resnet_50_at_paper_scale_is_the_papers():
    explorer = ResNetExplorer(preset="resnet:depth=50,variant=imagenet")
    assert explorer.numbers.total_params == 25_557_032  # torchvision's resnet50
    assert explorer.numbers.shortcut_params > 0  # option B projects where the shape changes


# ------------------------------------------------------------------------------------ bad settings


def test_mismatched_block_shows_the_message_and_keeps_the_last_numbers():
    explorer = ResNetExplorer(preset="resnet:depth=50,variant=imagenet")
    before, summary = explorer.numbers, explorer.summary_html.value
    explorer.controls["block"].value = "basic"  # ResNet-50 is built from bottlenecks
    assert_bilingual_error(explorer, "block")
    assert explorer.numbers is before and explorer.summary_html.value == summary
    assert "block=basic" in explorer.preset_text.value  # the preset box shows what was asked for
    explorer.controls["block"].value = "auto"
    assert explorer.error is None and explorer.error_html.value == ""


def test_cifar_depth_on_imagenet_and_back():
    explorer = ResNetExplorer()
    explorer.controls["variant"].value = "imagenet"  # depth 20 is not an ImageNet ResNet
    assert_bilingual_error(explorer, "depth")
    assert explorer.numbers.total_params == count.params(resnet(20, "cifar", device="meta"))
    explorer.controls["depth"].value = 18
    assert_shows(explorer, resnet(18, device="meta"))


def test_inception_empty_reduction_is_refused():
    explorer = InceptionExplorer()
    kept = explorer.numbers.total_params
    explorer.controls["3x3r"].value = 0
    assert_bilingual_error(explorer, "ch3x3red")
    assert explorer.numbers.total_params == kept
    assert f"{kept:,}" in text(explorer.summary_html.value)


@pytest.mark.parametrize(
    ("depths", "knob"), [("2,2,x", "depths"), ("2,2,2,2,2,2", "config"), ("2,0", "config[1]")]
)
def test_vgg_impossible_depths(depths, knob):
    explorer = VGGExplorer()
    explorer.controls["config"].value = "custom"
    kept = explorer.numbers
    explorer.depths_text.value = depths
    assert_bilingual_error(explorer, knob)
    assert explorer.numbers is kept


# ------------------------------------------------------------------------------------ diagrams


def diagram_png(explorer: Explorer) -> bytes:
    (output,) = explorer.diagram_output.outputs
    return base64.b64decode(output["data"]["image/png"])


def branch_labels(spec: plots.DiagramSpec) -> dict[int, list[str]]:
    """Labels of an inception module's boxes, branch by branch (top to bottom)."""
    branches: dict[int, list[str]] = {}
    for box in sorted((b for b in spec.boxes if b.branch), key=lambda b: (b.branch, b.row)):
        branches.setdefault(box.branch, []).append(box.label)
    return branches


@pytest.fixture
def drawn(monkeypatch):
    """Titles of the diagrams actually drawn (a cached one is shown without drawing)."""
    titles = []
    real = plots.diagram

    def counting(spec, *args, **kwargs):
        titles.append(spec.title)
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(plots, "diagram", counting)
    widgets_base.clear_caches()
    return titles


def test_every_explorer_shows_the_diagram_of_the_model_it_counted():
    for cls in EXPLORERS.values():
        explorer = cls()
        assert diagram_png(explorer).startswith(b"\x89PNG")
        counted = cls.compute(explorer.state)  # the numbers again, with their meta model
        assert explorer.diagram_spec == plots.diagram_spec(counted.model, counted.input_shape)
        assert explorer.diagram_spec.total_params == explorer.numbers.total_params


def test_widget_pngs_have_the_pixels_savefig_draws():
    """The widgets' PNG is matplotlib's own: the pixels of ``savefig(format="png")``, alpha kept."""
    from io import BytesIO

    from PIL import Image

    def pixels(png: bytes) -> np.ndarray:
        return np.asarray(Image.open(BytesIO(png)).convert("RGBA"))

    for figure in (plots.diagram(resnet(20, "cifar", device="meta")), plots.new_figure((3.3, 2.1))):
        reference = BytesIO()
        figure.savefig(reference, format="png", dpi=display.DPI)
        shown = base64.b64decode(display.figure_data(figure)["image/png"])
        assert np.array_equal(pixels(shown), pixels(reference.getvalue()))
    with matplotlib.rc_context({"savefig.bbox": "tight"}):  # a notebook's setting must not break it
        assert pixels(base64.b64decode(display.figure_data(figure)["image/png"])).shape[:2] == (201, 316)
    see_through = plots.new_figure((0.5, 0.3))  # alpha kept: a see-through figure stays see-through
    see_through.patch.set_alpha(0.3)
    reference = BytesIO()
    see_through.savefig(reference, format="png", dpi=display.DPI)
    shown = pixels(base64.b64decode(display.figure_data(see_through)["image/png"]))
    assert np.array_equal(shown, pixels(reference.getvalue())) and (shown[..., 3] < 255).any()


def test_resnet_skip_switch_removes_and_restores_the_shortcut_arcs():
    explorer = ResNetExplorer()  # ResNet-20 (CIFAR): 9 blocks, drawn layer by layer
    arcs = explorer.diagram_spec.arcs
    assert len(arcs) == len(plots.diagram_spec(resnet(20, "cifar", device="meta")).arcs) == 9
    png = diagram_png(explorer)
    explorer.controls["skip"].value = False
    assert explorer.diagram_spec.arcs == []
    assert explorer.diagram_spec == plots.diagram_spec(resnet(20, "cifar", skip=False, device="meta"))
    assert "skip=False" in explorer.diagram_spec.title and diagram_png(explorer) != png
    explorer.controls["skip"].value = True
    assert explorer.diagram_spec.arcs == arcs and diagram_png(explorer) == png


def test_lab_scale_is_drawn_layer_by_layer_and_long_paper_networks_collapsed():
    explorer = ResNetExplorer(preset="resnet:depth=50,variant=imagenet")
    spec = explorer.diagram_spec
    assert spec.collapsed and spec.input_shape == (3, 224, 224)
    assert any(box.count > 1 for box in spec.boxes)  # the ×n stage view
    explorer.set_state(depth=20, variant="cifar", scale="lab", width=0.25)
    spec = explorer.diagram_spec
    assert not spec.collapsed and all(box.count == 1 for box in spec.boxes)
    assert spec == plots.diagram_spec(resnet(20, "cifar", width=0.25, device="meta", **LAB))
    explorer = VGGExplorer(preset="vgg:scale=lab,width=0.5")
    assert not explorer.diagram_spec.collapsed
    assert "conv 3×3 · 32 + ReLU" in [box.label for box in explorer.diagram_spec.boxes]


def test_inception_diagram_is_the_module_and_shows_its_channel_numbers():
    explorer = InceptionExplorer()
    spec = explorer.diagram_spec
    assert branch_labels(spec) == {
        1: ["1×1 · 64"],
        2: ["1×1 · 96", "3×3 · 128"],  # the 1×1 reduction, then the 3×3
        3: ["1×1 · 16", "5×5 · 32"],
        4: ["pool 3×3", "1×1 · 32"],
    }
    assert spec.boxes[0].shape == "192×28×28" and spec.boxes[-1].shape == "256×28×28"  # in, concat
    explorer.controls["in"].value = 256
    assert explorer.diagram_spec.boxes[0].shape == "256×28×28"


def test_inception_without_reductions_draws_no_reduction_boxes(drawn):
    explorer = InceptionExplorer()
    explorer.controls["reduce"].value = False
    assert branch_labels(explorer.diagram_spec) == {
        1: ["1×1 · 64"],
        2: ["3×3 · 128"],  # reads all 192 input channels directly
        3: ["5×5 · 32"],
        4: ["pool 3×3", "1×1 · 32"],  # the pool projection stays
    }
    assert "reduce=False" in explorer.diagram_spec.title
    assert len(drawn) == 2
    explorer.controls["3x3r"].value = 128  # unused without reductions: the same module, no redraw
    assert explorer.error is None and len(drawn) == 2
    explorer.controls["reduce"].value = True  # a new module: its 3×3 reduction now has 128 channels
    assert branch_labels(explorer.diagram_spec)[2] == ["1×1 · 128", "3×3 · 128"] and len(drawn) == 3
    explorer.controls["3x3r"].value = 96  # the module drawn first: from the cache
    assert branch_labels(explorer.diagram_spec)[2] == ["1×1 · 96", "3×3 · 128"] and len(drawn) == 3


def test_invalid_settings_keep_the_last_valid_diagram():
    explorer = ResNetExplorer(preset="resnet:depth=50,variant=imagenet")
    spec, outputs = explorer.diagram_spec, explorer.diagram_output.outputs
    explorer.controls["block"].value = "basic"  # ResNet-50 is built from bottlenecks
    assert_bilingual_error(explorer, "block")
    assert explorer.diagram_spec is spec and explorer.diagram_output.outputs == outputs

    explorer = InceptionExplorer()
    spec, outputs = explorer.diagram_spec, explorer.diagram_output.outputs
    explorer.controls["3x3r"].value = 0
    assert_bilingual_error(explorer, "ch3x3red")
    assert explorer.diagram_spec is spec and explorer.diagram_output.outputs == outputs


def test_the_diagram_is_redrawn_only_when_the_network_changes(drawn):
    explorer = ResNetExplorer()
    assert drawn == ["ResNet-20 · CIFAR"]
    explorer.controls["seconds"].value = 20  # training only
    explorer.controls["block"].value = "basic"  # what "auto" chose for ResNet-20: the same network
    explorer.controls["width"].value = 1.0  # the lab width does not apply at paper scale
    assert len(drawn) == 1
    explorer.controls["depth"].value = 56
    explorer.controls["depth"].value = 20  # seen before: from the cache
    assert drawn == ["ResNet-20 · CIFAR", "ResNet-56 · CIFAR"]
    explorer.language.value = "en"  # the diagram's words follow the language
    assert len(drawn) == 3 and explorer.diagram_spec.boxes[0].label == "input"


def test_cached_numbers_keep_no_model():
    """Meta models are thousands of small objects each: the caches keep numbers and PNGs only."""
    explorer = ResNetExplorer(preset="resnet:depth=110")
    explorer.controls["depth"].value = 56
    explorer.controls["depth"].value = 110  # back: numbers from the cache, the diagram too
    assert explorer.numbers.model is None and explorer.diagram_spec.title == "ResNet-110 · CIFAR"
    assert all(numbers.model is None for numbers in lecture._cache.values())


def test_the_garbage_collector_is_held_only_during_a_redraw(monkeypatch):
    seen = []
    real = lecture.COUNTERS["resnet"]
    monkeypatch.setitem(lecture.COUNTERS, "resnet", lambda state: seen.append(gc.isenabled()) or real(state))
    explorer = ResNetExplorer()
    explorer.controls["depth"].value = 32
    assert seen and not any(seen) and gc.isenabled()
    gc.disable()  # a notebook that turned it off itself keeps it off
    try:
        explorer.controls["depth"].value = 44
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failing_diagram_leaves_the_numbers_alone(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("cannot draw this")

    monkeypatch.setattr(plots, "diagram_spec", broken)
    widgets_base.clear_caches()
    explorer = AlexNetExplorer(preset="alexnet:fc=512")
    assert explorer.error is None and explorer.error_html.value == ""
    assert_shows(explorer, alexnet(fc_width=512, device="meta"))
    (output,) = explorer.diagram_output.outputs
    assert "RuntimeError: cannot draw this" in text(output["data"]["text/html"])


# ------------------------------------------------------------------------------------ presets


def states(cls: type[Explorer]) -> st.SearchStrategy[dict]:
    """Every state the controls of ``cls`` can hold (buildable or not)."""
    parts = {}
    for knob in cls.knobs:
        if knob.kind == "bool":
            parts[knob.key] = st.booleans()
        elif knob.kind == "int":
            parts[knob.key] = st.integers(knob.low, knob.high)
        else:
            values = st.sampled_from(knob.choices)
            if knob.depth_list:
                depths = st.lists(st.integers(0, 999), min_size=1, max_size=7).map(tuple)
                values = st.one_of(values, depths)
            parts[knob.key] = values
    return st.fixed_dictionaries(parts)


@pytest.mark.parametrize("cls", list(EXPLORERS.values()), ids=list(EXPLORERS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_state_counts_or_explains(cls, data):
    """Whatever the controls hold, counting gives numbers or a ConfigError, never another error."""
    state = data.draw(states(cls))
    try:
        numbers = cls.compute(state)
    except ConfigError as error:
        assert HANGUL.search(error.ko) and error.en
    else:
        assert numbers.total_params > 0


def test_an_unforeseen_error_is_shown_not_raised(monkeypatch):
    explorer = AlexNetExplorer()
    kept = explorer.numbers

    def broken(state):
        raise RuntimeError("shape mismatch somewhere deep")

    monkeypatch.setitem(lecture.COUNTERS, "alexnet", broken)
    explorer.controls["fc"].value = 1024
    shown = text(explorer.error_html.value)
    assert "RuntimeError: shape mismatch somewhere deep" in shown and HANGUL.search(shown)
    assert explorer.numbers is kept


@pytest.mark.parametrize("cls", list(EXPLORERS.values()), ids=list(EXPLORERS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_preset_strings_round_trip(cls, data):
    state = data.draw(states(cls))
    preset = format_preset(cls.family, cls.knobs, state)
    assert parse_preset(preset, cls.family, cls.knobs) == state
    assert format_preset(cls.family, cls.knobs, parse_preset(preset, cls.family, cls.knobs)) == preset


@pytest.mark.parametrize("cls", list(EXPLORERS.values()), ids=list(EXPLORERS))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_explorers_round_trip_their_presets(cls, data):
    preset = format_preset(cls.family, cls.knobs, data.draw(states(cls)))
    explorer = cls.from_preset(preset)
    assert explorer.preset == preset
    assert explorer.preset_text.value == preset
    assert (explorer.error is None) == (explorer.error_html.value == "")
    if explorer.numbers is not None:  # a valid setting: its diagram is on screen
        assert explorer.diagram_spec.total_params == explorer.numbers.total_params


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_string_is_a_preset_or_a_config_error(garbage):
    for cls in EXPLORERS.values():
        try:
            parse_preset(garbage, cls.family, cls.knobs)
        except ConfigError as error:
            assert HANGUL.search(error.ko) and error.en


def test_short_presets_take_defaults_and_spaces_are_ignored():
    assert ResNetExplorer.parse_preset("resnet:") == ResNetExplorer.default_state()
    state = ResNetExplorer.parse_preset(" ResNet : depth = 56 , skip = off ,")
    assert state == dict(ResNetExplorer.default_state(), depth=56, skip=False)
    explorer = ResNetExplorer(preset="resnet:depth=56,skip=0")
    assert explorer.state["depth"] == 56 and explorer.state["skip"] is False
    assert explorer.preset == format_preset("resnet", ResNetExplorer.knobs, explorer.state)


@pytest.mark.parametrize(
    ("preset", "knob", "words"),
    [
        ("vgg:depth=56", "preset", "resnet:"),  # another explorer's preset
        ("resnet depth=56", "preset", "resnet:"),  # no "family:"
        ("resnet:depth=56,skip", "preset", "key=value"),
        ("resnet:depth=56,colour=red", "preset", "unknown key"),
        ("resnet:depth=56,depth=20", "preset", "twice"),
        ("resnet:depth=57", "depth", "152"),
        ("resnet:skip=maybe", "skip", "1, 0"),
        ("resnet:width=0.3", "width", "0.25"),
        ("resnet:seconds=0", "seconds", "1 to 60"),
        ("resnet:__import__('os')=1", "preset", "unknown key"),
    ],
)
def test_bad_presets_are_bilingual_config_errors(preset, knob, words):
    with pytest.raises(ConfigError) as info:
        ResNetExplorer(preset=preset)
    assert info.value.knob == knob
    assert words in info.value.en and HANGUL.search(info.value.ko)


def test_preset_box_and_apply_button():
    explorer = ResNetExplorer()
    explorer.preset_text.value = "resnet:depth=56,skip=0,scale=lab"
    explorer.apply_button.click()
    assert explorer.state["depth"] == 56 and explorer.state["skip"] is False
    assert_shows(explorer, resnet(56, "cifar", skip=False, width=0.25, device="meta", **LAB))

    kept_state, kept = explorer.state, explorer.numbers
    explorer.preset_text.value = "resnet:depth=56,skip=perhaps"
    explorer.apply_button.click()  # shown in the explorer, not raised into the kernel
    assert_bilingual_error(explorer, "skip")
    assert explorer.state == kept_state and explorer.numbers is kept


LOOK_ALIKES = ["²", "2²", "¹⁸", "①", "½", "9" * 5000, "1" * 40, "５６x", "⁵⁶", "", " ", "-20", "2.5"]


@pytest.mark.parametrize("bad", LOOK_ALIKES, ids=range(len(LOOK_ALIKES)))
def test_look_alike_digits_in_a_preset_show_the_error_box_and_train_still_answers(bad, monkeypatch):
    started = []
    monkeypatch.setattr(widgets_training.threading, "Thread", lambda **kw: started.append(kw) or _NoThread())
    for explorer, preset in (
        (ResNetExplorer(), f"resnet:seconds={bad}"),  # a whole-number knob (a slider)
        (ResNetExplorer(), f"resnet:depth={bad}"),
        (VGGExplorer(), f"vgg:config={bad}/2/3/3/3"),
        (VGGExplorer(), f"vgg:fc={bad}"),
    ):
        kept_state = explorer.state
        explorer.preset_text.value = preset
        # What the Apply button runs, called directly: ipywidgets would swallow an exception
        # into the front end's log, which is the bug this guards against.
        explorer._apply_preset_text()
        assert isinstance(explorer.error, ConfigError)
        shown = text(explorer.error_html.value)
        assert explorer.error.ko in shown and explorer.error.en in shown
        assert explorer.state == kept_state
        explorer.train_button.click()  # the last valid setting trains
        assert explorer.training_error is None
    assert len(started) == 4


class _NoThread:
    def start(self) -> None:
        pass

    def is_alive(self) -> bool:
        return False


def test_fullwidth_and_other_decimal_digits_are_read_as_numbers():
    # A Korean input method may type fullwidth digits: they are digits, and int() reads them.
    assert ResNetExplorer.parse_preset("resnet:depth=５６")["depth"] == 56
    assert ResNetExplorer.parse_preset("resnet:depth=١١٠")["depth"] == 110  # Arabic-Indic
    assert VGGExplorer.parse_preset("vgg:config=２/２/３/３/３")["config"] == (2, 2, 3, 3, 3)


@pytest.mark.parametrize("bad", ["2, ²", "9" * 5000, "①,2", "2,,2²"])
def test_train_with_look_alike_depths_says_why(bad):
    explorer = VGGExplorer()
    explorer.controls["config"].value = "custom"
    explorer.depths_text.value = bad
    explorer.train()
    assert not explorer.training and explorer.runs == []
    assert isinstance(explorer.training_error, ConfigError)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["resnet:", "vgg:", "alexnet:", "inception:"]),
    st.lists(
        st.tuples(
            st.sampled_from(["depth", "config", "fc", "k", "width", "seconds", "skip", "scale", "x"]),
            st.text(st.characters(categories=["Nd", "No", "Nl", "Po", "Zs", "Lu"]), max_size=8)
            | st.sampled_from(["9" * 5000, "1e400", "nan", "-0", "0x10", "²", "１８"]),
        ),
        max_size=3,
    ),
)
def test_apply_never_raises_whatever_the_preset(head, items):
    family = head[:-1]
    explorer = _apply_explorers()[family]
    explorer.preset_text.value = head + ",".join(f"{key}={value}" for key, value in items)
    explorer._apply_preset_text()  # the Apply button's handler, so that an exception would surface
    assert (explorer.error is None) == (explorer.error_html.value == "")


@functools.cache
def _apply_explorers() -> dict[str, Explorer]:
    return {cls.family: cls() for cls in EXPLORERS.values()}


def test_set_state_checks_values():
    explorer = ResNetExplorer()
    with pytest.raises(ConfigError):
        explorer.set_state(depth=57)
    with pytest.raises(ConfigError):
        explorer.set_state(colour="red")
    explorer.set_state(width=1)  # an int where the choices are floats is fine
    assert explorer.state["width"] == 1.0


# ------------------------------------------------------------------------------------ language


def labels(explorer: Explorer) -> list[str]:
    found = [control.description for control in explorer.controls.values()]
    found += [explorer.train_button.description, explorer.stop_button.description]
    found += [explorer.apply_button.description, explorer.preset_text.description]
    found += [explorer.tabs.get_title(0), explorer.tabs.get_title(1), text(explorer.title_html.value)]
    found += [label for label, _ in explorer.controls["scale"].options]
    return found


def test_language_toggle_changes_every_label():
    explorer = VGGExplorer()
    explorer.language.value = "en"
    assert i18n.get_language() == "en"
    assert not any(HANGUL.search(label) for label in labels(explorer))
    assert not HANGUL.search(text(explorer.summary_html.value) + text(explorer.details_html.value))
    assert "Configuration" in explorer.controls["config"].description
    assert explorer.controls["config"].value == "D"  # relabelling keeps the selection

    explorer.language.value = "ko"
    assert all(HANGUL.search(label) for label in labels(explorer) if label.strip())
    assert "parameters" not in text(explorer.summary_html.value)

    explorer.language.value = "both"
    assert (
        "구성" in explorer.controls["config"].description
        and "Configuration" in explorer.controls["config"].description
    )


def test_set_language_then_relabel():
    explorer = ResNetExplorer(preset="resnet:shortcut=B")
    cnnlib.set_language("en")
    explorer.relabel()
    assert explorer.language.value == "en"
    assert not any(HANGUL.search(label) for label in labels(explorer))
    assert explorer.controls["shortcut"].value == "B"
    assert "Setting" in text(explorer.results_html.value) or "No runs" in text(explorer.results_html.value)


# ------------------------------------------------------------------------------------ training


def wait_until(condition, timeout: float = TRAIN_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def logged(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_train_then_stop_keeps_the_run(run_log):
    explorer = AlexNetExplorer(preset="alexnet:fc=64,scale=paper,width=0.125,budget=seconds,seconds=10")
    explorer.train_button.click()
    assert explorer.training and explorer.train_button.disabled and not explorer.stop_button.disabled
    assert explorer.tabs.selected_index == 1
    explorer.train_button.click()  # a second press while training does nothing
    wait_until(lambda: explorer.progress.value > 0 or not explorer.training)  # first evaluation
    explorer.stop_button.click()
    assert explorer.wait(TRAIN_TIMEOUT)
    assert explorer.training_error is None
    assert not explorer.train_button.disabled and explorer.stop_button.disabled

    (run,) = explorer.runs
    history = run.history
    assert history.interrupted and history.stop_reason == "stop"
    assert run.preset == explorer.preset
    assert history.params == count.params(
        alexnet(fc_width=8, width=0.125, device="meta", **LAB)
    )  # 64 × 0.125
    shown = text(explorer.results_html.value)
    assert history.name in shown and run.preset in shown and f"{history.params:,}" in shown
    assert f"{history.final_test_acc:.1%}" in shown and "예" in shown  # interrupted: yes
    (record,) = logged(run_log)
    assert record["name"] == history.name and record["interrupted"] is True
    assert record["config"]["model"]["input_size"] == 32  # Train trains the lab scale
    assert explorer.curves_output.outputs[0]["data"]["image/png"]


def test_resnet_trains_both_twins_and_their_gradients(run_log):
    explorer = ResNetExplorer(preset="resnet:depth=20,width=0.125,budget=seconds,seconds=1")
    explorer.train()
    assert explorer.wait(TRAIN_TIMEOUT)
    assert explorer.training_error is None
    assert [run.history.name for run in explorer.runs] == ["Plain-20 (cifar) lab", "ResNet-20 (cifar) lab"]
    assert [record["name"] for record in logged(run_log)] == ["Plain-20 (cifar) lab", "ResNet-20 (cifar) lab"]
    (plain, plain_norms), (residual, residual_norms) = explorer.gradients
    assert plain.startswith("Plain") and residual.startswith("ResNet")
    assert len(plain_norms) == len(residual_norms) == 20  # 19 convolutions + fc (option A adds none)
    assert explorer.progress.value == 1.0 and explorer.progress.bar_style == "success"
    assert explorer.results_html.value.count("<tr>") == 1 + 2  # the header and two runs

    explorer.train()  # a second press adds to the same table
    assert explorer.wait(TRAIN_TIMEOUT)
    assert len(explorer.runs) == 4


def test_training_errors_are_shown_and_finished_runs_kept(run_log, monkeypatch):
    real_fit = atlas.fit
    calls = []

    def fit_then_fail(*args, **kwargs):
        calls.append(kwargs["name"])
        if len(calls) == 2:
            raise RuntimeError("out of memory (simulated)")
        return real_fit(*args, **kwargs)

    monkeypatch.setattr(atlas, "fit", fit_then_fail)  # the trainer the explorer's runs go through
    explorer = ResNetExplorer(preset="resnet:depth=20,width=0.125,budget=seconds,seconds=1")
    explorer.train()
    assert explorer.wait(TRAIN_TIMEOUT)
    assert isinstance(explorer.training_error, RuntimeError)
    shown = text(explorer.training_error_html.value)
    assert "out of memory (simulated)" in shown and HANGUL.search(shown) and "Training failed" in shown
    assert [run.history.name for run in explorer.runs] == ["Plain-20 (cifar) lab"]  # not lost
    assert not explorer.train_button.disabled and explorer.progress.bar_style == "danger"


def test_train_with_an_unreadable_setting_says_why():
    explorer = VGGExplorer()
    explorer.controls["config"].value = "custom"
    explorer.depths_text.value = "two, two"
    explorer.train()
    assert not explorer.training and explorer.runs == []
    assert isinstance(explorer.training_error, ConfigError)
    assert explorer.training_error.ko in text(explorer.training_error_html.value)


def test_lab_models_are_real_lab_scale_models():
    for cls in EXPLORERS.values():
        explorer = cls(preset=f"{cls.family}:scale=paper,width=0.125")
        for name, model in explorer.lab_models(explorer.state):
            assert name.endswith("lab")
            assert model.input_size == 32 and model.num_classes == 10
            assert next(model.parameters()).device.type == "cpu"
