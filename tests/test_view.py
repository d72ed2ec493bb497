"""The view layer: drawn geometry follows the model, updates happen in place."""

import io

import matplotlib

matplotlib.use("Agg")

from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.text import Text
from PIL import Image

import gluteed
from gluteed import StanceInput, Subject, body_model, solve_stance, view
from gluteed.view.artists import flagged_ranges
from gluteed.view.png import encode_png


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def angle_from_vertical(line) -> float:
    """Angle of a drawn line from vertical, positive when its top is to the viewer's right."""
    (x0, x1), (y0, y1) = line.get_xdata(), line.get_ydata()
    return float(np.degrees(np.arctan2(x1 - x0, y1 - y0)))


def arrow_tail_tip(arrow):
    """Tail and tip of a FancyArrow (length includes the head) from its outline:
    the outline runs tip, head corner, neck, tail corner, tail corner, neck, ..."""
    xy = arrow.get_xy()
    return (xy[3] + xy[4]) / 2, xy[0]


def arrow_length(arrow) -> float:
    tail, tip = arrow_tail_tip(arrow)
    return float(np.hypot(*(tip - tail)))


# ---------------------------------------------------------------- geometry
def test_body_points_follow_the_model_geometry():
    r = solve_stance(glute_med_strength_right=30, strategy="lean")
    pts = view.body_points(r)
    body = body_model(r.inputs.subject)
    hips = pts["hip_swing"] - pts["hip_stance"]
    assert np.hypot(*hips) == pytest.approx(2 * float(body.half_hip_distance_m))
    # Seen from behind: standing on the right leg, the right hip is on the viewer's right.
    assert pts["hip_stance"][0] > pts["hip_swing"][0]
    # The pelvis turns by the solved drop (swing side down = positive).
    drop = np.degrees(np.arctan2(pts["hip_stance"][1] - pts["hip_swing"][1], -hips[0]))
    assert drop == pytest.approx(float(r.pelvic_drop_deg), abs=1e-9)
    # The trunk turns by the solved lean, toward the stance side (viewer's right).
    axis = pts["trunk_axis"][1] - pts["trunk_axis"][0]
    lean = np.degrees(np.arctan2(axis[0], axis[1]))
    assert lean == pytest.approx(float(r.trunk_lean_deg), abs=1e-9)
    # The stance foot stands on the floor, the swing foot is off it.
    assert pts["foot_stance"][:, 1].min() == pytest.approx(0.0, abs=1e-12)
    assert pts["foot_swing"][:, 1].min() > 0.05
    # Hip height: the greater trochanter at 0.530 of stature (Drillis & Contini
    # 1966, in Winter 2009, Fig. 4.1).
    assert pts["hip_stance"][1] == pytest.approx(0.530 * 1.75)


def test_drawing_is_mirrored_for_the_other_leg():
    right = solve_stance(glute_med_strength_right=35, strategy="lean", bag_kg=5)
    left = solve_stance(right.inputs.mirrored())
    a, b = view.body_points(right), view.body_points(left)
    for name in ("pelvis", "trunk", "leg_stance", "arm_swing", "hip_stance"):
        mirrored = np.asarray(b[name]) * np.array([-1.0, 1.0])
        assert np.allclose(np.asarray(a[name]), mirrored, atol=1e-12), name


def test_force_arrows_are_to_scale_and_point_the_right_way():
    r = solve_stance(glute_med_strength_right=40, bag_kg=6, cane_pct_bw=10)
    pts = view.body_points(r)
    h = 1.75
    per_bw = view.FORCE_SCALE_PER_BW * h
    for key, force in (
        ("abductors", r.abductor_force_bw),
        ("hip_contact", r.hip_contact_force_bw),
        ("lumbar_contralateral", r.lumbar_contralateral_force_bw),
        ("body_weight", 1.0),
        ("cane", 0.10),
    ):
        tail, tip, newtons = pts["forces"][key]
        assert np.hypot(*(tip - tail)) == pytest.approx(float(force) * per_bw), key
        assert newtons == pytest.approx(float(force) * float(r.body_weight_n)), key
    # The hip joint force pushes up on the pelvis, tilted medially by the solved angle.
    tail, tip, _ = pts["forces"]["hip_contact"]
    d = tip - tail
    medial = -np.sign(pts["hip_stance"][0] - pts["hip_swing"][0])  # toward the swing side
    assert d[1] > 0
    assert np.degrees(np.arctan2(medial * d[0], d[1])) == pytest.approx(
        float(r.hip_contact_angle_deg)
    )
    # Body weight and the bag pull down, the cane pushes up.
    for key, sign in (("body_weight", -1), ("bag", -1), ("cane", 1)):
        tail, tip, _ = pts["forces"][key]
        assert np.sign(tip[1] - tail[1]) == sign, key


