"""ResNet explorer: a residual network and its plain twin, counted and trained side by side.

ResNet 탐색기: 잔차 망과 지름길이 없는 평범한(plain) 쌍둥이를 세고, 함께 학습하고, 층별 기울기
크기를 비교합니다. 깊은 평범한 망은 *학습* 오차부터 나빠집니다(성능 저하, degradation).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import torch

from cnnlib import atlas, i18n, plots
from cnnlib.gradients import layer_gradient_norms
from cnnlib.numbers import ResNetNumbers, resnet_name
from cnnlib.widgets.base import SEED, Explorer, headline, scale_knobs
from cnnlib.widgets.presets import Knob

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from cnnlib.data import ImageDataset
    from cnnlib.train import History

__all__ = ["ResNetExplorer"]

# The depths of the paper: ImageNet 18–152 (Table 1), CIFAR 6n+2 (§4.2). Not every depth fits
# every variant and block: the explorer shows the builder's explanation when one does not.
DEPTHS = (8, 14, 18, 20, 32, 34, 44, 50, 56, 101, 110, 152)
GRADIENT_BATCH = 128  # images in the batch whose gradients are compared (fit's batch size)

KNOBS: tuple[Knob, ...] = (
    Knob("depth", "widget.depth", 20, choices=DEPTHS),
    Knob(
        "variant",
        "widget.resnet.variant",
        "cifar",
        choices=("imagenet", "cifar"),
        option_labels=(("imagenet", "widget.resnet.imagenet"), ("cifar", "widget.resnet.cifar")),
    ),
    Knob("skip", "widget.skip", True),
    Knob(
        "block",
        "widget.block",
        "auto",
        choices=("auto", "basic", "bottleneck"),
        option_labels=(
            ("auto", "widget.block.auto"),
            ("basic", "widget.block.basic"),
            ("bottleneck", "widget.block.bottleneck"),
        ),
    ),
    Knob(
        "shortcut",
        "widget.shortcut",
        "auto",
        choices=("auto", "A", "B", "C"),
        option_labels=(
            ("auto", "widget.shortcut.auto"),
            ("A", "widget.shortcut.A"),
            ("B", "widget.shortcut.B"),
            ("C", "widget.shortcut.C"),
        ),
    ),
    *scale_knobs(width=0.25),
)


class ResNetExplorer(Explorer):
    """ResNet explorer: depth, skip on/off, block, shortcut A/B/C, variant → parameters; Train
    trains the plain and the residual twin and compares their curves and gradient norms.

    ResNet 탐색기: 깊이·지름길 연결·블록·지름길 종류·변형을 바꾸면 파라미터가 바로 바뀌고, '학습'을
    누르면 평범한 망과 잔차 망(같은 설정, 지름길만 다름)을 차례로 학습해 학습 곡선과 층별 기울기
    크기를 나란히 보여 줍니다.

    >>> ResNetExplorer(preset="resnet:depth=56,variant=cifar,scale=lab")
    """

    family = "resnet"
    atlas_family = "resnet"
    title = "widget.resnet.title"
    lab_note = "widget.resnet.lab_note"
    knobs = KNOBS

    def __init__(self, preset: str | None = None) -> None:
        self.gradients: list[tuple[str, list[tuple[str, float]]]] = []  # (model name, per-layer norms)
        super().__init__(preset)

    def render_summary(self, numbers: ResNetNumbers) -> str:
        if numbers.skip:
            share = numbers.shortcut_params / numbers.total_params
            note = i18n.t(
                "widget.resnet.shortcut_params", n=f"{numbers.shortcut_params:,}", share=f"{share:.2%}"
            )
        else:
            note = i18n.t("widget.resnet.plain")
        block = i18n.t(f"widget.block.{numbers.block}")
        return headline(numbers, f"<div>{html.escape(block)} · {html.escape(note)}</div>")

    def render_details(self, numbers: ResNetNumbers) -> str:
        keys = ("stage", "blocks", "output", "params", "share", "macs")
        head = "".join(f"<th>{html.escape(i18n.t('widget.col.' + k, sep=' / '))}</th>" for k in keys)
        body = []
        for stage in numbers.stages:
            cells = [
                {"stem": i18n.t("widget.resnet.stem"), "fc": i18n.t("kind.fc")}.get(stage.label, stage.label),
                str(stage.blocks) if stage.blocks else "",
                "×".join(map(str, stage.output)) if stage.output else "",
                f"{stage.params:,}",
                f"{stage.params / numbers.total_params:.1%}",
                f"{stage.macs:,}",
            ]
            body.append("<tr>" + "".join(f"<td align='right'>{html.escape(c)}</td>" for c in cells) + "</tr>")
        foot = (
            f"<tr><th>{html.escape(i18n.t('table.total'))}</th><td></td><td></td>"
            f"<th align='right'>{numbers.total_params:,}</th><td></td>"
            f"<th align='right'>{numbers.total_macs:,}</th></tr>"
        )
        note = html.escape(i18n.t("table.flops_note"))
        layers = html.escape(i18n.t("widget.per_layer"))
        return (
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}{foot}</tbody></table>"
            f"<small>{note}</small>"
            f"<details><summary>{layers}</summary>{numbers.table._repr_html_()}</details>"
        )

    def chart_key(self, numbers: ResNetNumbers) -> Any:
        return None  # the pictures of this lecture come from training

    # -- training: the plain and the residual twin

    def lab_cells(self, state: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        return [(f"{resnet_name(state, skip)} lab", state | {"skip": skip}) for skip in (False, True)]

    def before_training(self, cells: list[tuple[str, dict[str, Any]]], train: ImageDataset) -> None:
        # The gradient profile at initialisation: one batch, one backward pass per twin.
        images, labels = train.get_batch(torch.arange(GRADIENT_BATCH))
        self.gradients = []
        for name, knobs in cells:
            torch.manual_seed(SEED)  # the initial weights the training run starts from
            model = atlas.lab_model(self.atlas_family, knobs)
            self.gradients.append((name, layer_gradient_norms(model, images, labels)))
        self._show_curves([])

    def curves(self, histories: list[History]) -> Figure:
        figure = plots.new_figure((13, 3.4))
        loss_ax, acc_ax, grad_ax = figure.subplots(1, 3)
        plots.training_curves(histories, ax=(loss_ax, acc_ax), bands=[atlas.cell_of(h) for h in histories])
        for i, (name, norms) in enumerate(self.gradients):
            grad_ax.semilogy(
                range(1, len(norms) + 1), [n for _, n in norms], "o-", ms=2.5, color=f"C{i}", label=name
            )
        grad_ax.set_title(i18n.t("widget.grad.title", sep="\n"), fontsize="medium")
        grad_ax.set_xlabel(i18n.t("widget.grad.layer", sep="\n"))
        grad_ax.set_ylabel(i18n.t("widget.grad.norm", sep="\n"))
        grad_ax.grid(alpha=0.3, which="both")
        if grad_ax.lines:
            grad_ax.legend(fontsize="x-small")
        return figure
