"""Where everything of the frontal body diagram is (seen from behind), in metres.

:func:`body_points` places the pelvis, legs, trunk, arms, loads, muscle bands
and force arrows of one stance result; :mod:`gluteed.view.body` draws them.
Heights and breadths are the model's stature proportions
(:mod:`gluteed.geometry`); outlines and muscle attachments are schematic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..anthropometry import (
    ABDUCTOR_LINE_FROM_VERTICAL_DEG,
    ADDUCTOR_LINE_FROM_VERTICAL_DEG,
    GRAVITY,
    BodyModel,
    body_model,
)
from ..geometry import (
    ANKLE_HEIGHT_PER_HEIGHT,
    CHEST_BREADTH_PER_HEIGHT,
    CHIN_HEIGHT_PER_HEIGHT,
    FOOT_BREADTH_PER_HEIGHT,
    HAND_LENGTH_PER_HEIGHT,
    HIP_BREADTH_PER_HEIGHT,
    HIP_HEIGHT_PER_HEIGHT,
    KNEE_HEIGHT_PER_HEIGHT,
    SHOULDER_HEIGHT_PER_HEIGHT,
    WRIST_HEIGHT_PER_HEIGHT,
)
from ..stance import StanceInput, StanceResult
from ..sweeps import require_one_stance
from .style import FORCE_SCALE_PER_BW

__all__ = [
    "HEAD_BREADTH_RATIO",
    "HEAD_LENGTH",
    "SHOULDER_TO_CHIN",
    "SHOULDER_TO_WRIST",
    "body_points",
    "rotation",
]

# Drawing proportions derived from the model's, fractions of stature. [-]
SHOULDER_TO_WRIST = SHOULDER_HEIGHT_PER_HEIGHT - WRIST_HEIGHT_PER_HEIGHT
SHOULDER_TO_CHIN = CHIN_HEIGHT_PER_HEIGHT - SHOULDER_HEIGHT_PER_HEIGHT
HEAD_LENGTH = 1.0 - CHIN_HEIGHT_PER_HEIGHT
_HIP_HALF_BREADTH = HIP_BREADTH_PER_HEIGHT / 2
_CHEST_HALF_BREADTH = CHEST_BREADTH_PER_HEIGHT / 2
# ASSUMPTION (drawing only): the swing foot clears the floor by 6 % of
# stature (a flexed swing knee, foreshortened in the frontal view); the head
# is 75 % as broad as long; the waist half-breadth is 0.075 of stature.
_SWING_CLEARANCE = 0.06
HEAD_BREADTH_RATIO = 0.75
_WAIST_HALF_BREADTH = 0.075

# Muscle attachments for the drawing, fractions of stature, x toward the
# swing side from the stance hip, y up. ASSUMPTION (schematic): chosen so
# that the gluteus medius band lies along the model's abductor line of
# action and the bands do not overlap; the model's moment arms are those of
# ``gluteed.body_model``, not these.
_GLUTE_MED_INSERTION = (-0.045, -0.012)  # greater trochanter, on the femur
_GLUTE_MED_LENGTH = 0.085
_TFL_ORIGIN = (-0.06, 0.045)  # anterior iliac spine region, on the pelvis
_TFL_INSERTION = (-0.058, -0.17)  # iliotibial band on the lateral thigh
_ADDUCTOR_ORIGIN = (-0.012, -0.05)  # pubis, from the midline, on the pelvis
_ADDUCTOR_INSERTION = (0.012, -0.17)  # medial femur, on the femur
_LUMBAR_LATERAL = 0.035  # both bands, from the midline
_LUMBAR_BOTTOM = 0.092  # on the iliac crest, above the hip line (pelvis)
_LUMBAR_TOP = 0.125  # on the trunk, above L5-S1

#: Half of the pelvis outline, from the midline at the top round the side
#: to the midline at the bottom, fractions of stature (schematic).
_PELVIS_HALF = (
    (0.0, 0.0875),
    (-0.03, 0.097),
    (-0.075, 0.1),
    (-_HIP_HALF_BREADTH, 0.085),
    (-0.085, 0.035),
    (-0.068, 0.012),
    (-0.064, -0.02),
    (-0.045, -0.05),
    (-0.012, -0.056),
    (0.0, -0.05),
)


def rotation(deg: float) -> np.ndarray:
    """2-D rotation matrix, counter-clockwise by ``deg`` degrees."""
    a = np.radians(deg)
    return np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])


@dataclass(frozen=True)
class _Frames:
    """The frames of the frontal picture: the model's, the pelvis's, the trunk's, the screen.

    The model's frame has x toward the swing side, from the stance hip; the
    pelvis is turned by the drop, the trunk by the lean about L5-S1; the
    screen is seen from behind, in metres.
    """

    body: BodyModel
    h: float  # stature [m]
    el: float  # half the hip distance [m]
    hip_y: float  # hip centre above the floor [m]
    sign: float  # +1 when the model's x points to the viewer's right
    pelvis_rotation: np.ndarray
    up: np.ndarray  # trunk axis, leaning toward the stance side (-x)
    across: np.ndarray  # across the trunk, toward the swing side
    l5: np.ndarray  # L5-S1 in the model's frame [m]

    def screen(self, points: npt.ArrayLike) -> np.ndarray:
        p = np.atleast_2d(np.asarray(points, dtype=float))
        return np.column_stack((self.sign * (p[:, 0] - self.el), p[:, 1] + self.hip_y))

    def on_pelvis(self, points: npt.ArrayLike) -> np.ndarray:
        return np.atleast_2d(np.asarray(points, dtype=float)) @ self.pelvis_rotation.T

    def pelvis_h(self, points: npt.ArrayLike) -> np.ndarray:
        """Pelvis points given from the midline, in fractions of stature."""
        p = np.atleast_2d(np.asarray(points, dtype=float)) * self.h
        return self.on_pelvis(p + np.array([self.el, 0.0]))

    def on_trunk(self, points: npt.ArrayLike) -> np.ndarray:
        """Trunk points given as (across, along) from L5-S1, in fractions of stature."""
        p = np.atleast_2d(np.asarray(points, dtype=float)) * self.h
        return self.l5 + p[:, :1] * self.across + p[:, 1:2] * self.up


def _frames(result: StanceResult) -> _Frames:
    inp = result.inputs
    body = body_model(inp.subject)
    h = float(body.height_m)
    el = float(body.half_hip_distance_m)
    lean = float(result.trunk_lean_deg)
    drop = float(result.pelvic_drop_deg)
    sl, cl = np.sin(np.radians(lean)), np.cos(np.radians(lean))
    pelvis_rotation = rotation(-drop)  # a positive drop lowers the swing side (+x)
    l5 = (np.atleast_2d([el, float(body.l5s1_height_m)]) @ pelvis_rotation.T)[0]
    return _Frames(
        body=body,
        h=h,
        el=el,
        hip_y=HIP_HEIGHT_PER_HEIGHT * h,
        # Seen from behind, the person's right is on the viewer's right.
        sign=1.0 if inp.stance_side == "left" else -1.0,
        pelvis_rotation=pelvis_rotation,
        up=np.array([-sl, cl]),
        across=np.array([cl, sl]),
        l5=l5,
    )


def _pelvis_points(f: _Frames) -> dict:
    """The pelvis outline, both hips, L5-S1 and the pelvis's posture lines."""
    outline = list(_PELVIS_HALF) + [(-x, y) for x, y in reversed(_PELVIS_HALF[1:-1])]
    stance_hip = np.array([0.0, 0.0])
    swing_hip = f.on_pelvis([2 * f.el, 0.0])[0]
    return {
        "pelvis": f.screen(f.pelvis_h(outline)),
        "hip_stance": f.screen(stance_hip)[0],
        "hip_swing": f.screen(swing_hip)[0],
        "l5s1": f.screen(f.l5)[0],
        "pelvis_axis": f.screen([stance_hip, swing_hip]),
        "level_reference": f.screen([stance_hip, [2 * f.el, 0.0]]),
    }


