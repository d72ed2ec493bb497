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
from typing import TYPE_CHECKING, NamedTuple, TypedDict, Unpack

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpec, SubplotSpec

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
    "FigureOptions",
    "Panels",
    "WalkPanels",
    "draw_bend_panels",
    "draw_panels",
    "draw_walk_panels",
    "update_bend_panels",
    "update_panels",
    "update_walk_panels",
]


class FigureOptions(TypedDict, total=False):
    """Where and how large a dashboard figure is drawn: the keyword options of ``draw_*_panels``.

    Attributes
    ----------
    fig : matplotlib.figure.Figure or None
        Figure to draw into (cleared first). When None (the default) a figure
        *not* managed by pyplot is made, with an Agg canvas: it is never shown
        twice by a notebook and never left open.
    scale : float
        Text size factor: 1 (the default) for a notebook, about 1.3 for a projector. [-]
    figsize : (float, float)
        Figure size when a figure is made; each dashboard has its own default. [inch]
    dpi : float
        Resolution when a figure is made; at 72 (the default) a point is a pixel. [1/inch]
    """

    fig: Figure | None
    scale: float
    figsize: tuple[float, float]
    dpi: float


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


#: Draws one panel into the axes given, with the look (``scale`` and ``caption``).
PanelDraw = Callable[[Axes, dict], Artists]


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


def _cells(spec: GridSpec, mosaic: tuple[tuple[str, ...], ...], name: str) -> SubplotSpec:
    """The cells of ``spec`` that ``mosaic`` gives the panel ``name``."""
    at = [(r, c) for r, row in enumerate(mosaic) for c, cell in enumerate(row) if cell == name]
    rows, cols = [r for r, _ in at], [c for _, c in at]
    return spec[min(rows) : max(rows) + 1, min(cols) : max(cols) + 1]


class _Layout(NamedTuple):
    """How one dashboard figure is divided.

    ``figsize`` is its default size [inch]; ``mosaic`` names the panel in each
    cell of the grid, row by row (a panel over several cells is named in
    each); ``ratios`` the grid's ``width_ratios`` and ``height_ratios``;
    ``lead`` the panel whose summary is the figure's.
    """

    figsize: tuple[float, float]
    mosaic: tuple[tuple[str, ...], ...]
    ratios: dict[str, tuple[float, ...]]
    lead: str


#: The three dashboard figures: standing on one leg, the forward bend, walking.
_STANCE = _Layout(
    (14.5, 7.6),
    (("body", "share"), ("body", "curve")),
    {"width_ratios": (1.55, 1.0), "height_ratios": (1.0, 1.3)},
    lead="body",
)
_BEND = _Layout((14.5, 7.2), (("diagram", "curve"),), {"width_ratios": (1.6, 1.0)}, lead="diagram")
_WALK = _Layout((14.5, 7.6), (("body", "gait"),), {"width_ratios": (1.5, 1.0)}, lead="gait")


def _compose(options: FigureOptions, layout: _Layout, draws: dict[str, PanelDraw]) -> Panels:
    """Lay out one dashboard figure and draw each of its panels once.

    ``draws`` holds each panel's drawing function, by name, in the order they
    are drawn.
    """
    unknown = sorted(set(options) - FigureOptions.__optional_keys__)
    if unknown:
        allowed = ", ".join(FigureOptions.__annotations__)
        raise TypeError(f"unknown figure option(s) {', '.join(unknown)}: allowed {allowed}")
    size = options.get("figsize", layout.figsize)
    fig = _figure(options.get("fig"), size, options.get("dpi", 72.0))
    spec = fig.add_gridspec(len(layout.mosaic), len(layout.mosaic[0]), **layout.ratios)
    look = {"scale": options.get("scale", 1.0), "caption": False}
    parts = {
        name: draw(fig.add_subplot(_cells(spec, layout.mosaic, name)), look)
        for name, draw in draws.items()
    }
    return Panels(figure=fig, parts=parts, lead=layout.lead)


