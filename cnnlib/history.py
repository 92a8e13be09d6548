"""What a training run measured: :class:`History`, and the run log that keeps every run.

학습 한 번의 기록(:class:`History`)과, 모든 실행을 남기는 실행 기록 파일(JSON 한 줄에 실행 하나).

Every finished or interrupted :func:`cnnlib.train.fit` appends its History to a JSON-lines file
(:func:`log_run`), so results survive kernel restarts; :func:`runs` reads them back as a table.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
import numbers
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from torch import Tensor

from cnnlib import i18n
from cnnlib.errors import ConfigError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["History", "RunTable", "default_log_path", "jsonable", "log_run", "open_log", "runs"]

LOG_ENV_VAR = "CNNLIB_RUN_LOG"
LOG_FORMAT = 1  # bump when the meaning of a logged field changes


@dataclass(repr=False)
class History:
    """What one call of :func:`cnnlib.train.fit` measured, ready to plot, compare and save as JSON.

    :func:`fit` 한 번이 측정한 모든 것. 평가할 때마다 목록에 한 항목씩 추가됩니다.

    One entry per *evaluation* (every epoch, or every ``eval_every`` steps) in ``step``,
    ``epoch``, ``train_loss``, ``train_acc``, ``test_loss``, ``test_acc`` and ``wall_time``.
    ``train_*`` average the training batches since the previous evaluation; ``test_*`` are
    ``None`` when no test set was given. ``step_losses`` has the training loss of every step.
    Accuracies are fractions in [0, 1].
    """

    name: str = ""
    dataset: str = ""
    config: dict[str, Any] = field(default_factory=dict)  # {"model": ..., "training": ..., "data": ...}
    params: int = 0
    device: str = ""
    started: str = ""  # ISO 8601 local time when training began
    steps_per_epoch: int = 0
    steps: int = 0
    epochs: float = 0.0
    seconds: float = 0.0  # wall-clock time of the whole run, evaluations included
    interrupted: bool = False  # stopped early by the Stop button or a kernel interrupt
    stop_reason: str = ""  # "epochs" | "steps" | "seconds" | "stop" | "interrupt"
    recipe: str = ""  # "name@hash" of the cnnlib.recipes.Recipe it was trained with, if any
    step: list[int] = field(default_factory=list)
    epoch: list[float] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_loss: list[float | None] = field(default_factory=list)
    test_acc: list[float | None] = field(default_factory=list)
    wall_time: list[float] = field(default_factory=list)
    step_losses: list[float] = field(default_factory=list)

    # --- the numbers people ask for first ---

    @property
    def final_train_acc(self) -> float | None:
        """Training accuracy at the last evaluation. 마지막 평가의 학습 정확도."""
        return self.train_acc[-1] if self.train_acc else None

    @property
    def final_test_acc(self) -> float | None:
        """Test accuracy at the last evaluation. 마지막 평가의 테스트 정확도."""
        return self.test_acc[-1] if self.test_acc else None

    @property
    def final(self) -> dict[str, float | None]:
        """The last evaluation as a dict. 마지막 평가 결과(사전)."""
        last = {"train_loss": self.train_loss, "train_acc": self.train_acc}
        last |= {"test_loss": self.test_loss, "test_acc": self.test_acc}
        return {key: values[-1] if values else None for key, values in last.items()}

    def steps_to_loss(self, target: float, window: int = 1) -> int | None:
        """How many steps until the training loss first reached ``target`` (``None`` if never).

        With ``window > 1`` the mean of the last ``window`` step losses is compared, which
        ignores a single lucky batch. 학습 손실이 처음 ``target`` 이하가 된 스텝 수.
        """
        running = 0.0
        for i, loss in enumerate(self.step_losses):
            running += loss
            if i >= window:
                running -= self.step_losses[i - window]
            if i + 1 >= window and running / window <= target:
                return i + 1
        return None

    # --- recording (by fit and reproduce.train) ---

    def add_evaluation(
        self,
        step: int,
        train: tuple[Sequence[float], float, float],
        test: tuple[float | None, float | None],
        wall_time: float,
    ) -> None:
        """Append one evaluation and bring the totals up to it.

        ``train``: (each step's loss since the last evaluation, their mean, the training accuracy);
        ``test``: (loss, accuracy), ``(None, None)`` without a test set; ``wall_time``: seconds since
        the run began. Every list grows by one entry at once, so they always have equal lengths.
        """
        step_losses, train_loss, train_acc = train
        self.step_losses.extend(step_losses)
        self.step.append(step)
        self.epoch.append(step / self.steps_per_epoch)
        self.train_loss.append(train_loss)
        self.train_acc.append(train_acc)
        self.test_loss.append(test[0])
        self.test_acc.append(test[1])
        self.wall_time.append(wall_time)
        self.steps, self.epochs, self.seconds = step, self.epoch[-1], wall_time

    # --- saving and loading ---

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (non-finite floats become the strings "NaN", "Infinity", "-Infinity")."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> History:
        """Rebuild a History from :meth:`to_dict` output (unknown keys are ignored)."""
        names = {f.name for f in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in names}
        for key in ("epochs", "seconds"):
            if key in values:
                values[key] = _float(values[key])
        for key in ("epoch", "train_loss", "train_acc", "wall_time", "step_losses"):
            if key in values:
                values[key] = [_float(v) for v in values[key]]
        for key in ("test_loss", "test_acc"):
            if key in values:
                values[key] = [None if v is None else _float(v) for v in values[key]]
        if "step" in values:
            values["step"] = [int(v) for v in values["step"]]
        return cls(**values)

    # --- showing ---

    def plot(self, ax: Sequence[Axes] | None = None) -> Figure:
        """Loss and accuracy curves (train vs test) against steps; ``ax``: two axes or ``None``.

        손실과 정확도 곡선(학습 대 테스트)을 그리고 그림(Figure)을 돌려줍니다.
        """
        from cnnlib import plots  # drawing is plots' job; imported here, when a picture is asked for

        return plots.training_curves(self, ax=ax)

    def __repr__(self) -> str:
        # The default dataclass repr would print thousands of step losses in a notebook.
        def show(x: float | None) -> str:
            return "None" if x is None else f"{x:.4f}"

        return (
            f"History(name={self.name!r}, dataset={self.dataset!r}, steps={self.steps}, "
            f"epochs={self.epochs:.2f}, train_acc={show(self.final_train_acc)}, "
            f"test_acc={show(self.final_test_acc)}, seconds={self.seconds:.1f}, "
            f"device={self.device!r}, interrupted={self.interrupted})"
        )


def default_log_path() -> Path:
    """Where runs are logged: ``$CNNLIB_RUN_LOG``, else ``~/.cache/cnnlib/runs.jsonl``."""
    env = os.environ.get(LOG_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "cnnlib" / "runs.jsonl"


def open_log(log: Any) -> Path | None:
    """``fit``'s ``log`` setting as a path we can append to (``None`` for ``False``), else a ConfigError."""
    if log is False:
        return None
    if log is True:
        path = default_log_path()
    elif isinstance(log, (str, os.PathLike)) and str(log):
        path = Path(log).expanduser()
    else:
        raise ConfigError("log", log, i18n.both("train.allowed.log"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Really open it for appending: permission checks by hand miss read-only file systems.
        os.close(os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644))
    except OSError as error:
        reason = f"{error.strerror}: {error.filename}" if error.strerror else type(error).__name__
        problem = i18n.both("train.problem.log", error=reason)
        raise ConfigError("log", str(path), i18n.both("train.allowed.log"), problem) from None
    return path


def log_run(history: History, path: str | os.PathLike[str] | None = None) -> Path:
    """Append ``history`` as one JSON line to the run log; return the log's path.

    ``history``를 실행 기록 파일에 JSON 한 줄로 추가하고 파일 경로를 돌려줍니다.

    Safe against crashes and concurrent writers: the whole line is written with a single
    ``write`` to a file opened with ``O_APPEND`` (lines from two processes never interleave), then
    ``fsync``-ed. If an earlier crash left a partial last line, the new line starts on a line of
    its own, so only the broken line is lost.
    """
    target = default_log_path() if path is None else Path(path).expanduser()
    record = {"log_format": LOG_FORMAT, **history.to_dict()}
    line = (json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    size = written = 0
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line  # an earlier writer died mid-line: don't glue our record onto it
        written = os.write(fd, line)  # unbuffered: nothing is left to flush but the OS cache ...
        while written < len(line):  # (a short write to a regular file is rare, but possible)
            written += os.write(fd, line[written:])
        os.fsync(fd)  # ... which fsync pushes to the disk
    except OSError:
        _take_back(fd, size, written)
        raise
    finally:
        os.close(fd)
    return target


def _take_back(fd: int, size: int, written: int) -> None:
    """After a failed write (disk full), remove the part of our line that did get in.

    Only when the file is a regular file that grew by exactly what we wrote: a line another
    process appended meanwhile is never cut.
    """
    try:
        status = os.fstat(fd)
        if written and stat.S_ISREG(status.st_mode) and status.st_size == size + written:
            os.ftruncate(fd, size)
    except OSError:
        pass  # the reader skips a partial line anyway


@dataclass(repr=False)
class RunTable:
    """The runs in a run log, as a table: ``.rows``, HTML in notebooks, text in terminals.

    실행 기록 파일의 내용을 표로 보여 줍니다.

    ``records`` are the full logged dicts (``History.from_dict`` turns one back into a
    History); ``skipped`` counts lines that could not be read (e.g. cut off by a crash).
    """

    path: Path
    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "time", "name", "dataset", "params", "train_acc", "test_acc",
        "seconds", "epochs", "steps", "device", "interrupted",
    )  # fmt: skip

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One summary dict per run, keys as in ``COLUMNS``. 실행마다 요약 사전 하나."""
        return [_summary(record) for record in self.records]

    def histories(self) -> list[History]:
        """Every logged run as a :class:`History`. 기록된 실행들을 History로."""
        return [History.from_dict(record) for record in self.records]

    def __len__(self) -> int:
        return len(self.records)

    def _cells(self) -> tuple[list[str], list[list[str]]]:
        headers = [i18n.t(f"train.col.{column}") for column in self.COLUMNS]
        return headers, [[_format_cell(column, row[column]) for column in self.COLUMNS] for row in self.rows]

    def __str__(self) -> str:
        headers, body = self._cells()
        if not body:
            return i18n.t("train.no_runs") + self._skipped_note("\n")
        widths = [max(i18n.display_width(row[i]) for row in [headers, *body]) for i in range(len(headers))]
        numeric = {"params", "train_acc", "test_acc", "seconds", "epochs", "steps"}

        def line(cells: list[str]) -> str:
            out = []
            for column, cell, width in zip(self.COLUMNS, cells, widths, strict=True):
                pad = " " * (width - i18n.display_width(cell))
                out.append(pad + cell if column in numeric else cell + pad)
            return "  ".join(out).rstrip()

        rule = "  ".join("-" * width for width in widths)
        return "\n".join([line(headers), rule, *(line(row) for row in body)]) + self._skipped_note("\n")

    def __repr__(self) -> str:  # the table itself, not thousands of logged numbers
        return str(self)

    def _repr_html_(self) -> str:
        headers, body = self._cells()
        if not body:
            return f"<p>{html.escape(i18n.t('train.no_runs'))}{html.escape(self._skipped_note(' '))}</p>"
        head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in body)
        note = f"<caption>{html.escape(self._skipped_note(''))}</caption>" if self.skipped else ""
        return f"<table>{note}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

    def _skipped_note(self, before: str) -> str:
        return before + i18n.t("train.skipped", n=self.skipped) if self.skipped else ""

    def plot(self, ax: Axes | None = None) -> Figure:
        """Test accuracy against parameter count, one labelled point per run; returns the figure.

        Runs without a test set use their training accuracy (hollow markers).
        """
        from cnnlib import plots

        return plots.params_accuracy(self.rows, ax=ax)


def runs(path: str | os.PathLike[str] | None = None) -> RunTable:
    """Read the run log (default :func:`default_log_path`) into a :class:`RunTable`.

    실행 기록 파일을 표로 읽습니다. Lines a crash cut short are skipped and counted in ``skipped``.
    """
    target = default_log_path() if path is None else Path(path).expanduser()
    table = RunTable(path=target)
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return table
    table.records, table.skipped = _read_records(raw)
    return table


# What a damaged line can raise while it is parsed, summarised or turned into a History:
# broken JSON, wrong types, 1e400 or Infinity where an int belongs, nesting deeper than Python's stack.
_UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError, RecursionError)


def _read_records(raw: bytes) -> tuple[list[dict[str, Any]], int]:
    """The run log's readable records and the number of lines skipped.

    One reader for :func:`runs` and :meth:`RunTable.histories`: a line is kept only if it is a
    JSON object that both summarises into a table row and turns back into a History, so
    nothing :func:`runs` accepts can make ``histories()`` raise, and one damaged line never
    hides the others.
    """
    records: list[dict[str, Any]] = []
    skipped = 0
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise TypeError("not a JSON object")
            _summary(record)
            History.from_dict(record)
        except _UNREADABLE:
            skipped += 1
            continue
        records.append(record)
    return records, skipped


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    def last(key: str) -> float | None:
        values = record.get(key) or []
        return None if not values or values[-1] is None else _float(values[-1])

    return {
        "time": str(record.get("started", "")),
        "name": str(record.get("name", "")),
        "dataset": str(record.get("dataset", "")),
        "params": int(record.get("params", 0)),
        "train_acc": last("train_acc"),
        "test_acc": last("test_acc"),
        "seconds": _float(record.get("seconds", 0.0)),
        "epochs": _float(record.get("epochs", 0.0)),
        "steps": int(record.get("steps", 0)),
        "device": str(record.get("device", "")),
        "interrupted": bool(record.get("interrupted", False)),
    }


def _format_cell(column: str, value: Any) -> str:
    if value is None:
        return "–"
    if column == "time":
        return value[:19].replace("T", " ")  # drop the time zone: the table is for humans
    if column in ("train_acc", "test_acc"):
        return f"{100 * value:.1f}%"
    if column == "params":
        return f"{value:,}"
    if column == "seconds":
        return f"{value:.1f}"
    if column == "epochs":
        return f"{value:.2f}"
    if column == "interrupted":
        return i18n.t("train.yes") if value else ""
    return str(value)


def jsonable(value: Any) -> Any:
    """``value`` made of JSON types only. Non-finite floats become strings float() reads back."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number):
            return number
        return "NaN" if math.isnan(number) else ("Infinity" if number > 0 else "-Infinity")
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(item) for item in value]
    if isinstance(value, Tensor) and value.numel() == 1:
        return jsonable(value.item())
    if isinstance(value, type) or callable(value):
        return getattr(value, "__name__", type(value).__name__)  # e.g. activation=nn.ReLU → "ReLU"
    return str(value)  # torch.device, Path, dtype, enum ...


def _float(value: Any) -> float:
    return float(value)  # float("NaN"), float("Infinity") and float("-Infinity") all work
