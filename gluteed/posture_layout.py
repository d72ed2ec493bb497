"""The samples of the posture search: which pieces, at which parameters, in which runs.

The pelvis rule's posture curve (see :mod:`gluteed.posture_search`) is
sampled piece by piece; this module holds the pieces' ids, the layout of
the samples (their parameters as rows of the ends of the hip's range, and
the brackets around each) and the column sets the search takes from it.
Every array here is shared between calls and read-only.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

from .tissues import LUMBAR_SIDE_BEND_RANGE_DEG

__all__ = [
    "DROPPED_PIECES",
    "FALL_A",
    "FALL_B",
    "FALL_END",
    "HIKE_A",
    "HIKE_B",
    "HIKE_END",
    "LEAN_SAMPLES",
    "LEVEL",
    "LIMIT",
    "PIECES",
    "RANGE_SAMPLES",
    "kink_columns",
    "level_columns",
    "narrowed_columns",
    "piece_columns",
    "runs",
    "sample_layout",
]

#: The end of the lumbar spine's side-bend range (cited in
#: :mod:`gluteed.tissues`). [rad]
_LUMBAR_BEND = LUMBAR_SIDE_BEND_RANGE_DEG * np.pi / 180.0


# --- The pieces of the posture curve --------------------------------------------------
# The pelvis rule ties the drop to the lean, so the postures a person can
# take lie on one curve in (lean, drop). It has up to seven pieces: the level
# pelvis (drop 0, leans where the hip muscles hold it level), the dropped
# pelvis (abductors at 100 %; for each drop, the leans at which they just hold
# it have a closed form, two of them), the pelvis at the end of the
# adduction range (leans where even that does not hold), and the same three
# for a hike. The search samples every piece that can hold the optimum, adds
# the points where the cost jumps or has a kink, refines the best sample of
# every piece along that piece and keeps the cheapest; no root of the pelvis
# rule is needed.
LEVEL, FALL_A, FALL_B, FALL_END, HIKE_A, HIKE_B, HIKE_END, LIMIT = range(8)
PIECES = 8
#: Samples of the leans (every degree of the lumbar range) and of the drop
#: or hike (fractions of the hip's range left). [rad], [-]
LEAN_SAMPLES = np.linspace(-_LUMBAR_BEND, _LUMBAR_BEND, 57)
RANGE_SAMPLES = np.linspace(0.0, 1.0, 41)[1:]


@functools.cache
def sample_layout(
    with_fall: bool, with_hike: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, slice]:
    """Piece ids of the posture search's samples, their parameters and brackets.

    The parameters and the ends of the brackets as rows (a constant, a
    factor of the drop at the end of the adduction range, a factor of the
    hike at the end of the abduction range), and where the level limits go
    (filled in per scenario). [rad], [-]
    """
    lean0, range0 = np.zeros_like(LEAN_SAMPLES), np.zeros_like(RANGE_SAMPLES)
    leans = np.stack([LEAN_SAMPLES, lean0, lean0])
    fall = np.stack([range0, RANGE_SAMPLES, range0])  # ascending from 0
    hike = np.stack([range0, range0, -RANGE_SAMPLES[::-1]])  # ascending to 0
    # At the end of the hip's range, the lean that just reaches the end of
    # the lumbar range: a kink of the cost where nothing can hold.
    fall_kink = np.array([[_LUMBAR_BEND], [-1.0], [0.0]])
    hike_kink = np.array([[-_LUMBAR_BEND], [0.0], [1.0]])
    pieces = [
        (LEVEL, leans), (FALL_A, fall), (FALL_B, fall), (FALL_END, leans),
        (HIKE_A, hike), (HIKE_B, hike), (HIKE_END, leans), (LIMIT, np.zeros((3, 4))),
        (FALL_END, fall_kink), (HIKE_END, hike_kink),
    ]  # fmt: skip
    left_out = ({FALL_A, FALL_B, FALL_END} if not with_fall else set()) | (
        {HIKE_A, HIKE_B, HIKE_END} if not with_hike else set()
    )
    pieces = [(piece, p) for piece, p in pieces if piece not in left_out]
    ids, params, los, his = [], [], [], []
    for piece, p in pieces:
        ids.append(np.full(p.shape[-1], piece))
        params.append(p)
        if p.shape[-1] < 5:  # a kink of the cost (not refined) or the limits (set per scenario)
            los.append(p), his.append(p)
            continue
        first, last = p[:, :1], p[:, -1:]
        if piece in (FALL_A, FALL_B):  # the level pelvis bounds the drop
            first = np.zeros_like(first)
        elif piece in (HIKE_A, HIKE_B):
            last = np.zeros_like(last)
        los.append(np.concatenate([first, p[:, :-1]], axis=-1))
        his.append(np.concatenate([p[:, 1:], last], axis=-1))
    ids = np.concatenate(ids)
    at = np.flatnonzero(ids == LIMIT)
    out = [np.concatenate(a, axis=-1) for a in (params, los, his)]
    for a in (ids, *out):
        a.flags.writeable = False  # shared between calls
    return ids, *out, slice(at[0], at[-1] + 1)


#: The pieces of a dropped (hiked) pelvis, in the order of the lumbar-range
#: kinks of :func:`gluteed.posture_search._bend_kinks`. [-]
DROPPED_PIECES = np.array([FALL_A, FALL_B, HIKE_A, HIKE_B])
#: Of the pieces: those the posture search computes alike (level and limits;
#: fall; end of adduction; hike; end of abduction). [-]
_KIND = np.array([0, 1, 1, 2, 3, 3, 4, 0])
#: Runs of samples shorter than this are evaluated together. Numerical. [-]
_SHORT_RUN = 8


@functools.cache
def runs(ids: bytes) -> tuple[tuple[slice, bool, bool], ...]:
    """The runs of a sample layout (ids as bytes) whose pieces are computed alike.

    Consecutive short runs (the limits and the kinks) form one run. With
    each run, whether all its pieces are ones of a dropped (hiked) pelvis,
    and whether it is the two pieces of one such pelvis, one half each (the
    same parameters, see :func:`sample_layout`).
    """
    ids1 = np.frombuffer(ids, dtype=int)
    kind = _KIND[ids1]
    cuts = [0, *(np.flatnonzero(np.diff(kind)) + 1).tolist(), kind.size]
    found: list[slice] = []
    for start, stop in itertools.pairwise(cuts):
        previous = found[-1] if found else None
        if previous and stop - start < _SHORT_RUN and previous.stop - previous.start < _SHORT_RUN:
            found[-1] = slice(previous.start, stop)
        else:
            found.append(slice(start, stop))
    out = []
    for run in found:
        half = (run.stop - run.start) // 2
        first, second = ids1[run.start], ids1[run.stop - 1]
        paired = (first, second) in ((FALL_A, FALL_B), (HIKE_A, HIKE_B)) and np.array_equal(
            ids1[run], np.repeat([first, second], half)
        )
        out.append((run, bool(np.all(np.isin(ids1[run], DROPPED_PIECES))), bool(paired)))
    return tuple(out)


@functools.cache
def kink_columns(ids: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Of a sample layout (ids as bytes), which of the kink pieces it samples, and their columns.

    The places of those pieces in ``DROPPED_PIECES``, and their columns, a row each.
    """
    ids1 = np.frombuffer(ids, dtype=int)
    slots = [i for i, kind in enumerate(DROPPED_PIECES) if np.count_nonzero(ids1 == kind) > 1]
    columns = [np.flatnonzero(ids1 == DROPPED_PIECES[i]) for i in slots]
    return _read_only(np.array(slots, dtype=int)), _read_only(np.array(columns, dtype=int))


