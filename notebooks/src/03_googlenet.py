# %% [markdown]
# # 03. GoogLeNet — 인셉션 모듈과 1×1 합성곱 · Inception modules and 1×1 convolutions
#
# 2014년 ImageNet 대회(ILSVRC)에서 우승한 GoogLeNet은 층을 22개나 쌓고도 파라미터가 AlexNet보다
# 훨씬 적습니다. 비결은 두 가지입니다. 여러 크기의 필터를 나란히 두는 **인셉션 모듈**, 그리고 비싼
# 합성곱 앞에서 채널을 먼저 줄이는 **1×1 합성곱**입니다. 이 강의에서는 그 절약을 직접 계산해 봅니다.
#
# GoogLeNet won the 2014 ImageNet challenge (ILSVRC) with 22 layers and far fewer parameters than
# AlexNet. Two ideas made that possible: the **inception module**, which places filters of several sizes
# side by side, and the **1×1 convolution**, which shrinks the channels before an expensive convolution.
# In this lecture we count exactly what they save.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:00–0:05 · 5분: VGG의 1억 3,800만 개 파라미터를 상기시키고 '어떻게
# 줄일까?'로 시작합니다.
#
# 0:00–0:05 · 5 min: recall VGG's 138 million parameters and open with 'how do we cut them?'.

# %% [markdown]
# ## 학습 목표 · Learning goals
#
# 1. 인셉션 모듈의 네 갈래(1×1, 3×3, 5×5, 풀링)가 채널 방향으로 이어 붙는 구조를 설명할 수 있습니다.
# 2. 1×1 합성곱의 차원 축소가 파라미터와 곱셈-누적(MAC)을 얼마나 줄이는지 강의의 식으로 계산할 수 있습니다.
# 3. 논문의 표 1을 `cnnlib`으로 다시 계산하고, 논문의 숫자와 어디가 다른지 정직하게 읽을 수 있습니다.
# 4. 보조 분류기가 학습 때만 쓰인다는 것을 알고, 축소가 있을 때와 없을 때의 학습 결과를 비교할 수 있습니다.
#
# 1. Explain how the four branches of an inception module (1×1, 3×3, 5×5, pooling) are concatenated
#    along the channels.
# 2. Compute, with the lecture's formula, how much the 1×1 dimensionality reduction saves in parameters
#    and multiply-accumulates (MACs).
# 3. Recompute the paper's Table 1 with `cnnlib` and read honestly where the printed numbers differ.
# 4. Know that the auxiliary classifiers only serve training, and compare training with and without
#    the reductions.

# %%
# %matplotlib inline
import dataclasses
import inspect
from collections import OrderedDict

import torch
from IPython.display import display
from matplotlib.figure import Figure
from torch import nn

import cnnlib
from cnnlib import atlas, count, experiments, plots, recipes
from cnnlib.exercises import CHANGE, Case, check, check_code, hint, predict, reveal_change  # noqa: F401 - hint is for students
from cnnlib.models import alexnet, googlenet, inception, vgg
from cnnlib.models.googlenet import INCEPTION_TABLE, Inception
from cnnlib.widgets import InceptionExplorer

cnnlib.set_language("both")  # 표와 그림에 한국어와 영어를 함께 · Korean and English in tables and plots

# %% [markdown]
# ### 설정 · Settings
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
# 강의 노트 첫머리에 적혀 있듯이, 층을 많이 쌓으면 성능이 좋아질 가능성이 커지지만 무조건 깊게 쌓는다고
# 좋아지지는 않습니다. 층을 늘릴 때마다 그것을 가능하게 하는 기술이 필요합니다. 깊고 넓게 쌓으면
# 파라미터와 계산량이 빠르게 불어나는데, GoogLeNet은 이 문제를 1×1 합성곱으로 풀었습니다.
#
# As the notes say at the start, more layers make better accuracy more likely, but stacking deeper is
# not enough by itself: every step deeper needs a technique that makes it work. Deeper and wider
# networks quickly grow in parameters and computation; GoogLeNet answered that with 1×1 convolutions.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:05–0:17 · 12분: 12배(논문의 어림수) 대 9배(정확한 수)를 설명하고,
# 1×1 합성곱은 H×W를 그대로 둔다는 것을 데모로 보여 줍니다.
#
# 0:05–0:17 · 12 min: explain 12× (the paper's round numbers) vs 9× (exact counts); show with the demo that
# a 1×1 convolution keeps H×W.

# %%
for name, model in [
    ("AlexNet", alexnet(device="meta")),
    ("VGG-16", vgg("D", device="meta")),
    ("GoogLeNet", googlenet(aux_logits=False, device="meta")),
]:
    print(f"{name:10} 파라미터 · params {count.params(model):>11,}   MAC {count.macs(model):>15,}")

# %% [markdown]
# GoogLeNet은 VGG-16보다 MAC이 약 10배 적고, 파라미터는 AlexNet보다도 적습니다. (파라미터는 편향
# 포함, 보조 분류기 제외, MAC은 이미지 한 장 기준(AlexNet은 227×227, 나머지는 224×224)이며 FLOPs ≈
# 2 × MAC입니다.)
#
# GoogLeNet needs about ten times fewer MACs than VGG-16 and has even fewer parameters than AlexNet.
# (Parameters include biases, without the auxiliary classifiers; MACs are for one image, 227×227 for
# AlexNet and 224×224 for the others, and FLOPs ≈ 2 × MACs.)

