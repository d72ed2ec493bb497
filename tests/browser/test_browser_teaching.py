"""Teaching mode as ``make app`` serves it (``teaching/voila.py``), in a real Chromium:
a preheated dashboard with the case from the link, each of the three dashboards on one
projector screen (1280 × 720 and 1920 × 1080) without a request that leaves 127.0.0.1,
the kernel of a closed page shut down at once, the slider drawn ahead and its held
changes, and five students at the same time."""

from __future__ import annotations

import random
import re
import time

import _server
import bench_class
import pytest
from browser_support import close_page, glute_slider, record_timing, slider_value, wait_dashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

POOL = 1


@pytest.fixture(scope="module")
def teaching_server(tmp_path_factory, chromium):
    server = _server.start_teaching_server(tmp_path_factory.mktemp("teaching-browser"), pool=POOL)
    try:
        server.wait_for_pool(POOL)
        yield server
    finally:
        server.stop()


#: Every control of a dashboard and its figure, as the page draws them.
BOXES = """() => {
  const pick = '.gluteed-dashboard img.widget-image, .gluteed-controls .widget-slider, '
    + '.gluteed-controls .widget-toggle-buttons, .gluteed-controls .widget-checkbox, '
    + '.gluteed-controls .widget-dropdown, .gluteed-controls button, '
    + '.gluteed-share-box .widget-upload, .gluteed-share-box .gluteed-link-text, '
    + '.gluteed-share-box a';
  return [...document.querySelectorAll(pick)].map(e => {
    const r = e.getBoundingClientRect();
    const kinds = ['widget-image', 'widget-slider', 'widget-toggle-buttons', 'widget-checkbox',
                   'widget-dropdown', 'widget-upload', 'gluteed-link-text'];
    return {what: kinds.find(k => e.classList.contains(k)) || e.tagName.toLowerCase(),
            text: (e.innerText || '').slice(0, 40), left: r.left, top: r.top,
            right: r.right, bottom: r.bottom};
  });
}"""

SCREENS = [(1280, 720), (1920, 1080)]


@pytest.mark.parametrize("dashboard", ["stance", "bend", "walk"])
@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_dashboard_fits_one_projector_screen(
    page, teaching_server, screenshot, assert_clean, watch, dashboard, size
):
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    page.goto(teaching_server.page_url(f"dashboard={dashboard}&case=weak-right-glute"))
    wait_dashboard(page)
    chosen = page.locator(".gluteed-dashboard-choice button.mod-active").inner_text()
    assert chosen == {"stance": "Standing on one leg", "bend": "Bending forward",
                      "walk": "Walking"}[dashboard]  # fmt: skip
    boxes = page.evaluate(BOXES)
    kinds = {box["what"] for box in boxes}
    assert {"widget-image", "widget-slider", "widget-toggle-buttons", "button"} <= kinds, kinds
    assert {"widget-upload", "gluteed-link-text", "a"} <= kinds, "the share box is measured too"
    assert sum(box["what"] == "widget-slider" for box in boxes) >= 4
    outside = [
        box for box in boxes
        if box["left"] < 0 or box["top"] < 0 or box["right"] > width or box["bottom"] > height
    ]  # fmt: skip
    assert not outside, f"needs a scroll at {width}x{height}: {outside}"
    figure = next(box for box in boxes if box["what"] == "widget-image")
    assert figure["right"] - figure["left"] >= 0.5 * width, "the figure is not the main thing"
    assert page.evaluate("() => [window.scrollX, window.scrollY]") == [0, 0]
    screenshot(f"{dashboard}-{width}x{height}")
    assert watch.blocked == [], f"the page asked outside 127.0.0.1: {watch.blocked}"
    assert_clean()
    close_page(page)


