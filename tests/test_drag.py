"""Dragging a slider: changes that come faster than the figure is drawn are merged (the
latest wins), positions shown before send their kept picture, nothing along the
strength slider redraws the whole figure, and the positions drawn ahead for the page
are the pictures drawn there."""

from __future__ import annotations

import asyncio
import io
import threading

import numpy as np
import pytest
from PIL import Image

from gluteed import drag_frames, solve_stance
from gluteed.dashboard import Dashboard
from gluteed.widgets import bend_dashboard, stance_dashboard, walk_dashboard


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


def count_redraws(dash, slider) -> list:
    """The slider's value at each redraw of ``dash`` from now on (the list fills as it goes)."""
    drawn = []
    redraw = dash._redraw

    def counting(*, solve=True):
        drawn.append(slider.value)
        redraw(solve=solve)

    dash._redraw = counting
    return drawn


def test_changes_before_the_redraw_are_merged_and_the_latest_is_drawn():
    dash = stance_dashboard("weak-right-glute")
    slider = dash.controls["glute_med_strength_right_pct"]
    drawn = count_redraws(dash, slider)
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


# ------------------------------------------------------------- drawing ahead
# While the kernel is idle it draws the positions of the slider the page moved last and
# sends them to the page, which shows them while the slider moves (gluteed.drag_frames).


def _sent_frames(dash) -> list[tuple]:
    """Catch the pictures a dashboard sends the page ahead: (settings, png, alt, readout)."""
    sent: list[tuple] = []
    dash.frames.send_frame = lambda *frame: sent.append(frame)
    return sent


@pytest.mark.parametrize(
    ("make", "name", "value"),
    [
        (stance_dashboard, "glute_med_strength_right_pct", 61.0),
        (stance_dashboard, "mass_kg", 80.0),  # the strength curve is swept again
        (bend_dashboard, "ake_deg", 40.0),  # the AKE curve is swept again
        (walk_dashboard, "cycle_pct", 70.0),  # the stride is not solved again
        (walk_dashboard, "glute_med_strength_right_pct", 12.0),
    ],
)
def test_a_picture_drawn_ahead_is_the_one_drawn_there_and_changes_nothing(make, name, value):
    dash = make("weak-right-glute")
    sent = _sent_frames(dash)
    before = (dash.image.value, dash.readout.value, dash.image.tooltip, dash.frames.settings())
    states = {n: [] for n in dash.controls}
    for n, control in dash.controls.items():
        control.send_state = lambda key=None, n=n: states[n].append(key)
    artists = dash._fast.render()

    dash._send_ahead(name, value)

    assert not any(states.values()), f"the page was told of a position drawn ahead: {states}"
    after = (dash.image.value, dash.readout.value, dash.image.tooltip, dash.frames.settings())
    assert after == before and dash._fast.render() == artists, "drawing ahead changed the figure"
    [(settings, png, alt, readout)] = sent
    there = make("weak-right-glute")
    there.controls[name].value = value
    assert settings == there.frames.settings() and settings[name] == value
    assert png == there.image.value, "the picture drawn ahead is not the one drawn there"
    assert (alt, readout) == (there.image.tooltip, there.readout.value)


def test_slider_positions_are_every_step_nearest_first():
    dash = stance_dashboard("weak-right-glute")
    strength = dash.controls["glute_med_strength_right_pct"]
    positions = drag_frames.slider_positions(strength)
    assert sorted(positions) == [float(v) for v in range(101) if v != strength.value]
    distances = [abs(v - strength.value) for v in positions]
    assert distances == sorted(distances) and distances[0] == 1.0
    height = drag_frames.slider_positions(dash.controls["height_m"])
    assert min(height) == dash.controls["height_m"].min and 1.65 in height
    assert drag_frames.slider_positions(dash.controls["strategy"]) == []
    strength.disabled = True
    assert drag_frames.slider_positions(strength) == []


