"""Page helpers for the browser tests: JupyterLab and Voilà pages driven by Playwright.

What a person sees is read from the page itself: the kernel state in JupyterLab's
status bar, the numbers in the dashboard's readout (CSS class ``gluteed-readout``),
the figure (an ``<img>`` of an ``ipywidgets.Image``, or ipympl's ``<canvas>``), and
any error text. The init script ``FIGURE_PROBE`` timestamps, inside the page, each
key press and each figure update, so slider-to-figure times are measured by the
browser's own clock.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

#: Timestamps (performance.now(), ms) of key presses and of figure updates, in the page.
FIGURE_PROBE = """
(() => {
  const probe = { keys: [], figures: [] };
  window.__gluteedProbe = probe;
  window.addEventListener('keydown', () => probe.keys.push(performance.now()), true);
  const draw = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    if (this.canvas && this.canvas.closest && this.canvas.closest('.jupyter-matplotlib')) {
      probe.figures.push(performance.now());
    }
    return draw.apply(this, args);
  };
  probe.srcChanges = 0;
  new MutationObserver(records => { probe.srcChanges += records.length; })
    .observe(document, { subtree: true, attributes: true, attributeFilter: ['src'] });
  // A new figure arrives as a new src of the widget's <img>, ready once it has loaded.
  document.addEventListener('load', event => {
    const img = event.target;
    if (img.tagName === 'IMG' && img.classList.contains('widget-image')) {
      probe.figures.push(performance.now());
    }
  }, true);
})();
"""

#: A digest of what the dashboard's figure shows: image bytes or canvas pixels.
FIGURE_DIGEST = """
async () => {
  const img = document.querySelector('img.widget-image');
  const canvas = document.querySelector('.jupyter-matplotlib canvas');
  let bytes;
  if (img && img.src) {
    bytes = await (await fetch(img.src)).arrayBuffer();
  } else if (canvas) {
    bytes = new TextEncoder().encode(canvas.toDataURL());
  } else {
    return null;
  }
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, '0')).join('');
}
"""

#: Text of everything on the page that looks like an error to a person.
PROBLEMS = """
() => {
  const found = [];
  const add = (kind, el) => found.push(kind + ': ' + (el.innerText || el.textContent || '').trim().slice(0, 400));
  document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]').forEach(el => add('stderr output', el));
  document.querySelectorAll('.widget-error, .jupyter-widgets-error').forEach(el => add('widget error', el));
  document.querySelectorAll('.jp-OutputArea-output, .jp-RenderedText, .voila-error, main, body').forEach(el => {
    const text = el.innerText || '';
    for (const needle of ['Error displaying widget', 'Traceback (most recent call last)',
                          'There was an error when executing cell']) {
      if (text.includes(needle)) { add('text "' + needle + '"', el); }
    }
  });
  return [...new Set(found)];
}
"""

#: Collected for the test report: screenshots, slider timings, blocked requests.
REPORT: dict[str, list] = {"screenshots": [], "timings": [], "blocked": [], "console": []}


def record_timing(where: str, dashboard: str, latencies: list[float]) -> None:
    REPORT["timings"].append({"where": where, "dashboard": dashboard, "latencies_ms": latencies})


KERNEL_STATUS = ".jp-StatusBar-TextItem[title^='Change kernel']"

#: The glute med slider of the stance leg, by its label.
GLUTE_LABEL = re.compile(r"right.*glute\s*med|glute\s*med.*right", re.IGNORECASE)

ROOT = Path(__file__).resolve().parents[2]
START_NOTEBOOK = "00_start_here.ipynb"
WEAK_GLUTE_NOTEBOOK = "02_weak_glute_med.ipynb"
STANDIN_NOTEBOOK = "standin_dashboard.ipynb"


def has_teaching_dashboard() -> bool:
    """True once ``gluteed.widgets.teaching_dashboard`` exists (read, not imported)."""
    widgets = ROOT / "gluteed" / "widgets.py"
    return widgets.exists() and "def teaching_dashboard(" in widgets.read_text(encoding="utf-8")


_STANDIN_CODE = """\
import io

import ipywidgets as widgets
from matplotlib.figure import Figure

import gluteed

figure = Figure(figsize=(6, 3.5), dpi=100, layout="constrained")
axes = figure.add_subplot()
names = ["right glute med", "left lower back", "right lower back"]
bars = axes.bar(names, [0.0, 0.0, 0.0], color=["#0072B2", "#D55E00", "#009E73"])
axes.set_ylim(0, 2)
axes.set_ylabel("force [× body weight]")
slider = widgets.FloatSlider(
    value=60, min=0, max=100, step=1, description="Right glute med strength [%]",
    style={"description_width": "initial"}, layout=widgets.Layout(width="640px"),
)
bag = widgets.FloatSlider(
    value=0, min=0, max=20, step=1, description="Bag in the left hand [kg]",
    style={"description_width": "initial"}, layout=widgets.Layout(width="640px"),
)
readout = widgets.HTML()
readout.add_class("gluteed-readout")
image = widgets.Image(format="png")


