"""cnnlib.count: the table sums exactly, agrees with PyTorch's FLOP counter, renders, and the
whole knob space either builds a working model or raises ConfigError."""

from __future__ import annotations

import gc
import weakref

import pytest
import torch
import torchvision
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from cnnlib import ConfigError, count, i18n
from cnnlib.__main__ import main
from cnnlib.models import alexnet, googlenet, inception, resnet, vgg
from cnnlib.trace import hooks_undone, trace

DEFAULTS = {
    "alexnet": lambda: alexnet(device="meta"),
    "alexnet_tv": lambda: alexnet("torchvision", device="meta"),
    "vgg_a_lrn": lambda: vgg("A-LRN", device="meta"),
    "vgg_c": lambda: vgg("C", device="meta"),
    "vgg19_bn": lambda: vgg(19, batch_norm=True, device="meta"),
    "googlenet": lambda: googlenet(device="meta"),
    "googlenet_tv_noreduce": lambda: googlenet("torchvision", reduce=False, device="meta"),
    "resnet152": lambda: resnet(152, device="meta"),
    "resnet56_plain": lambda: resnet(56, "cifar", skip=False, device="meta"),
    "resnet50_A": lambda: resnet(50, shortcut="A", device="meta"),
}


def _flop_counter_macs(model, size: int) -> int:
    x = torch.empty(1, model.in_channels, size, size, device="meta")
    model.eval()
    with FlopCounterMode(display=False) as counter:
        model(x)
    return counter.get_total_flops() // 2


@pytest.mark.parametrize("name", DEFAULTS)
def test_rows_sum_to_parameters_and_macs_match_flop_counter(name):
    model = DEFAULTS[name]()
    table = count.table(model)
    assert sum(r.params for r in table.rows) == table.total_params == count.params(model)
    assert table.total_macs == _flop_counter_macs(model, model.input_size)


def test_works_on_real_weights_without_touching_them():
    model = resnet(20, "cifar")
    before = {k: v.clone() for k, v in model.state_dict().items()}
    model.train()
    table = count.table(model)
    assert model.training  # the mode is restored
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert table.total_params == count.params(model) == 269_722


def test_foreign_models_need_an_input_size():
    model = torchvision.models.resnet18()
    assert count.macs(model, 224) == _flop_counter_macs_tv(model)
    with pytest.raises(ConfigError) as info:
        count.table(model)  # torchvision models do not say how big their input is
    assert info.value.knob == "input_size"


def _flop_counter_macs_tv(model) -> int:
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        model.eval()(torch.zeros(1, 3, 224, 224))
    return counter.get_total_flops() // 2


def test_a_single_layer_counted_alone_shows_its_shapes_and_macs():
    """The 1×1 convolution demo of the GoogLeNet lecture: one bare layer and an input shape."""
    squeeze = nn.Conv2d(192, 16, kernel_size=1)
    table = count.table(squeeze, (192, 28, 28))
    (row,) = table.rows
    assert (row.name, row.input_shape, row.output_shape) == ("Conv2d", (192, 28, 28), (16, 28, 28))
    assert row.ran and row.macs == table.total_macs == 28 * 28 * 16 * 192
    assert row.formula == "192 × (1×1) × 16 + 16 = 3,088"
    assert "192×28×28" in str(table) and i18n.both("table.not_run")[1] not in str(table)
    with FlopCounterMode(display=False) as counter:
        squeeze(torch.zeros(1, 192, 28, 28))
    assert counter.get_total_flops() // 2 == row.macs


def test_aux_classifiers_are_listed_though_not_run():
    table = count.table(googlenet(device="meta"))
    aux = [r for r in table.rows if r.name.startswith("aux")]
    assert aux and all(not r.ran for r in aux)
    assert sum(r.params for r in aux) == 13_378_280 - 6_998_552
    assert i18n.both("table.not_run")[1] in str(table)


def test_alexnet_parameters_sit_in_the_fully_connected_layers():
    for model in (alexnet(device="meta"), vgg(16, device="meta")):
        kinds = count.table(model).by_kind()
        assert kinds["fc"] / count.params(model) > 0.85


