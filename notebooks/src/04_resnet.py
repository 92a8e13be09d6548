# %% [markdown]
# # 04. ResNet: 지름길 하나로 100층을 넘다 · ResNet: past 100 layers with one shortcut
#
# 시리즈의 마지막 강의입니다. AlexNet(8층)에서 VGG(19층), GoogLeNet(22층)으로 네트워크는
# 점점 깊어졌고, ResNet은 ImageNet에서 152층, CIFAR-10에서는 1000층이 넘는 네트워크까지
# 학습시켰습니다. 비결은 블록의 입력을 출력에 그대로 더해 주는 지름길 하나입니다.
#
# This is the last lecture of the series. From AlexNet (8 layers) to VGG (19) and GoogLeNet (22),
# networks grew deeper; ResNet trained 152 layers on ImageNet and more than 1000 on CIFAR-10.
# The secret is one shortcut that adds a block's input to its output.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:00–0:04 · 4분: 학습 목표. 오늘은 벽 두 개(기울기 소실/폭주,
# 성능 저하)를 넘습니다.
#
# 0:00–0:04 · 4 min: the goals. Today we cross two walls (vanishing/exploding gradients, degradation).

# %% [markdown]
# ## 학습 목표 · Learning goals
#
# 이 강의를 마치면 다음을 할 수 있습니다.
#
# 1. 기울기 소실/폭주를 층별 기울기 크기 그래프로 설명할 수 있습니다.
# 2. 과적합과 성능 저하(열화)를 *학습* 오차로 구별할 수 있습니다.
# 3. 잔차 학습 $y = F(x) + x$에서 층들이 무엇을 배우는지 코드에서 짚어 낼 수 있습니다.
# 4. 지름길 A · B · C와 병목 블록의 파라미터(매개변수) 비용을 직접 셀 수 있습니다.
# 5. 논문의 표 1(ImageNet)과 표 6(CIFAR-10)을 `cnnlib`으로 재현할 수 있습니다.
#
# After this lecture you can:
#
# 1. explain vanishing/exploding gradients with a plot of per-layer gradient norms;
# 2. tell overfitting from degradation by the *training* error;
# 3. point out in the code what the layers learn in residual learning $y = F(x) + x$;
# 4. count the parameter cost of shortcuts A, B, C and of bottleneck blocks yourself;
# 5. reproduce the paper's Table 1 (ImageNet) and Table 6 (CIFAR-10) with `cnnlib`.

# %%
# %matplotlib inline
import dataclasses
import inspect

import torch
from IPython.display import Markdown, display
from matplotlib.figure import Figure
from torch import nn

import cnnlib
from cnnlib import atlas, count, experiments, papers, plots, recipes
from cnnlib.colab import in_colab
from cnnlib.data import sample_photo
from cnnlib.exercises import CHANGE, Case, check, check_code, hint, predict, reveal_change  # noqa: F401 - hint is for students
from cnnlib.models import alexnet, googlenet, pretrained, resnet, vgg
from cnnlib.models.resnet import BasicBlock, Bottleneck, shortcut_for
from cnnlib.models.weights import normalization
from cnnlib.widgets import ResNetExplorer

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
DATA = None  # cnnlib.data.load("cifar10") 로 바꾸면 CIFAR-10
#            · set to cnnlib.data.load("cifar10") for CIFAR-10


# %%
def md_table(header, rows):
    """행 목록을 마크다운 표로 보여 줍니다 · shows rows as a Markdown table"""
    lines = [" | ".join(header), " | ".join("---" for _ in header)]
    lines += [" | ".join(str(cell) for cell in row) for row in rows]
    return Markdown("\n".join(lines))


# %% [markdown]
# ## 1. 지금까지의 이야기 · The story so far
#
# 강의 노트는 시리즈 전체를 세 문장으로 요약합니다. "층이 많으면 성능이 좋아질 확률이 높다. 하지만
# 무조건 깊게 쌓는다고 좋아지지는 않는다. 층을 더 쌓을 때마다 그에 맞는 기술이 필요했다."
#
# The notes sum up the whole series in three sentences. More layers tend to give better accuracy.
# But stacking layers does not help unconditionally. Every step deeper needed a new technique.
#
# | 네트워크 · network | 깊이 · depth | 더 깊이 가기 위한 기술 · what it took to go deeper |
# |---|---|---|
# | AlexNet (2012) | 8 | ReLU, 드롭아웃 · dropout, 데이터 증강 · data augmentation |
# | VGG (2014) | 16–19 | 3×3 합성곱 쌓기 · stacks of 3×3 convolutions |
# | GoogLeNet (2014) | 22 | 인셉션 모듈 · inception module, 1×1 차원 축소 · 1×1 dimensionality reduction |
# | ResNet (2015) | 152 | 스킵(지름길) 연결 · skip (shortcut) connection, 배치 정규화 · batch normalization |
#
# ResNet은 깊이를 가로막던 두 개의 벽을 차례로 넘었습니다. 하나씩 봅시다.
#
# ResNet got past two walls that blocked depth, one after the other. Let us look at each.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:04–0:08 · 4분: 세 강의를 한 문장씩. 강의 노트의 '0 또는 1로 수렴'은
# '소실 또는 폭주'로 고쳐 말합니다.
#
# 0:04–0:08 · 4 min: one sentence per earlier lecture. Correct the notes' 'converge to 0 or 1' to 'vanish or
# explode'.

# %% [markdown]
# ## 2. 첫 번째 벽: 기울기 소실/폭주 · The first wall: vanishing/exploding gradients
#
# 강의 노트에는 "레이어가 깊어질수록 역전파로 얻은 그래디언트 값이 0 또는 1에 극단적으로
# 수렴할 확률이 높았다"고 되어 있습니다. 방향은 맞지만, 정확히는 층을 거슬러 갈수록 기울기가
# 0을 향해 **사라지거나(소실)** 한없이 **커집니다(폭주)**. 1은 목적지가 아닙니다. 오히려 층마다
# 곱해지는 배율이 1 근처일 때만 기울기가 제 크기를 유지합니다.
#
# The notes say that in deep networks the gradients from backpropagation tended to "converge to
# 0 or 1" in the extreme. The direction is right; more precisely, going back layer by layer the
# gradients **vanish** toward 0 or **explode** (grow without bound). 1 is not a destination: the
# gradient keeps its size only when the factor each layer multiplies it by stays close to 1.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:08–0:24 · 16분: 오른쪽 그림(∂L/∂x)을 오른쪽에서 왼쪽으로 읽습니다. 네
# 가지 설정을 하나씩 짚고, 처방 세 가지로 넘어갑니다.
#
# 0:08–0:24 · 16 min: read the right-hand figure (∂L/∂x) from right to left. Go through the four setups one
# by one, then the three remedies.

# %% [markdown]
# ### 왜 층마다 곱해지나 · Why the factors multiply
#
# 연쇄 법칙 때문입니다. 입력 쪽 층의 기울기는 그 위 모든 층의 배율을 곱한 값입니다.
#
# $$\frac{\partial L}{\partial x_1} = \frac{\partial L}{\partial x_L}\,
# \frac{\partial x_L}{\partial x_{L-1}} \cdots \frac{\partial x_2}{\partial x_1}$$
#
# 배율이 0.9인 층 50개를 지나면 $0.9^{50} \approx 0.005$, 1.1인 층 50개면 $1.1^{50} \approx 117$입니다.
# 깊이에 따라 지수적으로 변합니다.
#
# Because of the chain rule: the gradient at a layer near the input is the product of the factors
# of all the layers above it (formula above). Fifty layers with a factor of 0.9 give
# $0.9^{50} \approx 0.005$, fifty with 1.1 give $1.1^{50} \approx 117$: exponential in depth.

