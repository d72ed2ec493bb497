"""Passive tissues and joint ranges of the frontal-plane stance model.

When the muscles cannot make the moment a posture needs, the posture changes
until passive tissue takes the rest; when no posture inside the joints'
ranges can hold the load, the model says so. This module holds the cited
pieces of that story, each a pure, vectorised function of one angle that
returns the moment and its first two derivatives (the stance solver is a
Newton method):

* the **hip in adduction** (pelvic drop on the swing side, or a stance foot
  placed under the body): the stretched hip abductors' passive force, plus
  the capsule at the end of the range; in abduction the stretched adductors
  and the capsule;
* the **lumbar spine in lateral bending**: the passive resistance of the
  whole lumbar spine;
* the **ranges** of hip adduction/abduction and lumbar lateral bending that
  no posture may pass.

Every constant carries its source and unit; modelling choices are marked
ASSUMPTION.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "ABDUCTOR_STRAIN_PER_RAD",
    "ADDUCTOR_STRAIN_PER_RAD",
    "HIP_ABDUCTION_RANGE_DEG",
    "HIP_ADDUCTION_RANGE_DEG",
    "LUMBAR_SIDE_BEND_RANGE_DEG",
    "hip_passive_moment",
    "hip_passive_scale",
    "lumbar_side_bend_passive_moment",
]

_DEG = np.pi / 180.0

# --- Joint ranges ---------------------------------------------------------------
#: Range of hip adduction from neutral, the end of the joint: 27 +/- 3.6 deg
#: in adults (normative goniometry as tabulated by the American Academy of
#: Orthopaedic Surgeons; Boone DC & Azen SP 1979, J Bone Joint Surg Am
#: 61:756-759, doi:10.2106/00004623-197961050-00017, measured a similar mean
#: in 109 men [@boone1979]; unverified: the exact figure was not read in the
#: original). The hip
#: adduction of stance is the stance femur's own adduction (the foot under
#: the body) plus the pelvic drop. [deg]
HIP_ADDUCTION_RANGE_DEG = 27.0
#: Range of hip abduction from neutral: 45 deg, the normative value of the
#: same tables (unverified in the original). Reached only when a cane or a
#: bag hikes the swing side. [deg]
HIP_ABDUCTION_RANGE_DEG = 45.0
#: Range of lumbar lateral bending to each side: about 28 deg in young
#: adults (Troke M, Moore AP, Maillardet FJ, Cheek E 2005, A normative
#: database of lumbar spine ranges of motion, Man Ther 10:198-206,
#: doi:10.1016/j.math.2004.10.004 [@troke2005]; it falls with age). The model's lumbar
#: side bend is the trunk's lean relative to the pelvis. [deg]
LUMBAR_SIDE_BEND_RANGE_DEG = 28.0

# --- Passive muscle -------------------------------------------------------------
#: Passive force-length curve of muscle fibres, F / Fmax = (exp(k e / e0) - 1)
#: / (exp(k) - 1) with e the fibre strain beyond optimal length: k = 4 and
#: e0 = 0.6, the values of the Thelen2003Muscle fibres of the OpenSim
#: gait2392 model [@gait2392]; the form of the curve is that of Thelen DG
#: 2003, J Biomech Eng 125:70-77, doi:10.1115/1.1531112 [@thelen2003], whose
#: own published values differ. [-]
PASSIVE_MUSCLE_K = 4.0
PASSIVE_MUSCLE_E0 = 0.6
#: The curve's kink at optimal length smoothed over this strain (softplus),
#: so the solver sees a smooth function. ASSUMPTION (numerical). [-]
PASSIVE_ONSET_STRAIN = 0.03
_PASSIVE_DEN = np.expm1(PASSIVE_MUSCLE_K)

#: The hip abductors as one passive group: gluteus medius 1-3, gluteus
#: minimus 1-3 and tensor fasciae latae of gait2392 (Delp SL et al. 1990, IEEE
#: Trans Biomed Eng 37:757, doi:10.1109/10.102791): maximum isometric forces
#: 819 + 573 + 653 + 270 + 285 + 323 + 233 = 3156 N at 75.16 kg; optimal
#: fibre lengths 53.5, 84.5, 64.6, 68.0, 56.0, 38.0 and 95.0 mm, 64.4 mm
#: weighted by force. Their fibres are stretched by (moment arm x adduction
#: angle), with the group's moment arm of Dostal & Andrews (1981).
#: ASSUMPTIONS: the fibres sit at optimal length with the hip in neutral,
#: the tendons are rigid, and a weak muscle keeps its passive stiffness
#: (connective tissue is not removed by denervation or disuse). [N], [m]
ABDUCTOR_PASSIVE_MAX_FORCE_N = 3156.0
ABDUCTOR_OPTIMAL_FIBRE_M = 0.0644
#: The hip adductors as one passive group (add_long, add_brev, add_mag1-3 of
#: gait2392): 2268 N; optimal fibre lengths 138, 133, 87, 121 and 131 mm,
#: 124.4 mm weighted by force. [N], [m]
ADDUCTOR_PASSIVE_MAX_FORCE_N = 2268.0
ADDUCTOR_OPTIMAL_FIBRE_M = 0.1244
#: Reference body of these forces and lengths: gait2392's 75.16 kg and hip
#: centres 0.167 m apart; forces scale with body mass, lengths with the
#: hip-centre distance. [kg], [m]
_REFERENCE_MASS_KG = 75.16
_REFERENCE_HIP_DISTANCE_M = 0.167

# --- Hip capsule ----------------------------------------------------------------
#: Restraint of the hip capsule: torsional stiffness 0.8 +/- 0.3 N·m/deg once
#: the ligaments engage, and a 5 N·m torque at the measured edge of the
#: passive envelope (van Arkel RJ, Amis AA, Jeffers JRT 2015, The envelope of
#: passive motion allowed by the capsular ligaments of the hip, J Biomech
#: 48:3803-3809, doi:10.1016/j.jbiomech.2015.09.002 [@vanarkel2015]; nine
#: cadaveric hips).
#: ASSUMPTION: the rotational stiffness holds for ab/adduction too, and the
#: capsule reaches 5 N·m at the end of the range, so it engages 6.25 deg
#: before it. Scaled with body mass x hip distance like the muscles. [N·m/deg]
CAPSULE_STIFFNESS_NM_PER_DEG = 0.8
CAPSULE_END_MOMENT_NM = 5.0
#: Width of the capsule's engagement (softplus), ASSUMPTION. [deg]
CAPSULE_ENGAGE_WIDTH_DEG = 1.5

# --- Lumbar spine in lateral bending -----------------------------------------------
#: Passive lateral-bending moment of the whole lumbar spine, M = C sinh(B b):
#: about 10 N·m at the end of the lateral-bend range, with a soft neutral
#: zone. Pure moments of 10 N·m bend cadaveric lumbar spines by about 5-7 deg
#: a segment, close to 28 deg over L1-S1 (Yamamoto I, Panjabi MM, Crisco T,
#: Oxland T 1989, Three-dimensional movements of the whole lumbar spine and
#: lumbosacral joint, Spine 14:1256-1260, doi:10.1097/00007632-198911000-00020;
#: [@yamamoto1989]; unverified: per-level values not read in the original). ASSUMPTION: the sinh shape
#: with B = 8 /rad; scaled with body mass x stature. [N·m], [1/rad]
LUMBAR_SIDE_BEND_B_PER_RAD = 8.0
LUMBAR_SIDE_BEND_END_MOMENT_NM = 10.0
_LUMBAR_C_NM = LUMBAR_SIDE_BEND_END_MOMENT_NM / np.sinh(
    LUMBAR_SIDE_BEND_B_PER_RAD * LUMBAR_SIDE_BEND_RANGE_DEG * _DEG
)
_REFERENCE_HEIGHT_M = 1.75


def _softplus(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """log(1 + exp(x)) and its derivative, without overflow."""
    value = np.logaddexp(0.0, x)
    slope = 0.5 * (1.0 + np.tanh(0.5 * x))  # logistic function
    return value, slope


# Strain per radian of each passive group: moment arm / optimal fibre length.
# Both lengths scale with body size, so the ratio does not; the moments
# scale with body mass x hip-centre distance.
_ABD_ARM_M = 0.0547 / 0.169 * _REFERENCE_HIP_DISTANCE_M  # Dostal & Andrews (1981) [m]
_ADD_ARM_M = 0.0636 / 0.169 * _REFERENCE_HIP_DISTANCE_M
#: Fibre strain of the abductor and of the adductor group per radian of hip
#: adduction (lengthening positive for the abductors, shortening for the
#: adductors): moment arm over optimal fibre length, the same for every body
#: size. [1/rad]
ABDUCTOR_STRAIN_PER_RAD = _ABD_ARM_M / ABDUCTOR_OPTIMAL_FIBRE_M
ADDUCTOR_STRAIN_PER_RAD = _ADD_ARM_M / ADDUCTOR_OPTIMAL_FIBRE_M
_GROUPS = (  # (sign of the stretching angle, arm [m], strain per rad, max force [N])
    (1.0, _ABD_ARM_M, ABDUCTOR_STRAIN_PER_RAD, ABDUCTOR_PASSIVE_MAX_FORCE_N),
    (-1.0, _ADD_ARM_M, ADDUCTOR_STRAIN_PER_RAD, ADDUCTOR_PASSIVE_MAX_FORCE_N),
)
_CAPSULE_K = CAPSULE_STIFFNESS_NM_PER_DEG / _DEG  # [N·m/rad]
_CAPSULE_W = CAPSULE_ENGAGE_WIDTH_DEG * _DEG
_CAPSULE_LEAD = CAPSULE_END_MOMENT_NM / CAPSULE_STIFFNESS_NM_PER_DEG * _DEG
_CAPSULE_ENGAGE = (
    HIP_ADDUCTION_RANGE_DEG * _DEG - _CAPSULE_LEAD,
    HIP_ABDUCTION_RANGE_DEG * _DEG - _CAPSULE_LEAD,
)


#: The passive hip moment's four softplus ramps, one per row: the stretched
#: abductors, the adductors, the capsule in adduction and in abduction. Each
#: ramp's argument is (sign * adduction * rate - engage) / width, rows of
#: sign [-], rate (strain per rad, or 1) [1/rad or -], engage [rad] and
#: width [- or rad]; its moment per unit of the curve (sign x max force x
#: arm, or sign x capsule stiffness x width) in _RAMP_MOMENTS. [N·m]
_RAMPS = np.array(
    [
        [_GROUPS[0][0], _GROUPS[1][0], 1.0, -1.0],
        [_GROUPS[0][2], _GROUPS[1][2], 1.0, 1.0],
        [0.0, 0.0, *_CAPSULE_ENGAGE],
        [PASSIVE_ONSET_STRAIN, PASSIVE_ONSET_STRAIN, _CAPSULE_W, _CAPSULE_W],
    ]
)
_RAMP_MOMENTS = np.array(
    [sign * fmax * arm for sign, arm, _rate, fmax in _GROUPS]
    + [sign * _CAPSULE_K * _CAPSULE_W for sign in (1.0, -1.0)]
)


def hip_passive_scale(*, mass_kg: npt.ArrayLike, hip_distance_m: npt.ArrayLike) -> np.ndarray:
    """Factor from the reference body (gait2392) to a subject's passive hip moments. [-]

    Parameters
    ----------
    mass_kg : array_like
        Body mass. [kg]
    hip_distance_m : array_like
        Distance between the hip centres. [m]

    Returns
    -------
    numpy.ndarray
        Mass and hip distance, each over the reference body's. [-]
    """
    return (
        np.asarray(mass_kg, dtype=float)
        / _REFERENCE_MASS_KG
        * np.asarray(hip_distance_m, dtype=float)
        / _REFERENCE_HIP_DISTANCE_M
    )


def hip_passive_moment(
    adduction_rad: npt.ArrayLike,
    *,
    mass_kg: npt.ArrayLike,
    hip_distance_m: npt.ArrayLike,
    order: int = 2,
) -> tuple[np.ndarray, ...]:
    """Passive frontal-plane hip moment and its first two derivatives.

    Parameters
    ----------
    adduction_rad : array_like
        Hip adduction (negative: abduction). [rad]
    mass_kg : array_like
        Body mass. [kg]
    hip_distance_m : array_like
        Distance between the hip centres. [m]
    order : {0, 1, 2}
        How many derivatives to return (0: the moment alone, as a 1-tuple).

    Returns
    -------
    tuple of numpy.ndarray
        Passive moment resisting adduction (it helps the abductors; negative
        in abduction, where it helps the adductors) [N·m], then its first
        [N·m/rad] and second [N·m/rad²] derivatives with respect to
        adduction, as many as ``order`` asks for.

    Notes
    -----
    Stretched abductors (adduction) and adductors (abduction) along the
    passive curve of OpenSim's Thelen2003Muscle, plus the hip capsule near
    the ends of the range (van Arkel et al. 2015). See the module constants.
    """
    q = np.asarray(adduction_rad, dtype=float)
    scale = hip_passive_scale(mass_kg=mass_kg, hip_distance_m=hip_distance_m)
    w = PASSIVE_ONSET_STRAIN
    k = PASSIVE_MUSCLE_K / PASSIVE_MUSCLE_E0
    # The four softplus ramps at once, one row each (see _RAMPS).
    rows = (slice(None),) + (None,) * q.ndim
    ramp = (np.multiply.outer(_RAMPS[0], q) * _RAMPS[1][rows] - _RAMPS[2][rows]) / _RAMPS[3][rows]
    soft, sig = (np.logaddexp(0.0, ramp), None) if not order else _softplus(ramp)
    # Muscles along the passive curve; the capsule a softplus ramp of slope
    # k_c that reaches 5 N·m at each end.
    grow = np.exp(k * w * soft[:2])
    muscle = _RAMP_MOMENTS[:2][rows] * (grow - 1.0) / _PASSIVE_DEN
    capsule = _RAMP_MOMENTS[2:][rows] * soft[2:]
    out = [muscle[0] + muscle[1] + capsule[0] + capsule[1], 0.0, 0.0]
    for i, (sign, arm, rate, fmax) in enumerate(_GROUPS if order else ()):
        d_force = fmax * k * grow[i] / _PASSIVE_DEN  # dF / d(strain)
        out[1] = out[1] + arm * d_force * sig[i] * rate
        if order > 1:
            curve = k * d_force * sig[i] * sig[i] + d_force * sig[i] * (1.0 - sig[i]) / w
            out[2] = out[2] + sign * arm * rate * rate * curve
    for i, sign in enumerate((1.0, -1.0) if order else ()):
        out[1] = out[1] + _CAPSULE_K * sig[2 + i]
        if order > 1:
            out[2] = out[2] + sign * _CAPSULE_K / _CAPSULE_W * sig[2 + i] * (1.0 - sig[2 + i])
    return tuple(scale * v for v in out[: order + 1])


def lumbar_side_bend_passive_moment(
    bend_rad: npt.ArrayLike, *, mass_kg: npt.ArrayLike, height_m: npt.ArrayLike, order: int = 2
) -> tuple[np.ndarray, ...]:
    """Passive lumbar lateral-bending moment and its first two derivatives.

    Parameters
    ----------
    bend_rad : array_like
        Lateral bend of the trunk on the pelvis. [rad]
    mass_kg, height_m : array_like
        Body mass [kg] and stature [m] (the moment scales with both).
    order : {0, 1, 2}
        How many derivatives to return (0: the moment alone, as a 1-tuple).

    Returns
    -------
    tuple of numpy.ndarray
        Moment resisting the bend [N·m], then its first [N·m/rad] and second
        [N·m/rad²] derivatives, as many as ``order`` asks for.
    """
    scale = np.divide(mass_kg, _REFERENCE_MASS_KG) * height_m / _REFERENCE_HEIGHT_M
    k = LUMBAR_SIDE_BEND_B_PER_RAD
    c = _LUMBAR_C_NM * scale
    kb = np.multiply(bend_rad, k)
    sinh = np.sinh(kb)
    out = (c * sinh, c * k * np.cosh(kb) if order else None, c * k * k * sinh)
    return out[: order + 1]


#: Grid of the passive hip curve for fast scalar look-ups (the walking
#: model's pelvis integrator): every 0.005 deg over the whole hip range. [rad]
_TABLE_STEP = 0.005 * _DEG
_TABLE_START = -(HIP_ABDUCTION_RANGE_DEG + 5.0) * _DEG
_TABLE = None


def hip_passive_lookup(adduction_rad: float, scale: float) -> float:
    """The passive hip moment of :func:`hip_passive_moment` for one angle, interpolated. [N·m]

    Linear interpolation in a table of the reference body's curve (error
    below 1e-5 N·m), for integrators that step one scalar at a time;
    ``scale`` is :func:`hip_passive_scale` of the subject. Angles past the
    ends of the range are clamped to the table.
    """
    global _TABLE
    if _TABLE is None:
        end = (HIP_ADDUCTION_RANGE_DEG + 5.0) * _DEG
        grid = np.arange(_TABLE_START, end + _TABLE_STEP, _TABLE_STEP)
        values = hip_passive_moment(
            grid, mass_kg=_REFERENCE_MASS_KG, hip_distance_m=_REFERENCE_HIP_DISTANCE_M, order=0
        )[0]
        _TABLE = values.tolist()
    return scale * table_lookup(_TABLE, _TABLE_START, _TABLE_STEP, adduction_rad)


def table_lookup(values: list[float], start: float, step: float, x: float) -> float:
    """A tabulated function at ``x``, interpolated linearly; clamped to the table's ends.

    For integrators that step one scalar at a time (plain floats, no numpy).
    ``values`` are the function on the grid ``start``, ``start + step``, ...
    """
    position = min(max((x - start) / step, 0.0), len(values) - 1.0)
    index = min(int(position), len(values) - 2)
    return values[index] + (position - index) * (values[index + 1] - values[index])
