"""The accuracy atlas: every explorer setting trained in advance with several seeds.

정확도 지도(atlas): 탐색기의 설정마다 미리 여러 시드로 학습해 둔 결과입니다.

As NAS-Bench-201 does for a search space, every *cell* (one lab-scale network, one setting of the
knobs, named by its family and *all* its lab knobs) is trained once, in advance, with its family's
recipe (:mod:`cnnlib.recipes`) for at least three seeds; the results ship as a JSON file, built by
``python -m cnnlib atlas`` (:mod:`cnnlib.atlas_build`). Train presses in the explorers (same recipe,
in the run log) join as a *local* atlas. A query returns the accuracy with its seed noise::

    cell = atlas.lookup("resnet", depth=56, skip=False)
    cell.test_acc.mean, cell.test_acc.sd
    atlas.compare(atlas.lookup("resnet", depth=56), cell).verdict   # "larger than the seed noise"?
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import torch
from torch import nn

import cnnlib
from cnnlib import count, i18n, papers, recipes
from cnnlib import data as datasets
from cnnlib.errors import ConfigError
from cnnlib.models import alexnet, googlenet, resnet, vgg
from cnnlib.train import History, default_log_path, fit, runs

__all__ = [
    "FAMILIES", "GRIDS", "LAB_KNOBS", "AccuracyView", "Atlas", "AtlasUnavailable", "Cell", "Comparison",
    "Stat", "accuracy", "build", "cell_key", "cell_of", "compare", "lab_model", "load", "local", "lookup",
    "partner", "shipped", "show_value", "train_cell",
]  # fmt: skip

FORMAT = 1
SHIPPED = Path(__file__).with_name("atlas.json")
LAB = {"input_size": 32, "num_classes": 10}  # the embedded dataset

# The explorers' knobs that change the lab model (or, for AlexNet's augmentation, its training data),
# with their defaults: the default cell is the explorer's default.
LAB_KNOBS: dict[str, dict[str, Any]] = {
    "alexnet": {
        "variant": "paper", "act": "relu", "lrn": True, "dropout": 0.5, "fc": 4096, "width": 0.125,
        "augment": "none",
    },
    "vgg": {"config": "D", "k": 3, "bn": False, "fc": 4096, "width": 0.125},
    "googlenet": {"variant": "paper", "reduce": True, "width": 0.125},
    "resnet": {
        "depth": 20, "variant": "cifar", "skip": True, "block": "auto", "shortcut": "auto", "width": 0.25,
    },
}  # fmt: skip
FAMILIES: tuple[str, ...] = tuple(LAB_KNOBS)
RECIPE_OF = {family: f"{family}-lab" for family in FAMILIES}
AUGMENTATIONS = ("none", "flip", "crop_flip", "all")  # "all": crop, flip and PCA colour, as in the paper
QUICK_LOOK_IMAGES = 500  # test images per evaluation of a seconds-budget quick look


def lab_knobs(family: str, knobs: Mapping[str, Any]) -> dict[str, Any]:
    """The family's defaults overridden by those of ``knobs`` that are lab knobs (others ignored)."""
    full = {name: knobs.get(name, default) for name, default in LAB_KNOBS[_family(family)].items()}
    if isinstance(full.get("config"), list):
        full["config"] = tuple(full["config"])  # custom VGG depths (JSON gives them as a list)
    return full


def cell_key(family: str, knobs: Mapping[str, Any] | None = None) -> str:
    """The cell's name: ``resnet:depth=20,variant=cifar,skip=on,…`` (every lab knob, in order)."""
    full = lab_knobs(family, knobs or {})
    return f"{family}:" + ",".join(f"{name}={show_value(value)}" for name, value in full.items())