# -------------------------------------------------------------- body drawing
def test_draw_body_then_update_in_place():
    weak = solve_stance(glute_med_strength_right=20, strategy="lean")
    strong = solve_stance(glute_med_strength_right=100, strategy="lean")
    body = view.draw_body(weak)
    ax = body.ax
    before = {name: id(artist) for name, artist in body.items.items()}
    n_children = len(ax.get_children())
    assert angle_from_vertical(body["trunk_axis"]) == pytest.approx(
        float(weak.trunk_lean_deg), abs=1e-9
    )
    length_weak = arrow_length(body["arrow_lumbar_left"])
    view.update_body(body, strong)
    assert {name: id(artist) for name, artist in body.items.items()} == before
    assert len(ax.get_children()) == n_children, "no artist is added by an update"
    assert plt.get_fignums() == [ax.figure.number]
    assert angle_from_vertical(body["trunk_axis"]) == pytest.approx(
        float(strong.trunk_lean_deg), abs=1e-9
    )
    # The other side's lower back (left, standing on the right) relaxes as the glute gets
    # stronger, and its arrow shrinks in proportion to the force (stature units).
    length_strong = arrow_length(body["arrow_lumbar_left"])
    assert length_strong < length_weak
    expected = view.FORCE_SCALE_PER_BW * float(strong.lumbar_contralateral_force_bw)
    assert length_strong == pytest.approx(expected, rel=1e-6, abs=1e-9)
    assert arrow_length(body["arrow_abductors"]) == pytest.approx(
        view.FORCE_SCALE_PER_BW * float(strong.abductor_force_bw), rel=1e-6
    )


def test_labels_give_newtons_and_body_weights():
    r = solve_stance(glute_med_strength_right=40, bag_kg=8, cane_pct_bw=12)
    body = view.draw_body(r)
    bw = float(r.body_weight_n)
    for name, force in (
        ("abductors", r.abductor_force_n),
        ("hip_contact", r.hip_contact_force_n),
        ("lumbar_left", r.lumbar_left_force_n),
        ("lumbar_right", r.lumbar_right_force_n),
        ("body_weight", bw),
        ("bag", 8 * 9.81),
        ("cane", 0.12 * bw),
    ):
        text = view.value_line(body, name)
        assert text == f"{float(force):.0f} N = {float(force) / bw:.2f} × BW", name
        assert body[f"value_{name}"].get_visible()
    assert "left lower back" == body["title_lumbar_left"].get_text()
    assert body.summary == view.summary_line(r)


def test_bands_are_coloured_and_sized_by_activation():
    r = solve_stance(glute_med_strength_right=20, strategy="upright")
    body = view.draw_body(r)
    band = body["band_glute_med"]
    assert band.get_facecolor() == pytest.approx(
        view.activation_colour(float(r.glute_med_activation_pct))
    )
    # Darker (less light) for more activation: lightness carries the value.
    pale, dark = view.activation_colour(5.0), view.activation_colour(95.0)
    assert sum(pale[:3]) > sum(dark[:3]) + 1.0
    # A muscle at 100 % of its capacity gets a thick outline (none goes above),
    # the pelvis label says it drops, and the body is drawn as it is.
    assert bool(r.feasible) and bool(r.abductors_at_capacity)
    assert body["band_glute_med"].get_linewidth() == 3.5
    assert body["band_glute_med"].get_hatch() is None
    assert body["value_drop"].get_text().startswith("drops")
    assert not body["over_label"].get_visible()
    assert body["pelvis"].get_alpha() is None
    view.update_body(body, solve_stance())
    assert body["band_glute_med"].get_linewidth() == 1.5
    assert body["value_drop"].get_text() == "level"
    # What cannot be held fades behind a message that says so, in place.
    view.update_body(body, solve_stance(glute_med_strength_right=0.0, strategy="upright"))
    assert body["over_label"].get_visible()
    assert "cannot stand" in body["over_label"].get_text()
    assert body["pelvis"].get_alpha() == pytest.approx(0.25)
    view.update_body(body, solve_stance())
    assert not body["over_label"].get_visible() and body["pelvis"].get_alpha() is None


