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
capacity of all abductors at 100 % activation (nor of the adductors). With
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

import csv
import io
import math
from dataclasses import dataclass, field, replace

import numpy as np

from ._validation import BodyWeightMultiples, check_choice, scenario
from .anthropometry import (
    GRAVITY,
    BodyModel,
    Subject,
    body_model,
)
from .parameters import check, parameter
from .posture import best_lean, held_pelvis_cost, held_pelvis_demand
from .stance import (
    DROP_VISIBLE_DEG,
    STRATEGIES,
    StanceInput,
    StanceResult,
    coefficients,
    result_at_posture,
    solve_stance,
)
from .tissues import (
    HIP_ABDUCTION_RANGE_DEG,
    HIP_ADDUCTION_RANGE_DEG,
    hip_passive_lookup,
    hip_passive_scale,
    lumbar_side_bend_passive_moment,
)

__all__ = [
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

# --- Published numbers ------------------------------------------------------
#: Walking speeds over which the speed-dependent profiles below were measured,
#: and the default speed (about 4 km/h); both declared, with their sources, in
#: :mod:`gluteed.parameters`. [m/s]
SPEED_RANGE_MS = parameter("speed_ms").range
DEFAULT_SPEED_MS = parameter("speed_ms").default

#: Stance duration as a percentage of the gait cycle versus speed v [m/s]:
#: stance = 64.2 - 3.5 v, regression of Kirtley, Whittle & Jefferson (1985)
#: J Biomed Eng 7:282 (r = 0.71) [@kirtley1985]; unverified against the
#: paper. [%], [% per m/s]
STANCE_PCT_AT_ZERO_SPEED = 64.2
STANCE_PCT_PER_SPEED = -3.5

#: Walk ratio, step length / cadence, which stays about constant across
#: walking speeds (Sekiya & Nagasaki 1998, Gait Posture 7:225) [@sekiya1998];
#: its value is that of normal men at free speed, step length 0.79 m at 117
#: steps/min (Murray, Drought & Kory 1964, J Bone Joint Surg Am 46:335)
#: [@murray1964]; both unverified against the papers. Below about
#: 1.0 m/s people take relatively longer, slower steps than a constant ratio
#: predicts (Murakami R, Otaka Y 2017, J Phys Ther Sci 29:722) [@murakami2017], so
#: the model's cadence is too high there.
#: [m per (step/min)]
WALK_RATIO_M_PER_STEPS_PER_MIN = 0.79 / 117.0

#: Peak-to-peak vertical COM excursion at the slowest and fastest speed of
#: Orendurff et al. (2004) [@orendurff2004]: 2.7 cm at 0.7 m/s and 4.8 cm at
#: 1.6 m/s, linear in between (unverified against the paper). [(m/s, m)]
COM_VERTICAL_EXCURSION_M = ((0.7, 0.027), (1.6, 0.048))
#: Peak-to-peak mediolateral COM excursion, same study: 7.0 cm at 0.7 m/s and
#: 3.9 cm at 1.6 m/s, linear in between (unverified against the paper). [(m/s, m)]
COM_LATERAL_EXCURSION_M = ((0.7, 0.070), (1.6, 0.039))

#: Time constant of the abductors' correction of a dropped pelvis (critically
#: damped). ASSUMPTION: no measurement of this closed-loop time exists for
#: gait; 0.1 s brings a dropped pelvis back within about half a second
#: (five time constants), before the same leg is loaded again. It changes
#: the shape of the return, not whether a drop happens. [s]
DEFAULT_CATCH_TIME_S = 0.1

#: Healthy pelvic list: the swing side of the pelvis dips and rises once per
#: stride. Its amplitude is half the mean range of frontal pelvic obliquity
#: measured in healthy adults walking, 8.3 +/- 4.8 deg (Bailey et al. 2016
#: [@bailey2016], the range of each subject over a stride; unverified: a
#: collected figure, the article has not been identified). ASSUMPTION: the shape (one
#: sinusoid per stride) and its timing (largest drop of the swing side at
#: ``LIST_PEAK_PCT`` of its stance leg's cycle, during loading response and
#: early single support, as in normative gait curves). The muscles aim for
#: this posture; it is a measured motor pattern, not a compensation, and a
#: student can set it to 0. [deg]
HEALTHY_PELVIC_LIST_DEG = 8.3 / 2.0
LIST_PEAK_PCT = 15.0

#: Largest integration step of the pelvis element. [s]
_MAX_STEP_S = 2.5e-3
#: Grid for the sideways-sway calibration (independent of the output frames).
_SWAY_GRID = 4000
#: Periodicity tolerance of the pelvis element (start vs end of a stride):
#: [rad], [rad/s]; and the most strides simulated to reach it.
_PERIODIC_TOL = (1e-10, 1e-8)
_MAX_STRIDES = 60


# --- Pure relations -----------------------------------------------------------
def gait_timing(speed_ms: float) -> tuple[float, float, float]:
    """Stride time, stance and double-support duration at a walking speed.

    Parameters
    ----------
    speed_ms : float
        Walking speed. [m/s]

    Returns
    -------
    stride_time_s : float
        Duration of one gait cycle. [s]
    stance_pct : float
        Stance of one leg, percentage of the cycle. [%]
    double_support_pct : float
        Each of the two double-support periods, stance - 50. [%]

    Notes
    -----
    Cadence c [steps/min] from a constant walk ratio r: speed = step
    length * c / 60 and step length = r c, so c = sqrt(60 v / r); a stride is
    two steps, 120 / c seconds.

    References
    ----------
    Kirtley C, Whittle MW, Jefferson RJ (1985) J Biomed Eng 7:282-288.
    Sekiya N, Nagasaki H (1998) Gait Posture 7:225-227.
    Murray MP, Drought AB, Kory RC (1964) J Bone Joint Surg Am 46:335-360.
    """
    cadence = math.sqrt(60.0 * speed_ms / WALK_RATIO_M_PER_STEPS_PER_MIN)
    stance = STANCE_PCT_AT_ZERO_SPEED + STANCE_PCT_PER_SPEED * speed_ms
    return 120.0 / cadence, stance, stance - 50.0


def com_excursions(speed_ms: float) -> tuple[float, float]:
    """Peak-to-peak vertical and mediolateral COM excursion. [m], [m]

    Linear between the slowest and fastest speed of Orendurff et al. (2004).

    Parameters
    ----------
    speed_ms : float
        Walking speed, 0.7 to 1.6. [m/s]
    """
    (v0, z0), (v1, z1) = COM_VERTICAL_EXCURSION_M
    (_, x0), (_, x1) = COM_LATERAL_EXCURSION_M
    f = (speed_ms - v0) / (v1 - v0)
    return z0 + f * (z1 - z0), x0 + f * (x1 - x0)


def vertical_load_total(cycle_pct: np.ndarray, speed_ms: float) -> np.ndarray:
    """Total vertical ground reaction of both feet / body weight. [-]

    The COM height is taken as a sinusoid at step frequency (two per stride)
    with the measured peak-to-peak excursion, lowest in the middle of each
    double support (highest in mid single support). Newton: total = 1 +
    (vertical COM acceleration) / g. Its mean over a stride is exactly 1.

    Parameters
    ----------
    cycle_pct : array_like
        Points of the gait cycle, right heel strike at 0. [%]
    speed_ms : float
        Walking speed. [m/s]

    Notes
    -----
    ASSUMPTION: sinusoidal COM height. The lowest point in double support and
    highest in mid-stance is the classical pattern (Orendurff et al. 2004);
    the sinusoid has no higher harmonics, so the peaks of the per-leg load
    are approximate (at 1.5 m/s it gives 1.29 BW against 1.2 BW measured by
    Keller et al. 1996, Clin Biomech 11:253).
    """
    stride, _, ds = gait_timing(speed_ms)
    z_pp, _ = com_excursions(speed_ms)
    omega = 2.0 * math.pi * 2.0 / stride  # step frequency [rad/s]
    amplitude = omega**2 * z_pp / 2.0 / GRAVITY
    p = np.asarray(cycle_pct, dtype=float)
    return 1.0 + amplitude * np.cos(2.0 * math.pi * (p - ds / 2.0) / 50.0)


def load_share(cycle_pct: np.ndarray, double_support_pct: float) -> np.ndarray:
    """Share of the total vertical load on the leg that lands at 0 %. [-]

    0 in swing, 1 in single support, and a raised cosine (smooth, zero slope
    at both ends) across each double support: rising after its heel strike
    at 0 %, falling after the other heel strikes at 50 %.

    Parameters
    ----------
    cycle_pct : array_like
        Points of this leg's cycle. [%]
    double_support_pct : float
        Duration of each double support. [%]

    Notes
    -----
    ASSUMPTION: the shape of the load transfer. Measured transfers are
    smooth and S-shaped; the raised cosine is the simplest such curve.
    """
    p = np.mod(np.asarray(cycle_pct, dtype=float), 100.0)
    ds = double_support_pct
    share = np.zeros_like(p)
    rising = p < ds
    share[rising] = 0.5 - 0.5 * np.cos(math.pi * p[rising] / ds)
    share[(p >= ds) & (p < 50.0)] = 1.0
    falling = (p >= 50.0) & (p < 50.0 + ds)
    share[falling] = 0.5 + 0.5 * np.cos(math.pi * (p[falling] - 50.0) / ds)
    return share


def lateral_grf_ratio(speed_ms: float) -> float:
    """Sideways / vertical ground reaction of each foot that reproduces the sway. [-]

    Each foot pushes toward the midline with this fraction of its vertical
    force; the difference of the two pushes accelerates the COM sideways.
    The ratio is the one for which the periodic sideways COM path has the
    measured peak-to-peak excursion (Orendurff et al. 2004).

    Parameters
    ----------
    speed_ms : float
        Walking speed. [m/s]

    Notes
    -----
    ASSUMPTION: a constant ratio. Measured mediolateral ground reactions
    point medially for most of stance and follow the vertical force
    roughly; a short lateral spike at heel strike is left out.
    """
    stride, _, ds = gait_timing(speed_ms)
    _, x_pp = com_excursions(speed_ms)
    p = np.arange(_SWAY_GRID) * (100.0 / _SWAY_GRID)
    total = vertical_load_total(p, speed_ms)
    push = GRAVITY * total * (load_share(p, ds) - load_share(p - 50.0, ds))  # per unit ratio
    harmonics = np.fft.rfft(push)
    n = np.arange(harmonics.size)
    omega = 2.0 * math.pi * n / stride
    position = np.zeros_like(harmonics)
    position[1:] = -harmonics[1:] / omega[1:] ** 2  # x'' = push, periodic
    path = np.fft.irfft(position, n=_SWAY_GRID)
    return float(x_pp / (path.max() - path.min()))


# --- Inputs -------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class WalkInput:
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

    subject: Subject = field(default_factory=Subject)
    speed_ms: float = DEFAULT_SPEED_MS
    glute_med_strength_right: float = 100.0
    glute_med_strength_left: float = 100.0
    glute_med_availability: float = 1.0
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
        if not isinstance(self.subject, Subject):
            raise ValueError(f"subject must be a gluteed.Subject; got {self.subject!r}")
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
            glute_med_strength_right=self.glute_med_strength_left,
            glute_med_strength_left=self.glute_med_strength_right,
            cane_hand=other[self.cane_hand],
            bag_side=other[self.bag_side],
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


# --- Results ------------------------------------------------------------------
#: Per-frame arrays of WalkResult with their units, in output order.
_FRAME_UNITS = {
    "gait_cycle_pct": "%",
    "time_s": "s",
    "vertical_grf_right_bw": "× BW",
    "vertical_grf_left_bw": "× BW",
    "com_lateral_acceleration_ms2": "m/s²",
    "trunk_lean_deg": "deg",
    "pelvic_drop_deg": "deg",
    "pelvic_drop_dynamic_deg": "deg",
    "glute_med_force_right_n": "N",
    "glute_med_force_left_n": "N",
    "glute_med_activation_right_pct": "%",
    "glute_med_activation_left_pct": "%",
    "glute_min_tfl_force_right_n": "N",
    "glute_min_tfl_force_left_n": "N",
    "lumbar_left_force_n": "N",
    "lumbar_right_force_n": "N",
    "lumbar_left_activation_pct": "%",
    "lumbar_right_activation_pct": "%",
    "hip_contact_force_right_n": "N",
    "hip_contact_force_left_n": "N",
}
_FRAME_FLAGS = (
    "right_foot_down",
    "left_foot_down",
    "abductors_at_capacity_right",
    "abductors_at_capacity_left",
)


@dataclass(frozen=True, kw_only=True)
class WalkResult(BodyWeightMultiples):
    """Frame-by-frame results of one stride, for both sides.

    Every array has one value per frame, from 0 to 100 % of the gait cycle
    (right heel strike at 0 %; the last frame repeats the first). Forces in
    N; ``*_bw`` gives any force in multiples of body weight.

    Conventions (those of right stance): ``trunk_lean_deg`` is positive
    toward the right, ``pelvic_drop_deg`` positive when the left side of the
    pelvis is lower (the drop of right stance) and negative when the right
    side is lower (the drop of left stance); ``com_lateral_acceleration_ms2``
    is positive toward the right. ``pelvic_drop_dynamic_deg`` (same sign as
    ``pelvic_drop_deg``) is the part of the drop that comes from abductors
    running out of capacity, zero when they never do. ``stance_right`` and
    ``stance_left`` are the core's quasi-static results for each leg over
    its own stride (its heel strike at 0 %).
    """

    inputs: WalkInput
    body_weight_n: float
    stride_time_s: float
    stance_pct: float
    double_support_pct: float
    lateral_grf_ratio: float
    gait_cycle_pct: np.ndarray
    time_s: np.ndarray
    right_foot_down: np.ndarray
    left_foot_down: np.ndarray
    vertical_grf_right_bw: np.ndarray
    vertical_grf_left_bw: np.ndarray
    com_lateral_acceleration_ms2: np.ndarray
    trunk_lean_deg: np.ndarray
    pelvic_drop_deg: np.ndarray
    pelvic_drop_dynamic_deg: np.ndarray
    glute_med_force_right_n: np.ndarray
    glute_med_force_left_n: np.ndarray
    glute_med_activation_right_pct: np.ndarray
    glute_med_activation_left_pct: np.ndarray
    glute_min_tfl_force_right_n: np.ndarray
    glute_min_tfl_force_left_n: np.ndarray
    abductors_at_capacity_right: np.ndarray
    abductors_at_capacity_left: np.ndarray
    lumbar_left_force_n: np.ndarray
    lumbar_right_force_n: np.ndarray
    lumbar_left_activation_pct: np.ndarray
    lumbar_right_activation_pct: np.ndarray
    hip_contact_force_right_n: np.ndarray
    hip_contact_force_left_n: np.ndarray
    stance_right: StanceResult
    stance_left: StanceResult
    converged: bool = True
    feasible: bool = True
    reason: str = ""

    @property
    def pelvic_obliquity_deg(self) -> np.ndarray:
        """Frontal pelvic obliquity per frame, positive when the left side is lower. [deg]"""
        return self.pelvic_drop_deg

    @property
    def cadence_steps_per_min(self) -> float:
        """Steps per minute. [steps/min]"""
        return 120.0 / self.stride_time_s

    @property
    def support(self) -> np.ndarray:
        """Per frame: "double", "right" (right foot only) or "left". [-]"""
        out = np.where(self.right_foot_down, "right", "left")
        return np.where(self.right_foot_down & self.left_foot_down, "double", out)

    def phase_table(self) -> list[dict]:
        """The four support phases of the stride with their start and end. [%]"""
        ds = self.double_support_pct
        rows = [
            (0.0, ds, "double", "right heel strike to left toe-off (right loading)"),
            (ds, 50.0, "right", "right single support, left leg swings"),
            (50.0, 50.0 + ds, "double", "left heel strike to right toe-off (left loading)"),
            (50.0 + ds, 100.0, "left", "left single support, right leg swings"),
        ]
        return [
            {
                "start_pct": round(start, 2),
                "end_pct": round(end, 2),
                "support": support,
                "right_foot": "down" if support in ("double", "right") else "swing",
                "left_foot": "down" if support in ("double", "left") else "swing",
                "phase": text,
            }
            for start, end, support, text in rows
        ]

    def _single_support(self, side: str) -> np.ndarray:
        return self.support == side

    def to_dict(self) -> dict:
        """Inputs, stride numbers, per-frame arrays (units in the keys), phases."""
        inp = self.inputs
        out: dict = {
            "mass_kg": float(inp.subject.mass_kg),
            "height_m": float(inp.subject.height_m),
            "sex": inp.subject.sex,
            "speed_ms": inp.speed_ms,
            "glute_med_strength_right_pct": inp.glute_med_strength_right,
            "glute_med_strength_left_pct": inp.glute_med_strength_left,
            "glute_med_availability": inp.glute_med_availability,
            "cane_pct_bw": inp.cane_pct_bw,
            "cane_hand": inp.cane_hand,
            "bag_kg": inp.bag_kg,
            "bag_side": inp.bag_side,
            "strategy": inp.strategy,
            "pelvic_dynamics": inp.pelvic_dynamics,
            "catch_time_s": inp.catch_time_s,
            "pelvic_list_deg": inp.pelvic_list_deg,
            "converged": self.converged,
            "feasible": self.feasible,
            "reason": self.reason,
            "body_weight_n": self.body_weight_n,
            "stride_time_s": self.stride_time_s,
            "cadence_steps_per_min": self.cadence_steps_per_min,
            "stance_pct": self.stance_pct,
            "double_support_pct": self.double_support_pct,
            "lateral_grf_ratio": self.lateral_grf_ratio,
            "phases": self.phase_table(),
        }
        for name in _FRAME_UNITS:
            out[name] = np.asarray(getattr(self, name), dtype=float).tolist()
        out["pelvic_obliquity_deg"] = out["pelvic_drop_deg"]
        for name in [k for k in _FRAME_UNITS if k.endswith("_n")]:
            out[name[:-2] + "_bw"] = (np.asarray(getattr(self, name)) / self.body_weight_n).tolist()
        for name in _FRAME_FLAGS:
            out[name] = np.asarray(getattr(self, name)).tolist()
        out["support"] = self.support.tolist()
        return out

    def to_csv(self) -> str:
        """The per-frame arrays as CSV text, one row per frame (units in the header)."""
        data = self.to_dict()
        columns = ["gait_cycle_pct", "time_s", "support", *_FRAME_FLAGS]
        columns += [k for k in _FRAME_UNITS if k not in columns]
        extra = [k for k in data if k.endswith("_bw") and isinstance(data[k], list)]
        columns += [k for k in extra if k not in columns]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for i in range(len(data["gait_cycle_pct"])):
            row = []
            for name in columns:
                value = data[name][i]
                row.append(f"{value:.6g}" if isinstance(value, float) else str(value))
            writer.writerow(row)
        return buffer.getvalue()

    def summary(self) -> str:
        """A few plain-language sentences about the stride."""
        rs, ls = self._single_support("right"), self._single_support("left")
        lum_l, lum_r = self.lumbar_left_force_bw, self.lumbar_right_force_bw
        drop = self.pelvic_drop_deg
        text = (
            f"Walking at {self.inputs.speed_ms:.2f} m/s: stride {self.stride_time_s:.2f} s, "
            f"{self.cadence_steps_per_min:.0f} steps/min, each foot down for "
            f"{self.stance_pct:.1f} % of the stride. Peak hip contact force: right "
            f"{float(np.max(self.hip_contact_force_right_bw)):.2f} × BW, left "
            f"{float(np.max(self.hip_contact_force_left_bw)):.2f} × BW. In right single "
            f"support the left lower back pulls up to {float(np.max(lum_l[rs])):.2f} × BW and "
            f"the right up to {float(np.max(lum_r[rs])):.2f} × BW; in left single support "
            f"the right up to {float(np.max(lum_r[ls])):.2f} × BW and the left up to "
            f"{float(np.max(lum_l[ls])):.2f} × BW. In right single support the left side of "
            f"the pelvis {_dip(float(np.max(drop[rs])))}; in left single support the right "
            f"side {_dip(float(np.max(-drop[ls])))} (the healthy list the muscles aim for: "
            f"{self.inputs.pelvic_list_deg:.1f}°)."
        )
        weak = [s for s in SIDES if np.any(getattr(self, f"abductors_at_capacity_{s}"))]
        if weak:
            text += (
                " The " + " and ".join(weak) + " hip abductors reach 100 % of their capacity: "
                "the pelvis drops until the load eases or stretched tissue holds it "
                "(a Trendelenburg sign)."
            )
        if not self.feasible:
            text += f" This stride cannot be walked as set: {self.reason}."
        return text


def _dip(largest_drop_deg: float) -> str:
    """Words for the largest drop of a swing side: drops, stays level or stays up."""
    if largest_drop_deg >= DROP_VISIBLE_DEG:
        return f"drops up to {largest_drop_deg:.1f}°"
    if largest_drop_deg <= -DROP_VISIBLE_DEG:
        return f"stays at least {-largest_drop_deg:.1f}° up"
    return "stays level"


# --- The solver ---------------------------------------------------------------
def solve_walk(inp: WalkInput | None = None, /, **changes) -> WalkResult:
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
    half = n // 2
    # One leg's stride in its own time (its heel strike at 0 %); the other leg
    # is the same arrays shifted by half a stride, so a symmetric person is
    # exactly symmetric.
    leg_pct = np.arange(n) * (100.0 / n)
    share = load_share(leg_pct, ds)
    load = vertical_load_total(leg_pct, inp.speed_ms) * share

    legs = {side: _quasi_static_leg(inp, body, side, leg_pct, load, ratio) for side in SIDES}
    delta, settled = np.zeros(n), True
    if any(leg["needs_dynamics"] for leg in legs.values()):
        delta, settled = _pelvis_dynamics(legs, body, share, 1.0 / inp.catch_time_s, stride / n)
    for leg in legs.values():
        _leg_forces(leg, body, share)

    def cycle(side: str, values: np.ndarray) -> np.ndarray:
        """Leg-time values -> cycle frames (0..100 % inclusive)."""
        values = np.asarray(values)
        if side == "left":
            values = np.roll(values, half)
        return np.concatenate([values, values[:1]])

    r, left = legs["right"], legs["left"]
    share_r, share_l = cycle("right", share), cycle("left", share)
    lean = share_r * cycle("right", r["lean"]) - share_l * cycle("left", left["lean"])
    # The pelvis is one body: its obliquity is the same seen from either hip.
    obliquity = np.where(
        share_r >= share_l, cycle("right", r["drop"]), -cycle("left", left["drop"])
    )
    delta = np.concatenate([delta, delta[:1]])
    bend = lumbar_side_bend_passive_moment(
        lean + obliquity, mass_kg=body.mass_kg, height_m=body.height_m
    )[0]
    lumbar_left_moment = cycle("right", r["lumbar"]) - cycle("left", left["lumbar"]) - bend
    arm = float(body.lumbar_arm_m)
    lumbar_left = np.maximum(lumbar_left_moment, 0.0) / arm
    lumbar_right = np.maximum(-lumbar_left_moment, 0.0) / arm
    lumbar_cap = float(body.lumbar_max_n)
    grf_r, grf_l = cycle("right", load), cycle("left", load)
    down = leg_pct < 50.0 + ds  # this leg's foot is on the ground
    pct = np.concatenate([leg_pct, [100.0]])
    feasible, reason = _stride_feasibility(legs, settled, lumbar_left_moment, lumbar_cap * arm)

    def frozen(values: np.ndarray) -> np.ndarray:
        values = np.array(values)
        values.setflags(write=False)
        return values

    return WalkResult(
        inputs=inp,
        body_weight_n=float(body.body_weight_n),
        stride_time_s=stride,
        stance_pct=stance,
        double_support_pct=ds,
        lateral_grf_ratio=ratio,
        gait_cycle_pct=frozen(pct),
        time_s=frozen(pct / 100.0 * stride),
        right_foot_down=frozen(cycle("right", down)),
        left_foot_down=frozen(cycle("left", down)),
        vertical_grf_right_bw=frozen(grf_r),
        vertical_grf_left_bw=frozen(grf_l),
        com_lateral_acceleration_ms2=frozen(ratio * GRAVITY * (grf_l - grf_r)),
        trunk_lean_deg=frozen(np.degrees(lean)),
        pelvic_drop_deg=frozen(np.degrees(obliquity)),
        pelvic_drop_dynamic_deg=frozen(np.degrees(delta)),
        glute_med_force_right_n=frozen(cycle("right", r["glute_med"])),
        glute_med_force_left_n=frozen(cycle("left", left["glute_med"])),
        glute_med_activation_right_pct=frozen(cycle("right", r["glute_med_pct"])),
        glute_med_activation_left_pct=frozen(cycle("left", left["glute_med_pct"])),
        glute_min_tfl_force_right_n=frozen(cycle("right", r["glute_min_tfl"])),
        glute_min_tfl_force_left_n=frozen(cycle("left", left["glute_min_tfl"])),
        abductors_at_capacity_right=frozen(cycle("right", r["at_capacity"])),
        abductors_at_capacity_left=frozen(cycle("left", left["at_capacity"])),
        lumbar_left_force_n=frozen(lumbar_left),
        lumbar_right_force_n=frozen(lumbar_right),
        lumbar_left_activation_pct=frozen(100.0 * lumbar_left / lumbar_cap),
        lumbar_right_activation_pct=frozen(100.0 * lumbar_right / lumbar_cap),
        hip_contact_force_right_n=frozen(cycle("right", r["hip"])),
        hip_contact_force_left_n=frozen(cycle("left", left["hip"])),
        stance_right=r["stance"],
        stance_left=left["stance"],
        converged=settled,
        feasible=feasible,
        reason=reason,
    )


def _stride_feasibility(legs: dict, settled: bool, lumbar_moment, lumbar_capacity) -> tuple:
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


def _geometry(body: BodyModel) -> dict:
    names = ("half_hip_distance_m", "l5s1_height_m", "pelvis_com_height_m", "trunk_com_m",
             "pelvis_mass_kg", "leg_mass_kg", "trunk_mass_kg")  # fmt: skip
    el, hl, yp, rt, mp, ml, mt = (float(getattr(body, name)) for name in names)
    return {"el": el, "hl": hl, "yp": yp, "rt": rt, "mp": mp, "ml": ml, "mt": mt}


def _pelvis_inertia(geo: dict, lean: np.ndarray) -> np.ndarray:
    """Moment of inertia of the body above the stance hip about that hip. [kg·m²]

    The pelvis is a point mass at its COM turning with the drop; the swing
    leg (hanging vertically) and the trunk (keeping its lean) translate with
    the swing hip and with L5-S1. For a translating segment the effective
    inertia is mass x (its COM position) . (position of the point it moves
    with), both from the stance hip. The pelvis' own rotational inertia is
    neglected (small next to the trunk term). Evaluated at zero drop.
    """
    el, hl, yp, rt = geo["el"], geo["hl"], geo["yp"], geo["rt"]
    trunk_x, trunk_y = el - rt * np.sin(lean), hl + rt * np.cos(lean)
    return (
        geo["mp"] * (el**2 + yp**2)
        + geo["ml"] * (2.0 * el) ** 2
        + geo["mt"] * (el * trunk_x + hl * trunk_y)
    )


def _list_profile(leg_pct: np.ndarray, amplitude_deg: float) -> np.ndarray:
    """Healthy pelvic list of one leg in its own time: drop of its swing side. [rad]

    One sinusoid per stride, largest swing-side drop at ``LIST_PEAK_PCT``
    (loading response into early single support), level at
    ``LIST_PEAK_PCT`` - 25 and + 25 %, the swing side highest half a stride
    later (when the other leg carries the body). Exactly antisymmetric
    under a half-stride shift, so left and right mirror each other.
    """
    phase = 2.0 * math.pi * (np.asarray(leg_pct, dtype=float) - LIST_PEAK_PCT + 25.0) / 100.0
    return math.radians(amplitude_deg) * np.sin(phase)


def _quasi_static_leg(
    inp: WalkInput,
    body: BodyModel,
    side: str,
    leg_pct: np.ndarray,
    load: np.ndarray,
    ratio: float,
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
        target = _list_profile(leg_pct, inp.pelvic_list_deg)

        def cost(cc, lean):
            return held_pelvis_cost(cc, lean, target.reshape(target.shape + (1,) * (lean.ndim - 1)))

        lean = best_lean(c, cost)[0]
    else:
        res = solve_stance(stance_input)
        lean = np.radians(res.trunk_lean_deg)
        target = np.radians(res.pelvic_drop_deg)
    k_abd = c.k_gm + c.k_gt
    demand = held_pelvis_demand(c, lean, target)
    return {
        "side": side,
        "sign": 1.0 if side == "right" else -1.0,  # drop about this hip = sign x obliquity
        "input": stance_input,
        "c": c,
        "lean": lean,
        "drop_qs": target,
        "active": demand,  # net active hip moment the aimed-for posture needs [N·m]
        "k_abd": k_abd,
        "needs_dynamics": bool(
            inp.pelvic_dynamics and (np.any(demand > k_abd) or np.any(demand < -c.k_add))
        ),
    }


def _pelvis_dynamics(
    legs: dict, body: BodyModel, share: np.ndarray, omega: float, frame_time: float
) -> tuple[np.ndarray, bool]:
    """Integrate the frontal-plane pelvis over a periodic stride.

    One state, the extra pelvic obliquity delta (left side lower positive)
    on top of the aimed-for posture; leg i (sign +1 right, -1 left) sees the
    drop theta_i = drop_qs_i + sign_i delta about its hip. Its demand is the
    core's net active hip moment at that drop (its moment balance with the
    passive hip tissues at the hip adduction theta_i + femur_i); its
    abductors deliver demand + s_i I_i (omega**2 e + 2 omega e'), e =
    sign_i delta, clipped to [-adductor, +abductor capacity]. The pelvis is
    one body:

        (s_R I_R + s_L I_L) delta'' = (D_R - M_R) - (D_L - M_L).

    Without saturation this is delta'' = -(omega**2 delta + 2 omega delta'),
    so delta stays exactly 0. The ends of the hip's range are hard stops
    (the pelvis stops there). Coefficients are linear between frames;
    semi-implicit Euler with steps <= 1 ms; strides are repeated until the
    state at the end equals the state at the start (``_PERIODIC_TOL``), at
    most ``_MAX_STRIDES`` times.

    For a mirror-symmetric person the equation is exactly antisymmetric
    under a half-stride shift, so its periodic solution satisfies
    delta(t + T/2) = -delta(t); it is then found on half a stride and the
    second half is the mirror of the first (exact symmetry).

    Stores per leg (in its own time) ``extra``, ``rate``, ``accel`` (of the
    drop about its hip), ``moment`` (delivered active hip moment),
    ``at_capacity`` and ``at_stop``; returns delta per frame [rad] and
    whether the stride repetition settled.
    """
    geo = _geometry(body)
    right, left = legs["right"], legs["left"]
    n = share.size
    half = n // 2
    substeps = max(1, math.ceil(frame_time / _MAX_STEP_S))
    h = frame_time / substeps
    frac = np.arange(substeps) / substeps

    def leg_arrays(leg: dict) -> list[np.ndarray]:
        c = leg["c"]
        lean = leg["lean"]
        arrays = [
            c.a0 + c.bs * np.sin(lean) + c.bc * np.cos(lean),
            c.ac,
            c.as_,
            c.femur,
            leg["drop_qs"],
            share * _pelvis_inertia(geo, lean),
            c.k_gm + c.k_gt,
            c.k_add,
        ]
        return [np.broadcast_to(np.asarray(a, dtype=float), (n,)) for a in arrays]

    per_leg = {side: leg_arrays(legs[side]) for side in SIDES}
    symmetric = all(
        np.array_equal(a, b) for a, b in zip(per_leg["right"], per_leg["left"], strict=True)
    )

    add_end, abd_end = math.radians(HIP_ADDUCTION_RANGE_DEG), math.radians(HIP_ABDUCTION_RANGE_DEG)

    def substep_rows(arrays: list[np.ndarray], shift: int) -> list[tuple]:
        """Per substep: base, ac, as, femur + drop_qs, inertia, capacities."""
        columns = []
        for a in arrays:
            a = np.roll(a, shift)  # leg time -> cycle frames
            step = np.roll(a, -1) - a
            columns.append((a[:, None] + frac[None, :] * step[:, None]).ravel())
        return list(zip(*(c.tolist() for c in columns), strict=True))

    cr = substep_rows(per_leg["right"], 0)
    cl = substep_rows(per_leg["left"], half)
    # The hard stops: range of delta both hips allow at each substep.
    bounds = [
        (max(-abd_end - r[3] - r[4], -(add_end - q[3] - q[4])),
         min(add_end - r[3] - r[4], abd_end + q[3] + q[4]))
        for r, q in zip(cr, cl, strict=True)
    ]  # fmt: skip
    scale = float(
        hip_passive_scale(mass_kg=body.mass_kg, hip_distance_m=2 * body.half_hip_distance_m)
    )
    w2, w2z = omega * omega, 2.0 * omega
    cos, sin = math.cos, math.sin
    passive = hip_passive_lookup

    def residual(row, e, e_rate):
        """Demand minus delivered moment of one leg, delivered, at capacity."""
        base, ac, as_, femur, qs, inertia, cap_a, cap_d = row
        theta = qs + e
        demand = base + ac * cos(theta) + as_ * sin(theta) - passive(theta + femur, scale)
        wanted = demand + inertia * (w2 * e + w2z * e_rate)
        if wanted > cap_a:
            return demand - cap_a, cap_a, True
        if wanted < -cap_d:
            return demand + cap_d, -cap_d, False
        return demand - wanted, wanted, False

    def acceleration(j, delta, rate):
        row_r, row_l = cr[j], cl[j]
        res_r, m_r, sat_r = residual(row_r, delta, rate)
        res_l, m_l, sat_l = residual(row_l, -delta, -rate)
        return (res_r - res_l) / (row_r[5] + row_l[5]), m_r, m_l, sat_r, sat_l

    record = [[0.0] * n for _ in range(8)]

    def run(frames: range, delta: float, rate: float) -> tuple[float, float]:
        for k in frames:
            j0 = k * substeps
            stopped = False
            values = (delta, rate, *acceleration(j0, delta, rate))
            for s in range(substeps):
                rate += h * acceleration(j0 + s, delta, rate)[0]
                delta += h * rate
                lo, hi = bounds[j0 + s]
                if delta > hi or delta < lo:  # a hard stop: the pelvis stops there
                    delta = min(max(delta, lo), hi)
                    rate = 0.0
                    stopped = True
            for row, value in zip(record, (*values, stopped), strict=True):
                row[k] = value
        return delta, rate

    state = (0.0, 0.0)
    frames = range(half) if symmetric else range(n)
    settled = False
    for _ in range(_MAX_STRIDES):
        end = run(frames, *state)
        if symmetric:
            end = (-end[0], -end[1])  # antiperiodic: the mirror of half a stride
        settled = (
            abs(end[0] - state[0]) < _PERIODIC_TOL[0] and abs(end[1] - state[1]) < _PERIODIC_TOL[1]
        )
        state = end
        if settled:
            break
    delta, rate, accel, m_r, m_l, sat_r, sat_l, stop = (np.array(row) for row in record)
    if symmetric:  # second half = mirror image of the first
        first = slice(0, half)
        delta[half:], rate[half:], accel[half:] = -delta[first], -rate[first], -accel[first]
        m_r[half:], m_l[half:] = m_l[first].copy(), m_r[first].copy()
        sat_r[half:], sat_l[half:] = sat_l[first].copy(), sat_r[first].copy()
        stop[half:] = stop[first].copy()
    for leg, moment, saturated in ((right, m_r, sat_r), (left, m_l, sat_l)):
        shift = 0 if leg is right else -half  # cycle frames -> leg time
        sign = leg["sign"]
        leg["extra"] = np.roll(sign * delta, shift)
        leg["rate"] = np.roll(sign * rate, shift)
        leg["accel"] = np.roll(sign * accel, shift)
        leg["moment"] = np.roll(moment, shift)
        leg["at_capacity"] = np.roll(saturated, shift).astype(bool)
        leg["at_stop"] = np.roll(stop, shift).astype(bool)
    return delta, settled


def _leg_forces(leg: dict, body: BodyModel, share: np.ndarray) -> None:
    """Muscle and joint forces of one leg in the posture the stride reaches."""
    dynamic = "moment" in leg
    drop = leg["drop_qs"] + (leg["extra"] if dynamic else 0.0)
    res = result_at_posture(
        leg["input"], leg["lean"], drop, delivered_hip=leg["moment"] if dynamic else None
    )
    leg["stance"] = res
    leg["drop"] = drop
    leg["glute_med"] = np.asarray(res.glute_med_force_n, dtype=float)
    leg["glute_min_tfl"] = np.asarray(res.glute_min_tfl_force_n, dtype=float)
    leg["glute_med_pct"] = np.asarray(res.glute_med_activation_pct, dtype=float)
    leg["at_capacity"] = np.asarray(res.abductors_at_capacity) & (share > 0)
    hip_x = np.asarray(res.hip_contact_force_x_n, dtype=float)
    hip_y = np.asarray(res.hip_contact_force_y_n, dtype=float)
    lumbar = np.asarray(res.lumbar_moment_nm, dtype=float)
    if dynamic:
        inertial_x, inertial_y, trunk = _inertial_loads(leg, body, share, drop)
        hip_x, hip_y, lumbar = hip_x + inertial_x, hip_y + inertial_y, lumbar + trunk
    leg["hip"] = np.hypot(hip_x, hip_y)
    leg["lumbar"] = lumbar  # moment the trunk needs at L5-S1, muscles and passive tissue


def _inertial_loads(leg: dict, body: BodyModel, share: np.ndarray, drop: np.ndarray):
    """Mass-acceleration of the segments the moving pelvis carries (this leg's share).

    Returns the extra hip force components [N] and the extra moment the trunk
    needs at L5-S1 for its own acceleration [N·m] (positive: the swing
    side's lumbar muscles pull), per frame of the leg.
    """
    geo = _geometry(body)
    el, hl, yp, rt = geo["el"], geo["hl"], geo["yp"], geo["rt"]
    mp, ml, mt = geo["mp"] * share, geo["ml"] * share, geo["mt"] * share
    rate, accel, lean = leg["rate"], leg["accel"], leg["lean"]
    sd, cd = np.sin(drop), np.cos(drop)

    def moving(x, y):  # acceleration of a pelvis-fixed point at the current drop
        px, py = x * cd + y * sd, -x * sd + y * cd
        return accel * py - rate**2 * px, -accel * px - rate**2 * py

    a_pelvis, a_leg, a_l5 = moving(el, yp), moving(2.0 * el, 0.0), moving(el, hl)
    inertial_x = mp * a_pelvis[0] + ml * a_leg[0] + mt * a_l5[0]
    inertial_y = mp * a_pelvis[1] + ml * a_leg[1] + mt * a_l5[1]
    # d'Alembert force of the translating trunk at its COM, moment about L5-S1
    # (counter-clockwise positive, as in the core's lumbar balance).
    fx, fy = -mt * a_l5[0], -mt * a_l5[1]
    trunk = (-rt * np.sin(lean)) * fy - (rt * np.cos(lean)) * fx
    return inertial_x, inertial_y, trunk
