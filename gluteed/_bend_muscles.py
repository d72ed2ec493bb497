"""The forward bend's body: muscle and joint geometry, tissue curves, clinical tests.

The side view of :mod:`gluteed.hamstrings`: gait2392's hip muscles (paths,
forces, fibre and tendon lengths) arranged for the bend solver, the moment
arms of the trunk and hip flexor muscles, the passive curves of muscle
(Thelen 2003, gait2392's values) and of the lumbar tissue, the AKE norms and
the conversion between the AKE and straight-leg-raise tests. Every constant
carries its source; the public ones are re-exported by
:mod:`gluteed.hamstrings`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ._validation import check_choice
from .anthropometry import GRAVITY, SEXES
from .geometry import (
    BACK_IN_PELVIS,
    ERECTOR_SPINAE_PATH,
    GAIT2392_MUSCLES,
    HIP_IN_PELVIS,
    KNEE_IN_FEMUR,
)
from .parameters import check, parameter

#: Degrees to radians. [rad/deg]
DEG = np.pi / 180.0

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
N_HAM = len(_HAMSTRINGS)


def _chain_length(points: ArrayLike) -> float:
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


FMAX = _col(1)  # [N]
L0 = _col(2)  # optimal fibre length [m]
LTS = _col(3)  # tendon slack length [m]
WIDTH = _col(4)  # l0 sin(pennation): constant fibre "height" [m]
TAIL = _col(8)  # fixed part of the path [m]
ORIGINS = np.array([r[5] for r in _ROWS]).T.reshape(3, -1, 1, 1)  # pelvis point - hip [m]
# Moving point in the femur frame with the knee straight (femur origin = hip centre).
P_STRAIGHT = np.array(
    [(_KNEE_IN_FEMUR + r[6]) if r[9] == "tibia" else r[6] for r in _ROWS]
).T.reshape(3, -1, 1, 1)
HAM_WEIGHTS = np.array([r[1] for r in _ROWS[:N_HAM]])  # Fmax weights for the mean length


def _line_distance(a: ArrayLike, b: ArrayLike, point: ArrayLike) -> float:
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
L5S1_FORWARD_M = _BACK_IN_PELVIS[0] - _HIP_IN_PELVIS[0]

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
KPE_DEN = np.expm1(THELEN_KPE)

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
REFERENCE_BW_HEIGHT = 70.0 * GRAVITY * 1.75  # [N·m]

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


RANGE_RAD = LUMBAR_FLEXION_RANGE_DEG * DEG  # [rad]


def thelen_passive_force(normalized_fiber_length: ArrayLike) -> float | np.ndarray:
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
    out = np.where(x > 1.0, np.expm1(THELEN_KPE * (x - 1.0) / THELEN_E0) / KPE_DEN, 0.0)
    return float(out) if out.ndim == 0 else out


_HAM_TIBIA = np.array([r[7] for r in _ROWS[:N_HAM]])  # first tibial point, tibia frame [m]
_HAM_ORIGIN = np.array([r[5] for r in _ROWS[:N_HAM]])  # ischial origin - hip centre [m]
_HAM_TAIL = np.array([r[8] for r in _ROWS[:N_HAM]])  # fixed tibial part of the path [m]


def _hamstring_points(hip_rad: ArrayLike, knee_rad: ArrayLike) -> np.ndarray:
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


def hamstring_lengths(
    hip_flexion_deg: ArrayLike, knee_flexion_deg: ArrayLike = 0.0, *, scale: ArrayLike = 1.0
) -> np.ndarray:
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
    hip = np.multiply(hip_flexion_deg, DEG)
    knee = np.multiply(knee_flexion_deg, DEG)
    return scale * (_hamstring_points(hip, knee) + _HAM_TAIL)


def _mean_length(hip_rad: ArrayLike, knee_rad: ArrayLike) -> np.ndarray:
    d = _hamstring_points(hip_rad, knee_rad)
    return d @ HAM_WEIGHTS / HAM_WEIGHTS.sum()


def _newton_solve(
    func: Callable[[np.ndarray], np.ndarray],
    target: ArrayLike,
    guess: ArrayLike,
    iterations: int = 8,
) -> np.ndarray:
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
_AKE_TABLE = np.linspace(-10.0, 100.0, 111) * DEG
_SLR_OF_AKE_TABLE = _newton_solve(
    lambda h: _mean_length(h, 0.0),
    _mean_length(np.pi / 2, _AKE_TABLE),
    np.full(_AKE_TABLE.shape, 1.2),
    iterations=40,
)


def slr_to_ake(slr_deg: ArrayLike) -> float | np.ndarray:
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
    slr = np.multiply(slr_deg, DEG)
    guess = np.interp(slr, _SLR_OF_AKE_TABLE[::-1], _AKE_TABLE[::-1])
    out = _newton_solve(lambda k: _mean_length(np.pi / 2, k), _mean_length(slr, 0.0), guess) / DEG
    return float(out) if np.ndim(out) == 0 else out


def ake_to_slr(ake_deg: ArrayLike) -> float | np.ndarray:
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
    ake = np.multiply(ake_deg, DEG)
    guess = np.interp(ake, _AKE_TABLE, _SLR_OF_AKE_TABLE)
    out = _newton_solve(lambda h: _mean_length(h, 0.0), _mean_length(np.pi / 2, ake), guess) / DEG
    return float(out) if np.ndim(out) == 0 else out


def hamstring_slack_shortening(ake_deg: ArrayLike, sex: str = "male") -> np.ndarray:
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
    return _NORMAL_AKE_LENGTHS[sex] - _hamstring_points(np.pi / 2, np.multiply(ake_deg, DEG))


_NORMAL_AKE_LENGTHS = {
    sex: _hamstring_points(np.pi / 2, AKE_NORMAL_DEG[sex][0] * DEG) for sex in SEXES
}


def hamstring_status(ake_deg: float, sex: str = "male") -> str:
    """'tight' above the sex's cut-off (Yildirim et al. 2018), else 'normal'."""
    sex = check_choice("sex", sex, SEXES)
    ake = check("ake_deg", ake_deg)
    if np.ndim(ake) != 0:
        raise ValueError("hamstring_status describes one AKE value")
    return "tight" if ake > AKE_TIGHT_DEG[sex] else "normal"


def lumbar_passive_moment(
    lumbar_flexion_deg: ArrayLike,
    body_weight_n: ArrayLike = 70.0 * GRAVITY,
    height_m: ArrayLike = 1.75,
) -> float | np.ndarray:
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
    scale = np.multiply(body_weight_n, height_m) / REFERENCE_BW_HEIGHT
    out = (
        scale
        * LUMBAR_PASSIVE_A_NM
        * np.expm1(LUMBAR_PASSIVE_B_PER_RAD * np.multiply(lumbar_flexion_deg, DEG))
    )
    return float(out) if np.ndim(out) == 0 else out
