"""The dashboards, driven from code: controls -> model -> artists -> picture."""

import html
import io
import itertools
import re
from urllib.parse import parse_qs

import matplotlib

matplotlib.use("Agg")

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from gluteed import solve_stance, view
from gluteed.cases import Case, load_case
from gluteed.sharing import link_of
from gluteed.widgets import (
    StanceDashboard,
    bend_dashboard,
    stance_dashboard,
    teaching_dashboard,
    walk_dashboard,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def readout_numbers(dash) -> dict:
    """The numbers shown in the readout, by what they are."""
    text = html.unescape(re.sub("<[^>]+>", "", dash.readout.value))
    patterns = {
        "lean": r"trunk lean (-?[\d.]+)°",
        "drop": r"pelvic drop (-?[\d.]+)°",
        "abductors": r"hip abductors ([\d.]+) × BW",
        "left_back": r"L lower back ([\d.]+) × BW",
        "right_back": r"R lower back ([\d.]+) × BW",
        "hip": r"hip joint ([\d.]+) × BW",
        "strength": r"glute med ([\d.]+) % strength",
    }
    return {k: float(re.search(p, text).group(1)) for k, p in patterns.items()}


def expected_numbers(result) -> dict:
    return {
        "lean": round(float(result.trunk_lean_deg), 1),
        "drop": round(float(result.pelvic_drop_deg), 1),
        "abductors": round(float(result.abductor_force_bw), 2),
        "left_back": round(float(result.lumbar_left_force_bw), 2),
        "right_back": round(float(result.lumbar_right_force_bw), 2),
        "hip": round(float(result.hip_contact_force_bw), 2),
        "strength": round(float(result.inputs.stance_strength_pct)),
    }


def trunk_angle(dash) -> float:
    line = dash.panels.body["trunk_axis"]
    (x0, x1), (y0, y1) = line.get_xdata(), line.get_ydata()
    return float(np.degrees(np.arctan2(x1 - x0, y1 - y0)))


def test_controls_are_labelled_with_units():
    dash = stance_dashboard()
    labels = {name: c.description for name, c in dash.controls.items()}
    assert labels["mass_kg"] == "Body mass [kg]"
    assert labels["height_m"] == "Height [m]"
    assert labels["glute_med_strength_right_pct"] == "Right glute med strength [%]"
    assert labels["glute_med_strength_left_pct"] == "Left glute med strength [%]"
    assert labels["bag_kg"] == "Bag in one hand [kg]"
    assert labels["cane_pct_bw"] == "Cane push [% body weight]"
    assert "gluteed-readout" in dash.readout._dom_classes
    assert isinstance(dash.readout, ipywidgets.HTML)
    assert isinstance(dash.widget, ipywidgets.Box)
    bundle = dash._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_moving_sliders_updates_numbers_and_artists_without_new_figures():
    dash = stance_dashboard()
    fig, panels, image = dash.figure, dash.panels, dash.image
    artists = {name: id(a) for name, a in panels.body.items.items()}
    figures = plt.get_fignums()
    first_png = image.value
    assert readout_numbers(dash) == expected_numbers(solve_stance())
    left_before = readout_numbers(dash)["left_back"]
    flags = [False]
    for strength in (80, 50, 30, 10):
        dash.controls["glute_med_strength_right_pct"].value = strength
        expected = solve_stance(glute_med_strength_right=strength)
        flags.append(bool(expected.over_capacity))
        assert readout_numbers(dash) == expected_numbers(expected)
        assert trunk_angle(dash) == pytest.approx(float(expected.trunk_lean_deg), abs=1e-9)
        bar = panels.share["bar_lumbar_contralateral"].get_width()
        assert bar == pytest.approx(float(expected.lumbar_contralateral_force_bw))
        assert panels.curve["current_line"].get_xdata()[0] == strength
    # The criss-cross: a weaker right glute loads the left lower back.
    assert readout_numbers(dash)["left_back"] > left_before
    assert dash.figure is fig and dash.panels is panels and dash.image is image
    assert {name: id(a) for name, a in panels.body.items.items()} == artists
    assert plt.get_fignums() == figures == []
    assert image.value != first_png
    png = np.asarray(Image.open(io.BytesIO(image.value)))
    assert png.shape[:2] == fig.canvas.get_width_height()[::-1]
    # Only the changing artists are redrawn; the whole figure only when the
    # over-capacity warning (drawn with the background) comes or goes.
    assert dash._fast.full_draws == 1 + sum(a != b for a, b in itertools.pairwise(flags))


def test_every_control_reaches_the_model():
    dash = stance_dashboard()
    changes = {
        "mass_kg": 95.0,
        "height_m": 1.62,
        "sex": "female",
        "glute_med_strength_left_pct": 35.0,
        "stance_side": "left",
        "bag_kg": 6.0,
        "bag_side": "same",
        "cane_pct_bw": 12.0,
        "strategy": "lean",
    }
    for name, value in changes.items():
        dash.controls[name].value = value
    inp = dash.stance_input()
    assert inp.subject.mass_kg == 95.0 and inp.subject.height_m == 1.62
    assert inp.subject.sex == "female" and inp.stance_side == "left"
    assert (inp.bag_kg, inp.bag_side, inp.cane_pct_bw, inp.strategy) == (6.0, "same", 12.0, "lean")
    assert inp.glute_med_strength_left == 35.0
    expected = solve_stance(inp)
    assert readout_numbers(dash) == expected_numbers(expected)
    assert dash.panels.body["title_abductors"].get_text() == "left hip abductors"
    assert dash.panels.body["arrow_cane"].get_visible()
    assert dash.controls["case"].value == "", "hand-made settings are no longer a named case"


def test_reset_button_and_loading_cases():
    dash = stance_dashboard("duchenne-compensator")
    start = dash.readout.value
    case = load_case("duchenne-compensator")
    assert dash.controls["strategy"].value == "lean"
    assert readout_numbers(dash) == expected_numbers(solve_stance(case.stance_input()))
    dash.controls["glute_med_strength_right_pct"].value = 90
    dash.controls["bag_kg"].value = 10
    assert dash.readout.value != start
    dash.controls["reset"].click()
    assert dash.readout.value == start
    assert dash.controls["bag_kg"].value == 0 and dash.controls["case"].value == case.name
    # Choosing a case in the drop-down loads it.
    dash.controls["case"].value = "weak-right-glute"
    weak = solve_stance(load_case("weak-right-glute").stance_input())
    assert readout_numbers(dash) == expected_numbers(weak)
    # Her pelvis drops until stretched tissue holds it: a posture that can be
    # held, so no warning, and the readout says so.
    assert "the pelvis drops until stretched tissue holds it" in dash.readout.value
    assert "gluteed-over-capacity" not in dash.readout.value
    assert not dash.panels.body["over_label"].get_visible()
    assert "Trendelenburg" in dash.description.value
    # With no gluteus medius left she cannot stand on the leg: the readout and
    # the figure say so, and nothing impossible is drawn as if it were held.
    dash.controls["glute_med_strength_right_pct"].value = 0
    assert not bool(dash.result.feasible)
    assert "CANNOT BE HELD" in dash.readout.value and "gluteed-over-capacity" in dash.readout.value
    assert dash.panels.body["over_label"].get_visible()
    dash.controls["case"].value = "healthy-adult"
    dash.controls["case"].value = "weak-right-glute"
    # ... and so does load_case, by name.
    dash.load_case("healthy-adult")
    assert dash.controls["case"].value == "healthy-adult"
    assert readout_numbers(dash) == expected_numbers(
        solve_stance(load_case("healthy-adult").stance_input())
    )


def test_a_case_is_applied_in_one_redraw():
    dash = stance_dashboard()
    calls = []
    original = dash._redraw
    dash._redraw = lambda: (calls.append(1), original())
    dash.load_case("weak-right-glute")
    assert calls == [1]


def test_lecturer_saves_state_and_a_student_loads_it(tmp_path):
    lecturer = stance_dashboard()
    lecturer.controls["glute_med_strength_right_pct"].value = 33
    lecturer.controls["bag_kg"].value = 7.5
    lecturer.controls["strategy"].value = "lean"
    state = lecturer.state()
    assert state["glute_med_strength_right_pct"] == 33 and state["bag_kg"] == 7.5
    path = lecturer.save_case(
        tmp_path / "week-3", name="week-3", title="Week 3", description="Bag & lean <b>x</b>"
    )
    student = stance_dashboard(path)
    assert student.readout.value == lecturer.readout.value
    assert student.state()["title"] == "Week 3"
    assert "<b>x</b>" not in student.description.value, "case text is shown as text, not markup"
    other = stance_dashboard()
    other.load_case(path)
    assert other.readout.value == lecturer.readout.value
    with pytest.raises(ValueError, match="exists already"):
        lecturer.save_case(path)


def test_bad_cases_give_clear_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "title": "t", "description": "d", "mass_kg": "heavy"}')
    with pytest.raises(ValueError, match="mass_kg"):
        stance_dashboard(bad)
    dash = stance_dashboard()
    with pytest.raises(ValueError, match="unknown case"):
        dash.load_case("no-such-case")
    with pytest.raises(ValueError, match="backend"):
        StanceDashboard(backend="svg")


