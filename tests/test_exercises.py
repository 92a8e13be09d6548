"""Exercise checker (words in either language, hints on request, predictions, code) and the Colab address."""

from __future__ import annotations

from pathlib import Path

import torch

from cnnlib import colab, exercises, i18n
from cnnlib.exercises import Case, check, check_code, hint, predict, reveal, reveal_change
from cnnlib.models.resnet import BasicBlock


def test_correct_wrong_and_unanswered():
    given = ("입력 채널 × 9 × 출력 채널", "in × 9 × out")
    assert check(73_856, 73_856, hint=given).correct
    wrong = check(73_728, 73_856, hint=given)
    assert not wrong and wrong.answered and "❌" in str(wrong)
    unanswered = check(None, 73_856, hint=given)
    assert not unanswered and not unanswered.answered and "✍️" in str(unanswered)
    assert "❌" in wrong._repr_html_() and "✅" in check(1, 1, hint=given)._repr_html_()


def test_hints_are_shown_on_request_not_in_the_verdict():
    wrong = check(1, 2, hint=("한국어 힌트", "English hint"))
    assert "English hint" not in str(wrong) and "한국어 힌트" not in str(wrong)
    assert "English hint" in wrong.hint() and "한국어 힌트" in wrong.hint()
    page = wrong._repr_html_()
    assert "<details>" in page and "힌트 보기" in page and "show hint" in page and "English hint" in page
    assert "<details>" not in check(2, 2, hint=("a", "b"))._repr_html_()  # nothing to reveal when right


def test_hints_live_in_i18n_by_key():
    for key in ("alexnet-1", "vgg-1", "googlenet-1", "resnet-1"):
        ko, en = i18n.STRINGS[f"hint.{key}"]
        assert ko and en and ko != en
        assert en in hint(key)
        assert en in check(-1, 0, key=key).hint()


def test_words_are_accepted_in_either_language():
    accepted = {"성능 저하", "degradation"}
    for answer in ("degradation", " Degradation ", "성능 저하", "성능저하", "DEGRADATION"):
        assert check(answer, accepted), answer
    assert not check("과적합", accepted) and not check("overfitting", accepted)
    assert check("과적합", ("과적합", "overfitting"))


def test_tolerance_strings_and_booleans():
    given = ("힌트", "hint")
    assert check(0.962, 0.9617, hint=given, tolerance=0.01)
    assert not check(0.9, 0.9617, hint=given, tolerance=0.01)
    assert check(" Degradation ", "degradation", hint=given)
    assert not check(1, True, hint=given)  # a number is not a yes/no answer


def test_hint_follows_the_language():
    i18n.set_language("en")
    try:
        verdict = check(1, 2, hint=("한국어 힌트", "English hint"))
        text = verdict.hint() + str(verdict) + verdict._repr_html_()
    finally:
        i18n.set_language("both")
    assert "English hint" in text and "한국어" not in text


OPTIONS = {
    "lower": ("낮아진다", "lower"),
    "same": ("잡음 범위 안", "within noise"),
    "higher": ("높아진다", "higher"),
}


def test_predict_then_reveal():
    key = "test-predict"
    exercises._predictions.pop(key, None)
    assert not reveal(key, "lower", "42 %", OPTIONS).answered  # nothing predicted yet
    assert not predict(key, None, OPTIONS).answered
    assert "❓" in str(predict(key, "sideways", OPTIONS))
    recorded = predict(key, "낮아진다", OPTIONS)  # Korean label
    assert recorded and "📝" in str(recorded)
    right = reveal(key, "lower", "42 %", OPTIONS)
    assert right and "42 %" in str(right)
    predict(key, " Higher ", OPTIONS)  # English label, any case and spacing
    wrong = reveal(key, "lower", "42 %", OPTIONS)
    assert not wrong and wrong.answered and "42 %" in str(wrong)
    predict(key, "same", OPTIONS)  # the option's name
    assert reveal(key, "same", "±1 %", OPTIONS)


