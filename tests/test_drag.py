"""Dragging a slider: changes that come faster than the figure is drawn are merged (the
latest wins), positions shown before send their kept picture, and nothing along the
strength slider redraws the whole figure."""

from __future__ import annotations

import asyncio
import io
import threading

import numpy as np
from PIL import Image

from gluteed import solve_stance
from gluteed.widgets import stance_dashboard


def run_alone(main) -> None:
    """Run the coroutine function ``main`` on a fresh event loop in its own thread.

    The browser tests' sync Playwright keeps an event loop running in the main
    thread of the test process; ``asyncio.run`` there would refuse to start.
    """
    failures: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(main())
        except BaseException as err:  # handed back to the test below
            failures.append(err)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def test_changes_before_the_redraw_are_merged_and_the_latest_is_drawn():
    dash = stance_dashboard("weak-right-glute")
    slider = dash.controls["glute_med_strength_right_pct"]
    drawn = []
    redraw = dash._redraw

    def counting(*, solve=True):
        drawn.append(slider.value)
        redraw(solve=solve)

    dash._redraw = counting
    dash.coalesce = True
    dash._FRAME_S = 60.0  # no frame deadline: this test is about merging

    async def drag():
        for value in (30.0, 35.0, 40.0, 45.0):
            slider.value = value
        assert drawn == [], "nothing is drawn while the changes come in"
        await asyncio.sleep(0)

    run_alone(drag)
    assert drawn == [45.0], "one redraw, of the latest position"
    assert "R glute med 45 % strength" in dash.readout.value


def test_a_steady_stream_of_changes_still_draws_once_a_frame():
    dash = stance_dashboard("weak-right-glute")
    slider = dash.controls["glute_med_strength_right_pct"]
    dash._FRAME_S = 0.0  # every change past the deadline
    dash.coalesce = True

    async def drag():
        slider.value = 30.0  # noted, due
        slider.value = 31.0  # past the deadline: drawn now, without the loop's help
        assert "R glute med 31 % strength" in dash.readout.value

    run_alone(drag)


def test_without_merging_every_change_is_drawn_at_once():
    dash = stance_dashboard("weak-right-glute")
    assert dash.coalesce is False, "the default: the page merges, the kernel draws each change"
    slider = dash.controls["glute_med_strength_right_pct"]

    async def drag():
        slider.value = 33.0
        assert "R glute med 33 % strength" in dash.readout.value

    run_alone(drag)


def test_the_link_follows_once_the_changes_stop():
    dash = stance_dashboard("weak-right-glute")
    slider = dash.controls["glute_med_strength_right_pct"]
    dash.sharing.QUIET_S = 0.05

    async def drag():
        slider.value = 40.0
        slider.value = 41.0
        assert "glute_med_strength_right=41" not in dash.sharing.links.value
        await asyncio.sleep(0.2)
        assert "glute_med_strength_right=41" in dash.sharing.links.value

    run_alone(drag)


# ------------------------------------------------- the cheaper redraw of a drag
def _png(dash) -> bytes:
    return dash.image.value


def test_a_position_shown_before_sends_the_same_picture_as_a_fresh_drawing():
    dash = stance_dashboard("weak-right-glute")
    slider = dash.controls["glute_med_strength_right_pct"]
    shown = {}
    for value in (30.0, 31.0, 32.0, 31.0, 30.0):
        slider.value = value
        shown.setdefault(value, _png(dash))
        assert _png(dash) == shown[value], "a kept picture is the one drawn for that position"
    kept = [dict(settings)["glute_med_strength_right_pct"] for settings, _layout in dash._frames]
    assert sorted(kept[-3:]) == [30.0, 31.0, 32.0], "one picture per position"
    # The kept picture equals what drawing these settings now gives.
    dash._fast.invalidate()
    dash._forget_frames()
    slider.value = 31.0
    slider.value = 30.0
    fresh = _png(dash)
    pixels = [np.asarray(Image.open(io.BytesIO(png))) for png in (fresh, shown[30.0])]
    assert np.array_equal(*pixels)


def test_kept_pictures_stay_within_their_budget_and_are_kept_with_their_layout():
    dash = stance_dashboard("weak-right-glute")
    slider = dash.controls["glute_med_strength_right_pct"]
    dash._FRAMES_BYTES = 3 * len(_png(dash))
    for value in range(40, 50):
        slider.value = float(value)
        assert dash._frames_bytes == sum(len(p) for p in dash._frames.values())
        assert dash._frames_bytes <= dash._FRAMES_BYTES
    assert 1 <= len(dash._frames) <= 3
    newest, layout = next(reversed(dash._frames))
    assert dict(newest)["glute_med_strength_right_pct"] == 49.0, "the oldest go first"
    dash.controls["stance_side"].value = "left"  # other tick labels: the axes are redrawn
    dash.controls["stance_side"].value = "right"
    assert next(reversed(dash._frames)) == (newest, layout), "the layout is part of the key"


def test_a_drag_along_the_strength_slider_keeps_the_force_axis_and_the_numbers():
    dash = stance_dashboard("weak-right-glute")
    slider = dash.controls["glute_med_strength_right_pct"]
    share = dash.panels.share
    axis = share.ax.get_xlim()
    full_draws = dash._fast.full_draws
    for value in range(20, 101, 5):
        slider.value = float(value)
        assert share.ax.get_xlim() == axis, "the force axis does not move during a drag"
        for key in ("abductors", "lumbar_contralateral", "lumbar_ipsilateral"):
            assert share[f"bar_{key}"].get_width() <= axis[1]
        alone = solve_stance(dash.stance_input())
        assert float(dash.result.abductor_force_n) == float(alone.abductor_force_n)
        assert float(dash.result.pelvic_drop_deg) == float(alone.pelvic_drop_deg)
    assert dash._fast.full_draws == full_draws, "no full redraw along the drag"