def test_teaching_dashboard_is_larger_and_takes_shipped_names_only(tmp_path):
    teach = teaching_dashboard("weak-right-glute")
    normal = stance_dashboard("weak-right-glute")
    assert teach.readout.value == normal.readout.value
    assert teach.figure.get_size_inches()[0] > normal.figure.get_size_inches()[0]
    size = teach.panels.body["value_abductors"].get_fontsize()
    assert size > normal.panels.body["value_abductors"].get_fontsize()
    assert "gluteed-teaching" in teach.widget._dom_classes
    path = Case(name="mine", title="t", description="d")
    from gluteed.cases import save_case

    file = save_case(path, tmp_path / "mine.json")
    with pytest.raises(ValueError, match="shipped"):
        teaching_dashboard(str(file))
    with pytest.raises(ValueError, match="shipped"):
        teaching_dashboard("../../etc/passwd")
    with pytest.raises(ValueError, match="unknown case"):
        teaching_dashboard("no-such-case")


def test_live_canvas_with_ipympl():
    dash = stance_dashboard(backend="ipympl")
    assert matplotlib.get_backend().lower() == "agg", "the user's backend is kept"
    assert dash.backend == "ipympl" and dash.image is None
    canvas = dash.figure.canvas
    assert isinstance(canvas, ipywidgets.DOMWidget)
    assert plt.get_fignums() == []
    drawn = []
    canvas.draw_idle = lambda: drawn.append(1)
    dash.controls["glute_med_strength_right_pct"].value = 25
    assert drawn == [1] and dash.figure.canvas is canvas
    expected = solve_stance(glute_med_strength_right=25)
    assert readout_numbers(dash) == expected_numbers(expected)
    assert trunk_angle(dash) == pytest.approx(float(expected.trunk_lean_deg), abs=1e-9)


