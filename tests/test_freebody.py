"""The textbook free-body solver against worked examples and by hand."""

import math

import numpy as np
import pytest
from reference_values import REF

from gluteed.freebody import (
    MIN_ABDUCTOR_ANGLE_DEG,
    MIN_ABDUCTOR_ARM_M,
    MIN_BODY_WEIGHT_N,
    Load,
    hip_abductor_force,
    parse_load,
    pauwels_1965,
    solve_free_body,
)


def test_pauwels_worked_example():
    """Pauwels (1965), Braune & Fischer's subject, as page-cited in the
    HipJointForceModel of Fischer et al. (2021, J Biomech 139:110526): load on
    the stance hip 0.8136 BW at 10.99 cm, abductor arm 4.0 cm, abductor line
    21 deg from vertical -> abductor force 2.235 BW, hip force 3.01 BW at
    15.4 deg from vertical. Tolerance 0.5 %."""
    ref = REF["pauwels"].numbers
    r = solve_free_body(**pauwels_1965())
    assert r.abductor_force_bw == pytest.approx(ref["abductor_bw"], rel=ref["rel"])
    assert r.joint_force_bw == pytest.approx(ref["joint_bw"], rel=ref["rel"])
    assert r.joint_force_angle_deg == pytest.approx(ref["joint_angle_deg"], rel=ref["rel"])
    assert abs(r.moment_residual_nm) < 1e-9


def test_neumann_rule_of_thumb_ratio_two():
    """Body-weight arm twice the abductor arm -> abductor force twice the
    supported weight (Neumann, Kinesiology of the Musculoskeletal System)."""
    r = solve_free_body(weight=500.0, weight_arm=0.10, abductor_arm=0.05, abductor_angle=90.0)
    assert r.abductor_force_n == pytest.approx(1000.0, rel=1e-12)
    # Vertical abductor line: the joint force is the plain sum, straight up.
    assert r.joint_force_n == pytest.approx(1500.0, rel=1e-12)
    assert r.joint_force_angle_deg == pytest.approx(0.0, abs=1e-12)


def test_lever_conventions_differ_by_sine_of_line():
    """Horizontal-distance convention: F = M / (d sin(theta)); at 70 deg the two
    conventions differ by 1/sin(70 deg) - 1 = 6.4 %."""
    common = dict(weight=600.0, weight_arm=0.1, abductor_arm=0.05, abductor_angle=70.0)
    perp = solve_free_body(arm_convention="perpendicular", **common)
    horiz = solve_free_body(arm_convention="horizontal", **common)
    assert horiz.abductor_force_n / perp.abductor_force_n == pytest.approx(
        1 / math.sin(math.radians(70)), rel=1e-12
    )
    assert horiz.abductor_force_n / perp.abductor_force_n - 1 == pytest.approx(0.064, abs=0.001)
    assert abs(horiz.moment_residual_nm) < 1e-9


def test_joint_force_by_hand():
    """Force balance worked by hand: W = 500 N, F = 1000 N at 70 deg to horizontal."""
    r = solve_free_body(weight=500.0, weight_arm=0.10, abductor_arm=0.05, abductor_angle=70.0)
    fx = 1000 * math.cos(math.radians(70))
    fy = 500 + 1000 * math.sin(math.radians(70))
    assert r.joint_force_horizontal_n == pytest.approx(fx, rel=1e-12)
    assert r.joint_force_vertical_n == pytest.approx(fy, rel=1e-12)
    assert r.joint_force_n == pytest.approx(math.hypot(fx, fy), rel=1e-12)


