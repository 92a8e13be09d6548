"""Inception explorer: what do the 1×1 reductions save?

Change the channel numbers of one inception module and read each branch's parameters and MACs with
their formulas; switch the 1×1 reductions off to see how much the module and the whole GoogLeNet grow.
"""

from __future__ import annotations

from typing import Any

from cnnlib import display
from cnnlib.numbers import DEFAULTS
from cnnlib.widgets.base import Explorer, common_knobs
from cnnlib.widgets.presets import Knob

__all__ = ["InceptionExplorer"]

D = DEFAULTS["inception"]
LABELS = {"in": "in_channels", "1x1": "ch1x1", "3x3r": "ch3x3red", "3x3": "ch3x3", "5x5r": "ch5x5red"}
LABELS |= {"5x5": "ch5x5", "pool": "pool_proj"}
KNOBS: tuple[Knob, ...] = (
    # Sliders start at 0 so that a student can see the builder refuse an empty branch.
    *(
        Knob(key, f"widget.{label}", D[key], low=0, high=1024 if key == "in" else 512, step=8)
        for key, label in LABELS.items()
    ),
    Knob("reduce", "widget.reduce", D["reduce"]),
    Knob("variant", "widget.variant", D["variant"], choices=("paper", "torchvision")),
    *common_knobs("inception"),
)


class InceptionExplorer(Explorer):
    """Inception explorer: the six channel numbers of one module, in_channels and the reductions.

    >>> InceptionExplorer(preset="inception:in=480,1x1=192,3x3r=96,3x3=208,5x5r=16,5x5=48,pool=64")
    """

    family = "inception"
    atlas_family = "googlenet"
    knobs = KNOBS
    summary = staticmethod(display.inception_summary)
    details = staticmethod(display.inception_branches)
    extra = staticmethod(display.whole_googlenet)

    def lab_name(self, state: dict[str, Any]) -> str:
        return f"GoogLeNet ({state['variant']}, {'reduce' if state['reduce'] else 'no reduce'})"
