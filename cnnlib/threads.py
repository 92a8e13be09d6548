"""How many CPU threads a training uses: whichever count trains faster on this machine right now.

Why: a laptop or Colab runtime is rarely idle, and torch's default (one OpenMP thread per core,
spinning at every barrier) collapses as soon as anything else wants a core; the lab networks'
layers are small, so a step has hundreds of barriers. Measured on 2 cores
(``benchmarks/thread_policy.py``): next to another training a lab GoogLeNet step took 74× its idle
time with two threads and 1.7× with one; on an idle machine two threads are 1.2–1.45× faster.

So ``"auto"`` (the default) measures instead of guessing: it starts on one thread and now and then
times a few steps with double or half the count (up to torch's count), keeping whichever is faster
by ``GAIN``. Losing trials come less and less often; a sudden slowdown brings the next one forward.
A whole number (or ``CNNLIB_THREADS=1``) pins the count. The caller's count is restored afterwards.
Thread counts change how CPU kernels split their sums, so a run repeats bit for bit only with the
same counts at the same steps: pass a History's ``config["threads"]["used"]`` as ``threads``.

학습에 쓸 CPU 스레드 수: 기본값 ``"auto"``는 스레드 하나로 시작해 가끔 다른 수를 재어 보고 더 빠른
쪽을 고릅니다. 같은 시드로 비트 단위까지 같은 결과를 얻으려면 스레드 수도 같아야 합니다.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

import torch

from . import checks, i18n

ENV = "CNNLIB_THREADS"
TRIAL_STEPS = 3  # steps timed per trial (after one untimed step); compared with the last 3 steps' median
GAIN = 0.9  # a trial wins when its median step is at most 90 % of the current one
REST = (2.0, 60.0)  # seconds between trials: after a win, and at most after losses (it doubles)
SLOWDOWN = 2.0  # steps this much slower than at the last decision bring the next trial forward


def requested(threads: Any = None) -> int | str | list[list[int]]:
    """The checked setting: ``threads`` if given, else ``$CNNLIB_THREADS``, else ``"auto"``.

    Besides ``"auto"`` and a whole number, a list of ``[step, threads]`` pairs (a History's
    ``config["threads"]["used"]``) replays a run's counts step by step, to repeat it bit for bit.
    """
    knob = "threads"
    if isinstance(threads, (list, tuple)) and _is_schedule(threads):
        return [[int(step), int(count)] for step, count in threads]
    if threads is None:
        threads = os.environ.get(ENV, "").strip() or "auto"
        knob = ENV
    if isinstance(threads, str):
        text = threads.strip()
        if text.lower() == "auto":
            return "auto"
        if text.isascii() and text.isdigit():
            threads = int(text)
    return checks.whole(knob, threads, 1, 1024, allowed=i18n.both("threads.allowed"))


def _is_schedule(pairs: Any) -> bool:
    """``[[0, n], [step, n], ...]``: steps rising from 0, counts from 1 to 1024."""
    try:
        steps = [step for step, _ in pairs]
        counts = [count for _, count in pairs]
    except (TypeError, ValueError):
        return False
    whole = all(isinstance(v, int) and not isinstance(v, bool) for v in steps + counts)
    return whole and steps[:1] == [0] and steps == sorted(steps) and all(1 <= c <= 1024 for c in counts)


class CPUThreads:
    """The thread count of one training run: ``check(step)`` after every step, ``close()`` at the end.

    ``clock`` is only for tests (a simulated machine). ``used`` lists ``[step, threads]`` for the
    start and every change, trials included: ``[120, 1]`` means steps 121 onwards ran on one thread.
    """

    def __init__(
        self, threads: int | str, device: torch.device, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        self.previous = torch.get_num_threads()
        self.replay = {step: count for step, count in threads} if isinstance(threads, list) else {}
        self.most = self.previous if threads == "auto" else self.replay.get(0) or int(threads)
        self.adaptive = threads == "auto" and device.type == "cpu" and self.most > 1
        # Adaptive runs start on one thread: on a busy machine two threads can be 74x slower, on an
        # idle one one thread is at most ~1.5x slower, for the few steps before the first trial.
        self.current = 1 if self.adaptive else self.most
        self.used: list[list[int]] = [[0, self.current]]
        torch.set_num_threads(self.current)
        self.clock = clock
        self.last_check = clock()
        self.recent: list[float] = []  # step times at the current count, newest last
        self.trial: tuple[int, list[float]] | None = None  # (count on trial, its step times)
        self.next_trial = self.last_check  # the first trial as soon as three steps are timed
        self.rest = REST[0]
        self.settled: float | None = None  # median step when the current count was chosen
        self.upward = True  # the direction of the next trial when both are possible

    def check(self, step: int) -> None:
        """Time the step that just ended; start, continue or end a trial of the other count."""
        now = self.clock()
        took, self.last_check = now - self.last_check, now
        if step in self.replay and step > 0:
            self._use(step, self.replay[step])
        if not self.adaptive:
            return
        if self.trial is not None:
            self._continue_trial(step, took, now)
            return
        self.recent = [*self.recent, took][-TRIAL_STEPS:]
        if len(self.recent) < TRIAL_STEPS:
            return
        typical = statistics.median(self.recent)
        self.settled = self.settled or typical
        if now >= self.next_trial or typical > SLOWDOWN * self.settled:
            up = self.current == 1 or (self.upward and self.current < self.most)
            self.trial = (min(self.most, self.current * 2) if up else self.current // 2, [])
            self.upward = up
            self._use(step, self.trial[0])

    def _continue_trial(self, step: int, took: float, now: float) -> None:
        count, times = self.trial
        if step == self.used[-1][0] + 1:
            return  # the first step on a new count pays one-off costs (new threads, caches): not timed
        times.append(took)
        baseline = statistics.median(self.recent)
        if took < SLOWDOWN * baseline and len(times) < TRIAL_STEPS:
            return  # keep timing (a step twice as slow as usual ends the trial at once)
        self.trial = None
        if len(times) == TRIAL_STEPS and statistics.median(times) <= GAIN * baseline:
            self.current, self.recent, self.settled = count, times, statistics.median(times)
            self.rest = REST[0]
        else:
            self._use(step, self.current)
            self.upward = not self.upward  # with more than two cores: the other direction next
            self.recent = []  # time the current count afresh: the machine may have changed
            self.settled = None
            self.rest = min(2 * self.rest, REST[1])
        self.next_trial = now + self.rest

    def _use(self, step: int, count: int) -> None:
        torch.set_num_threads(count)
        self.used.append([step, count])  # every change, trials too: the exact record of the run

    def close(self) -> None:
        """Give the caller back the thread count it had."""
        torch.set_num_threads(self.previous)

    def record(self) -> dict[str, Any]:
        """What the History keeps: the policy and every ``[step, threads]`` it trained with."""
        policy = "auto" if self.adaptive else "replay" if self.replay else "fixed"
        return {"policy": policy, "used": [list(u) for u in self.used]}