def test_the_picture_shows_what_the_model_says():
    """The PNG the browser receives changes where the lower back's arrow is."""
    dash = stance_dashboard()
    dash.controls["strategy"].value = "lean"
    dash.controls["glute_med_strength_right_pct"].value = 100
    strong = np.asarray(Image.open(io.BytesIO(dash.image.value)))
    dash.controls["glute_med_strength_right_pct"].value = 0
    weak = np.asarray(Image.open(io.BytesIO(dash.image.value)))
    fast = dash._fast.png()
    assert np.any(np.asarray(Image.open(io.BytesIO(fast))) != strong)
    assert np.any(weak != strong)
    assert view.summary_line(dash.result) in html.unescape(dash.readout.value)


def test_stance_hypothesis_switch_lowers_glute_availability():
    from gluteed.hamstrings import glute_availability

    dash = stance_dashboard("office-tight-hamstrings")
    off = dash.readout.value
    assert "availability" not in off
    dash.controls["ake_deg"].value = 60
    assert dash.readout.value == off, "without the hypothesis the AKE changes nothing in stance"
    dash.controls["glute_inhibition"].value = True
    expected = float(glute_availability(60.0, sex="male", hypothesis=True))
    assert float(dash.result.inputs.glute_med_availability) == pytest.approx(expected)
    assert f"availability {100 * expected:.0f} %" in dash.readout.value
    assert readout_numbers(dash) == expected_numbers(solve_stance(dash.stance_input()))


