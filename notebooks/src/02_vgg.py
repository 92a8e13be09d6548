# %% [markdown]
# # 02. VGG: 작은 필터로 더 깊게 · VGG: going deeper with small filters
#
# 2014년 옥스퍼드 대학의 VGG(Visual Geometry Group)는 아주 단순한 질문 하나를 끝까지 밀어붙였습니다. "3×3
# 합성곱만 써서 층을 계속 쌓으면 어떻게 될까?" 그 결과가 VGG-16과 VGG-19이고, 이 단순한 설계는 지금도 CNN을
# 처음 배울 때 가장 먼저 읽는 코드입니다.
#
# In 2014 the Visual Geometry Group (VGG) at Oxford pushed one very simple question all the way: "what
# happens if we use nothing but 3×3 convolutions and keep stacking layers?" The answers are VGG-16 and
# VGG-19, and their plain design is still the first CNN code most people read.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:00–0:05 · 5분: 지난 시간 AlexNet을 한 문장으로 되짚고 학습 목표를
# 읽습니다.
#
# 0:00–0:05 · 5 min: recall AlexNet in one sentence, then read the goals.

# %% [markdown]
# ### 학습 목표 · Learning goals
#
# - VGG의 규칙(3×3 합성곱, 스트라이드 1, 패딩 1 + 2×2 최대 풀링, 스트라이드 2)을 정확히 말하고, 224×224가
#   7×7이 되는 과정을 따라갑니다.
# - 3×3 두 개가 5×5 하나와, 세 개가 7×7 하나와 같은 수용 영역을 보면서도 파라미터는 적고 비선형성은 많은
#   이유를 계산합니다.
# - 논문의 표 1(구성 A–E)과 표 2(파라미터 수)를 코드로 다시 만들고, VGG-16의 1억 3,800만 개 파라미터가
#   어디에 있는지 찾습니다.
# - 실습 규모 쌍둥이 모델을 직접 학습해 "3×3 두 개 대 5×5 하나"를 비교합니다.
#
# - State VGG's rule precisely (3×3 convolutions, stride 1, padding 1 + 2×2 max-pooling, stride 2) and
#   follow 224×224 down to 7×7.
# - Compute why two 3×3 convolutions see what one 5×5 sees (three: one 7×7) with fewer parameters and more
#   non-linearity.
# - Rebuild the paper's Table 1 (configurations A–E) and Table 2 (parameter counts) from code, and find
#   where VGG-16's 138 million parameters sit.
# - Train the lab-scale twin yourself and compare "two 3×3 vs one 5×5".

# %%
# %matplotlib inline
import inspect

import torch
from IPython.display import Markdown, display
from matplotlib.figure import Figure
from torch import nn

import cnnlib
from cnnlib import atlas, count, experiments, papers, plots, recipes
from cnnlib.exercises import CHANGE, Case, check, check_code, hint, predict, reveal_change  # noqa: F401 - hint is for students
from cnnlib.models import vgg
from cnnlib.models.vgg import CONFIGS, vgg_stage
from cnnlib.numbers import receptive_fields
from cnnlib.widgets import VGGExplorer

cnnlib.set_language("both")

# %% [markdown]
# ### ⚙️ 설정 · Settings
#
# 이 노트북의 정확도 실험은 cnnlib에 들어 있는 **정확도 지도**(미리 여러 시드로 학습한 결과)를 읽으므로 바로
# 끝납니다. `RUN_LIVE = True`로 바꾸면 같은 실험을 같은 레시피로 이 컴퓨터에서 다시 학습하고(시드 하나,
# CPU로 몇 분), `DATA`를 바꾸면 그 학습을 CIFAR-10으로 합니다.
#
# The accuracy experiments of this notebook read cnnlib's **accuracy atlas** (results trained in advance
# with several seeds), so they finish at once. `RUN_LIVE = True` retrains the same experiment with the same
# recipe on this machine (one seed, minutes on a CPU); change `DATA` to do that training on CIFAR-10.
#
# 내장 데이터셋은 01 노트북에서 본 도형 10종(32×32 컬러)입니다. 무작위로 찍으면 10 %, 픽셀 위의 선형
# 분류기는 11.9 %를 맞힙니다.
#
# The embedded dataset is the ten classes of shapes shown in notebook 01 (32×32, colour): guessing gets
# 10 % right, a linear classifier on the pixels 11.9 %.

# %%
RUN_LIVE = False  # True: 이 컴퓨터에서 다시 학습 · retrain here
DATA = None  # cnnlib.data.load("cifar10")로 바꾸면 CIFAR-10 · set to cnnlib.data.load("cifar10") for CIFAR-10

# %% [markdown]
# ## 1. 아이디어 · The idea
#
# AlexNet(2012)은 11×11/4, 5×5 같은 큰 필터를 층마다 다르게 골라 썼습니다. VGG는 이런 선택을 모두 버리고
# **3×3 필터만** 씁니다. 3×3은 좌우·상하·가운데를 구별할 수 있는 가장 작은 크기입니다. 그 대신 층을 깊게
# 쌓습니다: 11층(A)에서 19층(E)까지. 설계할 것이 "깊이" 하나로 줄어드니, 깊이가 성능에 주는 효과를 처음으로
# 깔끔하게 실험할 수 있었습니다. VGG는 ILSVRC-2014 분류 부문 2위, 위치 추정(localization) 부문 1위를
# 했습니다.
#
# AlexNet (2012) hand-picked a different large filter for each layer (11×11/4, 5×5, …). VGG drops all of
# these choices and uses **only 3×3 filters**, the smallest size that can tell left from right, up from down
# and the centre, and instead stacks many layers: from 11 (A) to 19 (E). With depth as the only design knob
# left, the effect of depth on accuracy could be measured cleanly for the first time. VGG took 2nd place in
# ILSVRC-2014 classification and 1st place in localization.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:05–0:12 · 7분: 규칙 하나(3×3, 스트라이드 1, 패딩 1 + 2×2 풀링). 224 →
# 7을 함께 따라갑니다.
#
# 0:05–0:12 · 7 min: one rule (3×3, stride 1, padding 1 + 2×2 pooling). Follow 224 → 7 together.

