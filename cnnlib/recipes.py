"""Training recipes: a fixed number of steps, the optimizer and its schedule, under one name.

학습 레시피: 스텝 수, 최적화 방법, 학습률 일정을 이름 하나로 묶은 것입니다.

An accuracy shown as *the* accuracy of a setting must come from the same training for every
setting and every machine. A budget in seconds cannot give that (a deeper network would get
fewer steps, a faster laptop more), so a recipe counts *optimizer steps*. Its identity —
``name@hash`` — is recorded with every result, and the hash changes whenever any number of
the recipe changes, so results of two different recipes are never mixed up::

    from cnnlib.recipes import RECIPES
    recipe = RECIPES["resnet-lab"]
    recipe.identity                      # 'resnet-lab@3f0c9a21d4'
    history = fit(model, train, test, recipe=recipe, seed=0)

The lab recipes were chosen on the embedded dataset (``benchmarks/recipe_plateau.py`` shows the
curves: what share of the accuracy of four times the steps each one reaches).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass

from cnnlib import i18n
from cnnlib.errors import ConfigError

__all__ = ["RECIPES", "Recipe", "get", "lr_factor"]

SCHEDULES: tuple[str, ...] = ("constant", "cosine")


@dataclass(frozen=True)
class Recipe:
    """One way of training, fixed in steps. 학습 한 가지 방법(스텝 수로 고정).

    ``schedule="cosine"``: the learning rate rises linearly over ``warmup`` steps, then falls
    along half a cosine to zero at the last step — the network ends in a calm minimum, so a
    short run lands near where a long one would (Loshchilov & Hutter, SGDR, 2017).
    """

    name: str
    steps: int
    batch_size: int
    optimizer: str  # "adam" | "sgd" (momentum 0.9)
    lr: float
    schedule: str = "cosine"
    warmup: int = 0
    weight_decay: float = 0.0
    evaluations: int = 5  # evaluations on the whole test split, evenly spread over the steps
    about: tuple[str, str] = ("", "")  # why these numbers (Korean, English); not part of the hash

    @property
    def hash(self) -> str:
        """Ten hex digits of a SHA-256 of every number of the recipe (not of ``about``)."""
        numbers = {k: v for k, v in asdict(self).items() if k != "about"}
        return hashlib.sha256(json.dumps(numbers, sort_keys=True).encode()).hexdigest()[:10]

    @property
    def identity(self) -> str:
        """``name@hash``: what every result trained with this recipe records."""
        return f"{self.name}@{self.hash}"

    @property
    def eval_every(self) -> int:
        return math.ceil(self.steps / self.evaluations)

    def describe(self) -> str:
        """One line for people, in the current language."""
        return i18n.t(
            "recipe.describe",
            name=self.name,
            steps=self.steps,
            batch=self.batch_size,
            opt=self.optimizer,
            lr=f"{self.lr:g}",
            schedule=self.schedule,
            warmup=self.warmup,
        )


def lr_factor(step: int, total: int, schedule: str, warmup: int) -> float:
    """The learning rate of step ``step`` (0-based) as a fraction of the recipe's ``lr``."""
    if warmup and step < warmup:
        return (step + 1) / warmup
    if schedule == "constant":
        return 1.0
    progress = (step - warmup) / max(1, total - warmup)
    return 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))


# The lab recipes: 32×32 images of the embedded dataset, batch 64, Adam with warm-up and cosine
# decay, 800 steps (about five epochs). Adam because one recipe must train networks with and
# without batch normalisation (VGG and AlexNet as in their papers, plain and residual ResNets)
# without tuning each one. VGG without batch norm needs the smaller step: at 1e-3 its 16-layer
# configuration D stayed at chance (10 %) for 600 steps on seed 0; at 3e-4 it learns. The lab AlexNet
# (ReLU, LRN, no batch norm) at 2e-3 died on some seeds (seed 1 with crop+flip stayed at 10 %, without
# LRN at 31 %); at 1e-3 the same seeds reach 48 % and 64 %.
_LAB_ABOUT = (
    "실습 규모(32×32, 내장 데이터셋) 레시피: 배치 64, Adam, 워밍업 뒤 코사인 감쇠, 800스텝(약 5에포크), "
    "테스트 데이터 전체(2,000장)로 평가합니다.",
    "Lab-scale recipe (32×32, the embedded dataset): batch 64, Adam, warm-up then cosine decay, 800 steps "
    "(about five epochs), evaluated on the whole test split (2,000 images).",
)
RECIPES: dict[str, Recipe] = {
    recipe.name: recipe
    for recipe in (
        Recipe("alexnet-lab", 800, 64, "adam", 1e-3, warmup=40, about=_LAB_ABOUT),
        Recipe("vgg-lab", 800, 64, "adam", 3e-4, warmup=40, about=_LAB_ABOUT),
        Recipe("googlenet-lab", 800, 64, "adam", 2e-3, warmup=40, about=_LAB_ABOUT),
        Recipe("resnet-lab", 800, 64, "adam", 2e-3, warmup=40, about=_LAB_ABOUT),
    )
}


def get(name: str) -> Recipe:
    """The recipe called ``name`` (a ConfigError lists the known ones)."""
    if not isinstance(name, str) or name not in RECIPES:
        raise ConfigError("recipe", name, ", ".join(repr(n) for n in RECIPES))
    return RECIPES[name]
