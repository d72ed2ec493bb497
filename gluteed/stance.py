"""Single-leg stance: a two-segment frontal-plane model with muscle choice.

The model
---------
Seen from the front, with the stance hip centre as origin and *x* positive
toward the swing side:

* **Pelvis + swing leg** pivot on the stance hip. The pelvis may drop on the
  swing side by the *pelvic drop* angle; the swing leg hangs vertically from
  the swing hip.
* **Stance leg**: balance on one foot puts the foot under the body, so the
  stance femur leans in (hip adduction of a few degrees,
  :func:`stance_femur_adduction`). The hip's adduction is that angle plus
  the pelvic drop.
* **Trunk** (head, arms, upper and middle trunk) pivots on L5-S1 and may lean
  toward the stance side by the *trunk lean* angle, measured from vertical;
  the lumbar spine's side bend is the lean plus the drop.
* **Muscles**: two stance-side hip abductor groups (gluteus medius; gluteus
  minimus + tensor fasciae latae), the stance-side hip adductors, and the
  left and right lumbar lateral flexors (quadratus lumborum with the lumbar
  erector spinae), each with a capacity (maximum force) and moment arm. No
  muscle ever works above 100 % of its capacity.
* **Passive tissue and ranges** (:mod:`gluteed.tissues`, every constant
  cited there): the stretched hip abductors and adductors and the hip
  capsule resist hip adduction and abduction, stiffening toward the ends of
  the hip's range; the lumbar spine resists side bending. No posture goes
  past the hip's adduction (27 deg) or abduction range or the lumbar side
  bend range (28 deg).
* **Loads**: body segments, a bag in one hand (its weight hangs from the
  shoulder, so it loads the trunk and L5-S1), a cane in the hand opposite the
  stance leg (ASSUMPTION: pushing down on a cane is done with triceps and
  latissimus dorsi, which runs from the humerus to the iliac crest, so the
  push reaches the pelvis without bending the lumbar spine), and, for walking
  frames, a vertical load factor and a lateral acceleration of the body
  (quasi-static, d'Alembert).

The pelvis rule and the choice rule
-----------------------------------
Equilibrium of the two segments fixes the *net* muscle moment at the hip and
at L5-S1 for any posture, but not the posture or how muscles share a moment.
Two explicit rules settle them:

1. **The pelvis rule.** The pelvis stays level while the hip muscles can hold
   it level at the chosen trunk lean. Where the abductors at 100 % cannot,
   the swing side drops, as far as gravity takes it and no further: to the
   smallest drop at which the abductors at 100 % and the stretched passive
   tissue hold it (a Trendelenburg sign; symmetrically, a hike where the
   adductors cannot hold a cane's or a bag's push). Dropping the swing side
   first makes the hip's job *harder* (L5-S1 and the trunk move toward the
   swing side), so the pelvis falls until the stiffening tissue catches it;
   where the end of the hip's range comes first, the posture cannot be held.
2. **The choice rule.** Like static optimisation (Crowninshield & Brand
   1981), the person picks the trunk lean, and the muscles share each moment,
   so that

       J = sum over muscles of activation**p
           + (trunk_lean / lean_tolerance)**2 + (pelvic_drop / drop_tolerance)**2

   is least, with every activation = force / capacity at most 1. The two
   tolerances are the posture cost: a lean equal to ``lean_tolerance`` costs
   as much as one muscle working at 100 %.

Nothing routes a "deficit" anywhere: when the gluteus medius gets weaker, its
activation becomes more expensive, the optimum moves toward leaning over the
stance hip (which the other side's lower back must then hold), and once the
abductors are at 100 % the only ways left are more lean or a dropped pelvis
held by tissue. Where no lean within the lumbar range gives a posture that
can be held, ``feasible`` is False and ``reason`` says why in plain words.

For a given posture the muscle sharing has a closed form. The postures the
pelvis rule allows form one curve in (lean, drop) whose pieces have closed
forms (for a dropped pelvis, the leans at which the abductors at 100 % just
hold each drop); the search samples that curve and refines the best sample
along its piece by a safeguarded Newton search, vectorised over scenarios.
The two rules and the search are in :mod:`gluteed.posture`; this module
builds each scenario's numbers, solves it and reports the forces.

Assumptions worth teaching: static (or quasi-static), frontal plane only,
lumped muscles with fixed lines of action, a rigid trunk and pelvis, a
straight stance leg, frictionless joints. Measured people do *not* always
compensate (Kendall et al. 2013 and Pohl et al. 2015 blocked the abductors
without a change in drop or lean on average), so the tolerances are inputs a
student can change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import ClassVar

import numpy as np

from ._results import Result, flags, plain, texts
from ._validation import BOUND_ROUNDING, check_shapes, scenario
from .anthropometry import (
    ABDUCTOR_LINE_FROM_VERTICAL_DEG,
    ADDUCTOR_LINE_FROM_VERTICAL_DEG,
    GRAVITY,
    HIP_HEIGHT_PER_HEIGHT,
    BodyModel,
    Subject,
    body_model,
)
from .parameters import check, parameter
from .posture import (
    Coefficients,
    hip_active,
    lumbar_active,
    optimise_posture,
    posture_cost,
    share_abductors,
)
from .tissues import (
    HIP_ABDUCTION_RANGE_DEG,
    HIP_ADDUCTION_RANGE_DEG,
    LUMBAR_SIDE_BEND_RANGE_DEG,
)

__all__ = [
    "ACTIVATION_FIELDS",
    "BAG_SIDES",
    "SIDES",
    "STRATEGIES",
    "StanceInput",
    "StanceResult",
    "muscle_capacities",
    "solve_stance",
    "stance_femur_adduction",
]

SIDES = parameter("stance_side").choices
BAG_SIDES = parameter("bag_side").choices

#: Numeric fields of StanceInput, each checked against its declaration in
#: :mod:`gluteed.parameters`.
NUMBER_FIELDS = (
    "glute_med_strength_right",
    "glute_med_strength_left",
    "glute_med_availability",
    "bag_kg",
    "cane_pct_bw",
    "vertical_load_factor",
    "lateral_acceleration_ms2",
    "lean_tolerance_deg",
    "drop_tolerance_deg",
    "activation_exponent",
)
_OPTIONAL = ("lean_tolerance_deg", "drop_tolerance_deg")

#: Compensation strategies: (trunk-lean tolerance, pelvic-drop tolerance) in
#: degrees. ASSUMPTION (a modelling choice, not a measurement). "balanced"
#: keeps lean and drop within about 1 deg at full strength, as in healthy
#: one-legged stance; "lean" makes leaning cheap (a Duchenne compensator);
#: "upright" keeps the trunk upright at almost any cost (no compensation,
#: as after the nerve blocks of Kendall et al. 2013 and Pohl et al. 2015).
STRATEGIES = {
    "balanced": (8.0, 3.0),
    "lean": (20.0, 3.0),
    "upright": (1.5, 10.0),
}

_DEG = np.pi / 180.0
_HIP_ADD = HIP_ADDUCTION_RANGE_DEG * _DEG
_HIP_ABD = HIP_ABDUCTION_RANGE_DEG * _DEG
_LUMBAR_BEND = LUMBAR_SIDE_BEND_RANGE_DEG * _DEG

#: The smallest pelvic drop that words and figures call a drop; below it the
#: pelvis is "level". ASSUMPTION: half a degree, well below what an observer
#: sees (a positive Trendelenburg sign is about 2 cm at the iliac crests,
#: 4-5 deg). [deg]
DROP_VISIBLE_DEG = 0.5

#: Heaviest bag accepted, as a fraction of body mass. ASSUMPTION: beyond
#: about 30 % of body mass in one hand the small-angle, quasi-static picture
#: of this model stops being a fair description of how people stand.
MAX_BAG_FRACTION = 0.30


def _check_bag_against_mass(bag_kg, mass_kg) -> None:
    check_shapes("stance", {"subject.mass_kg": mass_kg, "bag_kg": bag_kg})
    # A bag of exactly MAX_BAG_FRACTION of the mass is allowed, also where
    # mass * fraction rounds below the typed bag (e.g. 9.3 kg for 31 kg).
    heavy = np.greater(bag_kg, np.multiply(mass_kg, MAX_BAG_FRACTION) * (1.0 + BOUND_ROUNDING))
    if np.any(heavy):
        bag = np.broadcast_to(bag_kg, heavy.shape)[heavy].flat[0]
        mass = np.broadcast_to(mass_kg, heavy.shape)[heavy].flat[0]
        raise ValueError(
            f"bag = {bag:g} kg is out of range: allowed from 0 to {mass * MAX_BAG_FRACTION:.3g} kg "
            f"({MAX_BAG_FRACTION:.0%} of the body mass, {mass:g} kg)"
        )


@dataclass(frozen=True, kw_only=True)
class StanceInput:
    """One single-leg-stance scenario (numbers may be arrays for a batch).

    Parameters
    ----------
    subject : Subject
        Body mass, stature and sex.
    stance_side : {"right", "left"}
        The leg the person stands on.
    glute_med_strength_right, glute_med_strength_left : float
        Gluteus medius strength as a percentage of normal for this body
        size, 0 to 100; it scales the gluteus minimus too (see
        :func:`muscle_capacities`). Only the stance side's matters here. [%]
    glute_med_availability : float
        Fraction of the remaining gluteus medius strength that can be used,
        0 to 1 (1 = all). A hook for hypotheses that reduce access to the
        muscle, such as "tight hamstrings inhibit the glutes". [-]
    bag_kg : float
        Mass of a bag carried in one hand, 0 to 40 and at most 30 % of body
        mass. [kg]
    bag_side : {"same", "opposite"}
        Hand that carries the bag, relative to the stance leg.
    cane_pct_bw : float
        Upward push of a cane held in the hand opposite the stance leg, as a
        percentage of body weight, 0 to 30 (people rarely put more than about
        20 % on a cane; Brand & Crowninshield 1980 [@brand1980]). [%]
    vertical_load_factor : float
        Vertical ground reaction / body weight, 0 to 2 (1 = standing still;
        walking frames use the measured profile). [-]
    lateral_acceleration_ms2 : float
        Acceleration of the body toward the swing side, -3 to 3 (0 = standing
        still). [m/s^2]
    strategy : {"balanced", "lean", "upright"}
        Named pair of posture tolerances (see ``STRATEGIES``); ignored for a
        tolerance given explicitly.
    lean_tolerance_deg, drop_tolerance_deg : float or None
        Posture cost: the trunk lean (pelvic drop) that costs as much as one
        muscle working at 100 %, 0.5 to 30 (0.5 to 10 for the drop). [deg]
    activation_exponent : float
        Power of the activations in the choice rule, 2 to 4: 3 is
        Crowninshield & Brand's (1981) endurance criterion, 2 the common sum
        of squares. [-]
    """

    subject: Subject = field(default_factory=Subject)
    stance_side: str = "right"
    glute_med_strength_right: float = 100.0
    glute_med_strength_left: float = 100.0
    glute_med_availability: float = 1.0
    bag_kg: float = 0.0
    bag_side: str = "opposite"
    cane_pct_bw: float = 0.0
    vertical_load_factor: float = 1.0
    lateral_acceleration_ms2: float = 0.0
    strategy: str = "balanced"
    lean_tolerance_deg: float | None = None
    drop_tolerance_deg: float | None = None
    activation_exponent: float = 3.0

    def __post_init__(self) -> None:
        if not isinstance(self.subject, Subject):
            raise ValueError(f"subject must be a gluteed.Subject; got {self.subject!r}")
        put = object.__setattr__
        for name in ("stance_side", "bag_side", "strategy"):
            put(self, name, check(name, getattr(self, name)))
        for name in NUMBER_FIELDS:
            value = getattr(self, name)
            if value is not None or name not in _OPTIONAL:  # None: left to the strategy
                put(self, name, check(name, value))
        _check_bag_against_mass(self.bag_kg, self.subject.mass_kg)

    @property
    def lean_tolerance(self) -> float | np.ndarray:
        """Trunk-lean tolerance in force: the explicit one, else the strategy's. [deg]"""
        if self.lean_tolerance_deg is not None:
            return self.lean_tolerance_deg
        return STRATEGIES[self.strategy][0]

    @property
    def drop_tolerance(self) -> float | np.ndarray:
        """Pelvic-drop tolerance in force: the explicit one, else the strategy's. [deg]"""
        if self.drop_tolerance_deg is not None:
            return self.drop_tolerance_deg
        return STRATEGIES[self.strategy][1]

    @property
    def stance_strength_pct(self) -> float | np.ndarray:
        """Gluteus medius strength of the stance leg. [%]"""
        return getattr(self, f"glute_med_strength_{self.stance_side}")

    def mirrored(self) -> StanceInput:
        """The same scenario standing on the other leg (strengths swapped)."""
        return replace(
            self,
            stance_side="left" if self.stance_side == "right" else "right",
            glute_med_strength_right=self.glute_med_strength_left,
            glute_med_strength_left=self.glute_med_strength_right,
        )