def _output_size(w, f, p, s):
    return (w - f + 2 * p) // s + 1


def test_check_code_numbers():
    cases = [Case((227, 11, 0, 4), 55), Case((32, 3, 1, 1), 32), Case((13, 3, 0, 2), 6)]
    assert check_code(_output_size, cases)
    assert not check_code(None, cases).answered
    off_by_one = check_code(lambda w, f, p, s: (w - f + 2 * p) // s, cases)
    assert not off_by_one and "55" in str(off_by_one) and "54" in str(off_by_one)
    wrong_type = check_code(lambda w, f, p, s: "55", cases)
    assert not wrong_type and "str" in str(wrong_type)


def test_check_code_reports_an_exception_without_a_traceback():
    verdict = check_code(lambda w, f, p, s: w / 0, [Case((227, 11, 0, 4), 55)])
    assert not verdict and verdict.answered
    assert "ZeroDivisionError" in str(verdict) and "Traceback" not in str(verdict)
    assert "오류" in str(verdict) and "error" in str(verdict)


def test_check_code_compares_a_block_forward_with_cnnlib():
    torch.manual_seed(0)
    block = BasicBlock(8, 8).eval()
    x = torch.randn(2, 8, 6, 6)
    cases = [Case((block, x), block(x))]

    def right(b, x):
        out = b.relu(b.bn1(b.conv1(x)))
        return b.relu(b.bn2(b.conv2(out)) + x)

    def no_shortcut(b, x):
        return b.relu(b.bn2(b.conv2(b.relu(b.bn1(b.conv1(x))))))

    def half(b, x):
        return x[:, :4]

    assert check_code(right, cases)
    assert "값이 다릅니다" in str(check_code(no_shortcut, cases))
    shape = str(check_code(half, cases))
    assert "(2, 4, 6, 6)" in shape and "(2, 8, 6, 6)" in shape


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


def test_reveal_change_reads_the_atlas_comparison():
    from cnnlib.atlas import Cell

    def cell(*accs):
        return Cell("resnet", "k", {}, "r", tuple({"test_acc": a} for a in accs))

    key = "test-change"
    predict(key, "낮아진다", exercises.CHANGE)
    lower = reveal_change(key, cell(0.60, 0.61, 0.62), cell(0.80, 0.81, 0.82))
    assert lower and "61.0%" in str(lower) and "81.0%" in str(lower)
    assert not reveal_change(key, cell(0.80, 0.70, 0.90), cell(0.81, 0.71, 0.89))  # within noise
    assert not reveal_change(key, None, cell(0.8)).answered  # not measured yet
    predict(key, "within noise", exercises.CHANGE)
    assert reveal_change(key, cell(0.6), cell(0.8))  # one seed: no verdict, counted as noise


def test_reveal_change_reads_any_metric():
    from cnnlib.atlas import Cell

    def cell(*losses):
        return Cell("resnet", "k", {}, "r", tuple({"final_train_loss": x} for x in losses))

    predict("test-loss", "higher", exercises.CHANGE)
    verdict = reveal_change("test-loss", cell(0.9, 0.91, 0.92), cell(0.3, 0.31, 0.32), "final_train_loss")
    assert verdict and "0.910" in str(verdict) and "+0.600" in str(verdict)


def test_every_notebook_exercise_has_a_hint_in_both_languages():
    import re

    sources = Path(__file__).resolve().parent.parent / "notebooks" / "src"
    keys = set()
    for source in sorted(sources.glob("*.py")):
        text = source.read_text(encoding="utf-8")
        keys |= set(re.findall(r'key="([a-z]+-\d)"', text))
        keys |= set(re.findall(r'(?:predict|reveal_change)\(\s*"([a-z]+-\d)"', text))
    assert len({key.split("-")[0] for key in keys}) == 4  # every notebook has keyed exercises
    for key in sorted(keys):
        ko, en = i18n.STRINGS[f"hint.{key}"]
        assert ko.strip() and en.strip() and "을(를)" not in ko and "이(가)" not in ko, key
