"""The one exception students see when a knob is set to something impossible, and cnnlib's warnings.

잘못된 설정값을 알려 주는 예외: 한국어 한 문장과 영어 한 문장으로, 어떤 설정이 어떤 값이었고 무엇이
허용되는지 말합니다. The sentences come from :mod:`cnnlib.i18n`, which imports nothing of cnnlib.
"""

from __future__ import annotations

from typing import Any

from cnnlib import i18n


class ConfigError(ValueError):
    """An invalid setting, reported before anything is allocated or trained. 잘못된 설정값.

    ``knob`` (e.g. ``"depth"``) and ``value`` say what was given; ``allowed_ko``/``allowed_en`` what
    would have been accepted; ``problem_ko``/``problem_en`` (optional) why the value fails. A
    language-neutral text such as ``"≥ 1"`` may be given once for both languages.
    """

    def __init__(
        self,
        knob: str,
        value: Any,
        allowed: str | tuple[str, str],
        problem: str | tuple[str, str] | None = None,
    ) -> None:
        self.knob = knob
        self.value = value
        self.allowed_ko, self.allowed_en = _pair(allowed)
        self.problem_ko, self.problem_en = _pair(problem) if problem else ("", "")
        self.ko = i18n.error_sentence("ko", knob, value, self.allowed_ko, self.problem_ko)
        self.en = i18n.error_sentence("en", knob, value, self.allowed_en, self.problem_en)
        super().__init__(f"{self.ko}\n{self.en}")

    def __reduce__(self):  # keep the exception picklable (multiprocessing, pytest-xdist)
        return (
            type(self),
            (self.knob, self.value, (self.allowed_ko, self.allowed_en), (self.problem_ko, self.problem_en)),
        )


def _pair(text: str | tuple[str, str]) -> tuple[str, str]:
    return text if isinstance(text, tuple) else (text, text)


class CnnlibWarning(UserWarning):
    """Something went wrong that did not stop cnnlib from giving you the result. 결과와 함께 주는 경고."""


class NotSavedWarning(CnnlibWarning):
    """A computed result could not be saved (e.g. a full disk); it is still returned. 저장하지 못함."""
