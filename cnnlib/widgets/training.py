"""The Train tab every explorer has: Train and Stop, progress, the curves and the table of runs.

Only the Train button trains: the lab-scale network(s) of the setting run through the atlas's
recipe (or a quick look of some seconds) in a background thread, so the kernel stays free to
handle the Stop button. The thread updates widgets by setting their values (an Output's
``outputs`` too), which ipywidgets sends from any thread.
"""

from __future__ import annotations

import functools
import html
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import ipywidgets as widgets
from torch import nn

from cnnlib import atlas, display, i18n, plots
from cnnlib.errors import ConfigError
from cnnlib.train import History

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from cnnlib.data import ImageDataset

__all__ = ["SEED", "Run", "TrainTab", "lab_data"]

SEED = 0  # initial weights of the lab models; fit(seed=0) then fixes batches and dropout
_data_lock = threading.Lock()


@functools.cache
def _load_lab_data() -> tuple[ImageDataset, ImageDataset]:
    from cnnlib.data import load

    return load()


def lab_data() -> tuple[ImageDataset, ImageDataset]:
    """The embedded 32×32, 10-class dataset as ``(train, test)``, loaded once per session."""
    with _data_lock:  # two explorers pressing Train at once load it once
        return _load_lab_data()


@dataclass(frozen=True)
class Run:
    """One finished (or stopped) training run of an explorer: its preset and its History."""

    preset: str
    history: History


