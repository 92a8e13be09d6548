"""What the lessons show: layer labels, table and plot captions, exercises and their hints.

key -> (Korean, English). Terms follow cnnlib.i18n.GLOSSARY and docs/GLOSSARY.md.
"""

STRINGS: dict[str, tuple[str, str]] = {
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
    "paper.single": ("단일 모델", "single model"),
    "paper.ensemble": ("앙상블: {what}", "ensemble: {what}"),
    "paper.row": (
        "{model}: {dataset} {metric} {error}% ({kind}; {source})",
        "{model}: {dataset} {metric} {error}% ({kind}; {source})",
    ),
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
    "exercise.change.higher": ("높아진다", "higher"),
    "exercise.change.lower": ("낮아진다", "lower"),
    "exercise.change.noise": ("잡음 범위 안", "within noise"),
    "count.allowed.input_shape": (
        "양의 정수 H, (H, W) 또는 (C, H, W)",
        "a positive integer H, (H, W) or (C, H, W)",
    ),
}
