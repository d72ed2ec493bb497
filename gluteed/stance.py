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
from .tissues import (
    HIP_ABDUCTION_RANGE_DEG,
    HIP_ADDUCTION_RANGE_DEG,
    LUMBAR_SIDE_BEND_RANGE_DEG,
    hip_passive_moment,
    lumbar_side_bend_passive_moment,
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


@dataclass(frozen=True)
class _Coefficients:
    """Posture-independent numbers of one batch, in SI units."""

    a0: np.ndarray  # hip moment = a0 + ac cos(drop) + as sin(drop) + bs sin(lean) + bc cos(lean)
    ac: np.ndarray
    as_: np.ndarray
    bs: np.ndarray
    bc: np.ndarray
    ls: np.ndarray  # lumbar moment = ls sin(lean) + lc cos(lean)
    lc: np.ndarray
    k_gm: np.ndarray  # moment capacities [N·m]: gluteus medius, minimus + TFL,
    k_gt: np.ndarray  # adductors, lumbar lateral flexors of one side
    k_add: np.ndarray
    k_lum: np.ndarray
    femur: np.ndarray  # adduction of the stance femur, foot under the body [rad]
    mass: np.ndarray  # for the passive tissues [kg]
    height: np.ndarray  # [m]
    hip_distance: np.ndarray  # [m]
    lean_tol: np.ndarray  # [rad]
    drop_tol: np.ndarray
    power: np.ndarray  # exponent of the activations


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


def coefficients(inp: StanceInput, body: BodyModel) -> _Coefficients:
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
    return _Coefficients(
        **{k: np.broadcast_to(np.asarray(v, dtype=float), shape) for k, v in values.items()}
    )


# --- The choice rule ------------------------------------------------------------------
_HIP_ADD = HIP_ADDUCTION_RANGE_DEG * _DEG
_HIP_ABD = HIP_ABDUCTION_RANGE_DEG * _DEG
_LUMBAR_BEND = LUMBAR_SIDE_BEND_RANGE_DEG * _DEG
#: Penalty on a posture that no muscle and no tissue can hold: this much
#: plus as much again per fraction of a capacity or range missing. It is
#: larger than any cost of a posture that can be held, so the optimum is
#: one of those wherever one exists, and otherwise the posture that misses
#: least. Numerical. [-]
_BEYOND = 1e3


def _power(x, k, p):
    """(x / k)**p for x >= 0. [-]"""
    return np.power(np.maximum(x, 0.0) / k, p)


def _hip_active(c: _Coefficients, lean, drop, slope: bool = True):
    """Net active hip moment (abductors positive) and its slope in drop. [N·m], [N·m/rad]

    What the muscles must make after the passive tissues have taken their
    part; also returns the passive moment. With ``slope=False`` the slope
    is None (cheaper).
    """
    sd, cd = np.sin(drop), np.cos(drop)
    hp, *hp1 = hip_passive_moment(
        drop + c.femur, mass_kg=c.mass, hip_distance_m=c.hip_distance, order=int(slope)
    )
    m = c.a0 + c.ac * cd + c.as_ * sd + c.bs * np.sin(lean) + c.bc * np.cos(lean) - hp
    return m, (-c.ac * sd + c.as_ * cd - hp1[0]) if slope else None, hp


def _lumbar_active(c: _Coefficients, lean, drop):
    """Net active lumbar moment (swing side's flexors positive) and the passive one. [N·m]

    What the lateral flexors must make after the lumbar spine's passive
    resistance to the side bend (lean + drop) has taken its part.
    """
    passive = lumbar_side_bend_passive_moment(lean + drop, mass_kg=c.mass, height_m=c.height)[0]
    return c.ls * np.sin(lean) + c.lc * np.cos(lean) - passive, passive


def _root(func, lo, hi, iterations: int = 60):
    """Root of a decreasing ``func`` on [lo, hi] (f(lo) > 0 >= f(hi)): Newton inside a bracket.

    ``func(x)`` returns (value, slope). Where a Newton step would leave the
    bracket, the bracket is halved instead. Returns the bracket's upper end,
    where ``func`` <= 0 (the side that holds).
    """
    # Start at the upper end: the net moment is concave in the drop (the
    # passive tissue stiffens exponentially), so Newton's steps from the side
    # that holds approach the root from that side, one by one, fast.
    x = hi
    for _ in range(iterations):
        f, slope = func(x)
        lo = np.where(f > 0, x, lo)
        hi = np.where(f > 0, hi, x)
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = x - f / slope
        inside = (slope < 0) & (newton > lo) & (newton < hi)
        step = np.where(inside, newton, 0.5 * (lo + hi)) - x
        x = x + step
        if np.all((np.abs(step) < 1e-14) | (hi - lo < 1e-13)):
            break
    # Newton's last step lands on the root to rounding; a closed bracket's
    # upper end is the side that holds.
    return np.where(hi - lo < 1e-13, hi, x)


def _drop_for(c: _Coefficients, lean):
    """The pelvic drop at a given trunk lean, by the pelvis rule. [rad]

    The pelvis stays level while the hip muscles can hold it level. Where
    the abductors at 100 % cannot, the swing side drops, as far as gravity
    takes it and no further: to the smallest drop at which the abductors at
    100 % and the stretched passive tissues hold it. (Symmetrically, where
    the adductors cannot hold a cane's or bag's push, the swing side hikes.)
    Where the end of the hip's range comes first, the drop stops there and
    the posture cannot be held.
    """
    k_abd, k_add = c.k_gm + c.k_gt, c.k_add
    level = _hip_active(c, lean, 0.0, slope=False)[0]
    falls, rises = level > k_abd, level < -k_add
    if not (np.any(falls) or np.any(rises)):
        return np.zeros(np.shape(level))
    down_end, up_end = _HIP_ADD - c.femur, -_HIP_ABD - c.femur

    def excess_down(drop):
        m, slope, _ = _hip_active(c, lean, drop)
        return m - k_abd, slope

    def excess_up(drop):  # a hike, written as a decreasing function of the hike
        m, slope, _ = _hip_active(c, lean, -drop)
        return -k_add - m, slope

    drop = np.zeros(np.shape(level))
    if np.any(falls):
        end = excess_down(down_end)[0] > 0  # not held even at the end of the range
        root = _root(excess_down, np.zeros_like(drop), np.broadcast_to(down_end, drop.shape))
        drop = np.where(falls, np.where(end, down_end, root), drop)
    if np.any(rises):
        end = excess_up(-up_end)[0] > 0
        root = _root(excess_up, np.zeros_like(drop), np.broadcast_to(-up_end, drop.shape))
        drop = np.where(rises, -np.where(end, -up_end, root), drop)
    return drop


def _cost(c: _Coefficients, lean, drop, hip=None):
    """The choice-rule cost J at a posture, with the penalty for what cannot be held.

    ``hip``: the net active hip moment at that posture, where the caller
    knows it already. [N·m]
    """
    p = c.power
    if hip is None:
        hip = _hip_active(c, lean, drop, slope=False)[0]
    lumbar = _lumbar_active(c, lean, drop)[0]
    # Abductors: the sharing of the least sum of activation**p, neither above 100 %.
    gm, gt = _share_abductors(hip, c.k_gm, c.k_gt, p)
    with np.errstate(divide="ignore", invalid="ignore"):
        muscles = (
            np.where(c.k_gm > 0, _power(gm, np.where(c.k_gm > 0, c.k_gm, 1.0), p), 0.0)
            + _power(gt, c.k_gt, p)
            + _power(-hip, c.k_add, p)
            + _power(np.abs(lumbar), c.k_lum, p)
        )
    slack = 1e-9  # rounding, as a fraction of a capacity or range
    # A joint past its range weighs far more than a missing moment, so where
    # nothing can hold the load the posture shown stays inside the ranges and
    # the moment it misses is what nothing can hold.
    missing = (
        (np.maximum(hip / (c.k_gm + c.k_gt) - 1.0 - slack, 0.0)) ** 2
        + (np.maximum(-hip / c.k_add - 1.0 - slack, 0.0)) ** 2
        + (np.maximum(np.abs(lumbar) / c.k_lum - 1.0 - slack, 0.0)) ** 2
        + 1e6 * (np.maximum(np.abs(lean + drop) / _LUMBAR_BEND - 1.0 - slack, 0.0)) ** 2
    )
    beyond = np.where(missing > 0, _BEYOND * (1.0 + np.sqrt(missing)), 0.0)
    return muscles + (lean / c.lean_tol) ** 2 + (drop / c.drop_tol) ** 2 + beyond


def _cost_of_lean(c: _Coefficients, lean):
    """The choice-rule cost of a lean, with the drop the pelvis rule gives it."""
    return _cost(c, lean, _drop_for(c, lean))


def held_pelvis_demand(c: _Coefficients, lean, drop):
    """Net active hip moment a posture needs (abductors positive). [N·m]"""
    return _hip_active(c, lean, drop, slope=False)[0]


def held_pelvis_cost(c: _Coefficients, lean, drop):
    """Cost of a lean with the pelvis held at a given drop, muscles not capped.

    For walking: the posture a person aims for in each frame. What the
    muscles would need there counts with activation**p even beyond 100 %
    (an effort that cannot be delivered); the pelvis element of the walking
    model then finds what happens when it is not.
    """
    p = c.power
    hip = _hip_active(c, lean, drop, slope=False)[0]
    lumbar = _lumbar_active(c, lean, drop)[0]
    qexp = p / (p - 1.0)
    k_eff = np.power(np.power(c.k_gm, qexp) + np.power(c.k_gt, qexp), 1.0 / qexp)
    muscles = _power(hip, k_eff, p) + _power(-hip, c.k_add, p) + _power(np.abs(lumbar), c.k_lum, p)
    bend = np.maximum(np.abs(lean + drop) - _LUMBAR_BEND, 0.0) / _LUMBAR_BEND
    beyond = np.where(bend > 0, _BEYOND * (1.0 + bend), 0.0)
    return muscles + (lean / c.lean_tol) ** 2 + (drop / c.drop_tol) ** 2 + beyond


#: Trunk leans tried first (every half degree within the lumbar range; the cost
#: can have more than one valley where the pelvis starts to drop); a
#: safeguarded Newton search then refines around the best of them. [rad]
_LEAN_GRID = np.linspace(-_LUMBAR_BEND, _LUMBAR_BEND, 113)
_LEAN_TOL = 1e-10  # a Newton step this small has converged [rad]
_BRACKET_TOL = 1e-8  # so has a bracket this narrow (6e-7 deg) [rad]
_FD_STEP = 1e-5  # finite-difference step of the lean search [rad]


def _level_limits(c: _Coefficients, with_sides: bool = False) -> np.ndarray:
    """The trunk leans at which the muscles just hold the pelvis level. [rad]

    Where the lean is one step short of these, the pelvis falls (or hikes)
    until passive tissue holds it, so the cost jumps there and its minimum
    often sits right at one of them. Closed form: with a level pelvis the
    net active hip moment is A + bs sin(lean) + bc cos(lean); it equals the
    abductors' (or, negated, the adductors') capacity at up to two leans
    each. Returns the four candidates, nudged to the side that holds and
    clipped to the lumbar range (NaN-free: missing ones repeat the range end),
    and with ``with_sides`` also that side (+1 or -1; 0 where missing).
    """
    level = (
        c.a0
        + c.ac
        - hip_passive_moment(c.femur, mass_kg=c.mass, hip_distance_m=c.hip_distance, order=0)[0]
    )
    radius = np.hypot(c.bs, c.bc)
    phase = np.arctan2(c.bc, c.bs)
    out, sides = [], []
    for sign, target in ((1.0, c.k_gm + c.k_gt), (-1.0, -c.k_add)):
        t = (target - level) / np.where(radius > 0, radius, 1.0)
        ok = np.abs(t) <= 1.0
        base = np.arcsin(np.clip(t, -1.0, 1.0))
        for root in (base - phase, np.pi - base - phase):
            root = np.mod(root + np.pi, 2 * np.pi) - np.pi
            # The side that holds: where the slope of the moment takes it back inside.
            slope = radius * np.cos(root + phase)
            inward = -sign * np.sign(slope)
            root = root + inward * 1e-9
            out.append(np.where(ok, np.clip(root, -_LUMBAR_BEND, _LUMBAR_BEND), _LUMBAR_BEND))
            sides.append(np.where(ok, inward, 0.0))
    if with_sides:
        return np.stack(out, axis=-1), np.stack(sides, axis=-1)
    return np.stack(out, axis=-1)


def best_lean(c: _Coefficients, cost_of_lean, max_iter: int = 100, candidates=None):
    """The trunk lean that minimises ``cost_of_lean(c, lean)``, vectorised over the batch.

    The lean is tried on a grid every half degree over the
    lumbar range; between the grid neighbours of the best point a Newton
    search on finite-difference slopes refines it, falling back to halving
    the bracket where the cost has a kink (where the pelvis starts to drop)
    or is not convex. ``candidates`` (an array with a trailing axis) are
    leans where the cost is known to jump; the cheapest of them, the grid's
    best and the search's result wins. Returns the lean [rad], the number
    of refinement steps and True where the lean converged (a step below
    ``_LEAN_TOL`` or a bracket below ``_BRACKET_TOL``).
    """
    shape = c.ac.shape
    grid_c = _Coefficients(**{k: v[..., None] for k, v in vars(c).items()})
    grid_cost = cost_of_lean(grid_c, np.broadcast_to(_LEAN_GRID, (*shape, _LEAN_GRID.size)))
    best = np.argmin(grid_cost, axis=-1)
    step = _LEAN_GRID[1] - _LEAN_GRID[0]
    lo = np.maximum(_LEAN_GRID[best] - step, _LEAN_GRID[0])
    hi = np.minimum(_LEAN_GRID[best] + step, _LEAN_GRID[-1])
    lean = np.asarray(_LEAN_GRID[best], dtype=float)
    offsets = np.array([-_FD_STEP, 0.0, _FD_STEP])
    done = np.zeros(shape, dtype=bool)
    seen, seen_cost = lean, np.take_along_axis(grid_cost, best[..., None], axis=-1)[..., 0]
    steps = 0
    while steps < max_iter and not done.all():
        steps += 1
        f = cost_of_lean(grid_c, lean[..., None] + offsets)
        cheaper = f[..., 1] < seen_cost  # the cheapest lean the search has passed
        seen, seen_cost = np.where(cheaper, lean, seen), np.where(cheaper, f[..., 1], seen_cost)
        d1 = (f[..., 2] - f[..., 0]) / (2 * _FD_STEP)
        d2 = (f[..., 2] - 2 * f[..., 1] + f[..., 0]) / _FD_STEP**2
        hi = np.where(d1 > 0, np.minimum(hi, lean), hi)  # the minimum lies below
        lo = np.where(d1 > 0, lo, np.maximum(lo, lean))
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = lean - d1 / d2
        # Every third step halves the bracket whatever Newton says, so the
        # search closes in on a cliff of the cost too.
        good = (d2 > 0) & (newton > lo) & (newton < hi) & (steps % 3 != 0)
        new = np.where(good, newton, 0.5 * (lo + hi))
        new = np.where(done, lean, new)
        done = done | (np.abs(new - lean) < _LEAN_TOL) | (hi - lo < _BRACKET_TOL)
        lean = new
    # The cost can jump (where the pelvis starts to drop, or a posture stops
    # being holdable): of the converged bracket, keep its cheapest point.
    ends = np.stack([lo, lean, hi, seen], axis=-1)
    if candidates is not None:
        ends = np.concatenate([ends, candidates], axis=-1)
    pick = np.argmin(cost_of_lean(grid_c, ends), axis=-1)
    lean = np.take_along_axis(ends, pick[..., None], axis=-1)[..., 0]
    return lean, steps, done


# --- The posture search --------------------------------------------------------------
# The pelvis rule ties the drop to the lean, so the postures a person can
# take lie on one curve in (lean, drop). It has up to seven pieces: the level
# pelvis (drop 0, leans where the hip muscles hold it level), the dropped
# pelvis (abductors at 100 %; for each drop, the leans at which they just hold
# it have a closed form, two of them), the pelvis at the end of the
# adduction range (leans where even that does not hold), and the same three
# for a hike. The search samples every piece, then refines the cheapest sample
# along its own piece; no root finding is needed on the way.
_LEVEL, _FALL_A, _FALL_B, _FALL_END, _HIKE_A, _HIKE_B, _HIKE_END, _LIMIT = range(8)
#: Samples of the leans (every degree of the lumbar range) and of the drop
#: or hike (fractions of the hip's range left). [rad], [-]
_LEAN_SAMPLES = np.linspace(-_LUMBAR_BEND, _LUMBAR_BEND, 57)
_RANGE_SAMPLES = np.linspace(0.0, 1.0, 41)[1:]
_STEP_TOL = 1e-10  # a refinement step this small has converged [rad]
_FD_STEP_RAD = 1e-5  # finite-difference step of the refinement [rad]
_GIVE_UP = 0.05  # a candidate this much (relative) above the leader is dropped [-]


def _leans_holding(c: _Coefficients, drop, target, passive):
    """The two trunk leans at which the net active hip moment at ``drop`` equals ``target``. [rad]

    Closed form: bs sin(lean) + bc cos(lean) = R sin(lean + phase). NaN where
    no lean gives it.
    """
    rest = target - (c.a0 + c.ac * np.cos(drop) + c.as_ * np.sin(drop) - passive)
    radius = np.hypot(c.bs, c.bc)
    phase = np.arctan2(c.bc, c.bs)
    with np.errstate(divide="ignore", invalid="ignore"):
        base = np.arcsin(rest / radius)  # NaN where |rest| > radius
    first = np.mod(base - phase + np.pi, 2 * np.pi) - np.pi
    second = np.mod(np.pi - base - phase + np.pi, 2 * np.pi) - np.pi
    return first, second


class _Curve:
    """The pelvis rule's posture curve of one batch, piece by piece."""

    def __init__(self, c: _Coefficients):
        self.c = c
        self.k_abd, self.k_add = c.k_gm + c.k_gt, c.k_add
        self.fall_end = _HIP_ADD - c.femur
        self.hike_end = _HIP_ABD + c.femur
        passive = hip_passive_moment(
            np.stack([c.femur, c.femur + self.fall_end, c.femur - self.hike_end]),
            mass_kg=c.mass,
            hip_distance_m=c.hip_distance,
            order=0,
        )[0]
        self.level_base = c.a0 + c.ac - passive[0]  # net active moment, level: + lean terms
        self.fall_base = c.a0 + c.ac * np.cos(self.fall_end) + c.as_ * np.sin(self.fall_end)
        self.fall_base = self.fall_base - passive[1]
        self.hike_base = c.a0 + c.ac * np.cos(self.hike_end) - c.as_ * np.sin(self.hike_end)
        self.hike_base = self.hike_base - passive[2]

    def expanded(self, axes: int = 1) -> _Curve:
        """The same curve with ``axes`` trailing axes of length 1 (for samples)."""
        new = object.__new__(_Curve)
        new.c = _expand(self.c, axes)
        index = (...,) + (None,) * axes
        for name in ("k_abd", "k_add", "fall_end", "hike_end"):
            setattr(new, name, getattr(self, name)[index])
        for name in ("level_base", "fall_base", "hike_base"):
            setattr(new, name, getattr(self, name)[index])
        return new

    def _lean_part(self, lean):
        return self.c.bs * np.sin(lean) + self.c.bc * np.cos(lean)

    def posture(self, piece, p):
        """Lean and drop at parameter ``p`` of ``piece`` (NaN where off the curve). [rad]

        Also returns the net active hip moment there. [N·m]
        """
        c = self.c
        given = np.isfinite(p)
        p = np.where(given, p, 0.0)
        lean_part = self._lean_part(p)
        level = lean_part + self.level_base
        hip = level
        on_level = np.where(
            (piece == _LEVEL) | (piece == _LIMIT),
            (level <= self.k_abd) & (level >= -self.k_add),  # as the pelvis rule decides
            False,
        )
        inside = np.abs(p) <= _LUMBAR_BEND * (1 + 1e-12)  # leans searched: the lumbar range
        lean = np.where((piece == _LEVEL) | (piece == _LIMIT), p, np.nan)
        drop = np.where(on_level & inside, 0.0, np.nan)
        for end_piece, base, sign, end in (
            (_FALL_END, self.fall_base, 1.0, self.fall_end),
            (_HIKE_END, self.hike_base, -1.0, -self.hike_end),
        ):
            at_end = piece == end_piece
            beyond = (lean_part + base - (self.k_abd if sign > 0 else -self.k_add)) * sign > 0
            hip = np.where(at_end, lean_part + base, hip)
            lean = np.where(at_end, p, lean)
            drop = np.where(at_end & beyond & inside, end, drop)
        falls = (piece == _FALL_A) | (piece == _FALL_B)
        dropped = falls | (piece == _HIKE_A) | (piece == _HIKE_B)
        if np.any(dropped):
            d = np.where(dropped, p, 0.0)
            passive = hip_passive_moment(
                d + c.femur, mass_kg=c.mass, hip_distance_m=c.hip_distance, order=0
            )[0]
            target = np.where(falls, self.k_abd, -self.k_add)
            first, second = _leans_holding(c, d, target, passive)
            root = np.where((piece == _FALL_A) | (piece == _HIKE_A), first, second)
            # On the curve only where the level pelvis cannot be held at that lean.
            level_at = self._lean_part(root) + self.level_base
            cannot = np.where(falls, level_at > self.k_abd, level_at < -self.k_add)
            moved = np.where(falls, d > 0, d < 0)  # zero drop is the level piece's
            ok = dropped & cannot & moved & (np.abs(root) <= _LUMBAR_BEND)
            hip = np.where(dropped, target, hip)
            lean = np.where(dropped, root, lean)
            drop = np.where(ok, d, np.where(dropped, np.nan, drop))
        return np.where(given, lean, np.nan), drop, hip

    def cost(self, piece, p):
        """Choice-rule cost at parameter ``p`` of ``piece``; inf off the curve."""
        return self.cost_at(*self.posture(piece, p))

    def cost_at(self, lean, drop, hip):
        """Choice-rule cost of postures from :meth:`posture`; inf off the curve."""
        off = np.isnan(drop) | np.isnan(lean)
        with np.errstate(invalid="ignore"):
            value = _cost(self.c, np.where(off, 0.0, lean), np.where(off, 0.0, drop), hip)
        return np.where(off, np.inf, value)

    def samples(self):
        """Every piece's samples: piece id, parameter and the bracket around each. [rad]"""
        c = self.c
        shape = c.ac.shape
        leans = np.broadcast_to(_LEAN_SAMPLES, (*shape, _LEAN_SAMPLES.size))
        fall = self.fall_end[..., None] * _RANGE_SAMPLES  # ascending from 0
        hike = -self.hike_end[..., None] * _RANGE_SAMPLES[::-1]  # ascending to 0
        limits, sides = _level_limits(c, with_sides=True)
        # At the end of the hip's range, the lean that just reaches the end
        # of the lumbar range: a kink of the cost where nothing can hold.
        kinks = np.stack([_LUMBAR_BEND - self.fall_end, self.hike_end - _LUMBAR_BEND], axis=-1)
        pieces = [
            (_LEVEL, leans), (_FALL_A, fall), (_FALL_B, fall), (_FALL_END, leans),
            (_HIKE_A, hike), (_HIKE_B, hike), (_HIKE_END, leans), (_LIMIT, limits),
            (_FALL_END, kinks[..., :1]), (_HIKE_END, kinks[..., 1:]),
        ]  # fmt: skip
        ids, params, los, his = [], [], [], []
        for piece, p in pieces:
            ids.append(np.full(p.shape[-1], piece))
            params.append(p)
            if piece == _LIMIT:  # a cliff of the cost: refined on the side that holds
                step = _LEAN_SAMPLES[1] - _LEAN_SAMPLES[0]
                los.append(np.where(sides < 0, p - step, p))
                his.append(np.where(sides > 0, p + step, p))
                continue
            if p.shape[-1] < 3:  # a kink of the cost: not refined
                los.append(p), his.append(p)
                continue
            first, last = p[..., :1], p[..., -1:]
            if piece in (_FALL_A, _FALL_B):  # the level pelvis bounds the drop
                first = np.zeros_like(first)
            elif piece in (_HIKE_A, _HIKE_B):
                last = np.zeros_like(last)
            los.append(np.concatenate([first, p[..., :-1]], axis=-1))
            his.append(np.concatenate([p[..., 1:], last], axis=-1))
        piece_ids = np.concatenate(ids)
        return (
            np.broadcast_to(piece_ids, (*shape, piece_ids.size)),
            np.concatenate(params, axis=-1),
            np.concatenate(los, axis=-1),
            np.concatenate(his, axis=-1),
        )


def _expand(c: _Coefficients, axes: int = 1) -> _Coefficients:
    """The coefficients with ``axes`` trailing axes of length 1 (for samples)."""
    return _Coefficients(**{k: v[(...,) + (None,) * axes] for k, v in vars(c).items()})


def _bend_kinks(curve: _Curve, ids, params, lean, drop, iterations: int = 40):
    """On each dropped piece, where the lumbar side bend first reaches its range.

    There the cost has a kink (beyond it nothing holds the trunk), and the
    best posture often sits right on it. Found between the samples that
    straddle it by regula falsi (Illinois); returns the pieces and the
    parameters, on the side that holds (NaN where a piece has none). [rad]
    """
    ids1 = ids.reshape(-1, ids.shape[-1])[0]
    with np.errstate(invalid="ignore"):
        excess = np.abs(lean + drop) - _LUMBAR_BEND  # NaN off the curve
    piece = np.broadcast_to(np.array([_FALL_A, _FALL_B, _HIKE_A, _HIKE_B]), (*ids.shape[:-1], 4))
    if not np.any(excess > 0):  # the lumbar range is never reached
        return piece, np.full(piece.shape, np.nan)
    lo_p, hi_p, lo_h, hi_h = [], [], [], []
    for kind in (_FALL_A, _FALL_B, _HIKE_A, _HIKE_B):
        idx = np.flatnonzero(ids1 == kind)
        h, p = excess[..., idx], params[..., idx]
        cross = (h[..., :-1] <= 0) != (h[..., 1:] <= 0)
        cross &= np.isfinite(h[..., :-1]) & np.isfinite(h[..., 1:])
        k = np.argmax(cross, axis=-1)[..., None]
        found = np.take_along_axis(cross, k, axis=-1)[..., 0]
        pair = [np.take_along_axis(a, k + j, axis=-1)[..., 0] for a in (p, h) for j in (0, 1)]
        p0, p1, h0, h1 = pair
        inside_first = h0 <= 0
        lo_p.append(np.where(found, np.where(inside_first, p0, p1), np.nan))
        hi_p.append(np.where(found, np.where(inside_first, p1, p0), np.nan))
        lo_h.append(np.where(inside_first, h0, h1))
        hi_h.append(np.where(inside_first, h1, h0))
    a, b = np.stack(lo_p, axis=-1), np.stack(hi_p, axis=-1)  # h(a) <= 0 < h(b)
    ha, hb = np.stack(lo_h, axis=-1), np.stack(hi_h, axis=-1)
    side = 0
    for _ in range(iterations):
        if not np.any(np.abs(b - a) > 1e-13):
            break
        with np.errstate(divide="ignore", invalid="ignore"):
            x = a - ha * (b - a) / (hb - ha)
        x = np.where(np.isfinite(x) & (x != a) & (x != b), x, 0.5 * (a + b))
        lean_x, drop_x, _hip = curve.posture(piece, x)
        with np.errstate(invalid="ignore"):
            hx = np.abs(lean_x + drop_x) - _LUMBAR_BEND
        hold = hx <= 0
        # Illinois: halve the value at the end that stays, so both ends move.
        ha = np.where(hold, hx, np.where(side == -1, 0.5 * ha, ha))
        hb = np.where(hold, np.where(side == 1, 0.5 * hb, hb), hx)
        a, b = np.where(hold, x, a), np.where(hold, b, x)
        side = np.where(hold, 1, -1)
    return piece, a


def _optimise_posture(c: _Coefficients, max_iter: int = 60):
    """The trunk lean that minimises the choice-rule cost, and the pelvic drop it gives.

    The drop is not chosen: it follows from the lean by the pelvis rule. The
    search samples the pelvis rule's posture curve (every degree of lean for
    a level pelvis, every 2.5 % of the hip's range for a dropped one), adds
    the points where the cost jumps or has a kink (the leans at which the
    muscles just hold the pelvis level, the drops at which the lumbar spine
    reaches its range), then refines the best sample of every piece along
    that piece by a Newton search on finite-difference slopes that halves
    the bracket where Newton would leave it, and keeps the cheapest result.
    Returns lean, drop [rad], the number of refinement steps and True where
    the refinement of the winner converged (a step below ``_STEP_TOL``, or a
    jump or kink, which are samples themselves).
    """
    curve = _Curve(c)
    ids, params, los, his = curve.samples()
    sampled = curve.expanded()
    lean_s, drop_s, hip_s = sampled.posture(ids, params)
    costs = sampled.cost_at(lean_s, drop_s, hip_s)
    # Candidates: the best sample of each piece, and the kinks.
    ids1 = ids.reshape(-1, ids.shape[-1])[0]
    n = ids1.size
    picks = []
    for piece in np.unique(ids1):
        idx = np.flatnonzero(ids1 == piece)
        picks.append(idx[np.argmin(costs[..., idx], axis=-1)])
    best = np.stack(picks, axis=-1)  # S + (pieces,)

    def at(a, i):
        return np.take_along_axis(a, i, axis=-1)

    piece, p, lo, hi, f1 = (at(a, best) for a in (ids, params, los, his, costs))
    # Start from the vertex of the parabola through the best sample and its
    # neighbours on the same piece, where both are on the curve.
    left, right = np.maximum(best - 1, 0), np.minimum(best + 1, n - 1)
    x0, x2, f0, f2 = at(params, left), at(params, right), at(costs, left), at(costs, right)
    same = (ids1[left] == piece) & (ids1[right] == piece)
    with np.errstate(divide="ignore", invalid="ignore"):
        u, v = (p - x0) * (f1 - f2), (p - x2) * (f1 - f0)
        vertex = p - 0.5 * ((p - x0) * u - (p - x2) * v) / (u - v)
    use = same & np.isfinite(f0 + f2) & np.isfinite(vertex) & (vertex > lo) & (vertex < hi)
    p = np.where(use, vertex, p)
    kink_piece, kink = _bend_kinks(sampled, ids, params, lean_s, drop_s)
    piece = np.concatenate([piece, kink_piece], axis=-1)
    p, lo, hi = (np.concatenate([a, kink], axis=-1) for a in (p, lo, hi))
    best_cost = np.concatenate([f1, np.full(kink.shape, np.inf)], axis=-1)
    deeper = curve.expanded(2)
    p, lo, hi, steps, done, best_cost, seen = _refine(deeper, piece, p, lo, hi, best_cost, max_iter)
    # Of each closed bracket, its cheapest point (the cost can jump at a
    # cliff); of all candidates, the cheapest.
    ends = np.stack([lo, p, hi, seen], axis=-1)
    f = deeper.cost(np.broadcast_to(piece[..., None], ends.shape), ends)
    flat = f.reshape(*f.shape[:-2], -1)
    win = np.argmin(flat, axis=-1)
    g = win // ends.shape[-1]
    p = np.take_along_axis(ends.reshape(flat.shape), win[..., None], axis=-1)[..., 0]
    piece = np.take_along_axis(piece, g[..., None], axis=-1)[..., 0]
    converged = np.take_along_axis(done, g[..., None], axis=-1)[..., 0]
    lean, drop, _hip = curve.posture(piece, p)
    return lean, drop, steps, converged


def _refine(sampled: _Curve, piece, p, lo, hi, best_cost, max_iter: int):
    """Newton refinement of every candidate along its piece (see :func:`_optimise_posture`).

    ``sampled`` is the curve with two trailing axes (candidates, stencil).
    """
    seen = p
    done = ~(hi - lo > 0)  # a kink or a jump (or no candidate): not refined
    offsets = np.array([-1.0, 0.0, 1.0]) * _FD_STEP_RAD
    steps = 0
    while steps < max_iter and not np.all(done):
        steps += 1
        trial = p[..., None] + offsets
        f = sampled.cost(np.broadcast_to(piece[..., None], trial.shape), trial)
        better = f[..., 1] < best_cost
        best_cost = np.where(better, f[..., 1], best_cost)
        seen = np.where(better, p, seen)
        with np.errstate(invalid="ignore"):
            d1 = (f[..., 2] - f[..., 0]) / (2 * _FD_STEP_RAD)
            d2 = (f[..., 2] - 2 * f[..., 1] + f[..., 0]) / _FD_STEP_RAD**2
        finite = np.isfinite(d1) & np.isfinite(d2)
        # Where a neighbour is off the curve (a cliff or the end of a piece),
        # the minimum lies on the other side, or, if the cost falls toward
        # it, at the bracket's end on that side: go there.
        to_hi = ~np.isfinite(f[..., 2]) & (f[..., 1] < f[..., 0])
        to_lo = ~np.isfinite(f[..., 0]) & (f[..., 1] < f[..., 2])
        down = np.where(finite, d1 > 0, ~np.isfinite(f[..., 2]) & ~to_hi)
        # Off the curve altogether: back toward the best point seen.
        down = np.where(np.isfinite(f[..., 1]), down, seen < p)
        hi = np.where(down, np.minimum(hi, p), hi)
        lo = np.where(down, lo, np.maximum(lo, p))
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = p - d1 / d2
        good = finite & (d2 > 0) & (newton > lo) & (newton < hi) & (steps % 4 != 0)
        new = np.where(good, newton, 0.5 * (lo + hi))
        new = np.where(to_hi, hi, np.where(to_lo, lo, new))
        new = np.where(done, p, new)
        done = done | (np.abs(new - p) < _STEP_TOL) | (hi - lo < _STEP_TOL)
        if steps == 2:
            # A candidate that costs clearly more than the leader after two
            # steps will not win: stop refining it. Numerical (saves time).
            lead = np.min(best_cost, axis=-1, keepdims=True)
            done = done | (best_cost > lead * (1.0 + _GIVE_UP) + 1e-9)
        p = new
    return p, lo, hi, steps, done, best_cost, seen


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
    lean, drop, iterations, converged = _optimise_posture(c)
    return _forces(inp, body, c, lean, drop, iterations, converged)


def _share_abductors(m, k1, k2, p):
    """Split an abductor moment between gluteus medius and minimus/TFL, neither above 100 %.

    Returns the two moments [N·m]; their sum is ``m`` clipped to the
    group's capacity.
    """
    qexp = p / (p - 1.0)
    w1, w2 = np.power(k1, qexp), np.power(k2, qexp)
    m = np.clip(m, 0.0, k1 + k2)
    m1 = m * w1 / (w1 + w2)
    m2 = m - m1
    over2 = m2 > k2
    m1, m2 = np.where(over2, m - k2, m1), np.where(over2, k2, m2)
    over1 = m1 > k1
    m1, m2 = np.where(over1, k1, m1), np.where(over1, m - k1, m2)
    return m1, m2


def _muscle_moments(c: _Coefficients, hip_active, lumbar_active) -> dict:
    """Muscle moments within their capacities, and what they cannot hold. [N·m]"""
    gm, gt = _share_abductors(hip_active, c.k_gm, c.k_gt, c.power)
    add = np.clip(-hip_active, 0.0, c.k_add)
    lc = np.clip(lumbar_active, 0.0, c.k_lum)
    li = np.clip(-lumbar_active, 0.0, c.k_lum)
    return {
        "glute_med": gm,
        "glute_min_tfl": gt,
        "adductor": add,
        "lumbar_contralateral": lc,
        "lumbar_ipsilateral": li,
        "hip_unsupported": hip_active - (gm + gt - add),
        "lumbar_unsupported": lumbar_active - (lc - li),
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


def _forces(inp, body, c, lean, drop, iterations, converged, *, delivered_hip=None) -> StanceResult:
    cap = muscle_capacities(inp, body)
    hip_active, _slope, passive_hip = _hip_active(c, lean, drop)
    lumbar_active, passive_lumbar = _lumbar_active(c, lean, drop)
    moving = delivered_hip is not None
    moments = _muscle_moments(c, hip_active if not moving else delivered_hip, lumbar_active)
    if moving:
        moments["hip_unsupported"] = hip_active - (
            moments["glute_med"] + moments["glute_min_tfl"] - moments["adductor"]
        )
    feasible, reason = _feasibility(c, lean, drop, moments, converged, moving)
    d_abd, d_add, r_l = body.abductor_arm_m, body.adductor_arm_m, body.lumbar_arm_m
    forces = {
        "glute_med": moments["glute_med"] / d_abd,
        "glute_min_tfl": moments["glute_min_tfl"] / d_abd,
        "adductor": moments["adductor"] / d_add,
        "lc": moments["lumbar_contralateral"] / r_l,
        "li": moments["lumbar_ipsilateral"] / r_l,
    }
    check = _explicit_check(inp, body, lean, drop, forces, passive_hip, passive_lumbar)

    def pct(force, capacity):
        capacity = np.asarray(capacity, dtype=float)
        safe = np.where(capacity > 0, capacity, 1.0)
        return np.where(capacity > 0, 100.0 * force / safe, 0.0)

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
        glute_med_activation_pct=arr(pct(forces["glute_med"], cap["glute_med"])),
        glute_min_tfl_activation_pct=arr(pct(forces["glute_min_tfl"], cap["glute_min_tfl"])),
        hip_adductor_activation_pct=arr(pct(forces["adductor"], cap["adductor"])),
        lumbar_contralateral_activation_pct=arr(pct(forces["lc"], cap["lumbar"])),
        lumbar_ipsilateral_activation_pct=arr(pct(forces["li"], cap["lumbar"])),
        hip_moment_nm=arr(hip_active + passive_hip),
        lumbar_moment_nm=arr(lumbar_active + passive_lumbar),
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
        cost=arr(_cost(c, lean, drop)),
        feasible=np.broadcast_to(feasible, shape).copy(),
        reason=np.broadcast_to(reason, shape).copy(),
        converged=np.broadcast_to(converged, shape).copy(),
        iterations=iterations,
    )