# %% [markdown]
# ### 강의 노트를 정확하게 · The notes, made precise
#
# 강의 노트에는 "합성곱은 3×3, 스트라이드는 1을 준다"라고 되어 있습니다. 맞는 말이고, 정확히는 세 가지가
# 함께입니다: (1) 모든 합성곱은 3×3 필터(커널), **스트라이드 1, 패딩 1**이라서 특징 맵의 크기가 그대로
# 유지됩니다: (H + 2·1 − 3)/1 + 1 = H. (2) 크기를 줄이는 일은 **2×2 최대 풀링(스트라이드 2)** 만 맡고, 풀링
# 한 번에 가로·세로가 절반이 됩니다. (3) 구성 C에는 예외로 1×1 합성곱이 있습니다.
#
# The lecture notes say "convolutions are 3×3 with stride 1". That is right; more precisely, three things go
# together: (1) every convolution uses a 3×3 filter (kernel) with **stride 1 and padding 1**, so the
# feature map keeps its size: (H + 2·1 − 3)/1 + 1 = H. (2) Only **2×2 max-pooling with stride 2** shrinks
# it, halving height and width each time. (3) Configuration C is the exception, with 1×1 convolutions.

# %% [markdown]
# 그래서 공간 크기는 합성곱이 아니라 풀링 다섯 번이 정합니다: 224 → 112 → 56 → 28 → 14 → 7. cnnlib이 만든
# VGG-16에서 풀링 층의 출력 모양(채널×높이×너비)을 읽어 확인해 봅시다.
#
# So the spatial size is set by the five poolings, not by the convolutions: 224 → 112 → 56 → 28 → 14 → 7.
# Let us read the output shapes (channels×height×width) of the pooling layers of the VGG-16 that cnnlib
# builds.

# %%
vgg16 = vgg(16, device="meta")  # "meta": 가중치 메모리 없이 모양만 · shapes only, no weight memory
t16 = count.table(vgg16)
[row.output_shape for row in t16.rows if row.type.startswith("MaxPool")]

# %% [markdown]
# ## 2. 3×3 두 개 = 5×5 하나 · Two 3×3 = one 5×5
#
# 3×3 합성곱 위에 3×3 합성곱을 하나 더 쌓으면, 위층의 한 픽셀은 입력의 5×5 영역을 봅니다. 수용 영역이 5×5
# 합성곱 하나와 같습니다. 그림의 오른쪽에서 위층 픽셀 하나가 가운데 층의 3×3을, 그 3×3이 다시 입력의 5×5를
# 보는 것을 따라가 보세요.
#
# Stack a second 3×3 convolution on a first one and a pixel on top sees a 5×5 patch of the input: the same
# receptive field as one 5×5 convolution. On the right of the figure, follow one top pixel to a 3×3 window
# in the middle layer, and that window to 5×5 input pixels.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:12–0:22 · 10분: 그림으로 수용 영역을 보여 준 뒤 18C² 대 25C²를 학생이
# 계산하게 합니다.
#
# 0:12–0:22 · 10 min: show the receptive field in the figure, then let students compute 18C² vs 25C².

# %%
plots.receptive_field(2)

# %% [markdown]
# ### 세 개면 7×7 · Three make a 7×7
#
# 하나 더 쌓으면 7×7입니다. 채널이 C개로 들어오고 C개로 나간다면 가중치는 7×7 하나가 49·C², 3×3 세 개가
# 3·(9·C²) = 27·C²로 45% 적습니다. 게다가 ReLU가 1번이 아니라 3번 들어가므로 더 복잡한 함수를 표현할 수
# 있습니다. 논문의 표현으로는 결정 함수가 "더 변별력 있게(more discriminative)" 됩니다.
#
# One more makes 7×7. With C channels in and C out, one 7×7 has 49·C² weights and three 3×3 have 3·(9·C²) =
# 27·C², 45% fewer. And there are three ReLUs instead of one, so the stack can express a more complex
# function; in the paper's words, the decision function becomes "more discriminative".

# %%
plots.receptive_field(3)

# %% [markdown]
# 위 그림은 가중치만 셉니다. 편향까지 넣은 정확한 수를 `experiments.stacked_convolutions()`가 두 가지로
# 계산합니다: 식으로(25·C² + C 등), 그리고 실제 `nn.Conv2d`를 만들어 세어서. 둘은 같아야 합니다.
#
# The figures count weights only. `experiments.stacked_convolutions()` computes the exact numbers with
# biases in two ways: from the formula (25·C² + C, …) and by counting real `nn.Conv2d` layers. The two must
# agree.

# %%
stacks = experiments.stacked_convolutions(channels=64)
fields, n = stacks.numbers["receptive_field"], stacks.numbers["params"]
for name in n:
    single = f"{fields[name]}×{fields[name]}"  # the one large filter with the same receptive field
    share = n[name] / n[single]
    note = f"({single}의 {share:.0%} · {share:.0%} of {single})" if name != single else ""
    print(f"{name:8} 수용 영역 · receptive field {single}  {n[name]:>8,}  {note}".rstrip())
print("식 = 실제 층 · formula = real layers:", n == stacks.numbers["params_measured"])

# %% [markdown]
# 괄호 안은 수용 영역이 같은 큰 필터 하나와 비교한 비율입니다. 주의할 점이 하나 있습니다. 이 계산은 입력과
# 출력 채널이 **같다(C → C)** 고 가정합니다. VGG에서 단계의 첫 합성곱은 채널을 두 배로 늘리므로(C → 2C), 그
# 층만 보면 절약 폭이 더 작습니다. 8절의 실험에서 이 차이를 직접 보게 됩니다.
#
# The percentage compares a stack with the single large filter of the same receptive field. One caveat: this
# arithmetic assumes **equal** input and output channels (C → C). The first convolution of each VGG stage
# doubles the channels (C → 2C), so there the saving is smaller. The experiment in section 8 shows this
# difference for real.

