"""Single-leg stance: a two-segment frontal-plane model with muscle choice.

The model
---------
Seen from the front, with the stance hip centre as origin and *x* positive
toward the swing side:

* **Pelvis + swing leg** pivot on the stance hip. The pelvis may drop on the
  swing side by the *pelvic drop* angle (stance-hip adduction); the swing leg
  hangs vertically from the swing hip.
* **Trunk** (head, arms, upper and middle trunk) pivots on L5-S1 and may lean
  toward the stance side by the *trunk lean* angle, measured from vertical.
* **Muscles**: two stance-side hip abductor groups (gluteus medius; gluteus
  minimus + tensor fasciae latae), the stance-side hip adductors, and the
  left and right lumbar lateral flexors (quadratus lumborum with the lumbar
  erector spinae), each with a capacity (maximum force) and moment arm.
  Passive hip tissue (iliotibial band, capsule) resists pelvic drop.
* **Loads**: body segments, a bag in one hand (its weight hangs from the
  shoulder, so it loads the trunk and L5-S1), a cane in the hand opposite the
  stance leg (ASSUMPTION: pushing down on a cane is done with triceps and
  latissimus dorsi, which runs from the humerus to the iliac crest, so the
  push reaches the pelvis without bending the lumbar spine), and, for walking
  frames, a vertical load factor and a lateral acceleration of the body
  (quasi-static, d'Alembert).

The choice rule
---------------
Equilibrium of the two segments fixes the *net* muscle moment at the hip and
at L5-S1 for any posture, but not the posture or how muscles share a moment.
Like static optimisation (Crowninshield & Brand 1981), the model picks the
posture and the muscle forces that minimise

    J = sum over muscles of activation**2
        + (trunk_lean / lean_tolerance)**2 + (pelvic_drop / drop_tolerance)**2

subject to both equilibria and muscle forces >= 0, where activation = force /
capacity. The two tolerances are the posture cost: a lean equal to
``lean_tolerance`` costs as much as one muscle working at 100 %. Nothing
routes a "deficit" anywhere: when the gluteus medius gets weaker, its
activation becomes more expensive, and the optimum moves toward postures
that need less hip moment (leaning over the stance hip, which the other
side's lower back must then hold) or that let passive tissue help.

For a given posture the muscle sharing has a closed form (minimum sum of
squares under one linear constraint); the posture then solves a smooth
two-variable problem by Newton's method, vectorised over scenarios.

Assumptions worth teaching: static (or quasi-static), frontal plane only,
lumped muscles with fixed lines of action, a rigid trunk and pelvis, a
vertical stance femur, frictionless joints. Measured people do *not* always
compensate (Kendall et al. 2013 and Pohl et al. 2015 blocked the abductors
without a change in drop or lean), so the tolerances are inputs a student can
change. Static equilibrium never *chooses* a dropped pelvis (dropping the
swing side moves L5-S1 and the trunk toward the swing side and raises the hip
moment); a Trendelenburg sign shows up as ``over_capacity``: the abductors
cannot make the moment a level pelvis needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ._validation import BodyWeightMultiples, check_choice, check_number, scenario
from .anthropometry import (
    ABDUCTOR_LINE_FROM_VERTICAL_DEG,
    ADDUCTOR_LINE_FROM_VERTICAL_DEG,
    GRAVITY,
    BodyModel,
    Subject,
    body_model,
)

__all__ = [
    "BAG_SIDES",
    "SIDES",
    "STRATEGIES",
    "StanceInput",
    "StanceResult",
    "muscle_capacities",
    "solve_stance",
]

SIDES = ("right", "left")
BAG_SIDES = ("same", "opposite")

#: Passive hip tissue resisting stance-hip adduction (pelvic drop) and
#: abduction (pelvic hike), double-exponential fit of Anderson FC (1999,
#: PhD thesis, University of Texas at Austin, Table G.2) as used in OpenSim
#: gait models: M(q) = K (exp(B (q - Q0)) - exp(-B (q + Q0))), q = adduction.
#: It is scaled to body size by body weight x hip-centre distance relative to
#: gait2392 (75.16 kg, 0.167 m). Within +/-20 deg it is almost zero: ligaments
#: and the iliotibial band cannot hold a dropped pelvis by themselves.
#: K [N·m], B [1/rad], Q0 [rad].
PASSIVE_HIP_K_NM = 0.03
PASSIVE_HIP_B_PER_RAD = 14.94
PASSIVE_HIP_Q0_RAD = 0.5
_PASSIVE_REFERENCE_NM = 75.16 * 9.81 * 0.167  # body weight x hip distance of gait2392

#: Compensation strategies: (trunk-lean tolerance, pelvic-drop tolerance) in
#: degrees. ASSUMPTION (a modelling choice, not a measurement). "balanced"
#: keeps lean and drop within about 1 deg at full strength, as in healthy
#: one-legged stance; "lean" makes leaning cheap (a Duchenne compensator);
#: "upright" keeps the trunk upright at almost any cost (no compensation,
#: as after the nerve blocks of Kendall et al. 2013 and Pohl et al. 2015).
STRATEGIES = {
    "balanced": (8.0, 3.0),
    "lean": (20.0, 3.0),
    "upright": (1.5, 3.0),
}

_DEG = np.pi / 180.0

#: Heaviest bag accepted, as a fraction of body mass. ASSUMPTION: beyond
#: about 30 % of body mass in one hand the small-angle, quasi-static picture
#: of this model stops being a fair description of how people stand.
MAX_BAG_FRACTION = 0.30


def _check_bag_against_mass(bag_kg, mass_kg) -> None:
    heavy = np.greater(bag_kg, np.multiply(mass_kg, MAX_BAG_FRACTION))
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
        20 % on a cane; Brand & Crowninshield 1980). [%]
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
        put(self, "stance_side", check_choice("side", self.stance_side, SIDES))
        put(self, "bag_side", check_choice("bag_side", self.bag_side, BAG_SIDES))
        put(self, "strategy", check_choice("strategy", self.strategy, tuple(STRATEGIES)))
        for side in SIDES:
            name = f"glute_med_strength_{side}"
            put(self, name, check_number(name, getattr(self, name), 0.0, 100.0, "%"))
        put(
            self,
            "glute_med_availability",
            check_number(
                "glute_med_availability", self.glute_med_availability, 0.0, 1.0, "(fraction)"
            ),
        )
        put(self, "bag_kg", check_number("bag", self.bag_kg, 0.0, 40.0, "kg"))
        _check_bag_against_mass(self.bag_kg, self.subject.mass_kg)
        put(
            self,
            "cane_pct_bw",
            check_number("cane", self.cane_pct_bw, 0.0, 30.0, "% of body weight"),
        )
        put(
            self,
            "vertical_load_factor",
            check_number(
                "vertical_load_factor", self.vertical_load_factor, 0.0, 3.0, "× body weight"
            ),
        )
        put(
            self,
            "lateral_acceleration_ms2",
            check_number("lateral_acceleration", self.lateral_acceleration_ms2, -3.0, 3.0, "m/s²"),
        )
        for name, most in (("lean_tolerance_deg", 30.0), ("drop_tolerance_deg", 10.0)):
            value = getattr(self, name)
            if value is not None:
                put(self, name, check_number(name.removesuffix("_deg"), value, 0.5, most, "deg"))
        put(
            self,
            "activation_exponent",
            check_number("activation_exponent", self.activation_exponent, 2.0, 4.0, "(power)"),
        )

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


# Names of the per-scenario numeric results, with their units, in output order.
_RESULT_UNITS = {
    "trunk_lean_deg": "deg",
    "pelvic_drop_deg": "deg",
    "glute_med_force_n": "N",
    "glute_min_tfl_force_n": "N",
    "hip_adductor_force_n": "N",
    "hip_passive_moment_nm": "N·m",
    "lumbar_contralateral_force_n": "N",
    "lumbar_ipsilateral_force_n": "N",
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
    "hip_residual_nm": "N·m",
    "lumbar_residual_nm": "N·m",
    "cost": "-",
}


@dataclass(frozen=True, kw_only=True)
class StanceResult(BodyWeightMultiples):
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
    glute_med_force_n: np.ndarray
    glute_min_tfl_force_n: np.ndarray
    hip_adductor_force_n: np.ndarray
    hip_passive_moment_nm: np.ndarray
    lumbar_contralateral_force_n: np.ndarray
    lumbar_ipsilateral_force_n: np.ndarray
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
    hip_residual_nm: np.ndarray
    lumbar_residual_nm: np.ndarray
    cost: np.ndarray
    iterations: int

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
        """True where some muscle would have to work above 100 % of its capacity.

        For the hip abductors this is the model's Trendelenburg sign: in the
        chosen posture they cannot hold the pelvis level, so without more
        trunk lean (or a cane) the swing side would drop.
        """
        acts = (
            self.glute_med_activation_pct,
            self.glute_min_tfl_activation_pct,
            self.hip_adductor_activation_pct,
            self.lumbar_contralateral_activation_pct,
            self.lumbar_ipsilateral_activation_pct,
        )
        return np.logical_or.reduce([np.asarray(a) > 100.0 for a in acts])

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

        def plain(value: np.ndarray) -> float | list:
            arr = np.asarray(value, dtype=float)
            return float(arr) if arr.ndim == 0 else arr.tolist()

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
        out["over_capacity"] = (
            bool(self.over_capacity)
            if np.ndim(self.over_capacity) == 0
            else self.over_capacity.tolist()
        )
        out["iterations"] = self.iterations
        return out

    def summary(self) -> str:
        """One plain-language sentence about a single scenario."""
        if np.ndim(self.trunk_lean_deg) != 0:
            raise ValueError("summary() describes one scenario; index the batch first")
        side = self.stance_side
        other = "left" if side == "right" else "right"
        lean = float(self.trunk_lean_deg)
        drop = float(self.pelvic_drop_deg)
        lean_text = (
            f"the trunk leans {lean:.1f}° over the {side} hip"
            if lean >= 0.05
            else (
                "the trunk stays upright" if lean > -0.05 else f"the trunk leans {-lean:.1f}° away"
            )
        )
        drop_text = (
            f"the {other} side of the pelvis drops {drop:.1f}°"
            if drop >= 0.05
            else (
                "the pelvis stays level" if drop > -0.05 else f"the {other} side hikes {-drop:.1f}°"
            )
        )
        hip_over = max(
            float(self.glute_med_activation_pct), float(self.glute_min_tfl_activation_pct)
        )
        if hip_over > 100.0:
            drop_text = "the pelvis cannot be held level"
        warning = ""
        if bool(self.over_capacity):
            warning = (
                " More than 100 % of a muscle's capacity is needed: without more trunk lean or a "
                "cane the swing side of the pelvis would drop (a positive Trendelenburg sign)."
            )
        return (
            f"Standing on the {side} leg: the {side} gluteus medius works at "
            f"{float(self.glute_med_activation_pct):.0f} % of its capacity, {lean_text} and "
            f"{drop_text}; the {other} lower back pulls with "
            f"{float(self.lumbar_contralateral_force_bw):.2f} × body weight "
            f"(the {side} with {float(self.lumbar_ipsilateral_force_bw):.2f}); "
            f"hip contact force {float(self.hip_contact_force_bw):.2f} × body weight.{warning}"
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
    c_abd: np.ndarray  # effective capacities [N·m]
    c_add: np.ndarray
    c_lum: np.ndarray
    passive_scale: np.ndarray  # [N·m]
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


def _group_capacity(arm, capacities, power) -> np.ndarray:
    """Effective moment capacity of muscles sharing one lever. [N·m]

    Minimising sum((F_i / Fmax_i)**p) subject to arm * sum(F_i) = M gives
    F_i proportional to Fmax_i**(p / (p - 1)) and a minimum cost (M / C)**p
    with C = arm * (sum Fmax_i**(p / (p - 1)))**((p - 1) / p).
    """
    q = np.divide(power, np.subtract(power, 1.0))
    total = sum(np.power(f, q) for f in capacities)
    return arm * np.power(total, 1.0 / q)


def _coefficients(inp: StanceInput, body: BodyModel) -> _Coefficients:
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
    c_abd = _group_capacity(
        body.abductor_arm_m, (cap["glute_med"], cap["glute_min_tfl"]), inp.activation_exponent
    )
    bw_d = body.body_weight_n * 2 * body.half_hip_distance_m  # [N·m]
    shape = np.broadcast_shapes(*(np.shape(v) for v in (ac, as_, bs, bc, a0, ls, lc, c_abd)))

    def full(value: object) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype=float), shape)

    return _Coefficients(
        a0=full(a0),
        ac=full(ac),
        as_=full(as_),
        bs=full(bs),
        bc=full(bc),
        ls=full(ls),
        lc=full(lc),
        c_abd=full(c_abd),
        c_add=full(body.adductor_arm_m * cap["adductor"]),
        c_lum=full(body.lumbar_arm_m * cap["lumbar"]),
        passive_scale=full(PASSIVE_HIP_K_NM * bw_d / _PASSIVE_REFERENCE_NM),
        lean_tol=full(np.multiply(inp.lean_tolerance, _DEG)),
        drop_tol=full(np.multiply(inp.drop_tolerance, _DEG)),
        power=full(inp.activation_exponent),
    )


def _passive(c: _Coefficients, drop: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Passive hip moment (resisting drop positive) and its first two derivatives."""
    b = PASSIVE_HIP_B_PER_RAD
    up = c.passive_scale * np.exp(b * (drop - PASSIVE_HIP_Q0_RAD))
    down = c.passive_scale * np.exp(-b * (drop + PASSIVE_HIP_Q0_RAD))
    return up - down, b * (up + down), b * b * (up - down)