# %% [markdown]
# ### 12배일까, 9배일까? · 12 times fewer, or 9?
#
# GoogLeNet 논문은 "AlexNet보다 파라미터가 12배 적다"고 쓰지만, 무엇을 셌는지는 밝히지 않습니다. 같은
# 저자들의 후속 논문(Szegedy 외, 2016)이 그 바탕이 된 어림수를 적었습니다. GoogLeNet 약 500만 개,
# AlexNet 6,000만 개, 그래서 60 ÷ 5 = 12입니다. cnnlib은 두 네트워크를 논문의 층 폭대로 만들어 같은
# 규칙(편향 포함)으로 셉니다. 추론 때의 GoogLeNet(보조 분류기 제외)으로 나누면 약 8.7, 곧 약 9배이고,
# 학습 때만 붙는 보조 분류기 두 개까지 세면 약 4.6배입니다. 어느 쪽이든 GoogLeNet이 훨씬 작다는 결론은
# 같고, 12와 9의 차이는 GoogLeNet을 500만 개로 센 데서 옵니다.
#
# The GoogLeNet paper says it uses "12× fewer parameters than AlexNet" but does not say what it counted.
# A follow-up paper by the same group (Szegedy et al., 2016) gives the round numbers behind it: about 5
# million for GoogLeNet and 60 million for AlexNet, so 60 ÷ 5 = 12. cnnlib builds both networks with the
# papers' layer widths and counts them the same way (biases included). Divided by the GoogLeNet used at
# inference (without the auxiliary classifiers), AlexNet has about 8.7, so about 9, times as many
# parameters; counting the two auxiliary classifiers, which exist only in training, about 4.6 times.
# Either way GoogLeNet is much smaller; the gap between 12 and 9 comes from counting GoogLeNet as 5
# million.

# %%
alex = count.params(alexnet(device="meta"))
googlenets = {
    "보조 분류기 제외 · without aux": googlenet(aux_logits=False, device="meta"),  # 추론 때 · at inference
    "보조 분류기 포함 · with aux": googlenet(device="meta"),  # 학습 때 · in training
}
for label, model in googlenets.items():
    n = count.params(model)
    print(f"AlexNet ÷ GoogLeNet ({label}): {alex:,} ÷ {n:,} = {alex / n:.1f}")
print(f"논문의 어림수 · the papers' round numbers: 60M ÷ 5M = {60 / 5:.0f}")

# %% [markdown]
# ### 1×1 합성곱이란 · What a 1×1 convolution is
#
# 1×1 합성곱은 이웃 픽셀을 보지 않습니다. 픽셀마다 채널들을 섞는 작은 완전 연결 층이라고 생각하면
# 됩니다(Lin 외, Network in Network, 2013). 그래서 특징 맵의 크기(H×W)는 그대로 두고 **채널 수만**
# 바꿉니다. 뒤에 ReLU가 붙으므로 비선형성도 하나 더해집니다. 아래는 192채널을 16채널로 줄이는 1×1
# 합성곱입니다. 표의 입력과 출력 모양(채널 × 높이 × 너비)을 보면 192×28×28이 16×28×28이 되어 H×W는
# 그대로입니다. MAC은 위치 28×28개마다 출력 16개 × 입력 192개입니다.
#
# A 1×1 convolution does not look at neighbouring pixels: think of it as a small fully connected layer
# that mixes the channels of each pixel (Lin et al., Network in Network, 2013). It keeps the size of the
# feature map (H×W) and changes **only the number of channels**; the ReLU after it adds one more
# non-linearity. Below, a 1×1 convolution squeezes 192 channels into 16. The table shows its input and
# output shapes (channels × height × width): 192×28×28 becomes 16×28×28, H×W unchanged. Its MACs are
# 28×28 positions × 16 outputs × 192 inputs.

# %%
squeeze = torch.nn.Conv2d(192, 16, kernel_size=1)
count.table(squeeze, (192, 28, 28))

# %% [markdown]
# ## 2. 인셉션 모듈 · The inception module
#
# 강의 노트에는 "갈림길이 생겨서 취합된 정보가 달라지고, 더 다양한 결과가 나올 수 있다"고 되어
# 있습니다. 정확히 말하면, 같은 입력을 **네 갈래가 동시에** 읽습니다: 1×1, 3×3, 5×5 합성곱과 3×3 최대
# 풀링(뒤에 1×1). 네 출력은 크기(H×W)가 같아서 **채널 방향으로 이어 붙일** 수 있습니다. 그래서 다음
# 층은 여러 크기의 수용 영역에서 나온 특징을 한꺼번에 보고, 어떤 크기를 쓸지는 학습으로 정합니다.
# 결과가 무작위로 "다양해지는" 것이 아니라, 한 모듈이 여러 스케일을 함께 본다는 뜻입니다.
#
# The notes say the branches change the information gathered and "can give more varied results". More
# precisely: **four branches read the same input at once** — 1×1, 3×3 and 5×5 convolutions and a 3×3
# max-pool (followed by a 1×1). Their outputs have the same size (H×W), so they are **concatenated along
# the channels**. The next layer sees features from several receptive-field sizes at once, and training
# decides which to use. Nothing becomes random: one module simply looks at several scales together.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:17–0:27 · 10분: 네 갈래 그림을 가리키며 채널 64 + 128 + 32 + 32 =
# 256을 함께 더합니다.
#
# 0:17–0:27 · 10 min: point at the four branches and add the channels together: 64 + 128 + 32 + 32 = 256.

# %% [markdown]
# ### 그림으로 보기 · The picture
#
# 첫 그림은 논문의 인셉션 (3a)입니다: 3×3과 5×5 앞에 1×1 차원 축소(96, 16채널)가 있습니다. 두 번째
# 그림은 축소를 뺀 같은 모듈입니다. 두 모듈의 출력은 똑같이 256×28×28입니다. 상자 아래 막대가
# 파라미터 비율을 보여 줍니다.
#
# First: the paper's inception (3a), with 1×1 dimensionality reductions (96 and 16 channels) in front of
# the 3×3 and the 5×5. Second: the same module without them. Both give a 256×28×28 output. The bar under
# each box shows its share of the parameters.