# %% [markdown]
# ## 3. 논문의 표 1과 표 2 · The paper's Tables 1 and 2
#
# 논문은 깊이만 다른 여섯 구성을 실험했습니다. 아래 표는 손으로 옮긴 것이 아니라, cnnlib이 각 구성을 실제로
# 만든 뒤 층을 읽어 채운 것입니다. `conv3-64`는 논문의 표기로 "3×3 합성곱, 채널 64"입니다. 다섯 단계 뒤에는
# 모든 구성에 똑같이 완전 연결 층 FC-4096, FC-4096, FC-1000과 소프트맥스가 붙습니다.
#
# The paper tested six configurations that differ only in depth. The table below is not typed in: cnnlib
# builds every configuration and the cells are read from the layers it built. `conv3-64` is the paper's
# notation for "3×3 convolution, 64 channels". After the five stages every configuration has the same
# fully connected layers FC-4096, FC-4096, FC-1000 and a soft-max.


# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:22–0:32 · 10분: 표 2의 수를 cnnlib이 정확히 다시 셉니다. 깊이는
# 19층에서 포화되었습니다.
#
# 0:22–0:32 · 10 min: cnnlib recounts Table 2 exactly. Depth saturated at 19 layers.


# %%
def paper_notation(model):
    """Each stage as Table 1 writes it (conv3-64 = 3×3 convolution, 64 channels), read from the model."""
    stages = [[]]
    for layer in model.features:
        if isinstance(layer, nn.Conv2d):
            stages[-1].append(f"conv{layer.kernel_size[0]}-{layer.out_channels}")
        elif isinstance(layer, nn.LocalResponseNorm):
            stages[-1].append("LRN")
        elif isinstance(layer, nn.MaxPool2d):
            stages.append([])
    return ["<br>".join(stage) for stage in stages[:-1]]


# %%
head = "| 구성 · config | 단계 · stage 1 | 2 | 3 | 4 | 5 | 가중치 층 · weight layers | 파라미터 · params |"
lines = [head, "|:-:|" + ":-:|" * 5 + "-:|-:|"]
for config in CONFIGS:
    model = vgg(config, device="meta")
    layers = sum(isinstance(m, (nn.Conv2d, nn.Linear)) for m in model.modules())
    row = [f"**{config}**", *paper_notation(model), str(layers), f"{count.params(model):,}"]
    lines.append("| " + " | ".join(row) + " |")
Markdown("\n".join(lines))

# %% [markdown]
# ### 표 2: 파라미터 수 · Table 2: number of parameters
#
# 논문의 표 2는 파라미터 수를 백만 단위로 133, 133, 133, 134, 138, 144라고 적습니다. 위 표의 수를 백만
# 단위로 반올림하면 정확히 같습니다. 논문은 편향을 넣었는지 밝히지 않지만, 가중치만 세어도(`weights`) 반올림
# 결과는 같습니다. 깊이가 11층에서 19층으로 늘어도 파라미터는 8%만 늘어난다는 점에 주목하세요.
#
# The paper's Table 2 lists 133, 133, 133, 134, 138 and 144 million parameters. Rounding the counts above to
# millions gives exactly these numbers. The paper does not say whether biases are included; counting weights
# only (`weights`) rounds the same way. Note that going from 11 to 19 layers adds only 8% more parameters.

# %%
for config in CONFIGS:
    table = count.table(vgg(config, device="meta"))
    weights = sum(row.weights for row in table.rows)
    print(f"{config:6} {table.total_params / 1e6:5.0f} M  (가중치만 · weights only {weights / 1e6:.0f} M)")

# %% [markdown]
# ### 구성 C의 1×1 합성곱과 A-LRN · Configuration C's 1×1 convolutions, and A-LRN
#
# 구성 C는 3, 4, 5단계 끝에 **1×1 합성곱**을 넣었습니다. 수용 영역은 넓히지 않고 ReLU만 하나 더 넣는
# 방법입니다. 같은 16층인 D(그 자리에 3×3)가 C보다 좋았으므로, 논문은 "비선형성도 도움이 되지만 공간적
# 맥락을 넓히는 것도 중요하다"고 결론 냅니다. 1×1 합성곱은 다음 강의 GoogLeNet에서 차원 축소라는 새 역할로
# 다시 나옵니다. A-LRN은 AlexNet의 국소 응답 정규화(LRN)를 넣어 본 것인데, 성능은 좋아지지 않고 메모리와
# 계산만 늘어서 나머지 구성에서는 빠졌습니다.
#
# Configuration C adds a **1×1 convolution** at the end of stages 3, 4 and 5: one more ReLU without widening
# the receptive field. D, equally deep with 3×3 in those places, beat C, so the paper concludes that "the
# additional non-linearity does help, but it is also important to capture spatial context". The
# 1×1 convolution comes back in the next lecture, GoogLeNet, in a new role: dimensionality reduction. A-LRN
# tries AlexNet's local response normalization (LRN); it did not improve accuracy but cost memory and time,
# so the other configurations leave it out.

# %% [markdown]
# ### 깊이의 효과와 한계 · What depth did, and where it stopped
#
# 강의 노트의 첫 문장처럼 "층이 많으면 성능이 좋아질 확률이 높아집니다". 논문에서도 오차는 A(11층)에서
# E(19층)로 갈수록 줄었습니다. 하지만 19층에서 포화(saturate)되었고, 노트의 말대로 "무조건 깊게 쌓는다고
# 좋아지지는 않습니다". 깊게 쌓을 때마다 필요한 기술이 있었습니다. VGG는 얕은 A를 먼저 학습하고 그 가중치로
# 깊은 구성의 처음 네 합성곱 층과 마지막 세 완전 연결 층을 초기화했습니다(논문 3.1절). 나중에는 좋은
# 가중치 초기화(Glorot & Bengio)만으로도 된다는 것을 알게 되었습니다.
#
# As the first line of the lecture notes says, "more layers make better accuracy more likely": in the paper
# the error went down from A (11 layers) to E (19 layers). But it saturated at 19 layers, and, as the notes
# also say, "stacking deeper does not always help". Each step in depth needed a technique: VGG first trained
# the shallow A and used its weights to initialise the first four convolutional and last three
# fully connected layers of the deeper ones (paper §3.1). Later the authors found that a good
# weight initialization (Glorot & Bengio) alone works too.