#: The activations of a stance result, one per muscle group [%]; none ever
#: exceeds 100.
ACTIVATION_FIELDS = (
    "glute_med_activation_pct",
    "glute_min_tfl_activation_pct",
    "hip_adductor_activation_pct",
    "lumbar_contralateral_activation_pct",
    "lumbar_ipsilateral_activation_pct",
)

# Names of the per-scenario numeric results, with their units, in output order.
_RESULT_UNITS = {
    "trunk_lean_deg": "deg",
    "pelvic_drop_deg": "deg",
    "hip_adduction_deg": "deg",
    "stance_femur_adduction_deg": "deg",
    "lumbar_side_bend_deg": "deg",
    "glute_med_force_n": "N",
    "glute_min_tfl_force_n": "N",
    "hip_adductor_force_n": "N",
    "hip_passive_moment_nm": "N·m",
    "lumbar_contralateral_force_n": "N",
    "lumbar_ipsilateral_force_n": "N",
    "lumbar_passive_moment_nm": "N·m",
    "glute_med_activation_pct": "%",
    "glute_min_tfl_activation_pct": "%",
    "hip_adductor_activation_pct": "%",
    "lumbar_contralateral_activation_pct": "%",
    "lumbar_ipsilateral_activation_pct": "%",
    "hip_moment_nm": "N·m",
    "lumbar_moment_nm": "N·m",
    "hip_contact_force_n": "N",
    "hip_contact_force_x_n": "N",
    "hip_contact_force_y_n": "N",
    "hip_contact_angle_deg": "deg",
    "l5s1_compression_n": "N",
    "l5s1_shear_n": "N",
    "hip_unsupported_moment_nm": "N·m",
    "lumbar_unsupported_moment_nm": "N·m",
    "hip_residual_nm": "N·m",
    "lumbar_residual_nm": "N·m",
    "cost": "-",
}


