"""The deepest forward bend a person can reach with straight knees.

The lumbar spine flexes to its relaxed limit, then the hips flex until the
stretched hamstrings stop the pelvis. It does not depend on the inclination
asked for, so it is solved once per distinct person and remembered
(``REACH_CACHE``).
"""

from __future__ import annotations

import numpy as np

from ._bend_muscles import (
    DEG,
    HIP_PASSIVE_SCALE,
    LUMBAR_PASSIVE_B_PER_RAD,
    RANGE_RAD,
)
from ._bend_solver import Batch, find_edge, first_stop, hip_terms, relaxed_lumbar, take_rows
from .anthropometry import GRAVITY

#: Hip flexion up to which the model looks for the hamstrings' stop. The
#: gait2392 hamstring paths have no wrapping surface: beyond about 90-100° of
#: hip flexion their moment arms shrink toward zero (7-16 mm at 120°), so their
#: passive moment would fall again. A person not stopped by 90° is reported
#: as reaching at least the bend at 90° of hip flexion (with the lumbar
#: spine at its relaxed limit, about 130°). ASSUMPTION (range of validity). [deg]
REACH_SEARCH_HIP_DEG = 90.0
# Search grid for the reach: fractions of the way from the lumbar-only bend to
# the end of the search (about 5° apart), refined between grid points.
_REACH_FRACTIONS = np.linspace(0.0, 1.0, 19)


def reachable(b: Batch) -> tuple[np.ndarray, np.ndarray]:
    """Reachable trunk inclination and the hip flexion at which the hamstrings stop it.

    The path of a relaxed bend: the lumbar spine flexes alone until it
    reaches its relaxed limit (where its passive tissue holds the trunk),
    then stays at that limit while the hips flex, until gravity's moment
    about the hips equals the passive pull of the stretched hamstrings.
    Returns (inclination, hip flexion), (N, 1) in rad; where the hamstrings
    have not stopped the hips by ``REACH_SEARCH_HIP_DEG`` the search ends
    there and that hip flexion is returned.
    """
    # The reachable bend does not depend on the trunk inclination asked for:
    # solve it once per distinct person.
    parts = (b.scale, b.shortening[:, :, 0].T, b.fmax, b.m_trunk, b.m_pelvis, b.r_trunk)
    key = np.hstack([*parts, b.y_pelvis, b.l5_up, b.lumbar_a])
    if len(key) > 1:
        _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    else:
        first, inverse = np.zeros(1, dtype=int), np.zeros(1, dtype=int)
    # People seen recently (a dashboard moving the inclination slider) are
    # looked up, not solved again.
    salt = np.array([LUMBAR_PASSIVE_B_PER_RAD, HIP_PASSIVE_SCALE, RANGE_RAD, REACH_SEARCH_HIP_DEG])
    names = [key[i].tobytes() + salt.tobytes() for i in first]
    known = {name: REACH_CACHE[name] for name in names if name in REACH_CACHE}
    missing = [i for i, name in enumerate(names) if name not in known]
    if missing:
        phi, hip = _solve_reachable(take_rows(b, first[missing]))
        new = {names[i]: (phi[j, 0], hip[j, 0]) for j, i in enumerate(missing)}
        known.update(new)
        if len(REACH_CACHE) + len(new) > REACH_CACHE_SIZE:
            REACH_CACHE.clear()
        if len(new) <= REACH_CACHE_SIZE:
            REACH_CACHE.update(new)
    table = np.array([known[name] for name in names])  # (unique, 2)
    return table[inverse, 0:1], table[inverse, 1:2]


#: Reachable bends of recently solved people: key bytes -> (inclination, hip) [rad].
REACH_CACHE: dict[bytes, tuple[float, float]] = {}
REACH_CACHE_SIZE = 4096


def _solve_reachable(u: Batch) -> tuple[np.ndarray, np.ndarray]:
    """:func:`reachable` for distinct people, (N, 1) each [rad]."""
    weight = GRAVITY * u.m_trunk * u.r_trunk  # trunk's moment about L5-S1 when horizontal
    # Lumbar-only bend: the inclination at which the lumbar spine reaches its
    # relaxed limit, A (exp(B x) - 1) = weight sin(x) (Newton's method, started
    # just above the root).
    a, k = u.lumbar_a, LUMBAR_PASSIVE_B_PER_RAD
    x = np.minimum(np.log1p(weight / a) / k, RANGE_RAD)  # the limit with the trunk level
    for _ in range(12):
        f = a * np.expm1(k * x) - weight * np.sin(x)
        step = f / (a * k * np.exp(k * x) - weight * np.cos(x))
        x = np.maximum(x - step, 1e-6)
        if np.max(np.abs(step)) < 1e-14:
            break
    lumbar_only = np.minimum(x, RANGE_RAD)

    def hip_of(phi: np.ndarray) -> np.ndarray:
        return np.maximum(phi - np.minimum(relaxed_lumbar(u, phi), RANGE_RAD), 0.0)

    def moment(phi: np.ndarray) -> np.ndarray:
        return hip_terms(u, hip_of(phi), phi, limit=False)[0]

    # The search ends where the hips reach REACH_SEARCH_HIP_DEG (fixed point
    # of phi = hip + relaxed lumbar limit; the limit changes slowly with phi).
    end = REACH_SEARCH_HIP_DEG * DEG + lumbar_only
    for _ in range(4):  # Newton's method; the limit changes by < 0.1 rad per rad
        gravity = weight * np.sin(end)
        limit = np.log1p(np.maximum(gravity, 0.0) / a) / k
        slope = np.where(
            (gravity > 0) & (limit < RANGE_RAD), weight * np.cos(end) / (k * (a + gravity)), 0.0
        )
        hip_end = end - np.minimum(limit, RANGE_RAD)
        end = end - (hip_end - REACH_SEARCH_HIP_DEG * DEG) / (1.0 - slope)
    phis = lumbar_only + (end - lumbar_only) * _REACH_FRACTIONS[None, :]
    m = moment(phis)
    last, need, any_ok = first_stop(m >= 0)
    rows = np.arange(len(u.phi))
    after = np.where(need, np.minimum(last + 1, len(_REACH_FRACTIONS) - 1), last)
    edge = find_edge(
        moment,
        phis[rows, last][:, None],
        phis[rows, after][:, None],
        m[rows, last][:, None],
        m[rows, after][:, None],
    )
    reach = np.where(any_ok[:, None], edge, lumbar_only)
    return reach, hip_of(reach)
