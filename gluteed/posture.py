"""The pelvis rule and the choice rule: which posture a person takes in single-leg stance.

Equilibrium fixes the net muscle moments at the hip and at L5-S1 for any
posture, but not the posture. This module holds the two explicit rules that
settle it (see :mod:`gluteed.stance` for the model and the rules in words):

* the **pelvis rule** (:func:`drop_for`): the pelvis stays level while the
  hip muscles can hold it; otherwise it drops (or hikes) until the muscles at
  100 % and the passive tissue hold it, or stops at the end of the hip's
  range;
* the **choice rule** (:func:`posture_cost`): the trunk lean, and how the
  muscles share each moment, minimise the sum of activation**p plus the
  posture cost;
* :func:`best_lean`, the lean search the walking model uses for a pelvis it
  holds. The search along the curve of postures the pelvis rule allows is
  :func:`gluteed.posture_search.optimise_posture`.

Pure, vectorised numpy over a batch of scenarios; the scenario's numbers
come in as :class:`Coefficients` (built by :func:`gluteed.stance.coefficients`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from .tissues import (
    HIP_ABDUCTION_RANGE_DEG,
    HIP_ADDUCTION_RANGE_DEG,
    LUMBAR_SIDE_BEND_RANGE_DEG,
    hip_passive_moment,
    lumbar_side_bend_passive_moment,
)

__all__ = [
    "Coefficients",
    "abductor_sharing",
    "best_lean",
    "cost_of_lean",
    "drop_for",
    "held_pelvis_cost",
    "hip_active",
    "hip_muscles_uncapped",
    "lumbar_active",
    "posture_cost",
    "refine_minimum",
    "share_abductors",
]

_DEG = np.pi / 180.0


@dataclass(frozen=True)
class Coefficients:
    """Posture-independent numbers of a scenario or batch, in SI units.

    Built by :func:`gluteed.stance.coefficients`.
    """

    a0: np.ndarray  # hip moment = a0 + ac cos(drop) + as sin(drop) + bs sin(lean) + bc cos(lean)
    ac: np.ndarray
    as_: np.ndarray
    bs: np.ndarray
    bc: np.ndarray
    ls: np.ndarray  # lumbar moment = ls sin(lean) + lc cos(lean)
    lc: np.ndarray
    k_gm: np.ndarray  # moment capacities [N·m]: gluteus medius, minimus + TFL,
    k_gt: np.ndarray  # adductors, lumbar lateral flexors of one side
    k_add: np.ndarray
    k_lum: np.ndarray
    femur: np.ndarray  # adduction of the stance femur, foot under the body [rad]
    mass: np.ndarray  # for the passive tissues [kg]
    height: np.ndarray  # [m]
    hip_distance: np.ndarray  # [m]
    lean_tol: np.ndarray  # [rad]
    drop_tol: np.ndarray
    power: np.ndarray  # exponent of the activations
    # Derived once from the numbers above (see :func:`abductor_sharing`):
    k_abd: np.ndarray  # capacity of the abductors together [N·m]
    k_gm_safe: np.ndarray  # k_gm, or 1 where it is 0 (to divide by) [N·m]
    gm_share: np.ndarray  # gluteus medius' part of a shared abductor moment [-]
    k_eff: np.ndarray  # abductors' capacity in the cost of an uncapped moment [N·m]


#: The parameters the posture functions share, documented once (numpydoc
#: entries; a docstring line ``{name, ...}`` stands for the entries named).
_PARAMETER_DOCS = {
    "c": """c : Coefficients
    The scenario's (or batch's) numbers, from :func:`gluteed.stance.coefficients`.""",
    "lean": """lean : array_like
    Trunk lean, positive toward the stance side. [rad]""",
    "drop": """drop : array_like
    Pelvic drop, positive when the swing side is lower (negative: a hike). [rad]""",
}

_F = TypeVar("_F", bound=Callable)


def _shared_parameters(func: _F) -> _F:
    """``func`` with each ``{name, ...}`` line of its docstring replaced by those entries."""

    def entries(match: re.Match) -> str:
        indent, names = match.group(1), match.group(2).split(", ")
        text = "\n".join(_PARAMETER_DOCS[name] for name in names)
        return "\n".join(indent + line for line in text.split("\n"))

    if func.__doc__:  # None under python -OO
        func.__doc__ = re.sub(r"^( *)\{([\w, ]+)\}$", entries, func.__doc__, flags=re.MULTILINE)
    return func


# --- The choice rule ------------------------------------------------------------------
_HIP_ADD = HIP_ADDUCTION_RANGE_DEG * _DEG
_HIP_ABD = HIP_ABDUCTION_RANGE_DEG * _DEG
_LUMBAR_BEND = LUMBAR_SIDE_BEND_RANGE_DEG * _DEG
#: Penalty on a posture that no muscle and no tissue can hold: this much
#: plus as much again per fraction of a capacity or range missing. It is
#: larger than any cost of a posture that can be held, so the optimum is
#: one of those wherever one exists, and otherwise the posture that misses
#: least. Numerical. [-]
_BEYOND = 1e3


def _power(x: npt.ArrayLike, k: npt.ArrayLike, p: npt.ArrayLike) -> np.ndarray:
    """(x / k)**p for x >= 0. [-]"""
    return np.power(np.maximum(x, 0.0) / k, p)


@_shared_parameters
def hip_active(
    c: Coefficients, lean: npt.ArrayLike, drop: npt.ArrayLike, slope: bool = True
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """Net active hip moment (abductors positive) and its slope in drop. [N·m], [N·m/rad]

    What the muscles must make after the passive tissues have taken their
    part; also returns the passive moment. With ``slope=False`` the slope
    is None (cheaper).

    Parameters
    ----------
    {c, lean, drop}
    slope : bool
        Whether to compute the slope in drop.

    Returns
    -------
    moment : numpy.ndarray
        Net active hip moment, abductors positive. [N·m]
    slope : numpy.ndarray or None
        Its derivative with respect to the drop. [N·m/rad]
    passive : numpy.ndarray
        Passive hip moment at the posture. [N·m]
    """
    sd, cd = np.sin(drop), np.cos(drop)
    hp, *hp1 = hip_passive_moment(
        drop + c.femur, mass_kg=c.mass, hip_distance_m=c.hip_distance, order=int(slope)
    )
    m = c.a0 + c.ac * cd + c.as_ * sd + c.bs * np.sin(lean) + c.bc * np.cos(lean) - hp
    return m, (-c.ac * sd + c.as_ * cd - hp1[0]) if slope else None, hp


@_shared_parameters
def lumbar_active(
    c: Coefficients, lean: npt.ArrayLike, drop: npt.ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Net active lumbar moment (swing side's flexors positive) and the passive one. [N·m]

    What the lateral flexors must make after the lumbar spine's passive
    resistance to the side bend (lean + drop) has taken its part.

    Parameters
    ----------
    {c, lean, drop}

    Returns
    -------
    moment : numpy.ndarray
        Net active lumbar moment, the swing side's lateral flexors positive. [N·m]
    passive : numpy.ndarray
        Passive lumbar moment resisting the side bend. [N·m]
    """
    passive = lumbar_side_bend_passive_moment(
        lean + drop, mass_kg=c.mass, height_m=c.height, order=0
    )[0]
    return c.ls * np.sin(lean) + c.lc * np.cos(lean) - passive, passive