def _hip_active(c: _Coefficients, lean: np.ndarray, drop: np.ndarray):
    """Net active hip moment (abductors positive) and its derivatives."""
    sl, cl, sd, cd = np.sin(lean), np.cos(lean), np.sin(drop), np.cos(drop)
    mp, dmp, ddmp = _passive(c, drop)
    m = c.a0 + c.ac * cd + c.as_ * sd + c.bs * sl + c.bc * cl - mp
    m_l = c.bs * cl - c.bc * sl
    m_d = -c.ac * sd + c.as_ * cd - dmp
    m_ll = -c.bs * sl - c.bc * cl
    m_dd = -c.ac * cd - c.as_ * sd - ddmp
    lum = c.ls * sl + c.lc * cl
    lum_l = c.ls * cl - c.lc * sl
    lum_ll = -lum
    return m, m_l, m_d, m_ll, m_dd, lum, lum_l, lum_ll


def _power_terms(x: np.ndarray, cap: np.ndarray, p: np.ndarray):
    """|x / cap|**p and its first two derivatives with respect to x."""
    u = np.abs(x) / cap
    up2 = np.power(u, p - 2)
    value = up2 * u * u
    first = p * up2 * u * np.sign(x) / cap
    second = p * (p - 1) * up2 / cap**2
    return value, first, second


