"""The record of a drawn figure, and the small drawing helpers the figures share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, Polygon
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation, Transform

from .style import BASE_FONT, OKABE_ITO


@dataclass(eq=False)
class Artists:
    """The artists of one drawn figure, by name, and its one-line summary.

    Attributes
    ----------
    ax : matplotlib.axes.Axes
        The axes drawn into.
    items : dict[str, Artist]
        Every artist that ``update_X`` may change, by a stable name (e.g.
        ``"trunk_axis"``, ``"arrow_abductors"``, ``"band_glute_med"``).
    static : set[str]
        Names of items that change only with the layout (stance side, a
        load appearing); :class:`~gluteed.view.FastPNG` keeps them in its background.
    summary : str
        One line with the numbers drawn.
    state : dict
        What the figure keeps between updates; ``state["layout_changed"]``
        says whether the last update changed a static item or an axis.
    """

    ax: Axes
    items: dict[str, Artist]
    static: set[str] = field(default_factory=set)
    summary: str = ""
    state: dict = field(default_factory=dict)

    def __getitem__(self, name: str) -> Artist:
        return self.items[name]

    def __iter__(self) -> Iterator[Artist]:
        return iter(self.items.values())

    @property
    def figure(self) -> Figure:
        """The figure the artists are in."""
        return self.ax.figure

    @property
    def changing(self) -> list[Artist]:
        """The items that may change on every update."""
        return [a for n, a in self.items.items() if n not in self.static]


def record(ax: Axes, items: dict[str, Artist], static: Iterable[str], **state: object) -> Artists:
    """The record of a drawn figure; every item is kept out of the automatic layout."""
    for artist in items.values():
        fixed(artist)
    return Artists(ax=ax, items=items, static=set(static), state=state)


def add_caption(ax: Axes, y: float, fs: float, shown: bool, *, wrap: bool = False) -> Artist:
    """The one-line summary under a figure (axes fractions), shown or not."""
    text = ax.text(0.0, y, "", transform=ax.transAxes, fontsize=fs * 0.8, va="top", wrap=wrap)
    text.set_visible(shown)
    return text


def new_axes(figsize: tuple[float, float]) -> Axes:
    """Axes on a new pyplot figure, for drawing outside a dashboard."""
    import matplotlib.pyplot as plt

    _fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def axes_and_font(
    ax: Axes | None, figsize: tuple[float, float], scale: float
) -> tuple[Axes, float]:
    """The axes to draw a panel into and its base font size.

    ``ax`` itself, or axes on a new pyplot figure of ``figsize`` (inch) when
    None; the font size is :data:`~gluteed.view.style.BASE_FONT` times
    ``scale`` (the text size factor, [-]), in points.
    """
    if ax is None:
        ax = new_axes(figsize)
    return ax, BASE_FONT * scale


def fixed(artist: Artist) -> Artist:
    """Keep an artist out of the automatic layout (positions stay put)."""
    artist.set_in_layout(False)
    return artist


def warning_label(
    ax: Axes, xy: tuple[float, float], text: str, fs: float, *, ha: str, va: str
) -> Text:
    """A boxed warning in vermillion, placed in axes fractions."""
    colour = OKABE_ITO["vermillion"]
    box = dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor=colour, linewidth=2.5)
    return ax.text(
        *xy,
        text,
        transform=ax.transAxes,
        fontsize=fs * 0.95,
        ha=ha,
        va=va,
        zorder=12,
        weight="bold",
        color=colour,
        bbox=box,
    )


def band_polygon(ends: np.ndarray, width: float) -> np.ndarray:
    """A spindle-shaped band between two points, ``width`` wide in the middle."""
    a, b = ends
    d = b - a
    length = float(np.hypot(*d))
    if length == 0:
        return np.repeat(a[None, :], 6, axis=0)
    n = np.array([-d[1], d[0]]) / length * width / 2
    return np.array(
        [
            a + 0.1 * n,
            a + 0.25 * d + n,
            a + 0.75 * d + n,
            b + 0.1 * n,
            a + 0.75 * d - n,
            a + 0.25 * d - n,
        ]
    )


def lines_below(ax: Axes, points: float, right: float = 0.0) -> Transform:
    """Axes-fraction coordinates shifted down by ``points`` and right by ``right`` points."""
    return ax.transAxes + ScaledTranslation(right / 72.0, -points / 72.0, ax.figure.dpi_scale_trans)


def nice_ceiling(value: float, step: float) -> float:
    """``value`` rounded up to a multiple of ``step``."""
    return float(np.ceil(value / step) * step)


def set_leader(
    line: Line2D,
    start: tuple[float, float] | np.ndarray,
    end: tuple[float, float] | np.ndarray,
    colour: str,
) -> None:
    """A leader line from a label (column edge) to the thing it names."""
    line.set_data([start[0], end[0]], [start[1], end[1]])
    line.set_color(colour)
    line.set_visible(True)


def flagged_ranges(x: np.ndarray, flags: np.ndarray) -> list[np.ndarray]:
    """Rectangles (x in data, y in axes fraction) over the x ranges flagged true."""
    flags = np.asarray(flags, dtype=bool)
    if not flags.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(int), [0]))))
    half = float(np.mean(np.diff(x))) / 2
    boxes = []
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        a, b = x[start] - half, x[stop - 1] + half
        boxes.append(np.array([[a, 0.0], [b, 0.0], [b, 1.0], [a, 1.0]]))
    return boxes


#: Skin and limbs of the body drawings (front and side).
SKIN = dict(facecolor="#ece7e1", edgecolor="#4d4d4d", linewidth=2.0)
_PALE_SKIN = {**SKIN, "facecolor": "#f7f4ef"}
_FOOT = dict(closed=True, zorder=1, facecolor="#9a9a9a", edgecolor="#4d4d4d")
_ITALIC_TOP = dict(ha="center", va="top", style="italic")


def draw_scene(
    ax: Axes, xlim: tuple[float, float], ylim: tuple[float, float], seen_from: str, fs: float
) -> None:
    """A body drawing's axes: equal scales, no axes, the view named, the floor."""
    ax.set_aspect("equal")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_axis_off()
    ax.text(0.5, 1.0, seen_from, transform=ax.transAxes, fontsize=fs * 0.9, **_ITALIC_TOP)
    ax.axhline(0.0, color="black", linewidth=3.0, zorder=1)


