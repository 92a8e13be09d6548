"""The explorer widgets' controls, summaries and help texts.

key -> (Korean, English). Terms follow cnnlib.i18n.GLOSSARY and docs/GLOSSARY.md.
"""

STRINGS: dict[str, tuple[str, str]] = {
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
    # The language toggle names each language in itself, whatever the language setting.
    "widget.language.ko": ("한국어", "한국어"),
    "widget.language.en": ("English", "English"),
    "widget.language.both": ("한/En", "한/En"),
    "widget.variant.imagenet": ("ImageNet (224×224)", "ImageNet (224×224)"),
    "widget.variant.cifar": ("CIFAR (32×32)", "CIFAR (32×32)"),
}
