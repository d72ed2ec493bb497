"""Figures of the stance model, drawn once and updated in place (matplotlib).

Every figure comes as a pair of functions: ``draw_X(...)`` draws it and
returns an :class:`Artists` record; ``update_X(artists, ...)`` moves,
resizes, recolours and relabels the *same* artists for a new result. This is
what makes a slider feel instant: the widget layer (:mod:`gluteed.widgets`)
calls the model, then ``update_X``, then redraws. Every record carries
``summary``, one line with the numbers drawn, so each figure can also be read
without the picture (screen readers, printed handouts, tests).

The figures
-----------
``draw_body(result)`` / ``update_body(artists, result)``
    The person seen from behind (the person's right on the viewer's right):
    pelvis, trunk, head, arms, femurs and feet in the subject's proportions,
    the trunk turned by the solved lean and the pelvis by the solved drop,
    the stance foot on the floor under the body. Muscles are bands whose
    colour *and* width grow with activation (a thick outline at 100 % of
    capacity, which no muscle exceeds); a posture that cannot be held fades
    behind a message that says so. Force arrows are to scale (``FORCE_SCALE_PER_BW`` of stature
    per body weight) and labelled in N and × body weight: hip abductors, hip
    joint reaction on the pelvis, hip adductors, left and right lower back,
    body weight, bag and cane.
``draw_share(result)`` / ``update_share(artists, result)``
    Load-share bars: stance-side hip abductors against each side of the
    lower back, in × body weight, each with its own colour, hatch and label.
``draw_curve(sweep, current=result)`` / ``update_curve(artists, result, sweep=None)``
    Any outputs of a :class:`Sweep` (made by :func:`sweep_stance`; by
    default the three forces of the share chart against the stance leg's
    gluteus medius strength), each with its own colour *and* line style and
    marker, the current setting marked and the range that cannot be held
    hatched.
``draw_panels(result)`` / ``update_panels(panels, result, sweep=None)``
    The dashboard figure, the three in one :class:`~matplotlib.figure.Figure`
    not managed by pyplot. :class:`FastPNG` redraws only what changed and
    encodes PNG bytes for a browser (the dashboards' fast path).
``draw_bend(bend)`` / ``update_bend(artists, bend)``
    A forward bend seen from the side (``gluteed.solve_bend``): pelvic tilt
    (hip flexion) against lumbar flexion, the hamstrings hatched where their
    stretch carries more than their own effort. ``sweep_bend`` and
    ``draw_bend_panels`` add lumbar and hip flexion against the AKE deficit.
``draw_gait(walk, current_pct=...)`` / ``update_gait(artists, walk, pct)``
    One stride (``gluteed.solve_walk``): each glute med and each side of the
    lower back over the gait cycle, foot contacts and double support.
    ``walk_frame(walk, pct)`` turns a moment of the stride into a stance
    result for ``draw_body``; ``draw_walk_panels`` shows both.

Colours are the Okabe & Ito (2008) colour-blind-safe set, and no meaning is
carried by colour alone (labels, line styles, markers, hatching). Text and
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

import io
import os
import struct
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, FancyArrow, Polygon, Rectangle
from matplotlib.transforms import ScaledTranslation

from ._files import write_bytes_file
from .anthropometry import (
    ABDUCTOR_LINE_FROM_VERTICAL_DEG,
    ADDUCTOR_LINE_FROM_VERTICAL_DEG,
    GRAVITY,
    body_model,
)
from .parameters import parameter as _parameter
from .stance import DROP_VISIBLE_DEG, StanceInput, StanceResult, solve_stance

__all__ = [
    "ACTIVATION_CMAP",
    "BEND_OUTPUTS",
    "DEFAULT_OUTPUTS",
    "FORCE_SCALE_PER_BW",
    "GAIT_OUTPUTS",
    "OKABE_ITO",
    "STYLES",
    "Artists",
    "BendPanels",
    "FastPNG",
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
    "walk_frame",
    "walk_summary_line",
]

# ----------------------------------------------------------------- style ---
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
_ACTIVATION_RANGE = (0.04, 0.85)  # part of the colour map used: pale to dark

#: Drawing scale of the force arrows: arrow length per body weight, as a
#: fraction of stature. ASSUMPTION (a drawing choice): 0.1 keeps the largest
#: force, the hip joint reaction of about 2.7 BW, inside the picture. Being a
#: fraction of stature per body weight, the drawing is the same for every
#: body size, like the model's forces in × body weight. [-/BW]
FORCE_SCALE_PER_BW = 0.10

# Drawing proportions, fractions of stature (Drillis & Contini 1966, in
# Winter 2009, Fig. 4.1): greater trochanter (taken as the hip centre)
# 0.530, knee 0.285, ankle 0.039, shoulder 0.818, wrist 0.485, chin 0.870,
# hand length 0.108, foot breadth 0.055, hip breadth 0.191, chest breadth
# 0.174. [-]
_HIP_HEIGHT = 0.530
_KNEE_HEIGHT = 0.285
_ANKLE_HEIGHT = 0.039
_SHOULDER_TO_WRIST = 0.818 - 0.485
_SHOULDER_TO_CHIN = 0.870 - 0.818
_HEAD_LENGTH = 1.0 - 0.870
_HAND_LENGTH = 0.108
_FOOT_BREADTH = 0.055
_HIP_HALF_BREADTH = 0.191 / 2
_CHEST_HALF_BREADTH = 0.174 / 2
# ASSUMPTION (drawing only): the swing foot clears the floor by 6 % of
# stature (a flexed swing knee, foreshortened in the frontal view); the head
# is 75 % as broad as long; the waist half-breadth is 0.075 of stature.
_SWING_CLEARANCE = 0.06
_HEAD_BREADTH_RATIO = 0.75
_WAIST_HALF_BREADTH = 0.075

# Muscle attachments for the drawing, fractions of stature, x toward the
# swing side from the stance hip, y up. ASSUMPTION (schematic): chosen so
# that the gluteus medius band lies along the model's abductor line of
# action and the bands do not overlap; the model's moment arms are those of
# ``gluteed.body_model``, not these.
_GLUTE_MED_INSERTION = (-0.045, -0.012)  # greater trochanter, on the femur
_GLUTE_MED_LENGTH = 0.085
_TFL_ORIGIN = (-0.06, 0.045)  # anterior iliac spine region, on the pelvis
_TFL_INSERTION = (-0.058, -0.17)  # iliotibial band on the lateral thigh
_ADDUCTOR_ORIGIN = (-0.012, -0.05)  # pubis, from the midline, on the pelvis
_ADDUCTOR_INSERTION = (0.012, -0.17)  # medial femur, on the femur
_LUMBAR_LATERAL = 0.035  # both bands, from the midline
_LUMBAR_BOTTOM = 0.092  # on the iliac crest, above the hip line (pelvis)
_LUMBAR_TOP = 0.125  # on the trunk, above L5-S1

# Drawing window in stature units (every body fills it the same way).
_X_LIMIT = 0.7
_Y_LIMITS = (-0.1, 1.22)

_BASE_FONT = 14.0  # [pt]; the dashboards draw at 72 dpi, so 14 pt = 14 px


def activation_colour(activation_pct: float) -> tuple[float, float, float, float]:
    """Band colour for a muscle activation. [%] -> RGBA."""
    lo, hi = _ACTIVATION_RANGE
    u = float(np.clip(activation_pct / 100.0, 0.0, 1.0))
    return mpl.colormaps[ACTIVATION_CMAP](lo + (hi - lo) * u)


# -------------------------------------------------------------- records ---
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
        load appearing); :class:`FastPNG` keeps them in its background.
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


def _scalar(result: StanceResult) -> None:
    if not isinstance(result, StanceResult):
        raise ValueError(f"expected a StanceResult; got {type(result).__name__}")
    if np.ndim(result.trunk_lean_deg) != 0:
        raise ValueError("the figures draw one scenario; index the batch first")


def _one_scenario(result) -> None:
    if np.ndim(getattr(result, "cost", None)) != 0:
        raise ValueError("the figures draw one scenario; index the batch first")


def _other(side: str) -> str:
    return "left" if side == "right" else "right"


def _new_axes(figsize: tuple[float, float]) -> Axes:
    """Axes on a new pyplot figure, for drawing outside a dashboard."""
    import matplotlib.pyplot as plt

    _fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _fixed(artist: Artist) -> Artist:
    """Keep an artist out of the automatic layout (positions stay put)."""
    artist.set_in_layout(False)
    return artist


# -------------------------------------------------------------- summary ---
def summary_line(result: StanceResult) -> str:
    """One line with the main numbers of one stance result.

    Readable without any figure; the dashboards show it with the picture.
    Forces in × body weight, angles in degrees, activations in percent of
    capacity.
    """
    _scalar(result)
    inp = result.inputs
    side, other = result.stance_side, _other(result.stance_side)
    s, o = side[0].upper(), other[0].upper()
    flag = ""
    if not bool(result.feasible):
        flag = f" · CANNOT BE HELD: {result.reason}"
    elif bool(result.trendelenburg):
        flag = " · the abductors work at 100 %: the pelvis drops until stretched tissue holds it"
    return (
        f"Standing on the {side} leg · {s} glute med {float(inp.stance_strength_pct):.0f} % "
        f"strength, working at {float(result.glute_med_activation_pct):.0f} % "
        f"(min/TFL {float(result.glute_min_tfl_activation_pct):.0f} %) · "
        f"hip abductors {float(result.abductor_force_bw):.2f} × BW · "
        f"{o} lower back {float(result.lumbar_contralateral_force_bw):.2f} × BW · "
        f"{s} lower back {float(result.lumbar_ipsilateral_force_bw):.2f} × BW · "
        f"trunk lean {float(result.trunk_lean_deg):.1f}° · "
        f"pelvic drop {round(float(result.pelvic_drop_deg), 1) + 0.0:.1f}° · "
        f"hip joint {float(result.hip_contact_force_bw):.2f} × BW{flag}"
    )


# ------------------------------------------------------------- geometry ---
def _rotation(deg: float) -> np.ndarray:
    a = np.radians(deg)
    return np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])


def body_points(result: StanceResult) -> dict:
    """Where everything of the body diagram is, in metres.

    Parameters
    ----------
    result : StanceResult
        One scenario.

    Returns
    -------
    dict
        Points (shape (2,)) and outlines (shape (n, 2)) in metres, seen from
        behind: x to the viewer's right (the person's right), y up from the
        floor, the pelvis midline at x = 0 when the pelvis is level. Keys
        include ``pelvis``, ``trunk``, ``trunk_axis`` (L5-S1 to the head
        centre), ``hip_stance``, ``hip_swing``, ``l5s1``, ``com``,
        ``muscles`` (name -> two attachment points) and ``forces`` (name ->
        (tail, tip, newtons)) for ``abductors``, ``hip_contact``,
        ``adductors``, ``lumbar_contralateral``, ``lumbar_ipsilateral``,
        ``body_weight``, ``bag`` and ``cane``. ``screen_sign`` is +1 when
        the model's x axis (toward the swing side) points to the viewer's
        right.

    Notes
    -----
    The geometry is the model's: the stance leg leaning in by
    ``stance_femur_adduction_deg`` so that its foot is under the body, the
    pelvis turned about the stance hip by ``pelvic_drop_deg``, the trunk
    turned about L5-S1 by ``trunk_lean_deg``, the hands hanging at the
    model's hand offset from the trunk axis. Outlines (pelvis, trunk, head,
    feet) and muscle attachments are schematic.
    """
    _scalar(result)
    inp = result.inputs
    body = body_model(inp.subject)
    h = float(body.height_m)
    el = float(body.half_hip_distance_m)
    hl = float(body.l5s1_height_m)
    lean = float(result.trunk_lean_deg)
    drop = float(result.pelvic_drop_deg)
    # Seen from behind, the person's right is on the viewer's right; the
    # model's x points to the swing side.
    sign = 1.0 if inp.stance_side == "left" else -1.0
    hip_y = _HIP_HEIGHT * h
    pelvis_rotation = _rotation(-drop)  # a positive drop lowers the swing side (+x)
    sl, cl = np.sin(np.radians(lean)), np.cos(np.radians(lean))
    up = np.array([-sl, cl])  # trunk axis, leaning toward the stance side (-x)
    across = np.array([cl, sl])  # across the trunk, toward the swing side

    def screen(points) -> np.ndarray:
        p = np.atleast_2d(np.asarray(points, dtype=float))
        return np.column_stack((sign * (p[:, 0] - el), p[:, 1] + hip_y))

    def on_pelvis(points) -> np.ndarray:
        return np.atleast_2d(np.asarray(points, dtype=float)) @ pelvis_rotation.T

    def pelvis_h(points) -> np.ndarray:
        """Pelvis points given from the midline, in fractions of stature."""
        p = np.atleast_2d(np.asarray(points, dtype=float)) * h
        return on_pelvis(p + np.array([el, 0.0]))

    l5 = on_pelvis([el, hl])[0]

    def on_trunk(points) -> np.ndarray:
        """Trunk points given as (across, along) from L5-S1, in fractions of stature."""
        p = np.atleast_2d(np.asarray(points, dtype=float)) * h
        return l5 + p[:, :1] * across + p[:, 1:2] * up

    out: dict = {"screen_sign": sign, "height_m": h}

    # Pelvis: a schematic outline, symmetric about the midline.
    half = [
        (0.0, 0.0875),
        (-0.03, 0.097),
        (-0.075, 0.1),
        (-_HIP_HALF_BREADTH, 0.085),
        (-0.085, 0.035),
        (-0.068, 0.012),
        (-0.064, -0.02),
        (-0.045, -0.05),
        (-0.012, -0.056),
        (0.0, -0.05),
    ]
    outline = half + [(-x, y) for x, y in reversed(half[1:-1])]
    out["pelvis"] = screen(pelvis_h(outline))
    stance_hip = np.array([0.0, 0.0])
    swing_hip = on_pelvis([2 * el, 0.0])[0]
    out["hip_stance"] = screen(stance_hip)[0]
    out["hip_swing"] = screen(swing_hip)[0]
    out["l5s1"] = screen(l5)[0]
    out["pelvis_axis"] = screen([stance_hip, swing_hip])
    out["level_reference"] = screen([stance_hip, [2 * el, 0.0]])

    # Legs: the stance leg leans in so that its foot is under the body (the
    # model's stance-femur adduction), its foot on the floor; the swing leg
    # hangs from the swing hip with its foot off the floor.
    knee_drop = (_HIP_HEIGHT - _KNEE_HEIGHT) * h
    ankle_drop = (_HIP_HEIGHT - _ANKLE_HEIGHT) * h
    inward = np.tan(np.radians(float(result.stance_femur_adduction_deg)))
    foot_x = inward * ankle_drop
    out["leg_stance"] = screen(
        [stance_hip, [inward * knee_drop, -knee_drop], [foot_x, -ankle_drop]]
    )
    swing_knee = swing_hip + np.array([0.0, -knee_drop])
    swing_ankle_y = -hip_y + (_ANKLE_HEIGHT + _SWING_CLEARANCE) * h
    out["leg_swing"] = screen([swing_hip, swing_knee, [swing_hip[0], swing_ankle_y]])
    fb, fh = _FOOT_BREADTH * h / 2, _ANKLE_HEIGHT * h

    def foot(x: float, ankle_y: float) -> np.ndarray:
        return screen(
            [
                [x - 0.6 * fb, ankle_y],
                [x + 0.6 * fb, ankle_y],
                [x + fb, ankle_y - fh],
                [x - fb, ankle_y - fh],
            ]
        )

    out["foot_stance"] = foot(foot_x, -ankle_drop)
    out["foot_swing"] = foot(float(swing_hip[0]), swing_ankle_y)

    # Trunk, neck and head: one rigid body turned about L5-S1.
    sh = float(body.shoulder_height_m) / h
    ho = float(body.hand_offset_m) / h
    trunk_half = [
        (-_WAIST_HALF_BREADTH - 0.005, 0.0),
        (-_WAIST_HALF_BREADTH, 0.09),
        (-_CHEST_HALF_BREADTH, 0.17),
        (-ho, sh - 0.012),
        (-ho + 0.02, sh + 0.012),
        (-0.028, sh + 0.018),
        (-0.022, sh + _SHOULDER_TO_CHIN + 0.01),
    ]
    trunk_outline = trunk_half + [(-x, y) for x, y in reversed(trunk_half)]
    out["trunk"] = screen(on_trunk(trunk_outline))
    head_along = sh + _SHOULDER_TO_CHIN + _HEAD_LENGTH / 2
    out["head_centre"] = screen(on_trunk([(0.0, head_along)]))[0]
    out["head_size"] = (_HEAD_BREADTH_RATIO * _HEAD_LENGTH * h, _HEAD_LENGTH * h)
    out["head_angle_deg"] = sign * lean
    out["trunk_axis"] = screen(on_trunk([(0.0, 0.0), (0.0, head_along)]))
    out["vertical_reference"] = screen([l5, l5 + np.array([0.0, head_along * h])])

    # Arms hang from the shoulders (the model's hands are at the shoulders'
    # lateral position); the bag hangs from one hand, the cane stands under
    # the swing-side hand.
    hands = {}
    for name, b in (("arm_stance", -ho), ("arm_swing", ho)):
        shoulder = on_trunk([(b, sh - 0.012)])[0]
        wrist = shoulder + np.array([0.0, -_SHOULDER_TO_WRIST * h])
        tip = wrist + np.array([0.0, -_HAND_LENGTH * h])
        out[name] = screen([shoulder, wrist, tip])
        hands[name] = (wrist, tip)
    bag_top = hands["arm_swing" if inp.bag_side == "opposite" else "arm_stance"][1]
    bag_kg = float(inp.bag_kg)
    bag_size = 0.05 * h * (0.6 + 0.4 * np.sqrt(bag_kg / 10.0)) if bag_kg > 0 else 0.0
    corners = np.array([[-0.5, 0.0], [0.5, 0.0], [0.5, -1.0], [-0.5, -1.0]])
    out["bag"] = screen(bag_top + bag_size * corners)
    cane_hand = hands["arm_swing"][0]
    out["cane"] = screen([cane_hand, [cane_hand[0], -hip_y]])

    # Muscles (schematic attachments).
    gm_insertion = np.array(_GLUTE_MED_INSERTION) * h
    abd = np.radians(ABDUCTOR_LINE_FROM_VERTICAL_DEG)
    abd_pull = np.array([-np.sin(abd), -np.cos(abd)])  # on the pelvis: down and lateral
    gm_origin = on_pelvis(gm_insertion - _GLUTE_MED_LENGTH * h * abd_pull)[0]
    add = np.radians(ADDUCTOR_LINE_FROM_VERTICAL_DEG)
    add_pull = np.array([-np.sin(add), -np.cos(add)])  # on the pelvis: down, toward the femur
    add_origin = pelvis_h([_ADDUCTOR_ORIGIN])[0]
    muscles = {
        "glute_med": screen([gm_origin, gm_insertion]),
        "glute_min_tfl": screen(
            [on_pelvis(np.array(_TFL_ORIGIN) * h)[0], np.array(_TFL_INSERTION) * h]
        ),
        "hip_adductors": screen([add_origin, np.array(_ADDUCTOR_INSERTION) * h]),
    }
    lumbar = {}
    for role, b in (("contralateral", _LUMBAR_LATERAL), ("ipsilateral", -_LUMBAR_LATERAL)):
        bottom = pelvis_h([(b, _LUMBAR_BOTTOM)])[0]
        top = on_trunk([(b, _LUMBAR_TOP)])[0]
        lumbar[role] = top
        muscles[f"lumbar_{role}"] = screen([bottom, top])
    out["muscles"] = muscles

    # Forces to scale: (tail, tip, newtons) in metres.
    bw = float(result.body_weight_n)
    per_newton = FORCE_SCALE_PER_BW * h / bw  # metres of arrow per newton

    def pushing_from(tail, direction, newtons: float) -> tuple:
        direction = np.asarray(direction, dtype=float)
        direction = direction / np.hypot(*direction)
        tip = np.asarray(tail, dtype=float) + direction * newtons * per_newton
        t, p = screen([tail, tip])
        return (t, p, newtons)

    def pushing_onto(tip, direction, newtons: float) -> tuple:
        direction = np.asarray(direction, dtype=float)
        direction = direction / np.hypot(*direction)
        tail = np.asarray(tip, dtype=float) - direction * newtons * per_newton
        t, p = screen([tail, tip])
        return (t, p, newtons)

    forces = {
        "abductors": pushing_from(gm_origin, abd_pull, float(result.abductor_force_n)),
        "adductors": pushing_from(add_origin, add_pull, float(result.hip_adductor_force_n)),
    }
    hip_force = np.array([float(result.hip_contact_force_x_n), float(result.hip_contact_force_y_n)])
    hip_n = float(np.hypot(*hip_force))
    forces["hip_contact"] = pushing_onto(stance_hip, hip_force if hip_n > 0 else [0, 1], hip_n)
    for role in ("contralateral", "ipsilateral"):
        outward = across * 0.02 * h * (1 if role == "contralateral" else -1)
        newtons = float(getattr(result, f"lumbar_{role}_force_n"))
        forces[f"lumbar_{role}"] = pushing_from(lumbar[role] + outward, -up, newtons)
    masses = (
        (float(body.trunk_mass_kg), l5 + float(body.trunk_com_m) * up),
        (float(body.pelvis_mass_kg), on_pelvis([el, float(body.pelvis_com_height_m)])[0]),
        (float(body.leg_mass_kg), np.array([0.0, -float(body.leg_com_below_hip_m)])),
        (float(body.leg_mass_kg), swing_hip + np.array([0.0, -float(body.leg_com_below_hip_m)])),
    )
    com = sum(m * p for m, p in masses) / sum(m for m, _ in masses)
    out["com"] = screen(com)[0]
    load = float(inp.vertical_load_factor)
    forces["body_weight"] = pushing_from(com, [0.0, -1.0], bw * load)
    forces["bag"] = pushing_from(
        bag_top - [0.0, bag_size / 2], [0.0, -1.0], bag_kg * GRAVITY * load
    )
    cane_n = float(inp.cane_pct_bw) / 100.0 * bw
    forces["cane"] = pushing_onto(cane_hand, [0.0, 1.0], cane_n)
    out["forces"] = forces
    return out


# ----------------------------------------------------------------- body ---
# Label columns of the body diagram, in axes fractions: labels start at the
# inner edge of a column (next to the body) and a leader line runs from
# there to the middle of the arrow. Slot: force -> (column, top of label).
_COLUMN_EDGE = (_X_LIMIT - 0.19) / (2 * _X_LIMIT)  # left column ends here; right starts at 1 - this
_SLOTS = {
    "lumbar_ipsilateral": ("stance", 0.84),
    "abductors": ("stance", 0.65),
    "hip_contact": ("stance", 0.45),
    "adductors": ("stance", 0.30),
    "bag_same": ("stance", 0.15),
    "lumbar_contralateral": ("swing", 0.84),
    "drop": ("swing", 0.65),
    "cane": ("swing", 0.47),
    "body_weight": ("swing", 0.32),
    "bag_opposite": ("swing", 0.15),
}
_FORCES = (
    "abductors",
    "hip_contact",
    "adductors",
    "lumbar_left",
    "lumbar_right",
    "body_weight",
    "bag",
    "cane",
)
_ALWAYS_SHOWN = ("abductors", "hip_contact", "lumbar_left", "lumbar_right", "body_weight")
_BANDS = ("glute_med", "glute_min_tfl", "hip_adductors", "lumbar_left", "lumbar_right")


#: Activation drawn as "at its capacity" (thick outline): 100 % less rounding. [%]
_AT_CAPACITY_PCT = 99.95

#: Opacity of a body that cannot hold the posture shown, and the labels that
#: stay fully drawn (the message and the captions that say why). [-]
_FADED_ALPHA = 0.25
_NEVER_FADED = frozenset({"over_label", "caption", "stance_label", "lean_title"})


def _warning_label(ax: Axes, xy: tuple[float, float], text: str, fs: float, *, ha: str, va: str):
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


def _band_polygon(ends: np.ndarray, width: float) -> np.ndarray:
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


#: Arrow body width and head size, in stature units.
_ARROW_SHAPE = dict(width=0.009, head_width=0.032, head_length=0.03)


def draw_body(
    result: StanceResult, ax: Axes | None = None, *, scale: float = 1.0, caption: bool = True
) -> Artists:
    """Draw the frontal-plane body diagram of one stance result.

    Parameters
    ----------
    result : StanceResult
        One scenario (not a batch).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new pyplot figure when None. The data units of
        the drawing are fractions of stature, so every body fills it alike
        (``artists.state["height_m"]`` converts to metres).
    scale : float
        Text size factor: 1 for a notebook, about 1.3 for a projector. [-]
    caption : bool
        Write the one-line summary under the drawing.

    Returns
    -------
    Artists
        ``items`` by name. Body: ``pelvis``, ``trunk``, ``head``,
        ``foot_stance``, ``foot_swing``, ``leg_stance``, ``leg_swing``,
        ``arm_stance``, ``arm_swing``, ``hip_stance``, ``hip_swing``,
        ``bag``, ``cane``; posture lines ``trunk_axis`` (L5-S1 to the head
        centre), ``vertical_reference``, ``pelvis_axis``,
        ``level_reference``; muscle bands ``band_<m>`` for ``glute_med``,
        ``glute_min_tfl``, ``hip_adductors``, ``lumbar_left``,
        ``lumbar_right``; per force ``<f>`` in ``abductors``,
        ``hip_contact``, ``adductors``, ``lumbar_left``, ``lumbar_right``,
        ``body_weight``, ``bag``, ``cane``: ``arrow_<f>``, ``title_<f>``,
        ``value_<f>`` (newtons) and ``bw_<f>`` (× body weight), with the
        fixed units ``unit_n_<f>`` and ``unit_bw_<f>`` (see
        :func:`value_line`); ``leaders`` (the lines from
        the labels to the arrows, one collection); texts
        ``abductor_activation``, ``lean_title``, ``lean_label`` (degrees,
        positive toward the stance side), ``title_drop``,
        ``value_drop``, ``stance_label``,
        ``over_label`` and ``caption``.
    """
    _scalar(result)
    if ax is None:
        ax = _new_axes((7.5, 7.8))
    fs = _BASE_FONT * scale
    ax.set_aspect("equal")
    ax.set_xlim(-_X_LIMIT, _X_LIMIT)
    ax.set_ylim(*_Y_LIMITS)
    ax.set_axis_off()
    for x, letter in ((0.0, "L"), (1.0, "R")):
        ax.text(
            x,
            1.0,
            letter,
            transform=ax.transAxes,
            fontsize=fs * 1.6,
            weight="bold",
            ha="left" if x == 0 else "right",
            va="top",
        )
    ax.text(
        0.5,
        1.0,
        "seen from behind",
        transform=ax.transAxes,
        fontsize=fs * 0.9,
        ha="center",
        va="top",
        style="italic",
    )
    keys = {}
    ax.axhline(0.0, color="black", linewidth=3.0, zorder=1)
    # Activation key: a small colour bar on the swing side (one per side, static).
    lo, hi = _ACTIVATION_RANGE
    for side, x in (("left", 0.02), ("right", 0.65)):
        key = ax.inset_axes((x, 0.01, 0.33, 0.022))
        key.imshow(
            (lo + (hi - lo) * np.linspace(0.0, 1.0, 64))[None, :],
            aspect="auto",
            extent=(0, 100, 0, 1),
            cmap=mpl.colormaps[ACTIVATION_CMAP],
            vmin=0.0,
            vmax=1.0,
        )
        key.set_yticks([])
        key.set_xticks([0, 50, 100])
        key.tick_params(labelsize=fs * 0.75, length=3, pad=1)
        key.set_title("muscle activation [%]", fontsize=fs * 0.75, pad=2)
        keys[side] = key

    skin = dict(facecolor="#ece7e1", edgecolor="#4d4d4d", linewidth=2.0)
    limb = dict(color="#9a9a9a", linewidth=10 * scale**0.5, solid_capstyle="round", zorder=1)
    dashed = dict(color="black", linewidth=1.8, linestyle=(0, (4, 3)))
    empty = np.zeros((3, 2))
    items: dict[str, Artist] = {}
    patch = ax.add_patch
    items["pelvis"] = patch(
        Polygon(empty, closed=True, zorder=3, **{**skin, "facecolor": "#f7f4ef"})
    )
    items["trunk"] = patch(Polygon(empty, closed=True, zorder=2, **skin))
    items["head"] = patch(Ellipse((0, 0), 0.1, 0.1, zorder=2, **skin))
    for name in ("leg_stance", "leg_swing", "arm_stance", "arm_swing"):
        (items[name],) = ax.plot([], [], **limb)
    for name in ("foot_stance", "foot_swing"):
        items[name] = patch(
            Polygon(empty, closed=True, zorder=1, facecolor="#9a9a9a", edgecolor="#4d4d4d")
        )
    for name in ("hip_stance", "hip_swing"):
        items[name] = patch(
            Circle((0, 0), 0.014, zorder=6, facecolor="white", edgecolor="black", linewidth=2)
        )
    (items["trunk_axis"],) = ax.plot([], [], color="black", linewidth=2.5, zorder=4)
    (items["vertical_reference"],) = ax.plot([], [], zorder=4, **dashed)
    (items["pelvis_axis"],) = ax.plot([], [], color="black", linewidth=2.5, zorder=6)
    (items["level_reference"],) = ax.plot([], [], zorder=6, **dashed)
    items["bag"] = patch(
        Polygon(
            empty,
            closed=True,
            zorder=5,
            facecolor=STYLES["bag"]["color"],
            edgecolor="black",
            hatch=STYLES["bag"]["hatch"],
        )
    )
    (items["cane"],) = ax.plot(
        [], [], color="#6b4f2a", linewidth=5, solid_capstyle="round", zorder=1
    )
    for name in _BANDS:
        items[f"band_{name}"] = patch(
            Polygon(np.zeros((6, 2)), closed=True, zorder=7, edgecolor="black")
        )
    for name in (*_FORCES, "drop"):
        if name != "drop":
            items[f"arrow_{name}"] = patch(
                FancyArrow(
                    0,
                    0,
                    0,
                    0,
                    length_includes_head=True,
                    edgecolor="white",
                    linewidth=1.0,
                    zorder=10,
                    **_ARROW_SHAPE,
                )
            )
        items[f"title_{name}"] = ax.text(
            0, 0, "", transform=ax.transAxes, fontsize=fs, weight="bold", va="top", zorder=12
        )
        # The value line "1234 N = 1.23 × BW" as a small table: the numbers
        # change on every update, the units only with the layout (drawing
        # fewer changing glyphs keeps a slider fast).
        parts = ("value",) if name == "drop" else _VALUE_PARTS
        for part in parts:
            items[f"{part}_{name}"] = ax.text(
                0,
                0,
                _VALUE_UNITS.get(part, ""),
                transform=_lines_below(ax, 1.2 * fs),
                fontsize=fs,
                va="top",
                ha="right",
                zorder=12,
            )
    items["leaders"] = ax.add_collection(LineCollection([], linewidths=1.3, zorder=9))
    items["abductor_activation"] = ax.text(
        0, 0, "", transform=_lines_below(ax, 2.4 * fs), fontsize=fs * 0.9, va="top", zorder=12
    )
    items["lean_title"] = ax.text(
        0.49,
        0.945,
        "trunk lean:",
        transform=ax.transAxes,
        fontsize=fs,
        ha="right",
        va="top",
        weight="bold",
        zorder=12,
    )
    items["lean_label"] = ax.text(
        0.5, 0.945, "", transform=ax.transAxes, fontsize=fs, ha="left", va="top", zorder=12
    )
    items["over_label"] = _warning_label(
        ax, (0.5, 0.897), "⚠ cannot stand on this leg without support", fs, ha="center", va="top"
    )
    items["stance_label"] = ax.text(
        0, -0.012, "", fontsize=fs, zorder=12, ha="center", va="top", weight="bold"
    )
    items["caption"] = ax.text(
        0.0, -0.01, "", transform=ax.transAxes, fontsize=fs * 0.8, va="top", wrap=True
    )
    items["caption"].set_visible(caption)
    for artist in items.values():
        _fixed(artist)
    static = {n for n in items if n.startswith(("title_", "unit_"))} | {
        "lean_title",
        "stance_label",
        "over_label",
        "caption",
    }
    artists = Artists(ax=ax, items=items, static=static, state={"scale": scale, "keys": keys})
    update_body(artists, result)
    return artists


def _lines_below(ax: Axes, points: float, right: float = 0.0):
    """Axes-fraction coordinates shifted down by ``points`` and right by ``right`` points."""
    return ax.transAxes + ScaledTranslation(right / 72.0, -points / 72.0, ax.figure.dpi_scale_trans)


#: Pieces of a force label's value line, in order, and their fixed texts;
#: the widest numbers the fields are made for.
_VALUE_PARTS = ("value", "unit_n", "bw", "unit_bw")
_VALUE_UNITS = {"unit_n": " N = ", "unit_bw": " × BW"}
_VALUE_WIDEST = {"value": "9999", "unit_n": " N = ", "bw": "9.99", "unit_bw": " × BW"}


def _text_width_pt(text: str, size: float) -> float:
    """Width of a text in the default font, in points."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    return text_to_path.get_text_width_height_descent(text, FontProperties(size=size), False)[0]