def test_bend_dashboard_follows_tightness_and_the_hypothesis():
    from gluteed import solve_bend
    from gluteed.widgets import bend_dashboard

    dash = bend_dashboard("office-tight-hamstrings", trunk_inclination_deg=70)
    fig, artists = dash.figure, {n: id(a) for n, a in dash.panels.diagram.items.items()}
    lumbar = []
    for ake in (10, 40, 70):
        dash.controls["ake_deg"].value = ake
        expected = solve_bend(dash.bend_input())
        assert float(dash.result.lumbar_flexion_deg) == pytest.approx(
            float(expected.lumbar_flexion_deg)
        )
        assert html.escape(view.bend_summary_line(expected)) in dash.readout.value
        lumbar.append(float(expected.lumbar_flexion_deg))
    assert lumbar == sorted(lumbar), "tighter hamstrings, more of the bend in the lower back"
    assert dash.panels.curve["current_line"].get_xdata()[0] == 70
    dash.controls["glute_inhibition"].value = True
    assert dash.panels.diagram["hypothesis_label"].get_visible()
    assert "hypothesis ON" in dash.readout.value
    assert dash.figure is fig and plt.get_fignums() == []
    assert {n: id(a) for n, a in dash.panels.diagram.items.items()} == artists
    dash.controls["reset"].click()
    assert dash.controls["ake_deg"].value == load_case("office-tight-hamstrings").ake_deg
    assert not dash.panels.diagram["hypothesis_label"].get_visible()
    # Past the office worker's reach (103°) the readout and the figure say "cannot".
    dash.controls["trunk_inclination_deg"].value = 110
    assert not bool(dash.result.feasible)
    assert "gluteed-over-capacity" in dash.readout.value
    assert "CANNOT BEND THIS FAR" in dash.readout.value
    assert dash.panels.diagram["cannot_label"].get_visible()
    dash.controls["trunk_inclination_deg"].value = 60
    assert bool(dash.result.feasible) and "gluteed-over-capacity" not in dash.readout.value
    assert not dash.panels.diagram["cannot_label"].get_visible()


def test_walk_dashboard_plays_through_the_stride_without_re_solving():
    from gluteed import solve_walk
    from gluteed.widgets import walk_dashboard

    dash = walk_dashboard("weak-right-glute", cycle_pct=20)
    walk = dash.result
    png = dash.image.value
    dash.controls["play"].value = 70  # the Play button drives the cycle slider
    assert dash.controls["cycle_pct"].value == 70
    assert dash.result is walk, "moving through the stride does not re-solve"
    assert dash.panels.gait["current_line"].get_xdata()[0] == 70
    assert dash.panels.body["stance_label"].get_text() == "stance: left leg"
    assert dash.image.value != png and "at 70 % of the stride" in dash.readout.value
    dash.controls["glute_med_strength_right_pct"].value = 80
    expected = solve_walk(dash.walk_input())
    assert dash.result is not walk
    assert np.allclose(dash.result.glute_med_force_right_n, expected.glute_med_force_right_n)
    line = dash.panels.gait["line_glute_med_force_right_bw"]
    assert np.allclose(line.get_ydata(), expected.glute_med_force_right_bw)
    assert plt.get_fignums() == []


