"""Every user-visible string of cnnlib, in Korean and English, in one place.

cnnlib이 화면에 보여 주는 모든 문장을 한국어와 영어로 한곳에 모아 둡니다.

``set_language("ko" | "en" | "both")`` chooses what labels, tables and plots show
(default ``"both"``). Error messages always carry both languages, because a student
may paste them into a search engine or ask a classmate who reads the other one.

The texts themselves are plain data, one catalog per area, so a translator finds a message
by where it appears: ``messages.py`` (errors and status lines), ``teaching.py`` (lessons,
tables, figures, exercises) and ``explorers.py`` (the widgets). This module holds what
chooses and fills them: the language setting, Korean particles, labels.
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import Any, Literal

from cnnlib.i18n import explorers, messages, teaching  # catalogs: plain data, import nothing

Language = Literal["ko", "en", "both"]
LANGUAGES: tuple[str, ...] = ("ko", "en", "both")

_language: Language = "both"


def set_language(language: Language) -> None:
    """Choose the language of labels, tables and plots: ``"ko"``, ``"en"`` or ``"both"``.

    라벨·표·그림의 언어를 고릅니다: ``"ko"``(한국어), ``"en"``(영어), ``"both"``(둘 다, 기본값).

    Students call :func:`cnnlib.set_language`, which refuses any other value with a
    :class:`cnnlib.ConfigError`. This module sits below ``cnnlib.errors`` (which builds its messages
    from the sentences here), so a bad value here is a ``ValueError`` with the same two sentences.
    """
    global _language
    if language not in LANGUAGES:
        allowed = ", ".join(repr(x) for x in LANGUAGES)
        sentences = (error_sentence(lang, "language", language, allowed, "") for lang in ("ko", "en"))
        raise ValueError("\n".join(sentences))
    _language = language


def get_language() -> Language:
    """The current language setting. 현재 언어 설정."""
    return _language


def pick(ko: str, en: str, sep: str = " · ") -> str:
    """Return ``ko``, ``en`` or both joined by ``sep``, following the language setting."""
    if _language == "ko":
        return ko
    if _language == "en":
        return en
    return ko if ko == en else f"{ko}{sep}{en}"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Hangul and other wide characters take two.

    터미널에서 차지하는 칸 수입니다. 한글처럼 넓은 글자는 두 칸을 차지하므로, 표의 열을 맞출 때 씁니다.
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# --------------------------------------------------------------------------- Korean particles
#
# A Korean particle depends on the sound that ends the word before it: 을/를, 이/가, 은/는, 과/와,
# 으로/로. Templates write the form after a consonant and let the word choose, as ``{value|은}``
# (see ``fill``), so that no message reads "값 3은(는)". Digits and Latin letters are read the
# Korean way: 1 일, 2 이, 3 삼 … and L 엘, M 엠, N 엔, R 알 (every other letter ends in a vowel).

_PARTICLES: dict[str, tuple[str, str]] = {  # form after a final consonant, form after a vowel
    "을": ("을", "를"), "를": ("을", "를"),
    "이": ("이", "가"), "가": ("이", "가"),
    "은": ("은", "는"), "는": ("은", "는"),
    "과": ("과", "와"), "와": ("과", "와"),
    "으로": ("으로", "로"), "로": ("으로", "로"),
    "이나": ("이나", "나"), "나": ("이나", "나"),
    "이다": ("이다", "다"),
}  # fmt: skip
# 영 일 이 삼 사 오 육 칠 팔 구
_DIGIT_FINAL = dict(zip("0123456789", ["ㅇ", "ㄹ", "", "ㅁ", "", "", "ㄱ", "ㄹ", "ㄹ", ""], strict=True))
_LETTER_FINAL = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
# Python's literals are read as words, not letter by letter: None 논, True 트루, False 폴스. None is
# the value of every knob left out, so "값 None는" would be the most frequent wrong particle.
_WORD_FINAL = {"none": "ㄴ", "true": "", "false": ""}
_LAST_WORD = re.compile(r"([A-Za-z]+)[^\w]*$")
_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"  # the 27 finals, in Unicode order


def final_sound(word: str) -> str:
    """The final consonant (받침) of how ``word`` ends when read aloud in Korean, or ``""``.

    마지막 음절의 받침을 돌려줍니다. 숫자와 로마자는 한국어로 읽은 소리로 판단하고(1 → 일, L → 엘),
    끝의 따옴표·괄호 같은 기호는 건너뜁니다. 읽을 글자가 없으면 받침이 있는 것으로 봅니다("ㅇ").
    A number ending in 0 always ends in a consonant: 영, 십, 백, 천, 만.
    """
    last = _LAST_WORD.search(str(word))
    if last and last.group(1).lower() in _WORD_FINAL:
        return _WORD_FINAL[last.group(1).lower()]
    for ch in reversed(str(word)):
        if "가" <= ch <= "힣":
            final = (ord(ch) - 0xAC00) % 28
            return _FINALS[final - 1] if final else ""
        if ch.isascii() and ch.isdigit():
            return _DIGIT_FINAL[ch]
        if ch.isascii() and ch.isalpha():
            return _LETTER_FINAL.get(ch.lower(), "")
    return "ㅇ"


def josa(word: str, particle: str) -> str:
    """The form of ``particle`` that fits after ``word``: ``josa("값", "는") == "은"``.

    받침이 있으면 을·이·은·과·으로, 없으면 를·가·는·와·로를 고릅니다(ㄹ 받침 뒤에는 '로').
    ``particle`` may be either form of the pair; an unknown particle is returned unchanged.
    """
    if particle not in _PARTICLES:
        return particle
    after_consonant, after_vowel = _PARTICLES[particle]
    final = final_sound(word)
    if after_vowel == "로" and final == "ㄹ":
        return "로"
    return after_consonant if final else after_vowel


class _Formatter(string.Formatter):
    """``str.format`` plus ``{field|을}``: the field followed by the particle that fits it."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        name, bar, particle = field_name.partition("|")
        value, used = super().get_field(name, args, kwargs)
        return (_Particled(value, particle) if bar else value), used

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Particled):
            text = format(value.value, format_spec)
            return text + josa(text, value.particle)
        return super().format_field(value, format_spec)