def show_value(value: Any) -> str:
    """A knob value as the atlas writes it: ``on``/``off``, ``2/2/2``, ``0.125``."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (tuple, list)):
        return "/".join(str(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def lab_model(family: str, knobs: Mapping[str, Any] | None = None, device: Any = "cpu") -> nn.Module:
    """The lab-scale network (32×32, 10 classes) of a cell; raises ConfigError for impossible knobs.

    실습 규모(32×32, 10개 클래스) 네트워크. ``width`` narrows *every* layer, the fully connected ones
    too (AlexNet's and VGG's 4096 → 512 at 0.125): the paper's architecture, trainable on a laptop.
    """
    k = lab_knobs(family, knobs or {})
    if family == "alexnet":
        return alexnet(
            k["variant"], activation=k["act"], lrn=k["lrn"], dropout=k["dropout"],
            fc_width=_narrow(k["fc"], k["width"]), width=k["width"], device=device, **LAB,
        )  # fmt: skip
    if family == "vgg":
        config = list(k["config"]) if isinstance(k["config"], tuple) else k["config"]
        return vgg(
            config, kernel_size=k["k"], batch_norm=k["bn"], fc_width=_narrow(k["fc"], k["width"]),
            width=k["width"], device=device, **LAB,
        )  # fmt: skip
    if family == "googlenet":
        # No auxiliary classifiers: the lab twin trains without them, and the parameter count is then
        # the network's own (the paper drops them at test time too).
        return googlenet(
            k["variant"], reduce=k["reduce"], aux_logits=False, width=k["width"], device=device, **LAB
        )
    return resnet(
        k["depth"], k["variant"], skip=k["skip"],
        shortcut=None if k["shortcut"] == "auto" else k["shortcut"],
        block=None if k["block"] == "auto" else k["block"],
        width=k["width"], device=device, **LAB,
    )  # fmt: skip


def _narrow(fc: Any, width: Any) -> Any:
    """The lab width of a fully connected layer (what is no number is left for the builder to refuse)."""
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (fc, width))
    return max(8, round(fc * width)) if numeric and math.isfinite(fc * width) else fc


def _family(family: Any) -> str:
    if not isinstance(family, str) or family not in LAB_KNOBS:
        raise ConfigError("family", family, ", ".join(repr(f) for f in FAMILIES))
    return family


def check_grid(name: Any) -> str:
    """A grid name (one per family) or a ConfigError listing them."""
    if not isinstance(name, str) or name not in GRIDS:
        raise ConfigError("grid", name, i18n.both("atlas.allowed.grid", grids=", ".join(GRIDS)))
    return name


# Which cells the atlas holds, and with how many seeds: five where a lesson reads a small difference.
GRIDS: dict[str, tuple[tuple[dict[str, Any], int], ...]] = {
    # ResNet (CIFAR variant): the depth and skip knobs of the explorer and the degradation lesson.
    "resnet": tuple(({"depth": d, "skip": s}, 3) for d in (8, 14, 20, 32, 44, 56) for s in (True, False)),
    # GoogLeNet: reductions on/off for both variants, and a pair matched in parameter count (the
    # torchvision variant with reductions, widened to the parameters of the one without).
    "googlenet": (
        ({"reduce": True}, 3),
        ({"reduce": False}, 3),
        ({"variant": "torchvision", "reduce": True}, 5),
        ({"variant": "torchvision", "reduce": False}, 5),
        ({"variant": "torchvision", "reduce": True, "width": 0.22}, 5),  # 273,814 vs 273,950 parameters
    ),
    # VGG: the paper's configurations without batch norm (the paper) and with it; the lesson's pair,
    # two 3×3 vs one 5×5 per stage.
    "vgg": (
        *(({"config": c, "bn": bn}, 3) for bn in (False, True) for c in ("A", "A-LRN", "B", "C", "D", "E")),
        ({"config": (2, 2, 2), "bn": True, "fc": 512}, 5),
        ({"config": (1, 1, 1), "k": 5, "bn": True, "fc": 512}, 5),
    ),
    # AlexNet: one factor at a time from the default (ReLU, LRN, dropout 0.5, no augmentation).
    "alexnet": tuple(
        (knobs, 5)
        for knobs in ({}, {"act": "tanh"}, {"lrn": False}, {"dropout": 0.0}, {"augment": "flip"},
                      {"augment": "crop_flip"}, {"augment": "all"})
    ),
}  # fmt: skip
MIN_SEEDS = 3


def grid_cells(families: Iterable[str] = FAMILIES) -> list[tuple[str, dict[str, Any], int]]:
    """``(family, full knobs, seeds)`` of every cell of the grids of ``families``."""
    return [(f, lab_knobs(f, knobs), seeds) for f in families for knobs, seeds in GRIDS[_family(f)]]


# ---------------------------------------------------------------------------------------------
# Training one cell
# ---------------------------------------------------------------------------------------------


def train_cell(
    family: str,
    knobs: Mapping[str, Any] | None = None,
    *,
    seed: int = 0,
    recipe: recipes.Recipe | str | None = None,
    data: tuple[Any, Any] | None = None,
    device: Any = None,
    log: bool | str | os.PathLike[str] = True,
    name: str | None = None,
    callback: Callable[[History], object] | None = None,
    stop: Any = None,
    progress: bool = False,
    seconds: float | None = None,
    threads: int | str | None = None,
) -> History:
    """Train one cell for one seed with its family's recipe; the History knows its cell.

    셀 하나를 시드 하나로, 그 계열의 레시피대로 학습합니다. The initial weights, batches, dropout and
    augmentation follow ``seed``; ``History.config["tags"]["atlas"]`` names the cell, so the run log
    holds what the local atlas needs. ``seconds``: a quick look instead (that many seconds, evaluated
    on the first 500 test images, no recipe), never counted as *the* accuracy of the cell.
    ``threads``: as in :func:`cnnlib.train.fit` (the builder pins it: a record repeats bit for bit).
    """
    full = lab_knobs(family, knobs or {})
    recipe = recipes.get(RECIPE_OF[_family(family)]) if recipe is None else recipe
    if full.get("augment", "none") not in AUGMENTATIONS:
        raise ConfigError("augment", full["augment"], ", ".join(repr(a) for a in AUGMENTATIONS))
    lab_model(family, full, device="meta")  # bad knobs: a ConfigError before any data or weights
    train, test = data if data is not None else embedded()
    if full.get("augment", "none") != "none":
        generator = torch.Generator().manual_seed(seed)
        train = train.with_transform(datasets.alexnet_augment(train, full["augment"], generator=generator))
    torch.manual_seed(seed)  # the initial weights
    model = lab_model(family, full)
    tag = {"family": family, "key": cell_key(family, full), "knobs": full}
    budget = {"recipe": recipe} if seconds is None else {"seconds": seconds, "max_eval": QUICK_LOOK_IMAGES}
    return fit(
        model, train, test, seed=seed, device=device, live=False, progress=progress, log=log,
        name=name or cell_key(family, full), callback=callback, stop=stop, tags={"atlas": tag},
        threads=threads, **budget,
    )  # fmt: skip


@cache
def embedded() -> tuple[datasets.ImageDataset, datasets.ImageDataset]:
    """The embedded dataset, loaded once per process (the atlas and the lessons train on it)."""
    return datasets.load()


def seed_record(history: History, seed: int) -> dict[str, Any]:
    """What the atlas keeps of one run: final numbers, a short test curve, provenance."""
    tail = history.step_losses[-50:]  # the last 50 steps: one batch alone is noisy
    used = history.config.get("threads", {}).get("used") or [[0, torch.get_num_threads()]]
    return {
        "seed": seed,
        "recipe": history.recipe,
        "final_train_loss": sum(tail) / len(tail) if tail else None,
        "train_acc": history.final_train_acc,
        "test_acc": history.final_test_acc,
        "curve": [[s, a] for s, a in zip(history.step, history.test_acc, strict=True)],
        "steps": history.steps,
        "seconds": round(history.seconds, 2),
        "threads": used[0][1] if len(used) == 1 else used,  # or [step, threads] where "auto" changed it
        "device": history.device,
        "torch": torch.__version__,
        "cnnlib": cnnlib.__version__,
        "date": history.started,
    }


# ---------------------------------------------------------------------------------------------
# Reading: cells, statistics, comparisons
# ---------------------------------------------------------------------------------------------


class AtlasUnavailable(ConfigError):
    """The atlas file is missing or unreadable; ``reason`` says why (in both languages)."""

    @classmethod
    def at(cls, path: Path, problem: str, **fields: Any) -> AtlasUnavailable:
        """The error for the file ``path``, with the i18n ``problem`` key filled from ``fields``."""
        # The whole path goes into the explanation: the value shown in an error is cut at 60 characters.
        return cls("atlas", path.name, i18n.both("atlas.allowed"), i18n.both(problem, path=path, **fields))


@dataclass(frozen=True)
class Stat:
    """Mean and sample standard deviation of one number over seeds, and every seed's value."""

    values: tuple[float, ...]

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.values)

    @property
    def sd(self) -> float:
        return statistics.stdev(self.values) if self.n > 1 else 0.0


