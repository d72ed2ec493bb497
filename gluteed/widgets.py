"""Interactive dashboards for notebooks (ipywidgets), one call each.

>>> from gluteed.widgets import stance_dashboard
>>> dash = stance_dashboard("weak-right-glute")   # doctest: +SKIP
>>> dash                                          # doctest: +SKIP

``stance_dashboard`` (single-leg stance seen from behind: who holds the pelvis
and the trunk, against gluteus medius strength), ``bend_dashboard`` (a forward
bend from the side: the lumbar share as the hamstrings tighten, the
glute-inhibition hypothesis as a switch), ``walk_dashboard`` (one stride, with a
Play button) and ``teaching_dashboard(case, dashboard)`` (any of the three for a
projector; shipped case names only, as the name may come from a web address).
Each shows the figure with the controls in a column beside it.

A dashboard ``dash`` has ``.widget`` (what is shown); ``.controls``, a dict of
named widgets labelled with units, keyed by the fields of a case file
(:class:`gluteed.cases.Case`) plus ``case``, ``reset`` and per dashboard
``trunk_inclination_deg`` (bend) or ``cycle_pct`` and ``play`` (walk) — setting
``controls[name].value`` works like moving the slider; ``.readout``, the one-line
summary of what is drawn (CSS class ``gluteed-readout``); ``.reasons()``, the
controls that change nothing now and why (greyed out, or explained in
``.hint``); ``.saver``, the "Save figure" button with its PNG and SVG links;
``.figure``, ``.panels``, ``.result`` (the same figure and artists for the
dashboard's whole life); ``.reset()``, ``.load_case()``, ``.state()``,
``.case()``, ``.save_case(path)``.

Each change runs the model once, updates the artists in place and redraws: as
PNG through :class:`gluteed.view.FastPNG` (only what changes is redrawn), or on
ipympl's live canvas with ``%matplotlib widget``.
"""

from __future__ import annotations