# %% [markdown]
# ### 직접 재어 보기 · Measuring it
#
# 20층 플레인(plain) 망에 이미지 한 배치를 넣고 역전파를 한 번 합니다. 그리고 층마다 그 층이 읽는
# 입력 $x_l$에서 두 가지를 잽니다. 왼쪽 그림은 순전파 신호의 크기 $\mathrm{RMS}(x_l)$(값들의
# 제곱평균제곱근)이고, 오른쪽 그림은 역전파 때 그 자리까지 돌아온 기울기의 크기
# $\lVert \partial L/\partial x_l \rVert$입니다. 위 식의 $\partial L/\partial x_1$이 오른쪽 그림의 맨
# 왼쪽 점입니다. 기울기는 출력(오른쪽)에서 입력(왼쪽)으로 거슬러 가므로 오른쪽 그림은 오른쪽에서
# 왼쪽으로 읽습니다. 설정은 네 가지이고, 세로축은 둘 다 로그 눈금입니다.
#
# We feed one batch to a 20-layer plain network and backpropagate once. At the input $x_l$ of every
# layer we measure two things: on the left, the size of the forward signal, $\mathrm{RMS}(x_l)$ (the
# root mean square of its values); on the right, the size of the gradient that comes back to that
# point, $\lVert \partial L/\partial x_l \rVert$. The $\partial L/\partial x_1$ of the formula above is
# the leftmost point of the right panel. The gradient travels from the output (right) to the input
# (left), so read the right panel from right to left. Four setups; both vertical axes are logarithmic.

# %%
# NBVAL_IGNORE_OUTPUT
grads = experiments.vanishing_gradients(data=DATA)  # 20층, 네 가지 설정 · 20 layers, four setups
plots.signal_profile(grads.numbers["signals"])

# %% [markdown]
# 양 끝의 값입니다. 층 1은 이미지를 읽는 첫 합성곱, 층 19는 마지막 합성곱, 층 20은 완전 연결 층입니다.
#
# The values at both ends. Layer 1 is the first convolution (it reads the image), layer 19 the last
# convolution, layer 20 the fully connected layer.

# %%
# NBVAL_IGNORE_OUTPUT
for label, rows in grads.numbers["signals"].items():
    first, last_conv, fc = rows[0], rows[-2], rows[-1]
    growth = first.grad_norm / last_conv.grad_norm  # 거슬러 가며 몇 배가 되었나 · how much it grew going back
    print(cnnlib.i18n.label(label))
    print(
        f"    RMS(x) 층 · layer 1 → 20: {first.rms:8.2g} → {fc.rms:<8.2g}   "
        f"‖∂L/∂x‖ 층 · layer 19 → 1: {last_conv.grad_norm:8.2g} → {first.grad_norm:<8.2g} (×{growth:.2g})"
    )

# %% [markdown]
# ### 그래프 읽기 · Reading the plot
#
# - **N(0, 0.01), BN 없음**: 2015년 이전의 흔한 습관입니다. 순전파 신호가 층마다 약 10배씩 작아져
#   완전 연결 층에 닿을 때는 RMS가 10⁻¹⁹입니다. 기울기도 거꾸로 가며 층마다 약 10배씩 작아집니다.
#   마지막 합성곱의 입력에서 10⁻⁴이던 기울기가 이미지에 닿을 때는 10⁻²²입니다. 완전한 기울기 소실입니다.
# - **He 초기화의 2배 분산, BN 없음**: 이번에는 층마다 곱해지는 배율이 1보다 조금 큽니다(약 1.3–1.4). 신호는
#   앞으로 가며 1에서 230으로, 기울기는 거꾸로 가며 0.035에서 13으로 약 400배 커집니다. 폭주입니다.
# - **He 초기화 + BN, 플레인 망**: 배치 정규화가 층마다 신호의 크기를 되돌려 놓아 왼쪽 선은 평평합니다
#   (합성곱마다 RMS ≈ 0.7: ReLU가 평균 0, 분산 1인 값의 음수 절반을 0으로 만들면 √0.5 ≈ 0.71). 그래도
#   기울기는 입력 쪽으로 갈수록 커져 이미지에서는 마지막 합성곱에서보다 약 27배 큽니다.
# - **잔차 망**: 같은 처방에 지름길만 더했습니다. 기울기가 입력 쪽으로 약 8배만 커져 네 설정 중 가장
#   평평합니다. 블록마다 입력에 F(x)를 더하므로 블록 입력의 RMS는 0.7에서 1.1–1.9로 천천히 커집니다(왼쪽
#   그림의 톱니는 블록 입력과 블록 안쪽 값이 번갈아 나오기 때문입니다).
#
# 층이 많을수록 차이는 벌어집니다. `experiments.vanishing_gradients(56)`으로 56층을 재면 N(0, 0.01)
# 망의 신호와 기울기는 float32가 0으로 반올림할 만큼 작아지고, 기울기는 2배 분산 망에서 약 2천만 배,
# 배치 정규화만 쓴 플레인 망에서 약 1만 배, 잔차 망에서 약 30배 커집니다. 이유는 4절에서 봅니다.
#
# - **N(0, 0.01), no BN**: the common habit before 2015. The forward signal shrinks about tenfold per
#   layer and reaches the fully connected layer with an RMS of 10⁻¹⁹. The gradient, too, shrinks about
#   tenfold per layer on its way back: 10⁻⁴ at the input of the last convolution, 10⁻²² when it
#   reaches the image. Complete vanishing.
# - **twice He's variance, no BN**: now the factor each layer multiplies by is a little above 1
#   (about 1.3–1.4). The signal grows from 1 to 230 going forward, the gradient from 0.035 to 13 going back,
#   about 400 times: it explodes.
# - **He init + BN, plain**: batch normalization resets the size of the signal at every layer, so the
#   left line is flat (RMS ≈ 0.7 at every convolution: a ReLU zeroing the negative half of values with
#   mean 0 and variance 1 leaves √0.5 ≈ 0.71). Yet the gradient still grows toward the input: at the
#   image it is about 27 times larger than at the last convolution.
# - **residual**: the same remedies plus shortcuts. The gradient grows only about 8 times toward the
#   input, the flattest of the four. Each block adds F(x) to its input, so the RMS of the block inputs
#   creeps up from 0.7 to 1.1–1.9 (the saw-tooth on the left alternates between block inputs and the
#   inside of a block).
#
# The gap widens with depth. Measured at 56 layers with `experiments.vanishing_gradients(56)`, the
# N(0, 0.01) network's signal and gradient become so small that float32 rounds them to 0, and the
# gradient grows about 20 million times in the twice-He network, about 10,000 times in the plain
# network with batch normalization, and about 30 times in the residual one. Section 4 shows why.

# %% [markdown]
# ### 가중치의 기울기는 왜 평평해 보일까 · Why the weight gradients look flat
#
# 학습 한 스텝이 실제로 바꾸는 것은 가중치입니다. 가중치의 기울기는 그 층의 입력 $x_l$과 그 층의 출력으로
# 돌아온 기울기 $\partial L/\partial y_l$을 곱해 더한 것입니다(완전 연결 층이라면
# $\partial L/\partial W_l = \partial L/\partial y_l \, x_l^T$). N(0, 0.01) 망에서는 앞의 것이 출력
# 쪽으로, 뒤의 것이 입력 쪽으로 작아지므로 둘의 곱은 모든 층에서 10⁻¹⁹ 정도로 비슷합니다. 층별
# ‖∂L/∂W‖ 그래프가 평평하다고 기울기가 건강한 것은 아닙니다. 모든 층이 고르게, 아무것도 배우지 못할 만큼
# 작을 뿐입니다. 반대로 2배 분산 망에서는 모든 층이 150–1,500으로 너무 커서 한 스텝에 가중치가
# 망가집니다. 9절의 탐색기가 '학습' 때 그리는 그래프가 이 ‖∂L/∂W‖입니다.
#
# What a training step changes is the weights. A weight gradient sums products of the layer's input
# $x_l$ and the gradient $\partial L/\partial y_l$ that came back to its output (for a fully connected
# layer $\partial L/\partial W_l = \partial L/\partial y_l \, x_l^T$). In the N(0, 0.01) network the
# first shrinks toward the output and the second toward the input, so their product is about 10⁻¹⁹ at
# every layer. A flat plot of ‖∂L/∂W‖ per layer does not mean healthy gradients: every layer's is
# equally too small to learn anything. In the twice-He network, on the other hand, every layer's is
# 150–1,500, so large that one step wrecks the weights. The explorer of section 9 plots this ‖∂L/∂W‖
# when it trains.

# %%
# NBVAL_IGNORE_OUTPUT
for label, norms in grads.numbers["norms"].items():  # 가중치의 기울기 · the weights' gradients
    values = [norm for _, norm in norms]
    print(f"{cnnlib.i18n.label(label)}\n    ‖∂L/∂W‖: {min(values):8.2g} … {max(values):8.2g}")

