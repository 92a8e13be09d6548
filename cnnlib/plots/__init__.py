"""Pictures for the lectures: block diagrams, receptive fields, feature maps, parameter bars, curves.

- :func:`diagram` draws a network as boxes (one per layer or block) from its count table and its
  meta-device trace; :func:`diagram_spec` returns the same structure without drawing it.
- :func:`receptive_field` shows why VGG stacks 3×3 convolutions.
- :func:`feature_maps` and :func:`filters` show what one layer makes of a photo, and its filters.
- :func:`param_bars` shows where the parameters are (AlexNet's and VGG's are in the FC layers).
- :func:`samples` shows the images of a dataset, a row per class.
- :func:`signal_profile` shows the forward signal and the backward gradient layer by layer.
- :func:`training_curves` is the one drawer of loss and accuracy against steps (trainer,
  explorers and notebooks); :func:`seed_accuracy` and :func:`depth_accuracy` show seeds' spread.

Every function returns a :class:`matplotlib.figure.Figure` made without pyplot, so a notebook
shows it exactly once and no global pyplot state is left behind; an explorer turns it into PNG
with matplotlib's own ``savefig``. Labels follow :func:`cnnlib.set_language`; the notation inside
boxes ("conv 3×3 · 64", "fc · 4096") is the papers' own, and shapes are written as PyTorch and
the count table write them: C×H×W.
"""

from cnnlib.plots.lessons import (
    bars,
    feature_maps,
    filters,
    gradient_profile,
    param_bars,
    receptive_field,
    samples,
    signal_profile,
)
from cnnlib.plots.painter import diagram
from cnnlib.plots.runs import (
    atlas_band,
    curves,
    depth_accuracy,
    params_accuracy,
    seed_accuracy,
    seed_strip_svg,
    training_curves,
)
from cnnlib.plots.structure import Arc, Box, DiagramSpec, diagram_spec
from cnnlib.plots.style import COLORS, LESSON_STYLE, new_figure

__all__ = [
    "COLORS",
    "LESSON_STYLE",
    "Arc",
    "Box",
    "DiagramSpec",
    "atlas_band",
    "bars",
    "curves",
    "depth_accuracy",
    "diagram",
    "diagram_spec",
    "feature_maps",
    "filters",
    "gradient_profile",
    "new_figure",
    "param_bars",
    "params_accuracy",
    "receptive_field",
    "samples",
    "seed_accuracy",
    "seed_strip_svg",
    "signal_profile",
    "training_curves",
]
