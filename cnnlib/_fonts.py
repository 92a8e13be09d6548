"""Make matplotlib draw Korean text with the bundled NanumGothic font.

번들로 함께 배포하는 나눔고딕 글꼴을 matplotlib에 등록해 한글이 네모(□)로 깨지지 않게 합니다.

Colab and most Linux machines have no Korean font, so cnnlib ships ``fonts/NanumGothic.ttf``
(SIL Open Font License 1.1, see ``fonts/OFL-NanumGothic.txt``).

How the fallback works: since matplotlib 3.6, ``rcParams["font.family"]`` may list several
families and each glyph is taken from the first family that has it. We *append* NanumGothic,
so with the default ``["sans-serif"]`` the list becomes ``["sans-serif", "NanumGothic"]``:
Latin letters, digits and the minus sign "−" still come from DejaVu Sans (so
``axes.unicode_minus`` can stay at its default ``True``), and only Hangul falls back to
NanumGothic. Putting NanumGothic into ``font.sans-serif`` instead would *not* work: a generic
family resolves to a single font, so Hangul would be missing ("Glyph ... missing" warnings).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

FONT_FAMILY = "NanumGothic"
FONT_FILE = "NanumGothic.ttf"
LICENSE_FILE = "OFL-NanumGothic.txt"


def font_path() -> Path:
    """Path of the bundled NanumGothic TTF file. 번들 나눔고딕 TTF 파일 경로."""
    return Path(str(resources.files("cnnlib") / "fonts" / FONT_FILE))


def register_korean_font() -> str:
    """Register the bundled Korean font with matplotlib as a per-glyph fallback; return its family.

    번들 한글 글꼴을 matplotlib에 (글자 단위 대체 글꼴로) 등록하고 글꼴 이름을 돌려줍니다.
    Calling it again changes nothing (idempotent). 여러 번 불러도 결과는 같습니다.
    """
    from matplotlib import font_manager, rcParams

    path = font_path()
    manager = font_manager.fontManager
    if not any(Path(entry.fname) == path for entry in manager.ttflist):
        manager.addfont(path)

    families = list(rcParams["font.family"])
    if FONT_FAMILY not in families:
        rcParams["font.family"] = [*families, FONT_FAMILY]
    return FONT_FAMILY
