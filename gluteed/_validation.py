"""Input checks shared by every model module.

Every check raises :class:`ValueError` with one message that names the
parameter, the offending value, the allowed range and the unit, so that the
notebooks and the command line can show it to a student unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace
from numbers import Real

import numpy as np

__all__ = [
    "BOUND_ROUNDING",
    "BodyWeightMultiples",
    "check_choice",
    "check_number",
    "check_shapes",
    "fmt",
    "scenario",
]


#: How far a number may miss a closed bound and still count as the bound, relative
#: to the larger of the bounds' sizes: floating-point rounding only (``30 * x / x``
#: or ``0.30 * mass`` may differ from the exact value in the last binary digits,
#: about 1e-16 relative), far below any digit a person types or a slider sets. [-]
BOUND_ROUNDING = 1e-12


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


def short_repr(value: object, limit: int = 60) -> str:
    """``repr(value)`` on one line, cut short so a hostile value cannot flood a message."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        digits = math.floor(value.bit_length() * math.log10(2)) + 1
        return f"{'-' if value < 0 else ''}an integer of about {digits} digits"
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not hide the real problem
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _position(index: tuple[int, ...]) -> str:
    """``[2]`` or ``[1, 0]``: where in a batch; nothing for a single value."""
    return "[" + ", ".join(str(i) for i in index) + "]" if index else ""


def _element_problem(item: object) -> str | None:
    """Why one element of a batch is not a number, or None if it is one."""
    if isinstance(item, bool | np.bool_):
        return "true/false is not a number"
    if isinstance(item, str | bytes | np.str_ | np.bytes_):
        return "text is not a number"
    if item is None or item is np.ma.masked:
        return "a missing value is not a number"
    if isinstance(item, Real) and not isinstance(item, complex):
        try:
            float(item)
        except OverflowError:
            return "too large for a floating-point number"
        return None
    return f"a {type(item).__name__} is not a number"


