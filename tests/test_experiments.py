"""Each lesson really shows at the quick setting (fixed seed, embedded dataset).

These are the slowest tests (each experiment trains for real, ≤ 60 s on 2 cores); their wall
times are in BENCHMARKS.md.
"""

from __future__ import annotations

import json

import pytest

from cnnlib import ConfigError, data, experiments
from cnnlib.train import History


def test_lrn_inhibits_the_neighbours_of_a_strong_response():
    numbers = experiments.lrn_inhibition().numbers
    peak = 8
    assert numbers["after"][peak] == max(numbers["after"])  # the strong response stays on top
    assert numbers["after"][peak] > 10 * numbers["after"][peak + 1]
    # neighbours of the strong channel are damped more than channels far from it: lateral inhibition
    assert numbers["neighbour_damping"] < numbers["far_damping"] - 0.02


def test_stacked_3x3_have_the_receptive_field_of_a_5x5_or_7x7_with_fewer_parameters():
    numbers = experiments.stacked_convolutions(64).numbers
    assert numbers["params"] == numbers["params_measured"]
    assert (
        numbers["params"]["2 × 3×3"] == 2 * (9 * 64 * 64 + 64) < numbers["params"]["5×5"] == 25 * 64 * 64 + 64
    )
    assert numbers["params"]["3 × 3×3"] < numbers["params"]["7×7"]
    rf = numbers["receptive_field"]
    assert rf["2 × 3×3"] == rf["5×5"] == 5 and rf["3 × 3×3"] == rf["7×7"] == 7


def test_vanishing_and_exploding_gradients():
    numbers = experiments.vanishing_gradients().numbers
    median = numbers["median_norm"]
    assert median["plain, N(0, 0.01), no BN"] < 1e-10  # vanished: nothing would learn
    assert median["plain, 2× He init, no BN"] > 1e2  # exploded
    for remedy in ("plain, He init + BN", "residual, He init + BN"):
        assert 1e-2 < median[remedy] < 1e2
    assert 0.1 < numbers["first_to_last_conv"]["residual, He init + BN"] < 10  # a flat profile


def test_vanishing_and_exploding_signals_layer_by_layer():
    """What notebook 04 plots and says: at each layer's input, the forward RMS and ‖∂L/∂x‖.
    Measured (seed 0, 20 layers): gradient at the image ÷ at the last convolution's input =
    2e-18 (N(0, 0.01)), 390 (2× He), 27 (He + BN, plain), 8 (He + BN, residual)."""
    signals = experiments.vanishing_gradients().numbers["signals"]
    assert all(len(rows) == 20 for rows in signals.values())  # 19 convolutions and the FC layer

    def forward(label: str) -> float:  # how much the signal grew from the image to the FC layer
        return signals[label][-1].rms / signals[label][0].rms

    def backward(label: str) -> float:  # how much the gradient grew from the last conv back to the image
        rows = signals[label]
        return rows[0].grad_norm / rows[-2].grad_norm

    small, big = "plain, N(0, 0.01), no BN", "plain, 2× He init, no BN"
    plain, residual = "plain, He init + BN", "residual, He init + BN"
    assert forward(small) < 1e-15 and 0 < backward(small) < 1e-15  # both vanish, ~10× per layer
    assert forward(big) > 100 and backward(big) > 100  # both explode
    assert all(0.3 < row.rms < 1.5 for row in signals[plain])  # batch norm resets the scale
    assert backward(plain) > 10  # yet the gradient still grows toward the input
    assert 1 < backward(residual) < backward(plain) / 2  # the shortcuts keep it flatter


@pytest.mark.slow
def test_augmentation_shrinks_the_train_test_gap():
    numbers = experiments.dropout_and_augmentation().numbers
    gap, acc = numbers["gap"], numbers["test_acc"]
    assert gap["plain"] > 0.5  # 500 images: the plain network memorises them
    assert gap["augmentation"] < gap["plain"] - 0.1
    assert acc["augmentation"] > acc["plain"]
    assert gap["dropout"] < gap["plain"]


@pytest.mark.slow
def test_lrn_has_a_small_effect_on_accuracy():
    acc = experiments.lrn_accuracy().numbers["test_acc"]
    assert all(a > 0.3 for a in acc.values())  # both learn
    assert abs(acc["LRN"] - acc["no LRN"]) < 0.1


@pytest.mark.slow
def test_stacked_3x3_train_at_least_as_well_as_5x5():
    numbers = experiments.vgg_stacks().numbers
    acc = numbers["test_acc"]
    assert acc["2 × 3×3"] >= acc["1 × 5×5"] - 0.02


