"""The shipped accuracy atlas as a report: how and where it was built, and every cell's seeds.

Run: ``python benchmarks/atlas_report.py`` → ``benchmarks/results/atlas.md`` (reads ``cnnlib/atlas.json``;
trains nothing). The atlas itself is built by ``python -m cnnlib atlas``.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from cnnlib import atlas, recipes

HERE = Path(__file__).resolve().parent


def main() -> None:
    shipped = atlas.load()
    builds = shipped.about.get("builds", [])
    runs = sum(len(c.seeds) for c in shipped.cells.values())
    lines = [
        "## The accuracy atlas (`cnnlib/atlas.json`)",
        "",
        f"{len(shipped)} cells, {runs} training runs, built by `python -m cnnlib atlas` "
        "(report: `python benchmarks/atlas_report.py`).",
        "",
        "Each row is one call of the builder; a later call resumes the earlier one and retrains only what is "
        "missing, or what was measured with a recipe that has since changed.",
        "",
        "| build finished | machine | device | processes × threads | wall time | failed runs |",
        "|---|---|---|---|---:|---:|",
    ]
    for b in builds:
        if b:
            lines.append(
                f"| {b['finished']} | {b['machine']} | {b['device']} | {b['jobs']} × {b['threads_per_job']} "
                f"| {b['seconds'] / 60:.0f} min | {len(b.get('failed', []))} |"
            )
    lines += ["", "Recipes (each cell records its `name@hash`):", ""]
    for name in atlas.RECIPE_OF.values():
        r = recipes.get(name)
        lines.append(
            f"- `{r.identity}`: {r.steps} steps, batch {r.batch_size}, {r.optimizer} lr {r.lr:g}, "
            f"{r.schedule} with {r.warmup} warm-up steps, {r.evaluations} evaluations on the 2,000 test "
            "images"
        )
    lines += [
        "",
        "Time of one run (one thread, two runs side by side on the 2 cores, as the build ran them), "
        "by family:",
        "",
        "| family | runs | median s | min s | max s |",
        "|---|---:|---:|---:|---:|",
    ]
    for family in atlas.FAMILIES:
        seconds = [s["seconds"] for c in shipped.cells.values() if c.family == family for s in c.seeds]
        if seconds:
            lines.append(
                f"| {family} | {len(seconds)} | {statistics.median(seconds):.0f} | {min(seconds):.0f} | "
                f"{max(seconds):.0f} |"
            )
    lines += [
        "",
        "Every cell: test accuracy mean ± s.d. over its seeds (each seed's value), training accuracy (the "
        "running mean over the last evaluation interval, dropout and augmentation on), and the training "
        "loss of the last 50 steps.",
        "",
        "| cell | seeds | test acc | each seed | train acc | train loss |",
        "|---|---:|---:|---|---:|---:|",
    ]
    for key, cell in sorted(shipped.cells.items()):
        test = cell.test_acc
        each = ", ".join(f"{v:.1%}" for v in test.values)
        lines.append(
            f"| `{key}` | {test.n} | {test.mean:.1%} ± {100 * test.sd:.1f} | {each} | "
            f"{cell.train_acc.mean:.1%} | {cell.train_loss.mean:.3f} |"
        )
    (HERE / "results" / "atlas.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