# %%
plots.diagram(inception(*INCEPTION_TABLE["inception3a"], device="meta"), 28)

# %% slide=sub
plots.diagram(inception(*INCEPTION_TABLE["inception3a"], reduce=False, device="meta"), 28)

# %% [markdown]
# ### 코드로 읽기 · Reading the code
#
# 여러분이 실행하는 `cnnlib`의 인셉션 모듈 코드 그대로입니다. `reduced()`가 1×1 축소 뒤에 k×k
# 합성곱을 붙이고, `forward`의 `torch.cat(..., dim=1)`이 네 갈래를 채널 방향(`dim=1`)으로 잇습니다.
# 패딩 `k // 2`와 스트라이드 1인 풀링 덕분에 네 갈래의 H×W가 같아집니다.
#
# This is the very code of `cnnlib` that you run. `reduced()` puts a 1×1 reduction in front of the k×k
# convolution, and `torch.cat(..., dim=1)` in `forward` joins the four branches along the channels
# (`dim=1`). Padding `k // 2` and a pooling with stride 1 keep H×W the same in all four branches.

# %%
print(inspect.getsource(Inception))

# %% [markdown]
# 직접 실행해서 모양을 확인해 봅시다. 네 갈래의 채널 64 + 128 + 32 + 32가 이어 붙어 256이 됩니다.
#
# Let us run it and check the shapes: the four branches' 64 + 128 + 32 + 32 channels join into 256.

# %%
module = inception(*INCEPTION_TABLE["inception3a"])
x = torch.zeros(1, 192, 28, 28)
print([tuple(branch(x).shape) for branch in (module.branch1, module.branch2, module.branch3, module.branch4)])
print(tuple(module(x).shape))

# %% [markdown]
# ## 3. 1×1 차원 축소의 산수 · The arithmetic of the reductions
#
# 강의의 식은 **입력 채널 × 필터 크기 × 출력 채널**입니다. 여기서 "필터 크기"는 k×k(커널의 높이 ×
# 너비)이고, 편향이 출력 채널마다 하나씩 더해집니다. 5×5 갈래를 예로 들면:
#
# - 축소 없이: 192 × (5×5) × 32
# - 16채널로 먼저 줄이면: 192 × (1×1) × 16 + 16 × (5×5) × 32
#
# 1×1 층이 하나 **늘어나는데도** 전체가 줄어드는 이유는, 비싼 5×5가 192채널 대신 16채널만 읽기
# 때문입니다. 곱셈-누적(MAC)은 여기에 출력 크기(H×W)를 곱한 것입니다.
#
# The lecture's formula is **input channels × filter size × output channels**, where "filter size"
# means k×k (kernel height × width), plus one bias per output channel. For the 5×5 branch:
#
# - without reduction: 192 × (5×5) × 32
# - squeezing to 16 channels first: 192 × (1×1) × 16 + 16 × (5×5) × 32
#
# The total shrinks even though a 1×1 layer is **added**, because the expensive 5×5 now reads 16
# channels instead of 192. The multiply-accumulates (MACs) are these weights times the output size (H×W).

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:27–0:40 · 13분: 5×5 갈래의 절약(9.7배)을 학생이 먼저 어림하게 한 뒤
# 표를 보여 줍니다.
#
# 0:27–0:40 · 13 min: let students estimate the 5×5 branch's saving (9.7×) before showing the table.

# %% [markdown]
# ### 축소가 있는 인셉션 (3a) · Inception (3a) with reductions
#
# 192×28×28 입력에서 층마다 계산한 표입니다. 계산식 열이 강의의 식입니다.
#
# Counted layer by layer on a 192×28×28 input; the formula column is the lecture's arithmetic.

# %%
t3a = count.table(inception(*INCEPTION_TABLE["inception3a"], device="meta"), 28)
display(t3a)

# %% [markdown]
# ### 축소가 없는 인셉션 (3a) · Inception (3a) without reductions
#
# 3×3과 5×5가 192채널 전부를 읽습니다. 논문 그림 2(a)의 "단순한(naïve)" 모듈은 풀링 갈래의 192채널을
# 그대로 이어 붙이지만, `cnnlib`은 출력 폭을 256으로 같게 두려고 풀링 뒤의 1×1은 남깁니다. 그래서 두
# 표의 차이는 정확히 1×1 축소 두 개의 효과입니다.
#
# Now the 3×3 and the 5×5 read all 192 channels. The paper's "naïve" module (Figure 2a) concatenates the
# pooled 192 channels as they are; `cnnlib` keeps the 1×1 after the pooling so the output stays 256
# channels wide. The difference between the two tables is exactly the effect of the two 1×1 reductions.

# %%
t3a_naive = count.table(inception(*INCEPTION_TABLE["inception3a"], reduce=False, device="meta"), 28)
display(t3a_naive)

# %% [markdown]
# ### 갈래별로 비교 · Branch by branch
#
# 축소 없음 → 축소 있음. 1×1 갈래와 풀링 갈래는 그대로이고, 5×5 갈래에서 가장 많이 줄어듭니다.
#
# Without → with the reductions. The 1×1 and pooling branches do not change; the 5×5 branch saves the
# most.

# %%
p, p0, m, m0 = t3a.by_stage(), t3a_naive.by_stage(), t3a.macs_by_stage(), t3a_naive.macs_by_stage()
for b in p:
    params, macs = f"{p0[b]:>8,} → {p[b]:>8,} ({p0[b] / p[b]:4.1f}×)", f"{m0[b]:>12,} → {m[b]:>12,}"
    print(f"{b}: 파라미터 · params {params}   MAC {macs}")
