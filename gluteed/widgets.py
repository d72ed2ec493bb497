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

``.sharing`` is the box under the figure (:mod:`gluteed.sharing`): the link to
this exact view, the settings as a case file to download, and a file upload that
opens a case file; ``.set_state(case, own)`` sets every control at once (what a
link does).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import fields
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from . import view
from .cases import Case
from .dashboard import HEIGHT_NOTE, Dashboard, declared
from .links import (
    DASHBOARD_REGISTRY,
    DEFAULT_CASE,  # noqa: F401  (where it was first defined)
    check_dashboard,
)
from .quiz_widget import quiz
from .stance import StanceInput, StanceResult, solve_stance

if TYPE_CHECKING:
    from .gait import WalkInput, WalkResult
    from .hamstrings import BendInput, BendResult

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


class _CurveDashboard(Dashboard):
    """A dashboard whose figure has a curve over a sweep (stance, bend).

    The curve is swept again only when what it depends on changes; the panels
    get the new sweep once, at the update after it was made.
    """

    def __init__(self, case: str | os.PathLike | Case | None = None, **options: Any) -> None:
        self._sweep_key: tuple | None = None
        self._sweep: view.Sweep | None = None
        super().__init__(case, **options)

    _sweep_key: tuple | None
    _sweep: view.Sweep | None
    _new_sweep: view.Sweep | None
    #: The view's functions that draw this dashboard's figure and update it.
    _draw_panels: Callable[..., view.Panels]
    _update_panels: Callable[[view.Panels, StanceResult | BendResult, view.Sweep | None], bool]

    def _renew_sweep(self, key: tuple, make: Callable[[], view.Sweep]) -> None:
        """Sweep again with ``make`` when ``key`` (all the curve depends on) changed."""
        self._new_sweep = None
        if key != self._sweep_key:
            self._sweep = self._new_sweep = make()
            self._sweep_key = key

    def _draw(self, figure: Figure, scale: float) -> view.Panels:
        return self._draw_panels(self.result, self._sweep, fig=figure, scale=scale)

    def _update(self, result: StanceResult | BendResult) -> bool:
        sweep, self._new_sweep = self._new_sweep, None
        return self._update_panels(self.panels, result, sweep)

    #: A drawing ahead may sweep the curve for its own settings: the sweep is put back.
    _AHEAD_KEEPS = ("_sweep_key", "_sweep")

    def _put_back(self, kept: dict[str, Any]) -> None:
        swept = kept["_sweep"] is not self._sweep
        super()._put_back(kept)
        self._new_sweep = self._sweep if swept else None


# ------------------------------------------------------------------ stance ---
class StanceDashboard(_CurveDashboard):
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
        self._renew_sweep(self._key_for_sweep(inp), lambda: view.sweep_stance(inp))
        return self._solve_cached(inp)

    def _solve_cached(self, inp: StanceInput) -> StanceResult:
        """``solve_stance(inp)``, remembered for the last ``_SOLVED`` scenarios.

        A drag back and forth along a slider solves each position once.
        """
        solved = self.__dict__.setdefault("_solved", {})
        if inp not in solved:
            if len(solved) >= self._SOLVED:
                solved.pop(next(iter(solved)))
            solved[inp] = self._from_sweep(inp) or solve_stance(inp)
        return solved[inp]

    def _from_sweep(self, inp: StanceInput) -> StanceResult | None:
        """The strength curve's own solution of ``inp``, when the curve has it.

        The curve solves the stance leg's strength at every whole percent, the
        slider's steps: a drag along that slider then only picks its results
        (the same numbers as ``solve_stance(inp)``, in a fraction of the time).
        """
        sweep = self._sweep
        if sweep is None or sweep.parameter != "stance_strength":
            return None
        hits = np.flatnonzero(sweep.values == float(inp.stance_strength_pct))
        if hits.size == 0:
            return None
        picked = sweep.result.scenario(int(hits[0]))
        return picked if picked.inputs == inp else None

    #: How many solved scenarios are remembered: a slider's 101 positions and more.
    _SOLVED = 256

    _draw_panels = staticmethod(view.draw_panels)
    _update_panels = staticmethod(view.update_panels)

    def _summary(self, result: StanceResult) -> str:
        text = view.summary_line(result)
        availability = float(result.inputs.glute_med_availability)
        if availability < 1.0:
            text += f" · glute med availability {100 * availability:.0f} % (inhibition hypothesis)"
        return text


