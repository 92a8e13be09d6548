"""ResNet explorer: a residual network and its plain twin, counted and trained side by side.

A deep plain network gets worse in *training* error first (degradation); with shortcuts it does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import torch

from cnnlib import atlas, display, i18n, plots
from cnnlib.gradients import layer_gradient_norms
from cnnlib.numbers import DEFAULTS, resnet_name
from cnnlib.widgets.base import Explorer, common_knobs
from cnnlib.widgets.presets import Knob
from cnnlib.widgets.training import SEED

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from cnnlib.data import ImageDataset
    from cnnlib.train import History

__all__ = ["ResNetExplorer"]

# The depths of the paper: ImageNet 18–152 (Table 1), CIFAR 6n+2 (§4.2). Not every depth fits
# every variant and block: the explorer shows the builder's explanation when one does not.
DEPTHS = (8, 14, 18, 20, 32, 34, 44, 50, 56, 101, 110, 152)
GRADIENT_BATCH = 128  # images in the batch whose gradients are compared (fit's batch size)
D = DEFAULTS["resnet"]
KNOBS: tuple[Knob, ...] = (
    Knob("depth", "widget.depth", D["depth"], choices=DEPTHS),
    Knob("variant", "widget.variant", D["variant"], choices=("imagenet", "cifar")),
    Knob("skip", "widget.skip", D["skip"]),
    Knob("block", "widget.block", D["block"], choices=("auto", "basic", "bottleneck")),
    Knob("shortcut", "widget.shortcut", D["shortcut"], choices=("auto", "A", "B", "C")),
    *common_knobs("resnet"),
)


class ResNetExplorer(Explorer):
    """ResNet explorer: depth, skip on/off, block, shortcut A/B/C, variant → parameters; Train
    trains the plain and the residual twin and compares their curves and gradient norms.

    >>> ResNetExplorer(preset="resnet:depth=56,variant=cifar,scale=lab")
    """

    family = "resnet"
    knobs = KNOBS
    summary = staticmethod(display.resnet_summary)
    details = staticmethod(display.resnet_stages)

    def __init__(self, preset: str | None = None) -> None:
        self.gradients: list[tuple[str, list[tuple[str, float]]]] = []  # (model name, per-layer norms)
        super().__init__(preset)

    def lab_cells(self, state: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        return [(f"{resnet_name(state, skip)} lab", state | {"skip": skip}) for skip in (False, True)]

    def before_training(self, cells: list[tuple[str, dict[str, Any]]], train: ImageDataset) -> None:
        # The gradient profile at initialisation: one batch, one backward pass per twin.
        images, labels = train.get_batch(torch.arange(GRADIENT_BATCH))
        self.gradients = []
        for name, knobs in cells:
            torch.manual_seed(SEED)  # the initial weights the training run starts from
            self.gradients.append(
                (name, layer_gradient_norms(atlas.lab_model("resnet", knobs), images, labels))
            )
        self._show_curves([])

    def curves(self, histories: list[History]) -> Figure:
        figure = plots.new_figure((13, 3.4))
        loss_ax, acc_ax, grad_ax = figure.subplots(1, 3)
        plots.training_curves(histories, ax=(loss_ax, acc_ax), bands=[atlas.cell_of(h) for h in histories])
        if self.gradients:
            plots.gradient_profile(dict(self.gradients), ax=grad_ax)
            grad_ax.set_title(i18n.t("widget.grad.title", sep="\n"), fontsize="medium")
        return figure