# %% [markdown]
# ### 처방: 좋은 초기화, 배치 정규화, ReLU · Remedies: good initialization, batch normalization, ReLU
#
# 노트에 적힌 대로, 사람들은 이 문제를 세 가지로 다스렸습니다.
#
# - **가중치 초기화**: Xavier(Glorot & Bengio, 2010)는 분산을 $2/(n_{in} + n_{out})$으로,
#   He(He et al., 2015)는 ReLU가 절반을 0으로 만드는 것까지 따져 $2/n_{in}$으로 정합니다.
#   둘 다 층마다의 배율을 1 근처에 맞추는 방법입니다.
# - **배치 정규화**(Ioffe & Szegedy, 2015): 미니배치마다 채널별로 평균 0, 분산 1로 맞춘 뒤 학습되는
#   γ, β로 다시 조절합니다. 초기화가 조금 어긋나도 층마다 신호 크기가 다시 맞춰집니다. ResNet에서는
#   배치 정규화가 합성곱 바로 뒤, ReLU 앞에 있습니다(합성곱 → 배치 정규화 → ReLU). 블록의 두 번째 배치
#   정규화는 지름길을 더하기 전에 있고, ReLU는 더한 뒤에 옵니다.
# - **ReLU**: 양수 입력에서는 기울기(slope)가 정확히 1이라, 시그모이드(최대 0.25)처럼 층마다 기울기를
#   깎아 먹지 않습니다. 다만 음수 입력에서는 기울기(slope)가 0입니다. 어떤 뉴런의 입력이 모든 이미지에서
#   음수가 되면 그 뉴런으로는 기울기가 전혀 흐르지 않아 더는 배우지 못합니다("죽은 ReLU"). ReLU는 양수
#   쪽에서 포화되지 않을 뿐, 기울기를 절대 잃지 않는 것은 아닙니다.
#
# As the notes say, three remedies tamed the problem.
#
# - **Weight initialization**: Xavier (Glorot & Bengio, 2010) sets the variance to
#   $2/(n_{in} + n_{out})$; He (He et al., 2015) also accounts for ReLU zeroing half the signal
#   and uses $2/n_{in}$. Both keep each layer's factor near 1.
# - **Batch normalization** (Ioffe & Szegedy, 2015): per mini-batch, each channel is brought to
#   mean 0 and variance 1, then rescaled by learned γ, β; even a slightly-off initialization is
#   corrected layer by layer. In ResNet it sits right after each convolution and before the ReLU
#   (convolution → batch normalization → ReLU); a block's second batch normalization comes before the
#   shortcut is added, and the ReLU after the addition.
# - **ReLU**: its slope is exactly 1 for positive inputs, so unlike the sigmoid (at most 0.25) it
#   does not shave the gradient at every layer. For negative inputs, though, its slope is 0: a unit
#   whose input is negative for every image passes no gradient at all and stops learning (a "dying
#   ReLU"). ReLU does not saturate for positive inputs; that does not mean it can never lose its
#   gradient.

# %% [markdown]
# ### 그래도 남은 문제 · What was still left
#
# 그래프에서 본 것처럼 세 처방 덕분에 20층 플레인 망의 기울기는 0이나 무한대와는 거리가 멀고,
# 학습이 시작됩니다. 논문도 그렇게 말합니다. 그런데 학습이 *되기* 시작하자 전혀 다른 벽이
# 드러났습니다. 노트의 두 번째 주제, 과적합과 성능 저하입니다.
#
# As the plot showed, with these three remedies the gradients of a 20-layer plain network stay far
# from 0 and from infinity, and it starts to learn; the paper says so too. But once it
# *could* learn, a different wall appeared: the notes' second topic, overfitting vs degradation.

# %% [markdown]
# ## 3. 두 번째 벽: 성능 저하(열화) · The second wall: degradation
#
# 노트의 정의대로 **과적합**은 학습 정확도는 오르는데 테스트 정확도는 떨어지는 상태입니다.
# 모델이 학습 데이터를 외워서 두 정확도 사이의 간격이 벌어집니다.
#
# **성능 저하(열화)**는 다릅니다. 노트에는 "레이어를 더 깊게 쌓았는데도 성능이 떨어지는 현상"이라고
# 되어 있는데, 핵심은 *어디서* 떨어지느냐입니다. 깊은 네트워크가 **학습 데이터에서조차** 얕은
# 네트워크보다 오차가 큽니다. 외울 능력이 더 큰 모델이 학습 데이터를 더 못 맞추니 과적합이 아니라
# 최적화의 문제입니다. 논문 그림 1에서는 56층 플레인 망이 20층보다 학습 오차도 테스트 오차도 높습니다.
#
# As the notes define it, **overfitting** is training accuracy going up while test accuracy goes
# down: the model memorises the training set and the gap between the two grows.
#
# **Degradation** is different. The notes call it "accuracy dropping although we stacked more layers";
# the key is *where* it drops. The deeper network has a higher error **even on the training set**.
# A model with more capacity to memorise fits the training data worse, so this is not overfitting
# but an optimization problem. In the paper's Figure 1 a 56-layer plain network has both higher
# training and higher test error than a 20-layer one.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:24–0:36 · 12분: 과적합과 성능 저하를 *학습* 손실로 구별합니다. 결과는
# 정확도 지도에서 나오며 시드 잡음보다 큰 차이입니다.
#
# 0:24–0:36 · 12 min: tell overfitting from degradation by the *training* loss. The results come from the
# accuracy atlas and are larger than the seed noise.

# %% [markdown]
# ### 더 깊으면 적어도 같아야 하는데 · Deeper should be at least as good
#
# 얕은 망 위에 층을 더 얹고, 더한 층들이 입력을 그대로 내보내게(항등 함수) 하면 깊은 망도
# 얕은 망과 똑같은 함수를 냅니다. 그러니 깊은 망의 최선은 얕은 망보다 나쁠 수 없습니다.
# 그런데 SGD는 이 해를 찾지 못합니다. 비선형 층 여러 개로 항등 함수를 흉내 내기가 어렵기 때문입니다.
#
# Put extra layers on top of a shallow network and let them pass their input through (the identity):
# the deeper network computes exactly the shallow one's function. So the best deep network cannot
# be worse than the shallow one. Yet SGD does not find that solution: a stack of nonlinear layers
# has a hard time imitating the identity.

# %% [markdown]
# ### 실험: 얕은 망, 깊은 플레인 망, 깊은 잔차 망 · Experiment: shallow plain, deep plain, deep residual
#
# CIFAR형 네트워크(20층과 56층, 지름길이 있는 것과 없는 것)를 같은 레시피로 학습한 결과를 정확도 지도에서
# 읽습니다(시드 3개씩). 같은 깊이의 두 망은 합성곱까지 똑같고, 다른 점은 지름길뿐입니다. 성능 저하는 **학습**
# 데이터에서의 문제이므로 왼쪽 그림은 마지막 50스텝의 **학습 손실**, 오른쪽은 테스트 정확도입니다.
#
# CIFAR-style networks (20 and 56 layers, with and without shortcuts) trained with the same recipe, read
# from the accuracy atlas (three seeds each). Two networks of the same depth have identical convolutions;
# the only difference is the shortcuts. Degradation is a problem on the **training** data, so the left
# plot shows the **training loss** of the last 50 steps, the right one the test accuracy.

# %%
print(recipes.get("resnet-lab").describe())
result = experiments.degradation()  # 정확도 지도에서 · from the atlas
print(result.summary())
fig = Figure(figsize=(12, 3.8), layout="constrained")
left, right = fig.subplots(1, 2)
plots.seed_accuracy(result.cells, metric="final_train_loss", ax=left)
plots.seed_accuracy(result.cells, ax=right)
display(fig)

# %% [markdown]
# 깊이를 8층에서 56층까지 바꾸면 어떨까요? 플레인 망과 잔차 망의 테스트 정확도를 깊이별로 그리고, 논문
# 표 6의 CIFAR-10 정확도(잔차 망)를 점선으로 함께 그립니다. 데이터셋이 다르니 값이 아니라 **경향**을
# 비교하세요.
#
# And from 8 to 56 layers? The test accuracy of the plain and the residual networks at every depth, with
# the CIFAR-10 accuracy of the paper's Table 6 (residual networks) dashed. The datasets differ: compare the
# **trends**, not the values.

# %%
curves = {"plain": experiments.depth_curve(False), "ResNet": experiments.depth_curve(True)}
series = {name: {int(label.split("-")[1]): cell for label, cell in lesson.cells.items()}
          for name, lesson in curves.items()}  # fmt: skip