print(f"합계 · total: 파라미터 · params {t3a_naive.total_params:,} → {t3a.total_params:,},", end="")
print(f"  MAC {t3a_naive.total_macs:,} → {t3a.total_macs:,}")

# %% [markdown]
# ## 4. 네트워크 전체 · The whole network
#
# 인셉션 모듈 아홉 개를 쌓은 GoogLeNet 전체입니다. 스템(입력부, stem)은 보통의 합성곱과 풀링이고, 끝에는
# AlexNet·VGG의 큰 완전 연결 층들 대신 전역 평균 풀링과 완전 연결 층 하나만 있습니다. 점선 상자 두
# 개는 보조 분류기로, 학습 때만 쓰입니다. 그래서 그림 제목의 파라미터 합계 13,378,280개에는 보조 분류기
# 두 개가 들어 있습니다. 추론 때처럼 보조 분류기를 빼면 1절의 6,998,552개이고, 그 차이 6,379,728개는
# 대부분 보조 분류기의 완전 연결 층에 있습니다.
#
# The whole GoogLeNet: nine inception modules stacked. The stem is plain convolution and pooling; the end
# has global average pooling and a single fully connected layer instead of AlexNet's and VGG's large fully
# connected layers. The two dashed boxes are the auxiliary classifiers, used in training only, so the
# parameter total in the diagram's title, 13,378,280, includes them. Without them, as at inference, it
# is section 1's 6,998,552; the difference, 6,379,728, sits mostly in the auxiliary classifiers' fully
# connected layers.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:40–0:52 · 12분: 전체 그림은 노트북에서 확대해 봅니다. 보조 분류기를
# 빼면 6,998,552개, 넣으면 13,378,280개. 논문 표 1과 다른 줄(←)을 정직하게 읽습니다.
#
# 0:40–0:52 · 12 min: zoom into the full diagram in the notebook. 6,998,552 without the auxiliary
# classifiers, 13,378,280 with them. Read the rows that differ from the paper's Table 1 (←) honestly.

# %% slide=skip
plots.diagram(googlenet(device="meta"))

# %% [markdown]
# 슬라이드에는 스템 다음의 아홉 모듈과 출력부만 크게 그립니다(보조 분류기 제외).
# 그림의 6,874,136개에 스템의 124,416개를 더하면 추론 때의 6,998,552개입니다.
#
# The slide draws only the nine modules after the stem (스템) and the head, large (auxiliary
# classifiers left out). Its 6,874,136 plus the stem's 124,416 make the 6,998,552 at inference.
#
# 전체 그림은 노트북에서 · the full diagram is in the notebook.

# %%
g = googlenet(device="meta")  # 인셉션 3a부터 출력부까지 · from inception 3a to the classifier, aux left out
names = list(dict(g.named_children()))
body = [(n, getattr(g, n)) for n in names[names.index("inception3a") :] if not n.startswith("aux")]
body.insert(-2, ("flatten", nn.Flatten()))  # avgpool → flatten → dropout → fc, as in forward
spec = plots.diagram_spec(nn.Sequential(OrderedDict(body)), (192, 28, 28), collapse=True)
plots.diagram(dataclasses.replace(spec, title="GoogLeNet · 인셉션 3a–5b와 출력부 · inception 3a–5b and head"))

# %% [markdown]
# ### 논문의 표 1 다시 계산하기 · The paper's Table 1, recomputed
#
# 논문의 표 1은 **가중치만**(편향 제외) 세고 K = 1024로 나눈 파라미터와, ops(= MAC, M = 10⁶)를
# 적었습니다. 아래 왼쪽 열은 논문에 인쇄된 값을 옮겨 적은 것이고, 오른쪽 열은 `cnnlib`이 같은 규칙으로
# 계산한 값입니다.
#
# The paper's Table 1 counts **weights only** (no biases) divided by K = 1024, and ops (= MACs,
# M = 10⁶). Below, the paper's printed values are typed in as they appear; `cnnlib` computes the other
# columns with the same convention.

# %%
PAPER = {  # 논문 표 1에 인쇄된 값 · printed in the paper's Table 1: (params K, ops M)
    "conv1": (2.7, 34),
    "conv2+conv3": (112, 360),
    "inception3a": (159, 128),
    "inception3b": (380, 304),
    "inception4a": (364, 73),
    "inception4b": (437, 88),
    "inception4c": (463, 100),
    "inception4d": (580, 119),
    "inception4e": (840, 170),
    "inception5a": (1072, 54),
    "inception5b": (1388, 71),
    "fc": (1000, 1),
}

# %%
table = count.table(googlenet(aux_logits=False, device="meta"))
weights, macs = table.by_stage(weights_only=True), table.macs_by_stage()
for d in (weights, macs):
    d["conv2+conv3"] = d["conv2"] + d["conv3"]
print("K = 가중치 1,024개 · 1,024 weights,  M = 백만 MAC · million MACs,  논문 = paper")
print(f"{'':12} {'논문 K':>7} {'cnnlib K':>9} {'논문 M':>7} {'cnnlib M':>9}")
for stage, (k, mm) in PAPER.items():
    mark = "  ←" if abs(k - weights[stage] / 1024) >= 1 or abs(mm - macs[stage] / 1e6) >= 1 else ""
    print(f"{stage:12} {k:>8,} {weights[stage] / 1024:>9,.1f} {mm:>8} {macs[stage] / 1e6:>9.1f}{mark}")

