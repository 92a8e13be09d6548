# %% [markdown]
# # 01. AlexNet: 깊은 CNN의 시작 · AlexNet: where deep CNNs began
#
# 2012년, 토론토 대학의 Krizhevsky, Sutskever, Hinton이 만든 AlexNet이 ImageNet 대회(ILSVRC-2012)에서 top-5
# 오류율 15.3%(CNN 7개의 앙상블)로 2위(26.2%)를 크게 앞질렀습니다. 이 한 번의 결과로 컴퓨터 비전의 흐름이
# 손으로 설계한 특징에서 깊은 합성곱 신경망으로 바뀌었습니다. 이 노트북에서는 AlexNet을 층 하나, 파라미터
# 하나까지 직접 세어 봅니다.
#
# In 2012 AlexNet, by Krizhevsky, Sutskever and Hinton at the University of Toronto, won the ImageNet
# challenge (ILSVRC-2012) with a top-5 error of 15.3% (an ensemble of seven CNNs), far ahead of the
# runner-up (26.2%). That single result
# moved computer vision from hand-designed features to deep convolutional networks. In this notebook we take
# AlexNet apart, down to every layer and every parameter.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:00–0:05 · 5분: 시리즈 소개와 학습 목표. 노트북은 미리 실행해 두고
# 저장된 출력을 보여 줍니다(네트워크 불필요).
#
# 0:00–0:05 · 5 min: the series and the goals. The notebook is run before class; show its stored outputs (no
# network needed).

# %% [markdown]
# ### 학습 목표 · Learning goals
#
# - 이 강의 시리즈의 큰 줄거리를 말할 수 있습니다: 깊을수록 대체로 좋지만, 더 깊이 갈 때마다 새 기술이
#   필요했습니다.
# - AlexNet의 층 구성(96-256-384-384-256 + 4096-4096-1000)과 6,096만 개 파라미터를 cnnlib으로 다시 세고,
#   파라미터 대부분이 완전 연결 층에 있다는 것을 확인합니다.
# - 파라미터 = 입력 채널 × (k×k) × 출력 채널 + 편향, 그리고 그룹 합성곱(GPU 두 장)에서의 차이를 계산합니다.
# - ReLU, 국소 응답 정규화(LRN), 데이터 증강, 드롭아웃이 각각 무엇을 하는지 실험과 그림으로 봅니다.
#
# - Tell the story of this lecture series: deeper tends to be better, but every step deeper needed a new
#   technique.
# - Recount AlexNet's layers (96-256-384-384-256 + 4096-4096-1000) and its 60.97 million parameters with
#   cnnlib, and see that most of them sit in the fully connected layers.
# - Compute parameters = input channels × (k×k) × output channels + bias, and what changes with grouped
#   convolutions (the two GPUs).
# - See what ReLU, local response normalization (LRN), data augmentation and dropout each do, with
#   experiments and pictures.

# %%
# %matplotlib inline
import inspect

import torch
from IPython.display import display
from matplotlib.figure import Figure
from torch import nn

import cnnlib
from cnnlib import atlas, count, data, experiments, plots, recipes
from cnnlib.colab import in_colab
from cnnlib.exercises import CHANGE, Case, check, check_code, hint, predict, reveal_change  # noqa: F401 - hint is for students
from cnnlib.models import alexnet, pretrained
from cnnlib.models.alexnet import local_response_norm, paper_classifier, paper_features
from cnnlib.train import fit
from cnnlib.widgets import AlexNetExplorer

cnnlib.set_language("both")

# %% [markdown]
# ### ⚙️ 설정 · Settings
#
# 바꿀 것은 이 셀 하나뿐입니다. 기본값 `"quick"`은 내장 데이터셋으로 노트북 CPU에서 몇 분 안에 끝납니다.
# GPU가 있다면(Colab 등) `"full"`로 바꾸고, CIFAR-10으로 해 보고 싶다면 `DATA`를 바꾸세요.
#
# This is the only cell you need to change. The default `"quick"` uses the embedded dataset and finishes in a
# few minutes on a laptop CPU. With a GPU (e.g. Colab) switch to `"full"`, and change `DATA` to try CIFAR-10.

# %%
SETTING = "quick"  # "full": GPU용 긴 학습 · longer runs for a GPU
DATA = None  # cnnlib.data.load("cifar10")로 바꾸면 CIFAR-10 · set to cnnlib.data.load("cifar10") for CIFAR-10

# %% [markdown]
# ## 실습 데이터: 내장 데이터셋 · The lab data: the embedded dataset
#
# 이 강의들의 실험은 cnnlib에 들어 있는 **내장 데이터셋**으로 학습합니다. 내려받을 필요가 없고, 코드가
# 시드로 그려 내는 도형 10종입니다(32×32 컬러, 학습 10,000장과 테스트 2,000장). 위치, 크기, 회전, 색,
# 주변의 잡동사니와 잡음이 모두 무작위라서 보기보다 어렵습니다. 아래는 클래스마다 처음 8장이고, 줄
# 이름이 클래스 이름입니다(`DATA`를 CIFAR-10으로 바꾸면 CIFAR-10을 보여 줍니다).
#
# The experiments of these lectures train on cnnlib's **embedded dataset**: nothing to download, ten
# classes of shapes that code draws from a seed (32×32 colour, 10,000 training and 2,000 test images).
# Position, size, rotation, colours, the clutter around and the noise are all random, so it is harder
# than it looks. Below are the first 8 images of every class, each row named by its class (with `DATA`
# set to CIFAR-10, this shows CIFAR-10).

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:05–0:09 · 4분: 도형 10종 그림을 보여 주고 '무작위 추측은 10%'를
# 묻습니다. 선형 분류기 11.9% 대 작은 CNN 65.4%.
#
# 0:05–0:09 · 4 min: show the ten shape classes; ask what guessing gets (10 %). Linear classifier 11.9 % vs
# a small CNN 65.4 %.

# %%
train, test = data.load() if DATA is None else DATA  # 학습용과 테스트용 · training and test sets
print(train.describe())
print(test.describe())
plots.samples(train)

# %% [markdown]
# ### 우연 수준과 선형 분류기 · Chance and a linear classifier
#
# 열 클래스의 이미지 수가 같으니, 무작위로 찍으면 10 %를 맞힙니다. 픽셀 값 위에 선형 분류기(로지스틱
# 회귀)를 30 에포크 학습하면 테스트 정확도는 11.9 %로 찍기와 거의 같습니다. 학습 이미지는 33.6 %를
# 맞히니 외우기만 한 것입니다. 같은 조건에서 합성곱 층이 두 개인 작은 CNN은 500스텝 만에 65.4 %를
# 맞힙니다. 도형이 어디에, 어떤 크기와 색으로 있든 알아보려면 합성곱이 필요합니다. 이 숫자들은
# `benchmarks/data_baselines.py`가 잰 것이고 `BENCHMARKS.md`에 있습니다. 여기서 다시 학습하지는 않습니다.
#
# The ten classes have equally many images, so guessing at random gets 10 % right. A linear classifier
# (logistic regression) on the pixel values, trained for 30 epochs, reaches 11.9 % test accuracy, hardly
# better than guessing; it gets 33.6 % of the training images right, so it only memorised them. Under the
# same conditions a small CNN with two convolutional layers reaches 65.4 % after 500 steps. Recognising a
# shape wherever it is, whatever its size and colour, takes convolutions. These figures were measured by
# `benchmarks/data_baselines.py` and are listed in `BENCHMARKS.md`; they are not retrained here.

# %%
print(f"클래스 · classes: {train.num_classes},  무작위 추측 · chance: {1 / train.num_classes:.0%}")