class TrainTab:
    """The Train tab of :class:`cnnlib.widgets.Explorer` (a mixin: it reads the explorer's ``family``,
    ``atlas_family``, ``state``, ``preset``, ``controls`` and ``tabs``).

    Subclasses may change what Train trains (``lab_cells``, ``lab_name``), do something first
    (``before_training``) and draw more (``curves``).
    """

    family: ClassVar[str]
    atlas_family: ClassVar[str]

    def _build_train_tab(self, budget: widgets.Widget, seconds: widgets.Widget) -> widgets.Box:
        self.training_error: Exception | None = None
        self.runs: list[Run] = []
        self._last_histories: list[History] = []
        self._thread: threading.Thread | None = None
        self._stop_event = threading.Event()
        self.train_button = widgets.Button(button_style="primary", icon="play")
        self.stop_button = widgets.Button(button_style="danger", icon="stop", disabled=True)
        self.train_button.on_click(lambda _: self.train())
        self.stop_button.on_click(lambda _: self.stop())
        self.progress = widgets.FloatProgress(value=0.0, min=0.0, max=1.0)
        self.lab_note_html, self.status_html = widgets.HTML(), widgets.HTML()
        self.training_error_html, self.results_html = widgets.HTML(), widgets.HTML()
        self.curves_output = widgets.Output()
        row = widgets.HBox([budget, seconds, self.train_button, self.stop_button, self.progress])
        parts = [self.lab_note_html, row, self.status_html, self.training_error_html]
        return widgets.VBox([*parts, self.curves_output, self.results_html])

    def _relabel_train_tab(self) -> None:
        note = f"widget.{self.family}.lab_note"
        note = i18n.t(note if note in i18n.STRINGS else "widget.lab_note")
        self.lab_note_html.value = f"<small>{html.escape(note)}</small>"
        self.train_button.description = i18n.t("widget.train")
        self.stop_button.description = i18n.t("widget.stop")
        self._show_runs()
        if self._last_histories and not self.training:
            self._show_curves(self._last_histories)

    # ------------------------------------------------------------------ what Train trains

    def lab_cells(self, state: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """What Train trains: ``(name, atlas knobs)`` of each lab network (default: this setting's)."""
        return [(f"{self.lab_name(state)} lab", state)]

    def lab_name(self, state: dict[str, Any]) -> str:
        return self.family

    def lab_models(self, state: dict[str, Any]) -> list[tuple[str, nn.Module]]:
        """The lab networks of :meth:`lab_cells`, built on the CPU (fresh weights)."""
        return [(name, atlas.lab_model(self.atlas_family, knobs)) for name, knobs in self.lab_cells(state)]

    def before_training(self, cells: list[tuple[str, dict[str, Any]]], train: ImageDataset) -> None:
        """Called in the training thread before the first run (ResNet: gradient norms)."""

    def curves(self, histories: list[History]) -> Figure:
        """The training curves of the runs of one Train press, over the atlas's seed bands."""
        return plots.training_curves(histories, bands=[atlas.cell_of(h) for h in histories])

    # ------------------------------------------------------------------ the buttons

    @property
    def training(self) -> bool:
        """True while a Train press is running."""
        return self._thread is not None and self._thread.is_alive()

    def train(self) -> None:
        """Train the lab-scale model(s) in a background thread (the Train button)."""
        if self.training:
            return
        try:
            state = self.state
        except Exception as error:  # a text box that cannot be read: said in place, as for a bad knob
            self._show_training_error(error)
            return
        self.training_error, self.training_error_html.value = None, ""
        self._stop_event = threading.Event()
        self.train_button.disabled, self.stop_button.disabled = True, False
        self.progress.value, self.progress.bar_style = 0.0, ""
        self.tabs.selected_index = 1
        self.status_html.value = html.escape(i18n.t("widget.status.loading"))
        self._thread = threading.Thread(
            target=self._train_in_background,
            args=(state, self.preset, self._stop_event),
            name=f"cnnlib-{self.family}-train",
            daemon=True,  # a kernel shutdown does not wait for a training run
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop training after the current step (the Stop button); results so far are kept."""
        self._stop_event.set()
        if self.training:
            self.status_html.value = html.escape(i18n.t("widget.status.stopping"))

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the training thread; True if it has finished."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.training

    # ------------------------------------------------------------------ the thread

    def _train_in_background(self, state: dict[str, Any], preset: str, stop: threading.Event) -> None:
        histories: list[History] = []
        seconds = state["seconds"] if state["budget"] == "seconds" else None
        try:
            train, test = lab_data()
            cells = self.lab_cells(state)
            self.before_training(cells, train)
            for name, knobs in cells:
                if stop.is_set():
                    break
                self.status_html.value = html.escape(i18n.t("widget.status.training", name=name))
                history = atlas.train_cell(
                    self.atlas_family,
                    knobs,
                    seed=SEED,
                    data=(train, test),
                    name=name,
                    seconds=seconds,  # None: the family's recipe, as in the atlas
                    callback=functools.partial(self._on_evaluation, histories, len(cells), seconds),
                    stop=stop,
                )
                histories.append(history)
                self.runs.append(Run(preset, history))  # kept at once: a later failure cannot lose it
                self._show_runs()
                self._last_histories = list(histories)
                self._show_curves(histories)
                self._show_accuracy(self.state)  # a finished recipe run joins the local atlas
            self.progress.value = 1.0
            self.progress.bar_style = "warning" if stop.is_set() else "success"
            done = "widget.status.stopped" if stop.is_set() else "widget.status.done"
            self.status_html.value = html.escape(i18n.t(done))
        except Exception as error:  # shown in the explorer: a background thread has nowhere else to report
            self._show_training_error(error)
        finally:
            self.train_button.disabled, self.stop_button.disabled = False, True

    def _on_evaluation(self, finished: list[History], count: int, seconds: float | None, h: History) -> None:
        # fit calls this after each evaluation: move the bar, say where we are, redraw the curves
        # (the run so far over its atlas band, beside the runs of this press that have finished).
        if seconds is None:  # a recipe: a fixed number of steps
            done = h.step[-1] / (h.config.get("training", {}).get("steps") or 1)
        else:
            done = h.wall_time[-1] / seconds if h.wall_time else 0.0
        self.progress.value = (len(finished) + min(done, 0.99)) / count
        self._show_curves([*finished, h])
        train, test = display.percent(h.train_acc[-1]), display.percent(h.test_acc[-1])
        status = i18n.t("widget.status.step", name=h.name, step=h.step[-1], train=train, test=test)
        self.status_html.value = html.escape(status)

    def _show_training_error(self, error: Exception) -> None:
        self.training_error = error
        self.progress.bar_style = "danger"
        self.status_html.value = ""
        title = "widget.error.train_config" if isinstance(error, ConfigError) else "widget.error.train"
        self.training_error_html.value = display.error_box(i18n.t(title), error)

    def _show_curves(self, histories: list[History]) -> None:
        self.curves_output.outputs = (display.figure_output(self.curves(histories)),)

    def _show_runs(self) -> None:
        self.results_html.value = display.runs([r.preset for r in self.runs], [r.history for r in self.runs])
