"""The accuracy atlas: the shipped file, reading bad files, comparisons, and the builder."""

from __future__ import annotations

import dataclasses
import json
import random
import re

import pytest
import torch

from cnnlib import ConfigError, atlas, atlas_build, recipes
from cnnlib.atlas import AtlasUnavailable, Cell, compare
from cnnlib.widgets import EXPLORERS

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture
def fresh_caches(monkeypatch, tmp_path):
    """No shipped atlas read before (and none kept after), and a run log of this test's own."""
    monkeypatch.setattr(atlas, "_SHIPPED_CACHE", {})
    monkeypatch.setattr(atlas, "_LOCAL_CACHE", {})
    monkeypatch.setenv("CNNLIB_RUN_LOG", str(tmp_path / "runs.jsonl"))


# --------------------------------------------------------------------------- the shipped atlas


def test_the_shipped_atlas_has_every_grid_cell_with_enough_seeds():
    shipped = atlas.load()
    for family, knobs, seeds in atlas.grid_cells():
        cell = shipped.get(family, knobs)
        assert cell is not None, f"missing: {atlas.cell_key(family, knobs)}"
        assert cell.test_acc.n >= max(atlas.MIN_SEEDS, seeds), cell.key
        assert cell.recipe == recipes.get(atlas.RECIPE_OF[family]).identity
        assert sorted(s["seed"] for s in cell.seeds) == list(range(cell.test_acc.n))


def test_every_seed_says_how_where_and_when_it_was_measured():
    shipped = atlas.load()
    for cell in shipped.cells.values():
        recipe = recipes.get(atlas.RECIPE_OF[cell.family])
        for seed in cell.seeds:
            assert seed["steps"] == recipe.steps and seed["recipe"] == recipe.identity
            assert 0.0 <= seed["test_acc"] <= 1.0 and 0.0 <= seed["train_acc"] <= 1.0
            assert seed["final_train_loss"] > 0 and seed["seconds"] > 0 and seed["threads"] >= 1
            assert seed["device"] and seed["torch"] and seed["cnnlib"] and seed["date"]
            assert [step for step, _ in seed["curve"]][-1] == recipe.steps
            assert len(seed["curve"]) == recipe.evaluations
    builds = shipped.about["builds"]
    assert builds and all({"machine", "device", "jobs", "seconds", "finished"} <= set(b) for b in builds)
    assert set(shipped.about["recipes"]) == set(atlas.FAMILIES)


def test_every_explorer_default_is_measured():
    for cls in EXPLORERS.values():
        assert atlas.shipped().get(cls.atlas_family, cls.default_state()) is not None, cls.__name__


# --------------------------------------------------------------------------- comparing seeds


def cell(values: list[float], key: str = "x") -> Cell:
    seeds = tuple({"seed": i, "test_acc": v, "train_acc": v, "final_train_loss": 1 - v, "seconds": 1.0}
                  for i, v in enumerate(values))  # fmt: skip
    return Cell("resnet", key, {}, "r@0", seeds)


def test_welch_interval_by_hand():
    a, b = cell([0.70, 0.72, 0.74]), cell([0.60, 0.61, 0.62])
    result = compare(a, b)
    se = (0.02**2 / 3 + 0.01**2 / 3) ** 0.5
    df = (0.02**2 / 3 + 0.01**2 / 3) ** 2 / ((0.02**2 / 3) ** 2 / 2 + (0.01**2 / 3) ** 2 / 2)
    assert 2 < df < 3  # Welch–Satterthwaite: 2.94 → t of 2 degrees of freedom, the wider one
    assert result.difference == pytest.approx(0.11)
    assert result.margin == pytest.approx(4.303 * se)
    assert result.significant and "larger than the seed noise" in result.verdict


def test_overlapping_seeds_are_within_noise():
    result = compare(cell([0.60, 0.70, 0.65]), cell([0.62, 0.66, 0.61]))
    assert not result.significant and "within" in result.verdict


def test_one_seed_gives_no_verdict():
    result = compare(cell([0.9]), cell([0.1, 0.2, 0.3]))
    assert result.margin == float("inf") and not result.significant
    assert "one seed alone" in result.verdict


def test_seed_order_does_not_matter():
    a, b = cell([0.1, 0.5, 0.3]), cell([0.2, 0.2, 0.4])
    assert compare(a, b).margin == pytest.approx(compare(cell([0.5, 0.3, 0.1]), b).margin)


# --------------------------------------------------------------------------- bad files


