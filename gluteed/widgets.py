"""Interactive dashboards for notebooks (ipywidgets), one call each.

>>> from gluteed.widgets import stance_dashboard
>>> dash = stance_dashboard("weak-right-glute")   # doctest: +SKIP
>>> dash                                          # doctest: +SKIP

The dashboards
--------------
``stance_dashboard(case=None)``
    Single-leg stance: the body seen from behind, who holds the pelvis and
    the trunk (hip abductors vs each side of the lower back), and those
    forces against gluteus medius strength.
``bend_dashboard(case=None)``
    A forward bend seen from the side: how much of it the lumbar spine takes
    as the hamstrings get tighter, with the glute-inhibition hypothesis as a
    switch.
``walk_dashboard(case=None)``
    One stride: the glute med of each leg and the other side's lower back
    over the gait cycle, and the body at the moment chosen (a Play button
    runs through the stride).
``teaching_dashboard(case=None)``
    The stance dashboard for a projector (larger type and figure). It takes
    shipped case names only, as the name may come from a web address.

What every dashboard object has
-------------------------------
Showing the object (last line of a cell, or ``display(dash)``) shows
``dash.widget``. Then:

``.controls``
    dict of named widgets, labelled with units. The keys are the fields of
    a case file (:class:`gluteed.cases.Case`: ``mass_kg``, ``height_m``,
    ``sex``, ``stance_side``, ``glute_med_strength_right_pct``,
    ``glute_med_strength_left_pct``, ``bag_kg``, ``bag_side``,
    ``cane_pct_bw``, ``strategy``, ``ake_deg``, ``glute_inhibition``,
    ``walking_speed_ms``), plus ``case`` (drop-down of patient cases),
    ``reset`` (a button) and, per dashboard, ``trunk_inclination_deg``
    (bend) or ``cycle_pct`` and ``play`` (walk). Setting
    ``controls[name].value`` from code works like moving the slider.
``.readout``
    ``ipywidgets.HTML`` with CSS class ``gluteed-readout``: the one-line
    numeric summary of what is drawn (readable without the picture).
``.sharing``
    The box under the figure (:mod:`gluteed.sharing`): the link to this exact
    view, the current settings as a case file to download, and a file upload
    that opens a case file. ``.set_state(case, own)`` sets every control at
    once (what a link does).
``.figure``, ``.panels``, ``.result``
    The matplotlib figure, its artists (:mod:`gluteed.view`) and the
    current model result. Figure and artists stay the same objects for the
    dashboard's whole life.
``.reset()``, ``.load_case(name_or_path)``, ``.state()``, ``.case()``, ``.save_case(path, ...)``
    Back to the start; load a shipped case or a case file; the current
    settings as a case record or :class:`~gluteed.cases.Case`; save them as
    a case file that students can load.

How it stays fast
-----------------
Each change runs the model once, updates the drawn artists in place and
redraws. With the default inline backend the figure goes to the browser as
a PNG in an ``ipywidgets.Image``, rendered by
:class:`gluteed.view.FastPNG` (static parts drawn once; only what changes is
redrawn). With ipympl (``%matplotlib widget``) the live canvas is shown and
redrawn with ``draw_idle``. No figure is created per change.
"""

from __future__ import annotations

import html
import os
import time
import warnings
from dataclasses import fields, replace
from pathlib import Path

import ipywidgets as w
import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

from . import view
from .cases import Case, list_cases, load_case, save_case
from .links import DEFAULT_CASE
from .parameters import Parameter, case_parameter, parameter
from .sharing import FigureImage, share_box
from .stance import StanceInput, solve_stance

__all__ = [
    "BendDashboard",
    "StanceDashboard",
    "WalkDashboard",
    "bend_dashboard",
    "quiz",
    "stance_dashboard",
    "teaching_dashboard",
    "walk_dashboard",
]


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


def _running_loop():
    """The running asyncio event loop (the kernel's), or None outside one."""
    import asyncio

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _ipympl_active() -> bool:
    """True when matplotlib's backend is ipympl (``%matplotlib widget``)."""
    name = str(mpl.get_backend()).lower()
    return "ipympl" in name or name == "widget"


