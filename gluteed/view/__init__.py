"""Figures of the models, drawn once and updated in place (matplotlib).

Every figure comes as a pair of functions: ``draw_X(...)`` draws it and
returns an :class:`Artists` record; ``update_X(artists, ...)`` moves,
resizes, recolours and relabels the *same* artists for a new result. This is
what makes a slider feel instant: the widget layer (:mod:`gluteed.widgets`)
calls the model, then ``update_X``, then redraws. Every record carries
``summary``, one line with the numbers drawn (:mod:`gluteed.text`), so each
figure can also be read without the picture (screen readers, printed
handouts, tests). The view draws what the model layer computed; the sweeps
and the moments of a stride are solved in :mod:`gluteed.sweeps`.

The figures, one module each
----------------------------
``body``: ``draw_body(result)`` / ``update_body(artists, result)``
    The person seen from behind (the person's right on the viewer's right):
    pelvis, trunk, head, arms, femurs and feet in the subject's proportions,
    the trunk turned by the solved lean and the pelvis by the solved drop,
    the stance foot on the floor under the body (where each part is:
    ``body_geometry.body_points``). Muscles are bands whose colour *and*
    width grow with activation (a thick outline at 100 % of capacity, which
    no muscle exceeds); a posture that cannot be held fades behind a message
    that says so. Force arrows are to scale (``FORCE_SCALE_PER_BW`` of
    stature per body weight) and labelled in N and × body weight: hip
    abductors, hip joint reaction on the pelvis, hip adductors, left and
    right lower back, body weight, bag and cane.
``share``: ``draw_share(result)`` / ``update_share(artists, result)``
    Load-share bars: stance-side hip abductors against each side of the
    lower back, in × body weight, each with its own colour, hatch and label.
``strength``: ``draw_curve(sweep, current=result)`` / ``update_curve(artists, result, sweep=None)``
    Any outputs of a :class:`Sweep` (made by :func:`sweep_stance`; by
    default the three forces of the share chart against the stance leg's
    gluteus medius strength), each with its own colour *and* line style and
    marker, the current setting marked and the range that cannot be held
    hatched.
``bend``: ``draw_bend(bend)`` / ``update_bend(artists, bend)``
    A forward bend seen from the side (``gluteed.solve_bend``): pelvic tilt
    (hip flexion) against lumbar flexion, the hamstrings hatched where their
    stretch carries more than their own effort.
``gait``: ``draw_gait(walk, current_pct=...)`` / ``update_gait(artists, walk, pct)``
    One stride (``gluteed.solve_walk``): each glute med and each side of the
    lower back over the gait cycle, foot contacts and double support.
``layout``: ``draw_panels`` / ``update_panels``, ``draw_bend_panels``, ``draw_walk_panels``
    The dashboards' figures, several panels in one
    :class:`~matplotlib.figure.Figure` not managed by pyplot, held by one
    class, :class:`Panels`; where and how large they are drawn is one set of
    keyword options, :class:`FigureOptions`.
``png``: :class:`FastPNG` and :func:`figure_png`
    Redraw only what changed and encode PNG bytes for a browser (the
    dashboards' fast path).

Colours and text sizes are in ``style`` (the Okabe & Ito 2008
colour-blind-safe set; no meaning is carried by colour alone). Text and
lines are sized for a projector; ``scale`` enlarges all text.

Example
-------
>>> import gluteed
>>> from gluteed import view
>>> body = view.draw_body(gluteed.solve_stance(glute_med_strength_right=30))
>>> view.update_body(body, gluteed.solve_stance(glute_med_strength_right=60))
>>> body.summary  # doctest: +ELLIPSIS
'Standing on the right leg · R glute med 60 % strength...'

References
----------
Okabe M, Ito K (2008) Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people. J*Fly,
https://jfly.uni-koeln.de/color/.
Winter DA (2009) Biomechanics and Motor Control of Human Movement, 4th ed.,
Wiley, ISBN 978-0-470-39818-0, Fig. 4.1 (segment lengths as fractions of
stature, after Drillis R, Contini R 1966, Body segment parameters, Report
1166-03, New York University).
"""

from __future__ import annotations

from ..sweeps import SWEEP_PARAMETERS, Sweep, sweep_bend, sweep_stance, walk_frame
from ..text import bend_summary_line, summary_line, walk_summary_line
from .artists import Artists
from .bend import bend_points, draw_bend, update_bend
from .body import draw_body, update_body, value_line
from .body_geometry import body_points
from .gait import GAIT_OUTPUTS, draw_gait, update_gait
from .layout import (
    BendPanels,
    FigureOptions,
    Panels,
    WalkPanels,
    draw_bend_panels,
    draw_panels,
    draw_walk_panels,
    update_bend_panels,
    update_panels,
    update_walk_panels,
)
from .png import FastPNG, figure_png
from .share import draw_share, update_share
from .strength import BEND_OUTPUTS, DEFAULT_OUTPUTS, OUTPUT_LABELS, draw_curve, update_curve
from .style import ACTIVATION_CMAP, FORCE_SCALE_PER_BW, OKABE_ITO, STYLES, activation_colour

__all__ = [
    "ACTIVATION_CMAP",
    "BEND_OUTPUTS",
    "DEFAULT_OUTPUTS",
    "FORCE_SCALE_PER_BW",
    "GAIT_OUTPUTS",
    "OKABE_ITO",
    "OUTPUT_LABELS",
    "STYLES",
    "SWEEP_PARAMETERS",
    "Artists",
    "BendPanels",
    "FastPNG",
    "FigureOptions",
    "Panels",
    "Sweep",
    "WalkPanels",
    "activation_colour",
    "bend_points",
    "bend_summary_line",
    "body_points",
    "draw_bend",
    "draw_bend_panels",
    "draw_body",
    "draw_curve",
    "draw_gait",
    "draw_panels",
    "draw_share",
    "draw_walk_panels",
    "figure_png",
    "summary_line",
    "sweep_bend",
    "sweep_stance",
    "update_bend",
    "update_bend_panels",
    "update_body",
    "update_curve",
    "update_gait",
    "update_panels",
    "update_share",
    "update_walk_panels",
    "value_line",
    "walk_frame",
    "walk_summary_line",
]