# %% [markdown]
# ### 논문의 숫자를 정직하게 읽기 · Reading the paper's numbers honestly
#
# ops 열은 두 줄을 빼면 반올림 범위 안에서 맞습니다. 층의 폭은 논문과 같다는 뜻입니다. 그런데 파라미터
# 열은 논문 자신의 층 폭과 여러 줄에서 맞지 않습니다(← 표시). 예를 들어 4c는 463K로 인쇄되어 있지만
# 표에 적힌 채널 수로 계산하면 497.5K이고, 5a는 1072K 대 1018K, 첫 7×7 합성곱은 2.7K 대 9.2K입니다
# (3 × (7×7) × 64 = 9,408). 인쇄된 표의 오류로 보이며, `tests/test_models.py`에도 같은 차이가 기록되어
# 있습니다.
#
# The ops column agrees within rounding except in two rows, so the layer widths are the paper's. The
# params column, however, disagrees with the paper's own layer widths in several rows (marked ←). For
# example, 4c is printed as 463K but its listed channel numbers give 497.5K; 5a is 1072K vs 1018K; the
# first 7×7 convolution is 2.7K vs 9.2K (3 × (7×7) × 64 = 9,408). These look like errors in the printed
# table; `tests/test_models.py` records the same differences.

# %% [markdown]
# ### torchvision의 GoogLeNet · torchvision's GoogLeNet
#
# 논문의 "5×5" 갈래는 정말 5×5이지만, torchvision의 GoogLeNet은 그 자리에 **3×3**을 씁니다(사전
# 학습된 가중치 때문에 유지되는, 잘 알려진 특이점입니다). 또 모든 합성곱 바로 뒤, ReLU 앞에 배치
# 정규화가 있습니다(합성곱 → 배치 정규화 → ReLU).
# `cnnlib`은 두 가지를 한 빌더로 만듭니다.
#
# The paper's "5×5" branch really is 5×5, but torchvision's GoogLeNet uses a **3×3** there (a known quirk,
# kept for its pretrained weights), and it puts batch normalization right after every convolution,
# before the ReLU (convolution → batch normalization → ReLU). `cnnlib` builds both from one builder.

# %%
for variant in ("paper", "torchvision"):
    branch3 = googlenet(variant, device="meta").inception3a.branch3
    kernels = [m.kernel_size for m in branch3.modules() if isinstance(m, torch.nn.Conv2d)]
    print(f"{cnnlib.i18n.label(variant):12} {kernels}")

# %% [markdown]
# ### 보조 분류기 · Auxiliary classifiers
#
# 22층은 2014년에는 아주 깊었습니다. 논문은 중간 층(4a와 4d 뒤)에 작은 분류기 두 개를 붙여 그 손실에
# 0.3을 곱해 더했습니다. 기울기가 입력 쪽까지 잘 전달되도록 돕는 장치입니다. 추론 때는 떼어 냅니다.
# 그래서 `count.table`은 이 층들을 "추론 때 실행 안 됨"으로 표시합니다.
#
# Twenty-two layers were very deep in 2014. The paper attached two small classifiers to intermediate
# layers (after 4a and 4d) and added their losses with weight 0.3, to help the gradient reach the early
# layers. At inference they are removed, so `count.table` marks their layers "not run at inference".

# %%
full = count.table(googlenet(device="meta"))
aux = [row for row in full.rows if not row.ran and row.params]
for row in aux:
    print(f"{row.name:15} {row.type:10} {row.params:>10,}  {cnnlib.i18n.t('table.not_run')}")
print(f"{table.total_params:,} + {sum(row.params for row in aux):,} (보조 · aux) = {full.total_params:,}")
print("보조 손실의 가중치 · aux loss weight:", googlenet(device="meta").aux_weight)

# %% [markdown]
# 학습 모드에서는 출력이 세 개(본 분류기와 보조 분류기 둘), 평가 모드에서는 하나입니다. 32×32 이미지용
# 작은 GoogLeNet으로 확인해 봅니다.
#
# In training mode the network returns three outputs (the main classifier and the two auxiliary ones), in
# evaluation mode just one. Let us check on a small GoogLeNet for 32×32 images.

# %%
lab = googlenet(input_size=32, num_classes=10, width=0.25)
images = torch.zeros(2, 3, 32, 32)
print("학습 모드 · train():", [tuple(out.shape) for out in lab.train()(images)])
print("평가 모드 · eval(): ", tuple(lab.eval()(images).shape))

# %% [markdown]
# ### 축소가 없으면 전체는? · The whole network without reductions
#
# 강의 노트의 "1×1로 줄였을 때 전체 파라미터가 줄었다"를 숫자로 확인합니다. 아홉 개 모듈 모두에서 1×1
# 축소를 빼면 (보조 분류기 없이):
#
# The notes say "with the 1×1 reductions the total parameters went down". Here is by how much, removing the
# reductions from all nine modules (without the auxiliary classifiers):

# %%
naive = count.table(googlenet(reduce=False, aux_logits=False, device="meta"))
for label, t in (("1×1", table), ("none", naive)):
    print(f"{cnnlib.i18n.label(label):22} 파라미터 · params {t.total_params:>11,}   MAC {t.total_macs:>14,}")
params_ratio, macs_ratio = naive.total_params / table.total_params, naive.total_macs / table.total_macs
print(f"없음 ÷ 있음 · without ÷ with: 파라미터 · params {params_ratio:.1f}×, MAC {macs_ratio:.1f}×")

