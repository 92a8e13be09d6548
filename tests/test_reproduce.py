"""Paper-scale training: torchrun with two CPU processes, kill and resume, the command line.

Everything runs on the CPU on a few hundred embedded images with a tiny network, so the machinery
is tested, not the accuracy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import torch

from cnnlib import ConfigError, reproduce
from cnnlib.__main__ import main

ROOT = Path(__file__).resolve().parent.parent

# A tiny run, written out as a script because torchrun and the kill test start it as a new process.
SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    import torch
    from torch import nn
    from cnnlib import data, reproduce
    from cnnlib.recipes import Recipe

    torch.set_num_threads(1)  # the same arithmetic in every process, and as in the test itself
    # 256 images, batch 32: 8 steps an epoch, 5 epochs; the papers' schedule and augmentation in small.
    RECIPE = Recipe("tiny", steps=40, batch_size=32, optimizer="sgd", lr=0.05, schedule="multistep",
                    milestones=(20, 32), weight_decay=1e-4, augment="crop_flip")

    def model():  # no batch norm and no dropout: those differ by design between 1 and 2 processes
        torch.manual_seed(0)
        return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(4), nn.Flatten(),
                             nn.Linear(8 * 8 * 8, 10))

    def run(out, resume=False, callback=None):
        pair = data.load("shapes", train_size=256, test_size=64)
        return reproduce.train(model(), pair, RECIPE, out=out, resume=resume, device="cpu",
                               progress=False, log=False, callback=callback)

    def kill_after_epoch_2(history):  # a real SIGKILL, right after the checkpoint of epoch 2
        if len(history.epoch) == 2:
            os.kill(os.getpid(), signal.SIGKILL)

    if __name__ == "__main__":
        run(sys.argv[1], callback=kill_after_epoch_2 if "--kill" in sys.argv else None)
    """
)


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """The script's module, imported here too, with torch on one thread as in the script."""
    (tmp_path / "tiny_run.py").write_text(SCRIPT)
    monkeypatch.syspath_prepend(str(tmp_path))
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    import tiny_run

    yield tiny_run
    torch.set_num_threads(threads)
    sys.modules.pop("tiny_run", None)