def _value_offsets(size: float, *, flows_right: bool) -> dict[str, float]:
    """Right-edge offsets (points) of the value-line pieces from the column edge."""
    offsets, x = {}, 0.0
    for part in _VALUE_PARTS:
        x += _text_width_pt(_VALUE_WIDEST[part], size)
        offsets[part] = x
    if not flows_right:  # the line ends at the column edge
        offsets = {part: x - offsets["unit_bw"] for part, x in offsets.items()}
    return offsets


def value_line(artists: Artists, name: str) -> str:
    """The value line of a force label as read, e.g. ``"909 N = 1.45 × BW"``."""
    it = artists.items
    return (
        f"{it[f'value_{name}'].get_text()}{it[f'unit_n_{name}'].get_text()}"
        f"{it[f'bw_{name}'].get_text()}{it[f'unit_bw_{name}'].get_text()}"
    )


def update_body(artists: Artists, result: StanceResult) -> None:
    """Move, resize, recolour and relabel the body diagram for a new result.

    No artist is created or removed; absent loads (no bag, no cane, idle
    adductors) are hidden. ``artists.state["layout_changed"]`` is True when
    a label that is drawn as background (titles, visibility, stance side)
    changed.
    """
    _scalar(result)
    pts = body_points(result)
    it = artists.items
    h = pts["height_m"]
    inp = result.inputs
    bw = float(result.body_weight_n)
    side, other = result.stance_side, _other(result.stance_side)

    def u(points) -> np.ndarray:  # metres -> stature units
        return np.asarray(points, dtype=float) / h

    for name in ("pelvis", "trunk", "foot_stance", "foot_swing", "bag"):
        it[name].set_xy(u(pts[name]))
    head = it["head"]
    head.set_center(tuple(u(pts["head_centre"])))
    head.width, head.height = (s / h for s in pts["head_size"])
    head.set_angle(pts["head_angle_deg"])
    for name in (
        "leg_stance",
        "leg_swing",
        "arm_stance",
        "arm_swing",
        "cane",
        "trunk_axis",
        "vertical_reference",
        "pelvis_axis",
        "level_reference",
    ):
        xy = u(pts[name])
        it[name].set_data(xy[:, 0], xy[:, 1])
    for name in ("hip_stance", "hip_swing"):
        it[name].set_center(tuple(u(pts[name])))
    it["bag"].set_visible(float(inp.bag_kg) > 0)
    it["cane"].set_visible(float(inp.cane_pct_bw) > 0)

    # Which side of the lower back plays which role.
    role = {
        "lumbar_left": "contralateral" if side == "right" else "ipsilateral",
        "lumbar_right": "ipsilateral" if side == "right" else "contralateral",
    }
    activation = {
        "glute_med": float(result.glute_med_activation_pct),
        "glute_min_tfl": float(result.glute_min_tfl_activation_pct),
        "hip_adductors": float(result.hip_adductor_activation_pct),
        "lumbar_left": float(getattr(result, f"lumbar_{role['lumbar_left']}_activation_pct")),
        "lumbar_right": float(getattr(result, f"lumbar_{role['lumbar_right']}_activation_pct")),
    }
    muscles = pts["muscles"]
    ends = {name: muscles[name] for name in ("glute_med", "glute_min_tfl", "hip_adductors")}
    ends["lumbar_left"] = muscles[f"lumbar_{role['lumbar_left']}"]
    ends["lumbar_right"] = muscles[f"lumbar_{role['lumbar_right']}"]
    for name, act in activation.items():
        band = it[f"band_{name}"]
        width = 0.008 + 0.022 * min(max(act, 0.0), 120.0) / 100.0  # [stature]
        band.set_xy(_band_polygon(u(ends[name]), width))
        band.set_facecolor(activation_colour(act))
        # No muscle works above its capacity; one at it gets a thick outline.
        limit = act >= _AT_CAPACITY_PCT
        band.set_hatch(None)
        band.set_edgecolor(OKABE_ITO["vermillion"] if limit else "black")
        band.set_linewidth(3.5 if limit else 1.5)

    # Arrows to scale; labels in two columns beside the body, leader lines
    # from the labels to the arrows.
    stance_on_right = float(pts["hip_stance"][0]) > 0
    edge = {
        "stance": 1 - _COLUMN_EDGE if stance_on_right else _COLUMN_EDGE,
        "swing": _COLUMN_EDGE if stance_on_right else 1 - _COLUMN_EDGE,
    }
    (x0, x1), (y0, y1) = ax_lims = (artists.ax.get_xlim(), artists.ax.get_ylim())
    del ax_lims

    def data_point(fx: float, fy: float) -> tuple[float, float]:
        return x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)

    key_of = {
        "abductors": "abductors",
        "hip_contact": "hip_contact",
        "adductors": "adductors",
        "lumbar_left": f"lumbar_{role['lumbar_left']}",
        "lumbar_right": f"lumbar_{role['lumbar_right']}",
        "body_weight": "body_weight",
        "bag": "bag",
        "cane": "cane",
    }
    titles = {
        "abductors": f"{side} hip abductors",
        "hip_contact": f"{side} hip joint",
        "adductors": f"{side} hip adductors",
        "lumbar_left": "left lower back",
        "lumbar_right": "right lower back",
        "body_weight": "body weight"
        if float(inp.vertical_load_factor) == 1.0
        else "weight × vertical load",
        "bag": f"bag in {side if inp.bag_side == 'same' else other} hand",
        "cane": f"cane, {other} hand",
        "drop": f"pelvis, {other} side",
    }
    static_now = {}
    leaders: list = []  # one line from each label to what it names
    leader_colours: list = []
    forces = pts["forces"]
    for name, key in key_of.items():
        tail, tip, newtons = forces[key]
        tail, tip = u(tail), u(tip)
        d = tip - tail
        arrow = it[f"arrow_{name}"]
        # Short arrows get a proportionally short head, so every arrow's
        # length is its force.
        head = min(_ARROW_SHAPE["head_length"], 0.6 * float(np.hypot(*d)))
        arrow.set_data(
            x=float(tail[0]),
            y=float(tail[1]),
            dx=float(d[0]),
            dy=float(d[1]),
            head_length=head,
            head_width=min(_ARROW_SHAPE["head_width"], 1.1 * head + _ARROW_SHAPE["width"]),
        )
        colour = STYLES[key]["color"]
        arrow.set_facecolor(colour)
        shown = name in _ALWAYS_SHOWN or newtons > 0.05
        arrow.set_visible(shown and newtons > 0)
        slot = f"bag_{inp.bag_side}" if key == "bag" else key
        column, top = _SLOTS[slot]
        static_now[name] = (titles[name], colour, column, top, shown)
        it[f"value_{name}"].set_text(f"{newtons:.0f}")
        it[f"bw_{name}"].set_text(f"{newtons / bw:.2f}")
        anchor = (tip + tail) / 2
        if shown:
            leaders.append((data_point(edge[column], top - 0.022), tuple(anchor)))
            leader_colours.append(colour)
        for part in ("value", "bw"):
            it[f"{part}_{name}"].set_visible(shown)
    drop_column, drop_top = _SLOTS["drop"]
    static_now["drop"] = (titles["drop"], "black", drop_column, drop_top, True)
    drop = float(result.pelvic_drop_deg)
    it["value_drop"].set_text(
        f"drops {drop:.1f}°"
        if drop >= DROP_VISIBLE_DEG
        else (f"hikes {-drop:.1f}°" if drop <= -DROP_VISIBLE_DEG else "level")
    )
    leaders.append((data_point(edge[drop_column], drop_top - 0.022), tuple(u(pts["hip_swing"]))))
    leader_colours.append("#333333")
    it["leaders"].set_segments(leaders)
    it["leaders"].set_color(leader_colours)
    it["abductor_activation"].set_text(
        f"med {activation['glute_med']:.0f} %, min/TFL {activation['glute_min_tfl']:.0f} %"
    )
    lean = float(result.trunk_lean_deg)
    it["lean_label"].set_text(f"{round(lean, 1) + 0.0:.1f}°")  # + toward the stance side
    over = not bool(result.feasible)
    # What cannot be held is not drawn as if it were: the body fades behind
    # the message that says why.
    for name, artist in it.items():
        if name not in _NEVER_FADED and hasattr(artist, "set_alpha"):
            artist.set_alpha(_FADED_ALPHA if over else None)
    signature = (tuple(sorted(static_now.items())), side, over, edge["stance"])
    changed = artists.state.get("signature") != signature
    if changed:
        for name, (title, colour, column, top, shown) in static_now.items():
            ha = "left" if edge[column] > 0.5 else "right"
            pad = 0.01 if ha == "left" else -0.01
            text = it[f"title_{name}"]
            text.set_text(title)
            text.set_color(colour)
            text.set_position((edge[column] + pad, top))
            text.set_horizontalalignment(ha)
            text.set_visible(shown)
            fs = it[f"title_{name}"].get_fontsize()
            parts = ("value",) if name == "drop" else _VALUE_PARTS
            offsets = _value_offsets(fs, flows_right=ha == "left") if name != "drop" else {}
            for part in parts:
                piece = it[f"{part}_{name}"]
                piece.set_position((edge[column] + pad, top))
                if name == "drop":
                    piece.set_horizontalalignment(ha)
                else:
                    piece.set_transform(_lines_below(artists.ax, 1.2 * fs, offsets[part]))
                if part.startswith("unit"):
                    piece.set_visible(shown)
            if name == "abductors":
                it["abductor_activation"].set_position((edge[column] + pad, top))
                it["abductor_activation"].set_horizontalalignment(ha)
        it["over_label"].set_visible(over)
        it["lean_title"].set_text(f"trunk lean to the {side}:")
        for key_side, key in artists.state["keys"].items():
            key.set_visible(key_side == other)
        it["stance_label"].set_text(f"stance: {side} leg")
        it["stance_label"].set_x(float(u(pts["hip_stance"])[0]))
        artists.state["signature"] = signature
    artists.summary = summary_line(result)
    it["caption"].set_text(artists.summary)
    artists.state.update(result=result, height_m=h, layout_changed=changed)


