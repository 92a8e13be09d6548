"""What the explorers show, as plain HTML strings and PNG bundles: pure functions of computed values.

The numbers come from :mod:`cnnlib.numbers`, the accuracy from :mod:`cnnlib.atlas`, the runs from
:class:`cnnlib.train.History`; these functions only lay them out, in the current language
(:func:`cnnlib.set_language`). They import no ipywidgets, so a notebook can show them too.
"""

from __future__ import annotations

import base64
import html
import io
import math
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cnnlib import atlas, i18n
from cnnlib.count import shape_text
from cnnlib.errors import ConfigError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from cnnlib.numbers import AlexNetNumbers, InceptionNumbers, Numbers, ResNetNumbers, VGGNumbers
    from cnnlib.train import History

ERROR_STYLE = "border:2px solid #c62828;background:#ffebee;color:#b71c1c;padding:6px 10px;margin:4px 0;"
ERROR_STYLE += "border-radius:4px"
NOTICE_STYLE = "border:1px solid #b0b0b0;background:#f7f7f7;color:#333;padding:6px 10px;margin:4px 0"
DPI = 96  # a widget's figure is shown at its size in pixels, as IPython shows a figure
_draw_lock = threading.Lock()  # matplotlib's font cache is shared by the counting and training threads


def esc(text: Any) -> str:
    return html.escape(str(text))


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def table(
    head: Sequence[str], rows: Sequence[Sequence[str]], foot: Sequence[str] = (), left: Sequence[int] = ()
) -> str:
    """An HTML table: ``head`` as text (one language per line), ``rows`` and ``foot`` as HTML cells.

    Columns in ``left`` are left-aligned and may wrap; the others (numbers) are right-aligned on one line.
    """

    def cells(tag: str, row: Sequence[str]) -> str:
        style = ["text-align:right;white-space:nowrap", "text-align:left"]
        return "".join(f"<{tag} style='{style[i in left]}'>{cell}</{tag}>" for i, cell in enumerate(row))

    # keep-all: Korean words are not broken between syllables
    top = "".join(f"<th style='word-break:keep-all'>{esc(h).replace(chr(10), '<br>')}</th>" for h in head)
    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    if foot:
        body += f"<tr>{cells('th', foot)}</tr>"
    return f"<table><thead><tr>{top}</tr></thead><tbody>{body}</tbody></table>"


def _columns(*keys: str) -> list[str]:
    return [i18n.t(f"widget.col.{key}", sep="\n") for key in keys]


def _notes(*keys: str) -> str:
    return f"<small>{' '.join(esc(i18n.t(k)) for k in keys)}</small>"


# ------------------------------------------------------------------------------------ numbers


def headline(n: Numbers, extra: str = "") -> str:
    """``name — input · N parameters · M MACs`` in the current language."""
    c, h, w = n.input_shape
    data = i18n.t("widget.input", c=c, h=h, w=w, classes=n.num_classes)
    totals = i18n.t("widget.totals", params=f"{n.total_params:,}", macs=f"{n.total_macs:,}", sep=" / ")
    big = "<div style='font-size:1.15em'>"
    return f"{big}<b>{esc(n.name)}</b> — {esc(data)}</div>{big}{esc(totals)}</div>{extra}"


def alexnet_summary(n: AlexNetNumbers) -> str:
    """The headline and the split of the parameters between convolutions and fully connected layers."""
    from cnnlib.plots import COLORS

    parts = [
        f"<span style='color:{COLORS.get(kind, COLORS['other'])[1]}'>■</span> "
        f"{esc(i18n.t('kind.' + kind))} {k:,} ({k / n.total_params:.1%})"
        for kind, k in n.by_kind.items()
    ]
    return headline(n, f"<div>{' · '.join(parts)}</div>")


def layer_table(n: Numbers) -> str:
    """The per-layer table of :func:`cnnlib.count.table`, with its formulas, scrolling."""
    return f"<div style='max-height:420px;overflow:auto'>{n.table._repr_html_()}</div>"


def _per_layer(n: Numbers) -> str:
    return f"<details><summary>{esc(i18n.t('widget.per_layer'))}</summary>{n.table._repr_html_()}</details>"


def vgg_stages(n: VGGNumbers) -> str:
    """Stage by stage: convolutions, channels, output, parameters and their share, MACs, receptive field."""
    rows = []
    for s in n.stages:
        convs = " + ".join(f"{k}×{k}" for k in s.kernels) or i18n.t("widget.vgg.classifier")
        rf = "" if s.receptive_field is None else f"{s.receptive_field}×{s.receptive_field}"
        cells = [
            s.label,
            convs,
            s.channels,
            shape_text(s.output),
            f"{s.params:,}",
            f"{s.params / n.total_params:.1%}",
        ]
        rows.append([esc(c) for c in [*cells, f"{s.macs:,}", rf]])
    foot = [esc(i18n.t("table.total")), "", "", "", f"{n.total_params:,}", "", f"{n.total_macs:,}", ""]
    head = _columns("stage", "convs", "channels", "output", "params", "share", "macs", "rf")
    notes = _notes("widget.vgg.rf_note", "table.flops_note")
    return table(head, rows, foot, left=(1,)) + notes + _per_layer(n)