# -------------------------------------------------------------------- bend ---
class BendDashboard(_CurveDashboard):
    """A forward bend seen from the side: hamstring tightness vs the lower back.

    Parameters as for :class:`StanceDashboard`, plus ``trunk_inclination_deg``,
    the trunk's inclination drawn first (default 60°, a bend deep enough for
    the hamstrings' limit to show); the trunk angle is no case field.
    """

    _FIGSIZE = ((14.5, 7.2), (16.5, 8.6))
    _OWN_CONTROLS = ("trunk_inclination_deg",)
    _OWN_STARTS = MappingProxyType({"trunk_inclination_deg": 60.0})

    def _first_ahead(self) -> str:
        return "trunk_inclination_deg"

    kind = "bend"

    def _make_controls(self, case: Case) -> dict[str, w.Widget]:
        c = self._common_controls(case)
        start = self._own_start["trunk_inclination_deg"]
        c["trunk_inclination_deg"] = self._slider("trunk_inclination_deg", start)
        c.update(self._hamstring_controls(case))
        return c

    def _arrange(self) -> list[list[w.Widget]]:
        c = self.controls
        return [
            [c["mass_kg"], c["height_m"], c["sex"]],
            [c["trunk_inclination_deg"], c["ake_deg"], c["glute_inhibition"]],
        ]

    def bend_input(self) -> BendInput:
        """The bend scenario the controls describe now (:class:`gluteed.BendInput`)."""
        return self.case().bend_input(self.controls["trunk_inclination_deg"].value)

    def _solve(self):
        from .hamstrings import solve_bend

        inp = self.bend_input()
        self._renew_sweep(self._key_for_sweep(inp), lambda: view.sweep_bend(inp, "ake_deg"))
        return solve_bend(inp)

    @staticmethod
    def _key_for_sweep(inp: BendInput) -> tuple:
        """Everything the AKE curve depends on (all but the AKE deficit)."""
        return (repr(inp.subject), inp.trunk_inclination_deg, inp.glute_inhibition)

    _draw_panels = staticmethod(view.draw_bend_panels)
    _update_panels = staticmethod(view.update_bend_panels)

    def _summary(self, result: BendResult) -> str:
        return view.bend_summary_line(result)


