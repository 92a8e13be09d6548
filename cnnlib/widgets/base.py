"""What the four explorers share: controls from knobs, instant counting, training in the background.

네 탐색기가 함께 쓰는 부분: 설정(knob)에서 컨트롤 만들기, 즉시 세기, 백그라운드 학습.

An explorer is a thin layer over pure functions:

1. every control change reads the *state* (a dict ``knob → value``) and calls
   :func:`cnnlib.numbers.numbers` — pure and cached: it builds the model on the ``"meta"``
   device and counts it with :func:`cnnlib.count.table` — then renders the numbers as HTML. Nothing is
   trained and no weight is allocated, so the numbers follow a slider at once;
2. right after the numbers, the architecture diagram of that model (:func:`cnnlib.plots.diagram`:
   lab-scale networks layer by layer, long paper-scale ones in the collapsed stage view) is
   redrawn — only when the model's structure changed, and a structure seen before comes back
   from a cache — so the numbers never wait for the picture;
3. a :class:`cnnlib.ConfigError` from the builder is shown in place, in red, in Korean and
   English, and the last valid numbers and diagram stay on screen;
4. only the Train button trains: the lab-scale model(s) run through :func:`cnnlib.train.fit` in
   a background thread, so the kernel stays free to handle the Stop button.

탐색기는 순수 함수 위의 얇은 층입니다. 컨트롤을 바꾸면 메타 장치에서 모델을 만들어 세기만 하고
(즉시), 숫자를 보여 준 다음 그 모델의 구조도를 다시 그립니다(구조가 바뀌었을 때만). 학습은
'학습' 버튼을 눌렀을 때만 백그라운드 스레드에서 합니다.

Only ipywidgets APIs common to 7.7 (Colab) and 8.x are used. Figures are rendered to PNG and
put into an ``ipywidgets.Output`` by setting its ``outputs`` directly: that works from the
training thread too (``with output:`` only captures output of the thread that handles the
current cell), shows every figure exactly once, and needs no ``%matplotlib widget``.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import gc
import hashlib
import html
import io
import math
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import ipywidgets as widgets
from torch import nn

from cnnlib import atlas, i18n, plots
from cnnlib import numbers as lecture
from cnnlib.errors import ConfigError
from cnnlib.numbers import Numbers
from cnnlib.train import History
from cnnlib.widgets.presets import Knob, format_preset, parse_preset

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from cnnlib.data import ImageDataset

__all__ = ["LAB", "Explorer", "Numbers", "Run", "lab_data", "scale_knobs"]

LAB: dict[str, int] = {"input_size": 32, "num_classes": 10}  # the lab scale: the embedded dataset
WIDTHS = (0.125, 0.25, 0.5, 1.0)
SEED = 0  # initial weights of the lab models; fit(seed=0) then fixes batches and dropout
ERROR_STYLE = (
    "border:2px solid #c62828;background:#ffebee;color:#b71c1c;"
    "padding:6px 10px;margin:4px 0;border-radius:4px"
)


def scale_knobs(width: float = 0.25, seconds: int = 10) -> tuple[Knob, ...]:
    """The knobs every explorer has: scale, lab width multiplier, training budget and seconds.

    모든 탐색기에 있는 설정: 규모(논문/실습), 실습용 채널 배율, 학습 예산(레시피 또는 초), 학습 시간(초).
    Train runs the family's recipe (a fixed number of steps, the atlas's own training) unless the
    budget is set to a quick look of ``seconds`` seconds.
    """
    return (
        Knob(
            "scale",
            "widget.scale",
            "paper",
            choices=("paper", "lab"),
            option_labels=(("paper", "widget.scale.paper"), ("lab", "widget.scale.lab")),
        ),
        Knob("width", "widget.width", width, choices=WIDTHS),
        Knob(
            "budget",
            "widget.budget",
            "recipe",
            choices=("recipe", "seconds"),
            option_labels=(("recipe", "widget.budget.recipe"), ("seconds", "widget.budget.seconds")),
        ),
        Knob("seconds", "widget.seconds", seconds, low=1, high=60),
    )


_data_lock = threading.Lock()


@functools.cache
def _load_lab_data() -> tuple[ImageDataset, ImageDataset]:
    from cnnlib.data import load

    return load()


def lab_data() -> tuple[ImageDataset, ImageDataset]:
    """The embedded 32×32, 10-class dataset as ``(train, test)``, loaded once per session.

    내장 데이터셋(32×32, 10 클래스)을 한 번만 불러와 ``(학습, 테스트)``로 돌려줍니다.
    """
    with _data_lock:  # two explorers pressing Train at once load it once
        return _load_lab_data()


@dataclass(frozen=True)
class Run:
    """One finished (or stopped) training run of an explorer: its preset and its History."""

    preset: str
    history: History


# The numbers are cached by cnnlib.numbers; these caches keep what drawing them costs: which
# structure a setting has and its PNG. They never keep the meta models (see cnnlib.numbers).
STRUCTURE_CACHE = 256  # settings whose structure key is kept
DIAGRAM_CACHE = 64  # drawn diagrams kept (a PNG of 20–150 kB each)
_structures: OrderedDict[Any, str] = OrderedDict()  # (explorer, setting) → digest of diagram_key
_diagrams: OrderedDict[Any, tuple[plots.DiagramSpec, dict[str, str]]] = OrderedDict()


def _remember(cache: OrderedDict, key: Any, value: Any, size: int) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > size:
        cache.popitem(last=False)


@contextlib.contextmanager
def _collection_postponed() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while an explorer recounts and redraws.

    With torch and matplotlib loaded a full collection walks ~400,000 objects (0.2–0.5 s on a
    busy laptop) and may start at any allocation — such as the 10,000 a ResNet-152 needs on
    the meta device. Held for one redraw, the collector neither interrupts it nor promotes the
    short-lived objects of a matplotlib figure to the oldest generation half-way through the
    drawing; the first young collection afterwards frees them, and full collections, which
    the promoted objects would trigger every few diagrams, become rare.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:  # a caller that turned it off itself keeps it off
            gc.enable()


def clear_caches() -> None:
    """Forget every count and diagram (benchmarks start from empty caches)."""
    lecture.clear_cache()
    for cache in (_structures, _diagrams):
        cache.clear()


class Explorer:
    """Base class of the four explorers. 네 탐색기의 공통 부모 클래스.

    A subclass sets ``family`` (a family of :mod:`cnnlib.numbers`, whose functions compute every
    number shown), ``title`` (an i18n key) and ``knobs``, and implements ``render_summary`` and
    ``render_details``; ``lab_cells`` (default: the state's
    own lab twin), ``chart``, ``diagram_key`` and ``before_training`` are optional.

    Public attributes: ``widget`` (the ipywidgets box to display), ``controls`` (knob key →
    control), ``numbers`` (the last valid :class:`Numbers`, i.e. what is on screen),
    ``diagram_spec`` (the :class:`cnnlib.plots.DiagramSpec` of the diagram on screen),
    ``error`` (the ConfigError shown, or None), ``runs`` (every :class:`Run` of this
    explorer), ``training_error``, ``accuracy`` (the :class:`cnnlib.atlas.AccuracyView` on
    screen, or None); and the widgets ``summary_html``, ``accuracy_html``, ``details_html``,
    ``error_html``, ``diagram_output``, ``chart_output``, ``train_button``, ``stop_button``,
    ``progress``, ``status_html``, ``curves_output``, ``results_html``, ``preset_text``,
    ``apply_button``, ``language``.
    """

    family: ClassVar[str] = ""
    atlas_family: ClassVar[str] = ""  # the cnnlib.atlas family of the lab networks Train trains
    title: ClassVar[str] = ""
    lab_note: ClassVar[str] = "widget.lab_note"  # i18n key: what Train trains
    knobs: ClassVar[tuple[Knob, ...]] = ()

    def __init__(self, preset: str | None = None) -> None:
        """Build the explorer; ``preset`` (a string like ``"resnet:depth=56"``) sets its knobs.

        탐색기를 만듭니다. ``preset`` 문자열로 설정을 정할 수 있습니다.

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
        self._chart_key: Any = None
        self._diagram_key: Any = None
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
        """An explorer set to a preset string. 프리셋 문자열로 설정된 탐색기를 만듭니다."""
        return cls(preset=text)

    @property
    def state(self) -> dict[str, Any]:
        """The current knob values (raises ConfigError if a text box cannot be read)."""
        return {knob.key: self._read_control(knob) for knob in self.knobs}

    def set_state(self, **values: Any) -> None:
        """Set some knobs at once (one recount), e.g. ``set_state(depth=56, skip=False)``."""
        by_key = {knob.key: knob for knob in self.knobs}
        checked = {}
        for key, value in values.items():
            if key not in by_key:
                raise ConfigError(key, value, ", ".join(by_key), i18n.both("widget.preset.unknown_key"))
            checked[key] = by_key[key].check(value)
        self._set_controls(checked)
        self.refresh()

    @property
    def preset(self) -> str:
        """The current state as a shareable string. 현재 설정을 공유할 수 있는 문자열로."""
        return format_preset(self.family, self.knobs, self.state)

    @preset.setter
    def preset(self, text: str) -> None:
        state = self.parse_preset(text)  # nothing changes if the string is bad
        self._set_controls(state)
        self.refresh()

    @classmethod
    def compute(cls, state: dict[str, Any]) -> Numbers:
        """The numbers of ``state`` counted afresh, with their meta model (uncached)."""
        return lecture.COUNTERS[cls.family](state)

    # ------------------------------------------------------------------ what subclasses provide

    def render_summary(self, numbers: Numbers) -> str:
        """HTML: the headline numbers (total parameters and MACs)."""
        raise NotImplementedError

    def render_details(self, numbers: Numbers) -> str:
        """HTML: the table under the headline."""
        raise NotImplementedError

    def render_extra(self, state: dict[str, Any], numbers: Numbers) -> str:
        """HTML shown after the summary and table are set (numbers that may take longer)."""
        return ""

    def chart(self, numbers: Numbers) -> Figure | None:
        """A figure for the numbers, or None. Redrawn only when ``chart_key`` changes."""
        return None

    def chart_key(self, numbers: Numbers) -> Any:
        """What the chart depends on (the chart is not redrawn while it stays the same)."""
        return tuple(numbers.table.by_stage().items())

    def diagram_key(self, numbers: Numbers) -> str:
        """What the diagram of ``numbers.model`` depends on: its layers (``repr``), the builder's
        settings (``config``: ``skip`` is not in the layers' repr) and the input shape. Two
        settings that build the same network share a diagram, which is not redrawn."""
        model = numbers.model
        return f"{model!r}|{getattr(model, 'config', None)!r}|{numbers.input_shape}"

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

    # ------------------------------------------------------------------ widgets

    def _build_widgets(self) -> None:
        self.controls: dict[str, widgets.Widget] = {}
        for knob in self.knobs:
            control = self._make_control(knob)
            self.controls[knob.key] = control
            control.observe(self._on_change, names="value")

        self.title_html = widgets.HTML()
        self.language = widgets.ToggleButtons(  # each language named in itself: never relabelled
            options=[("한국어", "ko"), ("English", "en"), ("한/En", "both")],
            value=i18n.get_language(),
            style={"button_width": "auto"},
        )
        self.language.observe(self._on_language, names="value")
        self.error_html = widgets.HTML("")
        self.summary_html = widgets.HTML()
        self.accuracy_html = widgets.HTML()  # the atlas: accuracy ± seed noise, beside the numbers
        self.extra_html = widgets.HTML()  # numbers that take longer and follow the summary (Inception)
        self.details_html = widgets.HTML()
        self.diagram_output = widgets.Output()  # the architecture of the current setting
        self.chart_output = widgets.Output()

        self.train_button = widgets.Button(button_style="primary", icon="play")
        self.stop_button = widgets.Button(button_style="danger", icon="stop", disabled=True)
        self.train_button.on_click(lambda _: self.train())
        self.stop_button.on_click(lambda _: self.stop())
        self.progress = widgets.FloatProgress(value=0.0, min=0.0, max=1.0)
        self.status_html = widgets.HTML()
        self.training_error_html = widgets.HTML("")
        self.curves_output = widgets.Output()
        self.results_html = widgets.HTML()
        self.lab_note_html = widgets.HTML()

        self.preset_text = widgets.Text(layout=widgets.Layout(width="70%"))
        self.apply_button = widgets.Button()
        self.apply_button.on_click(lambda _: self._apply_preset_text())

        model_knobs = self._knob_widgets()
        half = (len(model_knobs) + 1) // 2
        # Columns keep their natural width and wrap under each other on a narrow screen: shrunk,
        # a long bilingual label hid its drop-down (seen in JupyterLab at 1400 px).
        column = {"flex": "0 0 auto", "margin": "0 24px 0 0"}
        knob_columns = widgets.HBox(
            [widgets.VBox(knobs, layout=column) for knobs in (model_knobs[:half], model_knobs[half:])],
            layout={"flex_flow": "row wrap"},
        )
        scale_row = widgets.HBox([self.controls["scale"], self.controls["width"]])
        numbers_tab = widgets.VBox(
            [
                self.summary_html,
                self.accuracy_html,
                self.extra_html,
                self.diagram_output,
                self.chart_output,
                self.details_html,
            ]
        )
        train_row = widgets.HBox(
            [
                self.controls["budget"],
                self.controls["seconds"],
                self.train_button,
                self.stop_button,
                self.progress,
            ]
        )
        training_tab = widgets.VBox(
            [
                self.lab_note_html,
                train_row,
                self.status_html,
                self.training_error_html,
                self.curves_output,
                self.results_html,
            ]
        )
        self.tabs = widgets.Tab(children=[numbers_tab, training_tab])
        preset_row = widgets.HBox([self.preset_text, self.apply_button])
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.title_html, self.language]),
                knob_columns,
                scale_row,
                self.error_html,
                self.tabs,
                preset_row,
            ]
        )
        self._add_classes()

    def _add_classes(self) -> None:
        """CSS classes naming the parts in the browser (``cnnlib-knob-depth``, ``cnnlib-summary``, …):
        the browser tests find the controls by them, whatever language their labels are in."""
        self.widget.add_class("cnnlib-explorer")
        self.widget.add_class(f"cnnlib-explorer-{self.family}")
        for key, control in self.controls.items():
            control.add_class(f"cnnlib-knob-{key}")
        parts = {
            "summary": self.summary_html,
            "accuracy": self.accuracy_html,
            "error": self.error_html,
            "diagram": self.diagram_output,
            "train": self.train_button,
            "stop": self.stop_button,
            "results": self.results_html,
            "tabs": self.tabs,
        }
        for name, part in parts.items():
            part.add_class(f"cnnlib-{name}")

    def _knob_widgets(self) -> list[widgets.Widget]:
        """The controls of the model's own knobs, in the order they are laid out."""
        common = ("scale", "width", "budget", "seconds")
        return [self.controls[knob.key] for knob in self.knobs if knob.key not in common]

    def _make_control(self, knob: Knob) -> widgets.Widget:
        style = {"description_width": "initial"}
        if knob.kind == "bool":
            return widgets.Checkbox(value=knob.default, indent=False)
        if knob.kind == "int":
            return widgets.IntSlider(
                value=knob.default,
                min=knob.low,
                max=knob.high,
                step=knob.step,
                continuous_update=False,  # recount when the slider is released, not on every pixel
                style=style,
            )
        options = self._options(knob)
        if len(knob.choices) <= 3:
            return widgets.ToggleButtons(
                options=options, value=knob.default, style={**style, "button_width": "auto"}
            )
        # max-content: a long bilingual label must not squeeze the list to nothing (seen in JupyterLab)
        return widgets.Dropdown(
            options=options, value=knob.default, style=style, layout=widgets.Layout(width="max-content")
        )

    def _options(self, knob: Knob) -> list[tuple[str, Any]]:
        labels = dict(knob.option_labels)
        return [(i18n.t(labels[c]) if c in labels else knob.text(c), c) for c in knob.choices]

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
        """Redo every label in the current language (``cnnlib.set_language``) and recount.

        현재 언어 설정으로 모든 라벨을 다시 씁니다.
        """
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
        finally:
            self._muted -= 1
        self.title_html.value = f"<h3 style='margin:4px 0'>{html.escape(i18n.t(self.title))}</h3>"
        self.train_button.description = i18n.t("widget.train")
        self.stop_button.description = i18n.t("widget.stop")
        self.apply_button.description = i18n.t("widget.apply")
        self.preset_text.description = i18n.t("widget.preset")
        self.tabs.set_title(0, i18n.t("widget.tab.numbers"))
        self.tabs.set_title(1, i18n.t("widget.tab.training"))
        self.lab_note_html.value = f"<small>{html.escape(i18n.t(self.lab_note))}</small>"
        if self.language.value != i18n.get_language():
            self._muted += 1
            try:
                self.language.value = i18n.get_language()
            finally:
                self._muted -= 1
        self.results_html.value = self.render_runs()
        self._chart_key = None  # chart text follows the language too
        if self.error is not None:
            self._show_error(self.error)
        self.refresh()
        if self._last_histories and not self.training:
            self._show_curves(self._last_histories)

    def _relabel_extra(self) -> None:
        """Subclasses with controls beyond the knobs relabel them here."""

    def _on_language(self, change: dict[str, Any]) -> None:
        if self._muted:
            return
        i18n.set_language(change["new"])
        self.relabel()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    # ------------------------------------------------------------------ counting

    def _on_change(self, change: dict[str, Any]) -> None:
        if not self._muted:
            self.refresh()

    def _update_enabled(self, state: dict[str, Any]) -> None:
        """Grey out what does not apply (the width multiplier at paper scale, seconds with a recipe)."""
        self.controls["width"].disabled = state["scale"] == "paper"
        self.controls["seconds"].disabled = state["budget"] == "recipe"

    def refresh(self) -> None:
        """Recount for the current controls and redraw; a ConfigError is shown in place.

        현재 설정으로 다시 세어 보여 줍니다. 만들 수 없는 설정이면 오류를 그 자리에 보여 주고
        마지막으로 올바랐던 숫자는 그대로 둡니다.
        """
        with _collection_postponed():  # no 0.3 s garbage collection in the middle of a redraw
            shown = self._show_numbers()
            if shown is not None:
                self._show_pictures(*shown)

    def _show_numbers(self) -> tuple[dict[str, Any], Any, Numbers] | None:
        """Count the current setting and show the numbers; None (and the error) if it fails."""
        try:
            state = self.state
            self._update_enabled(state)
            self.preset_text.value = format_preset(self.family, self.knobs, state)
            key = lecture.setting(self.family, **state)
            numbers = lecture.numbers(self.family, **state)
        except Exception as error:  # ConfigError, or a combination no builder check foresaw:
            self._show_error(error)  # either way a message in place, never a traceback
            return None
        self.error = None
        self.error_html.value = ""
        self.numbers = numbers
        self.summary_html.value = self.render_summary(numbers) + self._shown_preset(state)
        self._show_accuracy(state)
        self.details_html.value = self.render_details(numbers)
        return state, key, numbers

    def _show_accuracy(self, state: dict[str, Any]) -> None:
        """The atlas's accuracy of the lab twin of ``state`` (or why there is none), in place."""
        try:
            self.accuracy = atlas.accuracy(self.atlas_family, state)
            self.accuracy_html.value = accuracy_html(self.accuracy)
        except Exception as error:  # a missing or broken atlas: the numbers stay, the reason is shown
            self.accuracy = None
            self.accuracy_html.value = notice_box(i18n.t("widget.acc.unavailable"), error)

    def _show_pictures(self, state: dict[str, Any], key: Any, numbers: Numbers) -> None:
        """What follows the numbers: the diagram, the slower numbers, the chart."""
        self._show_diagram(state, key, numbers)  # after the numbers: they never wait for the picture
        # The slower numbers (Inception: two whole GoogLeNets counted, ~50 ms) come after the
        # diagram of what the student just changed (~20 ms), which would otherwise wait for them.
        self.extra_html.value = self.render_extra(state, numbers)
        chart = (self.chart_key(numbers), i18n.get_language())
        if chart != self._chart_key:  # a figure costs more than all the counting: draw only if it changed
            self._chart_key = chart
            figure = self.chart(numbers)
            if figure is not None:
                show_figure(self.chart_output, figure)

    def _show_diagram(self, state: dict[str, Any], key: Any, numbers: Numbers) -> None:
        """Draw the architecture of the counted model unless it is already on screen.

        The diagram shows the model that was counted (meta device, the explorer's scale);
        ``collapse="auto"`` keeps short networks layer by layer and folds long ones into
        repeated blocks. A structure drawn before in this language comes from the cache.
        """
        language = i18n.get_language()
        setting = (type(self).__name__, key)
        try:
            structure = _structures.get(setting)
            if structure is None or (structure, language) not in _diagrams:
                if numbers.model is None:  # numbers from the cache, but the diagram is not: build
                    numbers = self.compute(state)  # the model again (a new language, say)
                structure = hashlib.blake2b(self.diagram_key(numbers).encode(), digest_size=16).hexdigest()
                _remember(_structures, setting, structure, STRUCTURE_CACHE)
            shown = (structure, language)
            if shown == self._diagram_key:
                return
            drawn = _diagrams.get(shown)
            if drawn is None:
                spec = plots.diagram_spec(numbers.model, numbers.input_shape)
                drawn = (spec, figure_data(plots.diagram(spec)))
            _remember(_diagrams, shown, drawn, DIAGRAM_CACHE)
        except Exception as error:  # a diagram bug must not hide the numbers: say so in its place
            self._diagram_key = None
            self.diagram_output.outputs = (
                _display({"text/html": error_box("", error), "text/plain": repr(error)}),
            )
            return
        self._diagram_key = shown
        self.diagram_spec, data = drawn
        self.diagram_output.outputs = (_display(data),)

    def _shown_preset(self, state: dict[str, Any]) -> str:
        # Which setting the numbers belong to: after an error they are the last valid one's.
        preset = format_preset(self.family, self.knobs, state)
        return f"<div style='color:#666;font-size:0.85em'><code>{html.escape(preset)}</code></div>"

    def _show_error(self, error: Exception) -> None:
        self.error = error
        self.error_html.value = error_box(i18n.t("widget.error.kept"), error)

    def _apply_preset_text(self) -> None:
        try:
            self.preset = self.preset_text.value
        except Exception as error:  # ConfigError, or text no parser foresaw: the box, never a traceback
            self._show_error(error)

    # ------------------------------------------------------------------ training

    @property
    def training(self) -> bool:
        """True while a Train press is running. 학습 중이면 True."""
        return self._thread is not None and self._thread.is_alive()

    def train(self) -> None:
        """Train the lab-scale model(s) in a background thread (the Train button).

        실습 규모 모델을 백그라운드 스레드에서 학습합니다('학습' 버튼).
        """
        if self.training:
            return
        try:
            state = self.state
        except Exception as error:  # a text box that cannot be read: said in place, as for a bad knob
            self._show_training_error(error)
            return
        preset = format_preset(self.family, self.knobs, state)
        self.training_error = None
        self.training_error_html.value = ""
        self._stop_event = threading.Event()
        self.train_button.disabled = True
        self.stop_button.disabled = False
        self.progress.value = 0.0
        self.progress.bar_style = ""
        self.tabs.selected_index = 1
        self.status_html.value = html.escape(i18n.t("widget.status.loading"))
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
        """Wait for the training thread; True if it has finished. 학습이 끝날 때까지 기다립니다."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
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
                self.results_html.value = self.render_runs()
                self._last_histories = list(histories)
                self._show_curves(histories)
                self._show_accuracy(self.state)  # a finished recipe run joins the local atlas
            self.progress.value = 1.0
            self.progress.bar_style = "warning" if stop.is_set() else "success"
            key = "widget.status.stopped" if stop.is_set() else "widget.status.done"
            self.status_html.value = html.escape(i18n.t(key))
        except Exception as error:  # shown in the explorer: a background thread has nowhere else to report
            self._show_training_error(error)
        finally:
            self.train_button.disabled = False
            self.stop_button.disabled = True

    def _on_evaluation(
        self, finished: list[History], count: int, seconds: float | None, history: History
    ) -> None:
        # fit calls this after each evaluation: move the bar, say where we are, redraw the curves
        # (the run so far over its atlas band, beside the runs of this press that have finished).
        index = len(finished)
        if seconds is None:  # a recipe: a fixed number of steps
            steps = history.config.get("training", {}).get("steps") or 1
            done = min(history.step[-1] / steps, 0.99)
        else:
            done = min(history.wall_time[-1] / seconds, 0.99) if history.wall_time else 0.0
        self.progress.value = (index + done) / count
        self._show_curves([*finished, history])
        test = history.test_acc[-1]
        self.status_html.value = html.escape(
            i18n.t(
                "widget.status.step",
                name=history.name,
                step=history.step[-1],
                train=_percent(history.train_acc[-1]),
                test=_percent(test),
            )
        )

    def _show_training_error(self, error: Exception) -> None:
        self.training_error = error
        self.progress.bar_style = "danger"
        self.status_html.value = ""
        title = "widget.error.train_config" if isinstance(error, ConfigError) else "widget.error.train"
        self.training_error_html.value = error_box(i18n.t(title), error)

    def _show_curves(self, histories: list[History]) -> None:
        show_figure(self.curves_output, self.curves(histories))

    def render_runs(self) -> str:
        """HTML table of every run of this explorer (newest last). 이 탐색기의 모든 학습 결과 표."""
        if not self.runs:
            return f"<p><i>{html.escape(i18n.t('widget.no_runs'))}</i></p>"
        # Each language on its own line of the header, and the long preset string may break
        # anywhere: otherwise the browser wrapped the numbers' headers letter by letter.
        heads = ["#", i18n.t("train.col.name", sep="\n"), i18n.t("widget.col.preset", sep="\n")]
        numbers = ("params", "train_acc", "test_acc", "seconds", "interrupted")
        heads += [i18n.t(f"train.col.{key}", sep="\n") for key in numbers]
        head = "".join(
            f"<th style='word-break:keep-all'>{html.escape(h).replace(chr(10), '<br>')}</th>" for h in heads
        )  # keep-all: Korean words are not broken between syllables
        rows = []
        for number, run in enumerate(self.runs, start=1):
            h = run.history
            cells = [  # (HTML, alignment)
                (str(number), "right"),
                (html.escape(i18n.label(h.name)), "left"),
                (f"<code style='word-break:break-all'>{html.escape(run.preset)}</code>", "left"),
                (f"{h.params:,}", "right"),
                (_percent(h.final_train_acc), "right"),
                (_percent(h.final_test_acc), "right"),
                (f"{h.seconds:.1f}", "right"),
                (html.escape(i18n.t("train.yes")) if h.interrupted else "", "left"),
            ]
            tds = "".join(
                f"<td style='text-align:{align};white-space:{'normal' if i == 2 else 'nowrap'}'>{cell}</td>"
                for i, (cell, align) in enumerate(cells)
            )
            rows.append(f"<tr>{tds}</tr>")
        note = html.escape(i18n.t("widget.eval_note", n=atlas.QUICK_LOOK_IMAGES))
        return (
            f"<table class='cnnlib-runs'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
            f"</table><small>{note}</small>"
        )


# ---------------------------------------------------------------------- shared rendering helpers


def error_box(title: str, error: Exception, style: str = ERROR_STYLE, mark: str = "⚠ ") -> str:
    """A red box: the title, then the error in Korean and in English (always both).

    ``style``/``mark``: the grey box of :func:`notice_box` shares the same body.
    """
    if isinstance(error, ConfigError):
        ko, en = error.ko, error.en
    else:  # Python's own message is English only; say in both languages what it is
        ko, en = i18n.both("widget.error.unexpected", error=f"{type(error).__name__}: {error}")
    return (
        f"<div style='{style}'><b>{mark}{html.escape(title)}</b><br>"
        f"{html.escape(ko)}<br>{html.escape(en)}</div>"
    )


def headline(numbers: Numbers, extra: str = "") -> str:
    """``name — input · N parameters · M MACs`` in the current language, as HTML."""
    c, h, w = numbers.input_shape
    data = i18n.t("widget.input", c=c, h=h, w=w, classes=numbers.num_classes)
    totals = i18n.t(
        "widget.totals", params=f"{numbers.total_params:,}", macs=f"{numbers.total_macs:,}", sep=" / "
    )
    return (
        f"<div style='font-size:1.15em'><b>{html.escape(numbers.name)}</b> — {html.escape(data)}</div>"
        f"<div style='font-size:1.15em'>{html.escape(totals)}</div>{extra}"
    )


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


NOTICE_STYLE = "border:1px solid #b0b0b0;background:#f7f7f7;color:#333;padding:6px 10px;margin:4px 0"


def notice_box(title: str, error: Exception) -> str:
    """A grey box: something is unavailable (not an error of the student's), and why, in both languages."""
    return error_box(title, error, style=NOTICE_STYLE, mark="")


def _stat(stat: atlas.Stat) -> tuple[str, str]:
    return i18n.both("widget.acc.stat", mean=f"{stat.mean:.1%}", sd=f"{100 * stat.sd:.1f}", n=stat.n)


def accuracy_html(view: atlas.AccuracyView) -> str:
    """The accuracy block under the numbers: this setting, its lesson partner, the verdict, the papers."""
    esc = html.escape
    lines = []
    if view.cell is None:
        wait = (
            ""
            if view.estimate_seconds is None
            else i18n.t("widget.acc.estimate", s=f"{view.estimate_seconds:.0f}")
        )
        lines.append(
            f"<b>{esc(i18n.t('widget.acc.title'))}</b> {esc(i18n.t('widget.acc.not_measured'))}{esc(wait)}"
        )
    else:
        cell = view.cell
        strip = [("#3a73b8", cell.test_acc, i18n.t("widget.acc.this"))]
        source = i18n.t("widget.acc.local") if cell.source == "local" else ""
        lines.append(
            f"<b>{esc(i18n.t('widget.acc.title'))}</b> "
            f"<b style='font-size:1.1em'>{esc(i18n.pick(*_stat(cell.test_acc)))}</b>"
            f" · {esc(i18n.t('widget.acc.train', acc=f'{cell.train_acc.mean:.1%}'))}{esc(source)}"
            f"<br><small style='color:#666'>{esc(i18n.t('widget.acc.recipe', recipe=cell.recipe))}"
            f"{esc(i18n.t('widget.acc.estimate', s=f'{cell.seconds:.0f}'))}</small>"
        )
        if view.partner is not None and view.comparison is not None:
            change = ", ".join(f"{k}={atlas.show_value(v)}" for k, v in view.changed.items())
            strip.append(("#c2443a", view.partner.test_acc, change))
            c = view.comparison
            lines.append(
                esc(i18n.t("widget.acc.partner", change=change, stat=_stat(view.partner.test_acc)))
                + "<br>"
                + esc(
                    i18n.t(
                        "widget.acc.difference",
                        diff=f"{100 * c.difference:+.1f}",
                        margin=f"{100 * c.margin:.1f}" if math.isfinite(c.margin) else "?",
                    )
                )
                + f" — <b>{esc(c.verdict)}</b>"
            )
        elif view.partner_knobs is not None:
            change = ", ".join(f"{k}={atlas.show_value(v)}" for k, v in view.changed.items())
            lines.append(esc(i18n.t("widget.acc.partner_missing", change=change)))
        lines.append(plots.seed_strip_svg(strip))
    for row in view.papers:
        lines.append(f"<small>{esc(i18n.t('widget.acc.paper'))} {esc(row.describe())}</small>")
    note = esc(i18n.t("widget.acc.note"))
    return (
        "<div style='border-left:3px solid #3a73b8;padding:4px 10px;margin:6px 0'>"
        + "<br>".join(lines)
        + f"<br><small style='color:#666'>{note}</small></div>"
    )


_draw_lock = threading.Lock()  # matplotlib's font cache is shared by the counting and training threads
DPI = 96  # the pixels of a widget's figure: shown at its size in pixels, as IPython shows a figure


def figure_data(figure: Figure) -> dict[str, str]:
    """``figure`` as a notebook display bundle: the PNG (base64) and a plain-text stand-in."""
    from matplotlib import rc_context

    raw = io.BytesIO()
    # The whole figure, so that its size in pixels is known: a "tight" savefig.bbox would crop it.
    # zlib level 1 instead of Pillow's 6: a third faster on the big diagrams, files ~10% larger
    # (benchmarks/results/widget_png.md).
    with _draw_lock, rc_context({"savefig.bbox": "standard"}):
        figure.savefig(raw, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
    return {
        "image/png": base64.b64encode(raw.getvalue()).decode("ascii"),
        "text/plain": f"<Figure {figure.get_figwidth():g}×{figure.get_figheight():g} in>",
    }


def show_figure(output: widgets.Output, figure: Figure) -> None:
    """Replace what ``output`` shows by ``figure`` (as PNG); safe from any thread."""
    output.outputs = (_display(figure_data(figure)),)


def _display(data: dict[str, str]) -> dict[str, Any]:
    return {"output_type": "display_data", "data": data, "metadata": {}}
