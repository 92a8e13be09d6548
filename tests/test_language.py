"""What a Korean reader sees: particles that fit, and no English-only label in the lessons' figures.

한국어로 읽는 학생이 보는 것: 받침에 맞는 조사, 그리고 수업 그림에 영어로만 된 이름표가 없음.
"""

from __future__ import annotations

import re
import string

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import cnnlib
from cnnlib import count, data, experiments, i18n, plots
from cnnlib.errors import ConfigError
from cnnlib.models import alexnet, googlenet, inception, resnet, vgg
from cnnlib.models.googlenet import INCEPTION_TABLE
from cnnlib.train import History

HANGUL = re.compile(r"[가-힣]")

# --------------------------------------------------------------------------- particles


@pytest.mark.parametrize(
    ("word", "final"),
    [
        ("값", "ㅄ"), ("모델", "ㄹ"), ("고양이", ""), ("채널", "ㄹ"),
        ("1", "ㄹ"), ("2", ""), ("3", "ㅁ"), ("6", "ㄱ"), ("9", ""), ("10", "ㅇ"), ("0.5", ""),
        ("L", "ㄹ"), ("M", "ㅁ"), ("n", "ㄴ"), ("R", "ㄹ"), ("A", ""), ("x", ""),
        ("'meta'", ""), ("(3, 32, 32)", ""), ("[N, 10]", "ㅇ"), ("", "ㅇ"),
        ("None", "ㄴ"), ("[None]", "ㄴ"), ("True", ""), ("False", ""), ("Nonetheless", ""),
    ],
)  # fmt: skip
def test_final_sound_reads_digits_and_letters_the_korean_way(word: str, final: str) -> None:
    assert i18n.final_sound(word) == final


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("값", "는", "은"), ("크기", "은", "는"), ("3", "를", "을"), ("2", "을", "를"),
        ("모양", "가", "이"), ("L", "이", "이"), ("B", "이", "가"),
        ("레시피", "으로", "로"), ("모델", "으로", "로"), ("값", "로", "으로"), ("7", "으로", "로"),
        ("ReLU", "과", "와"), ("합성곱", "와", "과"), ("안녕", "?", "?"),
    ],
)  # fmt: skip
def test_josa_chooses_the_form_that_fits(word: str, particle: str, expected: str) -> None:
    assert i18n.josa(word, particle) == expected


SYLLABLES = st.integers(0xAC00, 0xD7A3).map(chr)


@given(st.text(alphabet=string.ascii_letters + string.digits + " ,.()[]'", max_size=6), SYLLABLES)
def test_the_last_hangul_syllable_decides(prefix: str, syllable: str) -> None:
    """Whatever comes before, a word ending in a syllable takes the particle of that syllable's 받침."""
    final = (ord(syllable) - 0xAC00) % 28
    word = prefix + syllable
    assert (i18n.final_sound(word) == "") == (final == 0)
    assert i18n.josa(word, "를") == ("을" if final else "를")
    assert i18n.josa(word, "가") == ("이" if final else "가")
    assert i18n.josa(word, "는") == ("은" if final else "는")
    assert i18n.josa(word, "와") == ("과" if final else "와")
    assert i18n.josa(word, "로") == ("로" if final in (0, 8) else "으로")  # 8: ㄹ takes 로


@given(SYLLABLES, st.sampled_from(["'", ")", "]", " ", "'])"]))
def test_closing_marks_are_skipped(syllable: str, tail: str) -> None:
    assert i18n.final_sound(syllable + tail) == i18n.final_sound(syllable)


def test_fill_adds_the_particle_after_the_formatted_value() -> None:
    assert i18n.fill("값 {value|은} 안 됩니다", value=3) == "값 3은 안 됩니다"
    assert i18n.fill("{n|를} 주십시오", n=2) == "2를 주십시오"
    assert i18n.fill("{n|이:,}", n=1000) == "1,000이"  # the format spec applies, then the particle
    assert i18n.fill("값 {value|은} 안 됩니다", value=None) == "값 None은 안 됩니다"  # None is read 논


def test_no_particle_templates_in_any_string() -> None:
    """No "을(를)": every Korean template chooses its particle with ``{field|을}``."""
    templates = re.compile(r"\((를|을|가|이|는|은|과|와|으\)로|로)\)")
    bad = [key for key, (ko, _) in i18n.STRINGS.items() if templates.search(ko)]
    assert not bad, bad