def inception_summary(n: InceptionNumbers) -> str:
    """The module's input and output shapes and its totals."""
    shapes = {"input": shape_text(n.input_shape), "output": shape_text(n.output_shape)}
    module = i18n.t("widget.inception.module", **shapes)
    totals = i18n.t("widget.totals", params=f"{n.total_params:,}", macs=f"{n.total_macs:,}", sep=" / ")
    big = "<div style='font-size:1.15em'>"
    return f"{big}<b>{esc(module)}</b></div>{big}{esc(totals)}</div>"


def inception_branches(n: InceptionNumbers) -> str:
    """Branch by branch: layers, output channels, parameters and MACs with their formulas."""
    rows = []
    for i, b in enumerate(n.branches, start=1):
        layers = " → ".join(i18n.t("widget.inception.pool") if x == "pool" else x for x in b.layers)
        params, macs = "<br>".join(map(esc, b.param_formulas)), "<br>".join(map(esc, b.mac_formulas))
        rows.append([str(i), esc(layers), str(b.out_channels), f"{b.params:,}", params, f"{b.macs:,}", macs])
    foot = [
        esc(i18n.t("table.total")),
        "",
        str(n.output_shape[0]),
        f"{n.total_params:,}",
        "",
        f"{n.total_macs:,}",
        "",
    ]
    head = _columns("branch", "layers", "out", "params", "param_formula", "macs", "mac_formula")
    return table(head, rows, foot, left=(1, 4, 6)) + _notes("table.params_note", "table.flops_note")


def whole_googlenet(n: InceptionNumbers) -> str:
    """The whole GoogLeNet with and without the 1×1 reductions (the module's setting in bold).

    Counts two GoogLeNets the first time a variant, scale and width is seen (a few hundred ms).
    """
    from cnnlib.numbers import googlenet_totals as totals

    lines = []
    for reduce, (params, macs) in totals(*n.googlenet).items():
        key = "widget.inception.with" if reduce else "widget.inception.without"
        line = esc(i18n.t(key, params=f"{params:,}", macs=f"{macs:,}", sep=" / "))
        lines.append(f"<b>{line}</b>" if reduce == n.reduce else line)
    return f"<div>{esc(i18n.t('widget.inception.googlenet'))}: {' · '.join(lines)}</div>"


def resnet_summary(n: ResNetNumbers) -> str:
    """The headline, the block, and what the shortcuts cost (or that there are none)."""
    if n.skip:
        share = f"{n.shortcut_params / n.total_params:.2%}"
        note = i18n.t("widget.resnet.shortcut_params", n=f"{n.shortcut_params:,}", share=share)
    else:
        note = i18n.t("widget.resnet.plain")
    return headline(n, f"<div>{esc(i18n.t(f'widget.block.{n.block}'))} · {esc(note)}</div>")


def resnet_stages(n: ResNetNumbers) -> str:
    """Stage by stage: blocks, output, parameters and their share, MACs."""
    names = {"stem": i18n.t("widget.resnet.stem"), "fc": i18n.t("kind.fc")}
    rows = []
    for s in n.stages:
        name, share = esc(names.get(s.label, s.label)), f"{s.params / n.total_params:.1%}"
        rows.append([name, str(s.blocks or ""), shape_text(s.output), f"{s.params:,}", share, f"{s.macs:,}"])
    foot = [esc(i18n.t("table.total")), "", "", f"{n.total_params:,}", "", f"{n.total_macs:,}"]
    head = _columns("stage", "blocks", "output", "params", "share", "macs")
    return table(head, rows, foot) + _notes("table.flops_note") + _per_layer(n)


# ------------------------------------------------------------------------- accuracy, runs, errors


def error_box(title: str, error: Exception, style: str = ERROR_STYLE, mark: str = "⚠ ") -> str:
    """A red box: the title, then the error in Korean and in English (always both)."""
    if isinstance(error, ConfigError):
        ko, en = error.ko, error.en
    else:  # Python's own message is English only; say in both languages what it is
        ko, en = i18n.both("widget.error.unexpected", error=f"{type(error).__name__}: {error}")
    return f"<div style='{style}'><b>{mark}{esc(title)}</b><br>{esc(ko)}<br>{esc(en)}</div>"


def notice_box(title: str, error: Exception) -> str:
    """A grey box: something is unavailable (not the student's mistake), and why, in both languages."""
    return error_box(title, error, style=NOTICE_STYLE, mark="")


def _stat(stat: atlas.Stat) -> tuple[str, str]:
    return i18n.both("widget.acc.stat", mean=f"{stat.mean:.1%}", sd=f"{100 * stat.sd:.1f}", n=stat.n)


