"""Tests for cnnlib.train: fit, History, and the run log.

The data is a tiny stand-in that follows the ``cnnlib.data.ImageDataset`` contract:
256 random 3×16×16 images in 4 classes, where class ``c`` brightens quadrant ``c`` —
easy enough that a small CNN learns it in a few dozen steps.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

import cnnlib
from cnnlib import ConfigError, i18n
from cnnlib.train import History, RunTable, default_log_path, fit, log_run, pick_device, runs

HANGUL = re.compile("[가-힣]")
N_CLASSES = 4
SIZE = 16


class ToyDataset(torch.utils.data.Dataset):
    """A stand-in for cnnlib.data.ImageDataset with a learnable signal."""

    def __init__(self, n: int = 256, seed: int = 0, channels: int = 3) -> None:
        g = torch.Generator().manual_seed(seed)
        self.labels = torch.randint(0, N_CLASSES, (n,), generator=g)
        self.images = torch.rand(n, channels, SIZE, SIZE, generator=g) * 0.5
        half = SIZE // 2
        for c in range(N_CLASSES):
            row, col = divmod(c, 2)
            self.images[
                self.labels == c, :, row * half : (row + 1) * half, col * half : (col + 1) * half
            ] += 0.5
        self.classes = [(f"클래스{c}", f"class{c}") for c in range(N_CLASSES)]
        self.name = f"toy{seed}"
        self.mean = (0.5,) * channels
        self.std = (0.25,) * channels
        self.transform = None

    @property
    def num_classes(self) -> int:
        return len(self.classes)

    @property
    def channels(self) -> int:
        return self.images.shape[1]

    @property
    def image_size(self) -> int:
        return self.images.shape[-1]

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int):
        x, y = self.get_batch(torch.tensor([i]))
        return x[0], y[0]

    def get_batch(self, index: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mean = torch.tensor(self.mean).view(1, -1, 1, 1)
        std = torch.tensor(self.std).view(1, -1, 1, 1)
        return (self.images[index] - mean) / std, self.labels[index]


class SmallNet(nn.Module):
    """A cnnlib-style model: carries num_classes, in_channels, input_size and config."""

    def __init__(self, num_classes: int = N_CLASSES, in_channels: int = 3, input_size: int = SIZE) -> None:
        super().__init__()
        self.num_classes, self.in_channels, self.input_size = num_classes, in_channels, input_size
        self.config = {"name": "small", "width": 8, "activation": nn.ReLU}
        self.features = nn.Sequential(nn.Conv2d(in_channels, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Dropout(0.2), nn.Linear(8 * (input_size // 2) ** 2, num_classes)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


def plain_net(in_channels: int = 3, num_classes: int = N_CLASSES, flat: int = 8 * 8 * 8) -> nn.Module:
    """A model without cnnlib attributes: fit must find problems by running it."""
    return nn.Sequential(
        nn.Conv2d(in_channels, 8, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(flat, num_classes),
    )


def small_net(seed: int = 0, **kwargs) -> SmallNet:
    torch.manual_seed(seed)
    return SmallNet(**kwargs)


# 256 images / 32 = 8 steps per epoch. One CPU thread: "same seed → same numbers" holds for the
# same thread counts (cnnlib.threads), and "auto" may pick others from one run to the next.
QUIET = {"progress": False, "batch_size": 32, "threads": 1}


@pytest.fixture(scope="module")
def train_data() -> ToyDataset:
    return ToyDataset(256, seed=0)


@pytest.fixture(scope="module")
def test_data() -> ToyDataset:
    return ToyDataset(128, seed=1)


@pytest.fixture(autouse=True)
def run_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test logs to its own file, never to the real home directory."""
    path = tmp_path / "log" / "runs.jsonl"
    monkeypatch.setenv("CNNLIB_RUN_LOG", str(path))
    yield path
    cnnlib.set_language("both")


def numbers_of(history: History) -> dict:
    """The measured numbers (not the timings) of a run."""
    keys = ("step", "epoch", "train_loss", "train_acc", "test_loss", "test_acc", "step_losses", "steps")
    return {key: getattr(history, key) for key in keys}


def assert_bilingual(error: pytest.ExceptionInfo) -> None:
    message = str(error.value)
    assert HANGUL.search(message), message
    assert "not allowed" in message, message


# --- learning and determinism ---


