"""The one way cnnlib replaces a file it keeps (the atlas, the experiment cache, checkpoints).

cnnlib이 보관하는 파일을 바꿔 쓰는 방법은 여기 한 가지입니다.

:func:`write_atomically` writes beside the file and renames in one step, so a reader (or a process
killed halfway) sees the old file or the new one, never half of one. :func:`save` is the same write
for a *computed* result: a failure warns with :class:`cnnlib.errors.NotSavedWarning` and returns
False, so the caller still hands its result back. (The run log is appended to instead, one whole
line per ``write``: see :func:`cnnlib.history.log_run`.)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from cnnlib import i18n
from cnnlib.errors import NotSavedWarning

__all__ = ["save", "write_atomically"]

STALE_TEMP_S = 600.0
"""A temporary file older than this beside its target is a leftover of a killed writer."""


def write_atomically(target: str | os.PathLike[str], content: bytes | Callable[[BinaryIO], object]) -> None:
    """Replace ``target`` by ``content`` in one step (write a temporary file, fsync, rename).

    ``content``: the bytes, or a function that writes them to the open file (e.g.
    ``lambda file: torch.save(state, file)``, so a large checkpoint is not first copied into memory).
    Raises the OSError of a failed write (ENOSPC, EISDIR, ...) after removing the temporary file.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(target)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            if callable(content):
                content(file)
            else:
                file.write(content)
            file.flush()
            os.fsync(file.fileno())  # the bytes are on disk before the name points at them
        os.replace(temp, target)
    except BaseException:  # also KeyboardInterrupt: never leave the half-written temporary file
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def save(target: str | os.PathLike[str], content: bytes, *, what: tuple[str, str]) -> bool:
    """:func:`write_atomically`, but a failure warns (NotSavedWarning) and returns False.

    ``what`` names the result in Korean and English (e.g. ``("실험 결과", "the lesson's result")``).
    """
    try:
        write_atomically(target, content)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        ko = i18n.both("files.warn.not_saved", what=what[0], path=str(target), error=reason)[0]
        en = i18n.both("files.warn.not_saved", what=what[1], path=str(target), error=reason)[1]
        warnings.warn(f"{ko}\n{en}", NotSavedWarning, stacklevel=3)
        return False
    return True


def _remove_stale_temps(target: Path) -> None:
    """Delete temporary files a killed writer left beside ``target`` (old enough to be dead)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f".{target.name}.*.tmp"):
            with contextlib.suppress(OSError):
                if now - leftover.stat().st_mtime > STALE_TEMP_S:
                    leftover.unlink()
