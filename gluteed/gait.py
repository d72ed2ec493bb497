"""Walking: the frontal-plane stance model over a whole stride, both sides.

The model
---------
A stride (gait cycle) runs from 0 to 100 %, with right heel strike at 0 %.
Each leg is on the ground for its *stance* percentage and in the air for the
rest; the two double-support periods are where both feet are down. Every
number that sets the stride comes from a cited measurement as a function of
walking speed:

* **Timing** -- stance duration (Kirtley et al. 1985) and cadence (a constant
  walk ratio, Sekiya & Nagasaki 1998, with the value of Murray et al. 1964).
* **Vertical load** -- the body's centre of mass (COM) rises and falls once
  per step by the measured vertical excursion (Orendurff et al. 2004); Newton
  gives the total vertical ground reaction, body weight x (1 + vertical
  COM acceleration / g). In single support one leg carries it all; in double
  support the load passes smoothly from the trailing to the leading leg. The
  result is the familiar double hump per leg (two peaks, a mid-stance valley).
* **Sideways load** -- each foot's ground reaction leans toward the midline
  by a fixed ratio of its vertical force. The ratio is the one that makes the
  COM sway sideways by the measured mediolateral excursion (Orendurff et al.
  2004). Each leg's sideways push accelerates the body toward that leg's
  swing side.

At every frame each loaded leg is solved with the core single-leg model
(:func:`gluteed.stance.solve_stance`), given its vertical load factor and its
sideways acceleration: **quasi-static** loading, i.e. static equilibrium
with the d'Alembert forces of the measured COM accelerations. In double
support each leg carries its share of the body (its share of the vertical
load), and the two lumbar moments add up to the moment on the one trunk.
All frames of one leg are solved in one vectorised call.

The pelvis: the healthy list, and when the abductors run out of strength
-----------------------------------------------------------------------
The muscles aim for the healthy pelvic list (``HEALTHY_PELVIC_LIST_DEG``,
a measured motor pattern): in each frame the trunk lean is the choice
rule's best with the pelvis there (:func:`gluteed.posture.held_pelvis_cost`;
what the muscles would need counts even beyond 100 %). On top of these
frames the model carries one small forward-dynamic element: the
frontal-plane tilt of the pelvis (with the body above the hips). Each
loaded leg i turns it about its own hip, and the pelvis is one body, so

    (s_R I_R + s_L I_L) * delta'' = (D_R - M_R) - (D_L - M_L),

where delta is the tilt added to the aimed-for posture, I_i the moment of
inertia of trunk, pelvis and swing leg about hip i (segment data of
:func:`gluteed.anthropometry.body_model`), s_i the leg's share of the load,
D_i the net hip moment that static equilibrium needs at the chosen trunk
lean and the current tilt (with the cited passive hip tissue of
:mod:`gluteed.tissues` at the hip's actual adduction) and M_i what the
muscles deliver. The muscles deliver D_i plus a critically damped
correction with time constant ``catch_time_s``, never more than the
capacity of all abductors at 100 % activation (nor of the adductors), a
capacity that depends on the hip's speed: a stretched abductor (the
pelvis dropping) makes up to 1.8 times its isometric force, a shortening
one less (the force-velocity curve of gait2392's muscles, see
:func:`gluteed.pelvis_dynamics.force_velocity`). With
enough strength the correction is never needed and the element changes
nothing. When the demand outruns the capacity the pelvis accelerates into a
drop; the stiffening tissue near the end of the hip's range catches it, and
it is brought back when the demand falls again. The ends of the hip's range
are hard stops. Nothing maps a strength deficit to a drop angle: the drop
comes from the moment balance, the tissue, the inertia and how long the
demand exceeds the capacity. A stride that cannot be walked (a hip at its
end stop, a lumbar spine past its side-bend range or its muscles' capacity)
or that does not settle into a repeating one says so (``feasible``,
``converged``, ``reason``).

Limits worth teaching
---------------------
Quasi-static, frontal plane only; the trunk keeps the lean the choice rule
picks for the aimed-for posture and translates with the pelvis during a
drop; no sagittal-plane muscles (the hip contact force is the frontal-plane
part, and in swing only the muscles holding the hanging leg against its
stretched tissue); sinusoidal COM paths (real ones have higher harmonics,
so the peaks of the vertical load are approximate); the load transfer in
double support, the sideways ground reaction and the shape of the healthy
list follow assumed shapes.

References
----------
Kirtley C, Whittle MW, Jefferson RJ (1985) Influence of walking speed on
gait parameters. J Biomed Eng 7:282-288. [@kirtley1985]
Murray MP, Drought AB, Kory RC (1964) Walking patterns of normal men. J Bone
Joint Surg Am 46:335-360. [@murray1964]
Orendurff MS, Segal AD, Klute GK, Berge JS, Rohr ES, Kadel NJ (2004) The
effect of walking speed on center of mass displacement. J Rehabil Res Dev
41:829-834. [@orendurff2004]
Sekiya N, Nagasaki H (1998) Reproducibility of the walking patterns of
normal young adults: test-retest reliability of the walk ratio
(step-length/step-rate). Gait Posture 7:225-227. [@sekiya1998]
The four are unverified: the numbers taken from them could not be checked
against a public copy (see docs/references.bib).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from ._validation import check_choice, scenario
from .anthropometry import GRAVITY, BodyModel, body_model
from .gait_profiles import (
    COM_LATERAL_EXCURSION_M,
    COM_VERTICAL_EXCURSION_M,
    DEFAULT_SPEED_MS,
    HEALTHY_PELVIC_LIST_DEG,
    LIST_PEAK_PCT,
    SPEED_RANGE_MS,
    com_excursions,
    gait_timing,
    lateral_grf_ratio,
    list_profile,
    load_share,
    vertical_load_total,
)
from .parameters import check, parameter
from .pelvis_dynamics import (
    DEFAULT_CATCH_TIME_S,
    aimed_adduction_rate,
    hip_force_velocity,
    inertial_loads,
    pelvis_dynamics,
)
from .posture import Coefficients, best_lean, held_pelvis_cost, hip_active
from .stance import (
    STRATEGIES,
    PersonInput,
    StanceInput,
    coefficients,
    result_at_posture,
    solve_stance,
)
from .tissues import lumbar_side_bend_passive_moment
from .walk_result import WalkResult

__all__ = [
    "COM_LATERAL_EXCURSION_M",
    "COM_VERTICAL_EXCURSION_M",
    "DEFAULT_CATCH_TIME_S",
    "DEFAULT_SPEED_MS",
    "HEALTHY_PELVIC_LIST_DEG",
    "LIST_PEAK_PCT",
    "SPEED_RANGE_MS",
    "WalkInput",
    "WalkResult",
    "com_excursions",
    "gait_timing",
    "lateral_grf_ratio",
    "load_share",
    "solve_walk",
    "vertical_load_total",
]

SIDES = ("right", "left")


# --- Inputs -------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class WalkInput(PersonInput):
    """One walking scenario (scalar inputs; the frames are the arrays).

    Parameters
    ----------
    subject : Subject
        Body mass, stature and sex (scalars).
    speed_ms : float
        Walking speed, 0.7 to 1.6, the range of the COM data used. [m/s]
    glute_med_strength_right, glute_med_strength_left : float
        Gluteus medius strength as a percentage of normal, 0 to 100. [%]
    glute_med_availability : float
        Fraction of that strength that can be used, 0 to 1, both sides (the
        hook for "tight hamstrings inhibit the glutes"). [-]
    cane_pct_bw : float
        Peak push on a cane, 0 to 30 % of body weight. The cane is on the
        ground with the leg opposite its hand and its push follows that
        leg's load. [%]
    cane_hand : {"left", "right"}
        Hand that holds the cane (clinically: opposite the painful or weak
        hip).
    bag_kg : float
        Bag carried in one hand, 0 to 40. [kg]
    bag_side : {"left", "right"}
        Hand that carries the bag.
    strategy : {"balanced", "lean", "upright"}
        Posture tolerances of the core choice rule (see
        ``gluteed.stance.STRATEGIES``).
    activation_exponent : float
        Power of the activations in the choice rule, 2 to 4. [-]
    pelvic_dynamics : bool
        Switch the forward-dynamic pelvis element on (default) or off. Off,
        every frame is the core's static solution (as in standing: where the
        abductors cannot hold the pelvis, it drops at once until passive
        tissue holds it; no inertia, no healthy list).
    catch_time_s : float
        Time constant of the abductors' correction of a dropped pelvis,
        0.02 to 0.5 (see ``DEFAULT_CATCH_TIME_S``, an assumption). [s]
    pelvic_list_deg : float
        Amplitude of the healthy pelvic list the muscles aim for, 0 to 6
        (see ``HEALTHY_PELVIC_LIST_DEG``; 0 = a level pelvis). Used with the
        pelvis element on. [deg]
    frames : int
        Frames from 0 to 100 % inclusive, an odd number from 101 to 4001 (so
        that 50 % is a frame). [-]
    """

    speed_ms: float = DEFAULT_SPEED_MS
    cane_pct_bw: float = 0.0
    cane_hand: str = "left"
    bag_kg: float = 0.0
    bag_side: str = "left"
    strategy: str = "balanced"
    activation_exponent: float = 3.0
    pelvic_dynamics: bool = True
    catch_time_s: float = DEFAULT_CATCH_TIME_S
    pelvic_list_deg: float = HEALTHY_PELVIC_LIST_DEG
    frames: int = 101

    def __post_init__(self) -> None:
        self._check_subject()
        for name in ("mass_kg", "height_m"):
            if np.ndim(getattr(self.subject, name)) != 0:
                raise ValueError(
                    f"walking takes one person at a time: subject {name} must be a single "
                    "number, not an array"
                )
        put = object.__setattr__
        for name in _NUMBER_FIELDS:
            put(self, name, _scalar(name, getattr(self, name)))
        for name, choices in (("cane_hand", SIDES), ("bag_side", SIDES)):
            put(self, name, check_choice(name, getattr(self, name), choices))
        put(self, "strategy", check_choice("strategy", self.strategy, tuple(STRATEGIES)))
        if not isinstance(self.pelvic_dynamics, bool | np.bool_):
            raise ValueError(f"pelvic_dynamics must be True or False; got {self.pelvic_dynamics!r}")
        put(self, "pelvic_dynamics", bool(self.pelvic_dynamics))
        frames = parameter("frames")
        shown = " ".join(repr(self.frames).split())  # one line, whatever was given
        odd = (
            f"frames = {shown[:60]} is not allowed: use an odd whole number from "
            f"{frames.range_text()} (so that 50 % of the cycle is a frame)"
        )
        try:
            number = frames.check(self.frames)
        except ValueError:
            raise ValueError(odd) from None
        if number % 2 == 0:
            raise ValueError(odd)
        put(self, "frames", number)

    def mirrored(self) -> WalkInput:
        """The same person with left and right swapped (strengths, cane, bag)."""
        other = {"right": "left", "left": "right"}
        return replace(
            self,
            cane_hand=other[self.cane_hand],
            bag_side=other[self.bag_side],
            **self._strengths_swapped(),
        )


#: Numeric fields of WalkInput but the frames, each a single number checked
#: against its declaration in :mod:`gluteed.parameters`.
_NUMBER_FIELDS = (
    "speed_ms",
    "glute_med_strength_right",
    "glute_med_strength_left",
    "glute_med_availability",
    "cane_pct_bw",
    "bag_kg",
    "activation_exponent",
    "catch_time_s",
    "pelvic_list_deg",
)


def _scalar(name: str, value: object) -> float:
    number = check(name, value)  # one message for every bad type
    if np.ndim(number) != 0:
        declared = parameter(name)
        raise ValueError(
            f"{declared.short} must be a single number from {declared.range_text()}; walking "
            "solves one scenario at a time (the frames are the array)"
        )
    return number


# --- The solver ---------------------------------------------------------------
def solve_walk(inp: WalkInput | None = None, /, **changes: object) -> WalkResult:
    """Solve one stride of level walking, frame by frame, for both sides.

    Parameters
    ----------
    inp : WalkInput, optional
        The scenario; defaults to ``WalkInput()`` (70 kg, 1.75 m man, full
        strength, 1.1 m/s).
    **changes
        Fields of :class:`WalkInput` to replace, e.g.
        ``solve_walk(glute_med_strength_right=20)``.

    Returns
    -------
    WalkResult

    Notes
    -----
    See the module docstring: cited stride profiles, the core stance model
    solved quasi-statically for each loaded leg (one vectorised call per
    side), load sharing in double support, and the forward-dynamic pelvis
    element for abductors at capacity.

    References
    ----------
    Orendurff MS et al. (2004) J Rehabil Res Dev 41:829-834.
    Kirtley C, Whittle MW, Jefferson RJ (1985) J Biomed Eng 7:282-288.
    """
    inp = scenario(inp, WalkInput, changes, solver="solve_walk", what="walking")

    body = body_model(inp.subject)
    stride, stance, ds = gait_timing(inp.speed_ms)
    ratio = lateral_grf_ratio(inp.speed_ms)
    n = inp.frames - 1  # periodic frames; the last output frame repeats the first
    # One leg's stride in its own time (its heel strike at 0 %); the other leg
    # is the same arrays shifted by half a stride, so a symmetric person is
    # exactly symmetric.
    leg_pct = np.arange(n) * (100.0 / n)
    share = load_share(leg_pct, ds)
    load = vertical_load_total(leg_pct, inp.speed_ms) * share

    legs = {
        side: _quasi_static_leg(inp, body, side, leg_pct, load, ratio, stride / n) for side in SIDES
    }
    delta, settled = np.zeros(n), True
    if any(leg["needs_dynamics"] for leg in legs.values()):
        delta, settled = pelvis_dynamics(legs, body, share, 1.0 / inp.catch_time_s, stride / n)
    for leg in legs.values():
        _leg_forces(leg, body, share)
    cycle = _Cycle(n)
    trunk = _trunk_frames(legs, body, cycle, share)
    pct = np.concatenate([leg_pct, [100.0]])
    grf_r, grf_l = cycle("right", load), cycle("left", load)
    down = leg_pct < 50.0 + ds  # this leg's foot is on the ground
    arm = float(body.lumbar_arm_m)
    lumbar_moment = trunk.pop("lumbar_left_moment")
    feasible, reason = _stride_feasibility(legs, settled, lumbar_moment, body.lumbar_max_n * arm)
    frames = {
        "gait_cycle_pct": pct,
        "time_s": pct / 100.0 * stride,
        "right_foot_down": cycle("right", down),
        "left_foot_down": cycle("left", down),
        "vertical_grf_right_bw": grf_r,
        "vertical_grf_left_bw": grf_l,
        "com_lateral_acceleration_ms2": ratio * GRAVITY * (grf_l - grf_r),
        "pelvic_drop_dynamic_deg": np.degrees(np.concatenate([delta, delta[:1]])),
        **trunk,
        **_leg_frames(legs, cycle),
    }
    return WalkResult(
        inputs=inp,
        body_weight_n=float(body.body_weight_n),
        stride_time_s=stride,
        stance_pct=stance,
        double_support_pct=ds,
        lateral_grf_ratio=ratio,
        **{name: _frozen(values) for name, values in frames.items()},
        stance_right=legs["right"]["stance"],
        stance_left=legs["left"]["stance"],
        converged=settled,
        feasible=feasible,
        reason=reason,
    )


class _Cycle:
    """Leg-time values -> cycle frames (0..100 % inclusive): the left leg is half a stride later."""

    def __init__(self, n: int) -> None:
        self.half = n // 2

    def __call__(self, side: str, values: npt.ArrayLike) -> np.ndarray:
        values = np.asarray(values)
        if side == "left":
            values = np.roll(values, self.half)
        return np.concatenate([values, values[:1]])


def _frozen(values: npt.ArrayLike) -> np.ndarray:
    """A read-only copy."""
    values = np.array(values)
    values.setflags(write=False)
    return values


def _trunk_frames(legs: dict, body: BodyModel, cycle: _Cycle, share: np.ndarray) -> dict:
    """Per cycle frame: trunk lean, pelvic obliquity, the lumbar muscles' forces.

    In double support each leg carries its share of the trunk; the pelvis is
    one body, so its obliquity is the same seen from either hip; the two
    lumbar moments add up on the one trunk, less the spine's passive part.
    Also returns the net moment the left lumbar muscles must make
    (``lumbar_left_moment``, N·m; negative: the right ones).
    """
    r, left = legs["right"], legs["left"]
    share_r, share_l = cycle("right", share), cycle("left", share)
    lean = share_r * cycle("right", r["lean"]) - share_l * cycle("left", left["lean"])
    obliquity = np.where(
        share_r >= share_l, cycle("right", r["drop"]), -cycle("left", left["drop"])
    )
    bend = lumbar_side_bend_passive_moment(
        lean + obliquity, mass_kg=body.mass_kg, height_m=body.height_m, order=0
    )[0]
    lumbar_left_moment = cycle("right", r["lumbar"]) - cycle("left", left["lumbar"]) - bend
    arm, capacity = float(body.lumbar_arm_m), float(body.lumbar_max_n)
    lumbar_left = np.maximum(lumbar_left_moment, 0.0) / arm
    lumbar_right = np.maximum(-lumbar_left_moment, 0.0) / arm
    return {
        "trunk_lean_deg": np.degrees(lean),
        "pelvic_drop_deg": np.degrees(obliquity),
        "lumbar_left_force_n": lumbar_left,
        "lumbar_right_force_n": lumbar_right,
        "lumbar_left_activation_pct": 100.0 * lumbar_left / capacity,
        "lumbar_right_activation_pct": 100.0 * lumbar_right / capacity,
        "lumbar_left_moment": lumbar_left_moment,
    }


def _leg_frames(legs: dict, cycle: _Cycle) -> dict:
    """Per cycle frame, each leg's abductor forces, activation and hip contact force."""
    out = {}
    for side, leg in legs.items():
        out[f"glute_med_force_{side}_n"] = cycle(side, leg["glute_med"])
        out[f"glute_med_activation_{side}_pct"] = cycle(side, leg["glute_med_pct"])
        out[f"glute_min_tfl_force_{side}_n"] = cycle(side, leg["glute_min_tfl"])
        out[f"abductors_at_capacity_{side}"] = cycle(side, leg["at_capacity"])
        out[f"hip_contact_force_{side}_n"] = cycle(side, leg["hip"])
    return out