# %% [markdown]
# ## 4. VGG-16 (구성 D) 자세히 · VGG-16 (configuration D) in detail
#
# 아래 그림은 cnnlib이 만든 모델을 그대로 그린 것입니다. 상자 색은 층의 종류(합성곱, 풀링, 완전 연결 층),
# 상자 아래 막대는 파라미터 비율을 나타냅니다. 합성곱 13개와 완전 연결 층 3개, 그래서 16층입니다.
#
# The figure below is drawn from the model cnnlib builds. Box colours show the kind of layer (convolution,
# pooling, fully connected layer); the bar under a box shows its share of the parameters. Thirteen
# convolutions plus three fully connected layers: sixteen weight layers.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:32–0:42 · 10분: 파라미터 막대그림 하나: 약 90%가 완전 연결 층입니다.
# 코드는 노트북에서 읽게 합니다.
#
# 0:32–0:42 · 10 min: one parameter bar chart: about 90 % sits in the fully connected layers. Students read
# the code in the notebook.

# %%
plots.diagram(vgg16)

# %% [markdown]
# ### 한 단계의 실제 코드 · The real code of one stage
#
# VGG의 합성곱 부분(`features`)은 이 함수를 다섯 번 부른 것입니다. 여러분이 읽는 코드가 곧 지금 실행되는
# 코드입니다. `padding=k // 2`가 3×3 커널에서는 패딩 1이 되어 크기를 유지하고, 마지막의
# `nn.MaxPool2d(2, 2)`가 크기를 절반으로 줄입니다.
#
# VGG's convolutional part (`features`) is this one function called five times; the code you read is the
# code that runs. `padding=k // 2` is padding 1 for a 3×3 kernel, which keeps the size, and the final
# `nn.MaxPool2d(2, 2)` halves it.

# %%
print(inspect.getsource(vgg_stage))

# %% [markdown]
# ### 층별 파라미터와 강의 노트의 식 · Per-layer parameters with the lecture notes' formula
#
# 강의 노트의 식은 "입력 채널 × 필터 사이즈 × 출력 채널"입니다. 여기서 필터 사이즈는 k×k(커널의 높이 ×
# 너비)이고, 출력 채널마다 편향이 하나씩 더해집니다. 예를 들어 64채널에서 128채널로 가는 3×3 합성곱은 64 ×
# (3×3) × 128 + 128 = 73,856개입니다. 필터의 개수가 곧 출력 특징 맵의 채널 수라는 노트의 말도 표에서
# 확인됩니다.
#
# The notes' formula is "input channels × filter size × output channels". Here filter size means k×k (kernel
# height × width), and each output channel adds one bias. A 3×3 convolution from 64 to 128 channels, for
# example, has 64 × (3×3) × 128 + 128 = 73,856. The table also confirms the notes' point that the number of
# filters is the number of channels of the output feature map.

# %%
display(t16)

# %% [markdown]
# ### 파라미터는 어디에 있을까 · Where the parameters sit
#
# 합성곱 층이 13개나 되지만, 파라미터의 약 90%는 완전 연결 층 세 개에 있습니다. 특히 첫 완전 연결 층(fc6)은
# 512×7×7 = 25,088개의 입력을 4,096개에 모두 연결하므로 혼자서 1억 개가 넘습니다. 반대로 계산량(MAC)은
# 대부분 합성곱 층에서 나옵니다. 파라미터 수와 계산량은 서로 다른 곳에 있습니다.
#
# There are thirteen convolutional layers, yet about 90% of the parameters sit in the three
# fully connected layers. The first one (fc6) alone connects 512×7×7 = 25,088 inputs to 4,096 outputs: over
# 100 million parameters. The computation (MACs), on the other hand, is almost all in the convolutions.
# Parameters and computation live in different places.

# %%
plots.param_bars(t16, by="stage")

# %%
print(t16["classifier.0"].formula)
print(t16.summary())

# %% [markdown]
# ## 5. 단계별 수용 영역 · Receptive field per stage
#
# 깊은 층은 입력의 얼마나 넓은 영역을 볼까요? 앞으로 나아가며 두 값을 들고 다니면 됩니다: 수용 영역
# `field`와, 현재 특징 맵에서 한 칸이 입력에서 몇 픽셀인지를 뜻하는 `jump`입니다. 스트라이드 1인 3×3
# 합성곱은 수용 영역에 2 × jump를 더하고, 2×2 풀링(스트라이드 2)은 1 × jump를 더한 뒤 jump를 두 배로
# 만듭니다. 실제 코드는 이렇습니다.
#
# How much of the input does a deep layer see? Walk forward carrying two numbers: the receptive field
# `field`, and the `jump`, how many input pixels one step on the current feature map spans. A 3×3 stride-1
# convolution adds 2 × jump to the field; a 2×2 pool with stride 2 adds 1 × jump and doubles the jump. Here
# is the actual code.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:42–0:47 · 5분: 5, 14, 40, 92, 196을 읽고, 마지막 단계가 이미지 거의
# 전체를 본다는 점을 짚습니다.
#
# 0:42–0:47 · 5 min: read 5, 14, 40, 92, 196; the last stage sees almost the whole image.

# %%
print(inspect.getsource(receptive_fields))

