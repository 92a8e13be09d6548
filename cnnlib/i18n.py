"""Every user-visible string of cnnlib, in Korean and English, in one place.

cnnlib이 화면에 보여 주는 모든 문장을 한국어와 영어로 한곳에 모아 둡니다.

``set_language("ko" | "en" | "both")`` chooses what labels, tables and plots show
(default ``"both"``). Error messages always carry both languages, because a student
may paste them into a search engine or ask a classmate who reads the other one.
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import Any, Literal

Language = Literal["ko", "en", "both"]
LANGUAGES: tuple[str, ...] = ("ko", "en", "both")

_language: Language = "both"


def set_language(language: Language) -> None:
    """Choose the language of labels, tables and plots: ``"ko"``, ``"en"`` or ``"both"``.

    라벨·표·그림의 언어를 고릅니다: ``"ko"``(한국어), ``"en"``(영어), ``"both"``(둘 다, 기본값).

    Students call :func:`cnnlib.set_language`, which refuses any other value with a
    :class:`cnnlib.ConfigError`. This module sits below ``cnnlib.errors`` (which builds its messages
    from the sentences here), so a bad value here is a ``ValueError`` with the same two sentences.
    """
    global _language
    if language not in LANGUAGES:
        allowed = ", ".join(repr(x) for x in LANGUAGES)
        sentences = (error_sentence(lang, "language", language, allowed, "") for lang in ("ko", "en"))
        raise ValueError("\n".join(sentences))
    _language = language


def get_language() -> Language:
    """The current language setting. 현재 언어 설정."""
    return _language


def pick(ko: str, en: str, sep: str = " · ") -> str:
    """Return ``ko``, ``en`` or both joined by ``sep``, following the language setting."""
    if _language == "ko":
        return ko
    if _language == "en":
        return en
    return ko if ko == en else f"{ko}{sep}{en}"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Hangul and other wide characters take two.

    터미널에서 차지하는 칸 수입니다. 한글처럼 넓은 글자는 두 칸을 차지하므로, 표의 열을 맞출 때 씁니다.
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# --------------------------------------------------------------------------- Korean particles
#
# A Korean particle depends on the sound that ends the word before it: 을/를, 이/가, 은/는, 과/와,
# 으로/로. Templates write the form after a consonant and let the word choose, as ``{value|은}``
# (see ``fill``), so that no message reads "값 3은(는)". Digits and Latin letters are read the
# Korean way: 1 일, 2 이, 3 삼 … and L 엘, M 엠, N 엔, R 알 (every other letter ends in a vowel).

_PARTICLES: dict[str, tuple[str, str]] = {  # form after a final consonant, form after a vowel
    "을": ("을", "를"), "를": ("을", "를"),
    "이": ("이", "가"), "가": ("이", "가"),
    "은": ("은", "는"), "는": ("은", "는"),
    "과": ("과", "와"), "와": ("과", "와"),
    "으로": ("으로", "로"), "로": ("으로", "로"),
    "이나": ("이나", "나"), "나": ("이나", "나"),
    "이다": ("이다", "다"),
}  # fmt: skip
# 영 일 이 삼 사 오 육 칠 팔 구
_DIGIT_FINAL = dict(zip("0123456789", ["ㅇ", "ㄹ", "", "ㅁ", "", "", "ㄱ", "ㄹ", "ㄹ", ""], strict=True))
_LETTER_FINAL = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"  # the 27 finals, in Unicode order


def final_sound(word: str) -> str:
    """The final consonant (받침) of how ``word`` ends when read aloud in Korean, or ``""``.

    마지막 음절의 받침을 돌려줍니다. 숫자와 로마자는 한국어로 읽은 소리로 판단하고(1 → 일, L → 엘),
    끝의 따옴표·괄호 같은 기호는 건너뜁니다. 읽을 글자가 없으면 받침이 있는 것으로 봅니다("ㅇ").
    A number ending in 0 always ends in a consonant: 영, 십, 백, 천, 만.
    """
    for ch in reversed(str(word)):
        if "가" <= ch <= "힣":
            final = (ord(ch) - 0xAC00) % 28
            return _FINALS[final - 1] if final else ""
        if ch.isascii() and ch.isdigit():
            return _DIGIT_FINAL[ch]
        if ch.isascii() and ch.isalpha():
            return _LETTER_FINAL.get(ch.lower(), "")
    return "ㅇ"


def josa(word: str, particle: str) -> str:
    """The form of ``particle`` that fits after ``word``: ``josa("값", "는") == "은"``.

    받침이 있으면 을·이·은·과·으로, 없으면 를·가·는·와·로를 고릅니다(ㄹ 받침 뒤에는 '로').
    ``particle`` may be either form of the pair; an unknown particle is returned unchanged.
    """
    if particle not in _PARTICLES:
        return particle
    after_consonant, after_vowel = _PARTICLES[particle]
    final = final_sound(word)
    if after_vowel == "로" and final == "ㄹ":
        return "로"
    return after_consonant if final else after_vowel


class _Formatter(string.Formatter):
    """``str.format`` plus ``{field|을}``: the field followed by the particle that fits it."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        name, bar, particle = field_name.partition("|")
        value, used = super().get_field(name, args, kwargs)
        return (_Particled(value, particle) if bar else value), used

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Particled):
            text = format(value.value, format_spec)
            return text + josa(text, value.particle)
        return super().format_field(value, format_spec)


class _Particled:
    def __init__(self, value: Any, particle: str) -> None:
        self.value, self.particle = value, particle


_FORMATTER = _Formatter()


def fill(template: str, /, **fields: Any) -> str:
    """``template.format(**fields)`` where ``{name|을}`` adds the particle that fits the value.

    ``fill("값 {value|은} 쓸 수 없습니다", value=3) == "값 3은 쓸 수 없습니다"``.
    """
    return _FORMATTER.vformat(template, (), fields)


def t(key: str, sep: str = " · ", **fields: Any) -> str:
    """Look up a UI string by key and format it in the current language.

    키로 UI 문장을 찾아 현재 언어로 만들어 돌려줍니다. A field given as a (Korean, English) pair — e.g.
    ``verdict=both("atlas.verdict.larger")`` — goes into each language's sentence in that language.
    """
    ko, en = STRINGS[key]
    ko_fields = {k: v[0] if _is_pair(v) else v for k, v in fields.items()}
    en_fields = {k: v[1] if _is_pair(v) else v for k, v in fields.items()}
    return pick(fill(ko, **ko_fields), fill(en, **en_fields), sep)


def _is_pair(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value)


def both(key: str, **fields: Any) -> tuple[str, str]:
    """The Korean and English versions of a UI string, formatted."""
    ko, en = STRINGS[key]
    return fill(ko, **fields), fill(en, **fields)


def label_pair(name: str) -> tuple[str, str]:
    """The (Korean, English) names of a lesson's setting label, e.g. ``"plain-20"`` → 플레인-20.

    실험 결과의 이름표(``Result.cells``·``Result.runs``의 키)는 코드가 찾아 쓰는 고정된 값이라 바꾸지
    않고, 보여 줄 때만 이 함수로 옮깁니다. Labels stay stable keys (code and tests look them up);
    only what is shown is translated: a known label (``STRINGS["label.<name>"]``), a known one
    followed by ``-<depth>``, a comparison ``"a − b"``, or a run ``"<label> · seed <n>"``.
    Anything else (a model name, "2 × 3×3") reads the same in both languages.
    """
    text = str(name)
    if " − " in text:
        parts = [label_pair(part) for part in text.split(" − ")]
        return " − ".join(p[0] for p in parts), " − ".join(p[1] for p in parts)
    head, seed_mark, seed = text.partition(" · seed ")
    if seed_mark:
        ko, en = label_pair(head)
        return f"{ko} · 시드 {seed}", f"{en} · seed {seed}"
    if f"label.{text}" in STRINGS:
        return STRINGS[f"label.{text}"]
    depth = re.fullmatch(r"(.+)-(\d+)", text)
    if depth and f"label.{depth.group(1).lower()}" in STRINGS:  # "plain-20", and "Plain-20" as written
        ko, en = STRINGS[f"label.{depth.group(1).lower()}"]
        en = en if f"label.{depth.group(1)}" in STRINGS else depth.group(1)
        return f"{ko}-{depth.group(2)}", f"{en}-{depth.group(2)}"
    if text.endswith(" lab"):  # an explorer's Train run: "ResNet-20 (cifar) lab" → "ResNet-20 (CIFAR) 실습"
        ko, en = label_pair(text[: -len(" lab")])
        return f"{ko} {STRINGS['label.lab'][0]}", f"{en} lab"
    described = re.fullmatch(r"(.+) \(([^()]+)\)", text)  # "GoogLeNet (paper, reduce)"
    if described:
        name_ko, name_en = label_pair(described.group(1))
        bits = [label_pair(bit.strip()) for bit in described.group(2).split(",")]
        ko, en = (", ".join(b[i] for b in bits) for i in (0, 1))
        return f"{name_ko} ({ko})", f"{name_en} ({en})"
    return text, text


