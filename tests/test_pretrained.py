"""Pretrained weights: torchvision's file format and cache, its checksum, and offline behaviour.

No network is touched here: the tests write a torchvision-format file into a temporary torch hub
cache themselves, under a name that carries its own SHA-256 prefix, as torchvision's files do, or
offer it through a fake ``urlopen`` (a real misbehaving server: tests/test_faults.py).
"""

from __future__ import annotations

import enum
import hashlib
import socket
import time
import urllib.error
import urllib.request

import pytest
import torch
import torchvision
from test_data import serve

import cnnlib.models.weights
from cnnlib import ConfigError, downloads
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


def _served_weights(tmp_path, monkeypatch) -> tuple[dict, str, list]:
    """A resnet18 file offered by a fake ``urlopen`` at torchvision's kind of URL; returns what it saw."""
    state, (file, _) = _cache_a_torchvision_file(tmp_path, monkeypatch)
    content = file.read_bytes()
    file.unlink()  # not cached: pretrained() has to download it
    timeouts = serve(monkeypatch, {file.name: content})
    return state, file.name, timeouts


def test_a_missing_file_is_downloaded_into_torchs_cache_with_a_watched_deadline(tmp_path, monkeypatch):
    state, name, timeouts = _served_weights(tmp_path, monkeypatch)
    before = socket.getdefaulttimeout()
    model = pretrained("resnet18")
    assert torch.equal(model.fc.weight, state["fc.weight"])
    assert [p.name for p in (tmp_path / "hub" / "checkpoints").iterdir()] == [name]  # no temporary file
    assert timeouts == [downloads.STALL_S]  # a timeout per read, on this request only
    assert socket.getdefaulttimeout() == before  # nothing process-wide was changed
    assert not hasattr(cnnlib.models.weights, "DOWNLOAD_TIMEOUT_S")


def test_offline_with_download_it_names_the_network_within_seconds(tmp_path, monkeypatch):
    _served_weights(tmp_path, monkeypatch)

    def offline(request, *args, timeout=None, **kwargs):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    began = time.perf_counter()
    with pytest.raises(ConfigError) as caught:
        pretrained("resnet18")
    assert time.perf_counter() - began < 5
    assert caught.value.knob == "pretrained" and "name resolution" in caught.value.en
    assert "network" in caught.value.en and "네트워크" in caught.value.ko
    assert list((tmp_path / "hub" / "checkpoints").iterdir()) == []


def test_a_download_whose_bytes_differ_from_the_name_is_not_kept(tmp_path, monkeypatch):
    _, name, _ = _served_weights(tmp_path, monkeypatch)
    serve(monkeypatch, {name: b"not the weights" * 1000})
    with pytest.raises(ConfigError) as caught:
        pretrained("resnet18")
    assert "SHA-256" in caught.value.en and "손상" in caught.value.ko
    assert list((tmp_path / "hub" / "checkpoints").iterdir()) == []
