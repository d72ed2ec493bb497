"""Load-share bars: the stance-side hip abductors against each side of the lower back."""

from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from ..stance import StanceResult
from ..sweeps import Sweep, other_side, require_one_stance
from ..text import num
from . import artists as kit
from .artists import Artists
from .style import STYLES

__all__ = ["draw_share", "update_share"]


#: Each bar and the result field of its force. [N]
_BAR_FORCES = {
    "abductors": "abductor_force_n",
    "lumbar_contralateral": "lumbar_contralateral_force_n",
    "lumbar_ipsilateral": "lumbar_ipsilateral_force_n",
}


def _share_rows(result: StanceResult) -> list[tuple[str, str, float]]:
    side, other = result.stance_side, other_side(result.stance_side)
    labels = {
        "abductors": f"{side} hip\nabductors",
        "lumbar_contralateral": f"{other} lower back\n(other side)",
        "lumbar_ipsilateral": f"{side} lower back\n(same side)",
    }
    return [(key, labels[key], float(getattr(result, name))) for key, name in _BAR_FORCES.items()]


def draw_share(
    result: StanceResult, ax: Axes | None = None, *, scale: float = 1.0, caption: bool = True
) -> Artists:
    """Load-share bars: the hip abductors against each side of the lower back.

    Each bar is a force in × body weight with its own colour, hatch and
    label; the number beside it is its share of the three forces.

    Parameters
    ----------
    result : StanceResult
        One scenario.
    ax, scale, caption
        As for :func:`~gluteed.view.draw_body` (axes, text size, summary underneath).

    Returns
    -------
    Artists
        ``bar_abductors``, ``bar_lumbar_contralateral``,
        ``bar_lumbar_ipsilateral`` (rectangles whose width is the force in ×
        body weight), their ``value_<same>`` texts (share of the three, %) and ``caption``.
    """
    require_one_stance(result)
    ax, fs = kit.axes_and_font(ax, (8.0, 3.6), scale)
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
    kit.plain_axes(ax, fs, grid=False)
    ax.set_title("Who holds the pelvis and the trunk?", fontsize=fs * 1.1, loc="left")
    items["caption"] = kit.add_caption(ax, -0.45, fs, caption)
    artists = kit.record(ax, items, {"caption"}, scale=scale, side=result.stance_side)
    update_share(artists, result)
    return artists


def update_share(artists: Artists, result: StanceResult, sweep: Sweep | None = None) -> None:
    """Resize and relabel the load-share bars for a new result (in place).

    The force axis is refitted only when a bar would run off it or fill less
    than a third of it; the tick labels change only with the stance side.
    Given the dashboard's ``sweep`` (the same scenario over a slider's range),
    the axis is fitted to the largest force anywhere on that range and stays
    put while the slider moves: the bars can be compared from one position to
    the next, and no redraw of the axes interrupts a drag.
    ``artists.state["layout_changed"]`` says whether either happened.
    """
    require_one_stance(result)
    bw = float(result.body_weight_n)
    rows = _share_rows(result)
    if sweep is not None and isinstance(sweep.result, StanceResult):
        artists.state["span"] = _largest_share_force(sweep.result)
    biggest = max(max(n for _k, _l, n in rows) / bw, artists.state.get("span", 0.0))
    total = sum(n for _k, _l, n in rows) or 1.0
    ax = artists.ax
    changed = False
    right = ax.get_xlim()[1]
    if biggest > 0.7 * right or biggest < 0.3 * right:
        ax.set_xlim(0, max(1.0, kit.nice_ceiling(biggest / 0.6, 0.5)))
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
        text.set_text(f" {num(100 * newtons / total, 0)} %")
        text.set_x(newtons / bw)
    side, other = result.stance_side, other_side(result.stance_side)
    artists.summary = (
        f"Load share: {side} hip abductors {num(rows[0][2] / bw, 2)} × BW, "
        f"{other} lower back {num(rows[1][2] / bw, 2)} × BW, "
        f"{side} lower back {num(rows[2][2] / bw, 2)} × BW"
    )
    artists.items["caption"].set_text(artists.summary)
    artists.state["layout_changed"] = changed
    artists.state["result"] = result


def _largest_share_force(swept: StanceResult) -> float:
    """The largest of the three bars' forces over a batch of results. [× BW]"""
    forces = np.stack(
        [np.asarray(getattr(swept, name), dtype=float) for name in _BAR_FORCES.values()]
    ) / np.asarray(swept.body_weight_n, dtype=float)
    finite = forces[np.isfinite(forces)]
    return float(finite.max()) if finite.size else 0.0