# %% [markdown]
# VGG-16에 적용하면: 1단계 1 + 2 + 2 = 5, 풀링 뒤 6(jump 2), 2단계 6 + 4 + 4 = 14, 풀링 뒤 16(jump 4), 3단계
# 16 + 3 × 8 = 40, 4단계 44 + 3 × 16 = 92, 5단계 100 + 3 × 32 = 196입니다. 마지막 합성곱은 224×224 입력의
# 거의 전부(196×196)를 봅니다. 작은 필터로도 깊이 쌓으면 넓게 볼 수 있습니다.
#
# For VGG-16: stage 1 gives 1 + 2 + 2 = 5, 6 after the pool (jump 2); stage 2 gives 6 + 4 + 4 = 14, 16 after
# the pool (jump 4); stage 3 16 + 3 × 8 = 40; stage 4 44 + 3 × 16 = 92; stage 5 100 + 3 × 32 = 196. The last
# convolution sees almost all (196×196) of the 224×224 input: small filters, stacked deep, still see wide.

# %%
for stage, (kernels, field) in enumerate(
    zip(CONFIGS["D"], receptive_fields(CONFIGS["D"]), strict=True), start=1
):
    print(f"단계 · stage {stage}: {len(kernels)} × 3×3 → {field}×{field}")

# %% [markdown]
# ## 6. 같은 코드, 두 가지 규모 · Same code, two scales
#
# 논문 규모의 VGG(224×224, 1000개 클래스)는 노트북 CPU로 학습할 수 없습니다. 그래서 **같은 빌더**에 작은
# 숫자를 넣어 실습 규모 쌍둥이를 만듭니다: 32×32 입력, 10개 클래스, 채널은 1/4(16-32-64-128-128),
# 완전 연결 층은 128. 구성 A(VGG-11)의 층 배치는 그대로입니다.
#
# The paper-scale VGG (224×224, 1000 classes) cannot be trained on a laptop CPU. So we give **the same
# builder** small numbers and get a lab-scale twin: 32×32 inputs, 10 classes, a quarter of the channels
# (16-32-64-128-128) and fully connected layers of 128. The layer layout of configuration A (VGG-11) stays
# as it is.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:47–0:52 · 5분: 같은 빌더로 실습 규모 쌍둥이를 만듭니다. 탐색기는
# 노트북에서 직접 움직입니다.
#
# 0:47–0:52 · 5 min: the same builder makes the lab-scale twin. Move the explorer live in the notebook.

# %%
lab = vgg(11, input_size=32, num_classes=10, width=0.25, fc_width=128, device="meta")
plots.diagram(lab)

# %% [markdown]
# 32×32 입력은 풀링 다섯 번 뒤에 1×1이 됩니다. 그래서 첫 완전 연결 층의 입력이 128개뿐이고, 파라미터의
# 대부분이 이번에는 합성곱 층에 있습니다. 같은 설계라도 입력 크기가 파라미터의 위치를 바꿉니다.
#
# A 32×32 input is 1×1 after five poolings, so the first fully connected layer gets only 128 inputs and this
# time most parameters sit in the convolutions. The same design with another input size moves where the
# parameters are.

# %%
print(count.table(lab).summary())

# %% [markdown]
# ## 7. 탐색기 · The explorer
#
# 구성(A–E, 또는 "사용자 지정"으로 단계별 합성곱 수), 커널 크기(3, 5, 7), 배치 정규화, 완전 연결 층의 너비를
# 바꿔 보세요. 단계별 파라미터, 계산량, 수용 영역이 바로 바뀝니다. 해 볼 것: 커널을 5로 바꾸면 파라미터가 몇
# 배가 될까요? 구성 E에서 수용 영역은 얼마나 커질까요? 숫자 아래에는 그 구성의 실습 정확도(정확도 지도의
# 시드별 값)와 한 단계 얕은 구성과의 차이, 논문 표 3의 오차가 함께 나옵니다. '학습'을 누르면 그 모델을 같은
# 레시피로 직접 학습합니다.
#
# Change the configuration (A–E, or "custom" for convolutions per stage), the kernel size (3, 5, 7),
# batch normalization and the width of the fully connected layers. Parameters, computation and
# receptive field per stage update at once. Try: by how much do the parameters grow with kernel 5? How large
# does the receptive field get in configuration E? Below the numbers come the configuration's lab accuracy
# (each seed of the accuracy atlas), its difference from the next shallower configuration, and the error of
# the paper's Table 3. Press Train to train that model yourself with the same recipe.

# %%
# NBVAL_IGNORE_OUTPUT
VGGExplorer()

# %% [markdown]
# ## 8. 실험: 3×3 두 개 대 5×5 하나 · Experiment: two 3×3 vs one 5×5
#
# 논문 4.1절의 실험을 실습 규모로 다시 해 봅니다. 논문은 구성 B에서 3×3 합성곱 두 개씩을 5×5 합성곱
# 하나씩으로 바꾼 얕은 네트워크를 만들었고, 수용 영역은 같은데 top-1 오차가 7%p 높았다고 보고합니다. 여기서는
# 세 단계짜리 실습 VGG로 단계마다 "3×3 두 개"와 "5×5 하나"를 비교합니다. 둘 다 빠르게 학습되도록
# 배치 정규화를 넣었습니다(9절 참고). 결과는 정확도 지도에서 옵니다: 같은 레시피로 시드 5개씩 학습한 값입니다.
#
# We redo the experiment of the paper's §4.1 at lab scale. The paper replaced each pair of 3×3 convolutions
# in configuration B with one 5×5: same receptive field, but a top-1 error 7 points higher. Here a
# three-stage lab VGG has "two 3×3" or "one 5×5" per stage. Both use batch normalization so they train
# quickly (see section 9). The results come from the accuracy atlas: five seeds each, trained with the same
# recipe.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:52–1:05 · 13분: 결과는 정확도 지도에서 바로 나옵니다(다시 학습은 수업
# 밖에서). 차이가 시드 잡음 안이면 그렇게 말합니다.
#
# 0:52–1:05 · 13 min: the results come straight from the accuracy atlas (re-training is for after class). If
# a difference is within the seed noise, say so.