@dataclass(frozen=True, kw_only=True)
class StanceResult(Result):
    """What the muscles and joints do, and the posture chosen.

    All arrays share the batch shape of the input (0-d for one scenario).
    Forces in N, moments in N·m, angles in degrees; ``*_bw`` properties give
    forces in multiples of body weight. "Contralateral" is the swing side,
    "ipsilateral" the stance side; ``lumbar_left_force_n`` and
    ``lumbar_right_force_n`` name them by body side.

    Angles: ``trunk_lean_deg`` is positive toward the stance side,
    ``pelvic_drop_deg`` positive when the swing side is lower.
    ``hip_contact_angle_deg`` is the angle of the hip force on the pelvis from
    vertical, positive when it points medially (toward the swing side).
    ``l5s1_shear_n`` is positive when the pelvis pushes the trunk toward the
    swing side.
    """

    inputs: StanceInput
    body_weight_n: np.ndarray
    trunk_lean_deg: np.ndarray
    pelvic_drop_deg: np.ndarray
    hip_adduction_deg: np.ndarray
    stance_femur_adduction_deg: np.ndarray
    lumbar_side_bend_deg: np.ndarray
    glute_med_force_n: np.ndarray
    glute_min_tfl_force_n: np.ndarray
    hip_adductor_force_n: np.ndarray
    hip_passive_moment_nm: np.ndarray
    lumbar_contralateral_force_n: np.ndarray
    lumbar_ipsilateral_force_n: np.ndarray
    lumbar_passive_moment_nm: np.ndarray
    glute_med_activation_pct: np.ndarray
    glute_min_tfl_activation_pct: np.ndarray
    hip_adductor_activation_pct: np.ndarray
    lumbar_contralateral_activation_pct: np.ndarray
    lumbar_ipsilateral_activation_pct: np.ndarray
    hip_moment_nm: np.ndarray
    lumbar_moment_nm: np.ndarray
    hip_contact_force_n: np.ndarray
    hip_contact_force_x_n: np.ndarray
    hip_contact_force_y_n: np.ndarray
    hip_contact_angle_deg: np.ndarray
    l5s1_compression_n: np.ndarray
    l5s1_shear_n: np.ndarray
    hip_unsupported_moment_nm: np.ndarray
    lumbar_unsupported_moment_nm: np.ndarray
    hip_residual_nm: np.ndarray
    lumbar_residual_nm: np.ndarray
    cost: np.ndarray
    feasible: np.ndarray
    reason: np.ndarray
    converged: np.ndarray
    iterations: int

    UNITS: ClassVar[dict[str, str]] = _RESULT_UNITS
    SHAPE_FIELD: ClassVar[str] = "trunk_lean_deg"

    # ---- convenient views -------------------------------------------------
    @property
    def stance_side(self) -> str:
        return self.inputs.stance_side

    @property
    def abductor_force_n(self) -> np.ndarray:
        """Active hip abductor force: gluteus medius + minimus/TFL. [N]"""
        return self.glute_med_force_n + self.glute_min_tfl_force_n

    @property
    def over_capacity(self) -> np.ndarray:
        """True where no posture within the joints' ranges can be held (``~feasible``).

        No muscle is ever asked for more than 100 % of its capacity: where
        the muscles cannot hold a posture, the pelvis drops (or hikes) until
        passive tissue helps, and where even that is not enough the scenario
        is not feasible and ``reason`` says why.
        """
        return ~np.asarray(self.feasible, dtype=bool)

    @property
    def abductors_at_capacity(self) -> np.ndarray:
        """True where the hip abductors together work at 100 % of their capacity."""
        total = self.glute_med_force_n + self.glute_min_tfl_force_n
        caps = muscle_capacities(self.inputs)
        capacity = caps["glute_med"] + caps["glute_min_tfl"]
        return np.asarray(total >= capacity * (1.0 - 1e-9))

    @property
    def trendelenburg(self) -> np.ndarray:
        """True where the swing side of the pelvis drops by 0.5 deg or more: the sign is visible."""
        return np.asarray(self.pelvic_drop_deg >= DROP_VISIBLE_DEG)

    @property
    def lumbar_left_force_n(self) -> np.ndarray:
        """Left lumbar lateral-flexor force. [N]"""
        if self.stance_side == "right":
            return self.lumbar_contralateral_force_n
        return self.lumbar_ipsilateral_force_n

    @property
    def lumbar_right_force_n(self) -> np.ndarray:
        """Right lumbar lateral-flexor force. [N]"""
        if self.stance_side == "right":
            return self.lumbar_ipsilateral_force_n
        return self.lumbar_contralateral_force_n

    def to_dict(self) -> dict:
        """Results with units in their key names (floats, or lists for a batch)."""
        inp = self.inputs
        out: dict = {
            "stance_side": inp.stance_side,
            "mass_kg": plain(inp.subject.mass_kg),
            "height_m": plain(inp.subject.height_m),
            "sex": inp.subject.sex,
            "glute_med_strength_pct": plain(inp.stance_strength_pct),
            "glute_med_availability": plain(inp.glute_med_availability),
            "bag_kg": plain(inp.bag_kg),
            "bag_side": inp.bag_side,
            "cane_pct_bw": plain(inp.cane_pct_bw),
            "strategy": inp.strategy,
            "body_weight_n": plain(self.body_weight_n),
        }
        for name in _RESULT_UNITS:
            out[name] = plain(getattr(self, name))
        extra = {
            "abductor_force_n": self.abductor_force_n,
            "lumbar_left_force_n": self.lumbar_left_force_n,
            "lumbar_right_force_n": self.lumbar_right_force_n,
        }
        for name, value in extra.items():
            out[name] = plain(value)
        for name in [k for k in out if k.endswith("_force_n") or k.endswith("_compression_n")]:
            out[name[:-2] + "_bw"] = plain(np.asarray(out[name]) / self.body_weight_n)
        out["l5s1_shear_bw"] = plain(self.l5s1_shear_n / self.body_weight_n)
        out["feasible"], out["converged"] = flags(self.feasible), flags(self.converged)
        out["reason"] = texts(self.reason)
        out["iterations"] = self.iterations
        return out

    def summary(self) -> str:
        """One plain-language sentence about a single scenario."""
        self.one_scenario()
        side = self.stance_side
        other = "left" if side == "right" else "right"
        if not bool(self.feasible):
            missing = [
                f"{abs(float(value)):.0f} N·m at {where}"
                for value, where in (
                    (self.hip_unsupported_moment_nm, "the hip"),
                    (self.lumbar_unsupported_moment_nm, "the lower back"),
                )
                if abs(float(value)) >= 0.5
            ]
            left = (
                f" About {' and '.join(missing)} would be left for nothing to hold."
                if missing
                else ""
            )
            return f"Standing on the {side} leg: {self.reason}.{left}"
        lean = float(self.trunk_lean_deg)
        drop = float(self.pelvic_drop_deg)
        lean_text = (
            f"the trunk leans {lean:.1f}° over the {side} hip"
            if lean >= 0.05
            else (
                "the trunk stays upright" if lean > -0.05 else f"the trunk leans {-lean:.1f}° away"
            )
        )
        if drop >= DROP_VISIBLE_DEG:
            drop_text = (
                f"the {other} side of the pelvis drops {drop:.1f}° until stretched tissue "
                f"helps hold it ({float(self.hip_passive_moment_nm):.0f} N·m; a positive "
                "Trendelenburg sign)"
            )
        elif drop <= -DROP_VISIBLE_DEG:
            drop_text = f"the {other} side of the pelvis hikes {-drop:.1f}°"
        else:
            drop_text = "the pelvis stays level"
        muscle = (
            "the hip abductors work at 100 % of their capacity"
            if bool(self.abductors_at_capacity)
            else (
                f"the {side} gluteus medius works at "
                f"{float(self.glute_med_activation_pct):.0f} % of its capacity"
            )
        )
        return (
            f"Standing on the {side} leg: {muscle}, {lean_text} and "
            f"{drop_text}; the {other} lower back pulls with "
            f"{float(self.lumbar_contralateral_force_bw):.2f} × body weight "
            f"(the {side} with {float(self.lumbar_ipsilateral_force_bw):.2f}); "
            f"hip contact force {float(self.hip_contact_force_bw):.2f} × body weight."
        )


