"""What the four explorers share: controls from knobs, the numbers at once, training in the background.

An explorer is controls, layout and event wiring over pure functions:

1. every control change reads the *state* (a dict ``knob → value``), asks
   :func:`cnnlib.numbers.numbers` (pure and cached: the model built on the ``"meta"`` device and
   counted, no weight allocated) and shows them through :mod:`cnnlib.display`;
2. then the architecture diagram (:func:`cnnlib.plots.diagram`) is redrawn, only when the
   network's structure changed (a structure seen before comes back as its PNG), so the numbers
   never wait for the picture;
3. a :class:`cnnlib.ConfigError` is shown in place, in red, in Korean and English, and the last
   valid numbers and diagram stay on screen;
4. only the Train button trains: the lab-scale network(s) run through the atlas's recipe (or a
   quick look) in a background thread, so the kernel stays free to handle the Stop button.

Only ipywidgets APIs common to 7.7 (Colab) and 8.x are used. Figures go into an
``ipywidgets.Output`` by setting its ``outputs``: that works from the training thread too (``with
output:`` only captures output of the thread that handles the current cell) and needs no
``%matplotlib widget``.
"""

from __future__ import annotations

import functools
import html
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import ipywidgets as widgets
from torch import nn

from cnnlib import atlas, display, i18n, plots
from cnnlib import numbers as lecture
from cnnlib.errors import ConfigError
from cnnlib.numbers import Numbers
from cnnlib.train import History
from cnnlib.widgets.presets import Knob, format_preset, parse_preset

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from cnnlib.data import ImageDataset

__all__ = ["Explorer", "Run", "common_knobs", "lab_data"]

SEED = 0  # initial weights of the lab models; fit(seed=0) then fixes batches and dropout
DIAGRAMS = 64  # drawn diagrams kept, per structure and language (a PNG of 20–150 kB each)
_diagrams: dict[tuple[str, str], tuple[plots.DiagramSpec, dict[str, str]]] = {}


def common_knobs(family: str) -> tuple[Knob, ...]:
    """Scale and lab width (defaults from :data:`cnnlib.numbers.DEFAULTS`), then Train's budget and seconds.

    Train runs the family's recipe (a fixed number of steps, the atlas's own training) unless the
    budget is a quick look of ``seconds`` seconds.
    """
    defaults = lecture.DEFAULTS[family]
    return (
        Knob("scale", "widget.scale", defaults["scale"], choices=("paper", "lab")),
        Knob("width", "widget.width", defaults["width"], choices=(0.125, 0.25, 0.5, 1.0)),
        Knob("budget", "widget.budget", "recipe", choices=("recipe", "seconds")),
        Knob("seconds", "widget.seconds", 10, low=1, high=60),
    )


@functools.cache
def _load_lab_data() -> tuple[ImageDataset, ImageDataset]:
    from cnnlib.data import load

    return load()


_data_lock = threading.Lock()


def lab_data() -> tuple[ImageDataset, ImageDataset]:
    """The embedded 32×32, 10-class dataset as ``(train, test)``, loaded once per session."""
    with _data_lock:  # two explorers pressing Train at once load it once
        return _load_lab_data()


@dataclass(frozen=True)
class Run:
    """One finished (or stopped) training run of an explorer: its preset and its History."""

    preset: str
    history: History


def clear_caches() -> None:
    """Forget every count and drawn diagram (benchmarks start from empty caches)."""
    lecture.clear_cache()
    _diagrams.clear()


