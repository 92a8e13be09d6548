"""Every user-visible string of cnnlib, in Korean and English, in one place.

cnnlib이 화면에 보여 주는 모든 문장을 한국어와 영어로 한곳에 모아 둡니다.

``set_language("ko" | "en" | "both")`` chooses what labels, tables and plots show
(default ``"both"``). Error messages always carry both languages, because a student
may paste them into a search engine or ask a classmate who reads the other one.
"""

from __future__ import annotations

from typing import Any, Literal

Language = Literal["ko", "en", "both"]
LANGUAGES: tuple[str, ...] = ("ko", "en", "both")

_language: Language = "both"


def set_language(language: Language) -> None:
    """Choose the language of labels, tables and plots: ``"ko"``, ``"en"`` or ``"both"``.

    라벨·표·그림의 언어를 고릅니다: ``"ko"``(한국어), ``"en"``(영어), ``"both"``(둘 다, 기본값).
    """
    global _language
    if language not in LANGUAGES:
        from cnnlib.errors import ConfigError

        raise ConfigError("language", language, ", ".join(repr(x) for x in LANGUAGES))
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


def t(key: str, sep: str = " · ", **fields: Any) -> str:
    """Look up a UI string by key and format it in the current language.

    키로 UI 문장을 찾아 현재 언어로 만들어 돌려줍니다.
    """
    ko, en = STRINGS[key]
    return pick(ko.format(**fields), en.format(**fields), sep)


def both(key: str, **fields: Any) -> tuple[str, str]:
    """The Korean and English versions of a UI string, formatted."""
    ko, en = STRINGS[key]
    return ko.format(**fields), en.format(**fields)


def error_sentence(lang: str, knob: str, value: Any, allowed: str, problem: str) -> str:
    """One sentence of a :class:`cnnlib.ConfigError` message in ``lang``."""
    ko_template, en_template = STRINGS["error.sentence"]
    template = ko_template if lang == "ko" else en_template
    detail = f" ({problem})" if problem else ""
    return template.format(knob=knob, value=_show(value), allowed=allowed, detail=detail)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# key -> (Korean, English). Terms follow GLOSSARY below and docs/GLOSSARY.md.
STRINGS: dict[str, tuple[str, str]] = {
    "error.sentence": (
        "설정 '{knob}'의 값 {value}은(는) 사용할 수 없습니다{detail}. 가능한 값: {allowed}.",
        "Setting '{knob}' = {value} is not allowed{detail}. Allowed: {allowed}.",
    ),
    # --- training (cnnlib.train) ---
    "train.epoch": ("에폭", "epoch"),
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
    "train.col.epochs": ("에폭", "Epochs"),
    "train.col.steps": ("스텝", "Steps"),
    "train.col.device": ("장치", "Device"),
    "train.col.interrupted": ("중단됨", "Interrupted"),
    "train.yes": ("예", "yes"),
    "train.allowed.axes": (
        "matplotlib 축 두 개(손실, 정확도) 또는 None",
        "two matplotlib axes (loss, accuracy) or None",
    ),
    "train.allowed.whole": ("1 이상의 정수", "a whole number ≥ 1"),
    "train.allowed.seed": ("0 이상의 정수", "a whole number ≥ 0"),
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
        "데이터셋 이미지 {shape}을(를) 받아 [N, {n}] 로짓을 내는, 실제 장치에 있는 모델",
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
    "train.problem.unknown": ("(모델에 in_channels·input_size 정보 없음)", "(the model does not say)"),
    "train.problem.output": (
        "이미지 1장에 대한 모델 출력 모양이 {shape}입니다",
        "the model's output for one image has shape {shape}",
    ),
    "train.problem.meta": (
        "가중치가 'meta' 장치에 있습니다(세기 전용 모델). 실제 장치에서 모델을 만드세요",
        "its weights are on the 'meta' device (a counting-only model); build it on a real device",
    ),
    "train.problem.no_params": ("학습할 파라미터가 없습니다", "it has no trainable parameters"),
    "train.problem.log": (
        "이 경로에 기록 파일을 쓸 수 없습니다: {error}",
        "cannot write the run log there: {error}",
    ),
    "train.problem.device": ("이 컴퓨터에서 쓸 수 없는 장치입니다", "this machine cannot use that device"),
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
    # --- datasets and augmentation (cnnlib.data) ---
    "data.int.allowed": ("{low} 이상 {high} 이하의 정수", "an integer from {low} to {high}"),
    "data.missing.problem": (
        "download=False인데 {folder} 폴더에 파일({files})이 없음",
        "download=False and the files ({files}) are not in the folder {folder}",
    ),
    "data.missing.allowed": (
        "download=True, 또는 파일을 그 폴더에 넣은 뒤 다시 실행, 또는 내장 데이터셋 'shapes'",
        "download=True, or put the files in that folder and run again, or the embedded dataset 'shapes'",
    ),
    "data.download.problem": (
        "{folder} 폴더에 내려받지 못함: {reason}",
        "could not download it into the folder {folder}: {reason}",
    ),
    "data.download.allowed": (
        "인터넷에 연결된 뒤 다시 실행, 또는 오프라인에서도 되는 내장 데이터셋 'shapes'",
        "run again when online, or the embedded dataset 'shapes', which works offline",
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
        "데이터 폴더 {folder}을(를) 만들거나 쓸 수 없음: {reason}",
        "the data folder {folder} cannot be created or written: {reason}",
    ),
    "data.root.allowed": (
        "쓰기 가능한 폴더(root 인자 또는 환경 변수 CNNLIB_DATA)",
        "a writable folder (the root argument or the CNNLIB_DATA environment variable)",
    ),
    "data.crop.problem": (
        "자를 크기 {size}가 (덧댄 뒤의) 이미지 {h}×{w}보다 큼",
        "crop size {size} is larger than the (padded) image {h}×{w}",
    ),
    "data.pca.problem": (
        "고윳값 {vals}개와 고유벡터 행렬의 모양 {vecs}이(가) 맞지 않음",
        "{vals} eigenvalues do not match an eigenvector matrix of shape {vecs}",
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
}
