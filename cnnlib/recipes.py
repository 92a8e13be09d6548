"""Training recipes: a fixed number of steps, the optimizer and its schedule, under one name.

학습 레시피: 스텝 수, 최적화 방법, 학습률 일정을 이름 하나로 묶은 것입니다.

*The* accuracy of a setting must come from the same training on every setting and machine. A budget
in seconds cannot give that (a deeper network would get fewer steps, a faster laptop more), so a
recipe counts *optimizer steps*. Its identity ``name@hash`` is recorded with every result and changes
with any number of the recipe, so results of two recipes are never mixed up::

    recipe = RECIPES["resnet-lab"]
    recipe.identity                      # 'resnet-lab@3f0c9a21d4'
    history = fit(model, train, test, recipe=recipe, seed=0)

The lab recipes were chosen on the embedded dataset (``benchmarks/recipe_plateau.py``). The papers'
recipes (``resnet-cifar``, ``resnet110-cifar``, ``vgg-cifar``) are the papers' own numbers for full
CIFAR-10 on a GPU, run by :func:`cnnlib.reproduce.train` (``python -m cnnlib train``); their step
schedule (``"multistep"``) is refused by the lab trainer :func:`cnnlib.train.fit`.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass

from cnnlib import i18n
from cnnlib.errors import ConfigError

__all__ = ["RECIPES", "Recipe", "get", "lr_factor"]

SCHEDULES: tuple[str, ...] = ("constant", "cosine")  # what cnnlib.train.fit understands
PAPER_SCHEDULES: tuple[str, ...] = (*SCHEDULES, "multistep")  # cnnlib.reproduce.train runs these too
AUGMENTS: tuple[str, ...] = ("", "crop_flip")


@dataclass(frozen=True)
class Recipe:
    """One way of training, fixed in steps. 학습 한 가지 방법(스텝 수로 고정).

    ``schedule="cosine"``: the learning rate rises linearly over ``warmup`` steps, then falls
    along half a cosine to zero at the last step — the network ends in a calm minimum, so a
    short run lands near where a long one would (Loshchilov & Hutter, SGDR, 2017).

    ``schedule="multistep"``: the papers' schedule — ``lr`` times ``gamma`` at each step of
    ``milestones`` (ResNet: 0.1, then 0.01 at 32k, 0.001 at 48k). With ``warmup_factor`` the
    warm-up is not a ramp but ``lr × warmup_factor`` held for ``warmup`` steps (ResNet-110).
    ``augment="crop_flip"``: pad 4 pixels with zeros, crop back at random, flip half the images.

    The fields from ``milestones`` on came with the papers' recipes; they enter the hash only when
    they differ from their defaults, so the older recipes keep the identities the shipped atlas is
    keyed by.
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
    milestones: tuple[int, ...] = ()  # "multistep": the steps at which the learning rate is multiplied …
    gamma: float = 0.1  # … by this
    warmup_factor: float | None = None  # None: a linear warm-up ramp; else lr × this, held for `warmup`
    momentum: float = 0.9  # SGD only
    nesterov: bool = False  # SGD only
    augment: str = ""  # "" (none) or "crop_flip"
    about: tuple[str, str] = ("", "")  # why these numbers (Korean, English); not part of the hash

    @property
    def hash(self) -> str:
        """Ten hex digits of a SHA-256 of every number of the recipe (not of ``about``)."""
        numbers = {
            k: v
            for k, v in asdict(self).items()
            if k != "about" and not (k in _LATER_FIELDS and v == _LATER_FIELDS[k])
        }
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
            "recipe.describe", name=self.name, steps=self.steps, batch=self.batch_size, opt=self.optimizer,
            lr=f"{self.lr:g}", schedule=self.schedule, warmup=self.warmup,
        )  # fmt: skip

    @property
    def paper_settings(self) -> list[str]:
        """The papers' fields this recipe changes from their defaults; the lab trainer cannot run them."""
        return [name for name, default in _LATER_FIELDS.items() if getattr(self, name) != default]

    def factor(self, step: int) -> float:
        """The learning rate of step ``step`` (0-based) as a fraction of ``lr``."""
        return lr_factor(
            step, self.steps, self.schedule, self.warmup,
            milestones=self.milestones, gamma=self.gamma, warmup_factor=self.warmup_factor,
        )  # fmt: skip


# The fields added with the papers' recipes and their defaults: left at these, they stay out of the hash.
_LATER_FIELDS = {"milestones": (), "gamma": 0.1, "warmup_factor": None, "momentum": 0.9}
_LATER_FIELDS |= {"nesterov": False, "augment": ""}


def lr_factor(
    step: int,
    total: int,
    schedule: str,
    warmup: int,
    *,
    milestones: tuple[int, ...] = (),
    gamma: float = 0.1,
    warmup_factor: float | None = None,
) -> float:
    """The learning rate of step ``step`` (0-based) as a fraction of the recipe's ``lr``."""
    if warmup and step < warmup:
        return (step + 1) / warmup if warmup_factor is None else warmup_factor
    if schedule == "constant":
        return 1.0
    if schedule == "multistep":
        return gamma ** sum(step >= milestone for milestone in milestones)
    progress = (step - warmup) / max(1, total - warmup)
    return 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))


