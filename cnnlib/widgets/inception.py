"""Inception explorer: what do the 1×1 reductions save?

인셉션 탐색기: 인셉션 모듈의 채널 수를 바꾸며 갈래별 파라미터와 곱셈-누적(MAC)을 계산식과 함께
보고, 1×1 차원 축소를 끄면 모듈과 GoogLeNet 전체가 얼마나 커지는지 확인합니다.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from typing import Any

from torch import nn

from cnnlib import count, i18n
from cnnlib.models import googlenet, inception
from cnnlib.models._common import scaled
from cnnlib.widgets.base import LAB, Explorer, Numbers, scale_knobs
from cnnlib.widgets.presets import Knob

__all__ = [
    "InceptionExplorer",
    "InceptionNumbers",
    "googlenet_totals",
    "inception_numbers",
    "mac_formula",
]

CHANNELS = ("in", "1x1", "3x3r", "3x3", "5x5r", "5x5", "pool")  # inception()'s argument order

KNOBS: tuple[Knob, ...] = (
    # Defaults: inception (3a) of the paper's Table 1. Sliders start at 0 so that a student can
    # see the builder refuse an empty branch.
    Knob("in", "widget.in_channels", 192, low=0, high=1024, step=8),
    Knob("1x1", "widget.ch1x1", 64, low=0, high=512, step=8),
    Knob("3x3r", "widget.ch3x3red", 96, low=0, high=512, step=8),
    Knob("3x3", "widget.ch3x3", 128, low=0, high=512, step=8),
    Knob("5x5r", "widget.ch5x5red", 16, low=0, high=512, step=8),
    Knob("5x5", "widget.ch5x5", 32, low=0, high=512, step=8),
    Knob("pool", "widget.pool_proj", 32, low=0, high=512, step=8),
    Knob("reduce", "widget.reduce", True),
    Knob(
        "variant",
        "widget.variant",
        "paper",
        choices=("paper", "torchvision"),
        option_labels=(("paper", "widget.variant.paper"),),
    ),
    *scale_knobs(width=0.125),
)


def mac_formula(conv: nn.Conv2d, output_shape: tuple[int, ...]) -> str:
    """``H×W × C_out × (C_in × k×k) = MACs``: one multiply-add per weight per output pixel.

    합성곱의 곱셈-누적 횟수 = 출력 크기(H×W) × 출력 채널 × (입력 채널 × k×k).
    """
    channels, height, width = output_shape
    kh, kw = conv.kernel_size
    cin = conv.in_channels // conv.groups
    macs = height * width * channels * cin * kh * kw
    return f"{height}×{width} × {channels} × ({cin} × {kh}×{kw}) = {macs:,}"


def googlenet_totals(variant: str, scale: str, width: float) -> dict[bool, tuple[int, int]]:
    """Whole GoogLeNet ``{reduce: (params, MACs)}`` with and without the 1×1 reductions.

    GoogLeNet 전체의 파라미터와 MAC(1×1 차원 축소가 있을 때와 없을 때).
    """
    return {reduce: _googlenet_table(variant, scale, width, reduce)[:2] for reduce in (True, False)}


def module_input_size(scale: str) -> int:
    """Height (= width) of the feature map inception (3a) sees: 28 at 224×224; at 32×32, whatever
    the lab GoogLeNet's stem leaves of the image.

    Only the input size matters (both variants share the stem; the width changes channels, not
    sizes), so this is counted once per scale.
    """
    return _googlenet_table("paper", scale, 1.0, True)[2]


@functools.lru_cache(maxsize=64)
def _googlenet_table(variant: str, scale: str, width: float, reduce: bool) -> tuple[int, int, int]:
    """(params, MACs, inception (3a) input size) of one GoogLeNet: one build, one count."""
    table = count.table(googlenet(variant, reduce=reduce, device="meta", **_data(scale, width)))
    return table.total_params, table.total_macs, table["inception3a.branch1.conv"].input_shape[-1]


def _data(scale: str, width: float) -> dict[str, Any]:
    return dict(LAB, width=width) if scale == "lab" else {}


@dataclass(frozen=True)
class Branch:
    """One of the four parallel branches of the module."""

    layers: tuple[str, ...]  # e.g. ("1×1", "3×3") or ("pool", "1×1")
    out_channels: int
    params: int
    macs: int
    param_formulas: tuple[str, ...]
    mac_formulas: tuple[str, ...]


@dataclass(frozen=True)
class InceptionNumbers(Numbers):
    channels: tuple[int, ...]  # the module's seven channel numbers at this scale
    output_shape: tuple[int, ...]
    branches: tuple[Branch, ...]
    reduce: bool


def inception_numbers(state: dict[str, Any]) -> InceptionNumbers:
    """Count one inception module on the meta device, branch by branch (raises ConfigError).

    At paper scale the module gets the 28×28 input of inception (3a) at 224×224; at lab scale
    every channel number is multiplied by the width (as in the lab GoogLeNet) and the input is
    the map inception (3a) of the lab GoogLeNet sees in a 32×32 image.
    """
    lab = state["scale"] == "lab"
    channels = tuple(
        scaled(state[key], state["width"]) if lab and state[key] > 0 else state[key] for key in CHANNELS
    )
    paper = state["variant"] == "paper"
    module = inception(
        *channels,
        reduce=state["reduce"],
        kernel5=5 if paper else 3,  # torchvision's "5×5" branch is really 3×3
        batch_norm=not paper,
        device="meta",
    )
    size = module_input_size(state["scale"])
    table = count.table(module, (channels[0], size, size))
    branches = []
    for name in ("branch1", "branch2", "branch3", "branch4"):
        rows = [row for row in table.rows if row.stage == name]
        layers, param_formulas, mac_formulas = [], [], []
        for row in rows:
            layer = module.get_submodule(row.name)
            if isinstance(layer, nn.Conv2d):
                layers.append("{}×{}".format(*layer.kernel_size))
                mac_formulas.append(mac_formula(layer, row.output_shape))
            elif isinstance(layer, nn.MaxPool2d):
                layers.append("pool")  # named in the current language when shown
            if row.formula:
                param_formulas.append(row.formula)
        branches.append(
            Branch(
                tuple(layers),
                rows[-1].output_shape[0],
                sum(row.params for row in rows),
                sum(row.macs for row in rows),
                tuple(param_formulas),
                tuple(mac_formulas),
            )
        )
    return InceptionNumbers(
        name="Inception",
        table=table,
        input_shape=table.input_shape,
        num_classes=0,
        channels=channels,
        output_shape=(module.out_channels, size, size),
        branches=tuple(branches),
        reduce=state["reduce"],
        model=module,
    )


class InceptionExplorer(Explorer):
    """Inception explorer: the six channel numbers of one module, in_channels and the reductions.

    인셉션 탐색기: 모듈 하나의 채널 수 여섯 개와 입력 채널, 1×1 차원 축소 스위치를 바꾸면 갈래별
    파라미터와 MAC이 계산식과 함께 바뀌고, GoogLeNet 전체의 합계(축소 있음/없음)도 보여 줍니다.

    >>> InceptionExplorer(preset="inception:in=480,1x1=192,3x3r=96,3x3=208,5x5r=16,5x5=48,pool=64")
    """

    family = "inception"
    atlas_family = "googlenet"
    title = "widget.inception.title"
    lab_note = "widget.inception.lab_note"
    knobs = KNOBS
    compute = staticmethod(inception_numbers)

    def render_summary(self, numbers: InceptionNumbers) -> str:
        shape = "×".join(map(str, numbers.input_shape))
        out = "×".join(map(str, numbers.output_shape))
        module = i18n.t("widget.inception.module", input=shape, output=out)
        totals = i18n.t(
            "widget.totals", params=f"{numbers.total_params:,}", macs=f"{numbers.total_macs:,}", sep=" / "
        )
        return (
            f"<div style='font-size:1.15em'><b>{html.escape(module)}</b></div>"
            f"<div style='font-size:1.15em'>{html.escape(totals)}</div>"
        )

    def render_extra(self, state: dict[str, Any], numbers: InceptionNumbers) -> str:
        # The whole network depends only on variant, scale and width: counting two GoogLeNets takes
        # a few hundred milliseconds the first time, so it is shown after the module's numbers.
        width = state["width"] if state["scale"] == "lab" else 1.0
        totals = googlenet_totals(state["variant"], state["scale"], width)
        lines = []
        for reduce in (True, False):
            params, macs = totals[reduce]
            key = "widget.inception.with" if reduce else "widget.inception.without"
            line = html.escape(i18n.t(key, params=f"{params:,}", macs=f"{macs:,}", sep=" / "))
            lines.append(f"<b>{line}</b>" if reduce == numbers.reduce else line)
        whole = html.escape(i18n.t("widget.inception.googlenet"))
        return f"<div>{whole}: {' · '.join(lines)}</div>"

    def render_details(self, numbers: InceptionNumbers) -> str:
        keys = ("branch", "layers", "out", "params", "param_formula", "macs", "mac_formula")
        head = "".join(f"<th>{html.escape(i18n.t('widget.col.' + k, sep=' / '))}</th>" for k in keys)
        body = []
        for i, branch in enumerate(numbers.branches, start=1):
            layers = " → ".join(i18n.t("widget.inception.pool") if x == "pool" else x for x in branch.layers)
            cells = [  # (HTML, alignment)
                (str(i), "right"),
                (html.escape(layers), "left"),
                (str(branch.out_channels), "right"),
                (f"{branch.params:,}", "right"),
                ("<br>".join(map(html.escape, branch.param_formulas)), "left"),
                (f"{branch.macs:,}", "right"),
                ("<br>".join(map(html.escape, branch.mac_formulas)), "left"),
            ]
            tds = "".join(f"<td style='text-align:{align}'>{cell}</td>" for cell, align in cells)
            body.append(f"<tr>{tds}</tr>")
        foot = (
            f"<tr><th>{html.escape(i18n.t('table.total'))}</th><td></td>"
            f"<th style='text-align:right'>{numbers.output_shape[0]}</th>"
            f"<th style='text-align:right'>{numbers.total_params:,}</th><td></td>"
            f"<th style='text-align:right'>{numbers.total_macs:,}</th><td></td></tr>"
        )
        notes = " ".join(html.escape(i18n.t(k)) for k in ("table.params_note", "table.flops_note"))
        return (
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}{foot}</tbody></table>"
            f"<small>{notes}</small>"
        )

    def chart_key(self, numbers: InceptionNumbers) -> Any:
        return None  # no bar chart: the diagram of the module and the formulas are the pictures

    def diagram_key(self, numbers: InceptionNumbers) -> str:
        # The diagram is the one module being configured (channel numbers in its boxes); without
        # the reductions their two sliders change nothing in it, so they do not redraw it.
        return f"{numbers.model!r}|{numbers.input_shape}"

    def lab_name(self, state: dict[str, Any]) -> str:
        return f"GoogLeNet ({state['variant']}, {'reduce' if state['reduce'] else 'no reduce'})"
