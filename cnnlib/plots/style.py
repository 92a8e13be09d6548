"""What every figure shares: the lesson text sizes, one colour per kind of layer, fonts, new figures."""

from __future__ import annotations

import functools
from typing import Any

from matplotlib import rcParams
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from cnnlib._fonts import FONT_FAMILY, register_korean_font

# One colour per kind of layer, shared by every picture: (fill, edge).
COLORS: dict[str, tuple[str, str]] = {
    "conv": ("#dce9f7", "#3a73b8"),
    "pool": ("#fde8cc", "#d9822b"),
    "norm": ("#e9e1f5", "#7b5aa6"),
    "fc": ("#f9d9d6", "#c2443a"),
    "other": ("#ececec", "#8c8c8c"),
    "input": ("#ffffff", "#555555"),
    "concat": ("#f3f3f3", "#6b6b6b"),
}
LEGEND_KINDS = ("conv", "pool", "norm", "fc", "other")

# Every lesson figure is also projected on a 1280×720 slide (issue 12: no text under 14 px). At the
# inline backend's 100 dpi 1 pt is 1.39 px, and a slide shrinks a figure wider than 1140 px or taller
# than 500 px: 12 pt keeps the smallest text (ticks, legends) ≥ 14 px on a figure up to ~13 inches
# wide, and 13 pt titles and labels read well in the notebook too. Figures use named sizes
# ("small", "large") or these defaults, never fixed points, so this one setting sizes them all;
# it is applied on import, like the Korean font, so the notebooks' own figures follow it too.
# tools/legibility.py measures every slide figure; tests/test_legibility.py holds the rule.
LESSON_STYLE: dict[str, Any] = {
    "font.size": 13.0,
    "axes.titlesize": 13.0,
    "axes.labelsize": 13.0,
    "xtick.labelsize": 12.0,
    "ytick.labelsize": 12.0,
    "legend.fontsize": 12.0,
    "figure.titlesize": 13.0,
}
rcParams.update(LESSON_STYLE)


def new_figure(figsize: tuple[float, float]) -> Figure:
    """A matplotlib Figure outside pyplot: thread-safe, shown only where it is displayed, Hangul-ready."""
    register_korean_font()
    return Figure(figsize=figsize, layout="constrained")


def figure_and_axes(ax: Any, size: tuple[float, float]) -> tuple[Figure, Any]:
    """``ax`` and its figure, or a new figure of ``size`` inches with one axes."""
    if ax is not None:
        register_korean_font()
        return ax.figure, ax
    fig = new_figure(size)
    return fig, fig.add_subplot()


def has_hangul(text: str) -> bool:
    return any("가" <= ch <= "힣" for ch in text)


def font(size: float, bold: bool = False, text: str = "") -> FontProperties:
    """The labels' font; bold only for ``text`` without Hangul.

    NanumGothic ships a regular weight only: asking it for bold makes matplotlib log
    "findfont: Failed to find font weight bold", which would be noise in every notebook.
    """
    if not bold or has_hangul(text):
        return FontProperties(size=size)
    families = [f for f in rcParams["font.family"] if f != FONT_FAMILY] or ["sans-serif"]
    return FontProperties(family=families, size=size, weight="bold")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points, as matplotlib will draw it (Hangul fallback included)."""
    return _measure(text, size, bold, tuple(rcParams["font.family"])) if text else 0.0


@functools.lru_cache(maxsize=4096)  # ~0.5 ms a label; a diagram measures ~100 (diagram_speed.md)
def _measure(text: str, size: float, bold: bool, families: tuple[str, ...]) -> float:
    return RendererAgg(1, 1, 72).get_text_width_height_descent(text, font(size, bold, text), ismath=False)[0]