# %% [markdown]
# ## 0. 이 시리즈의 큰 그림 · The arc of this series
#
# 강의 노트는 이렇게 시작합니다. "층이 많으면 성능이 좋아질 확률이 높아진다. 하지만 무조건 깊게 쌓는다고
# 좋아지지 않는다. 층을 쌓을 때마다 필요한 기술이 있다." 네 강의가 바로 이 이야기입니다.
#
# The lecture notes open with: "more layers tend to give better performance, but stacking layers does not
# help unconditionally; every step deeper needed a new technique." The four lectures tell exactly this
# story.
#
# | | 네트워크 · Network | 층 · Layers | 새 기술 · New technique |
# |---|---|---|---|
# | 01 | AlexNet (2012) | 8 | ReLU, 드롭아웃 · dropout, 데이터 증강 · data augmentation, GPU |
# | 02 | VGG (2014) | 16–19 | 작은 3×3 필터 · small 3×3 filters |
# | 03 | GoogLeNet (2014) | 22 | 1×1 합성곱 · 1×1 convolutions |
# | 04 | ResNet (2015) | 152 | 지름길 연결 · shortcut connections |
#
# | ILSVRC top-5 오류 · error | 앙상블 · ensemble | 단일 모델 · single model |
# |---|---|---|
# | AlexNet | 15.3% (CNN 7개 · 7 CNNs) | 18.2% (검증 · val) |
# | VGG | 7.3% (7개 · 7 nets) | 7.0% |
# | GoogLeNet | 6.67% (7개, 144조각 · 7 models, 144 crops) | 10.07% (1조각, 검증 · 1 crop, val) |
# | ResNet | 3.57% (6개 · 6 models) | 4.49% (ResNet-152, 검증 · val) |
#
# 층은 가중치가 있는 층의 수이고, 오류는 ILSVRC 분류의 top-5 오류율입니다. 대회 성적으로 널리 알려진
# 숫자는 여러 모델의 예측을 평균한 **앙상블**의 테스트 세트 오류입니다. 모델 하나의 오류는 각 논문이
# 보고한 것으로, VGG는 테스트 세트, 나머지는 검증 세트 기준입니다. 이미지를 몇 조각으로 잘라 평균하는지도
# 논문마다 달라서, 단일 모델 열은 대략의 흐름만 비교하세요.
#
# Layers = layers with weights; error = ILSVRC classification top-5 error rate. The well-known
# challenge figures are test-set errors of **ensembles**, which average the predictions of several
# models. The single-model errors are those each paper reports, on the test set for VGG and on the
# validation set for the others; how many crops of an image are averaged differs between papers too, so
# compare the single-model column only roughly.
#
# 마지막 04 ResNet 노트북이 이 이야기를 닫습니다. 층을 그냥 더 쌓으면 왜 *학습* 오차까지 나빠지는지, 그리고
# 지름길 연결이 그것을 어떻게 푸는지 봅니다.
#
# Notebook 04 (ResNet) closes the arc: why simply stacking more layers makes even the *training* error worse,
# and how shortcut connections fix it.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:09–0:14 · 5분: 표의 top-5는 앙상블 값이라는 점을 짚습니다. '깊을수록
# 좋지만 단계마다 새 기술'이 네 강의의 줄거리입니다.
#
# 0:09–0:14 · 5 min: point out that the table's top-5 figures are ensembles. 'Deeper helps, but each step
# needed a new technique' is the story of all four lectures.

# %% [markdown]
# ## 1. 아이디어 · The idea
#
# 2012년 이전의 이미지 분류는 사람이 설계한 특징(SIFT 등)에 선형 분류기를 얹는 방식이었습니다. 큰 CNN은 학습이
# 너무 느렸고, 파라미터가 많아 과적합되기 쉬웠습니다. AlexNet은 이 두 문제를 정면으로 풀었습니다.
#
# - **속도**: 포화되지 않는 활성화 함수 ReLU, 그리고 GPU 두 장(GTX 580, 각 3GB)에 나눠 학습.
# - **과적합**: 데이터 증강과 드롭아웃.
# - 그 밖에 국소 응답 정규화(LRN)와 겹치는 풀링(3×3 창, 스트라이드 2)으로 오류율을 조금 더 낮춤.
#
# Before 2012, image classification meant hand-designed features (SIFT and the like) under a linear
# classifier. Large CNNs were too slow to train and, with so many parameters, prone to overfitting. AlexNet
# attacked both problems head-on:
#
# - **speed**: ReLU, an activation function that does not saturate, and training split over two GPUs
#   (GTX 580, 3 GB each);
# - **overfitting**: data augmentation and dropout;
# - plus local response normalization (LRN) and overlapping pooling (3×3 windows, stride 2) for a little
#   lower error.

# %% [markdown]
# ## 2. 구조 · The architecture
#
# 합성곱 층 5개와 완전 연결 층 3개, 가중치가 있는 층은 모두 8개입니다. cnnlib의 빌더가 논문의 네트워크를
# 그대로 만들고, 그림은 그 모델에서 바로 그립니다. `device="meta"`는 가중치 메모리 없이 모양만 만든다는
# 뜻입니다.
#
# Five convolutional layers and three fully connected layers: eight layers with weights. cnnlib's builder
# makes the paper's network and the diagram is drawn from that very model. `device="meta"` builds the shapes
# only, without weight memory.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:14–0:24 · 10분: 그림을 위에서 아래로 읽습니다. 224 대 227은 학생에게
# 먼저 계산시켜 봅니다(1분).
#
# 0:14–0:24 · 10 min: read the diagram top to bottom. Let students compute 224 vs 227 themselves first (1
# min).

# %%
paper = alexnet(device="meta")  # 논문의 AlexNet · the paper's AlexNet
plots.diagram(paper)

# %% [markdown]
# ### 224일까, 227일까? · 224 or 227?
#
# 논문은 입력이 224×224라고 씁니다. 그런데 첫 합성곱(11×11 필터, 스트라이드 4, 패딩 0)의 출력 크기를 계산하면
# (224 − 11)/4 + 1 = 54.25로 나누어떨어지지 않습니다. 논문의 55×55가 나오는 크기는 227입니다. cnnlib에
# 224를 넣어 보면, 빌더가 계산을 보여 주며 거절합니다.
#
# The paper says the input is 224×224. But the output size of the first convolution (11×11 filter, stride 4,
# padding 0) is then (224 − 11)/4 + 1 = 54.25, not a whole number. The size that gives the paper's 55×55 is
# 227. Give cnnlib 224 and the builder refuses, showing the arithmetic.

# %%
try:
    alexnet(input_size=224, device="meta")
except cnnlib.ConfigError as error:
    print(error)

# %% [markdown]
# 227이면 (227 − 11)/4 + 1 = 55로 딱 맞습니다. 모델이 실제로 내놓는 conv1의 출력 모양(채널 × 높이 × 너비)을
# 확인해 봅시다.
#
# With 227, (227 − 11)/4 + 1 = 55 exactly. Let us check the output shape (channels × height × width) that the
# model's conv1 actually produces.

# %%
table = count.table(paper)
display(table["features.conv1"].output_shape)

# %% [markdown]
# ## 3. 파라미터 세기 · Counting parameters
#
# 강의 노트에는 "하이퍼파라미터를 구하는 게 중요하다. 입력 채널 × 필터 사이즈 × 출력 채널로 구하면 된다"라고
# 되어 있습니다. 정확히는, 이 식으로 구하는 것은 **파라미터**(학습되는 가중치와 편향)의 수입니다.
# **하이퍼파라미터**는 필터 크기, 스트라이드, 필터 수처럼 우리가 정하는 값이고, 파라미터 수는 그 선택에서
# 결정됩니다. 또 "필터 사이즈"는 필터의 높이 × 너비, 즉 k×k입니다.
#
# The notes say "computing the hyperparameters matters: input channels × filter size × output channels".
# More precisely, that formula counts the **parameters** (the learned weights and biases).
# **Hyperparameters** are what we choose, such as the filter size, stride and number of filters, and the
# parameter count follows from those choices. And "filter size" means the filter's height × width, k×k.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:24–0:36 · 12분: 식 하나(입력 채널 × k×k × 출력 채널 + 편향)를 칠판에
# 씁니다. 그룹 합성곱 = GPU 두 장. 파라미터 96%는 완전 연결 층, MAC 92%는 합성곱 층.
#
# 0:24–0:36 · 12 min: write the one formula (in channels × k×k × out channels + bias) on the board. Grouped
# convolution = two GPUs. 96 % of parameters in the fully connected layers, 92 % of MACs in the
# convolutions.

# %% [markdown]
# ### 한 층의 파라미터 · One layer's parameters
#
# 합성곱 층: **파라미터 = 입력 채널 × (k×k) × 출력 채널 + 편향(출력 채널마다 1개)**. 완전 연결 층: 입력 수 ×
# 출력 수 + 출력 수. 예를 들어 conv1은 3 × (11×11) × 96 + 96 = 34,944입니다. 아래 표는 cnnlib이 모델을 한 번
# 실행하며 층마다 이 식을 채운 것이고, 합계는 논문의 "6천만"에 해당하는 60,965,224입니다.
#
# A convolutional layer has **parameters = input channels × (k×k) × output channels + bias (one per output
# channel)**; a fully connected layer has inputs × outputs + outputs. For conv1 that is 3 × (11×11) × 96 + 96
# = 34,944. The table below is cnnlib running the model once and filling in this formula per layer; the
# total, 60,965,224, is the paper's "60 million".

# %%
display(table)