def test_the_cores_left_free_count_this_kernels_own_work_as_free():
    # (idle ticks, all ticks, own CPU seconds, clock seconds); 2 cores, 1 s, 200 ticks
    start = (0.0, 0.0, 0.0, 0.0)
    assert drag_frames.free_cores(start, (100.0, 200.0, 0.0, 1.0), 2) == 1.0  # one idle
    assert drag_frames.free_cores(start, (0.0, 200.0, 1.0, 1.0), 2) == 1.0  # we used one
    assert drag_frames.free_cores(start, (0.0, 200.0, 0.0, 1.0), 2) == 0.0  # others: both
    assert drag_frames.free_cores(start, start, 2) == 2.0  # no time passed
    assert drag_frames.free_cores(start, (0.0, 200.0, 0.0, 1.0), 2) < drag_frames.ROOM_CORES


def test_a_page_change_the_page_has_a_picture_for_is_drawn_once_the_slider_rests():
    dash = stance_dashboard("weak-right-glute")
    _sent_frames(dash)
    slider = dash.controls["glute_med_strength_right_pct"]
    for value in (30.0, 35.0, 40.0):
        dash._send_ahead("glute_med_strength_right_pct", value)
    drawn = count_redraws(dash, slider)

    async def drag():
        for value in (30.0, 35.0, 40.0):
            slider.set_state({"value": value})  # as the page sends it
        assert drawn == [], "the page shows these already: the kernel waits"
        await asyncio.sleep(dash._LATER_S + 0.2)
        assert drawn == [40.0], "once the slider rests, the kernel draws where it is"
        slider.set_state({"value": 80.0})
        assert drawn == [40.0, 80.0], "a position the page has no picture of is drawn at once"

    run_alone(drag)
    assert "R glute med 80 %" in dash.readout.value


def test_after_a_page_change_the_slider_is_drawn_ahead_until_the_next_change(monkeypatch):
    monkeypatch.setattr(drag_frames, "machine_has_room", lambda: True)
    dash = stance_dashboard("weak-right-glute")
    sent = _sent_frames(dash)
    cane = dash.controls["cane_pct_bw"]

    async def use():
        cane.set_state({"value": 10.0})  # as the page sends it
        for _ in range(400):  # 29 positions, about 50 ms each
            await asyncio.sleep(0.05)
            if len(sent) == 29:
                break
        assert [s["cane_pct_bw"] for s, *_ in sent[:3]] == [9.0, 11.0, 8.0], "nearest first"
        # all but where it is and where it was (0 %: the page has that picture)
        assert sorted(s["cane_pct_bw"] for s, *_ in sent) == list(range(1, 10)) + list(
            range(11, 31)
        )
        assert all(s | {"cane_pct_bw": 10.0} == dash.frames.settings() for s, *_ in sent)
        mass = dash.controls["mass_kg"]
        mass.set_state({"value": 70.0})
        drawn = len(sent)
        await asyncio.sleep(drag_frames.AHEAD_DELAY_S / 2)
        assert len(sent) == drawn, "a change stops drawing ahead, and it waits for quiet"
        await asyncio.sleep(drag_frames.AHEAD_DELAY_S + 0.3)
        assert sent[-1][0]["mass_kg"] != 70.0, "then the newly moved slider is drawn ahead"
        dash._ahead_turn += 1  # stop: the body mass has 111 positions

    run_alone(use)
    assert cane.value == 10.0 and dash.controls["mass_kg"].value == 70.0


def test_a_page_that_sets_up_its_store_gets_the_lessons_slider_drawn_ahead(monkeypatch):
    monkeypatch.setattr(drag_frames, "machine_has_room", lambda: True)
    dash = stance_dashboard("weak-right-glute")
    sent = _sent_frames(dash)
    dash._in_page_now(("a picture an earlier page had",))

    async def open_page():
        await asyncio.sleep(drag_frames.AHEAD_DELAY_S + 0.2)
        assert sent == [], "no page, nothing drawn ahead"
        dash.frames._from_page(dash.frames, {"kind": "ready"}, [])
        assert list(dash._in_page) == [dash._key_now()], "the new page has the figure only"
        for _ in range(100):
            await asyncio.sleep(0.05)
            if len(sent) >= 3:
                break
        dash._ahead_turn += 1  # stop

    run_alone(open_page)
    start = dash.controls["glute_med_strength_right_pct"].value
    assert [s["glute_med_strength_right_pct"] for s, *_ in sent[:3]] == [
        start - 1,
        start + 1,
        start - 2,
    ]


# ------------------------------------------------ pictures shared by a server's kernels
def _settings(strength: float) -> dict:
    return {"glute_med_strength_right_pct": strength, "strategy": 2}


