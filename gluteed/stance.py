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
The two rules and the search are in :mod:`gluteed.posture`; the loads,
capacities and coefficients of a scenario in :mod:`gluteed.stance_loads`;
the forces in the solved posture in :mod:`gluteed.stance_forces`; the
result record in :mod:`gluteed.stance_result`. This module holds the input
and the solver.

Assumptions worth teaching: static (or quasi-static), frontal plane only,
lumped muscles with fixed lines of action, a rigid trunk and pelvis, a
straight stance leg, frictionless joints. Measured people do *not* always
compensate (Kendall et al. 2013 and Pohl et al. 2015 blocked the abductors
without a change in drop or lean on average), so the tolerances are inputs a
student can change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import numpy as np
import numpy.typing as npt

from ._validation import BOUND_ROUNDING, check_shapes, scenario
from .anthropometry import Subject, body_model
from .parameters import check_fields, parameter
from .posture_search import optimise_posture
from .stance_forces import result_at_posture, stance_result
from .stance_loads import coefficients, muscle_capacities, stance_femur_adduction
from .stance_result import ACTIVATION_FIELDS, DROP_VISIBLE_DEG, StanceResult

__all__ = [
    "ACTIVATION_FIELDS",
    "BAG_SIDES",
    "DROP_VISIBLE_DEG",
    "SIDES",
    "STRATEGIES",
    "PersonInput",
    "StanceInput",
    "StanceResult",
    "coefficients",
    "muscle_capacities",
    "result_at_posture",
    "solve_stance",
    "stance_femur_adduction",
]

SIDES = parameter("stance_side").choices
BAG_SIDES = parameter("bag_side").choices

_OPTIONAL = ("lean_tolerance_deg", "drop_tolerance_deg")  # None: the strategy's

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


#: Heaviest bag accepted, as a fraction of body mass. ASSUMPTION: beyond
#: about 30 % of body mass in one hand the small-angle, quasi-static picture
#: of this model stops being a fair description of how people stand.
MAX_BAG_FRACTION = 0.30


def _check_bag_against_mass(bag_kg: npt.ArrayLike, mass_kg: npt.ArrayLike) -> None:
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
class PersonInput:
    """The person of a scenario, the same standing and walking: body and gluteus medius strength.

    The fields are documented with :class:`StanceInput` and
    :class:`gluteed.WalkInput`, which extend this.
    """

    subject: Subject = field(default_factory=Subject)
    glute_med_strength_right: float = 100.0
    glute_med_strength_left: float = 100.0
    glute_med_availability: float = 1.0

    def _check_subject(self) -> None:
        if not isinstance(self.subject, Subject):
            raise ValueError(f"subject must be a gluteed.Subject; got {self.subject!r}")

    def _strengths_swapped(self) -> dict[str, object]:
        """The strength fields of the mirrored person (for ``mirrored``)."""
        return {
            "glute_med_strength_right": self.glute_med_strength_left,
            "glute_med_strength_left": self.glute_med_strength_right,
        }


@dataclass(frozen=True, kw_only=True)
class StanceInput(PersonInput):
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

    stance_side: str = "right"
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
        self._check_subject()
        check_fields(
            self, ("stance_side", "bag_side", "strategy", *NUMBER_FIELDS), optional=_OPTIONAL
        )
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
        other = "left" if self.stance_side == "right" else "right"
        return replace(self, stance_side=other, **self._strengths_swapped())


#: Numeric fields of StanceInput (the registry declares their ranges), in
#: field order; with the three choices, what ``StanceInput`` checks.
NUMBER_FIELDS = tuple(
    f.name for f in fields(StanceInput) if f.name != "subject" and parameter(f.name).is_number
)


def solve_stance(inp: StanceInput | None = None, /, **changes: object) -> StanceResult:
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
    return stance_result(inp, body, c, lean, drop, iterations, converged)
