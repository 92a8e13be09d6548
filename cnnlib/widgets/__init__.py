"""Explorer widgets, one per lecture: change a knob, see the numbers at once; press Train to train.

강의마다 하나씩 있는 탐색기 위젯입니다. 설정을 바꾸면 숫자가 바로 바뀌고, '학습'을 누르면 실습
규모 모델을 학습합니다.

    from cnnlib.widgets import ResNetExplorer
    ResNetExplorer()                                   # alone in a cell: shows the explorer
    ResNetExplorer(preset="resnet:depth=56,skip=0")    # or start from a shared preset

Every explorer is controls, layout and event wiring over pure functions that notebooks and
tests call directly: the numbers of :mod:`cnnlib.numbers` (``numbers("vgg", config="D")``,
``receptive_fields``, ...), the figures of :mod:`cnnlib.plots` and
:func:`cnnlib.gradients.layer_gradient_norms`.
"""

from cnnlib.numbers import Numbers
from cnnlib.numbers import receptive_fields as receptive_fields  # notebook 02 once imported it from here
from cnnlib.widgets.alexnet import AlexNetExplorer
from cnnlib.widgets.base import Explorer, Run, lab_data
from cnnlib.widgets.inception import InceptionExplorer
from cnnlib.widgets.presets import Knob, format_preset, parse_depths, parse_preset
from cnnlib.widgets.resnet import ResNetExplorer
from cnnlib.widgets.vgg import VGGExplorer

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
    "format_preset",
    "lab_data",
    "parse_depths",
    "parse_preset",
    "receptive_fields",
]
