"""Accessibility and links in a real Chromium: axe-core on the teaching page and on the
three dashboards in JupyterLab, the keyboard alone, and links that restore a state.

axe-core comes with ``axe-playwright-python`` (its ``axe.min.js`` is in the package:
nothing is downloaded). A serious or critical violation fails; the others are listed in
the report and in ``docs/accessibility.md``.
"""

from __future__ import annotations

import random
import re

import _server
import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import (
    close_page,
    glute_slider,
    open_in_lab,
    run_all_cells,
    slider_value,
    wait_dashboard,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: WCAG 2.0 and 2.1, levels A and AA: the rules axe-core runs.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING = ("serious", "critical")
LINK_STATES = 20
SEED = 14


@pytest.fixture(scope="module")
def teaching_server(tmp_path_factory, chromium):
    server = _server.start_teaching_server(tmp_path_factory.mktemp("teaching-access"), pool=2)
    try:
        server.wait_for_pool(2)
        yield server
    finally:
        server.stop()


def axe_violations(page, where: str) -> dict[str, list[str]]:
    """axe-core's violations on the dashboard, by impact (``rule: nodes``); kept for the report."""
    results = Axe().run(page, context=".gluteed-dashboard", options=AXE_OPTIONS)
    found: dict[str, list[str]] = {}
    for violation in results.response["violations"]:
        found.setdefault(violation["impact"] or "none", []).append(
            f"{violation['id']} ({len(violation['nodes'])} nodes): {violation['help']}; "
            f"{[node['target'] for node in violation['nodes'][:3]]}"
        )
    print(f"axe-core, {where}: {found or 'no violations'}")  # shown with pytest -rP
    return found


def assert_no_serious(found: dict[str, list[str]]) -> None:
    blocking = {impact: rules for impact, rules in found.items() if impact in BLOCKING}
    assert not blocking, f"serious or critical axe-core violations: {blocking}"


def test_teaching_page_has_no_serious_axe_violation(page, teaching_server, assert_clean):
    page.goto(teaching_server.page_url("case=weak-right-glute"))
    wait_dashboard(page)
    assert_no_serious(axe_violations(page, "teaching page"))
    assert_clean()
    close_page(page)


@pytest.mark.parametrize("kind", ["stance", "bend", "walk"])
def test_lab_dashboard_has_no_serious_axe_violation(
    kind, page, lab_server, workdir, shut_down_kernels
):
    folder = workdir / "notebooks" / f"access-{kind}"
    folder.mkdir(exist_ok=True)
    notebook = folder / f"{kind}.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# The {kind} dashboard"),
        nbformat.v4.new_code_cell(
            f"from gluteed.widgets import {kind}_dashboard\n{kind}_dashboard('weak-right-glute')"
        ),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nbformat.write(nb, notebook)
    open_in_lab(page, lab_server.url(f"lab/tree/access-{kind}/{kind}.ipynb", "reset"))
    run_all_cells(page)
    wait_dashboard(page)
    assert_no_serious(axe_violations(page, f"JupyterLab, {kind} dashboard"))


def focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   const box = el.closest('.widget-inline-hbox, .widget-box, .jupyter-widgets');
                   const style = getComputedStyle(el);
                   return { tag: el.tagName, cls: el.className,
                            inDashboard: !!el.closest('.gluteed-dashboard'),
                            label: (box && box.querySelector('.widget-label') || {}).innerText || '',
                            outline: style.outlineStyle !== 'none' || style.boxShadow !== 'none' }; }"""
    )


def test_keyboard_alone_reaches_every_control_and_moves_the_figure(page, teaching_server):
    page.goto(teaching_server.page_url("case=weak-right-glute"))
    wait_dashboard(page)
    controls = page.evaluate(
        """() => [...document.querySelectorAll('.gluteed-dashboard :is(select, button, input,'
                + ' a[href], [tabindex="0"], .noUi-handle)')]
               .filter(el => !el.disabled && el.offsetParent !== null).length"""
    )
    page.locator("body").click(position={"x": 2, "y": 2})
    seen, strength, no_focus_ring = set(), None, []
    for _ in range(4 * controls):
        page.keyboard.press("Tab")
        where = focused(page)
        if not where["inDashboard"]:
            continue
        key = page.evaluate(
            """() => { const el = document.activeElement;
                       const all = [...document.querySelectorAll('.gluteed-dashboard *')];
                       return all.indexOf(el); }"""
        )
        seen.add(key)
        if not where["outline"]:
            no_focus_ring.append(where)
        if strength is None and re.search(r"right glute med", where["label"], re.I):
            if "noUi-handle" in where["cls"]:
                strength = dict(where)
                before_value = slider_value(glute_slider(page))
                before_alt = page.get_attribute("img.widget-image", "title")
                before_src = page.get_attribute("img.widget-image", "src")
                page.keyboard.press("ArrowRight")
                page.keyboard.press("ArrowRight")
                expected = f"R glute med {before_value + 2:.0f} % strength"
                page.wait_for_function(
                    "text => document.querySelector('img.widget-image').title.includes(text)"
                    " && document.querySelector('.gluteed-readout').innerText.includes(text)",
                    arg=expected,
                    timeout=30_000,
                )
                assert before_alt and expected not in before_alt
                assert slider_value(glute_slider(page)) == before_value + 2
                assert page.get_attribute("img.widget-image", "src") != before_src
                alt = page.get_attribute("img.widget-image", "title")
                assert f"R glute med {before_value + 2:.0f} % strength" in alt
                live = page.locator(".gluteed-readout[aria-live='polite']")
                assert f"{before_value + 2:.0f} % strength" in live.inner_text()
    assert strength is not None, "Tab never reached the strength slider"
    assert len(seen) >= controls, f"Tab reached {len(seen)} of {controls} controls"
    assert not no_focus_ring, f"focused without a visible focus style: {no_focus_ring[:3]}"
    close_page(page)


def random_link_states(count: int, seed: int) -> list[dict]:
    """Random stance states on the sliders' step grids, with a random shipped case."""
    from gluteed.cases import list_cases
    from gluteed.links import link_from_state

    rng = random.Random(seed)
    links = []
    for _ in range(count):
        mass = float(rng.randint(30, 200))
        state = {
            "mass_kg": mass,
            "height_m": rng.randint(120, 220) / 100,
            "sex": rng.choice(["female", "male"]),
            "stance_side": rng.choice(["right", "left"]),
            "glute_med_strength_right_pct": float(rng.randint(0, 100)),
            "glute_med_strength_left_pct": float(rng.randint(0, 100)),
            "strategy": rng.choice(["balanced", "lean", "upright"]),
            "bag_kg": min(rng.randint(0, 80) / 2, round(0.3 * mass * 2) / 2 - 0.5),
            "bag_side": rng.choice(["same", "opposite"]),
            "cane_pct_bw": float(rng.randint(0, 30)),
            "ake_deg": float(rng.randint(0, 90)),
            "glute_inhibition": rng.random() < 0.5,
        }
        case = rng.choice([None, *list_cases()])
        links.append({"state": state, "query": link_from_state(state, case=case)})
    return links


def test_links_restore_random_states_in_teaching_mode(page, teaching_server, assert_clean):
    """20 random states: link -> a new teaching page -> every control shows the state."""
    read_controls = """() => {
      const dash = document.querySelector('.gluteed-dashboard');
      const out = {};
      dash.querySelectorAll('.widget-slider').forEach(s => {
        out[s.querySelector('.widget-label').innerText.trim()] =
          Number(s.querySelector('.widget-readout').innerText.trim());
      });
      dash.querySelectorAll('.widget-toggle-buttons').forEach(t => {
        const on = t.querySelector('button.mod-active');
        out[t.querySelector('.widget-label').innerText.trim()] = on ? on.innerText.trim() : null;
      });
      dash.querySelectorAll('.widget-checkbox input').forEach(c => { out['checkbox'] = c.checked; });
      out.link = (dash.querySelector('.gluteed-link-text') || {}).value;
      return out; }"""
    for item in random_link_states(LINK_STATES, SEED):
        query = item["query"].removeprefix("?")
        page.goto(teaching_server.page_url(query))
        wait_dashboard(page)
        page.wait_for_function(
            "q => { const t = document.querySelector('.gluteed-link-text');"
            " return t && t.value === '?' + q; }",
            arg=query,
            timeout=60_000,
        )
        shown = page.evaluate(read_controls)
        state = item["state"]
        assert shown["Right glute med strength [%]"] == state["glute_med_strength_right_pct"]
        assert shown["Left glute med strength [%]"] == state["glute_med_strength_left_pct"]
        assert shown["Body mass [kg]"] == state["mass_kg"]
        assert shown["Height [m]"] == pytest.approx(state["height_m"])
        assert shown["Bag in one hand [kg]"] == state["bag_kg"]
        assert shown["checkbox"] == state["glute_inhibition"]
        assert shown["link"] == item["query"], "the page's own link is the link it came from"
        assert_clean()


def test_a_hostile_link_gives_a_message_and_no_traceback(page, teaching_server, assert_clean):
    page.goto(
        teaching_server.page_url(
            "glute_med_strength_right=30&%3Cscript%3Ealert(1)%3C/script%3E=1&mass_kg=nan"
            "&case=..%2F..%2Fetc%2Fpasswd&ake_deg=" + "9" * 10_000
        )
    )
    wait_dashboard(page)
    text = page.inner_text("body")
    assert "Traceback" not in text
    assert "mass_kg = 'nan' is not a number: allowed 30 to 200 kg" in text
    assert "is 10000 characters long" in text
    assert "There is no case called ../../etc/passwd" in text
    assert slider_value(glute_slider(page)) == 30
    assert page.locator("script:has-text('alert(1)')").count() == 0
    assert_clean()