def _as_float_array(name: str, value: object, allowed: str) -> np.ndarray:
    """``value`` as a float array, or ValueError naming the first element that is no number."""
    got = f"{name} must be a number {allowed}; got {short_repr(value)}"
    if isinstance(value, np.ma.MaskedArray):
        raise ValueError(
            f"{name} must be a number {allowed}; got a masked array (its masked values would "
            "be used as they are: pass only the values you mean)"
        )
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        return np.asarray(value, dtype=float)
    if isinstance(value, np.ndarray) and value.dtype.kind != "O":
        kind = {"b": "true/false values", "U": "text", "S": "text", "c": "complex numbers"}
        what = kind.get(value.dtype.kind, f"values of type {value.dtype}")
        raise ValueError(f"{name} must be a number {allowed}; got an array of {what}")
    # Anything else (lists, tuples, object arrays): look at every element, so that
    # a bool, a string or a huge integer inside a sequence is named with its place.
    try:
        items = np.asarray(value, dtype=object)
    except (TypeError, ValueError):
        raise ValueError(got) from None
    if items.ndim == 0 and items.item() is value:
        raise ValueError(got)  # not a sequence at all
    for index, item in np.ndenumerate(items):
        problem = _element_problem(item)
        if problem is not None:
            raise ValueError(
                f"{name}{_position(index)} = {short_repr(item)}: {problem}; allowed a number {allowed}"
            )
    try:
        return items.astype(float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(got) from None


def check_number(
    name: str,
    value: object,
    lo: float,
    hi: float,
    unit: str,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
    scalar: bool = False,
) -> float | np.ndarray:
    """Check that ``value`` is a finite number (or array of them) in a range.

    Parameters
    ----------
    name : str
        Parameter name as the user typed it.
    value : float or array_like
        The value to check: a real number, or a non-empty sequence or array
        of them (a batch).
    lo, hi : float
        Allowed range (closed unless ``lo_open``/``hi_open``).
    unit : str
        Unit shown in the message, e.g. ``"kg"`` or ``"%"``.
    scalar : bool
        Accept a single number only, not a batch.

    Returns
    -------
    float or numpy.ndarray
        A Python float for scalar input, else a read-only float array.

    Raises
    ------
    ValueError
        If the value is not a number: None, true/false (Python or numpy),
        text (also inside a sequence), a masked array, an empty array, an
        integer too large for a float, or NaN or infinite; or if it lies
        outside the range. The one-line message names the parameter, the
        value, the range and the unit, and for a batch the position of the
        first bad element.
    """
    allowed = _range_text(lo, hi, unit, lo_open, hi_open)
    if value is None or isinstance(value, bool | np.bool_ | str | bytes | np.str_ | np.bytes_):
        raise ValueError(f"{name} must be a number {allowed}; got {short_repr(value)}")
    if isinstance(value, Real) and not isinstance(value, np.ndarray):
        try:
            arr = np.asarray(float(value))
        except OverflowError:
            raise ValueError(
                f"{name} = {short_repr(value)} is out of range: allowed {allowed}"
            ) from None
    else:
        arr = _as_float_array(name, value, allowed)
    if arr.size == 0:
        raise ValueError(f"{name} must be a number {allowed}; got an empty array")
    if scalar and arr.ndim != 0:
        raise ValueError(
            f"{name} must be a single number {allowed}; got an array of shape {arr.shape}"
        )
    bad = ~np.isfinite(arr)
    if not bad.any():
        arr = _onto_bounds(arr, lo, hi, lo_open, hi_open)
        below = arr <= lo if lo_open else arr < lo
        above = arr >= hi if hi_open else arr > hi
        bad = below | above
    if bad.any():
        if arr.ndim == 0:
            where, first = "", float(arr)
        else:
            index = tuple(int(i) for i in np.argwhere(bad)[0])
            where, first = _position(index), float(arr[index])
        shown = f"{fmt(first)} {unit}".rstrip()
        raise ValueError(f"{name}{where} = {shown} is out of range: allowed {allowed}")
    if arr.ndim == 0:
        return float(arr)
    arr = arr.copy()
    arr.setflags(write=False)
    return arr


def _onto_bounds(arr: np.ndarray, lo: float, hi: float, lo_open: bool, hi_open: bool):
    """``arr`` with values that miss a closed bound by rounding only set to the bound."""
    sizes = [abs(b) for b in (lo, hi) if math.isfinite(b)]
    slack = BOUND_ROUNDING * max(sizes, default=0.0)
    if slack == 0.0:
        return arr
    out = arr
    if not hi_open and math.isfinite(hi):
        out = np.where((out > hi) & (out <= hi + slack), hi, out)
    if not lo_open and math.isfinite(lo):
        out = np.where((out < lo) & (out >= lo - slack), lo, out)
    return out


def check_shapes(what: str, named: dict[str, object]) -> tuple[int, ...]:
    """The common (broadcast) shape of several batch inputs.

    Parameters
    ----------
    what : str
        What the inputs describe, for the message (e.g. ``"stance"``).
    named : dict
        Parameter name -> value; single numbers fit any shape.

    Raises
    ------
    ValueError
        Naming the first two parameters whose shapes do not fit together.
    """
    seen: list[tuple[str, tuple[int, ...]]] = []
    shape: tuple[int, ...] = ()
    for name, value in named.items():
        this = np.shape(value)
        try:
            shape = np.broadcast_shapes(shape, this)
        except ValueError:
            other = next(((n, s) for n, s in seen if not _fits(s, this)), ("the others", shape))
            raise ValueError(
                f"{what}: {other[0]} has shape {other[1]} but {name} has shape {this}; "
                "batch inputs must have the same shape (or be single numbers)"
            ) from None
        seen.append((name, this))
    return shape


def _fits(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    try:
        np.broadcast_shapes(a, b)
    except ValueError:
        return False
    return True


def check_choice(name: str, value: object, choices: Sequence[str]) -> str:
    """Check that ``value`` is one of the allowed words (case-insensitive)."""
    options = ", ".join(repr(c) for c in choices)
    if not isinstance(value, str) or value.strip().lower() not in choices:
        raise ValueError(f"{name} must be one of {options}; got {short_repr(value)}")
    return value.strip().lower()


def scenario(inp: object, cls: type, changes: dict, *, solver: str, what: str) -> object:
    """The scenario a solver works on: ``inp`` (default ``cls()``) with ``changes``.

    Raises ValueError for an object of another type, for a field name that
    ``cls`` does not have, or for batch fields whose shapes do not fit
    together (naming two of them).
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
    check_shapes(what, dict(_array_fields(inp)))
    return inp


def _array_fields(obj: object, prefix: str = "") -> list[tuple[str, np.ndarray]]:
    """(name, value) of every array field of a dataclass, nested ones as ``a.b``."""
    out = []
    for f in fields(obj):
        value = getattr(obj, f.name)
        if is_dataclass(value):
            out += _array_fields(value, f"{prefix}{f.name}.")
        elif isinstance(value, np.ndarray):
            out.append((prefix + f.name, value))
    return out


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