def _stride_feasibility(
    legs: dict, settled: bool, lumbar_moment: np.ndarray, lumbar_capacity: np.ndarray
) -> tuple[bool, str]:
    """Whether the whole stride can be walked, and why not in plain words."""
    if not settled:
        return False, (
            "the pelvis did not settle into a repeating stride; these numbers are not reliable"
        )
    for side, leg in legs.items():
        if np.any(leg.get("at_stop", False)):
            return False, (
                f"cannot walk like this without support: the pelvis reaches the end of the "
                f"{side} hip's range"
            )
        bad = ~np.asarray(leg["stance"].feasible, dtype=bool)
        if np.any(bad):
            first = str(np.asarray(leg["stance"].reason)[bad][0])
            return False, f"cannot walk like this without support ({side} stance): {first}"
    if np.any(np.abs(lumbar_moment) > lumbar_capacity * (1.0 + 1e-9)):
        return False, "cannot walk like this: the lower back cannot hold the trunk"
    return True, ""


def _quasi_static_leg(
    inp: WalkInput,
    body: BodyModel,
    side: str,
    leg_pct: np.ndarray,
    load: np.ndarray,
    ratio: float,
    frame_time: float,
) -> dict:
    """The posture one leg aims for over its own stride (heel strike at 0 %).

    Each frame is the core stance model with the frame's load factor and
    sideways acceleration. With the pelvis element on, the pelvis is held
    at the healthy list and the trunk lean is the choice rule's best for
    that pelvis (what the muscles would need counts even beyond 100 %); the
    element then finds the drop where they cannot deliver it. With the
    element off, every frame is the core's own static solution (the pelvis
    rule of :func:`gluteed.solve_stance`).
    """
    cane_on = inp.cane_hand != side  # the cane works with the leg opposite its hand
    cane = inp.cane_pct_bw * load / float(np.max(load)) if cane_on else np.zeros_like(load)
    stance_input = StanceInput(
        subject=inp.subject,
        stance_side=side,
        glute_med_strength_right=inp.glute_med_strength_right,
        glute_med_strength_left=inp.glute_med_strength_left,
        glute_med_availability=inp.glute_med_availability,
        bag_kg=inp.bag_kg,
        bag_side="same" if inp.bag_side == side else "opposite",
        cane_pct_bw=cane,
        vertical_load_factor=load,
        lateral_acceleration_ms2=ratio * GRAVITY * load,  # toward this leg's swing side
        strategy=inp.strategy,
        activation_exponent=inp.activation_exponent,
    )
    c = coefficients(stance_input, body)
    if inp.pelvic_dynamics:
        target = list_profile(leg_pct, inp.pelvic_list_deg)

        def cost(cc: Coefficients, lean: np.ndarray) -> np.ndarray:
            return held_pelvis_cost(cc, lean, target.reshape(target.shape + (1,) * (lean.ndim - 1)))

        lean = best_lean(c, cost)[0]
    else:
        res = solve_stance(stance_input)
        lean = np.radians(res.trunk_lean_deg)
        target = np.radians(res.pelvic_drop_deg)
    demand = hip_active(c, lean, target, slope=False)[0]
    # The muscles' capacities at the speed of the aimed-for hip adduction.
    aim_rate = aimed_adduction_rate(target, frame_time)
    f_abd, f_add = hip_force_velocity(aim_rate)
    return {
        "side": side,
        "sign": 1.0 if side == "right" else -1.0,  # drop about this hip = sign x obliquity
        "input": stance_input,
        "c": c,
        "lean": lean,
        "drop_qs": target,
        "aim_rate": aim_rate,  # its speed [rad/s]
        "active": demand,  # net active hip moment the aimed-for posture needs [N·m]
        "needs_dynamics": bool(
            inp.pelvic_dynamics
            and (np.any(demand > c.k_abd * f_abd) or np.any(demand < -c.k_add * f_add))
        ),
    }