@pytest.mark.slow
def test_inception_reductions_cut_parameters_and_macs_not_accuracy():
    numbers = experiments.inception_reductions().numbers
    assert numbers["paper_params"]["1×1"] * 3 < numbers["paper_params"]["none"]
    assert numbers["paper_macs"]["1×1"] * 2 < numbers["paper_macs"]["none"]
    assert numbers["params"]["1×1"] < numbers["params"]["none"]
    acc = numbers["test_acc"]
    assert min(acc.values()) > 0.2  # both learn within the quick budget
    # 200 steps is early training: seeds 0, 1, 2 measured 1×1 0.32/0.33/0.35 vs none 0.41/0.19/0.34, so
    # the sign of the gap changes with the seed and only "within the seed noise" can be asserted.
    assert abs(acc["1×1"] - acc["none"]) < 0.2


@pytest.mark.slow
def test_degradation_is_a_training_problem_that_shortcuts_fix():
    result = experiments.degradation()
    loss = result.numbers["final_train_loss"]
    shallow, deep = result.numbers["shallow"], result.numbers["deep"]
    assert loss[f"plain-{deep}"] > loss[f"plain-{shallow}"]  # deeper plain: worse on the TRAINING set
    assert loss[f"plain-{deep}"] > loss[f"resnet-{deep}"]  # the residual twin trains fine


@pytest.mark.slow
def test_relu_vs_tanh_at_lab_scale():
    """In the paper's regime (0–255 inputs, small Gaussian init, SGD, each net's own learning rate)
    ReLU reaches 50 % training error clearly faster than tanh (seeds 0, 1, 2: 2.8×, 1.7×, 2.6×)."""
    result = experiments.relu_vs_tanh()
    reached = result.numbers["steps_to_target"]
    assert reached["relu"] is not None and reached["tanh"] is not None  # both get there in 800 steps
    assert result.numbers["speedup"] == reached["tanh"] / reached["relu"]
    assert result.numbers["speedup"] >= 1.5
    for label, history in result.runs.items():
        assert history.steps == reached[label]  # each run stopped at its target
        assert 1 - history.train_acc[-1] <= result.numbers["target_error"]


def test_bad_settings():
    with pytest.raises(ConfigError):
        experiments.degradation("medium")
    with pytest.raises(ConfigError):
        experiments.vgg_stacks(data="cifar10")


# --------------------------------------------------------------------------- remembered results


def _fake_lesson(calls: list[int]):
    """A lesson with the real signature and a real History, cheap enough to call many times."""

    @experiments._remembered
    def lesson(setting: str = "quick", *, data=None, seed: int = 0, device=None, steps: int = 3):
        calls.append(seed)
        history = History(name="fake", steps=steps, step_losses=[2.5, 1.25, float("nan")][:steps])
        history.train_acc = [0.125]
        history.test_acc = [None]
        return experiments.Result("fake", {"run": history}, {"speedup": 1 / 3, "steps": {"a": 1, "b": None}})

    return lesson


def test_a_remembered_lesson_trains_once_per_key(tmp_path, monkeypatch):
    monkeypatch.setenv(experiments.CACHE_VARIABLE, str(tmp_path))
    calls: list[int] = []
    lesson = _fake_lesson(calls)
    first = lesson()
    again = lesson("quick", seed=0)  # the same arguments, written differently
    assert calls == [0]
    assert again.numbers == first.numbers and again.lesson == "fake"
    assert again.runs["run"].to_dict() == first.runs["run"].to_dict()  # exact, NaN included
    lesson(seed=1)
    lesson(steps=2)
    assert calls == [0, 1, 0]  # another seed or budget is another result
    assert len(list(tmp_path.glob("lesson-*.json"))) == 3


def test_a_half_written_result_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setenv(experiments.CACHE_VARIABLE, str(tmp_path))
    calls: list[int] = []
    lesson = _fake_lesson(calls)
    lesson()
    (stored,) = tmp_path.glob("lesson-*.json")
    stored.write_text(stored.read_text()[:40])  # a writer killed mid-file
    assert lesson().numbers["speedup"] == 1 / 3
    assert calls == [0, 0]
    assert json.loads(stored.read_text())["numbers"]["speedup"] == 1 / 3  # rewritten whole


def test_without_the_variable_nothing_is_stored(tmp_path, monkeypatch):
    monkeypatch.delenv(experiments.CACHE_VARIABLE, raising=False)
    calls: list[int] = []
    lesson = _fake_lesson(calls)
    lesson()
    lesson()
    assert calls == [0, 0]


def test_other_data_is_another_key(tmp_path, monkeypatch):
    monkeypatch.setenv(experiments.CACHE_VARIABLE, str(tmp_path))
    calls: list[int] = []
    lesson = _fake_lesson(calls)
    train, test = data.load()
    lesson(data=(train, test))
    lesson(data=None)  # the embedded dataset is the same data
    lesson(data=(train.subset(100, seed=0), test))
    assert calls == [0, 0]


def test_an_unwritable_cache_folder_is_a_config_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(experiments.CACHE_VARIABLE, str(blocker / "cache"))
    with pytest.raises(ConfigError) as error:
        _fake_lesson([])()
    assert experiments.CACHE_VARIABLE in str(error.value) and "폴더" in str(error.value)