@pytest.mark.parametrize(("value", "particle"), [(3, "은"), (2, "는"), ("'cpu'", "는"), (10, "은")])
def test_config_error_reads_naturally(value: object, particle: str) -> None:
    error = ConfigError("depth", value, "1, 4")
    assert f"{value!r}{particle} 사용할 수 없습니다" in error.ko
    assert "(는)" not in error.ko


# --------------------------------------------------------------------------- figures in Korean

# Notation that reads the same in a Korean lecture: model and layer names, activations, symbols.
NOTATION = {
    "relu", "tanh", "lrn", "bn", "pca", "mac", "macs", "conv", "fc", "maxpool", "avgpool", "pool", "global",
    "concat", "proj", "dropout", "inception", "alexnet", "vgg", "googlenet", "resnet", "imagenet", "cifar",
    "rms", "shapes", "classifier", "features", "layer", "branch", "torchvision", "skip", "false", "reduce",
}  # fmt: skip


def english_only(texts: list[str]) -> list[str]:
    """Texts that use an English word (not notation) and contain no Hangul."""
    found = []
    for text in texts:
        words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
        if words - NOTATION and not HANGUL.search(text):
            found.append(text)
    return found


def figure_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text().strip()]


@pytest.fixture(scope="module")
def lesson_figures() -> dict[str, object]:
    """The figures the four lessons draw, in Korean (the notebooks call the same functions)."""
    cnnlib.set_language("ko")
    try:
        train, test = data.load()
        figures = {
            "samples": plots.samples(train),
            "receptive_field": plots.receptive_field(2),
            "param_bars": plots.param_bars(count.table(alexnet(device="meta"))),
            "param_bars_stage": plots.param_bars(count.table(vgg("D", device="meta")), by="stage"),
            "inception3a": plots.diagram(inception(*INCEPTION_TABLE["inception3a"], device="meta"), 28),
        }
        for name, model in {
            "alexnet": alexnet(device="meta"), "vgg16": vgg("D", device="meta"),
            "googlenet": googlenet(device="meta"), "resnet50": resnet(50, device="meta"),
            "plain20": resnet(20, "cifar", skip=False, device="meta"),
        }.items():  # fmt: skip
            figures[f"diagram {name}"] = plots.diagram(model)
        torch.manual_seed(0)
        figures["feature_maps"] = plots.feature_maps(alexnet(), data.sample_photo(), "features.conv1")
        history = History(step=[10, 20], train_loss=[1.0, 0.5], train_acc=[0.2, 0.5], step_losses=[1.0] * 30)
        figures["curves relu_vs_tanh"] = plots.curves({"relu": history, "tanh": history}, per_step=True)
        gradients = experiments.vanishing_gradients(8, data=(train, test), batch=8)
        figures["signal_profile"] = plots.signal_profile(gradients.numbers["signals"])
        figures["gradient_profile"] = plots.gradient_profile(gradients.numbers["norms"])
        for lesson in LESSONS:
            figures[f"seed_accuracy {lesson.__name__}"] = plots.seed_accuracy(lesson().cells)
        reductions = experiments.inception_reductions()
        figures["bars"] = plots.bars(reductions.numbers["params"], ylabel=i18n.t("plot.params"))
        series = {
            name: {int(k.split("-")[1]): cell for k, cell in experiments.depth_curve(skip).cells.items()}
            for name, skip in (("plain", False), ("ResNet", True))
        }
        figures["depth_accuracy"] = plots.depth_accuracy(series)
        return figures
    finally:
        cnnlib.set_language("both")


LESSONS = [
    experiments.relu_tanh_accuracy, experiments.lrn_accuracy, experiments.dropout_and_augmentation,
    experiments.vgg_stacks, experiments.vgg_depth, experiments.inception_reductions, experiments.degradation,
]  # fmt: skip


def test_every_lesson_figure_speaks_korean(lesson_figures: dict[str, object]) -> None:
    """Titles, axes, legends and tick labels: in Korean, or notation that needs no translation."""
    problems = {name: english_only(figure_texts(fig)) for name, fig in lesson_figures.items()}
    assert not {k: v for k, v in problems.items() if v}