table6 = {row.setting["depth"]: 1 - row.error / 100 for row in papers.results_for("resnet", variant="cifar")
          if row.setting["depth"] <= 56}  # fmt: skip
display(plots.depth_accuracy(series, papers={"He et al. 2016, 표 6 · Table 6 (CIFAR-10)": table6}))

# %%
if RUN_LIVE:
    print(experiments.degradation("live", seeds=[3], data=DATA).summary())

# %% [markdown]
# ### 무엇을 보았나 · What we saw
#
# - 깊은 플레인 망(56층)의 **학습** 손실이 얕은 플레인 망(20층)보다 높고, 차이는 시드 잡음보다 큽니다.
#   학습 데이터에서조차 나쁘니 과적합이 아니라 성능 저하입니다. 이 실습에서는 56층 플레인 망이 거의 배우지
#   못합니다(학습 손실 2.28 ≈ ln 10, 테스트 정확도 11.5%로 우연 수준).
# - 같은 깊이, 같은 합성곱에 지름길만 더한 잔차 망(resnet-56)은 학습 손실이 플레인 56층보다 시드 잡음보다
#   크게 낮습니다. 파라미터 수는 **똑같습니다**. 이 CIFAR 망의 지름길(옵션 A)에는 파라미터가 없습니다.
# - 깊이별 그림: 잔차 망은 8층에서 44–56층까지 깊을수록 테스트 정확도가 오르고(논문 표 6과 같은 경향),
#   플레인 망은 14층 뒤로 떨어집니다(논문 그림 6과 같은 경향이지만, 그림 6의 플레인 56층은 학습은 되었으니
#   이 실습에서 더 심합니다). 값은 데이터셋이 달라 비교할 수 없습니다.
#
# - The deep plain network (56 layers) has a higher **training** loss than the shallow one (20 layers), a
#   difference larger than the seed noise. It is worse even on the training data: degradation, not
#   overfitting. Here the 56-layer plain network barely learns at all (training loss 2.28 ≈ ln 10, test
#   accuracy 11.5 %, chance level).
# - The residual network with the same depth and convolutions plus shortcuts (resnet-56) has a training
#   loss lower than the plain 56-layer one by more than the seed noise, with **exactly** the same parameter
#   count: this CIFAR network's shortcuts (option A) have no parameters.
# - By depth: the residual networks gain test accuracy from 8 up to 44–56 layers (the trend of the paper's
#   Table 6), the plain ones fall after 14 (the trend of the paper's Figure 6, only stronger here: the
#   paper's plain-56 did train). The values cannot be compared: the datasets differ.

# %% [markdown]
# ## 4. 잔차 학습 · Residual learning
#
# 노트에는 "입력 및 출력 데이터를 더한 후 입력 데이터의 값을 뺀다. 그 후 나머지 값만을 학습한다",
# "타깃과 입력 사이의 값만 학습하는 기법"이라고 되어 있습니다. 직관은 맞습니다. 정확히 쓰면 이렇습니다.
#
# - 블록이 나타내야 할 함수를 $H(x)$라 합시다. 블록의 층들은 $H(x)$ 대신 **잔차**
#   $F(x) = H(x) - x$를 배웁니다.
# - 블록의 출력은 $y = F(x) + x$입니다. 입력 $x$가 지름길로 건너와 **더해질** 뿐, 실행 중에
#   무언가를 빼는 연산은 없습니다. "뺀다"는 말은 층들이 배우는 목표가 $H(x) - x$라는 뜻입니다.
# - 항등 함수가 최선이면 $F(x)$가 0이 되기만 하면 됩니다. 가중치를 0 쪽으로 보내기는 비선형 층으로
#   항등 함수를 흉내 내기보다 훨씬 쉽습니다.
#
# The notes say "add the input and the output, then subtract the input and learn only the rest",
# "a technique that learns only what lies between the target and the input". The intuition is right;
# stated precisely:
#
# - Call the function a block should represent $H(x)$. Instead of $H(x)$, the block's layers learn
#   the **residual** $F(x) = H(x) - x$.
# - The block outputs $y = F(x) + x$: the input $x$ comes over the shortcut and is **added**;
#   nothing is subtracted at run time. "Subtract" means the layers' target is $H(x) - x$.
# - If the identity is best, $F(x)$ only has to go to 0. Driving weights toward zero is far easier
#   than imitating the identity with nonlinear layers.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:36–0:46 · 10분: y = F(x) + x. 실행 중에 빼는 연산은 없다는 점,
# 지름길의 +1이 기울기를 전한다는 점을 말합니다.
#
# 0:36–0:46 · 10 min: y = F(x) + x. Nothing is subtracted at run time; the shortcut's +1 carries the gradient.

# %% [markdown]
# ### 기울기가 지름길을 타고 · Gradients ride the shortcut
#
# 역전파에서도 지름길이 일합니다. $y = F(x) + x$를 미분하면
# $\frac{\partial y}{\partial x} = \frac{\partial F}{\partial x} + 1$입니다. 2절의 곱셈에서 각 배율에
# "+1"이 붙으므로, $F$의 기울기가 작아도 기울기가 0으로 사라지지 않고 입력 쪽까지 전해집니다.
# 2절 그래프에서 잔차 망의 기울기 선이 가장 평평했던 이유입니다.
#
# The shortcut works in backpropagation too. Differentiating $y = F(x) + x$ gives
# $\frac{\partial y}{\partial x} = \frac{\partial F}{\partial x} + 1$. Each factor in the product of
# section 2 gets a "+1", so even when $F$'s gradient is small the gradient does not vanish on its
# way to the input. That is why the residual network's gradient line in section 2 was the flattest.

# %% [markdown]
# ### 플레인 망과 잔차 망 · Plain vs residual
#
# 같은 ResNet-20을 `skip=False`와 `skip=True`로 그립니다. 합성곱은 똑같고, 달라지는 것은 블록 옆의
# 호(지름길)와 ⊕(덧셈)뿐입니다. 주황 점선 "pad (A)"는 모양이 바뀌는 곳의 0 패딩(0으로 채우기) 지름길입니다.
#
# The same ResNet-20 drawn with `skip=False` and `skip=True`. The convolutions are identical; only
# the arcs beside the blocks (shortcuts) and the ⊕ (additions) appear. The orange dashed "pad (A)"
# is the zero-padding shortcut where the shape changes.

# %%
plots.diagram(resnet(20, "cifar", skip=False, device="meta"))

# %% slide=skip
plots.diagram(resnet(20, "cifar", skip=True, device="meta"))

# %% [markdown]
# 슬라이드에는 잔차 망의 2단계만 그립니다: 첫 블록의 "pad (A)" 지름길과,
# 같은 블록 두 개(×2)의 항등 지름길입니다.
#
# The slide draws stage 2 of the residual network only: the first block's "pad (A)" shortcut and
# the identity shortcuts of the two identical blocks (×2).
#
# 전체 그림은 노트북에서 · the full diagram is in the notebook.

# %%
r20 = resnet(20, "cifar", skip=True, device="meta")
spec = plots.diagram_spec(r20.layer2, (16, 32, 32), collapse=True)  # 2단계만 · stage 2 only
plots.diagram(dataclasses.replace(spec, title="ResNet-20 · 2단계 · stage 2"))

# %% [markdown]
# ### 코드로 보는 기본 블록 · The basic block in code
#
# 위 실험이 학습시킨 바로 그 코드입니다. `forward`에서 `out = out + ...` 한 줄이 지름길이고,
# `skip=False`면 이 줄을 건너뛰어 플레인 망이 됩니다. ReLU는 더한 *다음에* 적용됩니다.
#
# This is the very code the experiment above trained. In `forward`, the line `out = out + ...` is
# the shortcut; with `skip=False` it is skipped and the network is plain. ReLU comes *after* the
# addition.

# %%
print(inspect.getsource(BasicBlock))