def test_shared_pictures_come_back_whole_and_anything_else_is_a_miss(tmp_path, monkeypatch):
    store = drag_frames.SharedFrames(tmp_path, "stance 1280x720")
    assert store.get(_settings(20.0)) is None and not store.has(_settings(20.0))
    store.put(_settings(20.0), b"\x89PNG twenty", "Figure: 20 %", "<span>20 %</span>")
    assert store.has(_settings(20.0))
    assert store.get(_settings(20.0)) == (b"\x89PNG twenty", "Figure: 20 %", "<span>20 %</span>")
    assert store.get(_settings(21.0)) is None, "other settings"
    assert drag_frames.SharedFrames(tmp_path, "bend").get(_settings(20.0)) is None, "other figure"
    [file] = tmp_path.glob("*.frame")
    file.write_bytes(file.read_bytes()[:9])  # cut short: as damaged as a file gets
    assert store.get(_settings(20.0)) is None
    file.write_bytes(b"")
    assert store.get(_settings(20.0)) is None
    monkeypatch.setattr(drag_frames.SharedFrames, "FILE_MOST", 100)
    store.put(_settings(20.0), b"\x89PNG" + bytes(200), "", "")
    assert store.has(_settings(20.0)) and store.get(_settings(20.0)) is None, "too large"
    monkeypatch.undo()

    assert store.claim(_settings(30.0)) and not store.claim(_settings(30.0)), "claimed once"
    assert drag_frames.SharedFrames(tmp_path, "stance 1280x720").claim(_settings(30.0)) is False

    store.put(_settings(50.0), b"\x89PNG fifty", "", "")  # the folder holds over 10 bytes
    full = drag_frames.SharedFrames(tmp_path, "stance 1280x720", most_bytes=10)
    full.put(_settings(40.0), b"\x89PNG forty", "", "")
    assert not full.has(_settings(40.0)), "a full folder takes nothing more"

    monkeypatch.delenv(drag_frames.SHARED_ENV, raising=False)
    assert drag_frames.SharedFrames.from_env("stance") is None
    monkeypatch.setenv(drag_frames.SHARED_ENV, str(tmp_path / "gone"))
    assert drag_frames.SharedFrames.from_env("stance") is None
    monkeypatch.setenv(drag_frames.SHARED_ENV, str(tmp_path))
    assert drag_frames.SharedFrames.from_env("stance").folder == tmp_path


def _count_renders(dash) -> list:
    rendered: list = []
    render = dash._fast.render

    def counting():
        rendered.append(1)
        return render()

    dash._fast.render = counting
    return rendered


def test_a_kernel_sends_and_shows_what_another_kernel_drew(tmp_path, monkeypatch):
    monkeypatch.setenv(drag_frames.SHARED_ENV, str(tmp_path))
    name = "glute_med_strength_right_pct"
    first = stance_dashboard("weak-right-glute")
    first_sent = _sent_frames(first)
    first._send_ahead(name, 61.0)
    first.controls[name].value = 45.0  # drawn for its own page: shared too

    second = stance_dashboard("weak-right-glute")
    second_sent = _sent_frames(second)
    rendered = _count_renders(second)
    second._send_ahead(name, 61.0)
    assert second_sent == first_sent, "the same picture, text alternative and readout"
    second.controls[name].value = 45.0
    assert rendered == [], "read, not drawn"
    assert second.image.value == first.image.value
    assert second.readout.value == first.readout.value and "45 %" in second.readout.value

    second.controls[name].value = 46.0  # no kernel drew it: drawn here, then shared
    assert rendered == [1]
    third = stance_dashboard("weak-right-glute")
    third._fast.render = lambda: pytest.fail("the third kernel drew a shared picture")
    third.controls[name].value = 46.0
    assert third.image.value == second.image.value

    other = stance_dashboard("weak-right-glute", teaching=True)  # another figure size
    assert other._shared.kind != first._shared.kind


