"""The papers' own numbers, with where they come from, to show beside the lab's measurements.

논문이 보고한 숫자와 그 출처. 실습에서 잰 정확도 옆에 함께 보여 줍니다.

Every row says which paper and table or figure, the dataset, the metric (top-1 or top-5
*error*, in percent, as the papers report it), and whether it is a single model or an ensemble
(the headline numbers of AlexNet and GoogLeNet are ensembles). Lab accuracy is measured on the
embedded 32×32 dataset with ten classes: compare the *trend* between settings, never the values.
"""

from __future__ import annotations

from dataclasses import dataclass

from cnnlib import i18n

__all__ = ["PAPERS", "REMARKS", "PaperResult", "remark", "results_for"]


@dataclass(frozen=True)
class PaperResult:
    family: str  # "alexnet" | "vgg" | "googlenet" | "resnet"
    setting: dict  # the lab knobs this row corresponds to, e.g. {"depth": 20, "skip": True}
    model: str  # the paper's name for it, e.g. "ResNet-20"
    source: str  # "He et al. 2016, Table 6"
    dataset: str  # "ImageNet (ILSVRC-2012 val)" | "CIFAR-10 test" | …
    metric: str  # "top-1 error" | "top-5 error"
    error: float  # percent
    ensemble: str = ""  # "" for a single model, else e.g. "7 models, 144 crops"

    def describe(self) -> str:
        """One line in the current language, e.g. ``ResNet-20: CIFAR-10 test top-1 error 8.75 % …``."""
        kind = i18n.t("paper.single") if not self.ensemble else i18n.t("paper.ensemble", what=self.ensemble)
        return i18n.t(
            "paper.row",
            model=self.model,
            dataset=self.dataset,
            metric=self.metric,
            error=f"{self.error:g}",
            kind=kind,
            source=self.source,
        )


_ALEX = "Krizhevsky et al. 2012"
_VGG = "Simonyan & Zisserman 2015, Table 3 (train/test scale 256)"
_GOOG = "Szegedy et al. 2015, Table 3"
_RES = "He et al. 2016"
_IN12 = "ImageNet (ILSVRC-2012 val)"

PAPERS: tuple[PaperResult, ...] = (
    # AlexNet: one CNN on ILSVRC-2012 val (Table 2); the famous 15.3 % is an ensemble of 7 on test.
    PaperResult("alexnet", {}, "AlexNet (1 CNN)", f"{_ALEX}, Table 2", _IN12, "top-1 error", 40.7),
    PaperResult("alexnet", {}, "AlexNet (1 CNN)", f"{_ALEX}, Table 2", _IN12, "top-5 error", 18.2),
    PaperResult(
        "alexnet",
        {},
        "AlexNet (7 CNNs*)",
        f"{_ALEX}, Table 2",
        "ImageNet (ILSVRC-2012 test)",
        "top-5 error",
        15.3,
        "7 CNNs, 2 pre-trained on ImageNet Fall 2011",
    ),
    # VGG: single-scale evaluation, each configuration trained at S = 256.
    *(
        PaperResult("vgg", {"config": c}, f"VGG {c}", _VGG, _IN12, metric, err)
        for c, top1, top5 in (
            ("A", 29.6, 10.4),
            ("A-LRN", 29.7, 10.5),
            ("B", 28.7, 9.9),
            ("C", 28.1, 9.4),
            ("D", 27.0, 8.8),
            ("E", 27.3, 9.0),
        )
        for metric, err in (("top-1 error", top1), ("top-5 error", top5))
    ),
    # GoogLeNet reports top-5 only; its 6.67 % is an ensemble of 7 models over 144 crops.
    PaperResult(
        "googlenet",
        {},
        "GoogLeNet (1 model, 1 crop)",
        _GOOG,
        "ImageNet (ILSVRC-2014 val)",
        "top-5 error",
        10.07,
    ),
    PaperResult(
        "googlenet",
        {},
        "GoogLeNet (7 models, 144 crops)",
        _GOOG,
        "ImageNet (ILSVRC-2014 val)",
        "top-5 error",
        6.67,
        "7 models, 144 crops",
    ),
    # ResNet on ImageNet: 10-crop top-1 error, Table 2 (plain vs residual, option A).
    *(
        PaperResult(
            "resnet",
            {"variant": "imagenet", "depth": d, "skip": s},
            name,
            f"{_RES}, Table 2",
            _IN12 + ", 10-crop",
            "top-1 error",
            err,
        )
        for d, s, name, err in (
            (18, False, "plain-18", 27.94),
            (34, False, "plain-34", 28.54),
            (18, True, "ResNet-18", 27.88),
            (34, True, "ResNet-34", 25.03),
        )
    ),
    # ResNet on CIFAR-10: Table 6 (test error; 110 layers: best of 5 runs, mean 6.61 ± 0.16).
    *(
        PaperResult(
            "resnet",
            {"variant": "cifar", "depth": d, "skip": True},
            f"ResNet-{d}",
            f"{_RES}, Table 6",
            "CIFAR-10 test",
            "top-1 error",
            err,
        )
        for d, err in ((20, 8.75), (32, 7.51), (44, 7.17), (56, 6.97), (110, 6.43))
    ),
)