# %% [markdown]
# ### 필터 수 = 출력 채널 수 · Number of filters = output channels
#
# 강의 노트의 말 그대로, 입력에 적용한 필터의 개수가 출력 특징 맵의 채널 수가 됩니다. conv1에는 필터가 96개
# 있으므로 특징 맵도 96장입니다. 사진 한 장을 넣고 그중 16장을 봅시다. 아직 학습하지 않은(무작위 초기값)
# 필터라서 윤곽과 밝기를 제각각 섞어 놓은 모습입니다. 학습된 AlexNet의 필터는 방향이 있는 경계선과 색
# 얼룩처럼 보입니다(논문 그림 3).
#
# Just as the notes say, the number of filters applied to the input becomes the number of channels of the
# output feature map. conv1 has 96 filters, so there are 96 feature maps. Let us feed in one photo and look
# at 16 of them. The filters are untrained (random initial values), so each map is some mix of edges and
# brightness; a trained AlexNet's filters look like oriented edges and colour blobs (Figure 3 of the paper).

# %%
torch.manual_seed(0)
real = alexnet()  # 실제 가중치(무작위 초기값) · real weights (random initial values)
plots.feature_maps(real, data.sample_photo(), "features.conv1")

# %% [markdown]
# ### GPU 두 장 = 그룹 합성곱 · Two GPUs = grouped convolution
#
# GPU 한 장(3GB)에 네트워크가 다 들어가지 않아서, 논문은 필터를 반씩 나눠 두 GPU에 올렸습니다. conv2, conv4,
# conv5는 **자기 GPU에 있는 절반의 채널만** 봅니다. 이것이 정확히 `groups=2`인 그룹 합성곱이고, 그래서 식의
# 입력 채널을 그룹 수로 나눕니다: conv2 = (96/2) × (5×5) × 256 + 256. conv3와 완전 연결 층만 두 GPU의 채널을
# 모두 봅니다.
#
# One 3 GB GPU could not hold the network, so the paper split the filters in half across two GPUs. conv2,
# conv4 and conv5 see **only the half of the channels on their own GPU**. That is exactly a grouped
# convolution with `groups=2`, so the input channels in the formula are divided by the groups: conv2 =
# (96/2) × (5×5) × 256 + 256. Only conv3 and the fully connected layers see the channels of both GPUs.

# %%
one_gpu = count.table(alexnet(groups=1, device="meta"))
print("groups=2 (논문 · paper):    ", table["features.conv2"].formula)
print("groups=1 (GPU 한 장 · one GPU):", one_gpu["features.conv2"].formula)

# %% [markdown]
# ### 파라미터는 어디에 있을까? · Where are the parameters?
#
# 층별 막대를 보면 한눈에 보입니다. 파라미터의 96%가 완전 연결 층에 있고, fc6 하나(256×6×6 = 9,216개 입력 ×
# 4,096개 출력)가 62%를 차지합니다. 다음 강의의 VGG도 마찬가지이고, GoogLeNet이 완전 연결 층을 평균 풀링으로
# 바꾼 이유가 여기에 있습니다.
#
# The bars per layer say it at a glance: 96% of the parameters are in the fully connected layers, and fc6
# alone (256×6×6 = 9,216 inputs × 4,096 outputs) holds 62%. VGG in the next lecture is the same, and this is
# why GoogLeNet replaced the fully connected layers with average pooling.

# %%
plots.param_bars(table)

# %% [markdown]
# 계산량은 반대입니다. 곱셈-누적(MAC) 횟수로 세면 거의 전부가 합성곱 층에서 나옵니다. 합성곱 필터는 작지만
# 특징 맵의 모든 위치에서 다시 쓰이기 때문입니다. 파라미터는 완전 연결 층에, 계산은 합성곱 층에 있습니다.
#
# Computation is the other way round. Counted in multiply-accumulates (MACs), almost all of it comes from the
# convolutional layers: their filters are small, but they are reused at every position of the feature map.
# The parameters live in the fully connected layers, the computation in the convolutions.

# %%
conv_macs = sum(row.macs for row in table.rows if row.kind == "conv")
print(f"합성곱 층의 MAC 비율 · share of MACs in convolutions: {conv_macs / table.total_macs:.1%}")

# %% [markdown]
# ### 코드 읽기 · Reading the code
#
# 위의 모든 숫자는 아래 코드가 만든 모델에서 나왔습니다. 학생 여러분이 실행하는 바로 그 코드입니다. 주석에 GPU
# 분할과 겹치는 풀링이 어디에 있는지 적혀 있습니다.
#
# Every number above comes from the model this code builds: the very code you run. The comments mark where
# the GPU split and the overlapping pooling are.

# %%
print(inspect.getsource(paper_features))

# %% [markdown]
# 분류기 쪽은 완전 연결 층 세 개이고, 드롭아웃은 fc6과 fc7의 출력에 붙습니다(논문과 같은 위치).
#
# The classifier is three fully connected layers, with dropout on the outputs of fc6 and fc7 (where the
# paper puts it).

# %%
print(inspect.getsource(paper_classifier))

# %% [markdown]
# ### 실습 규모 쌍둥이 · The lab-scale twin
#
# 6천만 개 파라미터를 CPU에서 학습할 수는 없으니, 아래 실험은 **같은 빌더**로 만든 작은 쌍둥이를 학습합니다:
# 32×32 입력, 10개 클래스, 모든 층(완전 연결 층 포함)의 채널을 8분의 1로 줄였습니다(`width=0.125`,
# 4096 → 512). 첫 층만 11×11/4 대신 5×5/1로 바뀝니다
# (32×32 이미지를 4배로 줄이면 남는 것이 거의 없으니까요). 층의 순서와 종류, 그룹 합성곱, 겹치는 풀링은
# 그대로이고, 국소 응답 정규화(LRN)와 드롭아웃은 실험마다 켜고 끕니다.
#
# Sixty million parameters cannot be trained on a CPU, so the experiments below train a small twin made by
# **the same builder**: 32×32 inputs, 10 classes, every layer — the fully connected ones too — narrowed to
# one eighth (`width=0.125`, 4096 → 512). Only
# the first layer changes, 5×5/1 instead of 11×11/4 (shrinking a 32×32 image four times would leave almost
# nothing). The order and kinds of layers, the grouped convolutions and the overlapping pooling stay the
# same; LRN and dropout are switched on and off per experiment.

# %%
lab = atlas.lab_model(
    "alexnet", device="meta"
)  # 탐색기와 정확도 지도의 쌍둥이 · the explorer's and the atlas's twin
lab_table = count.table(lab)
print("conv1–conv5:", [row.output_shape[0] for row in lab_table.rows if row.kind == "conv"])
print(lab_table.summary())

# %% [markdown]
# ## 4. ReLU
#
# 강의 노트에는 ReLU 그림만 있습니다. 핵심은 **포화**입니다. tanh는 입력이 크면 출력이 ±1에 붙어
# 기울기(slope)가 0에 가까워지고, 그러면 학습이 느려집니다. ReLU = max(0, x)는 양수 쪽에서 기울기(slope)가
# 항상 1이라 포화되지 않습니다. 논문 그림 1에서 ReLU를 쓴 4층 CNN은 CIFAR-10 학습 오차 25%에 tanh보다
# 약 6배 빨리 도달했습니다.
#
# The notes only show a picture of ReLU. The key word is **saturation**: for large inputs tanh sticks to ±1,
# its slope goes to almost 0, and learning slows down. ReLU = max(0, x) has slope 1 for every positive input,
# so it does not saturate. In Figure 1 of the paper, a four-layer CNN with ReLUs reached 25% training error
# on CIFAR-10 about six times faster than with tanh.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:36–0:46 · 10분: 저장된 곡선을 보여 줍니다(다시 학습하면 2–3분). 음수
# 쪽 기울기(slope)는 0이라는 점도 꼭 말합니다.
#
# 0:36–0:46 · 10 min: show the stored curves (re-training takes 2–3 min). Do say that the slope is 0 for
# negative inputs.

# %%
x = torch.linspace(-4, 4, 401)
shapes = {"ReLU": (x.relu(), (x > 0).float()), "tanh": (x.tanh(), 1 - x.tanh() ** 2)}
fig = Figure(figsize=(9, 3), layout="constrained")
left, right = fig.subplots(1, 2)
for name, (y, slope) in shapes.items():
    left.plot(x, y, label=name)
    right.plot(x, slope, label=name)
left.set_title("활성화 함수 · activation f(x)")
right.set_title("기울기 · slope f′(x)")
left.legend()
display(fig)

# %% [markdown]
# ### 실험: ReLU 대 tanh · Experiment: ReLU vs tanh
#
# 논문 그림 1의 조건을 따릅니다. 활성화 함수만 다른 4층 CNN(합성곱 3개 + 완전 연결 1개, 정규화 층·드롭아웃
# 없음) 두 개를 같은 초기 가중치와 같은 배치로 학습합니다. 입력은 논문처럼 픽셀 평균만 빼고 0–255 크기를
# 그대로 두고, 가중치는 작은 가우시안으로 초기화하며, 모멘텀 0.9 SGD를 씁니다. 학습률은 논문처럼 네트워크마다
# 가장 빠른 값을 따로 골랐습니다(`lr`). 학습 오차가 목표(50%)에 처음 닿은 스텝을 비교합니다.
#
# We follow the regime of the paper's Figure 1. Two four-layer CNNs (three convolutions + one fully connected
# layer, no normalization layers, no dropout) that differ only in the activation function train from the
# same initial weights on the same batches. As in the paper, the inputs keep the 0–255 scale with only the
# mean pixel subtracted, the weights start from a small Gaussian, and the optimizer is SGD with momentum 0.9.
# Each network gets its own fastest learning rate (`lr`), as in the paper. We compare the step at which the
# training error first reaches the target (50 %).

