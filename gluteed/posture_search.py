"""The posture search: the cheapest posture the pelvis rule allows, without its root.

The pelvis rule (:func:`gluteed.posture.drop_for`) ties the drop to the
lean, so the postures a person can take lie on one curve in (lean, drop);
the choice rule (:func:`gluteed.posture.posture_cost`) prices each of them.
:func:`optimise_posture` finds the cheapest point of that curve for a batch
of scenarios: it samples every piece of the curve that can hold the
optimum, adds the points where the cost jumps or has a kink, and refines
the best sample of every piece. Pure, vectorised numpy; the scenario's
numbers come in as :class:`gluteed.posture.Coefficients`.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from .posture import Coefficients, hip_muscles_uncapped, posture_cost, refine_minimum
from .posture_layout import (
    DROPPED_PIECES,
    FALL_A,
    FALL_B,
    FALL_END,
    HIKE_A,
    HIKE_B,
    HIKE_END,
    LEAN_SAMPLES,
    LEVEL,
    LIMIT,
    PIECES,
    kink_columns,
    level_columns,
    narrowed_columns,
    piece_columns,
    runs,
    sample_layout,
)
from .tissues import (
    HIP_ABDUCTION_RANGE_DEG,
    HIP_ADDUCTION_RANGE_DEG,
    LUMBAR_SIDE_BEND_RANGE_DEG,
    hip_passive_moment,
)

__all__ = ["optimise_posture"]

_DEG = np.pi / 180.0
#: The ends of the hip's and the lumbar spine's frontal ranges (cited in
#: :mod:`gluteed.tissues`). [rad]
_HIP_ADD = HIP_ADDUCTION_RANGE_DEG * _DEG
_HIP_ABD = HIP_ABDUCTION_RANGE_DEG * _DEG
_LUMBAR_BEND = LUMBAR_SIDE_BEND_RANGE_DEG * _DEG


#: From this many postures on, where most are off the curve,
#: :meth:`_Curve.cost_at` prices only those on it (cheaper than pricing all
#: of them). Numerical. [-]
_COMPRESS_FROM = 4096
#: Rounding allowed on the least cost of a posture with muscles at 100 %. [-]
_FLOOR_ROUNDING = 1e-6


def _leans_for(
    rest: npt.ArrayLike, radius: npt.ArrayLike, phase: npt.ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """The two leans at which radius sin(lean + phase) = rest (NaN where none). [rad]

    The lean part of the hip moment, bs sin(lean) + bc cos(lean), in that form.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        base = np.arcsin(rest / radius)  # NaN where |rest| > radius
    first = np.mod(base - phase + np.pi, 2 * np.pi) - np.pi
    second = np.mod(np.pi - base - phase + np.pi, 2 * np.pi) - np.pi
    return first, second


#: The level limits' direction toward the side that holds, per unit slope of
#: the hip moment: the abductors' two, then the adductors' two. [-]
_LIMIT_SIGNS = np.array([-1.0, -1.0, 1.0, 1.0])

#: The per-scenario numbers of a :class:`_Curve` besides its coefficients.
_CURVE_NUMBERS = (
    "fall_end",
    "hike_end",
    "level_passive",
    "level_base",
    "fall_base",
    "hike_base",
    "radius",
    "phase",
)


