"""The forward bend's solver: the choice rule and the limits of a relaxed bend.

The steps :func:`gluteed.hamstrings.solve_bend` takes (see the module
docstring of :mod:`gluteed.hamstrings` for the model):

1. :func:`batch` — the posture-independent numbers of a batch of scenarios;
2. :func:`split` — everything that depends on the hip fraction of the bend:
   muscle lengths, passive forces, the moments the muscles must make and the
   cost of the choice rule (:func:`muscles` gives the hip muscles' part);
3. :func:`optimise_split` — the hip fraction with the least cost (grid
   search, then Newton's method);
4. :func:`hip_bounds` — the hip flexions a relaxed body can hold (the lumbar
   spine's relaxed limit and range, the hamstrings' stop, the muscles'
   capacities), refined between grid points with :func:`find_edge`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np

from ._bend_input import BendInput
from ._bend_muscles import (
    ABDOMINAL_ARM_M,
    ABDOMINAL_MAX_FORCE_N,
    DEG,
    ERECTOR_ARM_M,
    FMAX,
    HIP_FLEXOR_ARM_M,
    HIP_FLEXOR_MAX_FORCE_N,
    HIP_PASSIVE_SCALE,
    KPE_DEN,
    L0,
    L5S1_FORWARD_M,
    LTS,
    LUMBAR_PASSIVE_A_NM,
    LUMBAR_PASSIVE_B_PER_RAD,
    N_HAM,
    ORIGINS,
    P_STRAIGHT,
    RANGE_RAD,
    REFERENCE_BW_HEIGHT,
    STRAIN_ENERGY_TOLERANCE_J,
    TAIL,
    THELEN_E0,
    THELEN_GAMMA,
    THELEN_KPE,
    WIDTH,
    hamstring_slack_shortening,
)
from .anthropometry import GRAVITY, LUMBAR_MAX_FORCE_N, MUSCLE_REFERENCE_MASS_KG, BodyModel
from .geometry import GAIT2392_HIP_DISTANCE_M


@dataclass(frozen=True)
class Batch:
    """Posture-independent numbers of one batch, flattened to shape (N, 1)."""

    phi: np.ndarray  # trunk inclination [rad]
    phi_eff: np.ndarray  # the same, at least 0.001 rad (for the limit share at 0°)
    scale: np.ndarray  # subject hip distance / gait2392's [-]
    shortening: np.ndarray  # (6, N, 1) slack shortening [m]
    fmax: np.ndarray  # (N, 1) body mass / reference mass [-]
    cap_posture: np.ndarray  # (6, N, 1) capacity multiplier for the posture (glute strength)
    cap_factor: np.ndarray  # (6, N, 1) ... for recruitment (glute strength x availability)
    m_trunk: np.ndarray
    m_pelvis: np.ndarray
    r_trunk: np.ndarray  # trunk COM above L5-S1 [m]
    y_pelvis: np.ndarray  # pelvis COM above the hips [m]
    l5_forward: np.ndarray  # L5-S1 forward of the hips, upright [m]
    l5_up: np.ndarray  # L5-S1 above the hips [m]
    c_es: np.ndarray  # moment capacities [N·m], both sides
    c_abd: np.ndarray
    c_flex: np.ndarray
    lumbar_a: np.ndarray  # passive lumbar A [N·m]
    e_tol: np.ndarray  # [J]
    power: np.ndarray
    bw_h: np.ndarray  # body weight x stature [N·m]
    shape: tuple


def batch(inp: BendInput, body: BodyModel) -> Batch:
    ake = inp.effective_ake_deg
    avail = inp.glute_availability
    shape = np.broadcast_shapes(
        *(
            np.shape(v)
            for v in (
                inp.trunk_inclination_deg,
                body.mass_kg,
                body.height_m,
                ake,
                avail,
                inp.glute_max_strength_pct,
                inp.activation_exponent,
            )
        )
    )
    n = int(np.prod(shape, dtype=int))

    def col(value: object) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype=float), shape).reshape(n, 1)

    scale = col(2.0 * body.half_hip_distance_m / GAIT2392_HIP_DISTANCE_M)
    short = np.zeros((6, n, 1))
    short[:N_HAM] = (
        hamstring_slack_shortening(col(ake)[:, 0], inp.subject.sex).T[:, :, None] * scale
    )
    posture = np.ones((6, n, 1))
    posture[N_HAM:] = col(np.asarray(inp.glute_max_strength_pct) / 100.0)
    factor = np.ones((6, n, 1))
    factor[N_HAM:] = col(np.multiply(inp.glute_max_strength_pct, avail) / 100.0)
    mass = col(body.mass_kg)
    bw_h = col(body.body_weight_n * body.height_m)
    phi = col(np.multiply(inp.trunk_inclination_deg, DEG))
    mrel = mass / MUSCLE_REFERENCE_MASS_KG
    return Batch(
        phi=phi,
        phi_eff=np.maximum(phi, 1e-3),
        scale=scale,
        shortening=short,
        fmax=mrel,
        cap_posture=posture,
        cap_factor=factor,
        m_trunk=col(body.trunk_mass_kg),
        m_pelvis=col(body.pelvis_mass_kg),
        r_trunk=col(body.trunk_com_m),
        y_pelvis=col(body.pelvis_com_height_m),
        l5_forward=L5S1_FORWARD_M * scale,
        l5_up=col(body.l5s1_height_m),
        c_es=2.0 * LUMBAR_MAX_FORCE_N * mrel * ERECTOR_ARM_M * scale,
        c_abd=2.0 * ABDOMINAL_MAX_FORCE_N * mrel * ABDOMINAL_ARM_M * scale,
        c_flex=2.0 * HIP_FLEXOR_MAX_FORCE_N * mrel * HIP_FLEXOR_ARM_M * scale,
        lumbar_a=LUMBAR_PASSIVE_A_NM * bw_h / REFERENCE_BW_HEIGHT,
        e_tol=STRAIN_ENERGY_TOLERANCE_J * bw_h / REFERENCE_BW_HEIGHT,
        power=col(inp.activation_exponent),
        bw_h=bw_h,
        shape=shape,
    )


#: Width of the smoothed onset of passive force. Thelen's curve starts at
#: optimal fibre length with a kink (slope jumps from 0 to 0.12); the strain
#: is replaced by w * log(1 + exp(strain / w)), which differs from it only
#: within a few w of the onset (at optimal length it gives 0.3 % of the
#: maximum force instead of 0) and makes the cost smooth enough for a unique
#: optimum. ASSUMPTION (numerical): w = 3 % strain; with it the dense
#: tightness sweeps of the tests are monotonic. [-]
PASSIVE_ONSET_WIDTH = 0.03


def _smooth_strain(stretch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Softplus of the fibre strain and its derivative (the 'gate', 0 to 1)."""
    z = stretch / PASSIVE_ONSET_WIDTH
    strain = PASSIVE_ONSET_WIDTH * np.logaddexp(0.0, z)
    gate = 0.5 * (1.0 + np.tanh(0.5 * z))  # logistic function, overflow-free
    return strain, gate


