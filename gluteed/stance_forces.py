"""Single-leg stance: muscle and joint forces in a posture, and whether it can be held.

Given a posture (trunk lean and pelvic drop), the muscles share the net
moments within their capacities, the passive tissues take their part, and
an explicit placement of every weight and push checks the equilibrium and
gives the joint reactions. The model is described in :mod:`gluteed.stance`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from .anthropometry import (
    ABDUCTOR_LINE_FROM_VERTICAL_DEG,
    ADDUCTOR_LINE_FROM_VERTICAL_DEG,
    BodyModel,
    body_model,
)
from .posture import Coefficients, hip_active, lumbar_active, posture_cost, share_abductors
from .stance_loads import coefficients, loads, muscle_capacities
from .stance_result import StanceResult
from .tissues import (
    HIP_ABDUCTION_RANGE_DEG,
    HIP_ADDUCTION_RANGE_DEG,
    LUMBAR_SIDE_BEND_RANGE_DEG,
)

if TYPE_CHECKING:
    from .stance import StanceInput

__all__ = ["result_at_posture", "stance_result"]

_DEG = np.pi / 180.0
_HIP_ADD = HIP_ADDUCTION_RANGE_DEG * _DEG
_HIP_ABD = HIP_ABDUCTION_RANGE_DEG * _DEG
_LUMBAR_BEND = LUMBAR_SIDE_BEND_RANGE_DEG * _DEG
#: Lines of the abductors' and the adductors' pull, from vertical (cited in
#: :mod:`gluteed.anthropometry`): sine and cosine. [-]
_ABD_SIN, _ABD_COS = (
    np.sin(ABDUCTOR_LINE_FROM_VERTICAL_DEG * _DEG),
    np.cos(ABDUCTOR_LINE_FROM_VERTICAL_DEG * _DEG),
)
_ADD_SIN, _ADD_COS = (
    np.sin(ADDUCTOR_LINE_FROM_VERTICAL_DEG * _DEG),
    np.cos(ADDUCTOR_LINE_FROM_VERTICAL_DEG * _DEG),
)


def _muscle_moments(c: Coefficients, hip_net: np.ndarray, lumbar_net: np.ndarray) -> dict:
    """Muscle moments within their capacities, and what they cannot hold. [N·m]"""
    gm, gt = share_abductors(hip_net, c)
    add = np.minimum(np.maximum(-hip_net, 0.0), c.k_add)
    lc = np.minimum(np.maximum(lumbar_net, 0.0), c.k_lum)
    li = np.minimum(np.maximum(-lumbar_net, 0.0), c.k_lum)
    return {
        "glute_med": gm,
        "glute_min_tfl": gt,
        "adductor": add,
        "lumbar_contralateral": lc,
        "lumbar_ipsilateral": li,
        "hip_unsupported": hip_net - (gm + gt - add),
        "lumbar_unsupported": lumbar_net - (lc - li),
    }


def _feasibility(
    c: Coefficients,
    lean: float | np.ndarray,
    drop: float | np.ndarray,
    moments: dict,
    converged: np.ndarray,
    moving: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Where the posture can be held, and a plain-language reason where not.

    ``moving``: the pelvis may accelerate (a walking frame), so a hip moment
    the muscles do not balance is not a failure; the ranges still are.
    """
    shape = c.ac.shape
    hip_adduction = drop + c.femur
    tol = 1e-9
    short_hip = (not moving) & (moments["hip_unsupported"] > tol * (1.0 + c.k_abd))
    short_hike = (not moving) & (moments["hip_unsupported"] < -tol * (1.0 + c.k_add))
    short_back = np.abs(moments["lumbar_unsupported"]) > tol * (1.0 + c.k_lum)
    out_hip = (hip_adduction > _HIP_ADD) | (hip_adduction < -_HIP_ABD)
    out_back = (np.abs(lean + drop) > _LUMBAR_BEND) | (np.abs(lean) > _LUMBAR_BEND)
    problems = (
        (~converged, "the solver did not converge for this scenario; its numbers are not reliable"),
        (
            short_hip | out_hip,
            "cannot stand on this leg without support: even with the hip abductors at 100 % "
            "and the hip at the end of its adduction range, the pelvis cannot be held",
        ),
        (
            short_hike,
            "cannot stand like this: even with the hip adductors at 100 % the pelvis is "
            "pushed up on the swing side past what the hip can hold",
        ),
        (
            short_back | out_back,
            "the lower back cannot hold the trunk: even with the side muscles at 100 % and "
            "the lumbar spine at the end of its side-bending range",
        ),
    )
    which = np.zeros(shape, dtype=int)  # 0: none, else 1 + the problem's place
    for number in range(len(problems), 0, -1):  # the first problem listed wins
        which = np.where(problems[number - 1][0], number, which)
    texts = np.array([""] + [text for _flag, text in problems])
    return which == 0, texts[which]