# %%
print(recipes.get("vgg-lab").describe())
result = experiments.vgg_stacks()  # 정확도 지도에서 · from the atlas
print(result.summary())
for label, params in result.numbers["params"].items():
    print(f"{label}: 파라미터 · parameters {params:,}")
display(plots.seed_accuracy(result.cells))

# %%
if RUN_LIVE:
    print(experiments.vgg_stacks("live", seeds=[5], data=DATA).summary())

# %% [markdown]
# ### 결과 읽기 · Reading the result
#
# 두 모델의 파라미터 수는 거의 같습니다. 2절의 주의 사항 그대로, 단계의 첫 합성곱이 채널을 두 배로 늘리면
# 3×3 두 개는 9·C·2C + 9·2C·2C = 54·C², 5×5 하나는 25·C·2C = 50·C²이기 때문입니다.
#
# The two models have almost the same number of parameters. As the caveat in section 2 said, when the first
# convolution of a stage doubles the channels, two 3×3 have 9·C·2C + 9·2C·2C = 54·C² and one 5×5 has 25·C·2C
# = 50·C².
#
# 정확도의 차이는 **시드 잡음 안**입니다(95% 구간이 0을 포함합니다). 이 실습 규모(세 단계, 채널 8–32개,
# 800스텝)에서는 논문 4.1절의 차이를 재현하지 못합니다. 두 망 모두 테스트 정확도가 35% 안팎으로, 같은
# 데이터에서 작은 CNN이 2,000스텝 뒤에 내는 72%(BENCHMARKS.md)보다 한참 낮습니다. 아직 덜 학습된 두 망의
# 차이로는 깊이의 효과를 말할 수 없습니다. 논문의 숫자는 ImageNet에서 5×5 하나로 바꾼 얕은 망의 top-1
# 오차가 7%p 높았다는 것입니다.
#
# The accuracy difference is **within the seed noise** (its 95 % interval contains 0). At this lab scale
# (three stages, 8–32 channels, 800 steps) the paper's §4.1 result does not reproduce. Both networks end
# near 35 % test accuracy, far below the 72 % a small CNN reaches on the same data after 2,000 steps
# (BENCHMARKS.md): the difference between two undertrained networks says nothing about depth. The paper's
# number: on ImageNet the shallow net with one 5×5 had a 7 points higher top-1 error.

# %% [markdown]
# ### 구성 A–E: 깊을수록 나을까 · Configurations A–E: is deeper better?
#
# 논문의 표 3에서는 A(11층)에서 D(16층)까지 깊어질수록 오차가 줄고, E(19층)는 D와 비슷했습니다. 같은 다섯
# 구성을 실습 규모에서 배치 정규화 없이(논문처럼)와 배치 정규화를 넣고 학습한 결과입니다(시드 3개씩).
#
# In the paper's Table 3 the error falls from A (11 layers) to D (16 layers), and E (19 layers) is about the
# same as D. Here are the same configurations at lab scale, without batch normalization (as in the paper)
# and with it (three seeds each).

# %%
depth_lessons = {"BN 없음 · no BN": experiments.vgg_depth(), "BN": experiments.vgg_depth(batch_norm=True)}
for title, lesson in depth_lessons.items():
    print(f"[{title}]\n{lesson.summary()}\n")
paper = {row.setting["config"]: 1 - row.error / 100 for row in papers.PAPERS
         if row.family == "vgg" and row.metric == "top-1 error"}  # fmt: skip
fig = Figure(figsize=(13, 4), layout="constrained")
for ax, (title, lesson) in zip(fig.subplots(1, 2), depth_lessons.items(), strict=True):
    plots.seed_accuracy(lesson.cells, ax=ax, papers=paper)
    ax.set_title(title)
display(fig)

# %% [markdown]
# 배치 정규화 없이(논문처럼) 학습하면 A부터 E까지 모든 비교가 시드 잡음 안입니다. 배치 정규화를 넣으면 E가
# A보다 오히려 낮고(38.0% 대 44.0%), 그 차이는 시드 잡음보다 큽니다. 정해진 800스텝 안에서는 깊은 망이 덜
# 학습되는 것으로 보입니다. 논문 표 3(◇, 오른쪽 축)은 반대로 A에서 D까지 오차가 줄고 E는 D와 비슷합니다.
# 논문은 ImageNet에서 약 74에포크를 학습했고, 깊은 구성은 A의 가중치로 시작했습니다. 실습의 짧은 학습은
# 논문의 경향을 보여 주지 못하니, 여기서는 논문의 숫자를 믿으세요.
#
# Without batch normalization (as in the paper) every comparison from A to E is within the seed noise. With
# batch normalization E ends *below* A (38.0 % vs 44.0 %), a difference larger than the seed noise: within
# the fixed 800 steps the deeper networks seem to be less trained. The paper's Table 3 (◇, right axis) shows
# the opposite: the error falls from A to D, and E is about the same as D. The paper trained about 74
# epochs on ImageNet and started the deeper configurations from A's weights. The short lab training does
# not show the paper's trend, so trust the paper's numbers here.