def muscles(b: Batch, hip: np.ndarray, recruit: bool, passive_only: bool = False) -> dict:
    """Lengths, extension moment arms, passive forces/energies, capacities (6, N, K), one side.

    ``passive_only``: only the moment arms and passive forces.
    """
    ch, sh = np.cos(hip), np.sin(hip)
    px = ch * P_STRAIGHT[0] - sh * P_STRAIGHT[1]
    py = sh * P_STRAIGHT[0] + ch * P_STRAIGHT[1]
    dx, dy, dz = ORIGINS[0] - px, ORIGINS[1] - py, ORIGINS[2] - P_STRAIGHT[2]
    d = np.sqrt(dx * dx + dy * dy + dz * dz)
    arm = b.scale * (dx * py - dy * px) / d  # = d(length)/d(hip flexion) [m]
    x = b.scale * (d + TAIL - LTS) + b.shortening  # fibre length along the tendon [m]
    lm = np.sqrt(x * x + (b.scale * WIDTH) ** 2)
    cos_a = x / lm
    stretch = lm / (b.scale * L0) - 1.0
    strain, gate = _smooth_strain(stretch)
    e = np.expm1(THELEN_KPE * strain / THELEN_E0)
    fmax = FMAX * b.fmax
    # Thelen's force times the gate of the smoothed onset, times cos(pennation),
    # scaled to whole-joint measurements (HIP_PASSIVE_SCALE). The choice rule's
    # tissue term is the strain energy of gait2392's own curve, whose
    # derivative along the length is the unscaled force: it measures how far
    # the tissue is stretched, which the scale of its force does not change.
    passive = HIP_PASSIVE_SCALE * fmax * (e / KPE_DEN) * gate * cos_a
    if passive_only:
        return {"arm": arm, "passive": passive}
    energy = fmax * b.scale * L0 * (e * THELEN_E0 / THELEN_KPE - strain) / KPE_DEN
    factor = b.cap_factor if recruit else b.cap_posture
    capacity = fmax * np.exp(-(stretch**2) / THELEN_GAMMA) * cos_a * factor
    return {"arm": arm, "passive": passive, "energy": energy, "capacity": capacity}


