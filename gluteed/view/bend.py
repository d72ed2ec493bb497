"""The forward bend seen from the side: pelvic tilt, lumbar flexion and the hamstrings.

``draw_bend(result)`` draws a :func:`gluteed.solve_bend` result once;
``update_bend(artists, result)`` turns, recolours and relabels the same
artists. The person faces right (x anterior). Muscle attachments are those
of the bend model (OpenSim gait2392, :mod:`gluteed.geometry`); outlines are
schematic. A bend out of reach is drawn, faded, at the deepest bend the
person can reach (:func:`gluteed.sweeps.deepest_bend`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from matplotlib.artist import Artist
from matplotlib.axes import Axes

from ..anthropometry import HIP_DISTANCE_PER_HEIGHT, body_model
from ..geometry import (
    ANKLE_HEIGHT_PER_HEIGHT,
    BACK_IN_PELVIS,
    ERECTOR_SPINAE_PATH,
    GAIT2392_HIP_DISTANCE_M,
    GAIT2392_MUSCLES,
    HAND_LENGTH_PER_HEIGHT,
    HIP_HEIGHT_PER_HEIGHT,
    HIP_IN_PELVIS,
    KNEE_HEIGHT_PER_HEIGHT,
    KNEE_IN_FEMUR,
)
from ..sweeps import deepest_bend, require_one_bend
from ..text import bend_summary_line, num, reach_text
from . import artists as kit
from .artists import Artists
from .body_geometry import (
    HEAD_BREADTH_RATIO,
    HEAD_LENGTH,
    SHOULDER_TO_CHIN,
    SHOULDER_TO_WRIST,
    rotation,
)
from .style import OKABE_ITO, activation_colour

if TYPE_CHECKING:
    from ..hamstrings import BendResult

__all__ = ["bend_points", "draw_bend", "update_bend"]

#: Stature units per metre of the OpenSim gait2392 model, whose pelvis,
#: femur and tibia points the bend model uses (hip centres 0.167 m apart =
#: 0.099 of stature, as in ``gluteed.anthropometry``).
_G2392 = HIP_DISTANCE_PER_HEIGHT / GAIT2392_HIP_DISTANCE_M


def _from_hip(point: Sequence[float] | np.ndarray) -> tuple[float, float]:
    """A gait2392 pelvis-frame point relative to the hip centre, sagittal (x, y). [m]"""
    return (point[0] - HIP_IN_PELVIS[0], point[1] - HIP_IN_PELVIS[1])


# gait2392 points relative to the hip centre, x anterior, y up [m], so that
# the bands run where the bend model's muscles run: the lumbosacral joint,
# the semimembranosus origin (ischial tuberosity) and insertion (tibia, knee
# straight), the gluteus maximus (glut_max2) origin and insertion, and the
# erector spinae origin on the pelvis and insertion on the torso (relative
# to the lumbosacral joint, in the torso frame).
_SEMIMEM, _GLUT_MAX2 = GAIT2392_MUSCLES["semimem"], GAIT2392_MUSCLES["glut_max2"]
_L5_G = _from_hip(BACK_IN_PELVIS)
_HAM_ORIGIN_G = _from_hip(_SEMIMEM.pelvis[-1])
_HAM_INSERTION_G = (
    KNEE_IN_FEMUR[0] + _SEMIMEM.moving[0][0],
    KNEE_IN_FEMUR[1] + _SEMIMEM.moving[0][1],
)
_GMAX_ORIGIN_G = _from_hip(_GLUT_MAX2.pelvis[0])
_GMAX_INSERTION_G = _GLUT_MAX2.moving[1][:2]
_ERECTOR_ORIGIN_G = _from_hip(ERECTOR_SPINAE_PATH.pelvis)
_ERECTOR_INSERTION_TRUNK_G = ERECTOR_SPINAE_PATH.torso

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
#: The labels of the bend diagram: name -> (title, column, top of the label in
#: axes fraction).
_BEND_LABELS = {
    "lumbar_flexion": ("lumbar flexion", "back", 0.95),
    "hip_flexion": ("hip flexion (pelvic tilt)", "back", 0.80),
    "erector": ("lower back (erector spinae)", "back", 0.65),
    "glute_max": ("gluteus maximus", "back", 0.47),
    "hamstrings": ("hamstrings", "back", 0.30),
    "compression": ("L5-S1 compression", "front", 0.19),
    "reach": ("deepest bend", "front", 0.95),
}
#: Inner edges of the label columns of the bend diagram, in axes fractions.
_BEND_COLUMNS = {"back": 0.40, "front": 0.60}
#: Length of the dashed ray at the reachable inclination, stature units. [-]
_REACH_RAY = 0.5


class _SideFrames:
    """The side view's frames: the pelvis tilted on vertical thighs, the trunk inclined.

    The trunk turns about L5-S1; stature units, x anterior, y up.
    """

    def __init__(self, hip_flexion_deg: float, incline_deg: float) -> None:
        self.hip = np.array([0.0, HIP_HEIGHT_PER_HEIGHT])
        self.tilt = rotation(-hip_flexion_deg)  # forward tilt: clockwise, facing right
        self.l5 = self.on_pelvis(_L5_G)[0]
        si, ci = np.sin(np.radians(incline_deg)), np.cos(np.radians(incline_deg))
        self.up = np.array([si, ci])  # along the trunk
        self.front = np.array([ci, -si])  # across the trunk, anterior

    def on_pelvis(self, points_m: npt.ArrayLike) -> np.ndarray:
        return self.hip + (np.atleast_2d(np.asarray(points_m, dtype=float)) * _G2392) @ self.tilt.T

    def on_trunk(self, points: npt.ArrayLike) -> np.ndarray:
        p = np.atleast_2d(np.asarray(points, dtype=float))
        return self.l5 + p[:, 1:2] * self.up + p[:, :1] * self.front


def _trunk_outline(sh: float) -> list[tuple[float, float]]:
    """Trunk outline from L5-S1 for a shoulder height ``sh`` (schematic).

    Points (across, along) in fractions of stature.
    """
    return [
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


def _side_muscles(f: _SideFrames) -> dict[str, np.ndarray]:
    """Both ends of the hamstrings, gluteus maximus and erector spinae bands."""
    hip = f.hip
    erector_insertion = np.asarray(_ERECTOR_INSERTION_TRUNK_G)[[0, 1]] * _G2392
    return {
        "hamstrings": np.array(
            [f.on_pelvis(_HAM_ORIGIN_G)[0], hip + np.asarray(_HAM_INSERTION_G) * _G2392]
        ),
        "glute_max": np.array(
            [f.on_pelvis(_GMAX_ORIGIN_G)[0], hip + np.asarray(_GMAX_INSERTION_G) * _G2392]
        ),
        "erector": np.array(
            [f.on_pelvis(_ERECTOR_ORIGIN_G)[0], f.on_trunk([erector_insertion])[0]]
        ),
    }


def _side_limbs(f: _SideFrames, sh: float) -> dict[str, np.ndarray]:
    """Leg, foot and the hanging arm."""
    hip = f.hip
    shoulder = f.on_trunk([(0.02, sh - 0.01)])[0]
    return {
        "leg": np.array([hip, [0.0, KNEE_HEIGHT_PER_HEIGHT], [0.0, ANKLE_HEIGHT_PER_HEIGHT]]),
        "foot": np.array(
            [
                [_FOOT_SIDE[0], ANKLE_HEIGHT_PER_HEIGHT * 0.6],
                [0.0, ANKLE_HEIGHT_PER_HEIGHT],
                [0.03, ANKLE_HEIGHT_PER_HEIGHT * 0.8],
                [_FOOT_SIDE[1], 0.0],
                [_FOOT_SIDE[0], 0.0],
            ]
        ),
        "arm": np.array([shoulder, shoulder - [0.0, SHOULDER_TO_WRIST + HAND_LENGTH_PER_HEIGHT]]),
    }


def bend_points(result: BendResult) -> dict:
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
    require_one_bend(result)
    body = body_model(result.inputs.subject)
    h = float(body.height_m)
    hip_flex = float(result.hip_flexion_deg)
    incline = float(result.hip_flexion_deg) + float(result.lumbar_flexion_deg)
    f = _SideFrames(hip_flex, incline)
    sh = float(body.shoulder_height_m) / h
    l5 = f.l5
    out: dict = {"height_m": h, "hip": f.hip, "l5s1": l5}
    out["pelvis"] = f.on_pelvis(_PELVIS_SIDE_G)
    out["trunk"] = f.on_trunk(_trunk_outline(sh))
    head_along = sh + SHOULDER_TO_CHIN + HEAD_LENGTH / 2
    out["head_centre"] = f.on_trunk([(0.02, head_along)])[0]
    out["head_size"] = (HEAD_BREADTH_RATIO * HEAD_LENGTH * 1.2, HEAD_LENGTH)
    out["head_angle_deg"] = -incline
    out["trunk_axis"] = f.on_trunk([(0.0, 0.0), (0.0, head_along)])
    length = head_along * 0.85
    out["vertical_reference"] = np.array([l5, l5 + np.array([0.0, length])])
    sp, cp = np.sin(np.radians(hip_flex)), np.cos(np.radians(hip_flex))
    out["pelvis_reference"] = np.array([l5, l5 + length * np.array([sp, cp])])
    out.update(_side_limbs(f, sh))
    out["muscles"] = _side_muscles(f)
    return out


def _draw_side_body(ax: Axes, scale: float) -> dict[str, Artist]:
    """Pelvis, trunk, head, foot, leg, arm, posture lines and the muscle bands (empty)."""
    items: dict[str, Artist] = kit.add_torso(ax)
    items.update(kit.add_feet(ax, ("foot",)))
    items.update(kit.add_limbs(ax, ("leg",), scale))
    items.update(kit.add_limbs(ax, ("arm",), scale, zorder=4))
    dashed = dict(color="black", linewidth=1.8, linestyle=(0, (4, 3)), zorder=8)
    (items["trunk_axis"],) = ax.plot([], [], color="black", linewidth=2.5, zorder=8)
    (items["vertical_reference"],) = ax.plot([], [], **dashed)
    (items["pelvis_reference"],) = ax.plot([], [], **{**dashed, "linestyle": (0, (1, 2))})
    items.update(kit.add_bands(ax, ("hamstrings", "glute_max", "erector")))
    return items


def _draw_side_labels(ax: Axes, fs: float, caption: bool) -> dict[str, Artist]:
    """Leaders, titles and values per label; the hypothesis and warning boxes; the caption."""
    items: dict[str, Artist] = {}
    for name in _BEND_LABELS:
        (items[f"leader_{name}"],) = ax.plot([], [], linewidth=1.3, zorder=9, color="#333333")
        items[f"title_{name}"] = ax.text(
            0, 0, "", transform=ax.transAxes, fontsize=fs, weight="bold", va="top", zorder=12
        )
        items[f"value_{name}"] = ax.text(
            0, 0, "", transform=kit.lines_below(ax, 1.2 * fs), fontsize=fs, va="top", zorder=12
        )
    box = dict(
        boxstyle="round,pad=0.25",
        facecolor="white",
        edgecolor=OKABE_ITO["reddish_purple"],
        linewidth=2,
    )
    items["hypothesis_label"] = ax.text(
        0.01, 0.02, "", transform=ax.transAxes, fontsize=fs * 0.9, va="bottom", zorder=12, bbox=box
    )
    (items["reach_line"],) = ax.plot(
        [], [], color=OKABE_ITO["bluish_green"], linewidth=2.5, linestyle=(0, (6, 3)), zorder=6
    )
    items["cannot_label"] = kit.warning_label(ax, (0.99, 0.02), "", fs, ha="right", va="bottom")
    items["caption"] = kit.add_caption(ax, -0.01, fs, caption, wrap=True)
    for name, (title, column, top) in _BEND_LABELS.items():
        ha = "right" if column == "back" else "left"
        for part in ("title", "value"):
            items[f"{part}_{name}"].set_position((_BEND_COLUMNS[column], top))
            items[f"{part}_{name}"].set_horizontalalignment(ha)
        items[f"title_{name}"].set_text(title)
    return items


def draw_bend(
    result: BendResult, ax: Axes | None = None, *, scale: float = 1.0, caption: bool = True
) -> Artists:
    """Draw the side view of a forward bend: pelvic tilt, lumbar flexion, hamstrings.

    A bend out of reach (``result.feasible`` False) is not drawn as asked:
    the person is shown, faded, at the deepest bend they can reach, with
    "cannot bend this far" and the reason.

    Parameters
    ----------
    result : gluteed.BendResult
        One scenario of :func:`gluteed.solve_bend`.
    ax, scale, caption
        As for :func:`~gluteed.view.draw_body` (axes, text size, summary
        underneath); the data units here too are fractions of stature.

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
    """
    require_one_bend(result)
    ax, fs = kit.axes_and_font(ax, (8.0, 7.0), scale)
    kit.draw_scene(ax, _BEND_X_LIMITS, _BEND_Y_LIMITS, "seen from the side, facing right", fs)
    items = _draw_side_body(ax, scale)
    items.update(_draw_side_labels(ax, fs, caption))
    static = {n for n in items if n.startswith("title_")}
    static |= {"cannot_label", "hypothesis_label", "caption"}
    artists = kit.record(ax, items, static, scale=scale)
    update_bend(artists, result)
    return artists


def _move_side_body(it: dict, pts: dict, feasible: bool) -> None:
    for name in ("pelvis", "trunk", "foot"):
        it[name].set_xy(pts[name])
    head = it["head"]
    head.set_center(tuple(pts["head_centre"]))
    head.width, head.height = pts["head_size"]
    head.set_angle(pts["head_angle_deg"])
    for name in ("leg", "arm", "trunk_axis", "vertical_reference", "pelvis_reference"):
        it[name].set_data(pts[name][:, 0], pts[name][:, 1])
    for name in ("pelvis", "trunk", "head", "foot", "leg", "arm", "trunk_axis"):
        it[name].set_alpha(1.0 if feasible else 0.35)


def _update_side_bands(it: dict, pts: dict, result: BendResult, feasible: bool) -> None:
    """Colour = activation, width = force, hatched where stretch carries more."""
    r, bw = result, float(result.body_weight_n)
    bands = {
        "hamstrings": (
            float(r.hamstring_activation_pct),
            float(r.hamstring_active_force_n) + float(r.hamstring_passive_force_n),
            float(r.hamstring_passive_force_n) > float(r.hamstring_active_force_n),
        ),
        "glute_max": (float(r.glute_max_activation_pct), float(r.glute_max_force_n), False),
        "erector": (
            float(r.erector_spinae_activation_pct),
            float(r.erector_spinae_force_n),
            float(r.lumbar_passive_moment_nm) > float(r.erector_spinae_moment_nm),
        ),
    }
    for name, (act, newtons, passive) in bands.items():
        band = it[f"band_{name}"]
        band.set_visible(feasible)
        if not feasible:
            continue
        width = 0.008 + 0.012 * min(newtons / bw, 2.0)
        band.set_xy(kit.band_polygon(pts["muscles"][name], width))
        band.set_facecolor(activation_colour(act))
        band.set_hatch("////" if passive else None)
        band.set_edgecolor(OKABE_ITO["vermillion"] if act > 100 else "black")


def _bend_values(result: BendResult, feasible: bool) -> dict[str, str]:
    """The value line of each label."""
    r = result
    values = {
        "erector": f"{num(float(r.erector_spinae_force_n), 0)} N = "
        f"{num(float(r.erector_spinae_force_bw), 2)} × BW, "
        f"{num(float(r.erector_spinae_activation_pct), 0)} %",
        "glute_max": f"{num(float(r.glute_max_force_n), 0)} N, "
        f"{num(float(r.glute_max_activation_pct), 0)} %",
        "hamstrings": f"active {num(float(r.hamstring_active_force_n), 0)} N, "
        f"stretched {num(float(r.hamstring_passive_force_n), 0)} N",
        "lumbar_flexion": f"{num(float(r.lumbar_flexion_deg), 0)}° "
        f"({num(100 * float(r.lumbar_share), 0)} % of the bend)",
        "hip_flexion": f"{num(float(r.hip_flexion_deg), 0)}°",
        "compression": f"{num(float(r.l5s1_compression_n), 0)} N = "
        f"{num(float(r.l5s1_compression_bw), 2)} × BW\nwithout muscle tone",
    }
    if not feasible:
        values = dict.fromkeys(values, "—")
    reach = reach_text(result)
    values["reach"] = (
        f"{reach}, hips stopped at {num(float(r.reachable_hip_flexion_deg), 0)}°"
        if not reach.startswith("≥")
        else reach
    )
    return values


def _update_side_labels(it: dict, pts: dict, result: BendResult, feasible: bool) -> None:
    """The reach ray, the values and the leaders from each label to what it names."""
    # The reachable inclination: a dashed ray from L5-S1, where the trunk axis
    # starts, labelled at its end (above it, towards the body).
    ray = np.radians(float(result.reachable_trunk_inclination_deg))
    start = pts["l5s1"]
    end = start + _REACH_RAY * np.array([np.sin(ray), np.cos(ray)])
    it["reach_line"].set_data([start[0], end[0]], [start[1], end[1]])
    values = _bend_values(result, feasible)
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
    for name, (_title, column, top) in _BEND_LABELS.items():
        it[f"value_{name}"].set_text(values[name])
        fx = _BEND_COLUMNS[column] + (0.005 if column == "back" else -0.005)
        start = (x0 + fx * (x1 - x0), y0 + (top - 0.025) * (y1 - y0))
        kit.set_leader(it[f"leader_{name}"], start, ends[name], "#333333")


def _update_boxes(artists: Artists, result: BendResult, feasible: bool) -> bool:
    """The hypothesis and cannot-bend boxes, redrawn only when they change."""
    it = artists.items
    inhibited = bool(result.inputs.glute_inhibition)
    available = float(result.glute_max_availability)
    signature = (
        inhibited,
        feasible,
        round(available, 3) if inhibited else None,
        None if feasible else (result.reason, round(float(result.trunk_inclination_deg), 1)),
    )
    changed = artists.state.get("signature") != signature
    if changed:
        it["hypothesis_label"].set_text(
            # Three short lines: narrow enough to sit beside the warning box.
            "hypothesis ON: tight\nhamstrings inhibit the glutes\n"
            f"({num(100 * available, 0)} % of them available)"
        )
        it["hypothesis_label"].set_visible(inhibited)
        it["cannot_label"].set_text(
            f"⚠ cannot bend {num(float(result.trunk_inclination_deg), 0)}° with straight knees\n"
            f"drawn: the deepest bend, {reach_text(result)}"
        )
        it["cannot_label"].set_visible(not feasible)
        artists.state["signature"] = signature
    return changed


def update_bend(artists: Artists, result: BendResult) -> None:
    """Turn, recolour and relabel the bend diagram for a new result (in place).

    A bend out of reach is drawn, faded, at the deepest bend the person can
    reach; the labels keep the asked bend's numbers ("—" where there are none).
    """
    require_one_bend(result)
    feasible = bool(result.feasible)
    pts = bend_points(result if feasible else deepest_bend(result))
    it = artists.items
    _move_side_body(it, pts, feasible)
    _update_side_bands(it, pts, result, feasible)
    _update_side_labels(it, pts, result, feasible)
    changed = _update_boxes(artists, result, feasible)
    artists.summary = bend_summary_line(result)
    it["caption"].set_text(artists.summary)
    artists.state.update(result=result, layout_changed=changed)
