"""The parameter registry: each user input declared once, each bound accepted everywhere.

At exactly its lower and upper bound every declared number is accepted by the
model, the case-file parser, the command line and the dashboard sliders; one
step outside it is refused with a message that names the parameter.
"""

import json
import re
from dataclasses import replace

import numpy as np
import pytest
from cli_support import run

from gluteed import (
    BendInput,
    Load,
    Programme,
    StanceInput,
    Subject,
    WalkInput,
    exercise,
    solve_free_body,
    solve_walk,
)
from gluteed.cases import Case, parse_case
from gluteed.gait import _NUMBER_FIELDS as WALK_FIELDS
from gluteed.parameters import (
    PARAMETERS,
    Parameter,
    case_parameter,
    check,
    check_fields,
    parameter,
)
from gluteed.stance import NUMBER_FIELDS as STANCE_FIELDS
from gluteed.training import trained_strength_pct, weekly_rate

NUMBERS = [p for p in PARAMETERS.values() if p.is_number]
HEAVY = Subject(mass_kg=200.0)  # carries the heaviest bag (40 kg is 20 % of 200 kg)


def closed_bounds(p: Parameter) -> list[float]:
    """The bounds a value may equal."""
    return [b for b, is_open in ((p.lo, p.lo_open), (p.hi, p.hi_open)) if not is_open]


def one_step_outside(p: Parameter) -> list[float]:
    step = p.step or (p.hi - p.lo) / 100
    return [p.lo - step, p.hi + step]


def refused_naming(call, value, name: str, unit: str = "") -> None:
    with pytest.raises(ValueError) as err:
        call(value)
    message = str(err.value)
    assert name in message and "\n" not in message, message
    assert unit in message, message


# --------------------------------------------------------------- the registry
def test_a_parameter_is_declared_once_with_range_unit_label_and_help():
    cane = parameter("cane_pct_bw")
    assert (cane.lo, cane.hi, cane.unit) == (0.0, 30.0, "% of body weight")
    assert cane.range_text() == "0 to 30 % of body weight"
    assert cane.label == "Cane push [% body weight]" and cane.case_field == "cane_pct_bw"
    assert case_parameter("walking_speed_ms") is parameter("speed_ms")
    for p in PARAMETERS.values():
        assert p.help and p.label, p.name
        if p.is_number:
            assert p.lo < p.hi, p.name
            assert p.slider_range[0] >= p.lo and p.slider_range[1] <= p.hi, p.name
            assert p.sweep_range[0] >= p.lo and p.sweep_range[1] <= p.hi, p.name
            if p.default is not None:
                p.check(p.default)  # every default is allowed


@pytest.mark.parametrize("lookup", [parameter, case_parameter, lambda n: check(n, 1.0)])
def test_an_unknown_name_is_an_error_naming_it(lookup):
    with pytest.raises(KeyError) as err:
        lookup("cane_pct")
    assert "'cane_pct'" in str(err.value) and "declared" in str(err.value)
    assert isinstance(err.value, ValueError), "callers that catch ValueError see it too"


@pytest.mark.parametrize("p", NUMBERS, ids=lambda p: p.name)
def test_check_accepts_each_bound_and_refuses_one_step_outside(p):
    for bound in closed_bounds(p):
        assert p.check(bound) == bound
    for value in one_step_outside(p):
        refused_naming(p.check, value, p.short, p.unit)


def test_a_value_beyond_a_bound_by_rounding_only_is_the_bound():
    """30 * x / x is not always 30 in binary arithmetic; the model gets exactly 30."""
    beyond = float(np.nextafter(30.0, 31.0))
    assert check("cane_pct_bw", beyond) == 30.0
    assert check("cane_pct_bw", np.array([0.0, beyond]))[1] == 30.0
    with pytest.raises(ValueError, match=r"cane = 30\.0001"):
        check("cane_pct_bw", 30.0001)