def test_a_kernel_with_a_shared_picture_sends_it_even_while_the_machine_is_busy(
    tmp_path, monkeypatch
):
    monkeypatch.setenv(drag_frames.SHARED_ENV, str(tmp_path))
    monkeypatch.setattr(drag_frames, "machine_has_room", lambda: False)
    name = "glute_med_strength_right_pct"
    first = stance_dashboard("weak-right-glute")
    _sent_frames(first)
    start = first.controls[name].value
    for value in (start - 1, start + 1):
        first._send_ahead(name, value)
    second = stance_dashboard("weak-right-glute")
    sent = _sent_frames(second)

    async def open_page():
        second.frames._from_page(second.frames, {"kind": "ready"}, [])
        await asyncio.sleep(0.3)
        second._ahead_turn += 1  # stop

    run_alone(open_page)
    assert [s[name] for s, *_ in sent] == [start - 1, start + 1], (
        "the two shared ones are sent at once; the third waits for a free core"
    )


def test_a_preheated_kernel_draws_the_lessons_slider_for_the_others(tmp_path, monkeypatch):
    from gluteed import app

    monkeypatch.setattr(drag_frames, "machine_has_room", lambda: True)
    assert app._draw_while_waiting(lambda: True) == 0, "no shared folder: nothing drawn"
    monkeypatch.setenv(drag_frames.SHARED_ENV, str(tmp_path))
    monkeypatch.setenv("GLUTEED_APP_CASE", "weak-right-glute")
    looks = iter([True] * 4 + [False])
    assert app._draw_while_waiting(lambda: next(looks)) == 4, "until the page comes"
    assert len(list(tmp_path.glob("*.frame"))) == 5, "the shown position and four more"

    looks = iter([True] * 4 + [False])
    assert app._draw_while_waiting(lambda: next(looks)) == 4, "another kernel: the next four"
    page = stance_dashboard("weak-right-glute", teaching=True)
    rendered = _count_renders(page)
    strength = page.controls["glute_med_strength_right_pct"]
    start = strength.value
    for value in (start - 1, start + 1, start - 2, start + 2, start - 4, start + 4):
        strength.value = value
    assert rendered == [], "the page's kernel draws none of them"
    strength.value = start + 10
    assert rendered == [1], "one further is drawn"

    monkeypatch.setenv("GLUTEED_APP_CASE", "no-such-case")
    assert app._draw_while_waiting(lambda: True) == 0
    monkeypatch.setenv("GLUTEED_APP_CASE", "")
    monkeypatch.setattr(Dashboard, "draw_ahead", False)
    assert app._draw_while_waiting(lambda: True) == 0


def test_pictures_sent_ahead_wait_for_the_page_to_say_it_has_them(monkeypatch):
    monkeypatch.setattr(drag_frames, "machine_has_room", lambda: True)
    dash = stance_dashboard("weak-right-glute")
    sent: list = []
    dash.frames.send = lambda content, buffers=None: sent.append(content["settings"])
    window = drag_frames.AHEAD_WINDOW

    async def slow_page():
        dash.frames._from_page(dash.frames, {"kind": "ready"}, [])
        await asyncio.sleep(0.6)
        assert len(sent) == window, "the page said nothing yet: the kernel waits"
        for _ in range(2):
            dash.frames._from_page(dash.frames, {"kind": "kept"}, [])
        await asyncio.sleep(0.6)
        assert len(sent) == window + 2, "two kept, two more sent"
        dash.frames._from_page(dash.frames, {"kind": "ready"}, [])  # a new page
        await asyncio.sleep(0.6)
        assert len(sent) == 2 * window + 2
        dash._ahead_turn += 1  # stop

    run_alone(slow_page)
    assert dash.frames.in_flight == window


@pytest.mark.parametrize(
    ("dashboard", "name"),
    [("stance", "glute_med_strength_right_pct"), ("bend", "ake_deg"), ("walk", "cycle_pct")],
)
def test_a_picture_depends_on_its_settings_only_not_on_what_the_kernel_drew_before(dashboard, name):
    # What makes sharing pictures between kernels right: a kernel that started from
    # another patient draws the same picture for the same settings, to the byte.
    from gluteed.widgets import teaching_dashboard

    here = teaching_dashboard("weak-right-glute", dashboard)
    other = teaching_dashboard("healthy-adult", dashboard)
    for n, control in here.controls.items():
        if n not in ("case", "reset", "play"):
            other.controls[n].value = control.value
    for value in (60.0, 10.0):
        here.controls[name].value = other.controls[name].value = value
        assert here.frames.settings() == other.frames.settings()
        assert here.image.value == other.image.value
        assert here.readout.value == other.readout.value