def settle_kernels(server, count: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(server.kernels()) != count:
        time.sleep(0.5)
    return len(server.kernels())


def test_preheated_dashboard_takes_the_case_from_the_link(page, teaching_server, assert_clean):
    from gluteed.cases import load_case

    case = load_case("weak-right-glute")
    page.goto(teaching_server.page_url("case=weak-right-glute"))
    wait_dashboard(page)
    assert slider_value(glute_slider(page)) == pytest.approx(case.glute_med_strength_right_pct)
    assert_clean()
    close_page(page)  # its kernel ends now, not when culled


def test_closing_the_page_shuts_its_kernel_down_at_once(page, teaching_server):
    settle_kernels(teaching_server, POOL, timeout=60)
    teaching_server.wait_for_pool(POOL)
    page.goto(teaching_server.page_url())
    wait_dashboard(page)
    assert "_xsrf" in {cookie["name"] for cookie in page.context.cookies()}
    assert settle_kernels(teaching_server, POOL + 1, timeout=60) == POOL + 1
    close_page(page)
    left = settle_kernels(teaching_server, POOL, timeout=10)
    assert left == POOL, f"{left} kernels 10 s after closing the page (pool {POOL})"
    assert "403 POST /voila/api/shutdown" not in teaching_server.log.read_text()


def _wait_for_link(page, wanted, timeout_s: float = 30) -> str:
    """The share box's link (the kernel's state) once ``wanted(link)``, else as it is then."""
    link = page.locator(".gluteed-share input")
    deadline = time.monotonic() + timeout_s
    while not wanted(link.input_value()) and time.monotonic() < deadline:
        time.sleep(0.25)
    return link.input_value()


def test_a_resting_kernel_draws_the_slider_ahead_and_the_page_shows_it_alone(
    page, teaching_server, assert_clean
):
    """With the kernel stopped, the page still shows each new strength's own picture, its
    text alternative and readout: the kernel drew them ahead while it rested."""
    page.goto(teaching_server.page_url("case=weak-right-glute"))
    wait_dashboard(page)
    teaching_server.wait_until_quiet(quiet_s=2.0)
    handle = glute_slider(page)
    handle.focus()
    start = slider_value(handle)
    before = page.get_attribute("img.widget-image", "src")
    kernels = teaching_server.kernels()
    for kernel in kernels:
        kernel.suspend()
    try:
        for _ in range(5):
            page.keyboard.press("ArrowLeft")
        expected = f"R glute med {start - 5:.0f} % strength"
        page.wait_for_function(
            "text => document.querySelector('img.widget-image').alt.includes(text)"
            " && document.querySelector('img.widget-image').title.includes(text)"
            " && document.querySelector('.gluteed-readout').innerText.includes(text)",
            arg=expected,
            timeout=10_000,
        )
        assert page.get_attribute("img.widget-image", "src") != before
    finally:
        for kernel in kernels:
            kernel.resume()
    # The kernel then takes the page's position: the link names it.
    wanted = re.compile(rf"[?&]glute_med_strength_right={start - 5:g}(&|$)")
    link = _wait_for_link(page, wanted.search)
    assert wanted.search(link), link
    assert_clean()
    close_page(page)


def test_held_slider_changes_end_where_the_keys_left_the_slider(
    page, teaching_server, assert_clean
):
    """While the page shows kept pictures it tells the kernel of a moved slider only once it
    rests. Key presses at random intervals around that rest (0–300 ms) send some positions
    and hold others while earlier ones are echoed back: the slider stays where the keys left
    it at every check, and the kernel ends there too. A click on Reset straight after a
    held change wins over it."""
    page.goto(teaching_server.page_url("case=weak-right-glute"))
    wait_dashboard(page)
    teaching_server.wait_until_quiet(quiet_s=2.0)  # the strength slider is drawn ahead
    handle = glute_slider(page)
    handle.focus()
    start = position = slider_value(handle)
    rng = random.Random(14)
    moved_back = []
    for press in range(40):
        forward = (press // 10) % 2 == 0
        handle.press("ArrowRight" if forward else "ArrowLeft")
        position += 1 if forward else -1
        page.wait_for_timeout(rng.uniform(0, 300))
        if slider_value(handle) != position:
            moved_back.append((press, position, slider_value(handle)))
    page.wait_for_timeout(1000)
    assert not moved_back, (
        f"the slider left the keys' position (press, wanted, shown): {moved_back}"
    )
    assert slider_value(handle) == position == start
    name = "glute_med_strength_right"
    handle.press("PageUp")
    page.get_by_role("button", name="Reset").click()
    page.wait_for_timeout(1000)
    assert slider_value(handle) == start, "Reset did not win over the held change"
    # The case as it is: its link names no slider.
    link = _wait_for_link(
        page, lambda link: link.endswith("?dashboard=stance&case=weak-right-glute")
    )
    assert link.endswith("?dashboard=stance&case=weak-right-glute"), link
    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")
    moved = re.compile(rf"[?&]{name}={start + 3:g}(&|$)")
    link = _wait_for_link(page, moved.search)
    assert moved.search(link), link
    assert_clean()
    close_page(page)


@pytest.mark.classload
def test_five_students_at_once(teaching_server):
    """Five Chromium pages (one browser, a context each) move the slider every ~2 s."""
    settle_kernels(teaching_server, POOL, timeout=60)
    teaching_server.wait_for_pool(POOL)
    result = bench_class.run_class(
        teaching_server, 5, client="browser", seconds=30, arrival_s=5, linger_s=0, pool=POOL
    )
    record_timing("teaching server, 5 students", "slider to figure", [
        1000 * s for s in result.moves_s
    ])  # fmt: skip
    assert not result.errors, result.errors
    assert len(result.tti_s) == 5
    assert len(result.moves_s) >= 5 * 8
    assert result.move_p95_s < 2.0, result.row()
    assert max(result.tti_s) < 90, result.row()