def split(b: Batch, s: np.ndarray, recruit: bool = False) -> dict:
    """Everything that depends on the hip fraction ``s`` of the bend, shape (N, K).

    ``recruit=False`` uses the capacities that choose the posture (gluteal
    strength only), ``True`` those that share the muscle work (strength x
    availability under the inhibition hypothesis).
    """
    phi = b.phi_eff
    hip = s * phi
    lum = phi - hip
    mus = muscles(b, hip, recruit)
    p = b.power
    q = p / (p - 1.0)
    arm = mus["arm"]
    c = np.maximum(mus["capacity"], 0.0) * np.maximum(arm, 0.0)  # moment capacity, one side
    cq = np.power(c, q)
    c_ext = np.power(2.0 * cq.sum(axis=0), 1.0 / q)
    passive_hip = 2.0 * (mus["passive"] * arm).sum(axis=0)
    l5x = b.l5_forward * np.cos(hip) + b.l5_up * np.sin(hip)
    demand_hip = GRAVITY * (
        b.m_trunk * (l5x + b.r_trunk * np.sin(b.phi)) + b.m_pelvis * b.y_pelvis * np.sin(hip)
    )
    m_hip = demand_hip - passive_hip  # active hip moment needed (extension +)
    growth = np.expm1(LUMBAR_PASSIVE_B_PER_RAD * lum)
    passive_lum = b.lumbar_a * growth
    energy_lum = b.lumbar_a * (growth / LUMBAR_PASSIVE_B_PER_RAD - lum)
    m_lum = GRAVITY * b.m_trunk * b.r_trunk * np.sin(b.phi) - passive_lum
    # Extensors work when the moment is positive, flexors when negative (the
    # other term is then 0 ** p = 0).
    act_hip = np.power(np.maximum(m_hip, 0.0) / c_ext, p) + np.power(
        np.maximum(-m_hip, 0.0) / b.c_flex, p
    )
    act_lum = np.power(np.maximum(m_lum, 0.0) / b.c_es, p) + np.power(
        np.maximum(-m_lum, 0.0) / b.c_abd, p
    )
    strain = 2.0 * mus["energy"].sum(axis=0) + energy_lum
    cost = act_hip + act_lum + strain / b.e_tol
    return {
        "cost": cost,
        "hip": hip,
        "lum": lum,
        "mus": mus,
        "cq": cq,
        "c_ext": c_ext,
        "c": c,
        "q": q,
        "m_hip": m_hip,
        "m_lum": m_lum,
        "passive_hip": passive_hip,
        "passive_lum": passive_lum,
        "l5x": l5x,
    }


_GRID = np.linspace(0.0, 1.0, 21)
_STEP = _GRID[1] - _GRID[0]
_FD = 1e-4


