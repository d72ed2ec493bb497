"""The shared result base: plain JSON values, body-weight views, one scenario of a batch."""

import json

import numpy as np
import pytest

from gluteed import BendInput, StanceInput, Subject, solve_bend, solve_stance
from gluteed._results import flags, plain, texts, units_by_suffix


def test_plain_values_for_json():
    assert plain(np.float64(2.5)) == 2.5 and type(plain(np.float64(2.5))) is float
    assert plain(np.array([1, 2])) == [1.0, 2.0]
    assert plain(np.array([1.0, np.nan]), nan_as_none=True) == [1.0, None]
    assert plain(np.nan, nan_as_none=True) is None
    assert flags(np.bool_(True)) is True and flags(np.array([True, False])) == [True, False]
    assert texts(np.array("x")) == "x" and texts(np.array(["a", "b"])) == ["a", "b"]


def test_units_are_read_from_the_ends_of_the_names():
    names = ("hip_residual_nm", "l5s1_shear_n", "lumbar_share", "ake_deg", "shortening_mm")
    assert units_by_suffix(names) == {
        "hip_residual_nm": "N·m",
        "l5s1_shear_n": "N",
        "lumbar_share": "-",
        "ake_deg": "deg",
        "shortening_mm": "mm",
    }
    assert list(units_by_suffix(reversed(names))) == list(reversed(names))  # order kept
    assert units_by_suffix(["speed_ms", "stride_time_s", "activation_pct"]) == {
        "speed_ms": "m/s",
        "stride_time_s": "s",
        "activation_pct": "%",
    }


@pytest.mark.parametrize(
    ("solve", "batch", "one"),
    [
        (
            solve_stance,
            StanceInput(
                subject=Subject(mass_kg=np.array([60.0, 80.0, 100.0])),
                glute_med_strength_right=np.array([20.0, 60.0, 100.0]),
                cane_pct_bw=np.array([0.0, 5.0, 30.0]),
            ),
            StanceInput(
                subject=Subject(mass_kg=80.0), glute_med_strength_right=60.0, cane_pct_bw=5.0
            ),
        ),
        (
            solve_bend,
            BendInput(trunk_inclination_deg=np.array([10.0, 60.0, 119.0]), ake_deg=40.0),
            BendInput(trunk_inclination_deg=60.0, ake_deg=40.0),
        ),
    ],
    ids=["stance", "bend"],
)
def test_one_scenario_of_a_batch_is_that_scenario_solved_alone(solve, batch, one):
    results = solve(batch)
    picked, alone = results.scenario(1), solve(one)
    assert type(picked) is type(alone) and picked.batch_shape == ()
    a, b = picked.to_dict(), alone.to_dict()
    assert list(a) == list(b)
    for key, value in b.items():
        if key == "iterations":  # of the whole batch's search
            continue
        if isinstance(value, float):
            assert a[key] == pytest.approx(value, rel=1e-5, abs=1e-6), key  # optimiser tolerance
        else:
            assert json.dumps(a[key]) == json.dumps(value), key
    assert picked.summary() == alone.summary()
    assert picked.inputs.subject.mass_kg == alone.inputs.subject.mass_kg


def test_a_batch_is_refused_where_one_scenario_is_meant_and_a_bad_pick_is_named():
    batch = solve_stance(glute_med_strength_right=np.array([30.0, 90.0]))
    with pytest.raises(ValueError, match="summary\\(\\) describes one scenario"):
        batch.summary()
    with pytest.raises(
        ValueError, match=r"scenario index \(2,\) is not in a batch of shape \(2,\)"
    ):
        batch.scenario(2)
    with pytest.raises(ValueError, match="this result is one scenario"):
        batch.scenario(0).scenario(0)


def test_body_weight_views_and_units_dict_agree():
    r = solve_bend(BendInput(trunk_inclination_deg=50.0))
    table = r.units_dict(nan_as_none=True)
    assert table["erector_spinae_force_bw"] == pytest.approx(
        float(r.erector_spinae_force_n) / float(r.body_weight_n)
    )
    assert table["erector_spinae_force_bw"] == pytest.approx(float(r.erector_spinae_force_bw))
    assert list(table)[: len(r.UNITS)] == list(r.UNITS)