def test_vgg_stages_split_at_pools():
    stages = count.table(vgg(16, device="meta")).by_stage()
    assert list(stages) == [
        "features:1",
        "features:2",
        "features:3",
        "features:4",
        "features:5",
        "classifier",
    ]
    assert stages["features:1"] == 3 * 9 * 64 + 64 + 64 * 9 * 64 + 64


def test_resnet_stages():
    stages = count.table(resnet(18, device="meta")).by_stage()
    assert {"layer1", "layer2", "layer3", "layer4", "fc"} <= set(stages)


def test_grouped_convolution_formula_divides_input_channels():
    table = count.table(alexnet(device="meta"))
    row = table["features.conv4"]
    assert row.formula == "(384/2) × (3×3) × 384 + 384 = 663,936"
    assert row.macs == 13 * 13 * 384 * 192 * 9


def rows(table):
    return [(r.name, r.input_shape, r.output_shape, r.params, r.macs) for r in table.rows]


def test_counting_a_materialised_model_gives_the_meta_models_rows():
    for build in (lambda d: resnet(20, "cifar", device=d), lambda d: alexnet(width=0.25, device=d)):
        assert rows(count.table(build("cpu"))) == rows(count.table(build("meta")))


def test_a_trace_records_every_call_and_leaves_the_model_as_it_was():
    """Forward hooks only: a shared module's calls are counted, and nothing stays patched."""
    model = resnet(20, "cifar", device="meta").train()
    run = trace(model, (1, 3, 32, 32))
    assert run.output_shape == (1, 10) and run.calls["layer1.0.relu"].calls == 2  # ReLU used twice
    assert [name for name, _ in run.order].count("layer1.0.relu") == 2
    assert run.calls["layer3.0.downsample"].output_shape == (1, 64, 8, 8)
    assert model.training and all(not m._forward_hooks and "forward" not in vars(m) for m in model.modules())


def test_hooks_undone_removes_the_hooks_and_restores_every_mode_even_after_an_error():
    # trace, fit's trial forward and the gradient lesson all hook a student's model: none may leave
    # a hook behind or a layer in the wrong mode, however the pass ends
    model = resnet(20, "cifar", device="meta")
    model.train()
    model.layer2.eval()  # a mix of modes, as a student may leave it
    before = {name: m.training for name, m in model.named_modules()}
    with pytest.raises(RuntimeError, match="pass failed"), hooks_undone(model) as handles:
        handles += [m.register_forward_hook(lambda *_: None) for m in model.modules()]
        handles.append(model.fc.register_forward_pre_hook(lambda *_: None))
        model.eval()
        raise RuntimeError("pass failed")
    assert {name: m.training for name, m in model.named_modules()} == before
    assert all(not m._forward_hooks and not m._forward_pre_hooks for m in model.modules())


def test_a_trace_makes_no_reference_cycle():
    """A counted model is freed by reference counting as soon as it is dropped, not by the collector."""
    model = resnet(20, "cifar", device="meta")
    count.table(model)
    gone = weakref.ref(model)
    gc.disable()
    try:
        del model
        assert gone() is None
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "change",
    [
        lambda m: setattr(m, "fc", nn.Linear(64, 7, device="meta")),  # a replaced layer
        lambda m: setattr(m.conv1, "stride", (2, 2)),  # a changed setting
        lambda m: setattr(m.fc, "weight", nn.Parameter(torch.empty(7, 64, device="meta"))),
    ],
    ids=["layer", "stride", "weight"],
)
def test_a_changed_model_is_counted_as_it_is_now(change):
    model = resnet(20, "cifar", device="meta")
    model.fc.bias = None  # so that a 7-row weight alone fits
    before = rows(count.table(model))
    change(model)
    assert rows(count.table(model)) != before


def test_a_hook_on_a_counted_model_fires():
    model, fired = resnet(20, "cifar", device="meta"), []
    model.layer3[2].register_forward_hook(lambda *args: fired.append(1))
    count.table(model)
    assert fired == [1]