def update(change=None):
    result = gluteed.solve_stance(glute_med_strength_right=slider.value, bag_kg=bag.value)
    bw = float(result.body_weight_n)
    forces = [result.glute_med_force_n, result.lumbar_contralateral_force_n,
              result.lumbar_ipsilateral_force_n]
    for bar, force in zip(bars, forces, strict=True):
        bar.set_height(float(force) / bw)
    readout.value = (
        f"trunk lean {float(result.trunk_lean_deg):.1f} deg · left lower back "
        f"{float(result.lumbar_contralateral_force_n) / bw:.2f} × BW"
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    image.value = buffer.getvalue()


slider.observe(update, names="value")
bag.observe(update, names="value")
update()
widgets.VBox([slider, bag, readout, image])
"""


def write_standin_notebook(folder: Path) -> Path:
    """A small dashboard with the real one's page contract, for when it is not there yet.

    Same contract as ``gluteed.widgets``: sliders labelled with units, an HTML
    readout with CSS class ``gluteed-readout``, a PNG ``ipywidgets.Image`` updated
    in place. Lets the browser machinery be tested before the real dashboard lands.
    """
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Stand-in dashboard (browser tests)"),
        nbformat.v4.new_code_cell(_STANDIN_CODE),
    ]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    path = folder / STANDIN_NOTEBOOK
    nbformat.write(notebook, path)
    return path


# ---------------------------------------------------------------- JupyterLab ---
def wait_kernel_idle(page: Page, timeout_ms: float = 120_000) -> None:
    """Wait until JupyterLab's status bar says the notebook's kernel is Idle."""
    page.wait_for_function(
        """sel => { const el = document.querySelector(sel);
                    return !!el && /\\|\\s*Idle\\s*$/.test(el.textContent); }""",
        arg=KERNEL_STATUS,
        timeout=timeout_ms,
    )


def open_in_lab(page: Page, url: str) -> None:
    """Open a notebook in JupyterLab and wait for its kernel to be Idle."""
    page.goto(url)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=90_000)
    wait_kernel_idle(page)


def run_all_cells(page: Page, timeout_ms: float = 180_000) -> None:
    """Run ▸ Run All Cells; wait until no cell is queued or running and the kernel is Idle.

    Asserts that every code cell ran: Run All stops at a cell that raises, and the
    page's error output is then in the message.
    """
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    page.wait_for_function(
        r"""() => { const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                       .map(p => p.textContent);
                   return prompts.some(t => /\[\d+\]/.test(t))
                       && !prompts.some(t => t.includes('*')); }""",
        timeout=timeout_ms,
    )
    wait_kernel_idle(page, timeout_ms)
    prompts = page.eval_on_selector_all(
        ".jp-CodeCell .jp-InputPrompt", "els => els.map(el => el.textContent.trim())"
    )
    not_run = [i for i, text in enumerate(prompts) if not re.search(r"\[\d+\]", text)]
    assert not not_run, f"code cells {not_run} did not run; the page shows: {problems(page)}"


# ----------------------------------------------------------------- dashboards ---
def problems(page: Page) -> list[str]:
    """Error text a person would see on the page (stderr, tracebacks, widget errors)."""
    return page.evaluate(PROBLEMS)


def readout_text(page: Page) -> str:
    return page.locator(".gluteed-readout").first.inner_text()


def figure_state(page: Page) -> dict:
    """What the figure element looks like now (for failure messages)."""
    return page.evaluate(
        """() => { const img = document.querySelector('img.widget-image');
                   const probe = window.__gluteedProbe;
                   return { img: img && { src: img.src, complete: img.complete,
                                          width: img.naturalWidth, shown: img.clientWidth },
                            canvas: !!document.querySelector('.jupyter-matplotlib canvas'),
                            keys: probe.keys.length, figures: probe.figures.length,
                            srcChanges: probe.srcChanges,
                            images: document.querySelectorAll('img.widget-image').length,
                            readouts: document.querySelectorAll('.gluteed-readout').length,
                            readout: (document.querySelector('.gluteed-readout') || {}).innerText }; }"""
    )


def figure_digest(page: Page) -> str | None:
    return page.evaluate(FIGURE_DIGEST)


def close_page(page: Page, timeout_ms: float = 30_000) -> None:
    """Close ``page`` as a student closes a tab, and wait until it has closed.

    Its ``beforeunload`` handlers run (Voilà's asks the server to shut the kernel
    down); ``Page.close`` alone does not wait for that, and a browser context closed
    right after can take the request with it (a busy page sends it later still).
    """
    with page.expect_event("close", timeout=timeout_ms):
        page.close(run_before_unload=True)
    time.sleep(1.0)  # the request leaves the browser after the page has closed


def wait_dashboard(page: Page, timeout_ms: float = 120_000) -> None:
    """Wait until a readout and a figure with content are on the page."""
    page.wait_for_selector(".gluteed-readout", timeout=timeout_ms)
    page.wait_for_function(
        """() => { const img = document.querySelector('img.widget-image');
                   const canvas = document.querySelector('.jupyter-matplotlib canvas');
                   return (img && img.complete && img.naturalWidth > 0) || !!canvas; }""",
        timeout=timeout_ms,
    )
    page.wait_for_function(
        "() => document.querySelector('.gluteed-readout').innerText.trim().length > 0",
        timeout=timeout_ms,
    )


def slider_labels(page: Page) -> list[str]:
    return page.locator(".widget-slider .widget-label").all_inner_texts()


def glute_slider(page: Page) -> Locator:
    """The handle of the stance-side glute med strength slider, found by its label."""
    labels = slider_labels(page)
    for index, label in enumerate(labels):
        if GLUTE_LABEL.search(label):
            return page.locator(".widget-slider").nth(index).locator(".noUi-handle")
    raise AssertionError(f"no glute med slider among the slider labels {labels}")


def slider_value(handle: Locator) -> float:
    return float(handle.get_attribute("aria-valuenow"))


def _probe_counts(page: Page) -> dict:
    return page.evaluate(
        "() => ({keys: window.__gluteedProbe.keys.length, "
        "figures: window.__gluteedProbe.figures.length})"
    )


@dataclass
class Move:
    """One timed slider move."""

    key: str
    before: float
    after: float
    latency_ms: float


@dataclass
class Timing:
    moves: list[Move] = field(default_factory=list)

    @property
    def latencies(self) -> list[float]:
        return [move.latency_ms for move in self.moves]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies)


def timed_move(page: Page, handle: Locator, key: str, timeout_ms: float = 15_000) -> Move:
    """Press a key on a slider handle; the time from key-down to the next figure update.

    Both times come from the page's clock (``performance.now()``), so the number is
    what a person waits: the kernel's solve and draw, the round trip, and the
    browser decoding and painting the new image.
    """
    before = slider_value(handle)
    counts = _probe_counts(page)
    handle.press(key)
    try:
        page.wait_for_function(
            "n => window.__gluteedProbe.figures.length > n",
            arg=counts["figures"],
            timeout=timeout_ms,
        )
    except PlaywrightTimeoutError:
        raise AssertionError(
            f"no figure update within {timeout_ms / 1000:.0f} s of pressing {key} "
            f"(slider {before} -> {slider_value(handle)}); page state: {figure_state(page)}"
        ) from None
    latency = page.evaluate(
        """([k, f]) => { const probe = window.__gluteedProbe;
                         return probe.figures[f] - probe.keys[probe.keys.length - 1]; }""",
        [counts["keys"], counts["figures"]],
    )
    return Move(key=key, before=before, after=slider_value(handle), latency_ms=latency)


def step_away_from_limit(handle: Locator, index: int) -> str:
    """A key that changes the slider by a visible amount (PageUp/PageDown: five steps),
    away from a limit, otherwise alternating by ``index``.

    Single arrow steps (1 %) can leave both the rounded readout and the picture as
    they were, and then nothing is sent to the page at all.
    """
    value = slider_value(handle)
    low = float(handle.get_attribute("aria-valuemin"))
    high = float(handle.get_attribute("aria-valuemax"))
    if value <= low:
        return "PageUp"
    if value >= high:
        return "PageDown"
    return "PageDown" if index % 2 == 0 else "PageUp"


def random_slider_pass(page: Page, moves: int, seed: int, max_seconds: float = 90.0) -> int:
    """Press random keys on random sliders; returns how many moves were made.

    Bounded by ``moves`` and by ``max_seconds``; keeps going without waiting for
    each figure, as a restless student would, then lets the page settle.
    """
    rng = random.Random(seed)
    handles = page.locator(".widget-slider .noUi-handle")
    count = handles.count()
    assert count > 0, "no sliders on the page"
    keys = ["ArrowLeft", "ArrowRight", "PageUp", "PageDown", "ArrowLeft", "ArrowRight"]
    start = time.monotonic()
    made = 0
    while made < moves and time.monotonic() - start < max_seconds:
        handles.nth(rng.randrange(count)).press(rng.choice(keys))
        made += 1
        page.wait_for_timeout(rng.choice([0, 20, 50, 120]))
    settle(page)
    return made


def settle(page: Page, quiet_ms: int = 1500, timeout_ms: float = 60_000) -> None:
    """Wait until no figure update has arrived for ``quiet_ms``."""
    page.wait_for_function(
        """quiet => { const f = window.__gluteedProbe.figures;
                      const last = f.length ? f[f.length - 1] : 0;
                      return performance.now() - last > quiet; }""",
        arg=quiet_ms,
        timeout=timeout_ms,
        polling=200,
    )


def show_dashboard(page: Page) -> None:
    """Scroll the dashboard's output to the top of the window (for screenshots)."""
    page.evaluate(
        """() => { const el = document.querySelector('.gluteed-readout');
                   const box = el && el.closest('.jp-OutputArea-output, .jp-OutputArea');
                   (box || el).scrollIntoView({ block: 'start' }); }"""
    )
    page.wait_for_timeout(300)
