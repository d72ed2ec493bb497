"""Input checks shared by every model module.

Every check raises :class:`ValueError` with one message that names the
parameter, the offending value, the allowed range and the unit, so that the
notebooks and the command line can show it to a student unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import fields, replace
from numbers import Real

import numpy as np

__all__ = ["BodyWeightMultiples", "check_choice", "check_number", "fmt", "scenario"]


def fmt(value: float) -> str:
    """Format a number for a message: short, no trailing zeros."""
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return f"{value:g}"


def _range_text(lo: float, hi: float, unit: str, lo_open: bool, hi_open: bool) -> str:
    left = "more than" if lo_open else "from"
    right = "less than" if hi_open else "to"
    if math.isinf(hi):
        return f"{'more than' if lo_open else 'at least'} {fmt(lo)} {unit}".rstrip()
    return f"{left} {fmt(lo)} {right} {fmt(hi)} {unit}".rstrip()


def check_number(
    name: str,
    value: object,
    lo: float,
    hi: float,
    unit: str,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
) -> float | np.ndarray:
    """Check that ``value`` is a finite number (or array of them) in a range.

    Parameters
    ----------
    name : str
        Parameter name as the user typed it.
    value : float or array_like
        The value to check.
    lo, hi : float
        Allowed range (closed unless ``lo_open``/``hi_open``).
    unit : str
        Unit shown in the message, e.g. ``"kg"`` or ``"%"``.

    Returns
    -------
    float or numpy.ndarray
        A Python float for scalar input, else a float array.

    Raises
    ------
    ValueError
        If the value is not a number, is NaN or infinite, or lies outside
        the range. The message names the parameter, the value, the range and
        the unit.
    """
    allowed = _range_text(lo, hi, unit, lo_open, hi_open)
    if isinstance(value, bool | str | bytes) or value is None:
        raise ValueError(f"{name} must be a number {allowed}; got {value!r}")
    if isinstance(value, Real):
        arr = np.asarray(float(value))
    else:
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a number {allowed}; got {value!r}") from None
    bad = ~np.isfinite(arr)
    if not bad.any():
        below = arr <= lo if lo_open else arr < lo
        above = arr >= hi if hi_open else arr > hi
        bad = below | above
    if bad.any():
        first = float(arr[bad].flat[0])
        raise ValueError(f"{name} = {fmt(first)} {unit} is out of range: allowed {allowed}")
    if arr.ndim == 0:
        return float(arr)
    arr = arr.copy()
    arr.setflags(write=False)
    return arr


def check_choice(name: str, value: object, choices: Sequence[str]) -> str:
    """Check that ``value`` is one of the allowed words (case-insensitive)."""
    options = ", ".join(repr(c) for c in choices)
    if not isinstance(value, str) or value.strip().lower() not in choices:
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value.strip().lower()


def scenario(inp: object, cls: type, changes: dict, *, solver: str, what: str) -> object:
    """The scenario a solver works on: ``inp`` (default ``cls()``) with ``changes``.

    Raises ValueError for an object of another type or for a field name that
    ``cls`` does not have.
    """
    if inp is None:
        inp = cls()
    elif not isinstance(inp, cls):
        raise ValueError(f"{solver} expects a {cls.__name__}; got {type(inp).__name__}")
    if changes:
        unknown = sorted(set(changes) - {f.name for f in fields(cls)})
        if unknown:
            raise ValueError(f"unknown {what} parameter(s): {', '.join(unknown)}")
        inp = replace(inp, **changes)
    return inp


class BodyWeightMultiples:
    """Mixin for result classes: ``x_bw`` for every force field ``x_n``.

    The force divided by the class's ``body_weight_n``, i.e. in multiples of
    body weight.
    """

    def __getattr__(self, name: str) -> np.ndarray:
        if name.endswith("_bw"):
            try:
                force = object.__getattribute__(self, name[:-3] + "_n")
            except AttributeError:
                pass
            else:
                return np.asarray(force) / self.body_weight_n
        raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")
