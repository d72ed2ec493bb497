"""The notebooks in JupyterLab, in a real Chromium, as a student meets them."""

from __future__ import annotations

import pytest
from browser_support import (
    figure_digest,
    glute_slider,
    open_in_lab,
    random_slider_pass,
    readout_text,
    record_timing,
    run_all_cells,
    show_dashboard,
    step_away_from_limit,
    timed_move,
    wait_dashboard,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Timed slider moves per test, and the loose bound on their median. [ms]
TIMED_MOVES = 15
MEDIAN_BOUND_MS = 1000


@pytest.fixture
def open_and_run(page, lab_server, fresh_copy):
    """``open_and_run(name)``: a fresh copy of the notebook, opened, run, kernel Idle."""

    def run(notebook: str) -> None:
        open_in_lab(page, lab_server.url(f"lab/tree/{fresh_copy(notebook)}", "reset"))
        run_all_cells(page)

    return run


def test_weak_glute_notebook_runs_clean(
    page, open_and_run, lab_notebook, screenshot, assert_clean, shut_down_kernels
):
    open_and_run(lab_notebook)
    assert page.locator(".jp-OutputArea-output").count() > 0, "Run All gave no output"
    screenshot("run-all")
    assert_clean()


def test_glute_slider_changes_readout_and_figure(
    page, open_and_run, lab_dashboard, screenshot, assert_clean, shut_down_kernels
):
    notebook, what = lab_dashboard
    open_and_run(notebook)
    wait_dashboard(page)
    show_dashboard(page)
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
    show_dashboard(page)
    screenshot("after-moves")
    assert_clean()

    latencies = [move.latency_ms for move in [first, *moves]]
    record_timing("JupyterLab", what, latencies)
    median = sorted(latencies)[len(latencies) // 2]
    assert median < MEDIAN_BOUND_MS, f"median slider-to-figure {median:.0f} ms"


def test_random_slider_pass_leaves_no_error(
    page, open_and_run, lab_dashboard, screenshot, assert_clean, shut_down_kernels
):
    notebook, _what = lab_dashboard
    open_and_run(notebook)
    wait_dashboard(page)
    show_dashboard(page)
    made = random_slider_pass(page, moves=60, seed=6)
    assert made >= 50
    # Still alive: one more move still reaches the figure.
    handle = glute_slider(page)
    timed_move(page, handle, step_away_from_limit(handle, 0))
    show_dashboard(page)
    screenshot("random-pass")
    assert_clean()