# %% [markdown]
# ## 5. 인셉션 탐색기 · The inception explorer
#
# 채널 수를 바꾸고 "1×1 축소" 스위치를 켜고 꺼 보세요. 갈래마다 파라미터와 MAC이 계산식과 함께 바로
# 바뀌고, 아래에는 GoogLeNet 전체의 합계가 나옵니다. 해 볼 것: 5×5 축소를 16에서 192로 올리면 어떻게
# 될까요? 변형을 torchvision으로 바꾸면 5×5 갈래의 식이 어떻게 달라지나요? 탐색기가 보여 주는
# GoogLeNet 전체의 합계에는 보조 분류기 두 개가 들어 있어서(논문 변형, 축소 있음: 13,378,280개), 보조
# 분류기를 뺀 이 노트북의 다른 합계(6,998,552개)보다 큽니다. 그 아래에는 실습 규모 GoogLeNet의 정확도
# (정확도 지도의 시드별 값)와 축소를 껐을 때와의 차이가 나옵니다.
#
# Change the channel numbers and switch the "1×1 reduction" on and off: each branch's parameters and MACs
# update at once, with their formulas, and the totals for the whole GoogLeNet appear below. Try: what
# happens if the 5×5 reduction goes from 16 to 192? How does the 5×5 branch's formula change with the
# torchvision variant? The explorer's totals for the whole GoogLeNet include the two auxiliary
# classifiers (paper variant with reductions: 13,378,280), so they are larger than this notebook's other
# totals, which leave them out (6,998,552). Below them: the lab-scale GoogLeNet's accuracy (each seed of
# the accuracy atlas) and its difference from the same network without the reductions.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:52–0:58 · 6분: 노트북에서 축소 폭을 움직여 파라미터가 바로 바뀌는
# 것을 보여 줍니다.
#
# 0:52–0:58 · 6 min: in the notebook, move a reduction width and watch the parameters change at once.

# %%
# NBVAL_IGNORE_OUTPUT
InceptionExplorer()

# %% [markdown]
# ## 6. 실험: 축소가 있을 때와 없을 때 · Experiment: with and without the reductions
#
# 32×32 이미지용 작은 GoogLeNet(배치 정규화가 있는 torchvision 변형, 보조 분류기 없음)을 세 가지로 비교합니다:
# 1×1 축소가 있는 것("1×1"), 없는 것("none"), 그리고 축소는 있지만 채널을 넓혀 "none"과 **파라미터 수를
# 맞춘** 것("1×1, wider"). 파라미터와 MAC은 정확한 숫자이고, 정확도는 정확도 지도에서 옵니다: 같은 레시피로
# 시드 5개씩 학습한 값입니다.
#
# Three small GoogLeNets for 32×32 images (torchvision's variant with batch normalization, no auxiliary
# classifiers): with the 1×1 reductions ("1×1"), without ("none"), and with the reductions but widened until
# it has **the parameters of** "none" ("1×1, wider"). Parameters and MACs are exact; the accuracies come from
# the accuracy atlas: five seeds each, trained with the same recipe.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:58–1:10 · 12분: 정확도 지도의 결과: 무엇이 시드 잡음보다 크고 무엇이
# 그 안에 있는지 구별합니다.
#
# 0:58–1:10 · 12 min: the accuracy atlas's result: tell what is larger than the seed noise from what is
# within it.

# %%
print(recipes.get("googlenet-lab").describe())
result = experiments.inception_reductions()  # 정확도 지도에서 · from the atlas
print(result.summary())
shown = {"params": "파라미터 · params", "macs": "MAC", "paper_params": "논문 · paper: 파라미터 · params",
         "paper_macs": "논문 · paper: MAC"}  # fmt: skip
for key, title in shown.items():
    print(f"{title}:", ",  ".join(f"{cnnlib.i18n.label(k)} {v:,}" for k, v in result.numbers[key].items()))

# %%
fig = Figure(figsize=(13, 3.8), layout="constrained")  # 마지막 줄이 fig를 돌려줌 · the last line returns fig
a, b, c = fig.subplots(1, 3)
plots.bars(result.numbers["params"], ylabel="파라미터 · parameters", ax=a)
plots.bars(result.numbers["macs"], ylabel="MAC · MACs", ax=b)
plots.seed_accuracy(result.cells, ax=c)
display(fig)

# %%
if RUN_LIVE:
    print(experiments.inception_reductions("live", seeds=[5], data=DATA).summary())

# %% [markdown]
# ### 무엇을 볼까 · What to look for
#
# 1×1 축소가 있는 쪽("1×1")은 파라미터가 약 3배, MAC이 약 2배 적습니다(정확한 숫자). 정확도는 축소가
# 없는 쪽이 높고(84.4% 대 62.5%), 그 차이는 시드 잡음보다 큽니다. 그런데 파라미터 수를 맞춘 쌍("1×1,
# wider" 대 "none")의 차이는 시드 잡음 안입니다. 축소가 있는 망은 시드마다 크게 흔들리는데(표준편차
# 10%p 이상), 폭 0.125의 실습 망에서는 축소가 5×5 갈래의 채널을 2개까지 줄이기 때문일 수 있습니다.
# 또 파라미터가 같아도 축소가 없는 망은 계산(MAC)을 훨씬 많이 합니다. 논문의 주장은 "같은 계산 예산에서"
# 축소로 아낀 비용을 더 깊고 넓은 네트워크에 쓴다는 것이고, 논문은 축소가 없는 망의 정확도를 보고하지
# 않았습니다. 1×1 합성곱도 학습되는 층이라 "어떤 채널 조합을 남길지"를 배웁니다.
#
# The model with the reductions ("1×1") has about 3× fewer parameters and 2× fewer MACs (exact numbers).
# The one without them is more accurate (84.4 % vs 62.5 %), a difference larger than the seed noise; but
# at the same parameter count ("1×1, wider" vs "none") the difference is within the seed noise. The reduced
# networks vary a lot from seed to seed (more than 10 points s.d.), perhaps because at width 0.125 the
# reductions leave the 5×5 branch only 2 channels; and at the same parameter count the network without
# reductions does far more computation (MACs). The paper's claim is about the same *compute* budget: the
# savings pay for a deeper and wider network; it reports no accuracy for a network without the reductions.
# A 1×1 convolution is a learned layer: it learns which combinations of channels to keep.

