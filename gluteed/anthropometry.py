"""The person: body segments, frontal-plane geometry and muscle capacities.

All lengths scale with stature and all masses and muscle capacities with body
mass, so every force in multiples of body weight and every angle depends on
the proportions only (a tested invariant).

Every constant below carries its source and unit. Where no direct
measurement exists, the constant is marked ASSUMPTION and says why its value
was chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .geometry import (
    ANKLE_HEIGHT_PER_HEIGHT,
    GAIT2392_HIP_DISTANCE_M,
    HIP_HEIGHT_PER_HEIGHT,
    SHOULDER_HEIGHT_PER_HEIGHT,
)
from .parameters import check, parameter

__all__ = ["GRAVITY", "SEXES", "BodyModel", "Subject", "body_model"]

#: Standard gravity. [m/s^2]
GRAVITY = 9.81

SEXES = parameter("sex").choices

# --- Segment masses, fraction of body mass -------------------------------
# de Leva P. (1996) Adjustments to Zatsiorsky-Seluyanov's segment inertia
# parameters. J Biomech 29:1223-1230, doi:10.1016/0021-9290(95)00178-6,
# Table 4 (female, male). Head+neck, upper, middle, lower trunk; upper arm,
# forearm, hand; thigh, shank, foot.
_DE_LEVA_MASS = {
    "female": {
        "head": 0.0668,
        "upper_trunk": 0.1545,
        "middle_trunk": 0.1465,
        "lower_trunk": 0.1247,
        "upper_arm": 0.0255,
        "forearm": 0.0138,
        "hand": 0.0056,
        "thigh": 0.1478,
        "shank": 0.0481,
        "foot": 0.0129,
    },
    "male": {
        "head": 0.0694,
        "upper_trunk": 0.1596,
        "middle_trunk": 0.1633,
        "lower_trunk": 0.1117,
        "upper_arm": 0.0271,
        "forearm": 0.0162,
        "hand": 0.0061,
        "thigh": 0.1416,
        "shank": 0.0433,
        "foot": 0.0137,
    },
}

# --- Frontal-plane geometry, fraction of stature ---------------------------
#: Distance between the hip-joint centres / stature: 0.0989 +/- 0.0070 (mean
#: +/- SD, n = 10), computed from the CT landmarks (HJC_L, HJC_R) and statures
#: of the ten OrthoLoad subjects in the public data of the HipJointForceModel
#: (data/OrthoLoad/Landmarks, data/importDataOrthoLoad.m) [@hipjointforcemodel];
#: the subjects are those of Bergmann et al. (2016) [@bergmann2016], but the
#: ratio is not taken from their paper. A CT-measured hip distance gave the smallest
#: error in a patient-specific validation against their in-vivo forces
#: (Fischer et al. 2018) [@fischer2018]. For comparison: 170 mm in Pauwels'
#: subject, 169 mm on Dostal & Andrews' (1981) skeleton, 167 mm in gait2392. [-]
HIP_DISTANCE_PER_HEIGHT = 0.099

#: gait2392's lengths are used relative to its hip-centre distance
#: (``gluteed.geometry.GAIT2392_HIP_DISTANCE_M``, 0.167 m, with its source).
#: Height of the lumbosacral (back) joint above the hip centres / hip-centre
#: distance: gait2392 back joint 0.0815 m above, hip joints 0.0661 m below the
#: pelvis origin -> 0.1476 m / 0.167 m. [-]
L5S1_HEIGHT_PER_HIP_DISTANCE = (0.0815 + 0.0661) / GAIT2392_HIP_DISTANCE_M

#: Height of the pelvis (de Leva lower trunk) centre of mass above the hip
#: line / stature: lower-trunk COM 61.15 % (m) / 49.20 % (f) from the
#: omphalion of a 145.7 mm (m) / 181.5 mm (f) segment ending at the hip
#: midpoint, statures 1741 / 1735 mm (de Leva 1996, Table 4). [-]
_PELVIS_COM_PER_HEIGHT = {
    "female": (1 - 0.4920) * 181.5 / 1735,
    "male": (1 - 0.6115) * 145.7 / 1741,
}

#: Stature of de Leva's (1996) reference subjects. [mm]
_DE_LEVA_STATURE_MM = {"female": 1735.0, "male": 1741.0}
#: de Leva (1996) Table 4 segment lengths [mm] and COM positions [fraction of
#: the length from the first landmark]: head+neck vertex-C7, upper trunk
#: suprasternale-xiphoid, middle trunk xiphoid-omphalion, lower trunk
#: omphalion-hip midpoint, upper arm, forearm, hand (to 3rd metacarpale).
_DE_LEVA_LENGTH_MM = {
    "female": {
        "head": 243.7,
        "upper_trunk": 142.5,
        "middle_trunk": 205.3,
        "lower_trunk": 181.5,
        "upper_arm": 275.1,
        "forearm": 264.3,
        "hand": 78.0,
    },
    "male": {
        "head": 242.9,
        "upper_trunk": 170.7,
        "middle_trunk": 215.5,
        "lower_trunk": 145.7,
        "upper_arm": 281.7,
        "forearm": 268.9,
        "hand": 86.2,
    },
}
_DE_LEVA_COM = {
    "female": {
        "head": 0.4841,
        "upper_trunk": 0.2077,
        "middle_trunk": 0.4512,
        "lower_trunk": 0.4920,
        "upper_arm": 0.5754,
        "forearm": 0.4559,
        "hand": 0.7474,
    },
    "male": {
        "head": 0.5002,
        "upper_trunk": 0.2999,
        "middle_trunk": 0.4502,
        "lower_trunk": 0.6115,
        "upper_arm": 0.5772,
        "forearm": 0.4574,
        "hand": 0.7900,
    },
}


def _trunk_com_above_hips(sex: str) -> float:
    """COM height of head, arms, upper and middle trunk above the hip line / stature.

    Segments stacked vertically (standing, arms hanging, the shoulder joint at
    the level of suprasternale and C7); de Leva (1996) Table 4.
    """
    ln, com, mass = _DE_LEVA_LENGTH_MM[sex], _DE_LEVA_COM[sex], _DE_LEVA_MASS[sex]
    omphalion = ln["lower_trunk"]
    xiphoid = omphalion + ln["middle_trunk"]
    suprasternale = xiphoid + ln["upper_trunk"]
    heights = {
        "middle_trunk": xiphoid - com["middle_trunk"] * ln["middle_trunk"],
        "upper_trunk": suprasternale - com["upper_trunk"] * ln["upper_trunk"],
        "head": suprasternale + (1 - com["head"]) * ln["head"],
        "upper_arm": suprasternale - com["upper_arm"] * ln["upper_arm"],
        "forearm": suprasternale - ln["upper_arm"] - com["forearm"] * ln["forearm"],
        "hand": suprasternale - ln["upper_arm"] - ln["forearm"] - com["hand"] * ln["hand"],
    }
    arms = ("upper_arm", "forearm", "hand")
    weights = {k: mass[k] * (2 if k in arms else 1) for k in heights}
    return (
        sum(weights[k] * heights[k] for k in heights)
        / sum(weights.values())
        / _DE_LEVA_STATURE_MM[sex]
    )


#: Shoulder (glenohumeral) height above the hip line / stature: shoulder
#: 0.818 H, greater trochanter 0.530 H (Drillis & Contini 1966, in Winter DA
#: 2009, Biomechanics and Motor Control of Human Movement, 4th ed., Wiley,
#: Fig. 4.1). [-]
SHOULDER_ABOVE_HIP_PER_HEIGHT = SHOULDER_HEIGHT_PER_HEIGHT - HIP_HEIGHT_PER_HEIGHT

#: Half the biacromial breadth / stature: the hand of a hanging arm is taken
#: to be this far from the midline. Biacromial breadth 0.259 H (Drillis &
#: Contini 1966, in Winter 2009, Fig. 4.1). [-]
HAND_OFFSET_PER_HEIGHT = 0.259 / 2

#: Centre of mass of the whole leg below the hip centre / stature: leg
#: length (greater trochanter to medial malleolus) 0.530 - 0.039 = 0.491 H,
#: COM at 0.447 of it from the hip (Dempster via Winter 2009, Table 4.1). [-]
LEG_COM_BELOW_HIP_PER_HEIGHT = 0.447 * (HIP_HEIGHT_PER_HEIGHT - ANKLE_HEIGHT_PER_HEIGHT)

# --- Muscles -----------------------------------------------------------------
#: Reference body mass for the muscle capacities below: the segment masses of
#: the gait2392 model add up to 75.16 kg. Capacities scale linearly with body
#: mass. [kg]
MUSCLE_REFERENCE_MASS_KG = 75.16

#: The capacities below are gait2392's (file above).
#: Maximum isometric force of the gluteus medius: glut_med1/2/3 =
#: 819 + 573 + 653 N in gait2392. [N]
GLUTE_MED_MAX_FORCE_N = 819.0 + 573.0 + 653.0
#: Gluteus minimus: glut_min1/2/3 = 270 + 285 + 323 N in gait2392. [N]
GLUTE_MIN_MAX_FORCE_N = 270.0 + 285.0 + 323.0
#: Tensor fasciae latae: tfl = 233 N in gait2392. [N]
TFL_MAX_FORCE_N = 233.0
#: Hip adductors (longus, brevis, magnus 1-3): 627 + 429 + 381 + 343 + 488 N
#: in gait2392. [N]
HIP_ADDUCTOR_MAX_FORCE_N = 627.0 + 429.0 + 381.0 + 343.0 + 488.0

#: Hip muscle geometry of Dostal WF & Andrews JG (1981) A three-dimensional
#: biomechanical model of hip musculature. J Biomech 14:803-812: origins and
#: insertions measured on a reference skeleton, hip centres 169 mm apart (as
#: tabulated in the open-source HipJointForceModel, data/Dostal1981.m)
#: [@dostal1981; @hipjointforcemodel].
#: Moment arms are straight-line distances from the hip centre to each
#: muscle's line at neutral posture, weighted within a group by the gait2392
#: capacities above; lines of action are frontal-plane angles to vertical.
_DOSTAL_HIP_DISTANCE_M = 0.169

#: Hip abductor moment arm / hip-centre distance: gluteus medius anterior,
#: middle, posterior 66.5, 60.1, 43.4 mm (57.3 mm weighted); gluteus minimus
#: 57.5, 52.8, 39.7 mm (49.4 mm); TFL 52.4 mm; the group 54.7 mm.
#: Why Dostal's skeleton and not gait2392's own paths (42.7 mm): both are
#: published geometries, and with gait2392's shorter arms this model puts the
#: walking hip force at 2.92 BW without the healthy pelvic list (3.07 with it),
#: above every subject of Bergmann et al. (2016, 2.17-2.82 BW), while with
#: Dostal's it gives 2.31 BW in one-legged stance (measured 2.61 +/- 0.29,
#: range 2.19-3.28) and 2.53 BW in walking without the list (2.64 with it;
#: measured 2.47 +/- 0.20). The choice was made by that comparison, so those
#: two checks are not independent of it (see docs/model.md). [-]
ABDUCTOR_ARM_PER_HIP_DISTANCE = 0.0547 / _DOSTAL_HIP_DISTANCE_M
#: Abductor line of action, angle to vertical: gluteus medius anterior,
#: middle and posterior parts at 5, 19 and 36 deg (Dostal & Andrews 1981),
#: 18.8 deg weighted by capacity (Pauwels 1965: 21 deg). [deg]
ABDUCTOR_LINE_FROM_VERTICAL_DEG = 18.8
#: Hip adductor moment arm / hip-centre distance: adductor longus 70.8,
#: brevis 76.2, minimus 75.4, magnus middle 63.1 and posterior 34.2 mm
#: (Dostal & Andrews 1981), 63.6 mm weighted by the gait2392 capacities of
#: add_long, add_brev, add_mag1-3. [-]
ADDUCTOR_ARM_PER_HIP_DISTANCE = 0.0636 / _DOSTAL_HIP_DISTANCE_M
#: Adductor line of action, angle to vertical. ASSUMPTION: 15 deg (down and
#: lateral from the pubis to the linea aspera); the adductors act in this
#: model only when a cane or a bag lifts the swing side, so this angle
#: changes only the hip contact force in those cases. [deg]
ADDUCTOR_LINE_FROM_VERTICAL_DEG = 15.0

#: Lumbar lateral flexors, one side: gait2392's lumped lumbar erector spinae
#: (ercspn, 2500 N), which stands in for erector spinae and quadratus
#: lumborum together (gait2392 has no separate quadratus lumborum). [N]
LUMBAR_MAX_FORCE_N = 2500.0
#: Frontal-plane moment arm of ercspn about the back joint, 38 mm, /
#: hip-centre distance. MRI moment arms of the lumbar erector spinae at
#: L5-S1 are of the same order, about 4-5 cm (Jorgensen MJ, Marras WS, Granata
#: KP, Wiand JW 2001, MRI-derived moment-arms of the female and male spine
#: loading muscles, Clin Biomech 16:182-193) [@jorgensen2001]; unverified: the
#: 4-5 cm was not traced to a table of the paper. [-]
LUMBAR_ARM_PER_HIP_DISTANCE = 0.038 / GAIT2392_HIP_DISTANCE_M


@dataclass(frozen=True, kw_only=True)
class Subject:
    """The person whose body is modelled.

    Parameters
    ----------
    mass_kg : float or array_like
        Body mass, 30 to 200. [kg]
    height_m : float or array_like
        Stature, 1.2 to 2.2. [m]
    sex : {"female", "male"}
        Selects de Leva's (1996) female or male segment parameters.
    """

    mass_kg: float = 70.0
    height_m: float = 1.75
    sex: str = "male"

    def __post_init__(self) -> None:
        for name in ("mass_kg", "height_m", "sex"):
            object.__setattr__(self, name, check(name, getattr(self, name)))

    @property
    def body_weight_n(self) -> float | np.ndarray:
        """Body weight. [N]"""
        return np.multiply(self.mass_kg, GRAVITY)


@dataclass(frozen=True, kw_only=True)
class BodyModel:
    """Frontal-plane masses, lengths and capacities of one subject (SI units)."""

    mass_kg: float | np.ndarray
    height_m: float | np.ndarray
    body_weight_n: float | np.ndarray
    trunk_mass_kg: float | np.ndarray  #: everything above L5-S1
    pelvis_mass_kg: float | np.ndarray
    leg_mass_kg: float | np.ndarray  #: one whole leg
    half_hip_distance_m: float | np.ndarray
    l5s1_height_m: float | np.ndarray  #: above the hip line
    pelvis_com_height_m: float | np.ndarray  #: above the hip line
    trunk_com_m: float | np.ndarray  #: above L5-S1 along the trunk
    shoulder_height_m: float | np.ndarray  #: above L5-S1 along the trunk
    hand_offset_m: float | np.ndarray  #: from the midline
    leg_com_below_hip_m: float | np.ndarray
    abductor_arm_m: float | np.ndarray
    adductor_arm_m: float | np.ndarray
    lumbar_arm_m: float | np.ndarray
    glute_med_max_n: float | np.ndarray
    glute_min_max_n: float | np.ndarray
    tfl_max_n: float | np.ndarray
    adductor_max_n: float | np.ndarray
    lumbar_max_n: float | np.ndarray


def body_model(subject: Subject) -> BodyModel:
    """Scale the cited segment and muscle parameters to one subject."""
    if not isinstance(subject, Subject):
        raise ValueError(f"subject must be a gluteed.Subject; got {subject!r}")
    m = np.asarray(subject.mass_kg, dtype=float)
    h = np.asarray(subject.height_m, dtype=float)
    frac = _DE_LEVA_MASS[subject.sex]
    trunk = (
        frac["head"]
        + frac["upper_trunk"]
        + frac["middle_trunk"]
        + 2 * (frac["upper_arm"] + frac["forearm"] + frac["hand"])
    )
    leg = frac["thigh"] + frac["shank"] + frac["foot"]
    hip_distance = HIP_DISTANCE_PER_HEIGHT * h
    l5s1 = L5S1_HEIGHT_PER_HIP_DISTANCE * hip_distance
    scale = m / MUSCLE_REFERENCE_MASS_KG
    return BodyModel(
        mass_kg=m,
        height_m=h,
        body_weight_n=m * GRAVITY,
        trunk_mass_kg=trunk * m,
        pelvis_mass_kg=frac["lower_trunk"] * m,
        leg_mass_kg=leg * m,
        half_hip_distance_m=hip_distance / 2,
        l5s1_height_m=l5s1,
        pelvis_com_height_m=_PELVIS_COM_PER_HEIGHT[subject.sex] * h,
        trunk_com_m=_trunk_com_above_hips(subject.sex) * h - l5s1,
        shoulder_height_m=SHOULDER_ABOVE_HIP_PER_HEIGHT * h - l5s1,
        hand_offset_m=HAND_OFFSET_PER_HEIGHT * h,
        leg_com_below_hip_m=LEG_COM_BELOW_HIP_PER_HEIGHT * h,
        abductor_arm_m=ABDUCTOR_ARM_PER_HIP_DISTANCE * hip_distance,
        adductor_arm_m=ADDUCTOR_ARM_PER_HIP_DISTANCE * hip_distance,
        lumbar_arm_m=LUMBAR_ARM_PER_HIP_DISTANCE * hip_distance,
        glute_med_max_n=GLUTE_MED_MAX_FORCE_N * scale,
        glute_min_max_n=GLUTE_MIN_MAX_FORCE_N * scale,
        tfl_max_n=TFL_MAX_FORCE_N * scale,
        adductor_max_n=HIP_ADDUCTOR_MAX_FORCE_N * scale,
        lumbar_max_n=LUMBAR_MAX_FORCE_N * scale,
    )
