"""A dashboard's state as a link: round trips, hostile links, the share box."""

from __future__ import annotations

import base64
import json
import random
from dataclasses import replace
from datetime import UTC, datetime

import matplotlib
import pytest

matplotlib.use("Agg")

from gluteed import app, dashboard, sharing, widgets
from gluteed.cases import list_cases, load_case, parse_case
from gluteed.links import (
    DASHBOARD_REGISTRY,
    DASHBOARDS,
    DEFAULT_CASE,
    LINK_NAMES,
    check_dashboard,
    link_from_state,
    state_from_link,
)

SEED = 20261127
STATES = 200
KINDS = {"stance": widgets.StanceDashboard, "bend": widgets.BendDashboard}
KINDS["walk"] = widgets.WalkDashboard


def random_value(control, rng: random.Random):
    """A value a student can set: on the slider's step grid, or one of the options."""
    if hasattr(control, "options"):
        return rng.choice([value for _label, value in control.options])
    if isinstance(control.value, bool):
        return rng.random() < 0.5
    steps = round((control.max - control.min) / control.step)
    return control.min + control.step * rng.randint(0, steps)


def random_state(dash, rng: random.Random):
    """(case, own controls) of a random state of ``dash``: a random base case, random controls."""
    base = rng.choice([None, *list_cases()])
    case = load_case(base) if base else DEFAULT_CASE
    values = {}
    for name, control in dash.controls.items():
        if name in ("case", "reset", "play") or rng.random() < 0.3:
            continue  # some controls keep the case's value
        values[name] = random_value(control, rng)
    own = {k: values.pop(k) for k in DASHBOARDS[dash.kind] if k in values}
    if dash.kind == "stance" and values.get("bag_kg", 0) > 0.3 * values.get("mass_kg", 1e9):
        values["bag_kg"] = 0.0  # keep the model solvable; the link does not care
    return replace(case, **values), own


def full_state(dash) -> dict:
    return dash.state() | {k: dash.controls[k].value for k in DASHBOARDS[dash.kind]}


@pytest.fixture(scope="module")
def quiet_dashboards():
    """One source and one target dashboard per kind, drawing nothing (the state is tested)."""
    draw = dashboard.Dashboard._redraw
    dashboard.Dashboard._redraw = lambda self, solve=True: self.sharing.refresh()
    try:
        yield {kind: (cls(), cls()) for kind, cls in KINDS.items()}
    finally:
        dashboard.Dashboard._redraw = draw


def test_200_random_states_survive_link_and_a_new_dashboard_exactly(quiet_dashboards):
    rng = random.Random(SEED)
    kinds = list(KINDS)
    seen = set()
    for i in range(STATES):
        kind = kinds[i % 3]
        source, target = quiet_dashboards[kind]
        case, own = random_state(source, rng)
        source.set_state(case, own, modified=True)
        expected = full_state(source)
        query = sharing.link_of(source)
        read = state_from_link(query)
        assert read.messages == (), (query, read.messages)
        assert read.dashboard == kind
        sharing.apply_link(target, read)  # the target held the previous random state
        assert full_state(target) == expected, query
        seen.add(query)
    assert len(seen) > 190, "the states must differ"


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_link_opens_a_fresh_drawn_dashboard_in_the_same_state(kind):
    rng = random.Random(hash(kind) % 1000)
    source = KINDS[kind]("weak-right-glute", teaching=True)  # as the link opens it
    case, own = random_state(source, rng)
    source.set_state(case, own, modified=True)
    query = sharing.link_of(source)
    fresh, read = sharing.dashboard_from_link(query, teaching=True)
    assert type(fresh) is type(source) and read.messages == ()
    assert full_state(fresh) == full_state(source)
    assert fresh.readout.value == source.readout.value
    assert fresh.image.value == source.image.value, "the same state draws the same figure"


def test_one_registry_names_the_dashboards_for_links_buttons_and_classes():
    names = list(DASHBOARD_REGISTRY)
    assert names == ["stance", "bend", "walk"]
    assert list(DASHBOARDS) == list(app.DASHBOARDS) == list(widgets.TEACHING_DASHBOARDS) == names
    for name, entry in DASHBOARD_REGISTRY.items():
        assert DASHBOARDS[name] == entry.own_controls
        assert app.DASHBOARDS[name] == entry.label
        cls = widgets.TEACHING_DASHBOARDS[name]
        assert (cls.__name__, cls.kind) == (entry.widget, name)
        assert tuple(cls._OWN_STARTS) == entry.own_controls, "the class starts what links carry"
    assert app.DASHBOARDS["bend"] == "Bending forward"
    assert DASHBOARDS["walk"] == ("cycle_pct",)
    assert check_dashboard("walk") == "walk"
    for bad in ("run", "Stance", None):
        with pytest.raises(
            ValueError, match=f"dashboard must be one of stance, bend, walk; got {bad!r}"
        ):
            check_dashboard(bad)


