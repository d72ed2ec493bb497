"""Model results for the figures: sweeps over one input, a moment of a stride, the deepest bend.

These solve the model (one vectorised call each); the figures in
:mod:`gluteed.view` only draw what they return. Part of the model layer: no
matplotlib here.

* :func:`sweep_stance` and :func:`sweep_bend` vary one input over a range
  and return a :class:`Sweep` (the values, the batch result, an axis label
  with unit).
* :func:`walk_frame` turns one moment of a stride into a stance result, so
  that the frontal body diagram can show it.
* :func:`deepest_bend` solves the same person at the deepest forward bend
  they can reach (what the bend diagram shows when a bend is out of reach).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from .hamstrings import INCLINATION_RANGE_DEG, BendInput, BendResult, solve_bend
from .parameters import parameter as declared
from .stance import StanceInput, StanceResult, solve_stance

if TYPE_CHECKING:  # for annotations only: walking is imported where it is used
    from .gait import WalkResult

__all__ = [
    "BEND_PARAMETERS",
    "SWEEP_PARAMETERS",
    "SWEEP_RANGES",
    "Sweep",
    "deepest_bend",
    "frame_index",
    "other_side",
    "pick_scenario",
    "require_one_bend",
    "require_one_scenario",
    "require_one_stance",
    "sweep_bend",
    "sweep_stance",
    "walk_frame",
]


def require_one_stance(result: StanceResult) -> None:
    """ValueError unless ``result`` is one stance scenario (not a batch)."""
    if not isinstance(result, StanceResult):
        raise ValueError(f"expected a StanceResult; got {type(result).__name__}")
    if np.ndim(result.trunk_lean_deg) != 0:
        raise ValueError("the figures draw one scenario; index the batch first")


def require_one_bend(result: object) -> None:
    """ValueError unless ``result`` is one forward-bend scenario (not a batch)."""
    shape_of = getattr(result, "trunk_inclination_deg", None)
    if shape_of is None:
        raise ValueError(f"expected a BendResult; got {type(result).__name__}")
    if np.ndim(shape_of) != 0:
        raise ValueError("the figures draw one scenario; index the batch first")


def require_one_scenario(result: object) -> None:
    """ValueError unless ``result`` (of any model) holds one scenario."""
    if np.ndim(getattr(result, "cost", None)) != 0:
        raise ValueError("the figures draw one scenario; index the batch first")


def other_side(side: str) -> str:
    """The other leg: ``"left"`` for ``"right"`` and the reverse."""
    return "left" if side == "right" else "right"


#: Inputs a sweep can vary -> axis label with unit.
SWEEP_PARAMETERS = {
    "stance_strength": "glute med strength, stance leg [%]",
    "glute_med_strength_right": "right glute med strength [%]",
    "glute_med_strength_left": "left glute med strength [%]",
    "glute_med_availability": "glute med availability [fraction]",
    "bag_kg": "bag [kg]",
    "cane_pct_bw": "cane push [% of body weight]",
    "vertical_load_factor": "vertical load [× body weight]",
    "lateral_acceleration_ms2": "lateral acceleration [m/s²]",
    "lean_tolerance_deg": "trunk-lean tolerance [deg]",
    "drop_tolerance_deg": "pelvic-drop tolerance [deg]",
    "activation_exponent": "activation exponent [-]",
}
#: Default range of each sweep parameter (101 points), in its unit, declared
#: with the input in :mod:`gluteed.parameters`.
SWEEP_RANGES = {
    name: declared("glute_med_strength_right" if name == "stance_strength" else name).sweep_range
    for name in SWEEP_PARAMETERS
}

#: Sweep parameters of the forward bend (the others are single-leg stance's).
BEND_PARAMETERS = ("ake_deg", "trunk_inclination_deg")


@dataclass(frozen=True)
class Sweep:
    """One model input varied over a range, everything else fixed.

    Attributes
    ----------
    parameter : str
        The varied input: a key of ``SWEEP_PARAMETERS`` (a numeric field of
        :class:`gluteed.StanceInput`, or ``"stance_strength"`` for the stance
        leg's gluteus medius strength).
    values : numpy.ndarray
        Its values, in its unit.
    result : StanceResult
        The batch result, one entry per value.
    label : str
        Axis label with unit.
    """

    parameter: str
    values: np.ndarray
    result: StanceResult
    label: str

    def current(self, result: object) -> float:
        """The swept input's value in one scenario, in its unit."""
        if self.parameter in BEND_PARAMETERS:  # bend results carry these
            return float(getattr(result, self.parameter))
        return _input_value(result.inputs, self.parameter)


def _input_field(inp: StanceInput, parameter: str) -> str:
    return f"glute_med_strength_{inp.stance_side}" if parameter == "stance_strength" else parameter


def _input_value(inp: StanceInput, parameter: str) -> float:
    if parameter == "stance_strength":
        return float(inp.stance_strength_pct)
    if parameter in ("lean_tolerance_deg", "drop_tolerance_deg"):
        return float(getattr(inp, parameter.removesuffix("_deg")))
    return float(getattr(inp, parameter))


def sweep_stance(
    inp: StanceInput | None = None,
    parameter: str = "stance_strength",
    values: Sequence[float] | np.ndarray | None = None,
) -> Sweep:
    """Solve one scenario over a range of one input (a single vectorised call).

    Parameters
    ----------
    inp : StanceInput, optional
        The fixed scenario; ``StanceInput()`` when None.
    parameter : str
        The input to vary, a key of ``SWEEP_PARAMETERS``.
    values : array_like, optional
        Its values; by default 101 points over a teaching range (0-100 % for
        strengths).

    Returns
    -------
    Sweep
    """
    inp = StanceInput() if inp is None else inp
    if parameter not in SWEEP_PARAMETERS:
        allowed = ", ".join(repr(p) for p in SWEEP_PARAMETERS)
        raise ValueError(f"parameter must be one of {allowed}; got {parameter!r}")
    if values is None:
        values = np.linspace(*SWEEP_RANGES[parameter], 101)
    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or values.size < 2:
        raise ValueError("values must be a one-dimensional list of at least two numbers")
    result = solve_stance(replace(inp, **{_input_field(inp, parameter): values}))
    return Sweep(
        parameter=parameter, values=values, result=result, label=SWEEP_PARAMETERS[parameter]
    )


def sweep_bend(
    inp: BendInput | None = None, parameter: str = "ake_deg", values: ArrayLike | None = None
) -> Sweep:
    """Solve one forward bend over a range of AKE deficit or trunk inclination.

    Parameters
    ----------
    inp : gluteed.BendInput, optional
        The fixed scenario; ``BendInput()`` when None.
    parameter : {"ake_deg", "trunk_inclination_deg", "glute_max_strength_pct"}
        The input to vary.
    values : array_like, optional
        Its values; by default 91 points over 0-90° (AKE), 0-110° (bend) or
        0-100 % (strength).
    """
    inp = BendInput() if inp is None else inp
    labels = {
        "ake_deg": "hamstring tightness, AKE deficit [deg]",
        "trunk_inclination_deg": "forward bend, trunk inclination [deg]",
        "glute_max_strength_pct": "gluteus maximus strength [%]",
    }
    ranges = {name: (declared(name).sweep_range, text) for name, text in labels.items()}
    if parameter not in ranges:
        allowed = ", ".join(repr(p) for p in ranges)
        raise ValueError(f"parameter must be one of {allowed}; got {parameter!r}")
    (lo, hi), label = ranges[parameter]
    values = np.linspace(lo, hi, 91) if values is None else np.asarray(values, dtype=float)
    if values.ndim != 1 or values.size < 2:
        raise ValueError("values must be a one-dimensional list of at least two numbers")
    changes = {parameter: values}
    if parameter == "ake_deg":
        changes["slr_deg"] = None
    result = solve_bend(replace(inp, **changes))
    return Sweep(parameter=parameter, values=values, result=result, label=label)


def deepest_bend(result: BendResult) -> BendResult:
    """The same person at the deepest forward bend they can reach (what a figure shows)."""
    reach = float(result.reachable_trunk_inclination_deg)
    # Just inside the edge (the edge itself is held to within round-off).
    deepest = min(reach - 1e-6, INCLINATION_RANGE_DEG[1])
    return solve_bend(result.inputs, trunk_inclination_deg=max(deepest, 0.0))


def frame_index(walk: WalkResult, pct: float) -> int:
    """Index of the stride's sample nearest to ``pct`` % of the gait cycle."""
    cycle = np.asarray(walk.gait_cycle_pct)
    return int(np.argmin(np.abs(cycle - float(pct))))


def pick_scenario(result: StanceResult, index: int) -> StanceResult:
    """One scenario of a batch stance result, as a scalar result."""
    inp = result.inputs

    def pick(value: object) -> object:
        return np.asarray(value)[index] if np.ndim(value) else value

    subject = replace(
        inp.subject,
        mass_kg=float(pick(inp.subject.mass_kg)),
        height_m=float(pick(inp.subject.height_m)),
    )
    numeric = {
        f.name: float(pick(getattr(inp, f.name)))
        for f in fields(StanceInput)
        if f.name != "subject" and np.ndim(getattr(inp, f.name)) > 0
    }
    scalar_input = replace(inp, subject=subject, **numeric)
    values = {}
    for f in fields(StanceResult):
        value = getattr(result, f.name)
        if isinstance(value, np.ndarray) and value.ndim > 0:
            value = np.asarray(value[index])
        values[f.name] = value
    values["inputs"] = scalar_input
    return StanceResult(**values)


def walk_frame(walk: WalkResult, pct: float) -> StanceResult:
    """The stance picture of one moment of a stride, for :func:`gluteed.view.draw_body`.

    From 0 to 50 % of the cycle the right leg carries (its loading and
    single support), from 50 to 100 % the left. The result is the stance
    model's solution for that leg at that moment (``walk.stance_right`` or
    ``walk.stance_left``, quasi-static, with the stride's load factor and
    lateral acceleration) with the stride's own trunk lean, pelvic drop and
    muscle forces put in, so that the drawing shows what the gait plot shows.

    Parameters
    ----------
    walk : gluteed.WalkResult
    pct : float
        Moment of the stride, 0 to 100 % (right heel strike at 0). [%]
    """
    i = frame_index(walk, pct)
    cycle = float(np.asarray(walk.gait_cycle_pct)[i])
    right = cycle < 50.0
    legs = walk.stance_right if right else walk.stance_left
    n = np.shape(legs.trunk_lean_deg)[0]
    own = cycle if right else cycle - 50.0
    j = min(round(own / 100.0 * n), n - 1)
    base = pick_scenario(legs, j)
    side, other = ("right", "left") if right else ("left", "right")
    sign = 1.0 if right else -1.0
    lumbar_on = {"right": walk.lumbar_right_force_n, "left": walk.lumbar_left_force_n}
    lumbar_act = {
        "right": walk.lumbar_right_activation_pct,
        "left": walk.lumbar_left_activation_pct,
    }

    def at(values: ArrayLike) -> np.ndarray:
        return np.asarray(np.asarray(values)[i], dtype=float)

    min_tfl = at(getattr(walk, f"glute_min_tfl_force_{side}_n"))
    # Capacity of the minimus/TFL group, read off the stance solution itself.
    base_act = float(base.glute_min_tfl_activation_pct)
    min_tfl_capacity = (
        float(base.glute_min_tfl_force_n) * 100.0 / base_act if base_act > 0 else np.inf
    )
    hip_scale = float(at(getattr(walk, f"hip_contact_force_{side}_n"))) / max(
        float(base.hip_contact_force_n), 1e-9
    )
    return replace(
        base,
        trunk_lean_deg=sign * at(walk.trunk_lean_deg),
        pelvic_drop_deg=sign * at(walk.pelvic_drop_deg),
        glute_med_force_n=at(getattr(walk, f"glute_med_force_{side}_n")),
        glute_min_tfl_force_n=min_tfl,
        glute_min_tfl_activation_pct=np.round(100.0 * min_tfl / min_tfl_capacity, 9),
        glute_med_activation_pct=at(getattr(walk, f"glute_med_activation_{side}_pct")),
        lumbar_contralateral_force_n=at(lumbar_on[other]),
        lumbar_ipsilateral_force_n=at(lumbar_on[side]),
        lumbar_contralateral_activation_pct=at(lumbar_act[other]),
        lumbar_ipsilateral_activation_pct=at(lumbar_act[side]),
        hip_contact_force_n=at(getattr(walk, f"hip_contact_force_{side}_n")),
        hip_contact_force_x_n=base.hip_contact_force_x_n * hip_scale,
        hip_contact_force_y_n=base.hip_contact_force_y_n * hip_scale,
    )