def label(name: str, sep: str = " · ") -> str:
    """A lesson's setting label in the current language (see :func:`label_pair`). 이름표를 현재 언어로."""
    return pick(*label_pair(name), sep=sep)


def error_sentence(lang: str, knob: str, value: Any, allowed: str, problem: str) -> str:
    """One sentence of a :class:`cnnlib.ConfigError` message in ``lang``."""
    ko_template, en_template = STRINGS["error.sentence"]
    template = ko_template if lang == "ko" else en_template
    detail = f" ({problem})" if problem else ""
    return fill(template, knob=knob, value=_show(value), allowed=allowed, detail=detail)


def _show(value: Any) -> str:
    try:
        text = repr(value)
    except ValueError:  # an int of more than 4300 digits has no repr (sys.set_int_max_str_digits)
        text = f"<{type(value).__name__}, {value.bit_length()} bits>" if isinstance(value, int) else "<?>"
    return text if len(text) <= 60 else text[:57] + "..."


# key -> (Korean, English). Terms follow GLOSSARY below and docs/GLOSSARY.md.
STRINGS: dict[str, tuple[str, str]] = {
    # --- shared knob checks (cnnlib.checks) ---
    "check.int.range": ("{low} ~ {high} 사이의 정수", "an integer from {low} to {high}"),
    "check.int.min": ("{low} 이상의 정수", "an integer ≥ {low}"),
    "check.real": ("{interval} 범위의 실수", "a number in {interval}"),
    "check.problem.array": (
        "배열이나 텐서가 아니라 수 하나를 주어야 합니다",
        "give one number, not an array or tensor",
    ),
    "check.problem.huge": ("실수로 나타낼 수 없을 만큼 큽니다", "too large to be a floating-point number"),
    "check.allowed.device_meta": (
        "이 컴퓨터에 있는 'cpu', 'cuda', 'mps' 장치, 'meta'(가중치 없이 세기만) 또는 None(cpu)",
        "a device this machine has ('cpu', 'cuda' or 'mps'), 'meta' (count only, no weights) or None (cpu)",
    ),
    "models.allowed.big_device": (
        "'meta' (세기만 합니다) 또는 width·fc_width·num_classes를 줄인 더 작은 모델",
        "'meta' (counting only), or a smaller model (lower width, fc_width or num_classes)",
    ),
    "models.problem.too_many_params": (
        "파라미터가 {params:,}개로, 실제 장치에 만들 수 있는 {limit:,}개보다 많습니다",
        "the model has {params:,} parameters, more than the {limit:,} that are allocated on a real device",
    ),
    "models.problem.depth_limit": (
        "CIFAR용 ResNet은 논문에서 가장 깊은 ResNet-1202까지 만들며, {block} 블록으로는 {limit}층까지입니다",
        "CIFAR ResNets go up to the paper's deepest, ResNet-1202: {limit} layers with {block} blocks",
    ),
    "models.allowed.fixed_by_name": (
        "비워 두기 (이름 '{name}'에 이미 정해져 있습니다. 바꾸려면 빌더 함수를 직접 부르십시오)",
        "leave it out ('{name}' already fixes it; call the builder function to change it)",
    ),
    "models.allowed.cifar_depth": (
        "{step}n+2 꼴이고 {deepest} 이하인 깊이 ({examples}, …, {deepest})",
        "a depth of the form {step}n+2 up to {deepest} ({examples}, …, {deepest})",
    ),
    # --- command line (python -m cnnlib) ---
    "cli.usage_error": (
        "명령줄 인자가 올바르지 않습니다 ({detail}). 사용법은 '{prog} --help'로 볼 수 있습니다.",
        "The command line is not valid ({detail}). See '{prog} --help' for usage.",
    ),
    # --- reproduction at paper scale (cnnlib.reproduce, python -m cnnlib train) ---
    "reproduce.allowed.world": (
        "배치 크기를 나누어떨어지게 하는 프로세스 수",
        "a number of processes that divides the batch size",
    ),
    "reproduce.problem.batch": (
        "배치 크기({batch})가 프로세스 수({world})로 나누어떨어지지 않습니다",
        "a batch of {batch} cannot be shared equally by {world} processes",
    ),
    "reproduce.allowed.resume_out": (
        "--out 폴더와 함께 (이어서 학습할 체크포인트가 있는 곳)",
        "together with an --out folder (where the checkpoint to continue is)",
    ),
    "reproduce.allowed.resume": (
        "이전 실행의 체크포인트 파일({file})이 들어 있는 --out 폴더",
        "an --out folder holding the {file} of an earlier run",
    ),
    "reproduce.allowed.out": (
        "새 폴더 (이 폴더에는 이미 체크포인트 파일({file})이 있습니다. "
        "이어서 학습하려면 --resume을 붙이십시오)",
        "a new folder (this one already holds a {file}; add --resume to continue that run)",
    ),
    "reproduce.allowed.writable": ("쓸 수 있는 폴더", "a folder that can be written"),
    "reproduce.allowed.same_run": (
        "체크포인트를 만든 것과 같은 모델·데이터·레시피·시드·프로세스 수",
        "the model, data, recipe, seed and number of processes that wrote the checkpoint",
    ),
    "reproduce.problem.other_run": (
        "체크포인트는 다른 실행의 것입니다: {changed}",
        "the checkpoint belongs to another run: {changed}",
    ),
    "reproduce.problem.unreadable": (
        "체크포인트를 읽을 수 없습니다 ({error})",
        "the checkpoint cannot be read ({error})",
    ),
    "reproduce.interrupted": (
        "중단했습니다. 마지막 체크포인트는 그대로이니 --resume으로 이어서 학습할 수 있습니다.",
        "Interrupted. The last checkpoint is intact: --resume continues from it.",
    ),
    # --- pretrained weights (cnnlib.models.pretrained) ---
    "pretrained.allowed.name": ("{names} 중 하나", "one of {names}"),
    "pretrained.allowed.missing": (
        "내려받기를 허용하거나(download=True, 인터넷 필요) 파일을 {path}에 두기",
        "allow the download (download=True, needs the internet) or put the file at {path}",
    ),
    "pretrained.problem.missing": (
        "학습된 가중치 파일({file})이 캐시 폴더({folder})에 없습니다",
        "the trained weights file {file} is not in the cache {folder}",
    ),
    "pretrained.problem.download": (
        "{url}에서 내려받지 못했습니다 ({reason})",
        "could not download {url} ({reason})",
    ),
    "pretrained.allowed.tampered": (
        "손상된 파일({path})을 지우고 다시 내려받기",
        "delete the damaged file {path} and download it again",
    ),
    "pretrained.problem.tampered": (
        "파일의 SHA-256 값은 {actual}…인데, torchvision이 기대하는 값은 {expected}…입니다",
        "the file's SHA-256 begins {actual}… but torchvision expects {expected}…",
    ),
    # --- exercises (cnnlib.exercises) ---
    "exercise.correct": ("정답입니다!", "Correct!"),
    "exercise.wrong": ("아직 아닙니다.", "Not yet."),
    "exercise.unanswered": ("답을 적고 셀을 다시 실행하세요.", "Write your answer and run the cell again."),
    "exercise.show_hint": ("힌트 보기", "show hint"),
    "exercise.predict": (
        "예측을 적고 셀을 다시 실행하세요. 고를 수 있는 답: {options}",
        "Write your prediction and run the cell again. Choices: {options}",
    ),
    "exercise.unknown_choice": (
        "고를 수 있는 답이 아닙니다. 다음 중 하나를 적으세요: {options}",
        "That is not one of the choices. Write one of: {options}",
    ),
    "exercise.recorded": (
        "예측을 적어 두었습니다: {choice}. 다음 셀에서 측정값을 확인하세요.",
        "Prediction recorded: {choice}. The next cell reveals the measurement.",
    ),
    "exercise.measured": ("측정 결과: {choice}", "Measured: {choice}"),
    "exercise.no_prediction": (
        "예측을 먼저 적어 두지 않았습니다. 위 셀에서 예측한 뒤 다시 실행해 보세요.",
        "No prediction was recorded: predict in the cell above, then run this one again.",
    ),
    "exercise.prediction_right": ("예측이 맞았습니다!", "Your prediction matched!"),
    "exercise.prediction_wrong": (
        "예측과 다릅니다. 왜 그런지 생각해 보세요.",
        "Not what you predicted. Think about why.",
    ),
    # Hints of the notebooks' exercises, revealed on request (exercises.hint("resnet-1")).
    "hint.alexnet-1": (
        "(입력 − 필터 + 2×패딩) // 스트라이드 + 1입니다. 나누어떨어지지 않으면 내림합니다(//).",
        "(input − filter + 2×padding) // stride + 1; round down (//) when it does not divide evenly.",
    ),
    "hint.alexnet-2": (
        "그룹이 없으면 필터마다 입력 채널 384개를 모두 봅니다: 384 × (3×3) × 384 + 384(편향)",
        "Without groups every filter sees all 384 input channels: 384 × (3×3) × 384 + 384 (biases)",
    ),
    "hint.alexnet-3": ("(256×6×6) × 1024 + 1024(편향)", "(256×6×6) × 1024 + 1024 (biases)"),
    "hint.alexnet-4": (
        "드롭아웃은 학습 중에 뉴런 절반을 무작위로 끕니다. 과적합을 줄이는 대신 학습 데이터에 맞추기는 "
        "어려워집니다.",
        "Dropout switches off half of the units at random during training: it fights overfitting by making "
        "the training data harder to fit.",
    ),
    "hint.alexnet-5": ("역 드롭아웃: 1 / (1 − p)", "Inverted dropout: 1 / (1 − p)"),
    "hint.vgg-1": (
        "입력 채널 × (3×3) × 출력 채널 + 편향(출력 채널 수)",
        "in_channels × (3×3) × out_channels + biases (one per output channel)",
    ),
    "hint.vgg-2": (
        "1에서 시작해 스트라이드 1인 3×3 합성곱마다 3 − 1 = 2 픽셀씩 넓어집니다.",
        "Start from 1; each 3×3 convolution with stride 1 adds 3 − 1 = 2 pixels.",
    ),
    "hint.vgg-3": (
        "구성 B는 VGG-13입니다. 가중치 층 13개 중 완전 연결 층이 3개입니다.",
        "Configuration B is VGG-13: 13 weight layers, of which 3 are fully connected.",
    ),
    "hint.vgg-4": (
        "VGG 논문은 배치 정규화 없이 깊은 구성을 얕은 구성의 가중치로 초기화했습니다. "
        "여기서는 모두 처음부터 학습합니다.",
        "Without batch normalization the paper initialised the deep configurations from the shallow one; "
        "here every net trains from scratch.",
    ),
    "hint.vgg-5": (
        "합성곱은 크기를 유지하고, 풀링마다 절반이 됩니다: 320 / 2⁵",
        "Convolutions keep the size and each pooling halves it: 320 / 2⁵",
    ),
    "hint.googlenet-1": (
        "입력 채널 × (5×5) × 출력 채널(편향 제외)",
        "input channels × (5×5) × output channels (no biases)",
    ),
    "hint.googlenet-2": (
        "c_in × (1×1) × c_red + c_red × (k×k) × c_out",
        "c_in × (1×1) × c_red + c_red × (k×k) × c_out",
    ),
    "hint.googlenet-3": (
        "네 갈래의 출력 채널을 더합니다(축소 채널은 빼고): 1×1 + 3×3 + 5×5 + 풀링 뒤 1×1",
        "Add the four branches' outputs, not the reductions: 1×1 + 3×3 + 5×5 + pool projection",
    ),
    "hint.googlenet-4": (
        "출력 크기(H×W) × 출력 채널 × 입력 채널 × (1×1)",
        "output size (H×W) × output channels × input channels × (1×1)",
    ),
    "hint.googlenet-5": (
        "파라미터가 많을수록 학습 데이터에 더 잘 맞출 수 있습니다. 정해진 스텝 수 안에서 학습이 얼마나 "
        "빨리 되는지도 생각해 보세요.",
        "More parameters can fit the training data better; also think about how fast training goes "
        "within a fixed number of steps.",
    ),
    "hint.resnet-1": (
        "1×1 합성곱 96 × (1×1) × 192(편향 없음), 배치 정규화는 채널마다 γ와 β를 둡니다.",
        "1×1 conv 96 × (1×1) × 192 (no bias); batch normalization has γ and β per channel.",
    ),
    "hint.resnet-2": (
        "세 단계 × n개 블록 × 블록당 2층, 그리고 처음 합성곱과 마지막 완전 연결 층: 6n + 2",
        "3 stages × n blocks × 2 layers, plus the first conv and the FC layer: 6n + 2",
    ),
    "hint.resnet-3": (
        "과적합이면 학습 오차는 낮고 테스트 오차만 높습니다.",
        "Overfitting keeps the training error low; only the test error is high.",
    ),
    "hint.resnet-4": (
        "성능 저하는 깊은 망의 문제입니다. 층이 8개뿐인 망에서 지름길이 없으면 무엇이 어려워질까요?",
        "Degradation is a problem of deep networks. What would be hard for an 8-layer network "
        "without shortcuts?",
    ),
    "hint.resnet-5": (
        "F(x) = bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))), 지름길은 block.downsample이 None이면 x, "
        "아니면 block.downsample(x)입니다. 마지막에 relu(F(x) + 지름길)을 돌려줍니다.",
        "F(x) = bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))); "
        "the shortcut is x when block.downsample is None, else block.downsample(x). "
        "Return relu(F(x) + shortcut).",
    ),
    "exercise.not_measured": (
        "정확도 지도에 아직 이 측정값이 없습니다. 지도가 완성된 뒤 다시 실행하세요.",
        "The accuracy atlas has no measurement for this yet; run again once it is complete.",
    ),
    "exercise.change_measured": (
        "바꾼 설정 {changed}, 기준 설정 {baseline}(시드 {seeds}개 평균 ± 표준편차), "
        "차이 {difference} ± {margin}(95% 구간)",
        "changed {changed}, baseline {baseline} (mean ± sd over {seeds} seeds), "
        "difference {difference} ± {margin} (95% interval)",
    ),
    "exercise.code_passed": ("테스트 {n}개를 모두 통과했습니다!", "All {n} tests passed!"),
    "exercise.code_raised": (
        "입력 {case}에서 코드가 오류를 냈습니다: {error}",
        "Your code raised an error on input {case}: {error}",
    ),
    "exercise.code_shape": (
        "입력 {case}에서 출력 모양이 {got}입니다. 기대한 모양은 {expected}입니다.",
        "On input {case} the output has shape {got}; expected {expected}.",
    ),
    "exercise.code_tensor": (
        "입력 {case}에서 출력 모양은 맞지만 값이 다릅니다(최대 차이 {gap}).",
        "On input {case} the shape is right but the values differ (largest gap {gap}).",
    ),
    "exercise.code_value": (
        "입력 {case}에서 돌려준 값은 {got}이고, 기대한 값은 {expected}입니다.",
        "On input {case} your code returned {got}; expected {expected}.",
    ),
    "exercise.code_type": (
        "입력 {case}에서 돌려준 값의 종류가 {got}입니다. 기대한 종류는 {expected}입니다.",
        "On input {case} your code returned a {got}; expected a {expected}.",
    ),
    "error.sentence": (
        "설정 '{knob}'의 값 {value|은} 사용할 수 없습니다{detail}. 가능한 값: {allowed}.",
        "Setting '{knob}' = {value} is not allowed{detail}. Allowed: {allowed}.",
    ),
    # --- names of the lessons' settings (cnnlib.experiments), shown through label() ---
    "label.relu": ("ReLU", "ReLU"),
    "label.no LRN": ("LRN 없음", "no LRN"),
    "label.dropout 0.5": ("드롭아웃 0.5", "dropout 0.5"),
    "label.dropout 0": ("드롭아웃 0", "dropout 0"),
    "label.flip": ("뒤집기", "flip"),
    "label.crop+flip": ("자르기+뒤집기", "crop+flip"),
    "label.crop+flip+PCA": ("자르기+뒤집기+PCA 색", "crop+flip+PCA"),
    "label.1×1": ("1×1 축소", "1×1"),
    "label.none": ("축소 없음", "none"),
    "label.1×1, wider": ("1×1 축소, 더 넓게", "1×1, wider"),
    "label.plain": ("플레인", "plain"),
    "label.lab": ("실습", "lab"),
    "label.reduce": ("1×1 축소", "reduce"),
    "label.plain, N(0, 0.01), no BN": ("플레인, N(0, 0.01), BN 없음", "plain, N(0, 0.01), no BN"),
    "label.plain, 2× He init, no BN": ("플레인, 2× He 초기화, BN 없음", "plain, 2× He init, no BN"),
    "label.plain, He init + BN": ("플레인, He 초기화 + BN", "plain, He init + BN"),
    "label.residual, He init + BN": ("잔차, He 초기화 + BN", "residual, He init + BN"),
    "label.paper": ("논문", "paper"),
    "label.imagenet": ("ImageNet", "ImageNet"),
    "label.cifar": ("CIFAR", "CIFAR"),
    # --- training (cnnlib.train) ---
    "train.epoch": ("에포크", "epoch"),
    "train.loss": ("손실", "loss"),
    "train.accuracy": ("정확도", "accuracy"),
    "train.train": ("학습", "train"),
    "train.test": ("테스트", "test"),
    "train.step_loss": ("스텝별 학습 손실", "training loss per step"),
    "train.no_runs": ("기록된 학습 실행이 없습니다", "No training runs logged yet"),
    "train.skipped": ("읽을 수 없는 줄 {n}개는 건너뛰었습니다", "Skipped {n} unreadable line(s)"),
    "train.col.time": ("시각", "Time"),
    "train.col.name": ("이름", "Name"),
    "train.col.dataset": ("데이터셋", "Dataset"),
    "train.col.params": ("파라미터", "Params"),
    "train.col.train_acc": ("학습 정확도", "Train acc"),
    "train.col.test_acc": ("테스트 정확도", "Test acc"),
    "train.col.seconds": ("시간(초)", "Seconds"),
    "train.col.epochs": ("에포크", "Epochs"),
    "train.col.steps": ("스텝", "Steps"),
    "train.col.device": ("장치", "Device"),
    "train.col.interrupted": ("중단됨", "Interrupted"),
    "train.yes": ("예", "yes"),
    "train.allowed.axes": (
        "matplotlib 축 두 개(손실, 정확도) 또는 None",
        "two matplotlib axes (loss, accuracy) or None",
    ),
    "train.warn.not_logged": (
        "학습은 끝났지만 실행 기록 파일 {path}에 쓰지 못했습니다 ({error}). "
        "결과(History)는 그대로 돌려드리므로 history.to_dict()로 따로 저장할 수 있습니다.",
        "Training finished, but the run could not be written to the run log {path} ({error}). "
        "The History is returned as usual; keep it with history.to_dict() if you need it.",
    ),
    "train.allowed.batch_norm": (
        "2 이상의 정수 (배치 정규화는 배치 안의 여러 값으로 채널마다 평균과 분산을 구합니다)",
        "a whole number ≥ 2 (batch normalization computes each channel's mean and variance "
        "from several values in the batch)",
    ),
    "train.problem.batch_norm": (
        "학습 중에 배치 정규화 층 '{layer}'에 채널마다 값이 {n}개만 들어갑니다",
        "batch norm layer '{layer}' would get only {n} value per channel while training",
    ),
    "train.allowed.whole": ("1 이상의 정수", "a whole number ≥ 1"),
    "threads.allowed": (
        "'auto'(지금 더 빨리 학습하는 스레드 수), 1 이상 1024 이하의 정수, 또는 History의 "
        "config['threads']['used']처럼 0번 스텝부터 오름차순인 [스텝, 스레드 수] 목록",
        "'auto' (whichever count trains faster right now), a whole number from 1 to 1024, or a list of "
        "[step, threads] pairs from step 0 upwards, like a History's config['threads']['used']",
    ),
    "train.allowed.seed": ("0 이상의 정수", "a whole number ≥ 0"),
    "train.allowed.whole_to": ("1 이상 {high:,} 이하의 정수", "a whole number from 1 to {high:,}"),
    "train.allowed.seed_to": ("0 이상 {high:,} 이하의 정수", "a whole number from 0 to {high:,}"),
    "train.allowed.positive": ("0보다 큰 유한한 수", "a finite number > 0"),
    "train.allowed.nonnegative": ("0 이상의 유한한 수", "a finite number ≥ 0"),
    "train.allowed.batch": (
        "1 이상, 학습 이미지 수({n}) 이하의 정수",
        "a whole number from 1 to the number of training images ({n})",
    ),
    "train.allowed.device": (
        "이 컴퓨터에 있는 'cpu', 'cuda', 'mps' 장치 또는 None(자동 선택)",
        "a device this machine has ('cpu', 'cuda' or 'mps'), or None to pick one",
    ),
    "train.allowed.log": ("True, False 또는 쓸 수 있는 파일 경로", "True, False or a writable file path"),
    "train.allowed.callback": ("history를 받는 함수 또는 None", "a function taking the history, or None"),
    "train.allowed.stop": (
        "is_set() 메서드가 있는 객체(예: threading.Event) 또는 None",
        "an object with is_set() (e.g. threading.Event), or None",
    ),
    "train.allowed.idle": (
        "학습 중이 아닌 모델(먼저 시작한 학습이 끝나기를 기다리거나 모델을 하나 더 만드세요)",
        "a model that is not being trained (wait for the first training to finish, or build another model)",
    ),
    "train.problem.busy": (
        "이 모델은 지금 다른 스레드에서 학습하고 있습니다",
        "this model is being trained by another thread right now",
    ),
    "train.allowed.tags": ("JSON으로 저장할 수 있는 사전 또는 None", "a JSON-ready dict or None"),
    "train.allowed.cosine": (
        "steps 또는 epochs 예산과 함께 쓰는 'cosine' (시간 예산만으로는 끝을 알 수 없습니다) 또는 'constant'",
        "'cosine' together with a steps or epochs budget (a time budget has no known end), or 'constant'",
    ),
    "train.allowed.recipe": (
        "cnnlib.recipes.Recipe, 레시피 이름 또는 None",
        "a cnnlib.recipes.Recipe, a recipe name or None",
    ),
    "train.allowed.with_recipe": (
        "None (레시피 '{recipe}'가 이미 정합니다)",
        "None (recipe '{recipe}' already fixes it)",
    ),
    # --- the accuracy atlas (cnnlib.atlas) and the papers' numbers (cnnlib.papers) ---
    "atlas.verdict.larger": ("차이가 시드 잡음보다 큽니다", "the difference is larger than the seed noise"),
    "atlas.verdict.unknown": (
        "시드가 하나뿐이라 잡음의 크기를 알 수 없습니다",
        "one seed alone cannot tell the size of the noise",
    ),
    "atlas.verdict.within": (
        "차이가 시드 잡음 범위 안에 있습니다",
        "the difference is within the seed noise",
    ),
    "atlas.allowed": (
        "패키지에 들어 있는 atlas.json 또는 `python -m cnnlib atlas`로 만든 파일",
        "the atlas.json shipped in the package, or a file made by `python -m cnnlib atlas`",
    ),
    "atlas.problem.missing": ("{path} 파일이 없습니다", "the file {path} does not exist"),
    "atlas.problem.unreadable": (
        "{path} 파일을 읽을 수 없습니다: {error}",
        "the file {path} cannot be read: {error}",
    ),
    "atlas.problem.invalid": (
        "{path} 파일의 내용이 정확도 지도의 형식에 맞지 않습니다: {error}",
        "the content of {path} is not a valid atlas: {error}",
    ),
    "experiments.missing_cell": (
        "이 수업에 필요한 설정이 정확도 지도에 없습니다. `python -m cnnlib atlas`로 채우거나 "
        "source='live'로 직접 학습하세요",
        "the atlas lacks a setting this lesson needs: fill it with `python -m cnnlib atlas`, or train it "
        "with source='live'",
    ),
    "experiments.summary.cell": ("{label}: {mean} ± {sd} (시드 {n}개)", "{label}: {mean} ± {sd} ({n} seeds)"),
    "experiments.summary.points": (
        "{name}: {diff}%p (95% 구간 ±{margin}%p) → {verdict}",
        "{name}: {diff} points (95% interval ±{margin}) → {verdict}",
    ),
    "experiments.summary.loss": (
        "{name}: 학습 손실 {diff} (95% 구간 ±{margin}) → {verdict}",
        "{name}: training loss {diff} (95% interval ±{margin}) → {verdict}",
    ),
    "experiments.allowed.seeds": ("0 이상의 정수 또는 그 목록", "a whole number ≥ 0, or a list of them"),
    "atlas.allowed.grid": ("{grids} 중 하나 이상", "one or more of {grids}"),
    "paper.single": ("단일 모델", "single model"),
    "paper.ensemble": ("앙상블: {what}", "ensemble: {what}"),
    "paper.row": (
        "{model}: {dataset} {metric} {error}% ({kind}; {source})",
        "{model}: {dataset} {metric} {error}% ({kind}; {source})",
    ),
    "recipe.describe": (
        "{name}: {steps}스텝, 배치 {batch}, {opt} 학습률 {lr}, {schedule} 일정(워밍업 {warmup}스텝)",
        "{name}: {steps} steps, batch {batch}, {opt} lr {lr}, {schedule} schedule ({warmup} warm-up steps)",
    ),
    "train.allowed.name": ("문자열 또는 None", "a string or None"),
    "train.allowed.dataset": (
        "images, labels, get_batch()를 가진 이미지 1장 이상의 데이터셋",
        "a dataset of at least one image with images, labels and get_batch()",
    ),
    "train.allowed.test": (
        "학습 데이터와 클래스 수가 같은 데이터셋 또는 None",
        "a dataset with the same classes as the training data, or None",
    ),
    "train.allowed.model": (
        "데이터셋 이미지 {shape|을} 받아 [N, {n}] 로짓을 내는, 실제 장치에 있는 모델",
        "a model on a real device that maps the dataset's images {shape} to logits [N, {n}]",
    ),
    "train.problem.num_classes": (
        "모델은 클래스 {model}개를 출력하지만 데이터셋의 클래스는 {data}개입니다",
        "the model outputs {model} classes but the dataset has {data}",
    ),
    "train.problem.channels": (
        "모델은 {model}채널 입력을 기대하지만 데이터셋 이미지는 {data}채널입니다",
        "the model expects {model}-channel input but the dataset's images have {data} channels",
    ),
    "train.problem.forward": (
        "모델이 기대하는 입력은 {expected}, 데이터셋 이미지 모양은 {shape}입니다. PyTorch 오류: {error}",
        "the model expects input {expected} but the dataset's images are {shape}. PyTorch says: {error}",
    ),
    "train.problem.forward_unknown": (
        "데이터셋 이미지 모양 {shape|이} 모델에 맞지 않습니다. PyTorch 오류: {error}",
        "the dataset's images {shape} do not fit the model. PyTorch says: {error}",
    ),
    "train.problem.output": (
        "이미지 1장에 대한 모델 출력 모양이 {shape}입니다",
        "the model's output for one image has shape {shape}",
    ),
    "train.problem.meta": (
        "가중치가 'meta' 장치에 있습니다(세기 전용 모델). 실제 장치에서 모델을 만드세요",
        "its weights are on the 'meta' device (a counting-only model); build it on a real device",
    ),
    "train.problem.no_params": ("학습할 파라미터가 없습니다", "it has no trainable parameters"),
    "files.warn.not_saved": (
        "{what}: {path}에 저장하지 못했습니다 ({error}). 결과는 그대로 돌려드리며, 다음에는 다시 계산합니다.",
        "{what}: could not save it to {path} ({error}). "
        "The result is returned as usual and will be computed again next time.",
    ),
    "train.problem.log": (
        "이 경로에 기록 파일을 쓸 수 없습니다: {error}",
        "cannot write the run log there: {error}",
    ),
    "train.problem.device": ("이 컴퓨터에서 쓸 수 없는 장치입니다", "this machine cannot use that device"),
    # --- explorer widgets (cnnlib.widgets): common ---
    "widget.scale": ("규모", "Scale"),
    "widget.scale.paper": ("논문 (세기만)", "paper (counted only)"),
    "widget.scale.lab": ("실습 (32×32, 10 클래스)", "lab (32×32, 10 classes)"),
    "widget.width": ("실습 채널 배율", "Lab width ×"),
    "widget.seconds": ("학습 시간(초)", "Seconds"),
    "widget.budget": ("학습량", "Budget"),
    "widget.budget.recipe": ("레시피(정확도 지도와 같음)", "recipe (as in the atlas)"),
    "widget.budget.seconds": ("빠른 확인(초)", "quick look (seconds)"),
    "widget.augment": ("데이터 증강", "Augmentation"),
    "widget.augment.none": ("없음", "none"),
    "widget.augment.flip": ("뒤집기", "flip"),
    "widget.augment.crop_flip": ("자르기+뒤집기", "crop + flip"),
    "widget.augment.all": ("자르기+뒤집기+PCA 색", "crop + flip + PCA colour"),
    "widget.acc.title": ("실습 정확도:", "Lab accuracy:"),
    "widget.acc.this": ("이 설정", "this setting"),
    "widget.acc.stat": ("{mean} ± {sd}%p (시드 {n}개)", "{mean} ± {sd} points (seeds: {n})"),
    "widget.acc.train": ("학습 정확도 {acc}", "training accuracy {acc}"),
    "widget.acc.local": (" (이 컴퓨터에서 학습한 결과)", " (trained on this machine)"),
    "widget.acc.recipe": (
        "실습 규모 쌍둥이를 레시피 {recipe|로} 학습해 테스트 데이터 2,000장에서 잰 값(평균 ± 표준편차)",
        "the lab-scale twin trained with recipe {recipe}, measured on the 2,000 test images (mean ± s.d.)",
    ),
    "widget.acc.partner": ("비교({change}): {stat}", "Compared with {change}: {stat}"),
    "widget.acc.partner_missing": (
        "비교할 설정({change})은 아직 측정하지 않았습니다.",
        "The setting to compare with ({change}) is not measured yet.",
    ),
    "widget.acc.difference": (
        "차이 {diff}%p, 95% 구간 ±{margin}%p",
        "difference {diff} points, 95% interval ±{margin} points",
    ),
    "widget.acc.not_measured": (
        "아직 측정하지 않은 설정입니다. '학습'을 누르면 잴 수 있습니다.",
        "not measured yet: press Train to measure it.",
    ),
    "widget.acc.estimate": (
        " ('학습' 한 번에 CPU 코어 하나로 약 {s}초)",
        " (Train: about {s} s per run on one CPU core)",
    ),
    "widget.acc.paper": ("논문:", "Paper:"),
    "widget.acc.note": (
        "실습 정확도는 32×32 내장 데이터셋(10개 클래스, 우연 수준 10%)의 값이고, 논문은 ImageNet 또는 "
        "CIFAR-10의 값입니다. 값이 아니라 경향을 비교하세요.",
        "Lab accuracy is on the embedded 32×32 dataset (10 classes, chance 10 %); the papers' on ImageNet "
        "or CIFAR-10. Compare the trends, not the values.",
    ),
    "widget.acc.unavailable": ("정확도를 보여 줄 수 없습니다.", "Accuracy is unavailable."),
    "widget.acc.band": ("정확도 지도의 시드 {n}개 범위", "atlas range over {n} seeds"),
    "widget.train": ("학습", "Train"),
    "widget.stop": ("멈춤", "Stop"),
    "widget.apply": ("적용", "Apply"),
    "widget.preset": ("프리셋", "Preset"),
    "widget.tab.numbers": ("숫자", "Numbers"),
    "widget.tab.training": ("학습", "Training"),
    "widget.input": ("입력 {c}×{h}×{w}, 클래스 {classes}개", "input {c}×{h}×{w}, {classes} classes"),
    "widget.totals": ("파라미터 {params}개 · 곱셈-누적 {macs} MAC", "{params} parameters · {macs} MACs"),
    "widget.params_millions": ("파라미터 (백만 개)", "parameters (millions)"),
    "widget.per_layer": ("층별 표 (계산식 포함)", "Per-layer table (with formulas)"),
    "widget.error.kept": (
        "이 설정으로는 모델을 만들 수 없습니다. 아래 숫자는 마지막으로 올바른 설정의 것입니다.",
        "This setting cannot be built. The numbers below are those of the last valid setting.",
    ),
    "widget.error.train_config": ("이 설정으로는 학습할 수 없습니다.", "This setting cannot be trained."),
    "widget.error.train": ("학습 중 오류가 났습니다.", "Training failed."),
    "widget.error.unexpected": ("예상하지 못한 오류입니다: {error}", "Unexpected error: {error}"),
    "widget.lab_note": (
        "학습은 언제나 실습 규모(32×32, 10 클래스, 내장 데이터셋)에서 같은 설정으로 합니다.",
        "Train always trains the lab-scale model (32×32, 10 classes, embedded dataset) with these settings.",
    ),
    "widget.status.loading": ("데이터를 불러오는 중…", "loading the data…"),
    "widget.status.training": ("{name} 학습 중…", "training {name}…"),
    "widget.status.step": (
        "{name}: 스텝 {step} · 학습 정확도 {train} · 테스트 정확도 {test}",
        "{name}: step {step} · train accuracy {train} · test accuracy {test}",
    ),
    "widget.status.stopping": ("멈추는 중…", "stopping…"),
    "widget.status.stopped": (
        "멈췄습니다. 지금까지의 결과는 표에 있습니다.",
        "Stopped; the results so far are in the table.",
    ),
    "widget.status.done": ("끝났습니다.", "Done."),
    "widget.no_runs": ("아직 학습한 결과가 없습니다. '학습'을 누르세요.", "No runs yet: press Train."),
    "widget.col.preset": ("설정", "Setting"),
    "widget.eval_note": (
        "레시피 학습은 테스트 이미지 2,000장 전체로, 빠른 확인(초)은 앞쪽 {n}장으로 평가합니다. 모든 실행은 "
        "실행 기록 파일에도 남습니다.",
        "Recipe runs are evaluated on all 2,000 test images, quick looks (seconds) on the first {n}. Every "
        "run is also in the run log.",
    ),
    "widget.allowed.int": ("{low} 이상 {high} 이하의 정수", "a whole number from {low} to {high}"),
    "widget.allowed.depths": (
        "쉼표로 구분한 단계별 합성곱 수 (예: 2,2,3,3,3)",
        "convolutions per stage separated by commas (e.g. 2,2,3,3,3)",
    ),
    "widget.allowed.choice_or_depths": (
        "{choices} 또는 '/'로 이은 단계별 합성곱 수 (예: 2/2/3/3/3)",
        "{choices}, or convolutions per stage joined by '/' (e.g. 2/2/3/3/3)",
    ),
    "widget.preset.allowed": (
        "'{family}:키=값,키=값' 꼴 (예: {example})",
        "'{family}:key=value,key=value' (e.g. {example})",
    ),
    "widget.preset.family": ("'{family}:'로 시작해야 합니다", "it must start with '{family}:'"),
    "widget.preset.item": ("키=값 꼴이 아닙니다", "not of the form key=value"),
    "widget.preset.unknown_key": ("모르는 키입니다", "unknown key"),
    "widget.preset.duplicate": ("같은 키가 두 번 나옵니다", "the key appears twice"),
    "widget.col.stage": ("단계", "Stage"),
    "widget.col.convs": ("합성곱", "Convolutions"),
    "widget.col.channels": ("채널", "Channels"),
    "widget.col.output": ("출력 모양", "Output shape"),
    "widget.col.params": ("파라미터", "Params"),
    "widget.col.share": ("비율", "Share"),
    "widget.col.macs": ("곱셈-누적(MAC)", "MACs"),
    "widget.col.rf": ("수용 영역", "Receptive field"),
    "widget.col.blocks": ("블록 수", "Blocks"),
    "widget.col.branch": ("갈래", "Branch"),
    "widget.col.layers": ("층", "Layers"),
    "widget.col.out": ("출력 채널", "Out channels"),
    "widget.col.param_formula": ("파라미터 계산식", "Parameter formula"),
    "widget.col.mac_formula": ("MAC 계산식", "MAC formula"),
    # --- AlexNet, VGG and Inception explorers ---
    "widget.alexnet.title": ("AlexNet 탐색기", "AlexNet explorer"),
    "widget.variant": ("변형", "Variant"),
    "widget.variant.paper": ("논문", "paper"),
    "widget.activation": ("활성화 함수", "Activation"),
    "widget.lrn": ("국소 응답 정규화(LRN)", "Local response normalization (LRN)"),
    "widget.dropout": ("드롭아웃", "Dropout"),
    "widget.fc": ("완전 연결 층 너비", "FC width"),
    "widget.vgg.title": ("VGG 탐색기", "VGG explorer"),
    "widget.vgg.classifier": ("분류기(완전 연결 층 3개)", "classifier (3 FC layers)"),
    "widget.vgg.rf_note": (
        "수용 영역은 단계의 마지막 합성곱 기준입니다. k×k 합성곱(스트라이드 1)은 (k−1)×점프만큼 넓히고, "
        "2×2 풀링(스트라이드 2)은 점프를 두 배로 만듭니다.",
        "Receptive field of each stage's last convolution: a k×k stride-1 convolution adds (k−1) × jump, "
        "a 2×2 stride-2 pooling doubles the jump.",
    ),
    "widget.config": ("구성", "Configuration"),
    "widget.config.custom": ("직접 입력 (단계별 깊이)", "custom (depth per stage)"),
    "widget.depths": ("단계별 합성곱 수", "Convolutions per stage"),
    "widget.kernel": ("커널 크기", "Kernel size"),
    "widget.batch_norm": ("배치 정규화", "Batch normalization"),
    "widget.inception.title": ("인셉션 모듈 탐색기", "Inception module explorer"),
    "widget.in_channels": ("입력 채널", "in channels"),
    "widget.ch1x1": ("#1×1", "#1×1"),
    "widget.ch3x3red": ("#3×3 축소", "#3×3 reduce"),
    "widget.ch3x3": ("#3×3", "#3×3"),
    "widget.ch5x5red": ("#5×5 축소", "#5×5 reduce"),
    "widget.ch5x5": ("#5×5", "#5×5"),
    "widget.pool_proj": ("풀링 사영", "pool proj"),
    "widget.reduce": ("1×1 차원 축소", "1×1 reductions"),
    "widget.inception.pool": ("3×3 최대 풀링", "3×3 max-pool"),
    "widget.inception.module": (
        "인셉션 모듈: 입력 {input} → 출력 {output}",
        "Inception module: input {input} → output {output}",
    ),
    "widget.inception.googlenet": ("GoogLeNet 전체", "Whole GoogLeNet"),
    "widget.inception.lab_note": (
        "'학습'은 실습 규모 GoogLeNet(여기서 고른 변형·차원 축소·채널 배율, 내장 데이터셋)을 학습합니다. "
        "모듈의 채널 수는 논문의 표를 그대로 씁니다.",
        "Train trains the lab-scale GoogLeNet (the variant, reductions and width chosen here, embedded "
        "dataset); its modules keep the paper's channel numbers.",
    ),
    "widget.inception.with": (
        "차원 축소 있음 파라미터 {params}개, {macs} MAC",
        "with reductions {params} parameters, {macs} MACs",
    ),
    "widget.inception.without": (
        "차원 축소 없음 파라미터 {params}개, {macs} MAC",
        "without {params} parameters, {macs} MACs",
    ),
    # --- ResNet explorer and gradient norms (cnnlib.gradients) ---
    "widget.resnet.title": ("ResNet 탐색기: 잔차 망과 플레인 망", "ResNet explorer: residual vs plain"),
    "widget.depth": ("깊이(가중치 층 수)", "Depth (weight layers)"),
    "widget.resnet.variant": ("변형", "Variant"),
    "widget.resnet.imagenet": ("ImageNet (224×224)", "ImageNet (224×224)"),
    "widget.resnet.cifar": ("CIFAR (32×32)", "CIFAR (32×32)"),
    "widget.skip": ("지름길 연결", "Skip connections"),
    "widget.resnet.stem": ("입력부(stem)", "stem"),
    "widget.resnet.lab_note": (
        "'학습'은 실습 규모(32×32, 10 클래스, 내장 데이터셋)의 플레인 망과 잔차 망을 차례로, "
        "각각 정한 시간만큼 학습합니다.",
        "Train trains the plain and the residual twin at lab scale (32×32, 10 classes, embedded "
        "dataset), one after the other, each for the seconds set here.",
    ),
    "widget.block": ("블록", "Block"),
    "widget.block.auto": ("자동 (논문대로)", "auto (as in the paper)"),
    "widget.block.basic": ("기본 블록 (3×3 두 개)", "basic block (two 3×3)"),
    "widget.block.bottleneck": ("병목 블록 (1×1, 3×3, 1×1)", "bottleneck block (1×1, 3×3, 1×1)"),
    "widget.shortcut": ("지름길 종류", "Shortcut"),
    "widget.shortcut.auto": (
        "자동 (논문대로: CIFAR는 A, ImageNet은 B)",
        "auto (as in the paper: A for CIFAR, B for ImageNet)",
    ),
    "widget.shortcut.A": ("A: 0으로 채우기", "A: zero-padding"),
    "widget.shortcut.B": ("B: 모양이 바뀔 때만 사영", "B: projection where the shape changes"),
    "widget.shortcut.C": ("C: 모두 사영", "C: projection everywhere"),
    "widget.resnet.shortcut_params": (
        "사영 지름길(1×1 합성곱)의 파라미터 {n}개 ({share})",
        "projection shortcuts (1×1 convolutions): {n} parameters ({share})",
    ),
    "widget.resnet.plain": (
        "지름길 없음: 플레인(plain) 망, 같은 합성곱에서 덧셈만 뺀 것",
        "no shortcuts: the plain network, the same convolutions without the additions",
    ),
    "widget.grad.title": ("초기화 직후 층별 기울기 크기", "Gradient norm per layer at initialization"),
    "widget.grad.layer": ("층 (순전파 순서, 입력 → 출력)", "layer (forward order, input → output)"),
    "widget.grad.norm": ("기울기의 L2 노름 (로그 눈금)", "L2 norm of the gradient (log scale)"),
    "grad.allowed.images": ("이미지 묶음 텐서 [N, C, H, W]", "a batch of images, a tensor [N, C, H, W]"),
    "grad.allowed.labels": (
        "정수(int64) 클래스 번호 {n}개짜리 1차원 텐서",
        "a 1-D int64 tensor of {n} class indices",
    ),
    # --- tables (cnnlib.count) ---
    "table.layer": ("층", "Layer"),
    "table.type": ("종류", "Type"),
    "table.input": ("입력 모양", "Input shape"),
    "table.output": ("출력 모양", "Output shape"),
    "table.params": ("파라미터", "Params"),
    "table.macs": ("곱셈-누적(MAC)", "MACs"),
    "table.formula": ("계산식", "Formula"),
    "table.total": ("합계", "Total"),
    "table.not_run": ("(추론 때 실행 안 됨)", "(not run at inference)"),
    "table.shared": (
        "{name} 층과 공유하는 가중치 (거기서 셉니다)",
        "weights shared with {name} (counted there)",
    ),
    "count.allowed.at_least": ("{size} 이상의 크기", "a size of {size} or more"),
    "count.allowed.sizes": ("이 모델이 받는 크기 (예: {sizes})", "a size this model takes (e.g. {sizes})"),
    "count.allowed.none": (
        "이 모델이 받는 크기 (4096 이하에서는 찾지 못했습니다. 입력 채널 수도 확인하십시오)",
        "a size this model takes (none found up to 4096: check the input channels too)",
    ),
    "count.problem.forward": (
        "이 크기의 이미지는 모델을 통과하지 못합니다: {error}",
        "an image of this size does not go through the model: {error}",
    ),
    "table.flops_note": (
        "MAC = 합성곱·완전 연결 층의 곱셈-누적 횟수(이미지 1장), FLOPs ≈ 2 × MAC",
        "MACs = multiply-accumulates of conv/linear layers (one image); FLOPs ≈ 2 × MACs",
    ),
    "table.params_note": (
        "파라미터 = 입력 채널 × 커널 크기(k×k) × 출력 채널 + 편향(출력 채널 수). 배치 정규화는 2 × 채널.",
        "params = input channels × kernel size (k×k) × output channels + bias (one per output channel); "
        "batch norm: 2 × channels.",
    ),
    "kind.conv": ("합성곱", "convolution"),
    "kind.fc": ("완전 연결", "fully connected"),
    "kind.norm": ("정규화", "normalization"),
    "kind.pool": ("풀링", "pooling"),
    "kind.other": ("기타", "other"),
    "summary.by_kind": ("종류별 파라미터", "Parameters by kind"),
    "summary.by_stage": ("단계별 파라미터", "Parameters by stage"),
    "summary.share": ("비율", "share"),
    # --- the Colab setup cell of every notebook (tools/notebooks.py writes them into it) ---
    "colab.unreachable": (
        "저장소 {url}(브랜치 {branch})에 연결할 수 없어 cnnlib을 설치하지 못했으니, 인터넷 연결을 확인하고 "
        "저장소가 옮겨졌다면 이 셀의 REPOSITORY를 새 주소로 고친 뒤 셀을 다시 실행하세요.",
        "cnnlib was not installed because the repository {url} (branch {branch}) cannot be reached: "
        "check the internet connection and, if the repository has moved, set REPOSITORY in this cell to "
        "its new address, then run the cell again.",
    ),
    # --- pictures (cnnlib.plots) ---
    "plot.input": ("입력", "input"),
    "plot.steps": ("학습 스텝", "training step"),
    "plot.train_loss": ("학습 손실", "training loss"),
    "plot.train_acc": ("학습 정확도", "training accuracy"),
    "plot.final_train_loss": ("마지막 50스텝의 학습 손실", "training loss, last 50 steps"),
    "plot.depth": ("깊이(가중치 층 수)", "depth (weight layers)"),
    "plot.paper_acc": ("논문의 정확도(◇, ImageNet)", "paper's accuracy (◇, ImageNet)"),
    "plot.test_loss": ("테스트 손실", "test loss"),
    "plot.test_acc": ("테스트 정확도", "test accuracy"),
    "plot.layer_index": ("층 번호 (입력 → 출력)", "layer (input → output)"),
    "plot.grad_norm": ("기울기 크기 ‖∂L/∂W‖", "gradient norm ‖∂L/∂W‖"),
    "plot.params": ("파라미터", "parameters"),
    "plot.signal.forward": ("순전파 →: 층 입력의 크기", "forward →: size of each layer's input"),
    "plot.signal.backward": (
        "← 역전파: 그 입력으로 돌아온 기울기",
        "← backward: gradient that comes back to it",
    ),
    "plot.samples.title": (
        "{name}: 클래스 {n}개, {c}×{h}×{w}, 클래스마다 처음 {k}장",
        "{name}: {n} classes, {c}×{h}×{w}, the first {k} images of each",
    ),
    "plot.samples.allowed": (
        "cnnlib.data.ImageDataset (예: cnnlib.data.load()의 첫 번째 값)",
        "a cnnlib.data.ImageDataset (e.g. the first value of cnnlib.data.load())",
    ),
    "plot.bar_note": ("막대 길이 ∝ √(파라미터 비율)", "bar length ∝ √(parameter share)"),
    "plot.arc.identity": ("항등 지름길", "identity shortcut"),
    "plot.arc.projection": ("1×1 사영 지름길", "1×1 projection shortcut"),
    "plot.arc.pad": ("0 채움 지름길 (A)", "zero-padding shortcut (A)"),
    "plot.repeat": ("같은 층·블록 n개 연속", "n identical layers or blocks in a row"),
    "plot.training_only": ("학습 때만", "training only"),
    "plot.rf.title": (
        "수용 영역: {k}×{k} 합성곱 1개 = 3×3 합성곱 {n}개",
        "Receptive field: one {k}×{k} conv = {n} stacked 3×3 convs",
    ),
    "plot.rf.one": ("{k}×{k} 합성곱 1개", "one {k}×{k} conv"),
    "plot.rf.stack": ("3×3 합성곱 {n}개", "{n} stacked 3×3 convs"),
    "plot.rf.layer": ("{i}번째 합성곱 뒤", "after conv {i}"),
    "plot.rf.output": ("출력", "output"),
    "plot.rf.params": (
        "파라미터 (입력·출력 채널 C, 편향 제외)",
        "parameters (C channels in and out, no bias)",
    ),
    "plot.rf.relu": ("ReLU {n}개", "{n} ReLU"),
    "plot.rf.fewer": ("{pct}% 적음", "{pct}% fewer"),
    "plot.fm.title": ("채널 {c}개 = 필터 {c}개", "{c} channels = {c} filters"),
    "plot.filters.title": ("필터 {n}개, 각각 {shape}", "{n} filters of {shape}"),
    "plot.fm.shown": ("처음 {n}개", "first {n} shown"),
    "plot.fm.allowed.layer": (
        "model.named_modules()의 층 이름 (예: {examples})",
        "a layer name from model.named_modules() (e.g. {examples})",
    ),
    "plot.fm.allowed.image": (
        "0~1 범위의 [3, H, W] 실수 텐서",
        "a float tensor [3, H, W] with values in [0, 1]",
    ),
    "plot.fm.allowed.model": (
        "실제 장치(cpu, cuda, mps)에 있는 모델",
        "a model on a real device (cpu, cuda or mps)",
    ),
    "plot.fm.problem.not_maps": (
        "이 층의 출력 모양 {shape|은} 특징 맵 [N, C, H, W]이 아닙니다",
        "this layer outputs {shape}, not feature maps [N, C, H, W]",
    ),
    "plot.by.layer": ("층별 파라미터", "Parameters by layer"),
    "plot.largest": ("가장 큰 몫: {kind} {share}", "largest share: {kind} {share}"),
    "plot.log_scale": ("로그 눈금", "log scale"),
    # --- datasets and augmentation (cnnlib.data) ---
    "data.describe": (
        "{name} {split} 데이터: 이미지 {n:,}장({c}×{h}×{w}), 클래스 {k}개",
        "{name}, {split} split: {n:,} images of {c}×{h}×{w}, {k} classes",
    ),
    "data.int.allowed": ("{low} 이상 {high} 이하의 정수", "an integer from {low} to {high}"),
    "data.missing.problem": (
        "download=False인데 {folder} 폴더에 파일({files})이 없음",
        "download=False and the files ({files}) are not in the folder {folder}",
    ),
    "data.missing.allowed": (
        "download=True, 또는 파일을 그 폴더에 넣은 뒤 다시 실행, 또는 내장 데이터셋 'shapes'",
        "download=True, or put the files in that folder and run again, or the embedded dataset 'shapes'",
    ),
    "data.download.network.problem": (
        "{folder} 폴더에 내려받지 못함 — 네트워크가 없거나 응답하지 않거나 "
        "너무 느리거나 도중에 끊김: {reason}",
        "could not download it into the folder {folder} — the network is missing, silent, too slow "
        "or broke off: {reason}",
    ),
    "data.download.network.allowed": (
        "인터넷에 연결된 뒤 다시 실행, 또는 오프라인에서도 되는 내장 데이터셋 'shapes'",
        "run again when online, or the embedded dataset 'shapes', which works offline",
    ),
    "data.download.disk.problem": (
        "{folder} 폴더가 있는 디스크가 가득 찼거나 쓸 수 없음(내려받는 동안 약 {size} 필요): {reason}",
        "the disk of the folder {folder} is full or cannot be written (the download needs about {size}): "
        "{reason}",
    ),
    "data.download.disk.allowed": (
        "디스크에 {size} 이상 자리를 만든 뒤 다시 실행, 다른 폴더(root 인자 또는 환경 변수 CNNLIB_DATA), "
        "또는 내장 데이터셋 'shapes'",
        "free at least {size} on that disk and run again, choose another folder (the root argument or "
        "CNNLIB_DATA), or the embedded dataset 'shapes'",
    ),
    "data.download.corrupt.problem": (
        "내려받은 파일이 손상됨(체크섬이 맞지 않거나 압축을 풀 수 없음): {reason}",
        "the downloaded file is corrupt (its checksum does not match, or it cannot be unpacked): {reason}",
    ),
    "data.download.corrupt.allowed": (
        "다시 실행(새로 내려받음 — 계속 손상되면 프록시나 네트워크가 파일을 바꾸는지 확인), "
        "또는 내장 데이터셋 'shapes'",
        "run again (it downloads afresh — if it keeps failing, a proxy or the network may be "
        "altering the file), or the embedded dataset 'shapes'",
    ),
    "data.corrupt.problem": (
        "{folder} 폴더의 파일이 손상되었거나 일부만 있음: {reason}",
        "the files in the folder {folder} are corrupt or incomplete: {reason}",
    ),
    "data.corrupt.allowed": (
        "{folder} 폴더를 지운 뒤 다시 실행(새로 내려받음)",
        "delete the folder {folder} and run again (it will be downloaded afresh)",
    ),
    "data.root.problem": (
        "데이터 폴더 {folder|을} 만들거나 쓸 수 없음: {reason}",
        "the data folder {folder} cannot be created or written: {reason}",
    ),
    "data.root.allowed": (
        "쓰기 가능한 폴더(root 인자 또는 환경 변수 CNNLIB_DATA)",
        "a writable folder (the root argument or the CNNLIB_DATA environment variable)",
    ),
    "data.crop.problem": (
        "자를 크기 {size|가} (덧댄 뒤의) 이미지 {h}×{w}보다 큼",
        "crop size {size} is larger than the (padded) image {h}×{w}",
    ),
    "data.pca.problem": (
        "고윳값 {vals}개와 고유벡터 행렬의 모양 {vecs|이} 맞지 않음",
        "{vals} eigenvalues do not match an eigenvector matrix of shape {vecs}",
    ),
    # --- simplify-models ---
    "models.allowed.imagenet_block": (
        "'{block}' (ResNet-{depth}: 18·34는 basic, 50·101·152는 bottleneck 블록)",
        "'{block}' (ResNet-{depth}: 18 and 34 use basic blocks, 50-152 bottlenecks)",
    ),
    "models.problem.cifar_block": ("CIFAR용 ResNet, {block} 블록", "CIFAR ResNet with {block} blocks"),
    "models.allowed.groups_one": (
        "1 (torchvision 변형에는 GPU 분할이 없습니다)",
        "1 (the torchvision variant has no GPU split)",
    ),
    "models.allowed.vgg_config": (
        "'A', 'A-LRN', 'B', 'C', 'D', 'E', 11, 13, 16, 19, "
        "또는 단계별 깊이 목록 (1~5단계, 예: [2, 2, 3, 3, 3])",
        "'A', 'A-LRN', 'B', 'C', 'D', 'E', 11, 13, 16, 19, or a list of per-stage depths "
        "(1-5 stages, e.g. [2, 2, 3, 3, 3])",
    ),
    "models.allowed.at_least": ("{size} 이상", "{size} or more"),
    "models.problem.below_one_pixel": (
        "어떤 층에서 특징 맵이 1픽셀보다 작아집니다",
        "a feature map would shrink below one pixel",
    ),
    "models.allowed.exact_size": (
        "모든 합성곱이 나누어떨어지는 크기 (예: {sizes})",
        "a size every convolution divides exactly (e.g. {sizes})",
    ),
    "models.problem.inexact": (
        "{layer}: {formula}, 정수가 아닙니다",
        "{layer}: {formula} is not a whole number",
    ),
    "count.allowed.input_shape": (
        "양의 정수 H, (H, W) 또는 (C, H, W)",
        "a positive integer H, (H, W) or (C, H, W)",
    ),
}

