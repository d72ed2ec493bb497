"""Walking: the forward-dynamic element of the frontal-plane pelvis.

The muscles aim for a posture in every frame (:mod:`gluteed.gait`); this
element finds what happens when the hip abductors cannot deliver what that
posture needs: the pelvis, with the body above the hips, turns about the
loaded hips until the stiffening passive tissue (:mod:`gluteed.tissues`)
catches it, and the abductors bring it back when the demand falls. The
equation and its assumptions are in :func:`pelvis_dynamics` and the module
docstring of :mod:`gluteed.gait`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from .anthropometry import BodyModel
from .tissues import (
    ABDUCTOR_STRAIN_PER_RAD,
    ADDUCTOR_STRAIN_PER_RAD,
    HIP_ABDUCTION_RANGE_DEG,
    HIP_ADDUCTION_RANGE_DEG,
    hip_passive_lookup,
    hip_passive_scale,
    table_lookup,
)

__all__ = [
    "DEFAULT_CATCH_TIME_S",
    "aimed_adduction_rate",
    "force_velocity",
    "hip_force_velocity",
    "inertial_loads",
    "pelvis_dynamics",
    "segment_geometry",
]

SIDES = ("right", "left")

#: Time constant of the abductors' correction of a dropped pelvis (critically
#: damped). ASSUMPTION: no measurement of this closed-loop time exists for
#: gait; 0.1 s brings a dropped pelvis back within about half a second
#: (five time constants), before the same leg is loaded again. It changes
#: the shape of the return, not whether a drop happens. [s]
DEFAULT_CATCH_TIME_S = 0.1

#: Force-velocity property of the hip muscles while the pelvis moves: an
#: active muscle that is stretched makes more than its isometric force, one
#: that shortens makes less. Thelen's (2003) curve [@thelen2003] with the
#: values of every muscle of OpenSim's gait2392 model (file
#: gait2392_thelen2003muscle.osim [@gait2392]): at most ``FV_LENGTHENING_MAX``
#: times the isometric force when stretched fast (Flen), shape factor
#: ``FV_SHAPE`` (Af), fastest shortening ``FV_MAX_STRAIN_RATE`` optimal fibre
#: lengths per second (max_contraction_velocity). [-], [-], [1/s]
FV_LENGTHENING_MAX = 1.8
FV_SHAPE = 0.3
FV_MAX_STRAIN_RATE = 10.0

#: Largest integration step of the pelvis element. [s]
_MAX_STEP_S = 2.5e-3
#: Periodicity tolerance of the pelvis element (start vs end of a stride):
#: [rad], [rad/s]; and the most strides simulated to reach it.
_PERIODIC_TOL = (1e-10, 1e-8)
_MAX_STRIDES = 60


def force_velocity(strain_rate: npt.ArrayLike) -> np.ndarray:
    """Force of a fully active muscle at a fibre speed, over its isometric force. [-]

    Thelen's (2003) curve at full activation and optimal length, solved for
    the force: with v the fibre speed over the fastest shortening, shortening
    (v < 0) gives (1 + v) / (1 - v / Af), zero at v = -1; lengthening gives
    (c + g Flen v) / (c + g v), c = Flen - 1, g = 2 + 2 / Af, rising from 1
    toward Flen. Constants above.

    Parameters
    ----------
    strain_rate : array_like
        Lengthening speed of the fibres (negative: shortening). [optimal lengths/s]
    """
    v = np.asarray(strain_rate, dtype=float) / FV_MAX_STRAIN_RATE
    c, g = FV_LENGTHENING_MAX - 1.0, 2.0 + 2.0 / FV_SHAPE
    stretched = np.maximum(v, 0.0)
    shortened = np.clip(v, -1.0, 0.0)
    return np.where(
        v >= 0.0,
        (c + g * FV_LENGTHENING_MAX * stretched) / (c + g * stretched),
        (1.0 + shortened) / (1.0 - shortened / FV_SHAPE),
    )


def hip_force_velocity(adduction_rate: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """The abductors' and the adductors' force-velocity factors at a hip adduction speed. [-]

    Adduction stretches the abductors and shortens the adductors
    (:data:`gluteed.tissues.ABDUCTOR_STRAIN_PER_RAD` and
    :data:`~gluteed.tissues.ADDUCTOR_STRAIN_PER_RAD`); ``adduction_rate`` in rad/s.
    """
    rate = np.asarray(adduction_rate, dtype=float)
    return (
        force_velocity(ABDUCTOR_STRAIN_PER_RAD * rate),
        force_velocity(-ADDUCTOR_STRAIN_PER_RAD * rate),
    )


#: Table of :func:`hip_force_velocity` for the scalar integrator: every
#: 0.001 rad/s of hip adduction speed up to +/- 20 rad/s (faster speeds are
#: clamped to its ends; linear interpolation, error below 1e-5). [rad/s]
_FV_STEP = 1e-3
_FV_END = 20.0
_FV_TABLES: tuple[list[float], list[float]] | None = None


def _fv_tables() -> tuple[list[float], list[float]]:
    """The abductors' and the adductors' factors on the table's grid (made once). [-]"""
    global _FV_TABLES
    if _FV_TABLES is None:
        grid = np.arange(-_FV_END, _FV_END + _FV_STEP / 2, _FV_STEP)
        abd, add = hip_force_velocity(grid)
        _FV_TABLES = (abd.tolist(), add.tolist())
    return _FV_TABLES


