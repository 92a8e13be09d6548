"""The real trained networks: torchvision's ImageNet weights in cnnlib's models.

학습된 실제 네트워크: torchvision이 ImageNet으로 학습한 가중치를 cnnlib 모델에 넣습니다.

cnnlib's builders lay out their ``state_dict`` exactly as torchvision does, so torchvision's
trained weights load into them unchanged::

    model = pretrained("alexnet")             # cnnlib's AlexNet, trained on ImageNet
    model.features[0].weight.shape            # torch.Size([64, 3, 11, 11]): its first-layer filters

The weights are torchvision's: its URLs, its cache (``$TORCH_HOME/hub/checkpoints``, by default
``~/.cache/torch/hub/checkpoints``) and its checksums: every file name ends in the first hex digits
of the file's SHA-256. They are downloaded by :func:`cnnlib.downloads.fetch` (a watched deadline,
the file placed whole or not at all, an error that names the cause) and checked again every time a
cached file is read, so a file that was changed afterwards is refused rather than silently loaded.

Two facts about torchvision's weights worth knowing:

* Its AlexNet is the one-GPU variant of Krizhevsky's 2014 "One weird trick" paper: 64 filters
  in the first layer, not the 2012 paper's 96 (48 per GPU), and no local response normalisation.
* Its GoogLeNet weights expect images scaled to [-1, 1] (mean 0.5, std 0.5 per channel) — what
  torchvision's ``transform_input`` turns ImageNet-normalised images into. :func:`normalization`
  says which statistics each network expects.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import torch
from torch import nn

from cnnlib import downloads, i18n
from cnnlib.errors import ConfigError
from cnnlib.models.alexnet import alexnet
from cnnlib.models.googlenet import googlenet
from cnnlib.models.resnet import resnet
from cnnlib.models.vgg import vgg

__all__ = ["PRETRAINED", "normalization", "pretrained"]

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def _vgg(depth: int, batch_norm: bool) -> Callable[[], nn.Module]:
    return lambda: vgg(depth, batch_norm=batch_norm)


def _resnet(depth: int) -> Callable[[], nn.Module]:
    # torchvision's ResNet-50/101/152 subsample in the 3×3 convolution of a bottleneck ("v1.5")
    return lambda: resnet(depth, downsample_at="3x3" if depth >= 50 else "1x1")


# name → (torchvision's weights, the cnnlib builder with torchvision's layout)
PRETRAINED: dict[str, tuple[str, Callable[[], nn.Module]]] = {
    "alexnet": ("AlexNet_Weights.IMAGENET1K_V1", lambda: alexnet("torchvision")),
    **{f"vgg{d}": (f"VGG{d}_Weights.IMAGENET1K_V1", _vgg(d, False)) for d in (11, 13, 16, 19)},
    **{f"vgg{d}_bn": (f"VGG{d}_BN_Weights.IMAGENET1K_V1", _vgg(d, True)) for d in (11, 13, 16, 19)},
    "googlenet": ("GoogLeNet_Weights.IMAGENET1K_V1", lambda: googlenet("torchvision")),
    **{f"resnet{d}": (f"ResNet{d}_Weights.IMAGENET1K_V1", _resnet(d)) for d in (18, 34, 50, 101, 152)},
}


def pretrained(name: str, *, download: bool = True, progress: bool = False) -> nn.Module:
    """The cnnlib model ``name`` with torchvision's ImageNet weights, in eval mode, on the CPU.

    torchvision이 ImageNet으로 학습한 가중치를 넣은 cnnlib 모델(평가 모드, CPU)을 돌려줍니다.

    Args:
        name: a key of :data:`PRETRAINED` (``"alexnet"``, ``"vgg16"``, ``"googlenet"``, ``"resnet50"`` …).
        download: fetch the file if it is not in torch's cache yet (needs the internet).
        progress: show a download progress bar.

    Raises:
        ConfigError: an unknown name; the file is missing and cannot be downloaded (no network, a
            network gone quiet: within :data:`cnnlib.downloads.STALL_S` seconds; a full disk; a
            file whose SHA-256 is not the one its name promises, which is then not kept); or the
            cached file's SHA-256 is not the one its name promises.
    """
    if not isinstance(name, str) or name not in PRETRAINED:
        names = ", ".join(PRETRAINED)
        raise ConfigError("name", name, i18n.both("pretrained.allowed.name", names=names))
    import torchvision  # only here: importing cnnlib.models stays light

    weights_name, build = PRETRAINED[name]
    weights = torchvision.models.get_weight(weights_name)
    file = Path(torch.hub.get_dir()) / "checkpoints" / Path(urlparse(weights.url).path).name
    if file.exists():
        _check_sha256(file)  # the download checked it too; a file changed since is refused here
    elif not download:
        problem = i18n.both("pretrained.problem.missing", file=file.name, folder=file.parent)
        raise ConfigError("pretrained", name, i18n.both("pretrained.allowed.missing", path=file), problem)
    else:
        _download(name, weights, file, progress)
    state = torch.load(file, map_location="cpu", weights_only=True)
    model = build()
    model.load_state_dict(state)  # strict: every tensor has its place, and no place is left empty
    return model.eval()


def normalization(name: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """``(mean, std)`` per channel that the pretrained ``name`` expects of images in [0, 1].

    사전 학습된 모델이 기대하는 채널별 평균과 표준편차.
    """
    if name == "googlenet":
        return (0.5, 0.5, 0.5), (0.5, 0.5, 0.5)
    return IMAGENET_MEAN, IMAGENET_STD


def _download(name: str, weights: Any, file: Path, progress: bool) -> None:
    """Download ``weights`` into torch's cache ``file``, or a ConfigError that names the cause."""
    try:
        downloads.fetch(weights.url, file, sha256_prefix=_sha256_prefix(file), progress=progress)
    except downloads.DownloadFailed as error:
        size = weights.meta.get("_file_size")  # MB, as torchvision's weights tables list it
        fields = {"folder": file.parent, "path": file, "size": f"{size:.0f} MB" if size else "?"}
        allowed = i18n.both(f"pretrained.allowed.{error.cause}", **fields)
        problem = i18n.both(f"data.download.{error.cause}.problem", reason=error.reason, **fields)
        raise ConfigError("pretrained", name, allowed, problem) from None


def _sha256_prefix(file: Path) -> str | None:
    """The hex digits a torch.hub weights file name ends in (``…-7be5be79.pth``): its SHA-256's start."""
    match = re.search(r"-([a-f0-9]+)\.", file.name)  # torch.hub's own rule for weights file names
    return match.group(1) if match else None


def _check_sha256(file: Path) -> None:
    """Refuse ``file`` unless its SHA-256 starts with the hex digits in its name (``…-7be5be79.pth``)."""
    expected = _sha256_prefix(file)
    if expected is None:
        return
    digest = hashlib.sha256()
    with open(file, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    actual = digest.hexdigest()[: len(expected)]
    if actual != expected:
        problem = i18n.both("pretrained.problem.tampered", actual=actual, expected=expected)
        raise ConfigError("weights", str(file), i18n.both("pretrained.allowed.tampered", path=file), problem)
