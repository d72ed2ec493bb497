"""Dashboard figures: the panels of one figure, drawn together and updated together.

One class, :class:`Panels`, holds the panels of any dashboard by name
(``panels.body``, ``panels.share``, ``panels.curve`` for stance;
``panels.diagram`` and ``panels.curve`` for the bend; ``panels.body`` and
``panels.gait`` for walking). ``draw_X_panels`` lays a figure out and draws
each panel once; ``update_X_panels`` updates each in place and says whether
the static background must be redrawn (see :class:`~gluteed.view.FastPNG`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..stance import StanceResult
from ..sweeps import (
    Sweep,
    require_one_bend,
    require_one_stance,
    sweep_bend,
    sweep_stance,
    walk_frame,
)
from .artists import Artists
from .bend import draw_bend, update_bend
from .body import draw_body, update_body
from .gait import draw_gait, update_gait
from .share import draw_share, update_share
from .strength import BEND_OUTPUTS, draw_curve, update_curve

if TYPE_CHECKING:
    from ..hamstrings import BendResult
    from ..walk_result import WalkResult

__all__ = [
    "BendPanels",
    "Panels",
    "WalkPanels",
    "draw_bend_panels",
    "draw_panels",
    "draw_walk_panels",
    "update_bend_panels",
    "update_panels",
    "update_walk_panels",
]


@dataclass(eq=False)
class Panels:
    """A dashboard figure: its panels by name, and the one-line summary.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    parts : dict[str, Artists]
        The panels, by name; each is also an attribute (``panels.body``).
    lead : str
        The panel whose summary is the figure's.
    summary : str
        The one-line summary of the current result.
    """

    figure: Figure
    parts: dict[str, Artists]
    lead: str
    summary: str = ""

    def __post_init__(self) -> None:
        self.summary = self.parts[self.lead].summary

    def __getattr__(self, name: str) -> Artists:
        parts = self.__dict__.get("parts", {})
        if name in parts:
            return parts[name]
        raise AttributeError(f"{type(self).__name__} has no panel or attribute {name!r}")

    @property
    def changing(self) -> list[Artist]:
        """Every artist an update may change (for redrawing only those)."""
        return [artist for part in self.parts.values() for artist in part.changing]

    def layout_key(self) -> tuple:
        """What the kept background shows beyond the moving artists, as a comparable value.

        Each panel's axis ranges and its layout signature (labels placed in
        the background, the stance side): two moments with the same settings
        and the same key look the same.
        """
        return tuple(
            (
                part.ax.get_xlim(),
                part.ax.get_ylim(),
                repr(part.state.get("signature")),
                part.state.get("side"),
            )
            for part in self.parts.values()
        )

    def refresh(self, updates: dict[str, Callable[[Artists], None]]) -> bool:
        """Run each panel's update; True when the cached background must be redrawn.

        That is when an axis range or a label in the background changed.
        """
        for name, update in updates.items():
            update(self.parts[name])
        self.summary = self.parts[self.lead].summary
        return any(part.state["layout_changed"] for part in self.parts.values())


#: The bend and walking dashboards' figures are :class:`Panels` too (names
#: kept from the time each had a class of its own).
BendPanels = Panels
WalkPanels = Panels


def _figure(fig: Figure | None, figsize: tuple[float, float], dpi: float) -> Figure:
    """A figure for a dashboard: ``fig`` cleared, or a new one on an Agg canvas.

    A new one is not managed by pyplot: never shown twice by a notebook,
    never left open.
    """
    if fig is None:
        fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        FigureCanvasAgg(fig)
    else:
        fig.clear()
        fig.set_layout_engine("constrained")
    return fig


def draw_panels(
    result: StanceResult,
    sweep: Sweep | None = None,
    *,
    fig: Figure | None = None,
    scale: float = 1.0,
    figsize: tuple[float, float] = (14.5, 7.6),
    dpi: float = 72.0,
) -> Panels:
    """Draw the body diagram, load share and strength curve into one figure.

    Parameters
    ----------
    result : StanceResult
        One scenario.
    sweep : Sweep, optional
        Sweep for the curve; the stance-strength sweep of ``result.inputs``
        when None.
    fig : matplotlib.figure.Figure, optional
        Figure to draw into (cleared first). When None a figure *not*
        managed by pyplot is made, with an Agg canvas: it is never shown
        twice by a notebook and never left open.
    scale : float
        Text size factor: 1 for a notebook, about 1.3 for a projector. [-]
    figsize : (float, float)
        Figure size when a figure is made. [inch]
    dpi : float
        Resolution when a figure is made; at 72 a point is a pixel. [1/inch]

    Returns
    -------
    Panels
        With the panels ``body``, ``share`` and ``curve``.
    """
    require_one_stance(result)
    fig = _figure(fig, figsize, dpi)
    if sweep is None:
        sweep = sweep_stance(result.inputs)
    grid = fig.add_gridspec(2, 2, width_ratios=(1.55, 1.0), height_ratios=(1.0, 1.3))
    look = dict(scale=scale, caption=False)
    parts = {
        "body": draw_body(result, fig.add_subplot(grid[:, 0]), **look),
        "share": draw_share(result, fig.add_subplot(grid[0, 1]), **look),
        "curve": draw_curve(sweep, current=result, ax=fig.add_subplot(grid[1, 1]), **look),
    }
    fig.get_layout_engine().set(w_pad=0.08, h_pad=0.1, wspace=0.04, hspace=0.06)
    return Panels(figure=fig, parts=parts, lead="body")


def update_panels(panels: Panels, result: StanceResult, sweep: Sweep | None = None) -> bool:
    """Update the three panels in place for a new result (and sweep).

    Returns
    -------
    bool
        True when an axis range or tick labels changed, so that a cached
        background (see :class:`~gluteed.view.FastPNG`) must be redrawn.
    """
    return panels.refresh(
        {
            "body": lambda part: update_body(part, result),
            "share": lambda part: update_share(part, result, sweep),
            "curve": lambda part: update_curve(part, result, sweep=sweep),
        }
    )


def draw_bend_panels(
    result: BendResult,
    sweep: Sweep | None = None,
    *,
    fig: Figure | None = None,
    scale: float = 1.0,
    figsize: tuple[float, float] = (14.5, 7.2),
    dpi: float = 72.0,
) -> Panels:
    """The side view of a bend and lumbar/hip flexion against the AKE deficit.

    Parameters
    ----------
    result : gluteed.BendResult
        One scenario.
    sweep : Sweep, optional
        From :func:`~gluteed.sweeps.sweep_bend`; the AKE sweep of
        ``result.inputs`` when None.
    fig, scale, figsize, dpi
        As for :func:`draw_panels`.

    Returns
    -------
    Panels
        With the panels ``diagram`` and ``curve``.
    """
    require_one_bend(result)
    fig = _figure(fig, figsize, dpi)
    if sweep is None:
        sweep = sweep_bend(result.inputs)
    grid = fig.add_gridspec(1, 2, width_ratios=(1.6, 1.0))
    look = dict(scale=scale, caption=False)
    parts = {
        "diagram": draw_bend(result, fig.add_subplot(grid[0, 0]), **look),
        "curve": draw_curve(
            sweep, BEND_OUTPUTS, current=result, ax=fig.add_subplot(grid[0, 1]), **look
        ),
    }
    return Panels(figure=fig, parts=parts, lead="diagram")


def update_bend_panels(panels: Panels, result: BendResult, sweep: Sweep | None = None) -> bool:
    """Update the bend panels in place; True when the background must be redrawn."""
    return panels.refresh(
        {
            "diagram": lambda part: update_bend(part, result),
            "curve": lambda part: update_curve(part, result, sweep=sweep),
        }
    )


def draw_walk_panels(
    walk: WalkResult,
    current_pct: float = 25.0,
    *,
    fig: Figure | None = None,
    scale: float = 1.0,
    figsize: tuple[float, float] = (14.5, 7.6),
    dpi: float = 72.0,
) -> Panels:
    """The body at one moment of the stride and the gait-cycle plot.

    Parameters
    ----------
    walk : gluteed.WalkResult
    current_pct : float
        The moment to draw, 0 to 100 % of the stride
        (:func:`~gluteed.sweeps.walk_frame`). [%]
    fig, scale, figsize, dpi
        As for :func:`draw_panels`.

    Returns
    -------
    Panels
        With the panels ``body`` and ``gait``.
    """
    fig = _figure(fig, figsize, dpi)
    grid = fig.add_gridspec(1, 2, width_ratios=(1.5, 1.0))
    look = dict(scale=scale, caption=False)
    frame = walk_frame(walk, current_pct)
    parts = {
        "body": draw_body(frame, fig.add_subplot(grid[0, 0]), **look),
        "gait": draw_gait(walk, fig.add_subplot(grid[0, 1]), current_pct=current_pct, **look),
    }
    return Panels(figure=fig, parts=parts, lead="gait")


def update_walk_panels(panels: Panels, walk: WalkResult, current_pct: float) -> bool:
    """Update the walking panels in place; True when the background must be redrawn."""
    return panels.refresh(
        {
            "body": lambda part: update_body(part, walk_frame(walk, current_pct)),
            "gait": lambda part: update_gait(part, walk, current_pct),
        }
    )