def _explicit_check(
    inp: StanceInput, body: BodyModel, posture: tuple, forces: dict, passive: tuple
) -> dict:
    """Equilibrium residuals and joint reactions from explicit segment positions.

    Independent of the solver's coefficients: every weight, bag and cane
    push is placed at its point and every muscle pulls with its force.
    ``posture``: trunk lean and pelvic drop [rad]; ``forces``: the muscle
    forces of :func:`_muscle_forces` [N]; ``passive``: the passive hip and
    lumbar moments [N·m].
    """
    lean, drop = posture
    passive_hip, passive_lumbar = passive
    ld = loads(inp, body)
    f_gm, f_gt, f_add, f_lc, f_li = (
        forces[k] for k in ("glute_med", "glute_min_tfl", "adductor", "lc", "li")
    )
    d_abd, d_add, r_l = body.abductor_arm_m, body.adductor_arm_m, body.lumbar_arm_m
    sl, cl, sd, cd = np.sin(lean), np.cos(lean), np.sin(drop), np.cos(drop)
    el, hl, yp = body.half_hip_distance_m, body.l5s1_height_m, body.pelvis_com_height_m

    # A pelvis-fixed point -> global.
    def on_pelvis(x: float | np.ndarray, y: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return x * cd + y * sd, -x * sd + y * cd

    fx, fy = ld["field_x"], -ld["field_y"]  # effective field per unit mass
    l5 = on_pelvis(el, hl)
    trunk = (l5[0] - body.trunk_com_m * sl, l5[1] + body.trunk_com_m * cl)
    pelvis = on_pelvis(el, yp)
    swing_hip = on_pelvis(2 * el, 0.0)
    leg = (swing_hip[0], swing_hip[1] - body.leg_com_below_hip_m)
    shoulder_x = l5[0] - body.shoulder_height_m * sl
    hand_opp = shoulder_x + body.hand_offset_m * cl
    hand_bag = shoulder_x + ld["bag_sign"] * body.hand_offset_m * cl

    # The z-moment about the stance hip of a weight at a point.
    def moment(point: tuple, mass: float | np.ndarray) -> np.ndarray:
        return point[0] * mass * fy - point[1] * mass * fx

    gravity_moment = (
        moment(trunk, body.trunk_mass_kg)
        + moment(pelvis, body.pelvis_mass_kg)
        + moment(leg, body.leg_mass_kg)
        + hand_bag * (-ld["bag"])
        + hand_opp * ld["cane"]
    )  # counter-clockwise positive = lifts the swing side
    muscle_moment = (f_gm + f_gt) * d_abd - f_add * d_add + passive_hip
    trunk_about_l5 = (trunk[0] - l5[0]) * body.trunk_mass_kg * fy - (
        trunk[1] - l5[1]
    ) * body.trunk_mass_kg * fx
    lumbar_residual = (
        trunk_about_l5 + (hand_bag - l5[0]) * (-ld["bag"]) - (f_lc - f_li) * r_l - passive_lumbar
    )

    ext_x, ext_y = _hip_external_force(body, ld, (fx, fy), (f_gm, f_gt, f_add), passive_hip)
    # L5-S1: reaction of the pelvis on the trunk, along and across the trunk.
    ux, uy = -sl, cl  # trunk axis, upward
    nx, ny = cl, sl  # across the trunk, toward the swing side
    t_x = body.trunk_mass_kg * fx - (f_lc + f_li) * ux
    t_y = body.trunk_mass_kg * fy - ld["bag"] - (f_lc + f_li) * uy
    return {
        "hip_residual": gravity_moment + muscle_moment,
        "lumbar_residual": lumbar_residual,
        "hip_x": ext_x * -1.0,
        "hip_y": ext_y * -1.0,
        "compression": -(t_x * ux + t_y * uy),
        "shear": -(t_x * nx + t_y * ny),
    }


def _hip_external_force(
    body: BodyModel, ld: dict, field: tuple, forces: tuple, passive_hip: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """External force on the body above the stance hip, x and y (see :func:`_explicit_check`). [N]

    ``field``: the effective field per unit mass, x and y [N/kg]; ``forces``:
    gluteus medius, minimus/TFL and adductor forces [N]. Passive hip tissue
    pulls along the line of the muscles it belongs to.
    """
    fx, fy = field
    f_gm, f_gt, f_add = forces
    m_above = body.trunk_mass_kg + body.pelvis_mass_kg + body.leg_mass_kg
    # On the pelvis: down, lateral.
    pull_abd = f_gm + f_gt + np.maximum(passive_hip, 0.0) / body.abductor_arm_m
    pull_add = f_add + np.maximum(-passive_hip, 0.0) / body.adductor_arm_m
    ext_x = m_above * fx - pull_abd * _ABD_SIN - pull_add * _ADD_SIN
    ext_y = m_above * fy - ld["bag"] + ld["cane"] - pull_abd * _ABD_COS - pull_add * _ADD_COS
    return ext_x, ext_y


def result_at_posture(
    inp: StanceInput,
    lean: npt.ArrayLike,
    drop: npt.ArrayLike,
    *,
    delivered_hip: npt.ArrayLike | None = None,
    capacity_factor: npt.ArrayLike | None = None,
    iterations: int = 0,
    converged: npt.ArrayLike = True,
) -> StanceResult:
    """Muscle and joint forces of a scenario in a given posture (used by the walking model).

    Parameters
    ----------
    inp : StanceInput
        The scenario or batch.
    lean, drop : array_like
        Trunk lean and pelvic drop. [rad]
    delivered_hip : array_like, optional
        Net active hip moment the muscles deliver (abductors positive);
        by default what static equilibrium needs. Where it differs, the
        difference accelerates the pelvis and is reported as
        ``hip_unsupported_moment_nm``, and only the joint ranges decide
        ``feasible``. [N·m]
    capacity_factor : array_like, optional
        With ``delivered_hip``: the force-velocity factor of the muscles
        delivering it (abductors where it is positive, adductors where
        negative), so that their capacities, and the activations, are those
        at the speed the hip moves. [-]
    """
    body = body_model(inp.subject)
    c = coefficients(inp, body)
    converged = np.broadcast_to(np.asarray(converged, dtype=bool), c.ac.shape)
    return stance_result(
        inp,
        body,
        c,
        lean,
        drop,
        iterations,
        converged,
        delivered_hip=delivered_hip,
        capacity_factor=capacity_factor,
    )


#: Least force-velocity factor taken for a capacity (a muscle shortening at its
#: fastest has none; the activations divide by it). Numerical. [-]
_LEAST_FACTOR = 1e-9


def _at_speed(
    c: Coefficients, cap: dict, delivered_hip: npt.ArrayLike, factor: npt.ArrayLike | None
) -> tuple[Coefficients, dict]:
    """Coefficients and capacities of the hip muscles at the speed the hip moves.

    ``factor`` scales the abductors where ``delivered_hip`` is positive and
    the adductors where it is negative (see :func:`result_at_posture`); with
    no factor, both are returned as they are. [-]
    """
    if factor is None:
        return c, cap
    pushing = np.greater_equal(delivered_hip, 0.0)
    factor = np.maximum(factor, _LEAST_FACTOR)
    f_abd = np.where(pushing, factor, 1.0)
    f_add = np.where(pushing, 1.0, factor)
    k_gm = c.k_gm * f_abd
    c = replace(
        c,
        k_gm=k_gm,
        k_gt=c.k_gt * f_abd,
        k_abd=c.k_abd * f_abd,
        k_gm_safe=np.where(np.greater(k_gm, 0.0), k_gm, 1.0),
        k_eff=c.k_eff * f_abd,
        k_add=c.k_add * f_add,
    )
    cap = dict(cap)
    for name, f in (("glute_med", f_abd), ("glute_min_tfl", f_abd), ("adductor", f_add)):
        cap[name] = cap[name] * f
    return c, cap


def _pct(force: np.ndarray, capacity: npt.ArrayLike) -> np.ndarray:
    """Force as a percentage of a capacity (0 where there is none). [%]"""
    some = np.greater(capacity, 0.0)
    return np.where(some, 100.0 * force / np.where(some, capacity, 1.0), 0.0)


def _moments(
    c: Coefficients,
    lean: float | np.ndarray,
    drop: float | np.ndarray,
    converged: np.ndarray,
    delivered_hip: npt.ArrayLike | None,
) -> tuple[np.ndarray, ...]:
    """Net, passive and muscle moments at a posture, and whether it can be held. [N·m]"""
    hip_net, _slope, passive_hip = hip_active(c, lean, drop, slope=False)
    lumbar_net, passive_lumbar = lumbar_active(c, lean, drop)
    moving = delivered_hip is not None
    moments = _muscle_moments(c, hip_net if not moving else delivered_hip, lumbar_net)
    if moving:
        moments["hip_unsupported"] = hip_net - (
            moments["glute_med"] + moments["glute_min_tfl"] - moments["adductor"]
        )
    feasible, reason = _feasibility(c, lean, drop, moments, converged, moving)
    return hip_net, lumbar_net, passive_hip, passive_lumbar, moments, feasible, reason


def _muscle_forces(moments: dict, body: BodyModel) -> dict:
    """Muscle forces from the muscle moments of :func:`_muscle_moments` and the levers. [N]"""
    d_abd, d_add, r_l = body.abductor_arm_m, body.adductor_arm_m, body.lumbar_arm_m
    return {
        "glute_med": moments["glute_med"] / d_abd,
        "glute_min_tfl": moments["glute_min_tfl"] / d_abd,
        "adductor": moments["adductor"] / d_add,
        "lc": moments["lumbar_contralateral"] / r_l,
        "li": moments["lumbar_ipsilateral"] / r_l,
    }


def _filled(value: npt.ArrayLike, shape: tuple[int, ...]) -> np.ndarray:
    """A new float array of ``shape`` holding ``value`` (broadcast where it has fewer axes)."""
    value = np.asarray(value, dtype=float)
    if value.shape == shape:
        return value.copy()
    return np.array(np.broadcast_to(value, shape))


def stance_result(
    inp: StanceInput,
    body: BodyModel,
    c: Coefficients,
    lean: float | np.ndarray,
    drop: float | np.ndarray,
    iterations: int,
    converged: np.ndarray,
    *,
    delivered_hip: npt.ArrayLike | None = None,
    capacity_factor: npt.ArrayLike | None = None,
) -> StanceResult:
    """The result of a scenario or batch in a solved posture (see :func:`result_at_posture`)."""
    c, cap = _at_speed(c, muscle_capacities(inp, body), delivered_hip, capacity_factor)
    hip_net, lumbar_net, passive_hip, passive_lumbar, moments, feasible, reason = _moments(
        c, lean, drop, converged, delivered_hip
    )
    forces = _muscle_forces(moments, body)
    check = _explicit_check(inp, body, (lean, drop), forces, (passive_hip, passive_lumbar))

    shape = c.ac.shape

    def arr(value: npt.ArrayLike) -> np.ndarray:
        return _filled(value, shape)

    hip_x, hip_y = check["hip_x"], check["hip_y"]
    return StanceResult(
        inputs=inp,
        body_weight_n=arr(body.body_weight_n),
        trunk_lean_deg=arr(np.degrees(lean)),
        pelvic_drop_deg=arr(np.degrees(drop)),
        hip_adduction_deg=arr(np.degrees(drop + c.femur)),
        stance_femur_adduction_deg=arr(np.degrees(c.femur)),
        lumbar_side_bend_deg=arr(np.degrees(lean + drop)),
        glute_med_force_n=arr(forces["glute_med"]),
        glute_min_tfl_force_n=arr(forces["glute_min_tfl"]),
        hip_adductor_force_n=arr(forces["adductor"]),
        hip_passive_moment_nm=arr(passive_hip),
        lumbar_contralateral_force_n=arr(forces["lc"]),
        lumbar_ipsilateral_force_n=arr(forces["li"]),
        lumbar_passive_moment_nm=arr(passive_lumbar),
        glute_med_activation_pct=arr(_pct(forces["glute_med"], cap["glute_med"])),
        glute_min_tfl_activation_pct=arr(_pct(forces["glute_min_tfl"], cap["glute_min_tfl"])),
        hip_adductor_activation_pct=arr(_pct(forces["adductor"], cap["adductor"])),
        lumbar_contralateral_activation_pct=arr(_pct(forces["lc"], cap["lumbar"])),
        lumbar_ipsilateral_activation_pct=arr(_pct(forces["li"], cap["lumbar"])),
        hip_moment_nm=arr(hip_net + passive_hip),
        lumbar_moment_nm=arr(lumbar_net + passive_lumbar),
        hip_contact_force_n=arr(np.hypot(hip_x, hip_y)),
        hip_contact_force_x_n=arr(hip_x),
        hip_contact_force_y_n=arr(hip_y),
        hip_contact_angle_deg=arr(np.degrees(np.arctan2(hip_x, hip_y))),
        l5s1_compression_n=arr(check["compression"]),
        l5s1_shear_n=arr(check["shear"]),
        hip_unsupported_moment_nm=arr(moments["hip_unsupported"]),
        lumbar_unsupported_moment_nm=arr(moments["lumbar_unsupported"]),
        hip_residual_nm=arr(check["hip_residual"]),
        lumbar_residual_nm=arr(check["lumbar_residual"]),
        cost=arr(posture_cost(c, lean, drop, hip_net)),
        feasible=np.broadcast_to(feasible, shape).copy(),
        reason=np.broadcast_to(reason, shape).copy(),
        converged=np.broadcast_to(converged, shape).copy(),
        iterations=iterations,
    )