def _loads(inp: StanceInput, body: BodyModel) -> dict:
    """Forces that the posture does not change."""
    lam_g = np.multiply(inp.vertical_load_factor, GRAVITY)
    return {
        "field_y": lam_g,  # effective gravity, downward [m/s^2]
        "field_x": -np.asarray(inp.lateral_acceleration_ms2, dtype=float),  # d'Alembert [m/s^2]
        "bag": np.multiply(inp.bag_kg, lam_g),  # bag weight [N], down
        "bag_sign": 1.0 if inp.bag_side == "opposite" else -1.0,
        "cane": np.multiply(inp.cane_pct_bw, body.body_weight_n) / 100.0,  # [N], up
    }


def muscle_capacities(inp: StanceInput, body: BodyModel | None = None) -> dict[str, np.ndarray]:
    """Maximum force of each muscle group of the stance leg and the back. [N]

    Keys: ``glute_med``, ``glute_min_tfl``, ``adductor``, ``lumbar``.

    Notes
    -----
    The strength input (and the availability hook) scales the gluteus medius
    *and* the gluteus minimus: both are supplied by the superior gluteal
    nerve, lie one under the other, and are weakened together in gluteal
    tendinopathy and after nerve injury. The tensor fasciae latae (also
    supplied by that nerve, but a separate, anterior muscle) keeps its full
    capacity, so a student can see what the remaining abductor can and
    cannot do.
    """
    if body is None:
        body = body_model(inp.subject)
    strength = np.multiply(inp.stance_strength_pct, inp.glute_med_availability) / 100.0
    return {
        "glute_med": body.glute_med_max_n * strength,
        "glute_min_tfl": body.glute_min_max_n * strength + body.tfl_max_n,
        "adductor": body.adductor_max_n,
        "lumbar": body.lumbar_max_n,
    }