def segment_geometry(body: BodyModel) -> dict:
    """The segment geometry the pelvis integrator uses, as floats. [m], [kg]

    Keys: ``el`` half the hip distance, ``hl`` the L5-S1 and ``yp`` the
    pelvis COM height above the hip line, ``rt`` the trunk COM above L5-S1
    along the trunk [m]; ``mp``, ``ml``, ``mt`` the pelvis, leg and trunk
    masses [kg].
    """
    names = ("half_hip_distance_m", "l5s1_height_m", "pelvis_com_height_m", "trunk_com_m",
             "pelvis_mass_kg", "leg_mass_kg", "trunk_mass_kg")  # fmt: skip
    el, hl, yp, rt, mp, ml, mt = (float(getattr(body, name)) for name in names)
    return {"el": el, "hl": hl, "yp": yp, "rt": rt, "mp": mp, "ml": ml, "mt": mt}


def _pelvis_inertia(geo: dict, lean: np.ndarray) -> np.ndarray:
    """Moment of inertia of the body above the stance hip about that hip. [kg·m²]

    The pelvis is a point mass at its COM turning with the drop; the swing
    leg (hanging vertically) and the trunk (keeping its lean) translate with
    the swing hip and with L5-S1. For a translating segment the effective
    inertia is mass x (its COM position) . (position of the point it moves
    with), both from the stance hip. The pelvis' own rotational inertia is
    neglected (small next to the trunk term). Evaluated at zero drop.
    """
    el, hl, yp, rt = geo["el"], geo["hl"], geo["yp"], geo["rt"]
    trunk_x, trunk_y = el - rt * np.sin(lean), hl + rt * np.cos(lean)
    return (
        geo["mp"] * (el**2 + yp**2)
        + geo["ml"] * (2.0 * el) ** 2
        + geo["mt"] * (el * trunk_x + hl * trunk_y)
    )


