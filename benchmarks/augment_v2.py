"""AlexNet's crop and flip: torchvision v2 on a generator of its own vs the earlier hand-written code.

``python benchmarks/augment_v2.py`` writes ``results/augment_v2.md``: whether the draws are the same
(so the atlas cells trained with the earlier code are reproduced image for image) and what a batch of
64 images of 32×32 costs through ``ImageDataset.get_batch``, next to one AlexNet lab training step.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch
import torch.nn.functional as F

from cnnlib import atlas, data
from cnnlib.reproduce import crop_flip

RESULTS = Path(__file__).resolve().parent / "results" / "augment_v2.md"


class EarlierCropFlip:
    """cnnlib's hand-written crop and flip before it used torchvision (kept here to compare)."""

    def __init__(self, size: int, padding: int, generator: torch.Generator, p_flip: float = 0.5) -> None:
        self.size, self.padding, self.generator, self.p_flip = size, padding, generator, p_flip

    def __call__(self, image: torch.Tensor) -> torch.Tensor:
        p = self.padding
        image = F.pad(image, (p, p, p, p), mode="reflect")
        h, w = image.shape[-2:]
        top = int(torch.randint(0, h - self.size + 1, (1,), generator=self.generator))
        left = int(torch.randint(0, w - self.size + 1, (1,), generator=self.generator))
        crop = image[..., top : top + self.size, left : left + self.size]
        return crop.flip(-1) if torch.rand(1, generator=self.generator).item() < self.p_flip else crop


def median_ms(call, repeats: int = 40) -> float:
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)


def main() -> None:
    torch.set_num_threads(1)
    train, _ = data.load(train_size=1000, test_size=100)
    index = torch.arange(64)

    def earlier(seed: int | None) -> data.ImageDataset:
        return train.with_transform(EarlierCropFlip(32, 4, torch.Generator().manual_seed(seed or 0)))

    def v2(seed: int | None) -> data.ImageDataset:
        generator = None if seed is None else torch.Generator().manual_seed(seed)
        return train.with_transform(data.RandomCropFlip(32, 4, generator=generator))

    same = all(
        torch.equal(earlier(seed).get_batch(torch.arange(1000))[0], v2(seed).get_batch(torch.arange(1000))[0])
        for seed in range(5)
    )
    rows = {
        "earlier hand-written, generator": median_ms(lambda: earlier(0).get_batch(index)),
        "torchvision v2, generator (fork_rng)": median_ms(lambda: v2(0).get_batch(index)),
        "torchvision v2, global stream": median_ms(lambda: v2(None).get_batch(index)),
        "no augmentation": median_ms(lambda: train.get_batch(index)),
    }
    images = torch.rand(64, 3, 32, 32)
    rows["`reproduce.crop_flip`, whole batch in one gather"] = median_ms(
        lambda: crop_flip(images, 4, torch.Generator().manual_seed(0))
    )
    model = atlas.lab_model("alexnet")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = train.get_batch(index)

    def step() -> None:
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()

    step_ms = median_ms(step, repeats=10)
    extra = rows["torchvision v2, generator (fork_rng)"] - rows["earlier hand-written, generator"]
    lines = [
        "# AlexNet's crop and flip: torchvision v2 vs the earlier hand-written code",
        "",
        f"Machine: {os.cpu_count()} CPU cores ({platform.machine()}), torch {torch.__version__}, "
        f"1 thread; load average at start {os.getloadavg()[0]:.1f}. "
        "Measured by `python benchmarks/augment_v2.py`.",
        "",
        "Same images as the earlier code for 5 seeds × 1 000 images (pad 4, reflect, crop 32, flip 0.5): "
        f"**{same}** — torchvision makes the same random calls in the same order, so atlas cells trained "
        "before are reproduced.",
        "",
        "| `get_batch` of 64 images, 32×32, `RandomCropFlip(32, 4)` | median ms |",
        "|---|---|",
        *[f"| {name} | {ms:.2f} |" for name, ms in rows.items()],
        f"| one AlexNet lab training step (batch 64, Adam) | {step_ms:.1f} |",
        "",
        f"The torchvision path costs {extra:.1f} ms more per batch (its dispatch per image, and saving and "
        f"restoring the random state): {100 * extra / step_ms:.0f} % of an AlexNet lab training step, only "
        "in runs with crop and flip.",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