def _objective_terms(c: _Coefficients, lean: np.ndarray, drop: np.ndarray):
    m, m_l, m_d, m_ll, m_dd, lum, lum_l, lum_ll = _hip_active(c, lean, drop)
    h, h1, h2 = _power_terms(m, np.where(m >= 0, c.c_abd, c.c_add), c.power)
    k, k1, k2 = _power_terms(lum, c.c_lum, c.power)
    cost = h + k + (lean / c.lean_tol) ** 2 + (drop / c.drop_tol) ** 2
    g_l = h1 * m_l + k1 * lum_l + 2 * lean / c.lean_tol**2
    g_d = h1 * m_d + 2 * drop / c.drop_tol**2
    h_ll = h2 * m_l**2 + h1 * m_ll + k2 * lum_l**2 + k1 * lum_ll + 2 / c.lean_tol**2
    h_dd = h2 * m_d**2 + h1 * m_dd + 2 / c.drop_tol**2
    h_ld = h2 * m_l * m_d
    return cost, g_l, g_d, h_ll, h_dd, h_ld


def _cost(c: _Coefficients, lean: np.ndarray, drop: np.ndarray) -> np.ndarray:
    """The choice-rule cost J alone (for the line search)."""
    sl, cl, sd, cd = np.sin(lean), np.cos(lean), np.sin(drop), np.cos(drop)
    m = c.a0 + c.ac * cd + c.as_ * sd + c.bs * sl + c.bc * cl - _passive(c, drop)[0]
    lum = c.ls * sl + c.lc * cl
    cap = np.where(m >= 0, c.c_abd, c.c_add)
    return (
        (np.abs(m) / cap) ** c.power
        + (np.abs(lum) / c.c_lum) ** c.power
        + (lean / c.lean_tol) ** 2
        + (drop / c.drop_tol) ** 2
    )