def test_text_and_html_rendering():
    table = count.table(alexnet(device="meta"))
    text, page = str(table), table._repr_html_()
    for rendered in (text, page):
        assert "60,965,224" in rendered and "FLOPs ≈ 2 × MAC" in rendered
        assert "3 × (11×11) × 96 + 96 = 34,944" in rendered
    lines = text.splitlines()
    header_width = i18n.display_width(lines[0])
    assert i18n.display_width(lines[1]) >= header_width  # the rule spans the header (Hangul is two columns)
    rows = lines[2 : 2 + len(table.rows)]
    assert all(i18n.display_width(row) <= i18n.display_width(lines[1]) for row in rows)
    # numbers are right-aligned: every params cell ends in the same terminal column
    ends = {
        i18n.display_width(row[: row.index(f"{r.params:,}") + len(f"{r.params:,}")])
        for row, r in zip(rows, table.rows, strict=True)
        if r.params
    }
    assert len(ends) == 1
    assert page.count("<tr") == len(table.rows) + 2  # header + rows + total


@pytest.mark.parametrize(
    ("language", "present", "absent"), [("ko", "파라미터", "Params"), ("en", "Params", "파라미터")]
)
def test_table_follows_the_language(language, present, absent):
    i18n.set_language(language)
    try:
        header = str(count.table(resnet(20, "cifar", device="meta"))).splitlines()[0]
    finally:
        i18n.set_language("both")
    assert present in header and absent not in header