import html
import os
from dataclasses import fields, replace
from pathlib import Path

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from . import view
from .cases import Case, list_cases, load_case, save_case
from .parameters import Parameter, case_parameter, parameter
from .stance import StanceInput, solve_stance
from .view.controls import (
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
from .view.quiz_widget import quiz

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

#: Why the height slider changes no force (a question for the class, not a fault).
HEIGHT_NOTE = "forces (× BW and N) do not change with stature: every lever arm scales with it"
#: Width of the controls beside the figure: notebook, projector.
_SIDE_WIDTH = ("400px", "500px")

#: What a dashboard shows before any case is loaded: the models' defaults.
DEFAULT_CASE = Case(
    name="custom",
    title="Your own settings",
    description="A 70 kg, 1.75 m man with normal strength, standing on his right leg.",
)


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


class _Dashboard:
    """Controls -> model -> artists -> picture; shared by the dashboards."""

    #: Figure size for a notebook and for a projector. [inch]
    _FIGSIZE = ((14.5, 7.6), (16.5, 8.8))
    #: Model controls that are no case field: the dashboard reads them itself.
    _OWN_CONTROLS: tuple[str, ...] = ()
    #: Short name: in teaching-mode links (``?dashboard=``) and saved figure files.
    _NAME = ""

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
        self.controls = self._make_controls(start)
        self._check_controls()
        self._tooltips = {name: c.tooltip for name, c in self.controls.items()}
        #: Start values of the controls no case carries (trunk angle, moment of the stride).
        case_fields = {f.name for f in fields(Case)} | {"case", "reset", "play"}
        self._initial = {n: c.value for n, c in self.controls.items() if n not in case_fields}
        self.hint = w.HTML(layout=w.Layout(width="100%"))
        self.hint.add_class("gluteed-hint")
        self.saver = FigureSaver(lambda: self.figure, f"gluteed-{self._NAME}", self._after_save)
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
        figure_box = w.Box([self._figure_view(figsize, use_ipympl)], layout=w.Layout(width="100%"))
        figure_box.add_class("gluteed-figure")
        self.widget = self._layout(figure_box)
        self.widget.add_class("gluteed-dashboard")
        if self.teaching:
            self.widget.add_class("gluteed-teaching")
        self.controls["reset"].on_click(lambda _button: self.reset())
        self.controls["case"].observe(self._case_chosen, names="value")
        for name in self._model_controls():
            self.controls[name].observe(self._changed, names="value")
        self._show_case_text()
        self._redraw(solve=False)

    def _figure_view(self, figsize: tuple[float, float], use_ipympl: bool) -> w.Widget:
        """The live canvas, or the image widget the PNG pictures go to."""
        if use_ipympl:
            self._fast = self.image = None
            freeze_layout_after_first_draw(self.figure)
            return self.figure.canvas
        self._fast = view.FastPNG(self.panels)
        # On a projector the picture is as tall as the screen allows beside the controls.
        fit = {"max_height": "calc(100vh - 150px)", "object_fit": "contain"}
        size = {"width": "100%", "max_width": f"{figsize[0] * 72:.0f}px"}
        self.image = w.Image(
            format="png", layout=w.Layout(**size, **(fit if self.teaching else {}))
        )
        return self.image

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

    def _toggle(self, name: str, options, value) -> w.ToggleButtons:
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
        main = w.VBox(
            [figure_box, self.readout, self.description, w.HTML(DASHBOARD_CSS)],
            layout=w.Layout(flex="1 1 440px", min_width="0"),
        )
        return w.HBox(
            [main, self.side], layout=w.Layout(flex_flow="row wrap", align_items="flex-start")
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
        return replace(Case(**self.state()), **changes)

    # ----------------------------------------------------------- actions
    def _changed(self, _change=None) -> None:
        if self._holding:
            return
        if self.controls["case"].value:
            self._set_quietly({"case": ""})
        self._redraw()

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

    def reset(self) -> None:
        """Back to the case (or the defaults) the dashboard started with, every control."""
        if "play" in self.controls:
            self.controls["play"].playing = False
        self._set_quietly(self._initial)
        self.load_case(self._start)

    def _after_save(self) -> None:
        if self._fast is not None:
            self._fast.invalidate()
            self.image.value = self._fast.render()

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
        text = html.escape(self._summary(self.result))
        if self._over(self.result):
            text = f'<span class="gluteed-over-capacity"><b>⚠</b> {text}</span>'
        self.readout.value = f"<span>{text}</span>"
        if self._fast is not None:
            if relayout:
                self._fast.invalidate()
            self.image.value = self._fast.render()
        else:
            self.figure.canvas.draw_idle()

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

    The AKE deficit acts on stance only through the glute-inhibition switch
    (:func:`gluteed.hamstrings.glute_availability`): greyed out while it is off.
    """

    _NAME = "stance"

    def __init__(self, case=None, **options) -> None:
        self._sweep_key: tuple | None = None
        self._sweep: view.Sweep | None = None
        super().__init__(case, **options)

    def _inactive(self, state: dict) -> dict[str, str]:
        side = state["stance_side"]
        other = "left" if side == "right" else "right"
        out = {f"glute_med_strength_{other}_pct": f"not used: you stand on the {side} leg"}
        if float(state["bag_kg"]) <= 0:
            out["bag_side"] = "no bag (0 kg)"
        if not state["glute_inhibition"]:
            out["ake_deg"] = "acts only through the inhibition switch (off)"
        return out

    def _notes(self, state: dict) -> dict[str, str]:
        from .hamstrings import glute_availability

        out = {"height_m": HEIGHT_NOTE}
        available = glute_availability(state["ake_deg"], sex=state["sex"], hypothesis=True)
        if state["glute_inhibition"] and float(available) >= 1.0:
            out["glute_inhibition"] = "no effect while the AKE is normal for this sex"
        return out

    def _make_controls(self, case: Case) -> dict[str, w.Widget]:
        c = self._common_controls(case)
        c["stance_side"] = self._toggle(
            "stance_side", [("right leg", "right"), ("left leg", "left")], case.stance_side
        )
        c.update(self._strength_controls(case))
        c["bag_kg"] = self._slider("bag_kg", case.bag_kg)
        c["bag_side"] = self._toggle(
            "bag_side",
            [("stance-side hand", "same"), ("other hand", "opposite")],
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
        return solve_stance(inp)

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

    Parameters as for :class:`StanceDashboard`; the trunk angle is no case field.
    """

    _FIGSIZE = ((14.5, 7.2), (16.5, 8.6))
    _NAME = "bend"
    _OWN_CONTROLS = ("trunk_inclination_deg",)

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

    _NAME = "walk"

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

    def _notes(self, state: dict) -> dict[str, str]:
        return {"height_m": HEIGHT_NOTE}

    def _over(self, result) -> bool:
        """Warn as standing does: a stride not walkable, not settled, or abductors at 100 %."""
        at_limit = np.any(result.abductors_at_capacity_right | result.abductors_at_capacity_left)
        return not (result.feasible and result.converged) or bool(at_limit)

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
            self._redraw(solve=False)

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
        hands = [f"bag in the {inp.bag_side} hand"] * (float(inp.bag_kg) > 0)
        hands += [f"cane in the {inp.cane_hand} hand"] * (float(inp.cane_pct_bw) > 0)
        return view.walk_summary_line(result, self.cycle_pct) + "".join(f" · {h}" for h in hands)


# ------------------------------------------------------------ one call each
def stance_dashboard(case: str | os.PathLike | Case | None = None, **options) -> StanceDashboard:
    """The single-leg-stance dashboard, from a patient case (a shipped name, a case
    file or a :class:`~gluteed.cases.Case`) or the defaults; ``backend`` ("auto",
    "png" or "ipympl") as for :class:`StanceDashboard`."""
    return StanceDashboard(case, **options)


def bend_dashboard(case: str | os.PathLike | Case | None = None, **options) -> BendDashboard:
    """The forward-bend dashboard; ``case`` as for :func:`stance_dashboard` (e.g.
    ``"office-tight-hamstrings"``), ``trunk_inclination_deg`` (start, default 60 deg)."""
    return BendDashboard(case, **options)


def walk_dashboard(case: str | os.PathLike | Case | None = None, **options) -> WalkDashboard:
    """The walking dashboard (one stride, a Play button); ``case`` as for
    :func:`stance_dashboard`, ``cycle_pct`` (moment drawn first, default 25 %)."""
    return WalkDashboard(case, **options)


#: The dashboards of teaching mode by their name in a link (``?dashboard=``).
TEACHING_DASHBOARDS = {"stance": StanceDashboard, "bend": BendDashboard, "walk": WalkDashboard}


def teaching_dashboard(case: str | None = None, dashboard: str = "stance", **options):
    """A dashboard for a projector: the figure beside the controls on one screen, no code.

    ``case`` is a shipped case's name only (it may come from a web address);
    ``dashboard`` is "stance", "bend" or "walk" (else ``ValueError``); ``options``
    as for the dashboard's class.
    """
    if dashboard not in TEACHING_DASHBOARDS:
        raise ValueError(
            f"dashboard must be one of {', '.join(TEACHING_DASHBOARDS)}; got {dashboard!r}"
        )
    kind = TEACHING_DASHBOARDS[dashboard]
    return kind(case, teaching=True, builtin_cases_only=True, **options)
