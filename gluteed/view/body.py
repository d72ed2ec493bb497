"""The frontal body diagram: the person seen from behind, muscles and forces to scale.

``draw_body(result)`` draws it once; ``update_body(artists, result)`` moves,
resizes, recolours and relabels the same artists for a new result. Where
the parts are comes from :func:`gluteed.view.body_geometry.body_points`;
each kind of part is drawn and updated by its own small function below:
the frame (letters, floor, activation keys), the body (pelvis, trunk, head,
limbs, loads), the muscle bands, the force arrows and their labels.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import numpy.typing as npt
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, FancyArrow, Polygon

from ..stance import DROP_VISIBLE_DEG, StanceInput, StanceResult
from ..sweeps import other_side, require_one_stance
from ..text import num, summary_line
from . import artists as kit
from .artists import Artists
from .body_geometry import body_points
from .style import (
    ACTIVATION_CMAP,
    ACTIVATION_RANGE,
    OKABE_ITO,
    STYLES,
    activation_colour,
)

__all__ = ["draw_body", "update_body", "value_line"]

# Drawing window in stature units (every body fills it the same way).
_X_LIMIT = 0.7
_Y_LIMITS = (-0.1, 1.22)

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

#: Arrow body width and head size, in stature units.
_ARROW_SHAPE = dict(width=0.009, head_width=0.032, head_length=0.03)
_ARROW_LOOK = dict(edgecolor="white", linewidth=1.0, zorder=10, **_ARROW_SHAPE)

#: Pieces of a force label's value line, in order, and their fixed texts;
#: the widest numbers the fields are made for.
_VALUE_PARTS = ("value", "unit_n", "bw", "unit_bw")
_VALUE_UNITS = {"unit_n": " N = ", "unit_bw": " × BW"}
_VALUE_WIDEST = {"value": "9999", "unit_n": " N = ", "bw": "9.99", "unit_bw": " × BW"}

_DASHED = dict(color="black", linewidth=1.8, linestyle=(0, (4, 3)))


# ---------------------------------------------------------------- drawing ---
def _draw_frame(ax: Axes, fs: float) -> dict[str, Axes]:
    """Axes limits, the L/R letters, the floor and the two activation keys."""
    kit.draw_scene(ax, (-_X_LIMIT, _X_LIMIT), _Y_LIMITS, "seen from behind", fs)
    for x, letter in ((0.0, "L"), (1.0, "R")):
        ha = "left" if x == 0 else "right"
        ax.text(
            x,
            1.0,
            letter,
            transform=ax.transAxes,
            fontsize=fs * 1.6,
            weight="bold",
            ha=ha,
            va="top",
        )
    # Activation key: a small colour bar on the swing side (one per side, static).
    lo, hi = ACTIVATION_RANGE
    keys = {}
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
        # The anatomical names behind "others*" in the abductors' label.
        # What "others*" in the abductors' label are, beside the key, toward the middle.
        key.text(
            1.04 if side == "left" else -0.04, 0.5, "*others: gluteus minimus and TFL",
            transform=key.transAxes, fontsize=fs * 0.7, va="center",
            ha="left" if side == "left" else "right",
        )  # fmt: skip
        keys[side] = key
    return keys


def _draw_parts(ax: Axes, scale: float) -> dict[str, Artist]:
    """Pelvis, trunk, head, limbs, feet, hips, posture lines, bag and cane (empty)."""
    items: dict[str, Artist] = kit.add_torso(ax)
    items.update(kit.add_limbs(ax, ("leg_stance", "leg_swing", "arm_stance", "arm_swing"), scale))
    items.update(kit.add_feet(ax, ("foot_stance", "foot_swing")))
    patch = ax.add_patch
    for name in ("hip_stance", "hip_swing"):
        items[name] = patch(
            Circle((0, 0), 0.014, zorder=6, facecolor="white", edgecolor="black", linewidth=2)
        )
    (items["trunk_axis"],) = ax.plot([], [], color="black", linewidth=2.5, zorder=4)
    (items["vertical_reference"],) = ax.plot([], [], zorder=4, **_DASHED)
    (items["pelvis_axis"],) = ax.plot([], [], color="black", linewidth=2.5, zorder=6)
    (items["level_reference"],) = ax.plot([], [], zorder=6, **_DASHED)
    bag = STYLES["bag"]
    items["bag"] = patch(
        Polygon(
            np.zeros((3, 2)),
            closed=True,
            zorder=5,
            facecolor=bag["color"],
            edgecolor="black",
            hatch=bag["hatch"],
        )
    )
    (items["cane"],) = ax.plot(
        [], [], color="#6b4f2a", linewidth=5, solid_capstyle="round", zorder=1
    )
    items.update(kit.add_bands(ax, _BANDS))
    return items


def _draw_force_labels(ax: Axes, fs: float) -> dict[str, Artist]:
    """An arrow, a title and a value line per force (and the drop's label)."""
    items: dict[str, Artist] = {}
    value = dict(fontsize=fs, va="top", ha="right", zorder=12)
    for name in (*_FORCES, "drop"):
        if name != "drop":
            arrow = FancyArrow(0, 0, 0, 0, length_includes_head=True, **_ARROW_LOOK)
            items[f"arrow_{name}"] = ax.add_patch(arrow)
        items[f"title_{name}"] = ax.text(
            0, 0, "", transform=ax.transAxes, fontsize=fs, weight="bold", va="top", zorder=12
        )
        # The value line "1234 N = 1.23 × BW" as a small table: the numbers
        # change on every update, the units only with the layout (drawing
        # fewer changing glyphs keeps a slider fast).
        for part in ("value",) if name == "drop" else _VALUE_PARTS:
            items[f"{part}_{name}"] = ax.text(
                0, 0, _VALUE_UNITS.get(part, ""), transform=kit.lines_below(ax, 1.2 * fs), **value
            )
    items["leaders"] = ax.add_collection(LineCollection([], linewidths=1.3, zorder=9))
    return items


def _draw_texts(ax: Axes, fs: float, caption: bool) -> dict[str, Artist]:
    """The activation note, the lean and stance labels, the warning and the caption."""
    at = dict(transform=ax.transAxes, fontsize=fs, va="top", zorder=12)
    items: dict[str, Artist] = {}
    items["abductor_activation"] = ax.text(
        0, 0, "", transform=kit.lines_below(ax, 2.4 * fs), fontsize=fs * 0.9, va="top", zorder=12
    )
    items["lean_title"] = ax.text(0.49, 0.945, "trunk lean:", ha="right", weight="bold", **at)
    items["lean_label"] = ax.text(0.5, 0.945, "", ha="left", **at)
    items["over_label"] = kit.warning_label(
        ax, (0.5, 0.897), "⚠ cannot stand on this leg without support", fs, ha="center", va="top"
    )
    items["stance_label"] = ax.text(
        0, -0.012, "", fontsize=fs, zorder=12, ha="center", va="top", weight="bold"
    )
    items["caption"] = kit.add_caption(ax, -0.01, fs, caption, wrap=True)
    return items


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
    require_one_stance(result)
    ax, fs = kit.axes_and_font(ax, (7.5, 7.8), scale)
    keys = _draw_frame(ax, fs)
    items = _draw_parts(ax, scale)
    items.update(_draw_force_labels(ax, fs))
    items.update(_draw_texts(ax, fs, caption))
    static = {n for n in items if n.startswith(("title_", "unit_"))}
    static |= {"lean_title", "stance_label", "over_label", "caption"}
    artists = kit.record(ax, items, static, scale=scale, keys=keys)
    update_body(artists, result)
    return artists


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


# --------------------------------------------------------------- updating ---
def _move_parts(it: dict, pts: dict, h: float, inp: StanceInput) -> None:
    """Outlines, head, limbs, hips and posture lines to the new points."""

    def u(points: npt.ArrayLike) -> np.ndarray:  # metres -> stature units
        return np.asarray(points, dtype=float) / h

    for name in ("pelvis", "trunk", "foot_stance", "foot_swing", "bag"):
        it[name].set_xy(u(pts[name]))
    head = it["head"]
    head.set_center(tuple(u(pts["head_centre"])))
    head.width, head.height = (s / h for s in pts["head_size"])
    head.set_angle(pts["head_angle_deg"])
    lines = ("leg_stance", "leg_swing", "arm_stance", "arm_swing", "cane")
    for name in (*lines, "trunk_axis", "vertical_reference", "pelvis_axis", "level_reference"):
        xy = u(pts[name])
        it[name].set_data(xy[:, 0], xy[:, 1])
    for name in ("hip_stance", "hip_swing"):
        it[name].set_center(tuple(u(pts[name])))
    it["bag"].set_visible(float(inp.bag_kg) > 0)
    it["cane"].set_visible(float(inp.cane_pct_bw) > 0)


def _lumbar_roles(side: str) -> dict[str, str]:
    """Which side of the lower back plays which role."""
    return {
        "lumbar_left": "contralateral" if side == "right" else "ipsilateral",
        "lumbar_right": "ipsilateral" if side == "right" else "contralateral",
    }


def _update_bands(it: dict, pts: dict, h: float, result: StanceResult) -> dict[str, float]:
    """Band ends, width and colour by activation; returns the activations. [%]"""
    role = _lumbar_roles(result.stance_side)
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
        band.set_xy(kit.band_polygon(np.asarray(ends[name], dtype=float) / h, width))
        band.set_facecolor(activation_colour(act))
        # No muscle works above its capacity; one at it gets a thick outline.
        limit = act >= _AT_CAPACITY_PCT
        band.set_hatch(None)
        band.set_edgecolor(OKABE_ITO["vermillion"] if limit else "black")
        band.set_linewidth(3.5 if limit else 1.5)
    return activation


def _force_titles(result: StanceResult) -> dict[str, str]:
    inp = result.inputs
    side, other = result.stance_side, other_side(result.stance_side)
    load = float(inp.vertical_load_factor)
    return {
        "abductors": f"{side} hip abductors",
        "hip_contact": f"{side} hip joint",
        "adductors": f"{side} hip adductors",
        "lumbar_left": "left lower back",
        "lumbar_right": "right lower back",
        "body_weight": "body weight" if load == 1.0 else "body weight, moving",
        "bag": f"bag in {side if inp.bag_side == 'same' else other} hand",
        "cane": f"cane, {other} hand",
        "drop": f"pelvis, {other} side",
    }


def _set_arrow(arrow: FancyArrow, tail: np.ndarray, tip: np.ndarray) -> None:
    """Short arrows get a proportionally short head, so every arrow's length is its force."""
    d = tip - tail
    head = min(_ARROW_SHAPE["head_length"], 0.6 * float(np.hypot(*d)))
    arrow.set_data(
        x=float(tail[0]),
        y=float(tail[1]),
        dx=float(d[0]),
        dy=float(d[1]),
        head_length=head,
        head_width=min(_ARROW_SHAPE["head_width"], 1.1 * head + _ARROW_SHAPE["width"]),
    )


class _Columns:
    """The two label columns beside the body, in axes fractions and in data."""

    def __init__(self, ax: Axes, stance_on_right: bool) -> None:
        self.edge = {
            "stance": 1 - _COLUMN_EDGE if stance_on_right else _COLUMN_EDGE,
            "swing": _COLUMN_EDGE if stance_on_right else 1 - _COLUMN_EDGE,
        }
        self.lims = (ax.get_xlim(), ax.get_ylim())

    def leader_start(self, column: str, top: float) -> tuple[float, float]:
        """Where a leader line leaves a label, in data units."""
        (x0, x1), (y0, y1) = self.lims
        fx, fy = self.edge[column], top - 0.022
        return x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)