def write(path, content) -> str:
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def valid_raw() -> dict:
    recipe = recipes.get("resnet-lab")
    knobs = atlas.lab_knobs("resnet", {"depth": 8})
    seed = {"seed": 0, "recipe": recipe.identity, "test_acc": 0.5, "train_acc": 0.5, "final_train_loss": 1.0,
            "seconds": 1.0, "curve": [[recipe.steps, 0.5]]}  # fmt: skip
    cell = {"family": "resnet", "knobs": knobs, "recipe": recipe.identity, "seeds": [seed]}
    return {"format": 1, "about": {}, "cells": {atlas.cell_key("resnet", knobs): cell}}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "does not exist"),
        ('{"format": 1, "cells": {', "cannot be read"),
        ("\x00\x01 not json", "cannot be read"),
        ({"format": 99, "cells": {}}, "is not a valid atlas"),
        ([1, 2, 3], "is not a valid atlas"),
    ],
)
def test_unreadable_files_say_why(tmp_path, content, words):
    path = tmp_path / "atlas.json"
    if content is not None:
        write(path, content)
    with pytest.raises(AtlasUnavailable) as caught:
        atlas.load(path)
    assert words in caught.value.en and HANGUL.search(caught.value.ko) and str(path) in str(caught.value)


@pytest.mark.parametrize(
    "edit",
    [
        lambda cell: cell["seeds"][0].update(test_acc="0.5"),
        lambda cell: cell["seeds"][0].update(test_acc=float("nan")),
        lambda cell: cell["seeds"][0].pop("seconds"),
        lambda cell: cell.update(knobs={"depth": 20}),  # knobs that do not match the key
        lambda cell: cell.update(family="lenet"),
        lambda cell: cell.update(seeds="many"),
    ],
)
def test_hand_edited_cells_are_refused(tmp_path, edit):
    raw = valid_raw()
    edit(next(iter(raw["cells"].values())))
    with pytest.raises(AtlasUnavailable) as caught:
        atlas.load(write(tmp_path / "atlas.json", raw))
    assert "is not a valid atlas" in caught.value.en


def test_a_cell_of_another_recipe_is_left_out(tmp_path):
    raw = valid_raw()
    assert len(atlas.load(write(tmp_path / "a.json", raw))) == 1
    next(iter(raw["cells"].values()))["recipe"] = "resnet-lab@0000000000"
    assert len(atlas.load(write(tmp_path / "b.json", raw))) == 0


@pytest.mark.parametrize("content", [None, "{ truncated", {"format": 1, "cells": {"x": {}}}])
def test_explorers_keep_their_numbers_without_an_atlas(tmp_path, monkeypatch, fresh_caches, content):
    path = tmp_path / "atlas.json"
    if content is not None:
        write(path, content)
    monkeypatch.setattr(atlas, "SHIPPED", path)
    for cls in EXPLORERS.values():
        explorer = cls()
        assert explorer.error is None and explorer.numbers is not None  # the parameter half is intact
        shown = re.sub("<[^>]+>", " ", explorer.accuracy_html.value)
        assert "Accuracy is unavailable" in shown and HANGUL.search(shown) and explorer.accuracy is None


# --------------------------------------------------------------------------- the explorers show it


def test_a_knob_change_shows_that_settings_accuracy(fresh_caches):
    explorer = EXPLORERS["resnet"]()
    explorer.set_state(depth=56, skip=False)
    cell = atlas.lookup("resnet", depth=56, skip=False)
    shown = explorer.accuracy_html.value
    assert explorer.accuracy.cell == cell
    assert f"{cell.test_acc.mean:.1%}" in shown and "<svg" in shown  # mean, and every seed as a dot
    twin = atlas.lookup("resnet", depth=56, skip=True)
    assert f"{twin.test_acc.mean:.1%}" in shown and compare(cell, twin).verdict in shown


def test_a_setting_outside_the_atlas_says_so(fresh_caches):
    explorer = EXPLORERS["resnet"]()
    explorer.set_state(depth=110)
    assert explorer.accuracy.cell is None and explorer.accuracy.estimate_seconds > 0
    assert "not measured yet" in explorer.accuracy_html.value


# --------------------------------------------------------------------------- the builder


@pytest.mark.parametrize(
    ("settings", "knob"),
    [
        ({"families": ["lenet"]}, "grid"),
        ({"seeds": 0}, "seeds"),
        ({"jobs": 0}, "jobs"),
        ({"device": "tpu"}, "device"),
    ],
)
def test_the_builder_refuses_bad_settings_before_training(tmp_path, monkeypatch, settings, knob):
    monkeypatch.setattr(atlas, "train_cell", lambda *a, **k: pytest.fail("trained"))
    with pytest.raises(ConfigError) as caught:
        atlas.build(path=tmp_path / "a.json", progress=False, **settings)
    assert caught.value.knob == knob


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_the_builder_refuses_a_device_this_machine_lacks(tmp_path):
    with pytest.raises(ConfigError) as caught:
        atlas.build(["resnet"], path=tmp_path / "a.json", device="cuda", progress=False)
    assert caught.value.knob == "device"


@pytest.fixture
def tiny_grid(monkeypatch):
    """One cheap cell, two seeds, a six-step recipe — everything in this process (jobs=1)."""
    monkeypatch.setattr(atlas, "GRIDS", {**atlas.GRIDS, "resnet": (({"depth": 8}, 2),)})
    tiny = dataclasses.replace(recipes.RECIPES["resnet-lab"], steps=6, evaluations=2)
    monkeypatch.setitem(recipes.RECIPES, "resnet-lab", tiny)
    return tiny


