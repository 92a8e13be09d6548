"""Recipes: a fixed number of steps under one name and hash, and fit's learning-rate schedule."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
from pathlib import Path

import pytest
import torch
from torch import nn

from cnnlib import ConfigError, recipes
from cnnlib.data import ImageDataset
from cnnlib.recipes import RECIPES, Recipe, lr_factor
from cnnlib.train import fit


def tiny_data(n: int = 64) -> ImageDataset:
    g = torch.Generator().manual_seed(0)
    images = torch.rand(n, 3, 8, 8, generator=g)
    labels = torch.arange(n) % 4
    return ImageDataset(images, labels, name="tiny", classes=[(str(i), str(i)) for i in range(4)])


def tiny_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 4))


TINY = Recipe("tiny", steps=12, batch_size=8, optimizer="sgd", lr=0.1, warmup=3, evaluations=4)


def test_every_lab_recipe_counts_steps_and_has_an_identity():
    for name, recipe in RECIPES.items():
        assert recipe.name == name and recipe.steps > 0 and recipe.schedule in recipes.PAPER_SCHEDULES
        assert recipe.identity == f"{name}@{recipe.hash}" and len(recipe.hash) == 10
        assert recipes.get(name) is recipe


def test_the_hash_changes_with_every_number_but_not_with_the_explanation():
    hashes = {TINY.hash}
    for field, value in (
        ("steps", 13),
        ("batch_size", 16),
        ("lr", 0.2),
        ("warmup", 0),
        ("weight_decay", 1e-4),
    ):
        hashes.add(dataclasses.replace(TINY, **{field: value}).hash)
    assert len(hashes) == 6
    assert dataclasses.replace(TINY, about=("설명", "why")).hash == TINY.hash


def test_warmup_then_half_a_cosine_to_zero():
    factors = [lr_factor(step, 12, "cosine", 3) for step in range(12)]
    assert factors[:3] == pytest.approx([1 / 3, 2 / 3, 1.0])
    assert factors[3] == pytest.approx(1.0)
    assert all(a >= b for a, b in itertools.pairwise(factors[3:]))  # never rises again
    assert lr_factor(12, 12, "cosine", 3) == pytest.approx(0.0)
    assert factors[3 + 9 // 2] == pytest.approx(0.5 * (1 + math.cos(math.pi * (9 // 2) / 9)))
    assert {lr_factor(step, 12, "constant", 0) for step in range(12)} == {1.0}


def test_fit_with_a_recipe_trains_its_steps_and_records_it(tmp_path):
    log = tmp_path / "runs.jsonl"
    history = fit(tiny_model(), tiny_data(), tiny_data(), recipe=TINY, progress=False, live=False, log=log)
    assert history.steps == TINY.steps and history.recipe == TINY.identity
    assert len(history.test_acc) == TINY.evaluations
    training = history.config["training"]
    assert training["schedule"] == "cosine" and training["warmup"] == 3 and training["optimizer"] == "sgd"
    assert training["batch_size"] == 8 and training["lr"] == 0.1 and training["steps"] == 12
    assert json.loads(log.read_text())["recipe"] == TINY.identity


def test_fit_follows_the_schedule_step_by_step(monkeypatch):
    rates = []
    real_step = torch.optim.SGD.step

    def step(self, *args, **kwargs):
        rates.append(self.param_groups[0]["lr"])
        return real_step(self, *args, **kwargs)

    monkeypatch.setattr(torch.optim.SGD, "step", step)
    fit(tiny_model(), tiny_data(), recipe=TINY, progress=False, live=False, log=False)
    assert rates == pytest.approx([0.1 * lr_factor(s, 12, "cosine", 3) for s in range(12)])


def test_same_recipe_and_seed_give_the_same_numbers():
    quiet = {"progress": False, "live": False, "log": False, "threads": 1}  # and the same CPU threads
    runs = [fit(tiny_model(), tiny_data(), tiny_data(), recipe=TINY, seed=3, **quiet) for _ in range(2)]
    assert runs[0].step_losses == runs[1].step_losses and runs[0].test_acc == runs[1].test_acc


@pytest.mark.parametrize(
    ("settings", "knob"),
    [
        ({"recipe": TINY, "steps": 5}, "steps"),
        ({"recipe": TINY, "batch_size": 8}, "batch_size"),
        ({"recipe": TINY, "seconds": 1}, "seconds"),
        ({"recipe": TINY, "max_eval": 10}, "max_eval"),
        ({"recipe": "no-such-recipe"}, "recipe"),
        ({"recipe": 3}, "recipe"),
        ({"schedule": "cosine", "seconds": 1}, "schedule"),
        ({"schedule": "linear", "steps": 2}, "schedule"),
        ({"warmup": -1, "steps": 2}, "warmup"),
    ],
)
def test_bad_recipe_settings_are_refused_before_training(settings, knob):
    with pytest.raises(ConfigError) as caught:
        fit(tiny_model(), tiny_data(), progress=False, live=False, log=False, **settings)
    assert caught.value.knob == knob
    assert caught.value.ko and caught.value.en


def test_the_lab_recipes_keep_the_identities_the_shipped_atlas_is_keyed_by():
    shipped = json.loads((Path(recipes.__file__).parent / "atlas.json").read_text())["about"]["recipes"]
    assert {row["name"]: row["identity"] for row in shipped.values()} == {
        name: RECIPES[name].identity for name in ("alexnet-lab", "vgg-lab", "googlenet-lab", "resnet-lab")
    }


def test_fields_added_later_change_the_hash_only_when_they_are_set():
    assert dataclasses.replace(TINY, momentum=0.9, nesterov=False, augment="").hash == TINY.hash
    changed = {("milestones", (4,)), ("gamma", 0.2), ("warmup_factor", 0.1), ("momentum", 0.8)}
    changed |= {("nesterov", True), ("augment", "crop_flip")}
    assert len({dataclasses.replace(TINY, **{k: v}).hash for k, v in changed} | {TINY.hash}) == 7


def test_the_resnet_cifar_recipe_is_he_et_al_section_4_2():
    r = RECIPES["resnet-cifar"]
    # "mini-batch size of 128", "weight decay of 0.0001 and momentum of 0.9", "start with a learning rate
    # of 0.1, divide it by 10 at 32k and 48k iterations, and terminate training at 64k iterations",
    # "4 pixels are padded on each side, and a 32×32 crop is randomly sampled … or its horizontal flip"
    assert (r.batch_size, r.optimizer, r.momentum, r.nesterov, r.weight_decay) == (
        128,
        "sgd",
        0.9,
        False,
        1e-4,
    )
    assert (r.lr, r.schedule, r.milestones, r.gamma, r.steps) == (
        0.1,
        "multistep",
        (32_000, 48_000),
        0.1,
        64_000,
    )
    assert r.augment == "crop_flip" and r.warmup == 0
    lrs = {step: r.lr * r.factor(step) for step in (0, 31_999, 32_000, 47_999, 48_000, 63_999)}
    assert lrs == pytest.approx(
        {0: 0.1, 31_999: 0.1, 32_000: 0.01, 47_999: 0.01, 48_000: 0.001, 63_999: 0.001}
    )
    assert 64_000 // (50_000 // 128) == 164  # epochs over CIFAR-10's 50k training images
    # ResNet-110: "we use 0.01 to warm up the training … (about 400 iterations), and then go back to 0.1"
    r110 = RECIPES["resnet110-cifar"]
    assert r110.lr * r110.factor(0) == pytest.approx(0.01) and r110.lr * r110.factor(399) == pytest.approx(
        0.01
    )
    assert r110.lr * r110.factor(400) == pytest.approx(0.1)
    assert dataclasses.replace(r110, name=r.name, warmup=0, warmup_factor=None, about=r.about) == r


def test_the_vgg_cifar_recipe_keeps_the_papers_sgd_and_resnets_budget():
    v, r = RECIPES["vgg-cifar"], RECIPES["resnet-cifar"]
    assert (v.optimizer, v.momentum, v.weight_decay, v.lr) == ("sgd", 0.9, 5e-4, 0.01)
    assert len(v.milestones) == 3  # divided by 10 three times, as both papers did
    assert (v.steps, v.batch_size, v.augment) == (r.steps, r.batch_size, r.augment)


def test_fit_refuses_a_schedule_it_does_not_know():
    with pytest.raises(ConfigError) as caught:
        fit(tiny_model(), tiny_data(), recipe="resnet-cifar", progress=False, live=False, log=False)
    assert caught.value.knob == "schedule" and "multistep" in caught.value.en


@pytest.mark.parametrize(
    "change",
    [{"momentum": 0.5}, {"nesterov": True}, {"augment": "crop+flip"}, {"warmup": 4, "warmup_factor": 0.1}],
)
def test_fit_refuses_a_lab_schedule_recipe_with_settings_only_reproduce_runs(change: dict) -> None:
    # fit keeps momentum 0.9 and the dataset's augmentation: such a recipe would otherwise be trained
    # without what it asks for, and its identity would claim otherwise
    recipe = dataclasses.replace(RECIPES["resnet-lab"], name="custom", **change)
    with pytest.raises(ConfigError) as caught:
        fit(tiny_model(), tiny_data(), recipe=recipe, progress=False, live=False, log=False)
    assert caught.value.knob == "recipe" and "reproduce" in caught.value.en
    assert all(field in caught.value.en and field in caught.value.ko for field in recipe.paper_settings)