def test_fit_learns_above_chance(train_data, test_data, run_log):
    history = fit(small_net(), train_data, test_data, epochs=3, **QUIET)
    assert history.final_train_acc > 0.6  # chance is 0.25
    assert history.final_test_acc > 0.6
    assert history.step_losses[-1] < history.step_losses[0]
    assert history.params == sum(p.numel() for p in SmallNet().parameters())
    assert history.name == "small"  # from the model's config
    assert history.config["model"]["activation"] == "ReLU"  # JSON-ready
    assert history.config["training"]["optimizer"] == "adam"
    assert history.device == "cpu"
    assert not history.interrupted
    assert run_log.exists()


def test_same_seed_same_numbers_and_other_seed_differs(train_data, test_data):
    # The same thread counts too (cnnlib.threads: "auto" may choose others on a busy machine):
    # replaying the first run's counts repeats it bit for bit.
    first = fit(small_net(), train_data, test_data, steps=12, seed=3, **(QUIET | {"threads": "auto"}))
    used = first.config["threads"]["used"]
    again = fit(small_net(), train_data, test_data, steps=12, seed=3, **(QUIET | {"threads": used}))
    assert again.config["threads"] == {"policy": "replay", "used": used}
    other = fit(small_net(), train_data, test_data, steps=12, seed=4, **QUIET)
    assert numbers_of(first) == numbers_of(again)
    assert first.step_losses != other.step_losses