def stance_femur_adduction(inp: StanceInput, body: BodyModel) -> np.ndarray:
    """Adduction of the stance femur that puts the foot under the body. [rad]

    Balance on one foot needs the ground reaction to pass through the foot:
    the sum of moments about the foot of every weight (and d'Alembert force,
    bag and cane push) must vanish. With the body upright and the pelvis
    level, that places the foot a few centimetres medial to the stance hip,
    so the stance femur leans in (hip adduction) by a few degrees: about
    5-6 deg for the default adult, in line with a pelvic-on-femoral angle of
    about 83 +/- 3 deg (7 deg of adduction) in single-leg stance.

    ASSUMPTION: evaluated in the upright, level posture; the solved lean
    and drop move the body's centre of mass by a centimetre or two, which a
    foot (about 9 cm wide) absorbs without a new foot position.
    """
    ld = _loads(inp, body)
    fx, fy = ld["field_x"], -np.asarray(ld["field_y"], dtype=float)
    el, hl, yp = body.half_hip_distance_m, body.l5s1_height_m, body.pelvis_com_height_m
    leg_length = HIP_HEIGHT_PER_HEIGHT * body.height_m  # hip centre above the ground
    lc = body.leg_com_below_hip_m
    mt, mp, ml = body.trunk_mass_kg, body.pelvis_mass_kg, body.leg_mass_kg
    # Above the stance hip, upright and level: (x, height above the ground, mass).
    parts = (
        (el, leg_length + hl + body.trunk_com_m, mt),
        (el, leg_length + yp, mp),
        (2 * el, leg_length - lc, ml),
    )
    sum_m = mt + mp + ml
    sum_mx = sum(x * m for x, _y, m in parts)
    sum_my = sum(y * m for _x, y, m in parts)
    bag_x = el + ld["bag_sign"] * body.hand_offset_m
    cane_x = el + body.hand_offset_m
    # The stance leg's own COM sits on the leg, at lc / leg_length of the way to the foot.
    coef = -sum_m * fy - ml * (1.0 - lc / leg_length) * fy + ld["bag"] - ld["cane"]
    rest = sum_mx * fy - sum_my * fx - ml * (leg_length - lc) * fx
    rest = rest - ld["bag"] * bag_x + ld["cane"] * cane_x
    # Unloaded (a swing frame of walking): no balance to keep, the femur hangs.
    loaded = coef > 1e-9 * body.body_weight_n
    foot_x = np.where(loaded, -rest / np.where(loaded, coef, 1.0), 0.0)
    return np.arcsin(np.clip(foot_x / leg_length, -0.5, 0.5))