@dataclass(frozen=True)
class Cell:
    """One measured setting: every seed's record, the recipe, and where it came from."""

    family: str
    key: str
    knobs: dict[str, Any]
    recipe: str
    seeds: tuple[dict[str, Any], ...]
    source: str = "shipped"  # "shipped" (the package's atlas), "local" (Train presses) or "live"

    def stat(self, metric: str = "test_acc") -> Stat:
        return Stat(tuple(float(s[metric]) for s in self.seeds))

    @property
    def test_acc(self) -> Stat:
        return self.stat("test_acc")

    @property
    def train_acc(self) -> Stat:
        return self.stat("train_acc")

    @property
    def train_loss(self) -> Stat:
        return self.stat("final_train_loss")

    @property
    def seconds(self) -> float:
        """Median wall time of one run (whatever machine and threads built it)."""
        return statistics.median(s["seconds"] for s in self.seeds)


@dataclass(frozen=True)
class Comparison:
    """``a − b`` of one metric over seeds, with a 95 % interval and a plain verdict.

    Welch's interval: the difference of means ± t·SE, SE from both cells' seed spread, t from
    Student's distribution for the Welch–Satterthwaite degrees of freedom (3 seeds each: t ≈ 2.8 —
    few seeds make a wide interval, as they should).
    """

    a: Cell
    b: Cell
    metric: str
    difference: float
    margin: float  # half-width of the 95 % interval

    @property
    def significant(self) -> bool:
        """True when the interval excludes zero: the difference is larger than the seed noise."""
        return abs(self.difference) > self.margin

    @property
    def verdict(self) -> str:
        if not math.isfinite(self.margin):
            return i18n.t("atlas.verdict.unknown")
        return i18n.t("atlas.verdict.larger" if self.significant else "atlas.verdict.within")


