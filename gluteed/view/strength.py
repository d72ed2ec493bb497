"""Model outputs against a swept input: by default the strength curve.

``draw_curve(sweep, current=result)`` draws any outputs of a
:class:`~gluteed.sweeps.Sweep` (by default the three forces of the share
chart against the stance leg's gluteus medius strength), each with its own
colour *and* line style and marker, the current setting marked and the
range that cannot be held (or reached) hatched; ``update_curve`` moves the
marker and, given a new sweep, redraws the curves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.patches import Rectangle

from ..stance import StanceResult
from ..sweeps import BEND_PARAMETERS, Sweep, require_one_scenario
from ..text import num
from . import artists as kit
from .artists import Artists
from .style import STYLES

if TYPE_CHECKING:
    from ..hamstrings import BendResult

__all__ = ["BEND_OUTPUTS", "DEFAULT_OUTPUTS", "OUTPUT_LABELS", "draw_curve", "update_curve"]

#: Outputs with a ready label and style; any numeric result attribute works.
OUTPUT_LABELS = {
    "abductor_force_bw": ("hip abductors", "abductors"),
    "lumbar_contralateral_force_bw": ("lower back, other side", "lumbar_contralateral"),
    "lumbar_ipsilateral_force_bw": ("lower back, same side", "lumbar_ipsilateral"),
    "hip_contact_force_bw": ("hip joint", "hip_contact"),
    "hip_adductor_force_bw": ("hip adductors", "adductors"),
    # the forward bend's
    "lumbar_flexion_deg": ("lumbar flexion", "lumbar_contralateral"),
    "hip_flexion_deg": ("hip flexion", "abductors"),
    "hamstring_passive_force_bw": ("hamstrings, stretched", "lumbar_ipsilateral"),
    "erector_spinae_force_bw": ("lower back (erector spinae)", "lumbar_contralateral"),
    "l5s1_compression_bw": ("L5-S1 compression (no muscle tone)", "hip_contact"),
}
#: The curves of the stance dashboard: the three forces of the share chart.
DEFAULT_OUTPUTS = (
    "abductor_force_bw",
    "lumbar_contralateral_force_bw",
    "lumbar_ipsilateral_force_bw",
)
#: The curves of the bend dashboard.
BEND_OUTPUTS = ("lumbar_flexion_deg", "hip_flexion_deg")

#: Styles for outputs without one of their own, in turn.
_SPARE_STYLES = ("hip_contact", "adductors", "bag", "cane", "body_weight")
_HATCHED = dict(facecolor="none", edgecolor="#8a8a8a", hatch="//")


def _output_label(name: str) -> str:
    return OUTPUT_LABELS[name][0] if name in OUTPUT_LABELS else name.replace("_", " ")


def _output_unit(names: Sequence[str]) -> str:
    suffixes = {"_bw": "× body weight", "_n": "N", "_deg": "deg", "_pct": "%", "_nm": "N·m"}
    units = {next((unit for s, unit in suffixes.items() if n.endswith(s)), "-") for n in names}
    return units.pop() if len(units) == 1 else "value"


def _output_values(result: StanceResult, name: str) -> np.ndarray:
    try:
        value = getattr(result, name)
    except AttributeError:
        raise ValueError(
            f"unknown output {name!r}; use a result attribute such as "
            "'lumbar_contralateral_force_bw' or 'trunk_lean_deg'"
        ) from None
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"output {name!r} is not a number") from None
    if arr.shape != np.shape(result.cost):
        raise ValueError(f"output {name!r} is not a number per scenario")
    return arr


def _draw_lines(ax: Axes, outputs: tuple[str, ...]) -> dict[str, Artist]:
    """A curve and a current-value point per output, each in its own style."""
    items: dict[str, Artist] = {}
    for i, name in enumerate(outputs):
        key = OUTPUT_LABELS[name][1] if name in OUTPUT_LABELS else _SPARE_STYLES[i % 5]
        line, point = kit.plot_curve(ax, STYLES[key], _output_label(name), 3.2, 14)
        items[f"line_{name}"], items[f"point_{name}"] = line, point
    return items


def _draw_marker(ax: Axes, fs: float) -> dict[str, Artist]:
    """The hatched range that cannot be held, and the current setting's line and label."""
    items: dict[str, Artist] = {}
    items["over_capacity"] = ax.add_collection(
        PolyCollection([], **_HATCHED, linewidth=0, transform=ax.get_xaxis_transform(), zorder=0)
    )
    items.update(kit.add_current_marker(ax, fs, 0.98))
    return items


def _dress_axes(ax: Axes, sweep: Sweep, outputs: tuple[str, ...], lines: list, fs: float):
    """Axis labels with units, grid, and the legend above the axes."""
    ax.set_xlabel(sweep.label, fontsize=fs)
    unit = _output_unit(outputs)
    quantity = {"× body weight": "force", "N": "force", "deg": "angle", "N·m": "moment"}
    ylabel = f"{quantity[unit]} [{unit}]" if unit in quantity else unit
    ax.set_ylabel(ylabel, fontsize=fs)
    kit.plain_axes(ax, fs)
    handles = [*lines, Rectangle((0, 0), 1, 1, **_HATCHED)]
    flagged = "out of reach" if sweep.parameter in BEND_PARAMETERS else "cannot be held"
    labels = [_output_label(name) for name in outputs] + [flagged]
    kit.legend_above(ax, handles, labels, fs * 0.9, 2, 3.2)


