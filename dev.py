#!/usr/bin/env python3
"""Developer commands for cnnlib: the two commands of the README's Quick start.

    python3 dev.py lab  [jupyter lab options]   install cnnlib[lab] into .venv, open JupyterLab in notebooks/
    python3 dev.py test [pytest options/paths]  install cnnlib[lab,test] into .venv (and Debian's chromium
                                                for the browser tests), run ruff and pytest

개발용 명령입니다. ``lab``은 .venv를 준비한 뒤 notebooks/에서 JupyterLab을 열고,
``test``는 전체 테스트를 돌립니다.

Standard library only, so it runs before anything is installed. The virtual environment is always
``.venv`` in the repository (not whatever venv happens to be active), or the path in ``CNNLIB_VENV``.
pip runs only when pyproject.toml or .ci/constraints.txt changed since the last successful install:
a stamp file in the venv records their hash and the extras installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("CNNLIB_VENV") or ROOT / ".venv").expanduser().absolute()
CONSTRAINTS = ROOT / ".ci" / "constraints.txt"
NOTEBOOKS = ROOT / "notebooks"
WINDOWS = os.name == "nt"
PIP = ["-m", "pip", "install", "--disable-pip-version-check"]


# --- running commands -----------------------------------------------------------------------------


def venv_python(venv: Path) -> Path:
    return venv / "Scripts" / "python.exe" if WINDOWS else venv / "bin" / "python"


def venv_environ(venv: Path) -> dict[str, str]:
    """os.environ as if ``venv`` were activated, so tools started by our tools find the venv first."""
    env = dict(os.environ, VIRTUAL_ENV=str(venv))
    env["PATH"] = os.pathsep.join([str(venv_python(venv).parent), env.get("PATH", "")])
    env.pop("PYTHONHOME", None)
    return env


def run(cmd: list[str | Path], venv: Path = VENV) -> int:
    """Print a command, run it in the repository root, return its exit code."""
    args = [str(part) for part in cmd]
    print(f"==> {shlex.join(args)}", flush=True)
    return subprocess.call(args, cwd=ROOT, env=venv_environ(venv))


def check(cmd: list[str | Path], venv: Path = VENV) -> None:
    """Run a command; stop dev.py if it fails."""
    code = run(cmd, venv)
    if code != 0:
        sys.exit(f"dev.py: command failed with exit code {code}")


# --- the virtual environment ----------------------------------------------------------------------


def fingerprint() -> str:
    """Hash of everything that decides what gets installed (and where the editable install points)."""
    digest = hashlib.sha256(str(ROOT).encode())
    for path in (ROOT / "pyproject.toml", CONSTRAINTS):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_venv(extras: list[str], venv: Path = VENV) -> Path:
    """Create ``venv`` if needed and install ``cnnlib[extras]`` into it unless the stamp says it is there.

    torch and torchvision are installed first with the pins of .ci/constraints.txt, but only when torch
    is not importable yet: an environment that already has a torch keeps it (pyproject has lower bounds).
    Returns the venv's python.
    """
    python = venv_python(venv)
    if not python.exists():
        check([sys.executable, "-m", "venv", venv], venv)

    stamp_file = venv / "cnnlib-dev-stamp.json"
    stamp = json.loads(stamp_file.read_text()) if stamp_file.exists() else {}
    if stamp.get("fingerprint") != fingerprint():
        stamp = {"fingerprint": fingerprint(), "extras": []}
    if set(extras) <= set(stamp["extras"]):
        print(f"==> {venv}: cnnlib[{','.join(extras)}] is installed (stamp matches; pip skipped)", flush=True)
        return python

    has_torch = subprocess.call([python, "-c", "import torch"], stderr=subprocess.DEVNULL) == 0
    if not has_torch:
        check([python, *PIP, "-c", CONSTRAINTS, "torch", "torchvision"], venv)
    check([python, *PIP, "-e", f".[{','.join(extras)}]"], venv)

    stamp["extras"] = sorted({*stamp["extras"], *extras})
    stamp_file.write_text(json.dumps(stamp, indent=1) + "\n")
    return python


# --- the browser of tests/test_browser.py ---------------------------------------------------------

# Debian's packages: the Chromium that Playwright drives (it never downloads a browser of its own),
# and a Korean font so the screenshots show Hangul, not boxes.
BROWSER_PACKAGES = {
    "chromium": Path("/usr/bin/chromium"),
    "fonts-nanum": Path("/usr/share/fonts/truetype/nanum"),
}


def ensure_browser() -> None:
    """Install Debian's chromium and fonts-nanum unless present (or CNNLIB_CHROMIUM names a browser).

    Where apt-get is missing or fails, say so and go on: the browser tests then fail with the same
    advice, and every other test still runs.
    """
    if os.environ.get("CNNLIB_CHROMIUM"):
        return
    missing = [package for package, path in BROWSER_PACKAGES.items() if not path.exists()]
    if not missing:
        return
    apt = shutil.which("apt-get")
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if apt is None or not (root or shutil.which("sudo")):
        print(
            f"dev.py: cannot install {', '.join(missing)} here (no apt-get, or not root and no sudo). "
            "The browser tests need Chromium: install it, or set CNNLIB_CHROMIUM=/path/to/chromium.",
            flush=True,
        )
        return
    command = [*([] if root else ["sudo", "-n"]), apt]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = [*command, "install", "-y", *missing]  # with recommends, as checked on this kind of machine
    for attempt in ([install], [[*command, "update"], install]):  # stale package lists: update, retry
        for cmd in attempt:
            print(f"==> {shlex.join(cmd)}", flush=True)
            if subprocess.call(cmd, env=env) != 0:
                break
        else:
            return
    print(f"dev.py: apt-get could not install {', '.join(missing)}; the browser tests will fail.", flush=True)


# --- commands ---------------------------------------------------------------------------------------


def lab(args: list[str]) -> int:
    """Install cnnlib[lab] and replace this process with ``jupyter lab`` started in notebooks/."""
    python = ensure_venv(["lab"])
    NOTEBOOKS.mkdir(exist_ok=True)
    cmd = [str(python), "-m", "jupyterlab", *args]
    print(f"==> cd {NOTEBOOKS} && jupyter lab {shlex.join(args)}", flush=True)
    os.chdir(NOTEBOOKS)
    if WINDOWS:  # os.exec* on Windows starts a new process and returns at once; wait for it instead
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for Jupyter (it asks to confirm)
        return subprocess.call(cmd, env=venv_environ(VENV))
    os.execve(cmd[0], cmd, venv_environ(VENV))


class Step(NamedTuple):
    name: str
    command: list[str | Path]


def pytest_targets(pytest_args: list[str]) -> list[str]:
    """tests/ and, once there are notebooks, notebooks/ under nbval (strict); none if the user named paths."""
    if any(not a.startswith("-") and (ROOT / a.split("::")[0]).exists() for a in pytest_args):
        return []
    targets = ["tests"]
    if any(NOTEBOOKS.glob("*.ipynb")):
        targets += ["notebooks", "--nbval"]
        if (NOTEBOOKS / "sanitize.cfg").exists():
            targets += ["--nbval-sanitize-with", "notebooks/sanitize.cfg"]
    return targets


def test_steps(pytest_args: list[str]) -> list[Step]:
    """The whole test suite, in order. To add a check, append a Step here."""
    python = ensure_venv(["lab", "test"])
    # The widget tests once more under ipywidgets 7.7.1, the version Colab runs: the overlay folder
    # holds only ipywidgets 7.7.1 and ipython_genutils (the one module it imports that .venv lacks)
    # and goes in front of .venv's ipywidgets 8 on sys.path. pip runs only while it is missing.
    overlay = ROOT / ".venv-ipywidgets7"
    if not (overlay / "ipywidgets-7.7.1.dist-info").is_dir():
        pins = ["ipywidgets==7.7.1", "ipython_genutils==0.2.0"]
        check([python, *PIP, "--upgrade", "--no-deps", "--target", overlay, *pins])
    colab_widgets = (
        f"import os, sys; sys.path.insert(0, {str(overlay)!r}); os.environ['CNNLIB_EXPECT_IPYWIDGETS'] = "
        "'7.7.1'; import pytest; sys.exit(pytest.main(['-p', 'no:cacheprovider', 'tests/test_widgets.py']))"
    )
    return [
        Step("ruff check", [python, "-m", "ruff", "check", "."]),
        Step("ruff format", [python, "-m", "ruff", "format", "--check", "."]),
        Step("pytest", [python, "-m", "pytest", *pytest_targets(pytest_args), *pytest_args]),
        Step("widgets, ipywidgets 7.7.1", [python, "-c", colab_widgets]),
    ]


def test(args: list[str]) -> int:
    """Run every step (a failing step does not hide the others); fail if any step failed.

    The training lessons of cnnlib.experiments are remembered for this one run (a fresh folder in
    CNNLIB_EXPERIMENT_CACHE): the unit tests, the browser test and nbval train each lesson once
    instead of three times. Each still trains for real the first time it is asked for.
    """
    if "not browser" not in " ".join(args):
        ensure_browser()
    # OpenMP threads that wait actively spin on the cores: with the test process, a notebook
    # kernel and the browser sharing 2 cores, that made torch 3-4x slower. Only here: alone (a
    # student's kernel, `dev.py lab`), OpenMP's default is faster — a lab GoogLeNet step takes
    # 81 ms instead of 132 ms with passive waiting (benchmarks/openmp_wait.py, BENCHMARKS.md).
    # Re-checked against cnnlib's thread policy (issue 16, benchmarks/thread_policy.py): inside
    # fit the policy beats passive waiting at idle and under load, but the tests also run torch
    # outside fit (nbval kernels, the browser test's kernel next to Chromium), which the policy
    # does not touch; there passive waiting bounds a loaded step at 6.4x instead of 74x.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    results = []
    with tempfile.TemporaryDirectory(prefix="cnnlib-lessons-") as lessons:
        os.environ.setdefault("CNNLIB_EXPERIMENT_CACHE", lessons)
        for step in test_steps(args):
            start = time.monotonic()
            code = run(step.command)
            results.append((step.name, code, time.monotonic() - start))

    print("==> summary", flush=True)
    for name, code, seconds in results:
        print(f"    {'ok' if code == 0 else f'FAILED ({code})':<12} {name:<12} {seconds:6.1f} s")
    return 0 if all(code == 0 for _, code, _ in results) else 1


COMMANDS = {"lab": lab, "test": test}


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 10):  # noqa: UP036 -- dev.py may be started by any python3
        sys.exit("cnnlib needs Python 3.10 or newer. cnnlib은 Python 3.10 이상이 필요합니다.")
    if not argv or argv[0] not in COMMANDS:
        print("\n\n".join(__doc__.strip().split("\n\n")[:2]), file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