def add_torso(ax: Axes) -> dict[str, Artist]:
    """Pelvis, trunk and head outlines (empty, placed by the update)."""
    empty = np.zeros((3, 2))
    return {
        "pelvis": ax.add_patch(Polygon(empty, closed=True, zorder=3, **_PALE_SKIN)),
        "trunk": ax.add_patch(Polygon(empty, closed=True, zorder=2, **SKIN)),
        "head": ax.add_patch(Ellipse((0, 0), 0.1, 0.1, zorder=2, **SKIN)),
    }


def add_feet(ax: Axes, names: Iterable[str]) -> dict[str, Artist]:
    """Foot outlines (empty)."""
    return {name: ax.add_patch(Polygon(np.zeros((3, 2)), **_FOOT)) for name in names}


def add_limbs(ax: Axes, names: Iterable[str], scale: float, zorder: float = 1) -> dict[str, Artist]:
    """Thick grey lines for legs and arms (empty)."""
    limb = dict(color="#9a9a9a", linewidth=10 * scale**0.5, solid_capstyle="round", zorder=zorder)
    return {name: ax.plot([], [], **limb)[0] for name in names}


def add_bands(ax: Axes, names: Iterable[str]) -> dict[str, Artist]:
    """Muscle bands (empty spindles), one per name, as ``band_<name>``."""
    return {
        f"band_{name}": ax.add_patch(
            Polygon(np.zeros((6, 2)), closed=True, zorder=7, edgecolor="black")
        )
        for name in names
    }


def plot_curve(
    ax: Axes, style: dict, label: str, linewidth: float, point_size: float
) -> tuple[Line2D, Line2D]:
    """A curve in a quantity's style and its current-value point (both empty)."""
    look = dict(color=style["color"], marker=style["marker"], markeredgecolor="black")
    (line,) = ax.plot(
        [],
        [],
        linestyle=style["linestyle"],
        linewidth=linewidth,
        markevery=0.1,
        markersize=8,
        label=label,
        **look,
    )
    (point,) = ax.plot(
        [], [], markersize=point_size, markeredgewidth=1.5, linestyle="none", zorder=5, **look
    )
    return line, point


def add_current_marker(ax: Axes, fs: float, label_y: float) -> dict[str, Artist]:
    """The current setting on a chart: a vertical line and a boxed label (placed by the update)."""
    line = ax.axvline(0.0, color="black", linewidth=2.0, linestyle=(0, (6, 2, 1, 2)), zorder=4)
    box = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none")
    label = ax.text(
        0, label_y, "", transform=ax.get_xaxis_transform(), fontsize=fs * 0.9, va="top", zorder=6
    )
    label.set_bbox(box)
    return {"current_line": line, "current_label": label}


def plain_axes(ax: Axes, fs: float, *, grid: bool = True) -> None:
    """A chart's ticks sized for a projector, a light grid, no top or right spine."""
    ax.tick_params(labelsize=fs * 0.95, width=1.5, length=5)
    if grid:
        ax.grid(True, color="#dddddd", linewidth=1.0)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)


def legend_above(
    ax: Axes,
    handles: Sequence[Artist],
    labels: Sequence[str],
    fontsize: float,
    ncols: int,
    handlelength: float,
) -> None:
    """A frameless legend in columns above the axes."""
    ax.legend(
        handles,
        labels,
        fontsize=fontsize,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncols=ncols,
        frameon=False,
        handlelength=handlelength,
        borderaxespad=0.2,
    )
