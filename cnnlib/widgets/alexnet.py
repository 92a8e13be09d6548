"""AlexNet explorer: where do AlexNet's 61 million parameters live?

Convolutions do most of the computing, the fully connected layers hold most (~94 %) of the parameters.
"""

from __future__ import annotations

from typing import Any

from cnnlib import atlas, display
from cnnlib.numbers import DEFAULTS
from cnnlib.widgets.base import Explorer, common_knobs
from cnnlib.widgets.presets import Knob

__all__ = ["AlexNetExplorer"]

D = DEFAULTS["alexnet"]
KNOBS: tuple[Knob, ...] = (
    Knob("variant", "widget.variant", D["variant"], choices=("paper", "torchvision")),
    Knob("act", "widget.activation", D["act"], choices=("relu", "tanh")),
    Knob("lrn", "widget.lrn", D["lrn"]),
    Knob("dropout", "widget.dropout", D["dropout"], choices=tuple(i / 10 for i in range(10))),
    Knob("fc", "widget.fc", D["fc"], choices=(64, 128, 256, 512, 1024, 2048, 4096)),
    # training data only: what Train (and the atlas) augment the lab images with
    Knob("augment", "widget.augment", atlas.LAB_KNOBS["alexnet"]["augment"], choices=atlas.AUGMENTATIONS),
    *common_knobs("alexnet"),
)


class AlexNetExplorer(Explorer):
    """AlexNet explorer: variant, activation, LRN, dropout, FC width → per-layer table and chart.

    >>> AlexNetExplorer()                                     # shows the widget in a notebook
    >>> AlexNetExplorer(preset="alexnet:fc=1024,scale=lab")   # start from a shared preset
    """

    family = "alexnet"
    knobs = KNOBS
    summary = staticmethod(display.alexnet_summary)
    chart = "layer"

    def lab_name(self, state: dict[str, Any]) -> str:
        return f"AlexNet ({state['variant']})"