class FlippedToy(ToyDataset):
    """The toy data with a random horizontal flip drawn from torch's global generator."""

    def get_batch(self, index: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        images, labels = super().get_batch(index)
        flip = torch.rand(len(images)) < 0.5  # the global generator, as cnnlib's augmentations use it
        return torch.where(flip.view(-1, 1, 1, 1), images.flip(-1), images), labels


@pytest.fixture(scope="module")
def flipped_data() -> FlippedToy:
    return FlippedToy(256, seed=0)


def seeded_run(data, **kwargs) -> History:
    # SmallNet has dropout and the data a random flip: both draw from torch's global generator
    return fit(small_net(0), data, steps=10, seed=5, log=False, **QUIET, **kwargs)


def test_a_seeded_fit_does_not_depend_on_or_change_the_global_random_state(flipped_data):
    solo = seeded_run(flipped_data)
    model = small_net(0)
    torch.manual_seed(1234)
    torch.rand(12345)  # other code drew random numbers before
    caller = torch.get_rng_state()
    after_others = fit(model, flipped_data, steps=10, seed=5, log=False, **QUIET)
    assert numbers_of(after_others) == numbers_of(solo)
    assert torch.equal(torch.get_rng_state(), caller)  # the caller's random state is as it was


def test_a_seeded_fit_gives_the_numbers_of_torch_manual_seed(flipped_data):
    # What fit did before it had a stream of its own: solo runs (and the atlas) keep their numbers.
    model = small_net(0)
    seeded = seeded_run(flipped_data)
    torch.manual_seed(5)
    g = torch.Generator().manual_seed(5)
    assert torch.equal(torch.get_rng_state(), g.get_state())
    assert seeded.step_losses == fit(model, flipped_data, steps=10, seed=5, log=False, **QUIET).step_losses


def test_two_fits_side_by_side_in_threads_reproduce_the_solo_run(flipped_data):
    solo = seeded_run(flipped_data)
    results: dict[int, History] = {}
    models = [small_net(0), small_net(0)]
    start = threading.Barrier(2)

    def run(i: int) -> None:
        start.wait()
        results[i] = fit(models[i], flipped_data, steps=10, seed=5, log=False, **QUIET)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert numbers_of(results[0]) == numbers_of(solo) == numbers_of(results[1])


def test_drawing_from_lends_a_generator_and_gives_the_caller_its_state_back():
    # The one mechanism behind fit's own stream and the augmentations' generators, nested as in fit.
    from cnnlib import rng

    torch.manual_seed(1234)
    caller = torch.get_rng_state()
    ours, inner = torch.Generator().manual_seed(1), torch.Generator().manual_seed(2)
    with rng.drawing_from(ours):
        first = torch.rand(3)
        with rng.drawing_from(inner, None):  # an augmentation inside fit's block
            nested = torch.rand(2)
        second = torch.rand(3)
    assert torch.equal(torch.get_rng_state(), caller)
    reference = torch.Generator().manual_seed(1)
    assert torch.equal(first, torch.rand(3, generator=reference))
    assert torch.equal(second, torch.rand(3, generator=reference))
    assert torch.equal(nested, torch.rand(2, generator=torch.Generator().manual_seed(2)))
    assert torch.equal(ours.get_state(), reference.get_state())  # the stream continues next time


def test_training_a_model_that_is_already_training_is_a_config_error(train_data):
    model = small_net(0)
    inside, release = threading.Event(), threading.Event()
    finished: list[History] = []

    def hold(history: History) -> None:  # the first training pauses after its first evaluation
        inside.set()
        release.wait(60)

    first = threading.Thread(
        target=lambda: finished.append(fit(model, train_data, steps=4, eval_every=2, callback=hold, **QUIET))
    )
    first.start()
    try:
        assert inside.wait(60)
        with pytest.raises(ConfigError) as info:
            fit(model, train_data, steps=2, **QUIET)
        assert info.value.knob == "model" and "another thread" in str(info.value)
        assert_bilingual(info)
    finally:
        release.set()
        first.join(60)
    assert finished and finished[0].steps == 4 and not finished[0].interrupted  # untouched by the refusal
    assert fit(model, train_data, steps=2, **QUIET).steps == 2  # free again afterwards


def test_a_refused_model_check_frees_the_model(train_data):
    model = small_net(0, num_classes=3)  # the data has 4 classes
    for _ in range(2):  # the second call is refused for the same reason, not as "already training"
        with pytest.raises(ConfigError, match="class"):
            fit(model, train_data, steps=2, **QUIET)


def test_an_interrupt_during_evaluation_keeps_the_step_losses(train_data, test_data, monkeypatch):
    import cnnlib.train as train_module

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(train_module, "_evaluate", interrupted)
    history = fit(small_net(), train_data, test_data, epochs=2, **QUIET)
    assert history.interrupted and history.steps == 8 == len(history.step_losses)


def test_model_stays_on_device_in_eval_mode(train_data):
    model = small_net()
    fit(model, train_data, steps=2, device="cpu", **QUIET)
    assert next(model.parameters()).device.type == "cpu"
    assert not model.training
    assert pick_device().type in ("cuda", "mps", "cpu")


def test_sgd_and_auxiliary_outputs(train_data, test_data):
    class WithAux(nn.Module):  # GoogLeNet-style: (main, aux) logits while training
        def __init__(self) -> None:
            super().__init__()
            self.body = plain_net()
            self.aux = nn.Sequential(nn.Flatten(), nn.Linear(3 * SIZE * SIZE, N_CLASSES))

        def forward(self, x):
            return (self.body(x), self.aux(x)) if self.training else self.body(x)

    torch.manual_seed(0)
    history = fit(WithAux(), train_data, test_data, epochs=2, optimizer="SGD", lr=0.05, **QUIET)
    assert history.config["training"]["momentum"] == 0.9
    assert history.final_test_acc is not None
    assert all(math.isfinite(x) for x in history.step_losses)


# --- budgets ---


def test_steps_budget_is_exact(train_data, test_data):
    history = fit(small_net(), train_data, test_data, steps=7, eval_every=3, **QUIET)
    assert history.steps == 7 == len(history.step_losses)
    assert history.step == [3, 6, 7]  # the last partial stretch is evaluated too
    assert history.stop_reason == "steps"
    assert history.epochs == pytest.approx(7 / 8)


def test_epochs_budget_is_exact(train_data, test_data):
    history = fit(small_net(), train_data, test_data, epochs=2, **QUIET)
    assert history.steps == 16 and history.epochs == 2.0
    assert history.epoch == [1.0, 2.0]  # one evaluation per epoch
    assert len(history.test_acc) == len(history.train_acc) == len(history.wall_time) == 2
    assert history.stop_reason == "epochs"


def test_default_budget_is_one_epoch_and_budgets_combine(train_data):
    assert fit(small_net(), train_data, **QUIET).steps == 8
    combined = fit(small_net(), train_data, epochs=3, steps=5, **QUIET)
    assert combined.steps == 5 and combined.stop_reason == "steps"


def test_seconds_budget_stops(train_data, test_data):
    history = fit(small_net(), train_data, test_data, seconds=0.3, max_eval=64, **QUIET)
    assert history.stop_reason == "seconds"
    assert history.steps >= 1 and history.step[-1] == history.steps


def test_no_test_set_records_none(train_data):
    history = fit(small_net(), train_data, steps=4, **QUIET)
    assert history.test_acc[-1] is None and history.final_test_acc is None
    assert history.final["train_acc"] is not None


# --- stopping early ---


def test_stop_event_is_honoured(train_data, test_data, run_log):
    event = threading.Event()

    def press_stop(history: History) -> None:  # what the widget's Stop button does
        event.set()

    history = fit(
        small_net(), train_data, test_data, epochs=5, eval_every=2, callback=press_stop, stop=event, **QUIET
    )
    assert history.steps == 2 and history.stop_reason == "stop" and history.interrupted
    assert runs().rows[-1]["interrupted"] is True

    already_set = fit(small_net(), train_data, epochs=1, stop=event, log=False, **QUIET)
    assert already_set.steps == 0 and already_set.step == []


def test_stop_checked_after_every_step(train_data):
    class StopAfter:
        def __init__(self, n: int) -> None:
            self.calls, self.n = 0, n

        def is_set(self) -> bool:
            self.calls += 1
            return self.calls > self.n

    history = fit(small_net(), train_data, epochs=5, stop=StopAfter(5), **QUIET)
    assert history.steps == 5 == len(history.step_losses)
    assert history.step[-1] == 5  # a clean stop still evaluates the last steps


def test_keyboard_interrupt_keeps_history_and_logs_it(train_data, test_data, run_log):
    class InterruptedNet(SmallNet):
        training_calls = 0

        def forward(self, x):
            if self.training:
                self.training_calls += 1
                if self.training_calls == 11:  # the kernel interrupt arrives during step 11
                    raise KeyboardInterrupt
            return super().forward(x)

    torch.manual_seed(0)
    history = fit(InterruptedNet(), train_data, test_data, epochs=5, **QUIET)
    assert history.interrupted and history.stop_reason == "interrupt"
    assert history.steps == 10 == len(history.step_losses)
    assert history.step == [8]  # the evaluation after epoch 1 was kept
    row = runs().rows[-1]
    assert row["interrupted"] is True and row["steps"] == 10


def test_keyboard_interrupt_in_callback(train_data):
    def interrupt(history: History) -> None:
        raise KeyboardInterrupt

    history = fit(small_net(), train_data, epochs=3, callback=interrupt, **QUIET)
    assert history.interrupted and history.steps == 8 and len(history.step) == 1


# --- settings checked before training ---


@pytest.mark.parametrize(
    "settings_",
    [
        {"epochs": 0},
        {"epochs": -1},
        {"epochs": 1.5},
        {"epochs": "3"},
        {"epochs": True},
        {"steps": 0},
        {"steps": None, "seconds": 0},
        {"seconds": -1.0},
        {"seconds": float("nan")},
        {"seconds": "10"},
        {"batch_size": 0},
        {"batch_size": 257},  # more than the 256 training images
        {"optimizer": "rmsprop"},
        {"lr": 0},
        {"lr": float("inf")},
        {"weight_decay": -0.1},
        {"seed": -1},
        {"eval_every": 0},
        {"max_eval": 0},
        {"live": "yes"},
        {"progress": "no"},
        {"device": "tpu"},
        {"device": "cuda:99"},
        {"callback": 3},
        {"stop": object()},
        {"name": 7},
        {"log": 3},
    ],
)
def test_bad_settings_raise_bilingual_config_error(train_data, run_log, settings_):
    model = small_net()
    before = [p.clone() for p in model.parameters()]
    with pytest.raises(ConfigError) as error:
        fit(model, train_data, **{"progress": False, **settings_})
    assert_bilingual(error)
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))  # untouched
    assert not run_log.exists()