# %%
# NBVAL_IGNORE_OUTPUT
relu_tanh = experiments.relu_vs_tanh(SETTING, data=DATA)
plots.curves(relu_tanh.runs, per_step=True)

# %%
# NBVAL_IGNORE_OUTPUT
numbers = relu_tanh.numbers
print(f"목표 학습 오차 · target training error: {numbers['target_error']:.0%}")
for act, steps in numbers["steps_to_target"].items():
    lr = numbers["lr"][act]
    print(f"{cnnlib.i18n.label(act):5} 학습률 · lr {lr:<6} 목표까지 · steps to target: {steps} 스텝 · steps")
print(f"tanh ÷ ReLU: {numbers.get('speedup', float('nan')):.1f}×")

# %% [markdown]
# ### 왜 ReLU가 빠를까? · Why is ReLU faster?
#
# tanh ÷ ReLU는 목표까지 걸린 tanh의 스텝 수를 ReLU의 스텝 수로 나눈 값입니다. 이 조건에서 ReLU는 목표에
# 확실히 먼저 닿습니다(시드 0, 1, 2에서 2.3배, 1.7배, 2.0배. 논문의 CIFAR-10 6배보다는 작습니다). 이유는
# **포화**입니다. 0–255 크기의 입력을 받으면 tanh는 기울기(slope)가 거의 0인 양 끝(포화 영역)에서 일하게
# 되고, 기울기가 흐르지 않으니 학습이 느립니다. ReLU는 양수 쪽 기울기(slope)가 언제나 1이라 포화되지
# 않습니다. 다만 입력을 평균 0, 표준편차 1로 정규화하고 He 초기화를 쓰는 오늘날의 방식으로 같은 실습을 하면
# tanh가 느리지 않습니다. 논문의 차이는 포화가 만든 것이기 때문입니다.
#
# tanh ÷ ReLU = tanh's steps to the target divided by ReLU's. In this regime ReLU clearly gets there first
# (2.3×, 1.7× and 2.0× for seeds 0, 1 and 2; less than the paper's 6× on CIFAR-10). The reason is
# **saturation**: fed 0–255 inputs, tanh works in its flat ends (the saturated region, slope almost 0),
# little gradient flows, and learning is slow. ReLU has slope 1 for every positive input, so it does not
# saturate. With today's practice — inputs normalised to mean 0 and standard deviation 1, He initialisation
# — tanh is not slower at this scale, because the paper's gap came from saturation.

# %% [markdown]
# 위에서 만든 논문 AlexNet의 conv1에 같은 사진을 두 가지로 넣고, tanh의 기울기(slope)를 재 봅시다.
# 기울기(slope)가 0.02보다 작으면(|tanh| > 0.99) 포화된 것으로 셉니다.
#
# Let us feed the same photo in both ways to conv1 of the paper AlexNet built above and measure the slope of
# tanh after it. A slope below 0.02 (|tanh| > 0.99) counts as saturated.

# %%
photo = data.sample_photo(227)
centred = photo - photo.mean(dim=(1, 2), keepdim=True)  # 채널별 평균을 뺌 · mean pixel subtracted
inputs = {
    "0–255 (논문 · paper)": centred * 255,
    "정규화 · normalised": centred / photo.std(dim=(1, 2), keepdim=True),
}
with torch.no_grad():
    for name, image in inputs.items():
        slope = 1 - real.features.conv1(image[None]).tanh() ** 2  # tanh의 기울기 · slope of tanh
        saturated = (slope < 0.02).float().mean()
        print(f"{name}: 포화 · saturated {saturated:.0%}, 평균 기울기 · mean slope {slope.mean():.2f}")

# %% [markdown]
# 정규화하지 않으면 대부분의 tanh 유닛이 포화되어 기울기가 거의 흐르지 않습니다. ReLU에는 이런 포화가 없으니,
# 논문의 조건에서는 ReLU가 훨씬 빨랐던 것입니다. 오늘날에는 입력 정규화, 좋은 가중치 초기화, 배치 정규화가
# 포화를 막아 그 차이를 많이 줄였습니다. 그래도 ReLU는 계산이 싸고 깊은 네트워크에서 기울기를 잘 전달해서,
# AlexNet 이후 지금까지 기본 활성화 함수로 쓰입니다.
#
# Without normalisation most tanh units saturate and almost no gradient flows. ReLU has no such saturation,
# which is why it was so much faster under the paper's conditions. Today input normalisation, good weight
# initialization and batch normalization prevent saturation and close much of that gap. Still, ReLU is cheap
# and passes gradients well through deep networks, so it has been the default activation function ever since
# AlexNet.

# %% [markdown]
# ## 5. 국소 응답 정규화 · Local response normalization (LRN)
#
# 강의 노트: "합성곱 특징 맵의 일정 부분만 높은 값을 가지고 나머지는 낮은 값을 가진다." 이것이 LRN이 만들고
# 싶은 결과입니다. 같은 위치 (x, y)에서 **이웃한 채널 n = 5개**의 응답 제곱합으로 나눕니다:
#
# $$b^i_{x,y} = a^i_{x,y} \Big/ \Big(k + \alpha \sum_{j=i-n/2}^{i+n/2} (a^j_{x,y})^2\Big)^{\beta},
# \qquad k=2,\ n=5,\ \alpha=10^{-4},\ \beta=0.75$$
#
# 한 채널이 강하게 반응하면 그 옆 채널들이 눌립니다. 실제 뉴런의 **측면 억제**(lateral inhibition)에서 온
# 아이디어로, 필터들이 서로 "경쟁"하게 만듭니다. 공간 방향이 아니라 채널 방향의 이웃이라는 점에 주의하세요.
#
# The notes: "only some parts of a convolutional feature map have high values and the rest low values". That
# is the outcome LRN is after. At one position (x, y), each response is divided by the sum of squares of
# **n = 5 neighbouring channels** (formula above). A strong response in one channel damps its neighbours:
# the idea comes from **lateral inhibition** in real neurons and makes the filters "compete". Note that the
# neighbours are channels, not nearby pixels.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:46–0:51 · 5분: 측면 억제 그림 하나면 충분합니다. VGG는 뺐고 GoogLeNet
# 스템에는 남았습니다.
#
# 0:46–0:51 · 5 min: the lateral-inhibition figure is enough. VGG dropped it; GoogLeNet's stem kept it.

# %% [markdown]
# 16개 채널이 모두 1로 반응하고 8번 채널만 40으로 강하게 반응하는 한 픽셀에 논문의 국소 응답 정규화를
# 적용해 봅니다.
# 오른쪽 그림은 채널마다 출력 ÷ 입력입니다. k = 2 때문에 모든 채널이 약 2^0.75배로 나뉘고, 강한 채널과 그 양옆
# 두 채널(n = 5개 창)은 **더** 눌립니다.
#
# We apply the paper's LRN to one pixel where all 16 channels respond 1, except channel 8 with a strong 40.
# The right panel is output ÷ input per channel. Because k = 2, every channel is divided by about 2^0.75; the
# strong channel and two channels on each side (the n = 5 window) are damped **more**.

# %%
lrn = experiments.lrn_inhibition()
channels = range(len(lrn.numbers["before"]))
fig = Figure(figsize=(10, 3.2), layout="constrained")
left, right = fig.subplots(1, 2)
left.bar([c - 0.2 for c in channels], lrn.numbers["before"], width=0.4, label="입력 · input")
left.bar([c + 0.2 for c in channels], lrn.numbers["after"], width=0.4, label="LRN 출력 · output")
left.set_yscale("log")
left.set_title("채널별 응답(로그 축) · response per channel (log scale)")
left.legend()
right.bar(channels, lrn.numbers["damping"], color="tab:purple")
right.set_ylim(0.5, 0.6)
right.set_title("출력 ÷ 입력 · output ÷ input")
display(fig)

# %% [markdown]
# 이웃 채널의 감쇠 계수는 멀리 있는 채널보다 작습니다(더 많이 눌림).
#
# The damping factor of the neighbours is smaller (damped more) than that of a far-away channel.

# %%
print(f"이웃 채널 · neighbour: {lrn.numbers['neighbour_damping']:.3f}")
print(f"먼 채널 · far away:   {lrn.numbers['far_damping']:.3f}")

