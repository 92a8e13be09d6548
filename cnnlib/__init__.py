"""cnnlib — classic CNNs (AlexNet, VGG, GoogLeNet, ResNet) for teaching.

고전 CNN(AlexNet, VGG, GoogLeNet, ResNet)을 배우기 위한 작은 라이브러리입니다.
"""

from cnnlib.errors import CnnlibWarning, ConfigError, NotSavedWarning
from cnnlib.i18n import get_language, set_language

__version__ = "0.1.0"

__all__ = ["CnnlibWarning", "ConfigError", "NotSavedWarning", "__version__", "get_language", "set_language"]