GLOSSARY: dict[str, str] = {
    "합성곱": "convolution",
    "필터(커널)": "filter (kernel)",
    "특징 맵": "feature map",
    "채널": "channel",
    "파라미터(매개변수)": "parameter",
    "하이퍼파라미터": "hyperparameter",
    "스트라이드": "stride",
    "패딩": "padding",
    "풀링": "pooling",
    "수용 영역": "receptive field",
    "활성화 함수": "activation function",
    "국소 응답 정규화": "local response normalization (LRN)",
    "데이터 증강": "data augmentation",
    "드롭아웃": "dropout",
    "완전 연결 층": "fully connected layer",
    "배치 정규화": "batch normalization",
    "가중치 초기화": "weight initialization",
    "기울기 소실/폭주": "vanishing/exploding gradients",
    "과적합": "overfitting",
    "성능 저하(열화)": "degradation",
    "잔차 학습": "residual learning",
    "스킵(지름길) 연결": "skip (shortcut) connection",
    "사영 지름길": "projection shortcut",
    "병목 블록": "bottleneck block",
    "인셉션 모듈": "inception module",
    "1×1 합성곱": "1×1 convolution",
    "차원 축소": "dimensionality reduction",
    "시드": "seed",
    "시드 잡음": "seed noise",
    "레시피": "recipe",
    "정확도 지도": "accuracy atlas",
    "플레인(plain) 망": "plain network",
    "스템(입력부)": "stem",
    "에포크": "epoch",
    "기울기(그래디언트)": "gradient",  # a bare 기울기 is the gradient ∂L/∂x …
    "기울기(slope)": "slope",  # … the slope f′(x) of a graph is written 기울기(slope)
}