# %% [markdown]
# ## 7. 연습 문제 · Exercises
#
# 문제는 세 종류입니다. 숫자로 답하는 문제는 `answer = None`을 여러분의 답으로 바꾸고 셀을 실행합니다.
# **예측 문제**는 먼저 예측을 적어 두고, 다음 셀에서 정확도 지도의 측정값을 확인합니다. 예측은 한국어와
# 영어 어느 쪽으로 적어도 됩니다. **코딩 문제**는 함수를 완성하면 `cnnlib`이 그 함수를 직접 실행해
# 채점합니다. 맞으면 ✅, 틀리면 ❌가 나오고, 힌트는 "힌트 보기"를 눌러야 펼쳐집니다(`hint("googlenet-1")`처럼
# 불러도 됩니다). 정답은 모두 `cnnlib`이 계산합니다. 파라미터는 **가중치만**(편향 제외) 세어 주세요.
#
# There are three kinds of exercise. For a number, replace `answer = None` with your answer and run the
# cell. A **prediction** is written down first; the next cell then reveals the accuracy atlas's
# measurement. Predictions may be written in Korean or English. A **coding** exercise runs the function you
# complete and checks it. ✅ when right, ❌ when not; a hint unfolds only when you click "show hint" (or call
# `hint("googlenet-1")`). Every expected answer is computed by `cnnlib`. Count **weights only** (no
# biases) for parameters.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 1:10–1:15 · 5분: 코딩 문제(축소된 갈래의 파라미터 수)를 과제로 내고
# 요약으로 마칩니다.
#
# 1:10–1:15 · 5 min: set the coding task (a reduced branch's parameter count) as homework and end on the
# summary.

# %% [markdown]
# ### 문제 1 · Exercise 1
#
# 인셉션 (4b)의 입력은 512채널이고 5×5 갈래의 출력은 64채널입니다. 1×1 축소 **없이** 5×5 합성곱
# 하나만 두면 가중치는 몇 개일까요?
#
# Inception (4b) reads 512 channels and its 5×5 branch outputs 64. **Without** the reduction, how many
# weights does the single 5×5 convolution have?

# %%
answer = None  # ← 여기에 답 / your answer
t4b_naive = count.table(inception(*INCEPTION_TABLE["inception4b"], reduce=False, device="meta"), 14)
check(answer, expected=t4b_naive["branch3.0.conv"].weights, key="googlenet-1")

# %% [markdown]
# ### 문제 2 · Exercise 2 — 코딩 · coding
#
# 1×1 축소가 있는 갈래의 가중치 수를 돌려주는 함수를 완성하세요. 입력 채널 `c_in`을 1×1 합성곱으로
# `c_red`채널까지 줄인 다음, k×k 합성곱으로 `c_out`채널을 만듭니다(편향 제외). 아래 셀은 인셉션 (3a),
# (4a), (5b)의 3×3 갈래와 5×5 갈래, 모두 여섯 갈래에서 `cnnlib`이 센 가중치와 비교합니다.
#
# Complete a function that returns the number of weights of a branch with a 1×1 reduction: the 1×1
# convolution squeezes `c_in` input channels to `c_red`, then a k×k convolution makes `c_out` channels (no
# biases). The cell compares it with the weights `cnnlib` counts in six branches: the 3×3 and 5×5 branches
# of inceptions (3a), (4a) and (5b).


# %%
def branch_weights(c_in, c_red, c_out, k):
    return None  # ← 여기를 완성하세요 / complete this


branch_cases = []
for module, side in [("inception3a", 28), ("inception4a", 14), ("inception5b", 7)]:
    c_in, _, red3, out3, red5, out5, _ = INCEPTION_TABLE[module]
    module_table = count.table(inception(*INCEPTION_TABLE[module], device="meta"), side)
    for branch, (red, out, k) in {"branch2": (red3, out3, 3), "branch3": (red5, out5, 5)}.items():
        weights = module_table[f"{branch}.0.conv"].weights + module_table[f"{branch}.1.conv"].weights
        branch_cases.append(Case((c_in, red, out, k), weights))
check_code(branch_weights, branch_cases, key="googlenet-2")

# %% [markdown]
# ### 문제 3 · Exercise 3
#
# 채널 수가 (입력 192, 1×1 32, 3×3 축소 48, 3×3 64, 5×5 축소 8, 5×5 16, 풀링 뒤 1×1 16)인 작은
# 인셉션 모듈을 만들었습니다. 이 모듈의 출력 채널은 몇 개일까요?
#
# A small inception module has the channel numbers (input 192, 1×1 32, 3×3 reduce 48, 3×3 64, 5×5 reduce
# 8, 5×5 16, pool projection 16). How many output channels does it have?

# %%
answer = None  # ← 여기에 답 / your answer
check(answer, expected=inception(192, 32, 48, 64, 8, 16, 16, device="meta").out_channels, key="googlenet-3")

# %% [markdown]
# ### 문제 4 · Exercise 4
#
# 인셉션 (4d)에서 5×5 갈래 앞의 **1×1 축소**(512 → 32채널)는 14×14 출력을 만드는 데 곱셈-누적(MAC)을
# 몇 번 할까요?
#
# In inception (4d), how many multiply-accumulates (MACs) does the **1×1 reduction** in front of the 5×5
# (512 → 32 channels) need for its 14×14 output?

# %%
answer = None  # ← 여기에 답 / your answer
t4d = count.table(inception(*INCEPTION_TABLE["inception4d"], device="meta"), 14)
check(answer, expected=t4d["branch3.0.conv"].macs, key="googlenet-4")