# %% [markdown]
# ## 5. 모양이 바뀔 때: 지름길 A · B · C · When the shape changes: shortcuts A, B, C
#
# 노트에는 "입력과 아웃풋 채널을 맞춰 주기 위해서 1×1 필터를 한 번 더 사용했다"고 되어 있습니다.
# 더 정확히는, $F(x) + x$를 더하려면 두 텐서의 모양이 같아야 합니다. 대부분의 블록은 모양이 같아
# 항등 지름길로 충분하고, 단계(stage)가 바뀌는 첫 블록에서만 채널이 두 배, 크기가 절반이 됩니다.
# 논문은 그 자리에 세 가지 방법을 비교했습니다.
#
# - **A**: $x$를 한 칸 건너 뽑고(스트라이드 2) 늘어난 채널을 0으로 채웁니다. 파라미터가 없습니다.
# - **B**: 모양이 바뀌는 곳에만 1×1 합성곱(스트라이드 2) + 배치 정규화. 이것이 **사영 지름길**이고,
#   노트가 말한 "1×1 필터"입니다. 1×1 합성곱이 채널 수를, 스트라이드 2가 크기를 맞춥니다.
# - **C**: 모든 블록의 지름길을 사영으로 바꿉니다.
#
# The notes say "a 1×1 filter was used once more to match the input and output channels". More
# precisely, adding $F(x) + x$ needs two tensors of the same shape. Most blocks keep the shape and
# the identity is enough; only the first block of a stage doubles the channels and halves the size.
# The paper compared three ways to handle it there:
#
# - **A**: take every other pixel of $x$ (stride 2) and fill the new channels with zeros; no parameters.
# - **B**: a 1×1 convolution (stride 2) + batch normalization only where the shape changes. This is
#   the **projection shortcut**, the notes' "1×1 filter": the 1×1 convolution matches the channels,
#   stride 2 the size.
# - **C**: every shortcut becomes a projection.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:46–0:53 · 7분: A(0 패딩), B(모양이 바뀔 때만 사영), C(모두 사영)의
# 비용을 비교합니다.
#
# 0:46–0:53 · 7 min: compare the cost of A (zero padding), B (projection where the shape changes) and C
# (projection everywhere).

# %%
print(inspect.getsource(shortcut_for))

# %% [markdown]
# ### 사영 지름길 하나의 값 · The price of one projection shortcut
#
# ResNet-34의 두 번째 단계 첫 블록(`layer2.0`)의 지름길을 `count.table`에서 꺼내 봅니다.
# 64채널 → 128채널, 56×56 → 28×28입니다.
#
# The shortcut of ResNet-34's first block in its second stage (`layer2.0`), taken from
# `count.table`: 64 → 128 channels, 56×56 → 28×28.

# %%
table34 = count.table(resnet(34, device="meta"))
for name in ("layer2.0.downsample.0", "layer2.0.downsample.1"):
    row = table34[name]
    print(f"{name:22} {row.type:12} {'×'.join(map(str, row.output_shape)):10} {row.formula}")

# %% [markdown]
# ### A · B · C의 파라미터 비용 · What A, B and C cost in parameters
#
# ResNet-34 전체로 보면 어떨까요? 아래 표의 숫자는 모두 `cnnlib`이 센 값입니다.
#
# What about the whole ResNet-34? Every number in the table below is counted by `cnnlib`.

# %%
rows = []
for kind in "ABC":
    table = count.table(resnet(34, shortcut=kind, device="meta"))
    projections = sum(row.params for row in table.rows if ".downsample." in row.name)
    rows.append(
        [kind, f"{table.total_params:,}", f"{projections:,}", f"{projections / table.total_params:.1%}"]
    )
md_table(["지름길 · shortcut", "전체 · total", "사영 지름길 · projections", "비율 · share"], rows)

# %% [markdown]
# ### 논문의 결론 · The paper's verdict
#
# 논문 표 3의 ImageNet top-1 오차는 A 25.03%, B 24.52%, C 24.19%였습니다. B가 A보다 조금 낫고
# (0으로 채운 채널은 잔차 학습을 못 하므로), C는 B보다 아주 조금 나을 뿐이라 C의 추가 파라미터는
# 그만한 값어치가 없다고 보았습니다. 그래서 ImageNet ResNet은 B를, CIFAR 망은 A를 씁니다.
#
# The paper's Table 3 gives ImageNet top-1 errors of 25.03% (A), 24.52% (B) and 24.19% (C).
# B is a little better than A (the zero-padded channels learn no residual), and C only marginally
# better than B, not worth its extra parameters. So the ImageNet ResNets use B, the CIFAR ones A.

# %% [markdown]
# ## 6. 병목 블록 · Bottleneck blocks
#
# ResNet-50/101/152는 기본 블록 대신 **병목 블록**을 씁니다. 1×1 합성곱으로 채널을 줄이고(256 → 64),
# 얇아진 텐서에서 3×3 합성곱을 한 뒤, 다시 1×1 합성곱으로 늘립니다(64 → 256, `expansion = 4`).
# GoogLeNet 강의에서 본 1×1 합성곱 차원 축소와 같은 생각입니다.
#
# ResNet-50/101/152 use **bottleneck blocks** instead of basic ones: a 1×1 convolution reduces the
# channels (256 → 64), the 3×3 convolution works on the thin tensor, and another 1×1 convolution
# expands them again (64 → 256, `expansion = 4`). It is the 1×1 dimensionality reduction of the
# GoogLeNet lecture.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:53–0:59 · 6분: 1×1 → 3×3 → 1×1. 기본 블록과 파라미터 수를 나란히
# 비교합니다.
#
# 0:53–0:59 · 6 min: 1×1 → 3×3 → 1×1. Compare its parameters with the basic block's side by side.

# %%
bottleneck = resnet(50, device="meta").layer1[1]  # 256 → 64 → 64 → 256
basic = BasicBlock(256, 256)  # 256채널 3×3 합성곱 두 개 · two 3×3 convolutions at 256 channels
print(f"병목 블록 · bottleneck block: {count.params(bottleneck):>9,}")
print(f"기본 블록 · basic block:      {count.params(basic):>9,}")

# %% [markdown]
# ### 병목 블록의 코드 · The bottleneck block's code
#
# 256채널 텐서를 다루는데 파라미터는 17분의 1 정도입니다. 그래서 같은 계산량으로 훨씬 깊이 갈 수
# 있습니다. 블록의 양 끝이 넓기 때문에, 여기에 사영 지름길을 두면 블록 크기가 거의 두 배가 됩니다.
# 병목 망에서 항등 지름길이 특히 중요한 이유입니다.
#
# It handles 256-channel tensors with about a seventeenth of the parameters, so the same budget
# goes much deeper. Because both ends of the block are wide, a projection shortcut there would
# almost double the block: that is why identity shortcuts matter most in bottleneck networks.

# %%
print(inspect.getsource(Bottleneck.forward))

# %% [markdown]
# ## 7. 논문의 표 1 재현 · Reproducing the paper's Table 1
#
# 모든 ImageNet ResNet은 같은 뼈대를 씁니다. 7×7/2 합성곱(64) → 3×3/2 최대 풀링 → 네 단계
# (논문의 conv2_x … conv5_x, 코드의 `layer1` … `layer4`) → 전역 평균 풀링 → 완전 연결 층(1000).
# 아래 표의 칸은 손으로 옮겨 적은 것이 아니라, 만들어진 모델에서 읽어 낸 것입니다.
#
# Every ImageNet ResNet shares one skeleton: a 7×7/2 convolution (64) → 3×3/2 max pooling → four
# stages (the paper's conv2_x … conv5_x, `layer1` … `layer4` in code) → global average pooling →
# a fully connected layer (1000). The cells below are read from the built models, not typed in.


# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:59–1:05 · 6분: 표는 노트북에 있습니다. FLOPs ≈ 2 × MACs라는 점과
# v1.5의 차이만 말합니다.
#
# 0:59–1:05 · 6 min: the table is in the notebook. Say only that FLOPs ≈ 2 × MACs, and what v1.5 changes.


# %%
def block_text(model, stage):
    """표 1의 칸 하나: 블록 안의 합성곱과 블록 수 · one cell of Table 1: a block's convs × blocks"""
    blocks = getattr(model, stage)
    convs = [layer for name, layer in blocks[0].named_children() if name.startswith("conv")]
    return (
        "["
        + ", ".join(f"{c.kernel_size[0]}×{c.kernel_size[1]} {c.out_channels}" for c in convs)
        + f"] ×{len(blocks)}"
    )