def _python(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def _weights(folder: Path) -> dict[str, torch.Tensor]:
    return torch.load(folder / reproduce.WEIGHTS, weights_only=True)


def test_two_processes_under_torchrun_reach_the_weights_of_one(tiny, tmp_path):
    one = tmp_path / "one"
    history = tiny.run(one)
    assert history.steps == 40 and len(history.test_acc) == 5  # an evaluation after every epoch
    two = tmp_path / "two"
    launch = ("-m", "torch.distributed.run", "--nproc-per-node", "2", "--standalone", "tiny_run.py", str(two))
    result = _python(*launch, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[:3000] + "\n…\n" + result.stderr[-3000:]
    a, b = _weights(one), _weights(two)
    # The same images, crops and flips in every step; DDP averages two half-batch gradients where one
    # process sums the whole batch at once, so only the order of float additions differs (≈ 1e-7 per
    # step, measured 2e-7 after 40 steps): 1e-5 leaves room, while a wrong batch or crop moves the
    # weights by about 1e-2.
    assert a.keys() == b.keys()
    assert all(torch.allclose(a[k], b[k], rtol=0, atol=1e-5) for k in a)
    log = torch.load(two / reproduce.CHECKPOINT, weights_only=True)
    assert log["run"]["processes"] == 2 and log["epochs_done"] == 5


def test_a_killed_run_resumes_to_the_same_weights_bit_for_bit(tiny, tmp_path):
    whole = tmp_path / "whole"
    tiny.run(whole)
    killed = tmp_path / "killed"
    result = _python("tiny_run.py", str(killed), "--kill", cwd=tmp_path)
    assert result.returncode == -9  # SIGKILL: nothing was cleaned up
    assert torch.load(killed / reproduce.CHECKPOINT, weights_only=True)["epochs_done"] == 2
    assert not (killed / reproduce.WEIGHTS).exists()
    history = tiny.run(killed, resume=True)
    a, b = _weights(whole), _weights(killed)
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert history.steps == 40 and history.epoch == [1.0, 2.0, 3.0, 4.0, 5.0]  # the History goes on too
    assert history.test_acc == tiny.run(tmp_path / "again").test_acc


def test_resume_refuses_another_run_and_a_new_run_refuses_a_used_folder(tiny, tmp_path):
    tiny.run(tmp_path / "out")
    with pytest.raises(ConfigError) as caught:
        tiny.run(tmp_path / "out")  # would overwrite the checkpoint
    assert caught.value.knob == "out"
    pair = tiny.data.load("shapes", train_size=256, test_size=64)
    with pytest.raises(ConfigError) as caught:
        reproduce.train(tiny.model(), pair, tiny.RECIPE, out=tmp_path / "out", resume=True, seed=1, log=False)
    assert caught.value.knob == "resume" and "seed" in caught.value.en


def test_crops_do_not_depend_on_how_many_processes_share_the_batch():
    images = torch.rand(6, 3, 8, 8)
    whole = reproduce.crop_flip(images, 2, torch.Generator().manual_seed(0))
    for rank in (0, 1):
        share = reproduce.crop_flip(images[rank::2], 2, torch.Generator().manual_seed(0), share=(rank, 2))
        assert torch.equal(share, whole[rank::2])
    assert whole.shape == images.shape
    # every output is a shifted (and maybe mirrored) window of the zero-padded image
    padded = torch.nn.functional.pad(images, (2,) * 4)
    windows = [padded[0, :, t : t + 8, s : s + 8] for t in range(5) for s in range(5)]
    assert any(torch.equal(whole[0], w) or torch.equal(whole[0], w.flip(-1)) for w in windows)


def test_a_model_by_name_is_built_for_the_data(tmp_path):
    from cnnlib import data
    from cnnlib.recipes import Recipe

    pair = data.load("shapes", train_size=64, test_size=32)
    recipe = Recipe("two-steps", steps=2, batch_size=32, optimizer="sgd", lr=0.1, schedule="multistep")
    history = reproduce.train(
        "resnet8_cifar", pair, recipe, width=0.25, device="cpu", progress=False, log=False
    )
    assert history.name == "resnet8_cifar" and history.steps == 2 and history.recipe == recipe.identity


@pytest.mark.parametrize(
    ("args", "knob"),
    [
        (["train", "resnet9000x"], "'name'"),
        (["train", "resnet20_cifar", "--recipe", "resnet-imagenet"], "'recipe'"),
        (["train", "resnet20_cifar", "--data", "mnist"], "'dataset'"),
        (["train", "resnet20_cifar", "--data", "shapes", "--resume"], "'resume'"),
    ],
)
def test_bad_command_lines_exit_2_with_a_bilingual_message(args, knob, capsys, tmp_path):
    assert main(args) == 2
    err = capsys.readouterr().err
    korean, english = err.strip().splitlines()[-2:]
    assert knob in korean and knob in english and "설정" in korean and "Setting" in english


def test_a_resume_folder_without_a_checkpoint_exits_2_without_a_traceback(tmp_path):
    args = ("-m", "cnnlib", "train", "resnet20_cifar", "--data", "shapes", "--out", str(tmp_path), "--resume")
    result = _python(*args, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "checkpoint.pt" in result.stderr and "설정 'resume'" in result.stderr


def test_the_readme_quotes_the_papers_table_6_and_names_real_recipes():
    from cnnlib import papers, recipes

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 더 나아가기 · Going further") :]
    for row in papers.results_for("resnet", variant="cifar", skip=True):
        assert f"{row.error:g} %" in section, row.model
    for recipe in ("resnet-cifar", "resnet110-cifar", "vgg-cifar", "resnet-lab"):
        assert f"--recipe {recipe}" in section or recipe in section
        assert recipe in recipes.RECIPES