def draw_curve(
    sweep: Sweep,
    outputs: Sequence[str] = DEFAULT_OUTPUTS,
    *,
    current: StanceResult | None = None,
    ax: Axes | None = None,
    scale: float = 1.0,
    caption: bool = True,
) -> Artists:
    """Model outputs against a swept input, with the current setting marked.

    Each output has its own colour, line style and marker; where the
    scenario cannot be held (or a bend cannot be reached) the range is
    hatched.

    Parameters
    ----------
    sweep : Sweep
        From :func:`~gluteed.sweeps.sweep_stance` or :func:`~gluteed.sweeps.sweep_bend`.
    outputs : sequence of str
        Result attributes to plot, e.g. ``"lumbar_contralateral_force_bw"``
        or ``"trunk_lean_deg"`` (every ``*_n`` force also as ``*_bw``).
    current : StanceResult, optional
        One scenario to mark with a vertical line and a point on each curve.
    ax, scale, caption
        As for :func:`~gluteed.view.draw_body` (axes, text size, summary underneath).

    Returns
    -------
    Artists
        ``line_<output>`` and ``point_<output>`` per output,
        ``current_line``, ``current_label``, ``over_capacity`` (hatched
        where a muscle would work above 100 %) and ``caption``.
    """
    if not isinstance(sweep, Sweep):
        raise ValueError(
            f"draw_curve expects a Sweep (see sweep_stance); got {type(sweep).__name__}"
        )
    ax, fs = kit.axes_and_font(ax, (8.0, 4.4), scale)
    outputs = tuple(outputs)
    if not outputs:
        raise ValueError("outputs must name at least one result attribute")
    for name in outputs:
        _output_values(sweep.result, name)  # unknown names fail here
    items = _draw_lines(ax, outputs)
    items.update(_draw_marker(ax, fs))
    _dress_axes(ax, sweep, outputs, [items[f"line_{name}"] for name in outputs], fs)
    items["caption"] = kit.add_caption(ax, -0.3, fs, caption)
    artists = kit.record(ax, items, {"caption"}, outputs=outputs, scale=scale)
    update_curve(artists, current, sweep=sweep)
    return artists


def _refit(artists: Artists, sweep: Sweep) -> bool:
    """New curves; the value axis refitted only when needed. True when an axis changed."""
    ax = artists.ax
    outputs = artists.state["outputs"]
    changed = False
    artists.state["sweep"] = sweep
    ys = [_output_values(sweep.result, name) for name in outputs]
    for name, y in zip(outputs, ys, strict=True):
        artists.items[f"line_{name}"].set_data(sweep.values, y)
    # NaN marks bends out of reach; a sweep may have no value at all.
    top = max((float(np.nanmax(y)) for y in ys if np.isfinite(y).any()), default=1.0)
    bottom = min(0.0, *(float(np.nanmin(y)) for y in ys if np.isfinite(y).any()))
    lo, hi = ax.get_ylim()
    fitted = artists.state.get("fitted", False)
    span = max(top - bottom, 1e-9)
    if not fitted or top > hi or bottom < lo or top - bottom < 0.5 * (hi - lo):
        step = 10 ** np.floor(np.log10(span)) / 2
        ax.set_ylim(
            bottom - (0.05 * span if bottom < 0 else 0), kit.nice_ceiling(top + 0.08 * span, step)
        )
        artists.state["fitted"] = True
        changed = True
    xlim = (float(sweep.values.min()), float(sweep.values.max()))
    if tuple(ax.get_xlim()) != xlim:
        ax.set_xlim(*xlim)
        changed = True
    # Hatched: bends out of reach, or stances that cannot be held.
    out = ~np.asarray(sweep.result.feasible, dtype=bool)
    artists.items["over_capacity"].set_verts(kit.flagged_ranges(sweep.values, out))
    return changed


def _mark(artists: Artists, current: StanceResult | BendResult | None, sweep: Sweep) -> str:
    """Move the current-setting marker; returns the summary."""
    outputs = artists.state["outputs"]
    items = artists.items
    name_of_x = sweep.label.split(" [")[0]
    unit = _output_unit(outputs)
    if current is None:
        parts = []
        for name in outputs:
            y = _output_values(sweep.result, name)
            parts.append(f"{_output_label(name)} {num(y[0], 2)} → {num(y[-1], 2)}")
        return (
            f"From {name_of_x} = {sweep.values[0]:.4g} to {sweep.values[-1]:.4g}: "
            + ", ".join(parts)
            + f" [{unit}]"
        )
    require_one_scenario(current)
    x = sweep.current(current)
    items["current_line"].set_xdata([x, x])
    label = items["current_label"]
    label.set_text(f"now: {x:.4g}")
    label.set_x(x)
    xlo, xhi = artists.ax.get_xlim()
    label.set_horizontalalignment("right" if x > xlo + 0.6 * (xhi - xlo) else "left")
    parts = []
    for name in outputs:
        y = float(_output_values(current, name))
        items[f"point_{name}"].set_data([x], [y])
        parts.append(f"{_output_label(name)} {num(y, 2)}")
    return f"At {name_of_x} = {x:.4g}: " + ", ".join(parts) + f" [{unit}]"


def update_curve(
    artists: Artists, current: StanceResult | BendResult | None, sweep: Sweep | None = None
) -> None:
    """Move the current-setting marker; given ``sweep``, also redraw the curves.

    The value axis is refitted only when a curve would leave it or use less
    than half of it (``artists.state["layout_changed"]`` says so).
    """
    changed = _refit(artists, sweep) if sweep is not None else False
    artists.summary = _mark(artists, current, artists.state["sweep"])
    outputs = artists.state["outputs"]
    items = artists.items
    for name in ("current_line", "current_label", *(f"point_{n}" for n in outputs)):
        items[name].set_visible(current is not None)
    items["caption"].set_text(artists.summary)
    artists.state["layout_changed"] = changed
    artists.state["result"] = current