# %% [markdown]
# ### PyTorch의 α는 논문의 n·α · PyTorch's α is the paper's n·α
#
# `nn.LocalResponseNorm`은 식 안에서 α를 n으로 나눕니다(α/n · Σ a²). 그래서 논문과 같은 계산을 하려면 α 자리에
# n·α = 5 × 10⁻⁴를 넣어야 합니다. cnnlib의 코드와 주석이 그렇게 합니다.
#
# `nn.LocalResponseNorm` divides α by n inside the formula (α/n · Σ a²). To compute what the paper computes,
# its α argument must be n·α = 5 × 10⁻⁴. cnnlib's code and comment do exactly that.

# %%
module_source = inspect.getsource(inspect.getmodule(alexnet))
start = module_source.index("# The paper's LRN")
print(module_source[start : module_source.index("class AlexNet")].rstrip())
local_response_norm()

# %% [markdown]
# ### 국소 응답 정규화는 그 뒤에 어떻게 되었을까? · What became of LRN?
#
# 논문에서 국소 응답 정규화(LRN)는 top-1/top-5 오류를 1.4%p/1.2%p 낮췄습니다. 2년 뒤 VGG 논문은 구성 A에
# LRN을 넣은 A-LRN이 A보다 나아지지 않고 메모리와 계산 시간만 늘린다고 보고하고, 더 깊은 구성에서는
# LRN을 뺐습니다(02 노트북). 같은 해의 GoogLeNet은 스템(입력부)에 LRN을 두 번 그대로 썼습니다(03
# 노트북의 그림). 그 뒤 배치 정규화(2015)가 그 자리를 대신했습니다. 배치 정규화 논문은 배치 정규화를
# 쓰면 LRN이 필요 없다고 보고 인셉션 망에서 LRN을 뺐고, 04의 ResNet은 LRN 없이 배치 정규화만 씁니다.
#
# In the paper, LRN lowered the top-1/top-5 errors by 1.4/1.2 points. Two years later the VGG paper found
# that A-LRN (configuration A with LRN) was no better than A while costing memory and computation time,
# and left LRN out of the deeper configurations (notebook 02). GoogLeNet, the same year, kept LRN twice in
# its stem (see the diagram in notebook 03). Then batch normalization (2015) took its place: its paper
# found LRN unnecessary once batch normalization is used and removed it from its Inception network, and
# the ResNet of notebook 04 uses batch normalization and no LRN.

# %% [markdown]
# ## 6. 데이터 증강 · Data augmentation
#
# 파라미터가 6천만 개나 되니 120만 장으로도 모자랍니다. 그래서 AlexNet은 학습 이미지를 "늘려서"
# 썼습니다(라벨은 그대로).
#
# - **좌우 뒤집기(flip)**: 거울에 비친 고양이도 고양이입니다.
# - **자르기 + 뒤집기(crop + flip)**: 256×256 이미지에서 224×224 조각을 무작위로 잘라 냅니다. 위치
#   32 × 32가지 × 뒤집기 2가지 = 2,048배. 테스트 때는 네 모서리와 가운데 조각, 그리고 그 뒤집은 것까지
#   10장의 예측을 평균합니다.
# - **PCA 색 변화**: 아래 슬라이드에서 자세히 봅니다.
#
# 1.2 million images are still few for 60 million parameters, so AlexNet "multiplied" its training images
# (labels unchanged):
#
# - **horizontal flip**: a mirrored cat is still a cat;
# - **crop + flip**: random 224×224 patches from 256×256 images: 32 × 32 positions × 2 flips = 2,048 times
#   more. At test time the predictions for 10 patches (four corners and the centre, plus their flips) are
#   averaged;
# - **PCA colour noise**: on the next slide.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:51–0:57 · 6분: 갤러리를 보여 주고 2,048배의 출처(32×32 위치 × 뒤집기
# 2)를 묻습니다.
#
# 0:51–0:57 · 6 min: show the gallery; ask where the 2,048× comes from (32×32 positions × 2 flips).

# %% [markdown]
# ### PCA 색 변화 · PCA colour noise
#
# 강의 노트: "RGB 채널에 특정 값을 더한다. 학습 데이터에서 얼마나 정보가 변화되었는지 본 다음에 그에 맞게
# 노이즈를 더한다." 정확히는, 학습 데이터 전체의 RGB 픽셀 값에 주성분 분석(PCA)을 해서 3×3 공분산의
# 고유벡터 p_i와 고윳값 λ_i를 구하고, 이미지마다 α_i ~ N(0, 0.1)을 한 번 뽑아 모든 픽셀에 같은 값을 더합니다:
#
# $$\Delta = [\mathbf{p}_1, \mathbf{p}_2, \mathbf{p}_3]\,
# [\alpha_1\lambda_1,\ \alpha_2\lambda_2,\ \alpha_3\lambda_3]^T$$
#
# 데이터에서 색이 많이 변하는 방향으로 더 크게 흔드는 것입니다. 조명의 색과 세기가 달라져도 물체는 같다는 것을
# 가르치는 셈이고, top-1 오류를 1% 넘게 낮췄습니다.
#
# The notes: "add a certain value to the RGB channels: see how much the information varies in the training
# data and add noise accordingly". Precisely: PCA on the RGB pixel values of the whole training set gives
# the eigenvectors p_i and eigenvalues λ_i of the 3×3 covariance; for each image, α_i ~ N(0, 0.1) is drawn
# once and the same Δ (formula above) is added to every pixel. Colours are shaken more along the directions
# in which they vary most in the data. This teaches that an object stays the same under different lighting
# colour and intensity, and it lowered the top-1 error by over 1%.

# %% [markdown]
# ### 증강 갤러리 · An augmentation gallery
#
# 사진 한 장(짧은 변 256픽셀)에 각 증강을 세 번씩 적용했습니다. 맨 왼쪽은 원본입니다. 논문의 α 표준편차 0.1은
# 눈에 잘 띄지 않을 만큼 약해서, 방향이 보이도록 10배(1.0)로 과장한 줄도 넣었습니다.
#
# Each augmentation applied three times to one photo (shorter side 256 pixels); the leftmost image is the
# original. The paper's α standard deviation of 0.1 is subtle, so one row exaggerates it ten times (1.0) to
# make the colour directions visible.
#
# 과장한 줄도 변화가 크지 않은 것은 cnnlib이 논문의 식을 글자 그대로(λ_i, 즉 분산) 따르기 때문입니다. 널리
# 쓰이는 여러 구현은 λ_i 대신 √λ_i(표준편차)를 곱해서 더 크게 흔듭니다.
#
# Even the exaggerated row changes little because cnnlib follows the paper's formula literally (λ_i, the
# variances). Several widely used implementations multiply by √λ_i (the standard deviations) instead, which
# shakes the colours harder.

# %%
gallery = data.augmentation_gallery(data.sample_photo(256), n=3)
original = gallery.pop("original")[0]
names = ["뒤집기 · flip", "자르기 + 뒤집기 · crop + flip", "PCA 색 · colour (0.1)", "PCA ×10 (1.0)"]
fig = Figure(figsize=(6, 5.2), layout="constrained")  # ≤ 500 px tall: the slide shows it unshrunk
for row, name, images in zip(fig.subplots(4, 4), names, gallery.values(), strict=True):
    for ax, image in zip(row, [original, *images], strict=True):
        ax.imshow(image.permute(1, 2, 0).clamp(0, 1))
        ax.set_axis_off()
    row[1].set_title(name, loc="left")
display(fig)

# %% [markdown]
# ## 7. 드롭아웃 · Dropout
#
# 학습 때 fc6과 fc7의 뉴런을 확률 p = 0.5로 꺼 버립니다(출력 0). 매 배치가 조금씩 다른 "얇은" 네트워크를
# 학습하는 셈이라, 뉴런들이 서로에게 기대지 못하고 각자 쓸모 있는 특징을 배워야 합니다. 논문은 드롭아웃이
# 없으면 과적합이 심했고, 대신 수렴에 필요한 반복은 약 두 배가 되었다고 씁니다.
#
# During training each neuron of fc6 and fc7 is switched off (output 0) with probability p = 0.5. Every batch
# trains a slightly different "thinned" network, so neurons cannot lean on each other and each must learn a
# useful feature by itself. The paper reports substantial overfitting without dropout, at the price of
# roughly twice as many iterations to converge.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 0:57–1:07 · 10분: 0.5 곱하기(논문, 테스트 때) 대 1/(1 − p)(PyTorch,
# 학습 때). 그다음 정확도 지도: 시드 잡음보다 큰 차이만 결과라고 부릅니다.
#
# 0:57–1:07 · 10 min: × 0.5 (the paper, at test time) vs 1/(1 − p) (PyTorch, in training). Then the accuracy
# atlas: only a difference larger than the seed noise is called a result.