def test_the_figures_do_have_korean(lesson_figures: dict[str, object]) -> None:
    """The check above is not vacuous: every figure carries Korean text under set_language("ko")."""
    for name, fig in lesson_figures.items():
        assert any(HANGUL.search(t) for t in figure_texts(fig)), name


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda f: f.__name__)
def test_lesson_summaries_speak_korean(lesson) -> None:
    cnnlib.set_language("ko")
    lines = lesson().summary().splitlines()
    assert lines and not english_only(lines)


def test_labels_stay_keys_and_translate_on_display() -> None:
    result = experiments.degradation()
    assert "plain-56" in result.cells  # code and tests look results up by the stable label
    cnnlib.set_language("ko")
    assert i18n.label("plain-56") == "플레인-56"
    assert i18n.label("plain-56 − plain-20") == "플레인-56 − 플레인-20"
    assert i18n.label("no LRN · seed 3") == "LRN 없음 · 시드 3"
    assert i18n.label("2 × 3×3") == "2 × 3×3"
    cnnlib.set_language("both")
    assert i18n.label("flip") == "뒤집기 · flip"


def test_explorer_run_names_read_in_korean() -> None:
    # The names of Train runs (History.name, kept in the run log) shown in the explorers' legends and tables
    from cnnlib.widgets import AlexNetExplorer, InceptionExplorer, ResNetExplorer, VGGExplorer

    names = [n for e in (AlexNetExplorer(), VGGExplorer(), InceptionExplorer(), ResNetExplorer())
             for n, _ in e.lab_cells(e.state)]  # fmt: skip
    cnnlib.set_language("ko")
    try:
        shown = [i18n.label(name) for name in names]
    finally:
        cnnlib.set_language("both")
    assert all(text.endswith(" 실습") and "lab" not in text for text in shown), shown
    assert "GoogLeNet (논문, 1×1 축소) 실습" in shown and "플레인-20 (CIFAR) 실습" in shown
    assert i18n.label_pair("Plain-20 (cifar) lab")[1] == "Plain-20 (CIFAR) lab"  # English keeps its case


def test_every_lesson_label_has_a_korean_name() -> None:
    """A new setting in a lesson needs its ``label.*`` entry (or to be notation)."""
    labels = {k for lesson in LESSONS for k in lesson().cells}
    labels |= {k for skip in (False, True) for k in experiments.depth_curve(skip).cells}
    cnnlib.set_language("ko")
    assert not english_only([i18n.label(k) for k in labels])


# --------------------------------------------------------------------------- modules and setters


def test_i18n_does_not_import_errors() -> None:
    # errors builds its messages from i18n; the other way round would be an import circle.
    # i18n reads its own catalogs, which are plain data and import nothing at all.
    import ast
    import inspect

    from cnnlib.i18n import explorers, messages, teaching

    def imported(module) -> set[str]:
        tree = ast.parse(inspect.getsource(module))
        names = {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        return names | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}

    assert all(name == "cnnlib.i18n" or not name.startswith("cnnlib") for name in imported(i18n))
    assert not any(imported(catalog) for catalog in (explorers, messages, teaching))


def test_every_key_is_in_exactly_one_catalog() -> None:
    # STRINGS merges the catalogs: a key defined twice would silently keep only the last text
    from cnnlib.i18n import explorers, messages, teaching

    catalogs = (messages.STRINGS, teaching.STRINGS, explorers.STRINGS)
    assert sum(map(len, catalogs)) == len(i18n.STRINGS)
    assert all(isinstance(ko, str) and isinstance(en, str) for ko, en in i18n.STRINGS.values())


def test_set_language_refuses_other_languages_in_both_languages() -> None:
    before = cnnlib.get_language()
    with pytest.raises(ConfigError) as info:
        cnnlib.set_language("fr")  # type: ignore[arg-type]
    assert info.value.knob == "language" and HANGUL.search(info.value.ko) and "'fr'" in info.value.en
    with pytest.raises(ValueError, match="'fr'") as direct:
        i18n.set_language("fr")  # type: ignore[arg-type]
    assert str(direct.value) == str(info.value)  # the same two sentences, from below cnnlib.errors
    assert cnnlib.get_language() == before


@pytest.mark.parametrize(
    ("text", "width"), [("", 0), ("abc", 3), ("채널", 4), ("conv 3×3 · 64", 13), ("ＡＢ", 4)]
)
def test_display_width_counts_wide_characters_twice(text: str, width: int) -> None:
    assert i18n.display_width(text) == width