# %% [markdown]
# ### 문제 5 · Exercise 5 — 예측한 뒤 확인하기 · predict, then run
#
# 위 실험에서는 1×1 축소를 뺄 때의 **테스트** 정확도를 보았습니다. 이번에는 학습이 끝날 무렵(마지막
# 50스텝)의 **학습 손실**입니다. 논문 구성의 실습 규모 쌍둥이에서 1×1 축소를 모두 빼면(`reduce=False`,
# 파라미터가 늘어납니다) 학습 손실은 어떻게 될까요? `"높아진다"`, `"낮아진다"`, `"잡음 범위 안"`(차이가
# 시드 잡음보다 작음) 가운데 하나를 적으세요. 영어로 `"higher"`, `"lower"`, `"within noise"`라고
# 적어도 됩니다. 예측을 적은 다음에 그 아래 셀을 실행하세요.
#
# The experiment above showed the **test** accuracy without the 1×1 reductions; now it is the **training
# loss** at the end of training (the last 50 steps). Remove every 1×1 reduction from the lab-scale twin of
# the paper's network (`reduce=False`, which adds parameters): what happens to its training loss? Write
# `"higher"`, `"lower"` or `"within noise"` (the difference is smaller than the seed noise), or the Korean
# words. Run the cell below only after your prediction.

# %%
prediction = None  # ← 여기에 예측 / your prediction
predict("googlenet-5", prediction, CHANGE)

# %%
reveal_change(
    "googlenet-5",
    changed=atlas.lookup("googlenet", reduce=False),
    baseline=atlas.lookup("googlenet", reduce=True),
    metric="final_train_loss",
)

# %% [markdown]
# ### 정답 확인 · Solutions
#
# 먼저 스스로 풀어 본 뒤에 보세요. 아래 셀은 `cnnlib`이 계산한 정답을 보여 줍니다. 문제 5의 답은 예측 셀
# 아래의 측정값입니다.
#
# Try first, then look. The cell below shows the answers as computed by `cnnlib`. Exercise 5's answer is
# the measurement below its prediction cell.

# %%
print("1:", t4b_naive["branch3.0.conv"].weights)
print("2:", {case.args: case.expected for case in branch_cases})
print("3:", inception(192, 32, 48, 64, 8, 16, 16, device="meta").out_channels)
print("4:", t4d["branch3.0.conv"].macs)

# %% [markdown]
# ## 요약 · Summary
#
# - 인셉션 모듈은 1×1, 3×3, 5×5 합성곱과 3×3 풀링, 네 갈래를 나란히 두고 출력을 채널 방향으로 잇습니다.
#   한 모듈이 여러 크기의 수용 영역을 동시에 봅니다.
# - 1×1 합성곱은 H×W를 그대로 두고 채널 수만 바꿉니다. 비싼 3×3·5×5 앞에서 채널을 줄이면(차원 축소)
#   층이 하나 늘어도 파라미터와 MAC이 크게 줄어듭니다.
# - 강의의 식(입력 채널 × k×k × 출력 채널 + 편향)으로 논문의 표 1을 다시 계산할 수 있고, 인쇄된 표의
#   몇몇 파라미터 값은 논문 자신의 층 폭과 맞지 않습니다.
# - 보조 분류기는 학습 때만 손실에 0.3배로 더해지고, 추론 때는 쓰이지 않습니다. 그래서 GoogLeNet의
#   파라미터는 추론 때 6,998,552개, 보조 분류기까지 세면 13,378,280개입니다. AlexNet보다 약 9배
#   적습니다(논문의 12배는 어림수 6,000만 ÷ 500만).
#
# - An inception module runs 1×1, 3×3 and 5×5 convolutions and a 3×3 pooling side by side and
#   concatenates them along the channels: one module sees several receptive-field sizes at once.
# - A 1×1 convolution keeps H×W and changes only the channels. Reducing the channels before the expensive
#   3×3 and 5×5 (dimensionality reduction) cuts parameters and MACs a lot, even though it adds a layer.
# - The lecture's formula (input channels × k×k × output channels + bias) recomputes the paper's
#   Table 1, and some printed parameter values disagree with the paper's own layer widths.
# - The auxiliary classifiers add 0.3 × their loss during training only and are not used at inference,
#   so GoogLeNet has 6,998,552 parameters at inference and 13,378,280 with them: about 9 times fewer
#   than AlexNet (the paper's 12× divides the round numbers 60 million ÷ 5 million).

# %% [markdown]
# ## 참고 문헌 · References
#
# - Szegedy 외, "Going Deeper with Convolutions", CVPR 2015 — GoogLeNet 논문 ·
#   Szegedy et al., "Going Deeper with Convolutions", CVPR 2015 — the GoogLeNet paper:
#   <https://arxiv.org/abs/1409.4842>
# - Szegedy 외, "Rethinking the Inception Architecture for Computer Vision", CVPR 2016 — "500만 개,
#   AlexNet의 12분의 1"의 출처 · Szegedy et al., CVPR 2016 — where "5 million, 12× fewer than
#   AlexNet" is spelled out: <https://arxiv.org/abs/1512.00567>
# - Lin 외, "Network In Network", 2013 — 1×1 합성곱의 출발점 · Lin et al., "Network In Network",
#   2013 — where the 1×1 convolution comes from: <https://arxiv.org/abs/1312.4400>
# - Ioffe & Szegedy, "Batch Normalization", 2015 — torchvision 변형이 쓰는 배치 정규화 ·
#   the batch normalization that the torchvision variant uses: <https://arxiv.org/abs/1502.03167>
# - 강의 노트의 참고 자료 · the lecture notes' source: "4가지 CNN 살펴보기" <http://taewan.kim/post/cnn/>
