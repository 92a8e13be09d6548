"""How close the lab recipes come to their plateau, and how long Train takes on each explorer's default.

Run: ``python benchmarks/recipe_plateau.py [--longer 3]`` → ``benchmarks/results/recipe_plateau.md``.

1. *Train on the default setting*: each explorer's default lab cells (the ResNet explorer trains the
   plain and the residual twin) with its family's recipe, as the Train button does: 2 torch threads,
   one run after the other, seed 0, each in a fresh process. Wall time of the whole press.
2. *Share of the plateau*: the same default cell trained with a recipe ``--longer`` times as long (same
   warm-up, same cosine shape over the longer run), seed 0, one thread per run, two runs side by side.
   Compared with the atlas's mean over seeds at the recipe's length: accuracy(recipe) ÷ accuracy(longer).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import json
import multiprocessing
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _press(explorer: str) -> dict:
    """One Train press of an explorer's default (fresh process, 2 threads)."""
    import torch

    from cnnlib import atlas
    from cnnlib.widgets import EXPLORERS

    torch.set_num_threads(2)
    cls = EXPLORERS[explorer]
    state = cls.default_state()
    cells = cls.lab_cells(cls.__new__(cls), state)
    train, test = atlas.embedded()
    start = time.perf_counter()
    runs = [
        atlas.train_cell(cls.atlas_family, knobs, data=(train, test), log=False).seconds for _, knobs in cells
    ]
    return {"explorer": explorer, "runs": len(cells), "seconds": time.perf_counter() - start, "each": runs}


def _longer(family: str, factor: int) -> dict:
    import torch

    from cnnlib import atlas, recipes

    torch.set_num_threads(1)
    recipe = recipes.get(atlas.RECIPE_OF[family])
    long = dataclasses.replace(recipe, name=f"{recipe.name}×{factor}", steps=recipe.steps * factor)
    history = atlas.train_cell(family, {}, recipe=long, log=False)
    curve = list(zip(history.step, history.test_acc, strict=True))
    return {"family": family, "steps": long.steps, "test_acc": history.final_test_acc, "curve": curve}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--longer", type=int, default=3)
    parser.add_argument("--no-press", action="store_true", help="skip part 1 (Train presses)")
    parser.add_argument("--press", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.press:
        print(json.dumps(_press(args.press)))
        return

    import torch

    from cnnlib import atlas
    from cnnlib.widgets import EXPLORERS

    load = os.getloadavg()[0]
    presses = []
    for name in [] if args.no_press else EXPLORERS:
        out = subprocess.run(
            [sys.executable, __file__, "--press", name], capture_output=True, text=True, check=True
        )
        presses.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(presses[-1], flush=True)

    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(2, context) as pool:
        longer = list(pool.map(_longer, atlas.FAMILIES, [args.longer] * len(atlas.FAMILIES)))
    load_after = os.getloadavg()[0]

    shipped = atlas.shipped()
    lines = [
        "## Lab recipes: Train on each explorer's default, and the share of the plateau",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, torch "
        f"{torch.__version__}; load average before {load:.1f}, after {load_after:.1f}. "
        "Measured by `python benchmarks/recipe_plateau.py`.",
        "",
        "**Train on the default setting** (the recipe, 2 torch threads, seed 0, each press in a fresh "
        "process; the ResNet explorer trains the plain and the residual twin):",
        "",
        "| explorer | runs | seconds per press | seconds per run |",
        "|---|---:|---:|---:|",
    ]
    if not presses:
        lines.append("| (not measured in this run: `--no-press`) | | | |")
    for p in presses:
        lines.append(f"| {p['explorer']} | {p['runs']} | {p['seconds']:.0f} | "
                     f"{' / '.join(f'{s:.0f}' for s in p['each'])} |")  # fmt: skip
    lines += [
        "",
        f"**Share of the plateau**: the default cell of each family trained {args.longer}× as long (same "
        "warm-up and cosine shape, seed 0, one thread, two runs side by side) against the atlas's mean over "
        "its seeds at the recipe's length.",
        "",
        f"| family | recipe steps | atlas test acc (mean ± s.d.) | {args.longer}× steps | test acc, "
        f"{args.longer}× | share | test curve of the {args.longer}× run (step: acc) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for run in longer:
        cell = shipped.get(run["family"], {})
        stat = cell.test_acc
        curve = ", ".join(f"{s}: {a:.1%}" for s, a in run["curve"])
        lines.append(
            f"| {run['family']} | {cell.seeds[0]['steps']} | {stat.mean:.1%} ± {100 * stat.sd:.1f} | "
            f"{run['steps']} | {run['test_acc']:.1%} | {stat.mean / run['test_acc']:.0%} | {curve} |"
        )
    (HERE / "results" / "recipe_plateau.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