def test_the_builder_resumes_where_it_stopped(tmp_path, monkeypatch, tiny_grid):
    path = tmp_path / "atlas.json"
    atlas.build(["resnet"], path=path, jobs=1, progress=False)
    (cell,) = atlas.load(path).cells.values()
    assert [s["seed"] for s in cell.seeds] == [0, 1] and cell.recipe == tiny_grid.identity

    calls = []
    real = atlas_build._train_task
    monkeypatch.setattr(atlas_build, "_train_task", lambda *args: calls.append(args) or real(*args))
    atlas.build(["resnet"], path=path, jobs=1, progress=False)
    assert calls == []  # nothing left to do

    raw = json.loads(path.read_text())
    next(iter(raw["cells"].values()))["seeds"].pop(0)  # as if seed 0 had never finished
    path.write_text(json.dumps(raw))
    atlas.build(["resnet"], path=path, jobs=1, progress=False, seeds=3)
    assert [seed for _, _, seed, *_ in calls] == [0, 2]
    (cell,) = atlas.load(path).cells.values()
    assert [s["seed"] for s in cell.seeds] == [0, 1, 2]


def test_a_killed_build_keeps_every_finished_run(tmp_path, monkeypatch, tiny_grid):
    path = tmp_path / "atlas.json"
    real = atlas_build._train_task
    calls = []

    def killed_on_the_second(*args):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C, or a kill, in the middle of the second run
        return real(*args)

    monkeypatch.setattr(atlas_build, "_train_task", killed_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        atlas.build(["resnet"], path=path, jobs=1, progress=False)
    (cell,) = atlas.load(path).cells.values()
    assert [s["seed"] for s in cell.seeds] == [0]
    assert list(tmp_path.glob("*.tmp")) == []  # no half-written file left behind


def test_a_failing_run_is_reported_and_the_others_kept(tmp_path, monkeypatch, tiny_grid):
    path = tmp_path / "atlas.json"
    real = atlas_build._train_task

    def broken_seed_one(family, knobs, seed, *device_and_threads):
        if seed == 1:
            raise RuntimeError("out of memory (simulated)")
        return real(family, knobs, seed, *device_and_threads)

    monkeypatch.setattr(atlas_build, "_train_task", broken_seed_one)
    atlas.build(["resnet"], path=path, jobs=1, progress=False)
    loaded = atlas.load(path)
    (cell,) = loaded.cells.values()
    assert [s["seed"] for s in cell.seeds] == [0]
    assert "out of memory (simulated)" in loaded.about["builds"][-1]["failed"][0]


# --------------------------------------------------------------------------- reproducing cells


@pytest.mark.slow
def test_two_random_cells_reproduce_within_their_seed_spread():
    """Two cells picked at random (seeded), retrained with the recipe and a seed the atlas does not have.

    A new seed is one more draw from the cell's distribution. Tolerance: the atlas mean ± 3 s.d. of
    its seeds, at least ± 4 points — with 3–5 seeds the s.d. itself is uncertain (it can come out
    small by luck), and one CPU thread here vs the build's may change the float sums slightly.
    """
    shipped = atlas.shipped()
    picks = random.Random(11).sample(sorted(shipped.cells), 2)
    for key in picks:
        cell = shipped.cells[key]
        history = atlas.train_cell(cell.family, cell.knobs, seed=100, log=False)
        stat = cell.test_acc
        tolerance = max(3 * stat.sd, 0.04)
        assert abs(history.final_test_acc - stat.mean) <= tolerance, (key, history.final_test_acc, stat)


def test_a_train_press_joins_the_local_atlas_and_bad_log_lines_are_skipped(
    fresh_caches, tmp_path, monkeypatch
):
    tiny = dataclasses.replace(recipes.RECIPES["resnet-lab"], steps=4, evaluations=1)
    monkeypatch.setitem(recipes.RECIPES, "resnet-lab", tiny)
    history = atlas.train_cell("resnet", {"depth": 110}, seed=2, recipe=tiny)  # logged to this test's run log
    log = tmp_path / "runs.jsonl"
    line = json.loads(log.read_text().splitlines()[0])
    broken = [dict(line, config={**line["config"], "tags": {"atlas": {"family": "lenet", "key": "x"}}}),
              dict(line, config={**line["config"], "tags": ["not", "a", "dict"]})]  # fmt: skip
    with log.open("a", encoding="utf-8") as f:
        f.writelines(json.dumps(b) + "\n" for b in broken)
    (cell,) = atlas.local().cells.values()
    assert (
        cell.source == "local"
        and cell.recipe == tiny.identity
        and cell.key == atlas.cell_key("resnet", {"depth": 110})
    )
    assert [s["seed"] for s in cell.seeds] == [2] and cell.test_acc.values == (history.final_test_acc,)


def test_bilingual_fields_go_into_their_own_language():
    from cnnlib import i18n

    line = i18n.t("widget.acc.partner", change="skip=off", stat=("71.0% (시드 3개)", "71.0% (seeds: 3)"))
    ko, en = line.split(" · ", 1)
    assert "시드 3개" in ko and "seeds" not in ko and "seeds: 3" in en and "시드" not in en
