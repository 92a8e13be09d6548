"""cnnlib — classic CNNs (AlexNet, VGG, GoogLeNet, ResNet) for teaching.

고전 CNN(AlexNet, VGG, GoogLeNet, ResNet)을 배우기 위한 작은 라이브러리입니다.
"""

from cnnlib import i18n
from cnnlib.errors import CnnlibWarning, ConfigError, NotSavedWarning
from cnnlib.i18n import get_language

__version__ = "0.1.0"


def set_language(language: i18n.Language) -> None:
    """Choose the language of labels, tables and plots: ``"ko"``, ``"en"`` or ``"both"`` (default).

    라벨·표·그림의 언어를 고릅니다: ``"ko"``(한국어), ``"en"``(영어), ``"both"``(둘 다, 기본값).
    Any other value: :class:`ConfigError`.
    """
    if language not in i18n.LANGUAGES:  # checked here, not in i18n: errors is built on i18n
        raise ConfigError("language", language, ", ".join(repr(x) for x in i18n.LANGUAGES))
    i18n.set_language(language)


__all__ = ["CnnlibWarning", "ConfigError", "NotSavedWarning", "__version__", "get_language", "set_language"]