# %% [markdown]
# ## 9. 배치 정규화는 나중에 · Batch normalization came later
#
# VGG 논문(2014)에는 배치 정규화가 없습니다. 배치 정규화는 몇 달 뒤(Ioffe & Szegedy, 2015)에 나왔고, 지금
# torchvision의 `vgg16_bn`처럼 모든 합성곱 바로 뒤, ReLU 앞에 배치 정규화를 넣으면(합성곱 → 배치 정규화 →
# ReLU) A부터 단계적으로 학습하는 수고 없이 VGG를 처음부터 학습할 수 있습니다. 아래 모델에서는
# `features.0`이 첫 합성곱, `features.1`이 그 배치 정규화, `features.2`가 ReLU입니다. 배치 정규화 층
# 하나는 채널마다 두 개(γ, β)의 파라미터를 더할 뿐입니다.
#
# The VGG paper (2014) has no batch normalization: it arrived a few months later (Ioffe & Szegedy, 2015).
# With batch normalization right after every convolution and before its ReLU (convolution → batch
# normalization → ReLU), as in torchvision's `vgg16_bn`, VGG trains from scratch without the staged
# training from A. In the model below `features.0` is the first convolution, `features.1` its batch
# normalization and `features.2` the ReLU. Each batch normalization layer adds only two parameters (γ, β)
# per channel.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 1:05–1:12 · 7분: 배치 정규화 위치(합성곱 → BN → ReLU)와 ResNet으로 가는
# 다리.
#
# 1:05–1:12 · 7 min: where batch normalization sits (convolution → BN → ReLU) and the bridge to ResNet.

# %%
vgg16_bn = vgg(16, batch_norm=True, device="meta")
print(count.table(vgg16_bn)["features.1"].formula)
print(
    f"{count.params(vgg16_bn):,} - {count.params(vgg16):,} = {count.params(vgg16_bn) - count.params(vgg16):,}"
)

# %% [markdown]
# ### ResNet으로 가는 다리 · A bridge to ResNet
#
# 좋은 초기화와 배치 정규화로 기울기 소실/폭주 문제는 크게 줄었습니다. 그런데도 플레인 망을 수십 층
# 이상 쌓으면 *학습* 오차까지 나빠지는 성능 저하(열화)가 나타납니다. 이것은 과적합과 다른 문제이고, 4강의
# ResNet이 스킵(지름길) 연결로 이 문제를 풉니다. VGG는 그 출발점입니다: ResNet 논문의 플레인(plain) 망도
# VGG의 규칙을 따릅니다.
#
# Good initialization and batch normalization largely tamed vanishing/exploding gradients. Yet stacking a
# plain network to dozens of layers still makes even the *training* error worse: degradation. That is a
# different problem from overfitting, and ResNet (lecture 4) solves it with skip (shortcut) connections. VGG
# is where it starts: the "plain" networks of the ResNet paper follow VGG's rules.

# %% [markdown]
# ## 10. 연습 문제 · Exercises
#
# 문제는 세 종류입니다. 숫자로 답하는 문제는 `answer = None`을 여러분의 답으로 바꾸고 셀을 실행합니다.
# **예측 문제**는 먼저 예측을 적어 두고, 다음 셀에서 정확도 지도의 측정값을 확인합니다. 예측은 한국어와
# 영어 어느 쪽으로 적어도 됩니다. **코딩 문제**는 함수를 완성하면 cnnlib이 그 함수를 직접 실행해 채점합니다.
# 맞으면 ✅, 틀리면 ❌가 나오고, 힌트는 "힌트 보기"를 눌러야 펼쳐집니다(`hint("vgg-1")`처럼 불러도
# 됩니다). 정답은 손으로 적어 둔 것이 아니라 cnnlib이 그 자리에서 계산합니다.
#
# There are three kinds of exercise. For a number, replace `answer = None` with your answer and run the
# cell. A **prediction** is written down first; the next cell then reveals the accuracy atlas's
# measurement. Predictions may be written in Korean or English. A **coding** exercise runs the function you
# complete and checks it. ✅ when right, ❌ when not; a hint unfolds only when you click "show hint" (or call
# `hint("vgg-1")`). The expected answers are not typed in: cnnlib computes them on the spot.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 1:12–1:15 · 3분: 연습 문제는 과제로 내고 요약 슬라이드로 마칩니다.
#
# 1:12–1:15 · 3 min: set the exercises as homework and end on the summary slide.

# %% [markdown]
# **문제 1.** 128채널을 384채널로 바꾸는 3×3 합성곱(편향 포함)의 파라미터는 몇 개일까요? VGG에는 없는
# 층이니 표에서 찾지 말고 계산해 보세요.
#
# **Exercise 1.** How many parameters does a 3×3 convolution from 128 to 384 channels have (with biases)?
# VGG has no such layer, so compute it rather than look it up.

# %%
answer = None  # ← 여기에 답 / your answer
check(answer, expected=count.params(nn.Conv2d(128, 384, 3, padding=1)), key="vgg-1")

# %% [markdown]
# **문제 2 (코딩).** 스트라이드 1인 k×k 합성곱 `n`개를 쌓았을 때(풀링 없음) 맨 위 픽셀 하나의 수용 영역이
# 한 변 몇 픽셀인지 돌려주는 함수를 완성하세요. 아래 셀은 여러 `n`과 `k`에서 cnnlib의
# `receptive_fields`와 비교합니다.
#
# **Exercise 2 (coding).** Complete a function that returns how many pixels wide the receptive field of one
# pixel on top is, after stacking `n` k×k convolutions with stride 1 (no pooling). The cell compares it with
# cnnlib's `receptive_fields` for several `n` and `k`.


# %%
def receptive_field(n, k):
    return None  # ← 여기를 완성하세요 / complete this


stacks_to_try = [(1, 3), (2, 3), (4, 3), (10, 3), (2, 5), (3, 7)]
check_code(
    receptive_field, [Case((n, k), receptive_fields([[k] * n])[0]) for n, k in stacks_to_try], key="vgg-2"
)

# %% [markdown]
# **문제 3.** 구성 B에는 **합성곱 층**이 몇 개 있나요(완전 연결 층은 빼고)?
#
# **Exercise 3.** How many **convolutional layers** does configuration B have (not counting the fully
# connected layers)?

# %%
answer = None  # ← 여기에 답 / your answer
check(
    answer,
    expected=sum(row.kind == "conv" for row in count.table(vgg("B", device="meta")).rows),
    key="vgg-3",
)

