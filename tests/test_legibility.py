"""Figures legible on a projector: no text of a slide figure under 14 px at 1280×720 (issue 12).

프로젝터로 비춰도 읽히는 그림: 1280×720 슬라이드에서 14픽셀보다 작은 글자가 없습니다.

Each figure is built as its notebook builds it and measured by tools/legibility.py (font size ×
the inline backend's dpi / 72 × the slide's shrink factor from its CSS caps).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import cnnlib
from cnnlib import plots

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("legibility", ROOT / "tools" / "legibility.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["legibility"] = module  # its dataclass looks its module up while being defined
    spec.loader.exec_module(module)
    return module


legibility = _tool()
FIGURES = legibility.figures()


@pytest.fixture(autouse=True)
def _language():
    cnnlib.set_language("both")  # the longest labels: both languages side by side
    yield
    cnnlib.set_language("both")


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_slide_figure_text_is_at_least_14_px(name: str) -> None:
    m = legibility.measure(name, FIGURES[name]())
    assert m.px >= legibility.MIN_PX, f"{name}: {m.text!r} is {m.px:.1f} px on the slide"


def test_slide_scale_follows_the_css_caps() -> None:
    assert legibility.slide_scale(700, 400) == 1.0  # fits: shown at its own size
    assert legibility.slide_scale(800, 1000) == pytest.approx(0.5)  # max-height: 500px
    assert legibility.slide_scale(2280, 300) == pytest.approx(0.5)  # max-width of the output area


def test_the_style_names_every_size_the_figures_use() -> None:
    """One setting sizes the text: no lesson figure falls back to matplotlib's 10-point default."""
    assert plots.LESSON_STYLE["font.size"] >= 12
    assert min(v for v in plots.LESSON_STYLE.values() if isinstance(v, float)) >= 12


FULL_DIAGRAMS = {  # too wide for a legible slide: notebook only; the slide shows a part (see the tool)
    "03_googlenet": 'plots.diagram(googlenet(device="meta"))',
    "04_resnet": 'plots.diagram(resnet(20, "cifar", skip=True, device="meta"))',
}


@pytest.mark.parametrize("name", sorted(FULL_DIAGRAMS))
def test_full_paper_scale_diagrams_stay_off_the_slides(name: str) -> None:
    """The tool measures the partial views only because the full diagrams' cells are ``slide=skip``."""
    spec = importlib.util.spec_from_file_location("nbtool", ROOT / "tools" / "notebooks.py")
    nbtool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(nbtool)
    cells = nbtool.parse_marked((ROOT / "notebooks" / "src" / f"{name}.py").read_text(encoding="utf-8"))
    full = [FULL_DIAGRAMS[name]] + (
        ['plots.diagram(resnet(50, device="meta"))'] if name == "04_resnet" else []
    )
    for call in full:
        marks = [mark for kind, text, mark in cells if kind == "code" and text.strip() == call]
        assert marks == ["skip"], f"{name}: {call} should be one cell marked slide=skip, found {marks}"