def test_the_models_constants_are_the_registry_values():
    from gluteed import gait, hamstrings, stance, training

    assert gait.SPEED_RANGE_MS == (0.7, 1.6) == parameter("speed_ms").range
    assert gait.DEFAULT_SPEED_MS == parameter("speed_ms").default == 1.1
    assert hamstrings.AKE_RANGE_DEG == parameter("ake_deg").range
    assert tuple(stance.STRATEGIES) == parameter("strategy").choices
    assert stance.SIDES == parameter("stance_side").choices
    assert training.LBP_START_STRENGTH_PCT == 69.0
    assert hamstrings.INHIBITION_STRENGTH == parameter("inhibition_strength").default


def test_the_slr_range_is_the_ake_range_converted_and_rounded_inward():
    from gluteed.hamstrings import ake_to_slr

    lo, hi = parameter("slr_deg").range
    assert lo == np.ceil(ake_to_slr(90.0) - 1e-6) and hi == np.floor(ake_to_slr(0.0) + 1e-6)


# ------------------------------------------------------------------ the models
#: A free body whose extra load keeps the net moment positive at every weight arm.
FBD_BASE = {"weight": 600.0, "weight_arm": 0.1, "abductor_arm": 0.05, "loads": [(1000.0, 1.0)]}


def _input(cls, **base):
    return lambda name: lambda v: cls(**base, **{name: v})


MODEL = {
    **{n: _input(StanceInput, subject=HEAVY)(n) for n in STANCE_FIELDS},
    **{n: _input(WalkInput, subject=HEAVY, frames=101)(n) for n in WALK_FIELDS},
    "frames": lambda v: WalkInput(frames=v),
    **{n: _input(Subject)(n) for n in ("mass_kg", "height_m")},
    **{
        n: _input(BendInput)(n)
        for n in (
            "trunk_inclination_deg",
            "ake_deg",
            "slr_deg",
            "glute_max_strength_pct",
            "inhibition_strength",
        )
    },
    **{
        n: _input(Programme)(n)
        for n in ("weeks", "sessions_per_week", "start_strength_pct", "reference_rate_per_week")
    },
    "ceiling_pct": lambda v: trained_strength_pct(
        4, start_pct=0.5, rate_per_week=0.1, ceiling_pct=v
    ),
    "week": lambda v: trained_strength_pct(v, start_pct=50, rate_per_week=0.1),
    "start_pct": lambda v: trained_strength_pct(4, start_pct=v, rate_per_week=0.1),
    "rate_per_week": lambda v: trained_strength_pct(4, start_pct=50, rate_per_week=v),
    "dose_sessions_per_week": lambda v: weekly_rate(v, 9),
    "sets_per_session": lambda v: weekly_rate(3, v),
    "sets": lambda v: replace(exercise("squat"), sets=v),
    "reps_per_set": lambda v: replace(exercise("squat"), reps_per_set=v),
    "load_force": lambda v: Load(force_n=v, arm_m=0.1),
    "load_distance": lambda v: Load(force_n=10.0, arm_m=v),
    **{
        n: (lambda name: lambda v: solve_free_body(**{**FBD_BASE, name: v}))(n)
        for n in ("weight", "weight_arm", "abductor_arm", "abductor_angle", "body_weight")
    },
}
#: Declared numbers that no model takes: the dashboard reads them itself.
DASHBOARD_ONLY = {"cycle_pct"}


def test_every_declared_number_is_taken_by_a_model_or_a_dashboard():
    assert {p.name for p in NUMBERS} == set(MODEL) | DASHBOARD_ONLY


@pytest.mark.parametrize("name", sorted(MODEL))
def test_the_model_accepts_each_bound_and_refuses_one_step_outside(name):
    p, make = parameter(name), MODEL[name]
    for bound in closed_bounds(p):
        make(bound)
    for value in one_step_outside(p):
        refused_naming(make, value, p.short)


@pytest.mark.parametrize("speed", [0.7, 0.8, 0.95, 1.05, 1.3, 1.55, 1.6])
def test_walking_with_the_heaviest_cane_is_accepted_at_every_speed(speed):
    """The cane follows the leg's load, 30 * load / max(load): 30 at the peak."""
    result = solve_walk(cane_pct_bw=30.0, speed_ms=speed)
    assert result.inputs.cane_pct_bw == 30.0