def test_a_combination_the_model_rejects_is_reported_not_raised():
    """A bag over 30 % of a light body: the readout names the problem, the
    figure keeps its last picture, and nothing raises in the observer."""
    dash = stance_dashboard()
    figure, before = dash.figure, dash.result
    dash.controls["mass_kg"].value = 40
    dash.controls["bag_kg"].value = 30
    assert "bag = 30 kg is out of range" in dash.readout.value
    assert "30%" in dash.readout.value
    assert dash.figure is figure and dash.result is not before
    dash.controls["bag_kg"].value = 5
    assert "out of range" not in dash.readout.value
    assert float(dash.result.inputs.bag_kg) == 5.0
    assert dash.controls["cane_pct_bw"].max == 30


# ------------------------------------------- every control matters or says why not ---
def _other_value(control):
    """A value of ``control`` different from its current one, inside its range."""
    if isinstance(control, ipywidgets.FloatSlider):
        target = control.min + 0.3 * (control.max - control.min)
        if abs(target - control.value) < 1e-9:
            target = control.min + 0.6 * (control.max - control.min)
        return target
    if isinstance(control, ipywidgets.Checkbox):
        return not control.value
    values = [option[1] if isinstance(option, tuple) else option for option in control.options]
    return next(v for v in values if v != control.value)


def _picture(dash) -> tuple:
    return (dash.image.value, html.unescape(dash.readout.value))


DASHBOARDS = [
    ("stance", stance_dashboard, None),
    ("stance", stance_dashboard, "weak-right-glute"),
    ("bend", bend_dashboard, None),
    ("bend", bend_dashboard, "office-tight-hamstrings"),
    ("walk", walk_dashboard, None),
]


@pytest.mark.parametrize(("kind", "make", "case"), DASHBOARDS, ids=lambda x: str(x))
def test_every_control_changes_the_picture_or_says_why_not(kind, make, case):
    dash = make(case)
    names = [n for n in dash.controls if n not in ("case", "reset", "play")]
    assert len(names) >= 6
    for name in names:
        dash.reset()
        control = dash.controls[name]
        if control.disabled:  # greyed out: the reason is said, and moving it changes nothing
            assert name in dash.reasons(), f"{kind}: {name} is greyed out without a reason"
            assert dash.reasons()[name].lower() in control.tooltip.lower()
            assert control.description in html.unescape(dash.hint.value)
        before = _picture(dash)
        control.value = _other_value(control)
        changed = _picture(dash) != before
        assert changed or name in dash.reasons(), f"{kind}: moving {name} changed nothing, silently"
        if control.disabled:  # (the empty hand may be drawn elsewhere; no number moves)
            assert _picture(dash)[1] == before[1], f"{kind}: greyed-out {name} changes the result"


def test_controls_that_cannot_matter_are_greyed_out_with_the_reason():
    dash = stance_dashboard()
    c = dash.controls
    assert (
        c["glute_med_strength_left_pct"].disabled and not c["glute_med_strength_right_pct"].disabled
    )
    assert "right leg" in c["glute_med_strength_left_pct"].tooltip
    c["stance_side"].value = "left"
    assert (
        c["glute_med_strength_right_pct"].disabled and not c["glute_med_strength_left_pct"].disabled
    )
    assert c["bag_side"].disabled and "no bag" in c["bag_side"].tooltip.lower()
    c["bag_kg"].value = 5.0
    assert not c["bag_side"].disabled
    assert c["ake_deg"].disabled and "inhibition switch" in c["ake_deg"].tooltip.lower()
    c["glute_inhibition"].value = True
    assert not c["ake_deg"].disabled
    assert "normal" in dash.reasons()["glute_inhibition"], "a normal AKE changes nothing"
    c["ake_deg"].value = 60.0
    assert "glute_inhibition" not in dash.reasons()
    assert not bend_dashboard().controls["ake_deg"].disabled, "in the bend the AKE always acts"