def test_not_a_dataset(train_data):
    with pytest.raises(ConfigError) as error:
        fit(small_net(), [1, 2, 3], progress=False)
    assert_bilingual(error)
    with pytest.raises(ConfigError) as error:
        fit(small_net(), train_data, test=ToyDataset(8, channels=1).images, progress=False)
    assert_bilingual(error)


def test_wrong_number_of_classes(train_data):
    with pytest.raises(ConfigError) as error:  # the model says so in an attribute
        fit(small_net(num_classes=10), train_data, progress=False)
    assert_bilingual(error)
    assert "10" in str(error.value) and "outputs 10 classes" in str(error.value)
    with pytest.raises(ConfigError) as error:  # found by running one image through it
        fit(plain_net(num_classes=10), train_data, progress=False)
    assert "outputs 10 classes but the dataset has 4" in str(error.value)


def test_wrong_input_channels(train_data):
    with pytest.raises(ConfigError) as error:
        fit(small_net(in_channels=1), train_data, progress=False)
    assert_bilingual(error)
    assert "1-channel" in str(error.value)
    with pytest.raises(ConfigError) as error:
        fit(plain_net(in_channels=1), train_data, progress=False)
    assert_bilingual(error)
    assert "[N, 3, 16, 16]" in str(error.value)  # the dataset's image shape
    assert "PyTorch says" in str(error.value)


