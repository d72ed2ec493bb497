"""Slider changes that come faster than the figure is drawn are merged: the latest wins."""

from __future__ import annotations

import asyncio
import threading

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