def test_a_bag_of_exactly_30_percent_of_body_mass_is_accepted():
    for mass in np.arange(30.0, 200.5, 0.5):
        for bag in {mass * 0.30, mass * 30 / 100, round(mass * 0.3, 6)}:
            StanceInput(subject=Subject(mass_kg=mass), bag_kg=min(bag, 40.0))
    with pytest.raises(ValueError, match=r"bag = 9.301 kg is out of range.*30%"):
        StanceInput(subject=Subject(mass_kg=31.0), bag_kg=9.301)


# ------------------------------------------------------------------ case files
CASE_NUMBERS = [f for f in Case.__dataclass_fields__ if f in {p.case_field for p in NUMBERS}]


def _case_file(**fields) -> bytes:
    return json.dumps({"name": "c", "title": "t", "description": "d", **fields}).encode()


def test_every_numeric_case_field_is_declared():
    from gluteed.cases import _NUMBERS

    assert set(CASE_NUMBERS) == set(_NUMBERS)
    assert len(CASE_NUMBERS) == 8


@pytest.mark.parametrize("key", CASE_NUMBERS)
def test_a_case_file_accepts_each_bound_and_refuses_one_step_outside(key):
    p = case_parameter(key)
    for bound in closed_bounds(p):
        assert getattr(parse_case(_case_file(**{key: bound})), key) == bound
    for value in one_step_outside(p):
        refused_naming(lambda v: parse_case(_case_file(**{key: v})), value, key, p.unit)


def test_case_defaults_are_the_declared_defaults():
    case = Case(name="c", title="t", description="d")
    for key in Case.__dataclass_fields__:
        if key not in ("name", "title", "description"):
            assert getattr(case, key) == case_parameter(key).default, key


def test_bend_defaults_are_the_declared_defaults():
    inp = BendInput()
    for name in ("trunk_inclination_deg", "glute_max_strength_pct", "activation_exponent"):
        assert getattr(inp, name) == parameter(name).default, name
    assert inp.inhibition_strength == parameter("inhibition_strength").default


def test_check_fields_normalises_in_place_and_names_the_field():
    class Fields:
        pass

    obj = Fields()
    obj.cane_pct_bw, obj.ake_deg, obj.slr_deg = 12, [10.0, 20.0], None
    check_fields(obj, ("cane_pct_bw", "ake_deg", "slr_deg"), optional=("slr_deg",))
    assert obj.cane_pct_bw == 12 and isinstance(obj.ake_deg, np.ndarray) and obj.slr_deg is None
    obj.cane_pct_bw = 31.0
    with pytest.raises(ValueError, match=r"cane.*31.*0 to 30"):
        check_fields(obj, ("cane_pct_bw",))
    obj.slr_deg = None
    with pytest.raises(ValueError, match="slr"):
        check_fields(obj, ("slr_deg",))  # None is allowed only where it is optional


# ---------------------------------------------------------------- command line
FBD = ("fbd", "--load=1000@1", "--weight", "600", "--weight-arm", "0.1", "--abductor-arm", "0.05")
CLI = [
    (("stance",), "--mass", "mass_kg"),
    (("stance",), "--height", "height_m"),
    (("stance",), "--glute-strength", "glute_med_strength_right"),
    (("stance", "--mass", "200"), "--bag", "bag_kg"),
    (("stance",), "--cane", "cane_pct_bw"),
    (("walk",), "--glute-strength-right", "glute_med_strength_right"),
    (("walk",), "--glute-strength-left", "glute_med_strength_left"),
    (("walk",), "--speed", "speed_ms"),
    (("walk",), "--cane", "cane_pct_bw"),
    (("walk", "--mass", "200"), "--bag", "bag_kg"),
    (("walk",), "--frames", "frames"),
    (("bend",), "--trunk-inclination", "trunk_inclination_deg"),
    (("bend",), "--ake", "ake_deg"),
    (("bend",), "--slr", "slr_deg"),
    (("bend",), "--glute-strength", "glute_max_strength_pct"),
    (("bend", "--glute-inhibition", "on"), "--inhibition-strength", "inhibition_strength"),
    (("train",), "--weeks", "weeks"),
    (("train",), "--sessions-per-week", "sessions_per_week"),
    (("train",), "--start-strength", "start_strength_pct"),
    (("exercises",), "--weeks", "weeks"),
    (("exercises",), "--sessions-per-week", "sessions_per_week"),
    (FBD[:2] + FBD[4:], "--weight", "weight"),
    (FBD[:4] + FBD[6:], "--weight-arm", "weight_arm"),
    (FBD[:6], "--abductor-arm", "abductor_arm"),
    (FBD, "--abductor-angle", "abductor_angle"),
    (FBD, "--body-weight", "body_weight"),
]