def pelvis_dynamics(
    legs: dict, body: BodyModel, share: np.ndarray, omega: float, frame_time: float
) -> tuple[np.ndarray, bool]:
    """Integrate the frontal-plane pelvis over a periodic stride.

    One state, the extra pelvic obliquity delta (left side lower positive)
    on top of the aimed-for posture; leg i (sign +1 right, -1 left) sees the
    drop theta_i = drop_qs_i + sign_i delta about its hip. Its demand is the
    core's net active hip moment at that drop (its moment balance with the
    passive hip tissues at the hip adduction theta_i + femur_i); its
    abductors deliver demand + s_i I_i (omega**2 e + 2 omega e'), e =
    sign_i delta, clipped to [-adductor, +abductor capacity], each capacity
    the isometric one times the force-velocity factor at the hip's
    adduction speed (:func:`hip_force_velocity`: a stretched abductor holds
    more, a shortening one less). The pelvis is one body:

        (s_R I_R + s_L I_L) delta'' = (D_R - M_R) - (D_L - M_L).

    Without saturation this is delta'' = -(omega**2 delta + 2 omega delta'),
    so delta stays exactly 0. The ends of the hip's range are hard stops
    (the pelvis stops there). Coefficients are linear between frames;
    semi-implicit Euler with steps of at most ``_MAX_STEP_S``; strides are repeated until the
    state at the end equals the state at the start (``_PERIODIC_TOL``), at
    most ``_MAX_STRIDES`` times.

    For a mirror-symmetric person the equation is exactly antisymmetric
    under a half-stride shift, so its periodic solution satisfies
    delta(t + T/2) = -delta(t); it is then found on half a stride and the
    second half is the mirror of the first (exact symmetry).

    Stores per leg (in its own time) ``extra``, ``rate``, ``accel`` (of the
    drop about its hip), ``moment`` (delivered active hip moment),
    ``at_capacity``, ``force_velocity`` (the force-velocity factor of the
    muscles delivering the moment) and ``at_stop``; returns delta per frame [rad] and
    whether the stride repetition settled.
    """
    n = share.size
    half = n // 2
    substeps = max(1, math.ceil(frame_time / _MAX_STEP_S))
    geo = segment_geometry(body)
    per_leg = {side: _leg_arrays(legs[side], geo, share) for side in SIDES}
    symmetric = all(
        np.array_equal(a, b) for a, b in zip(per_leg["right"], per_leg["left"], strict=True)
    )
    rows = (
        _substep_rows(per_leg["right"], 0, substeps),
        _substep_rows(per_leg["left"], half, substeps),
    )
    scale = float(
        hip_passive_scale(mass_kg=body.mass_kg, hip_distance_m=2 * body.half_hip_distance_m)
    )
    record = [[0.0] * n for _ in range(10)]
    run = _integrator(rows, scale, omega, frame_time / substeps, substeps, record)
    settled = _settle(run, range(half) if symmetric else range(n), symmetric)
    delta, rate, accel, m_r, m_l, sat_r, sat_l, fv_r, fv_l, stop = (np.array(row) for row in record)
    if symmetric:  # second half = mirror image of the first
        first = slice(0, half)
        delta[half:], rate[half:], accel[half:] = -delta[first], -rate[first], -accel[first]
        m_r[half:], m_l[half:] = m_l[first].copy(), m_r[first].copy()
        sat_r[half:], sat_l[half:] = sat_l[first].copy(), sat_r[first].copy()
        fv_r[half:], fv_l[half:] = fv_l[first].copy(), fv_r[first].copy()
        stop[half:] = stop[first].copy()
    for side, moment, saturated, factor in (
        ("right", m_r, sat_r, fv_r),
        ("left", m_l, sat_l, fv_l),
    ):
        leg = legs[side]
        shift = 0 if side == "right" else -half  # cycle frames -> leg time
        sign = leg["sign"]
        leg["extra"] = np.roll(sign * delta, shift)
        leg["rate"] = np.roll(sign * rate, shift)
        leg["accel"] = np.roll(sign * accel, shift)
        leg["moment"] = np.roll(moment, shift)
        leg["at_capacity"] = np.roll(saturated, shift).astype(bool)
        leg["force_velocity"] = np.roll(factor, shift)
        leg["at_stop"] = np.roll(stop, shift).astype(bool)
    return delta, settled


def _leg_arrays(leg: dict, geo: dict, share: np.ndarray) -> list[np.ndarray]:
    """One leg's per-frame numbers of the pelvis equation, in its own time.

    Base hip moment (the lean's part), the drop's two coefficients, the
    stance femur's adduction, the aimed-for drop, the inertia times the
    leg's share, the abductors' and adductors' isometric capacities, and
    the speed of the aimed-for hip adduction (``leg["aim_rate"]``, from
    :func:`aimed_adduction_rate`). [N·m], [rad], [kg·m²], [rad/s]
    """
    c = leg["c"]
    lean = leg["lean"]
    arrays = [
        c.a0 + c.bs * np.sin(lean) + c.bc * np.cos(lean),
        c.ac,
        c.as_,
        c.femur,
        leg["drop_qs"],
        share * _pelvis_inertia(geo, lean),
        c.k_gm + c.k_gt,
        c.k_add,
        leg["aim_rate"],
    ]
    return [np.broadcast_to(np.asarray(a, dtype=float), share.shape) for a in arrays]


