"""The bundled Korean font: shipped with its licence, registered once, renders Hangul without warnings."""

from __future__ import annotations

import warnings
from importlib import resources
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure

from cnnlib._fonts import FONT_FAMILY, FONT_FILE, LICENSE_FILE, font_path, register_korean_font

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
BILINGUAL = "합성곱 층 · convolution layer: 3×3 커널, 학습률 −0.01"


@pytest.fixture(autouse=True)
def _restore_rcparams():
    """register_korean_font() changes global rcParams; give each test a clean copy."""
    with matplotlib.rc_context():
        yield


def _render(path: Path, title: str) -> None:
    fig = Figure(figsize=(6, 3), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.plot([-2, -1, 0, 1, 2], [4, 1, 0, 1, 4])
    ax.set_title(title)
    ax.set_xlabel("입력 x (input)")
    ax.set_ylabel("출력 y = x² (output)")
    fig.savefig(path)


def test_font_and_licence_ship_inside_the_package():
    fonts = resources.files("cnnlib") / "fonts"
    ttf = fonts / FONT_FILE
    assert ttf.is_file()
    assert ttf.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType magic number
    licence = (fonts / LICENSE_FILE).read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence
    assert "Version 1.1" in licence


def test_registration_is_idempotent():
    def entries() -> int:
        return sum(Path(e.fname) == font_path() for e in font_manager.fontManager.ttflist)

    assert register_korean_font() == FONT_FAMILY
    once = (entries(), list(matplotlib.rcParams["font.family"]))
    assert register_korean_font() == FONT_FAMILY
    assert (entries(), list(matplotlib.rcParams["font.family"])) == once
    assert once[0] >= 1
    assert once[1].count(FONT_FAMILY) == 1


def test_default_font_stays_first_and_nanum_is_the_fallback():
    register_korean_font()
    families = list(matplotlib.rcParams["font.family"])
    assert families[-1] == FONT_FAMILY
    assert families[0] != FONT_FAMILY
    found = font_manager.findfont(FONT_FAMILY, fallback_to_default=False)
    assert Path(found).name == FONT_FILE  # ours, or an identical copy installed system-wide


def test_without_fallback_hangul_is_missing(tmp_path):
    """Control: the default font alone has no Hangul, so the test below is meaningful."""
    matplotlib.rcParams["font.family"] = ["DejaVu Sans"]
    with pytest.warns(UserWarning, match="missing from font"):
        _render(tmp_path / "boxes.png", BILINGUAL)


def test_bilingual_figure_renders_without_warnings():
    register_korean_font()
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / "fonts.png"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _render(out, BILINGUAL)
    assert out.stat().st_size > 0
