"""Colours, line styles and text sizes shared by every figure.

Colours are the Okabe & Ito (2008) colour-blind-safe set, and no meaning is
carried by colour alone (labels, line styles, markers, hatching). Text and
lines are sized for a projector; every ``draw_X`` takes ``scale`` to enlarge
all text.

References
----------
Okabe M, Ito K (2008) Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people. J*Fly,
https://jfly.uni-koeln.de/color/.
"""

from __future__ import annotations

import functools

import matplotlib as mpl

__all__ = [
    "ACTIVATION_CMAP",
    "ACTIVATION_RANGE",
    "BASE_FONT",
    "FORCE_SCALE_PER_BW",
    "OKABE_ITO",
    "STYLES",
    "activation_colour",
]

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

#: One style per quantity, shared by every figure: colour, hatch (bars), line
#: style and marker (curves). Colour is never the only carrier: every use
#: also has a text label.
STYLES = {
    "abductors": dict(color=OKABE_ITO["blue"], hatch="//", linestyle="-", marker="o"),
    "lumbar_contralateral": dict(
        color=OKABE_ITO["vermillion"], hatch="xx", linestyle="--", marker="s"
    ),
    "lumbar_ipsilateral": dict(
        color=OKABE_ITO["bluish_green"], hatch="..", linestyle=":", marker="^"
    ),
    "hip_contact": dict(color=OKABE_ITO["black"], hatch="", linestyle="-.", marker="D"),
    "adductors": dict(color=OKABE_ITO["sky_blue"], hatch="\\\\", linestyle="-", marker="v"),
    "body_weight": dict(color="#555555", hatch="", linestyle=(0, (1, 1)), marker="v"),
    "bag": dict(color=OKABE_ITO["reddish_purple"], hatch="..", linestyle="-", marker="P"),
    "cane": dict(color=OKABE_ITO["orange"], hatch="", linestyle="-", marker="X"),
}

#: Muscle bands: colour from pale (resting) to dark (100 % of capacity) on a
#: perceptually uniform map whose lightness alone carries the value, so it
#: reads in grey scale and with any colour-vision deficiency. The band width
#: grows with activation too.
ACTIVATION_CMAP = "magma_r"
#: Part of the colour map used, pale to dark. [-]
ACTIVATION_RANGE = (0.04, 0.85)

#: Drawing scale of the force arrows: arrow length per body weight, as a
#: fraction of stature. ASSUMPTION (a drawing choice): 0.1 keeps the largest
#: force, the hip joint reaction of about 2.7 BW, inside the picture. Being a
#: fraction of stature per body weight, the drawing is the same for every
#: body size, like the model's forces in × body weight. [-/BW]
FORCE_SCALE_PER_BW = 0.10

#: Text size of a figure at ``scale`` 1; the dashboards draw at 72 dpi, so
#: 14 pt = 14 px. [pt]
BASE_FONT = 14.0


def activation_colour(activation_pct: float) -> tuple[float, float, float, float]:
    """Band colour for a muscle activation. [%] -> RGBA."""
    lo, hi = ACTIVATION_RANGE
    u = min(max(float(activation_pct) / 100.0, 0.0), 1.0)
    return _activation_map()(lo + (hi - lo) * u)


@functools.cache
def _activation_map() -> mpl.colors.Colormap:
    """The activation colour map, looked up once (the registry hands out a new copy each time)."""
    return mpl.colormaps[ACTIVATION_CMAP]
