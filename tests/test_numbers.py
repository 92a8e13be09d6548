"""Tests for cnnlib.numbers' entry point: pure, cached, its knobs the explorers' controls.

The numbers themselves (stage tables, receptive fields, MAC formulas, GoogLeNet totals) are
checked against count.table in tests/test_widgets.py, through the explorers that show them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from cnnlib import ConfigError, count
from cnnlib import numbers as lecture
from cnnlib.models import resnet
from cnnlib.widgets import EXPLORERS


def test_numbers_are_counted_once_then_cached_without_their_model():
    lecture.clear_cache()
    first = lecture.numbers("resnet", depth=32)
    assert first.model is not None  # a first count comes with its meta model (for the diagram)
    assert first.total_params == count.params(resnet(32, "cifar", device="meta"))
    again = lecture.numbers("resnet", depth=32, variant="cifar", budget="seconds", seconds=3)
    assert again.model is None and again == first  # training knobs and defaults: the same setting


def test_the_width_counts_only_at_lab_scale():
    assert lecture.setting("vgg", width=0.5) == lecture.setting("vgg", width=0.25)
    assert lecture.setting("vgg", scale="lab", width=0.5) != lecture.setting("vgg", scale="lab", width=0.25)


def test_every_counted_knob_has_a_control_and_every_control_is_counted_or_trains():
    for family, cls in EXPLORERS.items():
        state = cls.default_state()
        assert set(state) - set(lecture.TRAINING_ONLY) == set(lecture.DEFAULTS[family])
        assert lecture.numbers(family, **state) == lecture.numbers(
            family
        )  # the explorer starts at the default


@pytest.mark.parametrize("family, knobs", [("lenet", {}), ("resnet", {"dept": 56})])
def test_unknown_family_or_knob_is_a_config_error(family, knobs):
    with pytest.raises(ConfigError):
        lecture.numbers(family, **knobs)


def test_importing_the_numbers_imports_no_widgets():
    """The numbers and their HTML sit below the widgets: scripts and notebooks use them without ipywidgets."""
    modules = "sorted(m for m in sys.modules if 'widgets' in m)"
    code = f"import sys, cnnlib.numbers, cnnlib.display; print({modules})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