@pytest.mark.parametrize("make", [stance_dashboard, walk_dashboard])
def test_the_height_slider_says_why_it_changes_no_force(make):
    dash = make()
    assert not dash.controls["height_m"].disabled
    note = dash.reasons()["height_m"]
    assert "stature" in note and "× BW" in note and "N" in note
    assert "Height [m]" in html.unescape(dash.hint.value)


@pytest.mark.parametrize(
    ("make", "own", "moved"),
    [(bend_dashboard, "trunk_inclination_deg", 85.0), (walk_dashboard, "cycle_pct", 70.0)],
)
def test_reset_restores_every_control(make, own, moved):
    dash = make("weak-right-glute")
    start = {n: c.value for n, c in dash.controls.items() if n not in ("reset",)}
    readout = dash.readout.value
    for name, control in dash.controls.items():
        if name not in ("case", "reset", "play"):
            control.value = _other_value(control)
    dash.controls[own].value = moved
    dash.reset()
    assert {n: c.value for n, c in dash.controls.items() if n not in ("reset",)} == start
    assert dash.readout.value == readout


def test_cases_are_listed_in_teaching_order_healthy_adult_first():
    from gluteed.cases import list_cases
    from gluteed.dashboard_parts import CASE_ORDER

    options = [value for _label, value in stance_dashboard().controls["case"].options]
    assert options[0] == "" and options[1] == "healthy-adult"
    assert options[1:] == list(CASE_ORDER)
    assert set(CASE_ORDER) == set(list_cases()), "a shipped case without a place in the order"


@pytest.mark.parametrize("make", [stance_dashboard, bend_dashboard, walk_dashboard])
def test_save_figure_offers_png_and_svg_downloads_and_writes_nothing(make, tmp_path, monkeypatch):
    import base64

    monkeypatch.chdir(tmp_path)
    dash = make()
    assert dash.saver.links.value == ""
    before = dash.image.value
    dash.saver.button.click()
    links = dict(
        re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', dash.saver.links.value)
    )
    stem = f"gluteed-{dash.kind}"
    assert set(links) == {f"{stem}.png", f"{stem}.svg"}
    assert base64.b64decode(links[f"{stem}.png"]).startswith(b"\x89PNG")
    assert b"<svg" in base64.b64decode(links[f"{stem}.svg"])[:400]
    assert list(tmp_path.iterdir()) == []
    assert dash.image.value == before, "saving changed the picture on the page"
    dash.controls["mass_kg"].value = 90.0
    assert dash.saver.links.value == "", "links to an old figure are taken away"


@pytest.mark.parametrize("kind", ["stance", "bend", "walk"])
def test_teaching_dashboard_for_each_kind(kind):
    dash = teaching_dashboard("healthy-adult", kind)
    assert dash.kind == kind and dash.teaching
    assert dash.side in dash.widget.children


def test_teaching_dashboard_names_the_allowed_dashboards():
    with pytest.raises(ValueError, match=r"dashboard must be one of stance, bend, walk; got 'run'"):
        teaching_dashboard(None, "run")


# ------------------------------------------------------ no text over another ---
def _text_boxes(figure) -> list:
    """(text, box in pixels) of every visible text of the drawn figure."""
    from matplotlib.text import Text

    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = {
        id(t): t
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip() and (t.axes is None or t.axes.get_visible())
    }
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts.values()]