def test_the_link_names_registry_parameters_and_only_what_differs():
    link = link_from_state(
        {"glute_med_strength_right_pct": 20.0, "sex": "female", "walking_speed_ms": 1.25},
        case="weak-right-glute",
    )
    assert link == (
        "?dashboard=stance&case=weak-right-glute&glute_med_strength_right=20&speed_ms=1.25"
    )
    assert set(LINK_NAMES) >= {"glute_med_strength_right", "speed_ms", "trunk_inclination_deg"}


HOSTILE = {
    "<script>alert(1)</script>": "unknown parameter",
    "case=../../etc/passwd": "case = '../../etc/passwd' is not a shipped patient case",
    "mass_kg=" + "9" * 10_000: "is 10000 characters long",
    "mass_kg=nan": "mass_kg = 'nan' is not a number: allowed 30 to 200 kg",
    "height_m=inf": "height_m = 'inf' is not a number: allowed 1.2 to 2.2 m",
    "bag_kg=1e999": "bag_kg = '1e999' is out of range: allowed 0 to 40 kg",
    "glute_med_strength_right=101": "out of range: allowed 0 to 100 %",
    "cane_pct_bw=5&cane_pct_bw=6": "'cane_pct_bw' is given 2 times",
    "sex=<b>x</b>": "sex = '<b>x</b>' is not allowed: allowed one of female, male",
    "glute_inhibition=maybe": "allowed true or false",
    "dashboard=../bend": "allowed one of stance, bend, walk",
    "dashboard=bend&trunk_inclination_deg=115": "allowed 0 to 110 deg",
    "cycle_pct=30": "belongs to another dashboard",
    "mass_kg=0x50": "is not a number",
    "mass_kg=8_0": "is not a number",
}


@pytest.mark.parametrize(("bad", "said"), list(HOSTILE.items()), ids=range(len(HOSTILE)))
def test_a_hostile_parameter_gives_one_message_and_the_rest_still_applies(bad, said):
    read = state_from_link(f"case=weak-right-glute&{bad}&ake_deg=40")
    if "case=" in bad:
        read = state_from_link(f"{bad}&ake_deg=40")
    assert len(read.messages) == 1, read.messages
    message = read.messages[0]
    assert said in message
    assert len(message) < 400, "a long value is shortened"
    assert "\n" not in message
    assert read.values["ake_deg"] == 40.0, "the rest of the link still applies"


def test_a_hostile_link_reaches_the_page_escaped_with_the_rest_applied():
    from gluteed.app import teaching_app

    page = teaching_app(
        query="glute_med_strength_right=30&%3Cscript%3E=%3Cimg%20src=x%20onerror=alert(1)%3E"
        "&mass_kg=nan",
        projector=False,
    )
    dash = page.parts[-1].current  # the Switcher shows the dashboard the link names
    assert dash.controls["glute_med_strength_right_pct"].value == 30.0
    text = "".join(getattr(part, "data", "") for part in page.parts[:-1])
    assert "mass_kg = &#x27;nan&#x27; is not a number: allowed 30 to 200 kg" in text
    assert "<script>" not in text and "<img" not in text


def test_the_page_link_and_the_download_give_back_the_state():
    dash = widgets.teaching_dashboard("duchenne-compensator")
    dash.controls["glute_med_strength_right_pct"].value = 42.0
    html_text = dash.sharing.links.value
    assert 'href="?dashboard=stance&amp;case=duchenne-compensator&amp;' in html_text
    payload = html_text.split("base64,", 1)[1].split('"', 1)[0]
    case = parse_case(base64.b64decode(payload), source="download")
    assert case == dash.case()
    lab = widgets.stance_dashboard()
    assert f'href="/{sharing.TEACHING_PATH}?dashboard=stance"' in lab.sharing.links.value


def uploaded(name: str, content: bytes) -> dict:
    """One file as ``ipywidgets.FileUpload`` gives it."""
    return {"name": name, "type": "application/json", "size": len(content),
            "content": memoryview(content), "last_modified": datetime.now(UTC)}  # fmt: skip


def test_opening_a_case_file_loads_it_and_a_bad_one_gives_one_message():
    dash = widgets.stance_dashboard()
    good = load_case("weak-right-glute").to_dict() | {"name": "mine", "bag_kg": 3.5}
    dash.sharing.upload.value = (uploaded("mine.json", json.dumps(good).encode()),)
    assert dash.controls["bag_kg"].value == 3.5
    assert "Opened" in dash.sharing.message.value
    bad = good | {"mass_kg": float("nan")}
    dash.sharing.upload.value = (uploaded("<b>x</b>.json", json.dumps(bad).encode()),)
    message = dash.sharing.message.value
    assert "cannot be opened" in message and "NaN is not allowed" in message
    assert "<b>x</b>" not in message, "the file name is shown as text"
    assert dash.controls["bag_kg"].value == 3.5, "a bad file changes nothing"