def _leader(line, start, end, colour, column, shown: bool) -> None:
    """A leader line from a label (column edge) to the thing it names."""
    line.set_data([start[0], end[0]], [start[1], end[1]])
    line.set_color(colour)
    line.set_visible(shown)


# ---------------------------------------------------------------- share ---
def _share_rows(result: StanceResult) -> list[tuple[str, str, float]]:
    side, other = result.stance_side, _other(result.stance_side)
    return [
        ("abductors", f"{side} hip\nabductors", float(result.abductor_force_n)),
        (
            "lumbar_contralateral",
            f"{other} lower back\n(other side)",
            float(result.lumbar_contralateral_force_n),
        ),
        (
            "lumbar_ipsilateral",
            f"{side} lower back\n(same side)",
            float(result.lumbar_ipsilateral_force_n),
        ),
    ]


def draw_share(
    result: StanceResult, ax: Axes | None = None, *, scale: float = 1.0, caption: bool = True
) -> Artists:
    """Load-share bars: the hip abductors against each side of the lower back.

    Parameters
    ----------
    result : StanceResult
        One scenario.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new pyplot figure when None.
    scale : float
        Text size factor. [-]
    caption : bool
        Write the one-line summary under the chart.

    Returns
    -------
    Artists
        ``bar_abductors``, ``bar_lumbar_contralateral``,
        ``bar_lumbar_ipsilateral`` (rectangles whose width is the force in ×
        body weight), their ``value_<same>`` texts (share of the three, %) and ``caption``.
    """
    _scalar(result)
    if ax is None:
        ax = _new_axes((8.0, 3.6))
    fs = _BASE_FONT * scale
    rows = _share_rows(result)
    items: dict[str, Artist] = {}
    ys = np.arange(len(rows))[::-1]
    for y, (key, _label, _n) in zip(ys, rows, strict=True):
        style = STYLES[key]
        items[f"bar_{key}"] = ax.add_patch(
            Rectangle(
                (0, y - 0.36),
                0.0,
                0.72,
                facecolor=style["color"],
                hatch=style["hatch"],
                edgecolor="black",
                linewidth=1.5,
            )
        )
        items[f"value_{key}"] = ax.text(0, y, "", va="center", ha="left", fontsize=fs)
    ax.set_yticks(ys, [label for _k, label, _n in rows], fontsize=fs)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(0, 3.0)
    ax.set_xlabel("force [× body weight]; labels: share of the three forces", fontsize=fs)
    ax.tick_params(labelsize=fs * 0.95, width=1.5, length=5)
    ax.set_title("Who holds the pelvis and the trunk?", fontsize=fs * 1.1, loc="left")
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    items["caption"] = ax.text(0.0, -0.45, "", transform=ax.transAxes, fontsize=fs * 0.8, va="top")
    items["caption"].set_visible(caption)
    for artist in items.values():
        _fixed(artist)
    artists = Artists(
        ax=ax, items=items, static={"caption"}, state={"scale": scale, "side": result.stance_side}
    )
    update_share(artists, result)
    return artists


