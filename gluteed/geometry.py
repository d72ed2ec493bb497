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

import json
from dataclasses import dataclass
from pathlib import Path

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


def _read_muscles(path: Path) -> dict[str, Gait2392Muscle]:
    """The muscles of ``path`` (``gait2392_muscles.json``), their points as tuples."""
    rows = json.loads(path.read_text(encoding="utf-8"))["muscles"]
    return {
        name: Gait2392Muscle(
            **{k: v for k, v in row.items() if k not in ("pelvis", "moving")},
            pelvis=tuple(tuple(point) for point in row["pelvis"]),
            moving=tuple(tuple(point) for point in row["moving"]),
        )
        for name, row in rows.items()
    }


#: The hamstrings (semimembranosus, semitendinosus, biceps femoris long head)
#: and the three parts of gluteus maximus, hamstrings first: the numbers of
#: gait2392 as they stand in its .osim file, kept as data in
#: ``gait2392_muscles.json`` beside this module (with their units).
GAIT2392_MUSCLES = _read_muscles(Path(__file__).with_name("gait2392_muscles.json"))


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
