"""What the result classes share, written once.

- :func:`plain`, :func:`flags`, :func:`texts`: numbers, true/false values and
  words as plain JSON values (a float or a list for a batch);
- :meth:`Result.units_dict`: the fields named in a class's ``UNITS`` table
  (field -> unit), each as a plain value, plus ``x_bw`` for every force ``x_n``;
- ``x_bw`` attributes for every ``x_n`` force (from
  :class:`gluteed._validation.BodyWeightMultiples`);
- :meth:`Result.one_scenario`: the refusal of a batch where one scenario is meant;
- :meth:`Result.scenario`: one scenario picked from a batch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, is_dataclass, replace
from typing import ClassVar

import numpy as np

from ._validation import BodyWeightMultiples

__all__ = ["UNIT_SUFFIXES", "Result", "flags", "plain", "texts", "units_by_suffix"]

#: The unit a field's name ends in: result keys carry their unit. A name with
#: none of these endings is a pure number ("-").
UNIT_SUFFIXES = {
    "_deg": "deg",
    "_nm": "N·m",
    "_n": "N",
    "_pct": "%",
    "_mm": "mm",
    "_m": "m",
    "_s": "s",
    "_kg": "kg",
    "_ms": "m/s",
}


def units_by_suffix(names: Iterable[str]) -> dict[str, str]:
    """A ``UNITS`` table (field -> unit, in the order given) read from the field names."""
    return {
        name: next((u for end, u in UNIT_SUFFIXES.items() if name.endswith(end)), "-")
        for name in names
    }


def plain(value: object, *, nan_as_none: bool = False) -> float | list | None:
    """A number as a float, a batch as a list; NaN as None if ``nan_as_none``."""
    arr = np.asarray(value, dtype=float)
    if not nan_as_none:
        return float(arr) if arr.ndim == 0 else arr.tolist()
    if arr.ndim == 0:
        return None if np.isnan(arr) else float(arr)
    return np.where(np.isnan(arr), None, arr.astype(object)).tolist()


def flags(value: object) -> bool | list:
    """True/false as a bool, a batch as a list."""
    arr = np.asarray(value, dtype=bool)
    return bool(arr) if arr.ndim == 0 else arr.tolist()


def texts(value: object) -> str | list:
    """Words as a str, a batch as a list."""
    arr = np.asarray(value, dtype=str)
    return str(arr) if arr.ndim == 0 else arr.tolist()


class Result(BodyWeightMultiples):
    """Base of the result classes (frozen dataclasses with an ``inputs`` field).

    Subclasses set ``UNITS`` (field -> unit, in output order) and
    ``SHAPE_FIELD``, a field with the batch shape of the input.
    """

    UNITS: ClassVar[dict[str, str]] = {}
    SHAPE_FIELD: ClassVar[str] = "cost"

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the batch; ``()`` for one scenario."""
        return np.shape(getattr(self, self.SHAPE_FIELD))

    def one_scenario(self, what: str = "summary()") -> None:
        """Refuse a batch where one scenario is meant.

        Raises
        ------
        ValueError
            ``"<what> describes one scenario; index the batch first"``.
        """
        if self.batch_shape != ():
            raise ValueError(f"{what} describes one scenario; index the batch first")

    def units_dict(self, *, nan_as_none: bool = False) -> dict:
        """Every field of ``UNITS`` as a plain value, then ``x_bw`` for each force ``x_n``."""
        out = {name: plain(getattr(self, name), nan_as_none=nan_as_none) for name in self.UNITS}
        for name in [k for k in self.UNITS if k.endswith("_n")]:
            share = np.asarray(getattr(self, name)) / self.body_weight_n
            out[name[:-2] + "_bw"] = plain(share, nan_as_none=nan_as_none)
        return out

    def scenario(self, *index: int):
        """One scenario of a batch, as a result of the same class.

        Parameters
        ----------
        *index : int
            Its position in the batch, one integer per batch dimension
            (e.g. ``result.scenario(3)``).

        Raises
        ------
        ValueError
            For a single scenario, or a position that is not in the batch.
        """
        shape = self.batch_shape
        if shape == ():
            raise ValueError("scenario() picks from a batch; this result is one scenario")
        if len(index) != len(shape) or not all(
            isinstance(i, int | np.integer) and -n <= i < n
            for i, n in zip(index, shape, strict=True)
        ):
            raise ValueError(f"scenario index {index} is not in a batch of shape {shape}")
        return _pick(self, tuple(int(i) for i in index), shape)


def _pick(obj: object, index: tuple[int, ...], shape: tuple[int, ...]) -> object:
    """``obj`` (a dataclass) with every batch-shaped array replaced by its element at ``index``."""
    changes = {}
    for f in fields(obj):
        if not f.init:
            continue
        value = getattr(obj, f.name)
        if is_dataclass(value) and not isinstance(value, type):
            changes[f.name] = _pick(value, index, shape)
        elif isinstance(value, np.ndarray) and value.ndim and np.ndim(value) <= len(shape):
            changes[f.name] = np.array(np.broadcast_to(value, shape)[index])
    return replace(obj, **changes)
