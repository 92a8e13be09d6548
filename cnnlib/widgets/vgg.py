"""VGG explorer: deep stacks of small convolutions, stage by stage.

Two 3×3 convolutions see as much as one 5×5, three as much as one 7×7, with fewer parameters.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from cnnlib import display, i18n
from cnnlib.models.vgg import CONFIGS
from cnnlib.numbers import DEFAULTS, vgg_name
from cnnlib.widgets.base import Explorer, common_knobs
from cnnlib.widgets.presets import Knob, parse_depths

__all__ = ["VGGExplorer"]

CUSTOM = "custom"  # the drop-down entry that enables the per-stage depths text box
D = DEFAULTS["vgg"]
KNOBS: tuple[Knob, ...] = (
    Knob("config", "widget.config", D["config"], choices=tuple(CONFIGS), depth_list=True),
    Knob("k", "widget.kernel", D["k"], choices=(3, 5, 7)),
    Knob("bn", "widget.batch_norm", D["bn"]),
    Knob("fc", "widget.fc", D["fc"], choices=(64, 128, 256, 512, 1024, 2048, 4096)),
    *common_knobs("vgg"),
)


class VGGExplorer(Explorer):
    """VGG explorer: configuration A–E or per-stage depths, kernel size, batch norm.

    >>> VGGExplorer(preset="vgg:config=2/2/3/3/3,k=5")
    """

    family = "vgg"
    knobs = KNOBS
    details = staticmethod(display.vgg_stages)
    chart = "stage"

    def __init__(self, preset: str | None = None) -> None:
        # The configuration is a drop-down plus this text box for custom depths.
        self.depths_text = widgets.Text(value="2, 2, 3, 3, 3", continuous_update=False)
        self.depths_text.observe(self._on_change, names="value")
        super().__init__(preset)

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

    def lab_name(self, state: dict[str, Any]) -> str:
        return vgg_name(state)