def compare(a: Cell, b: Cell, metric: str = "test_acc") -> Comparison:
    """Compare two cells on ``metric`` ("test_acc", "train_acc" or "final_train_loss")."""
    sa, sb = a.stat(metric), b.stat(metric)
    if min(sa.n, sb.n) < 2:  # one seed says nothing about the noise: no verdict either way
        return Comparison(a, b, metric, sa.mean - sb.mean, math.inf)
    va, vb = sa.sd**2 / sa.n, sb.sd**2 / sb.n
    se = math.sqrt(va + vb)
    if se == 0:
        return Comparison(a, b, metric, sa.mean - sb.mean, 0.0)
    df = (va + vb) ** 2 / (va**2 / (sa.n - 1) + vb**2 / (sb.n - 1))
    return Comparison(a, b, metric, sa.mean - sb.mean, _t975(df) * se)


# Student's t, 97.5 % quantile, for 1–30 degrees of freedom (then the normal's 1.96).
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
         2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
         2.052, 2.048, 2.045, 2.042)  # fmt: skip


def _t975(df: float) -> float:
    whole = max(1, math.floor(df))  # rounding down: the conservative (wider) side
    return _T975[whole - 1] if whole <= len(_T975) else 1.96


class Atlas:
    """Cells by key, from the shipped file and (optionally) the run log's recipe runs."""

    def __init__(self, cells: Mapping[str, Cell], about: dict[str, Any] | None = None) -> None:
        self.cells = dict(cells)
        self.about = about or {}

    def __len__(self) -> int:
        return len(self.cells)

    def get(self, family: str, knobs: Mapping[str, Any] | None = None) -> Cell | None:
        return self.cells.get(cell_key(family, knobs or {}))

    def merged(self, other: Atlas) -> Atlas:
        """Cells of both; where both have a cell under the same recipe, the seeds are pooled."""
        cells = dict(self.cells)
        for key, cell in other.cells.items():
            mine = cells.get(key)
            if mine is None or mine.recipe != cell.recipe:
                cells.setdefault(key, cell)
                continue
            seen = {s["seed"] for s in mine.seeds}
            extra = tuple(s for s in cell.seeds if s["seed"] not in seen)
            cells[key] = dataclasses.replace(mine, seeds=mine.seeds + extra)
        return Atlas(cells, self.about)