def test_wrong_input_size_names_both_shapes(train_data):
    with pytest.raises(ConfigError) as error:
        fit(small_net(input_size=32), train_data, progress=False)  # expects 32×32, gets 16×16
    assert_bilingual(error)
    message = str(error.value)
    assert "[N, 3, 32, 32]" in message and "[N, 3, 16, 16]" in message


def test_model_on_meta_device_is_refused(train_data):
    with torch.device("meta"):
        model = SmallNet()
    with pytest.raises(ConfigError) as error:
        fit(model, train_data, progress=False)
    assert_bilingual(error)
    assert "meta" in str(error.value)


def test_unwritable_log_is_refused_before_training(train_data, tmp_path, monkeypatch):
    class CountingNet(SmallNet):
        calls = 0

        def forward(self, x):
            self.calls += 1
            return super().forward(x)

    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    for log in (blocker / "runs.jsonl", tmp_path):  # a file in the way; a folder, not a file
        model = CountingNet()
        with pytest.raises(ConfigError) as error:
            fit(model, train_data, log=log, progress=False)
        assert_bilingual(error)
        assert model.calls == 0  # refused before even the trial forward
    monkeypatch.setenv("CNNLIB_RUN_LOG", str(blocker / "sub" / "runs.jsonl"))
    with pytest.raises(ConfigError):
        fit(small_net(), train_data, progress=False)


# --- the run log ---


def test_runs_table(train_data, test_data, run_log):
    assert len(runs()) == 0 and runs().skipped == 0  # no file yet: an empty table
    fit(small_net(), train_data, test_data, steps=3, name="첫째", **QUIET)
    fit(small_net(), train_data, steps=3, name="second", **QUIET)
    other = run_log.parent / "other.jsonl"
    fit(small_net(), train_data, steps=2, log=other, **QUIET)

    table = runs()
    assert isinstance(table, RunTable) and table.path == run_log == default_log_path()
    assert [row["name"] for row in table.rows] == ["첫째", "second"]
    row = table.rows[0]
    assert set(row) == set(RunTable.COLUMNS)
    assert row["dataset"] == "toy0" and row["steps"] == 3 and row["test_acc"] is not None
    assert table.rows[1]["test_acc"] is None
    assert table.histories()[0].step_losses == History.from_dict(table.records[0]).step_losses
    assert len(runs(other)) == 1

    html_text = table._repr_html_()
    assert "<table>" in html_text and "테스트 정확도 · Test acc" in html_text and "첫째" in html_text
    text = str(table)
    assert "Test acc" in text and len(text.splitlines()) == 4  # header, rule, two runs
    cnnlib.set_language("en")
    assert "테스트" not in table._repr_html_()

    figure = table.plot()
    figure.savefig(io.BytesIO(), format="png")  # draws every glyph: no missing-font warnings
    assert len(figure.axes) == 1


