"""Exercise checker and the Colab address."""

from __future__ import annotations

from pathlib import Path

from cnnlib import colab, i18n
from cnnlib.exercises import check


def test_correct_wrong_and_unanswered():
    hint = ("입력 채널 × 9 × 출력 채널", "in × 9 × out")
    assert check(73_856, 73_856, hint=hint).correct
    wrong = check(73_728, 73_856, hint=hint)
    assert not wrong and wrong.answered and "in × 9 × out" in str(wrong) and "입력 채널" in str(wrong)
    unanswered = check(None, 73_856, hint=hint)
    assert not unanswered and not unanswered.answered and "✍️" in str(unanswered)
    assert "❌" in wrong._repr_html_() and "✅" in check(1, 1, hint=hint)._repr_html_()


def test_tolerance_strings_and_booleans():
    hint = ("힌트", "hint")
    assert check(0.962, 0.9617, hint=hint, tolerance=0.01)
    assert not check(0.9, 0.9617, hint=hint, tolerance=0.01)
    assert check(" Degradation ", "degradation", hint=hint)
    assert not check(1, True, hint=hint)  # a number is not a yes/no answer


def test_hint_follows_the_language():
    i18n.set_language("en")
    try:
        text = str(check(1, 2, hint=("한국어 힌트", "English hint")))
    finally:
        i18n.set_language("both")
    assert "English hint" in text and "한국어" not in text


def test_colab_addresses_come_from_one_place():
    url = colab.badge_url("01_alexnet.ipynb")
    assert url.startswith("https://colab.research.google.com/github/" + colab.REPOSITORY)
    assert url.endswith("/notebooks/01_alexnet.ipynb")
    assert url in colab.badge_markdown("01_alexnet.ipynb")
    assert colab.REPOSITORY in colab.install_spec()
    assert colab.in_colab() is False


def test_readme_badges_match_the_one_address():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name in ("01_alexnet", "02_vgg", "03_googlenet", "04_resnet"):
        assert colab.badge_url(f"{name}.ipynb") in readme