# %% [markdown]
# ### "출력에 0.5를 곱한다"를 정확하게 · "Multiply the outputs by 0.5", made precise
#
# 강의 노트에는 "아웃풋에 0.5를 곱해서 사용했다"라고 되어 있습니다. 정확히는, 원 논문은 **테스트 때** 모든
# 뉴런을 쓰되 출력에 0.5(= 1 − p)를 곱합니다. 학습 때는 평균적으로 절반만 켜져 있었으니 기댓값을 맞추는
# 것입니다. PyTorch의 `nn.Dropout`은 반대로 하는 **역 드롭아웃**(inverted dropout)입니다. **학습 때**
# 살아남은 뉴런에 1/(1 − p) = 2를 곱하고, 테스트 때는 아무것도 하지 않습니다. 기댓값은 두 방식이 같습니다.
#
# | | 학습 · training | 테스트 · test |
# |---|---|---|
# | 원 논문 · original (2012) | a × m, m ∈ {0, 1} | 0.5 × a |
# | PyTorch (역 드롭아웃 · inverted) | a × m / (1 − p) | a |
#
# The notes say "the outputs were multiplied by 0.5". More precisely, the original paper uses all neurons
# **at test time** and multiplies their outputs by 0.5 (= 1 − p), matching the expectation of training,
# when only half were on. PyTorch's `nn.Dropout` does the reverse, **inverted dropout**: **during training**
# the kept neurons are multiplied by 1/(1 − p) = 2, and at test time nothing happens. Both give the same
# expectation.

# %%
torch.manual_seed(0)
drop = nn.Dropout(p=0.5)
ones = torch.ones(8)
print("train():", drop.train()(ones))  # 꺼진 것은 0, 살아남은 것은 2 · dropped → 0, kept → 2
print("eval(): ", drop.eval()(ones))  # 테스트 때는 그대로 · unchanged at test time

# %% [markdown]
# 백만 개로 평균을 내 보면, 학습 때의 평균 출력이 테스트 때의 출력(1)과 같습니다. 이것이 "기댓값이 같다"는
# 뜻입니다.
#
# Averaged over a million units, the mean output in training equals the output at test time (1). That is
# what "the same expectation" means.

# %%
torch.manual_seed(0)
print(f"{drop.train()(torch.ones(1_000_000)).mean():.3f}")

# %% [markdown]
# ### 실험: 각 선택이 정확도를 얼마나 바꿀까 · Experiment: what each choice buys in accuracy
#
# AlexNet 논문의 선택(ReLU, 국소 응답 정규화(LRN), 드롭아웃, 데이터 증강)을 실습 규모 쌍둥이에서 **하나씩만**
# 바꿔 봅니다.
# 결과는 cnnlib에 들어 있는 **정확도 지도**에서 바로 옵니다. 설정마다 같은 레시피(정해진 스텝 수)로 시드
# 5개씩 미리 학습해 두었습니다. 시드마다 초기 가중치와 배치 순서가 달라서 정확도가 흔들리는데, 이 흔들림이
# **시드 잡음**입니다. 두 설정의 차이는 95% 구간이 0을 포함하지 않을 때만 "시드 잡음보다 큼"이라고
# 판정합니다. 그렇지 않으면 한 시드에서 본 차이는 우연일 수 있으니 "시드 잡음 안"이라고 말하고, 논문의
# 숫자를 함께 봅니다.
#
# We change the paper's choices — ReLU, LRN, dropout, data augmentation — **one at a time** on the lab-scale
# twin. The results come at once from cnnlib's **accuracy atlas**: every setting was trained in advance with
# the same recipe (a fixed number of steps) for five seeds. Each seed starts from other weights and sees the
# batches in another order, so the accuracy moves: that is the **seed noise**. A difference between two
# settings is called "larger than the seed noise" only when its 95 % interval excludes zero; otherwise what
# one seed shows may be luck, we say "within the seed noise", and look at the paper's number instead.

# %%
print(recipes.get("alexnet-lab").describe())
lessons = {
    "ReLU · tanh": experiments.relu_tanh_accuracy(),
    "LRN": experiments.lrn_accuracy(),
    "드롭아웃 · 증강 · dropout · augmentation": experiments.dropout_and_augmentation(),
}
for title, lesson in lessons.items():
    print(f"\n[{title}]\n{lesson.summary()}")

# %%
fig = Figure(figsize=(13, 4), layout="constrained")
axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [2, 2, 5]})
for ax, (title, lesson) in zip(axes, lessons.items(), strict=True):
    plots.seed_accuracy(lesson.cells, ax=ax)
    ax.set_title(title)
display(fig)

# %% [markdown]
# ### 무엇을 볼까요? · What to look for
#
# - **ReLU 대 tanh**: 이 실습에서는 tanh 쪽 테스트 정확도가 ReLU보다 높고(86.1% 대 58.0%), 그 차이는 시드
#   잡음보다 큽니다. 논문 그림 1과 반대로 보이지만 모순은 아닙니다. 논문이 잰 것은 포화가 일어나는 조건
#   (0–255 입력, 작은 초기화, SGD)에서 학습 오차가 떨어지는 **속도**였고, 4절의 실험이 그 조건에서는 ReLU가
#   빠르다는 것을 다시 보여 줍니다. 여기서는 입력을 정규화하고 Adam으로 학습하므로 tanh가 포화되지 않습니다.
#   ReLU의 이점은 조건에 달려 있다는 것이 이 실습이 보여 주는 것입니다.
# - **국소 응답 정규화(LRN)**: 차이가 시드 잡음 안입니다. 논문은 LRN이 top-1 오차를 1.4%p 줄였다고
#   보고했지만, VGG 논문(A 대 A-LRN)은 효과를 찾지 못했습니다.
# - **드롭아웃과 데이터 증강**: 모든 비교가 시드 잡음 안입니다. 학습 정확도 − 테스트 정확도(과적합의 크기,
#   `gap`)도 모든 설정에서 0 근처입니다. 800스텝(약 5에포크) 동안 10,000장으로는 아직 과적합이 생기지 않으니
#   처방이 할 일이 없습니다(학습 정확도는 드롭아웃과 증강을 켠 채로 잰 값이라 조금 낮게 나옵니다).
#   자르기를 넣은 두 설정은 평균이 7%p쯤 낮지만 이것도 시드 잡음 안입니다. 논문의 AlexNet은 파라미터 6천만
#   개로 120만 장을 약 90에포크 동안 학습했고, 그 규모에서는 드롭아웃과 증강이 없으면 과적합이 심했습니다.
#
# - **ReLU vs tanh**: here the tanh twin ends with a higher test accuracy than the ReLU one (86.1 % vs
#   58.0 %), a difference larger than the seed noise. That looks like the opposite of the paper's Figure 1,
#   but it is not a contradiction: the paper measured how *fast* the training error falls where units
#   saturate (0–255 inputs, small initialisation, SGD), and the experiment of section 4 shows ReLU is faster
#   there. Here the inputs are normalised and Adam trains, so tanh does not saturate. ReLU's advantage
#   depends on the regime: that is what this lab shows.
# - **LRN**: within the seed noise. The paper reported 1.4 points less top-1 error with LRN; the VGG paper
#   (A vs A-LRN) found no gain.
# - **Dropout and data augmentation**: every comparison is within the seed noise, and training minus test
#   accuracy (the size of the overfitting, `gap`) is near 0 for every setting. In 800 steps (about five
#   epochs) over 10,000 images there is no overfitting yet for a cure to cure (the training accuracy is
#   measured with dropout and augmentation on, so it comes out a little lower). The two settings with crops
#   are about 7 points lower on average, but that too is within the noise. The paper's AlexNet trained 60
#   million parameters on 1.2 million images for about 90 epochs, and at that scale it overfitted badly
#   without dropout and augmentation.

# %% [markdown]
# 한 시드를 이 컴퓨터에서 직접 다시 학습해 볼 수도 있습니다. 같은 레시피라서 결과는 위의 점들 사이에
# 떨어져야 합니다(설정 하나에 CPU로 1분쯤).
#
# You can also retrain one seed here: with the same recipe the result should land among the dots above
# (about a minute per setting on a CPU).

# %%
RUN_LIVE = False  # True로 바꾸면 학습합니다 · set to True to train
if RUN_LIVE:
    live = experiments.lrn_accuracy("live", seeds=[5], data=DATA)
    print(live.summary())

