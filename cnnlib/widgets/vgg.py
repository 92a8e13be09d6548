"""VGG explorer: deep stacks of small convolutions, stage by stage.

VGG 탐색기: 작은 합성곱을 깊게 쌓으면 단계마다 파라미터와 수용 영역이 어떻게 변하는지 봅니다.
3×3 두 개는 5×5 하나와, 세 개는 7×7 하나와 수용 영역이 같지만 파라미터는 더 적습니다.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from torch import nn

from cnnlib import atlas, checks, count, i18n, plots
from cnnlib.errors import ConfigError
from cnnlib.models import vgg
from cnnlib.models.vgg import CONFIGS
from cnnlib.widgets.base import Explorer, Numbers, headline, scale_knobs
from cnnlib.widgets.presets import Knob

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["VGGExplorer", "VGGNumbers", "build_vgg", "parse_depths", "receptive_fields", "vgg_numbers"]

CUSTOM = "custom"  # the drop-down entry that enables the per-stage depths text box

KNOBS: tuple[Knob, ...] = (
    Knob("config", "widget.config", "D", choices=tuple(CONFIGS), depth_list=True),
    Knob("k", "widget.kernel", 3, choices=(3, 5, 7)),
    Knob("bn", "widget.batch_norm", False),
    Knob("fc", "widget.fc", 4096, choices=(64, 128, 256, 512, 1024, 2048, 4096)),
    *scale_knobs(width=0.125),
)


def receptive_fields(stages: Sequence[Sequence[int]]) -> list[int]:
    """Receptive field of the last convolution of every stage, in input pixels.

    단계마다 마지막 합성곱의 수용 영역(입력 픽셀 수)을 계산합니다.

    Each stage is a list of kernel sizes of stride-1 convolutions, followed by a 2×2 max-pool
    with stride 2 (VGG's layout). Walking forward, keep the receptive field ``field`` and the
    *jump* (how many input pixels one step on the current feature map spans):

    - a k×k stride-1 convolution adds ``(k − 1) × jump`` to the field;
    - a 2×2/2 pool adds ``1 × jump`` to the field and doubles the jump.

    So two 3×3 convolutions see 5×5 pixels and three see 7×7; VGG-16 (configuration D)
    gives 5, 14, 40, 92, 196.
    """
    field, jump = 1, 1
    fields = []
    for kernels in stages:
        for k in kernels:
            field += (k - 1) * jump
        fields.append(field)
        field += (2 - 1) * jump  # the 2×2 max-pool ...
        jump *= 2  # ... with stride 2
    return fields


def parse_depths(text: str) -> tuple[int, ...]:
    """Read per-stage depths such as ``"2,2,3,3,3"`` (commas, slashes or spaces).

    ``"2,2,3,3,3"`` 같은 단계별 합성곱 수를 읽습니다. 읽을 수 없으면 ConfigError.
    """
    parts = [part for part in re.split(r"[,/\s]+", text.strip()) if part] if isinstance(text, str) else []
    depths = [checks.digits(part, max_digits=3) for part in parts]  # '²' looks like a digit but is none
    if not depths or None in depths:
        raise ConfigError("depths", text, i18n.both("widget.allowed.depths"))
    return tuple(depths)


def build_vgg(state: dict[str, Any], device: Any = "meta", lab: bool | None = None) -> nn.Module:
    """The VGG of an explorer state; ``lab`` overrides the state's scale (lab: the atlas's lab twin)."""
    lab = state["scale"] == "lab" if lab is None else lab
    if lab:
        return atlas.lab_model("vgg", state, device=device)
    config = list(state["config"]) if isinstance(state["config"], tuple) else state["config"]
    return vgg(
        config,
        kernel_size=state["k"],
        batch_norm=state["bn"],
        fc_width=state["fc"],
        device=device,
    )


def vgg_name(state: dict[str, Any]) -> str:
    """``VGG-16 (D)``, ``VGG-13 (2/2/2/2/2, 5×5, BN)``: weight layers = convolutions + 3 FC."""
    config = state["config"]
    kernels = CONFIGS[config] if isinstance(config, str) else [[3] * d for d in config]
    depth = sum(len(stage) for stage in kernels) + 3
    parts = [config if isinstance(config, str) else "/".join(map(str, config))]
    parts += [f"{state['k']}×{state['k']}"] if state["k"] != 3 else []
    parts += ["BN"] if state["bn"] else []
    return f"VGG-{depth} ({', '.join(parts)})"


@dataclass(frozen=True)
class Stage:
    """One row of the stage table."""

    label: str
    kernels: tuple[int, ...]  # empty for the classifier
    channels: str  # "64"; the classifier: its layers' widths, "4096/4096/1000"
    output: tuple[int, ...] | None
    params: int
    macs: int
    receptive_field: int | None


@dataclass(frozen=True)
class VGGNumbers(Numbers):
    stages: tuple[Stage, ...]


def stage_kernels(features: nn.Sequential) -> list[list[int]]:
    """Kernel sizes of the convolutions of every stage (a stage ends at a max-pool)."""
    stages: list[list[int]] = []
    current: list[int] = []
    for layer in features:
        if isinstance(layer, nn.Conv2d):
            current.append(layer.kernel_size[0])
        elif isinstance(layer, nn.MaxPool2d):
            stages.append(current)
            current = []
    return stages


def vgg_numbers(state: dict[str, Any]) -> VGGNumbers:
    """Count the VGG of ``state`` on the meta device, stage by stage (raises ConfigError)."""
    model = build_vgg(state)
    table = count.table(model)
    params, macs = table.by_stage(), table.macs_by_stage()
    kernels = stage_kernels(model.features)
    fields = receptive_fields(kernels)
    stages = []
    for i, (stage_kernels_, field) in enumerate(zip(kernels, fields, strict=True), start=1):
        key = f"features:{i}"
        rows = [row for row in table.rows if row.stage == key]
        convs = [row for row in rows if row.kind == "conv"]
        stages.append(
            Stage(
                str(i),
                tuple(stage_kernels_),
                str(convs[-1].output_shape[0]),
                rows[-1].output_shape,  # the max-pool ends the stage
                params.get(key, 0),
                macs.get(key, 0),
                field,
            )
        )
    fc_rows = [row for row in table.rows if row.kind == "fc"]
    widths = "/".join(str(row.output_shape[0]) for row in fc_rows)
    stages.append(Stage("FC", (), widths, None, params["classifier"], macs["classifier"], None))
    return VGGNumbers(
        vgg_name(state), table, table.input_shape, model.num_classes, tuple(stages), model=model
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
    compute = staticmethod(vgg_numbers)

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