def _vertex_shift(
    values: np.ndarray, k: np.ndarray, step: float | np.ndarray, minimum: bool
) -> np.ndarray:
    """From grid point ``k`` to the vertex of the parabola through it and its neighbours.

    Per row of ``values`` (N, G), in the grid's unit (``step`` apart); 0 at
    the ends of the grid and where the parabola opens the wrong way (upward
    for a ``minimum``, downward for a maximum).
    """
    rows = np.arange(len(k))
    last = values.shape[1] - 1
    km, kp = np.maximum(k - 1, 0), np.minimum(k + 1, last)
    vm, v0, vp = values[rows, km], values[rows, k], values[rows, kp]
    curv = vp - 2.0 * v0 + vm
    inner = (k > 0) & (k < last) & ((curv > 0) if minimum else (curv < 0))
    return np.where(inner, -0.5 * step * (vp - vm) / np.where(inner, curv, 1.0), 0.0)


def optimise_split(b: Batch, max_iter: int = 30):
    """Hip fraction s of the bend minimising the cost: grid search, then Newton.

    Newton's method on finite differences (step 1e-4), kept within one grid
    step of the best grid point (started at the vertex of a parabola through
    the grid). It converges quadratically, so it stops once a step is below
    1e-4: the error left is then about 1e-7 (0.00001° of the bend).
    """
    grid = split(b, _GRID[None, :])
    cost = grid["cost"]
    k = np.argmin(cost, axis=1)
    best = _GRID[k][:, None]
    lo, hi = np.maximum(best - _STEP, 0.0), np.minimum(best + _STEP, 1.0)
    # Start from the vertex of the parabola through the best grid point and
    # its neighbours (at the ends of the grid: the end point).
    shift = _vertex_shift(cost, k, _STEP, minimum=True)
    s = np.minimum(np.maximum(best + shift[:, None], lo), hi)
    stencil = np.array([-_FD, 0.0, _FD])
    iteration = 0
    while iteration < max_iter:
        iteration += 1
        c = split(b, s + stencil)["cost"]
        lower, mid, upper = c[:, 0:1], c[:, 1:2], c[:, 2:3]
        g = (upper - lower) * (0.5 / _FD)
        h = (upper - 2.0 * mid + lower) * (1.0 / _FD**2)
        convex = h > 0
        step = np.where(convex, -g / np.where(convex, h, 1.0), -np.sign(g) * (_STEP / 4))
        new = np.minimum(np.maximum(s + np.minimum(np.maximum(step, -_STEP), _STEP), lo), hi)
        moved = np.abs(new - s).max()
        s = new
        if moved < 1e-4:
            break
    return s, iteration, grid


def _extensor_limit(b: Batch, c: np.ndarray) -> np.ndarray:
    """Hip extensor moment (both legs) at which the first muscle reaches 100 % [N·m].

    ``c`` (6, N, K) are the muscles' moment capacities on one side; they
    share the work with moment_i proportional to c_i ** q. ASSUMPTION
    (conservative): the work is not shifted to the weaker muscles once the
    strongest reaches 100 %, so the group limit is a little below the sum of
    the capacities.
    """
    q = b.power / (b.power - 1.0)
    top = np.power(c.max(axis=0), q - 1.0)
    total = 2.0 * np.power(c, q).sum(axis=0)
    return np.divide(total, top, out=np.zeros(np.shape(total)), where=top > 0)