def test_cane_and_bags():
    base = dict(weight=480.0, weight_arm=0.11, abductor_arm=0.045, abductor_angle=70.0)
    plain = solve_free_body(**base)
    cane = solve_free_body(loads=[Load(force_n=-0.15 * 576, arm_m=0.45)], **base)
    bag_opposite = solve_free_body(loads=[(100.0, 0.30)], **base)
    bag_same = solve_free_body(loads=["100@-0.15"], **base)
    assert cane.abductor_force_n < plain.abductor_force_n
    assert cane.joint_force_n < plain.joint_force_n
    assert bag_opposite.abductor_force_n > plain.abductor_force_n
    assert bag_same.abductor_force_n < plain.abductor_force_n
    # The cane's moment comes straight off the abductor moment.
    assert plain.abductor_moment_nm - cane.abductor_moment_nm == pytest.approx(0.15 * 576 * 0.45)


def test_body_weight_multiples_only_when_given():
    r = solve_free_body(weight=500.0, weight_arm=0.1, abductor_arm=0.05)
    assert r.abductor_force_bw is None and "abductor_force_bw" not in r.to_dict()
    r = solve_free_body(weight=500.0, weight_arm=0.1, abductor_arm=0.05, body_weight=600.0)
    assert r.to_dict()["joint_force_bw"] == pytest.approx(r.joint_force_n / 600.0)


def test_vectorised_helper_matches_scalar():
    moments = np.array([10.0, 20.0, 40.0])
    forces = hip_abductor_force(moments, 0.05, 70.0, "horizontal")
    assert forces == pytest.approx(moments / (0.05 * math.sin(math.radians(70))))


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        (dict(weight=-1.0), ["weight", "-1", "N"]),
        (dict(weight=float("nan")), ["weight", "nan", "N"]),
        (dict(abductor_arm=0.0), ["abductor_arm", "0", "m"]),
        (dict(abductor_angle=120.0), ["abductor_angle", "120", "90", "deg"]),
        (dict(arm_convention="diagonal"), ["arm_convention", "diagonal", "perpendicular"]),
        (dict(weight="heavy"), ["weight", "heavy", "N"]),
        (dict(loads=[(100.0,)]), ["load", "distance"]),
        (dict(loads=["100"]), ["load", "FORCE_N@ARM_M"]),
        (dict(loads=["-2000@0.4"]), ["net moment", "N·m"]),
        # Where the model has no finite answer, the input is refused instead.
        (
            dict(abductor_angle=1e-300, arm_convention="horizontal"),
            ["abductor_angle", "1e-300", "from 1 to 90 deg"],
        ),
        (dict(abductor_arm=1e-320), ["abductor_arm", "from 0.001 to 1 m"]),
        (dict(body_weight=1e-300), ["body_weight", "1e-300", "from 1 to 100000 N"]),
        (dict(weight=[500.0, 600.0]), ["weight", "single number", "(2,)"]),
        (dict(loads=None), []),
        (dict(loads=5), ["loads", "int"]),
    ],
)
def test_bad_input_names_parameter_value_and_unit(kwargs, words):
    args = dict(weight=500.0, weight_arm=0.1, abductor_arm=0.05, abductor_angle=70.0) | kwargs
    if not words:  # accepted: loads=None is no extra load
        assert solve_free_body(**args) == solve_free_body(**(args | {"loads": ()}))
        return
    with pytest.raises(ValueError) as info:
        solve_free_body(**args)
    for word in words:
        assert word in str(info.value)


def test_smallest_accepted_inputs_give_finite_numbers():
    r = solve_free_body(
        weight=1e5,
        weight_arm=1.0,
        abductor_arm=MIN_ABDUCTOR_ARM_M,
        abductor_angle=MIN_ABDUCTOR_ANGLE_DEG,
        arm_convention="horizontal",
        loads=[(1e5, 2.0)] * 10,
        body_weight=MIN_BODY_WEIGHT_N,
    )
    assert all(math.isfinite(v) for v in r.to_dict().values())


def test_parse_load_round_trip():
    load = parse_load(" -120.5@0.45 ")
    assert (load.force_n, load.arm_m) == (-120.5, 0.45)
    with pytest.raises(ValueError, match="numbers"):
        parse_load("ten@0.2")
