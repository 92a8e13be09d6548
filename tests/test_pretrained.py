"""Pretrained weights: torchvision's file format and cache, its checksum, and offline behaviour.

No download happens here: the tests write a torchvision-format file into a temporary torch hub
cache themselves, under a name that carries its own SHA-256 prefix, as torchvision's files do.
"""

from __future__ import annotations

import enum
import hashlib
import time

import pytest
import torch
import torchvision

from cnnlib import ConfigError
from cnnlib.models import pretrained
from cnnlib.models.weights import PRETRAINED, normalization


def _cache_a_torchvision_file(tmp_path, monkeypatch) -> tuple[dict, object]:
    """A torchvision resnet18 state_dict in TORCH_HOME/hub/checkpoints/resnet18-<sha256 prefix>.pth."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    torch.manual_seed(0)
    state = torchvision.models.resnet18().state_dict()
    folder = tmp_path / "hub" / "checkpoints"
    folder.mkdir(parents=True)
    draft = folder / "draft.pth"
    torch.save(state, draft)
    prefix = hashlib.sha256(draft.read_bytes()).hexdigest()[:8]
    file = draft.rename(folder / f"resnet18-{prefix}.pth")

    class LocalWeights(torchvision.models.WeightsEnum):  # torchvision's weights API, our file name
        IMAGENET1K_V1 = torchvision.models.Weights(
            url=f"https://example.invalid/models/{file.name}", transforms=None, meta={}
        )

    asked = []

    def get_weight(name: str) -> enum.Enum:
        asked.append(name)
        return LocalWeights.IMAGENET1K_V1

    monkeypatch.setattr(torchvision.models, "get_weight", get_weight)
    return state, (file, asked)


def test_a_torchvision_file_in_the_hub_cache_loads_into_the_cnnlib_model(tmp_path, monkeypatch):
    state, (_, asked) = _cache_a_torchvision_file(tmp_path, monkeypatch)
    model = pretrained("resnet18", download=False)
    assert asked == ["ResNet18_Weights.IMAGENET1K_V1"]
    assert not model.training
    ours = model.state_dict()
    assert ours.keys() == state.keys() and all(torch.equal(ours[k], state[k]) for k in state)


def test_a_changed_file_is_refused_by_its_checksum(tmp_path, monkeypatch):
    _, (file, _) = _cache_a_torchvision_file(tmp_path, monkeypatch)
    data = bytearray(file.read_bytes())
    data[-100] ^= 0xFF  # one flipped byte deep inside a weight tensor: torch.load alone would not notice
    file.write_bytes(bytes(data))
    with pytest.raises(ConfigError) as caught:
        pretrained("resnet18", download=False)
    assert caught.value.knob == "weights" and "SHA-256" in caught.value.ko and "SHA-256" in caught.value.en


def test_offline_it_says_what_is_missing_within_seconds(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    began = time.perf_counter()
    with pytest.raises(ConfigError) as caught:
        pretrained("alexnet", download=False)
    assert time.perf_counter() - began < 5
    assert caught.value.knob == "pretrained" and "alexnet-owt-7be5be79.pth" in str(caught.value)
    assert caught.value.ko != caught.value.en


def test_unknown_names_are_refused_bilingually():
    with pytest.raises(ConfigError) as caught:
        pretrained("resnet9")
    assert caught.value.knob == "name" and "resnet50" in caught.value.en and "resnet50" in caught.value.ko


def test_every_name_points_at_torchvision_weights_and_a_cnnlib_builder():
    for name, (weights, build) in PRETRAINED.items():
        assert torchvision.models.get_weight(weights).url.endswith(".pth"), name
        assert callable(build)
    assert normalization("googlenet") == ((0.5,) * 3, (0.5,) * 3)  # torchvision's transform_input
    assert normalization("resnet50")[0] == (0.485, 0.456, 0.406)