def test_stance_leg_puts_the_foot_under_the_body():
    """The stance foot is drawn under the body, medial to the stance hip, as the
    model's balance places it (never a leg that would tip the person over)."""
    r = solve_stance()
    pts = view.body_points(r)
    hip_x = float(pts["hip_stance"][0])
    foot_x = float(np.mean(pts["foot_stance"][:, 0]))
    midline = float(np.mean(pts["pelvis"][:, 0]))
    assert abs(foot_x - midline) < abs(hip_x - midline)  # the foot is medial to the hip


def test_absent_loads_are_hidden_not_removed():
    body = view.draw_body(solve_stance())
    assert not body["arrow_bag"].get_visible() and not body["bag"].get_visible()
    assert not body["arrow_cane"].get_visible() and not body["title_cane"].get_visible()
    view.update_body(body, solve_stance(bag_kg=5, cane_pct_bw=8))
    for name in ("arrow_bag", "bag", "title_bag", "arrow_cane", "cane", "value_cane"):
        assert body[name].get_visible(), name
    assert body.state["layout_changed"], "labels drawn as background changed"
    view.update_body(body, solve_stance(bag_kg=6, cane_pct_bw=9))
    assert not body.state["layout_changed"]


def test_stance_side_switch_moves_the_labels_and_the_letters_stay():
    body = view.draw_body(solve_stance())
    x_right = body["title_abductors"].get_position()[0]
    view.update_body(body, solve_stance(stance_side="left"))
    assert body["title_abductors"].get_text() == "left hip abductors"
    assert body["title_abductors"].get_position()[0] < 0.5 < x_right
    assert body["stance_label"].get_text() == "stance: left leg"


# ------------------------------------------------------------------- share
def test_share_bars_are_the_forces_in_body_weights():
    r = solve_stance(glute_med_strength_right=25, strategy="lean")
    share = view.draw_share(r)
    assert share["bar_abductors"].get_width() == pytest.approx(float(r.abductor_force_bw))
    assert share["bar_lumbar_contralateral"].get_width() == pytest.approx(
        float(r.lumbar_contralateral_force_bw)
    )
    assert share["bar_lumbar_ipsilateral"].get_width() == pytest.approx(
        float(r.lumbar_ipsilateral_force_bw)
    )
    keys = ("abductors", "lumbar_contralateral", "lumbar_ipsilateral")
    hatches = {share[f"bar_{k}"].get_hatch() for k in keys}
    assert len(hatches) == 3, "each bar has its own hatch, not just its own colour"
    labels = [t.get_text() for t in share.ax.get_yticklabels()]
    assert "left lower back\n(other side)" in labels
    view.update_share(share, solve_stance(stance_side="left", bag_kg=20))
    labels = [t.get_text() for t in share.ax.get_yticklabels()]
    assert "right lower back\n(other side)" in labels
    assert share.state["layout_changed"]
    widest = max(share[f"bar_{k}"].get_width() for k in keys)
    assert widest <= 0.7 * share.ax.get_xlim()[1], "the axis grows to keep the bars inside"


# ------------------------------------------------------------------- curve
def test_sweep_equals_single_solves():
    inp = StanceInput(subject=Subject(mass_kg=80), bag_kg=3)
    sweep = view.sweep_stance(inp, "stance_strength", [10.0, 55.0, 90.0])
    for i, s in enumerate((10.0, 55.0, 90.0)):
        one = solve_stance(inp, glute_med_strength_right=s)
        assert float(one.lumbar_contralateral_force_n) == pytest.approx(
            sweep.result.lumbar_contralateral_force_n[i], rel=1e-9, abs=1e-9
        )
    left = view.sweep_stance(StanceInput(stance_side="left"))
    assert np.all(np.asarray(left.result.inputs.glute_med_strength_left) == left.values)
    with pytest.raises(ValueError, match="parameter must be one of"):
        view.sweep_stance(inp, "mood")
    with pytest.raises(ValueError, match="at least two"):
        view.sweep_stance(inp, "bag_kg", [1.0])
    with pytest.raises(ValueError, match="bag"):
        view.sweep_stance(inp, "bag_kg", [1.0, 99.0])


