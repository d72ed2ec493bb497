"""The glute–hamstring complex: a forward bend seen from the side.

The model
---------
A person stands with straight knees and bends forward until the trunk is
inclined by a given angle from vertical (the *trunk inclination*, the line
from the lumbosacral joint L5-S1 to the centre of mass of head, arms and
trunk). That angle is made of two parts:

* **hip flexion** – the pelvis tilting forward on the (vertical) thighs, and
* **lumbar flexion** – the trunk bending forward on the pelvis at L5-S1
  (the lumbar spine lumped into one joint).

trunk inclination = hip flexion + lumbar flexion. Which share each joint
takes is *not* prescribed; it comes out of the choice rule below.

What resists the bend:

* at the hips (both legs together) the gluteus maximus and the three
  two-joint hamstrings (semimembranosus, semitendinosus, biceps femoris long
  head), each with an active capacity and a passive force from stretch along
  the passive force-length curve of OpenSim's Thelen2003Muscle with gait2392's
  values, k_PE = 4 and e0 = 0.6, not those Thelen (2003) published (its kink
  at optimal fibre length smoothed over a few % strain), with the muscle paths, maximum
  forces, optimal fibre lengths and tendon slack lengths of the OpenSim
  gait2392 model, the passive force scaled to the whole-joint measurements
  of Riener & Edrich (1999). Hip flexion stretches the hamstrings; a
  straight knee keeps them long.
* at L5-S1 the erector spinae (active) and the passive lumbar tissues
  (ligaments, discs, fascia) whose resistance rises exponentially with
  lumbar flexion.

What a body can do
------------------
Every muscle works at most at 100 % of its capacity: a hard limit, not a
flag. The bend is a *relaxed* one: gravity pulls the trunk down, and no
muscle pulls the body deeper into it. So

* the lumbar spine flexes at most to its *relaxed limit*, where its passive
  tissue alone holds the trunk (the abdominals would have to pull it
  further), and never beyond its range (``LUMBAR_FLEXION_RANGE_DEG``). At
  the relaxed limit the erector spinae fall silent: the flexion-relaxation
  seen in electromyograms near full flexion (Floyd & Silver 1955; Kippers &
  Parker 1984);
* the hips flex at most until gravity's moment about them equals the
  passive pull of the stretched hamstrings: the hamstrings stop the pelvis
  (the hip flexors may hold the pelvis against tipping back, never pull it
  past that stop);
* a bend whose lumbar part would exceed the relaxed limit while the hips are
  stopped is out of reach. The deepest reachable bend,
  ``reachable_trunk_inclination_deg``, is the lumbar spine at its relaxed
  limit plus the hip flexion at which the hamstrings stop the pelvis; it
  falls as the hamstrings tighten.

When the muscles cannot make a moment, the split moves towards the passive
tissue (more lumbar flexion relieves the erector spinae, more hip flexion
the hip extensors) within those limits; when no split can hold the bend, the
result says so (``feasible`` False, ``reason`` in words) and reports no pose.

Hamstring tightness is entered as the active-knee-extension (AKE) deficit a
student measures at 90° of hip flexion, or as a straight-leg-raise (SLR)
angle. The mapping to the muscle is explicit geometry: the gait2392
hamstrings *are* a person with the normal (mean) AKE of their sex (Yildirim
et al. 2018); a person whose knee stops ``d`` degrees short of straight is
assumed to reach the same end-of-test hamstring tension at that position, so
each hamstring's slack length is shorter by its muscle-tendon length at
(90° hip, normal AKE) minus its length at (90° hip, ``d``). An SLR angle is
converted to the AKE deficit that stretches the hamstrings (force-weighted
mean muscle-tendon length) equally.

The choice rule
---------------
Equilibrium fixes the net moment at the hips and at L5-S1 for any split of
the bend, but not the split itself nor which muscles carry the moments.
The model picks the split of the bend and the muscle forces that minimise

    J = sum over muscles of activation**p  +  (passive strain energy) / E_tol

subject to both equilibria and the limits above (p = 3 by default,
Crowninshield & Brand's endurance criterion, as in :mod:`gluteed.stance`).
Activation = force / capacity; the passive strain energy is the elastic
energy of gait2392's curves in the stretched hamstrings and gluteus maximus
(a measure of how far they are stretched) and of the lumbar tissues;
``E_tol`` is the strain energy that costs as much as one muscle working at
100 %. Muscle sharing at a given split has a closed form; the split is a
one-variable problem (grid search, then Newton's method, then the limits).
Nothing hands a "deficit" to the back: tight hamstrings are stretched more
for the same hip flexion, so the optimum moves part of the bend to the
lumbar spine.

The lumbar passive curve and ``E_tol`` are calibrated (three numbers) so
that normal hamstrings reproduce the lumbopelvic rhythm of Esola et al.
(1996): lumbar:hip ratios 1.9 / 0.9 / 0.4 over 0-30 / 30-60 / 60-90° (the
model gives 1.72 / 0.74 / 0.39) and 41.6° lumbar + 69.4° hip flexion at a
full bend of 111° (model: 41° + 70°).

Mechanics, not hypothesis: everything above. At a given trunk inclination
the net moment the lower back must hold is fixed by the weight of the trunk
alone (a rigid trunk), so neither tight hamstrings nor weak glutes can
change it; they change how far the lumbar spine bends and how much of that
moment its passive tissues carry instead of the erector spinae.

Hypothesis: ``glute_inhibition`` ("tight hamstrings reduce access to the
glutes"; synergistic dominance in the clinical models of Sahrmann and
Janda), off by default, with little direct evidence. It lowers the
availability of the gluteus maximus as the AKE deficit grows (see
:func:`glute_availability`; the same function feeds
``StanceInput(glute_med_availability=...)`` in single-leg stance). It is
modelled as a recruitment problem: the person bends the same way (the split
is chosen with the gluteal strength, not its availability) but recruits the
gluteus less, so its share of the hip moment moves to the hamstrings. In a
static bend there is no mechanical route from the hip extensors to the
lumbar extensors: the lower back's load is unchanged (never lowered). If
posture were allowed to respond as well, the direction would depend on the
case: leaning on the passive hamstrings (more hip flexion) competes with
sparing them (more lumbar flexion), so the model does not claim either.

Assumptions worth teaching: static, sagittal plane, both sides equal
(forces are for left + right together), vertical thighs and straight knees,
rigid trunk above L5-S1 and rigid pelvis, the lumbar spine as one joint,
rigid tendons, muscle and passive lumbar tissue pulling parallel to the
trunk at L5-S1 with the erector spinae moment arm (so compression depends
on the net moment only, and shear on the trunk angle only). The L5-S1
compression leaves out muscle tone and co-contraction of the trunk muscles:
upright it is the weight above L5-S1 alone, about 0.5 × body weight, where
in-vivo estimates of standing are about 1 × body weight; read it as a lower
bound. Since no abdominal muscle acts in a relaxed bend, the compression
depends on the trunk inclination only, not on the hamstrings.

References
----------
Floyd WF, Silver PHS (1955) The function of the erectores spinae muscles in
certain movements and postures in man. J Physiol 129:184-203,
doi:10.1113/jphysiol.1955.sp005347 (silence of the erector spinae in full
flexion). [@floyd1955]
Kippers V, Parker AW (1984) Spine 9:740-745 (silence at 89 % of maximum
vertebral flexion). [@kippers1984]
Riener R, Edrich T (1999) J Biomech 32:539-544 (passive hip moments).
[@riener1999]
Waters TR, Putz-Anderson V, Garg A, Fine LJ (1993) Revised NIOSH equation for
the design and evaluation of manual lifting tasks. Ergonomics 36:749-776
(the 3.4 kN compression action limit, a reference for the tests).
[@waters1993]
Wilke HJ, Neef P, Caimi M, Hoogland T, Claes LE (1999) New in vivo
measurements of pressures in the intervertebral disc in daily life. Spine
24:755-762 (disc pressure standing 0.5 MPa, flexed forward 1.1 MPa).
[@wilke1999]
"""