def _nice_ceiling(value: float, step: float) -> float:
    return float(np.ceil(value / step) * step)


def update_share(artists: Artists, result: StanceResult) -> None:
    """Resize and relabel the load-share bars for a new result (in place).

    The force axis is refitted only when a bar would run off it or fill less
    than a third of it; the tick labels change only with the stance side.
    ``artists.state["layout_changed"]`` says whether either happened.
    """
    _scalar(result)
    bw = float(result.body_weight_n)
    rows = _share_rows(result)
    biggest = max(n for _k, _l, n in rows) / bw
    total = sum(n for _k, _l, n in rows) or 1.0
    ax = artists.ax
    changed = False
    right = ax.get_xlim()[1]
    if biggest > 0.7 * right or biggest < 0.3 * right:
        ax.set_xlim(0, max(1.0, _nice_ceiling(biggest / 0.6, 0.5)))
        changed = True
    if artists.state.get("side") != result.stance_side:
        ax.set_yticks(ax.get_yticks(), [label for _k, label, _n in rows])
        artists.state["side"] = result.stance_side
        changed = True
    for key, _label, newtons in rows:
        bar = artists.items[f"bar_{key}"]
        bar.set_width(newtons / bw)
        bar.set_visible(newtons / bw > 1e-4)  # an empty hatched bar still costs a draw
        text = artists.items[f"value_{key}"]
        text.set_text(f" {100 * newtons / total:.0f} %")
        text.set_x(newtons / bw)
    side, other = result.stance_side, _other(result.stance_side)
    artists.summary = (
        f"Load share: {side} hip abductors {rows[0][2] / bw:.2f} × BW, "
        f"{other} lower back {rows[1][2] / bw:.2f} × BW, "
        f"{side} lower back {rows[2][2] / bw:.2f} × BW"
    )
    artists.items["caption"].set_text(artists.summary)
    artists.state["layout_changed"] = changed
    artists.state["result"] = result


# ---------------------------------------------------------------- curve ---
#: Inputs a sweep can vary -> axis label with unit.
SWEEP_PARAMETERS = {
    "stance_strength": "glute med strength, stance leg [%]",
    "glute_med_strength_right": "right glute med strength [%]",
    "glute_med_strength_left": "left glute med strength [%]",
    "glute_med_availability": "glute med availability [fraction]",
    "bag_kg": "bag [kg]",
    "cane_pct_bw": "cane push [% of body weight]",
    "vertical_load_factor": "vertical load [× body weight]",
    "lateral_acceleration_ms2": "lateral acceleration [m/s²]",
    "lean_tolerance_deg": "trunk-lean tolerance [deg]",
    "drop_tolerance_deg": "pelvic-drop tolerance [deg]",
    "activation_exponent": "activation exponent [-]",
}
#: Default range of each sweep, declared with the input in :mod:`gluteed.parameters`.
_SWEEP_RANGES = {
    name: _parameter("glute_med_strength_right" if name == "stance_strength" else name).sweep_range
    for name in SWEEP_PARAMETERS
}

#: Outputs with a ready label and style; any numeric result attribute works.
OUTPUT_LABELS = {
    "abductor_force_bw": ("hip abductors", "abductors"),
    "lumbar_contralateral_force_bw": ("lower back, other side", "lumbar_contralateral"),
    "lumbar_ipsilateral_force_bw": ("lower back, same side", "lumbar_ipsilateral"),
    "hip_contact_force_bw": ("hip joint", "hip_contact"),
    "hip_adductor_force_bw": ("hip adductors", "adductors"),
}
DEFAULT_OUTPUTS = (
    "abductor_force_bw",
    "lumbar_contralateral_force_bw",
    "lumbar_ipsilateral_force_bw",
)


#: Sweep parameters of the forward bend (the others are single-leg stance's).
_BEND_PARAMETERS = ("ake_deg", "trunk_inclination_deg")


@dataclass(frozen=True)
class Sweep:
    """One model input varied over a range, everything else fixed.

    Attributes
    ----------
    parameter : str
        The varied input: a key of ``SWEEP_PARAMETERS`` (a numeric field of
        :class:`gluteed.StanceInput`, or ``"stance_strength"`` for the stance
        leg's gluteus medius strength).
    values : numpy.ndarray
        Its values, in its unit.
    result : StanceResult
        The batch result, one entry per value.
    label : str
        Axis label with unit.
    """

    parameter: str
    values: np.ndarray
    result: StanceResult
    label: str

    def current(self, result) -> float:
        """The swept input's value in one scenario, in its unit."""
        if self.parameter in _BEND_PARAMETERS:  # bend results carry these
            return float(getattr(result, self.parameter))
        return _input_value(result.inputs, self.parameter)


def _input_field(inp: StanceInput, parameter: str) -> str:
    return f"glute_med_strength_{inp.stance_side}" if parameter == "stance_strength" else parameter


def _input_value(inp: StanceInput, parameter: str) -> float:
    if parameter == "stance_strength":
        return float(inp.stance_strength_pct)
    if parameter in ("lean_tolerance_deg", "drop_tolerance_deg"):
        return float(getattr(inp, parameter.removesuffix("_deg")))
    return float(getattr(inp, parameter))


def sweep_stance(
    inp: StanceInput | None = None,
    parameter: str = "stance_strength",
    values: Sequence[float] | np.ndarray | None = None,
) -> Sweep:
    """Solve one scenario over a range of one input (a single vectorised call).

    Parameters
    ----------
    inp : StanceInput, optional
        The fixed scenario; ``StanceInput()`` when None.
    parameter : str
        The input to vary, a key of ``SWEEP_PARAMETERS``.
    values : array_like, optional
        Its values; by default 101 points over a teaching range (0-100 % for
        strengths).

    Returns
    -------
    Sweep
    """
    inp = StanceInput() if inp is None else inp
    if parameter not in SWEEP_PARAMETERS:
        allowed = ", ".join(repr(p) for p in SWEEP_PARAMETERS)
        raise ValueError(f"parameter must be one of {allowed}; got {parameter!r}")
    if values is None:
        values = np.linspace(*_SWEEP_RANGES[parameter], 101)
    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or values.size < 2:
        raise ValueError("values must be a one-dimensional list of at least two numbers")
    result = solve_stance(replace(inp, **{_input_field(inp, parameter): values}))
    return Sweep(
        parameter=parameter, values=values, result=result, label=SWEEP_PARAMETERS[parameter]
    )


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


