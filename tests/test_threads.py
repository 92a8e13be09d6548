"""The CPU thread policy of training runs (cnnlib.threads): its setting, its choices, its measurement."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from cnnlib import ConfigError, threads
from cnnlib.data import load
from cnnlib.train import fit

CPU = torch.device("cpu")


@pytest.fixture
def keep_threads():
    before = torch.get_num_threads()
    yield before
    torch.set_num_threads(before)


# --- the setting ---


def test_setting_defaults_to_auto_and_reads_the_environment(monkeypatch):
    monkeypatch.delenv(threads.ENV, raising=False)
    assert threads.requested() == "auto"
    monkeypatch.setenv(threads.ENV, " 1 ")
    assert threads.requested() == 1
    monkeypatch.setenv(threads.ENV, "AUTO")
    assert threads.requested() == "auto"
    assert threads.requested(3) == 3  # an argument wins over the environment


def not_a_setting(text: str) -> bool:
    return text.strip().lower() != "auto" and not (text.strip().isascii() and text.strip().isdigit())


@given(st.one_of(st.integers(max_value=0), st.integers(min_value=1025), st.floats(), st.booleans(),
                 st.text().filter(not_a_setting)))  # fmt: skip
def test_a_bad_setting_is_a_bilingual_config_error(value):
    with pytest.raises(ConfigError) as caught:
        threads.requested(value)
    assert caught.value.knob == "threads"
    assert "1024" in caught.value.ko and "1024" in caught.value.en


@pytest.mark.parametrize("text", ["two", "0", "²", "１", "-1", "1.5"])
def test_a_bad_environment_value_names_the_variable(monkeypatch, text):
    monkeypatch.setenv(threads.ENV, text)
    with pytest.raises(ConfigError) as caught:
        threads.requested()
    assert caught.value.knob == threads.ENV


# --- the choices, on a simulated machine (a clock that advances by each step's duration) ---


class Machine:
    """Step times by thread count, with a competitor present for the steps in ``busy``."""

    def __init__(self, idle: dict[int, float], loaded: dict[int, float], busy: range = range(0)):
        self.idle, self.loaded, self.busy, self.now = idle, loaded, busy, 0.0

    def train(self, cpu: threads.CPUThreads, steps: range) -> list[int]:
        counts = []
        for step in steps:
            n = torch.get_num_threads()
            counts.append(n)
            self.now += (self.loaded if step in self.busy else self.idle)[n]
            cpu.check(step)
        return counts


# A lab GoogLeNet on 2 cores (issue 16): 144 ms / 211 ms idle; next to a busy loop 527 / 190 ms.
IDLE = {1: 0.211, 2: 0.144}
LOADED = {1: 0.190, 2: 0.527}


def auto(machine: Machine) -> threads.CPUThreads:
    return threads.CPUThreads("auto", CPU, clock=lambda: machine.now)


def test_on_an_idle_machine_auto_keeps_two_threads_at_little_cost(keep_threads):
    torch.set_num_threads(2)
    machine = Machine(IDLE, LOADED)
    cpu = auto(machine)
    counts = machine.train(cpu, range(1, 1201))
    assert counts[-1] == 2 and counts.count(1) <= 40  # trials back off to one a minute
    assert machine.now <= 1.03 * 1200 * IDLE[2]
    cpu.close()


def test_next_to_a_competitor_auto_drops_to_one_thread_at_once(keep_threads):
    torch.set_num_threads(2)
    machine = Machine(IDLE, LOADED, busy=range(10**6))
    cpu = auto(machine)
    counts = machine.train(cpu, range(1, 601))
    assert counts.index(1) <= 10 and counts[10:].count(2) <= 20
    assert machine.now <= 1.1 * 600 * LOADED[1]


def test_auto_follows_a_competitor_that_comes_and_goes(keep_threads):
    torch.set_num_threads(2)
    machine = Machine(IDLE, LOADED, busy=range(300, 700))
    cpu = auto(machine)
    counts = machine.train(cpu, range(1, 1501))
    assert counts[290] == 2  # idle: two threads
    assert counts[305] == 1  # the slowdown brought a trial forward: one thread within 5 steps
    assert counts[305:700].count(2) <= 10  # a losing trial of two threads costs two steps
    assert counts[-1] == 2 and counts[1100:].count(1) <= 10  # back to two within a minute
    assert cpu.record()["policy"] == "auto"
    steps = [step for step, _ in cpu.record()["used"]]
    assert cpu.record()["used"][:2] == [[0, 1], [3, 2]] and steps == sorted(steps)  # 1, then a trial of 2
    cpu.close()
    assert torch.get_num_threads() == 2


def test_with_more_cores_auto_tries_both_directions(keep_threads):
    torch.set_num_threads(4)
    machine = Machine({1: 0.4, 2: 0.2, 4: 0.3}, {})
    cpu = auto(machine)
    counts = machine.train(cpu, range(1, 1201))
    assert counts[-1] == 2  # 4 → 2 wins; then 1 loses and 4 loses again


def test_auto_never_goes_above_the_count_torch_had(keep_threads):
    torch.set_num_threads(1)  # e.g. a user's own torch.set_num_threads(1)
    machine = Machine(IDLE, LOADED)
    cpu = auto(machine)
    assert set(machine.train(cpu, range(1, 300))) == {1} and cpu.record()["used"] == [[0, 1]]


def test_a_pinned_count_is_kept_and_the_callers_count_restored(keep_threads):
    torch.set_num_threads(2)
    machine = Machine(IDLE, LOADED, busy=range(10**6))
    cpu = threads.CPUThreads(1, CPU, clock=lambda: machine.now)
    assert set(machine.train(cpu, range(1, 300))) == {1}
    assert cpu.record() == {"policy": "fixed", "used": [[0, 1]]}
    cpu.close()
    assert torch.get_num_threads() == 2


def test_a_schedule_is_replayed_step_by_step(keep_threads):
    torch.set_num_threads(2)
    schedule = threads.requested([[0, 1], [3, 2], [6, 1]])
    machine = Machine(IDLE, LOADED)
    cpu = threads.CPUThreads(schedule, CPU, clock=lambda: machine.now)
    assert machine.train(cpu, range(1, 10)) == [1, 1, 1, 2, 2, 2, 1, 1, 1]
    assert cpu.record() == {"policy": "replay", "used": [[0, 1], [3, 2], [6, 1]]}


BAD_SCHEDULES = [
    [], [[1, 2]], [[0, 2], [5, 1], [3, 2]], [[0, 0]], [[0, 2.5]], [[0, True]], [0, 2], [[0, 1, 2]],
]  # fmt: skip


@pytest.mark.parametrize("bad", BAD_SCHEDULES)
def test_a_bad_schedule_is_a_config_error(bad):
    with pytest.raises(ConfigError):
        threads.requested(bad)


def test_a_gpu_run_leaves_the_cpu_threads_alone(keep_threads):
    assert not threads.CPUThreads("auto", torch.device("cuda")).adaptive


# --- fit uses it and says so ---


@pytest.fixture(scope="module")
def tiny():
    train, test = load("shapes")
    return train.subset(256), test.subset(64)


def small_model():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.ReLU(), torch.nn.Flatten(),
                               torch.nn.LazyLinear(10))  # fmt: skip


def test_fit_records_the_policy_and_restores_the_count(tiny, keep_threads, monkeypatch):
    monkeypatch.delenv(threads.ENV, raising=False)
    torch.set_num_threads(2)
    quiet = {"log": False, "progress": False, "live": False}
    history = fit(small_model(), *tiny, steps=3, batch_size=32, threads=1, **quiet)
    assert history.config["threads"] == {"policy": "fixed", "used": [[0, 1]]}
    assert torch.get_num_threads() == 2
    again = fit(small_model(), *tiny, steps=3, batch_size=32, **quiet)
    assert again.config["threads"]["policy"] == "auto"
    assert again.config["threads"]["used"][0] == [0, 1]  # auto starts on one thread


def test_fit_refuses_a_bad_thread_setting_before_training(tiny, monkeypatch):
    with pytest.raises(ConfigError, match="threads"):
        fit(small_model(), *tiny, steps=1, log=False, progress=False, live=False, threads=0)
    monkeypatch.setenv(threads.ENV, "many")
    with pytest.raises(ConfigError, match=threads.ENV):
        fit(small_model(), *tiny, steps=1, log=False, progress=False, live=False)