from __future__ import annotations

import numpy as np

# The model is split by topic into private modules; every public name is here.
from ._bend_input import SLR_RANGE_DEG, BendInput, glute_availability
from ._bend_muscles import (
    ABDOMINAL_ARM_M,
    ABDOMINAL_MAX_FORCE_N,
    AKE_NORMAL_DEG,
    AKE_RANGE_DEG,
    AKE_TIGHT_DEG,
    ERECTOR_ARM_M,
    FULL_BEND_DEG,
    HIP_FLEXOR_ARM_M,
    HIP_FLEXOR_MAX_FORCE_N,
    HIP_PASSIVE_SCALE,
    INCLINATION_RANGE_DEG,
    INHIBITION_STRENGTH,
    LUMBAR_FLEXION_RANGE_DEG,
    LUMBAR_PASSIVE_A_NM,
    LUMBAR_PASSIVE_B_PER_RAD,
    NINETY_NINETY_POSITIVE_DEG,
    STRAIN_ENERGY_TOLERANCE_J,
    THELEN_E0,
    THELEN_GAMMA,
    THELEN_KPE,
    ake_to_slr,
    hamstring_lengths,
    hamstring_slack_shortening,
    hamstring_status,
    lumbar_passive_moment,
    slr_to_ake,
    thelen_passive_force,
)
from ._bend_pack import SHARE_REFERENCE, pack_result
from ._bend_reach import REACH_SEARCH_HIP_DEG, reachable
from ._bend_result import BendResult
from ._bend_solver import PASSIVE_ONSET_WIDTH, batch, hip_bounds, optimise_split
from ._validation import scenario
from .anthropometry import body_model