def _foot(f: _Frames, x: float, ankle_y: float) -> np.ndarray:
    fb, fh = FOOT_BREADTH_PER_HEIGHT * f.h / 2, ANKLE_HEIGHT_PER_HEIGHT * f.h
    return f.screen(
        [
            [x - 0.6 * fb, ankle_y],
            [x + 0.6 * fb, ankle_y],
            [x + fb, ankle_y - fh],
            [x - fb, ankle_y - fh],
        ]
    )


def _leg_points(f: _Frames, result: StanceResult, swing_hip: np.ndarray) -> dict:
    """Legs and feet: the stance leg leans in, the swing leg hangs.

    The stance leg leans in so that its foot is under the body (the model's
    stance-femur adduction), its foot on the floor; the swing leg hangs from
    the swing hip with its foot off the floor.
    """
    h = f.h
    knee_drop = (HIP_HEIGHT_PER_HEIGHT - KNEE_HEIGHT_PER_HEIGHT) * h
    ankle_drop = (HIP_HEIGHT_PER_HEIGHT - ANKLE_HEIGHT_PER_HEIGHT) * h
    inward = np.tan(np.radians(float(result.stance_femur_adduction_deg)))
    foot_x = inward * ankle_drop
    swing_knee = swing_hip + np.array([0.0, -knee_drop])
    swing_ankle_y = -f.hip_y + (ANKLE_HEIGHT_PER_HEIGHT + _SWING_CLEARANCE) * h
    return {
        "leg_stance": f.screen(
            [[0.0, 0.0], [inward * knee_drop, -knee_drop], [foot_x, -ankle_drop]]
        ),
        "leg_swing": f.screen([swing_hip, swing_knee, [swing_hip[0], swing_ankle_y]]),
        "foot_stance": _foot(f, foot_x, -ankle_drop),
        "foot_swing": _foot(f, float(swing_hip[0]), swing_ankle_y),
    }


