"""Each lesson really shows what it says.

The accuracy lessons read the atlas (several seeds each, instant); the slow tests train for real
(relu_vs_tanh in the paper's regime, and a live re-run of one atlas comparison).
"""

from __future__ import annotations

import json

import pytest

from cnnlib import ConfigError, atlas, data, experiments
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


# --------------------------------------------------------------------------- accuracy lessons (the atlas)

ACCURACY_LESSONS = {
    "dropout_and_augmentation": experiments.dropout_and_augmentation,
    "relu_tanh_accuracy": experiments.relu_tanh_accuracy,
    "lrn_accuracy": experiments.lrn_accuracy,
    "vgg_stacks": experiments.vgg_stacks,
    "vgg_depth": experiments.vgg_depth,
    "vgg_depth_bn": lambda: experiments.vgg_depth(batch_norm=True),
    "inception_reductions": experiments.inception_reductions,
    "degradation": experiments.degradation,
    "depth_curve_resnet": lambda: experiments.depth_curve(True),
    "depth_curve_plain": lambda: experiments.depth_curve(False),
}


@pytest.mark.parametrize("name", ACCURACY_LESSONS)
def test_accuracy_lessons_read_every_seed_from_the_atlas(name):
    result = ACCURACY_LESSONS[name]()
    metric = result.numbers["metric"]
    assert result.runs == {} and result.numbers["source"] == "atlas"  # instant: nothing trained
    for label, cell in result.cells.items():
        stat = cell.stat(metric)
        assert stat.n >= 3 and cell.source == "shipped"
        assert result.numbers["mean"][label] == stat.mean and result.numbers["values"][label] == list(
            stat.values
        )
    for pair, c in result.numbers["comparisons"].items():
        a, b = pair.split(" − ")
        expected = atlas.compare(result.cells[a], result.cells[b], metric)
        assert (c["difference"], c["margin"], c["significant"]) == (
            expected.difference, expected.margin, expected.significant,
        )  # fmt: skip
    assert result.summary().count("\n") + 1 == len(result.cells) + len(result.numbers["comparisons"])


# What the shipped atlas shows beyond its seed noise (95 % Welch interval excludes zero), with the
# sign of each effect. A comparison that is within the noise is asserted to be so: the notebooks
# say "within noise" there, and a rebuilt atlas that changed its mind must change them too.
EFFECTS = {
    # (lesson, comparison): +1 / -1 — larger than the noise, in that direction; 0 — within the noise
    ("relu_tanh_accuracy", "ReLU − tanh"): -1,  # at lab scale (normalised inputs, Adam) tanh ends higher
    ("lrn_accuracy", "LRN − no LRN"): 0,
    ("dropout_and_augmentation", "dropout 0.5 − dropout 0"): 0,
    ("dropout_and_augmentation", "flip − dropout 0.5"): 0,
    ("dropout_and_augmentation", "crop+flip − dropout 0.5"): 0,
    ("dropout_and_augmentation", "crop+flip+PCA − dropout 0.5"): 0,
    ("vgg_stacks", "2 × 3×3 − 1 × 5×5"): 0,
    **{("vgg_depth", pair): 0 for pair in ("A-LRN − A", "B − A", "C − B", "D − C", "E − D", "E − A")},
    ("vgg_depth_bn", "E − A"): -1,  # with batch norm the deepest lab VGG ends lower than A
    ("vgg_depth_bn", "D − C"): 0,
    ("inception_reductions", "1×1 − none"): -1,  # the reduced lab GoogLeNet ends lower …
    ("inception_reductions", "1×1, wider − none"): 0,  # … but not at the same parameter count
    ("degradation", "plain-56 − plain-20"): +1,  # degradation: a higher *training* loss when deeper
    ("degradation", "resnet-56 − plain-56"): -1,  # the shortcuts cure it
    ("degradation", "resnet-56 − resnet-20"): 0,
}


@pytest.mark.parametrize(("lesson", "pair"), list(EFFECTS))
def test_the_lessons_verdicts(lesson, pair):
    comparison = ACCURACY_LESSONS[lesson]().numbers["comparisons"][pair]
    sign = EFFECTS[lesson, pair]
    assert comparison["significant"] == (sign != 0), comparison
    if sign:
        assert sign * comparison["difference"] > 0, comparison


def test_inception_reductions_cut_parameters_and_macs():
    numbers = experiments.inception_reductions().numbers
    assert numbers["paper_params"]["1×1"] * 3 < numbers["paper_params"]["none"]
    assert numbers["paper_macs"]["1×1"] * 2 < numbers["paper_macs"]["none"]
    assert numbers["params"]["1×1"] * 3 < numbers["params"]["none"]
    matched = numbers["params"]["1×1, wider"] / numbers["params"]["none"]
    assert 0.99 < matched < 1.01  # the matched pair: the same parameters, within 1 %


