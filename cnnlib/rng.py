"""Private random streams for code that draws only from torch's global generator.

torchvision's ``transforms.v2`` and ``nn.Dropout`` take no ``generator``: they draw from the one
global generator per device. :func:`drawing_from` lends that global generator the state of a
``torch.Generator`` for one block and takes it back afterwards, so a seeded augmentation or a
seeded :func:`cnnlib.train.fit` reproduces its numbers whatever other code (another thread, the
caller) draws meanwhile, and the caller's random state is left as it was.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import torch
from torch import Tensor

__all__ = ["drawing_from", "seeded"]

# One lock for every swap: two threads swapping at once would hand each other their states.
# Re-entrant, because fit's block contains the augmentations' own (nested) swaps.
_LOCK = threading.RLock()


def seeded(seed: int, device: torch.device) -> tuple[torch.Generator, ...]:
    """Generators seeded like ``torch.manual_seed(seed)``: the CPU's, and the device's if it has one."""
    generators = [torch.Generator().manual_seed(seed)]
    if device.type in ("cuda", "mps"):  # dropout on a GPU draws from the GPU's generator
        generators.append(torch.Generator(device=device).manual_seed(seed))
    return tuple(generators)


@contextlib.contextmanager
def drawing_from(*generators: torch.Generator | None) -> Iterator[None]:
    """Inside the block torch's global generators continue ``generators``' streams (``None``: skip).

    Afterwards each generator holds its advanced state and the global ones are back as they were.
    """
    chosen = [g for g in generators if g is not None]
    if not chosen:
        yield
        return
    with _LOCK:
        callers = [_global_state(g.device) for g in chosen]
        for g in chosen:
            _set_global_state(g.device, g.get_state())
        try:
            yield
        finally:
            for g, caller in zip(chosen, callers, strict=True):
                g.set_state(_global_state(g.device))
                _set_global_state(g.device, caller)


def _global_state(device: torch.device) -> Tensor:
    if device.type == "cuda":
        return torch.cuda.get_rng_state(device)
    if device.type == "mps":
        return torch.mps.get_rng_state()
    return torch.get_rng_state()


def _set_global_state(device: torch.device, state: Tensor) -> None:
    if device.type == "cuda":
        torch.cuda.set_rng_state(state, device)
    elif device.type == "mps":
        torch.mps.set_rng_state(state)
    else:
        torch.set_rng_state(state)
