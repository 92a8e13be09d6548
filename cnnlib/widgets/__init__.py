"""Explorer widgets, one per lecture: change a knob, see the numbers at once; press Train to train.

강의마다 하나씩 있는 탐색기 위젯입니다. 설정을 바꾸면 숫자가 바로 바뀌고, '학습'을 누르면 실습
규모 모델을 학습합니다.

    from cnnlib.widgets import ResNetExplorer
    ResNetExplorer()                                   # alone in a cell: shows the explorer
    ResNetExplorer(preset="resnet:depth=56,skip=0")    # or start from a shared preset

Every explorer is a thin layer over pure functions (``alexnet_numbers``, ``vgg_numbers``,
``inception_numbers``, ``resnet_numbers``, ``receptive_fields``, and
:func:`cnnlib.gradients.layer_gradient_norms`) that notebooks and tests can call directly.
"""

from cnnlib.widgets.alexnet import AlexNetExplorer, alexnet_numbers
from cnnlib.widgets.base import Explorer, Numbers, Run, lab_data
from cnnlib.widgets.inception import InceptionExplorer, googlenet_totals, inception_numbers, mac_formula
from cnnlib.widgets.presets import Knob, format_preset, parse_preset
from cnnlib.widgets.resnet import ResNetExplorer, resnet_numbers
from cnnlib.widgets.vgg import VGGExplorer, parse_depths, receptive_fields, vgg_numbers

EXPLORERS: dict[str, type[Explorer]] = {
    cls.family: cls for cls in (AlexNetExplorer, VGGExplorer, InceptionExplorer, ResNetExplorer)
}

__all__ = [
    "EXPLORERS",
    "AlexNetExplorer",
    "Explorer",
    "InceptionExplorer",
    "Knob",
    "Numbers",
    "ResNetExplorer",
    "Run",
    "VGGExplorer",
    "alexnet_numbers",
    "format_preset",
    "googlenet_totals",
    "inception_numbers",
    "lab_data",
    "mac_formula",
    "parse_depths",
    "parse_preset",
    "receptive_fields",
    "resnet_numbers",
    "vgg_numbers",
]