def _update_arrows(it: dict, pts: dict, result: StanceResult, columns: _Columns):
    """Arrows to scale and their values; returns the labels' layout and the leaders."""
    inp, h, bw = result.inputs, pts["height_m"], float(result.body_weight_n)
    role = _lumbar_roles(result.stance_side)
    titles = _force_titles(result)
    layout, leaders = {}, []
    for name in _FORCES:
        key = f"lumbar_{role[name]}" if name in role else name
        tail, tip, newtons = pts["forces"][key]
        tail, tip = np.asarray(tail, dtype=float) / h, np.asarray(tip, dtype=float) / h
        arrow = it[f"arrow_{name}"]
        _set_arrow(arrow, tail, tip)
        colour = STYLES[key]["color"]
        arrow.set_facecolor(colour)
        shown = name in _ALWAYS_SHOWN or newtons > 0.05
        arrow.set_visible(shown and newtons > 0)
        column, top = _SLOTS[f"bag_{inp.bag_side}" if key == "bag" else key]
        layout[name] = (titles[name], colour, column, top, shown)
        it[f"value_{name}"].set_text(f"{num(newtons, 0)}")
        it[f"bw_{name}"].set_text(f"{num(newtons / bw, 2)}")
        if shown:
            leaders.append((columns.leader_start(column, top), tuple((tip + tail) / 2), colour))
        for part in ("value", "bw"):
            it[f"{part}_{name}"].set_visible(shown)
    return layout, leaders


