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

__all__ = ["PAPERS", "PaperResult", "results_for"]


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
            "paper.row", model=self.model, dataset=self.dataset, metric=self.metric, error=f"{self.error:g}",
            kind=kind, source=self.source,
        )  # fmt: skip


_ALEX = "Krizhevsky et al. 2012"
_VGG = "Simonyan & Zisserman 2015, Table 3 (train/test scale 256)"
_GOOG = "Szegedy et al. 2015, Table 3"
_RES = "He et al. 2016"
_IN12 = "ImageNet (ILSVRC-2012 val)"

_G14 = "ImageNet (ILSVRC-2014 val)"
PAPERS: tuple[PaperResult, ...] = (
    # AlexNet: one CNN on ILSVRC-2012 val (Table 2); the famous 15.3 % is an ensemble of 7 on test.
    PaperResult("alexnet", {}, "AlexNet (1 CNN)", f"{_ALEX}, Table 2", _IN12, "top-1 error", 40.7),
    PaperResult("alexnet", {}, "AlexNet (1 CNN)", f"{_ALEX}, Table 2", _IN12, "top-5 error", 18.2),
    PaperResult("alexnet", {}, "AlexNet (7 CNNs*)", f"{_ALEX}, Table 2", "ImageNet (ILSVRC-2012 test)",
                "top-5 error", 15.3, "7 CNNs, 2 pre-trained on ImageNet Fall 2011"),
    # VGG: single-scale evaluation, each configuration trained at S = 256.
    *(PaperResult("vgg", {"config": c}, f"VGG {c}", _VGG, _IN12, metric, err)
      for c, top1, top5 in (("A", 29.6, 10.4), ("A-LRN", 29.7, 10.5), ("B", 28.7, 9.9), ("C", 28.1, 9.4),
                            ("D", 27.0, 8.8), ("E", 27.3, 9.0))
      for metric, err in (("top-1 error", top1), ("top-5 error", top5))),
    # GoogLeNet reports top-5 only; its 6.67 % is an ensemble of 7 models over 144 crops.
    PaperResult("googlenet", {}, "GoogLeNet (1 model, 1 crop)", _GOOG, _G14, "top-5 error", 10.07),
    PaperResult("googlenet", {}, "GoogLeNet (7 models, 144 crops)", _GOOG, _G14, "top-5 error", 6.67,
                "7 models, 144 crops"),
    # ResNet on ImageNet: 10-crop top-1 error, Table 2 (plain vs residual, option A).
    *(PaperResult("resnet", {"variant": "imagenet", "depth": d, "skip": s}, name, f"{_RES}, Table 2",
                  _IN12 + ", 10-crop", "top-1 error", err)
      for d, s, name, err in ((18, False, "plain-18", 27.94), (34, False, "plain-34", 28.54),
                              (18, True, "ResNet-18", 27.88), (34, True, "ResNet-34", 25.03))),
    # ResNet on CIFAR-10: Table 6 (test error; 110 layers: best of 5 runs, mean 6.61 ± 0.16).
    *(PaperResult("resnet", {"variant": "cifar", "depth": d, "skip": True}, f"ResNet-{d}", f"{_RES}, Table 6",
                  "CIFAR-10 test", "top-1 error", err)
      for d, err in ((20, 8.75), (32, 7.51), (44, 7.17), (56, 6.97), (110, 6.43))),
)  # fmt: skip


def results_for(family: str, **setting: object) -> list[PaperResult]:
    """The paper rows of ``family`` whose setting matches ``setting`` (rows with no setting always do)."""
    return [
        row
        for row in PAPERS
        if row.family == family and all(setting.get(k, v) == v for k, v in row.setting.items())
    ]
