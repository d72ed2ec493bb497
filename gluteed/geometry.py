"""Where the body's parts are: stature proportions and the OpenSim gait2392 points.

One module for the geometric facts that both the model and the figures use,
so that each is written once:

* heights and breadths of the body as fractions of stature (Drillis R,
  Contini R 1966, Body segment parameters, Report 1166-03, New York
  University; in Winter DA 2009, Biomechanics and Motor Control of Human
  Movement, 4th ed., Wiley, ISBN 978-0-470-39818-0, Fig. 4.1);
* the joint centres and muscle paths of the OpenSim gait2392 generic model
  (Delp SL et al. 1990, IEEE Trans Biomed Eng 37:757,
  doi:10.1109/10.102791; trunk after Anderson FC & Pandy MG 1999, Comput
  Methods Biomech Biomed Engin 2:201, doi:10.1080/10255849908907988), file
  ``gait2392_thelen2003muscle.osim`` of the opensim-models repository, right
  side. Points are in metres in the frame of the body named, x anterior,
  y superior, z lateral; the model scales them to a subject by the ratio of
  hip-centre distances (``GAIT2392_HIP_DISTANCE_M``).

Pure data: no numpy arrays are made here, so the module imports instantly.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ANKLE_HEIGHT_PER_HEIGHT",
    "BACK_IN_PELVIS",
    "CHEST_BREADTH_PER_HEIGHT",
    "CHIN_HEIGHT_PER_HEIGHT",
    "ERECTOR_SPINAE_PATH",
    "FOOT_BREADTH_PER_HEIGHT",
    "GAIT2392_HIP_DISTANCE_M",
    "GAIT2392_MUSCLES",
    "HAND_LENGTH_PER_HEIGHT",
    "HIP_BREADTH_PER_HEIGHT",
    "HIP_HEIGHT_PER_HEIGHT",
    "HIP_IN_PELVIS",
    "KNEE_HEIGHT_PER_HEIGHT",
    "KNEE_IN_FEMUR",
    "SHOULDER_HEIGHT_PER_HEIGHT",
    "WRIST_HEIGHT_PER_HEIGHT",
    "Gait2392Muscle",
    "TrunkPath",
]

# --- Stature proportions (Drillis & Contini 1966, in Winter 2009, Fig. 4.1) ---
#: Greater trochanter above the floor / stature, taken as the hip centre. [-]
HIP_HEIGHT_PER_HEIGHT = 0.530
#: Knee joint above the floor / stature. [-]
KNEE_HEIGHT_PER_HEIGHT = 0.285
#: Ankle (medial malleolus) above the floor / stature. [-]
ANKLE_HEIGHT_PER_HEIGHT = 0.039
#: Shoulder (glenohumeral joint) above the floor / stature. [-]
SHOULDER_HEIGHT_PER_HEIGHT = 0.818
#: Wrist above the floor / stature. [-]
WRIST_HEIGHT_PER_HEIGHT = 0.485
#: Chin above the floor / stature. [-]
CHIN_HEIGHT_PER_HEIGHT = 0.870
#: Hand length / stature. [-]
HAND_LENGTH_PER_HEIGHT = 0.108
#: Foot breadth / stature. [-]
FOOT_BREADTH_PER_HEIGHT = 0.055
#: Hip breadth / stature. [-]
HIP_BREADTH_PER_HEIGHT = 0.191
#: Chest breadth / stature. [-]
CHEST_BREADTH_PER_HEIGHT = 0.174

# --- OpenSim gait2392 ----------------------------------------------------------
#: Distance between gait2392's hip centres, 2 x 0.0835 m. [m]
GAIT2392_HIP_DISTANCE_M = 0.167
#: Hip centre in the pelvis frame. [m]
HIP_IN_PELVIS = (-0.0707, -0.0661, 0.0835)
#: Lumbosacral ("back") joint in the pelvis frame. [m]
BACK_IN_PELVIS = (-0.1007, 0.0815, 0.0)
#: Knee centre (tibia origin) in the femur frame at 0° knee flexion: value of
#: gait2392's knee translation splines at 0 rad, about (-0.004, -0.396) m.
#: ASSUMPTION: the knee is a hinge at this point; the spline's ~1 cm roll-back
#: with flexion is ignored. [m]
KNEE_IN_FEMUR = (-0.0041, -0.3959, 0.0)


@dataclass(frozen=True)
class Gait2392Muscle:
    """One gait2392 muscle of the side view: its Hill-model constants and path.

    The path is the chain of points: ``pelvis`` points (pelvis frame), then
    ``moving`` points in the frame of ``body``; the segment from the last
    pelvis point to the first moving point changes with the joint angles, the
    rest is fixed. Via points that gait2392 switches off at large knee
    flexion (ConditionalPathPoint) are kept at all angles.

    Attributes
    ----------
    max_force_n : float
        Maximum isometric force. [N]
    optimal_fibre_length_m : float
        Optimal fibre length. [m]
    tendon_slack_length_m : float
        Tendon slack length. [m]
    pennation_rad : float
        Pennation angle at optimal fibre length. [rad]
    pelvis : tuple of (x, y, z)
        Path points on the pelvis. [m]
    moving : tuple of (x, y, z)
        Path points on the femur or tibia. [m]
    body : {"femur", "tibia"}
        The body the moving points are on.
    """

    max_force_n: float
    optimal_fibre_length_m: float
    tendon_slack_length_m: float
    pennation_rad: float
    pelvis: tuple[tuple[float, float, float], ...]
    moving: tuple[tuple[float, float, float], ...]
    body: str


#: The hamstrings (semimembranosus, semitendinosus, biceps femoris long head)
#: and the three parts of gluteus maximus, hamstrings first.
GAIT2392_MUSCLES = {
    "semimem": Gait2392Muscle(
        1288.0,
        0.080,
        0.359,
        0.26179939,
        pelvis=((-0.1192, -0.09747, 0.07151),),
        moving=((-0.0348, -0.03519, -0.01891), (-0.027, -0.04771, -0.01957)),
        body="tibia",
    ),
    "semiten": Gait2392Muscle(
        410.0,
        0.201,
        0.2555,
        0.08726646,
        pelvis=((-0.12635, -0.10988, 0.06039),),
        moving=(
            (-0.04203, -0.02859, -0.02277),
            (-0.03322, -0.05282, -0.02288),
            (-0.0113, -0.0746, -0.0245),
            (0.0027, -0.0956, -0.0193),
        ),
        body="tibia",
    ),
    "bifemlh": Gait2392Muscle(
        896.0,
        0.109,
        0.326,
        0.0,
        pelvis=((-0.12596, -0.10257, 0.06944),),
        moving=((-0.0301, -0.036, 0.02943), (-0.0234, -0.0563, 0.0343)),
        body="tibia",
    ),
    "glut_max1": Gait2392Muscle(
        573.0,
        0.142,
        0.125,
        0.08726646,
        pelvis=((-0.1195, 0.0612, 0.07), (-0.1291, 0.0012, 0.0886)),
        moving=((-0.0457, -0.0248, 0.0392), (-0.0277, -0.0566, 0.047)),
        body="femur",
    ),
    "glut_max2": Gait2392Muscle(
        819.0,
        0.147,
        0.127,
        0.0,
        pelvis=((-0.1349, 0.0176, 0.0563), (-0.1376, -0.052, 0.0914)),
        moving=((-0.0426, -0.053, 0.0293), (-0.0156, -0.1016, 0.0419)),
        body="femur",
    ),
    "glut_max3": Gait2392Muscle(
        552.0,
        0.144,
        0.145,
        0.08726646,
        pelvis=((-0.1556, -0.0314, 0.0058), (-0.1529, -0.1052, 0.0403)),
        moving=((-0.0299, -0.1041, 0.0135), (-0.006, -0.1419, 0.0411)),
        body="femur",
    ),
}


@dataclass(frozen=True)
class TrunkPath:
    """A muscle from the pelvis to the torso, in the sagittal plane.

    Attributes
    ----------
    pelvis : (x, y)
        Origin in the pelvis frame. [m]
    torso : (x, y)
        Insertion in the torso frame, whose origin is the back joint. [m]
    """

    pelvis: tuple[float, float]
    torso: tuple[float, float]


#: gait2392's lumbar erector spinae (ercspn). [m]
ERECTOR_SPINAE_PATH = TrunkPath(pelvis=(-0.14, 0.0439), torso=(-0.055, 0.11))