def _flagged_ranges(x: np.ndarray, flags: np.ndarray) -> list[np.ndarray]:
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

    Parameters
    ----------
    sweep : Sweep
        From :func:`sweep_stance`.
    outputs : sequence of str
        Result attributes to plot, e.g. ``"lumbar_contralateral_force_bw"``
        or ``"trunk_lean_deg"`` (every ``*_n`` force also as ``*_bw``).
    current : StanceResult, optional
        One scenario to mark with a vertical line and a point on each curve.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new pyplot figure when None.
    scale : float
        Text size factor. [-]
    caption : bool
        Write the one-line summary under the chart.

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
    if ax is None:
        ax = _new_axes((8.0, 4.4))
    outputs = tuple(outputs)
    if not outputs:
        raise ValueError("outputs must name at least one result attribute")
    for name in outputs:
        _output_values(sweep.result, name)  # unknown names fail here
    fs = _BASE_FONT * scale
    items: dict[str, Artist] = {}
    spare = ("hip_contact", "adductors", "bag", "cane", "body_weight")
    for i, name in enumerate(outputs):
        key = OUTPUT_LABELS[name][1] if name in OUTPUT_LABELS else spare[i % len(spare)]
        style = STYLES[key]
        (items[f"line_{name}"],) = ax.plot(
            [],
            [],
            color=style["color"],
            linestyle=style["linestyle"],
            linewidth=3.2,
            marker=style["marker"],
            markevery=0.1,
            markersize=8,
            markeredgecolor="black",
            label=_output_label(name),
        )
        (items[f"point_{name}"],) = ax.plot(
            [],
            [],
            color=style["color"],
            marker=style["marker"],
            markersize=14,
            markeredgecolor="black",
            markeredgewidth=1.5,
            linestyle="none",
            zorder=5,
        )
    items["over_capacity"] = ax.add_collection(
        PolyCollection(
            [],
            facecolor="none",
            edgecolor="#8a8a8a",
            hatch="//",
            linewidth=0,
            transform=ax.get_xaxis_transform(),
            zorder=0,
        )
    )
    items["current_line"] = ax.axvline(
        0.0, color="black", linewidth=2.0, linestyle=(0, (6, 2, 1, 2)), zorder=4
    )
    items["current_label"] = ax.text(
        0,
        0.98,
        "",
        transform=ax.get_xaxis_transform(),
        fontsize=fs * 0.9,
        va="top",
        zorder=6,
        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"),
    )
    ax.set_xlabel(sweep.label, fontsize=fs)
    unit = _output_unit(outputs)
    quantity = {"× body weight": "force", "N": "force", "deg": "angle", "N·m": "moment"}
    ylabel = f"{quantity[unit]} [{unit}]" if unit in quantity else unit
    ax.set_ylabel(ylabel, fontsize=fs)
    ax.tick_params(labelsize=fs * 0.95, width=1.5, length=5)
    ax.grid(True, color="#dddddd", linewidth=1.0)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    handles = [items[f"line_{name}"] for name in outputs]
    handles.append(Rectangle((0, 0), 1, 1, facecolor="none", edgecolor="#8a8a8a", hatch="//"))
    flagged = "out of reach" if sweep.parameter in _BEND_PARAMETERS else "cannot be held"
    labels = [_output_label(name) for name in outputs] + [flagged]
    ax.legend(
        handles,
        labels,
        fontsize=fs * 0.9,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncols=2,
        frameon=False,
        handlelength=3.2,
        borderaxespad=0.2,
    )
    items["caption"] = ax.text(0.0, -0.3, "", transform=ax.transAxes, fontsize=fs * 0.8, va="top")
    items["caption"].set_visible(caption)
    for artist in items.values():
        _fixed(artist)
    artists = Artists(
        ax=ax, items=items, static={"caption"}, state={"outputs": outputs, "scale": scale}
    )
    update_curve(artists, current, sweep=sweep)
    return artists


def update_curve(
    artists: Artists, current: StanceResult | None, sweep: Sweep | None = None
) -> None:
    """Move the current-setting marker; given ``sweep``, also redraw the curves.

    The value axis is refitted only when a curve would leave it or use less
    than half of it (``artists.state["layout_changed"]`` says so).
    """
    ax = artists.ax
    outputs = artists.state["outputs"]
    changed = False
    if sweep is not None:
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
                bottom - (0.05 * span if bottom < 0 else 0), _nice_ceiling(top + 0.08 * span, step)
            )
            artists.state["fitted"] = True
            changed = True
        xlim = (float(sweep.values.min()), float(sweep.values.max()))
        if tuple(ax.get_xlim()) != xlim:
            ax.set_xlim(*xlim)
            changed = True
        boxes = _flagged_ranges(sweep.values, _out_of_reach(sweep.result))
        artists.items["over_capacity"].set_verts(boxes)
    sweep = artists.state["sweep"]
    name_of_x = sweep.label.split(" [")[0]
    unit = _output_unit(outputs)
    items = artists.items
    if current is not None:
        _one_scenario(current)
        x = sweep.current(current)
        items["current_line"].set_xdata([x, x])
        label = items["current_label"]
        label.set_text(f"now: {x:.4g}")
        label.set_x(x)
        xlo, xhi = ax.get_xlim()
        label.set_horizontalalignment("right" if x > xlo + 0.6 * (xhi - xlo) else "left")
        parts = []
        for name in outputs:
            y = float(_output_values(current, name))
            items[f"point_{name}"].set_data([x], [y])
            parts.append(f"{_output_label(name)} {y:.2f}")
        artists.summary = f"At {name_of_x} = {x:.4g}: " + ", ".join(parts) + f" [{unit}]"
    else:
        parts = []
        for name in outputs:
            y = _output_values(sweep.result, name)
            parts.append(f"{_output_label(name)} {y[0]:.2f} → {y[-1]:.2f}")
        artists.summary = (
            f"From {name_of_x} = {sweep.values[0]:.4g} to {sweep.values[-1]:.4g}: "
            + ", ".join(parts)
            + f" [{unit}]"
        )
    for name in ("current_line", "current_label", *(f"point_{n}" for n in outputs)):
        items[name].set_visible(current is not None)
    items["caption"].set_text(artists.summary)
    artists.state["layout_changed"] = changed
    artists.state["result"] = current


# ------------------------------------------------------------------ bend ---
# The forward bend seen from the side, the person facing right (x anterior).
#: Stature units per metre of the OpenSim gait2392 model, whose pelvis,
#: femur and tibia points the bend model uses (hip centres 0.167 m apart =
#: 0.099 of stature, Bergmann et al. 2016, as in ``gluteed.anthropometry``).
_G2392 = 0.099 / 0.167
# gait2392 points relative to the hip centre, x anterior, y up [m] (Delp et
# al. 1990, gait2392_thelen2003muscle.osim; drawing only, so that the bands
# run where the bend model's muscles run): the lumbosacral joint, the
# semimembranosus origin (ischial tuberosity) and insertion (tibia, knee
# straight), the gluteus maximus (glut_max2) origin and insertion, and the
# erector spinae origin on the pelvis and insertion on the torso (relative to
# the lumbosacral joint, in the torso frame).
_L5_G = (-0.0300, 0.1476)
_HAM_ORIGIN_G = (-0.0485, -0.0314)
_HAM_INSERTION_G = (-0.0389, -0.4311)
_GMAX_ORIGIN_G = (-0.0642, 0.0837)
_GMAX_INSERTION_G = (-0.0156, -0.1016)
_ERECTOR_ORIGIN_G = (-0.0693, 0.1100)
_ERECTOR_INSERTION_TRUNK_G = (-0.055, 0.110)
#: Pelvis outline around the hip centre (schematic, gait2392 proportions). [m]
_PELVIS_SIDE_G = (
    (-0.030, 0.148),
    (0.020, 0.140),
    (0.0707, 0.0661),
    (0.060, 0.020),
    (0.045, -0.035),
    (-0.055, -0.045),
    (-0.085, 0.050),
    (-0.075, 0.115),
)
#: Foot from heel to toe, fractions of stature: foot length 0.152 (Drillis &
#: Contini 1966, in Winter 2009, Fig. 4.1); ASSUMPTION: the ankle a fifth of
#: the way from the heel.
_FOOT_SIDE = (-0.03, 0.122)
_BEND_X_LIMITS = (-0.95, 0.72)
_BEND_Y_LIMITS = (-0.06, 1.12)
_BEND_SLOTS = {  # name -> (column, top of the label in axes fraction)
    "lumbar_flexion": ("back", 0.95),
    "hip_flexion": ("back", 0.80),
    "erector": ("back", 0.65),
    "glute_max": ("back", 0.47),
    "hamstrings": ("back", 0.30),
    "compression": ("front", 0.19),
    "reach": ("front", 0.95),
}
#: Inner edges of the label columns of the bend diagram, in axes fractions.
_BEND_COLUMNS = {"back": 0.40, "front": 0.60}


def bend_summary_line(result) -> str:
    """One line with the main numbers of one forward-bend result (``gluteed.solve_bend``)."""
    _scalar_any(result)
    status = result.hamstring_status
    hypothesis = ""
    if result.inputs.glute_inhibition:
        hypothesis = f" · glute-inhibition hypothesis ON ({100 * float(result.glute_max_availability):.0f} % of the glutes available)"
    reach = _reach_text(result)
    if not bool(result.feasible):
        return (
            f"Bend {float(result.trunk_inclination_deg):.0f}° · CANNOT BEND THIS FAR: "
            f"{result.reason} · AKE {float(result.ake_deg):.0f}° ({status}) · "
            f"deepest bend with straight knees {reach}{hypothesis}"
        )
    return (
        f"Bend {float(result.trunk_inclination_deg):.0f}° (reachable {reach}) · lumbar flexion "
        f"{float(result.lumbar_flexion_deg):.0f}° ({100 * float(result.lumbar_share):.0f} % of the bend) · "
        f"hip flexion {float(result.hip_flexion_deg):.0f}° · AKE {float(result.ake_deg):.0f}° ({status}) · "
        f"hamstrings {100 * float(result.hamstring_share):.0f} % of the hip moment "
        f"(passive {float(result.hamstring_passive_force_bw):.2f} × BW) · "
        f"glute max {100 * float(result.glute_max_share):.0f} % · lower back "
        f"{float(result.lumbar_extensor_moment_nm):.0f} N·m, L5-S1 compression "
        f"{float(result.l5s1_compression_bw):.2f} × BW (without muscle tone){hypothesis}"
    )


def _reach_text(result) -> str:
    """The reachable trunk inclination in words: '63°', or '≥ 130°' where the
    hamstrings had not stopped the hips within the model's search."""
    from .hamstrings import REACH_SEARCH_HIP_DEG

    reach = float(result.reachable_trunk_inclination_deg)
    at_least = float(result.reachable_hip_flexion_deg) >= REACH_SEARCH_HIP_DEG - 1e-6
    return f"≥ {reach:.0f}°" if at_least else f"{reach:.0f}°"


def _out_of_reach(result) -> np.ndarray:
    """Flags for hatching a sweep: bends out of reach, or stances that cannot be held."""
    return ~np.asarray(result.feasible, dtype=bool)


def _scalar_any(result) -> None:
    shape_of = getattr(result, "trunk_inclination_deg", None)
    if shape_of is None:
        raise ValueError(f"expected a BendResult; got {type(result).__name__}")
    if np.ndim(shape_of) != 0:
        raise ValueError("the figures draw one scenario; index the batch first")


