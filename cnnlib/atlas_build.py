"""Building the accuracy atlas: ``python -m cnnlib atlas`` trains every missing (cell, seed).

정확도 지도 만들기: 아직 없는 (칸, 시드)마다 레시피대로 학습해 파일에 더합니다.

Resumable: what the file already holds under today's recipe is kept; each finished run is written
at once (a temporary file renamed over the old one), so a killed build loses only the runs in
progress. On a CPU the runs go side by side, one process per core with one thread each (small
networks gain little from a second thread); on a GPU, one after the other in this process.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import multiprocessing
import os
import platform
import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import torch

import cnnlib
from cnnlib import atlas, files, i18n, recipes
from cnnlib.errors import ConfigError
from cnnlib.train import resolve_device

__all__ = ["build"]

Task = tuple[str, dict[str, Any], int]  # (family, full knobs, seed)


def build(
    families: Iterable[str] = atlas.FAMILIES,
    *,
    seeds: int | None = None,
    path: str | os.PathLike[str] = atlas.SHIPPED,
    device: Any = "cpu",
    jobs: int | None = None,
    progress: bool = True,
) -> Path:
    """Train every missing (cell, seed) of the grids of ``families`` and add them to ``path``.

    ``seeds``: at least this many per cell (default: the grid's own, 3 or 5). ``jobs``: training
    processes side by side (default: one per core on a CPU, one on a GPU).
    """
    families = [atlas.check_grid(f) for f in families]
    if seeds is not None and (isinstance(seeds, bool) or not isinstance(seeds, int) or seeds < 1):
        raise ConfigError("seeds", seeds, i18n.both("train.allowed.whole"))
    chosen = resolve_device(device)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    jobs = (1 if chosen.type != "cpu" else cores) if jobs is None else jobs
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ConfigError("jobs", jobs, i18n.both("train.allowed.whole"))
    threads = max(1, cores // jobs) if chosen.type == "cpu" else torch.get_num_threads()

    target = Path(path)
    raw = _read(target)
    tasks = []
    for family, knobs, grid_seeds in atlas.grid_cells(families):
        stored = raw["cells"].get(atlas.cell_key(family, knobs), {})
        same_recipe = stored.get("recipe") in (None, recipes.get(atlas.RECIPE_OF[family]).identity)
        have = {s["seed"] for s in stored.get("seeds", [])} if same_recipe else set()  # else: train again
        tasks += [(family, knobs, seed) for seed in range(seeds or grid_seeds) if seed not in have]
    tasks.sort(key=lambda task: task[2])  # every cell's first seeds first: a build cut short is still useful

    started = time.perf_counter()
    failed: list[str] = []
    with _progress_bar(len(tasks), progress) as bar:
        for family, knobs, outcome in _run(tasks, jobs, threads, str(chosen)):
            bar.update(1)
            if isinstance(outcome, Exception):  # one broken run must not throw away the others
                failed.append(f"{atlas.cell_key(family, knobs)}: {type(outcome).__name__}: {outcome}")
            else:
                _add_record(raw, family, knobs, outcome)
            raw["about"]["builds"][-1] = _build_note(chosen, jobs, threads, started) | {"failed": failed}
            # A full disk warns and the build goes on: every finished run stays in `raw` for the next write.
            text = json.dumps(raw, indent=1, ensure_ascii=False, allow_nan=False)
            files.save(target, text.encode("utf-8"), what=i18n.both("atlas.what"))
    return target


def _run(
    tasks: list[Task], jobs: int, threads: int, device: str
) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """Yield ``(family, knobs, seed record or the exception)`` for each task as it finishes."""
    if jobs == 1:  # in this process (a GPU, or one core): nothing to gain from another process
        for family, knobs, seed in tasks:
            try:
                yield family, knobs, _train_task(family, knobs, seed, device, threads)
            except Exception as error:
                yield family, knobs, error
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process that holds torch threads
    with concurrent.futures.ProcessPoolExecutor(jobs, context, torch.set_num_threads, (threads,)) as pool:
        running = {pool.submit(_train_task, f, k, seed, device, threads): (f, k) for f, k, seed in tasks}
        for future in concurrent.futures.as_completed(running):
            family, knobs = running[future]
            error = future.exception()
            yield family, knobs, future.result() if error is None else error


def _read(target: Path) -> dict[str, Any]:
    """The file as it is (a new one if missing), with today's recipes and a new build note."""
    try:
        raw = json.loads(target.read_text(encoding="utf-8"))
        if raw.get("format") != atlas.FORMAT or not isinstance(raw.get("cells"), dict):
            raise ValueError
    except FileNotFoundError:
        raw = {"format": atlas.FORMAT, "about": {}, "cells": {}}
    except (OSError, ValueError, AttributeError) as error:
        raise atlas.AtlasUnavailable.at(
            target, "atlas.problem.unreadable", error=type(error).__name__
        ) from None
    raw.setdefault("about", {})
    raw["about"]["recipes"] = {
        family: dataclasses.asdict(recipes.get(name)) | {"identity": recipes.get(name).identity}
        for family, name in atlas.RECIPE_OF.items()
    }
    raw["about"].setdefault("builds", []).append({})
    return raw


def _train_task(family: str, knobs: dict[str, Any], seed: int, device: str, threads: int) -> dict[str, Any]:
    # Pinned threads, not cnnlib's "auto": a record must be repeatable bit for bit from what it says.
    history = atlas.train_cell(family, knobs, seed=seed, device=device, log=False, threads=threads)
    return atlas.seed_record(history, seed)


def _add_record(raw: dict[str, Any], family: str, knobs: dict[str, Any], record: dict[str, Any]) -> None:
    key = atlas.cell_key(family, knobs)
    cell = raw["cells"].get(key)
    if cell is None or cell.get("recipe") != record["recipe"]:
        cell = raw["cells"][key] = {"family": family, "knobs": knobs, "recipe": record["recipe"], "seeds": []}
    others = [s for s in cell["seeds"] if s["seed"] != record["seed"]]
    cell["seeds"] = sorted([*others, record], key=lambda s: s["seed"])


def _build_note(device: torch.device, jobs: int, threads: int, started: float) -> dict[str, Any]:
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
        "device": str(device),
        "jobs": jobs,
        "threads_per_job": threads,
        "torch": torch.__version__,
        "cnnlib": cnnlib.__version__,
        "finished": datetime.now().astimezone().isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _progress_bar(total: int, show: bool) -> Any:
    from tqdm.auto import tqdm

    return tqdm(total=total, disable=not show, desc="atlas", unit="run")