def test_curve_marks_the_current_setting_and_moves_in_place():
    sweep = view.sweep_stance(StanceInput(strategy="upright"))
    now = solve_stance(glute_med_strength_right=30, strategy="upright")
    curve = view.draw_curve(sweep, current=now)
    line = curve["line_lumbar_contralateral_force_bw"]
    assert np.allclose(line.get_ydata(), sweep.result.lumbar_contralateral_force_bw)
    assert curve["current_line"].get_xdata()[0] == 30.0
    point = curve["point_abductor_force_bw"]
    assert point.get_xdata()[0] == 30.0
    assert point.get_ydata()[0] == pytest.approx(float(now.abductor_force_bw))
    styles = {curve[f"line_{n}"].get_linestyle() for n in view.DEFAULT_OUTPUTS}
    assert len(styles) == 3, "line style, not only colour, tells the curves apart"
    # Weak and upright: a range of strengths is hatched as over capacity.
    assert len(curve["over_capacity"].get_paths()) >= 1
    ids = {n: id(a) for n, a in curve.items.items()}
    view.update_curve(curve, solve_stance(glute_med_strength_right=80, strategy="upright"))
    assert curve["current_line"].get_xdata()[0] == 80.0
    assert {n: id(a) for n, a in curve.items.items()} == ids
    assert "80" in curve.summary


def test_curve_of_any_output_against_another_input():
    sweep = view.sweep_stance(StanceInput(glute_med_strength_right=50), "cane_pct_bw")
    curve = view.draw_curve(sweep, ("hip_contact_force_bw", "trunk_lean_deg"))
    assert curve.ax.get_xlabel() == "cane push [% of body weight]"
    assert curve.ax.get_ylabel() == "value"  # mixed units
    assert view.draw_curve(sweep).ax.get_ylabel() == "force [× body weight]"
    assert "From cane push" in curve.summary
    with pytest.raises(ValueError, match="unknown output"):
        view.draw_curve(sweep, ("happiness",))
    with pytest.raises(ValueError, match="Sweep"):
        view.draw_curve(solve_stance())


def test_figures_refuse_a_batch():
    batch = solve_stance(glute_med_strength_right=np.array([20.0, 80.0]))
    for draw in (view.draw_body, view.draw_share, view.summary_line):
        with pytest.raises(ValueError, match="one scenario"):
            draw(batch)