@functools.cache
def level_columns(with_fall: bool, with_hike: bool) -> tuple[np.ndarray, np.ndarray]:
    """The columns of a sample layout on the level pelvis and at its limits, and the others.

    The first are the columns of the layout without the other pieces, in order.
    """
    ids = sample_layout(with_fall, with_hike)[0]
    level = (ids == LEVEL) | (ids == LIMIT)
    return _read_only(np.flatnonzero(level)), _read_only(np.flatnonzero(~level))


@functools.cache
def narrowed_columns(wide: tuple[bool, bool], narrow: tuple[bool, bool]) -> np.ndarray:
    """The columns of the sample layout ``wide`` that make up the layout ``narrow``.

    Each a pair (with_fall, with_hike) of :func:`sample_layout`; ``narrow``
    leaves out pieces that ``wide`` has, and its columns are the others, in
    order.
    """
    ids = sample_layout(*wide)[0]
    kept = np.unique(sample_layout(*narrow)[0])
    return _read_only(np.flatnonzero(np.isin(ids, kept)))


def _read_only(a: np.ndarray) -> np.ndarray:
    """``a``, made read-only (shared between calls)."""
    a.flags.writeable = False
    return a


@functools.cache
def piece_columns(ids: bytes) -> tuple[np.ndarray, ...]:
    """The columns of each piece in a sample layout, piece by piece (ids as bytes).

    In the order of the pieces' ids: the level pelvis (``LEVEL``, the
    smallest) first and its limits (``LIMIT``, the largest) last, which
    every layout holds.
    """
    ids1 = np.frombuffer(ids, dtype=int)
    return tuple(np.flatnonzero(ids1 == piece) for piece in np.unique(ids1))