def _update_drop(
    it: dict, pts: dict, result: StanceResult, columns: _Columns, layout: dict, leaders: list
) -> None:
    """The pelvic drop's label and its leader to the swing hip."""
    column, top = _SLOTS["drop"]
    layout["drop"] = (_force_titles(result)["drop"], "black", column, top, True)
    drop = float(result.pelvic_drop_deg)
    it["value_drop"].set_text(
        f"drops {num(drop, 1)}°"
        if drop >= DROP_VISIBLE_DEG
        else (f"hikes {num(-drop, 1)}°" if drop <= -DROP_VISIBLE_DEG else "level")
    )
    swing_hip = tuple(np.asarray(pts["hip_swing"], dtype=float) / pts["height_m"])
    leaders.append((columns.leader_start(column, top), swing_hip, "#333333"))
    it["leaders"].set_segments([(a, b) for a, b, _c in leaders])
    it["leaders"].set_color([c for _a, _b, c in leaders])


def _place_label(artists: Artists, name: str, label: tuple, edge: dict) -> None:
    """Title and value line of one force at its column, aligned to the body."""
    it = artists.items
    title, colour, column, top, shown = label
    ha = "left" if edge[column] > 0.5 else "right"
    pad = 0.01 if ha == "left" else -0.01
    text = it[f"title_{name}"]
    text.set_text(title)
    text.set_color(colour)
    text.set_position((edge[column] + pad, top))
    text.set_horizontalalignment(ha)
    text.set_visible(shown)
    fs = text.get_fontsize()
    parts = ("value",) if name == "drop" else _VALUE_PARTS
    offsets = _value_offsets(fs, flows_right=ha == "left") if name != "drop" else {}
    for part in parts:
        piece = it[f"{part}_{name}"]
        piece.set_position((edge[column] + pad, top))
        if name == "drop":
            piece.set_horizontalalignment(ha)
        else:
            piece.set_transform(kit.lines_below(artists.ax, 1.2 * fs, offsets[part]))
        if part.startswith("unit"):
            piece.set_visible(shown)
    if name == "abductors":
        it["abductor_activation"].set_position((edge[column] + pad, top))
        it["abductor_activation"].set_horizontalalignment(ha)