def aimed_adduction_rate(drop: npt.ArrayLike, frame_time: float) -> np.ndarray:
    """Speed of the hip adduction one leg aims for, frame to frame (periodic). [rad/s]

    The speed of the aimed-for drop about this hip (``drop`` [rad], per frame
    of the leg's own time; ``frame_time`` [s]). ASSUMPTION: the stance
    femur's own adduction (the foot under the body) is left out: it changes
    little while the foot is down, and the model switches it off in one
    frame when the foot lifts, which is no speed a muscle sees.
    """
    aim = np.asarray(drop, dtype=float)
    return (np.roll(aim, -1) - aim) / frame_time


def _substep_rows(arrays: list[np.ndarray], shift: int, substeps: int) -> list[tuple]:
    """Per substep of the cycle, a leg's numbers (linear between frames), as tuples."""
    frac = np.arange(substeps) / substeps
    columns = []
    for a in arrays:
        a = np.roll(a, shift)  # leg time -> cycle frames
        step = np.roll(a, -1) - a
        columns.append((a[:, None] + frac[None, :] * step[:, None]).ravel())
    return list(zip(*(c.tolist() for c in columns), strict=True))


def _integrator(rows: tuple, scale: float, omega: float, h: float, substeps: int, record: list):
    """The stride integrator: ``run(frames, delta, rate)`` -> the state at the end.

    ``rows``: the right and left legs' substep rows (:func:`_substep_rows`);
    ``scale``: the subject's passive hip scale; ``h``: the step [s]. Each
    frame's state, acceleration, delivered moments, saturation and whether a
    hard stop was hit go into ``record`` (eight lists, one value per frame).
    """
    cr, cl = rows
    add_end, abd_end = math.radians(HIP_ADDUCTION_RANGE_DEG), math.radians(HIP_ABDUCTION_RANGE_DEG)
    # The hard stops: range of delta both hips allow at each substep.
    bounds = [
        (max(-abd_end - r[3] - r[4], -(add_end - q[3] - q[4])),
         min(add_end - r[3] - r[4], abd_end + q[3] + q[4]))
        for r, q in zip(cr, cl, strict=True)
    ]  # fmt: skip
    w2, w2z = omega * omega, 2.0 * omega
    cos, sin = math.cos, math.sin
    passive = hip_passive_lookup

    fv_abd, fv_add = _fv_tables()

    def residual(row: tuple, e: float, e_rate: float) -> tuple[float, float, bool, float]:
        """Demand minus delivered moment, delivered, at capacity, force-velocity factor.

        Of one leg; the factor is that of the muscles delivering the moment,
        at the hip's adduction speed (:func:`hip_force_velocity`, from its table).
        """
        base, ac, as_, femur, qs, inertia, cap_a, cap_d, aim_rate = row
        theta = qs + e
        demand = base + ac * cos(theta) + as_ * sin(theta) - passive(theta + femur, scale)
        wanted = demand + inertia * (w2 * e + w2z * e_rate)
        table, cap = (fv_abd, cap_a) if wanted >= 0.0 else (fv_add, -cap_d)
        factor = table_lookup(table, -_FV_END, _FV_STEP, aim_rate + e_rate)
        cap *= factor
        if (wanted > cap) if wanted >= 0.0 else (wanted < cap):
            return demand - cap, cap, wanted >= 0.0, factor
        return demand - wanted, wanted, False, factor

    def acceleration(j: int, delta: float, rate: float) -> tuple:
        row_r, row_l = cr[j], cl[j]
        res_r, m_r, sat_r, fv_r = residual(row_r, delta, rate)
        res_l, m_l, sat_l, fv_l = residual(row_l, -delta, -rate)
        return (res_r - res_l) / (row_r[5] + row_l[5]), m_r, m_l, sat_r, sat_l, fv_r, fv_l

    def run(frames: range, delta: float, rate: float) -> tuple[float, float]:
        for k in frames:
            j0 = k * substeps
            stopped = False
            values = (delta, rate, *acceleration(j0, delta, rate))
            for s in range(substeps):
                rate += h * acceleration(j0 + s, delta, rate)[0]
                delta += h * rate
                lo, hi = bounds[j0 + s]
                if delta > hi or delta < lo:  # a hard stop: the pelvis stops there
                    delta = min(max(delta, lo), hi)
                    rate = 0.0
                    stopped = True
            for row, value in zip(record, (*values, stopped), strict=True):
                row[k] = value
        return delta, rate

    return run