def load(path: str | os.PathLike[str] | None = None) -> Atlas:
    """Read and validate an atlas file (default: the one shipped in the package).

    Raises :class:`AtlasUnavailable`, naming the problem, for a missing, truncated or hand-edited
    file; a cell recorded with another recipe than today's is left out (not comparable).
    """
    target = SHIPPED if path is None else Path(path)
    try:
        raw = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AtlasUnavailable.at(target, "atlas.problem.missing") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise AtlasUnavailable.at(target, "atlas.problem.unreadable", error=type(error).__name__) from None
    try:
        return Atlas(_cells(raw), raw.get("about", {}))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        problem = f"{type(error).__name__}: {error}"
        raise AtlasUnavailable.at(target, "atlas.problem.invalid", error=problem) from None


def _cells(raw: Any) -> dict[str, Cell]:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or not isinstance(raw.get("cells"), dict):
        raise ValueError(f"not an atlas of format {FORMAT}")
    current = {recipes.get(name).identity for name in RECIPE_OF.values()}
    cells = {}
    for key, cell in raw["cells"].items():
        family, knobs = cell["family"], lab_knobs(cell["family"], cell["knobs"])
        if cell_key(family, knobs) != key:
            raise ValueError(f"cell {key!r} does not match its knobs")
        for record in cell["seeds"]:
            for metric in ("test_acc", "train_acc", "final_train_loss", "seconds"):
                if not isinstance(record[metric], (int, float)) or not math.isfinite(record[metric]):
                    raise ValueError(f"cell {key!r}: {metric} of seed {record.get('seed')!r} is not a number")
        if cell["recipe"] in current and cell["seeds"]:
            cells[key] = Cell(family, key, knobs, cell["recipe"], tuple(cell["seeds"]))
    return cells


_LOCAL_CACHE: dict[str, Any] = {}
_SHIPPED_CACHE: dict[str, Atlas] = {}


def local() -> Atlas:
    """The cells measured on this machine: finished recipe runs in the run log (Train presses).

    Read again only when the run log changed (its size or time), so a knob change costs nothing.
    """
    path = default_log_path()
    try:
        stamp = (str(path), path.stat().st_mtime_ns, path.stat().st_size)
    except OSError:
        return Atlas({})
    if _LOCAL_CACHE.get("stamp") != stamp:
        _LOCAL_CACHE.update(stamp=stamp, atlas=_read_local())
    return _LOCAL_CACHE["atlas"]


def _read_local() -> Atlas:
    seeds: dict[tuple[str, str], dict[int, dict[str, Any]]] = {}
    found: dict[str, tuple[str, dict[str, Any]]] = {}  # key → (family, knobs)
    for history in runs().histories():
        try:
            tag = history.config["tags"]["atlas"]
            family, key, knobs = tag["family"], tag["key"], lab_knobs(tag["family"], tag["knobs"])
            seed = int(history.config["training"]["seed"])
            usable = cell_key(family, knobs) == key  # else: a tag from another version of the knobs
        except (KeyError, TypeError, ValueError, AttributeError):  # not a cell's run, or a hand-edited line
            continue
        if not usable or not history.recipe or history.interrupted or not history.step_losses:
            continue
        if history.final_test_acc is not None:
            seeds.setdefault((key, history.recipe), {})[seed] = seed_record(history, seed)  # latest wins
            found[key] = (family, knobs)
    return Atlas(
        {
            key: Cell(found[key][0], key, found[key][1], recipe, tuple(by_seed.values()), source="local")
            for (key, recipe), by_seed in seeds.items()
        }
    )


def lookup(family: str, **knobs: Any) -> Cell | None:
    """The measured cell of this setting (shipped atlas, else this machine's), or None.

    Raises :class:`AtlasUnavailable` when the shipped atlas cannot be read.
    """
    cell = shipped().get(family, knobs)
    return cell if cell is not None else local().get(family, knobs)


def shipped() -> Atlas:
    """The atlas shipped in the package, read once (raises :class:`AtlasUnavailable`)."""
    if "shipped" not in _SHIPPED_CACHE:
        _SHIPPED_CACHE["shipped"] = load()
    return _SHIPPED_CACHE["shipped"]


def cell_of(history: History) -> Cell | None:
    """The shipped atlas's cell a recipe run belongs to (None for a quick look or an unmeasured cell).

    정확도 지도에서 이 학습(레시피 실행)과 같은 설정의 칸. 없으면 None입니다.
    """
    tag = history.config.get("tags", {}).get("atlas") if isinstance(history.config, dict) else None
    if not history.recipe or not isinstance(tag, dict):
        return None
    try:
        cell = shipped().cells.get(tag.get("key"))
    except ConfigError:  # no atlas: the curves alone
        return None
    return cell if cell is not None and cell.recipe == history.recipe else None