# %%
models = {depth: resnet(depth, device="meta") for depth in (18, 34, 50, 101, 152)}
stages = ["layer1", "layer2", "layer3", "layer4"]
rows = [[stage, *(block_text(model, stage) for model in models.values())] for stage in stages]
rows.append(["파라미터 · params", *(f"{count.params(model) / 1e6:.1f}M" for model in models.values())])
rows.append(["MACs ×10⁹", *(f"{count.macs(model) / 1e9:.2f}" for model in models.values())])
md_table(["단계 · stage", *(f"ResNet-{depth}" for depth in models)], rows)

# %% [markdown]
# ### 계산량: 논문의 "FLOPs"와 비교 · Compute: against the paper's "FLOPs"
#
# 논문 표 1의 마지막 줄(1.8, 3.6, 3.8, 7.6, 11.3 ×10⁹)은 "FLOPs"라고 적혀 있지만, 실제로는
# 곱셈-누적(MAC) 횟수입니다. 우리가 센 MAC이 그 값과 0.1 ×10⁹ 안에서 맞습니다(FLOPs ≈ 2 × MACs).
#
# The last row of the paper's Table 1 (1.8, 3.6, 3.8, 7.6, 11.3 ×10⁹) is labelled "FLOPs" but
# counts multiply-accumulates (MACs): our counted MACs match it within 0.1 ×10⁹ (FLOPs ≈ 2 × MACs).

# %%
PAPER = {18: 1.8, 34: 3.6, 50: 3.8, 101: 7.6, 152: 11.3}  # 논문 표 1 · the paper's Table 1 (×10⁹)
rows = [
    [
        f"ResNet-{d}",
        f"{count.macs(models[d]) / 1e9:.2f}",
        f"{count.macs(resnet(d, downsample_at='3x3', device='meta')) / 1e9:.2f}",
        p,
    ]
    for d, p in PAPER.items()
]
md_table(
    ["모델 · model", "논문식 · paper (1×1/2)", "torchvision v1.5 (3×3/2)", "논문 표 1 · paper's Table 1"],
    rows,
)

# %% [markdown]
# ### ResNet "v1.5" · ResNet "v1.5"
#
# 논문의 병목 블록은 단계의 첫 블록에서 **첫 1×1 합성곱**이 스트라이드 2로 크기를 줄입니다.
# torchvision은 이 스트라이드를 **3×3 합성곱**으로 옮겼습니다(흔히 "ResNet v1.5"라 부릅니다).
# 그러면 첫 1×1 합성곱이 큰 특징 맵 전체에서 돌고, 3×3 합성곱도 줄이기 전의 특징 맵을 봅니다. 계산량은
# 늘지만(ResNet-50: 3.86 → 4.09 ×10⁹) 정확도가 조금 오릅니다. 기본 블록만 쓰는 18 · 34층은 그대로입니다.
# `cnnlib`에서는 `resnet(50, downsample_at="3x3")`이 이 변형입니다.
#
# The paper's bottleneck block subsamples with stride 2 in its **first 1×1 convolution** at the start
# of a stage. torchvision moved that stride to the **3×3 convolution** (often called "ResNet v1.5").
# The first 1×1 convolution then runs over the whole large feature map and the 3×3 sees it before it
# shrinks: more compute (ResNet-50: 3.86 → 4.09 ×10⁹) for slightly better accuracy. ResNet-18 and 34,
# with basic blocks only, are unchanged. In `cnnlib` it is `resnet(50, downsample_at="3x3")`.

# %% [markdown]
# ### ResNet-50 한눈에 · ResNet-50 at a glance
#
# 반복되는 블록은 "×n"으로 접어서 그립니다. 파란 호 "1×1 proj"가 각 단계 첫 블록의 사영 지름길이고,
# 나머지는 모두 항등 지름길입니다.
#
# Repeated blocks are folded into one with "×n". The blue arcs "1×1 proj" are the projection
# shortcuts of each stage's first block; all the others are identity shortcuts.

# %% slide=skip
plots.diagram(resnet(50, device="meta"))

# %% [markdown]
# 슬라이드에는 스템과 1단계만 그립니다: 첫 블록의 "1×1 proj"(사영 지름길)와,
# 접힌 "×2" 블록들의 항등 지름길입니다. 2–4단계도 같은 모양입니다.
#
# The slide draws the stem (스템) and stage 1 only: the first block's "1×1 proj" and the identity
# shortcuts of the folded "×2" blocks. Stages 2–4 look the same.
#
# 전체 그림은 노트북에서 · the full diagram is in the notebook.

# %%
r50 = resnet(50, device="meta")
# forward의 순서대로 · in forward's order
stem_and_stage1 = nn.Sequential(r50.conv1, r50.bn1, r50.relu, r50.maxpool, r50.layer1)
spec = plots.diagram_spec(stem_and_stage1, 224, collapse=True)
plots.diagram(dataclasses.replace(spec, title="ResNet-50 · 스템과 1단계 · stem and stage 1"))

# %% [markdown]
# ### 학습된 ResNet-18이 사진에서 보는 것 · What a trained ResNet-18 sees in a photo
#
# torchvision이 ImageNet으로 학습한 ResNet-18의 가중치(45 MB)를 쓸 수 있으면(Colab에서는 내려받습니다)
# cnnlib의 `resnet(18)`에 그대로 넣어, 내장 사진 한 장의 특징 맵을 두 곳에서 봅니다. 첫 합성곱 `conv1`의
# 특징 맵은 모서리와 색을 따라가고, 3단계 `layer3.0.conv1`(14×14)의 특징 맵은 더 크고 추상적인 부분에
# 반응합니다. 인터넷이 없으면(이 노트북을 저장한 컴퓨터처럼) 그림 대신 그 사실을 적습니다.
#
# When the weights torchvision trained on ImageNet are available (45 MB; Colab downloads them), they go
# unchanged into cnnlib's `resnet(18)`, and we look at the feature maps of the bundled photo in two places.
# Those of the first convolution `conv1` follow edges and colours; those of stage 3's `layer3.0.conv1`
# (14×14) respond to larger, more abstract parts. Without the internet (like the machine that saved this
# notebook) the cell says so instead of drawing.

# %%
# NBVAL_IGNORE_OUTPUT
try:  # Colab에서만 내려받습니다 · downloads in Colab only; elsewhere only torch's cache is used
    trained = pretrained("resnet18", download=in_colab())
except cnnlib.ConfigError:
    print(
        "사전 학습 가중치를 쓸 수 없어 이 그림은 건너뜁니다(인터넷이 필요합니다. Colab에서 실행해 보세요).\n"
        "No pretrained weights here, so this picture is skipped (it needs the internet: try it in Colab)."
    )
else:
    mean, std = normalization("resnet18")
    for layer in ("conv1", "layer3.0.conv1"):
        display(plots.feature_maps(trained, sample_photo(256), layer, n=16, mean=mean, std=std))

# %% [markdown]
# ## 8. CIFAR-10용 ResNet: 6n+2 · ResNets for CIFAR-10: 6n+2
#
# 논문 4.2절의 CIFAR-10 네트워크는 더 단순합니다. 32×32 입력에 3×3 합성곱(16채널) 하나, 그다음 세 단계
# (32×32 · 16채널, 16×16 · 32채널, 8×8 · 64채널)에 기본 블록이 $n$개씩(층 $2n$개씩), 끝으로 전역 평균
# 풀링과 완전 연결 층(10)이 옵니다. 합성곱 1 + $6n$ + 완전 연결 층 1 = $6n + 2$층입니다.
# 지름길은 모두 옵션 A라서 잔차 망과 플레인 망의 파라미터 수가 같습니다.
#
# The CIFAR-10 networks of the paper's section 4.2 are simpler: one 3×3 convolution (16 channels) on
# the 32×32 input, then three stages (32×32 · 16 channels, 16×16 · 32, 8×8 · 64) of $n$ basic blocks
# each ($2n$ layers), then global average pooling and a fully connected layer (10). One convolution
# + $6n$ + one FC layer = $6n + 2$ layers. All shortcuts are option A, so the residual and the plain
# networks have the same number of parameters.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 1:05–1:09 · 4분: 6n+2, 그리고 1202층은 110층보다 나빴다(과적합)는 점.
#
# 1:05–1:09 · 4 min: 6n+2, and that 1202 layers did worse than 110 (overfitting).

# %%
TABLE6 = {20: "0.27M", 32: "0.46M", 44: "0.66M", 56: "0.85M", 110: "1.7M", 1202: "19.4M"}  # 논문 표 6
rows = []
for depth, paper in TABLE6.items():
    model, plain = resnet(depth, "cifar", device="meta"), resnet(depth, "cifar", skip=False, device="meta")
    rows.append(
        [f"ResNet-{depth}", len(model.layer1), f"{count.params(model):,}", f"{count.params(plain):,}", paper]
    )
