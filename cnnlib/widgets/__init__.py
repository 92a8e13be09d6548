"""Explorer widgets, one per lecture: change a knob, see the numbers at once; press Train to train.

    from cnnlib.widgets import ResNetExplorer
    ResNetExplorer()                                   # alone in a cell: shows the explorer
    ResNetExplorer(preset="resnet:depth=56,skip=0")    # or start from a shared preset

Every explorer is controls, layout and event wiring over pure functions that notebooks and
tests call directly: the numbers of :mod:`cnnlib.numbers` (``numbers("vgg", config="D")``,
``receptive_fields``, ...), their HTML in :mod:`cnnlib.display`, the figures of
:mod:`cnnlib.plots` and :func:`cnnlib.gradients.layer_gradient_norms`.
"""

from cnnlib.numbers import Numbers
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
]
