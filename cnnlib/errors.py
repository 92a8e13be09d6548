"""The one exception students see when a knob is set to something impossible.

잘못된 설정값을 알려 주는 예외입니다. 메시지는 항상 한국어 한 문장과 영어 한 문장으로 되어 있고,
어떤 설정(knob)이 어떤 값이었는지, 무엇이 허용되는지를 말해 줍니다.
"""

from __future__ import annotations

from typing import Any

from cnnlib import i18n


class ConfigError(ValueError):
    """An invalid setting, reported before anything is allocated or trained.

    잘못된 설정값. 메모리를 할당하거나 학습을 시작하기 전에 발생합니다.

    Attributes:
        knob: the name of the setting (e.g. ``"depth"``).
        value: the value that was given.
        allowed_ko / allowed_en: what would have been accepted.
        problem_ko / problem_en: optional detail on why the value fails.
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
    if isinstance(text, tuple):
        return text
    return text, text  # language-neutral text such as "≥ 1" or "A, B, C"


class CnnlibWarning(UserWarning):
    """Something went wrong that did not stop cnnlib from giving you the result.

    결과는 돌려주지만 알려 드려야 할 문제가 있을 때 쓰는 경고입니다.
    """


class NotSavedWarning(CnnlibWarning):
    """A computed result could not be saved (e.g. the run log is on a full disk); it is still returned.

    계산한 결과를 파일에 저장하지 못했습니다(예: 디스크가 가득 참). 결과는 그대로 돌려줍니다.
    """
