"""The dashboard machine the three dashboards share: controls -> model -> artists -> picture.

:class:`Dashboard` builds the controls from the parameter registry
(:func:`declared`), lays them out beside the figure, solves on every change
(merging changes that come faster than a frame when asked to), draws through
:class:`gluteed.view.FastPNG` or ipympl's canvas, and keeps the state a case
file or a link (:mod:`gluteed.sharing`) can save and restore. The dashboards
themselves, and what each shows, are in :mod:`gluteed.widgets`.
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from . import __version__, drag_frames, view
from .cases import Case, list_cases, load_case, save_case
from .dashboard_ahead import DrawingAhead, running_loop
from .dashboard_parts import (
    DASHBOARD_CSS,
    FigureSaver,
    dashboard_figure,
    freeze_layout_after_first_draw,
    ipympl_active,
    ordered_cases,
    show_reasons,
    slider_for,
    toggle_for,
)
from .links import DEFAULT_CASE
from .parameters import Parameter, case_parameter, parameter
from .sharing import FigureImage, share_box

if TYPE_CHECKING:
    import asyncio

    from .gait import WalkResult
    from .hamstrings import BendResult
    from .stance import StanceResult

    #: What a dashboard's model gives: one scenario solved.
    ModelResult = StanceResult | BendResult | WalkResult

__all__ = ["HEIGHT_NOTE", "Dashboard", "declared"]

#: Why the height slider changes no force (a question for the class, not a fault).
HEIGHT_NOTE = "forces (× BW and N) do not change with stature: every lever arm scales with it"
#: Width of the controls beside the figure: notebook, projector.
_SIDE_WIDTH = ("400px", "500px")


def declared(name: str) -> Parameter:
    """The declared parameter of a control: by its case-file key, else by its name.

    Raises
    ------
    KeyError
        (also a ``ValueError``) for a name :mod:`gluteed.parameters` does not declare.
    """
    try:
        return case_parameter(name)
    except KeyError:
        return parameter(name)


class Dashboard(DrawingAhead):
    """Controls -> model -> artists -> picture; shared by the dashboards."""

    #: Figure size for a notebook and for a projector. [inch]
    _FIGSIZE = ((14.5, 7.6), (16.5, 8.8))
    #: Model controls that are no case field: the dashboard reads them itself.
    _OWN_CONTROLS: tuple[str, ...] = ()
    #: The dashboard's name in a link (:mod:`gluteed.links`) and in saved figure files.
    kind = "stance"
    #: Start values of the controls that are no case field, by name; each may be
    #: given to the constructor as a keyword (e.g. ``trunk_inclination_deg=30``).
    _OWN_STARTS: Mapping[str, float] = MappingProxyType({})

    def __init__(
        self,
        case: str | os.PathLike | Case | None = None,
        *,
        teaching: bool = False,
        backend: str = "auto",
        builtin_cases_only: bool = False,
        **starts: float,
    ) -> None:
        if backend not in ("auto", "png", "ipympl"):
            raise ValueError(f"backend must be 'auto', 'png' or 'ipympl'; got {backend!r}")
        self._own_start = self._starts(starts)
        self.teaching = bool(teaching)
        self._builtin_only = bool(builtin_cases_only)
        self._holding = False
        self._start_keeping()
        start = self._as_case(case) if case is not None else DEFAULT_CASE
        self._start = start
        self._case = start
        self.controls = self._make_controls(start)
        self._check_controls()
        self._tooltips = {name: c.tooltip for name, c in self.controls.items()}
        #: Start values of the controls no case carries (trunk angle, moment of the stride).
        case_fields = {f.name for f in fields(Case)} | self._NOT_SETTINGS
        self._initial = {n: c.value for n, c in self.controls.items() if n not in case_fields}
        self.hint = w.HTML(layout=w.Layout(width="100%"))
        self.hint.add_class("gluteed-hint")
        self.saver = FigureSaver(lambda: self.figure, f"gluteed-{self.kind}", self._after_save)
        self.readout = w.HTML(layout=w.Layout(width="100%"))
        self.readout.add_class("gluteed-readout")
        self.description = w.HTML(layout=w.Layout(width="100%"))
        self.description.add_class("gluteed-case-description")

        scale = 1.15 if self.teaching else 1.0
        figsize = self._FIGSIZE[self.teaching]
        self.result = self._solve()
        use_ipympl = backend == "ipympl" or (backend == "auto" and ipympl_active())
        self.backend = "ipympl" if use_ipympl else "png"
        self.figure = dashboard_figure(figsize, use_ipympl)
        self.panels = self._draw(self.figure, scale)
        self._ahead_turn = 0
        #: A drawing ahead waiting for the page to keep a picture: (turn, slider, positions).
        self._parked: tuple | None = None
        self._moved_in_page: str | None = None
        self._later: asyncio.TimerHandle | None = None
        self._later_solve = False
        figure_box = w.Box(
            [self._figure_view(figsize, use_ipympl)],
            layout=w.Layout(width="100%", overflow="visible"),
        )
        figure_box.add_class("gluteed-figure")
        self.widget = self._layout(figure_box)
        self.widget.add_class("gluteed-dashboard")
        self._pending: dict | None = None
        self.coalesce = os.environ.get("GLUTEED_DRAG_COALESCE", "0") == "1"
        self.sharing = share_box(self)
        self.main.children += (self.sharing.widget,)
        if self.teaching:
            self.widget.add_class("gluteed-teaching")
        self._observe()
        self._show_case_text()
        self._redraw(solve=False)

    @classmethod
    def _starts(cls, given: Mapping[str, float]) -> dict[str, float]:
        """The own controls' start values: ``given`` ones, the class's for the rest."""
        for name in given:
            if name not in cls._OWN_STARTS:
                allowed = ", ".join(cls._OWN_STARTS) or "none"
                raise TypeError(
                    f"{cls.__name__} got an unexpected keyword {name!r}; "
                    f"its own start values: {allowed}"
                )
        return {n: float(given.get(n, v)) for n, v in cls._OWN_STARTS.items()}

    def _observe(self) -> None:
        """Connect the controls to what they do."""
        self.controls["reset"].on_click(lambda _button: self.reset())
        self.controls["case"].observe(self._case_chosen, names="value")
        for name in self._model_controls():
            self.controls[name].observe(self._changed, names="value")

    def _figure_view(self, figsize: tuple[float, float], use_ipympl: bool) -> w.Widget:
        """The live canvas, or the image widget the PNG pictures go to."""
        if use_ipympl:
            self._fast = self.image = self.frames = self._shared = None
            freeze_layout_after_first_draw(self.figure)
            return self.figure.canvas
        self._fast = view.FastPNG(self.panels)
        # On a projector the picture is as tall as the screen allows beside the controls.
        fit = "max-height: calc(100vh - 190px); object-fit: contain; " if self.teaching else ""
        style = f"width: 100%; max-width: {figsize[0] * 72:.0f}px; height: auto; {fit}"
        # The image carries the kernel's pictures; the frame store shows them, and the
        # pictures it keeps while a control moves (see gluteed.drag_frames).
        self.image = FigureImage(format="png")
        self.frames = drag_frames.FrameStore(
            self._settings_controls(), self.image, self.readout, img_style=style
        )
        self.frames.on_page_ready = self._page_ready
        self.frames.on_kept = self._page_kept
        #: Pictures shared with the other kernels of a teaching server (or None).
        self._shared = drag_frames.SharedFrames.from_env(
            f"gluteed {__version__} {type(self).__name__} teaching={self.teaching} {figsize}"
        )
        return self.frames

    # ------------------------------------------------- for the subclasses
    def _make_controls(self, case: Case) -> dict[str, w.Widget]:
        raise NotImplementedError

    def _arrange(self) -> list[w.Widget]:
        """Columns of controls under the case drop-down."""
        raise NotImplementedError

    def _solve(self):
        raise NotImplementedError

    def _draw(self, figure: Figure, scale: float):
        raise NotImplementedError

    def _update(self, result: ModelResult) -> bool:
        raise NotImplementedError

    def _summary(self, result: ModelResult) -> str:
        raise NotImplementedError

    def _over(self, result: ModelResult) -> bool:
        """True where the result cannot be held (or walked): the readout warns."""
        return not bool(np.all(getattr(result, "feasible", True)))

    def _inactive(self, state: dict) -> dict[str, str]:
        """Controls that cannot change the result now -> why (they are greyed out)."""
        return {}

    def _notes(self, state: dict) -> dict[str, str]:
        """Controls that stay usable but change no number now -> why."""
        return {}

    def _values(self) -> dict:
        return {n: c.value for n, c in self.controls.items() if n not in ("case", "reset")}

    def reasons(self) -> dict[str, str]:
        """Every control that changes nothing now, with the reason shown beside it.

        The greyed-out ones (see :meth:`_inactive`) and the usable ones that move
        no number (the height; the inhibition switch with normal hamstrings).
        """
        state = self._values()
        return {**self._notes(state), **self._inactive(state)}

    def _show_reasons(self) -> None:
        state = self._values()
        names = self._model_controls()
        self.hint.value = show_reasons(
            {n: self.controls[n] for n in names},
            self._inactive(state),
            self._notes(state),
            self._tooltips,
        )

    # ---------------------------------------------------------- building
    def _as_case(self, case: str | os.PathLike | Case) -> Case:
        if isinstance(case, Case):
            return case
        return load_case(case, builtin_only=self._builtin_only)

    def _slider(self, name: str, value: float) -> w.FloatSlider:
        """A slider for the declared parameter of control ``name`` (see :func:`declared`)."""
        return slider_for(declared(name), value)

    def _toggle(self, name: str, options: Sequence[tuple[str, str]], value: str) -> w.ToggleButtons:
        """Toggle buttons for the declared choice of control ``name``."""
        return toggle_for(declared(name), options, value)

    def _check_controls(self) -> None:
        """Every model control is a declared parameter the dashboard reads.

        Raises
        ------
        ValueError
            For a control that is not declared in :mod:`gluteed.parameters`, or
            whose value no case field and no ``_OWN_CONTROLS`` entry carries to
            the model (it would move and change nothing).
        """
        case_fields = {f.name for f in fields(Case)}
        for name in self._model_controls():
            declared(name)
            if name not in case_fields and name not in self._OWN_CONTROLS:
                raise ValueError(
                    f"control {name!r} is declared but not read: it is neither a case "
                    f"field nor one of this dashboard's own controls ({type(self).__name__})"
                )

    def _common_controls(self, case: Case) -> dict[str, w.Widget]:
        names = ordered_cases(list_cases())
        options = [("(your own settings)", "")]
        options += [(load_case(name).title, name) for name in names]
        return {
            "case": w.Dropdown(
                options=options,
                value=case.name if case.name in names else "",
                description="Patient case",
                style={"description_width": "7em"},
                layout=w.Layout(width="100%"),
            ),
            "reset": w.Button(description="Reset", icon="undo", tooltip="Back to the start"),
            "mass_kg": self._slider("mass_kg", case.mass_kg),
            "height_m": self._slider("height_m", case.height_m),
            "sex": self._toggle("sex", [("female", "female"), ("male", "male")], case.sex),
        }

    def _strength_controls(self, case: Case) -> dict[str, w.Widget]:
        """Glute med strength per side and the posture strategy."""
        strategies = [("balanced", "balanced"), ("leans", "lean"), ("upright", "upright")]
        out = {
            "glute_med_strength_right_pct": self._slider(
                "glute_med_strength_right_pct", case.glute_med_strength_right_pct
            ),
            "glute_med_strength_left_pct": self._slider(
                "glute_med_strength_left_pct", case.glute_med_strength_left_pct
            ),
            "strategy": self._toggle("strategy", strategies, case.strategy),
        }
        out["strategy"].tooltips = [
            "Trunk lean and pelvic drop shared for the least effort",
            "Leans the trunk over the stance hip (Duchenne sign)",
            "Keeps the trunk upright, the pelvis may drop (Trendelenburg sign)",
        ]
        return out

    def _hamstring_controls(self, case: Case) -> dict[str, w.Widget]:
        return {
            "ake_deg": self._slider("ake_deg", case.ake_deg),
            "glute_inhibition": w.Checkbox(
                value=case.glute_inhibition,
                description=declared("glute_inhibition").label,
                indent=False,
                layout=w.Layout(width="100%"),
            ),
        }

    def _layout(self, figure_box: w.Box) -> w.Box:
        """The figure with the readout under it, the controls in a column beside it."""
        c = self.controls
        buttons = w.HBox([c["reset"], self.saver.button, self.saver.links])
        buttons.add_class("gluteed-buttons")
        controls = [control for column in self._arrange() for control in column]
        self.side = w.VBox(
            [c["case"], buttons, *controls, self.hint],
            layout=w.Layout(flex="0 0 auto", width=_SIDE_WIDTH[self.teaching]),
        )
        self.side.add_class("gluteed-controls")
        self.main = w.VBox(
            [figure_box, self.readout, self.description, w.HTML(DASHBOARD_CSS)],
            layout=w.Layout(flex="1 1 440px", min_width="0"),
        )
        return w.HBox(
            [self.main, self.side], layout=w.Layout(flex_flow="row wrap", align_items="flex-start")
        )

    def _model_controls(self) -> list[str]:
        return [n for n in self.controls if n not in ("case", "reset")]

    # ------------------------------------------------------------- state
    def state(self) -> dict:
        """The current settings as a flat case record (see :class:`gluteed.cases.Case`)."""
        data = self._case.to_dict()
        for name, control in self.controls.items():
            if name in data:
                data[name] = control.value
        return data

    def case(self, **changes: object) -> Case:
        """The current settings as a :class:`~gluteed.cases.Case` (fields may be changed)."""
        state = self.state()
        key = tuple(state.items())
        # Asked several times per redraw: a frozen Case is made once per setting.
        if self._case_now is None or self._case_now[0] != key:
            self._case_now = (key, Case(**state))
        made = self._case_now[1]
        return replace(made, **changes) if changes else made

    # ----------------------------------------------------------- actions
    def _changed(self, change: dict[str, Any] | None = None) -> None:
        if self._holding:
            return
        self._note_move(change)
        if self.controls["case"].value:
            self._set_quietly({"case": ""})
        self._redraw_soon()

    def _note_move(self, change: dict[str, Any] | None) -> None:
        """Remember the control the page moved (drawn ahead once the kernel is idle)."""
        owner = change.get("owner") if change else None
        moved = None
        if owner is not None and drag_frames.from_page(owner):
            moved = next((n for n, c in self.controls.items() if c is owner), None)
            self._ahead_turn += 1  # the page's own changes first: drawing ahead waits
        self._moved_in_page = moved

    def _redraw_soon(self, *, solve: bool = True) -> None:
        """Redraw once on the kernel's event loop; changes until then are merged.

        While a slider is dragged, changes can come faster than the figure is
        drawn: each one only notes that a redraw is due, and the one redraw
        that runs draws the latest position (no queue of stale pictures). Off
        with ``coalesce = False`` (or ``GLUTEED_DRAG_COALESCE=0``), and
        without a running event loop (plain Python): then every change redraws
        at once.

        Off by default (on with ``coalesce = True`` or ``GLUTEED_DRAG_COALESCE=1``):
        measured with ``benchmarks/bench_drag.py``, a kernel that answers at once
        lets the page send every mouse move, and they queue up in the kernel. A
        kernel busy with its redraw makes the page keep only the latest change
        (ipywidgets sends the next one when the kernel is idle again), which
        drops stale positions without a queue.
        """
        loop = running_loop()
        if loop is not None and self._page_has_it():
            self._redraw_later(loop, solve)
            return
        solve |= self._cancel_later()
        if not self.coalesce or loop is None:
            self._redraw(solve=solve)
            return
        if self._pending is not None:
            self._pending["solve"] |= solve
            # The kernel may handle a steady stream of changes before it runs the
            # loop's callbacks: past a frame's time, draw the latest one now.
            if time.monotonic() - self._pending["since"] > self._FRAME_S:
                self._flush()
            return
        self._pending = {"solve": solve, "since": time.monotonic()}
        loop.call_soon(self._flush)

    #: How long the kernel waits with its redraw after a change the page has shown
    #: from its own pictures: while a slider moves, only once it rests. [s]
    _LATER_S = drag_frames.REST_S

    def _page_has_it(self) -> bool:
        """True when the page moved a control and shows the picture of the new settings."""
        return self._moved_in_page is not None and self._key_now() in self._in_page

    def _redraw_later(self, loop: asyncio.AbstractEventLoop, solve: bool) -> None:
        self._later_solve = self._cancel_later() or solve
        self._later = loop.call_later(self._LATER_S, self._redraw_late)

    def _cancel_later(self) -> bool:
        """Cancel a redraw planned for later; whether it was to solve."""
        planned, solve = self._later, self._later_solve
        self._later, self._later_solve = None, False
        if planned is not None:
            planned.cancel()
        return solve

    def _redraw_late(self) -> None:
        solve = self._later_solve
        self._later, self._later_solve = None, False
        self._redraw(solve=solve)

    #: Longest a noted change waits for its redraw while changes keep coming: one
    #: frame at the 24 figures per second a drag should reach. [s]
    _FRAME_S = 1 / 24

    def _flush(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._redraw(solve=pending["solve"])

    def _case_chosen(self, change: dict[str, Any]) -> None:
        if self._holding or not change["new"]:
            return
        if drag_frames.from_page(self.controls["case"]):
            self._moved_in_page = self._first_ahead()  # a new patient: the lesson's slider
        self.load_case(change["new"])

    def _set_quietly(self, values: dict) -> None:
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False

    def load_case(self, name_or_path: str | os.PathLike | Case) -> Case:
        """Set every control from a patient case and redraw once.

        Parameters
        ----------
        name_or_path : str, path-like or Case
            A shipped case name, a case file, or a case.

        Returns
        -------
        Case
        """
        case = self._as_case(name_or_path)
        values = {name: getattr(case, name) for name in self.controls if hasattr(case, name)}
        values["case"] = case.name if case.name in list_cases() else ""
        self._case = case
        self._set_quietly(values)
        self._show_case_text()
        self._redraw()
        return case

    def set_state(self, case: Case, own: dict | None = None, *, modified: bool = False) -> None:
        """Set every control from ``case`` and the dashboard's own controls, redraw once.

        ``own`` holds values of controls that are no case field (e.g.
        ``cycle_pct``); ``modified`` leaves the case drop-down empty, as a moved
        slider does.
        """
        self._set_quietly(dict(own or {}))
        self.load_case(case)
        if modified:
            self._set_quietly({"case": ""})

    def reset(self) -> None:
        """Back to the case (or the defaults) the dashboard started with, every control."""
        if "play" in self.controls:
            self.controls["play"].playing = False
        self._set_quietly(self._initial)
        self.load_case(self._start)

    def _after_save(self) -> None:
        if self._fast is not None:
            self._fast.invalidate()
            self.image.value = self._frame(self.result)

    def save_case(
        self,
        path: str | os.PathLike,
        *,
        name: str | None = None,
        title: str | None = None,
        description: str | None = None,
        overwrite: bool = False,
    ) -> Path:
        """Save the current settings as a case file that students can load.

        Parameters
        ----------
        path : str or path-like
            File to write (``.json`` added when there is no suffix).
        name, title, description : str, optional
            Replace the case's name (lower case, digits, hyphens), heading
            and description.
        overwrite : bool
            Replace an existing file.

        Returns
        -------
        pathlib.Path
        """
        changes = {
            key: value
            for key, value in (("name", name), ("title", title), ("description", description))
            if value is not None
        }
        return save_case(self.case(**changes), path, overwrite=overwrite)

    # ----------------------------------------------------------- drawing
    def _show_case_text(self) -> None:
        case = self._case
        self.description.value = (
            f"<b>{html.escape(case.title)}</b> — {html.escape(case.description)}"
        )

    def _redraw(self, *, solve: bool = True) -> None:
        self._show_reasons()
        self.saver.clear()
        if solve:
            try:
                result = self._solve()
            except ValueError as err:
                # A combination the model does not accept (e.g. a bag heavier
                # than 30 % of a light body): say so, keep the last picture.
                self.readout.value = f"<span><b>⚠</b> {html.escape(str(err))}</span>"
                return
            self.result = result
        relayout = self._update(self.result)
        # The picture first, then its words: whoever sees the readout change
        # finds the figure already updated.
        if self._fast is not None:
            if relayout:
                self._fast.invalidate()
            # The picture and its text alternative in one message: the page
            # decodes the image once per change (each message redraws it).
            with self.image.hold_sync():
                self.image.value = self._frame(self.result)
                self.image.tooltip = self._alt_text(self.result)
                if self.frames is not None:
                    settings = self.frames.settings()
                    self.image.settings = settings
                    self._in_page_now(self._key_of(settings))
        else:
            self.figure.canvas.draw_idle()
        self.readout.value = self._readout_html(self.result)
        if getattr(self, "sharing", None) is not None:
            self.sharing.refresh_soon()
        self._plan_ahead()

    def _alt_text(self, result: ModelResult) -> str:
        """The figure's text alternative."""
        return f"Figure: {self._summary(result)}"

    def _readout_html(self, result: ModelResult) -> str:
        """The line under the figure, with a warning sign when the figure is flagged."""
        text = html.escape(self._summary(result))
        if self._over(result):
            text = f'<span class="gluteed-over-capacity"><b>⚠</b> {text}</span>'
        return f"<span>{text}</span>"

    def _settings_controls(self) -> dict[str, w.Widget]:
        return {n: c for n, c in self.controls.items() if n not in self._NOT_SETTINGS}

    #: Controls that are no setting (the case choice, Reset, Play): they change no picture.
    _NOT_SETTINGS = frozenset({"case", "reset", "play"})
    #: Most bytes of pictures kept for settings seen before (about 100 frames). [B]
    _FRAMES_BYTES = 16 * 2**20

    def _forget_frames(self) -> None:
        self._frames.clear()
        self._frames_bytes = 0

    def _frame(self, result: ModelResult) -> bytes:
        """The PNG of the figure now (showing ``result``), kept when drawn before.

        Kept from before when these settings were drawn already, here or by
        another kernel of the server (:meth:`_shared_frame`). Dragging a slider back over positions it has shown sends the kept
        picture (the artists are updated all the same, for saving). A picture
        is kept with the settings and the figure's layout (axis ranges, label
        places) it was drawn with; at most ``_FRAMES_BYTES`` are kept, the
        oldest dropped first.
        """
        settings = tuple((n, c.value) for n, c in self._settings_controls().items())
        key = (settings, self.panels.layout_key())
        frames = self._frames
        png = frames.pop(key, None)
        if png is None:
            png = self._shared_frame(result)
            while frames and self._frames_bytes + len(png) > self._FRAMES_BYTES:
                self._frames_bytes -= len(frames.pop(next(iter(frames))))
            self._frames_bytes += len(png)
        frames[key] = png  # newest last
        return png

    def _start_keeping(self) -> None:
        """Empty stores of what a redraw can reuse: the case and the pictures."""
        self._case_now: tuple[tuple, Case] | None = None
        self._frames: dict[tuple, bytes] = {}
        self._forget_frames()
        #: Settings whose pictures the page has (sent as figures or drawn ahead).
        self._in_page: dict[tuple, None] = {}

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return self.widget._repr_mimebundle_(**kwargs)