def test_vgg_stacks_compares_networks_of_about_the_same_size():
    params = experiments.vgg_stacks().numbers["params"]
    assert 0.9 < params["2 × 3×3"] / params["1 × 5×5"] < 1.1


def test_a_lesson_without_its_cells_says_what_to_do(monkeypatch):
    monkeypatch.setattr(atlas, "_SHIPPED_CACHE", {"shipped": atlas.Atlas({})})
    with pytest.raises(atlas.AtlasUnavailable) as caught:
        experiments.degradation()
    assert "python -m cnnlib atlas" in caught.value.en and "source='live'" in caught.value.ko


@pytest.mark.slow
def test_a_live_rerun_agrees_with_the_atlas():
    """One fresh seed of each side of the largest effect lands inside the atlas's seed spread."""
    live = experiments.LIVE_CHECK[0](source="live", seeds=[7])
    stored = experiments.LIVE_CHECK[0]()
    pair = experiments.LIVE_CHECK[1]
    a, b = pair.split(" − ")
    for label in (a, b):
        stat = stored.cells[label].test_acc
        assert abs(live.numbers["mean"][label] - stat.mean) <= max(3 * stat.sd, 0.04), label
    difference = live.numbers["mean"][a] - live.numbers["mean"][b]
    assert difference * stored.numbers["comparisons"][pair]["difference"] > 0  # the same direction


@pytest.mark.slow
def test_relu_vs_tanh_at_lab_scale():
    """In the paper's regime (0–255 inputs, small Gaussian init, SGD, each net's own learning rate)
    ReLU reaches 50 % training error clearly faster than tanh (seeds 0, 1, 2 on the lessons' one
    thread: 2.3×, 1.7×, 2.0×)."""
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
    with pytest.raises(ConfigError):
        experiments.lrn_accuracy("live", seeds=[-1])


# --------------------------------------------------------------------------- remembered results


def _fake_lesson(calls: list[int]):
    """A lesson with the real signature and a real History, cheap enough to call many times."""

    @experiments._remembered
    def lesson(setting: str = "quick", *, data=None, seed: int = 0, device=None, steps: int = 3):
        calls.append(seed)
        history = History(name="fake", steps=steps, step_losses=[2.5, 1.25, float("nan")][:steps])
        history.step, history.epoch, history.wall_time = [steps], [0.5], [0.25]
        history.train_loss, history.train_acc = [1.5], [0.125]
        history.test_loss, history.test_acc = [None], [None]
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


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r.update(numbers="not a dict"),
        lambda r: r.update(runs=[1, 2, 3]),
        lambda r: r["runs"]["run"].update(train_loss="oops"),
        lambda r: r["runs"]["run"].update(step=[1, 2]),  # lists of different lengths
        lambda r: r["numbers"].update(speedup="fast"),  # well-formed JSON, wrong number
        lambda r: r.pop("checksum"),
        lambda r: r.update(lesson=None),
    ],
)
def test_a_well_keyed_file_with_wrong_contents_is_recomputed(tmp_path, monkeypatch, damage):
    monkeypatch.setenv(experiments.CACHE_VARIABLE, str(tmp_path))
    calls: list[int] = []
    lesson = _fake_lesson(calls)
    lesson()
    (stored,) = tmp_path.glob("lesson-*.json")
    record = json.loads(stored.read_text())
    damage(record)
    stored.write_text(json.dumps(record))  # the key still matches
    again = lesson()
    assert calls == [0, 0] and again.numbers["speedup"] == 1 / 3
    assert json.loads(stored.read_text())["numbers"]["speedup"] == 1 / 3  # rewritten whole


def test_a_cache_that_cannot_be_written_warns_and_returns_the_result(tmp_path, monkeypatch):
    from cnnlib.errors import NotSavedWarning

    monkeypatch.setenv(experiments.CACHE_VARIABLE, str(tmp_path))
    calls: list[int] = []
    lesson = _fake_lesson(calls)
    lesson()
    (stored,) = tmp_path.glob("lesson-*.json")
    stored.unlink()
    stored.mkdir()  # a folder where the file belongs: os.replace fails
    with pytest.warns(NotSavedWarning) as warned:
        result = lesson()
    assert result.numbers["speedup"] == 1 / 3 and calls == [0, 0]
    message = str(warned[0].message)
    assert "저장하지 못했습니다" in message and "could not save" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == [stored.name]  # no temporary file left behind


@pytest.mark.parametrize("device", ["gpu", "cuda:7", 3.5])
def test_a_bad_device_is_the_same_config_error_with_or_without_the_cache(tmp_path, monkeypatch, device):
    monkeypatch.delenv(experiments.CACHE_VARIABLE, raising=False)
    with pytest.raises(ConfigError) as without:
        experiments.relu_vs_tanh(device=device)
    monkeypatch.setenv(experiments.CACHE_VARIABLE, str(tmp_path))
    with pytest.raises(ConfigError) as cached:
        experiments.relu_vs_tanh(device=device)
    assert type(cached.value) is type(without.value) and str(cached.value) == str(without.value)
