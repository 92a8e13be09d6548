"""Every user-visible string of cnnlib, in Korean and English, in one place.

cnnlib이 화면에 보여 주는 모든 문장을 한국어와 영어로 한곳에 모아 둡니다.

``set_language("ko" | "en" | "both")`` chooses what labels, tables and plots show
(default ``"both"``). Error messages always carry both languages, because a student
may paste them into a search engine or ask a classmate who reads the other one.
"""

from __future__ import annotations

from typing import Any, Literal

Language = Literal["ko", "en", "both"]
LANGUAGES: tuple[str, ...] = ("ko", "en", "both")

_language: Language = "both"


def set_language(language: Language) -> None:
    """Choose the language of labels, tables and plots: ``"ko"``, ``"en"`` or ``"both"``.

    라벨·표·그림의 언어를 고릅니다: ``"ko"``(한국어), ``"en"``(영어), ``"both"``(둘 다, 기본값).
    """
    global _language
    if language not in LANGUAGES:
        from cnnlib.errors import ConfigError

        raise ConfigError("language", language, ", ".join(repr(x) for x in LANGUAGES))
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


def t(key: str, sep: str = " · ", **fields: Any) -> str:
    """Look up a UI string by key and format it in the current language.

    키로 UI 문장을 찾아 현재 언어로 만들어 돌려줍니다.
    """
    ko, en = STRINGS[key]
    return pick(ko.format(**fields), en.format(**fields), sep)


def both(key: str, **fields: Any) -> tuple[str, str]:
    """The Korean and English versions of a UI string, formatted."""
    ko, en = STRINGS[key]
    return ko.format(**fields), en.format(**fields)


def error_sentence(lang: str, knob: str, value: Any, allowed: str, problem: str) -> str:
    """One sentence of a :class:`cnnlib.ConfigError` message in ``lang``."""
    ko_template, en_template = STRINGS["error.sentence"]
    template = ko_template if lang == "ko" else en_template
    detail = f" ({problem})" if problem else ""
    return template.format(knob=knob, value=_show(value), allowed=allowed, detail=detail)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# key -> (Korean, English). Terms follow GLOSSARY below and docs/GLOSSARY.md.
STRINGS: dict[str, tuple[str, str]] = {
    "error.sentence": (
        "설정 '{knob}'의 값 {value}은(는) 사용할 수 없습니다{detail}. 가능한 값: {allowed}.",
        "Setting '{knob}' = {value} is not allowed{detail}. Allowed: {allowed}.",
    ),
    # --- tables (cnnlib.count) ---
    "table.layer": ("층", "Layer"),
    "table.type": ("종류", "Type"),
    "table.input": ("입력 모양", "Input shape"),
    "table.output": ("출력 모양", "Output shape"),
    "table.params": ("파라미터", "Params"),
    "table.macs": ("곱셈-누적(MAC)", "MACs"),
    "table.formula": ("계산식", "Formula"),
    "table.total": ("합계", "Total"),
    "table.not_run": ("(추론 때 실행 안 됨)", "(not run at inference)"),
    "table.flops_note": (
        "MAC = 합성곱·완전 연결 층의 곱셈-누적 횟수(이미지 1장), FLOPs ≈ 2 × MAC",
        "MACs = multiply-accumulates of conv/linear layers (one image); FLOPs ≈ 2 × MACs",
    ),
    "table.params_note": (
        "파라미터 = 입력 채널 × 커널 크기(k×k) × 출력 채널 + 편향(출력 채널 수). 배치 정규화는 2 × 채널.",
        "params = input channels × kernel size (k×k) × output channels + bias (one per output channel); "
        "batch norm: 2 × channels.",
    ),
    "kind.conv": ("합성곱", "convolution"),
    "kind.fc": ("완전 연결", "fully connected"),
    "kind.norm": ("정규화", "normalization"),
    "kind.pool": ("풀링", "pooling"),
    "kind.other": ("기타", "other"),
    "summary.by_kind": ("종류별 파라미터", "Parameters by kind"),
    "summary.by_stage": ("단계별 파라미터", "Parameters by stage"),
    "summary.share": ("비율", "share"),
}

GLOSSARY: dict[str, str] = {
    "합성곱": "convolution",
    "필터(커널)": "filter (kernel)",
    "특징 맵": "feature map",
    "채널": "channel",
    "파라미터": "parameter",
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
}
