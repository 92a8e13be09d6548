"""Error and status messages: knob checks, builders, data, training, the atlas, the command line.

key -> (Korean, English). Terms follow cnnlib.i18n.GLOSSARY and docs/GLOSSARY.md.
"""

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
    "pretrained.allowed.tampered": (
        "손상된 파일({path})을 지우고 다시 내려받기",
        "delete the damaged file {path} and download it again",
    ),
    "pretrained.problem.tampered": (
        "파일의 SHA-256 값은 {actual}…인데, torchvision이 기대하는 값은 {expected}…입니다",
        "the file's SHA-256 begins {actual}… but torchvision expects {expected}…",
    ),
    "error.sentence": (
        "설정 '{knob}'의 값 {value|은} 사용할 수 없습니다{detail}. 가능한 값: {allowed}.",
        "Setting '{knob}' = {value} is not allowed{detail}. Allowed: {allowed}.",
    ),
    # --- training (cnnlib.train) ---
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
    "train.allowed.lab_recipe": (
        "fit이 따르는 레시피(모멘텀 0.9, 데이터셋의 증강). {fields}까지 바꾼 레시피는 "
        "cnnlib.reproduce.train(python -m cnnlib train)으로 학습합니다",
        "a recipe fit can follow (momentum 0.9, the dataset's own augmentation); one that also sets "
        "{fields} is trained by cnnlib.reproduce.train (python -m cnnlib train)",
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
    # --- the Colab setup cell of every notebook (tools/notebooks.py writes them into it) ---
    "colab.unreachable": (
        "저장소 {url}(브랜치 {branch})에 연결할 수 없어 cnnlib을 설치하지 못했으니, 인터넷 연결을 확인하고 "
        "저장소가 옮겨졌다면 이 셀의 REPOSITORY를 새 주소로 고친 뒤 셀을 다시 실행하세요.",
        "cnnlib was not installed because the repository {url} (branch {branch}) cannot be reached: "
        "check the internet connection and, if the repository has moved, set REPOSITORY in this cell to "
        "its new address, then run the cell again.",
    ),
    # --- datasets and augmentation (cnnlib.data) ---
    "data.describe": (
        "{name} {split} 데이터: 이미지 {n:,}장({c}×{h}×{w}), 클래스 {k}개",
        "{name}, {split} split: {n:,} images of {c}×{h}×{w}, {k} classes",
    ),
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
    "cli.help.summary": ("층별 파라미터 표", "per-layer parameter table"),
    "cli.help.list": ("모델 이름 목록", "known model names"),
    "cli.help.atlas": ("정확도 지도(atlas) 만들기·늘리기", "build or extend the accuracy atlas"),
    "cli.help.train": ("논문 레시피로 학습", "train with a paper's recipe"),
    "cli.trained": (
        "{name}: {steps}스텝 뒤 테스트 정확도 {acc}",
        "{name}: test accuracy {acc} after {steps} steps",
    ),
    "atlas.what": ("정확도 지도", "The accuracy atlas"),
    "experiments.what": ("실험 결과", "The lesson's result"),
    "experiments.allowed.data": (
        "None(내장 데이터셋) 또는 cnnlib.data.load()가 돌려준 (train, test)",
        "None (the embedded dataset) or the (train, test) pair cnnlib.data.load() returns",
    ),
    "experiments.cache.allowed": (
        "쓸 수 있는 폴더 (또는 변수를 지우면 저장하지 않음)",
        "a writable folder (or unset it to store nothing)",
    ),
    "experiments.cache.problem": ("폴더에 쓸 수 없습니다: {error}", "the folder cannot be written: {error}"),
    "recipe.about.lab": (
        "실습 규모(32×32, 내장 데이터셋) 레시피: 배치 64, Adam, 워밍업 뒤 코사인 감쇠, 800스텝(약 5에포크), "
        "테스트 데이터 전체(2,000장)로 평가합니다.",
        "Lab-scale recipe (32×32, the embedded dataset): batch 64, Adam, warm-up then cosine decay, "
        "800 steps (about five epochs), evaluated on the whole test split (2,000 images).",
    ),
    "recipe.about.resnet-cifar": (
        "He 외(2016) 4.2절: 배치 128, 모멘텀 0.9 SGD, 가중치 감쇠 1e-4, 학습률 0.1을 32k·48k 스텝에서 10으로 "
        "나누고 64k 스텝(164에포크)에서 끝냅니다. 4픽셀 패딩 + 무작위 자르기 + 좌우 뒤집기.",
        "He et al. (2016) §4.2: batch 128, SGD momentum 0.9, weight decay 1e-4, lr 0.1 divided by 10 at "
        "32k and 48k steps, 64k steps (164 epochs); 4-pixel padding + random crop + horizontal flip.",
    ),
    "recipe.about.resnet110-cifar": (
        "resnet-cifar에 ResNet-110의 워밍업을 더한 것: 처음 400스텝은 학습률 0.01, 그 뒤 0.1(4.2절).",
        "resnet-cifar plus ResNet-110's warm-up: lr 0.01 for the first 400 steps, then 0.1 (§4.2).",
    ),
    "recipe.about.vgg-cifar": (
        "AlexNet·VGG 논문의 SGD(모멘텀 0.9, 가중치 감쇠 5e-4, 학습률 0.01을 세 번 10으로 나눔)를 "
        "resnet-cifar와 같은 배치 128, 64k 스텝, 데이터 증강에 맞춘 것: 32k·48k·56k에서 나눕니다.",
        "The AlexNet and VGG papers' SGD (momentum 0.9, weight decay 5e-4, lr 0.01 divided by 10 three "
        "times) on resnet-cifar's batch 128, 64k steps and augmentation: divided at 32k, 48k and 56k.",
    ),
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
    "models.allowed.inception_row": (
        "논문 표 1의 한 줄처럼 정수 {n}개를 이 순서로: {names}",
        "{n} whole numbers in this order, like a row of the paper's Table 1: {names}",
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
    # What to do when pretrained()'s download fails; the problem is data.download.<cause>.problem.
    "pretrained.allowed.network": (
        "인터넷에 연결된 뒤 다시 실행, 또는 파일을 {path}에 두기",
        "run again when online, or put the file at {path}",
    ),
    "pretrained.allowed.disk": (
        "디스크에 {size} 이상 자리를 만든 뒤 다시 실행, 또는 환경 변수 TORCH_HOME으로 다른 폴더 지정",
        "free at least {size} on that disk and run again, or choose another folder with the TORCH_HOME "
        "environment variable",
    ),
    "pretrained.allowed.corrupt": (
        "다시 실행(새로 내려받음 — 계속 손상되면 프록시나 네트워크가 파일을 바꾸는지 확인), "
        "또는 올바른 파일을 {path}에 두기",
        "run again (it downloads afresh — if it keeps failing, a proxy or the network may be changing "
        "the file), or put the right file at {path}",
    ),
}
