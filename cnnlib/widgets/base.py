"""What the four explorers share: controls from knobs, the numbers at once, the diagram after them.

An explorer is controls, layout and event wiring over pure functions:

1. every control change reads the *state* (a dict ``knob → value``), asks
   :func:`cnnlib.numbers.numbers` (pure and cached: the network built on the ``"meta"`` device and
   counted, no weight allocated) and shows them through :mod:`cnnlib.display`;
2. then the architecture diagram (:func:`cnnlib.plots.diagram`) is redrawn, only when the
   network's structure changed (a structure drawn before comes back as its PNG), so the numbers
   never wait for the picture;
3. a :class:`cnnlib.ConfigError` is shown in place, in red, in Korean and English, and the last
   valid numbers and diagram stay on screen;
4. the Train tab (:mod:`cnnlib.widgets.training`) trains the lab-scale twin in the background.

Only ipywidgets APIs common to 7.7 (Colab) and 8.x are used. Figures go into an
``ipywidgets.Output`` by setting its ``outputs`` (from any thread; no ``%matplotlib widget``).
"""

from __future__ import annotations

import contextlib
import gc
import html
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import ipywidgets as widgets

from cnnlib import atlas, display, i18n, plots
from cnnlib import numbers as lecture
from cnnlib.errors import ConfigError
from cnnlib.numbers import Numbers
from cnnlib.widgets.presets import Knob, format_preset, parse_preset
from cnnlib.widgets.training import Run, TrainTab, lab_data

__all__ = ["Explorer", "Run", "clear_caches", "common_knobs", "lab_data"]

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


@contextlib.contextmanager
def _collector_held() -> Iterator[None]:
    """Hold Python's cyclic garbage collector during one redraw.

    With torch and matplotlib loaded a full collection walks ~400,000 objects (~0.4 s on a busy
    laptop) and may start at any allocation, such as the ~10,000 a ResNet-152 makes on the meta
    device. Without this hold the paper-scale ResNets' numbers took 0.5 s at p95 instead of 0.14 s
    (benchmarks/results/widget_latency.md); the first collection after the redraw frees its garbage.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:  # a notebook that turned it off itself keeps it off
            gc.enable()


def clear_caches() -> None:
    """Forget every count and drawn diagram (benchmarks start from empty caches)."""
    lecture.clear_cache()
    _diagrams.clear()


class Explorer(TrainTab):
    """Base class of the four explorers.

    A subclass sets ``family`` (a family of :mod:`cnnlib.numbers`), ``knobs`` and the
    :mod:`cnnlib.display` functions that show its numbers (``summary``, ``details``, ``extra``);
    ``chart`` draws parameter bars by ``"layer"`` or ``"stage"``. Public attributes: ``widget`` (the
    box to display), ``controls`` (knob key → control), ``numbers`` (the last valid
    :class:`Numbers`: what is on screen), ``diagram_spec``, ``error`` (the error shown, or None),
    ``accuracy`` (the :class:`cnnlib.atlas.AccuracyView` shown, or None), those of the Train tab
    (:class:`TrainTab`: ``runs``, ``training_error``, …) and every widget (``summary_html``, …).
    """

    family: ClassVar[str] = ""
    atlas_family: ClassVar[str] = ""  # the cnnlib.atlas family of the lab networks (default: family)
    knobs: ClassVar[tuple[Knob, ...]] = ()
    summary: ClassVar[Callable[[Any], str]] = staticmethod(display.headline)
    details: ClassVar[Callable[[Any], str]] = staticmethod(display.layer_table)
    extra: ClassVar[Callable[[Any], str] | None] = None  # slower numbers, shown after the diagram
    chart: ClassVar[str | None] = None  # parameter bars by "layer" or "stage", or none

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.atlas_family = cls.atlas_family or cls.family

    def __init__(self, preset: str | None = None) -> None:
        """Build the explorer; ``preset`` (a string like ``"resnet:depth=56"``) sets its knobs.

        Raises:
            ConfigError: ``preset`` cannot be read (before any widget is built).
        """
        state = self.parse_preset(preset) if preset is not None else self.default_state()
        self.numbers: Numbers | None = None
        self.diagram_spec: plots.DiagramSpec | None = None
        self.error: Exception | None = None  # a ConfigError, unless something unforeseen broke
        self.accuracy: atlas.AccuracyView | None = None
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

    # ------------------------------------------------------------------ widgets

    def _build_widgets(self) -> None:
        self.controls: dict[str, widgets.Widget] = {k.key: self._make_control(k) for k in self.knobs}
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.language = widgets.ToggleButtons(  # each language named in itself: never relabelled
            options=[(i18n.t(f"widget.language.{x}"), x) for x in i18n.LANGUAGES],
            value=i18n.get_language(),
            style={"button_width": "auto"},
        )
        self.language.observe(self._on_language, names="value")
        self.title_html, self.error_html, self.summary_html = (widgets.HTML() for _ in range(3))
        self.accuracy_html, self.extra_html, self.details_html = (widgets.HTML() for _ in range(3))
        self.diagram_output, self.chart_output = widgets.Output(), widgets.Output()
        self.preset_text = widgets.Text(layout=widgets.Layout(width="70%"))
        self.apply_button = widgets.Button()
        self.apply_button.on_click(lambda _: self._apply_preset_text())

        knobs = self._knob_widgets()
        half = (len(knobs) + 1) // 2
        # Columns keep their natural width and wrap under each other on a narrow screen: shrunk,
        # a long bilingual label hid its drop-down (seen in JupyterLab at 1400 px).
        column = {"flex": "0 0 auto", "margin": "0 24px 0 0"}
        columns = [widgets.VBox(part, layout=column) for part in (knobs[:half], knobs[half:])]
        columns = widgets.HBox(columns, layout={"flex_flow": "row wrap"})
        numbers = [self.summary_html, self.accuracy_html, self.extra_html, self.diagram_output]
        numbers_tab = widgets.VBox([*numbers, self.chart_output, self.details_html])
        c = self.controls
        self.tabs = widgets.Tab(children=[numbers_tab, self._build_train_tab(c["budget"], c["seconds"])])
        top = [widgets.HBox([self.title_html, self.language]), columns]
        bottom = [self.error_html, self.tabs, widgets.HBox([self.preset_text, self.apply_button])]
        self.widget = widgets.VBox([*top, widgets.HBox([c["scale"], c["width"]]), *bottom])
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
        title = html.escape(i18n.t(f"widget.{self.family}.title"))
        self.title_html.value = f"<h3 style='margin:4px 0'>{title}</h3>"
        self.apply_button.description = i18n.t("widget.apply")
        self.preset_text.description = i18n.t("widget.preset")
        self.tabs.set_title(0, i18n.t("widget.tab.numbers"))
        self.tabs.set_title(1, i18n.t("widget.tab.training"))
        self._shown.pop("chart", None)  # the chart's words follow the language too
        if self.error is not None:
            self._show_error(self.error)
        self.refresh()
        self._relabel_train_tab()

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
        with _collector_held():
            self._redraw()

    def _redraw(self) -> None:
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
            bars = plots.param_bars(numbers.table, by=self.chart)
            self.chart_output.outputs = (display.figure_output(bars),)

    def _show_accuracy(self, state: dict[str, Any]) -> None:
        """The atlas's accuracy of the lab twin of ``state`` (or why there is none), in place."""
        try:
            self.accuracy = atlas.accuracy(self.atlas_family, state)
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