# %% [markdown]
# **문제 4 (예측한 뒤 확인하기).** 위 실험에서는 구성마다 **테스트** 정확도를 보았습니다. 이번에는 학습이
# 끝날 무렵(마지막 50스텝)의 **학습 손실**입니다. 배치 정규화 없이 가장 깊은 구성 E(19층)를 가장 얕은 구성
# A(11층)와 비교하면 학습 손실은 어떻게 될까요? `"높아진다"`, `"낮아진다"`, `"잡음 범위 안"`(차이가 시드
# 잡음보다 작음) 가운데 하나를 적으세요. 영어로 `"higher"`, `"lower"`, `"within noise"`라고 적어도 됩니다.
# 예측을 적은 다음에 그 아래 셀을 실행하세요.
#
# **Exercise 4 (predict, then run).** The experiment above showed each configuration's **test** accuracy;
# now it is the **training loss** at the end of training (the last 50 steps). Without batch normalization,
# compare the deepest configuration E (19 layers) with the shallowest, A (11 layers): what happens to the
# training loss? Write `"higher"`, `"lower"` or `"within noise"` (the difference is smaller than the seed
# noise), or the Korean words. Run the cell below only after your prediction.

# %%
prediction = None  # ← 여기에 예측 / your prediction
predict("vgg-4", prediction, CHANGE)

# %%
reveal_change(
    "vgg-4",
    changed=atlas.lookup("vgg", config="E", bn=False),
    baseline=atlas.lookup("vgg", config="A", bn=False),
    metric="final_train_loss",
)

# %% [markdown]
# **문제 5.** 224×224가 아니라 320×320 입력이 VGG-16의 다섯 번째 풀링을 지나면 특징 맵의 한 변은 몇
# 픽셀일까요?
#
# **Exercise 5.** Feed VGG-16 a 320×320 input instead of 224×224. How many pixels wide is the feature map
# after the fifth pooling?

# %%
answer = None  # ← 여기에 답 / your answer
big = torch.empty(1, 3, 320, 320, device="meta")
check(answer, expected=vgg("D", device="meta").features(big).shape[-1], key="vgg-5")

# %% [markdown]
# ### 정답 확인 · Solutions
#
# 먼저 스스로 풀어 본 뒤에 실행하세요. 아래 값도 모두 cnnlib이 계산한 것입니다. 문제 4의 답은 예측 셀
# 아래의 측정값입니다.
#
# Try the exercises yourself first, then run this cell. These values, too, are all computed by cnnlib.
# Exercise 4's answer is the measurement below its prediction cell.

# %%
print("1.", f"{count.params(nn.Conv2d(128, 384, 3, padding=1)):,}")
print("2.", {(n, k): receptive_fields([[k] * n])[0] for n, k in stacks_to_try})
print("3.", sum(row.kind == "conv" for row in count.table(vgg("B", device="meta")).rows))
print("5.", vgg("D", device="meta").features(big).shape[-1])

# %% [markdown]
# ## 요약 · Summary
#
# - VGG의 규칙: 3×3 합성곱(스트라이드 1, 패딩 1)은 크기를 유지하고, 2×2 최대 풀링(스트라이드 2)만 크기를
#   절반으로 줄입니다.
# - 3×3 두 개 = 5×5 하나, 세 개 = 7×7 하나의 수용 영역. C → C일 때 파라미터는 18·C² 대 25·C², 27·C² 대
#   49·C²이고 ReLU는 더 많습니다.
# - 구성 A–E(11–19층)의 파라미터 수(1억 3,300만–1억 4,400만 개)를 cnnlib으로 세면 논문의 표 2와 정확히
#   같습니다. 그중 약 90%는 완전 연결 층에 있습니다.
# - 깊이는 19층에서 포화되었고, 더 깊이 가려면 새 기술(배치 정규화, 그리고 ResNet의 잔차 학습)이 필요했습니다.
#
# - VGG's rule: 3×3 convolutions (stride 1, padding 1) keep the size; only 2×2 max-pooling (stride 2) halves
#   it.
# - Two 3×3 see what one 5×5 sees, three see a 7×7. For C → C the parameters are 18·C² vs 25·C² and 27·C² vs
#   49·C², with more ReLUs.
# - cnnlib reproduces the paper's Table 2 exactly: 133–144 million parameters for configurations A–E (11–19
#   layers), about 90% of them in the fully connected layers.
# - Depth saturated at 19 layers; going deeper needed new techniques (batch normalization, then ResNet's
#   residual learning).

# %% [markdown]
# ## 참고 문헌 · References
#
# 원 논문을 꼭 직접 읽어 보세요. VGG 논문은 짧고 읽기 쉬우며, 이 노트북에서 다시 만든 표 1과 표 2가 그대로
# 있습니다. 배치 정규화 논문은 다음 강의들의 바탕이 되고, Glorot & Bengio는 VGG 저자들이 사전 학습 대신 쓴
# 초기화입니다.
#
# Do read the original papers. The VGG paper is short and readable, and its Tables 1 and 2 are the ones
# rebuilt in this notebook. The batch normalization paper underlies the next lectures, and Glorot & Bengio
# is the initialization the VGG authors used instead of pre-training.
#
# - VGG 논문 · the VGG paper: K. Simonyan, A. Zisserman, "Very Deep Convolutional Networks for Large-Scale
#   Image Recognition", ICLR 2015. [arXiv:1409.1556](https://arxiv.org/abs/1409.1556)
# - 배치 정규화 · batch normalization: S. Ioffe, C. Szegedy, "Batch Normalization: Accelerating Deep Network
#   Training by Reducing Internal Covariate Shift", ICML 2015.
#   [arXiv:1502.03167](https://arxiv.org/abs/1502.03167)
# - 가중치 초기화 · weight initialization: X. Glorot, Y. Bengio, "Understanding the difficulty of training
#   deep feedforward neural networks", AISTATS 2010. [PMLR
#   v9](https://proceedings.mlr.press/v9/glorot10a.html)
# - 강의 노트의 참고 자료 · the lecture notes' source: [taewan.kim/post/cnn](http://taewan.kim/post/cnn/)