# %% [markdown]
# ### 학습된 AlexNet의 첫 층 필터 · The first-layer filters of a trained AlexNet
#
# 논문의 그림 3은 학습된 AlexNet의 첫 층 필터 96개(3×11×11)를 보여 줍니다. GPU 1의 48개는 주로 색이 없는
# 방향 필터(모서리, 줄무늬)를, GPU 2의 48개는 주로 색 덩어리를 배웠습니다. 아래 셀은 torchvision이
# ImageNet으로 학습한 가중치를 쓸 수 있으면(Colab에서는 233 MB를 내려받습니다) 그 필터를 보여 줍니다.
# torchvision의 AlexNet은 GPU 한 장용 변형(Krizhevsky 2014)이라 첫 층 필터가 96개가 아니라 64개입니다.
# 가중치를 쓸 수 없으면(인터넷이 없을 때) 실습 규모 쌍둥이를 내장 데이터셋으로 200스텝만 학습해 그 첫 층
# 필터(5×5 12개)를 보여 줍니다. 어느 쪽인지는 그림 위에 적습니다. 이 짧은 학습으로는 필터가 아직 무작위
# 초깃값과 거의 같아 보입니다. 그림 3의 모서리와 색 덩어리는 ImageNet 사진 120만 장으로 약 90번을 훑은 학습의
# 결과이기 때문입니다.
#
# The paper's Figure 3 shows the 96 first-layer filters (3×11×11) of the trained AlexNet: the 48 on GPU 1
# learned mostly colourless oriented filters (edges, stripes), the 48 on GPU 2 mostly colour blobs. The cell
# below shows the filters of the network torchvision trained on ImageNet when its weights are available (in
# Colab it downloads 233 MB). torchvision's AlexNet is the one-GPU variant (Krizhevsky 2014), so its first
# layer has 64 filters, not 96. Without the weights (no internet) it trains the lab-scale twin for just 200
# steps on the embedded dataset and shows its first-layer filters (twelve of 5×5). The line above the
# picture says which. After so short a training those filters still look much like their random start:
# the edges and colour blobs of Figure 3 took about 90 passes over 1.2 million ImageNet photos.

# %%
# NBVAL_IGNORE_OUTPUT
try:  # Colab에서만 내려받습니다 · downloads in Colab only; elsewhere only torch's cache is used
    trained, layer = pretrained("alexnet", download=in_colab()), "features.0"
    print("torchvision이 ImageNet으로 학습한 AlexNet · torchvision's AlexNet trained on ImageNet")
except cnnlib.ConfigError:
    trained, layer = atlas.lab_model("alexnet"), "features.conv1"
    fit(trained, *data.load(), steps=200, batch_size=64, seed=0, progress=False, live=False, log=False)
    print(
        "사전 학습 가중치가 없어 실습 규모 쌍둥이를 200스텝 학습했습니다 · "
        "no pretrained weights here: the lab-scale twin, trained for 200 steps"
    )
display(plots.filters(trained, layer))

# %% [markdown]
# ## 8. AlexNet 탐색기 · The AlexNet explorer
#
# 직접 바꿔 보세요. 설정을 바꾸면 층별 파라미터 표(계산식 포함)와 막대그래프가 바로 바뀝니다.
#
# - 완전 연결 층 너비를 4096에서 1024로 줄이면 전체 파라미터는 얼마나 줄까요? 정확도는 어떨까요?
# - `torchvision` 변형(64-192-384-256-256, GPU 분할 없음)과 논문 변형을 비교해 보세요.
# - 설정을 바꿀 때마다 파라미터 아래에 그 설정의 실습 정확도(정확도 지도의 시드별 값과 평균 ± 표준편차)와
#   기본 설정과의 차이, 논문의 숫자가 함께 나옵니다. 데이터 증강도 바꿔 볼 수 있습니다.
# - '학습'을 누르면 그 설정의 쌍둥이를 같은 레시피로 학습하고, 곡선을 정확도 지도의 띠 위에 그립니다.
# - 설정은 프리셋 문자열 하나로 저장되니, 친구에게 그대로 보내 줄 수 있습니다.
#
# Try it yourself. Every change of a setting updates the per-layer parameter table (with formulas) and the
# bar chart at once.
#
# - Shrink the fully connected width from 4096 to 1024: how many parameters go away? What about accuracy?
# - Compare the `torchvision` variant (64-192-384-256-256, no GPU split) with the paper's.
# - Every change also shows the setting's lab accuracy (each seed of the accuracy atlas, and mean ± s.d.), its
#   difference from the default, and the paper's numbers. Data augmentation is a setting too.
# - "Train" trains that twin with the same recipe and draws its curve over the atlas's band.
# - The whole setting is one preset string: send it to a friend as it is.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 1:07–1:12 · 5분: 노트북으로 전환해 탐색기를 직접 움직입니다(fc 4096 →
# 1024이면 파라미터가 얼마나 줄까?).
#
# 1:07–1:12 · 5 min: switch to the notebook and move the explorer live (fc 4096 → 1024: how many parameters
# go?).

# %%
# NBVAL_IGNORE_OUTPUT
AlexNetExplorer()

# %% [markdown]
# ## 9. 연습 문제 · Exercises
#
# 문제는 세 종류입니다. 숫자로 답하는 문제는 `answer = None`을 여러분의 답으로 바꾸고 셀을 실행합니다.
# **예측 문제**는 먼저 예측을 적어 두고, 다음 셀에서 정확도 지도의 측정값을 확인합니다. 예측은 한국어와
# 영어 어느 쪽으로 적어도 됩니다. **코딩 문제**는 함수를 완성하면 cnnlib이 그 함수를 직접 실행해 채점합니다.
# 맞으면 ✅, 틀리면 ❌가 나오고, 힌트는 "힌트 보기"를 눌러야 펼쳐집니다(`hint("alexnet-1")`처럼 불러도
# 됩니다). 정답은 손으로 적어 둔 것이 아니라 cnnlib과 PyTorch가 그 자리에서 계산합니다.
#
# There are three kinds of exercise. For a number, replace `answer = None` with your answer and run the
# cell. A **prediction** is written down first; the next cell then reveals the accuracy atlas's
# measurement. Predictions may be written in Korean or English. A **coding** exercise runs the function you
# complete and checks it. ✅ when right, ❌ when not; a hint unfolds only when you click "show hint" (or call
# `hint("alexnet-1")`). The expected answers are not typed in: cnnlib and PyTorch compute them on the spot.

# %% [markdown] slide=notes
# 🎤 발표자 노트 · Speaker notes — ⏱ 1:12–1:15 · 3분: 연습 문제는 과제입니다. 예측 문제 하나만 손을 들어
# 예측하게 합니다. 요약 슬라이드로 마칩니다.
#
# 1:12–1:15 · 3 min: the exercises are homework. Take a show of hands on one prediction task only. End on
# the summary slide.

# %% [markdown]
# **문제 1 (코딩).** 합성곱 출력의 한 변 크기를 계산하는 함수를 완성하세요. 입력 한 변 `w`, 필터 크기
# `f`, 패딩 `p`, 스트라이드 `s`를 받아 정수를 돌려줍니다. 아래 셀은 AlexNet의 여러 층과 논문의 224×224
# 입력을 포함한 입력 다섯 개로, PyTorch의 합성곱이 실제로 만드는 크기와 비교합니다.
#
# **Exercise 1 (coding).** Complete a function that returns the side of a convolution's output: it takes
# the input side `w`, the filter size `f`, the padding `p` and the stride `s` and returns an integer. The
# cell compares it, on five inputs including several AlexNet layers and the paper's 224×224 input, with the
# size that PyTorch's convolution actually produces.


# %%
def conv_output_size(w, f, p, s):
    return None  # ← 여기를 완성하세요 / complete this


def measured(w, f, p, s):  # PyTorch가 직접 잰 크기 · the size PyTorch measures
    conv = nn.Conv2d(1, 1, f, stride=s, padding=p, device="meta")
    return conv(torch.empty(1, 1, w, w, device="meta")).shape[-1]


sizes = [(227, 11, 0, 4), (27, 5, 2, 1), (13, 3, 1, 1), (32, 5, 2, 1), (224, 11, 0, 4)]
check_code(conv_output_size, [Case(args, measured(*args)) for args in sizes], key="alexnet-1")

# %% [markdown]
# **문제 2.** 논문의 conv4(3×3 필터 384개, 입력 채널 384)도 GPU 두 장에 나뉘어 있어서(`groups=2`) 필터마다
# 입력 채널의 절반만 봅니다. GPU 한 장에 올려 **그룹 없이** 만들면 파라미터는 몇 개일까요? 편향도 셉니다.
#
# **Exercise 2.** The paper's conv4 (384 filters of 3×3, 384 input channels) is split over two GPUs too
# (`groups=2`), so each filter sees half of the input channels. Built on one GPU **without groups**, how
# many parameters would it have? Count the biases too.

# %%
answer = None  # ← 여기에 답 / your answer
check(answer, expected=count.params(nn.Conv2d(384, 384, 3, padding=1)), key="alexnet-2")

