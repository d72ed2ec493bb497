"""Forces over one stride: each gluteus medius and each side of the lower back.

``draw_gait(walk, current_pct=...)`` draws a :func:`gluteed.solve_walk`
result once, with the foot contacts and double support along the top;
``update_gait(artists, walk, pct)`` redraws the curves when the stride
changed and moves the marker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.patches import Rectangle

from ..sweeps import frame_index
from ..text import GAIT_CURVE_LABELS, num, walk_summary_line
from . import artists as kit
from .artists import Artists
from .style import OKABE_ITO, STYLES

if TYPE_CHECKING:
    from ..walk_result import WalkResult

__all__ = ["GAIT_OUTPUTS", "draw_gait", "update_gait"]

#: Gait-cycle curves: name -> (label, style key).
GAIT_OUTPUTS = {
    name: (label, key)
    for (name, label), key in zip(
        GAIT_CURVE_LABELS.items(),
        ("abductors", "lumbar_contralateral", "adductors", "lumbar_ipsilateral"),
        strict=True,
    )
}


def _draw_gait_lines(ax: Axes) -> dict[str, Artist]:
    """A curve and a current-value point per output."""
    items: dict[str, Artist] = {}
    for name, (label, key) in GAIT_OUTPUTS.items():
        line, point = kit.plot_curve(ax, STYLES[key], label, 3.0, 13)
        items[f"line_{name}"], items[f"point_{name}"] = line, point
    return items


def _draw_contacts(ax: Axes, fs: float) -> dict[str, Artist]:
    """Double support (hatched), the feet on the ground (bars), the current marker."""
    items: dict[str, Artist] = {}
    shade = dict(transform=ax.get_xaxis_transform(), zorder=0)
    items["double_support"] = ax.add_collection(
        PolyCollection([], facecolor="none", edgecolor="#9a9a9a", hatch="//", linewidth=0, **shade)
    )
    items["right_foot"] = ax.add_collection(
        PolyCollection([], facecolor=OKABE_ITO["blue"], edgecolor="black", linewidth=1, **shade)
    )
    items["left_foot"] = ax.add_collection(
        PolyCollection([], facecolor="white", edgecolor="black", hatch="..", linewidth=1, **shade)
    )
    ax.text(1.005, 0.955, "right foot down", transform=ax.transAxes, fontsize=fs * 0.8, va="center")
    ax.text(1.005, 0.905, "left foot down", transform=ax.transAxes, fontsize=fs * 0.8, va="center")
    items.update(kit.add_current_marker(ax, fs, 0.86))
    return items


def _dress_gait_axes(ax: Axes, items: dict, fs: float) -> None:
    """Axis range and labels with units, grid, and the legend above the axes."""
    ax.set_xlim(0, 100)
    ax.set_xlabel("gait cycle [%] (right heel strike at 0 and 100)", fontsize=fs)
    ax.set_ylabel("force [× body weight]", fontsize=fs)
    kit.plain_axes(ax, fs)
    handles = [items[f"line_{name}"] for name in GAIT_OUTPUTS]
    handles.append(Rectangle((0, 0), 1, 1, facecolor="none", edgecolor="#9a9a9a", hatch="//"))
    labels = [label for label, _k in GAIT_OUTPUTS.values()] + ["both feet down"]
    kit.legend_above(ax, handles, labels, fs * 0.85, 3, 3.0)


def draw_gait(
    walk: WalkResult,
    ax: Axes | None = None,
    *,
    current_pct: float | None = None,
    scale: float = 1.0,
    caption: bool = True,
) -> Artists:
    """Forces over one stride: each glute med and the other side's lower back.

    Bars along the top show when each foot is on the ground; the spans with
    both feet down are hatched.

    Parameters
    ----------
    walk : gluteed.WalkResult
        From :func:`gluteed.solve_walk`.
    current_pct : float, optional
        The gait-cycle point to mark (0-100 %, right heel strike at 0). [%]
    ax, scale, caption
        As for :func:`~gluteed.view.draw_body` (axes, text size, summary underneath).

    Returns
    -------
    Artists
        ``line_<output>`` and ``point_<output>`` for the ``GAIT_OUTPUTS``,
        ``double_support`` (hatched spans), ``right_foot`` and ``left_foot``
        (bars along the top: when each foot is on the ground),
        ``current_line``, ``current_label``, ``caption``.
    """
    ax, fs = kit.axes_and_font(ax, (9.0, 4.8), scale)
    items = _draw_gait_lines(ax)
    items.update(_draw_contacts(ax, fs))
    _dress_gait_axes(ax, items, fs)
    items["caption"] = kit.add_caption(ax, -0.3, fs, caption, wrap=True)
    artists = kit.record(ax, items, {"caption"}, scale=scale)
    update_gait(artists, walk, current_pct)
    return artists


def _spans(x: np.ndarray, flags: np.ndarray, bottom: float, top: float) -> list[np.ndarray]:
    return [box * [1.0, top - bottom] + [0.0, bottom] for box in kit.flagged_ranges(x, flags)]


def _redraw_stride(artists: Artists, walk: WalkResult) -> bool:
    """New curves and foot contacts; True when the force axis changed."""
    items = artists.items
    cycle = np.asarray(walk.gait_cycle_pct)
    top = 0.0
    for name in GAIT_OUTPUTS:
        y = np.asarray(getattr(walk, name))
        items[f"line_{name}"].set_data(cycle, y)
        top = max(top, float(np.max(y)))
    right, left = np.asarray(walk.right_foot_down), np.asarray(walk.left_foot_down)
    items["double_support"].set_verts(_spans(cycle, right & left, 0.0, 0.88))
    items["right_foot"].set_verts(_spans(cycle, right, 0.94, 0.97))
    items["left_foot"].set_verts(_spans(cycle, left, 0.89, 0.92))
    artists.state["walk"] = walk
    want = kit.nice_ceiling(top / 0.85, 0.5)
    if artists.ax.get_ylim() != (0.0, want):
        artists.ax.set_ylim(0.0, want)
        return True
    return False


def update_gait(artists: Artists, walk: WalkResult, current_pct: float | None = None) -> None:
    """Redraw the stride's curves (when ``walk`` changed) and move the marker, in place."""
    items = artists.items
    changed = False
    if artists.state.get("walk") is not walk:
        changed = _redraw_stride(artists, walk)
    shown = current_pct is not None
    if shown:
        i = frame_index(walk, current_pct)
        x = float(np.asarray(walk.gait_cycle_pct)[i])
        items["current_line"].set_xdata([x, x])
        items["current_label"].set_text(f"{num(x, 0)} %")
        items["current_label"].set_x(x)
        items["current_label"].set_horizontalalignment("right" if x > 60 else "left")
        for name in GAIT_OUTPUTS:
            items[f"point_{name}"].set_data([x], [float(np.asarray(getattr(walk, name))[i])])
    for name in ("current_line", "current_label", *(f"point_{n}" for n in GAIT_OUTPUTS)):
        items[name].set_visible(shown)
    artists.summary = walk_summary_line(walk, current_pct)
    items["caption"].set_text(artists.summary)
    artists.state.update(layout_changed=changed, current_pct=current_pct)