__all__ = [
    "ABDOMINAL_ARM_M",
    "ABDOMINAL_MAX_FORCE_N",
    "AKE_NORMAL_DEG",
    "AKE_RANGE_DEG",
    "AKE_TIGHT_DEG",
    "ERECTOR_ARM_M",
    "FULL_BEND_DEG",
    "HIP_FLEXOR_ARM_M",
    "HIP_FLEXOR_MAX_FORCE_N",
    "HIP_PASSIVE_SCALE",
    "INCLINATION_RANGE_DEG",
    "INHIBITION_STRENGTH",
    "LUMBAR_FLEXION_RANGE_DEG",
    "LUMBAR_PASSIVE_A_NM",
    "LUMBAR_PASSIVE_B_PER_RAD",
    "NINETY_NINETY_POSITIVE_DEG",
    "PASSIVE_ONSET_WIDTH",
    "REACH_SEARCH_HIP_DEG",
    "SHARE_REFERENCE",
    "SLR_RANGE_DEG",
    "STRAIN_ENERGY_TOLERANCE_J",
    "THELEN_E0",
    "THELEN_GAMMA",
    "THELEN_KPE",
    "BendInput",
    "BendResult",
    "ake_to_slr",
    "glute_availability",
    "hamstring_lengths",
    "hamstring_slack_shortening",
    "hamstring_status",
    "lumbar_passive_moment",
    "slr_to_ake",
    "solve_bend",
    "thelen_passive_force",
]


def solve_bend(inp: BendInput | None = None, /, **changes: object) -> BendResult:
    """Solve a static forward bend for one scenario or a batch.

    Parameters
    ----------
    inp : BendInput, optional
        The scenario; defaults to ``BendInput()`` (70 kg, 1.75 m man, normal
        hamstrings, trunk inclined 45°).
    **changes
        Fields of :class:`BendInput` to replace, e.g.
        ``solve_bend(trunk_inclination_deg=np.linspace(0, 90, 91), ake_deg=40)``.
        Numeric fields may be arrays; they broadcast against each other.

    Returns
    -------
    BendResult
        Where a bend cannot be held within the muscles' capacities and the
        joints' limits, ``feasible`` is False, ``reason`` says why and the
        pose, forces and moments are NaN; ``reachable_trunk_inclination_deg``
        is always given.

    Notes
    -----
    See the module docstring for the model, the limits, the choice rule and
    the assumptions. The equilibrium residuals are recomputed from explicit
    segment positions and the final forces, independently of the solver.
    The L5-S1 compression leaves out muscle tone and co-contraction.

    References
    ----------
    Esola MA et al. (1996) Spine 21:71-78 (lumbopelvic rhythm, calibration)
    [@esola1996].
    Thelen DG (2003) J Biomech Eng 125:70-77 (the form of the muscle
    force-length curves; gait2392's values) [@thelen2003; @gait2392].
    Delp SL et al. (1990) IEEE Trans Biomed Eng 37:757 (gait2392 geometry)
    [@delp1990].
    Yildirim MS et al. (2018) Balkan Med J 35:388 (AKE norms and cut-offs)
    [@yildirim2018].
    Crowninshield RD, Brand RA (1981) J Biomech 14:793 (activation criterion)
    [@crowninshield1981].
    """
    inp = scenario(inp, BendInput, changes, solver="solve_bend", what="bend")
    body = body_model(inp.subject)
    b = batch(inp, body)
    s, iterations, grid = optimise_split(b)
    bounds = hip_bounds(b, grid, s)
    s = np.clip(s, bounds["lo"] / b.phi_eff, bounds["hi"] / b.phi_eff)
    return pack_result(inp, body, b, s, iterations, bounds, reachable(b))
