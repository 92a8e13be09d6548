"""Parameter and MAC counting, layer by layer, in the lecturer's arithmetic.

층마다 파라미터 수와 곱셈-누적(MAC) 횟수를 강의에서 쓰는 식 그대로 보여 줍니다:
파라미터 = 입력 채널 × 커널 크기(k×k) × 출력 채널 + 편향(출력 채널마다 하나).
필터의 개수가 곧 출력 특징 맵의 채널 수입니다.

Conventions (state them wherever numbers are shown):

- parameters include biases and BatchNorm's two affine vectors (γ, β); running
  statistics are buffers, not parameters;
- MACs are the multiply-accumulates of convolution and fully connected layers for one
  image; FLOPs ≈ 2 × MACs. This matches ``torch.utils.flop_counter.FlopCounterMode``,
  which counts 2 FLOPs per MAC and ignores bias additions;
- papers often quote weights only and "K = 1024" — ``LayerRow.weights`` and
  ``ParamTable.by_stage(weights_only=True)`` reproduce that convention.

Everything runs on the meta device: the table of VGG-19 at 224×224 allocates no
weight memory (see ``benchmarks/count_speed.py``).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from torch import nn

from cnnlib import i18n
from cnnlib.errors import ConfigError
from cnnlib.trace import nearest_sizes, smallest_size, trace

# Shape-preserving, parameter-free layers that only clutter a table.
_HIDDEN = (nn.ReLU, nn.Tanh, nn.Sigmoid, nn.GELU, nn.SiLU, nn.LeakyReLU, nn.Identity, nn.Flatten)
_NORMS = (nn.modules.batchnorm._BatchNorm, nn.LocalResponseNorm, nn.GroupNorm, nn.LayerNorm)
_POOLS = (nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)


@dataclass(frozen=True)
class LayerRow:
    """One layer of a :class:`ParamTable`. 표의 한 줄(층 하나)."""

    name: str
    type: str  # short description, e.g. "Conv2d 11×11/4"
    kind: str  # "conv", "fc", "norm", "pool" or "other"
    input_shape: tuple[int, ...] | None  # per image (C, H, W); None if not run at inference
    output_shape: tuple[int, ...] | None
    params: int
    weights: int  # the weight tensor alone (no bias, no norm): the papers' convention
    macs: int
    formula: str
    stage: str

    @property
    def ran(self) -> bool:
        return self.output_shape is not None


def params(model: nn.Module) -> int:
    """Total number of parameters, ``sum(p.numel() for p in model.parameters())``. 전체 파라미터 수."""
    return sum(p.numel() for p in model.parameters())


def macs(model: nn.Module, input_size: int | Sequence[int] | None = None) -> int:
    """Multiply-accumulates of all conv/linear layers for one image (FLOPs ≈ 2 × MACs).

    이미지 한 장에 대한 합성곱·완전 연결 층의 곱셈-누적 횟수.
    """
    return table(model, input_size).total_macs


def table(model: nn.Module, input_size: int | Sequence[int] | None = None, *, all_layers: bool = False):
    """Per-layer parameters, MACs and formulas for one image of ``input_size``.

    층별 파라미터·MAC·계산식 표를 만듭니다. 모델을 메타 장치에서 한 번 실행하므로 빠르고
    가중치 메모리를 쓰지 않습니다.

    Args:
        model: any ``nn.Module`` taking ``[N, C, H, W]`` images (cnnlib or torchvision), or a
            single layer such as ``nn.Conv2d(192, 16, 1)`` (its row is named after its class).
        input_size: ``H`` (square), ``(H, W)`` or ``(C, H, W)``. Default: the size a
            cnnlib model was built for.
        all_layers: also list activations and identities (they have no parameters).

    The rows' parameters always sum exactly to :func:`params`: layers that do not run
    at inference (GoogLeNet's auxiliary classifiers) are listed with their parameters.
    """
    shape = _input_shape(model, input_size)
    run = _trace_or_explain(model, shape, input_size)
    stages = _stage_labels(model)
    rows: list[LayerRow] = []
    owners: dict[int, str] = {}  # id of a parameter → the row that counts it (tied weights count once)
    for name, module in model.named_modules():
        own_params = list(module.parameters(recurse=False))
        shared = [owners[id(p)] for p in own_params if id(p) in owners]
        own = sum(p.numel() for p in own_params if id(p) not in owners)
        row_name = name or type(module).__name__
        owners.update((id(p), row_name) for p in own_params if id(p) not in owners)
        is_leaf = next(module.children(), None) is None
        if not own and not (is_leaf and (all_layers or not isinstance(module, _HIDDEN))):
            continue
        call = run.calls.get(name)  # a bare layer is the model itself: its trace name is ""
        if not name:  # parameters attached to the model itself, or a single layer counted alone
            name = type(module).__name__
        in_shape = call.input_shape[1:] if call and call.input_shape else None
        out_shape = call.output_shape[1:] if call and call.output_shape else None
        rows.append(
            LayerRow(
                name=name,
                type=_describe(module),
                kind=_kind(module),
                input_shape=in_shape,
                output_shape=out_shape,
                params=own,
                weights=0 if shared and _weights(module) else _weights(module),
                macs=_macs(module, in_shape, out_shape),  # a shared layer still computes
                formula=_formula(module, own, shared[0] if shared else None),
                stage=stages.get(name, name.split(".")[0]),
            )
        )
    return ParamTable(rows, shape, type(model).__name__)


# --------------------------------------------------------------------------- input sizes

_LARGEST = 4096  # square sizes tried when an input does not fit; each try is one trace on "meta"


def _trace_or_explain(model: nn.Module, shape: tuple[int, ...], input_size: Any):
    """The model's trace for one image of ``shape``, or a ConfigError naming sizes that fit."""
    try:
        return trace(model, (1, *shape))
    except (RuntimeError, ValueError, IndexError) as error:  # torch's shape errors
        text = str(error).strip()
        reason = text.splitlines()[0][:160].rstrip(".") if text else type(error).__name__
    smallest, near = _sizes_that_fit(model, shape[0], min(shape[1:]))
    if smallest is not None:
        allowed = i18n.both("count.allowed.at_least", size=smallest)
    elif near:
        allowed = i18n.both("count.allowed.sizes", sizes=", ".join(map(str, near)))
    else:
        allowed = i18n.both("count.allowed.none")
    problem = i18n.both("count.problem.forward", error=reason)
    raise ConfigError("input_size", input_size if input_size is not None else shape[-1], allowed, problem)


def _sizes_that_fit(model: nn.Module, channels: int, requested: int) -> tuple[int | None, list[int]]:
    """(smallest size that fits, if every larger one does too; else a few sizes near the built one).

    A model that pools adaptively takes any size above a smallest one. A model whose first FC
    layer fixes the size (the paper AlexNet: 227) fits only a few: those next to the size it
    was built for are listed.
    """

    def fits(size: int) -> bool:
        try:
            trace(model, (1, channels, size, size))
        except (RuntimeError, ValueError, IndexError):
            return False
        return True

    smallest = smallest_size(fits, requested, _LARGEST)
    if smallest is not None and fits(min(2 * smallest, _LARGEST)):  # and larger sizes fit too
        return smallest, []
    built = getattr(model, "input_size", None)
    centre = built if isinstance(built, int) and not isinstance(built, bool) and built > 0 else requested
    return None, nearest_sizes(fits, centre, within=16)


# --------------------------------------------------------------------------- per layer


def _input_shape(model: nn.Module, input_size: Any) -> tuple[int, int, int]:
    channels = getattr(model, "in_channels", None)
    if channels is None:
        first = next((m for m in model.modules() if isinstance(m, nn.Conv2d)), None)
        channels = first.in_channels if first is not None else 3
    size = getattr(model, "input_size", None) if input_size is None else input_size
    if isinstance(size, int) and not isinstance(size, bool) and size > 0:
        return (channels, size, size)
    if isinstance(size, (tuple, list)) and all(isinstance(s, int) and s > 0 for s in size):
        if len(size) == 2:
            return (channels, *size)
        if len(size) == 3:
            return tuple(size)
    raise ConfigError("input_size", input_size, i18n.both("count.allowed.input_shape"))


def _kind(module: nn.Module) -> str:
    if isinstance(module, nn.Conv2d):
        return "conv"
    if isinstance(module, nn.Linear):
        return "fc"
    if isinstance(module, _NORMS):
        return "norm"
    if isinstance(module, _POOLS):
        return "pool"
    return "other"


def _pair(value: Any) -> tuple[int, int]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


def _describe(module: nn.Module) -> str:
    kind = type(module).__name__
    if isinstance(module, nn.Conv2d):
        (kh, kw), (s, _) = module.kernel_size, module.stride
        text = f"{kind} {kh}×{kw}" + (f"/{s}" if s != 1 else "")
        return text + (f" g={module.groups}" if module.groups != 1 else "")
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        (kh, kw), (s, _) = _pair(module.kernel_size), _pair(module.stride)
        return f"{kind} {kh}×{kw}/{s}"
    if isinstance(module, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)):
        h, w = _pair(module.output_size)
        return f"{kind} → {h}×{w}"
    if isinstance(module, nn.LocalResponseNorm):
        return f"LRN n={module.size}"
    if isinstance(module, nn.Dropout):
        return f"Dropout p={module.p:g}"
    return kind