def _text_outside(figure) -> list[str]:
    """Visible texts cut by the figure's edge (by more than 2 px)."""
    width, height = figure.canvas.get_width_height()
    return [
        text[:40]
        for text, box in _text_boxes(figure)
        if box.x0 < -2 or box.y0 < -2 or box.x1 > width + 2 or box.y1 > height + 2
    ]


def _text_overlaps(figure) -> list[tuple[str, str]]:
    """Pairs of visible texts of the drawn figure whose boxes overlap by more than 1 px."""
    boxes = _text_boxes(figure)
    return [
        (a[:40], b[:40])
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > 1
        and min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > 1
    ]


STATES = {
    "stance": [{}, {"glute_med_strength_right_pct": 5.0, "strategy": "lean"},
               {"bag_kg": 15.0, "bag_side": "same", "cane_pct_bw": 20.0},
               {"stance_side": "left", "glute_med_strength_left_pct": 20.0, "strategy": "upright"}],
    "bend": [{}, {"trunk_inclination_deg": 100.0, "ake_deg": 70.0, "glute_inhibition": True},
             {"trunk_inclination_deg": 10.0}],
    "walk": [{}, {"glute_med_strength_right_pct": 10.0, "strategy": "lean", "cycle_pct": 40.0},
             {"bag_kg": 12.0, "cane_pct_bw": 15.0, "cycle_pct": 75.0}],
}  # fmt: skip


@pytest.mark.parametrize("teaching", [True, False], ids=["projector", "notebook"])
@pytest.mark.parametrize("kind", list(STATES))
def test_no_text_of_a_dashboard_figure_overlaps_another_or_the_edge(kind, teaching):
    make = {"stance": stance_dashboard, "bend": bend_dashboard, "walk": walk_dashboard}[kind]
    dash = teaching_dashboard("weak-right-glute", kind) if teaching else make("weak-right-glute")
    for changes in STATES[kind]:
        dash.reset()
        for name, value in changes.items():
            dash.controls[name].value = value
        assert not _text_overlaps(dash.figure), (changes, _text_overlaps(dash.figure))
        assert not _text_outside(dash.figure), (changes, _text_outside(dash.figure))


def test_the_overlap_check_sees_overlapping_text():
    figure = plt.figure(figsize=(4, 3))
    figure.text(0.2, 0.5, "gluteus medius")
    figure.text(0.25, 0.5, "lower back")
    assert _text_overlaps(figure) == [("gluteus medius", "lower back")]
    figure.text(0.9, 0.5, "hamstrings")
    assert _text_outside(figure) == ["hamstrings"]


def test_the_walking_dashboard_warns_like_the_stance_one():
    dash = walk_dashboard()
    assert "gluteed-over-capacity" not in dash.readout.value
    dash.controls["glute_med_strength_right_pct"].value = 14.0
    dash.controls["strategy"].value = "balanced"  # walkable, but the abductors at their limit
    assert dash.result.feasible
    assert "gluteed-over-capacity" in dash.readout.value
    assert "right hip abductors work at 100 %" in html.unescape(dash.readout.value)
    dash.controls["strategy"].value = "upright"  # the pelvis reaches the end of its range
    assert not dash.result.feasible
    assert "CANNOT BE WALKED" in html.unescape(dash.readout.value)
    assert "gluteed-over-capacity" in dash.readout.value


def test_a_slider_value_with_a_stray_digit_from_the_browser_changes_nothing():
    """noUiSlider can send 74.00000000000001 for 74 (a position through a percentage)."""
    dash = stance_dashboard("weak-right-glute")
    seen = []
    for name in ("ake_deg", "height_m", "bag_kg"):
        slider = dash.controls[name]
        slider.observe(seen.append, names="value")
        exact = slider.value
        slider.value = exact + 1e-12
        assert slider.value == exact
    assert seen == [], "no change, no redraw"
    dash.controls["ake_deg"].value = 74.00000000000001
    assert parse_qs(link_of(dash).removeprefix("?"))["ake_deg"] == ["74"]