def coefficients(inp: StanceInput, body: BodyModel) -> Coefficients:
    """The posture-independent numbers of a scenario or batch (used by the walking model)."""
    ld = _loads(inp, body)
    cap = muscle_capacities(inp, body)
    p, q = ld["field_y"], -ld["field_x"]  # q: lateral acceleration toward the swing side
    mp, ml, mt = body.pelvis_mass_kg, body.leg_mass_kg, body.trunk_mass_kg
    el, hl, yp = body.half_hip_distance_m, body.l5s1_height_m, body.pelvis_com_height_m
    rt, rs, ws, yl = (
        body.trunk_com_m,
        body.shoulder_height_m,
        body.hand_offset_m,
        body.leg_com_below_hip_m,
    )
    wb, fc, sb = ld["bag"], ld["cane"], ld["bag_sign"]
    mass_x = mp + 2 * ml + mt  # masses weighted by their lateral lever, in units of el
    mass_y = mp * yp + mt * hl
    ac = el * (p * mass_x + wb - fc) - q * mass_y
    as_ = p * mass_y + (wb - fc) * hl + q * el * mass_x
    bs = -p * mt * rt - (wb - fc) * rs
    bc = -q * mt * rt + ws * (sb * wb - fc)
    a0 = q * ml * yl
    # The cane's push reaches the pelvis through latissimus dorsi, not the
    # lumbar spine (see the module docstring), so only the bag loads L5-S1.
    ls = mt * rt * p + wb * rs
    lc = mt * rt * q - ws * sb * wb
    values = {
        "a0": a0,
        "ac": ac,
        "as_": as_,
        "bs": bs,
        "bc": bc,
        "ls": ls,
        "lc": lc,
        "k_gm": body.abductor_arm_m * cap["glute_med"],
        "k_gt": body.abductor_arm_m * cap["glute_min_tfl"],
        "k_add": body.adductor_arm_m * cap["adductor"],
        "k_lum": body.lumbar_arm_m * cap["lumbar"],
        "femur": stance_femur_adduction(inp, body),
        "mass": body.mass_kg,
        "height": body.height_m,
        "hip_distance": 2 * body.half_hip_distance_m,
        "lean_tol": np.multiply(inp.lean_tolerance, _DEG),
        "drop_tol": np.multiply(inp.drop_tolerance, _DEG),
        "power": inp.activation_exponent,
    }
    shape = np.broadcast_shapes(*(np.shape(v) for v in values.values()))
    return Coefficients(
        **{k: np.broadcast_to(np.asarray(v, dtype=float), shape) for k, v in values.items()}
    )


def solve_stance(inp: StanceInput | None = None, /, **changes) -> StanceResult:
    """Solve single-leg stance for one scenario or a batch.

    Parameters
    ----------
    inp : StanceInput, optional
        The scenario; defaults to ``StanceInput()`` (70 kg, 1.75 m man, full
        strength, standing on the right leg).
    **changes
        Fields of :class:`StanceInput` to replace, e.g.
        ``solve_stance(glute_med_strength_right=40)``. Numeric fields may be
        arrays; they broadcast against each other.

    Returns
    -------
    StanceResult

    Notes
    -----
    See the module docstring for the model, the choice rule and the
    assumptions. The equilibrium residuals in the result are recomputed from
    the final forces and segment positions, independently of the solver.
    Where no posture within the joints' ranges can be held, ``feasible`` is
    False, ``reason`` says why, the muscles are reported at their capacity
    and the moment nothing can hold is in ``*_unsupported_moment_nm``.

    References
    ----------
    Crowninshield RD, Brand RA (1981) A physiologically based criterion of
    muscle force prediction in locomotion. J Biomech 14:793-801,
    doi:10.1016/0021-9290(81)90035-X [@crowninshield1981].
    Kendall KD et al. (2013) Clin J Sport Med 23:45-51 (standing) and Pohl MB
    et al. (2015) J Athl Train 50:385-391 (walking): after a superior gluteal
    nerve block healthy men showed no group change in pelvic drop or trunk
    lean [@kendall2013; @pohl2015].
    """
    inp = scenario(inp, StanceInput, changes, solver="solve_stance", what="stance")
    body = body_model(inp.subject)
    c = coefficients(inp, body)
    lean, drop, iterations, converged = optimise_posture(c)
    return _forces(inp, body, c, lean, drop, iterations, converged)


def _muscle_moments(c: Coefficients, hip_net, lumbar_net) -> dict:
    """Muscle moments within their capacities, and what they cannot hold. [N·m]"""
    gm, gt = share_abductors(hip_net, c.k_gm, c.k_gt, c.power)
    add = np.clip(-hip_net, 0.0, c.k_add)
    lc = np.clip(lumbar_net, 0.0, c.k_lum)
    li = np.clip(-lumbar_net, 0.0, c.k_lum)
    return {
        "glute_med": gm,
        "glute_min_tfl": gt,
        "adductor": add,
        "lumbar_contralateral": lc,
        "lumbar_ipsilateral": li,
        "hip_unsupported": hip_net - (gm + gt - add),
        "lumbar_unsupported": lumbar_net - (lc - li),
    }