# -------------------------------------------------------------------- walk ---
class WalkDashboard(Dashboard):
    """One stride: both glutes and both sides of the lower back over the gait cycle.

    Parameters are those of :class:`StanceDashboard`, plus ``cycle_pct``,
    the moment of the stride drawn first (0-100 %, right heel strike at 0).
    The bag and the cane are in the hands the case puts them in (see
    :meth:`gluteed.cases.Case.walk_input`).
    """

    kind = "walk"
    _OWN_STARTS = MappingProxyType({"cycle_pct": declared("cycle_pct").default})
    _FOLLOWERS = MappingProxyType({"cycle_pct": ("play",)})

    def _observe(self) -> None:
        super()._observe()
        self.controls["cycle_pct"].observe(self._moved, names="value")

    def _make_controls(self, case: Case) -> dict[str, w.Widget]:
        c = self._common_controls(case)
        c["walking_speed_ms"] = self._slider("walking_speed_ms", case.walking_speed_ms)
        c.update(self._strength_controls(case))
        c["bag_kg"] = self._slider("bag_kg", case.bag_kg)
        c["cane_pct_bw"] = self._slider("cane_pct_bw", case.cane_pct_bw)
        start = self._own_start["cycle_pct"]
        c["cycle_pct"] = self._slider("cycle_pct", start)
        lo, hi = declared("cycle_pct").slider_range
        c["play"] = w.Play(value=int(start), min=lo, max=hi, step=2, interval=120)
        w.link((c["play"], "value"), (c["cycle_pct"], "value"))
        return c

    def _model_controls(self) -> list[str]:
        return [n for n in self.controls if n not in ("case", "reset", "cycle_pct", "play")]

    def _notes(self, state: dict) -> dict[str, str]:
        return {"height_m": HEIGHT_NOTE}

    def _over(self, result: WalkResult) -> bool:
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

    def walk_input(self) -> WalkInput:
        """The walking scenario the controls describe now (:class:`gluteed.WalkInput`)."""
        return self.case().walk_input()

    def _moved(self, change: dict[str, Any] | None = None) -> None:
        if not self._holding:
            self._note_move(change)
            self._redraw_soon(solve=False)

    def _solve(self):
        from .gait import solve_walk

        return solve_walk(self.walk_input())

    @property
    def cycle_pct(self) -> float:
        """The moment of the stride drawn now. [% of the gait cycle]"""
        return float(self.controls["cycle_pct"].value)

    def _draw(self, figure: Figure, scale: float):
        return view.draw_walk_panels(
            self.result, self._own_start["cycle_pct"], fig=figure, scale=scale
        )

    def _update(self, result: WalkResult) -> bool:
        return view.update_walk_panels(self.panels, result, self.cycle_pct)

    def _summary(self, result: WalkResult) -> str:
        inp = result.inputs
        hands = [f"bag in the {inp.bag_side} hand"] * (float(inp.bag_kg) > 0)
        hands += [f"cane in the {inp.cane_hand} hand"] * (float(inp.cane_pct_bw) > 0)
        return view.walk_summary_line(result, self.cycle_pct) + "".join(f" · {h}" for h in hands)


# ------------------------------------------------------------ one call each
def stance_dashboard(
    case: str | os.PathLike | Case | None = None, **options: bool | str
) -> StanceDashboard:
    """The single-leg-stance dashboard, from a patient case or the defaults.

    ``case`` is a shipped name, a case file or a :class:`~gluteed.cases.Case`;
    ``backend`` ("auto", "png" or "ipympl") as for :class:`StanceDashboard`.
    """
    return StanceDashboard(case, **options)


def bend_dashboard(
    case: str | os.PathLike | Case | None = None, **options: bool | str | float
) -> BendDashboard:
    """The forward-bend dashboard.

    ``case`` as for :func:`stance_dashboard` (e.g. ``"office-tight-hamstrings"``),
    ``trunk_inclination_deg`` (start, default 60 deg).
    """
    return BendDashboard(case, **options)


def walk_dashboard(
    case: str | os.PathLike | Case | None = None, **options: bool | str | float
) -> WalkDashboard:
    """The walking dashboard (one stride, a Play button).

    ``case`` as for :func:`stance_dashboard`, ``cycle_pct`` (moment drawn first,
    default 25 %).
    """
    return WalkDashboard(case, **options)


#: The dashboards of teaching mode by their name in a link (``?dashboard=``), from
#: :data:`gluteed.links.DASHBOARD_REGISTRY`.
TEACHING_DASHBOARDS = {name: globals()[entry.widget] for name, entry in DASHBOARD_REGISTRY.items()}


def teaching_dashboard(
    case: str | None = None, dashboard: str = "stance", **options: str | float
) -> Dashboard:
    """A dashboard for a projector: the figure beside the controls on one screen, no code.

    ``case`` is a shipped case's name only (it may come from a web address);
    ``dashboard`` is "stance", "bend" or "walk" (else ``ValueError``); ``options``
    as for the dashboard's class.
    """
    cls = TEACHING_DASHBOARDS[check_dashboard(dashboard)]
    return cls(case, teaching=True, builtin_cases_only=True, **options)