md_table(
    ["모델 · model", "n", "파라미터 · params", "플레인 망 · plain twin", "논문 표 6 · paper's Table 6"], rows
)

# %% [markdown]
# ### 1202층: 깊다고 무조건 좋지는 않다 · 1202 layers: deeper is not unconditionally better
#
# 논문은 1202층(19.4M)까지 학습시켰습니다. 학습 오차는 110층만큼 낮았지만 테스트 오차는 7.93%로
# 110층의 6.43%보다 나빴습니다. 이번에는 정말 **과적합**입니다. 작은 데이터셋에 비해 모델이 너무 큽니다.
# 노트의 첫 문장 그대로, 층을 무조건 깊게 쌓는다고 좋아지지는 않습니다.
#
# The paper trained up to 1202 layers (19.4M). Its training error was as low as the 110-layer
# network's, but its test error, 7.93%, was worse than 110's 6.43%. This time it really is
# **overfitting**: the model is too big for the small dataset. Just as the notes' first sentence
# says, stacking layers does not help unconditionally.

# %% [markdown]
# ## 9. 직접 해 보기: ResNet 탐색기 · Try it: the ResNet explorer
#
# 깊이, 변형(ImageNet/CIFAR), 지름길 켜고 끄기, 블록, 지름길 종류를 바꾸면 단계별 파라미터와 MAC이
# 바로 바뀝니다(가중치 없이 메타 장치에서 셉니다). 숫자 아래에는 그 깊이의 실습 정확도(정확도 지도의
# 시드별 값)와 지름길을 껐을 때와의 차이, 판정, 논문 표 6의 값이 함께 나옵니다. "학습" 버튼은 실습 규모의
# 플레인 망과 잔차 망을 같은 레시피로 차례로 학습해 학습 곡선과 층별 기울기 크기를 나란히 보여 줍니다.
# 해 볼 것: CIFAR에서 지름길을 끄면 파라미터가 그대로인지, ImageNet ResNet-50에서 지름길 C가 파라미터를
# 얼마나 늘리는지 확인해 보세요.
#
# Change the depth, the variant (ImageNet/CIFAR), the shortcuts on/off, the block and the shortcut
# kind: the per-stage parameters and MACs follow at once (counted on the meta device, no weights).
# Below the numbers: that depth's lab accuracy (each seed of the accuracy atlas), its difference from the
# twin without shortcuts with a verdict, and the paper's Table 6. "Train" trains the lab-scale plain and
# residual twins with the same recipe, one after the other, and shows their curves and per-layer gradient
# norms side by side. Try: does turning the shortcuts off on CIFAR keep the parameter count? How many
# parameters does shortcut C add to the ImageNet ResNet-50?

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 1:09–1:13 · 4분: 노트북에서 탐색기를 열어 플레인 망과 잔차 망의 기울기
# 그림을 비교합니다(학습은 수업 밖에서).
#
# 1:09–1:13 · 4 min: open the explorer in the notebook and compare the plain and residual networks' gradient
# plots (training is for after class).

# %%
# NBVAL_IGNORE_OUTPUT
ResNetExplorer(preset="resnet:depth=56,variant=cifar,scale=lab")

# %% [markdown]
# ## 10. 연습 문제 · Exercises
#
# 문제는 세 종류입니다. 숫자나 낱말로 답하는 문제는 `answer = None`을 여러분의 답으로 바꾸고 셀을
# 실행합니다. 낱말은 한국어와 영어 어느 쪽으로 답해도 됩니다. **예측 문제**는 먼저 예측을 적어 두고,
# 다음 셀에서 정확도 지도의 측정값을 확인합니다. **코딩 문제**는 함수를 완성하면 `cnnlib`이 그 함수를
# 직접 실행해 채점합니다. 맞으면 ✅, 틀리면 ❌가 나오고, 힌트는 "힌트 보기"를 눌러야 펼쳐집니다
# (`hint("resnet-1")`처럼 불러도 됩니다). 정답은 `cnnlib`이 그 자리에서 계산합니다.
#
# There are three kinds of exercise. For a number or a word, replace `answer = None` with your answer
# and run the cell; words may be given in Korean or English. A **prediction** is written down first;
# the next cell then reveals the accuracy atlas's measurement. A **coding** exercise runs the function
# you complete and checks it against `cnnlib`. ✅ when right, ❌ when not; a hint unfolds only when you
# click "show hint" (or call `hint("resnet-1")`). The expected answers are computed by `cnnlib` on the
# spot.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 1:13–1:15 · 2분: 연습 문제는 과제입니다. 시리즈 전체 요약으로 마칩니다.
#
# 1:13–1:15 · 2 min: the exercises are homework. End on the whole-series summary.

# %% [markdown]
# ### 문제 1 · Exercise 1
#
# 96채널을 192채널로 바꾸는 사영 지름길(1×1 합성곱, 스트라이드 2, 편향 없음 + 배치 정규화)의
# 파라미터는 몇 개일까요?
#
# How many parameters does a projection shortcut from 96 to 192 channels have (1×1 convolution,
# stride 2, no bias, + batch normalization)?

# %%
answer = None  # ← 여기에 답 / your answer
projection = shortcut_for(96, 192, stride=2, kind="B", batch_norm=True)
check(answer, expected=count.params(projection), key="resnet-1")

# %% [markdown]
# ### 문제 2 · Exercise 2
#
# CIFAR-10용 ResNet에서 단계마다 기본 블록이 $n = 11$개면 몇 층짜리 네트워크일까요?
#
# A CIFAR-10 ResNet has $n = 11$ basic blocks per stage. How many layers deep is it?

# %%
answer = None  # ← 여기에 답 / your answer
check(
    answer,
    expected=next(d for d in range(8, 200, 6) if len(resnet(d, "cifar", device="meta").layer1) == 11),
    key="resnet-2",
)

# %% [markdown]
# ### 문제 3 · Exercise 3
#
# 56층 플레인 망이 20층 플레인 망보다 **학습** 오차가 높습니다. 과적합일까요, 성능 저하일까요?
# 한국어(`"과적합"`, `"성능 저하"`)로 답해도 되고 영어(`"overfitting"`, `"degradation"`)로 답해도 됩니다.
#
# A 56-layer plain network has a higher **training** error than a 20-layer one. Is it overfitting or
# degradation? Answer in Korean (`"과적합"`, `"성능 저하"`) or in English (`"overfitting"`,
# `"degradation"`).

# %%
answer = None  # ← 여기에 답 / your answer
check(answer, expected={"성능 저하", "열화", "degradation"}, key="resnet-3")

# %% [markdown]
# ### 문제 4 · Exercise 4 — 예측한 뒤 확인하기 · predict, then run
#
# 위 실험에서 56층 플레인 망은 지름길이 없어서 학습 손실부터 높았습니다. 그러면 가장 얕은 **8층** CIFAR
# ResNet에서 지름길을 모두 빼면(`skip=False`) 마지막 50스텝의 **학습 손실**은 어떻게 될까요?
# `"높아진다"`, `"낮아진다"`, `"잡음 범위 안"`(차이가 시드 잡음보다 작음) 가운데 하나를 적으세요. 영어로
# `"higher"`, `"lower"`, `"within noise"`라고 적어도 됩니다. 예측을 적은 다음에 그 아래 셀을 실행하면
# 정확도 지도의 측정값(시드 여러 개의 평균과 차이의 95% 구간)이 나옵니다.
#
# In the experiment above, the 56-layer plain network already had a higher training loss without its
# shortcuts. What happens to the **training loss** of the last 50 steps when you remove every shortcut
# (`skip=False`) from the shallowest, **8-layer** CIFAR ResNet? Write `"higher"`, `"lower"` or
# `"within noise"` (the difference is smaller than the seed noise), or the Korean words. Run the cell
# below only after your prediction: it reveals the accuracy atlas's measurement (the mean over several
# seeds and the difference's 95% interval).

# %%
prediction = None  # ← 여기에 예측 / your prediction
predict("resnet-4", prediction, CHANGE)

# %%
reveal_change(
    "resnet-4",
    changed=atlas.lookup("resnet", depth=8, skip=False),
    baseline=atlas.lookup("resnet", depth=8, skip=True),
    metric="final_train_loss",
)