# The lab recipes: 32×32 images of the embedded dataset, batch 64, Adam with warm-up and cosine
# decay, 800 steps (about five epochs). Adam because one recipe must train networks with and
# without batch normalisation (VGG and AlexNet as in their papers, plain and residual ResNets)
# without tuning each one. VGG without batch norm needs the smaller step: at 1e-3 its 16-layer
# configuration D stayed at chance (10 %) for 600 steps on seed 0; at 3e-4 it learns. The lab AlexNet
# (ReLU, LRN, no batch norm) at 2e-3 died on some seeds (seed 1 with crop+flip stayed at 10 %, without
# LRN at 31 %); at 1e-3 the same seeds reach 48 % and 64 %.
_LAB_ABOUT = i18n.both("recipe.about.lab")
RECIPES: dict[str, Recipe] = {
    recipe.name: recipe
    for recipe in (
        Recipe("alexnet-lab", 800, 64, "adam", 1e-3, warmup=40, about=_LAB_ABOUT),
        Recipe("vgg-lab", 800, 64, "adam", 3e-4, warmup=40, about=_LAB_ABOUT),
        Recipe("googlenet-lab", 800, 64, "adam", 2e-3, warmup=40, about=_LAB_ABOUT),
        Recipe("resnet-lab", 800, 64, "adam", 2e-3, warmup=40, about=_LAB_ABOUT),
    )
}

# --- The papers' recipes: full CIFAR-10 (50 000 training images) on a GPU, with cnnlib.reproduce ---
#
# He, Zhang, Ren & Sun 2016, §4.2: "weight decay of 0.0001 and momentum of 0.9 … mini-batch size of 128
# on two GPUs. We start with a learning rate of 0.1, divide it by 10 at 32k and 48k iterations, and
# terminate training at 64k iterations, which is determined on a 45k/5k train/val split. We follow the
# simple data augmentation in [24] for training: 4 pixels are padded on each side, and a 32×32 crop is
# randomly sampled from the padded image or its horizontal flip." The 45k/5k split only chose the
# schedule; Table 6 trains on all 50k and tests on the 10k test images, as this recipe does. 64k steps of
# 128 are 164 epochs (390 full batches each). The paper pads the mean-subtracted image with zeros, i.e.
# with the mean colour; here the raw image is padded with black, as torchvision's RandomCrop does.
_RESNET_CIFAR = dict(
    steps=64_000, batch_size=128, optimizer="sgd", lr=0.1, schedule="multistep", warmup=0,
    weight_decay=1e-4, evaluations=164, milestones=(32_000, 48_000), gamma=0.1, momentum=0.9,
    augment="crop_flip",
)  # fmt: skip
RECIPES["resnet-cifar"] = Recipe(
    "resnet-cifar", **_RESNET_CIFAR, about=i18n.both("recipe.about.resnet-cifar")
)
# §4.2 on ResNet-110: "the initial learning rate of 0.1 is slightly too large to start converging. So we
# use 0.01 to warm up the training until the training error is below 80% (about 400 iterations), and then
# go back to 0.1." A fixed recipe holds 0.01 for 400 steps instead of watching the training error.
_RESNET110 = _RESNET_CIFAR | {"warmup": 400, "warmup_factor": 0.1}
RECIPES["resnet110-cifar"] = Recipe(
    "resnet110-cifar", **_RESNET110, about=i18n.both("recipe.about.resnet110-cifar")
)
# VGG and AlexNet on CIFAR-10. Neither paper trained on CIFAR, so this recipe keeps what both papers
# share — SGD with momentum 0.9, weight decay 5e-4, learning rate 0.01 divided by 10 when the
# validation accuracy stopped improving (AlexNet §5: three times; VGG §3.1: three times, batch 256) —
# and fixes the rest so the numbers stand beside the ResNet row: the same batch 128, 64k steps and
# augmentation as resnet-cifar, the divisions by 10 at fixed steps (a recipe counts steps; "when it
# stops improving" would differ from run to run) at 32k, 48k and 56k. 0.01, not ResNet's 0.1: it is
# both papers' own first rate, for networks without batch normalisation. Not yet measured on a GPU.
_VGG_CIFAR = _RESNET_CIFAR | {"lr": 0.01, "weight_decay": 5e-4, "milestones": (32_000, 48_000, 56_000)}
RECIPES["vgg-cifar"] = Recipe("vgg-cifar", **_VGG_CIFAR, about=i18n.both("recipe.about.vgg-cifar"))


def get(name: str) -> Recipe:
    """The recipe called ``name`` (a ConfigError lists the known ones)."""
    if not isinstance(name, str) or name not in RECIPES:
        raise ConfigError("recipe", name, ", ".join(repr(n) for n in RECIPES))
    return RECIPES[name]