def bend_points(result) -> dict:
    """Where everything of the side-view bend diagram is, in stature units.

    Parameters
    ----------
    result : gluteed.BendResult
        One scenario.

    Returns
    -------
    dict
        Points (x anterior, y up from the floor, in fractions of stature):
        ``hip``, ``l5s1``, ``pelvis`` and ``trunk`` outlines, ``head_centre``,
        ``leg``, ``foot``, ``arm``, ``trunk_axis`` (L5-S1 to the head centre),
        ``vertical_reference`` and ``pelvis_reference`` (from L5-S1, vertical
        and along the pelvis), and ``muscles`` (name -> two attachment points)
        for ``hamstrings``, ``glute_max`` and ``erector``.

    Notes
    -----
    The pelvis tilts forward on vertical thighs by ``hip_flexion_deg``; the
    trunk turns on L5-S1 by a further ``lumbar_flexion_deg`` (their sum is
    the trunk inclination). Attachments are those of gait2392, as in the
    bend model; outlines are schematic.
    """
    _scalar_any(result)
    body = body_model(result.inputs.subject)
    h = float(body.height_m)
    hip_flex = float(result.hip_flexion_deg)
    incline = float(result.hip_flexion_deg) + float(result.lumbar_flexion_deg)
    hip = np.array([0.0, _HIP_HEIGHT])
    tilt = _rotation(-hip_flex)  # forward tilt: clockwise, the person facing right

    def on_pelvis(points_m) -> np.ndarray:
        return hip + (np.atleast_2d(np.asarray(points_m, dtype=float)) * _G2392) @ tilt.T

    l5 = on_pelvis(_L5_G)[0]
    si, ci = np.sin(np.radians(incline)), np.cos(np.radians(incline))
    up = np.array([si, ci])  # along the trunk
    front = np.array([ci, -si])  # across the trunk, anterior

    def on_trunk(points) -> np.ndarray:
        p = np.atleast_2d(np.asarray(points, dtype=float))
        return l5 + p[:, 1:2] * up + p[:, :1] * front

    sh = float(body.shoulder_height_m) / h
    out: dict = {"height_m": h, "hip": hip, "l5s1": l5}
    out["pelvis"] = on_pelvis(_PELVIS_SIDE_G)
    out["trunk"] = on_trunk(
        [
            (-0.02, 0.0),
            (-0.03, 0.1),
            (-0.035, sh - 0.01),
            (-0.01, sh + 0.02),
            (0.05, sh + 0.02),
            (0.085, sh - 0.03),
            (0.1, 0.14),
            (0.095, 0.05),
            (0.07, 0.0),
        ]
    )
    head_along = sh + _SHOULDER_TO_CHIN + _HEAD_LENGTH / 2
    out["head_centre"] = on_trunk([(0.02, head_along)])[0]
    out["head_size"] = (_HEAD_BREADTH_RATIO * _HEAD_LENGTH * 1.2, _HEAD_LENGTH)
    out["head_angle_deg"] = -incline
    out["trunk_axis"] = on_trunk([(0.0, 0.0), (0.0, head_along)])
    length = head_along * 0.85
    out["vertical_reference"] = np.array([l5, l5 + np.array([0.0, length])])
    sp, cp = np.sin(np.radians(hip_flex)), np.cos(np.radians(hip_flex))
    out["pelvis_reference"] = np.array([l5, l5 + length * np.array([sp, cp])])
    out["leg"] = np.array([hip, [0.0, _KNEE_HEIGHT], [0.0, _ANKLE_HEIGHT]])
    out["foot"] = np.array(
        [
            [_FOOT_SIDE[0], _ANKLE_HEIGHT * 0.6],
            [0.0, _ANKLE_HEIGHT],
            [0.03, _ANKLE_HEIGHT * 0.8],
            [_FOOT_SIDE[1], 0.0],
            [_FOOT_SIDE[0], 0.0],
        ]
    )
    shoulder = on_trunk([(0.02, sh - 0.01)])[0]
    out["arm"] = np.array([shoulder, shoulder - [0.0, _SHOULDER_TO_WRIST + _HAND_LENGTH]])
    out["muscles"] = {
        "hamstrings": np.array(
            [on_pelvis(_HAM_ORIGIN_G)[0], hip + np.asarray(_HAM_INSERTION_G) * _G2392]
        ),
        "glute_max": np.array(
            [on_pelvis(_GMAX_ORIGIN_G)[0], hip + np.asarray(_GMAX_INSERTION_G) * _G2392]
        ),
        "erector": np.array(
            [
                on_pelvis(_ERECTOR_ORIGIN_G)[0],
                on_trunk([np.asarray(_ERECTOR_INSERTION_TRUNK_G)[[0, 1]] * _G2392])[0],
            ]
        ),
    }
    return out


def draw_bend(
    result, ax: Axes | None = None, *, scale: float = 1.0, caption: bool = True
) -> Artists:
    """Draw the side view of a forward bend: pelvic tilt, lumbar flexion, hamstrings.

    Parameters
    ----------
    result : gluteed.BendResult
        One scenario of :func:`gluteed.solve_bend`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new pyplot figure when None. Data units are
        fractions of stature.
    scale : float
        Text size factor. [-]
    caption : bool
        Write the one-line summary under the drawing.

    Returns
    -------
    Artists
        Outlines ``pelvis``, ``trunk``, ``head``, ``foot``; lines ``leg``,
        ``arm``, ``trunk_axis``, ``vertical_reference``,
        ``pelvis_reference``; muscle bands ``band_hamstrings``,
        ``band_glute_max``, ``band_erector`` (colour = activation, width =
        force, hatched where passive stretch carries more than the muscle's
        own effort); per label ``<n>`` in ``erector``, ``glute_max``,
        ``hamstrings``, ``lumbar_flexion``, ``hip_flexion``, ``compression``:
        ``reach`` (the reachable trunk inclination): ``title_<n>``,
        ``value_<n>``, ``leader_<n>``; ``reach_line`` (dashed ray from L5-S1
        at the reachable inclination), ``hypothesis_label``,
        ``cannot_label``, ``caption``.

    Notes
    -----
    A bend out of reach (``result.feasible`` False) is not drawn as asked:
    the person is shown, faded, at the deepest bend they can reach, with
    "cannot bend this far" and the reason.
    """
    _scalar_any(result)
    if ax is None:
        ax = _new_axes((8.0, 7.0))
    fs = _BASE_FONT * scale
    ax.set_aspect("equal")
    ax.set_xlim(*_BEND_X_LIMITS)
    ax.set_ylim(*_BEND_Y_LIMITS)
    ax.set_axis_off()
    ax.text(
        0.5,
        1.0,
        "seen from the side, facing right",
        transform=ax.transAxes,
        fontsize=fs * 0.9,
        ha="center",
        va="top",
        style="italic",
    )
    ax.axhline(0.0, color="black", linewidth=3.0, zorder=1)
    skin = dict(facecolor="#ece7e1", edgecolor="#4d4d4d", linewidth=2.0)
    empty = np.zeros((3, 2))
    items: dict[str, Artist] = {}
    patch = ax.add_patch
    items["pelvis"] = patch(
        Polygon(empty, closed=True, zorder=3, **{**skin, "facecolor": "#f7f4ef"})
    )
    items["trunk"] = patch(Polygon(empty, closed=True, zorder=2, **skin))
    items["head"] = patch(Ellipse((0, 0), 0.1, 0.1, zorder=2, **skin))
    items["foot"] = patch(
        Polygon(empty, closed=True, zorder=1, facecolor="#9a9a9a", edgecolor="#4d4d4d")
    )
    limb = dict(color="#9a9a9a", linewidth=10 * scale**0.5, solid_capstyle="round", zorder=1)
    (items["leg"],) = ax.plot([], [], **limb)
    (items["arm"],) = ax.plot([], [], **{**limb, "zorder": 4})
    dashed = dict(color="black", linewidth=1.8, linestyle=(0, (4, 3)), zorder=8)
    (items["trunk_axis"],) = ax.plot([], [], color="black", linewidth=2.5, zorder=8)
    (items["vertical_reference"],) = ax.plot([], [], **dashed)
    (items["pelvis_reference"],) = ax.plot([], [], **{**dashed, "linestyle": (0, (1, 2))})
    for name in ("hamstrings", "glute_max", "erector"):
        items[f"band_{name}"] = patch(
            Polygon(np.zeros((6, 2)), closed=True, zorder=7, edgecolor="black")
        )
    for name in _BEND_SLOTS:
        (items[f"leader_{name}"],) = ax.plot([], [], linewidth=1.3, zorder=9, color="#333333")
        items[f"title_{name}"] = ax.text(
            0, 0, "", transform=ax.transAxes, fontsize=fs, weight="bold", va="top", zorder=12
        )
        items[f"value_{name}"] = ax.text(
            0, 0, "", transform=_lines_below(ax, 1.2 * fs), fontsize=fs, va="top", zorder=12
        )
    items["hypothesis_label"] = ax.text(
        0.01,
        0.02,
        "",
        transform=ax.transAxes,
        fontsize=fs * 0.9,
        va="bottom",
        zorder=12,
        bbox=dict(
            boxstyle="round,pad=0.25",
            facecolor="white",
            edgecolor=OKABE_ITO["reddish_purple"],
            linewidth=2,
        ),
    )
    (items["reach_line"],) = ax.plot(
        [], [], color=OKABE_ITO["bluish_green"], linewidth=2.5, linestyle=(0, (6, 3)), zorder=6
    )
    items["cannot_label"] = _warning_label(ax, (0.99, 0.02), "", fs, ha="right", va="bottom")
    items["caption"] = ax.text(
        0.0, -0.01, "", transform=ax.transAxes, fontsize=fs * 0.8, va="top", wrap=True
    )
    items["caption"].set_visible(caption)
    titles = {
        "erector": ("lower back (erector spinae)", "black"),
        "glute_max": ("gluteus maximus", "black"),
        "hamstrings": ("hamstrings", "black"),
        "lumbar_flexion": ("lumbar flexion", "black"),
        "hip_flexion": ("hip flexion (pelvic tilt)", "black"),
        "compression": ("L5-S1 compression", "black"),
        "reach": ("deepest bend", "black"),
    }
    for name, (column, top) in _BEND_SLOTS.items():
        x = _BEND_COLUMNS[column]
        ha = "right" if column == "back" else "left"
        for part in ("title", "value"):
            items[f"{part}_{name}"].set_position((x, top))
            items[f"{part}_{name}"].set_horizontalalignment(ha)
        items[f"title_{name}"].set_text(titles[name][0])
    for artist in items.values():
        _fixed(artist)
    static = {n for n in items if n.startswith("title_")} | {
        "cannot_label",
        "hypothesis_label",
        "caption",
    }
    artists = Artists(ax=ax, items=items, static=static, state={"scale": scale})
    update_bend(artists, result)
    return artists


#: Length of the dashed ray at the reachable inclination, stature units. [-]
_REACH_RAY = 0.5


def _deepest_bend(result):
    """The same person at the deepest bend they can reach (for drawing)."""
    from .hamstrings import INCLINATION_RANGE_DEG, solve_bend

    reach = float(result.reachable_trunk_inclination_deg)
    # Just inside the edge (the edge itself is held to within round-off).
    deepest = min(reach - 1e-6, INCLINATION_RANGE_DEG[1])
    return solve_bend(result.inputs, trunk_inclination_deg=max(deepest, 0.0))


def update_bend(artists: Artists, result) -> None:
    """Turn, recolour and relabel the bend diagram for a new result (in place)."""
    _scalar_any(result)
    feasible = bool(result.feasible)
    shown = result if feasible else _deepest_bend(result)
    pts = bend_points(shown)
    it = artists.items
    bw = float(result.body_weight_n)
    for name in ("pelvis", "trunk", "foot"):
        it[name].set_xy(pts[name])
    head = it["head"]
    head.set_center(tuple(pts["head_centre"]))
    head.width, head.height = pts["head_size"]
    head.set_angle(pts["head_angle_deg"])
    for name in ("leg", "arm", "trunk_axis", "vertical_reference", "pelvis_reference"):
        it[name].set_data(pts[name][:, 0], pts[name][:, 1])
    bands = {
        "hamstrings": (
            float(result.hamstring_activation_pct),
            float(result.hamstring_active_force_n) + float(result.hamstring_passive_force_n),
            float(result.hamstring_passive_force_n) > float(result.hamstring_active_force_n),
        ),
        "glute_max": (
            float(result.glute_max_activation_pct),
            float(result.glute_max_force_n),
            False,
        ),
        "erector": (
            float(result.erector_spinae_activation_pct),
            float(result.erector_spinae_force_n),
            float(result.lumbar_passive_moment_nm) > float(result.erector_spinae_moment_nm),
        ),
    }
    for name, (act, newtons, passive) in bands.items():
        band = it[f"band_{name}"]
        band.set_visible(feasible)
        if not feasible:
            continue
        width = 0.008 + 0.012 * min(newtons / bw, 2.0)
        band.set_xy(_band_polygon(pts["muscles"][name], width))
        band.set_facecolor(activation_colour(act))
        band.set_hatch("////" if passive else None)
        band.set_edgecolor(OKABE_ITO["vermillion"] if act > 100 else "black")
    for name in ("pelvis", "trunk", "head", "foot", "leg", "arm", "trunk_axis"):
        it[name].set_alpha(1.0 if feasible else 0.35)
    # The reachable inclination: a dashed ray from L5-S1, where the trunk axis
    # starts, labelled at its end (above it, towards the body).
    ray = np.radians(float(result.reachable_trunk_inclination_deg))
    start = pts["l5s1"]
    end = start + _REACH_RAY * np.array([np.sin(ray), np.cos(ray)])
    it["reach_line"].set_data([start[0], end[0]], [start[1], end[1]])
    values = {
        "erector": f"{float(result.erector_spinae_force_n):.0f} N = {float(result.erector_spinae_force_bw):.2f} × BW, "
        f"{float(result.erector_spinae_activation_pct):.0f} %",
        "glute_max": f"{float(result.glute_max_force_n):.0f} N, {float(result.glute_max_activation_pct):.0f} %",
        "hamstrings": f"active {float(result.hamstring_active_force_n):.0f} N, "
        f"stretched {float(result.hamstring_passive_force_n):.0f} N",
        "lumbar_flexion": f"{float(result.lumbar_flexion_deg):.0f}° ({100 * float(result.lumbar_share):.0f} % of the bend)",
        "hip_flexion": f"{float(result.hip_flexion_deg):.0f}°",
        "compression": f"{float(result.l5s1_compression_n):.0f} N = {float(result.l5s1_compression_bw):.2f} × BW"
        "\nwithout muscle tone",
    }
    if not feasible:
        values = dict.fromkeys(values, "—")
    reach_text = _reach_text(result)
    values["reach"] = (
        f"{reach_text}, hips stopped at {float(result.reachable_hip_flexion_deg):.0f}°"
        if not reach_text.startswith("≥")
        else reach_text
    )
    ends = {
        "erector": pts["muscles"]["erector"].mean(axis=0),
        "glute_max": pts["muscles"]["glute_max"].mean(axis=0),
        "hamstrings": pts["muscles"]["hamstrings"].mean(axis=0),
        "lumbar_flexion": pts["trunk_axis"].mean(axis=0),
        "hip_flexion": pts["hip"],
        "compression": pts["l5s1"],
        "reach": end,
    }
    (x0, x1), (y0, y1) = _BEND_X_LIMITS, _BEND_Y_LIMITS
    for name, (column, top) in _BEND_SLOTS.items():
        it[f"value_{name}"].set_text(values[name])
        fx = _BEND_COLUMNS[column] + (0.005 if column == "back" else -0.005)
        start = (x0 + fx * (x1 - x0), y0 + (top - 0.025) * (y1 - y0))
        _leader(it[f"leader_{name}"], start, ends[name], "#333333", column, True)
    inhibited = bool(result.inputs.glute_inhibition)
    signature = (
        inhibited,
        feasible,
        round(float(result.glute_max_availability), 3) if inhibited else None,
        None if feasible else (result.reason, round(float(result.trunk_inclination_deg), 1)),
    )
    changed = artists.state.get("signature") != signature
    if changed:
        it["hypothesis_label"].set_text(
            "hypothesis ON: tight hamstrings inhibit the glutes\n"
            f"({100 * float(result.glute_max_availability):.0f} % of the glutes available)"
        )
        it["hypothesis_label"].set_visible(inhibited)
        it["cannot_label"].set_text(
            f"⚠ cannot bend {float(result.trunk_inclination_deg):.0f}° with straight knees\n"
            f"drawn: the deepest bend, {_reach_text(result)}"
        )
        it["cannot_label"].set_visible(not feasible)
        artists.state["signature"] = signature
    artists.summary = bend_summary_line(result)
    it["caption"].set_text(artists.summary)
    artists.state.update(result=result, layout_changed=changed)