class _Dashboard:
    """Controls -> model -> artists -> picture; shared by the dashboards."""

    #: Figure size for a notebook and for a projector. [inch]
    _FIGSIZE = ((14.5, 7.6), (16.5, 8.8))
    #: Model controls that are no case field: the dashboard reads them itself.
    _OWN_CONTROLS: tuple[str, ...] = ()
    #: The dashboard's name in a link (:mod:`gluteed.links`).
    kind = "stance"

    def __init__(
        self,
        case: str | os.PathLike | Case | None = None,
        *,
        teaching: bool = False,
        backend: str = "auto",
        builtin_cases_only: bool = False,
    ) -> None:
        if backend not in ("auto", "png", "ipympl"):
            raise ValueError(f"backend must be 'auto', 'png' or 'ipympl'; got {backend!r}")
        self.teaching = bool(teaching)
        self._builtin_only = bool(builtin_cases_only)
        self._holding = False
        start = self._as_case(case) if case is not None else DEFAULT_CASE
        self._start = start
        self._case = start
        self._style = {"description_width": "17em" if self.teaching else "15.5em"}
        self._layout_width = "32em" if self.teaching else "29.5em"
        self.controls = self._make_controls(start)
        self._check_controls()
        self.readout = w.HTML(layout=w.Layout(width="100%"))
        self.readout.add_class("gluteed-readout")
        self.description = w.HTML(layout=w.Layout(width="100%"))
        self.description.add_class("gluteed-case-description")

        scale = 1.15 if self.teaching else 1.0
        figsize = self._FIGSIZE[self.teaching]
        self.result = self._solve()
        use_ipympl = backend == "ipympl" or (backend == "auto" and _ipympl_active())
        self.backend = "ipympl" if use_ipympl else "png"
        self.figure = self._make_figure(figsize, use_ipympl)
        self.panels = self._draw(self.figure, scale)
        if use_ipympl:
            self._fast = None
            self.image = None
            self._freeze_layout_after_first_draw()
            figure_view = self.figure.canvas
        else:
            self._fast = view.FastPNG(self.panels)
            self.image = FigureImage(
                format="png",
                layout=w.Layout(width="100%", max_width=f"{figsize[0] * 72:.0f}px"),
            )
            figure_view = self.image
        figure_box = w.Box([figure_view], layout=w.Layout(width="100%", overflow="visible"))
        figure_box.add_class("gluteed-figure")
        self.widget = self._layout(figure_box)
        self.widget.add_class("gluteed-dashboard")
        self._pending: dict | None = None
        self.coalesce = os.environ.get("GLUTEED_DRAG_COALESCE", "0") == "1"
        self.sharing = share_box(self)
        self.widget.children += (self.sharing.widget,)
        if self.teaching:
            self.widget.add_class("gluteed-teaching")
        self.controls["reset"].on_click(lambda _button: self.reset())
        self.controls["case"].observe(self._case_chosen, names="value")
        for name in self._model_controls():
            self.controls[name].observe(self._changed, names="value")
        self._show_case_text()
        self._redraw(solve=False)

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

    def _update(self, result) -> bool:
        raise NotImplementedError

    def _summary(self, result) -> str:
        raise NotImplementedError

    def _over(self, result) -> bool:
        """True where the result cannot be held (or walked): the readout warns."""
        return not bool(np.all(getattr(result, "feasible", True)))

    # ---------------------------------------------------------- building
    def _as_case(self, case: str | os.PathLike | Case) -> Case:
        if isinstance(case, Case):
            return case
        return load_case(case, builtin_only=self._builtin_only)

    def _slider(self, name: str, value: float) -> w.FloatSlider:
        """A slider for the declared parameter of control ``name`` (see :func:`declared`)."""
        p = declared(name)
        lo, hi = p.slider_range
        return w.FloatSlider(
            value=value,
            min=lo,
            max=hi,
            step=p.step,
            description=p.label,
            tooltip=f"{p.help[:1].upper()}{p.help[1:]}, {p.range_text()}",
            readout_format=p.readout,
            continuous_update=True,
            style=self._style,
            layout=w.Layout(width=self._layout_width),
        )

    def _toggle(self, name: str, options, value) -> w.ToggleButtons:
        """Toggle buttons for the declared choice of control ``name``."""
        p = declared(name)
        return w.ToggleButtons(
            options=options,
            value=value,
            description=p.label,
            tooltip=f"{p.help[:1].upper()}{p.help[1:]}",
            style={**self._style, "button_width": "auto"},
        )

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
        names = list_cases()
        options = [("(your own settings)", "")]
        options += [(load_case(name).title, name) for name in names]
        return {
            "case": w.Dropdown(
                options=options,
                value=case.name if case.name in names else "",
                description="Patient case",
                style=self._style,
                layout=w.Layout(width="100%" if self.teaching else "50em"),
            ),
            "reset": w.Button(description="Reset", icon="undo", tooltip="Back to the start"),
            "mass_kg": self._slider("mass_kg", case.mass_kg),
            "height_m": self._slider("height_m", case.height_m),
            "sex": self._toggle("sex", [("female", "female"), ("male", "male")], case.sex),
        }

    def _strength_controls(self, case: Case) -> dict[str, w.Widget]:
        """Glute med strength per side and the posture strategy."""
        strategies = [
            ("balanced", "balanced"),
            ("leans (Duchenne)", "lean"),
            ("stays upright", "upright"),
        ]
        return {
            "glute_med_strength_right_pct": self._slider(
                "glute_med_strength_right_pct", case.glute_med_strength_right_pct
            ),
            "glute_med_strength_left_pct": self._slider(
                "glute_med_strength_left_pct", case.glute_med_strength_left_pct
            ),
            "strategy": self._toggle("strategy", strategies, case.strategy),
        }

    def _hamstring_controls(self, case: Case) -> dict[str, w.Widget]:
        return {
            "ake_deg": self._slider("ake_deg", case.ake_deg),
            "glute_inhibition": w.Checkbox(
                value=case.glute_inhibition,
                description=declared("glute_inhibition").label,
                indent=False,
                layout=w.Layout(width=self._layout_width),
            ),
        }

    @staticmethod
    def _make_figure(figsize: tuple[float, float], use_ipympl: bool) -> Figure:
        fig = Figure(figsize=figsize, dpi=72, layout="constrained")
        if use_ipympl:
            # Importing ipympl makes it matplotlib's backend; keep the user's.
            backend = mpl.get_backend()
            from ipympl.backend_nbagg import Canvas, FigureManager

            if mpl.get_backend() != backend:
                mpl.use(backend)
            canvas = Canvas(fig)
            with warnings.catch_warnings():
                # ipympl's toolbar passes an argument traitlets deprecates; not ours to fix.
                warnings.simplefilter("ignore", DeprecationWarning)
                FigureManager(canvas, 0)
            canvas.header_visible = False
            canvas.toolbar_visible = False
        else:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            FigureCanvasAgg(fig)
        return fig

    def _freeze_layout_after_first_draw(self) -> None:
        canvas = self.figure.canvas

        def freeze(_event) -> None:
            self.figure.set_layout_engine("none")
            canvas.mpl_disconnect(cid)

        cid = canvas.mpl_connect("draw_event", freeze)

    def _layout(self, figure_box: w.Box) -> w.Box:
        top = w.HBox([self.controls["case"], self.controls["reset"]])
        grid = w.HBox(
            [w.VBox(column) for column in self._arrange()],
            layout=w.Layout(flex_flow="row wrap"),
        )
        if self.teaching:  # the picture first: it is what the room looks at
            return w.VBox([top, self.readout, figure_box, grid, self.description])
        return w.VBox([top, self.description, grid, self.readout, figure_box])

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
        return replace(Case(**self.state()), **changes)

    # ----------------------------------------------------------- actions
    def _changed(self, _change=None) -> None:
        if self._holding:
            return
        if self.controls["case"].value:
            self._set_quietly({"case": ""})
        self._redraw_soon()

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
        loop = _running_loop()
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

    #: Longest a noted change waits for its redraw while changes keep coming: one
    #: frame at the 24 figures per second a drag should reach. [s]
    _FRAME_S = 1 / 24

    def _flush(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._redraw(solve=pending["solve"])

    def _case_chosen(self, change) -> None:
        if self._holding or not change["new"]:
            return
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
        """Back to the case (or the defaults) the dashboard started with."""
        self.load_case(self._start)

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
        text = html.escape(self._summary(self.result))
        if self._over(self.result):
            text = f'<span class="gluteed-over-capacity"><b>⚠</b> {text}</span>'
        self.readout.value = f"<span>{text}</span>"
        if self._fast is not None:
            self.image.tooltip = f"Figure: {self._summary(self.result)}"
            if relayout:
                self._fast.invalidate()
            self.image.value = self._fast.render()
        else:
            self.figure.canvas.draw_idle()
        if getattr(self, "sharing", None) is not None:
            self.sharing.refresh_soon()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


# ------------------------------------------------------------------ stance ---
class StanceDashboard(_Dashboard):
    """Single-leg stance: sliders, the body diagram, load share and a strength curve.

    Parameters
    ----------
    case : str, path-like or Case, optional
        Patient case to start from: a shipped name (see
        :func:`gluteed.cases.list_cases`), a case file, or a
        :class:`~gluteed.cases.Case`. The model's defaults when None.
    teaching : bool
        Projector version: larger type and figure.
    backend : {"auto", "png", "ipympl"}
        How the figure reaches the browser: ``"png"`` renders PNG into an
        ``ipywidgets.Image`` (works everywhere; the fast path); ``"ipympl"``
        shows matplotlib's live canvas; ``"auto"`` uses ipympl when it is
        matplotlib's backend, else PNG.
    builtin_cases_only : bool
        Accept shipped case names only (for names from a web address).

    Notes
    -----
    Hamstring tightness and the glute-inhibition switch act on stance only
    through the hypothesis (they lower the gluteus medius availability, see
    :func:`gluteed.hamstrings.glute_availability`); with the switch off the
    AKE deficit changes nothing here.
    """

    def __init__(self, case=None, **options) -> None:
        self._sweep_key: tuple | None = None
        self._sweep: view.Sweep | None = None
        super().__init__(case, **options)

    def _make_controls(self, case: Case) -> dict[str, w.Widget]:
        c = self._common_controls(case)
        c["stance_side"] = self._toggle(
            "stance_side", [("right leg", "right"), ("left leg", "left")], case.stance_side
        )
        c.update(self._strength_controls(case))
        c["bag_kg"] = self._slider("bag_kg", case.bag_kg)
        c["bag_side"] = self._toggle(
            "bag_side",
            [("hand on the stance side", "same"), ("other hand", "opposite")],
            case.bag_side,
        )
        c["cane_pct_bw"] = self._slider("cane_pct_bw", case.cane_pct_bw)
        c.update(self._hamstring_controls(case))
        return c

    def _arrange(self) -> list[list[w.Widget]]:
        c = self.controls
        return [
            [c["mass_kg"], c["height_m"], c["sex"], c["stance_side"]],
            [c["glute_med_strength_right_pct"], c["glute_med_strength_left_pct"], c["strategy"]],
            [c["bag_kg"], c["bag_side"], c["cane_pct_bw"]],
            [c["ake_deg"], c["glute_inhibition"]],
        ]

    def stance_input(self) -> StanceInput:
        """The scenario the controls describe now."""
        return self.case().stance_input()

    @staticmethod
    def _key_for_sweep(inp: StanceInput) -> tuple:
        """Everything the strength curve depends on (all but the strengths)."""
        skip = {"glute_med_strength_right", "glute_med_strength_left"}
        return tuple(
            (f.name, repr(getattr(inp, f.name))) for f in fields(StanceInput) if f.name not in skip
        )

    def _solve(self):
        inp = self.stance_input()
        key = self._key_for_sweep(inp)
        self._new_sweep = None
        if key != self._sweep_key:
            self._sweep = self._new_sweep = view.sweep_stance(inp)
            self._sweep_key = key
        return self._solve_cached(inp)

    def _solve_cached(self, inp: StanceInput):
        """``solve_stance(inp)``, remembered for the last ``_SOLVED`` scenarios (a drag
        back and forth along a slider solves each position once)."""
        solved = self.__dict__.setdefault("_solved", {})
        if inp not in solved:
            if len(solved) >= self._SOLVED:
                solved.pop(next(iter(solved)))
            solved[inp] = solve_stance(inp)
        return solved[inp]

    #: How many solved scenarios are remembered: a slider's 101 positions and more.
    _SOLVED = 256

    def _draw(self, figure: Figure, scale: float):
        return view.draw_panels(self.result, self._sweep, fig=figure, scale=scale)

    def _update(self, result) -> bool:
        sweep, self._new_sweep = self._new_sweep, None
        return view.update_panels(self.panels, result, sweep)

    def _summary(self, result) -> str:
        text = view.summary_line(result)
        availability = float(result.inputs.glute_med_availability)
        if availability < 1.0:
            text += f" · glute med availability {100 * availability:.0f} % (inhibition hypothesis)"
        return text


# -------------------------------------------------------------------- bend ---
class BendDashboard(_Dashboard):
    """A forward bend seen from the side: hamstring tightness vs the lower back.

    Parameters are those of :class:`StanceDashboard`. The trunk inclination
    is a control of this dashboard only (not part of a case file).
    """

    _FIGSIZE = ((14.5, 7.2), (16.5, 8.6))

    _OWN_CONTROLS = ("trunk_inclination_deg",)
    kind = "bend"

    def __init__(self, case=None, *, trunk_inclination_deg: float = 60.0, **options) -> None:
        self._inclination = float(trunk_inclination_deg)
        self._sweep_key: tuple | None = None
        self._sweep: view.Sweep | None = None
        super().__init__(case, **options)

    def _make_controls(self, case: Case) -> dict[str, w.Widget]:
        c = self._common_controls(case)
        c["trunk_inclination_deg"] = self._slider("trunk_inclination_deg", self._inclination)
        c.update(self._hamstring_controls(case))
        return c

    def _arrange(self) -> list[list[w.Widget]]:
        c = self.controls
        return [
            [c["mass_kg"], c["height_m"], c["sex"]],
            [c["trunk_inclination_deg"], c["ake_deg"], c["glute_inhibition"]],
        ]

    def bend_input(self):
        """The bend scenario the controls describe now (:class:`gluteed.BendInput`)."""
        return self.case().bend_input(self.controls["trunk_inclination_deg"].value)

    def _solve(self):
        from .hamstrings import solve_bend

        inp = self.bend_input()
        key = (repr(inp.subject), inp.trunk_inclination_deg, inp.glute_inhibition)
        self._new_sweep = None
        if key != self._sweep_key:
            self._sweep = self._new_sweep = view.sweep_bend(inp, "ake_deg")
            self._sweep_key = key
        return solve_bend(inp)

    def _draw(self, figure: Figure, scale: float):
        return view.draw_bend_panels(self.result, self._sweep, fig=figure, scale=scale)

    def _update(self, result) -> bool:
        sweep, self._new_sweep = self._new_sweep, None
        return view.update_bend_panels(self.panels, result, sweep)

    def _summary(self, result) -> str:
        return view.bend_summary_line(result)


# -------------------------------------------------------------------- walk ---
class WalkDashboard(_Dashboard):
    """One stride: both glutes and both sides of the lower back over the gait cycle.

    Parameters are those of :class:`StanceDashboard`, plus ``cycle_pct``,
    the moment of the stride drawn first (0-100 %, right heel strike at 0).
    The bag and the cane are in the hands the case puts them in (see
    :meth:`gluteed.cases.Case.walk_input`).
    """

    kind = "walk"

    def __init__(self, case=None, *, cycle_pct: float = 25.0, **options) -> None:
        self._cycle = float(cycle_pct)
        super().__init__(case, **options)
        self.controls["cycle_pct"].observe(self._moved, names="value")

    def _make_controls(self, case: Case) -> dict[str, w.Widget]:
        c = self._common_controls(case)
        c["walking_speed_ms"] = self._slider("walking_speed_ms", case.walking_speed_ms)
        c.update(self._strength_controls(case))
        c["bag_kg"] = self._slider("bag_kg", case.bag_kg)
        c["cane_pct_bw"] = self._slider("cane_pct_bw", case.cane_pct_bw)
        c["cycle_pct"] = self._slider("cycle_pct", self._cycle)
        lo, hi = declared("cycle_pct").slider_range
        c["play"] = w.Play(value=int(self._cycle), min=lo, max=hi, step=2, interval=120)
        w.link((c["play"], "value"), (c["cycle_pct"], "value"))
        return c

    def _model_controls(self) -> list[str]:
        return [n for n in self.controls if n not in ("case", "reset", "cycle_pct", "play")]

    def _arrange(self) -> list[list[w.Widget]]:
        c = self.controls
        return [
            [c["mass_kg"], c["height_m"], c["sex"], c["walking_speed_ms"]],
            [c["glute_med_strength_right_pct"], c["glute_med_strength_left_pct"], c["strategy"]],
            [c["bag_kg"], c["cane_pct_bw"], w.HBox([c["play"], c["cycle_pct"]])],
        ]

    def walk_input(self):
        """The walking scenario the controls describe now (:class:`gluteed.WalkInput`)."""
        return self.case().walk_input()

    def _moved(self, _change=None) -> None:
        if not self._holding:
            self._redraw_soon(solve=False)

    def _solve(self):
        from .gait import solve_walk

        return solve_walk(self.walk_input())

    @property
    def cycle_pct(self) -> float:
        return float(self.controls["cycle_pct"].value)

    def _draw(self, figure: Figure, scale: float):
        return view.draw_walk_panels(self.result, self._cycle, fig=figure, scale=scale)

    def _update(self, result) -> bool:
        return view.update_walk_panels(self.panels, result, self.cycle_pct)

    def _summary(self, result) -> str:
        inp = result.inputs
        hands = []
        if float(inp.bag_kg) > 0:
            hands.append(f"bag in the {inp.bag_side} hand")
        if float(inp.cane_pct_bw) > 0:
            hands.append(f"cane in the {inp.cane_hand} hand")
        return view.walk_summary_line(result, self.cycle_pct) + (
            f" · {', '.join(hands)}" if hands else ""
        )


# ------------------------------------------------------------ one call each
def stance_dashboard(case: str | os.PathLike | Case | None = None, **options) -> StanceDashboard:
    """The single-leg-stance dashboard, optionally starting from a patient case.

    Parameters
    ----------
    case : str, path-like or Case, optional
        A shipped case name (``gluteed.cases.list_cases()``), a case file, or
        a case.
    **options
        ``backend`` ("auto", "png" or "ipympl"); see :class:`StanceDashboard`.

    Returns
    -------
    StanceDashboard
        Displayable; ``.controls``, ``.readout``, ``.figure``, ``.reset()``,
        ``.load_case()``, ``.state()``, ``.save_case()``.
    """
    return StanceDashboard(case, **options)


def bend_dashboard(case: str | os.PathLike | Case | None = None, **options) -> BendDashboard:
    """The forward-bend dashboard (hamstring tightness, the glute hypothesis).

    Parameters
    ----------
    case : str, path-like or Case, optional
        As for :func:`stance_dashboard`; e.g. ``"office-tight-hamstrings"``.
    **options
        ``trunk_inclination_deg`` (start angle, default 60), ``backend``.
    """
    return BendDashboard(case, **options)


def walk_dashboard(case: str | os.PathLike | Case | None = None, **options) -> WalkDashboard:
    """The walking dashboard: one stride, with a Play button.

    Parameters
    ----------
    case : str, path-like or Case, optional
        As for :func:`stance_dashboard`.
    **options
        ``cycle_pct`` (moment drawn first, default 25), ``backend``.
    """
    return WalkDashboard(case, **options)


def teaching_dashboard(case: str | None = None, **options) -> StanceDashboard:
    """The stance dashboard for a projector: larger type and figure, no code.

    Parameters
    ----------
    case : str, optional
        Name of a shipped case (files are not accepted: the name may come
        from a web address).
    **options
        ``backend``; see :class:`StanceDashboard`.
    """
    return StanceDashboard(case, teaching=True, builtin_cases_only=True, **options)


# -------------------------------------------------------------- self-check ---
#: Feedback colours (Okabe & Ito 2008); a symbol and words carry the meaning too.
_QUIZ_RIGHT, _QUIZ_WRONG = view.OKABE_ITO["bluish_green"], view.OKABE_ITO["vermillion"]


def quiz(
    question: str,
    options: list[str] | tuple[str, ...],
    answer: int | str,
    explanation: str,
    *,
    tries: int = 2,
) -> w.VBox:
    """A multiple-choice self-check question that gives feedback.

    The student picks an option and presses *Check*. A right answer shows
    "Right — " followed by the explanation; a wrong one shows "Not quite —
    try again". The right answer and the explanation stay hidden until the
    student has answered right or has tried ``tries`` times.

    Parameters
    ----------
    question : str
        The question, as plain text (shown as written, not as HTML).
    options : list or tuple of str
        The choices: at least two, all different, plain text.
    answer : int or str
        The right choice: its position in ``options`` (from 0) or its text.
    explanation : str
        Why it is right, plain text; shown once the answer is revealed.
    tries : int
        Wrong answers after which the answer is revealed, at least 1.

    Returns
    -------
    ipywidgets.VBox
        The question (CSS class ``gluteed-quiz``). Its attributes
        ``choices`` (``RadioButtons``, nothing chosen at first), ``check``
        (the *Check* button) and ``feedback`` (``HTML``) can be driven from
        code as a student would: set ``choices.value``, call
        ``check.click()``, read ``feedback.value``.

    Raises
    ------
    ValueError
        For fewer than two options, repeated options, an answer that is not
        one of them, or ``tries`` below 1.

    Examples
    --------
    >>> q = quiz("Which muscle keeps the pelvis level on one leg?",
    ...          ["gluteus maximus", "gluteus medius"], "gluteus medius",
    ...          "The hip abductors of the stance leg hold the pelvis.")
    >>> q.choices.value = "gluteus maximus"; q.check.click()
    >>> "Not quite — try again" in q.feedback.value
    True
    """
    options = [str(option) for option in options]
    if len(options) < 2 or len(set(options)) != len(options):
        raise ValueError(f"options must be at least two different texts; got {options!r}")
    if isinstance(answer, str):
        if answer not in options:
            raise ValueError(f"answer {answer!r} is not one of the options {options!r}")
        right = answer
    elif isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < len(options):
        right = options[answer]
    else:
        raise ValueError(
            f"answer must be an option's text or its position 0 to {len(options) - 1}; "
            f"got {answer!r}"
        )
    if isinstance(tries, bool) or not isinstance(tries, int) or tries < 1:
        raise ValueError(f"tries must be a whole number of at least 1; got {tries!r}")

    prompt = w.HTML(f"<b>Check yourself.</b> {html.escape(question)}")
    choices = w.RadioButtons(options=options, value=None, layout=w.Layout(width="auto"))
    check = w.Button(description="Check", icon="check", tooltip="Check your answer")
    feedback = w.HTML()
    box = w.VBox([prompt, choices, check, feedback])
    box.add_class("gluteed-quiz")
    box.choices, box.check, box.feedback = choices, check, feedback
    state = {"wrong": 0, "revealed": False}

    def say(colour: str, label: str, text: str = "") -> None:
        feedback.value = f'<b style="color:{colour}">{label}</b>{text}'

    def on_check(_button) -> None:
        chosen = choices.value
        if chosen is None:
            feedback.value = "Pick one of the answers first."
        elif chosen == right:
            state["revealed"] = True
            say(_QUIZ_RIGHT, "✔ Right", f" — {html.escape(explanation)}")
        else:
            state["wrong"] += 1
            if state["revealed"] or state["wrong"] >= tries:
                state["revealed"] = True
                say(
                    _QUIZ_WRONG,
                    "✘ Not quite.",
                    f" The answer is “{html.escape(right)}” — {html.escape(explanation)}",
                )
            else:
                say(_QUIZ_WRONG, "✘ Not quite — try again.")

    def on_choice(_change) -> None:
        if not state["revealed"]:
            feedback.value = ""

    check.on_click(on_check)
    choices.observe(on_choice, names="value")
    return box