@pytest.mark.parametrize(("before", "flag", "name"), CLI, ids=lambda x: str(x))
def test_the_command_line_accepts_each_bound_and_refuses_one_step_outside(
    capsys, before, flag, name
):
    p = parameter(name)
    for bound in closed_bounds(p):
        code, _, err = run(capsys, *before, f"{flag}={bound:g}", "--json")
        assert code == 0, err
    for value in one_step_outside(p):
        code, _, err = run(capsys, *before, f"{flag}={value:g}", "--json")
        assert code == 2 and p.short in err and "Traceback" not in err, err


@pytest.mark.parametrize(("before", "flag", "name"), CLI, ids=lambda x: str(x))
def test_the_help_shows_the_declared_range_and_unit(capsys, before, flag, name):
    with pytest.raises(SystemExit):
        from gluteed.cli import main

        main([before[0], "--help"])
    text = " ".join(capsys.readouterr().out.split()).split(" options: ", 1)[1]
    entry = re.search(re.escape(flag) + r" [A-Z_]+ (.*?)(?= --|$)", text)
    assert entry and parameter(name).range_text() in entry.group(1), (flag, text)


# ---------------------------------------------------------------- the sliders
@pytest.fixture(scope="module")
def dashboards():
    widgets = pytest.importorskip("gluteed.widgets")
    made = [widgets.stance_dashboard(), widgets.bend_dashboard(), widgets.walk_dashboard()]
    yield made
    import matplotlib.pyplot as plt

    plt.close("all")


def test_every_slider_is_declared_and_each_bound_reaches_the_model(dashboards):
    import ipywidgets

    from gluteed.widgets import declared

    seen = set()
    for dash in dashboards:
        dash.controls["mass_kg"].value = 200  # the heaviest bag is allowed
        for name, control in dash.controls.items():
            if not isinstance(control, ipywidgets.FloatSlider):
                continue
            p = declared(name)
            seen.add(p.name)
            lo, hi = p.slider_range
            assert (control.min, control.max, control.step) == (lo, hi, p.step), name
            assert control.description == p.label and p.range_text() in control.tooltip
            for bound in (hi, lo):
                control.value = bound
                assert "out of range" not in dash.readout.value, (name, dash.readout.value)
            control.value = 200 if name == "mass_kg" else p.default if p.default is not None else lo
    assert {"mass_kg", "cane_pct_bw", "speed_ms", "trunk_inclination_deg", "cycle_pct"} <= seen


def test_a_control_that_is_not_declared_or_not_read_is_an_error():
    widgets = pytest.importorskip("gluteed.widgets")
    import ipywidgets

    class Mood(widgets.StanceDashboard):
        def _make_controls(self, case):
            return {**super()._make_controls(case), "mood": ipywidgets.FloatSlider()}

    class Unread(widgets.StanceDashboard):
        def _make_controls(self, case):
            return {**super()._make_controls(case), "activation_exponent": ipywidgets.FloatSlider()}

    with pytest.raises(KeyError, match="mood"):
        Mood()
    with pytest.raises(ValueError, match="'activation_exponent' is declared but not read"):
        Unread()
    with pytest.raises(KeyError, match="mood"):
        widgets.StanceDashboard._slider(None, "mood", 1.0)