def _feasibility(c, lean, drop, moments, converged, moving=False):
    """Where the posture can be held, and a plain-language reason where not.

    ``moving``: the pelvis may accelerate (a walking frame), so a hip moment
    the muscles do not balance is not a failure; the ranges still are.
    """
    shape = c.ac.shape
    hip_adduction = drop + c.femur
    tol = 1e-9
    short_hip = (not moving) & (moments["hip_unsupported"] > tol * (1.0 + c.k_gm + c.k_gt))
    short_hike = (not moving) & (moments["hip_unsupported"] < -tol * (1.0 + c.k_add))
    short_back = np.abs(moments["lumbar_unsupported"]) > tol * (1.0 + c.k_lum)
    out_hip = (hip_adduction > _HIP_ADD) | (hip_adduction < -_HIP_ABD)
    out_back = (np.abs(lean + drop) > _LUMBAR_BEND) | (np.abs(lean) > _LUMBAR_BEND)
    problems = (
        (~converged, "the solver did not converge for this scenario; its numbers are not reliable"),
        (
            short_hip | out_hip,
            "cannot stand on this leg without support: even with the hip abductors at 100 % "
            "and the hip at the end of its adduction range, the pelvis cannot be held",
        ),
        (
            short_hike,
            "cannot stand like this: even with the hip adductors at 100 % the pelvis is "
            "pushed up on the swing side past what the hip can hold",
        ),
        (
            short_back | out_back,
            "the lower back cannot hold the trunk: even with the side muscles at 100 % and "
            "the lumbar spine at the end of its side-bending range",
        ),
    )
    reason = np.full(shape, "", dtype=object)
    for flag, text in reversed(problems):  # the first problem listed wins
        reason = np.where(np.broadcast_to(flag, shape), text, reason)
    feasible = reason == ""
    return feasible, reason.astype(str)


def _explicit_check(inp, body, lean, drop, forces, passive_hip, passive_lumbar) -> dict:
    """Equilibrium residuals and joint reactions from explicit segment positions.

    Independent of the solver's coefficients: every weight, bag and cane
    push is placed at its point and every muscle pulls with its force.
    """
    ld = _loads(inp, body)
    f_gm, f_gt, f_add, f_lc, f_li = (
        forces[k] for k in ("glute_med", "glute_min_tfl", "adductor", "lc", "li")
    )
    d_abd, d_add, r_l = body.abductor_arm_m, body.adductor_arm_m, body.lumbar_arm_m
    sl, cl, sd, cd = np.sin(lean), np.cos(lean), np.sin(drop), np.cos(drop)
    el, hl, yp = body.half_hip_distance_m, body.l5s1_height_m, body.pelvis_com_height_m

    def on_pelvis(x, y):  # pelvis-fixed point -> global
        return x * cd + y * sd, -x * sd + y * cd

    fx, fy = ld["field_x"], -ld["field_y"]  # effective field per unit mass
    l5 = on_pelvis(el, hl)
    trunk = (l5[0] - body.trunk_com_m * sl, l5[1] + body.trunk_com_m * cl)
    pelvis = on_pelvis(el, yp)
    swing_hip = on_pelvis(2 * el, 0.0)
    leg = (swing_hip[0], swing_hip[1] - body.leg_com_below_hip_m)
    shoulder_x = l5[0] - body.shoulder_height_m * sl
    hand_opp = shoulder_x + body.hand_offset_m * cl
    hand_bag = shoulder_x + ld["bag_sign"] * body.hand_offset_m * cl

    def moment(point, mass):  # z-moment about the stance hip of a weight at a point
        return point[0] * mass * fy - point[1] * mass * fx

    gravity_moment = (
        moment(trunk, body.trunk_mass_kg)
        + moment(pelvis, body.pelvis_mass_kg)
        + moment(leg, body.leg_mass_kg)
        + hand_bag * (-ld["bag"])
        + hand_opp * ld["cane"]
    )  # counter-clockwise positive = lifts the swing side
    muscle_moment = (f_gm + f_gt) * d_abd - f_add * d_add + passive_hip
    trunk_about_l5 = (trunk[0] - l5[0]) * body.trunk_mass_kg * fy - (
        trunk[1] - l5[1]
    ) * body.trunk_mass_kg * fx
    lumbar_residual = (
        trunk_about_l5 + (hand_bag - l5[0]) * (-ld["bag"]) - (f_lc - f_li) * r_l - passive_lumbar
    )

    # Hip: passive tissue pulls along the line of the muscles it belongs to.
    abd_line = np.radians(ABDUCTOR_LINE_FROM_VERTICAL_DEG)
    add_line = np.radians(ADDUCTOR_LINE_FROM_VERTICAL_DEG)
    m_above = body.trunk_mass_kg + body.pelvis_mass_kg + body.leg_mass_kg
    pull_abd = f_gm + f_gt + np.maximum(passive_hip, 0.0) / d_abd  # on the pelvis: down, lateral
    pull_add = f_add + np.maximum(-passive_hip, 0.0) / d_add
    ext_x = m_above * fx - pull_abd * np.sin(abd_line) - pull_add * np.sin(add_line)
    ext_y = (
        m_above * fy
        - ld["bag"]
        + ld["cane"]
        - pull_abd * np.cos(abd_line)
        - pull_add * np.cos(add_line)
    )
    # L5-S1: reaction of the pelvis on the trunk, along and across the trunk.
    ux, uy = -sl, cl  # trunk axis, upward
    nx, ny = cl, sl  # across the trunk, toward the swing side
    t_x = body.trunk_mass_kg * fx - (f_lc + f_li) * ux
    t_y = body.trunk_mass_kg * fy - ld["bag"] - (f_lc + f_li) * uy
    return {
        "hip_residual": gravity_moment + muscle_moment,
        "lumbar_residual": lumbar_residual,
        "hip_x": ext_x * -1.0,
        "hip_y": ext_y * -1.0,
        "compression": -(t_x * ux + t_y * uy),
        "shear": -(t_x * nx + t_y * ny),
    }