class _Particled:
    def __init__(self, value: Any, particle: str) -> None:
        self.value, self.particle = value, particle


_FORMATTER = _Formatter()


def fill(template: str, /, **fields: Any) -> str:
    """``template.format(**fields)`` where ``{name|을}`` adds the particle that fits the value.

    ``fill("값 {value|은} 쓸 수 없습니다", value=3) == "값 3은 쓸 수 없습니다"``.
    """
    return _FORMATTER.vformat(template, (), fields)


def t(key: str, sep: str = " · ", **fields: Any) -> str:
    """Look up a UI string by key and format it in the current language.

    키로 UI 문장을 찾아 현재 언어로 만들어 돌려줍니다. A field given as a (Korean, English) pair — e.g.
    ``verdict=both("atlas.verdict.larger")`` — goes into each language's sentence in that language.
    """
    ko, en = STRINGS[key]
    ko_fields = {k: v[0] if _is_pair(v) else v for k, v in fields.items()}
    en_fields = {k: v[1] if _is_pair(v) else v for k, v in fields.items()}
    return pick(fill(ko, **ko_fields), fill(en, **en_fields), sep)


def _is_pair(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value)


def both(key: str, **fields: Any) -> tuple[str, str]:
    """The Korean and English versions of a UI string, formatted."""
    ko, en = STRINGS[key]
    return fill(ko, **fields), fill(en, **fields)


