"""What does a student wait for when an explorer counts a network it has not shown yet?

An explorer's numbers for a new setting are one build on the meta device plus one
``count.table``. This measures exactly that, cold and warm:

- *cold*: in a fresh Python process that has counted one lab ResNet-20 first (what the explorer
  did when it was displayed), the first build + table of the network;
- *warm*: the next builds + tables of the same network in that process (a knob change).

Both wall-clock and CPU time are reported: this machine's two cores are shared with other jobs,
and CPU time is what the code costs, whatever the load. With ``--before PATH`` (a checkout of
an older ``cnnlib``), each fresh process alternates between the two trees, so both see the same
load. Appends to ``benchmarks/results/trace_speed.md``.

Run: ``python benchmarks/trace_speed.py [--before /path/to/old/checkout] [--fresh 7] [--repeats 10]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = {
    "ResNet-152 (paper, 224)": "resnet(152, device='meta')",
    "GoogLeNet (paper, 224)": "googlenet(device='meta')",
    "VGG-19 (paper, 224)": "vgg(19, device='meta')",
    "ResNet-56 (lab, 32)": "resnet(56, 'cifar', device='meta')",
    "ResNet-110 plain (lab, 32)": "resnet(110, 'cifar', skip=False, device='meta')",
    "AlexNet (lab, 32, width 0.25)": "alexnet(input_size=32, num_classes=10, width=0.25, device='meta')",
}

CHILD = """
import json, time, torch
torch.set_num_threads(1)
from cnnlib import count
from cnnlib.models import alexnet, googlenet, resnet, vgg
count.table(resnet(20, 'cifar', device='meta'))  # the explorer's own first table: torch's lazy loads
runs = []
for _ in range({repeats} + 1):
    wall, cpu = time.perf_counter(), time.process_time()
    count.table({build})
    runs.append(((time.perf_counter() - wall) * 1e3, (time.process_time() - cpu) * 1e3))
print(json.dumps([count.__file__, runs]))
"""


def child(tree: Path, build: str, repeats: int) -> list[tuple[float, float]]:
    env = dict(os.environ, PYTHONPATH=str(tree), OMP_WAIT_POLICY="PASSIVE")
    code = CHILD.format(build=build, repeats=repeats)
    # cwd too: "python -c" puts the working directory first on sys.path, before PYTHONPATH
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=tree
    )
    where, runs = json.loads(out.stdout.strip().splitlines()[-1])
    assert Path(where).is_relative_to(tree), (where, tree)  # the tree asked for, not the installed one
    return runs


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="a checkout of the cnnlib to compare with")
    parser.add_argument("--fresh", type=int, default=7, help="fresh processes per network and tree")
    parser.add_argument("--repeats", type=int, default=10, help="warm runs in each process")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    trees = {"after": HERE.parent} if args.before is None else {"before": args.before, "after": HERE.parent}
    load = os.getloadavg()[0]
    lines = [
        f"### {args.label or 'build + count.table on the meta device'}",
        "",
        f"{platform.machine()}, {os.cpu_count()} cores shared with other jobs, 1 torch thread, Python "
        f"{platform.python_version()}; load average {load:.1f} before. Cold: first build + table in each "
        f"of {args.fresh} fresh processes per tree (after a ResNet-20 warm-up); warm: the next "
        f"{args.repeats} in each. Wall-clock ms (CPU ms in brackets): median, and p95 for warm.",
        "",
        "| network | tree | cold median | cold max | warm median | warm p95 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, build in CASES.items():
        runs: dict[str, list[list[tuple[float, float]]]] = {tree: [] for tree in trees}
        for _ in range(args.fresh):  # alternate the trees so that both see the same load
            for tree, path in trees.items():
                runs[tree].append(child(path, build, args.repeats))
        for tree in trees:
            cold = [r[0] for r in runs[tree]]
            warm = [run for r in runs[tree] for run in r[1:]]

            def cell(values: list[tuple[float, float]], stat) -> str:
                return f"{stat([v[0] for v in values]):.0f} ({stat([v[1] for v in values]):.0f})"

            lines.append(
                f"| {name} | {tree} | {cell(cold, statistics.median)} | {cell(cold, max)} | "
                f"{cell(warm, statistics.median)} | {cell(warm, p95)} |"
            )
            print(lines[-1], flush=True)
    lines += ["", f"Load average after: {os.getloadavg()[0]:.1f}.", ""]
    out = HERE / "results" / "trace_speed.md"
    with out.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
