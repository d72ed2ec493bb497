"""Single-leg stance: the loads, capacities and coefficients of a scenario.

What does not depend on the posture: the weights, the bag's and the cane's
forces, the muscles' capacities, where the stance foot goes, and the
coefficients of the two moment balances (:class:`gluteed.posture.Coefficients`)
the posture search works on. The model is described in :mod:`gluteed.stance`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .anthropometry import GRAVITY, HIP_HEIGHT_PER_HEIGHT, BodyModel, body_model
from .posture import Coefficients, abductor_sharing

if TYPE_CHECKING:
    from .stance import StanceInput

__all__ = ["coefficients", "loads", "muscle_capacities", "stance_femur_adduction"]

_DEG = np.pi / 180.0


def loads(inp: StanceInput, body: BodyModel) -> dict:
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


def stance_femur_adduction(inp: StanceInput, body: BodyModel) -> np.ndarray:
    """Adduction of the stance femur that puts the foot under the body. [rad]

    Balance on one foot needs the ground reaction to pass through the foot:
    the sum of moments about the foot of every weight (and d'Alembert force,
    bag and cane push) must vanish. With the body upright and the pelvis
    level, that places the foot a few centimetres medial to the stance hip,
    so the stance femur leans in (hip adduction) by a few degrees: about
    5-6 deg for the default adult, in line with a pelvic-on-femoral angle of
    about 83 +/- 3 deg (7 deg of adduction) in single-leg stance.

    ASSUMPTION: evaluated in the upright, level posture; the solved lean
    and drop move the body's centre of mass by a centimetre or two, which a
    foot (about 9 cm wide) absorbs without a new foot position.
    """
    ld = loads(inp, body)
    fx, fy = ld["field_x"], -np.asarray(ld["field_y"], dtype=float)
    el, hl, yp = body.half_hip_distance_m, body.l5s1_height_m, body.pelvis_com_height_m
    leg_length = HIP_HEIGHT_PER_HEIGHT * body.height_m  # hip centre above the ground
    lc = body.leg_com_below_hip_m
    mt, mp, ml = body.trunk_mass_kg, body.pelvis_mass_kg, body.leg_mass_kg
    # Above the stance hip, upright and level: (x, height above the ground, mass).
    parts = (
        (el, leg_length + hl + body.trunk_com_m, mt),
        (el, leg_length + yp, mp),
        (2 * el, leg_length - lc, ml),
    )
    sum_m = mt + mp + ml
    sum_mx = sum(x * m for x, _y, m in parts)
    sum_my = sum(y * m for _x, y, m in parts)
    bag_x = el + ld["bag_sign"] * body.hand_offset_m
    cane_x = el + body.hand_offset_m
    # The stance leg's own COM sits on the leg, at lc / leg_length of the way to the foot.
    coef = -sum_m * fy - ml * (1.0 - lc / leg_length) * fy + ld["bag"] - ld["cane"]
    rest = sum_mx * fy - sum_my * fx - ml * (leg_length - lc) * fx
    rest = rest - ld["bag"] * bag_x + ld["cane"] * cane_x
    # Unloaded (a swing frame of walking): no balance to keep, the femur hangs.
    loaded = coef > 1e-9 * body.body_weight_n
    foot_x = np.where(loaded, -rest / np.where(loaded, coef, 1.0), 0.0)
    return np.arcsin(np.clip(foot_x / leg_length, -0.5, 0.5))


def coefficients(inp: StanceInput, body: BodyModel) -> Coefficients:
    """The posture-independent numbers of a scenario or batch (used by the walking model)."""
    ld = loads(inp, body)
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
    k_gm = body.abductor_arm_m * cap["glute_med"]
    k_gt = body.abductor_arm_m * cap["glute_min_tfl"]
    gm_share, k_eff = abductor_sharing(k_gm, k_gt, inp.activation_exponent)
    values = {
        "a0": a0,
        "ac": ac,
        "as_": as_,
        "bs": bs,
        "bc": bc,
        "ls": ls,
        "lc": lc,
        "k_gm": k_gm,
        "k_gt": k_gt,
        "k_add": body.adductor_arm_m * cap["adductor"],
        "k_lum": body.lumbar_arm_m * cap["lumbar"],
        "femur": stance_femur_adduction(inp, body),
        "mass": body.mass_kg,
        "height": body.height_m,
        "hip_distance": 2 * body.half_hip_distance_m,
        "lean_tol": np.multiply(inp.lean_tolerance, _DEG),
        "drop_tol": np.multiply(inp.drop_tolerance, _DEG),
        "power": inp.activation_exponent,
        "k_abd": k_gm + k_gt,
        "k_gm_safe": np.where(np.greater(k_gm, 0), k_gm, 1.0),
        "gm_share": gm_share,
        "k_eff": k_eff,
    }
    arrays = {k: np.asarray(v, dtype=float) for k, v in values.items()}
    shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    return Coefficients(
        **{k: a if a.shape == shape else np.broadcast_to(a, shape) for k, a in arrays.items()}
    )