# ----------------------------------------------------- panels and rendering
def decode(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def test_panels_are_not_pyplot_figures_and_fast_png_matches_a_full_draw():
    r = solve_stance(glute_med_strength_right=30, strategy="lean")
    panels = view.draw_panels(r)
    assert plt.get_fignums() == [], "the dashboard figure is not managed by pyplot"
    fast = view.FastPNG(panels)
    first = decode(fast.render())
    width, height = panels.figure.canvas.get_width_height()
    assert first.shape == (height, width, 4)
    for strength in (55.0, 80.0):
        changed = view.update_panels(
            panels, solve_stance(glute_med_strength_right=strength, strategy="lean")
        )
        if changed:
            fast.invalidate()
        quick = decode(fast.render())
        full = decode(fast.png())
        differ = np.any(quick != full, axis=-1).mean()
        assert differ < 0.005, "only anti-aliasing at a few edges may differ"
        assert np.any(quick != first), "the picture changed"
    assert fast.full_draws <= 3


def test_the_figure_options_size_the_figure_and_a_misspelt_one_is_refused():
    bend = gluteed.solve_bend()
    panels = view.draw_bend_panels(bend, figsize=(6.0, 3.0), dpi=50.0, scale=1.3)
    assert panels.figure.canvas.get_width_height() == (300, 150)
    assert panels.diagram.state["scale"] == 1.3
    walk = gluteed.solve_walk()
    assert tuple(view.draw_walk_panels(walk).figure.get_size_inches()) == (14.5, 7.6)
    fig = panels.figure
    assert view.draw_walk_panels(walk, 40.0, fig=fig).figure is fig
    with pytest.raises(
        TypeError, match=r"unknown figure option\(s\) figsiz: allowed fig, scale, figsize, dpi"
    ):
        view.draw_panels(solve_stance(), figsiz=(6.0, 3.0))


def test_saving_a_figure_writes_only_where_asked(tmp_path):
    fast = view.FastPNG(view.draw_panels(solve_stance()))
    path = tmp_path / "figure.png"
    fast.savefig(path)
    assert decode(path.read_bytes()).shape[-1] == 4
    with pytest.raises(ValueError, match=r"figure\.png.*exists already"):
        fast.savefig(path)
    fast.savefig(path, overwrite=True)
    (tmp_path / "link.png").symlink_to(tmp_path / "elsewhere.png")
    with pytest.raises(ValueError, match="symbolic link"):
        fast.savefig(tmp_path / "link.png", overwrite=True)
    buffer = io.BytesIO()
    fast.savefig(buffer, format="png")
    assert decode(buffer.getvalue()).shape == decode(path.read_bytes()).shape
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figure.png", "link.png"]


def test_png_encoder_round_trips():
    rng = np.random.default_rng(3)
    rgba = rng.integers(0, 256, size=(37, 53, 4), dtype=np.uint8)
    assert np.array_equal(decode(encode_png(rgba)), rgba)


def test_colours_are_okabe_ito():
    okabe_ito = {to_rgba(c) for c in view.OKABE_ITO.values()}
    for key in ("abductors", "lumbar_contralateral", "lumbar_ipsilateral"):
        assert to_rgba(view.STYLES[key]["color"]) in okabe_ito


# -------------------------------------------------------------------- bend
def line_angle(points) -> float:
    (x0, y0), (x1, y1) = points
    return float(np.degrees(np.arctan2(x1 - x0, y1 - y0)))


def test_bend_drawing_follows_the_bend_model():
    from gluteed import solve_bend

    r = solve_bend(trunk_inclination_deg=70.0, ake_deg=45.0)
    pts = view.bend_points(r)
    hip_flex, lumbar = float(r.hip_flexion_deg), float(r.lumbar_flexion_deg)
    assert line_angle(pts["pelvis_reference"]) == pytest.approx(hip_flex)
    assert line_angle(pts["trunk_axis"]) == pytest.approx(hip_flex + lumbar)
    assert line_angle(pts["vertical_reference"]) == pytest.approx(0.0)
    assert np.allclose(pts["leg"][:, 0], 0.0), "straight, vertical legs"
    # The hamstrings run from the pelvis to the tibia: a forward tilt stretches them.
    upright = view.bend_points(solve_bend(trunk_inclination_deg=0.0, ake_deg=45.0))
    stretched = np.hypot(*np.diff(pts["muscles"]["hamstrings"], axis=0)[0])
    relaxed = np.hypot(*np.diff(upright["muscles"]["hamstrings"], axis=0)[0])
    assert stretched > relaxed


def test_bend_diagram_updates_in_place_and_shows_passive_tension():
    from gluteed import solve_bend

    loose = solve_bend(trunk_inclination_deg=30.0, ake_deg=5.0)
    tight = solve_bend(trunk_inclination_deg=75.0, ake_deg=60.0)
    assert bool(tight.feasible)
    art = view.draw_bend(loose)
    ids = {n: id(a) for n, a in art.items.items()}
    view.update_bend(art, tight)
    assert {n: id(a) for n, a in art.items.items()} == ids
    xy = art["trunk_axis"].get_xydata()
    assert line_angle(xy) == pytest.approx(float(tight.trunk_inclination_deg), abs=1e-6)
    passive = float(tight.hamstring_passive_force_n) > float(tight.hamstring_active_force_n)
    assert (art["band_hamstrings"].get_hatch() == "////") == passive
    assert f"{float(tight.lumbar_flexion_deg):.0f}°" in art["value_lumbar_flexion"].get_text()
    assert art.summary == view.bend_summary_line(tight)
    assert not art["hypothesis_label"].get_visible()
    assert not art["cannot_label"].get_visible()
    view.update_bend(
        art, solve_bend(trunk_inclination_deg=75.0, ake_deg=60.0, glute_inhibition=True)
    )
    assert art["hypothesis_label"].get_visible() and art.state["layout_changed"]


def test_bend_out_of_reach_is_drawn_at_the_deepest_bend():
    """Beyond the reachable inclination the diagram says "cannot bend this far"
    and draws the person, faded, at the deepest bend they can reach; the
    dashed ray marks that inclination in every picture."""
    from gluteed import solve_bend

    out = solve_bend(trunk_inclination_deg=100.0, ake_deg=60.0)
    reach = float(out.reachable_trunk_inclination_deg)
    assert not bool(out.feasible) and reach < 100.0
    art = view.draw_bend(out)
    assert art["cannot_label"].get_visible()
    assert "cannot bend 100° with straight knees" in art["cannot_label"].get_text()
    assert line_angle(art["trunk_axis"].get_xydata()) == pytest.approx(reach, abs=1e-4)
    assert line_angle(art["reach_line"].get_xydata()) == pytest.approx(reach, abs=1e-9)
    assert not art["band_hamstrings"].get_visible()
    assert art["value_compression"].get_text() == "—"
    assert f"{reach:.0f}°" in art["value_reach"].get_text()
    assert "CANNOT BEND THIS FAR" in art.summary and out.reason in art.summary
    # Back within reach: the person is drawn as asked, muscles and all.
    within = solve_bend(trunk_inclination_deg=60.0, ake_deg=60.0)
    view.update_bend(art, within)
    assert not art["cannot_label"].get_visible() and art["band_hamstrings"].get_visible()
    assert line_angle(art["trunk_axis"].get_xydata()) == pytest.approx(60.0, abs=1e-6)
    assert line_angle(art["reach_line"].get_xydata()) == pytest.approx(reach, abs=1e-9)
    assert "without muscle tone" in art["value_compression"].get_text()


def test_bend_sweep_and_curve():
    from gluteed import BendInput, solve_bend

    inp = BendInput(trunk_inclination_deg=60.0)
    sweep = view.sweep_bend(inp, "ake_deg", [10.0, 40.0, 70.0])
    one = solve_bend(inp, ake_deg=40.0)
    assert float(one.lumbar_flexion_deg) == pytest.approx(sweep.result.lumbar_flexion_deg[1])
    curve = view.draw_curve(sweep, view.BEND_OUTPUTS, current=one)
    assert curve["current_line"].get_xdata()[0] == 40.0
    # Tightness past the reach of a deep bend is hatched as out of reach.
    deep = view.sweep_bend(BendInput(trunk_inclination_deg=100.0), "ake_deg")
    assert 0 < np.sum(deep.result.feasible) < 91
    curve = view.draw_curve(deep, view.BEND_OUTPUTS)
    assert len(curve["over_capacity"].get_paths()) == 1
    with pytest.raises(ValueError, match="parameter"):
        view.sweep_bend(inp, "mood")


# -------------------------------------------------------------------- gait
@pytest.fixture(scope="module")
def walk():
    from gluteed import solve_walk

    return solve_walk(glute_med_strength_right=40.0)


def test_gait_plot_draws_the_stride_and_moves_the_marker(walk):
    gait = view.draw_gait(walk, current_pct=30.0)
    for name in view.GAIT_OUTPUTS:
        line = gait[f"line_{name}"]
        assert np.allclose(line.get_ydata(), getattr(walk, name))
        assert np.allclose(line.get_xdata(), walk.gait_cycle_pct)
    i = int(np.argmin(np.abs(walk.gait_cycle_pct - 30.0)))
    point = gait["point_glute_med_force_right_bw"]
    assert point.get_ydata()[0] == pytest.approx(float(walk.glute_med_force_right_bw[i]))
    both = np.asarray(walk.right_foot_down) & np.asarray(walk.left_foot_down)
    assert len(gait["double_support"].get_paths()) == len(flagged_ranges(walk.gait_cycle_pct, both))
    ids = {n: id(a) for n, a in gait.items.items()}
    view.update_gait(gait, walk, 70.0)
    assert gait["current_line"].get_xdata()[0] == 70.0
    assert {n: id(a) for n, a in gait.items.items()} == ids
    assert "at 70 % of the stride" in gait.summary


def test_walk_frame_puts_the_stride_into_a_stance_picture(walk):
    early, late = view.walk_frame(walk, 25.0), view.walk_frame(walk, 75.0)
    assert early.stance_side == "right" and late.stance_side == "left"
    i = int(np.argmin(np.abs(walk.gait_cycle_pct - 75.0)))
    assert float(late.glute_med_force_n) == pytest.approx(float(walk.glute_med_force_left_n[i]))
    assert float(late.lumbar_right_force_n) == pytest.approx(float(walk.lumbar_right_force_n[i]))
    # Left stance: lean toward the left is the stride's lean toward the right, negated.
    assert float(late.trunk_lean_deg) == pytest.approx(-float(walk.trunk_lean_deg[i]))
    body = view.draw_body(early)
    view.update_body(body, late)
    assert body["stance_label"].get_text() == "stance: left leg"


def test_walk_panels_render(walk):
    panels = view.draw_walk_panels(walk, 10.0)
    fast = view.FastPNG(panels)
    first = fast.render()
    view.update_walk_panels(panels, walk, 60.0)
    assert fast.render() != first
    assert plt.get_fignums() == []


def test_share_labels_are_the_share_of_the_three_forces():
    r = solve_stance(glute_med_strength_right=25, strategy="lean")
    share = view.draw_share(r)
    forces = [r.abductor_force_n, r.lumbar_contralateral_force_n, r.lumbar_ipsilateral_force_n]
    total = sum(float(f) for f in forces)
    for key, force in zip(
        ("abductors", "lumbar_contralateral", "lumbar_ipsilateral"), forces, strict=True
    ):
        assert share[f"value_{key}"].get_text() == f" {100 * float(force) / total:.0f} %"


def test_no_minus_zero_in_summaries_or_labels():
    """A tiny negative number prints as 0, not "-0.0" (or "-0")."""
    import dataclasses
    import re

    from matplotlib.text import Text

    from gluteed.text import num

    assert [num(-0.04, 1), num(-0.4, 0), num(-0.004, 2), num(-0.06, 1)] == [
        "0.0",
        "0",
        "0.00",
        "-0.1",
    ]
    result = dataclasses.replace(
        solve_stance(), trunk_lean_deg=np.float64(-0.04), pelvic_drop_deg=np.float64(-0.03)
    )
    minus_zero = re.compile(r"(?<![\d.])[-−]0(?:\.0+)?(?![.\d]*[1-9])")
    line = view.summary_line(result)
    assert "trunk lean 0.0°" in line and "pelvic drop 0.0°" in line
    assert not minus_zero.search(line), line
    panels = view.draw_panels(result)
    panels.figure.canvas.draw()
    texts = [t.get_text() for t in panels.figure.findobj(Text) if t.get_visible()]
    assert not [t for t in texts if minus_zero.search(t)]
    assert minus_zero.search("lean -0.0°"), "the pattern finds what it looks for"


@pytest.mark.parametrize("strength", [100.0, 26.0, 5.0])
def test_the_arms_hang_from_the_shoulders_whatever_the_lean(strength):
    """The arms move with the trunk (their tops are the trunk's shoulder corners) and
    hang plumb below them, as relaxed arms do, at every lean the model gives."""
    from gluteed.cases import load_case
    from gluteed.stance import solve_stance

    case = load_case("duchenne-compensator")
    case = replace(case, glute_med_strength_right_pct=strength)
    result = solve_stance(case.stance_input())
    points = view.body_points(result)
    trunk = np.asarray(points["trunk"])
    for name in ("arm_stance", "arm_swing"):
        arm = np.asarray(points[name])
        gaps = np.hypot(*(trunk - arm[0]).T)
        assert gaps.min() < 1e-9, f"{name} starts {gaps.min():.3g} away from the trunk"
        assert np.allclose(arm[:, 0], arm[0, 0]), f"{name} does not hang plumb"
    assert abs(float(result.trunk_lean_deg)) > 5 or strength == 100.0


def test_fast_png_draws_again_only_the_texts_that_changed():
    panels = view.draw_panels(solve_stance(glute_med_strength_right=40, strategy="lean"))
    fast = view.FastPNG(panels)
    fast.render()
    drawn = []
    keep = fast._texts._keep

    def counting(text, renderer, look):
        drawn.append(text.get_text())
        return keep(text, renderer, look)

    fast._texts._keep = counting
    fast.render()
    assert drawn == [], "nothing changed: every text is pasted"
    before = {id(t): fast._texts.look(t) for t in fast._order if isinstance(t, Text)}
    view.update_panels(panels, solve_stance(glute_med_strength_right=41, strategy="lean"))
    fast.render()
    texts = [t for t in fast._order if isinstance(t, Text) and t.get_visible()]
    changed = [t.get_text() for t in texts if before[id(t)] != fast._texts.look(t)]
    assert drawn and sorted(drawn) == sorted(changed), "exactly the changed texts are drawn"
    quick = decode(fast.render())
    full = decode(fast.png())
    assert np.abs(quick.astype(int) - full.astype(int)).max(axis=-1).astype(bool).mean() < 0.002