def test_cli_summary(capsys):
    assert main(["summary", "resnet50", "--input-size", "224", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "25,557,032" in out and "layer4.2.conv3" in out
    assert main(["summary", "alexnet", "--input-size", "224"]) == 2
    err = capsys.readouterr().err
    assert "54.25" in err and "227" in err


def test_cli_unknown_model(capsys):
    assert main(["summary", "lenet"]) == 2
    assert "'name'" in capsys.readouterr().err


# ----------------------------------------------------------------------------- the knob space

SIZES = st.integers(min_value=4, max_value=72)
WIDTHS = st.sampled_from([0.03, 0.06, 0.1, 0.2, -0.5, 0])
CLASSES = st.sampled_from([1, 3, 10, 0, -2])


@st.composite
def knob_settings(draw):
    family = draw(st.sampled_from(["alexnet", "vgg", "googlenet", "resnet", "inception"]))
    if family == "inception":
        channels = draw(st.lists(st.integers(-1, 12), min_size=7, max_size=7))
        return family, {"args": channels, "reduce": draw(st.booleans())}
    knobs = {
        "num_classes": draw(CLASSES),
        "input_size": draw(SIZES),
        "width": draw(WIDTHS),
        "in_channels": draw(st.sampled_from([1, 3])),
    }
    if family == "alexnet":
        knobs |= {
            "variant": draw(st.sampled_from(["paper", "torchvision", "zfnet"])),
            "activation": draw(st.sampled_from(["relu", "tanh", "elu"])),
            "lrn": draw(st.booleans()),
            "dropout": draw(st.sampled_from([0.0, 0.5, 1.0, -0.1])),
            "fc_width": draw(st.sampled_from([8, 32, 0])),
        }
        knobs["stem"] = draw(st.sampled_from([None, "imagenet", "cifar", "mnist"]))
    elif family == "vgg":
        knobs |= {
            "config": draw(
                st.one_of(
                    st.sampled_from(["A", "A-LRN", "B", "C", "D", "E", 11, 19, "Z", 12]),
                    st.lists(st.integers(-1, 3), min_size=0, max_size=6),
                )
            ),
            "batch_norm": draw(st.booleans()),
            "kernel_size": draw(st.sampled_from([1, 3, 5, 7, 4])),
            "fc_width": draw(st.sampled_from([8, 16, -3])),
        }
    elif family == "googlenet":
        knobs |= {
            "variant": draw(st.sampled_from(["paper", "torchvision"])),
            "reduce": draw(st.booleans()),
            "aux_logits": draw(st.booleans()),
        }
    else:
        variant = draw(st.sampled_from(["imagenet", "cifar", "tiny"]))
        knobs |= {
            "variant": variant,
            "depth": draw(st.sampled_from([8, 14, 18, 20, 21, 29, 34, 50, 101, 0])),
            "skip": draw(st.booleans()),
            "shortcut": draw(st.sampled_from([None, "A", "B", "C", "Z"])),
            "block": draw(st.sampled_from([None, "basic", "bottleneck", "dense"])),
            "batch_norm": draw(st.booleans()),
        }
    return family, knobs


BUILDERS = {"alexnet": alexnet, "vgg": vgg, "googlenet": googlenet, "resnet": resnet}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(knob_settings())
def test_every_setting_builds_a_working_model_or_raises_config_error(sample):
    family, knobs = sample
    try:
        if family == "inception":
            model = inception(*knobs["args"], reduce=knobs["reduce"])
        else:
            model = BUILDERS[family](**knobs)
    except ConfigError as error:
        assert error.ko and error.en and error.knob
        return
    table = count.table(model, 9 if family == "inception" else None)
    assert table.total_params == sum(p.numel() for p in model.parameters())
    model.eval()
    if family == "inception":
        x = torch.randn(2, knobs["args"][0], 9, 9)
        assert model(x).shape == (2, model.out_channels, 9, 9)
        return
    x = torch.randn(2, model.in_channels, model.input_size, model.input_size)
    with torch.no_grad():
        assert model(x).shape == (2, model.num_classes)


# ----------------------------------------------------------------------------- sizes and tied weights


def test_an_input_size_the_model_cannot_take_names_sizes_that_fit():
    paper = alexnet(device="meta")  # built for 227: its first FC layer fixes the size
    for call in (count.table, count.macs):
        with pytest.raises(ConfigError) as info:
            call(paper, 224)
        assert info.value.knob == "input_size" and info.value.value == 224
        assert "227" in info.value.en and "227" in info.value.ko
    with pytest.raises(ConfigError) as info:  # too small for VGG's five poolings
        count.table(vgg(16, device="meta"), 16)
    assert "32 or more" in info.value.en
    assert count.macs(vgg(16, device="meta"), 32) > 0  # and 32 really fits
    with pytest.raises(ConfigError) as info:  # a torchvision model, too
        count.macs(torchvision.models.alexnet(), 16)
    assert "or more" in info.value.en


def test_tied_weights_are_counted_once():
    class Tied(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv = nn.Conv2d(3, 8, 3, padding=1)
            self.again = nn.Conv2d(8, 8, 3, padding=1)
            self.twice = self.again  # the same layer used twice
            self.fc = nn.Linear(8, 8)
            self.head = nn.Linear(8, 8, bias=False)
            self.head.weight = self.fc.weight  # a weight tied to another layer's

        def forward(self, x):
            x = self.twice(self.again(self.conv(x))).mean((2, 3))
            return self.head(self.fc(x))

    model = Tied()
    table = count.table(model, 8)
    assert sum(row.params for row in table.rows) == table.total_params == count.params(model)
    assert table["head"].params == 0 and "fc" in table["head"].formula
    assert "head" not in table.by_stage(weights_only=True)  # its weight is fc's
    assert sum(table.by_stage().values()) == count.params(model)


@pytest.mark.parametrize(
    "argv",
    [[], ["frobnicate"], ["summary"], ["summary", "resnet50", "--input-size", "big"], ["list", "--nope"]],
    ids=repr,
)
def test_cli_usage_errors_are_bilingual(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    korean, english = err.strip().splitlines()[-2:]
    assert any("\uac00" <= ch <= "\ud7a3" for ch in korean) and "--help" in korean
    assert english.startswith("The command line is not valid") and "--help" in english
    assert err.startswith("usage:")


def test_cli_huge_numbers_are_config_errors(capsys):
    assert main(["summary", "resnet56_cifar", "--num-classes", "9" * 40]) == 2
    assert main(["summary", "resnet" + "9" * 9 + "_cifar"]) == 2
    assert main(["summary", "vgg16", "--width", "1e400"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("Allowed:") == 3