def _leg_forces(leg: dict, body: BodyModel, share: np.ndarray) -> None:
    """Muscle and joint forces of one leg in the posture the stride reaches."""
    dynamic = "moment" in leg
    drop = leg["drop_qs"] + (leg["extra"] if dynamic else 0.0)
    res = result_at_posture(
        leg["input"],
        leg["lean"],
        drop,
        delivered_hip=leg["moment"] if dynamic else None,
        capacity_factor=leg["force_velocity"] if dynamic else None,
    )
    leg["stance"] = res
    leg["drop"] = drop
    leg["glute_med"] = np.asarray(res.glute_med_force_n, dtype=float)
    leg["glute_min_tfl"] = np.asarray(res.glute_min_tfl_force_n, dtype=float)
    leg["glute_med_pct"] = np.asarray(res.glute_med_activation_pct, dtype=float)
    # With the pelvis element, "at capacity" is its own: full activation at the
    # hip's speed (a stretched abductor makes more than its isometric force).
    saturated = leg["at_capacity"] if dynamic else res.abductors_at_capacity
    leg["at_capacity"] = np.asarray(saturated, dtype=bool) & (share > 0)
    hip_x = np.asarray(res.hip_contact_force_x_n, dtype=float)
    hip_y = np.asarray(res.hip_contact_force_y_n, dtype=float)
    lumbar = np.asarray(res.lumbar_moment_nm, dtype=float)
    if dynamic:
        inertial_x, inertial_y, trunk = inertial_loads(leg, body, share, drop)
        hip_x, hip_y, lumbar = hip_x + inertial_x, hip_y + inertial_y, lumbar + trunk
    leg["hip"] = np.hypot(hip_x, hip_y)
    leg["lumbar"] = lumbar  # moment the trunk needs at L5-S1, muscles and passive tissue
