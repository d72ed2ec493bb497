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

from dataclasses import dataclass, field, fields, replace
from typing import ClassVar

import numpy as np

from ._results import Result, flags, texts
from ._results import plain as plain_value
from ._validation import check_choice, scenario
from .anthropometry import (
    GRAVITY,
    LUMBAR_MAX_FORCE_N,
    MUSCLE_REFERENCE_MASS_KG,
    SEXES,
    BodyModel,
    Subject,
    body_model,
)
from .geometry import (
    BACK_IN_PELVIS,
    ERECTOR_SPINAE_PATH,
    GAIT2392_MUSCLES,
    HIP_IN_PELVIS,
    KNEE_IN_FEMUR,
)
from .geometry import GAIT2392_HIP_DISTANCE_M as _GAIT2392_HIP_DISTANCE_M
from .parameters import check, parameter

__all__ = [
    "AKE_NORMAL_DEG",
    "AKE_TIGHT_DEG",
    "HIP_PASSIVE_SCALE",
    "INCLINATION_RANGE_DEG",
    "LUMBAR_FLEXION_RANGE_DEG",
    "NINETY_NINETY_POSITIVE_DEG",
    "REACH_SEARCH_HIP_DEG",
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

_DEG = np.pi / 180.0

# --- Clinical tests -----------------------------------------------------------
#: Active knee extension (AKE) deficit of young adults with normal hamstrings,
#: mean and SD, and the cut-off above which hamstrings count as tight, for
#: women and men, 123 university students aged 18-24: Yildirim MS, Tuna F,
#: Demirbag Kabayel D, Sut N (2018) The cut-off values for the diagnosis of
#: hamstring shortness and related factors. Balkan Med J 35:388-393,
#: doi:10.4274/balkanmedj.2017.1517. [deg]
AKE_NORMAL_DEG = {"female": (13.4, 6.0), "male": (17.8, 9.1)}
AKE_TIGHT_DEG = {"female": 23.4, "male": 33.0}
#: The 90-90 (AKE) test is called positive when the knee stops more than 20°
#: short of full extension with the hip at 90°: the common clinical cut-off,
#: used a priori by Hansberger BL et al. (2019) Evaluating the relationship
#: between clinical assessments of apparent hamstring tightness. Int J Sports
#: Phys Ther 14:253-263. [deg]
NINETY_NINETY_POSITIVE_DEG = 20.0
#: Allowed AKE deficit: from a fully straight knee to a right angle
#: (declared in :mod:`gluteed.parameters`). [deg]
AKE_RANGE_DEG = parameter("ake_deg").range
#: Modelled trunk inclination: upright to past horizontal (declared, with its
#: source, in :mod:`gluteed.parameters`; see also FULL_BEND_DEG). [deg]
INCLINATION_RANGE_DEG = parameter("trunk_inclination_deg").range
#: Full forward bend of healthy adults: 41.6° lumbar + 69.4° hip = 111°
#: (Esola MA, McClure PW, Fitzgerald GK, Siegler S (1996) Analysis of lumbar
#: spine and hip motion during forward bending in subjects with and without a
#: history of low back pain. Spine 21:71-78) [@esola1996]. [deg]
FULL_BEND_DEG = 111.0

# --- Muscle and joint geometry: OpenSim gait2392 -------------------------------
# The points and muscle constants are gait2392's (``gluteed.geometry``, with
# their source); lengths are scaled to a subject by the ratio of hip-centre
# distances (the model's is 0.167 m), forces by body mass / 75.16 kg.
_HIP_IN_PELVIS = np.array(HIP_IN_PELVIS)
_BACK_IN_PELVIS = np.array(BACK_IN_PELVIS)
_KNEE_IN_FEMUR = np.array(KNEE_IN_FEMUR)
_HAMSTRINGS = ("semimem", "semiten", "bifemlh")
_N_HAM = len(_HAMSTRINGS)


def _chain_length(points) -> float:
    pts = np.asarray(points, dtype=float)
    return float(np.sum(np.linalg.norm(np.diff(pts, axis=0), axis=1))) if len(pts) > 1 else 0.0


def _table():
    """Per-muscle arrays (hamstrings first), shape (6, 1, 1) for broadcasting."""
    rows = []
    for name, m in GAIT2392_MUSCLES.items():
        fmax, l0, lts = m.max_force_n, m.optimal_fibre_length_m, m.tendon_slack_length_m
        alpha, pelvis, moving, body = m.pennation_rad, m.pelvis, m.moving, m.body
        origin = np.asarray(pelvis[-1]) - _HIP_IN_PELVIS  # relative to the hip centre
        first = np.asarray(moving[0], dtype=float)
        tibial = np.asarray(moving[0], dtype=float) if body == "tibia" else np.zeros(3)
        tail = _chain_length(pelvis) + _chain_length(moving)
        rows.append((name, fmax, l0, lts, l0 * np.sin(alpha), origin, first, tibial, tail, body))
    return rows


_ROWS = _table()


def _col(index: int) -> np.ndarray:
    return np.array([float(r[index]) for r in _ROWS]).reshape(-1, 1, 1)


_FMAX = _col(1)  # [N]
_L0 = _col(2)  # optimal fibre length [m]
_LTS = _col(3)  # tendon slack length [m]
_WIDTH = _col(4)  # l0 sin(pennation): constant fibre "height" [m]
_TAIL = _col(8)  # fixed part of the path [m]
_O = np.array([r[5] for r in _ROWS]).T.reshape(3, -1, 1, 1)  # pelvis point - hip [m]
# Moving point in the femur frame with the knee straight (femur origin = hip centre).
_P_STRAIGHT = np.array(
    [(_KNEE_IN_FEMUR + r[6]) if r[9] == "tibia" else r[6] for r in _ROWS]
).T.reshape(3, -1, 1, 1)
_HAM_WEIGHTS = np.array([r[1] for r in _ROWS[:_N_HAM]])  # Fmax weights for the mean length


def _line_distance(a, b, point) -> float:
    """Perpendicular distance of ``point`` from the line through a and b (sagittal)."""
    a, b, p = (np.asarray(v, dtype=float)[:2] for v in (a, b, point))
    d = (b - a) / np.linalg.norm(b - a)
    v = p - a
    return float(abs(d[0] * v[1] - d[1] * v[0]))


_BACK_XY = _BACK_IN_PELVIS[:2]
#: Sagittal moment arm of the lumbar erector spinae about L5-S1: gait2392's
#: ercspn runs from the pelvis (-0.14, 0.0439) to the torso (-0.055, 0.11),
#: the torso frame sitting at the back joint; 43 mm at upright posture. [m]
ERECTOR_ARM_M = _line_distance(
    ERECTOR_SPINAE_PATH.pelvis, np.add(_BACK_XY, ERECTOR_SPINAE_PATH.torso), _BACK_XY
)
#: Abdominal (flexor) moment arm about L5-S1: mean of gait2392's internal
#: oblique, pelvis (-0.04, 0.07) to torso (0.07, 0.16), and external oblique,
#: pelvis (-0.03, -0.0636) to torso (0.065, 0.11); 61 and 67 mm. [m]
ABDOMINAL_ARM_M = 0.5 * (
    _line_distance((-0.04, 0.07), np.add(_BACK_XY, (0.07, 0.16)), _BACK_XY)
    + _line_distance((-0.03, -0.0636), np.add(_BACK_XY, (0.065, 0.11)), _BACK_XY)
)
#: Hip flexor (iliopsoas) moment arm: gait2392 iliacus and psoas from the
#: pelvic brim (-0.0288, -0.0805) to the lesser trochanter, iliacus (0.0017,
#: -0.0543), psoas (0.0016, -0.0507), force-weighted (1073, 1113 N). [m]
_HIP_XY = _HIP_IN_PELVIS[:2]
HIP_FLEXOR_ARM_M = (
    1073.0 * _line_distance((-0.0288, -0.0805), np.add(_HIP_XY, (0.0017, -0.0543)), _HIP_XY)
    + 1113.0 * _line_distance((-0.0288, -0.0805), np.add(_HIP_XY, (0.0016, -0.0507)), _HIP_XY)
) / (1073.0 + 1113.0)
#: Capacities of one side in gait2392: iliacus + psoas; internal + external
#: oblique. (Erector spinae: ``anthropometry.LUMBAR_MAX_FORCE_N``.) [N]
HIP_FLEXOR_MAX_FORCE_N = 1073.0 + 1113.0
ABDOMINAL_MAX_FORCE_N = 900.0 + 900.0
#: Forward offset of L5-S1 from the hip centres with the pelvis upright:
#: gait2392 back joint x = -0.1007 m, hip x = -0.0707 m -> 30 mm behind. [m]
_L5S1_FORWARD_M = _BACK_IN_PELVIS[0] - _HIP_IN_PELVIS[0]

# --- Muscle tissue: gait2392's Thelen2003Muscle values -----------------------
# The curves of Thelen DG (2003) Adjustment of muscle mechanics model
# parameters to simulate dynamic contractions in older adults. J Biomech Eng
# 125:70-77, doi:10.1115/1.1531112, eqs. 2-3 [@thelen2003], with the values of
# every muscle of the gait2392 model file (k_PE = 4, e0 = 0.6, gamma = 0.5)
# [@gait2392], not the values Thelen published (which differ).
#: Exponential shape factor of the passive force-length curve. [-]
THELEN_KPE = 4.0
#: Passive fibre strain at which passive force equals max isometric force. [-]
THELEN_E0 = 0.6
#: Width of the Gaussian active force-length curve. [-]
THELEN_GAMMA = 0.5
_KPE_DEN = np.expm1(THELEN_KPE)

# --- Lumbar passive tissue and the choice rule (calibrated) -------------------
#: Passive lumbar flexion moment M = A (exp(B * flexion) - 1). The exponential
#: form follows in-vivo measurements: the passive bending moment of the lumbar
#: spine is small at first and rises steeply beyond about half of full
#: flexion (Adams MA, Dolan P (1991) A technique for quantifying the bending
#: moment acting on the lumbar spine in vivo. J Biomech 24:117-126)
#: [@adams1991]; unverified: the paper was not read, only the shape is used.
#: ASSUMPTION (calibrated): A and B were
#: fitted, together with STRAIN_ENERGY_TOLERANCE_J, so that normal hamstrings
#: give Esola et al.'s (1996) rhythm (see the module docstring); A is for a
#: 70 kg, 1.75 m adult and scales with body weight x stature. With these
#: values the passive moment is about 11 N·m at 30° and 62 N·m at 40° of
#: lumbar flexion, and it balances the trunk of a 70 kg, 1.75 m adult
#: bent level (78 N·m) at 41.4°: the relaxed limit of the lumbar spine, below
#: its range (LUMBAR_FLEXION_RANGE_DEG), at 77 % of it. [N·m], [1/rad]
LUMBAR_PASSIVE_A_NM = 0.069
LUMBAR_PASSIVE_B_PER_RAD = 9.74
#: Strain energy that costs as much as one muscle working at 100 %, for a
#: 70 kg, 1.75 m adult (scaled with body weight x stature). ASSUMPTION
#: (calibrated with the lumbar curve above, for activation exponent 3; the
#: hip tissue's energy is that of gait2392's unscaled curve, see
#: HIP_PASSIVE_SCALE). [J]
STRAIN_ENERGY_TOLERANCE_J = 30.0
_REFERENCE_BW_HEIGHT = 70.0 * GRAVITY * 1.75  # [N·m]

#: Passive force of the hip muscles' tissue relative to gait2392's Thelen
#: curve. gait2392's hamstrings are stiffer in passive stretch than whole
#: joints: with the normal mean AKE of men they give 25, 79 and 156 N·m per
#: leg at 50, 70 and 90° of hip flexion with a straight knee. Riener R,
#: Edrich T (1999) Identification of passive elastic joint moments in the
#: lower extremities. J Biomech 32:539-544, doi:10.1016/S0021-9290(99)00009-3,
#: measured the passive hip moment of ten healthy adults and fitted
#: M = exp(1.4655 - 0.0034 knee - 0.0750 hip) - exp(1.3403 - 0.0226 knee +
#: 0.0305 hip) + 8.072 (angles in degrees, flexion moment positive), which
#: gives 9.4, 24.2 and 51.4 N·m of extension moment there (ratios 0.38, 0.31,
#: 0.33). ASSUMPTION (calibrated): their subjects had the normal mean AKE of
#: men, all of that moment is the stretch of the hip extensor muscles, and
#: the ratio at 90°, where deep bends end, holds for the curve (the model then
#: gives 8.3, 26.5 and 52.1 N·m). Without the scale a man with normal
#: hamstrings would be stopped at 64° of hip flexion, short of Esola et
#: al.'s full bend of 111°. [-]
HIP_PASSIVE_SCALE = 0.33
#: Lumbar flexion range in a standing forward bend: the erector spinae fell
#: silent at 48 ± 6° of vertebral flexion, 89 % of its maximum, in 40 adults
#: (Kippers V, Parker AW (1984) Posture related to myoelectric silence of
#: erectores spinae during trunk flexion. Spine 9:740-745), so the maximum was
#: about 48 / 0.89 = 54°. Normative standing lumbar flexion ranges fall from
#: about 72° in adolescents to 40° in old age (Troke M, Moore AP, Maillardet
#: FJ, Cheek E (2005) A normative database of lumbar spine ranges of motion.
#: Man Ther 10:198-206). The model's lumbar spine never flexes further. [deg]
LUMBAR_FLEXION_RANGE_DEG = 54.0

#: Default strength of the glute-inhibition hypothesis: the fraction of
#: gluteal availability lost at the largest AKE deficit (90°); an ASSUMPTION,
#: declared with its reason in :mod:`gluteed.parameters`. [-]
INHIBITION_STRENGTH = parameter("inhibition_strength").default


# ============================================================== functions ===
def thelen_passive_force(normalized_fiber_length):
    """Passive muscle force as a fraction of maximum isometric force.

    Parameters
    ----------
    normalized_fiber_length : float or array_like
        Fibre length / optimal fibre length. [-]

    Returns
    -------
    float or numpy.ndarray
        Passive force / max isometric force; zero below optimal length. [-]

    Notes
    -----
    The curve as published. The bend model uses it with the onset smoothed
    (``PASSIVE_ONSET_WIDTH``) so that its choice rule has a unique optimum.

    References
    ----------
    Thelen DG (2003) J Biomech Eng 125:70-77, eq. 3 [@thelen2003], with
    k_PE = 4 and e0 = 0.6: the gait2392 values [@gait2392], not Thelen's.
    """
    x = np.asarray(normalized_fiber_length, dtype=float)
    out = np.where(x > 1.0, np.expm1(THELEN_KPE * (x - 1.0) / THELEN_E0) / _KPE_DEN, 0.0)
    return float(out) if out.ndim == 0 else out


_HAM_TIBIA = np.array([r[7] for r in _ROWS[:_N_HAM]])  # first tibial point, tibia frame [m]
_HAM_ORIGIN = np.array([r[5] for r in _ROWS[:_N_HAM]])  # ischial origin - hip centre [m]
_HAM_TAIL = np.array([r[8] for r in _ROWS[:_N_HAM]])  # fixed tibial part of the path [m]


def _hamstring_points(hip_rad, knee_rad):
    """Distances from origin to first tibial point of the three hamstrings (last axis)."""
    hip = np.asarray(hip_rad, dtype=float)[..., None]
    knee = np.asarray(knee_rad, dtype=float)[..., None]
    ck, sk = np.cos(knee), np.sin(knee)
    # knee flexion turns the tibia backward: rotation by -knee about the z axis
    fx = _KNEE_IN_FEMUR[0] + ck * _HAM_TIBIA[:, 0] + sk * _HAM_TIBIA[:, 1]
    fy = _KNEE_IN_FEMUR[1] - sk * _HAM_TIBIA[:, 0] + ck * _HAM_TIBIA[:, 1]
    ch, sh = np.cos(hip), np.sin(hip)
    dx = _HAM_ORIGIN[:, 0] - (ch * fx - sh * fy)
    dy = _HAM_ORIGIN[:, 1] - (sh * fx + ch * fy)
    dz = _HAM_ORIGIN[:, 2] - _HAM_TIBIA[:, 2]
    return np.sqrt(dx * dx + dy * dy + dz * dz)


def hamstring_lengths(hip_flexion_deg, knee_flexion_deg=0.0, *, scale=1.0):
    """Muscle-tendon lengths of semimembranosus, semitendinosus, biceps long head.

    Parameters
    ----------
    hip_flexion_deg : float or array_like
        Hip flexion (thigh relative to pelvis). [deg]
    knee_flexion_deg : float or array_like, optional
        Knee flexion, 0 = straight. [deg]
    scale : float, optional
        Subject's hip-centre distance / 0.167 m (1 = the gait2392 model). [-]

    Returns
    -------
    numpy.ndarray
        Lengths, last axis = (semimembranosus, semitendinosus, biceps
        femoris long head). [m]

    Notes
    -----
    gait2392 paths (Delp et al. 1990) with the knee as a hinge; the
    conditional via points are kept at all knee angles.
    """
    hip = np.multiply(hip_flexion_deg, _DEG)
    knee = np.multiply(knee_flexion_deg, _DEG)
    return scale * (_hamstring_points(hip, knee) + _HAM_TAIL)


def _mean_length(hip_rad, knee_rad):
    d = _hamstring_points(hip_rad, knee_rad)
    return d @ _HAM_WEIGHTS / _HAM_WEIGHTS.sum()


def _newton_solve(func, target, guess, iterations=8):
    """Solve func(x) = target near ``guess`` (func smooth and monotonic)."""
    x = np.array(guess, dtype=float)
    h = 1e-6
    for _ in range(iterations):
        f0, f1 = func(np.stack([x, x + h]))
        step = (f0 - target) * h / (f1 - f0)
        x = x - step
        if np.max(np.abs(step), initial=0.0) < 1e-12:
            break
    return x


# Tabulated start values for the two conversions (refined by Newton's method).
_AKE_TABLE = np.linspace(-10.0, 100.0, 111) * _DEG
_SLR_OF_AKE_TABLE = _newton_solve(
    lambda h: _mean_length(h, 0.0),
    _mean_length(np.pi / 2, _AKE_TABLE),
    np.full(_AKE_TABLE.shape, 1.2),
    iterations=40,
)


def slr_to_ake(slr_deg):
    """AKE deficit that stretches the hamstrings as much as a straight-leg raise.

    Parameters
    ----------
    slr_deg : float or array_like
        Straight-leg-raise angle (hip flexion with the knee straight). [deg]

    Returns
    -------
    float or numpy.ndarray
        AKE deficit at 90° hip flexion giving the same force-weighted mean
        hamstring muscle-tendon length. [deg]

    Notes
    -----
    Geometry only. In people the two tests agree poorly (r = -0.28 between
    AKE and passive SLR in 81 active adults; Hansberger BL et al. 2019, Int J
    Sports Phys Ther 14:253-263), so this is an equivalence in the model,
    not a clinical conversion.
    """
    slr = np.multiply(slr_deg, _DEG)
    guess = np.interp(slr, _SLR_OF_AKE_TABLE[::-1], _AKE_TABLE[::-1])
    out = _newton_solve(lambda k: _mean_length(np.pi / 2, k), _mean_length(slr, 0.0), guess) / _DEG
    return float(out) if np.ndim(out) == 0 else out


def ake_to_slr(ake_deg):
    """Straight-leg-raise angle that stretches the hamstrings as much as an AKE test.

    Parameters
    ----------
    ake_deg : float or array_like
        AKE deficit at 90° hip flexion. [deg]

    Returns
    -------
    float or numpy.ndarray
        Equivalent straight-leg-raise angle. [deg]
    """
    ake = np.multiply(ake_deg, _DEG)
    guess = np.interp(ake, _AKE_TABLE, _SLR_OF_AKE_TABLE)
    out = _newton_solve(lambda h: _mean_length(h, 0.0), _mean_length(np.pi / 2, ake), guess) / _DEG
    return float(out) if np.ndim(out) == 0 else out


def hamstring_slack_shortening(ake_deg, sex="male"):
    """How much shorter each hamstring is than in a person with normal AKE.

    Parameters
    ----------
    ake_deg : float or array_like
        AKE deficit. [deg]
    sex : {"female", "male"}
        Selects the normal mean AKE (Yildirim et al. 2018).

    Returns
    -------
    numpy.ndarray
        Shortening of the slack length of (semimembranosus, semitendinosus,
        biceps long head) in the gait2392 model (scale it by the subject's
        hip distance / 0.167 m); negative for looser than normal. [m]

    Notes
    -----
    ASSUMPTION: every person ends the AKE test at the same hamstring
    tension. The shortening is then the muscle-tendon length at (90° hip,
    normal AKE) minus that at (90° hip, the measured AKE).
    """
    sex = check_choice("sex", sex, SEXES)
    return _NORMAL_AKE_LENGTHS[sex] - _hamstring_points(np.pi / 2, np.multiply(ake_deg, _DEG))


_NORMAL_AKE_LENGTHS = {
    sex: _hamstring_points(np.pi / 2, AKE_NORMAL_DEG[sex][0] * _DEG) for sex in SEXES
}


def hamstring_status(ake_deg, sex="male") -> str:
    """'tight' above the sex's cut-off (Yildirim et al. 2018), else 'normal'."""
    sex = check_choice("sex", sex, SEXES)
    ake = check("ake_deg", ake_deg)
    if np.ndim(ake) != 0:
        raise ValueError("hamstring_status describes one AKE value")
    return "tight" if ake > AKE_TIGHT_DEG[sex] else "normal"


def glute_availability(
    ake_deg=None,
    *,
    slr_deg=None,
    sex="male",
    hypothesis=False,
    strength=INHIBITION_STRENGTH,
):
    """Fraction of the gluteal muscles a person can use, under the inhibition hypothesis.

    Parameters
    ----------
    ake_deg : float or array_like, optional
        AKE deficit, 0 to 90. Default: the normal mean for ``sex``. [deg]
    slr_deg : float or array_like, optional
        Straight-leg raise instead of AKE (converted with :func:`slr_to_ake`). [deg]
    sex : {"female", "male"}
        Selects the normal AKE.
    hypothesis : bool
        Switch for "tight hamstrings reduce access to the glutes". Off: 1.
    strength : float or array_like
        Fraction of availability lost at the largest AKE deficit (90°),
        0 to 1. [-]

    Returns
    -------
    float or numpy.ndarray
        availability = 1 - strength * clip((AKE - normal mean) / (90° - normal
        mean), 0, 1), or 1 with the hypothesis off. [-]

    Notes
    -----
    HYPOTHESIS, not mechanics. "Synergistic dominance" (Sahrmann SA 2002,
    Diagnosis and Treatment of Movement Impairment Syndromes, Mosby;
    Janda's muscle-imbalance model) holds that short,
    overactive hamstrings take over hip extension and the gluteal muscles
    are used less. There is little direct evidence; the linear form and the
    default strength are assumptions made to show the idea, not a
    measurement. Pass the result to ``StanceInput(glute_med_availability=...)``
    to apply the same hypothesis in single-leg stance.
    """
    if not isinstance(hypothesis, bool | np.bool_):
        raise ValueError(f"hypothesis must be True or False; got {hypothesis!r}")
    ake = _tightness(ake_deg, slr_deg, sex)
    strength = check("inhibition_strength", strength)
    if not hypothesis:
        out = np.ones(np.broadcast_shapes(np.shape(ake), np.shape(strength)))
    else:
        mean = AKE_NORMAL_DEG[check_choice("sex", sex, SEXES)][0]
        x = np.clip((np.asarray(ake) - mean) / (AKE_RANGE_DEG[1] - mean), 0.0, 1.0)
        out = 1.0 - np.asarray(strength) * x
    return float(out) if np.ndim(out) == 0 else out


#: Straight-leg-raise angles equivalent to AKE 90° and 0°, rounded inward:
#: the accepted SLR input range (declared in :mod:`gluteed.parameters`; a test
#: checks it against :func:`ake_to_slr`). [deg]
SLR_RANGE_DEG = parameter("slr_deg").range


def _tightness(ake_deg, slr_deg, sex):
    """AKE deficit from either test (the normal mean if neither is given)."""
    sex = check_choice("sex", sex, SEXES)
    if ake_deg is not None and slr_deg is not None:
        raise ValueError(
            "give either ake (active knee extension) or slr (straight-leg raise), not both"
        )
    if slr_deg is not None:
        slr = check("slr_deg", slr_deg)
        ake = np.clip(slr_to_ake(slr), *AKE_RANGE_DEG)  # only round-off can leave the range
        return float(ake) if np.ndim(ake) == 0 else ake
    if ake_deg is None:
        return AKE_NORMAL_DEG[sex][0]
    return check("ake_deg", ake_deg)


def lumbar_passive_moment(lumbar_flexion_deg, body_weight_n=70.0 * GRAVITY, height_m=1.75):
    """Passive extensor moment of the lumbar tissues (ligaments, discs, fascia).

    Parameters
    ----------
    lumbar_flexion_deg : float or array_like
        Lumbar flexion from upright standing. [deg]
    body_weight_n : float or array_like, optional
        Body weight. [N]
    height_m : float or array_like, optional
        Stature. [m]

    Returns
    -------
    float or numpy.ndarray
        Moment resisting flexion. [N·m]

    Notes
    -----
    Exponential form after Adams & Dolan (1991); the two constants are
    calibrated (see ``LUMBAR_PASSIVE_A_NM``).
    """
    scale = np.multiply(body_weight_n, height_m) / _REFERENCE_BW_HEIGHT
    out = (
        scale
        * LUMBAR_PASSIVE_A_NM
        * np.expm1(LUMBAR_PASSIVE_B_PER_RAD * np.multiply(lumbar_flexion_deg, _DEG))
    )
    return float(out) if np.ndim(out) == 0 else out


# ============================================================ input/result ===
@dataclass(frozen=True, kw_only=True)
class BendInput:
    """One forward-bend scenario (numbers may be arrays for a batch).

    Parameters
    ----------
    subject : Subject
        Body mass, stature and sex.
    trunk_inclination_deg : float or array_like
        Trunk angle from vertical, 0 (upright) to 120. [deg]
    ake_deg : float or array_like, optional
        Active-knee-extension deficit, 0 to 90. Default: the normal mean for
        the subject's sex (Yildirim et al. 2018). [deg]
    slr_deg : float or array_like, optional
        Straight-leg-raise angle instead of ``ake_deg`` (not both); range
        ``SLR_RANGE_DEG``. [deg]
    glute_max_strength_pct : float or array_like
        Gluteus maximus strength, 0 to 100 % of normal for this body. [%]
    glute_inhibition : bool
        The hypothesis "tight hamstrings reduce access to the glutes", off
        by default (see :func:`glute_availability`).
    inhibition_strength : float or array_like
        Fraction of glute availability lost at AKE 90° when the hypothesis is
        on, 0 to 1. [-]
    activation_exponent : float
        Power of the activations in the choice rule, 2 to 4. [-]
    """

    subject: Subject = field(default_factory=Subject)
    trunk_inclination_deg: float = 45.0
    ake_deg: float | None = None
    slr_deg: float | None = None
    glute_max_strength_pct: float = 100.0
    glute_inhibition: bool = False
    inhibition_strength: float = INHIBITION_STRENGTH
    activation_exponent: float = 3.0

    def __post_init__(self) -> None:
        if not isinstance(self.subject, Subject):
            raise ValueError(f"subject must be a gluteed.Subject; got {self.subject!r}")
        put = object.__setattr__
        for name in (
            "trunk_inclination_deg",
            "ake_deg",
            "slr_deg",
            "glute_max_strength_pct",
            "inhibition_strength",
            "activation_exponent",
        ):
            value = getattr(self, name)
            if value is not None or name not in ("ake_deg", "slr_deg"):  # optional
                put(self, name, check(name, value))
        if not isinstance(self.glute_inhibition, bool | np.bool_):
            raise ValueError(
                f"glute_inhibition must be True or False; got {self.glute_inhibition!r}"
            )
        ake = _tightness(self.ake_deg, self.slr_deg, self.subject.sex)
        put(self, "_ake", ake)
        put(
            self,
            "_availability",
            glute_availability(
                ake,
                sex=self.subject.sex,
                hypothesis=bool(self.glute_inhibition),
                strength=self.inhibition_strength,
            ),
        )

    @property
    def effective_ake_deg(self) -> float | np.ndarray:
        """AKE deficit in force: entered, converted from SLR, or the normal mean. [deg]"""
        return self._ake  # type: ignore[attr-defined]

    @property
    def glute_availability(self) -> float | np.ndarray:
        """Fraction of the gluteal muscles available (1 with the hypothesis off). [-]"""
        return self._availability  # type: ignore[attr-defined]


_RESULT_UNITS = {
    "trunk_inclination_deg": "deg",
    "lumbar_flexion_deg": "deg",
    "hip_flexion_deg": "deg",
    "lumbar_share": "-",
    "hip_share": "-",
    "glute_max_force_n": "N",
    "hamstring_active_force_n": "N",
    "hamstring_passive_force_n": "N",
    "hip_flexor_force_n": "N",
    "glute_max_activation_pct": "%",
    "hamstring_activation_pct": "%",
    "glute_max_moment_nm": "N·m",
    "hamstring_moment_nm": "N·m",
    "hamstring_passive_moment_nm": "N·m",
    "hip_extensor_moment_nm": "N·m",
    "glute_max_share": "-",
    "hamstring_share": "-",
    "erector_spinae_force_n": "N",
    "abdominal_force_n": "N",
    "erector_spinae_activation_pct": "%",
    "erector_spinae_moment_nm": "N·m",
    "lumbar_passive_moment_nm": "N·m",
    "lumbar_extensor_moment_nm": "N·m",
    "l5s1_compression_n": "N",
    "l5s1_shear_n": "N",
    "hamstring_shortening_mm": "mm",
    "hip_residual_nm": "N·m",
    "lumbar_residual_nm": "N·m",
    "cost": "-",
}


@dataclass(frozen=True, kw_only=True)
class BendResult(Result):
    """How a forward bend is shared between hips and lower back, and who holds it.

    All arrays share the batch shape of the input (0-d for one scenario).
    Forces are for the left and right side together, in N; moments in N·m
    about both hips / about L5-S1; angles in degrees; ``*_bw`` gives any
    ``*_n`` force in multiples of body weight.

    ``lumbar_share`` is lumbar flexion / trunk inclination (the share of the
    bend taken by the lumbar spine, its limit at 0°); ``glute_max_share`` and
    ``hamstring_share`` split the hip extensor moment (active + passive;
    near upright, where that moment vanishes, they fade to 0, see
    ``SHARE_REFERENCE``).

    ``feasible`` is False where no split of the bend between hips and lumbar
    spine can be held with every muscle at or below 100 % of its capacity;
    ``reason`` then says why in plain language ("" where feasible), and every
    posture, force and moment is NaN (there is no pose to report).
    ``reachable_trunk_inclination_deg`` is the deepest bend this person can
    reach with straight knees: the lumbar spine at its relaxed limit (where
    its passive tissue alone holds the trunk) plus the hip flexion
    ``reachable_hip_flexion_deg`` at which gravity's moment about the hips
    equals the passive pull of the stretched hamstrings.

    ``l5s1_compression_n`` is the trunk's weight along the spine plus the
    pull of the erector spinae and the passive lumbar tissue. It leaves out
    muscle tone and co-contraction of the trunk muscles, so it is a lower
    bound: upright it is about 0.5 × body weight where in-vivo estimates
    are about 1 × body weight.
    ``lumbar_extensor_moment_nm`` is the net moment the lower back holds
    (erector spinae + passive tissue - abdominals); in a relaxed bend the
    abdominals never pull (``abdominal_force_n`` is 0 wherever the bend can
    be held) and the hip flexors act only near upright, holding the pelvis
    against tipping back. ``l5s1_shear_n`` is positive when the trunk pushes
    forward on the sacrum.
    """

    inputs: BendInput
    body_weight_n: np.ndarray
    ake_deg: np.ndarray
    glute_max_availability: np.ndarray
    trunk_inclination_deg: np.ndarray
    lumbar_flexion_deg: np.ndarray
    hip_flexion_deg: np.ndarray
    lumbar_share: np.ndarray
    hip_share: np.ndarray
    glute_max_force_n: np.ndarray
    hamstring_active_force_n: np.ndarray
    hamstring_passive_force_n: np.ndarray
    hip_flexor_force_n: np.ndarray
    glute_max_activation_pct: np.ndarray
    hamstring_activation_pct: np.ndarray
    glute_max_moment_nm: np.ndarray
    hamstring_moment_nm: np.ndarray
    hamstring_passive_moment_nm: np.ndarray
    hip_extensor_moment_nm: np.ndarray
    glute_max_share: np.ndarray
    hamstring_share: np.ndarray
    erector_spinae_force_n: np.ndarray
    abdominal_force_n: np.ndarray
    erector_spinae_activation_pct: np.ndarray
    erector_spinae_moment_nm: np.ndarray
    lumbar_passive_moment_nm: np.ndarray
    lumbar_extensor_moment_nm: np.ndarray
    l5s1_compression_n: np.ndarray
    l5s1_shear_n: np.ndarray
    hamstring_shortening_mm: np.ndarray
    hip_residual_nm: np.ndarray
    lumbar_residual_nm: np.ndarray
    cost: np.ndarray
    reachable_trunk_inclination_deg: np.ndarray
    reachable_hip_flexion_deg: np.ndarray
    feasible: np.ndarray
    reason: str | np.ndarray
    iterations: int

    UNITS: ClassVar[dict[str, str]] = _RESULT_UNITS
    SHAPE_FIELD: ClassVar[str] = "trunk_inclination_deg"

    @property
    def sex(self) -> str:
        return self.inputs.subject.sex

    @property
    def slr_deg(self) -> np.ndarray:
        """Straight-leg raise: as entered, or the one equivalent to the AKE deficit. [deg]"""
        if self.inputs.slr_deg is not None:
            return np.broadcast_to(np.asarray(self.inputs.slr_deg, float), np.shape(self.ake_deg))
        return np.asarray(ake_to_slr(self.ake_deg))

    @property
    def hamstring_status(self) -> str | list[str]:
        """'tight' where the AKE deficit is above the sex's cut-off, else 'normal'."""
        cut = AKE_TIGHT_DEG[self.sex]
        status = np.where(np.asarray(self.ake_deg) > cut, "tight", "normal")
        return str(status) if status.ndim == 0 else status.tolist()

    @property
    def ninety_ninety_positive(self) -> bool | list[bool]:
        """True where the 90-90 test is positive (knee > 20° short of straight)."""
        flag = np.asarray(self.ake_deg) > NINETY_NINETY_POSITIVE_DEG
        return bool(flag) if flag.ndim == 0 else flag.tolist()

    def cutoffs(self) -> dict:
        """The published normal values and cut-offs used to classify the AKE test."""
        mean, sd = AKE_NORMAL_DEG[self.sex]
        return {
            "ake_normal_mean_deg": mean,
            "ake_normal_sd_deg": sd,
            "ake_tight_cutoff_deg": AKE_TIGHT_DEG[self.sex],
            "ninety_ninety_cutoff_deg": NINETY_NINETY_POSITIVE_DEG,
        }

    def to_dict(self) -> dict:
        """Results with units in their key names (floats, or lists for a batch).

        None where a value is NaN (a pose out of reach).
        """

        def plain(value) -> float | list | None:
            return plain_value(value, nan_as_none=True)

        inp = self.inputs
        out: dict = {
            "mass_kg": plain(inp.subject.mass_kg),
            "height_m": plain(inp.subject.height_m),
            "sex": inp.subject.sex,
            "glute_max_strength_pct": plain(inp.glute_max_strength_pct),
            "glute_inhibition": bool(inp.glute_inhibition),
            "inhibition_strength": plain(inp.inhibition_strength),
            "body_weight_n": plain(self.body_weight_n),
            "ake_deg": plain(self.ake_deg),
            "slr_deg": plain(self.slr_deg),
            "hamstring_status": self.hamstring_status,
            "ninety_ninety_positive": self.ninety_ninety_positive,
            **self.cutoffs(),
            "glute_max_availability": plain(self.glute_max_availability),
        }
        out.update(self.units_dict(nan_as_none=True))
        out["reachable_trunk_inclination_deg"] = plain(self.reachable_trunk_inclination_deg)
        out["reachable_hip_flexion_deg"] = plain(self.reachable_hip_flexion_deg)
        out["feasible"] = flags(self.feasible)
        out["reason"] = texts(self.reason)
        out["iterations"] = self.iterations
        return out

    def summary(self) -> str:
        """One plain-language sentence about a single scenario."""
        self.one_scenario()
        mean, sd = AKE_NORMAL_DEG[self.sex]
        word = "man" if self.sex == "male" else "woman"
        hypothesis = (
            f"; with the glute-inhibition hypothesis on, only {100 * float(self.glute_max_availability):.0f} % "
            "of the glutes is available"
            if self.inputs.glute_inhibition
            else ""
        )
        person = (
            f"an AKE deficit of {float(self.ake_deg):.0f}° ({self.hamstring_status} for a {word}: "
            f"mean {mean} ± {sd}°, tight above {AKE_TIGHT_DEG[self.sex]}°){hypothesis}"
        )
        reach = f"this person can bend {float(self.reachable_trunk_inclination_deg):.0f}° at most"
        if not bool(self.feasible):
            return (
                f"Bending the trunk {float(self.trunk_inclination_deg):.0f}° forward with "
                f"{person}: cannot — {self.reason}."
            )
        return (
            f"Bending the trunk {float(self.trunk_inclination_deg):.0f}° forward with {person}: "
            f"the lower back flexes {float(self.lumbar_flexion_deg):.0f}° "
            f"({100 * float(self.lumbar_share):.0f} % of the bend) and the hips "
            f"{float(self.hip_flexion_deg):.0f}° ({reach}); the hamstrings carry "
            f"{100 * float(self.hamstring_share):.0f} % of the hip extensor moment and the gluteus "
            f"maximus {100 * float(self.glute_max_share):.0f} %; the lower back holds "
            f"{float(self.lumbar_extensor_moment_nm):.0f} N·m ({_lumbar_parts(self)}) with an "
            f"L5-S1 compression of {float(self.l5s1_compression_bw):.2f} × body weight "
            "(without muscle tone or co-contraction)."
        )


def _lumbar_parts(r: BendResult) -> str:
    """Who holds the lower back's moment, in words (one scenario)."""
    passive = float(r.lumbar_passive_moment_nm)
    erector = float(r.erector_spinae_moment_nm)
    abdominals = passive + erector - float(r.lumbar_extensor_moment_nm)
    text = f"passive tissue {passive:.0f} N·m, erector spinae {erector:.0f} N·m"
    if abdominals > 0.5:
        text += f", abdominals pulling against them {abdominals:.0f} N·m"
    return text


# ================================================================== solver ===
@dataclass(frozen=True)
class _Batch:
    """Posture-independent numbers of one batch, flattened to shape (N, 1)."""

    phi: np.ndarray  # trunk inclination [rad]
    phi_eff: np.ndarray  # the same, at least 0.001 rad (for the limit share at 0°)
    scale: np.ndarray  # subject hip distance / gait2392's [-]
    shortening: np.ndarray  # (6, N, 1) slack shortening [m]
    fmax: np.ndarray  # (N, 1) body mass / reference mass [-]
    cap_posture: np.ndarray  # (6, N, 1) capacity multiplier for the posture (glute strength)
    cap_factor: np.ndarray  # (6, N, 1) ... for recruitment (glute strength x availability)
    m_trunk: np.ndarray
    m_pelvis: np.ndarray
    r_trunk: np.ndarray  # trunk COM above L5-S1 [m]
    y_pelvis: np.ndarray  # pelvis COM above the hips [m]
    l5_forward: np.ndarray  # L5-S1 forward of the hips, upright [m]
    l5_up: np.ndarray  # L5-S1 above the hips [m]
    c_es: np.ndarray  # moment capacities [N·m], both sides
    c_abd: np.ndarray
    c_flex: np.ndarray
    lumbar_a: np.ndarray  # passive lumbar A [N·m]
    e_tol: np.ndarray  # [J]
    power: np.ndarray
    bw_h: np.ndarray  # body weight x stature [N·m]
    shape: tuple


def _batch(inp: BendInput, body: BodyModel) -> _Batch:
    ake = inp.effective_ake_deg
    avail = inp.glute_availability
    shape = np.broadcast_shapes(
        *(
            np.shape(v)
            for v in (
                inp.trunk_inclination_deg,
                body.mass_kg,
                body.height_m,
                ake,
                avail,
                inp.glute_max_strength_pct,
                inp.activation_exponent,
            )
        )
    )
    n = int(np.prod(shape, dtype=int))

    def col(value) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype=float), shape).reshape(n, 1)

    scale = col(2.0 * body.half_hip_distance_m / _GAIT2392_HIP_DISTANCE_M)
    short = np.zeros((6, n, 1))
    short[:_N_HAM] = (
        hamstring_slack_shortening(col(ake)[:, 0], inp.subject.sex).T[:, :, None] * scale
    )
    posture = np.ones((6, n, 1))
    posture[_N_HAM:] = col(np.asarray(inp.glute_max_strength_pct) / 100.0)
    factor = np.ones((6, n, 1))
    factor[_N_HAM:] = col(np.multiply(inp.glute_max_strength_pct, avail) / 100.0)
    mass = col(body.mass_kg)
    bw_h = col(body.body_weight_n * body.height_m)
    phi = col(np.multiply(inp.trunk_inclination_deg, _DEG))
    mrel = mass / MUSCLE_REFERENCE_MASS_KG
    return _Batch(
        phi=phi,
        phi_eff=np.maximum(phi, 1e-3),
        scale=scale,
        shortening=short,
        fmax=mrel,
        cap_posture=posture,
        cap_factor=factor,
        m_trunk=col(body.trunk_mass_kg),
        m_pelvis=col(body.pelvis_mass_kg),
        r_trunk=col(body.trunk_com_m),
        y_pelvis=col(body.pelvis_com_height_m),
        l5_forward=_L5S1_FORWARD_M * scale,
        l5_up=col(body.l5s1_height_m),
        c_es=2.0 * LUMBAR_MAX_FORCE_N * mrel * ERECTOR_ARM_M * scale,
        c_abd=2.0 * ABDOMINAL_MAX_FORCE_N * mrel * ABDOMINAL_ARM_M * scale,
        c_flex=2.0 * HIP_FLEXOR_MAX_FORCE_N * mrel * HIP_FLEXOR_ARM_M * scale,
        lumbar_a=LUMBAR_PASSIVE_A_NM * bw_h / _REFERENCE_BW_HEIGHT,
        e_tol=STRAIN_ENERGY_TOLERANCE_J * bw_h / _REFERENCE_BW_HEIGHT,
        power=col(inp.activation_exponent),
        bw_h=bw_h,
        shape=shape,
    )


