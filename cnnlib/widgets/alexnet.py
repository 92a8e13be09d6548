"""AlexNet explorer: where do AlexNet's 61 million parameters live?

AlexNet 탐색기: 6천만 개의 파라미터는 어디에 있을까요? 합성곱 층은 계산의 대부분을, 완전 연결 층은
파라미터의 대부분(약 94 %)을 차지합니다.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from cnnlib import atlas, i18n, plots
from cnnlib.numbers import AlexNetNumbers
from cnnlib.widgets.base import Explorer, headline, scale_knobs
from cnnlib.widgets.presets import Knob

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["AlexNetExplorer"]

KNOBS: tuple[Knob, ...] = (
    Knob(
        "variant",
        "widget.variant",
        "paper",
        choices=("paper", "torchvision"),
        option_labels=(("paper", "widget.variant.paper"),),
    ),
    Knob("act", "widget.activation", "relu", choices=("relu", "tanh")),
    Knob("lrn", "widget.lrn", True),
    Knob("dropout", "widget.dropout", 0.5, choices=tuple(i / 10 for i in range(10))),
    Knob("fc", "widget.fc", 4096, choices=(64, 128, 256, 512, 1024, 2048, 4096)),
    Knob(  # training data only: what Train (and the atlas) augment the lab images with
        "augment",
        "widget.augment",
        "none",
        choices=atlas.AUGMENTATIONS,
        option_labels=tuple((a, f"widget.augment.{a}") for a in atlas.AUGMENTATIONS),
    ),
    *scale_knobs(width=0.125),
)


class AlexNetExplorer(Explorer):
    """AlexNet explorer: variant, activation, LRN, dropout, FC width → per-layer table and chart.

    AlexNet 탐색기: 변형·활성화 함수·LRN·드롭아웃·완전 연결 층 너비를 바꾸면 층별 파라미터 표(계산식
    포함)와 합성곱 대 완전 연결 층의 파라미터 막대그래프가 바로 바뀝니다.

    >>> AlexNetExplorer()                                     # shows the widget in a notebook
    >>> AlexNetExplorer(preset="alexnet:fc=1024,scale=lab")   # start from a shared preset
    """

    family = "alexnet"
    atlas_family = "alexnet"
    title = "widget.alexnet.title"
    knobs = KNOBS

    def render_summary(self, numbers: AlexNetNumbers) -> str:
        total = numbers.total_params
        parts = [
            f"<span style='color:{plots.COLORS.get(kind, plots.COLORS['other'])[1]}'>■</span> "
            f"{html.escape(i18n.t('kind.' + kind))} {n:,} ({n / total:.1%})"
            for kind, n in numbers.by_kind.items()
        ]
        return headline(numbers, f"<div>{' · '.join(parts)}</div>")

    def render_details(self, numbers: AlexNetNumbers) -> str:
        return f"<div style='max-height:420px;overflow:auto'>{numbers.table._repr_html_()}</div>"

    def chart_key(self, numbers: AlexNetNumbers) -> Any:
        return tuple((row.name, row.params) for row in numbers.table.rows)

    def chart(self, numbers: AlexNetNumbers) -> Figure:
        return plots.param_bars(numbers.table, by="layer")

    def lab_name(self, state: dict[str, Any]) -> str:
        return f"AlexNet ({state['variant']})"