def _root(
    func: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    lo: npt.ArrayLike,
    hi: npt.ArrayLike,
    iterations: int = 60,
) -> np.ndarray:
    """Root of a decreasing ``func`` on [lo, hi] (f(lo) > 0 >= f(hi)): Newton inside a bracket.

    ``func(x)`` returns (value, slope). Where a Newton step would leave the
    bracket, the bracket is halved instead. Returns the bracket's upper end,
    where ``func`` <= 0 (the side that holds).
    """
    # Start at the upper end: the net moment is concave in the drop (the
    # passive tissue stiffens exponentially), so Newton's steps from the side
    # that holds approach the root from that side, one by one, fast.
    x = hi
    for _ in range(iterations):
        f, slope = func(x)
        lo = np.where(f > 0, x, lo)
        hi = np.where(f > 0, hi, x)
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = x - f / slope
        inside = (slope < 0) & (newton > lo) & (newton < hi)
        step = np.where(inside, newton, 0.5 * (lo + hi)) - x
        x = x + step
        if np.all((np.abs(step) < 1e-14) | (hi - lo < 1e-13)):
            break
    # Newton's last step lands on the root to rounding; a closed bracket's
    # upper end is the side that holds.
    return np.where(hi - lo < 1e-13, hi, x)


@_shared_parameters
def drop_for(c: Coefficients, lean: npt.ArrayLike) -> np.ndarray:
    """The pelvic drop at a given trunk lean, by the pelvis rule. [rad]

    The pelvis stays level while the hip muscles can hold it level. Where
    the abductors at 100 % cannot, the swing side drops, as far as gravity
    takes it and no further: to the smallest drop at which the abductors at
    100 % and the stretched passive tissues hold it. (Symmetrically, where
    the adductors cannot hold a cane's or bag's push, the swing side hikes.)
    Where the end of the hip's range comes first, the drop stops there and
    the posture cannot be held.

    Parameters
    ----------
    {c, lean}

    Returns
    -------
    drop : numpy.ndarray
        Pelvic drop, positive when the swing side is lower (negative: a
        hike), in the shape of the batch. [rad]
    """
    k_abd, k_add = c.k_abd, c.k_add
    level = hip_active(c, lean, 0.0, slope=False)[0]
    falls, rises = level > k_abd, level < -k_add
    if not (np.any(falls) or np.any(rises)):
        return np.zeros(np.shape(level))
    down_end, up_end = _HIP_ADD - c.femur, -_HIP_ABD - c.femur

    def excess_down(drop: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        m, slope, _ = hip_active(c, lean, drop)
        return m - k_abd, slope

    # A hike, written as a decreasing function of the hike.
    def excess_up(drop: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        m, slope, _ = hip_active(c, lean, -drop)
        return -k_add - m, slope

    drop = np.zeros(np.shape(level))
    if np.any(falls):
        end = excess_down(down_end)[0] > 0  # not held even at the end of the range
        root = _root(excess_down, np.zeros_like(drop), np.broadcast_to(down_end, drop.shape))
        drop = np.where(falls, np.where(end, down_end, root), drop)
    if np.any(rises):
        end = excess_up(-up_end)[0] > 0
        root = _root(excess_up, np.zeros_like(drop), np.broadcast_to(-up_end, drop.shape))
        drop = np.where(rises, -np.where(end, -up_end, root), drop)
    return drop


@_shared_parameters
def posture_cost(
    c: Coefficients, lean: npt.ArrayLike, drop: npt.ArrayLike, hip: npt.ArrayLike | None = None
) -> np.ndarray:
    """The choice-rule cost J at a posture, with the penalty for what cannot be held.

    Parameters
    ----------
    {c, lean, drop}
    hip : array_like, optional
        The net active hip moment at that posture, where the caller knows it
        already (:func:`hip_active`). [N·m]

    Returns
    -------
    numpy.ndarray
        Sum of activation**p of the muscle groups, the squared lean and drop
        over their tolerances, and the penalty for what cannot be held. [-]
    """
    p = c.power
    if hip is None:
        hip = hip_active(c, lean, drop, slope=False)[0]
    # Abductors: the sharing of the least sum of activation**p, neither above
    # 100 % (no gluteus medius: its moment is 0); adductors; the lumbar
    # lateral flexors of the side that pulls.
    gm, gt = share_abductors(hip, c)
    adductors = np.maximum(-hip, 0.0) / c.k_add
    lumbar = np.abs(lumbar_active(c, lean, drop)[0]) / c.k_lum
    muscles = (gm / c.k_gm_safe) ** p + (gt / c.k_gt) ** p + adductors**p + lumbar**p
    edge = 1.0 + 1e-9  # a whole capacity or range, and rounding
    # A joint past its range weighs far more than a missing moment, so where
    # nothing can hold the load the posture shown stays inside the ranges and
    # the moment it misses is what nothing can hold. (The hip misses on one
    # side at most: the abductors' or the adductors'.)
    missing = (
        np.maximum(np.maximum(hip / c.k_abd, adductors) - edge, 0.0) ** 2
        + np.maximum(lumbar - edge, 0.0) ** 2
        + 1e6 * np.maximum(np.abs(lean + drop) / _LUMBAR_BEND - edge, 0.0) ** 2
    )
    beyond = np.where(missing > 0, _BEYOND * (1.0 + np.sqrt(missing)), 0.0)
    return muscles + (lean / c.lean_tol) ** 2 + (drop / c.drop_tol) ** 2 + beyond


@_shared_parameters
def cost_of_lean(c: Coefficients, lean: npt.ArrayLike) -> np.ndarray:
    """The choice-rule cost of a lean, with the drop the pelvis rule gives it.

    Parameters
    ----------
    {c, lean}

    Returns
    -------
    cost : numpy.ndarray
        :func:`posture_cost` at the lean and the drop of :func:`drop_for`. [-]
    """
    return posture_cost(c, lean, drop_for(c, lean))


def hip_muscles_uncapped(c: Coefficients, hip: npt.ArrayLike) -> np.ndarray:
    """Sum of activation**p of the hip muscles for a net active hip moment, uncapped. [-]

    The abductors share the moment as in :func:`abductor_sharing` (neither
    capped at 100 %), the adductors take a negative one. Never more than
    what the capped sharing of :func:`posture_cost` costs below 100 %.

    Parameters
    ----------
    c : Coefficients
        The scenario's (or batch's) numbers.
    hip : array_like
        Net active hip moment, abductors positive. [N·m]
    """
    return _power(hip, c.k_eff, c.power) + _power(-hip, c.k_add, c.power)


@_shared_parameters
def held_pelvis_cost(c: Coefficients, lean: npt.ArrayLike, drop: npt.ArrayLike) -> np.ndarray:
    """Cost of a lean with the pelvis held at a given drop, muscles not capped.

    For walking: the posture a person aims for in each frame. What the
    muscles would need there counts with activation**p even beyond 100 %
    (an effort that cannot be delivered); the pelvis element of the walking
    model then finds what happens when it is not.

    Parameters
    ----------
    {c, lean, drop}

    Returns
    -------
    numpy.ndarray
        Sum of activation**p of the muscle groups (uncapped), the squared
        lean and drop over their tolerances, and the penalty for a side bend
        beyond the lumbar range. [-]
    """
    hip = hip_active(c, lean, drop, slope=False)[0]
    lumbar = lumbar_active(c, lean, drop)[0]
    muscles = hip_muscles_uncapped(c, hip) + _power(np.abs(lumbar), c.k_lum, c.power)
    bend = np.maximum(np.abs(lean + drop) - _LUMBAR_BEND, 0.0) / _LUMBAR_BEND
    beyond = np.where(bend > 0, _BEYOND * (1.0 + bend), 0.0)
    return muscles + (lean / c.lean_tol) ** 2 + (drop / c.drop_tol) ** 2 + beyond


#: Trunk leans tried first (every half degree within the lumbar range; the cost
#: can have more than one valley where the pelvis starts to drop); the
#: refinement of :func:`refine_minimum` then takes over around the best of them. [rad]
_LEAN_GRID = np.linspace(-_LUMBAR_BEND, _LUMBAR_BEND, 113)
#: A refinement step (or bracket) this small has converged. Numerical. [rad]
STEP_TOL = 1e-10
#: Finite-difference step of the refinement, and its stencil. Numerical. [rad]
FD_STEP = 1e-5
_STENCIL = np.array([-1.0, 0.0, 1.0]) * FD_STEP
#: A Newton step shorter than this ends the search at its landing point (the
#: error left goes with the step squared). Numerical: against 1e-7 rad, over
#: 360,000 random scenarios the optimum's cost rose by less than 3e-5 (and
#: fell by up to 0.014 next to a cliff of the cost) and its lean moved by
#: less than 3e-4 deg, one refinement step sooner where the pelvis drops. [rad]
_LANDS = 1e-5
#: A candidate this much (relative) above the leader after two steps is no
#: longer refined: it will not win. Numerical (saves time). [-]
_GIVE_UP = 0.05


def refine_minimum(
    cost: Callable[[np.ndarray, np.ndarray], np.ndarray],
    p: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    best_cost: np.ndarray,
    max_iter: int,
    compact_from: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, np.ndarray, np.ndarray, np.ndarray]:
    """Safeguarded Newton search for the minimum of a cost in one parameter, vectorised.

    Every candidate (the arrays' last axis holds the candidates of one
    scenario) is refined inside its bracket [lo, hi] by Newton steps on
    finite-difference slopes. Where Newton would leave the bracket toward
    the side the slope points to, the search tries that end of the bracket
    (unless it has been there: the end is then a point it evaluated);
    otherwise, and every fourth step whatever Newton says (so the search
    closes in on a cliff of the cost too), it halves the bracket. A Newton
    step below ``STEP_TOL`` ends the search of that candidate, also on a
    step that would have halved the bracket. Where the cost is infinite
    (off the curve of postures), the search goes back toward the best point
    seen. A candidate costing clearly more than its scenario's leader after
    two steps is no longer refined.

    Parameters
    ----------
    cost : callable
        ``cost(trial, done)``: the cost at ``trial`` (the candidates'
        parameters with a trailing stencil axis of three points) where
        ``done`` is False; any value (e.g. inf) where it is True. [-]
    p, lo, hi : numpy.ndarray
        Start of each candidate and its bracket; a candidate with
        ``lo == hi`` (a kink or jump of the cost) is not refined. [rad]
    best_cost : numpy.ndarray
        The cost known at ``p`` (inf where unknown). [-]
    max_iter : int
        Most refinement steps.
    compact_from : int, optional
        For a ``cost`` that is inf wherever ``done``: from this many
        candidates on, the steps after the second one (the last that
        compares candidates) update the candidates still refined only. The
        same numbers, sooner where most have finished.

    Returns
    -------
    p, lo, hi : numpy.ndarray
        Where each candidate ended, and its bracket. [rad]
    steps : int
        Number of steps taken.
    done : numpy.ndarray of bool
        True where a candidate converged (a Newton step or a bracket below
        ``STEP_TOL``), was not refined, or was given up.
    best_cost, seen : numpy.ndarray
        The least cost each candidate passed, and where. [-], [rad]
    """
    done = ~(hi - lo > 0)
    # Whether the minimum is known to lie below hi (above lo): set where an
    # end of the bracket is a point the search has evaluated.
    below_hi = above_lo = np.zeros_like(done)
    state = [p, lo, hi, done, below_hi, above_lo, best_cost, p]
    steps = 0
    with np.errstate(divide="ignore", invalid="ignore"):
        while steps < max_iter and np.count_nonzero(state[3]) < state[3].size:
            steps += 1
            f = cost(state[0][..., None] + _STENCIL, state[3])
            if steps > 2 and compact_from is not None and state[3].size >= compact_from:
                if steps == 3:  # own, writable arrays from here on
                    state = [np.array(a) for a in state]
                # Only the candidates still refined change: step those alone.
                at = np.flatnonzero(~state[3])
                rows = f.reshape(-1, f.shape[-1])[at]
                stepped = _refine_step(rows, [a.reshape(-1)[at] for a in state], steps)
                for a, b in zip(state, stepped, strict=True):
                    a.reshape(-1)[at] = b
                continue
            state = _refine_step(f, state, steps)
            if steps == 2:
                best_cost, done = state[6], state[3]
                lead = np.min(best_cost, axis=-1, keepdims=True)
                state[3] = done | (best_cost > lead * (1.0 + _GIVE_UP) + 1e-9)
    p, lo, hi, done, _below_hi, _above_lo, best_cost, seen = state
    return p, lo, hi, steps, done, best_cost, seen


def _refine_step(f: np.ndarray, state: list[np.ndarray], steps: int) -> list[np.ndarray]:
    """One step of :func:`refine_minimum`, candidate by candidate.

    ``f``: the cost at the stencil around each candidate (last axis);
    ``state``: p, lo, hi, done, below_hi, above_lo, best_cost and seen;
    ``steps``: the number of this step. Returns the new state.
    """
    p, lo, hi, done, below_hi, above_lo, best_cost, seen = state
    f0, f1, f2 = f[..., 0], f[..., 1], f[..., 2]
    on = np.isfinite(f)  # on the curve
    on0, on1, on2 = on[..., 0], on[..., 1], on[..., 2]
    better = f1 < best_cost
    best_cost = np.where(better, f1, best_cost)
    seen = np.where(better, p, seen)
    d1 = (f2 - f0) / (2 * FD_STEP)
    d2 = (f2 - 2 * f1 + f0) / FD_STEP**2
    finite = on0 & on1 & on2
    # Where a neighbour is off the curve (a cliff or the end of a
    # piece), the minimum lies on the other side, or, if the cost
    # falls toward it, at the bracket's end on that side: go there.
    to_hi = ~on2 & (f1 < f0)
    to_lo = ~on0 & (f1 < f2)
    down = np.where(finite, d1 > 0, ~on2 & ~to_hi)
    # Off the curve altogether: back toward the best point seen.
    down = np.where(on1, down, seen < p)
    below_hi = below_hi | (~done & down)
    above_lo = above_lo | (~done & ~down)
    hi = np.where(done, hi, np.where(down, np.minimum(hi, p), hi))
    lo = np.where(done, lo, np.where(down, lo, np.maximum(lo, p)))
    newton = p - d1 / d2
    convex = finite & (d2 > 0)
    # Newton past the end the slope points to: that end is tried
    # (the minimum may sit on it), unless the search has been there.
    to_hi |= convex & (newton >= hi) & (d1 < 0) & ~below_hi
    to_lo |= convex & (newton <= lo) & (d1 > 0) & ~above_lo
    good = convex & (newton > lo) & (newton < hi) & (steps % 4 != 0)
    new = np.where(good, newton, 0.5 * (lo + hi))
    new = np.where(to_hi, hi, np.where(to_lo, lo, new))
    # A Newton step below the tolerance has converged, whatever the
    # step taken would have been.
    settled = convex & (np.abs(newton - p) < STEP_TOL)
    # A Newton step this short, inside the bracket, lands on the
    # minimum (its error goes with the step squared).
    landed = good & ~to_hi & ~to_lo & (np.abs(newton - p) < _LANDS)
    new = np.where(done | settled, p, new)
    done = done | settled | landed | (np.abs(new - p) < STEP_TOL) | (hi - lo < STEP_TOL)
    return [new, lo, hi, done, below_hi, above_lo, best_cost, seen]


@_shared_parameters
def best_lean(
    c: Coefficients,
    cost_of_lean: Callable[[Coefficients, np.ndarray], np.ndarray],
    max_iter: int = 100,
    candidates: np.ndarray | None = None,
) -> tuple[np.ndarray, int, np.ndarray]:
    """The trunk lean that minimises ``cost_of_lean(c, lean)``, vectorised over the batch.

    The lean is tried on a grid every half degree over the lumbar range;
    between the grid neighbours of the best point :func:`refine_minimum`
    refines it. ``candidates`` (an array with a trailing axis) are leans
    where the cost is known to jump; the cheapest of them, the grid's best
    and the search's result wins.

    Parameters
    ----------
    {c}
    cost_of_lean : callable
        ``cost_of_lean(c, lean)``: the cost of leans [rad] with a trailing
        axis of trials, for coefficients with a trailing axis of length 1. [-]
    max_iter : int
        Most refinement steps.
    candidates : numpy.ndarray, optional
        Leans where the cost is known to jump, with a trailing axis. [rad]

    Returns
    -------
    lean : numpy.ndarray
        The cheapest lean, in the shape of the batch. [rad]
    steps : int
        Number of refinement steps taken.
    converged : numpy.ndarray of bool
        True where the lean converged (a step or a bracket below ``STEP_TOL``).
    """
    shape = c.ac.shape
    grid_c = Coefficients(**{k: v[..., None] for k, v in vars(c).items()})
    grid_cost = cost_of_lean(grid_c, np.broadcast_to(_LEAN_GRID, (*shape, _LEAN_GRID.size)))
    best = np.argmin(grid_cost, axis=-1)[..., None]  # one candidate per scenario
    step = _LEAN_GRID[1] - _LEAN_GRID[0]
    lean = _LEAN_GRID[best]
    lo = np.maximum(lean - step, _LEAN_GRID[0])
    hi = np.minimum(lean + step, _LEAN_GRID[-1])
    deep_c = Coefficients(**{k: v[..., None] for k, v in vars(grid_c).items()})
    lean, lo, hi, steps, done, _cost, seen = refine_minimum(
        lambda trial, _done: cost_of_lean(deep_c, trial),
        lean,
        lo,
        hi,
        np.take_along_axis(grid_cost, best, axis=-1),
        max_iter,
    )
    # The cost can jump (where the pelvis starts to drop, or a posture stops
    # being holdable): of the converged bracket, keep its cheapest point.
    ends = np.concatenate([lo, lean, hi, seen], axis=-1)
    if candidates is not None:
        ends = np.concatenate([ends, candidates], axis=-1)
    pick = np.argmin(cost_of_lean(grid_c, ends), axis=-1)
    lean = np.take_along_axis(ends, pick[..., None], axis=-1)[..., 0]
    return lean, steps, done[..., 0]


def abductor_sharing(
    k_gm: npt.ArrayLike, k_gt: npt.ArrayLike, p: npt.ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """How gluteus medius and minimus/TFL share an abductor moment at the least cost.

    Minimising (m1/k1)**p + (m2/k2)**p with m1 + m2 = m gives each group a
    part proportional to its capacity**q, q = p / (p - 1); the least cost is
    then (m / k_eff)**p with k_eff = (k1**q + k2**q)**(1/q).

    Parameters
    ----------
    k_gm, k_gt : array_like
        Moment capacities of gluteus medius and of minimus + TFL. [N·m]
    p : array_like
        Exponent of the activations in the choice rule's cost (above 1). [-]

    Returns
    -------
    gm_share : numpy.ndarray
        Gluteus medius' part of the moment while neither group is at 100 %. [-]
    k_eff : numpy.ndarray
        The two groups' capacity in the cost of a moment they share. [N·m]
    """
    qexp = np.divide(p, np.subtract(p, 1.0))
    w1, w2 = np.power(k_gm, qexp), np.power(k_gt, qexp)
    return w1 / (w1 + w2), np.power(w1 + w2, 1.0 / qexp)


def share_abductors(m: npt.ArrayLike, c: Coefficients) -> tuple[np.ndarray, np.ndarray]:
    """Split an abductor moment between gluteus medius and minimus/TFL, neither above 100 %.

    Parameters
    ----------
    m : array_like
        Net abductor moment to share. [N·m]
    c : Coefficients
        The scenario's (or batch's) numbers: capacities and the sharing of
        :func:`abductor_sharing`.

    Returns
    -------
    m1, m2 : numpy.ndarray
        The moments of gluteus medius and of minimus + TFL; their sum is
        ``m`` clipped to the group's capacity. [N·m]
    """
    k1, k2 = c.k_gm, c.k_gt
    m = np.minimum(np.maximum(m, 0.0), c.k_abd)
    m1 = m * c.gm_share
    m2 = m - m1
    over2 = m2 > k2
    m1, m2 = np.where(over2, m - k2, m1), np.where(over2, k2, m2)
    over1 = m1 > k1
    m1, m2 = np.where(over1, k1, m1), np.where(over1, m - k1, m2)
    return m1, m2