def result_at_posture(
    inp: StanceInput, lean, drop, *, delivered_hip=None, iterations: int = 0, converged=True
) -> StanceResult:
    """Muscle and joint forces of a scenario in a given posture (used by the walking model).

    Parameters
    ----------
    inp : StanceInput
        The scenario or batch.
    lean, drop : array_like
        Trunk lean and pelvic drop. [rad]
    delivered_hip : array_like, optional
        Net active hip moment the muscles deliver (abductors positive);
        by default what static equilibrium needs. Where it differs, the
        difference accelerates the pelvis and is reported as
        ``hip_unsupported_moment_nm``, and only the joint ranges decide
        ``feasible``. [N·m]
    """
    body = body_model(inp.subject)
    c = coefficients(inp, body)
    converged = np.broadcast_to(np.asarray(converged, dtype=bool), c.ac.shape)
    return _forces(inp, body, c, lean, drop, iterations, converged, delivered_hip=delivered_hip)


def _pct(force, capacity):
    """Force as a percentage of a capacity (0 where there is none). [%]"""
    capacity = np.asarray(capacity, dtype=float)
    safe = np.where(capacity > 0, capacity, 1.0)
    return np.where(capacity > 0, 100.0 * force / safe, 0.0)


def _moments(c, lean, drop, converged, delivered_hip):
    """Net, passive and muscle moments at a posture, and whether it can be held. [N·m]"""
    hip_net, _slope, passive_hip = hip_active(c, lean, drop)
    lumbar_net, passive_lumbar = lumbar_active(c, lean, drop)
    moving = delivered_hip is not None
    moments = _muscle_moments(c, hip_net if not moving else delivered_hip, lumbar_net)
    if moving:
        moments["hip_unsupported"] = hip_net - (
            moments["glute_med"] + moments["glute_min_tfl"] - moments["adductor"]
        )
    feasible, reason = _feasibility(c, lean, drop, moments, converged, moving)
    return hip_net, lumbar_net, passive_hip, passive_lumbar, moments, feasible, reason


def _forces(inp, body, c, lean, drop, iterations, converged, *, delivered_hip=None) -> StanceResult:
    cap = muscle_capacities(inp, body)
    hip_net, lumbar_net, passive_hip, passive_lumbar, moments, feasible, reason = _moments(
        c, lean, drop, converged, delivered_hip
    )
    d_abd, d_add, r_l = body.abductor_arm_m, body.adductor_arm_m, body.lumbar_arm_m
    forces = {
        "glute_med": moments["glute_med"] / d_abd,
        "glute_min_tfl": moments["glute_min_tfl"] / d_abd,
        "adductor": moments["adductor"] / d_add,
        "lc": moments["lumbar_contralateral"] / r_l,
        "li": moments["lumbar_ipsilateral"] / r_l,
    }
    check = _explicit_check(inp, body, lean, drop, forces, passive_hip, passive_lumbar)

    shape = c.ac.shape

    def arr(value):
        value = np.asarray(value, dtype=float)
        return value.copy() if value.shape == shape else np.broadcast_to(value, shape).copy()

    hip_x, hip_y = check["hip_x"], check["hip_y"]
    return StanceResult(
        inputs=inp,
        body_weight_n=arr(body.body_weight_n),
        trunk_lean_deg=arr(np.degrees(lean)),
        pelvic_drop_deg=arr(np.degrees(drop)),
        hip_adduction_deg=arr(np.degrees(drop + c.femur)),
        stance_femur_adduction_deg=arr(np.degrees(c.femur)),
        lumbar_side_bend_deg=arr(np.degrees(lean + drop)),
        glute_med_force_n=arr(forces["glute_med"]),
        glute_min_tfl_force_n=arr(forces["glute_min_tfl"]),
        hip_adductor_force_n=arr(forces["adductor"]),
        hip_passive_moment_nm=arr(passive_hip),
        lumbar_contralateral_force_n=arr(forces["lc"]),
        lumbar_ipsilateral_force_n=arr(forces["li"]),
        lumbar_passive_moment_nm=arr(passive_lumbar),
        glute_med_activation_pct=arr(_pct(forces["glute_med"], cap["glute_med"])),
        glute_min_tfl_activation_pct=arr(_pct(forces["glute_min_tfl"], cap["glute_min_tfl"])),
        hip_adductor_activation_pct=arr(_pct(forces["adductor"], cap["adductor"])),
        lumbar_contralateral_activation_pct=arr(_pct(forces["lc"], cap["lumbar"])),
        lumbar_ipsilateral_activation_pct=arr(_pct(forces["li"], cap["lumbar"])),
        hip_moment_nm=arr(hip_net + passive_hip),
        lumbar_moment_nm=arr(lumbar_net + passive_lumbar),
        hip_contact_force_n=arr(np.hypot(hip_x, hip_y)),
        hip_contact_force_x_n=arr(hip_x),
        hip_contact_force_y_n=arr(hip_y),
        hip_contact_angle_deg=arr(np.degrees(np.arctan2(hip_x, hip_y))),
        l5s1_compression_n=arr(check["compression"]),
        l5s1_shear_n=arr(check["shear"]),
        hip_unsupported_moment_nm=arr(moments["hip_unsupported"]),
        lumbar_unsupported_moment_nm=arr(moments["lumbar_unsupported"]),
        hip_residual_nm=arr(check["hip_residual"]),
        lumbar_residual_nm=arr(check["lumbar_residual"]),
        cost=arr(posture_cost(c, lean, drop)),
        feasible=np.broadcast_to(feasible, shape).copy(),
        reason=np.broadcast_to(reason, shape).copy(),
        converged=np.broadcast_to(converged, shape).copy(),
        iterations=iterations,
    )