def _trunk_points(f: _Frames, lean: float) -> dict:
    """Trunk, neck and head: one rigid body turned about L5-S1."""
    sh = float(f.body.shoulder_height_m) / f.h
    ho = float(f.body.hand_offset_m) / f.h
    trunk_half = [
        (-_WAIST_HALF_BREADTH - 0.005, 0.0),
        (-_WAIST_HALF_BREADTH, 0.09),
        (-_CHEST_HALF_BREADTH, 0.17),
        (-ho, sh - 0.012),
        (-ho + 0.02, sh + 0.012),
        (-0.028, sh + 0.018),
        (-0.022, sh + SHOULDER_TO_CHIN + 0.01),
    ]
    trunk_outline = trunk_half + [(-x, y) for x, y in reversed(trunk_half)]
    head_along = sh + SHOULDER_TO_CHIN + HEAD_LENGTH / 2
    return {
        "trunk": f.screen(f.on_trunk(trunk_outline)),
        "head_centre": f.screen(f.on_trunk([(0.0, head_along)]))[0],
        "head_size": (HEAD_BREADTH_RATIO * HEAD_LENGTH * f.h, HEAD_LENGTH * f.h),
        "head_angle_deg": f.sign * lean,
        "trunk_axis": f.screen(f.on_trunk([(0.0, 0.0), (0.0, head_along)])),
        "vertical_reference": f.screen([f.l5, f.l5 + np.array([0.0, head_along * f.h])]),
    }


def _arm_and_load_points(f: _Frames, inp: StanceInput) -> tuple[dict, dict]:
    """Arms, bag and cane: where they hang and stand, and the loads' anchors. [m]

    Arms hang from the shoulders (the model's hands are at the shoulders'
    lateral position); the bag hangs from one hand, the cane stands under the
    swing-side hand. Returns the points and the loads' anchors (metres).
    """
    h = f.h
    sh = float(f.body.shoulder_height_m) / h
    ho = float(f.body.hand_offset_m) / h
    out, hands = {}, {}
    for name, b in (("arm_stance", -ho), ("arm_swing", ho)):
        shoulder = f.on_trunk([(b, sh - 0.012)])[0]
        wrist = shoulder + np.array([0.0, -SHOULDER_TO_WRIST * h])
        tip = wrist + np.array([0.0, -HAND_LENGTH_PER_HEIGHT * h])
        out[name] = f.screen([shoulder, wrist, tip])
        hands[name] = (wrist, tip)
    bag_top = hands["arm_swing" if inp.bag_side == "opposite" else "arm_stance"][1]
    bag_kg = float(inp.bag_kg)
    bag_size = 0.05 * h * (0.6 + 0.4 * np.sqrt(bag_kg / 10.0)) if bag_kg > 0 else 0.0
    corners = np.array([[-0.5, 0.0], [0.5, 0.0], [0.5, -1.0], [-0.5, -1.0]])
    out["bag"] = f.screen(bag_top + bag_size * corners)
    cane_hand = hands["arm_swing"][0]
    out["cane"] = f.screen([cane_hand, [cane_hand[0], -f.hip_y]])
    return out, {"bag_top": bag_top, "bag_size": bag_size, "cane_hand": cane_hand}