def _optimise_posture(c: _Coefficients, tol: float = 1e-12, max_iter: int = 100):
    """Minimise the choice-rule cost over (lean, drop), starting upright and level.

    Damped Newton: where the 2x2 Hessian is not positive definite it is
    shifted until it is (Levenberg), and every step is shortened until the
    cost falls enough (Armijo backtracking). From the upright start this
    finds the nearest minimum, so the posture changes continuously with the
    inputs. Vectorised: every scenario of a batch iterates together.
    """
    shape = c.ac.shape
    lean = np.zeros(shape)
    drop = np.zeros(shape)
    cost = _cost(c, lean, drop)
    iteration = 0
    while iteration < max_iter:
        iteration += 1
        _, g_l, g_d, h_ll, h_dd, h_ld = _objective_terms(c, lean, drop)
        # Smallest eigenvalue of the Hessian; shift it to at least 1e-9 x its size.
        half_trace, half_diff = (h_ll + h_dd) / 2, (h_ll - h_dd) / 2
        eig_min = half_trace - np.hypot(half_diff, h_ld)
        floor = 1e-9 * (np.abs(half_trace) + np.hypot(half_diff, h_ld)) + 1e-12
        shift = np.maximum(0.0, floor - eig_min)
        a, d = h_ll + shift, h_dd + shift
        det = a * d - h_ld**2
        step_l = -(d * g_l - h_ld * g_d) / det
        step_d = -(a * g_d - h_ld * g_l) / det
        # Trust region: no step longer than 0.2 rad (11 deg) in either angle.
        scale = np.minimum(
            1.0, 0.2 / np.maximum(np.maximum(np.abs(step_l), np.abs(step_d)), 1e-300)
        )
        step_l, step_d = step_l * scale, step_d * scale
        slope = g_l * step_l + g_d * step_d  # < 0: a descent direction
        t = np.ones(shape)
        new_cost = _cost(c, lean + step_l, drop + step_d)
        for _ in range(40):
            # Armijo's sufficient decrease, allowing for rounding near the optimum.
            short = ~(new_cost <= cost + 1e-4 * t * slope + 1e-13 * (1.0 + np.abs(cost)))
            if not short.any():
                break
            t = np.where(short, t / 2, t)
            new_cost = np.where(short, _cost(c, lean + t * step_l, drop + t * step_d), new_cost)
        lean = lean + t * step_l
        drop = drop + t * step_d
        cost = new_cost
        if (
            max(np.max(np.abs(t * step_l), initial=0.0), np.max(np.abs(t * step_d), initial=0.0))
            < tol
        ):
            break
    return lean, drop, iteration


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

    References
    ----------
    Crowninshield RD, Brand RA (1981) A physiologically based criterion of
    muscle force prediction in locomotion. J Biomech 14:793-801,
    doi:10.1016/0021-9290(81)90035-X.
    Kendall KD et al. (2013) Clin J Sport Med 23:45-51 and Pohl MB et al.
    (2015) J Athl Train 50:385-391: after a superior gluteal nerve block
    healthy men neither dropped the pelvis nor leaned more.
    """
    inp = scenario(inp, StanceInput, changes, solver="solve_stance", what="stance")
    body = body_model(inp.subject)
    c = _coefficients(inp, body)
    lean, drop, iterations = _optimise_posture(c)
    return _forces(inp, body, c, lean, drop, iterations)


def _forces(inp, body, c, lean, drop, iterations) -> StanceResult:
    cap = muscle_capacities(inp, body)
    ld = _loads(inp, body)
    m, *_rest, lum, _lum_l, _lum_ll = _hip_active(c, lean, drop)
    passive = _passive(c, drop)[0]
    d_abd, d_add, r_l = body.abductor_arm_m, body.adductor_arm_m, body.lumbar_arm_m
    m_pos, m_neg = np.maximum(m, 0.0), np.maximum(-m, 0.0)
    q = np.divide(inp.activation_exponent, np.subtract(inp.activation_exponent, 1.0))
    w_gm, w_gt = np.power(cap["glute_med"], q), np.power(cap["glute_min_tfl"], q)
    f_gm = m_pos / d_abd * w_gm / (w_gm + w_gt)
    f_gt = m_pos / d_abd * w_gt / (w_gm + w_gt)
    f_add = m_neg / d_add
    f_lc = np.maximum(lum, 0.0) / r_l
    f_li = np.maximum(-lum, 0.0) / r_l

    # --- independent equilibrium check from explicit positions -------------
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
    shoulder_up = (l5[0] - body.shoulder_height_m * sl, l5[1] + body.shoulder_height_m * cl)
    hand_opp = shoulder_up[0] + body.hand_offset_m * cl
    hand_bag = shoulder_up[0] + ld["bag_sign"] * body.hand_offset_m * cl

    def moment(point, force):  # z-moment about the stance hip of a force at a point
        return point[0] * force[1] - point[1] * force[0]

    gravity_moment = (
        moment(trunk, (body.trunk_mass_kg * fx, body.trunk_mass_kg * fy))
        + moment(pelvis, (body.pelvis_mass_kg * fx, body.pelvis_mass_kg * fy))
        + moment(leg, (body.leg_mass_kg * fx, body.leg_mass_kg * fy))
        + hand_bag * (-ld["bag"])
        + hand_opp * ld["cane"]
    )  # counter-clockwise positive = lifts the swing side
    muscle_moment = (f_gm + f_gt) * d_abd - f_add * d_add + passive
    hip_residual = gravity_moment + muscle_moment

    # Lumbar: moments about L5-S1 on the trunk, counter-clockwise positive.
    def about_l5(point, force):
        return (point[0] - l5[0]) * force[1] - (point[1] - l5[1]) * force[0]

    lumbar_residual = (
        about_l5(trunk, (body.trunk_mass_kg * fx, body.trunk_mass_kg * fy))
        + (hand_bag - l5[0]) * (-ld["bag"])
        - (f_lc - f_li) * r_l
    )

    # --- joint reactions ----------------------------------------------------
    abd_line = np.radians(ABDUCTOR_LINE_FROM_VERTICAL_DEG)
    add_line = np.radians(ADDUCTOR_LINE_FROM_VERTICAL_DEG)
    m_above = body.trunk_mass_kg + body.pelvis_mass_kg + body.leg_mass_kg
    passive_abd = np.maximum(passive, 0.0) / d_abd
    passive_add = np.maximum(-passive, 0.0) / d_add
    pull_abd = f_gm + f_gt + passive_abd  # on the pelvis: down and lateral
    pull_add = f_add + passive_add
    ext_x = m_above * fx - pull_abd * np.sin(abd_line) - pull_add * np.sin(add_line)
    ext_y = (
        m_above * fy
        - ld["bag"]
        + ld["cane"]
        - pull_abd * np.cos(abd_line)
        - pull_add * np.cos(add_line)
    )
    hip_x, hip_y = -ext_x, -ext_y
    # L5-S1: reaction of the pelvis on the trunk, along and across the trunk.
    ux, uy = -sl, cl  # trunk axis, upward
    nx, ny = cl, sl  # across the trunk, toward the swing side
    t_x = body.trunk_mass_kg * fx - (f_lc + f_li) * ux
    t_y = body.trunk_mass_kg * fy - ld["bag"] - (f_lc + f_li) * uy
    compression = -(t_x * ux + t_y * uy)
    shear = -(t_x * nx + t_y * ny)

    def pct(force, capacity):
        capacity = np.asarray(capacity, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(capacity > 0, 100.0 * force / np.where(capacity > 0, capacity, 1.0), 0.0)
        return out

    cost = _objective_terms(c, lean, drop)[0]
    shape = c.ac.shape

    def arr(value):
        return np.broadcast_to(np.asarray(value, dtype=float), shape).copy()

    return StanceResult(
        inputs=inp,
        body_weight_n=arr(body.body_weight_n),
        trunk_lean_deg=arr(np.degrees(lean)),
        pelvic_drop_deg=arr(np.degrees(drop)),
        glute_med_force_n=arr(f_gm),
        glute_min_tfl_force_n=arr(f_gt),
        hip_adductor_force_n=arr(f_add),
        hip_passive_moment_nm=arr(passive),
        lumbar_contralateral_force_n=arr(f_lc),
        lumbar_ipsilateral_force_n=arr(f_li),
        glute_med_activation_pct=arr(pct(f_gm, cap["glute_med"])),
        glute_min_tfl_activation_pct=arr(pct(f_gt, cap["glute_min_tfl"])),
        hip_adductor_activation_pct=arr(pct(f_add, cap["adductor"])),
        lumbar_contralateral_activation_pct=arr(pct(f_lc, cap["lumbar"])),
        lumbar_ipsilateral_activation_pct=arr(pct(f_li, cap["lumbar"])),
        hip_moment_nm=arr(m + passive),
        lumbar_moment_nm=arr(lum),
        hip_contact_force_n=arr(np.hypot(hip_x, hip_y)),
        hip_contact_force_x_n=arr(hip_x),
        hip_contact_force_y_n=arr(hip_y),
        hip_contact_angle_deg=arr(np.degrees(np.arctan2(hip_x, hip_y))),
        l5s1_compression_n=arr(compression),
        l5s1_shear_n=arr(shear),
        hip_residual_nm=arr(hip_residual),
        lumbar_residual_nm=arr(lumbar_residual),
        cost=arr(cost),
        iterations=iterations,
    )