# What the papers say in words where they give no table row for the lab comparison.
REMARKS: dict[str, tuple[str, str]] = {
    "resnet.plain_cifar": (
        "He et al. 2016, 그림 6: CIFAR-10에서 평범한 망은 깊을수록(20 → 56층) "
        "학습 오차와 테스트 오차가 모두 큽니다(표 값은 없음).",
        "He et al. 2016, Fig. 6: on CIFAR-10 deeper plain nets (20 → 56 layers) have higher training "
        "and test error (no table value).",
    ),
    "vgg.big_filter": (
        "Simonyan & Zisserman 2015, 4.1절: B의 3×3 두 개를 5×5 하나로 바꾼 얕은 망은 "
        "top-1 오차가 7%p 더 컸습니다(중앙 자르기).",
        "Simonyan & Zisserman 2015, §4.1: replacing each pair of 3×3 in B by one 5×5 raised top-1 error "
        "by 7 points (centre crop).",
    ),
    "alexnet.lrn": (
        "Krizhevsky et al. 2012, 3.3절: LRN이 top-1 오차를 1.4%p, top-5 오차를 1.2%p 줄였습니다. "
        "VGG(A 대 A-LRN)에서는 효과가 없었습니다.",
        "Krizhevsky et al. 2012, §3.3: LRN reduced top-1 / top-5 error by 1.4 / 1.2 points; VGG found no "
        "gain (A vs A-LRN).",
    ),
    "alexnet.dropout": (
        "Krizhevsky et al. 2012, 4.2절: 드롭아웃이 없으면 과적합이 심했습니다(수치는 없음).",
        "Krizhevsky et al. 2012, §4.2: without dropout the network overfitted substantially "
        "(no number given).",
    ),
    "alexnet.augment": (
        "Krizhevsky et al. 2012, 4.1절: PCA 색 증강이 top-1 오차를 1%p 넘게 줄였고, "
        "자르기·뒤집기 없이는 과적합이 심했습니다.",
        "Krizhevsky et al. 2012, §4.1: PCA colour augmentation cut top-1 error by over 1 point; "
        "without crops and flips the network overfitted substantially.",
    ),
    "alexnet.relu": (
        "Krizhevsky et al. 2012, 그림 1: ReLU 4층 CNN은 tanh보다 6배 빨리 학습 오차 25%에 닿았습니다.",
        "Krizhevsky et al. 2012, Fig. 1: a four-layer CNN with ReLUs reached 25 % training error six times "
        "faster than with tanh.",
    ),
    "googlenet.reduce": (
        "Szegedy et al. 2015, 3절: 1×1 차원 축소가 없으면 계산량이 감당할 수 없이 커집니다"
        "(축소 없는 망의 정확도는 보고하지 않음).",
        "Szegedy et al. 2015, §3: without 1×1 reductions the computation blows up (no accuracy reported "
        "for a network without them).",
    ),
}


def results_for(family: str, **setting: object) -> list[PaperResult]:
    """The paper rows of ``family`` whose setting matches ``setting`` (rows with no setting always do)."""
    return [
        row
        for row in PAPERS
        if row.family == family and all(setting.get(k, v) == v for k, v in row.setting.items())
    ]


def remark(key: str) -> str:
    """A paper's statement in words, in the current language."""
    return i18n.pick(*REMARKS[key], sep="\n")