def draw_panels(
    result: StanceResult, sweep: Sweep | None = None, **options: Unpack[FigureOptions]
) -> Panels:
    """Draw the body diagram, load share and strength curve into one figure.

    Parameters
    ----------
    result : StanceResult
        One scenario.
    sweep : Sweep, optional
        Sweep for the curve; the stance-strength sweep of ``result.inputs``
        when None.
    **options
        ``fig``, ``scale``, ``figsize`` (default 14.5 × 7.6 inch) and ``dpi``
        (:class:`FigureOptions`).

    Returns
    -------
    Panels
        With the panels ``body`` (:func:`~gluteed.view.draw_body`), ``share``
        (:func:`~gluteed.view.draw_share`) and ``curve`` (:func:`~gluteed.view.draw_curve`).
    """
    require_one_stance(result)
    if sweep is None:
        sweep = sweep_stance(result.inputs)
    panels = _compose(
        options,
        _STANCE,
        {
            "body": lambda ax, look: draw_body(result, ax, **look),
            "share": lambda ax, look: draw_share(result, ax, **look),
            "curve": lambda ax, look: draw_curve(sweep, current=result, ax=ax, **look),
        },
    )
    panels.figure.get_layout_engine().set(w_pad=0.08, h_pad=0.1, wspace=0.04, hspace=0.06)
    return panels


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
    result: BendResult, sweep: Sweep | None = None, **options: Unpack[FigureOptions]
) -> Panels:
    """The side view of a bend and lumbar/hip flexion against the AKE deficit.

    Parameters
    ----------
    result : gluteed.BendResult
        One scenario.
    sweep : Sweep, optional
        From :func:`~gluteed.sweeps.sweep_bend`; the AKE sweep of
        ``result.inputs`` when None.
    **options
        ``fig``, ``scale``, ``figsize`` (default 14.5 × 7.2 inch) and ``dpi``
        (:class:`FigureOptions`).

    Returns
    -------
    Panels
        With the panels ``diagram`` (:func:`~gluteed.view.draw_bend`) and ``curve``
        (:func:`~gluteed.view.draw_curve` of the ``BEND_OUTPUTS``).
    """
    require_one_bend(result)
    if sweep is None:
        sweep = sweep_bend(result.inputs)

    def curve(ax: Axes, look: dict) -> Artists:
        return draw_curve(sweep, BEND_OUTPUTS, current=result, ax=ax, **look)

    draws = {"diagram": lambda ax, look: draw_bend(result, ax, **look), "curve": curve}
    return _compose(options, _BEND, draws)


def update_bend_panels(panels: Panels, result: BendResult, sweep: Sweep | None = None) -> bool:
    """Update the bend panels in place; True when the background must be redrawn."""
    return panels.refresh(
        {
            "diagram": lambda part: update_bend(part, result),
            "curve": lambda part: update_curve(part, result, sweep=sweep),
        }
    )


def draw_walk_panels(
    walk: WalkResult, current_pct: float = 25.0, **options: Unpack[FigureOptions]
) -> Panels:
    """The body at one moment of the stride and the gait-cycle plot.

    Parameters
    ----------
    walk : gluteed.WalkResult
    current_pct : float
        The moment to draw, 0 to 100 % of the stride
        (:func:`~gluteed.sweeps.walk_frame`). [%]
    **options
        ``fig``, ``scale``, ``figsize`` (default 14.5 × 7.6 inch) and ``dpi``
        (:class:`FigureOptions`).

    Returns
    -------
    Panels
        With the panels ``body`` (:func:`~gluteed.view.draw_body` of the moment's
        frame) and ``gait`` (:func:`~gluteed.view.draw_gait`).
    """
    frame = walk_frame(walk, current_pct)

    def gait(ax: Axes, look: dict) -> Artists:
        return draw_gait(walk, ax, current_pct=current_pct, **look)

    return _compose(
        options, _WALK, {"body": lambda ax, look: draw_body(frame, ax, **look), "gait": gait}
    )


def update_walk_panels(panels: Panels, walk: WalkResult, current_pct: float) -> bool:
    """Update the walking panels in place; True when the background must be redrawn."""
    return panels.refresh(
        {
            "body": lambda part: update_body(part, walk_frame(walk, current_pct)),
            "gait": lambda part: update_gait(part, walk, current_pct),
        }
    )