def test_truncated_line_is_skipped_and_next_run_is_kept(train_data, run_log):
    history = fit(small_net(), train_data, steps=2, **QUIET)
    whole = run_log.read_bytes()
    with open(run_log, "ab") as f:
        f.write(whole[: len(whole) // 2])  # a writer died halfway through its line
    assert len(runs()) == 1 and runs().skipped == 1
    log_run(History(name="after"))  # starts on a fresh line, so it survives
    table = runs()
    assert [row["name"] for row in table.rows] == [history.name, "after"]
    assert table.skipped == 1
    assert "1" in str(table).splitlines()[-1]  # the table mentions the skipped line


def test_run_log_survives_sigkill_mid_write(tmp_path):
    path = tmp_path / "crash.jsonl"
    writer = (
        "import sys\n"
        "from cnnlib.train import History, log_run\n"
        "h = History(name='crash', step_losses=[0.123456789] * 20000, train_acc=[0.5], test_acc=[None])\n"
        "i = 0\n"
        "while True:\n"
        "    h.steps = i\n"
        "    log_run(h, sys.argv[1])\n"
        "    i += 1\n"
        "    if i == 3:\n"
        "        print('ready', flush=True)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", writer, str(path)], stdout=subprocess.PIPE)
    try:
        assert process.stdout.readline().strip() == b"ready"
        time.sleep(0.3)  # let it write a few more lines, then kill it wherever it is
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()

    raw = path.read_bytes()
    complete = raw.split(b"\n")[:-1]  # every line that got its newline
    assert len(complete) >= 3
    for line in complete:
        assert json.loads(line)["name"] == "crash"
    table = runs(path)
    assert len(table) == len(complete)
    assert table.skipped == (0 if raw.endswith(b"\n") else 1)
    assert [row["steps"] for row in table.rows] == list(range(len(complete)))


# --- History ---


def test_history_plot_and_repr(train_data, test_data):
    history = fit(small_net(), train_data, test_data, steps=6, eval_every=2, **QUIET)
    figure = history.plot()
    figure.savefig(io.BytesIO(), format="png")
    assert len(figure.axes) == 2
    from matplotlib.figure import Figure

    mine = Figure()
    assert history.plot(ax=mine.subplots(1, 2)) is mine
    with pytest.raises(ConfigError):
        history.plot(ax=[mine.axes[0]])
    assert "History(name='small'" in repr(history) and "step_losses" not in repr(history)


def test_steps_to_loss():
    history = History(step_losses=[2.0, 1.0, 3.0, 0.5, 0.4])
    assert history.steps_to_loss(1.0) == 2
    # running means of two: 1.5, 2.0, 1.75, 0.45 → first ≤ 1 after step 5
    assert history.steps_to_loss(1.0, window=2) == 5
    assert history.steps_to_loss(0.1) is None


def test_add_evaluation_appends_one_entry_to_every_list_and_updates_the_totals():
    """fit and reproduce.train both record an evaluation through this one method."""
    history = History(steps_per_epoch=4)
    history.add_evaluation(2, ([1.0, 0.5], 0.75, 0.5), (None, None), 1.5)
    history.add_evaluation(6, ([0.25], 0.25, 1.0), (0.3, 0.9), 4.0)
    assert history.step == [2, 6] and history.epoch == [0.5, 1.5]
    assert history.step_losses == [1.0, 0.5, 0.25]
    assert history.train_loss == [0.75, 0.25] and history.train_acc == [0.5, 1.0]
    assert history.test_loss == [None, 0.3] and history.test_acc == [None, 0.9]
    assert history.wall_time == [1.5, 4.0]
    assert (history.steps, history.epochs, history.seconds) == (6, 1.5, 4.0)


def test_live_view_updates_one_figure(train_data, test_data, monkeypatch):
    import IPython.display

    shown = []

    class Handle:
        updates = 0

        def update(self, figure):
            self.updates += 1

    handle = Handle()

    def fake_display(figure, display_id=False):
        shown.append(figure)
        assert display_id is True
        return handle

    monkeypatch.setattr("cnnlib.train._in_notebook", lambda: True)
    monkeypatch.setattr(IPython.display, "display", fake_display)
    cnnlib.set_language("ko")
    history = fit(small_net(), train_data, test_data, steps=6, eval_every=2, **QUIET)
    assert len(shown) == 1 and handle.updates == len(history.step) - 1 == 2
    assert len(shown[0].axes) == 2
    shown[0].savefig(io.BytesIO(), format="png")  # Korean labels render with the bundled font

    shown.clear()
    fit(small_net(), train_data, steps=2, live=False, **QUIET)
    assert shown == []


def test_progress_bar_runs(train_data, capsys):
    fit(small_net(), train_data, steps=3, batch_size=32)
    assert "small" in capsys.readouterr().err  # tqdm writes to stderr; the library never prints
    assert capsys.readouterr().out == ""


def test_history_round_trip_of_a_real_run(train_data, test_data):
    history = fit(small_net(), train_data, test_data, steps=5, **QUIET)
    data = json.loads(json.dumps(history.to_dict(), allow_nan=False))
    assert History.from_dict(data) == history


finite = st.floats(allow_nan=False, allow_infinity=False)
any_float = st.floats()
json_leaf = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | finite | st.text(max_size=5)


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(max_size=10),
    config=st.dictionaries(st.text(max_size=5), json_leaf | st.lists(json_leaf, max_size=3), max_size=4),
    steps=st.integers(0, 10**6),
    losses=st.lists(any_float, max_size=20),
    accs=st.lists(st.none() | any_float, max_size=5),
    interrupted=st.booleans(),
)
def test_history_to_dict_from_dict_round_trip(name, config, steps, losses, accs, interrupted):
    history = History(
        name=name,
        config=config,
        steps=steps,
        epochs=steps / 7,
        step=list(range(len(accs))),
        epoch=[float(i) for i in range(len(accs))],
        train_loss=[1.0] * len(accs),
        train_acc=[0.5] * len(accs),
        test_loss=accs,
        test_acc=accs,
        wall_time=[0.1] * len(accs),
        step_losses=losses,
        interrupted=interrupted,
    )
    data = history.to_dict()
    text = json.dumps(data, allow_nan=False)  # standard JSON: NaN and ∞ are stored as strings
    again = History.from_dict(json.loads(text))
    assert again.to_dict() == data
    if all(math.isfinite(x) for x in losses) and all(a is None or math.isfinite(a) for a in accs):
        assert again == history