def _muscle_points(f: _Frames) -> tuple[dict, dict]:
    """The muscle bands' two ends (screen), and the forces' anchors (model frame)."""
    h = f.h
    gm_insertion = np.array(_GLUTE_MED_INSERTION) * h
    abd = np.radians(ABDUCTOR_LINE_FROM_VERTICAL_DEG)
    abd_pull = np.array([-np.sin(abd), -np.cos(abd)])  # on the pelvis: down and lateral
    gm_origin = f.on_pelvis(gm_insertion - _GLUTE_MED_LENGTH * h * abd_pull)[0]
    add = np.radians(ADDUCTOR_LINE_FROM_VERTICAL_DEG)
    add_pull = np.array([-np.sin(add), -np.cos(add)])  # on the pelvis: down, toward the femur
    add_origin = f.pelvis_h([_ADDUCTOR_ORIGIN])[0]
    muscles = {
        "glute_med": f.screen([gm_origin, gm_insertion]),
        "glute_min_tfl": f.screen(
            [f.on_pelvis(np.array(_TFL_ORIGIN) * h)[0], np.array(_TFL_INSERTION) * h]
        ),
        "hip_adductors": f.screen([add_origin, np.array(_ADDUCTOR_INSERTION) * h]),
    }
    anchors = {"abductors": (gm_origin, abd_pull), "adductors": (add_origin, add_pull)}
    for role, b in (("contralateral", _LUMBAR_LATERAL), ("ipsilateral", -_LUMBAR_LATERAL)):
        bottom = f.pelvis_h([(b, _LUMBAR_BOTTOM)])[0]
        top = f.on_trunk([(b, _LUMBAR_TOP)])[0]
        anchors[f"lumbar_{role}"] = top
        muscles[f"lumbar_{role}"] = f.screen([bottom, top])
    return muscles, anchors


def _centre_of_mass(f: _Frames, swing_hip: np.ndarray) -> np.ndarray:
    body = f.body
    masses = (
        (float(body.trunk_mass_kg), f.l5 + float(body.trunk_com_m) * f.up),
        (float(body.pelvis_mass_kg), f.on_pelvis([f.el, float(body.pelvis_com_height_m)])[0]),
        (float(body.leg_mass_kg), np.array([0.0, -float(body.leg_com_below_hip_m)])),
        (float(body.leg_mass_kg), swing_hip + np.array([0.0, -float(body.leg_com_below_hip_m)])),
    )
    return sum(m * p for m, p in masses) / sum(m for m, _ in masses)


class _Arrows:
    """Force arrows to scale, as (tail, tip, newtons) on the screen [m]."""

    def __init__(self, f: _Frames, body_weight_n: float) -> None:
        self.f = f
        self.per_newton = FORCE_SCALE_PER_BW * f.h / body_weight_n  # metres per newton

    def _unit(self, direction: npt.ArrayLike) -> np.ndarray:
        direction = np.asarray(direction, dtype=float)
        return direction / np.hypot(*direction)

    def pushing_from(self, tail: npt.ArrayLike, direction: npt.ArrayLike, newtons: float) -> tuple:
        tip = np.asarray(tail, dtype=float) + self._unit(direction) * newtons * self.per_newton
        t, p = self.f.screen([tail, tip])
        return (t, p, newtons)

    def pushing_onto(self, tip: npt.ArrayLike, direction: npt.ArrayLike, newtons: float) -> tuple:
        tail = np.asarray(tip, dtype=float) - self._unit(direction) * newtons * self.per_newton
        t, p = self.f.screen([tail, tip])
        return (t, p, newtons)


