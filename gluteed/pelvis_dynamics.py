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

from .anthropometry import BodyModel
from .tissues import (
    HIP_ABDUCTION_RANGE_DEG,
    HIP_ADDUCTION_RANGE_DEG,
    hip_passive_lookup,
    hip_passive_scale,
)

__all__ = ["DEFAULT_CATCH_TIME_S", "inertial_loads", "pelvis_dynamics", "segment_geometry"]

SIDES = ("right", "left")

#: Time constant of the abductors' correction of a dropped pelvis (critically
#: damped). ASSUMPTION: no measurement of this closed-loop time exists for
#: gait; 0.1 s brings a dropped pelvis back within about half a second
#: (five time constants), before the same leg is loaded again. It changes
#: the shape of the return, not whether a drop happens. [s]
DEFAULT_CATCH_TIME_S = 0.1

#: Largest integration step of the pelvis element. [s]
_MAX_STEP_S = 2.5e-3
#: Periodicity tolerance of the pelvis element (start vs end of a stride):
#: [rad], [rad/s]; and the most strides simulated to reach it.
_PERIODIC_TOL = (1e-10, 1e-8)
_MAX_STRIDES = 60


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
    sign_i delta, clipped to [-adductor, +abductor capacity]. The pelvis is
    one body:

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
    ``at_capacity`` and ``at_stop``; returns delta per frame [rad] and
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
    record = [[0.0] * n for _ in range(8)]
    run = _integrator(rows, scale, omega, frame_time / substeps, substeps, record)
    settled = _settle(run, range(half) if symmetric else range(n), symmetric)
    delta, rate, accel, m_r, m_l, sat_r, sat_l, stop = (np.array(row) for row in record)
    if symmetric:  # second half = mirror image of the first
        first = slice(0, half)
        delta[half:], rate[half:], accel[half:] = -delta[first], -rate[first], -accel[first]
        m_r[half:], m_l[half:] = m_l[first].copy(), m_r[first].copy()
        sat_r[half:], sat_l[half:] = sat_l[first].copy(), sat_r[first].copy()
        stop[half:] = stop[first].copy()
    for side, moment, saturated in (("right", m_r, sat_r), ("left", m_l, sat_l)):
        leg = legs[side]
        shift = 0 if side == "right" else -half  # cycle frames -> leg time
        sign = leg["sign"]
        leg["extra"] = np.roll(sign * delta, shift)
        leg["rate"] = np.roll(sign * rate, shift)
        leg["accel"] = np.roll(sign * accel, shift)
        leg["moment"] = np.roll(moment, shift)
        leg["at_capacity"] = np.roll(saturated, shift).astype(bool)
        leg["at_stop"] = np.roll(stop, shift).astype(bool)
    return delta, settled


def _leg_arrays(leg: dict, geo: dict, share: np.ndarray) -> list[np.ndarray]:
    """One leg's per-frame numbers of the pelvis equation, in its own time.

    Base hip moment (the lean's part), the drop's two coefficients, the
    stance femur's adduction, the aimed-for drop, the inertia times the
    leg's share, and the abductors' and adductors' capacities. [N·m], [rad],
    [kg·m²]
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
    ]
    return [np.broadcast_to(np.asarray(a, dtype=float), share.shape) for a in arrays]


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

    def residual(row: tuple, e: float, e_rate: float) -> tuple[float, float, bool]:
        """Demand minus delivered moment of one leg, delivered, at capacity."""
        base, ac, as_, femur, qs, inertia, cap_a, cap_d = row
        theta = qs + e
        demand = base + ac * cos(theta) + as_ * sin(theta) - passive(theta + femur, scale)
        wanted = demand + inertia * (w2 * e + w2z * e_rate)
        if wanted > cap_a:
            return demand - cap_a, cap_a, True
        if wanted < -cap_d:
            return demand + cap_d, -cap_d, False
        return demand - wanted, wanted, False

    def acceleration(j: int, delta: float, rate: float) -> tuple[float, float, float, bool, bool]:
        row_r, row_l = cr[j], cl[j]
        res_r, m_r, sat_r = residual(row_r, delta, rate)
        res_l, m_l, sat_l = residual(row_l, -delta, -rate)
        return (res_r - res_l) / (row_r[5] + row_l[5]), m_r, m_l, sat_r, sat_l

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