# ---------------------------------------------------------------------------------------------
# What an explorer shows: a setting, its lesson partner, the comparison, the papers' rows
# ---------------------------------------------------------------------------------------------

# The partners: the plain twin, the network without reductions, the next shallower configuration
# (or the other half of the 3×3-stack pair), the default AlexNet one factor away.
_SHALLOWER_VGG = {"A-LRN": "A", "B": "A", "C": "B", "D": "C", "E": "D"}
_VGG_PAIR = {((2, 2, 2), 3): ((1, 1, 1), 5), ((1, 1, 1), 5): ((2, 2, 2), 3)}


def partner(family: str, knobs: Mapping[str, Any]) -> dict[str, Any] | None:
    """The setting the lessons compare ``knobs`` with (None where there is none)."""
    k = lab_knobs(family, knobs)
    if family == "resnet":
        return k | {"skip": not k["skip"]}
    if family == "googlenet":
        return k | {"reduce": not k["reduce"]}
    if family == "vgg":
        if (k["config"], k["k"]) in _VGG_PAIR:
            config, kernel = _VGG_PAIR[k["config"], k["k"]]
            return k | {"config": config, "k": kernel}
        shallower = _SHALLOWER_VGG.get(k["config"]) if isinstance(k["config"], str) else None
        return None if shallower is None else k | {"config": shallower}
    default = LAB_KNOBS["alexnet"]
    changed = [name for name in default if k[name] != default[name]]
    return dict(default) if len(changed) == 1 else None


@dataclass(frozen=True)
class AccuracyView:
    """Everything an explorer shows about the accuracy of one setting (no drawing, no HTML)."""

    family: str
    knobs: dict[str, Any]
    cell: Cell | None
    partner_knobs: dict[str, Any] | None
    partner: Cell | None
    comparison: Comparison | None
    papers: tuple[papers.PaperResult, ...]
    estimate_seconds: float | None  # for a cell not measured yet: about how long Train takes

    @property
    def changed(self) -> dict[str, Any]:
        """The knobs in which the partner differs: what the comparison is about."""
        if self.partner_knobs is None:
            return {}
        return {k: v for k, v in self.partner_knobs.items() if self.knobs.get(k) != v}


def accuracy(family: str, knobs: Mapping[str, Any]) -> AccuracyView:
    """The measured accuracy of a setting, its lesson partner, the comparison and the papers' rows.

    Raises :class:`AtlasUnavailable` when the shipped atlas cannot be read, and ConfigError for
    knobs no network can be built from.
    """
    full = lab_knobs(family, knobs)
    atlas = shipped().merged(local())
    cell = atlas.get(family, full)
    other = partner(family, full)
    other_cell = None if other is None else atlas.get(family, other)
    comparison = None if cell is None or other_cell is None else compare(cell, other_cell)
    rows = tuple(papers.results_for(family, **full))
    estimate = None if cell is not None else estimate_seconds(atlas, family, full)
    return AccuracyView(family, full, cell, other, other_cell, comparison, rows, estimate)


def estimate_seconds(atlas: Atlas, family: str, knobs: Mapping[str, Any]) -> float | None:
    """About how long one recipe run of ``knobs`` takes: the family's default cell, scaled by MACs.

    A rough guide (the atlas's own runs, one core each); None where the default cell is not measured.
    """
    reference = atlas.get(family, {})
    if reference is None:
        return None
    return reference.seconds / _macs(family, reference.knobs) * _macs(family, dict(knobs))


_MACS: dict[str, int] = {}  # cell key → MACs: each network counted once, so a knob change stays instant


def _macs(family: str, knobs: dict[str, Any]) -> int:
    key = cell_key(family, knobs)
    if key not in _MACS:
        _MACS[key] = max(1, count.macs(lab_model(family, knobs, device="meta")))
    return _MACS[key]


def build(families: Iterable[str] = FAMILIES, **settings: Any) -> Path:
    """Train every missing (cell, seed) of the grids and write the file: :func:`cnnlib.atlas_build.build`."""
    from cnnlib import atlas_build  # the builder reads this module: imported on use, not at import

    return atlas_build.build(families, **settings)