def _settle(
    run: Callable[[range, float, float], tuple[float, float]], frames: range, symmetric: bool
) -> bool:
    """Repeat the stride (or half of it, mirrored) until it repeats itself.

    Returns whether the state at the end of a stride came within
    ``_PERIODIC_TOL`` of the state at its start in at most ``_MAX_STRIDES``
    strides.
    """
    state = (0.0, 0.0)
    for _ in range(_MAX_STRIDES):
        end = run(frames, *state)
        if symmetric:
            end = (-end[0], -end[1])  # antiperiodic: the mirror of half a stride
        settled = (
            abs(end[0] - state[0]) < _PERIODIC_TOL[0] and abs(end[1] - state[1]) < _PERIODIC_TOL[1]
        )
        state = end
        if settled:
            return True
    return False


def inertial_loads(
    leg: dict, body: BodyModel, share: np.ndarray, drop: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mass-acceleration of the segments the moving pelvis carries (this leg's share).

    Returns the extra hip force components [N] and the extra moment the trunk
    needs at L5-S1 for its own acceleration [N·m] (positive: the swing
    side's lumbar muscles pull), per frame of the leg.

    Parameters
    ----------
    leg : dict
        One leg's frames, with ``rate`` [rad/s] and ``accel`` [rad/s²] of the
        drop (from :func:`pelvis_dynamics`) and the trunk ``lean`` [rad].
    body : BodyModel
        The subject's segments.
    share : numpy.ndarray
        Share of the body's load this leg carries, per frame. [-]
    drop : numpy.ndarray
        Pelvic drop per frame of the leg. [rad]

    Returns
    -------
    inertial_x, inertial_y : numpy.ndarray
        Extra hip force components. [N]
    trunk : numpy.ndarray
        Extra lumbar moment for the trunk's acceleration. [N·m]
    """
    geo = segment_geometry(body)
    el, hl, yp, rt = geo["el"], geo["hl"], geo["yp"], geo["rt"]
    mp, ml, mt = geo["mp"] * share, geo["ml"] * share, geo["mt"] * share
    rate, accel, lean = leg["rate"], leg["accel"], leg["lean"]
    sd, cd = np.sin(drop), np.cos(drop)

    # Acceleration of a pelvis-fixed point at the current drop.
    def moving(x: float, y: float) -> tuple[np.ndarray, np.ndarray]:
        px, py = x * cd + y * sd, -x * sd + y * cd
        return accel * py - rate**2 * px, -accel * px - rate**2 * py

    a_pelvis, a_leg, a_l5 = moving(el, yp), moving(2.0 * el, 0.0), moving(el, hl)
    inertial_x = mp * a_pelvis[0] + ml * a_leg[0] + mt * a_l5[0]
    inertial_y = mp * a_pelvis[1] + ml * a_leg[1] + mt * a_l5[1]
    # d'Alembert force of the translating trunk at its COM, moment about L5-S1
    # (counter-clockwise positive, as in the core's lumbar balance).
    fx, fy = -mt * a_l5[0], -mt * a_l5[1]
    trunk = (-rt * np.sin(lean)) * fy - (rt * np.cos(lean)) * fx
    return inertial_x, inertial_y, trunk