def label_pair(name: str) -> tuple[str, str]:
    """The (Korean, English) names of a lesson's setting label, e.g. ``"plain-20"`` → 플레인-20.

    실험 결과의 이름표(``Result.cells``·``Result.runs``의 키)는 코드가 찾아 쓰는 고정된 값이라 바꾸지
    않고, 보여 줄 때만 이 함수로 옮깁니다. Labels stay stable keys (code and tests look them up);
    only what is shown is translated: a known label (``STRINGS["label.<name>"]``), a known one
    followed by ``-<depth>``, a comparison ``"a − b"``, or a run ``"<label> · seed <n>"``.
    Anything else (a model name, "2 × 3×3") reads the same in both languages.
    """
    text = str(name)
    if " − " in text:
        parts = [label_pair(part) for part in text.split(" − ")]
        return " − ".join(p[0] for p in parts), " − ".join(p[1] for p in parts)
    head, seed_mark, seed = text.partition(" · seed ")
    if seed_mark:
        ko, en = label_pair(head)
        return f"{ko} · 시드 {seed}", f"{en} · seed {seed}"
    if f"label.{text}" in STRINGS:
        return STRINGS[f"label.{text}"]
    depth = re.fullmatch(r"(.+)-(\d+)", text)
    if depth and f"label.{depth.group(1).lower()}" in STRINGS:  # "plain-20", and "Plain-20" as written
        ko, en = STRINGS[f"label.{depth.group(1).lower()}"]
        en = en if f"label.{depth.group(1)}" in STRINGS else depth.group(1)
        return f"{ko}-{depth.group(2)}", f"{en}-{depth.group(2)}"
    if text.endswith(" lab"):  # an explorer's Train run: "ResNet-20 (cifar) lab" → "ResNet-20 (CIFAR) 실습"
        ko, en = label_pair(text[: -len(" lab")])
        return f"{ko} {STRINGS['label.lab'][0]}", f"{en} lab"
    described = re.fullmatch(r"(.+) \(([^()]+)\)", text)  # "GoogLeNet (paper, reduce)"
    if described:
        name_ko, name_en = label_pair(described.group(1))
        bits = [label_pair(bit.strip()) for bit in described.group(2).split(",")]
        ko, en = (", ".join(b[i] for b in bits) for i in (0, 1))
        return f"{name_ko} ({ko})", f"{name_en} ({en})"
    return text, text


def label(name: str, sep: str = " · ") -> str:
    """A lesson's setting label in the current language (see :func:`label_pair`). 이름표를 현재 언어로."""
    return pick(*label_pair(name), sep=sep)


def error_sentence(lang: str, knob: str, value: Any, allowed: str, problem: str) -> str:
    """One sentence of a :class:`cnnlib.ConfigError` message in ``lang``."""
    ko_template, en_template = STRINGS["error.sentence"]
    template = ko_template if lang == "ko" else en_template
    detail = f" ({problem})" if problem else ""
    return fill(template, knob=knob, value=_show(value), allowed=allowed, detail=detail)


def _show(value: Any) -> str:
    try:
        text = repr(value)
    except ValueError:  # an int of more than 4300 digits has no repr (sys.set_int_max_str_digits)
        text = f"<{type(value).__name__}, {value.bit_length()} bits>" if isinstance(value, int) else "<?>"
    return text if len(text) <= 60 else text[:57] + "..."


# key -> (Korean, English), one catalog per area; a key is unique across them (tested).
STRINGS: dict[str, tuple[str, str]] = {**messages.STRINGS, **teaching.STRINGS, **explorers.STRINGS}

GLOSSARY: dict[str, str] = {
    "합성곱": "convolution",
    "필터(커널)": "filter (kernel)",
    "특징 맵": "feature map",
    "채널": "channel",
    "파라미터(매개변수)": "parameter",
    "하이퍼파라미터": "hyperparameter",
    "스트라이드": "stride",
    "패딩": "padding",
    "풀링": "pooling",
    "수용 영역": "receptive field",
    "활성화 함수": "activation function",
    "국소 응답 정규화": "local response normalization (LRN)",
    "데이터 증강": "data augmentation",
    "드롭아웃": "dropout",
    "완전 연결 층": "fully connected layer",
    "배치 정규화": "batch normalization",
    "가중치 초기화": "weight initialization",
    "기울기 소실/폭주": "vanishing/exploding gradients",
    "과적합": "overfitting",
    "성능 저하(열화)": "degradation",
    "잔차 학습": "residual learning",
    "스킵(지름길) 연결": "skip (shortcut) connection",
    "사영 지름길": "projection shortcut",
    "병목 블록": "bottleneck block",
    "인셉션 모듈": "inception module",
    "1×1 합성곱": "1×1 convolution",
    "차원 축소": "dimensionality reduction",
    "시드": "seed",
    "시드 잡음": "seed noise",
    "레시피": "recipe",
    "정확도 지도": "accuracy atlas",
    "플레인(plain) 망": "plain network",
    "스템(입력부)": "stem",
    "에포크": "epoch",
    "기울기(그래디언트)": "gradient",  # a bare 기울기 is the gradient ∂L/∂x …
    "기울기(slope)": "slope",  # … the slope f′(x) of a graph is written 기울기(slope)
}