def _weights(module: nn.Module) -> int:
    weight = getattr(module, "weight", None)
    return weight.numel() if isinstance(module, (nn.Conv2d, nn.Linear)) and weight is not None else 0


def _macs(module: nn.Module, in_shape, out_shape) -> int:
    if out_shape is None:
        return 0
    if isinstance(module, nn.Conv2d):
        kh, kw = module.kernel_size
        return math.prod(out_shape) * (module.in_channels // module.groups) * kh * kw
    if isinstance(module, nn.Linear):
        return math.prod(out_shape) * module.in_features
    return 0


def _formula(module: nn.Module, own: int, shared_with: str | None = None) -> str:
    """The lecturer's arithmetic for one layer, e.g. ``3 × (11×11) × 96 + 96 = 34,944``."""
    if shared_with is not None:  # tied weights: counted once, in the row that comes first
        return i18n.t("table.shared", name=shared_with) + (f" + {own:,}" if own else "")
    if isinstance(module, nn.Conv2d):
        kh, kw = module.kernel_size
        cin = f"({module.in_channels}/{module.groups})" if module.groups != 1 else f"{module.in_channels}"
        text = f"{cin} × ({kh}×{kw}) × {module.out_channels}"
        text += f" + {module.out_channels}" if module.bias is not None else ""
    elif isinstance(module, nn.Linear):
        text = f"{module.in_features} × {module.out_features}"
        text += f" + {module.out_features}" if module.bias is not None else ""
    elif isinstance(module, nn.modules.batchnorm._BatchNorm) and module.affine:
        text = f"2 × {module.num_features}"
    elif own:  # any other layer with parameters: list its tensors
        text = " + ".join("×".join(map(str, p.shape)) or "1" for p in module.parameters(recurse=False))
    else:
        return ""
    return f"{text} = {own:,}"


def _stage_labels(model: nn.Module) -> dict[str, str]:
    """Stage of every layer: its top-level block; a flat ``features`` list is cut at each pooling."""
    labels: dict[str, str] = {}
    for top, child in model.named_children():
        flat = isinstance(child, nn.Sequential) and all(
            next(c.children(), None) is None for c in child.children()
        )
        if not flat or not any(isinstance(c, _POOLS) for c in child.children()):
            continue
        stage = 1
        for name, layer in child.named_children():
            labels[f"{top}.{name}"] = f"{top}:{stage}"
            if isinstance(layer, _POOLS):
                stage += 1
    return labels


# --------------------------------------------------------------------------- the table


def shape_text(shape: tuple[int, ...] | None) -> str:
    """One image's shape as PyTorch writes it, C×H×W ("96×55×55"): the one convention of tables,
    diagrams and explorers."""
    return "×".join(map(str, shape)) if shape else ""


class ParamTable:
    """The result of :func:`table`: rows, totals, groupings, and HTML/text rendering.

    :func:`table`의 결과: 층별 행, 합계, 종류·단계별 묶음, 노트북용 HTML과 터미널용 텍스트.
    """

    def __init__(self, rows: list[LayerRow], input_shape: tuple[int, ...], model_name: str) -> None:
        self.rows = rows
        self.input_shape = input_shape
        self.model_name = model_name
        self.total_params = sum(r.params for r in rows)
        self.total_macs = sum(r.macs for r in rows)

    def __getitem__(self, name: str) -> LayerRow:
        for row in self.rows:
            if row.name == name:
                return row
        raise KeyError(name)

    def by_kind(self) -> dict[str, int]:
        """Parameters per kind of layer: conv, fc, norm, … (AlexNet's and VGG's sit in fc)."""
        totals: dict[str, int] = {}
        for row in self.rows:
            totals[row.kind] = totals.get(row.kind, 0) + row.params
        return {kind: n for kind, n in totals.items() if n}

    def by_stage(self, *, weights_only: bool = False) -> dict[str, int]:
        """Parameters per stage/block (``weights_only``: the papers' weights-only convention)."""
        totals: dict[str, int] = {}
        for row in self.rows:
            totals[row.stage] = totals.get(row.stage, 0) + (row.weights if weights_only else row.params)
        return {stage: n for stage, n in totals.items() if n}

    def macs_by_stage(self) -> dict[str, int]:
        """Multiply-accumulates per stage/block (stages without conv/FC layers are left out)."""
        totals: dict[str, int] = {}
        for row in self.rows:
            totals[row.stage] = totals.get(row.stage, 0) + row.macs
        return {stage: n for stage, n in totals.items() if n}

    # -- rendering

    def _cells(self) -> list[list[str]]:
        not_run = i18n.t("table.not_run")
        return [
            [
                r.name,
                r.type,
                shape_text(r.input_shape) if r.ran else not_run,
                shape_text(r.output_shape),
                f"{r.params:,}",
                f"{r.macs:,}" if r.macs else "",
                r.formula,
            ]
            for r in self.rows
        ]

    def _headers(self) -> list[str]:
        keys = ("layer", "type", "input", "output", "params", "macs", "formula")
        return [i18n.t(f"table.{key}", sep=" / ") for key in keys]

    def summary(self) -> str:
        """One line: total and the conv / FC / norm shares. 합계와 종류별 비율 한 줄."""
        parts = [
            f"{i18n.t(f'kind.{kind}')} {n:,} ({n / self.total_params:.1%})"
            for kind, n in self.by_kind().items()
        ]
        total = f"{i18n.t('table.total')}: {self.total_params:,} {i18n.t('table.params')}"
        return f"{total}, {self.total_macs:,} MACs  |  " + "  ·  ".join(parts)

    def __str__(self) -> str:
        headers, cells = self._headers(), self._cells()
        total = [i18n.t("table.total"), "", "", "", f"{self.total_params:,}", f"{self.total_macs:,}", ""]
        rows = [headers, *cells, total]
        widths = [max(i18n.display_width(row[i]) for row in rows) for i in range(len(headers))]
        numeric = {4, 5}

        def line(row: list[str]) -> str:
            return "  ".join(_pad(text, widths[i], right=i in numeric) for i, text in enumerate(row)).rstrip()

        rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
        notes = [i18n.t("table.params_note", sep="\n"), i18n.t("table.flops_note", sep="\n")]
        return "\n".join([line(headers), rule, *map(line, cells), rule, line(total), self.summary(), *notes])

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self._headers())
        body = []
        for r, cells in zip(self.rows, self._cells(), strict=True):
            tds = "".join(
                f'<td style="text-align:{"right" if i in (4, 5) else "left"}">{html.escape(c)}</td>'
                for i, c in enumerate(cells)
            )
            body.append(f'<tr class="cnnlib-{r.kind}">{tds}</tr>')
        total = (
            f"<tr><th>{html.escape(i18n.t('table.total'))}</th><td></td><td></td><td></td>"
            f'<th style="text-align:right">{self.total_params:,}</th>'
            f'<th style="text-align:right">{self.total_macs:,}</th><td></td></tr>'
        )
        notes = "<br>".join(
            html.escape(i18n.t(key, sep=" / ")) for key in ("table.params_note", "table.flops_note")
        )
        return (
            f'<table class="cnnlib-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}{total}</tbody></table>"
            f"<p>{html.escape(self.summary())}</p><p><small>{notes}</small></p>"
        )

    def __repr__(self) -> str:
        return f"<ParamTable {self.model_name}: {self.total_params:,} params, {len(self.rows)} rows>"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - i18n.display_width(text))
    return gap + text if right else text + gap