class Explorer:
    """Base class of the four explorers.

    A subclass sets ``family`` (a family of :mod:`cnnlib.numbers`), ``knobs`` and which
    :mod:`cnnlib.display` functions show its numbers (``summary``, ``details``, ``extra``); ``chart``
    (``"layer"``/``"stage"`` parameter bars), ``atlas_family``, ``lab_cells``, ``lab_name``,
    ``before_training`` and ``curves`` are optional.

    Public attributes: ``widget`` (the box to display), ``controls`` (knob key → control),
    ``numbers`` (the last valid :class:`Numbers`, i.e. what is on screen), ``diagram_spec``,
    ``error`` (the error shown, or None), ``runs`` (every :class:`Run`), ``training_error``,
    ``accuracy`` (the :class:`cnnlib.atlas.AccuracyView` on screen, or None) and the widgets
    ``summary_html``, ``accuracy_html``, ``extra_html``, ``details_html``, ``error_html``,
    ``diagram_output``, ``chart_output``, ``train_button``, ``stop_button``, ``progress``,
    ``status_html``, ``training_error_html``, ``curves_output``, ``results_html``, ``preset_text``,
    ``apply_button``, ``language``, ``tabs``.
    """

    family: ClassVar[str] = ""
    atlas_family: ClassVar[str] = ""  # the cnnlib.atlas family of the lab networks (default: family)
    knobs: ClassVar[tuple[Knob, ...]] = ()
    summary: ClassVar[Callable[[Any], str]] = staticmethod(display.headline)
    details: ClassVar[Callable[[Any], str]] = staticmethod(display.layer_table)
    extra: ClassVar[Callable[[Any], str] | None] = None  # slower numbers, shown after the diagram
    chart: ClassVar[str | None] = None  # parameter bars by "layer" or "stage", or none

    def __init__(self, preset: str | None = None) -> None:
        """Build the explorer; ``preset`` (a string like ``"resnet:depth=56"``) sets its knobs.

        Raises:
            ConfigError: ``preset`` cannot be read (before any widget is built).
        """
        state = self.parse_preset(preset) if preset is not None else self.default_state()
        self.numbers: Numbers | None = None
        self.diagram_spec: plots.DiagramSpec | None = None
        self.error: Exception | None = None  # a ConfigError, unless something unforeseen broke
        self.training_error: Exception | None = None
        self.accuracy: atlas.AccuracyView | None = None
        self.runs: list[Run] = []
        self._last_histories: list[History] = []
        self._thread: threading.Thread | None = None
        self._stop_event = threading.Event()
        self._muted = 0  # > 0 while code (not the user) sets several controls at once
        self._shown: dict[str, Any] = {}  # what the diagram and the chart on screen show
        self._build_widgets()
        self._set_controls(state)
        self.relabel()  # labels in the current language, then the first count

    # ------------------------------------------------------------------ presets and state

    @classmethod
    def default_state(cls) -> dict[str, Any]:
        return {knob.key: knob.default for knob in cls.knobs}

    @classmethod
    def parse_preset(cls, text: str) -> dict[str, Any]:
        """Read a preset string of this explorer into a state dict (raises ConfigError)."""
        return parse_preset(text, cls.family, cls.knobs)

    @classmethod
    def from_preset(cls, text: str) -> Explorer:
        """An explorer set to a preset string."""
        return cls(preset=text)

    @property
    def state(self) -> dict[str, Any]:
        """The current knob values (raises ConfigError if a text box cannot be read)."""
        return {knob.key: self._read_control(knob) for knob in self.knobs}

    def set_state(self, **values: Any) -> None:
        """Set some knobs at once (one recount), e.g. ``set_state(depth=56, skip=False)``."""
        by_key = {knob.key: knob for knob in self.knobs}
        for key, value in values.items():
            if key not in by_key:
                raise ConfigError(key, value, ", ".join(by_key), i18n.both("widget.preset.unknown_key"))
        self._set_controls({key: by_key[key].check(value) for key, value in values.items()})
        self.refresh()

    @property
    def preset(self) -> str:
        """The current state as a shareable string."""
        return format_preset(self.family, self.knobs, self.state)

    @preset.setter
    def preset(self, text: str) -> None:
        self._set_controls(self.parse_preset(text))  # nothing changes if the string is bad
        self.refresh()

    @classmethod
    def compute(cls, state: dict[str, Any]) -> Numbers:
        """The numbers of ``state`` counted afresh, with their meta model (uncached)."""
        return lecture.COUNTERS[cls.family](state)

    # ------------------------------------------------------------------ training hooks

    def lab_cells(self, state: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """What Train trains: ``(name, atlas knobs)`` of each lab network (default: this setting's)."""
        return [(f"{self.lab_name(state)} lab", state)]

    def lab_name(self, state: dict[str, Any]) -> str:
        return self.family

    def lab_models(self, state: dict[str, Any]) -> list[tuple[str, nn.Module]]:
        """The lab networks of :meth:`lab_cells`, built on the CPU (fresh weights)."""
        family = self.atlas_family or self.family
        return [(name, atlas.lab_model(family, knobs)) for name, knobs in self.lab_cells(state)]

    def before_training(self, cells: list[tuple[str, dict[str, Any]]], train: ImageDataset) -> None:
        """Called in the training thread before the first run (ResNet: gradient norms)."""

    def curves(self, histories: list[History]) -> Figure:
        """The training curves of the runs of one Train press, over the atlas's seed bands."""
        return plots.training_curves(histories, bands=[atlas.cell_of(h) for h in histories])

    # ------------------------------------------------------------------ widgets

    def _build_widgets(self) -> None:
        self.controls: dict[str, widgets.Widget] = {knob.key: self._make_control(knob) for knob in self.knobs}
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.title_html, self.error_html, self.lab_note_html = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.language = widgets.ToggleButtons(  # each language named in itself: never relabelled
            options=[(i18n.t(f"widget.language.{x}"), x) for x in i18n.LANGUAGES],
            value=i18n.get_language(),
            style={"button_width": "auto"},
        )
        self.language.observe(self._on_language, names="value")
        self.summary_html, self.accuracy_html, self.extra_html = (
            widgets.HTML(),
            widgets.HTML(),
            widgets.HTML(),
        )
        self.details_html, self.diagram_output, self.chart_output = (
            widgets.HTML(),
            widgets.Output(),
            widgets.Output(),
        )
        self.train_button = widgets.Button(button_style="primary", icon="play")
        self.stop_button = widgets.Button(button_style="danger", icon="stop", disabled=True)
        self.train_button.on_click(lambda _: self.train())
        self.stop_button.on_click(lambda _: self.stop())
        self.progress = widgets.FloatProgress(value=0.0, min=0.0, max=1.0)
        self.status_html, self.training_error_html, self.results_html = (
            widgets.HTML(),
            widgets.HTML(),
            widgets.HTML(),
        )
        self.curves_output = widgets.Output()
        self.preset_text = widgets.Text(layout=widgets.Layout(width="70%"))
        self.apply_button = widgets.Button()
        self.apply_button.on_click(lambda _: self._apply_preset_text())

        knobs = self._knob_widgets()
        half = (len(knobs) + 1) // 2
        # Columns keep their natural width and wrap under each other on a narrow screen: shrunk,
        # a long bilingual label hid its drop-down (seen in JupyterLab at 1400 px).
        column = {"flex": "0 0 auto", "margin": "0 24px 0 0"}
        knob_columns = widgets.HBox(
            [widgets.VBox(part, layout=column) for part in (knobs[:half], knobs[half:])],
            layout={"flex_flow": "row wrap"},
        )
        c = self.controls
        numbers = [self.summary_html, self.accuracy_html, self.extra_html, self.diagram_output]
        numbers_tab = widgets.VBox([*numbers, self.chart_output, self.details_html])
        buttons = [self.train_button, self.stop_button, self.progress]
        train_row = widgets.HBox([c["budget"], c["seconds"], *buttons])
        training = [self.lab_note_html, train_row, self.status_html, self.training_error_html]
        training_tab = widgets.VBox([*training, self.curves_output, self.results_html])
        self.tabs = widgets.Tab(children=[numbers_tab, training_tab])
        scale = widgets.HBox([c["scale"], c["width"]])
        top = [widgets.HBox([self.title_html, self.language]), knob_columns, scale]
        bottom = [self.error_html, self.tabs, widgets.HBox([self.preset_text, self.apply_button])]
        self.widget = widgets.VBox([*top, *bottom])
        # CSS classes naming the parts: the browser tests find them whatever language the labels are in
        self.widget.add_class("cnnlib-explorer")
        self.widget.add_class(f"cnnlib-explorer-{self.family}")
        for key, control in self.controls.items():
            control.add_class(f"cnnlib-knob-{key}")
        parts = {"summary": self.summary_html, "accuracy": self.accuracy_html, "error": self.error_html}
        parts |= {"diagram": self.diagram_output, "train": self.train_button, "stop": self.stop_button}
        for name, part in (parts | {"results": self.results_html, "tabs": self.tabs}).items():
            part.add_class(f"cnnlib-{name}")

    def _knob_widgets(self) -> list[widgets.Widget]:
        """The controls of the model's own knobs, in the order they are laid out."""
        common = ("scale", "width", "budget", "seconds")
        return [self.controls[knob.key] for knob in self.knobs if knob.key not in common]

    def _make_control(self, knob: Knob) -> widgets.Widget:
        style = {"description_width": "initial"}
        if knob.kind == "bool":
            return widgets.Checkbox(value=knob.default, indent=False)
        if knob.kind == "int":  # recount when the slider is released, not on every pixel
            return widgets.IntSlider(
                value=knob.default,
                min=knob.low,
                max=knob.high,
                step=knob.step,
                continuous_update=False,
                style=style,
            )
        options = self._options(knob)
        if len(knob.choices) <= 3:
            return widgets.ToggleButtons(
                options=options, value=knob.default, style=style | {"button_width": "auto"}
            )
        # max-content: a long bilingual label must not squeeze the list to nothing (seen in JupyterLab)
        return widgets.Dropdown(
            options=options, value=knob.default, style=style, layout={"width": "max-content"}
        )

    def _options(self, knob: Knob) -> list[tuple[str, Any]]:
        """``(label, value)`` of a choice knob: ``<label key>.<choice>`` from i18n, else the preset text."""
        keys = {choice: f"{knob.label}.{knob.text(choice)}" for choice in knob.choices}
        return [(i18n.t(keys[c]) if keys[c] in i18n.STRINGS else knob.text(c), c) for c in knob.choices]

    def _read_control(self, knob: Knob) -> Any:
        return self.controls[knob.key].value

    def _write_control(self, knob: Knob, value: Any) -> None:
        self.controls[knob.key].value = value

    def _set_controls(self, state: dict[str, Any]) -> None:
        self._muted += 1  # one recount after all of them, not one per control
        try:
            for knob in self.knobs:
                if knob.key in state:
                    self._write_control(knob, state[knob.key])
        finally:
            self._muted -= 1

    def relabel(self) -> None:
        """Redo every label in the current language (``cnnlib.set_language``) and recount."""
        self._muted += 1
        try:
            for knob in self.knobs:
                control = self.controls[knob.key]
                control.description = i18n.t(knob.label)
                if knob.kind == "choice":
                    value = control.value
                    control.options = self._options(knob)  # resets the value in ipywidgets 7 and 8 ...
                    control.value = value  # ... so put it back
            self._relabel_extra()
            self.language.value = i18n.get_language()
        finally:
            self._muted -= 1
        self.title_html.value = (
            f"<h3 style='margin:4px 0'>{html.escape(i18n.t(f'widget.{self.family}.title'))}</h3>"
        )
        note = f"widget.{self.family}.lab_note"
        self.lab_note_html.value = (
            f"<small>{html.escape(i18n.t(note if note in i18n.STRINGS else 'widget.lab_note'))}</small>"
        )
        for button, key in (
            (self.train_button, "train"),
            (self.stop_button, "stop"),
            (self.apply_button, "apply"),
        ):
            button.description = i18n.t(f"widget.{key}")
        self.preset_text.description = i18n.t("widget.preset")
        self.tabs.set_title(0, i18n.t("widget.tab.numbers"))
        self.tabs.set_title(1, i18n.t("widget.tab.training"))
        self.results_html.value = display.runs([r.preset for r in self.runs], [r.history for r in self.runs])
        self._shown.pop("chart", None)  # the chart's words follow the language too
        if self.error is not None:
            self._show_error(self.error)
        self.refresh()
        if self._last_histories and not self.training:
            self._show_curves(self._last_histories)

    def _relabel_extra(self) -> None:
        """Subclasses with controls beyond the knobs relabel them here."""

    def _on_language(self, change: dict[str, Any]) -> None:
        if not self._muted:
            i18n.set_language(change["new"])
            self.relabel()

    def _ipython_display_(self) -> None:
        from IPython.display import display as show

        show(self.widget)

    # ------------------------------------------------------------------ the numbers

    def _on_change(self, change: dict[str, Any]) -> None:
        if not self._muted:
            self.refresh()

    def _update_enabled(self, state: dict[str, Any]) -> None:
        """Grey out what does not apply (the width multiplier at paper scale, seconds with a recipe)."""
        self.controls["width"].disabled = state["scale"] == "paper"
        self.controls["seconds"].disabled = state["budget"] == "recipe"

    def refresh(self) -> None:
        """Recount for the current controls and redraw; an error is shown in place and the last
        valid numbers stay."""
        try:
            state = self.state
            self._update_enabled(state)
            self.preset_text.value = preset = format_preset(self.family, self.knobs, state)
            numbers = lecture.numbers(self.family, **state)
        except Exception as error:  # ConfigError, or a combination no builder check foresaw:
            self._show_error(error)  # either way a message in place, never a traceback
            return
        self.error, self.error_html.value, self.numbers = None, "", numbers
        # Which setting the numbers belong to: after an error they stay the last valid one's.
        shown = f"<div style='color:#666;font-size:0.85em'><code>{html.escape(preset)}</code></div>"
        self.summary_html.value = self.summary(numbers) + shown
        self._show_accuracy(state)
        self.details_html.value = self.details(numbers)
        self._show_diagram(state, numbers)  # after the numbers: they never wait for the picture
        # The slower numbers (Inception: two whole GoogLeNets counted) come after the diagram of
        # what the student just changed, which would otherwise wait for them.
        self.extra_html.value = self.extra(numbers) if self.extra else ""
        chart = (tuple((row.name, row.params) for row in numbers.table.rows), i18n.get_language())
        if self.chart and chart != self._shown.get("chart"):  # a figure costs more than the counting
            self._shown["chart"] = chart
            self.chart_output.outputs = (display.output(display.figure_data(self._chart(numbers))),)

    def _chart(self, numbers: Numbers) -> Figure:
        return plots.param_bars(numbers.table, by=self.chart)

    def _show_accuracy(self, state: dict[str, Any]) -> None:
        """The atlas's accuracy of the lab twin of ``state`` (or why there is none), in place."""
        try:
            self.accuracy = atlas.accuracy(self.atlas_family or self.family, state)
            self.accuracy_html.value = display.accuracy(self.accuracy)
        except Exception as error:  # a missing or broken atlas: the numbers stay, the reason is shown
            self.accuracy = None
            self.accuracy_html.value = display.notice_box(i18n.t("widget.acc.unavailable"), error)

    def _show_diagram(self, state: dict[str, Any], numbers: Numbers) -> None:
        """Draw the counted network (lab scale layer by layer, long networks folded into repeated
        blocks) unless it is on screen; a structure drawn before in this language is not redrawn."""
        key = (numbers.structure, i18n.get_language())
        if key == self._shown.get("diagram"):
            return
        try:
            drawn = _diagrams.get(key)
            if drawn is None:
                model = numbers.model or self.compute(state).model  # numbers from the cache: build again
                spec = plots.diagram_spec(model, numbers.input_shape)
                drawn = _diagrams[key] = (spec, display.figure_data(plots.diagram(spec)))
                if len(_diagrams) > DIAGRAMS:
                    del _diagrams[next(iter(_diagrams))]  # the oldest
        except Exception as error:  # a diagram bug must not hide the numbers: say so in its place
            self._shown.pop("diagram", None)
            data = {"text/html": display.error_box("", error), "text/plain": repr(error)}
            self.diagram_output.outputs = (display.output(data),)
            return
        self._shown["diagram"] = key
        self.diagram_spec, data = drawn
        self.diagram_output.outputs = (display.output(data),)

    def _show_error(self, error: Exception) -> None:
        self.error = error
        self.error_html.value = display.error_box(i18n.t("widget.error.kept"), error)

    def _apply_preset_text(self) -> None:
        try:
            self.preset = self.preset_text.value
        except Exception as error:  # ConfigError, or text no parser foresaw: the box, never a traceback
            self._show_error(error)

    # ------------------------------------------------------------------ training

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
        preset = format_preset(self.family, self.knobs, state)
        self._thread = threading.Thread(
            target=self._train_in_background,
            args=(state, preset, self._stop_event),
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
                    self.atlas_family or self.family,
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
                self.results_html.value = display.runs(
                    [r.preset for r in self.runs], [r.history for r in self.runs]
                )
                self._last_histories = list(histories)
                self._show_curves(histories)
                self._show_accuracy(self.state)  # a finished recipe run joins the local atlas
            self.progress.value = 1.0
            self.progress.bar_style = "warning" if stop.is_set() else "success"
            self.status_html.value = html.escape(
                i18n.t("widget.status.stopped" if stop.is_set() else "widget.status.done")
            )
        except Exception as error:  # shown in the explorer: a background thread has nowhere else to report
            self._show_training_error(error)
        finally:
            self.train_button.disabled, self.stop_button.disabled = False, True

    def _on_evaluation(
        self, finished: list[History], count: int, seconds: float | None, history: History
    ) -> None:
        # fit calls this after each evaluation: move the bar, say where we are, redraw the curves
        # (the run so far over its atlas band, beside the runs of this press that have finished).
        if seconds is None:  # a recipe: a fixed number of steps
            done = history.step[-1] / (history.config.get("training", {}).get("steps") or 1)
        else:
            done = history.wall_time[-1] / seconds if history.wall_time else 0.0
        self.progress.value = (len(finished) + min(done, 0.99)) / count
        self._show_curves([*finished, history])
        train, test = display.percent(history.train_acc[-1]), display.percent(history.test_acc[-1])
        status = i18n.t(
            "widget.status.step", name=history.name, step=history.step[-1], train=train, test=test
        )
        self.status_html.value = html.escape(status)

    def _show_training_error(self, error: Exception) -> None:
        self.training_error = error
        self.progress.bar_style = "danger"
        self.status_html.value = ""
        title = "widget.error.train_config" if isinstance(error, ConfigError) else "widget.error.train"
        self.training_error_html.value = display.error_box(i18n.t(title), error)

    def _show_curves(self, histories: list[History]) -> None:
        self.curves_output.outputs = (display.output(display.figure_data(self.curves(histories))),)
