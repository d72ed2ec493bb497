"""Teaching mode: the Voilà app of ``notebooks/teach.ipynb``, in a real Chromium, with
the template ``make app`` uses (``teaching/share/jupyter/voila/templates/gluteed``):
no page asks anything from outside 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

import _server
import pytest
from browser_support import (
    STANDIN_NOTEBOOK,
    figure_digest,
    glute_slider,
    has_teaching_dashboard,
    random_slider_pass,
    readout_text,
    record_timing,
    slider_value,
    step_away_from_limit,
    timed_move,
    wait_dashboard,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP = "voila/render/teach.ipynb"
TIMED_MOVES = 15
MEDIAN_BOUND_MS = 1000


TEMPLATES = Path(__file__).resolve().parents[2] / "teaching" / "share" / "jupyter"


@pytest.fixture(scope="module")
def voila_server(workdir):
    """Voilà serving the notebooks' copies with ``make app``'s template (light theme)."""
    name = "voila-gluteed-template"
    env = _server.jupyter_env(workdir / f"{name}-home") | {"JUPYTER_PATH": str(TEMPLATES)}
    argv = [sys.executable, "-m", "voila", str(workdir / "notebooks"), "--no-browser",
            "--Voila.ip=127.0.0.1", "--port={port}", "--token={token}", "--theme=light",
            "--template=gluteed"]  # fmt: skip
    server = _server.start_server(name, argv, workdir, env=env, ready_path="")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def nothing_from_outside(watch):
    """Every test here fails on a request that left 127.0.0.1 (blocked by the page)."""
    yield
    assert watch.blocked == [], f"the page asked outside 127.0.0.1: {watch.blocked}"


@pytest.fixture(autouse=True)
def tall_window(page):
    """Tall enough that a screenshot shows the whole dashboard (the page scrolls inside
    Voilà's own container, so a full-page screenshot would not)."""
    page.set_viewport_size({"width": 1280, "height": 1500})


needs_dashboard = pytest.mark.skipif(
    not has_teaching_dashboard(),
    reason="waits for gluteed.widgets.teaching_dashboard (gluteed/widgets.py is not there yet)",
)


@pytest.mark.parametrize(
    "name",
    ["no-such-case", '<img src=x onerror="document.title=1">'],
    ids=["unknown", "markup"],
)
def test_unknown_case_gives_a_message_not_a_traceback(
    page, voila_server, screenshot, assert_clean, name
):
    page.goto(voila_server.url(APP, "case=" + quote(name, safe="")))
    message = page.locator(".gluteed-app-message")
    message.wait_for(timeout=120_000)
    text = message.inner_text()
    assert "Unknown patient case" in text
    assert name in text, "the case name should be shown as plain text"
    assert "weak-right-glute" in text, "the message should list the known cases"
    assert message.locator("img").count() == 0, "the case name was rendered as markup"
    screenshot("message")
    assert_clean()


@needs_dashboard
def test_case_in_the_url_presets_the_dashboard(page, voila_server, screenshot, assert_clean):
    from gluteed.cases import load_case

    case = load_case("weak-right-glute")
    page.goto(voila_server.url(APP, "case=weak-right-glute"))
    wait_dashboard(page)
    assert slider_value(glute_slider(page)) == pytest.approx(case.glute_med_strength_right_pct)
    text = page.locator("body").inner_text()
    assert "teaching_app" not in text and "from gluteed" not in text, "code is visible"
    assert page.locator(".jp-CodeCell .jp-InputArea:visible, .cm-editor:visible").count() == 0
    screenshot("preset")
    assert_clean()


@pytest.fixture
def app_page(voila_server):
    """(url, what): the teaching app with a preset case, or the stand-in until it exists."""
    if has_teaching_dashboard():
        return voila_server.url(APP, "case=weak-right-glute"), "teaching app, weak-right-glute"
    return (
        voila_server.url(f"voila/render/{STANDIN_NOTEBOOK}"),
        "stand-in: gluteed.widgets.teaching_dashboard not there yet",
    )


def test_glute_slider_changes_readout_and_figure(page, app_page, screenshot, assert_clean):
    url, what = app_page
    page.goto(url)
    wait_dashboard(page)
    handle = glute_slider(page)
    readout, figure = readout_text(page), figure_digest(page)
    assert figure is not None, "no figure found"
    first = timed_move(page, handle, step_away_from_limit(handle, 0))
    assert first.after != first.before, "the key press did not move the slider"
    page.wait_for_function(
        "old => document.querySelector('.gluteed-readout').innerText !== old",
        arg=readout,
        timeout=10_000,
    )
    assert figure_digest(page) != figure, "the figure did not change"
    moves = [
        timed_move(page, handle, step_away_from_limit(handle, i)) for i in range(1, TIMED_MOVES + 1)
    ]
    assert all(move.after != move.before for move in moves)
    screenshot("after-moves")
    assert_clean()

    latencies = [move.latency_ms for move in [first, *moves]]
    record_timing("Voila", what, latencies)
    median = sorted(latencies)[len(latencies) // 2]
    assert median < MEDIAN_BOUND_MS, f"median slider-to-figure {median:.0f} ms"


def test_random_slider_pass_leaves_no_error(page, app_page, screenshot, assert_clean):
    url, _what = app_page
    page.goto(url)
    wait_dashboard(page)
    made = random_slider_pass(page, moves=60, seed=66)
    assert made >= 50
    handle = glute_slider(page)
    timed_move(page, handle, step_away_from_limit(handle, 0))
    screenshot("random-pass")
    assert_clean()


def test_unknown_dashboard_gives_a_message_and_the_rest_of_the_link_applies(
    page, voila_server, assert_clean
):
    from gluteed.cases import load_case

    page.goto(voila_server.url(APP, "dashboard=run&case=weak-right-glute"))
    wait_dashboard(page)
    text = page.locator(".gluteed-app-message").inner_text()
    assert "dashboard = " in text and "run" in text
    assert "stance, bend, walk" in text, "the message names the allowed dashboards"
    case = load_case("weak-right-glute")
    assert slider_value(glute_slider(page)) == pytest.approx(case.glute_med_strength_right_pct)
    assert_clean()