def _relabel(artists: Artists, layout: dict, edge: dict, result: StanceResult, pts: dict) -> None:
    """What changes only with the layout: label places, titles, stance side, warning."""
    it = artists.items
    side = result.stance_side
    for name, label in layout.items():
        _place_label(artists, name, label, edge)
    it["over_label"].set_visible(not bool(result.feasible))
    it["lean_title"].set_text(f"trunk lean to the {side}:")
    for key_side, key in artists.state["keys"].items():
        key.set_visible(key_side == other_side(side))
    it["stance_label"].set_text(f"stance: {side} leg")
    it["stance_label"].set_x(float(pts["hip_stance"][0] / pts["height_m"]))


def update_body(artists: Artists, result: StanceResult) -> None:
    """Move, resize, recolour and relabel the body diagram for a new result.

    No artist is created or removed; absent loads (no bag, no cane, idle
    adductors) are hidden. ``artists.state["layout_changed"]`` is True when
    a label that is drawn as background (titles, visibility, stance side)
    changed.
    """
    require_one_stance(result)
    pts = body_points(result)
    it = artists.items
    h = pts["height_m"]
    _move_parts(it, pts, h, result.inputs)
    activation = _update_bands(it, pts, h, result)
    # Arrows to scale; labels in two columns beside the body, leader lines
    # from the labels to the arrows.
    columns = _Columns(artists.ax, float(pts["hip_stance"][0]) > 0)
    layout, leaders = _update_arrows(it, pts, result, columns)
    _update_drop(it, pts, result, columns, layout, leaders)
    it["abductor_activation"].set_text(
        f"med {num(activation['glute_med'], 0)} %, others* {num(activation['glute_min_tfl'], 0)} %"
    )
    lean = float(result.trunk_lean_deg)
    it["lean_label"].set_text(f"{num(lean, 1)}°")  # + toward the stance side
    over = not bool(result.feasible)
    # What cannot be held is not drawn as if it were: the body fades behind
    # the message that says why.
    for name, artist in it.items():
        if name not in _NEVER_FADED and hasattr(artist, "set_alpha"):
            artist.set_alpha(_FADED_ALPHA if over else None)
    signature = (tuple(sorted(layout.items())), result.stance_side, over, columns.edge["stance"])
    changed = artists.state.get("signature") != signature
    if changed:
        _relabel(artists, layout, columns.edge, result, pts)
        artists.state["signature"] = signature
    artists.summary = summary_line(result)
    it["caption"].set_text(artists.summary)
    artists.state.update(result=result, height_m=h, layout_changed=changed)
