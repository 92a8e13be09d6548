"""Lab training steps per second at idle and next to competitors, for four CPU thread policies.

Run: ``python benchmarks/thread_policy.py [--seconds S]`` → ``benchmarks/results/thread_policy.md``.

Why: students' machines are never idle (issue 16). Policies, each measured in a fresh process
(OpenMP reads its waiting policy once, at start-up):

* ``1``: one thread (``CNNLIB_THREADS=1``);
* ``2``: two threads, OpenMP's default waiting (torch's default on 2 cores; cnnlib before);
* ``2 passive``: two threads with ``OMP_WAIT_POLICY=PASSIVE`` (what ``dev.py test`` sets);
* ``auto``: cnnlib's policy (:mod:`cnnlib.threads`; OpenMP's default waiting).

Conditions, each competitor started by this script and bounded in time (it ends by itself at a
deadline, and is killed when its condition is measured): idle; one and two plain CPU-bound Python
loops; one other torch training — a lab GoogLeNet trained by torch with its defaults (2 threads,
OpenMP's default waiting: a notebook of a student who has not got this version), and the same
training through ``cnnlib.fit`` with the ``auto`` policy (two notebooks with this version).

What is timed is fit's own step — a batch of the embedded dataset, forward, loss, backward, Adam
step — with the :class:`cnnlib.threads.CPUThreads` object that fit uses, ``check()`` after every
step: after a warm-up (long enough for ``auto`` to take two looks), the median step time over
``--seconds`` seconds. Each figure is a ratio to that policy's own idle time and to today's
default (``2`` at idle); with one competitor on 2 cores, a job cannot beat 2× the time it needs
with both cores (the fair share), 1× for a 1-thread job that had only one core anyway.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "thread_policy.md"

# The four explorers' default lab twins and the largest lab networks of the lessons.
NETWORKS = {
    "AlexNet (explorer default)": ("alexnet", {}),
    "VGG-D (explorer default)": ("vgg", {}),
    "VGG-E + BN (vgg_depth lesson)": ("vgg", {"config": "E", "bn": True}),
    "GoogLeNet (explorer default)": ("googlenet", {}),
    "ResNet-20 (explorer default)": ("resnet", {}),
    "plain-56 (degradation lesson)": ("resnet", {"depth": 56, "skip": False}),
}
POLICIES = {"1": ("1", None), "2": ("2", None), "2 passive": ("2", "PASSIVE"), "auto": ("auto", None)}
CONDITIONS = ["idle", "1 loop", "2 loops", "torch training (torch defaults)", "torch training (cnnlib auto)"]
WARMUP_SECONDS = 3.0  # auto's first trials (after 3 steps, then 2 s later) happen in the warm-up


def measure(networks: list[str], seconds: float) -> dict[str, dict[str, float]]:
    """In a worker: median seconds per training step of each network, under $CNNLIB_THREADS."""
    import torch
    import torch.nn.functional as F

    from cnnlib import atlas, data, threads

    train, _ = data.load("shapes")
    out = {}
    for label in networks:
        family, knobs = NETWORKS[label]
        torch.manual_seed(0)
        model = atlas.lab_model(family, knobs)
        model.train()
        opt = torch.optim.Adam(model.parameters(), 1e-3)
        cpu = threads.CPUThreads(threads.requested(), torch.device("cpu"))
        times: list[float] = []
        began = time.monotonic()
        step = 0
        while True:
            index = torch.randint(len(train), (64,))
            images, labels = train.get_batch(index)
            start = time.perf_counter()
            output = model(images)
            output = output[0] if isinstance(output, tuple) else output
            loss = F.cross_entropy(output, labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
            cpu.check(step)
            elapsed = time.monotonic() - began
            if elapsed > WARMUP_SECONDS and step > 3:
                times.append(time.perf_counter() - start)
            if (elapsed > WARMUP_SECONDS + seconds and len(times) >= 3) or len(times) >= 60:
                break
        out[label] = {"step": statistics.median(times), "threads": cpu.used[-1][1]}
        cpu.close()
    return out


def competitor(kind: str, deadline: float) -> None:
    """In a competitor process: keep a core (or two) busy until the deadline."""
    if kind == "loop":
        while time.time() < deadline:
            pass
        return
    import torch
    import torch.nn.functional as F

    from cnnlib import atlas, data, threads

    train, _ = data.load("shapes")
    model = atlas.lab_model("googlenet", {})
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    cpu = threads.CPUThreads(threads.requested(), torch.device("cpu"))
    step = 0
    while time.time() < deadline:
        images, labels = train.get_batch(torch.randint(len(train), (64,)))
        loss = F.cross_entropy(model(images), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        cpu.check(step)


def start_competitors(condition: str, deadline: float) -> list[subprocess.Popen]:
    env = dict(os.environ)
    env.pop("OMP_WAIT_POLICY", None)
    me = [sys.executable, __file__]
    if condition == "idle":
        return []
    if condition.endswith("loop") or condition.endswith("loops"):
        count = int(condition.split()[0])
        return [subprocess.Popen([*me, "--compete", "loop", str(deadline)], env=env) for _ in range(count)]
    env["CNNLIB_THREADS"] = "auto" if "auto" in condition else str(os.cpu_count() or 1)
    # torch's own default is one thread per core; "auto" is cnnlib's policy.
    return [subprocess.Popen([*me, "--compete", "torch", str(deadline)], env=env)]


def run_policy(policy: str, seconds: float) -> dict[str, dict[str, float]]:
    threads, wait = POLICIES[policy]
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    env["CNNLIB_THREADS"] = threads
    if wait:
        env["OMP_WAIT_POLICY"] = wait
    command = [sys.executable, __file__, "--measure", str(seconds)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=4.0, help="seconds timed per network, after warm-up")
    parser.add_argument("--measure", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--compete", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(list(NETWORKS), args.measure)))
        return
    if args.compete:
        competitor(args.compete[0], float(args.compete[1]))
        return

    per_policy_budget = len(NETWORKS) * (WARMUP_SECONDS + args.seconds + 20) + 30
    load_before = os.getloadavg()
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    wall = time.monotonic()
    for condition in CONDITIONS:
        results[condition] = {}
        for policy in POLICIES:
            deadline = time.time() + per_policy_budget
            rivals = start_competitors(condition, deadline)
            time.sleep(3 if rivals else 0)  # let a torch competitor get past its start-up
            try:
                results[condition][policy] = run_policy(policy, args.seconds)
            finally:
                for rival in rivals:
                    rival.kill()
                    rival.wait()
            steps = {k: round(v["step"] * 1000) for k, v in results[condition][policy].items()}
            print(condition, policy, steps, flush=True)
    write(results, args.seconds, load_before, os.getloadavg(), time.monotonic() - wall)


def write(results, seconds: float, load_before, load_after, wall: float) -> None:
    import torch

    idle = results["idle"]
    lines = [
        "## Lab training under load: four CPU thread policies",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}, Python "
        f"{platform.python_version()}; 1-minute load average before {load_before[0]:.1f}, after "
        f"{load_after[0]:.1f}. `python benchmarks/thread_policy.py --seconds {seconds:g}`, "
        f"{wall / 60:.0f} min. Median time of one training step (batch 64 of the "
        f"embedded dataset, forward, backward, Adam step), timed after {WARMUP_SECONDS:g} s of warm-up for "
        f"{seconds:g} s, each policy in a fresh process; competitors started by the script and stopped after "
        "the measurement.",
        "",
        "Each cell: milliseconds per step, then × its own idle time / × the `2` policy's idle time (cnnlib "
        "before this change). Fair share with one competitor on 2 cores: 2× for a job that uses both cores "
        "when idle. `auto` also shows the threads it ended with.",
        "",
    ]
    for condition in CONDITIONS:
        lines += [f"**{condition}**", "", "| lab network | " + " | ".join(POLICIES) + " |",
                  "|---|" + "---:|" * len(POLICIES)]  # fmt: skip
        for net in NETWORKS:
            cells = []
            for policy in POLICIES:
                r = results[condition][policy][net]
                ms = r["step"] * 1000
                own = r["step"] / idle[policy][net]["step"]
                base = r["step"] / idle["2"][net]["step"]
                extra = f" [{r['threads']}t]" if policy == "auto" else ""
                cells.append(f"{ms:.0f} ({own:.2f}× / {base:.2f}×){extra}")
            lines.append(f"| {net} | " + " | ".join(cells) + " |")
        lines.append("")
    worst = {
        policy: max(
            results[c][policy][n]["step"] / idle["2"][n]["step"]
            for c in CONDITIONS
            if c in ("1 loop", "torch training (torch defaults)", "torch training (cnnlib auto)")
            for n in NETWORKS
        )
        for policy in POLICIES
    }
    idle_cost = {p: max(idle[p][n]["step"] / idle["2"][n]["step"] for n in NETWORKS) for p in POLICIES}
    lines += [
        "| policy | worst idle cost (× `2` at idle) | worst step under one competitor (× `2` at idle) |",
        "|---|---:|---:|",
        *(f"| {p} | {idle_cost[p]:.2f}× | {worst[p]:.2f}× |" for p in POLICIES),
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    (RESULTS.with_suffix(".json")).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