# %% [markdown]
# **문제 3.** 완전 연결 층의 폭을 4,096에서 1,024로 줄이면 fc6의 파라미터는 몇 개일까요? 입력은 그대로
# pool5의 출력(256 채널 × 6 × 6)을 펼친 것입니다.
#
# **Exercise 3.** Shrink the fully connected width from 4,096 to 1,024. How many parameters does fc6 have
# then? Its input is still pool5's output (256 channels × 6 × 6) flattened.

# %%
answer = None  # ← 여기에 답 / your answer
check(answer, expected=count.params(nn.Linear(256 * 6 * 6, 1024)), key="alexnet-3")

# %% [markdown]
# **문제 4 (예측한 뒤 확인하기).** 위 실험에서는 드롭아웃을 끌 때의 **테스트** 정확도를 보았습니다. 이번에는
# **학습** 정확도입니다. 실습 규모 쌍둥이에서 드롭아웃을 끄면(`dropout=0.0`) 학습 정확도는 어떻게 될까요?
# `"높아진다"`, `"낮아진다"`, `"잡음 범위 안"`(차이가 시드 잡음보다 작음) 가운데 하나를 적으세요. 영어로
# `"higher"`, `"lower"`, `"within noise"`라고 적어도 됩니다. 예측을 적은 다음에 그 아래 셀을 실행하세요.
#
# **Exercise 4 (predict, then run).** The experiment above showed the **test** accuracy with dropout switched
# off; now it is the **training** accuracy. Switch dropout off in the lab-scale twin (`dropout=0.0`): what
# happens to its training accuracy? Write `"higher"`, `"lower"` or `"within noise"` (the difference is
# smaller than the seed noise), or the Korean words. Run the cell below only after your prediction.

# %%
prediction = None  # ← 여기에 예측 / your prediction
predict("alexnet-4", prediction, CHANGE)

# %%
reveal_change(
    "alexnet-4",
    changed=atlas.lookup("alexnet", dropout=0.0),
    baseline=atlas.lookup("alexnet"),
    metric="train_acc",
)

# %% [markdown]
# **문제 5.** PyTorch의 `nn.Dropout(p=0.2)`는 학습 중에 살아남은 뉴런의 출력에 얼마를 곱할까요?
#
# **Exercise 5.** During training, what does PyTorch's `nn.Dropout(p=0.2)` multiply the output of a kept
# neuron by?

# %%
answer = None  # ← 여기에 답 / your answer
check(
    answer, expected=nn.Dropout(p=0.2).train()(torch.ones(1000)).max().item(), tolerance=1e-6, key="alexnet-5"
)

# %% [markdown]
# ### 정답 확인 · Solutions
#
# 먼저 스스로 풀어 본 뒤에 실행하세요. 아래 값도 모두 cnnlib과 PyTorch가 계산한 것입니다. 문제 1의 정답은
# `measured`가 재는 크기와 같아야 하고, 문제 4의 답은 예측 셀 아래의 측정값입니다.
#
# Try the exercises yourself first, then run this cell. These values, too, are computed by cnnlib and
# PyTorch. Exercise 1's answer must match the sizes `measured` returns; exercise 4's is the measurement
# below its prediction cell.

# %%
print("1.", {args: measured(*args) for args in sizes})
print("2.", f"{count.params(nn.Conv2d(384, 384, 3, padding=1)):,}")
print("3.", f"{count.params(nn.Linear(256 * 6 * 6, 1024)):,}")
print("5.", 1 / (1 - nn.Dropout(p=0.2).p))

# %% [markdown]
# ## 요약 · Summary
#
# - 깊을수록 대체로 좋지만 무조건은 아니고, 한 단계 깊어질 때마다 새 기술이 필요했습니다. AlexNet의 기술은
#   ReLU, 드롭아웃, 데이터 증강, GPU 두 장입니다.
# - AlexNet = 합성곱 층 5개(96-256-384-384-256) + 완전 연결 층 3개(4096-4096-1000), 파라미터 60,965,224개.
#   입력은 논문의 224가 아니라 227이어야 계산이 맞습니다.
# - 파라미터 = 입력 채널 × (k×k) × 출력 채널 + 편향. 그룹 합성곱은 입력 채널을 그룹 수로 나눕니다. 필터 수 =
#   출력 채널 수.
# - 파라미터의 96%는 완전 연결 층에, 계산(MAC)의 92%는 합성곱 층에 있습니다.
# - ReLU는 양수 쪽에서 포화되지 않아(기울기(slope) 1) tanh처럼 기울기를 줄이지 않습니다. 다만 음수
#   쪽 기울기(slope)는 0이라, 입력이 늘 음수인 뉴런은 더 배우지 못합니다("죽은 ReLU").
# - 국소 응답 정규화(LRN)는 이웃 채널을 누르는 측면 억제입니다. VGG는 효과가 없어 뺐고, GoogLeNet은
#   스템(입력부)에 남겼으며, 그 뒤 배치 정규화가 그 자리를 대신했습니다.
# - 데이터 증강(뒤집기, 자르기, PCA 색)과 드롭아웃은 과적합을 줄입니다. 원 논문은 테스트 때 0.5를 곱하고,
#   PyTorch는 학습 때 1/(1 − p)를 곱합니다. 기댓값은 같습니다.
#
# - Deeper tends to be better, but not unconditionally: each step deeper needed a new technique. AlexNet's
#   were ReLU, dropout, data augmentation and two GPUs.
# - AlexNet = 5 convolutional layers (96-256-384-384-256) + 3 fully connected layers (4096-4096-1000),
#   60,965,224 parameters. The arithmetic works for a 227 input, not the paper's 224.
# - Parameters = input channels × (k×k) × output channels + bias; a grouped convolution divides the input
#   channels by the groups. Number of filters = number of output channels.
# - 96% of the parameters are in the fully connected layers, 92% of the computation (MACs) in the
#   convolutions.
# - ReLU does not saturate for positive inputs (slope 1), so unlike tanh it does not shrink the gradient
#   there; its slope is 0 for negative inputs, so a unit whose input is always negative stops learning
#   (a "dying ReLU").
# - Local response normalization (LRN) is lateral inhibition across neighbouring channels. VGG found it
#   useless and dropped it, GoogLeNet kept it in its stem, and batch normalization later took its place.
# - Data augmentation (flip, crop, PCA colour) and dropout reduce overfitting. The original multiplies by 0.5
#   at test time, PyTorch by 1/(1 − p) during training: the same expectation.
#
# 다음 강의(02 VGG)에서는 큰 필터 대신 3×3 필터만 쌓아 16–19층까지 깊어집니다.
#
# In the next lecture (02 VGG) the network goes 16–19 layers deep by stacking nothing but 3×3 filters.

# %% [markdown]
# ## 참고 문헌 · References
#
# 원 논문을 꼭 직접 읽어 보세요. AlexNet 논문은 9쪽으로 짧고, 이 노트북의 모든 기술(ReLU, 두 GPU,
# 국소 응답 정규화, 겹치는 풀링, 데이터 증강, 드롭아웃)이 3–4절에 차례로 나옵니다. 드롭아웃 논문은 과적합을
# 줄이는 이 방법을 자세히 분석합니다.
#
# Do read the original papers. The AlexNet paper is only nine pages, and every technique in this notebook
# (ReLU, two GPUs, LRN, overlapping pooling, data augmentation, dropout) appears in turn in its sections 3–4.
# The dropout paper analyses this way of reducing overfitting in depth.
#
# - AlexNet: A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet Classification with Deep Convolutional
#   Neural Networks", NeurIPS 2012.
#   [papers.nips.cc](https://papers.nips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html)
# - ReLU: V. Nair, G. E. Hinton, "Rectified Linear Units Improve Restricted Boltzmann Machines", ICML 2010.
#   [ICML 2010](https://icml.cc/Conferences/2010/papers/432.pdf)
# - 드롭아웃 · dropout: N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov, "Dropout: A
#   Simple Way to Prevent Neural Networks from Overfitting", JMLR 15, 2014.
#   [jmlr.org](https://jmlr.org/papers/v15/srivastava14a.html)
# - VGG (LRN이 도움이 되지 않았다는 보고 · the report that LRN did not help): K. Simonyan, A. Zisserman, ICLR
#   2015. [arXiv:1409.1556](https://arxiv.org/abs/1409.1556)
# - GoogLeNet (스템에 국소 응답 정규화를 둔 합성곱 신경망 · LRN in its stem): C. Szegedy 외 · et al., "Going
#   Deeper with Convolutions", CVPR 2015. [arXiv:1409.4842](https://arxiv.org/abs/1409.4842)
# - 배치 정규화 (LRN을 뺀 근거, 4.2.1절 · why LRN was removed, §4.2.1): S. Ioffe, C. Szegedy, "Batch
#   Normalization", ICML 2015. [arXiv:1502.03167](https://arxiv.org/abs/1502.03167)
# - 강의 노트의 참고 자료 · the lecture notes' source: [taewan.kim/post/cnn](http://taewan.kim/post/cnn/)