# %% [markdown]
# ### 문제 5 · Exercise 5 — 코딩 · coding
#
# 병목 블록의 순전파를 직접 써 보세요. `block`은 `cnnlib`의 `Bottleneck`이고, 층은 `block.conv1`,
# `block.bn1`, `block.conv2`, `block.bn2`, `block.conv3`, `block.bn3`, `block.relu`이며, 지름길은
# `block.downsample`(없으면 `None`)입니다. 아래 셀은 여러분의 함수를 무작위 입력에 실행해, 같은 가중치를 쓰는
# `cnnlib`의 블록과 출력이 같은지 확인합니다. 두 번째 시험은 스트라이드 2와 사영 지름길이 있는 블록입니다.
#
# Write a bottleneck block's forward pass yourself. `block` is cnnlib's `Bottleneck`; its layers are
# `block.conv1`, `block.bn1`, `block.conv2`, `block.bn2`, `block.conv3`, `block.bn3`, `block.relu`, and its
# shortcut is `block.downsample` (`None` when there is none). The cell runs your function on random inputs
# and compares its output with cnnlib's block holding the same weights. The second test is a block with
# stride 2 and a projection shortcut.


# %%
def bottleneck_forward(block, x):
    return None  # ← 여기를 완성하세요 / complete this


torch.manual_seed(0)
blocks = [
    Bottleneck(64, 16).eval(),
    Bottleneck(32, 16, stride=2, downsample=shortcut_for(32, 64, stride=2, kind="B", batch_norm=True)).eval(),
]
inputs = [torch.randn(2, 64, 8, 8), torch.randn(2, 32, 8, 8)]
with torch.no_grad():
    cases = [Case((block, x), block(x)) for block, x in zip(blocks, inputs, strict=True)]
check_code(bottleneck_forward, cases, key="resnet-5")

# %% [markdown]
# ### 정답 확인 · Solutions
#
# 먼저 스스로 풀어 본 다음에 실행하세요. 모든 정답은 `cnnlib`이 계산합니다. 문제 4의 답은 예측 셀 아래의
# 측정값이고, 문제 5의 정답은 `cnnlib`의 `Bottleneck.forward` 소스입니다.
#
# Try the exercises yourself first, then run this cell. Every answer is computed by `cnnlib`. Exercise 4's
# answer is the measurement below its prediction cell; exercise 5's is the source of cnnlib's
# `Bottleneck.forward`.

# %%
solutions = {
    "1": count.params(projection),
    "2": next(d for d in range(8, 200, 6) if len(resnet(d, "cifar", device="meta").layer1) == 11),
    "3": "성능 저하 · degradation",
}
for number, value in solutions.items():
    print(f"문제 {number} · Exercise {number}:", f"{value:,}" if isinstance(value, int) else value)
print(inspect.getsource(Bottleneck.forward))

# %% [markdown]
# ## 요약 · Summary
#
# - 깊은 망의 기울기는 0으로 **소실**되거나 **폭주**합니다("0 또는 1로 수렴"이 아닙니다). 좋은
#   가중치 초기화, 배치 정규화, ReLU가 이를 다스렸습니다.
# - 그러자 **성능 저하(열화)**가 드러났습니다. 더 깊은 플레인 망이 *학습* 오차부터 나쁩니다.
#   과적합이 아닙니다.
# - **잔차 학습**: 블록은 $y = F(x) + x$를 계산하고, 층들은 잔차 $F(x) = H(x) - x$를 배웁니다.
#   실행 중에 빼는 연산은 없고, 지름길의 "+1"이 기울기를 입력 쪽까지 전합니다.
# - 모양이 바뀌는 곳에서는 지름길 A(0 패딩, 무료) 또는 B(**사영 지름길**, 1×1 합성곱)를 씁니다.
#   50층 이상은 **병목 블록**(1×1 → 3×3 → 1×1)으로 계산량을 아낍니다.
#
# - Gradients in deep networks **vanish** toward 0 or **explode** (they do not "converge to 0 or 1");
#   good weight initialization, batch normalization and ReLU tamed that.
# - Then **degradation** showed: a deeper plain network is worse already in *training* error. Not
#   overfitting.
# - **Residual learning**: a block computes $y = F(x) + x$ and its layers learn the residual
#   $F(x) = H(x) - x$. Nothing is subtracted at run time; the shortcut's "+1" carries the gradient back.
# - Where the shape changes, shortcut A (zero-padding, free) or B (**projection shortcut**, 1×1
#   convolution). From 50 layers on, **bottleneck blocks** (1×1 → 3×3 → 1×1) save compute.

# %% [markdown]
# ### 시리즈 전체 요약 · The whole series
#
# 네 네트워크의 논문 규모 파라미터와 계산량을 `cnnlib`으로 나란히 세어 봅니다. VGG는 깊이를 파라미터로
# 샀고, GoogLeNet은 1×1 합성곱으로 파라미터를 줄였으며, ResNet은 지름길과 병목 블록 덕분에
# VGG-16보다 9배 넘게 깊으면서도 계산량은 더 적습니다. GoogLeNet은 추론 때처럼 보조 분류기를 뺀
# 값입니다(보조 분류기 두 개까지 세면 1,338만 개).
#
# The paper-scale parameters and compute of the four networks, counted side by side by `cnnlib`.
# VGG bought depth with parameters, GoogLeNet cut parameters with 1×1 convolutions, and ResNet
# is more than 9 times deeper than VGG-16 yet needs less compute, thanks to shortcuts and bottleneck
# blocks. GoogLeNet is counted as at inference, without its auxiliary classifiers (13.4 million with
# the two of them).

# %%
series = {
    "AlexNet (8)": alexnet(device="meta"),
    "VGG-16 (16)": vgg(16, device="meta"),
    "GoogLeNet (22)": googlenet(aux_logits=False, device="meta"),  # 보조 분류기 제외 · without aux
    "ResNet-152 (152)": resnet(152, device="meta"),
}
rows = [[name, f"{count.params(m) / 1e6:.1f}M", f"{count.macs(m) / 1e9:.2f}"] for name, m in series.items()]
md_table(["네트워크 (층) · network (layers)", "파라미터 · params", "MACs ×10⁹"], rows)

# %% [markdown]
# ## 참고 문헌 · References
#
# - K. He, X. Zhang, S. Ren, J. Sun. *Deep Residual Learning for Image Recognition.* CVPR 2016.
#   <https://arxiv.org/abs/1512.03385>
#   — 잔차 학습과 ResNet을 제안한 이 강의의 본 논문입니다. 표 1, 3, 6과 그림 1이 여기서 왔습니다.
#   · The paper of this lecture; Tables 1, 3, 6 and Figure 1 come from it.
# - K. He, X. Zhang, S. Ren, J. Sun. *Delving Deep into Rectifiers.* ICCV 2015.
#   <https://arxiv.org/abs/1502.01852>
#   — ReLU 네트워크를 위한 He 초기화를 제안했습니다. · Introduces He initialization for ReLU networks.
# - S. Ioffe, C. Szegedy. *Batch Normalization.* ICML 2015. <https://arxiv.org/abs/1502.03167>
#   — 배치 정규화를 제안했습니다. · Introduces batch normalization.
# - X. Glorot, Y. Bengio. *Understanding the difficulty of training deep feedforward neural networks.*
#   AISTATS 2010. <https://proceedings.mlr.press/v9/glorot10a.html>
#   — 깊은 망이 왜 학습되기 어려운지 분석하고 Xavier 초기화를 제안했습니다.
#   · Analyses why deep networks are hard to train and introduces Xavier initialization.
# - K. He, X. Zhang, S. Ren, J. Sun. *Identity Mappings in Deep Residual Networks.* ECCV 2016.
#   <https://arxiv.org/abs/1603.05027>
#   — 더 읽을거리: 지름길을 더 깨끗한 항등 함수로 만든 후속 연구입니다.
#   · Further reading: the follow-up that makes the shortcut a cleaner identity.
# - 강의 노트의 출처 · The source of the lecture notes: <http://taewan.kim/post/cnn/>
#
# 링크는 모두 원문입니다. 이 노트북의 표에 나온 숫자는 모두 `cnnlib`으로 다시 계산했습니다.
#
# All links point to the originals. Every number in this notebook's tables was recomputed with `cnnlib`.
