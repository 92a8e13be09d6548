"""Inception explorer: what do the 1×1 reductions save?

인셉션 탐색기: 인셉션 모듈의 채널 수를 바꾸며 갈래별 파라미터와 곱셈-누적(MAC)을 계산식과 함께
보고, 1×1 차원 축소를 끄면 모듈과 GoogLeNet 전체가 얼마나 커지는지 확인합니다.
"""

from __future__ import annotations

import html
from typing import Any

from cnnlib import i18n
from cnnlib.numbers import InceptionNumbers, googlenet_totals
from cnnlib.widgets.base import Explorer, scale_knobs
from cnnlib.widgets.presets import Knob

__all__ = ["InceptionExplorer"]

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