def sweep_bend(inp=None, parameter: str = "ake_deg", values=None) -> Sweep:
    """Solve one forward bend over a range of AKE deficit or trunk inclination.

    Parameters
    ----------
    inp : gluteed.BendInput, optional
        The fixed scenario; ``BendInput()`` when None.
    parameter : {"ake_deg", "trunk_inclination_deg", "glute_max_strength_pct"}
        The input to vary.
    values : array_like, optional
        Its values; by default 91 points over 0-90° (AKE), 0-110° (bend) or
        0-100 % (strength).
    """
    from .hamstrings import BendInput, solve_bend

    inp = BendInput() if inp is None else inp
    labels = {
        "ake_deg": "hamstring tightness, AKE deficit [deg]",
        "trunk_inclination_deg": "forward bend, trunk inclination [deg]",
        "glute_max_strength_pct": "gluteus maximus strength [%]",
    }
    ranges = {name: (_parameter(name).sweep_range, text) for name, text in labels.items()}
    if parameter not in ranges:
        allowed = ", ".join(repr(p) for p in ranges)
        raise ValueError(f"parameter must be one of {allowed}; got {parameter!r}")
    (lo, hi), label = ranges[parameter]
    values = np.linspace(lo, hi, 91) if values is None else np.asarray(values, dtype=float)
    if values.ndim != 1 or values.size < 2:
        raise ValueError("values must be a one-dimensional list of at least two numbers")
    changes = {parameter: values}
    if parameter == "ake_deg":
        changes["slr_deg"] = None
    result = solve_bend(replace(inp, **changes))
    return Sweep(parameter=parameter, values=values, result=result, label=label)


#: Bend outputs with a ready label and style.
BEND_OUTPUTS = ("lumbar_flexion_deg", "hip_flexion_deg")
OUTPUT_LABELS.update(
    {
        "lumbar_flexion_deg": ("lumbar flexion", "lumbar_contralateral"),
        "hip_flexion_deg": ("hip flexion", "abductors"),
        "hamstring_passive_force_bw": ("hamstrings, stretched", "lumbar_ipsilateral"),
        "erector_spinae_force_bw": ("lower back (erector spinae)", "lumbar_contralateral"),
        "l5s1_compression_bw": ("L5-S1 compression (no muscle tone)", "hip_contact"),
    }
)


# ------------------------------------------------------------------ gait ---
#: Gait-cycle curves: name -> (label, style key).
GAIT_OUTPUTS = {
    "glute_med_force_right_bw": ("right glute med", "abductors"),
    "lumbar_left_force_bw": ("left lower back", "lumbar_contralateral"),
    "glute_med_force_left_bw": ("left glute med", "adductors"),
    "lumbar_right_force_bw": ("right lower back", "lumbar_ipsilateral"),
}


def walk_summary_line(walk, current_pct: float | None = None) -> str:
    """One line with the peaks of a stride (and the values at ``current_pct``)."""
    cycle = np.asarray(walk.gait_cycle_pct)
    parts = []
    for name, (label, _key) in GAIT_OUTPUTS.items():
        y = np.asarray(getattr(walk, name))
        i = int(np.argmax(y))
        parts.append(f"{label} peak {y[i]:.2f} × BW at {cycle[i]:.0f} %")
    now = ""
    if current_pct is not None:
        i = _frame(walk, current_pct)
        values = ", ".join(
            f"{label} {float(np.asarray(getattr(walk, name))[i]):.2f}"
            for name, (label, _key) in GAIT_OUTPUTS.items()
        )
        now = f" · at {cycle[i]:.0f} % of the stride: {values} × BW"
    obliquity = np.asarray(walk.pelvic_obliquity_deg)
    pelvis = f" · pelvis dips {float(np.max(np.abs(obliquity))):.1f}° at most"
    cannot = "" if walk.feasible else f" · CANNOT BE WALKED: {walk.reason}"
    return (
        f"Walking at {float(walk.inputs.speed_ms):.2f} m/s, stride {float(walk.stride_time_s):.2f} s: "
        + "; ".join(parts)
        + now
        + pelvis
        + cannot
    )


def _frame(walk, pct: float) -> int:
    cycle = np.asarray(walk.gait_cycle_pct)
    return int(np.argmin(np.abs(cycle - float(pct))))


def draw_gait(
    walk,
    ax: Axes | None = None,
    *,
    current_pct: float | None = None,
    scale: float = 1.0,
    caption: bool = True,
) -> Artists:
    """Forces over one stride: each glute med and the other side's lower back.

    Parameters
    ----------
    walk : gluteed.WalkResult
        From :func:`gluteed.solve_walk`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new pyplot figure when None.
    current_pct : float, optional
        The gait-cycle point to mark (0-100 %, right heel strike at 0). [%]
    scale : float
        Text size factor. [-]
    caption : bool
        Write the one-line summary under the chart.

    Returns
    -------
    Artists
        ``line_<output>`` and ``point_<output>`` for the ``GAIT_OUTPUTS``,
        ``double_support`` (hatched spans), ``right_foot`` and ``left_foot``
        (bars along the top: when each foot is on the ground),
        ``current_line``, ``current_label``, ``caption``.
    """
    if ax is None:
        ax = _new_axes((9.0, 4.8))
    fs = _BASE_FONT * scale
    items: dict[str, Artist] = {}
    for name, (label, key) in GAIT_OUTPUTS.items():
        style = STYLES[key]
        (items[f"line_{name}"],) = ax.plot(
            [],
            [],
            color=style["color"],
            linestyle=style["linestyle"],
            linewidth=3.0,
            marker=style["marker"],
            markevery=0.1,
            markersize=8,
            markeredgecolor="black",
            label=label,
        )
        (items[f"point_{name}"],) = ax.plot(
            [],
            [],
            color=style["color"],
            marker=style["marker"],
            markersize=13,
            markeredgecolor="black",
            markeredgewidth=1.5,
            linestyle="none",
            zorder=5,
        )
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
    items["current_line"] = ax.axvline(
        0.0, color="black", linewidth=2.0, linestyle=(0, (6, 2, 1, 2)), zorder=4
    )
    items["current_label"] = ax.text(
        0,
        0.86,
        "",
        transform=ax.get_xaxis_transform(),
        fontsize=fs * 0.9,
        va="top",
        zorder=6,
        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"),
    )
    ax.set_xlim(0, 100)
    ax.set_xlabel("gait cycle [%] (right heel strike at 0 and 100)", fontsize=fs)
    ax.set_ylabel("force [× body weight]", fontsize=fs)
    ax.tick_params(labelsize=fs * 0.95, width=1.5, length=5)
    ax.grid(True, color="#dddddd", linewidth=1.0)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    handles = [items[f"line_{name}"] for name in GAIT_OUTPUTS]
    handles.append(Rectangle((0, 0), 1, 1, facecolor="none", edgecolor="#9a9a9a", hatch="//"))
    labels = [label for label, _k in GAIT_OUTPUTS.values()] + ["both feet down"]
    ax.legend(
        handles,
        labels,
        fontsize=fs * 0.85,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncols=3,
        frameon=False,
        handlelength=3.0,
        borderaxespad=0.2,
    )
    items["caption"] = ax.text(
        0.0, -0.3, "", transform=ax.transAxes, fontsize=fs * 0.8, va="top", wrap=True
    )
    items["caption"].set_visible(caption)
    for artist in items.values():
        _fixed(artist)
    artists = Artists(ax=ax, items=items, static={"caption"}, state={"scale": scale})
    update_gait(artists, walk, current_pct)
    return artists


def _spans(x: np.ndarray, flags: np.ndarray, bottom: float, top: float) -> list[np.ndarray]:
    return [box * [1.0, top - bottom] + [0.0, bottom] for box in _flagged_ranges(x, flags)]


def update_gait(artists: Artists, walk, current_pct: float | None = None) -> None:
    """Redraw the stride's curves (when ``walk`` changed) and move the marker, in place."""
    ax = artists.ax
    items = artists.items
    changed = False
    if artists.state.get("walk") is not walk:
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
        want = _nice_ceiling(top / 0.85, 0.5)
        if ax.get_ylim() != (0.0, want):
            ax.set_ylim(0.0, want)
            changed = True
        artists.state["walk"] = walk
    shown = current_pct is not None
    if shown:
        i = _frame(walk, current_pct)
        x = float(np.asarray(walk.gait_cycle_pct)[i])
        items["current_line"].set_xdata([x, x])
        items["current_label"].set_text(f"{x:.0f} %")
        items["current_label"].set_x(x)
        items["current_label"].set_horizontalalignment("right" if x > 60 else "left")
        for name in GAIT_OUTPUTS:
            items[f"point_{name}"].set_data([x], [float(np.asarray(getattr(walk, name))[i])])
    for name in ("current_line", "current_label", *(f"point_{n}" for n in GAIT_OUTPUTS)):
        items[name].set_visible(shown)
    artists.summary = walk_summary_line(walk, current_pct)
    items["caption"].set_text(artists.summary)
    artists.state.update(layout_changed=changed, current_pct=current_pct)


def _pick(result: StanceResult, index: int) -> StanceResult:
    """One scenario of a batch stance result, as a scalar result."""
    inp = result.inputs

    def pick(value):
        return np.asarray(value)[index] if np.ndim(value) else value

    subject = replace(
        inp.subject,
        mass_kg=float(pick(inp.subject.mass_kg)),
        height_m=float(pick(inp.subject.height_m)),
    )
    numeric = {
        f.name: float(pick(getattr(inp, f.name)))
        for f in fields(StanceInput)
        if f.name != "subject" and np.ndim(getattr(inp, f.name)) > 0
    }
    scalar_input = replace(inp, subject=subject, **numeric)
    values = {}
    for f in fields(StanceResult):
        value = getattr(result, f.name)
        if isinstance(value, np.ndarray) and value.ndim > 0:
            value = np.asarray(value[index])
        values[f.name] = value
    values["inputs"] = scalar_input
    return StanceResult(**values)