class _Curve:
    """The pelvis rule's posture curve of one batch, piece by piece."""

    def __init__(self, c: Coefficients) -> None:
        self.c = c
        self.fall_end = _HIP_ADD - c.femur
        self.hike_end = _HIP_ABD + c.femur
        passive = hip_passive_moment(
            np.stack([c.femur, c.femur + self.fall_end, c.femur - self.hike_end]),
            mass_kg=c.mass,
            hip_distance_m=c.hip_distance,
            order=0,
        )[0]
        self.level_passive = passive[0]
        self.level_base = c.a0 + c.ac - passive[0]  # net active moment, level: + lean terms
        self.fall_base = c.a0 + c.ac * np.cos(self.fall_end) + c.as_ * np.sin(self.fall_end)
        self.fall_base = self.fall_base - passive[1]
        self.hike_base = c.a0 + c.ac * np.cos(self.hike_end) - c.as_ * np.sin(self.hike_end)
        self.hike_base = self.hike_base - passive[2]
        # The lean part of the hip moment, bs sin(lean) + bc cos(lean) = radius sin(lean + phase).
        self.radius = np.hypot(c.bs, c.bc)
        self.phase = np.arctan2(c.bc, c.bs)

    def leans_holding(
        self, drop: npt.ArrayLike, target: npt.ArrayLike, passive: npt.ArrayLike
    ) -> tuple[np.ndarray, np.ndarray]:
        """The two trunk leans at which the net active hip moment at ``drop`` equals ``target``. [rad]

        NaN where no lean gives it. ``passive``: the passive hip moment at
        ``drop``. [N·m]
        """
        c = self.c
        rest = target - (c.a0 + c.ac * np.cos(drop) + c.as_ * np.sin(drop) - passive)
        return _leans_for(rest, self.radius, self.phase)

    def level_limits(self) -> tuple[np.ndarray, np.ndarray]:
        """The trunk leans at which the muscles just hold the pelvis level. [rad]

        Where the lean is one step short of these, the pelvis falls (or hikes)
        until passive tissue holds it, so the cost jumps there and its minimum
        often sits right at one of them: the leans at which the net active
        hip moment of a level pelvis equals the abductors' (or, negated, the
        adductors') capacity, up to two each. Returns the four candidates,
        nudged to the side that holds and clipped to the lumbar range (NaN-free:
        missing ones repeat the range end), and that side (+1 or -1; 0 where
        missing).
        """
        c = self.c
        rest = np.stack([c.k_abd, -c.k_add], axis=-1) - self.level_base[..., None]
        first, second = _leans_for(rest, self.radius[..., None], self.phase[..., None])
        # abductors' first and second, adductors' first and second
        roots = np.stack([first, second], axis=-1).reshape(*rest.shape[:-1], 4)
        ok = np.isfinite(roots)
        # The side that holds: where the slope of the moment takes it back inside.
        slope = c.bs[..., None] * np.cos(roots) - c.bc[..., None] * np.sin(roots)
        inward = _LIMIT_SIGNS * np.sign(slope)
        roots = roots + inward * 1e-9
        inside = np.minimum(np.maximum(roots, -_LUMBAR_BEND), _LUMBAR_BEND)
        return np.where(ok, inside, _LUMBAR_BEND), np.where(ok, inward, 0.0)

    def expanded(self, axes: int = 1) -> _Curve:
        """The same curve with ``axes`` trailing axes of length 1 (for samples)."""
        new = object.__new__(_Curve)
        new.c = _expand(self.c, axes)
        index = (...,) + (None,) * axes
        for name in _CURVE_NUMBERS:
            setattr(new, name, getattr(self, name)[index])
        return new

    def flattened(self, shape: tuple) -> _Curve:
        """The curve broadcast to ``shape`` (the batch's shape and a trailing axis) and flattened."""
        new = object.__new__(_Curve)
        new.c = Coefficients(
            **{k: np.broadcast_to(v[..., None], shape).reshape(-1) for k, v in vars(self.c).items()}
        )
        for name in _CURVE_NUMBERS:
            setattr(new, name, np.broadcast_to(getattr(self, name)[..., None], shape).reshape(-1))
        return new

    def taken(self, index: np.ndarray) -> _Curve:
        """Of a flattened curve, the entries at ``index``, with a trailing stencil axis."""
        new = object.__new__(_Curve)
        new.c = Coefficients(**{k: v[index, None] for k, v in vars(self.c).items()})
        for name in _CURVE_NUMBERS:
            setattr(new, name, getattr(self, name)[index, None])
        return new

    def level_moment_range(self) -> tuple[np.ndarray, np.ndarray]:
        """Least and largest net active hip moment of a level pelvis over the lumbar range. [N·m]

        Slightly widened for rounding, so a lean that needs a drop (or a
        hike) is never missed.
        """
        radius, phase = self.radius, self.phase
        ends = np.stack([self._lean_part(-_LUMBAR_BEND), self._lean_part(_LUMBAR_BEND)])
        high, low = np.max(ends, axis=0), np.min(ends, axis=0)
        # The sine's peak (trough) where it falls inside the range.
        for top, sign in ((np.pi / 2, 1.0), (-np.pi / 2, -1.0)):
            at = np.mod(top - phase + np.pi, 2 * np.pi) - np.pi
            inside = np.abs(at) <= _LUMBAR_BEND
            if sign > 0:
                high = np.where(inside, radius, high)
            else:
                low = np.where(inside, -radius, low)
        slack = 1e-9 * (1.0 + radius)
        return low + self.level_base - slack, high + self.level_base + slack

    def _lean_part(self, lean: npt.ArrayLike) -> np.ndarray:
        return self.c.bs * np.sin(lean) + self.c.bc * np.cos(lean)

    def posture(
        self, piece: npt.ArrayLike, p: npt.ArrayLike
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Lean and drop at parameter ``p`` of ``piece`` (NaN where off the curve). [rad]

        Also returns the net active hip moment there. [N·m]
        """
        given = np.isfinite(p)
        p = np.where(given, p, 0.0)
        # The pieces asked for (at a given parameter; the others are off the curve).
        present = np.bincount(np.ravel(np.where(given, piece, LEVEL)), minlength=PIECES) > 0
        lean_part = self._lean_part(p)
        hip = lean_part + self.level_base  # the level pelvis
        inside = np.abs(p) <= _LUMBAR_BEND * (1 + 1e-12)  # leans searched: the lumbar range
        level_like = (piece == LEVEL) | (piece == LIMIT)
        lean = np.where(level_like, p, np.nan)
        # On the level piece where the muscles can hold it, as the pelvis rule decides.
        held = level_like & (hip <= self.c.k_abd) & (hip >= -self.c.k_add) & inside
        drop = np.where(held, 0.0, np.nan)
        for end_piece, base, sign, end in (
            (FALL_END, self.fall_base, 1.0, self.fall_end),
            (HIKE_END, self.hike_base, -1.0, -self.hike_end),
        ):
            if not present[end_piece]:
                continue
            at_end = piece == end_piece
            beyond = (lean_part + base - (self.c.k_abd if sign > 0 else -self.c.k_add)) * sign > 0
            hip = np.where(at_end, lean_part + base, hip)
            lean = np.where(at_end, p, lean)
            drop = np.where(at_end & beyond & inside, end, drop)
        if np.count_nonzero(present[[FALL_A, FALL_B, HIKE_A, HIKE_B]]):
            hip, lean, drop = self._dropped(piece, p, hip, lean, drop)
        return np.where(given, lean, np.nan), drop, hip

    def _dropped(
        self,
        piece: npt.ArrayLike,
        p: npt.ArrayLike,
        hip: npt.ArrayLike,
        lean: npt.ArrayLike,
        drop: npt.ArrayLike,
        paired: bool = False,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`posture` on the pieces of a dropped (or hiked) pelvis.

        ``paired``: the second half of the parameters repeats the first half
        on the other piece of the same pelvis (as in :meth:`samples`), so the
        two leans that hold each drop are found once.
        """
        c = self.c
        falls = (piece == FALL_A) | (piece == FALL_B)
        dropped = falls | (piece == HIKE_A) | (piece == HIKE_B)
        d = np.where(dropped, p, 0.0)
        target = np.where(falls, self.c.k_abd, -self.c.k_add)
        half = d.shape[-1] // 2 if paired else d.shape[-1]
        passive = hip_passive_moment(
            d[..., :half] + c.femur, mass_kg=c.mass, hip_distance_m=c.hip_distance, order=0
        )[0]
        first, second = self.leans_holding(d[..., :half], target[..., :half], passive)
        if paired:
            first, second = (np.concatenate([a, a], axis=-1) for a in (first, second))
        root = np.where((piece == FALL_A) | (piece == HIKE_A), first, second)
        # On the curve only where the level pelvis cannot be held at that lean.
        level_at = self._lean_part(root) + self.level_base
        cannot = np.where(falls, level_at > self.c.k_abd, level_at < -self.c.k_add)
        moved = np.where(falls, d > 0, d < 0)  # zero drop is the level piece's
        ok = dropped & cannot & moved & (np.abs(root) <= _LUMBAR_BEND)
        hip = np.where(dropped, target, hip)
        lean = np.where(dropped, root, lean)
        drop = np.where(ok, d, np.where(dropped, np.nan, drop))
        return hip, lean, drop

    def dropped_posture(
        self, piece: npt.ArrayLike, p: npt.ArrayLike, paired: bool = False
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`posture` where every piece is one of a dropped (hiked) pelvis.

        The level pelvis is not computed: the same numbers, sooner.
        ``paired``: see :meth:`_dropped`.
        """
        given = np.isfinite(p)
        p = np.where(given, p, 0.0)
        hip, lean, drop = self._dropped(piece, p, np.nan, np.nan, np.nan, paired)
        return np.where(given, lean, np.nan), drop, hip

    def cost(self, piece: npt.ArrayLike, p: npt.ArrayLike) -> np.ndarray:
        """Choice-rule cost at parameter ``p`` of ``piece``; inf off the curve."""
        return self.cost_at(*self.posture(piece, p))

    def cost_at(self, lean: npt.ArrayLike, drop: npt.ArrayLike, hip: npt.ArrayLike) -> np.ndarray:
        """Choice-rule cost of postures from :meth:`posture`; inf off the curve.

        Of many postures mostly off the curve, only those on it are priced
        (the same numbers).
        """
        off = np.isnan(drop) | np.isnan(lean)
        if off.size >= _COMPRESS_FROM and 2 * np.count_nonzero(off) > off.size:
            on = np.nonzero(~off)
            c = Coefficients(**{k: _entries(v, on, off.ndim) for k, v in vars(self.c).items()})
            out = np.full(off.shape, np.inf)
            with np.errstate(invalid="ignore"):
                out[on] = posture_cost(c, lean[on], drop[on], np.broadcast_to(hip, off.shape)[on])
            return out
        with np.errstate(invalid="ignore"):
            value = posture_cost(self.c, np.where(off, 0.0, lean), np.where(off, 0.0, drop), hip)
        return np.where(off, np.inf, value)

    def posture_of_samples(
        self, ids: np.ndarray, params: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`posture` of the samples of :meth:`samples`; the same numbers.

        ``ids``: the samples' pieces (of one scenario, or broadcast). In a
        large batch, run by run of the pieces (see :func:`runs`), so that
        each piece's closed form is evaluated on its own samples only.
        """
        ids1 = ids.reshape(-1, ids.shape[-1])[0]
        if self.radius.size < _BY_PIECE_FROM:
            return self.posture(ids1, params)
        parts = [
            self.dropped_posture(ids1[run], params[..., run], paired)
            if dropped
            else self.posture(ids1[run], params[..., run])
            for run, dropped, paired in runs(ids1.tobytes())
        ]
        return tuple(np.concatenate(a, axis=-1) for a in zip(*parts, strict=True))

    def samples(
        self,
        with_fall: bool = True,
        with_hike: bool = True,
        limits: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every piece's samples: piece id, parameter and the bracket around each. [rad]

        ``with_fall``, ``with_hike``: with the pieces of a dropped (hiked) pelvis;
        the level pelvis and its limits always. ``limits``: the result of
        :meth:`level_limits`, where the caller has it.
        """
        ids, params, los, his, at_limits = sample_layout(with_fall, with_hike)
        # Each entry of the layout is linear in the ends of the hip's range.
        fall, hike = self.fall_end[..., None], self.hike_end[..., None]
        params, los, his = (a[0] + fall * a[1] + hike * a[2] for a in (params, los, his))
        limits, sides = self.level_limits() if limits is None else limits
        # The limits are cliffs of the cost: refined on the side that holds.
        step = LEAN_SAMPLES[1] - LEAN_SAMPLES[0]
        params[..., at_limits] = limits
        los[..., at_limits] = np.where(sides < 0, limits - step, limits)
        his[..., at_limits] = np.where(sides > 0, limits + step, limits)
        return np.broadcast_to(ids, params.shape), params, los, his


#: In a batch of this many scenarios or more, the samples are evaluated run
#: by run of the pieces. Numerical (saves time). [-]
_BY_PIECE_FROM = 64


def _entries(v: np.ndarray, at: tuple[np.ndarray, ...], ndim: int) -> np.ndarray:
    """The entries of ``v``, broadcast to ``ndim`` axes, at the indices ``at``.

    ``at``: of :func:`numpy.nonzero`. Without broadcasting ``v`` first: its
    axes of length 1 are indexed at 0.
    """
    v = np.asarray(v)
    return v[tuple(i if n > 1 else 0 for i, n in zip(at[ndim - v.ndim :], v.shape, strict=True))]


def _expand(c: Coefficients, axes: int = 1) -> Coefficients:
    """The coefficients with ``axes`` trailing axes of length 1 (for samples)."""
    return Coefficients(**{k: v[(...,) + (None,) * axes] for k, v in vars(c).items()})


def _bend_kinks(
    curve: _Curve,
    sampled: _Curve,
    ids: np.ndarray,
    params: np.ndarray,
    lean: np.ndarray,
    drop: np.ndarray,
    iterations: int = 40,
) -> tuple[np.ndarray, np.ndarray]:
    """On each dropped piece, where the lumbar side bend first reaches its range.

    There the cost has a kink (beyond it nothing holds the trunk), and the
    best posture often sits right on it. Found between the samples that
    straddle it by regula falsi (Illinois); returns the pieces and the
    parameters, on the side that holds (NaN where a piece has none). [rad]
    ``curve``: the batch's curve; ``sampled``: the same with a trailing axis.
    """
    ids1 = ids.reshape(-1, ids.shape[-1])[0]
    with np.errstate(invalid="ignore"):
        excess = np.abs(lean + drop) - _LUMBAR_BEND  # NaN off the curve
    piece = np.broadcast_to(DROPPED_PIECES, (*ids.shape[:-1], 4))
    slots, columns = kink_columns(ids1.tobytes())
    if not (slots.size and np.count_nonzero(excess > 0)):  # the lumbar range is never reached
        return piece, np.full(piece.shape, np.nan)
    # Of each piece (a row), the first two neighbouring samples that straddle the range's end.
    h, p = excess[..., columns], params[..., columns]
    cross = (h[..., :-1] <= 0) != (h[..., 1:] <= 0)
    cross &= np.isfinite(h[..., :-1]) & np.isfinite(h[..., 1:])
    k = np.argmax(cross, axis=-1)[..., None]
    found = np.take_along_axis(cross, k, axis=-1)[..., 0]
    pair = np.take_along_axis(np.stack([p, h]), np.concatenate([k, k + 1], axis=-1)[None], axis=-1)
    (p0, p1), (h0, h1) = np.moveaxis(pair, -1, 1)
    inside_first = h0 <= 0
    a, b, ha, hb = np.full((4, *piece.shape), np.nan)  # h(a) <= 0 < h(b)
    a[..., slots] = np.where(found, np.where(inside_first, p0, p1), np.nan)
    b[..., slots] = np.where(found, np.where(inside_first, p1, p0), np.nan)
    ha[..., slots] = np.where(inside_first, h0, h1)
    hb[..., slots] = np.where(inside_first, h1, h0)
    return piece, _falsi(curve, sampled, piece, (a, b, ha, hb), iterations)


#: A kink's bracket this narrow is closed. Numerical. [rad]
_KINK_WIDTH = 1e-13


def _falsi(
    curve: _Curve,
    sampled: _Curve,
    piece: np.ndarray,
    bracket: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    iterations: int,
) -> np.ndarray:
    """Regula falsi (Illinois) for the kinks of :func:`_bend_kinks`, bracket by bracket.

    ``bracket``: its ends a, b and the excess side bend h there, h(a) <= 0 <
    h(b) [rad]. A bracket narrower than ``_KINK_WIDTH``, or whose new point
    has h = 0 exactly, is closed and left as it is; in a large batch only
    the open ones are evaluated. Returns each bracket's end a, on the side
    that holds (NaN where none). [rad]
    """
    a, b, ha, hb = bracket
    flat = curve.flattened(piece.shape) if piece.size >= _PICK_FROM else None
    side = np.zeros(a.shape)
    for _ in range(iterations):
        open_ = np.abs(b - a) > _KINK_WIDTH
        if not np.count_nonzero(open_):
            break
        with np.errstate(divide="ignore", invalid="ignore"):
            x = a - ha * (b - a) / (hb - ha)
        x = np.where(np.isfinite(x), x, 0.5 * (a + b))
        # At least 0.4 of the closing width inside: where the kink sits that
        # close to an end, the next point closes the bracket.
        x = np.clip(x, np.minimum(a, b) + 0.4 * _KINK_WIDTH, np.maximum(a, b) - 0.4 * _KINK_WIDTH)
        if flat is None:
            lean_x, drop_x, _hip = sampled.dropped_posture(piece, x)
        else:
            lean_x, drop_x = np.full((2, *x.shape), np.nan)
            at = np.flatnonzero(open_)
            flat_piece, flat_x = piece.reshape(-1)[at, None], x.reshape(-1)[at, None]
            found = flat.taken(at).dropped_posture(flat_piece, flat_x)
            lean_x.reshape(-1)[at], drop_x.reshape(-1)[at] = found[0][:, 0], found[1][:, 0]
        with np.errstate(invalid="ignore"):
            hx = np.abs(lean_x + drop_x) - _LUMBAR_BEND
        hold = open_ & (hx <= 0)
        miss = open_ & ~hold
        # Illinois: halve the value at the end that stays, so both ends move.
        ha = np.where(hold, hx, np.where(miss & (side == -1), 0.5 * ha, ha))
        hb = np.where(miss, hx, np.where(hold & (side == 1), 0.5 * hb, hb))
        # Where the side bend reaches the range exactly, x is the kink: closed.
        a, b = np.where(hold, x, a), np.where(miss | (hold & (hx == 0)), x, b)
        side = np.where(hold, 1, np.where(miss, -1, side))
    return a


def _sampled(
    curve: _Curve, sampled: _Curve, limits: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, ...]:
    """The samples of every piece that can hold the optimum, their postures and costs.

    With the pelvis dropped both abductor groups work at 100 % (the posture
    costs at least 2, or 1 without a gluteus medius), with it hiked the
    adductors (at least 1). Where a level posture costs less, or no lean
    within the lumbar range needs a drop (a hike), those pieces are left
    out: the same optimum, found sooner. The level pelvis is sampled first,
    and the other pieces only where needed (the level samples are not
    evaluated again). In a small batch whose upright trunk cannot hold the
    pelvis level, where a lower bound of the level samples' cost
    (:func:`_level_cost_floor`) shows that the other pieces are needed,
    all are sampled at once, and any not needed after all are left out
    (one pass instead of two: the same samples, sooner). Returns the piece
    ids, parameters and brackets of :meth:`_Curve.samples`, the samples'
    lean and drop [rad] and their cost. [-] ``limits``: of
    :meth:`_Curve.level_limits`.
    """
    c = curve.c
    low, high = curve.level_moment_range()
    may_fall, may_hike = high > c.k_abd, low < -c.k_add
    fall_floor = np.where(c.k_gm > 0, 2.0, 1.0) - _FLOOR_ROUNDING
    hike_floor = 1.0 - _FLOOR_ROUNDING
    # In a small batch, the pieces of a dropped (hiked) pelvis are sampled
    # with the level ones where no level sample can cost less than them;
    # that is looked at only where an upright trunk cannot hold the pelvis
    # level (elsewhere they are seldom needed).
    wide = (False, False)
    upright = curve.level_base + c.bc
    maybe = (may_fall & (upright > c.k_abd)) | (may_hike & (upright < -c.k_add))
    if curve.radius.size < _BY_PIECE_FROM and np.count_nonzero(maybe):
        least = _level_cost_floor(sampled, limits)
        wide = (
            bool(np.count_nonzero(may_fall & (least >= fall_floor))),
            bool(np.count_nonzero(may_hike & (least >= hike_floor))),
        )
    ids, params, los, his = curve.samples(*wide, limits=limits)
    lean, drop, hip = sampled.posture_of_samples(ids, params)
    costs = sampled.cost_at(lean, drop, hip)
    level_best = np.min(costs[..., level_columns(*wide)[0]], axis=-1)
    fall = bool(np.count_nonzero(may_fall & ~(level_best < fall_floor)))
    hike = bool(np.count_nonzero(may_hike & ~(level_best < hike_floor)))
    if (fall, hike) == wide:
        return ids, params, los, his, lean, drop, costs
    if wide != (False, False):  # fewer pieces needed than sampled
        keep = narrowed_columns(wide, (fall, hike))
        return tuple(a[..., keep] for a in (ids, params, los, his, lean, drop, costs))
    level = lean, drop, costs
    ids, params, los, his = curve.samples(fall, hike, limits=limits)
    at_level, other = level_columns(fall, hike)
    layout = ids.reshape(-1, ids.shape[-1])[0]
    lean, drop, hip = sampled.posture_of_samples(layout[other], params[..., other])
    rest = lean, drop, sampled.cost_at(lean, drop, hip)
    lean, drop, costs = np.empty((3, *params.shape))
    for whole, a, b in zip((lean, drop, costs), level, rest, strict=True):
        whole[..., at_level], whole[..., other] = a, b
    return ids, params, los, his, lean, drop, costs


def _level_cost_floor(sampled: _Curve, limits: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """A lower bound of the cost of every level sample (every lean sample and limit). [-]

    The hip muscles' cost uncapped (:func:`gluteed.posture.hip_muscles_uncapped`),
    plus the lean's: the lumbar muscles and the caps only add to it. Inf
    where no level sample is on the curve. ``sampled``: the curve with a
    trailing axis.
    """
    c = sampled.c
    leans = np.concatenate(
        [np.broadcast_to(LEAN_SAMPLES, (*limits[0].shape[:-1], LEAN_SAMPLES.size)), limits[0]],
        axis=-1,
    )
    hip = sampled._lean_part(leans) + sampled.level_base
    cost = hip_muscles_uncapped(c, hip) + (leans / c.lean_tol) ** 2
    held = (hip <= c.k_abd) & (hip >= -c.k_add)
    return np.min(np.where(held, cost, np.inf), axis=-1)


def _cut_at_level_limits(
    limits: tuple[np.ndarray, np.ndarray],
    p: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The brackets of the level pelvis's candidate and of its limits' candidate. [rad]

    Past a level limit (:meth:`_Curve.level_limits`) the muscles cannot
    hold the pelvis level, so the level piece leaves the curve there. A
    bracket that holds a limit ends at it, on the side of the candidate's
    start (the side that holds): the search then reaches a minimum that
    sits on the limit in a few steps rather than halving its way to it.
    The candidate of the limits, where its bracket lies inside the level
    candidate's, is not refined (that search covers it; its own point, on
    the limit, is still priced). ``p``, ``lo``, ``hi``: the starts and
    brackets of the candidates of the pieces, in the order of their ids
    (last axis: the level pelvis first, its limits last; see
    :func:`gluteed.posture_layout.piece_columns`).
    """
    at, sides = limits
    start, low, high = p[..., :1], lo[..., :1], hi[..., :1]
    inside = (at > low) & (at < high)
    lo, hi = lo.copy(), hi.copy()
    if np.count_nonzero(inside):
        above, below = inside & (sides > 0) & (start >= at), inside & (sides < 0) & (start <= at)
        lo[..., 0] = np.max(np.where(above, at, low), axis=-1)
        hi[..., 0] = np.min(np.where(below, at, high), axis=-1)
    within = (lo[..., -1] >= lo[..., 0]) & (hi[..., -1] <= hi[..., 0])
    lo[..., -1] = np.where(within, p[..., -1], lo[..., -1])
    hi[..., -1] = np.where(within, p[..., -1], hi[..., -1])
    return lo, hi


def optimise_posture(
    c: Coefficients, max_iter: int = 60
) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """The trunk lean that minimises the choice-rule cost, and the pelvic drop it gives.

    The drop is not chosen: it follows from the lean by the pelvis rule. The
    search samples the pelvis rule's posture curve (every degree of lean for
    a level pelvis, every 2.5 % of the hip's range for a dropped one), adds
    the points where the cost jumps or has a kink (the leans at which the
    muscles just hold the pelvis level, the drops at which the lumbar spine
    reaches its range), then refines the best sample of every piece along
    that piece by a Newton search on finite-difference slopes that halves
    the bracket where Newton would leave it (a level pelvis's bracket ends
    at a level limit inside it), and keeps the cheapest result. The pieces
    of a dropped (hiked) pelvis are left out where no lean in the lumbar
    range needs them, or where a level posture already costs less than any
    posture with a muscle group at 100 % can: the same optimum.

    Parameters
    ----------
    c : Coefficients
        The scenario's (or batch's) numbers, from :func:`gluteed.stance.coefficients`.
    max_iter : int
        Most refinement steps.

    Returns
    -------
    lean : numpy.ndarray
        Trunk lean, positive toward the stance side. [rad]
    drop : numpy.ndarray
        Pelvic drop the pelvis rule gives that lean, positive when the swing
        side is lower. [rad]
    steps : int
        Number of refinement steps taken.
    converged : numpy.ndarray of bool
        True where the refinement of the winner converged (a step below
        ``gluteed.posture.STEP_TOL``, or a jump or kink, which are samples themselves).
    """
    batch = np.broadcast(*vars(c).values())
    if batch.size <= _PART:
        return _optimise(c, max_iter)
    # Each scenario's search is its own: the same numbers, part by part.
    shape, size = batch.shape, batch.size
    flat = {k: np.broadcast_to(v, shape).reshape(-1) for k, v in vars(c).items()}
    parts = [
        _optimise(Coefficients(**{k: v[i : i + _PART] for k, v in flat.items()}), max_iter)
        for i in range(0, size, _PART)
    ]
    lean, drop, converged = (
        np.concatenate([part[j] for part in parts]).reshape(shape) for j in (0, 1, 3)
    )
    return lean, drop, max(part[2] for part in parts), converged


#: A batch of more scenarios than this is searched in parts of this many
#: (their arrays then fit the processor's caches). Numerical (saves time). [-]
_PART = 2000


def _optimise(c: Coefficients, max_iter: int) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """:func:`optimise_posture` of one batch at once."""
    curve = _Curve(c)
    sampled = curve.expanded()
    limits = curve.level_limits()
    ids, params, los, his, lean_s, drop_s, costs = _sampled(curve, sampled, limits)
    # Candidates: the best sample of each piece, and the kinks.
    ids1 = ids.reshape(-1, ids.shape[-1])[0]
    n = ids1.size
    picks = [idx[np.argmin(costs[..., idx], axis=-1)] for idx in piece_columns(ids1.tobytes())]
    best = np.stack(picks, axis=-1)  # S + (pieces,)
    k = best.shape[-1]
    # Of each best sample and its two neighbours: parameter, bracket, cost.
    left, right = np.maximum(best - 1, 0), np.minimum(best + 1, n - 1)
    table = np.take_along_axis(
        np.stack([params, los, his, costs]),
        np.concatenate([best, left, right], axis=-1)[None],
        axis=-1,
    )
    p, lo, hi, f1 = table[..., :k]
    x0, f0 = table[0, ..., k : 2 * k], table[3, ..., k : 2 * k]
    x2, f2 = table[0, ..., 2 * k :], table[3, ..., 2 * k :]
    piece = ids1[best]
    # Start from the vertex of the parabola through the best sample and its
    # neighbours on the same piece, where both are on the curve.
    same = (ids1[left] == piece) & (ids1[right] == piece)
    with np.errstate(divide="ignore", invalid="ignore"):
        u, v = (p - x0) * (f1 - f2), (p - x2) * (f1 - f0)
        vertex = p - 0.5 * ((p - x0) * u - (p - x2) * v) / (u - v)
    use = same & np.isfinite(f0 + f2) & np.isfinite(vertex) & (vertex > lo) & (vertex < hi)
    p = np.where(use, vertex, p)
    lo, hi = _cut_at_level_limits(limits, p, lo, hi)
    kink_piece, kink = _bend_kinks(curve, sampled, ids, params, lean_s, drop_s)
    piece = np.concatenate([piece, kink_piece], axis=-1)
    p, lo, hi = (np.concatenate([a, kink], axis=-1) for a in (p, lo, hi))
    best_cost = np.concatenate([f1, np.full(kink.shape, np.inf)], axis=-1)
    deeper = curve.expanded(2)
    # Each refinement step evaluates only the candidates still being refined
    # (in a large batch most converge within a few steps).
    flat = _FlatCurve(curve, deeper, piece.shape)

    p, lo, hi, steps, done, best_cost, seen = refine_minimum(
        lambda trial, done: flat.cost(piece, trial, done),
        p,
        lo,
        hi,
        best_cost,
        max_iter,
        compact_from=_PICK_FROM,  # flat.cost is inf where done
    )
    # Of each closed bracket, its cheapest point (the cost can jump at a
    # cliff); of all candidates, the cheapest.
    ends = np.stack([lo, p, hi, seen], axis=-1)
    postures = deeper.posture(piece[..., None], ends)
    f = deeper.cost_at(*postures)
    f = f.reshape(*f.shape[:-2], -1)  # all ends of all candidates
    win = np.argmin(f, axis=-1)[..., None]
    converged = np.take_along_axis(done, win // ends.shape[-1], axis=-1)[..., 0]
    lean, drop = np.take_along_axis(np.stack(postures[:2]).reshape(2, *f.shape), win[None], axis=-1)
    return lean[..., 0], drop[..., 0], steps, converged


#: Below this many candidates a refinement step evaluates them all at once,
#: the finished ones off the curve (cheaper than picking the others out).
#: Numerical. [-]
_PICK_FROM = 64


class _FlatCurve:
    """A batch's curve with one entry per candidate, to evaluate the ones still refined."""

    def __init__(self, curve: _Curve, deep: _Curve, shape: tuple) -> None:
        self.shape = shape
        self.size = math.prod(shape)
        self.deep = deep  # the curve with two trailing axes (candidates, stencil)
        if self.size >= _PICK_FROM:
            self.flat = curve.flattened(shape)

    def cost(self, piece: np.ndarray, trial: np.ndarray, done: np.ndarray) -> np.ndarray:
        """Cost at ``trial`` (stencil on the last axis) of the candidates not ``done``; inf elsewhere.

        ``piece``: each candidate's piece of the curve.
        """
        if self.size < _PICK_FROM:
            # Off the curve, a finished candidate costs inf, and its piece is
            # not evaluated at all where no other candidate is on it.
            return self.deep.cost(piece[..., None], np.where(done[..., None], np.nan, trial))
        active = np.flatnonzero(~done.reshape(-1))
        f = self.flat.taken(active).cost(
            piece.reshape(-1)[active, None], trial.reshape(self.size, -1)[active]
        )
        out = np.full((self.size, f.shape[-1]), np.inf)
        out[active] = f
        return out.reshape(*self.shape, f.shape[-1])
