"""VGG explorer: deep stacks of small convolutions, stage by stage.

VGG 탐색기: 작은 합성곱을 깊게 쌓으면 단계마다 파라미터와 수용 영역이 어떻게 변하는지 봅니다.
3×3 두 개는 5×5 하나와, 세 개는 7×7 하나와 수용 영역이 같지만 파라미터는 더 적습니다.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from cnnlib import i18n, plots
from cnnlib.models.vgg import CONFIGS
from cnnlib.numbers import VGGNumbers, vgg_name
from cnnlib.widgets.base import Explorer, headline, scale_knobs
from cnnlib.widgets.presets import Knob, parse_depths

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["VGGExplorer"]

CUSTOM = "custom"  # the drop-down entry that enables the per-stage depths text box

KNOBS: tuple[Knob, ...] = (
    Knob("config", "widget.config", "D", choices=tuple(CONFIGS), depth_list=True),
    Knob("k", "widget.kernel", 3, choices=(3, 5, 7)),
    Knob("bn", "widget.batch_norm", False),
    Knob("fc", "widget.fc", 4096, choices=(64, 128, 256, 512, 1024, 2048, 4096)),
    *scale_knobs(width=0.125),
)


class VGGExplorer(Explorer):
    """VGG explorer: configuration A–E or per-stage depths, kernel size, batch norm.

    VGG 탐색기: 구성(A–E 또는 단계별 깊이), 커널 크기, 배치 정규화를 바꾸면 단계별 파라미터와
    합계, 단계별 수용 영역이 바로 바뀝니다.

    >>> VGGExplorer(preset="vgg:config=2/2/3/3/3,k=5")
    """

    family = "vgg"
    atlas_family = "vgg"
    title = "widget.vgg.title"
    knobs = KNOBS

    # -- the configuration: a drop-down plus a text box for custom depths

    def _make_control(self, knob: Knob) -> widgets.Widget:
        control = super()._make_control(knob)
        if knob.key == "config":
            self.depths_text = widgets.Text(value="2, 2, 3, 3, 3", continuous_update=False)
            self.depths_text.observe(self._on_change, names="value")
        return control

    def _options(self, knob: Knob) -> list[tuple[str, Any]]:
        options = super()._options(knob)
        return [*options, (i18n.t("widget.config.custom"), CUSTOM)] if knob.key == "config" else options

    def _knob_widgets(self) -> list[widgets.Widget]:
        controls = super()._knob_widgets()
        at = controls.index(self.controls["config"]) + 1
        return [*controls[:at], self.depths_text, *controls[at:]]

    def _read_control(self, knob: Knob) -> Any:
        if knob.key == "config" and self.controls["config"].value == CUSTOM:
            return parse_depths(self.depths_text.value)
        return super()._read_control(knob)

    def _write_control(self, knob: Knob, value: Any) -> None:
        if knob.key == "config" and isinstance(value, tuple):
            self.controls["config"].value = CUSTOM
            self.depths_text.value = ", ".join(map(str, value))
        else:
            super()._write_control(knob, value)

    def _update_enabled(self, state: dict[str, Any]) -> None:
        super()._update_enabled(state)
        custom = isinstance(state["config"], tuple)
        self.depths_text.disabled = not custom
        if not custom:  # show what the named configuration stacks (so "custom" starts from it)
            self._muted += 1
            try:
                self.depths_text.value = ", ".join(str(len(s)) for s in CONFIGS[state["config"]])
            finally:
                self._muted -= 1

    def _relabel_extra(self) -> None:
        self.depths_text.description = i18n.t("widget.depths")

    # -- rendering

    def render_summary(self, numbers: VGGNumbers) -> str:
        return headline(numbers)

    def render_details(self, numbers: VGGNumbers) -> str:
        keys = ("stage", "convs", "channels", "output", "params", "share", "macs", "rf")
        head = "".join(f"<th>{html.escape(i18n.t('widget.col.' + k, sep=' / '))}</th>" for k in keys)
        total = numbers.total_params
        body = []
        for stage in numbers.stages:
            convs = (
                " + ".join(f"{k}×{k}" for k in stage.kernels)
                if stage.kernels
                else i18n.t("widget.vgg.classifier")
            )
            cells = [
                stage.label,
                convs,
                stage.channels,
                "×".join(map(str, stage.output)) if stage.output else "",
                f"{stage.params:,}",
                f"{stage.params / total:.1%}",
                f"{stage.macs:,}",
                "" if stage.receptive_field is None else f"{stage.receptive_field}×{stage.receptive_field}",
            ]
            body.append("<tr>" + "".join(f"<td align='right'>{html.escape(c)}</td>" for c in cells) + "</tr>")
        foot = (
            f"<tr><th>{html.escape(i18n.t('table.total'))}</th><td></td><td></td><td></td>"
            f"<th align='right'>{total:,}</th><td></td><th align='right'>{numbers.total_macs:,}</th>"
            "<td></td></tr>"
        )
        notes = " ".join(html.escape(i18n.t(k)) for k in ("widget.vgg.rf_note", "table.flops_note"))
        layers = html.escape(i18n.t("widget.per_layer"))
        return (
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}{foot}"
            f"</tbody></table><small>{notes}</small>"
            f"<details><summary>{layers}</summary>{numbers.table._repr_html_()}</details>"
        )

    def chart_key(self, numbers: VGGNumbers) -> Any:
        return numbers.stages

    def chart(self, numbers: VGGNumbers) -> Figure:
        return plots.param_bars(numbers.table, by="stage")

    def lab_name(self, state: dict[str, Any]) -> str:
        return vgg_name(state)