def accuracy(view: atlas.AccuracyView) -> str:
    """The accuracy block under the numbers: this setting, its lesson partner, the verdict, the papers."""
    from cnnlib.plots import seed_strip_svg

    title = f"<b>{esc(i18n.t('widget.acc.title'))}</b>"
    change = ", ".join(f"{k}={atlas.show_value(v)}" for k, v in view.changed.items())
    lines = []
    if view.cell is None:
        wait = (
            ""
            if view.estimate_seconds is None
            else i18n.t("widget.acc.estimate", s=f"{view.estimate_seconds:.0f}")
        )
        lines.append(f"{title} {esc(i18n.t('widget.acc.not_measured'))}{esc(wait)}")
    else:
        cell = view.cell
        strip = [("#3a73b8", cell.test_acc, i18n.t("widget.acc.this"))]
        source = i18n.t("widget.acc.local") if cell.source == "local" else ""
        recipe = i18n.t("widget.acc.recipe", recipe=cell.recipe) + i18n.t(
            "widget.acc.estimate", s=f"{cell.seconds:.0f}"
        )
        lines.append(
            f"{title} <b style='font-size:1.1em'>{esc(i18n.pick(*_stat(cell.test_acc)))}</b>"
            f" · {esc(i18n.t('widget.acc.train', acc=f'{cell.train_acc.mean:.1%}'))}{esc(source)}"
            f"<br><small style='color:#666'>{esc(recipe)}</small>"
        )
        if view.partner is not None and view.comparison is not None:
            strip.append(("#c2443a", view.partner.test_acc, change))
            c = view.comparison
            margin = f"{100 * c.margin:.1f}" if math.isfinite(c.margin) else "?"
            difference = i18n.t("widget.acc.difference", diff=f"{100 * c.difference:+.1f}", margin=margin)
            partner = i18n.t("widget.acc.partner", change=change, stat=_stat(view.partner.test_acc))
            lines.append(f"{esc(partner)}<br>{esc(difference)} — <b>{esc(c.verdict)}</b>")
        elif view.partner_knobs is not None:
            lines.append(esc(i18n.t("widget.acc.partner_missing", change=change)))
        lines.append(seed_strip_svg(strip))
    lines += [
        f"<small>{esc(i18n.t('widget.acc.paper'))} {esc(row.describe())}</small>" for row in view.papers
    ]
    lines.append(f"<small style='color:#666'>{esc(i18n.t('widget.acc.note'))}</small>")
    return (
        f"<div style='border-left:3px solid #3a73b8;padding:4px 10px;margin:6px 0'>{'<br>'.join(lines)}</div>"
    )


def runs(presets: Sequence[str], histories: Sequence[History]) -> str:
    """Every Train run of an explorer (newest last): its setting, size, accuracies and time."""
    if not histories:
        return f"<p><i>{esc(i18n.t('widget.no_runs'))}</i></p>"
    numbers = ("params", "train_acc", "test_acc", "seconds", "interrupted")
    head = ["#", i18n.t("train.col.name", sep="\n"), i18n.t("widget.col.preset", sep="\n")]
    head += [i18n.t(f"train.col.{key}", sep="\n") for key in numbers]
    rows = []
    for i, (preset, h) in enumerate(zip(presets, histories, strict=True), start=1):
        run = [str(i), esc(i18n.label(h.name)), f"<code style='word-break:break-all'>{esc(preset)}</code>"]
        stopped = esc(i18n.t("train.yes")) if h.interrupted else ""
        accuracy = [percent(h.final_train_acc), percent(h.final_test_acc)]
        rows.append([*run, f"{h.params:,}", *accuracy, f"{h.seconds:.1f}", stopped])
    note = esc(i18n.t("widget.eval_note", n=atlas.QUICK_LOOK_IMAGES))
    return table(head, rows, left=(1, 2, 7)) + f"<small>{note}</small>"


# ------------------------------------------------------------------------------------ figures


def figure_data(figure: Figure) -> dict[str, str]:
    """``figure`` as a notebook display bundle: the PNG (base64) and a plain-text stand-in."""
    from matplotlib import rc_context

    raw = io.BytesIO()
    # The whole figure, so that its size in pixels is known: a "tight" savefig.bbox would crop it.
    # zlib level 1 instead of Pillow's 6: a third faster on the big diagrams, files ~10% larger
    # (benchmarks/results/widget_png.md).
    with _draw_lock, rc_context({"savefig.bbox": "standard"}):
        figure.savefig(raw, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
    return {
        "image/png": base64.b64encode(raw.getvalue()).decode("ascii"),
        "text/plain": f"<Figure {figure.get_figwidth():g}×{figure.get_figheight():g} in>",
    }


def output(data: dict[str, str]) -> dict[str, Any]:
    """A display bundle as one ``ipywidgets.Output`` output (set ``output.outputs = (…,)``: any thread)."""
    return {"output_type": "display_data", "data": data, "metadata": {}}


def figure_output(figure: Figure) -> dict[str, Any]:
    """``figure`` as one ``ipywidgets.Output`` output, its PNG drawn by matplotlib."""
    return output(figure_data(figure))