def test_i18n_keys_exist_in_both_languages():
    keys = [key for key in i18n.STRINGS if key.startswith("train.")]
    assert keys and all(all(i18n.STRINGS[key]) for key in keys)


# --- numbers of the wrong kind (issue 14) ---


@pytest.mark.parametrize(
    "settings_",
    [
        {"lr": 10**400},  # no float holds it: OverflowError before
        {"seconds": 10**400},
        {"weight_decay": 10**400},
        {"steps": 10**400},
        {"epochs": 2**63},
        {"seed": 2**64},  # torch's seeds are 64-bit
        {"lr": "array"},
        {"steps": "tensor"},
        {"live": "array"},  # 'ambiguous truth value' before
        {"schedule": "array"},
        {"device": "tensor"},
    ],
    ids=repr,
)
def test_wrong_kinds_of_numbers_are_config_errors(train_data, run_log, settings_):
    import numpy as np

    odd = {"array": np.array([0.1, 0.2]), "tensor": torch.tensor([1, 2])}
    settings_ = {k: odd.get(v, v) if isinstance(v, str) else v for k, v in settings_.items()}
    with pytest.raises(ConfigError) as error:
        fit(small_net(), train_data, **{"progress": False, **settings_})
    assert_bilingual(error)
    assert not run_log.exists()


def test_numpy_scalars_train_like_python_numbers(train_data, test_data):
    import numpy as np

    ours = fit(small_net(), train_data, test_data, steps=np.int64(4), batch_size=np.int32(32),
               seed=np.uint8(3), lr=np.float64(1e-3), progress=False)  # fmt: skip
    plain = fit(small_net(), train_data, test_data, steps=4, batch_size=32, seed=3, lr=1e-3, progress=False)
    assert numbers_of(ours) == numbers_of(plain)
    assert ours.config["training"] == plain.config["training"]


@settings(max_examples=60, deadline=None)
@given(
    knob=st.sampled_from(["lr", "seconds", "steps", "epochs", "seed", "weight_decay", "warmup", "max_eval"]),
    value=st.one_of(
        st.integers(-(10**400), 10**400),
        st.floats(),
        st.booleans(),
        st.text(max_size=3),
        st.builds(lambda: __import__("numpy").array([1.0, 2.0])),
        st.builds(lambda: torch.tensor([1.0])),
    ),
)
def test_any_number_for_a_setting_is_accepted_or_a_config_error(train_data, knob, value):
    """Checked without training: fit refuses before its first step or we stop it at once."""
    stop = threading.Event()
    stop.set()  # a valid setting trains zero steps
    try:
        fit(small_net(), train_data, **{"progress": False, "log": False, "stop": stop, knob: value})
    except ConfigError as error:
        assert error.ko and error.en


# --- unreadable run-log lines (issue 14) ---

DAMAGED_LINES = [
    b'{"name": "inf", "params": Infinity}',  # a bare JSON constant where an int belongs
    b'{"name": "big", "params": 1e400}',
    b'{"name": "nan-steps", "step": [NaN]}',
    b"[" * 100_000 + b"]" * 100_000,  # nesting deeper than Python's stack
    b'{"name": "deep", "config": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    b'{"name": "types", "train_loss": "abc"}',  # runs() summarised it; from_dict did not
    b'{"name": "steps", "step": [{"a": 1}]}',
    b'{"name": "digits", "params": ' + b"9" * 5000 + b"}",
    b"42",
    b'"just a string"',
    b"\xff\xfe not utf-8",
]