#: Width of the smoothed onset of passive force. Thelen's curve starts at
#: optimal fibre length with a kink (slope jumps from 0 to 0.12); the strain
#: is replaced by w * log(1 + exp(strain / w)), which differs from it only
#: within a few w of the onset (at optimal length it gives 0.3 % of the
#: maximum force instead of 0) and makes the cost smooth enough for a unique
#: optimum. ASSUMPTION (numerical): w = 3 % strain; with it the dense
#: tightness sweeps of the tests are monotonic. [-]
PASSIVE_ONSET_WIDTH = 0.03


def _smooth_strain(stretch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Softplus of the fibre strain and its derivative (the 'gate', 0 to 1)."""
    z = stretch / PASSIVE_ONSET_WIDTH
    strain = PASSIVE_ONSET_WIDTH * np.logaddexp(0.0, z)
    gate = 0.5 * (1.0 + np.tanh(0.5 * z))  # logistic function, overflow-free
    return strain, gate


def _muscles(b: _Batch, hip: np.ndarray, recruit: bool, passive_only: bool = False) -> dict:
    """Lengths, extension moment arms, passive forces/energies, capacities (6, N, K), one side.

    ``passive_only``: only the moment arms and passive forces.
    """
    ch, sh = np.cos(hip), np.sin(hip)
    px = ch * _P_STRAIGHT[0] - sh * _P_STRAIGHT[1]
    py = sh * _P_STRAIGHT[0] + ch * _P_STRAIGHT[1]
    dx, dy, dz = _O[0] - px, _O[1] - py, _O[2] - _P_STRAIGHT[2]
    d = np.sqrt(dx * dx + dy * dy + dz * dz)
    arm = b.scale * (dx * py - dy * px) / d  # = d(length)/d(hip flexion) [m]
    x = b.scale * (d + _TAIL - _LTS) + b.shortening  # fibre length along the tendon [m]
    lm = np.sqrt(x * x + (b.scale * _WIDTH) ** 2)
    cos_a = x / lm
    stretch = lm / (b.scale * _L0) - 1.0
    strain, gate = _smooth_strain(stretch)
    e = np.expm1(THELEN_KPE * strain / THELEN_E0)
    fmax = _FMAX * b.fmax
    # Thelen's force times the gate of the smoothed onset, times cos(pennation),
    # scaled to whole-joint measurements (HIP_PASSIVE_SCALE). The choice rule's
    # tissue term is the strain energy of gait2392's own curve, whose
    # derivative along the length is the unscaled force: it measures how far
    # the tissue is stretched, which the scale of its force does not change.
    passive = HIP_PASSIVE_SCALE * fmax * (e / _KPE_DEN) * gate * cos_a
    if passive_only:
        return {"arm": arm, "passive": passive}
    energy = fmax * b.scale * _L0 * (e * THELEN_E0 / THELEN_KPE - strain) / _KPE_DEN
    factor = b.cap_factor if recruit else b.cap_posture
    capacity = fmax * np.exp(-(stretch**2) / THELEN_GAMMA) * cos_a * factor
    return {"arm": arm, "passive": passive, "energy": energy, "capacity": capacity}


def _split(b: _Batch, s: np.ndarray, recruit: bool = False) -> dict:
    """Everything that depends on the hip fraction ``s`` of the bend, shape (N, K).

    ``recruit=False`` uses the capacities that choose the posture (gluteal
    strength only), ``True`` those that share the muscle work (strength x
    availability under the inhibition hypothesis).
    """
    phi = b.phi_eff
    hip = s * phi
    lum = phi - hip
    mus = _muscles(b, hip, recruit)
    p = b.power
    q = p / (p - 1.0)
    arm = mus["arm"]
    c = np.maximum(mus["capacity"], 0.0) * np.maximum(arm, 0.0)  # moment capacity, one side
    cq = np.power(c, q)
    c_ext = np.power(2.0 * cq.sum(axis=0), 1.0 / q)
    passive_hip = 2.0 * (mus["passive"] * arm).sum(axis=0)
    l5x = b.l5_forward * np.cos(hip) + b.l5_up * np.sin(hip)
    demand_hip = GRAVITY * (
        b.m_trunk * (l5x + b.r_trunk * np.sin(b.phi)) + b.m_pelvis * b.y_pelvis * np.sin(hip)
    )
    m_hip = demand_hip - passive_hip  # active hip moment needed (extension +)
    growth = np.expm1(LUMBAR_PASSIVE_B_PER_RAD * lum)
    passive_lum = b.lumbar_a * growth
    energy_lum = b.lumbar_a * (growth / LUMBAR_PASSIVE_B_PER_RAD - lum)
    m_lum = GRAVITY * b.m_trunk * b.r_trunk * np.sin(b.phi) - passive_lum
    # Extensors work when the moment is positive, flexors when negative (the
    # other term is then 0 ** p = 0).
    act_hip = np.power(np.maximum(m_hip, 0.0) / c_ext, p) + np.power(
        np.maximum(-m_hip, 0.0) / b.c_flex, p
    )
    act_lum = np.power(np.maximum(m_lum, 0.0) / b.c_es, p) + np.power(
        np.maximum(-m_lum, 0.0) / b.c_abd, p
    )
    strain = 2.0 * mus["energy"].sum(axis=0) + energy_lum
    cost = act_hip + act_lum + strain / b.e_tol
    return {
        "cost": cost,
        "hip": hip,
        "lum": lum,
        "mus": mus,
        "cq": cq,
        "c_ext": c_ext,
        "c": c,
        "q": q,
        "m_hip": m_hip,
        "m_lum": m_lum,
        "passive_hip": passive_hip,
        "passive_lum": passive_lum,
        "l5x": l5x,
    }


#: Below this hip extensor moment (x body weight x stature, about 12 N·m for
#: a 70 kg, 1.75 m adult) the glute/hamstring shares are taken of this
#: reference instead of the vanishing total. ASSUMPTION (presentation). [-]
SHARE_REFERENCE = 0.01

_GRID = np.linspace(0.0, 1.0, 21)
_STEP = _GRID[1] - _GRID[0]
_FD = 1e-4


def _optimise_split(b: _Batch, max_iter: int = 30):
    """Hip fraction s of the bend minimising the cost: grid search, then Newton.

    Newton's method on finite differences (step 1e-4), kept within one grid
    step of the best grid point (started at the vertex of a parabola through
    the grid). It converges quadratically, so it stops once a step is below
    1e-4: the error left is then about 1e-7 (0.00001° of the bend).
    """
    grid = _split(b, _GRID[None, :])
    cost = grid["cost"]
    k = np.argmin(cost, axis=1)
    best = _GRID[k][:, None]
    lo, hi = np.maximum(best - _STEP, 0.0), np.minimum(best + _STEP, 1.0)
    # Start from the vertex of the parabola through the best grid point and
    # its neighbours (at the ends of the grid: the end point).
    rows = np.arange(len(k))
    km, kp = np.maximum(k - 1, 0), np.minimum(k + 1, len(_GRID) - 1)
    cm, c0, cp = cost[rows, km], cost[rows, k], cost[rows, kp]
    curv = cp - 2.0 * c0 + cm
    inner = (k > 0) & (k < len(_GRID) - 1) & (curv > 0)
    shift = np.where(inner, -0.5 * _STEP * (cp - cm) / np.where(inner, curv, 1.0), 0.0)
    s = np.minimum(np.maximum(best + shift[:, None], lo), hi)
    stencil = np.array([-_FD, 0.0, _FD])
    iteration = 0
    while iteration < max_iter:
        iteration += 1
        c = _split(b, s + stencil)["cost"]
        lower, mid, upper = c[:, 0:1], c[:, 1:2], c[:, 2:3]
        g = (upper - lower) * (0.5 / _FD)
        h = (upper - 2.0 * mid + lower) * (1.0 / _FD**2)
        convex = h > 0
        step = np.where(convex, -g / np.where(convex, h, 1.0), -np.sign(g) * (_STEP / 4))
        new = np.minimum(np.maximum(s + np.minimum(np.maximum(step, -_STEP), _STEP), lo), hi)
        moved = np.abs(new - s).max()
        s = new
        if moved < 1e-4:
            break
    return s, iteration, grid


_RANGE_RAD = LUMBAR_FLEXION_RANGE_DEG * _DEG
#: Hip flexion up to which the model looks for the hamstrings' stop. The
#: gait2392 hamstring paths have no wrapping surface: beyond about 90-100° of
#: hip flexion their moment arms shrink toward zero (7-16 mm at 120°), so their
#: passive moment would fall again. A person not stopped by 90° is reported
#: as reaching at least the bend at 90° of hip flexion (with the lumbar
#: spine at its relaxed limit, about 130°). ASSUMPTION (range of validity). [deg]
REACH_SEARCH_HIP_DEG = 90.0
# Search grid for the reach: fractions of the way from the lumbar-only bend to
# the end of the search (about 5° apart), refined between grid points.
_REACH_FRACTIONS = np.linspace(0.0, 1.0, 19)


def _extensor_limit(b: _Batch, c: np.ndarray) -> np.ndarray:
    """Hip extensor moment (both legs) at which the first muscle reaches 100 % [N·m].

    ``c`` (6, N, K) are the muscles' moment capacities on one side; they
    share the work with moment_i proportional to c_i ** q. ASSUMPTION
    (conservative): the work is not shifted to the weaker muscles once the
    strongest reaches 100 %, so the group limit is a little below the sum of
    the capacities.
    """
    q = b.power / (b.power - 1.0)
    top = np.power(c.max(axis=0), q - 1.0)
    total = 2.0 * np.power(c, q).sum(axis=0)
    return np.divide(total, top, out=np.zeros(np.shape(total)), where=top > 0)


def _hip_terms(
    b: _Batch, hip: np.ndarray, phi: np.ndarray, limit: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """Active hip extensor moment needed and the most the extensors can give, (N, K).

    The moment needed is gravity's flexing moment minus the passive pull of
    the stretched hip extensors (both legs); negative where the hip flexors
    would have to pull. The limit is the moment at which the first hip
    extensor reaches 100 % when they share the work by the choice rule
    (moment of muscle i proportional to capacity_i ** q); None when
    ``limit`` is False.
    """
    mus = _muscles(b, hip, False, passive_only=not limit)
    arm = mus["arm"]
    most = None
    if limit:
        most = _extensor_limit(b, np.maximum(mus["capacity"], 0.0) * np.maximum(arm, 0.0))
    passive = 2.0 * (mus["passive"] * arm).sum(axis=0)
    l5x = b.l5_forward * np.cos(hip) + b.l5_up * np.sin(hip)
    demand = GRAVITY * (
        b.m_trunk * (l5x + b.r_trunk * np.sin(phi)) + b.m_pelvis * b.y_pelvis * np.sin(hip)
    )
    return demand - passive, most


def _relaxed_lumbar(b: _Batch, phi: np.ndarray) -> np.ndarray:
    """Lumbar flexion at which the passive tissue alone holds the trunk [rad].

    Gravity can bend the lumbar spine no further without the abdominal
    muscles pulling it down (the flexion-relaxation posture).
    """
    gravity = GRAVITY * b.m_trunk * b.r_trunk * np.sin(phi)
    return np.log1p(np.maximum(gravity, 0.0) / b.lumbar_a) / LUMBAR_PASSIVE_B_PER_RAD


def _edge(func, good, bad, f_good=None, f_bad=None, iterations: int = 60):
    """Boundary between ``good`` (func >= 0) and ``bad`` (func < 0), on the good side.

    Vectorised Illinois (modified regula falsi): the bracket shrinks from
    both sides; a row is done when its bracket is narrower than 1e-12 rad or
    its good end is a root to 1e-8. Where good == bad there is nothing to
    refine.
    """
    f_good = func(good) if f_good is None else f_good
    f_bad = func(bad) if f_bad is None else f_bad
    last = np.zeros(good.shape)
    for _ in range(iterations):
        # Done where the bracket is narrow or the good end is a root to 1e-8
        # N·m (with slopes of 10-1000 N·m/rad, within 1e-9 rad of the edge;
        # the good side never needs a muscle beyond its limit).
        width = bad - good
        done = (np.abs(width) < 1e-12) | (f_good <= 1e-8)
        if done.all():
            break
        # f_good >= 0 > f_bad on open brackets, so the secant stays inside.
        x = np.where(done, good, good + f_good * width / np.where(done, 1.0, f_good - f_bad))
        fx = func(x)
        ok = fx >= 0
        f_bad = np.where(ok & (last > 0), 0.5 * f_bad, f_bad)
        f_good = np.where(~ok & (last < 0), 0.5 * f_good, f_good)
        good, f_good = np.where(ok, x, good), np.where(ok, fx, f_good)
        bad, f_bad = np.where(ok, bad, x), np.where(ok, f_bad, fx)
        last = np.where(ok, 1.0, -1.0)
    return good


def _first_stop(ok: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the pelvis, tilting forward along a grid, first stops.

    ``ok`` (N, G) is True where gravity still tips the pelvis forward
    against the stretched hamstrings. Returns the last grid index before the
    first stop (the last index if none), whether a stop was found, and
    whether any point was ok at all. The pelvis cannot pass through a stop,
    so later points (where gait2392's hamstring moment arms shrink at very
    large hip flexion) do not count.
    """
    drop = ok[:, :-1] & ~ok[:, 1:]
    stops = drop.any(axis=1)
    last = np.where(stops, np.argmax(drop, axis=1), ok.shape[1] - 1)
    return last, stops, ok.any(axis=1)


def _bounds(b: _Batch, grid: dict, s: np.ndarray) -> dict:
    """The hip flexions a relaxed body can hold at each trunk inclination, (N, 1) [rad].

    Lower bound: the lumbar spine at most at its relaxed limit
    (:func:`_relaxed_lumbar`) and its range, and the hip extensors at most
    at 100 %. Upper bound: the erector spinae at most at 100 %, and the hips
    no further than where the stretched hamstrings stop the pelvis (gravity's
    moment = their passive pull; the hip flexors never pull the pelvis
    deeper). Where the pelvis is pulled back at every hip flexion of the bend
    (the trunk's weight behind the hips near upright, or very tight
    hamstrings), the hip flexes only as far as where the hip flexors' help
    is least, and they hold it there. ``s`` is the unconstrained optimum
    (hip fraction of the bend): edges that cannot move it are left at the
    grid.
    """
    phi = b.phi_eff
    lam_up = np.minimum(np.minimum(_relaxed_lumbar(b, phi), _RANGE_RAD), phi)
    gravity_lum = GRAVITY * b.m_trunk * b.r_trunk * np.sin(b.phi)
    lam_es = np.log1p(np.maximum(gravity_lum - b.c_es, 0.0) / b.lumbar_a) / LUMBAR_PASSIVE_B_PER_RAD
    h_a, h_b = phi - lam_up, phi - lam_es
    hips = grid["hip"]  # _GRID * phi, from the optimiser's grid (same capacities)
    m, limit = grid["m_hip"], _extensor_limit(b, grid["c"])
    n_grid = len(_GRID)
    rows = np.arange(len(phi))
    last, need0, any_stop = _first_stop(m >= 0)
    cap_ok = m <= limit
    any_cap = cap_ok.any(axis=1)
    first = np.where(any_cap, np.argmax(cap_ok, axis=1), n_grid - 1)
    # Refine an edge between grid points only where it can matter: where the
    # optimum or the lumbar limit lies beyond the last grid point known to be
    # short of the stop, or before the first known to be within capacity.
    wanted = s[:, 0] * phi[:, 0]
    known_ok = hips[rows, last]
    need0 = need0 & ((wanted > known_ok) | (h_a[:, 0] > known_ok))
    need1 = any_cap & (first > 0)
    need1 = need1 & ((wanted < hips[rows, first]) | (h_a[:, 0] < hips[rows, first]))
    after = np.where(need0, np.minimum(last + 1, n_grid - 1), last)
    before = np.where(need1, np.maximum(first - 1, 0), first)
    # Where gravity tips the pelvis forward at no hip flexion of this bend
    # (near upright, or very tight hamstrings), the hips go no further than
    # where the hip flexors have to help least: the peak of the moment
    # (vertex of the parabola through the best grid point and its neighbours).
    k = np.argmax(m, axis=1)
    km, kp = np.maximum(k - 1, 0), np.minimum(k + 1, n_grid - 1)
    mm, m0, mp = m[rows, km], m[rows, k], m[rows, kp]
    curv = mp - 2.0 * m0 + mm
    inner = (k > 0) & (k < n_grid - 1) & (curv < 0)
    step = hips[:, 1] - hips[:, 0]
    shift = np.where(inner, -0.5 * step * (mp - mm) / np.where(inner, curv, 1.0), 0.0)
    h_peak = np.clip(hips[rows, k] + shift, 0.0, phi[:, 0])
    h_stop = np.where(any_stop, hips[rows, last], h_peak)
    h_cap = np.where(any_cap, hips[rows, first], np.inf)
    # Refine only the rows and edges that fall between grid points.
    if need0.any():
        r = np.flatnonzero(need0)
        sub = _take(b, r)
        h_stop[r] = _edge(
            lambda h: _hip_terms(sub, h, sub.phi, limit=False)[0],
            hips[r, last[r]][:, None],
            hips[r, after[r]][:, None],
            m[r, last[r]][:, None],
            m[r, after[r]][:, None],
        )[:, 0]
    if need1.any():
        r = np.flatnonzero(need1)
        sub = _take(b, r)
        spare = limit - m

        def margin(h):
            moment, most = _hip_terms(sub, h, sub.phi)
            return most - moment

        h_cap[r] = _edge(
            margin,
            hips[r, first[r]][:, None],
            hips[r, before[r]][:, None],
            spare[r, first[r]][:, None],
            spare[r, before[r]][:, None],
        )[:, 0]
    h_stop, h_cap = h_stop[:, None], h_cap[:, None]
    hi = np.minimum(h_b, h_stop)
    lo = np.maximum(h_a, h_cap)
    return {"lo": lo, "hi": hi, "h_a": h_a, "h_stop": h_stop, "lam_es": lam_es, "lam_up": lam_up}


def _take(b: _Batch, rows: np.ndarray) -> _Batch:
    """The rows ``rows`` of a batch (per-muscle arrays keep their first axis)."""
    picked = {}
    for f in fields(_Batch):
        value = getattr(b, f.name)
        if f.name == "shape":
            picked[f.name] = (len(rows),)
        elif np.ndim(value) == 3:
            picked[f.name] = value[:, rows]
        elif np.ndim(value) == 2 and value.shape[0] == len(b.phi):
            picked[f.name] = value[rows]
        else:
            picked[f.name] = value
    return _Batch(**picked)


def _reachable(b: _Batch) -> tuple[np.ndarray, np.ndarray]:
    """Reachable trunk inclination and the hip flexion at which the hamstrings stop it.

    The path of a relaxed bend: the lumbar spine flexes alone until it
    reaches its relaxed limit (where its passive tissue holds the trunk),
    then stays at that limit while the hips flex, until gravity's moment
    about the hips equals the passive pull of the stretched hamstrings.
    Returns (inclination, hip flexion), (N, 1) in rad; where the hamstrings
    have not stopped the hips by ``REACH_SEARCH_HIP_DEG`` the search ends
    there and that hip flexion is returned.
    """
    # The reachable bend does not depend on the trunk inclination asked for:
    # solve it once per distinct person.
    parts = (b.scale, b.shortening[:, :, 0].T, b.fmax, b.m_trunk, b.m_pelvis, b.r_trunk)
    key = np.hstack([*parts, b.y_pelvis, b.l5_up, b.lumbar_a])
    if len(key) > 1:
        _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    else:
        first, inverse = np.zeros(1, dtype=int), np.zeros(1, dtype=int)
    # People seen recently (a dashboard moving the inclination slider) are
    # looked up, not solved again.
    salt = np.array([LUMBAR_PASSIVE_B_PER_RAD, HIP_PASSIVE_SCALE, _RANGE_RAD, REACH_SEARCH_HIP_DEG])
    names = [key[i].tobytes() + salt.tobytes() for i in first]
    known = {name: _REACH_CACHE[name] for name in names if name in _REACH_CACHE}
    missing = [i for i, name in enumerate(names) if name not in known]
    if missing:
        phi, hip = _solve_reachable(_take(b, first[missing]))
        new = {names[i]: (phi[j, 0], hip[j, 0]) for j, i in enumerate(missing)}
        known.update(new)
        if len(_REACH_CACHE) + len(new) > _REACH_CACHE_SIZE:
            _REACH_CACHE.clear()
        if len(new) <= _REACH_CACHE_SIZE:
            _REACH_CACHE.update(new)
    table = np.array([known[name] for name in names])  # (unique, 2)
    return table[inverse, 0:1], table[inverse, 1:2]


#: Reachable bends of recently solved people: key bytes -> (inclination, hip) [rad].
_REACH_CACHE: dict[bytes, tuple[float, float]] = {}
_REACH_CACHE_SIZE = 4096


def _solve_reachable(u: _Batch) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_reachable` for distinct people, (N, 1) each [rad]."""
    weight = GRAVITY * u.m_trunk * u.r_trunk  # trunk's moment about L5-S1 when horizontal
    # Lumbar-only bend: the inclination at which the lumbar spine reaches its
    # relaxed limit, A (exp(B x) - 1) = weight sin(x) (Newton's method, started
    # just above the root).
    a, k = u.lumbar_a, LUMBAR_PASSIVE_B_PER_RAD
    x = np.minimum(np.log1p(weight / a) / k, _RANGE_RAD)  # the limit with the trunk level
    for _ in range(12):
        f = a * np.expm1(k * x) - weight * np.sin(x)
        step = f / (a * k * np.exp(k * x) - weight * np.cos(x))
        x = np.maximum(x - step, 1e-6)
        if np.max(np.abs(step)) < 1e-14:
            break
    lumbar_only = np.minimum(x, _RANGE_RAD)

    def hip_of(phi):
        return np.maximum(phi - np.minimum(_relaxed_lumbar(u, phi), _RANGE_RAD), 0.0)

    def moment(phi):
        return _hip_terms(u, hip_of(phi), phi, limit=False)[0]

    # The search ends where the hips reach REACH_SEARCH_HIP_DEG (fixed point
    # of phi = hip + relaxed lumbar limit; the limit changes slowly with phi).
    end = REACH_SEARCH_HIP_DEG * _DEG + lumbar_only
    for _ in range(4):  # Newton's method; the limit changes by < 0.1 rad per rad
        gravity = weight * np.sin(end)
        limit = np.log1p(np.maximum(gravity, 0.0) / a) / k
        slope = np.where(
            (gravity > 0) & (limit < _RANGE_RAD), weight * np.cos(end) / (k * (a + gravity)), 0.0
        )
        hip_end = end - np.minimum(limit, _RANGE_RAD)
        end = end - (hip_end - REACH_SEARCH_HIP_DEG * _DEG) / (1.0 - slope)
    phis = lumbar_only + (end - lumbar_only) * _REACH_FRACTIONS[None, :]
    m = moment(phis)
    last, need, any_ok = _first_stop(m >= 0)
    rows = np.arange(len(u.phi))
    after = np.where(need, np.minimum(last + 1, len(_REACH_FRACTIONS) - 1), last)
    edge = _edge(
        moment,
        phis[rows, last][:, None],
        phis[rows, after][:, None],
        m[rows, last][:, None],
        m[rows, after][:, None],
    )
    reach = np.where(any_ok[:, None], edge, lumbar_only)
    return reach, hip_of(reach)


def solve_bend(inp: BendInput | None = None, /, **changes) -> BendResult:
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
    b = _batch(inp, body)
    s, iterations, grid = _optimise_split(b)
    bounds = _bounds(b, grid, s)
    s = np.clip(s, bounds["lo"] / b.phi_eff, bounds["hi"] / b.phi_eff)
    return _results(inp, body, b, s, iterations, bounds, _reachable(b))


def _results(
    inp: BendInput,
    body: BodyModel,
    b: _Batch,
    s: np.ndarray,
    iterations: int,
    bounds: dict,
    reach: tuple[np.ndarray, np.ndarray],
) -> BendResult:
    # Posture at the true inclination (the share is the same; at 0° both angles are 0).
    hip = s * b.phi
    state = _split(replace(b, phi_eff=b.phi), s, recruit=True)
    mus = state["mus"]
    arm = mus["arm"]
    m_hip, m_lum = state["m_hip"], state["m_lum"]
    lum = b.phi - hip
    # Active hip extensors: closed-form sharing (moment of muscle i ∝ c_i**q).
    ext = np.maximum(m_hip, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share_i = np.where(
            state["c_ext"] > 0, state["cq"] / np.power(state["c_ext"], state["q"]), 0.0
        )
        moment_i = 2.0 * ext * share_i  # both sides [N·m]
        force_i = np.where(arm > 0, moment_i / np.where(arm > 0, arm, 1.0), 0.0)
    glute = slice(_N_HAM, None)
    ham = slice(0, _N_HAM)
    passive_i = 2.0 * mus["passive"]  # both sides [N]
    passive_moment_i = passive_i * arm
    cap_i = 2.0 * np.maximum(mus["capacity"], 0.0)
    es_capacity_n = 2.0 * LUMBAR_MAX_FORCE_N * b.fmax
    flexor_force = np.maximum(-m_hip, 0.0) / (HIP_FLEXOR_ARM_M * b.scale)
    es_force = np.maximum(m_lum, 0.0) / (ERECTOR_ARM_M * b.scale)
    abd_force = np.maximum(-m_lum, 0.0) / (ABDOMINAL_ARM_M * b.scale)
    passive_lum = state["passive_lum"]

    glute_force = force_i[glute].sum(axis=0)
    ham_force = force_i[ham].sum(axis=0)
    glute_moment = (moment_i[glute] + passive_moment_i[glute]).sum(axis=0)
    ham_passive_moment = passive_moment_i[ham].sum(axis=0)
    ham_moment = moment_i[ham].sum(axis=0) + ham_passive_moment
    flexor_moment = flexor_force * HIP_FLEXOR_ARM_M * b.scale
    es_moment = es_force * ERECTOR_ARM_M * b.scale
    abd_moment = abd_force * ABDOMINAL_ARM_M * b.scale
    extensors = glute_moment + ham_moment

    # --- independent equilibrium check from explicit positions -------------
    g = GRAVITY
    ch, sh = np.cos(hip), np.sin(hip)
    l5 = (b.l5_forward * ch + b.l5_up * sh, -b.l5_forward * sh + b.l5_up * ch)
    trunk = (l5[0] + b.r_trunk * np.sin(b.phi), l5[1] + b.r_trunk * np.cos(b.phi))
    pelvis_x = b.y_pelvis * sh
    gravity_hip = g * (b.m_trunk * trunk[0] + b.m_pelvis * pelvis_x)  # flexing moment
    hip_residual = gravity_hip - (extensors - flexor_moment)
    gravity_lum = g * b.m_trunk * (trunk[0] - l5[0])
    lumbar_net = es_moment + passive_lum - abd_moment
    lumbar_residual = gravity_lum - lumbar_net

    # --- L5-S1 reaction along and across the trunk ---------------------------
    axial_pull = es_force + passive_lum / (ERECTOR_ARM_M * b.scale) + abd_force
    compression = g * b.m_trunk * np.cos(b.phi) + axial_pull
    shear = g * b.m_trunk * np.sin(b.phi)

    def pct(force, capacity):
        return np.divide(100.0 * force, capacity, out=np.zeros(np.shape(force)), where=capacity > 0)

    # Shares of the hip extensor moment; near upright, where that moment
    # vanishes, they are taken of a small reference moment instead so that
    # they fade to zero rather than jump.
    reference = np.maximum(extensors, SHARE_REFERENCE * b.bw_h)
    glute_share = glute_moment / reference
    ham_share = ham_moment / reference
    # --- what a body can do ----------------------------------------------
    tol = 1e-9
    reach_phi, reach_hip = reach
    muscle_top = np.max(
        np.where(cap_i > 0, force_i / np.where(cap_i > 0, cap_i, 1.0), 0.0), axis=0
    )  # the most active single hip extensor
    es_weak = bounds["lam_es"] > bounds["lam_up"] + tol
    stopped = ~es_weak & (bounds["h_a"] > bounds["h_stop"] + tol)
    weak_hip = ~es_weak & ~stopped & (bounds["lo"] > bounds["hi"] + tol)
    flexors_weak = flexor_force > 2.0 * HIP_FLEXOR_MAX_FORCE_N * b.fmax * (1.0 + tol)
    recruit_weak = muscle_top > 1.0 + tol
    feasible = ~(es_weak | stopped | weak_hip | flexors_weak | recruit_weak)
    causes = {
        "es_weak": es_weak,
        "stopped": stopped,
        "weak_hip": weak_hip,
        "flexors_weak": flexors_weak,
        "recruit_weak": recruit_weak,
    }
    weights = _HAM_WEIGHTS / _HAM_WEIGHTS.sum()
    shortening_mm = 1e3 * np.tensordot(weights, b.shortening[ham, :, 0], axes=1)[:, None]
    ake = np.broadcast_to(np.asarray(inp.effective_ake_deg, dtype=float), b.shape)
    shape = b.shape
    out = np.broadcast_to(~feasible, b.phi.shape).reshape(shape)

    def arr(value):
        """A result field; NaN where the bend is out of reach (no pose to report)."""
        values = np.asarray(value, dtype=float).reshape(shape).copy()
        values[out] = np.nan
        return values

    def keep(value):
        return np.asarray(value, dtype=float).reshape(shape).copy()

    reason = _reasons(causes, b, reach_phi, reach_hip, inp)

    return BendResult(
        inputs=inp,
        body_weight_n=keep(np.broadcast_to(np.asarray(body.body_weight_n, float), shape)),
        ake_deg=keep(ake),
        glute_max_availability=keep(
            np.broadcast_to(np.asarray(inp.glute_availability, float), shape)
        ),
        trunk_inclination_deg=keep(b.phi / _DEG),
        lumbar_flexion_deg=arr(lum / _DEG),
        hip_flexion_deg=arr(hip / _DEG),
        lumbar_share=arr(1.0 - s),
        hip_share=arr(s),
        glute_max_force_n=arr(glute_force),
        hamstring_active_force_n=arr(ham_force),
        hamstring_passive_force_n=arr(passive_i[ham].sum(axis=0)),
        hip_flexor_force_n=arr(flexor_force),
        glute_max_activation_pct=arr(pct(glute_force, cap_i[glute].sum(axis=0))),
        hamstring_activation_pct=arr(pct(ham_force, cap_i[ham].sum(axis=0))),
        glute_max_moment_nm=arr(glute_moment),
        hamstring_moment_nm=arr(ham_moment),
        hamstring_passive_moment_nm=arr(ham_passive_moment),
        hip_extensor_moment_nm=arr(extensors - flexor_moment),
        glute_max_share=arr(glute_share),
        hamstring_share=arr(ham_share),
        erector_spinae_force_n=arr(es_force),
        abdominal_force_n=arr(abd_force),
        erector_spinae_activation_pct=arr(pct(es_force, es_capacity_n)),
        erector_spinae_moment_nm=arr(es_moment),
        lumbar_passive_moment_nm=arr(passive_lum),
        lumbar_extensor_moment_nm=arr(lumbar_net),
        l5s1_compression_n=arr(compression),
        l5s1_shear_n=arr(shear),
        hamstring_shortening_mm=keep(shortening_mm),
        hip_residual_nm=arr(hip_residual),
        lumbar_residual_nm=arr(lumbar_residual),
        cost=arr(state["cost"]),
        reachable_trunk_inclination_deg=keep(reach_phi / _DEG),
        reachable_hip_flexion_deg=keep(reach_hip / _DEG),
        feasible=np.asarray(feasible).reshape(shape).copy(),
        reason=reason,
        iterations=iterations,
    )


def _reasons(causes: dict, b: _Batch, reach_phi, reach_hip, inp: BendInput):
    """Plain-language reason per scenario ("" where the bend can be held)."""
    flat = {k: np.asarray(v).reshape(-1) for k, v in causes.items()}
    phi = np.asarray(b.phi).reshape(-1) / _DEG
    reach = np.asarray(reach_phi).reshape(-1) / _DEG
    hip = np.asarray(reach_hip).reshape(-1) / _DEG
    avail = np.broadcast_to(np.asarray(inp.glute_availability, float), b.shape).reshape(-1)
    texts = np.full(phi.shape, "", dtype=object)
    for i in np.flatnonzero(np.any(np.stack(list(flat.values())), axis=0)):
        if flat["es_weak"][i]:
            text = (
                f"the erector spinae cannot hold the trunk at {phi[i]:.0f}°, even with the "
                "lower back flexed as far as its passive tissue allows"
            )
        elif flat["stopped"][i] and hip[i] < 0.5:
            text = (
                "the hamstrings keep the pelvis from tilting forward at all: the lower back "
                f"alone bends {reach[i]:.0f}°, so this person cannot bend {phi[i]:.0f}° "
                "with straight knees"
            )
        elif flat["stopped"][i]:
            text = (
                f"hamstrings stop the hips at {hip[i]:.0f}° of flexion: this person cannot "
                f"bend {phi[i]:.0f}° with straight knees (reachable: {reach[i]:.0f}°)"
            )
        elif flat["weak_hip"][i]:
            text = (
                f"the gluteus maximus and hamstrings cannot hold the hips at {phi[i]:.0f}° "
                "of bend: they would need more than 100 %"
            )
        elif flat["flexors_weak"][i]:
            text = "the hip flexors cannot hold the pelvis upright against the hamstrings"
        else:
            text = (
                f"with only {100 * avail[i]:.0f} % of the glutes available (hypothesis), a "
                "hip extensor would need more than 100 %"
            )
        texts[i] = text
    if b.shape == ():
        return str(texts[0])
    return texts.reshape(b.shape)