def hip_terms(
    b: Batch, hip: np.ndarray, phi: np.ndarray, limit: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """Active hip extensor moment needed and the most the extensors can give, (N, K).

    The moment needed is gravity's flexing moment minus the passive pull of
    the stretched hip extensors (both legs); negative where the hip flexors
    would have to pull. The limit is the moment at which the first hip
    extensor reaches 100 % when they share the work by the choice rule
    (moment of muscle i proportional to capacity_i ** q); None when
    ``limit`` is False.
    """
    mus = muscles(b, hip, False, passive_only=not limit)
    arm = mus["arm"]
    most = None
    if limit:
        most = _extensor_limit(b, np.maximum(mus["capacity"], 0.0) * np.maximum(arm, 0.0))
    passive = 2.0 * (mus["passive"] * arm).sum(axis=0)
    l5x = b.l5_forward * np.cos(hip) + b.l5_up * np.sin(hip)
    demand = GRAVITY * (
        b.m_trunk * (l5x + b.r_trunk * np.sin(phi)) + b.m_pelvis * b.y_pelvis * np.sin(hip)
    )
    return demand - passive, most


def relaxed_lumbar(b: Batch, phi: np.ndarray) -> np.ndarray:
    """Lumbar flexion at which the passive tissue alone holds the trunk [rad].

    Gravity can bend the lumbar spine no further without the abdominal
    muscles pulling it down (the flexion-relaxation posture).
    """
    gravity = GRAVITY * b.m_trunk * b.r_trunk * np.sin(phi)
    return np.log1p(np.maximum(gravity, 0.0) / b.lumbar_a) / LUMBAR_PASSIVE_B_PER_RAD


def find_edge(
    func: Callable[[np.ndarray], np.ndarray],
    good: np.ndarray,
    bad: np.ndarray,
    f_good: np.ndarray | None = None,
    f_bad: np.ndarray | None = None,
    iterations: int = 60,
) -> np.ndarray:
    """Boundary between ``good`` (func >= 0) and ``bad`` (func < 0), on the good side.

    Vectorised Illinois (modified regula falsi): the bracket shrinks from
    both sides; a row is done when its bracket is narrower than 1e-12 rad or
    its good end is a root to 1e-8. Where good == bad there is nothing to
    refine.
    """
    f_good = func(good) if f_good is None else f_good
    f_bad = func(bad) if f_bad is None else f_bad
    last = np.zeros(good.shape)
    for _ in range(iterations):
        # Done where the bracket is narrow or the good end is a root to 1e-8
        # N·m (with slopes of 10-1000 N·m/rad, within 1e-9 rad of the edge;
        # the good side never needs a muscle beyond its limit).
        width = bad - good
        done = (np.abs(width) < 1e-12) | (f_good <= 1e-8)
        if done.all():
            break
        # f_good >= 0 > f_bad on open brackets, so the secant stays inside.
        x = np.where(done, good, good + f_good * width / np.where(done, 1.0, f_good - f_bad))
        fx = func(x)
        ok = fx >= 0
        f_bad = np.where(ok & (last > 0), 0.5 * f_bad, f_bad)
        f_good = np.where(~ok & (last < 0), 0.5 * f_good, f_good)
        good, f_good = np.where(ok, x, good), np.where(ok, fx, f_good)
        bad, f_bad = np.where(ok, bad, x), np.where(ok, f_bad, fx)
        last = np.where(ok, 1.0, -1.0)
    return good


def first_stop(ok: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the pelvis, tilting forward along a grid, first stops.

    ``ok`` (N, G) is True where gravity still tips the pelvis forward
    against the stretched hamstrings. Returns the last grid index before the
    first stop (the last index if none), whether a stop was found, and
    whether any point was ok at all. The pelvis cannot pass through a stop,
    so later points (where gait2392's hamstring moment arms shrink at very
    large hip flexion) do not count.
    """
    drop = ok[:, :-1] & ~ok[:, 1:]
    stops = drop.any(axis=1)
    last = np.where(stops, np.argmax(drop, axis=1), ok.shape[1] - 1)
    return last, stops, ok.any(axis=1)


def hip_bounds(b: Batch, grid: dict, s: np.ndarray) -> dict:
    """The hip flexions a relaxed body can hold at each trunk inclination, (N, 1) [rad].

    Lower bound: the lumbar spine at most at its relaxed limit
    (:func:`relaxed_lumbar`) and its range, and the hip extensors at most
    at 100 %. Upper bound: the erector spinae at most at 100 %, and the hips
    no further than where the stretched hamstrings stop the pelvis (gravity's
    moment = their passive pull; the hip flexors never pull the pelvis
    deeper). Where the pelvis is pulled back at every hip flexion of the bend
    (the trunk's weight behind the hips near upright, or very tight
    hamstrings), the hip flexes only as far as where the hip flexors' help
    is least, and they hold it there. ``s`` is the unconstrained optimum
    (hip fraction of the bend): edges that cannot move it are left at the
    grid.
    """
    phi = b.phi_eff
    lam_up = np.minimum(np.minimum(relaxed_lumbar(b, phi), RANGE_RAD), phi)
    gravity_lum = GRAVITY * b.m_trunk * b.r_trunk * np.sin(b.phi)
    lam_es = np.log1p(np.maximum(gravity_lum - b.c_es, 0.0) / b.lumbar_a) / LUMBAR_PASSIVE_B_PER_RAD
    h_a, h_b = phi - lam_up, phi - lam_es
    hips = grid["hip"]  # _GRID * phi, from the optimiser's grid (same capacities)
    m, limit = grid["m_hip"], _extensor_limit(b, grid["c"])
    n_grid = len(_GRID)
    rows = np.arange(len(phi))
    last, need0, any_stop = first_stop(m >= 0)
    cap_ok = m <= limit
    any_cap = cap_ok.any(axis=1)
    first = np.where(any_cap, np.argmax(cap_ok, axis=1), n_grid - 1)
    # Refine an edge between grid points only where it can matter: where the
    # optimum or the lumbar limit lies beyond the last grid point known to be
    # short of the stop, or before the first known to be within capacity.
    wanted = s[:, 0] * phi[:, 0]
    known_ok = hips[rows, last]
    need0 = need0 & ((wanted > known_ok) | (h_a[:, 0] > known_ok))
    need1 = any_cap & (first > 0)
    need1 = need1 & ((wanted < hips[rows, first]) | (h_a[:, 0] < hips[rows, first]))
    after = np.where(need0, np.minimum(last + 1, n_grid - 1), last)
    before = np.where(need1, np.maximum(first - 1, 0), first)
    # Where gravity tips the pelvis forward at no hip flexion of this bend
    # (near upright, or very tight hamstrings), the hips go no further than
    # where the hip flexors have to help least: the peak of the moment
    # (vertex of the parabola through the best grid point and its neighbours).
    k = np.argmax(m, axis=1)
    shift = _vertex_shift(m, k, hips[:, 1] - hips[:, 0], minimum=False)
    h_peak = np.clip(hips[rows, k] + shift, 0.0, phi[:, 0])
    h_stop = np.where(any_stop, hips[rows, last], h_peak)
    h_cap = np.where(any_cap, hips[rows, first], np.inf)
    # Refine only the rows and edges that fall between grid points.
    if need0.any():
        r = np.flatnonzero(need0)
        sub = take_rows(b, r)
        h_stop[r] = find_edge(
            lambda h: hip_terms(sub, h, sub.phi, limit=False)[0],
            hips[r, last[r]][:, None],
            hips[r, after[r]][:, None],
            m[r, last[r]][:, None],
            m[r, after[r]][:, None],
        )[:, 0]
    if need1.any():
        r = np.flatnonzero(need1)
        sub = take_rows(b, r)
        spare = limit - m

        def margin(h: np.ndarray) -> np.ndarray:
            moment, most = hip_terms(sub, h, sub.phi)
            return most - moment

        h_cap[r] = find_edge(
            margin,
            hips[r, first[r]][:, None],
            hips[r, before[r]][:, None],
            spare[r, first[r]][:, None],
            spare[r, before[r]][:, None],
        )[:, 0]
    h_stop, h_cap = h_stop[:, None], h_cap[:, None]
    hi = np.minimum(h_b, h_stop)
    lo = np.maximum(h_a, h_cap)
    return {"lo": lo, "hi": hi, "h_a": h_a, "h_stop": h_stop, "lam_es": lam_es, "lam_up": lam_up}


def take_rows(b: Batch, rows: np.ndarray) -> Batch:
    """The rows ``rows`` of a batch (per-muscle arrays keep their first axis)."""
    picked = {}
    for f in fields(Batch):
        value = getattr(b, f.name)
        if f.name == "shape":
            picked[f.name] = (len(rows),)
        elif np.ndim(value) == 3:
            picked[f.name] = value[:, rows]
        elif np.ndim(value) == 2 and value.shape[0] == len(b.phi):
            picked[f.name] = value[rows]
        else:
            picked[f.name] = value
    return Batch(**picked)