@pytest.mark.parametrize("damaged", DAMAGED_LINES, ids=lambda line: repr(line[:24]))
def test_a_damaged_line_is_skipped_and_counted_by_runs_and_histories(run_log, damaged):
    log_run(History(name="before", train_acc=[0.5], step_losses=[1.0]))
    with open(run_log, "ab") as f:
        f.write(damaged + b"\n")
    log_run(History(name="after", train_loss=[float("inf")], step=[3]))  # finite or not, readable
    for _ in range(2):  # and the next call reads the same: nothing stays broken
        table = runs()
        assert [row["name"] for row in table.rows] == ["before", "after"]
        assert table.skipped == 1
        assert [h.name for h in table.histories()] == ["before", "after"]
        assert "1" in str(table).splitlines()[-1]


@settings(max_examples=80, deadline=None)
@given(
    record=st.recursive(
        st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=4),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=12,
    ),
    key=st.sampled_from(["params", "steps", "seconds", "step", "train_loss", "test_acc", "epochs", "name"]),
)
def test_whatever_a_line_holds_runs_and_histories_agree(tmp_path_factory, record, key):
    path = tmp_path_factory.mktemp("log") / "runs.jsonl"
    path.write_text(json.dumps({"name": "x", key: record}) + "\n")
    table = runs(path)
    assert len(table) + table.skipped == 1
    assert len(table.histories()) == len(table)
    str(table)


# --- a run log that cannot be written after training (issue 14) ---


def test_a_log_that_breaks_during_training_warns_and_returns_the_history(train_data, tmp_path):
    log = tmp_path / "runs.jsonl"

    def replace_log_by_a_folder(history):
        if log.is_file():
            log.unlink()
            log.mkdir()

    with pytest.warns(cnnlib.NotSavedWarning) as warned:
        history = fit(small_net(), train_data, steps=3, log=log, callback=replace_log_by_a_folder, **QUIET)
    assert history.steps == 3 and history.step_losses  # the result is not lost
    message = str(warned[0].message)
    assert HANGUL.search(message) and "run log" in message and str(log) in message
    assert log.is_dir() and list(log.iterdir()) == []  # nothing left behind


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_warns_and_returns_the_history(train_data):
    with pytest.warns(cnnlib.NotSavedWarning, match="No space left"):
        history = fit(small_net(), train_data, steps=2, log="/dev/full", **QUIET)
    assert history.steps == 2


def test_a_write_cut_short_by_a_full_disk_leaves_no_partial_line(run_log, monkeypatch):
    import errno

    log_run(History(name="kept"))
    before = run_log.read_bytes()
    real_write = os.write

    calls = []

    def half_then_full(fd, data):  # what a filling disk does: a short write, then ENOSPC
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data[: len(data) // 2])

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(OSError):
        log_run(History(name="lost", step_losses=[1.0] * 100))
    monkeypatch.undo()
    assert run_log.read_bytes() == before
    table = runs(run_log)  # (undo() also dropped the fixture's CNNLIB_RUN_LOG)
    assert table.skipped == 0 and [row["name"] for row in table.rows] == ["kept"]


# --- batch norm with one value per channel (issue 14) ---


def _pooled_batch_norm_net() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Conv2d(3, 4, 3, padding=1),
        nn.AdaptiveAvgPool2d(1),
        nn.BatchNorm2d(4),
        nn.Flatten(),
        nn.Linear(4, 4),
    )


def test_batch_norm_on_one_value_per_channel_is_refused_up_front(train_data, run_log):
    model = _pooled_batch_norm_net()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    with pytest.raises(ConfigError) as error:
        fit(model, train_data, steps=2, batch_size=1, progress=False)
    assert_bilingual(error)
    assert error.value.knob == "batch_size" and "2" in error.value.en and "'2'" in error.value.en
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())  # untouched
    assert len(runs()) == 0  # nothing trained, nothing logged
    assert fit(_pooled_batch_norm_net(), train_data, steps=2, batch_size=2, progress=False).steps == 2


def test_batch_norm_on_feature_maps_still_trains_one_image_at_a_time(train_data):
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(4 * 16 * 16, 4)
    )
    assert fit(model, train_data, steps=2, batch_size=1, progress=False).steps == 2