def _forces(f: _Frames, result: StanceResult, anchors: dict, com: np.ndarray) -> dict:
    """Every force arrow, by name: (tail, tip, newtons) in metres."""
    inp = result.inputs
    bw = float(result.body_weight_n)
    arrows = _Arrows(f, bw)
    forces = {
        "abductors": arrows.pushing_from(*anchors["abductors"], float(result.abductor_force_n)),
        "adductors": arrows.pushing_from(*anchors["adductors"], float(result.hip_adductor_force_n)),
    }
    hip_force = np.array([float(result.hip_contact_force_x_n), float(result.hip_contact_force_y_n)])
    hip_n = float(np.hypot(*hip_force))
    forces["hip_contact"] = arrows.pushing_onto(
        np.array([0.0, 0.0]), hip_force if hip_n > 0 else [0, 1], hip_n
    )
    for role in ("contralateral", "ipsilateral"):
        outward = f.across * 0.02 * f.h * (1 if role == "contralateral" else -1)
        newtons = float(getattr(result, f"lumbar_{role}_force_n"))
        forces[f"lumbar_{role}"] = arrows.pushing_from(
            anchors[f"lumbar_{role}"] + outward, -f.up, newtons
        )
    load = float(inp.vertical_load_factor)
    forces["body_weight"] = arrows.pushing_from(com, [0.0, -1.0], bw * load)
    forces["bag"] = arrows.pushing_from(
        anchors["bag_top"] - [0.0, anchors["bag_size"] / 2],
        [0.0, -1.0],
        float(inp.bag_kg) * GRAVITY * load,
    )
    cane_n = float(inp.cane_pct_bw) / 100.0 * bw
    forces["cane"] = arrows.pushing_onto(anchors["cane_hand"], [0.0, 1.0], cane_n)
    return forces


def body_points(result: StanceResult) -> dict:
    """Where everything of the body diagram is, in metres.

    Parameters
    ----------
    result : StanceResult
        One scenario.

    Returns
    -------
    dict
        Points (shape (2,)) and outlines (shape (n, 2)) in metres, seen from
        behind: x to the viewer's right (the person's right), y up from the
        floor, the pelvis midline at x = 0 when the pelvis is level. Keys
        include ``pelvis``, ``trunk``, ``trunk_axis`` (L5-S1 to the head
        centre), ``hip_stance``, ``hip_swing``, ``l5s1``, ``com``,
        ``muscles`` (name -> two attachment points) and ``forces`` (name ->
        (tail, tip, newtons)) for ``abductors``, ``hip_contact``,
        ``adductors``, ``lumbar_contralateral``, ``lumbar_ipsilateral``,
        ``body_weight``, ``bag`` and ``cane``. ``screen_sign`` is +1 when
        the model's x axis (toward the swing side) points to the viewer's
        right.

    Notes
    -----
    The geometry is the model's: the stance leg leaning in by
    ``stance_femur_adduction_deg`` so that its foot is under the body, the
    pelvis turned about the stance hip by ``pelvic_drop_deg``, the trunk
    turned about L5-S1 by ``trunk_lean_deg``, the hands hanging at the
    model's hand offset from the trunk axis. Outlines (pelvis, trunk, head,
    feet) and muscle attachments are schematic.
    """
    require_one_stance(result)
    f = _frames(result)
    swing_hip = f.on_pelvis([2 * f.el, 0.0])[0]
    out: dict = {"screen_sign": f.sign, "height_m": f.h}
    out.update(_pelvis_points(f))
    out.update(_leg_points(f, result, swing_hip))
    out.update(_trunk_points(f, float(result.trunk_lean_deg)))
    arms, anchors = _arm_and_load_points(f, result.inputs)
    out.update(arms)
    out["muscles"], muscle_anchors = _muscle_points(f)
    anchors.update(muscle_anchors)
    com = _centre_of_mass(f, swing_hip)
    out["com"] = f.screen(com)[0]
    out["forces"] = _forces(f, result, anchors, com)
    return out
