"""The four lecture notebooks, top to bottom in fresh kernels, next to one competing process.

Run: ``python benchmarks/notebooks_under_load.py`` → ``benchmarks/results/notebooks_under_load.md``.

Why (issue 16): a lecturer's laptop is never idle. Each notebook runs as ``tools/notebooks.py
execute`` runs it (nbclient, a fresh ``python3`` kernel, working directory ``notebooks/``; the
stored notebooks are not touched: a copy is executed), with OpenMP's default waiting (a student's
kernel), under three settings:

* idle, cnnlib's thread policy (``auto``);
* one competitor, the thread count pinned at torch's default (``CNNLIB_THREADS`` = cores: what
  cnnlib did before the policy);
* one competitor, cnnlib's thread policy.

The competitor is another torch training with torch's defaults (a lab GoogLeNet, 2 threads,
OpenMP's default waiting: the worst of the competitors in ``thread_policy.py``), started before
each notebook and stopped after it.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
RESULTS = ROOT / "benchmarks" / "results" / "notebooks_under_load.md"
NAMES = ["01_alexnet", "02_vgg", "03_googlenet", "04_resnet"]
SETTINGS = {
    "idle, auto": (False, None),
    "one competitor, pinned at torch's default (before)": (True, str(os.cpu_count() or 1)),
    "one competitor, auto (after)": (True, None),
}
COMPETITOR = """
import time, torch, torch.nn.functional as F
from cnnlib import atlas, data
train, _ = data.load("shapes")
model = atlas.lab_model("googlenet", {})
opt = torch.optim.Adam(model.parameters(), 1e-3)
end = time.time() + 3600
while time.time() < end:
    images, labels = train.get_batch(torch.randint(len(train), (64,)))
    loss = F.cross_entropy(model(images), labels)
    opt.zero_grad(); loss.backward(); opt.step()
"""


def run_notebook(name: str, threads: str | None) -> float:
    """Seconds to execute one notebook in a fresh kernel with the given CNNLIB_THREADS."""
    os.environ.pop("OMP_WAIT_POLICY", None)
    if threads is None:
        os.environ.pop("CNNLIB_THREADS", None)
    else:
        os.environ["CNNLIB_THREADS"] = threads
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    start = time.monotonic()
    NotebookClient(
        notebook, timeout=3600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()
    return time.monotonic() - start


def main() -> None:
    load_before = os.getloadavg()[0]
    seconds: dict[str, dict[str, float]] = {}
    for setting, (compete, threads) in SETTINGS.items():
        seconds[setting] = {}
        for name in NAMES:
            env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "CNNLIB_THREADS")}
            env["CNNLIB_THREADS"] = str(os.cpu_count() or 1)  # torch's defaults, whatever cnnlib does
            rival = subprocess.Popen([sys.executable, "-c", COMPETITOR], env=env) if compete else None
            time.sleep(5 if rival else 0)  # past its start-up
            try:
                seconds[setting][name] = run_notebook(name, threads)
            finally:
                if rival:
                    rival.kill()
                    rival.wait()
            print(setting, name, round(seconds[setting][name], 1), flush=True)
    write(seconds, load_before, os.getloadavg()[0])


def write(seconds: dict[str, dict[str, float]], load_before: float, load_after: float) -> None:
    import torch

    idle = sum(seconds["idle, auto"].values())
    lines = [
        "## The four notebooks next to one competing process",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}; 1-minute load "
        f"average before {load_before:.1f}, after {load_after:.1f}. "
        "`python benchmarks/notebooks_under_load.py`: "
        "each notebook top to bottom in a fresh kernel (nbclient), OpenMP's default waiting; the competitor "
        "is another torch training with torch's defaults (lab GoogLeNet, 2 threads), started before each "
        "notebook and stopped after it. One run per cell (a whole notebook is its own average).",
        "",
        "| setting | " + " | ".join(NAMES) + " | total | × idle |",
        "|---|" + "---:|" * (len(NAMES) + 2),
    ]
    for setting, row in seconds.items():
        total = sum(row.values())
        cells = " | ".join(f"{row[n]:.0f} s" for n in NAMES)
        lines.append(f"| {setting} | {cells} | {total:.0f} s | {total / idle:.2f}× |")
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