def walk_frame(walk, pct: float) -> StanceResult:
    """The stance picture of one moment of a stride, for :func:`draw_body`.

    From 0 to 50 % of the cycle the right leg carries (its loading and
    single support), from 50 to 100 % the left. The result is the stance
    model's solution for that leg at that moment (``walk.stance_right`` or
    ``walk.stance_left``, quasi-static, with the stride's load factor and
    lateral acceleration) with the stride's own trunk lean, pelvic drop and
    muscle forces put in, so that the drawing shows what the gait plot shows.

    Parameters
    ----------
    walk : gluteed.WalkResult
    pct : float
        Moment of the stride, 0 to 100 % (right heel strike at 0). [%]
    """
    i = _frame(walk, pct)
    cycle = float(np.asarray(walk.gait_cycle_pct)[i])
    right = cycle < 50.0
    legs = walk.stance_right if right else walk.stance_left
    n = np.shape(legs.trunk_lean_deg)[0]
    own = cycle if right else cycle - 50.0
    j = min(round(own / 100.0 * n), n - 1)
    base = _pick(legs, j)
    side, other = ("right", "left") if right else ("left", "right")
    sign = 1.0 if right else -1.0
    lumbar_on = {"right": walk.lumbar_right_force_n, "left": walk.lumbar_left_force_n}
    lumbar_act = {
        "right": walk.lumbar_right_activation_pct,
        "left": walk.lumbar_left_activation_pct,
    }

    def at(values) -> np.ndarray:
        return np.asarray(np.asarray(values)[i], dtype=float)

    min_tfl = at(getattr(walk, f"glute_min_tfl_force_{side}_n"))
    # Capacity of the minimus/TFL group, read off the stance solution itself.
    base_act = float(base.glute_min_tfl_activation_pct)
    min_tfl_capacity = (
        float(base.glute_min_tfl_force_n) * 100.0 / base_act if base_act > 0 else np.inf
    )
    hip_scale = float(at(getattr(walk, f"hip_contact_force_{side}_n"))) / max(
        float(base.hip_contact_force_n), 1e-9
    )
    return replace(
        base,
        trunk_lean_deg=sign * at(walk.trunk_lean_deg),
        pelvic_drop_deg=sign * at(walk.pelvic_drop_deg),
        glute_med_force_n=at(getattr(walk, f"glute_med_force_{side}_n")),
        glute_min_tfl_force_n=min_tfl,
        glute_min_tfl_activation_pct=np.round(100.0 * min_tfl / min_tfl_capacity, 9),
        glute_med_activation_pct=at(getattr(walk, f"glute_med_activation_{side}_pct")),
        lumbar_contralateral_force_n=at(lumbar_on[other]),
        lumbar_ipsilateral_force_n=at(lumbar_on[side]),
        lumbar_contralateral_activation_pct=at(lumbar_act[other]),
        lumbar_ipsilateral_activation_pct=at(lumbar_act[side]),
        hip_contact_force_n=at(getattr(walk, f"hip_contact_force_{side}_n")),
        hip_contact_force_x_n=base.hip_contact_force_x_n * hip_scale,
        hip_contact_force_y_n=base.hip_contact_force_y_n * hip_scale,
    )


# --------------------------------------------------------------- panels ---
@dataclass(eq=False)
class Panels:
    """The dashboard figure: body diagram, load-share bars and a curve.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    body, share, curve : Artists
    summary : str
        The one-line summary of the current result.
    """

    figure: Figure
    body: Artists
    share: Artists
    curve: Artists
    summary: str = ""

    @property
    def changing(self) -> list[Artist]:
        """Every artist an update may change (for redrawing only those)."""
        return [*self.body.changing, *self.share.changing, *self.curve.changing]


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
    """
    _scalar(result)
    if fig is None:
        fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        FigureCanvasAgg(fig)
    else:
        fig.clear()
        fig.set_layout_engine("constrained")
    if sweep is None:
        sweep = sweep_stance(result.inputs)
    grid = fig.add_gridspec(2, 2, width_ratios=(1.55, 1.0), height_ratios=(1.0, 1.3))
    body = draw_body(result, fig.add_subplot(grid[:, 0]), scale=scale, caption=False)
    share = draw_share(result, fig.add_subplot(grid[0, 1]), scale=scale, caption=False)
    curve = draw_curve(
        sweep, current=result, ax=fig.add_subplot(grid[1, 1]), scale=scale, caption=False
    )
    fig.get_layout_engine().set(w_pad=0.08, h_pad=0.1, wspace=0.04, hspace=0.06)
    return Panels(figure=fig, body=body, share=share, curve=curve, summary=body.summary)


def update_panels(panels: Panels, result: StanceResult, sweep: Sweep | None = None) -> bool:
    """Update the three panels in place for a new result (and sweep).

    Returns
    -------
    bool
        True when an axis range or tick labels changed, so that a cached
        background (see :class:`FastPNG`) must be redrawn.
    """
    update_body(panels.body, result)
    update_share(panels.share, result)
    update_curve(panels.curve, result, sweep=sweep)
    panels.summary = panels.body.summary
    return any(a.state["layout_changed"] for a in (panels.body, panels.share, panels.curve))


@dataclass(eq=False)
class BendPanels:
    """The bend dashboard's figure: the side view and a curve against tightness."""

    figure: Figure
    diagram: Artists
    curve: Artists
    summary: str = ""

    @property
    def changing(self) -> list[Artist]:
        """Every artist an update may change."""
        return [*self.diagram.changing, *self.curve.changing]


def _dashboard_figure(fig: Figure | None, figsize, dpi) -> Figure:
    if fig is None:
        fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        FigureCanvasAgg(fig)
    else:
        fig.clear()
        fig.set_layout_engine("constrained")
    return fig


def draw_bend_panels(
    result,
    sweep: Sweep | None = None,
    *,
    fig: Figure | None = None,
    scale: float = 1.0,
    figsize: tuple[float, float] = (14.5, 7.2),
    dpi: float = 72.0,
) -> BendPanels:
    """The side view of a bend and lumbar/hip flexion against the AKE deficit.

    Parameters
    ----------
    result : gluteed.BendResult
        One scenario.
    sweep : Sweep, optional
        From :func:`sweep_bend`; the AKE sweep of ``result.inputs`` when None.
    fig, scale, figsize, dpi
        As for :func:`draw_panels`.
    """
    _scalar_any(result)
    fig = _dashboard_figure(fig, figsize, dpi)
    if sweep is None:
        sweep = sweep_bend(result.inputs)
    grid = fig.add_gridspec(1, 2, width_ratios=(1.6, 1.0))
    diagram = draw_bend(result, fig.add_subplot(grid[0, 0]), scale=scale, caption=False)
    curve = draw_curve(
        sweep,
        BEND_OUTPUTS,
        current=result,
        ax=fig.add_subplot(grid[0, 1]),
        scale=scale,
        caption=False,
    )
    return BendPanels(figure=fig, diagram=diagram, curve=curve, summary=diagram.summary)


def update_bend_panels(panels: BendPanels, result, sweep: Sweep | None = None) -> bool:
    """Update the bend panels in place; True when the background must be redrawn."""
    update_bend(panels.diagram, result)
    update_curve(panels.curve, result, sweep=sweep)
    panels.summary = panels.diagram.summary
    return any(a.state["layout_changed"] for a in (panels.diagram, panels.curve))


@dataclass(eq=False)
class WalkPanels:
    """The walking dashboard's figure: the body at one moment and the stride's forces."""

    figure: Figure
    body: Artists
    gait: Artists
    summary: str = ""

    @property
    def changing(self) -> list[Artist]:
        """Every artist an update may change."""
        return [*self.body.changing, *self.gait.changing]


def draw_walk_panels(
    walk,
    current_pct: float = 25.0,
    *,
    fig: Figure | None = None,
    scale: float = 1.0,
    figsize: tuple[float, float] = (14.5, 7.6),
    dpi: float = 72.0,
) -> WalkPanels:
    """The body at one moment of the stride (:func:`walk_frame`) and the gait-cycle plot.

    Parameters
    ----------
    walk : gluteed.WalkResult
    current_pct : float
        The moment to draw, 0 to 100 % of the stride. [%]
    fig, scale, figsize, dpi
        As for :func:`draw_panels`.
    """
    fig = _dashboard_figure(fig, figsize, dpi)
    grid = fig.add_gridspec(1, 2, width_ratios=(1.5, 1.0))
    body = draw_body(
        walk_frame(walk, current_pct), fig.add_subplot(grid[0, 0]), scale=scale, caption=False
    )
    gait = draw_gait(
        walk, fig.add_subplot(grid[0, 1]), current_pct=current_pct, scale=scale, caption=False
    )
    return WalkPanels(figure=fig, body=body, gait=gait, summary=gait.summary)


def update_walk_panels(panels: WalkPanels, walk, current_pct: float) -> bool:
    """Update the walking panels in place; True when the background must be redrawn."""
    update_body(panels.body, walk_frame(walk, current_pct))
    update_gait(panels.gait, walk, current_pct)
    panels.summary = panels.gait.summary
    return any(a.state["layout_changed"] for a in (panels.body, panels.gait))


# ------------------------------------------------------------ rendering ---
_POOL: ThreadPoolExecutor | None = None


def _deflate(data: memoryview, level: int, last: bool) -> bytes:
    """Raw deflate of one piece; all but the last end on a byte boundary (sync flush)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


def _png(rgba: np.ndarray, level: int = 1) -> bytes:
    """Encode an RGBA image as PNG: no row filter, zlib ``level``.

    Writing all four channels avoids a slow strided copy (the constant alpha
    channel costs almost nothing after compression). The two halves of the
    image are compressed in two threads (zlib releases the GIL) and joined
    into one zlib stream, as pigz does.
    """
    global _POOL
    height, width = rgba.shape[:2]
    rows = np.zeros((height, 1 + 4 * width), dtype=np.uint8)  # filter byte 0 per row
    rows[:, 1:] = np.ascontiguousarray(rgba, dtype=np.uint8).reshape(height, 4 * width)
    raw = memoryview(rows).cast("B")
    half = (height // 2) * rows.shape[1]
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="gluteed-png")
    first = _POOL.submit(_deflate, raw[:half], level, False)
    second = _deflate(raw[half:], level, True)
    adler = zlib.adler32(raw)
    data = b"\x78\x01" + first.result() + second + struct.pack(">I", adler)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def figure_png(fig: Figure, *, level: int = 1) -> bytes:
    """Draw a whole figure with Agg and return PNG bytes (fast zlib level).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Drawn at its own size and dpi.
    level : int
        zlib compression level, 0-9: 1 is fast and small enough for plots.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return _png(np.asarray(canvas.buffer_rgba()), level)


#: Text without font hinting renders about twice as fast; used for every
#: frame (full and partial draws alike, so the text looks the same).
_FAST_TEXT = {"text.hinting": "no_hinting"}


class FastPNG:
    """Render a dashboard figure to PNG, redrawing only what changes.

    The static parts (axes, ticks, titles, legend frame, colour key) are
    drawn once and kept as a bitmap; each :meth:`render` restores it, draws
    the changing artists (``panels.changing``) on top and encodes PNG with a
    fast zlib level. After the first full draw the automatic layout is
    frozen, so nothing moves between frames. Call :meth:`invalidate` when an
    axis range or tick labels changed (``update_panels`` returns True then).

    Parameters
    ----------
    panels : Panels, BendPanels or WalkPanels
        Drawn on an Agg canvas (any object with ``figure`` and ``changing``).

    Notes
    -----
    The changing artists are marked *animated*, so a plain ``savefig`` of
    the figure would leave them out: use :meth:`png` or :meth:`savefig`.
    """

    def __init__(self, panels: Panels) -> None:
        if not isinstance(panels.figure.canvas, FigureCanvasAgg):
            raise ValueError("FastPNG needs a figure on an Agg canvas")
        self.panels = panels
        self._background = None
        self._changing: list[Artist] = panels.changing
        for artist in self._changing:
            artist.set_animated(True)
        self._order = sorted(self._changing, key=lambda a: a.get_zorder())
        #: How many times the whole figure was drawn (once, plus once per layout change).
        self.full_draws = 0

    def invalidate(self) -> None:
        """Redraw the static parts at the next :meth:`render`."""
        self._background = None

    def render(self) -> bytes:
        """PNG bytes of the figure as it is now."""
        fig = self.panels.figure
        canvas = fig.canvas
        with mpl.rc_context(_FAST_TEXT):
            if self._background is None:
                canvas.draw()  # runs the layout; skips the animated artists
                fig.set_layout_engine("none")  # freeze: nothing moves between frames
                self._background = canvas.copy_from_bbox(fig.bbox)
                self.full_draws += 1
            else:
                canvas.restore_region(self._background)
            renderer = canvas.get_renderer()
            for artist in self._order:
                if artist.get_visible():
                    artist.draw(renderer)
        return _png(np.asarray(canvas.buffer_rgba()))

    def png(self) -> bytes:
        """The same image drawn the ordinary (slow) way, for saving."""
        for artist in self._changing:
            artist.set_animated(False)
        try:
            with mpl.rc_context(_FAST_TEXT):
                return figure_png(self.panels.figure, level=6)
        finally:
            for artist in self._changing:
                artist.set_animated(True)
            self.invalidate()

    def savefig(self, path, *, overwrite: bool = False, **kwargs) -> None:
        """``Figure.savefig`` with the changing artists included.

        A file path is written as gluteed writes every file: all at once,
        never through a symbolic link, and over an existing file only with
        ``overwrite=True`` (otherwise ValueError naming the file). The format
        comes from ``format=`` or the suffix, PNG without one. A file object
        is handed to matplotlib as it is.
        """
        if isinstance(path, str | os.PathLike):
            fmt = kwargs.pop("format", None) or Path(path).suffix.lstrip(".").lower() or "png"
            buffer = io.BytesIO()
            self._savefig(buffer, format=fmt, **kwargs)
            write_bytes_file(path, buffer.getvalue(), overwrite=overwrite, what="figure file")
        else:
            self._savefig(path, **kwargs)

    def _savefig(self, target, **kwargs) -> None:
        for artist in self._changing:
            artist.set_animated(False)
        try:
            self.panels.figure.savefig(target, **kwargs)
        finally:
            for artist in self._changing:
                artist.set_animated(True)
            self.invalidate()
